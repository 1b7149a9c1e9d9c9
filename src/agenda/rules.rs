//! The agenda policy's rules about people and dates, applied to a meeting record: who may chair,
//! whether the family may attend, and how late the next meeting may be. Pure functions, so the
//! meeting screen, the close checklist and the minutes all warn for the same reasons.

use chrono::NaiveDate;

use crate::domain::agenda::Policy;
use crate::domain::calendar::Calendar;
use crate::domain::meeting::{Meeting, NextMeeting, Presence};
use crate::domain::period::Due;
use crate::domain::plan::Plan;

/// A rule of the procedure that the record breaks, or that still needs something recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleWarning {
    /// Fixed key: `social-worker-chairs`, `family-chairs`, `chair-agency-repeats`, `chair-role`,
    /// `family-present`, `first-meeting-held`, `first-meeting-late`, `gap-needs-reason`,
    /// `gap-needs-countersign`, `next-meeting-day-off`, `next-meeting-before`.
    pub rule: &'static str,
    pub message: String,
}

fn warn(rule: &'static str, message: String) -> RuleWarning {
    RuleWarning { rule, message }
}

/// Every warning for the record as it stands.
pub fn check_meeting(
    policy: &Policy,
    plan: &Plan,
    meeting: &Meeting,
    cal: &Calendar,
) -> Vec<RuleWarning> {
    let mut out = check_chair(policy, plan, meeting);
    out.extend(check_family(policy, plan, meeting));
    out.extend(check_first_meeting(policy, plan, meeting, cal));
    if let Some(date) = meeting.details.date {
        out.extend(check_next_meeting(policy, date, &meeting.next_meeting, cal));
    }
    out
}

/// When the next meeting falls due, counted from this meeting's date. The last day it may be
/// held is [`Due::in_practice`]: a due date on a weekend or holiday pulls it back to the working
/// day before, as the minutes' "latest date the procedure allows" does.
pub fn latest_next_meeting(policy: &Policy, meeting_date: NaiveDate, cal: &Calendar) -> Due {
    crate::domain::case_dates::meeting_dates(meeting_date, None, policy.into(), cal).next_meeting_by
}

/// The shipped agendas for a case's first core group, by the agenda the case uses after it.
const FIRST_MEETING: [(&str, &str); 1] = [("core-group", "first-core-group")];

/// The agenda to suggest for a new meeting of a case whose agenda is `case_agenda`: its first
/// core group's agenda while no core group has been held (so the first meeting is not run on the
/// agenda for later ones), else none.
pub fn first_meeting_agenda(case_agenda: &str, plan: &Plan) -> Option<&'static str> {
    if !plan.key_dates.core_groups.is_empty() {
        return None;
    }
    FIRST_MEETING
        .iter()
        .find(|(later, _)| *later == case_agenda)
        .map(|(_, first)| *first)
}

/// Why a date is a poor day for a meeting: "a weekend", or the holiday's name.
pub fn day_off(cal: &Calendar, date: NaiveDate) -> Option<String> {
    if cal.is_working_day(date) {
        return None;
    }
    Some(
        cal.holiday(date)
            .map(|h| h.title.clone())
            .unwrap_or_else(|| "a weekend".into()),
    )
}

/// A next meeting later than the interval needs a reason (and, where the policy asks, a
/// countersignature); one on a weekend or holiday, or before this meeting, is flagged.
pub fn check_next_meeting(
    policy: &Policy,
    meeting_date: NaiveDate,
    next: &NextMeeting,
    cal: &Calendar,
) -> Vec<RuleWarning> {
    let mut out = Vec::new();
    let Some(date) = next.date else {
        return out;
    };
    let day = date.format("%a %-d %b %Y");
    if let Some(why) = day_off(cal, date) {
        out.push(warn(
            "next-meeting-day-off",
            format!("the next meeting on {day} falls on {why}"),
        ));
    }
    if date < meeting_date {
        out.push(warn(
            "next-meeting-before",
            format!("the next meeting on {day} is before this one"),
        ));
    }
    let latest = latest_next_meeting(policy, meeting_date, cal).in_practice();
    if date <= latest {
        return out;
    }
    let late = format!(
        "the next meeting on {day} is later than {} ({} after this one)",
        latest.format("%a %-d %b %Y"),
        policy.meeting_interval,
    );
    if policy.longer_gap_needs_reason && next.reason_for_gap.trim().is_empty() {
        out.push(warn(
            "gap-needs-reason",
            format!("{late}: record the reason for the longer gap"),
        ));
    }
    if policy.longer_gap_needs_countersign && next.countersigned_by.trim().is_empty() {
        out.push(warn(
            "gap-needs-countersign",
            format!(
                "{late}: the reason must be countersigned by {}",
                countersigner(policy)
            ),
        ));
    }
    out
}

