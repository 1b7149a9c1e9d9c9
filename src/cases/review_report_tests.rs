use proptest::prelude::*;

use super::*;
use crate::cases::new_case::create_case;
use crate::domain::case_log::{ChangeReported, Visit};
use crate::domain::disagreements::Route;
use crate::domain::meeting::{Circumstance, CircumstanceKind, Disagreement, Note};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn example(today: NaiveDate) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("case");
    create_case(&root, true, today).unwrap();
    (dir, root)
}

fn headings(md: &str) -> Vec<&str> {
    md.lines().filter_map(|l| l.strip_prefix("## ")).collect()
}

/// A Word file's body read back: each paragraph's style and text, in order (table cells too).
fn word_paragraphs(docx: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("<w:p ")
        .skip(1)
        .map(|p| {
            let p = &p[..p.find("</w:p>").unwrap_or(p.len())];
            let style = p
                .split_once("<w:pStyle w:val=\"")
                .map(|(_, s)| s[..s.find('"').unwrap()].to_string())
                .unwrap_or_default();
            let mut text = String::new();
            for run in p.split("<w:t").skip(1) {
                // <w:tbl>, <w:tc>, <w:tr> begin so too.
                if let Some(t) = run.strip_prefix('>').or_else(|| {
                    run.strip_prefix(' ')
                        .and_then(|r| r.split_once('>').map(|(_, t)| t))
                }) {
                    text.push_str(&t[..t.find("</w:t>").unwrap_or(0)]);
                }
            }
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            (style, text)
        })
        .collect()
}

