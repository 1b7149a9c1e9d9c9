//! The council's settings file, `council.yaml` in the config folder (beside `agendas/`): read
//! with the file, line and column of any mistake, unknown fields refused. No file is no error:
//! the documents then name the plan's local authority and carry the default marking.

use std::path::{Path, PathBuf};

use super::agenda_files::config_dir;
use super::yaml;
use crate::domain::council::Council;
use crate::domain::picture::{MAX_BYTES, Picture, PictureError};
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

/// [`settings_or_fallback`] for letters: with its letterhead image read, and what the letters
/// go without because it could not be (a missing or bad image never stops a circulation).
pub fn settings_with_notes(local_authority: &str) -> (Council, Vec<String>) {
    let (Some(path), Ok(Some(mut council))) = (council_path(), load()) else {
        return (Council::fallback(local_authority), Vec::new());
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut notes = Vec::new();
    match letterhead_picture(&council, folder) {
        Ok(picture) => council.letterhead_picture = picture,
        Err(e) => notes.push(format!(
            "the letters go without the letterhead image: {}: {e}",
            sanitize(&path.display().to_string())
        )),
    }
    (council, notes)
}

/// Why the settings' `letterhead_image` cannot be used: each names the field and the file as
/// typed, with a hint.
#[derive(Debug, thiserror::Error)]
pub enum LetterheadError {
    #[error(
        "letterhead_image: \"{name}\" is not a file\n  hint: put the picture in {folder} and give \
         its name, or its path from there"
    )]
    NotAFile { name: String, folder: String },
    #[error("letterhead_image: \"{name}\" is larger than {} KB\n  hint: {TOO_BIG}", MAX_BYTES / 1024)]
    TooLarge { name: String },
    #[error(
        "letterhead_image: \"{name}\" cannot be read: {error}\n  hint: check the file can be opened"
    )]
    Unreadable { name: String, error: std::io::Error },
    #[error("letterhead_image: \"{name}\" cannot be used: {error}\n  hint: {}", match error {
        PictureError::TooLarge { .. } => TOO_BIG,
        _ => "save the picture as PNG or JPEG (its name does not make it one)",
    })]
    Unusable { name: String, error: PictureError },
}

const TOO_BIG: &str = "a logo about 600 pixels across, saved as PNG or JPEG, is small enough";

/// The picture the settings' `letterhead_image` names, read from `folder` (the settings file's):
/// `Ok(None)` when none is named; else why it cannot be used.
pub fn letterhead_picture(
    council: &Council,
    folder: &Path,
) -> Result<Option<Picture>, LetterheadError> {
    let Some(name) = council.letterhead_image.as_deref().map(str::trim) else {
        return Ok(None);
    };
    let path = folder.join(name);
    let name = sanitize(name).into_owned();
    if !super::files::is_file(&path) {
        return Err(LetterheadError::NotAFile {
            name,
            folder: sanitize(&folder.display().to_string()).into_owned(),
        });
    }
    if super::files::metadata(&path).is_ok_and(|m| m.len() > MAX_BYTES as u64) {
        return Err(LetterheadError::TooLarge { name });
    }
    let bytes = match super::files::read_limited(&path) {
        Ok(bytes) => bytes,
        Err(error) => return Err(LetterheadError::Unreadable { name, error }),
    };
    Picture::read(bytes)
        .map(Some)
        .map_err(|error| LetterheadError::Unusable { name, error })
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
        assert_eq!(
            c.attachments.family,
            crate::domain::council::AttachmentFormat::Pdf
        );
        assert_eq!(
            c.attachments.professionals,
            crate::domain::council::AttachmentFormat::Word
        );
    }

    #[test]
    fn a_letterhead_image_is_read_from_beside_the_settings_or_refused_with_its_field() {
        let dir = tempfile::tempdir().unwrap();
        let mut council = Council::fallback("Eastbrook Borough Council");
        assert!(matches!(letterhead_picture(&council, dir.path()), Ok(None)));
        council.letterhead_image = Some("logo.png".into());
        let e = letterhead_picture(&council, dir.path())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("letterhead_image: \"logo.png\" is not a file"),
            "{e}"
        );
        assert!(e.contains("hint:"), "{e}");
        // Named .png, but a GIF by its bytes.
        std::fs::write(dir.path().join("logo.png"), b"GIF89a\x01\x00\x01\x00").unwrap();
        let e = letterhead_picture(&council, dir.path())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("not a PNG or JPEG") && e.contains("save the picture as PNG"),
            "{e}"
        );
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x02\x58\0\0\0\x96".to_vec();
        std::fs::write(dir.path().join("logo.png"), &png).unwrap();
        let p = letterhead_picture(&council, dir.path()).unwrap().unwrap();
        assert_eq!((p.width, p.height), (600, 150));
        png.resize(MAX_BYTES + 1, 0);
        std::fs::write(dir.path().join("logo.png"), &png).unwrap();
        let e = letterhead_picture(&council, dir.path())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("larger than 500 KB") && e.contains("600 pixels"),
            "{e}"
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
