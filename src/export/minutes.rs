//! The minutes for professionals: every section of the record in the agenda's order, the work
//! before the next meeting, the distribution list with its deadlines, and a confidential
//! section kept apart at the end.

use super::changes::{self, Words};
use super::document::{Block, Document, Inline, Issue, Section, Signature, Table};
use super::record::Record;
use super::wording::{
    and_list, capitalise, count, duration, long_date, plain_date, review_conference, time,
};
use crate::agenda::snapshot::StepSnapshot;
use crate::domain::action_history;
use crate::domain::agenda::StepKind;
use crate::domain::case_dates::DueAsIssued;
use crate::domain::close::meeting_date;
use crate::domain::disagreements::{
    CarriedDisagreement, DisagreementUpdate, carried_into, describe, raised_words, standing_words,
};
use crate::domain::meeting::{
    Accuracy, Answer, ChildViews, Contribution, Disagreement, Meeting, Note, Presence,
};
use crate::domain::plan::{Action, ActionUpdate, Member, Plan};
use crate::domain::privacy::Privacy;
use crate::domain::reader::Reader;
use crate::domain::visits;

/// The minutes as written at the close: the first draft.
pub fn minutes(r: Record) -> Document {
    minutes_issued(r, Issue::FIRST_DRAFT)
}

/// The minutes, saying which issue they are.
pub fn minutes_issued(full: Record, issue: Issue) -> Document {
    let full = full.issued(&issue);
    // The main body shows where a confidential text was; the text is in the confidential section.
    let body = in_main_body(full.meeting, full.plan);
    let plan = with_not_for_marks(full.plan);
    let r = full.arranged(&body, &plan);
    let terms = &r.agenda.terms;
    let mut sections = Vec::new();
    let mut done_kinds = Vec::new();
    let mut work_done = false;
    let mut distribution_done = false;

    let steps = ordered_steps(r);
    let mut since = since_last_meeting(r);
    for step in &steps {
        // What happened between the meetings comes before the group reviews the plan.
        if since.is_some() && !matches!(step.kind, StepKind::Introductions | StepKind::Attendance) {
            sections.extend(since.take());
        }
        if step.kind == StepKind::NextMeeting && !work_done {
            sections.push(work(r));
            work_done = true;
        }
        if step.kind == StepKind::Close && !distribution_done {
            if !work_done {
                sections.push(work(r));
                work_done = true;
            }
            sections.push(distribution(r));
            distribution_done = true;
        }
        if done_kinds.contains(&step.kind)
            && !matches!(step.kind, StepKind::Notes | StepKind::Checklist)
        {
            continue;
        }
        done_kinds.push(step.kind);
        if let Some(mut s) = step_section(r, step) {
            notes_for(r, &step.key, &mut s);
            sections.push(s);
        }
    }
    sections.extend(since);
    // Why the children are on a plan comes after the meeting's details.
    if let Some(why) = why_section(r.plan, &format!("Why the children are on a {}", terms.plan)) {
        sections.insert(sections.len().min(1), why);
    }
    if !work_done {
        sections.push(work(r));
    }
    if !distribution_done {
        sections.push(distribution(r));
    }
    let stray = other_notes(r);
    if !stray.blocks.is_empty() {
        sections.push(stray);
    }
    sections.extend(time_spent(r, &steps));
    sections.push(agreement(r));
    let confidential = confidential(full);
    let council = r.council();
    let marking = if confidential.is_some() {
        format!(
            "{}. For the members of the core group. The confidential section at the end must \
             not be given to the family.",
            council.marking
        )
    } else {
        format!("{}. For the members of the core group.", council.marking)
    };
    sections.extend(confidential);

    let mut subtitle = subtitle(r);
    subtitle.push(Inline::text(issue.line()));
    if let Some(d) = sections.iter_mut().find(|s| s.heading == "Distribution")
        && !issue.history.is_empty()
    {
        d.push(Block::Heading("Versions".into()));
        d.push(Block::Bullets(
            issue
                .history
                .iter()
                .map(|l| Inline::text(l.as_str()))
                .collect(),
        ));
    }
    Document {
        title: format!("{}: minutes", capitalise(&terms.meeting)),
        subtitle,
        marking,
        sections,
        author: council.name,
        date: r.date(),
    }
}

/// What professionals read in place of a withheld address.
const HELD_BY_LEAD: &str = "withheld; the lead social worker holds it";

/// How the details name the family's address when it is withheld.
fn withheld_words(r: Record) -> &'static str {
    match r.reader() {
        Reader::CaseFile => "withheld from every circulated copy (see the confidential section)",
        _ => HELD_BY_LEAD,
    }
}

/// Put in the main body where a text was marked confidential.
const SEE_CONFIDENTIAL: &str = "Confidential: see the confidential section.";

/// "[Not for Gary Wells] ": put before a text not for some family members, so a professional
/// can tell before passing anything on.
fn not_for_mark(p: &Privacy, plan: &Plan) -> Option<String> {
    if p.not_for.is_empty() {
        return None;
    }
    let names: Vec<&str> = p.not_for.iter().map(|id| plan.member_name(id)).collect();
    Some(format!("[Not for {}] ", and_list(&names)))
}

fn mark_not_for(text: &mut String, p: &Privacy, plan: &Plan) {
    if let Some(mark) = not_for_mark(p, plan)
        && !text.trim().is_empty()
    {
        text.insert_str(0, &mark);
    }
}

/// The plan with each action, and each note of an action's history, that is not for some
/// family members marked so.
fn with_not_for_marks(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    for a in &mut p.actions {
        mark_not_for(&mut a.what, &a.privacy, plan);
        for h in &mut a.history {
            mark_not_for(&mut h.note, &h.privacy, plan);
        }
    }
    let why = &mut p.why;
    if why.privacy.confidential && !why.is_empty() {
        why.concerns = SEE_CONFIDENTIAL.into();
        why.danger_statement.clear();
        why.safety_goals.clear();
    }
    for text in [
        &mut why.concerns,
        &mut why.danger_statement,
        &mut why.safety_goals,
    ] {
        mark_not_for(text, &why.privacy, plan);
    }
    for d in &mut p.disagreements {
        mark_not_for(&mut d.about, &d.privacy, plan);
        for h in &mut d.history {
            mark_not_for(&mut h.note, &h.privacy, plan);
        }
    }
    p
}

