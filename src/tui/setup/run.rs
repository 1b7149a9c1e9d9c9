//! The set-up screen in the real terminal. The plan is written through the [`Store`] when the
//! user saves; until then what is typed is kept there as a draft on each tick it changed and
//! after each saved row, and removed once the case is saved or the user discards it.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};

use super::draft::Draft;
use super::message::{Effect, Message};
use super::model::Model;
use super::update::{message_for_key, update};
use super::view::view;
use crate::domain::plan::Plan;
use crate::tui::run::{Input, TICK, full_screen, wait_for_input};

/// What the set-up asks of the disk; the command wires it to the case folder, tests to memory.
pub trait Store {
    /// Write the case's `plan.yaml`: where it went, or why it was not written.
    fn write(&mut self, plan: &Plan) -> Result<String, String>;
    /// Keep the set-up in progress in place of the last one.
    fn keep(&mut self, draft: &Draft) -> Result<(), String>;
    /// Remove what was kept (the case was saved, or the user discarded it).
    fn discard(&mut self) -> Result<(), String>;
}

/// Run the screen until the user saves or leaves, or `stop` turns true (SIGTERM, SIGHUP: the
/// terminal is given back and what was typed is kept); `Some(where)` when the plan was written.
pub fn run(
    mut model: Model,
    store: &mut dyn Store,
    stop: Option<&AtomicBool>,
) -> io::Result<Option<String>> {
    full_screen(|terminal| event_loop(terminal, &mut model, store, stop))??;
    Ok(model.saved.clone())
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    model: &mut Model,
    store: &mut dyn Store,
    stop: Option<&AtomicBool>,
) -> io::Result<()> {
    let mut last_tick = Instant::now();
    loop {
        if stop.is_some_and(|s| s.load(Ordering::SeqCst)) {
            // Stopped from outside: keep what was typed since the last tick.
            let last = update(model, Message::Tick);
            carry_out(model, last, store);
            return Ok(());
        }
        terminal.draw(|f| view(model, f))?;
        let ready = match wait_for_input(TICK) {
            // The window was closed: what was typed is kept for `coregroup new` to go on with.
            Input::HungUp => {
                let last = update(model, Message::Tick);
                carry_out(model, last, store);
                return Ok(());
            }
            Input::Nothing => false,
            Input::Ready => event::poll(Duration::ZERO)?,
            Input::Unchecked => event::poll(TICK)?,
        };
        let mut more = ready;
        while more {
            let message = match event::read()? {
                Event::Key(key) => message_for_key(model, key),
                Event::Paste(text) => Some(Message::Paste(text)),
                _ => None,
            };
            if let Some(msg) = message {
                let effects = update(model, msg);
                if carry_out(model, effects, store) {
                    return Ok(());
                }
            }
            more = event::poll(Duration::ZERO)?;
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            let kept = update(model, Message::Tick);
            if carry_out(model, kept, store) {
                return Ok(());
            }
        }
    }
}

/// Carry out effects, feeding what writing came to back to `update`; `true` when the screen ends.
pub fn carry_out(model: &mut Model, mut effects: Vec<Effect>, store: &mut dyn Store) -> bool {
    while !effects.is_empty() {
        let mut replies = Vec::new();
        for effect in effects.drain(..) {
            match effect {
                Effect::Write(plan) => replies.push(Message::Written(store.write(&plan))),
                Effect::KeepDraft(draft) => {
                    if let Err(e) = store.keep(&draft) {
                        replies.push(Message::DraftFailed(e));
                    }
                }
                Effect::DiscardDraft => {
                    if let Err(e) = store.discard() {
                        replies.push(Message::DraftFailed(e));
                    }
                }
                Effect::Quit => return true,
            }
        }
        for msg in replies {
            effects.extend(update(model, msg));
        }
    }
    false
}
