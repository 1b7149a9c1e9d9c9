//! The case screen in the real terminal. It only reads, so nothing needs saving on the way out.

use std::io;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

use super::model::Model;
use super::update::{message_for_key, update};
use super::view::view;
use crate::tui::run::{Input, TICK, restore, wait_for_input};

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

pub fn run(mut model: Model) -> io::Result<()> {
    enable_raw_mode()?;
    let guard = Guard;
    execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let result = (|| -> io::Result<()> {
        loop {
            terminal.draw(|f| view(&model, f))?;
            let ready = match wait_for_input(TICK) {
                Input::HungUp => return Ok(()),
                Input::Nothing => false,
                Input::Ready => event::poll(Duration::ZERO)?,
                Input::Unchecked => event::poll(TICK)?,
            };
            if ready
                && let Event::Key(key) = event::read()?
                && let Some(msg) = message_for_key(&model, key)
                && update(&mut model, msg)
            {
                return Ok(());
            }
        }
    })();
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    drop(guard);
    result
}
