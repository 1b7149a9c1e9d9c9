//! Draws a form's fields, one under another, keeping the focused one in view. Lists draw only
//! their visible rows, which the step's view supplies.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Wrap};

use super::layout::safe;
use crate::domain::plan::Plan;
use crate::tui::widgets::field::{Field, FieldId, FieldKind, privacy_mark};
use crate::tui::widgets::forms::Form;
use crate::tui::widgets::text_field::{Editing, TextField};
use crate::tui::widgets::theme::Theme;

/// The visible rows of a list, from the step's view.
pub struct TableSpec {
    pub header: Vec<&'static str>,
    pub widths: Vec<Constraint>,
    pub rows: Vec<Row<'static>>,
    /// Shown when the list is empty.
    pub empty: String,
}

/// Rows of plain cells for a list `width` wide (less its selection marker), each cell cut with
/// "…" to the width its column gets, so nothing is cut off without a sign.
pub fn fitted_rows(
    cells: Vec<Vec<String>>,
    widths: &[Constraint],
    width: u16,
) -> Vec<Row<'static>> {
    let cols = Layout::horizontal(widths.to_vec())
        .spacing(1)
        .split(Rect::new(0, 0, width.saturating_sub(2), 1));
    cells
        .into_iter()
        .map(|row| {
            Row::new(
                row.iter()
                    .zip(cols.iter())
                    .map(|(c, r)| super::layout::cut(&safe(c), usize::from(r.width)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

pub type Rows<'a> = dyn Fn(FieldId, std::ops::Range<usize>) -> TableSpec + 'a;

fn note_rows(area: Rect) -> u16 {
    (area.height / 8).clamp(2, 6)
}

/// Rows `text` takes in a note `width` wide, each line wrapped where the text field wraps it, and
/// one more for the cursor to go on.
fn typed_rows(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = text
        .split('\n')
        .map(|l| l.chars().count().div_ceil(width).max(1))
        .sum();
    u16::try_from(rows + 1).unwrap_or(u16::MAX)
}

/// Rows a one-line field's value takes at `width`: what is typed, wrapped at words, with the
/// cursor after it.
fn value_rows(text: &str, width: u16) -> u16 {
    let rows = super::layout::wrapped_rows(&format!("{text}_"), usize::from(width.max(1)));
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// The rows a one-line text field would like: its label's, or what is typed if more.
fn grown_rows(plan: Option<&Plan>, field: &Field, t: &TextField, area: Rect) -> u16 {
    let label_w = label_width(area);
    let value_w = area.width.saturating_sub(label_w).saturating_sub(1);
    label_rows(plan, field, label_w).max(value_rows(&t.text(), value_w))
        + u16::from(field.hint.is_some())
}

fn label_width(area: Rect) -> u16 {
    (area.width / 3).min(26)
}

/// Rows a label beside its value takes: long labels wrap rather than being cut.
fn label_rows(plan: Option<&Plan>, field: &Field, label_w: u16) -> u16 {
    let rows = super::layout::wrapped_rows(
        &format!("{}{}", private_mark(plan, field), field.label),
        usize::from(label_w.saturating_sub(3)),
    );
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// Rows a note's label takes above it: a long question wraps rather than being cut mid-word at a
/// narrow window.
fn note_label_rows(plan: Option<&Plan>, field: &Field, width: u16) -> u16 {
    let rows = super::layout::wrapped_rows(
        &format!("{}{}", private_mark(plan, field), field.label),
        usize::from(width.saturating_sub(3)),
    );
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn height(plan: Option<&Plan>, field: &Field, area: Rect) -> u16 {
    match &field.kind {
        FieldKind::Text(t) if t.multiline => {
            note_label_rows(plan, field, area.width)
                + field
                    .rows
                    .map_or(note_rows(area), |r| r.min(area.height.saturating_sub(1)))
        }
        FieldKind::Table(t) => 2 + (t.len.min(usize::from(t.height)).max(1) as u16),
        FieldKind::Button => 1,
        // A hint (what is wrong with the value) takes a row of its own under it.
        _ => label_rows(plan, field, label_width(area)) + u16::from(field.hint.is_some()),
    }
}

/// The rows `form` would like at `width` wide: every label whole, and each note (at least 3 rows)
/// as tall as what is typed in it. A box sized by it shows a growing note whole while it fits.
pub fn wanted_height(form: &Form, width: u16) -> u16 {
    let area = Rect {
        width,
        ..Rect::default()
    };
    form.fields
        .iter()
        .map(|f| match &f.kind {
            FieldKind::Text(t) if t.multiline => {
                note_label_rows(None, f, width)
                    + typed_rows(&t.text(), width.saturating_sub(2)).max(3)
            }
            FieldKind::Text(t) => grown_rows(None, f, t, area),
            _ => height(None, f, area),
        })
        .fold(0, u16::saturating_add)
}

/// Draw the form into `area`; `active` is false when another form is over it. Only the theme
/// is needed.
pub fn draw_themed(
    m: &Theme,
    form: &Form,
    frame: &mut Frame,
    area: Rect,
    rows: &Rows,
    active: bool,
) {
    draw_with(m, None, form, frame, area, rows, active);
}

/// [`draw_themed`] where `plan` names the family members an item is not for, on the forms that
/// hold items.
pub fn draw_with(
    m: &Theme,
    plan: Option<&Plan>,
    form: &Form,
    frame: &mut Frame,
    area: Rect,
    rows: &Rows,
    active: bool,
) {
    if area.height == 0 || area.width < 4 {
        return;
    }
    let mut heights: Vec<u16> = form.fields.iter().map(|f| height(plan, f, area)).collect();
    // The one-line text being typed into shows all of it (up to a third of the room), lists
    // giving way first; others grow only into spare room, below.
    if let Some(f) = form.fields.get(form.focus)
        && let FieldKind::Text(t) = &f.kind
        && !t.multiline
        && active
    {
        let want = grown_rows(plan, f, t, area).min((area.height / 3).max(1));
        heights[form.focus] = heights[form.focus].max(want);
    }
    // Lists grow into spare room and shrink to fit before the form scrolls.
    let total: u16 = heights.iter().sum();
    if total < area.height {
        let mut spare = area.height - total;
        for (i, f) in form.fields.iter().enumerate() {
            if let FieldKind::Table(t) = &f.kind {
                let want = (t.len.max(1) as u16)
                    .saturating_add(2)
                    .saturating_sub(heights[i]);
                let grow = want.min(spare);
                heights[i] += grow;
                spare -= grow;
            }
        }
        // Then notes and one-line texts grow to show what is typed, with room to go on typing,
        // before any scrolls.
        for (i, f) in form.fields.iter().enumerate() {
            if let FieldKind::Text(t) = &f.kind {
                let rows = if t.multiline {
                    note_label_rows(plan, f, area.width)
                        + typed_rows(&t.text(), area.width.saturating_sub(2))
                } else {
                    grown_rows(plan, f, t, area)
                };
                let want = rows.saturating_sub(heights[i]);
                let grow = want.min(spare);
                heights[i] += grow;
                spare -= grow;
            }
        }
    }
    if total > area.height {
        let over = total - area.height;
        let tables: Vec<usize> = form
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| matches!(f.kind, FieldKind::Table(_)))
            .map(|(i, _)| i)
            .collect();
        if !tables.is_empty() {
            let each = over.div_ceil(tables.len() as u16);
            for i in tables {
                // A list keeps its header and the rows it asks to keep (one unless it says).
                let keep = match (&form.fields[i].kind, form.fields[i].rows) {
                    (FieldKind::Table(t), Some(r)) => r.min(t.len.max(1) as u16),
                    _ => 1,
                };
                heights[i] = heights[i].saturating_sub(each).max(2 + keep);
            }
        }
    }
    // Start early enough that the focused field is visible.
    let mut first = 0;
    while first < form.focus {
        let used: u16 = heights[first..=form.focus.min(heights.len().saturating_sub(1))]
            .iter()
            .sum();
        if used <= area.height {
            break;
        }
        first += 1;
    }
    let label_w = label_width(area);
    let mut y = area.y;
    let mut typed_into = None;
    for (i, field) in form.fields.iter().enumerate().skip(first) {
        let h = heights[i];
        if y + h > area.y + area.height {
            break;
        }
        let rect = Rect {
            x: area.x,
            y,
            width: area.width,
            height: h,
        };
        draw_field(
            Look { theme: m, plan },
            field,
            frame,
            rect,
            label_w,
            active && i == form.focus,
            rows,
        );
        if let FieldKind::Choice(c) = &field.kind
            && active
            && i == form.focus
            && c.is_filtering()
        {
            // The matches take the form's width, under the label too, so they are read whole.
            let under = Rect {
                x: rect.x + 2,
                width: rect.width.saturating_sub(2),
                height: 1,
                ..rect
            };
            typed_into = Some((c, under));
        }
        y += h;
    }
    // Drawn last, over the fields below.
    if let Some((c, value)) = typed_into {
        super::picker_view::popup_themed(m, c, frame, value, area);
    }
}

fn label_span(
    m: &Theme,
    plan: Option<&Plan>,
    field: &Field,
    focused: bool,
    width: u16,
) -> Span<'static> {
    let mark = if focused { "› " } else { "  " };
    let private = private_mark(plan, field);
    let text: String = format!("{mark}{private}{}", field.label)
        .chars()
        .take(usize::from(width.saturating_sub(1)))
        .collect();
    Span::styled(text, label_style(m, focused, &private))
}

/// Who may read the item is shown before its label, the same on every form.
fn private_mark(plan: Option<&Plan>, field: &Field) -> String {
    match (plan, &field.privacy) {
        (Some(plan), Some(p)) => privacy_mark(p, plan),
        _ => String::new(),
    }
}

fn label_style(m: &Theme, focused: bool, private: &str) -> Style {
    if focused {
        m.focus
    } else if !private.is_empty() {
        m.confidential
    } else {
        m.label
    }
}

/// How a field is drawn: the theme, and the plan that names whom an item is not for.
struct Look<'a> {
    theme: &'a Theme,
    plan: Option<&'a Plan>,
}

fn draw_field(
    look: Look,
    field: &Field,
    frame: &mut Frame,
    rect: Rect,
    label_w: u16,
    focused: bool,
    rows: &Rows,
) {
    let Look { theme: m, plan } = look;
    if let FieldKind::Table(t) = &field.kind {
        let body = Rect {
            y: rect.y + 1,
            height: rect.height.saturating_sub(1),
            ..rect
        };
        let visible = usize::from(body.height.saturating_sub(1)).max(1);
        // Whole pages, but the last one full: the ninth of nine rows does not stand alone.
        let offset = ((t.selected / visible) * visible).min(t.len.saturating_sub(visible));
        // Where the rows shown are, when they are not all of them: "9–16 of 16".
        let count = if t.len > visible {
            super::layout::position(offset, visible, t.len)
        } else {
            t.len.to_string()
        };
        let title = Line::from(vec![
            label_span(m, plan, field, focused, rect.width),
            Span::styled(format!(" ({count})"), m.dim),
        ]);
        frame.render_widget(Paragraph::new(title), Rect { height: 1, ..rect });
        let spec = rows(field.id, offset..(offset + visible).min(t.len));
        if t.len == 0 {
            frame.render_widget(
                Paragraph::new(Span::styled(format!("    {}", spec.empty), m.dim)),
                body,
            );
            return;
        }
        let styled: Vec<Row> = spec
            .rows
            .into_iter()
            .enumerate()
            .map(|(k, row)| {
                if offset + k == t.selected {
                    row.style(if focused { m.selected } else { m.current })
                } else {
                    row
                }
            })
            .collect();
        let header = Row::new(spec.header).style(m.dim);
        let table = Table::new(styled, spec.widths)
            .header(header)
            .column_spacing(1);
        // Two columns to the left are kept for the selection marker.
        let cells = Rect {
            x: body.x + 2,
            width: body.width.saturating_sub(2),
            ..body
        };
        frame.render_widget(table, cells);
        // The selection marker, drawn over the first column.
        let mark_y = body.y + 1 + (t.selected - offset) as u16;
        if mark_y < body.y + body.height {
            frame.render_widget(
                Paragraph::new(Span::styled("▸", if focused { m.focus } else { m.dim })),
                Rect {
                    x: body.x,
                    y: mark_y,
                    width: 1,
                    height: 1,
                },
            );
        }
        return;
    }
    if let FieldKind::Button = field.kind {
        let style = if focused {
            m.focus.patch(m.selected)
        } else {
            m.title
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(if focused { "› " } else { "  " }),
                Span::styled(format!("[ {} ]", field.label), style),
            ])),
            rect,
        );
        return;
    }
    if let FieldKind::Text(t) = &field.kind
        && t.multiline
    {
        // A note takes the whole width under its label; the label wraps under itself, after the
        // focus mark.
        let private = private_mark(plan, field);
        let label_h = note_label_rows(plan, field, rect.width).min(rect.height);
        frame.render_widget(
            Paragraph::new(Span::styled(
                if focused { "› " } else { "  " },
                label_style(m, focused, &private),
            )),
            Rect { height: 1, ..rect },
        );
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{private}{}", field.label),
                label_style(m, focused, &private),
            ))
            .wrap(Wrap { trim: true }),
            Rect {
                x: rect.x + 2,
                width: rect.width.saturating_sub(3),
                height: label_h,
                ..rect
            },
        );
        let below = Rect {
            y: rect.y + label_h,
            height: rect.height.saturating_sub(label_h),
            x: rect.x + 2,
            width: rect.width.saturating_sub(2),
        };
        text(m, t, frame, below, focused);
        return;
    }
    // The label wraps under itself, after the focus mark, so a second line reads as the label's.
    let private = private_mark(plan, field);
    let style = label_style(m, focused, &private);
    frame.render_widget(
        Paragraph::new(Span::styled(if focused { "› " } else { "  " }, style)),
        Rect { height: 1, ..rect },
    );
    frame.render_widget(
        Paragraph::new(Span::styled(format!("{private}{}", field.label), style))
            .wrap(Wrap { trim: true }),
        Rect {
            x: rect.x + 2,
            width: label_w.saturating_sub(3),
            ..rect
        },
    );
    let value = Rect {
        x: rect.x + label_w,
        width: rect.width.saturating_sub(label_w),
        height: 1,
        ..rect
    };
    match &field.kind {
        FieldKind::Text(t) => {
            // As tall as the field was given, less the hint's row: a long value wraps.
            let rows = rect.height.saturating_sub(u16::from(field.hint.is_some()));
            text(
                m,
                t,
                frame,
                Rect {
                    height: rows.max(1),
                    ..value
                },
                focused,
            );
        }
        FieldKind::Date(d) => {
            let w = value.width.min(16);
            text(m, &d.text, frame, Rect { width: w, ..value }, focused);
            let (desc, style) = match &d.parsed {
                // A day that has happened is never "tomorrow" or "in 2 weeks".
                None if d.happened => ("e.g. 14/3/2019, yesterday, mon".to_string(), m.dim),
                None => ("e.g. fri, 2w, 4/12, tomorrow".to_string(), m.dim),
                Some(Ok(r)) => (format!("→ {}", r.describe()), m.ok),
                Some(Err(e)) => (format!("✗ {}", e.message), m.missing),
            };
            beside(frame, value, w, Span::styled(desc, style));
        }
        FieldKind::Time(t) => {
            let w = value.width.min(12);
            text(m, &t.text, frame, Rect { width: w, ..value }, focused);
            let (desc, style) = match &t.parsed {
                None => ("e.g. 10:00, 2.30pm".to_string(), m.dim),
                Some(Ok(v)) => (format!("→ {}", v.format("%H:%M")), m.ok),
                Some(Err(e)) => (format!("✗ {}", e.message), m.missing),
            };
            beside(frame, value, w, Span::styled(desc, style));
        }
        FieldKind::Choice(c) => {
            let style = if focused { m.focus } else { m.base };
            let text = if focused {
                format!("◀ {} ▶", safe(c.current()))
            } else {
                format!("  {}", safe(c.current()))
            };
            let mut spans = vec![Span::styled(text, style)];
            if focused && !c.is_filtering() {
                spans.push(Span::styled("  type to find", m.dim));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), value);
        }
        FieldKind::Toggle(on) => {
            let style = if focused { m.focus } else { m.base };
            let text = if *on { "[x] yes" } else { "[ ] no" };
            frame.render_widget(
                Paragraph::new(Span::styled(format!("  {text}"), style)),
                value,
            );
        }
        FieldKind::Table(_) | FieldKind::Button => {}
    }
    if let Some(hint) = &field.hint
        && rect.height > 1
    {
        let y = rect.y + rect.height - 1;
        let value = Rect {
            height: rect.height,
            ..value
        };
        frame.render_widget(
            Paragraph::new(Span::styled(safe(hint), m.dim)),
            Rect {
                y,
                height: 1,
                ..value
            },
        );
    }
}