/// Who countersigns a longer gap under this policy.
pub fn countersigner(policy: &Policy) -> &str {
    policy
        .countersign_role
        .as_deref()
        .unwrap_or("the social worker's manager")
}

/// Whether the chair recorded may chair under this procedure.
pub fn check_chair(policy: &Policy, plan: &Plan, meeting: &Meeting) -> Vec<RuleWarning> {
    let mut out = Vec::new();
    let Some(chair) = meeting.details.chair.as_deref() else {
        return out;
    };
    let name = meeting.person_name(plan, chair);
    // Every procedure: the core group is chaired by a professional, never by the family.
    if plan.member(chair).is_some_and(|m| m.family) {
        out.push(warn(
            "family-chairs",
            format!("{name} is a family member and should not chair; ask a professional"),
        ));
    }
    if policy.chair_rotates
        && let Some(agency) = person_agency(plan, meeting, chair)
        && let Some(last) = plan.last_core_group()
        && let Some(last_name) = last.chair.as_deref()
        && let Some(last_agency) = plan
            .members
            .iter()
            .find(|m| m.name == last_name)
            .map(|m| m.agency.trim())
            .filter(|a| !a.is_empty())
        && last_agency.eq_ignore_ascii_case(agency)
    {
        out.push(warn(
            "chair-agency-repeats",
            format!(
                "{agency} chaired the last core group ({last_name}, {}); chairing rotates between agencies",
                last.date.format("%-d %b %Y")
            ),
        ));
    }
    if !policy.social_worker_may_chair && is_social_worker(plan, chair) {
        out.push(warn(
            "social-worker-chairs",
            format!(
                "{name} is the social worker and should not chair; ask a member of another agency"
            ),
        ));
    }
    if let Some(required) = policy.chair_role.as_deref() {
        let role = person_role(plan, meeting, chair).unwrap_or("");
        if !role_matches(role, required) {
            out.push(warn(
                "chair-role",
                format!(
                    "this meeting is chaired by a {required}; {name} is recorded as {}",
                    if role.is_empty() {
                        "having no role"
                    } else {
                        role
                    }
                ),
            ));
        }
    }
    out
}

/// The first core group's agenda used on a case that already had its first core group, or
/// later than the policy allows after the initial conference.
pub fn check_first_meeting(
    policy: &Policy,
    plan: &Plan,
    meeting: &Meeting,
    cal: &Calendar,
) -> Vec<RuleWarning> {
    let mut out = Vec::new();
    if !policy.first_meeting {
        return out;
    }
    let date = meeting.details.date;
    let earlier = plan
        .key_dates
        .core_groups
        .iter()
        .filter(|c| date.is_none_or(|d| c.date <= d))
        .map(|c| c.date)
        .min();
    if let Some(first) = earlier {
        out.push(warn(
            "first-meeting-held",
            format!(
                "this case had its first core group on {}: use the agenda for later meetings",
                first.format("%a %-d %b %Y")
            ),
        ));
    }
    if let (Some(date), Some(icpc)) = (date, plan.key_dates.initial_conference) {
        let due = policy.first_core_group.due_from(icpc, cal).in_practice();
        if date > due {
            out.push(warn(
                "first-meeting-late",
                format!(
                    "the first core group should be held by {} ({} after the initial conference on {})",
                    due.format("%a %-d %b %Y"),
                    policy.first_core_group,
                    icpc.format("%a %-d %b %Y")
                ),
            ));
        }
    }
    out
}

/// Family members marked present where the procedure holds the meeting without the family.
pub fn check_family(policy: &Policy, plan: &Plan, meeting: &Meeting) -> Vec<RuleWarning> {
    if policy.family_may_attend {
        return Vec::new();
    }
    meeting
        .attendance
        .iter()
        .filter(|a| a.presence == Some(Presence::Present))
        .filter_map(|a| plan.member(&a.member).filter(|m| m.family))
        .map(|m| {
            warn(
                "family-present",
                format!(
                    "{} is family, and this meeting is held without the family",
                    m.name
                ),
            )
        })
        .collect()
}

/// Who chaired each core group held, newest first, so chairing can rotate between agencies.
pub fn previous_chairs(plan: &Plan) -> Vec<(NaiveDate, &str)> {
    let mut out: Vec<(NaiveDate, &str)> = plan
        .key_dates
        .core_groups
        .iter()
        .filter_map(|c| c.chair.as_deref().map(|who| (c.date, who)))
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.0));
    out
}

