//! Closing a meeting: turning the draft into the final record and the plan the meeting leaves.
//!
//! The table of changes to the plan is derived here by comparing the plan before the meeting
//! with the draft's, rather than logged as the meeting goes, so it is always true to what the
//! two plans say, whatever order things were typed in.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::action_history::{self, ChangeOf};
use super::meeting::{ChangeKind, Details, Draft, Meeting, PlanChange, Was};
use super::plan::{Action, ActionUpdate, CoreGroupHeld, Made, Member, Origin, Plan};
use super::privacy::Privacy;
use crate::domain::agenda::Agenda;

/// The escalation decision (an agenda's `decisions` key) that starts the Welsh resolution
/// process.
pub const START_RESOLUTION: &str = "start-resolution";

/// What closing a meeting produces: the record to keep and the plan as the meeting left it.
#[derive(Clone, Debug, PartialEq)]
pub struct Closed {
    pub meeting: Meeting,
    pub plan: Plan,
}

/// When the meeting ended: the end time the chair gave, on the meeting's day, else the clock at
/// the close. Never before it started: `Err` says what to correct, and the meeting stays open.
pub fn ended_at(details: &Details, clock: NaiveDateTime) -> Result<NaiveDateTime, EndsBeforeStart> {
    let end = match (details.date, details.end_time) {
        (Some(day), Some(t)) => day.and_time(t),
        _ => clock,
    };
    if let Some(start) = started_at(details)
        && end < start
    {
        return Err(EndsBeforeStart { start, end });
    }
    Ok(end)
}

fn started_at(details: &Details) -> Option<NaiveDateTime> {
    Some(details.date?.and_time(details.time?))
}

