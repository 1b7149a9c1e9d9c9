//! The family's copy never carries a confidential string or a withheld address, whatever the
//! text; every HTML file is well formed with every typed string escaped; rendering is
//! deterministic.

use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;

use coregroup::domain::calendar::{Calendar, Division};
use coregroup::domain::example;
use coregroup::domain::meeting::*;
use coregroup::export::{self, AgendaSnapshot, Rendered};

mod common;
use common::html_check::check_html;

fn calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| Calendar::new(Division::EnglandAndWales))
}

fn snapshot() -> &'static AgendaSnapshot {
    static SNAP: OnceLock<AgendaSnapshot> = OnceLock::new();
    SNAP.get_or_init(|| AgendaSnapshot::of(&common::agenda()))
}

/// Text with the characters that could break out of Markdown or HTML, other scripts, and
/// control characters.
fn hostile() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[a-zA-Z0-9 <>&|*_#`!\\[\\]()\"'\\\\:;,.=+~^$@-]{0,24}(\n|\u{1b}\\[2J|\u{202e}|ŵŷ|שלום|<script>alert\\(1\\)</script>)?[a-z |<>]{0,8}",
    )
    .unwrap()
}

/// A confidential string: a marker that appears nowhere else, wrapped in hostile text.
fn secret(n: usize) -> impl Strategy<Value = String> {
    (hostile(), hostile()).prop_map(move |(a, b)| format!("{a} SECRETMARK{n} {b}"))
}

fn address(n: usize) -> impl Strategy<Value = String> {
    hostile().prop_map(move |body| format!("Flat {n}, {n}7 Hiddenmark Road {body}, Town AB{n} 9ZZ"))
}

#[derive(Debug, Clone)]
struct Case {
    secrets: Vec<String>,
    addresses: Vec<String>,
    public: Vec<String>,
    withhold: Vec<bool>,
    address_in_text: bool,
    address_as_venue: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(0..4usize, 4)
            .prop_flat_map(|_| (0..4usize).map(secret).collect::<Vec<_>>()),
        (0..3usize).map(address).collect::<Vec<_>>(),
        proptest::collection::vec(hostile(), 4),
        proptest::collection::vec(any::<bool>(), 3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(secrets, addresses, public, withhold, address_in_text, address_as_venue)| Case {
                secrets,
                addresses,
                public,
                withhold,
                address_in_text,
                address_as_venue,
            },
        )
}

/// The example's past meeting with the generated text put in.
fn build(c: &Case) -> (Meeting, coregroup::domain::plan::Plan) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut plan = example::plan(today);
    let mut m = example::past_meeting(today);
    m.notes = vec![Note {
        id: "n1".into(),
        step: "agency-progress".into(),
        subject: c.secrets[0].clone(),
        text: c.secrets[0].clone(),
        confidential: true,
    }];
    m.contributions.push(Contribution {
        id: "c9".into(),
        member: "police".into(),
        text: c.secrets[1].clone(),
        tag: Some(Tag::Allegation),
        outcomes: Vec::new(),
        confidential: true,
    });
    m.circumstances.push(Circumstance {
        id: "x9".into(),
        kind: CircumstanceKind::Household,
        detail: c.secrets[2].clone(),
        tell_conference_chair: true,
        confidential: true,
    });
    m.disagreements.push(Disagreement {
        id: "d9".into(),
        who: "DC Mark Fenton".into(),
        about: c.secrets[3].clone(),
        reasons: c.secrets[3].clone(),
        route: Route::Managers,
        resolved: false,
        confidential: true,
    });
    // Public text, hostile too, which must survive into the family's copy.
    m.contributions.push(Contribution {
        id: "c10".into(),
        member: "school".into(),
        text: format!("PUBLICMARK {}", c.public[0]),
        tag: None,
        outcomes: Vec::new(),
        confidential: false,
    });
    m.family_views.views = c.public[1].clone();
    m.child_views.wishes_and_feelings = c.public[2].clone();
    m.details.venue = c.public[3].clone();

    plan.case.family_address = Some(c.addresses[0].clone());
    plan.case.withhold_family_address = c.withhold[0];
    for (i, id) in ["mum", "dad"].iter().enumerate() {
        let member = plan.members.iter_mut().find(|m| m.id == *id).unwrap();
        member.address = Some(c.addresses[i + 1].clone());
        member.withhold_address = c.withhold[i + 1];
    }
    let withheld: Vec<&String> = c
        .addresses
        .iter()
        .zip(&c.withhold)
        .filter(|(_, w)| **w)
        .map(|(a, _)| a)
        .collect();
    if let Some(a) = withheld.first() {
        if c.address_in_text {
            m.family_views.views = format!("{} Moved to {a}.", m.family_views.views);
        }
        if c.address_as_venue {
            m.next_meeting.venue = (*a).clone();
        }
    }
    (m, plan)
}

fn family_files(docs: &[Rendered]) -> Vec<&Rendered> {
    docs.iter()
        .filter(|d| {
            [
                export::FAMILY_MD,
                export::FAMILY_HTML,
                export::PLAN_MD,
                export::PLAN_HTML,
                export::NEXT_MEETING_ICS,
            ]
            .contains(&d.name)
        })
        .collect()
}

