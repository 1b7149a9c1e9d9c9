//! Rendering a document as one self-contained HTML file for reading, printing and saving as PDF:
//! an A4 print stylesheet, no external resources and no script. Every piece of text, ours or
//! typed, is escaped, and typed text is marked `dir="auto"` so right-to-left writing displays in
//! its own direction.

use super::clean::{flatten, one_line};
use super::document::{
    Block, Chart, Document, Inline, Letterhead, PICTURE_HEIGHT_MM, PICTURE_WIDTH_MM, Span, Table,
};

/// The page's top and left margins in print, in millimetres ([`page_style`]).
pub const PAGE_TOP_MM: u32 = 20;
pub const PAGE_LEFT_MM: u32 = 16;
/// Where a letter's recipient is printed, in millimetres from the page's left and top edges, and
/// the size of the box: inside the window of a DL envelope holding the A4 page folded in three.
pub const WINDOW_LEFT_MM: u32 = 20;
pub const WINDOW_TOP_MM: u32 = 45;
pub const WINDOW_WIDTH_MM: u32 = 90;
pub const WINDOW_HEIGHT_MM: u32 = 40;

/// The head of a letter, positioned from the page's content box (where the print body starts).
fn letter_style() -> String {
    let (left, top) = (WINDOW_LEFT_MM - PAGE_LEFT_MM, WINDOW_TOP_MM - PAGE_TOP_MM);
    format!(
        ".letter {{ position: relative; height: {height}mm; margin-bottom: 6mm; }}\n\
         .letter .from {{ position: absolute; top: 0; right: 0; width: 80mm; text-align: right; \
         line-height: 1.3; }}\n\
         .letter .logo {{ position: absolute; top: 0; left: 0; }}\n\
         .letter .from p, .letter .window p, .letter .details p {{ margin: 0; }}\n\
         .letter .council {{ font-weight: bold; font-size: 1.25em; }}\n\
         .letter .window {{ position: absolute; left: {left}mm; top: {top}mm; \
         width: {WINDOW_WIDTH_MM}mm; height: {WINDOW_HEIGHT_MM}mm; padding: 4mm 4mm; \
         box-sizing: border-box; overflow: hidden; line-height: 1.3; }}\n\
         .letter .details {{ position: absolute; right: 0; top: {details}mm; width: 70mm; \
         text-align: right; }}\n",
        height = top + WINDOW_HEIGHT_MM + 5,
        details = top + WINDOW_HEIGHT_MM - 12,
    )
}

/// The first letterhead of a document, drawn above everything else.
fn letterhead(doc: &Document) -> Option<&Letterhead> {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Letterhead(l) => Some(l),
            _ => None,
        })
}

fn render_letterhead(l: &Letterhead, out: &mut String) {
    out.push_str("<div class=\"letter\">\n");
    // Embedded, so the letter stays one file; the council's name follows in words.
    if let Some(p) = &l.picture {
        let (w, h) = p.fit(PICTURE_WIDTH_MM, PICTURE_HEIGHT_MM);
        out.push_str(&format!(
            "<img src=\"data:{};base64,{}\" class=\"logo\" alt=\"\" \
             style=\"width: {w:.1}mm; height: {h:.1}mm\">\n",
            p.format.mime(),
            base64(&p.bytes)
        ));
    }
    out.push_str("<div class=\"from\">\n");
    for (i, line) in l.from.iter().enumerate() {
        let class = if i == 0 { " class=\"council\"" } else { "" };
        out.push_str(&format!("<p{class}>{}</p>\n", text(line)));
    }
    for line in &l.return_address {
        out.push_str(&format!("<p dir=\"auto\">{}</p>\n", text(line)));
    }
    out.push_str("</div>\n<div class=\"window\">\n");
    for line in &l.to {
        out.push_str(&format!("<p dir=\"auto\">{}</p>\n", text(line)));
    }
    out.push_str("</div>\n<div class=\"details\">\n");
    for (label, value) in &l.details {
        out.push_str(&format!(
            "<p>{}: <span dir=\"auto\">{}</span></p>\n",
            text(label),
            text(value)
        ));
    }
    out.push_str("</div>\n</div>\n");
}

/// `bytes` in base64 (RFC 4648, padded), as a `data:` URI carries them.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

