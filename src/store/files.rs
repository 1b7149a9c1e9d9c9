//! The one place coregroup touches the disk: every file and folder it reads, writes, lists or
//! removes goes through a function here (a test, `tests/one_door.rs`, finds any call to the
//! file system elsewhere). So two rules hold everywhere:
//!
//! - **Confinement.** Below a case folder (one [`confine`]d: every [`super::CaseFolder`] is), no
//!   path may lead out through a link, whether the link is the file itself or a folder on the way
//!   (`meetings/`, `.coregroup/`, an `outbox/`). Such a path is refused before anything is read
//!   or written, naming the link, never what it points to.
//! - **Writes are atomic and owner-only** (a temporary file in the same folder, synced, renamed
//!   over the old one, the folder synced), because this is special-category data about children.
//!   Each temporary file is locked by the process writing it, so clearing away what a crash left
//!   ([`remove_if_abandoned`]) never takes a file another command is still writing.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::{LazyLock, RwLock};

use super::failpoint;

mod owner_only;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};

/// The largest file we will read. Real plans and records are far smaller; a bigger file is a
/// mistake or an attack, and reading it whole would cost memory for nothing.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// An I/O error that names its file, so "permission denied" says where. The kind is kept.
pub fn naming(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| {
        if link_out(&e).is_some() {
            // It names the link already.
            return e;
        }
        io::Error::new(
            e.kind(),
            format!("{} could not be written: {e}", path.display()),
        )
    }
}

/// The case folders this process works on, as absolute paths: every path below one of them is
/// checked by [`guard`].
/// Kept as the bytes of each normalised path: every file a caseload of hundreds of cases touches
/// looks its folders up here, from two threads, so the look-up is a hash of bytes under a read
/// lock rather than comparing paths part by part.
static CASE_ROOTS: LazyLock<RwLock<HashSet<OsString>>> =
    LazyLock::new(|| RwLock::new(HashSet::new()));

/// Say that `root` is a case folder: from now on every path below it that leads out of it
/// through a link is refused by every function here.
pub fn confine(root: &Path) {
    let Some(root) = absolute(root) else {
        return;
    };
    let root = root.components().collect::<PathBuf>().into_os_string();
    if CASE_ROOTS
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .contains(&root)
    {
        return;
    }
    CASE_ROOTS
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .insert(root);
}

/// `path` made absolute against the folder the program started in (it never changes folder),
/// without asking the system for it each time.
fn absolute(path: &Path) -> Option<PathBuf> {
    static START: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    if path.is_absolute() {
        return std::path::absolute(path).ok();
    }
    let start = START
        .get_or_init(|| std::env::current_dir().ok())
        .as_ref()?;
    std::path::absolute(start.join(path)).ok()
}

/// A path refused because a link on it leads out of its case folder (or nowhere). It names the
/// link, never its target.
#[derive(Debug)]
pub struct LinkOut {
    pub link: PathBuf,
}

impl std::fmt::Display for LinkOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is a link to a place outside the case folder; coregroup does not follow it",
            self.link.display()
        )
    }
}

impl std::error::Error for LinkOut {}

/// Whether an error is a [`LinkOut`] refusal, and of which link.
pub fn link_out(e: &io::Error) -> Option<&Path> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<LinkOut>())
        .map(|l| l.link.as_path())
}

/// The one path check: a path below a case folder may not pass through a link that leads out of
/// it (or nowhere), nor climb out with `..`. Paths outside every case folder (the config and
/// data folders, a file named on the command line) are not confined.
fn guard(path: &Path) -> io::Result<()> {
    let Some(full) = absolute(path) else {
        return Ok(());
    };
    let full: PathBuf = full.components().collect();
    let root = {
        let roots = CASE_ROOTS.read().unwrap_or_else(|e| e.into_inner());
        if roots.is_empty() {
            return Ok(());
        }
        // The nearest case folder holding the path.
        match full.ancestors().find(|a| roots.contains(a.as_os_str())) {
            Some(r) => r.to_path_buf(),
            None => return Ok(()),
        }
    };
    let Ok(rel) = full.strip_prefix(&root) else {
        return Ok(());
    };
    let mut at = root.clone();
    let mut canonical_root: Option<PathBuf> = None;
    for part in rel.components() {
        match part {
            Component::Normal(name) => at.push(name),
            Component::CurDir => continue,
            _ => return Err(io::Error::other(LinkOut { link: full.clone() })),
        }
        let Ok(meta) = fs::symlink_metadata(&at) else {
            // Nothing further exists: whatever is made here is made inside the folder.
            return Ok(());
        };
        if !meta.file_type().is_symlink() {
            continue;
        }
        let inside = match (&canonical_root, fs::canonicalize(&root)) {
            (Some(c), _) => fs::canonicalize(&at).is_ok_and(|t| t.starts_with(c)),
            (None, Ok(c)) => {
                let inside = fs::canonicalize(&at).is_ok_and(|t| t.starts_with(&c));
                canonical_root = Some(c);
                inside
            }
            (None, Err(_)) => false,
        };
        if !inside {
            return Err(io::Error::other(LinkOut { link: at }));
        }
    }
    Ok(())
}

