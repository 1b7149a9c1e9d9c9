//! The plan as a meeting left it, answering "who is doing what, by when" for each outcome and for
//! each person, in words parents can read as easily as professionals.
//!
//! It carries no address, email or confidential item, so one copy serves everyone and no family
//! version is needed: names, roles, outcomes, actions and dates only.

use super::document::{Block, Document, Inline, Section, Table};
use super::minutes::{children_table, role_text};
use super::record::Record;
use super::wording::{capitalise, long_date, short_date, time};
use crate::domain::plan::{Action, Origin};

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
    let mut sections = vec![children(r), key_dates(r)];
    sections.push(by_outcome(r));
    sections.push(by_person(r));
    let mut contingency = Section::new("If the plan is not working");
    if r.plan.contingency_plan.trim().is_empty() {
        contingency.para("No contingency plan is recorded.");
    } else {
        contingency.paras(&r.plan.contingency_plan);
    }
    sections.push(contingency);
    Document {
        title: format!("{}: who is doing what, by when", terms.plan),
        subtitle,
        marking: "OFFICIAL-SENSITIVE. For the family and the members of the core group.".into(),
        sections,
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

fn by_outcome(r: Record) -> Section {
    let mut s = Section::new(format!(
        "{} and the work towards them",
        capitalise(&r.agenda.terms.outcomes)
    ));
    for o in &r.plan.outcomes {
        let child = r
            .plan
            .child(&o.child)
            .map(|c| c.name.as_str())
            .unwrap_or(o.child.as_str());
        s.push(Block::Heading(format!("{} ({child})", o.id)));
        s.para(Inline::strong(o.text.as_str()));
        let origin = match (o.origin, o.added) {
            (Origin::Conference, _) => "Set by the child protection conference.".to_string(),
            (Origin::CoreGroup, Some(d)) => format!("Added by the core group on {}.", long_date(d)),
            (Origin::CoreGroup, None) => "Added by the core group.".to_string(),
        };
        s.para(origin);
        let actions = ordered(
            r.plan
                .actions
                .iter()
                .filter(|a| a.outcome == o.id)
                .collect(),
        );
        if actions.is_empty() {
            s.para("No actions yet.");
            continue;
        }
        s.push(Block::Table(Table {
            head: vec![
                "Who".into(),
                "What".into(),
                "By when".into(),
                "Status".into(),
            ],
            rows: actions
                .into_iter()
                .map(|a| {
                    vec![
                        r.owner_text(a).into(),
                        a.what.as_str().into(),
                        a.due
                            .map(short_date)
                            .unwrap_or_else(|| "no date yet".into())
                            .into(),
                        capitalise(a.status.label()).into(),
                    ]
                })
                .collect(),
        }));
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
                        r.outcome_ref(&a.outcome).into(),
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
