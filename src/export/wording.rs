//! How dates, times, lists of names and labels are written in every document.

use chrono::{NaiveDate, NaiveTime};

/// "Tuesday 24 November 2026", as UK letters write it.
pub fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// "Tue 24 Nov 2026", for table cells.
pub fn short_date(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// "14 March 2017", for dates where the weekday means nothing (a birthday).
pub fn plain_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "10:00", the 24-hour clock.
pub fn time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// "25 min", "1 h 05 min": time spent, to the minute (rounded to the nearest).
pub fn duration(seconds: u64) -> String {
    let minutes = (seconds + 30) / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

/// First letter in upper case, the rest as it was ("core group meeting" → "Core group meeting").
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "A", "A and B", "A, B and C".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// "1 change", "2 changes".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The next review conference in words: the day booked, else the day it must be held by and
/// what that counts from, for the minutes and the report alike.
pub fn review_conference(r: &crate::domain::case_dates::ReviewDue) -> String {
    match (r.booked, &r.due, r.from) {
        (Some(b), _, _) => long_date(b),
        (None, Some(due), Some((from, what))) => format!(
            "not yet booked; due by {} ({} after {what}, {})",
            long_date(due.in_practice()),
            r.period,
            long_date(from)
        ),
        _ => "not yet set".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_lists_read_as_english() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(long_date(d), "Tuesday 24 November 2026");
        assert_eq!(short_date(d), "Tue 24 Nov 2026");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(capitalise("ŵyr"), "Ŵyr");
        assert_eq!(duration(1500), "25 min");
        assert_eq!(duration(3929), "1 h 05 min");
        assert_eq!(duration(29), "0 min");
    }
}
