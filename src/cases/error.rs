//! What a use case says when it cannot do what was asked: the store's own errors kept whole
//! (their file, line and hint), and each use case's refusals as the facts they are, worded here.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::id::Id;
use crate::store::LoadError;

/// Why a use case did nothing, or stopped part way (each message says which).
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// A file of the case that does not read, with its line and hint.
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Log(#[from] LogError),
    #[error(transparent)]
    Lock(#[from] crate::store::LockError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Agenda(#[from] crate::store::agenda_files::AgendaError),
    /// A shipped agenda the case names that there is not.
    #[error(transparent)]
    Shipped(#[from] crate::agenda::ShippedError),
    /// The resolution request was not made.
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The plan was not written.
    #[error(transparent)]
    Write(#[from] crate::store::plan_write::WriteError),
    /// A record not written as YAML (a bug: the model always serializes).
    #[error(transparent)]
    Serialize(#[from] crate::store::yaml::SerializeError),
    /// A meeting closed with an end before its start.
    #[error(transparent)]
    EndsBeforeStart(#[from] crate::domain::close::EndsBeforeStart),
    /// An action's new due date or status between meetings without its reason.
    #[error(transparent)]
    ReasonNeeded(#[from] crate::domain::action_history::ReasonNeeded),
    /// Minutes going out again on another day without the reason for it.
    #[error(transparent)]
    ReissueNeedsReason(#[from] crate::domain::circulation::ReissueNeedsReason),
    /// A plan edit that names what the plan does not have, or would lose what it needs.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// No member answers to what was typed, or more than one does.
    #[error(transparent)]
    Member(#[from] MemberError),
    /// A meeting asked for that the case does not have, or one it has with problems.
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    /// A case not set up where one already is.
    #[error(transparent)]
    NewCase(#[from] NewCaseError),
    /// A meeting not closed: it stays open.
    #[error(transparent)]
    Close(#[from] CloseError),
    /// An unfinished meeting not discarded.
    #[error(transparent)]
    Discard(#[from] DiscardError),
    /// A meeting not circulated, or circulated with its files not all in place.
    #[error(transparent)]
    Circulate(#[from] CirculateError),
    /// The review report, or its family version, not written.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// A fictional caseload not written into a folder that holds something.
    #[error(transparent)]
    Caseload(#[from] CaseloadError),
}

impl CaseError {
    /// A file or folder of the case and what the system said of it (`path: error`).
    pub fn at(path: &std::path::Path, error: std::io::Error) -> CaseError {
        CaseError::Store(crate::store::StoreError::At {
            path: path.to_path_buf(),
            error,
        })
    }
}

/// A meeting of the case asked for by its id, or the latest, that is not there, or that has
/// problems to fix before it can be used. Each names the meetings there are, as its command
/// words it.
#[derive(Debug, thiserror::Error)]
pub enum MeetingError {
    /// The meeting to circulate is not one of the case's.
    #[error(
        "the case has no meeting \"{id}\" with its documents\n  hint: the meetings are {}",
        list_or_none(.known)
    )]
    NoneToCirculate { id: String, known: Vec<String> },
    /// Nothing to circulate: no meeting has been held.
    #[error(
        "the case has no meeting to circulate yet\n  hint: hold one with `coregroup meeting DIR`"
    )]
    NoneHeldToCirculate,
    /// The meeting whose documents were asked for is not one of the case's.
    #[error(
        "there is no meeting `{id}` in this case\n  hint: {}",
        if .known.is_empty() {
            "this case has no closed meetings yet".to_string()
        } else {
            format!("the meetings of this case are: {}", .known.join(", "))
        }
    )]
    NoDocuments { id: String, known: Vec<String> },
    /// No meeting has been closed, so there are no documents.
    #[error(
        "this case has no closed meetings yet\n  hint: run a meeting with `coregroup meeting DIR` \
         and close it, or try `coregroup new --example DIR`"
    )]
    NoneClosed,
    /// An event names a meeting the case does not have (`known`: the meetings as listed).
    #[error("the case has no meeting \"{id}\"\n  hint: the meetings are {known}")]
    NoneToLog { id: String, known: String },
    /// An event needs a meeting and none is recorded.
    #[error(
        "the case has no meeting recorded yet\n  hint: hold one with `coregroup meeting DIR`, or give --meeting"
    )]
    NoneRecorded,
    /// A meeting's record or plan with errors `check` lists, each line as `check` prints it.
    #[error(
        "the meeting {id} has problems to fix before it can be used:\n{}\n  (`coregroup check {root}` \
         lists them all)",
        .lines.join("\n")
    )]
    Problems {
        id: String,
        lines: Vec<String>,
        root: String,
    },
}

fn list_or_none(known: &[String]) -> String {
    if known.is_empty() {
        "none yet".into()
    } else {
        known.join(", ")
    }
}

/// Why a case could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// A file that does not read, with its line and hint.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The log could not be locked, or a close cut short could not be finished.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The plan has errors `check` lists, each line as `check` prints it.
    #[error(
        "the plan has problems to fix before it can be used:\n{}\n  (`coregroup check {root}` lists them all)",
        .lines.join("\n")
    )]
    Plan { lines: Vec<String>, root: String },
    /// The draft of a set-up cut short after its plan was written could not be removed.
    #[error(transparent)]
    Draft(std::io::Error),
}

