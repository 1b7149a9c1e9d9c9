//! Natural date entry: turns what a chair types mid-meeting ("fri 2pm", "2w",
//! "4/12", "2026-12-04T10:00") into a date and an optional time.
//!
//! Pure and clock-free: the caller passes `today`, so the same text always
//! resolves the same way in tests and in the minutes.
//!
//! Rules worth knowing (all input is case-insensitive, UK day/month order):
//! - A time may follow any date form, separated by a space or " at ".
//! - Weekday names ("fri", "next fri") mean the next such day strictly after
//!   today, so "fri" typed on a Friday is a week later; "this fri" includes today.
//! - Offsets ("2w", "3 days", "+10d", "in 1 month") count from today; months
//!   clamp to the month end (31 Jan + 1m = 28 Feb).
//! - Day and month name without a year ("4 dec") is the next occurrence on or
//!   after today.
//! - Numeric day/month without a year ("4/12") uses the roll-over rule of
//!   [`parse`]: this year, unless that is more than two months in the past.
//! - Two-digit years mean 20yy. Years outside 1900..=2200 are rejected, as is
//!   any result outside that range.
//! - 29 February in a year that lacks it is an error, never silently moved.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, Timelike, Weekday};

/// Longer input cannot be a date; the cap keeps error messages short.
const MAX_INPUT_CHARS: usize = 100;
const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2200;

const GENERAL_HINT: &str = r#"try "fri", "2w", "tomorrow 10:00", "4/12" or "2026-12-04""#;
const TIME_HINT: &str = r#"try "10:00", "10am", "2.30pm" or "14:30""#;
const DAY_MONTH_HINT: &str = "dates are day/month/year, e.g. 4/12/2026";
const LEAP_HINT: &str = r#"29 February is only in leap years: give the year, e.g. "29/2/2028""#;
const YEAR_RANGE_HINT: &str = "use a year from 1900 to 2200";
const YEAR_DIGITS_HINT: &str = r#"write the year as "2026" or "26""#;
const WEEKDAY_HINT: &str = "drop the weekday or correct the date";
const NEEDS_DATE_HINT: &str = r#"put a date before the time, e.g. "tomorrow 10:00" or "fri 2pm""#;

const MONTH_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A successfully read date entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl Resolved {
    /// Unambiguous echo shown beside the field, e.g. "Fri 4 Dec 2026, 10:00".
    /// The text parses back to the same value.
    pub fn describe(&self) -> String {
        let d = self.date;
        let mut out = format!(
            "{} {} {} {}",
            d.weekday(),
            d.day(),
            MONTH_ABBR[d.month0() as usize],
            d.year()
        );
        if let Some(t) = self.time {
            out.push_str(&format!(", {:02}:{:02}", t.hour(), t.minute()));
        }
        out
    }
}

/// Why an entry could not be read: `message` says what is wrong, `hint` what to type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateEntryError {
    pub message: String,
    pub hint: &'static str,
}

impl DateEntryError {
    fn new(message: impl Into<String>, hint: &'static str) -> Self {
        Self {
            message: message.into(),
            hint,
        }
    }
}

impl fmt::Display for DateEntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.hint)
    }
}

impl std::error::Error for DateEntryError {}

/// The first date of a list ([`parse_list`]) that could not be read, quoted, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("\"{part}\": {error}")]
pub struct ListError {
    /// The date as typed, trimmed.
    pub part: String,
    pub error: DateEntryError,
}

/// Sub-parsers distinguish "not this shape" (try the next form) from
/// "this shape, but wrong" (report it: the user's intent is clear).
enum Failure {
    Unrecognised,
    Invalid(DateEntryError),
}

impl From<DateEntryError> for Failure {
    fn from(e: DateEntryError) -> Self {
        Failure::Invalid(e)
    }
}

/// [`parse`] for a day something happened: a weekday name ("fri", "tuesday") means the last such
/// day, today included, rather than the next. Anything else reads as [`parse`] reads it, so a
/// day still to come stays one, for the caller to refuse.
pub fn parse_happened(input: &str, today: NaiveDate) -> Result<Resolved, DateEntryError> {
    let r = parse(input, today)?;
    if r.date > today && names_a_weekday(input) {
        return parse(input, today - chrono::Days::new(7));
    }
    Ok(r)
}

fn names_a_weekday(text: &str) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    text.split_whitespace()
        .find(|w| *w != "last" && *w != "this")
        .is_some_and(|w| {
            let w = w.to_lowercase();
            DAYS.iter().any(|d| w.starts_with(d))
        })
}

/// Reads a date with an optional trailing time.
///
/// Roll-over rule for numeric day/month without a year ("4/12"): the date is
/// taken in today's year unless it falls strictly before the same day of the
/// month two months ago (clamped to month end), in which case it is next
/// year's. So with today = 22 Nov 2026, "22/9" is 22 Sep 2026 (recent past,
/// e.g. recording when something happened) but "21/9" and "1/1" are in 2027.
/// In January and February nothing rolls, so "20/12" is this December.
///
/// Several dates typed in one field, separated by commas, semicolons or lines ("12/1, 9/2/2027;
/// 9 mar"), each read as [`parse`] reads one: sorted, each once. The first one that cannot be
/// read is the error, quoted.
pub fn parse_list(input: &str, today: NaiveDate) -> Result<Vec<NaiveDate>, ListError> {
    let mut dates = Vec::new();
    for part in input.split([',', ';', '\n']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let d = parse(part, today).map_err(|error| ListError {
            part: part.to_string(),
            error,
        })?;
        dates.push(d.date);
    }
    dates.sort();
    dates.dedup();
    Ok(dates)
}

