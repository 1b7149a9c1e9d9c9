//! `?` help: every key of the modes in force now, then the rest of the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centred;
use crate::tui::keymap::Mode;
use crate::tui::meeting::app::Model;

pub fn lines(m: &Model) -> Vec<Line<'static>> {
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
    let mut order = now.clone();
    order.extend(Mode::MEETING.iter().copied().filter(|mo| !now.contains(mo)));
    let mut out = vec![
        Line::from(Span::styled(
            format!("Keys — {}", super::safe(&m.agenda.title)),
            m.theme.title,
        )),
        Line::from(""),
    ];
    // Modes with no keys are left out, so no heading stands empty.
    order.retain(|mo| !m.keymap.bindings(*mo).is_empty());
    let here = order.iter().filter(|mo| now.contains(mo)).count();
    for (i, mode) in order.iter().enumerate() {
        if i == here {
            out.push(Line::from(Span::styled("Elsewhere", m.theme.title)));
            out.push(Line::from(""));
        }
        out.push(Line::from(Span::styled(
            mode.title().to_string(),
            m.theme.label,
        )));
        for b in m.keymap.bindings(*mode) {
            let keys = if b.keys.is_empty() {
                "(no key)".to_string()
            } else if b.keys.len() > 3 {
                // A run of keys (alt-1 … alt-9) in a few characters.
                format!("{} … {}", b.keys[0], b.keys[b.keys.len() - 1])
            } else {
                b.keys
                    .iter()
                    .map(|k| k.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<24}"), m.theme.focus),
                Span::raw(b.desc.clone()),
            ]));
        }
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled(
        "Keys can be changed in keymap.yaml in your config folder.",
        m.theme.dim,
    )));
    out
}

pub fn draw(m: &Model, scroll: u16, frame: &mut Frame, area: Rect) {
    let box_area = centred(area, 72, area.height);
    frame.render_widget(Clear, box_area);
    let lines = lines(m);
    let rows = box_area.height.saturating_sub(2);
    let max = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(rows);
    let first = scroll.min(max);
    let where_ = super::position(usize::from(first), usize::from(rows), lines.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(m.theme.border)
        .title(Span::styled(" Help — Esc closes ", m.theme.title))
        .title_bottom(Line::from(Span::styled(format!(" {where_} "), m.theme.dim)).right_aligned())
        .style(m.theme.base);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((first, 0)),
        box_area,
    );
}
