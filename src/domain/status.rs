//! Every statutory timescale of a case, computed from the plan, the agenda's policy numbers and
//! the division's working-day calendar, with its state on a given day.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::Calendar;
use super::case_dates::{
    VisitDue, meeting_dates, review_due, visit_due, visit_due_without_children,
};
use super::case_log::{
    CaseLog, Event, agreements_outstanding, current_plan, members_on, with_agreements,
};
use super::circulation::History;
use super::plan::{Child, Plan};
use crate::domain::agenda::{Anchor, Policy};

/// What `status` reports each timescale as, judged by [`Judge`].
use super::timescale::{Judge, State, Timescale};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverdueAction {
    pub id: String,
    pub what: String,
    pub owner: String,
    pub due: NaiveDate,
    pub working_days_overdue: i64,
}

impl OverdueAction {
    /// How late, in words every screen and command prints the same way: "1 working day
    /// over", "3 working days over"; past its date over a weekend or holiday, no working day
    /// has gone by yet.
    pub fn lateness(&self) -> String {
        match self.working_days_overdue {
            n if n <= 0 => "past due, under a working day".to_string(),
            1 => "1 working day over".to_string(),
            n => format!("{n} working days over"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Status {
    pub case: String,
    pub today: NaiveDate,
    pub timescales: Vec<Timescale>,
    pub overdue_actions: Vec<OverdueAction>,
    /// What the case log holds since the last core group, oldest first: every event, also those
    /// that move no timescale (a change reported, a new lead worker).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub since_last_meeting: Vec<Logged>,
    /// The versions of the last core group's minutes, in words, as the minutes list them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub minutes_versions: Vec<String>,
    /// The disagreements still open, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub open_disagreements: Vec<OpenDisagreement>,
}

/// A disagreement still open, as `status` and the case screen show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpenDisagreement {
    pub id: String,
    pub who: String,
    pub about: String,
    pub raised: NaiveDate,
    /// Whole days since it was raised.
    pub age_days: i64,
    /// Where it stands: "open (managers / safeguarding leads)".
    pub standing: String,
    /// Its latest entry, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<String>,
}

/// One event of the case log, in words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Logged {
    pub date: NaiveDate,
    /// The event's name as on the command line (`visit`, `lead-worker`, ...).
    pub kind: &'static str,
    pub text: String,
}

/// Every timescale of the case on `today`.
/// When the core assessment is due, counted from the anchor the policy names, and its state.
pub fn core_assessment(plan: &Plan, policy: &Policy, judge: &Judge) -> Timescale {
    let kd = &plan.key_dates;
    let anchor = match policy.core_assessment_from {
        Anchor::InitialConference => kd.initial_conference.map(|d| (d, "the initial conference")),
        Anchor::StrategyDiscussion => kd
            .strategy_discussion
            .map(|d| (d, "the strategy discussion")),
    };
    judge.timescale(
        "core-assessment",
        "Core assessment completed",
        anchor,
        policy.core_assessment_within,
        kd.core_assessment_completed,
    )
}

pub fn status(plan: &Plan, policy: &Policy, cal: &Calendar, today: NaiveDate) -> Status {
    let judge = Judge { cal, today };
    let kd = &plan.key_dates;
    let icpc = kd.initial_conference.map(|d| (d, "the initial conference"));
    let mut core_groups: Vec<NaiveDate> = kd.core_groups.iter().map(|c| c.date).collect();
    core_groups.sort();
    let last = plan.last_core_group();
    let mut out = Vec::new();

    // The first core group is met by the earliest core group held.
    out.push(judge.timescale(
        "first-core-group",
        "First core group",
        icpc,
        policy.first_core_group,
        core_groups.first().copied(),
    ));

    let dates = last.map(|cg| meeting_dates(cg.date, cg.minutes_circulated, policy.into(), cal));
    let mut next = match &dates {
        Some(d) => judge.judged(
            "next-core-group",
            "Next core group",
            (d.held, "the last core group"),
            policy.meeting_interval,
            d.next_meeting_by.clone(),
            None,
        ),
        None => judge.timescale(
            "next-core-group",
            "Next core group",
            icpc,
            policy.meeting_interval,
            None,
        ),
    };
    // The date the last meeting agreed, when it is still to come.
    if let Some(agreed) = kd
        .next_core_group
        .filter(|d| last.is_none_or(|cg| *d > cg.date))
    {
        next.detail
            .push_str(&format!("; agreed for {}", agreed.format("%a %-d %b %Y")));
        if next.due.is_some_and(|due| agreed > due) {
            next.detail.push_str(", later than the procedure allows");
        }
    }
    out.push(next);

    if let (Some(cg), Some(d)) = (last, &dates) {
        out.push(judge.judged(
            "minutes-circulated",
            "Minutes and plan circulated",
            (cg.date, "the last core group"),
            policy.minutes_circulated_within,
            d.circulate_by.clone(),
            cg.minutes_circulated,
        ));
        let what = match d.circulated {
            Some(_) => "the minutes were circulated",
            None => "the minutes were due out",
        };
        out.push(judge.judged(
            "agreement-returned",
            "Signed agreement returned",
            (d.agreements_from, what),
            policy.agreement_returned_within,
            d.agreements_by.clone(),
            cg.agreements_returned,
        ));
    }

    out.push(core_assessment(plan, policy, &judge));

    out.push(review_conference(plan, policy, &judge));
    out.push(visit(plan, policy, &judge, false));
    if policy.child_seen_alone_every.is_some() {
        out.push(visit(plan, policy, &judge, true));
    }
    // Empty unless the policy has a resolution process (Wales).
    out.extend(super::resolution::timescales(plan, policy, &judge));

    let mut overdue_actions: Vec<OverdueAction> = plan
        .actions
        .iter()
        .filter(|a| a.status.is_open())
        .filter_map(|a| {
            let due = a.due.filter(|d| *d < today)?;
            Some(OverdueAction {
                id: a.id.clone(),
                what: a.what.clone(),
                owner: a
                    .owner
                    .as_deref()
                    .map(|o| plan.member_name(o).to_string())
                    .unwrap_or_else(|| "no owner".into()),
                due,
                working_days_overdue: cal.working_days_between(due, today),
            })
        })
        .collect();
    overdue_actions.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));

