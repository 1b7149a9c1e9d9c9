//! What happens when things go wrong around a meeting: a panic or the terminal window closing.
//!
//! Every change is already in the journal file when it is recorded (one `write` each), so a dying
//! process loses nothing the kernel holds; what remains is to push it to the disk, give the user
//! their terminal back and tell them where their meeting is and how to resume it.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};

/// The descriptor of the open journal, so the panic hook can sync it without owning it.
static JOURNAL_FD: AtomicI32 = AtomicI32::new(-1);

/// Where the meeting's data is, for the message after a panic.
static WHEREABOUTS: Mutex<Option<Whereabouts>> = Mutex::new(None);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Whereabouts {
    pub case: PathBuf,
    pub journal: PathBuf,
    pub emergency_copy: Option<PathBuf>,
}

pub(crate) fn note_journal_fd(file: Option<&std::fs::File>) {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        JOURNAL_FD.store(file.map_or(-1, |f| f.as_raw_fd()), Ordering::SeqCst);
    }
    #[cfg(not(unix))]
    let _ = file;
}

pub(crate) fn forget_journal_fd(file: &std::fs::File) {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // Only if it is still ours: a newer journal may have registered since.
        let _ =
            JOURNAL_FD.compare_exchange(file.as_raw_fd(), -1, Ordering::SeqCst, Ordering::SeqCst);
    }
    #[cfg(not(unix))]
    let _ = file;
}

/// Record where the meeting's data is (the meeting store does this as its state changes).
pub fn set_whereabouts(whereabouts: Option<Whereabouts>) {
    // A poisoned lock only means a panic happened while it was held; the value is still usable.
    let mut slot = WHEREABOUTS.lock().unwrap_or_else(|e| e.into_inner());
    *slot = whereabouts;
}

pub fn whereabouts() -> Option<Whereabouts> {
    WHEREABOUTS.try_lock().ok().and_then(|slot| slot.clone())
}

/// The few lines printed after the meeting stopped unexpectedly: where the data is and how to
/// carry on.
pub fn resume_message(w: &Whereabouts) -> String {
    let mut text = format!(
        "Everything recorded in the meeting is saved in {}.\n",
        w.journal.display()
    );
    if let Some(copy) = &w.emergency_copy {
        text.push_str(&format!(
            "The case folder could not be written to at the end, so an emergency copy of the \
             whole meeting is in {}.\n",
            copy.display()
        ));
    }
    text.push_str(&format!(
        "To carry on, run `coregroup meeting {}` again and choose Resume.\n",
        shell_word(&w.case)
    ));
    text
}

fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Push the journal to disk from anywhere, without owning it (for the panic hook and signals).
pub fn sync_journal_now() {
    let fd = JOURNAL_FD.load(Ordering::SeqCst);
    #[cfg(unix)]
    if fd >= 0 {
        // SAFETY: fdatasync only reads the descriptor number; a stale number gives EBADF or syncs
        // some other file of ours, both harmless.
        unsafe {
            libc::fdatasync(fd);
        }
    }
    #[cfg(not(unix))]
    let _ = fd;
}

/// On a panic: sync the journal, give the terminal back (`restore` comes from the screen), and
/// print a short message instead of a stack trace. With `RUST_BACKTRACE` set the default report
/// follows, for developers.
pub fn install_panic_hook(restore: fn()) {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        sync_journal_now();
        restore();
        let mut text = String::from("\ncoregroup stopped because of an internal error");
        if let Some(loc) = info.location() {
            text.push_str(&format!(" ({}:{})", loc.file(), loc.line()));
        }
        text.push_str(".\n");
        match whereabouts() {
            Some(w) => text.push_str(&resume_message(&w)),
            None => text.push_str("No meeting was open, so nothing was lost.\n"),
        }
        // Not `eprint!`: it panics when the terminal has gone, and a panic in here aborts. The
        // paths in it are the user's: sanitised like every other output.
        let text = crate::text::sanitize_lines(&text);
        let _ = io::Write::write_all(&mut io::stderr(), text.as_bytes());
        if backtrace_wanted() {
            default_hook(info);
        }
    }));
}

fn backtrace_wanted() -> bool {
    std::env::var_os("RUST_BACKTRACE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Watch for SIGTERM and SIGHUP (the terminal window closed). The returned flag turns true when
/// one arrives; the event loop checks it on every tick and then stops cleanly: sync the journal,
/// restore the terminal, print [`resume_message`]. A second signal of the same kind ends the
/// process at once, in case the loop is stuck. SIGINT is not watched: in raw mode ctrl-c is a key
/// the screen handles.
pub fn watch_signals() -> io::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // Order matters: the shutdown check runs before the flag is set by this signal.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))?;
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_where_the_data_is_and_how_to_resume() {
        let w = Whereabouts {
            case: PathBuf::from("/cases/Case 17"),
            journal: PathBuf::from("/cases/Case 17/.coregroup/journal.jsonl"),
            emergency_copy: Some(PathBuf::from(
                "/home/x/.local/share/coregroup/emergency/a.jsonl",
            )),
        };
        let text = resume_message(&w);
        assert!(
            text.contains("/cases/Case 17/.coregroup/journal.jsonl"),
            "{text}"
        );
        assert!(text.contains("emergency/a.jsonl"), "{text}");
        assert!(
            text.contains("run `coregroup meeting '/cases/Case 17'` again and choose Resume"),
            "{text}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_signal_sets_the_stop_flag() {
        let stop = watch_signals().unwrap();
        assert!(!stop.load(Ordering::SeqCst));
        // SIGHUP is delivered to this process; the handler sets the flag instead of ending it.
        signal_hook::low_level::raise(signal_hook::consts::SIGHUP).unwrap();
        assert!(stop.load(Ordering::SeqCst));
    }
}