fn word_text(docx: &[u8]) -> String {
    word_paragraphs(docx)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_report_has_its_sections_and_a_dated_chronology_with_sources() {
    let today = d("2026-11-24");
    let (_dir, root) = example(today);
    let case = crate::store::CaseFolder::open(&root).unwrap();
    crate::store::case_log::save(
        &case,
        &crate::domain::case_log::CaseLog::new(vec![
            Event::ChangeReported(ChangeReported {
                date: d("2026-11-10"),
                what: "Mr Walsh moved back to the family home".into(),
                by: None,
                circumstance: None,
            }),
            Event::Visit(Visit {
                date: d("2026-11-03"),
                by: None,
                children: Vec::new(),
                seen: true,
                seen_alone: true,
                bedroom_seen: Some(true),
                why_not: String::new(),
                each: Vec::new(),
            }),
        ]),
    )
    .unwrap();
    let files = write(&root, today).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "review-report-2026-11-24.md",
            "review-report-2026-11-24.html",
            "review-report-2026-11-24.docx",
            "review-report-2026-11-24-family.md",
            "review-report-2026-11-24-family.html",
            "review-report-2026-11-24-family.docx",
        ]
    );
    let md = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(
        headings(&md),
        [
            "About this report",
            "Why the children are on a Child Protection Plan",
            "The Child Protection Plan as it stands",
            "Progress on each outcome (0 to 10)",
            "Actions by agency",
            "Visits to each child",
            "The children's wishes and feelings",
            "The parents' views",
            "Attendance and written updates",
            "Changes of circumstances",
            "Disagreements and how each was resolved",
            "Drift and overdue items",
            "The core group's recommendation",
            "Multi-agency chronology",
        ]
    );
    // Each child's visits: the visit of 3 November saw both alone; Alfie (two) is too young
    // to be expected to be.
    let visits = md
        .split("## Visits to each child")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    assert!(
        visits.contains("| Tue 3 Nov 2026 | seen alone |"),
        "{visits}"
    );
    assert!(
        visits.contains("Alfie Walsh: ") && visits.contains("not expected to be seen alone"),
        "{visits}"
    );
    let chronology = md.split("## Multi-agency chronology").nth(1).unwrap();
    let rows: Vec<&str> = chronology
        .lines()
        .filter(|l| l.starts_with("| "))
        .skip(1)
        .collect();
    let meeting = case.meeting_ids().unwrap().pop().unwrap();
    // The meeting (15 October) comes before the visit (3 November) and the report (10 November).
    let at = |needle: &str| rows.iter().position(|r| r.contains(needle)).unwrap();
    let held = at("Core group meeting held");
    assert!(
        rows[held].contains(&format!("minutes {meeting}")),
        "{}",
        rows[held]
    );
    // The logged visit is in the plan the log leaves: once, from the visits.
    let visit = at("| Tue 3 Nov 2026 | Visit. Kayla Brennan: seen alone");
    assert!(
        rows[visit].starts_with("| Tue 3 Nov 2026") && rows[visit].ends_with("| visits |"),
        "{}",
        rows[visit]
    );
    assert!(held < visit && visit < at("moved back"), "{rows:#?}");
    // Scores in a table, and in HTML a chart too.
    assert!(
        md.contains("| Thu 15 Oct 2026 | 5 | Attendance improving. |"),
        "{md}"
    );
    let html = std::fs::read_to_string(&files[1]).unwrap();
    assert!(html.contains("<svg class=\"chart\""));
    assert!(!md.contains("<svg"));
    // The Word file read back: the same sections as headings, the same scores in a table, no
    // chart; and the same bytes from the same records.
    let docx = std::fs::read(&files[2]).unwrap();
    let paragraphs = word_paragraphs(&docx);
    let word_headings: Vec<&str> = paragraphs
        .iter()
        .filter(|(style, _)| style == "Heading1")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(word_headings, headings(&md));
    let texts: Vec<&str> = paragraphs.iter().map(|(_, t)| t.as_str()).collect();
    let row = texts.iter().position(|t| *t == "Thu 15 Oct 2026").unwrap();
    assert_eq!(texts[row + 1..row + 3], ["5", "Attendance improving."]);
    assert!(!word_text(&docx).contains("<svg"));
    let records = CaseRecords::load(&root, &crate::store::agenda_files::load).unwrap();
    assert_eq!(
        docx::render(&documents(&records, today).0.unwrap()).unwrap(),
        docx
    );
    // The family version leaves out drift, disagreements and the case log.
    let family = std::fs::read_to_string(&files[3]).unwrap();
    assert!(!family.contains("## Drift") && !family.contains("case log"));
    assert!(!family.contains("moved back"));
    assert!(family.contains("## Multi-agency chronology"));
    // The family's version explains the words it uses; the conference's does not need to.
    assert!(family.contains("## Words used in these notes"), "{family}");
    assert!(family.contains("**Core group:**"), "{family}");
    // No outcome codes for the family: the outcome's words alone.
    assert!(!family.contains("### o1"), "{family}");
    let code = first_code(&family);
    assert!(code.is_none(), "a code in the family's version: {code:?}");
    assert!(
        family.contains("### Kayla goes to school every day"),
        "{family}"
    );
    let full = std::fs::read_to_string(&files[0]).unwrap();
    assert!(!full.contains("Words used in these notes"));
    let family_word = word_text(&std::fs::read(&files[5]).unwrap());
    assert!(!family_word.contains("Drift") && !family_word.contains("case log"));
    assert!(!family_word.contains("moved back"));
    assert!(family_word.contains("Multi-agency chronology"));
}

#[test]
fn the_period_starts_at_the_last_review_conference() {
    let today = d("2026-11-24");
    let (_dir, root) = example(today);
    let mut r = CaseRecords::load(&root, &crate::store::agenda_files::load).unwrap();
    let held = r.meetings[0].meeting.details.date.unwrap();
    r.plan
        .key_dates
        .review_conferences
        .push(held.succ_opt().unwrap());
    let input = input(&r, today, crate::domain::reader::Reader::Professionals).unwrap();
    assert_eq!(input.since, held.succ_opt());
    assert!(
        input.meetings.is_empty(),
        "the meeting before the conference is not in it"
    );
}

