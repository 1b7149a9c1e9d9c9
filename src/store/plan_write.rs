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

use serde::{Deserialize, Serialize};

use super::case::CaseFolder;
use super::files::{self, Staged, read_limited, stage};
use super::fingerprint::Fingerprint;
use super::lock::Lock;
use super::yaml::{LoadError, SerializeError};
use super::{case_log, plan_cache, plan_yaml, yaml};
use crate::domain::case_log::current_plan;
use crate::domain::conflict_words;
use crate::domain::plan::Plan;
use crate::domain::plan_merge::{Conflict, Kept, merge, merge_taking};
use crate::domain::validate::{Problem, Severity, validate};

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
    /// saying it came from `from` (a close: nobody may be there to ask). Where the chair was
    /// asked (`chosen`) and the file is still what they saw, the fields they chose take the
    /// writer's value and the file's goes beside it instead. A merged plan that would break a
    /// rule neither side broke is not written: the file is left as it is and the writer's whole
    /// plan goes beside it.
    KeepBoth {
        label: String,
        from: String,
        chosen: Option<Chosen>,
    },
}

/// What the chair chose, shown the fields changed both ways in `plan.yaml` as it was when its
/// fingerprint was `against`: the fields (as `Conflict::path` names them) to take the writer's
/// value in. Every other field shown keeps the file's. Applied only while the file is still
/// those bytes: anything edited after the question was shown is never written over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chosen {
    pub against: Fingerprint,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub take_ours: Vec<String>,
}

/// The fields changed both ways if the writer's plan were written now: what to ask about.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    /// The fingerprint of `plan.yaml` as merged with.
    pub against: Fingerprint,
    pub conflicts: Vec<Conflict>,
    /// The plan as it is now (the log applied), serialised: it names the items in conflict.
    pub now: serde_json::Value,
}

/// What a plan must pass to be written: `Err` says why not.
pub type PlanCheck = dyn Fn(&Plan) -> Result<(), PlanRefused>;

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
pub enum PlanWritten {
    /// The file was as read: the plan is the writer's.
    Replaced,
    /// The file had changed: the writer's changes were merged into it. When fields conflicted,
    /// the file keeps their values and the writer's are in the conflict file named.
    Merged {
        conflicts: Vec<String>,
        file: Option<PathBuf>,
        /// Of `conflicts`, those that took the writer's value, as the chair chose.
        taken: Vec<String>,
    },
    /// The file had changed, and the merged plan would break a rule (said here) that neither
    /// side broke: the file is left as it is, and the writer's whole plan is in `file`.
    Kept { broken: String, file: PathBuf },
}

