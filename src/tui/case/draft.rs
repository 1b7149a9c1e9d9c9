//! A case-screen form left open when its window closed, as it is kept until the next
//! `coregroup case`: what the form was for, the day it was opened on, a fingerprint of the form
//! as it opened, and everything entered in it. [`take`] makes it from the open form and
//! [`put_back`] puts it back into the form built again (the screen's side is `resume.rs`); both
//! are pure, and the runtime stores it (`store::case_drafts`). A draft is not a record: it goes into no plan and no log until the
//! form is saved, through the same writers as any form.
//!
//! A form reopens with what was typed only onto the form it was typed into: the form is built
//! again from the case as it is now, on the day it was first opened, and its fingerprint must be
//! the one kept (the same fields, choices, values and the people, actions and entries behind
//! them). Otherwise (the action it edited is gone, a member joined, someone saved the same
//! record meanwhile) what was typed is shown to copy and stays kept until the user drops it:
//! never silently dropped, never written over a newer record.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::edit::{CaseForm, Purpose};
use crate::domain::format::CaseDraftFormat;
use crate::domain::meeting::Scratch;
use crate::tui::widgets::field::FieldKind;
use crate::tui::widgets::forms::Form;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDraft {
    #[serde(default)]
    pub format: CaseDraftFormat,
    /// What the form was for (`event: visit`, `action: a3`).
    pub purpose: Purpose,
    /// The day the form was opened on: its dates were read from it.
    pub day: NaiveDate,
    /// The form as it opened, as a fingerprint: what was typed goes back only into the same.
    pub opened: String,
    /// Each text typed, under its field's label: what is shown to copy when the form cannot
    /// reopen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed: Vec<TypedText>,
    /// Everything entered, by field id; `form` is the form's title as it was shown.
    pub entered: Scratch,
}

/// One text typed into a form, under the label it was typed beside.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypedText {
    pub label: String,
    pub text: String,
}

/// A draft kept for the case, as the runtime read it.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptDraft {
    /// Its name in the store.
    pub name: String,
    /// Where it is kept, as the user is told.
    pub file: String,
    /// The draft, or why its file does not read.
    pub draft: Result<CaseDraft, crate::store::LoadError>,
}

/// A picker only chooses which form to open: leaving it loses nothing typed.
pub fn is_picker(purpose: &Purpose) -> bool {
    match purpose {
        Purpose::ChooseEvent | Purpose::ChoosePlanItem | Purpose::ChoosePerson => true,
        Purpose::Event(_)
        | Purpose::Action(_)
        | Purpose::Contingency
        | Purpose::Why
        | Purpose::Outcome(_)
        | Purpose::Member(_)
        | Purpose::FamilyAddress
        | Purpose::Withdraw => false,
    }
}

/// The open form `open` as it is to be kept, on `day`; `fresh` is the same form as it opened
/// (built again from the case it was opened on), `None` when it cannot be. `None` when the form
/// is a picker or nothing in it differs from how it opened.
pub fn take(open: &CaseForm, fresh: Option<&CaseForm>, day: NaiveDate) -> Option<CaseDraft> {
    if is_picker(&open.purpose) {
        return None;
    }
    let now = entered(&open.form, open.title());
    if let Some(fresh) = fresh
        && same_values(&now, &entered(&fresh.form, String::new()))
    {
        return None;
    }
    let typed = open
        .form
        .fields
        .iter()
        .filter(|f| f.is_text())
        .map(|f| (f, open.form.text(f.id)))
        .filter(|(f, now)| {
            !now.trim().is_empty() && fresh.is_none_or(|o| o.form.text(f.id) != *now)
        })
        .map(|(f, text)| TypedText {
            label: f.label.clone(),
            text,
        })
        .collect();
    Some(CaseDraft {
        format: CaseDraftFormat::current(),
        purpose: open.purpose.clone(),
        day,
        // A form that cannot be built again matches none: what was typed is shown to copy.
        opened: fresh.map(outline).unwrap_or_default(),
        typed,
        entered: now,
    })
}

/// Why a kept draft does not go back into its form.
#[derive(Debug, thiserror::Error)]
pub enum NotPutBack {
    #[error("it only chose a form")]
    Picker,
    /// The record its form was opened on changed; `form` is the form's title.
    #[error(
        "what it was opened on has changed since (saved from elsewhere, or by a meeting), so it is not put over the newer record; open \"{form}\" again"
    )]
    Changed { form: String },
    /// Its form cannot be made on the case as it is now.
    #[error(transparent)]
    Form(#[from] super::edit::CaseFormError),
}

/// What `d` kept, put back into `now`, its form built on the case as it is now; `then` is the
/// same form built on the case as it is now but on the day the draft was opened, whose
/// fingerprint must be the one kept. `Err` says why it cannot be put back.
pub fn put_back(d: &CaseDraft, then: &CaseForm, mut now: CaseForm) -> Result<CaseForm, NotPutBack> {
    if is_picker(&d.purpose) {
        return Err(NotPutBack::Picker);
    }
    if d.opened.is_empty() || outline(then) != d.opened {
        return Err(NotPutBack::Changed {
            form: d.entered.form.clone(),
        });
    }
    now.form.restore(&d.entered);
    Ok(now)
}

/// Everything entered in `form`, named `title`; a date that reads is kept as the day it read
/// as, so "yesterday" means the same day when the form reopens on another.
fn entered(form: &Form, title: String) -> Scratch {
    let mut s = form.scratch(title, String::new());
    for f in &form.fields {
        if let FieldKind::Date(d) = &f.kind
            && !d.with_time
            && let Ok(Some(r)) = d.value()
            && let Some((_, text)) = s.fields.iter_mut().find(|(id, _)| id == f.id)
        {
            *text = r.date.format("%d/%m/%Y").to_string();
        }
    }
    s
}

/// The same values in every field, wherever the focus is.
fn same_values(a: &Scratch, b: &Scratch) -> bool {
    a.fields == b.fields
        && a.choices == b.choices
        && a.toggles == b.toggles
        && a.privacies == b.privacies
}

/// A fingerprint of a form as it opened: each field (id, label, kind, value, the options of a
/// choice, who may read it) and what its choices stand for (the members, actions, meetings,
/// children, outcomes, entries and readers behind them). FNV-1a, written out so it is the same
/// from one build to the next.
fn outline(e: &CaseForm) -> String {
    let mut s = String::new();
    for f in &e.form.fields {
        let _ = write!(s, "{}\u{1f}{}\u{1f}{:?}\u{1f}", f.id, f.label, f.privacy);
        let _ = match &f.kind {
            FieldKind::Text(t) => write!(s, "text\u{1f}{}", t.text()),
            FieldKind::Date(d) => write!(s, "date\u{1f}{}", d.text.text()),
            FieldKind::Time(t) => write!(s, "time\u{1f}{}", t.text.text()),
            FieldKind::Choice(c) => {
                write!(
                    s,
                    "choice\u{1f}{}\u{1f}{}",
                    c.options.join("\u{1e}"),
                    c.selected
                )
            }
            FieldKind::Toggle(on) => write!(s, "toggle\u{1f}{on}"),
            FieldKind::Table(t) => write!(s, "table\u{1f}{}\u{1f}{}", t.len, t.selected),
            FieldKind::Button => write!(s, "button"),
        };
        s.push('\u{1d}');
    }
    let _ = write!(
        s,
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        e.members, e.by, e.items, e.meetings, e.children, e.outcomes, e.name, e.entries, e.readers
    );
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}
