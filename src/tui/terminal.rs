//! The real terminal and the one loop every screen runs in: raw mode, the alternate screen and
//! bracketed paste, input read only when there is some (a closed window ends the loop instead of
//! spinning), a tick at least every [`TICK`], paste, resize and drawing. A screen is anything
//! that implements [`Screen`]; a screen may open another over itself (the caseload opens a
//! case), and the loop runs the one on top until it closes, then the one below again.
//!
//! The terminal is restored on every way out, including errors and panics (the guard's `Drop`).

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEvent, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{Frame, Terminal};

/// The journal must be flushed at least this often while typing.
pub const TICK: Duration = Duration::from_millis(250);

/// Bounds the work between two drawings when input floods in.
const MAX_EVENTS_PER_DRAW: usize = 256;

/// What a screen does after an event.
pub enum Next {
    Stay,
    /// Show another screen over this one until it closes.
    Open(Box<dyn Screen>),
    /// This screen is done: the one below shows again (or, for the first, the loop ends).
    Close,
}

/// A full screen: how it draws and what it does with each key, paste and tick. Effects (writing
/// to the disk) are the screen's own business, carried out before it answers.
pub trait Screen {
    fn draw(&self, frame: &mut Frame);
    fn key(&mut self, key: KeyEvent) -> Next;
    fn paste(&mut self, _text: String) -> Next {
        Next::Stay
    }
    /// Called at least every [`TICK`], with the time since the loop began.
    fn tick(&mut self, _running: Duration) -> Next {
        Next::Stay
    }
    /// The screen is ended from outside: its window was closed, a signal came, or the terminal
    /// failed. Keep what was typed.
    fn stop(&mut self, _running: Duration) {}
}

/// How the loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// The first screen closed.
    Closed,
    /// Its window was closed or `stop` turned true; every open screen was stopped.
    Stopped,
}

/// Run `first` full screen until it closes, its window is closed, or `stop` turns true (SIGTERM,
/// SIGHUP). On an error of the terminal every open screen is stopped first.
pub fn run(first: &mut dyn Screen, stop: Option<&AtomicBool>) -> io::Result<Ended> {
    full_screen(|terminal| {
        let started = Instant::now();
        let mut stack = Stack {
            first,
            over: Vec::new(),
        };
        let ended = run_on(terminal, &mut stack, stop, started);
        if ended.as_ref().is_err() {
            stack.stop_all(started.elapsed());
        }
        ended
    })?
}

/// The first screen and those opened over it, top last.
struct Stack<'s> {
    first: &'s mut dyn Screen,
    over: Vec<Box<dyn Screen>>,
}

impl Stack<'_> {
    fn top(&mut self) -> &mut dyn Screen {
        match self.over.last_mut() {
            Some(s) => &mut **s,
            None => &mut *self.first,
        }
    }

    fn top_ref(&self) -> &dyn Screen {
        match self.over.last() {
            Some(s) => &**s,
            None => &*self.first,
        }
    }

    /// Act on what the top screen said; `true` when the first screen closed.
    fn follow(&mut self, next: Next, terminal: &mut FullScreen) -> io::Result<bool> {
        match next {
            Next::Stay => Ok(false),
            Next::Open(s) => {
                self.over.push(s);
                Ok(false)
            }
            Next::Close => {
                if self.over.pop().is_none() {
                    return Ok(true);
                }
                // Nothing of the closed screen may stay on the one below.
                terminal.clear()?;
                Ok(false)
            }
        }
    }

    fn stop_all(&mut self, running: Duration) {
        while let Some(mut s) = self.over.pop() {
            s.stop(running);
        }
        self.first.stop(running);
    }
}

