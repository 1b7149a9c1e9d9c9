//! Frames of every step, the help, the capture forms and the close checklist, at 80×24 and
//! 160×48. Time and dates are fixed so the frames never change on their own.

use super::{Harness, agenda};
use crate::domain::agenda::{Agenda, EscalationDecision, Step, StepKind};

/// The default agenda plus the two steps it does not use (notes, a checklist) and a decision,
/// so every kind of step has a frame.
pub fn full_agenda() -> Agenda {
    let mut a = agenda();
    let close = a.steps.pop().expect("close step");
    a.steps.push(Step {
        kind: StepKind::Notes,
        key: None,
        title: "Any other business".into(),
        guidance: "Anything else the group needs to note.".into(),
        minutes: 5,
        required: false,
        prompts: vec![],
        items: vec![],
    });
    a.steps.push(Step {
        kind: StepKind::Checklist,
        key: None,
        title: "Before we finish".into(),
        guidance: "Local checks.".into(),
        minutes: 2,
        required: false,
        prompts: vec![],
        items: vec![
            "Contingency plan read out".into(),
            "Copies in the family's language arranged".into(),
        ],
    });
    a.steps.push(close);
    a.decisions.push(EscalationDecision {
        key: "resolution".into(),
        label: "Start the resolution process".into(),
    });
    a
}

fn snap(name: &str, h: &Harness) {
    for (w, hh) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("{name}_{w}x{hh}"), h.screen(w, hh));
    }
}

#[test]
fn every_step() {
    let mut h = Harness::with_agenda(full_agenda());
    let n = h.model.agenda.steps.len();
    for i in 0..n {
        // 95 seconds into each step, so a few time boxes show as used.
        h.tick(95 * (i as u64 + 1));
        let key = h.model.agenda.steps[i].key().to_string();
        snap(&format!("step_{i:02}_{key}"), &h);
        h.press("f8");
    }
}

#[test]
fn help() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    h.press("?");
    snap("help_attendance", &h);
}

#[test]
fn capture_forms() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    for (name, chord) in [
        ("action", "ctrl-a"),
        ("disagreement", "ctrl-d"),
        ("circumstance", "ctrl-g"),
        ("note", "ctrl-n"),
    ] {
        h.press(chord);
        snap(&format!("capture_{name}"), &h);
        h.press("esc");
    }
}

#[test]
fn close_checklist() {
    let mut h = Harness::new();
    h.goto(StepKind::Close);
    snap("close_checklist", &h);
    h.press("enter");
    snap("close_confirm", &h);
}

#[test]
fn close_family_check() {
    let mut h = Harness::new();
    let recovery = h
        .model
        .draft
        .plan
        .members
        .iter_mut()
        .find(|m| m.id == "recovery")
        .expect("the example has a recovery worker");
    recovery.withhold_address = true;
    // One passage of each kind the check looks for, typed as a minute-taker would.
    h.goto(StepKind::FamilyViews);
    h.type_text(
        "Mum is at 12 larkspur court, post to EB4 2QT, email kim.lane@example.com, \
         phone 07700 900123; Lewis Carter helps.",
    );
    h.goto(StepKind::Escalation);
    h.press("ctrl-n");
    h.type_text("Police say he was seen near the school gates on Friday evening.");
    h.press("f2");
    h.focus_on("reason");
    h.type_text("He was seen near the school gates on Friday evening again.");
    h.goto(StepKind::Close);
    snap("close_family_check", &h);
    let whys: Vec<&str> =
        crate::domain::family_check::concerns(&h.model.draft.meeting, &h.model.draft.plan)
            .iter()
            .map(|c| c.why)
            .collect();
    for why in [
        "withheld address",
        "postcode",
        "email address",
        "phone number",
        "name of a withheld person",
        "also in a confidential item",
    ] {
        assert!(whys.contains(&why), "{why} not flagged: {whys:?}");
    }
    // ctrl-p on the first flagged passage (the family's views) makes it confidential; what
    // remains is the escalation reason.
    h.focus_on("flags");
    h.press("ctrl-p c enter");
    assert!(h.model.draft.meeting.family_views.privacy.confidential);
    snap("close_family_check_marked", &h);
    // The chair closes anyway; the list is recorded with the record.
    h.focus_on("close");
    h.press("enter");
    assert!(h.model.confirm.is_some(), "flagged passages ask first");
    h.press("y");
    let (draft, _) = h.persist.closed.clone().expect("closed");
    let recorded = &draft.meeting.family_check_at_close;
    assert!(
        recorded
            .iter()
            .any(|f| f.contains("also in a confidential item")),
        "{recorded:?}"
    );
}