    Status {
        case: plan.case.reference.clone(),
        today,
        timescales: out,
        overdue_actions,
        since_last_meeting: Vec::new(),
        minutes_versions: Vec::new(),
        open_disagreements: super::disagreements::open(plan)
            .into_iter()
            .map(|d| OpenDisagreement {
                id: d.id.clone(),
                who: d.who.clone(),
                about: d.about.clone(),
                raised: d.raised,
                age_days: d.age(today),
                standing: super::disagreements::standing_words(d),
                latest: d
                    .history
                    .last()
                    .map(|u| super::disagreements::describe(plan, u)),
            })
            .collect(),
    }
}

/// Every timescale of the case on `today`, from the plan, the meetings recorded in it and the
/// case log: each event logged is reflected at once.
pub fn case_status(
    plan: &Plan,
    log: &CaseLog,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> Status {
    let signs = policy.lead_worker_signs_agreement;
    let current = with_agreements(current_plan(plan, log), log, signs);
    let mut s = status(&current, policy, cal, today);
    let last = current.last_core_group().map(|cg| cg.date);
    if let Some(held) = last {
        let due = meeting_dates(held, None, policy.into(), cal)
            .circulate_by
            .in_practice();
        s.minutes_versions = History::of(&current, log, held, due, None).lines(true);
    }
    s.since_last_meeting = log
        .since(current.last_core_group(), today)
        .into_iter()
        .map(|e| Logged {
            date: e.date(),
            kind: e.kind(),
            text: e.describe(&current),
        })
        .collect();
    // Actions changed since (on the case screen, by `log DIR action`, by hand): their history
    // is the record, read here as the next meeting will show it.
    let last = current.last_core_group().map(|c| c.date);
    for a in &current.actions {
        for h in crate::domain::action_history::since(a, last, today) {
            let why = if h.note.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", h.note.trim())
            };
            s.since_last_meeting.push(Logged {
                date: h.date,
                kind: "action",
                text: format!(
                    "action {} {} ({}){why}",
                    a.id,
                    crate::domain::action_history::describe(h, &current),
                    crate::domain::action_history::who(h, &current)
                ),
            });
        }
    }
    s.since_last_meeting.sort_by_key(|l| l.date);
    if let Some(cg) = current.last_core_group()
        && cg.agreements_returned.is_none()
        && let Some(t) = s
            .timescales
            .iter_mut()
            .find(|t| t.key == "agreement-returned")
    {
        let returned = log.agreements_returned(cg.date);
        if !returned.is_empty() {
            let waiting: Vec<&str> = agreements_outstanding(&current, log, cg, signs)
                .into_iter()
                .map(|m| m.name.as_str())
                .collect();
            t.detail.push_str(&format!(
                "; returned by {} of {}, waiting for {}",
                returned.len(),
                returned.len() + waiting.len(),
                waiting.join(", ")
            ));
        }
    }
    // Minutes sent to some members count as circulated; those still to be sent are named. A
    // plan that records them going out before the log does says nothing of whom: every member.
    let recorded_first = |day: NaiveDate| {
        let in_plan = plan
            .key_dates
            .core_groups
            .iter()
            .find(|g| g.date == day)
            .and_then(|g| g.minutes_circulated);
        let in_log = log
            .circulated_days(&day.format("%Y-%m-%d").to_string())
            .first()
            .copied();
        matches!((in_plan, in_log), (Some(p), Some(l)) if p < l)
    };
    if let Some(cg) = current.last_core_group()
        && cg.minutes_circulated.is_some()
        && !recorded_first(cg.date)
        && let Some(to) = log.circulated_to(cg.date)
        && let Some(t) = s
            .timescales
            .iter_mut()
            .find(|t| t.key == "minutes-circulated")
    {
        let not_sent: Vec<&str> = members_on(&current, log, cg.date)
            .into_iter()
            .filter(|m| m.left.is_none() && !to.contains(&m.id.as_str()))
            .map(|m| m.name.as_str())
            .collect();
        if !not_sent.is_empty() {
            t.detail
                .push_str(&format!("; not yet sent to {}", not_sent.join(", ")));
        }
    }
    s.timescales.push(bedroom_seen(
        &current,
        log,
        policy,
        &Judge { cal, today },
        &s,
    ));
    let failed = failed_twice_in_a_row(&current, log);
    let who = if failed.is_empty() || failed.len() == current.children.len() {
        "the child".to_string()
    } else {
        child_names(failed.iter().copied())
    };
    let failed = if current.children.is_empty() {
        case_wide_failed_twice(log)
    } else {
        !failed.is_empty()
    };
    if let Some(t) = s.timescales.iter_mut().find(|t| t.key == "next-visit")
        && failed
    {
        t.detail.push_str(&format!(
            "; the last two visits did not see {who}: tell the key worker and agree action \
             with the police"
        ));
    }
    if let Some(ended) = log.plan_ended() {
        // Nothing further is owed once a review conference ends the plan.
        for t in &mut s.timescales {
            if FORWARD.contains(&t.key) && t.due.is_none_or(|d| d > ended) {
                t.state = State::Met;
                t.detail = format!(
                    "not needed: the review conference on {} ended the plan",
                    ended.format("%a %-d %b %Y")
                );
            }
        }
    }
    s
}

