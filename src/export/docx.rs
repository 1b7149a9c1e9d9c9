//! Rendering a document as a Word file (`.docx`), for case systems and council email, and for a
//! parent opening it on a phone: the document's title and sections as Word headings, real tables
//! with column widths from the document, the protective marking in every page's header and
//! "Page N of M" in the footer, and a confidential section (or a page to sign) on a page of its
//! own.
//!
//! The same document always gives the same bytes: the archive's entries carry no time (the zip
//! writer is built without a clock), the properties carry no date, and every paragraph gets its
//! id from a counter started afresh for each document, not from the writer's own counter, which
//! runs on across documents.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footer, Header, HeightRule, IndentLevel, Level,
    LevelJc, LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin,
    PageNum, Paragraph, Run, RunFonts, Shading, ShdType, SpecialIndentType, Start, Style,
    StyleType, Table as WordTable, TableCell, TableCellMargins, TableRow, WidthType,
};

use super::clean::{flatten, one_line};
use super::document::{Block, Document, Inline, Span, Table};

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

/// The Word file of a document. Only fails if writing to memory does, which it does not.
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
        .default_size(21)
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
                    .add_run(Run::new().add_text(format!("{title}   Page ")).size(17))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" of ").size(17))
                    .add_num_pages(NumPages::new()),
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
    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
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

/// Makes paragraphs with ids of its own, counted from the start of each document.
#[derive(Default)]
struct Writer {
    next_id: std::cell::Cell<u32>,
}

impl Writer {
    fn para(&self) -> Paragraph {
        let id = self.next_id.get() + 1;
        self.next_id.set(id);
        Paragraph::new().id(format!("{id:08X}"))
    }

    fn inline(&self, mut p: Paragraph, i: &Inline) -> Paragraph {
        let last = i.0.len().saturating_sub(1);
        for (n, span) in i.0.iter().enumerate() {
            let (text, strong, emphasis) = match span {
                Span::Text(s) => (xml_safe(flatten(s)), false, false),
                Span::Strong(s) => (line(s), true, false),
                Span::Emphasis(s) => (line(s), false, true),
            };
            // As the HTML trims the ends of a run of text.
            let text = match (n == 0, n == last) {
                (true, true) => text.trim().to_string(),
                (true, false) => text.trim_start().to_string(),
                (false, true) => text.trim_end().to_string(),
                (false, false) => text,
            };
            let mut run = Run::new().add_text(text);
            if strong {
                run = run.bold();
            }
            if emphasis {
                run = run.italic();
            }
            p = p.add_run(run);
        }
        p
    }

    fn block(&self, docx: Docx, block: &Block) -> Docx {
        match block {
            // A table beside a chart carries its numbers; Word gets the table alone.
            Block::Chart(_) => docx,
            Block::Heading(h) => docx.add_paragraph(
                self.para()
                    .style("Heading2")
                    .keep_next(true)
                    .add_run(Run::new().add_text(line(h))),
            ),
            Block::Para(p) => docx.add_paragraph(self.inline(self.para(), p)),
            Block::Fields(fields) => self.after_table(docx.add_table(
                self.labelled(fields.iter().map(|(l, v)| (l.as_str(), v.clone())), None),
            )),
            Block::Bullets(items) => items
                .iter()
                .fold(docx, |d, item| d.add_paragraph(self.bullet(item))),
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
                for item in &sign.agreed {
                    docx = docx.add_paragraph(self.bullet(item).keep_next(true));
                }
                self.after_table(docx.add_table(self.labelled(
                    sign.lines.iter().map(|l| (l.as_str(), Inline::default())),
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

    fn bullet(&self, item: &Inline) -> Paragraph {
        self.inline(self.para(), item)
            .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
    }

    fn cell(&self, p: Paragraph, width: usize) -> TableCell {
        TableCell::new()
            .add_paragraph(p.line_spacing(LineSpacing::new().before(0).after(0)))
            .width(width, WidthType::Dxa)
    }

    /// A table of labels and values (the meeting's details, a signature box): labels in a
    /// shaded third. `height` leaves room to write by hand.
    fn labelled<'a>(
        &self,
        rows: impl Iterator<Item = (&'a str, Inline)>,
        height: Option<u32>,
    ) -> WordTable {
        let label_width = TEXT_WIDTH * 3 / 10;
        let value_width = TEXT_WIDTH - label_width;
        let rows: Vec<(&str, Inline)> = rows.collect();
        let last = rows.len().saturating_sub(1);
        let rows: Vec<TableRow> = rows
            .into_iter()
            .enumerate()
            .map(|(n, (label, value))| {
                // A signature box keeps together, but not with whatever follows it.
                let keep = height.is_some() && n < last;
                let label = self.para().keep_next(keep).add_run(
                    Run::new()
                        .add_text(super::markdown::label_text(label).trim_end_matches(':'))
                        .bold(),
                );
                let mut row = TableRow::new(vec![
                    self.cell(label, label_width).shading(fill(LABEL_FILL)),
                    self.cell(self.inline(self.para(), &value), value_width),
                ])
                .cant_split();
                if let Some(h) = height {
                    row = row.row_height(h as f32).height_rule(HeightRule::AtLeast);
                }
                row
            })
            .collect();
        WordTable::new(rows)
            .set_grid(vec![label_width, value_width])
            .width(TEXT_WIDTH, WidthType::Dxa)
            .margins(cell_margins())
    }

    fn table(&self, t: &Table) -> WordTable {
        let widths: Vec<usize> = t
            .widths()
            .iter()
            .map(|&w| TEXT_WIDTH * w as usize / 100)
            .collect();
        let head = TableRow::new(
            widths
                .iter()
                .enumerate()
                .map(|(i, &w)| {
                    let h = t.head.get(i).map(|h| line(h)).unwrap_or_default();
                    self.cell(
                        self.para()
                            .keep_next(true)
                            .add_run(Run::new().add_text(h).bold()),
                        w,
                    )
                    .shading(fill(HEAD_FILL))
                })
                .collect(),
        )
        .cant_split();
        let mut rows = vec![head];
        for row in &t.rows {
            rows.push(
                TableRow::new(
                    widths
                        .iter()
                        .enumerate()
                        .map(|(i, &w)| {
                            let cell = row.get(i).cloned().unwrap_or_default();
                            self.cell(self.inline(self.para(), &cell), w)
                        })
                        .collect(),
                )
                .cant_split(),
            );
        }
        WordTable::new(rows)
            .set_grid(widths)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .margins(cell_margins())
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

fn fill(color: &str) -> Shading {
    Shading::new()
        .shd_type(ShdType::Clear)
        .color("auto")
        .fill(color)
}
