//! The set-up screen in the real terminal. The plan is written through the [`Store`] when the
//! user saves; until then what is typed is kept there as a draft on each tick it changed and
//! after each saved row, and removed once the case is saved or the user discards it.

use std::io;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::draft::SetupDraft;
use super::message::{SetupEffect, SetupMessage};
use super::model::SetupModel;
use super::update::{message_for_key, update};
use super::view::view;
use crate::cases::error::CaseError;
use crate::domain::plan::Plan;
use crate::tui::terminal::{Next, Screen};

/// What the set-up asks of the disk; the command wires it to the case folder, tests to memory.
pub trait Store {
    /// Write the case's `plan.yaml`: where it went, or why it was not written.
    fn write(&mut self, plan: &Plan) -> Result<String, CaseError>;
    /// Keep the set-up in progress in place of the last one.
    fn keep(&mut self, draft: &SetupDraft) -> io::Result<()>;
    /// Remove what was kept (the case was saved, or the user discarded it).
    fn discard(&mut self) -> io::Result<()>;
}

/// Run the screen until the user saves or leaves, or `stop` turns true (SIGTERM, SIGHUP: the
/// terminal is given back and what was typed is kept); `Some(where)` when the plan was written.
pub fn run(
    model: SetupModel,
    store: &mut dyn Store,
    stop: Option<&AtomicBool>,
) -> io::Result<Option<String>> {
    let mut screen = SetUp { model, store };
    crate::tui::terminal::run(&mut screen, stop)?;
    Ok(screen.model.saved.clone())
}

/// The set-up as a [`Screen`]: its model and where it writes.
struct SetUp<'s> {
    model: SetupModel,
    store: &'s mut dyn Store,
}

impl SetUp<'_> {
    fn handle(&mut self, msg: SetupMessage) -> Next {
        let effects = update(&mut self.model, msg);
        if carry_out(&mut self.model, effects, self.store) {
            Next::Close
        } else {
            Next::Stay
        }
    }
}

impl Screen for SetUp<'_> {
    fn draw(&self, frame: &mut Frame) {
        view(&self.model, frame);
    }

    fn key(&mut self, key: KeyEvent) -> Next {
        match message_for_key(&self.model, key) {
            Some(msg) => self.handle(msg),
            None => Next::Stay,
        }
    }

    fn paste(&mut self, text: String) -> Next {
        self.handle(SetupMessage::Paste(text))
    }

    fn tick(&mut self, _running: Duration) -> Next {
        self.handle(SetupMessage::Tick)
    }

    /// Stopped from outside or the window closed: keep what was typed since the last tick for
    /// `coregroup new` to go on with.
    fn stop(&mut self, _running: Duration) {
        let last = update(&mut self.model, SetupMessage::Tick);
        carry_out(&mut self.model, last, self.store);
    }
}

/// Carry out effects, feeding what writing came to back to `update`; `true` when the screen ends.
pub fn carry_out(
    model: &mut SetupModel,
    mut effects: Vec<SetupEffect>,
    store: &mut dyn Store,
) -> bool {
    while !effects.is_empty() {
        let mut replies = Vec::new();
        for effect in effects.drain(..) {
            match effect {
                SetupEffect::Write(plan) => {
                    let written = store.write(&plan);
                    replies.push(SetupMessage::Written(written));
                }
                SetupEffect::KeepDraft(draft) => {
                    if let Err(e) = store.keep(&draft) {
                        replies.push(SetupMessage::DraftFailed(e));
                    }
                }
                SetupEffect::DiscardDraft => {
                    if let Err(e) = store.discard() {
                        replies.push(SetupMessage::DraftFailed(e));
                    }
                }
                SetupEffect::Quit => return true,
            }
        }
        for msg in replies {
            effects.extend(update(model, msg));
        }
    }
    false
}
