//! The case folder on disk: reading and writing YAML with clear errors, atomic owner-only
//! writes, and where each file lives.

pub mod case;
pub mod files;
pub mod meeting_files;
pub mod yaml;

pub use case::CaseFolder;
pub use yaml::LoadError;