/// Text that has a date's shape but impossible values ("30/2/2026",
/// "4 dec 1400") is reported, never reinterpreted as something else.
pub fn parse(input: &str, today: NaiveDate) -> Result<Resolved, DateEntryError> {
    let text = normalise(input, "no date given", "date", GENERAL_HINT)?;
    let tokens = tokenise(&text);

    let whole = match date_from(&tokens, today) {
        Ok(date) => return Ok(Resolved { date, time: None }),
        Err(Failure::Invalid(e)) => return Err(e),
        // Echo what was typed, not the lower-cased copy.
        Err(Failure::Unrecognised) => unrecognised(input.trim(), "date", GENERAL_HINT),
    };
    // A lone time is a common slip; say what is missing rather than "can't read".
    if time_of(&text).is_ok() {
        return Err(DateEntryError::new(
            "a time needs a date as well",
            NEEDS_DATE_HINT,
        ));
    }

    // Otherwise the time, if any, is the last token or two ("10:00", "2.30 pm").
    let mut time_err = None;
    let mut date_err = None;
    for time_len in 1..=2 {
        let split = match tokens.len().checked_sub(time_len) {
            Some(split) if split > 0 => split,
            _ => break,
        };
        let (date_tokens, time_tokens) = tokens.split_at(split);
        let date_tokens = match date_tokens {
            [rest @ .., "at"] if !rest.is_empty() => rest,
            all => all,
        };
        match date_from(date_tokens, today) {
            Ok(date) => match time_of(&time_tokens.join(" ")) {
                Ok(time) => {
                    return Ok(Resolved {
                        date,
                        time: Some(time),
                    });
                }
                Err(e) => {
                    time_err.get_or_insert(e);
                }
            },
            Err(Failure::Invalid(e)) => {
                date_err.get_or_insert(e);
            }
            Err(Failure::Unrecognised) => {}
        }
    }
    // Most specific first: a readable date with a bad time, then a bad date.
    Err(time_err.or(date_err).unwrap_or(whole))
}

/// Reads a time of day: "10:00", "10am", "10.30am", "2.30pm", "14.30",
/// "1400", "noon", "midday", "midnight". A bare hour ("10") is rejected as
/// ambiguous.
pub fn parse_time(input: &str) -> Result<NaiveTime, DateEntryError> {
    let text = normalise(input, "no time given", "time", TIME_HINT)?;
    time_of(&text)
}

fn normalise(
    input: &str,
    empty: &'static str,
    what: &str,
    hint: &'static str,
) -> Result<String, DateEntryError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(DateEntryError::new(empty, hint));
    }
    if trimmed.chars().nth(MAX_INPUT_CHARS).is_some() {
        return Err(DateEntryError::new(
            format!("too long to be a {what}"),
            hint,
        ));
    }
    Ok(trimmed.to_lowercase())
}

fn unrecognised(text: &str, what: &str, hint: &'static str) -> DateEntryError {
    // Escaped so control characters cannot garble the terminal.
    DateEntryError::new(
        format!("can't read \"{}\" as a {what}", text.escape_debug()),
        hint,
    )
}

/// Splits on whitespace and commas (so `describe` output reads back), and
/// splits ISO "2026-12-04t10:00" into date and time.
fn tokenise(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    for token in text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        match token.split_once('t') {
            Some((date, time)) if looks_iso(date) && !time.is_empty() => {
                tokens.push(date);
                tokens.push(time);
            }
            _ => tokens.push(token),
        }
    }
    tokens
}

fn looks_iso(s: &str) -> bool {
    let mut parts = s.split('-');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(y), Some(m), Some(d), None)
            if y.len() == 4 && is_digits(y) && is_digits(m) && is_digits(d)
    )
}

fn date_from(tokens: &[&str], today: NaiveDate) -> Result<NaiveDate, Failure> {
    let date = match relative(tokens, today) {
        Err(Failure::Unrecognised) => match absolute(tokens, today) {
            Err(Failure::Unrecognised) => with_weekday(tokens, today),
            other => other,
        },
        other => other,
    }?;
    in_range(date)
}

/// Words, weekdays and offsets, all counted from today.
fn relative(tokens: &[&str], today: NaiveDate) -> Result<NaiveDate, Failure> {
    match tokens {
        ["today"] => return Ok(today),
        ["tomorrow" | "tmrw" | "tmr"] => return add_days(today, 1),
        ["yesterday"] => {
            return today
                .checked_sub_days(Days::new(1))
                .ok_or_else(out_of_range);
        }
        _ => {}
    }
    if let [name] | ["next", name] = tokens
        && let Some(day) = weekday(name)
    {
        return next_weekday(today, day, true);
    }
    if let ["this", name] = tokens
        && let Some(day) = weekday(name)
    {
        return next_weekday(today, day, false);
    }

    let (count, unit) = match *tokens {
        [compact] | ["in", compact] => match split_compact(compact) {
            Some(parts) => parts,
            None => return Err(Failure::Unrecognised),
        },
        [count, unit] | ["in", count, unit] => (count.strip_prefix('+').unwrap_or(count), unit),
        _ => return Err(Failure::Unrecognised),
    };
    let (Some(count), Some(unit)) = (number(count), unit_of(unit)) else {
        return Err(Failure::Unrecognised);
    };
    let date = match unit {
        Unit::Day => today.checked_add_days(Days::new(count)),
        Unit::Week => count
            .checked_mul(7)
            .and_then(|days| today.checked_add_days(Days::new(days))),
        Unit::Month => u32::try_from(count)
            .ok()
            .and_then(|months| today.checked_add_months(Months::new(months))),
    };
    date.ok_or_else(out_of_range)
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
}

