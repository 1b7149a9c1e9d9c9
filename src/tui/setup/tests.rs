//! The set-up screen driven through `update` key by key: a real-sized case typed in and saved,
//! what is written compared with what was typed, leaving without saving, problems shown by
//! their field, and every section drawn at 80×24 and 160×48. All names are fictional.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::model::SetupSection;
use super::{SetupMessage, SetupModel, message_for_key, update};
use crate::cases::error::CaseError;
use crate::domain::calendar::Division;
use crate::domain::plan::{
    Action, ActionStatus, CaseInfo, Category, Child, ChildSeen, KeyDates, Member, Origin, Outcome,
    Plan,
};
use crate::domain::validate::{Severity, validate};
use crate::tui::keymap::{Chord, Keymap};
use crate::tui::widgets::theme::ThemeName;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

fn today() -> NaiveDate {
    d(2026, 11, 30)
}

struct Harness {
    model: SetupModel,
    /// Every key event sent, and those that were not characters typed into a field.
    keys: usize,
    moves: usize,
    written: Vec<Plan>,
    /// Every draft kept, and how many times the draft was discarded.
    kept: Vec<super::SetupDraft>,
    discarded: usize,
    quit: bool,
}

/// The set-up's disk in memory.
struct Memory<'a> {
    written: &'a mut Vec<Plan>,
    kept: &'a mut Vec<super::SetupDraft>,
    discarded: &'a mut usize,
}

impl super::run::Store for Memory<'_> {
    fn write(&mut self, plan: &Plan) -> Result<String, CaseError> {
        self.written.push(plan.clone());
        Ok("/cases/eb-0412/plan.yaml".to_string())
    }

    fn keep(&mut self, draft: &super::SetupDraft) -> std::io::Result<()> {
        self.kept.push(draft.clone());
        Ok(())
    }

    fn discard(&mut self) -> std::io::Result<()> {
        *self.discarded += 1;
        Ok(())
    }
}

impl Harness {
    fn new() -> Harness {
        let agendas = vec![
            ("core-group".to_string(), "Core group meeting".to_string()),
            (
                "core-group-4-weekly".to_string(),
                "Core group meeting (4-weekly)".to_string(),
            ),
            (
                "wales-core-group".to_string(),
                "Core group meeting (Wales)".to_string(),
            ),
        ];
        Harness {
            model: SetupModel::new(
                "/cases/eb-0412",
                today(),
                agendas,
                Keymap::default_keymap(),
                ThemeName::Default,
            ),
            keys: 0,
            moves: 0,
            written: vec![],
            kept: vec![],
            discarded: 0,
            quit: false,
        }
    }

    fn send(&mut self, msg: SetupMessage) {
        let effects = update(&mut self.model, msg);
        let mut store = Memory {
            written: &mut self.written,
            kept: &mut self.kept,
            discarded: &mut self.discarded,
        };
        self.quit |= super::run::carry_out(&mut self.model, effects, &mut store);
    }

    fn key(&mut self, key: KeyEvent) {
        self.keys += 1;
        if let Some(msg) = message_for_key(&self.model, key) {
            self.send(msg);
        }
    }

