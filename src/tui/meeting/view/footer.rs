//! What the footer offers: the keys that work right now, from the keymap, most useful first
//! (`widgets::footer` lays them out).

use crate::domain::agenda::StepKind;
use crate::tui::keymap::{KeyCommand, Mode};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::field::FieldKind;
use crate::tui::widgets::footer::Hint;

/// Whether an action does something where the focus is now (the footer shows only those).
pub fn available(m: &MeetingModel, mode: Mode, action: KeyCommand) -> bool {
    let kind = m.current_kind();
    match action {
        KeyCommand::MarkPresent | KeyCommand::MarkApologies | KeyCommand::MarkAbsent => {
            kind == Some(StepKind::Attendance)
        }
        KeyCommand::MovePoint => {
            kind == Some(StepKind::AgencyProgress) && m.form.focus_id() == Some("said")
        }
        KeyCommand::Add => matches!(
            kind,
            Some(
                StepKind::Attendance
                    | StepKind::Circumstances
                    | StepKind::Disagreements
                    | StepKind::Notes
                    | StepKind::PlanRevisions
            )
        ),
        KeyCommand::Remove => matches!(
            kind,
            Some(
                StepKind::Attendance
                    | StepKind::Circumstances
                    | StepKind::Disagreements
                    | StepKind::Notes
            )
        ),
        KeyCommand::Toggle if mode == Mode::List => {
            matches!(kind, Some(StepKind::Checklist | StepKind::Escalation))
        }
        KeyCommand::Left | KeyCommand::Right | KeyCommand::Toggle => {
            let form = m.overlay.as_ref().map_or(&m.form, |o| &o.form);
            matches!(
                form.focused().map(|f| &f.kind),
                Some(FieldKind::Choice(_) | FieldKind::Toggle(_))
            )
        }
        KeyCommand::Privacy => {
            let form = m.overlay.as_ref().map_or(&m.form, |o| &o.form);
            // A text with an item's privacy, or a passage flagged for the family's copy.
            form.focused()
                .is_some_and(|f| f.privacy.is_some() || f.id == "flags")
        }
        // Moving between steps and capturing wait while a form is open over the step.
        KeyCommand::NextStep
        | KeyCommand::PrevStep
        | KeyCommand::CaptureAction
        | KeyCommand::CaptureDisagreement
        | KeyCommand::CaptureCircumstance
        | KeyCommand::CaptureNote
        | KeyCommand::StepList => m.overlay.is_none(),
        // Esc forgets what was typed into a choice, or closes a form over the step.
        KeyCommand::Cancel if mode == Mode::Picker => {
            m.overlay.is_some() || m.step_list.is_some() || typed_into_choice(m)
        }
        KeyCommand::Restore | KeyCommand::GoToStep => false,
        KeyCommand::Redo
        | KeyCommand::WordLeft
        | KeyCommand::WordRight
        | KeyCommand::DeleteWord
        | KeyCommand::DeleteToStart => false,
        _ => true,
    }
}

fn typed_into_choice(m: &MeetingModel) -> bool {
    let form = m.overlay.as_ref().map_or(&m.form, |o| &o.form);
    matches!(form.focused().map(|f| &f.kind), Some(FieldKind::Choice(c)) if c.is_filtering())
}

/// What the footer shows first when the line is short: doing things before moving about.
/// Moving between fields and rows is left to the help.
const FOOTER_ORDER: &[KeyCommand] = &[
    KeyCommand::Yes,
    KeyCommand::No,
    KeyCommand::Close,
    KeyCommand::Help,
    KeyCommand::Save,
    KeyCommand::Cancel,
    KeyCommand::Activate,
    KeyCommand::Right,
    KeyCommand::Toggle,
    KeyCommand::MarkPresent,
    KeyCommand::MarkApologies,
    KeyCommand::MarkAbsent,
    KeyCommand::Add,
    KeyCommand::Remove,
    KeyCommand::MovePoint,
    KeyCommand::NextStep,
    KeyCommand::PrevStep,
    KeyCommand::StepList,
    KeyCommand::CaptureAction,
    KeyCommand::CaptureNote,
    KeyCommand::Privacy,
    KeyCommand::CaptureDisagreement,
    KeyCommand::CaptureCircumstance,
    KeyCommand::Quit,
    KeyCommand::NextField,
    KeyCommand::Undo,
];

/// The commands that work now, most useful first, for the footer.
pub fn hints(m: &MeetingModel) -> Vec<Hint> {
    let of = |mode: Mode, list: &[(KeyCommand, &str)]| -> Vec<Hint> {
        list.iter()
            .filter_map(|(a, d)| Hint::of(&m.keymap, mode, *a, d))
            .collect()
    };
    if m.step_list.is_some() {
        // The list of steps shares the picker's keys; say what they do there.
        return of(
            Mode::Picker,
            &[
                (KeyCommand::Activate, "go to the step"),
                (KeyCommand::Cancel, "stay where you are"),
            ],
        );
    }
    if m.moving.is_some() {
        // A point on its way to another member: the keys of choosing them.
        let mut out = vec![Hint::new("a name", "finds them")];
        out.extend(of(Mode::List, &[(KeyCommand::Activate, "move it to them")]));
        out.push(Hint::new("esc", "leave it where it was"));
        return out;
    }
    if m.at_close.is_some() {
        return of(
            Mode::CloseConflict,
            &[
                (KeyCommand::KeepHand, "keep the hand edit"),
                (KeyCommand::TakeMeeting, "take the meeting's"),
                (KeyCommand::Activate, "close the meeting"),
                (KeyCommand::Cancel, "go back"),
            ],
        );
    }
    if m.ticks.is_some() {
        return of(
            Mode::Ticks,
            &[
                (KeyCommand::Toggle, "tick"),
                (KeyCommand::Activate, "keep"),
                (KeyCommand::Cancel, "cancel"),
            ],
        );
    }
    let modes = m.modes();
    let mut out: Vec<Hint> = Vec::new();
    for action in FOOTER_ORDER {
        for mode in &modes {
            let Some(b) = m
                .keymap
                .bindings(*mode)
                .iter()
                .find(|b| b.action == *action)
            else {
                continue;
            };
            if b.keys.is_empty() || !available(m, *mode, b.action) {
                continue;
            }
            if !out.iter().any(|h| h.desc == b.desc) {
                out.push(Hint::new(b.keys[0].glyph(), b.desc.clone()));
            }
            break;
        }
    }
    out
}
