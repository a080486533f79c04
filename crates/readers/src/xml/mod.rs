//! The one XML layer of the readers: a pull parser over quick-xml that opens the file, keeps
//! the open elements, counts byte offsets, enforces the size and depth limits and turns every
//! failure (malformed or truncated XML, invalid UTF-8, a declared encoding other than UTF-8,
//! oversized text, a second root) into a [`ReadError`] naming the file and the byte.
//!
//! Two ways of reading sit on it: node by node ([`XmlPull::next`], for OFAC's two formats,
//! whose readers keep their own drafts of an entry) and record by record as owned element
//! trees ([`XmlPull::next_element_at`] in [`tree`], for UN, EU and FCDO, whose records are
//! small and read best as a whole).

pub(crate) mod tree;

use crate::{Location, ReadError, MAX_FIELD_BYTES};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// Deeper nesting than this is refused: no list format nests more than a dozen levels, and a
/// bound keeps hostile input from growing the element stack without limit.
const MAX_DEPTH: usize = 64;

/// An element's attributes: (name, value), namespace prefixes dropped except on namespace
/// declarations (`xmlns`, `xmlns:fsd`), which keep their whole name so a reader can check them.
pub(crate) type Attributes = Vec<(String, String)>;

/// What the pull parser found next.
#[derive(Debug)]
pub(crate) enum Node {
    /// An element opened, by its local name; its attributes are [`XmlPull::attributes`] until
    /// the next node. `offset` is the byte of its start tag.
    Start { name: String, offset: u64 },
    /// An element closed: its local name, the text directly inside it (the pieces around its
    /// children joined, entity references resolved, trimmed) and the attributes of its start
    /// tag. An empty element `<x/>` gives a start, then an end.
    End { name: String, text: String, attributes: Attributes },
    /// The end of a well-formed document.
    Eof,
}

/// One open element.
struct Open {
    name: String,
    attributes: Attributes,
    text: String,
}

/// A pull parser over one XML file.
pub(crate) struct XmlPull {
    reader: Reader<BufReader<File>>,
    path: PathBuf,
    buf: Vec<u8>,
    /// Open elements, innermost last.
    stack: Vec<Open>,
    /// An empty element `<x/>` is reported as a start, then as an end.
    pending_end: bool,
    seen_root: bool,
}

