//! A small streaming XML layer over quick-xml shared by the XML readers of this crate: it
//! yields the records of a file one at a time as owned element trees, so a reader holds one
//! record in memory, and it turns every parser failure into a [`ReadError`] with a byte offset.

use crate::{Location, ReadError, MAX_FIELD_BYTES};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// Deeper nesting than this is refused: no list format nests more than a dozen levels, and
/// a bound keeps hostile input from growing the element stack without limit.
const MAX_DEPTH: usize = 64;
/// The largest record (all text of one element tree) accepted, for the same reason as
/// [`MAX_FIELD_BYTES`].
const MAX_RECORD_BYTES: usize = 16 * MAX_FIELD_BYTES;

/// One element with its attributes, text and children (local names, namespaces dropped).
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// The element's own text, entity references resolved, untrimmed.
    pub text: String,
    pub children: Vec<Element>,
    /// Byte offset of the start tag in the file.
    pub offset: u64,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The attribute, trimmed, `None` when absent or blank.
    pub fn attr_value(&self, name: &str) -> Option<&str> {
        self.attr(name).map(str::trim).filter(|v| !v.is_empty())
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Every element named `name` below this one, depth first, in document order.
    pub fn descendants_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        let mut stack: Vec<&'a Element> = self.children.iter().rev().collect();
        std::iter::from_fn(move || {
            while let Some(el) = stack.pop() {
                stack.extend(el.children.iter().rev());
                if el.name == name {
                    return Some(el);
                }
            }
            None
        })
    }

    /// The trimmed text of this element, `None` when blank.
    pub fn value(&self) -> Option<&str> {
        Some(self.text.trim()).filter(|t| !t.is_empty())
    }

    /// The trimmed text of the first child `name`, `None` when absent or blank.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.children.iter().filter(|c| c.name == name).find_map(Element::value)
    }

    /// The non-blank texts of the `VALUE` children of every child `name` (UN style
    /// `<NATIONALITY><VALUE>..</VALUE></NATIONALITY>`), or of the children themselves when
    /// they have no `VALUE`.
    pub fn values_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.children_named(name).flat_map(|c| {
            let own = if c.children.is_empty() { c.value() } else { None };
            c.children_named("VALUE").filter_map(Element::value).chain(own)
        })
    }
}

/// Reads the next event into `buf` and returns it with the byte offset it starts at; a syntax
/// error names the file and the byte where the parser found it. (The buffer is borrowed apart
/// from the parser's other fields, so the event can be used while they are.)
fn next_event<'b>(
    reader: &mut Reader<BufReader<File>>,
    buf: &'b mut Vec<u8>,
    file: &Path,
) -> Result<(u64, Event<'b>), ReadError> {
    let offset = reader.buffer_position();
    buf.clear();
    let event = reader.read_event_into(buf).map_err(|e| {
        ReadError::new(file, Location::Byte(reader.error_position()), "well-formed XML", e.to_string())
    })?;
    Ok((offset, event))
}

/// A pull parser over one file, yielding the elements found at a given depth.
pub(crate) struct XmlPull {
    reader: Reader<BufReader<File>>,
    file: PathBuf,
    buf: Vec<u8>,
    /// Names of the open elements above the cursor.
    open: Vec<String>,
}

