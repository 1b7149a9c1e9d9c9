//! Making the Welsh resolution request (Appendix 3): filled from the case as its log leaves it
//! and written as Markdown and YAML into the case folder, atomically and owner-only.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cases::error::{CaseError, RequestError};
use crate::cases::open_case::OpenCase;
use crate::domain::resolution_request::{build, file_stem};
use crate::export::resolution_request::to_markdown;
use crate::store::files::write_atomic;
use crate::store::yaml;

/// What the person making the request gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asked<'a> {
    /// A member's id; the case's lead worker when none.
    pub by: Option<&'a str>,
    pub concern: &'a str,
    pub desired_outcome: &'a str,
    pub core_group_actions: &'a str,
    pub agency_actions: &'a str,
    pub date: NaiveDate,
}

/// Fill the request from `open` (members who joined and a new lead worker as the case log
/// records them) and write it; the Markdown file and the YAML file written.
pub fn write_request(open: &OpenCase, asked: &Asked) -> Result<(PathBuf, PathBuf), CaseError> {
    let plan = open.current();
    let by = asked
        .by
        .or(plan.case.lead_worker.as_deref())
        .ok_or(RequestError::NoRequester)?;
    let request = build(
        &plan,
        by,
        asked.concern,
        asked.desired_outcome,
        asked.core_group_actions,
        asked.agency_actions,
        asked.date,
    )
    .map_err(RequestError::Incomplete)?;
    let stem = file_stem(asked.date);
    let md = open.case.root().join(format!("{stem}.md"));
    let yml = open.case.root().join(format!("{stem}.yaml"));
    write_atomic(&md, to_markdown(&request).as_bytes())?;
    write_atomic(&yml, yaml::to_string(&request)?.as_bytes())?;
    Ok((md, yml))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::open_case::Log;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn asked<'a>(by: Option<&'a str>, concern: &'a str) -> Asked<'a> {
        Asked {
            by,
            concern,
            desired_outcome: "A plan the agencies keep to",
            core_group_actions: "Raised at two core groups",
            agency_actions: "Manager spoken to",
            date: day("2026-12-01"),
        }
    }

    #[test]
    fn a_request_missing_a_part_or_its_requester_is_refused_as_such_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("case");
        crate::cases::new_case::create_case(&root, true, day("2026-11-24")).unwrap();
        let mut open = OpenCase::open(&root, &crate::store::agenda_files::load, Log::Read).unwrap();
        match write_request(&open, &asked(None, "")) {
            Err(CaseError::Request(e @ RequestError::Incomplete(_))) => {
                let said = e.to_string();
                assert!(
                    said.starts_with("the request is not complete:\n  "),
                    "{said}"
                );
                assert!(
                    said.ends_with("--core-group-actions and --agency-actions"),
                    "{said}"
                );
            }
            other => panic!("{other:?}"),
        }
        open.plan.case.lead_worker = None;
        match write_request(&open, &asked(None, "Visits missed")) {
            Err(CaseError::Request(RequestError::NoRequester)) => {}
            other => panic!("{other:?}"),
        }
        let written = std::fs::read_dir(&root)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("resolution"))
            .count();
        assert_eq!(written, 0);
    }
}
