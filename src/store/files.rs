//! Every file coregroup writes goes through here: atomically (a temporary file in the same
//! folder, synced, renamed over the old one, the folder synced) and readable by the owner only,
//! because this is special-category data about children.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};

/// The largest file we will read. Real plans and records are far smaller; a bigger file is a
/// mistake or an attack, and reading it whole would cost memory for nothing.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// An I/O error that names its file, so "permission denied" says where. The kind is kept.
pub fn naming(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| {
        io::Error::new(
            e.kind(),
            format!("{} could not be written: {e}", path.display()),
        )
    }
}

/// Write `contents` to `path` atomically with mode 0600. A failure leaves the old file whole,
/// and its error names the file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_unnamed(path, contents).map_err(naming(path))
}

fn write_atomic_unnamed(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt;
        options.preserve_mode(false).preserve_owner(false);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    file.as_file()
        .set_permissions(fs::Permissions::from_mode(0o600))?;
    file.write_all(contents)?;
    file.commit()
}

/// Replace `path` atomically with mode 0600 but without waiting for the disk: only for a file
/// that is a disposable copy (the parsed plan), where a crash may lose it whole but never leaves
/// it half-written in place of a good one that a reader would trust.
pub fn replace_unsynced(path: &Path, contents: &[u8]) -> io::Result<()> {
    temp_beside(path, contents)?
        .persist(path)
        .map_err(|e| e.error)?;
    Ok(())
}

/// A hidden temporary file in `path`'s folder, mode 0600, holding `contents`.
fn temp_beside(path: &Path, contents: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(".stage")
        .tempfile_in(parent(path))?;
    #[cfg(unix)]
    temp.as_file()
        .set_permissions(fs::Permissions::from_mode(0o600))?;
    temp.write_all(contents)?;
    Ok(temp)
}

/// A file written and synced beside its destination but not yet in place. Slow writes can go
/// side by side while `commit` still puts the files in place in a fixed order. Dropped without a
/// commit, the temporary file is removed (a crash can leave a hidden `.stage*` file behind).
pub struct Staged {
    temp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

/// Write `contents` to a temporary file beside `path`, mode 0600, and sync it.
pub fn stage(path: &Path, contents: &[u8]) -> io::Result<Staged> {
    let temp = temp_beside(path, contents)?;
    temp.as_file().sync_all()?;
    Ok(Staged {
        temp,
        path: path.to_path_buf(),
    })
}

impl Staged {
    /// Rename the file over its destination and make the rename durable.
    pub fn commit(self) -> io::Result<()> {
        self.temp.persist(&self.path).map_err(|e| e.error)?;
        sync_dir(parent(&self.path))
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Create a folder (and its parents) with mode 0700. A folder that already exists keeps the
/// mode its owner gave it: a case folder made read-only stays read-only.
pub fn create_dir_private(path: &Path) -> io::Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    create_new_dir_private(path).map_err(naming(path))
}

fn create_new_dir_private(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(path)?;
    #[cfg(unix)]
    fs::set_permissions(path, fs::Permissions::from_mode(0o700))?;
    Ok(())
}

/// Make a folder's entries (a new, renamed or removed file) durable: without this a crash can
/// forget a rename that `rename` already reported as done.
pub fn sync_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::File::open(path)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Read a whole file, refusing one larger than [`MAX_FILE_BYTES`] before reading it.
pub fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    read_limited_to(path, MAX_FILE_BYTES)
}

/// Read a whole file, refusing one larger than `max` bytes before reading it.
pub fn read_limited_to(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // Opening a named pipe for reading would wait for a writer forever; non-blocking, it opens at
    // once and is refused below. (The flag changes nothing for regular files.)
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other("this is not a regular file"));
    }
    let len = meta.len();
    if len > max {
        return Err(io::Error::other(format!(
            "the file is {} MB; coregroup reads files of at most {} MB",
            len / (1024 * 1024),
            max / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // `take` guards against a file that grows while we read it.
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::other(
            "the file grew past the size limit while being read",
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn written_files_are_owner_only_and_replace_the_old_contents() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.yaml");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_staged_file_appears_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.yaml");
        std::fs::write(&path, "old").unwrap();
        let staged = stage(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        staged.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), 0o600);
        // Nothing else is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        drop(stage(&path, b"abandoned").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unsynced_replacement_is_owner_only_and_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan-cache.json");
        std::fs::write(&path, "old").unwrap();
        replace_unsynced(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn folders_are_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b");
        create_dir_private(&path).unwrap();
        assert_eq!(mode(&path), 0o700);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_exists_keeps_the_mode_its_owner_set() {
        let dir = tempfile::tempdir().unwrap();
        for set in [0o500, 0o750] {
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(set)).unwrap();
            create_dir_private(dir.path()).unwrap();
            assert_eq!(mode(dir.path()), set);
        }
    }

    #[test]
    fn a_failed_write_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should go: the rename over it fails whoever runs this.
        let path = dir.path().join("minutes.md");
        fs::create_dir(&path).unwrap();
        let e = write_atomic(&path, b"x").unwrap_err().to_string();
        assert!(e.contains("minutes.md could not be written"), "{e}");
        let file = dir.path().join("plain");
        fs::write(&file, "").unwrap();
        let e = create_dir_private(&file.join("x")).unwrap_err().to_string();
        assert!(e.contains("plain/x could not be written"), "{e}");
    }

    #[test]
    fn oversized_files_are_refused_without_reading_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        let f = fs::File::create(&path).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        let err = read_limited(&path).unwrap_err();
        assert!(err.to_string().contains("at most 8 MB"), "{err}");
    }
}
