//! A case being made by `coregroup new DIR --example`. The example's meeting folder is written
//! before its `plan.yaml` (which makes the folder a case), so a kill in between would leave a
//! folder that `new` calls a case and every other command calls "not a case". While it is made,
//! `.coregroup/making-example.json` names the meeting it writes: a folder with the marker and no
//! plan is one whose making was cut short. Every command says so and how to go on, and the next
//! `new` on the folder clears what was made and starts again.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::case::{CLOSING_FILE, CaseFolder, PLAN_FILE};
use super::files::{self, create_dir_private, remove_file, sync_dir, write_atomic};

pub const MAKING_FILE: &str = "making-example.json";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Making {
    meeting_id: String,
}

fn marker(dir: &Path) -> PathBuf {
    CaseFolder::at(dir).state_dir().join(MAKING_FILE)
}

/// Say that the example case, with its meeting `id`, is being made in the case's folder.
pub fn begin(case: &CaseFolder, id: &str) -> io::Result<()> {
    create_dir_private(&case.state_dir())?;
    let json = serde_json::to_vec(&Making {
        meeting_id: id.to_string(),
    })
    .map_err(io::Error::other)?;
    write_atomic(&marker(case.root()), &json)
}

/// The example case is whole: its `plan.yaml` is in place.
pub fn end(case: &CaseFolder) -> io::Result<()> {
    remove_file(&marker(case.root()))?;
    sync_dir(&case.state_dir())
}

/// Whether the making of the example case in `dir` was cut short (the marker, and no plan).
pub fn cut_short(dir: &Path) -> bool {
    files::exists(&marker(dir)) && !files::exists(&dir.join(PLAN_FILE))
}

/// Whether a marker is left beside a whole case (the plan was written, the marker not yet
/// removed): only the marker is left to remove.
pub fn left_over(dir: &Path) -> bool {
    files::exists(&marker(dir)) && files::exists(&dir.join(PLAN_FILE))
}

/// What every command but `new` says of a folder whose making was cut short.
pub fn cut_short_message(dir: &Path) -> (String, String) {
    (
        "the example case was being made in this folder, and that was cut short: it is not a \
         case yet"
            .into(),
        format!(
            "make it again with `coregroup new {} --example` (it starts afresh), or remove the \
             folder",
            dir.display()
        ),
    )
}

/// Clear what a cut-short making wrote: the meeting folder the marker names, `meetings/` if
/// that leaves it empty, temporary files, a close marker, and the marker itself. Nothing else in the folder is
/// touched.
pub fn clear(case: &CaseFolder) -> io::Result<()> {
    let path = marker(case.root());
    let making: Option<Making> = files::read_limited(&path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    if let Some(m) = making
        && super::case::check_id(&m.meeting_id).is_ok()
    {
        let dir = case.meeting_dir(&m.meeting_id);
        if files::exists(&dir) {
            files::remove_tree(&dir)?;
        }
        let _ = files::remove_dir(&case.meetings_dir());
    }
    super::temporary::remove_temporary_files(case);
    let closing = case.state_dir().join(CLOSING_FILE);
    if files::exists(&closing) {
        remove_file(&closing)?;
    }
    remove_file(&path)?;
    sync_dir(case.root())
}
