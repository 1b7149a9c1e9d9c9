//! Rendering a document as a Word file (`.docx`), for case systems and council email, and for a
//! parent opening it on a phone: the document's title and sections as Word headings, real tables
//! with column widths from the document, the protective marking in every page's header and
//! "Page N of M" in the footer, and a confidential section (or a page to sign) on a page of its
//! own.
//!
//! The same document always gives the same bytes: the archive's entries carry no time (the zip
//! writer is built without a clock), the properties carry the meeting's date (never the clock's),
//! and every paragraph gets its id from a counter started afresh for each document, not from the
//! writer's own counter, which runs on across documents.
//!
//! docx-rs makes the package (styles, numbering, header and footer, section, the archive), the
//! tables' properties and the body's single paragraphs. What repeats, thousands of times on a
//! large case (table rows, bulleted lists), is written here as the XML docx-rs writes for it, and
//! put in place between docx-rs's `build` and `pack`: building it as docx-rs values cost a large
//! case about 100 ms (each value is large and moved at every builder call). Tests check that XML
//! is byte for byte docx-rs's own.

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;
use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, FieldCharType, Footer, Header, IndentLevel,
    InstrNUMPAGES, InstrPAGE, InstrText, Level, LevelJc, LevelText, LineSpacing, LineSpacingType,
    NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Pic, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType, Table as WordTable, TableCellMargins, WidthType,
};

use super::clean::{flatten, one_line};
use super::document::{Block, Document, Inline, PICTURE_HEIGHT_MM, PICTURE_WIDTH_MM, Span, Table};
use crate::domain::picture::ImageFormat;

/// A4 in twentieths of a point, and the margins: 2 cm each side.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN: i32 = 1134;
/// The width text and tables may take.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;

/// Numbering 1 is the writer's own default list (decimal); bullets get one of their own.
const BULLETS: usize = 2;
const HEAD_FILL: &str = "E8EDF3";
const LABEL_FILL: &str = "F3F5F8";
const CONFIDENTIAL: &str = "9B1C1C";
const NAVY: &str = "1D3557";

/// The language every run is spelt and hyphenated in.
const LANGUAGE: &str = "en-GB";
/// The footer's text size, in half points: the page numbers take it too.
const FOOTER_SIZE: usize = 17;

/// The Word file of a document. Only fails if writing to memory does, which it does not.
/// Its properties (what Word shows under File > Info and a case system files it by) are the
/// document's own: its title, the council as author, the day it is about as created.
pub fn render(doc: &Document) -> std::io::Result<Vec<u8>> {
    let w = Writer::default();
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(1300)
                .bottom(1300)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        // Half points: a family's copy at 12 pt, the professionals' at 10.5 pt.
        .default_size(if doc.is_for_family() { 24 } else { 21 })
        .default_line_spacing(LineSpacing::new().after(120).line(264))
        .add_style(heading("Title", "Title", 36, NAVY))
        .add_style(heading("Heading1", "heading 1", 28, NAVY).outline_lvl(0))
        .add_style(heading("Heading2", "heading 2", 24, "111111").outline_lvl(1))
        .add_style(heading("Heading3", "heading 3", 22, "111111").outline_lvl(2))
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(360),
                    Some(SpecialIndentType::Hanging(260)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS));

    let marking = line(&doc.marking);
    let title = line(&doc.title);
    docx = docx
        .header(
            Header::new().add_paragraph(
                w.para()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text(&marking).bold().size(18)),
            ),
        )
        .footer(
            Footer::new().add_paragraph(
                w.para()
                    .align(AlignmentType::Right)
                    .add_run(
                        Run::new()
                            .add_text(format!("{title}   Page "))
                            .size(FOOTER_SIZE),
                    )
                    .add_run(field(InstrText::PAGE(InstrPAGE {})))
                    .add_run(Run::new().add_text(" of ").size(FOOTER_SIZE))
                    .add_run(field(InstrText::NUMPAGES(InstrNUMPAGES {}))),
            ),
        );

    if !marking.is_empty() {
        docx = docx.add_paragraph(w.para().add_run(Run::new().add_text(&marking).bold()));
    }
    docx = docx.add_paragraph(w.para().style("Title").add_run(Run::new().add_text(&title)));
    for line in &doc.subtitle {
        docx = docx.add_paragraph(w.inline(w.para(), line));
    }
    for section in &doc.sections {
        let mut h = w
            .para()
            .style("Heading1")
            .keep_next(true)
            .page_break_before(section.confidential || section.new_page)
            .add_run(Run::new().add_text(line(&section.heading)));
        if section.confidential {
            h = h.color(CONFIDENTIAL);
        }
        docx = docx.add_paragraph(h);
        for block in &section.blocks {
            docx = w.block(docx, block);
        }
    }
    let mut xml = docx.build();
    xml.document = with_parts(xml.document, &w.parts.into_inner())?;
    xml.doc_props.core = core_properties(doc).into_bytes();
    xml.styles = in_language(xml.styles);
    xml.content_type = media_types(xml.content_type, &xml.media);
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

