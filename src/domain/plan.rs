//! The child protection plan of a case: who the children are, who is in the core group, the
//! outcomes the plan works towards and the actions that serve them. Read from `<case>/plan.yaml`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::Division;
use super::disagreements::CarriedDisagreement;
use super::period::Period;
use super::privacy::Privacy;

use super::id::Id;

use super::format::PlanFormat;

/// How a person no longer in the plan is named, where only their id is left.
pub const NOT_IN_PLAN: &str = "(member no longer in the plan)";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The format version, written only once past the first (see `domain::format`).
    #[serde(default, skip_serializing_if = "PlanFormat::is_first")]
    pub format: PlanFormat,
    pub case: CaseInfo,
    pub children: Vec<Child>,
    pub members: Vec<Member>,
    pub outcomes: Vec<Outcome>,
    /// Why the children are on a plan: the conference's concerns, in the agenda's terms.
    #[serde(default, skip_serializing_if = "WhyOnPlan::is_empty")]
    pub why: WhyOnPlan,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub key_dates: KeyDates,
    /// What happens if the plan is not working (checked at each meeting).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contingency_plan: String,
    /// How often the lead worker must see the child; the agenda's policy applies when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_seen_every: Option<Period>,
    /// Every disagreement a meeting raised, with its history: open ones are carried to each
    /// meeting until they end (`domain::disagreements`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<CarriedDisagreement>,
}

/// Why the children are on a plan, as the conference set it out: its concerns and, where the
/// local authority works that way (Signs of Safety), the danger statement and the safety goals.
/// Every document that speaks of the plan says it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhyOnPlan {
    /// The conference's concerns: what the children were harmed by or are at risk of.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub concerns: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub danger_statement: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub safety_goals: String,
    /// Of the concerns, the danger statement and the safety goals.
    #[serde(flatten)]
    pub privacy: Privacy,
}

impl WhyOnPlan {
    pub fn is_empty(&self) -> bool {
        self.concerns.trim().is_empty()
            && self.danger_statement.trim().is_empty()
            && self.safety_goals.trim().is_empty()
    }

    /// Each part that holds words, with its heading.
    pub fn parts(&self) -> Vec<(&'static str, &str)> {
        [
            ("The conference's concerns", self.concerns.as_str()),
            ("Danger statement", self.danger_statement.as_str()),
            ("Safety goals", self.safety_goals.as_str()),
        ]
        .into_iter()
        .filter(|(_, t)| !t.trim().is_empty())
        .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseInfo {
    pub reference: String,
    pub local_authority: String,
    #[serde(default)]
    pub division: Division,
    /// The agenda (and with it the local procedure's policy numbers) this case follows.
    #[serde(default = "default_agenda")]
    pub agenda: String,
    /// The member who is the lead social worker / key worker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_worker: Option<Id>,
    /// The family's address, as it appears on documents that are not withheld.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_address: Option<String>,
    /// Set where disclosing the family's address is unsafe (domestic abuse, child placed away).
    #[serde(default, skip_serializing_if = "is_false")]
    pub withhold_family_address: bool,
}

pub fn default_agenda() -> String {
    "core-group".to_string()
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    /// For an unborn child (a pre-birth plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_date_of_birth: Option<NaiveDate>,
    pub categories: Vec<Category>,
    pub plan_started: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Physical,
    Emotional,
    Sexual,
    Neglect,
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::Physical => "physical abuse",
            Category::Emotional => "emotional abuse",
            Category::Sexual => "sexual abuse",
            Category::Neglect => "neglect",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: Id,
    pub name: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub family: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A number to ring them on, for the professionals' contact list and, for the lead worker,
    /// the "Who to contact" of every family document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// How a letter addresses them: "Mr", "Ms", "Mx", "Dr"… ("Dear Mr Walsh").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The name they like to be called by, when they gave no title ("Dear Dean").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_name: Option<String>,
    /// Parents and children get their copy in this language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Never print this member's address on a circulated copy.
    #[serde(default, skip_serializing_if = "is_false")]
    pub withhold_address: bool,
    /// The day the member joined the core group, when it was after the plan began (a member
    /// added on the case screen, by hand, through the log or at a meeting): they owe no signed
    /// agreement for a meeting held before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<NaiveDate>,
    /// The day the member left the core group: kept, never deleted, so old minutes still name them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<NaiveDate>,
    /// Of who they are: a guest whose name was ticked confidential keeps it when they join (to
    /// own an action), so the family's copies never name them.
    #[serde(flatten)]
    pub privacy: Privacy,
}

impl Member {
    /// How a letter greets them: title and surname ("Mr Walsh"), else the name they like to be
    /// called by ("Dean"), else their full name.
    pub fn salutation(&self) -> String {
        let given = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
        };
        let name = self.name.trim();
        match (given(&self.title), given(&self.preferred_name)) {
            (Some(title), _) => {
                let surname = name.rsplit(' ').next().unwrap_or(name);
                if surname.is_empty() {
                    title
                } else {
                    format!("{title} {surname}")
                }
            }
            (None, Some(preferred)) => preferred,
            (None, None) => name.to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: Id,
    /// The child the outcome is for; the first of them when it is shared.
    pub child: Id,
    pub text: String,
    pub origin: Origin,
    /// The other children a shared outcome is for ("both children", "all the children").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_for: Vec<Id>,
    /// When a core group outcome was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<NaiveDate>,
}

impl Outcome {
    /// Every child the outcome is for, the first first.
    pub fn children(&self) -> impl Iterator<Item = &Id> {
        std::iter::once(&self.child).chain(self.also_for.iter().filter(|c| **c != self.child))
    }

    pub fn is_for(&self, child: &str) -> bool {
        self.children().any(|c| c == child)
    }
}

/// Only a review conference may change or remove an outcome the conference set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    Conference,
    CoreGroup,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: Id,
    pub outcome: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<ActionUpdate>,
    /// Of what is to be done.
    #[serde(flatten)]
    pub privacy: Privacy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    NotStarted,
    InProgress,
    Achieved,
    NotAchieved,
    NoLongerNeeded,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 5] = [
        ActionStatus::NotStarted,
        ActionStatus::InProgress,
        ActionStatus::Achieved,
        ActionStatus::NotAchieved,
        ActionStatus::NoLongerNeeded,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not started",
            ActionStatus::InProgress => "in progress",
            ActionStatus::Achieved => "achieved",
            ActionStatus::NotAchieved => "not achieved",
            ActionStatus::NoLongerNeeded => "no longer needed",
        }
    }