fn beside(frame: &mut Frame, value: Rect, used: u16, span: Span<'static>) {
    if value.width > used + 1 {
        frame.render_widget(
            Paragraph::new(span),
            Rect {
                x: value.x + used + 1,
                width: value.width - used - 1,
                height: 1,
                ..value
            },
        );
    }
}

fn text(m: &Theme, t: &TextField, frame: &mut Frame, rect: Rect, focused: bool) {
    let field_style: Style = if focused { m.selected } else { m.base };
    let inner = Rect {
        x: rect.x + 1,
        width: rect.width.saturating_sub(1),
        ..rect
    };
    frame.render_widget(Paragraph::new("").style(field_style), rect);
    if focused {
        editing(t, frame, inner, field_style);
        return;
    }
    // Unfocused text shows only what fits, so a long note costs little to draw.
    let budget = usize::from(inner.width) * usize::from(inner.height) + 1;
    let mut shown = String::new();
    for line in t.lines() {
        if shown.chars().count() >= budget {
            break;
        }
        if !shown.is_empty() {
            shown.push('\n');
        }
        shown.extend(line.chars().take(budget));
    }
    let lines: Vec<Line> = shown.split('\n').map(|l| Line::from(safe(l))).collect();
    let p = Paragraph::new(lines)
        .style(field_style)
        .wrap(Wrap { trim: false });
    frame.render_widget(p, inner);
}

