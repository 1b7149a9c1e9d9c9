//! `coregroup log`: record what happened between meetings, or list the case log.

use chrono::NaiveDate;

use super::args::{ActionArgs, ActionStatusArg, DecisionArg, LogArgs, LogEvent, VisitArgs, When};
use super::{CliError, day_or_today, parse_day};
use crate::cases::edit_plan::{self, PlanEdit, Said};
use crate::cases::log_event::{happened, meeting_id};
use crate::cases::members;
use crate::cases::open_case::{Log as OpenLog, OpenCase};
use crate::domain::case_log::{self as cl, Event, current_plan};
use crate::domain::plan::{ActionStatus, ChildSeen, Member, Plan};
use crate::domain::privacy::Privacy;
use crate::store::{CaseFolder, case_log};

pub fn run(a: &LogArgs) -> Result<String, CliError> {
    let Some(event_args) = &a.event else {
        return list(&super::open_case(&a.dir, OpenLog::Read)?);
    };
    if let LogEvent::Action(x) = event_args {
        let open = super::open_case(&a.dir, OpenLog::Read)?;
        // Members who joined through the log can be named too.
        return action(&open.case, &open.current(), x);
    }
    // The log is read once, under its lock: the timescales before and after the event are
    // judged from the log the event is added to.
    let mut open = super::open_case(&a.dir, OpenLog::Hold)?;
    // Members who joined through the log can be named too.
    let current = open.current();
    let event = build(&open, &current, event_args)?;
    let day = event.date();
    let today = day_or_today(when(event_args).today.as_deref(), "--today")?;
    let logged = open.log_event(event, today)?;
    let mut out = format!(
        "Logged for {}: {}\n  in {}\n",
        day.format("%a %-d %b %Y"),
        logged.line,
        case_log::path(&open.case).display(),
    );
    if let Some(entry) = logged.withdrew {
        out.push_str(&format!(
            "  The entry stays in the log, marked withdrawn, and counts nowhere: {entry}\n"
        ));
    }
    let changed: Vec<String> = logged
        .changed
        .into_iter()
        .map(|t| {
            let due = t
                .due
                .map(|d| d.format("%a %-d %b %Y").to_string())
                .unwrap_or_else(|| "—".into());
            format!("  {}: {} (due {due})", t.label, t.state.label())
        })
        .collect();
    if let Some(by) = logged.not_counted {
        out.push_str(&format!(
            "  Not counted as the lead worker's visit: {by} is not a social worker (the \
             agenda's visits_by_other_agencies_count is off).\n"
        ));
    }
    if changed.is_empty() {
        out.push_str("No timescale changed.\n");
    } else {
        out.push_str(&format!("Timescales now:\n{}\n", changed.join("\n")));
    }
    Ok(out)
}

fn list(open: &OpenCase) -> Result<String, CliError> {
    let (plan, log) = (&open.plan, &open.log);
    if log.entries().is_empty() {
        return Ok(format!(
            "The log of {} is empty.\n  hint: `coregroup log --help` lists the events you can record\n",
            plan.case.reference
        ));
    }
    let current = current_plan(plan, log);
    let mut out = format!("The log of {}:\n", plan.case.reference);
    for (e, withdrawn) in log.listing() {
        let head = format!(
            "  {}  {}  {:<18} ",
            e.id(),
            e.date().format("%a %-d %b %Y"),
            e.kind(),
        );
        out.push_str(&format!("{head}{}\n", e.describe(&current)));
        // Under the entry's own words.
        if let Some(w) = withdrawn {
            let indent = " ".repeat(head.chars().count());
            out.push_str(&format!("{indent}{}\n", w.line(&current)));
        }
    }
    Ok(out)
}