    /// Keys as the keymap writes them: "tab space f2".
    fn press(&mut self, keys: &str) {
        for k in keys.split_whitespace() {
            self.moves += 1;
            let chord = Chord::parse(k).unwrap_or_else(|e| panic!("{e}"));
            self.key(chord.to_event());
        }
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    /// Type into fields one after another, Tab between them; an empty entry skips a field.
    fn fields(&mut self, values: &[&str]) {
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.press("tab");
            }
            match *v {
                "[x]" => self.press("space"),
                v => self.type_text(v),
            }
        }
    }

    fn screen(&self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        t.draw(|f| super::view(&self.model, f)).expect("draw");
        let buf = t.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

struct Person {
    name: &'static str,
    role: &'static str,
    agency: &'static str,
    family: bool,
    email: Option<&'static str>,
    language: Option<&'static str>,
    address: Option<&'static str>,
    withhold: bool,
}

const PEOPLE: [Person; 8] = [
    Person {
        name: "Tom Ridley",
        role: "social worker",
        agency: "Eastbrook Children's Services",
        family: false,
        email: Some("tom.ridley@eastbrook.example"),
        language: None,
        address: None,
        withhold: false,
    },
    Person {
        name: "Shauna Brennan",
        role: "mother",
        agency: "",
        family: true,
        email: None,
        language: Some("English"),
        address: Some("14 Alder Row, Eastbrook"),
        withhold: false,
    },
    Person {
        name: "Dean Brennan",
        role: "father",
        agency: "",
        family: true,
        email: None,
        language: Some("Polish"),
        address: Some("Flat 2, 9 Mill Lane, Eastbrook"),
        withhold: true,
    },
    Person {
        name: "Gemma Lowe",
        role: "health visitor",
        agency: "Eastbrook NHS Trust",
        family: false,
        email: Some("gemma.lowe@nhs.example"),
        language: None,
        address: None,
        withhold: false,
    },
    Person {
        name: "Priya Shah",
        role: "class teacher",
        agency: "Alder Primary School",
        family: false,
        email: Some("p.shah@alder.example"),
        language: None,
        address: None,
        withhold: false,
    },
    Person {
        name: "DC Mark Fenton",
        role: "police",
        agency: "Eastbrook Police",
        family: false,
        email: None,
        language: None,
        address: None,
        withhold: false,
    },
    Person {
        name: "Rosa Delgado",
        role: "family support worker",
        agency: "Eastbrook Early Help",
        family: false,
        email: None,
        language: None,
        address: None,
        withhold: false,
    },
    Person {
        name: "Nadia Okafor",
        role: "recovery worker",
        agency: "Eastbrook Recovery Service",
        family: false,
        email: Some("n.okafor@recovery.example"),
        language: None,
        address: None,
        withhold: false,
    },
];

const OUTCOMES: [(usize, &str); 4] = [
    (1, "Kayla is safe from emotional harm at home"),
    (1, "Kayla goes to school every day, on time"),
    (2, "Alfie's health and development needs are met"),
    (2, "Alfie lives in a clean, warm and safe home"),
];

/// What, the outcome's number, the owner as typed, the due date as typed and as meant.
type ActionLine = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    (i32, u32, u32),
);

const ACTIONS: [ActionLine; 6] = [
    (
        "Visit weekly and see Kayla alone",
        1,
        "tom",
        "4/12",
        (2026, 12, 4),
    ),
    (
        "Refer Shauna to the parenting course",
        1,
        "rosa",
        "11/12",
        (2026, 12, 11),
    ),
    (
        "Report Kayla's attendance each week",
        2,
        "priya",
        "18/12",
        (2026, 12, 18),
    ),
    (
        "Book Alfie's overdue health check",
        3,
        "gemma",
        "2w",
        (2026, 12, 14),
    ),
    (
        "Help the family clear and heat the flat",
        4,
        "early help",
        "8/1/2027",
        (2027, 1, 8),
    ),
    (
        "Start Dean's recovery plan",
        4,
        "nadia",
        "15/1/2027",
        (2027, 1, 15),
    ),
];

const CONTINGENCY: &str = "If the children are not seen alone, or school attendance falls below 90%, the social worker asks the chair to bring the review conference forward.";

/// Type the whole real-sized case in, as a first-time user would, section by section.
/// Why the children are on a plan, typed in the case section.
const WHY: &str = "Kayla misses school and the police were called to fights at home.";

fn type_real_case(h: &mut Harness) {
    // 1 The case: reference, local authority; the division and agenda stay as they are.
    h.fields(&[
        "EB-2026-0412",
        "Eastbrook Council",
        "",
        "",
        "14 Alder Row, Eastbrook",
        "",
        WHY,
    ]);
    h.press("f8");
    // 2 Children.
    h.press("+");
    h.fields(&[
        "Kayla Brennan",
        "3/4/2019",
        "",
        "",
        "[x]",
        "",
        "[x]",
        "12/10/2026",
    ]);
    h.press("enter");
    h.press("+");
    // The plan started for Alfie when it did for Kayla: already filled in.
    h.fields(&["Alfie Brennan", "20/9/2024", "", "", "", "", "[x]", ""]);
    h.press("enter");
    h.press("f8");
    // 3 Core group: each member saved with F2 once their last detail is in.
    for p in &PEOPLE {
        h.press("+");
        let family = if p.family { "[x]" } else { "" };
        let mut values = vec![
            p.name,
            p.role,
            p.agency,
            family,
            p.email.unwrap_or(""),
            p.language.unwrap_or(""),
            p.address.unwrap_or(""),
            if p.withhold { "[x]" } else { "" },
        ];
        while values.last() == Some(&"") {
            values.pop();
        }
        h.fields(&values);
        h.press("f2");
    }
    h.press("f8");
    // 4 Outcomes: the child by number, then the conference's words.
    for (child, text) in OUTCOMES {
        h.press("+");
        h.type_text(&child.to_string());
        h.type_text(text);
        h.press("enter");
    }
    h.press("f8");
    // 5 Actions: what, the outcome by number, the owner found by a few letters, the date.
    for (what, outcome, owner, due, _) in ACTIONS {
        h.press("+");
        h.type_text(what);
        h.press("tab");
        h.type_text(&outcome.to_string());
        h.type_text(owner);
        h.press("tab");
        h.type_text(due);
        h.press("enter");
    }
    h.press("f8");
    // 6 Key dates.
    h.fields(&["28/9/2026", "12/10/2026", "11/1/2027"]);
    h.press("f8");
    // 7 Contingency plan.
    h.type_text(CONTINGENCY);
}

