//! Drift: "no positive change probably means the case is drifting". Each flag is worked out from
//! the meetings' records (and the plan each left), and the plan as the case log leaves it, and
//! carries its evidence: which meetings, which scores, which dates. The thresholds are the
//! agenda's (`Policy::drift`, `child_seen_alone_every`, `minutes_circulated_within`,
//! `resolution`), never constants here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::Calendar;
use super::case_dates::{meeting_dates, visit_due};
use super::case_log::meeting_date;
use super::id::Id;
use super::meeting::{ActionReview, Attendance, Meeting, OutcomeProgress, Presence};
use super::plan::{ActionStatus, Plan};
use super::resolution::trigger;
use crate::domain::agenda::Policy;

/// What drift needs from one meeting held: its scores, the actions it reviewed, who came, and
/// the due date of each action in the plan it left. Small, so a caseload can keep it for each
/// meeting instead of reading every record again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingFacts {
    /// The meeting's folder name.
    pub id: String,
    pub date: Option<NaiveDate>,
    pub progress: Vec<OutcomeProgress>,
    /// The actions the meeting reviewed as not (yet) achieved, without their notes.
    pub reviews: Vec<ActionReview>,
    /// Who came, without the summaries of written updates.
    pub attendance: Vec<Attendance>,
    /// Each action's due date in the plan the meeting left; `None` when that plan is not kept.
    pub dues: Option<Vec<(Id, Option<NaiveDate>)>>,
}

impl MeetingFacts {
    pub fn of(id: &str, meeting: &Meeting, plan: Option<&Plan>) -> MeetingFacts {
        MeetingFacts {
            id: id.to_string(),
            date: meeting.details.date.or_else(|| meeting_date(id)),
            progress: meeting.outcome_progress.clone(),
            // Only an action reviewed unachieved can drift; the rest need not be kept.
            reviews: meeting
                .action_reviews
                .iter()
                .filter(|r| unachieved(r.status))
                .map(|r| ActionReview {
                    note: String::new(),
                    ..r.clone()
                })
                .collect(),
            attendance: meeting
                .attendance
                .iter()
                .map(|a| Attendance {
                    written_update_summary: String::new(),
                    ..a.clone()
                })
                .collect(),
            dues: plan.map(|p| p.actions.iter().map(|a| (a.id.clone(), a.due)).collect()),
        }
    }

    /// The facts without their words (the note beside each score): the figures a caseload keeps
    /// for every meeting. The notes are read again only when the evidence is shown
    /// ([`add_notes`]).
    pub fn figures(mut self) -> MeetingFacts {
        for p in &mut self.progress {
            p.note.clear();
            p.privacy = Default::default();
        }
        for r in &mut self.reviews {
            r.privacy = Default::default();
        }
        for a in &mut self.attendance {
            a.privacy = Default::default();
        }
        self
    }
}

/// A score as evidence: the score, and the note beside it when there is one.
fn scored(score: u8, note: &str) -> String {
    if note.is_empty() {
        format!("scored {score}")
    } else {
        format!("scored {score}: {note}")
    }
}

/// Put the note beside each score back into the evidence of the outcome flags worked out from
/// figures alone: `note(meeting, outcome)` finds it in that meeting's record.
pub fn add_notes(flags: &mut [Flag], note: &mut dyn FnMut(&str, &str) -> Option<String>) {
    let outcome =
        |k: DriftKind| matches!(k, DriftKind::OutcomeFallen | DriftKind::OutcomeNotRising);
    for f in flags.iter_mut().filter(|f| outcome(f.kind)) {
        for e in &mut f.evidence {
            let Some(score) = e
                .detail
                .strip_prefix("scored ")
                .and_then(|s| s.parse().ok())
            else {
                continue; // already has its note
            };
            if let Some(n) = note(&e.source, &f.subject) {
                e.detail = scored(score, &n);
            }
        }
    }
}

/// What kind of drift; the keys are fixed (they appear in `caseload --format yaml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DriftKind {
    OutcomeFallen,
    OutcomeNotRising,
    ActionCarriedOver,
    ActionRedated,
    AgencyAbsent,
    ChildNotSeenAlone,
    MinutesLate,
    ResolutionTrigger,
}

impl DriftKind {
    pub fn key(self) -> &'static str {
        match self {
            DriftKind::OutcomeFallen => "outcome-fallen",
            DriftKind::OutcomeNotRising => "outcome-not-rising",
            DriftKind::ActionCarriedOver => "action-carried-over",
            DriftKind::ActionRedated => "action-redated",
            DriftKind::AgencyAbsent => "agency-absent",
            DriftKind::ChildNotSeenAlone => "child-not-seen-alone",
            DriftKind::MinutesLate => "minutes-late",
            DriftKind::ResolutionTrigger => "resolution-trigger",
        }
    }
}

