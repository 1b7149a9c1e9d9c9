//! Every shipped agenda run as a whole meeting on the example case, typed through the keymap and
//! `update`, closed, and rendered; then each policy difference between the procedures, checked
//! where the chair meets it: on the screen, in the close checklist, or in the documents.

use chrono::NaiveDate;

use super::{Harness, today};
use crate::agenda::AgendaSnapshot;
use crate::domain::agenda::{Agenda, StepKind};
use crate::domain::calendar::Calendar;
use crate::domain::close::close;
use crate::domain::example;
use crate::domain::meeting::Presence;
use crate::export::{self, FAMILY_MD, MINUTES_MD, PLAN_MD, Rendered};
use crate::store::agenda_files::Catalog;

/// A built-in agenda through the catalog. Without a config folder, so an agenda of the same name
/// in the tester's own config folder cannot change what is tested.
fn shipped(name: &str) -> Agenda {
    Catalog::new(None)
        .load(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Put the choice `field` on person `id` (members, then guests, after "not chosen").
fn choose_person(h: &mut Harness, field: &'static str, id: &str) {
    let people = h.model.ctx().people();
    let target = people
        .iter()
        .position(|(p, _)| p == id)
        .unwrap_or_else(|| panic!("{id} can be chosen"))
        + 1;
    h.focus_on(field);
    let n = people.len() + 1;
    let now = h.model.form.choice(field);
    for _ in 0..(target + n - now) % n {
        h.press("right");
    }
}

/// Empty the focused text field.
fn clear(h: &mut Harness) {
    h.press("end");
    for _ in 0..30 {
        h.press("backspace");
    }
}

/// The role a guest chair must hold under the policy: its first alternative.
fn chair_role(a: &Agenda) -> Option<String> {
    a.policy
        .chair_role
        .as_deref()
        .and_then(|r| r.split(" or ").next())
        .map(|r| r.trim().to_string())
}

/// Record something in the current step, as a minute-taker would.
fn record_step(h: &mut Harness) {
    let Some(kind) = h.model.current_kind() else {
        return;
    };
    match kind {
        StepKind::Introductions => {
            h.focus_on("venue");
            h.type_text("Millbrook Family Centre, Room 2");
            choose_person(h, "minute_taker", "sw");
            // The school's safeguarding lead: not the social worker, so any procedure allows it;
            // where a role is required the chair is added as a guest at attendance.
            choose_person(h, "chair", "school");
        }
        StepKind::Attendance => {
            let family_may_attend = h.model.agenda.policy.family_may_attend;
            h.focus_on("people");
            let members: Vec<bool> = h
                .model
                .draft
                .meeting
                .attendance
                .iter()
                .map(|a| {
                    h.model
                        .draft
                        .plan
                        .member(&a.member)
                        .is_some_and(|m| m.family)
                })
                .collect();
            for family in members {
                h.press(if family && !family_may_attend {
                    "d"
                } else {
                    "p"
                });
            }
            if let Some(role) = chair_role(&h.model.agenda) {
                h.press("+");
                h.type_text("Rhian Example");
                h.press("tab right right right tab");
                h.type_text(&role);
                h.press("tab");
                h.type_text("Children's Services");
                h.press("f2");
                assert!(h.model.overlay.is_none(), "the guest is added");
                let guest = h.model.draft.meeting.guests[0].id.clone();
                h.goto(StepKind::Introductions);
                choose_person(h, "chair", &guest);
                h.goto(StepKind::Attendance);
            }
        }
        StepKind::PreviousRecord => {
            h.focus_on("accuracy");
            h.press("right");
            for _ in 0..h.model.draft.start.open_actions.len() {
                h.focus_on("status");
                h.press("right right");
                h.focus_on("actions");
                h.press("down");
            }
        }
        StepKind::AgencyProgress => {
            h.focus_on("update");
            h.type_text("Both children seen at home this week; the flat was warm.");
            h.focus_on("tag");
            h.press("right");
        }
        StepKind::ChildViews => {
            h.focus_on("wishes");
            h.type_text("Kayla says home is calmer.");
            // Each child's own views.
            h.focus_on("children");
            h.press("down");
            h.focus_on("wishes");
            h.type_text("Alfie was settled and played happily.");
        }
        StepKind::FamilyViews => {
            h.focus_on("views");
            h.type_text("Ms Brennan wants the plan to continue.");
        }
        StepKind::Circumstances => {
            h.press("+");
            h.press("right right tab");
            h.type_text("Mr Walsh's brother visits most weekends.");
            h.press("f2");
        }
        StepKind::PlanRevisions => {
            h.focus_on("actions");
            h.press("+");
            h.type_text("Book Kayla's dental check-up.");
            h.press("tab right tab tab");
            h.type_text("11/12/2026");
            h.press("f2");
        }
        StepKind::Disagreements => {
            h.press("+");
            h.type_text("Shauna Brennan");
            h.press("tab");
            h.type_text("Contact with Mr Walsh");
            h.press("f2");
        }
        StepKind::Escalation => {
            h.focus_on("forward");
            h.press("space");
            h.focus_on("reason");
            h.type_text("A new incident at school.");
            if !h.model.agenda.decisions.is_empty() {
                h.focus_on("decisions");
                h.press("space");
            }
        }
        StepKind::NextMeeting => {
            // Three weeks on: within every shipped interval.
            h.focus_on("date");
            h.type_text("15/12/2026");
            h.focus_on("time");
            clear(h);
            h.type_text("10:00");
            h.focus_on("venue");
            h.type_text("Millbrook Family Centre");
            h.press("tab");
        }
        StepKind::Notes => {
            let key = h.model.ctx().step_key();
            h.press("+");
            h.type_text(&format!("Noted under {key}."));
            h.press("f2");
        }
        StepKind::Checklist => {
            let items = h.model.ctx().step_def().map_or(0, |s| s.items.len());
            h.focus_on("items");
            for _ in 0..items {
                h.press("space down");
            }
        }
        StepKind::Close => {}
    }
    assert!(
        h.model.overlay.is_none(),
        "{kind:?}: {:?}",
        h.model.overlay.as_ref().and_then(|o| o.error.clone())
    );
}

/// A whole meeting under `agenda`, every step in order, closed with nothing missing.
fn run_meeting(agenda: Agenda) -> Harness {
    let mut h = Harness::with_agenda(agenda);
    if h.model.agenda.policy.first_meeting {
        // The first core group is held on a case fresh from its conference.
        let plan = &mut h.model.draft.plan;
        plan.key_dates.core_groups.clear();
        plan.key_dates.initial_conference = Some(date(2026, 11, 17));
    }
    let n = h.model.agenda.steps.len();
    for i in 0..n {
        while h.model.draft.step < i {
            h.press("f8");
        }
        assert_eq!(h.model.draft.step, i);
        record_step(&mut h);
    }
    assert_eq!(h.model.current_kind(), Some(StepKind::Close));
    let missing = h.model.missing();
    assert!(missing.is_empty(), "{}: {missing:?}", h.model.agenda.name);
    h.focus_on("close");
    h.press("enter");
    assert!(h.model.confirm.is_none(), "nothing missing, so no question");
    assert!(h.persist.closed.is_some(), "{} closed", h.model.agenda.name);
    h
}

/// The documents of the closed meeting, made as closing a real case makes them.
fn documents(h: &Harness) -> Vec<Rendered> {
    let (draft, missing) = h.persist.closed.clone().expect("closed");
    let before = example::plan(today());
    let closed = close(&before, &draft, &h.model.agenda, &missing);
    let cal = Calendar::new(closed.plan.case.division);
    export::render_all(
        crate::export::Case::at_close(&closed.meeting, &closed.plan),
        &AgendaSnapshot::of(&h.model.agenda),
        &cal,
    )
}

fn doc<'a>(docs: &'a [Rendered], name: &str) -> &'a str {
    docs.iter()
        .find(|d| d.name == name)
        .map(|d| d.text.as_str())
        .unwrap_or_else(|| panic!("{name} is written"))
}

