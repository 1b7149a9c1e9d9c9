//! The reader's view: the one place that decides what a reader may read.
//!
//! Given a meeting's record, the plan that meeting left and the case as it stands now (the
//! case's `plan.yaml` with its log applied: who is family now, who has left, which addresses are
//! withheld now), [`view`] returns a [`View`] for one [`Reader`] with everything not for them
//! removed. Documents are rendered only from a `View`, and only this module can make one, so no
//! document can be rendered from text its reader may not read.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::address::{Phrases, WITHHELD};
use super::id::Id;
use super::meeting::{CircumstanceKind, Meeting};
use super::plan::Plan;
use super::privacy::Privacy;

/// Who a document is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reader {
    /// One family member (a member of the plan who is family, or a family guest).
    Family(Id),
    /// The copy every family member may read: nothing restricted from any of them.
    EveryFamilyMember,
    /// The members of the core group who are not family, and guests who are not.
    Professionals,
    /// The case file: everything, withheld addresses too. Never circulated.
    CaseFile,
}

impl Reader {
    pub fn is_family(&self) -> bool {
        matches!(self, Reader::Family(_) | Reader::EveryFamilyMember)
    }

    /// Whether text with this privacy is kept from this reader.
    pub fn hides(&self, p: &Privacy) -> bool {
        match self {
            Reader::Family(id) => p.hidden_from(Some(id)),
            Reader::EveryFamilyMember => p.hidden_from(None),
            Reader::Professionals | Reader::CaseFile => false,
        }
    }
}

/// Put where the views of the child or the family were kept out of a copy, so it does not
/// read as if they were never asked.
pub const NOT_IN_THIS_COPY: &str = "Not included in this copy.";

/// Put in place of a guest whose presence is kept out of a copy.
pub const SOMEONE_ELSE: &str = "Someone else at the meeting";

/// Put in place of the name of a person kept out of a family copy who owns an action or is
/// named elsewhere in the record.
pub const UNNAMED: &str = "a support worker";

/// Put in place of a change of address kept from the family while an address is withheld.
pub const ADDRESS_CHANGE_WITHHELD: &str = "The details are not included in this copy.";

/// A meeting's record and plan as one reader may read them. Only [`view`] and [`plan_view`]
/// make one.
#[derive(Clone, Debug)]
pub struct View {
    meeting: Meeting,
    plan: Plan,
    reader: Reader,
}

impl View {
    pub fn meeting(&self) -> &Meeting {
        &self.meeting
    }

    /// The plan the meeting left, with who is family, who has left and which addresses are
    /// withheld as the case says now.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }
}

/// Whether `id` (a member of the case now, or a guest of the meeting) reads the professionals'
/// documents: the minutes for professionals and the invitation. Family members and family
/// guests never do, nor does anyone who has left the core group.
pub fn is_professional_reader(meeting: Option<&Meeting>, now: &Plan, id: &str) -> bool {
    if let Some(m) = now.member(id) {
        return !m.family && m.left.is_none();
    }
    meeting
        .and_then(|mt| mt.guests.iter().find(|g| g.id == id))
        .is_some_and(|g| !g.is_family())
}

/// The reader a member of the case (as it stands now) gets their documents as.
pub fn reader_of(now: &Plan, id: &str) -> Reader {
    match now.member(id) {
        Some(m) if !m.family => Reader::Professionals,
        _ => Reader::Family(id.to_string()),
    }
}

/// The family readers who each get a copy and a plan of their own, ending with their own
/// agreement page: every family member of the case now (those who left too: their copy of an
/// old meeting is theirs).
pub fn family_readers(now: &Plan) -> Vec<Id> {
    now.members
        .iter()
        .filter(|m| m.family)
        .map(|m| m.id.clone())
        .collect()
}

/// The plan as member `id` of the case `now` may read it, for what is addressed to them: the
/// recipient and the sender of their email or letter are taken from it.
pub fn addressed_to(now: &Plan, id: &str) -> Option<View> {
    plan_view(now, reader_of(now, id))
}

/// The plan alone as `reader` may read it (for documents about the case rather than one
/// meeting). `None` as for [`view`].
pub fn plan_view(now: &Plan, reader: Reader) -> Option<View> {
    let mut blank = Meeting::new(
        String::new(),
        String::new(),
        chrono::NaiveDate::MIN,
        &Plan {
            members: Vec::new(),
            ..now.clone()
        },
    );
    blank.details.date = None;
    view(&blank, now, now, reader)
}

