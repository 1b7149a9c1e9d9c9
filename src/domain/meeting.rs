//! The record of one core group meeting, as captured live and kept in
//! `<case>/meetings/<id>/minutes.yaml`, and the changes that build it up.
//!
//! A meeting in progress is a [`Draft`]: the record plus the working copy of the plan. Every edit
//! is a [`Change`] applied to the draft; the same changes are appended to the journal, so a
//! crashed meeting is rebuilt by replaying them. A change carries one item or one section, never
//! the whole case, so its cost does not grow with the size of the case.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::disagreements::{DisagreementReview, Route};
use super::id::Id;
use super::plan::{Action, Outcome, Plan, is_false};
use super::privacy::Privacy;

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
    /// Each child's views, where the plan has several children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children_views: Vec<ChildViews>,
    #[serde(default)]
    pub family_views: FamilyViews,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub circumstances: Vec<Circumstance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_changes: Vec<PlanChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
    /// What the meeting said about each disagreement it carried in from earlier meetings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreement_reviews: Vec<DisagreementReview>,
    #[serde(default)]
    pub escalation: Escalation,
    /// The core group's recommendation to the review conference, recorded at the last core
    /// group before it.
    #[serde(default, skip_serializing_if = "Recommendation::is_empty")]
    pub recommendation: Recommendation,
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
    /// What the case log recorded since the last meeting, as the minutes show it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub since_last_meeting: Vec<LoggedEvent>,
    /// When the meeting was closed, in local time: the minutes' end time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<NaiveDateTime>,
    /// The calendar invitation last written for the next meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<Invitation>,
}

/// One event of the case log, dated and in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoggedEvent {
    pub date: NaiveDate,
    pub text: String,
    /// The log event's id, so the close can note which events the meeting was shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// What the invitation to the next meeting said when it was last written. Calendar programs
/// take a changed event only when its sequence is higher, so moving the meeting raises it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    pub sequence: u32,
    /// When it was written, in UTC (the invitation's DTSTAMP).
    pub stamp: NaiveDateTime,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub venue: String,
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
    /// The minute-taker by name when they are not a member or a guest (business support, as
    /// typed or as the case's usual minute-taker); none beside `minute_taker`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub minute_taker_name: String,
    /// Why a family member was excluded from the meeting, if one was (it must be minuted).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exclusions: String,
    /// Of the exclusions.
    #[serde(default, skip_serializing_if = "Privacy::is_open")]
    pub exclusions_privacy: Privacy,
    /// Of the venue (a refuge, a family's home).
    #[serde(default, skip_serializing_if = "Privacy::is_open")]
    pub venue_privacy: Privacy,
    /// The end time the chair gave at the close, on the meeting's day; none means the time the
    /// meeting was closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<NaiveTime>,
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

impl Attendance {
    /// Someone came for the member's agency: the member, or a substitute in their place.
    pub fn agency_attended(&self) -> bool {
        self.presence == Some(Presence::Present) || !self.substitute.trim().is_empty()
    }
}

/// Someone at the meeting who is not a member of the core group: interpreter, advocate, observer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    pub id: Id,
    pub name: String,
    /// Their role as typed (a "Senior practitioner", a "Business support officer").
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
    /// Why they are here: interpreter, advocate, minute-taker, professional, observer, family
    /// member ([`FAMILY_GUEST`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub here_as: String,
    /// The member an interpreter or advocate is here for, or a family member is related to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_whom: Option<Id>,
    /// Joins the core group at this meeting (a new agency): a member in the updated plan.
    #[serde(default, skip_serializing_if = "is_false")]
    pub joins: bool,
    /// Of who the guest is: name, role, agency and why they are here (one who joins is a member
    /// of the plan the family gets, so is named there whatever this says).
    #[serde(flatten)]
    pub privacy: Privacy,
}

/// `here_as` of a guest who is one of the family: they read the family's copy, never the
/// professionals'.
pub const FAMILY_GUEST: &str = "family member";

impl Guest {
    /// One of the family, here as a guest: a family reader.
    pub fn is_family(&self) -> bool {
        self.here_as == FAMILY_GUEST
    }

