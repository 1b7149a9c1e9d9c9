//! The PDFs of the example case, where the council's settings attach PDFs: the family's copy,
//! the plan and a letter to post, read back page by page (`common::pdf_text`). Every page carries
//! the marking and "Page N of M"; every word of the document is there; a family's copy is set at
//! 12 pt on A4. Made from the pure export functions with the example council's settings.

mod common;

use std::collections::HashMap;

use chrono::NaiveDate;
use coregroup::agenda::{AgendaSnapshot, shipped};
use coregroup::domain::calendar::Calendar;
use coregroup::domain::council::{AttachmentFormat, Council};
use coregroup::domain::example;
use coregroup::export::circulation::{Attachment, Letter, cover_letter};
use coregroup::export::document::{Document, FAMILY_MARKING, Issue};
use coregroup::export::{self, Case, RenderedFile, pdf};

use common::pdf_text::{self, PdfText};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn council(family: AttachmentFormat, professionals: AttachmentFormat) -> Council {
    let mut c = example::council();
    c.attachments.family = family;
    c.attachments.professionals = professionals;
    c
}

fn files(council: &Council) -> Vec<RenderedFile> {
    let plan = example::plan(today());
    let meeting = example::past_meeting(today());
    let agenda = shipped("core-group").unwrap();
    export::render_files_for(
        Case::at_close(&meeting, &plan),
        &AgendaSnapshot::of(&agenda),
        &Calendar::new(plan.case.division),
        Issue::FIRST_DRAFT,
        Some(council),
    )
    .unwrap()
}

fn names(files: &[RenderedFile]) -> Vec<&str> {
    let mut n: Vec<&str> = files
        .iter()
        .map(|f| f.name.as_str())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    n.sort();
    n
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
}

/// Every page has the marking and its own "Page N of M"; every word of the document is there as
/// often as the document has it.
fn check_pages(text: &PdfText, marking: &str, doc_words: &str, name: &str) {
    let m = text.pages.len();
    assert!(m > 0, "{name}: no pages");
    for (i, page) in text.pages.iter().enumerate() {
        assert!(
            page.iter().any(|l| l.starts_with(marking)),
            "{name}: page {} has no marking: {page:?}",
            i + 1
        );
        let number = format!("Page {} of {m}", i + 1);
        assert!(
            page.iter().any(|l| l == &number),
            "{name}: page {} lacks {number:?}: {page:?}",
            i + 1
        );
    }
    let mut found: HashMap<String, usize> = HashMap::new();
    for w in words(&text.all()) {
        *found.entry(w).or_default() += 1;
    }
    let mut wanted: HashMap<String, usize> = HashMap::new();
    for w in words(doc_words) {
        *wanted.entry(w).or_default() += 1;
    }
    let missing: Vec<String> = wanted
        .into_iter()
        .filter_map(|(w, n)| {
            let has = found.get(&w).copied().unwrap_or(0);
            (has < n).then(|| format!("{w:?} {n} times in the document, {has} in the PDF"))
        })
        .collect();
    assert!(missing.is_empty(), "{name}: {missing:#?}");
}

