//! A closed meeting's folder, `<case>/meetings/<id>/`: the full record (`minutes.yaml`), the
//! plan after and before the meeting, and every document; and making a new case folder.
//!
//! `minutes.yaml` holds what re-rendering needs besides the meeting's own plan: a snapshot of the
//! agenda's terms, step titles and policy numbers. So `coregroup export` gives the documents of
//! the day even after the agenda file has changed.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

use super::calendar_files::load_calendar;
use super::case::{CaseFolder, MINUTES_FILE, PLAN_FILE, write_yaml};
use super::files::{Staged, create_dir_private, read_limited, stage, sync_dir, write_atomic};
use super::plan_cache::{self, Fingerprint, Source};
use super::{case_log, plan_yaml, recovery, yaml};
use crate::agenda::Agenda;
use crate::domain::calendar::Calendar;
use crate::domain::close::Closed;
use crate::domain::example;
use crate::domain::meeting::Meeting;
use crate::domain::plan::Plan;
use crate::export::document::Issue;
use crate::export::{self, AgendaSnapshot, NEXT_MEETING_ICS};

/// The plan as it stood when the meeting opened, so it stays recoverable.
pub const PLAN_BEFORE_FILE: &str = "plan-before.yaml";

/// What `minutes.yaml` holds: the meeting's complete record and the agenda it followed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinutesFile {
    pub meeting: Meeting,
    pub agenda: AgendaSnapshot,
}

/// Write everything a closed meeting produces, then make its plan the case's plan. Returns the
/// meeting's folder and the text of the plan written, for [`plan_cache::remember`] (the caller
/// can make the parsed copy for the next load after the documents are out).
///
/// `read_from` says which `plan.yaml` the meeting's plan was read from (see
/// [`CaseFolder::open_plan`]). While the file still holds those bytes they are kept as they are
/// as `plan-before.yaml`, instead of writing `before` out again; and when coregroup wrote them,
/// the text of every action the meeting left as it was is reused in the new plan.
///
/// The record is written after the documents and the case's plan last, so a failure before the
/// record leaves the case's plan as it was and no half-written meeting listed (a meeting folder
/// counts once it holds `minutes.yaml`); a crash after it is finished by the next command
/// ([`recovery::finish`]).
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
    write_meeting(case, &file, &closed.plan, Some(before))
}

/// The plan a meeting began with, and where it was read from.
#[derive(Clone, Copy)]
struct Before<'a> {
    plan: &'a Plan,
    read_from: Option<Source>,
}

impl Before<'_> {
    /// The case's `plan.yaml` while it still holds the bytes the meeting's plan was read from.
    fn text(self, case: &CaseFolder) -> Option<Vec<u8>> {
        let print = self.read_from?.print;
        read_limited(&case.plan_path())
            .ok()
            .filter(|bytes| Fingerprint::of(bytes) == print)
    }
}

