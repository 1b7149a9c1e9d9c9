//! The set-up screen in the real terminal. The plan is written through `write` when the user
//! saves; leaving without saving writes nothing.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};

use super::message::{Effect, Message};
use super::model::Model;
use super::update::{message_for_key, update};
use super::view::view;
use crate::domain::plan::Plan;
use crate::tui::run::{Input, TICK, full_screen, wait_for_input};

/// Run the screen until the user saves or leaves, or `stop` turns true (SIGTERM, SIGHUP: the
/// terminal is given back and nothing is written); `Some(where)` when the plan was written.
pub fn run(
    mut model: Model,
    write: &mut dyn FnMut(&Plan) -> Result<String, String>,
    stop: Option<&AtomicBool>,
) -> io::Result<Option<String>> {
    full_screen(|terminal| event_loop(terminal, &mut model, write, stop))??;
    Ok(model.saved.clone())
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    model: &mut Model,
    write: &mut dyn FnMut(&Plan) -> Result<String, String>,
    stop: Option<&AtomicBool>,
) -> io::Result<()> {
    loop {
        if stop.is_some_and(|s| s.load(Ordering::SeqCst)) {
            return Ok(());
        }
        terminal.draw(|f| view(model, f))?;
        let ready = match wait_for_input(TICK) {
            // The window was closed: nothing was saved, and nothing is written.
            Input::HungUp => return Ok(()),
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
                if carry_out(model, effects, write) {
                    return Ok(());
                }
            }
            more = event::poll(Duration::ZERO)?;
        }
    }
}

/// Carry out effects, feeding what writing came to back to `update`; `true` when the screen ends.
pub fn carry_out(
    model: &mut Model,
    mut effects: Vec<Effect>,
    write: &mut dyn FnMut(&Plan) -> Result<String, String>,
) -> bool {
    while !effects.is_empty() {
        let mut replies = Vec::new();
        for effect in effects.drain(..) {
            match effect {
                Effect::Write(plan) => replies.push(Message::Written(write(&plan))),
                Effect::Quit => return true,
            }
        }
        for msg in replies {
            effects.extend(update(model, msg));
        }
    }
    false
}
