//! Everything that can be wrong with a plan that parsed, found all at once, each with the field
//! path and a hint, so a person can fix the file in one pass.

use std::collections::HashSet;
use std::fmt;

use crate::text::sanitize;

use super::address::Phrases;
use super::meeting::Meeting;
use super::plan::{Origin, Plan};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The plan cannot be used until it is fixed.
    Error,
    /// The plan works, but a chair should know (e.g. an action with no owner).
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// e.g. `actions[3].owner`
    pub path: String,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // The message quotes the plan (a name, an id): nothing in it may drive a terminal.
        let (path, message) = (sanitize(&self.path), sanitize(&self.message));
        write!(f, "{kind}: {path}: {message}")?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

struct Problems(Vec<Problem>);

impl Problems {
    fn error(&mut self, path: String, message: String, hint: &str) {
        self.push(Severity::Error, path, message, hint)
    }
    fn warning(&mut self, path: String, message: String, hint: &str) {
        self.push(Severity::Warning, path, message, hint)
    }
    fn push(&mut self, severity: Severity, path: String, message: String, hint: &str) {
        self.0.push(Problem {
            severity,
            path,
            message,
            hint: hint.to_string(),
        })
    }
}

fn unique<'a>(
    out: &mut Problems,
    list: &str,
    ids: impl Iterator<Item = &'a str>,
    taken: &mut HashSet<&'a str>,
) {
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            out.error(
                format!("{list}[{i}].id"),
                "the id is empty".into(),
                "give it a short unique id like `sw` or `a3`",
            );
        } else if !taken.insert(id) {
            out.error(
                format!("{list}[{i}].id"),
                format!("the id `{id}` is used more than once"),
                "ids must be unique across children, members, outcomes and actions",
            );
        }
    }
}

