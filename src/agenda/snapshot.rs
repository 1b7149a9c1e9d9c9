//! What a meeting's documents need from its agenda, kept with the record so the documents can
//! be rendered again exactly, even after the agenda file has changed or gone.

use serde::{Deserialize, Serialize};

use crate::domain::agenda::{Agenda, DEFAULT_ALONE_AGE, EscalationDecision, StepKind, Terms};
use crate::domain::period::Period;
use crate::domain::visits::VisitRules;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaSnapshot {
    pub name: String,
    pub title: String,
    pub terms: Terms,
    pub steps: Vec<StepSnapshot>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<EscalationDecision>,
    pub meeting_interval: Period,
    pub minutes_circulated_within: Period,
    pub agreement_returned_within: Period,
    /// Whether the lead social worker's signed agreement is owed (see `Policy`); records made
    /// before it was kept owed it.
    #[serde(default = "owed", skip_serializing_if = "is_owed")]
    pub lead_worker_signs_agreement: bool,
    /// The policy's rules on visits (left out of the file when they are the defaults).
    #[serde(
        default = "default_alone_age",
        skip_serializing_if = "is_default_alone_age"
    )]
    pub child_seen_alone_from_age: u32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub visits_by_other_agencies_count: bool,
    /// When the review conferences are due (left out of the file when they are the defaults;
    /// records made before they were kept read as the defaults).
    #[serde(default = "first_review", skip_serializing_if = "is_first_review")]
    pub first_review_within: Period,
    #[serde(default = "later_reviews", skip_serializing_if = "is_later_reviews")]
    pub later_reviews_within: Period,
}

fn first_review() -> Period {
    crate::domain::agenda::Policy::default().first_review_within
}

fn is_first_review(p: &Period) -> bool {
    *p == first_review()
}

fn later_reviews() -> Period {
    crate::domain::agenda::Policy::default().later_reviews_within
}

fn is_later_reviews(p: &Period) -> bool {
    *p == later_reviews()
}

fn owed() -> bool {
    true
}

fn is_owed(b: &bool) -> bool {
    *b
}

fn default_alone_age() -> u32 {
    DEFAULT_ALONE_AGE
}

fn is_default_alone_age(a: &u32) -> bool {
    *a == DEFAULT_ALONE_AGE
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
            child_seen_alone_from_age: agenda.policy.child_seen_alone_from_age,
            visits_by_other_agencies_count: agenda.policy.visits_by_other_agencies_count,
            first_review_within: agenda.policy.first_review_within,
            later_reviews_within: agenda.policy.later_reviews_within,
        }
    }

    /// The rules the visits of the record were judged by.
    pub fn visit_rules(&self) -> VisitRules {
        VisitRules {
            alone_from_age: self.child_seen_alone_from_age,
            others_count: self.visits_by_other_agencies_count,
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
