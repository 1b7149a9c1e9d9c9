//! The real binary in a real pseudo-terminal: type into it, read its screen through a terminal
//! emulator, send it signals, or close it as a window is closed. No external programs.

#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, to check no escape byte from user text reached the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Our own copies of the master's descriptor (portable-pty's writer types ^D when dropped,
    /// which would reach the program as a key). `None` once hung up.
    writer: Option<File>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to let go of its descriptor, so the pty can be hung up.
    hung_up: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    child: Box<dyn Child + Send + Sync>,
}

/// A descriptor of our own for the master side.
fn dup_master(master: &dyn MasterPty) -> File {
    let fd = master.as_raw_fd().expect("a unix pty");
    // Close-on-exec, or other tests' children would inherit it and keep the pty open.
    // SAFETY: duplicating a descriptor we hold; the new one is owned by the File alone.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    assert!(new >= 0, "dup: {}", std::io::Error::last_os_error());
    // SAFETY: `new` is a fresh descriptor nobody else owns.
    unsafe { File::from_raw_fd(new) }
}

/// Long enough for a slow, loaded machine; this guards against a hang, it measures nothing.
pub const PATIENCE: Duration = Duration::from_secs(30);

impl Session {
    pub fn start(args: &[&str], envs: &[(&str, &Path)], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_coregroup"));
        cmd.args(args);
        Session::start_command(cmd, envs, cols, rows)
    }

    /// [`Session::start`] with SIGHUP ignored, as some terminals and `nohup` leave it: closing
    /// the window then only makes the terminal fail under the program, which must still end.
    pub fn start_ignoring_hangup(
        args: &[&str],
        envs: &[(&str, &Path)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let mut cmd = CommandBuilder::new("/bin/sh");
        cmd.args(["-c", "trap '' HUP; exec \"$0\" \"$@\""]);
        cmd.arg(env!("CARGO_BIN_EXE_coregroup"));
        cmd.args(args);
        Session::start_command(cmd, envs, cols, rows)
    }

    fn start_command(
        mut cmd: CommandBuilder,
        envs: &[(&str, &Path)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("RUST_BACKTRACE");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = dup_master(&*pair.master);
        let writer = dup_master(&*pair.master);
        // vt100 0.18 takes the size as non-zero numbers.
        let size = |n: u16| std::num::NonZeroU16::new(n.max(1)).expect("at least 1");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let hung_up = Arc::new(AtomicBool::new(false));
        let (s, r, stop) = (screen.clone(), raw.clone(), hung_up.clone());
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop.load(Ordering::SeqCst) {
                // Wait briefly so a hang-up is noticed even when the program is silent.
                let mut pfd = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd for the duration of the call.
                if unsafe { libc::poll(&mut pfd, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        s.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Session {
            screen,
            raw,
            writer: Some(writer),
            master: Some(pair.master),
            hung_up,
            reader: Some(thread),
            child,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Wait until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the screen never showed {text:?}:\n{}", self.contents());
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is still open");
        writer.write_all(bytes).expect("typing works");
        writer.flush().ok();
    }

    /// Close the terminal, as when its window is closed: every master descriptor goes, so the
    /// kernel sends SIGHUP and the program's reads and writes fail. The screen stops updating.
    pub fn hang_up(&mut self) {
        self.hung_up.store(true, Ordering::SeqCst);
        if let Some(t) = self.reader.take() {
            let _ = t.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// Type text one character at a time, as a person would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mut b = [0u8; 4];
            self.send(c.encode_utf8(&mut b).as_bytes());
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child has a pid")
    }

    pub fn signal(&self, sig: i32) {
        // SAFETY: sending a signal to our own child process.
        unsafe {
            libc::kill(self.pid() as libc::pid_t, sig);
        }
    }

    /// Wait for the program to exit; returns its exit status code.
    pub fn wait_exit(&mut self) -> Option<u32> {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the program did not exit:\n{}", self.contents());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