/// A page-number field (this page, or the number of pages) in the footer's size: docx-rs's own
/// page-number runs take the body's size, larger than the words around them.
fn field(instr: InstrText) -> Run {
    Run::new()
        .size(FOOTER_SIZE)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(instr)
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false)
}

/// `docProps/core.xml`: docx-rs sets only the dates, so the part is written here whole.
fn core_properties(doc: &Document) -> String {
    let esc = |s: &str| {
        let mut out = String::new();
        escape_into(&mut out, &line(s));
        out
    };
    let when = doc
        .date
        .map(|d| format!("{d}T00:00:00Z"))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let author = esc(&doc.author);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>\
         <cp:lastModifiedBy>{author}</cp:lastModifiedBy>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>\
         <dc:language>{LANGUAGE}</dc:language><cp:revision>1</cp:revision>\
         </cp:coreProperties>",
        title = esc(&doc.title),
    )
}

/// `[Content_Types].xml` with the true type of each picture that is not a PNG: docx-rs names
/// every picture part `.png`, so a JPEG letterhead would be declared a PNG, which Word may refuse
/// to show. An `Override` for the part says what it is, whatever its name.
fn media_types(types: Vec<u8>, media: &[(String, Vec<u8>)]) -> Vec<u8> {
    let overrides: String = media
        .iter()
        .filter_map(|(id, bytes)| {
            ImageFormat::of(bytes)
                .filter(|&f| f != ImageFormat::Png)
                .map(|f| {
                    format!(
                        "<Override PartName=\"/word/media/{id}.png\" ContentType=\"{}\" />",
                        f.mime()
                    )
                })
        })
        .collect();
    if overrides.is_empty() {
        return types;
    }
    let text = String::from_utf8_lossy(&types);
    match text.rfind("</Types>") {
        Some(at) => format!("{}{overrides}{}", &text[..at], &text[at..]).into_bytes(),
        None => types,
    }
}

/// The styles part with British English as every run's language (docx-rs has no setting for
/// it), so Word checks spelling as en-GB rather than the reader's own default.
fn in_language(styles: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&styles);
    let defaults = "<w:rPrDefault><w:rPr>";
    match text.find(defaults) {
        Some(at) => {
            let at = at + defaults.len();
            format!(
                "{}<w:lang w:val=\"{LANGUAGE}\" w:eastAsia=\"{LANGUAGE}\" w:bidi=\"ar-SA\" />{}",
                &text[..at],
                &text[at..]
            )
            .into_bytes()
        }
        None => styles,
    }
}

/// XML written here for docx-rs's `word/document.xml`, in the order it comes in the document.
enum Part {
    /// A table's rows: docx-rs writes the table without them; they go before its end tag.
    Rows(String),
    /// Paragraphs in place of a marker paragraph docx-rs writes.
    Paragraphs(String),
}

const TABLE_END: &str = "</w:tbl>";

/// The paragraph that marks where the `n`th [`Part::Paragraphs`] (bullets) goes. Its id is not
/// a number, so no paragraph of the document has it, and each marker's is its own (docx-rs gives
/// a paragraph whose id is taken a new one). It is a bullet itself, so docx-rs links the
/// numbering part the bullets need.
fn marker(n: usize) -> Paragraph {
    Paragraph::new()
        .id(format!("coregroup-xml-{n}"))
        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
}

