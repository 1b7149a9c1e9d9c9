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
    /// Record what happened between meetings in the case log, or list the log.
    Log(LogArgs),
    /// Write a meeting's circulation pack: one ready-to-send email per member, or a letter.
    Circulate(CirculateArgs),
    /// Open the case: every timescale (overdue first), the plan, the people and the log.
    Case(CaseArgs),
    /// List the agendas (built-in and your own), or show one.
    Agendas(AgendasArgs),
    /// Write the core group's report to the review conference (Markdown, HTML and Word), and the
    /// family's version.
    ReviewReport(ReviewReportArgs),
    /// Every case under some folders, one row each, most urgent first, with drift.
    Caseload(CaseloadArgs),
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
    #[arg(long, value_enum, default_value_t = ThemeChoice::Default)]
    pub theme: ThemeChoice,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ThemeChoice {
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
    #[arg(long, value_enum, default_value_t = ThemeChoice::Default)]
    pub theme: ThemeChoice,
    /// Take the case even though its lock names a coregroup on another computer (only when
    /// that one is closed or gone: a shared drive may not show its lock here).
    #[arg(long)]
    pub take_over: bool,
    /// Discard the case's unfinished meeting, opened by mistake: asks first (y/N), and the
    /// case log records it. A closed meeting is never discarded.
    #[arg(long)]
    pub discard: bool,
    /// With --discard: why, kept in the case log.
    #[arg(long, value_name = "TEXT", requires = "discard")]
    pub reason: Option<String>,
    /// With --discard: do not ask (needed where there is no terminal to ask on).
    #[arg(long, requires = "discard")]
    pub yes: bool,
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

/// Clap's parser for `--division`: its error is printed after clap's own words.
fn parse_division(s: &str) -> Result<Division, crate::domain::calendar::UnknownDivision> {
    s.parse()
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatusFormat {
    Text,
    Yaml,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The case folder.
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
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
    /// Where to write the large case (with --caseload, the folder of the cases).
    pub dir: PathBuf,
    /// Write a caseload of N fictional cases of realistic size instead, one folder each.
    #[arg(long, value_name = "N")]
    pub caseload: Option<usize>,
    /// With --caseload: the same seed writes the same cases.
    #[arg(long, value_name = "SEED", default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Args)]
#[command(
    after_help = "With no event, lists the case log. Each event is written at once and \
    `coregroup status DIR` reflects it. Members are named by id or by a part of the name only one \
    member has."
)]
pub struct LogArgs {
    /// The case folder.
    pub dir: PathBuf,
    #[command(subcommand)]
    pub event: Option<LogEvent>,
}

#[derive(Debug, Subcommand)]
pub enum LogEvent {
    /// A home visit: who visited, whether the child was seen, seen alone, the bedroom seen.
    Visit(VisitArgs),
    /// The minutes and plan of a meeting went out (circulate logs this itself).
    Circulated(CirculatedArgs),
    /// A member's signed written agreement came back.
    AgreementReturned(AgreementReturnedArgs),
    /// A review conference was held: its decision, the outcomes it changed, the next review.
    ReviewConference(ReviewConferenceArgs),
    /// The core assessment was completed.
    CoreAssessment(When),
    /// A child on a pre-birth plan was born (the date of birth, and the name if it is new)
    Birth(BirthArgs),
    /// A change of circumstances was reported to the conference chair.
    ChangeReported(ChangeReportedArgs),
    /// A member joined the core group.
    MemberJoins(MemberJoinsArgs),
    /// A member left the core group (kept in the plan, marked with the day).
    MemberLeaves(MemberEventArgs),
    /// A member became the lead social worker.
    LeadWorker(MemberEventArgs),
    /// Wales: a resolution (Tier 1) request was made.
    ResolutionRequest(ResolutionRequestLogArgs),
    /// Wales: the Tier 1 resolution meeting was held.
    Tier1Meeting(When),
    /// Wales: the Tier 2 resolution meeting was held.
    Tier2Meeting(When),
    /// Withdraw a wrong entry: kept in the log, marked withdrawn with the reason, and counted
    /// nowhere (`coregroup log DIR` lists the entries' ids).
    Withdraw(WithdrawArgs),
    /// A disagreement carried from a meeting was resolved between meetings.
    DisagreementResolved(DisagreementResolvedArgs),
    /// An action changed between meetings: its status (achieved, not-achieved,
    /// no-longer-needed, in-progress), a new due date or owner. Kept in the action's history in
    /// plan.yaml, with who and why, and shown at the next meeting and in the review report.
    Action(ActionArgs),
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The id of the entry, as `coregroup log DIR` lists it (e.g. e3f2a91c04).
    pub id: String,
    /// Why the entry is wrong.
    #[arg(long)]
    pub reason: String,
    /// The member withdrawing it (id or name). Defaults to the lead worker.
    #[arg(long, value_name = "MEMBER")]
    pub by: Option<String>,
    #[command(flatten)]
    pub when: When,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ActionStatusArg {
    NotStarted,
    InProgress,
    Achieved,
    NotAchieved,
    NoLongerNeeded,
}

#[derive(Debug, Args)]
pub struct ActionArgs {
    /// The action's id (a3).
    pub action: String,
    /// Its status now.
    #[arg(value_enum)]
    pub status: Option<ActionStatusArg>,
    /// Why: needed for a new status or due date.
    #[arg(long, alias = "reason", value_name = "TEXT")]
    pub note: Option<String>,
    /// A new due date (natural dates count forward from the day of the change).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// A new owner (a member's id or name).
    #[arg(long, value_name = "MEMBER")]
    pub owner: Option<String>,
    /// Who made the change: a member (id or name), or any name as typed. Defaults to the lead
    /// worker.
    #[arg(long, value_name = "WHO")]
    pub by: Option<String>,
    /// The note is for professionals only: never in a family member's copy.
    #[arg(long)]
    pub confidential: bool,
    #[command(flatten)]
    pub when: When,
}

#[derive(Debug, Args)]
pub struct DisagreementResolvedArgs {
    /// The disagreement's id, as `coregroup status` lists it (e.g. d1).
    pub disagreement: String,
    /// How it was resolved, in a sentence.
    pub how: String,
    #[command(flatten)]
    pub when: When,
    /// Who resolved it: a member (id or name), or any name.
    #[arg(long, value_name = "WHO")]
    pub by: Option<String>,
    /// Keep how it was resolved out of every family copy.
    #[arg(long)]
    pub confidential: bool,
    /// A family member (id or name) who must not read how it was resolved; repeat for more.
    #[arg(long, value_name = "MEMBER")]
    pub not_for: Vec<String>,
}

#[derive(Debug, Args)]
pub struct When {
    /// The day it happened (2026-11-27, 27/11, fri for the last Friday, yesterday). Defaults to today.
    #[arg(long)]
    pub date: Option<String>,
    /// The day dates are counted from (YYYY-MM-DD). Defaults to today.
    #[arg(long, value_name = "DATE", hide = true)]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct VisitArgs {
    #[command(flatten)]
    pub when: When,
    /// The member who visited (id or name). Defaults to the lead worker.
    #[arg(long, value_name = "MEMBER")]
    pub by: Option<String>,
    /// A child of the visit (id or name); repeat for each. Defaults to every child. Each child
    /// on their own: CHILD=alone (seen alone), CHILD=seen (seen, not alone), CHILD=too-young
    /// (seen; too young to be seen alone), CHILD=not-seen:REASON; a reason may follow any of
    /// them after a colon (CHILD=seen:asleep).
    #[arg(long = "child", value_name = "CHILD[=HOW]")]
    pub children: Vec<String>,
    /// Every child of the visit was seen alone.
    #[arg(long, conflicts_with = "not_seen")]
    pub seen_alone: bool,
    /// No child of the visit was seen (say why with --why-not).
    #[arg(long, requires = "why_not")]
    pub not_seen: bool,
    /// The child's bedroom was seen.
    #[arg(long, conflicts_with = "bedroom_not_seen")]
    pub bedroom_seen: bool,
    /// The child's bedroom was not seen.
    #[arg(long)]
    pub bedroom_not_seen: bool,
    /// Why the child, or the bedroom, was not seen.
    #[arg(long, value_name = "TEXT")]
    pub why_not: Option<String>,
}

#[derive(Debug, Args)]
pub struct CirculatedArgs {
    #[command(flatten)]
    pub when: When,
    /// The meeting (its folder name under meetings/). Defaults to the latest.
    #[arg(long)]
    pub meeting: Option<String>,
    /// A member they went to (id or name); repeat for each. Defaults to every member.
    #[arg(long = "to", value_name = "MEMBER")]
    pub to: Vec<String>,
    /// Why they went out again, when this is a re-issue.
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct AgreementReturnedArgs {
    /// The member who returned it (id or name).
    pub member: String,
    #[command(flatten)]
    pub when: When,
    /// The meeting whose agreement it is. Defaults to the latest.
    #[arg(long)]
    pub meeting: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DecisionArg {
    Continue,
    End,
}

#[derive(Debug, Args)]
pub struct ReviewConferenceArgs {
    #[command(flatten)]
    pub when: When,
    /// Whether the child protection plan continues or ends.
    #[arg(long, value_enum)]
    pub decision: DecisionArg,
    /// An outcome (id) the conference changed; repeat for each.
    #[arg(long = "outcome-changed", value_name = "OUTCOME")]
    pub outcomes_changed: Vec<String>,
    /// An outcome of the plan as the conference reworded it, like `o2="Kayla attends school
    /// every day"`; repeat for each. Only a review conference changes a conference outcome
    #[arg(long = "outcome", value_name = "ID=TEXT")]
    pub outcomes: Vec<String>,
    /// A new outcome the conference set for a child (id or name), like `kayla="Kayla has a
    /// trusted adult at school"`; repeat for each
    #[arg(long = "new-outcome", value_name = "CHILD=TEXT")]
    pub new_outcomes: Vec<String>,
    /// The next review conference it set (natural dates count forward).
    #[arg(long, value_name = "DATE")]
    pub next: Option<String>,
}

#[derive(Debug, Args)]
pub struct BirthArgs {
    /// The child on the plan (id or name), as the plan knows them before birth.
    #[arg(long, value_name = "CHILD")]
    pub child: String,
    /// The name the child was given, when it is not the plan's yet.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The day the child was born.
    #[command(flatten)]
    pub when: When,
}

#[derive(Debug, Args)]
pub struct ChangeReportedArgs {
    /// What changed, in a sentence.
    pub what: String,
    #[command(flatten)]
    pub when: When,
    /// The member who reported it (id or name).
    #[arg(long, value_name = "MEMBER")]
    pub by: Option<String>,
    /// The change of circumstances in the last minutes it reports (its id, e.g. c2).
    #[arg(long, value_name = "ID")]
    pub circumstance: Option<String>,
}

#[derive(Debug, Args)]
pub struct MemberJoinsArgs {
    /// The new member's full name.
    pub name: String,
    #[command(flatten)]
    pub when: When,
    /// Their role (e.g. "School nurse").
    #[arg(long)]
    pub role: String,
    #[arg(long, default_value = "")]
    pub agency: String,
    /// A short id (made from the name when absent).
    #[arg(long)]
    pub id: Option<String>,
    /// A family member (gets the family's copy).
    #[arg(long)]
    pub family: bool,
    #[arg(long)]
    pub email: Option<String>,
    /// The language their copy should be in.
    #[arg(long)]
    pub language: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    /// Never print their address on a circulated copy.
    #[arg(long)]
    pub withhold_address: bool,
}

#[derive(Debug, Args)]
pub struct MemberEventArgs {
    /// The member (id or name).
    pub member: String,
    #[command(flatten)]
    pub when: When,
}

#[derive(Debug, Args)]
pub struct ResolutionRequestLogArgs {
    #[command(flatten)]
    pub when: When,
    /// The member who made the request (id or name).
    #[arg(long, value_name = "MEMBER")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Writes into the meeting's folder outbox/<member>.eml for each member with \
    an email (open it in any mail client, check it, send it) and outbox/<member>-letter.html, a \
    printable cover letter, for each without. coregroup never sends anything. Logs the \
    circulation in the case log."
)]
pub struct CirculateArgs {
    /// The case folder.
    pub dir: PathBuf,
    /// The meeting's id (its folder name under meetings/). Defaults to the latest.
    #[arg(long)]
    pub meeting: Option<String>,
    /// The day the minutes go out (e.g. 2026-11-27, today). Defaults to today.
    #[arg(long)]
    pub date: Option<String>,
    /// Why the minutes go out again, when this is a re-issue (kept in the log and shown in the
    /// minutes' versions).
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct CaseArgs {
    /// The case folder.
    pub dir: PathBuf,
    /// Judge the timescales as on this day (YYYY-MM-DD). Defaults to today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// The screen's colours (NO_COLOR in the environment turns colour off).
    #[arg(long, value_enum, default_value_t = ThemeChoice::Default)]
    pub theme: ThemeChoice,
}

/// How a list is printed: for people, or for scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Yaml,
    Json,
}

#[derive(Debug, Args)]
pub struct CaseloadArgs {
    /// Folders to search for case folders; `roots:` in the config folder's caseload.yaml, else
    /// the current folder, when none is given.
    pub roots: Vec<PathBuf>,
    /// `text` opens the full-screen list in a terminal.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Judge the timescales as on this day (YYYY-MM-DD). Defaults to today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// The screen's colours (NO_COLOR in the environment turns colour off).
    #[arg(long, value_enum, default_value_t = ThemeChoice::Default)]
    pub theme: ThemeChoice,
    /// As text, each case's drift flags with their evidence under the list (YAML and JSON always
    /// hold them).
    #[arg(long)]
    pub drift: bool,
}

#[derive(Debug, Args)]
pub struct ReviewReportArgs {
    /// The case folder.
    pub dir: PathBuf,
    /// The day of the report (YYYY-MM-DD); the period runs from the last review conference to
    /// it. Defaults to today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Who wrote the report, as it should print it ("Sam Okafor, team manager"). Defaults to
    /// the lead worker named in the plan.
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
}
