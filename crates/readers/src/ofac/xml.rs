//! A thin layer over quick-xml's pull parser for OFAC's two XML formats: element starts with
//! their attributes, element ends with the text they held, and every failure (malformed or
//! truncated XML, invalid UTF-8, oversized text) as a [`ReadError`] with its byte offset.

use crate::{Location, ReadError, MAX_FIELD_BYTES};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// What the pull parser found next.
#[derive(Debug)]
pub(crate) enum Node {
    /// An element opened, by its local name (namespace prefix dropped); its attributes are
    /// [`XmlPull::attributes`] until the next node.
    Start {
        name: String,
    },
    /// An element closed; its local name, the text directly inside it (trimmed) and the
    /// attributes of its start tag.
    End {
        name: String,
        text: String,
        attributes: Vec<(String, String)>,
    },
    Eof,
}

pub(crate) struct XmlPull {
    reader: Reader<BufReader<File>>,
    path: PathBuf,
    buf: Vec<u8>,
    /// Open elements with their attributes, innermost last.
    stack: Vec<(String, Vec<(String, String)>)>,
    text: String,
    /// An empty element `<x/>` is reported as a start, then as an end.
    pending_end: bool,
    seen_root: bool,
}

impl XmlPull {
    pub fn open(path: &Path) -> Result<XmlPull, ReadError> {
        let file = File::open(path)
            .map_err(|e| ReadError::new(path, Location::File, "a readable file", e.to_string()))?;
        if file.metadata().map(|m| m.len()).unwrap_or(0) == 0 {
            return Err(ReadError::new(path, Location::File, "an XML document", "the file is empty"));
        }
        let mut reader = Reader::from_reader(BufReader::new(file));
        reader.config_mut().trim_text(false);
        Ok(XmlPull {
            reader,
            path: path.to_owned(),
            buf: Vec::new(),
            stack: Vec::new(),
            text: String::new(),
            pending_end: false,
            seen_root: false,
        })
    }

    /// Byte offset just after the last node read.
    pub fn offset(&self) -> u64 {
        self.reader.buffer_position()
    }

    /// How many elements are open.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The attributes of the innermost open element (the one just started).
    pub fn attributes(&self) -> &[(String, String)] {
        self.stack.last().map_or(&[], |(_, attributes)| attributes.as_slice())
    }

    /// The attribute `key` of the innermost open element named `element`.
    pub fn open_attribute(&self, element: &str, key: &str) -> Option<String> {
        let (_, attributes) = self.stack.iter().rev().find(|(name, _)| name == element)?;
        attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    /// The name of the `n`th open element counted from the innermost (0), if any.
    pub fn ancestor(&self, n: usize) -> Option<&str> {
        self.stack.iter().rev().nth(n).map(|(name, _)| name.as_str())
    }

    pub fn error(&self, expected: impl Into<String>, message: impl Into<String>) -> ReadError {
        ReadError::new(&self.path, Location::Byte(self.offset()), expected, message)
    }

    pub fn next(&mut self) -> Result<Node, ReadError> {
        if std::mem::take(&mut self.pending_end) {
            if let Some((name, attributes)) = self.stack.pop() {
                return Ok(Node::End { name, text: String::new(), attributes });
            }
        }
        loop {
            // The event borrows the buffer, not `self`, so handling it may update `self`.
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let event = self.reader.read_event_into(&mut buf);
            let node = self.on_event(event);
            self.buf = buf;
            if let Some(node) = node? {
                return Ok(node);
            }
        }
    }

    fn on_event(&mut self, event: quick_xml::Result<Event<'_>>) -> Result<Option<Node>, ReadError> {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                let at = self.reader.error_position();
                return Err(ReadError::new(&self.path, Location::Byte(at), "well-formed XML", e.to_string()));
            }
        };
        match event {
            Event::Start(start) => return self.start(&start, false).map(Some),
            Event::Empty(start) => return self.start(&start, true).map(Some),
            Event::End(end) => {
                let (name, attributes) = match self.stack.pop() {
                    Some(open) => open,
                    None => (end.local_name().as_ref().to_owned(), Vec::new()),
                };
                let text = std::mem::take(&mut self.text).trim().to_owned();
                return Ok(Some(Node::End { name, text, attributes }));
            }
            Event::Text(text) => self.push_text(&text.xml10_content())?,
            Event::CData(data) => self.push_text(&data.xml10_content())?,
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&reference) {
                        Some(s) => s.to_owned(),
                        None => {
                            return Err(self.error(
                                "a predefined XML entity (&amp; &lt; &gt; &quot; &apos;)",
                                format!("unknown entity &{};", &*reference),
                            ))
                        }
                    },
                    Err(e) => return Err(self.error("a valid character reference", e.to_string())),
                };
                self.push_text(&resolved)?;
            }
            Event::Eof => {
                if let Some((open, _)) = self.stack.last() {
                    return Err(self.error(
                        format!("</{open}> before the end of the file"),
                        "the file ends inside an element: truncated?",
                    ));
                }
                if !self.seen_root {
                    return Err(self.error("an XML root element", "no element in the file"));
                }
                return Ok(Some(Node::Eof));
            }
            Event::Decl(decl) => {
                // OFAC publishes UTF-8; a file declaring another encoding is not OFAC's as
                // published, and reading it as UTF-8 would garble or refuse its text later on.
                if let Some(Ok(encoding)) = decl.encoding() {
                    let encoding = encoding.to_ascii_lowercase();
                    if encoding != "utf-8" && encoding != "utf8" {
                        return Err(self.error(
                            "UTF-8 text, as OFAC publishes",
                            format!("the XML declaration says encoding=\"{encoding}\""),
                        ));
                    }
                }
            }
            Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
        Ok(None)
    }

    fn start(&mut self, start: &BytesStart<'_>, empty: bool) -> Result<Node, ReadError> {
        let name = start.local_name().as_ref().to_owned();
        if self.stack.is_empty() && self.seen_root {
            return Err(self.error("one root element", format!("a second root <{name}>")));
        }
        self.seen_root = true;
        let mut attributes = Vec::new();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| self.error("well-formed attributes", e.to_string()))?;
            let key = attribute.key.local_name().as_ref().to_owned();
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| self.error("a well-formed attribute value", e.to_string()))?;
            if value.len() > MAX_FIELD_BYTES {
                return Err(self.error(
                    format!("attribute values of at most {MAX_FIELD_BYTES} bytes"),
                    format!("attribute {key} of <{name}> has {} bytes", value.len()),
                ));
            }
            attributes.push((key, value.into_owned()));
        }
        self.text.clear();
        self.stack.push((name.clone(), attributes));
        self.pending_end = empty;
        Ok(Node::Start { name })
    }

    fn push_text(&mut self, text: &str) -> Result<(), ReadError> {
        if self.stack.is_empty() {
            if text.trim().is_empty() {
                return Ok(());
            }
            return Err(self.error("XML markup", "text outside the root element: not an XML file?"));
        }
        if self.text.len() + text.len() > MAX_FIELD_BYTES {
            let open = self.ancestor(0).unwrap_or_default().to_owned();
            return Err(self
                .error(format!("text of at most {MAX_FIELD_BYTES} bytes"), format!("<{open}> holds more")));
        }
        self.text.push_str(text);
        Ok(())
    }
}