/// Write a meeting's folder, then make `plan` the case's plan; returns the folder and the text of
/// the plan.
///
/// Serializing a large plan and rendering its documents each take tens of milliseconds, and each
/// file is written atomically and synced, so the work goes side by side. The order files take
/// their place in stays fixed: every document and plan first, then `minutes.yaml` (a meeting
/// folder counts once it holds its record), then the case's `plan.yaml`.
fn write_meeting(
    case: &CaseFolder,
    file: &MinutesFile,
    plan: &Plan,
    before: Option<Before>,
) -> std::io::Result<(PathBuf, String)> {
    check_id(&file.meeting.id).map_err(std::io::Error::other)?;
    let dir = case.meeting_dir(&file.meeting.id);
    create_dir_private(&dir)?;
    let case_plan: Slot<Staged> = Slot::default();
    let minutes: Slot<Staged> = Slot::default();
    let plan_text: Slot<String> = Slot::default();
    let dir_ref = &dir;
    let before_text = before.and_then(|b| b.text(case));
    // Text coregroup wrote from the plan the meeting began with: its unchanged actions' YAML.
    let own = before
        .filter(|b| b.read_from.is_some_and(|r| r.written))
        .zip(before_text.as_deref())
        .and_then(|(b, text)| Some((b.plan, std::str::from_utf8(text).ok()?)));
    let mut jobs: Vec<Job> = vec![
        Box::new(|| {
            let text = match own {
                Some((previous, previous_text)) => {
                    plan_yaml::to_string_reusing(plan, previous, previous_text)
                }
                None => plan_yaml::to_string(plan),
            }
            .map_err(std::io::Error::other)?;
            let meeting_plan = dir_ref.join(PLAN_FILE);
            all(vec![
                Box::new(|| write_atomic(&meeting_plan, text.as_bytes())),
                Box::new(|| put(&case_plan, stage(&case.plan_path(), text.as_bytes())?)),
            ])?;
            put(&plan_text, text)
        }),
        Box::new(|| {
            put(
                &minutes,
                stage(&dir_ref.join(MINUTES_FILE), &yaml_bytes(file)?)?,
            )
        }),
        // Just closed, so not yet circulated: the first draft.
        Box::new(move || {
            write_documents(case, dir_ref, file, plan, Issue::FIRST_DRAFT).map(|_| ())
        }),
    ];
    if let Some(before) = before {
        let path = dir.join(PLAN_BEFORE_FILE);
        let text = before_text.as_deref();
        jobs.push(Box::new(move || match text {
            Some(bytes) => write_atomic(&path, bytes),
            None => write_yaml(&path, before.plan),
        }));
    }
    all(jobs)?;
    let minutes = take(minutes)?;
    let case_plan = take(case_plan)?;
    let plan_text = take(plan_text)?;
    // The close rolls forward from the record's rename (see `store::recovery`). Until then a
    // failure leaves the meeting open, as the caller will say.
    recovery::begin_close(case, &file.meeting.id)?;
    minutes.rename()?;
    // The meeting is closed now, whatever fails next: a failure leaves `closing.json`, the
    // caller says the plan is not updated yet ([`recovery::plan_pending`]), and the next
    // command on the case finishes it. Reporting the meeting as still open would let the chair
    // type on, into a record already written.
    let applied = sync_dir(&dir).and_then(|()| case_plan.commit());
    if applied.is_ok() {
        // A marker left behind only makes the next command check that the plan is applied.
        let _ = recovery::end_close(case);
    }
    Ok((dir, plan_text))
}

type Slot<T> = std::sync::Mutex<Option<T>>;

fn put<T>(slot: &Slot<T>, value: T) -> std::io::Result<()> {
    *slot
        .lock()
        .map_err(|_| std::io::Error::other("a writer thread failed"))? = Some(value);
    Ok(())
}

fn take<T>(slot: Slot<T>) -> std::io::Result<T> {
    slot.into_inner()
        .ok()
        .flatten()
        .ok_or_else(|| std::io::Error::other("a file was not written"))
}

fn yaml_bytes<T: Serialize>(value: &T) -> std::io::Result<Vec<u8>> {
    yaml::to_string(value)
        .map(String::into_bytes)
        .map_err(std::io::Error::other)
}

type Job<'a> = Box<dyn FnOnce() -> std::io::Result<()> + Send + 'a>;

/// Run `jobs` at the same time and wait for them all; the first error, if any. A job whose
/// thread cannot be started runs here instead.
fn all(jobs: Vec<Job>) -> std::io::Result<()> {
    std::thread::scope(|s| {
        let mut results = Vec::new();
        let mut running = Vec::new();
        for job in jobs {
            // The job is shared with the fallback, so a thread that fails to start loses nothing.
            let job = std::sync::Mutex::new(Some(job));
            let job = std::sync::Arc::new(job);
            let mine = std::sync::Arc::clone(&job);
            let spawned = std::thread::Builder::new().spawn_scoped(s, move || take_and_run(&mine));
            match spawned {
                Ok(handle) => running.push(handle),
                Err(_) => results.push(take_and_run(&job)),
            }
        }
        for handle in running {
            results.push(
                handle
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a writer thread failed"))),
            );
        }
        results.into_iter().collect::<std::io::Result<Vec<()>>>()
    })?;
    Ok(())
}

fn take_and_run(job: &std::sync::Mutex<Option<Job>>) -> std::io::Result<()> {
    let taken = job.lock().ok().and_then(|mut j| j.take());
    match taken {
        Some(job) => job(),
        None => Ok(()),
    }
}

/// The id names a folder, so it must stay one folder inside `meetings/`.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{id}` cannot name a meeting folder: use letters, digits and dashes, like 2026-11-24"
        ))
    }
}