#[test]
fn the_family_s_copy_and_the_plan_are_pdfs_with_the_marking_and_page_numbers_on_every_page() {
    let made = files(&council(AttachmentFormat::Pdf, AttachmentFormat::Word));
    let family = ["dad", "mum", "nan"];
    let mut want = vec![export::FAMILY_PDF.to_string()];
    for id in family {
        want.push(export::own_copy_name(id, "pdf"));
        want.push(export::own_plan_name(id, "pdf"));
    }
    want.sort();
    assert_eq!(names(&made), want, "the family's documents only");
    let md = |name: &str| {
        String::from_utf8(made.iter().find(|f| f.name == name).unwrap().bytes.clone()).unwrap()
    };
    // Each family member's own plan is theirs as their copy is: marked and sized for them.
    for (pdf_name, md_name) in [
        (
            export::FAMILY_PDF.to_string(),
            export::FAMILY_MD.to_string(),
        ),
        (
            export::own_copy_name("mum", "pdf"),
            export::own_copy_name("mum", "md"),
        ),
        (
            export::own_plan_name("mum", "pdf"),
            export::own_plan_name("mum", "md"),
        ),
    ] {
        let bytes = &made.iter().find(|f| f.name == pdf_name).unwrap().bytes;
        let text = pdf_text::read(bytes);
        // The Markdown is the same document: its words, less its own marks, are the PDF's.
        let markdown: String = md(&md_name)
            .chars()
            .map(|c| if "#*_|>`\\".contains(c) { ' ' } else { c })
            .collect();
        check_pages(&text, FAMILY_MARKING, &markdown, &pdf_name);
        let content = pdf_text::uncompressed(bytes);
        assert!(content.contains("/MediaBox [0 0 595.28 841.89]"), "A4");
        assert!(content.contains("/F1 12 Tf"), "{pdf_name}: 12 pt");
    }
    // The signature pages: each family member's own, in their copy and their plan.
    for (id, name) in [("mum", "Shauna Brennan"), ("dad", "Dean Walsh")] {
        for file in [
            export::own_copy_name(id, "pdf"),
            export::own_plan_name(id, "pdf"),
        ] {
            let text = pdf_text::read(&made.iter().find(|f| f.name == file).unwrap().bytes);
            assert!(text.pages.len() > 1, "{text:?}");
            let all = text.all();
            assert!(all.contains("Who to contact"), "{file}");
            assert_eq!(all.matches("Your written agreement:").count(), 1, "{file}");
            assert!(
                all.contains(&format!("Your written agreement: {name}")),
                "{file}"
            );
        }
    }
}

#[test]
fn the_professionals_minutes_are_a_pdf_at_their_size_with_the_council_s_marking() {
    let made = files(&council(AttachmentFormat::Word, AttachmentFormat::Pdf));
    assert_eq!(names(&made), [export::MINUTES_PDF, export::PLAN_PDF]);
    let bytes = &made
        .iter()
        .find(|f| f.name == export::MINUTES_PDF)
        .unwrap()
        .bytes;
    let text = pdf_text::read(bytes);
    let md = made.iter().find(|f| f.name == export::MINUTES_MD).unwrap();
    let markdown: String = String::from_utf8_lossy(&md.bytes)
        .chars()
        .map(|c| if "#*_|>`\\".contains(c) { ' ' } else { c })
        .collect();
    check_pages(&text, "OFFICIAL-SENSITIVE", &markdown, "minutes.pdf");
    assert!(pdf_text::uncompressed(bytes).contains("/F1 10.5 Tf"));
    // No PDFs unless the settings ask.
    assert!(names(&files(&example::council())).is_empty());
}

/// A large case's documents go by email, several to a message, under the limits of council mail
/// gateways: every page's contents are compressed, and each PDF reads back whole.
#[test]
fn a_large_case_s_pdfs_are_compressed_small_enough_to_email() {
    use coregroup::domain::large_case;
    let plan = large_case::plan(today());
    let meeting = large_case::meetings(today(), &plan).pop().unwrap();
    let agenda = shipped("core-group").unwrap();
    let made = export::render_files_for(
        Case::at_close(&meeting, &plan),
        &AgendaSnapshot::of(&agenda),
        &Calendar::new(plan.case.division),
        Issue::FIRST_DRAFT,
        Some(&council(AttachmentFormat::Pdf, AttachmentFormat::Pdf)),
    )
    .unwrap();
    let family: Vec<&str> = plan
        .members
        .iter()
        .filter(|m| m.family)
        .map(|m| m.id.as_str())
        .collect();
    // The minutes, the plan, the family's copy, and each family member's own copy and plan.
    assert_eq!(
        names(&made).len(),
        3 + 2 * family.len(),
        "{:?}",
        names(&made)
    );
    let size = |name: &str| made.iter().find(|f| f.name == name).unwrap().bytes.len();
    for f in made.iter().filter(|f| f.name.ends_with(".pdf")) {
        let streams = pdf_text::streams(&f.bytes);
        assert!(streams.iter().all(|s| s.compressed), "{}", f.name);
        let text = pdf_text::read(&f.bytes);
        assert!(
            text.pages.len() > 20,
            "{}: {} pages",
            f.name,
            text.pages.len()
        );
        // Uncompressed, each was over 2 MB.
        assert!(
            f.bytes.len() < 600_000,
            "{}: {} bytes",
            f.name,
            f.bytes.len()
        );
    }
    // What one message carries: the professionals' minutes and plan, or a family member's own
    // copy and plan.
    let mut messages = vec![size(export::MINUTES_PDF) + size(export::PLAN_PDF)];
    for id in family {
        messages.push(
            size(&export::own_copy_name(id, "pdf")) + size(&export::own_plan_name(id, "pdf")),
        );
    }
    for total in messages {
        assert!(total < 1_500_000, "{total} bytes in one message");
    }
}