    pub fn new(id: Id, name: String, role: String, agency: String) -> Guest {
        Guest {
            id,
            name,
            role,
            agency,
            here_as: String::new(),
            for_whom: None,
            joins: false,
            privacy: Privacy::default(),
        }
    }
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

/// One thing a member said on the progress of the plan; a member may say several, each with its
/// own tag, outcomes and confidentiality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    pub id: Id,
    /// Member or guest id.
    pub member: Id,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
    /// The outcomes it speaks to, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<Id>,
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
    /// Whose views, where the plan has several children; none for a one-child plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Id>,
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

/// One line of the table of changes to the plan, derived when the meeting closes. It names the
/// item it came from and what that item was before; its words are made from the item itself,
/// through the reader's view, so it holds no copy of typed text that could outlive a tick.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanChange {
    /// Action, outcome or member id.
    pub item: Id,
    pub change: ChangeKind,
    /// What the item was before the meeting, for each part that changed; the new values are the
    /// plan's the meeting left.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<Was>,
    /// Records closed before rows were made from their source held the row in words. Kept to
    /// read; only professionals and the case file see it, a family reader gets words made from
    /// the source instead.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// What one part of an action or outcome was before the meeting changed it, written as
/// `part: due` and `was: 2026-11-26`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "kebab-case",
    tag = "part",
    content = "was",
    deny_unknown_fields
)]
pub enum Was {
    /// Reworded: the new words are the item's own.
    Reworded,
    Owner(Option<Id>),
    Due(Option<NaiveDate>),
    Outcome(Id),
    Status(super::plan::ActionStatus),
}

impl PlanChange {
    pub fn of(item: &str, change: ChangeKind, before: Vec<Was>) -> PlanChange {
        PlanChange {
            item: item.to_string(),
            change,
            before,
            detail: String::new(),
        }
    }
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
    /// Someone at the meeting joined the core group.
    MemberJoined,
    /// The contingency plan agreed anew.
    ContingencyChanged,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::OutcomeAdded => "outcome added",
            ChangeKind::OutcomeChanged => "outcome changed",
            ChangeKind::ActionAdded => "action added",
            ChangeKind::ActionChanged => "action changed",
            ChangeKind::ActionStatus => "status changed",
            ChangeKind::MemberJoined => "joined the core group",
            ChangeKind::ContingencyChanged => "contingency plan changed",
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

/// What the core group recommends to the review conference, and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<Recommend>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reasons: String,
    /// Of the reasons.
    #[serde(flatten)]
    pub privacy: Privacy,
}

impl Recommendation {
    pub fn is_empty(&self) -> bool {
        self.choice.is_none() && self.reasons.trim().is_empty()
    }
}

/// The core group's recommendation to the review conference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Recommend {
    /// The plan continues.
    Continue,
    /// The plan ends; the family is supported as children in need.
    StepDown,
    /// A legal planning meeting, to consider proceedings.
    LegalPlanning,
}

impl Recommend {
    pub const ALL: [Recommend; 3] = [
        Recommend::Continue,
        Recommend::StepDown,
        Recommend::LegalPlanning,
    ];

