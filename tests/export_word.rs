//! The Word files read back: the same sections and tables as the Markdown and HTML, the marking
//! in the header and page numbers in the footer, the confidential section on its own page,
//! nothing confidential in the family's copy, and the same bytes every time.

use std::io::{Cursor, Read};

use chrono::NaiveDate;

use coregroup::agenda::AgendaSnapshot;
use coregroup::domain::calendar::{Calendar, Division};
use coregroup::domain::example;
use coregroup::domain::reader::{Reader, view};
use coregroup::export::document::{Block, Document, Issue};
use coregroup::export::{self, Record, RenderedFile};

mod common;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn files() -> Vec<RenderedFile> {
    let plan = example::plan(today());
    let m = example::past_meeting(today());
    export::render_files(
        coregroup::export::Case::at_close(&m, &plan),
        &AgendaSnapshot::of(&common::agenda()),
        &Calendar::new(Division::EnglandAndWales),
        Issue::FIRST_DRAFT,
    )
    .unwrap()
}

fn file<'a>(files: &'a [RenderedFile], name: &str) -> &'a [u8] {
    &files.iter().find(|f| f.name == name).unwrap().bytes
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn every_part(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        zip.by_index(i).unwrap().read_to_string(&mut all).unwrap();
    }
    all
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of an element's `<w:t>` runs.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<w:t") {
        rest = &rest[at + 4..];
        // <w:tbl>, <w:tc>, <w:tr> also start so.
        if !rest.starts_with('>') && !rest.starts_with(' ') {
            continue;
        }
        let open = rest.find('>').unwrap();
        let close = rest.find("</w:t>").unwrap();
        out.push_str(&unescape(&rest[open + 1..close]));
        rest = &rest[close..];
    }
    out
}

/// Every paragraph of the body outside tables: (style, text, starts a page).
fn paragraphs(xml: &str) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    // Take the tables out, then read the paragraphs left.
    let mut body = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<w:tbl>") {
        body.push_str(&rest[..at]);
        let end = rest[at..].find("</w:tbl>").unwrap() + at + "</w:tbl>".len();
        rest = &rest[end..];
    }
    body.push_str(rest);
    for p in body.split("<w:p ").skip(1) {
        let p = &p[..p.find("</w:p>").unwrap_or(p.len())];
        let style = p
            .find("<w:pStyle w:val=\"")
            .map(|at| {
                let s = &p[at + 17..];
                s[..s.find('"').unwrap()].to_string()
            })
            .unwrap_or_default();
        out.push((style, text_of(p), p.contains("<w:pageBreakBefore")));
    }
    out
}

/// Each table's rows, each row's cells' text.
fn tables(xml: &str) -> Vec<Vec<Vec<String>>> {
    xml.split("<w:tbl>")
        .skip(1)
        .map(|t| {
            let t = &t[..t.find("</w:tbl>").unwrap()];
            t.split("<w:tr>")
                .skip(1)
                .map(|r| r.split("<w:tc>").skip(1).map(text_of).collect())
                .collect()
        })
        .collect()
}

fn minutes_document() -> Document {
    let plan = example::plan(today());
    let m = example::past_meeting(today());
    let agenda = AgendaSnapshot::of(&common::agenda());
    let calendar = Calendar::new(Division::EnglandAndWales);
    let v = view(&m, &plan, &plan, Reader::Professionals).unwrap();
    export::minutes::minutes(Record::of(&v, &agenda, &calendar))
}

