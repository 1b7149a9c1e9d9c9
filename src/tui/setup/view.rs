//! Draws the set-up screen: the sections down the left, the current section's guidance, form
//! and problems in the middle (guidance and problems in a panel of their own on a wide
//! screen), a row being edited over it, and the keys at the foot. Nothing here changes the model.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::model::{List, SetupModel, SetupSection};
use crate::domain::validate::Severity;
use crate::tui::keymap::{KeyCommand, Mode};
use crate::tui::widgets::dialog;
use crate::tui::widgets::field::FieldId;
use crate::tui::widgets::footer::{self, Hint};
use crate::tui::widgets::form_view::{TableSpec, draw_themed as draw_form, fitted_rows};
use crate::tui::widgets::help::{self, HelpPage, HelpSection, keys_label};
use crate::tui::widgets::layout::{MIN_HEIGHT, MIN_WIDTH, WIDE, centred, safe, wrapped_rows};

pub fn view(m: &SetupModel, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "The terminal is too small ({}×{}). coregroup needs at least {MIN_WIDTH}×{MIN_HEIGHT}: make the window bigger.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    frame.render_widget(Block::default().style(m.theme.base), area);
    let [head, body, status, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header(m, frame, head);
    let wide = area.width >= WIDE;
    let [left, middle, right] = Layout::horizontal([
        Constraint::Length(if wide { 30 } else { 22 }),
        Constraint::Min(20),
        Constraint::Length(if wide { 44 } else { 0 }),
    ])
    .areas(body);
    sections(m, frame, left);
    let middle = Rect {
        x: middle.x + 1,
        width: middle.width.saturating_sub(2),
        ..middle
    };
    if wide {
        let right = Block::default()
            .borders(Borders::LEFT)
            .border_style(m.theme.border)
            .inner(right);
        frame.render_widget(
            Block::default()
                .borders(Borders::LEFT)
                .border_style(m.theme.border),
            Rect {
                x: right.x.saturating_sub(1),
                width: right.width + 1,
                ..right
            },
        );
        let guide = guidance_lines(m);
        let h = (guidance_rows(m, right.width) + 1).min(right.height);
        frame.render_widget(
            Paragraph::new(guide).wrap(Wrap { trim: true }),
            Rect { height: h, ..right },
        );
        problems(
            m,
            frame,
            Rect {
                y: right.y + h,
                height: right.height - h,
                ..right
            },
        );
        section_form(m, frame, middle);
    } else {
        let guide = guidance_lines(m);
        let h = guidance_rows(m, middle.width).min(middle.height / 3);
        frame.render_widget(
            Paragraph::new(guide).wrap(Wrap { trim: true }),
            Rect {
                height: h,
                ..middle
            },
        );
        let shown = m.problems_in(m.section).len().min(4);
        let problem_h = if m.shown(m.section) && shown > 0 {
            shown as u16 + 1
        } else {
            0
        };
        let rest = middle.height.saturating_sub(h + 1);
        let problem_h = problem_h.min(rest / 2);
        let form = Rect {
            y: middle.y + h + 1,
            height: rest - problem_h,
            ..middle
        };
        section_form(m, frame, form);
        problems(
            m,
            frame,
            Rect {
                y: form.y + form.height,
                height: problem_h,
                ..middle
            },
        );
    }
    if let Some(text) = &m.status {
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", safe(text)), m.theme.ok)),
            status,
        );
    }
    footer::draw(frame, foot, &m.theme, &hints(m));
    if m.row.is_some() {
        row(m, frame, body);
    }
    if let Some(c) = &m.confirm {
        c.draw(frame, body, &m.theme, &m.keymap);
    }
    if let Some(h) = &m.help {
        help::draw(frame, body, &m.theme, &m.keymap, &help_page(m), h);
    }
}

