//! Capture at the speed of speech: pickers typed into, dates replaced when typed, the list of
//! steps, and what a save says.

use super::Harness;
use crate::domain::agenda::StepKind;
use crate::tui::widgets::field::FieldKind;

fn date_text(h: &Harness, id: &'static str) -> String {
    h.model
        .overlay
        .as_ref()
        .map_or(&h.model.form, |o| &o.form)
        .text(id)
}

#[test]
fn a_choice_keeps_its_value_while_typing_and_esc_forgets_what_was_typed() {
    let mut h = Harness::new();
    h.goto(StepKind::Introductions);
    h.focus_on("chair");
    h.type_text("fent");
    assert_eq!(h.model.form.choice("chair"), 0, "not taken while typing");
    assert!(
        h.screen(80, 24).contains("DC Mark Fenton"),
        "the match is shown"
    );
    h.press("esc");
    assert_eq!(h.model.form.choice("chair"), 0);
    assert_eq!(h.focus(), Some("chair"));
    h.type_text("fent");
    h.press("enter");
    assert_eq!(
        h.model.draft.meeting.details.chair.as_deref(),
        Some("police")
    );
    assert_eq!(h.focus(), Some("minute_taker"), "taking a match goes on");
}

#[test]
fn a_choice_that_matches_nothing_stays_to_be_corrected() {
    let mut h = Harness::new();
    h.focus_on("chair");
    h.type_text("zzq");
    h.press("tab");
    assert_eq!(h.focus(), Some("chair"));
    assert!(
        h.model
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("nothing matches"))
    );
    h.press("backspace backspace backspace");
    h.type_text("lewis");
    h.press("tab");
    assert_eq!(
        h.model.draft.meeting.details.chair.as_deref(),
        Some("recovery")
    );
}

#[test]
fn typing_into_a_date_replaces_it_and_ctrl_z_or_esc_puts_it_back() {
    let mut h = Harness::new();
    h.goto(StepKind::NextMeeting);
    h.focus_on("date");
    h.type_text("15/12/2026");
    h.press("tab");
    h.focus_on("date");
    assert_eq!(
        date_text(&h, "date"),
        "15/12/2026",
        "shown until typing starts"
    );
    h.type_text("fri");
    assert_eq!(date_text(&h, "date"), "fri");
    h.press("ctrl-z");
    assert_eq!(date_text(&h, "date"), "15/12/2026");
    h.press("tab");
    h.focus_on("date");
    h.type_text("2w");
    h.press("esc");
    assert_eq!(date_text(&h, "date"), "15/12/2026");
    // Arrows first: the value is edited, not replaced.
    h.press("end backspace");
    h.type_text("7");
    assert_eq!(date_text(&h, "date"), "15/12/2027");
}

#[test]
fn esc_in_a_replaced_date_of_a_form_puts_it_back_before_closing_the_form() {
    let mut h = Harness::new();
    h.press("ctrl-a");
    h.focus_on("due");
    h.type_text("fri");
    h.press("tab");
    h.focus_on("due");
    h.type_text("mon");
    h.press("esc");
    assert!(h.model.overlay.is_some());
    assert_eq!(date_text(&h, "due"), "fri");
    h.press("esc y");
    assert!(h.model.overlay.is_none());
}

#[test]
fn the_list_of_steps_finds_by_title_or_number() {
    let mut h = Harness::new();
    h.press("f6");
    assert!(h.model.step_list.is_some());
    h.type_text("disag");
    h.press("enter");
    assert!(h.model.step_list.is_none());
    assert_eq!(h.model.current_kind(), Some(StepKind::Disagreements));
    // By number: 1 could be 10, 11 or 12, so it waits; 12 is the close.
    h.press("f6");
    h.type_text("1");
    assert!(h.model.step_list.is_some());
    h.type_text("2");
    assert!(h.model.step_list.is_none());
    assert_eq!(h.model.current_kind(), Some(StepKind::Close));
    // Esc stays where we are.
    h.press("f6 down down esc");
    assert_eq!(h.model.current_kind(), Some(StepKind::Close));
    h.press("alt-3");
    assert_eq!(h.model.current_kind(), Some(StepKind::PreviousRecord));
    h.press("alt-9");
    assert_eq!(h.model.draft.step, 8);
}

