//! `?` help: every key of the modes in force now, then the rest of the meeting's keymap, drawn
//! and scrolled by `widgets::help`.

use crate::tui::keymap::Mode;
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::help::{HelpPage, HelpSection};

pub fn page(m: &MeetingModel) -> HelpPage {
    // The modes underneath the help, as the chair left them.
    let mut now = vec![];
    if m.confirm.is_none() {
        let form = m.overlay.as_ref().map_or(&m.form, |o| &o.form);
        now.push(crate::tui::meeting::app::field_mode(form));
        if m.overlay.is_some() {
            now.insert(0, Mode::Overlay);
        }
        now.push(Mode::Global);
    }
    let section = |mo: &Mode| HelpSection::of_mode(&m.keymap, *mo);
    HelpPage {
        title: format!("Keys — {}", m.agenda.title),
        intro: None,
        here: now.iter().map(section).collect(),
        elsewhere: Mode::MEETING
            .iter()
            .filter(|mo| !now.contains(mo))
            .map(section)
            .collect(),
    }
}