/// The record with each confidential text of a section or a row in the main body replaced by
/// [`SEE_CONFIDENTIAL`] (confidential notes, updates, changes and disagreements are left for
/// the body to skip as before), and each text not for some family members marked so.
fn in_main_body(meeting: &Meeting, plan: &Plan) -> Meeting {
    let mut m = meeting.clone();
    {
        let d = &mut m.details;
        mark_not_for(&mut d.exclusions, &d.exclusions_privacy, plan);
        mark_not_for(&mut d.venue, &d.venue_privacy, plan);
        let n = &mut m.next_meeting;
        mark_not_for(&mut n.venue, &n.privacy, plan);
        mark_not_for(&mut n.reason_for_gap, &n.privacy, plan);
        let pr = &mut m.previous_record;
        mark_not_for(&mut pr.amendments, &pr.privacy, plan);
        let e = &mut m.escalation;
        mark_not_for(&mut e.reason, &e.privacy, plan);
        let rec = &mut m.recommendation;
        mark_not_for(&mut rec.reasons, &rec.privacy, plan);
        let f = &mut m.family_views;
        mark_not_for(&mut f.views, &f.privacy, plan);
        mark_not_for(&mut f.not_accepted, &f.privacy, plan);
    }
    for a in &mut m.attendance {
        mark_not_for(&mut a.written_update_summary, &a.privacy, plan);
    }
    for r in &mut m.action_reviews {
        mark_not_for(&mut r.note, &r.privacy, plan);
    }
    for p in &mut m.outcome_progress {
        mark_not_for(&mut p.note, &p.privacy, plan);
    }
    for v in std::iter::once(&mut m.child_views).chain(&mut m.children_views) {
        mark_not_for(&mut v.wishes_and_feelings, &v.privacy, plan);
    }
    for c in &mut m.contributions {
        mark_not_for(&mut c.text, &c.privacy, plan);
    }
    for c in &mut m.circumstances {
        mark_not_for(&mut c.detail, &c.privacy, plan);
    }
    for d in &mut m.disagreements {
        mark_not_for(&mut d.about, &d.privacy, plan);
    }
    for n in &mut m.notes {
        mark_not_for(&mut n.text, &n.privacy, plan);
    }
    for g in &mut m.guests {
        mark_not_for(&mut g.name, &g.privacy, plan);
    }
    let mark = |text: &mut String| {
        if !text.trim().is_empty() {
            *text = SEE_CONFIDENTIAL.into();
        }
    };
    for a in m.attendance.iter_mut().filter(|a| a.privacy.confidential) {
        mark(&mut a.written_update_summary);
    }
    for r in m
        .action_reviews
        .iter_mut()
        .filter(|r| r.privacy.confidential)
    {
        mark(&mut r.note);
    }
    for p in m
        .outcome_progress
        .iter_mut()
        .filter(|p| p.privacy.confidential)
    {
        mark(&mut p.note);
    }
    if m.details.exclusions_privacy.confidential {
        mark(&mut m.details.exclusions);
    }
    if m.previous_record.privacy.confidential {
        mark(&mut m.previous_record.amendments);
    }
    if m.escalation.privacy.confidential {
        mark(&mut m.escalation.reason);
    }
    for v in std::iter::once(&mut m.child_views)
        .chain(&mut m.children_views)
        .filter(|v| v.privacy.confidential)
    {
        mark(&mut v.wishes_and_feelings);
        v.how_gathered.clear();
    }
    for g in m.guests.iter_mut().filter(|g| g.privacy.confidential) {
        g.name = SEE_CONFIDENTIAL.into();
        g.role.clear();
        g.agency.clear();
        g.here_as.clear();
        g.for_whom = None;
    }
    if m.family_views.privacy.confidential {
        mark(&mut m.family_views.views);
        m.family_views.not_accepted.clear();
    }
    if m.recommendation.privacy.confidential {
        mark(&mut m.recommendation.reasons);
    }
    m
}

/// Each confidential text of a section or a row, with where it belongs in the minutes.
pub fn confidential_texts(r: Record) -> Vec<(String, String)> {
    let m = r.meeting;
    let mut out = Vec::new();
    let mut push = |place: String, texts: &[&str]| {
        let text: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| !t.trim().is_empty())
            .collect();
        if !text.is_empty() {
            out.push((place, text.join("\n\n")));
        }
    };
    if m.details.exclusions_privacy.confidential {
        push(
            "Family member excluded from the meeting".into(),
            &[&m.details.exclusions],
        );
    }
    for a in m.attendance.iter().filter(|a| a.privacy.confidential) {
        push(
            format!("Written update from {}", r.name(&a.member)),
            &[&a.written_update_summary],
        );
    }
    if m.previous_record.privacy.confidential {
        push(
            "Amendments to the last minutes".into(),
            &[&m.previous_record.amendments],
        );
    }
    for rev in m.action_reviews.iter().filter(|r| r.privacy.confidential) {
        push(format!("Review of action {}", rev.action), &[&rev.note]);
    }
    for (a, h) in changed_since(r)
        .into_iter()
        .filter(|(_, h)| h.privacy.confidential)
    {
        push(
            format!("Why action {} changed on {}", a.id, plain_date(h.date)),
            &[&h.note],
        );
    }
    for p in m.outcome_progress.iter().filter(|p| p.privacy.confidential) {
        push(
            format!("Why the score for outcome {}", p.outcome),
            &[&p.note],
        );
    }
    for g in m.guests.iter().filter(|g| g.privacy.confidential) {
        let role = m.guest_role(r.plan, g);
        let who: Vec<&str> = [g.name.as_str(), &role, &g.agency, &g.here_as]
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect();
        push("Also present".into(), &[&who.join(", ")]);
    }
    if m.child_views.privacy.confidential {
        let v = &m.child_views;
        push(
            "The child's views".into(),
            &[&v.wishes_and_feelings, &v.how_gathered],
        );
    }
    for v in m.children_views.iter().filter(|v| v.privacy.confidential) {
        let child = v.child.as_deref().unwrap_or_default();
        let name = r.plan.child(child).map_or(child, |c| c.name.as_str());
        push(
            format!("The views of {name}"),
            &[&v.wishes_and_feelings, &v.how_gathered],
        );
    }
    if m.family_views.privacy.confidential {
        let v = &m.family_views;
        push("The family's views".into(), &[&v.views, &v.not_accepted]);
    }
    if m.escalation.privacy.confidential {
        push(
            "Why the review conference should be brought forward".into(),
            &[&m.escalation.reason],
        );
    }
    if m.recommendation.privacy.confidential {
        push(
            "Why the core group makes its recommendation".into(),
            &[&m.recommendation.reasons],
        );
    }
    let why = &r.plan.why;
    if why.privacy.confidential {
        let texts: Vec<&str> = why.parts().into_iter().map(|(_, t)| t).collect();
        push("Why the children are on a plan".into(), &texts);
    }
    out
}

/// The case log's events since the last meeting, if there were any.
fn since_last_meeting(r: Record) -> Option<Section> {
    let events = &r.meeting.since_last_meeting;
    if events.is_empty() {
        return None;
    }
    let mut s = Section::new("Since the last meeting");
    s.push(Block::Table(Table {
        head: vec!["Date".into(), "What happened".into()],
        rows: events
            .iter()
            .map(|e| vec![Inline::text(plain_date(e.date)), Inline::text(&e.text)])
            .collect(),
    }));
    Some(s)
}

/// The agenda's steps, plus a step for anything the record holds that the agenda has no step
/// for (captured from elsewhere), with the close step last.
pub fn ordered_steps(r: Record) -> Vec<StepSnapshot> {
    let mut steps: Vec<StepSnapshot> = r.agenda.steps.clone();
    // Agenda order for the rest; notes and checklists exist only where an agenda asks for them.
    let extra = StepKind::ALL
        .into_iter()
        .filter(|k| !matches!(k, StepKind::Notes | StepKind::Checklist));
    for kind in extra {
        if !steps.iter().any(|s| s.kind == kind) && holds(r, kind) {
            steps.push(StepSnapshot {
                kind,
                key: kind.name().to_string(),
                title: default_title(kind).to_string(),
                minutes: 0,
                items: Vec::new(),
            });
        }
    }
    // A close step, wherever the agenda put it, ends the record.
    if let Some(i) = steps.iter().position(|s| s.kind == StepKind::Close) {
        let close = steps.remove(i);
        steps.push(close);
    }

    steps
}

