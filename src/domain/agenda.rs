//! The agenda model: a meeting type and a local procedure's policy in one. The steps say what
//! the chair walks through; the policy holds every number and rule that differs between
//! procedures, so none of them is a constant in code. The shipped agendas and the rules that
//! apply a policy to a meeting are in the `agenda` folder, above this one.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::Division;
use crate::domain::period::Period;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// The name users pick it by (`core-group`); a user file of the same name overrides ours.
    pub name: String,
    pub title: String,
    /// One line for `coregroup agendas`.
    pub description: String,
    /// The UK division whose bank holidays apply unless the case says otherwise.
    #[serde(default)]
    pub division: Division,
    /// Where the policy numbers come from, e.g. "Cwm Taf Morgannwg core group guidance §4".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default)]
    pub terms: Terms,
    #[serde(default)]
    pub policy: Policy,
    pub steps: Vec<Step>,
    /// Escalation decisions the chair may record besides bringing the review conference forward.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<EscalationDecision>,
    /// The record opens with the family details from the plan (name, address, date of birth,
    /// relationship to the child), as the Welsh resolution meeting record asks (Appendix 5).
    /// Withheld addresses stay withheld.
    #[serde(default, skip_serializing_if = "is_false")]
    pub family_details: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What things are called under this procedure, used on screen and in every document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Terms {
    pub plan: String,
    pub lead_worker: String,
    pub register: String,
    pub outcomes: String,
    pub meeting: String,
}

impl Default for Terms {
    fn default() -> Self {
        Terms {
            plan: "Child Protection Plan".into(),
            lead_worker: "lead social worker".into(),
            register: "child protection plan".into(),
            outcomes: "outcomes".into(),
            meeting: "core group meeting".into(),
        }
    }
}

/// Where the core assessment's working days are counted from (it differs between procedures).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    InitialConference,
    StrategyDiscussion,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    pub first_core_group: Period,
    pub meeting_interval: Period,
    /// A gap longer than the interval needs a reason recorded at the meeting.
    pub longer_gap_needs_reason: bool,
    /// ... and a manager's countersignature (Rotherham §7.8).
    pub longer_gap_needs_countersign: bool,
    /// Who countersigns a longer gap, shown on the form (e.g. "the key worker's manager").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub countersign_role: Option<String>,
    pub minutes_circulated_within: Period,
    pub agreement_returned_within: Period,
    /// The lead social worker signs and returns the written agreement like every member. Where
    /// the procedure makes theirs optional (they wrote the plan), `false`: it is not counted as
    /// owed or outstanding anywhere.
    pub lead_worker_signs_agreement: bool,
    pub absent_social_worker_update_within: Period,
    pub core_assessment_within: Period,
    pub core_assessment_from: Anchor,
    pub first_review_within: Period,
    pub later_reviews_within: Period,
    pub child_seen_every: Period,
    pub child_seen_alone_every: Option<Period>,
    /// The age in years from which a child is expected to be seen alone; a younger child (a
    /// baby is seen awake instead) is not. The procedures give no age; the default is 3.
    #[serde(skip_serializing_if = "is_default_alone_age")]
    pub child_seen_alone_from_age: u32,
    /// Whether a visit by another agency's member (a health visitor, a family support worker)
    /// counts toward the lead worker's visits. It does not unless the procedure says so.
    #[serde(skip_serializing_if = "is_false")]
    pub visits_by_other_agencies_count: bool,
    pub social_worker_may_chair: bool,
    /// Chairing rotates between agencies (Wales §3), so the chair is shown who chaired before.
    pub chair_rotates: bool,
    pub family_may_attend: bool,
    /// This agenda is for the first core group after the initial conference: used on a case
    /// that already had one, or too late, it is warned about.
    #[serde(skip_serializing_if = "is_false")]
    pub first_meeting: bool,
    /// The role the chair must hold (e.g. "team manager" for a Tier 1 resolution meeting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chair_role: Option<String>,
    /// The Welsh resolution process, where the procedure has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<ResolutionPolicy>,
    /// When a plan counts as drifting (see `domain::drift`).
    #[serde(skip_serializing_if = "DriftPolicy::is_default")]
    pub drift: DriftPolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            first_core_group: Period::WorkingDays(10),
            meeting_interval: Period::Weeks(6),
            longer_gap_needs_reason: true,
            longer_gap_needs_countersign: false,
            countersign_role: None,
            minutes_circulated_within: Period::WorkingDays(5),
            agreement_returned_within: Period::WorkingDays(5),
            lead_worker_signs_agreement: true,
            absent_social_worker_update_within: Period::WorkingDays(2),
            core_assessment_within: Period::WorkingDays(35),
            core_assessment_from: Anchor::InitialConference,
            first_review_within: Period::Months(3),
            later_reviews_within: Period::Months(6),
            child_seen_every: Period::Weeks(4),
            child_seen_alone_every: Some(Period::Weeks(6)),
            child_seen_alone_from_age: DEFAULT_ALONE_AGE,
            visits_by_other_agencies_count: false,
            social_worker_may_chair: true,
            chair_rotates: false,
            family_may_attend: true,
            first_meeting: false,
            chair_role: None,
            resolution: None,
            drift: DriftPolicy::default(),
        }
    }
}