/// Every problem with the plan; empty when it is sound.
pub fn validate(plan: &Plan) -> Vec<Problem> {
    let mut out = Problems(Vec::new());
    let mut ids = HashSet::new();
    unique(
        &mut out,
        "children",
        plan.children.iter().map(|c| c.id.as_str()),
        &mut ids,
    );
    unique(
        &mut out,
        "members",
        plan.members.iter().map(|m| m.id.as_str()),
        &mut ids,
    );
    unique(
        &mut out,
        "outcomes",
        plan.outcomes.iter().map(|o| o.id.as_str()),
        &mut ids,
    );
    unique(
        &mut out,
        "actions",
        plan.actions.iter().map(|a| a.id.as_str()),
        &mut ids,
    );

    for (i, m) in plan.members.iter().enumerate() {
        if let Some(email) = m.email.as_deref().filter(|e| !e.trim().is_empty())
            && let Err((message, hint)) = super::email::check(email)
        {
            out.error(format!("members[{i}].email"), message, &hint);
        }
        if let (Some(joined), Some(left)) = (m.joined, m.left)
            && joined > left
        {
            out.error(
                format!("members[{i}].joined"),
                format!("{} joined on {joined}, after leaving on {left}", m.name),
                "give the day they joined the core group (on or before the day they left)",
            );
        }
    }

    if plan.case.reference.trim().is_empty() {
        out.error(
            "case.reference".into(),
            "the case has no reference".into(),
            "use the local authority's case reference",
        );
    }
    if plan.children.is_empty() {
        out.error(
            "children".into(),
            "the plan has no child".into(),
            "list each child on a plan under `children:`",
        );
    }
    if let Some(lead) = &plan.case.lead_worker
        && plan.member(lead).is_none()
    {
        out.error(
            "case.lead_worker".into(),
            format!("`{lead}` is not a member of the core group"),
            "use the id of a member listed under `members:`",
        );
    }

    let kd = &plan.key_dates;
    for (i, c) in plan.children.iter().enumerate() {
        if c.categories.is_empty() {
            out.error(
                format!("children[{i}].categories"),
                format!("{} has no category of abuse", c.name),
                "list one or more of: physical, emotional, sexual, neglect",
            );
        }
        if c.date_of_birth.is_none() && c.expected_date_of_birth.is_none() {
            out.error(
                format!("children[{i}].date_of_birth"),
                format!("{} has neither a date of birth nor an expected one", c.name),
                "add `date_of_birth:` or, before birth, `expected_date_of_birth:`",
            );
        }
        if let Some(dob) = c.date_of_birth
            && dob > c.plan_started
            && c.expected_date_of_birth.is_none()
        {
            out.error(
                format!("children[{i}].date_of_birth"),
                format!("{} was born after their plan started", c.name),
                "for a pre-birth plan, add `expected_date_of_birth:` as well",
            );
        }
        if let Some(icpc) = kd.initial_conference
            && c.plan_started < icpc
        {
            out.error(
                format!("children[{i}].plan_started"),
                format!(
                    "{}'s plan started before the initial conference ({icpc})",
                    c.name
                ),
                "a plan starts at the initial conference that made it",
            );
        }
    }

    for (i, o) in plan.outcomes.iter().enumerate() {
        if plan.child(&o.child).is_none() {
            out.error(
                format!("outcomes[{i}].child"),
                format!("`{}` is not a child in this plan", o.child),
                "use the id of a child listed under `children:`",
            );
        }
        for (j, c) in o.also_for.iter().enumerate() {
            if plan.child(c).is_none() {
                out.error(
                    format!("outcomes[{i}].also_for[{j}]"),
                    format!("`{c}` is not a child in this plan"),
                    "use the id of a child listed under `children:`",
                );
            }
        }
        if o.text.trim().is_empty() {
            out.error(
                format!("outcomes[{i}].text"),
                "the outcome has no text".into(),
                "say what must be different for the child",
            );
        }
        if o.origin == Origin::CoreGroup && o.added.is_none() {
            out.warning(
                format!("outcomes[{i}].added"),
                "a core group outcome with no date it was added".into(),
                "add `added: YYYY-MM-DD`",
            );
        }
    }

    let started = plan.plan_started();
    for (i, a) in plan.actions.iter().enumerate() {
        if plan.outcome(&a.outcome).is_none() {
            out.error(
                format!("actions[{i}].outcome"),
                format!("`{}` is not an outcome in this plan", a.outcome),
                "use the id of an outcome listed under `outcomes:`",
            );
        }
        match &a.owner {
            Some(owner) if plan.member(owner).is_none() => out.error(
                format!("actions[{i}].owner"),
                format!("`{owner}` is not a member of the core group"),
                "use the id of a member listed under `members:`",
            ),
            None => out.warning(
                format!("actions[{i}].owner"),
                format!("action {} has no owner", a.id),
                "every action needs someone responsible for it",
            ),
            _ => {}
        }
        match (a.due, started) {
            (Some(due), Some(start)) if due < start => out.error(
                format!("actions[{i}].due"),
                format!(
                    "action {} is due {due}, before the plan started ({start})",
                    a.id
                ),
                "check the year of the due date",
            ),
            (None, _) if a.status.is_open() => out.warning(
                format!("actions[{i}].due"),
                format!("action {} has no due date", a.id),
                "every open action needs a date it is due by",
            ),
            _ => {}
        }
        for (j, h) in a.history.iter().enumerate() {
            if let Some(start) = started
                && h.date < start
            {
                out.error(
                    format!("actions[{i}].history[{j}].date"),
                    format!("an update dated {} is before the plan started", h.date),
                    "check the year of the date",
                );
            }
        }
    }

    if let (Some(sd), Some(icpc)) = (kd.strategy_discussion, kd.initial_conference)
        && sd > icpc
    {
        out.error(
            "key_dates.strategy_discussion".into(),
            "the strategy discussion is after the initial conference".into(),
            "the strategy discussion comes first",
        );
    }
    for (i, rc) in kd.review_conferences.iter().enumerate() {
        match kd.initial_conference {
            Some(icpc) if *rc <= icpc => out.error(
                format!("key_dates.review_conferences[{i}]"),
                format!(
                    "the review conference on {rc} is not after the initial conference ({icpc})"
                ),
                "review conferences follow the initial conference",
            ),
            None => out.error(
                format!("key_dates.review_conferences[{i}]"),
                "a review conference with no initial conference".into(),
                "add `key_dates.initial_conference`",
            ),
            _ => {}
        }
    }
    if kd.review_conferences.windows(2).any(|w| w[0] >= w[1]) {
        out.error(
            "key_dates.review_conferences".into(),
            "the review conferences are not in date order".into(),
            "list them oldest first",
        );
    }
    for (i, cg) in kd.core_groups.iter().enumerate() {
        if let Some(icpc) = kd.initial_conference
            && cg.date < icpc
        {
            out.error(
                format!("key_dates.core_groups[{i}].date"),
                format!("a core group on {} before the initial conference", cg.date),
                "core groups meet after the conference sets up the plan",
            );
        }
        if let Some(c) = cg.minutes_circulated
            && c < cg.date
        {
            out.error(
                format!("key_dates.core_groups[{i}].minutes_circulated"),
                "the minutes were circulated before the meeting".into(),
                "check the date",
            );
        }
    }
    for (i, v) in kd.visits.iter().enumerate() {
        for c in v.children.iter().filter(|c| plan.child(c).is_none()) {
            out.error(
                format!("key_dates.visits[{i}].children"),
                format!("no child has the id `{c}`"),
                "use an id from the plan's children (or leave `children` out for every child)",
            );
        }
        if let Some(by) = v.by.as_deref().filter(|b| plan.member(b).is_none()) {
            out.error(
                format!("key_dates.visits[{i}].by"),
                format!("no member has the id `{by}`"),
                "use an id from the plan's members",
            );
        }
        if !v.each.is_empty() && (!v.children.is_empty() || v.seen_alone) {
            out.error(
                format!("key_dates.visits[{i}].each"),
                "the visit gives its children both one by one and all together".into(),
                "keep `each` and remove `children` and `seen_alone`",
            );
        }
        for (j, c) in v.each.iter().enumerate() {
            let at = |f: &str| format!("key_dates.visits[{i}].each[{j}].{f}");
            if plan.child(&c.child).is_none() {
                out.error(
                    at("child"),
                    format!("no child has the id `{}`", c.child),
                    "use an id from the plan's children",
                );
            }
            if !c.seen && c.alone {
                out.error(
                    at("alone"),
                    "a child not seen cannot have been seen alone".into(),
                    "set `seen: true` or remove `alone`",
                );
            }
            if !c.seen && c.why_not.is_none() {
                out.error(
                    at("why_not"),
                    "the child was not seen, and the reason is not given".into(),
                    "say why in `why_not`",
                );
            }
        }
    }
    withheld_given_openly(plan, &mut out);
    ids_as_file_names(plan, &mut out);
    let surnames = super::family_names::surnames_in_reference(plan);
    if !surnames.is_empty() {
        out.warning(
            "case.reference".into(),
            format!(
                "the case reference holds the family's name ({}): calendars and email subjects \
                 show it, so they use \"{}\" instead",
                surnames.join(", "),
                super::family_names::neutral_reference(plan)
            ),
            "give the case a reference without a family name",
        );
    }
    if let Some(every) = plan.child_seen_every {
        if every.is_zero() {
            out.error(
                "child_seen_every".into(),
                "an interval of 0 would make every visit due at once".into(),
                "give how often the child must be seen, like \"10 working days\"",
            );
        } else if let Err(e) = every.check_limit() {
            out.error(
                "child_seen_every".into(),
                e.to_string(),
                "check the number, or remove the field to use the agenda's",
            );
        }
    }
    out.0
}

