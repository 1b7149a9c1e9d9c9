//! One editor per case: `<case>/.coregroup/lock` names the process holding the case (process id,
//! host name, since when). Two people editing the same meeting would each overwrite the other's
//! minutes, so a second `coregroup meeting` is refused and told who holds the case. A lock left
//! by a process that died on this machine is taken over, saying so; one from another machine
//! never is, since we cannot see whether that process still runs.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local};
use serde::{Deserialize, Serialize};

use super::case::CaseFolder;
use super::files::{create_dir_private, read_limited_to, sync_dir};

pub const LOCK_FILE: &str = "lock";
/// A lock file is a few dozen bytes; anything bigger is not ours.
const MAX_LOCK_BYTES: u64 = 64 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: DateTime<FixedOffset>,
}

/// Holds the case until dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    holder: Holder,
}

#[derive(Debug)]
pub enum LockError {
    /// Another coregroup has the case open.
    Held {
        pid: u32,
        host: String,
        since: DateTime<FixedOffset>,
        /// Whether the holder runs on another machine (then it is never taken over).
        other_host: bool,
        path: PathBuf,
    },
    /// A lock file is there but cannot be read as one.
    Unreadable {
        path: PathBuf,
        reason: String,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Held {
                pid,
                host,
                since,
                other_host,
                path,
            } => {
                // The host name comes from a file anyone could have written.
                let host = super::yaml::printable(host);
                write!(
                    f,
                    "this case is open in another coregroup (process {pid} on {host}, since {}); \
                     close it there first",
                    describe_time(since, Local::now().fixed_offset())
                )?;
                if *other_host {
                    write!(
                        f,
                        "\n  hint: if {host} is gone for good (switched off, lost), delete {} and \
                         try again",
                        path.display()
                    )?;
                }
                Ok(())
            }
            LockError::Unreadable { path, reason } => write!(
                f,
                "the case's lock file {} cannot be read ({})\n  hint: if no coregroup is \
                 running on this case, delete the file and try again",
                path.display(),
                super::yaml::printable(reason)
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
    /// Take the case. On success, a notice when a stale lock was taken over.
    pub fn acquire(case: &CaseFolder) -> Result<(Lock, Option<String>), LockError> {
        let dir = case.state_dir();
        let path = dir.join(LOCK_FILE);
        let io_err = |error| LockError::Io {
            path: path.clone(),
            error,
        };
        create_dir_private(&dir).map_err(io_err)?;
        let me = Holder {
            pid: std::process::id(),
            host: host_name(),
            since: Local::now().fixed_offset(),
        };
        let line = serde_json::to_string(&me).map_err(|e| io_err(io::Error::other(e)))?;

        // Two rounds: the second follows removing a stale lock.
        let mut notice = None;
        for _ in 0..2 {
            match write_new(&path, line.as_bytes()) {
                Ok(()) => {
                    let lock = Lock {
                        path: path.clone(),
                        holder: me,
                    };
                    return Ok((lock, notice));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_err(e)),
            }
            let old = read_holder(&path)?;
            let same_host = old.host == me.host;
            if !same_host || is_alive(old.pid) {
                return Err(LockError::Held {
                    pid: old.pid,
                    host: old.host,
                    since: old.since,
                    other_host: !same_host,
                    path,
                });
            }
            fs::remove_file(&path).map_err(io_err)?;
            notice = Some(format!(
                "took over the lock left by process {} on {} (since {}), which is no longer \
                 running",
                old.pid,
                old.host,
                describe_time(&old.since, Local::now().fixed_offset())
            ));
        }
        // Someone else took the case between our removing the stale lock and writing ours.
        let old = read_holder(&path)?;
        Err(LockError::Held {
            other_host: old.host != me.host,
            pid: old.pid,
            host: old.host,
            since: old.since,
            path,
        })
    }

    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only remove the file while it still names us: never someone else's lock.
        if read_holder(&self.path).is_ok_and(|h| h == self.holder) {
            let _ = fs::remove_file(&self.path);
            if let Some(dir) = self.path.parent() {
                let _ = sync_dir(dir);
            }
        }
    }
}

/// Create the lock file with its contents in one step: written to a temporary file, then linked
/// into place only if no lock exists, so nobody ever reads a half-written lock.
fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".lock-").tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

fn read_holder(path: &Path) -> Result<Holder, LockError> {
    let unreadable = |reason: String| LockError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = read_limited_to(path, MAX_LOCK_BYTES).map_err(|e| unreadable(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| unreadable(e.to_string()))
}

/// Whether a process with this id runs on this machine. Only a definite "no such process" counts
/// as dead; not being allowed to signal it means it exists.
pub fn is_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: signal 0 checks the process exists and sends nothing.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// This machine's name: `gethostname`, else `/etc/hostname`, else "this computer".
pub fn host_name() -> String {
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
    fs::read_to_string("/etc/hostname")
        .ok()
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
        let LockError::Held { pid, host, .. } = &err else {
            panic!("expected Held, got {err:?}");
        };
        assert_eq!(*pid, std::process::id());
        assert_eq!(host, &host_name());
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
        drop(lock);
        assert!(!case.state_dir().join(LOCK_FILE).exists());
        Lock::acquire(&case).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_left_by_a_dead_process_is_taken_over_with_a_notice() {
        let (_dir, case) = case();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        create_dir_private(&case.state_dir()).unwrap();
        let stale = Holder {
            pid: dead,
            host: host_name(),
            since: Local::now().fixed_offset(),
        };
        fs::write(
            case.state_dir().join(LOCK_FILE),
            serde_json::to_string(&stale).unwrap(),
        )
        .unwrap();
        let (lock, notice) = Lock::acquire(&case).unwrap();
        let notice = notice.expect("a notice");
        assert!(notice.contains(&format!("process {dead}")), "{notice}");
        assert!(notice.contains("no longer running"), "{notice}");
        assert_eq!(lock.holder().pid, std::process::id());
        assert_eq!(mode(lock.path()), 0o600);
    }

    #[test]
    fn a_lock_from_another_machine_is_never_taken_over() {
        let (_dir, case) = case();
        create_dir_private(&case.state_dir()).unwrap();
        let far = Holder {
            pid: 4242,
            host: "laptop-7-elsewhere".into(),
            since: Local::now().fixed_offset(),
        };
        fs::write(
            case.state_dir().join(LOCK_FILE),
            serde_json::to_string(&far).unwrap(),
        )
        .unwrap();
        let err = Lock::acquire(&case).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("process 4242 on laptop-7-elsewhere"),
            "{text}"
        );
        assert!(text.contains("is gone for good"), "{text}");
        assert!(case.state_dir().join(LOCK_FILE).exists());
    }

    #[test]
    fn a_damaged_lock_is_reported_not_ignored() {
        let (_dir, case) = case();
        create_dir_private(&case.state_dir()).unwrap();
        fs::write(case.state_dir().join(LOCK_FILE), "\u{1b}]0;pwned\u{7}").unwrap();
        let err = Lock::acquire(&case).unwrap_err();
        assert!(matches!(err, LockError::Unreadable { .. }), "{err:?}");
        assert!(err.to_string().contains("delete the file"));
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
