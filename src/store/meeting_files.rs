//! A closed meeting's folder, `<case>/meetings/<id>/`: the full record (`minutes.yaml`), the
//! plan after and before the meeting, and the documents it is given (rendering them is the
//! caller's: see `cases::close` and `cases::documents`).
//!
//! `minutes.yaml` holds what re-rendering needs besides the meeting's own plan: a snapshot of the
//! agenda's terms, step titles and policy numbers. So `coregroup export` gives the documents of
//! the day even after the agenda file has changed.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::case::{CaseFolder, MINUTES_FILE, PLAN_BEFORE_FILE, PLAN_FILE, check_id, write_yaml};
use super::files::{
    self, Staged, StagedDir, create_dir_private, read_limited, stage, stage_dir, sync_dir,
    write_atomic,
};
use super::fingerprint::Fingerprint;
use super::plan_cache::PlanSource;
use super::plan_write::{self, OnConflict, PlanWrite};
use super::{plan_yaml, recovery, yaml};
use crate::agenda::AgendaSnapshot;
use crate::domain::format::MinutesFormat;
use crate::domain::meeting::Meeting;
use crate::domain::plan::Plan;

/// What `minutes.yaml` holds: its format, the meeting's complete record and the agenda it
/// followed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinutesFile {
    /// The record's format version (see `domain::format`): a record from a newer coregroup is
    /// refused rather than read wrongly. Records from before it was kept are version 1.
    #[serde(default)]
    pub format: MinutesFormat,
    pub meeting: Meeting,
    pub agenda: AgendaSnapshot,
}

/// One document for a meeting's folder: its file name and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// How a meeting's documents are made while its record and plan are written: rendering a large
/// case takes tens of milliseconds, so it runs beside the writing rather than before it.
pub struct Documents<'a> {
    /// Makes every document of the meeting.
    pub render: Box<dyn FnOnce() -> std::io::Result<Vec<DocumentFile>> + Send + 'a>,
    /// Whether a file name is one rendering makes; one it no longer makes is removed.
    pub ours: fn(&str) -> bool,
}

/// The plan a meeting began with, and where it was read from (see [`CaseFolder::open_plan`]).
/// While the case's `plan.yaml` still holds those bytes they are kept as they are as
/// `plan-before.yaml`, instead of writing the plan out again; and when coregroup wrote them, the
/// text of every action the meeting left as it was is reused in the new plan.
#[derive(Clone, Copy)]
pub struct Before<'a> {
    pub plan: &'a Plan,
    pub read_from: Option<PlanSource>,
    /// What the chair chose where plan.yaml was changed in the same place since (see
    /// [`plan_write::Chosen`]); `None`: nobody was asked.
    pub chosen: Option<&'a plan_write::Chosen>,
}

impl MinutesFile {
    /// A record in the format this program writes.
    pub fn new(meeting: Meeting, agenda: AgendaSnapshot) -> MinutesFile {
        MinutesFile {
            format: MinutesFormat::current(),
            meeting,
            agenda,
        }
    }
}

impl Before<'_> {
    /// The case's `plan.yaml` while it still holds the bytes the meeting's plan was read from.
    fn text(self, case: &CaseFolder) -> Option<Vec<u8>> {
        let print = self.read_from?.print;
        read_limited(&case.plan_path())
            .ok()
            .filter(|bytes| Fingerprint::of(bytes) == print)
    }
}