#[test]
fn the_minutes_in_word_have_the_same_sections_and_tables() {
    let files = files();
    let xml = part(file(&files, export::MINUTES_DOCX), "word/document.xml");
    let doc = minutes_document();

    let paras = paragraphs(&xml);
    let title: Vec<&String> = paras
        .iter()
        .filter(|p| p.0 == "Title")
        .map(|p| &p.1)
        .collect();
    assert_eq!(title, [&doc.title]);
    let sections: Vec<&str> = paras
        .iter()
        .filter(|p| p.0 == "Heading1")
        .map(|p| p.1.as_str())
        .collect();
    let expected: Vec<&str> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(sections, expected);
    // The same sections as the Markdown.
    let (m, plan) = (example::past_meeting(today()), example::plan(today()));
    let md = export::render_all(
        export::Case::at_close(&m, &plan),
        &AgendaSnapshot::of(&common::agenda()),
        &Calendar::new(Division::EnglandAndWales),
    )
    .into_iter()
    .find(|r| r.name == export::MINUTES_MD)
    .unwrap()
    .text;
    let md_sections: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(sections, md_sections);

    // Every table of the document is a real table, with its heading row.
    let word_tables = tables(&xml);
    let doc_tables: Vec<&Block> = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| matches!(b, Block::Table(_) | Block::Fields(_) | Block::Signature(_)))
        .collect();
    assert_eq!(word_tables.len(), doc_tables.len());
    let raw_tables: Vec<&str> = xml.split("<w:tbl>").skip(1).collect();
    for ((word, block), raw) in word_tables.iter().zip(doc_tables).zip(raw_tables) {
        let raw_rows: Vec<&str> = raw.split("<w:tr>").skip(1).collect();
        let repeats = |r: &&str| r[..r.find("</w:trPr>").unwrap()].contains("<w:tblHeader />");
        match block {
            Block::Table(t) => {
                assert_eq!(word[0], t.head, "heading row");
                // Its heading row, and only that, repeats on each page the table runs onto.
                assert!(repeats(&raw_rows[0]), "{}", raw_rows[0]);
                assert!(!raw_rows[1..].iter().any(repeats));
                assert_eq!(word.len(), t.rows.len() + 1);
                for (w, r) in word[1..].iter().zip(&t.rows) {
                    let want: Vec<String> =
                        r.iter().map(|c| c.plain().trim().to_string()).collect();
                    assert_eq!(w, &want);
                }
            }
            // A table of labels has no heading row to repeat.
            Block::Fields(f) => {
                assert_eq!(word.len(), f.len());
                assert!(!raw_rows.iter().any(repeats));
            }
            Block::Signature(s) => assert_eq!(word.len(), s.lines.len()),
            _ => unreachable!(),
        }
    }
    // Columns are sized from what they hold, not split evenly.
    assert!(xml.contains("<w:tblGrid>"));

    // The confidential section, and the page to sign, each start a page.
    for heading in [
        "CONFIDENTIAL: not to be shared with the family",
        "Written agreement",
    ] {
        let p = paras.iter().find(|p| p.1 == heading).unwrap();
        assert!(p.2, "{heading} starts a page");
    }
    let others = paras.iter().filter(|p| p.0 == "Heading1" && p.2).count();
    assert_eq!(others, 2, "no other section forces a page");
}

#[test]
fn every_page_has_the_marking_at_the_top_and_its_number_at_the_foot() {
    let files = files();
    let plan = example::plan(today());
    let m = example::past_meeting(today());
    let agenda = AgendaSnapshot::of(&common::agenda());
    let calendar = Calendar::new(Division::EnglandAndWales);
    let fv = view(&m, &plan, &plan, Reader::EveryFamilyMember).unwrap();
    let family = Record::of(&fv, &agenda, &calendar);
    for (name, marking) in [
        (export::MINUTES_DOCX, minutes_document().marking),
        (
            export::FAMILY_DOCX,
            export::family::family_minutes(family).marking,
        ),
        (
            export::PLAN_DOCX,
            export::plan::plan_document(family).marking,
        ),
    ] {
        let docx = file(&files, name);
        let header = part(docx, "word/header1.xml");
        assert!(!marking.is_empty());
        assert_eq!(text_of(&header), marking, "{name}");
        let footer = part(docx, "word/footer1.xml");
        assert!(footer.contains("<w:instrText>PAGE</w:instrText>"), "{name}");
        assert!(
            footer.contains("<w:instrText>NUMPAGES</w:instrText>"),
            "{name}"
        );
        assert!(text_of(&footer).contains(" of "), "{name}");
        let rels = part(docx, "word/_rels/document.xml.rels");
        assert!(rels.contains("header1.xml") && rels.contains("footer1.xml"));
    }
}