fn write_documents(
    case: &CaseFolder,
    dir: &Path,
    file: &MinutesFile,
    plan: &Plan,
    issue: Issue,
) -> std::io::Result<Vec<PathBuf>> {
    // The same calendar `status` uses. A damaged holidays file must not stop a meeting closing:
    // the rules stand in, and `coregroup check` names the file.
    let calendar = load_calendar(Some(case.root()), plan.case.division)
        .unwrap_or_else(|_| Calendar::new(plan.case.division));
    let docs = export::render_files(&file.meeting, plan, &file.agenda, &calendar, issue)?;
    let paths: Vec<PathBuf> = docs.iter().map(|d| dir.join(&d.name)).collect();
    all(docs
        .iter()
        .zip(&paths)
        .map(|(doc, path)| -> Job { Box::new(move || write_atomic(path, &doc.bytes)) })
        .collect())?;
    // An invitation from an earlier rendering must not outlive a next date that was removed,
    // nor a family member's own copy the restriction that made it (it could hold what is now
    // confidential).
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        let ours = name == NEXT_MEETING_ICS
            || (name.starts_with(export::FAMILY_PREFIX)
                && [".md", ".html", ".docx"].iter().any(|e| name.ends_with(e)));
        if ours && !docs.iter().any(|d| d.name == name) {
            std::fs::remove_file(dir.join(&*name))?;
        }
    }
    Ok(paths)
}

/// Render every document of a meeting again from its `minutes.yaml` and its own `plan.yaml`: the
/// latest meeting, or the one named. Returns the meeting's id and the files written.
pub fn export_meeting(
    case: &CaseFolder,
    id: Option<&str>,
) -> Result<(String, Vec<PathBuf>), String> {
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
) -> Result<(String, Vec<PathBuf>), String> {
    export_issued_at(case, id, now, None)
}

/// [`export_meeting_at`] for circulating meeting `id` on `day`: the documents are written as the
/// issue that goes out that day (final, dated `day`), before anything is attached to an email.
pub fn export_circulated_at(
    case: &CaseFolder,
    id: &str,
    now: chrono::NaiveDateTime,
    day: NaiveDate,
) -> Result<Vec<PathBuf>, String> {
    export_issued_at(case, Some(id), now, Some(day)).map(|(_, paths)| paths)
}

