//! The version of a file's format. A record or a plan written by a later coregroup, whose
//! format this one does not know, is refused with a clear error rather than read wrongly or
//! written back without what it did not understand. Files written before versions were kept
//! are version 1: a missing version reads as 1 (`Default`). `minutes.yaml` always carries its
//! version; the plan carries it only once it is past 1, so plans typed by hand need not.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A format version; `NEWEST` is the newest this program reads and the one it writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FormatVersion<const NEWEST: u32>(u32);

/// `plan.yaml`'s format.
pub type PlanFormat = FormatVersion<1>;
/// `minutes.yaml`'s format.
pub type MinutesFormat = FormatVersion<1>;
/// A case-screen form kept when its window closed (`.coregroup/case-draft-*.yaml`).
pub type CaseDraftFormat = FormatVersion<1>;

impl<const NEWEST: u32> FormatVersion<NEWEST> {
    pub fn version(self) -> u32 {
        self.0
    }

    /// The format this program writes.
    pub fn current() -> Self {
        FormatVersion(NEWEST)
    }

    /// The first format, which files from before versions were kept are.
    pub fn is_first(&self) -> bool {
        self.0 == 1
    }
}

/// A file that does not say its version is of the first format.
impl<const NEWEST: u32> Default for FormatVersion<NEWEST> {
    fn default() -> Self {
        FormatVersion(1)
    }
}

impl<const NEWEST: u32> Serialize for FormatVersion<NEWEST> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.0)
    }
}

/// Said when a file's format is newer than this program's; `store::yaml` gives it its hint.
pub const NEWER: &str = "was written by a newer coregroup";

impl<'de, const NEWEST: u32> Deserialize<'de> for FormatVersion<NEWEST> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const N: u32>;
        impl<const N: u32> Visitor<'_> for V<N> {
            type Value = FormatVersion<N>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a format version, a whole number from 1 to {N}")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FormatVersion<N>, E> {
                match u32::try_from(v) {
                    Ok(v) if (1..=N).contains(&v) => Ok(FormatVersion(v)),
                    Ok(0) => Err(E::custom("the format version 0 does not exist")),
                    _ => Err(E::custom(format!(
                        "this file {NEWER}: its format is version {v}, and this coregroup \
                         reads versions up to {N}"
                    ))),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FormatVersion<N>, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("a format version is a whole number from 1"))
                    .and_then(|v| self.visit_u64(v))
            }
        }
        d.deserialize_u64(V::<NEWEST>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct File {
        #[serde(default)]
        format: FormatVersion<2>,
        x: u32,
    }

    #[test]
    fn a_missing_version_is_the_first_and_a_newer_one_is_refused() {
        let old: File = yaml_serde::from_str("x: 1\n").unwrap();
        assert_eq!(old.format, FormatVersion(1), "absent: the first");
        let two: File = yaml_serde::from_str("format: 2\nx: 1\n").unwrap();
        assert_eq!(two.format, FormatVersion::current());
        let one: File = yaml_serde::from_str("format: 1\nx: 1\n").unwrap();
        assert_eq!(one.format.version(), 1);
        let e = yaml_serde::from_str::<File>("format: 3\nx: 1\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("written by a newer coregroup"), "{e}");
        assert!(e.contains("version 3") && e.contains("up to 2"), "{e}");
        assert!(yaml_serde::from_str::<File>("format: 0\nx: 1\n").is_err());
        assert!(yaml_serde::from_str::<File>("format: two\nx: 1\n").is_err());
    }
}
