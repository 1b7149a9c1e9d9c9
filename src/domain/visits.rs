//! Visits to the children, each child on their own: whether a visit saw them, saw them alone,
//! and why not; whose visits count toward the lead worker's; and whether a child is expected to
//! be seen alone at all. `status`, drift, the minutes, the case screen and the review report all
//! read visits through here, so a child is never "seen" by one and "not seen" by another.

use chrono::{Datelike, NaiveDate};

use super::agenda::Policy;
use super::plan::{Child, ChildSeen, KeyVisit, Plan, WhyNot};

/// The policy's rules on visits, from the agenda or from the snapshot a meeting's record keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisitRules {
    /// The age in years from which a child is expected to be seen alone.
    pub alone_from_age: u32,
    /// Whether other agencies' visits count toward the lead worker's.
    pub others_count: bool,
}

impl From<&Policy> for VisitRules {
    fn from(p: &Policy) -> Self {
        VisitRules {
            alone_from_age: p.child_seen_alone_from_age,
            others_count: p.visits_by_other_agencies_count,
        }
    }
}

/// One visit as it concerns one child.
#[derive(Clone, Debug, PartialEq)]
pub struct ChildVisit<'a> {
    pub visit: &'a KeyVisit,
    pub child: ChildSeen,
    /// Whether the visit counts toward the lead worker's visits (see [`counts`]).
    pub counts: bool,
}

impl ChildVisit<'_> {
    pub fn date(&self) -> NaiveDate {
        self.visit.date
    }
}

/// Whether a visit by `by` counts toward the lead worker's visits: the lead worker's own (a visit
/// naming nobody is theirs) or a social worker's; another agency's only when the policy says
/// `visits_by_other_agencies_count`.
pub fn counts(plan: &Plan, rules: VisitRules, by: Option<&str>) -> bool {
    let Some(id) = by else {
        return true;
    };
    rules.others_count
        || plan.case.lead_worker.as_deref() == Some(id)
        || plan.member(id).is_some_and(|m| {
            let role = m.role.to_lowercase();
            role.contains("social worker") || role.contains("key worker")
        })
}

/// Every visit of the plan for `child`, oldest first, with what it recorded of them.
pub fn of_child<'a>(plan: &'a Plan, rules: VisitRules, child: &Child) -> Vec<ChildVisit<'a>> {
    let mut out: Vec<ChildVisit> = plan
        .key_dates
        .visits
        .iter()
        .filter_map(|v| {
            Some(ChildVisit {
                child: v.for_child(child)?,
                counts: counts(plan, rules, v.by.as_deref()),
                visit: v,
            })
        })
        .collect();
    out.sort_by_key(|v| v.date());
    out
}

/// The day the lead worker last saw `child` (alone, when `alone`) on or before `until`.
pub fn last_seen(
    plan: &Plan,
    rules: VisitRules,
    child: &Child,
    alone: bool,
    until: Option<NaiveDate>,
) -> Option<NaiveDate> {
    of_child(plan, rules, child)
        .into_iter()
        .filter(|v| v.counts && v.child.seen && (!alone || v.child.alone))
        .filter(|v| until.is_none_or(|u| v.date() <= u))
        .map(|v| v.date())
        .max()
}

/// The child's age in whole years on `day`.
pub fn age_on(child: &Child, day: NaiveDate) -> Option<u32> {
    let born = child.date_of_birth?;
    let mut years = day.year() - born.year();
    if (day.month(), day.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// Why `child` is not expected to be seen alone on `today`, or `None` when they are: not yet
/// born, younger than the policy's `child_seen_alone_from_age`, or found too young at their
/// latest visit (and not seen alone since).
pub fn not_expected_alone(
    plan: &Plan,
    rules: VisitRules,
    child: &Child,
    today: NaiveDate,
) -> Option<String> {
    if child.date_of_birth.is_none() && child.expected_date_of_birth.is_some() {
        return Some("not yet born".into());
    }
    if age_on(child, today).is_some_and(|a| a < rules.alone_from_age) {
        return Some(format!("too young (under {})", rules.alone_from_age));
    }
    let latest = of_child(plan, rules, child)
        .into_iter()
        .rfind(|v| v.child.seen && v.date() <= today)?;
    (!latest.child.alone && latest.child.why_not == Some(WhyNot::TooYoung)).then(|| {
        format!(
            "too young at the visit of {}",
            latest.date().format("%a %-d %b %Y")
        )
    })
}

/// One line per visit for `child`, for the review report and the case screen: the date, who
/// visited, and what the visit recorded of the child.
pub fn lines(plan: &Plan, rules: VisitRules, child: &Child) -> Vec<(NaiveDate, String)> {
    of_child(plan, rules, child)
        .into_iter()
        .map(|v| {
            let mut s = v.child.words();
            if let Some(by) = v.visit.by.as_deref() {
                s.push_str(&format!(", by {}", plan.member_name(by)));
            }
            if !v.counts {
                s.push_str(" (not the lead worker's visit)");
            }
            (v.date(), s)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn age_counts_whole_years_to_the_birthday() {
        let mut c = example::plan(d("2026-11-24")).children[0].clone();
        c.date_of_birth = Some(d("2024-03-10"));
        assert_eq!(age_on(&c, d("2026-03-09")), Some(1));
        assert_eq!(age_on(&c, d("2026-03-10")), Some(2));
    }
}
