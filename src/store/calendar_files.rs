//! The working-day calendar a case uses: the standing rules, overridden by an official
//! bank-holidays JSON file (the format gov.uk publishes) and local closure days, when present.
//!
//! Looked for in the case folder first, then in the user's config folder:
//! `bank-holidays.json` and `closures.yaml` (a list of `{date, title}`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use super::files::read_limited;
use super::yaml::{self, LoadError};
use crate::agenda::catalog::config_dir;
use crate::domain::calendar::{Calendar, Division, Holiday, parse_official};

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
        .find(|p| p.is_file())
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
    let mut cal = Calendar::new(division);
    if let Some(path) = first_existing(case, OFFICIAL_FILE) {
        let bytes = read_limited(&path).map_err(|e| LoadError::new(&path, e.to_string(), ""))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            LoadError::new(
                &path,
                "the file is not valid UTF-8 text",
                "download it again",
            )
        })?;
        let official = parse_official(&text).map_err(|e| {
            LoadError::new(
                &path,
                e,
                "this file must be in the format of gov.uk's bank-holidays.json",
            )
        })?;
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
        let closures: Vec<Closure> = yaml::load(&path)?;
        cal = cal.with_closures(closures.into_iter().map(|c| Holiday {
            date: c.date,
            title: c.title,
        }));
    }
    Ok((cal, warnings))
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
    fn a_broken_official_file_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(OFFICIAL_FILE), "{ not json").unwrap();
        let e = load_calendar(Some(dir.path()), Division::Scotland).unwrap_err();
        assert!(e.file.ends_with(OFFICIAL_FILE));
    }
}
