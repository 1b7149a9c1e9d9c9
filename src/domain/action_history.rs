//! An action's history: every change of an action, wherever it is made (at a meeting, on the
//! case screen, by `coregroup log`, by hand in `plan.yaml`), goes into it through [`record`],
//! with who, when, why and what changed. The next meeting shows what changed since the last
//! one ([`since`]), and the minutes and the review report print it ([`describe`]).

use chrono::NaiveDate;

use super::id::Id;
use super::plan::{Action, ActionPart, ActionStatus, ActionUpdate, Made, Plan};
use super::privacy::Privacy;

/// Who made a change, when, why and where.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeOf {
    pub date: NaiveDate,
    /// A member's id or a name as typed; `None` at a meeting (the core group made it).
    pub by: Option<String>,
    pub why: String,
    /// Of `why`.
    pub privacy: Privacy,
    pub made: Made,
}

/// The parts of an action that differ between `before` and `after`.
pub fn parts(before: &Action, after: &Action) -> Vec<ActionPart> {
    let mut out = Vec::new();
    if before.status != after.status {
        out.push(ActionPart::Status {
            was: before.status,
            now: after.status,
        });
    }
    if before.due != after.due {
        out.push(ActionPart::Due {
            was: before.due,
            now: after.due,
        });
    }
    if before.owner != after.owner {
        out.push(ActionPart::Owner {
            was: before.owner.clone(),
            now: after.owner.clone(),
        });
    }
    if before.what.trim() != after.what.trim() {
        out.push(ActionPart::Reworded);
    }
    if before.outcome != after.outcome {
        out.push(ActionPart::Outcome {
            was: before.outcome.clone(),
            now: after.outcome.clone(),
        });
    }
    out
}

/// A new due date or status between meetings given without its reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "action {action}: {} between meetings needs its reason\n  hint: say why (the next meeting and the review report show it)",
    if *.due { "a new due date" } else { "a new status" }
)]
pub struct ReasonNeeded {
    pub action: Id,
    /// The due date changed; else the status.
    pub due: bool,
}

/// Record in `after`'s history how it changed from `before`, with who, when and why. The one
/// way an action's change is kept. Nothing is added when nothing changed and no reason was
/// given, nor when the same entry is already the last (a change saved or a meeting closed
/// twice). Between meetings a new due date or a new status needs its reason.
/// `Ok(true)` when an entry was added.
pub fn record(before: &Action, after: &mut Action, how: ChangeOf) -> Result<bool, ReasonNeeded> {
    let changed = parts(before, after);
    let why = how.why.trim();
    if changed.is_empty() && why.is_empty() {
        return Ok(false);
    }
    if how.made == Made::BetweenMeetings && why.is_empty() {
        let needs = changed
            .iter()
            .find(|p| matches!(p, ActionPart::Due { .. } | ActionPart::Status { .. }));
        if let Some(part) = needs {
            return Err(ReasonNeeded {
                action: after.id.clone(),
                due: matches!(part, ActionPart::Due { .. }),
            });
        }
    }
    let update = ActionUpdate {
        date: how.date,
        status: after.status,
        note: why.to_string(),
        by: how.by.filter(|b| !b.trim().is_empty()),
        changed,
        made: how.made,
        privacy: how.privacy,
    };
    if after.history.last() == Some(&update) {
        return Ok(false);
    }
    after.history.push(update);
    Ok(true)
}

/// The entries of `action`'s history made since the last meeting (held on `last`) up to and
/// including `until`: what the next meeting is shown as "changed since the last meeting".
pub fn since(action: &Action, last: Option<NaiveDate>, until: NaiveDate) -> Vec<&ActionUpdate> {
    action
        .history
        .iter()
        .filter(|h| !h.made.is_meeting())
        .filter(|h| last.is_none_or(|l| h.date >= l) && h.date <= until)
        .collect()
}

