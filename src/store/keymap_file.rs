//! The user's `keymap.yaml`: where it is and its text, read like every other file the program is
//! given. Making keys of it is the keymap's pure parser (`tui::keymap`); nothing there reads.

use std::path::{Path, PathBuf};

use super::yaml::{self, LoadError};

/// A keymap file's text and where it came from (named in every error about it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapFile {
    pub path: PathBuf,
    pub text: String,
}

/// The keymap file in the config folder, if there is one. The folder is the agendas' one, so
/// `COREGROUP_CONFIG_DIR` moves both.
pub fn user() -> Result<Option<KeymapFile>, LoadError> {
    in_config(super::agenda_files::config_dir().as_deref())
}

/// [`user`] for a given config folder (`None`: there is none).
pub fn in_config(dir: Option<&Path>) -> Result<Option<KeymapFile>, LoadError> {
    let Some(dir) = dir else {
        return Ok(None);
    };
    let path = dir.join("keymap.yaml");
    if !super::files::exists(&path) {
        return Ok(None);
    }
    read(&path).map(Some)
}

/// A keymap file given by its path (`coregroup check FILE`).
pub fn read(path: &Path) -> Result<KeymapFile, LoadError> {
    let bytes = yaml::read(path)?;
    let text = String::from_utf8(yaml::without_bom(&bytes).to_vec()).map_err(|_| {
        LoadError::new(path, "the file is not valid UTF-8 text", "save it as UTF-8")
    })?;
    Ok(KeymapFile {
        path: path.to_path_buf(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_folder_s_keymap_is_read_when_there_is_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(in_config(None), Ok(None));
        assert_eq!(in_config(Some(dir.path())), Ok(None));
        std::fs::write(dir.path().join("keymap.yaml"), "global: {}\n").expect("write");
        let file = in_config(Some(dir.path())).expect("read").expect("there");
        assert_eq!(file.text, "global: {}\n");
        assert_eq!(file.path, dir.path().join("keymap.yaml"));
        std::fs::write(dir.path().join("keymap.yaml"), b"global: \xff\n").expect("write");
        let err = in_config(Some(dir.path()))
            .expect_err("not UTF-8")
            .to_string();
        assert!(
            err.contains("keymap.yaml") && err.contains("UTF-8"),
            "{err}"
        );
    }
}
