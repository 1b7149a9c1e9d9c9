//! Every file coregroup writes goes through here: atomically (a temporary file in the same
//! folder, synced, renamed over the old one, the folder synced) and readable by the owner only,
//! because this is special-category data about children.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use super::failpoint;

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

/// Every temporary file coregroup makes starts with this, so the next command on the case can
/// find and remove one that a crash left behind (see `store::recovery`).
pub const TEMP_PREFIX: &str = ".stage";

/// Write `contents` to `path` atomically with mode 0600. A failure leaves the old file whole,
/// and its error names the file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_unnamed(path, contents).map_err(naming(path))
}

fn write_atomic_unnamed(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut temp = Temp::beside(path)?;
    temp.write(contents)?;
    temp.sync()?;
    temp.rename_to(path)?;
    sync_dir(parent(path))
}

/// Replace `path` atomically with mode 0600 but without waiting for the disk: only for a file
/// that is a disposable copy (the parsed plan), where a crash may lose it whole but never leaves
/// it half-written in place of a good one that a reader would trust.
pub fn replace_unsynced(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut temp = Temp::beside(path)?;
    temp.write(contents)?;
    temp.rename_to(path)
}

/// Write `contents` to `path` only if nothing is there yet (`AlreadyExists` otherwise), so the
/// file never exists half-written.
pub fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut temp = Temp::beside(path)?;
    temp.write(contents)?;
    temp.sync()?;
    temp.link_to(path)?;
    sync_dir(parent(path))
}

/// A hidden temporary file beside its destination, mode 0600 from the moment it exists (the
/// `tempfile` crate creates it so). It is removed when dropped unclaimed; after a simulated crash
/// (see [`failpoint`]) the removal fails like every other step, as a real crash would leave it.
struct Temp {
    file: tempfile::NamedTempFile,
    claimed: bool,
}

impl Temp {
    fn beside(dest: &Path) -> io::Result<Temp> {
        failpoint::step(dest)?;
        let mut file = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(parent(dest))?;
        // Removed by our own `Drop`, through the failpoint.
        file.disable_cleanup(true);
        Ok(Temp {
            file,
            claimed: false,
        })
    }

    fn write(&mut self, contents: &[u8]) -> io::Result<()> {
        if let Err(e) = failpoint::step(self.file.path()) {
            // A crash part-way through a write leaves part of it.
            let _ = self.file.write_all(&contents[..contents.len() / 2]);
            return Err(e);
        }
        self.file.write_all(contents)
    }

    fn sync(&self) -> io::Result<()> {
        failpoint::step(self.file.path())?;
        self.file.as_file().sync_all()
    }

    /// Rename over `dest`.
    fn rename_to(mut self, dest: &Path) -> io::Result<()> {
        failpoint::step(dest)?;
        let path = self.file.path().to_path_buf();
        fs::rename(&path, dest)?;
        self.claimed = true;
        Ok(())
    }

    /// Put in place at `dest` only if nothing is there.
    fn link_to(mut self, dest: &Path) -> io::Result<()> {
        failpoint::step(dest)?;
        let path = self.file.path().to_path_buf();
        fs::hard_link(&path, dest)?;
        self.claimed = true;
        remove_file(&path)
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.claimed {
            let _ = remove_file(self.file.path());
        }
    }
}

/// A file written and synced beside its destination but not yet in place. Slow writes can go
/// side by side while `commit` still puts the files in place in a fixed order. Dropped without a
/// commit, the temporary file is removed (a crash can leave a hidden `.stage*` file behind, which
/// the next command on the case removes).
pub struct Staged {
    temp: Temp,
    path: std::path::PathBuf,
}

/// Write `contents` to a temporary file beside `path`, mode 0600, and sync it.
pub fn stage(path: &Path, contents: &[u8]) -> io::Result<Staged> {
    let mut temp = Temp::beside(path)?;
    temp.write(contents)?;
    temp.sync()?;
    Ok(Staged {
        temp,
        path: path.to_path_buf(),
    })
}

impl Staged {
    /// Rename the file over its destination and make the rename durable.
    pub fn commit(self) -> io::Result<()> {
        let dir = parent(&self.path).to_path_buf();
        self.rename()?;
        sync_dir(&dir)
    }

    /// Rename the file over its destination; [`sync_dir`] makes it durable. (Once the rename is
    /// done the file is in place, whatever the sync says.)
    pub fn rename(self) -> io::Result<()> {
        self.temp.rename_to(&self.path)
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
    failpoint::step(path)?;
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
    failpoint::step(path)?;
    #[cfg(unix)]
    fs::File::open(path)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Rename a file (not made durable: see [`sync_dir`]).
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    failpoint::step(to)?;
    fs::rename(from, to)
}

/// Remove a file (not made durable: see [`sync_dir`]).
pub fn remove_file(path: &Path) -> io::Result<()> {
    failpoint::step(path)?;
    fs::remove_file(path)
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