fn letter_doc(council: &Council) -> Document {
    let plan = example::plan(today());
    let dad = plan.member("dad").unwrap();
    let letter = Letter {
        case_reference: &plan.case.reference,
        meeting: "2026-10-15",
        meeting_day: NaiveDate::from_ymd_opt(2026, 10, 15).unwrap(),
        circulated: NaiveDate::from_ymd_opt(2026, 10, 16).unwrap(),
        agreement_due: NaiveDate::from_ymd_opt(2026, 10, 23),
        owes_agreement: true,
        recipient: dad,
        sender: plan.member("sw"),
        next_meeting: None,
        attachments: vec![Attachment {
            name: "plan.pdf".into(),
            bytes: Vec::new(),
        }],
        council,
    };
    cover_letter(&letter, dad.address.as_deref())
}

/// A letter to post: the council at the top, the recipient's name and address in the envelope's
/// window (20 mm from the left, 45 mm to 85 mm from the top of the page), then the letter.
#[test]
fn a_letter_to_post_is_a_pdf_with_the_address_in_the_envelope_window() {
    let council = example::council();
    let doc = letter_doc(&council);
    let bytes = pdf::render(&doc).unwrap();
    let text = pdf_text::read(&bytes);
    check_pages(&text, FAMILY_MARKING, &doc.all_text(), "letter");
    let first = &text.pages[0];
    assert_eq!(first[0], "Eastbrook Borough Council", "{first:?}");
    let at = |s: &str| {
        first
            .iter()
            .position(|l| l == s)
            .unwrap_or_else(|| panic!("{s}: {first:?}"))
    };
    assert!(at("Mr Dean Walsh") < at("27 Foundry Lane") && at("27 Foundry Lane") < at("EB1 7LD"));
    assert!(
        at("EB1 1AA") < at("Mr Dean Walsh"),
        "the return address above the window"
    );
    assert!(
        at("EB1 7LD") < at("Dear Mr Walsh,"),
        "the window before the letter"
    );
    // Where the window's first line is set: its position on the page, in points.
    let content = pdf_text::uncompressed(&bytes);
    let before = &content[..content.find("(Mr Dean Walsh)").unwrap()];
    let td = before.rfind(" Td").unwrap();
    let nums: Vec<f32> = before[..td]
        .rsplit('\n')
        .next()
        .unwrap()
        .split_whitespace()
        .rev()
        .take(2)
        .map(|n| n.parse().unwrap())
        .collect();
    let (y, x) = (nums[0], nums[1]);
    let mm = 72.0 / 25.4;
    assert!((20.0 * mm..30.0 * mm).contains(&x), "x {x}");
    let from_top = (841.89 - y) / mm;
    assert!(
        (45.0..85.0).contains(&from_top),
        "{from_top} mm from the top"
    );
}

/// A JPEG's start, an application segment, then a baseline frame header of `w`×`h` with three
/// colour components.
fn jpeg(w: u16, h: u16) -> Vec<u8> {
    let mut b = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];
    b.extend(b"JFIF\0");
    b.extend([1, 1, 0, 0, 1, 0, 1, 0, 0]);
    b.extend([0xff, 0xc0, 0x00, 0x11, 0x08]);
    b.extend(h.to_be_bytes());
    b.extend(w.to_be_bytes());
    b.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
    b
}