/// The record of a meeting and the plan it `left`, as `reader` may read them given the case as it
/// stands `now`. `None` when a withheld address could not be taken out for certain: then no
/// document is made for that reader from it.
pub fn view(meeting: &Meeting, left: &Plan, now: &Plan, reader: Reader) -> Option<View> {
    Views::new(meeting, left, now).view(reader)
}

/// One meeting's views for every reader, as [`view`] makes each. What every reader but the case
/// file loses alike (withheld addresses, the invitation's venue) is taken out once and shared:
/// on a large case, looking for a withheld address in every typed word is most of the work of
/// writing the documents, and a family member's own copy would otherwise pay it again.
pub struct Views<'a> {
    meeting: &'a Meeting,
    left: &'a Plan,
    now: &'a Plan,
    /// The record and the plan with what no reader but the case file reads taken out; `None`
    /// inside when a withheld address could not be taken out for certain.
    shared: std::cell::OnceCell<Option<(Meeting, Plan)>>,
}

impl<'a> Views<'a> {
    pub fn new(meeting: &'a Meeting, left: &'a Plan, now: &'a Plan) -> Views<'a> {
        Views {
            meeting,
            left,
            now,
            shared: std::cell::OnceCell::new(),
        }
    }

    /// The view of `reader`; `None` as for [`view`].
    pub fn view(&self, reader: Reader) -> Option<View> {
        if reader == Reader::CaseFile {
            return Some(View {
                meeting: self.meeting.clone(),
                plan: as_now(self.left, self.now),
                reader,
            });
        }
        let (mut m, mut plan) = self.shared.get_or_init(|| self.for_anyone()).clone()?;
        if reader.is_family() {
            // Only takes out or replaces with fixed words: nothing it leaves can bring back
            // what was taken out before.
            for_family(
                &mut m,
                &mut plan,
                &reader,
                withheld_any(self.left, self.now),
            );
        }
        Some(View {
            meeting: m,
            plan,
            reader,
        })
    }

    /// The record and the plan as every reader but the case file may read them.
    fn for_anyone(&self) -> Option<(Meeting, Plan)> {
        let mut plan = as_now(self.left, self.now);
        let mut m = self.meeting.clone();
        if plan.case.withhold_family_address {
            plan.case.family_address = None;
        }
        for member in plan.members.iter_mut().filter(|m| m.withhold_address) {
            member.address = None;
        }
        // The invitation's own copy of the venue is for the invitation alone.
        if let Some(i) = &mut m.invitation {
            i.venue.clear();
        }
        let withheld = withheld_phrases(self.left, self.now);
        if !withheld.is_empty() {
            m = scrub(m, &withheld, WITHHELD)?;
            plan = scrub(plan, &withheld, WITHHELD)?;
        }
        Some((m, plan))
    }
}

/// The plan a meeting left, with each of its members as the case holds them now: family or
/// not, left or not, address withheld if withheld then or now.
fn as_now(left: &Plan, now: &Plan) -> Plan {
    let mut plan = left.clone();
    plan.case.withhold_family_address |= now.case.withhold_family_address;
    if plan.case.family_address.is_none() {
        plan.case.family_address = now.case.family_address.clone();
    }
    for member in &mut plan.members {
        if let Some(n) = now.member(&member.id) {
            member.family = n.family;
            member.left = n.left;
            member.withhold_address |= n.withhold_address;
            member.privacy = member.privacy.and(&n.privacy);
            if member.address.is_none() {
                member.address = n.address.clone();
            }
        }
    }
    plan
}

/// Every part of every address withheld in the plan the meeting left or in the case now.
fn withheld_phrases(left: &Plan, now: &Plan) -> Phrases {
    let mut addresses: Vec<&str> = Vec::new();
    for plan in [left, now] {
        let withhold_family = left.case.withhold_family_address || now.case.withhold_family_address;
        if withhold_family && let Some(a) = plan.case.family_address.as_deref() {
            addresses.push(a);
        }
        for m in &plan.members {
            let withheld = m.withhold_address
                || [left, now]
                    .iter()
                    .any(|p| p.member(&m.id).is_some_and(|x| x.withhold_address));
            if withheld && let Some(a) = m.address.as_deref() {
                addresses.push(a);
            }
        }
    }
    Phrases::addresses(addresses)
}

/// Whether any address of the case is withheld, then or now.
fn withheld_any(left: &Plan, now: &Plan) -> bool {
    [left, now]
        .iter()
        .any(|p| p.case.withhold_family_address || p.members.iter().any(|m| m.withhold_address))
}

/// Take out of the record and the plan everything a family reader may not read.
fn for_family(m: &mut Meeting, p: &mut Plan, reader: &Reader, address_withheld: bool) {
    let hidden = |x: &Privacy| reader.hides(x);
    // Chair's material: what was flagged at the close may quote what is withheld; what was
    // missing, and the case log's events, are the professionals'.
    m.family_check_at_close.clear();
    m.missing_at_close.clear();
    m.since_last_meeting.clear();
    // The chair's checklist and the time spent on each step are the chair's too.
    m.checklist.clear();
    m.step_times.clear();
    // Why a child was not seen at a visit is the case log's word too.
    for c in p
        .key_dates
        .visits
        .iter_mut()
        .flat_map(|v| v.each.iter_mut())
    {
        if matches!(c.why_not, Some(super::plan::WhyNot::Other(_))) {
            c.why_not = None;
        }
    }
    m.invitation = None;
    m.notes.retain(|n| !hidden(&n.privacy));
    m.contributions.retain(|c| !hidden(&c.privacy));
    m.circumstances.retain(|c| !hidden(&c.privacy));
    m.disagreements.retain(|d| !hidden(&d.privacy));
    // A disagreement carried between meetings: gone whole when it is not for the reader, and
    // each word on it that is not, wherever it is kept.
    // A word on one kept from the reader loses its words, not the fact that it was resolved.
    p.disagreements.retain(|d| !hidden(&d.privacy));
    for u in p.disagreements.iter_mut().flat_map(|d| &mut d.history) {
        if hidden(&u.privacy) {
            u.note.clear();
            u.by.clear();
        }
    }
    let carried: Vec<Id> = p.disagreements.iter().map(|d| d.id.clone()).collect();
    m.disagreement_reviews
        .retain(|r| carried.contains(&r.disagreement));
    for r in m
        .disagreement_reviews
        .iter_mut()
        .filter(|r| hidden(&r.privacy))
    {
        r.note.clear();
        r.by.clear();
    }
    for a in m.attendance.iter_mut().filter(|a| hidden(&a.privacy)) {
        a.written_update_summary.clear();
        a.substitute.clear();
    }
    // Older records kept a copy of a review's note in the action's history without its privacy.
    let mut hidden_notes: Vec<(Id, String)> = Vec::new();
    for r in m.action_reviews.iter_mut().filter(|r| hidden(&r.privacy)) {
        hidden_notes.push((r.action.clone(), std::mem::take(&mut r.note)));
    }
    for x in m.outcome_progress.iter_mut().filter(|x| hidden(&x.privacy)) {
        x.note.clear();
    }
    if hidden(&m.details.exclusions_privacy) {
        m.details.exclusions.clear();
    }
    if hidden(&m.details.venue_privacy) {
        m.details.venue.clear();
    }
    if hidden(&m.next_meeting.privacy) {
        m.next_meeting.venue.clear();
        m.next_meeting.reason_for_gap.clear();
        m.next_meeting.countersigned_by.clear();
    }
    if hidden(&m.previous_record.privacy) {
        m.previous_record.amendments.clear();
    }
    if hidden(&m.escalation.privacy) {
        m.escalation.reason.clear();
    }
    for v in std::iter::once(&mut m.child_views).chain(&mut m.children_views) {
        if hidden(&v.privacy) {
            v.wishes_and_feelings = NOT_IN_THIS_COPY.into();
            v.how_gathered.clear();
        }
    }
    if hidden(&m.family_views.privacy) {
        m.family_views.views = NOT_IN_THIS_COPY.into();
        m.family_views.not_accepted.clear();
    }
    if hidden(&p.why.privacy) {
        p.why.concerns = NOT_IN_THIS_COPY.into();
        p.why.danger_statement.clear();
        p.why.safety_goals.clear();
    }
    if hidden(&m.recommendation.privacy) {
        m.recommendation.reasons.clear();
    }

    // People kept out of the copy: unnamed wherever the record or the plan names them. A
    // reader's own name is never kept from them.
    let own = |id: &str| matches!(reader, Reader::Family(r) if r == id);
    let mut names: Vec<String> = Vec::new();
    for g in m
        .guests
        .iter_mut()
        .filter(|g| hidden(&g.privacy) && !own(&g.id))
    {
        names.push(g.name.clone());
        let owns = p.member(&g.id).is_some();
        g.name = if owns { UNNAMED } else { SOMEONE_ELSE }.into();
        g.role.clear();
        g.agency.clear();
        g.here_as.clear();
        g.for_whom = None;
    }
    for member in p
        .members
        .iter_mut()
        .filter(|x| hidden(&x.privacy) && !own(&x.id))
    {
        names.push(member.name.clone());
        member.name = UNNAMED.into();
        member.role.clear();
        member.agency.clear();
        member.email = None;
        member.phone = None;
        member.title = None;
        member.preferred_name = None;
        member.language = None;
        member.address = None;
    }

    // Actions whose words are kept from the reader go from the copy altogether, with their
    // review and their rows in the table of changes.
    let gone: Vec<Id> = p
        .actions
        .iter()
        .filter(|a| hidden(&a.privacy))
        .map(|a| a.id.clone())
        .collect();
    p.actions.retain(|a| !gone.contains(&a.id));
    m.action_reviews.retain(|r| !gone.contains(&r.action));
    m.plan_changes.retain(|c| !gone.contains(&c.item));
    for c in &mut m.plan_changes {
        // Words written at an old close may copy a note or name now kept from the reader; the
        // row's words are made again from its source.
        c.detail.clear();
    }
    for a in &mut p.actions {
        for h in &mut a.history {
            let copied = hidden_notes
                .iter()
                .any(|(id, n)| *id == a.id && !n.trim().is_empty() && *n == h.note);
            if hidden(&h.privacy) || copied {
                h.note.clear();
            }
            if hidden(&h.privacy) {
                // A name as typed for who made the change is kept with the reason.
                h.by = None;
            }
        }
    }
    if address_withheld {
        // A new address is exactly what must not reach the family while any of theirs is
        // withheld.
        for c in &mut m.circumstances {
            if c.kind == CircumstanceKind::Address {
                c.detail = ADDRESS_CHANGE_WITHHELD.into();
            }
        }
    }
    names.retain(|n| !n.trim().is_empty());
    // Whole names only, of four letters or more, so no id or ordinary word is caught.
    let names = Phrases::new(names, 4);
    if !names.is_empty() {
        // Never fails for the record's own types; if it did, the copy is left as it was here,
        // with every name field already replaced.
        if let Some(x) = scrub(m.clone(), &names, UNNAMED) {
            *m = x;
        }
        if let Some(x) = scrub(p.clone(), &names, UNNAMED) {
            *p = x;
        }
    }
}

/// Replace every phrase in every string of the value, whatever field holds it; `None` when the
/// value cannot be rebuilt after that (never for the record's own types), rather than the value
/// with a phrase left in it.
pub(crate) fn scrub<T: Serialize + DeserializeOwned>(
    value: T,
    phrases: &Phrases,
    with: &str,
) -> Option<T> {
    // Usually no typed text holds a phrase: one look at the serialized value settles that
    // without taking it apart.
    if let Ok(text) = serde_json::to_string(&value)
        && !phrases.may_be_in_json(&text)
    {
        return Some(value);
    }
    let mut json = serde_json::to_value(&value).ok()?;
    if !scrub_json(&mut json, phrases, with) {
        return Some(value);
    }
    serde_json::from_value(json).ok()
}

/// Whether anything was replaced.
fn scrub_json(v: &mut serde_json::Value, phrases: &Phrases, with: &str) -> bool {
    match v {
        serde_json::Value::String(s) => match phrases.replace(s, with) {
            Some(clean) => {
                *s = clean;
                true
            }
            None => false,
        },
        serde_json::Value::Array(items) => items
            .iter_mut()
            .fold(false, |any, i| scrub_json(i, phrases, with) | any),
        serde_json::Value::Object(map) => map
            .values_mut()
            .fold(false, |any, i| scrub_json(i, phrases, with) | any),
        _ => false,
    }
}

/// Scrub one text (a case log line, a letter's line) of every withheld address of the case,
/// for any reader but the case file.
pub fn scrub_addresses(text: &str, left: &Plan, now: &Plan) -> String {
    withheld_phrases(left, now)
        .scrub(text)
        .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
#[path = "reader_tests.rs"]
mod tests;
