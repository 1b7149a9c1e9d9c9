//! Opening a case, as every command on one case does first: what a crash left half-done is
//! finished (a close, a set-up's draft), the plan is refused as `check` refuses it, and the
//! plan, its log, its agenda and its calendar are each read once, for the command to judge and
//! change the case from.

use std::path::Path;

use chrono::NaiveDate;

use crate::cases::error::{CaseError, LogError, OpenError};
use crate::cases::meeting_check::{problem_line, shown};
use crate::domain::agenda::Agenda;
use crate::domain::calendar::Calendar;
use crate::domain::case_log::{CaseLog, Event, current_plan};
use crate::domain::plan::Plan;
use crate::domain::status::{Status, case_status};
use crate::domain::timescale::Timescale;
use crate::domain::validate::{Severity, validate};
use crate::domain::visits::counts;
use crate::store::CaseFolder;
use crate::store::calendar_files::load_calendar;
use crate::store::case_log::{self, Held};
use crate::store::plan_cache::PlanSource;

/// Finds an agenda by name or path (`store::agenda_files::load`, or a cache of it).
pub type Agendas<'a> = &'a dyn Fn(&str) -> Result<Agenda, crate::store::agenda_files::AgendaError>;

/// A case as a command opened it.
#[derive(Debug)]
pub struct OpenCase {
    pub case: CaseFolder,
    /// `plan.yaml` as it reads, without the case log applied.
    pub plan: Plan,
    /// Which bytes of `plan.yaml` it was read from.
    pub source: PlanSource,
    pub log: CaseLog,
    pub agenda: Agenda,
    pub cal: Calendar,
    /// What finishing an interrupted close did, and the conflict files left to deal with: for
    /// the command to say (on stderr, or on its screen).
    pub notices: Vec<String>,
    /// The log's lock, when the case was opened to add to its log.
    held: Option<Held>,
}

/// Whether the command adds to the log: then the log is read under its lock, held until the
/// case is dropped, so what it judged the case by is what it adds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Log {
    Read,
    Hold,
}

impl OpenCase {
    /// Open the case at `dir`: finish what a crash left, refuse a plan `check` rejects, read the
    /// plan, log, agenda and calendar.
    pub fn open(dir: &Path, agendas: Agendas, log: Log) -> Result<OpenCase, OpenError> {
        let case = CaseFolder::open(dir)?;
        let notices = finish_interrupted(&case)?;
        let (plan, source, agenda) = checked_plan(&case, agendas)?;
        let cal = load_calendar(Some(case.root()), plan.case.division)?;
        let (held, log) = match log {
            Log::Read => (None, case_log::load(&case)?),
            Log::Hold => {
                let (held, log) = Held::read(&case)?;
                (Some(held), log)
            }
        };
        Ok(OpenCase {
            case,
            plan,
            source,
            log,
            agenda,
            cal,
            notices,
            held,
        })
    }

    /// Read the case at `dir` as it is, with nothing finished and the plan not checked (the
    /// caseload, reading many cases, and [`crate::cases::records`]).
    pub fn read(dir: &Path, agendas: Agendas) -> Result<OpenCase, CaseError> {
        let case = CaseFolder::open(dir)?;
        let (plan, source) = case.open_plan()?;
        let log = case_log::load(&case)?;
        let agenda = agendas(&plan.case.agenda)?;
        let cal = load_calendar(Some(case.root()), plan.case.division)?;
        Ok(OpenCase {
            case,
            plan,
            source,
            log,
            agenda,
            cal,
            notices: Vec::new(),
            held: None,
        })
    }

    /// The plan as the case log leaves it.
    pub fn current(&self) -> Plan {
        current_plan(&self.plan, &self.log)
    }

    /// Every timescale of the case on `today`, as `status` judges it.
    pub fn status(&self, today: NaiveDate) -> Status {
        case_status(&self.plan, &self.log, &self.agenda.policy, &self.cal, today)
    }

