//! The plan as a meeting left it, answering "who is doing what, by when" for each outcome and for
//! each person, in words parents can read as easily as professionals.
//!
//! It carries no address, email or confidential item: names, roles, outcomes, actions and dates
//! only. It is made from a reader's view like every document: the plan every family member may
//! read goes to the professionals, and each family member is sent their own, made from their own
//! view and ending with their own agreement page. Actions finished at earlier meetings are
//! counted, not listed: their minutes hold them.

use std::collections::{HashMap, HashSet};

use super::document::{Block, Document, Inline, Section, Table};
use super::minutes::{children_table, role_text};
use super::record::Record;
use super::wording::{capitalise, long_date, short_date, time};
use crate::domain::plan::{Action, ActionStatus, Origin};
use crate::domain::reader::Reader;

pub fn plan_document(r: Record) -> Document {
    let terms = &r.agenda.terms;
    let mut subtitle = vec![Inline::text(format!("For {}", r.child_names()))];
    let case = &r.plan.case;
    subtitle.push(Inline::text(format!(
        "Case {}, {}",
        case.reference, case.local_authority
    )));
    if let Some(d) = r.date() {
        subtitle.push(Inline::text(format!(
            "As agreed at the {} on {}",
            terms.meeting,
            long_date(d)
        )));
    }
    // A family member's own plan says whose it is, as their copy of the notes does.
    if let Reader::Family(id) = r.reader() {
        subtitle.push(Inline::text(format!("This copy is for {}", r.name(id))));
    }
    let mut sections = vec![children(r)];
    // One copy serves everyone: the reasons go in only when every reader may read them.
    if r.plan.why.privacy == Default::default()
        && let Some(why) = super::minutes::why_section(
            r.plan,
            &format!("Why the children are on a {}", terms.plan),
        )
    {
        sections.push(why);
    }
    sections.push(key_dates(r));
    sections.push(by_outcome(r));
    sections.push(by_person(r));
    let mut contingency = Section::new("If the plan is not working");
    if r.plan.contingency_plan.trim().is_empty() {
        contingency.para("No contingency plan is recorded.");
    } else {
        contingency.paras(&r.plan.contingency_plan);
    }
    sections.push(contingency);
    // Who to contact, and the page its family reader signs: a family member's own plan ends
    // with theirs, the plan everyone shares with none.
    sections.extend(super::family_ending::sections(r));
    Document {
        title: format!("{}: who is doing what, by when", terms.plan),
        subtitle,
        // A family member's own is marked, and printed, as their copy of the notes is.
        marking: match r.reader() {
            Reader::Family(_) => super::document::FAMILY_MARKING.into(),
            _ => format!(
                "{}. For the family and the members of the core group.",
                r.council().marking
            ),
        },
        sections,
        author: r.council().name,
        date: r.date(),
    }
}

fn children(r: Record) -> Section {
    let mut s = Section::new("The children");
    s.push(Block::Table(children_table(r)));
    if let Some(every) = r.plan.child_seen_every {
        s.para(format!(
            "The {} sees the children at least every {every}.",
            r.agenda.terms.lead_worker
        ));
    }
    s
}

fn key_dates(r: Record) -> Section {
    let mut s = Section::new("Key dates");
    let k = &r.plan.key_dates;
    let mut fields = Vec::new();
    if let Some(lead) = r.plan.case.lead_worker.as_deref() {
        fields.push((
            capitalise(&r.agenda.terms.lead_worker),
            Inline::text(r.name_and_role(lead)),
        ));
    }
    if let Some(d) = k.initial_conference {
        fields.push(("Initial conference".into(), long_date(d).into()));
    }
    if !k.review_conferences.is_empty() {
        let list: Vec<String> = k
            .review_conferences
            .iter()
            .map(|d| short_date(*d))
            .collect();
        fields.push(("Review conferences held".into(), list.join("; ").into()));
    }
    if let Some(d) = k.next_review_conference {
        fields.push(("Next review conference".into(), long_date(d).into()));
    }
    if !k.core_groups.is_empty() {
        let list: Vec<String> = k.core_groups.iter().map(|c| short_date(c.date)).collect();
        fields.push(("Core group meetings held".into(), list.join("; ").into()));
    }
    let n = &r.meeting.next_meeting;
    if let Some(d) = n.date {
        let mut when = long_date(d);
        if let Some(t) = n.time {
            when = format!("{when}, {}", time(t));
        }
        fields.push(("Next core group meeting".into(), Inline::strong(when)));
    }
    s.push(Block::Fields(fields));
    s
}