/// The council's JPEG letterhead image heads a PDF letter at the top left, as in the HTML and
/// Word letters: the JPEG itself, 40 mm wide at most and in proportion, drawn once on the first
/// page. A PNG with an alpha channel is left to the HTML and Word letters, and the letter is made
/// without it.
#[test]
fn a_jpeg_letterhead_image_is_drawn_at_the_top_left_of_a_pdf_letter() {
    use coregroup::domain::picture::Picture;
    let mut council = example::council();
    let bytes = jpeg(400, 100);
    council.letterhead_picture = Some(Picture::read(bytes.clone()).unwrap());
    let pdf = pdf::render(&letter_doc(&council)).unwrap();
    let images: Vec<pdf_text::Stream> = pdf_text::streams(&pdf)
        .into_iter()
        .filter(|s| s.image)
        .collect();
    assert_eq!(images.len(), 1, "one image");
    assert_eq!(images[0].bytes, bytes, "the JPEG as it is");
    let all = pdf_text::uncompressed(&pdf);
    assert!(all.contains("/Filter /DCTDecode"), "{all}");
    assert!(all.contains("/Width 400") && all.contains("/Height 100"));
    assert!(all.contains("/ColorSpace /DeviceRGB"));
    // Drawn 40 mm by 10 mm, its top left corner where the text starts: 2 cm from the left, 23 mm
    // from the top.
    let mm = 72.0 / 25.4;
    let cm = all
        .lines()
        .find(|l| l.ends_with(" cm"))
        .unwrap_or_else(|| panic!("no picture drawn: {all}"));
    let n: Vec<f32> = cm
        .split_whitespace()
        .take(6)
        .map(|n| n.parse().unwrap())
        .collect();
    let near = |a: f32, b: f32| (a - b).abs() < 0.05;
    assert!(near(n[0], 40.0 * mm) && near(n[3], 10.0 * mm), "{cm}");
    assert!(near(n[4], 20.0 * mm), "{cm}");
    assert!(near(n[5] + n[3], 841.89 - 23.0 * mm), "{cm}");
    assert_eq!(all.matches("/Im1 Do").count(), 1, "on the first page only");
    // The letter reads as before.
    let text = pdf_text::read(&pdf);
    assert_eq!(text.pages[0][0], "Eastbrook Borough Council");

    // A PNG with an alpha channel: the letter is made, without it.
    let mut png = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
    png.extend(13u32.to_be_bytes());
    png.extend(b"IHDR");
    png.extend(400u32.to_be_bytes());
    png.extend(100u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    council.letterhead_picture = Some(Picture::read(png).unwrap());
    let pdf = pdf::render(&letter_doc(&council)).unwrap();
    assert!(!pdf_text::streams(&pdf).iter().any(|s| s.image));
    assert!(!pdf::draws(council.letterhead_picture.as_ref().unwrap()));
}

/// A PNG with no transparency (the example's, RGB) goes in a PDF letter as it is: its compressed
/// rows, which the reader unfilters and draws in RGB.
#[test]
fn an_opaque_png_letterhead_image_goes_in_a_pdf_letter_as_its_rows() {
    use coregroup::domain::picture::Picture;
    use std::io::Read;
    let png = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/letterhead.png"
    ))
    .unwrap();
    // Its compressed rows, from its IDAT chunks.
    let mut idat = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        if &png[at + 4..at + 8] == b"IDAT" {
            idat.extend_from_slice(&png[at + 8..at + 8 + len]);
        }
        at += 12 + len;
    }
    let mut rows = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut rows)
        .unwrap();
    let mut council = example::council();
    council.letterhead_picture = Some(Picture::read(png).unwrap());
    assert!(pdf::draws(council.letterhead_picture.as_ref().unwrap()));
    let pdf = pdf::render(&letter_doc(&council)).unwrap();
    let images: Vec<pdf_text::Stream> = pdf_text::streams(&pdf)
        .into_iter()
        .filter(|s| s.image)
        .collect();
    assert_eq!(images.len(), 1);
    assert_eq!(images[0].bytes, rows);
    let all = pdf_text::uncompressed(&pdf);
    for entry in [
        "/Predictor 15",
        "/Colors 3",
        "/Columns 360",
        "/ColorSpace /DeviceRGB",
    ] {
        assert!(all.contains(entry), "{entry}: {all}");
    }
    assert_eq!(all.matches("/Im1 Do").count(), 1);
}