    /// Add `event` to the log held since the case was opened ([`Log::Hold`]), or else read
    /// under its lock now; the log kept here is the log as written. What it came to is judged
    /// from the log before and after: the entry a withdrawal withdrew, the timescales it
    /// changed on `today`, and whether a visit counts as the lead worker's.
    pub fn log_event(&mut self, event: Event, today: NaiveDate) -> Result<EventLogged, LogError> {
        use crate::cases::log_event::log_held;
        // Members who joined through the log are named as the log names them.
        let current = self.current();
        let before = self.status(today).timescales;
        let withdrew = match &event {
            Event::Withdrawn(w) => self.log.find(&w.entry).map(|e| e.describe(&current)),
            _ => None,
        };
        let not_counted = match &event {
            Event::Visit(v) if !counts(&current, (&self.agenda.policy).into(), v.by.as_deref()) => {
                Some(
                    v.by.as_deref()
                        .map_or("", |b| current.member_name(b))
                        .to_string(),
                )
            }
            _ => None,
        };
        let line = match &self.held {
            Some(held) => log_held(held, &mut self.log, &self.plan, event, today)?,
            None => {
                let (held, mut log) = Held::read(&self.case)?;
                let line = log_held(&held, &mut log, &self.plan, event, today)?;
                self.log = log;
                line
            }
        };
        let changed = self
            .status(today)
            .timescales
            .into_iter()
            .filter(|t| !before.contains(t))
            .collect();
        Ok(EventLogged {
            line,
            withdrew,
            changed,
            not_counted,
        })
    }
}

/// What adding an event to the log came to, for the command to say.
#[derive(Debug)]
pub struct EventLogged {
    /// The event in one line, as the log lists it.
    pub line: String,
    /// The entry a withdrawal withdrew, in its own words: it stays in the log, counting nowhere.
    pub withdrew: Option<String>,
    /// The timescales the event changed, as they now stand.
    pub changed: Vec<Timescale>,
    /// A visit by someone whose visits do not count as the lead worker's (not a social worker,
    /// and the agenda does not count other agencies' visits): who made it.
    pub not_counted: Option<String>,
}

/// Finish what a crash left half-done on the case (a close, temporary files, a set-up's draft
/// beside its plan); what was done, in one line each, and the conflict files still to deal
/// with. Skipped while another coregroup has the case open: it may be closing.
pub fn finish_interrupted(case: &CaseFolder) -> Result<Vec<String>, OpenError> {
    // Listed by every command until the user has dealt with them (one the finishing below
    // writes, it names).
    let conflicts = crate::store::plan_write::conflict_files(case)
        .into_iter()
        .map(|f| {
            format!(
                "{}: {}",
                f.display(),
                crate::store::plan_write::CONFLICT_HINT
            )
        });
    let Ok((_lock, _)) = crate::store::Lock::acquire(case) else {
        return Ok(conflicts.collect());
    };
    let mut notices = crate::store::recovery::finish(case)?;
    notices.extend(conflicts);
    // A set-up cut short between writing the plan and removing its draft: the plan is the case.
    if crate::store::setup_draft::in_progress(case.root()) {
        crate::store::setup_draft::discard(case.root(), false).map_err(OpenError::Draft)?;
    }
    Ok(notices)
}

/// The case's plan, the bytes it was read from and its agenda, refused when `check` would list
/// an error in it (the plan's own problems and an agenda that cannot be found), with the same
/// lines.
pub fn checked_plan(
    case: &CaseFolder,
    agendas: Agendas,
) -> Result<(Plan, PlanSource, Agenda), OpenError> {
    let (plan, source) = case.open_plan()?;
    let path = case.plan_path();
    let mut lines: Vec<String> = validate(&plan)
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| problem_line(&path, p))
        .collect();
    let agenda = agendas(&plan.case.agenda);
    match agenda {
        Ok(agenda) if lines.is_empty() => Ok((plan, source, agenda)),
        agenda => {
            lines.extend(agenda.err().map(|e| agenda_line(&path, &e.to_string())));
            Err(OpenError::Plan {
                lines,
                root: shown(case.root()),
            })
        }
    }
}

/// The line `check` prints when the plan's agenda cannot be loaded.
pub fn agenda_line(plan_path: &Path, error: &str) -> String {
    format!("{}: error: case.agenda: {error}", shown(plan_path))
}