    /// For the professionals' documents.
    pub fn label(self) -> &'static str {
        match self {
            Recommend::Continue => "the child protection plan continues",
            Recommend::StepDown => "step down to a child in need plan",
            Recommend::LegalPlanning => "a legal planning meeting, to consider proceedings",
        }
    }

    /// For the family's documents, in plain words.
    pub fn family_words(self) -> &'static str {
        match self {
            Recommend::Continue => "the plan should carry on",
            Recommend::StepDown => {
                "the plan can end, and the family be supported with a child in need plan"
            }
            Recommend::LegalPlanning => {
                "the local authority should meet its lawyers to think about going to court"
            }
        }
    }
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
    /// The core groups agreed after the next one (up to the review conference), in date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub later: Vec<NaiveDate>,
    /// Of the venue and the reasons.
    #[serde(flatten)]
    pub privacy: Privacy,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: Id,
    /// The step key the note was written under.
    pub step: String,
    /// What the note is about, as the minute-taker named it; it labels the note, not the step.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
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
                .current_members()
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
            children_views: Vec::new(),
            family_views: FamilyViews::default(),
            circumstances: Vec::new(),
            plan_changes: Vec::new(),
            disagreements: Vec::new(),
            disagreement_reviews: Vec::new(),
            escalation: Escalation::default(),
            recommendation: Recommendation::default(),
            next_meeting: NextMeeting::default(),
            notes: Vec::new(),
            checklist: Vec::new(),
            step_times: Vec::new(),
            missing_at_close: Vec::new(),
            family_check_at_close: Vec::new(),
            since_last_meeting: Vec::new(),
            ended: None,
            invitation: None,
        }
    }

    /// Note that the invitation to the next meeting is written at `now` (UTC): the first one is
    /// sequence 0; one whose date, time or venue moved since the last is the next sequence.
    /// Returns whether the record changed. Nothing happens while no next date is set.
    pub fn stamp_invitation(&mut self, now: NaiveDateTime) -> bool {
        let next = &self.next_meeting;
        let Some(date) = next.date else {
            return false;
        };
        let sequence = match &self.invitation {
            Some(i) if i.date == date && i.time == next.time && i.venue == next.venue => {
                return false;
            }
            Some(i) => i.sequence.saturating_add(1),
            None => 0,
        };
        self.invitation = Some(Invitation {
            sequence,
            stamp: now,
            date,
            time: next.time,
            venue: next.venue.clone(),
        });
        true
    }

    pub fn attendance_of(&self, member: &str) -> Option<&Attendance> {
        self.attendance.iter().find(|a| a.member == member)
    }

    /// The name of a member or guest of this meeting.
    /// Who took the minutes, by name: a member's or guest's, or the name given for someone
    /// who is neither.
    pub fn minute_taker_name<'a>(&'a self, plan: &'a Plan) -> Option<&'a str> {
        match self.details.minute_taker.as_deref() {
            Some(id) => Some(self.person_name(plan, id)),
            None => Some(self.details.minute_taker_name.trim()).filter(|n| !n.is_empty()),
        }
    }

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
            &self.details.venue_privacy,
            &self.next_meeting.privacy,
            &self.previous_record.privacy,
            &self.child_views.privacy,
            &self.family_views.privacy,
            &self.escalation.privacy,
            &self.recommendation.privacy,
        ]
        .into_iter()
        .chain(self.attendance.iter().map(|a| &a.privacy))
        .chain(self.guests.iter().map(|g| &g.privacy))
        .chain(self.children_views.iter().map(|v| &v.privacy))
        .chain(self.action_reviews.iter().map(|r| &r.privacy))
        .chain(self.contributions.iter().map(|c| &c.privacy))
        .chain(self.outcome_progress.iter().map(|p| &p.privacy))
        .chain(self.circumstances.iter().map(|c| &c.privacy))
        .chain(self.disagreements.iter().map(|d| &d.privacy))
        .chain(self.disagreement_reviews.iter().map(|r| &r.privacy))
        .chain(self.notes.iter().map(|n| &n.privacy))
    }

    /// Whether some item is not for some family member: then each gets a copy of their own.
    pub fn has_restricted_items(&self) -> bool {
        self.privacies().any(|p| !p.not_for.is_empty())
    }

    /// A child's own views, where the plan has several children.
    pub fn views_of(&self, child: &str) -> Option<&ChildViews> {
        self.children_views
            .iter()
            .find(|v| v.child.as_deref() == Some(child))
    }

    /// Why the child's views are missing: for a plan with several children, one line per child
    /// whose views are not recorded (views recorded for all of them together, as older records
    /// hold them, count for each).
    pub fn views_missing(&self, plan: &Plan) -> Vec<String> {
        if self.child_views.is_recorded() {
            return Vec::new();
        }
        if plan.children.len() < 2 {
            return vec!["the child's views are not recorded".into()];
        }
        plan.children
            .iter()
            .filter(|c| !self.views_of(&c.id).is_some_and(ChildViews::is_recorded))
            .map(|c| format!("the views of {} are not recorded", c.name))
            .collect()
    }

    /// A guest's role as the documents give it: "Advocate, for Shauna Brennan"; "Aunt, related
    /// to Shauna Brennan" for one of the family.
    pub fn guest_role(&self, plan: &Plan, g: &Guest) -> String {
        match g.for_whom.as_deref() {
            Some(id) if g.is_family() => {
                format!("{}, related to {}", g.role, plan.member_name(id))
            }
            Some(id) => format!("{}, for {}", g.role, plan.member_name(id)),
            None => g.role.clone(),
        }
    }

    /// Who spoke for a member: "Sarah Khan, for Tom Ridley" when a substitute came in their
    /// place, else the member's (or guest's) name.
    pub fn speaker(&self, plan: &Plan, id: &str) -> String {
        let name = self.person_name(plan, id);
        match self.attendance_of(id).map(|a| a.substitute.trim()) {
            Some(sub) if !sub.is_empty() => format!("{sub}, for {name}"),
            _ => name.to_string(),
        }
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
    /// What the plan held when the meeting opened; a resumed meeting is rebuilt from the same
    /// plan, so this never counts what the meeting itself added.
    pub start: Start,
    pub step: usize,
    /// Text typed in a form open over the step and not yet saved. Journaled so a crash loses
    /// none of it, but never part of the minutes: saving or cancelling the form clears it.
    pub scratch: Option<Scratch>,
    /// Where the chair was on the screen; journaled for resuming, never part of the minutes.
    pub screen: ScreenPosition,
}

