//! The case folder on disk: reading and writing YAML with clear errors, atomic owner-only
//! writes, where each file lives, and the safety of a meeting in progress (journal and recovery,
//! the one-editor lock, panics and signals).

pub mod agenda_files;
pub mod calendar_files;
pub mod case;
pub mod case_drafts;
pub mod case_log;
pub mod council_file;
pub mod emergency_copies;
pub mod error;
pub mod facts_cache;
pub mod failpoint;
pub mod files;
pub mod fingerprint;
pub mod journal;
pub mod keymap_file;
pub mod lock;
pub mod making;
pub mod meeting_files;
pub mod meeting_store;
pub mod opening;
pub mod plan_cache;
pub mod plan_write;
pub mod plan_yaml;
pub mod recovery;
pub mod safety;
pub mod setup_draft;
pub mod temporary;
pub mod yaml;
pub mod yaml_aliases;
pub mod yaml_sweep;

pub use case::CaseFolder;
pub use error::StoreError;
pub use journal::{Header, Journal, Recovered, Replayed, recover, replay};
pub use lock::{Lock, LockError};
pub use meeting_store::{Health, MeetingStore};
pub use yaml::LoadError;