impl PlanWritten {
    /// One line for the user, when there is something to say.
    pub fn notice(&self) -> Option<String> {
        match self {
            PlanWritten::Replaced => None,
            PlanWritten::Merged { file: None, .. } => Some(
                "plan.yaml had been changed since it was read: both sets of changes are in it."
                    .into(),
            ),
            PlanWritten::Kept { broken, file } => Some(format!(
                "plan.yaml had been changed since it was read, and with both sets of changes it \
                 would break a rule ({broken}): plan.yaml is left as it was edited; the other \
                 plan is whole in {}",
                file.display()
            )),
            PlanWritten::Merged {
                conflicts,
                file: Some(f),
                taken,
            } if !taken.is_empty() => Some(format!(
                "plan.yaml had been changed by hand in the same place as the meeting: as chosen \
                 at the close, {} of {} field{} take{} the meeting's value ({}){}; the values \
                 not kept are in {}",
                taken.len(),
                conflicts.len(),
                if conflicts.len() == 1 { "" } else { "s" },
                if taken.len() == 1 { "s" } else { "" },
                taken.join(", "),
                if taken.len() < conflicts.len() {
                    ", the rest keep the hand edit"
                } else {
                    ""
                },
                f.display()
            )),
            PlanWritten::Merged {
                conflicts,
                file: Some(f),
                ..
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
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The same fields were changed in the file since it was read (a form's save).
    #[error(
        "plan.yaml was changed since this was read, in the same place ({}), so nothing was \
         written\n  hint: look at the plan as it is now and make the change again",
        .0.join(", ")
    )]
    Changed(Vec<String>),
    /// The plan to write fails the writer's check.
    #[error(transparent)]
    Refused(#[from] PlanRefused),
    /// The file could not be written.
    #[error("cannot write {}: {error}", .path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The case log, to apply to the plan as it is now, does not read.
    #[error(transparent)]
    Log(#[from] LoadError),
    #[error(transparent)]
    Yaml(#[from] SerializeError),
    /// A plan not made into the tree the merge compares (never for a plan that serializes).
    #[error(transparent)]
    Tree(#[from] serde_json::Error),
}

/// The errors `check` finds in a plan, each as `check` prints it: why it was not written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "the plan was not changed:\n{}",
    .problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
)]
pub struct PlanRefused {
    pub problems: Vec<Problem>,
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
pub fn write_plan(
    case: &CaseFolder,
    _lock: &Lock,
    w: PlanWrite,
) -> Result<PlanWritten, WriteError> {
    write_plan_held(case, w)
}

/// [`write_plan`] for a caller holding the lock through another handle (the meeting's store).
pub(crate) fn write_plan_held(case: &CaseFolder, w: PlanWrite) -> Result<PlanWritten, WriteError> {
    let failed = |error: std::io::Error| WriteError::Io {
        path: case.plan_path(),
        error,
    };
    let path = case.plan_path();
    let now = read_limited(&path).ok();
    let print = now.as_deref().map(Fingerprint::of);
    let ours_text = match w.text {
        Some(t) => t.to_string(),
        None => plan_yaml::to_string(w.ours)?,
    };
    if let Some(check) = w.check {
        check(w.ours)?;
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
        return Ok(PlanWritten::Replaced);
    }
    drop(w.staged);
    let now = now.unwrap_or_default();
    let log = case_log::load(case)?;
    let theirs: Result<Plan, _> = yaml::parse_bytes(&now, &path);
    // The chair's choices hold only for the bytes they were shown.
    let chosen = match &w.on_conflict {
        OnConflict::KeepBoth {
            chosen: Some(c), ..
        } if print == Some(c.against) => Some(c),
        _ => None,
    };
    let keep_both = matches!(w.on_conflict, OnConflict::KeepBoth { .. });
    // The plan as it is now, to name the conflicting fields by in words.
    let mut named_by = serde_json::Value::Null;
    let (plan, conflicts, broken) = match theirs {
        Ok(theirs) => {
            let (base, ours, theirs) = (
                current_plan(w.base, &log),
                current_plan(w.ours, &log),
                current_plan(&theirs, &log),
            );
            let value = |p: &Plan| serde_json::to_value(p).map_err(WriteError::from);
            named_by = value(&theirs)?;
            let m = merge_taking(
                &value(&base)?,
                &value(&ours)?,
                &named_by,
                chosen.map_or(&[][..], |c| &c.take_ours),
            );
            let plan: Option<Plan> = serde_json::from_value(m.value).ok();
            match plan {
                Some(plan) => match keep_both
                    .then(|| broken_by_merge(&plan, &ours, &theirs))
                    .flatten()
                {
                    Some(broken) => (None, vec![whole(w.ours)?], Some(broken)),
                    None => (Some(plan), m.conflicts, None),
                },
                None => (None, vec![whole(w.ours)?], None),
            }
        }
        // A file that does not read as a plan is left for the user to mend, and the writer's
        // plan goes beside it whole.
        Err(_) => (None, vec![whole(w.ours)?], None),
    };
    // Each field in words a person reads ("Mother (…)'s address"), not as a path.
    let named = |c: &Conflict| {
        if c.path.is_empty() {
            "the whole plan".to_string()
        } else {
            conflict_words::describe(c, &named_by).field
        }
    };
    let paths: Vec<String> = conflicts.iter().map(named).collect();
    let taken: Vec<String> = conflicts
        .iter()
        .filter(|c| c.kept == Kept::Ours)
        .map(named)
        .collect();
    let file = if conflicts.is_empty() {
        None
    } else {
        match &w.on_conflict {
            OnConflict::Refuse => return Err(WriteError::Changed(paths)),
            OnConflict::KeepBoth { label, from, .. } => Some(
                write_conflicts(
                    case,
                    label,
                    from,
                    &conflicts,
                    chosen.is_some() && broken.is_none(),
                )
                .map_err(failed)?,
            ),
        }
    };
    if let Some(plan) = plan {
        if let Some(check) = w.check {
            check(&plan)?;
        }
        let text = plan_yaml::to_string(&plan)?;
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
    Ok(match (broken, file) {
        (Some(broken), Some(file)) => PlanWritten::Kept { broken, file },
        (_, file) => PlanWritten::Merged {
            conflicts: paths,
            file,
            taken,
        },
    })
}

/// The fields changed both ways if `ours` (begun from `base`, read from the bytes `read`) were
/// written now, with what to name them by; `None` when the file is as read or nothing conflicts.
pub fn pending(
    case: &CaseFolder,
    base: &Plan,
    read: Option<Fingerprint>,
    ours: &Plan,
) -> Result<Option<Pending>, WriteError> {
    let path = case.plan_path();
    let Ok(now) = read_limited(&path) else {
        return Ok(None);
    };
    let against = Fingerprint::of(&now);
    if Some(against) == read {
        return Ok(None);
    }
    // A file that does not read as a plan is not a question: the writer's plan goes beside it.
    let Ok(theirs) = yaml::parse_bytes::<Plan>(&now, &path) else {
        return Ok(None);
    };
    let log = case_log::load(case)?;
    let value = |p: &Plan| serde_json::to_value(current_plan(p, &log));
    let now = value(&theirs)?;
    let m = merge(&value(base)?, &value(ours)?, &now);
    if m.conflicts.is_empty() {
        return Ok(None);
    }
    Ok(Some(Pending {
        against,
        conflicts: m.conflicts,
        now,
    }))
}

/// The first error the merged plan has that neither side had on its own: the merge made it.
fn broken_by_merge(merged: &Plan, ours: &Plan, theirs: &Plan) -> Option<String> {
    let errors = |p: &Plan| -> Vec<crate::domain::validate::Problem> {
        validate(p)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect()
    };
    let before: Vec<String> = errors(ours)
        .into_iter()
        .chain(errors(theirs))
        .map(|p| p.message)
        .collect();
    errors(merged)
        .into_iter()
        .find(|p| !before.contains(&p.message))
        .map(|p| format!("{}: {}", p.path, p.message))
}

fn put(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    files::write_atomic(path, bytes)
}

fn whole(ours: &Plan) -> Result<Conflict, WriteError> {
    Ok(Conflict {
        path: String::new(),
        base: None,
        ours: Some(serde_json::to_value(ours)?),
        theirs: None,
        kept: Kept::Theirs,
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
    /// Said when the chair chose which value plan.yaml keeps.
    #[serde(skip_serializing_if = "Option::is_none")]
    decided: Option<String>,
    /// What the writer would have written, not in plan.yaml.
    not_applied: &'a Option<serde_json::Value>,
    /// What plan.yaml holds.
    in_plan: &'a Option<serde_json::Value>,
    before: &'a Option<serde_json::Value>,
}

/// Write the side not kept of each conflict beside the plan; the file's path. The same
/// conflicts written again (a close finished after a crash) are the same file, not a second.
fn write_conflicts(
    case: &CaseFolder,
    label: &str,
    from: &str,
    conflicts: &[Conflict],
    asked: bool,
) -> std::io::Result<PathBuf> {
    let file = ConflictFile {
        about: if asked {
            format!(
                "plan.yaml was changed after {from} read it, and these fields were changed both \
                 ways. plan.yaml holds the value chosen at the close (in_plan); not_applied is \
                 the other; before is what both began from. Copy into plan.yaml what should \
                 stay, then delete this file."
            )
        } else {
            format!(
                "plan.yaml was changed after {from} read it, and these fields were changed both \
                 ways. plan.yaml keeps its values (in_plan); {from} had not_applied; before is \
                 what both began from. Copy into plan.yaml what should stay, then delete this \
                 file."
            )
        },
        conflicts: conflicts
            .iter()
            .map(|c| ConflictEntry {
                field: if c.path.is_empty() {
                    "(the whole plan)"
                } else {
                    &c.path
                },
                decided: asked.then(|| match c.kept {
                    Kept::Ours => format!(
                        "at the close, the chair chose {from}'s value: it is in plan.yaml \
                         (in_plan); not_applied is what plan.yaml held"
                    ),
                    Kept::Theirs => format!(
                        "at the close, the chair kept plan.yaml's value (in_plan); \
                         not_applied is {from}'s"
                    ),
                }),
                not_applied: c.not_kept(),
                in_plan: c.kept_value(),
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
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if same_conflicts(&path, &file) {
                    return Ok(path);
                }
                if n >= 100 {
                    return Err(e);
                }
                n += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Whether the conflict file at `path` holds the same values as `file` (however worded).
fn same_conflicts(path: &Path, file: &ConflictFile) -> bool {
    let Ok(bytes) = read_limited(path) else {
        return false;
    };
    let Ok(there) = yaml::parse_bytes::<serde_json::Value>(&bytes, path) else {
        return false;
    };
    let values = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["conflicts"]
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        serde_json::json!([e["field"], e["not_applied"], e["in_plan"], e["before"]])
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    serde_json::to_value(file).is_ok_and(|ours| values(&ours) == values(&there))
}

/// The conflict files in the case, for `check` and `status` to list until they are removed.
pub fn conflict_files(case: &CaseFolder) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = files::read_dir(case.root())
        .map(|entries| {
            entries
                .into_iter()
                .filter(|e| e.kind == files::EntryKind::File)
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