/// Where the chair was: the steps visited, the focused field and the row selected in each
/// list, so a resumed meeting opens exactly where it stopped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenPosition {
    /// Keys of the steps the chair has been on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visited: Vec<String>,
    /// The focused field of the current step's form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub selections: Vec<Selection>,
}

/// The row selected in one list of one step.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    pub step: String,
    pub list: String,
    pub row: usize,
}

/// The plan as the meeting found it, as far as the meeting needs to know it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Start {
    /// Actions open at the start, and those closed since the last meeting (achieved, not
    /// achieved, no longer needed between meetings), in plan order: each is reviewed in turn.
    pub open_actions: Vec<Id>,
    /// How long each action's history was, so the meeting adds at most one entry to it.
    pub history_len: std::collections::HashMap<Id, usize>,
    /// The outcomes the plan had; any other was added by this meeting.
    pub outcomes: std::collections::HashSet<Id>,
}

impl Start {
    pub fn of(plan: &Plan) -> Start {
        let last = plan.last_core_group().map(|c| c.date);
        let changed_since = |a: &super::plan::Action| {
            !super::action_history::since(a, last, NaiveDate::MAX).is_empty()
        };
        Start {
            open_actions: plan
                .actions
                .iter()
                .filter(|a| a.status.is_open() || changed_since(a))
                .map(|a| a.id.clone())
                .collect(),
            history_len: plan
                .actions
                .iter()
                .map(|a| (a.id.clone(), a.history.len()))
                .collect(),
            outcomes: plan.outcomes.iter().map(|o| o.id.clone()).collect(),
        }
    }