/// A change is told to the conference chair only by a log entry that names it: a report about
/// a court order does not tell the chair of a change of address.
#[test]
fn a_change_is_told_to_the_chair_only_by_an_entry_that_names_it() {
    let today = d("2026-11-24");
    let (_dir, root) = example(today);
    let mut r = CaseRecords::load(&root, &crate::store::agenda_files::load).unwrap();
    let held = r.meetings[0].meeting.details.date.unwrap();
    let meeting = &mut r.meetings[0].meeting;
    for (id, kind, detail) in [
        ("g1", CircumstanceKind::Address, "Ms Brennan moved flat"),
        (
            "g2",
            CircumstanceKind::LegalStatus,
            "Interim care order sought",
        ),
    ] {
        meeting.circumstances.push(Circumstance {
            id: id.into(),
            kind,
            detail: detail.into(),
            tell_conference_chair: true,
            privacy: Default::default(),
        });
    }
    r.log.push(Event::ChangeReported(ChangeReported {
        date: held.succ_opt().unwrap(),
        what: "Chair told the court granted an interim care order".into(),
        by: None,
        circumstance: None,
    }));
    let input = input(&r, today, crate::domain::reader::Reader::Professionals).unwrap();
    let md = crate::export::markdown::render(&review_report(&input));
    let section = md.split("## Changes of circumstances").nth(1).unwrap();
    let row = |what: &str| {
        section
            .lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("no row for {what}: {section}"))
            .to_string()
    };
    assert!(
        row("Ms Brennan moved flat").contains("to be told: no report logged"),
        "{section}"
    );
    assert!(row("Interim care order").contains("told "), "{section}");
    assert!(
        !row("Interim care order").contains("to be told"),
        "{section}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    /// Whatever confidential text the meetings hold and whatever withheld address was typed
    /// anywhere, the family version carries none of it, in either format; the professionals'
    /// report keeps the non-confidential text the address was typed into.
    #[test]
    fn the_family_version_never_carries_confidential_text_or_a_withheld_address(
        secret in "[A-Z][a-z]{6,12} [a-z]{6,12} [a-z]{6,12}",
        street in "[A-Z][a-z]{5,10} (Road|Lane|Close)",
    ) {
        let today = d("2026-11-24");
        let (_dir, root) = example(today);
        let mut r = CaseRecords::load(&root, &crate::store::agenda_files::load).unwrap();
        let address = format!("9 {street}, Eastbrook");
        let dad = r.plan.members.iter_mut().find(|m| m.id == "dad").unwrap();
        dad.address = Some(address.clone());
        dad.withhold_address = true;
        let m = &mut r.meetings[0];
        if let Some(p) = m.plan.as_mut() {
            *p = r.plan.clone();
        }
        let meeting = &mut m.meeting;
        meeting.notes.push(Note {
            id: "n9".into(),
            step: "agency-progress".into(),
            text: secret.clone(),
            subject: String::new(),
            privacy: crate::domain::privacy::Privacy::marked(true),
        });
        meeting.circumstances.push(Circumstance {
            id: "g8".into(),
            kind: CircumstanceKind::Other,
            detail: format!("{secret} (confidential)"),
            tell_conference_chair: true,
            privacy: crate::domain::privacy::Privacy::marked(true),
        });
        meeting.disagreements.push(Disagreement {
            id: "d8".into(),
            who: "Tom Ridley".into(),
            about: secret.clone(),
            reasons: String::new(),
            route: Route::Managers,
            resolved: false,
            privacy: crate::domain::privacy::Privacy::marked(true),
        });
        meeting.circumstances.push(Circumstance {
            id: "g9".into(),
            kind: CircumstanceKind::Household,
            detail: format!("Dad now lives at {address}"),
            tell_conference_chair: true,
            privacy: crate::domain::privacy::Privacy::marked(false),
        });
        let (full, family) = documents(&r, today);
        let family = family.expect("the records redact");
        let full = full.expect("the records redact");
        let word = word_text(&docx::render(&family).unwrap());
        for text in [markdown::render(&family), html::render(&family), word] {
            prop_assert!(!text.contains(&secret), "the family version carries the secret");
            prop_assert!(!text.contains(&street), "the family version carries the address");
        }
        prop_assert!(markdown::render(&full).contains("Dad now lives at"));
        prop_assert!(word_text(&docx::render(&full).unwrap()).contains("Dad now lives at"));
    }
}

