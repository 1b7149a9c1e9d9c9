//! What a use case says when it cannot do what was asked: the store's own errors kept whole
//! (their file, line and hint), and the use case's own words.

use chrono::NaiveDate;

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
    /// The use case's own words, with their hint.
    #[error("{0}")]
    Said(String),
}

impl From<String> for CaseError {
    fn from(s: String) -> Self {
        CaseError::Said(s)
    }
}

impl From<&str> for CaseError {
    fn from(s: &str) -> Self {
        CaseError::Said(s.to_string())
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
