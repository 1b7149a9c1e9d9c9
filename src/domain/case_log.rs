//! The case log: what happened between meetings, each event dated, kept in `<case>/log.yaml`.
//!
//! The log holds facts (a visit, the minutes going out, a signed agreement coming back, a review
//! conference ...); the plan as it stands today is the plan with the log applied
//! ([`current_plan`]). Applying is idempotent, so a plan that already carries an event (written
//! back by a later meeting) is not changed by it twice.
//!
//! A wrong entry is withdrawn, not deleted: a `withdrawn` entry names it by its id, with the day,
//! who withdrew it and why. The entry stays as written, so its id (a hash of what it records)
//! and everything that refers to it are unchanged. Every reader takes the events through
//! [`CaseLog::events`], which leaves out what was withdrawn and the withdrawals themselves; only
//! the file, the listing and the checks see every entry ([`CaseLog::entries`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::disagreements::{DisagreementUpdate, Standing};
use super::id::Id;
use super::meeting::{Circumstance, CircumstanceKind, LoggedEvent};
use super::plan::{
    Child, ChildSeen, CoreGroupHeld, KeyVisit, Member, Origin, Outcome, Plan, child_seen, is_false,
};
use super::privacy::Privacy;
use super::validate::{Problem, Severity};

/// The whole log, oldest first as written (the file is a YAML list).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaseLog {
    /// Every entry as written, withdrawn ones and the withdrawals too: read through
    /// [`CaseLog::events`].
    entries: Vec<Event>,
}

/// One event, written in the file as `- visit: {date: ..., ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    Visit(Visit),
    /// The minutes and plan of a meeting went out.
    Circulated(Circulated),
    /// A member's signed written agreement came back.
    AgreementReturned(AgreementReturned),
    ReviewConference(ReviewConference),
    CoreAssessment(Dated),
    /// A child on a pre-birth plan was born.
    Birth(Birth),
    /// A change of circumstances reported to the conference chair.
    ChangeReported(ChangeReported),
    MemberJoins(MemberJoins),
    MemberLeaves(MemberChange),
    /// A new lead social worker.
    LeadWorker(MemberChange),
    /// Wales: a resolution (Tier 1) request was made.
    ResolutionRequest(ResolutionRequest),
    /// Wales: the Tier 1 resolution meeting was held.
    Tier1Meeting(Dated),
    /// Wales: the Tier 2 resolution meeting was held.
    Tier2Meeting(Dated),
    /// An entry was withdrawn as wrong: kept, and counted by no reader of the log.
    Withdrawn(Withdrawn),
    /// A meeting opened by mistake and discarded before it was closed.
    MeetingDiscarded(MeetingDiscarded),
    /// A disagreement carried from a meeting was resolved between meetings.
    DisagreementResolved(DisagreementResolved),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingDiscarded {
    /// The day it was discarded.
    pub date: NaiveDate,
    /// The meeting's id, as its journal named it.
    pub meeting: String,
    /// The day the meeting was for.
    pub meeting_date: NaiveDate,
    /// Why, in the discarder's words: kept in the log, never in a document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// A wrong entry withdrawn: the entry is named by its id and kept as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawn {
    /// The day it was withdrawn.
    pub date: NaiveDate,
    /// The id of the entry withdrawn (`coregroup log DIR` lists them).
    pub entry: String,
    /// The member who withdrew it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
    /// Why it was wrong.
    pub reason: String,
}

/// A disagreement resolved between meetings: added to its history in the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisagreementResolved {
    pub date: NaiveDate,
    /// The disagreement's id, as the minutes and `status` give it.
    pub disagreement: Id,
    /// How it was resolved.
    pub how: String,
    /// Who resolved it: a member's id, or a name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// Of how it was resolved: its words reach the family's copies of later minutes.
    #[serde(flatten)]
    pub privacy: Privacy,
}

