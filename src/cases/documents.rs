//! A meeting's documents: rendered by `export` from its record, written by `store` into its
//! folder, at the close and again on `coregroup export` or when circulating.

use std::path::PathBuf;

use chrono::{NaiveDate, Timelike};

use crate::cases::error::{CaseError, MeetingError};
use crate::domain::calendar::Calendar;
use crate::domain::case_dates::{Timescales, meeting_dates};
use crate::domain::case_log::{CaseLog, current_plan};
use crate::domain::circulation::History;
use crate::domain::plan::Plan;
use crate::export::document::Issue;
use crate::export::pdf::Instead;
use crate::export::{
    self, FAMILY_PREFIX, MINUTES_PDF, NEXT_MEETING_ICS, PLAN_PDF, is_own_document,
};
use crate::store::calendar_files::load_calendar;
use crate::store::case::{CaseFolder, MINUTES_FILE, write_yaml};
use crate::store::case_log;
use crate::store::meeting_files::{DocumentFile, Documents, MinutesFile, write_documents};
use crate::store::yaml;

/// Every document of a meeting that left `plan`, with the case as it stands `now`, as `issue` (a
/// first draft at the close, final once circulated).
pub fn render(
    case: &CaseFolder,
    file: &MinutesFile,
    plan: &Plan,
    now: &Plan,
    issue: Issue,
) -> std::io::Result<Vec<DocumentFile>> {
    Ok(render_saying(case, file, plan, now, issue)?.0)
}

/// [`render`], and each document that goes in Word where the settings ask for a PDF.
fn render_saying(
    case: &CaseFolder,
    file: &MinutesFile,
    plan: &Plan,
    now: &Plan,
    issue: Issue,
) -> std::io::Result<(Vec<DocumentFile>, Vec<Instead>)> {
    // The same calendar `status` uses. A damaged holidays file must not stop a meeting closing:
    // the rules stand in, and `coregroup check` names the file.
    let calendar = calendar(case, plan);
    let council = crate::store::council_file::settings_or_fallback(&plan.case.local_authority);
    let rendered = export::render_files_saying(
        export::Case {
            meeting: &file.meeting,
            left: plan,
            now,
        },
        &file.agenda,
        &calendar,
        issue,
        Some(&council),
    )?;
    let docs = rendered
        .files
        .into_iter()
        .map(|d| DocumentFile {
            name: d.name,
            bytes: d.bytes,
        })
        .collect();
    Ok((docs, rendered.instead))
}

/// The case's working-day calendar, as `status` reads it.
fn calendar(case: &CaseFolder, plan: &Plan) -> Calendar {
    load_calendar(Some(case.root()), plan.case.division)
        .unwrap_or_else(|_| Calendar::new(plan.case.division))
}

/// The documents of a meeting just closed: not yet circulated, so the first draft.
pub fn at_close<'a>(case: &'a CaseFolder, file: &'a MinutesFile, plan: &'a Plan) -> Documents<'a> {
    Documents {
        render: Box::new(move || {
            // A plan that records the minutes going out already (the example) counts from it.
            let issue = issue_of(&calendar(case, plan), file, plan, &CaseLog::default(), None);
            render(case, file, plan, plan, issue)
        }),
        ours: is_rendered,
    }
}

/// A file rendering may leave out another time: the invitation (when the next date goes), each
/// family member's own copy and plan (when they are no longer family), and every PDF (made only
/// where the council's settings attach PDFs, and of a document its font can show).
pub fn is_rendered(name: &str) -> bool {
    let document = [".md", ".html", ".docx", ".pdf"]
        .iter()
        .any(|e| name.ends_with(e));
    name == NEXT_MEETING_ICS
        || [MINUTES_PDF, PLAN_PDF].contains(&name)
        || (document && (name.starts_with(FAMILY_PREFIX) || is_own_document(name)))
}

