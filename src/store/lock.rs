//! One editor per case: an advisory lock on `<case>/.coregroup/lock`, taken with the kernel's
//! file lock (`flock`), so it is released by the kernel the moment its holder ends, however it
//! ends. Two people editing the same meeting would each overwrite the other's minutes, so a
//! second `coregroup` is refused and told who holds the case.
//!
//! The file's contents (process id, host, program, since when) only tell the user who has the
//! case; whether it is held is the kernel's answer alone, so a reused process id never blocks a
//! case and there is no take-over to race. The file is emptied on release, never removed (a
//! process waiting on the old file could otherwise lock a file nobody else looks at).
//!
//! A file lock on a shared drive may not be visible from another computer, so a free lock whose
//! file names another host is refused, naming that host, unless the user asks to take it over
//! (`coregroup meeting DIR --take-over`).

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local};
use serde::{Deserialize, Serialize};

use super::case::CaseFolder;
use super::files::create_dir_private;

pub const LOCK_FILE: &str = "lock";
/// A lock file is a few dozen bytes; anything bigger is not ours.
const MAX_LOCK_BYTES: u64 = 64 * 1024;

/// Who holds a case, as its lock file tells the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    /// The program and its version (absent in lock files of older versions).
    #[serde(default)]
    pub program: String,
    pub since: DateTime<FixedOffset>,
}

impl Holder {
    fn me() -> Holder {
        Holder {
            pid: std::process::id(),
            host: host_name(),
            program: format!("coregroup {}", env!("CARGO_PKG_VERSION")),
            since: Local::now().fixed_offset(),
        }
    }

    /// "process 4242 on laptop-7, since 10:31 today", for a message.
    fn describe(&self) -> String {
        format!(
            "process {} on {}, since {}",
            self.pid,
            super::yaml::printable(&self.host),
            describe_time(&self.since, Local::now().fixed_offset())
        )
    }
}

/// Holds the case until dropped (or until the process ends, whatever way it ends).
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: File,
    holder: Holder,
}