fn unit_of(s: &str) -> Option<Unit> {
    match s {
        "d" | "day" | "days" => Some(Unit::Day),
        "w" | "wk" | "wks" | "week" | "weeks" => Some(Unit::Week),
        "m" | "mo" | "mos" | "mth" | "mths" | "month" | "months" => Some(Unit::Month),
        _ => None,
    }
}

/// "+10d" -> ("10", "d").
fn split_compact(token: &str) -> Option<(&str, &str)> {
    let token = token.strip_prefix('+').unwrap_or(token);
    let unit_start = token.find(|c: char| !c.is_ascii_digit())?;
    let (count, unit) = token.split_at(unit_start);
    (!count.is_empty()).then_some((count, unit))
}

fn add_days(date: NaiveDate, days: u64) -> Result<NaiveDate, Failure> {
    date.checked_add_days(Days::new(days))
        .ok_or_else(out_of_range)
}

fn next_weekday(
    today: NaiveDate,
    day: Weekday,
    strictly_after: bool,
) -> Result<NaiveDate, Failure> {
    let ahead = (day.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 && strictly_after {
        7
    } else {
        ahead
    };
    add_days(today, u64::from(ahead))
}

fn weekday(s: &str) -> Option<Weekday> {
    match s {
        "mon" | "monday" => Some(Weekday::Mon),
        "tue" | "tues" | "tuesday" => Some(Weekday::Tue),
        "wed" | "weds" | "wednesday" => Some(Weekday::Wed),
        "thu" | "thur" | "thurs" | "thursday" => Some(Weekday::Thu),
        "fri" | "friday" => Some(Weekday::Fri),
        "sat" | "saturday" => Some(Weekday::Sat),
        "sun" | "sunday" => Some(Weekday::Sun),
        _ => None,
    }
}

fn weekday_full(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn month_name(s: &str) -> Option<u32> {
    let month = match s {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    };
    Some(month)
}

/// Calendar dates: numeric, ISO, or with a month name.
fn absolute(tokens: &[&str], today: NaiveDate) -> Result<NaiveDate, Failure> {
    let (first, second, year, with_of) = match *tokens {
        [single] => return numeric(single, today),
        [a, "of", b] => (a, b, None, true),
        [a, "of", b, y] => (a, b, Some(y), true),
        [a, b] => (a, b, None, false),
        [a, b, y] => (a, b, Some(y), false),
        _ => return Err(Failure::Unrecognised),
    };
    // "4 dec", "4th of december" or "dec 4"; "of" only reads day-first.
    let (day, month) = match (month_name(first), month_name(second)) {
        (None, Some(month)) => (first, month),
        (Some(month), None) if !with_of => (second, month),
        _ => return Err(Failure::Unrecognised),
    };
    let day = day_digits(day).ok_or(Failure::Unrecognised)?;
    let year = match year {
        Some(y) if is_digits(y) => year_value(y)?,
        Some(_) => return Err(Failure::Unrecognised),
        None => next_occurrence_year(month, day, today),
    };
    build(year, month, day)
}

/// "4/12", "4/12/26", "04-12-2026", "4.12.2026", "2026-12-04".
fn numeric(token: &str, today: NaiveDate) -> Result<NaiveDate, Failure> {
    let sep = ['/', '-', '.']
        .into_iter()
        .find(|&c| token.contains(c))
        .ok_or(Failure::Unrecognised)?;
    // At most four pieces are needed to tell a valid shape from junk.
    let parts: Vec<&str> = token.splitn(4, sep).collect();
    if parts.iter().any(|p| !is_digits(p)) {
        return Err(Failure::Unrecognised);
    }
    let short = |s: &str| s.len() <= 2;
    match *parts.as_slice() {
        [y, m, d] if y.len() == 4 && short(m) && short(d) => {
            build(year_value(y)?, month_value(m)?, d)
        }
        [d, m] if short(d) && short(m) => {
            let month = month_value(m)?;
            build(rolled_year(month, d, today), month, d)
        }
        [d, m, y] if short(d) && short(m) => build(year_value(y)?, month_value(m)?, d),
        _ => Err(Failure::Unrecognised),
    }
}

/// "fri 4 dec 2026": a leading weekday is checked against the date, which
/// catches slips and lets `describe` output read back.
fn with_weekday(tokens: &[&str], today: NaiveDate) -> Result<NaiveDate, Failure> {
    let [first, rest @ ..] = tokens else {
        return Err(Failure::Unrecognised);
    };
    let Some(named) = weekday(first) else {
        return Err(Failure::Unrecognised);
    };
    if rest.is_empty() {
        return Err(Failure::Unrecognised);
    }
    let date = absolute(rest, today)?;
    if date.weekday() != named {
        return Err(DateEntryError::new(
            format!(
                "{} {} {} is a {}, not a {}",
                date.day(),
                MONTH_FULL[date.month0() as usize],
                date.year(),
                weekday_full(date.weekday()),
                weekday_full(named)
            ),
            WEEKDAY_HINT,
        )
        .into());
    }
    Ok(date)
}

/// See the roll-over rule on [`parse`].
fn rolled_year(month: u32, day: &str, today: NaiveDate) -> i32 {
    let day = number(day).unwrap_or(0);
    let cutoff = today.checked_sub_months(Months::new(2)).unwrap_or(today);
    let before_cutoff =
        (u64::from(month), day) < (u64::from(cutoff.month()), u64::from(cutoff.day()));
    if cutoff.year() == today.year() && before_cutoff {
        today.year().saturating_add(1)
    } else {
        today.year()
    }
}

/// Next occurrence on or after today.
fn next_occurrence_year(month: u32, day: &str, today: NaiveDate) -> i32 {
    let day = number(day).unwrap_or(0);
    if (u64::from(month), day) < (u64::from(today.month()), u64::from(today.day())) {
        today.year().saturating_add(1)
    } else {
        today.year()
    }
}

/// Day of month, 1-2 digits, optionally "1st", "2nd", "3rd", "4th".
fn day_digits(s: &str) -> Option<&str> {
    let digits = ["st", "nd", "rd", "th"]
        .into_iter()
        .find_map(|suffix| s.strip_suffix(suffix))
        .unwrap_or(s);
    (is_digits(digits) && digits.len() <= 2).then_some(digits)
}

fn month_value(raw: &str) -> Result<u32, Failure> {
    match number(raw) {
        Some(m @ 1..=12) => u32::try_from(m).map_err(|_| Failure::Unrecognised),
        _ => Err(DateEntryError::new(format!("there is no month {raw}"), DAY_MONTH_HINT).into()),
    }
}

/// Two digits mean 20yy; four are taken as written.
fn year_value(raw: &str) -> Result<i32, Failure> {
    let value = number(raw).and_then(|v| i32::try_from(v).ok());
    let year = match (raw.len(), value) {
        (2, Some(v)) => 2000 + v,
        (4, Some(v)) => v,
        _ => {
            return Err(DateEntryError::new(
                format!("can't read the year \"{raw}\""),
                YEAR_DIGITS_HINT,
            )
            .into());
        }
    };
    check_year(year)?;
    Ok(year)
}

fn check_year(year: i32) -> Result<(), Failure> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(DateEntryError::new(format!("year {year} is out of range"), YEAR_RANGE_HINT).into())
    }
}

