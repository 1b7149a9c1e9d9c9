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

use super::case::{CaseFolder, STATE_DIR};
use super::files::{create_dir_private, read_limited, write_atomic};
use super::yaml::{self, LoadError};
use crate::domain::plan::Plan;

pub const CACHE_FILE: &str = "plan-cache.json";

#[derive(Serialize)]
struct CacheOut<'a> {
    version: &'static str,
    hash: u64,
    len: usize,
    plan: &'a Plan,
}

#[derive(Deserialize)]
struct CacheIn {
    version: String,
    hash: u64,
    len: usize,
    plan: Plan,
}

/// Same bytes, same value, within one build of the program (which is all the cache needs).
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The case's plan: from the cache when it matches `plan.yaml` byte for byte, else parsed from
/// the YAML (with its clear errors) and cached for next time.
pub fn load_plan(case: &CaseFolder) -> Result<Plan, LoadError> {
    let path = case.plan_path();
    let bytes = yaml::read(&path)?;
    let hash = fingerprint(&bytes);
    let cache = case.state_dir().join(CACHE_FILE);
    if let Some(plan) = cached(&cache, hash, bytes.len()) {
        return Ok(plan);
    }
    let plan: Plan = yaml::parse_bytes(&bytes, &path)?;
    store(case.root(), &cache, hash, bytes.len(), &plan);
    Ok(plan)
}

fn cached(cache: &Path, hash: u64, len: usize) -> Option<Plan> {
    let bytes = read_limited(cache).ok()?;
    let c: CacheIn = serde_json::from_slice(&bytes).ok()?;
    (c.version == env!("CARGO_PKG_VERSION") && c.hash == hash && c.len == len).then_some(c.plan)
}

fn store(root: &Path, cache: &Path, hash: u64, len: usize, plan: &Plan) {
    let out = CacheOut {
        version: env!("CARGO_PKG_VERSION"),
        hash,
        len,
        plan,
    };
    let Ok(json) = serde_json::to_vec(&out) else {
        return;
    };
    // Best effort: a read-only case folder still opens, just without the speed-up.
    if create_dir_private(&root.join(STATE_DIR)).is_ok() {
        let _ = write_atomic(cache, &json);
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
        assert_eq!(load_plan(&case).unwrap(), plan);
        assert!(case.state_dir().join(CACHE_FILE).is_file());
        assert_eq!(load_plan(&case).unwrap(), plan);
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
        assert_eq!(load_plan(&case).unwrap().case.reference, "EB-CP-2026-9999");
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
        assert_eq!(load_plan(&case).unwrap(), plan);
    }
}
