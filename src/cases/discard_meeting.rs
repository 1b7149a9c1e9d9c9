//! Discarding a meeting opened by mistake: its journal removed, so the caseload no longer shows
//! a meeting in progress, and the case log saying so (`meeting-discarded`), so the chronology
//! shows "Meeting of 3 Dec opened by mistake and discarded". Only an unfinished meeting: a
//! closed one has its record, and the next command files its journal away first.

use chrono::NaiveDate;

use super::log_event::log_event;
use crate::cases::error::{CaseError, DiscardError};
use crate::domain::case_log::{Event, MeetingDiscarded};
use crate::store::CaseFolder;
use crate::store::case::MINUTES_FILE;
use crate::store::journal::{self, Journal};
use crate::store::lock::Lock;
use crate::store::meeting_store;

/// The unfinished meeting, as the question before discarding names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unfinished {
    pub id: String,
    pub date: NaiveDate,
    /// How many changes its journal holds: how much was typed.
    pub changes: usize,
}

impl Unfinished {
    /// "the meeting of Tue 3 Dec 2026 (2026-12-03), 4 changes recorded"
    pub fn describe(&self) -> String {
        format!(
            "the meeting of {} ({}), {} change{} recorded",
            self.date.format("%a %-d %b %Y"),
            self.id,
            self.changes,
            if self.changes == 1 { "" } else { "s" }
        )
    }
}

/// The case's unfinished meeting, if its journal is there; an error when it cannot be read.
pub fn unfinished(case: &CaseFolder) -> Result<Option<Unfinished>, CaseError> {
    let Some(path) = Journal::find(case) else {
        return Ok(None);
    };
    let r = journal::recover(&path)?;
    Ok(Some(Unfinished {
        id: r.header.meeting_id,
        date: r.header.meeting_date,
        changes: r.changes.len(),
    }))
}

/// Discard the unfinished meeting `which` (the caller holds the case's `lock`, and has asked):
/// the log says so first, then the journal goes. One line for the user.
pub fn discard_meeting(
    case: &CaseFolder,
    _lock: &Lock,
    which: &Unfinished,
    today: NaiveDate,
    reason: &str,
) -> Result<String, CaseError> {
    // Never the journal of a meeting whose record is written: that meeting is closed.
    if crate::store::files::is_file(&case.meeting_dir(&which.id).join(MINUTES_FILE)) {
        return Err(DiscardError::Closed {
            id: which.id.clone(),
            dir: case.meeting_dir(&which.id),
        }
        .into());
    }
    let path = Journal::find(case).ok_or(DiscardError::Gone)?;
    let header = journal::recover(&path)?.header;
    if unfinished(case)?.as_ref() != Some(which) {
        return Err(DiscardError::Changed.into());
    }
    let plan = case.load_plan()?;
    let event = Event::MeetingDiscarded(MeetingDiscarded {
        date: today,
        meeting: which.id.clone(),
        meeting_date: which.date,
        reason: reason.trim().to_string(),
    });
    let said = log_event(case, &plan, event, today)?;
    meeting_store::discard(case, &header).map_err(DiscardError::JournalKept)?;
    Ok(format!("Discarded {}. Logged: {said}", which.describe()))
}
