//! The caseload as a [`Screen`] of the terminal loop: Enter opens a case's screen over the list
//! (made by the function it is given, so the list knows nothing of the case screen), and
//! `ctrl-o` leaves the list for a meeting on the case.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::{CaseloadEffect, CaseloadMessage, CaseloadScreen, message_for_key, update, view};
use crate::cases::caseload::explain;
use crate::cases::error::CaseError;
use crate::tui::terminal::{Next, Screen};

/// Opens the screen of the case at a path, or says why it cannot.
pub type CaseOpener = Box<dyn FnMut(&Path) -> Result<Box<dyn Screen>, CaseError>>;

pub struct LiveCaseload {
    list: CaseloadScreen,
    open_case: CaseOpener,
    /// The case chosen for a meeting when the list was left for one.
    pub meeting: Option<PathBuf>,
}

impl LiveCaseload {
    pub fn new(list: CaseloadScreen, open_case: CaseOpener) -> LiveCaseload {
        let mut live = LiveCaseload {
            list,
            open_case,
            meeting: None,
        };
        live.explain_chosen();
        live
    }

    /// The chosen case's evidence, for the detail pane, is completed when it is shown.
    fn explain_chosen(&mut self) {
        if let Some(i) = self.list.chosen_index() {
            explain(&mut self.list.rows[i]);
        }
    }
}

impl Screen for LiveCaseload {
    fn draw(&self, frame: &mut Frame) {
        view(&self.list, frame);
    }

    fn key(&mut self, key: KeyEvent) -> Next {
        let Some(msg) = message_for_key(&self.list, key) else {
            return Next::Stay;
        };
        self.handle(msg)
    }

    fn paste(&mut self, text: String) -> Next {
        self.handle(CaseloadMessage::Paste(text))
    }
}

impl LiveCaseload {
    /// A message through `update`, what it chose carried out.
    fn handle(&mut self, msg: CaseloadMessage) -> Next {
        let chosen = update(&mut self.list, msg);
        self.explain_chosen();
        match chosen {
            CaseloadEffect::Stay => Next::Stay,
            CaseloadEffect::Quit => Next::Close,
            CaseloadEffect::Meeting(dir) => {
                self.meeting = Some(dir);
                Next::Close
            }
            CaseloadEffect::Case(dir) => match (self.open_case)(&dir) {
                Ok(screen) => Next::Open(screen),
                // The case changed since the list was made: say so in its row.
                Err(e) => {
                    if let Some(r) = self.list.rows.iter_mut().find(|r| r.path == dir) {
                        r.error = Some(e.to_string());
                    }
                    Next::Stay
                }
            },
        }
    }
}
