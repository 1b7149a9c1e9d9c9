//! Forms over the step (capture and editors), questions, and the closing message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::keymap::{KeyCommand, Mode};
use crate::tui::meeting::app::{AtCloseQuestion, MeetingModel};
use crate::tui::meeting::overlay::Overlay;
use crate::tui::widgets::dialog;
use crate::tui::widgets::form_view as form;
use crate::tui::widgets::layout::{centred, safe};
use crate::tui::widgets::ticks::Ticks;
use crate::tui::widgets::wrap::wrap_line;

pub fn overlay(m: &MeetingModel, o: &Overlay, frame: &mut Frame, area: Rect) {
    let w = area
        .width
        .saturating_sub(4)
        .min(if area.width >= 120 { 96 } else { 76 });
    // The box grows with what is typed into its notes, up to the screen's height.
    let h = form::wanted_height(&o.form, w.saturating_sub(2)).saturating_add(4);
    let rect = centred(area, w, h.max(8));
    let inner = dialog::boxed(frame, rect, &m.theme, &o.title());
    let body = Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    };
    // Size the notes' rows from the room there is: `form` gives a note height/8 rows.
    let form_area = Rect {
        height: body.height,
        ..body
    };
    let no_rows = |_: crate::tui::widgets::field::FieldId, _: std::ops::Range<usize>| {
        super::steps::table::empty_table()
    };
    let scaled = Rect {
        height: form_area.height,
        ..form_area
    };
    form::draw_with(
        &m.theme,
        Some(&m.draft.plan),
        &o.form,
        frame,
        scaled,
        &no_rows,
        true,
    );
    let hint = format!(
        "{} save · {} cancel · Tab next field",
        m.keymap.key_label(Mode::Overlay, KeyCommand::Save),
        m.keymap.key_label(Mode::Overlay, KeyCommand::Cancel)
    );
    let mut lines = Vec::new();
    if let Some(e) = &o.error {
        lines.push(Line::from(Span::styled(
            format!("✗ {}", safe(e)),
            m.theme.missing,
        )));
    } else {
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(hint, m.theme.dim)));
    let foot = Rect {
        y: inner.y + inner.height.saturating_sub(2),
        height: 2.min(inner.height),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), foot);
}

