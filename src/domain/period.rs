//! Timescales such as "10 working days" or "6 weeks", and the date each falls due.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::calendar::{Calendar, Holiday, is_weekend};

/// A timescale. Working days skip weekends and holidays; the others are calendar arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    WorkingDays(u32),
    Days(u32),
    Weeks(u32),
    Months(u32),
}

/// When something falls due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub date: NaiveDate,
    /// For calendar periods that end on a non-working day: the last working day before it, which
    /// is when the thing must in practice be done.
    pub latest_working_day: Option<NaiveDate>,
    /// For working-day periods: the holidays and closures on weekdays that pushed the date out.
    pub skipped: Vec<Holiday>,
}

impl Due {
    /// The day by which it must in practice be done: the due date, or the last working day
    /// before it when the due date is not one.
    pub fn in_practice(&self) -> NaiveDate {
        self.latest_working_day.unwrap_or(self.date)
    }
}

impl Period {
    /// The due date counting from `from` (day 0).
    pub fn due_from(self, from: NaiveDate, cal: &Calendar) -> Due {
        if let Period::WorkingDays(n) = self {
            let date = cal.add_working_days(from, n);
            // A closure on a weekend did not push anything out, so it is not "skipped".
            let skipped = cal
                .holidays_between(from, date)
                .into_iter()
                .filter(|h| !is_weekend(h.date))
                .collect();
            return Due {
                date,
                latest_working_day: None,
                skipped,
            };
        }
        let date = self.calendar_date(from);
        let latest_working_day =
            (!cal.is_working_day(date)).then(|| cal.latest_working_day_on_or_before(date));
        Due {
            date,
            latest_working_day,
            skipped: Vec::new(),
        }
    }

    /// Calendar arithmetic for the non-working-day periods. Months clamp to the end of a shorter
    /// month (31 January + 1 month = 28 or 29 February). Saturates at `NaiveDate::MAX`.
    fn calendar_date(self, from: NaiveDate) -> NaiveDate {
        let date = match self {
            Period::Days(n) | Period::WorkingDays(n) => from.checked_add_days(Days::new(n.into())),
            Period::Weeks(n) => from.checked_add_days(Days::new(u64::from(n) * 7)),
            Period::Months(n) => from.checked_add_months(Months::new(n)),
        };
        date.unwrap_or(NaiveDate::MAX)
    }

    /// The longest period of this unit coregroup counts: about ten years, far beyond any
    /// timescale in the procedures and within the years the calendar's rules know. A longer
    /// one is a slip of the keyboard, and counting it would give a date nobody could use.
    pub fn limit(self) -> Period {
        match self {
            Period::WorkingDays(_) => Period::WorkingDays(2_600),
            Period::Days(_) => Period::Days(3_650),
            Period::Weeks(_) => Period::Weeks(520),
            Period::Months(_) => Period::Months(120),
        }
    }

    /// Within [`Period::limit`]; else what is wrong, said plainly.
    pub fn check_limit(self) -> Result<(), LimitError> {
        if self.parts().0 <= self.limit().parts().0 {
            return Ok(());
        }
        Err(LimitError { period: self })
    }

    pub fn is_zero(self) -> bool {
        self.parts().0 == 0
    }

    fn parts(self) -> (u32, &'static str) {
        match self {
            Period::WorkingDays(n) => (n, "working day"),
            Period::Days(n) => (n, "day"),
            Period::Weeks(n) => (n, "week"),
            Period::Months(n) => (n, "month"),
        }
    }
}

/// A period longer than coregroup counts ([`Period::limit`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{period} is longer than coregroup counts (at most {}, about ten years)", .period.limit())]
pub struct LimitError {
    pub period: Period,
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn absurd_periods_are_refused_and_real_ones_pass() {
        assert!(Period::WorkingDays(1_000_000_000).check_limit().is_err());
        assert!(Period::Weeks(1_000_000_000).check_limit().is_err());
        let e = Period::Months(121).check_limit().unwrap_err().to_string();
        assert!(e.contains("at most 120 months"), "{e}");
        for p in [
            Period::WorkingDays(2_600),
            Period::Days(3_650),
            Period::Weeks(6),
            Period::Months(120),
        ] {
            assert_eq!(p.check_limit(), Ok(()), "{p}");
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, unit) = self.parts();
        let plural = if n == 1 { "" } else { "s" };
        write!(f, "{n} {unit}{plural}")
    }
}