/// Why an event was not logged.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// The event's day is after the day it is logged on.
    #[error(transparent)]
    StillToCome(#[from] StillToCome),
    /// The log could not be read, locked or written.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The same event is in the log, withdrawn: it stays withdrawn.
    #[error(
        "{event} is in the log as {id}, withdrawn on {}: {reason}\n  hint: an entry withdrawn \
         stays withdrawn; log what happened with what was different about it",
        .on.format("%a %-d %b %Y")
    )]
    Withdrawn {
        /// The event, described as the log lists it.
        event: String,
        id: String,
        on: NaiveDate,
        reason: String,
    },
    /// The event names someone or something the case does not have, or misses a field: each
    /// problem with the field as the event's option names it (`member-joins.member.email`).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<FieldProblem>),
}

/// What is wrong with one field of an event, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
    pub hint: String,
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// A day still to come given as the day an event happened. The log records what has
/// happened: the one rule for every way an event is made (`coregroup log`, the case screen's
/// forms), and checked again by [`log_event`] whatever made the event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} is still to come; the log records what has happened", .day.format("%a %-d %b %Y"))]
pub struct StillToCome {
    pub day: NaiveDate,
    pub today: NaiveDate,
}

impl StillToCome {
    /// What to give instead.
    pub fn hint(&self) -> String {
        format!(
            "give the day it happened, e.g. \"yesterday\" or \"{}\"",
            self.today.format("%-d/%-m/%Y")
        )
    }
}

/// Why no resolution request was written (besides a file that could not be).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("who is making the request? give --by MEMBER-ID (the case has no lead worker)")]
    NoRequester,
    /// Each part missing or wrong, as the request's rules say it.
    #[error(
        "the request is not complete:\n  {}\n  hint: give them with --concern, --desired-outcome, --core-group-actions and --agency-actions",
        .0.join("\n  ")
    )]
    Incomplete(Vec<String>),
}

/// Why a plan edit was refused: what it names that the plan does not have, a text it needs, a
/// meeting holding the case, or the plan changed under the form.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("the action needs its text\n  hint: say what is to be done")]
    ActionText,
    #[error("the plan has no action \"{0}\"")]
    NoAction(Id),
    #[error("the outcome needs its text\n  hint: say what should change for the child")]
    OutcomeText,
    #[error("the plan has no outcome \"{0}\"")]
    NoOutcome(Id),
    /// An outcome only a review conference changes.
    #[error(
        "outcome {0} was set by the conference; only a review conference changes it\n  hint: log the review conference with its wording (`coregroup log DIR review-conference --outcome {0}=TEXT`, or `l` on the case screen)"
    )]
    ConferenceOutcome(Id),
    #[error("the member needs a role\n  hint: mother, school, health visitor …")]
    MemberRole,
    #[error("the plan has no member \"{0}\"")]
    NoMember(Id),
    /// The case's lock not taken: a meeting holds it, or it could not be made.
    #[error(
        "the plan was not changed: {0}\n  hint: a meeting open on the case keeps the plan until it closes"
    )]
    Locked(#[source] crate::store::LockError),
    /// The files named changed since the form was opened.
    #[error(
        "not saved: {} changed since this form was opened\n  hint: close the form to see \
         the plan as it is now, and make the change again",
        .0.join(", ")
    )]
    ChangedSinceOpened(Vec<String>),
    /// The files named changed between reading the plan and writing it back.
    #[error("{} changed while it was read", .0.join(", "))]
    ChangedWhileRead(Vec<String>),
}

/// Why what was typed names no one member: each member as listed (`m1 (Name)`, with the day
/// one left).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MemberError {
    #[error(
        "no member is called or has the id \"{query}\"\n  hint: the members are {}",
        list_or_none(.members)
    )]
    NoSuch { query: String, members: Vec<String> },
    #[error(
        "\"{query}\" matches more than one member: {}\n  hint: give the id, or more of the name",
        list_or_none(.matches)
    )]
    Many { query: String, matches: Vec<String> },
}

/// Why no case was made in a folder.
#[derive(Debug, thiserror::Error)]
pub enum NewCaseError {
    /// The folder holds a case (its plan or its meetings) already.
    #[error(
        "{} already holds a case\n  hint: choose a new folder; coregroup never overwrites a case",
        .0.display()
    )]
    Exists(PathBuf),
    /// The folder for the large fictional case holds a plan already.
    #[error("{} already holds a case; give an empty folder", .0.display())]
    ExistsForLarge(PathBuf),
    /// The example's meeting was written, but its plan could not be made the case's.
    #[error("{}: the example case's plan.yaml could not be written", .0.display())]
    ExamplePlan(PathBuf),
}