#[test]
fn a_saved_action_says_what_and_where_for_a_moment_without_taking_the_focus() {
    let mut h = Harness::new();
    h.goto(StepKind::ChildViews);
    let focus = h.focus();
    h.tick(10);
    h.press("ctrl-a");
    h.type_text("Book Kayla's dental check-up.");
    h.press("tab");
    h.type_text("hann");
    h.press("tab 2 f2");
    let said = h.model.status.clone().expect("a message");
    assert_eq!(said.text, "action a13 added for o2, Hannah Mercer");
    assert_eq!(h.focus(), focus);
    // Typing on keeps it; a few ticks later it is gone.
    h.type_text("Kayla");
    assert!(h.model.status.is_some());
    h.tick(11);
    assert!(h.model.status.is_some());
    h.tick(14);
    assert!(h.model.status.is_none());
}

#[test]
fn digits_set_a_score_and_one_waits_for_ten() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("score");
    h.type_text("1");
    assert_eq!(h.focus(), Some("score"));
    h.type_text("0");
    assert_eq!(h.focus(), Some("why"));
    h.tick(1);
    let p = &h.model.draft.meeting.outcome_progress[0];
    assert_eq!(p.score, Some(10));
    assert!(matches!(
        h.model.form.get("score").map(|f| &f.kind),
        Some(FieldKind::Choice(c)) if !c.is_filtering()
    ));
}

/// The rows of the detail pane on an 80×24 screen, joined: from its title rule to the status
/// line, without the agenda column.
fn detail_pane(h: &Harness, title: &str) -> String {
    let screen = h.screen(80, 24);
    let rows: Vec<&str> = screen.lines().collect();
    let start = rows
        .iter()
        .position(|r| r.contains(&format!(" {title} ─")))
        .unwrap_or_else(|| panic!("no pane {title}:\n{screen}"));
    rows[start + 1..rows.len() - 2]
        .iter()
        .map(|r| r.split_once('│').map_or(*r, |(_, rest)| rest).trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_open_action_can_be_read_in_full_at_80_by_24() {
    let mut h = Harness::new();
    h.goto(StepKind::PreviousRecord);
    h.focus_on("actions");
    for id in h.model.draft.start.open_actions.clone() {
        let a = h.model.draft.plan.action(&id).expect("action").clone();
        let pane = detail_pane(&h, &format!("Action {id}"));
        assert!(pane.contains(&a.what), "{id}: {pane}");
        let owner = h
            .model
            .draft
            .plan
            .member_name(a.owner.as_deref().unwrap_or(""))
            .to_string();
        assert!(pane.contains(&owner), "{id}: {pane}");
        h.press("down");
    }
}

#[test]
fn long_labels_wrap_instead_of_being_cut() {
    let mut h = Harness::new();
    h.goto(StepKind::Escalation);
    let screen = h.screen(80, 24);
    for word in ["Recommend", "bringing", "review", "conference", "forward"] {
        assert!(screen.contains(word), "{word}:\n{screen}");
    }
    assert!(!screen.contains("Recommend bringing the…"));
    h.press("ctrl-g");
    let screen = h.screen(80, 24);
    assert!(screen.contains("chair"), "{screen}");
    assert!(!screen.contains("Tell the conference cha…"));
}

#[test]
fn the_close_checklist_and_its_question_scroll_to_every_item_and_say_where_they_are() {
    let mut h = Harness::new();
    h.goto(StepKind::Close);
    let missing = h.model.missing();
    // A short screen: not everything fits at once.
    let (w, hh) = (80, 18);
    let first = h.screen(w, hh);
    assert!(first.contains(&format!("of {}", missing.len())), "{first}");
    let mut seen = vec![false; missing.len()];
    for _ in 0..missing.len() {
        let screen = h.screen(w, hh).replace('\n', " ");
        let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, m) in missing.iter().enumerate() {
            let head: String = m.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            seen[i] |= flat.contains(&head);
        }
        h.press("pagedown");
    }
    assert!(seen.iter().all(|s| *s), "{seen:?}");
    h.press("pageup pageup pageup pageup enter");
    assert!(h.model.confirm.is_some());
    let mut seen = vec![false; missing.len()];
    for _ in 0..missing.len() {
        let screen = h.screen(w, hh);
        let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, m) in missing.iter().enumerate() {
            let head: String = m.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            seen[i] |= flat.contains(&head);
        }
        h.press("down");
    }
    assert!(seen.iter().all(|s| *s), "{seen:?}");
    assert!(h.screen(w, hh).contains(&format!("of {}", missing.len())));
}