/// docx-rs's `word/document.xml` with each part put in place, in order. Nothing else can hold
/// `</w:tbl>` or the marker, as text is escaped; every table must take its rows and every marker
/// its paragraphs, or the file is not made.
fn with_parts(document: Vec<u8>, parts: &[Part]) -> std::io::Result<Vec<u8>> {
    let broken = || std::io::Error::other("the Word file's body could not be put together");
    let xml = String::from_utf8(document).map_err(std::io::Error::other)?;
    let rows = parts.iter().filter(|p| matches!(p, Part::Rows(_))).count();
    if xml.matches(TABLE_END).count() != rows {
        return Err(broken());
    }
    let added: usize = parts
        .iter()
        .map(|(Part::Rows(x) | Part::Paragraphs(x))| x.len())
        .sum();
    let mut out = String::with_capacity(xml.len() + added);
    let mut from = 0;
    let mut marked = 0;
    for part in parts {
        // The text found: the table's end tag, kept after its rows, or the marker, replaced.
        let (find, text, kept) = match part {
            Part::Rows(x) => (TABLE_END.to_string(), x, TABLE_END),
            Part::Paragraphs(x) => {
                let marker = docx_rs::BuildXML::build(&marker(marked));
                marked += 1;
                (String::from_utf8(marker).map_err(|_| broken())?, x, "")
            }
        };
        let at = from + xml[from..].find(&find).ok_or_else(broken)?;
        out.push_str(&xml[from..at]);
        out.push_str(text);
        out.push_str(kept);
        from = at + find.len();
    }
    out.push_str(&xml[from..]);
    Ok(out.into_bytes())
}

fn heading(id: &str, name: &str, half_points: usize, color: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .size(half_points)
        .color(color)
        .bold()
        .line_spacing(LineSpacing::new().before(240).after(80))
}

/// Makes paragraphs with ids of its own, counted from the start of each document, and keeps
/// the XML written here (see [`Part`]) in the order it comes.
#[derive(Default)]
struct Writer {
    next_id: Cell<u32>,
    parts: RefCell<Vec<Part>>,
}

/// How a run of text is set.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Weight {
    Plain,
    Strong,
    Emphasis,
}

/// The runs of an inline: its spans cleaned for one paragraph, the ends trimmed as the HTML
/// trims the ends of a run of text.
fn runs(i: &Inline) -> impl Iterator<Item = (String, Weight)> + '_ {
    let last = i.0.len().saturating_sub(1);
    i.0.iter().enumerate().map(move |(n, span)| {
        let (text, weight) = match span {
            Span::Text(s) => (xml_safe(flatten(s)), Weight::Plain),
            Span::Strong(s) => (line(s), Weight::Strong),
            Span::Emphasis(s) => (line(s), Weight::Emphasis),
        };
        let text = match (n == 0, n == last) {
            (true, true) => text.trim().to_string(),
            (true, false) => text.trim_start().to_string(),
            (false, true) => text.trim_end().to_string(),
            (false, false) => text,
        };
        (text, weight)
    })
}

impl Writer {
    fn id(&self) -> u32 {
        let id = self.next_id.get() + 1;
        self.next_id.set(id);
        id
    }

    fn para(&self) -> Paragraph {
        Paragraph::new().id(format!("{:08X}", self.id()))
    }

    fn inline(&self, mut p: Paragraph, i: &Inline) -> Paragraph {
        for (text, weight) in runs(i) {
            let run = Run::new().add_text(text);
            p = p.add_run(match weight {
                Weight::Plain => run,
                Weight::Strong => run.bold(),
                Weight::Emphasis => run.italic(),
            });
        }
        p
    }

    /// A table as docx-rs writes it without rows, its rows kept for [`with_parts`].
    fn table_of(&self, table: WordTable, rows: String) -> WordTable {
        self.parts.borrow_mut().push(Part::Rows(rows));
        table
    }