/// The action as the last meeting left it, brought up to date by the changes the history says
/// were made since (entries made between meetings, each part's `now`), against the action as
/// `plan.yaml` holds it: what differs was changed by hand. `None` when nothing was.
pub fn by_hand(last_meeting: &Action, since: &[&ActionUpdate], now: &Action) -> Option<Action> {
    let mut expected = last_meeting.clone();
    for h in since {
        for p in &h.changed {
            match p {
                ActionPart::Status { now, .. } => expected.status = *now,
                ActionPart::Due { now, .. } => expected.due = *now,
                ActionPart::Owner { now, .. } => expected.owner = now.clone(),
                ActionPart::Outcome { now, .. } => expected.outcome = now.clone(),
                ActionPart::Reworded => {}
            }
        }
        if h.changed.contains(&ActionPart::Reworded) {
            expected.what = now.what.clone();
        }
    }
    expected.history = now.history.clone();
    expected.privacy = now.privacy.clone();
    (!parts(&expected, now).is_empty()).then_some(expected)
}

/// Note in the history of each action of `plan` what was changed in `plan.yaml` by hand since
/// the last meeting left `last` (on `day`, by nobody known, with no reason), so the next meeting
/// sees it like any other change. Returns the ids of the actions noted.
pub fn note_hand_edits(last: &Plan, plan: &mut Plan, day: NaiveDate) -> Vec<String> {
    let held = last.last_core_group().map(|c| c.date);
    let mut noted = Vec::new();
    for a in &mut plan.actions {
        let Some(was) = last.action(&a.id) else {
            continue;
        };
        let between = since(a, held, day);
        let Some(expected) = by_hand(was, &between, a) else {
            continue;
        };
        let how = ChangeOf {
            date: day,
            by: None,
            why: String::new(),
            privacy: Privacy::default(),
            made: Made::ByHand,
        };
        if record(&expected, a, how).unwrap_or(false) {
            noted.push(a.id.clone());
        }
    }
    noted
}

/// Who made a change, in words: a member's name, a name as typed, or where it was made.
pub fn who(h: &ActionUpdate, plan: &Plan) -> String {
    match (&h.by, h.made) {
        (Some(by), _) => plan
            .member(by)
            .map_or_else(|| by.clone(), |m| m.name.clone()),
        (None, Made::Meeting) => "the core group meeting".into(),
        (None, Made::BetweenMeetings) => "not recorded".into(),
        (None, Made::ByHand) => "by hand in plan.yaml, who not recorded".into(),
    }
}

/// What an entry changed, in words: "due 1 Dec 2026 → 15 Dec 2026; achieved (was in progress)".
pub fn describe(h: &ActionUpdate, plan: &Plan) -> String {
    let date = |d: &Option<NaiveDate>| {
        d.map_or_else(
            || "no date".to_string(),
            |d| d.format("%-d %b %Y").to_string(),
        )
    };
    let owner = |o: &Option<String>| {
        o.as_deref().map_or_else(
            || "no owner".to_string(),
            |id| plan.member_name(id).to_string(),
        )
    };
    let words: Vec<String> = h
        .changed
        .iter()
        .map(|p| match p {
            ActionPart::Status { was, now } => format!("{} (was {})", now.label(), was.label()),
            ActionPart::Due { was, now } => format!("due {} → {}", date(was), date(now)),
            ActionPart::Owner { was, now } => format!("owner {} → {}", owner(was), owner(now)),
            ActionPart::Reworded => "reworded".into(),
            ActionPart::Outcome { was, now } => format!("outcome {was} → {now}"),
        })
        .collect();
    if words.is_empty() {
        status_word(h.status)
    } else {
        words.join("; ")
    }
}

