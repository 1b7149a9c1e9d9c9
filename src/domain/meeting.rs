//! The record of one core group meeting, as captured live and kept in
//! `<case>/meetings/<id>/minutes.yaml`, and the changes that build it up.
//!
//! A meeting in progress is a [`Draft`]: the record plus the working copy of the plan. Every edit
//! is a [`Change`] applied to the draft; the same changes are appended to the journal, so a
//! crashed meeting is rebuilt by replaying them. A change carries one item or one section, never
//! the whole case, so its cost does not grow with the size of the case.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::plan::{Action, Id, Outcome, Plan, is_false};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The folder name under `meetings/`: the date, with `-2`, `-3` for further meetings that day.
    pub id: String,
    /// The agenda the meeting followed, by name.
    pub agenda: String,
    pub details: Details,
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guests: Vec<Guest>,
    #[serde(default)]
    pub previous_record: PreviousRecord,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub action_reviews: Vec<ActionReview>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<Contribution>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome_progress: Vec<OutcomeProgress>,
    #[serde(default)]
    pub child_views: ChildViews,
    #[serde(default)]
    pub family_views: FamilyViews,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub circumstances: Vec<Circumstance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_changes: Vec<PlanChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
    #[serde(default)]
    pub escalation: Escalation,
    #[serde(default)]
    pub next_meeting: NextMeeting,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistTick>,
    /// Seconds spent on each step, by step key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step_times: Vec<StepTime>,
    /// What the close checklist found missing when the chair closed anyway.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_at_close: Vec<String>,
    /// The passages going to a family copy that the family-copy check flagged when the chair
    /// closed (they may quote what is withheld, so they are never in a family copy).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub family_check_at_close: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Details {
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub venue: String,
    /// Member or guest id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minute_taker: Option<Id>,
    /// Why a family member was excluded from the meeting, if one was (it must be minuted).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exclusions: String,
    /// Of the exclusions: the details themselves are never private.
    #[serde(default, skip_serializing_if = "Privacy::is_open")]
    pub exclusions_privacy: Privacy,
}

/// Who may read a free-text item, the same for every item of the record: confidential items
/// are kept out of every family copy; an item not for some family members is kept out of
/// theirs. Flattened into each item, so `confidential: true` and `not_for: [dad]` sit beside
/// the text they govern and files without them load as open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Privacy {
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
    /// Family members (by id) who must not read it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_for: Vec<Id>,
}

impl Privacy {
    /// Confidential or open, for no one in particular.
    pub fn marked(confidential: bool) -> Privacy {
        Privacy {
            confidential,
            not_for: Vec::new(),
        }
    }

    /// What the privacy key makes of it: open, confidential, then not for each of `family` in
    /// turn, then open again.
    pub fn next_in_turn(&self, family: &[Id]) -> Privacy {
        let after = |last: Option<&Id>| -> Vec<Id> {
            let i = last.and_then(|a| family.iter().position(|f| f == a));
            family
                .get(i.map_or(0, |i| i + 1))
                .cloned()
                .into_iter()
                .collect()
        };
        if self.confidential {
            Privacy {
                confidential: false,
                not_for: after(None),
            }
        } else if self.not_for.is_empty() {
            Privacy::marked(true)
        } else {
            Privacy {
                confidential: false,
                not_for: after(self.not_for.last()),
            }
        }
    }

    pub fn is_open(&self) -> bool {
        !self.confidential && self.not_for.is_empty()
    }

