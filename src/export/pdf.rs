//! Rendering a document as a PDF, for a reader who is sent one (the council's settings say who,
//! `domain::council::Attachments`): the same document model as the Word and HTML copies, laid out
//! here on A4 pages. Headings, paragraphs, bulleted lists, tables whose cells wrap between words
//! (the heading row repeated on each page a table runs onto), the head of a letter placed for a
//! DL window envelope under the council's picture (a JPEG, or a PNG with no transparency, goes in
//! as it is; another PNG is left to the HTML and Word letters, `draws`), a new page where the document asks for one, and on every page the marking
//! at the top and the title and "Page N of M" at the foot. A family's copy is set at 12 pt, the
//! professionals' at 10.5 pt, as in Word.
//!
//! The text is set in three of the PDF's standard fonts (`pdf_fonts`), which readers carry, so no
//! font file is embedded; lines are broken by Adobe's published widths of those fonts. They hold
//! only Windows code page 1252: a document with a character outside it is not made as a PDF
//! ([`Unsupported`] names the characters) rather than printed with letters missing, and the
//! Word copy goes instead.
//!
//! Every page's contents are compressed (Flate, as a zip's files are): a large case's document
//! goes by email at a tenth of its size, under the limits of council mail gateways. The same
//! document always gives the same bytes (the date is the document's own, never the clock's).

use std::collections::BTreeSet;

use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::clean::{flatten, one_line};
use super::document::{
    Block, Document, Inline, Letterhead, PICTURE_HEIGHT_MM, PICTURE_WIDTH_MM, Section, Span, Table,
};
use super::pdf_fonts::{FIRST, Font, encode};
use crate::domain::picture::{ImageFormat, Picture};

/// A4, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// Millimetres in points.
const MM: f32 = 72.0 / 25.4;
/// The text's left and right edges: 2 cm margins, as the Word copy's.
const LEFT: f32 = 20.0 * MM;
const RIGHT: f32 = PAGE_WIDTH - 20.0 * MM;
const WIDTH: f32 = RIGHT - LEFT;
/// Where the body's text starts and must end on a page; the marking and the foot are outside.
const TOP: f32 = PAGE_HEIGHT - 23.0 * MM;
const BOTTOM: f32 = 22.0 * MM;
/// A letter's recipient, in the window of a DL envelope: as the HTML letter places it.
const WINDOW_LEFT: f32 = super::html::WINDOW_LEFT_MM as f32 * MM;
const WINDOW_TOP: f32 = super::html::WINDOW_TOP_MM as f32 * MM;
const WINDOW_WIDTH: f32 = super::html::WINDOW_WIDTH_MM as f32 * MM;
const WINDOW_HEIGHT: f32 = super::html::WINDOW_HEIGHT_MM as f32 * MM;

/// The letterhead picture's name among a page's resources.
const IMAGE: &[u8] = b"Im1";

/// Line height as a multiple of the font size, and the padding inside a table's cells.
const LEADING: f32 = 1.3;
const CELL_PAD: f32 = 4.0;
/// A signature's boxes leave this much room to write in (the Word copy's 620 twentieths).
const SIGNATURE_ROW: f32 = 31.0;

type Rgb = (f32, f32, f32);
const fn rgb(hex: u32) -> Rgb {
    (
        ((hex >> 16) & 0xFF) as f32 / 255.0,
        ((hex >> 8) & 0xFF) as f32 / 255.0,
        (hex & 0xFF) as f32 / 255.0,
    )
}
const INK: Rgb = rgb(0x111111);
const GREY: Rgb = rgb(0x333333);
const NAVY: Rgb = rgb(0x1D3557);
const RED: Rgb = rgb(0x9B1C1C);
const BORDER: Rgb = rgb(0x8A8A8A);
const HEAD_FILL: Rgb = rgb(0xE8EDF3);
const LABEL_FILL: Rgb = rgb(0xF3F5F8);
const NOTICE_FILL: Rgb = rgb(0xFDF2F2);

/// Why a document was not made as a PDF: characters its fonts cannot show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    pub chars: Vec<char>,
}

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: Vec<String> = self
            .chars
            .iter()
            .take(8)
            .map(|c| format!("'{c}' (U+{:04X})", u32::from(*c)))
            .collect();
        write!(
            f,
            "its text has characters the PDF's standard font cannot show: {}{}",
            shown.join(", "),
            if self.chars.len() > 8 { ", …" } else { "" }
        )
    }
}

impl std::error::Error for Unsupported {}

/// A document that goes in another format where the council's settings ask for a PDF: the file
/// that goes instead, to whom, and why. `coregroup export` and `coregroup circulate` both say it,
/// in these words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instead {
    pub file: String,
    pub to: String,
    pub why: String,
}

impl std::fmt::Display for Instead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} goes instead of a PDF to {}: {}\n  hint: the PDF's standard font holds only \
             Western European letters; the Word copy shows every letter",
            self.file, self.to, self.why
        )
    }
}

/// The characters of `text` the PDF's fonts cannot show (spaces aside), each once.
pub fn unsupported(text: &str) -> Unsupported {
    let chars: BTreeSet<char> = text
        .chars()
        .filter(|&c| !c.is_whitespace() && !c.is_control() && encode(c).is_none())
        .collect();
    Unsupported {
        chars: chars.into_iter().collect(),
    }
}