#[test]
fn enter_on_a_flagged_passage_opens_its_step() {
    let mut h = Harness::new();
    h.goto(StepKind::Escalation);
    h.focus_on("reason");
    h.type_text("Call her on 07700 900123.");
    h.goto(StepKind::Close);
    h.focus_on("flags");
    h.press("enter");
    assert_eq!(h.model.current_kind(), Some(StepKind::Escalation));
    // The passage's own field, not the top of its step.
    assert_eq!(h.focus(), Some("reason"));
}

#[test]
fn enter_on_a_flagged_note_opens_the_note_itself() {
    let mut h = Harness::new();
    h.goto(StepKind::Escalation);
    h.press("ctrl-n");
    // An open note, as a minute-taker types one.
    h.press("ctrl-p c enter");
    h.type_text("Call her on 07700 900123.");
    h.press("f2");
    h.goto(StepKind::Close);
    h.focus_on("flags");
    h.press("enter");
    let o = h
        .model
        .overlay
        .as_ref()
        .expect("the note's form opens over the close");
    assert_eq!(o.form.text("text"), "Call her on 07700 900123.");
    assert_eq!(h.model.current_kind(), Some(StepKind::Close));
}

#[test]
fn pickers_typed_into() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.press("ctrl-a");
    h.type_text("Ring the school");
    h.press("tab");
    h.type_text("eastb");
    snap("picker_owner", &h);
    h.press("tab");
    h.type_text("1");
    h.press("esc y");
    h.goto(StepKind::PreviousRecord);
    h.focus_on("status");
    h.type_text("ach");
    snap("picker_status", &h);
}

#[test]
fn step_list() {
    let mut h = Harness::new();
    h.press("f6");
    snap("step_list", &h);
    h.type_text("vie");
    snap("step_list_typed", &h);
}

#[test]
fn detail_pane() {
    let mut h = Harness::new();
    h.goto(StepKind::PreviousRecord);
    h.focus_on("actions");
    h.press("down");
    snap("detail_previous_record", &h);
    h.goto(StepKind::Disagreements);
    h.press("+");
    h.type_text("Dean Walsh");
    h.press("tab");
    h.type_text("Supervised contact with Kayla at the family centre rather than at his flat");
    h.press("tab");
    h.type_text("He says the centre is too far and the times clash with his work shifts.");
    h.press("f2");
    snap("detail_disagreement", &h);
}

#[test]
fn detail_close_flag() {
    let mut h = Harness::new();
    h.goto(StepKind::Escalation);
    h.focus_on("reason");
    h.type_text(
        "Ms Brennan has moved to 12 Larkspur Ct with the children and asked that the new \
         address is not shared with anyone; ring her on 07700 900123 after six in the evening.",
    );
    h.goto(StepKind::Close);
    h.focus_on("flags");
    snap("detail_close_flag", &h);
}

#[test]
fn scrolled_dialogs() {
    let mut h = Harness::new();
    h.goto(StepKind::Close);
    h.press("pagedown");
    snap("close_checklist_scrolled", &h);
    h.press("enter down down down");
    snap("close_confirm_scrolled", &h);
}

#[test]
fn resume_notice() {
    let mut h = Harness::new();
    h.model.notify(
        "plan.yaml was edited since this meeting began",
        vec![
            "Gemma Lowe is no longer a member of the core group".into(),
            "action a3 was deleted".into(),
            "Left out, as it no longer fits the plan: the attendance of Gemma Lowe (no longer in the plan)".into(),
        ],
    );
    snap("resume_notice", &h);
    // Either answer dismisses it and changes nothing.
    let before = h.model.draft.clone();
    h.press("n");
    assert!(h.model.confirm.is_none());
    assert_eq!(h.model.draft, before);
}

#[test]
fn lists_of_ticks() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("update");
    h.type_text("Visited on the 24th.");
    h.press("ctrl-p 1 2");
    snap("ticks_privacy", &h);
    h.press("enter");
    h.focus_on("speaks_to");
    h.press("enter 1 3");
    snap("ticks_speaks_to", &h);
    h.press("enter");
    snap("ticks_kept", &h);
}

#[test]
fn a_point_moved_to_another_member() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("people");
    h.press("enter");
    h.type_text("Kayla was in school every day this fortnight");
    h.press("tab");
    h.focus_on("said");
    h.press("m");
    h.type_text("ridl");
    snap("progress_moving_a_point", &h);
}