/// One line of evidence: where it comes from (a meeting's id, or `log`/`plan`) and what it shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub kind: DriftKind,
    /// The outcome, action or agency it is about (empty for the case as a whole).
    pub subject: String,
    /// One line, for lists and the chair's guidance.
    pub summary: String,
    pub evidence: Vec<Evidence>,
}

impl Flag {
    /// The summary and its evidence on one line.
    pub fn with_evidence(&self) -> String {
        format!("{} ({})", self.summary, self.evidence_text())
    }

    /// The evidence in words, each piece with where it comes from.
    pub fn evidence_text(&self) -> String {
        self.evidence
            .iter()
            .map(|e| {
                // A meeting's id is its date: it reads as the date, in words.
                let source = meeting_date(&e.source)
                    .map(|held| format!("meeting of {}", day(held)))
                    .unwrap_or_else(|| e.source.clone());
                match e.date {
                    Some(d) if !e.source.starts_with(&d.to_string()) => {
                        format!("{source} {}: {}", day(d), e.detail)
                    }
                    _ => format!("{source}: {}", e.detail),
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// A date inside a sentence, as people write it ("3 Nov 2026"); the YAML and JSON keep ISO.
fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// How many of the latest meetings drift looks at: two more than the longest run any rule
/// needs (an outcome's scores, an action carried over, its due dates and the one before, an
/// agency's absences). Drift is about the case now; so a caseload reads only these meetings,
/// and every screen that shows drift says the same.
pub fn meetings_looked_at(policy: &Policy) -> usize {
    let d = &policy.drift;
    let longest = [
        d.outcome_not_rising_over.max(2),
        d.action_carried_over,
        d.action_redated + 1,
        d.agency_absent_in_a_row,
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    longest as usize + 2
}

/// Each outcome's score at the last meeting (of `facts`, oldest first) that scored it.
pub fn last_scores(facts: &[MeetingFacts]) -> std::collections::HashMap<Id, u8> {
    let mut last = std::collections::HashMap::new();
    for f in facts {
        for p in &f.progress {
            if let Some(score) = p.score {
                last.insert(p.outcome.clone(), score);
            }
        }
    }
    last
}

/// Every drift flag on `today`. `current` is the plan as the case log leaves it; `held` the
/// meetings in any order, of which the latest [`meetings_looked_at`] count.
pub fn drift(
    current: &Plan,
    held: &[MeetingFacts],
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> Vec<Flag> {
    let mut held: Vec<&MeetingFacts> = held.iter().collect();
    held.sort_by_key(|h| (h.date, h.id.as_str()));
    let held = &held[held.len().saturating_sub(meetings_looked_at(policy))..];
    let mut out = Vec::new();
    out.extend(outcomes(current, held, policy));
    out.extend(actions(current, held, policy));
    out.extend(agencies(current, held, policy));
    out.extend(seen_alone(current, policy, cal, today));
    out.extend(minutes_late(current, policy, cal, today));
    out.extend(resolution(current, policy, cal, today));
    out
}

fn meeting_evidence(h: &MeetingFacts, detail: String) -> Evidence {
    Evidence {
        source: h.id.clone(),
        date: h.date,
        detail,
    }
}

/// An outcome whose score has fallen since the core group before, or has not risen over the
/// last `outcome_not_rising_over` core groups that scored it.
fn outcomes(current: &Plan, held: &[&MeetingFacts], policy: &Policy) -> Vec<Flag> {
    let window = policy.drift.outcome_not_rising_over.max(2) as usize;
    let mut out = Vec::new();
    for o in &current.outcomes {
        let scores: Vec<(&MeetingFacts, u8)> = held
            .iter()
            .filter_map(|h| {
                let p = h.progress.iter().find(|p| p.outcome == o.id)?;
                Some((*h, p.score?))
            })
            .collect();
        let n = scores.len();
        if n < 2 {
            continue;
        }
        let (last, prev) = (scores[n - 1].1, scores[n - 2].1);
        let (kind, shown) = if last < prev {
            (DriftKind::OutcomeFallen, &scores[n - 2..])
        } else if n >= window && last <= scores[n - window].1 {
            (DriftKind::OutcomeNotRising, &scores[n - window..])
        } else {
            continue;
        };
        let summary = match kind {
            DriftKind::OutcomeFallen => {
                format!("outcome {} has fallen from {prev} to {last}", o.id)
            }
            _ => format!(
                "outcome {} has not risen over the last {window} core groups",
                o.id
            ),
        };
        out.push(Flag {
            kind,
            subject: o.id.clone(),
            summary,
            evidence: shown
                .iter()
                .map(|(h, s)| {
                    let p = h.progress.iter().find(|p| p.outcome == o.id);
                    let note = p.map(|p| p.note.as_str()).unwrap_or_default();
                    meeting_evidence(h, scored(*s, note))
                })
                .collect(),
        });
    }
    out
}

fn unachieved(s: ActionStatus) -> bool {
    !matches!(s, ActionStatus::Achieved | ActionStatus::NoLongerNeeded)
}

/// An action still owed that meetings reviewed unachieved `action_carried_over` times, or whose
/// due date the plans the meetings left moved `action_redated` times.
fn actions(current: &Plan, held: &[&MeetingFacts], policy: &Policy) -> Vec<Flag> {
    let d = &policy.drift;
    let mut out = Vec::new();
    for a in current.actions.iter().filter(|a| unachieved(a.status)) {
        let carried: Vec<Evidence> = held
            .iter()
            .filter_map(|h| {
                let r = h.reviews.iter().find(|r| r.action == a.id)?;
                unachieved(r.status).then(|| meeting_evidence(h, r.status.label().to_string()))
            })
            .collect();
        if d.action_carried_over > 0 && carried.len() >= d.action_carried_over as usize {
            out.push(Flag {
                kind: DriftKind::ActionCarriedOver,
                subject: a.id.clone(),
                summary: format!(
                    "action {} carried over unachieved through {} meetings: {}",
                    a.id,
                    carried.len(),
                    a.what
                ),
                evidence: carried,
            });
        }
        let mut redated = Vec::new();
        let mut last_due: Option<NaiveDate> = None;
        let dues = held
            .iter()
            .filter_map(|h| {
                let due = h.dues.as_ref()?.iter().find(|x| x.0 == a.id)?.1;
                Some((h.id.clone(), h.date, due))
            })
            .chain(std::iter::once(("plan".to_string(), None, a.due)));
        for (source, date, due) in dues {
            if let (Some(before), Some(now)) = (last_due, due)
                && before != now
            {
                redated.push(Evidence {
                    source,
                    date,
                    detail: format!("due {} → {}", day(before), day(now)),
                });
            }
            last_due = due.or(last_due);
        }
        if d.action_redated > 0 && redated.len() >= d.action_redated as usize {
            out.push(Flag {
                kind: DriftKind::ActionRedated,
                subject: a.id.clone(),
                summary: format!(
                    "action {} re-dated {} times: {}",
                    a.id,
                    redated.len(),
                    a.what
                ),
                evidence: redated,
            });
        }
    }
    out
}

/// An agency none of whose members came or sent a written update, at the last
/// `agency_absent_in_a_row` meetings that expected it.
fn agencies(current: &Plan, held: &[&MeetingFacts], policy: &Policy) -> Vec<Flag> {
    let need = policy.drift.agency_absent_in_a_row as usize;
    if need == 0 {
        return Vec::new();
    }
    let mut names: Vec<&str> = current
        .members
        .iter()
        .filter(|m| !m.family && !m.agency.is_empty())
        .map(|m| m.agency.as_str())
        .collect();
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for agency in names {
        let mut run: Vec<Evidence> = Vec::new();
        for h in held {
            let rows: Vec<_> = h
                .attendance
                .iter()
                .filter(|r| {
                    current
                        .member(&r.member)
                        .is_some_and(|m| m.agency == agency)
                })
                .collect();
            if rows.is_empty() {
                continue; // not expected at this meeting
            }
            let absent = rows.iter().all(|r| {
                matches!(
                    r.presence,
                    Some(Presence::Apologies | Presence::DidNotAttend)
                ) && r.substitute.is_empty()
                    && !r.written_update
            });
            if !absent {
                run.clear();
                continue;
            }
            let who: Vec<String> = rows
                .iter()
                .map(|r| {
                    let presence = r.presence.map(|p| p.label()).unwrap_or_default();
                    format!("{} {presence}", current.member_name(&r.member))
                })
                .collect();
            run.push(meeting_evidence(
                h,
                format!("{}, no written update", who.join(", ")),
            ));
        }
        if run.len() >= need {
            out.push(Flag {
                kind: DriftKind::AgencyAbsent,
                subject: agency.to_string(),
                summary: format!(
                    "{agency} absent with no written update at {} meetings in a row",
                    run.len()
                ),
                evidence: run,
            });
        }
    }
    out
}

/// The child not seen alone within the agenda's `child_seen_alone_every`: the child whose
/// seen-alone date ([`visit_due`], as `status` shows it) has passed, the one due first; a child
/// not expected to be seen alone (too young, not yet born) is never drifting for it.
fn seen_alone(current: &Plan, policy: &Policy, cal: &Calendar, today: NaiveDate) -> Option<Flag> {
    let every = policy.child_seen_alone_every?;
    let named = current.children.len() > 1;
    let (due, from, what) = current
        .children
        .iter()
        .filter_map(|c| {
            let v = visit_due(current, policy, cal, c, true, today);
            let due = v.due?.date;
            let who = if named {
                format!("{} ", c.name)
            } else {
                String::new()
            };
            let (from, what) = match (v.last, v.from) {
                (Some(d), _) => (d, format!("{who}last seen alone")),
                (None, Some((d, since))) => (d, format!("{who}not seen alone since {since}")),
                (None, None) => return None,
            };
            Some((due, from, what))
        })
        .min_by_key(|(due, _, _)| *due)?;
    (today > due).then(|| Flag {
        kind: DriftKind::ChildNotSeenAlone,
        subject: String::new(),
        summary: format!("child not seen alone within {every} (due by {})", day(due)),
        evidence: vec![Evidence {
            source: "visits".into(),
            date: Some(from),
            detail: what,
        }],
    })
}

/// Minutes of the core groups since the last review conference that went out after
/// `minutes_circulated_within`, or have not gone out and are past it.
fn minutes_late(current: &Plan, policy: &Policy, cal: &Calendar, today: NaiveDate) -> Option<Flag> {
    let since = current.key_dates.review_conferences.iter().max().copied();
    let within = policy.minutes_circulated_within;
    let late: Vec<Evidence> = current
        .key_dates
        .core_groups
        .iter()
        .filter(|cg| since.is_none_or(|s| cg.date >= s))
        .filter_map(|cg| {
            let due = meeting_dates(cg.date, cg.minutes_circulated, policy.into(), cal)
                .circulate_by
                .in_practice();
            let detail = match cg.minutes_circulated {
                Some(c) if c > due => format!("circulated {}, due by {}", day(c), day(due)),
                None if today > due => format!("not circulated, due by {}", day(due)),
                _ => return None,
            };
            Some(Evidence {
                source: cg.date.to_string(),
                date: Some(cg.date),
                detail,
            })
        })
        .collect();
    (!late.is_empty()).then(|| Flag {
        kind: DriftKind::MinutesLate,
        subject: String::new(),
        summary: format!(
            "minutes of {} core group{} late (within {within})",
            late.len(),
            if late.len() == 1 { "" } else { "s" }
        ),
        evidence: late,
    })
}

/// Wales: the automatic resolution trigger reached (time on the register or the nth review
/// conference held).
fn resolution(current: &Plan, policy: &Policy, cal: &Calendar, today: NaiveDate) -> Option<Flag> {
    let r = policy.resolution.as_ref()?;
    let t = trigger(current, policy, cal)?;
    let mut evidence = Vec::new();
    if let Some(d) = t.time_on_register.filter(|d| *d <= today) {
        evidence.push(Evidence {
            source: "plan".into(),
            date: t.registered,
            detail: format!(
                "{} on the register from {}, reached {}",
                r.trigger_after,
                t.registered_from,
                day(d)
            ),
        });
    }
    let held = current.key_dates.review_conferences.len();
    if held >= r.trigger_review_conference as usize && r.trigger_review_conference > 0 {
        let mut reviews = current.key_dates.review_conferences.clone();
        reviews.sort();
        let nth = reviews[r.trigger_review_conference as usize - 1];
        evidence.push(Evidence {
            source: "review conferences".into(),
            date: Some(nth),
            detail: format!("review conference {} held", r.trigger_review_conference),
        });
    }
    if evidence.is_empty() {
        return None;
    }
    let requested = match current.key_dates.resolution_requested {
        Some(d) => format!("; requested {}", day(d)),
        None => "; no resolution request recorded".into(),
    };
    Some(Flag {
        kind: DriftKind::ResolutionTrigger,
        subject: String::new(),
        summary: format!("the resolution process is triggered{requested}"),
        evidence,
    })
}

#[cfg(test)]
#[path = "drift_tests.rs"]
mod tests;

/// What the review conference is told is late or drifting: every timescale `status` finds
/// overdue, every action it lists as overdue, and every drift flag. One value made from the
/// status and the flags, so no report can say "no drift" beside what `status` lists as late.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attention {
    pub timescales: Vec<super::timescale::Timescale>,
    pub actions: Vec<super::status::OverdueAction>,
    pub flags: Vec<Flag>,
}

impl Attention {
    pub fn of(status: &super::status::Status, flags: Vec<Flag>) -> Attention {
        Attention {
            timescales: status
                .timescales
                .iter()
                .filter(|t| t.state == super::timescale::State::Overdue)
                .cloned()
                .collect(),
            actions: status.overdue_actions.clone(),
            flags,
        }
    }

    /// Nothing late and no drift.
    pub fn is_empty(&self) -> bool {
        self.timescales.is_empty() && self.actions.is_empty() && self.flags.is_empty()
    }

    /// Whether the action is overdue.
    pub fn overdue(&self, action: &str) -> bool {
        self.actions.iter().any(|a| a.id == action)
    }
}