/// The timescales that look forward, and so lapse when the plan ends.
const FORWARD: [&str; 5] = [
    "next-core-group",
    "next-review-conference",
    "next-visit",
    "next-visit-alone",
    "bedroom-seen",
];

/// The child's bedroom must be seen at least once between conferences: by the next review
/// conference, counted from the last conference held.
fn bedroom_seen(
    plan: &Plan,
    log: &CaseLog,
    policy: &Policy,
    judge: &Judge,
    s: &Status,
) -> Timescale {
    let kd = &plan.key_dates;
    let since = match kd.review_conferences.iter().max() {
        Some(d) => Some((*d, "the last review conference")),
        None => kd.initial_conference.map(|d| (d, "the initial conference")),
    };
    let label = "Child's bedroom seen".to_string();
    let review = s
        .timescales
        .iter()
        .find(|t| t.key == "next-review-conference");
    let due = review_due(plan, policy, judge.cal).by();
    let (Some((from, what)), Some(due)) = (since, due) else {
        return Timescale {
            key: "bedroom-seen",
            label,
            due: None,
            latest_working_day: None,
            state: State::Unknown,
            detail: "the conference it counts from is not recorded".into(),
        };
    };
    // Each child's bedroom is seen once: the first visit since the conference that saw it.
    let first_seen = |child: Option<&Child>| {
        log.events()
            .filter_map(|e| match e {
                Event::Visit(v)
                    if v.bedroom_seen == Some(true)
                        && v.date >= from
                        && child.is_none_or(|c| v.is_for(c)) =>
                {
                    Some(v.date)
                }
                _ => None,
            })
            .min()
    };
    // An unborn child has no bedroom of their own yet.
    let born: Vec<&Child> = plan
        .children
        .iter()
        .filter(|c| c.date_of_birth.is_some())
        .collect();
    let each: Vec<(&Child, Option<NaiveDate>)> =
        born.iter().map(|c| (*c, first_seen(Some(c)))).collect();
    let done = if each.is_empty() {
        first_seen(None)
    } else {
        each.iter()
            .map(|(_, d)| *d)
            .collect::<Option<Vec<_>>>()
            .and_then(|d| d.into_iter().max())
    };
    let mut detail = format!(
        "once between conferences: since {what} ({}), by the next review",
        from.format("%a %-d %b %Y")
    );
    let not_yet: Vec<&Child> = each
        .iter()
        .filter(|(_, d)| d.is_none())
        .map(|(c, _)| *c)
        .collect();
    if let Some(d) = done {
        detail.push_str(&format!("; seen {}", d.format("%a %-d %b %Y")));
    } else if !not_yet.is_empty() && not_yet.len() < each.len() {
        detail.push_str(&format!(
            "; not yet seen for {}",
            child_names(not_yet.into_iter())
        ));
    }
    Timescale {
        key: "bedroom-seen",
        label,
        due: Some(due),
        latest_working_day: review
            .filter(|t| t.due == Some(due))
            .and_then(|t| t.latest_working_day),
        state: judge.state(due, done),
        detail,
    }
}