pub fn closed(m: &MeetingModel, text: &str, frame: &mut Frame, area: Rect) {
    // Tall enough for all of what closing said (a merge with a hand edit says more).
    let w = area.width.saturating_sub(4).min(72);
    let said = wrap_line(&Line::from(safe(text)), w.saturating_sub(2), 0);
    let h = (6 + u16::try_from(said.len()).unwrap_or(u16::MAX)).max(9);
    let rect = centred(area, w, h);
    let inner = dialog::boxed(frame, rect, &m.theme, "The meeting is closed");
    let mut lines = vec![
        Line::from(Span::styled(
            "The record, the updated plan and the documents were written.",
            m.theme.ok,
        )),
        Line::from(""),
    ];
    lines.extend(said);
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Press any key to leave.",
        m.theme.dim,
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The lines to tick, the cursor's line highlighted, the keys under them. A list longer than
/// the screen shows the part around the cursor, with its position.
pub fn ticks(m: &MeetingModel, t: &Ticks, frame: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(72);
    let room = usize::from(area.height.saturating_sub(6)).max(1);
    let shown = t.rows.len().min(room);
    let first = t.cursor.saturating_sub(shown.saturating_sub(1));
    let scrolls = shown < t.rows.len();
    let h = u16::try_from(shown).unwrap_or(1) + 4 + u16::from(scrolls);
    let inner = dialog::boxed(frame, centred(area, w, h), &m.theme, &t.title);
    let mut lines = Vec::new();
    for (i, row) in t.rows.iter().enumerate().skip(first).take(shown) {
        let tick = if t.on.get(i).copied().unwrap_or(false) {
            "[x]"
        } else {
            "[ ]"
        };
        let key = t.keys.get(i).copied().flatten().map_or(' ', |k| k);
        let style = if i == t.cursor {
            m.theme.focus.patch(m.theme.selected)
        } else {
            m.theme.base
        };
        let line = format!("{key} {tick} {}", safe(row));
        let width = usize::from(inner.width.max(1));
        let line = if line.chars().count() > width {
            let cut: String = line.chars().take(width - 1).collect();
            format!("{cut}…")
        } else {
            line
        };
        lines.push(Line::from(Span::styled(line, style)));
    }
    if scrolls {
        lines.push(Line::from(Span::styled(
            format!(
                "  {}",
                crate::tui::widgets::layout::position(first, shown, t.rows.len())
            ),
            m.theme.dim,
        )));
    }
    lines.push(Line::from(""));
    let key = |a| m.keymap.key_label(Mode::Ticks, a);
    lines.push(Line::from(Span::styled(
        format!(
            "{} tick · {} keep · {} cancel",
            key(KeyCommand::Toggle),
            key(KeyCommand::Activate),
            key(KeyCommand::Cancel)
        ),
        m.theme.focus,
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The question at the close: each field changed both by hand and by the meeting, in words,
/// with both values wrapped under it, the value the plan keeps marked. The cursor's field is
/// highlighted; a list longer than the screen shows the part around it.
pub fn at_close(m: &MeetingModel, q: &AtCloseQuestion, frame: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(110);
    let inner_w = w.saturating_sub(2).max(1);
    let n = q.at.conflicts.len();
    let mut head = vec![Line::from(Span::styled(
        format!(
            "While the meeting was open, plan.yaml was changed by hand in {} the meeting \
             changed too. Choose, for each, the value the plan keeps: the other is kept in a \
             conflict file beside plan.yaml.",
            if n == 1 {
                "a field".to_string()
            } else {
                format!("{n} fields")
            }
        ),
        m.theme.title,
    ))];
    if q.again {
        head.push(Line::from(Span::styled(
            "plan.yaml was changed again while you chose: look again.",
            m.theme.warning,
        )));
    }
    let head: Vec<Line<'static>> = head.iter().flat_map(|l| wrap_line(l, inner_w, 0)).collect();
    // Each field: its name, then the two values, each wrapped under its own text.
    let field_lines = |i: usize| -> Vec<Line<'static>> {
        let f = &q.at.conflicts[i];
        let meeting = q.meeting.get(i).copied().unwrap_or(false);
        let here = i == q.cursor;
        let name_style = if here {
            m.theme.focus.patch(m.theme.selected)
        } else {
            m.theme.label
        };
        let mark = |on: bool| if on { "(•)" } else { "( )" };
        let mut lines = vec![Line::from(Span::styled(
            format!("{} {}", if here { "▸" } else { " " }, safe(&f.words.field)),
            name_style,
        ))];
        for (on, who, value) in [
            (!meeting, "by hand:       ", &f.words.hand),
            (meeting, "by the meeting:", &f.words.meeting),
        ] {
            let style = if on { m.theme.base } else { m.theme.dim };
            let line = Line::from(Span::styled(
                format!("    {} {who} {}", mark(on), safe(value)),
                style,
            ));
            lines.extend(wrap_line(&line, inner_w, 24));
        }
        lines
    };
    // Room for the fields: the box's borders, the heading, a blank row, the position, a blank
    // row and the keys.
    let room = usize::from(area.height.saturating_sub(2))
        .saturating_sub(head.len() + 4)
        .max(1);
    // From the cursor's field back, as many as fit; then forward from there.
    let mut first = q.cursor.min(n.saturating_sub(1));
    let mut used = field_lines(first).len();
    while first > 0 && used + field_lines(first - 1).len() <= room {
        first -= 1;
        used += field_lines(first).len();
    }
    let mut body: Vec<Line<'static>> = Vec::new();
    let mut shown = 0;
    for i in first..n {
        let lines = field_lines(i);
        if body.len() + lines.len() > room && shown > 0 {
            break;
        }
        body.extend(lines);
        shown += 1;
    }
    body.truncate(room);
    let scrolls = shown < n;
    let mut lines = head;
    lines.push(Line::from(""));
    lines.extend(body);
    if scrolls {
        lines.push(Line::from(Span::styled(
            format!(
                "  {} · ↑↓ the other fields",
                crate::tui::widgets::layout::position(first, shown, n)
            ),
            m.theme.dim,
        )));
    }
    lines.push(Line::from(""));
    let key = |a| m.keymap.key_label(Mode::CloseConflict, a);
    let keys = if q.sent {
        "closing…".to_string()
    } else {
        format!(
            "{} keep the hand edit · {} take the meeting's · {} switch · {} close the meeting · \
             {} go back",
            key(KeyCommand::KeepHand),
            key(KeyCommand::TakeMeeting),
            key(KeyCommand::Toggle),
            key(KeyCommand::Activate),
            key(KeyCommand::Cancel)
        )
    };
    lines.extend(wrap_line(
        &Line::from(Span::styled(keys, m.theme.focus)),
        inner_w,
        0,
    ));
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = dialog::boxed(
        frame,
        centred(area, w, h),
        &m.theme,
        "plan.yaml was changed in the same place",
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
