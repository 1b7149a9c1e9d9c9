//! `coregroup new` and `coregroup export`: making a case folder and writing a meeting's documents
//! again from its record.

use super::args::{ExportArgs, NewArgs};
use super::{CliError, day_or_today};
use crate::store::CaseFolder;
use crate::store::meeting_files::{create_case, export_meeting};

pub fn new(a: &NewArgs) -> Result<String, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    create_case(&a.dir, a.example, today).map_err(CliError)?;
    let mut out = format!("Made the case folder {}\n", a.dir.display());
    if a.example {
        out.push_str(&format!(
            "It holds the fictional example case and its past meeting.\n\
             Try: coregroup status {0}\n     coregroup meeting {0}\n",
            a.dir.display()
        ));
    } else {
        out.push_str(&format!(
            "Fill in {} (`coregroup check {}` says what is missing).\n",
            a.dir.join(crate::store::case::PLAN_FILE).display(),
            a.dir.display()
        ));
    }
    Ok(out)
}

pub fn export(a: &ExportArgs) -> Result<String, CliError> {
    let case = CaseFolder::open(&a.dir)?;
    let (id, files) = export_meeting(&case, a.meeting.as_deref()).map_err(CliError)?;
    let mut out = format!("Wrote the documents of the meeting {id}:\n");
    for f in files {
        out.push_str(&format!("  {}\n", f.display()));
    }
    Ok(out)
}