#[test]
fn help_lists_the_step_keys() {
    let mut h = Harness::new();
    h.press("f1");
    let lines = crate::tui::meeting::view::help_lines(&h.model).join("\n");
    assert!(lines.contains("go to a step (type to find it)"), "{lines}");
    assert!(lines.contains("alt-1 … alt-9"), "{lines}");
    assert!(
        h.screen(80, 24).contains(" of "),
        "the help says where it is"
    );
}

#[test]
fn the_last_page_of_a_list_is_full_so_the_last_row_never_stands_alone() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    for _ in 0..8 {
        h.press("down");
    }
    let screen = h.screen(80, 24);
    assert!(screen.contains("2–9 of 9"), "{screen}");
    assert!(screen.contains("Shauna Brennan"), "{screen}");
    assert!(screen.contains("Lewis Carter"), "{screen}");
}

#[test]
fn every_flagged_passage_can_be_read_in_full_at_80_by_24() {
    let mut h = Harness::new();
    h.goto(StepKind::Escalation);
    h.focus_on("reason");
    h.type_text(
        "Ms Brennan has moved to 12 Larkspur Ct with the children and asked that the new \
         address is not shared with anyone; ring her on 07700 900123 after six in the evening.",
    );
    h.goto(StepKind::Close);
    h.focus_on("flags");
    let flags = crate::domain::family_check::concerns(&h.model.draft.meeting, &h.model.draft.plan);
    assert!(flags.len() >= 2, "{flags:?}");
    for c in &flags {
        let title = c.place.label(&h.model.draft.meeting, &h.model.draft.plan);
        let pane = detail_pane(&h, &title);
        let passage = c.passage.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(pane.contains(&passage), "{title}: {pane}\n{passage}");
        assert!(pane.contains(c.why), "{title}: {pane}");
        h.press("down");
    }
}

#[test]
fn ctrl_u_clears_back_to_the_line_s_start_and_ctrl_z_brings_it_back() {
    let mut h = Harness::new();
    h.goto(StepKind::Introductions);
    h.focus_on("venue");
    h.type_text("Wrong room entirely");
    h.press("ctrl-u");
    assert_eq!(h.model.form.text("venue"), "");
    h.press("ctrl-z");
    assert_eq!(h.model.form.text("venue"), "Wrong room entirely");
    // From the middle of the text: only what is before the cursor goes.
    h.press("ctrl-left ctrl-u");
    assert_eq!(h.model.form.text("venue"), "entirely");
    h.type_text("Room 2, ");
    assert_eq!(h.model.form.text("venue"), "Room 2, entirely");
}

#[test]
fn a_note_grows_to_show_everything_typed_before_anything_scrolls() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.press("ctrl-n");
    // Words numbered so each shows whether it is on the screen.
    let words: Vec<String> = (1..=60).map(|n| format!("w{n:02}")).collect();
    h.type_text(&words.join(" "));
    let screen = h.screen(80, 24);
    for w in &words {
        assert!(screen.contains(w.as_str()), "{w} is hidden:\n{screen}");
    }
}
