//! Everything recorded in a case, read once: the plan, the case log, the agenda it follows, its
//! calendar, and each closed meeting's record with the plan it left. Drift, the caseload and the
//! report to the review conference are all worked out from this.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::cases::error::CaseError;
use crate::cases::open_case::OpenCase;
use crate::domain::agenda::Agenda;
use crate::domain::calendar::Calendar;
use crate::domain::case_log::{CaseLog, current_plan};
use crate::domain::drift::{self, Flag, MeetingFacts};
use crate::domain::meeting::Meeting;
use crate::domain::plan::Plan;
use crate::domain::validate::same_case;
use crate::store::CaseFolder;
use crate::store::case::PLAN_FILE;

/// A closed meeting: its folder name, its record and the plan it wrote (when that reads).
#[derive(Clone, Debug)]
pub struct MeetingRecord {
    pub id: String,
    pub meeting: Meeting,
    pub plan: Option<Plan>,
}

#[derive(Clone, Debug)]
pub struct CaseRecords {
    pub case: CaseFolder,
    pub plan: Plan,
    pub log: CaseLog,
    pub agenda: Agenda,
    pub cal: Calendar,
    /// Oldest first; empty when read with [`CaseRecords::load_facts`].
    pub meetings: Vec<MeetingRecord>,
    /// What drift needs from each meeting, oldest first; with [`CaseRecords::load_facts`] the
    /// figures alone (see [`add_notes`]).
    pub facts: Vec<MeetingFacts>,
    /// What could not be read (a meeting's record or plan), each with its file and hint; the
    /// rest of the case is still there.
    pub problems: Vec<String>,
}

impl CaseRecords {
    /// Read the case at `root`. `agenda` finds an agenda by name (the caller may cache them).
    /// Fails only when the plan, the log, the agenda or the calendar cannot be read.
    pub fn load(
        root: &Path,
        agenda: &dyn Fn(&str) -> Result<Agenda, crate::store::agenda_files::AgendaError>,
    ) -> Result<CaseRecords, CaseError> {
        Ok(CaseRecords::load_facts(root, agenda, false)?.with_meetings())
    }

    /// Every closed meeting's record and the plan it left, read into records made with
    /// [`CaseRecords::of`] (without facts) or [`CaseRecords::load_facts`].
    pub fn with_meetings(self) -> CaseRecords {
        let mut r = self;
        let case = r.case.clone();
        let mut problems = Vec::new();
        let ids = case.meeting_ids().unwrap_or_else(|e| {
            problems.push(format!("{}: {e}", case.meetings_dir().display()));
            Vec::new()
        });
        let mut meetings = Vec::with_capacity(ids.len());
        for id in ids {
            let meeting = match case.load_meeting(&id) {
                Ok(m) => m,
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
            };
            // An old meeting folder may hold no plan: then only its record counts.
            let plan = if crate::store::files::exists(&case.meeting_dir(&id).join(PLAN_FILE)) {
                case.load_meeting_plan(&id)
                    .map_err(|e| problems.push(e.to_string()))
                    .ok()
            } else {
                None
            };
            // A folder copied in from another case is not this case's meeting.
            if let Some(p) = plan.as_ref().and_then(|p| same_case(&r.plan, p)) {
                let file = case.meeting_dir(&id).join(PLAN_FILE);
                problems.push(format!("{}: {p}", file.display()));
                continue;
            }
            meetings.push(MeetingRecord { id, meeting, plan });
        }
        r.facts = meetings
            .iter()
            .map(|m| MeetingFacts::of(&m.id, &m.meeting, m.plan.as_ref()))
            .collect();
        r.meetings = meetings;
        r.problems = problems;
        r
    }

    /// The plan, log, agenda and calendar, and (with `facts`) the figures drift needs from each
    /// of the meetings it looks at, through the copies in `.coregroup/` where the files have not
    /// changed; the meetings' full records, and older meetings, are not read.
    pub fn load_facts(
        root: &Path,
        agenda: &dyn Fn(&str) -> Result<Agenda, crate::store::agenda_files::AgendaError>,
        facts: bool,
    ) -> Result<CaseRecords, CaseError> {
        Ok(CaseRecords::of(OpenCase::read(root, agenda)?, facts))
    }

    /// The records of a case already opened ([`OpenCase`]: its plan, log, agenda and calendar,
    /// not read again), with (`facts`) the figures drift needs, as [`CaseRecords::load_facts`].
    pub fn of(open: OpenCase, facts: bool) -> CaseRecords {
        let OpenCase {
            case,
            plan,
            source,
            log,
            agenda,
            cal,
            ..
        } = open;
        let (facts, problems) = if facts {
            let last = drift::meetings_looked_at(&agenda.policy);
            let (f, p) = crate::store::facts_cache::load(&case, last, Some((source.print, &plan)));
            (f, p.into_iter().map(|e| e.to_string()).collect())
        } else {
            (Vec::new(), Vec::new())
        };
        CaseRecords {
            case,
            plan,
            log,
            agenda,
            cal,
            meetings: Vec::new(),
            facts,
            problems,
        }
    }

    /// The plan as the case log leaves it, each meeting's agreement returned as the procedure
    /// counts it.
    pub fn current(&self) -> Plan {
        crate::domain::case_log::with_agreements(
            current_plan(&self.plan, &self.log),
            &self.log,
            self.agenda.policy.lead_worker_signs_agreement,
        )
    }

    /// Every drift flag on `today`.
    pub fn drift(&self, current: &Plan, today: NaiveDate) -> Vec<Flag> {
        drift::drift(current, &self.facts, &self.agenda.policy, &self.cal, today)
    }
}

/// What the chair needs from the meetings before a meeting on `today`: the case's drift, each
/// flag with its evidence (the notes beside the scores read for the flags shown), each
/// outcome's last score, and the records that do not read, left out.
#[derive(Debug, Default)]
pub struct EarlierMeetings {
    pub drift: Vec<String>,
    pub last_scores: HashMap<String, u8>,
    pub unread: Vec<String>,
}

/// Read [`EarlierMeetings`] of the case at `root`.
pub fn earlier_meetings(root: &Path, today: NaiveDate) -> Result<EarlierMeetings, CaseError> {
    let r = CaseRecords::load_facts(root, &crate::store::agenda_files::load, true)?;
    // Read as figures: the notes beside the scores are read for the flags shown.
    let mut flags = r.drift(&r.current(), today);
    add_notes(&r.case, &mut flags);
    Ok(EarlierMeetings {
        drift: flags.iter().map(|f| f.with_evidence()).collect(),
        last_scores: drift::last_scores(&r.facts),
        unread: r.problems,
    })
}

/// Put the note beside each score back into flags worked out from the figures alone (as
/// [`CaseRecords::load_facts`] reads them), from the records of the meetings they cite, each
/// read once. A record that does not read leaves its evidence as it is: the case's problems
/// already say why.
pub fn add_notes(case: &CaseFolder, flags: &mut [Flag]) {
    let mut read: HashMap<String, Option<Meeting>> = HashMap::new();
    drift::add_notes(flags, &mut |id, outcome| {
        let m = read
            .entry(id.to_string())
            .or_insert_with(|| case.load_meeting(id).ok())
            .as_ref()?;
        let p = m.outcome_progress.iter().find(|p| p.outcome == outcome)?;
        Some(p.note.clone())
    });
}
