//! The one way the case's `plan.yaml` is written: a compare-and-swap under the case's lock.
//!
//! The writer says which bytes it read ([`Fingerprint`]) and the plan it began from. When the
//! file still holds those bytes, the new plan goes in. When it changed since (edited by hand, or
//! saved from another screen), the writer's changes are merged into the plan as it is now
//! (`domain::plan_merge`): what only one side changed is taken from it. A field both changed is
//! refused for a form ([`OnConflict::Refuse`]), and for a meeting's close kept as it is now, the
//! meeting's value written beside it in a conflict file ([`OnConflict::KeepBoth`]). Nothing is
//! overwritten unseen.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::case::CaseFolder;
use super::files::{self, Staged, read_limited, stage};
use super::fingerprint::Fingerprint;
use super::lock::Lock;
use super::{case_log, plan_cache, plan_yaml, yaml};
use crate::domain::case_log::current_plan;
use crate::domain::plan::Plan;
use crate::domain::plan_merge::{Conflict, merge};

/// Conflict files begin with this and end with `.yaml`: `plan.conflict-<meeting>.yaml`.
pub const CONFLICT_PREFIX: &str = "plan.conflict-";

/// What is said of a conflict file while it is there.
pub const CONFLICT_HINT: &str = "changes that were not applied to plan.yaml, because it had been \
     changed in the same place\n  hint: copy into plan.yaml what should stay, then delete the file";

/// What to do with a field changed both by the writer and in the file since.
#[derive(Clone, Debug, PartialEq)]
pub enum OnConflict {
    /// Write nothing and say which fields (a form: the user is there to look again).
    Refuse,
    /// Keep the file's value and write the writer's beside it, in `plan.conflict-<label>.yaml`,
    /// saying it came from `from` (a close: nobody may be there to ask).
    KeepBoth { label: String, from: String },
}

/// What a plan must pass to be written: `Err` says why not.
pub type PlanCheck = dyn Fn(&Plan) -> Result<(), String>;

/// A write of the case's plan.
pub struct PlanWrite<'a> {
    /// The plan the writer began from (with the case log applied, as the commands read it).
    pub base: &'a Plan,
    /// The fingerprint of the bytes of `plan.yaml` `base` was read from; `None`: there was none.
    pub read: Option<Fingerprint>,
    /// The plan to write.
    pub ours: &'a Plan,
    /// `ours` as text already made (a close reuses the text of actions left as they were); its
    /// writer makes the parsed copy of it for the next load.
    pub text: Option<&'a str>,
    /// `ours` already staged beside `plan.yaml`, put in place when the file is unchanged.
    pub staged: Option<Staged>,
    pub on_conflict: OnConflict,
    /// What a merged plan must pass to be written (the file changed, so `ours` was not what is
    /// written): `Err` says why not.
    pub check: Option<&'a PlanCheck>,
}

/// What was written.
#[derive(Debug, PartialEq)]
pub enum Written {
    /// The file was as read: the plan is the writer's.
    Replaced,
    /// The file had changed: the writer's changes were merged into it. When fields conflicted,
    /// the file keeps their values and the writer's are in the conflict file named.
    Merged {
        conflicts: Vec<String>,
        file: Option<PathBuf>,
    },
}

impl Written {
    /// One line for the user, when there is something to say.
    pub fn notice(&self) -> Option<String> {
        match self {
            Written::Replaced => None,
            Written::Merged { file: None, .. } => Some(
                "plan.yaml had been changed since it was read: both sets of changes are in it."
                    .into(),
            ),
            Written::Merged {
                conflicts,
                file: Some(f),
            } => Some(format!(
                "plan.yaml had been changed since it was read, and {} field{} both ways ({}): \
                 plan.yaml keeps them as they were; the other values are in {}",
                conflicts.len(),
                if conflicts.len() == 1 {
                    " was changed"
                } else {
                    "s were changed"
                },
                conflicts.join(", "),
                f.display()
            )),
        }
    }
}