fn build(year: i32, month: u32, day: &str) -> Result<NaiveDate, Failure> {
    check_year(year)?;
    let day = number(day)
        .and_then(|d| u32::try_from(d).ok())
        .ok_or(Failure::Unrecognised)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let month_name = usize::try_from(month)
            .ok()
            .and_then(|m| MONTH_FULL.get(m.wrapping_sub(1)))
            .copied()
            .unwrap_or("?");
        let hint = if (month, day) == (2, 29) {
            LEAP_HINT
        } else {
            DAY_MONTH_HINT
        };
        DateEntryError::new(format!("{day} {month_name} {year} does not exist"), hint).into()
    })
}

fn in_range(date: NaiveDate) -> Result<NaiveDate, Failure> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(out_of_range())
    }
}

fn out_of_range() -> Failure {
    DateEntryError::new("that date is out of range", YEAR_RANGE_HINT).into()
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Saturates instead of overflowing: any huge count is then out of range anyway.
fn number(s: &str) -> Option<u64> {
    is_digits(s).then(|| {
        s.bytes().fold(0u64, |acc, b| {
            acc.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        })
    })
}

#[derive(Clone, Copy)]
enum Meridiem {
    Am,
    Pm,
}

/// `text` is already trimmed and lower-cased.
fn time_of(text: &str) -> Result<NaiveTime, DateEntryError> {
    let fixed = match text {
        "noon" | "midday" => NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" => NaiveTime::from_hms_opt(0, 0, 0),
        _ => None,
    };
    if let Some(time) = fixed {
        return Ok(time);
    }

    let suffixed = |suffixes: [&str; 3], meridiem| {
        suffixes
            .into_iter()
            .find_map(|s| text.strip_suffix(s))
            .map(|body| (body.trim_end(), Some(meridiem)))
    };
    let (body, meridiem) = suffixed(["am", "a.m.", "a.m"], Meridiem::Am)
        .or_else(|| suffixed(["pm", "p.m.", "p.m"], Meridiem::Pm))
        .unwrap_or((text, None));

    let unreadable = || unrecognised(text, "time", TIME_HINT);
    let (hour, minute) = match body.split_once([':', '.']) {
        Some((h, m)) => (h, Some(m)),
        // "1400": only when unambiguous, i.e. exactly four digits and no am/pm.
        None if meridiem.is_none() && body.len() == 4 && is_digits(body) => {
            let (h, m) = body.split_at(2);
            (h, Some(m))
        }
        None => (body, None),
    };
    if hour.len() > 2 || minute.is_some_and(|m| m.len() != 2) {
        return Err(unreadable());
    }
    let Some(hour) = number(hour).and_then(|h| u32::try_from(h).ok()) else {
        return Err(unreadable());
    };
    let minute = match minute {
        Some(m) => number(m)
            .and_then(|m| u32::try_from(m).ok())
            .ok_or_else(unreadable)?,
        None if meridiem.is_none() => {
            return Err(DateEntryError::new(
                format!("\"{}\" needs minutes or am/pm", text.escape_debug()),
                TIME_HINT,
            ));
        }
        None => 0,
    };
    let hour = match meridiem {
        None => Some(hour),
        Some(_) if !(1..=12).contains(&hour) => None,
        Some(Meridiem::Am) => Some(hour % 12),
        Some(Meridiem::Pm) => Some(hour % 12 + 12),
    };
    hour.and_then(|h| NaiveTime::from_hms_opt(h, minute, 0))
        .ok_or_else(|| {
            DateEntryError::new(
                format!("{} is not a valid time", text.escape_debug()),
                TIME_HINT,
            )
        })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_list_of_dates_is_read_sorted_each_once_and_a_bad_one_is_named() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            parse_list("9/2/2027; 12/1/2027,\n12 jan 2027 , ", today).unwrap(),
            [d(2027, 1, 12), d(2027, 2, 9)]
        );
        assert_eq!(parse_list("  ", today).unwrap(), []);
        let e = parse_list("12/1/2027, 30/2/2027", today)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("\"30/2/2027\""), "{e}");
    }

    use proptest::prelude::*;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid test time")
    }

    /// Sunday 22 November 2026.
    fn today() -> NaiveDate {
        day(2026, 11, 22)
    }

    fn ok_on(input: &str, today: NaiveDate) -> Resolved {
        parse(input, today).unwrap_or_else(|e| panic!("{input:?} should parse: {e}"))
    }

    fn ok(input: &str) -> Resolved {
        ok_on(input, today())
    }

    fn date(input: &str) -> NaiveDate {
        let r = ok(input);
        assert_eq!(r.time, None, "{input:?} should have no time");
        r.date
    }

    fn err(input: &str) -> DateEntryError {
        match parse(input, today()) {
            Ok(r) => panic!("{input:?} should fail, got {r:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn fixed_today_is_a_sunday() {
        assert_eq!(today().weekday(), Weekday::Sun);
    }

    #[test]
    fn iso_dates_and_times() {
        assert_eq!(date("2026-12-04"), day(2026, 12, 4));
        assert_eq!(date("2026-1-4"), day(2026, 1, 4));
        let expected = Resolved {
            date: day(2026, 12, 4),
            time: Some(at(10, 0)),
        };
        assert_eq!(ok("2026-12-04 10:00"), expected);
        assert_eq!(ok("2026-12-04T10:00"), expected);
        assert_eq!(ok("2026-12-04t10:00"), expected);
        assert_eq!(ok("2026-12-04 at 10am"), expected);
    }

    #[test]
    fn uk_numeric_dates() {
        assert_eq!(date("4/12"), day(2026, 12, 4));
        assert_eq!(date("4/12/2026"), day(2026, 12, 4));
        assert_eq!(date("4/12/26"), day(2026, 12, 4));
        assert_eq!(date("04-12-2026"), day(2026, 12, 4));
        assert_eq!(date("4.12.2026"), day(2026, 12, 4));
        assert_eq!(date("04/01/2027"), day(2027, 1, 4));
        assert_eq!(date("1/2/99"), day(2099, 2, 1), "two-digit years are 20yy");
    }

    #[test]
    fn numeric_without_year_rolls_over_when_over_two_months_past() {
        // Cut-off for 22 Nov 2026 is 22 Sep 2026.
        assert_eq!(date("22/9"), day(2026, 9, 22), "exactly at cut-off stays");
        assert_eq!(date("21/9"), day(2027, 9, 21), "just before cut-off rolls");
        assert_eq!(date("1/10"), day(2026, 10, 1), "recent past stays");
        assert_eq!(date("22/11"), day(2026, 11, 22));
        assert_eq!(date("25/12"), day(2026, 12, 25));
        assert_eq!(date("1/1"), day(2027, 1, 1));
        // Early in the year the cut-off is last year, so nothing rolls.
        let january = day(2026, 1, 10);
        assert_eq!(ok_on("20/12", january).date, day(2026, 12, 20));
        assert_eq!(ok_on("1/1", january).date, day(2026, 1, 1));
        // Cut-off clamps to month end: 30 Apr - 2 months = 28 Feb.
        let april = day(2026, 4, 30);
        assert_eq!(ok_on("28/2", april).date, day(2026, 2, 28));
        assert_eq!(ok_on("27/2", april).date, day(2027, 2, 27));
    }

    #[test]
    fn leap_day_without_year_is_not_moved_silently() {
        let e = err("29/2");
        assert_eq!(e.message, "29 February 2027 does not exist");
        assert_eq!(e.hint, LEAP_HINT);
        assert_eq!(ok_on("29/2", day(2027, 12, 1)).date, day(2028, 2, 29));
        assert_eq!(err("29 feb").message, "29 February 2027 does not exist");
        assert_eq!(date("29/2/2028"), day(2028, 2, 29));
    }

    #[test]
    fn words() {
        assert_eq!(date("today"), today());
        assert_eq!(date("tomorrow"), day(2026, 11, 23));
        assert_eq!(date("tmrw"), day(2026, 11, 23));
        assert_eq!(date("yesterday"), day(2026, 11, 21));
        assert_eq!(date("  TOMORROW\t"), day(2026, 11, 23));
        assert_eq!(date("Today"), today());
    }

    #[test]
    fn weekday_names_mean_strictly_after_today() {
        let cases = [
            ("mon", day(2026, 11, 23)),
            ("monday", day(2026, 11, 23)),
            ("tue", day(2026, 11, 24)),
            ("tues", day(2026, 11, 24)),
            ("wed", day(2026, 11, 25)),
            ("wednesday", day(2026, 11, 25)),
            ("thu", day(2026, 11, 26)),
            ("thurs", day(2026, 11, 26)),
            ("fri", day(2026, 11, 27)),
            ("Friday", day(2026, 11, 27)),
            ("sat", day(2026, 11, 28)),
            ("sun", day(2026, 11, 29)),
            ("sunday", day(2026, 11, 29)),
        ];
        for (input, expected) in cases {
            assert_eq!(date(input), expected, "{input}");
        }
    }

    #[test]
    fn weekday_on_the_same_weekday_is_a_week_later_unless_this() {
        assert_eq!(date("sun"), day(2026, 11, 29));
        assert_eq!(date("next sun"), day(2026, 11, 29));
        assert_eq!(date("this sun"), today());
        let friday = day(2026, 12, 4);
        assert_eq!(ok_on("fri", friday).date, day(2026, 12, 11));
        assert_eq!(ok_on("next fri", friday).date, day(2026, 12, 11));
        assert_eq!(ok_on("this fri", friday).date, friday);
        assert_eq!(ok_on("this sat", friday).date, day(2026, 12, 5));
    }

    #[test]
    fn next_and_this_on_other_days() {
        assert_eq!(date("next fri"), date("fri"));
        assert_eq!(date("this fri"), day(2026, 11, 27));
        assert_eq!(date("this mon"), day(2026, 11, 23));
    }

    #[test]
    fn offsets() {
        let cases = [
            ("2w", day(2026, 12, 6)),
            ("2 weeks", day(2026, 12, 6)),
            ("1 week", day(2026, 11, 29)),
            ("in 2 weeks", day(2026, 12, 6)),
            ("in 2w", day(2026, 12, 6)),
            ("3d", day(2026, 11, 25)),
            ("3 days", day(2026, 11, 25)),
            ("+10d", day(2026, 12, 2)),
            ("+10 days", day(2026, 12, 2)),
            ("0d", today()),
            ("1m", day(2026, 12, 22)),
            ("1 month", day(2026, 12, 22)),
            ("3 months", day(2027, 2, 22)),
            ("in 6m", day(2027, 5, 22)),
        ];
        for (input, expected) in cases {
            assert_eq!(date(input), expected, "{input}");
        }
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(ok_on("1m", day(2027, 1, 31)).date, day(2027, 2, 28));
        assert_eq!(ok_on("1m", day(2028, 1, 31)).date, day(2028, 2, 29));
        assert_eq!(ok_on("1 month", day(2026, 8, 31)).date, day(2026, 9, 30));
    }

    #[test]
    fn day_and_month_names() {
        let cases = [
            ("4 dec", day(2026, 12, 4)),
            ("4 december", day(2026, 12, 4)),
            ("dec 4", day(2026, 12, 4)),
            ("4th december 2026", day(2026, 12, 4)),
            ("4 Dec 26", day(2026, 12, 4)),
            ("4th of December", day(2026, 12, 4)),
            ("December 4th, 2026", day(2026, 12, 4)),
            ("1st jan", day(2027, 1, 1)),
            ("2nd sept 2027", day(2027, 9, 2)),
            ("23rd may", day(2027, 5, 23)),
        ];
        for (input, expected) in cases {
            assert_eq!(date(input), expected, "{input}");
        }
    }

    #[test]
    fn day_and_month_without_year_is_on_or_after_today() {
        assert_eq!(date("22 nov"), today());
        assert_eq!(date("21 nov"), day(2027, 11, 21));
        assert_eq!(date("23 nov"), day(2026, 11, 23));
    }

    #[test]
    fn times_after_dates() {
        let cases = [
            ("tomorrow 10:00", day(2026, 11, 23), at(10, 0)),
            ("tomorrow at 10am", day(2026, 11, 23), at(10, 0)),
            ("fri 2pm", day(2026, 11, 27), at(14, 0)),
            ("fri 2 pm", day(2026, 11, 27), at(14, 0)),
            ("4/12 10:00", day(2026, 12, 4), at(10, 0)),
            ("4 dec 10.30am", day(2026, 12, 4), at(10, 30)),
            ("4 dec 2.30 pm", day(2026, 12, 4), at(14, 30)),
            ("dec 4 14:30", day(2026, 12, 4), at(14, 30)),
            ("4 dec 26 14.30", day(2026, 12, 4), at(14, 30)),
            ("in 2 weeks at noon", day(2026, 12, 6), at(12, 0)),
            ("2w 9:15", day(2026, 12, 6), at(9, 15)),
            ("next fri 1400", day(2026, 11, 27), at(14, 0)),
            ("today midnight", today(), at(0, 0)),
        ];
        for (input, expected_date, expected_time) in cases {
            assert_eq!(
                ok(input),
                Resolved {
                    date: expected_date,
                    time: Some(expected_time)
                },
                "{input}"
            );
        }
    }

    #[test]
    fn parse_time_forms() {
        let cases = [
            ("10:00", at(10, 0)),
            ("9:05", at(9, 5)),
            ("10am", at(10, 0)),
            ("10 AM", at(10, 0)),
            ("10.30am", at(10, 30)),
            ("2pm", at(14, 0)),
            ("2.30pm", at(14, 30)),
            ("2:30 p.m.", at(14, 30)),
            ("12pm", at(12, 0)),
            ("12am", at(0, 0)),
            ("12:30am", at(0, 30)),
            ("14:30", at(14, 30)),
            ("14.30", at(14, 30)),
            ("1400", at(14, 0)),
            ("0000", at(0, 0)),
            ("noon", at(12, 0)),
            ("Midday", at(12, 0)),
            ("midnight", at(0, 0)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_time(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn parse_time_errors() {
        assert_eq!(
            parse_time("25:00").map_err(|e| e.message),
            Err("25:00 is not a valid time".into())
        );
        assert_eq!(
            parse_time("10:60").map_err(|e| e.message),
            Err("10:60 is not a valid time".into())
        );
        assert_eq!(
            parse_time("13pm").map_err(|e| e.message),
            Err("13pm is not a valid time".into())
        );
        assert_eq!(
            parse_time("0am").map_err(|e| e.message),
            Err("0am is not a valid time".into())
        );
        assert_eq!(
            parse_time("10").map_err(|e| e.message),
            Err("\"10\" needs minutes or am/pm".into())
        );
        for bad in ["", "  ", "10:5", "930", "10:00:00", "pm", "ten", "2400"] {
            let e = parse_time(bad).expect_err(bad);
            assert_eq!(e.hint, TIME_HINT, "{bad}");
        }
        assert_eq!(
            parse_time("").map_err(|e| e.message),
            Err("no time given".into())
        );
    }

    #[test]
    fn impossible_dates_say_so() {
        for (input, message) in [
            ("30/2/2026", "30 February 2026 does not exist"),
            ("2026-02-30", "30 February 2026 does not exist"),
            ("31/4/2026", "31 April 2026 does not exist"),
            ("0/4/2026", "0 April 2026 does not exist"),
            ("32 dec 2026", "32 December 2026 does not exist"),
            ("30 feb 2026 10:00", "30 February 2026 does not exist"),
            ("29/2/2026", "29 February 2026 does not exist"),
        ] {
            let e = err(input);
            assert_eq!(e.message, message, "{input}");
            assert_ne!(e.hint, GENERAL_HINT, "{input}");
        }
        let e = err("4/13/2026");
        assert_eq!(e.message, "there is no month 13");
        assert_eq!(e.hint, DAY_MONTH_HINT);
        assert_eq!(err("2026-13-01").message, "there is no month 13");
    }

    #[test]
    fn years_outside_range_are_rejected() {
        assert_eq!(err("4/12/1850").message, "year 1850 is out of range");
        assert_eq!(err("2201-01-01").message, "year 2201 is out of range");
        assert_eq!(err("4 dec 1400").hint, YEAR_RANGE_HINT);
        assert_eq!(err("4/12/202").hint, YEAR_DIGITS_HINT);
        assert_eq!(
            parse("1/1", day(2200, 12, 31)).map_err(|e| e.message),
            Err("year 2201 is out of range".into())
        );
        assert_eq!(
            parse("yesterday", day(1900, 1, 1)).map_err(|e| e.hint),
            Err(YEAR_RANGE_HINT)
        );
        assert_eq!(ok_on("tomorrow", day(2200, 12, 30)).date, day(2200, 12, 31));
        assert!(parse("tomorrow", day(2200, 12, 31)).is_err());
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        for input in [
            "+99999999999999999999999999999d",
            "99999999999999999999999999999 weeks",
            "in 4294967296 months",
            "4294967295m",
            "2562047788015215w",
            "100000d",
        ] {
            assert_eq!(err(input).hint, YEAR_RANGE_HINT, "{input}");
        }
        assert_eq!(err("99999999999/12/2026").hint, GENERAL_HINT);
        assert!(parse_time("99999999999:00").is_err());
    }

    #[test]
    fn empty_input() {
        for input in ["", "   ", "\t\n"] {
            let e = err(input);
            assert_eq!(e.message, "no date given");
            assert_eq!(e.hint, GENERAL_HINT);
        }
    }

    #[test]
    fn unknown_words_hint_at_accepted_forms() {
        let e = err(" Whenever ");
        assert_eq!(e.message, "can't read \"Whenever\" as a date");
        assert_eq!(
            e.hint,
            r#"try "fri", "2w", "tomorrow 10:00", "4/12" or "2026-12-04""#
        );
        for input in [
            "4 dex",
            "next week",
            "frid",
            "2 fortnights",
            "march 2026",
            "4/12-2026",
            "4",
        ] {
            assert_eq!(err(input).hint, GENERAL_HINT, "{input}");
        }
        // Control characters are escaped, not echoed raw to the terminal.
        assert_eq!(
            err("a\u{1b}[2J").message,
            "can't read \"a\\u{1b}[2J\" as a date"
        );
    }

    #[test]
    fn readable_date_with_bad_time_reports_the_time() {
        let e = err("tomorrow 25:00");
        assert_eq!(e.message, "25:00 is not a valid time");
        assert_eq!(e.hint, TIME_HINT);
        assert_eq!(err("fri 10").message, "\"10\" needs minutes or am/pm");
        assert_eq!(err("fri teatime").hint, TIME_HINT);
    }

    #[test]
    fn a_lone_time_asks_for_a_date() {
        for input in ["10:00", "2pm", "noon", "10 am"] {
            let e = err(input);
            assert_eq!(e.message, "a time needs a date as well", "{input}");
            assert_eq!(e.hint, NEEDS_DATE_HINT);
        }
    }

    #[test]
    fn leading_weekday_is_checked_against_the_date() {
        assert_eq!(date("fri 4/12/2026"), day(2026, 12, 4));
        assert_eq!(date("Friday 4 December"), day(2026, 12, 4));
        let e = err("thu 4 dec 2026");
        assert_eq!(e.message, "4 December 2026 is a Friday, not a Thursday");
        assert_eq!(e.hint, WEEKDAY_HINT);
    }

    #[test]
    fn describe_formats_and_reads_back() {
        let with_time = Resolved {
            date: day(2026, 12, 4),
            time: Some(at(10, 0)),
        };
        assert_eq!(with_time.describe(), "Fri 4 Dec 2026, 10:00");
        assert_eq!(ok(&with_time.describe()), with_time);
        let without = Resolved {
            date: day(2026, 11, 22),
            time: None,
        };
        assert_eq!(without.describe(), "Sun 22 Nov 2026");
        assert_eq!(ok(&without.describe()), without);
        let early = Resolved {
            date: day(2027, 1, 1),
            time: Some(at(9, 5)),
        };
        assert_eq!(early.describe(), "Fri 1 Jan 2027, 09:05");
    }

    #[test]
    fn error_display_has_message_and_hint() {
        let e = err("30/2/2026");
        assert_eq!(
            e.to_string(),
            "30 February 2026 does not exist (dates are day/month/year, e.g. 4/12/2026)"
        );
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert!(boxed.to_string().starts_with("30 February"));
    }

    #[test]
    fn very_long_input_is_rejected_quickly() {
        let long = "9".repeat(1_000_000);
        assert_eq!(err(&long).message, "too long to be a date");
        assert!(parse_time(&long).is_err());
        assert!(err(&"fri ".repeat(100_000)).message.contains("too long"));
    }

    /// Any input gives an answer (no panic); speed is the benchmarks' business, not a test's.
    fn assert_quick(input: &str) {
        let _ = parse(input, today());
        let _ = parse_time(input);
    }

    fn vocabulary() -> impl Strategy<Value = String> {
        let words = vec![
            "today",
            "tomorrow",
            "next",
            "this",
            "in",
            "at",
            "of",
            "fri",
            "sun",
            "2w",
            "+10d",
            "1m",
            "3",
            "days",
            "weeks",
            "months",
            "4",
            "4th",
            "dec",
            "feb",
            "29",
            "2026",
            "26",
            "4/12",
            "30/2/2026",
            "2026-12-04",
            "2026-12-04t10:00",
            "10:00",
            "2pm",
            "2.30",
            "pm",
            "noon",
            "1400",
            ",",
            "99999999999999999999",
            "0",
            "-",
            "/",
            "t",
        ];
        prop::collection::vec(prop::sample::select(words), 0..8).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(s in any::<String>()) {
            assert_quick(&s);
        }

        #[test]
        fn never_panics_on_ascii_with_control_chars(s in "[\\x00-\\x7f]{0,300}") {
            assert_quick(&s);
        }

        #[test]
        fn never_panics_on_long_input(chars in prop::collection::vec(any::<char>(), 0..20_000)) {
            assert_quick(&chars.into_iter().collect::<String>());
        }

        #[test]
        fn never_panics_on_word_salad(s in vocabulary()) {
            assert_quick(&s);
        }

        #[test]
        fn iso_and_uk_numeric_read_back(offset in 0u64..=36_889) {
            // 36_889 days after 1 Jan 2000 is 31 Dec 2100.
            let d = day(2000, 1, 1) + Days::new(offset);
            prop_assert!(d.year() <= 2100);
            let iso = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
            let uk = format!("{}/{}/{}", d.day(), d.month(), d.year());
            prop_assert_eq!(parse(&iso, today()).map(|r| r.date), Ok(d));
            prop_assert_eq!(parse(&uk, today()).map(|r| r.date), Ok(d));
        }

        #[test]
        fn describe_reads_back(offset in 0u64..=36_889, minutes in 0u32..1440, timed: bool) {
            let date = day(2000, 1, 1) + Days::new(offset);
            let time = timed.then(|| at(minutes / 60, minutes % 60));
            let r = Resolved { date, time };
            prop_assert_eq!(parse(&r.describe(), today()), Ok(r));
        }

        #[test]
        fn day_offsets_add_days(n in 0u64..50_000) {
            prop_assert_eq!(
                parse(&format!("{n}d"), today()).map(|r| r.date),
                Ok(today() + Days::new(n))
            );
        }

        #[test]
        fn weekdays_land_on_that_day(offset in 0u64..=36_889, which in 0u8..7) {
            let today = day(2000, 1, 1) + Days::new(offset);
            let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
            let name = names[usize::from(which)];
            let next = parse(name, today).map(|r| r.date);
            let this = parse(&format!("this {name}"), today).map(|r| r.date);
            let (Ok(next), Ok(this)) = (next, this) else {
                return Err(TestCaseError::fail("weekday did not parse"));
            };
            prop_assert_eq!(next.weekday().num_days_from_monday(), u32::from(which));
            prop_assert!((1..=7).contains(&(next - today).num_days()));
            prop_assert_eq!(this.weekday(), next.weekday());
            prop_assert!((0..=6).contains(&(this - today).num_days()));
        }
    }
}
