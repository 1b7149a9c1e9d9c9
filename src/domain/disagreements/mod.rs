//! Disagreements the case carries between meetings.
//!
//! A disagreement is raised at a core group (`Meeting::disagreements`). The close copies each
//! one the meeting raised into the plan (`plan.yaml` `disagreements:`), as it copies actions,
//! and from then on the plan is the one place that says where it stands: every later meeting's
//! word on it (`Meeting::disagreement_reviews`) and every resolution logged between meetings
//! (`disagreement-resolved` in the case log, applied by `case_log::current_plan`) is an entry of
//! its history, and its standing is the last entry's. Nothing else stores whether it is open.

use super::meeting::Meeting;
use super::plan::Plan;
use chrono::NaiveDate;

mod carried;

pub use carried::{CarriedDisagreement, DisagreementReview, DisagreementUpdate, Route, Standing};

/// The disagreements meeting `meeting`, held on `day`, carries in from earlier meetings, in the
/// order they were raised: those open when it opened, and those that ended at the last meeting
/// or since (so the next record says how each ended, once).
pub fn carried_into<'a>(
    plan: &'a Plan,
    meeting: &str,
    day: NaiveDate,
) -> Vec<&'a CarriedDisagreement> {
    let last = plan
        .key_dates
        .core_groups
        .iter()
        .map(|c| c.date)
        .filter(|d| *d < day)
        .max();
    plan.disagreements
        .iter()
        .filter(|d| d.raised_at != meeting && d.raised <= day)
        .filter(|d| {
            let before: Vec<_> = d
                .history
                .iter()
                .filter(|u| u.meeting.as_deref() != Some(meeting) && u.date <= day)
                .collect();
            match before.last() {
                None => true,
                Some(u) if u.standing.is_open() => true,
                // Resolved at the meeting that raised it: its own minutes said so.
                Some(u) if u.meeting.as_deref() == Some(d.raised_at.as_str()) => false,
                Some(u) => last.is_some_and(|l| u.date >= l),
            }
        })
        .collect()
}

/// The disagreements open in the plan, oldest first.
pub fn open(plan: &Plan) -> Vec<&CarriedDisagreement> {
    let mut out: Vec<_> = plan.disagreements.iter().filter(|d| d.is_open()).collect();
    out.sort_by_key(|d| d.raised);
    out
}

/// At the close: each disagreement the meeting raised goes into the plan (again, with what it
/// says now, on a re-close), and each review of a carried one becomes the meeting's entry in
/// its history. A re-close replaces the meeting's own entries, so it adds nothing twice.
pub fn carry(plan: &mut Plan, meeting: &Meeting, day: NaiveDate) {
    let here = Some(meeting.id.as_str());
    for d in &meeting.disagreements {
        let resolved = d.resolved.then(|| DisagreementUpdate {
            date: day,
            meeting: Some(meeting.id.clone()),
            standing: Standing::Resolved,
            route: None,
            note: String::new(),
            by: String::new(),
            privacy: d.privacy.clone(),
        });
        let carried = CarriedDisagreement {
            id: d.id.clone(),
            who: d.who.clone(),
            about: d.about.clone(),
            reasons: d.reasons.clone(),
            route: d.route,
            raised_at: meeting.id.clone(),
            raised: day,
            history: resolved.into_iter().collect(),
            privacy: d.privacy.clone(),
        };
        match plan
            .disagreements
            .iter_mut()
            .find(|x| x.id == d.id && x.raised_at == meeting.id)
        {
            Some(slot) => {
                let later: Vec<_> = slot
                    .history
                    .drain(..)
                    .filter(|u| u.meeting.as_deref() != here)
                    .collect();
                *slot = carried;
                slot.history.extend(later);
            }
            None => plan.disagreements.push(carried),
        }
    }
    // Raised elsewhere and no longer in this record (taken out on a re-close): dropped.
    plan.disagreements.retain(|x| {
        x.raised_at != meeting.id || meeting.disagreements.iter().any(|d| d.id == x.id)
    });
    for d in &mut plan.disagreements {
        if d.raised_at == meeting.id {
            continue;
        }
        d.history.retain(|u| u.meeting.as_deref() != here);
        if let Some(r) = meeting
            .disagreement_reviews
            .iter()
            .find(|r| r.disagreement == d.id)
        {
            d.history.push(r.update(&meeting.id, day));
            d.history.sort_by_key(|u| u.date);
        }
    }
}

