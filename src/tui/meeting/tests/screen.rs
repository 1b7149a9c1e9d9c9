//! The screen at odd sizes, and hostile text.

use super::Harness;
use crate::domain::agenda::StepKind;

#[test]
fn a_tiny_terminal_says_it_is_too_small_and_never_panics() {
    let h = Harness::new();
    for (w, h_) in [(0, 0), (1, 1), (10, 5), (59, 40), (200, 15), (60, 16)] {
        let screen = h.screen(w, h_);
        if w >= 60 && h_ >= 16 {
            assert!(!screen.contains("too small"), "{w}×{h_}");
        } else if w >= 20 && h_ >= 3 {
            assert!(screen.contains("too small"), "{w}×{h_}: {screen}");
        }
    }
}

#[test]
fn every_step_draws_at_every_size_without_panicking() {
    let mut h = Harness::with_agenda(super::snapshots::full_agenda());
    for _ in 0..h.model.agenda.steps.len() {
        for (w, hh) in [
            (60, 16),
            (61, 17),
            (80, 24),
            (119, 30),
            (120, 30),
            (160, 48),
            (300, 100),
        ] {
            let _ = h.screen(w, hh);
        }
        h.press("f8");
    }
}

#[test]
fn escape_sequences_in_names_and_notes_never_reach_the_terminal() {
    let mut h = Harness::new();
    let evil = "Eve \u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m\u{202e}Mallory";
    h.model.draft.plan.members[1].name = evil.into();
    h.model.draft.plan.case.reference = "EB\u{1b}[31m-1".to_string();
    h.goto(StepKind::Attendance);
    h.press("ctrl-n");
    h.send(crate::tui::meeting::message::MeetingMessage::Paste(
        format!("pasted {evil}\r\nline two"),
    ));
    let with_overlay = h.screen(120, 40);
    h.press("f2");
    let note = &h.model.draft.meeting.notes[0].text;
    assert!(!note.contains('\u{1b}'), "{note:?}");
    assert!(note.contains("␛[2J"));
    assert!(note.contains("line two"));
    h.goto(StepKind::Close);
    for screen in [with_overlay, h.screen(80, 24), h.screen(160, 48)] {
        assert!(!screen.contains('\u{1b}'), "{screen}");
        assert!(!screen.contains('\u{9b}'));
        assert!(!screen.contains('\u{202e}'));
        assert!(!screen.chars().any(|c| c.is_control() && c != '\n'));
    }
    h.goto(StepKind::Attendance);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Eve ␛[2J"), "{screen}");
}

#[test]
fn help_lists_every_key_of_the_current_mode() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    h.press("?");
    assert!(h.model.help.is_some());
    let lines: Vec<String> = crate::tui::meeting::view::help_lines(&h.model);
    for b in h.model.keymap.bindings(crate::tui::keymap::Mode::List) {
        assert!(lines.iter().any(|l| l.contains(&b.desc)), "{}", b.desc);
    }
    h.press("esc");
    assert!(h.model.help.is_none());
}

#[test]
fn the_last_line_of_the_help_is_reached_at_80x24() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    h.press("?");
    assert!(!crate::tui::widgets::help::tests::shows_the_end(
        &h.screen(80, 24)
    ));
    h.press("end");
    let end = h.screen(80, 24);
    assert!(
        crate::tui::widgets::help::tests::shows_the_end(&end),
        "{end}"
    );
    h.press("home");
    assert!(h.screen(80, 24).contains(" 1–"));
}

#[test]
fn the_footer_shows_only_keys_that_work_here() {
    let mut h = Harness::new();
    let footer = |h: &Harness| crate::tui::meeting::view::footer::hints(&h.model);
    assert!(!footer(&h).iter().any(|f| f.desc == "present"));
    h.goto(StepKind::Attendance);
    assert!(
        footer(&h)
            .iter()
            .any(|f| f.key == "p" && f.desc == "present")
    );
    h.press("ctrl-a");
    let f = footer(&h);
    assert!(f.iter().any(|f| f.key == "F2" && f.desc == "save"));
    assert!(!f.iter().any(|f| f.desc == "next step"));
}

#[test]
fn every_line_of_a_long_action_history_can_be_read_at_80x24() {
    use crate::domain::plan::{ActionStatus, ActionUpdate};
    let mut h = Harness::new();
    let id = h.model.draft.start.open_actions[0].clone();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    let notes: Vec<String> = (1..=30)
        .map(|n| format!("review {n:02}: the school rang the family about the mornings"))
        .collect();
    if let Some(a) = h.model.draft.plan.actions.iter_mut().find(|a| a.id == id) {
        for (i, note) in notes.iter().enumerate() {
            a.history.push(ActionUpdate {
                privacy: Default::default(),
                date: start + chrono::Duration::days(7 * i as i64),
                status: ActionStatus::InProgress,
                by: None,
                changed: Vec::new(),
                made: Default::default(),
                note: note.clone(),
            });
        }
    }
    h.goto(StepKind::PreviousRecord);
    h.focus_on("actions");
    let first = h.screen(80, 24);
    assert!(first.contains("lines 1–"), "{first}");
    assert!(
        !first.contains("review 30"),
        "the pane is shorter than the history"
    );
    let mut seen = first.clone();
    let mut before = first;
    for _ in 0..200 {
        h.press("ctrl-down");
        let now = h.screen(80, 24);
        if now == before {
            break;
        }
        seen.push_str(&now);
        before = now;
    }
    for n in 1..=30 {
        assert!(
            seen.contains(&format!("review {n:02}")),
            "review {n:02} never shown"
        );
    }
    assert!(before.contains(" of "), "{before}");
    // Back up to the top, and the position says so.
    for _ in 0..200 {
        h.press("shift-up");
    }
    assert!(h.screen(80, 24).contains("lines 1–"));
    // Another row starts at its top.
    h.press("ctrl-down down");
    assert_eq!(h.model.detail_scroll, 0);
}

#[test]
fn the_progress_step_shows_three_members_at_80x24_with_the_focused_field_in_view() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    for (field, shown) in [
        ("people", "› Members in turn"),
        ("update", "› What they said"),
        ("tag", "› This is"),
        ("speaks_to", "› [ Speaks to"),
    ] {
        h.focus_on(field);
        let screen = h.screen(80, 24);
        assert!(screen.contains("(1–3 of 9)"), "{field}:\n{screen}");
        assert!(screen.contains(shown), "{field}:\n{screen}");
    }
}
