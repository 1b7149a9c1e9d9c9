//! Disagreements carried between meetings: listed first at the next meeting with their history,
//! marked resolved in a few keys, and said in every later record until they end.

use chrono::NaiveDate;

use super::{Harness, agenda, today};
use crate::domain::agenda::StepKind;
use crate::domain::close::{Closed, close};
use crate::domain::disagreements::{Route, Standing};
use crate::domain::example;
use crate::domain::meeting::{Change, Disagreement, Draft, Meeting};
use crate::domain::plan::Plan;
use crate::domain::privacy::Privacy;
use crate::export::Rendered;

const ABOUT: &str = "How often Kayla sees her father";
const HOW: &str = "Contact moved to Saturdays at the family centre";

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn doc<'a>(docs: &'a [Rendered], name: &str) -> &'a str {
    &docs
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .text
}

/// The example plan after a core group on 10 November that recorded a disagreement and left it
/// open.
fn carried_plan() -> Plan {
    let plan = example::plan(today());
    let meeting = Meeting::new(
        "2026-11-10".into(),
        "core-group".into(),
        day("2026-11-10"),
        &plan,
    );
    let mut draft = Draft::new(meeting, plan.clone());
    draft
        .apply(Change::Disagreement(Disagreement {
            id: "d1".into(),
            who: "Shauna Brennan".into(),
            about: ABOUT.into(),
            reasons: "She feels weekly contact unsettles Kayla.".into(),
            route: Route::Managers,
            resolved: false,
            privacy: Privacy::default(),
        }))
        .expect("a disagreement is recorded");
    close(&plan, &draft, &agenda(), &[]).plan
}

fn second_meeting() -> Harness {
    let mut h = Harness::on_plan(agenda(), carried_plan(), today());
    h.goto(StepKind::Disagreements);
    h
}

/// Mark the carried disagreement resolved on the step: the keys sent, less the text typed.
fn resolve(h: &mut Harness) -> usize {
    let before = h.keys;
    h.press("enter r tab");
    h.type_text(HOW);
    h.press("tab");
    h.type_text("Hannah Mercer");
    h.press("f2");
    h.keys - before - HOW.chars().count() - "Hannah Mercer".chars().count()
}

#[test]
fn an_open_disagreement_is_listed_first_at_the_next_meeting_and_its_minutes_carry_it() {
    let mut h = second_meeting();
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("d1: How often"),
        "listed on the step: {screen}"
    );
    assert!(screen.contains("open · 14d"), "{screen}");
    let missing = crate::tui::meeting::steps::close_missing(&h.model.ctx(), &[]);
    assert!(
        missing.contains(&"disagreements carried forward and not reviewed: d1".to_string()),
        "{missing:?}"
    );
    let (closed, docs) = h.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    assert!(
        minutes.contains("Disagreements carried forward") && minutes.contains(ABOUT),
        "{minutes}"
    );
    assert!(
        !minutes.contains("No disagreements were recorded"),
        "{minutes}"
    );
    let family = doc(&docs, "minutes-family.md");
    assert!(family.contains(ABOUT), "{family}");
    // Still open: carried again to the meeting after.
    let d = &closed.plan.disagreements[0];
    assert_eq!(d.standing(), Standing::Open);
    let third = Harness::on_plan(agenda(), closed.plan.clone(), day("2026-12-08"));
    assert_eq!(third.model.ctx().carried().len(), 1);
}

#[test]
fn a_carried_disagreement_is_marked_resolved_in_five_keys_and_the_next_meeting_says_how() {
    let mut h = second_meeting();
    let keys = resolve(&mut h);
    assert!(keys <= 5, "{keys} keys");
    let missing = crate::tui::meeting::steps::close_missing(&h.model.ctx(), &[]);
    assert!(
        !missing.iter().any(|m| m.contains("not reviewed: d1")),
        "{missing:?}"
    );
    let r = &h.model.draft.meeting.disagreement_reviews[0];
    assert_eq!(
        (r.disagreement.as_str(), r.standing, r.note.as_str()),
        ("d1", Standing::Resolved, HOW)
    );
    // Hannah Mercer is the lead social worker: kept as the member, named in the documents.
    assert_eq!(r.by, "sw");
    let (Closed { plan, .. }, docs) = h.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    assert!(minutes.contains("resolved by Hannah Mercer"), "{minutes}");
    let d = &plan.disagreements[0];
    let ending = d.ending().expect("it ended");
    assert_eq!(
        (ending.standing, ending.date, ending.note.as_str()),
        (Standing::Resolved, today(), HOW)
    );

    // The meeting after says how it ended, once, and the one after that no longer carries it.
    let mut third = Harness::on_plan(agenda(), plan, day("2026-12-08"));
    third.goto(StepKind::Disagreements);
    let screen = third.screen(160, 48);
    assert!(screen.contains("Shauna Brennan     resolved"), "{screen}");
    let (closed, docs) = third.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    assert!(
        minutes.contains("Tue 24 Nov 2026, at the core group: resolved by Hannah Mercer")
            && minutes.contains(HOW),
        "{minutes}"
    );
    let fourth = Harness::on_plan(agenda(), closed.plan, day("2026-12-22"));
    assert!(fourth.model.ctx().carried().is_empty());
}

#[test]
fn a_disagreement_raised_today_never_takes_the_id_of_one_carried() {
    let mut h = second_meeting();
    h.press("+");
    h.type_text("Dean Walsh");
    h.press("tab");
    h.type_text("School transport");
    h.press("f2");
    let ids: Vec<&str> = h
        .model
        .draft
        .meeting
        .disagreements
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["d2"]);
}

#[test]
fn the_step_with_a_carried_disagreement() {
    let mut h = second_meeting();
    for (w, hh) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("carried_disagreement_{w}x{hh}"), h.screen(w, hh));
    }
    h.press("enter r");
    for (w, hh) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("carried_form_{w}x{hh}"), h.screen(w, hh));
    }
    let mut h = second_meeting();
    resolve(&mut h);
    for (w, hh) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("carried_resolved_{w}x{hh}"), h.screen(w, hh));
    }
}
