//! The commands behind the command line. Each returns what to print, or an error to show; the
//! binary only parses arguments and sets the exit code.

mod agendas;
pub mod args;
mod case;
mod case_files;
mod caseload;
mod check;
mod circulate;
mod deadline;
mod holidays;
mod log;
mod meeting;
pub mod output;
mod resolution;
mod status;

use std::fmt;
use std::process::ExitCode;

use chrono::NaiveDate;

pub use args::{Cli, Command};

use crate::domain::date_entry;

/// A command that failed: what went wrong, said plainly, with a hint where there is one. The
/// error of the layer below is kept whole (a use case's, the store's, the terminal's), its
/// message printed as it says it; a command's own words (an option it refuses) are `Said`.
#[derive(Debug)]
pub enum CliError {
    Failed(Box<dyn std::error::Error + Send + Sync>),
    Said(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Failed(e) => write!(f, "{e}"),
            CliError::Said(s) => f.write_str(s),
        }
    }
}

impl<E: std::error::Error + Send + Sync + 'static> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError::Failed(Box::new(e))
    }
}

/// Today, from the machine's clock, unless the user named a day.
pub fn day_or_today(given: Option<&str>, what: &str) -> Result<NaiveDate, CliError> {
    let today = chrono::Local::now().date_naive();
    match given {
        None => Ok(today),
        Some(s) => parse_day(s, today, what),
    }
}

/// A date typed on the command line: ISO, UK day/month, or words like "fri" and "tomorrow".
pub fn parse_day(s: &str, today: NaiveDate, what: &str) -> Result<NaiveDate, CliError> {
    date_entry::parse(s, today)
        .map(|r| r.date)
        .map_err(|e| CliError::Said(format!("{what}: {}\n  hint: {}", e.message, e.hint)))
}

/// Run a parsed command line; what it prints goes to stdout, errors to stderr.
pub fn run(cli: Cli) -> ExitCode {
    // Only the command line reads the user's settings: the library reads none unless told
    // where they are.
    crate::store::agenda_files::use_config_dir(crate::store::agenda_files::config_dir_from_env());
    let result = match cli.command {
        Command::Check(a) => check::run(&a),
        Command::Deadline(a) => deadline::run(&a).map(print_ok),
        Command::Holidays(a) => holidays::run(&a).map(print_ok),
        Command::Status(a) => status::run(&a).map(print_ok),
        Command::Meeting(a) => meeting::meeting(&a),
        Command::Demo(a) => meeting::demo(&a),
        Command::New(a) => case_files::new(&a).map(print_ok),
        Command::Export(a) => case_files::export(&a).map(print_ok),
        Command::Log(a) => log::run(&a).map(print_ok),
        Command::Circulate(a) => circulate::run(&a).map(print_ok),
        Command::Case(a) => case::run(&a),
        Command::Agendas(a) => agendas::run(&a).map(print_ok),
        Command::Caseload(a) => caseload::run(&a),
        Command::ReviewReport(a) => review_report(&a).map(print_ok),
        Command::ResolutionRequest(a) => resolution::run(&a).map(print_ok),
        Command::GenerateLarge(a) => case_files::generate_large(&a).map(print_ok),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Errors quote paths and files; their line breaks are ours, nothing else may drive
            // the terminal.
            output::eline(&format!("coregroup: {e}"));
            ExitCode::FAILURE
        }
    }
}

fn print_ok(text: String) -> ExitCode {
    output::print(&text);
    ExitCode::SUCCESS
}

/// Finish what a crash left half-done on the case (a close, temporary files), saying so in one
/// line each on stderr. Skipped while another coregroup has the case open: it may be closing.
pub fn finish_interrupted(case: &crate::store::CaseFolder) -> Result<(), CliError> {
    say_notices(&crate::cases::open_case::finish_interrupted(case)?);
    Ok(())
}

/// What opening a case did (a close finished) and what is left to deal with, one line each on
/// stderr.
pub fn say_notices(notices: &[String]) {
    for notice in notices {
        output::eline(notice);
    }
}

/// The case at `dir`, opened as every command on one case opens it
/// ([`crate::cases::open_case`]), what that did said on stderr.
pub fn open_case(
    dir: &std::path::Path,
    log: crate::cases::open_case::Log,
) -> Result<crate::cases::open_case::OpenCase, CliError> {
    let open =
        crate::cases::open_case::OpenCase::open(dir, &crate::store::agenda_files::load, log)?;
    say_notices(&open.notices);
    Ok(open)
}

/// An agenda by name (built-in or the user's) or by file path.
pub fn load_agenda(name: &str) -> Result<crate::domain::agenda::Agenda, CliError> {
    Ok(crate::store::agenda_files::load(name)?)
}

/// `coregroup review-report`: write the report and say where.
fn review_report(a: &args::ReviewReportArgs) -> Result<String, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    let author = a
        .author
        .as_deref()
        .map(crate::cases::review_report::Author::parse)
        .transpose()?;
    let open = open_case(&a.dir, crate::cases::open_case::Log::Read)?;
    let records = crate::cases::records::CaseRecords::of(open, false).with_meetings();
    let files = crate::cases::review_report::write_records(records, today, author.as_ref())
        .map_err(CliError::from)?;
    let mut out = String::from("The report to the review conference is written:\n");
    for f in files {
        out.push_str(&format!("  {}\n", f.display()));
    }
    Ok(out)
}