/// Close the meeting `draft` holds, begun on the plan `began` (and where it was read from):
/// Why a meeting was not closed: it stays open, with all that was typed.
#[derive(Debug, thiserror::Error)]
pub enum CloseError {
    /// The journal could not be synced to the disk.
    #[error("the journal could not be saved, so the meeting stays open: {0}")]
    Journal(#[source] std::io::Error),
    /// The meeting's folder (its documents, record and plan) could not be written.
    #[error("the minutes could not be written ({0}); the meeting stays open and nothing is lost")]
    Minutes(#[source] std::io::Error),
}

/// Why an unfinished meeting was not discarded, or its journal stayed.
#[derive(Debug, thiserror::Error)]
pub enum DiscardError {
    /// The meeting has its record in `dir`: it is closed.
    #[error(
        "the meeting {id} is closed (its minutes are in {}): a closed meeting cannot be \
         discarded",
        .dir.display()
    )]
    Closed { id: String, dir: PathBuf },
    /// The journal is gone since the question was asked.
    #[error("there is no unfinished meeting any more")]
    Gone,
    /// Another unfinished meeting than the one asked about.
    #[error("the unfinished meeting changed while you were asked: nothing was discarded")]
    Changed,
    /// Logged as discarded, but the journal could not be removed.
    #[error(
        "the log says the meeting was discarded, but its journal could not be removed \
         ({0}); run this again"
    )]
    JournalKept(#[source] std::io::Error),
}

/// Why a meeting was not circulated, or was only in part.
#[derive(Debug, thiserror::Error)]
pub enum CirculateError {
    /// A document of the meeting's folder `dir` to send is not there.
    #[error(
        "{} is missing\n  hint: write the meeting's documents again with `coregroup export DIR --meeting {}`",
        .dir.join(.name).display(),
        .dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    )]
    Missing { dir: PathBuf, name: String },
    /// A member's letter left unmade: their copy of the case could not be told for certain.
    #[error(
        "the letter to {0} was not made: a withheld address could not be taken out for certain"
    )]
    NoLetter(String),
    /// Stopped before the circulation was logged: nothing went out.
    #[error("nothing was circulated: {0}")]
    Nothing(#[source] Box<CaseError>),
    /// Logged, but what follows was not all done: the same command finishes it.
    #[error(
        "the circulation is logged, but {left}\n  hint: run `coregroup circulate {} --meeting \
         {meeting} --date {day}` again to finish it",
        .root.display()
    )]
    Unfinished {
        left: LoggedBut,
        root: PathBuf,
        meeting: String,
        /// The day of the circulation.
        day: NaiveDate,
    },
}

/// What was left undone after a circulation was logged.
#[derive(Debug, thiserror::Error)]
pub enum LoggedBut {
    /// The meeting's record, with its new invitation noted, not written.
    #[error(transparent)]
    Record(Box<CaseError>),
    #[error("the documents could not be put in place: {0}")]
    Documents(#[source] std::io::Error),
    #[error("the pack could not be put in {}: {error}", .outbox.display())]
    Pack {
        outbox: PathBuf,
        #[source]
        error: std::io::Error,
    },
}

/// Why the review report, or its family version, was not written, or an author not taken.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("--author is empty\n{AUTHOR_HINT}")]
    AuthorEmpty,
    #[error("--author is more than one line\n{AUTHOR_HINT}")]
    AuthorLines,
    /// Parts of the case that do not read, each as `check` says it.
    #[error(
        "the report was not written: part of the case could not be read\n{}\n  hint: \
         `coregroup check {}` lists every problem",
        .problems.join("\n"),
        .root.display()
    )]
    Unread {
        problems: Vec<String>,
        root: PathBuf,
    },
    /// No reader's view of the records could be made.
    #[error(
        "the report was not written: a withheld address could not be taken out of \
         the records for certain\n  hint: run `coregroup check DIR`"
    )]
    Withheld,
    /// A Word document not made.
    #[error("{stem}.docx could not be made: {error}")]
    Word {
        stem: String,
        #[source]
        error: std::io::Error,
    },
    /// The professionals' report written, the family's not made.
    #[error(
        "the report is written, but not the family version: a withheld address could not be \
         taken out of the records for certain\n  written: {}",
        .written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    NoFamilyVersion { written: Vec<PathBuf> },
}

const AUTHOR_HINT: &str = "  hint: the name and role as the report should print them, e.g. \
                           --author \"Sam Okafor, team manager\"";

/// Why no fictional caseload was written.
#[derive(Debug, thiserror::Error)]
pub enum CaseloadError {
    #[error(
        "{} is not empty\n  hint: give a new folder; a caseload is never written over cases",
        .0.display()
    )]
    NotEmpty(PathBuf),
}
