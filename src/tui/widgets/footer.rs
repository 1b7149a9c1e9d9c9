//! The line of keys at the foot of every screen. A screen says which commands work now, most
//! useful first ([`Hint`]s, from its keymap); this lays them out to the width, leaving off those
//! that do not fit and never cutting one in half.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::safe;
use super::theme::Theme;
use crate::tui::keymap::{KeyCommand, Keymap, Mode};

/// A key and what it does here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub desc: String,
}

impl Hint {
    /// A hint whose key is not one action's ("↑↓", "a name").
    pub fn new(key: impl Into<String>, desc: impl Into<String>) -> Hint {
        Hint {
            key: key.into(),
            desc: desc.into(),
        }
    }

    /// The first key of `action` in `mode`, saying `desc`; `None` when the keymap leaves the
    /// action without a key, so no hint names a key that does nothing.
    pub fn of(keymap: &Keymap, mode: Mode, action: KeyCommand, desc: &str) -> Option<Hint> {
        keymap
            .key_for(mode, action)
            .map(|k| Hint::new(k.glyph(), desc))
    }

    /// The one hint while the help is open: how to close it.
    pub fn close_help(keymap: &Keymap) -> Vec<Hint> {
        Vec::from_iter(Hint::of(
            keymap,
            Mode::Help,
            KeyCommand::Close,
            "close help",
        ))
    }

    /// Columns it takes: a space, the key, a space, what it does, a space.
    fn width(&self) -> usize {
        safe(&self.key).chars().count() + safe(&self.desc).chars().count() + 3
    }
}

/// The first of `hints` that fit in `width` columns whole, in their order: the first that does
/// not fit ends the line, so a less useful hint never takes the place of a more useful one.
pub fn fitting(hints: &[Hint], width: u16) -> &[Hint] {
    let mut used = 0;
    let n = hints
        .iter()
        .take_while(|h| {
            used += h.width();
            used <= usize::from(width)
        })
        .count();
    &hints[..n]
}

/// The hints that fit in `width`, each key marked.
pub fn line(theme: &Theme, hints: &[Hint], width: u16) -> Line<'static> {
    Line::from(
        fitting(hints, width)
            .iter()
            .flat_map(|h| {
                [
                    Span::styled(format!(" {} ", safe(&h.key)), theme.key),
                    Span::styled(format!("{} ", safe(&h.desc)), theme.dim),
                ]
            })
            .collect::<Vec<_>>(),
    )
}

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme, hints: &[Hint]) {
    frame.render_widget(Paragraph::new(line(theme, hints, area.width)), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_that_do_not_fit_are_left_off_whole_in_their_order() {
        let hints = [
            Hint::new("F2", "save"),
            Hint::new("esc", "cancel everything typed"),
            Hint::new("?", "help"),
        ];
        // " F2 save " is 9 columns; the second needs 29 more.
        assert_eq!(fitting(&hints, 9).len(), 1);
        assert_eq!(
            fitting(&hints, 37).len(),
            1,
            "the help does not jump the queue"
        );
        assert_eq!(fitting(&hints, 38).len(), 2);
        assert_eq!(fitting(&hints, 8).len(), 0);
        let theme = Theme::new(crate::tui::widgets::theme::ThemeName::Default);
        let text = line(&theme, &hints, 38).to_string();
        assert_eq!(text, " F2 save  esc cancel everything typed ");
    }

    #[test]
    fn an_action_with_no_key_gives_no_hint() {
        let user = "case_screen:\n  log_event: { keys: [] }\n";
        let keymap = Keymap::parse(
            crate::tui::keymap::DEFAULT_KEYMAP,
            Some((user, std::path::Path::new("keymap.yaml"))),
        )
        .expect("usable");
        assert_eq!(
            Hint::of(&keymap, Mode::Case, KeyCommand::LogEvent, "log"),
            None
        );
        assert_eq!(
            Hint::of(&keymap, Mode::Case, KeyCommand::Up, "scroll"),
            Some(Hint::new("↑", "scroll"))
        );
    }
}