/// An end time before the start: what to correct, and the meeting stays open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "the meeting would end at {}, before it started at {}: correct the start or the end \
     time on the close step",
    self.at(self.end),
    self.at(self.start)
)]
pub struct EndsBeforeStart {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

impl EndsBeforeStart {
    /// A time on the meeting's day by the clock alone, another with its day.
    fn at(&self, t: NaiveDateTime) -> String {
        if t.date() == self.start.date() {
            t.format("%H:%M").to_string()
        } else {
            t.format("%H:%M on %a %-d %b %Y").to_string()
        }
    }
}

/// The times as the close checklist checks them before the close: an end time given that is
/// before the start.
pub fn times_missing(details: &Details) -> Option<String> {
    let start = started_at(details)?;
    let end = details.date?.and_time(details.end_time?);
    (end < start).then(|| EndsBeforeStart { start, end }.to_string())
}

/// The item a change of the contingency plan names in the table of changes.
pub const CONTINGENCY: &str = "contingency-plan";

/// Close `draft`, held on a case whose plan was `before` when the meeting opened. `missing` is
/// what the close checklist found missing when the chair closed anyway. Pure and deterministic.
pub fn close(before: &Plan, draft: &Draft, agenda: &Agenda, missing: &[String]) -> Closed {
    let mut meeting = draft.meeting.clone();
    let mut plan = draft.plan.clone();
    if meeting.agenda.trim().is_empty() {
        meeting.agenda = agenda.name.clone();
    }
    let date = meeting_date(&meeting);

    for o in &mut plan.outcomes {
        if o.origin == Origin::CoreGroup && o.added.is_none() && before.outcome(&o.id).is_none() {
            o.added = date;
        }
    }

    // Indexed once: a long-running case has thousands of actions, and looking each one up by a
    // scan made closing quadratic.
    let before_actions: HashMap<&str, &Action> =
        before.actions.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut reviews: HashMap<&str, (&str, &Privacy)> = HashMap::new();
    for r in &meeting.action_reviews {
        reviews.insert(r.action.as_str(), (r.note.as_str(), &r.privacy));
    }
    let mut changes = Vec::new();
    join_guests(&meeting, &mut plan, &mut changes);
    for o in &plan.outcomes {
        match before.outcome(&o.id) {
            None => changes.push(PlanChange::of(&o.id, ChangeKind::OutcomeAdded, Vec::new())),
            Some(old) if old.text != o.text => changes.push(PlanChange::of(
                &o.id,
                ChangeKind::OutcomeChanged,
                vec![Was::Reworded],
            )),
            Some(_) => {}
        }
    }
    for a in &mut plan.actions {
        let Some(old) = before_actions.get(a.id.as_str()).copied() else {
            changes.push(PlanChange::of(&a.id, ChangeKind::ActionAdded, Vec::new()));
            let (note, privacy) = latest_note(&a.history[..], None).unwrap_or_else(|| {
                (
                    "Agreed at the core group meeting.".into(),
                    Privacy::default(),
                )
            });
            a.history.clear();
            if let Some(date) = date {
                record(a, date, note, privacy);
            }
            continue;
        };
        // The meeting says one thing about each action: its status at the end, with the
        // latest note given for it, whatever was changed on the way.
        let added = a.history.get(old.history.len()..).unwrap_or_default();
        let (review_note, note_privacy) =
            latest_note(added, reviews.get(a.id.as_str()).copied()).unwrap_or_default();
        // The meeting only ever appends to a history, so cutting back to the old length restores it.
        a.history.truncate(old.history.len());
        let edits = edits(old, a);
        let mut touched = false;
        if !edits.is_empty() {
            changes.push(PlanChange::of(
                &a.id,
                ChangeKind::ActionChanged,
                edits.clone(),
            ));
            touched = true;
        }
        if old.status != a.status {
            changes.push(PlanChange::of(
                &a.id,
                ChangeKind::ActionStatus,
                vec![Was::Status(old.status)],
            ));
            touched = true;
        }
        if let Some(date) = date
            && (touched || !review_note.is_empty())
        {
            // The history keeps what changed, never a copy of the action's words (they have
            // their own privacy).
            let how = ChangeOf {
                date,
                by: None,
                why: review_note,
                privacy: note_privacy,
                made: Made::Meeting,
            };
            // A meeting's change needs no reason of its own: it cannot be refused.
            let _ = action_history::record(old, a, how);
        }
    }
    if plan.contingency_plan != before.contingency_plan {
        changes.push(PlanChange::of(
            CONTINGENCY,
            ChangeKind::ContingencyChanged,
            vec![Was::Reworded],
        ));
    }
    meeting.plan_changes = changes;
    meeting.missing_at_close = missing.to_vec();
    if let Some(date) = date {
        super::disagreements::carry(&mut plan, &meeting, date);
    }

    if let Some(date) = date {
        let chair = meeting
            .details
            .chair
            .as_deref()
            .map(|id| meeting.person_name(&plan, id).to_string());
        plan.key_dates.core_groups.push(CoreGroupHeld {
            date,
            minutes_circulated: None,
            agreements_returned: None,
            chair,
            minute_taker: meeting.minute_taker_name(&plan).map(str::to_string),
            // What the meeting was shown of the log, so what is logged later that day is not
            // taken as known to it.
            events_shown: meeting
                .since_last_meeting
                .iter()
                .filter_map(|e| e.id.clone())
                .collect(),
        });
        // Stable, so two meetings on one day keep the order they were held in.
        plan.key_dates.core_groups.sort_by_key(|c| c.date);
    }
    // What the meeting agreed feeds the case: the next meeting's date, and in Wales the date
    // the resolution process was asked for, from which its Tier 1 dates run.
    if let Some(next) = meeting.next_meeting.date {
        plan.key_dates.next_core_group = Some(next);
    }
    if agenda.policy.resolution.is_some()
        && meeting
            .escalation
            .decisions
            .iter()
            .any(|d| d == START_RESOLUTION)
        && plan.key_dates.resolution_requested.is_none()
    {
        plan.key_dates.resolution_requested = date;
    }
    Closed { meeting, plan }
}

/// Guests who joined the core group, or who own an action (the plan names every owner among
/// its members), become members of the plan the meeting leaves.
fn join_guests(meeting: &Meeting, plan: &mut Plan, changes: &mut Vec<PlanChange>) {
    for g in &meeting.guests {
        let owns = plan
            .actions
            .iter()
            .any(|a| a.owner.as_deref() == Some(&g.id));
        if !(g.joins || owns) || plan.member(&g.id).is_some() {
            continue;
        }
        plan.members.push(Member {
            id: g.id.clone(),
            name: g.name.clone(),
            role: g.role.clone(),
            agency: g.agency.clone(),
            family: g.is_family(),
            email: None,
            phone: None,
            title: None,
            preferred_name: None,
            language: None,
            address: None,
            withhold_address: false,
            joined: meeting_date(meeting),
            left: None,
            privacy: g.privacy.clone(),
        });
        changes.push(PlanChange::of(&g.id, ChangeKind::MemberJoined, Vec::new()));
    }
}

/// The meeting's date, or the date its id starts with when the details lack one.
pub fn meeting_date(meeting: &Meeting) -> Option<NaiveDate> {
    meeting.details.date.or_else(|| {
        meeting
            .id
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    })
}

/// The last note given for an action in this meeting, with who may read it: the newest entry
/// the meeting added with a note, else the note its review gave.
fn latest_note(
    added: &[ActionUpdate],
    review: Option<(&str, &Privacy)>,
) -> Option<(String, Privacy)> {
    added
        .iter()
        .rev()
        .map(|u| (u.note.trim(), &u.privacy))
        .find(|(n, _)| !n.is_empty())
        .or(review
            .map(|(n, p)| (n.trim(), p))
            .filter(|(n, _)| !n.is_empty()))
        .map(|(n, p)| (n.to_string(), p.clone()))
}

/// Append a dated update unless the same one is already the last (a re-close adds nothing):
/// an action the meeting added, agreed at it.
fn record(action: &mut Action, date: NaiveDate, note: String, privacy: Privacy) {
    let update = ActionUpdate {
        date,
        status: action.status,
        by: None,
        changed: Vec::new(),
        made: Made::Meeting,
        note,
        privacy,
    };
    if action.history.last() != Some(&update) {
        action.history.push(update);
    }
}

/// What was edited on an action: what each edited part was before.
fn edits(old: &Action, new: &Action) -> Vec<Was> {
    let mut out = Vec::new();
    if old.what != new.what {
        out.push(Was::Reworded);
    }
    if old.owner != new.owner {
        out.push(Was::Owner(old.owner.clone()));
    }
    if old.due != new.due {
        out.push(Was::Due(old.due));
    }
    if old.outcome != new.outcome {
        out.push(Was::Outcome(old.outcome.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;
    use crate::domain::meeting::{ActionReview, Change};
    use crate::domain::plan::{ActionStatus, Outcome};

    fn agenda() -> Agenda {
        yaml_serde::from_str(include_str!("../../agendas/core-group.yaml")).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn draft() -> (Plan, Draft) {
        let today = day(2026, 11, 24);
        let before = example::plan(today);
        let mut meeting = Meeting::new("2026-11-24".into(), "core-group".into(), today, &before);
        meeting.details.chair = Some("school".into());
        meeting.next_meeting.date = Some(day(2027, 1, 5));
        (before.clone(), Draft::new(meeting, before))
    }

    #[test]
    fn an_unchanged_plan_gives_no_changes_but_records_the_meeting() {
        let (before, d) = draft();
        let closed = close(&before, &d, &agenda(), &[]);
        assert!(closed.meeting.plan_changes.is_empty());
        let last = closed.plan.key_dates.core_groups.last().unwrap();
        assert_eq!(last.date, day(2026, 11, 24));
        assert_eq!(last.chair.as_deref(), Some("Tom Ridley"));
        assert_eq!(closed.plan.actions, before.actions);
    }

    #[test]
    fn additions_edits_and_status_changes_are_listed_and_dated() {
        let (before, mut d) = draft();
        d.apply(Change::Outcome(Outcome {
            id: "o6".into(),
            child: "kayla".into(),
            text: "Kayla has a trusted adult at school.".into(),
            origin: Origin::CoreGroup,
            also_for: Vec::new(),
            added: None,
        }))
        .unwrap();
        let mut a = before.action("a2").unwrap().clone();
        a.due = Some(day(2026, 12, 18));
        d.apply(Change::Action(a)).unwrap();
        let mut new = before.action("a1").unwrap().clone();
        new.id = "a13".into();
        new.history.clear();
        d.apply(Change::Action(new)).unwrap();
        d.apply(Change::ActionReview(ActionReview {
            privacy: Default::default(),
            action: "a6".into(),
            status: ActionStatus::Achieved,
            note: "Review done at home.".into(),
        }))
        .unwrap();

        let missing = vec!["the child's views are not recorded".to_string()];
        let closed = close(&before, &d, &agenda(), &missing);
        let kinds: Vec<_> = closed
            .meeting
            .plan_changes
            .iter()
            .map(|c| (c.item.as_str(), c.change))
            .collect();
        assert_eq!(
            kinds,
            [
                ("o6", ChangeKind::OutcomeAdded),
                ("a2", ChangeKind::ActionChanged),
                ("a6", ChangeKind::ActionStatus),
                ("a13", ChangeKind::ActionAdded),
            ]
        );
        // Each row names what the item was; its words are made from the item when rendered.
        assert_eq!(
            closed.meeting.plan_changes[2].before,
            [Was::Status(ActionStatus::InProgress)]
        );
        assert!(matches!(
            closed.meeting.plan_changes[1].before.as_slice(),
            [Was::Due(_)]
        ));
        assert!(
            closed
                .meeting
                .plan_changes
                .iter()
                .all(|c| c.detail.is_empty())
        );
        assert_eq!(closed.meeting.missing_at_close, missing);

        let a6 = closed.plan.action("a6").unwrap();
        assert_eq!(a6.status, ActionStatus::Achieved);
        let last = a6.history.last().unwrap();
        assert_eq!(
            (last.date, last.status, last.note.as_str()),
            (
                day(2026, 11, 24),
                ActionStatus::Achieved,
                "Review done at home."
            )
        );
        assert_eq!(closed.plan.action("a13").unwrap().history.len(), 1);
        assert_eq!(
            closed.plan.outcome("o6").unwrap().added,
            Some(day(2026, 11, 24))
        );
        // Untouched actions keep their history as it was.
        assert_eq!(closed.plan.action("a3"), before.action("a3"));
    }

    #[test]
    fn closing_is_deterministic() {
        let (before, mut d) = draft();
        d.apply(Change::ActionReview(ActionReview {
            privacy: Default::default(),
            action: "a1".into(),
            status: ActionStatus::NotAchieved,
            note: String::new(),
        }))
        .unwrap();
        let a = close(&before, &d, &agenda(), &[]);
        let b = close(&before, &d, &agenda(), &[]);
        assert_eq!(a, b);
    }

    #[test]
    fn a_meeting_without_a_date_takes_it_from_its_id() {
        let (before, mut d) = draft();
        d.meeting.details.date = None;
        let closed = close(&before, &d, &agenda(), &[]);
        assert_eq!(
            closed.plan.key_dates.core_groups.last().unwrap().date,
            day(2026, 11, 24)
        );
    }
}
