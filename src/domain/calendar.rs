//! Placeholder until the calendar lands.
use serde::{Deserialize, Serialize};
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Division {
    #[default]
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}