/// ICS folds long lines; read them whole again before looking for text.
fn unfolded(text: &str) -> String {
    text.replace("\r\n ", "")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn nothing_confidential_or_withheld_reaches_the_family(c in case()) {
        let (m, plan) = build(&c);
        let docs = export::render_all(&m, &plan, snapshot(), calendar());
        for d in family_files(&docs) {
            let text = unfolded(&d.text);
            prop_assert!(!text.contains("SECRETMARK"), "{} holds a confidential string", d.name);
            for (a, w) in c.addresses.iter().zip(&c.withhold) {
                if *w {
                    // The marker is in the street name, between the numbered parts.
                    prop_assert!(!text.contains("Hiddenmark"), "{} holds a withheld address {a:?}", d.name);
                }
            }
        }
        let family_md = &docs.iter().find(|d| d.name == export::FAMILY_MD).unwrap().text;
        prop_assert!(family_md.contains("PUBLICMARK"), "public text went missing");
        // The professionals' copy keeps the confidential section.
        let minutes = &docs.iter().find(|d| d.name == export::MINUTES_MD).unwrap().text;
        prop_assert!(minutes.contains("SECRETMARK0") && minutes.contains("SECRETMARK3"));
    }

    #[test]
    fn nothing_confidential_or_withheld_reaches_the_familys_word_files(c in case()) {
        let (m, plan) = build(&c);
        let files = export::render_files(
            &m, &plan, snapshot(), calendar(), export::document::Issue::FIRST_DRAFT,
        ).unwrap();
        let word = |name: &str| -> String {
            let bytes = &files.iter().find(|f| f.name == name).unwrap().bytes;
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut all = String::new();
            for i in 0..zip.len() {
                std::io::Read::read_to_string(&mut zip.by_index(i).unwrap(), &mut all).unwrap();
            }
            all
        };
        for name in [export::FAMILY_DOCX, export::PLAN_DOCX] {
            let text = word(name);
            prop_assert!(!text.contains("SECRETMARK"), "{name} holds a confidential string");
            if c.withhold.iter().any(|w| *w) {
                prop_assert!(!text.contains("Hiddenmark"), "{name} holds a withheld address");
            }
        }
        prop_assert!(word(export::FAMILY_DOCX).contains("PUBLICMARK"), "public text went missing");
        let minutes = word(export::MINUTES_DOCX);
        prop_assert!(minutes.contains("SECRETMARK0") && minutes.contains("SECRETMARK3"));
    }

    #[test]
    fn html_is_well_formed_and_escapes_every_string(c in case()) {
        let (m, plan) = build(&c);
        let docs = export::render_all(&m, &plan, snapshot(), calendar());
        for d in docs.iter().filter(|d| d.name.ends_with(".html")) {
            if let Err(e) = check_html(&d.text) {
                prop_assert!(false, "{}: {e}", d.name);
            }
        }
    }

    #[test]
    fn markdown_tables_keep_their_columns(c in case()) {
        let (m, plan) = build(&c);
        let docs = export::render_all(&m, &plan, snapshot(), calendar());
        for d in docs.iter().filter(|d| d.name.ends_with(".md")) {
            let controls = ['\u{1b}', '\u{202e}'];
            let clean = !d.text.contains(controls);
            prop_assert!(clean, "{} holds a control character", d.name);
            let mut width = None;
            for line in d.text.lines() {
                if !line.starts_with("| ") {
                    width = None;
                    continue;
                }
                let cols = unescaped_pipes(line);
                match width {
                    None => width = Some(cols),
                    Some(w) => prop_assert_eq!(w, cols, "{}: {}", d.name, line),
                }
            }
        }
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes(c in case()) {
        let (m, plan) = build(&c);
        let a = export::render_all(&m, &plan, snapshot(), calendar());
        let b = export::render_all(&m, &plan, snapshot(), calendar());
        prop_assert_eq!(a, b);
    }
}

/// Pipes that separate cells: those not escaped by an odd run of backslashes.
fn unescaped_pipes(line: &str) -> usize {
    let mut n = 0;
    let mut backslashes = 0;
    for c in line.chars() {
        if c == '|' && backslashes % 2 == 0 {
            n += 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    n
}

#[test]
fn the_example_family_copy_lacks_what_the_professionals_copy_has() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let plan = example::plan(today);
    let m = example::past_meeting(today);
    let docs = export::render_all(&m, &plan, snapshot(), calendar());
    let get = |n: &str| docs.iter().find(|d| d.name == n).unwrap().text.clone();
    let (pro, family) = (get(export::MINUTES_MD), get(export::FAMILY_MD));
    let note = "Not to be shared with the family while enquiries continue";
    let address = "12 Larkspur Court";
    assert!(pro.contains(note) && pro.contains(address));
    assert!(!family.contains(note) && !family.contains(address));
    assert!(!family.contains("CONFIDENTIAL"));
}