/// Open actions soonest first, then the finished ones, in plan order.
fn ordered(mut actions: Vec<&Action>) -> Vec<&Action> {
    actions.sort_by_key(|a| (!a.status.is_open(), a.due.is_none(), a.due));
    actions
}

/// Whether the plan lists `a` in full: open, or settled at this meeting. Actions finished at
/// earlier meetings are in those meetings' minutes; a long case has thousands, and listing them all
/// would bury the work still to do.
fn listed(r: Record, reviewed: &HashSet<&str>, a: &Action) -> bool {
    a.status.is_open()
        || reviewed.contains(a.id.as_str())
        || r.date()
            .is_some_and(|d| a.history.last().is_some_and(|h| h.date >= d))
}

/// "3 actions were finished before this meeting (2 achieved, 1 not achieved)...".
fn finished_before(actions: &[&Action]) -> String {
    let mut counts = Vec::new();
    for status in ActionStatus::ALL {
        let n = actions.iter().filter(|a| a.status == status).count();
        if n > 0 {
            counts.push(format!("{n} {}", status.label()));
        }
    }
    let counts = counts.join(", ");
    match actions.len() {
        1 => format!(
            "One action was finished before this meeting ({counts}): the minutes of the meeting \
             that reviewed it have the details."
        ),
        n => format!(
            "{n} actions were finished before this meeting ({counts}): the minutes of the \
             meetings that reviewed them have the details."
        ),
    }
}

fn by_outcome(r: Record) -> Section {
    let mut s = Section::new(format!(
        "{} and the work towards them",
        capitalise(&r.agenda.terms.outcomes)
    ));
    let reviewed: HashSet<&str> = r
        .meeting
        .action_reviews
        .iter()
        .map(|a| a.action.as_str())
        .collect();
    // Grouped once: looking up each outcome's actions by scanning made this quadratic.
    let mut per_outcome: HashMap<&str, Vec<&Action>> = HashMap::new();
    for a in &r.plan.actions {
        per_outcome.entry(a.outcome.as_str()).or_default().push(a);
    }
    for o in &r.plan.outcomes {
        s.push(Block::Heading(r.outcome_numbered(&o.id)));
        s.para(Inline::strong(o.text.as_str()));
        let origin = match (o.origin, o.added) {
            (Origin::Conference, _) => "Set by the child protection conference.".to_string(),
            (Origin::CoreGroup, Some(d)) => format!("Added by the core group on {}.", long_date(d)),
            (Origin::CoreGroup, None) => "Added by the core group.".to_string(),
        };
        s.para(origin);
        let all = per_outcome.remove(o.id.as_str()).unwrap_or_default();
        if all.is_empty() {
            s.para("No actions yet.");
            continue;
        }
        let (shown, earlier): (Vec<&Action>, Vec<&Action>) =
            all.into_iter().partition(|a| listed(r, &reviewed, a));
        if !shown.is_empty() {
            s.push(Block::Table(Table {
                head: vec![
                    "Who".into(),
                    "What".into(),
                    "By when".into(),
                    "Status".into(),
                ],
                rows: ordered(shown)
                    .into_iter()
                    .map(|a| {
                        vec![
                            r.owner_text(a).into(),
                            a.what.as_str().into(),
                            r.due_text(a).into(),
                            capitalise(a.status.label()).into(),
                        ]
                    })
                    .collect(),
            }));
        }
        if !earlier.is_empty() {
            s.para(finished_before(&earlier));
        }
    }
    s
}