/// The focused field: its textarea, and when a long note is split into paragraphs (see
/// `TextField`), the end of the paragraphs before it above and the start of those after below,
/// as far as they fit. A long paragraph held as a window shows as the whole paragraph would.
fn editing(t: &TextField, frame: &mut Frame, rect: Rect, style: Style) {
    let stand_in;
    let (above, area, below) = match t.editing(rect) {
        Editing::Area(above, area, below) => (above, area, below),
        Editing::Paragraph(above, area, below) => {
            stand_in = area;
            (above, &stand_in, below)
        }
        Editing::Scrolled(area) => {
            t.drawn_at(rect);
            frame.render_widget(&area, rect);
            return;
        }
    };
    let width = usize::from(rect.width.max(1));
    let rows = |line: &str| line.chars().count().div_ceil(width).max(1);
    let own: usize = area.lines().iter().map(|l| rows(l)).sum();
    let height = usize::from(rect.height);
    if above.is_empty() && below.is_empty() || own >= height {
        t.drawn_at(rect);
        frame.render_widget(area, rect);
        return;
    }
    let spare = height - own;
    // Paragraphs before, nearest last, enough to fill the spare rows (an estimate: the view
    // shows their ends, so a short estimate only hides a row of context).
    let mut before = Vec::new();
    let mut before_rows = 0;
    for line in above.iter().rev() {
        if before_rows >= spare {
            break;
        }
        before_rows += rows(line);
        before.push(Line::from(safe(line)));
    }
    before.reverse();
    let up = before_rows.min(spare) as u16;
    let ta = Rect {
        y: rect.y + up,
        height: own as u16,
        ..rect
    };
    if up > 0 {
        let skip = (before_rows - usize::from(up)) as u16;
        frame.render_widget(
            Paragraph::new(before)
                .style(style)
                .wrap(Wrap { trim: false })
                .scroll((skip, 0)),
            Rect { height: up, ..rect },
        );
    }
    t.drawn_at(ta);
    frame.render_widget(area, ta);
    let down = (spare - usize::from(up)) as u16;
    if down > 0 {
        let after: Vec<Line> = below
            .iter()
            .take(usize::from(down))
            .map(|l| Line::from(safe(l)))
            .collect();
        frame.render_widget(
            Paragraph::new(after)
                .style(style)
                .wrap(Wrap { trim: false }),
            Rect {
                y: ta.y + ta.height,
                height: down,
                ..rect
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui_textarea::{CursorMove, TextArea, WrapMode};

    use super::*;

    const RECT: Rect = Rect {
        x: 2,
        y: 1,
        width: 70,
        height: 6,
    };

    /// The screen with the note drawn as the form draws the focused field.
    fn field_screen(t: &TextField) -> Buffer {
        let mut term = Terminal::new(TestBackend::new(80, 10)).expect("a test terminal");
        term.draw(|f| editing(t, f, RECT, Style::default()))
            .expect("drawn");
        term.backend().buffer().clone()
    }

    /// The screen with one plain textarea holding the note drawn in its place.
    fn plain_screen(plain: &TextArea<'static>) -> Buffer {
        let mut term = Terminal::new(TestBackend::new(80, 10)).expect("a test terminal");
        term.draw(|f| f.render_widget(plain, RECT)).expect("drawn");
        term.backend().buffer().clone()
    }

    /// Every word of every label is on the screen, whatever the width: a long question over a
    /// note or beside a value wraps under itself instead of being cut mid-word.
    #[test]
    fn every_label_is_shown_whole_at_any_width() {
        let long = "Any family member excluded from the meeting, and why they were excluded";
        let theme = crate::tui::widgets::theme::Theme::new(
            crate::tui::widgets::theme::ThemeName::Monochrome,
        );
        let no_rows = |_: FieldId, _: std::ops::Range<usize>| -> TableSpec {
            unreachable!("the form has no list")
        };
        for width in [40u16, 52, 57, 80, 120] {
            for field in [Field::note("n", long, ""), Field::text("t", long, "")] {
                let form = Form::new(vec![field]);
                let mut term = Terminal::new(TestBackend::new(width, 12)).expect("a terminal");
                term.draw(|f| {
                    draw_themed(&theme, &form, f, f.area(), &no_rows, true);
                })
                .expect("drawn");
                let buf = term.backend().buffer();
                let shown: Vec<String> = (0..buf.area.height)
                    .map(|y| {
                        (0..buf.area.width)
                            .map(|x| buf[(x, y)].symbol().to_string())
                            .collect()
                    })
                    .collect();
                let words: Vec<&str> = shown.iter().flat_map(|l| l.split_whitespace()).collect();
                let wanted: Vec<&str> = long.split_whitespace().collect();
                assert!(
                    words.windows(wanted.len()).any(|w| w == wanted.as_slice()),
                    "at {width} wide the label reads {shown:#?}"
                );
            }
        }
    }

    #[test]
    fn a_long_paragraph_looks_the_same_once_only_a_window_of_it_is_edited() {
        let text =
            "The family said the week went well and Sam was at school every day. ".repeat(80);
        let mut t = TextField::new(&text, true);
        let mut plain = TextArea::new(vec![text.clone()]);
        plain.set_wrap_mode(WrapMode::WordOrGlyph);
        plain.set_cursor_line_style(Style::default());
        plain.move_cursor(CursorMove::End);
        let press = |t: &mut TextField, plain: &mut TextArea<'static>, code: KeyCode| {
            t.key(&KeyEvent::new(code, KeyModifiers::NONE));
            plain.input(KeyEvent::new(code, KeyModifiers::NONE));
            let shown = field_screen(t);
            assert_eq!(shown, plain_screen(plain), "after {code:?}");
            shown
        };
        field_screen(&t);
        plain_screen(&plain);
        // Up into the middle of the paragraph, then down a little: the rows shown stay put.
        for _ in 0..30 {
            press(&mut t, &mut plain, KeyCode::Up);
        }
        let mut before = Buffer::empty(RECT);
        for _ in 0..3 {
            before = press(&mut t, &mut plain, KeyCode::Down);
        }
        assert!(matches!(t.editing(RECT), Editing::Area(..)));
        assert!(plain.scroll_offset().0 > 0, "scrolled into the paragraph");

        // A key typed and taken back: the textarea now holds a window of the paragraph, and
        // the screen is as it was.
        press(&mut t, &mut plain, KeyCode::Char('x'));
        let after = press(&mut t, &mut plain, KeyCode::Backspace);
        assert!(matches!(t.editing(RECT), Editing::Scrolled(_)));
        assert_eq!(t.text(), text);
        assert_eq!(after, before);

        // Typing on reflows the rows after the cursor as one textarea does.
        for c in "She said it was fine, and the school agreed. ".chars() {
            press(&mut t, &mut plain, KeyCode::Char(c));
        }
        for code in [KeyCode::Down, KeyCode::Down, KeyCode::End, KeyCode::Up] {
            press(&mut t, &mut plain, code);
        }
    }
}
