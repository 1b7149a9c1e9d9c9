//! `coregroup deadline`: a due date from a date and a period, with the holidays it skipped.

use std::path::Path;

use super::args::DeadlineArgs;
use super::{CliError, day_or_today};
use crate::cases::calendar::counting_calendar;
use crate::domain::calendar::{Calendar, Division};
use crate::domain::period::Period;

pub fn run(a: &DeadlineArgs) -> Result<String, CliError> {
    let from = day_or_today(Some(&a.from), "the date to count from")?;
    let period = match (a.working_days, a.weeks, a.months) {
        (Some(n), _, _) => Period::WorkingDays(n),
        (_, Some(n), _) => Period::Weeks(n),
        (_, _, Some(n)) => Period::Months(n),
        _ => {
            return Err(CliError::Said(
                "give a period: --working-days N, --weeks N or --months N".into(),
            ));
        }
    };
    period.check_limit().map_err(|e| {
        CliError::Said(format!(
            "{e}\n  hint: check the number; for a date years away, count from a nearer date"
        ))
    })?;
    let (cal, division) = calendar(a.case.as_deref(), a.division)?;
    let due = period.due_from(from, &cal);
    let mut out = format!(
        "{} {} ({period} after {} {}, {} bank holidays)\n",
        due.date.format("%Y-%m-%d"),
        due.date.format("%A"),
        from.format("%A"),
        from.format("%Y-%m-%d"),
        division.label()
    );
    for h in &due.skipped {
        out.push_str(&format!(
            "  skipped {} {} ({})\n",
            h.date.format("%a"),
            h.date.format("%Y-%m-%d"),
            h.title
        ));
    }
    if let Some(latest) = due.latest_working_day {
        let why = cal
            .holiday(due.date)
            .map(|h| h.title.clone())
            .unwrap_or_else(|| "a weekend".into());
        out.push_str(&format!(
            "  {} is {why}: the latest working day before it is {} {}\n",
            due.date.format("%Y-%m-%d"),
            latest.format("%A"),
            latest.format("%Y-%m-%d")
        ));
    }
    Ok(out)
}

/// The working-day calendar a command counts with ([`counting_calendar`]) and its division;
/// warnings about a holidays file that lists only part of a year go to standard error.
pub fn calendar(
    case: Option<&Path>,
    division: Option<Division>,
) -> Result<(Calendar, Division), CliError> {
    let c = counting_calendar(case, division)?;
    for w in c.warnings {
        super::output::eline(&format!("coregroup: warning: {w}"));
    }
    Ok((c.cal, c.division))
}