/// [`guard`] for what acts on a path itself and never follows a link there (removing it,
/// renaming it, asking what it is): only the folders on the way must stay inside the case.
fn guard_parent(path: &Path) -> io::Result<()> {
    if path.file_name().is_none() {
        return guard(path);
    }
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => guard(p),
        _ => Ok(()),
    }
}

/// What is at a path, without following a link there (but through [`guard`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
    Link,
    /// A pipe, a device, a socket.
    Other,
}

fn kind_of(t: fs::FileType) -> EntryKind {
    if t.is_symlink() {
        EntryKind::Link
    } else if t.is_file() {
        EntryKind::File
    } else if t.is_dir() {
        EntryKind::Dir
    } else {
        EntryKind::Other
    }
}

/// Whether anything is at `path` (a link counts, whatever it leads to). A path refused by the
/// confinement counts as taken: whatever then reads or writes it is refused with the reason.
pub fn exists(path: &Path) -> bool {
    guard_parent(path).is_err() || fs::symlink_metadata(path).is_ok()
}

/// Whether `path` is a regular file (after links within the case).
pub fn is_file(path: &Path) -> bool {
    guard(path).is_ok() && fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Whether `path` is a folder (after links within the case).
pub fn is_dir(path: &Path) -> bool {
    guard(path).is_ok() && fs::metadata(path).is_ok_and(|m| m.is_dir())
}

/// The metadata of `path`, following links within the case.
pub fn metadata(path: &Path) -> io::Result<fs::Metadata> {
    guard(path)?;
    fs::metadata(path)
}

/// The metadata of `path` itself (a link is not followed).
pub fn symlink_metadata(path: &Path) -> io::Result<fs::Metadata> {
    guard_parent(path)?;
    fs::symlink_metadata(path)
}

/// One entry of a folder: its path, its name and what it is (a link is not followed).
#[derive(Clone, Debug)]
pub struct FolderEntry {
    pub path: PathBuf,
    pub name: std::ffi::OsString,
    pub kind: EntryKind,
}

/// The entries of a folder, in no particular order.
pub fn read_dir(dir: &Path) -> io::Result<Vec<FolderEntry>> {
    guard(dir)?;
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        let Ok(t) = e.file_type() else { continue };
        out.push(FolderEntry {
            path: e.path(),
            name: e.file_name(),
            kind: kind_of(t),
        });
    }
    Ok(out)
}

/// Open (or create, 0600) a lock file for reading and writing, never through a link.
pub fn open_lock_file(path: &Path) -> io::Result<fs::File> {
    guard(path)?;
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(path)?;
    // A lock file an older version made readable by others is made private too.
    owner_only::file(&file, path)?;
    Ok(file)
}

/// Open an existing file to append to it (the journal), making it owner-only if it was not.
pub fn open_append(path: &Path) -> io::Result<fs::File> {
    guard(path)?;
    let file = fs::OpenOptions::new().append(true).open(path)?;
    owner_only::file(&file, path)?;
    Ok(file)
}

/// Remove an empty folder.
pub fn remove_dir(path: &Path) -> io::Result<()> {
    guard(path)?;
    failpoint::step(path)?;
    fs::remove_dir(path)
}

/// Remove a folder and everything in it, never following a link inside it.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    guard(path)?;
    failpoint::step(path)?;
    fs::remove_dir_all(path)
}

/// A fresh folder for the example case of `coregroup demo`, removed when dropped.
pub fn temp_dir(prefix: &str) -> io::Result<tempfile::TempDir> {
    tempfile::Builder::new().prefix(prefix).tempdir()
}

