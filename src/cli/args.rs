//! The command line: every command and option, with the help text users see.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::domain::calendar::Division;

#[derive(Debug, Parser)]
#[command(
    name = "coregroup",
    version,
    about = "Run UK child-protection core group meetings in the terminal",
    long_about = "Run UK child-protection core group meetings in the terminal: walk the agenda live, \
        capture what the procedures require as people speak, and write the minutes and the updated \
        plan the moment the meeting closes. Works offline; the data stays in the case folder."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a meeting on the built-in fictional example case.
    Demo(DemoArgs),
    /// Open a core group meeting on a case.
    Meeting(MeetingArgs),
    /// Make a new case folder.
    New(NewArgs),
    /// Check a case folder, a plan file or an agenda file; exit 1 and list every problem.
    Check(CheckArgs),
    /// Work out a due date: N working days, weeks or months after a date.
    Deadline(DeadlineArgs),
    /// List the bank holidays (and local closure days) of a year.
    Holidays(HolidaysArgs),
    /// Show every statutory timescale of a case and whether it is met.
    Status(StatusArgs),
    /// Write the minutes and plan documents of a meeting again from its record.
    Export(ExportArgs),
    /// List the agendas (built-in and your own), or show one.
    Agendas(AgendasArgs),
    /// Write a resolution process request (Wales, Appendix 3) filled from the case.
    ResolutionRequest(ResolutionRequestArgs),
    /// Write a large fictional case, for measuring speed.
    #[command(hide = true)]
    GenerateLarge(GenerateLargeArgs),
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to put the example case; a fresh temporary folder when absent.
    pub dir: Option<PathBuf>,
    /// The screen's colours (NO_COLOR in the environment turns colour off).
    #[arg(long, value_enum, default_value_t = Theme::Default)]
    pub theme: Theme,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Theme {
    Default,
    HighContrast,
}

#[derive(Debug, Args)]
pub struct MeetingArgs {
    /// The case folder.
    pub dir: PathBuf,
    /// The agenda to follow: a name (see `coregroup agendas`) or a YAML file. Defaults to the case's.
    #[arg(long)]
    pub agenda: Option<String>,
    /// The meeting's date (e.g. 2026-12-04, "today", "4/12"). Defaults to today.
    #[arg(long)]
    pub date: Option<String>,
    /// The screen's colours (NO_COLOR in the environment turns colour off).
    #[arg(long, value_enum, default_value_t = Theme::Default)]
    pub theme: Theme,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to make; it must not already hold a case.
    pub dir: PathBuf,
    /// Fill it with the fictional example case (two siblings, a past meeting).
    #[arg(long)]
    pub example: bool,
    /// The day the example is laid out around (YYYY-MM-DD). Defaults to today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A case folder, a plan.yaml, a minutes.yaml or an agenda file.
    pub path: PathBuf,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("period").required(true).args(["working_days", "weeks", "months"])))]
pub struct DeadlineArgs {
    /// The date it counts from (day 0), as YYYY-MM-DD.
    pub from: String,
    #[arg(long, value_name = "N")]
    pub working_days: Option<u32>,
    #[arg(long, value_name = "N")]
    pub weeks: Option<u32>,
    #[arg(long, value_name = "N")]
    pub months: Option<u32>,
    /// Whose bank holidays count: the case's division with --case, else england-and-wales.
    #[arg(long, value_parser = parse_division)]
    pub division: Option<Division>,
    /// Count with this case's bank-holidays.json and closures.yaml, and its division.
    #[arg(long, value_name = "DIR")]
    pub case: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HolidaysArgs {
    /// The year; this year when absent.
    pub year: Option<i32>,
    /// Whose bank holidays: the case's division with --case, else england-and-wales.
    #[arg(long, value_parser = parse_division)]
    pub division: Option<Division>,
    /// Use this case's bank-holidays.json and closures.yaml, and its division.
    #[arg(long, value_name = "DIR")]
    pub case: Option<PathBuf>,
}

fn parse_division(s: &str) -> Result<Division, String> {
    s.parse()
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Yaml,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The case folder.
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Judge the timescales as on this day (YYYY-MM-DD). Defaults to today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The case folder.
    pub dir: PathBuf,
    /// The meeting's id (its folder name under meetings/). Defaults to the latest.
    #[arg(long)]
    pub meeting: Option<String>,
}

#[derive(Debug, Args)]
pub struct AgendasArgs {
    #[command(subcommand)]
    pub command: Option<AgendasCommand>,
}

#[derive(Debug, Subcommand)]
pub enum AgendasCommand {
    /// Print one agenda's YAML.
    Show {
        /// The agenda's name.
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct ResolutionRequestArgs {
    /// The case folder.
    pub dir: PathBuf,
    /// The member (id) making the request. Defaults to the lead worker.
    #[arg(long)]
    pub by: Option<String>,
    /// The concern, in a sentence or two.
    #[arg(long, default_value = "")]
    pub concern: String,
    /// The outcome wanted for the child.
    #[arg(long, default_value = "")]
    pub desired_outcome: String,
    /// What the core group has done.
    #[arg(long, default_value = "")]
    pub core_group_actions: String,
    /// What the requesting agency has done.
    #[arg(long, default_value = "")]
    pub agency_actions: String,
    /// The request's date (YYYY-MM-DD). Defaults to today.
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct GenerateLargeArgs {
    /// Where to write the large case.
    pub dir: PathBuf,
}
