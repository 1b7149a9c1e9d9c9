//! `coregroup check`: validate a case folder, a plan, an agenda or a keymap file through
//! [`crate::cases::check`], print every problem it found and a summary, and fail when one is an
//! error.

use std::process::ExitCode;

use super::args::CheckArgs;
use super::{CliError, output};
use crate::cases::check::{Keys, Report, check};
use crate::text::sanitize;
use crate::tui::keymap::{Keymap, Mode};

pub fn run(a: &CheckArgs) -> Result<ExitCode, CliError> {
    let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
    let keys = Keys {
        modes: &modes,
        check: &|file| {
            Keymap::with_file(Some(file))
                .map(|_| ())
                .map_err(Into::into)
        },
    };
    let report = check(&a.path, &keys);
    for f in &report.findings {
        output::line(&f.line);
    }
    output::line(&summary(&report));
    Ok(if report.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The last line: how many errors and warnings, in which files.
fn summary(report: &Report) -> String {
    let checked: Vec<String> = report
        .checked
        .iter()
        .map(|f| sanitize(&f.display().to_string()).into_owned())
        .collect();
    let (errors, warnings) = (report.errors(), report.warnings());
    format!(
        "{} error{}, {} warning{} in {}",
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
        match checked.len() {
            0 => "nothing checked".to_string(),
            1..=3 => checked.join(", "),
            n => format!("{n} files"),
        }
    )
}