#[test]
fn the_family_copy_in_word_holds_nothing_confidential() {
    let files = files();
    let m = example::past_meeting(today());
    let plan = example::plan(today());
    let mut secrets: Vec<String> = m
        .notes
        .iter()
        .filter(|n| n.privacy.confidential)
        .map(|n| {
            n.text
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    secrets.push("CONFIDENTIAL".into());
    let full = every_part(file(&files, export::MINUTES_DOCX));
    let full_text = text_of(&full);
    for s in &secrets {
        // The professionals' copy has them, so the check below can see them.
        assert!(full_text.contains(s.as_str()), "{s}");
    }
    // The withheld address is in no circulated copy, the professionals' included.
    let address = plan.case.family_address.clone().unwrap();
    assert!(!full_text.contains(&address));
    secrets.push(address);
    for name in [export::FAMILY_DOCX, export::PLAN_DOCX] {
        let text = text_of(&every_part(file(&files, name)));
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{name} holds {s}");
        }
    }
}

#[test]
fn the_same_record_gives_the_same_word_files() {
    let a = files();
    // Other documents in between must not change what the next one holds.
    let _ = files();
    let b = files();
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.name, y.name);
        assert!(x.bytes == y.bytes, "{} differs between renderings", x.name);
    }
    // No clock in the archive: every entry carries the zip format's zero date.
    let mut zip = zip::ZipArchive::new(Cursor::new(file(&a, export::MINUTES_DOCX))).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let t = entry.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{}",
            entry.name()
        );
    }
    // The properties' dates are the meeting's, never the clock's.
    let core = part(file(&a, export::MINUTES_DOCX), "docProps/core.xml");
    let held = coregroup::domain::close::meeting_date(&example::past_meeting(today())).unwrap();
    let dates: Vec<&str> = core
        .split("xsi:type=\"dcterms:W3CDTF\">")
        .skip(1)
        .map(|d| &d[..d.find('<').unwrap()])
        .collect();
    assert_eq!(dates.len(), 2, "{core}");
    for d in dates {
        assert_eq!(d, format!("{held}T00:00:00Z"), "{core}");
    }
}