impl DisagreementResolved {
    /// The entry it makes in the disagreement's history.
    pub fn update(&self) -> DisagreementUpdate {
        DisagreementUpdate {
            date: self.date,
            meeting: None,
            standing: Standing::Resolved,
            route: None,
            note: self.how.trim().to_string(),
            by: self.by.trim().to_string(),
            privacy: self.privacy.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dated {
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    pub date: NaiveDate,
    /// The member who visited (the lead worker when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
    /// The children the visit was for: those seen, or when `seen` is false those not seen;
    /// empty means every child on the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Id>,
    /// False when the visit happened but the child was not seen (say why in `why_not`).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub seen: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub seen_alone: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedroom_seen: Option<bool>,
    /// Why the child was not seen, not seen alone, or the bedroom not seen.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why_not: String,
    /// Each child of the visit on their own: seen, seen alone, and why not. When given, it is
    /// the whole record of the visit's children (`children`, `seen` and `seen_alone` stay unset).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub each: Vec<ChildSeen>,
}

impl Visit {
    /// Whether the visit was for `child` (every child when it names none).
    pub fn is_for(&self, child: &Child) -> bool {
        self.for_child(child).is_some()
    }

    /// What the visit records of `child`, or `None` when it was not for them; a visit recorded
    /// before visits were per child speaks for each of its children alike.
    pub fn for_child(&self, child: &Child) -> Option<ChildSeen> {
        child_seen(
            child,
            &self.each,
            &self.children,
            self.seen,
            self.seen_alone,
            &self.why_not,
        )
    }

    /// Whether the visit saw any child (a plan without children: whether it saw the child).
    pub fn saw_anyone(&self) -> bool {
        if self.each.is_empty() {
            self.seen
        } else {
            self.each.iter().any(|c| c.seen)
        }
    }
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Circulated {
    pub date: NaiveDate,
    /// The meeting whose minutes went out (its folder name under `meetings/`).
    pub meeting: String,
    /// Who they went to (member ids); empty means every member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<Id>,
    /// Why the minutes went out again, for a re-issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementReturned {
    pub date: NaiveDate,
    pub member: Id,
    /// The meeting whose written agreement it is.
    pub meeting: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// The child stays on the plan.
    Continue,
    /// The plan ends.
    End,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewConference {
    /// The day it was held.
    pub date: NaiveDate,
    pub decision: Decision,
    /// The conference outcomes it changed (outcome ids), when their new wording is not given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes_changed: Vec<Id>,
    /// The outcomes as it worded them: an outcome of the plan reworded, or a new one for a child.
    /// Only a review conference changes what a conference set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<SetOutcome>,
    /// The next review conference it set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<NaiveDate>,
}

/// A child on a pre-birth plan was born: the day, and the name when it is not yet the plan's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Birth {
    pub date: NaiveDate,
    pub child: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// An outcome as a review conference worded it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetOutcome {
    /// An outcome of the plan, or a new id for a new outcome.
    pub id: Id,
    /// The child a new outcome is for; an existing outcome keeps its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Id>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeReported {
    pub date: NaiveDate,
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
    /// The change of circumstances it reports (its id in the minutes), when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circumstance: Option<Id>,
}

impl ChangeReported {
    /// Whether this entry reports change `c`, recorded at the core group held on `held`: it
    /// came on or after that meeting and names the change, by its id or, in an entry without
    /// one, by the kind of change in its words. Any entry after the date is not enough.
    pub fn reports(&self, held: NaiveDate, c: &Circumstance) -> bool {
        if self.date < held {
            return false;
        }
        match &self.circumstance {
            Some(id) => *id == c.id,
            None => names(&self.what, c),
        }
    }
}

/// Whether `what` (an entry's words) names the change `c`: the words of its kind, or its own
/// detail.
fn names(what: &str, c: &Circumstance) -> bool {
    let what = what.to_lowercase();
    let words: &[&str] = match c.kind {
        CircumstanceKind::Address => &["address", "moved house", "moved to", "new home"],
        CircumstanceKind::Household => &["household", "moved in", "moved out", "moved back"],
        CircumstanceKind::FrequentVisitor => &["visitor", "visits", "staying"],
        CircumstanceKind::Birth => &["birth", "born", "baby"],
        CircumstanceKind::SocialWorker => &["social worker"],
        CircumstanceKind::LegalStatus => &["legal status", "order", "court", "proceedings"],
        CircumstanceKind::LocalAuthority => &["local authority", "area"],
        CircumstanceKind::Other => &[],
    };
    let detail = c.detail.trim().to_lowercase();
    words.iter().any(|w| what.contains(w)) || (!detail.is_empty() && what.contains(&detail))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberJoins {
    pub date: NaiveDate,
    pub member: Member,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberChange {
    pub date: NaiveDate,
    pub member: Id,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionRequest {
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
}

impl Withdrawn {
    /// How the entry it withdrew is marked where the log is listed.
    pub fn line(&self, plan: &Plan) -> String {
        let by = self
            .by
            .as_deref()
            .map(|b| format!(" by {}", plan.member_name(b)))
            .unwrap_or_default();
        format!(
            "WITHDRAWN {}{by}: {}",
            self.date.format("%a %-d %b %Y"),
            self.reason
        )
    }
}

impl Event {
    /// The event's id: a stable hash of what it records (its kind and every field), so the same
    /// event logged twice (a command run again after it was cut short, two circulations at
    /// once) is known as one, and a log written before ids were shown has them too. An event
    /// corrected by hand is a new event.
    pub fn id(&self) -> String {
        // FNV-1a: written out because std's hasher may change between builds and ids must not.
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("e{:010x}", h >> 24)
    }

    pub fn date(&self) -> NaiveDate {
        match self {
            Event::Visit(v) => v.date,
            Event::Circulated(c) => c.date,
            Event::AgreementReturned(a) => a.date,
            Event::ReviewConference(r) => r.date,
            Event::CoreAssessment(d) | Event::Tier1Meeting(d) | Event::Tier2Meeting(d) => d.date,
            Event::ChangeReported(c) => c.date,
            Event::Birth(b) => b.date,
            Event::MemberJoins(m) => m.date,
            Event::MemberLeaves(m) | Event::LeadWorker(m) => m.date,
            Event::ResolutionRequest(r) => r.date,
            Event::Withdrawn(w) => w.date,
            Event::MeetingDiscarded(d) => d.date,
            Event::DisagreementResolved(d) => d.date,
        }
    }

    /// The event's name as written in the file and on the command line.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Visit(_) => "visit",
            Event::Circulated(_) => "circulated",
            Event::AgreementReturned(_) => "agreement-returned",
            Event::ReviewConference(_) => "review-conference",
            Event::CoreAssessment(_) => "core-assessment",
            Event::Birth(_) => "birth",
            Event::ChangeReported(_) => "change-reported",
            Event::MemberJoins(_) => "member-joins",
            Event::MemberLeaves(_) => "member-leaves",
            Event::LeadWorker(_) => "lead-worker",
            Event::ResolutionRequest(_) => "resolution-request",
            Event::Tier1Meeting(_) => "tier1-meeting",
            Event::Tier2Meeting(_) => "tier2-meeting",
            Event::Withdrawn(_) => "withdrawn",
            Event::MeetingDiscarded(_) => "meeting-discarded",
            Event::DisagreementResolved(_) => "disagreement-resolved",
        }
    }

    /// One line in plain words, naming people from `plan` (so a member who left is still named).
    pub fn describe(&self, plan: &Plan) -> String {
        let name = |id: &str| plan.member_name(id).to_string();
        match self {
            Event::Visit(v) if !v.each.is_empty() => {
                let by = v.by.as_deref().map(name).unwrap_or_else(|| "Visit".into());
                let each: Vec<String> = v
                    .each
                    .iter()
                    .map(|c| {
                        let who = plan.child(&c.child).map(|x| x.name.as_str());
                        format!("{} {}", who.unwrap_or(&c.child), c.words())
                    })
                    .collect();
                let mut s = format!("{by}: home visit, {}", each.join("; "));
                match v.bedroom_seen {
                    Some(true) => s.push_str("; bedroom seen"),
                    Some(false) => s.push_str("; bedroom not seen"),
                    None => {}
                }
                if !v.why_not.is_empty() {
                    s.push_str(&format!(" ({})", v.why_not));
                }
                s
            }
            Event::Visit(v) => {
                let by = v.by.as_deref().map(name).unwrap_or_else(|| "Visit".into());
                let who = if let [only] = plan.children.as_slice() {
                    only.name.clone()
                } else if v.children.is_empty() {
                    "the children".to_string()
                } else {
                    v.children
                        .iter()
                        .map(|c| plan.child(c).map(|c| c.name.as_str()).unwrap_or(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let mut s = if v.seen {
                    format!("{by}: home visit, {who} seen")
                } else {
                    format!("{by}: home visit, {who} not seen")
                };
                if v.seen_alone {
                    s.push_str(", seen alone");
                }
                match v.bedroom_seen {
                    Some(true) => s.push_str(", bedroom seen"),
                    Some(false) => s.push_str(", bedroom not seen"),
                    None => {}
                }
                if !v.why_not.is_empty() {
                    s.push_str(&format!(" ({})", v.why_not));
                }
                s
            }
            Event::Circulated(c) if c.to.is_empty() => {
                format!("Minutes of {} circulated to every member", c.meeting)
            }
            Event::Circulated(c) => format!(
                "Minutes of {} circulated to {}",
                c.meeting,
                c.to.iter().map(|m| name(m)).collect::<Vec<_>>().join(", ")
            ),
            Event::AgreementReturned(a) => format!(
                "Signed agreement of {} returned by {}",
                a.meeting,
                name(&a.member)
            ),
            Event::ReviewConference(r) => {
                let mut s = match r.decision {
                    Decision::Continue => "Review conference: the plan continues".to_string(),
                    Decision::End => "Review conference: the plan ends".to_string(),
                };
                if !r.outcomes_changed.is_empty() {
                    s.push_str(&format!(
                        "; outcomes changed: {}",
                        r.outcomes_changed.join(", ")
                    ));
                }
                for o in &r.outcomes {
                    // Only a new outcome names its child.
                    match &o.child {
                        Some(c) => s.push_str(&format!(
                            "; new outcome {} for {}: {}",
                            o.id,
                            plan.child(c).map(|c| c.name.as_str()).unwrap_or(c),
                            o.text
                        )),
                        None => s.push_str(&format!("; outcome {} now reads: {}", o.id, o.text)),
                    }
                }
                if let Some(n) = r.next {
                    s.push_str(&format!("; next review {}", n.format("%a %-d %b %Y")));
                }
                s
            }
            Event::CoreAssessment(_) => "Core assessment completed".into(),
            // Named as the child is now: the plan a line is read with has the log applied.
            Event::Birth(b) => {
                let name = b
                    .name
                    .as_deref()
                    .or(plan.child(&b.child).map(|c| c.name.as_str()));
                format!("{} was born", name.unwrap_or(&b.child))
            }
            Event::ChangeReported(c) => match &c.by {
                Some(by) => format!(
                    "Change of circumstances reported to the conference chair by {}: {}",
                    name(by),
                    c.what
                ),
                None => format!(
                    "Change of circumstances reported to the conference chair: {}",
                    c.what
                ),
            },
            Event::MemberJoins(m) => format!(
                "{} ({}) joined the core group",
                m.member.name, m.member.role
            ),
            Event::MemberLeaves(m) => format!("{} left the core group", name(&m.member)),
            Event::LeadWorker(m) => format!("{} became the lead social worker", name(&m.member)),
            Event::ResolutionRequest(r) => match &r.by {
                Some(by) => format!("Resolution request made by {}", name(by)),
                None => "Resolution request made".into(),
            },
            Event::Tier1Meeting(_) => "Tier 1 resolution meeting held".into(),
            Event::Tier2Meeting(_) => "Tier 2 resolution meeting held".into(),
            Event::Withdrawn(w) => match &w.by {
                Some(by) => format!("Entry {} withdrawn by {}: {}", w.entry, name(by), w.reason),
                None => format!("Entry {} withdrawn: {}", w.entry, w.reason),
            },
            Event::MeetingDiscarded(d) => format!(
                "Meeting of {} opened by mistake and discarded",
                d.meeting_date.format("%-d %b")
            ),
            Event::DisagreementResolved(d) => {
                let about = plan
                    .disagreements
                    .iter()
                    .find(|x| x.id == d.disagreement)
                    .map_or(String::new(), |x| format!(" (about {})", x.about.trim()));
                let mut s = format!("Disagreement {}{about} resolved", d.disagreement);
                if !d.by.trim().is_empty() {
                    s.push_str(&format!(
                        " by {}",
                        super::disagreements::by_name(plan, d.by.trim())
                    ));
                }
                s.push_str(&format!(": {}", d.how.trim()));
                s
            }
        }
    }
}

impl CaseLog {
    /// A log of these entries, as written.
    pub fn new(entries: Vec<Event>) -> CaseLog {
        CaseLog { entries }
    }

    /// Every entry as written: withdrawn entries and the withdrawals too. For the file, the
    /// listing and the checks; everything else reads [`CaseLog::events`].
    pub fn entries(&self) -> &[Event] {
        &self.entries
    }

    /// Add an entry at the end.
    pub fn push(&mut self, e: Event) {
        self.entries.push(e);
    }

    /// The events that stand, in the order written: every entry but those withdrawn and the
    /// withdrawals themselves. The one door every reader of the log goes through.
    pub fn events(&self) -> impl Iterator<Item = &Event> + '_ {
        let gone = self.withdrawn_ids();
        self.entries.iter().filter(move |e| {
            !matches!(e, Event::Withdrawn(_))
                && (gone.is_empty() || !gone.contains(e.id().as_str()))
        })
    }

    /// The ids of the entries withdrawn.
    fn withdrawn_ids(&self) -> std::collections::HashSet<&str> {
        self.entries
            .iter()
            .filter_map(|e| match e {
                Event::Withdrawn(w) => Some(w.entry.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The withdrawal of the entry with this id, if it was withdrawn.
    pub fn withdrawal_of(&self, id: &str) -> Option<&Withdrawn> {
        self.entries.iter().find_map(|e| match e {
            Event::Withdrawn(w) if w.entry == id => Some(w),
            _ => None,
        })
    }

    /// The entry with this id, withdrawn or not, if the log holds it.
    pub fn find(&self, id: &str) -> Option<&Event> {
        self.entries.iter().find(|e| e.id() == id)
    }

    /// The events that stand in date order (events of one day keep the order they were written
    /// in).
    pub fn by_date(&self) -> Vec<&Event> {
        let mut out: Vec<&Event> = self.events().collect();
        out.sort_by_key(|e| e.date());
        out
    }

    /// Every entry in date order, each with its withdrawal when it was withdrawn; the
    /// withdrawals themselves are not listed (they show on the entry they withdrew).
    pub fn listing(&self) -> Vec<(&Event, Option<&Withdrawn>)> {
        let mut out: Vec<(&Event, Option<&Withdrawn>)> = self
            .entries
            .iter()
            .filter(|e| !matches!(e, Event::Withdrawn(_)))
            .map(|e| (e, self.withdrawal_of(&e.id())))
            .collect();
        out.sort_by_key(|(e, _)| e.date());
        out
    }

    /// The events after `last_meeting` up to and including `until`, in date order: what the
    /// next minutes and `status` show under "since the last meeting". An event dated on the
    /// meeting's own day counts unless the meeting was shown it (logged after the meeting, or
    /// on a plan written before meetings noted what they were shown): nothing logged on the day
    /// of a meeting falls between two meetings. The one rule, for every reader of the log.
    pub fn since(&self, last_meeting: Option<&CoreGroupHeld>, until: NaiveDate) -> Vec<&Event> {
        self.by_date()
            .into_iter()
            .filter(|e| e.date() <= until)
            .filter(|e| {
                last_meeting.is_none_or(|l| {
                    e.date() > l.date || (e.date() == l.date && !l.events_shown.contains(&e.id()))
                })
            })
            .collect()
    }

    /// The days meeting `id`'s minutes went out, oldest first, each day once.
    pub fn circulated_days(&self, id: &str) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self
            .events()
            .filter_map(|e| match e {
                Event::Circulated(c) if c.meeting == id => Some(c.date),
                _ => None,
            })
            .collect();
        days.sort();
        days.dedup();
        days
    }

    /// The members the minutes of the meeting held on `day` went to, when the log names them
    /// all; `None` when they went to every member, or the log has not recorded them going out.
    pub fn circulated_to(&self, day: NaiveDate) -> Option<Vec<&str>> {
        let mut to: Vec<&str> = Vec::new();
        for e in self.events() {
            if let Event::Circulated(c) = e
                && meeting_date(&c.meeting) == Some(day)
            {
                if c.to.is_empty() {
                    return None;
                }
                to.extend(c.to.iter().map(String::as_str));
            }
        }
        (!to.is_empty()).then_some(to)
    }

    /// Who has returned the signed agreement of the meeting held on `day`, with the day it came
    /// back (the first return wins).
    pub fn agreements_returned(&self, day: NaiveDate) -> Vec<(&str, NaiveDate)> {
        let mut out: Vec<(&str, NaiveDate)> = Vec::new();
        for e in self.by_date() {
            if let Event::AgreementReturned(a) = e
                && meeting_date(&a.meeting) == Some(day)
                && !out.iter().any(|(m, _)| *m == a.member)
            {
                out.push((a.member.as_str(), a.date));
            }
        }
        out
    }

    /// The latest review conference that ended the plan, if the plan has ended.
    pub fn plan_ended(&self) -> Option<NaiveDate> {
        let last = self.by_date().into_iter().rev().find_map(|e| match e {
            Event::ReviewConference(r) => Some(r),
            _ => None,
        })?;
        (last.decision == Decision::End).then_some(last.date)
    }
}

/// What the minutes of a meeting held on `meeting_day` show under "since the last meeting":
/// the log's events after the last core group before that day, in words, naming people from
/// `plan`.
pub fn since_last_meeting(plan: &Plan, log: &CaseLog, meeting_day: NaiveDate) -> Vec<LoggedEvent> {
    let last = plan
        .key_dates
        .core_groups
        .iter()
        .filter(|g| g.date < meeting_day)
        .max_by_key(|g| g.date);
    log.since(last, meeting_day)
        .into_iter()
        .map(|e| LoggedEvent {
            date: e.date(),
            text: e.describe(plan),
            id: Some(e.id()),
        })
        .collect()
}

/// The date a meeting id (`2026-11-24`, `2026-11-24-2`) names.
pub fn meeting_date(id: &str) -> Option<NaiveDate> {
    id.get(..10)?.parse().ok()
}

/// Who was in the core group on a meeting's day: not one who had left by then, nor one who
/// joined after (by the case log, or by the day the plan says they joined, however they were
/// added: on the case screen, by hand, at a later meeting).
pub fn members_on<'a>(plan: &'a Plan, log: &CaseLog, meeting_day: NaiveDate) -> Vec<&'a Member> {
    let joined_after = |m: &Member| {
        m.joined.is_some_and(|j| j > meeting_day)
            || log.events().any(|e| {
                matches!(e, Event::MemberJoins(j) if j.member.id == m.id && j.date > meeting_day)
            })
    };
    plan.members
        .iter()
        .filter(|m| m.left.is_none_or(|l| l > meeting_day) && !joined_after(m))
        .collect()
}

/// Who must return a meeting's signed agreement: every member in the core group on its day
/// ([`members_on`]), less the lead social worker where the procedure makes theirs optional
/// (`lead_worker_signs` is the agenda policy's `lead_worker_signs_agreement`). Every count of
/// agreements owed or outstanding is made from this.
pub fn agreement_due_from<'a>(
    plan: &'a Plan,
    log: &CaseLog,
    meeting_day: NaiveDate,
    lead_worker_signs: bool,
) -> Vec<&'a Member> {
    let lead = plan.case.lead_worker.as_deref();
    members_on(plan, log, meeting_day)
        .into_iter()
        .filter(|m| lead_worker_signs || lead != Some(m.id.as_str()))
        .collect()
}

/// Who still owes the signed agreement of the meeting `cg`: none once the plan records it
/// returned, else each member due who has not returned it.
pub fn agreements_outstanding<'a>(
    plan: &'a Plan,
    log: &CaseLog,
    cg: &CoreGroupHeld,
    lead_worker_signs: bool,
) -> Vec<&'a Member> {
    if cg.agreements_returned.is_some() {
        return Vec::new();
    }
    let returned = log.agreements_returned(cg.date);
    agreement_due_from(plan, log, cg.date, lead_worker_signs)
        .into_iter()
        .filter(|m| !returned.iter().any(|(r, _)| *r == m.id))
        .collect()
}

/// The plan with each meeting's agreement counted as returned on the day the last member due
/// returned it (`plan` being the plan as the log leaves it, [`current_plan`]).
pub fn with_agreements(mut plan: Plan, log: &CaseLog, lead_worker_signs: bool) -> Plan {
    let days: Vec<Option<NaiveDate>> = plan
        .key_dates
        .core_groups
        .iter()
        .map(|cg| {
            if cg.agreements_returned.is_some() {
                return cg.agreements_returned;
            }
            let returned = log.agreements_returned(cg.date);
            let due = agreement_due_from(&plan, log, cg.date, lead_worker_signs);
            if returned.is_empty() || due.is_empty() {
                return None;
            }
            let days: Option<Vec<NaiveDate>> = due
                .iter()
                .map(|m| returned.iter().find(|(r, _)| *r == m.id).map(|(_, d)| *d))
                .collect();
            days.and_then(|d| d.into_iter().max())
        })
        .collect();
    for (cg, day) in plan.key_dates.core_groups.iter_mut().zip(days) {
        cg.agreements_returned = day;
    }
    plan
}

/// The plan as it stands after every event of the log. Whether a meeting's agreement is back
/// depends on the procedure too: see [`with_agreements`].
pub fn current_plan(plan: &Plan, log: &CaseLog) -> Plan {
    let mut p = plan.clone();
    for e in log.by_date() {
        apply(&mut p, e);
    }
    p
}

fn earliest(slot: &mut Option<NaiveDate>, day: NaiveDate) {
    *slot = Some(slot.map_or(day, |d| d.min(day)));
}

fn apply(p: &mut Plan, e: &Event) {
    let kd = &mut p.key_dates;
    match e {
        Event::Visit(v) if v.saw_anyone() => {
            // A reason given for the whole visit goes with each of its children, as the log
            // means it: the plan keeps reasons per child.
            let each = if v.each.is_empty() && !v.why_not.trim().is_empty() {
                p.children.iter().filter_map(|c| v.for_child(c)).collect()
            } else {
                v.each.clone()
            };
            let visit = if each.is_empty() {
                KeyVisit {
                    date: v.date,
                    by: v.by.clone(),
                    seen_alone: v.seen_alone,
                    children: v.children.clone(),
                    each,
                }
            } else {
                KeyVisit {
                    date: v.date,
                    by: v.by.clone(),
                    seen_alone: false,
                    children: Vec::new(),
                    each,
                }
            };
            let kd = &mut p.key_dates;
            // A plan written back before visits named who made them holds the visit without.
            let same = |k: &KeyVisit| {
                k.date == visit.date
                    && k.seen_alone == visit.seen_alone
                    && k.children == visit.children
                    && k.each == visit.each
                    && (k.by == visit.by || k.by.is_none())
            };
            if !kd.visits.iter().any(same) {
                kd.visits.push(visit);
            }
        }
        Event::Visit(_) => {}
        Event::Circulated(c) => {
            let Some(day) = meeting_date(&c.meeting) else {
                return;
            };
            match kd.core_groups.iter_mut().find(|g| g.date == day) {
                Some(g) => earliest(&mut g.minutes_circulated, c.date),
                None => kd.core_groups.push(CoreGroupHeld {
                    date: day,
                    minutes_circulated: Some(c.date),
                    agreements_returned: None,
                    chair: None,
                    minute_taker: None,
                    events_shown: Vec::new(),
                }),
            }
        }
        // Worked out over the whole log in [`current_plan`].
        Event::AgreementReturned(_) => {}
        Event::ReviewConference(r) => {
            if !kd.review_conferences.contains(&r.date) {
                kd.review_conferences.push(r.date);
                kd.review_conferences.sort();
            }
            for o in &r.outcomes {
                set_outcome(p, o, r.date);
            }
            let kd = &mut p.key_dates;
            // A booked date the conference has now passed is replaced by what it set.
            if kd.next_review_conference.is_none_or(|b| b <= r.date) || r.next.is_some() {
                kd.next_review_conference = r.next;
            }
        }
        Event::CoreAssessment(d) => earliest(&mut kd.core_assessment_completed, d.date),
        Event::Birth(b) => {
            if let Some(c) = p.children.iter_mut().find(|c| c.id == b.child) {
                c.date_of_birth = Some(b.date);
                if let Some(name) = &b.name {
                    c.name = name.clone();
                }
            }
        }
        Event::ChangeReported(_) => {}
        Event::MemberJoins(j) => {
            if p.member(&j.member.id).is_none() {
                let mut m = j.member.clone();
                m.joined = m.joined.or(Some(j.date));
                p.members.push(m);
            }
        }
        Event::MemberLeaves(m) => {
            if let Some(member) = p.members.iter_mut().find(|x| x.id == m.member) {
                earliest(&mut member.left, m.date);
            }
        }
        Event::LeadWorker(m) => p.case.lead_worker = Some(m.member.clone()),
        Event::ResolutionRequest(r) => kd.resolution_requested = Some(r.date),
        Event::Tier1Meeting(d) => kd.tier1_meeting = Some(d.date),
        Event::Tier2Meeting(d) => kd.tier2_meeting = Some(d.date),
        // Never reaches here: [`CaseLog::events`] leaves withdrawals out.
        Event::Withdrawn(_) => {}
        Event::MeetingDiscarded(_) => {}
        Event::DisagreementResolved(r) => {
            if let Some(d) = p.disagreements.iter_mut().find(|d| d.id == r.disagreement) {
                let entry = r.update();
                // A plan a later meeting wrote back carries it already.
                if !d.history.contains(&entry) {
                    d.history.push(entry);
                    d.history.sort_by_key(|u| u.date);
                }
            }
        }
    }
}

/// A review conference's wording of an outcome: the outcome reworded, or added (as the
/// conference's, dated) when the plan does not hold it yet, so applying twice changes nothing.
fn set_outcome(p: &mut Plan, o: &SetOutcome, day: NaiveDate) {
    match p.outcomes.iter_mut().find(|x| x.id == o.id) {
        Some(existing) => existing.text = o.text.clone(),
        None => {
            if let Some(child) = &o.child {
                p.outcomes.push(Outcome {
                    id: o.id.clone(),
                    child: child.clone(),
                    text: o.text.clone(),
                    origin: Origin::Conference,
                    also_for: Vec::new(),
                    added: Some(day),
                });
            }
        }
    }
}

/// Everything wrong with a log against its plan, all at once, each with the entry's path.
pub fn validate(log: &CaseLog, plan: &Plan) -> Vec<Problem> {
    let mut out = Vec::new();
    // Members who join in the log are known to the events after them.
    let mut known: Vec<&str> = plan.members.iter().map(|m| m.id.as_str()).collect();
    let entries = log.entries();
    let ids: Vec<String> = entries.iter().map(Event::id).collect();
    let withdrawn = log.withdrawn_ids();
    // Disagreements resolved by an earlier entry of the log.
    let mut resolved: Vec<&str> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        // A withdrawn entry is kept as it was written, wrong as it may be: it counts for nothing.
        if !withdrawn.is_empty() && withdrawn.contains(ids[i].as_str()) {
            continue;
        }
        let at = |field: &str| format!("[{i}].{}.{field}", e.kind());
        let member = |out: &mut Vec<Problem>, id: &str, field: &str, known: &[&str]| {
            if !known.contains(&id) {
                err(
                    out,
                    at(field),
                    format!("no member has the id `{id}`"),
                    "use an id from the plan's members (or log member-joins first)",
                );
            }
        };
        match e {
            Event::Visit(v) => {
                if let Some(by) = &v.by {
                    member(&mut out, by, "by", &known);
                }
                for c in &v.children {
                    if plan.child(c).is_none() {
                        err(
                            &mut out,
                            at("children"),
                            format!("no child has the id `{c}`"),
                            "use an id from the plan's children",
                        );
                    }
                }
                if !v.each.is_empty() && (!v.children.is_empty() || !v.seen || v.seen_alone) {
                    err(
                        &mut out,
                        at("each"),
                        "the visit gives its children both one by one and all together".into(),
                        "keep `each` and remove `children`, `seen` and `seen_alone`",
                    );
                }
                for (j, c) in v.each.iter().enumerate() {
                    let at = |field: &str| format!("[{i}].visit.each[{j}].{field}");
                    if plan.child(&c.child).is_none() {
                        err(
                            &mut out,
                            at("child"),
                            format!("no child has the id `{}`", c.child),
                            "use an id from the plan's children",
                        );
                    }
                    if v.each[..j].iter().any(|o| o.child == c.child) {
                        err(
                            &mut out,
                            at("child"),
                            format!("`{}` is given twice for the visit", c.child),
                            "give each child once",
                        );
                    }
                    if !c.seen && c.why_not.is_none() {
                        err(
                            &mut out,
                            at("why_not"),
                            "the child was not seen, and the reason is not given".into(),
                            "say why in `why_not`",
                        );
                    }
                    if !c.seen && c.alone {
                        err(
                            &mut out,
                            at("alone"),
                            "a child not seen cannot have been seen alone".into(),
                            "set `seen: true` or remove `alone`",
                        );
                    }
                }
                if v.each.is_empty() && !v.seen && v.why_not.trim().is_empty() {
                    err(
                        &mut out,
                        at("why_not"),
                        "the child was not seen, and the reason is not given".into(),
                        "say why in `why_not`",
                    );
                }
                if !v.seen && v.seen_alone {
                    err(
                        &mut out,
                        at("seen_alone"),
                        "a child not seen cannot have been seen alone".into(),
                        "set `seen: true` or remove `seen_alone`",
                    );
                }
            }
            Event::Circulated(c) => {
                if meeting_date(&c.meeting).is_none() {
                    err(
                        &mut out,
                        at("meeting"),
                        format!("`{}` is not a meeting id", c.meeting),
                        "meeting ids are the folder names under meetings/, e.g. 2026-11-24",
                    );
                }
                for m in &c.to {
                    member(&mut out, m, "to", &known);
                }
            }
            Event::AgreementReturned(a) => {
                member(&mut out, &a.member, "member", &known);
                if meeting_date(&a.meeting).is_none() {
                    err(
                        &mut out,
                        at("meeting"),
                        format!("`{}` is not a meeting id", a.meeting),
                        "meeting ids are the folder names under meetings/, e.g. 2026-11-24",
                    );
                }
            }
            Event::ReviewConference(r) => {
                for o in &r.outcomes_changed {
                    if plan.outcome(o).is_none() {
                        err(
                            &mut out,
                            at("outcomes_changed"),
                            format!("no outcome has the id `{o}`"),
                            "use an id from the plan's outcomes",
                        );
                    }
                }
                for (j, o) in r.outcomes.iter().enumerate() {
                    let here = at(&format!("outcomes[{j}]"));
                    if o.text.trim().is_empty() {
                        err(
                            &mut out,
                            format!("{here}.text"),
                            format!("outcome `{}` has no wording", o.id),
                            "give the outcome as the conference worded it",
                        );
                    }
                    let new = plan.outcome(&o.id).is_none()
                        && !entries[..i]
                            .iter()
                            .filter(|e| !withdrawn.contains(e.id().as_str()))
                            .any(|e| sets_outcome(e, &o.id));
                    match &o.child {
                        Some(c) if plan.child(c).is_none() => err(
                            &mut out,
                            format!("{here}.child"),
                            format!("no child has the id `{c}`"),
                            "use an id from the plan's children",
                        ),
                        None if new => err(
                            &mut out,
                            format!("{here}.child"),
                            format!(
                                "`{}` is a new outcome, and the child it is for is not given",
                                o.id
                            ),
                            "name the child in `child`, or use the id of an outcome of the plan",
                        ),
                        _ => {}
                    }
                }
                if r.next.is_some_and(|n| n <= r.date) {
                    err(
                        &mut out,
                        at("next"),
                        "the next review is not after the conference".into(),
                        "give the date the conference set for the next review",
                    );
                }
            }
            Event::ChangeReported(c) => {
                if c.what.trim().is_empty() {
                    err(
                        &mut out,
                        at("what"),
                        "the change is not described".into(),
                        "say what changed in `what`",
                    );
                }
                if let Some(by) = &c.by {
                    member(&mut out, by, "by", &known);
                }
            }
            Event::MemberJoins(j) => {
                if let Some(email) = j.member.email.as_deref().filter(|e| !e.trim().is_empty())
                    && let Err((message, hint)) = super::email::check(email)
                {
                    err(&mut out, at("member.email"), message, &hint);
                }
                // A plan a later meeting wrote back holds the member already: that is no clash.
                let written_back = plan
                    .member(&j.member.id)
                    .is_some_and(|m| m.name == j.member.name);
                if written_back {
                    continue;
                }
                if known.contains(&j.member.id.as_str()) {
                    err(
                        &mut out,
                        at("member.id"),
                        format!("the id `{}` is already a member's", j.member.id),
                        "give the new member an id of their own",
                    );
                } else {
                    known.push(j.member.id.as_str());
                }
            }
            Event::MemberLeaves(m) | Event::LeadWorker(m) => {
                member(&mut out, &m.member, "member", &known)
            }
            Event::ResolutionRequest(r) => {
                if let Some(by) = &r.by {
                    member(&mut out, by, "by", &known);
                }
            }
            Event::Birth(b) => {
                match plan.child(&b.child) {
                    None => err(
                        &mut out,
                        at("child"),
                        format!("no child has the id `{}`", b.child),
                        "use an id from the plan's children",
                    ),
                    // Born before the plan: not a pre-birth plan, so no birth to log.
                    Some(c) if c.expected_date_of_birth.is_none() => err(
                        &mut out,
                        at("child"),
                        format!("{} was not on a pre-birth plan: born before it", c.name),
                        "a birth is logged for a child whose plan gives an expected date of birth",
                    ),
                    Some(c) if b.date >= c.plan_started => {}
                    Some(c) => err(
                        &mut out,
                        at("date"),
                        format!("{} cannot be born before their plan started", c.name),
                        "give the day the child was born",
                    ),
                }
                if b.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                    err(
                        &mut out,
                        at("name"),
                        "the name is blank".into(),
                        "give the child's name, or leave `name` out to keep the plan's",
                    );
                }
            }
            Event::Withdrawn(w) => {
                let hint = "`coregroup log DIR` lists the entries with their ids";
                match ids.iter().position(|id| *id == w.entry) {
                    None => err(
                        &mut out,
                        at("entry"),
                        format!("the log has no entry `{}`", w.entry),
                        hint,
                    ),
                    Some(j) if matches!(entries[j], Event::Withdrawn(_)) => err(
                        &mut out,
                        at("entry"),
                        format!("`{}` is itself a withdrawal", w.entry),
                        "a withdrawal stands once made; log the entry again if it was right",
                    ),
                    Some(_) => {}
                }
                let earlier = entries[..i]
                    .iter()
                    .any(|e| matches!(e, Event::Withdrawn(x) if x.entry == w.entry));
                if earlier {
                    err(
                        &mut out,
                        at("entry"),
                        format!("entry `{}` was withdrawn already", w.entry),
                        hint,
                    );
                }
                if w.reason.trim().is_empty() {
                    err(
                        &mut out,
                        at("reason"),
                        "the reason is not given".into(),
                        "say why the entry was wrong in `reason`",
                    );
                }
                if let Some(by) = &w.by {
                    member(&mut out, by, "by", &known);
                }
            }
            Event::DisagreementResolved(r) => {
                let entry = r.update();
                match plan.disagreements.iter().find(|d| d.id == r.disagreement) {
                    None => err(
                        &mut out,
                        at("disagreement"),
                        format!("no disagreement has the id `{}`", r.disagreement),
                        "use an id `coregroup status` lists under open disagreements",
                    ),
                    Some(d) if r.date < d.raised => err(
                        &mut out,
                        at("date"),
                        format!(
                            "disagreement {} was raised on {}, after this day",
                            d.id,
                            d.raised.format("%a %-d %b %Y")
                        ),
                        "give the day it was resolved",
                    ),
                    // Written back by a later meeting, or ended before it was logged.
                    Some(d) if d.history.contains(&entry) => {}
                    Some(d) if resolved.contains(&d.id.as_str()) => err(
                        &mut out,
                        at("disagreement"),
                        format!("disagreement {} is resolved by an earlier entry", d.id),
                        "a disagreement is resolved once; correct the earlier entry instead",
                    ),
                    Some(d)
                        if d.history
                            .iter()
                            .any(|u| !u.standing.is_open() && u.date <= r.date) =>
                    {
                        err(
                            &mut out,
                            at("disagreement"),
                            format!("disagreement {} had already ended", d.id),
                            "a disagreement is resolved once; correct the earlier entry instead",
                        )
                    }
                    Some(_) => {}
                }
                resolved.push(r.disagreement.as_str());
                if r.how.trim().is_empty() {
                    err(
                        &mut out,
                        at("how"),
                        "how it was resolved is not said".into(),
                        "say how it was resolved in `how`",
                    );
                }
            }
            Event::CoreAssessment(_)
            | Event::Tier1Meeting(_)
            | Event::Tier2Meeting(_)
            | Event::MeetingDiscarded(_) => {}
        }
    }
    out
}

/// Whether an event adds or rewords outcome `id`.
fn sets_outcome(e: &Event, id: &str) -> bool {
    matches!(e, Event::ReviewConference(r) if r.outcomes.iter().any(|o| o.id == id))
}

fn err(out: &mut Vec<Problem>, path: String, message: String, hint: &str) {
    out.push(Problem {
        severity: Severity::Error,
        path,
        message,
        hint: hint.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn plan() -> Plan {
        example::plan(d("2026-11-24"))
    }

    #[test]
    fn a_disagreement_resolved_in_the_log_joins_its_history_once_and_only_once() {
        let mut p = plan();
        let mut m = crate::domain::meeting::Meeting::new(
            "2026-11-24".into(),
            "core-group".into(),
            d("2026-11-24"),
            &p,
        );
        m.disagreements.push(crate::domain::meeting::Disagreement {
            id: "d1".into(),
            who: "Shauna Brennan".into(),
            about: "Contact".into(),
            reasons: String::new(),
            route: crate::domain::disagreements::Route::CoreGroup,
            resolved: false,
            privacy: Privacy::default(),
        });
        crate::domain::disagreements::carry(&mut p, &m, d("2026-11-24"));
        let resolved = |how: &str| {
            Event::DisagreementResolved(DisagreementResolved {
                date: d("2026-11-27"),
                disagreement: "d1".into(),
                how: how.into(),
                by: "sw".into(),
                privacy: Privacy::default(),
            })
        };
        let log = CaseLog {
            entries: vec![resolved("Agreed")],
        };
        let now = current_plan(&p, &log);
        assert!(!now.disagreements[0].is_open());
        // A plan a later meeting wrote back with the entry is not given it twice.
        assert_eq!(current_plan(&now, &log), now);
        assert!(validate(&log, &p).is_empty());
        assert!(validate(&log, &now).is_empty(), "written back");
        let twice = CaseLog {
            entries: vec![resolved("Agreed"), resolved("Agreed again")],
        };
        let problems = validate(&twice, &p);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "[1].disagreement-resolved.disagreement");
        let unknown = CaseLog {
            entries: vec![Event::DisagreementResolved(DisagreementResolved {
                disagreement: "d9".into(),
                ..match resolved("x") {
                    Event::DisagreementResolved(r) => r,
                    _ => unreachable!(),
                }
            })],
        };
        assert!(validate(&unknown, &p)[0].message.contains("d9"));
    }

    #[test]
    fn applying_twice_changes_nothing_more() {
        let p = plan();
        let log = CaseLog {
            entries: vec![
                Event::Visit(Visit {
                    date: d("2026-11-27"),
                    by: None,
                    children: vec![],
                    seen: true,
                    seen_alone: true,
                    bedroom_seen: None,
                    why_not: String::new(),
                    each: Vec::new(),
                }),
                Event::CoreAssessment(Dated {
                    date: d("2026-11-28"),
                }),
                Event::ReviewConference(ReviewConference {
                    date: d("2026-11-29"),
                    decision: Decision::Continue,
                    outcomes_changed: vec![],
                    outcomes: vec![
                        reworded("o1", "Kayla is safe at home, seen weekly"),
                        new_outcome("o6", "alfie", "Alfie has a trusted adult at school"),
                    ],
                    next: Some(d("2027-05-29")),
                }),
            ],
        };
        let once = current_plan(&p, &log);
        assert_eq!(current_plan(&once, &log), once);
        assert_eq!(once.key_dates.next_review_conference, Some(d("2027-05-29")));
        assert_eq!(once.outcomes.len(), p.outcomes.len() + 1);
    }

    fn reworded(id: &str, text: &str) -> SetOutcome {
        SetOutcome {
            id: id.into(),
            child: None,
            text: text.into(),
        }
    }

    fn new_outcome(id: &str, child: &str, text: &str) -> SetOutcome {
        SetOutcome {
            id: id.into(),
            child: Some(child.into()),
            text: text.into(),
        }
    }

    fn review(day: &str, outcomes: Vec<SetOutcome>) -> Event {
        Event::ReviewConference(ReviewConference {
            date: d(day),
            decision: Decision::Continue,
            outcomes_changed: vec![],
            outcomes,
            next: None,
        })
    }

    #[test]
    fn a_review_conference_rewords_conference_outcomes_and_adds_its_own_the_latest_wins() {
        let p = plan();
        let o1 = p.outcome("o1").unwrap().clone();
        let log = CaseLog {
            entries: vec![
                review("2027-01-10", vec![reworded("o1", "second wording")]),
                review(
                    "2026-12-01",
                    vec![
                        reworded("o1", "first wording"),
                        new_outcome("o6", "alfie", "Alfie has a trusted adult at school"),
                    ],
                ),
            ],
        };
        assert!(validate(&log, &p).is_empty(), "{:?}", validate(&log, &p));
        let now = current_plan(&p, &log);
        let o1_now = now.outcome("o1").unwrap();
        assert_eq!(o1_now.text, "second wording");
        assert_eq!((&o1_now.child, o1_now.origin), (&o1.child, o1.origin));
        let o6 = now.outcome("o6").unwrap();
        assert_eq!(o6.child, "alfie");
        assert_eq!(o6.origin, Origin::Conference);
        assert_eq!(o6.added, Some(d("2026-12-01")));
        let line = log.entries()[1].describe(&p);
        assert!(
            line.contains("outcome o1 now reads: first wording"),
            "{line}"
        );
        assert!(line.contains("new outcome o6 for Alfie Walsh"), "{line}");
    }

    #[test]
    fn a_new_outcome_needs_its_child_and_every_wording_its_text() {
        let p = plan();
        let log = CaseLog {
            entries: vec![review(
                "2026-12-01",
                vec![
                    reworded("o9", "no child given"),
                    new_outcome("o7", "nobody", "for a child the plan lacks"),
                    reworded("o1", "  "),
                ],
            )],
        };
        let paths: Vec<String> = validate(&log, &p).into_iter().map(|e| e.path).collect();
        assert_eq!(
            paths,
            [
                "[0].review-conference.outcomes[0].child",
                "[0].review-conference.outcomes[1].child",
                "[0].review-conference.outcomes[2].text",
            ]
        );
    }

    #[test]
    fn a_visit_where_the_child_was_not_seen_does_not_count() {
        let p = plan();
        let log = CaseLog {
            entries: vec![Event::Visit(Visit {
                date: d("2026-11-27"),
                by: None,
                children: vec![],
                seen: false,
                seen_alone: false,
                bedroom_seen: None,
                why_not: "no answer at the door".into(),
                each: Vec::new(),
            })],
        };
        assert_eq!(current_plan(&p, &log).key_dates.visits, p.key_dates.visits);
        assert!(validate(&log, &p).is_empty());
    }

    #[test]
    fn the_agreement_is_returned_when_the_last_member_due_returns_it() {
        let mut p = plan();
        let cg = p.key_dates.core_groups[0].date;
        p.key_dates.core_groups[0].agreements_returned = None;
        let id = cg.format("%Y-%m-%d").to_string();
        let ret = |m: &str, day: NaiveDate| {
            Event::AgreementReturned(AgreementReturned {
                date: day,
                member: m.into(),
                meeting: id.clone(),
            })
        };
        let members: Vec<String> = p.members.iter().map(|m| m.id.clone()).collect();
        let mut log = CaseLog::default();
        for (i, m) in members.iter().enumerate().skip(1) {
            log.push(ret(m, cg + chrono::Days::new(i as u64)));
        }
        assert_eq!(
            with_agreements(current_plan(&p, &log), &log, true)
                .key_dates
                .core_groups[0]
                .agreements_returned,
            None,
            "one member has not returned it"
        );
        // The member who has not returned it left before the meeting: no longer due.
        let mut left = p.clone();
        left.members[0].left = Some(cg - chrono::Days::new(1));
        assert_eq!(
            with_agreements(current_plan(&left, &log), &log, true)
                .key_dates
                .core_groups[0]
                .agreements_returned,
            Some(cg + chrono::Days::new(members.len() as u64 - 1))
        );
        log.push(ret(&members[0], cg + chrono::Days::new(30)));
        assert_eq!(
            with_agreements(current_plan(&p, &log), &log, true)
                .key_dates
                .core_groups[0]
                .agreements_returned,
            Some(cg + chrono::Days::new(30))
        );
    }

    #[test]
    fn a_member_who_joined_after_the_meeting_owes_none_however_they_were_added() {
        let p = plan();
        let cg = p.key_dates.core_groups[0].clone();
        let later = cg.date + chrono::Days::new(3);
        let mut newcomer = p.members.iter().find(|m| !m.family).unwrap().clone();
        newcomer.id = "fsw".into();
        newcomer.name = "Priya Shah".into();
        let log = CaseLog::default();
        let due_before = agreement_due_from(&p, &log, cg.date, true).len();
        // Added on the case screen or by hand, with the day they joined.
        let mut by_hand = p.clone();
        by_hand.members.push(Member {
            joined: Some(later),
            ..newcomer.clone()
        });
        assert_eq!(
            agreement_due_from(&by_hand, &log, cg.date, true).len(),
            due_before
        );
        assert!(
            !agreements_outstanding(&by_hand, &log, &cg, true)
                .iter()
                .any(|m| m.id == "fsw")
        );
        // Through the log: the plan the log leaves knows the day too.
        let joins = CaseLog {
            entries: vec![Event::MemberJoins(MemberJoins {
                date: later,
                member: newcomer.clone(),
            })],
        };
        let now = current_plan(&p, &joins);
        assert_eq!(now.member("fsw").and_then(|m| m.joined), Some(later));
        assert_eq!(
            agreement_due_from(&now, &CaseLog::default(), cg.date, true).len(),
            due_before
        );
        // One who joined on the meeting's day, at it, owes it.
        let mut at_meeting = p.clone();
        at_meeting.members.push(Member {
            joined: Some(cg.date),
            ..newcomer
        });
        assert_eq!(
            agreement_due_from(&at_meeting, &log, cg.date, true).len(),
            due_before + 1
        );
    }

    #[test]
    fn the_lead_worker_s_agreement_is_owed_only_where_the_policy_asks_for_it() {
        let mut p = plan();
        let cg = p.key_dates.core_groups[0].date;
        p.key_dates.core_groups[0].agreements_returned = None;
        let lead = p.case.lead_worker.clone().expect("a lead worker");
        let id = cg.format("%Y-%m-%d").to_string();
        let log = CaseLog {
            entries: p
                .members
                .iter()
                .filter(|m| m.id != lead)
                .map(|m| {
                    Event::AgreementReturned(AgreementReturned {
                        date: cg + chrono::Days::new(2),
                        member: m.id.clone(),
                        meeting: id.clone(),
                    })
                })
                .collect(),
        };
        let held = p.key_dates.core_groups[0].clone();
        let owed: Vec<&str> = agreements_outstanding(&p, &log, &held, true)
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(owed, [lead.as_str()]);
        assert!(agreements_outstanding(&p, &log, &held, false).is_empty());
        assert_eq!(
            with_agreements(current_plan(&p, &log), &log, false)
                .key_dates
                .core_groups[0]
                .agreements_returned,
            Some(cg + chrono::Days::new(2))
        );
        assert_eq!(
            with_agreements(current_plan(&p, &log), &log, true)
                .key_dates
                .core_groups[0]
                .agreements_returned,
            None
        );
    }

    #[test]
    fn a_birth_dates_and_names_a_child_on_a_pre_birth_plan_and_only_such_a_child() {
        let mut p = plan();
        let alfie = p.children.iter_mut().find(|c| c.id == "alfie").unwrap();
        alfie.date_of_birth = None;
        alfie.expected_date_of_birth = Some(d("2026-11-30"));
        let started = alfie.plan_started;
        let birth = |child: &str, day: &str| {
            Event::Birth(Birth {
                date: d(day),
                child: child.into(),
                name: Some("Alfie Brennan".into()),
            })
        };
        let log = CaseLog {
            entries: vec![birth("alfie", "2026-11-22")],
        };
        assert!(validate(&log, &p).is_empty(), "{:?}", validate(&log, &p));
        let now = current_plan(&p, &log);
        let born = now.child("alfie").unwrap();
        assert_eq!(born.date_of_birth, Some(d("2026-11-22")));
        assert_eq!(born.name, "Alfie Brennan");
        assert_eq!(
            born.expected_date_of_birth,
            Some(d("2026-11-30")),
            "kept: a pre-birth plan"
        );
        assert!(
            crate::domain::validate::validate(&now)
                .iter()
                .all(|e| e.severity != Severity::Error)
        );
        let early = (started - chrono::Days::new(1))
            .format("%Y-%m-%d")
            .to_string();
        let log = CaseLog {
            entries: vec![
                birth("kayla", "2026-11-22"),
                birth("nobody", "2026-11-22"),
                birth("alfie", &early),
            ],
        };
        let paths: Vec<String> = validate(&log, &p).into_iter().map(|e| e.path).collect();
        assert_eq!(
            paths,
            ["[0].birth.child", "[1].birth.child", "[2].birth.date"]
        );
    }

    #[test]
    fn a_visit_names_the_only_child_rather_than_the_children() {
        let visit = Event::Visit(Visit {
            date: d("2026-11-27"),
            by: None,
            children: vec![],
            seen: true,
            seen_alone: false,
            bedroom_seen: None,
            why_not: String::new(),
            each: Vec::new(),
        });
        let mut p = plan();
        assert!(visit.describe(&p).contains("the children seen"));
        p.children.truncate(1);
        let name = p.children[0].name.clone();
        assert!(visit.describe(&p).contains(&format!("{name} seen")));
    }

    #[test]
    fn a_member_who_leaves_is_kept_and_still_named() {
        let p = plan();
        let id = p.members[1].id.clone();
        let name = p.members[1].name.clone();
        let log = CaseLog {
            entries: vec![Event::MemberLeaves(MemberChange {
                date: d("2026-11-30"),
                member: id.clone(),
            })],
        };
        let cur = current_plan(&p, &log);
        assert_eq!(cur.members.len(), p.members.len());
        assert_eq!(cur.member(&id).unwrap().left, Some(d("2026-11-30")));
        assert_eq!(cur.member_name(&id), name);
        assert!(cur.current_members().all(|m| m.id != id));
        assert!(log.entries()[0].describe(&cur).contains(&name));
    }

    #[test]
    fn a_member_who_joined_is_no_clash_once_a_meeting_wrote_them_into_the_plan() {
        let p = plan();
        let mut joiner = p.members[0].clone();
        joiner.id = "pshah".into();
        joiner.name = "Priya Shah".into();
        let log = CaseLog {
            entries: vec![Event::MemberJoins(MemberJoins {
                date: d("2026-11-02"),
                member: joiner.clone(),
            })],
        };
        let written_back = current_plan(&p, &log);
        assert!(validate(&log, &written_back).is_empty());
        let mut other = written_back.clone();
        other.members.last_mut().unwrap().name = "Someone Else".into();
        assert_eq!(
            validate(&log, &other).len(),
            1,
            "a different person with that id"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let p = plan();
        let log = CaseLog {
            entries: vec![
                Event::LeadWorker(MemberChange {
                    date: d("2026-11-30"),
                    member: "nobody".into(),
                }),
                Event::Circulated(Circulated {
                    date: d("2026-11-30"),
                    meeting: "last-week".into(),
                    to: vec!["ghost".into()],
                    reason: None,
                }),
            ],
        };
        let problems = validate(&log, &p);
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "[0].lead-worker.member",
                "[1].circulated.meeting",
                "[1].circulated.to"
            ]
        );
    }

    #[test]
    fn the_next_minutes_get_the_events_since_the_last_core_group() {
        let p = plan();
        let last = p.key_dates.core_groups[0].date;
        let log = CaseLog {
            entries: vec![
                Event::CoreAssessment(Dated { date: last }),
                Event::MemberLeaves(MemberChange {
                    date: last + chrono::Days::new(3),
                    member: "dad".into(),
                }),
            ],
        };
        // Logged on the day of the last meeting and shown at it: not since it.
        let mut p = p;
        p.key_dates.core_groups[0]
            .events_shown
            .push(log.entries()[0].id());
        let since = since_last_meeting(&p, &log, last + chrono::Days::new(30));
        assert_eq!(
            since.len(),
            1,
            "an event the last meeting was shown is not since it"
        );
        assert_eq!(since[0].text, "Dean Walsh left the core group");
    }

    #[test]
    fn minutes_sent_to_some_members_say_to_whom_and_who_is_named() {
        let p = plan();
        let last = p.key_dates.core_groups[0].date;
        let id = last.format("%Y-%m-%d").to_string();
        let sent = |to: Vec<Id>| {
            Event::Circulated(Circulated {
                date: last + chrono::Days::new(1),
                meeting: id.clone(),
                to,
                reason: None,
            })
        };
        let log = CaseLog {
            entries: vec![sent(vec!["sw".into(), "nan".into()])],
        };
        assert_eq!(log.circulated_to(last), Some(vec!["sw", "nan"]));
        let since = since_last_meeting(&p, &log, last + chrono::Days::new(30));
        assert_eq!(
            since[0].text,
            format!("Minutes of {id} circulated to Hannah Mercer, Maureen Brennan")
        );
        // Once they go to every member, nobody is left out.
        let mut all = log.clone();
        all.push(sent(Vec::new()));
        assert_eq!(all.circulated_to(last), None);
        let since = since_last_meeting(&p, &all, last + chrono::Days::new(30));
        assert!(since[1].text.ends_with("circulated to every member"));
        assert_eq!(CaseLog::default().circulated_to(last), None);
    }

    #[test]
    fn since_the_last_meeting_takes_the_events_after_it() {
        let log = CaseLog {
            entries: vec![
                Event::Tier1Meeting(Dated {
                    date: d("2026-11-20"),
                }),
                Event::CoreAssessment(Dated {
                    date: d("2026-11-10"),
                }),
                Event::Tier2Meeting(Dated {
                    date: d("2026-12-20"),
                }),
            ],
        };
        let mut held = CoreGroupHeld {
            date: d("2026-11-10"),
            minutes_circulated: None,
            agreements_returned: None,
            chair: None,
            minute_taker: None,
            events_shown: Vec::new(),
        };
        let since = |held: &CoreGroupHeld| -> Vec<&str> {
            log.since(Some(held), d("2026-12-01"))
                .iter()
                .map(|e| e.kind())
                .collect()
        };
        // Logged on the meeting's day, after it: the next meeting and status must see it.
        assert_eq!(since(&held), ["core-assessment", "tier1-meeting"]);
        // Shown at the meeting: not again.
        held.events_shown.push(log.entries()[1].id());
        assert_eq!(since(&held), ["tier1-meeting"]);
    }

    fn withdraw(entry: &Event, day: &str, reason: &str) -> Event {
        Event::Withdrawn(Withdrawn {
            date: d(day),
            entry: entry.id(),
            by: Some("sw".into()),
            reason: reason.into(),
        })
    }

    #[test]
    fn a_withdrawn_entry_is_kept_with_its_id_and_read_by_no_reader() {
        let p = plan();
        let visit = Event::Visit(Visit {
            date: d("2026-11-20"),
            by: None,
            children: vec![],
            seen: true,
            seen_alone: true,
            bedroom_seen: Some(true),
            why_not: String::new(),
            each: Vec::new(),
        });
        let leaves = Event::MemberLeaves(MemberChange {
            date: d("2026-11-21"),
            member: "dad".into(),
        });
        let id = visit.id();
        let log = CaseLog::new(vec![
            visit.clone(),
            leaves.clone(),
            withdraw(&visit, "2026-11-22", "wrong family"),
        ]);
        assert!(validate(&log, &p).is_empty(), "{:?}", validate(&log, &p));
        assert_eq!(
            log.entries()[0].id(),
            id,
            "the entry and its id are as written"
        );
        assert_eq!(log.events().collect::<Vec<_>>(), [&leaves]);
        assert_eq!(log.by_date(), [&leaves]);
        let since = since_last_meeting(&p, &log, d("2026-11-24"));
        assert_eq!(since.len(), 1, "{since:?}");
        assert_eq!(since[0].text, "Dean Walsh left the core group");
        assert_eq!(
            current_plan(&p, &log),
            current_plan(&p, &CaseLog::new(vec![leaves.clone()]))
        );
        assert_eq!(
            log.since(p.key_dates.core_groups.first(), d("2026-11-24"))
                .len(),
            1
        );
        let listing = log.listing();
        assert_eq!(listing.len(), 2, "the withdrawal shows on its entry");
        assert_eq!(
            listing[0].1.map(|w| w.reason.as_str()),
            Some("wrong family")
        );
        assert!(listing[1].1.is_none());
    }

    #[test]
    fn a_withdrawal_names_an_entry_once_with_a_reason() {
        let p = plan();
        let core = Event::CoreAssessment(Dated {
            date: d("2026-11-20"),
        });
        let first = withdraw(&core, "2026-11-22", "wrong case");
        let twice = withdraw(&core, "2026-11-23", "again");
        let unknown = Event::Withdrawn(Withdrawn {
            date: d("2026-11-23"),
            entry: "e0000000000".into(),
            by: Some("nobody".into()),
            reason: " ".into(),
        });
        let of_a_withdrawal = withdraw(&first, "2026-11-23", "undo");
        let log = CaseLog::new(vec![core, first, twice, unknown, of_a_withdrawal]);
        let paths: Vec<String> = validate(&log, &p).into_iter().map(|e| e.path).collect();
        assert_eq!(
            paths,
            [
                "[2].withdrawn.entry",
                "[3].withdrawn.entry",
                "[3].withdrawn.reason",
                "[3].withdrawn.by",
                "[4].withdrawn.entry",
            ]
        );
    }

    #[test]
    fn a_withdrawn_entry_that_was_wrong_in_itself_is_no_problem() {
        let p = plan();
        let wrong = Event::LeadWorker(MemberChange {
            date: d("2026-11-20"),
            member: "nobody".into(),
        });
        let mut log = CaseLog::new(vec![wrong.clone()]);
        assert_eq!(validate(&log, &p).len(), 1);
        log.push(withdraw(&wrong, "2026-11-21", "no such member"));
        assert!(validate(&log, &p).is_empty(), "{:?}", validate(&log, &p));
    }
}
