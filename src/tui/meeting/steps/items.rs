//! Steps that are a list of items edited in a form over the step: changes of circumstances,
//! disagreements and free notes. The same forms open from the capture chords.

use super::{Ctx, StepReply};
use crate::domain::agenda::StepKind;
use crate::tui::meeting::confirm::MeetingOnYes;
use crate::tui::meeting::overlay::{Overlay, OverlayKind};
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;

fn table(id: FieldId, label: &str, len: usize, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    vec![Field::table(id, label, len, sel(id), 14)]
}

pub fn build_circumstances(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    table(
        "items",
        "Changes recorded",
        ctx.draft.meeting.circumstances.len(),
        sel,
    )
}

/// Carried disagreements first, then those raised at this meeting.
pub fn build_disagreements(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let carried = ctx.carried().len();
    table(
        "items",
        if carried > 0 {
            "Disagreements carried forward, then raised today"
        } else {
            "Disagreements recorded"
        },
        carried + ctx.draft.meeting.disagreements.len(),
        sel,
    )
}

pub fn build_notes(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    table("items", "Notes", ctx.draft.meeting.notes.len(), sel)
}

/// The id and a short description of the selected item.
fn selected(ctx: &Ctx, form: &Form) -> Option<(OverlayKind, String)> {
    let i = form.choice("items");
    let m = &ctx.draft.meeting;
    match ctx.kind()? {
        StepKind::Circumstances => m.circumstances.get(i).map(|c| {
            (
                OverlayKind::Circumstance(Some(c.id.clone())),
                c.kind.label().to_string(),
            )
        }),
        StepKind::Disagreements => {
            let carried = ctx.carried();
            match carried.get(i) {
                Some(d) => Some((
                    OverlayKind::CarriedDisagreement(d.id.clone()),
                    format!("what this meeting said about disagreement {}", d.id),
                )),
                None => m.disagreements.get(i - carried.len()).map(|d| {
                    (
                        OverlayKind::Disagreement(Some(d.id.clone())),
                        format!("about {}", d.about),
                    )
                }),
            }
        }
        StepKind::Notes => m.notes.get(i).map(|n| {
            (
                OverlayKind::Note(Some(n.id.clone())),
                "the note".to_string(),
            )
        }),
        _ => None,
    }
}

pub fn activate(ctx: &Ctx, form: &Form) -> StepReply {
    match selected(ctx, form) {
        Some((kind, _)) => StepReply::Overlay(Box::new(Overlay::open(ctx, kind))),
        None => add(ctx),
    }
}

pub fn add(ctx: &Ctx) -> StepReply {
    let kind = match ctx.kind() {
        Some(StepKind::Circumstances) => OverlayKind::Circumstance(None),
        Some(StepKind::Disagreements) => OverlayKind::Disagreement(None),
        _ => OverlayKind::Note(None),
    };
    let mut overlay = Overlay::open(ctx, kind);
    // A note added on the notes step is an ordinary note (its title says so, from its privacy);
    // the capture chord makes confidential ones.
    if let Some(f) = overlay.form.get_mut("text")
        && ctx.kind() == Some(StepKind::Notes)
    {
        f.privacy = Some(crate::domain::privacy::Privacy::default());
    }
    StepReply::Overlay(Box::new(overlay))
}

pub fn remove(ctx: &Ctx, form: &Form) -> StepReply {
    match selected(ctx, form) {
        Some((kind, what)) => match kind.id() {
            Some(id) => StepReply::confirm(
                Confirm::new(
                    format!("Remove {what}?"),
                    MeetingOnYes::Remove(id.to_string()),
                )
                .with_detail(vec!["It will not appear in the minutes.".into()]),
            ),
            None => StepReply::Nothing,
        },
        None => StepReply::Status("the list is empty".into()),
    }
}
