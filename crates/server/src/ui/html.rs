//! HTML by hand: one escaping function that every value from outside goes through, the page
//! layout, and small pieces (a status badge, a score, an explanation tree).

use super::Current;
use crate::keys::Role;
use std::fmt::Write;

/// Escapes `text` for HTML text and double-quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes `text` for a URL path segment or query value (everything but unreserved bytes is
/// percent-encoded), to be put in an attribute after [`esc`] (which then changes nothing).
pub fn url(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A score as a percentage (`93.4%`).
pub fn score(value: f64) -> String {
    format!("{:.1}%", value * 100.0)
}

/// A status as a badge (`open`, `pending_approval`, ...).
pub fn status(status: &str) -> String {
    format!("<span class=\"badge st-{0}\">{1}</span>", esc(status), esc(&status.replace('_', " ")))
}

/// An explanation tree (`{value, why, children}` as JSON) as nested lists, the score of each
/// part first.
pub fn explanation(tree: &serde_json::Value) -> String {
    let mut out = String::from("<ul class=\"explain\">");
    explain_node(tree, &mut out, 0);
    out.push_str("</ul>");
    out
}

fn explain_node(node: &serde_json::Value, out: &mut String, depth: usize) {
    let value = node["value"].as_f64().unwrap_or(0.0);
    let why = node["why"].as_str().unwrap_or("");
    let _ = write!(out, "<li><span class=\"val\">{}</span> {}", esc(&format!("{value:.2}")), esc(why));
    if let Some(children) = node["children"].as_array().filter(|c| !c.is_empty() && depth < 12) {
        out.push_str("<ul>");
        for child in children {
            explain_node(child, out, depth + 1);
        }
        out.push_str("</ul>");
    }
    out.push_str("</li>");
}

/// A whole page: `title` (escaped here), the navigation for `who`'s roles, and `body` (HTML
/// already escaped by the caller).
pub fn page(title: &str, who: Option<&Current>, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 2048);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · embargo</title>\
         <link rel=\"stylesheet\" href=\"/ui/static/app.css\">\
         <script src=\"/ui/static/app.js\" defer></script></head><body>\
         <a class=\"skip\" href=\"#main\">Skip to content</a>",
        esc(title)
    );
    out.push_str("<header><span class=\"brand\">embargo</span>");
    if let Some(who) = who {
        out.push_str("<nav aria-label=\"Main\"><ul>");
        let links: [(&str, &str, Role); 4] = [
            ("/ui/", "Queue", Role::Review),
            ("/ui/screen", "Screen", Role::Screen),
            ("/ui/lists", "Lists", Role::Screen),
            ("/ui/audit", "Audit", Role::Admin),
        ];
        for (href, label, role) in links {
            if who.who.roles.allows(role) {
                let _ = write!(out, "<li><a href=\"{href}\">{label}</a></li>");
            }
        }
        out.push_str("</ul></nav>");
        let _ = write!(
            out,
            "<form class=\"logout\" method=\"post\" action=\"/ui/logout\">\
             <span class=\"who\">{} <small>({})</small></span>{}\
             <button type=\"submit\">Log out</button></form>",
            esc(&who.actor),
            esc(&who.who.roles.to_string()),
            csrf_field(who)
        );
    }
    out.push_str("</header><main id=\"main\" tabindex=\"-1\">");
    out.push_str(body);
    out.push_str("</main></body></html>");
    out
}

/// The hidden CSRF field every form of a session carries.
pub fn csrf_field(who: &Current) -> String {
    format!("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", esc(&who.csrf))
}

/// `name` with the words in `marked` (lower case) wrapped in `<mark>`, everything escaped.
pub fn highlight(name: &str, marked: &std::collections::HashSet<String>) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        if marked.contains(&word.to_lowercase()) {
            let _ = write!(out, "<mark>{}</mark>", esc(word));
        } else {
            out.push_str(&esc(word));
        }
        word.clear();
    };
    for c in name.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push_str(&esc(&c.to_string()));
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(url("un:IRi.003/../x y"), "un%3AIRi.003%2F..%2Fx%20y");
    }

    #[test]
    fn highlighting_marks_words_and_escapes_the_rest() {
        let marked: std::collections::HashSet<String> = ["aghajani".to_owned()].into();
        assert_eq!(
            highlight("Azim <b>AGHAJANI</b>", &marked),
            "Azim &lt;b&gt;<mark>AGHAJANI</mark>&lt;/b&gt;"
        );
    }

    #[test]
    fn explanation_trees_are_escaped_lists() {
        let tree = serde_json::json!({"value": 0.9, "why": "<i>", "children": [{"value": 1.0, "why": "a"}]});
        let html = explanation(&tree);
        assert!(
            html.contains("&lt;i&gt;")
                && html.contains("<ul><li><span class=\"val\">1.00</span> a</li></ul>"),
            "{html}"
        );
    }
}