/// The PDF of a document, or the characters that keep it from being made.
pub fn render(doc: &Document) -> Result<Vec<u8>, Unsupported> {
    let body = if doc.is_for_family() { 12.0 } else { 10.5 };
    let mut l = Layout::new(body);
    l.document(doc);
    let mut missing = std::mem::take(&mut l.missing);
    let marking = one_line(&doc.marking);
    let title = one_line(&doc.title);
    let header = l.words(&Inline::strong(marking.as_str()), Font::Bold);
    let footer = l.words(&Inline::text(title.as_str()), Font::Regular);
    missing.append(&mut l.missing);
    if !missing.is_empty() {
        return Err(Unsupported {
            chars: missing.into_iter().collect(),
        });
    }
    let picture = l.picture.take();
    let pages = l.pages;
    let count = pages.len();
    let mut pdf = Pdf::new();
    let mut next = Ref::new(1);
    let mut id = || next.bump();
    let (catalog, tree, info) = (id(), id(), id());
    let fonts: Vec<(Font, Ref)> = Font::ALL.iter().map(|&f| (f, id())).collect();
    let ids: Vec<(Ref, Ref)> = (0..count).map(|_| (id(), id())).collect();
    let image = picture.as_ref().map(|_| id());
    pdf.catalog(catalog).pages(tree).lang(TextStr("en-GB"));
    pdf.pages(tree)
        .kids(ids.iter().map(|&(page, _)| page))
        .count(i32::try_from(count).unwrap_or(i32::MAX));
    for &(font, at) in &fonts {
        pdf.type1_font(at)
            .base_font(Name(font.base_font()))
            .encoding_predefined(Name(b"WinAnsiEncoding"))
            .first_char(FIRST)
            .last_char(255)
            .widths(font.widths().iter().map(|&w| f32::from(w)));
    }
    for (n, (ops, &(page_id, content_id))) in pages.iter().zip(&ids).enumerate() {
        let mut c = Content::new();
        paint(&mut c, ops);
        page_furniture(&mut c, &header, &footer, n + 1, count);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(content_id);
        let mut resources = page.resources();
        let mut names = resources.fonts();
        for &(font, at) in &fonts {
            names.pair(Name(font.resource()), at);
        }
        names.finish();
        if let Some(at) = image {
            resources.x_objects().pair(Name(IMAGE), at);
        }
        resources.finish();
        page.finish();
        pdf.stream(content_id, &deflate(&c.finish()))
            .filter(Filter::FlateDecode);
    }
    if let (Some(at), Some(img)) = (image, &picture) {
        let mut x = pdf.image_xobject(at, &img.data);
        x.width(i32::try_from(img.width).unwrap_or(1))
            .height(i32::try_from(img.height).unwrap_or(1));
        match &img.kind {
            ImageKind::Jpeg { components } => {
                x.filter(Filter::DctDecode);
                x.bits_per_component(8);
                match components {
                    1 => x.color_space().device_gray(),
                    4 => {
                        x.color_space().device_cmyk();
                        // Adobe's JPEGs hold CMYK inverted.
                        x.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
                    }
                    _ => x.color_space().device_rgb(),
                }
            }
            // A PNG's compressed rows go in as they are: PDF undoes a PNG's filters itself.
            ImageKind::Png {
                colors,
                bits,
                palette,
            } => {
                x.filter(Filter::FlateDecode);
                x.decode_parms()
                    .predictor(pdf_writer::types::Predictor::PngOptimum)
                    .colors(i32::from(*colors))
                    .bits_per_component(i32::from(*bits))
                    .columns(i32::try_from(img.width).unwrap_or(1));
                x.bits_per_component(i32::from(*bits));
                match (palette, colors) {
                    (Some(p), _) => x.color_space().indexed(
                        Name(b"DeviceRGB"),
                        i32::try_from(p.len() / 3).unwrap_or(1) - 1,
                        p,
                    ),
                    (None, 1) => x.color_space().device_gray(),
                    (None, _) => x.color_space().device_rgb(),
                }
            }
        }
        x.finish();
    }
    let mut meta = pdf.document_info(info);
    meta.title(TextStr(&title))
        .author(TextStr(&one_line(&doc.author)));
    if let Some(d) = doc.date {
        use chrono::Datelike;
        meta.creation_date(
            Date::new(u16::try_from(d.year()).unwrap_or(0))
                .month(u8::try_from(d.month()).unwrap_or(1))
                .day(u8::try_from(d.day()).unwrap_or(1)),
        );
    }
    meta.finish();
    Ok(pdf.finish())
}

/// A stream's bytes compressed, for `/Filter /FlateDecode` (a zlib stream, as PDF readers take).
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to memory cannot fail.
    let _ = z.write_all(bytes);
    z.finish().unwrap_or_default()
}

/// The marking at the top of a page, and the title and "Page N of M" at its foot.
fn page_furniture(c: &mut Content, marking: &[Word], title: &[Word], n: usize, of: usize) {
    if !marking.is_empty() {
        // Made smaller to fit on one line, however long the council's marking.
        let size = fit(marking, 9.0, WIDTH);
        let width = line_width(marking, size);
        let x = LEFT + (WIDTH - width) / 2.0;
        text(c, x, PAGE_HEIGHT - 13.0 * MM, size, INK, marking);
    }
    let size = 8.5;
    let page = words_of(&format!("Page {n} of {of}"), Font::Regular);
    let page_width = line_width(&page, size);
    text(c, RIGHT - page_width, 12.0 * MM, size, INK, &page);
    // The title takes what room the page number leaves; a longer one is cut short with "…" (the
    // first page carries it whole).
    let room = WIDTH - page_width - 6.0 * MM;
    let mut title: Vec<Word> = title.to_vec();
    if line_width(&title, size) > room {
        while !title.is_empty() && line_width(&title, size) + ellipsis_width(size) > room {
            title.pop();
        }
        title.push(words_of("…", Font::Regular).remove(0));
    }
    text(c, LEFT, 12.0 * MM, size, GREY, &title);
}