    /// Whether a family copy may not carry it: the copy for `reader`, or with `None` the copy
    /// for every family member, which carries nothing restricted from anyone.
    pub fn hidden_from(&self, reader: Option<&str>) -> bool {
        self.confidential
            || match reader {
                Some(id) => self.not_for.iter().any(|n| n == id),
                None => !self.not_for.is_empty(),
            }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    Present,
    Apologies,
    DidNotAttend,
}

impl Presence {
    pub fn label(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Apologies => "apologies",
            Presence::DidNotAttend => "did not attend",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub member: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Presence>,
    /// Someone attending in the member's place.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub substitute: String,
    /// A written update sent by a member who could not attend.
    #[serde(default, skip_serializing_if = "is_false")]
    pub written_update: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub written_update_summary: String,
    /// Of the written update.
    #[serde(flatten)]
    pub privacy: Privacy,
}

/// Someone at the meeting who is not a member of the core group: interpreter, advocate, observer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    pub id: Id,
    pub name: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<Accuracy>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub amendments: String,
    /// Of the amendments.
    #[serde(flatten)]
    pub privacy: Privacy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Accuracy {
    Confirmed,
    Amended,
}

/// An action open at the last meeting, reviewed in turn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionReview {
    pub action: Id,
    pub status: super::plan::ActionStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Of the note.
    #[serde(flatten)]
    pub privacy: Privacy,
}

/// What kind of information a contribution is; the procedures ask that it be said.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tag {
    Fact,
    Observation,
    Hearsay,
    Allegation,
    Opinion,
}

impl Tag {
    pub const ALL: [Tag; 5] = [
        Tag::Fact,
        Tag::Observation,
        Tag::Hearsay,
        Tag::Allegation,
        Tag::Opinion,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Tag::Fact => "fact",
            Tag::Observation => "observation",
            Tag::Hearsay => "hearsay",
            Tag::Allegation => "allegation",
            Tag::Opinion => "opinion",
        }
    }
}

/// One member's update on the progress of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    pub id: Id,
    /// Member or guest id.
    pub member: Id,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
    #[serde(flatten)]
    pub privacy: Privacy,
}

/// Progress against one outcome on a 0–10 scale (0: the worries are as bad as they could be;
/// 10: the child is safe enough that the plan could end), in the style of Signs of Safety scaling.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeProgress {
    pub outcome: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    /// Why the score.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Of the note.
    #[serde(flatten)]
    pub privacy: Privacy,
}

pub const SCALE_MAX: u8 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Yes,
    No,
    Partly,
    NotAsked,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Answer::Yes, Answer::No, Answer::Partly, Answer::NotAsked];
    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Partly => "partly",
            Answer::NotAsked => "not asked",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildViews {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wishes_and_feelings: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feels_safe: Option<Answer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_life_improved: Option<Answer>,
    /// How the views were gathered when the child did not attend.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how_gathered: String,
    /// Of the views and how they were gathered.
    #[serde(flatten)]
    pub privacy: Privacy,
}

impl ChildViews {
    pub fn is_recorded(&self) -> bool {
        !self.wishes_and_feelings.trim().is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyViews {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub views: String,
    /// Where the family's preferences were not accepted, and why.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub not_accepted: String,
    /// Of the views and what was not accepted.
    #[serde(flatten)]
    pub privacy: Privacy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CircumstanceKind {
    Address,
    Household,
    FrequentVisitor,
    Birth,
    SocialWorker,
    LegalStatus,
    LocalAuthority,
    Other,
}

impl CircumstanceKind {
    pub const ALL: [CircumstanceKind; 8] = [
        CircumstanceKind::Address,
        CircumstanceKind::Household,
        CircumstanceKind::FrequentVisitor,
        CircumstanceKind::Birth,
        CircumstanceKind::SocialWorker,
        CircumstanceKind::LegalStatus,
        CircumstanceKind::LocalAuthority,
        CircumstanceKind::Other,
    ];
    pub fn label(self) -> &'static str {
        match self {
            CircumstanceKind::Address => "change of address",
            CircumstanceKind::Household => "household members",
            CircumstanceKind::FrequentVisitor => "frequent visitor",
            CircumstanceKind::Birth => "birth of a baby",
            CircumstanceKind::SocialWorker => "change of social worker",
            CircumstanceKind::LegalStatus => "legal status",
            CircumstanceKind::LocalAuthority => "local authority area",
            CircumstanceKind::Other => "other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Circumstance {
    pub id: Id,
    pub kind: CircumstanceKind,
    pub detail: String,
    /// The procedures require the conference chair to be told of such changes.
    #[serde(default)]
    pub tell_conference_chair: bool,
    #[serde(flatten)]
    pub privacy: Privacy,
}

/// One line of the table of changes to the plan, derived when the meeting closes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanChange {
    /// Action or outcome id.
    pub item: Id,
    pub change: ChangeKind,
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    OutcomeAdded,
    /// A core group outcome reworded (conference outcomes cannot change at a core group).
    OutcomeChanged,
    ActionAdded,
    ActionChanged,
    ActionStatus,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::OutcomeAdded => "outcome added",
            ChangeKind::OutcomeChanged => "outcome changed",
            ChangeKind::ActionAdded => "action added",
            ChangeKind::ActionChanged => "action changed",
            ChangeKind::ActionStatus => "status changed",
        }
    }
}

/// How a disagreement will be resolved, in the order the procedures escalate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    CoreGroup,
    Managers,
    EscalationProcedure,
}

