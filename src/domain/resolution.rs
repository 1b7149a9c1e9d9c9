//! The Welsh resolution process (Cwm Taf Morgannwg guidance §2, §5 and its flow chart): the
//! automatic trigger, and the dates of Tier 1, the core group after it, the 12-week Tier 2 point
//! and the Tier 2 meeting. Every number comes from the agenda's policy.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::Calendar;
use super::plan::Plan;
use super::timescale::{Judge, State, Timescale};
use crate::domain::agenda::{Policy, ResolutionPolicy};

/// Which rule starts the process automatically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TriggerRule {
    /// So long on the register (15 months) comes first.
    TimeOnRegister,
    /// The nth (third) review conference comes first.
    ReviewConference,
    /// Both fall on the same day, as they do when every review is held on its last allowed day.
    Both,
}

/// How sure the date of the triggering review conference is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewBasis {
    Held,
    Booked,
    /// The latest date the review intervals allow, counted from the last one held or booked.
    Projected,
}

/// When the resolution process starts automatically, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trigger {
    pub date: NaiveDate,
    pub rule: TriggerRule,
    /// `trigger_after` counted from the initial conference.
    pub time_on_register: Option<NaiveDate>,
    /// The `trigger_review_conference`th review conference.
    pub review_conference: Option<(NaiveDate, ReviewBasis)>,
    /// The day the child went on the register, and what that day was, in words.
    pub registered: Option<NaiveDate>,
    pub registered_from: &'static str,
}

/// Projecting reviews beyond this many steps means a policy number is absurd; stop there.
const MAX_PROJECTED_REVIEWS: u32 = 1000;

/// The automatic trigger: time on the register or the nth review conference, whichever is first.
/// `None` when neither can be worked out (no initial conference, no plan start, no reviews).
pub fn trigger(plan: &Plan, policy: &Policy, cal: &Calendar) -> Option<Trigger> {
    let resolution = policy.resolution.clone().unwrap_or_default();
    let kd = &plan.key_dates;
    let (registered, registered_from) = match (kd.initial_conference, plan.plan_started()) {
        (Some(d), _) => (Some(d), "the initial conference"),
        (None, Some(d)) => (Some(d), "the date the plan started"),
        (None, None) => (None, "the initial conference"),
    };
    let time_on_register = registered.map(|d| resolution.trigger_after.due_from(d, cal).date);
    let review_conference = nth_review(plan, policy, resolution.trigger_review_conference, cal);
    let (date, rule) = match (time_on_register, review_conference) {
        (Some(t), Some((r, _))) if t < r => (t, TriggerRule::TimeOnRegister),
        (Some(t), Some((r, _))) if r < t => (r, TriggerRule::ReviewConference),
        (Some(t), Some(_)) => (t, TriggerRule::Both),
        (Some(t), None) => (t, TriggerRule::TimeOnRegister),
        (None, Some((r, _))) => (r, TriggerRule::ReviewConference),
        (None, None) => return None,
    };
    Some(Trigger {
        date,
        rule,
        time_on_register,
        review_conference,
        registered,
        registered_from,
    })
}

/// The nth review conference: held, or booked, or projected from the last one by the policy's
/// review intervals (the first from the initial conference, or the birth for a pre-birth plan).
fn nth_review(
    plan: &Plan,
    policy: &Policy,
    n: u32,
    cal: &Calendar,
) -> Option<(NaiveDate, ReviewBasis)> {
    if n == 0 {
        return None;
    }
    let kd = &plan.key_dates;
    let mut held = kd.review_conferences.clone();
    held.sort();
    if let Some(d) = held.get(n as usize - 1) {
        return Some((*d, ReviewBasis::Held));
    }
    let mut count = held.len() as u32;
    let mut last = held.last().copied();
    let first_from = || super::case_dates::first_review_from(plan).map(|(d, _)| d);
    // The next review, if booked after the last one held, is the next in the series.
    let booked = kd
        .next_review_conference
        .filter(|b| last.is_none_or(|l| *b > l));
    let mut date = match booked {
        Some(b) => {
            count += 1;
            if count == n {
                return Some((b, ReviewBasis::Booked));
            }
            b
        }
        None => match last.take() {
            Some(l) => l,
            None => {
                let first = policy.first_review_within.due_from(first_from()?, cal).date;
                count += 1;
                if count == n {
                    return Some((first, ReviewBasis::Projected));
                }
                first
            }
        },
    };
    let mut steps = 0;
    while count < n {
        steps += 1;
        if steps > MAX_PROJECTED_REVIEWS || date == NaiveDate::MAX {
            return None;
        }
        date = policy.later_reviews_within.due_from(date, cal).date;
        count += 1;
    }
    Some((date, ReviewBasis::Projected))
}

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn unknown(key: &'static str, label: &str, detail: &str) -> Timescale {
    Timescale {
        key,
        label: label.into(),
        due: None,
        latest_working_day: None,
        state: State::Unknown,
        detail: detail.into(),
    }
}