#[test]
fn a_withdrawn_entry_is_left_out_of_the_chronology_and_the_changes_reported() {
    use crate::domain::case_log::{CaseLog, Withdrawn};
    let today = d("2026-11-24");
    let (_dir, root) = example(today);
    let case = crate::store::CaseFolder::open(&root).unwrap();
    let wrong = Event::ChangeReported(ChangeReported {
        date: d("2026-11-10"),
        what: "Mr Walsh moved to Leeds".into(),
        by: None,
        circumstance: None,
    });
    let visit = Event::Visit(Visit {
        date: d("2026-11-03"),
        by: None,
        children: Vec::new(),
        seen: true,
        seen_alone: true,
        bedroom_seen: Some(true),
        why_not: String::new(),
        each: Vec::new(),
    });
    let withdrawal = Event::Withdrawn(Withdrawn {
        date: d("2026-11-12"),
        entry: wrong.id(),
        by: Some("sw".into()),
        reason: "another family's news".into(),
    });
    crate::store::case_log::save(&case, &CaseLog::new(vec![wrong, visit, withdrawal])).unwrap();
    let files = write(&root, today).unwrap();
    let md = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        md.contains("| Tue 3 Nov 2026 | Visit. Kayla Brennan"),
        "the entry that stands is there: {md}"
    );
    assert!(!md.contains("Leeds"), "{md}");
    assert!(!md.contains("another family"), "{md}");
}