/// Why nothing was written.
#[derive(Debug)]
pub enum WriteError {
    /// The same fields were changed in the file since it was read (a form's save).
    Changed(Vec<String>),
    Failed(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed(paths) => write!(
                f,
                "plan.yaml was changed since this was read, in the same place ({}), so nothing \
                 was written\n  hint: look at the plan as it is now and make the change again",
                paths.join(", ")
            ),
            WriteError::Failed(e) => f.write_str(e),
        }
    }
}

/// Write the plan of a new case: refused (`AlreadyExists`) when the folder has one already, so
/// a case is never written over. With its parsed copy for the next load.
pub fn create_plan(case: &CaseFolder, plan: &Plan) -> std::io::Result<()> {
    let text = plan_yaml::to_string(plan).map_err(std::io::Error::other)?;
    create_plan_text(case, &text)?;
    plan_cache::remember(case.root(), text.as_bytes(), plan);
    Ok(())
}

/// [`create_plan`] from its text (a commented template).
pub fn create_plan_text(case: &CaseFolder, text: &str) -> std::io::Result<()> {
    files::create_dir_private(case.root())?;
    files::write_new(&case.plan_path(), text.as_bytes())
}

/// The fingerprint of the case's `plan.yaml` as it is now; `None` when there is none.
pub fn current_print(case: &CaseFolder) -> Option<Fingerprint> {
    read_limited(&case.plan_path())
        .ok()
        .map(|b| Fingerprint::of(&b))
}

/// Write the case's plan (the caller holds the case's `lock`), never over a change it did not
/// read: see the module's comment.
pub fn write_plan(case: &CaseFolder, _lock: &Lock, w: PlanWrite) -> Result<Written, WriteError> {
    write_plan_held(case, w)
}

/// [`write_plan`] for a caller holding the lock through another handle (the meeting's store).
pub(crate) fn write_plan_held(case: &CaseFolder, w: PlanWrite) -> Result<Written, WriteError> {
    let failed = |e: std::io::Error| {
        WriteError::Failed(format!("cannot write {}: {e}", case.plan_path().display()))
    };
    let path = case.plan_path();
    let now = read_limited(&path).ok();
    let print = now.as_deref().map(Fingerprint::of);
    let ours_text = match w.text {
        Some(t) => t.to_string(),
        None => plan_yaml::to_string(w.ours).map_err(WriteError::Failed)?,
    };
    if let Some(check) = w.check {
        check(w.ours).map_err(WriteError::Failed)?;
    }
    if print == w.read || now.as_deref() == Some(ours_text.as_bytes()) {
        match w.staged {
            Some(staged) if now.as_deref() != Some(ours_text.as_bytes()) => {
                staged.commit().map_err(failed)?
            }
            _ if now.as_deref() == Some(ours_text.as_bytes()) => {}
            _ => put(&path, ours_text.as_bytes()).map_err(failed)?,
        }
        if w.text.is_none() {
            // A writer handing its own text (a close) makes the parsed copy itself, off the
            // path the user waits on.
            plan_cache::remember(case.root(), ours_text.as_bytes(), w.ours);
        }
        return Ok(Written::Replaced);
    }
    drop(w.staged);
    let now = now.unwrap_or_default();
    let log = case_log::load(case).map_err(|e| WriteError::Failed(e.to_string()))?;
    let theirs: Result<Plan, _> = yaml::parse_bytes(&now, &path);
    let (plan, conflicts) = match theirs {
        Ok(theirs) => {
            let applied = |p: &Plan| {
                serde_json::to_value(current_plan(p, &log))
                    .map_err(|e| WriteError::Failed(e.to_string()))
            };
            let m = merge(&applied(w.base)?, &applied(w.ours)?, &applied(&theirs)?);
            let plan: Option<Plan> = serde_json::from_value(m.value).ok();
            match plan {
                Some(plan) => (Some(plan), m.conflicts),
                None => (None, vec![whole(w.ours)?]),
            }
        }
        // A file that does not read as a plan is left for the user to mend, and the writer's
        // plan goes beside it whole.
        Err(_) => (None, vec![whole(w.ours)?]),
    };
    let paths: Vec<String> = conflicts
        .iter()
        .map(|c| {
            if c.path.is_empty() {
                "the whole plan".to_string()
            } else {
                c.path.clone()
            }
        })
        .collect();
    let file = if conflicts.is_empty() {
        None
    } else {
        match &w.on_conflict {
            OnConflict::Refuse => return Err(WriteError::Changed(paths)),
            OnConflict::KeepBoth { label, from } => {
                Some(write_conflicts(case, label, from, &conflicts).map_err(failed)?)
            }
        }
    };
    if let Some(plan) = plan {
        if let Some(check) = w.check {
            check(&plan).map_err(WriteError::Failed)?;
        }
        let text = plan_yaml::to_string(&plan).map_err(WriteError::Failed)?;
        // The file must still be what was merged with; else merge again with what it is now.
        let staged = stage(&path, text.as_bytes()).map_err(failed)?;
        if read_limited(&path).ok().as_deref() != Some(&now[..]) {
            drop(staged);
            return write_plan_held(
                case,
                PlanWrite {
                    base: w.base,
                    read: w.read,
                    ours: w.ours,
                    text: w.text,
                    staged: None,
                    on_conflict: w.on_conflict,
                    check: w.check,
                },
            );
        }
        staged.commit().map_err(failed)?;
        plan_cache::remember(case.root(), text.as_bytes(), &plan);
    }
    Ok(Written::Merged {
        conflicts: paths,
        file,
    })
}