impl Route {
    pub const ALL: [Route; 3] = [
        Route::CoreGroup,
        Route::Managers,
        Route::EscalationProcedure,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Route::CoreGroup => "discussion in the core group",
            Route::Managers => "managers / safeguarding leads",
            Route::EscalationProcedure => "the escalation procedure",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disagreement {
    pub id: Id,
    /// Who disagrees (member names or ids, free text so several can be named).
    pub who: String,
    pub about: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reasons: String,
    pub route: Route,
    #[serde(default)]
    pub resolved: bool,
    #[serde(flatten)]
    pub privacy: Privacy,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Recommend bringing the review conference forward.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bring_review_forward: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Of the reason.
    #[serde(flatten)]
    pub privacy: Privacy,
    /// Other decisions the agenda names (e.g. start the resolution process), by key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextMeeting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub venue: String,
    /// Required when the date is later than the policy allows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason_for_gap: String,
    /// The manager who countersigned a longer gap, where the policy asks for one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub countersigned_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: Id,
    /// The step key the note was written under.
    pub step: String,
    pub text: String,
    #[serde(flatten)]
    pub privacy: Privacy,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistTick {
    pub item: String,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepTime {
    pub step: String,
    pub seconds: u64,
}

impl Meeting {
    /// A fresh record with every member listed for attendance, in the plan's order.
    pub fn new(id: String, agenda: String, date: NaiveDate, plan: &Plan) -> Meeting {
        Meeting {
            id,
            agenda,
            details: Details {
                date: Some(date),
                ..Details::default()
            },
            attendance: plan
                .members
                .iter()
                .map(|m| Attendance {
                    member: m.id.clone(),
                    presence: None,
                    substitute: String::new(),
                    written_update: false,
                    written_update_summary: String::new(),
                    privacy: Privacy::default(),
                })
                .collect(),
            guests: Vec::new(),
            previous_record: PreviousRecord::default(),
            action_reviews: Vec::new(),
            contributions: Vec::new(),
            outcome_progress: Vec::new(),
            child_views: ChildViews::default(),
            family_views: FamilyViews::default(),
            circumstances: Vec::new(),
            plan_changes: Vec::new(),
            disagreements: Vec::new(),
            escalation: Escalation::default(),
            next_meeting: NextMeeting::default(),
            notes: Vec::new(),
            checklist: Vec::new(),
            step_times: Vec::new(),
            missing_at_close: Vec::new(),
            family_check_at_close: Vec::new(),
        }
    }

    pub fn attendance_of(&self, member: &str) -> Option<&Attendance> {
        self.attendance.iter().find(|a| a.member == member)
    }

    /// The name of a member or guest of this meeting.
    pub fn person_name<'a>(&'a self, plan: &'a Plan, id: &'a str) -> &'a str {
        if let Some(g) = self.guests.iter().find(|g| g.id == id) {
            return &g.name;
        }
        plan.member_name(id)
    }

    /// Who may read each free-text item of the record.
    pub fn privacies(&self) -> impl Iterator<Item = &Privacy> {
        [
            &self.details.exclusions_privacy,
            &self.previous_record.privacy,
            &self.child_views.privacy,
            &self.family_views.privacy,
            &self.escalation.privacy,
        ]
        .into_iter()
        .chain(self.attendance.iter().map(|a| &a.privacy))
        .chain(self.action_reviews.iter().map(|r| &r.privacy))
        .chain(self.contributions.iter().map(|c| &c.privacy))
        .chain(self.outcome_progress.iter().map(|p| &p.privacy))
        .chain(self.circumstances.iter().map(|c| &c.privacy))
        .chain(self.disagreements.iter().map(|d| &d.privacy))
        .chain(self.notes.iter().map(|n| &n.privacy))
    }

    /// Whether some item is not for some family member: then each gets a copy of their own.
    pub fn has_restricted_items(&self) -> bool {
        self.privacies().any(|p| !p.not_for.is_empty())
    }

    /// Every id used by the meeting's own items, for choosing new ones.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.contributions
            .iter()
            .map(|c| c.id.as_str())
            .chain(self.circumstances.iter().map(|c| c.id.as_str()))
            .chain(self.disagreements.iter().map(|d| d.id.as_str()))
            .chain(self.notes.iter().map(|n| n.id.as_str()))
            .chain(self.guests.iter().map(|g| g.id.as_str()))
    }
}

/// A meeting in progress: the record, the plan as the meeting is changing it, and where the
/// chair is in the agenda.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub meeting: Meeting,
    pub plan: Plan,
    pub step: usize,
    /// Text typed in a form open over the step and not yet saved. Journaled so a crash loses
    /// none of it, but never part of the minutes: saving or cancelling the form clears it.
    pub scratch: Option<Scratch>,
}

