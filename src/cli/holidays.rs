//! `coregroup holidays`: the bank holidays (and local closure days) of a year, as the working-day
//! calendar counts them.

use chrono::Datelike;

use super::CliError;
use super::args::HolidaysArgs;
use super::deadline::calendar;
use crate::domain::calendar::RULE_YEARS;

pub fn run(a: &HolidaysArgs) -> Result<String, CliError> {
    let year = a.year.unwrap_or_else(|| chrono::Local::now().year());
    if !RULE_YEARS.contains(&year) {
        return Err(CliError::Said(format!(
            "{year} is outside the years coregroup knows ({}-{})\n  hint: give a year from {} to {}",
            RULE_YEARS.start(),
            RULE_YEARS.end(),
            RULE_YEARS.start(),
            RULE_YEARS.end()
        )));
    }
    let (cal, division) = calendar(a.case.as_deref(), a.division)?;
    let mut out = format!("Bank holidays in {year}, {}:\n", division.label());
    for h in cal.holidays_in(year) {
        out.push_str(&format!(
            "{} {}  {}\n",
            h.date.format("%Y-%m-%d"),
            h.date.format("%a"),
            h.title
        ));
    }
    Ok(out)
}
