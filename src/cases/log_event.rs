//! Logging an event in a case: checked against the plan, added to `log.yaml` atomically, and
//! described back as the log will show it.

use chrono::NaiveDate;

use crate::cases::error::{CaseError, FieldProblem, LogError, MeetingError, StillToCome};
use crate::domain::case_log::{CaseLog, Event, current_plan, meeting_date, validate};
use crate::domain::plan::Plan;
use crate::store::case_log::Held;
use crate::store::{CaseFolder, StoreError};

/// `day`, when it has happened by `today` (today included).
pub fn happened(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, StillToCome> {
    if day > today {
        return Err(StillToCome { day, today });
    }
    Ok(day)
}

/// Add `event` to the case's log on `today`; the line it shows as. Nothing is written when the
/// event is dated after `today`, names someone or something the case does not have, or when the
/// log holds it already (the same event, by its id: a command run again after it was cut short,
/// or two at once; the check is made under the log's lock, so only one of two at once adds it).
pub fn log_event(
    case: &CaseFolder,
    plan: &Plan,
    event: Event,
    today: NaiveDate,
) -> Result<String, LogError> {
    let (held, mut log) = Held::read(case)?;
    log_held(&held, &mut log, plan, event, today)
}

/// [`log_event`] into a log already read under its lock ([`Held::read`]): `log` is the log as
/// written afterwards, so the caller judges the case after the event without reading it again.
pub fn log_held(
    held: &Held,
    log: &mut CaseLog,
    plan: &Plan,
    event: Event,
    today: NaiveDate,
) -> Result<String, LogError> {
    happened(event.date(), today)?;
    let mut added = log.clone();
    let line = add(&mut added, plan, event)?;
    held.save(&added)?;
    *log = added;
    Ok(line)
}

/// `event` added to `log` unless it holds it already; the line it shows as.
fn add(log: &mut CaseLog, plan: &Plan, event: Event) -> Result<String, LogError> {
    let id = event.id();
    if log.find(&id).is_some() {
        let current = current_plan(plan, log);
        if let Some(w) = log.withdrawal_of(&id) {
            return Err(LogError::Withdrawn {
                event: event.describe(&current),
                id,
                on: w.date,
                reason: w.reason.clone(),
            });
        }
        return Ok(format!(
            "{} (already in the log as {id}: nothing was added)",
            event.describe(&current)
        ));
    }
    let at = format!("[{}].", log.entries().len());
    log.push(event);
    let problems: Vec<FieldProblem> = validate(log, plan)
        .into_iter()
        .filter(|p| p.path.starts_with(&at))
        .map(|p| FieldProblem {
            field: p.path[at.len()..].to_string(),
            message: p.message,
            hint: p.hint,
        })
        .collect();
    if !problems.is_empty() {
        return Err(LogError::Invalid(problems));
    }
    let current = current_plan(plan, log);
    Ok(log
        .entries()
        .last()
        .map(|e| e.describe(&current))
        .unwrap_or_default())
}

/// The meeting an event is about: the one named (a folder under `meetings/`, or a core group
/// the plan records), else the latest recorded.
pub fn meeting_id(
    case: &CaseFolder,
    plan: &Plan,
    given: Option<&str>,
) -> Result<String, CaseError> {
    let folders = case.meeting_ids().map_err(|error| StoreError::Read {
        path: case.meetings_dir(),
        error,
    })?;
    match given {
        Some(id) => {
            let in_plan = meeting_date(id)
                .is_some_and(|d| plan.key_dates.core_groups.iter().any(|g| g.date == d));
            if folders.iter().any(|f| f == id) || (in_plan && id.len() == 10) {
                Ok(id.to_string())
            } else {
                Err(MeetingError::NoneToLog {
                    id: id.to_string(),
                    known: known(plan, &folders),
                }
                .into())
            }
        }
        None => {
            if let Some(last) = folders.last() {
                return Ok(last.clone());
            }
            plan.last_core_group()
                .map(|g| g.date.format("%Y-%m-%d").to_string())
                .ok_or(MeetingError::NoneRecorded.into())
        }
    }
}

fn known(plan: &Plan, folders: &[String]) -> String {
    let mut ids: Vec<String> = folders.to_vec();
    for g in &plan.key_dates.core_groups {
        let id = g.date.format("%Y-%m-%d").to_string();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        "none yet".into()
    } else {
        ids.join(", ")
    }
}
