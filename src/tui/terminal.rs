//! The real terminal and the one loop every screen runs in: raw mode, the alternate screen and
//! bracketed paste, keys read by a thread of their own ([`Keys`]: a closed window ends the loop
//! however the read of the terminal fares), a tick at least every [`TICK`], paste, resize and
//! drawing. A screen is anything that implements [`Screen`]; a screen may open another over
//! itself (the caseload opens a case), and the loop runs the one on top until it closes, then
//! the one below again.
//!
//! The terminal is restored on every way out, including errors and panics (the guard's `Drop`).

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::thread::JoinHandle;
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
        let mut keys = Keys::of_terminal()?;
        let ended = run_on(terminal, &mut stack, stop, &mut keys, started);
        if ended.as_ref().is_err() {
            stack.stop_all(started.elapsed());
        }
        keys.let_go();
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
    fn follow(&mut self, next: Next, terminal: &mut impl Canvas) -> io::Result<bool> {
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

/// What the loop draws on: the real terminal, or a test's.
trait Canvas {
    fn draw_top(&mut self, stack: &Stack<'_>) -> io::Result<()>;
    fn clear(&mut self) -> io::Result<()>;
}

impl Canvas for FullScreen {
    fn draw_top(&mut self, stack: &Stack<'_>) -> io::Result<()> {
        self.draw(|f| stack.top_ref().draw(f)).map(|_| ())
    }

    /// A blank frame drawn over the closed screen: every cell it left is written blank.
    /// Not `Terminal::clear`, which first asks the terminal where its cursor is: a terminal
    /// that never answers (a pseudo-terminal, a slow link) would end the screen below with
    /// an error.
    fn clear(&mut self) -> io::Result<()> {
        self.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))
            .map(|_| ())
    }
}

