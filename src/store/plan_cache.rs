//! A parsed copy of `plan.yaml`, kept as JSON in `.coregroup/plan-cache.json`.
//!
//! Parsing YAML is nearly all the cost of opening a large case (about 70 ms for a plan with
//! 5,000 actions, against 6 ms for the same plan as JSON). The copy is keyed by a hash and the
//! length of the exact bytes of `plan.yaml` and by the program's version, so an edited plan or a
//! new program simply misses it and it is written again: it can never be stale. It is only a
//! copy; nothing is lost if it goes, and a failure to write it is ignored.

use std::hash::{Hash, Hasher};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::case::{CaseFolder, STATE_DIR};
use super::files::{create_dir_private, read_limited, replace_unsynced};
use super::yaml::{self, LoadError};
use crate::domain::plan::Plan;

pub const CACHE_FILE: &str = "plan-cache.json";

#[derive(Serialize)]
struct CacheOut<'a> {
    version: &'static str,
    hash: u64,
    len: usize,
    plan: &'a RawValue,
}

#[derive(Deserialize)]
struct CacheIn {
    version: String,
    hash: u64,
    len: usize,
    plan: Plan,
}

/// Which bytes a plan was read from: a hash and the length. Same bytes, same fingerprint, within
/// one build of the program (which is all its users need).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    hash: u64,
    len: usize,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Fingerprint {
            hash: h.finish(),
            len: bytes.len(),
        }
    }
}

/// The case's plan and the fingerprint of the `plan.yaml` it came from: from the cache when it
/// matches the file byte for byte, else parsed from the YAML (with its clear errors) and cached
/// for next time.
pub fn load_plan(case: &CaseFolder) -> Result<(Plan, Fingerprint), LoadError> {
    let path = case.plan_path();
    let bytes = yaml::read(&path)?;
    let print = Fingerprint::of(&bytes);
    let cache = case.state_dir().join(CACHE_FILE);
    if let Some(plan) = cached(&cache, print) {
        return Ok((plan, print));
    }
    let plan = super::plan_yaml::parse(&bytes, &path)?;
    remember(case.root(), &bytes, &plan);
    Ok((plan, print))
}

/// Whether the parsed copy matches the case's `plan.yaml` as it is now, so the next load will
/// use it.
pub fn is_current(case: &CaseFolder) -> bool {
    read_limited(&case.plan_path()).is_ok_and(|bytes| {
        cached(&case.state_dir().join(CACHE_FILE), Fingerprint::of(&bytes)).is_some()
    })
}

/// Keep `plan` as the parsed copy of `text`, the bytes just written to the case's `plan.yaml`,
/// so the next load skips the YAML.
pub fn remember(root: &Path, text: &[u8], plan: &Plan) {
    if let Some(json) = serialize(plan) {
        store(root, Fingerprint::of(text), &json);
    }
}

/// The plan as the cache holds it, without the key (which `store` adds), so it can be made
/// while the YAML it is keyed by is still being written.
pub fn serialize(plan: &Plan) -> Option<Box<RawValue>> {
    serde_json::value::to_raw_value(plan).ok()
}

fn cached(cache: &Path, print: Fingerprint) -> Option<Plan> {
    let bytes = read_limited(cache).ok()?;
    let c: CacheIn = serde_json::from_slice(&bytes).ok()?;
    let same = Fingerprint {
        hash: c.hash,
        len: c.len,
    } == print;
    (c.version == env!("CARGO_PKG_VERSION") && same).then_some(c.plan)
}

/// Write the cache: `plan` is [`serialize`]d, `print` the fingerprint of the YAML it was read
/// from or written as. Best effort: a read-only case folder still opens, just without the
/// speed-up.
pub fn store(root: &Path, print: Fingerprint, plan: &RawValue) {
    let out = CacheOut {
        version: env!("CARGO_PKG_VERSION"),
        hash: print.hash,
        len: print.len,
        plan,
    };
    let Ok(json) = serde_json::to_vec(&out) else {
        return;
    };
    if create_dir_private(&root.join(STATE_DIR)).is_ok() {
        // Not synced: a crash can only lose the copy (a torn one fails to parse or to match).
        let _ = replace_unsynced(&root.join(STATE_DIR).join(CACHE_FILE), &json);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn case_with_plan() -> (tempfile::TempDir, CaseFolder, Plan) {
        let dir = tempfile::tempdir().unwrap();
        let case = CaseFolder::at(dir.path());
        let plan = crate::domain::example::plan(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        case.save_plan(&plan).unwrap();
        (dir, case, plan)
    }

    #[test]
    fn the_cache_gives_back_the_same_plan() {
        let (_dir, case, plan) = case_with_plan();
        assert_eq!(load_plan(&case).unwrap().0, plan);
        assert!(case.state_dir().join(CACHE_FILE).is_file());
        assert_eq!(load_plan(&case).unwrap().0, plan);
    }

    #[test]
    fn an_edited_plan_misses_the_cache() {
        let (_dir, case, _) = case_with_plan();
        load_plan(&case).unwrap();
        let text = std::fs::read_to_string(case.plan_path()).unwrap();
        std::fs::write(
            case.plan_path(),
            text.replace("EB-CP-2026-0417", "EB-CP-2026-9999"),
        )
        .unwrap();
        assert_eq!(
            load_plan(&case).unwrap().0.case.reference,
            "EB-CP-2026-9999"
        );
    }

    #[test]
    fn a_broken_plan_is_reported_even_when_a_cache_exists() {
        let (_dir, case, _) = case_with_plan();
        load_plan(&case).unwrap();
        std::fs::write(case.plan_path(), "case:\n  referense: X\n").unwrap();
        let e = load_plan(&case).unwrap_err();
        assert!(e.message.contains("unknown field"), "{e}");
    }

    #[test]
    fn a_damaged_cache_is_ignored() {
        let (_dir, case, plan) = case_with_plan();
        load_plan(&case).unwrap();
        std::fs::write(case.state_dir().join(CACHE_FILE), b"{ not json").unwrap();
        assert_eq!(load_plan(&case).unwrap().0, plan);
    }
}