pub fn subtitle(r: Record) -> Vec<Inline> {
    let mut lines = vec![Inline::text(format!(
        "{} for {}",
        r.agenda.terms.plan,
        r.child_names()
    ))];
    let case = &r.plan.case;
    lines.push(Inline::text(format!(
        "Case {}, {}",
        case.reference, case.local_authority
    )));
    if let Some(d) = r.date() {
        lines.push(Inline::text(format!("Meeting held on {}", long_date(d))));
    }
    lines
}

fn default_title(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Introductions => "Meeting details",
        StepKind::Attendance => "Attendance and apologies",
        StepKind::PreviousRecord => "Previous record",
        StepKind::AgencyProgress => "Progress of the plan",
        StepKind::ChildViews => "The child's views",
        StepKind::FamilyViews => "The family's views",
        StepKind::Circumstances => "Changes of circumstances",
        StepKind::PlanRevisions => "Revisions to the plan",
        StepKind::Disagreements => "Disagreements",
        StepKind::Escalation => "Escalation",
        StepKind::NextMeeting => "Next meeting",
        StepKind::Notes => "Notes",
        StepKind::Checklist => "Checklist",
        StepKind::Close => "Checked at close",
    }
}

/// Whether the record holds anything for a kind of step, so that nothing captured from another
/// step is lost when the agenda has no step of that kind.
fn holds(r: Record, kind: StepKind) -> bool {
    let m = r.meeting;
    match kind {
        StepKind::Introductions | StepKind::Attendance | StepKind::NextMeeting => true,
        StepKind::PreviousRecord => {
            m.previous_record.accuracy.is_some()
                || !m.action_reviews.is_empty()
                || !changed_since(r).is_empty()
        }
        StepKind::AgencyProgress => !m.contributions.is_empty() || !m.outcome_progress.is_empty(),
        StepKind::ChildViews => m.child_views != Default::default() || !m.children_views.is_empty(),
        StepKind::FamilyViews => m.family_views != Default::default(),
        StepKind::Circumstances => !m.circumstances.is_empty(),
        StepKind::PlanRevisions => !m.plan_changes.is_empty(),
        StepKind::Disagreements => !m.disagreements.is_empty() || !carried(r).is_empty(),
        StepKind::Escalation => m.escalation != Default::default() || !m.recommendation.is_empty(),
        StepKind::Close => !m.missing_at_close.is_empty(),
        StepKind::Notes | StepKind::Checklist => false,
    }
}

fn step_section(r: Record, step: &StepSnapshot) -> Option<Section> {
    let title = match step.kind {
        StepKind::Introductions => "Meeting details",
        StepKind::Close => "Checked at close",
        _ => step.title.as_str(),
    };
    let mut s = Section::new(title);
    match step.kind {
        StepKind::Introductions => details(r, &mut s),
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
        StepKind::Notes => {}
        StepKind::Checklist => checklist(r, step, &mut s),
        StepKind::Close => {
            if r.meeting.missing_at_close.is_empty() {
                s.para("The close checklist found nothing missing.");
            } else {
                s.para("The meeting was closed with these things missing:");
                s.push(Block::Bullets(
                    r.meeting
                        .missing_at_close
                        .iter()
                        .map(|m| Inline::text(m.as_str()))
                        .collect(),
                ));
            }
        }
    }
    // A notes step with no notes says nothing, so leave it out.
    let empty_notes = step.kind == StepKind::Notes
        && !r
            .meeting
            .notes
            .iter()
            .any(|n| n.step == step.key && !n.privacy.confidential);
    (!empty_notes).then_some(s)
}

fn notes_for(r: Record, key: &str, s: &mut Section) {
    let notes: Vec<_> = r
        .meeting
        .notes
        .iter()
        .filter(|n| n.step == key && !n.privacy.confidential)
        .collect();
    if notes.is_empty() {
        return;
    }
    s.push(Block::Heading("Notes".into()));
    for n in notes {
        note(n, s);
    }
}

/// A note, labelled by what it is about (never by the step it happened to be typed in).
pub fn note(n: &Note, s: &mut Section) {
    let mut lines = n.text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    s.para(if n.subject.trim().is_empty() {
        Inline::text(first)
    } else {
        Inline::strong(format!("{}:", n.subject.trim()))
            .then(" ")
            .then(first)
    });
    for line in lines {
        s.para(line);
    }
}

fn other_notes(r: Record) -> Section {
    let mut s = Section::new("Other notes");
    for n in &r.meeting.notes {
        if !n.privacy.confidential && !r.agenda.steps.iter().any(|st| st.key == n.step) {
            note(n, &mut s);
        }
    }
    s
}

fn details(r: Record, s: &mut Section) {
    let m = r.meeting;
    let d = &m.details;
    let not_recorded = || Inline::text("not recorded");
    let mut fields = vec![
        (
            "Date".to_string(),
            r.date()
                .map(|d| Inline::text(long_date(d)))
                .unwrap_or_else(not_recorded),
        ),
        (
            "Started".into(),
            d.time
                .map(|t| Inline::text(time(t)))
                .unwrap_or_else(not_recorded),
        ),
        ("Ended".into(), ended(r).unwrap_or_else(not_recorded)),
        (
            "Venue".into(),
            if d.venue.trim().is_empty() {
                not_recorded()
            } else {
                Inline::text(d.venue.as_str())
            },
        ),
        (
            "Chair".into(),
            d.chair
                .as_deref()
                .map(|c| Inline::text(r.name_and_role(c)))
                .unwrap_or_else(not_recorded),
        ),
        (
            "Minutes taken by".into(),
            d.minute_taker
                .as_deref()
                .map(|c| r.name_and_role(c))
                .or_else(|| r.meeting.minute_taker_name(r.plan).map(str::to_string))
                .map(Inline::text)
                .unwrap_or_else(not_recorded),
        ),
    ];
    if let Some(lead) = r.plan.case.lead_worker.as_deref() {
        fields.push((
            capitalise(&r.agenda.terms.lead_worker),
            Inline::text(r.name_and_role(lead)),
        ));
    }
    let case = &r.plan.case;
    if case.withhold_family_address {
        fields.push(("Family address".into(), Inline::text(withheld_words(r))));
    } else if let Some(a) = case.family_address.as_deref() {
        fields.push(("Family address".into(), Inline::text(a)));
    }
    fields.push(("Agenda".into(), Inline::text(r.agenda.title.as_str())));
    s.push(Block::Fields(fields));
    if !d.exclusions.trim().is_empty() {
        s.push(Block::Heading(
            "Family member excluded from the meeting".into(),
        ));
        s.paras(&d.exclusions);
    }
    s.push(Block::Heading("Children".into()));
    s.push(Block::Table(children_table(r)));
    s.push(Block::Fields(seen(r)));
}