fn ellipsis_width(size: f32) -> f32 {
    f32::from(Font::Regular.width(0x85) + Font::Regular.width(b' ')) * size / 1000.0
}

/// The size, at most `size`, at which `words` fit on one line of `width`.
fn fit(words: &[Word], size: f32, width: f32) -> f32 {
    let at = line_width(words, size);
    if at > width {
        (size * width / at).max(5.0)
    } else {
        size
    }
}

/// A word: the pieces of it set in each font, already encoded, and its width in thousandths of
/// the font size.
#[derive(Clone, Debug)]
struct Word {
    parts: Vec<(Font, Vec<u8>)>,
    units: u32,
}

/// The width of a space, the same in every one of the fonts.
const SPACE: u32 = 278;

fn line_width(words: &[Word], size: f32) -> f32 {
    let units: u32 = words.iter().map(|w| w.units).sum::<u32>()
        + SPACE * u32::try_from(words.len().saturating_sub(1)).unwrap_or(0);
    units as f32 * size / 1000.0
}

/// Plain text of our own (all of it in the fonts' characters) as words.
fn words_of(s: &str, font: Font) -> Vec<Word> {
    let mut unused = BTreeSet::new();
    split_words(&[(font, s.to_string())], &mut unused)
}

/// Runs of text in their fonts as words: split at spaces, a word running on across runs (so
/// "Mum" in bold and "'s" after it stay one word). Characters the fonts cannot show are noted in
/// `missing`.
fn split_words(runs: &[(Font, String)], missing: &mut BTreeSet<char>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut open = false;
    for (font, s) in runs {
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                open = false;
                continue;
            }
            let Some(code) = encode(c) else {
                missing.insert(c);
                continue;
            };
            if !open {
                out.push(Word {
                    parts: Vec::new(),
                    units: 0,
                });
                open = true;
            }
            let Some(word) = out.last_mut() else { continue };
            word.units += u32::from(font.width(code));
            match word.parts.last_mut() {
                Some((f, bytes)) if f == font => bytes.push(code),
                _ => word.parts.push((*font, vec![code])),
            }
        }
    }
    out
}

/// Words broken into lines of at most `width` points; a word longer than a whole line is broken
/// where it must.
fn wrap(words: &[Word], width: f32, size: f32) -> Vec<Vec<Word>> {
    let limit = (width * 1000.0 / size).max(1.0) as u32;
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut used = 0u32;
    for word in words {
        for piece in break_word(word, limit) {
            let add = if line.is_empty() {
                piece.units
            } else {
                SPACE + piece.units
            };
            if !line.is_empty() && used + add > limit {
                lines.push(std::mem::take(&mut line));
                used = piece.units;
            } else {
                used += add;
            }
            line.push(piece);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word as pieces no wider than `limit` thousandths of the size: itself when it fits.
fn break_word(word: &Word, limit: u32) -> Vec<Word> {
    if word.units <= limit {
        return vec![word.clone()];
    }
    let mut out = vec![Word {
        parts: Vec::new(),
        units: 0,
    }];
    for (font, bytes) in &word.parts {
        for &b in bytes {
            let w = u32::from(font.width(b));
            let fits = out
                .last()
                .is_some_and(|p| p.units + w <= limit || p.units == 0);
            if !fits {
                out.push(Word {
                    parts: Vec::new(),
                    units: 0,
                });
            }
            let Some(piece) = out.last_mut() else {
                continue;
            };
            piece.units += w;
            match piece.parts.last_mut() {
                Some((f, run)) if f == font => run.push(b),
                _ => piece.parts.push((*font, vec![b])),
            }
        }
    }
    out
}

/// One thing drawn on a page, in points from its lower left corner.
#[derive(Clone, Debug)]
enum Op {
    /// A line of words, its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        color: Rgb,
        words: Vec<Word>,
    },
    /// The letterhead's picture, `w` by `h` with its lower left corner at `x`, `y`.
    Image { x: f32, y: f32, w: f32, h: f32 },
    /// A rectangle, filled or outlined.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
}

fn paint(c: &mut Content, ops: &[Op]) {
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                size,
                color,
                words,
            } => text(c, *x, *y, *size, *color, words),
            Op::Image { x, y, w, h } => {
                c.save_state();
                c.transform([*w, 0.0, 0.0, *h, *x, *y]);
                c.x_object(Name(IMAGE));
                c.restore_state();
            }
            Op::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                if let Some((r, g, b)) = fill {
                    c.set_fill_rgb(*r, *g, *b);
                    c.rect(*x, *y, *w, *h);
                    c.fill_nonzero();
                }
                if let Some((r, g, b)) = stroke {
                    c.set_stroke_rgb(*r, *g, *b);
                    c.set_line_width(0.6);
                    c.rect(*x, *y, *w, *h);
                    c.stroke();
                }
            }
        }
    }
}

/// A line of words, each font's run shown in turn: the reader advances by the same widths the
/// line was broken by.
fn text(c: &mut Content, x: f32, y: f32, size: f32, (r, g, b): Rgb, words: &[Word]) {
    if words.is_empty() {
        return;
    }
    let mut runs: Vec<(Font, Vec<u8>)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        for (n, (font, bytes)) in word.parts.iter().enumerate() {
            match runs.last_mut() {
                Some((f, run)) if f == font => {
                    if i > 0 && n == 0 {
                        run.push(b' ');
                    }
                    run.extend_from_slice(bytes);
                }
                _ => {
                    if i > 0
                        && n == 0
                        && let Some((_, run)) = runs.last_mut()
                    {
                        run.push(b' ');
                    }
                    runs.push((*font, bytes.clone()));
                }
            }
        }
    }
    c.set_fill_rgb(r, g, b);
    c.begin_text();
    c.next_line(x, y);
    for (font, bytes) in &runs {
        c.set_font(Name(font.resource()), size);
        c.show(Str(bytes));
    }
    c.end_text();
}

