use super::*;
use crate::domain::agenda::Policy;
use crate::domain::example;
use crate::domain::meeting::{Circumstance, CircumstanceKind};
use crate::domain::plan::{ActionPart, ActionUpdate, Made};
use crate::domain::privacy::Privacy;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-12-07";

/// The example case with a history from every source: the conference, its core group (with a
/// written update and a change of circumstances), seven signed agreements back over a week and
/// one more a fortnight later, a visit the log also holds, and an action re-dated between
/// meetings.
fn history() -> (Plan, Meeting, Vec<(NaiveDate, &'static str, String)>) {
    let today = d(TODAY);
    let mut plan = example::plan(today);
    // The minutes out the day after the meeting, as a plan may record it.
    let held = plan.key_dates.core_groups[0].date;
    plan.key_dates.core_groups[0].minutes_circulated = held.succ_opt();
    let mut m = example::past_meeting(today);
    m.circumstances.push(Circumstance {
        id: "ch1".into(),
        kind: CircumstanceKind::Household,
        detail: "Mr Walsh's brother stays most weekends.".into(),
        tell_conference_chair: true,
        privacy: Privacy::default(),
    });
    let a = &mut plan.actions[0];
    let was = a.due;
    a.due = Some(d("2026-12-16"));
    a.history.push(ActionUpdate {
        date: d("2026-11-12"),
        status: a.status,
        note: "The school asked for more time.".into(),
        by: Some("sw".into()),
        changed: vec![ActionPart::Due { was, now: a.due }],
        made: Made::BetweenMeetings,
        privacy: Privacy::default(),
    });
    let mut log: Vec<(NaiveDate, &'static str, String)> = [
        "2026-11-02",
        "2026-11-02",
        "2026-11-03",
        "2026-11-04",
        "2026-11-05",
        "2026-11-06",
        "2026-11-06",
        "2026-11-20",
    ]
    .iter()
    .map(|x| {
        (
            d(x),
            "agreement-returned",
            "Signed agreement returned".to_string(),
        )
    })
    .collect();
    let visit = plan.key_dates.visits[0].date;
    log.push((visit, "visit", "Hannah Mercer: home visit".into()));
    log.push((
        d("2026-11-10"),
        "change-reported",
        "Told the chair of the new visitor".into(),
    ));
    (plan, m, log)
}

fn sources<'a>(
    plan: &'a Plan,
    m: &'a Meeting,
    log: Vec<(NaiveDate, &'static str, String)>,
) -> Sources<'a> {
    Sources {
        plan,
        meetings: vec![(m.id.as_str(), m.details.date.unwrap(), m)],
        log,
        rules: (&Policy::default()).into(),
        from: plan.key_dates.initial_conference,
        to: d(TODAY),
    }
}

#[test]
fn every_source_gives_its_entries_each_named_and_in_date_order() {
    let (plan, m, log) = history();
    let all = entries(&sources(&plan, &m, log));
    let has = |source: &str, what: &str| {
        all.iter()
            .any(|e| e.source.starts_with(source) && e.what.contains(what))
    };
    assert!(has(
        "plan: key dates",
        "Initial child protection conference"
    ));
    assert!(has("minutes ", "Core group meeting held"));
    assert!(has("minutes ", "Written update from Dr Aisha Rahman"));
    assert!(has("minutes ", "Mr Walsh's brother stays most weekends."));
    assert!(has("plan: key dates", "circulated"));
    assert!(has("case log", "Told the chair of the new visitor"));
    assert!(has("case log", "Signed agreement returned"));
    assert!(has("visits", "Kayla Brennan"));
    assert!(has("action history", "The school asked for more time."));
    // The visit the log holds is the plan's visit: once, from the plan.
    let visits = all.iter().filter(|e| e.source == "visits").count();
    assert_eq!(visits, plan.key_dates.visits.len());
    assert!(!all.iter().any(|e| e.what.contains("home visit")));
    assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
}

#[test]
fn routine_entries_close_together_are_one_line_and_a_later_one_its_own() {
    let (plan, m, log) = history();
    let rows = rows(entries(&sources(&plan, &m, log)));
    let agreements: Vec<&ChronologyRow> = rows
        .iter()
        .filter(|r| r.what.starts_with("Signed agreement"))
        .collect();
    assert_eq!(agreements.len(), 2, "{agreements:#?}");
    assert_eq!(agreements[0].what, "Signed agreements returned: 7");
    assert_eq!(
        (agreements[0].from, agreements[0].to),
        (d("2026-11-02"), d("2026-11-06"))
    );
    assert_eq!(agreements[1].what, "Signed agreement returned");
    assert!(rows.windows(2).all(|w| w[0].from <= w[1].from));
    // Entries that are not routine are never merged, even on one day.
    let minutes = rows
        .iter()
        .filter(|r| r.source.starts_with("minutes "))
        .count();
    assert!(minutes >= 3, "{rows:#?}");
}

#[test]
fn no_line_says_its_days_in_its_words_as_well_as_in_its_dates() {
    let (plan, m, log) = history();
    let rows = rows(entries(&sources(&plan, &m, log)));
    // Every way a day of a line could be written in its words: "2 Nov", "2–6 Nov", "6 Nov".
    for r in &rows {
        let mut day = r.from;
        while day <= r.to {
            for said in [
                day.format("%-d %b").to_string(),
                day.format("%-d–").to_string(),
            ] {
                assert!(!r.what.contains(&said), "{said:?} twice in {r:#?}");
            }
            day = day.succ_opt().unwrap();
        }
    }
    assert!(rows.iter().any(|r| r.from != r.to), "a group is tested");
}
