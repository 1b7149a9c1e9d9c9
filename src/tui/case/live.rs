//! The case screen as a [`Screen`] of the terminal loop: a saved form is written through the
//! function it is given (the command wires it to the use cases) and the case it returns, read
//! again, replaces the one shown.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::edit::Write;
use super::{CaseMessage, CaseScreen, Effect, message_for_key, update, view};
use crate::cases::error::CaseError;
use crate::tui::terminal::{Next, Screen};

/// What a saved form came to: the line to show and the case read again, or why nothing was
/// written.
pub type Written = Result<(String, CaseScreen), CaseError>;

pub struct LiveCase {
    screen: CaseScreen,
    write: Box<dyn FnMut(&Write) -> Written>,
}

impl LiveCase {
    pub fn new(screen: CaseScreen, write: Box<dyn FnMut(&Write) -> Written>) -> LiveCase {
        LiveCase { screen, write }
    }
}

impl Screen for LiveCase {
    fn draw(&self, frame: &mut Frame) {
        view(&self.screen, frame);
    }

    fn key(&mut self, key: KeyEvent) -> Next {
        let Some(msg) = message_for_key(&self.screen, key) else {
            return Next::Stay;
        };
        self.handle(msg)
    }

    fn paste(&mut self, text: String) -> Next {
        self.handle(CaseMessage::Paste(text))
    }
}

impl LiveCase {
    /// A message through `update`, its effects carried out.
    fn handle(&mut self, msg: CaseMessage) -> Next {
        let mut effects = update(&mut self.screen, msg);
        while let Some(effect) = effects.pop() {
            match effect {
                Effect::Quit => return Next::Close,
                Effect::Write(w) => {
                    let done = match (self.write)(&w) {
                        Ok((said, fresh)) => {
                            self.screen.refresh(fresh);
                            Ok(said)
                        }
                        Err(e) => Err(e.to_string()),
                    };
                    effects.extend(update(&mut self.screen, CaseMessage::Written(done)));
                }
            }
        }
        Next::Stay
    }
}