/// The resolution timescales of a case whose agenda has a resolution process (none otherwise).
/// Keys: `resolution-trigger`, `resolution-tier1-meeting`, `resolution-core-group-after-tier1`,
/// `resolution-tier2-point`, `resolution-tier2-meeting`.
pub fn timescales(plan: &Plan, policy: &Policy, judge: &Judge) -> Vec<Timescale> {
    let Some(resolution) = &policy.resolution else {
        return Vec::new();
    };
    let kd = &plan.key_dates;
    let mut out = Vec::new();

    let trigger = trigger(plan, policy, judge.cal);
    out.push(match &trigger {
        Some(t) => trigger_timescale(t, resolution, kd.resolution_requested, judge),
        None => unknown(
            "resolution-trigger",
            "Resolution process starts automatically",
            "the initial conference is not recorded",
        ),
    });

    // Tier 1 counts from the request; after an automatic trigger with no request, from the trigger.
    let started = match (kd.resolution_requested, &trigger) {
        (Some(r), _) => Some((r, "the resolution request")),
        (None, Some(t)) if t.date <= judge.today => Some((t.date, "the automatic trigger")),
        _ => None,
    };
    let tier1_label = "Tier 1 resolution meeting";
    out.push(match (started, kd.tier1_meeting) {
        (Some(from), held) => judge.timescale(
            "resolution-tier1-meeting",
            tier1_label,
            Some(from),
            resolution.tier1_within,
            held,
        ),
        (None, Some(held)) => Timescale {
            state: State::Met,
            detail: format!("held {}", day(held)),
            ..unknown("resolution-tier1-meeting", tier1_label, "")
        },
        (None, None) => unknown(
            "resolution-tier1-meeting",
            tier1_label,
            "no resolution request is recorded and the automatic trigger is not reached",
        ),
    });

    let not_held = "the Tier 1 meeting has not been held";
    let Some(tier1) = kd.tier1_meeting else {
        out.push(unknown(
            "resolution-core-group-after-tier1",
            "Core group after Tier 1",
            not_held,
        ));
        out.push(unknown(
            "resolution-tier2-point",
            "Tier 2 decision point",
            not_held,
        ));
        out.push(unknown(
            "resolution-tier2-meeting",
            "Tier 2 resolution meeting",
            not_held,
        ));
        return out;
    };
    let since_tier1 = Some((tier1, "the Tier 1 meeting"));
    let core_group_after = kd
        .core_groups
        .iter()
        .map(|c| c.date)
        .filter(|d| *d > tier1)
        .min();
    out.push(judge.timescale(
        "resolution-core-group-after-tier1",
        "Core group after Tier 1",
        since_tier1,
        resolution.core_group_after_tier1,
        core_group_after,
    ));

    // The point by which Tier 2 must be triggered unless risk has significantly reduced; holding
    // Tier 2 shows the decision was taken.
    let mut point = judge.timescale(
        "resolution-tier2-point",
        "Tier 2 decision point",
        since_tier1,
        resolution.tier2_after,
        None,
    );
    if let Some(t2) = kd.tier2_meeting {
        point.state = State::Met;
        point.detail.push_str(&format!("; Tier 2 held {}", day(t2)));
    } else {
        point
            .detail
            .push_str("; Tier 2 must be triggered unless risk has significantly reduced");
    }
    let point_date = point.due;
    out.push(point);

    out.push(judge.timescale(
        "resolution-tier2-meeting",
        "Tier 2 resolution meeting",
        point_date.map(|d| (d, "the Tier 2 decision point")),
        resolution.tier2_within,
        kd.tier2_meeting,
    ));
    out
}

