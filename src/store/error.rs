//! What the store says when a case's file cannot be read, locked or written: the file's own
//! error kept whole (its line and hint), or the store's words naming the file with the error
//! under them kept whole.

use std::path::PathBuf;

use super::LoadError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file that does not read, with its line and hint.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A file or folder that could not be read.
    #[error("cannot read {}: {error}", .path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A file that could not be written.
    #[error("cannot write {}: {error}", .path.display())]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A file or folder, and what the system said of it.
    #[error("{}: {error}", .path.display())]
    At {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The case log's lock could not be taken.
    #[error("cannot lock the case log: {0}")]
    LogLock(std::io::Error),
    /// The marker of a close cut short does not read, so which meeting it was is not known.
    #[error(
        "{} cannot be read ({reason})\n  hint: it says which meeting was being closed; if you \
         know the close finished, delete it",
        .path.display()
    )]
    Marker { path: PathBuf, reason: Cause },
    /// A close cut short whose record is written, but whose plan cannot be made the case's.
    #[error("the close of the meeting {id} was interrupted and cannot be finished: {reason}")]
    Unfinished { id: String, reason: Cause },
}

/// What lay under a failure, kept whole (a file's `LoadError`, the system's error).
pub type Cause = Box<dyn std::error::Error + Send + Sync>;