    /// Bulleted paragraphs (kept with what follows when `keep`), as docx-rs writes them, in
    /// place of a marker.
    fn bullets(&self, docx: Docx, items: &[Inline], keep: bool) -> Docx {
        if items.is_empty() {
            return docx;
        }
        let mut xml = String::new();
        for item in items {
            let _ = write!(
                xml,
                "<w:p w14:paraId=\"{:08X}\"><w:pPr><w:rPr /><w:numPr><w:numId w:val=\"{BULLETS}\" />\
                 <w:ilvl w:val=\"0\" /></w:numPr>",
                self.id()
            );
            if keep {
                xml.push_str("<w:keepNext />");
            }
            xml.push_str("</w:pPr>");
            for (text, weight) in runs(item) {
                run_xml(&mut xml, &text, weight);
            }
            xml.push_str("</w:p>");
        }
        let mut parts = self.parts.borrow_mut();
        let n = parts
            .iter()
            .filter(|p| matches!(p, Part::Paragraphs(_)))
            .count();
        parts.push(Part::Paragraphs(xml));
        docx.add_paragraph(marker(n))
    }

    fn block(&self, docx: Docx, block: &Block) -> Docx {
        match block {
            // A table beside a chart carries its numbers; Word gets the table alone.
            Block::Chart(_) => docx,
            // Word gets the head of a letter as lines: who sends it, whom it is to, the date.
            Block::Letterhead(l) => {
                let mut docx = docx;
                if let Some(p) = &l.picture {
                    // EMUs: 36,000 a millimetre. The id is fixed so the file is the same each
                    // time it is made.
                    let (w, h) = p.fit(PICTURE_WIDTH_MM, PICTURE_HEIGHT_MM);
                    let emu = |mm: f64| (mm * 36_000.0).round() as u32;
                    let pic = Pic::new_with_dimensions(p.bytes.clone(), p.width, p.height)
                        .size(emu(w), emu(h))
                        .id("rIdLetterhead");
                    // Its line as high as the picture: a fixed line height would cut it.
                    let line = LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(240)
                        .after(120);
                    docx = docx.add_paragraph(
                        self.para()
                            .line_spacing(line)
                            .add_run(Run::new().add_image(pic)),
                    );
                }
                for (i, from) in l.from.iter().enumerate() {
                    let run = Run::new().add_text(line(from));
                    docx = docx.add_paragraph(self.para().add_run(if i == 0 {
                        run.bold()
                    } else {
                        run
                    }));
                }
                for text in l.return_address.iter().chain(&l.to) {
                    docx = docx.add_paragraph(self.para().add_run(Run::new().add_text(line(text))));
                }
                for (label, value) in &l.details {
                    docx = docx.add_paragraph(
                        self.para()
                            .add_run(Run::new().add_text(format!("{}: ", line(label))).bold())
                            .add_run(Run::new().add_text(line(value))),
                    );
                }
                docx
            }
            Block::Heading(h) => docx.add_paragraph(
                self.para()
                    .style("Heading2")
                    .keep_next(true)
                    .add_run(Run::new().add_text(line(h))),
            ),
            Block::Para(p) => docx.add_paragraph(self.inline(self.para(), p)),
            Block::Fields(fields) => self.after_table(docx.add_table(
                self.labelled(fields.iter().map(|(l, v)| (l.as_str(), v)).collect(), None),
            )),
            Block::Bullets(items) => self.bullets(docx, items, false),
            Block::Notice(p) => docx.add_paragraph(
                self.inline(self.para(), p)
                    .color(CONFIDENTIAL)
                    .keep_lines(true),
            ),
            Block::Table(t) => self.after_table(docx.add_table(self.table(t))),
            Block::Signature(sign) => {
                let mut docx = docx.add_paragraph(
                    self.para()
                        .style("Heading3")
                        .keep_next(true)
                        .add_run(Run::new().add_text(line(&sign.who))),
                );
                docx = self.bullets(docx, &sign.agreed, true);
                let blank = Inline::default();
                self.after_table(docx.add_table(self.labelled(
                    sign.lines.iter().map(|l| (l.as_str(), &blank)).collect(),
                    Some(620),
                )))
            }
        }
    }