fn by_person(r: Record) -> Section {
    let mut s = Section::new("What each person is doing");
    let mut any = false;
    let mut people: Vec<Option<&str>> =
        r.plan.members.iter().map(|m| Some(m.id.as_str())).collect();
    // Owners who are not members (a guest, an id typed by hand), then actions with no owner.
    for a in &r.plan.actions {
        if let Some(o) = a.owner.as_deref()
            && r.plan.member(o).is_none()
            && !people.contains(&Some(o))
        {
            people.push(Some(o));
        }
    }
    people.push(None);
    for person in people {
        let actions: Vec<&Action> = r
            .plan
            .actions
            .iter()
            .filter(|a| a.status.is_open() && a.owner.as_deref() == person)
            .collect();
        if actions.is_empty() {
            continue;
        }
        any = true;
        let heading = match person {
            Some(id) => match r.plan.member(id) {
                Some(m) if !role_text(m).is_empty() => format!("{} ({})", m.name, role_text(m)),
                Some(m) => m.name.clone(),
                None => r.name(id),
            },
            None => "Not yet given to anyone".into(),
        };
        s.push(Block::Heading(heading));
        s.push(Block::Table(Table {
            head: vec!["What".into(), "By when".into(), "Outcome".into()],
            rows: ordered(actions)
                .into_iter()
                .map(|a| {
                    vec![
                        a.what.as_str().into(),
                        r.due_text(a).into(),
                        r.outcome_numbered(&a.outcome).into(),
                    ]
                })
                .collect(),
        }));
    }
    if !any {
        s.para("No actions are open.");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::AgendaSnapshot;
    use crate::domain::calendar::{Calendar, Division};
    use crate::domain::example;
    use crate::domain::meeting::ActionReview;
    use crate::domain::plan::ActionUpdate;
    use crate::export::markdown;
    use chrono::NaiveDate;

    #[test]
    fn actions_finished_at_earlier_meetings_are_counted_not_listed() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut plan = example::plan(today);
        let mut meeting = example::past_meeting(today);
        meeting.details.date = Some(today);
        let outcome = plan.actions[0].outcome.clone();
        let mut finished = |i: usize, what: &str, on: NaiveDate| {
            let a = &mut plan.actions[i];
            a.outcome = outcome.clone();
            a.what = what.into();
            a.status = ActionStatus::Achieved;
            a.history.push(ActionUpdate {
                privacy: Default::default(),
                date: on,
                status: ActionStatus::Achieved,
                by: None,
                changed: Vec::new(),
                made: Default::default(),
                note: String::new(),
            });
        };
        let long_ago = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        finished(1, "Finished in the summer.", long_ago);
        finished(2, "Also finished in the summer.", long_ago);
        finished(3, "Finished at this meeting.", today);
        finished(4, "Reviewed at this meeting.", long_ago);
        meeting.action_reviews = vec![ActionReview {
            privacy: Default::default(),
            action: plan.actions[4].id.clone(),
            status: ActionStatus::Achieved,
            note: String::new(),
        }];
        let agenda: crate::domain::agenda::Agenda = crate::agenda::shipped("core-group").unwrap();
        let snapshot = AgendaSnapshot::of(&agenda);
        let calendar = Calendar::new(Division::EnglandAndWales);
        let v = crate::domain::reader::view(
            &meeting,
            &plan,
            &plan,
            crate::domain::reader::Reader::EveryFamilyMember,
        )
        .unwrap();
        let record = Record::of(&v, &snapshot, &calendar);
        let text = markdown::render(&plan_document(record));
        assert!(!text.contains("Finished in the summer."), "{text}");
        assert!(!text.contains("Also finished in the summer."));
        assert!(text.contains("Finished at this meeting."));
        assert!(text.contains("Reviewed at this meeting."));
        assert!(text.contains(&plan.actions[0].what));
        assert!(
            text.contains("2 actions were finished before this meeting (2 achieved)"),
            "{text}"
        );
    }

    #[test]
    fn the_plan_names_outcomes_by_their_place_never_by_their_code() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let plan = example::plan(today);
        let meeting = example::past_meeting(today);
        let agenda: crate::domain::agenda::Agenda = crate::agenda::shipped("core-group").unwrap();
        let snapshot = AgendaSnapshot::of(&agenda);
        let calendar = Calendar::new(Division::EnglandAndWales);
        let v = crate::domain::reader::view(
            &meeting,
            &plan,
            &plan,
            crate::domain::reader::Reader::EveryFamilyMember,
        )
        .unwrap();
        let text = markdown::render(&plan_document(Record::of(&v, &snapshot, &calendar)));
        for o in &plan.outcomes {
            let code = format!("{} (", o.id);
            assert!(!text.contains(&code), "{code} in {text}");
        }
        assert!(text.contains("### Outcome 1 (Kayla Brennan)"), "{text}");
        assert!(text.contains("| Outcome 4 (Alfie Walsh) |"), "{text}");
    }
}