/// Who resolved it as typed: a member's id when it is a member's id or whole name, else the
/// name as typed.
pub fn who_resolved(plan: &Plan, typed: &str) -> String {
    let t = typed.trim();
    plan.members
        .iter()
        .find(|m| m.id == t || m.name.eq_ignore_ascii_case(t))
        .map_or_else(|| t.to_string(), |m| m.id.clone())
}

/// Who resolved it, by name when it names a member.
pub fn by_name<'a>(plan: &'a Plan, by: &'a str) -> &'a str {
    plan.member(by).map_or(by, |m| m.name.as_str())
}

/// One entry of a history in words, the same in the minutes, the family's copy, `status`, the
/// case screen and the report: "Tue 1 Dec 2026, at the core group: resolved by Sam Okafor:
/// contact moved to Saturdays".
pub fn describe(plan: &Plan, u: &DisagreementUpdate) -> String {
    let at = match &u.meeting {
        Some(_) => "at the core group",
        None => "logged between meetings",
    };
    let mut s = format!("{}, {at}: ", u.date.format("%a %-d %b %Y"));
    s.push_str(match u.standing {
        Standing::Open => "still open",
        Standing::Escalated => "escalated",
        Standing::Resolved => "resolved",
        Standing::Ended => "ended without being resolved",
    });
    if let (Standing::Escalated, Some(r)) = (u.standing, u.route) {
        s.push_str(&format!(" to {}", r.label()));
    }
    if !u.by.trim().is_empty() {
        s.push_str(&format!(" by {}", by_name(plan, u.by.trim())));
    }
    if !u.note.trim().is_empty() {
        s.push_str(&format!(": {}", u.note.trim()));
    }
    s
}

/// Where a disagreement was raised, in words: "at the core group of Tue 24 Nov 2026".
pub fn raised_words(d: &CarriedDisagreement) -> String {
    format!("at the core group of {}", d.raised.format("%a %-d %b %Y"))
}