fn expected_plan() -> Plan {
    let child = |id: &str, name: &str, born, categories| Child {
        id: id.into(),
        name: name.into(),
        date_of_birth: Some(born),
        expected_date_of_birth: None,
        categories,
        plan_started: d(2026, 10, 12),
    };
    Plan {
        format: Default::default(),
        case: CaseInfo {
            reference: "EB-2026-0412".into(),
            local_authority: "Eastbrook Council".into(),
            division: Division::EnglandAndWales,
            agenda: "core-group".into(),
            lead_worker: Some("m1".into()),
            family_address: Some("14 Alder Row, Eastbrook".into()),
            withhold_family_address: false,
        },
        children: vec![
            child(
                "c1",
                "Kayla Brennan",
                d(2019, 4, 3),
                vec![Category::Emotional, Category::Neglect],
            ),
            child(
                "c2",
                "Alfie Brennan",
                d(2024, 9, 20),
                vec![Category::Neglect],
            ),
        ],
        members: PEOPLE
            .iter()
            .enumerate()
            .map(|(i, p)| Member {
                privacy: Default::default(),
                id: format!("m{}", i + 1),
                name: p.name.into(),
                role: p.role.into(),
                agency: p.agency.into(),
                family: p.family,
                email: p.email.map(String::from),
                phone: None,
                title: None,
                preferred_name: None,
                language: p.language.map(String::from),
                address: p.address.map(String::from),
                withhold_address: p.withhold,
                joined: None,
                left: None,
            })
            .collect(),
        outcomes: OUTCOMES
            .iter()
            .enumerate()
            .map(|(i, (child, text))| Outcome {
                id: format!("o{}", i + 1),
                child: format!("c{child}"),
                text: (*text).into(),
                origin: Origin::Conference,
                also_for: Vec::new(),
                added: None,
            })
            .collect(),
        actions: ACTIONS
            .iter()
            .zip(["m1", "m7", "m5", "m4", "m7", "m8"])
            .enumerate()
            .map(|(i, ((what, outcome, _, _, (y, m, day)), owner))| Action {
                privacy: Default::default(),
                id: format!("a{}", i + 1),
                outcome: format!("o{outcome}"),
                owner: Some(owner.into()),
                what: (*what).into(),
                due: Some(d(*y, *m, *day)),
                status: ActionStatus::NotStarted,
                history: vec![],
            })
            .collect(),
        key_dates: KeyDates {
            strategy_discussion: Some(d(2026, 9, 28)),
            initial_conference: Some(d(2026, 10, 12)),
            next_review_conference: Some(d(2027, 1, 11)),
            ..KeyDates::default()
        },
        contingency_plan: CONTINGENCY.into(),
        child_seen_every: None,
        why: crate::domain::plan::WhyOnPlan {
            concerns: WHY.into(),
            ..Default::default()
        },
        disagreements: Vec::new(),
    }
}

