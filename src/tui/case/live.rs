//! The case screen as a [`Screen`] of the terminal loop: a saved form is written through the
//! function it is given (the command wires it to the use cases) and the case it returns, read
//! again, replaces the one shown. An open form with something typed is kept through [`Drafts`]
//! on each tick it changed and when the screen is stopped from outside (its window closed, a
//! signal), for the next `coregroup case`.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::draft::CaseDraft;
use super::{CaseEffect, CaseMessage, CaseScreen, message_for_key, update, view};
use crate::cases::case_write::CaseWrite;
use crate::cases::error::CaseError;
use crate::tui::terminal::{Next, Screen};

/// What a saved form came to: the line to show and the case read again, or why nothing was
/// written.
pub type SaveOutcome = Result<(String, CaseScreen), CaseError>;

/// Where the forms left open are kept; the command wires it to the case folder, tests to
/// memory.
pub trait Drafts {
    /// Keep `draft` in place of the one named, or under a new name; the name it went under.
    fn keep(&mut self, name: Option<&str>, draft: &CaseDraft) -> io::Result<String>;
    /// Remove the draft of this name.
    fn discard(&mut self, name: &str) -> io::Result<()>;
}

pub struct LiveCase {
    screen: CaseScreen,
    write: Box<dyn FnMut(&CaseWrite) -> SaveOutcome>,
    drafts: Box<dyn Drafts>,
    /// What stopping kept: the form's title, or why it could not be kept.
    pub kept_at_stop: Option<Result<String, Arc<io::Error>>>,
    /// Why the open form could not be kept the last time it was tried.
    keep_failed: Option<Arc<io::Error>>,
}

impl LiveCase {
    pub fn new(
        screen: CaseScreen,
        write: Box<dyn FnMut(&CaseWrite) -> SaveOutcome>,
        drafts: Box<dyn Drafts>,
    ) -> LiveCase {
        LiveCase {
            screen,
            write,
            drafts,
            kept_at_stop: None,
            keep_failed: None,
        }
    }

    /// The screen as it stands.
    pub fn screen(&self) -> &CaseScreen {
        &self.screen
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

    fn tick(&mut self, _running: Duration) -> Next {
        self.handle(CaseMessage::Tick)
    }

    /// Stopped from outside or the window closed: the open form is kept, as it stands, for the
    /// next `coregroup case` to put back. A write is never in flight here: each is carried out
    /// whole before the loop looks for a stop.
    fn stop(&mut self, _running: Duration) {
        self.handle(CaseMessage::Stop);
        let s = &self.screen;
        self.kept_at_stop = match (&s.editing, &s.kept_as, &self.keep_failed) {
            (Some(_), _, Some(why)) => Some(Err(why.clone())),
            (Some(e), Some(_), None) => Some(Ok(e.title())),
            _ => None,
        };
    }
}

impl LiveCase {
    /// A message through `update`, its effects carried out.
    fn handle(&mut self, msg: CaseMessage) -> Next {
        let mut effects = update(&mut self.screen, msg);
        while let Some(effect) = effects.pop() {
            match effect {
                CaseEffect::Quit => return Next::Close,
                CaseEffect::Write(w) => {
                    let done = match (self.write)(&w) {
                        Ok((said, fresh)) => {
                            self.screen.refresh(fresh);
                            Ok(said)
                        }
                        Err(e) => Err(e),
                    };
                    effects.extend(update(&mut self.screen, CaseMessage::Written(done)));
                }
                CaseEffect::KeepDraft(name, draft) => {
                    let reply = match self.drafts.keep(name.as_deref(), &draft) {
                        Ok(name) => {
                            self.keep_failed = None;
                            CaseMessage::DraftKept(name)
                        }
                        Err(e) => {
                            let e = Arc::new(e);
                            self.keep_failed = Some(e.clone());
                            CaseMessage::DraftFailed(e)
                        }
                    };
                    effects.extend(update(&mut self.screen, reply));
                }
                CaseEffect::DropDraft(name) => {
                    if let Err(e) = self.drafts.discard(&name) {
                        effects.extend(update(
                            &mut self.screen,
                            CaseMessage::DraftFailed(Arc::new(e)),
                        ));
                    }
                }
            }
        }
        Next::Stay
    }
}
