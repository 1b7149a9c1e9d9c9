//! The family's copy. It is made in two steps: first a redacted record with every confidential
//! item and every withheld address taken out ([`family_record`]), then a document in plain words
//! built from that record alone. Nothing confidential is ever rendered and then deleted, so no
//! formatting slip can let it through.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::document::{Block, Document, Inline, Issue, Section, Table};
use super::minutes::{ordered_steps, role_text, subtitle};
use super::record::Record;
use super::wording::{and_list, capitalise, long_date, plain_date, time};
use crate::agenda::StepKind;
use crate::agenda::snapshot::StepSnapshot;
use crate::domain::address::{Phrases, withheld_addresses};
use crate::domain::meeting::{
    Accuracy, Answer, ChangeKind, ChildViews, CircumstanceKind, Meeting, Presence, Privacy, Route,
    Tag,
};
use crate::domain::plan::{Id, Plan};

pub use crate::domain::address::WITHHELD;

/// The record as the family may see it: no confidential item, and no part of a withheld
/// address anywhere in it, however it was typed. `None` when a withheld address could not be
/// scrubbed for certain: then no family copy is made from it.
pub fn family_record(meeting: &Meeting, plan: &Plan) -> Option<(Meeting, Plan)> {
    record_for(meeting, plan, None)
}

/// Put where the views of the child or the family were kept out of a copy, so it does not
/// read as if they were never asked.
pub const NOT_IN_THIS_COPY: &str = "Not included in this copy.";

/// Put in place of a guest whose presence is kept out of a copy.
pub const SOMEONE_ELSE: &str = "Someone else at the meeting";