    /// Whether an outcome was added by this meeting (and so may be taken out again by it).
    pub fn added_outcome(&self, id: &str) -> bool {
        !self.outcomes.contains(id)
    }
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
    /// The option chosen in each choice, by field id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<(String, usize)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub toggles: Vec<(String, bool)>,
    /// Who may read each item text typed so far, by field id: a tick is kept like the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub privacies: Vec<(String, Privacy)>,
    /// The focused field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
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
    /// The meeting's word on a disagreement carried in from an earlier meeting.
    DisagreementReview(DisagreementReview),
    Escalation(Escalation),
    /// The recommendation to the review conference.
    Recommendation(Recommendation),
    NextMeeting(NextMeeting),
    Note(Note),
    Checklist(ChecklistTick),
    StepTime(StepTime),
    /// An action added or edited in the plan.
    Action(Action),
    /// A core group outcome added or edited (conference outcomes are refused).
    Outcome(Outcome),
    /// The contingency plan as the meeting agreed it.
    Contingency(String),
    /// Remove a meeting item (contribution, circumstance, disagreement, note, guest) by id.
    Remove(Id),
    /// Take out a core group outcome this meeting added by mistake.
    RemoveOutcome(Id),
    /// The chair moved to another step.
    Step(usize),
    /// Unsaved text in a form open over the step; `None` once it is saved or cancelled.
    Scratch(Option<Scratch>),
    /// Where the chair is on the screen.
    Screen(ScreenPosition),
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
            start: Start::of(&plan),
            plan,
            step: 0,
            scratch: None,
            screen: ScreenPosition::default(),
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
                // A review is the group's decision on the action's status: the plan follows it.
                if let Some(a) = self.plan.actions.iter_mut().find(|a| a.id == r.action) {
                    a.status = r.status;
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
            Change::ChildViews(v) => match &v.child {
                Some(child) => {
                    if self.plan.child(child).is_none() {
                        return Err(Refused(format!("there is no child {child}")));
                    }
                    upsert(&mut m.children_views, v, |x, y| x.child == y.child)
                }
                None => m.child_views = v,
            },
            Change::FamilyViews(v) => m.family_views = v,
            Change::Circumstance(c) => upsert(&mut m.circumstances, c, |x, y| x.id == y.id),
            Change::Disagreement(d) => upsert(&mut m.disagreements, d, |x, y| x.id == y.id),
            Change::DisagreementReview(r) => {
                if !self
                    .plan
                    .disagreements
                    .iter()
                    .any(|d| d.id == r.disagreement)
                {
                    return Err(Refused(format!(
                        "there is no disagreement {} carried from an earlier meeting",
                        r.disagreement
                    )));
                }
                upsert(&mut m.disagreement_reviews, r, |x, y| {
                    x.disagreement == y.disagreement
                })
            }
            Change::Escalation(e) => m.escalation = e,
            Change::Recommendation(r) => m.recommendation = r,
            Change::NextMeeting(n) => m.next_meeting = n,
            Change::Contingency(text) => self.plan.contingency_plan = text.trim_end().to_string(),
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
                // The latest decision wins: a later change of status updates the review too,
                // so the record and the plan never disagree.
                if let Some(r) = m.action_reviews.iter_mut().find(|r| r.action == a.id) {
                    r.status = a.status;
                }
                upsert(&mut self.plan.actions, a, |x, y| x.id == y.id)
            }
            Change::RemoveOutcome(id) => {
                let Some(o) = self.plan.outcome(&id) else {
                    return Err(Refused(format!("there is no outcome {id}")));
                };
                if o.origin == super::plan::Origin::Conference || !self.start.added_outcome(&id) {
                    return Err(Refused(format!(
                        "outcome {id} was in the plan before this meeting; only a review conference may remove it"
                    )));
                }
                let serving: Vec<&str> = self
                    .plan
                    .actions
                    .iter()
                    .filter(|a| a.outcome == id)
                    .map(|a| a.id.as_str())
                    .collect();
                if !serving.is_empty() {
                    return Err(Refused(format!(
                        "{} {} outcome {id}: make {} serve another outcome first",
                        serving.join(", "),
                        if serving.len() == 1 {
                            "serves"
                        } else {
                            "serve"
                        },
                        if serving.len() == 1 { "it" } else { "them" },
                    )));
                }
                self.plan.outcomes.retain(|o| o.id != id);
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
                m.disagreement_reviews.retain(|r| r.disagreement != id);
                m.notes.retain(|n| n.id != id);
                m.guests.retain(|g| g.id != id);
            }
            Change::Step(s) => self.step = s,
            Change::Scratch(s) => self.scratch = s,
            Change::Screen(s) => self.screen = s,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 24)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap_or_default()
    }

    #[test]
    fn the_invitation_is_restamped_only_when_the_meeting_moves() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 8);
        let mut m = Meeting::new(
            "2026-11-24".into(),
            "core-group".into(),
            at(0).date(),
            &crate::domain::example::plan(at(0).date()),
        );
        assert!(!m.stamp_invitation(at(9)), "no next date, no invitation");
        m.next_meeting.date = day;
        assert!(m.stamp_invitation(at(10)));
        assert_eq!(
            m.invitation.as_ref().map(|i| (i.sequence, i.stamp)),
            Some((0, at(10)))
        );
        assert!(
            !m.stamp_invitation(at(11)),
            "unchanged: same sequence and stamp"
        );
        assert_eq!(m.invitation.as_ref().map(|i| i.stamp), Some(at(10)));
        for (n, change) in [
            |n: &mut NextMeeting| n.time = NaiveTime::from_hms_opt(14, 0, 0),
            |n: &mut NextMeeting| n.venue = "Room 3".into(),
            |n: &mut NextMeeting| n.date = NaiveDate::from_ymd_opt(2026, 12, 9),
        ]
        .into_iter()
        .enumerate()
        {
            change(&mut m.next_meeting);
            let hour = 12 + u32::try_from(n).unwrap_or(0);
            assert!(m.stamp_invitation(at(hour)));
            let i = m.invitation.as_ref().map(|i| (i.sequence, i.stamp));
            assert_eq!(i, Some((u32::try_from(n).unwrap_or(0) + 1, at(hour))));
        }
    }
}