#[test]
fn a_visit_before_the_first_meeting_is_set_up_and_reaches_status() {
    use crate::domain::calendar::Calendar;
    use crate::domain::case_log::CaseLog;
    use crate::domain::plan::WhyNot;
    use crate::domain::status::case_status;
    let mut h = Harness::new();
    type_real_case(&mut h);
    // 6 Key dates again: the last visit, by the lead worker; Kayla seen alone (left), Alfie
    // too young to be seen alone (right).
    h.press("alt-6");
    h.fields(&["", "", "", "24/11/2026"]);
    h.press("tab tab left tab right f8 f2");
    assert_eq!(h.written.len(), 1, "saved once: {:?}", h.model.status);
    let plan = &h.written[0];
    let [v] = plan.key_dates.visits.as_slice() else {
        panic!("{:?}", plan.key_dates.visits);
    };
    assert_eq!(v.date, d(2026, 11, 24));
    assert_eq!(
        v.each,
        [
            ChildSeen::seen("c1", true),
            ChildSeen {
                why_not: Some(WhyNot::TooYoung),
                ..ChildSeen::seen("c2", false)
            }
        ]
    );
    let cal = Calendar::new(Division::EnglandAndWales);
    let policy = crate::domain::agenda::Policy::default();
    let s = case_status(plan, &CaseLog::default(), &policy, &cal, today());
    let t = |key: &str| s.timescales.iter().find(|t| t.key == key).unwrap().clone();
    assert_eq!(
        t("next-visit").due,
        Some(d(2026, 12, 22)),
        "{:?}",
        t("next-visit")
    );
    assert!(
        t("next-visit")
            .detail
            .contains("the last visit (Tue 24 Nov 2026)")
    );
    let alone = t("next-visit-alone");
    assert_eq!(alone.due, Some(d(2027, 1, 5)), "{alone:?}");
    assert!(
        alone.detail.contains("Alfie Brennan not expected"),
        "{alone:?}"
    );
}

#[test]
fn a_real_case_typed_in_is_written_as_typed_and_passes_check() {
    let mut h = Harness::new();
    type_real_case(&mut h);
    h.press("f2");
    assert_eq!(h.written.len(), 1, "saved once: {:?}", h.model.status);
    let plan = &h.written[0];
    assert_eq!(*plan, expected_plan());
    let errors: Vec<_> = validate(plan)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(h.quit, "the screen ends once the plan is written");

    // Written through the store, it reads back the same and `check` has nothing to say.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let case = dir.path().join("case");
    crate::cases::new_case::create_case_with(&case, plan).expect("written");
    let read = crate::store::CaseFolder::open(&case)
        .and_then(|c| c.load_plan())
        .expect("loads");
    assert_eq!(read, *plan);
    assert!(validate(&read).is_empty(), "{:?}", validate(&read));

    // Keystroke budget: every key event through `update`. The characters of the case are
    // what the user must type anyway; everything else (moving, choosing, saving) is counted
    // apart and must stay small.
    let typed = h.keys - h.moves;
    println!(
        "keys: {} in all, {typed} characters, {} others",
        h.keys, h.moves
    );
    assert!(h.moves <= 140, "{} keys that are not typing", h.moves);
    assert!(h.keys <= 2_000, "{} keys in all", h.keys);
}

#[test]
fn leaving_without_saving_asks_first_and_writes_nothing() {
    let mut h = Harness::new();
    h.type_text("EB-1");
    h.press("ctrl-x");
    assert!(!h.quit, "asks before losing what was typed");
    assert!(h.model.confirm.is_some());
    h.press("n");
    assert!(!h.quit && h.model.confirm.is_none());
    h.press("ctrl-x y");
    assert!(h.quit);
    assert!(h.written.is_empty(), "nothing is written");

    // With nothing typed there is nothing to lose: it leaves at once.
    let mut h = Harness::new();
    h.press("f8 f8 ctrl-x");
    assert!(h.quit);
    assert!(h.written.is_empty());
}

#[test]
fn saving_a_case_check_would_refuse_shows_each_problem_by_its_field() {
    let mut h = Harness::new();
    h.press("f2");
    assert!(h.written.is_empty(), "not written with errors");
    assert_eq!(h.model.section, SetupSection::Save);
    assert!(
        h.model
            .status
            .as_deref()
            .is_some_and(|s| s.contains("to fix")),
        "{:?}",
        h.model.status
    );
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("The case: the case has no reference"),
        "{screen}"
    );
    // In its own section the problem is under the field it concerns.
    h.press("alt-1");
    assert_eq!(
        h.model
            .form
            .get("reference")
            .and_then(|f| f.hint.as_deref()),
        Some("! the case has no reference")
    );
    h.type_text("EB-1");
    assert_eq!(
        h.model
            .form
            .get("reference")
            .and_then(|f| f.hint.as_deref()),
        None,
        "fixed as it is typed"
    );
}