/// The age from which a child is expected to be seen alone, when the agenda does not say.
pub const DEFAULT_ALONE_AGE: u32 = 3;

fn is_default_alone_age(age: &u32) -> bool {
    *age == DEFAULT_ALONE_AGE
}

/// The thresholds of drift: "no positive change probably means the case is drifting".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DriftPolicy {
    /// An outcome drifts when its score has not risen over this many core groups.
    pub outcome_not_rising_over: u32,
    /// An open action drifts when carried over unachieved through this many meetings ...
    pub action_carried_over: u32,
    /// ... or when its due date has been moved this many times.
    pub action_redated: u32,
    /// An agency drifts when absent with no written update at this many meetings in a row.
    pub agency_absent_in_a_row: u32,
}

impl Default for DriftPolicy {
    fn default() -> Self {
        DriftPolicy {
            outcome_not_rising_over: 3,
            action_carried_over: 2,
            action_redated: 2,
            agency_absent_in_a_row: 2,
        }
    }
}

impl DriftPolicy {
    fn is_default(&self) -> bool {
        *self == DriftPolicy::default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ResolutionPolicy {
    /// Automatic trigger: this long on the register ...
    pub trigger_after: Period,
    /// ... or this review conference, whichever comes first.
    pub trigger_review_conference: u32,
    pub tier1_within: Period,
    pub core_group_after_tier1: Period,
    pub tier2_after: Period,
    pub tier2_within: Period,
}

impl Default for ResolutionPolicy {
    fn default() -> Self {
        ResolutionPolicy {
            trigger_after: Period::Months(15),
            trigger_review_conference: 3,
            tier1_within: Period::WorkingDays(10),
            core_group_after_tier1: Period::Weeks(6),
            tier2_after: Period::Weeks(12),
            tier2_within: Period::WorkingDays(10),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub kind: StepKind,
    /// Unique within the agenda; defaults to the kind's name. Records refer to steps by key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub title: String,
    /// What the chair should cover, shown beside the form.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidance: String,
    /// The time box, in minutes.
    #[serde(default = "default_minutes")]
    pub minutes: u32,
    #[serde(default)]
    pub required: bool,
    /// Prompts for the chair (e.g. "Any signs of feigned compliance?").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<String>,
    /// The items of a checklist step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

fn default_minutes() -> u32 {
    5
}

impl Step {
    pub fn key(&self) -> &str {
        self.key.as_deref().unwrap_or(self.kind.name())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    Introductions,
    Attendance,
    PreviousRecord,
    AgencyProgress,
    ChildViews,
    FamilyViews,
    Circumstances,
    PlanRevisions,
    Disagreements,
    Escalation,
    NextMeeting,
    Notes,
    Checklist,
    Close,
}

impl StepKind {
    pub const ALL: [StepKind; 14] = [
        StepKind::Introductions,
        StepKind::Attendance,
        StepKind::PreviousRecord,
        StepKind::AgencyProgress,
        StepKind::ChildViews,
        StepKind::FamilyViews,
        StepKind::Circumstances,
        StepKind::PlanRevisions,
        StepKind::Disagreements,
        StepKind::Escalation,
        StepKind::NextMeeting,
        StepKind::Notes,
        StepKind::Checklist,
        StepKind::Close,
    ];

    pub fn name(self) -> &'static str {
        match self {
            StepKind::Introductions => "introductions",
            StepKind::Attendance => "attendance",
            StepKind::PreviousRecord => "previous-record",
            StepKind::AgencyProgress => "agency-progress",
            StepKind::ChildViews => "child-views",
            StepKind::FamilyViews => "family-views",
            StepKind::Circumstances => "circumstances",
            StepKind::PlanRevisions => "plan-revisions",
            StepKind::Disagreements => "disagreements",
            StepKind::Escalation => "escalation",
            StepKind::NextMeeting => "next-meeting",
            StepKind::Notes => "notes",
            StepKind::Checklist => "checklist",
            StepKind::Close => "close",
        }
    }
}

/// An escalation decision the chair may record; an agenda that does not read still names it
/// `Decision`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Decision")]
pub struct EscalationDecision {
    pub key: String,
    pub label: String,
}

/// A problem found in an agenda that parsed: the field path and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaProblem {
    pub path: String,
    pub message: String,
    pub hint: String,
}

impl Policy {
    /// Every period of the policy with its field path, for checking them all alike.
    pub fn periods(&self) -> Vec<(&'static str, Period)> {
        let mut out = vec![
            ("policy.first_core_group", self.first_core_group),
            ("policy.meeting_interval", self.meeting_interval),
            (
                "policy.minutes_circulated_within",
                self.minutes_circulated_within,
            ),
            (
                "policy.agreement_returned_within",
                self.agreement_returned_within,
            ),
            (
                "policy.absent_social_worker_update_within",
                self.absent_social_worker_update_within,
            ),
            ("policy.core_assessment_within", self.core_assessment_within),
            ("policy.first_review_within", self.first_review_within),
            ("policy.later_reviews_within", self.later_reviews_within),
            ("policy.child_seen_every", self.child_seen_every),
        ];
        if let Some(p) = self.child_seen_alone_every {
            out.push(("policy.child_seen_alone_every", p));
        }
        if let Some(r) = &self.resolution {
            out.extend([
                ("policy.resolution.trigger_after", r.trigger_after),
                ("policy.resolution.tier1_within", r.tier1_within),
                (
                    "policy.resolution.core_group_after_tier1",
                    r.core_group_after_tier1,
                ),
                ("policy.resolution.tier2_after", r.tier2_after),
                ("policy.resolution.tier2_within", r.tier2_within),
            ]);
        }
        out
    }
}

impl Agenda {
    pub fn step_index(&self, kind: StepKind) -> Option<usize> {
        self.steps.iter().position(|s| s.kind == kind)
    }

    /// Everything wrong with an agenda that parsed, all at once.
    pub fn problems(&self) -> Vec<AgendaProblem> {
        let mut out = Vec::new();
        let mut push = |path: String, message: String, hint: &str| {
            out.push(AgendaProblem {
                path,
                message,
                hint: hint.to_string(),
            })
        };
        if self.name.trim().is_empty()
            || !self
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            push(
                "name".into(),
                format!("`{}` is not a usable agenda name", self.name),
                "use lower-case letters, digits and dashes, like `core-group-leeds`",
            );
        }
        if self.steps.is_empty() {
            push(
                "steps".into(),
                "the agenda has no steps".into(),
                "list the steps of the meeting, ending with one of kind `close`",
            );
        }
        let mut seen = std::collections::HashSet::new();
        for (i, step) in self.steps.iter().enumerate() {
            if !seen.insert(step.key().to_string()) {
                push(
                    format!("steps[{i}].key"),
                    format!("the step key `{}` is used twice", step.key()),
                    "give one of the steps its own `key:`",
                );
            }
            if step.title.trim().is_empty() {
                push(
                    format!("steps[{i}].title"),
                    "the step has no title".into(),
                    "give every step a title the chair will see",
                );
            }
            if step.minutes == 0 || step.minutes > 240 {
                push(
                    format!("steps[{i}].minutes"),
                    format!("a time box of {} minutes", step.minutes),
                    "give a time box between 1 and 240 minutes",
                );
            }
            if step.kind == StepKind::Checklist && step.items.is_empty() {
                push(
                    format!("steps[{i}].items"),
                    "a checklist step with no items".into(),
                    "list the items to tick under `items:`",
                );
            }
        }
        match self.steps.iter().position(|s| s.kind == StepKind::Close) {
            None if !self.steps.is_empty() => push(
                "steps".into(),
                "the agenda has no step of kind `close`".into(),
                "end the agenda with a `close` step, which checks what is missing and writes the minutes",
            ),
            Some(i) if i + 1 != self.steps.len() => push(
                format!("steps[{i}]"),
                "the `close` step is not the last".into(),
                "move the `close` step to the end",
            ),
            _ => {}
        }
        if self.policy.longer_gap_needs_countersign && !self.policy.longer_gap_needs_reason {
            push(
                "policy.longer_gap_needs_countersign".into(),
                "a countersignature is asked for but no reason".into(),
                "set `longer_gap_needs_reason: true` as well",
            );
        }
        if self.policy.countersign_role.is_some() && !self.policy.longer_gap_needs_countersign {
            push(
                "policy.countersign_role".into(),
                "a countersigning role is named but no countersignature is asked for".into(),
                "set `longer_gap_needs_countersign: true`, or remove `countersign_role`",
            );
        }
        if let Some(role) = &self.policy.chair_role
            && role.trim().is_empty()
        {
            push(
                "policy.chair_role".into(),
                "the chair's role is empty".into(),
                "name the role, like `team manager`, or remove `chair_role`",
            );
        }
        if let Some(r) = &self.policy.resolution
            && r.trigger_review_conference == 0
        {
            push(
                "policy.resolution.trigger_review_conference".into(),
                "the review conference that triggers resolution cannot be the 0th".into(),
                "use 3 for \"the third review conference\"",
            );
        }
        for (path, period) in self.policy.periods() {
            if let Err(e) = period.check_limit() {
                push(
                    path.into(),
                    e.to_string(),
                    "check the number: write it as in \"6 weeks\"",
                );
            }
        }
        for (path, period) in [
            (
                "policy.meeting_interval",
                Some(self.policy.meeting_interval),
            ),
            (
                "policy.child_seen_every",
                Some(self.policy.child_seen_every),
            ),
            (
                "policy.child_seen_alone_every",
                self.policy.child_seen_alone_every,
            ),
        ] {
            if period.is_some_and(Period::is_zero) {
                push(
                    path.into(),
                    "an interval of 0 would make everything due at once".into(),
                    "give the interval the procedure sets, like \"6 weeks\"",
                );
            }
        }
        let mut keys = std::collections::HashSet::new();
        for (i, d) in self.decisions.iter().enumerate() {
            if !keys.insert(d.key.as_str()) {
                push(
                    format!("decisions[{i}].key"),
                    format!("the decision key `{}` is used twice", d.key),
                    "give each decision its own key",
                );
            }
        }
        out
    }
}
