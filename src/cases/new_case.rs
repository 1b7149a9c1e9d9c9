//! Making a new case folder: the example case with its past meeting, a case typed on the set-up
//! screen, or a commented plan template to fill in by hand.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;

use crate::agenda::AgendaSnapshot;
use crate::cases::error::{CaseError, NewCaseError};
use crate::domain::example;
use crate::domain::plan::Plan;
use crate::store::case::CaseFolder;
use crate::store::files::create_dir_private;
use crate::store::lock::{Lock, LockError};
use crate::store::meeting_files::{MinutesFile, write_meeting};
use crate::store::plan_write::{create_plan, create_plan_text};
use crate::store::{LoadError, making, plan_cache, recovery, setup_draft};

/// The case `coregroup demo` opens: the one at `dir` when it holds a plan, else the fictional
/// example made there, or without `dir` made in a new temporary folder that is kept.
pub fn example_case(dir: Option<&Path>, today: NaiveDate) -> Result<PathBuf, CaseError> {
    let dir = match dir {
        Some(dir) if crate::store::files::is_file(&dir.join(crate::store::case::PLAN_FILE)) => {
            return Ok(dir.to_path_buf());
        }
        Some(dir) => dir.to_path_buf(),
        None => crate::store::files::temp_dir("coregroup-demo-")?.keep(),
    };
    create_case(&dir, true, today)?;
    Ok(dir)
}

/// A set-up of a new case begun in a terminal (`coregroup new` on the set-up screen): the
/// folder's lock, held while it runs so a second set-up cannot write its draft over this one's;
/// whether the folder is this set-up's to remove if it is left unsaved; and the agendas it can
/// choose from, by name and title.
#[derive(Debug)]
pub struct SetUp {
    pub lock: Lock,
    /// This set-up made the folder, or an earlier unsaved one did: left unsaved and discarded,
    /// it goes again.
    pub tidy: bool,
    pub agendas: Vec<(String, String)>,
}

/// Why a set-up did not begin.
#[derive(Debug, thiserror::Error)]
pub enum SetUpError {
    /// The folder holds a case already, or what a crash left could not be cleared.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// Another coregroup has the folder.
    #[error("{}: {error}", .dir.display())]
    Locked {
        dir: PathBuf,
        #[source]
        error: Box<LockError>,
    },
}

/// Begin a set-up of the case at `dir`: refused where a case is already, then the folder locked.
pub fn begin_set_up(dir: &Path) -> Result<SetUp, SetUpError> {
    refuse_existing(dir)?;
    // A folder this set-up made (or an earlier one did) goes again if it is left unsaved.
    let tidy = setup_draft::in_progress(dir) || !crate::store::files::exists(dir);
    // One set-up of a folder at a time: a second would write its draft over the first's.
    let (lock, _) = Lock::acquire(&CaseFolder::at(dir)).map_err(|error| SetUpError::Locked {
        dir: dir.to_path_buf(),
        error: Box::new(error),
    })?;
    let agendas = crate::store::agenda_files::list()
        .into_iter()
        .filter(|e| e.error.is_none())
        .map(|e| (e.name, e.title))
        .collect();
    Ok(SetUp {
        lock,
        tidy,
        agendas,
    })
}

/// The draft an earlier set-up of `dir` left unsaved, to go on with; a draft write a crash cut
/// short leaves a temporary file beside it, which goes.
pub fn resume_set_up<D: DeserializeOwned>(dir: &Path) -> Result<Option<D>, LoadError> {
    let draft = setup_draft::read(dir)?;
    if draft.is_some() {
        crate::store::temporary::remove_temporary_files(&CaseFolder::at(dir));
    }
    Ok(draft)
}

/// After a set-up of `dir` ended, its lock released: left unsaved and discarded in a folder it
/// made, not even the lock's empty file stays behind.
pub fn end_set_up(dir: &Path, tidy: bool) {
    if tidy
        && !setup_draft::in_progress(dir)
        && !crate::store::files::exists(&CaseFolder::at(dir).plan_path())
    {
        let _ = setup_draft::remove_traces(dir);
    }
}

