//! The rule-computed calendar against the published gov.uk list for 2020–2028, and the official
//! list taking precedence over the rules.
//!
//! The fixture is gov.uk's list in the shape of its bank-holidays.json, as gov.uk's source
//! (alphagov/frontend, lib/data/bank-holidays.json at cb2a016, August 2026) gives it: the same
//! dates, titles and notes, including Scotland's World Cup bank holiday of 15 June 2026 (added
//! there on 25 February 2026). The second, independent check is `calendar_library.rs`.

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
            "title": "Made-up test holiday", "date": "2026-06-22", "notes": "", "bunting": false
        }));
    });
    let cal = Calendar::new(Division::EnglandAndWales).with_official(&official);
    assert!(cal.is_working_day(d(2026, 5, 25)));
    assert!(!cal.is_working_day(d(2026, 6, 22)));
    assert_eq!(
        cal.holiday(d(2026, 6, 22)).map(|h| h.title.as_str()),
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
    assert!(scotland.is_working_day(d(2026, 6, 22)));
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

/// Every bank holiday of 2012–2019, as stored copies of gov.uk's bank-holidays.json list them
/// (the copies are named in `src/domain/calendar.rs`); 2020 on is the fixture above.
const PUBLISHED_2012_2019: [(Division, i32, &str); 24] = [
    (
        Division::EnglandAndWales,
        2012,
        "01-02 04-06 04-09 05-07 06-04 06-05 08-27 12-25 12-26",
    ),
    (
        Division::EnglandAndWales,
        2013,
        "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    ),
    (
        Division::EnglandAndWales,
        2014,
        "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    ),
    (
        Division::EnglandAndWales,
        2015,
        "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
    ),
    (
        Division::EnglandAndWales,
        2016,
        "01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27",
    ),
    (
        Division::EnglandAndWales,
        2017,
        "01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26",
    ),
    (
        Division::EnglandAndWales,
        2018,
        "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26",
    ),
    (
        Division::EnglandAndWales,
        2019,
        "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26",
    ),
    (
        Division::Scotland,
        2012,
        "01-02 01-03 04-06 05-07 06-04 06-05 08-06 11-30 12-25 12-26",
    ),
    (
        Division::Scotland,
        2013,
        "01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26",
    ),
    (
        Division::Scotland,
        2014,
        "01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26",
    ),
    (
        Division::Scotland,
        2015,
        "01-01 01-02 04-03 05-04 05-25 08-03 11-30 12-25 12-28",
    ),
    (
        Division::Scotland,
        2016,
        "01-01 01-04 03-25 05-02 05-30 08-01 11-30 12-26 12-27",
    ),
    (
        Division::Scotland,
        2017,
        "01-02 01-03 04-14 05-01 05-29 08-07 11-30 12-25 12-26",
    ),
    (
        Division::Scotland,
        2018,
        "01-01 01-02 03-30 05-07 05-28 08-06 11-30 12-25 12-26",
    ),
    (
        Division::Scotland,
        2019,
        "01-01 01-02 04-19 05-06 05-27 08-05 12-02 12-25 12-26",
    ),
    (
        Division::NorthernIreland,
        2012,
        "01-02 03-19 04-06 04-09 05-07 06-04 06-05 07-12 08-27 12-25 12-26",
    ),
    (
        Division::NorthernIreland,
        2013,
        "01-01 03-18 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26",
    ),
    (
        Division::NorthernIreland,
        2014,
        "01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26",
    ),
    (
        Division::NorthernIreland,
        2015,
        "01-01 03-17 04-03 04-06 05-04 05-25 07-13 08-31 12-25 12-28",
    ),
    (
        Division::NorthernIreland,
        2016,
        "01-01 03-17 03-25 03-28 05-02 05-30 07-12 08-29 12-26 12-27",
    ),
    (
        Division::NorthernIreland,
        2017,
        "01-02 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26",
    ),
    (
        Division::NorthernIreland,
        2018,
        "01-01 03-19 03-30 04-02 05-07 05-28 07-12 08-27 12-25 12-26",
    ),
    (
        Division::NorthernIreland,
        2019,
        "01-01 03-18 04-19 04-22 05-06 05-27 07-12 08-26 12-25 12-26",
    ),
];

#[test]
fn rules_match_the_published_dates_of_2012_to_2019() {
    let mut problems = Vec::new();
    for (division, year, days) in PUBLISHED_2012_2019 {
        let published: Vec<NaiveDate> = days
            .split_whitespace()
            .map(|md| NaiveDate::parse_from_str(&format!("{year}-{md}"), "%Y-%m-%d").unwrap())
            .collect();
        let rules: Vec<NaiveDate> = Calendar::new(division)
            .holidays_in(year)
            .into_iter()
            .map(|h| h.date)
            .collect();
        if rules != published {
            problems.push(format!(
                "{division} {year}: rules {rules:?}, published {published:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_file_listing_part_of_a_year_is_reported_with_what_it_leaves_out() {
    // The whole fixture: no year is partial.
    for division in Division::ALL {
        assert!(official().partial_years(division).is_empty(), "{division}");
    }
    // 2026 cut down to Christmas and Boxing Day.
    let cut = edited(Division::EnglandAndWales, |events| {
        events.retain(|e| {
            let date = e["date"].as_str().unwrap();
            !date.starts_with("2026") || date >= "2026-12-25"
        });
    });
    let partial = cut.partial_years(Division::EnglandAndWales);
    assert_eq!(partial.len(), 1);
    assert_eq!(partial[0].year, 2026);
    assert_eq!(partial[0].listed, 2);
    let left_out: Vec<NaiveDate> = partial[0].left_out.iter().map(|h| h.date).collect();
    assert_eq!(
        left_out,
        [
            d(2026, 1, 1),
            d(2026, 4, 3),
            d(2026, 4, 6),
            d(2026, 5, 4),
            d(2026, 5, 25),
            d(2026, 8, 31)
        ]
    );
    let warning = partial[0].warning(Division::EnglandAndWales);
    assert!(
        warning.contains("2026") && warning.contains("Good Friday"),
        "{warning}"
    );
    // Other divisions of the same file are whole.
    assert!(cut.partial_years(Division::Scotland).is_empty());
}

#[test]
fn a_list_from_before_the_world_cup_proclamation_is_warned_about() {
    // gov.uk's file as it stood before 25 February 2026: nine 2026 holidays for Scotland.
    let before = edited(Division::Scotland, |events| {
        events.retain(|e| e["date"] != "2026-06-15");
    });
    let partial = before.partial_years(Division::Scotland);
    assert_eq!(partial.len(), 1);
    assert_eq!(partial[0].year, 2026);
    let left_out: Vec<NaiveDate> = partial[0].left_out.iter().map(|h| h.date).collect();
    assert_eq!(left_out, [d(2026, 6, 15)]);
    let warning = partial[0].warning(Division::Scotland);
    assert!(
        warning.contains("15 Jun World Cup bank holiday"),
        "{warning}"
    );
    // The file still wins, as the warning says: the day is worked.
    let cal = Calendar::new(Division::Scotland).with_official(&before);
    assert!(cal.is_working_day(d(2026, 6, 15)));
    // The current list needs no warning and counts the day.
    assert!(official().partial_years(Division::Scotland).is_empty());
    let cal = Calendar::new(Division::Scotland).with_official(&official());
    assert!(!cal.is_working_day(d(2026, 6, 15)));
}