/// The text of every paragraph outside tables a document's Word file should hold, in order:
/// the marking, the title and the lines under it, then each section's heading and blocks (a
/// spacer after each table; the chart stays out, its table carries its numbers).
fn expected_paragraphs(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    if !doc.marking.is_empty() {
        out.push(doc.marking.clone());
    }
    out.push(doc.title.clone());
    out.extend(doc.subtitle.iter().map(|l| l.plain()));
    for s in &doc.sections {
        out.push(s.heading.clone());
        for b in &s.blocks {
            match b {
                Block::Heading(h) => out.push(h.clone()),
                Block::Para(p) | Block::Notice(p) => out.push(p.plain()),
                Block::Bullets(items) => out.extend(items.iter().map(|i| i.plain())),
                Block::Table(_) | Block::Fields(_) => out.push(String::new()),
                Block::Signature(sign) => {
                    out.push(sign.who.clone());
                    out.extend(sign.agreed.iter().map(|i| i.plain()));
                    out.push(String::new());
                }
                Block::Chart(_) => {}
                Block::Letterhead(l) => {
                    out.extend(l.from.iter().cloned());
                    out.extend(l.return_address.iter().cloned());
                    out.extend(l.to.iter().cloned());
                    out.extend(l.details.iter().map(|(k, v)| format!("{k} {v}")));
                }
            }
        }
    }
    out.iter().map(|t| words(t)).collect()
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_large_case_s_word_files_hold_every_paragraph_and_row_of_their_documents() {
    use coregroup::domain::large_case;
    let plan = large_case::plan(today());
    let m = large_case::meetings(today(), &plan).pop().unwrap();
    let agenda = AgendaSnapshot::of(&common::agenda());
    let calendar = Calendar::new(Division::EnglandAndWales);
    let files = export::render_files(
        coregroup::export::Case::at_close(&m, &plan),
        &agenda,
        &calendar,
        Issue::FIRST_DRAFT,
    )
    .unwrap();
    let pv = view(&m, &plan, &plan, Reader::Professionals).unwrap();
    let fv = view(&m, &plan, &plan, Reader::EveryFamilyMember).unwrap();
    let full = Record::of(&pv, &agenda, &calendar);
    let family = Record::of(&fv, &agenda, &calendar);
    let mut rows = 0;
    for (name, doc) in [
        (export::MINUTES_DOCX, export::minutes::minutes(full)),
        (export::FAMILY_DOCX, export::family::family_minutes(family)),
        (export::PLAN_DOCX, export::plan::plan_document(family)),
    ] {
        let xml = part(file(&files, name), "word/document.xml");
        let got: Vec<String> = paragraphs(&xml).iter().map(|p| words(&p.1)).collect();
        assert_eq!(got, expected_paragraphs(&doc), "{name}");
        let word_tables = tables(&xml);
        let doc_tables: Vec<&Block> = doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter(|b| matches!(b, Block::Table(_) | Block::Fields(_) | Block::Signature(_)))
            .collect();
        assert_eq!(word_tables.len(), doc_tables.len(), "{name}");
        for (word, block) in word_tables.iter().zip(doc_tables) {
            let want: Vec<Vec<String>> = match block {
                Block::Table(t) => std::iter::once(t.head.iter().map(|h| words(h)).collect())
                    .chain(
                        t.rows
                            .iter()
                            .map(|r| r.iter().map(|c| words(&c.plain())).collect()),
                    )
                    .collect(),
                Block::Fields(f) => f
                    .iter()
                    .map(|(l, v)| vec![words(l.trim_end_matches(':')), words(&v.plain())])
                    .collect(),
                Block::Signature(s) => s
                    .lines
                    .iter()
                    .map(|l| vec![words(l.trim_end_matches(':')), String::new()])
                    .collect(),
                _ => unreachable!(),
            };
            let word: Vec<Vec<String>> = word
                .iter()
                .map(|r| r.iter().map(|c| words(c)).collect())
                .collect();
            assert_eq!(word, want, "{name}");
            rows += word.len();
        }
    }
    // The large case's open actions are listed, not summed up: thousands of rows in all.
    assert!(rows > 3000, "{rows} rows");
}

fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[test]
fn word_files_say_what_they_are_who_made_them_when_and_in_which_language() {
    let files = files();
    let plan = example::plan(today());
    let m = example::past_meeting(today());
    let held = coregroup::domain::close::meeting_date(&m).unwrap();
    for name in [export::MINUTES_DOCX, export::FAMILY_DOCX, export::PLAN_DOCX] {
        let docx = file(&files, name);
        let core = part(docx, "docProps/core.xml");
        let document = part(docx, "word/document.xml");
        // The title Word shows is the document's own, the first paragraph in the Title style.
        let title = paragraphs(&document)
            .into_iter()
            .find(|(style, _, _)| style == "Title")
            .map(|(_, text, _)| text)
            .unwrap();
        assert!(
            core.contains(&format!("<dc:title>{}</dc:title>", escaped(&title))),
            "{name}: {core}"
        );
        let council = escaped(&plan.case.local_authority);
        assert!(
            core.contains(&format!("<dc:creator>{council}</dc:creator>")),
            "{name}: {core}"
        );
        assert!(
            core.contains(&format!(">{held}T00:00:00Z</dcterms:created>")),
            "{name}: {core}"
        );
        assert!(core.contains("<dc:language>en-GB</dc:language>"), "{core}");
        let styles = part(docx, "word/styles.xml");
        let defaults = &styles[styles.find("<w:rPrDefault>").unwrap()..];
        let defaults = &defaults[..defaults.find("</w:rPrDefault>").unwrap()];
        assert!(defaults.contains("<w:lang w:val=\"en-GB\""), "{defaults}");

        // The page numbers are the size of the words around them.
        let footer = part(docx, "word/footer1.xml");
        let runs: Vec<&str> = footer.split("<w:r>").skip(1).collect();
        assert!(runs.len() >= 4, "{footer}");
        for run in runs {
            assert!(run.contains("<w:sz w:val=\"17\" />"), "{name}: {run}");
        }
    }
}

/// The Word files of the large case's last meeting: tables of every length.
fn large_files() -> Vec<RenderedFile> {
    use coregroup::domain::large_case;
    let plan = large_case::plan(today());
    let m = large_case::meetings(today(), &plan).pop().unwrap();
    export::render_files(
        coregroup::export::Case::at_close(&m, &plan),
        &AgendaSnapshot::of(&common::agenda()),
        &Calendar::new(Division::EnglandAndWales),
        Issue::FIRST_DRAFT,
    )
    .unwrap()
}

/// The rows of each table of a body with a heading row (`w:tblHeader`), and the paragraph
/// just before the table.
fn headed_tables(document: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut before = "";
    for (i, piece) in document.split("<w:tbl>").enumerate() {
        if i > 0 {
            let table = &piece[..piece.find("</w:tbl>").unwrap()];
            if table.contains("<w:tblHeader />") {
                let last_para = before.rfind("<w:p ").map_or("", |at| &before[at..]);
                out.push((
                    last_para.to_string(),
                    table.split("<w:tr>").skip(1).map(str::to_string).collect(),
                ));
            }
        }
        before = piece.rsplit("</w:tbl>").next().unwrap_or(piece);
    }
    out
}

#[test]
fn a_short_table_keeps_together_with_its_heading_and_a_long_one_never_leaves_its_last_row_alone() {
    let keeps = |row: &str| row.matches("<w:keepNext />").count() == row.matches("<w:tc>").count();
    let (mut short, mut long) = (0, 0);
    for files in [files(), large_files()] {
        for name in [export::MINUTES_DOCX, export::FAMILY_DOCX, export::PLAN_DOCX] {
            let document = part(file(&files, name), "word/document.xml");
            for (heading, rows) in headed_tables(&document) {
                // The heading row keeps with the first, and whatever titles the table (a
                // heading) keeps with the heading row.
                assert!(
                    keeps(&rows[0]),
                    "{name}: the heading row keeps with the first"
                );
                if heading.contains("w:pStyle w:val=\"Heading") {
                    assert!(heading.contains("<w:keepNext />"), "{name}: {heading}");
                }
                let body = &rows[1..];
                let Some((last, rest)) = body.split_last() else {
                    continue;
                };
                assert!(!keeps(last), "{name}: the last row keeps with nothing");
                if body.len() <= 12 {
                    short += 1;
                    for row in rest {
                        assert!(keeps(row), "{name}: a short table keeps together: {row}");
                    }
                } else {
                    long += 1;
                    let (before_last, middle) = rest.split_last().unwrap();
                    assert!(keeps(before_last), "{name}: the row before the last keeps");
                    for row in middle {
                        assert!(!keeps(row), "{name}: a long table may break anywhere");
                    }
                }
            }
        }
    }
    assert!(short > 0 && long > 0, "{short} short, {long} long");
}

#[test]
fn a_family_s_copy_prints_at_12_points_and_the_professionals_at_10_and_a_half() {
    let files = files();
    let default_size = |docx: &[u8]| {
        let styles = part(docx, "word/styles.xml");
        let defaults = &styles[styles.find("<w:rPrDefault>").unwrap()..];
        let defaults = &defaults[..defaults.find("</w:rPrDefault>").unwrap()];
        let at = defaults.find("<w:sz w:val=\"").unwrap() + 13;
        defaults[at..at + defaults[at..].find('"').unwrap()].to_string()
    };
    assert_eq!(default_size(file(&files, export::FAMILY_DOCX)), "24");
    assert_eq!(default_size(file(&files, export::MINUTES_DOCX)), "21");
    let html = |name: &str| String::from_utf8(file(&files, name).to_vec()).unwrap();
    let family = html(export::FAMILY_HTML);
    let style = &family[..family.find("</style>").unwrap()];
    let print = &style[style.rfind("@media print").unwrap()..];
    assert!(print.contains("font-size: 12pt"), "{style}");
    let minutes = html(export::MINUTES_HTML);
    assert!(!minutes.contains("font-size: 12pt"));
}