    /// Open actions are still owed to the child and are reviewed at every meeting.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::NotStarted | ActionStatus::InProgress)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionUpdate {
    pub date: NaiveDate,
    pub status: ActionStatus,
    /// Why: the meeting's note on its review, or the reason a change between meetings gave.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Who made the change: a member's id, or a name as typed. A meeting's entry has none (the
    /// core group made it); neither has an entry written before who was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Each part of the action the entry changed, what it was and what it became (none in an
    /// entry written before the parts were kept, or one that only gave a note).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<ActionPart>,
    /// Where the change was made.
    #[serde(default, skip_serializing_if = "Made::is_meeting")]
    pub made: Made,
    /// Of the note: the privacy of the review or form it was typed in.
    #[serde(flatten)]
    pub privacy: Privacy,
}

/// Where a change to an action was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Made {
    /// At a core group meeting, on its review of the actions.
    #[default]
    Meeting,
    /// Between meetings, on the case screen or by `coregroup log`.
    BetweenMeetings,
    /// In `plan.yaml` by hand: seen at the next meeting as a difference from the plan the last
    /// meeting left, with nothing in the history to say who or why.
    ByHand,
}

impl Made {
    pub fn is_meeting(&self) -> bool {
        *self == Made::Meeting
    }
}

/// One part of an action a history entry changed. The words of a reworded action are not
/// copied: they carry the action's own privacy, and the action holds them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "part", deny_unknown_fields)]
pub enum ActionPart {
    Due {
        #[serde(default)]
        was: Option<NaiveDate>,
        #[serde(default)]
        now: Option<NaiveDate>,
    },
    Owner {
        #[serde(default)]
        was: Option<Id>,
        #[serde(default)]
        now: Option<Id>,
    },
    Reworded,
    Outcome {
        was: Id,
        now: Id,
    },
    Status {
        was: ActionStatus,
        now: ActionStatus,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyDates {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy_discussion: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_conference: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review_conferences: Vec<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_review_conference: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub core_groups: Vec<CoreGroupHeld>,
    /// The date the last core group agreed for the next one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_core_group: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_assessment_completed: Option<NaiveDate>,
    /// Visits by the lead worker to the child.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<KeyVisit>,
    /// Wales: the date a resolution (Tier 1) request was made, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution_requested: Option<NaiveDate>,
    /// Wales: the date the Tier 1 resolution meeting was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier1_meeting: Option<NaiveDate>,
    /// Wales: the date the Tier 2 resolution meeting was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier2_meeting: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoreGroupHeld {
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_circulated: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreements_returned: Option<NaiveDate>,
    /// Who chaired, so chairing can rotate between agencies where the policy asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    /// Who took the minutes, by name: offered as the case's usual minute-taker at the next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minute_taker: Option<String>,
    /// The ids of the case log's events the meeting was shown: an event logged on its day but
    /// not shown (logged after it) is "since the last meeting" for the next.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events_shown: Vec<String>,
}

/// A visit among the plan's key dates (a logged one is [`super::case_log::Visit`]); a file that
/// does not read still names it `Visit`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Visit")]
pub struct KeyVisit {
    pub date: NaiveDate,
    /// The member who visited (the lead worker when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
    /// Every child of the visit seen alone (written before visits were recorded per child).
    #[serde(default, skip_serializing_if = "is_false")]
    pub seen_alone: bool,
    /// The children seen (child ids); empty means every child on the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Id>,
    /// Each child of the visit on their own: seen, seen alone, and why not. When given, it is
    /// the whole record of the visit's children (`children` and `seen_alone` are not used).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub each: Vec<ChildSeen>,
}

impl KeyVisit {
    /// Whether this visit saw `child`. An unborn child counts as seen by every visit: before
    /// the birth the visits are to the mother.
    pub fn saw(&self, child: &Child) -> bool {
        self.for_child(child).is_some_and(|c| c.seen)
    }

    /// What this visit records of `child`, or `None` when the visit was not for them.
    pub fn for_child(&self, child: &Child) -> Option<ChildSeen> {
        child_seen(child, &self.each, &self.children, true, self.seen_alone, "").or_else(|| {
            child
                .date_of_birth
                .is_none()
                .then(|| ChildSeen::seen(&child.id, false))
        })
    }
}

/// One child at one visit: seen or not, seen alone or not, and why not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildSeen {
    pub child: Id,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub seen: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub alone: bool,
    /// Why the child was not seen, or not seen alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_not: Option<WhyNot>,
}

/// Why a child's part of a visit, as written on the command line, was not read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SeenError {
    #[error("a child not seen needs the reason: not-seen:REASON")]
    NoReason,
    /// The word given, in lower case.
    #[error("\"{0}\" is not how a child was seen: alone, seen, too-young or not-seen")]
    NoSuchWay(String),
}

