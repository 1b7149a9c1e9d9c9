//! What a meeting's documents need from its agenda, kept with the record so the documents can
//! be rendered again exactly, even after the agenda file has changed or gone.

use serde::{Deserialize, Serialize};

use crate::agenda::{Agenda, Decision, StepKind, Terms};
use crate::domain::period::Period;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaSnapshot {
    pub name: String,
    pub title: String,
    pub terms: Terms,
    pub steps: Vec<StepSnapshot>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    pub meeting_interval: Period,
    pub minutes_circulated_within: Period,
    pub agreement_returned_within: Period,
    /// Whether the lead social worker's signed agreement is owed (see `Policy`); records made
    /// before it was kept owed it.
    #[serde(default = "owed", skip_serializing_if = "is_owed")]
    pub lead_worker_signs_agreement: bool,
}

fn owed() -> bool {
    true
}

fn is_owed(b: &bool) -> bool {
    *b
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepSnapshot {
    pub kind: StepKind,
    pub key: String,
    pub title: String,
    /// The time box, in minutes.
    pub minutes: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

impl AgendaSnapshot {
    pub fn of(agenda: &Agenda) -> AgendaSnapshot {
        AgendaSnapshot {
            name: agenda.name.clone(),
            title: agenda.title.clone(),
            terms: agenda.terms.clone(),
            steps: agenda
                .steps
                .iter()
                .map(|s| StepSnapshot {
                    kind: s.kind,
                    key: s.key().to_string(),
                    title: s.title.clone(),
                    minutes: s.minutes,
                    items: s.items.clone(),
                })
                .collect(),
            decisions: agenda.decisions.clone(),
            meeting_interval: agenda.policy.meeting_interval,
            minutes_circulated_within: agenda.policy.minutes_circulated_within,
            agreement_returned_within: agenda.policy.agreement_returned_within,
            lead_worker_signs_agreement: agenda.policy.lead_worker_signs_agreement,
        }
    }

    /// The title of the step with this key, or the key itself.
    pub fn step_title<'a>(&'a self, key: &'a str) -> &'a str {
        self.steps
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.title.as_str())
            .unwrap_or(key)
    }

    /// The agenda's whole time, for the length of the next meeting's invitation.
    pub fn total_minutes(&self) -> u32 {
        self.steps.iter().map(|s| s.minutes).sum()
    }

    pub fn decision_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.decisions
            .iter()
            .find(|d| d.key == key)
            .map(|d| d.label.as_str())
            .unwrap_or(key)
    }
}