/// What is wrong with a closed meeting's record kept in the folder `folder`: its id must be the
/// folder's name, and every person it names must be a guest of the meeting or a member of one
/// of `plans` (the plan as the meeting left it, and the case's plan now).
pub fn validate_meeting(meeting: &Meeting, folder: &str, plans: &[&Plan]) -> Vec<Problem> {
    let mut out = Problems(Vec::new());
    if meeting.id != folder {
        out.error(
            "id".into(),
            format!(
                "the record says it is meeting `{}` but it is kept in the folder `{folder}`",
                meeting.id
            ),
            "a meeting's folder is named by its id: rename the folder back, or put the record \
             in its own folder",
        );
    }
    let known = |id: &str| {
        meeting.guests.iter().any(|g| g.id == id) || plans.iter().any(|p| p.member(id).is_some())
    };
    let mut named: Vec<(String, &str)> = Vec::new();
    named.extend(
        meeting
            .details
            .chair
            .as_deref()
            .map(|c| ("details.chair".into(), c)),
    );
    named.extend(
        meeting
            .details
            .minute_taker
            .as_deref()
            .map(|c| ("details.minute_taker".into(), c)),
    );
    named.extend(
        meeting
            .attendance
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("attendance[{i}].member"), a.member.as_str())),
    );
    named.extend(
        meeting
            .contributions
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("contributions[{i}].member"), c.member.as_str())),
    );
    for (path, id) in named {
        if !known(id) {
            out.error(
                path,
                format!("`{id}` is not a member of the core group nor a guest of the meeting"),
                "use a member's id from plan.yaml, or add the person under `guests:`",
            );
        }
    }
    // An item kept from someone who is not a family member keeps it from no one's own copy.
    let family = |id: &str| plans.iter().any(|p| p.member(id).is_some_and(|m| m.family));
    let mut not_for = Vec::new();
    if let Ok(json) = serde_json::to_value(meeting) {
        not_for_ids(&json, "", &mut not_for);
    }
    for (path, id) in not_for {
        if !family(&id) {
            out.error(
                path,
                format!("`{id}` is not a family member in the core group"),
                "`not_for` names family members by their id in plan.yaml",
            );
        }
    }
    out.0
}

