//! A disagreement as the plan and the record keep it: the one the plan carries between meetings
//! with its history, a meeting's word on it, where it stands, and the route to resolve it by.
//! The rules that read and change them are in `disagreements`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::id::Id;
use crate::domain::privacy::Privacy;

/// How a disagreement will be resolved, in the order the procedures escalate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    CoreGroup,
    Managers,
    EscalationProcedure,
    /// Taken to the conference chair (004: a decision thought unsafe), or held over for the
    /// review conference to decide.
    ConferenceChair,
    ReviewConference,
    /// A parent's own route: the local authority's complaints procedure (003: parents are told
    /// of their rights to it).
    Complaints,
}

impl Route {
    pub const ALL: [Route; 6] = [
        Route::CoreGroup,
        Route::Managers,
        Route::EscalationProcedure,
        Route::ConferenceChair,
        Route::ReviewConference,
        Route::Complaints,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Route::CoreGroup => "discussion in the core group",
            Route::Managers => "managers / safeguarding leads",
            Route::EscalationProcedure => "the escalation procedure",
            Route::ConferenceChair => "the conference chair",
            Route::ReviewConference => "the review conference",
            Route::Complaints => "the complaints procedure (a parent's route)",
        }
    }
}

/// A disagreement raised at a meeting and kept in the plan until it ends, and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedDisagreement {
    pub id: Id,
    /// Who disagrees, as the meeting wrote it.
    pub who: String,
    pub about: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reasons: String,
    /// How it was to be resolved when it was raised.
    pub route: Route,
    /// The meeting that raised it (its folder name under `meetings/`).
    pub raised_at: String,
    /// The day it was raised.
    pub raised: NaiveDate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<DisagreementUpdate>,
    /// Of who, what and why; each entry of the history carries its own.
    #[serde(flatten)]
    pub privacy: Privacy,
}

/// Where a disagreement stands after an entry of its history.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Still open: progress was noted.
    #[default]
    Open,
    /// Still open, taken further along the route.
    Escalated,
    Resolved,
    /// Over without being resolved (withdrawn, or the plan ended).
    Ended,
}

impl Standing {
    pub const ALL: [Standing; 4] = [
        Standing::Open,
        Standing::Escalated,
        Standing::Resolved,
        Standing::Ended,
    ];

    /// As a chair chooses it on the screen.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Open => "still open: progress noted",
            Standing::Escalated => "escalated",
            Standing::Resolved => "resolved",
            Standing::Ended => "ended without being resolved",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, Standing::Open | Standing::Escalated)
    }
}

/// One entry of a disagreement's history: a meeting's word on it, or a resolution logged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisagreementUpdate {
    /// The day it happened (for a resolution, the day it was resolved).
    pub date: NaiveDate,
    /// The meeting that noted it; none for an entry logged between meetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    pub standing: Standing,
    /// Where an escalation took it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
    /// The progress noted, or how it was resolved or ended.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Who resolved it: a member's id, or a name as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// Of the note and who resolved it.
    #[serde(flatten)]
    pub privacy: Privacy,
}

/// A meeting's word on a disagreement it carried in: kept in the record, and added to the
/// plan's history by the close.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisagreementReview {
    /// The carried disagreement's id.
    pub disagreement: Id,
    pub standing: Standing,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// The day it was resolved or ended, when not the meeting's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
    #[serde(flatten)]
    pub privacy: Privacy,
}

impl DisagreementReview {
    /// The history entry this review makes, at meeting `meeting` held on `day`.
    pub fn update(&self, meeting: &str, day: NaiveDate) -> DisagreementUpdate {
        DisagreementUpdate {
            date: self.on.unwrap_or(day),
            meeting: Some(meeting.to_string()),
            standing: self.standing,
            route: self.route,
            note: self.note.trim().to_string(),
            by: self.by.trim().to_string(),
            privacy: self.privacy.clone(),
        }
    }
}

impl CarriedDisagreement {
    /// Where it stands now: its last entry's standing, open without one.
    pub fn standing(&self) -> Standing {
        self.history.last().map_or(Standing::Open, |u| u.standing)
    }

    pub fn is_open(&self) -> bool {
        self.standing().is_open()
    }

    /// The route it is on now: the last escalation's, else the one it was raised with.
    pub fn route_now(&self) -> Route {
        self.history
            .iter()
            .rev()
            .find_map(|u| u.route)
            .unwrap_or(self.route)
    }

    /// The entry that ended it, if it has ended.
    pub fn ending(&self) -> Option<&DisagreementUpdate> {
        self.history.last().filter(|u| !u.standing.is_open())
    }

    /// Whole days it has been open on `today` (or was open, when it has ended).
    pub fn age(&self, today: NaiveDate) -> i64 {
        let until = self.ending().map_or(today, |u| u.date);
        (until - self.raised).num_days().max(0)
    }
}