#[test]
fn a_child_without_categories_is_marked_on_its_row_and_field() {
    let mut h = Harness::new();
    h.press("f8 +");
    h.fields(&["Sam Lowe", "1/2/2020", "", "", "", "", "", "12/10/2026"]);
    h.press("enter f7 f8");
    let screen = h.screen(80, 24);
    assert!(screen.contains("! Sam Lowe"), "{screen}");
    assert!(
        screen.contains("Sam Lowe has no category of abuse"),
        "{screen}"
    );
    // Opened again, the row says it by the tick boxes of the categories.
    h.press("enter");
    let hint = |h: &Harness| {
        h.model
            .row
            .as_ref()
            .and_then(|r| r.form.get("physical"))
            .and_then(|f| f.hint.clone())
    };
    assert_eq!(
        hint(&h).as_deref(),
        Some("! Sam Lowe has no category of abuse")
    );
    h.press("tab tab tab tab tab tab space");
    assert!(hint(&h).is_some(), "said until the row is saved");
    h.press("f2");
    assert_eq!(h.model.plan.children[0].categories, [Category::Neglect]);
    assert!(!h.screen(80, 24).contains("! Sam Lowe"));
}

#[test]
fn two_email_addresses_in_one_are_marked_on_the_member_and_refused_on_saving() {
    let mut h = Harness::new();
    h.press("f8 f8 +");
    h.fields(&[
        "Dr Imran Ahmed",
        "GP",
        "Alder Surgery",
        "",
        "gp@x, someone@y",
    ]);
    h.press("f2 f7 f8");
    assert_eq!(
        h.model.plan.members[0].email.as_deref(),
        Some("gp@x, someone@y"),
        "kept as typed, to be put right"
    );
    let screen = h.screen(80, 24);
    assert!(screen.contains("! Dr Imran"), "{screen}");
    assert!(
        screen.contains("`gp@x, someone@y` is more than one email address"),
        "{screen}"
    );
    h.press("enter");
    let hint = h
        .model
        .row
        .as_ref()
        .and_then(|r| r.form.get("email"))
        .and_then(|f| f.hint.clone())
        .unwrap_or_default();
    assert!(hint.contains("more than one email address"), "{hint}");
    h.press("esc f2");
    assert!(
        h.written.is_empty(),
        "not written with an address that is two"
    );
}

#[test]
fn a_date_that_cannot_be_read_is_said_and_the_row_is_not_saved() {
    let mut h = Harness::new();
    h.press("f8 +");
    h.fields(&["Sam Lowe", "31/2/2020"]);
    let hint = h
        .model
        .row
        .as_ref()
        .and_then(|r| r.form.get("date_of_birth"))
        .and_then(|f| f.hint.clone());
    assert!(hint.is_some_and(|t| t.starts_with("hint: ")));
    assert!(
        h.screen(80, 24).contains("✗"),
        "what is wrong is beside the date"
    );
    h.press("f2");
    let row = h.model.row.as_ref().expect("still open");
    assert!(
        row.error
            .as_deref()
            .is_some_and(|e| e.contains("Date of birth"))
    );
    assert!(h.model.plan.children.is_empty());
}

#[test]
fn a_member_is_removed_after_a_yes_and_no_longer_leads() {
    let mut h = Harness::new();
    h.press("f8 f8 +");
    h.fields(&["Tom Ridley", "social worker"]);
    h.press("f2");
    assert_eq!(h.model.plan.case.lead_worker.as_deref(), Some("m1"));
    h.press("-");
    assert!(h.model.confirm.is_some());
    h.press("y");
    assert!(h.model.plan.members.is_empty());
    assert_eq!(h.model.plan.case.lead_worker, None);
}

#[test]
fn with_one_child_an_outcome_is_typed_straight_away() {
    let mut h = Harness::new();
    h.press("alt-2 +");
    h.fields(&["Mia Novak", "3/4/2019", "", "", "[x]", "", "", "20/11/2026"]);
    h.press("f2 alt-4 +");
    h.type_text("Mia feels safe at home");
    h.press("f2");
    let texts: Vec<&str> = h
        .model
        .plan
        .outcomes
        .iter()
        .map(|o| o.text.as_str())
        .collect();
    assert_eq!(texts, ["Mia feels safe at home"]);
    assert_eq!(h.model.plan.outcomes[0].child, h.model.plan.children[0].id);
}

