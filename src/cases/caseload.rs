//! The caseload: every case folder under some roots, one row each, most urgent first. A folder
//! that does not read is a row with its error, never skipped and never stopping the others.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::records::CaseRecords;
use crate::cases::error::{CaseError, CaseloadError};
use crate::domain::agenda::Agenda;
use crate::domain::case_log::agreements_outstanding;
use crate::domain::drift::Flag;
use crate::domain::status::{Status, case_status};
use crate::domain::timescale::State;
use crate::store::agenda_files::AgendaError;
use crate::store::case::{MEETINGS_DIR, PLAN_FILE, STATE_DIR};

/// `<config>/caseload.yaml`: where the team's case folders are.
pub const CONFIG_FILE: &str = "caseload.yaml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub roots: Vec<PathBuf>,
}

/// The roots set in `<config>/caseload.yaml` (relative ones from the config folder), if the
/// file is there.
pub fn configured_roots(config_dir: Option<&Path>) -> Result<Option<Vec<PathBuf>>, CaseError> {
    let Some(dir) = config_dir else {
        return Ok(None);
    };
    let file = dir.join(CONFIG_FILE);
    if !crate::store::files::is_file(&file) {
        return Ok(None);
    }
    let c: Config = crate::store::yaml::load(&file)?;
    Ok(Some(c.roots.into_iter().map(|r| dir.join(r)).collect()))
}

/// The folders a caseload lists: those given, else those of `<config>/caseload.yaml`, else the
/// current folder.
pub fn roots(given: &[PathBuf]) -> Result<Vec<PathBuf>, CaseError> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    let config = crate::store::agenda_files::config_dir();
    Ok(configured_roots(config.as_deref())?.unwrap_or_else(|| vec![PathBuf::from(".")]))
}

/// A timescale's due date and state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimescaleDue {
    pub due: Option<NaiveDate>,
    pub state: State,
}

/// One case. Every key is always present (null or empty when there is nothing), so scripts can
/// rely on them; they are listed in the README.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseloadRow {
    pub path: PathBuf,
    pub case: String,
    pub children: Vec<String>,
    pub lead_worker: Option<String>,
    pub next_core_group: Option<TimescaleDue>,
    /// A meeting is open (or was left unfinished) on the case.
    pub meeting_in_progress: bool,
    /// The last core group, when its minutes have not gone out.
    pub minutes_to_circulate: Option<String>,
    /// Members whose signed agreement from the last core group has not come back.
    pub agreements_outstanding: usize,
    pub next_visit: Option<TimescaleDue>,
    pub next_visit_alone: Option<TimescaleDue>,
    pub review_conference: Option<TimescaleDue>,
    pub overdue_actions: usize,
    pub drift: Vec<Flag>,
    /// The last meeting's folder name, to open it.
    pub last_meeting: Option<String>,
    /// Why the case (or part of it) could not be read.
    pub error: Option<String>,
    /// Whether the drift evidence has its notes (see [`explain`]); a row is made without them.
    #[serde(skip)]
    pub explained: bool,
}

impl CaseloadRow {
    fn failed(path: &Path, error: String) -> CaseloadRow {
        CaseloadRow {
            path: path.to_path_buf(),
            case: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            children: Vec::new(),
            lead_worker: None,
            next_core_group: None,
            meeting_in_progress: false,
            minutes_to_circulate: None,
            agreements_outstanding: 0,
            next_visit: None,
            next_visit_alone: None,
            review_conference: None,
            overdue_actions: 0,
            drift: Vec::new(),
            last_meeting: None,
            error: Some(error),
            explained: true,
        }
    }

    fn dues(&self) -> impl Iterator<Item = &TimescaleDue> {
        [
            &self.next_core_group,
            &self.next_visit,
            &self.next_visit_alone,
            &self.review_conference,
        ]
        .into_iter()
        .flatten()
    }

    /// Most urgent first: unreadable cases (someone must look), then the most overdue
    /// timescales, overdue actions, drift, due soon, then the soonest date due.
    fn urgency(&self) -> impl Ord + use<> {
        let count = |s: State| self.dues().filter(|d| d.state == s).count();
        let soonest = self
            .dues()
            .filter(|d| !matches!(d.state, State::Met | State::MetLate))
            .filter_map(|d| d.due)
            .min()
            .unwrap_or(NaiveDate::MAX);
        let late_minutes = usize::from(self.minutes_to_circulate.is_some());
        (
            std::cmp::Reverse(self.error.is_some() && self.children.is_empty()),
            std::cmp::Reverse(count(State::Overdue)),
            std::cmp::Reverse(self.overdue_actions),
            std::cmp::Reverse(self.drift.len()),
            std::cmp::Reverse(count(State::DueSoon) + late_minutes),
            soonest,
            self.case.clone(),
        )
    }
}