/// Render every document of a meeting again from its `minutes.yaml` and its own `plan.yaml`: the
/// latest meeting, or the one named. Returns the meeting's id and the files written.
pub fn export_meeting(
    case: &CaseFolder,
    id: Option<&str>,
) -> Result<(String, Vec<PathBuf>), CaseError> {
    let now = chrono::Utc::now().naive_utc().with_nanosecond(0);
    export_meeting_at(case, id, now.unwrap_or_default())
}

/// [`export_meeting`] at `now` (UTC): when the next meeting moved since its invitation was
/// written, the record notes a new invitation first, so calendars take the change. The minutes
/// are final once the case log says they were circulated (see [`Issue::circulated_on`]).
pub fn export_meeting_at(
    case: &CaseFolder,
    id: Option<&str>,
    now: chrono::NaiveDateTime,
) -> Result<(String, Vec<PathBuf>), CaseError> {
    let e = export_issued_at(case, id, now, None)?;
    Ok((e.id, e.paths))
}

/// What `coregroup export` wrote: the meeting, its files, and each document that goes in Word
/// where the council's settings ask for a PDF.
pub struct Exported {
    pub id: String,
    pub paths: Vec<PathBuf>,
    pub instead: Vec<Instead>,
}

/// [`export_meeting`], saying which documents get no PDF and why.
pub fn export_meeting_saying(case: &CaseFolder, id: Option<&str>) -> Result<Exported, CaseError> {
    let now = chrono::Utc::now().naive_utc().with_nanosecond(0);
    export_issued_at(case, id, now.unwrap_or_default(), None)
}

/// A meeting's documents as one issue, rendered but not yet written: for circulating, they are
/// attached to the pack before anything is written, and written once the circulation is logged.
pub struct Issued {
    pub id: String,
    pub dir: PathBuf,
    /// The record, with a new invitation noted when the next meeting moved.
    pub file: MinutesFile,
    /// Whether that note is new, so the record must be written again with the documents.
    restamped: bool,
    pub docs: Vec<DocumentFile>,
    /// Each document that goes in Word where the settings ask for a PDF.
    pub instead: Vec<Instead>,
}

impl Issued {
    /// Whether the record noted a new invitation, so it must be written again.
    pub fn restamped(&self) -> bool {
        self.restamped
    }

    /// Write the record again, with its new invitation noted.
    pub fn write_record(&self) -> Result<(), CaseError> {
        write_yaml(&self.dir.join(MINUTES_FILE), &self.file)
            .map_err(|e| CaseError::at(&self.dir, e))
    }

    /// Write the record (if the invitation was noted again) and the documents into the meeting's
    /// folder; the files written.
    pub fn write(&self) -> Result<Vec<PathBuf>, CaseError> {
        let at = |e: std::io::Error| CaseError::at(&self.dir, e);
        if self.restamped {
            write_yaml(&self.dir.join(MINUTES_FILE), &self.file).map_err(at)?;
        }
        write_documents(&self.dir, &self.docs, is_rendered).map_err(at)
    }
}

/// [`export_meeting_at`] for circulating meeting `id` on `day`: the documents as the issue that
/// goes out that day (final, dated `day`), rendered and not yet written.
pub fn issue_circulated_at(
    case: &CaseFolder,
    id: &str,
    now: chrono::NaiveDateTime,
    day: NaiveDate,
    reason: Option<&str>,
) -> Result<Issued, CaseError> {
    issue(case, Some(id), now, Some((day, reason)))
}

fn export_issued_at(
    case: &CaseFolder,
    id: Option<&str>,
    now: chrono::NaiveDateTime,
    circulating: Option<(NaiveDate, Option<&str>)>,
) -> Result<Exported, CaseError> {
    let issued = issue(case, id, now, circulating)?;
    let paths = issued.write()?;
    Ok(Exported {
        id: issued.id,
        paths,
        instead: issued.instead,
    })
}

