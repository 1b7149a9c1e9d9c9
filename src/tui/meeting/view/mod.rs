//! `view`: draws the model. Nothing here changes it. Every string that came from a person or a
//! file passes through `sanitize` before it reaches the buffer.

mod agenda;
pub mod footer;
mod header;
mod help_page;
mod overlays;
mod step_list;
mod steps;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::app::{MeetingModel, StatusKind};
use crate::tui::widgets::form_view as form;
use crate::tui::widgets::layout::{MIN_HEIGHT, MIN_WIDTH, WIDE, safe};
use crate::tui::widgets::{self, help};

pub fn view(m: &MeetingModel, frame: &mut Frame) {
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
    widgets::footer::draw(frame, foot, &m.theme, &footer::hints(m));
    if let Some(o) = &m.overlay {
        overlays::overlay(m, o, frame, body);
    }
    if let Some(list) = &m.step_list {
        step_list::step_list(m, list, frame, body);
    }
    if let Some(t) = &m.ticks {
        overlays::ticks(m, t, frame, body);
    }
    if let Some(q) = &m.at_close {
        overlays::at_close(m, q, frame, body);
    }
    if let Some(c) = &m.confirm {
        c.draw(frame, body, &m.theme, &m.keymap);
    }
    if let Some(text) = &m.closed {
        overlays::closed(m, text, frame, body);
    }
    if let Some(h) = &m.help {
        help::draw(frame, body, &m.theme, &m.keymap, &help_page::page(m), h);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "The terminal is too small ({}×{}). coregroup needs at least {MIN_WIDTH}×{MIN_HEIGHT}: make the window bigger.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn status_line(m: &MeetingModel, frame: &mut Frame, area: Rect) {
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

/// The help's text, line by line (tests read it).
pub fn help_lines(m: &MeetingModel) -> Vec<String> {
    help::lines(&help_page::page(m), &m.theme, u16::MAX)
        .iter()
        .map(|l| l.to_string())
        .collect()
}
