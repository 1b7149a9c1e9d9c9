//! The figures drift needs from each of the latest closed meetings ([`MeetingFacts`], without
//! the notes), kept as JSON in
//! `.coregroup/facts-cache.json`, so listing a caseload of hundreds of cases does not parse every
//! meeting's YAML each time (parsing it is nearly all the cost).
//!
//! Like the parsed copy of the plan, each entry is keyed by the fingerprints of the exact bytes
//! of the meeting's `minutes.yaml` and `plan.yaml` and by the program's version: an edited file
//! or a new program simply misses it, so it can never be stale. It is only a copy; a failure to
//! write it is ignored.
//!
//! Reading every byte of every meeting to compare fingerprints would itself cost most of the
//! time saved, so, as git's index does, an entry also keeps each file's size, inode,
//! modification and change times: when they are all as they were, and the change time is
//! safely older than the cache (so no write in the same instant can hide behind it), the bytes
//! are not read. Any write to a file moves its change time, which no tool can set back.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::case::{CaseFolder, MINUTES_FILE, PLAN_FILE, STATE_DIR};
use super::files::{create_dir_private, read_limited, replace_unsynced};
use super::fingerprint::Fingerprint;
use super::yaml::{self, LoadError};
use crate::domain::drift::MeetingFacts;
use crate::domain::plan::Plan;

#[path = "facts_summary.rs"]
mod summary;

pub const CACHE_FILE: &str = "facts-cache.json";

/// Which program wrote the copy, and which shape of facts: raise the number whenever
/// `MeetingFacts::of` keeps something different, so no copy made by the old rule is used.
fn version() -> String {
    format!("{}+facts.3", env!("CARGO_PKG_VERSION"))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct FactsEntry {
    minutes: Fingerprint,
    plan: Option<Fingerprint>,
    /// The files' stamps when the entry was made: `minutes.yaml`, then `plan.yaml`.
    stamps: (Option<Stamp>, Option<Stamp>),
    facts: MeetingFacts,
}

#[derive(Debug, Serialize, Deserialize)]
struct Cache {
    version: String,
    /// When the cache was written, in nanoseconds since 1970.
    written: i128,
    entries: HashMap<String, FactsEntry>,
}

/// What the file system says of a file without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    inode: u64,
    modified: i128,
    changed: i128,
}

/// A change this close to the cache's writing (in nanoseconds) might have come just after it
/// within the clock's step: such a file's bytes are always compared.
const RACY_NS: i128 = 2_000_000_000;

#[cfg(unix)]
fn stamp(path: &std::path::Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = super::files::metadata(path).ok()?;
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    Some(Stamp {
        len: m.len(),
        inode: m.ino(),
        modified: ns(m.mtime(), m.mtime_nsec()),
        changed: ns(m.ctime(), m.ctime_nsec()),
    })
}

#[cfg(not(unix))]
fn stamp(_: &std::path::Path) -> Option<Stamp> {
    None
}

fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

/// The figures of the latest `last` closed meetings of the case (those drift looks at), oldest
/// first, and what could not be read among them (each with its file, line and hint); a meeting
/// that does not read is left out of the facts. Older meetings are not read at all. `plan` is
/// the case's plan as read from the bytes of its `plan.yaml` with that fingerprint, when the
/// caller has it: a meeting that left those very bytes takes its due dates from it.
pub fn load(
    case: &CaseFolder,
    last: usize,
    plan: Option<(Fingerprint, &Plan)>,
) -> (Vec<MeetingFacts>, Vec<LoadError>) {
    let mut problems = Vec::new();
    let mut ids = case.meeting_ids().unwrap_or_else(|e| {
        problems.push(LoadError::new(
            &case.meetings_dir(),
            format!("cannot read this folder: {e}"),
            "check its permissions",
        ));
        Vec::new()
    });
    ids.drain(..ids.len().saturating_sub(last));
    let path = case.state_dir().join(CACHE_FILE);
    let (written, mut cache) = read_limited(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Cache>(&b).ok())
        .filter(|c| c.version == version())
        .map(|c| (c.written, c.entries))
        .unwrap_or_default();
    let started = now_ns();
    let mut changed = cache.len() != ids.len();
    let mut out = Vec::with_capacity(ids.len());
    let mut reuse = plan
        .map(|(print, plan)| summary::Reuse::with_plan(print, plan))
        .unwrap_or_default();
    for id in &ids {
        match entry(case, id, cache.get(id), written, &mut reuse) {
            Ok((e, fresh)) => {
                changed |= fresh;
                out.push(e.facts.clone());
                cache.insert(id.clone(), e);
            }
            Err(e) => {
                cache.remove(id);
                problems.push(e);
            }
        }
    }
    if changed {
        cache.retain(|id, _| ids.contains(id));
        // Stamped with when this reading began, so a file changed while it ran is never trusted
        // on its stamps alone.
        let c = Cache {
            version: version(),
            written: started,
            entries: cache,
        };
        if let Ok(text) = serde_json::to_vec(&c)
            && create_dir_private(&case.root().join(STATE_DIR)).is_ok()
        {
            let _ = replace_unsynced(&path, &text);
        }
    }
    (out, problems)
}