/// Markdown escapes some punctuation; compare titles on their letters and spaces.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect()
}

/// Run the agenda's meeting, check every step kind holds what was recorded, and return its
/// documents after checking they carry the agenda's terms and step titles.
fn meeting_and_documents(name: &str) -> (Harness, Vec<Rendered>) {
    let agenda = shipped(name);
    let h = run_meeting(agenda.clone());
    let (draft, missing) = h.persist.closed.clone().expect("closed");
    assert!(missing.is_empty());
    let m = &draft.meeting;
    for step in &agenda.steps {
        let held = match step.kind {
            StepKind::Introductions => m.details.chair.is_some() && !m.details.venue.is_empty(),
            StepKind::Attendance => m.attendance.iter().all(|a| a.presence.is_some()),
            StepKind::PreviousRecord => {
                m.previous_record.accuracy.is_some()
                    && m.action_reviews.len() == h.model.draft.start.open_actions.len()
            }
            StepKind::AgencyProgress => m.contributions.len() == 1,
            StepKind::ChildViews => m.views_missing(&draft.plan).is_empty(),
            StepKind::FamilyViews => !m.family_views.views.is_empty(),
            StepKind::Circumstances => m.circumstances.len() == 1,
            StepKind::PlanRevisions => draft.plan.action("a13").is_some(),
            StepKind::Disagreements => m.disagreements.len() == 1,
            StepKind::Escalation => m.escalation.bring_review_forward,
            StepKind::NextMeeting => m.next_meeting.date == Some(date(2026, 12, 15)),
            StepKind::Notes => m.notes.iter().any(|n| n.step == step.key()),
            StepKind::Checklist => step
                .items
                .iter()
                .all(|i| m.checklist.iter().any(|t| &t.item == i && t.done)),
            StepKind::Close => true,
        };
        assert!(held, "{name}: step {} recorded", step.key());
    }

    let docs = documents(&h);
    let minutes = doc(&docs, MINUTES_MD);
    let family = doc(&docs, FAMILY_MD);
    let plan = doc(&docs, PLAN_MD);
    for text in [minutes, family, plan] {
        assert!(text.contains(&agenda.terms.plan), "{name}: {text}");
    }
    assert!(
        minutes
            .to_lowercase()
            .contains(&agenda.terms.meeting.to_lowercase()),
        "{name}"
    );
    let flat = letters(minutes);
    for step in &agenda.steps {
        // The details and the close checklist have headings of their own.
        if matches!(step.kind, StepKind::Introductions | StepKind::Close) {
            continue;
        }
        assert!(
            flat.contains(&letters(&step.title)),
            "{name}: the minutes have the step {:?}",
            step.title
        );
    }
    (h, docs)
}