/// The case's lead worker; without one recorded, anyone whose role says social worker.
fn is_social_worker(plan: &Plan, id: &str) -> bool {
    match plan.case.lead_worker.as_deref() {
        Some(lead) => lead == id,
        None => plan
            .member(id)
            .is_some_and(|m| m.role.to_lowercase().contains("social worker")),
    }
}

fn person_agency<'a>(plan: &'a Plan, meeting: &'a Meeting, id: &str) -> Option<&'a str> {
    meeting
        .guests
        .iter()
        .find(|g| g.id == id)
        .map(|g| g.agency.trim())
        .or_else(|| plan.member(id).map(|m| m.agency.trim()))
        .filter(|a| !a.is_empty())
}

fn person_role<'a>(plan: &'a Plan, meeting: &'a Meeting, id: &str) -> Option<&'a str> {
    meeting
        .guests
        .iter()
        .find(|g| g.id == id)
        .map(|g| g.role.as_str())
        .or_else(|| plan.member(id).map(|m| m.role.as_str()))
}

/// "principal officer or service manager" accepts either role, in any letter case.
fn role_matches(role: &str, required: &str) -> bool {
    let role = role.to_lowercase();
    required
        .to_lowercase()
        .split(" or ")
        .flat_map(|part| part.split(','))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .any(|part| role.contains(part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Division;
    use crate::domain::example;
    use crate::domain::meeting::Guest;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test dates are valid")
    }

    fn meeting(plan: &Plan, date: &str) -> Meeting {
        Meeting::new(date.into(), "core-group".into(), d(date), plan)
    }

    #[test]
    fn the_first_meeting_of_a_case_is_offered_the_first_core_group_agenda() {
        let mut plan = example::plan(d("2026-11-24"));
        assert_eq!(
            first_meeting_agenda("core-group", &plan),
            None,
            "one was held"
        );
        plan.key_dates.core_groups.clear();
        assert_eq!(
            first_meeting_agenda("core-group", &plan),
            Some("first-core-group")
        );
        assert_eq!(first_meeting_agenda("core-group-monthly", &plan), None);
        // The agenda suggested is shipped, and is a first meeting's.
        let first = crate::agenda::shipped("first-core-group").unwrap();
        assert!(first.policy.first_meeting);
    }

    #[test]
    fn roles_match_any_alternative_in_any_case() {
        assert!(role_matches(
            "Service Manager",
            "principal officer or service manager"
        ));
        assert!(role_matches(
            "Principal Officer, Safeguarding",
            "principal officer or service manager"
        ));
        assert!(!role_matches(
            "Team manager",
            "principal officer or service manager"
        ));
        assert!(role_matches(
            "Children's Services Team Manager",
            "team manager"
        ));
        assert!(!role_matches("", "team manager"));
    }

    #[test]
    fn a_guest_chair_is_judged_by_the_guest_role() {
        let plan = example::plan(d("2026-11-24"));
        let mut m = meeting(&plan, "2026-11-24");
        m.guests.push(Guest {
            id: "tm".into(),
            name: "Team manager".into(),
            role: "Children's Services team manager".into(),
            agency: "Children's Services".into(),
            here_as: String::new(),
            for_whom: None,
            joins: false,
            privacy: Default::default(),
        });
        m.details.chair = Some("tm".into());
        let policy = Policy {
            chair_role: Some("team manager".into()),
            social_worker_may_chair: false,
            ..Policy::default()
        };
        assert_eq!(check_chair(&policy, &plan, &m), []);
    }

    #[test]
    fn no_next_date_no_warning_and_a_day_off_is_flagged() {
        let cal = Calendar::new(Division::EnglandAndWales);
        let policy = Policy::default();
        assert!(
            check_next_meeting(&policy, d("2026-12-01"), &NextMeeting::default(), &cal).is_empty()
        );
        let next = NextMeeting {
            date: Some(d("2026-12-25")),
            ..NextMeeting::default()
        };
        let w = check_next_meeting(&policy, d("2026-12-01"), &next, &cal);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].rule, "next-meeting-day-off");
        assert!(w[0].message.contains("Christmas Day"), "{}", w[0].message);
    }

    #[test]
    fn previous_chairs_are_newest_first() {
        let mut plan = example::plan(d("2026-11-24"));
        let mut second = plan.key_dates.core_groups[0].clone();
        second.date = second.date + chrono::Days::new(42);
        second.chair = Some("Tom Ridley".into());
        plan.key_dates.core_groups.push(second);
        let chairs = previous_chairs(&plan);
        assert_eq!(chairs.len(), 2);
        assert_eq!(chairs[0].1, "Tom Ridley");
        assert!(chairs[0].0 > chairs[1].0);
    }
}