/// Every case folder under `roots` (a folder holding `plan.yaml`; a case's own folders are not
/// searched), and every folder that could not be searched with its error.
pub fn find_cases(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    let mut stack: Vec<PathBuf> = roots.iter().rev().cloned().collect();
    while let Some(dir) = stack.pop() {
        if crate::store::files::is_file(&dir.join(PLAN_FILE)) {
            cases.push(dir);
            continue;
        }
        if crate::store::making::cut_short(&dir) {
            let (message, hint) = crate::store::making::cut_short_message(&dir);
            errors.push((dir, format!("{message}; {hint}")));
            continue;
        }
        if crate::store::setup_draft::in_progress(&dir) {
            // Not a case yet, but one is on its way: listed, so it is not forgotten.
            let message = format!(
                "being set up, not saved yet: `coregroup new {}` goes on with it",
                dir.display()
            );
            errors.push((dir, message));
            continue;
        }
        let entries = match crate::store::files::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                errors.push((dir, format!("cannot read this folder: {e}")));
                continue;
            }
        };
        let mut subs: Vec<PathBuf> = entries
            .into_iter()
            .filter(|e| e.kind == crate::store::files::EntryKind::Dir)
            .filter(|e| {
                let name = e.name.to_string_lossy();
                !name.starts_with('.') && name != MEETINGS_DIR && name != STATE_DIR
            })
            .map(|e| e.path)
            .collect();
        subs.sort();
        stack.extend(subs.into_iter().rev());
    }
    cases.sort();
    cases.dedup();
    (cases, errors)
}

/// One row from a case's records on `today`.
pub fn row(records: &CaseRecords, today: NaiveDate) -> CaseloadRow {
    let current = records.current();
    let status = case_status(
        &records.plan,
        &records.log,
        &records.agenda.policy,
        &records.cal,
        today,
    );
    let due = |s: &Status, key: &str| {
        s.timescales
            .iter()
            .find(|t| t.key == key)
            .map(|t| TimescaleDue {
                due: t.due,
                state: t.state,
            })
    };
    let last = current.last_core_group();
    let minutes_to_circulate = last
        .filter(|cg| cg.minutes_circulated.is_none())
        .map(|cg| cg.date.to_string());
    let agreements_outstanding = last
        .map(|cg| {
            let signs = records.agenda.policy.lead_worker_signs_agreement;
            agreements_outstanding(&current, &records.log, cg, signs).len()
        })
        .unwrap_or(0);
    let error = (!records.problems.is_empty()).then(|| records.problems.join("\n"));
    CaseloadRow {
        path: records.case.root().to_path_buf(),
        case: current.case.reference.clone(),
        children: current.children.iter().map(|c| c.name.clone()).collect(),
        lead_worker: current
            .case
            .lead_worker
            .as_deref()
            .map(|id| current.member_name(id).to_string()),
        next_core_group: due(&status, "next-core-group"),
        meeting_in_progress: crate::store::journal::Journal::find(&records.case).is_some(),
        minutes_to_circulate,
        agreements_outstanding,
        next_visit: due(&status, "next-visit"),
        next_visit_alone: due(&status, "next-visit-alone"),
        review_conference: due(&status, "next-review-conference"),
        overdue_actions: status.overdue_actions.len(),
        drift: records.drift(&current, today),
        last_meeting: records.facts.last().map(|m| m.id.clone()),
        error,
        explained: false,
    }
}

/// The caseload under `roots` on `today`, most urgent first, from each case's figures (the drift
/// evidence without its notes: see [`explain`]). Cases are read on as many threads as the
/// machine has cores, each taking the next case as it frees up; each agenda is read once.
pub fn caseload(roots: &[PathBuf], today: NaiveDate) -> Vec<CaseloadRow> {
    let (cases, unreadable) = find_cases(roots);
    let agendas: Mutex<HashMap<String, Result<Agenda, AgendaError>>> = Mutex::new(HashMap::new());
    let agenda = |name: &str| -> Result<Agenda, AgendaError> {
        if let Some(a) = agendas.lock().ok().and_then(|m| m.get(name).cloned()) {
            return a;
        }
        let a = crate::store::agenda_files::load(name);
        if let Ok(mut m) = agendas.lock() {
            m.insert(name.to_string(), a.clone());
        }
        a
    };
    let mut rows: Vec<CaseloadRow> = cases
        .iter()
        .map(|p| CaseloadRow::failed(p, String::new()))
        .collect();
    on_cores(&mut rows, |r| {
        let path = r.path.clone();
        let read =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(
                || match CaseRecords::load_facts(&path, &agenda, true) {
                    Ok(records) => row(&records, today),
                    Err(e) => CaseloadRow::failed(&path, e.to_string()),
                },
            ));
        // A case that panicked still gets its row, so nothing vanishes from the list.
        *r = read.unwrap_or_else(|_| {
            CaseloadRow::failed(&path, "reading this case failed unexpectedly".into())
        });
    });
    rows.extend(
        unreadable
            .into_iter()
            .map(|(p, e)| CaseloadRow::failed(&p, e)),
    );
    rows.sort_by_cached_key(|r| r.urgency());
    rows
}

