//! What a form of the case screen writes, as one use case: an event added to the log (as
//! `coregroup log` adds it) or an edit of the plan (as `coregroup log action` makes it), and the
//! case as that screen shows it, read again after each write.

use std::path::Path;

use chrono::NaiveDate;

use crate::cases::edit_plan::{Basis, PlanEdit, edit_plan};
use crate::cases::error::CaseError;
use crate::cases::log_event::log_event;
use crate::cases::open_case::{Log, OpenCase};
use crate::cases::records::CaseRecords;
use crate::domain::case_log::{CaseLog, Event};
use crate::domain::drift::Flag;
use crate::domain::plan::Plan;
use crate::domain::status::Status;
use crate::store::{CaseFolder, StoreError};

/// What a saved form asks to be written: an event for the log, or an edit of the plan.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseWrite {
    Log(Event),
    Plan(PlanEdit),
}

/// Write what a form saved: an event through `log_event` (as `coregroup log` does), a plan edit
/// through `edit_plan` (under the case's lock, only what the form changed from `basis`). The
/// line to show, or why nothing was written.
pub fn write_case(
    dir: &Path,
    basis: &Basis,
    w: &CaseWrite,
    today: NaiveDate,
) -> Result<String, CaseError> {
    let case = CaseFolder::open(dir)?;
    match w {
        CaseWrite::Log(event) => {
            let plan = case.load_plan()?;
            let line = log_event(&case, &plan, event.clone(), today)?;
            Ok(format!("logged: {line}"))
        }
        CaseWrite::Plan(edit) => edit_plan(&case, basis, edit),
    }
}

/// A case as the case screen shows it on a day: the plan as it stands with its log and
/// timescales, where the meetings' facts and the plan drift apart, the meetings an event can name,
/// and the plan the screen's forms open on.
pub struct CaseOverview {
    /// The plan with the log's events applied.
    pub current: Plan,
    pub log: CaseLog,
    pub status: Status,
    pub drift: Vec<Flag>,
    /// The meetings whose records could not be read.
    pub unread: Vec<String>,
    /// The meetings held (by their folders) and the core groups the plan has booked, in order.
    pub meetings: Vec<String>,
    /// What opening the case did, such as finishing a close cut short, to be said on the screen.
    pub notices: Vec<String>,
    /// The plan the forms open on: the one shown, as read.
    pub basis: Basis,
}

/// Read the case at `dir` as the case screen shows it on `today`. Like every command on one
/// case: a close cut short is finished and a plan `check` rejects is refused.
pub fn case_overview(dir: &Path, today: NaiveDate) -> Result<CaseOverview, CaseError> {
    let open = OpenCase::open(dir, &crate::store::agenda_files::load, Log::Read)?;
    let notices = open.notices.clone();
    let basis = Basis {
        plan: open.plan.clone(),
        read: open.source.print,
    };
    let status = open.status(today);
    let r = CaseRecords::of(open, true);
    let current = r.current();
    let drift = r.drift(&current, today);
    let mut meetings = r.case.meeting_ids().map_err(|error| StoreError::Read {
        path: r.case.meetings_dir(),
        error,
    })?;
    for g in &r.plan.key_dates.core_groups {
        let id = g.date.format("%Y-%m-%d").to_string();
        if !meetings.contains(&id) {
            meetings.push(id);
        }
    }
    meetings.sort();
    Ok(CaseOverview {
        current,
        status,
        drift,
        unread: r.problems,
        meetings,
        notices,
        basis,
        log: r.log,
    })
}