/// The first outcome or action code (`o3`, `a12`) in `text`, as a whole word.
fn first_code(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .find(|w| {
            let mut chars = w.chars();
            matches!(chars.next(), Some('o' | 'a'))
                && w.len() > 1
                && chars.all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
}

/// The section of a Markdown report under `heading`, up to the next section.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    md.split(&format!("## {heading}\n"))
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap_or_else(|| panic!("no section {heading}: {md}"))
}

#[test]
fn every_item_status_lists_as_overdue_is_in_the_report_and_no_drift_is_never_said_beside_them() {
    // Six weeks after the example's core group: `status` lists overdue actions and timescales
    // while no drift pattern has formed yet (there was one meeting).
    let today = d("2026-12-07");
    let (_dir, root) = example(today);
    let r = CaseRecords::load(&root, &crate::store::agenda_files::load).unwrap();
    let status =
        crate::domain::status::case_status(&r.plan, &r.log, &r.agenda.policy, &r.cal, today);
    assert!(!status.overdue_actions.is_empty());
    let (full, family) = documents(&r, today);
    let md = markdown::render(&full.unwrap());
    let late = section(&md, "Drift and overdue items");
    assert!(!md.contains("No drift"), "{late}");
    for a in &status.overdue_actions {
        assert!(
            late.contains(&format!("({})", a.id)),
            "{} missing: {late}",
            a.id
        );
    }
    for t in status
        .timescales
        .iter()
        .filter(|t| t.state == crate::domain::timescale::State::Overdue)
    {
        assert!(late.contains(&t.label), "{} missing: {late}", t.label);
    }
    // By agency: each overdue action in the Overdue column of its agency's row.
    let table = section(&md, "Actions by agency");
    assert!(table.contains("| Overdue |"), "{table}");
    let a9 = table.lines().find(|l| l.contains("(a9")).unwrap();
    let cells: Vec<&str> = a9.split(" | ").collect();
    assert!(cells[3].contains("(a9, due"), "{a9}");
    // The family's version lists the same actions by their words, without codes.
    let family = markdown::render(&family.unwrap());
    let jobs = section(&family, "Jobs past their date");
    for a in &status.overdue_actions {
        let what = r.plan.action(&a.id).unwrap().what.trim_end_matches('.');
        assert!(jobs.contains(what), "{what} missing: {jobs}");
    }
    assert_eq!(first_code(jobs), None, "{jobs}");
}

#[test]
fn the_report_says_who_wrote_it_when_why_the_children_are_on_a_plan_and_the_conference() {
    let today = d("2026-12-07");
    let (_dir, root) = example(today);
    let mut r = CaseRecords::load(&root, &crate::store::agenda_files::load).unwrap();
    // Not yet recorded, at first.
    let md = markdown::render(&documents(&r, today).0.unwrap());
    assert!(
        section(&md, "The core group's recommendation").contains("Not yet recorded"),
        "{md}"
    );
    let about = section(&md, "About this report");
    assert!(
        about.contains("Hannah Mercer (Lead social worker"),
        "{about}"
    );
    assert!(about.contains("Monday 7 December 2026"), "{about}");
    // Three months after the initial conference (16 October), as `status` gives it.
    assert!(about.contains("due by Friday 15 January 2027"), "{about}");
    let why = section(&md, "Why the children are on a Child Protection Plan");
    assert!(why.contains("### Danger statement") && why.contains("### Safety goals"));
    assert!(why.contains(&r.plan.why.concerns), "{why}");
    // Recorded at the core group, with its reasons, for the conference and, in plain words,
    // for the family.
    r.meetings[0].meeting.recommendation = crate::domain::meeting::Recommendation {
        choice: Some(crate::domain::meeting::Recommend::StepDown),
        reasons: "Kayla's attendance is over 95% and the home is safe.".into(),
        privacy: Default::default(),
    };
    let (full, family) = documents(&r, today);
    let rec = markdown::render(&full.unwrap());
    let rec = section(&rec, "The core group's recommendation").to_string();
    assert!(rec.contains("Step down to a child in need plan"), "{rec}");
    assert!(rec.contains("over 95%"), "{rec}");
    let family = markdown::render(&family.unwrap());
    let advice = section(&family, "What the group advises the review conference");
    assert!(advice.contains("The plan can end"), "{advice}");
}

#[test]
fn each_child_s_views_and_the_parents_views_are_in_the_report_per_meeting() {
    let today = d("2026-12-07");
    let (_dir, root) = example(today);
    let mut r = CaseRecords::load(&root, &crate::store::agenda_files::load).unwrap();
    let m = &mut r.meetings[0].meeting;
    m.children_views = vec![
        crate::domain::meeting::ChildViews {
            child: Some("kayla".into()),
            wishes_and_feelings: "Kayla wants her mum to stop drinking.".into(),
            feels_safe: Some(crate::domain::meeting::Answer::Partly),
            ..Default::default()
        },
        crate::domain::meeting::ChildViews {
            child: Some("alfie".into()),
            wishes_and_feelings: "Alfie was happy and played with his nan.".into(),
            how_gathered: "observed at home".into(),
            ..Default::default()
        },
    ];
    m.family_views.views = "Ms Brennan says the school run is going well.".into();
    m.family_views.not_accepted = "She asked for fewer visits; the group did not agree.".into();
    let md = markdown::render(&documents(&r, today).0.unwrap());
    let views = section(&md, "The children's wishes and feelings");
    let kayla = views.split("### Alfie Walsh").next().unwrap();
    assert!(
        kayla.contains("stop drinking") && kayla.contains("| partly |"),
        "{views}"
    );
    assert!(!kayla.contains("played with his nan"), "{views}");
    let alfie = views.split("### Alfie Walsh").nth(1).unwrap();
    assert!(
        alfie.contains("played with his nan. (gathered: observed at home)"),
        "{views}"
    );
    let parents = section(&md, "The parents' views");
    assert!(
        parents.contains("school run") && parents.contains("fewer visits"),
        "{parents}"
    );
}