/// A cell of a table: its lines, in the cell's width.
struct Cell {
    lines: Vec<Vec<Word>>,
    width: f32,
    fill: Option<Rgb>,
}

/// The pages as they are laid out, top to bottom.
struct Layout {
    body: f32,
    pages: Vec<Vec<Op>>,
    /// Where the next thing goes on the last page.
    y: f32,
    /// Characters met that the fonts cannot show.
    missing: BTreeSet<char>,
    /// Laying out only to measure: one page with no foot.
    measuring: bool,
    /// The letterhead's picture, drawn on the first page.
    picture: Option<Image>,
}

impl Layout {
    fn new(body: f32) -> Layout {
        Layout {
            body,
            pages: vec![Vec::new()],
            y: TOP,
            missing: BTreeSet::new(),
            measuring: false,
            picture: None,
        }
    }

    fn bottom(&self) -> f32 {
        if self.measuring { f32::MIN } else { BOTTOM }
    }

    fn leading(&self, size: f32) -> f32 {
        size * LEADING
    }

    fn fresh(&self) -> bool {
        self.y >= TOP
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Moves to a new page unless `height` fits on this one (or this one is empty).
    fn ensure(&mut self, height: f32) {
        if self.y - height < self.bottom() && !self.fresh() {
            self.new_page();
        }
    }

    fn draw(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// The words of an inline, in `base` where it is not emphasised (a heading's bold).
    fn words(&mut self, inline: &Inline, base: Font) -> Vec<Word> {
        let runs: Vec<(Font, String)> = inline
            .0
            .iter()
            .map(|span| match span {
                Span::Text(s) => (base, flatten(s)),
                Span::Strong(s) => (Font::Bold, flatten(s)),
                Span::Emphasis(s) if base == Font::Bold => (Font::Bold, flatten(s)),
                Span::Emphasis(s) => (Font::Italic, flatten(s)),
            })
            .collect();
        split_words(&runs, &mut self.missing)
    }

    fn lines(&mut self, inline: &Inline, base: Font, width: f32, size: f32) -> Vec<Vec<Word>> {
        let words = self.words(inline, base);
        wrap(&words, width, size)
    }

    /// Lines of text at `x`, each moved to a new page when it does not fit.
    fn flow(&mut self, lines: Vec<Vec<Word>>, x: f32, size: f32, color: Rgb) {
        let lead = self.leading(size);
        for words in lines {
            self.ensure(lead);
            let y = self.y - baseline(size);
            self.draw(Op::Text {
                x,
                y,
                size,
                color,
                words,
            });
            self.y -= lead;
        }
    }

    fn gap(&mut self, points: f32) {
        if !self.fresh() {
            self.y -= points;
        }
    }

    fn document(&mut self, doc: &Document) {
        let head = doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|b| match b {
                Block::Letterhead(l) => Some(l),
                _ => None,
            });
        if let Some(l) = head {
            self.letterhead(l);
        }
        let body = self.body;
        let marking = one_line(&doc.marking);
        if !marking.is_empty() {
            let lines = self.lines(&Inline::strong(marking.as_str()), Font::Bold, WIDTH, body);
            self.flow(lines, LEFT, body, INK);
            self.y -= body * 0.4;
        }
        let title = self.lines(
            &Inline::text(one_line(&doc.title)),
            Font::Bold,
            WIDTH,
            body * 1.5,
        );
        self.flow(title, LEFT, body * 1.5, NAVY);
        for line in &doc.subtitle {
            let lines = self.lines(line, Font::Regular, WIDTH, body);
            self.flow(lines, LEFT, body, INK);
        }
        // The rule under the head, as the HTML's.
        self.y -= body * 0.3;
        self.draw(Op::Rect {
            x: LEFT,
            y: self.y,
            w: WIDTH,
            h: 1.6,
            fill: Some(NAVY),
            stroke: None,
        });
        self.y -= body;
        for s in &doc.sections {
            self.section(s);
        }
    }

    fn section(&mut self, s: &Section) {
        if (s.confidential || s.new_page) && !self.fresh() {
            self.new_page();
        } else if s.together && !self.measuring {
            // Kept on one page when it fits on one.
            let height = self.measure(|m| m.section_body(s));
            if height <= TOP - BOTTOM && self.y - height < BOTTOM {
                self.new_page();
            }
        }
        let start = (self.pages.len() - 1, self.y);
        self.section_body(s);
        if s.confidential {
            self.mark_out(start);
        }
    }

    /// A red bar down the margin beside everything from `start` (a page and a height on it) to
    /// here: a confidential section is marked out on every page it runs onto, as the HTML draws
    /// a red border round it.
    fn mark_out(&mut self, (first, top): (usize, f32)) {
        let last = self.pages.len() - 1;
        for p in first..=last {
            let from = if p == first { top } else { TOP };
            let to = if p == last { self.y } else { BOTTOM };
            if let Some(page) = self.pages.get_mut(p)
                && from > to
            {
                page.push(Op::Rect {
                    x: LEFT - 4.0 * MM,
                    y: to,
                    w: 2.5,
                    h: from - to,
                    fill: Some(RED),
                    stroke: None,
                });
            }
        }
    }

    fn section_body(&mut self, s: &Section) {
        let body = self.body;
        let heading = one_line(&s.heading);
        if !heading.is_empty() {
            let size = body * 1.2;
            let color = if s.confidential { RED } else { NAVY };
            let lines = self.lines(&Inline::text(heading), Font::Bold, WIDTH, size);
            // A heading keeps with the first lines of what follows.
            let needed = self.leading(size) * lines.len() as f32 + 3.0 * self.leading(body);
            self.gap(body * 0.8);
            self.ensure(needed);
            self.flow(lines, LEFT, size, color);
            self.draw(Op::Rect {
                x: LEFT,
                y: self.y + 1.0,
                w: WIDTH,
                h: 0.6,
                fill: Some(color),
                stroke: None,
            });
            self.y -= body * 0.4;
        }
        for b in &s.blocks {
            self.block(b);
        }
    }

    /// The height `f` takes when laid out on an endless page.
    fn measure(&mut self, f: impl FnOnce(&mut Layout)) -> f32 {
        let mut m = Layout::new(self.body);
        m.measuring = true;
        // Not fresh, so gaps count as they will.
        m.y = TOP - 1.0;
        f(&mut m);
        self.missing.append(&mut m.missing);
        TOP - 1.0 - m.y
    }

    fn block(&mut self, b: &Block) {
        let body = self.body;
        let lead = self.leading(body);
        match b {
            // The table beside a chart carries its numbers.
            Block::Chart(_) => {}
            // Drawn at the top of the first page.
            Block::Letterhead(_) => {}
            Block::Heading(h) => {
                let size = body * 1.05;
                let lines = self.lines(&Inline::text(one_line(h)), Font::Bold, WIDTH, size);
                self.gap(body * 0.5);
                self.ensure(self.leading(size) * lines.len() as f32 + 2.0 * lead);
                self.flow(lines, LEFT, size, INK);
            }
            Block::Para(p) => {
                let lines = self.lines(p, Font::Regular, WIDTH, body);
                self.flow(lines, LEFT, body, INK);
                self.y -= body * 0.5;
            }
            Block::Notice(p) => {
                let pad = 5.0;
                let inner = WIDTH - 4.0 - 2.0 * pad;
                let lines = self.lines(p, Font::Regular, inner, body);
                let cells = vec![Cell {
                    lines,
                    width: WIDTH,
                    fill: Some(NOTICE_FILL),
                }];
                self.row(&cells, 0.0, None, RowStyle::Notice);
                self.y -= body * 0.5;
            }
            Block::Bullets(items) => self.bullets(items),
            Block::Fields(fields) => {
                let rows: Vec<(String, &Inline)> =
                    fields.iter().map(|(l, v)| (l.clone(), v)).collect();
                self.labelled(&rows, 0.0);
            }
            Block::Table(t) => self.table(t),
            Block::Signature(sig) => {
                let draw = |l: &mut Layout| {
                    let size = body;
                    let lines = l.lines(&Inline::text(one_line(&sig.who)), Font::Bold, WIDTH, size);
                    l.gap(body * 0.5);
                    l.flow(lines, LEFT, size, INK);
                    l.bullets(&sig.agreed);
                    let blank = Inline::default();
                    let rows: Vec<(String, &Inline)> =
                        sig.lines.iter().map(|s| (s.clone(), &blank)).collect();
                    l.labelled(&rows, SIGNATURE_ROW);
                };
                // One person's part is kept on one page when it fits.
                let height = self.measure(|m| draw(m));
                if !self.measuring && height <= TOP - BOTTOM && self.y - height < BOTTOM {
                    self.new_page();
                }
                draw(self);
            }
        }
    }

    fn bullets(&mut self, items: &[Inline]) {
        let body = self.body;
        let indent = body * 1.4;
        for item in items {
            let lines = self.lines(item, Font::Regular, WIDTH - indent, body);
            self.ensure(self.leading(body));
            let y = self.y - baseline(body);
            let bullet = words_of("•", Font::Regular);
            self.draw(Op::Text {
                x: LEFT + body * 0.4,
                y,
                size: body,
                color: INK,
                words: bullet,
            });
            self.flow(lines, LEFT + indent, body, INK);
            self.y -= body * 0.2;
        }
        self.y -= body * 0.3;
    }

    /// Labels in a shaded third and their values: the meeting's details, a signature's boxes
    /// (`least` high, to write in).
    fn labelled(&mut self, rows: &[(String, &Inline)], least: f32) {
        let body = self.body;
        let label_width = WIDTH * 0.3;
        for (label, value) in rows {
            let label = super::markdown::label_text(label);
            let label = label.trim_end_matches(':').to_string();
            let cells = vec![
                Cell {
                    lines: self.lines(
                        &Inline::text(label),
                        Font::Bold,
                        label_width - 2.0 * CELL_PAD,
                        body,
                    ),
                    width: label_width,
                    fill: Some(LABEL_FILL),
                },
                Cell {
                    lines: self.lines(
                        value,
                        Font::Regular,
                        WIDTH - label_width - 2.0 * CELL_PAD,
                        body,
                    ),
                    width: WIDTH - label_width,
                    fill: None,
                },
            ];
            self.row(&cells, least, None, RowStyle::Table);
        }
        self.y -= body * 0.6;
    }

    fn table(&mut self, t: &Table) {
        let body = self.body;
        let widths: Vec<f32> = t
            .widths()
            .iter()
            .map(|&w| WIDTH * w as f32 / 100.0)
            .collect();
        let head: Vec<Cell> = widths
            .iter()
            .enumerate()
            .map(|(i, &w)| Cell {
                lines: self.lines(
                    &Inline::text(t.head.get(i).map(|h| one_line(h)).unwrap_or_default()),
                    Font::Bold,
                    w - 2.0 * CELL_PAD,
                    body,
                ),
                width: w,
                fill: Some(HEAD_FILL),
            })
            .collect();
        let head = (!t.head.is_empty()).then_some(head);
        // The heading row keeps with the first row.
        let first_row = t.rows.first().map_or(0.0, |r| {
            let cells = self.cells(r, &widths);
            self.row_height(&cells, 0.0)
        });
        let head_height = head.as_ref().map_or(0.0, |h| self.row_height(h, 0.0));
        self.ensure(head_height + first_row.min(TOP - BOTTOM - head_height));
        if let Some(h) = &head {
            self.row(h, 0.0, None, RowStyle::Table);
        }
        for row in &t.rows {
            let cells = self.cells(row, &widths);
            self.row(&cells, 0.0, head.as_deref(), RowStyle::Table);
        }
        self.y -= body * 0.6;
    }

    fn cells(&mut self, row: &[Inline], widths: &[f32]) -> Vec<Cell> {
        let empty = Inline::default();
        let padded: Vec<&Inline> = (0..widths.len())
            .map(|i| row.get(i).unwrap_or(&empty))
            .collect();
        self.cells_of(&padded, widths)
    }

    fn cells_of(&mut self, row: &[&Inline], widths: &[f32]) -> Vec<Cell> {
        let body = self.body;
        row.iter()
            .zip(widths)
            .map(|(value, &w)| Cell {
                lines: self.lines(value, Font::Regular, w - 2.0 * CELL_PAD, body),
                width: w,
                fill: None,
            })
            .collect()
    }

    fn row_height(&self, cells: &[Cell], least: f32) -> f32 {
        let lines = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1);
        (lines as f32 * self.leading(self.body) + 2.0 * CELL_PAD).max(least)
    }

