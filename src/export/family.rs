//! The family's copy, rendered from a family reader's view alone (`domain::reader::view`, which
//! decides what each family reader may read: every confidential item, every item not for them,
//! every withheld address and the chair's own material are taken out there). This module only
//! words and lays out what the view holds, in plain words; nothing confidential is ever rendered
//! and then deleted, so no formatting slip can let it through.

use super::changes::{self, Words};
use super::document::{Block, Document, Inline, Issue, Section, Table};
use super::minutes::{ordered_steps, role_text, subtitle};
use super::record::Record;
use super::wording::{and_list, capitalise, long_date, time};
use crate::agenda::snapshot::StepSnapshot;
use crate::domain::agenda::StepKind;
use crate::domain::case_dates::DueAsIssued;
use crate::domain::disagreements::{Route, Standing, carried_into, describe};
use crate::domain::meeting::{Accuracy, Answer, ChangeKind, ChildViews, Presence, Tag};
use crate::domain::reader::Reader;

/// The family's copy of the minutes, in plain words, for the family reader of the view `r` was
/// made from: every family member, or one.
pub fn family_minutes(r: Record) -> Document {
    family_minutes_issued(r, Issue::FIRST_DRAFT)
}

/// [`family_minutes`], saying which issue they are, as the minutes for professionals do.
pub fn family_minutes_issued(r: Record, issue: Issue) -> Document {
    let r = r.issued(&issue);
    let reader = match r.reader() {
        Reader::Family(id) => Some(id.as_str()),
        _ => None,
    };
    let mut sections = Vec::new();
    let mut work_done = false;
    let mut about_done = false;
    let review_done = ordered_steps(r)
        .iter()
        .any(|st| st.kind == StepKind::Escalation);
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
    // An agenda without the step still tells the family about the review conference, before
    // the notes' last words.
    if !review_done {
        let mut s = Section::new("The review conference");
        review_conference(r, &mut s);
        let at = sections
            .iter()
            .position(|s| s.heading == ABOUT)
            .unwrap_or(sections.len());
        sections.insert(at, s);
    }
    // Why the children have a plan, after what the meeting was about.
    if let Some(why) = super::minutes::why_section(r.plan, "Why the children have a plan") {
        sections.insert(sections.len().min(1), why);
    }
    let mut doc = Document {
        title: format!("Notes of the {}: the family's copy", r.agenda.terms.meeting),
        subtitle: {
            let mut lines = subtitle(r);
            lines.push(Inline::text(issue.plain_line()));
            lines
        },
        marking: super::document::FAMILY_MARKING.into(),
        sections,
        author: r.council().name,
        date: r.date(),
    };
    // After the rest, so it explains the words of everything above it.
    doc.sections.extend(super::glossary::section_for(&doc));
    // Then who to contact, and the reader's own page to sign and give back.
    doc.sections.extend(super::family_ending::sections(r));
    doc
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
        // A checklist is the chair's (its ticks are not in a family view); notes are added below.
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
    match d.minute_taker.as_deref() {
        Some(c) => fields.push(("Notes written by".into(), r.name_and_role(c).into())),
        None => {
            if let Some(name) = r.meeting.minute_taker_name(r.plan) {
                fields.push(("Notes written by".into(), name.into()));
            }
        }
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
    // Jobs changed since the last meeting, as this reader may read them (a reason kept from
    // them is not in their view of the plan).
    let changed = super::minutes::changed_since(r);
    if !changed.is_empty() {
        s.push(Block::Heading("Jobs changed since the last meeting".into()));
        s.push(Block::Table(Table {
            head: vec![
                "Job".into(),
                "When".into(),
                "What changed".into(),
                "Why".into(),
            ],
            rows: changed
                .into_iter()
                .map(|(a, h)| {
                    vec![
                        a.what.clone().into(),
                        long_date(h.date).into(),
                        crate::domain::action_history::describe(h, r.plan).into(),
                        h.note.clone().into(),
                    ]
                })
                .collect(),
        }));
    }
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
    let scored = r
        .plan
        .outcomes
        .iter()
        .filter(|o| {
            r.meeting
                .outcome_progress
                .iter()
                .any(|p| p.outcome == o.id && p.score.is_some())
        })
        .count();
    let scale = "from 0 (very worried) to 10 (the children are safe enough for the plan to end)";
    s.para(if scored == r.plan.outcomes.len() {
        format!("Everyone gave a score for each goal of the plan, {scale}.")
    } else {
        format!(
            "A score was given for {scored} of the {} goals of the plan, {scale}.",
            r.plan.outcomes.len()
        )
    });
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
            rows: changes::rows(r.source(), Words::Plain)
                .into_iter()
                .map(|row| {
                    let what = match row.change {
                        ChangeKind::ActionAdded => "New job",
                        ChangeKind::ActionChanged => "Job changed",
                        ChangeKind::ActionStatus => "Job updated",
                        ChangeKind::OutcomeAdded => "New goal",
                        ChangeKind::OutcomeChanged => "Goal reworded",
                        ChangeKind::MemberJoined => "Joined the group",
                        ChangeKind::ContingencyChanged => "What happens if the plan is not working",
                    };
                    vec![what.into(), row.item.into(), row.detail.into()]
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
        Route::ConferenceChair => "It goes to the chair of the child protection conference.",
        Route::ReviewConference => "The review conference will decide it.",
        Route::Complaints => {
            "It goes to the council's complaints procedure; the social worker can tell you how it works."
        }
    }
}

fn disagreements(r: Record, s: &mut Section) {
    let day = crate::domain::close::meeting_date(r.meeting).unwrap_or_default();
    let carried = carried_into(r.plan, &r.meeting.id, day);
    if !carried.is_empty() {
        s.push(Block::Heading("Disagreements from earlier meetings".into()));
        for d in &carried {
            let mut fields = vec![
                ("Who".to_string(), Inline::text(d.who.as_str())),
                ("About what".into(), d.about.as_str().into()),
                ("First written down".into(), long_date(d.raised).into()),
                (
                    "Sorted out?".into(),
                    match d.standing() {
                        Standing::Resolved => "Yes".into(),
                        Standing::Ended => "It has ended without being sorted out".into(),
                        _ => Inline::text(format!("Not yet. {}", route_words(d.route_now()))),
                    },
                ),
            ];
            if !d.reasons.trim().is_empty() {
                fields.insert(2, ("Why".into(), d.reasons.as_str().into()));
            }
            s.push(Block::Fields(fields));
            if !d.history.is_empty() {
                s.push(Block::Bullets(
                    d.history
                        .iter()
                        .map(|u| Inline::text(describe(r.plan, u)))
                        .collect(),
                ));
            }
        }
        if r.meeting.disagreements.is_empty() {
            s.para("Nobody raised a new disagreement at this meeting.");
            return;
        }
        s.push(Block::Heading("New disagreements".into()));
    }
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
    let rec = &r.meeting.recommendation;
    if !rec.is_empty() {
        s.para(Inline::strong(match rec.choice {
            Some(c) => format!(
                "The group's advice to the review conference: {}.",
                c.family_words()
            ),
            None => "The group has not yet said what it advises the review conference.".into(),
        }));
        s.paras(&rec.reasons);
    }
    review_conference(r, s);
}

/// What happens at the review conference, in plain words, and when it is: the day booked, else
/// the latest working day the rules allow, as `status` works it out (`case_dates::review_due`).
fn review_conference(r: Record, s: &mut Section) {
    s.push(Block::Heading(
        "What happens at the review conference".into(),
    ));
    s.para(format!(
        "The review conference is a meeting about the {}. Parents are usually invited. It looks \
         at what has changed since the last conference. It decides if the children still need \
         the plan.",
        r.agenda.terms.plan
    ));
    let due = r.review_due();
    match (due.booked, due.due.as_ref().map(|d| d.in_practice())) {
        (Some(booked), _) => s.para(
            Inline::text("The next review conference is on ")
                .then_strong(long_date(booked))
                .then("."),
        ),
        (None, Some(by)) => s.para(
            Inline::text("The next review conference will be held by ")
                .then_strong(long_date(by))
                .then(". You will be told the date."),
        ),
        (None, None) => s.para("You will be told when the next review conference is."),
    };
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
    let mut fields = vec![
        ("When".into(), Inline::strong(when)),
        ("Where".into(), venue.into()),
    ];
    if !n.later.is_empty() {
        fields.push((
            "The meetings after it".into(),
            n.later
                .iter()
                .map(|d| long_date(*d))
                .collect::<Vec<_>>()
                .join("; ")
                .into(),
        ));
    }
    s.push(Block::Fields(fields));
}

const ABOUT: &str = "About these notes";

fn about(r: Record, reader: Option<&str>) -> Section {
    let mut s = Section::new(ABOUT);
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
    // Said against the day these notes are sent, as the agreement's day is below.
    let reach = match (r.circulation_due(), r.issue_day()) {
        (Some(DueAsIssued::WasDue(by)), Some(sent)) => Some(
            Inline::text("These notes and the updated plan were due to reach you by ")
                .then_strong(long_date(by))
                .then("; they were sent on ")
                .then_strong(long_date(sent))
                .then("."),
        ),
        (Some(due), _) => Some(
            Inline::text("These notes and the updated plan should reach you by ")
                .then_strong(long_date(due.day()))
                .then("."),
        ),
        (None, _) => None,
    };
    if let Some(reach) = reach {
        s.para(reach);
    }
    // Asked of the one whose page ends this copy; the copy every family member may read says
    // where each one's page is.
    if r.agreement_return().is_some() {
        if super::family_ending::signer(r).is_some() {
            s.para(r.give_back(Inline::text(
                "Please sign the written agreement at the end of these notes and give it back",
            )));
        } else if reader.is_none() {
            s.para(r.give_back(Inline::text(
                "Each family member's written agreement is at the end of their own copy. Please \
                 sign yours and give it back",
            )));
        }
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
            let get = if family.len() == 1 {
                "gets"
            } else {
                "each get"
            };
            s.para(format!(
                "This copy holds what every family member may read. {} {get} a copy of their \
                 own, with their written agreement at the end. The workers in the core group \
                 get their own copy.",
                and_list(&family)
            ));
        }
        None => {}
    }
    s
}