/// The meeting's entry: the cached one when both files are unchanged, by their stamps (then
/// `false`: the copy need not be written again) or else byte for byte, else made again from the
/// files' figures.
fn entry(
    case: &CaseFolder,
    id: &str,
    cached: Option<&FactsEntry>,
    written: i128,
    reuse: &mut summary::Reuse,
) -> Result<(FactsEntry, bool), LoadError> {
    let dir = case.meeting_dir(id);
    let minutes_path = dir.join(MINUTES_FILE);
    let plan_path = dir.join(PLAN_FILE);
    let stamps = (stamp(&minutes_path), stamp(&plan_path));
    let settled = |s: &Option<Stamp>| s.is_none_or(|s| s.changed < written - RACY_NS);
    if let Some(c) = cached
        && stamps.0.is_some()
        && c.stamps == stamps
        && settled(&stamps.0)
        && settled(&stamps.1)
    {
        return Ok((c.clone(), false));
    }
    let minutes = yaml::read(&minutes_path)?;
    // An old meeting folder may hold no plan: then only its record counts.
    let plan = if stamps.1.is_some() {
        Some(yaml::read(&plan_path)?)
    } else {
        None
    };
    let prints = (
        Fingerprint::of(&minutes),
        plan.as_deref().map(Fingerprint::of),
    );
    if let Some(c) = cached
        && (c.minutes, c.plan) == prints
    {
        // Unchanged, but its stamps could not vouch for it: the copy is written again with
        // these stamps and a later time, so the next reading trusts them instead of the bytes.
        return Ok((
            FactsEntry {
                stamps,
                ..c.clone()
            },
            true,
        ));
    }
    let facts = summary::facts(
        id,
        &minutes,
        &minutes_path,
        plan.as_deref(),
        &plan_path,
        reuse,
    )?;
    Ok((
        FactsEntry {
            minutes: prints.0,
            plan: prints.1,
            stamps,
            facts,
        },
        true,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::meeting_files::MinutesFile;
    use super::*;
    use chrono::NaiveDate;

    /// The `n`th generated case written under `root` as `case-NNNN`, with its meetings.
    fn generated(root: &std::path::Path, n: usize, today: NaiveDate) -> CaseFolder {
        let g = crate::domain::large_caseload::case(n, today, 1);
        let snapshot =
            crate::agenda::AgendaSnapshot::of(&crate::agenda::shipped("core-group").unwrap());
        let at = CaseFolder::at(&root.join(format!("case-{:04}", n + 1)));
        super::super::plan_write::create_plan(&at, &g.plan).unwrap();
        for (m, p) in g.meetings {
            let dir = at.meeting_dir(&m.id);
            create_dir_private(&dir).unwrap();
            super::super::case::write_yaml(&dir.join(PLAN_FILE), &p).unwrap();
            let file = MinutesFile::new(m, snapshot.clone());
            super::super::case::write_yaml(&dir.join(MINUTES_FILE), &file).unwrap();
        }
        CaseFolder::open(at.root()).unwrap()
    }

    #[test]
    fn facts_come_from_the_cache_until_a_file_changes_then_from_the_file() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let dir = tempfile::tempdir().unwrap();
        // The example's past meeting, written without documents: only its record counts here.
        let plan = crate::domain::example::plan(today);
        let file = MinutesFile::new(
            crate::domain::example::past_meeting(today),
            crate::agenda::AgendaSnapshot::of(&crate::agenda::shipped("core-group").unwrap()),
        );
        let none = super::super::meeting_files::Documents {
            render: Box::new(|| Ok(Vec::new())),
            ours: |_| false,
        };
        let at = CaseFolder::at(dir.path());
        super::super::meeting_files::write_meeting(&at, &file, &plan, None, none).unwrap();
        let case = CaseFolder::open(dir.path()).unwrap();
        let (first, problems) = load(&case, usize::MAX, None);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(first.len(), 1);
        assert!(case.state_dir().join(CACHE_FILE).is_file());
        let (again, _) = load(&case, usize::MAX, None);
        assert_eq!(again, first);
        // A hand edit to the record is seen at once.
        let id = &first[0].id;
        let path = case.meeting_dir(id).join(MINUTES_FILE);
        let text = std::fs::read_to_string(&path).unwrap();
        let score = first[0].progress[0].score.unwrap();
        let edited = text.replacen(
            &format!("score: {score}"),
            &format!("score: {}", score + 1),
            1,
        );
        assert_ne!(edited, text);
        std::fs::write(&path, edited).unwrap();
        let (after, _) = load(&case, usize::MAX, None);
        assert_eq!(after[0].progress[0].score, Some(score + 1));
        // A record that no longer reads is a problem with its file, not stale facts.
        std::fs::write(&path, "meeting: [\n").unwrap();
        let (facts, problems) = load(&case, usize::MAX, None);
        assert!(facts.is_empty());
        assert!(problems[0].to_string().contains("minutes.yaml"));
    }

    /// A cache that trusts its stamps for ever (written far in the future), and a record
    /// changed in place to the same length with its modification time put back: the change
    /// time still moves, so the record is read again, never taken from the copy.
    #[test]
    fn a_stale_copy_is_never_used_even_when_size_and_modification_time_are_put_back() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let case = generated(dir.path(), 0, today);
        let (first, problems) = load(&case, usize::MAX, None);
        assert!(problems.is_empty(), "{problems:?}");
        let cache_path = case.state_dir().join(CACHE_FILE);
        let mut cache: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&cache_path).unwrap()).unwrap();
        cache["written"] = serde_json::json!(i64::MAX);
        std::fs::write(&cache_path, serde_json::to_vec(&cache).unwrap()).unwrap();
        // The last meeting's first score, one digit changed in place.
        let last = first.last().unwrap();
        let score = last.progress[0].score.unwrap();
        let other = if score == 9 { 8 } else { (score + 1) % 10 };
        let path = case.meeting_dir(&last.id).join(MINUTES_FILE);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = text.replacen(
            &format!("score: {score}\n"),
            &format!("score: {other}\n"),
            1,
        );
        assert_ne!(edited, text);
        assert_eq!(edited.len(), text.len());
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        std::io::Write::write_all(&mut f, edited.as_bytes()).unwrap();
        f.set_modified(modified).unwrap();
        drop(f);
        let (after, _) = load(&case, usize::MAX, None);
        assert_eq!(after.last().unwrap().progress[0].score, Some(other));
    }

    #[test]
    fn a_copy_made_by_another_version_or_for_other_meetings_is_not_used() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let a = generated(dir.path(), 0, today);
        let b = generated(dir.path(), 1, today);
        let (facts_a, _) = load(&a, usize::MAX, None);
        let (facts_b, _) = load(&b, usize::MAX, None);
        assert_ne!(facts_a, facts_b);
        // Another case's copy, put in this case's place: its entries match no file here.
        std::fs::copy(
            b.state_dir().join(CACHE_FILE),
            a.state_dir().join(CACHE_FILE),
        )
        .unwrap();
        assert_eq!(load(&a, usize::MAX, None).0, facts_a);
        // A copy from another version of the program, however it matches, is not read.
        let path = a.state_dir().join(CACHE_FILE);
        let mut cache: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for (_, e) in cache["entries"].as_object_mut().unwrap() {
            e["facts"]["progress"] = serde_json::json!([]);
        }
        cache["version"] = serde_json::json!("0.0.1+facts.2");
        std::fs::write(&path, serde_json::to_vec(&cache).unwrap()).unwrap();
        assert_eq!(load(&a, usize::MAX, None).0, facts_a);
    }

    #[test]
    fn only_the_latest_meetings_are_read() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let n = (0..100)
            .find(|n| {
                crate::domain::large_caseload::case(*n, today, 1)
                    .meetings
                    .len()
                    > 8
            })
            .unwrap();
        let case = generated(dir.path(), n, today);
        let ids = case.meeting_ids().unwrap();
        // The oldest meeting's record no longer reads: outside the window it is not read.
        std::fs::write(case.meeting_dir(&ids[0]).join(MINUTES_FILE), "meeting: [\n").unwrap();
        let (facts, problems) = load(&case, 5, None);
        assert!(problems.is_empty(), "{problems:?}");
        let read: Vec<&str> = facts.iter().map(|f| f.id.as_str()).collect();
        let latest: Vec<&str> = ids[ids.len() - 5..].iter().map(|s| s.as_str()).collect();
        assert_eq!(read, latest);
        let (_, problems) = load(&case, ids.len(), None);
        assert!(problems[0].to_string().contains(&ids[0]), "{problems:?}");
    }
}