fn run_on(
    terminal: &mut FullScreen,
    stack: &mut Stack<'_>,
    stop: Option<&AtomicBool>,
    started: Instant,
) -> io::Result<Ended> {
    let mut last_tick = Instant::now();
    loop {
        if stop.is_some_and(|s| s.load(Ordering::SeqCst)) {
            stack.stop_all(started.elapsed());
            return Ok(Ended::Stopped);
        }
        terminal.draw(|f| stack.top_ref().draw(f))?;
        let wait = TICK.saturating_sub(last_tick.elapsed());
        let ready = match wait_for_input(wait) {
            Input::HungUp => {
                stack.stop_all(started.elapsed());
                return Ok(Ended::Stopped);
            }
            Input::Nothing => false,
            // Bytes that make no event (an unknown sequence) must not block the loop.
            Input::Ready => event::poll(Duration::ZERO)?,
            Input::Unchecked => event::poll(wait)?,
        };
        // Everything already typed, not one event per drawing: crossterm may hold several
        // events from one read, and they must not wait for the next key to show. Each is
        // handled before the next is read, since what a key means depends on the focus.
        let mut more = ready;
        let mut handled = 0;
        while more && handled < MAX_EVENTS_PER_DRAW {
            handled += 1;
            let next = match event::read()? {
                // Windows reports releases too; a key counts once.
                Event::Key(key) if key.kind != KeyEventKind::Release => stack.top().key(key),
                Event::Paste(text) => stack.top().paste(text),
                // A resize is drawn at the next turn.
                _ => Next::Stay,
            };
            if stack.follow(next, terminal)? {
                return Ok(Ended::Closed);
            }
            more = event::poll(Duration::ZERO)?;
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            let next = stack.top().tick(started.elapsed());
            if stack.follow(next, terminal)? {
                return Ok(Ended::Closed);
            }
        }
    }
}

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Put the terminal back as it was; safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// The terminal of a full screen, as [`full_screen`] hands it over.
pub type FullScreen = Terminal<CrosstermBackend<io::Stdout>>;

/// Take the terminal over for a full screen, run `f` on it, and give it back however `f` ends
/// (errors and panics included).
pub fn full_screen<T>(f: impl FnOnce(&mut FullScreen) -> T) -> io::Result<T> {
    enable_raw_mode()?;
    let guard = Guard;
    // Cleared by hand: `Terminal::clear` first asks the terminal where its cursor is, and a
    // terminal that never answers (a pseudo-terminal, a slow link) would stop the screen opening.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let out = f(&mut terminal);
    if terminal.show_cursor().is_err() {
        // The terminal has gone (its window was closed). ratatui's `Drop` would try again and
        // report the failure with `eprintln!`, which panics with no terminal to print to.
        std::mem::forget(terminal);
    }
    drop(guard);
    Ok(out)
}

enum Input {
    // Only a Unix terminal is asked before crossterm reads it.
    #[cfg_attr(not(unix), allow(dead_code))]
    Ready,
    #[cfg_attr(not(unix), allow(dead_code))]
    Nothing,
    /// The terminal is gone: its window was closed.
    #[cfg_attr(not(unix), allow(dead_code))]
    HungUp,
    /// Not known here (the input is not standard input); crossterm waits.
    Unchecked,
}

/// Wait for input ourselves before crossterm reads it: crossterm 0.29 spins for ever reading a
/// terminal that has hung up (it takes a read of 0 bytes as "nothing yet"), so a screen would
/// never save its last words nor let go of the case after its window was closed.
fn wait_for_input(wait: Duration) -> Input {
    #[cfg(unix)]
    {
        use std::io::IsTerminal;
        // crossterm reads standard input when it is the terminal, else /dev/tty.
        if io::stdin().is_terminal() {
            let mut fd = libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = libc::c_int::try_from(wait.as_millis()).unwrap_or(libc::c_int::MAX);
            // SAFETY: one valid pollfd, alive for the duration of the call.
            let n = unsafe { libc::poll(&mut fd, 1, ms) };
            let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
            return match n {
                n if n > 0 && fd.revents & gone != 0 => Input::HungUp,
                n if n > 0 => Input::Ready,
                // A timeout, or a signal (EINTR): the loop looks at the stop flag next.
                _ => Input::Nothing,
            };
        }
    }
    #[cfg(not(unix))]
    let _ = wait;
    Input::Unchecked
}