/// When the meeting closed: the time, with the day too when it closed on another day.
fn ended(r: Record) -> Option<Inline> {
    let at = r.meeting.ended?;
    let text = if Some(at.date()) == r.date() {
        time(at.time())
    } else {
        format!("{} on {}", time(at.time()), long_date(at.date()))
    };
    Some(Inline::text(text))
}

/// When the children were last seen by the lead worker, and seen alone, by the day of the
/// meeting, from the visits the plan records: one pair of lines for them all, or one for each
/// child when their visits differ.
fn seen(r: Record) -> Vec<(String, Inline)> {
    let plan = &r.plan;
    let held = r.date();
    let rules = r.agenda.visit_rules();
    let when = |d: Option<chrono::NaiveDate>| {
        d.map(long_date)
            .unwrap_or_else(|| "no visit recorded".to_string())
    };
    // Each child's pair of lines; a child not expected to be seen alone says why rather than
    // "no visit recorded".
    let each: Vec<(&str, String, String)> = plan
        .children
        .iter()
        .map(|c| {
            let alone = visits::last_seen(plan, rules, c, true, held);
            let why = held.and_then(|h| visits::not_expected_alone(plan, rules, c, h));
            let alone = match (alone, why) {
                (None, Some(why)) => format!("not expected: {why}"),
                (d, _) => when(d),
            };
            (
                c.name.as_str(),
                when(visits::last_seen(plan, rules, c, false, held)),
                alone,
            )
        })
        .collect();
    let differ = each
        .iter()
        .any(|(_, seen, alone)| (seen, alone) != (&each[0].1, &each[0].2));
    if differ {
        return each
            .into_iter()
            .flat_map(|(name, seen, alone)| {
                [
                    (format!("{name} last seen"), Inline::text(seen)),
                    (format!("{name} last seen alone"), Inline::text(alone)),
                ]
            })
            .collect();
    }
    let (seen, alone) = match each.into_iter().next() {
        Some((_, seen, alone)) => (seen, alone),
        None => {
            let last = |alone: bool| {
                plan.key_dates
                    .visits
                    .iter()
                    .filter(|v| held.is_none_or(|h| v.date <= h))
                    .filter(|v| visits::counts(plan, rules, v.by.as_deref()))
                    .filter(|v| !alone || v.seen_alone)
                    .map(|v| v.date)
                    .max()
            };
            (when(last(false)), when(last(true)))
        }
    };
    let who = if plan.children.len() == 1 {
        "child"
    } else {
        "children"
    };
    vec![
        (format!("The {who} last seen"), Inline::text(seen)),
        (format!("The {who} last seen alone"), Inline::text(alone)),
    ]
}

/// The time each item of the agenda took, against its time box, from the meeting's clock; no
/// table at all when no item was timed (nothing recorded, or only moments of nothing), in any
/// format, as every format renders this document.
fn time_spent(r: Record, steps: &[StepSnapshot]) -> Option<Section> {
    let times = &r.meeting.step_times;
    if times.iter().all(|t| t.seconds == 0) {
        return None;
    }
    let spent = |key: &str| -> Option<u64> {
        times
            .iter()
            .filter(|t| t.step == key)
            .map(|t| t.seconds)
            .reduce(|a, b| a + b)
    };
    let spent_text = |key: &str| {
        spent(key)
            .map(duration)
            .unwrap_or_else(|| "not timed".into())
    };
    let mut rows: Vec<Vec<Inline>> = steps
        .iter()
        .filter(|st| spent(&st.key).is_some() || st.minutes > 0)
        .map(|st| {
            let planned = if st.minutes > 0 {
                format!("{} min", st.minutes)
            } else {
                "none".into()
            };
            vec![
                st.title.as_str().into(),
                planned.into(),
                spent_text(&st.key).into(),
            ]
        })
        .collect();
    // Time on a step the agenda no longer has is still time spent.
    let mut others: Vec<&str> = Vec::new();
    for t in times {
        if !steps.iter().any(|st| st.key == t.step) && !others.contains(&t.step.as_str()) {
            others.push(&t.step);
        }
    }
    for key in others {
        rows.push(vec![
            r.agenda.step_title(key).into(),
            "none".into(),
            spent_text(key).into(),
        ]);
    }
    let total: u64 = times.iter().map(|t| t.seconds).sum();
    let planned: u32 = steps.iter().map(|st| st.minutes).sum();
    rows.push(vec![
        Inline::strong("Total"),
        Inline::strong(format!("{planned} min")),
        Inline::strong(duration(total)),
    ]);
    let mut s = Section::new("Time spent on each item");
    s.push(Block::Table(Table {
        head: vec!["Item".into(), "Time box".into(), "Time spent".into()],
        rows,
    }));
    Some(s)
}

/// The written agreement: what each member agreed to do, with room to sign and date it or
/// confirm it electronically, on a page of its own so it can be signed and sent back.
fn agreement(r: Record) -> Section {
    let mut s = Section::new("Written agreement");
    s.new_page = true;
    let plan = &r.agenda.terms.plan;
    let intro = Inline::text(format!(
        "Each member of the core group agrees to carry out the {plan} and to do what is listed under their name by the date given. Sign and date this page, or confirm by email, and return it"
    ));
    let intro = r.give_back(intro);
    s.para(intro);
    // Who owes it: the members of the core group on the meeting's day (the one rule `status`
    // and the caseload count by); the lead social worker's box stays, marked, where the
    // procedure makes theirs optional.
    let owed: Vec<&Member> = match crate::domain::close::meeting_date(r.meeting) {
        Some(day) => crate::domain::case_log::agreement_due_from(
            r.plan,
            &Default::default(),
            day,
            r.agenda.lead_worker_signs_agreement,
        ),
        None => r.plan.current_members().collect(),
    };
    let lead = r.plan.case.lead_worker.as_deref();
    let signing = r.plan.members.iter().filter(|m| {
        owed.iter().any(|o| o.id == m.id)
            || (!r.agenda.lead_worker_signs_agreement && lead == Some(m.id.as_str()))
    });
    for m in signing {
        let optional = !owed.iter().any(|o| o.id == m.id);
        let mut agreed: Vec<Inline> = r
            .open_actions()
            .into_iter()
            .filter(|a| a.owner.as_deref() == Some(m.id.as_str()))
            .map(|a| {
                Inline::strong(format!("{}:", a.id))
                    .then(format!(" {} ", a.what.trim()))
                    .then_emphasis(format!("by {}", r.due_text(a)))
            })
            .collect();
        if agreed.is_empty() {
            agreed.push(Inline::text(format!(
                "No action of their own: agrees to support the {plan}."
            )));
        }
        if optional {
            agreed.push(Inline::text(format!(
                "Signing is optional for the {} under this procedure.",
                r.agenda.terms.lead_worker
            )));
        }
        s.push(Block::Signature(Signature {
            who: with_role_line(m),
            agreed,
            lines: vec![
                "Signed".into(),
                "Date".into(),
                "Or confirmed by email on".into(),
            ],
        }));
    }
    s
}

fn with_role_line(m: &Member) -> String {
    let role = role_text(m);
    if role.trim().is_empty() {
        m.name.clone()
    } else {
        format!("{} ({role})", m.name)
    }
}