/// Which issue of a meeting's minutes is rendered: its versions from the case as it stands
/// (`current`, the plan with `log` applied), with `going_out` (a day and why) being circulated
/// now. The same history `status` and the case screen show.
pub fn issue_of(
    cal: &Calendar,
    file: &MinutesFile,
    current: &Plan,
    log: &CaseLog,
    going_out: Option<(NaiveDate, Option<&str>)>,
) -> Issue {
    history_of(cal, file, current, log, going_out).map_or(Issue::FIRST_DRAFT, |h| Issue::of(&h))
}

/// The versions of a meeting's minutes, as [`issue_of`] takes them; `None` for a meeting
/// without its day.
fn history_of(
    cal: &Calendar,
    file: &MinutesFile,
    current: &Plan,
    log: &CaseLog,
    going_out: Option<(NaiveDate, Option<&str>)>,
) -> Option<History> {
    let held = file.meeting.details.date?;
    let a = &file.agenda;
    let t = Timescales {
        minutes_circulated_within: a.minutes_circulated_within,
        agreement_returned_within: a.agreement_returned_within,
        meeting_interval: a.meeting_interval,
    };
    let due = meeting_dates(held, None, t, cal).circulate_by.in_practice();
    Some(History::of(current, log, held, due, going_out))
}

/// Render a meeting's documents (the latest meeting, or the one named), refusing a meeting that
/// `check` finds an error in.
fn issue(
    case: &CaseFolder,
    id: Option<&str>,
    now: chrono::NaiveDateTime,
    circulating: Option<(NaiveDate, Option<&str>)>,
) -> Result<Issued, CaseError> {
    let ids = case
        .meeting_ids()
        .map_err(|e| CaseError::at(&case.meetings_dir(), e))?;
    let id = match id {
        Some(id) if ids.iter().any(|i| i == id) => id.to_string(),
        Some(id) => {
            return Err(MeetingError::NoDocuments {
                id: id.to_string(),
                known: ids,
            }
            .into());
        }
        None => ids.last().cloned().ok_or(MeetingError::NoneClosed)?,
    };
    super::meeting_check::valid_meeting(case, &id)?;
    let dir = case.meeting_dir(&id);
    let mut file: MinutesFile = yaml::load_within(&dir.join(MINUTES_FILE), case.root())?;
    let plan = case.load_meeting_plan(&id)?;
    let restamped = file.meeting.invitation.is_some() && file.meeting.stamp_invitation(now);
    let log = case_log::load(case)?;
    let now = current_plan(&case.load_plan()?, &log);
    let cal = calendar(case, &now);
    // A re-issue without its reason goes no further: nothing is rendered or written.
    if let Some((day, reason)) = circulating
        && let Some(history) = history_of(&cal, &file, &now, &log, None)
    {
        history.may_go_out(day, reason)?;
    }
    let issue = issue_of(&cal, &file, &now, &log, circulating);
    let (docs, instead) =
        render_saying(case, &file, &plan, &now, issue).map_err(|e| CaseError::at(&dir, e))?;
    Ok(Issued {
        id,
        dir,
        file,
        restamped,
        docs,
        instead,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names_the_meetings_when_the_id_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        crate::cases::new_case::create_case(dir.path(), true, today).unwrap();
        let case = CaseFolder::open(dir.path()).unwrap();
        let e = export_meeting(&case, Some("2020-01-01"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no meeting `2020-01-01`"), "{e}");
        assert!(
            e.contains("hint: the meetings of this case are: 2026-10-15"),
            "{e}"
        );
    }

    #[test]
    fn only_the_files_rendering_can_leave_out_are_removed() {
        assert!(is_rendered("next-meeting.ics"));
        assert!(is_rendered("minutes-family-mum.docx"));
        assert!(!is_rendered("minutes.md"));
        assert!(!is_rendered("minutes.yaml"));
        assert!(!is_rendered("minutes-family-notes.txt"));
    }
}
