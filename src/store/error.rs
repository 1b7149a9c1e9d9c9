//! What the store says when a case's file cannot be read, locked or written: the file's own
//! error kept whole (its line and hint), or the store's words naming the file.

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
    /// Said in full, naming the file and what to do.
    #[error("{0}")]
    Said(String),
}

impl From<String> for StoreError {
    fn from(s: String) -> Self {
        StoreError::Said(s)
    }
}