/// A text the standard font cannot show is never printed with letters missing: no PDF is made.
#[test]
fn a_letter_with_letters_the_font_lacks_is_not_made_as_a_pdf() {
    let mut council = example::council();
    council.name = "Cyngor Bwrdeistref Dŵr".into();
    let e = pdf::render(&letter_doc(&council)).unwrap_err();
    assert_eq!(e.chars, ['ŵ']);
}

fn text_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    proptest::string::string_regex("[A-Za-z0-9 ()\\\\€£éÀ–—“”‘’•…,.:;!?&<>%-]{0,60}").unwrap()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Whatever text in the fonts' characters a document holds, however it wraps, breaks and
    /// runs across pages, the PDF shows every character of it once and in order: the pages read
    /// back, less the marking and the foot each page repeats, are the document.
    #[test]
    fn every_character_of_a_document_is_shown_once_in_order(
        paras in proptest::collection::vec(text_strategy(), 0..30),
        columns in 1..5usize,
        rows in proptest::collection::vec(proptest::collection::vec(text_strategy(), 1..5), 0..40),
        bullets in proptest::collection::vec(text_strategy(), 0..10),
        family in proptest::bool::ANY,
    ) {
        use coregroup::export::document::{Block, Inline, Section, Table};
        // Column names marked with a character the other text lacks, so the heading row
        // repeated on each page the table runs onto can be told apart.
        let head: Vec<String> = (0..columns).map(|i| format!("¶c{i}¶")).collect();
        let mut s = Section::new("Section heading");
        for p in &paras {
            s.para(p.as_str());
        }
        s.push(Block::Heading("Inner heading".into()));
        s.push(Block::Bullets(bullets.iter().map(|b| Inline::text(b.as_str())).collect()));
        let rows: Vec<Vec<Inline>> = rows
            .iter()
            .map(|r| r.iter().map(|c| Inline::text(c.as_str())).collect())
            .collect();
        s.push(Block::Table(Table { head: head.clone(), rows }));
        let doc = Document {
            title: "A title".into(),
            marking: if family { FAMILY_MARKING.into() } else { "OFFICIAL".into() },
            sections: vec![s],
            ..Default::default()
        };
        let text = pdf_text::read(&pdf::render(&doc).unwrap());
        let shown: String = text
            .pages
            .iter()
            .flat_map(|p| &p[..p.len() - 3])
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace() && *c != '•')
            .collect();
        // The heading row once, as the document has it.
        let heading: String = head.concat();
        let shown = match shown.split_once(&heading) {
            Some((before, after)) => format!("{before}{heading}{}", after.replace(&heading, "")),
            None => shown,
        };
        // The document's text in order: its marking, title, heading and blocks, with the table
        // padded to its columns as it is drawn.
        let cols = doc_columns(&doc);
        let mut want = String::new();
        want.push_str(&doc.marking);
        want.push_str(&doc.title);
        want.push_str("Section heading");
        for p in &paras {
            want.push_str(p);
        }
        want.push_str("Inner heading");
        for b in &bullets {
            want.push_str(b);
        }
        for h in &head {
            want.push_str(h);
        }
        if let Block::Table(t) = doc.sections[0].blocks.last().unwrap() {
            for r in &t.rows {
                for c in 0..cols {
                    want.push_str(&r.get(c).map(|i| i.plain()).unwrap_or_default());
                }
            }
        }
        let want: String = want.chars().filter(|c| !c.is_whitespace() && *c != '•').collect();
        proptest::prop_assert_eq!(shown, want);
    }
}

fn doc_columns(doc: &Document) -> usize {
    match doc.sections[0].blocks.last() {
        Some(coregroup::export::document::Block::Table(t)) => t.columns(),
        _ => 0,
    }
}
