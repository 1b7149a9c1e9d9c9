//! The real terminal: raw mode, the alternate screen and bracketed paste, an event loop that
//! ticks at least every 250 ms, and the effects carried out through [`Persist`]. The terminal is
//! restored on every way out, including errors and panics (the guard's `Drop`).

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::app::Model;
use super::message::{Effect, Message, RunOutcome, SaveReport};
use super::persist::Persist;
use super::update::{message_for_key, update};
use super::view::view;
use crate::domain::meeting::Change;

/// The journal must be flushed at least this often while typing (issue 5).
pub const TICK: Duration = Duration::from_millis(250);

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

/// Runs the meeting screen until the chair leaves or closes the meeting.
pub fn run(model: Model, persist: &mut dyn Persist) -> io::Result<RunOutcome> {
    run_until(model, persist, None)
}

/// [`run`], also stopping cleanly when `stop` turns true (SIGTERM/SIGHUP, from
/// `store::safety::watch_signals`): what was typed is recorded and synced first.
pub fn run_until(
    mut model: Model,
    persist: &mut dyn Persist,
    stop: Option<&AtomicBool>,
) -> io::Result<RunOutcome> {
    full_screen(|terminal| event_loop(terminal, &mut model, persist, stop))?
}

/// The terminal of a full screen, as [`full_screen`] hands it over.
pub type FullScreen = Terminal<CrosstermBackend<io::Stdout>>;

/// Take the terminal over for a full screen, run `f` on it, and give it back however `f` ends
/// (errors and panics included). Every screen of the program goes through here.
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

/// Running totals of what was handed to [`Persist`] and what it confirmed on disk. A change whose
/// `record` failed is not handed over again: the persistence layer keeps it and writes it at a
/// later `sync` (see the trait), so the screen only retries the sync.
#[derive(Default)]
struct Saver {
    recorded: u64,
    synced: u64,
    error: Option<String>,
}

impl Saver {
    fn record(&mut self, persist: &mut dyn Persist, change: &Change) {
        self.recorded += 1;
        if let Err(e) = persist.record(change) {
            self.error = Some(e.to_string());
        }
    }