/// The record as one family member may see it (`reader`), or with `None` as every family
/// member may: without the items that are confidential or not for them, and with every
/// withheld address scrubbed. `None` when a withheld address could not be scrubbed for certain.
pub fn record_for(meeting: &Meeting, plan: &Plan, reader: Option<&str>) -> Option<(Meeting, Plan)> {
    let mut m = meeting.clone();
    m.family_check_at_close.clear();
    let hidden = |p: &Privacy| p.hidden_from(reader);
    m.notes.retain(|n| !hidden(&n.privacy));
    m.contributions.retain(|c| !hidden(&c.privacy));
    m.circumstances.retain(|c| !hidden(&c.privacy));
    m.disagreements.retain(|d| !hidden(&d.privacy));
    for a in &mut m.attendance {
        if hidden(&a.privacy) {
            a.written_update_summary.clear();
        }
    }
    // A review's note is also kept in the action's history, which the plan documents show.
    let mut hidden_notes: Vec<(Id, String)> = Vec::new();
    for r in &mut m.action_reviews {
        if hidden(&r.privacy) {
            hidden_notes.push((r.action.clone(), std::mem::take(&mut r.note)));
        }
    }
    for p in &mut m.outcome_progress {
        if hidden(&p.privacy) {
            p.note.clear();
        }
    }
    if hidden(&m.details.exclusions_privacy) {
        m.details.exclusions.clear();
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
    for g in m.guests.iter_mut().filter(|g| hidden(&g.privacy)) {
        g.name = SOMEONE_ELSE.into();
        g.role.clear();
        g.agency.clear();
        g.here_as.clear();
        g.for_whom = None;
    }
    // The case log's events are the professionals' (a change reported to the chair may be what
    // is kept from the family); the family's copy does not show them.
    m.since_last_meeting.clear();
    if hidden(&m.family_views.privacy) {
        m.family_views.views = NOT_IN_THIS_COPY.into();
        m.family_views.not_accepted.clear();
    }

    let withheld = withheld_addresses(plan);
    let mut p = plan.clone();
    for (action, note) in hidden_notes.iter().filter(|(_, n)| !n.trim().is_empty()) {
        if let Some(a) = p.actions.iter_mut().find(|a| &a.id == action) {
            for h in a.history.iter_mut().filter(|h| &h.note == note) {
                h.note.clear();
            }
        }
    }
    if p.case.withhold_family_address {
        p.case.family_address = None;
        // A new address is exactly what must not reach the family when theirs is withheld.
        for c in &mut m.circumstances {
            if c.kind == CircumstanceKind::Address {
                c.detail = "The details are not included in this copy.".into();
            }
        }
    }
    for member in &mut p.members {
        if member.withhold_address {
            member.address = None;
        }
    }
    if !withheld.is_empty() {
        m = scrub(m, &withheld)?;
        p = scrub(p, &withheld)?;
    }
    Some((m, p))
}

/// Scrub every string of the value, whatever field holds it; `None` when the value cannot be
/// rebuilt after that (never for the record's own types), rather than the value with an address
/// left in it.
fn scrub<T: Serialize + DeserializeOwned + Clone>(value: T, withheld: &Phrases) -> Option<T> {
    // Usually no typed text holds a withheld address: one look at the serialized value settles
    // that without taking it apart.
    if let Ok(text) = serde_json::to_string(&value)
        && !withheld.may_be_in_json(&text)
    {
        return Some(value);
    }
    let mut json = serde_json::to_value(&value).ok()?;
    if !scrub_json(&mut json, withheld) {
        // Usually no typed text holds a withheld address: nothing to rebuild.
        return Some(value);
    }
    serde_json::from_value(json).ok()
}

/// Whether anything was replaced.
fn scrub_json(v: &mut serde_json::Value, withheld: &Phrases) -> bool {
    match v {
        serde_json::Value::String(s) => match withheld.scrub(s) {
            Some(clean) => {
                *s = clean;
                true
            }
            None => false,
        },
        serde_json::Value::Array(items) => items
            .iter_mut()
            .fold(false, |any, i| scrub_json(i, withheld) | any),
        serde_json::Value::Object(map) => map
            .values_mut()
            .fold(false, |any, i| scrub_json(i, withheld) | any),
        _ => false,
    }
}

/// The family's copy of the minutes, in plain words: the copy for every family member, or with
/// `reader` one member's own. `r` must be the record redacted for that reader.
pub fn family_minutes(r: Record, reader: Option<&str>) -> Document {
    family_minutes_issued(r, reader, Issue::FIRST_DRAFT)
}

/// [`family_minutes`], saying which issue they are, as the minutes for professionals do.
pub fn family_minutes_issued(r: Record, reader: Option<&str>, issue: Issue) -> Document {
    let mut sections = Vec::new();
    let mut work_done = false;
    let mut about_done = false;
    let mut seen = Vec::new();
    for step in ordered_steps(r) {
        if step.kind == StepKind::NextMeeting && !work_done {
            sections.push(work(r));
            work_done = true;
        }
        if step.kind == StepKind::Close {
            continue;
        }
        if seen.contains(&step.kind) && !matches!(step.kind, StepKind::Notes | StepKind::Checklist)
        {
            continue;
        }
        seen.push(step.kind);
        if let Some(mut s) = section(r, &step) {
            notes_for(r, &step.key, &mut s);
            if !s.blocks.is_empty() {
                sections.push(s);
            }
        }
        if step.kind == StepKind::NextMeeting {
            sections.push(about(r, reader));
            about_done = true;
        }
    }
    if !work_done {
        sections.push(work(r));
    }
    if !about_done {
        sections.push(about(r, reader));
    }
    Document {
        title: format!("Notes of the {}: the family's copy", r.agenda.terms.meeting),
        subtitle: {
            let mut lines = subtitle(r);
            lines.push(Inline::text(issue.plain_line()));
            lines
        },
        marking: "PRIVATE. This is about your family. Please keep it somewhere safe.".into(),
        sections,
    }
}

fn section(r: Record, step: &StepSnapshot) -> Option<Section> {
    let title = match step.kind {
        StepKind::Introductions => "About this meeting",
        StepKind::Attendance => "Who was there",
        StepKind::PreviousRecord => "The last meeting",
        StepKind::AgencyProgress => "How things are going",
        StepKind::ChildViews => "What the children said",
        StepKind::FamilyViews => "What the family said",
        StepKind::Circumstances => "Changes in the family's life",
        StepKind::PlanRevisions => "Changes to the plan",
        StepKind::Disagreements => "Where people disagreed",
        StepKind::Escalation => "The review conference",
        StepKind::NextMeeting => "The next meeting",
        StepKind::Notes | StepKind::Checklist => step.title.as_str(),
        StepKind::Close => return None,
    };
    let mut s = Section::new(title);
    match step.kind {
        StepKind::Introductions => intro(r, &mut s),
        StepKind::Attendance => attendance(r, &mut s),
        StepKind::PreviousRecord => previous(r, &mut s),
        StepKind::AgencyProgress => progress(r, &mut s),
        StepKind::ChildViews => child_views(r, &mut s),
        StepKind::FamilyViews => family_views(r, &mut s),
        StepKind::Circumstances => circumstances(r, &mut s),
        StepKind::PlanRevisions => revisions(r, &mut s),
        StepKind::Disagreements => disagreements(r, &mut s),
        StepKind::Escalation => escalation(r, &mut s),
        StepKind::NextMeeting => next_meeting(r, &mut s),
        // Checklists are for the chair; notes are added below.
        StepKind::Notes | StepKind::Checklist | StepKind::Close => {}
    }
    Some(s)
}

fn notes_for(r: Record, key: &str, s: &mut Section) {
    let notes: Vec<_> = r.meeting.notes.iter().filter(|n| n.step == key).collect();
    if notes.is_empty() {
        return;
    }
    s.push(Block::Heading("Also noted".into()));
    for n in notes {
        super::minutes::note(n, s);
    }
}

fn intro(r: Record, s: &mut Section) {
    let terms = &r.agenda.terms;
    s.para(format!(
        "These are the notes of the {} about {}. The core group is your family and the workers \
         who know the children. It meets to check that the {} is working and to keep it up to \
         date.",
        terms.meeting,
        r.child_names(),
        terms.plan
    ));
    let d = &r.meeting.details;
    let mut when = r.date().map(long_date).unwrap_or_default();
    if let Some(t) = d.time {
        when = format!("{when}, {}", time(t));
    }
    let mut fields = vec![("When".to_string(), Inline::text(when))];
    if !d.venue.trim().is_empty() {
        fields.push(("Where".into(), d.venue.as_str().into()));
    }
    if let Some(c) = d.chair.as_deref() {
        fields.push(("Chaired by".into(), r.name_and_role(c).into()));
    }
    if let Some(c) = d.minute_taker.as_deref() {
        fields.push(("Notes written by".into(), r.name_and_role(c).into()));
    }
    if let Some(lead) = r.plan.case.lead_worker.as_deref() {
        fields.push((
            format!("Your {}", terms.lead_worker),
            r.name_and_role(lead).into(),
        ));
    }
    s.push(Block::Fields(fields));
    if !d.exclusions.trim().is_empty() {
        s.push(Block::Heading("Who was asked not to come, and why".into()));
        s.paras(&d.exclusions);
    }
}

fn attendance(r: Record, s: &mut Section) {
    let names = |p: Presence| -> Vec<String> {
        r.meeting
            .attendance
            .iter()
            .filter(|a| a.presence == Some(p))
            .map(|a| r.name_and_role(&a.member))
            .collect()
    };
    // Substitutes came, in someone's place: they are listed with who was there.
    let substitutes: Vec<String> = r
        .meeting
        .attendance
        .iter()
        .filter(|a| !a.substitute.trim().is_empty())
        .map(|a| r.speaker(&a.member))
        .collect();
    let mut fields = Vec::new();
    for (label, p) in [
        ("Came to the meeting", Presence::Present),
        ("Could not come and said so", Presence::Apologies),
        ("Did not come", Presence::DidNotAttend),
    ] {
        let list = names(p);
        if !list.is_empty() {
            fields.push((label.to_string(), Inline::text(list.join("; "))));
        }
    }
    let guests: Vec<String> = r
        .meeting
        .guests
        .iter()
        .map(|g| r.name_and_role(&g.id))
        .collect();
    if !substitutes.is_empty() {
        fields.push((
            "Came in someone's place".into(),
            substitutes.join("; ").into(),
        ));
    }
    if !guests.is_empty() {
        fields.push(("Also there".into(), guests.join("; ").into()));
    }
    s.push(Block::Fields(fields));
    let updates: Vec<Inline> = r
        .meeting
        .attendance
        .iter()
        .filter(|a| a.written_update && !a.written_update_summary.trim().is_empty())
        .map(|a| {
            Inline::strong(r.name(&a.member))
                .then(" wrote: ")
                .then(a.written_update_summary.as_str())
        })
        .collect();
    if !updates.is_empty() {
        s.push(Block::Heading(
            "Written updates from people who could not come".into(),
        ));
        s.push(Block::Bullets(updates));
    }
}

fn previous(r: Record, s: &mut Section) {
    let p = &r.meeting.previous_record;
    match p.accuracy {
        Some(Accuracy::Confirmed) => {
            s.para("Everyone agreed the notes of the last meeting were right.");
        }
        Some(Accuracy::Amended) => {
            s.para("The notes of the last meeting were corrected:");
        }
        None => {}
    }
    s.paras(&p.amendments);
    if !r.meeting.action_reviews.is_empty() {
        s.push(Block::Heading(
            "What happened with the jobs from last time".into(),
        ));
        s.push(Block::Table(Table {
            head: vec!["Job".into(), "Who".into(), "Now".into(), "Note".into()],
            rows: r
                .meeting
                .action_reviews
                .iter()
                .map(|rev| {
                    let (what, who) = match r.plan.action(&rev.action) {
                        Some(a) => (a.what.clone(), r.owner_text(a)),
                        None => (rev.action.clone(), String::new()),
                    };
                    vec![
                        what.into(),
                        who.into(),
                        capitalise(rev.status.label()).into(),
                        rev.note.as_str().into(),
                    ]
                })
                .collect(),
        }));
    }
}

fn tag_words(t: Tag) -> &'static str {
    match t {
        Tag::Fact => "a fact",
        Tag::Observation => "something they saw",
        Tag::Hearsay => "something they were told by someone else",
        Tag::Allegation => "something someone says happened, not proven",
        Tag::Opinion => "their opinion",
    }
}

