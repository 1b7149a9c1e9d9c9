//! The pure domain: plans, meetings, the working-day calendar and timescales. No I/O.

pub mod calendar;
pub mod period;