    /// A row of cells, kept whole on a page when it fits on one (then moved to a new page,
    /// under the table's heading row again); a row taller than a page runs on across pages, its
    /// lines never cut.
    fn row(&mut self, cells: &[Cell], least: f32, head: Option<&[Cell]>, style: RowStyle) {
        let lead = self.leading(self.body);
        let height = self.row_height(cells, least);
        if self.y - height < self.bottom() && !self.fresh() {
            self.new_page();
            if let Some(h) = head {
                self.row(h, 0.0, None, style);
            }
        }
        let most = cells.iter().map(|c| c.lines.len()).max().unwrap_or(0);
        let mut from = 0;
        loop {
            // The lines that fit on this page.
            let room = ((self.y - self.bottom() - 2.0 * CELL_PAD) / lead)
                .floor()
                .max(1.0);
            let to = if self.measuring {
                most
            } else {
                most.min(from + room as usize)
            };
            let part_height = if from == 0 && to == most {
                height
            } else {
                (to - from).max(1) as f32 * lead + 2.0 * CELL_PAD
            };
            self.draw_row(cells, from, to, part_height, style);
            self.y -= part_height;
            if to >= most {
                break;
            }
            from = to;
            self.new_page();
            if let Some(h) = head {
                self.row(h, 0.0, None, style);
            }
        }
    }

