//! The council's settings file, `council.yaml` in the config folder (beside `agendas/`): read
//! with the file, line and column of any mistake, unknown fields refused. No file is no error:
//! the documents then name the plan's local authority and carry the default marking.

use std::path::{Path, PathBuf};

use super::agenda_files::config_dir;
use super::yaml;
use crate::domain::council::Council;
use crate::text::sanitize;

/// The settings file's name in the config folder.
pub const COUNCIL_FILE: &str = "council.yaml";

/// Where the settings file is looked for.
pub fn council_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join(COUNCIL_FILE))
}

/// The settings in `path`: `Ok(None)` when there is no such file, every problem otherwise, each
/// naming the file and the line and column or the field.
pub fn load_from(path: &Path) -> Result<Option<Council>, Vec<String>> {
    if !super::files::exists(path) {
        return Ok(None);
    }
    let bytes = yaml::read(path).map_err(|e| vec![e.to_string()])?;
    let council: Council = yaml::parse_bytes(&bytes, path).map_err(|e| vec![e.to_string()])?;
    let problems = council.problems();
    if problems.is_empty() {
        Ok(Some(council))
    } else {
        let shown = path.display().to_string();
        let file = sanitize(&shown);
        Err(problems
            .into_iter()
            .map(|p| format!("{file}: {}", sanitize(&p)))
            .collect())
    }
}

/// The user's settings, when the config folder has them.
pub fn load() -> Result<Option<Council>, Vec<String>> {
    match council_path() {
        Some(p) => load_from(&p),
        None => Ok(None),
    }
}

/// The settings the documents are made with: the user's, else the fallback from the plan's
/// local authority. A damaged settings file must not stop a meeting closing or going out: the
/// fallback stands in, and `coregroup check` names the file.
pub fn settings_or_fallback(local_authority: &str) -> Council {
    load()
        .ok()
        .flatten()
        .unwrap_or_else(|| Council::fallback(local_authority))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistake_names_the_file_and_line_and_an_unknown_field_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(COUNCIL_FILE);
        assert_eq!(load_from(&path), Ok(None));
        std::fs::write(
            &path,
            "name: Eastbrook Borough Council\nduty_phon: 01632 960100\n",
        )
        .unwrap();
        let e = load_from(&path).unwrap_err().join("\n");
        assert!(e.contains("council.yaml:2:"), "{e}");
        assert!(e.contains("duty_phon"), "{e}");
        std::fs::write(
            &path,
            "name: Eastbrook Borough Council\nduty_phone: ring us\n",
        )
        .unwrap();
        let e = load_from(&path).unwrap_err().join("\n");
        assert!(e.contains("council.yaml: duty_phone:"), "{e}");
    }

    #[test]
    fn an_attachment_format_other_than_word_or_pdf_is_refused_with_its_field_and_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(COUNCIL_FILE);
        std::fs::write(
            &path,
            "name: Eastbrook Borough Council\nattachments:\n  family: docx\n",
        )
        .unwrap();
        let e = load_from(&path).unwrap_err().join("\n");
        assert!(e.contains("council.yaml:3:"), "{e}");
        assert!(e.contains("attachments.family"), "{e}");
        assert!(e.contains("`word` or `pdf`") && e.contains("hint:"), "{e}");
        std::fs::write(
            &path,
            "name: Eastbrook Borough Council\nattachments:\n  family: pdf\n",
        )
        .unwrap();
        let c = load_from(&path).unwrap().unwrap();
        assert_eq!(c.attachments.family, crate::domain::council::Format::Pdf);
        assert_eq!(
            c.attachments.professionals,
            crate::domain::council::Format::Word
        );
    }

    #[test]
    fn the_shipped_example_is_the_example_council() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/council.yaml");
        assert_eq!(
            load_from(&path),
            Ok(Some(crate::domain::example::council()))
        );
    }
}