pub fn children_table(r: Record) -> Table {
    Table {
        head: vec![
            "Name".into(),
            "Born".into(),
            "Category of abuse".into(),
            format!("{} since", capitalise(&r.agenda.terms.register)),
        ],
        rows: r
            .plan
            .children
            .iter()
            .map(|c| {
                let born = match (c.date_of_birth, c.expected_date_of_birth) {
                    (Some(d), _) => plain_date(d),
                    (None, Some(e)) => format!("expected {}", plain_date(e)),
                    (None, None) => "not recorded".into(),
                };
                let cats: Vec<&str> = c.categories.iter().map(|c| c.label()).collect();
                vec![
                    c.name.as_str().into(),
                    born.into(),
                    capitalise(&and_list(&cats)).into(),
                    plain_date(c.plan_started).into(),
                ]
            })
            .collect(),
    }
}

fn presence_text(p: Option<Presence>, substitute: &str) -> String {
    let base = p
        .map(|p| capitalise(p.label()))
        .unwrap_or_else(|| "Not recorded".into());
    if substitute.trim().is_empty() {
        base
    } else {
        format!("{base}; represented by {substitute}")
    }
}

fn attendance(r: Record, s: &mut Section) {
    let m = r.meeting;
    let mut rows = Vec::new();
    let mut no_update = Vec::new();
    for a in &m.attendance {
        let (name, role) = match r.plan.member(&a.member) {
            Some(mem) => (mem.name.clone(), role_text(mem)),
            None => (a.member.clone(), String::new()),
        };
        let update = if a.written_update {
            "Received"
        } else if a.presence == Some(Presence::Apologies) && !a.agency_attended() {
            no_update.push(name.clone());
            "None received"
        } else {
            ""
        };
        rows.push(vec![
            name.into(),
            role.into(),
            presence_text(a.presence, &a.substitute).into(),
            update.into(),
        ]);
    }
    s.push(Block::Table(Table {
        head: vec![
            "Name".into(),
            "Role".into(),
            "Attendance".into(),
            "Written update".into(),
        ],
        rows,
    }));
    if !no_update.is_empty() {
        s.push(Block::Notice(Inline::strong("No written update:").then(
            format!(" {} sent apologies without one.", and_list(&no_update)),
        )));
    }
    if !m.guests.is_empty() {
        s.push(Block::Heading("Also present".into()));
        s.push(Block::Table(Table {
            head: vec!["Name".into(), "Role".into(), "Agency".into()],
            rows: m
                .guests
                .iter()
                .map(|g| {
                    vec![
                        g.name.as_str().into(),
                        m.guest_role(r.plan, g).into(),
                        g.agency.as_str().into(),
                    ]
                })
                .collect(),
        }));
    }
    let updates: Vec<Inline> = m
        .attendance
        .iter()
        .filter(|a| a.written_update && !a.written_update_summary.trim().is_empty())
        .map(|a| {
            Inline::strong(r.name(&a.member))
                .then(": ")
                .then(a.written_update_summary.as_str())
        })
        .collect();
    if !updates.is_empty() {
        s.push(Block::Heading("Written updates received".into()));
        s.push(Block::Bullets(updates));
    }
}

pub fn role_text(m: &Member) -> String {
    match (m.role.trim().is_empty(), m.agency.trim().is_empty()) {
        (false, false) => format!("{}, {}", m.role, m.agency),
        (false, true) => m.role.clone(),
        (true, false) => m.agency.clone(),
        (true, true) => String::new(),
    }
}