impl XmlPull {
    /// Opens `path`; a missing, unreadable or empty file is an error.
    pub fn open(path: &Path) -> Result<XmlPull, ReadError> {
        let file = File::open(path)
            .map_err(|e| ReadError::new(path, Location::File, "a readable file", e.to_string()))?;
        if file.metadata().map(|m| m.len()).unwrap_or(0) == 0 {
            return Err(ReadError::new(path, Location::File, "an XML root element", "the file is empty"));
        }
        let mut reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, file));
        reader.config_mut().trim_text(false);
        Ok(XmlPull {
            reader,
            path: path.to_owned(),
            buf: Vec::new(),
            stack: Vec::new(),
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
        self.stack.last().map_or(&[], |open| open.attributes.as_slice())
    }

    /// The attribute `key` of the innermost open element named `element`.
    pub fn open_attribute(&self, element: &str, key: &str) -> Option<String> {
        let open = self.stack.iter().rev().find(|open| open.name == element)?;
        open.attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    /// The name of the `n`th open element counted from the innermost (0), if any.
    pub fn ancestor(&self, n: usize) -> Option<&str> {
        self.stack.iter().rev().nth(n).map(|open| open.name.as_str())
    }

    /// An error at the current offset.
    pub fn error(&self, expected: impl Into<String>, message: impl Into<String>) -> ReadError {
        self.error_at(self.offset(), expected, message)
    }

    /// An error at byte `offset`.
    pub fn error_at(
        &self,
        offset: u64,
        expected: impl Into<String>,
        message: impl Into<String>,
    ) -> ReadError {
        ReadError::new(&self.path, Location::Byte(offset), expected, message)
    }

    /// The next node.
    pub fn next(&mut self) -> Result<Node, ReadError> {
        if std::mem::take(&mut self.pending_end) {
            return Ok(self.close());
        }
        loop {
            let offset = self.offset();
            // The event borrows the buffer, not `self`, so handling it may update `self`.
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let event = self.reader.read_event_into(&mut buf);
            let node = self.on_event(event, offset);
            self.buf = buf;
            if let Some(node) = node? {
                return Ok(node);
            }
        }
    }

    /// Pops the innermost element as an end node.
    fn close(&mut self) -> Node {
        match self.stack.pop() {
            Some(open) => {
                Node::End { name: open.name, text: open.text.trim().to_owned(), attributes: open.attributes }
            }
            // quick-xml refuses an end tag without its start, so the stack is never empty here.
            None => Node::Eof,
        }
    }

    fn on_event(
        &mut self,
        event: quick_xml::Result<Event<'_>>,
        offset: u64,
    ) -> Result<Option<Node>, ReadError> {
        let event = event.map_err(|e| {
            ReadError::new(
                &self.path,
                Location::Byte(self.reader.error_position()),
                "well-formed XML",
                e.to_string(),
            )
        })?;
        match event {
            Event::Start(start) => return self.start(&start, false, offset).map(Some),
            Event::Empty(start) => return self.start(&start, true, offset).map(Some),
            Event::End(_) => return Ok(Some(self.close())),
            Event::Text(text) => self.push_text(&text.xml10_content())?,
            Event::CData(data) => self.push_text(&data.xml10_content())?,
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference)
                    .map_err(|(expected, message)| self.error(expected, message))?;
                self.push_text(&resolved)?;
            }
            Event::Eof => {
                if let Some(open) = self.stack.last() {
                    return Err(self.error(
                        format!("the closing tag </{}>", open.name),
                        format!("the file ends inside <{}>: truncated?", open.name),
                    ));
                }
                if !self.seen_root {
                    return Err(self.error("an XML root element", "no element in the file"));
                }
                return Ok(Some(Node::Eof));
            }
            Event::Decl(decl) => {
                // quick-xml reads UTF-8 only (its `encoding` feature is off): a file declaring
                // another encoding would have its text garbled or refused later on.
                if let Some(Ok(encoding)) = decl.encoding() {
                    let encoding = encoding.to_ascii_lowercase();
                    if encoding != "utf-8" && encoding != "utf8" {
                        return Err(self.error(
                            "UTF-8 text, as the publishers write",
                            format!("the XML declaration says encoding=\"{encoding}\""),
                        ));
                    }
                }
            }
            Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
        Ok(None)
    }

    fn start(&mut self, start: &BytesStart<'_>, empty: bool, offset: u64) -> Result<Node, ReadError> {
        let name = start.local_name().as_ref().to_owned();
        if self.stack.is_empty() && self.seen_root {
            return Err(self.error_at(offset, "one root element", format!("a second root <{name}>")));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error_at(offset, "less deeply nested XML", "too deeply nested"));
        }
        self.seen_root = true;
        let mut attributes = Vec::new();
        for attribute in start.attributes() {
            let attribute =
                attribute.map_err(|e| self.error_at(offset, "well-formed attributes", e.to_string()))?;
            let qualified = attribute.key.as_ref();
            let key = if qualified.starts_with("xmlns") {
                qualified.to_owned()
            } else {
                attribute.key.local_name().as_ref().to_owned()
            };
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| self.error_at(offset, "a well-formed attribute value", e.to_string()))?;
            if value.len() > MAX_FIELD_BYTES {
                return Err(self.error_at(
                    offset,
                    format!("attribute values of at most {MAX_FIELD_BYTES} bytes"),
                    format!("attribute {key} of <{name}> has {} bytes", value.len()),
                ));
            }
            attributes.push((key, value.into_owned()));
        }
        self.stack.push(Open { name: name.clone(), attributes, text: String::new() });
        self.pending_end = empty;
        Ok(Node::Start { name, offset })
    }

    fn push_text(&mut self, text: &str) -> Result<(), ReadError> {
        let Some(open) = self.stack.last_mut() else {
            if text.trim().is_empty() {
                return Ok(());
            }
            let place = if self.seen_root { "after" } else { "before" };
            return Err(self.error(
                "an XML root element holding all text",
                format!("text {place} the root element: not an XML file?"),
            ));
        };
        if open.text.len() + text.len() > MAX_FIELD_BYTES {
            let name = open.name.clone();
            return Err(self.error(
                format!("text of at most {MAX_FIELD_BYTES} bytes"),
                format!("the text of <{name}> is larger"),
            ));
        }
        open.text.push_str(text);
        Ok(())
    }
}

/// The text of `&name;`: a character reference or one of the five predefined entities (the
/// list formats declare no others).
fn resolve_reference(reference: &BytesRef<'_>) -> Result<String, (&'static str, String)> {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => match quick_xml::escape::resolve_predefined_entity(reference) {
            Some(s) => Ok(s.to_owned()),
            None => Err((
                "a predefined XML entity (&amp; &lt; &gt; &quot; &apos;)",
                format!("unknown entity &{};", &**reference),
            )),
        },
        Err(e) => Err(("a valid character reference", e.to_string())),
    }
}
