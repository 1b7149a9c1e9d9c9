//! Boxes over a screen: [`boxed`] draws a centred box with its title and gives back the room
//! inside it; [`Confirm`] is every screen's yes-or-no question, with the one key handler
//! ([`Confirm::answer`], the keymap's `confirm` section) and the one drawing.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::layout::{centred, position, safe};
use super::theme::Theme;
use super::wrap::wrap_line;
use crate::tui::keymap::{KeyCommand, Keymap, Mode};

/// The widest a question's box grows.
const WIDTH: u16 = 72;

/// A box over `area` with `title` on its border, cleared underneath; the room inside it.
pub fn boxed(frame: &mut Frame, area: Rect, theme: &Theme, title: &str) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(format!(" {} ", safe(title)), theme.title))
        .style(theme.base);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// A question that needs a yes or a no before `on_yes` is acted on; or, as a notice, only
/// reading. The lines under the question scroll when they do not fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm<T> {
    pub question: String,
    /// Lines under the question: what would be lost, what is missing.
    pub detail: Vec<String>,
    /// What the yes and the no keys are said to do.
    pub yes: String,
    pub no: String,
    /// Nothing to decide: a notice read and dismissed with either key.
    pub notice: bool,
    pub on_yes: T,
    /// The first line of `detail` shown.
    pub scroll: usize,
    /// How many lines of `detail` the box last showed, so a page key moves by what fits.
    page: Cell<usize>,
}

/// What a key did to a question.
#[derive(Debug, PartialEq)]
pub enum ConfirmReply<T> {
    Yes(T),
    /// No: the value, for a screen that does something on a no too.
    No(T),
    /// Not answered yet (it scrolled, or the key means nothing here).
    Open(Confirm<T>),
}

impl<T> Confirm<T> {
    pub fn new(question: impl Into<String>, on_yes: T) -> Confirm<T> {
        Confirm {
            question: question.into(),
            detail: Vec::new(),
            yes: "yes".into(),
            no: "no".into(),
            notice: false,
            on_yes,
            scroll: 0,
            page: Cell::new(1),
        }
    }

    /// A notice: the reader only reads it, and either key carries on.
    pub fn notice(title: impl Into<String>, detail: Vec<String>, on_yes: T) -> Confirm<T> {
        Confirm {
            notice: true,
            ..Confirm::new(title, on_yes).with_detail(detail)
        }
    }

    pub fn with_detail(mut self, detail: Vec<String>) -> Confirm<T> {
        self.detail = detail;
        self
    }

    /// What the yes and the no keys say they do ("throw it away", "keep it").
    pub fn with_labels(mut self, yes: impl Into<String>, no: impl Into<String>) -> Confirm<T> {
        self.yes = yes.into();
        self.no = no.into();
        self
    }

    /// A key of the keymap's `confirm` section: yes, no, or the lines scrolled.
    pub fn answer(mut self, a: KeyCommand) -> ConfirmReply<T> {
        let page = self.page.get().max(1);
        let last = self.detail.len().saturating_sub(1);
        self.scroll = match a {
            KeyCommand::Yes => return ConfirmReply::Yes(self.on_yes),
            KeyCommand::No => return ConfirmReply::No(self.on_yes),
            KeyCommand::Up => self.scroll.saturating_sub(1),
            KeyCommand::Down => self.scroll + 1,
            KeyCommand::PageUp => self.scroll.saturating_sub(page),
            KeyCommand::PageDown => self.scroll + page,
            _ => self.scroll,
        }
        .min(last);
        ConfirmReply::Open(self)
    }

    /// The question's box, centred in `area`, sized to what it says.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, keymap: &Keymap) {
        let w = area.width.saturating_sub(4).min(WIDTH);
        let inner_w = w.saturating_sub(2).max(1);
        let question = wrap_line(
            &Line::from(Span::styled(safe(&self.question), theme.title)),
            inner_w,
            0,
        );
        let detail: Vec<Vec<Line<'static>>> = self
            .detail
            .iter()
            .map(|d| wrap_line(&Line::from(format!("  • {}", safe(d))), inner_w, 4))
            .collect();
        // Room for the lines: the borders, the question, a blank row, the position, a blank row
        // and the keys.
        let room = usize::from(area.height.saturating_sub(6)).saturating_sub(question.len());
        let first = self.scroll.min(detail.len().saturating_sub(1));
        let mut shown = Vec::new();
        let mut count = 0;
        for rows in detail.iter().skip(first) {
            if shown.len() + rows.len() > room && count > 0 {
                break;
            }
            shown.extend(rows.iter().cloned());
            count += 1;
        }
        self.page.set(count);
        let mut lines = question;
        if !detail.is_empty() {
            lines.push(Line::from(""));
        }
        lines.extend(shown);
        if count < detail.len() {
            lines.push(Line::from(Span::styled(
                format!("  {} · ↑↓ scroll", position(first, count, detail.len())),
                theme.dim,
            )));
        }
        lines.push(Line::from(""));
        let yes = keymap.key_label(Mode::Confirm, KeyCommand::Yes);
        let no = keymap.key_label(Mode::Confirm, KeyCommand::No);
        let keys = if self.notice {
            format!("press {yes} or {no} to carry on")
        } else {
            format!("{yes} {} · {no} {}", safe(&self.yes), safe(&self.no))
        };
        lines.extend(wrap_line(
            &Line::from(Span::styled(keys, theme.focus)),
            inner_w,
            0,
        ));
        let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let title = if self.notice {
            "Please note"
        } else {
            "Please confirm"
        };
        let inner = boxed(frame, centred(area, w, h), theme, title);
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_acts_on_its_value_no_drops_it_and_other_keys_wait() {
        let c = Confirm::new("Remove it?", 7).with_detail(vec!["a".into(), "b".into()]);
        assert_eq!(c.clone().answer(KeyCommand::Yes), ConfirmReply::Yes(7));
        assert_eq!(c.clone().answer(KeyCommand::No), ConfirmReply::No(7));
        let ConfirmReply::Open(c) = c.answer(KeyCommand::Down) else {
            panic!("a scroll is no answer");
        };
        assert_eq!(c.scroll, 1);
        // The last line is as far as it goes.
        let ConfirmReply::Open(c) = c.answer(KeyCommand::PageDown) else {
            panic!("a scroll is no answer");
        };
        assert_eq!(c.scroll, 1);
        assert!(matches!(c.answer(KeyCommand::Save), ConfirmReply::Open(_)));
    }
}