fn export_issued_at(
    case: &CaseFolder,
    id: Option<&str>,
    now: chrono::NaiveDateTime,
    circulating: Option<NaiveDate>,
) -> Result<(String, Vec<PathBuf>), String> {
    let ids = case
        .meeting_ids()
        .map_err(|e| format!("{}: {e}", case.meetings_dir().display()))?;
    let id = match id {
        Some(id) if ids.iter().any(|i| i == id) => id.to_string(),
        Some(id) => {
            let hint = if ids.is_empty() {
                "this case has no closed meetings yet".to_string()
            } else {
                format!("the meetings of this case are: {}", ids.join(", "))
            };
            return Err(format!(
                "there is no meeting `{id}` in this case\n  hint: {hint}"
            ));
        }
        None => ids.last().cloned().ok_or_else(|| {
            "this case has no closed meetings yet\n  hint: run a meeting with \
             `coregroup meeting DIR` and close it, or try `coregroup new --example DIR`"
                .to_string()
        })?,
    };
    let dir = case.meeting_dir(&id);
    let mut file: MinutesFile =
        yaml::load_within(&dir.join(MINUTES_FILE), case.root()).map_err(|e| e.to_string())?;
    let plan = case.load_meeting_plan(&id).map_err(|e| e.to_string())?;
    if file.meeting.invitation.is_some() && file.meeting.stamp_invitation(now) {
        write_yaml(&dir.join(MINUTES_FILE), &file)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let log = case_log::load(case).map_err(|e| e.to_string())?;
    let mut days = log.circulated_days(&id);
    if let Some(day) = circulating.filter(|d| !days.contains(d)) {
        days.push(day);
        days.sort();
    }
    let paths = write_documents(case, &dir, &file, &plan, Issue::circulated_on(&days))
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok((id, paths))
}

/// Make a case folder at `dir`: a commented plan template to fill in, or with `example` the
/// fictional example case with its past meeting and all its documents. Refuses a folder that
/// already holds a case.
pub fn create_case(dir: &Path, example: bool, today: NaiveDate) -> Result<(), String> {
    let case = refuse_existing(dir)?;
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    create_dir_private(dir).map_err(io)?;
    if !example {
        return write_atomic(&case.plan_path(), template(today).as_bytes()).map_err(io);
    }
    let plan = example::plan(today);
    let meeting = example::past_meeting(today);
    let agenda = builtin_agenda(&plan.case.agenda)?;
    let file = MinutesFile {
        meeting,
        agenda: AgendaSnapshot::of(&agenda),
    };
    // The example's plan is the plan its past meeting left; the plan before it is not kept.
    let (_, text) = write_meeting(&case, &file, &plan, None).map_err(io)?;
    if recovery::plan_pending(&case) {
        return Err(format!(
            "{}: the example case's plan.yaml could not be written",
            dir.display()
        ));
    }
    plan_cache::remember(case.root(), text.as_bytes(), &plan);
    Ok(())
}

/// The case folder at `dir`, unless it already holds a case.
pub fn refuse_existing(dir: &Path) -> Result<CaseFolder, String> {
    let case = CaseFolder::at(dir);
    if case.plan_path().exists() || case.meetings_dir().exists() {
        return Err(format!(
            "{} already holds a case\n  hint: choose a new folder; coregroup never overwrites a case",
            dir.display()
        ));
    }
    Ok(case)
}

/// Make a case folder at `dir` holding `plan` (typed on the set-up screen); refuses a folder
/// that already holds a case. Returns where the plan went.
pub fn create_case_with(dir: &Path, plan: &Plan) -> Result<std::path::PathBuf, String> {
    let case = refuse_existing(dir)?;
    case.save_plan(plan)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(case.plan_path())
}

fn builtin_agenda(name: &str) -> Result<Agenda, String> {
    let text = crate::agenda::builtin(name)
        .ok_or_else(|| format!("there is no built-in agenda `{name}`"))?;
    yaml::parse_str(text, Path::new(name)).map_err(|e| e.to_string())
}

/// A plan to fill in, with a comment on every field. It loads and validates as it stands.
pub fn template(today: NaiveDate) -> String {
    let day = today.format("%Y-%m-%d");
    let due = (today + chrono::Days::new(28)).format("%Y-%m-%d");
    format!(
        "\
# The plan of one case, read by coregroup. Fill it in with any text editor, then run
# `coregroup check DIR` to find anything missing. Ids (`sw`, `child1`, `o1`) are short names
# you choose; other entries refer to them. Dates are written YYYY-MM-DD.
case:
  reference: NEW-CASE-REF          # the local authority's case reference
  local_authority: Your Local Authority
  division: england-and-wales      # bank holidays: england-and-wales, scotland or northern-ireland
  agenda: core-group               # the procedure the core group follows (`coregroup agendas`)
  lead_worker: sw                  # the id of the lead social worker among the members
  # family_address: 1 Example Street, Town AB1 2CD
  # withhold_family_address: true  # keep the family's address off every circulated copy

children:                          # one plan per child; siblings share the meetings
  - id: child1
    name: Child's full name
    date_of_birth: 2018-01-31      # or expected_date_of_birth for a pre-birth plan
    categories: [neglect]          # one or more of physical, emotional, sexual, neglect
    plan_started: {day}          # the date of the initial child protection conference

members:                           # the core group
  - id: sw
    name: Lead social worker's name
    role: Lead social worker
    agency: Children's Services
    email: lead.worker@example.org.uk
  - id: parent1
    name: Parent's name
    role: Mother
    family: true                   # family members get the family's copy of the minutes
    # language: Welsh              # the language their copy should be in
    # address: 1 Example Street, Town AB1 2CD
    # withhold_address: true       # never print this address on a circulated copy

outcomes:                          # set by the conference; the core group may add its own
  - id: o1
    child: child1
    text: What must be true for the child to be safe, as the conference set it.
    origin: conference

actions:                           # who does what, by when, for which outcome
  - id: a1
    outcome: o1
    owner: sw
    what: What the person will do.
    due: {due}
    status: not-started            # not-started, in-progress, achieved, not-achieved, no-longer-needed

key_dates:
  initial_conference: {day}
  # strategy_discussion: 2026-01-01
  # next_review_conference: 2026-01-01

# contingency_plan: What happens if the plan is not working.
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::validate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn the_template_loads_and_validates() {
        let plan: Plan = yaml::parse_str(&template(today()), Path::new("plan.yaml")).unwrap();
        assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
    }

    #[test]
    fn new_refuses_a_folder_holding_a_case() {
        let dir = tempfile::tempdir().unwrap();
        create_case(dir.path(), false, today()).unwrap();
        let e = create_case(dir.path(), true, today()).unwrap_err();
        assert!(e.contains("already holds a case"), "{e}");
    }

    #[test]
    fn meeting_ids_cannot_leave_the_meetings_folder() {
        assert!(check_id("2026-11-24-2").is_ok());
        for bad in ["", "..", "../x", "a/b", ".hidden", "a b"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn export_names_the_meetings_when_the_id_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        create_case(dir.path(), true, today()).unwrap();
        let case = CaseFolder::open(dir.path()).unwrap();
        let e = export_meeting(&case, Some("2020-01-01")).unwrap_err();
        assert!(e.contains("no meeting `2020-01-01`"), "{e}");
        assert!(
            e.contains("hint: the meetings of this case are: 2026-10-15"),
            "{e}"
        );
    }
}
