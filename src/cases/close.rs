//! Closing a meeting: its record, its plan and its documents go into the case at once, the
//! plan last, so the close rolls forward from whatever a crash leaves (see `store::recovery`).

use std::path::PathBuf;

use crate::agenda::{Agenda, AgendaSnapshot};
use crate::domain::close::Closed;
use crate::domain::plan::Plan;
use crate::store::case::CaseFolder;
use crate::store::meeting_files::{Before, MinutesFile, write_meeting};
use crate::store::plan_cache::Source;

/// Write everything a closed meeting produces, then make its plan the case's plan. Returns the
/// meeting's folder and the text of the plan written, for [`crate::store::plan_cache::remember`] (the caller
/// can make the parsed copy for the next load after the documents are out).
///
/// `read_from` says which `plan.yaml` the meeting's plan was read from (see
/// [`crate::store::case::CaseFolder::open_plan`]). While the file still holds those bytes they are kept as they are
/// as `plan-before.yaml`, instead of writing `before` out again; and when coregroup wrote them,
/// the text of every action the meeting left as it was is reused in the new plan.
///
/// The record is written after the documents and the case's plan last, so a failure before the
/// record leaves the case's plan as it was and no half-written meeting listed (a meeting folder
/// counts once it holds `minutes.yaml`); a crash after it is finished by the next command
/// ([`crate::store::recovery::finish`]).
pub fn write_closed(
    case: &CaseFolder,
    before: &Plan,
    read_from: Option<Source>,
    closed: &Closed,
    agenda: &Agenda,
) -> std::io::Result<(PathBuf, String)> {
    let file = MinutesFile {
        meeting: closed.meeting.clone(),
        agenda: AgendaSnapshot::of(agenda),
    };
    let before = Before {
        plan: before,
        read_from,
    };
    let documents = super::documents::at_close(case, &file, &closed.plan);
    write_meeting(case, &file, &closed.plan, Some(before), documents)
}
