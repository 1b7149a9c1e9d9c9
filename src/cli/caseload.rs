//! `coregroup caseload`: every case under some folders, most urgent first, as text, YAML or
//! JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use super::args::{CaseloadArgs, ListFormat, MeetingArgs, Theme};
use super::{CliError, day_or_today};
use crate::cases::caseload::{Due, Row, caseload, configured_roots};
use crate::domain::status::State;
use crate::tui::case::live::LiveCase;
use crate::tui::caseload::CaseloadScreen;
use crate::tui::caseload::live::LiveCaseload;
use crate::tui::terminal::Screen;
use crate::tui::widgets::theme::{Theme as TuiTheme, ThemeName};

pub fn run(a: &CaseloadArgs) -> Result<ExitCode, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    let roots = roots(&a.roots)?;
    let rows = caseload(&roots, today);
    let out = match a.format {
        // Escaped, not dropped: the output stays valid and keeps every character.
        ListFormat::Yaml => crate::store::yaml::to_terminal_string(&rows).map_err(CliError)?,
        ListFormat::Json => {
            let s = serde_json::to_string_pretty(&rows).map_err(|e| CliError(e.to_string()))?;
            crate::text::json_for_terminal(&s) + "\n"
        }
        ListFormat::Text => {
            if super::output::stdout_is_terminal() {
                return screen(rows, today, a.theme);
            }
            text(&rows, today)
        }
    };
    super::output::print(&out);
    Ok(ExitCode::SUCCESS)
}

/// The full-screen list; Enter shows a case's screen and comes back, `ctrl-o` leaves the list
/// for a meeting on the case.
fn screen(rows: Vec<Row>, today: chrono::NaiveDate, theme: Theme) -> Result<ExitCode, CliError> {
    let name = ThemeName::from(theme).respecting_no_color(std::env::var_os("NO_COLOR").as_deref());
    let keymap = crate::tui::Keymap::load_user()?;
    let list = CaseloadScreen::new(rows, today, TuiTheme::new(name)).with_keymap(keymap.clone());
    let open_case = {
        let keymap = keymap.clone();
        move |dir: &std::path::Path| -> Result<Box<dyn Screen>, String> {
            let theme = TuiTheme::new(name);
            let screen = super::case::screen(dir, today, theme).map_err(|e| e.to_string())?;
            let write = super::case::writer(dir.to_path_buf(), today, theme);
            Ok(Box::new(LiveCase::new(
                screen.with_keymap(keymap.clone()),
                Box::new(write),
            )))
        }
    };
    let mut live = LiveCaseload::new(list, Box::new(open_case));
    crate::tui::terminal::run(&mut live, None)?;
    let meeting = live.meeting;
    match meeting {
        Some(dir) => super::meeting::meeting(&MeetingArgs {
            dir,
            agenda: None,
            date: None,
            theme,
            take_over: false,
        }),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// The roots given, else those of `<config>/caseload.yaml`, else the current folder.
fn roots(given: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    let config = crate::store::agenda_files::config_dir();
    Ok(configured_roots(config.as_deref())
        .map_err(CliError)?
        .unwrap_or_else(|| vec![PathBuf::from(".")]))
}

fn mark(state: State) -> &'static str {
    match state {
        State::Met => "ok",
        State::MetLate => "late",
        State::OnTrack => "",
        State::DueSoon => "soon",
        State::Overdue => "OVERDUE",
        State::Unknown => "?",
    }
}

/// A due date and its state in a few characters: `4 Dec soon`.
pub fn due(d: &Option<Due>) -> String {
    match d {
        None => "—".into(),
        Some(d) => {
            let date = d
                .due
                .map(|x| x.format("%-d %b").to_string())
                .unwrap_or_else(|| "—".into());
            format!("{date} {}", mark(d.state)).trim_end().to_string()
        }
    }
}

/// The plain list: one line a case, then its drift flags and errors indented under it.
pub fn text(rows: &[Row], today: chrono::NaiveDate) -> String {
    let mut out = format!(
        "Caseload as on {}: {} case{}\n\n",
        today.format("%a %-d %b %Y"),
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    out.push_str(&format!(
        "{:<20} {:<24} {:<16} {:<16} {:<8} {:>4} {:<14} {:<14} {:<14} {:>4} {:>5}\n",
        "case",
        "children",
        "lead worker",
        "next core group",
        "minutes",
        "agr",
        "visit",
        "seen alone",
        "review",
        "odue",
        "drift"
    ));
    for r in rows {
        let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
        out.push_str(&format!(
            "{:<20} {:<24} {:<16} {:<16} {:<8} {:>4} {:<14} {:<14} {:<14} {:>4} {:>5}\n",
            cut(&r.case, 20),
            cut(&r.children.join(", "), 24),
            cut(r.lead_worker.as_deref().unwrap_or("—"), 16),
            cut(
                &format!(
                    "{}{}",
                    due(&r.next_core_group),
                    if r.meeting_in_progress { " open" } else { "" }
                ),
                16
            ),
            if r.minutes_to_circulate.is_some() {
                "to send"
            } else {
                ""
            },
            r.agreements_outstanding,
            due(&r.next_visit),
            due(&r.next_visit_alone),
            due(&r.review_conference),
            r.overdue_actions,
            r.drift.len()
        ));
        for f in &r.drift {
            out.push_str(&format!("    drift: {}\n", f.with_evidence()));
        }
        if let Some(e) = &r.error {
            out.push_str(&format!(
                "    {}: {}\n",
                r.path.display(),
                e.replace('\n', "\n    ")
            ));
        }
    }
    out
}
