//! The rows of the table of changes to the plan, in words. Each row names the item it came from;
//! its words are made here from that item as the reader's view holds it, so a row says nothing
//! its reader may not read.

use super::wording::plain_date;
use crate::domain::close::meeting_date;
use crate::domain::meeting::{ChangeKind, Meeting, PlanChange, Was};
use crate::domain::plan::{Action, ActionStatus, Plan};

/// The meeting and plan of one reader's view (a `Record`'s, or a report's meeting).
#[derive(Clone, Copy)]
pub struct MeetingWithPlan<'a> {
    pub meeting: &'a Meeting,
    pub plan: &'a Plan,
}

impl MeetingWithPlan<'_> {
    fn name(&self, id: &str) -> String {
        self.meeting.person_name(self.plan, id).to_string()
    }

    fn name_and_role(&self, id: &str) -> String {
        let (name, role, agency) = match (
            self.plan.member(id),
            self.meeting.guests.iter().find(|g| g.id == id),
        ) {
            (Some(m), _) => (m.name.clone(), m.role.clone(), m.agency.clone()),
            (None, Some(g)) => (g.name.clone(), g.role.clone(), g.agency.clone()),
            (None, None) => return id.to_string(),
        };
        let rest: Vec<&str> = [role.trim(), agency.trim()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        if rest.is_empty() {
            name
        } else {
            format!("{name} ({})", rest.join(", "))
        }
    }

    fn outcome_ref(&self, id: &str) -> String {
        match self.plan.outcome(id) {
            Some(o) => format!("{} ({})", o.id, self.plan.outcome_for(o)),
            None => id.to_string(),
        }
    }
}

/// One row: what changed (by kind), the item in words, and the detail.
pub struct ChangeRow {
    pub change: ChangeKind,
    pub item: String,
    pub detail: String,
}

/// How a row is worded: briefly, with ids, for professionals; in plain words for the family.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Words {
    Professional,
    Plain,
}

/// The rows of the meeting's table of changes.
pub fn rows(r: MeetingWithPlan, words: Words) -> Vec<ChangeRow> {
    r.meeting
        .plan_changes
        .iter()
        .map(|c| row(r, c, words))
        .collect()
}

fn row(r: MeetingWithPlan, c: &PlanChange, words: Words) -> ChangeRow {
    let plain = words == Words::Plain;
    let action = r.plan.action(&c.item);
    let item = match (action, r.plan.outcome(&c.item)) {
        (Some(a), _) if plain => a.what.clone(),
        (Some(a), _) => format!("{}: {}", a.id, a.what),
        (None, Some(o)) if plain => o.text.clone(),
        (None, Some(o)) => r.outcome_ref(&o.id),
        (None, None) if c.change == ChangeKind::MemberJoined => r.name_and_role(&c.item),
        (None, None) if c.change == ChangeKind::ContingencyChanged => "Contingency plan".into(),
        (None, None) => c.item.clone(),
    };
    // A record closed before rows were made from their source holds its words: the view keeps
    // them for professionals and the case file only.
    let legacy = !c.detail.trim().is_empty();
    let detail = match (c.change, action) {
        _ if legacy => c.detail.clone(),
        (ChangeKind::ActionAdded, Some(a)) => added(r, a, plain),
        (ChangeKind::ActionChanged, Some(a)) => c
            .before
            .iter()
            .map(|w| edit(r, a, w))
            .collect::<Vec<_>>()
            .join("; "),
        (ChangeKind::ActionStatus, Some(a)) => {
            let was = c.before.iter().find_map(|w| match w {
                Was::Status(s) => Some(*s),
                _ => None,
            });
            status(r, a, was)
        }
        (ChangeKind::OutcomeAdded, _) if !plain => outcome_text(r, &c.item),
        // Every reader's copy holds the contingency plan itself: the row says where it changed.
        (ChangeKind::ContingencyChanged, _) => "agreed anew; it reads as in the plan".into(),
        (ChangeKind::OutcomeChanged, _) if !plain => {
            format!("now reads: {}", outcome_text(r, &c.item))
        }
        _ => String::new(),
    };
    ChangeRow {
        change: c.change,
        item,
        detail,
    }
}

fn outcome_text(r: MeetingWithPlan, id: &str) -> String {
    r.plan
        .outcome(id)
        .map(|o| o.text.clone())
        .unwrap_or_default()
}

fn added(r: MeetingWithPlan, a: &Action, plain: bool) -> String {
    let who = a
        .owner
        .as_deref()
        .map(|o| r.name(o))
        .unwrap_or_else(|| "no owner yet".into());
    let by = a
        .due
        .map(|d| format!(", by {}", plain_date(d)))
        .unwrap_or_default();
    if plain {
        format!("{who}{by}")
    } else {
        format!("{who}{by}, for outcome {}", a.outcome)
    }
}

fn edit(r: MeetingWithPlan, a: &Action, was: &Was) -> String {
    let owner = |o: Option<&str>| o.map(|o| r.name(o)).unwrap_or_else(|| "nobody".into());
    let due = |d: Option<chrono::NaiveDate>| d.map(plain_date).unwrap_or_else(|| "no date".into());
    match was {
        Was::Reworded => "reworded".into(),
        Was::Owner(old) => format!(
            "owner {} → {}",
            owner(old.as_deref()),
            owner(a.owner.as_deref())
        ),
        Was::Due(old) => format!("due {} → {}", due(*old), due(a.due)),
        Was::Outcome(old) => format!("serves outcome {old} → {}", a.outcome),
        Was::Status(old) => format!("{} → {}", old.label(), a.status.label()),
    }
}

/// "in progress → achieved: the note", the note being the action's history entry from this
/// meeting as the view holds it.
fn status(r: MeetingWithPlan, a: &Action, was: Option<ActionStatus>) -> String {
    let mut detail = match was {
        Some(old) => format!("{} → {}", old.label(), a.status.label()),
        None => a.status.label().to_string(),
    };
    let note = meeting_date(r.meeting).and_then(|d| {
        a.history
            .iter()
            .rev()
            .find(|h| h.date == d)
            .map(|h| h.note.trim())
            .filter(|n| !n.is_empty())
    });
    if let Some(n) = note {
        detail = format!("{detail}: {n}");
    }
    detail
}