/// Write a meeting's folder, then make `plan` the case's plan; returns the folder and the text of
/// the plan, for [`super::plan_cache::remember`] (the caller can make the parsed copy for the
/// next load after the documents are out).
///
/// Serializing a large plan and rendering its documents each take tens of milliseconds, and each
/// file is written atomically and synced, so the work goes side by side. The order files take
/// their place in stays fixed: every document and plan first, then `minutes.yaml` (a meeting
/// folder counts once it holds its record), then the case's `plan.yaml`.
///
/// The record is written after the documents and the case's plan last, so a failure before the
/// record leaves the case's plan as it was and no half-written meeting listed; a crash after it
/// is finished by the next command ([`recovery::finish`]).
pub fn write_meeting(
    case: &CaseFolder,
    file: &MinutesFile,
    plan: &Plan,
    before: Option<Before>,
    documents: Documents,
) -> std::io::Result<(PathBuf, String, Option<String>)> {
    check_id(&file.meeting.id).map_err(std::io::Error::other)?;
    let dir = case.meeting_dir(&file.meeting.id);
    if files::exists(&dir.join(MINUTES_FILE)) {
        return Err(already_closed(&file.meeting.id));
    }
    create_dir_private(&dir)?;
    let case_plan: Slot<Staged> = Slot::default();
    let minutes: Slot<Staged> = Slot::default();
    let plan_text: Slot<String> = Slot::default();
    let dir_ref = &dir;
    let before_text = before.and_then(|b| b.text(case));
    // Text coregroup wrote from the plan the meeting began with: its unchanged actions' YAML.
    let own = before
        .filter(|b| b.read_from.is_some_and(|r| r.written))
        .zip(before_text.as_deref())
        .and_then(|(b, text)| Some((b.plan, std::str::from_utf8(text).ok()?)));
    let mut jobs: Vec<Job> = vec![
        Box::new(|| {
            let text = match own {
                Some((previous, previous_text)) => {
                    plan_yaml::to_string_reusing(plan, previous, previous_text)
                }
                None => plan_yaml::to_string(plan),
            }
            .map_err(std::io::Error::other)?;
            let meeting_plan = dir_ref.join(PLAN_FILE);
            all(vec![
                Box::new(|| write_atomic(&meeting_plan, text.as_bytes())),
                Box::new(|| put(&case_plan, stage(&case.plan_path(), text.as_bytes())?)),
            ])?;
            put(&plan_text, text)
        }),
        Box::new(|| {
            put(
                &minutes,
                stage(&dir_ref.join(MINUTES_FILE), &yaml_bytes(file)?)?,
            )
        }),
        Box::new(move || {
            let docs = (documents.render)()?;
            write_documents(dir_ref, &docs, documents.ours).map(|_| ())
        }),
    ];
    if let Some(before) = before {
        let path = dir.join(PLAN_BEFORE_FILE);
        let text = before_text.as_deref();
        jobs.push(Box::new(move || match text {
            Some(bytes) => write_atomic(&path, bytes),
            None => write_yaml(&path, before.plan),
        }));
    }
    all(jobs)?;
    let minutes = take(minutes)?;
    let case_plan = take(case_plan)?;
    let plan_text = take(plan_text)?;
    // The close rolls forward from the record's rename (see `store::recovery`). Until then a
    // failure leaves the meeting open, as the caller will say.
    // The case's plan.yaml as the meeting read it: replaced only while it still holds those bytes.
    let expect = before.and_then(|b| b.read_from).map(|r| r.print);
    let chosen = before.and_then(|b| b.chosen);
    recovery::begin_close(case, &file.meeting.id, expect, chosen)?;
    // Never over a record another close wrote.
    if let Err(e) = minutes.rename_new() {
        let _ = recovery::end_close(case);
        return Err(match e.kind() {
            std::io::ErrorKind::AlreadyExists => already_closed(&file.meeting.id),
            _ => e,
        });
    }
    // The meeting is closed now, whatever fails next: a failure leaves `closing.json`, the
    // caller says the plan is not updated yet ([`recovery::plan_pending`]), and the next
    // command on the case finishes it. Reporting the meeting as still open would let the chair
    // type on, into a record already written.
    let id = &file.meeting.id;
    let applied = sync_dir(&dir).ok().and_then(|()| {
        plan_write::write_plan_held(
            case,
            PlanWrite {
                base: before.map_or(plan, |b| b.plan),
                read: expect,
                ours: plan,
                text: Some(&plan_text),
                staged: Some(case_plan),
                on_conflict: OnConflict::KeepBoth {
                    label: id.clone(),
                    from: format!("the meeting {id}"),
                    chosen: chosen.cloned(),
                },
                check: None,
            },
        )
        .ok()
    });
    if applied.is_some() {
        // A marker left behind only makes the next command check that the plan is applied.
        let _ = recovery::end_close(case);
    }
    Ok((dir, plan_text, applied.and_then(|w| w.notice())))
}

fn already_closed(id: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!(
            "the meeting {id} was closed already, by another coregroup: its minutes.yaml is \
             there and is not replaced"
        ),
    )
}

type Slot<T> = std::sync::Mutex<Option<T>>;

fn put<T>(slot: &Slot<T>, value: T) -> std::io::Result<()> {
    *slot
        .lock()
        .map_err(|_| std::io::Error::other("a writer thread failed"))? = Some(value);
    Ok(())
}