const ENGLISH: [&str; 4] = [
    "core-group",
    "core-group-4-weekly",
    "core-group-monthly",
    "first-core-group",
];

const WELSH: [&str; 3] = [
    "wales-core-group",
    "wales-resolution-tier1",
    "wales-resolution-tier2",
];

#[test]
fn every_shipped_agenda_is_tested_here() {
    let mut names: Vec<&str> = ENGLISH.iter().chain(WELSH.iter()).copied().collect();
    names.sort_unstable();
    let mut shipped: Vec<&str> = crate::agenda::BUILTIN.iter().map(|(n, _)| *n).collect();
    shipped.sort_unstable();
    assert_eq!(names, shipped);
}

#[test]
fn english_meetings_run_to_close_with_english_documents() {
    for name in ENGLISH {
        let (_, docs) = meeting_and_documents(name);
        let minutes = doc(&docs, MINUTES_MD);
        assert!(minutes.contains("Child Protection Plan"), "{name}");
        assert!(
            !minutes.contains("Care and Support Protection Plan"),
            "{name}"
        );
        assert!(!minutes.contains("Child Protection Register"), "{name}");
    }
}

#[test]
fn the_monthly_meeting_speaks_of_the_key_worker_and_objectives() {
    let (_, docs) = meeting_and_documents("core-group-monthly");
    let plan = doc(&docs, PLAN_MD);
    assert!(plan.contains("Key worker"), "{plan}");
    assert!(plan.contains("Objectives"), "{plan}");
}

#[test]
fn welsh_meetings_run_to_close_with_welsh_documents() {
    for name in WELSH {
        let (_, docs) = meeting_and_documents(name);
        let minutes = doc(&docs, MINUTES_MD);
        let plan = doc(&docs, PLAN_MD);
        assert!(
            minutes.contains("Care and Support Protection Plan"),
            "{name}"
        );
        assert!(minutes.contains("Child Protection Register"), "{name}");
        assert!(plan.contains("Personal outcomes"), "{name}: {plan}");
        assert!(!minutes.contains("Child Protection Plan"), "{name}");
        assert!(!doc(&docs, FAMILY_MD).contains("Child Protection Plan"));
    }
}

