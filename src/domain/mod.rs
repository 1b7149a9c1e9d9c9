//! The pure domain: plans, meetings, agendas and their policies, the working-day calendar and
//! timescales. No I/O.

pub mod action_history;
pub mod address;
pub mod agenda;
pub mod calendar;
pub mod case_dates;
pub mod case_log;
pub mod circulation;
pub mod close;
pub mod conflict_words;
pub mod contradictions;
pub mod date_entry;
pub mod disagreements;
pub mod drift;
pub mod email;
pub mod example;
pub mod family_check;
pub mod family_names;
pub mod format;
pub mod id;
pub mod large_case;
pub mod large_caseload;
pub mod meeting;
pub mod period;
pub mod placeholders;
pub mod plan;
pub mod plan_edits;
pub mod plan_merge;
pub mod privacy;
pub mod reader;
pub mod resolution;
pub mod resolution_request;
pub mod status;
pub mod timescale;
pub mod validate;
pub mod visits;
