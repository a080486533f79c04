//! Records as owned element trees, read one at a time from the pull layer, so a reader holds
//! one record in memory and looks its fields up by name.

use super::{Attributes, Node, XmlPull};
use crate::{ReadError, MAX_FIELD_BYTES};

/// The largest record (all text of one element tree) accepted, for the same reason as
/// [`MAX_FIELD_BYTES`].
const MAX_RECORD_BYTES: usize = 16 * MAX_FIELD_BYTES;

/// One element with its attributes, text and children (local names, namespaces dropped).
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Attributes,
    /// The element's own text, entity references resolved, trimmed.
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

impl XmlPull {
    /// Reads up to the root element and returns it (name, attributes; no children).
    pub fn root(&mut self) -> Result<Element, ReadError> {
        match self.next()? {
            Node::Start { name, offset } => {
                Ok(Element { name, attrs: self.attributes().to_vec(), offset, ..Element::default() })
            }
            // The pull layer gives a start before any end, and refuses a file without one.
            Node::End { .. } | Node::Eof => Err(self.error("an XML root element", "no element in the file")),
        }
    }

    /// The next element whose depth (root = 0) is `depth`, read whole; `None` at the end of
    /// the document. Elements above that depth are entered and left as they come.
    pub fn next_element_at(&mut self, depth: usize) -> Result<Option<Element>, ReadError> {
        loop {
            match self.next()? {
                Node::Start { name, offset } if self.depth() == depth + 1 => {
                    return self.read_subtree(name, offset).map(Some);
                }
                Node::Start { .. } | Node::End { .. } => {}
                Node::Eof => return Ok(None),
            }
        }
    }

    /// Reads the children and text of the element just started up to its end tag, without
    /// recursion.
    fn read_subtree(&mut self, name: String, offset: u64) -> Result<Element, ReadError> {
        let mut stack =
            vec![Element { name, attrs: self.attributes().to_vec(), offset, ..Element::default() }];
        let mut record_bytes = 0usize;
        loop {
            match self.next()? {
                Node::Start { name, offset } => stack.push(Element {
                    name,
                    attrs: self.attributes().to_vec(),
                    offset,
                    ..Element::default()
                }),
                Node::End { text, .. } => {
                    record_bytes += text.len();
                    if record_bytes > MAX_RECORD_BYTES {
                        return Err(self.error(
                            format!("a record of at most {MAX_RECORD_BYTES} bytes"),
                            "the record is larger",
                        ));
                    }
                    let mut done = stack.pop().unwrap_or_default();
                    done.text = text;
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                // The pull layer refuses a file that ends inside an element.
                Node::Eof => return Err(self.error("the end of the record", "the file ends inside a record")),
            }
        }
    }
}