    fn sync(&mut self, persist: &mut dyn Persist) {
        match persist.sync() {
            Ok(()) => {
                self.synced = self.recorded;
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn report(&self, persist: &dyn Persist) -> SaveReport {
        SaveReport {
            recorded: self.recorded,
            synced: self.synced,
            error: self.error.clone(),
            emergency_copy: self.error.as_ref().and_then(|_| persist.emergency_copy()),
        }
    }
}

/// Carries out effects, feeding their results back to `update`; `Some` when the screen ends.
fn execute_all(
    model: &mut Model,
    persist: &mut dyn Persist,
    saver: &mut Saver,
    mut effects: Vec<Effect>,
) -> Option<RunOutcome> {
    while !effects.is_empty() {
        let mut replies = Vec::new();
        let mut saved = false;
        for effect in effects.drain(..) {
            match effect {
                Effect::Record(change) => {
                    saver.record(persist, &change);
                    saved = true;
                }
                Effect::Sync => {
                    saver.sync(persist);
                    saved = true;
                }
                Effect::Close { missing } => {
                    replies.push(Message::Closed(persist.close(
                        &model.draft,
                        &model.agenda,
                        &missing,
                    )));
                }
                Effect::Quit => {
                    return Some(match &model.closed {
                        Some(text) => RunOutcome::Closed(text.clone()),
                        None => RunOutcome::Left {
                            unsaved: model.save.pending.iter().map(|(_, w)| w.clone()).collect(),
                        },
                    });
                }
            }
        }
        if saved {
            replies.insert(0, Message::Saved(saver.report(persist)));
        }
        for msg in replies {
            effects.extend(update(model, msg));
        }
    }
    None
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    model: &mut Model,
    persist: &mut dyn Persist,
    stop: Option<&AtomicBool>,
) -> io::Result<RunOutcome> {
    let started = Instant::now();
    let mut saver = Saver::default();
    let result = event_loop_until(terminal, model, persist, stop, started, &mut saver);
    if result.is_err() {
        // The terminal failed under us (most often: its window was closed). Keep what was typed.
        stop_cleanly(model, persist, &mut saver, started);
    }
    result
}

/// Record whatever was typed (the tick does that) and put it on disk.
fn stop_cleanly(
    model: &mut Model,
    persist: &mut dyn Persist,
    saver: &mut Saver,
    started: Instant,
) -> RunOutcome {
    let mut effects = update(model, Message::Tick(started.elapsed()));
    effects.push(Effect::Sync);
    let _ = execute_all(model, persist, saver, effects);
    RunOutcome::Stopped {
        unsaved: model.save.pending.iter().map(|(_, w)| w.clone()).collect(),
    }
}

fn event_loop_until(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    model: &mut Model,
    persist: &mut dyn Persist,
    stop: Option<&AtomicBool>,
    started: Instant,
    saver: &mut Saver,
) -> io::Result<RunOutcome> {
    let mut last_tick = Instant::now();
    #[cfg(debug_assertions)]
    let mut keys_until_panic = test_hook::panic_after_keys();
    loop {
        if stop.is_some_and(|s| s.load(Ordering::SeqCst)) {
            return Ok(stop_cleanly(model, persist, saver, started));
        }
        terminal.draw(|f| view(model, f))?;
        let wait = TICK.saturating_sub(last_tick.elapsed());
        let ready = match wait_for_input(wait) {
            Input::HungUp => return Ok(stop_cleanly(model, persist, saver, started)),
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
            let message = match event::read()? {
                Event::Key(key) => {
                    #[cfg(debug_assertions)]
                    test_hook::count_key(&mut keys_until_panic);
                    message_for_key(model, key)
                }
                Event::Paste(text) => Some(Message::Paste(text)),
                _ => None,
            };
            if let Some(msg) = message {
                let effects = update(model, msg);
                if let Some(outcome) = execute_all(model, persist, saver, effects) {
                    return Ok(outcome);
                }
            }
            more = event::poll(Duration::ZERO)?;
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            let effects = update(model, Message::Tick(started.elapsed()));
            if let Some(outcome) = execute_all(model, persist, saver, effects) {
                return Ok(outcome);
            }
        }
    }
}

/// Bounds the work between two drawings when input floods in.
const MAX_EVENTS_PER_DRAW: usize = 256;

pub(crate) enum Input {
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
/// terminal that has hung up (it takes a read of 0 bytes as "nothing yet"), so the meeting would
/// never save its last words nor let go of the case after its window was closed.
pub(crate) fn wait_for_input(wait: Duration) -> Input {
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

/// Test hook, compiled into debug builds only: `COREGROUP_TEST_PANIC_AFTER_KEYS=N` makes the
/// screen panic on its Nth key event, so the pseudo-terminal tests (`tests/pty_meeting.rs`) can
/// check what a panic mid-meeting leaves behind. Release builds have no such variable.
#[cfg(debug_assertions)]
mod test_hook {
    pub const PANIC_AFTER_KEYS: &str = "COREGROUP_TEST_PANIC_AFTER_KEYS";

    pub fn panic_after_keys() -> Option<u64> {
        std::env::var(PANIC_AFTER_KEYS).ok()?.trim().parse().ok()
    }

    pub fn count_key(left: &mut Option<u64>) {
        if let Some(n) = left {
            *n = n.saturating_sub(1);
            if *n == 0 {
                panic!("injected by {PANIC_AFTER_KEYS} for a test");
            }
        }
    }
}

/// Carries out effects for a model outside the terminal loop (tests, and a pseudo-terminal
/// harness), keeping the same running totals the loop keeps.
#[derive(Default)]
pub struct Runner {
    saver: Saver,
}

impl Runner {
    pub fn execute(
        &mut self,
        model: &mut Model,
        persist: &mut dyn Persist,
        effects: Vec<Effect>,
    ) -> Option<RunOutcome> {
        execute_all(model, persist, &mut self.saver, effects)
    }
}