/// The day an event happened. Events are logged once they have happened, so a weekday name
/// means the last such day (today included) and a day still to come is refused.
fn happened_on(when: &When) -> Result<NaiveDate, CliError> {
    let today = day_or_today(when.today.as_deref(), "--today")?;
    let Some(text) = when.date.as_deref() else {
        return Ok(today);
    };
    let day = crate::domain::date_entry::parse_happened(text, today)
        .map_err(|e| CliError::Said(format!("--date: {}\n  hint: {}", e.message, e.hint)))?
        .date;
    happened(day, today).map_err(|e| CliError::Said(format!("--date: {e}\n  hint: {}", e.hint())))
}

/// `--outcome ID=TEXT` and `--new-outcome CHILD=TEXT` as the outcomes a review conference set;
/// a new outcome takes the next free id.
fn set_outcomes(
    plan: &Plan,
    reworded: &[String],
    new: &[String],
) -> Result<Vec<cl::SetOutcome>, CliError> {
    let split = |flag: &str, arg: &str| -> Result<(String, String), CliError> {
        match arg.split_once('=') {
            Some((key, text)) if !key.trim().is_empty() && !text.trim().is_empty() => {
                Ok((key.trim().to_string(), text.trim().to_string()))
            }
            _ => Err(CliError::Said(format!(
                "{flag}: \"{arg}\" is not KEY=TEXT\n  hint: write it like {flag} o2=\"the new wording\""
            ))),
        }
    };
    let mut out = Vec::new();
    for arg in reworded {
        let (id, text) = split("--outcome", arg)?;
        if plan.outcome(&id).is_none() {
            let ids: Vec<&str> = plan.outcomes.iter().map(|o| o.id.as_str()).collect();
            return Err(CliError::Said(format!(
                "--outcome: the plan has no outcome `{id}`\n  hint: its outcomes are {}; a new one is --new-outcome CHILD=TEXT",
                ids.join(", ")
            )));
        }
        out.push(cl::SetOutcome {
            id,
            child: None,
            text,
        });
    }
    let mut ids: Vec<String> = plan.outcomes.iter().map(|o| o.id.clone()).collect();
    for arg in new {
        let (who, text) = split("--new-outcome", arg)?;
        let child = child(plan, &who, "--new-outcome")?;
        let id = Plan::next_id("o", ids.iter().map(String::as_str));
        ids.push(id.clone());
        out.push(cl::SetOutcome {
            id,
            child: Some(child),
            text,
        });
    }
    Ok(out)
}

/// `--child NAME=HOW[:WHY]` for each child on their own; empty when every `--child` is a bare
/// name (the visit's own flags then speak for each child named).
fn visit_children(plan: &Plan, v: &VisitArgs) -> Result<Vec<ChildSeen>, CliError> {
    if !v.children.iter().any(|c| c.contains('=')) {
        return Ok(Vec::new());
    }
    if v.seen_alone || v.not_seen {
        return Err(CliError::Said(
            "--seen-alone and --not-seen are for a visit whose children are named alone; with \
             --child NAME=HOW each child says how they were seen\n  hint: --child kayla=alone \
             --child alfie=too-young"
                .into(),
        ));
    }
    let mut out: Vec<ChildSeen> = Vec::new();
    for arg in &v.children {
        let (name, how) = arg.split_once('=').unwrap_or((arg.as_str(), "seen"));
        let id = child(plan, name.trim(), "--child")?;
        if out.iter().any(|c| c.child == id) {
            return Err(CliError::Said(format!(
                "--child: {id} is given twice\n  hint: give each child once"
            )));
        }
        let seen = ChildSeen::parse(&id, how).map_err(|e| {
            CliError::Said(format!(
                "--child {arg}: {e}\n  hint: --child kayla=alone, --child alfie=too-young, \
                 --child ben=\"not-seen:at his father's\""
            ))
        })?;
        out.push(seen);
    }
    Ok(out)
}

fn member(plan: &Plan, query: &str) -> Result<String, CliError> {
    members::find(plan, query)
        .map(|m| m.id.clone())
        .map_err(CliError::from)
}