/// Make a case folder at `dir`: a commented plan template to fill in, or with `example` the
/// fictional example case with its past meeting and all its documents. Refuses a folder that
/// already holds a case.
pub fn create_case(dir: &Path, example: bool, today: NaiveDate) -> Result<(), CaseError> {
    let case = refuse_existing(dir)?;
    let io = |e: std::io::Error| CaseError::at(dir, e);
    create_dir_private(dir).map_err(io)?;
    if !example {
        return create_plan_text(&case, &template(today)).map_err(io);
    }
    let plan = example::plan(today);
    let meeting = example::past_meeting(today);
    let agenda = crate::agenda::shipped(&plan.case.agenda)?;
    // Until its plan is written the folder says it is being made (see `store::making`).
    making::begin(&case, &meeting.id).map_err(io)?;
    let file = MinutesFile::new(meeting, AgendaSnapshot::of(&agenda));
    // The example's plan is the plan its past meeting left; the plan before it is not kept.
    let documents = super::documents::at_close(&case, &file, &plan);
    let (_, text, _) = write_meeting(&case, &file, &plan, None, documents).map_err(io)?;
    if recovery::plan_pending(&case) {
        return Err(NewCaseError::ExamplePlan(dir.to_path_buf()).into());
    }
    making::end(&case).map_err(io)?;
    plan_cache::remember(case.root(), text.as_bytes(), &plan);
    Ok(())
}

/// The case folder at `dir`, unless it already holds a case. What an interrupted
/// `new --example` left there is cleared first, so the making starts again.
pub fn refuse_existing(dir: &Path) -> Result<CaseFolder, CaseError> {
    let case = CaseFolder::at(dir);
    if making::cut_short(dir) {
        making::clear(&case).map_err(|e| CaseError::at(dir, e))?;
    }
    if crate::store::files::exists(&case.plan_path())
        || crate::store::files::exists(&case.meetings_dir())
    {
        return Err(NewCaseError::Exists(dir.to_path_buf()).into());
    }
    Ok(case)
}

/// Make a case folder at `dir` holding `plan` (typed on the set-up screen); refuses a folder
/// that already holds a case. Returns where the plan went.
pub fn create_case_with(dir: &Path, plan: &Plan) -> Result<PathBuf, CaseError> {
    let case = refuse_existing(dir)?;
    create_plan(&case, plan).map_err(|e| CaseError::at(dir, e))?;
    Ok(case.plan_path())
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

/// The hidden `generate-large`: a large fictional case (`domain::large_case`) at `dir`, for the
/// benchmarks and timings: its plan, and each past meeting's record under `agenda`, the last
/// with the plan it left. Refuses a folder that already holds a case.
pub fn create_large_case(
    dir: &Path,
    today: NaiveDate,
    agendas: crate::cases::open_case::Agendas,
) -> Result<(), CaseError> {
    use crate::domain::large_case;
    use crate::store::case::{MINUTES_FILE, PLAN_FILE, write_yaml};

    if crate::store::files::exists(&dir.join(PLAN_FILE)) {
        return Err(NewCaseError::ExistsForLarge(dir.to_path_buf()).into());
    }
    let plan = large_case::plan(today);
    let snapshot = AgendaSnapshot::of(&agendas(&plan.case.agenda)?);
    let case = CaseFolder::at(dir);
    create_plan(&case, &plan)?;
    let meetings = large_case::meetings(today, &plan);
    let last = meetings.len().saturating_sub(1);
    for (i, meeting) in meetings.into_iter().enumerate() {
        let dir = case.meeting_dir(&meeting.id);
        create_dir_private(&dir)?;
        if i == last {
            write_yaml(&dir.join(PLAN_FILE), &plan)?;
        }
        let file = MinutesFile::new(meeting, snapshot.clone());
        write_yaml(&dir.join(MINUTES_FILE), &file)?;
    }
    Ok(())
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
        let plan: Plan =
            crate::store::yaml::parse_str(&template(today()), Path::new("plan.yaml")).unwrap();
        assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
    }

    #[test]
    fn new_refuses_a_folder_holding_a_case() {
        let dir = tempfile::tempdir().unwrap();
        create_case(dir.path(), false, today()).unwrap();
        let e = create_case(dir.path(), true, today())
            .unwrap_err()
            .to_string();
        assert!(e.contains("already holds a case"), "{e}");
    }
}
