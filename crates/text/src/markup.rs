//! HTML and Markdown stripped to plain text, with every character of the result mapped back to
//! its character offset in the input, so that a mention found in the text is reported where
//! the caller's document has it.
//!
//! Written here rather than taken from an HTML parser (html5ever, scraper): those build a tree
//! and lose the source offsets, and what screening needs is little (the words a reader sees and
//! where they are), while a page from the web may be malformed anywhere; this scanner never
//! fails, it only decides what is markup.

use serde::{Deserialize, Serialize};

/// How the input is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Markup {
    /// HTML when the text starts with a tag, Markdown when it has Markdown's marks (headings,
    /// links, emphasis), plain text otherwise.
    #[default]
    Auto,
    /// Plain text: taken as it is.
    Plain,
    /// HTML: tags, comments, scripts and styles dropped, entities decoded, block tags end lines.
    Html,
    /// Markdown: heading, quote and list marks, emphasis, code ticks and link targets dropped.
    Markdown,
}

/// The text a reader sees, with the input offset of each of its characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Stripped {
    /// The plain text.
    pub text: String,
    /// `origin[i]`: the character offset in the input of the text's `i`-th character; one more
    /// entry, the input's length in characters, closes the last span. Empty for plain input,
    /// whose offsets are the text's own.
    origin: Vec<usize>,
}

impl Stripped {
    /// The input span `[start, end)` (characters) of the text's characters `[start, end)`.
    pub fn input_span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.origin.is_empty() {
            return (start, end);
        }
        let last = end.saturating_sub(1).max(start);
        let from = self.origin[start.min(self.origin.len() - 1)];
        let to = self.origin[last.min(self.origin.len() - 1)] + 1;
        (from, to.max(from))
    }
}

/// What [`Markup::Auto`] decides for `input`.
pub fn detect(input: &str) -> Markup {
    let head = input.trim_start();
    if head.starts_with('<')
        && ["<html", "<p", "<div", "<!doctype", "<body", "<h1", "<article", "<span"]
            .iter()
            .any(|tag| head.get(..tag.len()).is_some_and(|h| h.eq_ignore_ascii_case(tag)))
    {
        return Markup::Html;
    }
    let markdown_line = |line: &str| {
        let line = line.trim_start();
        line.starts_with("# ")
            || line.starts_with("## ")
            || line.starts_with("### ")
            || line.starts_with("> ")
    };
    if input.lines().any(markdown_line) || input.contains("](") || input.contains("**") {
        return Markup::Markdown;
    }
    Markup::Plain
}

/// Strips `input` written in `markup`.
pub fn strip(input: &str, markup: Markup) -> Stripped {
    match markup {
        Markup::Auto => strip(input, detect(input)),
        Markup::Plain => Stripped { text: input.to_owned(), origin: Vec::new() },
        Markup::Html => strip_html(input),
        Markup::Markdown => strip_markdown(input),
    }
}

/// Builds the text and its origin map together.
struct Builder {
    text: String,
    origin: Vec<usize>,
}

impl Builder {
    fn with_capacity(n: usize) -> Builder {
        Builder { text: String::with_capacity(n), origin: Vec::with_capacity(n) }
    }

    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        self.origin.push(at);
    }

    /// A line break standing for a block element, unless the text already ends one.
    fn break_line(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push('\n', at);
        }
    }

    fn finish(mut self, input_chars: usize) -> Stripped {
        self.origin.push(input_chars);
        Stripped { text: self.text, origin: self.origin }
    }
}

/// Tags after which a reader sees a new line (a new paragraph, cell or item).
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "title",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "figure",
    "hr",
    "dt",
    "dd",
    "pre",
    "nav",
    "aside",
    "main",
    "caption",
];

fn strip_html(input: &str) -> Stripped {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Builder::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '<' {
            if starts_with_at(&chars, i, "<!--") {
                i = find_at(&chars, i + 4, "-->").map_or(chars.len(), |end| end + 3);
                continue;
            }
            let Some(close) = chars[i..].iter().position(|&c| c == '>').map(|p| i + p) else {
                // A '<' that opens no tag is text.
                out.push(c, i);
                i += 1;
                continue;
            };
            let name = tag_name(&chars[i + 1..close]);
            if name == "script" || name == "style" {
                let end_tag = format!("</{name}");
                i = find_at_ignore_case(&chars, close + 1, &end_tag)
                    .and_then(|at| chars[at..].iter().position(|&c| c == '>').map(|p| at + p + 1))
                    .unwrap_or(chars.len());
                out.break_line(close);
                continue;
            }
            // Inline tags (<b>, <a>) separate nothing: "<b>Qasem</b> Soleimani" reads as two
            // words because of its space.
            if BLOCK_TAGS.contains(&name.as_str()) {
                out.break_line(i);
            }
            i = close + 1;
            continue;
        }
        if c == '&' {
            if let Some((decoded, len)) = decode_entity(&chars[i..]) {
                out.push(decoded, i);
                i += len;
                continue;
            }
        }
        out.push(c, i);
        i += 1;
    }
    out.finish(chars.len())
}

/// The lower-case name of the tag whose inside (between `<` and `>`) is `inner`; `/p` gives `p`.
fn tag_name(inner: &[char]) -> String {
    inner
        .iter()
        .skip_while(|&&c| c == '/' || c.is_whitespace())
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '!')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn starts_with_at(chars: &[char], at: usize, pattern: &str) -> bool {
    (at..).zip(pattern.chars()).all(|(k, p)| chars.get(k) == Some(&p))
}