fn progress(r: Record, s: &mut Section) {
    s.para(
        "Everyone gave a score for each goal of the plan, from 0 (very worried) to 10 (the \
         children are safe enough for the plan to end).",
    );
    s.push(Block::Table(Table {
        head: vec!["Goal".into(), "Score".into(), "Why".into()],
        rows: r
            .plan
            .outcomes
            .iter()
            .map(|o| {
                let p = r
                    .meeting
                    .outcome_progress
                    .iter()
                    .find(|p| p.outcome == o.id);
                vec![
                    o.text.as_str().into(),
                    p.and_then(|p| p.score)
                        .map(|n| format!("{n} out of 10"))
                        .unwrap_or_else(|| "no score given".into())
                        .into(),
                    p.map(|p| p.note.as_str()).unwrap_or("").into(),
                ]
            })
            .collect(),
    }));
    if r.meeting.contributions.is_empty() {
        return;
    }
    s.push(Block::Heading("What people said".into()));
    // Each person's points together, in the order they first spoke.
    let mut speakers: Vec<&str> = Vec::new();
    for c in &r.meeting.contributions {
        if !speakers.contains(&c.member.as_str()) {
            speakers.push(&c.member);
        }
    }
    let grouped = speakers.into_iter().flat_map(|who| {
        r.meeting
            .contributions
            .iter()
            .filter(move |c| c.member == who)
    });
    for c in grouped {
        let mut lines = c.text.lines().map(str::trim).filter(|l| !l.is_empty());
        let mut head = Inline::strong(r.speaker(&c.member));
        if let Some(m) = r.plan.member(&c.member) {
            let role = role_text(m);
            if !role.is_empty() {
                head = head.then(format!(" ({role})"));
            }
        }
        head = head.then(": ").then(lines.next().unwrap_or(""));
        if let Some(t) = c.tag {
            head = head.then(" (").then_emphasis(tag_words(t)).then(")");
        }
        s.para(head);
        for line in lines {
            s.para(line);
        }
    }
}