/// What was being typed in a form open over a step, by field id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scratch {
    /// Which form: its kind, and the item it edits (`note`, `action:a3`).
    pub form: String,
    /// The key of the step it was opened on.
    pub step: String,
    pub fields: Vec<(String, String)>,
}

/// One edit to a meeting in progress. Each carries a single item or section, upserted by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Change {
    Details(Details),
    Attendance(Attendance),
    Guest(Guest),
    PreviousRecord(PreviousRecord),
    ActionReview(ActionReview),
    Contribution(Contribution),
    OutcomeProgress(OutcomeProgress),
    ChildViews(ChildViews),
    FamilyViews(FamilyViews),
    Circumstance(Circumstance),
    Disagreement(Disagreement),
    Escalation(Escalation),
    NextMeeting(NextMeeting),
    Note(Note),
    Checklist(ChecklistTick),
    StepTime(StepTime),
    /// An action added or edited in the plan.
    Action(Action),
    /// A core group outcome added or edited (conference outcomes are refused).
    Outcome(Outcome),
    /// Remove a meeting item (contribution, circumstance, disagreement, note, guest) by id.
    Remove(Id),
    /// The chair moved to another step.
    Step(usize),
    /// Unsaved text in a form open over the step; `None` once it is saved or cancelled.
    Scratch(Option<Scratch>),
}

/// Why a change could not be applied; the screen shows it and nothing is changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn upsert<T>(items: &mut Vec<T>, item: T, same: impl Fn(&T, &T) -> bool) {
    match items.iter_mut().find(|i| same(i, &item)) {
        Some(slot) => *slot = item,
        None => items.push(item),
    }
}

impl Draft {
    pub fn new(meeting: Meeting, plan: Plan) -> Draft {
        Draft {
            meeting,
            plan,
            step: 0,
            scratch: None,
        }
    }

