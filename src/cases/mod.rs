//! What a person does to a case, each as one use case: set up a case, close a meeting, write
//! its documents, log an event, edit the plan, circulate a meeting's documents. A use case
//! reads and writes the case through `store`, renders through `export` and decides through
//! `domain`; the command line and the screens call it, so neither holds the steps itself.
//! Nothing below imports this layer (`tests/layers.rs`).

pub mod calendar;
pub mod case_write;
pub mod caseload;
pub mod check;
pub mod circulate;
pub mod close;
pub mod discard_meeting;
pub mod documents;
pub mod edit_plan;
pub mod error;
pub mod log_event;
pub mod meeting_check;
pub mod meeting_open;
pub mod members;
pub mod new_case;
pub mod open_case;
pub mod records;
pub mod resolution_request;
pub mod review_report;
