//! Everything the commands print goes out here, to standard output or standard error:
//!
//! - every byte passes through the sanitiser (`text::sanitize_lines`), so no name, note, file
//!   name or error quoting a file can move the cursor, recolour or retitle the terminal, return
//!   the carriage over a line or reverse it; the line breaks are the program's own;
//! - a reader that has gone (`coregroup caseload | head`) is not an error: what is left to print
//!   is dropped, quietly, and the command ends as it would have.
//!
//! Machine-readable output (YAML, JSON) escapes such characters itself first (see
//! `store::yaml::to_terminal_string`, `text::json_for_terminal`), so it stays valid and keeps
//! every character.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a stream's reader has gone; nothing more is written to it.
static STDOUT_GONE: AtomicBool = AtomicBool::new(false);
static STDERR_GONE: AtomicBool = AtomicBool::new(false);

/// Print `text` on standard output as it is (its own line breaks).
pub fn print(text: &str) {
    write(&mut io::stdout().lock(), &STDOUT_GONE, text);
}

/// Print `text` and a line break on standard output.
pub fn line(text: &str) {
    print(&format!("{text}\n"));
}

/// Print `text` and a line break on standard error.
pub fn eline(text: &str) {
    write(&mut io::stderr().lock(), &STDERR_GONE, &format!("{text}\n"));
}

fn write(out: &mut dyn Write, gone: &AtomicBool, text: &str) {
    if gone.load(Ordering::Relaxed) {
        return;
    }
    let safe = crate::text::sanitize_lines(text);
    if let Err(e) = out.write_all(safe.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe or a terminal that went: nobody is reading, so nothing more is said.
        let _ = e;
        gone.store(true, Ordering::Relaxed);
    }
}

/// Whether standard output is a terminal (the screens need one).
pub fn stdout_is_terminal() -> bool {
    io::IsTerminal::is_terminal(&io::stdout())
}

/// Whether standard input is a terminal.
pub fn stdin_is_terminal() -> bool {
    io::IsTerminal::is_terminal(&io::stdin())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose reader has gone after `room` bytes.
    struct ClosingPipe {
        room: usize,
        got: Vec<u8>,
    }

    impl Write for ClosingPipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.got.len() >= self.room {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            let n = buf.len().min(self.room - self.got.len());
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_reader_that_has_gone_ends_the_output_quietly() {
        let gone = AtomicBool::new(false);
        let mut out = ClosingPipe {
            room: 4,
            got: Vec::new(),
        };
        write(&mut out, &gone, "one\ntwo\n");
        assert!(gone.load(Ordering::Relaxed));
        write(&mut out, &gone, "three\n");
        assert_eq!(out.got, b"one\n");
    }

    #[test]
    fn what_is_printed_is_sanitised() {
        let gone = AtomicBool::new(false);
        let mut out = ClosingPipe {
            room: 1000,
            got: Vec::new(),
        };
        write(&mut out, &gone, "a\u{1b}[2J\r\u{202e}\u{9b}b\n");
        assert_eq!(String::from_utf8(out.got).unwrap(), "a␛[2J␍��b\n");
    }
}
