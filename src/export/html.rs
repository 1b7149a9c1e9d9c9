//! Rendering a document as one self-contained HTML file for reading, printing and saving as PDF:
//! an A4 print stylesheet, no external resources and no script. Every piece of text, ours or
//! typed, is escaped, and typed text is marked `dir="auto"` so right-to-left writing displays in
//! its own direction.

use super::clean::{flatten, one_line};
use super::document::{Block, Chart, Document, Inline, Span, Table};

const STYLE: &str = "\
:root { color-scheme: light; }
body { font-family: Arial, \"Helvetica Neue\", Helvetica, sans-serif; font-size: 11pt; \
line-height: 1.45; color: #111; background: #fff; max-width: 50rem; margin: 2rem auto; \
padding: 0 1rem; overflow-wrap: anywhere; }
header { border-bottom: 3px solid #1d3557; margin-bottom: 1.5rem; }
.marking { font-weight: bold; letter-spacing: 0.04em; margin: 0; }
h1 { font-size: 1.7rem; margin: 0.4rem 0; }
.subtitle { margin: 0.15rem 0; }
h2 { font-size: 1.25rem; color: #1d3557; border-bottom: 1px solid #1d3557; margin-top: 1.8rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #8a8a8a; padding: 0.3rem 0.45rem; vertical-align: top; text-align: start; }
thead th { background: #e8edf3; }
table.fields th { width: 30%; background: #f3f5f8; font-weight: bold; }
.notice { border-left: 4px solid #9b1c1c; background: #fdf2f2; padding: 0.45rem 0.7rem; }
section.confidential { border: 3px solid #9b1c1c; padding: 0 1rem 0.5rem; margin-top: 2rem; }
section.confidential h2 { color: #9b1c1c; border-color: #9b1c1c; }
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  section { break-inside: avoid-page; }
  h2, h3 { break-after: avoid-page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid-page; }
  section.confidential { break-before: page; }
  .notice, thead th, table.fields th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", text(&doc.title)));
    out.push_str(&format!(
        "<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n"
    ));
    if !doc.marking.is_empty() {
        out.push_str(&format!(
            "<p class=\"marking\">{}</p>\n",
            text(&doc.marking)
        ));
    }
    out.push_str(&format!("<h1>{}</h1>\n", text(&doc.title)));
    for line in &doc.subtitle {
        out.push_str(&format!(
            "<p class=\"subtitle\" dir=\"auto\">{}</p>\n",
            inline(line)
        ));
    }
    out.push_str("</header>\n<main>\n");
    for section in &doc.sections {
        let class = if section.confidential {
            " class=\"confidential\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<section{class}>\n<h2>{}</h2>\n",
            text(&section.heading)
        ));
        for block in &section.blocks {
            render_block(block, &mut out);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn render_block(block: &Block, out: &mut String) {
    match block {
        Block::Heading(h) => out.push_str(&format!("<h3 dir=\"auto\">{}</h3>\n", text(h))),
        Block::Para(p) => out.push_str(&format!("<p dir=\"auto\">{}</p>\n", inline(p))),
        Block::Fields(fields) => {
            out.push_str("<table class=\"fields\">\n<tbody>\n");
            for (label, value) in fields {
                out.push_str(&format!(
                    "<tr><th scope=\"row\">{}</th><td dir=\"auto\">{}</td></tr>\n",
                    text(label),
                    inline(value)
                ));
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Bullets(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str(&format!("<li dir=\"auto\">{}</li>\n", inline(item)));
            }
            out.push_str("</ul>\n");
        }
        Block::Notice(p) => out.push_str(&format!(
            "<p class=\"notice\" dir=\"auto\">{}</p>\n",
            inline(p)
        )),
        Block::Table(t) => table(t, out),
        Block::Chart(c) => chart(c, out),
    }
}

/// A small inline SVG line chart: no script, no external resource, a title for screen readers.
fn chart(c: &Chart, out: &mut String) {
    const W: usize = 320;
    const H: usize = 120;
    const PAD: usize = 24;
    let n = c.points.len();
    let max = usize::from(c.max.max(1));
    let x = |i: usize| {
        PAD + if n > 1 {
            i * (W - 2 * PAD) / (n - 1)
        } else {
            (W - 2 * PAD) / 2
        }
    };
    let y = |v: u8| PAD + (max - usize::from(v).min(max)) * (H - 2 * PAD) / max;
    out.push_str(&format!(
        "<svg class=\"chart\" role=\"img\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}</title>\n",
        text(&c.title)
    ));
    out.push_str(&format!(
        "<line x1=\"{PAD}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#8a8a8a\"/>\n",
        H - PAD,
        W - PAD,
        H - PAD
    ));
    out.push_str(&format!(
        "<text x=\"2\" y=\"{}\" font-size=\"9\">{max}</text><text x=\"2\" y=\"{}\" font-size=\"9\">0</text>\n",
        PAD + 3,
        H - PAD + 3
    ));
    let pts: Vec<String> = c
        .points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| format!("{},{}", x(i), y(*v)))
        .collect();
    out.push_str(&format!(
        "<polyline fill=\"none\" stroke=\"#1d3557\" stroke-width=\"2\" points=\"{}\"/>\n",
        pts.join(" ")
    ));
    // At most eight dates under the axis, so they never run into each other; every point keeps
    // its score.
    let every = n.div_ceil(8).max(1);
    let mut dated: Vec<usize> = (0..n).step_by(every).collect();
    if let Some(last) = dated.last().copied()
        && last + 1 < n
    {
        if n - 1 - last < every {
            dated.pop();
        }
        dated.push(n - 1);
    }
    for (i, (label, v)) in c.points.iter().enumerate() {
        out.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#1d3557\"/><text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{v}</text>",
            x(i),
            y(*v),
            x(i),
            y(*v).saturating_sub(6),
        ));
        if dated.contains(&i) {
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"8\" text-anchor=\"middle\">{}</text>",
                x(i),
                H - PAD + 12,
                text(label)
            ));
        }
        out.push('\n');
    }
    out.push_str("</svg>\n");
}

fn table(t: &Table, out: &mut String) {
    let cols = t
        .head
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    out.push_str("<table>\n<thead>\n<tr>");
    for i in 0..cols {
        let h = t.head.get(i).map(String::as_str).unwrap_or("");
        out.push_str(&format!("<th scope=\"col\">{}</th>", text(h)));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for i in 0..cols {
            let cell = row.get(i).map(inline).unwrap_or_default();
            out.push_str(&format!("<td dir=\"auto\">{cell}</td>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn inline(i: &Inline) -> String {
    let mut out = String::new();
    for span in &i.0 {
        match span {
            Span::Text(s) => out.push_str(&escape(&flatten(s))),
            Span::Strong(s) => out.push_str(&format!("<strong>{}</strong>", text(s))),
            Span::Emphasis(s) => out.push_str(&format!("<em>{}</em>", text(s))),
        }
    }
    out.trim().to_string()
}

/// Cleaned, on one line, and escaped for both text and attribute positions.
fn text(s: &str) -> String {
    escape(&one_line(s))
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
