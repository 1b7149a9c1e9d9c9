//! What a use case says when it cannot do what was asked: the store's own errors kept whole
//! (their file, line and hint), and the use case's own words.

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
    Open(#[from] crate::cases::open_case::OpenError),
    #[error(transparent)]
    Log(#[from] crate::cases::log_event::LogError),
    #[error(transparent)]
    Lock(#[from] crate::store::LockError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Agenda(#[from] crate::store::agenda_files::AgendaError),
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
