//! The Welsh resolution process (Cwm Taf Morgannwg guidance §5): its automatic trigger and the
//! Tier 1 and Tier 2 dates.

use super::plan::Plan;
use super::status::{Judge, Timescale};
use crate::agenda::ResolutionPolicy;

/// The resolution timescales of a case whose agenda has a resolution process.
pub fn timescales(plan: &Plan, policy: &ResolutionPolicy, judge: &Judge) -> Vec<Timescale> {
    let _ = (plan, policy, judge);
    Vec::new()
}