    fn draw_row(&mut self, cells: &[Cell], from: usize, to: usize, height: f32, style: RowStyle) {
        let body = self.body;
        let lead = self.leading(body);
        let top = self.y;
        let mut x = LEFT;
        for cell in cells {
            let (text_x, stroke) = match style {
                RowStyle::Table => (x + CELL_PAD, Some(BORDER)),
                RowStyle::Notice => (x + 4.0 + 5.0, None),
            };
            self.draw(Op::Rect {
                x,
                y: top - height,
                w: cell.width,
                h: height,
                fill: cell.fill,
                stroke,
            });
            if style == RowStyle::Notice {
                self.draw(Op::Rect {
                    x,
                    y: top - height,
                    w: 3.0,
                    h: height,
                    fill: Some(RED),
                    stroke: None,
                });
            }
            let lines = cell
                .lines
                .get(from..to.min(cell.lines.len()))
                .unwrap_or(&[]);
            for (i, words) in lines.iter().enumerate() {
                self.draw(Op::Text {
                    x: text_x,
                    y: top - CELL_PAD - i as f32 * lead - baseline(body),
                    size: body,
                    color: INK,
                    words: words.clone(),
                });
            }
            x += cell.width;
        }
    }

    /// A letter's head on the first page: who sends it at the top right, whom it is to in the
    /// envelope's window, the date and reference beside it. The body starts below the window.
    fn letterhead(&mut self, l: &Letterhead) {
        let body = self.body;
        // The council's picture at the top left, as large as the HTML and Word letters draw it.
        if let Some((p, img)) = l.picture.as_ref().and_then(|p| image(p).map(|i| (p, i))) {
            let (w, h) = p.fit(PICTURE_WIDTH_MM, PICTURE_HEIGHT_MM);
            let (w, h) = (w as f32 * MM, h as f32 * MM);
            self.draw(Op::Image {
                x: LEFT,
                y: TOP - h,
                w,
                h,
            });
            self.picture = Some(img);
        }
        let from_width = 80.0 * MM;
        let mut y = TOP;
        for (i, line) in l.from.iter().chain(&l.return_address).enumerate() {
            let (font, size) = if i == 0 {
                (Font::Bold, body * 1.25)
            } else {
                (Font::Regular, body)
            };
            for words in self.lines(&Inline::text(one_line(line)), font, from_width, size) {
                let w = line_width(&words, size);
                self.draw(Op::Text {
                    x: RIGHT - w,
                    y: y - baseline(size),
                    size,
                    color: INK,
                    words,
                });
                y -= self.leading(size);
            }
        }
        // The window's lines, as many as it holds.
        let inner = WINDOW_WIDTH - 8.0 * MM;
        let mut y = PAGE_HEIGHT - WINDOW_TOP - 4.0 * MM;
        let floor = PAGE_HEIGHT - WINDOW_TOP - WINDOW_HEIGHT + 4.0 * MM;
        for line in &l.to {
            for words in self.lines(&Inline::text(one_line(line)), Font::Regular, inner, body) {
                if y - self.leading(body) < floor {
                    break;
                }
                self.draw(Op::Text {
                    x: WINDOW_LEFT + 4.0 * MM,
                    y: y - baseline(body),
                    size: body,
                    color: INK,
                    words,
                });
                y -= self.leading(body);
            }
        }
        let mut y = PAGE_HEIGHT - WINDOW_TOP - WINDOW_HEIGHT + 12.0 * MM;
        for (label, value) in &l.details {
            let inline = Inline::text(format!("{}: ", one_line(label))).then(one_line(value));
            for words in self.lines(&inline, Font::Regular, 70.0 * MM, body) {
                let w = line_width(&words, body);
                self.draw(Op::Text {
                    x: RIGHT - w,
                    y: y - baseline(body),
                    size: body,
                    color: INK,
                    words,
                });
                y -= self.leading(body);
            }
        }
        self.y = (PAGE_HEIGHT - WINDOW_TOP - WINDOW_HEIGHT - 5.0 * MM).min(y - body);
    }
}