fn plain_answer(a: Option<Answer>) -> Inline {
    match a {
        Some(Answer::Yes) => "Yes".into(),
        Some(Answer::No) => "No".into(),
        Some(Answer::Partly) => "Partly".into(),
        Some(Answer::NotAsked) => "Not asked".into(),
        None => "Not written down".into(),
    }
}

fn child_views(r: Record, s: &mut Section) {
    let m = r.meeting;
    if r.plan.children.len() < 2 || m.children_views.is_empty() {
        one_childs_views(&m.child_views, true, s);
        return;
    }
    if m.child_views != ChildViews::default() {
        one_childs_views(&m.child_views, false, s);
    }
    let none = ChildViews::default();
    for c in &r.plan.children {
        s.push(Block::Heading(format!("What {} said", first_name(&c.name))));
        one_childs_views(m.views_of(&c.id).unwrap_or(&none), true, s);
    }
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

fn one_childs_views(v: &ChildViews, say_missing: bool, s: &mut Section) {
    if v.is_recorded() {
        s.paras(&v.wishes_and_feelings);
    } else if say_missing {
        s.para("Their views were not written down at this meeting.");
    }
    let mut fields = vec![
        ("Do they feel safe?".to_string(), plain_answer(v.feels_safe)),
        (
            "Is daily life better for them?".into(),
            plain_answer(v.daily_life_improved),
        ),
    ];
    if !v.how_gathered.trim().is_empty() {
        fields.push((
            "How we heard their views".into(),
            v.how_gathered.as_str().into(),
        ));
    }
    s.push(Block::Fields(fields));
}

fn family_views(r: Record, s: &mut Section) {
    let v = &r.meeting.family_views;
    if v.views.trim().is_empty() {
        s.para("The family's views were not written down at this meeting.");
    } else {
        s.paras(&v.views);
    }
    if !v.not_accepted.trim().is_empty() {
        s.push(Block::Heading(
            "Things the family asked for that were not agreed, and why".into(),
        ));
        s.paras(&v.not_accepted);
    }
}

fn circumstances(r: Record, s: &mut Section) {
    if r.meeting.circumstances.is_empty() {
        s.para("No changes were mentioned.");
        return;
    }
    let items: Vec<_> = r.meeting.circumstances.iter().collect();
    s.push(Block::Table(super::minutes::circumstance_table(
        &items,
        "Will the conference chair be told?",
    )));
}

fn revisions(r: Record, s: &mut Section) {
    if r.meeting.plan_changes.is_empty() {
        s.para("The plan was not changed at this meeting.");
    } else {
        s.push(Block::Table(Table {
            head: vec!["What changed".into(), "Job or goal".into(), "Detail".into()],
            rows: r
                .meeting
                .plan_changes
                .iter()
                .map(|c| {
                    let (what, item, detail) = match (c.change, r.plan.action(&c.item)) {
                        (ChangeKind::ActionAdded, Some(a)) => {
                            let due = a
                                .due
                                .map(|d| format!(", by {}", plain_date(d)))
                                .unwrap_or_default();
                            (
                                "New job",
                                a.what.clone(),
                                format!("{}{due}", r.owner_text(a)),
                            )
                        }
                        (ChangeKind::ActionChanged, Some(a)) => {
                            ("Job changed", a.what.clone(), c.detail.clone())
                        }
                        (ChangeKind::ActionStatus, Some(a)) => {
                            ("Job updated", a.what.clone(), c.detail.clone())
                        }
                        (ChangeKind::OutcomeAdded, _) => {
                            ("New goal", c.detail.clone(), String::new())
                        }
                        (ChangeKind::OutcomeChanged, _) => {
                            ("Goal reworded", c.detail.clone(), String::new())
                        }
                        (ChangeKind::MemberJoined, _) => {
                            ("Joined the group", c.detail.clone(), String::new())
                        }
                        (_, None) => ("Changed", c.item.clone(), c.detail.clone()),
                    };
                    vec![what.into(), item.into(), detail.into()]
                })
                .collect(),
        }));
    }
    if !r.plan.contingency_plan.trim().is_empty() {
        s.push(Block::Heading("If the plan is not working".into()));
        s.paras(&r.plan.contingency_plan);
    }
}

fn route_words(route: Route) -> &'static str {
    match route {
        Route::CoreGroup => "The core group will talk it through.",
        Route::Managers => "The workers' managers will talk it through.",
        Route::EscalationProcedure => "It goes to the formal procedure for settling disagreements.",
    }
}