#[test]
fn resolution_meetings_are_chaired_by_their_role_and_named_in_the_documents() {
    for (name, meeting) in [
        ("wales-resolution-tier1", "Tier 1 resolution meeting"),
        ("wales-resolution-tier2", "Tier 2 resolution meeting"),
    ] {
        let (h, docs) = meeting_and_documents(name);
        let (draft, _) = h.persist.closed.clone().expect("closed");
        let chair = draft.meeting.details.chair.expect("a chair");
        let guest = draft
            .meeting
            .guests
            .iter()
            .find(|g| g.id == chair)
            .expect("the chair is the manager added as a guest");
        assert_eq!(Some(guest.role.clone()), chair_role(&h.model.agenda));
        // Nobody of the family was marked present at a meeting held without them.
        let family_present = draft.meeting.attendance.iter().any(|a| {
            a.presence == Some(Presence::Present)
                && draft.plan.member(&a.member).is_some_and(|m| m.family)
        });
        assert!(!family_present, "{name}");
        assert!(doc(&docs, MINUTES_MD).contains(meeting), "{name}");
    }
}

// ---- each policy difference, where the chair meets it ----

/// The next-meeting step's screen for a meeting held on `held` (typed as the chair would), or on
/// the harness's day, Tuesday 24 November 2026.
fn next_meeting_screen(name: &str, held: Option<&str>) -> String {
    let mut h = Harness::with_agenda(shipped(name));
    if let Some(held) = held {
        h.focus_on("date");
        clear(&mut h);
        h.type_text(held);
        h.press("tab");
    }
    h.goto(StepKind::NextMeeting);
    h.screen(160, 48)
}

#[test]
fn the_latest_next_date_follows_each_interval_from_the_meetings_own_date() {
    // Held Tuesday 24 November 2026: 6 weeks (42 days) is Tuesday 5 January 2027; 4 weeks
    // (28 days) is Tuesday 22 December; a calendar month is Thursday 24 December (Christmas
    // Eve is a working day).
    for (name, line) in [
        (
            "core-group",
            "Latest date allowed: Tue 5 Jan 2027 (6 weeks after 24 Nov)",
        ),
        (
            "wales-core-group",
            "Latest date allowed: Tue 5 Jan 2027 (6 weeks after 24 Nov)",
        ),
        (
            "core-group-4-weekly",
            "Latest date allowed: Tue 22 Dec 2026 (4 weeks after 24 Nov)",
        ),
        (
            "core-group-monthly",
            "Latest date allowed: Thu 24 Dec 2026 (1 month after 24 Nov)",
        ),
    ] {
        let screen = next_meeting_screen(name, None);
        assert!(screen.contains(line), "{name}: {screen}");
    }
    // Held a week later, Tuesday 1 December: 6 weeks is Tuesday 12 January 2027; 4 weeks is
    // Tuesday 29 December (the Boxing Day substitute is the Monday before); a month is Friday
    // 1 January 2027, New Year's Day, so in practice Thursday 31 December.
    for (name, line) in [
        (
            "core-group",
            "Latest date allowed: Tue 12 Jan 2027 (6 weeks after 1 Dec)",
        ),
        (
            "core-group-4-weekly",
            "Latest date allowed: Tue 29 Dec 2026 (4 weeks after 1 Dec)",
        ),
        (
            "core-group-monthly",
            // The line goes on to say "Fri 1 Jan itself is not a working day", wrapped.
            "Latest date allowed: Thu 31 Dec 2026 (1 month after 1 Dec); Fri 1 Jan itself",
        ),
    ] {
        let screen = next_meeting_screen(name, Some("1/12/2026"));
        assert!(screen.contains(line), "{name}: {screen}");
    }
}

/// A harness on the next-meeting step with the next date typed, and a reason if given.
fn next_date(name: &str, next: &str, reason: Option<&str>) -> Harness {
    let mut h = Harness::with_agenda(shipped(name));
    h.goto(StepKind::NextMeeting);
    h.focus_on("date");
    h.type_text(next);
    if let Some(reason) = reason {
        h.focus_on("reason");
        h.type_text(reason);
    }
    h.focus_on("venue");
    h
}

fn late_items(h: &Harness) -> Vec<String> {
    h.model
        .missing()
        .into_iter()
        .filter(|m| m.contains("later than"))
        .collect()
}

#[test]
fn the_same_next_date_is_late_under_a_shorter_interval_only() {
    // Tuesday 29 December 2026 is 5 weeks after the meeting: within 6 weeks, beyond 4.
    let h = next_date("core-group", "29/12/2026", None);
    assert_eq!(late_items(&h), Vec::<String>::new());
    assert!(!h.screen(160, 48).contains("Later than allowed"));
    let h = next_date("core-group-4-weekly", "29/12/2026", None);
    let late = late_items(&h);
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(late[0].contains("record the reason"), "{late:?}");
    assert!(
        h.screen(160, 48)
            .contains("Later than allowed: record a reason for the longer gap."),
    );
    let h = next_date("core-group-4-weekly", "29/12/2026", Some("Christmas."));
    assert_eq!(late_items(&h), Vec::<String>::new());
}

