//! Rendering of explanation trees for the terminal.

use crate::Explanation;
use std::fmt;

impl Explanation {
    /// A node without children.
    pub fn leaf(value: f64, why: impl Into<String>) -> Explanation {
        Explanation { value, why: why.into(), children: Vec::new() }
    }

    /// The tree as indented lines (its [`Display`](fmt::Display) form).
    pub fn render(&self) -> String {
        self.to_string()
    }

    fn write_indented(&self, f: &mut fmt::Formatter<'_>, indent: usize) -> fmt::Result {
        let value = format!("{:.3}", self.value);
        writeln!(f, "{:indent$}{value:>6}  {}", "", self.why)?;
        for child in &self.children {
            child.write_indented(f, indent + 2)?;
        }
        Ok(())
    }
}

/// The tree as indented lines, one node per line: its value, then why; children two columns
/// further in than their parent. A width sets the indentation of the root (`{:4}` indents the
/// whole tree by four columns, to sit under a table row):
///
/// ```text
///  0.934  'Saeed Aghajany' against 'Saeed AGHAJANI', alignment scorer: ...
///    1.000  query 'Saeed' met listed 'Saeed': exact (weight 1.00)
///    0.925  query 'Aghajany' met listed 'AGHAJANI': 1 edit (weight 1.00)
/// ```
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_indented(f, f.width().unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_children_indented_under_their_parent() {
        let tree = Explanation {
            value: 0.9,
            why: "root".into(),
            children: vec![Explanation {
                value: -0.15,
                why: "child".into(),
                children: vec![Explanation::leaf(1.0, "grandchild")],
            }],
        };
        assert_eq!(tree.render(), " 0.900  root\n  -0.150  child\n     1.000  grandchild\n");
        // A width indents the whole tree.
        assert_eq!(
            format!("{tree:4}"),
            "     0.900  root\n      -0.150  child\n         1.000  grandchild\n"
        );
    }
}