/// A small text file outside any case (`/etc/hostname`), or `None`.
pub fn read_system_text(path: &Path) -> Option<String> {
    read_limited_to(path, 64 * 1024)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
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
        guard(dest)?;
        failpoint::step(dest)?;
        // A clean-up may take a file between its making and our lock on it: then make another.
        for _ in 0..8 {
            let mut file = tempfile::Builder::new()
                .prefix(TEMP_PREFIX)
                .tempfile_in(parent(dest))?;
            // Removed by our own `Drop`, through the failpoint.
            file.disable_cleanup(true);
            // Already 0600 on Unix; on Windows it would inherit its folder's list.
            #[cfg(windows)]
            owner_only::file(file.as_file(), file.path())?;
            if hold(file.as_file(), file.path()) {
                return Ok(Temp {
                    file,
                    claimed: false,
                });
            }
        }
        Err(io::Error::other(
            "temporary files kept being removed while they were being written",
        ))
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

impl Temp {
    /// [`Temp::link_to`], done once the link is made: a temporary name left behind is cleared
    /// by the next command on the case.
    fn link_in(mut self, dest: &Path) -> io::Result<()> {
        failpoint::step(dest)?;
        let path = self.file.path().to_path_buf();
        fs::hard_link(&path, dest)?;
        self.claimed = true;
        let _ = remove_file(&path);
        Ok(())
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

    /// [`Staged::rename`], only if nothing is there yet (`AlreadyExists` otherwise).
    pub fn rename_new(self) -> io::Result<()> {
        self.temp.link_in(&self.path)
    }
}

/// Lock a temporary file (or folder) we just made, for as long as it is open, so a clean-up in
/// another process leaves it alone; false when a clean-up took it first. A file system without
/// locks lets the file go unlocked, as before locks were used.
fn hold(file: &fs::File, path: &Path) -> bool {
    match file.try_lock() {
        Ok(()) => same_file(file, path),
        Err(fs::TryLockError::WouldBlock) => false,
        Err(fs::TryLockError::Error(_)) => same_file(file, path),
    }
}

/// Whether `path` still names the open `file` (not removed, nor replaced since).
fn same_file(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        fs::symlink_metadata(path).is_ok()
    }
}

/// A hidden temporary folder (`.stage…`, 0700) beside where a set of files will go, locked while
/// it is being filled; removed with everything in it when dropped unclaimed.
pub struct StagedDir {
    path: PathBuf,
    _lock: Option<fs::File>,
    claimed: bool,
}

/// Make a [`StagedDir`] in `parent_dir`.
pub fn stage_dir(parent_dir: &Path) -> io::Result<StagedDir> {
    guard(parent_dir)?;
    failpoint::step(parent_dir)?;
    for _ in 0..8 {
        let dir = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            // Made 0700, like every folder of ours.
            .tempdir_in(parent_dir)?;
        // Made 0700 on Unix; on Windows given its list here.
        let path = dir.keep();
        owner_only::dir(&path)?;
        match fs::File::open(&path) {
            Ok(lock) if hold(&lock, &path) => {
                return Ok(StagedDir {
                    path,
                    _lock: Some(lock),
                    claimed: false,
                });
            }
            Ok(_) => continue,
            // Folders cannot be opened to lock them here (Windows): unlocked, as before.
            Err(_) => {
                return Ok(StagedDir {
                    path,
                    _lock: None,
                    claimed: false,
                });
            }
        }
    }
    Err(io::Error::other(
        "temporary folders kept being removed while they were being filled",
    ))
}

impl StagedDir {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Put the folder in place of `dest`, which may hold an older set: the older one is moved
    /// aside and removed, so `dest` always holds one whole set or (for an instant, between two
    /// renames) none. Made durable.
    pub fn replace(mut self, dest: &Path) -> io::Result<()> {
        guard(dest)?;
        let parent_dir = parent(dest).to_path_buf();
        for e in read_dir(&self.path)? {
            if e.kind == EntryKind::File {
                failpoint::step(&e.path)?;
                sync_file(&e.path)?;
            }
        }
        sync_dir(&self.path)?;
        let old = match fs::symlink_metadata(dest) {
            Ok(_) => {
                let aside = stage_dir(&parent_dir)?;
                let aside_path = aside.path.clone();
                // The empty folder is only a unique name to move the old set to.
                fs::remove_dir(&aside_path)?;
                rename(dest, &aside_path)?;
                Some(aside)
            }
            Err(_) => None,
        };
        rename(&self.path, dest)?;
        self.claimed = true;
        sync_dir(&parent_dir)?;
        drop(old);
        Ok(())
    }
}

impl StagedDir {
    /// Move every file of the folder into `dest` (over any of the same name), each whole, then
    /// make the moves durable; the folder goes.
    pub fn move_files_into(mut self, dest: &Path) -> io::Result<Vec<PathBuf>> {
        guard(dest)?;
        let mut moved = Vec::new();
        for e in read_dir(&self.path)? {
            if e.kind != EntryKind::File {
                continue;
            }
            failpoint::step(&e.path)?;
            sync_file(&e.path)?;
            let to = dest.join(&e.name);
            rename(&e.path, &to)?;
            moved.push(to);
        }
        sync_dir(dest)?;
        remove_dir(&self.path)?;
        self.claimed = true;
        Ok(moved)
    }
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.claimed && failpoint::step(&self.path).is_ok() {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Remove a temporary file or folder a crash left (see `store::recovery`), unless the process
/// that made it is still writing it (it holds its lock). True when it went.
pub fn remove_if_abandoned(path: &Path) -> io::Result<bool> {
    guard(path)?;
    let kind = kind_of(fs::symlink_metadata(path)?.file_type());
    if !matches!(kind, EntryKind::File | EntryKind::Dir) {
        return Ok(false);
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NOFOLLOW | libc::O_NONBLOCK,
    );
    let lock = options.open(path);
    if let Ok(file) = &lock {
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Ok(false),
            Err(fs::TryLockError::Error(_)) => {}
        }
        if !same_file(file, path) {
            return Ok(false);
        }
    }
    // Removed while we hold its lock, so no writer can take it up meanwhile.
    failpoint::step(path)?;
    match kind {
        EntryKind::Dir => fs::remove_dir_all(path)?,
        _ => fs::remove_file(path)?,
    }
    drop(lock);
    Ok(true)
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
    guard(path).map_err(naming(path))?;
    if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Ok(());
    }
    create_new_dir_private(path).map_err(naming(path))
}

/// Make one folder, mode 0700, without making its parents (there must be one to make it in).
pub fn create_one_dir_private(path: &Path) -> io::Result<()> {
    guard(path)?;
    private_dir_builder().create(path)?;
    owner_only::dir(path)
}

fn create_new_dir_private(path: &Path) -> io::Result<()> {
    failpoint::step(path)?;
    // The folders about to be made, outermost first: each is made owner-only.
    let mut missing: Vec<&Path> = path
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && fs::symlink_metadata(p).is_err())
        .collect();
    missing.reverse();
    private_dir_builder().recursive(true).create(path)?;
    #[cfg(unix)]
    fs::set_permissions(path, fs::Permissions::from_mode(0o700))?;
    for dir in missing {
        owner_only::dir(dir)?;
    }
    Ok(())
}

