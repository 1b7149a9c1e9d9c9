//! What every step's form is built and read with: the meeting as the step sees it (`Ctx`), the
//! changes a form makes (`Commit`), and the choices with a leading "not recorded".

use chrono::NaiveDate;

use crate::domain::agenda::{Agenda, Step, StepKind};
use crate::domain::calendar::Calendar;
use crate::domain::id::Id;
use crate::domain::meeting::{Change, Draft, Start};

/// What step code may read: the draft and the fixed facts around it.
pub struct Ctx<'a> {
    pub draft: &'a Draft,
    pub agenda: &'a Agenda,
    pub today: NaiveDate,
    pub start: &'a Start,
    pub calendar: &'a Calendar,
    pub step: usize,
    /// Each outcome's score at the last core group that scored it.
    pub last_scores: &'a std::collections::HashMap<crate::domain::id::Id, u8>,
    /// Letters typed on the focused list to find a row by.
    pub find: &'a str,
    /// A contribution being moved to another member.
    pub moving: Option<&'a Id>,
}

impl Ctx<'_> {
    pub fn step_def(&self) -> Option<&Step> {
        self.agenda.steps.get(self.step)
    }

    pub fn kind(&self) -> Option<StepKind> {
        self.step_def().map(|s| s.kind)
    }

    pub fn step_key(&self) -> String {
        self.step_def()
            .map_or_else(String::new, |s| s.key().to_string())
    }

    /// The meeting's date, for history entries and limits.
    pub fn meeting_date(&self) -> NaiveDate {
        self.draft.meeting.details.date.unwrap_or(self.today)
    }

    /// The disagreements this meeting carries in from earlier ones, listed first on the
    /// disagreements step.
    pub fn carried(&self) -> Vec<&crate::domain::disagreements::CarriedDisagreement> {
        crate::domain::disagreements::carried_into(
            &self.draft.plan,
            &self.draft.meeting.id,
            self.meeting_date(),
        )
    }

    /// Everyone who can chair, minute or speak: members then guests, as (id, "Name (role)").
    pub fn people(&self) -> Vec<(Id, String)> {
        let members = self
            .draft
            .plan
            .members
            .iter()
            .map(|m| (m.id.clone(), format!("{} ({})", m.name, m.role)));
        let guests = self
            .draft
            .meeting
            .guests
            .iter()
            .map(|g| (g.id.clone(), format!("{} ({})", g.name, g.role)));
        members.chain(guests).collect()
    }
}

impl Ctx<'_> {
    /// What each of [`Ctx::people`] is found by in a picker: name, role and agency.
    pub fn people_search(&self) -> Vec<String> {
        let members = self
            .draft
            .plan
            .members
            .iter()
            .map(|m| format!("{} {} {}", m.name, m.role, m.agency));
        let guests = self
            .draft
            .meeting
            .guests
            .iter()
            .map(|g| format!("{} {} {}", g.name, g.role, g.agency));
        members.chain(guests).collect()
    }
}

/// "o2" → 2: outcomes and steps can be picked by their number.
pub fn number_of(id: &str) -> Option<u32> {
    id.trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// Changes from a form, and anything that could not be read (shown, not recorded).
#[derive(Default)]
pub struct Commit {
    pub changes: Vec<Change>,
    pub problems: Vec<String>,
}

/// "—" first, then the labels: index 0 means "not recorded".
pub fn with_none(none: &str, labels: impl IntoIterator<Item = String>) -> Vec<String> {
    std::iter::once(none.to_string()).chain(labels).collect()
}

/// The index of `value` among `all`, plus one for the leading "not recorded".
pub fn index_of<T: PartialEq>(all: &[T], value: Option<&T>) -> usize {
    value
        .and_then(|v| all.iter().position(|x| x == v))
        .map_or(0, |i| i + 1)
}

/// The item a choice with a leading "not recorded" picked.
pub fn pick<T: Clone>(all: &[T], selected: usize) -> Option<T> {
    selected.checked_sub(1).and_then(|i| all.get(i)).cloned()
}
