//! The meeting screen in the real terminal: its model run by [`crate::tui::terminal`]'s loop,
//! and the effects carried out through [`Persist`].

use std::io;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::app::MeetingModel;
use super::message::{MeetingEffect, MeetingMessage, RunOutcome, SaveReport};
use super::persist::Persist;
use super::update::{message_for_key, update};
use super::view::view;
use crate::domain::meeting::Change;
use crate::tui::terminal::{Next, Screen};

/// Runs the meeting screen until the chair leaves or closes the meeting.
pub fn run(model: MeetingModel, persist: &mut dyn Persist) -> io::Result<RunOutcome> {
    run_until(model, persist, None)
}

/// [`run`], also stopping cleanly when `stop` turns true (SIGTERM/SIGHUP, from
/// `store::safety::watch_signals`) or the window is closed: what was typed is recorded and
/// synced first.
pub fn run_until(
    model: MeetingModel,
    persist: &mut dyn Persist,
    stop: Option<&AtomicBool>,
) -> io::Result<RunOutcome> {
    let mut screen = MeetingScreen {
        model,
        persist,
        saver: Saver::default(),
        outcome: None,
        #[cfg(debug_assertions)]
        keys_until_panic: test_hook::panic_after_keys(),
    };
    crate::tui::terminal::run(&mut screen, stop)?;
    // The meeting closes only with its outcome, and a stop sets one.
    Ok(screen.outcome.unwrap_or(RunOutcome::Stopped {
        unsaved: Vec::new(),
    }))
}

/// The meeting as a [`Screen`]: its model and where its changes go.
struct MeetingScreen<'p> {
    model: MeetingModel,
    persist: &'p mut dyn Persist,
    saver: Saver,
    outcome: Option<RunOutcome>,
    #[cfg(debug_assertions)]
    keys_until_panic: Option<u64>,
}

impl MeetingScreen<'_> {
    fn handle(&mut self, msg: MeetingMessage) -> Next {
        let effects = update(&mut self.model, msg);
        match execute_all(&mut self.model, self.persist, &mut self.saver, effects) {
            Some(outcome) => {
                self.outcome = Some(outcome);
                Next::Close
            }
            None => Next::Stay,
        }
    }
}

impl Screen for MeetingScreen<'_> {
    fn draw(&self, frame: &mut Frame) {
        view(&self.model, frame);
    }

    fn key(&mut self, key: KeyEvent) -> Next {
        #[cfg(debug_assertions)]
        test_hook::count_key(&mut self.keys_until_panic);
        match message_for_key(&self.model, key) {
            Some(msg) => self.handle(msg),
            None => Next::Stay,
        }
    }

    fn paste(&mut self, text: String) -> Next {
        self.handle(MeetingMessage::Paste(text))
    }

    fn tick(&mut self, running: Duration) -> Next {
        self.handle(MeetingMessage::Tick(running))
    }

    /// Record whatever was typed (the tick does that) and put it on disk.
    fn stop(&mut self, running: Duration) {
        let mut effects = update(&mut self.model, MeetingMessage::Tick(running));
        effects.push(MeetingEffect::Sync);
        let _ = execute_all(&mut self.model, self.persist, &mut self.saver, effects);
        self.outcome = Some(RunOutcome::Stopped {
            unsaved: self
                .model
                .save
                .pending
                .iter()
                .map(|(_, w)| w.clone())
                .collect(),
        });
    }
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
    model: &mut MeetingModel,
    persist: &mut dyn Persist,
    saver: &mut Saver,
    mut effects: Vec<MeetingEffect>,
) -> Option<RunOutcome> {
    while !effects.is_empty() {
        let mut replies = Vec::new();
        let mut saved = false;
        for effect in effects.drain(..) {
            match effect {
                MeetingEffect::Record(change) => {
                    saver.record(persist, &change);
                    saved = true;
                }
                MeetingEffect::Sync => {
                    saver.sync(persist);
                    saved = true;
                    if let Some((title, lines)) = persist.lost_hold() {
                        model.notify(title, lines);
                    }
                }
                MeetingEffect::Close { missing, chosen } => {
                    let closed =
                        persist.close(&model.draft, &model.agenda, &missing, chosen.as_ref());
                    replies.push(MeetingMessage::Closed(closed));
                }
                MeetingEffect::Quit => {
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
            replies.insert(0, MeetingMessage::Saved(saver.report(persist)));
        }
        for msg in replies {
            effects.extend(update(model, msg));
        }
    }
    None
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
        model: &mut MeetingModel,
        persist: &mut dyn Persist,
        effects: Vec<MeetingEffect>,
    ) -> Option<RunOutcome> {
        execute_all(model, persist, &mut self.saver, effects)
    }
}