impl ChildSeen {
    /// Seen (alone, when `alone`), with no reason needed.
    pub fn seen(child: &str, alone: bool) -> ChildSeen {
        ChildSeen {
            child: child.to_string(),
            seen: true,
            alone,
            why_not: None,
        }
    }

    /// A child's part of a visit as written after their name on the command line:
    /// `alone` (seen alone), `seen` (seen, not alone), `too-young` (seen, not alone: too young
    /// to be seen alone) or `not-seen`, each optionally followed by `:` and the reason.
    pub fn parse(child: &str, how: &str) -> Result<ChildSeen, SeenError> {
        let (word, why) = match how.split_once(':') {
            Some((w, why)) => (w.trim(), Some(why.trim()).filter(|w| !w.is_empty())),
            None => (how.trim(), None),
        };
        let why_not = why.map(WhyNot::parse);
        let mut c = ChildSeen::seen(child, false);
        match word.to_lowercase().as_str() {
            "alone" | "seen-alone" => c.alone = true,
            "seen" | "not-alone" => c.why_not = why_not,
            "too-young" | "too young" => c.why_not = Some(WhyNot::TooYoung),
            "not-seen" => {
                c.seen = false;
                c.why_not = Some(why_not.ok_or(SeenError::NoReason)?);
            }
            other => return Err(SeenError::NoSuchWay(other.to_string())),
        }
        Ok(c)
    }

    /// The ways a child may have been seen, as forms offer them, in the order of
    /// [`ChildSeen::of_way`].
    pub const WAYS: [&'static str; 4] = [
        "seen alone",
        "seen, not alone",
        "seen; too young to be seen alone",
        "not seen",
    ];

    /// The child's part of a visit from the way chosen (an index of [`ChildSeen::WAYS`]), with
    /// the reason given for a child seen but not alone, or not seen.
    pub fn of_way(child: &str, way: usize, why: Option<WhyNot>) -> ChildSeen {
        let mut c = ChildSeen::seen(child, false);
        match way {
            0 => c.alone = true,
            1 => c.why_not = why,
            2 => c.why_not = Some(WhyNot::TooYoung),
            _ => {
                c.seen = false;
                c.why_not = why;
            }
        }
        c
    }

