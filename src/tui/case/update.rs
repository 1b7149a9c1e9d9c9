//! `update` for the case screen: moving between its parts and scrolling. Pure.

use ratatui::crossterm::event::KeyEvent;

use super::model::{Model, Tab};
use crate::tui::keymap::{Action, Chord, Mode};

#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    Act(Action),
    /// Show the part with this number (1 is the first).
    GoTo(usize),
}

/// The keys the screen reads: the global keys and those of a list.
pub fn message_for_key(m: &Model, key: KeyEvent) -> Option<Message> {
    let chord = Chord::from_event(&key)?;
    let modes = if m.help {
        vec![Mode::Help]
    } else {
        vec![Mode::List, Mode::Global]
    };
    let a = m.keymap.lookup(&modes, &chord)?;
    if a == Action::GoToStep {
        let n = m.keymap.key_index(Mode::Global, a, &chord)?;
        return Some(Message::GoTo(n + 1));
    }
    Some(Message::Act(a))
}

/// `true` when the screen is to end.
pub fn update(m: &mut Model, msg: Message) -> bool {
    let page = m.page.get().max(1);
    match msg {
        Message::GoTo(n) => {
            if let Some(t) = Tab::ALL.get(n.wrapping_sub(1)) {
                show(m, *t);
            }
        }
        Message::Act(a) if m.help => {
            if matches!(a, Action::Close | Action::Help) {
                m.help = false;
            }
        }
        Message::Act(a) => match a {
            Action::Quit => return true,
            Action::Help => m.help = true,
            Action::NextStep | Action::NextField => {
                show(m, Tab::ALL[(m.tab.index() + 1) % Tab::ALL.len()]);
            }
            Action::PrevStep | Action::PrevField => {
                show(
                    m,
                    Tab::ALL[(m.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()],
                );
            }
            Action::Up => m.scroll = m.scroll.saturating_sub(1),
            Action::Down => m.scroll = m.scroll.saturating_add(1),
            Action::PageUp => m.scroll = m.scroll.saturating_sub(page),
            Action::PageDown => m.scroll = m.scroll.saturating_add(page),
            _ => {}
        },
    }
    false
}

fn show(m: &mut Model, t: Tab) {
    m.tab = t;
    m.scroll = 0;
}