fn run_on(
    terminal: &mut impl Canvas,
    stack: &mut Stack<'_>,
    stop: Option<&AtomicBool>,
    keys: &mut Keys,
    started: Instant,
) -> io::Result<Ended> {
    let mut last_tick = Instant::now();
    loop {
        if stop.is_some_and(|s| s.load(Ordering::SeqCst)) {
            stack.stop_all(started.elapsed());
            return Ok(Ended::Stopped);
        }
        terminal.draw_top(stack)?;
        let wait = TICK.saturating_sub(last_tick.elapsed());
        // Everything already typed, not one event per drawing: the keys must not wait for the
        // next one to show. Each is handled before the next is taken, since what a key means
        // depends on the focus.
        let mut arrived = keys.next(wait);
        let mut handled = 0;
        while let Some(one) = arrived {
            let event = match one {
                Arrived::Event(event) => event,
                Arrived::HungUp => {
                    stack.stop_all(started.elapsed());
                    return Ok(Ended::Stopped);
                }
                Arrived::Failed(e) => return Err(e),
            };
            handled += 1;
            let next = match event {
                // Windows reports releases too; a key counts once.
                Event::Key(key) if key.kind != KeyEventKind::Release => stack.top().key(key),
                Event::Paste(text) => stack.top().paste(text),
                // A resize is drawn at the next turn.
                _ => Next::Stay,
            };
            if stack.follow(next, terminal)? {
                return Ok(Ended::Closed);
            }
            arrived = if handled < MAX_EVENTS_PER_DRAW {
                keys.next(Duration::ZERO)
            } else {
                None
            };
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

/// What the key reader hands the loop.
enum Arrived {
    Event(Event),
    /// The terminal is gone: its window was closed.
    HungUp,
    Failed(io::Error),
}

/// The terminal's keys, pastes and resizes, read by a thread of their own so the loop never
/// waits on a read of the terminal. crossterm 0.29 spins for ever reading a terminal that has
/// hung up (it takes a read of 0 bytes as "nothing yet"), and a window may close at any moment:
/// between a look at the terminal and the read that follows, while keys are being handled, while
/// the screen is drawn. So the loop waits for the reader no longer than until the next tick, and
/// looks for the hang-up itself: a read stuck on a closed window holds nothing up, and the
/// screens still save what was typed and stop.
struct Keys {
    arrived: mpsc::Receiver<Arrived>,
    reader: Option<JoinHandle<()>>,
    /// Dropped to ask the reader to finish.
    finish: Option<Finish>,
    /// Whether the terminal has hung up, looked at without reading it.
    gone: Box<dyn Fn() -> bool>,
    /// The hang-up was seen (and handed to the loop).
    hung_up: bool,
}

/// How the loop asks the reader to finish: the flag, and on Unix a socket whose closing wakes the
/// reader's wait for input at once.
struct Finish {
    asked: Arc<AtomicBool>,
    #[cfg(unix)]
    _wake: std::os::unix::net::UnixStream,
}

impl Drop for Finish {
    fn drop(&mut self) {
        self.asked.store(true, Ordering::SeqCst);
        // `_wake` closes after this, waking the reader, which then sees the flag.
    }
}

/// What the reader is given: where to send, and the flag (and socket) saying it should finish.
struct ReaderEnd {
    send: mpsc::Sender<Arrived>,
    asked: Arc<AtomicBool>,
    #[cfg(unix)]
    wake: std::os::unix::net::UnixStream,
}

impl ReaderEnd {
    fn finishing(&self) -> bool {
        self.asked.load(Ordering::SeqCst)
    }

    /// `false` when no one takes it any more: the reader then finishes.
    fn hand(&self, arrived: Arrived) -> bool {
        self.send.send(arrived).is_ok()
    }
}

/// How long a loop that ends waits for the reader to finish before leaving it behind: a reader
/// that does not finish is inside crossterm, mid-way through an escape sequence.
const LET_GO: Duration = Duration::from_secs(1);

impl Keys {
    /// The reader `read` on a thread of its own, and `gone` for the loop to look at.
    fn start(
        read: impl FnOnce(ReaderEnd) + Send + 'static,
        gone: Box<dyn Fn() -> bool>,
    ) -> io::Result<Keys> {
        let (send, arrived) = mpsc::channel();
        let asked = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        let (ours, theirs) = std::os::unix::net::UnixStream::pair()?;
        let end = ReaderEnd {
            send,
            asked: Arc::clone(&asked),
            #[cfg(unix)]
            wake: theirs,
        };
        let reader = std::thread::Builder::new()
            .name("keys".into())
            .spawn(move || read(end))?;
        Ok(Keys {
            arrived,
            reader: Some(reader),
            finish: Some(Finish {
                asked,
                #[cfg(unix)]
                _wake: ours,
            }),
            gone,
            hung_up: false,
        })
    }

    /// The keys of the real terminal.
    fn of_terminal() -> io::Result<Keys> {
        #[cfg(unix)]
        {
            use std::io::IsTerminal;
            // Decided once: a terminal that has hung up no longer says it is one.
            let stdin = io::stdin().is_terminal();
            let looked_at: Vec<libc::c_int> = [
                (libc::STDIN_FILENO, stdin),
                (libc::STDOUT_FILENO, io::stdout().is_terminal()),
            ]
            .into_iter()
            .filter_map(|(fd, terminal)| terminal.then_some(fd))
            .collect();
            let gone = Box::new(move || looked_at.iter().any(|&fd| hung_up(fd)));
            // crossterm reads standard input when it is the terminal, else /dev/tty.
            if stdin {
                return Keys::start(read_standard_input, gone);
            }
            Keys::start(read_through_crossterm, gone)
        }
        // A console window closed is said to the program, not seen on the console: the watch
        // lasts as long as the keys are read (it is dropped with `gone`).
        #[cfg(windows)]
        {
            let watch = console::Watch::start()?;
            Keys::start(read_through_crossterm, Box::new(move || watch.ended()))
        }
        #[cfg(not(any(unix, windows)))]
        Keys::start(read_through_crossterm, Box::new(|| false))
    }

    /// What came next, waiting at most `wait`; `None` when nothing did.
    fn next(&mut self, wait: Duration) -> Option<Arrived> {
        // What was read before the window closed comes first, then the hang-up.
        let waited = match self.arrived.try_recv() {
            Ok(one) => Ok(one),
            Err(TryRecvError::Disconnected) => Err(RecvTimeoutError::Disconnected),
            Err(TryRecvError::Empty) if (self.gone)() => Ok(Arrived::HungUp),
            Err(TryRecvError::Empty) => self.arrived.recv_timeout(wait),
        };
        let one = match waited {
            // A read that fails once the window has closed is the close: the screens stop as on
            // any close, and the failure is not reported on a terminal no one sees.
            Ok(Arrived::Failed(_)) if (self.gone)() => Arrived::HungUp,
            Ok(one) => one,
            Err(RecvTimeoutError::Disconnected) => Arrived::Failed(io::Error::other(
                "the terminal's keys can no longer be read",
            )),
            Err(RecvTimeoutError::Timeout) if (self.gone)() => Arrived::HungUp,
            Err(RecvTimeoutError::Timeout) => return None,
        };
        self.hung_up |= matches!(one, Arrived::HungUp);
        Some(one)
    }

    /// Ask the reader to finish and wait a moment for it, so that nothing after the loop (a
    /// question on the terminal, another screen) has its keys taken. After a hang-up it is not
    /// waited for: it may be stuck on the closed terminal, and no one types any more.
    fn let_go(mut self) {
        drop(self.finish.take());
        if self.hung_up || (self.gone)() {
            return;
        }
        let until = Instant::now() + LET_GO;
        loop {
            match self
                .arrived
                .recv_timeout(until.saturating_duration_since(Instant::now()))
            {
                // Typed after the screen closed: no screen is left to take it.
                Ok(_) => continue,
                Err(RecvTimeoutError::Disconnected) => {
                    if let Some(reader) = self.reader.take() {
                        let _ = reader.join();
                    }
                    return;
                }
                Err(RecvTimeoutError::Timeout) => return,
            }
        }
    }
}

/// Hand over one event crossterm has, if it has one now (`false` when the reader should end).
fn hand_one(end: &ReaderEnd) -> Option<bool> {
    match event::poll(Duration::ZERO).and_then(|ready| ready.then(event::read).transpose()) {
        Ok(Some(event)) => Some(end.hand(Arrived::Event(event))),
        Ok(None) => None,
        Err(e) => {
            end.hand(Arrived::Failed(e));
            Some(false)
        }
    }
}

/// The reader when crossterm reads standard input: crossterm is asked only when there is input,
/// and a hang-up seen while waiting for it is handed over at once.
#[cfg(unix)]
fn read_standard_input(end: ReaderEnd) {
    use std::os::fd::AsRawFd;
    let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
    loop {
        let mut fds = [
            libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: end.wake.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: two valid pollfds, alive for the duration of the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
        if end.finishing() {
            return;
        }
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            end.hand(Arrived::Failed(e));
            return;
        }
        if fds[0].revents & gone != 0 {
            end.hand(Arrived::HungUp);
            return;
        }
        // Everything crossterm holds, not one event per wait: it may make several of one read.
        // Bytes that make no event (an unknown sequence) are let go and the wait starts again.
        loop {
            match hand_one(&end) {
                Some(true) => continue,
                Some(false) => return,
                None => break,
            }
        }
    }
}

/// The reader when crossterm opens the terminal itself (standard input is not it): crossterm
/// waits, a tick at a time so that the reader sees when to finish.
fn read_through_crossterm(end: ReaderEnd) {
    while !end.finishing() {
        match event::poll(TICK) {
            Ok(true) => {
                if hand_one(&end) == Some(false) {
                    return;
                }
            }
            Ok(false) => {}
            Err(e) => {
                end.hand(Arrived::Failed(e));
                return;
            }
        }
    }
}

/// The console's window closed, on Windows (its close button, or Task Manager's End task). Windows does not hang the console up as a Unix terminal does: it
/// calls a handler of the program's on a thread of its own (`CTRL_CLOSE_EVENT`), and ends the
/// process as soon as the handler returns, or at the latest 5 seconds later (the system's hung
/// application time-out). So the handler says the window has gone and does not return: the loop
/// sees it within a [`TICK`], stops every screen (the meeting's journal synced) and the program
/// ends as it does on a closed window on Unix, which ends the process before Windows would.
/// Log-off and shut-down are taken the same way should Windows send them (it sends them to
/// services; an interactive program is ended without them), and ctrl-break as SIGTERM is on Unix:
/// the screens stop. Ctrl-c is a key in raw mode, as on Unix.
#[cfg(windows)]
mod console {
    use std::io;
    use std::sync::atomic::{AtomicBool, Ordering};

    use windows_sys::Win32::System::Console::{
        CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
        SetConsoleCtrlHandler,
    };
    use windows_sys::core::BOOL;

    /// Set by [`handler`]: the screens are to stop. Never set back: a window once closed stays
    /// closed for any screen after.
    static ENDED: AtomicBool = AtomicBool::new(false);

    /// The handler, installed while the screens read their keys.
    pub(super) struct Watch(());

    impl Watch {
        pub(super) fn start() -> io::Result<Watch> {
            // SAFETY: `handler` is a function of the program, valid for its whole life.
            if unsafe { SetConsoleCtrlHandler(Some(handler), 1) } == 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(Watch(()))
        }

        pub(super) fn ended(&self) -> bool {
            ENDED.load(Ordering::SeqCst)
        }
    }

    impl Drop for Watch {
        fn drop(&mut self) {
            // SAFETY: as in `start`; removing it again cannot fail in a way worth reporting.
            unsafe {
                SetConsoleCtrlHandler(Some(handler), 0);
            }
        }
    }

    /// What each event means: `Some(true)` when the process ends once the handler returns
    /// (the handler then waits for the program to end first), `Some(false)` when it carries on,
    /// `None` for an event left to Windows' own handling.
    pub(super) fn stops(event: u32) -> Option<bool> {
        match event {
            CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => Some(true),
            CTRL_BREAK_EVENT => Some(false),
            _ => None,
        }
    }

    pub(super) unsafe extern "system" fn handler(event: u32) -> BOOL {
        let Some(ends_process) = stops(event) else {
            return 0;
        };
        ENDED.store(true, Ordering::SeqCst);
        if ends_process {
            // Returning would end the process at once, before the screens have stopped. The
            // program's own end ends this thread too.
            loop {
                std::thread::park();
            }
        }
        1
    }
}

/// Whether the terminal at `fd` has hung up, looked at without reading it.
#[cfg(unix)]
fn hung_up(fd: libc::c_int) -> bool {
    let mut pfd = libc::pollfd {
        fd,
        // Nothing asked for: a hang-up or an error is always said.
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, alive for the duration of the call.
    let n = unsafe { libc::poll(&mut pfd, 1, 0) };
    n > 0 && pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    use std::sync::Mutex;

    impl Canvas for Terminal<TestBackend> {
        fn draw_top(&mut self, stack: &Stack<'_>) -> io::Result<()> {
            match self.draw(|f| stack.top_ref().draw(f)) {
                Ok(_) => Ok(()),
                Err(never) => match never {},
            }
        }

        fn clear(&mut self) -> io::Result<()> {
            match Terminal::clear(self) {
                Ok(()) => Ok(()),
                Err(never) => match never {},
            }
        }
    }

    /// What a screen was given, in order: the characters typed, then `stop` or `close`.
    #[derive(Default)]
    struct Typed {
        seen: Arc<Mutex<String>>,
        /// The key that closes the screen.
        close_on: Option<char>,
    }

    impl Screen for Typed {
        fn draw(&self, _frame: &mut Frame) {}

        fn key(&mut self, key: KeyEvent) -> Next {
            if let KeyCode::Char(c) = key.code {
                self.seen.lock().unwrap().push(c);
                if self.close_on == Some(c) {
                    self.seen.lock().unwrap().push_str(" close");
                    return Next::Close;
                }
            }
            Next::Stay
        }

        fn stop(&mut self, _running: Duration) {
            self.seen.lock().unwrap().push_str(" stop");
        }
    }

    fn key(c: char) -> Arrived {
        Arrived::Event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )))
    }

    /// Run the loop over `screen` with `keys` on a thread of its own; what it ended with, or a
    /// panic if it never ends (the defect under test is a loop that waits for ever).
    fn run_with(screen: Typed, keys: impl FnOnce() -> Keys + Send + 'static) -> Ended {
        let (done, ended) = mpsc::channel();
        std::thread::spawn(move || {
            let mut screen = screen;
            let mut keys = keys();
            let mut stack = Stack {
                first: &mut screen,
                over: Vec::new(),
            };
            let mut canvas = Terminal::new(TestBackend::new(20, 4)).unwrap();
            let ended = run_on(&mut canvas, &mut stack, None, &mut keys, Instant::now());
            keys.let_go();
            let _ = done.send(ended.unwrap());
        });
        ended
            .recv_timeout(Duration::from_secs(30))
            .expect("the loop never ended")
    }

    /// crossterm spins for ever reading a terminal that hung up under it: the reader is stuck,
    /// and only the loop's own look at the terminal can end the screen.
    #[test]
    fn a_read_stuck_on_a_closed_window_holds_nothing_up() {
        let seen = Arc::new(Mutex::new(String::new()));
        let screen = Typed {
            seen: Arc::clone(&seen),
            close_on: None,
        };
        let closed = Arc::new(AtomicBool::new(false));
        let window = Arc::clone(&closed);
        let ended = run_with(screen, move || {
            let read = move |end: ReaderEnd| {
                end.hand(key('a'));
                end.hand(key('b'));
                // The window closes; the next read never returns.
                closed.store(true, Ordering::SeqCst);
                loop {
                    std::thread::park();
                }
            };
            Keys::start(read, Box::new(move || window.load(Ordering::SeqCst))).unwrap()
        });
        assert_eq!(ended, Ended::Stopped);
        assert_eq!(
            *seen.lock().unwrap(),
            "ab stop",
            "every key read is handled, then stop"
        );
    }

    #[test]
    fn a_hang_up_the_reader_sees_ends_the_screen_after_the_keys_read_before_it() {
        let seen = Arc::new(Mutex::new(String::new()));
        let screen = Typed {
            seen: Arc::clone(&seen),
            close_on: None,
        };
        let ended = run_with(screen, || {
            let read = |end: ReaderEnd| {
                for c in "abc".chars() {
                    end.hand(key(c));
                }
                end.hand(Arrived::HungUp);
            };
            Keys::start(read, Box::new(|| false)).unwrap()
        });
        assert_eq!(ended, Ended::Stopped);
        assert_eq!(*seen.lock().unwrap(), "abc stop");
    }

    /// On Windows a closed console window is told, not seen on the console: the read of the
    /// console may then fail. Read after the close, that failure is the close itself: every screen
    /// stops as on any closed window, and the loop does not end in an error.
    #[test]
    fn a_read_failing_once_the_window_has_closed_is_the_close() {
        let seen = Arc::new(Mutex::new(String::new()));
        let screen = Typed {
            seen: Arc::clone(&seen),
            close_on: None,
        };
        let closed = Arc::new(AtomicBool::new(false));
        let window = Arc::clone(&closed);
        let ended = run_with(screen, move || {
            // All of it before the loop looks: the key, the failed read, the window closed.
            let (read_all, all_read) = mpsc::channel();
            let read = move |end: ReaderEnd| {
                end.hand(key('a'));
                end.hand(Arrived::Failed(io::Error::other("the console has gone")));
                closed.store(true, Ordering::SeqCst);
                let _ = read_all.send(());
            };
            let keys = Keys::start(read, Box::new(move || window.load(Ordering::SeqCst))).unwrap();
            all_read.recv().unwrap();
            keys
        });
        assert_eq!(ended, Ended::Stopped);
        assert_eq!(*seen.lock().unwrap(), "a stop");
    }

    /// Windows tells a closed console window to the handler on a thread of its own and ends the
    /// process as soon as the handler returns: the handler says the window has gone, every screen
    /// stops, and the handler has still not returned. (Run under wine, which cannot close a
    /// console window: the handler is called here as Windows would call it.)
    #[cfg(windows)]
    #[test]
    fn a_closed_console_window_stops_every_screen_before_windows_may_end_the_process() {
        use windows_sys::Win32::System::Console::{CTRL_C_EVENT, CTRL_CLOSE_EVENT};
        // Ctrl-c is a key in raw mode: left to Windows, nothing stops.
        assert_eq!(console::stops(CTRL_C_EVENT), None);
        let seen = Arc::new(Mutex::new(String::new()));
        let screen = Typed {
            seen: Arc::clone(&seen),
            close_on: None,
        };
        let (handling, handler) = mpsc::channel();
        let ended = run_with(screen, move || {
            let watch = console::Watch::start().expect("the handler is installed");
            let read = move |end: ReaderEnd| {
                end.hand(key('a'));
                // SAFETY: called as Windows calls it, with one of its events.
                let thread = std::thread::spawn(|| unsafe { console::handler(CTRL_CLOSE_EVENT) });
                let _ = handling.send(thread);
                while !end.finishing() {
                    std::thread::sleep(Duration::from_millis(1));
                }
            };
            Keys::start(read, Box::new(move || watch.ended())).unwrap()
        });
        assert_eq!(ended, Ended::Stopped);
        assert_eq!(*seen.lock().unwrap(), "a stop");
        let handler = handler.recv().unwrap();
        std::thread::sleep(TICK);
        assert!(
            !handler.is_finished(),
            "the handler returned: Windows would have ended the process"
        );
    }

    /// A screen that closes lets the reader go and waits for it, so that a question asked on the
    /// terminal afterwards (or the next screen) gets its own keys.
    #[test]
    fn when_the_screen_closes_the_reader_finishes_before_the_loop_returns() {
        let seen = Arc::new(Mutex::new(String::new()));
        let screen = Typed {
            seen: Arc::clone(&seen),
            close_on: Some('q'),
        };
        let finished = Arc::new(AtomicBool::new(false));
        let reader_finished = Arc::clone(&finished);
        let ended = run_with(screen, move || {
            let read = move |end: ReaderEnd| {
                end.hand(key('a'));
                end.hand(key('q'));
                // Typed after the close: no screen takes it.
                end.hand(key('z'));
                while !end.finishing() {
                    std::thread::sleep(Duration::from_millis(1));
                }
                reader_finished.store(true, Ordering::SeqCst);
            };
            Keys::start(read, Box::new(|| false)).unwrap()
        });
        assert_eq!(ended, Ended::Closed);
        assert_eq!(*seen.lock().unwrap(), "aq close");
        assert!(finished.load(Ordering::SeqCst), "the reader had finished");
    }
}
