//! A parsed copy of `plan.yaml`, kept as JSON in `.coregroup/plan-cache.json`.
//!
//! Parsing YAML is nearly all the cost of opening a large case (about 60 ms of CPU for a plan with
//! 5,000 actions, against 6 ms for the same plan as JSON). The copy is keyed by the fingerprint of
//! the exact bytes of `plan.yaml` and by the program's version, so an edited plan or a new program
//! simply misses it: it can never be stale. It is only a copy; nothing is lost if it goes, and a
//! failure to write it is ignored.
//!
//! It also keeps the fingerprint of each action's text in `plan.yaml`. A hand edit usually
//! changes a few actions; after one, every action whose text is byte for byte what it was is
//! taken from the copy and only the rest of the file is parsed (see [`plan_yaml::parse`]).

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fingerprint::Fingerprint;

use super::case::{CaseFolder, STATE_DIR};
use super::files::{create_dir_private, read_limited, replace_unsynced};
use super::plan_yaml;
use super::yaml::LoadError;
use crate::domain::plan::{Action, Plan};

pub const CACHE_FILE: &str = "plan-cache.json";

#[derive(Serialize)]
struct CacheOut<'a> {
    version: &'static str,
    file: Fingerprint,
    /// Whether coregroup wrote the file from this plan, so its text is the plan's own YAML.
    written: bool,
    /// The fingerprint of each action's text in the file, in order; empty when not known.
    items: &'a [Fingerprint],
    plan: &'a Plan,
}

#[derive(Deserialize)]
struct CacheIn {
    version: String,
    file: Fingerprint,
    written: bool,
    items: Vec<Fingerprint>,
    plan: Plan,
}

/// Where a loaded plan came from: the fingerprint of the bytes of `plan.yaml`, and whether
/// coregroup wrote those bytes from this very plan (so they are its own YAML, which closing can
/// reuse for the actions a meeting left as they were).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanSource {
    pub print: Fingerprint,
    pub written: bool,
}

/// The case's plan and where it came from: from the cache when it matches the file byte for
/// byte, else parsed from the YAML (with its clear errors), reusing the actions whose text is
/// unchanged, and cached for next time.
pub fn load_plan(case: &CaseFolder) -> Result<(Plan, PlanSource), LoadError> {
    let path = case.plan_path();
    let bytes = super::yaml::read_within(&path, case.root())?;
    let print = Fingerprint::of(&bytes);
    let copy = match read(&case.state_dir().join(CACHE_FILE)) {
        Some(c) if c.file == print => {
            let source = PlanSource {
                print,
                written: c.written,
            };
            return Ok((c.plan, source));
        }
        other => other,
    };
    let known: HashMap<Fingerprint, &Action> = copy
        .as_ref()
        .filter(|c| c.items.len() == c.plan.actions.len())
        .map(|c| c.items.iter().copied().zip(&c.plan.actions).collect())
        .unwrap_or_default();
    let parsed = plan_yaml::parse(&bytes, &path, &known)?;
    store(case.root(), print, false, &parsed.items, &parsed.plan);
    let source = PlanSource {
        print,
        written: false,
    };
    Ok((parsed.plan, source))
}

/// Whether the parsed copy matches the case's `plan.yaml` as it is now, so the next load will
/// use it.
pub fn is_current(case: &CaseFolder) -> bool {
    read_limited(&case.plan_path()).is_ok_and(|bytes| {
        read(&case.state_dir().join(CACHE_FILE)).is_some_and(|c| c.file == Fingerprint::of(&bytes))
    })
}

/// Keep `plan` as the parsed copy of `text`, the bytes coregroup just wrote as the case's
/// `plan.yaml`: `plan_yaml::to_string(plan)`, nothing else. The next load skips the YAML.
pub fn remember(root: &Path, text: &[u8], plan: &Plan) {
    let items = plan_yaml::item_prints(text, plan.actions.len()).unwrap_or_default();
    store(root, Fingerprint::of(text), true, &items, plan);
}

fn store(root: &Path, file: Fingerprint, written: bool, items: &[Fingerprint], plan: &Plan) {
    let out = CacheOut {
        version: env!("CARGO_PKG_VERSION"),
        file,
        written,
        items,
        plan,
    };
    let Ok(json) = serde_json::to_vec(&out) else {
        return;
    };
    // Best effort: a read-only case folder still opens, just without the speed-up.
    if create_dir_private(&root.join(STATE_DIR)).is_ok() {
        // Not synced: a crash can only lose the copy (a torn one fails to parse or to match).
        let _ = replace_unsynced(&root.join(STATE_DIR).join(CACHE_FILE), &json);
    }
}

/// The copy, if there is one this program wrote.
fn read(cache: &Path) -> Option<CacheIn> {
    let bytes = read_limited(cache).ok()?;
    let c: CacheIn = serde_json::from_slice(&bytes).ok()?;
    (c.version == env!("CARGO_PKG_VERSION")).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn case_with_plan() -> (tempfile::TempDir, CaseFolder, Plan) {
        let dir = tempfile::tempdir().unwrap();
        let case = CaseFolder::at(dir.path());
        let plan = crate::domain::example::plan(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        super::super::plan_write::create_plan(&case, &plan).unwrap();
        (dir, case, plan)
    }

    #[test]
    fn the_cache_gives_back_the_same_plan() {
        let (_dir, case, plan) = case_with_plan();
        assert_eq!(load_plan(&case).unwrap().0, plan);
        assert!(case.state_dir().join(CACHE_FILE).is_file());
        assert_eq!(load_plan(&case).unwrap().0, plan);
    }

    /// Mark every action's text in the parsed copy, so actions taken from it show.
    fn mark_the_copy(case: &CaseFolder) {
        let path = case.state_dir().join(CACHE_FILE);
        let mut json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for a in json["plan"]["actions"].as_array_mut().unwrap() {
            let what = format!("{} (copy)", a["what"].as_str().unwrap());
            a["what"] = what.into();
        }
        std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    }

    #[test]
    fn after_hand_edits_unchanged_actions_come_from_the_copy_edit_after_edit() {
        // A plan large enough to be parsed in parts.
        let dir = tempfile::tempdir().unwrap();
        let case = CaseFolder::at(dir.path());
        let plan = crate::domain::large_case::plan(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        super::super::plan_write::create_plan(&case, &plan).unwrap();
        mark_the_copy(&case);
        let text = std::fs::read_to_string(case.plan_path()).unwrap();
        let first = &plan.actions[0];
        let edited = text.replacen(&first.what, "Edited by hand", 1);
        std::fs::write(case.plan_path(), &edited).unwrap();
        let (loaded, _) = load_plan(&case).unwrap();
        assert_eq!(loaded.actions[0].what, "Edited by hand");
        for a in &loaded.actions[1..] {
            assert!(a.what.ends_with(" (copy)"), "{} was parsed again", a.id);
        }
        assert!(is_current(&case));
        // The copy written after that load knows each action's text too: a second edit reuses
        // the first edit's result as well.
        let second = &plan.actions[1];
        std::fs::write(
            case.plan_path(),
            edited.replacen(&second.what, "Edited again", 1),
        )
        .unwrap();
        let (loaded, _) = load_plan(&case).unwrap();
        assert_eq!(loaded.actions[0].what, "Edited by hand");
        assert_eq!(loaded.actions[1].what, "Edited again");
        assert!(loaded.actions[2].what.ends_with(" (copy)"));
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