fn disagreements(r: Record, s: &mut Section) {
    if r.meeting.disagreements.is_empty() {
        s.para("Nobody disagreed in a way that needed writing down.");
        return;
    }
    for d in &r.meeting.disagreements {
        let mut fields = vec![
            ("Who".to_string(), Inline::text(d.who.as_str())),
            ("About what".into(), d.about.as_str().into()),
        ];
        if !d.reasons.trim().is_empty() {
            fields.push(("Why".into(), d.reasons.as_str().into()));
        }
        fields.push(("What happens next".into(), route_words(d.route).into()));
        fields.push((
            "Sorted out?".into(),
            if d.resolved { "Yes" } else { "Not yet" }.into(),
        ));
        s.push(Block::Fields(fields));
    }
}

fn escalation(r: Record, s: &mut Section) {
    let e = &r.meeting.escalation;
    if e.bring_review_forward {
        s.para(Inline::strong(
            "The group asked for the review conference to be held sooner.",
        ));
        s.paras(&e.reason);
    } else {
        s.para("The group did not ask for the review conference to be held sooner.");
    }
    if !e.decisions.is_empty() {
        let labels: Vec<&str> = e
            .decisions
            .iter()
            .map(|k| r.agenda.decision_label(k))
            .collect();
        s.para(format!("The group also decided: {}.", and_list(&labels)));
    }
    if let Some(d) = r.plan.key_dates.next_review_conference {
        s.para(format!(
            "The next review conference is on {}.",
            long_date(d)
        ));
    }
}