fn find_at(chars: &[char], from: usize, pattern: &str) -> Option<usize> {
    (from..chars.len()).find(|&at| starts_with_at(chars, at, pattern))
}

fn find_at_ignore_case(chars: &[char], from: usize, pattern: &str) -> Option<usize> {
    let pattern: Vec<char> = pattern.chars().collect();
    (from..chars.len()).find(|&at| {
        pattern.iter().enumerate().all(|(k, p)| chars.get(at + k).is_some_and(|c| c.eq_ignore_ascii_case(p)))
    })
}

/// Decodes the character reference at the start of `chars` (`&amp;`, `&#8217;`, `&#x2019;`):
/// the character and the length of the reference. Named references cover what news pages use.
fn decode_entity(chars: &[char]) -> Option<(char, usize)> {
    let end = chars.iter().take(12).position(|&c| c == ';')?;
    let body: String = chars[1..end].iter().collect();
    let decoded = if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(value)?
    } else {
        match body.as_str() {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" | "rsquo" | "lsquo" => '\'',
            "nbsp" | "thinsp" | "ensp" | "emsp" => ' ',
            "ldquo" | "rdquo" | "laquo" | "raquo" => '"',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            _ => return None,
        }
    };
    Some((decoded, end + 1))
}

fn strip_markdown(input: &str) -> Stripped {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Builder::with_capacity(chars.len());
    let mut i = 0;
    let mut line_start = true;
    while i < chars.len() {
        if line_start {
            line_start = false;
            // Block marks at the start of a line: headings, quotes, list bullets.
            let mut k = i;
            while k < chars.len() && (chars[k] == ' ' || chars[k] == '\t') {
                k += 1;
            }
            let mark_end = {
                let mut m = k;
                while m < chars.len() && (chars[m] == '#' || chars[m] == '>') {
                    m += 1;
                }
                if m == k && m + 1 < chars.len() && matches!(chars[m], '-' | '*' | '+') && chars[m + 1] == ' '
                {
                    m += 1;
                }
                if m == k {
                    let digits = chars[m..].iter().take_while(|c| c.is_ascii_digit()).count();
                    if digits > 0
                        && chars.get(m + digits) == Some(&'.')
                        && chars.get(m + digits + 1) == Some(&' ')
                    {
                        m += digits + 1;
                    }
                }
                m
            };
            if mark_end > k {
                i = mark_end;
                while i < chars.len() && chars[i] == ' ' {
                    i += 1;
                }
                continue;
            }
        }
        let c = chars[i];
        match c {
            '\n' => {
                out.push(c, i);
                line_start = true;
                i += 1;
            }
            '*' | '`' => i += 1,
            '_' if !chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric())
                || !chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) =>
            {
                i += 1
            }
            '!' if chars.get(i + 1) == Some(&'[') => i += 1,
            ']' if chars.get(i + 1) == Some(&'(') => {
                // The end of a link's text: its target is not read.
                i = chars[i..].iter().position(|&c| c == ')').map_or(chars.len(), |p| i + p + 1);
            }
            '[' => i += 1,
            _ => {
                out.push(c, i);
                i += 1;
            }
        }
    }
    out.finish(chars.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_text(input: &str, stripped: &Stripped, needle: &str) -> String {
        let start = stripped.text[..stripped.text.find(needle).unwrap()].chars().count();
        let end = start + needle.chars().count();
        let (from, to) = stripped.input_span(start, end);
        input.chars().skip(from).take(to - from).collect()
    }

    #[test]
    fn html_tags_scripts_and_entities_are_stripped_and_offsets_map_back() {
        let input = "<html><head><script>var Bagheri = 1;</script></head><body><p>Major General \
                     <b>Mohammad</b> Bagheri&rsquo;s forces</p><!-- Qureshi --><p>Tom &amp; Jerry</p></body>";
        let s = strip(input, Markup::Auto);
        assert!(s.text.contains("Major General Mohammad Bagheri's forces"), "{:?}", s.text);
        assert!(!s.text.contains("var") && !s.text.contains("Qureshi"));
        assert!(s.text.contains("\nTom & Jerry"));
        assert_eq!(
            span_text(input, &s, "Mohammad</b> Bagheri".replace("</b>", "").as_str()),
            "Mohammad</b> Bagheri"
        );
    }

    #[test]
    fn markdown_marks_and_link_targets_are_dropped() {
        let input = "# Drones\n\n> The **Alabuga** zone, said [Reuters](https://example.org/x).\n- item_one";
        let s = strip(input, Markup::Auto);
        assert_eq!(s.text, "Drones\n\nThe Alabuga zone, said Reuters.\nitem_one");
        assert_eq!(span_text(input, &s, "Alabuga"), "Alabuga");
    }

    #[test]
    fn plain_text_keeps_its_offsets() {
        let s = strip("Saeed Aghajani", Markup::Auto);
        assert_eq!(s.input_span(6, 14), (6, 14));
    }

    #[test]
    fn broken_html_never_panics() {
        for input in ["<p>unclosed <b", "&#xZZ; &#99999999; &", "<script>never closed", "<!-- open", "<"] {
            let _ = strip(input, Markup::Html);
        }
    }
}