fn header(m: &SetupModel, frame: &mut Frame, area: Rect) {
    let p = &m.plan;
    let reference = if p.case.reference.is_empty() {
        "new case".to_string()
    } else {
        safe(&p.case.reference)
    };
    // The counts are on the sections list; the header keeps to what fits at 80 columns.
    let text = format!(" Setting up a case · {reference} · {}", safe(&m.dir));
    frame.render_widget(Paragraph::new(text).style(m.theme.header), area);
}

fn sections(m: &SetupModel, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::RIGHT)
        .border_style(m.theme.border)
        .title(Span::styled(" Sections ", m.theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    for (i, s) in SetupSection::ALL.iter().enumerate() {
        let errors = m
            .problems_in(*s)
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let (mark, style) = if *s == m.section {
            ("▶", m.theme.current)
        } else if m.shown(*s) && errors > 0 && *s != SetupSection::Save {
            ("!", m.theme.missing)
        } else if m.shown(*s) {
            ("✓", m.theme.done)
        } else {
            ("·", m.theme.dim)
        };
        let count = s
            .list()
            .map(|l| format!(" ({})", m.list_len(l)))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(
                format!("{} {}{count}", i + 1, s.title()),
                if *s == m.section {
                    m.theme.current
                } else {
                    m.theme.base
                },
            ),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!(
            "{} / {} next / previous",
            m.keymap.key_label(Mode::Global, KeyCommand::NextStep),
            m.keymap.key_label(Mode::Global, KeyCommand::PrevStep)
        ),
        m.theme.dim,
    )));
    lines.push(Line::from(Span::styled(
        "alt-1 … alt-8 go to one",
        m.theme.dim,
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// Rows the guidance takes at this width, wrapped.
fn guidance_rows(m: &SetupModel, width: u16) -> u16 {
    let rows = 1 + wrapped_rows(m.section.guidance(), usize::from(width));
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn guidance_lines(m: &SetupModel) -> Vec<Line<'static>> {
    let s = m.section;
    let mut out = vec![Line::from(Span::styled(
        format!("{} {}", s.index() + 1, s.title()),
        m.theme.title,
    ))];
    let text = s.guidance();
    out.push(Line::from(Span::styled(text, m.theme.dim)));
    out
}

fn section_form(m: &SetupModel, frame: &mut Frame, area: Rect) {
    let rows = |id: FieldId, range: std::ops::Range<usize>| table_rows(m, id, range, area.width);
    draw_form(&m.theme, &m.form, frame, area, &rows, m.row.is_none());
    if m.section == SetupSection::Save {
        let errors = m.errors();
        let warnings = m.problems.len() - errors;
        let text = if errors == 0 {
            format!(
                "Ready: plan.yaml will be written to {} ({warnings} warning{}).",
                safe(&m.dir),
                if warnings == 1 { "" } else { "s" }
            )
        } else {
            format!("{errors} error(s) to fix first; each is listed with its section.")
        };
        let y = area.y + 2;
        if y < area.y + area.height {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    text,
                    if errors == 0 {
                        m.theme.ok
                    } else {
                        m.theme.missing
                    },
                ))
                .wrap(Wrap { trim: true }),
                Rect {
                    y,
                    height: (area.y + area.height - y).min(2),
                    ..area
                },
            );
        }
    }
}