    /// Each child's part of a visit from the way chosen for them, with one reason given for
    /// the visit: it is for the children not seen or, when every child was seen, for those
    /// seen but not alone.
    pub fn of_ways(ways: &[(Id, usize)], why: Option<WhyNot>) -> Vec<ChildSeen> {
        let not_seen = Self::WAYS.len() - 1;
        let any_not_seen = ways.iter().any(|(_, w)| *w >= not_seen);
        ways.iter()
            .map(|(id, way)| {
                let way = (*way).min(not_seen);
                let why = match way {
                    1 if any_not_seen => None,
                    _ => why.clone(),
                };
                ChildSeen::of_way(id, way, why)
            })
            .collect()
    }

    /// The way this child was seen, as an index of [`ChildSeen::WAYS`].
    pub fn way(&self) -> usize {
        match (self.seen, self.alone, &self.why_not) {
            (false, _, _) => 3,
            (true, true, _) => 0,
            (true, false, Some(WhyNot::TooYoung)) => 2,
            (true, false, _) => 1,
        }
    }

    /// In words, without the name: "seen alone", "seen, not alone (too young to be seen
    /// alone)", "not seen (away at his father's)".
    pub fn words(&self) -> String {
        let mut s = match (self.seen, self.alone) {
            (true, true) => "seen alone".to_string(),
            (true, false) => "seen, not alone".to_string(),
            (false, _) => "not seen".to_string(),
        };
        if let Some(w) = &self.why_not
            && !(self.seen && self.alone)
        {
            s.push_str(&format!(" ({})", w.text()));
        }
        s
    }
}

/// Why a child was not seen, or not seen alone. "Too young to be seen alone" is a reason the
/// rules know: such a child is not expected to be seen alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhyNot {
    TooYoung,
    Other(String),
}

impl WhyNot {
    pub const TOO_YOUNG: &'static str = "too young to be seen alone";

    /// The reason as typed: "too young", "too-young" or the whole ready wording is the ready
    /// reason; anything else is kept as written.
    pub fn parse(text: &str) -> WhyNot {
        let t = text.trim();
        let key = t.to_lowercase().replace('-', " ");
        if key == "too young" || key == Self::TOO_YOUNG {
            WhyNot::TooYoung
        } else {
            WhyNot::Other(t.to_string())
        }
    }

    pub fn text(&self) -> &str {
        match self {
            WhyNot::TooYoung => Self::TOO_YOUNG,
            WhyNot::Other(s) => s,
        }
    }
}

impl Serialize for WhyNot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text())
    }
}

impl<'de> Deserialize<'de> for WhyNot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WhyNot, D::Error> {
        String::deserialize(d).map(|s| WhyNot::parse(&s))
    }
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// What a visit records of `child`: from its per-child list when it has one, else from the
/// visit's own ticks, which then speak for every child the visit was for (an old record's
/// `seen_alone: true` means each of them).
pub fn child_seen(
    child: &Child,
    each: &[ChildSeen],
    children: &[Id],
    seen: bool,
    seen_alone: bool,
    why_not: &str,
) -> Option<ChildSeen> {
    if !each.is_empty() {
        return each.iter().find(|c| c.child == child.id).cloned();
    }
    if !(children.is_empty() || children.contains(&child.id)) {
        return None;
    }
    Some(ChildSeen {
        child: child.id.clone(),
        seen,
        alone: seen && seen_alone,
        why_not: (!why_not.trim().is_empty()).then(|| WhyNot::parse(why_not)),
    })
}

impl Plan {
    /// Who may read each piece of typed text of the plan that carries a privacy.
    pub fn privacies(&self) -> impl Iterator<Item = &Privacy> {
        std::iter::once(&self.why.privacy)
            .chain(self.members.iter().map(|m| &m.privacy))
            .chain(self.actions.iter().flat_map(|a| {
                std::iter::once(&a.privacy).chain(a.history.iter().map(|h| &h.privacy))
            }))
            .chain(self.disagreements.iter().flat_map(|d| {
                std::iter::once(&d.privacy).chain(d.history.iter().map(|h| &h.privacy))
            }))
    }

    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The lead social worker, when the case names one the plan has.
    pub fn lead_member(&self) -> Option<&Member> {
        self.case
            .lead_worker
            .as_deref()
            .and_then(|id| self.member(id))
    }