    /// A little space after a table; without a paragraph between them, Word joins two tables
    /// into one.
    fn after_table(&self, docx: Docx) -> Docx {
        docx.add_paragraph(
            self.para()
                .size(8)
                .line_spacing(LineSpacing::new().before(0).after(60)),
        )
    }

    /// A table of labels and values (the meeting's details, a signature box): labels in a
    /// shaded third. `height` leaves room to write by hand.
    fn labelled(&self, rows: Vec<(&str, &Inline)>, height: Option<u32>) -> WordTable {
        let label_width = TEXT_WIDTH * 3 / 10;
        let value_width = TEXT_WIDTH - label_width;
        let last = rows.len().saturating_sub(1);
        let mut xml = String::new();
        for (n, (label, value)) in rows.iter().enumerate() {
            // A signature box, or a short table, keeps together, but not with whatever follows.
            let keep = n < last && (height.is_some() || rows.len() <= SHORT_TABLE);
            row_start(&mut xml, height, false);
            let label = super::markdown::label_text(label);
            let label = label.trim_end_matches(':');
            self.cell_start(&mut xml, label_width, Some(LABEL_FILL), keep);
            run_xml(&mut xml, label, Weight::Strong);
            cell_end(&mut xml);
            self.cell(&mut xml, value_width, value, keep);
            xml.push_str("</w:tr>");
        }
        self.table_of(
            WordTable::new(Vec::new())
                .set_grid(vec![label_width, value_width])
                .width(TEXT_WIDTH, WidthType::Dxa)
                .margins(cell_margins()),
            xml,
        )
    }

    fn table(&self, t: &Table) -> WordTable {
        let widths: Vec<usize> = t
            .widths()
            .iter()
            .map(|&w| TEXT_WIDTH * w as usize / 100)
            .collect();
        let mut xml = String::new();
        // The heading row repeats at the top of each page a long table runs onto.
        row_start(&mut xml, None, true);
        for (i, &w) in widths.iter().enumerate() {
            let h = t.head.get(i).map(|h| line(h)).unwrap_or_default();
            self.cell_start(&mut xml, w, Some(HEAD_FILL), true);
            run_xml(&mut xml, &h, Weight::Strong);
            cell_end(&mut xml);
        }
        xml.push_str("</w:tr>");
        let empty = Inline::default();
        for (n, row) in t.rows.iter().enumerate() {
            let keep = keeps_with_next(n, t.rows.len());
            row_start(&mut xml, None, false);
            for (i, &w) in widths.iter().enumerate() {
                self.cell(&mut xml, w, row.get(i).unwrap_or(&empty), keep);
            }
            xml.push_str("</w:tr>");
        }
        self.table_of(
            WordTable::new(Vec::new())
                .set_grid(widths)
                .width(TEXT_WIDTH, WidthType::Dxa)
                .margins(cell_margins()),
            xml,
        )
    }

    /// A cell of one paragraph holding `value`.
    fn cell(&self, xml: &mut String, width: usize, value: &Inline, keep_next: bool) {
        self.cell_start(xml, width, None, keep_next);
        for (text, weight) in runs(value) {
            run_xml(xml, &text, weight);
        }
        cell_end(xml);
    }

    /// A cell and its paragraph opened, as docx-rs writes a `TableCell` of the given width and
    /// shading holding a paragraph with no space before or after it.
    fn cell_start(&self, xml: &mut String, width: usize, fill: Option<&str>, keep_next: bool) {
        let _ = write!(
            xml,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\" />"
        );
        if let Some(fill) = fill {
            let _ = write!(
                xml,
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\" />"
            );
        }
        let _ = write!(
            xml,
            "</w:tcPr><w:p w14:paraId=\"{:08X}\"><w:pPr><w:rPr />\
             <w:spacing w:before=\"0\" w:after=\"0\" />",
            self.id()
        );
        if keep_next {
            xml.push_str("<w:keepNext />");
        }
        xml.push_str("</w:pPr>");
    }
}

/// A table of at most this many rows is kept on one page with the heading above it (every row
/// but the last keeps with the next, and a heading keeps with the table): about a third of a
/// page, so moving it whole leaves little space, and no heading ends a page alone.
const SHORT_TABLE: usize = 12;