#[derive(Debug)]
pub enum LockError {
    /// Another coregroup has the case open (the kernel says so). `holder` is what its lock file
    /// says, when it has said it yet.
    Held {
        holder: Option<Holder>,
        path: PathBuf,
    },
    /// The lock is free here, but its file names a coregroup on another computer, which may
    /// hold the case through a shared drive that does not pass file locks on.
    OtherHost {
        holder: Holder,
        case: PathBuf,
    },
    /// The lock is free but its file holds something that is not a lock.
    Unreadable {
        path: PathBuf,
        case: PathBuf,
        reason: HolderError,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

/// How to take over a lock from the command line, for hints.
fn take_over_hint(case: &Path) -> String {
    format!("coregroup meeting {} --take-over", case.display())
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Held {
                holder: Some(h), ..
            } => write!(
                f,
                "this case is open in another coregroup ({}); close it there first",
                h.describe()
            ),
            LockError::Held { holder: None, .. } => write!(
                f,
                "this case is open in another coregroup, which is just starting; close it there \
                 first"
            ),
            LockError::OtherHost { holder, case } => write!(
                f,
                "this case may be open in coregroup on another computer ({}): a case on a \
                 shared drive can be locked there without this computer seeing it\n  hint: if \
                 it is closed there, or {} is gone for good, run `{}`",
                holder.describe(),
                super::yaml::printable(&holder.host),
                take_over_hint(case)
            ),
            LockError::Unreadable { path, case, reason } => write!(
                f,
                "the case's lock file {} does not say who holds the case ({})\n  hint: no \
                 coregroup on this computer holds it; if none elsewhere does, run `{}`",
                path.display(),
                super::yaml::printable(&reason.to_string()),
                take_over_hint(case)
            ),
            LockError::Io { path, error } => write!(
                f,
                "cannot lock the case ({}: {error})\n  hint: check that the case folder exists \
                 and that you may write to it",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LockError {}

impl Lock {
    /// Take the case. On success, a notice when the lock file named a holder that had ended.
    pub fn acquire(case: &CaseFolder) -> Result<(Lock, Option<String>), LockError> {
        Lock::take(case, false)
    }

    /// Take the case even when its lock file names a coregroup on another computer (the user
    /// says it is closed there). A lock held on this computer, or visibly held from another,
    /// is still refused.
    pub fn take_over(case: &CaseFolder) -> Result<(Lock, Option<String>), LockError> {
        Lock::take(case, true)
    }

    fn take(case: &CaseFolder, take_over: bool) -> Result<(Lock, Option<String>), LockError> {
        let dir = case.state_dir();
        let path = dir.join(LOCK_FILE);
        let io_err = |error| LockError::Io {
            path: path.clone(),
            error,
        };
        create_dir_private(&dir).map_err(io_err)?;
        let me = Holder::me();
        let mut attempts = 0;
        let mut file = loop {
            attempts += 1;
            let mut file = open(&path).map_err(io_err)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let holder = read_holder(&mut file).ok().flatten();
                    return Err(LockError::Held { holder, path });
                }
                Err(fs::TryLockError::Error(e)) => return Err(io_err(e)),
            }
            // Locked, but the name may have been given to another file since we opened it (the
            // file deleted by hand): that lock guards nothing. Try the file now there.
            if is_same_file(&file, &path) {
                break file;
            }
            if attempts >= 3 {
                return Err(io_err(io::Error::other(
                    "the lock file keeps being replaced",
                )));
            }
        };
        let notice = match read_holder(&mut file) {
            Ok(None) => None,
            Ok(Some(old)) if old.host != me.host && !take_over => {
                return Err(LockError::OtherHost {
                    holder: old,
                    case: case.root().to_path_buf(),
                });
            }
            Ok(Some(old)) if old.host != me.host => Some(format!(
                "took over the lock of {}, as asked",
                old.describe()
            )),
            Ok(Some(old)) => Some(format!(
                "took over the lock left by {}, which is no longer running",
                old.describe()
            )),
            Err(reason) if !take_over => {
                return Err(LockError::Unreadable {
                    path,
                    case: case.root().to_path_buf(),
                    reason,
                });
            }
            Err(_) => Some("took over a lock file that did not say who held the case".into()),
        };
        let line = serde_json::to_string(&me).map_err(|e| io_err(io::Error::other(e)))?;
        write_holder(&mut file, line.as_bytes()).map_err(io_err)?;
        let lock = Lock {
            path,
            file,
            holder: me,
        };
        Ok((lock, notice))
    }

    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the lock file's name still names the file this lock holds. Deleted or replaced
    /// by hand, it no longer keeps another coregroup off the case.
    pub fn still_named(&self) -> bool {
        is_same_file(&self.file, &self.path)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Empty, not removed; the kernel releases the lock when the file closes.
        let _ = self.file.set_len(0);
    }
}

/// Open (or create, 0600) the lock file, never through a link.
fn open(path: &Path) -> io::Result<File> {
    super::files::open_lock_file(path)
}

fn is_same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), super::files::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Why a lock file could not be read as saying who holds the case.
#[derive(Debug, thiserror::Error)]
pub enum HolderError {
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("it is far too big to be a lock")]
    TooBig,
    #[error(transparent)]
    NotALock(#[from] serde_json::Error),
}

/// What the lock file says: nobody (empty), a holder, or why it cannot be read as one.
fn read_holder(file: &mut File) -> Result<Option<Holder>, HolderError> {
    file.rewind()?;
    let mut bytes = Vec::new();
    file.take(MAX_LOCK_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_LOCK_BYTES {
        return Err(HolderError::TooBig);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    Ok(Some(serde_json::from_slice(&bytes)?))
}

/// Replace the file's contents with ours (we hold the lock, so nobody else writes it).
fn write_holder(file: &mut File, line: &[u8]) -> io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(line)?;
    // Owner-only already: `files::open_lock_file` makes it so.
    file.sync_data()
}

/// This machine's name: `gethostname` (on Windows the `COMPUTERNAME` it sets for every
/// process), else `/etc/hostname`, else "this computer".
pub fn host_name() -> String {
    #[cfg(windows)]
    if let Some(name) = std::env::var_os("COMPUTERNAME") {
        let name = name.to_string_lossy().trim().to_string();
        if !name.is_empty() {
            return name;
        }
    }
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; the name is NUL-terminated within it, and
        // we stop at the buffer's end if it is not.
        let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if r == 0 {
            let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).trim().to_string();
            if !name.is_empty() {
                return name;
            }
        }
    }
    super::files::read_system_text(Path::new("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this computer".to_string())
}

/// "10:31 today", "10:31 yesterday", or "10:31 on 24 Nov 2026".
fn describe_time(t: &DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    let local = t.with_timezone(&now.timezone());
    let clock = local.format("%H:%M");
    let days = (now.date_naive() - local.date_naive()).num_days();
    match days {
        0 => format!("{clock} today"),
        1 => format!("{clock} yesterday"),
        _ => format!("{clock} on {}", local.format("%-d %b %Y")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> (tempfile::TempDir, CaseFolder) {
        let dir = tempfile::tempdir().unwrap();
        let case = CaseFolder::at(dir.path());
        (dir, case)
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn write_lock(case: &CaseFolder, holder: &Holder) {
        create_dir_private(&case.state_dir()).unwrap();
        fs::write(
            case.state_dir().join(LOCK_FILE),
            serde_json::to_string(holder).unwrap(),
        )
        .unwrap();
    }

    #[test]
    fn a_second_editor_is_refused_with_the_holder_named() {
        let (_dir, case) = case();
        let (lock, notice) = Lock::acquire(&case).unwrap();
        assert!(notice.is_none());
        #[cfg(unix)]
        {
            assert_eq!(mode(lock.path()), 0o600);
            assert_eq!(mode(&case.state_dir()), 0o700);
        }
        let err = Lock::acquire(&case).unwrap_err();
        let LockError::Held {
            holder: Some(holder),
            ..
        } = &err
        else {
            panic!("expected Held, got {err:?}");
        };
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.host, host_name());
        assert!(holder.program.starts_with("coregroup "));
        let text = err.to_string();
        assert!(
            text.contains(&format!(
                "process {} on {}",
                std::process::id(),
                host_name()
            )),
            "{text}"
        );
        assert!(text.contains("today); close it there first"), "{text}");
        // Asking to take over does not take a lock that is held.
        assert!(matches!(
            Lock::take_over(&case),
            Err(LockError::Held { .. })
        ));
        drop(lock);
        // Released: the file stays, saying nobody holds the case.
        assert_eq!(fs::read(case.state_dir().join(LOCK_FILE)).unwrap(), b"");
        let (_lock, notice) = Lock::acquire(&case).unwrap();
        assert!(notice.is_none());
    }

    /// Today a live process that happens to have the old holder's id (any process, here this
    /// one's parent) must not block the case: only the kernel's lock counts.
    #[cfg(unix)]
    #[test]
    fn a_lock_file_naming_a_live_unrelated_process_does_not_block() {
        let (_dir, case) = case();
        let unrelated = std::os::unix::process::parent_id();
        write_lock(
            &case,
            &Holder {
                pid: unrelated,
                host: host_name(),
                program: String::new(),
                since: Local::now().fixed_offset(),
            },
        );
        let (lock, notice) = Lock::acquire(&case).unwrap();
        let notice = notice.expect("a notice");
        assert!(notice.contains(&format!("process {unrelated}")), "{notice}");
        assert!(notice.contains("no longer running"), "{notice}");
        assert_eq!(lock.holder().pid, std::process::id());
        assert_eq!(mode(lock.path()), 0o600);
    }

    #[test]
    fn a_lock_from_another_machine_is_never_taken_over_silently() {
        let (_dir, case) = case();
        let far = Holder {
            pid: 4242,
            host: "laptop-7-elsewhere".into(),
            program: "coregroup 0.1.0".into(),
            since: Local::now().fixed_offset(),
        };
        write_lock(&case, &far);
        let err = Lock::acquire(&case).unwrap_err();
        assert!(matches!(err, LockError::OtherHost { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains("process 4242 on laptop-7-elsewhere"),
            "{text}"
        );
        assert!(text.contains("--take-over"), "{text}");
        // Still there, still naming the other computer.
        let kept: Holder =
            serde_json::from_slice(&fs::read(case.state_dir().join(LOCK_FILE)).unwrap()).unwrap();
        assert_eq!(kept, far);

        let (lock, notice) = Lock::take_over(&case).unwrap();
        let notice = notice.expect("a notice");
        assert!(notice.contains("laptop-7-elsewhere"), "{notice}");
        assert!(notice.contains("as asked"), "{notice}");
        assert_eq!(lock.holder().host, host_name());
    }

    #[test]
    fn a_damaged_lock_is_reported_not_ignored() {
        let (_dir, case) = case();
        create_dir_private(&case.state_dir()).unwrap();
        fs::write(case.state_dir().join(LOCK_FILE), "\u{1b}]0;pwned\u{7}").unwrap();
        let err = Lock::acquire(&case).unwrap_err();
        assert!(matches!(err, LockError::Unreadable { .. }), "{err:?}");
        assert!(err.to_string().contains("--take-over"));
        assert!(!err.to_string().contains('\u{1b}'));
        Lock::take_over(&case).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_the_lock_is_not_followed() {
        let (_dir, case) = case();
        let elsewhere = tempfile::tempdir().unwrap();
        let target = elsewhere.path().join("target");
        fs::write(&target, "untouched").unwrap();
        create_dir_private(&case.state_dir()).unwrap();
        std::os::unix::fs::symlink(&target, case.state_dir().join(LOCK_FILE)).unwrap();
        assert!(matches!(Lock::acquire(&case), Err(LockError::Io { .. })));
        assert_eq!(fs::read_to_string(&target).unwrap(), "untouched");
    }

    #[test]
    fn times_are_described_relative_to_today() {
        let now = DateTime::parse_from_rfc3339("2026-11-24T15:00:00+00:00").unwrap();
        let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
        assert_eq!(
            describe_time(&t("2026-11-24T10:31:00+00:00"), now),
            "10:31 today"
        );
        assert_eq!(
            describe_time(&t("2026-11-23T10:31:00+00:00"), now),
            "10:31 yesterday"
        );
        assert_eq!(
            describe_time(&t("2026-11-02T09:05:00+00:00"), now),
            "09:05 on 2 Nov 2026"
        );
    }
}