fn take<T>(slot: Slot<T>) -> std::io::Result<T> {
    slot.into_inner()
        .ok()
        .flatten()
        .ok_or_else(|| std::io::Error::other("a file was not written"))
}

fn yaml_bytes<T: Serialize>(value: &T) -> std::io::Result<Vec<u8>> {
    yaml::to_string(value)
        .map(String::into_bytes)
        .map_err(std::io::Error::other)
}

type Job<'a> = Box<dyn FnOnce() -> std::io::Result<()> + Send + 'a>;

/// Run `jobs` at the same time and wait for them all; the first error, if any. A job whose
/// thread cannot be started runs here instead.
fn all(jobs: Vec<Job>) -> std::io::Result<()> {
    std::thread::scope(|s| {
        let mut results = Vec::new();
        let mut running = Vec::new();
        for job in jobs {
            // The job is shared with the fallback, so a thread that fails to start loses nothing.
            let job = std::sync::Mutex::new(Some(job));
            let job = std::sync::Arc::new(job);
            let mine = std::sync::Arc::clone(&job);
            let spawned = std::thread::Builder::new().spawn_scoped(s, move || take_and_run(&mine));
            match spawned {
                Ok(handle) => running.push(handle),
                Err(_) => results.push(take_and_run(&job)),
            }
        }
        for handle in running {
            results.push(
                handle
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a writer thread failed"))),
            );
        }
        results.into_iter().collect::<std::io::Result<Vec<()>>>()
    })?;
    Ok(())
}

fn take_and_run(job: &std::sync::Mutex<Option<Job>>) -> std::io::Result<()> {
    let taken = job.lock().ok().and_then(|mut j| j.take());
    match taken {
        Some(job) => job(),
        None => Ok(()),
    }
}

/// Write `docs` into a meeting's folder side by side, then remove any file `ours` claims that
/// they no longer include: an invitation must not outlive a next date that was removed, nor a
/// family member's own copy the restriction that made it (it could hold what is now
/// confidential). Returns the paths written.
pub fn write_documents(
    dir: &Path,
    docs: &[DocumentFile],
    ours: fn(&str) -> bool,
) -> std::io::Result<Vec<PathBuf>> {
    let paths: Vec<PathBuf> = docs.iter().map(|d| dir.join(&d.name)).collect();
    all(docs
        .iter()
        .zip(&paths)
        .map(|(doc, path)| -> Job { Box::new(move || write_atomic(path, &doc.bytes)) })
        .collect())?;
    remove_left_out(dir, docs, ours)?;
    Ok(paths)
}

/// Write `docs` into a temporary folder in the meeting's folder `dir`, to be read (attached to a
/// circulation) before they are put in place with [`publish_documents`].
pub fn stage_documents(dir: &Path, docs: &[DocumentFile]) -> std::io::Result<StagedDir> {
    let staged = stage_dir(dir)?;
    let paths: Vec<PathBuf> = docs.iter().map(|d| staged.path().join(&d.name)).collect();
    all(docs
        .iter()
        .zip(&paths)
        .map(|(doc, path)| -> Job { Box::new(move || write_atomic(path, &doc.bytes)) })
        .collect())?;
    Ok(staged)
}

/// Put documents staged with [`stage_documents`] in place in `dir`, and remove what `ours`
/// claims that they no longer include (see [`write_documents`]).
pub fn publish_documents(
    staged: StagedDir,
    dir: &Path,
    docs: &[DocumentFile],
    ours: fn(&str) -> bool,
) -> std::io::Result<Vec<PathBuf>> {
    let paths = staged.move_files_into(dir)?;
    remove_left_out(dir, docs, ours)?;
    Ok(paths)
}

fn remove_left_out(
    dir: &Path,
    docs: &[DocumentFile],
    ours: fn(&str) -> bool,
) -> std::io::Result<()> {
    for entry in super::files::read_dir(dir)? {
        let name = entry.name.to_string_lossy();
        if entry.kind == super::files::EntryKind::File
            && ours(&name)
            && !docs.iter().any(|d| d.name == name)
        {
            super::files::remove_file(&entry.path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_ids_cannot_leave_the_meetings_folder() {
        assert!(check_id("2026-11-24-2").is_ok());
        for bad in ["", "..", "../x", "a/b", ".hidden", "a b"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }
}