#[test]
fn the_initial_conference_is_offered_as_the_day_the_plan_started() {
    let mut h = Harness::new();
    h.press("alt-2 +");
    h.fields(&["Mia Novak", "3/4/2019", "", "", "[x]", "", "", "20/11/2026"]);
    h.press("f2 alt-6");
    assert!(
        h.screen(80, 24).contains("20/11/2026"),
        "{}",
        h.screen(80, 24)
    );
    h.press("f8");
    assert_eq!(
        h.model.plan.key_dates.initial_conference,
        Some(d(2026, 11, 20))
    );
}

#[test]
fn an_action_before_any_outcome_says_where_to_go() {
    let mut h = Harness::new();
    h.press("alt-5 +");
    assert!(h.model.row.is_none());
    assert!(
        h.model
            .status
            .as_deref()
            .is_some_and(|s| s.contains("outcomes first"))
    );
}

fn snap(name: &str, h: &Harness) {
    for (w, hh) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("setup_{name}_{w}x{hh}"), h.screen(w, hh));
    }
}

#[test]
fn every_section_at_both_sizes() {
    let mut h = Harness::new();
    snap("empty_case", &h);
    type_real_case(&mut h);
    for s in SetupSection::ALL {
        h.send(SetupMessage::GoToSection(s.index() + 1));
        let name = s.title().to_lowercase().replace(' ', "_");
        snap(&format!("{}_{name}", s.index() + 1), &h);
    }
    h.press("alt-3 pageup down down enter");
    snap("member_row", &h);
    h.press("esc alt-5 +");
    h.type_text("Ring the school");
    h.press("tab");
    h.type_text("3");
    h.type_text("pol");
    snap("action_row_picking_an_owner", &h);
    h.press("esc esc y f1");
    snap("help", &h);
}

#[test]
fn the_last_line_of_the_help_is_reached_at_80x24() {
    let mut h = Harness::new();
    h.press("f1");
    for _ in 0..10 {
        h.press("pagedown");
    }
    let end = h.screen(80, 24);
    assert!(
        crate::tui::widgets::help::tests::shows_the_end(&end),
        "{end}"
    );
    // The last key of the last section, below the paragraph that wraps.
    assert!(end.contains("previous field"), "{end}");
}

#[test]
fn a_key_date_that_cannot_be_read_keeps_the_section_open_and_is_never_dropped() {
    let mut h = Harness::new();
    h.press("alt-6");
    h.type_text("xx");
    h.press("f8");
    assert_eq!(
        h.model.section,
        SetupSection::KeyDates,
        "not left with a date unread"
    );
    assert!(
        h.model
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("Strategy discussion:")),
        "{:?}",
        h.model.status
    );
    h.press("f2");
    assert!(h.written.is_empty());
    assert_eq!(
        h.model.form.text("strategy_discussion"),
        "xx",
        "kept to correct"
    );
    h.press("backspace backspace");
    h.type_text("28/9/2026");
    h.press("f8");
    assert_eq!(h.model.section, SetupSection::Contingency);
    assert_eq!(
        h.model.plan.key_dates.strategy_discussion,
        Some(d(2026, 9, 28))
    );
}

mod any_keys {
    use proptest::prelude::*;

    use super::*;

    const KEYS: [&str; 24] = [
        "tab",
        "backtab",
        "enter",
        "f2",
        "f8",
        "f7",
        "+",
        "-",
        "y",
        "n",
        "esc",
        "space",
        "up",
        "down",
        "left",
        "a",
        "1",
        "2",
        "/",
        "ctrl-x",
        "alt-3",
        "alt-5",
        "f1",
        "backspace",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever is pressed, on an empty or a full case, the screen never panics and never writes
        /// a plan `check` refuses.
        #[test]
        fn any_keys_never_panic_nor_write_a_plan_check_refuses(
            start_full in any::<bool>(),
            keys in proptest::collection::vec(0..KEYS.len(), 0..300)
        ) {
            let mut h = Harness::new();
            if start_full {
                type_real_case(&mut h);
            }
            for k in keys {
                if h.quit {
                    break;
                }
                h.press(KEYS[k]);
                let _ = h.screen(80, 24);
            }
            // Rows removed or changed on the way: saving now writes only a sound plan.
            if !h.quit {
                h.press("esc esc n f2");
            }
            for plan in &h.written {
                let errors: Vec<_> = validate(plan)
                    .into_iter()
                    .filter(|p| p.severity == Severity::Error)
                    .collect();
                prop_assert!(errors.is_empty(), "{errors:?}");
            }
        }
    }
}