fn problems(m: &SetupModel, frame: &mut Frame, area: Rect) {
    if area.height == 0 || !m.shown(m.section) {
        return;
    }
    let list = m.problems_in(m.section);
    if list.is_empty() {
        if m.section != SetupSection::Save {
            frame.render_widget(
                Paragraph::new(Span::styled("✓ nothing missing here", m.theme.ok)),
                area,
            );
        }
        return;
    }
    let mut lines = vec![Line::from(Span::styled(
        format!("What check says ({}):", list.len()),
        m.theme.label,
    ))];
    for p in list {
        let (mark, style) = match p.severity {
            Severity::Error => ("!", m.theme.missing),
            Severity::Warning => ("·", m.theme.warning),
        };
        let place = if m.section == SetupSection::Save {
            format!("{}: ", SetupSection::of_path(&p.path).title())
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(format!("{place}{}", safe(&p.message))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

/// Whether `check` has something to say about this row (once its section is shown).
fn row_mark(m: &SetupModel, list: List, i: usize) -> &'static str {
    let prefix = format!("{}[{i}]", list.key());
    let has = m.problems.iter().any(|p| {
        p.severity == Severity::Error
            && (p.path == prefix || p.path.starts_with(&format!("{prefix}.")))
    });
    if has && m.shown(m.section) { "! " } else { "" }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".into(), |d| d.format("%d/%m/%Y").to_string())
}

/// Each list's rows, as plain cells cut with "…" to their columns in `width`.
fn table_rows(m: &SetupModel, id: FieldId, range: std::ops::Range<usize>, width: u16) -> TableSpec {
    let spec = table_cells(m, id, range);
    TableSpec {
        rows: fitted_rows(spec.cells, &spec.widths, width),
        header: spec.header,
        widths: spec.widths,
        empty: spec.empty,
    }
}

/// A list's header, columns and rows of plain text, before they are fitted to the width.
struct Cells {
    header: Vec<&'static str>,
    widths: Vec<Constraint>,
    cells: Vec<Vec<String>>,
    empty: String,
}

fn table_cells(m: &SetupModel, id: FieldId, range: std::ops::Range<usize>) -> Cells {
    let p = &m.plan;
    let cell = |s: &str| s.to_string();
    let add = m.keymap.key_label(Mode::List, KeyCommand::Add);
    match id {
        "children" => Cells {
            header: vec!["Name", "Born", "Categories", "Plan started"],
            widths: vec![
                Constraint::Fill(2),
                Constraint::Length(12),
                Constraint::Fill(2),
                Constraint::Length(12),
            ],
            cells: p.children[range.clone()]
                .iter()
                .zip(range)
                .map(|(c, i)| {
                    let born = match (c.date_of_birth, c.expected_date_of_birth) {
                        (Some(d), _) => date(Some(d)),
                        (None, Some(d)) => format!("due {}", d.format("%d/%m/%y")),
                        _ => "—".into(),
                    };
                    let cats: Vec<&str> = c.categories.iter().map(|c| c.label()).collect();
                    vec![
                        format!("{}{}", row_mark(m, List::Children, i), cell(&c.name)),
                        born,
                        cats.join(", "),
                        date(Some(c.plan_started)),
                    ]
                })
                .collect(),
            empty: format!("no children yet: {add} adds one"),
        },
        "members" => Cells {
            header: vec!["Name", "Role", "Agency", "Email", "Family"],
            // The name first and whole where it can be; the rest cut with "…".
            widths: vec![
                Constraint::Fill(4),
                Constraint::Fill(2),
                Constraint::Fill(2),
                Constraint::Fill(3),
                Constraint::Length(6),
            ],
            cells: p.members[range.clone()]
                .iter()
                .zip(range)
                .map(|(mb, i)| {
                    let lead = p.case.lead_worker.as_deref() == Some(mb.id.as_str());
                    vec![
                        format!(
                            "{}{}{}",
                            row_mark(m, List::Members, i),
                            cell(&mb.name),
                            if lead { " (lead)" } else { "" }
                        ),
                        cell(&mb.role),
                        cell(&mb.agency),
                        mb.email.as_deref().map_or_else(String::new, cell),
                        if mb.family { "yes" } else { "" }.to_string(),
                    ]
                })
                .collect(),
            empty: format!("no members yet: {add} adds one"),
        },
        "outcomes" => Cells {
            header: vec!["#", "For", "Outcome"],
            widths: vec![
                Constraint::Length(3),
                Constraint::Fill(2),
                Constraint::Fill(4),
            ],
            cells: p.outcomes[range.clone()]
                .iter()
                .zip(range)
                .map(|(o, i)| {
                    vec![
                        format!("{}", i + 1),
                        p.outcome_for(o),
                        format!("{}{}", row_mark(m, List::Outcomes, i), cell(&o.text)),
                    ]
                })
                .collect(),
            empty: format!("no outcomes yet: {add} adds one"),
        },
        "actions" => Cells {
            header: vec!["For", "What", "Who", "Due"],
            widths: vec![
                Constraint::Length(4),
                Constraint::Fill(4),
                Constraint::Fill(2),
                Constraint::Length(10),
            ],
            cells: p.actions[range.clone()]
                .iter()
                .zip(range)
                .map(|(a, i)| {
                    let outcome = p
                        .outcomes
                        .iter()
                        .position(|o| o.id == a.outcome)
                        .map_or("?".to_string(), |n| (n + 1).to_string());
                    vec![
                        outcome,
                        format!("{}{}", row_mark(m, List::Actions, i), cell(&a.what)),
                        cell(&m.member_name(a.owner.as_ref())),
                        date(a.due),
                    ]
                })
                .collect(),
            empty: format!("no actions yet: {add} adds one"),
        },
        _ => Cells {
            header: vec![],
            widths: vec![],
            cells: vec![],
            empty: String::new(),
        },
    }
}

fn row(m: &SetupModel, frame: &mut Frame, area: Rect) {
    let Some(r) = &m.row else {
        return;
    };
    let title = match r.index {
        Some(i) => {
            let one = r.list.one();
            format!("{}{} {}", one[..1].to_uppercase(), &one[1..], i + 1)
        }
        None => format!("A new {}", r.list.one()),
    };
    // Room under the fields for a choice's matches.
    let h = r.form.fields.len() as u16 + 11;
    let w = area
        .width
        .saturating_sub(4)
        .min(if area.width >= 120 { 96 } else { 76 });
    let rect = centred(area, w, h);
    let inner = dialog::boxed(frame, rect, &m.theme, &title);
    let body = Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    };
    let no_rows = |_: FieldId, _: std::ops::Range<usize>| TableSpec {
        header: vec![],
        widths: vec![],
        rows: vec![],
        empty: String::new(),
    };
    draw_form(&m.theme, &r.form, frame, body, &no_rows, true);
    let foot = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    let line = match &r.error {
        Some(e) => Line::from(Span::styled(format!("✗ {}", safe(e)), m.theme.missing)),
        None => Line::from(Span::styled(
            format!(
                "{} saves · Enter on the last field saves · {} cancels · Tab next field",
                m.keymap.key_label(Mode::Overlay, KeyCommand::Save),
                m.keymap.key_label(Mode::Overlay, KeyCommand::Cancel)
            ),
            m.theme.dim,
        )),
    };
    frame.render_widget(Paragraph::new(line), foot);
}

/// What the footer offers now, most useful first, with what each does here.
pub fn hints(m: &SetupModel) -> Vec<Hint> {
    let mut out: Vec<(Mode, KeyCommand, String)> = Vec::new();
    if m.confirm.is_some() {
        out.push((Mode::Confirm, KeyCommand::Yes, "yes".into()));
        out.push((Mode::Confirm, KeyCommand::No, "no".into()));
    } else if m.help.is_some() {
        out.push((Mode::Help, KeyCommand::Close, "close help".into()));
    } else {
        let field = m.row.as_ref().map_or(&m.form, |r| &r.form).mode();
        if let Some(r) = &m.row {
            let save = format!("save the {}", r.list.one());
            out.push((Mode::Overlay, KeyCommand::Save, save));
            out.push((Mode::Overlay, KeyCommand::Cancel, "cancel".into()));
            out.push((field, KeyCommand::NextField, "next field".into()));
        } else {
            if field == Mode::List {
                out.push((Mode::List, KeyCommand::Add, "add".into()));
                out.push((Mode::List, KeyCommand::Activate, "edit".into()));
                out.push((Mode::List, KeyCommand::Remove, "remove".into()));
            } else {
                out.push((field, KeyCommand::NextField, "next field".into()));
            }
            out.push((Mode::Global, KeyCommand::NextStep, "next section".into()));
            out.push((Mode::Overlay, KeyCommand::Save, "save the case".into()));
        }
        out.push((Mode::Global, KeyCommand::Help, "help".into()));
        out.push((Mode::Global, KeyCommand::Quit, "leave".into()));
    }
    out.into_iter()
        .filter_map(|(mode, a, desc)| Hint::of(&m.keymap, mode, a, &desc))
        .collect()
}

/// The keys that mean something on this screen, by where they work.
const HELP: [(Mode, &str, &[KeyCommand]); 6] = [
    (
        Mode::Global,
        "Anywhere",
        &[
            KeyCommand::Help,
            KeyCommand::NextStep,
            KeyCommand::PrevStep,
            KeyCommand::GoToStep,
            KeyCommand::Quit,
        ],
    ),
    (
        Mode::Overlay,
        "Saving",
        &[KeyCommand::Save, KeyCommand::Cancel],
    ),
    (
        Mode::List,
        "On a list (children, members, outcomes, actions)",
        &[
            KeyCommand::Up,
            KeyCommand::Down,
            KeyCommand::Activate,
            KeyCommand::Add,
            KeyCommand::Remove,
            KeyCommand::NextField,
            KeyCommand::PrevField,
        ],
    ),
    (
        Mode::Text,
        "In a text field or a date (other keys type; paste works)",
        &[
            KeyCommand::NextField,
            KeyCommand::PrevField,
            KeyCommand::Activate,
            KeyCommand::Undo,
            KeyCommand::Redo,
            KeyCommand::DeleteWord,
            KeyCommand::DeleteToStart,
            KeyCommand::Restore,
        ],
    ),
    (
        Mode::Picker,
        "On a choice (letters find by name, role or agency; digits pick by number)",
        &[
            KeyCommand::NextField,
            KeyCommand::Activate,
            KeyCommand::Up,
            KeyCommand::Down,
            KeyCommand::Left,
            KeyCommand::Right,
            KeyCommand::Cancel,
        ],
    ),
    (
        Mode::Form,
        "On a tick box or button",
        &[
            KeyCommand::Toggle,
            KeyCommand::Activate,
            KeyCommand::NextField,
            KeyCommand::PrevField,
        ],
    ),
];

/// The set-up's help: a paragraph, then its keys by where they work.
pub fn help_page(m: &SetupModel) -> HelpPage {
    let here = HELP
        .iter()
        .map(|(mode, title, actions)| {
            HelpSection::of_actions(&m.keymap, *mode, *title, actions, |b| {
                // The go-to keys beyond the last section do nothing here: name only those that do.
                let keys = if b.action == KeyCommand::GoToStep {
                    &b.keys[..b.keys.len().min(SetupSection::ALL.len())]
                } else {
                    &b.keys[..]
                };
                let desc = match (mode, b.action) {
                    (Mode::Global, KeyCommand::NextStep) => "next section".to_string(),
                    (Mode::Global, KeyCommand::PrevStep) => "previous section".to_string(),
                    (Mode::Global, KeyCommand::GoToStep) => {
                        format!("straight to section 1–{}", SetupSection::ALL.len())
                    }
                    (Mode::Global, KeyCommand::Quit) => {
                        "leave (asks first; nothing is written)".to_string()
                    }
                    (Mode::Overlay, KeyCommand::Save) => {
                        "save the row, or the case when no row is open".to_string()
                    }
                    (Mode::Overlay, KeyCommand::Cancel) => "cancel the row".to_string(),
                    _ => b.desc.clone(),
                };
                (keys_label(keys), desc)
            })
        })
        .collect();
    HelpPage {
        title: "Keys — setting up a case".into(),
        intro: Some(
            "Work down the sections on the left. Lists take + to add a row, Enter to edit, - to \
             remove; a row is saved with F2 or Enter on its last field. Save the case from any \
             section: what check would say is shown by the field it concerns."
                .into(),
        ),
        here,
        elsewhere: Vec::new(),
    }
}