/// Where it stands, in a few words: "open (escalated to managers / safeguarding leads)".
pub fn standing_words(d: &CarriedDisagreement) -> String {
    match d.standing() {
        Standing::Open => format!("open ({})", d.route_now().label()),
        Standing::Escalated => format!("open, escalated to {}", d.route_now().label()),
        Standing::Resolved => "resolved".into(),
        Standing::Ended => "ended without being resolved".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;
    use crate::domain::meeting::Disagreement;
    use crate::domain::privacy::Privacy;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    fn raised(plan: &Plan, id: &str, day: NaiveDate) -> Meeting {
        let mut m = Meeting::new(id.into(), "core-group".into(), day, plan);
        m.disagreements.push(Disagreement {
            id: "d1".into(),
            who: "Ms Brennan".into(),
            about: "Contact arrangements".into(),
            reasons: String::new(),
            route: Route::CoreGroup,
            resolved: false,
            privacy: Privacy::default(),
        });
        m
    }

    #[test]
    fn a_raised_disagreement_is_carried_until_a_review_resolves_it() {
        let mut plan = example::plan(day(2));
        let first = raised(&plan, "2026-11-03", day(3));
        carry(&mut plan, &first, day(3));
        carry(&mut plan, &first, day(3));
        assert_eq!(plan.disagreements.len(), 1, "a re-close adds nothing");
        assert_eq!(carried_into(&plan, "2026-11-17", day(17)).len(), 1);
        assert!(carried_into(&plan, "2026-11-03", day(3)).is_empty());

        let mut second = Meeting::new("2026-11-17".into(), "core-group".into(), day(17), &plan);
        second.disagreement_reviews.push(DisagreementReview {
            disagreement: "d1".into(),
            standing: Standing::Resolved,
            route: None,
            note: "Contact moved to Saturdays".into(),
            by: "sw".into(),
            on: None,
            privacy: Privacy::default(),
        });
        carry(&mut plan, &second, day(17));
        carry(&mut plan, &second, day(17));
        let d = &plan.disagreements[0];
        assert_eq!(d.history.len(), 1);
        assert_eq!(d.standing(), Standing::Resolved);
        assert_eq!(d.age(day(30)), 14);
        // The meeting that resolved it still carried it in; the next says how it ended; the
        // one after does not carry it.
        assert_eq!(carried_into(&plan, "2026-11-17", day(17)).len(), 1);
        for held in [3, 17] {
            plan.key_dates
                .core_groups
                .push(crate::domain::plan::CoreGroupHeld {
                    date: day(held),
                    minutes_circulated: None,
                    agreements_returned: None,
                    chair: None,
                    minute_taker: None,
                    events_shown: Vec::new(),
                });
        }
        assert_eq!(carried_into(&plan, "2026-11-24", day(24)).len(), 1);
        plan.key_dates
            .core_groups
            .push(crate::domain::plan::CoreGroupHeld {
                date: day(24),
                minutes_circulated: None,
                agreements_returned: None,
                chair: None,
                minute_taker: None,
                events_shown: Vec::new(),
            });
        assert!(carried_into(&plan, "2026-11-30", day(30)).is_empty());

        // Raised and resolved at one meeting: never carried.
        let mut settled = raised(&plan, "2026-11-30", day(30));
        settled.disagreements[0].id = "d2".into();
        settled.disagreements[0].resolved = true;
        carry(&mut plan, &settled, day(30));
        plan.key_dates
            .core_groups
            .push(crate::domain::plan::CoreGroupHeld {
                date: day(30),
                minutes_circulated: None,
                agreements_returned: None,
                chair: None,
                minute_taker: None,
                events_shown: Vec::new(),
            });
        let next = NaiveDate::from_ymd_opt(2026, 12, 14).unwrap_or_default();
        assert!(carried_into(&plan, "2026-12-14", next).is_empty());
        assert_eq!(plan.disagreements[1].standing(), Standing::Resolved);
        let line = describe(&plan, &plan.disagreements[0].history[0]);
        assert!(
            line.contains("resolved by") && line.contains("Saturdays"),
            "{line}"
        );
    }

    #[test]
    fn the_family_copy_check_reads_what_a_meeting_said_about_a_carried_one() {
        let mut plan = example::plan(day(2));
        let first = raised(&plan, "2026-11-03", day(3));
        carry(&mut plan, &first, day(3));
        let mut m = Meeting::new("2026-11-17".into(), "core-group".into(), day(17), &plan);
        m.disagreement_reviews.push(DisagreementReview {
            disagreement: "d1".into(),
            standing: Standing::Open,
            route: None,
            note: "Dean will ring the school on 07700 900123".into(),
            by: String::new(),
            on: None,
            privacy: Privacy::default(),
        });
        let found = crate::domain::family_check::concerns(&m, &plan);
        assert!(
            found
                .iter()
                .any(|c| c.place
                    == crate::domain::family_check::Place::DisagreementReview("d1".into())),
            "{found:?}"
        );
    }

    #[test]
    fn an_old_plan_without_disagreements_reads_and_unknown_fields_are_refused() {
        let u = "date: 2026-11-03\nstanding: resolved\nnot_for: [dad]\n";
        let u: DisagreementUpdate = yaml_serde::from_str(u).unwrap();
        assert_eq!(u.privacy.not_for, ["dad"]);
        let typo = "date: 2026-11-03\nstanding: resolved\nresolved_by: x\n";
        assert!(yaml_serde::from_str::<DisagreementUpdate>(typo).is_err());
    }
}
