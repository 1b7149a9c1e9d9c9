//! Placeholder until the period arithmetic lands.
use serde::{Deserialize, Serialize};
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Period {
    WorkingDays(u32),
    Days(u32),
    Weeks(u32),
    Months(u32),
}