/// Folders are made 0700 on Unix; on Windows [`owner_only::dir`] sets their list once made.
fn private_dir_builder() -> fs::DirBuilder {
    #[cfg(unix)]
    {
        let mut builder = fs::DirBuilder::new();
        builder.mode(0o700);
        builder
    }
    #[cfg(not(unix))]
    fs::DirBuilder::new()
}

/// Put a file we wrote on the disk. Windows flushes only through a handle open for writing.
fn sync_file(path: &Path) -> io::Result<()> {
    #[cfg(windows)]
    let file = fs::OpenOptions::new().write(true).open(path)?;
    #[cfg(not(windows))]
    let file = fs::File::open(path)?;
    file.sync_all()
}

/// Make a folder's entries (a new, renamed or removed file) durable: without this a crash can
/// forget a rename that `rename` already reported as done.
pub fn sync_dir(path: &Path) -> io::Result<()> {
    guard(path)?;
    failpoint::step(path)?;
    #[cfg(unix)]
    fs::File::open(path)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Rename a file (not made durable: see [`sync_dir`]).
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    guard_parent(from)?;
    guard_parent(to)?;
    failpoint::step(to)?;
    fs::rename(from, to)
}

/// Remove a file (not made durable: see [`sync_dir`]).
pub fn remove_file(path: &Path) -> io::Result<()> {
    guard_parent(path)?;
    failpoint::step(path)?;
    fs::remove_file(path)
}

/// Read a whole file, refusing one larger than [`MAX_FILE_BYTES`] before reading it.
pub fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    read_limited_to(path, MAX_FILE_BYTES)
}

/// Read a whole file, refusing one larger than `max` bytes before reading it.
pub fn read_limited_to(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    guard(path)?;
    reads::count(path);
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
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::other(
            "the file grew past the size limit while being read",
        ));
    }
    Ok(bytes)
}

/// How often each file was read whole, so a test can show that a command reads a file once.
/// Release builds keep no count.
pub mod reads {
    use std::path::Path;

    #[cfg(debug_assertions)]
    static READS: std::sync::Mutex<std::collections::BTreeMap<std::path::PathBuf, usize>> =
        std::sync::Mutex::new(std::collections::BTreeMap::new());

    pub(super) fn count(path: &Path) {
        #[cfg(debug_assertions)]
        {
            let mut reads = READS.lock().unwrap_or_else(|e| e.into_inner());
            *reads.entry(path.to_path_buf()).or_default() += 1;
        }
        #[cfg(not(debug_assertions))]
        let _ = path;
    }

    /// Debug builds: how many times `path` (as it was given to be read) has been read whole
    /// by this process.
    #[cfg(debug_assertions)]
    pub fn of(path: &Path) -> usize {
        let reads = READS.lock().unwrap_or_else(|e| e.into_inner());
        reads.get(path).copied().unwrap_or(0)
    }
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
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn folders_are_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b");
        create_dir_private(&path).unwrap();
        #[cfg(unix)]
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