impl XmlPull {
    pub fn open(file: &Path) -> Result<XmlPull, ReadError> {
        let f = File::open(file)
            .map_err(|e| ReadError::new(file, Location::File, "a readable file", e.to_string()))?;
        let reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, f));
        Ok(XmlPull { reader, file: file.to_owned(), buf: Vec::new(), open: Vec::new() })
    }

    fn error(&self, offset: u64, expected: &str, message: impl Into<String>) -> ReadError {
        ReadError::new(&self.file, Location::Byte(offset), expected, message)
    }

    /// Reads up to the root element and returns it (name, attributes; no children).
    pub fn root(&mut self) -> Result<Element, ReadError> {
        loop {
            let (offset, event) = next_event(&mut self.reader, &mut self.buf, &self.file)?;
            match event {
                Event::Start(start) => {
                    let el = element_head(&self.file, &start, offset)?;
                    self.open.push(el.name.clone());
                    return Ok(el);
                }
                // An empty root: a document without records.
                Event::Empty(start) => return element_head(&self.file, &start, offset),
                Event::Text(t) if t.trim().is_empty() => {}
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
                Event::Eof => {
                    return Err(self.error(offset, "an XML root element", "the file has no XML element"));
                }
                _ => {
                    return Err(self.error(
                        offset,
                        "an XML root element",
                        "text or data before the root element",
                    ));
                }
            }
        }
    }

    /// The next element whose depth (root = 0) is `depth`, read whole; `None` at the end of
    /// the document. Elements above that depth are entered and left as they come.
    pub fn next_element_at(&mut self, depth: usize) -> Result<Option<Element>, ReadError> {
        loop {
            let (offset, event) = next_event(&mut self.reader, &mut self.buf, &self.file)?;
            match event {
                Event::Start(start) => {
                    let head = element_head(&self.file, &start, offset)?;
                    if self.open.len() == depth {
                        self.open.push(head.name.clone());
                        let el = self.read_subtree(head)?;
                        return Ok(Some(el));
                    }
                    if self.open.len() >= MAX_DEPTH {
                        return Err(self.error(offset, "less deeply nested XML", "too deeply nested"));
                    }
                    self.open.push(head.name);
                }
                Event::Empty(start) => {
                    let head = element_head(&self.file, &start, offset)?;
                    if self.open.len() == depth {
                        return Ok(Some(head));
                    }
                }
                Event::End(_) => {
                    self.open.pop();
                    if self.open.is_empty() {
                        self.expect_end_of_document()?;
                        return Ok(None);
                    }
                }
                Event::Eof => {
                    if let Some(inner) = self.open.last() {
                        return Err(self.error(
                            offset,
                            &format!("the closing tag </{inner}>"),
                            "the file ends in the middle of the document (truncated?)",
                        ));
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
    }

    fn expect_end_of_document(&mut self) -> Result<(), ReadError> {
        loop {
            let (offset, event) = next_event(&mut self.reader, &mut self.buf, &self.file)?;
            match event {
                Event::Eof => return Ok(()),
                Event::Text(t) if t.trim().is_empty() => {}
                Event::Comment(_) | Event::PI(_) => {}
                _ => {
                    return Err(self.error(
                        offset,
                        "the end of the document",
                        "content after the root element",
                    ))
                }
            }
        }
    }

    /// Reads the children and text of `head` (whose start tag was just read) up to its end
    /// tag, without recursion.
    fn read_subtree(&mut self, head: Element) -> Result<Element, ReadError> {
        let mut stack = vec![head];
        let mut record_bytes = 0usize;
        loop {
            let (offset, event) = next_event(&mut self.reader, &mut self.buf, &self.file)?;
            let piece = match event {
                Event::Start(start) => {
                    if self.open.len() >= MAX_DEPTH {
                        return Err(self.error(offset, "less deeply nested XML", "too deeply nested"));
                    }
                    let el = element_head(&self.file, &start, offset)?;
                    self.open.push(el.name.clone());
                    stack.push(el);
                    continue;
                }
                Event::Empty(start) => {
                    let el = element_head(&self.file, &start, offset)?;
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(el);
                    }
                    continue;
                }
                Event::End(_) => {
                    self.open.pop();
                    let done = stack.pop().unwrap_or_default();
                    match stack.last_mut() {
                        Some(parent) => {
                            parent.children.push(done);
                            continue;
                        }
                        None => return Ok(done),
                    }
                }
                Event::Text(t) => t.xml10_content().into_owned(),
                Event::CData(c) => c.xml10_content().into_owned(),
                Event::GeneralRef(r) => match resolve_reference(&r) {
                    Ok(text) => text,
                    Err((expected, message)) => return Err(self.error(offset, expected, message)),
                },
                Event::Eof => {
                    let inner = self.open.last().cloned().unwrap_or_default();
                    return Err(self.error(
                        offset,
                        &format!("the closing tag </{inner}>"),
                        "the file ends in the middle of a record (truncated?)",
                    ));
                }
                _ => continue,
            };
            let Some(current) = stack.last_mut() else { continue };
            if current.text.len() + piece.len() > MAX_FIELD_BYTES {
                let name = current.name.clone();
                return Err(self.error(
                    offset,
                    &format!("a field of at most {MAX_FIELD_BYTES} bytes"),
                    format!("the text of <{name}> is larger"),
                ));
            }
            record_bytes += piece.len();
            if record_bytes > MAX_RECORD_BYTES {
                return Err(self.error(
                    offset,
                    &format!("a record of at most {MAX_RECORD_BYTES} bytes"),
                    "the record is larger",
                ));
            }
            current.text.push_str(&piece);
        }
    }
}

/// The text of `&name;`: a character reference or one of the five predefined entities.
fn resolve_reference(r: &quick_xml::events::BytesRef) -> Result<String, (&'static str, String)> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => match &**r {
            "amp" => Ok("&".into()),
            "lt" => Ok("<".into()),
            "gt" => Ok(">".into()),
            "quot" => Ok("\"".into()),
            "apos" => Ok("'".into()),
            other => Err((
                "a predefined XML entity (&amp; &lt; &gt; &quot; &apos;)",
                format!("unknown entity &{other};"),
            )),
        },
        Err(e) => Err(("a valid character reference", e.to_string())),
    }
}

/// Name (local part) and attributes of a start tag.
fn element_head(
    file: &Path,
    start: &quick_xml::events::BytesStart,
    offset: u64,
) -> Result<Element, ReadError> {
    let name = start.local_name().into_inner().to_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| {
            ReadError::new(file, Location::Byte(offset), "well-formed attributes", e.to_string())
        })?;
        let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| {
            ReadError::new(file, Location::Byte(offset), "a well-formed attribute value", e.to_string())
        })?;
        if value.len() > MAX_FIELD_BYTES {
            return Err(ReadError::new(
                file,
                Location::Byte(offset),
                format!("a field of at most {MAX_FIELD_BYTES} bytes"),
                format!("an attribute of <{name}> is larger"),
            ));
        }
        // Namespace declarations keep their whole name (`xmlns`, `xmlns:fsd`) so a reader can
        // check the namespace; other attributes go by their local name.
        let key = attr.key.into_inner();
        let key = if key.starts_with("xmlns") { key } else { attr.key.local_name().into_inner() };
        attrs.push((key.to_owned(), value.into_owned()));
    }
    Ok(Element { name, attrs, text: String::new(), children: Vec::new(), offset })
}