// Words never break inside (a column of names must not print "Hann ah"): tables size columns
// from the widths the document gives, and a cell wraps between words. Only a single word
// longer than its whole column may break. Sections flow across pages; only rows and small
// blocks keep together, and headings stay with what follows.
const STYLE: &str = "\
:root { color-scheme: light; }
body { font-family: Arial, \"Helvetica Neue\", Helvetica, sans-serif; font-size: 11pt; \
line-height: 1.45; color: #111; background: #fff; max-width: 50rem; margin: 2rem auto; \
padding: 0 1rem; hyphens: manual; }
header { border-bottom: 3px solid #1d3557; margin-bottom: 1.5rem; }
.marking { font-weight: bold; letter-spacing: 0.04em; margin: 0; }
h1 { font-size: 1.7rem; margin: 0.4rem 0; }
.subtitle { margin: 0.15rem 0; }
h2 { font-size: 1.25rem; color: #1d3557; border-bottom: 1px solid #1d3557; margin-top: 1.8rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #8a8a8a; padding: 0.3rem 0.45rem; vertical-align: top; \
text-align: start; overflow-wrap: break-word; }
thead th { background: #e8edf3; }
table.fields th { width: 30%; background: #f3f5f8; font-weight: bold; }
.notice { border-left: 4px solid #9b1c1c; background: #fdf2f2; padding: 0.45rem 0.7rem; }
section.confidential { border: 3px solid #9b1c1c; padding: 0 1rem 0.5rem; margin-top: 2rem; }
section.confidential h2 { color: #9b1c1c; border-color: #9b1c1c; }
.signature th { width: 30%; background: #f3f5f8; }
.signature td { height: 2.4rem; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, li, .notice, .subtitle { break-inside: avoid; }
  section.confidential, section.new-page { break-before: page; }
  .signature, section.together { break-inside: avoid; }
  .notice, thead th, table.fields th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

/// The page box: A4, with the marking at the top of every page and the title and "Page N of M"
/// at the foot (CSS paged media margin boxes).
fn page_style(doc: &Document) -> String {
    let marking = css_string(&one_line(&doc.marking));
    let title = css_string(&one_line(&doc.title));
    format!(
        "@page {{ size: A4; margin: {PAGE_TOP_MM}mm {PAGE_LEFT_MM}mm 20mm {PAGE_LEFT_MM}mm;\n\
         \x20 @top-center {{ content: {marking}; font: bold 9pt Arial, sans-serif; letter-spacing: 0.04em; }}\n\
         \x20 @bottom-left {{ content: {title}; font: 8.5pt Arial, sans-serif; color: #333; }}\n\
         \x20 @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 8.5pt Arial, sans-serif; }}\n\
         }}\n"
    )
}

/// A quoted CSS string that cannot end the string, the rule or the style element.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:X} ", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", text(&doc.title)));
    // A family's copy is read on paper by people who did not write it: 12 pt, on screen and
    // in print.
    let large = if doc.is_for_family() {
        "body { font-size: 12pt; }\n@media print { body { font-size: 12pt; } }\n"
    } else {
        ""
    };
    let head = letterhead(doc);
    out.push_str(&format!(
        "<style>\n{STYLE}{}{large}{}</style>\n</head>\n<body>\n",
        page_style(doc),
        if head.is_some() {
            letter_style()
        } else {
            String::new()
        }
    ));
    if let Some(l) = head {
        render_letterhead(l, &mut out);
    }
    out.push_str("<header>\n");
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
        let class = match (section.confidential, section.new_page, section.together) {
            (true, _, _) => " class=\"confidential\"",
            (false, true, _) => " class=\"new-page\"",
            (false, false, true) => " class=\"together\"",
            (false, false, false) => "",
        };
        out.push_str(&format!("<section{class}>\n"));
        // A letter's one section has no heading of its own.
        if !section.heading.is_empty() {
            out.push_str(&format!("<h2>{}</h2>\n", text(&section.heading)));
        }
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
        Block::Signature(sign) => {
            out.push_str(&format!(
                "<div class=\"signature\">\n<h3 dir=\"auto\">{}</h3>\n<ul>\n",
                text(&sign.who)
            ));
            for item in &sign.agreed {
                out.push_str(&format!("<li dir=\"auto\">{}</li>\n", inline(item)));
            }
            out.push_str("</ul>\n<table>\n<tbody>\n");
            for label in &sign.lines {
                out.push_str(&format!(
                    "<tr><th scope=\"row\">{}</th><td></td></tr>\n",
                    text(label)
                ));
            }
            out.push_str("</tbody>\n</table>\n</div>\n");
        }
        Block::Chart(c) => chart(c, out),
        // Drawn at the top of the page, where the envelope's window is.
        Block::Letterhead(_) => {}
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
    let cols = t.columns();
    out.push_str("<table>\n<colgroup>");
    for w in t.widths() {
        out.push_str(&format!("<col style=\"width: {w}%\">"));
    }
    out.push_str("</colgroup>\n<thead>\n<tr>");
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

/// Escaped once, here, for text and for attributes (every attribute this renderer writes is in
/// double quotes). An apostrophe needs no escaping in either, so "Children's Services" reads as
/// typed in the file too, as the plain text of an email or a letter shows it.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_rfc_4648_s() {
        for (bytes, want) in [
            (&b""[..], ""),
            (b"M", "TQ=="),
            (b"Ma", "TWE="),
            (b"Man", "TWFu"),
            (b"foobar", "Zm9vYmFy"),
            (&[0xff, 0xfe, 0xfd][..], "//79"),
        ] {
            assert_eq!(base64(bytes), want);
        }
    }
    use crate::export::document::Section;

    fn doc_with_a_long_action() -> Document {
        let mut s = Section::new("Actions");
        s.push(Block::Table(Table {
            head: vec!["What".into(), "Who".into(), "Status".into()],
            rows: vec![vec![
                Inline::text("Arrange the review ".repeat(16)),
                Inline::text("Hannah Mercer"),
                Inline::text("In progress"),
            ]],
        }));
        Document {
            title: "Core group minutes".into(),
            subtitle: vec![],
            marking: "OFFICIAL-SENSITIVE".into(),
            sections: vec![s],
            ..Default::default()
        }
    }

    #[test]
    fn words_never_break_inside_and_columns_are_given_widths() {
        let html = render(&doc_with_a_long_action());
        assert!(!html.contains("anywhere"), "no overflow-wrap: anywhere");
        assert!(!html.contains("break-all"));
        let widths = doc_with_a_long_action().sections[0].blocks[0].clone();
        let Block::Table(t) = widths else { panic!() };
        let cols: String = t
            .widths()
            .iter()
            .map(|w| format!("<col style=\"width: {w}%\">"))
            .collect();
        assert!(
            html.contains(&format!("<colgroup>{cols}</colgroup>")),
            "{html}"
        );
    }

    #[test]
    fn sections_flow_across_pages_and_headings_stay_with_what_follows() {
        let html = render(&doc_with_a_long_action());
        for rule in html.split('}') {
            let (selector, body) = rule.split_once('{').unwrap_or(("", ""));
            if body.contains("break-inside: avoid") {
                // Only small blocks (one person's signature box, a section marked short enough
                // to keep together), never a whole table or any section.
                let whole = selector.split([',', ' ', '\n']).any(|s| {
                    (s.starts_with("section") && s != "section.together")
                        || s == "table"
                        || s == "main"
                });
                assert!(!whole, "whole sections or tables must flow: {selector}");
            }
        }
        assert!(html.contains("h2, h3 { break-after: avoid; }"));
        assert!(html.contains("tr, li, .notice, .subtitle { break-inside: avoid; }"));
    }

    #[test]
    fn a_section_marked_together_is_kept_on_one_page_and_others_flow() {
        let mut doc = doc_with_a_long_action();
        let mut whom = Section::new("Who to contact");
        whom.para("If a child is in danger right now, ring 999.");
        whom.together = true;
        doc.sections.push(whom);
        let html = render(&doc);
        assert!(html.contains("section.together { break-inside: avoid; }"));
        assert_eq!(
            html.matches("<section class=\"together\">").count(),
            1,
            "{html}"
        );
    }

    #[test]
    fn every_page_carries_the_marking_and_page_n_of_m() {
        let html = render(&doc_with_a_long_action());
        assert!(html.contains("@page {"));
        assert!(html.contains("@top-center { content: \"OFFICIAL-SENSITIVE\";"));
        assert!(html.contains("counter(page) \" of \" counter(pages)"));
        assert!(html.contains("@bottom-left { content: \"Core group minutes\";"));
        assert!(html.contains("<title>Core group minutes</title>"));
    }

    #[test]
    fn text_in_the_page_box_cannot_escape_its_string() {
        assert_eq!(css_string("a\"}</style>"), "\"a\\22 }\\3C /style\\3E \"");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
