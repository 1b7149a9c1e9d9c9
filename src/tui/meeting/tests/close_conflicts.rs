//! The question at the close when plan.yaml was changed by hand, while the meeting was open, in
//! fields the meeting changed too: each field shown in words with both values, the chair
//! choosing per field (the hand edit by default), and the close going ahead with the choices
//! for exactly the bytes the chair saw.

use super::Harness;
use crate::domain::agenda::StepKind;
use crate::domain::conflict_words::ConflictWords;
use crate::store::fingerprint::Fingerprint;
use crate::store::plan_write::Chosen;
use crate::tui::meeting::message::{AtClose, AtCloseField};

fn field(path: &str, field: &str, hand: &str, meeting: &str) -> AtCloseField {
    AtCloseField {
        path: path.into(),
        words: ConflictWords {
            field: field.into(),
            hand: hand.into(),
            meeting: meeting.into(),
        },
    }
}

/// Two fields changed both ways: an action's status, and the mother's address, the hand's value
/// long enough to wrap at 80 columns.
fn asked(against: &[u8]) -> AtClose {
    AtClose {
        against: Fingerprint::of(against),
        conflicts: vec![
            field(
                "actions[a1].status",
                "Action a1 (Walk Kayla to school each morning…): status",
                "no longer needed",
                "achieved",
            ),
            field(
                "members[mum].address",
                "Mother (Lisa Walsh)'s address",
                "Flat 4, Beaumont House, 112 Longmeadow Road, Eastbrook EB4 2QT (moved in on \
                 the Friday before the meeting, with the children)",
                "17 Orchard Close, Eastbrook EB3 1LN",
            ),
        ],
    }
}

/// At the close step, the close asked for, the missing things confirmed.
fn close(h: &mut Harness) {
    h.goto(StepKind::Close);
    h.focus_on("close");
    h.press("enter");
    if h.model.confirm.is_some() {
        h.press("y");
    }
}

#[test]
fn a_real_conflict_is_asked_about_and_the_close_takes_what_the_chair_chose() {
    let mut h = Harness::new();
    h.persist.ask = Some(asked(b"plan as edited by hand"));
    close(&mut h);
    assert!(h.persist.closed.is_none(), "closed without asking");
    let q = h
        .model
        .at_close
        .as_ref()
        .expect("the question is on the screen");
    assert_eq!(
        q.meeting,
        vec![false, false],
        "the hand edit is the default"
    );
    // The second field: the meeting's value.
    h.press("down");
    h.type_text("m");
    h.press("enter");
    assert!(h.persist.closed.is_some(), "closed once answered");
    assert_eq!(
        h.persist.chosen,
        Some(Chosen {
            against: Fingerprint::of(b"plan as edited by hand"),
            take_ours: vec!["members[mum].address".into()],
        })
    );
    assert!(h.model.at_close.is_none());
    assert!(h.model.closed.is_some());
}

#[test]
fn enter_straight_away_keeps_every_hand_edit_and_esc_goes_back_to_the_meeting() {
    let mut h = Harness::new();
    h.persist.ask = Some(asked(b"edited"));
    close(&mut h);
    h.press("space");
    assert_eq!(
        h.model.at_close.as_ref().unwrap().meeting,
        vec![true, false]
    );
    h.press("esc");
    assert!(h.model.at_close.is_none());
    assert!(h.persist.closed.is_none(), "going back does not close");
    assert!(
        h.status_text().contains("Not closed"),
        "{}",
        h.status_text()
    );
    // Asked afresh: nothing chosen before going back stands.
    close(&mut h);
    assert_eq!(
        h.model.at_close.as_ref().unwrap().meeting,
        vec![false, false]
    );
    h.press("enter");
    assert_eq!(
        h.persist.chosen,
        Some(Chosen {
            against: Fingerprint::of(b"edited"),
            take_ours: vec![],
        })
    );
}

#[test]
fn a_plan_edited_again_while_the_chair_chose_is_asked_about_again() {
    let mut h = Harness::new();
    h.persist.ask = Some(asked(b"first edit"));
    close(&mut h);
    h.type_text("m");
    // The file changes while the question is on the screen: the answer is for other bytes.
    h.persist.ask = Some(asked(b"second edit"));
    h.press("enter");
    assert!(h.persist.closed.is_none(), "closed over an edit nobody saw");
    let q = h.model.at_close.as_ref().expect("asked again");
    assert!(q.again);
    assert_eq!(q.meeting, vec![true, false], "the choice made stands");
    let screen = h.screen(80, 24);
    assert!(screen.contains("changed again"), "{screen}");
    h.press("enter");
    assert_eq!(
        h.persist.chosen.as_ref().map(|c| c.against),
        Some(Fingerprint::of(b"second edit"))
    );
}

#[test]
fn the_question_reads_at_80x24_and_160x48() {
    let mut h = Harness::new();
    h.persist.ask = Some(asked(b"edited"));
    close(&mut h);
    h.press("down");
    h.type_text("m");
    for (w, hh) in [(80, 24), (160, 48)] {
        let screen = h.screen(w, hh);
        // Every value is there in full, wrapped, not cut.
        for words in [
            "Walk Kayla",
            "no longer needed",
            "achieved",
            "with the children)",
            "17 Orchard Close",
            "take the meeting's",
        ] {
            assert!(
                screen.contains(words),
                "{w}x{hh} lacks {words:?}:\n{screen}"
            );
        }
        insta::assert_snapshot!(format!("close_conflict_{w}x{hh}"), screen);
    }
}

#[test]
fn the_keys_of_the_question_at_the_close_are_the_keymap_s_and_shown_as_bound() {
    let mut h = Harness::new();
    let user = "close_conflict:\n  take_meeting: { keys: [f5] }\n  keep_hand: { keys: [f6] }\n";
    h.model.keymap = crate::tui::keymap::Keymap::parse(
        crate::tui::keymap::DEFAULT_KEYMAP,
        Some((user, std::path::Path::new("keymap.yaml"))),
    )
    .expect("a keymap that rebinds the question's keys");
    h.persist.ask = Some(asked(b"edited"));
    close(&mut h);
    // The plain letters are free now; the keys bound choose.
    h.type_text("m");
    assert_eq!(
        h.model.at_close.as_ref().unwrap().meeting,
        vec![false, false]
    );
    h.press("f5");
    assert_eq!(
        h.model.at_close.as_ref().unwrap().meeting,
        vec![true, false]
    );
    h.press("f6");
    assert_eq!(
        h.model.at_close.as_ref().unwrap().meeting,
        vec![false, false]
    );
    // The footer and the box name the keys bound, not the letters.
    let footer = crate::tui::meeting::view::footer::hints(&h.model);
    assert!(
        footer.contains(&crate::tui::widgets::footer::Hint::new(
            "F5",
            "take the meeting's"
        )),
        "{footer:?}"
    );
    let screen = h.screen(100, 30);
    assert!(screen.contains("F6 keep the hand edit"), "{screen}");
    assert!(!screen.contains("h keep the hand edit"), "{screen}");
    // And the help lists them under a heading of their own.
    let help = crate::tui::meeting::view::help_lines(&h.model).join("\n");
    assert!(
        help.contains("In the question at the close") && help.contains("take the meeting's"),
        "{help}"
    );
}