fn work(r: Record) -> Section {
    let mut s = Section::new("Who is doing what, by when");
    let actions = r.open_actions();
    if actions.is_empty() {
        s.para("There are no jobs left open on the plan.");
        return s;
    }
    s.push(Block::Table(Table {
        head: vec![
            "Who".into(),
            "What they will do".into(),
            "By when".into(),
            "Which goal".into(),
        ],
        rows: actions
            .into_iter()
            .map(|a| {
                vec![
                    r.owner_text(a).into(),
                    a.what.as_str().into(),
                    r.due_text(a).into(),
                    r.plan
                        .outcome(&a.outcome)
                        .map(|o| o.text.as_str())
                        .unwrap_or(a.outcome.as_str())
                        .into(),
                ]
            })
            .collect(),
    }));
    s
}

fn next_meeting(r: Record, s: &mut Section) {
    let n = &r.meeting.next_meeting;
    let Some(date) = n.date else {
        s.para("A date for the next meeting has not been set yet. You will be told it.");
        return;
    };
    let mut when = long_date(date);
    if let Some(t) = n.time {
        when = format!("{when}, {}", time(t));
    }
    let venue = if n.venue.trim().is_empty() {
        "to be confirmed"
    } else {
        n.venue.as_str()
    };
    s.push(Block::Fields(vec![
        ("When".into(), Inline::strong(when)),
        ("Where".into(), venue.into()),
    ]));
}

fn about(r: Record, reader: Option<&str>) -> Section {
    let mut s = Section::new("About these notes");
    let lead = r
        .plan
        .case
        .lead_worker
        .as_deref()
        .map(|id| r.name(id))
        .unwrap_or_else(|| "the worker who sent them".into());
    let lead_term = &r.agenda.terms.lead_worker;
    s.para(format!(
        "If anything in these notes is wrong, or you do not understand something, please tell \
         {lead}, your {lead_term}."
    ));
    if let Some(d) = r.deadlines() {
        s.para(
            Inline::text("These notes and the updated plan should reach you by ")
                .then_strong(long_date(d.circulate_by))
                .then("."),
        );
        s.para(
            Inline::text("Please sign the written agreement and give it back by ")
                .then_strong(long_date(d.agreements_by))
                .then("."),
        );
    }
    let languages: Vec<String> = r
        .plan
        .members
        .iter()
        .filter(|m| m.family)
        .filter_map(|m| {
            let lang = m.language.as_deref()?.trim();
            (!lang.is_empty() && !lang.eq_ignore_ascii_case("english"))
                .then(|| format!("{} asked for a copy in {lang}", m.name))
        })
        .collect();
    if !languages.is_empty() {
        s.para(format!("{}.", and_list(&languages)));
    }
    let family: Vec<&str> = r
        .plan
        .members
        .iter()
        .filter(|m| m.family)
        .map(|m| m.name.as_str())
        .collect();
    match reader {
        Some(id) => {
            s.para(format!(
                "This copy is for {}. The workers in the core group get their own copy.",
                r.name(id)
            ));
        }
        None if !family.is_empty() => {
            s.para(format!(
                "This copy goes to {}. The workers in the core group get their own copy.",
                and_list(&family)
            ));
        }
        None => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_withheld_address_typed_anywhere_is_replaced() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let plan = crate::domain::example::plan(today);
        let mut meeting = crate::domain::example::past_meeting(today);
        meeting.family_views.views = "Mum has moved to 12 Larkspur Court.".into();
        let (m, p) = family_record(&meeting, &plan).expect("the example's record scrubs");
        assert_eq!(m.family_views.views, "Mum has moved to [address withheld].");
        assert!(p.case.family_address.is_none());
        assert!(
            p.members
                .iter()
                .all(|m| !m.withhold_address || m.address.is_none())
        );
        assert!(m.notes.iter().all(|n| !n.privacy.confidential));
    }

    #[test]
    fn a_value_that_cannot_be_rebuilt_after_scrubbing_gives_nothing_rather_than_a_leak() {
        // Map keys that are not text cannot go through JSON, so this could not be scrubbed.
        let mut value = std::collections::BTreeMap::new();
        value.insert(
            (1u8, 2u8),
            "Mum has moved to 12 Larkspur Court.".to_string(),
        );
        assert_eq!(
            scrub(value, &Phrases::addresses(["12 Larkspur Court"])),
            None
        );
    }
}