#[test]
fn a_longer_gap_needs_a_countersignature_only_under_the_monthly_procedure() {
    // Tuesday 12 January 2027 is 7 weeks on: beyond 6 weeks and beyond a month.
    let reason = Some("The family are away over the school holidays.");
    let h = next_date("core-group", "12/1/2027", reason);
    assert_eq!(late_items(&h), Vec::<String>::new(), "a reason suffices");
    let screen = h.screen(160, 48);
    assert!(!screen.contains("Later than allowed"), "{screen}");
    assert!(!screen.contains("Countersigned by"), "no field for it");

    let mut h = next_date("core-group-monthly", "12/1/2027", reason);
    let late = late_items(&h);
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(
        late[0].contains("must be countersigned by the key worker's manager"),
        "{late:?}"
    );
    let screen = h.screen(160, 48);
    assert!(
        screen.contains(
            "Later than allowed: record the countersignature of the key worker's manager."
        ),
        "{screen}"
    );
    h.focus_on("countersigned");
    h.type_text("Jo Marsh, team manager");
    h.press("tab");
    assert_eq!(late_items(&h), Vec::<String>::new(), "countersigned");
    assert!(!h.screen(160, 48).contains("Later than allowed"));
}

#[test]
fn closing_without_the_countersignature_records_it_as_missing_in_the_minutes() {
    let mut h = next_date(
        "core-group-monthly",
        "12/1/2027",
        Some("The family are away over the school holidays."),
    );
    h.goto(StepKind::Close);
    h.focus_on("close");
    h.press("enter");
    assert!(h.model.confirm.is_some(), "closing with gaps asks first");
    h.press("y");
    let minutes = doc(&documents(&h), MINUTES_MD).to_string();
    let section = minutes
        .split("## Checked at close")
        .nth(1)
        .unwrap_or_else(|| panic!("{minutes}"));
    assert!(
        letters(section).contains("the reason must be countersigned by the key workers manager"),
        "{section}"
    );
    assert!(minutes.contains("The family are away over the school holidays."));
}

#[test]
fn in_wales_the_social_worker_as_chair_is_warned_and_earlier_chairs_are_shown() {
    let mut h = Harness::with_agenda(shipped("wales-core-group"));
    choose_person(&mut h, "chair", "sw");
    let screen = h.screen(160, 48);
    assert!(
        screen.contains("Hannah Mercer is the social worker and should not chair"),
        "{screen}"
    );
    // The example case's one earlier meeting, chaired by Hannah Mercer.
    let held = h.model.draft.plan.key_dates.core_groups[0].date;
    let chaired = format!("Chaired before: {} Hannah Mercer", held.format("%-d %b"));
    assert!(screen.contains(&chaired), "{screen}");
    assert!(
        h.model
            .missing()
            .iter()
            .any(|m| m.contains("should not chair")),
        "the close checklist lists it"
    );
    // A member of another agency may chair.
    choose_person(&mut h, "chair", "school");
    assert!(
        !h.screen(160, 48)
            .contains("is the social worker and should not chair")
    );
    assert!(
        !h.model
            .missing()
            .iter()
            .any(|m| m.contains("should not chair"))
    );
}

#[test]
fn in_england_the_social_worker_may_chair_without_a_warning() {
    for name in ENGLISH {
        let mut h = Harness::with_agenda(shipped(name));
        choose_person(&mut h, "chair", "sw");
        assert_eq!(h.model.draft.meeting.details.chair.as_deref(), Some("sw"));
        let screen = h.screen(160, 48);
        assert!(
            !screen.contains("is the social worker and should not chair"),
            "{name}: {screen}"
        );
        // Chairing does not rotate, so the earlier chairs are not put forward.
        assert!(!screen.contains("Chaired before"), "{name}");
        assert!(!h.model.missing().iter().any(|m| m.contains("chair")));
    }
}