/// The children the latest two (or more) visits for them in a row did not see; a visit that saw
/// some of the children says nothing about the others. A plan without children counts every
/// visit.
fn failed_twice_in_a_row<'a>(plan: &'a Plan, log: &CaseLog) -> Vec<&'a Child> {
    let failed = |child: &Child| {
        log.by_date()
            .into_iter()
            .rev()
            .filter_map(|e| match e {
                Event::Visit(v) => v.for_child(child).map(|c| c.seen),
                _ => None,
            })
            .take_while(|seen| !seen)
            .count()
            >= 2
    };
    plan.children.iter().filter(|c| failed(c)).collect()
}

fn case_wide_failed_twice(log: &CaseLog) -> bool {
    log.by_date()
        .into_iter()
        .rev()
        .filter_map(|e| match e {
            Event::Visit(v) => Some(v.saw_anyone()),
            _ => None,
        })
        .take_while(|seen| !seen)
        .count()
        >= 2
}

fn review_conference(plan: &Plan, policy: &Policy, judge: &Judge) -> Timescale {
    let r = review_due(plan, policy, judge.cal);
    let label = "Next review conference";
    let mut t = match (r.from, r.due) {
        (Some(from), Some(due)) => {
            judge.judged("next-review-conference", label, from, r.period, due, None)
        }
        _ => judge.timescale("next-review-conference", label, None, r.period, None),
    };
    if let (Some(booked), Some(due)) = (r.booked, t.due) {
        t.detail
            .push_str(&format!("; booked for {}", booked.format("%a %-d %b %Y")));
        if booked > due {
            t.detail.push_str(" (later than the rules allow)");
            t.state = State::Overdue;
        }
    }
    t
}