/// Whether row `n` of a table of `rows` rows (not counting its heading row, which always keeps
/// with the first) keeps with the row after it: every row but the last of a short table; of a
/// long one, the row before the last, so the last (a total, often) never starts a page alone.
fn keeps_with_next(n: usize, rows: usize) -> bool {
    n + 1 < rows && (rows <= SHORT_TABLE || n + 2 == rows)
}

/// A row opened as docx-rs writes a `TableRow` that cannot split (with a least height, for a
/// signature box); a `header` row is also marked to repeat on each page (`w:tblHeader`, which
/// docx-rs has no setting for).
fn row_start(xml: &mut String, height: Option<u32>, header: bool) {
    xml.push_str("<w:tr><w:trPr><w:cantSplit />");
    if header {
        xml.push_str(TABLE_HEADER);
    }
    if let Some(h) = height {
        let _ = write!(xml, "<w:trHeight w:val=\"{h}\" w:hRule=\"atLeast\" />");
    }
    xml.push_str("</w:trPr>");
}

/// Marks a table's heading row to repeat on every page the table runs onto.
const TABLE_HEADER: &str = "<w:tblHeader />";

fn cell_end(xml: &mut String) {
    xml.push_str("</w:p></w:tc>");
}

/// A run as docx-rs writes `Run::new().add_text(text)`, bold or italic as asked: line feeds
/// dropped, the text escaped as docx-rs escapes it.
fn run_xml(xml: &mut String, text: &str, weight: Weight) {
    xml.push_str(match weight {
        Weight::Plain => "<w:r><w:rPr />",
        Weight::Strong => "<w:r><w:rPr><w:b /><w:bCs /></w:rPr>",
        Weight::Emphasis => "<w:r><w:rPr><w:i /><w:iCs /></w:rPr>",
    });
    xml.push_str("<w:t xml:space=\"preserve\">");
    escape_into(xml, text);
    xml.push_str("</w:t></w:r>");
}

/// `text` escaped for XML as docx-rs escapes it, line feeds dropped.
fn escape_into(xml: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            '\'' => xml.push_str("&apos;"),
            '\n' | '\r' => {}
            c => xml.push(c),
        }
    }
}

/// Text for one line, without the two characters XML cannot hold that cleaning keeps.
fn line(s: &str) -> String {
    xml_safe(one_line(s))
}

fn xml_safe(s: String) -> String {
    if s.contains(['\u{FFFE}', '\u{FFFF}']) {
        s.replace(['\u{FFFE}', '\u{FFFF}'], "")
    } else {
        s
    }
}

fn cell_margins() -> TableCellMargins {
    TableCellMargins::new().margin(60, 100, 60, 100)
}

#[cfg(test)]
mod tests {
    //! The XML written here against what docx-rs writes for the same values (its `TableRow`s and
    //! bullet `Paragraph`s, built as this module built them before writing them itself).

    use super::*;
    use crate::export::document::Signature;
    use docx_rs::{BuildXML, HeightRule, Shading, ShdType, TableCell, TableRow};
    use proptest::prelude::*;

    fn fill(color: &str) -> Shading {
        Shading::new()
            .shd_type(ShdType::Clear)
            .color("auto")
            .fill(color)
    }

    fn tree_cell(p: Paragraph, width: usize) -> TableCell {
        TableCell::new()
            .add_paragraph(p.line_spacing(LineSpacing::new().before(0).after(0)))
            .width(width, WidthType::Dxa)
    }