fn child(plan: &Plan, query: &str, flag: &str) -> Result<String, CliError> {
    if plan.child(query).is_some() {
        return Ok(query.to_string());
    }
    let needle = query.to_lowercase();
    let found: Vec<_> = plan
        .children
        .iter()
        .filter(|c| !needle.is_empty() && c.name.to_lowercase().contains(&needle))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id.clone()),
        _ => Err(CliError::Said(format!(
            "{flag}: \"{query}\" names {} child\n  hint: the children are {}",
            if found.is_empty() {
                "no"
            } else {
                "more than one"
            },
            plan.children
                .iter()
                .map(|c| format!("{} ({})", c.id, c.name))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn build(open: &OpenCase, plan: &Plan, event: &LogEvent) -> Result<Event, CliError> {
    let case = &open.case;
    let meeting = |given: Option<&String>| {
        meeting_id(case, plan, given.map(String::as_str)).map_err(CliError::from)
    };
    Ok(match event {
        LogEvent::Visit(v) => {
            let each = visit_children(plan, v)?;
            Event::Visit(cl::Visit {
                date: happened_on(&v.when)?,
                by: match v.by.as_deref() {
                    Some(b) => Some(member(plan, b)?),
                    None => plan.case.lead_worker.clone(),
                },
                children: if each.is_empty() {
                    v.children
                        .iter()
                        .map(|c| child(plan, c, "--child"))
                        .collect::<Result<_, _>>()?
                } else {
                    Vec::new()
                },
                seen: !v.not_seen,
                seen_alone: v.seen_alone,
                bedroom_seen: match (v.bedroom_seen, v.bedroom_not_seen) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                why_not: v.why_not.clone().unwrap_or_default(),
                each,
            })
        }
        LogEvent::Circulated(c) => Event::Circulated(cl::Circulated {
            date: happened_on(&c.when)?,
            meeting: meeting(c.meeting.as_ref())?,
            to: c
                .to
                .iter()
                .map(|m| member(plan, m))
                .collect::<Result<_, _>>()?,
            reason: c.reason.clone(),
        }),
        LogEvent::AgreementReturned(r) => Event::AgreementReturned(cl::AgreementReturned {
            date: happened_on(&r.when)?,
            member: member(plan, &r.member)?,
            meeting: meeting(r.meeting.as_ref())?,
        }),
        LogEvent::ReviewConference(r) => {
            let date = happened_on(&r.when)?;
            let next = match &r.next {
                // The next review counts forward from the conference, not from today.
                Some(n) => Some(parse_day(n, date, "--next")?),
                None => None,
            };
            Event::ReviewConference(cl::ReviewConference {
                date,
                decision: match r.decision {
                    DecisionArg::Continue => cl::Decision::Continue,
                    DecisionArg::End => cl::Decision::End,
                },
                outcomes_changed: r.outcomes_changed.clone(),
                outcomes: set_outcomes(plan, &r.outcomes, &r.new_outcomes)?,
                next,
            })
        }
        LogEvent::CoreAssessment(w) => Event::CoreAssessment(cl::Dated {
            date: happened_on(w)?,
        }),
        LogEvent::Birth(b) => Event::Birth(cl::Birth {
            date: happened_on(&b.when)?,
            child: child(plan, &b.child, "--child")?,
            name: b
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from),
        }),
        LogEvent::ChangeReported(c) => Event::ChangeReported(cl::ChangeReported {
            date: happened_on(&c.when)?,
            what: c.what.clone(),
            by: c.by.as_deref().map(|b| member(plan, b)).transpose()?,
            circumstance: c.circumstance.clone(),
        }),
        LogEvent::MemberJoins(j) => {
            let id = match &j.id {
                Some(id) => id.clone(),
                None => members::new_id(plan),
            };
            Event::MemberJoins(cl::MemberJoins {
                date: happened_on(&j.when)?,
                member: Member {
                    privacy: Default::default(),
                    id,
                    name: j.name.clone(),
                    role: j.role.clone(),
                    agency: j.agency.clone(),
                    family: j.family,
                    email: j.email.clone(),
                    phone: None,
                    title: None,
                    preferred_name: None,
                    language: j.language.clone(),
                    address: j.address.clone(),
                    withhold_address: j.withhold_address,
                    joined: None,
                    left: None,
                },
            })
        }
        LogEvent::MemberLeaves(m) => Event::MemberLeaves(cl::MemberChange {
            date: happened_on(&m.when)?,
            member: member(plan, &m.member)?,
        }),
        LogEvent::LeadWorker(m) => Event::LeadWorker(cl::MemberChange {
            date: happened_on(&m.when)?,
            member: member(plan, &m.member)?,
        }),
        LogEvent::ResolutionRequest(r) => Event::ResolutionRequest(cl::ResolutionRequest {
            date: happened_on(&r.when)?,
            by: r.by.as_deref().map(|b| member(plan, b)).transpose()?,
        }),
        LogEvent::Tier1Meeting(w) => Event::Tier1Meeting(cl::Dated {
            date: happened_on(w)?,
        }),
        LogEvent::Tier2Meeting(w) => Event::Tier2Meeting(cl::Dated {
            date: happened_on(w)?,
        }),
        LogEvent::Withdraw(w) => {
            let reason = w.reason.trim();
            if reason.is_empty() {
                return Err(CliError::Said(
                    "--reason: say why the entry is wrong\n  hint: --reason \"logged against the wrong case\"".into(),
                ));
            }
            let log = &open.log;
            let id = w.id.trim();
            let dir = case.root().display();
            let Some(entry) = log.find(id).filter(|e| !matches!(e, Event::Withdrawn(_))) else {
                return Err(CliError::Said(format!(
                    "the log of {} has no entry `{id}`\n  hint: `coregroup log {dir}` lists the entries with their ids",
                    plan.case.reference
                )));
            };
            if let Some(before) = log.withdrawal_of(id) {
                return Err(CliError::Said(format!(
                    "entry {id} ({}) was withdrawn already, on {}: {}\n  hint: `coregroup log {dir}` lists the entries and what was withdrawn",
                    entry.describe(plan),
                    before.date.format("%a %-d %b %Y"),
                    before.reason
                )));
            }
            Event::Withdrawn(cl::Withdrawn {
                date: happened_on(&w.when)?,
                entry: id.to_string(),
                by: match w.by.as_deref() {
                    Some(b) => Some(member(plan, b)?),
                    None => plan.case.lead_worker.clone(),
                },
                reason: reason.to_string(),
            })
        }
        LogEvent::DisagreementResolved(d) => {
            if !plan.disagreements.iter().any(|x| x.id == d.disagreement) {
                let open: Vec<String> = crate::domain::disagreements::open(plan)
                    .iter()
                    .map(|x| format!("{} (about {})", x.id, x.about.trim()))
                    .collect();
                return Err(CliError::Said(format!(
                    "the case has no disagreement `{}`\n  hint: {}",
                    d.disagreement,
                    if open.is_empty() {
                        "no disagreement is open".to_string()
                    } else {
                        format!("the open ones are {}", open.join(", "))
                    }
                )));
            }
            if let Some(end) = plan
                .disagreements
                .iter()
                .find(|x| x.id == d.disagreement)
                .and_then(|x| x.ending())
            {
                return Err(CliError::Said(format!(
                    "disagreement {} has already ended: {}\n  hint: `coregroup status DIR` lists the open ones",
                    d.disagreement,
                    crate::domain::disagreements::describe(plan, end)
                )));
            }
            if d.how.trim().is_empty() {
                return Err(CliError::Said(
                    "say how it was resolved\n  hint: coregroup log DIR disagreement-resolved d1 \"agreed at a meeting with the team manager\"".into(),
                ));
            }
            Event::DisagreementResolved(cl::DisagreementResolved {
                date: happened_on(&d.when)?,
                disagreement: d.disagreement.clone(),
                how: d.how.trim().to_string(),
                // A member named is kept by id; any other name as typed.
                by: match d.by.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
                    Some(b) => {
                        members::find(plan, b).map_or_else(|_| b.to_string(), |m| m.id.clone())
                    }
                    None => String::new(),
                },
                privacy: crate::domain::privacy::Privacy {
                    confidential: d.confidential,
                    not_for: d
                        .not_for
                        .iter()
                        .map(|m| member(plan, m))
                        .collect::<Result<_, _>>()?,
                },
            })
        }
        LogEvent::Action(_) => {
            return Err(CliError::Said(
                "an action's change is kept in its history in plan.yaml, not in the log".into(),
            ));
        }
    })
}

/// The date options every event takes.
fn when(event: &LogEvent) -> &When {
    match event {
        LogEvent::Visit(v) => &v.when,
        LogEvent::Circulated(c) => &c.when,
        LogEvent::AgreementReturned(r) => &r.when,
        LogEvent::ReviewConference(r) => &r.when,
        LogEvent::CoreAssessment(w) | LogEvent::Tier1Meeting(w) | LogEvent::Tier2Meeting(w) => w,
        LogEvent::ChangeReported(c) => &c.when,
        LogEvent::Birth(b) => &b.when,
        LogEvent::MemberJoins(j) => &j.when,
        LogEvent::MemberLeaves(m) | LogEvent::LeadWorker(m) => &m.when,
        LogEvent::ResolutionRequest(r) => &r.when,
        LogEvent::Withdraw(w) => &w.when,
        LogEvent::DisagreementResolved(d) => &d.when,
        LogEvent::Action(a) => &a.when,
    }
}

/// `log DIR action a3 achieved --note ...`: the change goes into the action's history in
/// plan.yaml (the one record of it; `status`, the caseload and drift read the plan), through
/// the same edit the case screen saves.
fn action(case: &CaseFolder, plan: &Plan, a: &ActionArgs) -> Result<String, CliError> {
    let date = happened_on(&a.when)?;
    if plan.action(&a.action).is_none() {
        let ids: Vec<&str> = plan.actions.iter().map(|x| x.id.as_str()).collect();
        return Err(CliError::Said(format!(
            "the plan has no action \"{}\"\n  hint: the actions are {}",
            a.action,
            ids.join(", ")
        )));
    }
    let status = a.status.map(|s| match s {
        ActionStatusArg::NotStarted => ActionStatus::NotStarted,
        ActionStatusArg::InProgress => ActionStatus::InProgress,
        ActionStatusArg::Achieved => ActionStatus::Achieved,
        ActionStatusArg::NotAchieved => ActionStatus::NotAchieved,
        ActionStatusArg::NoLongerNeeded => ActionStatus::NoLongerNeeded,
    });
    let due = match &a.due {
        Some(d) => Some(Some(parse_day(d, date, "--due")?)),
        None => None,
    };
    let owner = match &a.owner {
        Some(o) => Some(Some(member(plan, o)?)),
        None => None,
    };
    if status.is_none() && due.is_none() && owner.is_none() && a.note.is_none() {
        return Err(CliError::Said(
            "nothing to record for the action\n  hint: give its status (achieved, not-achieved, no-longer-needed, in-progress), --due, --owner or --note".into(),
        ));
    }
    // A member named by id or name is kept by id; anyone else by the name as typed.
    let by = match a.by.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        Some(b) => Some(members::find(plan, b).map_or_else(|_| b.to_string(), |m| m.id.clone())),
        None => plan.case.lead_worker.clone(),
    };
    let edit = PlanEdit::Action {
        id: a.action.clone(),
        what: None,
        owner,
        due,
        status,
        said: Said {
            date,
            by,
            why: a.note.clone().unwrap_or_default(),
            privacy: Privacy::marked(a.confidential),
        },
    };
    let basis = edit_plan::basis(case).map_err(CliError::from)?;
    let line = edit_plan::edit_plan(case, &basis, &edit).map_err(CliError::from)?;
    Ok(format!(
        "Recorded for {}: {line}\n  in the action's history in {}\n",
        date.format("%a %-d %b %Y"),
        case.root().join("plan.yaml").display()
    ))
}