    /// The members still in the core group (those who left are kept, but not expected).
    pub fn current_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.left.is_none())
    }

    pub fn child(&self, id: &str) -> Option<&Child> {
        self.children.iter().find(|c| c.id == id)
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// A member's name, or the id itself when it names nobody (so nothing is silently dropped).
    pub fn member_name<'a>(&'a self, id: &'a str) -> &'a str {
        // Never a bare id: a record can outlive a member removed from the plan by hand.
        self.member(id)
            .map(|m| m.name.as_str())
            .unwrap_or(NOT_IN_PLAN)
    }

    /// The most recent core group meeting held, if any.
    /// The case's usual minute-taker: whoever took the minutes of the latest core group whose
    /// minute-taker is known.
    pub fn usual_minute_taker(&self) -> Option<&str> {
        let mut held: Vec<&CoreGroupHeld> = self.key_dates.core_groups.iter().collect();
        held.sort_by_key(|c| c.date);
        held.into_iter()
            .rev()
            .find_map(|c| c.minute_taker.as_deref())
            .filter(|n| !n.trim().is_empty())
    }

    /// Whom an outcome may be for, as every screen offers it: each child, then (with several)
    /// all of them together, "both children" or "all the children".
    pub fn outcome_for_choices(&self) -> Vec<String> {
        let mut names: Vec<String> = self.children.iter().map(|c| c.name.clone()).collect();
        match names.len() {
            0 | 1 => {}
            2 => names.push("both children".into()),
            _ => names.push("all the children".into()),
        }
        names
    }

    /// The child an outcome is for and the others who share it, from the index of one of
    /// [`Plan::outcome_for_choices`]; `None` when the plan has no such child.
    pub fn outcome_for_choice(&self, i: usize) -> Option<(Id, Vec<Id>)> {
        let all = self.children.len() > 1 && i == self.children.len();
        let first = self.children.get(if all { 0 } else { i })?.id.clone();
        let others = if all {
            self.children[1..].iter().map(|c| c.id.clone()).collect()
        } else {
            Vec::new()
        };
        Some((first, others))
    }

    /// The children an outcome is for, by name: "Kayla Brennan", "Kayla Brennan and Alfie
    /// Walsh", "all the children" when it is for every child of several.
    pub fn outcome_for(&self, o: &Outcome) -> String {
        let names: Vec<&str> = o
            .children()
            .map(|c| self.child(c).map_or(c.as_str(), |c| c.name.as_str()))
            .collect();
        if names.len() > 2 && names.len() == self.children.len() {
            return "all the children".into();
        }
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }

    pub fn last_core_group(&self) -> Option<&CoreGroupHeld> {
        self.key_dates.core_groups.iter().max_by_key(|c| c.date)
    }

    /// The earliest date any child's plan started.
    pub fn plan_started(&self) -> Option<NaiveDate> {
        self.children.iter().map(|c| c.plan_started).min()
    }

    /// The next free id with this prefix (`a13` after `a12`), for things added during a meeting.
    pub fn next_id<'a>(prefix: &str, existing: impl Iterator<Item = &'a str>) -> Id {
        let highest = existing
            .filter_map(|id| id.strip_prefix(prefix))
            .filter_map(|n| n.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", highest.saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_greets_by_title_and_surname_else_the_preferred_name_else_the_full_name() {
        let mut m =
            crate::domain::example::plan(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
                .member("dad")
                .unwrap()
                .clone();
        m.name = "Jason Pike".into();
        m.title = None;
        m.preferred_name = None;
        assert_eq!(m.salutation(), "Jason Pike");
        m.preferred_name = Some(" Jay ".into());
        assert_eq!(m.salutation(), "Jay");
        m.title = Some("Mr".into());
        assert_eq!(m.salutation(), "Mr Pike");
        m.title = Some(" ".into());
        assert_eq!(m.salutation(), "Jay", "a blank title is none");
    }

    #[test]
    fn next_id_follows_the_highest_number_with_the_prefix() {
        let ids = ["a1", "a12", "a3", "o7", "a-x"];
        assert_eq!(Plan::next_id("a", ids.iter().copied()), "a13");
        assert_eq!(Plan::next_id("o", ids.iter().copied()), "o8");
        assert_eq!(Plan::next_id("g", ids.iter().copied()), "g1");
    }

    #[test]
    fn only_not_started_and_in_progress_are_open() {
        let open: Vec<_> = ActionStatus::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(open, [ActionStatus::NotStarted, ActionStatus::InProgress]);
    }
}
