//! A plan edited by hand while a meeting was stopped. The meeting's journal was recorded against
//! the plan as it was; on resume, what it recorded about a member, an outcome or an action that
//! has since been removed no longer applies. It is left out and listed, never brought back.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::id::Id;
use super::meeting::Change;
use super::plan::{NOT_IN_PLAN, Plan};

/// What a plan held when a meeting began: its members (with their names, to say who has gone),
/// its outcomes and its actions, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanIds {
    pub members: Vec<(Id, String)>,
    pub outcomes: Vec<Id>,
    pub actions: Vec<Id>,
}

impl PlanIds {
    pub fn of(plan: &Plan) -> PlanIds {
        PlanIds {
            members: plan
                .members
                .iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect(),
            outcomes: plan.outcomes.iter().map(|o| o.id.clone()).collect(),
            actions: plan.actions.iter().map(|a| a.id.clone()).collect(),
        }
    }

    /// What these held that `now` no longer does.
    pub fn removed_from(&self, now: &Plan) -> Removed {
        Removed {
            members: self
                .members
                .iter()
                .filter(|(id, _)| now.member(id).is_none())
                .cloned()
                .collect(),
            outcomes: self
                .outcomes
                .iter()
                .filter(|id| now.outcome(id).is_none())
                .cloned()
                .collect(),
            actions: self
                .actions
                .iter()
                .filter(|id| now.action(id).is_none())
                .cloned()
                .collect(),
        }
    }
}

/// Members, outcomes and actions a meeting began with that are no longer in the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Removed {
    pub members: Vec<(Id, String)>,
    pub outcomes: HashSet<Id>,
    pub actions: HashSet<Id>,
}

impl Removed {
    /// Why `change` no longer applies to `plan` (the plan as the meeting has it so far), said
    /// for the chair as what is left out; `None` when it still applies.
    pub fn stale(&self, change: &Change, plan: &Plan) -> Option<String> {
        self.why_stale(change, plan)
            .map(|what| format!("Left out, as it no longer fits the plan: {what}"))
    }

    /// `change` made to fit the plan: an action the meeting gave to a member since removed keeps
    /// its words but has no owner (the close checklist asks for one), with a note saying so.
    pub fn refit(&self, change: Change) -> (Change, Option<String>) {
        match change {
            Change::Action(mut a)
                if a.owner
                    .as_deref()
                    .is_some_and(|o| self.members.iter().any(|(m, _)| m == o)) =>
            {
                let owner = a.owner.take().unwrap_or_default();
                let note = format!(
                    "Action {} ({}) was for {}: it now has no owner",
                    a.id,
                    short(&a.what),
                    self.member_name(&owner)
                );
                (Change::Action(a), Some(note))
            }
            other => (other, None),
        }
    }

    fn why_stale(&self, change: &Change, plan: &Plan) -> Option<String> {
        let gone_action = |id: &Id| self.actions.contains(id);
        let gone_outcome = |id: &Id| self.outcomes.contains(id);
        match change {
            // Attendance is kept for the plan's members only, whatever the journal says.
            Change::Attendance(a) if plan.member(&a.member).is_none() => {
                Some(format!("the attendance of {}", self.member_name(&a.member)))
            }
            Change::ActionReview(r) if gone_action(&r.action) => Some(format!(
                "the review of action {}, deleted from the plan",
                r.action
            )),
            Change::Action(a) if gone_action(&a.id) => Some(format!(
                "the changes to action {} ({}), deleted from the plan",
                a.id,
                short(&a.what)
            )),
            Change::Outcome(o) if gone_outcome(&o.id) => Some(format!(
                "the changes to outcome {}, deleted from the plan",
                o.id
            )),
            Change::DisagreementReview(r)
                if !plan.disagreements.iter().any(|d| d.id == r.disagreement) =>
            {
                Some(format!(
                    "what the meeting said about disagreement {}, deleted from the plan",
                    r.disagreement
                ))
            }
            Change::OutcomeProgress(p) if gone_outcome(&p.outcome) => Some(format!(
                "the progress against outcome {}, deleted from the plan",
                p.outcome
            )),
            _ => None,
        }
    }

    /// A removed member's name as the plan had it, marked as gone.
    fn member_name(&self, id: &str) -> String {
        match self.members.iter().find(|(m, _)| m == id) {
            Some((_, name)) => format!("{name} (no longer in the plan)"),
            None => format!("a member {NOT_IN_PLAN}"),
        }
    }

    /// One line each for the members, outcomes and actions removed, for the resume notice.
    pub fn summary(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .members
            .iter()
            .map(|(_, name)| format!("{name} is no longer a member of the core group"))
            .collect();
        let mut outcomes: Vec<&Id> = self.outcomes.iter().collect();
        outcomes.sort();
        lines.extend(
            outcomes
                .into_iter()
                .map(|id| format!("outcome {id} was deleted")),
        );
        let mut actions: Vec<&Id> = self.actions.iter().collect();
        actions.sort();
        lines.extend(
            actions
                .into_iter()
                .map(|id| format!("action {id} was deleted")),
        );
        lines
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty() && self.outcomes.is_empty() && self.actions.is_empty()
    }
}

/// The start of a long text, for naming an item in one line.
fn short(text: &str) -> String {
    const MAX: usize = 40;
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() <= MAX && !text.contains('\n') {
        return line.to_string();
    }
    let cut: String = line.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;
    use crate::domain::meeting::{ActionReview, Attendance, Presence};
    use crate::domain::plan::ActionStatus;

    fn plan() -> Plan {
        example::plan(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
    }

    #[test]
    fn what_a_hand_edit_removed_is_found_and_its_changes_no_longer_apply() {
        let before = plan();
        let ids = PlanIds::of(&before);
        let mut now = before.clone();
        let member = now.members.remove(now.members.len() - 1);
        let action = now.actions.remove(0);
        let removed = ids.removed_from(&now);
        assert_eq!(
            removed.members,
            vec![(member.id.clone(), member.name.clone())]
        );
        assert!(removed.actions.contains(&action.id));

        let attendance = Change::Attendance(Attendance {
            member: member.id.clone(),
            presence: Some(Presence::Present),
            substitute: String::new(),
            written_update: false,
            written_update_summary: String::new(),
            privacy: Default::default(),
        });
        let why = removed.stale(&attendance, &now).unwrap();
        assert!(why.contains(&member.name), "{why}");
        let edit = Change::Action(action.clone());
        assert!(removed.stale(&edit, &now).unwrap().contains(&action.id));
        let review = Change::ActionReview(ActionReview {
            action: action.id.clone(),
            status: ActionStatus::Achieved,
            note: String::new(),
            privacy: Default::default(),
        });
        assert!(removed.stale(&review, &now).is_some());
        // A new action for the removed member keeps its words, without the owner.
        let mut new = now.actions[0].clone();
        new.id = "a-new".into();
        new.owner = Some(member.id.clone());
        let (refitted, note) = removed.refit(Change::Action(new));
        let Change::Action(refitted) = refitted else {
            panic!("still an action")
        };
        assert_eq!(refitted.owner, None);
        assert!(note.unwrap().contains(&member.name));
        // What is still in the plan applies as before.
        let kept = Change::Action(now.actions[0].clone());
        assert_eq!(removed.stale(&kept, &now), None);
        assert_eq!(ids.removed_from(&before), Removed::default());
    }
}
