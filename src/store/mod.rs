//! The case folder on disk: reading and writing YAML with clear errors, atomic owner-only
//! writes, and where each file lives.

pub mod calendar_files;
pub mod case;
pub mod files;
pub mod yaml;

pub use case::CaseFolder;
pub use yaml::LoadError;