const EXPECTED: &str =
    "expected a period like \"10 working days\", \"14 days\", \"6 weeks\" or \"3 months\"";

/// Why a period as written was not read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("{}, found an empty value", EXPECTED)]
    Empty,
    /// The whole text, trimmed, whose unit is none coregroup counts in.
    #[error("{expected}, found \"{0}\"", expected = EXPECTED)]
    Unit(String),
    #[error("{}, found \"{given}\": \"{number}\" is not a whole number", EXPECTED)]
    NotWhole { given: String, number: String },
    #[error(
        "\"{given}\": {number} is too large for a period (at most {})",
        u32::MAX
    )]
    TooLarge { given: String, number: String },
}

impl FromStr for Period {
    type Err = PeriodError;

    /// Accepts "<number> <unit>" where the unit is working day(s), day(s), week(s) or month(s),
    /// in any letter case and with any spacing.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut words = s.split_whitespace();
        let (Some(number), unit) = (words.next(), words.collect::<Vec<_>>().join(" ")) else {
            return Err(PeriodError::Empty);
        };
        let make: fn(u32) -> Period = match unit.to_lowercase().as_str() {
            "working day" | "working days" => Period::WorkingDays,
            "day" | "days" => Period::Days,
            "week" | "weeks" => Period::Weeks,
            "month" | "months" => Period::Months,
            _ => return Err(PeriodError::Unit(s.trim().to_string())),
        };
        if !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PeriodError::NotWhole {
                given: s.trim().to_string(),
                number: number.to_string(),
            });
        }
        let n = number.parse::<u32>().map_err(|_| PeriodError::TooLarge {
            given: s.trim().to_string(),
            number: number.to_string(),
        })?;
        Ok(make(n))
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PeriodVisitor;
        impl de::Visitor<'_> for PeriodVisitor {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(PeriodVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Division;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test dates are valid")
    }

    fn england() -> Calendar {
        Calendar::new(Division::EnglandAndWales)
    }

    #[test]
    fn display_is_canonical_with_singular_and_plural() {
        let cases = [
            (Period::WorkingDays(10), "10 working days"),
            (Period::WorkingDays(1), "1 working day"),
            (Period::Days(14), "14 days"),
            (Period::Days(1), "1 day"),
            (Period::Weeks(6), "6 weeks"),
            (Period::Weeks(1), "1 week"),
            (Period::Months(3), "3 months"),
            (Period::Months(1), "1 month"),
            (Period::Days(0), "0 days"),
        ];
        for (period, text) in cases {
            assert_eq!(period.to_string(), text);
            assert_eq!(text.parse::<Period>(), Ok(period));
        }
    }

    #[test]
    fn parsing_is_forgiving_about_case_spacing_and_number() {
        assert_eq!("  10   Working  Days ".parse(), Ok(Period::WorkingDays(10)));
        assert_eq!("1 weeks".parse(), Ok(Period::Weeks(1)));
        assert_eq!("6 WEEK".parse(), Ok(Period::Weeks(6)));
        assert_eq!("007 months".parse(), Ok(Period::Months(7)));
    }

    #[test]
    fn parse_errors_say_what_is_accepted() {
        for bad in [
            "",
            "   ",
            "6",
            "weeks",
            "ten days",
            "6 fortnights",
            "-1 days",
            "1.5 weeks",
        ] {
            let err = bad.parse::<Period>().unwrap_err().to_string();
            assert!(
                err.contains(r#"expected a period like "10 working days""#)
                    && err.contains(r#""6 weeks""#)
                    && err.contains(r#""3 months""#),
                "{bad:?}: {err}"
            );
        }
        let err = "6 fortnights".parse::<Period>().unwrap_err().to_string();
        assert!(err.contains(r#"found "6 fortnights""#), "{err}");
        let err = "5000000000 days".parse::<Period>().unwrap_err().to_string();
        assert!(
            err.contains("too large") && err.contains("4294967295"),
            "{err}"
        );
    }

    #[test]
    fn serde_uses_the_human_string() {
        let json = serde_json::to_string(&Period::WorkingDays(5)).expect("serialises");
        assert_eq!(json, r#""5 working days""#);
        let back: Period = serde_json::from_str(r#""6 weeks""#).expect("deserialises");
        assert_eq!(back, Period::Weeks(6));
        let err = serde_json::from_str::<Period>(r#""6 wks""#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected a period like"), "{err}");
        let err = serde_json::from_str::<Period>("6").unwrap_err().to_string();
        assert!(err.contains("expected a period like"), "{err}");
    }

    #[test]
    fn working_days_due_lists_what_it_skipped() {
        let due = Period::WorkingDays(10).due_from(d(2026, 12, 17), &england());
        assert_eq!(due.date, d(2027, 1, 5));
        assert_eq!(due.latest_working_day, None);
        let skipped: Vec<(NaiveDate, &str)> = due
            .skipped
            .iter()
            .map(|h| (h.date, h.title.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (d(2026, 12, 25), "Christmas Day"),
                (d(2026, 12, 28), "Boxing Day (substitute day)"),
                (d(2027, 1, 1), "New Year’s Day"),
            ]
        );
        let zero = Period::WorkingDays(0).due_from(d(2026, 12, 25), &england());
        assert_eq!(zero.date, d(2026, 12, 25));
        assert!(zero.skipped.is_empty());
    }

    #[test]
    fn weekend_closures_are_not_reported_as_skipped() {
        let closed = |date| Holiday {
            date,
            title: "Office closed".to_owned(),
        };
        let cal = england().with_closures([closed(d(2026, 3, 7)), closed(d(2026, 3, 9))]);
        let due = Period::WorkingDays(1).due_from(d(2026, 3, 6), &cal);
        assert_eq!(due.date, d(2026, 3, 10));
        assert_eq!(due.skipped, [closed(d(2026, 3, 9))]);
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        let cal = england();
        assert_eq!(
            Period::Months(1).due_from(d(2026, 1, 31), &cal).date,
            d(2026, 2, 28)
        );
        assert_eq!(
            Period::Months(1).due_from(d(2028, 1, 31), &cal).date,
            d(2028, 2, 29)
        );
        assert_eq!(
            Period::Months(3).due_from(d(2026, 11, 30), &cal).date,
            d(2027, 2, 28)
        );
        assert_eq!(
            Period::Months(6).due_from(d(2026, 3, 2), &cal).date,
            d(2026, 9, 2)
        );
    }

    #[test]
    fn calendar_periods_give_the_latest_working_day_when_due_on_a_day_off() {
        // 20 July 2026 + 6 weeks is Monday 31 August: the summer bank holiday in England...
        let due = Period::Weeks(6).due_from(d(2026, 7, 20), &england());
        assert_eq!(due.date, d(2026, 8, 31));
        assert_eq!(due.latest_working_day, Some(d(2026, 8, 28)));
        assert!(due.skipped.is_empty());
        // ...but an ordinary working day in Scotland.
        let scotland = Calendar::new(Division::Scotland);
        let due = Period::Weeks(6).due_from(d(2026, 7, 20), &scotland);
        assert_eq!(due.latest_working_day, None);
        // Landing on a Saturday.
        let due = Period::Days(14).due_from(d(2026, 2, 28), &england());
        assert_eq!(due.date, d(2026, 3, 14));
        assert_eq!(due.latest_working_day, Some(d(2026, 3, 13)));
        // Over Easter: 3 months from 6 January 2026 is Easter Monday, 6 April.
        let due = Period::Months(3).due_from(d(2026, 1, 6), &england());
        assert_eq!(due.latest_working_day, Some(d(2026, 4, 2)));
    }

    #[test]
    fn huge_periods_saturate_instead_of_panicking() {
        let cal = england();
        let from = d(2026, 1, 1);
        for period in [
            Period::Days(u32::MAX),
            Period::Weeks(u32::MAX),
            Period::Months(u32::MAX),
            Period::WorkingDays(u32::MAX),
        ] {
            assert_eq!(period.due_from(from, &cal).date, NaiveDate::MAX, "{period}");
        }
    }
}