/// A draft as the store keeps it: through YAML and back.
fn through_the_file(draft: &super::SetupDraft) -> super::SetupDraft {
    let text = crate::store::yaml::to_string(draft).expect("serialises");
    crate::store::yaml::parse_bytes(text.as_bytes(), std::path::Path::new("setup-draft.yaml"))
        .expect("reads back")
}

#[test]
fn the_set_up_is_kept_on_the_tick_and_after_each_row_and_resumes_where_it_was_left() {
    let mut h = Harness::new();
    h.fields(&["EB-2026-0412", "Eastbrook Council"]);
    // Typing alone keeps nothing until the tick: no write per key.
    assert!(h.kept.is_empty());
    h.send(SetupMessage::Tick);
    assert_eq!(h.kept.len(), 1);
    assert_eq!(h.kept[0].plan.case.reference, "EB-2026-0412");
    // Nothing new since: the next tick writes nothing.
    h.send(SetupMessage::Tick);
    assert_eq!(h.kept.len(), 1);
    h.press("f8 +");
    h.fields(&[
        "Kayla Brennan",
        "3/4/2019",
        "",
        "",
        "[x]",
        "",
        "",
        "12/10/2026",
    ]);
    h.press("f2");
    // A saved row is kept at once, without waiting for the tick.
    assert_eq!(
        h.kept.len(),
        2,
        "{:?}",
        h.model.row.as_ref().map(|r| r.error.clone())
    );
    assert_eq!(h.kept[1].plan.children.len(), 1);
    // Half a member typed, in a row still open.
    h.press("f8 +");
    h.fields(&["Dana Brennan", "Moth"]);
    h.send(SetupMessage::Tick);
    let kept = through_the_file(h.kept.last().expect("kept"));
    assert_eq!(kept, *h.kept.last().expect("kept"));

    // A new run goes on from the draft: the saved child, the section, the open row as typed.
    let mut again = Harness::new();
    again.model.resume(kept);
    assert_eq!(again.model.section, SetupSection::Members);
    assert_eq!(again.model.plan.children[0].name, "Kayla Brennan");
    assert_eq!(again.model.plan.case.reference, "EB-2026-0412");
    let row = again.model.row.as_ref().expect("the row is open again");
    assert_eq!(row.form.text("name"), "Dana Brennan");
    assert_eq!(row.form.text("role"), "Moth");
    assert!(
        again
            .screen(80, 24)
            .contains("Went on with the set-up left unsaved"),
        "{}",
        again.screen(80, 24)
    );
    for (w, hh) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("setup_resumed_{w}x{hh}"), again.screen(w, hh));
    }
    // Typing goes on where it stopped; the row saves as if never interrupted.
    again.type_text("er");
    again.press("f2");
    assert_eq!(again.model.plan.members[0].role, "Mother");
    assert_eq!(again.discarded, 0);
}

#[test]
fn saving_the_case_or_discarding_it_on_leaving_removes_the_draft() {
    let mut h = Harness::new();
    type_real_case(&mut h);
    h.press("f2");
    assert_eq!(h.written.len(), 1);
    assert_eq!(h.discarded, 1, "saving removes the draft");

    let mut h = Harness::new();
    h.type_text("EB-1");
    h.press("ctrl-x n");
    assert_eq!(h.discarded, 0, "kept when the user stays");
    h.send(SetupMessage::Tick);
    assert_eq!(h.kept.len(), 1);
    h.press("ctrl-x ctrl-x y");
    assert!(h.quit);
    assert_eq!(h.discarded, 1, "discarded when the user says so");
}

#[test]
fn leaving_set_up_keeps_the_draft_with_everything_typed_up_to_the_last_key() {
    let mut h = Harness::new();
    h.type_text("EB-1");
    h.send(SetupMessage::Tick);
    let kept = h.kept.len();
    // Typed after the last tick: kept by leaving, not lost with it.
    h.type_text("7");
    h.press("ctrl-x");
    let asked = h.model.confirm.as_ref().expect("a question");
    assert!(
        asked.question.contains("keep the draft"),
        "{}",
        asked.question
    );
    h.press("y");
    assert!(h.quit);
    assert_eq!(h.discarded, 0, "leaving keeps the draft");
    assert_eq!(h.kept.len(), kept + 1);
    let last = h.kept.last().expect("a kept draft");
    assert!(format!("{last:?}").contains("EB-17"), "{last:?}");
}

