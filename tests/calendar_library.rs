//! The second check of the built-in bank holidays: every day of 2000–2035, in every division,
//! against a maintained holiday library's UK data (`fixtures/uk-holidays-library-2000-2035.tsv`,
//! written by `scripts/uk-holidays-from-library.py`; the library's version is in its header).
//! The first check, against gov.uk's own file, is `calendar_fixture.rs`. Where the two sources
//! and the rules disagree, the announcement that settles it is cited: beside the rule in
//! `src/domain/calendar.rs` when the rules were wrong, in [`LIBRARY_WRONG`] when the library is.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use coregroup::domain::calendar::{Calendar, Division};

const DATA: &str = include_str!("fixtures/uk-holidays-library-2000-2035.tsv");
const FIRST_YEAR: i32 = 2000;
const LAST_YEAR: i32 = 2035;

/// What the library says about a day that is not a bank holiday, or leaves out one that is.
struct LibraryWrong {
    division: Division,
    date: (i32, u32, u32),
    /// `true`: the library lists a day off that is a working day; `false`: it misses a bank
    /// holiday.
    library_lists_it: bool,
    why: &'static str,
}

/// Days on which the library is wrong, each with the announcement or law that says so. The rule
/// is not changed to agree with the library on these days.
const LIBRARY_WRONG: &[LibraryWrong] = &[LibraryWrong {
    division: Division::Scotland,
    date: (2006, 11, 30),
    library_lists_it: true,
    why: "St Andrew's Day became a bank holiday by the St Andrew's Day Bank Holiday (Scotland) \
          Act 2007 (asp 2, legislation.gov.uk/asp/2007/2), passed by the Scottish Parliament on \
          29 November 2006 but given Royal Assent on 15 January 2007 and in force from 16 January \
          2007; no proclamation made 30 November 2006 a bank holiday",
}];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test dates are valid")
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The data file: its header's library version, and each division's dates with their names.
struct Library {
    version: String,
    days: BTreeMap<Division, BTreeMap<NaiveDate, String>>,
}

fn library() -> Library {
    let mut version = None;
    let mut days: BTreeMap<Division, BTreeMap<NaiveDate, String>> = BTreeMap::new();
    for (index, line) in DATA.lines().enumerate() {
        let at = format!("uk-holidays-library-2000-2035.tsv line {}", index + 1);
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(v) = comment.trim().strip_prefix("holidays version:") {
                version = Some(v.trim().to_owned());
            }
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [division, date, name] = fields[..] else {
            panic!("{at}: expected division, date and name separated by tabs: {line:?}");
        };
        let division: Division = division.parse().unwrap_or_else(|e| panic!("{at}: {e}"));
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("{at}: date {date:?}: {e}"));
        let previous = days
            .entry(division)
            .or_default()
            .insert(date, name.to_owned());
        assert!(previous.is_none(), "{at}: {division} {date} listed twice");
    }
    Library {
        version: version.expect("the header names the library's version"),
        days,
    }
}

#[test]
fn the_data_file_covers_every_division_and_year() {
    let library = library();
    assert!(
        library
            .version
            .split('.')
            .all(|part| part.parse::<u32>().is_ok()),
        "version {:?}",
        library.version
    );
    for division in Division::ALL {
        let days = &library.days[&division];
        let years: BTreeSet<i32> = days.keys().map(|date| date.year()).collect();
        assert_eq!(years, (FIRST_YEAR..=LAST_YEAR).collect(), "{division}");
        // Christmas is listed every year on its own date, whatever day of the week it falls on.
        for year in FIRST_YEAR..=LAST_YEAR {
            assert!(days.contains_key(&d(year, 12, 25)), "{division} {year}");
        }
    }
}

#[test]
fn the_rules_agree_with_the_library_day_by_day() {
    let library = library();
    let mut problems = Vec::new();
    let mut excepted = BTreeSet::new();
    for division in Division::ALL {
        let rules = Calendar::new(division);
        let listed = &library.days[&division];
        let mut day = d(FIRST_YEAR, 1, 1);
        while day <= d(LAST_YEAR, 12, 31) {
            // Only weekdays can differ in what is worked: the library also lists the nominal
            // date of a holiday that falls on a weekend, beside the weekday it moves to.
            if !is_weekend(day) {
                let by_rules = rules.holiday(day);
                let by_library = listed.get(&day);
                if by_rules.is_some() != by_library.is_some() {
                    let exception = LIBRARY_WRONG.iter().position(|w| {
                        w.division == division
                            && d(w.date.0, w.date.1, w.date.2) == day
                            && w.library_lists_it == by_library.is_some()
                    });
                    match (exception, by_rules, by_library) {
                        (Some(index), _, _) => {
                            excepted.insert(index);
                        }
                        (None, Some(h), _) => problems.push(format!(
                            "{division} {day} {}: a bank holiday by the rules (\"{}\"), not in \
                             the library",
                            day.format("%a"),
                            h.title
                        )),
                        (None, None, Some(name)) => problems.push(format!(
                            "{division} {day} {}: in the library (\"{name}\"), worked by the \
                             rules",
                            day.format("%a")
                        )),
                        (None, None, None) => unreachable!("they disagree"),
                    }
                }
            }
            day = day.succ_opt().expect("within chrono's range");
        }
    }
    for (index, wrong) in LIBRARY_WRONG.iter().enumerate() {
        if !excepted.contains(&index) {
            problems.push(format!(
                "{} {:?}: listed as the library's mistake, but the rules and the library agree \
                 on it now ({}); remove the exception",
                wrong.division, wrong.date, wrong.why
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the rules and holidays {} disagree:\n{}",
        library.version,
        problems.join("\n")
    );
}