/// Whether a meeting folder's own plan (the plan as that meeting left it) is of this case: the
/// same case reference, or (a reference corrected since) a child the two plans share, known by
/// id, the day their plan started and their name or date of birth. A folder copied in from
/// another case is neither, and must not be circulated or reported as this case's.
pub fn same_case(case_plan: &Plan, meeting_plan: &Plan) -> Option<Problem> {
    let norm = |r: &str| r.trim().to_lowercase();
    if norm(&case_plan.case.reference) == norm(&meeting_plan.case.reference) {
        return None;
    }
    let shared = meeting_plan.children.iter().any(|m| {
        case_plan.children.iter().any(|c| {
            c.id == m.id
                && c.plan_started == m.plan_started
                && (c.name == m.name
                    || (c.date_of_birth.is_some() && c.date_of_birth == m.date_of_birth))
        })
    });
    if shared {
        return None;
    }
    Some(Problem {
        severity: Severity::Error,
        path: "case.reference".into(),
        message: format!(
            "this meeting is of the case `{}`, not of this case (`{}`), and shares none of its \
             children",
            meeting_plan.case.reference, case_plan.case.reference
        ),
        hint: "a meeting folder copied from another case: move it back to its own case, or out \
               of meetings/"
            .into(),
    })
}

/// Every id under a `not_for` in the record, with its field path, wherever the item is.
fn not_for_ids(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    let at = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match v {
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                match (k.as_str(), item) {
                    ("not_for", serde_json::Value::Array(ids)) => {
                        for (i, id) in ids.iter().enumerate() {
                            if let Some(id) = id.as_str() {
                                out.push((format!("{}[{i}]", at(k)), id.to_string()));
                            }
                        }
                    }
                    _ => not_for_ids(item, &at(k), out),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                not_for_ids(item, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Children's and members' ids that name the same file once case and punctuation are folded
/// (`dad.w`, `dad-w`, `Dad_W`): their own copies and emails would share a file name on some
/// systems, and one could be sent the other's.
fn ids_as_file_names(plan: &Plan, out: &mut Problems) {
    let fold = |id: &str| -> String {
        id.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let ids = plan
        .children
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("children[{i}].id"), c.id.as_str()))
        .chain(
            plan.members
                .iter()
                .enumerate()
                .map(|(i, m)| (format!("members[{i}].id"), m.id.as_str())),
        );
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (path, id) in ids {
        let folded = fold(id);
        if let Some((_, first)) = seen
            .iter()
            .find(|(f, first)| *f == folded && *first != id && !folded.is_empty())
        {
            out.error(
                path,
                format!("the id `{id}` names the same file as `{first}` once case and punctuation are set aside"),
                "make ids differ in their letters or digits, not only in case or punctuation (like `dad-w2`)",
            );
        }
        seen.push((folded, id));
    }
}

/// A withheld address that is also given, unwithheld, as the family's address or another
/// member's: the minutes would print it openly.
fn withheld_given_openly(plan: &Plan, out: &mut Problems) {
    let case = &plan.case;
    let family = case.family_address.as_deref().map(|a| {
        (
            "case.family_address".to_string(),
            "the family's address".to_string(),
            a,
            case.withhold_family_address,
        )
    });
    let members = plan.members.iter().enumerate().filter_map(|(i, m)| {
        let a = m.address.as_deref()?;
        Some((
            format!("members[{i}].address"),
            format!("{}'s address", m.name),
            a,
            m.withhold_address,
        ))
    });
    let all: Vec<_> = family.into_iter().chain(members).collect();
    for (path, other, open, _) in all.iter().filter(|a| !a.3) {
        let whose = all
            .iter()
            .filter(|a| a.3)
            .find(|(_, _, withheld, _)| !Phrases::homes([*withheld]).find(open).is_empty());
        if let Some((_, whose, _, _)) = whose {
            out.error(
                path.clone(),
                format!("{other} is not withheld, but it is {whose}, which is"),
                "withhold this address too (`withhold_address: true`, or \
                 `withhold_family_address: true` for the family's), or correct it",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;
    use chrono::NaiveDate;

    fn plan() -> Plan {
        example::plan(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
    }

    fn paths(p: &Plan) -> Vec<String> {
        validate(p)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.path)
            .collect()
    }

    #[test]
    fn a_member_cannot_join_after_leaving() {
        let mut p = plan();
        p.members[1].left = Some("2026-11-02".parse().unwrap());
        p.members[1].joined = Some("2026-11-01".parse().unwrap());
        assert!(paths(&p).is_empty(), "{:?}", paths(&p));
        p.members[1].joined = Some("2026-11-03".parse().unwrap());
        assert_eq!(paths(&p), ["members[1].joined"]);
    }

    #[test]
    fn a_visit_names_children_of_the_plan() {
        let mut p = plan();
        p.key_dates.visits[0].each.clear();
        p.key_dates.visits[0].children = vec!["kayla".into()];
        assert!(paths(&p).is_empty(), "{:?}", paths(&p));
        p.key_dates.visits[1].children = vec!["nobody".into()];
        assert_eq!(paths(&p), ["key_dates.visits[1].children"]);
    }

    #[test]
    fn the_example_plan_is_sound() {
        assert_eq!(validate(&plan()), vec![]);
    }

    #[test]
    fn a_withheld_address_given_openly_elsewhere_is_an_error() {
        let mut p = plan();
        // The example withholds the family's address and Ms Brennan's, the same home.
        p.case.withhold_family_address = false;
        let problems = validate(&p);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "case.family_address");
        assert!(problems[0].message.contains("Brennan"), "{}", problems[0]);
        let mut p = plan();
        let dad = p.members.iter().position(|m| m.id == "dad").unwrap();
        p.members[dad].address = Some("flat 3, 12 larkspur ct, Eastbrook".into());
        assert_eq!(paths(&p), [format!("members[{dad}].address")]);
        // Another home in the same town is no problem.
        let mut p = plan();
        p.members[dad].address = Some("27 Foundry Lane, Eastbrook EB1 7LD".into());
        assert_eq!(validate(&p), vec![]);
        // Nor is a neighbour's, in the same postcode district and sector.
        p.members[dad].address = Some("27 Foundry Lane, Eastbrook EB4 2AB".into());
        assert_eq!(validate(&p), vec![]);
    }

    #[test]
    fn ids_that_make_the_same_file_name_are_errors() {
        for (a, b) in [("dad.w", "dad-w"), ("dad-w", "Dad_W"), ("kim", "KIM")] {
            let mut p = plan();
            let dad = p.members.iter().position(|m| m.id == "dad").unwrap();
            let nan = p.members.iter().position(|m| m.id == "nan").unwrap();
            p.members[dad].id = a.into();
            p.members[nan].id = b.into();
            for a in &mut p.actions {
                a.owner = None;
            }
            let problems: Vec<Problem> = validate(&p)
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect();
            assert_eq!(problems.len(), 1, "{a} {b}: {problems:?}");
            assert_eq!(problems[0].path, format!("members[{nan}].id"));
            assert!(problems[0].message.contains(a), "{}", problems[0]);
            assert!(!problems[0].hint.is_empty());
        }
    }

    #[test]
    fn a_case_reference_with_the_family_name_is_warned_of() {
        let mut p = plan();
        assert!(validate(&p).iter().all(|x| x.path != "case.reference"));
        p.case.reference = "EB/CP/Brennan".into();
        let found: Vec<Problem> = validate(&p)
            .into_iter()
            .filter(|x| x.path == "case.reference")
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.contains("EB/CP/…"), "{}", found[0]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut p = plan();
        p.actions[3].owner = Some("nobody".into());
        p.actions[4].outcome = "o99".into();
        p.members[1].id = p.members[0].id.clone();
        let found = paths(&p);
        assert!(found.contains(&"actions[3].owner".to_string()), "{found:?}");
        assert!(
            found.contains(&"actions[4].outcome".to_string()),
            "{found:?}"
        );
        assert!(found.contains(&"members[1].id".to_string()), "{found:?}");
    }

    #[test]
    fn dates_that_make_no_sense_are_errors() {
        let mut p = plan();
        p.actions[0].due = NaiveDate::from_ymd_opt(2020, 1, 1);
        let icpc = p.key_dates.initial_conference.unwrap();
        p.key_dates.review_conferences = vec![icpc - chrono::Days::new(1)];
        let found = paths(&p);
        assert!(found.contains(&"actions[0].due".to_string()), "{found:?}");
        assert!(
            found.contains(&"key_dates.review_conferences[0]".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn an_action_without_owner_is_a_warning_not_an_error() {
        let mut p = plan();
        p.actions[0].owner = None;
        let problems = validate(&p);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].severity, Severity::Warning);
        assert_eq!(problems[0].path, "actions[0].owner");
    }

    #[test]
    fn a_meeting_record_names_only_people_it_knows_and_lives_in_its_own_folder() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let plan = crate::domain::example::plan(today);
        let meeting = crate::domain::example::past_meeting(today);
        assert_eq!(validate_meeting(&meeting, &meeting.id, &[&plan]), vec![]);
        let mut odd = meeting.clone();
        odd.attendance[0].member = "ghost".into();
        let found = validate_meeting(&odd, "elsewhere", &[&plan]);
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["id", "attendance[0].member"]);
        assert!(found[1].message.contains("`ghost`"));

        // Kept from a professional, or from an id that is nobody: an error at the item.
        let mut kept = meeting.clone();
        kept.contributions[1].privacy.not_for = vec!["dad".into(), "sw".into()];
        kept.guests[0].privacy.not_for = vec!["dda".into()];
        let found = validate_meeting(&kept, &kept.id, &[&plan]);
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths.len(), 2, "{found:?}");
        assert!(paths.contains(&"contributions[1].not_for[1]"), "{paths:?}");
        assert!(paths.contains(&"guests[0].not_for[0]"), "{paths:?}");
    }

    #[test]
    fn a_visit_interval_of_zero_or_a_billion_weeks_is_an_error() {
        use crate::domain::period::Period;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        for every in [Period::Weeks(0), Period::Weeks(1_000_000_000)] {
            let mut plan = crate::domain::example::plan(today);
            plan.child_seen_every = Some(every);
            let found = validate(&plan);
            assert!(
                found
                    .iter()
                    .any(|p| p.path == "child_seen_every" && p.severity == Severity::Error),
                "{found:?}"
            );
        }
    }
}