#[test]
fn a_family_member_present_is_warned_only_at_the_resolution_meetings() {
    for (name, warned) in [
        ("wales-resolution-tier1", true),
        ("wales-resolution-tier2", true),
        ("core-group", false),
        ("wales-core-group", false),
    ] {
        let mut h = Harness::with_agenda(shipped(name));
        h.goto(StepKind::Attendance);
        h.focus_on("people");
        // The second row is the children's mother.
        h.press("down p");
        assert_eq!(
            h.model
                .draft
                .meeting
                .attendance_of("mum")
                .and_then(|a| a.presence),
            Some(Presence::Present)
        );
        let screen = h.screen(160, 48);
        let on_screen = screen
            .contains("Shauna Brennan is family, and this meeting is held without the family");
        assert_eq!(on_screen, warned, "{name}: {screen}");
        let listed =
            h.model.missing().iter().any(|m| {
                m == "Shauna Brennan is family, and this meeting is held without the family"
            });
        assert_eq!(listed, warned, "{name}");
        // Marked as not there instead (p moved on to the next row), the warning goes.
        h.press("up d");
        assert!(!h.screen(160, 48).contains("held without the family"));
    }
}

// ---- a local authority's own agenda, written as one YAML file ----

/// The default agenda renamed, with a 3-week interval and a checklist of local checks before the
/// close: what a local authority would write by copying `core-group`.
fn local_agenda_yaml() -> String {
    let text = crate::agenda::builtin("core-group").expect("shipped");
    let replace = |text: String, from: &str, to: &str| {
        assert!(text.contains(from), "core-group has {from:?}");
        text.replacen(from, to, 1)
    };
    let text = replace(
        text.to_string(),
        "name: core-group",
        "name: eastbrook-core-group",
    );
    let text = replace(
        text,
        "title: Core group meeting",
        "title: Eastbrook core group meeting",
    );
    let text = replace(
        text,
        "description: England, meetings at least every 6 weeks",
        "description: Eastbrook, meetings at least every 3 weeks",
    );
    let text = replace(
        text,
        "meeting_interval: 6 weeks",
        "meeting_interval: 3 weeks",
    );
    replace(
        text,
        "  - kind: close\n",
        "  - kind: checklist\n    key: eastbrook-checks\n    title: Eastbrook local checks\n    \
         guidance: The checks Eastbrook adds to every meeting.\n    minutes: 3\n    \
         required: true\n    items:\n      - Contingency plan read out\n      - \
         Interpreter booked for the next meeting\n  - kind: close\n",
    )
}

#[test]
fn a_local_agenda_in_the_config_folder_runs_a_whole_meeting() {
    let config = tempfile::tempdir().expect("temp dir");
    let dir = config.path().join(crate::store::agenda_files::AGENDAS_DIR);
    std::fs::create_dir_all(&dir).expect("agendas folder");
    std::fs::write(dir.join("eastbrook-core-group.yaml"), local_agenda_yaml()).expect("write");
    let catalog = Catalog::new(Some(config.path()));
    let agenda = catalog
        .load("eastbrook-core-group")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        agenda.policy.meeting_interval,
        crate::domain::period::Period::Weeks(3)
    );
    let entry = catalog
        .list()
        .into_iter()
        .find(|e| e.name == "eastbrook-core-group")
        .expect("listed");
    assert!(matches!(
        entry.origin,
        crate::store::agenda_files::AgendaSource::User(_)
    ));

    // Three weeks after Tuesday 24 November 2026 is Tuesday 15 December.
    let mut h = Harness::with_agenda(agenda.clone());
    h.goto(StepKind::NextMeeting);
    let screen = h.screen(160, 48);
    assert!(
        screen.contains("Latest date allowed: Tue 15 Dec 2026 (3 weeks after 24 Nov)"),
        "{screen}"
    );
    // A week later is fine under the default agenda but late under this one.
    let mut h = Harness::with_agenda(agenda.clone());
    h.goto(StepKind::NextMeeting);
    h.focus_on("date");
    h.type_text("22/12/2026");
    h.focus_on("venue");
    assert_eq!(late_items(&h).len(), 1);

    // The local checklist is a step like any other: left unticked, the close checklist says so.
    let mut h = Harness::with_agenda(agenda.clone());
    h.goto(StepKind::Close);
    assert!(
        h.model
            .missing()
            .iter()
            .any(|m| m == "not ticked: Interpreter booked for the next meeting")
    );

    let h = run_meeting(agenda);
    let docs = documents(&h);
    let minutes = doc(&docs, MINUTES_MD);
    assert!(minutes.contains("Eastbrook local checks"), "{minutes}");
    assert!(minutes.contains("Interpreter booked for the next meeting"));
}