    fn tree_table(w: &Writer, t: &Table) -> String {
        let widths: Vec<usize> = t
            .widths()
            .iter()
            .map(|&w| TEXT_WIDTH * w as usize / 100)
            .collect();
        let mut rows = vec![
            TableRow::new(
                widths
                    .iter()
                    .enumerate()
                    .map(|(i, &width)| {
                        let h = t.head.get(i).map(|h| line(h)).unwrap_or_default();
                        let p = w
                            .para()
                            .keep_next(true)
                            .add_run(Run::new().add_text(h).bold());
                        tree_cell(p, width).shading(fill(HEAD_FILL))
                    })
                    .collect(),
            )
            .cant_split(),
        ];
        for (n, row) in t.rows.iter().enumerate() {
            let keep = keeps_with_next(n, t.rows.len());
            let cells = widths.iter().enumerate().map(|(i, &width)| {
                let cell = row.get(i).cloned().unwrap_or_default();
                tree_cell(w.inline(w.para().keep_next(keep), &cell), width)
            });
            rows.push(TableRow::new(cells.collect()).cant_split());
        }
        // docx-rs has no setting for a heading row that repeats: the one difference.
        let mut xml: String = rows.iter().map(|r| text(r.build())).collect();
        let first = "<w:trPr><w:cantSplit />";
        if let Some(at) = xml.find(first) {
            xml.insert_str(at + first.len(), TABLE_HEADER);
        }
        xml
    }

    fn tree_labelled(w: &Writer, rows: &[(String, Inline)], height: Option<u32>) -> String {
        let label_width = TEXT_WIDTH * 3 / 10;
        let last = rows.len().saturating_sub(1);
        let mut out = String::new();
        for (n, (label, value)) in rows.iter().enumerate() {
            let keep = n < last && (height.is_some() || rows.len() <= SHORT_TABLE);
            let label = w.para().keep_next(keep).add_run(
                Run::new()
                    .add_text(super::super::markdown::label_text(label).trim_end_matches(':'))
                    .bold(),
            );
            let mut row = TableRow::new(vec![
                tree_cell(label, label_width).shading(fill(LABEL_FILL)),
                tree_cell(
                    w.inline(w.para().keep_next(keep), value),
                    TEXT_WIDTH - label_width,
                ),
            ])
            .cant_split();
            if let Some(h) = height {
                row = row.row_height(h as f32).height_rule(HeightRule::AtLeast);
            }
            out.push_str(&text(row.build()));
        }
        out
    }

    fn tree_bullets(w: &Writer, items: &[Inline], keep: bool) -> String {
        items
            .iter()
            .map(|item| {
                let p = w
                    .inline(w.para(), item)
                    .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                    .keep_next(keep);
                text(p.build())
            })
            .collect()
    }

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    fn parts(w: Writer) -> Vec<String> {
        w.parts
            .into_inner()
            .into_iter()
            .map(|(Part::Rows(x) | Part::Paragraphs(x))| x)
            .collect()
    }

