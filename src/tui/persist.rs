//! The boundary between the screen and the disk. The journal, the lock and the writing of the
//! minutes plug in here; the screen only knows this trait.

use crate::agenda::Agenda;
use crate::domain::meeting::{Change, Draft};

pub trait Persist {
    /// Write one change at once (not necessarily flushed).
    fn record(&mut self, change: &Change) -> std::io::Result<()>;
    /// Flush what was recorded to disk.
    fn sync(&mut self) -> std::io::Result<()>;
    /// The chair closed the meeting: write the record, plan and documents; return a message
    /// saying where they went.
    fn close(
        &mut self,
        draft: &Draft,
        agenda: &Agenda,
        missing: &[String],
    ) -> Result<String, String>;
}

/// Keeps everything in memory; tests use it to see what the screen saved, and to make saving fail.
#[derive(Debug, Default)]
pub struct MemoryPersist {
    pub recorded: Vec<Change>,
    /// How many of `recorded` a sync has covered.
    pub synced: usize,
    pub fail_record: bool,
    pub fail_sync: bool,
    pub closed: Option<(Draft, Vec<String>)>,
}

impl Persist for MemoryPersist {
    fn record(&mut self, change: &Change) -> std::io::Result<()> {
        if self.fail_record {
            return Err(std::io::Error::other("the disk is full"));
        }
        self.recorded.push(change.clone());
        Ok(())
    }

    fn sync(&mut self) -> std::io::Result<()> {
        if self.fail_sync {
            return Err(std::io::Error::other("the disk is full"));
        }
        self.synced = self.recorded.len();
        Ok(())
    }

    fn close(
        &mut self,
        draft: &Draft,
        _agenda: &Agenda,
        missing: &[String],
    ) -> Result<String, String> {
        self.closed = Some((draft.clone(), missing.to_vec()));
        Ok("kept in memory (nothing written)".into())
    }
}