/// A letterhead's picture as the PDF holds it.
struct Image {
    width: u32,
    height: u32,
    data: Vec<u8>,
    kind: ImageKind,
}

enum ImageKind {
    /// The JPEG as it is, and its colour components (1, 3 or 4).
    Jpeg { components: u8 },
    /// A PNG's compressed rows: grey (1 colour) or RGB (3), or indexed in a palette of RGB.
    Png {
        colors: u8,
        bits: u8,
        palette: Option<Vec<u8>>,
    },
}

/// Whether a letterhead's picture can be drawn in a PDF: a JPEG, or a PNG in grey, RGB or a
/// palette, neither transparent nor interlaced, goes in as it is. Any other PNG is left to the
/// HTML and Word letters: its pixels would have to be decoded.
pub fn draws(p: &Picture) -> bool {
    image(p).is_some()
}

fn image(p: &Picture) -> Option<Image> {
    let kind = match p.format {
        ImageFormat::Jpeg => ImageKind::Jpeg {
            components: p.jpeg_components()?,
        },
        ImageFormat::Png => return png(p),
    };
    Some(Image {
        width: p.width,
        height: p.height,
        data: p.bytes.clone(),
        kind,
    })
}

/// A PNG's header, palette and compressed rows, read from its chunks.
fn png(p: &Picture) -> Option<Image> {
    let b = &p.bytes;
    let mut at = 8;
    let (mut data, mut palette, mut header) = (Vec::new(), None, None);
    loop {
        let len = usize::try_from(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?)).ok()?;
        let kind = b.get(at + 4..at + 8)?;
        let body = b.get(at + 8..(at + 8).checked_add(len)?)?;
        match kind {
            b"IHDR" => header = Some((*body.get(8)?, *body.get(9)?, *body.get(12)?)),
            b"PLTE" => palette = Some(body.to_vec()),
            // Transparent: drawn on the page, its clear parts would show a colour.
            b"tRNS" => return None,
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    let (bits, color, interlace) = header?;
    if interlace != 0 || data.is_empty() {
        return None;
    }
    let colors = match (color, bits) {
        (0, 1 | 2 | 4 | 8 | 16) => 1,
        (2, 8 | 16) => 3,
        (3, 1 | 2 | 4 | 8)
            if palette
                .as_ref()
                .is_some_and(|p| p.len() >= 3 && p.len() % 3 == 0) =>
        {
            1
        }
        // With an alpha channel, or not a PNG's.
        _ => return None,
    };
    Some(Image {
        width: p.width,
        height: p.height,
        data,
        kind: ImageKind::Png {
            colors,
            bits,
            palette: palette.filter(|_| color == 3),
        },
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RowStyle {
    Table,
    /// Shaded, with a red bar down its left side.
    Notice,
}

/// From the top of a line to its baseline.
fn baseline(size: f32) -> f32 {
    size * 0.95
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_text(words: &[Word]) -> String {
        words
            .iter()
            .map(|w| {
                w.parts
                    .iter()
                    .flat_map(|(_, b)| b.iter().map(|&c| char::from(c)))
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn lines_break_between_words_by_the_fonts_widths_and_a_long_word_where_it_must() {
        let words = words_of("aaaa bbbb dddd", Font::Regular);
        // "a", "b" and "d" are 556 thousandths: two words and a space are 4726, at 10 pt 47.3 points.
        let lines = wrap(&words, 48.0, 10.0);
        assert_eq!(
            lines.iter().map(|l| word_text(l)).collect::<Vec<_>>(),
            ["aaaa bbbb", "dddd"]
        );
        let lines = wrap(&words, 47.0, 10.0);
        assert_eq!(lines.len(), 3);
        let long = words_of(&"m".repeat(30), Font::Regular);
        let lines = wrap(&long, 50.0, 10.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| line_width(l, 10.0) <= 50.0));
        assert_eq!(
            lines.iter().map(|l| word_text(l)).collect::<String>(),
            "m".repeat(30)
        );
    }

    #[test]
    fn a_word_runs_on_across_emphasis() {
        let mut missing = BTreeSet::new();
        let words = split_words(
            &[
                (Font::Bold, "Mum".into()),
                (Font::Regular, "'s plan".into()),
            ],
            &mut missing,
        );
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].parts.len(), 2);
        assert!(missing.is_empty());
    }

    /// The words drawn on each page, in order.
    fn page_words(doc: &Document) -> Vec<Vec<String>> {
        let mut l = Layout::new(10.5);
        l.document(doc);
        l.pages
            .iter()
            .map(|ops| {
                ops.iter()
                    .filter_map(|op| match op {
                        Op::Text { words, .. } => Some(word_text(words)),
                        Op::Rect { .. } | Op::Image { .. } => None,
                    })
                    .flat_map(|t| t.split(' ').map(String::from).collect::<Vec<_>>())
                    .collect()
            })
            .collect()
    }

    fn doc_of(sections: Vec<Section>) -> Document {
        Document {
            title: "Title".into(),
            marking: "OFFICIAL".into(),
            sections,
            ..Default::default()
        }
    }

    #[test]
    fn a_long_table_repeats_its_heading_row_on_every_page_it_runs_onto() {
        let mut s = Section::new("Actions");
        s.push(Block::Table(Table {
            head: vec!["Who".into(), "Whatcolumn".into()],
            rows: (0..120)
                .map(|i| vec![Inline::text(format!("row{i}")), Inline::text("done")])
                .collect(),
        }));
        let pages = page_words(&doc_of(vec![s]));
        assert!(pages.len() > 2, "{}", pages.len());
        for (n, page) in pages.iter().enumerate() {
            let head = page.iter().position(|w| w == "Whatcolumn");
            assert!(head.is_some(), "page {} has no heading row", n + 1);
            // On a page the table runs onto, the heading row comes before every row.
            if n > 0 {
                let first_row = page.iter().position(|w| w.starts_with("row"));
                assert!(head < first_row, "page {}", n + 1);
            }
        }
        let rows: Vec<&String> = pages
            .iter()
            .flatten()
            .filter(|w| w.starts_with("row"))
            .collect();
        assert_eq!(rows.len(), 120, "every row once");
    }

    #[test]
    fn a_row_taller_than_a_page_runs_on_with_no_line_lost() {
        let long: String = (0..900).map(|i| format!("w{i} ")).collect();
        let mut s = Section::new("Notes");
        s.push(Block::Fields(vec![("Note".into(), Inline::text(long))]));
        let pages = page_words(&doc_of(vec![s]));
        assert!(pages.len() > 1);
        let words: Vec<&String> = pages
            .iter()
            .flatten()
            .filter(|w| w.starts_with('w'))
            .collect();
        assert_eq!(words.len(), 900);
        assert!(
            words
                .iter()
                .enumerate()
                .all(|(i, w)| **w == format!("w{i}"))
        );
    }

    #[test]
    fn a_section_asking_for_a_new_page_starts_one_and_a_short_one_kept_together_is_not_split() {
        let mut first = Section::new("First");
        first.paras(&"filler text here\n".repeat(25));
        let mut second = Section::new("Second");
        second.new_page = true;
        second.para("on its own page");
        let pages = page_words(&doc_of(vec![first.clone(), second]));
        assert_eq!(pages.len(), 2);
        assert!(pages[1].contains(&"Second".to_string()));
        assert!(!pages[0].contains(&"Second".to_string()));

        // Enough lines to leave a few lines of room at the foot of the first page.
        let mut together = Section::new("Together");
        together.together = true;
        together.paras(&"kept line\n".repeat(12));
        let mut filler = Section::new("Filler");
        filler.paras(&"filler text here\n".repeat(30));
        let pages = page_words(&doc_of(vec![filler, together]));
        let on = |p: &Vec<String>| p.iter().filter(|w| *w == "kept").count();
        assert!(
            pages.iter().any(|p| on(p) == 12),
            "{:?}",
            pages.iter().map(on).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_confidential_section_is_marked_out_on_every_page_it_runs_onto() {
        let mut open = Section::new("Open");
        open.para("for everyone");
        let mut secret = Section::new("Confidential");
        secret.confidential = true;
        secret.paras(&"not for the family\n".repeat(60));
        let mut l = Layout::new(10.5);
        l.document(&doc_of(vec![open, secret]));
        let bars = |ops: &Vec<Op>| {
            ops.iter()
                .filter(
                    |op| matches!(op, Op::Rect { fill: Some(c), x, .. } if *c == RED && *x < LEFT),
                )
                .count()
        };
        let counts: Vec<usize> = l.pages.iter().map(bars).collect();
        assert!(counts.len() >= 3, "{counts:?}");
        assert_eq!(counts[0], 0, "the open section is not marked");
        assert!(counts[1..].iter().all(|&n| n == 1), "{counts:?}");
    }

    #[test]
    fn a_character_the_fonts_lack_keeps_the_document_from_being_a_pdf() {
        let mut s = Section::new("Plan");
        s.para("Dŵr a ŷd");
        let doc = Document {
            title: "Title".into(),
            marking: "OFFICIAL".into(),
            sections: vec![s],
            ..Default::default()
        };
        let e = render(&doc).unwrap_err();
        assert_eq!(e.chars, vec!['ŵ', 'ŷ']);
        assert!(e.to_string().contains("'ŵ' (U+0175)"), "{e}");
    }
}