fn put(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    files::write_atomic(path, bytes)
}

fn whole(ours: &Plan) -> Result<Conflict, WriteError> {
    Ok(Conflict {
        path: String::new(),
        base: None,
        ours: Some(serde_json::to_value(ours).map_err(|e| WriteError::Failed(e.to_string()))?),
        theirs: None,
    })
}

#[derive(Serialize)]
struct ConflictFile<'a> {
    about: String,
    conflicts: Vec<ConflictEntry<'a>>,
}

#[derive(Serialize)]
struct ConflictEntry<'a> {
    field: &'a str,
    /// What the writer would have written, not in plan.yaml.
    not_applied: &'a Option<serde_json::Value>,
    /// What plan.yaml holds.
    in_plan: &'a Option<serde_json::Value>,
    before: &'a Option<serde_json::Value>,
}

/// Write the writer's side of each conflict beside the plan; the file's path.
fn write_conflicts(
    case: &CaseFolder,
    label: &str,
    from: &str,
    conflicts: &[Conflict],
) -> std::io::Result<PathBuf> {
    let file = ConflictFile {
        about: format!(
            "plan.yaml was changed after {from} read it, and these fields were changed both \
             ways. plan.yaml keeps its values (in_plan); {from} had not_applied; before is what \
             both began from. Copy into plan.yaml what should stay, then delete this file."
        ),
        conflicts: conflicts
            .iter()
            .map(|c| ConflictEntry {
                field: if c.path.is_empty() {
                    "(the whole plan)"
                } else {
                    &c.path
                },
                not_applied: &c.ours,
                in_plan: &c.theirs,
                before: &c.base,
            })
            .collect(),
    };
    let text = yaml::to_string(&file).map_err(std::io::Error::other)?;
    let label: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{CONFLICT_PREFIX}{label}.yaml")
        } else {
            format!("{CONFLICT_PREFIX}{label}-{n}.yaml")
        };
        let path = case.root().join(name);
        match files::write_new(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// The conflict files in the case, for `check` and `status` to list until they are removed.
pub fn conflict_files(case: &CaseFolder) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = files::read_dir(case.root())
        .map(|entries| {
            entries
                .into_iter()
                .filter(|e| e.kind == files::Kind::File)
                .filter(|e| {
                    let n = e.name.to_string_lossy();
                    n.starts_with(CONFLICT_PREFIX) && n.ends_with(".yaml")
                })
                .map(|e| e.path)
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}