fn status_word(s: ActionStatus) -> String {
    s.label().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn between(date: &str, by: &str, why: &str) -> ChangeOf {
        ChangeOf {
            date: d(date),
            by: Some(by.into()),
            why: why.into(),
            privacy: Privacy::default(),
            made: Made::BetweenMeetings,
        }
    }

    #[test]
    fn a_re_date_between_meetings_needs_its_reason_and_keeps_who_when_why_and_what() {
        let plan = example::plan(d("2026-11-24"));
        let before = plan.actions.iter().find(|a| a.status.is_open()).unwrap();
        let mut after = before.clone();
        after.due = Some(d("2027-01-15"));
        let e = record(before, &mut after, between("2026-12-01", "sw", "  "))
            .unwrap_err()
            .to_string();
        assert!(e.contains("needs its reason"), "{e}");
        assert_eq!(after.history.len(), before.history.len());
        assert!(
            record(
                before,
                &mut after,
                between("2026-12-01", "sw", "School closed")
            )
            .unwrap()
        );
        let h = after.history.last().unwrap();
        assert_eq!(h.by.as_deref(), Some("sw"));
        assert_eq!(h.note, "School closed");
        assert_eq!(h.made, Made::BetweenMeetings);
        assert_eq!(
            h.changed,
            [ActionPart::Due {
                was: before.due,
                now: Some(d("2027-01-15"))
            }]
        );
        // Saved twice: one entry.
        assert!(
            !record(
                before,
                &mut after,
                between("2026-12-01", "sw", "School closed")
            )
            .unwrap()
        );
        // A reworded action needs no reason, and its words are not copied.
        let mut reworded = before.clone();
        reworded.what = "Something else".into();
        assert!(record(before, &mut reworded, between("2026-12-01", "sw", "")).unwrap());
        assert_eq!(
            reworded.history.last().unwrap().changed,
            [ActionPart::Reworded]
        );
    }

    #[test]
    fn an_action_closed_between_meetings_is_still_reviewed_at_the_next() {
        let mut plan = example::plan(d("2026-11-24"));
        let i = plan
            .actions
            .iter()
            .position(|a| a.status.is_open())
            .unwrap();
        let before = plan.actions[i].clone();
        plan.actions[i].status = ActionStatus::Achieved;
        let day = plan.last_core_group().unwrap().date + chrono::Days::new(5);
        record(
            &before,
            &mut plan.actions[i],
            between(&day.to_string(), "sw", "Done"),
        )
        .unwrap();
        let start = crate::domain::meeting::Start::of(&plan);
        assert!(
            start.open_actions.contains(&before.id),
            "{:?}",
            start.open_actions
        );
        // One closed at or before the last meeting is not.
        let closed = plan
            .actions
            .iter()
            .find(|a| !a.status.is_open() && a.id != before.id)
            .unwrap();
        assert!(!start.open_actions.contains(&closed.id));
    }

    #[test]
    fn what_was_changed_by_hand_is_what_the_history_does_not_explain() {
        let last = example::plan(d("2026-11-24"));
        let mut plan = last.clone();
        let i = plan
            .actions
            .iter()
            .position(|a| a.status.is_open())
            .unwrap();
        let j = plan
            .actions
            .iter()
            .rposition(|a| a.status.is_open())
            .unwrap();
        assert_ne!(i, j);
        // One re-dated through the history, one by hand.
        let before = plan.actions[i].clone();
        plan.actions[i].due = Some(d("2027-02-01"));
        record(
            &before,
            &mut plan.actions[i],
            between("2026-12-01", "sw", "Moved"),
        )
        .unwrap();
        plan.actions[j].status = ActionStatus::Achieved;
        let noted = note_hand_edits(&last, &mut plan, d("2026-12-20"));
        assert_eq!(noted, [plan.actions[j].id.clone()]);
        let h = plan.actions[j].history.last().unwrap();
        assert_eq!(h.made, Made::ByHand);
        assert!(
            describe(h, &plan).contains("achieved"),
            "{}",
            describe(h, &plan)
        );
        // Seen once: a second look notes nothing more.
        assert!(note_hand_edits(&last, &mut plan, d("2026-12-20")).is_empty());
    }
}
