//! The working-day calendar a case uses: the standing rules, overridden by an official
//! bank-holidays JSON file (the format gov.uk publishes) and local closure days, when present.
//!
//! Looked for in the case folder first, then in the user's config folder:
//! `bank-holidays.json` and `closures.yaml` (a list of `{date, title}`).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use super::yaml::{self, LoadError};
use crate::domain::calendar::{Calendar, Division, Holiday, OfficialHolidays, parse_official};
use crate::store::agenda_files::config_dir;

pub const OFFICIAL_FILE: &str = "bank-holidays.json";
pub const CLOSURES_FILE: &str = "closures.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Closure {
    date: NaiveDate,
    title: String,
}

fn first_existing(case: Option<&Path>, name: &str) -> Option<PathBuf> {
    case.map(|c| c.join(name))
        .into_iter()
        .chain(config_dir().map(|c| c.join(name)))
        // Anything there counts, so a folder or a pipe by that name is refused, not skipped.
        .find(|p| super::files::exists(p))
}

/// `Calendar::new(division)`, worked out once for each division a run meets: a caseload's cases
/// each need it, and working out a hundred years of bank holidays for every case was a quarter
/// of listing the caseload from the copies.
fn by_rules(division: Division) -> Calendar {
    static MADE: [OnceLock<Calendar>; Division::ALL.len()] =
        [const { OnceLock::new() }; Division::ALL.len()];
    let i = Division::ALL
        .iter()
        .position(|d| *d == division)
        .unwrap_or_default();
    MADE[i].get_or_init(|| Calendar::new(division)).clone()
}

/// The calendar for `division`, with any official file and closures found applied.
pub fn load_calendar(case: Option<&Path>, division: Division) -> Result<Calendar, LoadError> {
    load_calendar_warning(case, division).map(|(cal, _)| cal)
}

/// [`load_calendar`], with a warning for each year the official file lists only in part.
pub fn load_calendar_warning(
    case: Option<&Path>,
    division: Division,
) -> Result<(Calendar, Vec<String>), LoadError> {
    let mut warnings = Vec::new();
    let mut cal = by_rules(division);
    if let Some(path) = first_existing(case, OFFICIAL_FILE) {
        let official = load_official(&path)?;
        for partial in official.partial_years(division) {
            warnings.push(format!(
                "{}: {}\n  hint: list every bank holiday of {} (download gov.uk's \
                 bank-holidays.json again), or none, to use the rules for that year",
                path.display(),
                partial.warning(division),
                partial.year
            ));
        }
        cal = cal.with_official(&official);
    }
    if let Some(path) = first_existing(case, CLOSURES_FILE) {
        cal = cal.with_closures(load_closures(&path)?);
    }
    Ok((cal, warnings))
}

/// The calendar files a case would use (its own, else the config folder's), each checked
/// alone, with every problem found.
pub fn check_files(case: Option<&Path>) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut checked = Vec::new();
    let mut errors = Vec::new();
    if let Some(path) = first_existing(case, OFFICIAL_FILE) {
        errors.extend(load_official(&path).err());
        checked.push(path);
    }
    if let Some(path) = first_existing(case, CLOSURES_FILE) {
        errors.extend(load_closures(&path).err());
        checked.push(path);
    }
    (checked, errors)
}

fn load_closures(path: &Path) -> Result<Vec<Holiday>, LoadError> {
    let closures: Vec<Closure> = yaml::load(path)?;
    Ok(closures
        .into_iter()
        .map(|c| Holiday {
            date: c.date,
            title: c.title,
        })
        .collect())
}

fn load_official(path: &Path) -> Result<OfficialHolidays, LoadError> {
    let bytes = yaml::read(path)?;
    let text = String::from_utf8(yaml::without_bom(&bytes).to_vec()).map_err(|_| {
        LoadError::new(
            path,
            "the file is not valid UTF-8 text",
            "download it again",
        )
    })?;
    parse_official(&text).map_err(|e| {
        LoadError::new(
            path,
            e.to_string(),
            "this file must be in the format of gov.uk's bank-holidays.json",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closures_in_the_case_folder_are_not_working_days() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CLOSURES_FILE),
            "- date: 2026-12-29\n  title: Council offices closed\n",
        )
        .unwrap();
        let cal = load_calendar(Some(dir.path()), Division::EnglandAndWales).unwrap();
        let d: NaiveDate = "2026-12-29".parse().unwrap();
        assert!(!cal.is_working_day(d));
        assert_eq!(cal.holiday(d).unwrap().title, "Council offices closed");
    }

    #[test]
    fn a_folder_in_place_of_a_calendar_file_is_refused_not_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(CLOSURES_FILE)).unwrap();
        let e = load_calendar(Some(dir.path()), Division::Scotland).unwrap_err();
        assert!(e.file.ends_with(CLOSURES_FILE));
        assert!(e.message.contains("a folder, not a file"), "{e}");
    }

    #[test]
    fn a_broken_official_file_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(OFFICIAL_FILE), "{ not json").unwrap();
        let e = load_calendar(Some(dir.path()), Division::Scotland).unwrap_err();
        assert!(e.file.ends_with(OFFICIAL_FILE));
    }
}