    /// Text with what needs escaping or cleaning: markup, quotes, line breaks, the characters
    /// XML cannot hold, spaces at the ends, and letters beyond ASCII.
    fn awkward() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[a-zA-Z0-9 &<>\"'\\n\\r\\t:\u{FFFE}\u{FFFF}é—]{0,20}")
            .unwrap()
    }

    fn inline() -> impl Strategy<Value = Inline> {
        let span = prop_oneof![
            awkward().prop_map(Span::Text),
            awkward().prop_map(Span::Strong),
            awkward().prop_map(Span::Emphasis),
        ];
        proptest::collection::vec(span, 0..4).prop_map(Inline)
    }

    proptest! {
        #[test]
        fn table_rows_are_the_xml_docx_rs_writes(
            head in proptest::collection::vec(awkward(), 0..5),
            rows in proptest::collection::vec(proptest::collection::vec(inline(), 0..5), 0..5),
        ) {
            let t = Table { head, rows };
            let w = Writer::default();
            w.table(&t);
            prop_assert_eq!(parts(w), vec![tree_table(&Writer::default(), &t)]);
        }

        #[test]
        fn labelled_rows_are_the_xml_docx_rs_writes(
            rows in proptest::collection::vec((awkward(), inline()), 0..5),
            height in proptest::option::of(1u32..2000),
        ) {
            let w = Writer::default();
            w.labelled(rows.iter().map(|(l, v)| (l.as_str(), v)).collect(), height);
            prop_assert_eq!(parts(w), vec![tree_labelled(&Writer::default(), &rows, height)]);
        }

        #[test]
        fn bullets_are_the_xml_docx_rs_writes(
            items in proptest::collection::vec(inline(), 1..5),
            keep in any::<bool>(),
        ) {
            let w = Writer::default();
            let _ = w.bullets(Docx::new(), &items, keep);
            prop_assert_eq!(parts(w), vec![tree_bullets(&Writer::default(), &items, keep)]);
        }
    }

    /// A JPEG letterhead is declared a JPEG in the package, though docx-rs names its part
    /// `.png`; a PNG keeps the default. Word trusts the declared type, not the name.
    #[test]
    fn a_jpeg_picture_is_declared_a_jpeg() {
        use std::io::Read;
        let jpeg = {
            let mut b = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];
            b.extend(b"JFIF\0");
            b.extend([1, 1, 0, 0, 1, 0, 1, 0, 0]);
            b.extend([0xff, 0xc0, 0x00, 0x11, 0x08, 0, 50, 0, 200]);
            b.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
            b
        };
        let mut section = crate::export::document::Section::new("Letter");
        section.blocks = vec![Block::Letterhead(crate::export::document::Letterhead {
            picture: Some(crate::domain::picture::Picture::read(jpeg.clone()).unwrap()),
            from: vec!["Eastbrook Council".into()],
            return_address: Vec::new(),
            to: vec!["Mr Walsh".into()],
            details: Vec::new(),
        })];
        let doc = Document {
            title: "Letter".into(),
            subtitle: Vec::new(),
            marking: String::new(),
            sections: vec![section],
            author: "Eastbrook Council".into(),
            date: None,
        };
        let docx = render(&doc).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        let media: Vec<String> = zip
            .file_names()
            .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
            .map(str::to_string)
            .collect();
        assert_eq!(media.len(), 1, "{media:?}");
        let mut bytes = Vec::new();
        zip.by_name(&media[0])
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        assert_eq!(bytes, jpeg);
        let mut types = String::new();
        zip.by_name("[Content_Types].xml")
            .unwrap()
            .read_to_string(&mut types)
            .unwrap();
        let part = format!("PartName=\"/{}\" ContentType=\"image/jpeg\"", media[0]);
        assert!(types.contains(&part), "{types}");
    }

    fn document_xml(docx: &[u8]) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn each_table_gets_its_rows_and_each_list_its_bullets_in_order() {
        let cell = |s: &str| Inline(vec![Span::Text(s.into())]);
        let table = |name: &str| {
            Block::Table(Table {
                head: vec![format!("{name} head")],
                rows: vec![vec![cell(&format!("{name} row"))]],
            })
        };
        let mut first = crate::export::document::Section::new("First");
        first.blocks = vec![
            table("one"),
            Block::Bullets(vec![cell("bullet a"), cell("bullet b")]),
            Block::Bullets(Vec::new()),
            table("two"),
            Block::Fields(vec![("Date:".into(), cell("field value"))]),
        ];
        let mut second = crate::export::document::Section::new("Second");
        second.blocks = vec![Block::Signature(Signature {
            who: "Someone".into(),
            agreed: vec![cell("agreed c")],
            lines: vec!["Signed".into()],
        })];
        let doc = Document {
            title: "Title".into(),
            subtitle: Vec::new(),
            marking: "OFFICIAL".into(),
            sections: vec![first, second],
            ..Default::default()
        };
        let xml = document_xml(&render(&doc).unwrap());
        assert!(!xml.contains("coregroup-xml"), "a marker was left in");
        let order = [
            "one head",
            "one row",
            "bullet a",
            "bullet b",
            "two head",
            "two row",
            "Date",
            "field value",
            "Someone",
            "agreed c",
            "Signed",
        ];
        let mut from = 0;
        for s in order {
            let at = xml[from..]
                .find(s)
                .unwrap_or_else(|| panic!("{s} missing or out of order"));
            from += at + s.len();
        }
        // Each row inside its own table: one, two, the fields, the signature box.
        let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).collect();
        assert_eq!(tables.len(), 4);
        for (t, rows) in tables.iter().zip([2, 2, 1, 1]) {
            let t = &t[..t.find("</w:tbl>").unwrap()];
            assert_eq!(t.matches("<w:tr>").count(), rows, "{t}");
        }
        // The bullets keep their numbering, so the file links the numbering part.
        assert_eq!(xml.matches("<w:numId w:val=\"2\" />").count(), 3);
    }
}
