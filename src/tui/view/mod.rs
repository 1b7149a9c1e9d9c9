//! `view`: draws the model. Nothing here changes it. Every string that came from a person or a
//! file passes through `sanitize` before it reaches the buffer.

mod agenda;
mod footer;
mod form;
mod header;
mod help;
mod overlays;
mod picker;
mod steps;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::app::{Model, StatusKind};
use crate::text::sanitize;

/// Below this the screen says it is too small rather than drawing something unreadable.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width the chair's guidance gets a panel of its own.
pub const WIDE: u16 = 140;

/// User text made safe to draw.
pub fn safe(text: &str) -> String {
    sanitize(text).into_owned()
}

pub fn view(m: &Model, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    frame.render_widget(ratatui::widgets::Block::default().style(m.theme.base), area);
    let banner_text = m.save.error.as_ref().map(|e| {
        format!(
            " ⚠ Saving is failing ({}). Everything is kept on screen and saving is retried; do not close the window. ",
            safe(e)
        )
    });
    // Up to three rows, so the emergency copy's path at the start of the error stays readable.
    let banner = banner_text.as_ref().map_or(0, |t| {
        let width = usize::from(area.width.max(1));
        u16::try_from(t.chars().count().div_ceil(width).clamp(1, 3)).unwrap_or(3)
    });
    let [head, banner_area, body, status, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header::draw(m, frame, head);
    if let Some(text) = banner_text {
        frame.render_widget(
            Paragraph::new(text)
                .style(m.theme.error)
                .wrap(Wrap { trim: false }),
            banner_area,
        );
    }
    let agenda_width = if area.width >= WIDE { 30 } else { 24 };
    let guidance_width = if area.width >= WIDE { 40 } else { 0 };
    let [left, middle, right] = Layout::horizontal([
        Constraint::Length(agenda_width),
        Constraint::Min(20),
        Constraint::Length(guidance_width),
    ])
    .areas(body);
    agenda::draw(m, frame, left);
    steps::draw(m, frame, middle, guidance_width == 0);
    if guidance_width > 0 {
        steps::guidance_panel(m, frame, right);
    }
    status_line(m, frame, status);
    footer::draw(m, frame, foot);
    if let Some(o) = &m.overlay {
        overlays::overlay(m, o, frame, body);
    }
    if let Some(list) = &m.step_list {
        picker::step_list(m, list, frame, body);
    }
    if let Some(t) = &m.ticks {
        overlays::ticks(m, t, frame, body);
    }
    if let Some(q) = &m.at_close {
        overlays::at_close(m, q, frame, body);
    }
    if let Some(c) = &m.confirm {
        overlays::confirm(m, c, frame, body);
    }
    if let Some(text) = &m.closed {
        overlays::closed(m, text, frame, body);
    }
    if let Some(scroll) = m.help {
        help::draw(m, scroll, frame, body);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "The terminal is too small ({}×{}). coregroup needs at least {MIN_WIDTH}×{MIN_HEIGHT}: make the window bigger.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn status_line(m: &Model, frame: &mut Frame, area: Rect) {
    let Some(s) = &m.status else {
        return;
    };
    let style = match s.kind {
        StatusKind::Info => m.theme.ok,
        StatusKind::Warning => m.theme.warning,
        StatusKind::Error => m.theme.error,
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            format!(" {}", safe(&s.text)),
            style,
        ))),
        area,
    );
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Rows `text` takes when word-wrapped to `width` columns, as a wrapping `Paragraph` lays it out
/// (a word longer than the width is split).
pub fn wrapped_rows(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut rows = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        let need = if used == 0 { len } else { used + 1 + len };
        if need <= width {
            used = need;
        } else if used == 0 {
            rows += (len - 1) / width;
            used = (len - 1) % width + 1;
        } else {
            rows += 1 + (len.max(1) - 1) / width;
            used = (len.max(1) - 1) % width + 1;
        }
    }
    rows
}

/// Where a scrolled list is: "9–16 of 16" (`first` counts from 0).
pub fn position(first: usize, shown: usize, total: usize) -> String {
    if total == 0 {
        return "0 of 0".into();
    }
    let last = (first + shown).min(total);
    format!("{}–{last} of {total}", (first + 1).min(last))
}

/// "12:03" for minutes and seconds, "1:02:03" past an hour.
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

pub use footer::hints as footer_hints;
pub use form::{Rows, TableSpec, draw_themed as draw_form};
pub use picker::popup as picker_popup;

/// The help's text, line by line (tests read it).
pub fn help_lines(m: &Model) -> Vec<String> {
    help::lines(m).iter().map(|l| l.to_string()).collect()
}