    /// Apply one change. A refused change leaves the draft untouched.
    pub fn apply(&mut self, change: Change) -> Result<(), Refused> {
        let m = &mut self.meeting;
        match change {
            Change::Details(d) => m.details = d,
            Change::Attendance(a) => upsert(&mut m.attendance, a, |x, y| x.member == y.member),
            Change::Guest(g) => upsert(&mut m.guests, g, |x, y| x.id == y.id),
            Change::PreviousRecord(p) => m.previous_record = p,
            Change::ActionReview(r) => {
                if self.plan.action(&r.action).is_none() {
                    return Err(Refused(format!("there is no action {}", r.action)));
                }
                upsert(&mut m.action_reviews, r, |x, y| x.action == y.action)
            }
            Change::Contribution(c) => upsert(&mut m.contributions, c, |x, y| x.id == y.id),
            Change::OutcomeProgress(p) => {
                if p.score.is_some_and(|s| s > SCALE_MAX) {
                    return Err(Refused(format!("the scale runs from 0 to {SCALE_MAX}")));
                }
                upsert(&mut m.outcome_progress, p, |x, y| x.outcome == y.outcome)
            }
            Change::ChildViews(v) => m.child_views = v,
            Change::FamilyViews(v) => m.family_views = v,
            Change::Circumstance(c) => upsert(&mut m.circumstances, c, |x, y| x.id == y.id),
            Change::Disagreement(d) => upsert(&mut m.disagreements, d, |x, y| x.id == y.id),
            Change::Escalation(e) => m.escalation = e,
            Change::NextMeeting(n) => m.next_meeting = n,
            Change::Note(n) => upsert(&mut m.notes, n, |x, y| x.id == y.id),
            Change::Checklist(t) => upsert(&mut m.checklist, t, |x, y| x.item == y.item),
            Change::StepTime(t) => upsert(&mut m.step_times, t, |x, y| x.step == y.step),
            Change::Action(a) => {
                if self.plan.outcome(&a.outcome).is_none() {
                    return Err(Refused(format!(
                        "action {} serves outcome {}, which is not in the plan",
                        a.id, a.outcome
                    )));
                }
                upsert(&mut self.plan.actions, a, |x, y| x.id == y.id)
            }
            Change::Outcome(o) => {
                if let Some(existing) = self.plan.outcome(&o.id)
                    && existing.origin == super::plan::Origin::Conference
                {
                    return Err(Refused(format!(
                        "outcome {} was set by the conference; only a review conference may change it",
                        o.id
                    )));
                }
                if o.origin == super::plan::Origin::Conference {
                    return Err(Refused(
                        "the core group may add its own outcomes, not conference ones".into(),
                    ));
                }
                if self.plan.child(&o.child).is_none() {
                    return Err(Refused(format!("there is no child {}", o.child)));
                }
                upsert(&mut self.plan.outcomes, o, |x, y| x.id == y.id)
            }
            Change::Remove(id) => {
                m.contributions.retain(|c| c.id != id);
                m.circumstances.retain(|c| c.id != id);
                m.disagreements.retain(|d| d.id != id);
                m.notes.retain(|n| n.id != id);
                m.guests.retain(|g| g.id != id);
            }
            Change::Step(s) => self.step = s,
            Change::Scratch(s) => self.scratch = s,
        }
        Ok(())
    }
}

#[cfg(test)]
mod privacy_tests {
    use super::*;

    #[test]
    fn privacy_sits_beside_the_text_it_governs_and_old_files_load() {
        let old = "id: n1\nstep: notes\ntext: '12'\nconfidential: true\n";
        let n: Note = yaml_serde::from_str(old).unwrap();
        assert!(n.privacy.confidential && n.privacy.not_for.is_empty());
        assert_eq!(n.text, "12");
        let open: Escalation = yaml_serde::from_str("reason: why\n").unwrap();
        assert!(open.privacy.is_open());
        let typo = yaml_serde::from_str::<Note>("id: n1\nstep: s\ntext: t\nconfidental: true\n");
        assert!(typo.unwrap_err().to_string().contains("confidental"));
        let r = ActionReview {
            action: "a1".into(),
            status: super::super::plan::ActionStatus::Achieved,
            note: "done".into(),
            privacy: Privacy {
                confidential: false,
                not_for: vec!["dad".into()],
            },
        };
        let text = yaml_serde::to_string(&r).unwrap();
        assert!(
            text.contains("not_for:\n- dad") && !text.contains("confidential"),
            "{text}"
        );
        assert_eq!(yaml_serde::from_str::<ActionReview>(&text).unwrap(), r);
        let json = serde_json::to_string(&Change::ActionReview(r.clone())).unwrap();
        assert_eq!(
            serde_json::from_str::<Change>(&json).unwrap(),
            Change::ActionReview(r)
        );
    }

    #[test]
    fn an_item_is_hidden_from_whom_it_is_not_for() {
        let p = Privacy {
            confidential: false,
            not_for: vec!["dad".into()],
        };
        assert!(p.hidden_from(Some("dad")));
        assert!(!p.hidden_from(Some("mum")));
        assert!(p.hidden_from(None), "the copy for every family member");
        assert!(Privacy::marked(true).hidden_from(Some("mum")));
        assert!(!Privacy::default().hidden_from(None));
    }
}