fn trigger_timescale(
    t: &Trigger,
    resolution: &ResolutionPolicy,
    requested: Option<NaiveDate>,
    judge: &Judge,
) -> Timescale {
    let n = ordinal(resolution.trigger_review_conference);
    let since = t
        .registered
        .map(|r| format!(" since {} on {}", t.registered_from, day(r)))
        .unwrap_or_default();
    let time = |d: NaiveDate| {
        format!(
            "{} on the register{since} ({})",
            resolution.trigger_after,
            day(d)
        )
    };
    let review = |(d, basis): (NaiveDate, ReviewBasis)| {
        let how = match basis {
            ReviewBasis::Held => "held",
            ReviewBasis::Booked => "booked",
            ReviewBasis::Projected => "at the latest",
        };
        format!("the {n} review conference ({how} {})", day(d))
    };
    let mut detail = match (t.rule, t.time_on_register, t.review_conference) {
        (TriggerRule::Both, Some(tr), Some(rc)) => {
            format!("{} and {} fall on the same day", time(tr), review(rc))
        }
        (TriggerRule::TimeOnRegister, Some(tr), Some(rc)) => {
            format!("{} comes before {}", time(tr), review(rc))
        }
        (TriggerRule::ReviewConference, Some(tr), Some(rc)) => {
            format!("{} comes before {}", review(rc), time(tr))
        }
        (_, Some(tr), None) => time(tr),
        (_, None, Some(rc)) => review(rc),
        (_, None, None) => String::new(),
    };
    if let Some(r) = requested {
        detail.push_str(&format!("; resolution requested {}", day(r)));
    }
    let latest_working_day = (!judge.cal.is_working_day(t.date))
        .then(|| judge.cal.latest_working_day_on_or_before(t.date));
    Timescale {
        key: "resolution-trigger",
        label: "Resolution process starts automatically".into(),
        due: Some(t.date),
        latest_working_day,
        state: judge.state(t.date, requested),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Division;
    use crate::domain::example;
    use crate::domain::period::Period;
    use crate::domain::plan::CoreGroupHeld;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test dates are valid")
    }

    fn wales() -> Policy {
        Policy {
            social_worker_may_chair: false,
            resolution: Some(ResolutionPolicy::default()),
            ..Policy::default()
        }
    }

    fn cal() -> Calendar {
        Calendar::new(Division::EnglandAndWales)
    }

    /// The example case, put on the register on Monday 5 January 2026.
    fn case(reviews: &[&str]) -> Plan {
        let mut plan = example::plan(d("2026-11-24"));
        plan.key_dates.initial_conference = Some(d("2026-01-05"));
        plan.key_dates.strategy_discussion = Some(d("2025-12-15"));
        for c in &mut plan.children {
            c.plan_started = d("2026-01-05");
        }
        plan.key_dates.review_conferences = reviews.iter().map(|r| d(r)).collect();
        plan.key_dates.next_review_conference = None;
        plan.key_dates.core_groups = vec![CoreGroupHeld {
            date: d("2026-01-15"),
            minutes_circulated: None,
            agreements_returned: None,
            chair: None,
            minute_taker: None,
            events_shown: Vec::new(),
        }];
        plan
    }

    fn find<'a>(ts: &'a [Timescale], key: &str) -> &'a Timescale {
        ts.iter()
            .find(|t| t.key == key)
            .unwrap_or_else(|| panic!("{key}"))
    }

    #[test]
    fn fifteen_months_comes_first_when_the_first_review_was_late() {
        // ICPC Mon 5 Jan 2026 + 15 months = Mon 5 Apr 2027. The first review slipped to 20 Apr,
        // the second was on 19 Oct, so the third can be as late as 19 Apr 2027.
        let plan = case(&["2026-04-20", "2026-10-19"]);
        let t = trigger(&plan, &wales(), &cal()).expect("a trigger");
        assert_eq!(t.date, d("2027-04-05"));
        assert_eq!(t.rule, TriggerRule::TimeOnRegister);
        assert_eq!(
            t.review_conference,
            Some((d("2027-04-19"), ReviewBasis::Projected))
        );
    }

    #[test]
    fn the_third_review_comes_first_when_reviews_were_brought_forward() {
        // Reviews brought forward: 2 Mar, 6 Jul and 7 Dec 2026; 15 months would be 5 Apr 2027.
        let plan = case(&["2026-07-06", "2026-03-02", "2026-12-07"]);
        let t = trigger(&plan, &wales(), &cal()).expect("a trigger");
        assert_eq!(t.date, d("2026-12-07"));
        assert_eq!(t.rule, TriggerRule::ReviewConference);
        assert_eq!(
            t.review_conference,
            Some((d("2026-12-07"), ReviewBasis::Held))
        );
        assert_eq!(t.time_on_register, Some(d("2027-04-05")));
    }

    #[test]
    fn a_pre_birth_plan_reaches_fifteen_months_before_its_third_review() {
        // Pre-birth conference Mon 5 Jan 2026; Alfie is expected on Mon 2 Mar 2026, so the first
        // review is due 3 months after the birth: Tue 2 Jun 2026; the second 6 months on, Wed
        // 2 Dec 2026; the third 6 months on, Wed 2 Jun 2027. 15 months on the register from the
        // conference is Mon 5 Apr 2027, which comes first, though every review is on time.
        let mut plan = case(&[]);
        let unborn = plan
            .children
            .iter_mut()
            .find(|c| c.id == "alfie")
            .expect("the example has Alfie");
        unborn.date_of_birth = None;
        unborn.expected_date_of_birth = Some(d("2026-03-02"));
        let t = trigger(&plan, &wales(), &cal()).expect("a trigger");
        assert_eq!(t.date, d("2027-04-05"));
        assert_eq!(t.rule, TriggerRule::TimeOnRegister);
        assert_eq!(
            t.review_conference,
            Some((d("2027-06-02"), ReviewBasis::Projected))
        );
        let judge = Judge {
            cal: &cal(),
            today: d("2026-11-24"),
        };
        let ts = timescales(&plan, &wales(), &judge);
        assert_eq!(
            find(&ts, "resolution-trigger").detail,
            "15 months on the register since the initial conference on Mon 5 Jan 2026 \
             (Mon 5 Apr 2027) comes before the 3rd review conference (at the latest Wed 2 Jun 2027)"
        );
    }

    #[test]
    fn reviews_held_on_time_but_early_reach_the_third_review_first() {
        // Conference Mon 5 Jan 2026. Reviews held within their limits but each a little early:
        // Mon 30 Mar 2026 (limit 5 Apr), Mon 28 Sep 2026 (limit 30 Sep) and Mon 22 Mar 2027
        // (limit 28 Mar). The third is on Mon 22 Mar 2027, before 15 months (Mon 5 Apr 2027).
        let plan = case(&["2026-03-30", "2026-09-28", "2027-03-22"]);
        let t = trigger(&plan, &wales(), &cal()).expect("a trigger");
        assert_eq!(t.date, d("2027-03-22"));
        assert_eq!(t.rule, TriggerRule::ReviewConference);
        assert_eq!(t.time_on_register, Some(d("2027-04-05")));
        // Before it is held, the series projects it from the second: 28 Sep + 6 months is
        // Sun 28 Mar 2027, still before 15 months.
        let plan = case(&["2026-03-30", "2026-09-28"]);
        let t = trigger(&plan, &wales(), &cal()).expect("a trigger");
        assert_eq!(t.date, d("2027-03-28"));
        assert_eq!(t.rule, TriggerRule::ReviewConference);
        assert_eq!(
            t.review_conference,
            Some((d("2027-03-28"), ReviewBasis::Projected))
        );
    }

    #[test]
    fn reviews_on_their_last_allowed_days_meet_fifteen_months_exactly() {
        // 3 months + 6 months + 6 months = 15 months: 5 Apr, 5 Oct 2026, 5 Apr 2027.
        let plan = case(&[]);
        let t = trigger(&plan, &wales(), &cal()).expect("a trigger");
        assert_eq!(t.date, d("2027-04-05"));
        assert_eq!(t.rule, TriggerRule::Both);
        assert_eq!(
            t.review_conference,
            Some((d("2027-04-05"), ReviewBasis::Projected))
        );
    }

    #[test]
    fn a_booked_review_counts_in_the_series() {
        // The second review is booked early, for 3 Aug 2026; the third then falls by 3 Feb 2027.
        let mut plan = case(&["2026-03-30"]);
        plan.key_dates.next_review_conference = Some(d("2026-08-03"));
        let t = trigger(&plan, &wales(), &cal()).expect("a trigger");
        assert_eq!(t.date, d("2027-02-03"));
        assert_eq!(t.rule, TriggerRule::ReviewConference);
        // Booked as the third itself.
        let mut plan = case(&["2026-03-30", "2026-08-03"]);
        plan.key_dates.next_review_conference = Some(d("2026-11-30"));
        let t = trigger(&plan, &wales(), &cal()).expect("a trigger");
        assert_eq!(
            t.review_conference,
            Some((d("2026-11-30"), ReviewBasis::Booked))
        );
    }

    #[test]
    fn the_numbers_come_from_the_policy() {
        let plan = case(&[]);
        let mut policy = wales();
        policy.resolution = Some(ResolutionPolicy {
            trigger_after: Period::Months(12),
            trigger_review_conference: 2,
            ..ResolutionPolicy::default()
        });
        // 12 months: 5 Jan 2027; 2nd review at the latest 5 Oct 2026.
        let t = trigger(&plan, &policy, &cal()).expect("a trigger");
        assert_eq!(t.date, d("2026-10-05"));
        assert_eq!(t.rule, TriggerRule::ReviewConference);
        assert_eq!(t.time_on_register, Some(d("2027-01-05")));
    }

    #[test]
    fn absurd_numbers_do_not_hang_or_panic() {
        let plan = case(&[]);
        let mut policy = wales();
        policy.later_reviews_within = Period::Months(0);
        policy.resolution = Some(ResolutionPolicy {
            trigger_review_conference: u32::MAX,
            trigger_after: Period::Months(u32::MAX),
            ..ResolutionPolicy::default()
        });
        let t = trigger(&plan, &policy, &cal()).expect("a trigger");
        assert_eq!(t.review_conference, None);
        assert_eq!(t.date, NaiveDate::MAX);
        let mut bare = case(&[]);
        bare.key_dates.initial_conference = None;
        bare.children.clear();
        assert_eq!(trigger(&bare, &wales(), &cal()), None);
        let judge = Judge {
            cal: &cal(),
            today: d("2026-11-24"),
        };
        let ts = timescales(&bare, &wales(), &judge);
        assert_eq!(ts.len(), 5);
        assert!(ts.iter().all(|t| t.state == State::Unknown));
    }

    #[test]
    fn tier_dates_from_a_request_before_christmas_to_tier_2_after_easter() {
        let mut plan = case(&["2026-04-01", "2026-09-30"]);
        // Requested Thu 17 Dec 2026: 10 working days skip Christmas, Boxing Day (substitute)
        // and New Year's Day, so Tier 1 is due Tue 5 Jan 2027.
        plan.key_dates.resolution_requested = Some(d("2026-12-17"));
        let cal = cal();
        let judge = Judge {
            cal: &cal,
            today: d("2026-12-18"),
        };
        let ts = timescales(&plan, &wales(), &judge);
        let tier1 = find(&ts, "resolution-tier1-meeting");
        assert_eq!(tier1.due, Some(d("2027-01-05")));
        assert_eq!(tier1.state, State::OnTrack);
        assert!(
            tier1.detail.contains("the resolution request"),
            "{}",
            tier1.detail
        );
        assert_eq!(find(&ts, "resolution-tier2-meeting").state, State::Unknown);
        // The request came before the automatic trigger: that is met.
        assert_eq!(find(&ts, "resolution-trigger").state, State::Met);

        // Tier 1 held Mon 4 Jan 2027.
        plan.key_dates.tier1_meeting = Some(d("2027-01-04"));
        let judge = Judge {
            cal: &cal,
            today: d("2027-01-05"),
        };
        let ts = timescales(&plan, &wales(), &judge);
        assert_eq!(find(&ts, "resolution-tier1-meeting").state, State::Met);
        // 6 weeks: Mon 15 Feb 2027.
        assert_eq!(
            find(&ts, "resolution-core-group-after-tier1").due,
            Some(d("2027-02-15"))
        );
        // 12 weeks: Mon 29 Mar 2027 is Easter Monday; Good Friday is 26 Mar, so the last
        // working day before it is Thu 25 Mar.
        let point = find(&ts, "resolution-tier2-point");
        assert_eq!(point.due, Some(d("2027-03-29")));
        assert_eq!(point.latest_working_day, Some(d("2027-03-25")));
        // 10 working days after Easter Monday: 30, 31 Mar, 1, 2, 5, 6, 7, 8, 9, 12 Apr.
        let tier2 = find(&ts, "resolution-tier2-meeting");
        assert_eq!(tier2.due, Some(d("2027-04-12")));
        assert!(
            tier2.detail.contains("Tier 2 decision point"),
            "{}",
            tier2.detail
        );

        // The core group after Tier 1 met on 10 Feb; Tier 2 held 14 Apr, two days late.
        plan.key_dates.core_groups.push(CoreGroupHeld {
            date: d("2027-02-10"),
            minutes_circulated: None,
            agreements_returned: None,
            chair: None,
            minute_taker: None,
            events_shown: Vec::new(),
        });
        plan.key_dates.tier2_meeting = Some(d("2027-04-14"));
        let judge = Judge {
            cal: &cal,
            today: d("2027-04-20"),
        };
        let ts = timescales(&plan, &wales(), &judge);
        assert_eq!(
            find(&ts, "resolution-core-group-after-tier1").state,
            State::Met
        );
        assert_eq!(find(&ts, "resolution-tier2-point").state, State::Met);
        assert_eq!(find(&ts, "resolution-tier2-meeting").state, State::MetLate);
    }

    #[test]
    fn an_automatic_trigger_without_a_request_starts_the_tier_1_clock() {
        // Third review held Mon 7 Dec 2026 (reviews brought forward), no request recorded.
        let plan = case(&["2026-03-02", "2026-07-06", "2026-12-07"]);
        let cal = cal();
        let judge = Judge {
            cal: &cal,
            today: d("2026-12-10"),
        };
        let ts = timescales(&plan, &wales(), &judge);
        let trig = find(&ts, "resolution-trigger");
        assert_eq!(trig.due, Some(d("2026-12-07")));
        assert_eq!(trig.state, State::Overdue);
        assert!(
            trig.detail.starts_with(
                "the 3rd review conference (held Mon 7 Dec 2026) comes before 15 months"
            ),
            "{}",
            trig.detail
        );
        let tier1 = find(&ts, "resolution-tier1-meeting");
        // 8, 9, 10, 11, 14, 15, 16, 17, 18, 21 Dec.
        assert_eq!(tier1.due, Some(d("2026-12-21")));
        assert!(
            tier1.detail.contains("the automatic trigger"),
            "{}",
            tier1.detail
        );
        // Before the trigger, Tier 1 has no date.
        let judge = Judge {
            cal: &cal,
            today: d("2026-12-04"),
        };
        let ts = timescales(&plan, &wales(), &judge);
        assert_eq!(find(&ts, "resolution-tier1-meeting").state, State::Unknown);
    }

    #[test]
    fn no_resolution_policy_no_timescales() {
        let plan = case(&[]);
        let cal = cal();
        let judge = Judge {
            cal: &cal,
            today: d("2026-11-24"),
        };
        assert!(timescales(&plan, &Policy::default(), &judge).is_empty());
    }

    #[test]
    fn ordinals_read_naturally() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
    }
}
