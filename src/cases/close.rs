//! Closing a meeting: its record, its plan and its documents go into the case at once, the
//! plan last, so the close rolls forward from whatever a crash leaves (see `store::recovery`).

use std::path::PathBuf;
use std::thread::JoinHandle;

use chrono::{DateTime, Local, Utc};

use crate::agenda::AgendaSnapshot;
use crate::cases::error::{CaseError, CloseError};
use crate::domain::agenda::Agenda;
use crate::domain::close::{Closed, close};
use crate::domain::meeting::Draft;
use crate::domain::plan::Plan;
use crate::store::case::CaseFolder;
use crate::store::meeting_files::{Before, MinutesFile, write_meeting};
use crate::store::meeting_store::MeetingStore;
use crate::store::plan_cache::{self, PlanSource};
use crate::store::plan_write::{self, Pending};
use crate::store::recovery;

/// A meeting the chair closed: what to tell them, and the parsed copy of the new plan still
/// being written (join it before the program ends).
pub struct Closing {
    pub said: String,
    pub caching: Option<JoinHandle<()>>,
}

/// everything typed is synced to the journal first, the record is made and stamped with `now`, written with the
/// plan and the documents, and the journal is filed away. `Err` means the meeting stays open,
/// with why; once the record is written the meeting is closed, whatever follows fails.
pub fn close_meeting(
    case: &CaseFolder,
    store: &mut MeetingStore,
    began: Before,
    draft: &Draft,
    agenda: &Agenda,
    missing: &[String],
    now: DateTime<Utc>,
) -> Result<Closing, CaseError> {
    store.sync().map_err(CloseError::Journal)?;
    // The clock is read once, by the caller, so the record says when it ended and when its
    // invitation was written, and every later rendering of it gives the same bytes.
    let ended = crate::domain::close::ended_at(
        &draft.meeting.details,
        now.with_timezone(&Local).naive_local(),
    )?;
    let mut closed = close(began.plan, draft, agenda, missing);
    closed.meeting.ended = Some(ended);
    closed.meeting.stamp_invitation(now.naive_utc());
    let (dir, text, merged) =
        write_closed_from(case, began, &closed, agenda).map_err(CloseError::Minutes)?;
    if recovery::plan_pending(case) {
        // Closed, but the case's plan.yaml is not yet the meeting's: the next command finishes.
        let _ = store.finish();
        return Ok(Closing {
            said: format!(
                "The minutes are in {}, but the case's plan.yaml could not be updated; the next \
                 `coregroup status {}` (or any command on the case) updates it",
                dir.display(),
                case.root().display()
            ),
            caching: None,
        });
    }
    // The parsed copy of the new plan, so the next load skips its YAML: the documents are out,
    // so the chair need not wait for it. A thread that cannot start only costs that.
    let root = case.root().to_path_buf();
    let plan = closed.plan;
    let caching = std::thread::Builder::new()
        .spawn(move || plan_cache::remember(&root, text.as_bytes(), &plan))
        .ok();
    // The record is written; the journal is kept under .coregroup/closed/.
    let mut said = match store.finish() {
        Ok(_) => format!("The minutes and the updated plan are in {}", dir.display()),
        Err(e) => format!(
            "The minutes are in {} (the journal could not be filed away: {e})",
            dir.display()
        ),
    };
    if let Some(merged) = merged {
        said = format!("{said}. {merged}");
    }
    Ok(Closing { said, caching })
}

/// The fields of the case's plan.yaml changed by hand since the meeting read it that the
/// meeting changed too, differently: what to ask the chair before closing. `None` when there
/// are none (the file as read, changes elsewhere only, or a file that does not read as a plan:
/// the close puts the meeting's plan beside it whole). The caller holds the case's lock.
pub fn pending_at_close(
    case: &CaseFolder,
    began: Before,
    draft: &Draft,
    agenda: &Agenda,
    missing: &[String],
) -> Result<Option<Pending>, CaseError> {
    let read = began.read_from.map(|r| r.print);
    // The usual close: plan.yaml as read, and nothing to make or merge.
    if plan_write::current_print(case) == read {
        return Ok(None);
    }
    let closed = close(began.plan, draft, agenda, missing);
    Ok(plan_write::pending(case, began.plan, read, &closed.plan)?)
}

/// Write everything a closed meeting produces, then make its plan the case's plan. Returns the
/// meeting's folder and the text of the plan written, for `plan_cache::remember` (the caller
/// can make the parsed copy for the next load after the documents are out).
///
/// `read_from` says which `plan.yaml` the meeting's plan was read from (see
/// `CaseFolder::open_plan`): while the file still holds those bytes they are kept as
/// `plan-before.yaml`, and the text of every action the meeting left as it was is reused.
///
/// The record is written after the documents and the case's plan last, so a failure before the
/// record leaves the case's plan as it was and no half-written meeting listed (a meeting folder
/// counts once it holds `minutes.yaml`); a crash after it is finished by the next command
/// (`store::recovery::finish`).
pub fn write_closed(
    case: &CaseFolder,
    before: &Plan,
    read_from: Option<PlanSource>,
    closed: &Closed,
    agenda: &Agenda,
) -> std::io::Result<(PathBuf, String, Option<String>)> {
    let before = Before {
        plan: before,
        read_from,
        chosen: None,
    };
    write_closed_from(case, before, closed, agenda)
}

/// [`write_closed`], with what the chair chose where plan.yaml was changed in the same place.
pub fn write_closed_from(
    case: &CaseFolder,
    before: Before,
    closed: &Closed,
    agenda: &Agenda,
) -> std::io::Result<(PathBuf, String, Option<String>)> {
    let file = MinutesFile::new(closed.meeting.clone(), AgendaSnapshot::of(agenda));
    let documents = super::documents::at_close(case, &file, &closed.plan);
    write_meeting(case, &file, &closed.plan, Some(before), documents)
}