/// When the child next must be seen (alone, when `alone`): each child is judged on their own
/// visits ([`visit_due`]), and the child due first gives the timescale. When the children are
/// not all due the same day, the detail names the child due first and when each other child is
/// due; a child not expected to be seen alone (too young) is named with the reason.
fn visit(plan: &Plan, policy: &Policy, judge: &Judge, alone: bool) -> Timescale {
    let (key, label) = if alone {
        ("next-visit-alone", "Child next seen alone")
    } else {
        ("next-visit", "Child next seen")
    };
    let judged = |v: &VisitDue, what: Option<&str>| match (v.from, &v.due) {
        (Some((from, from_what)), Some(due)) => judge.judged(
            key,
            label,
            (from, what.filter(|_| v.last.is_some()).unwrap_or(from_what)),
            v.period,
            due.clone(),
            None,
        ),
        _ => judge.timescale(key, label, None, v.period, None),
    };
    if plan.children.is_empty() {
        return judged(
            &visit_due_without_children(plan, policy, judge.cal, alone),
            None,
        );
    }
    let all: Vec<(&Child, VisitDue)> = plan
        .children
        .iter()
        .map(|c| (c, visit_due(plan, policy, judge.cal, c, alone, judge.today)))
        .collect();
    let (excused, each): (Vec<_>, Vec<_>) =
        all.into_iter().partition(|(_, v)| v.not_expected.is_some());
    let excused_words = excused
        .iter()
        .map(|(c, v)| {
            format!(
                "{} not expected to be seen alone: {}",
                c.name,
                v.not_expected.as_deref().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    if each.is_empty() {
        return Timescale {
            key,
            label: label.into(),
            due: None,
            latest_working_day: None,
            state: State::Met,
            detail: excused_words,
        };
    }
    // `None` sorts first: a child whose due day cannot be worked out comes first.
    let first_due = each
        .iter()
        .map(|(_, v)| v.due.as_ref().map(|d| d.date))
        .min()
        .flatten();
    let (first, rest): (Vec<_>, Vec<_>) = each
        .iter()
        .partition(|(_, v)| v.due.as_ref().map(|d| d.date) == first_due);
    let mut t = if rest.is_empty() && excused.is_empty() {
        judged(&first[0].1, None)
    } else {
        let names = child_names(first.iter().map(|(c, _)| *c));
        let verb = if first.len() == 1 { "was" } else { "were" };
        let seen = if alone { "seen alone" } else { "seen" };
        let named = format!("{names} {verb} last {seen}");
        let mut t = judged(&first[0].1, Some(&named));
        if first[0].1.last.is_none() {
            t.detail.push_str(&format!("; {names} not {seen} since"));
        }
        t
    };
    for (c, other) in rest {
        if let Some(due) = &other.due {
            t.detail.push_str(&format!(
                "; {} next due {}",
                c.name,
                due.date.format("%a %-d %b %Y")
            ));
        }
    }
    if !excused_words.is_empty() {
        t.detail.push_str(&format!("; {excused_words}"));
    }
    t
}

/// Children's names in words: "Kayla", "Kayla and Alfie", "Kayla, Alfie and Ben".
fn child_names<'a>(children: impl Iterator<Item = &'a Child>) -> String {
    let names: Vec<&str> = children.map(|c| c.name.as_str()).collect();
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, before)) => format!("{} and {last}", before.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod lateness_tests {
    use super::OverdueAction;
    use chrono::NaiveDate;

    #[test]
    fn lateness_is_said_in_words_with_one_and_none_read_as_people_say_them() {
        let late = |n| {
            OverdueAction {
                id: "a1".into(),
                what: "Ring the school".into(),
                owner: "Tom Ridley".into(),
                due: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                working_days_overdue: n,
            }
            .lateness()
        };
        assert_eq!(late(0), "past due, under a working day");
        assert_eq!(late(1), "1 working day over");
        assert_eq!(late(3), "3 working days over");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Division;
    use crate::domain::example;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn find<'a>(s: &'a Status, key: &str) -> &'a Timescale {
        s.timescales.iter().find(|t| t.key == key).unwrap()
    }

    #[test]
    fn the_next_core_group_is_six_weeks_after_the_last() {
        let today = d("2026-11-24");
        let plan = example::plan(today);
        let cal = Calendar::new(Division::EnglandAndWales);
        let s = status(&plan, &Policy::default(), &cal, today);
        let last = plan.key_dates.core_groups[0].date;
        let next = find(&s, "next-core-group");
        assert_eq!(next.due, Some(last + chrono::Days::new(42)));
    }

    #[test]
    fn working_day_deadlines_skip_christmas() {
        let mut plan = example::plan(d("2026-12-20"));
        plan.key_dates.core_groups[0].date = d("2026-12-17");
        plan.key_dates.core_groups[0].minutes_circulated = None;
        let cal = Calendar::new(Division::EnglandAndWales);
        let s = status(&plan, &Policy::default(), &cal, d("2026-12-18"));
        let minutes = find(&s, "minutes-circulated");
        // 5 working days after Thu 17 Dec 2026: 18, 21, 22, 23, 24 Dec.
        assert_eq!(minutes.due, Some(d("2026-12-24")));
        assert_eq!(minutes.state, State::DueSoon);
        // The agreement counts on from there: 29, 30, 31 Dec, 4, 5 Jan.
        assert_eq!(find(&s, "agreement-returned").due, Some(d("2027-01-05")));
    }

    #[test]
    fn states_follow_the_day_and_what_was_done() {
        let cal = Calendar::new(Division::EnglandAndWales);
        let judge = Judge {
            cal: &cal,
            today: d("2026-11-24"),
        };
        let due = d("2026-11-27");
        assert_eq!(judge.state(due, None), State::DueSoon);
        assert_eq!(judge.state(d("2026-12-31"), None), State::OnTrack);
        assert_eq!(judge.state(d("2026-11-23"), None), State::Overdue);
        assert_eq!(judge.state(due, Some(d("2026-11-26"))), State::Met);
        assert_eq!(judge.state(due, Some(d("2026-11-30"))), State::MetLate);
    }

    #[test]
    fn the_core_assessment_anchor_comes_from_the_policy() {
        let today = d("2026-11-24");
        let plan = example::plan(today);
        let cal = Calendar::new(Division::EnglandAndWales);
        let from_icpc = status(&plan, &Policy::default(), &cal, today);
        let policy = Policy {
            core_assessment_from: Anchor::StrategyDiscussion,
            ..Policy::default()
        };
        let from_sd = status(&plan, &policy, &cal, today);
        assert!(find(&from_sd, "core-assessment").due < find(&from_icpc, "core-assessment").due);
    }

    #[test]
    fn overdue_actions_are_open_and_past_due() {
        let today = d("2026-11-24");
        let mut plan = example::plan(today);
        plan.actions[0].due = Some(d("2026-11-17"));
        plan.actions[0].status = crate::domain::plan::ActionStatus::InProgress;
        plan.actions[1].due = Some(d("2026-11-17"));
        plan.actions[1].status = crate::domain::plan::ActionStatus::Achieved;
        let cal = Calendar::new(Division::EnglandAndWales);
        let s = status(&plan, &Policy::default(), &cal, today);
        let ids: Vec<_> = s.overdue_actions.iter().map(|a| a.id.as_str()).collect();
        assert!(ids.contains(&"a1"));
        assert!(!ids.contains(&"a2"));
        let a1 = s.overdue_actions.iter().find(|a| a.id == "a1").unwrap();
        assert_eq!(a1.working_days_overdue, 5);
    }

    /// Alfie (two) on his own plan, seen at every visit but never alone: too young.
    fn two_year_old(why: &str) -> (Plan, CaseLog) {
        let mut plan = example::plan(d("2026-11-24"));
        plan.children.remove(0);
        plan.key_dates.visits.clear();
        let mut v = visit_for("2026-11-20", &[], true);
        v.seen_alone = false;
        v.why_not = why.into();
        (plan, CaseLog::new(vec![Event::Visit(v)]))
    }

    #[test]
    fn a_two_year_old_is_not_overdue_for_seen_alone_nor_drifting() {
        let today = d("2027-03-01");
        let cal = Calendar::new(Division::EnglandAndWales);
        let (plan, log) = two_year_old("too young to be seen alone");
        let s = case_status(&plan, &log, &Policy::default(), &cal, today);
        let alone = find(&s, "next-visit-alone");
        assert_ne!(alone.state, State::Overdue, "{alone:?}");
        assert!(alone.detail.contains("too young"), "{alone:?}");
        let current = current_plan(&plan, &log);
        let drift = crate::domain::drift::drift(&current, &[], &Policy::default(), &cal, today);
        assert!(
            drift
                .iter()
                .all(|f| f.kind != crate::domain::drift::DriftKind::ChildNotSeenAlone),
            "{drift:?}"
        );
        // Not seen for months all the same: seen is still owed.
        assert_eq!(find(&s, "next-visit").state, State::Overdue);

        // Found too young at the visit, at an age the policy would expect it: not overdue.
        let policy = Policy {
            child_seen_alone_from_age: 0,
            ..Policy::default()
        };
        let s = case_status(&plan, &log, &policy, &cal, today);
        let alone = find(&s, "next-visit-alone");
        assert_ne!(alone.state, State::Overdue, "{alone:?}");
        assert!(
            alone.detail.contains("the visit of Fri 20 Nov 2026"),
            "{alone:?}"
        );
        // Another reason excuses nothing.
        let (plan, log) = two_year_old("asleep");
        let s = case_status(&plan, &log, &policy, &cal, today);
        assert_eq!(find(&s, "next-visit-alone").state, State::Overdue);
    }

    #[test]
    fn a_visit_by_the_health_visitor_is_not_the_social_workers_unless_the_policy_says() {
        let today = d("2026-12-10");
        let cal = Calendar::new(Division::EnglandAndWales);
        let mut plan = example::plan(d("2026-11-24"));
        plan.key_dates.visits.clear();
        let hv = plan
            .members
            .iter()
            .find(|m| m.role.to_lowercase().contains("health visitor"))
            .expect("the example has a health visitor")
            .id
            .clone();
        let mut v = visit_for("2026-12-08", &[], true);
        v.by = Some(hv);
        let log = CaseLog::new(vec![Event::Visit(v)]);
        let s = case_status(&plan, &log, &Policy::default(), &cal, today);
        let t = find(&s, "next-visit");
        assert!(!t.detail.contains("Tue 8 Dec 2026"), "{t:?}");
        let counted = Policy {
            visits_by_other_agencies_count: true,
            ..Policy::default()
        };
        let s = case_status(&plan, &log, &counted, &cal, today);
        let t = find(&s, "next-visit");
        assert!(
            t.detail.contains("the last visit (Tue 8 Dec 2026)"),
            "{t:?}"
        );
        assert_eq!(t.due, Some(d("2027-01-05")));
    }

    proptest::proptest! {
        /// One seen-alone date: drift flags the child not seen alone exactly when `status`
        /// says seen alone is overdue, and by the date `status` gives, whatever the visits,
        /// the day the plan started and the conference, and the day it is.
        #[test]
        fn drift_and_status_give_one_seen_alone_date(
            icpc_after in 0u64..40,
            visits in proptest::collection::vec((0u64..300, proptest::bool::ANY, 0usize..3), 0..5),
            later in 0u64..400,
        ) {
            let start = d("2026-01-05");
            let cal = Calendar::new(Division::EnglandAndWales);
            let policy = Policy::default();
            let mut plan = example::plan(d("2026-11-24"));
            for c in &mut plan.children {
                c.plan_started = start;
            }
            plan.key_dates.initial_conference = Some(start + chrono::Days::new(icpc_after));
            plan.key_dates.visits = visits
                .iter()
                .map(|(after, alone, who)| crate::domain::plan::KeyVisit {
                    date: start + chrono::Days::new(*after),
                    by: None,
                    seen_alone: *alone,
                    children: match who {
                        0 => Vec::new(),
                        n => vec![plan.children[n - 1].id.clone()],
                    },
                    each: Vec::new(),
                })
                .collect();
            let today = start + chrono::Days::new(later);
            let s = status(&plan, &policy, &cal, today);
            let alone = find(&s, "next-visit-alone");
            let flags = crate::domain::drift::drift(&plan, &[], &policy, &cal, today);
            let flag = flags
                .iter()
                .find(|f| f.kind == crate::domain::drift::DriftKind::ChildNotSeenAlone);
            proptest::prop_assert_eq!(flag.is_some(), alone.state == State::Overdue, "{:?} {:?}", alone, flag);
            if let (Some(f), Some(due)) = (flag, alone.due) {
                let by = format!("due by {}", due.format("%-d %b %Y"));
                proptest::prop_assert!(f.summary.contains(&by), "{} / {:?}", f.summary, alone);
            }
        }
    }

    /// The example with no visit in its plan, and a log of visits.
    fn visited(visits: Vec<crate::domain::case_log::Visit>, today: NaiveDate) -> Status {
        let mut plan = example::plan(d("2026-11-24"));
        plan.key_dates.visits.clear();
        let log = CaseLog::new(visits.into_iter().map(Event::Visit).collect());
        let cal = Calendar::new(Division::EnglandAndWales);
        case_status(&plan, &log, &Policy::default(), &cal, today)
    }

    fn visit_for(day: &str, children: &[&str], seen: bool) -> crate::domain::case_log::Visit {
        crate::domain::case_log::Visit {
            date: d(day),
            by: None,
            children: children.iter().map(|c| c.to_string()).collect(),
            seen,
            seen_alone: seen,
            bedroom_seen: seen.then_some(true),
            why_not: if seen {
                String::new()
            } else {
                "no answer".into()
            },
            each: Vec::new(),
        }
    }

    #[test]
    fn seeing_one_of_two_children_leaves_the_other_overdue_and_named() {
        let today = d("2026-11-24");
        let mut s = visited(vec![visit_for("2026-11-23", &["kayla"], true)], today);
        // Alfie is two: too young to be seen alone, so seen alone is a timescale of Kayla's.
        let alone = find(&s, "next-visit-alone");
        assert_eq!(alone.state, State::OnTrack, "{alone:?}");
        assert!(
            alone
                .detail
                .contains("Alfie Walsh not expected to be seen alone")
        );
        let mut older = example::plan(today);
        older.key_dates.visits.clear();
        older.children[1].date_of_birth = Some(d("2020-06-02"));
        let log = CaseLog::new(vec![Event::Visit(visit_for(
            "2026-11-23",
            &["kayla"],
            true,
        ))]);
        let cal = Calendar::new(Division::EnglandAndWales);
        let older = case_status(&older, &log, &Policy::default(), &cal, today);
        s.timescales.retain(|t| t.key != "next-visit-alone");
        s.timescales.push(find(&older, "next-visit-alone").clone());
        for key in ["next-visit", "next-visit-alone"] {
            let t = find(&s, key);
            assert_eq!(t.state, State::Overdue, "{key}: {t:?}");
            assert!(t.due.is_some_and(|due| due < today), "{t:?}");
            assert!(
                t.detail.contains("Alfie Walsh not seen"),
                "{key}: {}",
                t.detail
            );
            assert!(
                t.detail.contains("Kayla Brennan next due"),
                "{key}: {}",
                t.detail
            );
        }
        let bedroom = find(&s, "bedroom-seen");
        assert_ne!(bedroom.state, State::Met, "{bedroom:?}");
        assert!(bedroom.detail.contains("not yet seen for Alfie Walsh"));

        // Alfie seen too, later: Kayla is now due first, and named with her last visit.
        let s = visited(
            vec![
                visit_for("2026-11-20", &["kayla"], true),
                visit_for("2026-11-23", &["alfie"], true),
            ],
            today,
        );
        let t = find(&s, "next-visit");
        assert_eq!(t.due, Some(d("2026-12-18")), "4 weeks after Fri 20 Nov");
        assert_eq!(t.state, State::OnTrack);
        assert!(
            t.detail
                .contains("after Kayla Brennan was last seen (Fri 20 Nov 2026)"),
            "{}",
            t.detail
        );
        assert_eq!(find(&s, "bedroom-seen").state, State::Met);
        // Seen together: judged as one, in the words of old.
        let s = visited(vec![visit_for("2026-11-23", &[], true)], today);
        assert_eq!(find(&s, "next-visit").due, Some(d("2026-12-21")));
        assert!(find(&s, "next-visit").detail.contains("the last visit"));
    }

    #[test]
    fn two_failed_visits_in_a_row_are_counted_for_each_child() {
        let today = d("2026-11-24");
        let failed = "the last two visits did not see";
        let s = visited(
            vec![
                visit_for("2026-11-18", &["alfie"], false),
                visit_for("2026-11-20", &["kayla"], true),
                visit_for("2026-11-23", &["alfie"], false),
            ],
            today,
        );
        let detail = &find(&s, "next-visit").detail;
        assert!(
            detail.contains(&format!("{failed} Alfie Walsh:")),
            "a visit that saw only Kayla breaks no run of Alfie's: {detail}"
        );
        let s = visited(
            vec![
                visit_for("2026-11-18", &["alfie"], false),
                visit_for("2026-11-20", &[], true),
                visit_for("2026-11-23", &["alfie"], false),
            ],
            today,
        );
        assert!(!find(&s, "next-visit").detail.contains(failed));
        let s = visited(
            vec![
                visit_for("2026-11-20", &[], false),
                visit_for("2026-11-23", &[], false),
            ],
            today,
        );
        assert!(
            find(&s, "next-visit")
                .detail
                .contains(&format!("{failed} the child:"))
        );
    }

    #[test]
    fn minutes_sent_to_some_members_name_the_rest_unless_the_plan_had_them_out_before() {
        use crate::domain::case_log::Circulated;
        let today = d("2026-11-24");
        let mut plan = example::plan(today);
        let cg = plan.key_dates.core_groups[0].date;
        let log = CaseLog::new(vec![Event::Circulated(Circulated {
            date: cg + chrono::Days::new(2),
            meeting: cg.format("%Y-%m-%d").to_string(),
            to: vec!["sw".into(), "mum".into()],
            reason: None,
        })]);
        let cal = Calendar::new(Division::EnglandAndWales);
        let detail = |plan: &Plan| {
            let s = case_status(plan, &log, &Policy::default(), &cal, today);
            find(&s, "minutes-circulated").detail.clone()
        };
        // A plan that has them out the day after the meeting: to every member.
        plan.key_dates.core_groups[0].minutes_circulated = cg.succ_opt();
        assert!(!detail(&plan).contains("not yet sent"), "{}", detail(&plan));
        plan.key_dates.core_groups[0].minutes_circulated = None;
        let d = detail(&plan);
        assert!(d.contains("not yet sent to Dean Walsh"), "{d}");
        assert!(
            !d.contains("Hannah Mercer") && !d.contains("Shauna Brennan"),
            "{d}"
        );
    }

    #[test]
    fn a_pre_birth_plan_reviews_three_months_after_the_birth() {
        let today = d("2026-11-24");
        let mut plan = example::plan(today);
        plan.key_dates.review_conferences.clear();
        for c in &mut plan.children {
            c.date_of_birth = None;
            c.expected_date_of_birth = Some(d("2027-01-10"));
        }
        let cal = Calendar::new(Division::EnglandAndWales);
        let s = status(&plan, &Policy::default(), &cal, today);
        assert_eq!(
            find(&s, "next-review-conference").due,
            Some(d("2027-04-10"))
        );
    }
}
