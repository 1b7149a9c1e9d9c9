//! The rule-computed calendar against the published gov.uk list for 2020–2028, and the official
//! list taking precedence over the rules.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use coregroup::domain::calendar::{Calendar, Division, OfficialHolidays, parse_official};

const FIXTURE: &str = include_str!("fixtures/bank-holidays-2020-2028.json");
const YEARS: std::ops::RangeInclusive<i32> = 2020..=2028;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test dates are valid")
}

fn official() -> OfficialHolidays {
    parse_official(FIXTURE).expect("the fixture parses")
}

/// The fixture with `edit` applied to one division's event list, re-parsed.
fn edited(division: Division, edit: impl FnOnce(&mut Vec<serde_json::Value>)) -> OfficialHolidays {
    let mut doc: serde_json::Value = serde_json::from_str(FIXTURE).expect("fixture is JSON");
    let events = doc[division.key()]["events"]
        .as_array_mut()
        .expect("events is an array");
    edit(events);
    parse_official(&doc.to_string()).expect("edited fixture parses")
}

#[test]
fn fixture_parses_and_covers_every_division_and_year() {
    let official = official();
    for division in Division::ALL {
        let years: BTreeSet<i32> = official
            .events(division)
            .iter()
            .map(|e| e.date.year())
            .collect();
        assert_eq!(years, YEARS.collect(), "{division}");
    }
    let ni = official.events(Division::NorthernIreland);
    let boyne = ni
        .iter()
        .find(|e| e.date == d(2025, 7, 14))
        .expect("the 2025 Boyne substitute");
    assert_eq!(boyne.title, "Battle of the Boyne (Orangemen’s Day)");
    assert_eq!(boyne.notes, "Substitute day");
}

#[test]
fn rules_match_the_published_dates_exactly() {
    let official = official();
    let mut problems = Vec::new();
    for division in Division::ALL {
        let rules = Calendar::new(division);
        for year in YEARS {
            let published: BTreeSet<NaiveDate> = official
                .events(division)
                .iter()
                .map(|e| e.date)
                .filter(|date| date.year() == year)
                .collect();
            let computed: BTreeSet<NaiveDate> = rules
                .holidays_in(year)
                .into_iter()
                .map(|h| h.date)
                .collect();
            for missing in published.difference(&computed) {
                problems.push(format!("{division} {missing}: published, not computed"));
            }
            for extra in computed.difference(&published) {
                problems.push(format!("{division} {extra}: computed, not published"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rules_title_days_as_the_published_list_does() {
    // gov.uk names Scotland's 2023 pair differently from the rule used for every other clash
    // (including its own 2012 list): Monday is "New Year's Day" and Tuesday "2nd January". The
    // dates agree; only the labels are swapped.
    let label_swaps = [
        (Division::Scotland, d(2023, 1, 2)),
        (Division::Scotland, d(2023, 1, 3)),
    ];
    for division in Division::ALL {
        let rules = Calendar::new(division);
        let published = Calendar::new(division).with_official(&official());
        for year in YEARS {
            for holiday in published.holidays_in(year) {
                if label_swaps.contains(&(division, holiday.date)) {
                    continue;
                }
                assert_eq!(
                    rules.holiday(holiday.date).map(|h| h.title.as_str()),
                    Some(holiday.title.as_str()),
                    "{division} {}",
                    holiday.date
                );
            }
        }
    }
}

#[test]
fn official_dates_win_over_the_rules() {
    let official = edited(Division::EnglandAndWales, |events| {
        // Remove the 2026 spring bank holiday and add a made-up one.
        events.retain(|e| e["date"] != "2026-05-25");
        events.push(serde_json::json!({
            "title": "Made-up test holiday", "date": "2026-06-15", "notes": "", "bunting": false
        }));
    });
    let cal = Calendar::new(Division::EnglandAndWales).with_official(&official);
    assert!(cal.is_working_day(d(2026, 5, 25)));
    assert!(!cal.is_working_day(d(2026, 6, 15)));
    assert_eq!(
        cal.holiday(d(2026, 6, 15)).map(|h| h.title.as_str()),
        Some("Made-up test holiday")
    );
    // Official titles are used, substitute days marked as the rules mark them.
    assert_eq!(
        cal.holiday(d(2026, 12, 28)).map(|h| h.title.as_str()),
        Some("Boxing Day (substitute day)")
    );
    // Years the file does not cover keep the rules.
    assert!(!cal.is_working_day(d(2030, 5, 27)));
    assert!(!cal.is_working_day(d(2019, 5, 27)));
    // Another division's calendar ignores the England and Wales list.
    let scotland = Calendar::new(Division::Scotland).with_official(&official);
    assert!(!scotland.is_working_day(d(2026, 5, 25)));
    assert!(scotland.is_working_day(d(2026, 6, 15)));
    // Working days follow the official list.
    assert_eq!(
        cal.working_days_between(d(2026, 5, 22), d(2026, 5, 26)),
        2,
        "Friday 22 to Tuesday 26 May: Monday 25th is worked"
    );
}

#[test]
fn an_official_year_replaces_the_whole_computed_year() {
    let official = parse_official(
        r#"{"northern-ireland":{"division":"northern-ireland","events":[
            {"title":"Christmas Day","date":"2026-12-25","notes":"","bunting":true}]}}"#,
    )
    .expect("valid");
    let cal = Calendar::new(Division::NorthernIreland).with_official(&official);
    let dates: Vec<NaiveDate> = cal.holidays_in(2026).into_iter().map(|h| h.date).collect();
    assert_eq!(dates, [d(2026, 12, 25)]);
    assert!(cal.is_working_day(d(2026, 3, 17)));
    assert_eq!(cal.holidays_in(2025).len(), 10);
    assert_eq!(cal.holidays_in(2027).len(), 10);
}
