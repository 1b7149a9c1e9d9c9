//! Rendering a document as plain CommonMark with pipe tables and no raw HTML. Every piece of
//! text is escaped so that nothing typed can become a heading, a list, a link, a table column or
//! markup, and each converter (pandoc, Word importers) reads it the same way.

use super::clean::{flatten, one_line};
use super::document::{Block, Document, Inline, Span, Table};

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", line(&doc.title)));
    if !doc.marking.is_empty() {
        out.push_str(&format!("**{}**\n\n", escape(&one_line(&doc.marking))));
    }
    for line in &doc.subtitle {
        out.push_str(&inline(line));
        out.push_str("\n\n");
    }
    for section in &doc.sections {
        if !section.heading.is_empty() {
            out.push_str(&format!("## {}\n\n", line(&section.heading)));
        }
        for block in section
            .blocks
            .iter()
            .filter(|b| !matches!(b, Block::Chart(_)))
        {
            render_block(block, &mut out);
            out.push('\n');
        }
    }
    // One newline at the end, however the last block ended.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn render_block(block: &Block, out: &mut String) {
    match block {
        Block::Heading(h) => out.push_str(&format!("### {}\n", line(h))),
        Block::Para(p) => {
            out.push_str(&inline(p));
            out.push('\n');
        }
        Block::Fields(fields) => {
            for (label, value) in fields {
                out.push_str(&format!(
                    "- **{}** {}\n",
                    escape(&label_text(label)),
                    inline(value)
                ));
            }
        }
        Block::Bullets(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", inline(item)));
            }
        }
        Block::Notice(p) => out.push_str(&format!("> {}\n", inline(p))),
        Block::Table(t) => table(t, out),
        Block::Signature(sign) => {
            out.push_str(&format!("### {}\n\n", line(&sign.who)));
            for item in &sign.agreed {
                out.push_str(&format!("- {}\n", inline(item)));
            }
            out.push('\n');
            // A line to write on, as escaped underscores so it stays text.
            let blank = "\\_".repeat(30);
            let lines: Vec<String> = sign
                .lines
                .iter()
                .map(|l| format!("{} {blank}\n", escape(&label_text(l))))
                .collect();
            out.push_str(&lines.join("\n"));
        }
        Block::Chart(_) => {}
        Block::Letterhead(l) => {
            for from in &l.from {
                out.push_str(&format!("**{}**  \n", escape(&one_line(from))));
            }
            for a in &l.return_address {
                out.push_str(&format!("{}  \n", line(a)));
            }
            out.push('\n');
            for to in &l.to {
                out.push_str(&format!("{}  \n", line(to)));
            }
            out.push('\n');
            for (label, value) in &l.details {
                out.push_str(&format!(
                    "- **{}** {}\n",
                    escape(&label_text(label)),
                    line(value)
                ));
            }
        }
    }
}

fn table(t: &Table, out: &mut String) {
    let cols = t
        .head
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    let cell = |s: String| if s.is_empty() { " ".to_string() } else { s };
    let head: Vec<String> = (0..cols)
        .map(|i| {
            cell(
                t.head
                    .get(i)
                    .map(|h| escape(&one_line(h)))
                    .unwrap_or_default(),
            )
        })
        .collect();
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    out.push_str(&format!("|{}\n", " --- |".repeat(cols)));
    for row in &t.rows {
        let cells: Vec<String> = (0..cols)
            .map(|i| cell(row.get(i).map(inline).unwrap_or_default()))
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
}

/// A field's label with its colon, unless it ends in a question mark or a colon already.
pub fn label_text(label: &str) -> String {
    let l = one_line(label);
    if l.ends_with(['?', ':']) {
        l
    } else {
        format!("{l}:")
    }
}

/// A whole line of plain text (a heading, a column name).
fn line(s: &str) -> String {
    escape_line_start(escape(&one_line(s)))
}

/// One line of inline text; the document's own emphasis is the only markup in it.
fn inline(i: &Inline) -> String {
    let mut out = String::new();
    for span in &i.0 {
        match span {
            Span::Text(s) => out.push_str(&escape(&flatten(s))),
            Span::Strong(s) => wrap(&mut out, s, "**"),
            Span::Emphasis(s) => wrap(&mut out, s, "*"),
        }
    }
    // Trimming can bring a character to the start of the line, so look again there.
    escape_line_start(out.trim().to_string())
}

/// Emphasis with the spaces kept outside the markers, where CommonMark needs them.
fn wrap(out: &mut String, s: &str, marker: &str) {
    let s = one_line(s);
    if !s.is_empty() {
        out.push_str(marker);
        out.push_str(&escape(&s));
        out.push_str(marker);
    }
}

/// Escape text for an inline position. What opens a block only matters at the start of a line;
/// [`escape_line_start`] handles that once the line is whole.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let needs = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '^' => true,
            // An entity (`&amp;`, `&#60;`) would be decoded; a plain ampersand is left alone.
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            // Pandoc reads `@name` as a citation; an email address is left alone.
            '@' => !prev.is_some_and(|p| p.is_alphanumeric()),
            _ => false,
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// What would open a block at the start of a line: a heading, a list item, a setext underline,
/// an ordered list number.
pub fn escape_line_start(s: String) -> String {
    let first = s.chars().next();
    if matches!(first, Some('#' | '-' | '+' | '=' | ':')) {
        return format!("\\{s}");
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(s[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &s[..digits], &s[digits..]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::document::Section;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape("a|b <script> *x* [l](u)"),
            r"a\|b \<script\> \*x\* \[l\](u)"
        );
        assert_eq!(line("# not a heading"), r"\# not a heading");
        assert_eq!(line("12. not a list"), r"12\. not a list");
        assert_eq!(line("- not a list"), r"\- not a list");
        assert_eq!(escape("a: - 1. b"), "a: - 1. b");
        assert_eq!(escape("Tom & Jerry &amp;"), r"Tom & Jerry \&amp;");
        assert_eq!(
            escape("mail tom@example.org, ask @kayla"),
            r"mail tom@example.org, ask \@kayla"
        );
        assert_eq!(escape("Dŵr ŷd"), "Dŵr ŷd");
    }

    #[test]
    fn a_table_cell_cannot_add_columns_or_rows() {
        let mut s = Section::new("S");
        s.push(Block::Table(Table {
            head: vec!["A".into(), "B".into()],
            rows: vec![vec!["x | y\n| z |".into(), "".into()]],
        }));
        let doc = Document {
            title: "T".into(),
            subtitle: vec![],
            marking: String::new(),
            sections: vec![s],
            ..Default::default()
        };
        let md = render(&doc);
        assert!(md.contains("| x \\| y \\| z \\| |   |\n"), "{md}");
    }
}