/// Complete the drift evidence of `row`: the note beside each score, read from the meetings its
/// flags cite. Rows are made from the figures alone, so listing needs no text of any record;
/// this is for when the evidence is shown (`--drift`, YAML and JSON, the screen's detail pane).
pub fn explain(row: &mut CaseloadRow) {
    if row.explained {
        return;
    }
    row.explained = true;
    if row.drift.is_empty() {
        return;
    }
    if let Ok(case) = crate::store::CaseFolder::open(&row.path) {
        super::records::add_notes(&case, &mut row.drift);
    }
}

/// [`explain`] every row, on as many threads as there are cores.
pub fn explain_all(rows: &mut [CaseloadRow]) {
    on_cores(rows, explain);
}

/// Run `work` on each item, the items shared out among the machine's cores as they free up.
fn on_cores<T: Send>(items: &mut [T], work: impl Fn(&mut T) + Sync) {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len());
    if threads <= 1 {
        items.iter_mut().for_each(work);
        return;
    }
    let queue = Mutex::new(items.iter_mut());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some(item) = queue.lock().ok().and_then(|mut q| q.next()) {
                    work(item);
                }
            });
        }
    });
}

/// Write `n` fictional cases of realistic size under `dir` (which must be new or empty), each
/// with its past meetings and the plan each left, following `agenda`; the same `seed` gives the
/// same cases. The number of meetings
/// and actions written.
pub fn generate(
    dir: &Path,
    n: usize,
    seed: u64,
    today: NaiveDate,
    agenda: &Agenda,
) -> Result<(usize, usize), CaseError> {
    use crate::agenda::AgendaSnapshot;
    use crate::domain::large_caseload;
    use crate::store::CaseFolder;
    use crate::store::case::MINUTES_FILE;
    use crate::store::files::{create_dir_private, replace_unsynced, sync_dir};
    use crate::store::meeting_files::MinutesFile;

    let io = |p: &Path, e: std::io::Error| CaseError::at(p, e);
    if crate::store::files::exists(dir)
        && !crate::store::files::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .is_empty()
    {
        return Err(CaseloadError::NotEmpty(dir.to_path_buf()).into());
    }
    let snapshot = AgendaSnapshot::of(agenda);
    create_dir_private(dir).map_err(|e| io(dir, e))?;
    let (mut meetings, mut actions) = (0, 0);
    for i in 0..n {
        let generated = large_caseload::case(i, today, seed);
        let case = CaseFolder::at(&dir.join(format!("case-{:04}", i + 1)));
        crate::store::plan_write::create_plan(&case, &generated.plan)
            .map_err(|e| io(case.root(), e))?;
        meetings += generated.meetings.len();
        actions += generated.plan.actions.len();
        for (meeting, plan) in generated.meetings {
            let folder = case.meeting_dir(&meeting.id);
            create_dir_private(&case.meetings_dir()).map_err(|e| io(&folder, e))?;
            create_dir_private(&folder).map_err(|e| io(&folder, e))?;
            // Fictional data written in bulk: atomic and owner-only, without waiting for the
            // disk after each of thousands of files.
            let text = crate::store::plan_yaml::to_string(&plan)?;
            replace_unsynced(&folder.join(PLAN_FILE), text.as_bytes())
                .map_err(|e| io(&folder, e))?;
            let file = MinutesFile::new(meeting, snapshot.clone());
            let text = crate::store::yaml::to_string(&file)?;
            replace_unsynced(&folder.join(MINUTES_FILE), text.as_bytes())
                .map_err(|e| io(&folder, e))?;
        }
    }
    sync_dir(dir).map_err(|e| io(dir, e))?;
    Ok((meetings, actions))
}

#[cfg(test)]
#[path = "caseload_tests.rs"]
mod tests;