#[test]
fn esc_on_a_row_with_typed_text_asks_before_losing_it() {
    let mut h = Harness::new();
    h.press("alt-2 +");
    h.type_text("Kayla");
    h.press("esc");
    assert!(h.model.row.is_some(), "the row closed without asking");
    h.press("n");
    assert_eq!(
        h.model.row.as_ref().map(|r| r.form.text("name")),
        Some("Kayla".to_string())
    );
    h.press("esc y");
    assert!(h.model.row.is_none());
}

#[test]
fn a_long_outcome_grows_to_show_all_that_is_typed() {
    let mut h = Harness::new();
    h.press("alt-2 +");
    h.fields(&["Mia Novak", "3/4/2019", "", "", "[x]", "", "", "20/11/2026"]);
    h.press("f2 alt-4 +");
    h.type_text(
        "Mia feels safe at home and tells her teacher or her nan when something at home \
         worries her, and they act on it the same day",
    );
    snap("outcome_typed_long", &h);
    for (w, hh) in [(80, 24), (160, 48)] {
        let screen = h.screen(w, hh);
        assert!(screen.contains("Mia feels safe"), "{screen}");
        assert!(screen.contains("the same day"), "{screen}");
    }
}

#[test]
fn the_members_list_shows_the_email_and_marks_what_it_cuts() {
    let mut h = Harness::new();
    h.press("alt-3 +");
    h.fields(&[
        "Priya Natarajan",
        "Designated safeguarding lead and deputy head teacher",
        "Millbrook Primary School and Nursery Federation",
        "",
        "p.natarajan@millbrook.example.org",
    ]);
    h.press("f2");
    snap("members_cut", &h);
    for (w, hh) in [(80, 24), (160, 48)] {
        let screen = h.screen(w, hh);
        let row = screen
            .lines()
            .find(|l| l.contains("Priya"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(row.contains("p.nata"), "the email is shown: {screen}");
        // What does not fit ends in "…"; nothing is cut off without a sign.
        assert!(row.contains('…'), "{screen}");
    }
}

#[test]
fn an_outcome_can_be_shared_by_both_children() {
    let mut h = Harness::new();
    h.press("alt-2 +");
    h.fields(&["Mia Novak", "3/4/2019", "", "", "[x]", "", "", "20/11/2026"]);
    h.press("f2 +");
    h.fields(&["Leo Novak", "9/1/2022", "", "", "[x]", "", "", ""]);
    h.press("f2 alt-4 +");
    // The third choice, after each child: both of them.
    h.type_text("3");
    h.type_text("Mia and Leo are cared for by a sober adult at all times");
    h.press("f2");
    let o = h.model.plan.outcomes.first().expect("the outcome");
    let ids: Vec<&str> = o.children().map(String::as_str).collect();
    let children: Vec<&str> = h
        .model
        .plan
        .children
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, children, "for both");
    assert_eq!(h.model.plan.outcome_for(o), "Mia Novak and Leo Novak");
    let screen = h.screen(160, 48);
    assert!(screen.contains("Mia Novak and Leo Novak"), "{screen}");
    // What the plan says of it, as the family reads it.
    let plan = h.model.plan.clone();
    let meeting =
        crate::domain::meeting::Meeting::new("m".into(), "core-group".into(), today(), &plan);
    let docs = crate::export::render_all(
        crate::export::Case::at_close(&meeting, &plan),
        &crate::agenda::AgendaSnapshot::of(&crate::agenda::shipped("core-group").expect("agenda")),
        &crate::domain::calendar::Calendar::new(plan.case.division),
    );
    let plan_doc = docs
        .iter()
        .find(|d| d.name.ends_with("plan.md"))
        .expect("the plan");
    assert!(
        plan_doc.text.contains("Mia Novak and Leo Novak"),
        "{}",
        plan_doc.text
    );
}

#[test]
fn a_row_not_saved_names_the_field_to_fix_in_the_words_it_had() {
    use super::model::{List, RowEdit};
    use crate::tui::widgets::forms::FormError;
    let mut h = Harness::new();
    let row = RowEdit {
        list: List::Members,
        index: None,
        form: h.model.row_form(List::Members, None),
        error: None,
    };
    let e = h.model.apply_row(&row).unwrap_err();
    assert_eq!(e, FormError::needs("name", "give the member's name"));
    assert_eq!(e.field(), Some("name"));
    assert_eq!(e.to_string(), "give the member's name");
}
