//! The family's copy never carries a confidential string or a withheld address, whatever the
//! text; every HTML file is well formed with every typed string escaped; rendering is
//! deterministic.

use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;

use coregroup::agenda::AgendaSnapshot;
use coregroup::domain::calendar::{Calendar, Division};
use coregroup::domain::disagreements::Route;
use coregroup::domain::example;
use coregroup::domain::meeting::*;
use coregroup::domain::privacy::Privacy;
use coregroup::domain::reader::{Reader, view};
use coregroup::export::{self, Rendered};

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
        privacy: Privacy::marked(true),
    }];
    m.contributions.push(Contribution {
        id: "c9".into(),
        member: "police".into(),
        text: c.secrets[1].clone(),
        tag: Some(Tag::Allegation),
        outcomes: Vec::new(),
        privacy: Privacy::marked(true),
    });
    m.circumstances.push(Circumstance {
        id: "x9".into(),
        kind: CircumstanceKind::Household,
        detail: c.secrets[2].clone(),
        tell_conference_chair: true,
        privacy: Privacy::marked(true),
    });
    m.disagreements.push(Disagreement {
        id: "d9".into(),
        who: "DC Mark Fenton".into(),
        about: c.secrets[3].clone(),
        reasons: c.secrets[3].clone(),
        route: Route::Managers,
        resolved: false,
        privacy: Privacy::marked(true),
    });
    // Public text, hostile too, which must survive into the family's copy.
    m.contributions.push(Contribution {
        id: "c10".into(),
        member: "school".into(),
        text: format!("PUBLICMARK {}", c.public[0]),
        tag: None,
        outcomes: Vec::new(),
        privacy: Default::default(),
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

/// Whether a file of a meeting's folder is made from a family reader's view: every family
/// copy, the plan every family member may read and each member's own, the invitation.
fn is_family_file(name: &str) -> bool {
    name.starts_with(export::FAMILY_PREFIX)
        || export::is_own_document(name)
        || name
            .rsplit_once('.')
            .is_some_and(|(stem, _)| stem == export::PLAN_PREFIX)
        || name == export::NEXT_MEETING_ICS
}

fn family_files(docs: &[Rendered]) -> Vec<&Rendered> {
    docs.iter().filter(|d| is_family_file(&d.name)).collect()
}

/// ICS folds long lines; read them whole again before looking for text.
fn unfolded(text: &str) -> String {
    text.replace("\r\n ", "")
}

/// A document without its style sheet: the program's own CSS holds nothing typed, and squashed
/// it can look like a postcode ("font: 8.5pt" holds "t85pt", as in T8 5PT).
fn without_style(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<style") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</style>") {
            Some(end) => rest = &rest[start + end + "</style>".len()..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn nothing_confidential_or_withheld_reaches_the_family(c in case()) {
        let (m, plan) = build(&c);
        let docs = export::render_all(coregroup::export::Case::at_close(&m, &plan), snapshot(), calendar());
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
        let files = export::render_files(coregroup::export::Case::at_close(&m, &plan), snapshot(), calendar(), export::document::Issue::FIRST_DRAFT,
        ).unwrap();
        let word = |name: &str| word_text(&files.iter().find(|f| f.name == name).unwrap().bytes);
        let family: Vec<&str> = files
            .iter()
            .map(|f| f.name.as_str())
            .filter(|n| n.ends_with(".docx") && is_family_file(n))
            .collect();
        // The shared copy and plan, and each of the three family members' own.
        prop_assert_eq!(family.len(), 2 + 2 * 3, "{:?}", family);
        for name in family {
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

    /// The PDFs, where the council's settings send them: read back page by page, the family's
    /// hold nothing confidential or withheld, and the public text is there. A copy with a
    /// character the PDF's font lacks is not made at all, and only then.
    #[test]
    fn nothing_confidential_or_withheld_reaches_the_familys_pdfs(c in case()) {
        let (m, plan) = build(&c);
        let mut council = coregroup::domain::example::council();
        council.attachments.family = coregroup::domain::council::AttachmentFormat::Pdf;
        council.attachments.professionals = coregroup::domain::council::AttachmentFormat::Pdf;
        let files = export::render_files_for(coregroup::export::Case::at_close(&m, &plan), snapshot(), calendar(), export::document::Issue::FIRST_DRAFT, Some(&council),
        ).unwrap();
        let file = |name: &str| files.iter().find(|f| f.name == name);
        // Every family PDF the settings ask for, each beside its Markdown: the shared copy and
        // plan, and each family member's own.
        let family: Vec<(String, String)> = files
            .iter()
            .filter(|f| is_family_file(&f.name) && f.name.ends_with(".md"))
            .map(|f| (f.name.replace(".md", ".pdf"), f.name.clone()))
            .collect();
        prop_assert_eq!(family.len(), 2 + 2 * 3);
        for (pdf, md) in &family {
            let (pdf, md) = (pdf.as_str(), md.as_str());
            let Some(made) = file(pdf) else {
                let md = String::from_utf8_lossy(&file(md).unwrap().bytes).into_owned();
                prop_assert!(!export::pdf::unsupported(&md).chars.is_empty(), "{pdf} was not made");
                continue;
            };
            let text = common::pdf_text::read(&made.bytes).all();
            prop_assert!(!text.contains("SECRETMARK"), "{pdf} holds a confidential string");
            if c.withhold.iter().any(|w| *w) {
                prop_assert!(!text.contains("Hiddenmark"), "{pdf} holds a withheld address");
            }
            if pdf.starts_with(export::FAMILY_PREFIX) {
                prop_assert!(text.contains("PUBLICMARK"), "public text went missing");
            }
        }
        if let Some(minutes) = file(export::MINUTES_PDF) {
            let text = common::pdf_text::read(&minutes.bytes).all();
            prop_assert!(text.contains("SECRETMARK0") && text.contains("SECRETMARK3"));
        }
    }

    #[test]
    fn html_is_well_formed_and_escapes_every_string(c in case()) {
        let (m, plan) = build(&c);
        let docs = export::render_all(coregroup::export::Case::at_close(&m, &plan), snapshot(), calendar());
        for d in docs.iter().filter(|d| d.name.ends_with(".html")) {
            if let Err(e) = check_html(&d.text) {
                prop_assert!(false, "{}: {e}", d.name);
            }
        }
    }

    #[test]
    fn markdown_tables_keep_their_columns(c in case()) {
        let (m, plan) = build(&c);
        let docs = export::render_all(coregroup::export::Case::at_close(&m, &plan), snapshot(), calendar());
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
        let a = export::render_all(coregroup::export::Case::at_close(&m, &plan), snapshot(), calendar());
        let b = export::render_all(coregroup::export::Case::at_close(&m, &plan), snapshot(), calendar());
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
    let docs = export::render_all(
        coregroup::export::Case::at_close(&m, &plan),
        snapshot(),
        calendar(),
    );
    let get = |n: &str| docs.iter().find(|d| d.name == n).unwrap().text.clone();
    let (pro, family) = (get(export::MINUTES_MD), get(export::FAMILY_MD));
    let note = "Not to be shared with the family while enquiries continue";
    let address = "12 Larkspur Court";
    // A withheld address is in the case file's copy alone, never in a circulated one.
    assert!(pro.contains(note) && !pro.contains(address));
    assert!(get(export::CASE_FILE_MD).contains(address));
    assert!(!family.contains(note) && !family.contains(address));
    assert!(!family.contains("CONFIDENTIAL"));
}

// ---------------------------------------------------------------------------------------------
// Withheld addresses typed in every free-text field, in any case, spacing and punctuation.

/// A withheld address of made-up words, and the parts that must never reach the family.
#[derive(Debug, Clone)]
struct Home {
    address: String,
    building: String,
    number: u32,
    street: String,
    postcode: String,
}

impl Home {
    /// What may not appear, in the form each is searched for: letters and digits, lower case.
    fn parts(&self) -> Vec<String> {
        [
            self.building.clone(),
            format!("{} {}", self.number, self.street),
            self.street.clone(),
            self.postcode.clone(),
        ]
        .iter()
        .map(|p| squash(p))
        .collect()
    }
}

/// Letters and digits only, lower case: how a leak is looked for, whatever came between words.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn word() -> impl Strategy<Value = String> {
    // Starts with an unusual pair so no ordinary word of the documents can hold it.
    "[a-z]{4,7}".prop_map(|w| format!("Qz{w}"))
}

fn home() -> impl Strategy<Value = Home> {
    (
        word(),
        prop_oneof![Just("House"), Just("Lodge"), Just("Cottage")],
        1..300u32,
        word(),
        prop_oneof![Just("Row"), Just("Road"), Just("Court"), Just("Lane")],
        "[A-Z]{1,2}[0-9]{1,2}",
        "[0-9][A-Z]{2}",
        any::<bool>(),
    )
        .prop_map(|(b, kind, number, s, suffix, out, inw, lines)| {
            let building = format!("{b} {kind}");
            let street = format!("{s} {suffix}");
            let postcode = format!("{out} {inw}");
            let sep = if lines { "\n" } else { ", " };
            Home {
                address: format!("{building}{sep}{number} {street}{sep}Eastbrook {postcode}"),
                building,
                number,
                street,
                postcode,
            }
        })
}

/// One part of an address as a person might type it: any case, with the spaces between its
/// words doubled, broken over a line or replaced by punctuation, a postcode without its space.
fn typed(home: &Home, seed: u64) -> String {
    let part = match seed % 6 {
        0 => home.building.clone(),
        1 => format!("{} {}", home.number, home.street),
        2 => home.street.clone(),
        3 => home.postcode.clone(),
        4 => home.postcode.replace(' ', ""),
        _ => home.address.clone(),
    };
    let mut out = String::new();
    let mut bits = seed >> 3;
    for c in part.chars() {
        bits = bits.rotate_left(3) ^ 0x9e37_79b9_7f4a_7c15;
        if c == ' ' {
            out.push_str(["  ", "\n", ", ", "-", " ", " \n "][(bits % 6) as usize]);
        } else if bits & 1 == 1 {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Typed {
    homes: Vec<Home>,
    withhold: Vec<bool>,
    /// For each free-text field: which withheld address, how it is typed, and text around it.
    fields: Vec<(usize, u64, String)>,
}

fn typed_case() -> impl Strategy<Value = Typed> {
    (
        proptest::collection::vec(home(), 3),
        proptest::collection::vec(any::<bool>(), 3)
            .prop_filter("something withheld", |w| w.iter().any(|w| *w)),
        proptest::collection::vec((0..3usize, any::<u64>(), hostile()), 64),
    )
        .prop_map(|(homes, withhold, fields)| Typed {
            homes,
            withhold,
            fields,
        })
}

/// The fields that are not typed text: ids, keys, enums, dates, numbers.
const NOT_TEXT: &[&str] = &[
    "id",
    "agenda",
    "member",
    "action",
    "outcome",
    "step",
    "item",
    "owner",
    "child",
    "chair",
    "minute_taker",
    "status",
    "kind",
    "route",
    "tag",
    "date",
    "time",
    "due",
    "presence",
    "accuracy",
    "score",
    "change",
    "division",
    "lead_worker",
    "origin",
    "added",
    "categories",
    "feels_safe",
    "daily_life_improved",
    "decisions",
    "email",
    "language",
    "reference",
    "local_authority",
    "name",
    "address",
    "family_address",
    "not_for",
    "plan_started",
    "date_of_birth",
    "expected_date_of_birth",
    "missing_at_close",
    "outcomes",
    "for_whom",
    "stamp",
    "ended",
];

/// Every string in a value that is typed text and does not hold `mark`, by field path.
fn untouched_text(v: &serde_json::Value, path: &str, mark: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => {
            let key = path.rsplit('.').next().unwrap_or("");
            let key = key.split('[').next().unwrap_or(key);
            let date = s.parse::<NaiveDate>().is_ok();
            if !NOT_TEXT.contains(&key) && !date && !s.contains(mark) {
                out.push(path.to_string());
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                untouched_text(item, &format!("{path}[{i}]"), mark, out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                untouched_text(item, &format!("{path}.{k}"), mark, out);
            }
        }
        _ => {}
    }
}

/// The example's records with a withheld address typed into every free-text field.
fn build_typed(t: &Typed) -> (Meeting, coregroup::domain::plan::Plan) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut plan = example::plan(today);
    let mut m = example::past_meeting(today);
    plan.case.family_address = Some(t.homes[0].address.clone());
    plan.case.withhold_family_address = t.withhold[0];
    for (i, id) in ["mum", "dad"].iter().enumerate() {
        let member = plan.members.iter_mut().find(|m| m.id == *id).unwrap();
        member.address = Some(t.homes[i + 1].address.clone());
        member.withhold_address = t.withhold[i + 1];
    }
    let withheld: Vec<&Home> = t
        .homes
        .iter()
        .zip(&t.withhold)
        .filter(|(_, w)| **w)
        .map(|(h, _)| h)
        .collect();
    let mut n = 0;
    let mut next = || {
        let (h, seed, around) = &t.fields[n % t.fields.len()];
        n += 1;
        let home = withheld[h % withheld.len()];
        format!("TYPED {around} {} then", typed(home, *seed))
    };
    // Give every list that can hold text one item, so each of its fields is tried.
    m.guests.push(Guest {
        id: "g9".into(),
        name: "Ann Other".into(),
        role: String::new(),
        agency: String::new(),
        here_as: String::new(),
        for_whom: Some("mum".into()),
        joins: false,
        privacy: Default::default(),
    });
    m.children_views.push(ChildViews {
        child: Some(plan.children[0].id.clone()),
        ..ChildViews::default()
    });
    m.since_last_meeting.push(LoggedEvent {
        date: today,
        text: String::new(),
        id: None,
    });
    m.invitation = Some(Invitation {
        sequence: 1,
        stamp: today.and_hms_opt(9, 0, 0).unwrap(),
        date: today,
        time: None,
        venue: String::new(),
    });
    m.action_reviews.push(ActionReview {
        privacy: Default::default(),
        action: plan.actions[0].id.clone(),
        status: coregroup::domain::plan::ActionStatus::InProgress,
        note: String::new(),
    });
    m.plan_changes.push(PlanChange {
        before: Default::default(),
        item: plan.actions[0].id.clone(),
        change: ChangeKind::ActionChanged,
        detail: String::new(),
    });
    m.disagreements.push(Disagreement {
        id: "d8".into(),
        who: String::new(),
        about: String::new(),
        reasons: String::new(),
        route: Route::CoreGroup,
        resolved: false,
        privacy: Default::default(),
    });
    m.circumstances.push(Circumstance {
        id: "x8".into(),
        kind: CircumstanceKind::Household,
        detail: String::new(),
        tell_conference_chair: false,
        privacy: Default::default(),
    });
    // Not for one parent, so each family member gets a copy of their own, checked too.
    m.notes.push(Note {
        id: "n8".into(),
        step: "family-views".into(),
        subject: String::new(),
        text: String::new(),
        privacy: Privacy {
            confidential: false,
            not_for: vec!["dad".into()],
        },
    });
    m.escalation.bring_review_forward = true;
    plan.actions[0]
        .history
        .push(coregroup::domain::plan::ActionUpdate {
            privacy: Default::default(),
            date: today,
            status: coregroup::domain::plan::ActionStatus::InProgress,
            by: None,
            changed: Vec::new(),
            made: Default::default(),
            note: String::new(),
        });

    let d = &mut m.details;
    d.venue = format!("Haven House, {}", next());
    d.exclusions = next();
    for a in &mut m.attendance {
        a.substitute = next();
        a.written_update = true;
        a.written_update_summary = next();
    }
    for g in &mut m.guests {
        g.role = next();
        g.agency = next();
        g.here_as = next();
    }
    m.previous_record.amendments = next();
    for r in &mut m.action_reviews {
        r.note = next();
    }
    for c in &mut m.contributions {
        c.text = next();
    }
    for p in &mut m.outcome_progress {
        p.note = next();
    }
    for v in std::iter::once(&mut m.child_views).chain(&mut m.children_views) {
        v.wishes_and_feelings = next();
        v.how_gathered = next();
    }
    m.family_views.views = next();
    m.family_views.not_accepted = next();
    for c in &mut m.circumstances {
        c.detail = next();
    }
    for c in &mut m.plan_changes {
        c.detail = next();
    }
    for d in &mut m.disagreements {
        d.who = next();
        d.about = next();
        d.reasons = next();
    }
    m.escalation.reason = next();
    m.next_meeting.venue = next();
    m.next_meeting.reason_for_gap = next();
    m.next_meeting.countersigned_by = next();
    for note in &mut m.notes {
        note.subject = next();
        note.text = next();
    }
    for e in &mut m.since_last_meeting {
        e.text = next();
    }
    if let Some(i) = &mut m.invitation {
        i.venue = next();
    }
    for c in &mut m.checklist {
        c.item = next();
    }
    for o in &mut plan.outcomes {
        o.text = next();
    }
    for a in &mut plan.actions {
        a.what = next();
        for h in &mut a.history {
            h.note = next();
        }
    }
    for member in &mut plan.members {
        member.role = next();
        member.agency = next();
        member.phone = Some(next());
        member.title = Some(next());
        member.preferred_name = Some(next());
    }
    for c in plan.key_dates.visits.iter_mut().flat_map(|v| &mut v.each) {
        c.why_not = Some(coregroup::domain::plan::WhyNot::Other(next()));
    }
    plan.contingency_plan = next();
    plan.why.concerns = next();
    plan.why.danger_statement = next();
    plan.why.safety_goals = next();
    m.recommendation.reasons = next();
    (m, plan)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_withheld_address_typed_any_way_in_any_field_never_reaches_the_family(t in typed_case()) {
        let (m, plan) = build_typed(&t);
        // Every typed-text field of the record holds an address, so none is left untried.
        let mut untried = Vec::new();
        untouched_text(&serde_json::to_value(&m).unwrap(), "meeting", "TYPED", &mut untried);
        untouched_text(&serde_json::to_value(&plan).unwrap(), "plan", "TYPED", &mut untried);
        prop_assert!(untried.is_empty(), "fields without an address: {untried:?}");

        let docs = export::render_all(coregroup::export::Case::at_close(&m, &plan), snapshot(), calendar());
        let family = family_files(&docs);
        // The shared copy, the plan, the invitation and each parent's own copy.
        prop_assert!(family.len() >= 9, "{:?}", family.iter().map(|d| &d.name).collect::<Vec<_>>());
        for d in family {
            let text = squash(&without_style(&unfolded(&d.text)));
            for (home, w) in t.homes.iter().zip(&t.withhold) {
                if !*w {
                    continue;
                }
                for part in home.parts() {
                    prop_assert!(!text.contains(&part), "{} holds {part:?} of {:?}", d.name, home.address);
                }
            }
        }
        // The town alone is not withheld: it names agencies too.
        let family_md = &docs.iter().find(|d| d.name == export::FAMILY_MD).unwrap().text;
        prop_assert!(family_md.contains("Eastbrook"));
    }
}

#[test]
fn only_the_style_sheet_is_left_out_of_what_is_searched() {
    let html = "<p>T8 5PT</p><style>body { font: 8.5pt Arial; }</style><p>after</p>";
    let searched = squash(&without_style(html));
    assert!(
        searched.contains("t85pt") && searched.contains("after"),
        "{searched}"
    );
    assert!(!searched.contains("arial"), "{searched}");
}

#[test]
fn each_way_an_address_reached_the_family_before_is_now_withheld() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut plan = example::plan(today);
    plan.case.family_address = Some("Haven House, 5 Quillon Row, Eastbrook EB2 1XY".into());
    let m0 = example::past_meeting(today);
    let typed = [
        "Letters to EB2 1XY please.",
        "She is staying at Haven House.",
        "Seen on Quillon Row twice.",
        "Moved to 5 quillon row.",
        "Moved to 5  Quillon  Row.",
        "Moved to 5 Quillon\nRow.",
    ];
    for text in typed {
        for venue in [false, true] {
            let mut m = m0.clone();
            if venue {
                m.next_meeting.venue = format!("Haven House, {text}");
            } else {
                m.family_views.views = text.into();
            }
            let docs = export::render_all(
                coregroup::export::Case::at_close(&m, &plan),
                snapshot(),
                calendar(),
            );
            for d in family_files(&docs) {
                let flat = squash(&unfolded(&d.text));
                for part in ["eb21xy", "havenhouse", "quillonrow"] {
                    assert!(
                        !flat.contains(part),
                        "{} holds {part} from {text:?}",
                        d.name
                    );
                }
            }
        }
    }
}

/// Each kind of free-text item that has no list of its own, set to `text` and given `privacy`.
type Setter = fn(&mut Meeting, &str, Privacy);

fn private_items() -> Vec<(&'static str, Setter)> {
    vec![
        ("exclusions", |m, t, p| {
            m.details.exclusions = t.into();
            m.details.exclusions_privacy = p;
        }),
        ("written update", |m, t, p| {
            let a = &mut m.attendance[2];
            a.written_update = true;
            a.written_update_summary = t.into();
            a.privacy = p;
        }),
        ("amendments", |m, t, p| {
            m.previous_record.amendments = t.into();
            m.previous_record.privacy = p;
        }),
        ("action review note", |m, t, p| {
            m.action_reviews.push(ActionReview {
                action: "a1".into(),
                status: coregroup::domain::plan::ActionStatus::InProgress,
                note: t.into(),
                privacy: p,
            });
        }),
        ("score's reason", |m, t, p| {
            m.outcome_progress[0].note = t.into();
            m.outcome_progress[0].privacy = p;
        }),
        ("child's views", |m, t, p| {
            m.child_views.wishes_and_feelings = t.into();
            m.child_views.privacy = p;
        }),
        ("family's views", |m, t, p| {
            m.family_views.views = t.into();
            m.family_views.privacy = p;
        }),
        ("escalation reason", |m, t, p| {
            m.escalation.bring_review_forward = true;
            m.escalation.reason = t.into();
            m.escalation.privacy = p;
        }),
        ("note", |m, t, p| {
            m.notes.push(Note {
                id: "n7".into(),
                step: "family-views".into(),
                subject: String::new(),
                text: t.into(),
                privacy: p,
            })
        }),
        ("note's subject", |m, t, p| {
            m.notes.push(Note {
                id: "n6".into(),
                step: "family-views".into(),
                subject: t.into(),
                text: "See the police.".into(),
                privacy: p,
            })
        }),
        ("contribution", |m, t, p| {
            m.contributions.push(Contribution {
                id: "c7".into(),
                member: "school".into(),
                text: t.into(),
                tag: None,
                outcomes: vec!["o1".into()],
                privacy: p,
            })
        }),
        ("a child's own views", |m, t, p| {
            m.children_views.push(ChildViews {
                child: Some("kayla".into()),
                wishes_and_feelings: t.into(),
                privacy: p,
                ..ChildViews::default()
            });
        }),
        ("how a child's views were gathered", |m, t, p| {
            m.children_views.push(ChildViews {
                child: Some("kayla".into()),
                wishes_and_feelings: "She likes school.".into(),
                how_gathered: t.into(),
                privacy: p,
                ..ChildViews::default()
            });
        }),
        ("guest's name", |m, t, p| {
            let mut g = Guest::new("g7".into(), t.into(), "Advocate".into(), String::new());
            g.privacy = p;
            m.guests.push(g);
        }),
        ("guest's role and agency", |m, t, p| {
            let mut g = Guest::new("g7".into(), "Ann Other".into(), t.into(), t.into());
            g.here_as = "advocate".into();
            g.for_whom = Some("mum".into());
            g.privacy = p;
            m.guests.push(g);
        }),
        ("circumstance", |m, t, p| {
            m.circumstances.push(Circumstance {
                id: "x7".into(),
                kind: CircumstanceKind::Other,
                detail: t.into(),
                tell_conference_chair: false,
                privacy: p,
            })
        }),
        ("disagreement", |m, t, p| {
            m.disagreements.push(Disagreement {
                id: "d7".into(),
                who: "Tom Ridley".into(),
                about: t.into(),
                reasons: String::new(),
                route: Route::CoreGroup,
                resolved: false,
                privacy: p,
            })
        }),
    ]
}

#[test]
fn every_free_text_item_can_be_confidential() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let plan = example::plan(today);
    for (what, set) in private_items() {
        let mut m = example::past_meeting(today);
        let text = "A conviction for assault in 2019 SECRETMARK.";
        set(&mut m, text, Privacy::marked(true));
        let docs = export::render_all(
            coregroup::export::Case::at_close(&m, &plan),
            snapshot(),
            calendar(),
        );
        for d in family_files(&docs) {
            assert!(!d.text.contains("SECRETMARK"), "{what} reached {}", d.name);
        }
        let minutes = &docs
            .iter()
            .find(|d| d.name == export::MINUTES_MD)
            .unwrap()
            .text;
        let (body, section) = minutes
            .split_once("CONFIDENTIAL: not to be shared")
            .unwrap_or_else(|| panic!("{what}: no confidential section"));
        assert!(!body.contains("SECRETMARK"), "{what} in the main body");
        assert!(
            section.contains("SECRETMARK"),
            "{what} missing from the confidential section"
        );

        // Left open, it reaches the family.
        let mut m = example::past_meeting(today);
        set(&mut m, text, Privacy::default());
        let docs = export::render_all(
            coregroup::export::Case::at_close(&m, &plan),
            snapshot(),
            calendar(),
        );
        let family = &docs
            .iter()
            .find(|d| d.name == export::FAMILY_MD)
            .unwrap()
            .text;
        assert!(
            family.contains("SECRETMARK"),
            "{what} open but not in the family's copy"
        );
    }
}

#[test]
fn each_family_member_gets_only_what_is_for_them() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let plan = example::plan(today);
    let family: Vec<String> = plan
        .members
        .iter()
        .filter(|m| m.family)
        .map(|m| m.id.clone())
        .collect();
    assert!(family.len() >= 2);
    for (what, set) in private_items() {
        for restricted in &family {
            let mut m = example::past_meeting(today);
            let privacy = Privacy {
                confidential: false,
                not_for: vec![restricted.clone()],
            };
            set(&mut m, "She has a new partner RESTRICTEDMARK.", privacy);
            let docs = export::render_all(
                coregroup::export::Case::at_close(&m, &plan),
                snapshot(),
                calendar(),
            );
            let get = |n: &str| {
                &docs
                    .iter()
                    .find(|d| d.name == n)
                    .unwrap_or_else(|| panic!("{what}: no {n}"))
                    .text
            };
            for member in &family {
                for ext in ["md", "html"] {
                    let copy = get(&export::own_copy_name(member, ext));
                    assert_eq!(
                        copy.contains("RESTRICTEDMARK"),
                        member != restricted,
                        "{what} not for {restricted}: {member}'s {ext} copy"
                    );
                }
                // Their own plan is made from their own view too.
                if member == restricted {
                    let plan = get(&export::own_plan_name(member, "md"));
                    assert!(!plan.contains("RESTRICTEDMARK"), "{what}: {member}'s plan");
                }
            }
            // The shared copy and the plan carry nothing restricted from anyone.
            for d in [export::FAMILY_MD, export::PLAN_MD] {
                assert!(!get(d).contains("RESTRICTEDMARK"), "{what} in {d}");
            }
            // The professionals see it, and the distribution list names each copy.
            let minutes = get(export::MINUTES_MD);
            assert!(minutes.contains("RESTRICTEDMARK"), "{what}");
            let own = export::own_copy_name(restricted, "md");
            assert!(minutes.contains(&own), "{own} not in the distribution list");
        }
    }
    // An action not for the mother: in every other family member's own plan, not in hers, nor
    // in the plan every family member may read (the professionals').
    let mut kept = plan.clone();
    let action = kept
        .actions
        .iter_mut()
        .find(|a| a.status.is_open())
        .unwrap();
    action.what = "Visit the new partner RESTRICTEDMARK at home.".into();
    action.privacy.not_for = vec!["mum".into()];
    let docs = export::render_all(
        coregroup::export::Case::at_close(&example::past_meeting(today), &kept),
        snapshot(),
        calendar(),
    );
    let get = |n: &str| &docs.iter().find(|d| d.name == n).unwrap().text;
    for member in &family {
        for ext in ["md", "html"] {
            let own = get(&export::own_plan_name(member, ext));
            assert_eq!(
                own.contains("RESTRICTEDMARK"),
                member != "mum",
                "{member}'s plan"
            );
        }
    }
    assert!(!get(export::PLAN_MD).contains("RESTRICTEDMARK"));

    // With nothing restricted, each family member has their own copy and plan all the same:
    // each ends with their own agreement page.
    let docs = export::render_all(
        coregroup::export::Case::at_close(&example::past_meeting(today), &plan),
        snapshot(),
        calendar(),
    );
    let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    for member in &family {
        for ext in ["md", "html"] {
            for own in [
                export::own_copy_name(member, ext),
                export::own_plan_name(member, ext),
            ] {
                assert!(names.contains(&own.as_str()), "{own}: {names:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any item, any text, kept from the family or from one family member: that copy never
    /// carries it.
    #[test]
    fn what_is_not_for_a_reader_never_reaches_their_copy(
        item in 0..private_items().len(),
        around in hostile(),
        who in 0..3usize,
    ) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let plan = example::plan(today);
        let family: Vec<String> =
            plan.members.iter().filter(|m| m.family).map(|m| m.id.clone()).collect();
        let privacy = match family.get(who) {
            Some(id) => Privacy { confidential: false, not_for: vec![id.clone()] },
            None => Privacy::marked(true),
        };
        let (what, set) = private_items().swap_remove(item);
        let mut m = example::past_meeting(today);
        set(&mut m, &format!("{around} KEEPMARK {around}"), privacy.clone());
        // The record each copy is made from holds nothing its reader may not see.
        let readers = family.iter().map(|id| Some(id.as_str())).chain([None]);
        for reader in readers {
            let r = reader.map_or(Reader::EveryFamilyMember, |id| Reader::Family(id.into()));
            let v = view(&m, &plan, &plan, r).unwrap();
            let all = serde_json::to_string(&(v.meeting(), v.plan())).unwrap();
            prop_assert_eq!(all.contains("KEEPMARK"), !privacy.hidden_from(reader), "{} for {:?}", what, reader);
        }
        let docs = export::render_all(coregroup::export::Case::at_close(&m, &plan), snapshot(), calendar());
        for d in family_files(&docs) {
            let for_reader = family.iter().any(|id| {
                d.name.starts_with(&format!("{}-{id}.", export::FAMILY_PREFIX))
                    && !privacy.hidden_from(Some(id))
            });
            prop_assert_eq!(
                d.text.contains("KEEPMARK"),
                for_reader,
                "{} ({}) in {}", what, privacy.not_for.join(","), d.name
            );
        }
        // Each member's own plan: never what is kept from them (what the plan shows at all).
        for id in &family {
            for ext in ["md", "html"] {
                let name = export::own_plan_name(id, ext);
                let plan = &docs.iter().find(|d| d.name == name).unwrap().text;
                prop_assert!(
                    !plan.contains("KEEPMARK") || !privacy.hidden_from(Some(id)),
                    "{} ({}) in {}", what, privacy.not_for.join(","), name
                );
            }
        }
    }
}

#[test]
fn a_confidential_review_note_is_out_of_the_family_record_and_the_history_it_is_kept_in() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut plan = example::plan(today);
    let mut m = example::past_meeting(today);
    let note = "Police are investigating SECRETMARK.";
    // As the review step records it: in the review, and in the action's history.
    let a = plan
        .actions
        .iter_mut()
        .find(|a| a.status.is_open())
        .unwrap();
    a.history.push(coregroup::domain::plan::ActionUpdate {
        privacy: Default::default(),
        date: today,
        status: coregroup::domain::plan::ActionStatus::InProgress,
        by: None,
        changed: Vec::new(),
        made: Default::default(),
        note: note.into(),
    });
    m.action_reviews.push(ActionReview {
        action: a.id.clone(),
        status: coregroup::domain::plan::ActionStatus::InProgress,
        note: note.into(),
        privacy: Privacy::marked(true),
    });
    // The record the family's documents are made from holds it nowhere, so no document made
    // from it, now or later, can show it.
    let v = view(&m, &plan, &plan, Reader::EveryFamilyMember).unwrap();
    let all = serde_json::to_string(&(v.meeting(), v.plan())).unwrap();
    assert!(!all.contains("SECRETMARK"));
}

#[test]
fn the_case_log_since_the_last_meeting_stays_with_the_professionals() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut plan = example::plan(today);
    plan.case.family_address = Some("Haven House, 5 Quillon Row, Eastbrook EB2 1XY".into());
    plan.case.withhold_family_address = true;
    let mut m = example::past_meeting(today);
    // A change reported to the conference chair, as the case log words it: the kind of thing
    // that may be kept from the family, with the withheld address in it too.
    m.since_last_meeting.push(LoggedEvent {
        date: today,
        text: "Change of circumstances reported to the conference chair: SECRETMARK, now at \
               5 Quillon Row"
            .into(),
        id: None,
    });
    let v = view(&m, &plan, &plan, Reader::EveryFamilyMember).unwrap();
    let all = serde_json::to_string(&(v.meeting(), v.plan())).unwrap();
    assert!(!all.contains("SECRETMARK") && !all.contains("Quillon"));
    let docs = export::render_all(
        coregroup::export::Case::at_close(&m, &plan),
        snapshot(),
        calendar(),
    );
    for d in family_files(&docs) {
        assert!(!d.text.contains("SECRETMARK"), "{}", d.name);
    }
    let minutes = &docs
        .iter()
        .find(|d| d.name == export::MINUTES_MD)
        .unwrap()
        .text;
    assert!(minutes.contains("Since the last meeting") && minutes.contains("SECRETMARK"));
}

/// The text of a Word file: every part of it, unzipped.
fn word_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        std::io::Read::read_to_string(&mut zip.by_index(i).unwrap(), &mut all).unwrap();
    }
    all
}

#[test]
fn each_family_member_s_own_copy_is_a_word_file_too() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let plan = example::plan(today);
    let mut m = example::past_meeting(today);
    m.family_views.views = "Dean has a new partner RESTRICTEDMARK.".into();
    m.family_views.privacy.not_for = vec!["mum".into()];
    let files = export::render_files(
        coregroup::export::Case::at_close(&m, &plan),
        snapshot(),
        calendar(),
        export::document::Issue::FIRST_DRAFT,
    )
    .unwrap();
    let word = |name: &str| {
        word_text(
            &files
                .iter()
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("no {name}"))
                .bytes,
        )
    };
    for member in plan.members.iter().filter(|m| m.family) {
        let text = word(&export::own_copy_name(&member.id, "docx"));
        assert_eq!(
            text.contains("RESTRICTEDMARK"),
            member.id != "mum",
            "{}'s Word copy",
            member.id
        );
        let plan = word(&export::own_plan_name(&member.id, "docx"));
        assert!(
            plan.contains(&format!("Your written agreement: {}", member.name)),
            "{}'s Word plan",
            member.id
        );
    }
    for shared in [export::FAMILY_DOCX, export::PLAN_DOCX] {
        assert!(!word(shared).contains("RESTRICTEDMARK"), "{shared}");
    }
}