fn previous(r: Record, s: &mut Section) {
    let p = &r.meeting.previous_record;
    let accuracy = match p.accuracy {
        Some(Accuracy::Confirmed) => "Confirmed as accurate",
        Some(Accuracy::Amended) => "Amended (see below)",
        None => "Not recorded",
    };
    s.push(Block::Fields(vec![(
        "Minutes of the last meeting".into(),
        accuracy.into(),
    )]));
    if !p.amendments.trim().is_empty() {
        s.push(Block::Heading("Amendments".into()));
        s.paras(&p.amendments);
    }
    changed_since_table(r, s);
    if r.meeting.action_reviews.is_empty() {
        s.para("No actions from the last meeting were reviewed.");
        return;
    }
    s.push(Block::Heading("Actions reviewed".into()));
    s.push(Block::Table(Table {
        head: vec![
            "Action".into(),
            "Who".into(),
            "Status now".into(),
            "Note".into(),
        ],
        rows: r
            .meeting
            .action_reviews
            .iter()
            .map(|rev| {
                let (what, who) = match r.plan.action(&rev.action) {
                    Some(a) => (format!("{}: {}", a.id, a.what), r.owner_text(a)),
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

/// Each change made to an action between the last meeting and this one (on the case screen,
/// by `coregroup log`, or by hand in plan.yaml), oldest first.
pub fn changed_since<'a>(r: Record<'a>) -> Vec<(&'a Action, &'a ActionUpdate)> {
    let Some(day) = crate::domain::close::meeting_date(r.meeting) else {
        return Vec::new();
    };
    let last = r
        .plan
        .key_dates
        .core_groups
        .iter()
        .map(|c| c.date)
        .filter(|d| *d < day)
        .max();
    let mut out: Vec<(&Action, &ActionUpdate)> = r
        .plan
        .actions
        .iter()
        .flat_map(|a| {
            action_history::since(a, last, day)
                .into_iter()
                .map(move |h| (a, h))
        })
        .collect();
    out.sort_by_key(|(_, h)| h.date);
    out
}

/// "Changed since the last meeting": who changed each action, when, what and why.
fn changed_since_table(r: Record, s: &mut Section) {
    let changed = changed_since(r);
    if changed.is_empty() {
        return;
    }
    s.push(Block::Heading(
        "Actions changed since the last meeting".into(),
    ));
    s.push(Block::Table(Table {
        head: vec![
            "Action".into(),
            "Date".into(),
            "Who".into(),
            "What changed".into(),
            "Why".into(),
        ],
        rows: changed
            .into_iter()
            .map(|(a, h)| {
                let why = if h.privacy.confidential && !h.note.trim().is_empty() {
                    SEE_CONFIDENTIAL.to_string()
                } else {
                    h.note.clone()
                };
                vec![
                    format!("{}: {}", a.id, a.what).into(),
                    plain_date(h.date).into(),
                    action_history::who(h, r.plan).into(),
                    action_history::describe(h, r.plan).into(),
                    why.into(),
                ]
            })
            .collect(),
    }));
}

pub const SCALE_TEXT: &str = "Scored from 0 (the worries are as bad as they could be) to 10 \
    (the child is safe enough for the plan to end).";

fn progress(r: Record, s: &mut Section) {
    s.push(Block::Heading("Progress against each outcome".into()));
    s.para(SCALE_TEXT);
    s.push(Block::Table(Table {
        head: vec![
            "Outcome".into(),
            "Child".into(),
            "Score".into(),
            "Why".into(),
        ],
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
                let child = r.plan.outcome_for(o);
                vec![
                    Inline::strong(o.id.as_str())
                        .then(" ")
                        .then(o.text.as_str()),
                    child.into(),
                    p.and_then(|p| p.score)
                        .map(|n| format!("{n} out of 10"))
                        .unwrap_or_else(|| "not scored".into())
                        .into(),
                    p.map(|p| p.note.as_str()).unwrap_or("").into(),
                ]
            })
            .collect(),
    }));
    s.push(Block::Heading("Updates from members".into()));
    let open: Vec<&Contribution> = r
        .meeting
        .contributions
        .iter()
        .filter(|c| !c.privacy.confidential)
        .collect();
    if open.is_empty() {
        s.para("No updates were recorded.");
    }
    // By member, in the order they first spoke, each point with its own tag and outcomes.
    let mut speakers: Vec<&str> = Vec::new();
    for c in &open {
        if !speakers.contains(&c.member.as_str()) {
            speakers.push(&c.member);
        }
    }
    for who in speakers {
        for c in open.iter().filter(|c| c.member == who) {
            contribution(r, c, s);
        }
    }
    by_outcome(r, &open, s);
}

/// What was said about each outcome, for the outcomes someone spoke to.
fn by_outcome(r: Record, open: &[&Contribution], s: &mut Section) {
    let mut first = true;
    for o in &r.plan.outcomes {
        let about: Vec<Inline> = open
            .iter()
            .filter(|c| c.outcomes.contains(&o.id))
            .map(|c| {
                let mut line = Inline::strong(r.speaker(&c.member));
                if let Some(tag) = c.tag {
                    line = line.then(", ").then_emphasis(tag.label());
                }
                line.then(": ").then(c.text.trim())
            })
            .collect();
        if about.is_empty() {
            continue;
        }
        if first {
            s.push(Block::Heading("Updates by outcome".into()));
            first = false;
        }
        s.para(Inline::strong(format!("{}: {}", o.id, o.text)));
        s.push(Block::Bullets(about));
    }
}

/// "**Name** (role), *fact*: what they said", then any further lines as paragraphs.
pub fn contribution(r: Record, c: &Contribution, s: &mut Section) {
    let mut lines = c.text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut head = Inline::strong(r.speaker(&c.member));
    if let Some(m) = r.plan.member(&c.member) {
        let role = role_text(m);
        if !role.is_empty() {
            head = head.then(format!(" ({role})"));
        }
    }
    if let Some(tag) = c.tag {
        head = head.then(", ").then_emphasis(tag.label());
    }
    if !c.outcomes.is_empty() {
        head = head.then(format!(" (on {})", c.outcomes.join(", ")));
    }
    head = head.then(": ").then(lines.next().unwrap_or(""));
    s.para(head);
    for line in lines {
        s.para(line);
    }
}

fn answer(a: Option<Answer>) -> Inline {
    a.map(|a| capitalise(a.label()))
        .unwrap_or_else(|| "Not recorded".into())
        .into()
}

fn or_not_recorded(s: &str) -> Inline {
    if s.trim().is_empty() {
        "Not recorded".into()
    } else {
        s.into()
    }
}

fn child_views(r: Record, s: &mut Section) {
    let m = r.meeting;
    let several = r.plan.children.len() > 1 && !m.children_views.is_empty();
    if !several {
        one_childs_views(
            &m.child_views,
            "The child's views were not recorded.",
            false,
            s,
        );
        return;
    }
    // Each child's own views, under their name.
    if m.child_views != ChildViews::default() {
        one_childs_views(&m.child_views, "", false, s);
    }
    let none = ChildViews::default();
    for c in &r.plan.children {
        s.push(Block::Heading(c.name.clone()));
        let missing = format!("{}'s views were not recorded.", c.name);
        one_childs_views(m.views_of(&c.id).unwrap_or(&none), &missing, true, s);
    }
}

fn one_childs_views(v: &ChildViews, missing: &str, named: bool, s: &mut Section) {
    if !v.is_recorded() && !missing.is_empty() {
        s.push(Block::Notice(Inline::text(missing)));
    }
    s.push(Block::Fields(vec![
        ("Feels safe".into(), answer(v.feels_safe)),
        (
            "Daily life has improved".into(),
            answer(v.daily_life_improved),
        ),
        (
            "How the views were gathered".into(),
            or_not_recorded(&v.how_gathered),
        ),
    ]));
    if v.is_recorded() {
        if named {
            s.para(Inline::strong("Wishes and feelings:"));
        } else {
            s.push(Block::Heading("Wishes and feelings".into()));
        }
        s.paras(&v.wishes_and_feelings);
    }
}

fn family_views(r: Record, s: &mut Section) {
    let v = &r.meeting.family_views;
    if v.views.trim().is_empty() {
        s.para("The family's views were not recorded.");
    } else {
        s.paras(&v.views);
    }
    if !v.not_accepted.trim().is_empty() {
        s.push(Block::Heading("Preferences not accepted, and why".into()));
        s.paras(&v.not_accepted);
    }
}

fn circumstances(r: Record, s: &mut Section) {
    let items: Vec<_> = r
        .meeting
        .circumstances
        .iter()
        .filter(|c| !c.privacy.confidential)
        .collect();
    if items.is_empty() {
        s.para("No changes of circumstances were reported.");
        return;
    }
    s.push(Block::Table(circumstance_table(&items, TELL_CHAIR)));
    let tell = items.iter().filter(|c| c.tell_conference_chair).count();
    if tell > 0 {
        s.push(Block::Notice(
            Inline::strong("The conference chair must be told")
                .then(format!(" of {}.", count(tell, "change", "changes"))),
        ));
    }
}

const TELL_CHAIR: &str = "Tell the conference chair";

/// The changes of circumstances; `chair_heading` words the last column for its readers.
pub fn circumstance_table(
    items: &[&crate::domain::meeting::Circumstance],
    chair_heading: &str,
) -> Table {
    Table {
        head: vec!["Change".into(), "Detail".into(), chair_heading.into()],
        rows: items
            .iter()
            .map(|c| {
                vec![
                    capitalise(c.kind.label()).into(),
                    c.detail.as_str().into(),
                    if c.tell_conference_chair { "Yes" } else { "No" }.into(),
                ]
            })
            .collect(),
    }
}

fn revisions(r: Record, s: &mut Section) {
    if r.meeting.plan_changes.is_empty() {
        s.para("No changes were made to the plan at this meeting.");
    } else {
        s.push(Block::Table(changes_table(r)));
    }
    s.push(Block::Heading("Contingency plan".into()));
    if r.plan.contingency_plan.trim().is_empty() {
        s.para("No contingency plan is recorded.");
    } else {
        s.paras(&r.plan.contingency_plan);
    }
}

pub fn changes_table(r: Record) -> Table {
    Table {
        head: vec!["Change".into(), "Item".into(), "Detail".into()],
        rows: changes::rows(r.source(), Words::Professional)
            .into_iter()
            .map(|row| {
                vec![
                    capitalise(row.change.label()).into(),
                    row.item.into(),
                    row.detail.into(),
                ]
            })
            .collect(),
    }
}

/// The disagreements this meeting carried in from earlier ones, as the reader may read them.
fn carried<'a>(r: Record<'a>) -> Vec<&'a CarriedDisagreement> {
    let day = meeting_date(r.meeting).unwrap_or_default();
    carried_into(r.plan, &r.meeting.id, day)
}

/// A carried disagreement: who, what, where it stands, and its history (the entries `show`
/// keeps).
fn carried_fields(
    r: Record,
    d: &CarriedDisagreement,
    show: impl Fn(&DisagreementUpdate) -> bool,
) -> Vec<Block> {
    let mut fields = vec![
        ("Who".into(), d.who.as_str().into()),
        ("About".into(), d.about.as_str().into()),
    ];
    if !d.reasons.trim().is_empty() {
        fields.push(("Reasons given".into(), d.reasons.as_str().into()));
    }
    fields.push(("Raised".into(), capitalise(&raised_words(d)).into()));
    fields.push((
        "Where it stands".into(),
        capitalise(&standing_words(d)).into(),
    ));
    let history: Vec<Inline> = d
        .history
        .iter()
        .filter(|u| show(u))
        .map(|u| Inline::text(describe(r.plan, u)))
        .collect();
    let mut out = vec![Block::Fields(fields)];
    if !history.is_empty() {
        out.push(Block::Bullets(history));
    }
    out
}

fn disagreements(r: Record, s: &mut Section) {
    let all = carried(r);
    // A confidential one is in the confidential section, but still open.
    let any_open = all.iter().any(|d| d.is_open());
    let carried: Vec<_> = all
        .into_iter()
        .filter(|d| !d.privacy.confidential)
        .collect();
    if !carried.is_empty() {
        s.push(Block::Heading("Disagreements carried forward".into()));
        for d in &carried {
            s.para(Inline::strong(format!("Disagreement {}", d.id)));
            for b in carried_fields(r, d, |u| !u.privacy.confidential) {
                s.push(b);
            }
        }
    }
    let items: Vec<_> = r
        .meeting
        .disagreements
        .iter()
        .filter(|d| !d.privacy.confidential)
        .collect();
    if items.is_empty() {
        s.para(if any_open {
            "No new disagreements were recorded."
        } else if carried.is_empty() {
            "No disagreements were recorded."
        } else {
            "No new disagreements were recorded; none is open."
        });
    } else if !carried.is_empty() {
        s.push(Block::Heading(
            "Disagreements raised at this meeting".into(),
        ));
    }
    for (i, d) in items.iter().enumerate() {
        s.push(Block::Heading(format!("Disagreement {}", i + 1)));
        s.push(disagreement_fields(d));
    }
}

pub fn disagreement_fields(d: &Disagreement) -> Block {
    Block::Fields(vec![
        ("Who".into(), d.who.as_str().into()),
        ("About".into(), d.about.as_str().into()),
        ("Reasons given".into(), or_not_recorded(&d.reasons)),
        (
            "How it will be resolved".into(),
            capitalise(d.route.label()).into(),
        ),
        (
            "Resolved".into(),
            if d.resolved { "Yes" } else { "Not yet" }.into(),
        ),
    ])
}

fn escalation(r: Record, s: &mut Section) {
    let e = &r.meeting.escalation;
    let mut fields = vec![(
        "Bring the review conference forward".into(),
        if e.bring_review_forward {
            Inline::strong("Recommended")
        } else {
            "Not recommended".into()
        },
    )];
    if !e.reason.trim().is_empty() {
        fields.push(("Why".into(), e.reason.as_str().into()));
    }
    fields.push((
        "Next review conference".into(),
        review_conference(&r.review_due()).into(),
    ));
    if !e.decisions.is_empty() {
        let labels: Vec<&str> = e
            .decisions
            .iter()
            .map(|k| r.agenda.decision_label(k))
            .collect();
        fields.push(("Other decisions".into(), and_list(&labels).into()));
    }
    s.push(Block::Fields(fields));
    recommendation(r, s);
}

/// The core group's recommendation to the review conference, when the meeting made one.
fn recommendation(r: Record, s: &mut Section) {
    let rec = &r.meeting.recommendation;
    if rec.is_empty() {
        return;
    }
    s.push(Block::Heading(
        "Recommendation to the review conference".into(),
    ));
    let mut fields = vec![(
        "The core group recommends".into(),
        match rec.choice {
            Some(c) => Inline::strong(capitalise(c.label())),
            None => "not recorded".into(),
        },
    )];
    if !rec.reasons.trim().is_empty() {
        fields.push(("Why".into(), rec.reasons.as_str().into()));
    }
    s.push(Block::Fields(fields));
}

/// Why the children are on a plan, as the conference set it out; `None` when it is not recorded.
pub fn why_section(plan: &Plan, heading: &str) -> Option<Section> {
    let parts = plan.why.parts();
    if parts.is_empty() {
        return None;
    }
    let mut s = Section::new(heading);
    for (title, text) in parts {
        s.push(Block::Heading(title.into()));
        s.paras(text);
    }
    Some(s)
}

/// The work before the next meeting: every open action, soonest first.
fn work(r: Record) -> Section {
    let mut s = Section::new("Work before the next meeting");
    s.push(Block::Table(work_table(r)));
    s
}

pub fn work_table(r: Record) -> Table {
    Table {
        head: vec![
            "Who".into(),
            "What".into(),
            "By when".into(),
            "Outcome".into(),
            "Status".into(),
        ],
        rows: r
            .open_actions()
            .into_iter()
            .map(|a| {
                vec![
                    r.owner_text(a).into(),
                    a.what.as_str().into(),
                    r.due_text(a).into(),
                    r.outcome_ref(&a.outcome).into(),
                    capitalise(a.status.label()).into(),
                ]
            })
            .collect(),
    }
}

fn next_meeting(r: Record, s: &mut Section) {
    let n = &r.meeting.next_meeting;
    let deadlines = r.deadlines();
    let Some(date) = n.date else {
        s.push(Block::Notice(Inline::text(
            "No date was set for the next meeting.",
        )));
        if let Some(d) = &deadlines {
            s.para(format!(
                "It must be held by {} ({} after this meeting).",
                long_date(d.next_meeting_by.in_practice()),
                r.agenda.meeting_interval
            ));
        }
        return;
    };
    let mut fields = vec![
        ("Date".to_string(), Inline::strong(long_date(date))),
        (
            "Time".into(),
            n.time
                .map(|t| Inline::text(time(t)))
                .unwrap_or_else(|| "to be confirmed".into()),
        ),
        (
            "Venue".into(),
            if n.venue.trim().is_empty() {
                "to be confirmed".into()
            } else {
                n.venue.as_str().into()
            },
        ),
    ];
    if !n.later.is_empty() {
        fields.push((
            "Later meetings agreed".into(),
            n.later
                .iter()
                .map(|d| long_date(*d))
                .collect::<Vec<_>>()
                .join("; ")
                .into(),
        ));
    }
    fields.push((
        "Next review conference".into(),
        Inline::text(review_conference(&r.review_due())),
    ));
    if let Some(d) = &deadlines {
        fields.push((
            "Latest date the procedure allows".into(),
            format!(
                "{} ({} after this meeting)",
                long_date(d.next_meeting_by.in_practice()),
                r.agenda.meeting_interval
            )
            .into(),
        ));
    }
    if !n.reason_for_gap.trim().is_empty() {
        fields.push((
            "Reason for the longer gap".into(),
            n.reason_for_gap.as_str().into(),
        ));
    }
    if !n.countersigned_by.trim().is_empty() {
        fields.push((
            "Countersigned by".into(),
            n.countersigned_by.as_str().into(),
        ));
    }
    s.push(Block::Fields(fields));
    if let Some(d) = &deadlines
        && date > d.next_meeting_by.in_practice()
        && n.reason_for_gap.trim().is_empty()
    {
        s.push(Block::Notice(Inline::text(
            "The next meeting is later than the procedure allows and no reason was recorded.",
        )));
    }
}

fn distribution(r: Record) -> Section {
    let mut s = Section::new("Distribution");
    let plan = &r.agenda.terms.plan;
    match r.deadlines() {
        Some(d) => {
            let within = format!(
                " ({} after the meeting)",
                r.agenda.minutes_circulated_within
            );
            // Said against the day this issue goes out, as the agreements' day is below.
            s.para(match (r.circulation_due(), r.issue_day()) {
                (Some(DueAsIssued::WasDue(by)), Some(issued)) => Inline::text(format!(
                    "These minutes and the updated {plan} were due to be circulated by "
                ))
                .then_strong(long_date(by))
                .then(format!("{within}; this issue went out on "))
                .then_strong(long_date(issued))
                .then("."),
                _ => Inline::text(format!(
                    "These minutes and the updated {plan} are to be circulated by "
                ))
                .then_strong(long_date(d.circulate_by.in_practice()))
                .then(format!("{within}.")),
            });
            let (returned, back) = match r.agreement_return() {
                Some(DueAsIssued::WasDue(day)) => ("were due back by ", day),
                _ => ("are to be returned by ", d.agreements_by.in_practice()),
            };
            s.para(
                Inline::text(format!("Signed written agreements {returned}"))
                    .then_strong(long_date(back))
                    .then(format!(
                        " ({} after circulation).",
                        r.agenda.agreement_returned_within
                    )),
            );
        }
        None => {
            s.para("The meeting has no date, so the circulation deadline cannot be worked out.");
        }
    }
    // Each family member has a copy and a plan of their own, ending with their own page to sign.
    s.push(Block::Table(Table {
        head: vec!["Name".into(), "Role".into(), "Copy".into(), "Sent".into()],
        rows: r
            .plan
            .members
            .iter()
            .map(|m| {
                let mut copy = if m.family {
                    format!(
                        "Their own family copy and plan ({}, {})",
                        super::file_names::own_copy_name(&m.id, "md"),
                        super::file_names::own_plan_name(&m.id, "md")
                    )
                } else {
                    "Full minutes".to_string()
                };
                if let Some(lang) = m.language.as_deref()
                    && !lang.trim().is_empty()
                    && !lang.trim().eq_ignore_ascii_case("english")
                {
                    copy = format!("{copy}, in {lang}");
                }
                let sent = match m.email.as_deref() {
                    Some(e) if !e.trim().is_empty() => format!("By email to {e}"),
                    _ if m.family => "By hand or post".to_string(),
                    _ => "By post".to_string(),
                };
                vec![
                    m.name.as_str().into(),
                    role_text(m).into(),
                    copy.into(),
                    sent.into(),
                ]
            })
            .collect(),
    }));
    s
}

fn checklist(r: Record, step: &StepSnapshot, s: &mut Section) {
    s.push(Block::Table(Table {
        head: vec!["Item".into(), "Done".into()],
        rows: step
            .items
            .iter()
            .map(|item| {
                let done = r
                    .meeting
                    .checklist
                    .iter()
                    .any(|t| &t.item == item && t.done);
                vec![item.as_str().into(), if done { "Yes" } else { "No" }.into()]
            })
            .collect(),
    }));
}

/// Everything marked confidential and every withheld address, in one section at the end.
fn confidential(r: Record) -> Option<Section> {
    let m = r.meeting;
    let mut s = Section::new("CONFIDENTIAL: not to be shared with the family");
    s.confidential = true;
    s.push(Block::Notice(Inline::strong("Confidential.").then(
        " Remove this section before these minutes are given to a parent, carer or \
                   child. It is never part of the family's copy.",
    )));
    let before = s.blocks.len();

    let notes: Vec<_> = m.notes.iter().filter(|n| n.privacy.confidential).collect();
    if !notes.is_empty() {
        s.push(Block::Heading("Confidential notes".into()));
        for n in notes {
            note(n, &mut s);
        }
    }
    let contributions: Vec<_> = m
        .contributions
        .iter()
        .filter(|c| c.privacy.confidential)
        .collect();
    if !contributions.is_empty() {
        s.push(Block::Heading("Confidential updates from members".into()));
        for c in contributions {
            contribution(r, c, &mut s);
        }
    }
    let circumstances: Vec<_> = m
        .circumstances
        .iter()
        .filter(|c| c.privacy.confidential)
        .collect();
    if !circumstances.is_empty() {
        s.push(Block::Heading(
            "Confidential changes of circumstances".into(),
        ));
        s.push(Block::Table(circumstance_table(&circumstances, TELL_CHAIR)));
    }
    if !m.family_check_at_close.is_empty() {
        s.push(Block::Heading(
            "Passages flagged for the family's copy when the meeting closed".into(),
        ));
        s.push(Block::Bullets(
            m.family_check_at_close
                .iter()
                .map(|f| Inline::text(f.as_str()))
                .collect(),
        ));
    }
    let texts = confidential_texts(r);
    if !texts.is_empty() {
        s.push(Block::Heading(
            "Other confidential items, by where they belong".into(),
        ));
        for (place, text) in texts {
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            s.para(
                Inline::strong(format!("{place}:"))
                    .then(" ")
                    .then(lines.next().unwrap_or("")),
            );
            for line in lines {
                s.para(line);
            }
        }
    }
    let disagreements: Vec<_> = m
        .disagreements
        .iter()
        .filter(|d| d.privacy.confidential)
        .collect();
    for (i, d) in disagreements.iter().enumerate() {
        s.push(Block::Heading(format!(
            "Confidential disagreement {}",
            i + 1
        )));
        s.push(disagreement_fields(d));
    }
    // Carried disagreements: a confidential one whole, and the confidential words on the rest.
    for d in carried(r) {
        let whole = d.privacy.confidential;
        if !whole && !d.history.iter().any(|u| u.privacy.confidential) {
            continue;
        }
        s.push(Block::Heading(format!(
            "Confidential: disagreement {} carried forward",
            d.id
        )));
        for b in carried_fields(r, d, |u| whole || u.privacy.confidential) {
            s.push(b);
        }
    }
    // Only the case file's view holds the addresses themselves.
    let mut addresses = Vec::new();
    let case = &r.plan.case;
    let held = || Inline::text(HELD_BY_LEAD);
    if case.withhold_family_address {
        let a = case
            .family_address
            .as_deref()
            .map_or_else(held, Inline::text);
        addresses.push(("Family address".to_string(), a));
    }
    for mem in r.plan.members.iter().filter(|m| m.withhold_address) {
        let a = mem.address.as_deref().map_or_else(held, Inline::text);
        addresses.push((mem.name.clone(), a));
    }
    if !addresses.is_empty() {
        s.push(Block::Heading(
            "Addresses withheld from circulated copies".into(),
        ));
        s.push(Block::Fields(addresses));
    }
    (s.blocks.len() > before).then_some(s)
}
