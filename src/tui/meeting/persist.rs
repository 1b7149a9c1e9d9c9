//! The boundary between the screen and the disk. The journal, the lock and the writing of the
//! minutes plug in here; the screen only knows this trait.

use super::message::{AtClose, CloseReply};
use crate::cases::error::CaseError;
use crate::domain::agenda::Agenda;
use crate::domain::meeting::{Change, Draft};
use crate::store::plan_write::Chosen;

pub trait Persist {
    /// Write one change at once (not necessarily flushed). An error never loses the change:
    /// the implementation keeps it and writes it at a later `sync`, so the screen hands each
    /// change over exactly once and only retries `sync`.
    fn record(&mut self, change: &Change) -> std::io::Result<()>;
    /// Flush what was recorded to disk.
    fn sync(&mut self) -> std::io::Result<()>;
    /// The chair closed the meeting: write the record, plan and documents; return a message
    /// saying where they went. When plan.yaml was changed by hand since it was read, in fields
    /// the meeting changed too, nothing is written unless `chosen` answers for exactly those
    /// bytes: the question is returned ([`CloseReply::Ask`]) for the chair.
    fn close(
        &mut self,
        draft: &Draft,
        agenda: &Agenda,
        missing: &[String],
        chosen: Option<&Chosen>,
    ) -> Result<CloseReply, CaseError>;
    /// While saving fails: a copy outside the case folder holding every change, if there is
    /// one (the next meeting carries on from it).
    fn emergency_copy(&self) -> Option<std::path::PathBuf> {
        None
    }
    /// Once, when the meeting's hold on the case is found weakened (its lock file deleted or
    /// replaced): what to tell the chair.
    fn lost_hold(&mut self) -> Option<(String, Vec<String>)> {
        None
    }
}

/// Keeps everything in memory; tests use it to see what the screen saved, and to make saving fail.
#[derive(Debug, Default)]
pub struct MemoryPersist {
    pub recorded: Vec<Change>,
    /// Changes that arrived while recording was failing, written at the next good sync.
    pub held: Vec<Change>,
    /// How many of `recorded` a sync has covered.
    pub synced: usize,
    pub fail_record: bool,
    pub fail_sync: bool,
    pub closed: Option<(Draft, Vec<String>)>,
    /// A question the close asks while no answer for its bytes is given.
    pub ask: Option<AtClose>,
    /// What the chair chose, at the close that went ahead.
    pub chosen: Option<Chosen>,
    /// What `emergency_copy` says.
    pub emergency_copy: Option<std::path::PathBuf>,
}

impl Persist for MemoryPersist {
    fn emergency_copy(&self) -> Option<std::path::PathBuf> {
        self.emergency_copy.clone()
    }

    fn record(&mut self, change: &Change) -> std::io::Result<()> {
        if self.fail_record || !self.held.is_empty() {
            self.held.push(change.clone());
            return Err(std::io::Error::other("the disk is full"));
        }
        self.recorded.push(change.clone());
        Ok(())
    }

    fn sync(&mut self) -> std::io::Result<()> {
        if self.fail_sync || self.fail_record {
            return Err(std::io::Error::other("the disk is full"));
        }
        self.recorded.append(&mut self.held);
        self.synced = self.recorded.len();
        Ok(())
    }

    fn close(
        &mut self,
        draft: &Draft,
        _agenda: &Agenda,
        missing: &[String],
        chosen: Option<&Chosen>,
    ) -> Result<CloseReply, CaseError> {
        if let Some(ask) = &self.ask
            && chosen.is_none_or(|c| c.against != ask.against)
        {
            return Ok(CloseReply::Ask(ask.clone()));
        }
        self.closed = Some((draft.clone(), missing.to_vec()));
        self.chosen = chosen.cloned();
        Ok(CloseReply::Closed(
            "kept in memory (nothing written)".into(),
        ))
    }
}
