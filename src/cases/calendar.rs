//! The working-day calendar a command counts with: a case's (its bank holidays, closures and
//! division) or the user's, and the division asked for.

use std::path::Path;

use crate::cases::error::CaseError;
use crate::domain::calendar::{Calendar, Division};
use crate::store::CaseFolder;
use crate::store::calendar_files::load_calendar_warning;

/// A calendar to count working days with, in a division, and what is wrong with a holidays file
/// that lists only part of a year (for the command to warn of).
#[derive(Debug)]
pub struct Counting {
    pub cal: Calendar,
    pub division: Division,
    pub warnings: Vec<String>,
}

/// The calendar of the case at `case` (the division given, else the plan's), or without a case
/// the user's (the division given, else the default).
pub fn counting_calendar(
    case: Option<&Path>,
    division: Option<Division>,
) -> Result<Counting, CaseError> {
    let (root, division) = match case {
        Some(dir) => {
            let case = CaseFolder::open(dir)?;
            let plan_division = case.load_plan()?.case.division;
            (
                Some(case.root().to_path_buf()),
                division.unwrap_or(plan_division),
            )
        }
        None => (None, division.unwrap_or_default()),
    };
    let (cal, warnings) = load_calendar_warning(root.as_deref(), division)?;
    Ok(Counting {
        cal,
        division,
        warnings,
    })
}
