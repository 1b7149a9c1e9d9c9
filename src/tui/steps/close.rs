//! Close: what is missing, and the button that closes the meeting anyway.

use super::{Ctx, Outcome};
use crate::tui::app::{Confirm, OnYes};
use crate::tui::field::Field;
use crate::tui::forms::Form;

pub fn build(_ctx: &Ctx) -> Vec<Field> {
    vec![Field::button(
        "close",
        "Close the meeting and write the minutes",
    )]
}

pub fn activate(ctx: &Ctx, form: &Form) -> Outcome {
    if form.focus_id() != Some("close") {
        return Outcome::Nothing;
    }
    // The visited steps are not known here; update passes the full list in `confirm_close`.
    let _ = ctx;
    Outcome::Close
}

/// The question asked before closing with things missing.
pub fn confirm_close(missing: Vec<String>) -> Outcome {
    if missing.is_empty() {
        return Outcome::Close;
    }
    Outcome::Confirm(Confirm {
        question: format!(
            "{} {} missing. Close anyway? What is missing will be recorded in the minutes.",
            missing.len(),
            if missing.len() == 1 {
                "thing is"
            } else {
                "things are"
            }
        ),
        detail: missing.clone(),
        on_yes: OnYes::CloseAnyway(missing),
    })
}
