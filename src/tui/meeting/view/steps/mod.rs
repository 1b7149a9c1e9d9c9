//! The middle of the screen: the current step's title, guidance and prompts, what the chair
//! should know (warnings, limits, what is missing), and its form.

mod attendance;
mod checklist;
mod child_views;
mod circumstances;
mod close;
mod detail;
mod disagreements;
mod escalation;
mod family_views;
mod introductions;
mod next_meeting;
mod notes;
mod plan_revisions;
mod previous_record;
mod progress;
pub mod table;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::form::{self, TableSpec};
use super::safe;
use crate::domain::agenda::StepKind;
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::field::FieldId;
use table::empty_table;

fn info(m: &MeetingModel) -> Vec<Line<'static>> {
    match m.current_kind() {
        Some(StepKind::Introductions) => introductions::info(m),
        Some(StepKind::Attendance) => attendance::info(m),
        Some(StepKind::PreviousRecord) => previous_record::info(m),
        Some(StepKind::PlanRevisions) => plan_revisions::info(m),
        Some(StepKind::NextMeeting) => next_meeting::info(m),
        Some(StepKind::Escalation) => escalation::info(m),
        Some(StepKind::Checklist) => checklist::info(m),
        _ => Vec::new(),
    }
}

fn rows(m: &MeetingModel, id: FieldId, range: std::ops::Range<usize>, width: u16) -> TableSpec {
    let w = usize::from(width);
    match m.current_kind() {
        Some(StepKind::Attendance) => attendance::rows(m, range, w),
        Some(StepKind::PreviousRecord) => previous_record::rows(m, range, w),
        Some(StepKind::AgencyProgress) => progress::rows(m, id, range, w),
        Some(StepKind::Circumstances) => circumstances::rows(m, range, w),
        Some(StepKind::PlanRevisions) => plan_revisions::rows(m, id, range, w),
        Some(StepKind::Disagreements) => disagreements::rows(m, range, w),
        Some(StepKind::Escalation) => escalation::rows(m, range, w),
        Some(StepKind::Notes) => notes::rows(m, range, w),
        Some(StepKind::Checklist) => checklist::rows(m, range, w),
        Some(StepKind::ChildViews) => child_views::rows(m, range, w),
        Some(StepKind::FamilyViews) => family_views::rows(),
        Some(StepKind::Close) => close::rows(m, range, w),
        _ => empty_table(),
    }
}

fn guidance_lines(m: &MeetingModel) -> Vec<Line<'static>> {
    let Some(step) = m.agenda.steps.get(m.draft.step) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    // The chair hears about drift before anything else, with what shows it.
    if m.draft.step == 0 && !m.drift.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("Drift ({}): raise it with the group", m.drift.len()),
            m.theme.warning,
        )));
        for d in &m.drift {
            lines.push(Line::from(Span::styled(
                format!("! {}", safe(d)),
                m.theme.warning,
            )));
        }
    }
    if !step.guidance.is_empty() {
        lines.push(Line::from(Span::styled(safe(&step.guidance), m.theme.dim)));
    }
    for p in &step.prompts {
        lines.push(Line::from(Span::styled(
            format!("• {}", safe(p)),
            m.theme.dim,
        )));
    }
    lines
}

/// The step's form, with the guidance above it when there is no room for a side panel.
pub fn draw(m: &MeetingModel, frame: &mut Frame, area: Rect, guidance_inline: bool) {
    let Some(step) = m.agenda.steps.get(m.draft.step) else {
        return;
    };
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let spent = m.step_seconds(m.draft.step);
    let over = spent > u64::from(step.minutes) * 60;
    let title = Line::from(vec![
        Span::styled(
            format!(
                "{}/{} {}",
                m.draft.step + 1,
                m.agenda.steps.len(),
                safe(&step.title)
            ),
            m.theme.title,
        ),
        Span::styled(
            format!(
                "  {} of {} min",
                crate::tui::widgets::layout::clock(spent),
                step.minutes
            ),
            if over { m.theme.warning } else { m.theme.dim },
        ),
    ]);
    // Warnings come before the guidance, so that on a short screen the guidance is cut first.
    let mut top: Vec<Line> = vec![title];
    top.extend(info(m));
    let w = usize::from(inner.width.max(1));
    // Rows as the paragraph wraps them, word by word.
    let wrapped = |lines: &[Line]| -> usize {
        lines
            .iter()
            .map(|l| {
                let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                crate::tui::widgets::layout::wrapped_rows(&text, w).max(1)
            })
            .sum()
    };
    // The close step's form is one button: its checklist may take the room, unless passages
    // for the family's copy are flagged, whose list must show too.
    let cap = if step.kind == StepKind::Close && m.form.get("flags").is_none() {
        inner.height.saturating_sub(2)
    } else if step.kind == StepKind::Close {
        inner.height / 3 + 1
    } else {
        inner.height / 4 + 2
    };
    if step.kind == StepKind::Close {
        // The checklist's room: what the top may take, less the title and warnings.
        let rows = usize::from(cap).saturating_sub(wrapped(&top));
        top.extend(close::info(m, rows, usize::from(inner.width)));
    }
    let detail = detail::lines(m);
    // On a narrow screen the row being read in full takes the guidance's room.
    if guidance_inline && detail.is_none() {
        top.extend(guidance_lines(m));
    }
    // Warnings and guidance may take up to a quarter of the height; the form gets the rest.
    let wanted = wrapped(&top);
    let top_h = u16::try_from(wanted).unwrap_or(u16::MAX).min(cap).max(1);
    frame.render_widget(
        Paragraph::new(top).wrap(Wrap { trim: true }),
        Rect {
            height: top_h,
            ..inner
        },
    );
    let mut body = Rect {
        y: inner.y + top_h,
        height: inner.height.saturating_sub(top_h),
        ..inner
    };
    if let Some((title, lines)) = detail {
        body = with_detail(m, frame, body, &title, lines);
    }
    let table_rows = |id: FieldId, range: std::ops::Range<usize>| {
        rows(m, id, range, body.width.saturating_sub(4))
    };
    form::draw_with(
        &m.theme,
        Some(&m.draft.plan),
        &m.form,
        frame,
        body,
        &table_rows,
        m.overlay.is_none(),
    );
}

/// Draw the selected row in full beside the form (wide) or below it; the form's room is left.
fn with_detail(
    m: &MeetingModel,
    frame: &mut Frame,
    body: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
) -> Rect {
    if body.width >= 100 {
        let w = body.width * 2 / 5;
        let pane = Rect {
            x: body.x + body.width - w,
            width: w,
            ..body
        };
        detail::draw(m, title, lines, frame, pane, true);
        return Rect {
            width: body.width - w - 1,
            ..body
        };
    }
    let want = detail::rows_for(&lines, body.width) + 1;
    let h = want.min(body.height / 2).max(4.min(body.height));
    let pane = Rect {
        y: body.y + body.height - h,
        height: h,
        ..body
    };
    detail::draw(m, title, lines, frame, pane, false);
    Rect {
        height: body.height - h,
        ..body
    }
}

/// On a wide screen: the guidance and prompts in a panel of their own.
pub fn guidance_panel(m: &MeetingModel, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(m.theme.border)
        .title(Span::styled(" Guidance ", m.theme.title));
    let mut lines = guidance_lines(m);
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!("{} · {}", safe(&m.agenda.title), safe(&m.agenda.terms.plan)),
        m.theme.dim,
    )));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
