//! `coregroup caseload`: every case under some folders, most urgent first, as text, YAML or
//! JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use super::args::{CaseloadArgs, ListFormat, MeetingArgs, ThemeChoice};
use super::{CliError, day_or_today};
use crate::cases::caseload::{CaseloadRow, TimescaleDue, caseload, explain_all, roots};
use crate::cases::error::CaseError;
use crate::domain::timescale::State;
use crate::tui::case::live::LiveCase;
use crate::tui::caseload::CaseloadScreen;
use crate::tui::caseload::live::LiveCaseload;
use crate::tui::terminal::Screen;
use crate::tui::widgets::theme::{Theme, ThemeName};

pub fn run(a: &CaseloadArgs) -> Result<ExitCode, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    let roots = roots(&a.roots)?;
    let mut rows = caseload(&roots, today);
    let out = match a.format {
        // Everything, the drift evidence in full. Escaped, not dropped: the output stays valid
        // and keeps every character.
        ListFormat::Yaml => {
            explain_all(&mut rows);
            crate::store::yaml::to_terminal_string(&rows)?
        }
        ListFormat::Json => {
            explain_all(&mut rows);
            let s =
                serde_json::to_string_pretty(&rows).map_err(|e| CliError::Said(e.to_string()))?;
            crate::text::json_for_terminal(&s) + "\n"
        }
        ListFormat::Text => {
            if super::output::stdout_is_terminal() {
                return screen(rows, today, a.theme);
            }
            if a.drift {
                explain_all(&mut rows);
            }
            text(&rows, &roots, today, a.drift)
        }
    };
    super::output::print(&out);
    Ok(ExitCode::SUCCESS)
}

/// The full-screen list; Enter shows a case's screen and comes back, `ctrl-o` leaves the list
/// for a meeting on the case.
fn screen(
    rows: Vec<CaseloadRow>,
    today: chrono::NaiveDate,
    theme: ThemeChoice,
) -> Result<ExitCode, CliError> {
    let name = ThemeName::from(theme).respecting_no_color(std::env::var_os("NO_COLOR").as_deref());
    let keymap = crate::tui::keymap::Keymap::load_user()?;
    let list = CaseloadScreen::new(rows, today, Theme::new(name)).with_keymap(keymap.clone());
    let open_case = {
        let keymap = keymap.clone();
        move |dir: &std::path::Path| -> Result<Box<dyn Screen>, CaseError> {
            let theme = Theme::new(name);
            let (screen, basis) = super::case::screen(dir, today, theme)?;
            let mut screen = screen.with_keymap(keymap.clone());
            let (kept, drafts) = super::case::kept(dir)?;
            screen.resume(kept);
            let write = super::case::writer(dir.to_path_buf(), today, theme, basis);
            Ok(Box::new(LiveCase::new(
                screen,
                Box::new(write),
                Box::new(drafts),
            )))
        }
    };
    let mut live = LiveCaseload::new(list, Box::new(open_case));
    // A closed window (SIGHUP) or SIGTERM stops the list and a case open over it, which keeps
    // an open form.
    let stop = crate::store::safety::watch_signals()?;
    crate::tui::terminal::run(&mut live, Some(&stop))?;
    let meeting = live.meeting;
    match meeting {
        Some(dir) => super::meeting::meeting(&MeetingArgs {
            dir,
            agenda: None,
            date: None,
            theme,
            take_over: false,
            discard: false,
            reason: None,
            yes: false,
        }),
        None => Ok(ExitCode::SUCCESS),
    }
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
pub fn due(d: &Option<TimescaleDue>) -> String {
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

/// The case's folder as found under one of `roots` (the whole path when under none), so cases
/// with the same reference can be told apart; with several roots, beginning with the root's own
/// name.
pub fn folder(path: &std::path::Path, roots: &[PathBuf]) -> String {
    let under = |r: &PathBuf| {
        let rel = path
            .strip_prefix(r)
            .ok()
            .filter(|p| !p.as_os_str().is_empty())?;
        Some(match r.file_name() {
            Some(name) if roots.len() > 1 => std::path::Path::new(name).join(rel),
            _ => rel.to_path_buf(),
        })
    };
    roots
        .iter()
        .filter_map(under)
        .min_by_key(|rel| rel.components().count())
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// `s` in at most `n` characters, cut with "…" when longer.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The columns of the plain list: a heading and each row's cell, at most `width` characters.
struct Column {
    heading: &'static str,
    width: usize,
    right: bool,
    cell: fn(&CaseloadRow, &str) -> String,
}

const COLUMNS: [Column; 12] = [
    Column {
        heading: "Case",
        width: 16,
        right: false,
        cell: |r, _| r.case.clone(),
    },
    Column {
        heading: "Folder",
        width: 18,
        right: false,
        cell: |_, f| f.to_string(),
    },
    Column {
        heading: "Children",
        width: 22,
        right: false,
        cell: |r, _| r.children.join(", "),
    },
    Column {
        heading: "Lead worker",
        width: 16,
        right: false,
        cell: |r, _| r.lead_worker.clone().unwrap_or_else(|| "—".into()),
    },
    Column {
        heading: "Next core group",
        width: 15,
        right: false,
        cell: |r, _| {
            let open = if r.meeting_in_progress { " open" } else { "" };
            format!("{}{open}", due(&r.next_core_group))
        },
    },
    Column {
        heading: "Minutes",
        width: 7,
        right: false,
        cell: |r, _| {
            if r.minutes_to_circulate.is_some() {
                "to send".into()
            } else {
                String::new()
            }
        },
    },
    Column {
        heading: "Agreements owed",
        width: 15,
        right: true,
        cell: |r, _| count(r.agreements_outstanding),
    },
    Column {
        heading: "Visit",
        width: 14,
        right: false,
        cell: |r, _| due(&r.next_visit),
    },
    Column {
        heading: "Seen alone",
        width: 14,
        right: false,
        cell: |r, _| due(&r.next_visit_alone),
    },
    Column {
        heading: "Review conference",
        width: 17,
        right: false,
        cell: |r, _| due(&r.review_conference),
    },
    Column {
        heading: "Late actions",
        width: 12,
        right: true,
        cell: |r, _| count(r.overdue_actions),
    },
    Column {
        heading: "Drift",
        width: 5,
        right: true,
        cell: |r, _| count(r.drift.len()),
    },
];

/// A count, or nothing for none, so the cases that need something stand out.
fn count(n: usize) -> String {
    if n == 0 { String::new() } else { n.to_string() }
}

/// The plain list for people: one line a case, the most urgent first, under headings that say
/// what each column is; then the cases that could not be read in full, each with why; with
/// `drift`, each drifting case's flags and their evidence.
pub fn text(
    rows: &[CaseloadRow],
    roots: &[PathBuf],
    today: chrono::NaiveDate,
    drift: bool,
) -> String {
    let mut out = format!(
        "Caseload as on {}: {} case{}, the most urgent first\n\n",
        today.format("%a %-d %b %Y"),
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    let folders: Vec<String> = rows.iter().map(|r| folder(&r.path, roots)).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .zip(&folders)
        .map(|(r, f)| {
            COLUMNS
                .iter()
                .map(|c| cut(&(c.cell)(r, f), c.width))
                .collect()
        })
        .collect();
    // Each column as wide as its widest cell or heading, within its limit.
    let widths: Vec<usize> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            cells
                .iter()
                .map(|row| row[i].chars().count())
                .chain(std::iter::once(c.heading.chars().count().min(c.width)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = COLUMNS
            .iter()
            .zip(cells)
            .zip(&widths)
            .map(|((c, s), w)| {
                let pad = " ".repeat(w.saturating_sub(s.chars().count()));
                if c.right {
                    format!("{pad}{s}")
                } else {
                    format!("{s}{pad}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    let headings: Vec<String> = COLUMNS.iter().map(|c| cut(c.heading, c.width)).collect();
    out.push_str(&line(&headings));
    for row in &cells {
        out.push_str(&line(row));
    }
    let unread: Vec<(&CaseloadRow, &String)> = rows
        .iter()
        .zip(&folders)
        .filter(|(r, _)| r.error.is_some())
        .collect();
    if !unread.is_empty() {
        out.push_str("\nNot read in full:\n");
        for (r, f) in unread {
            let e = r.error.as_deref().unwrap_or_default();
            out.push_str(&format!("  {f}: {}\n", e.replace('\n', "\n    ")));
        }
    }
    let drifting: Vec<(&CaseloadRow, &String)> = rows
        .iter()
        .zip(&folders)
        .filter(|(r, _)| !r.drift.is_empty())
        .collect();
    if drift {
        for (r, f) in drifting {
            out.push_str(&format!("\nDrift on {} ({f}):\n", r.case));
            for flag in &r.drift {
                out.push_str(&format!("  {}\n", flag.with_evidence()));
            }
        }
    } else if !drifting.is_empty() {
        out.push_str("\n`--drift` lists each drift flag with its evidence.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::caseload::generate;

    fn d(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    /// Twelve generated cases, two of them under a second folder with the same folder names.
    fn team() -> (tempfile::TempDir, Vec<PathBuf>, Vec<CaseloadRow>) {
        let today = d("2026-11-24");
        let dir = tempfile::tempdir().unwrap();
        let agenda = crate::store::agenda_files::load("core-group").unwrap();
        let roots = vec![dir.path().join("north"), dir.path().join("south")];
        generate(&roots[0], 10, 1, today, &agenda).unwrap();
        generate(&roots[1], 2, 2, today, &agenda).unwrap();
        let rows = caseload(&roots, today);
        (dir, roots, rows)
    }

    #[test]
    fn the_plain_list_is_one_line_a_case_under_plain_headings_with_its_folder() {
        let (_dir, roots, rows) = team();
        assert!(rows.iter().any(|r| !r.drift.is_empty()));
        let out = text(&rows, &roots, d("2026-11-24"), false);
        let lines: Vec<&str> = out.lines().collect();
        // A title, a blank line, the headings, a line a case, then one line of hint.
        let table = &lines[3..3 + rows.len()];
        assert_eq!(
            lines[lines.len() - 1],
            "`--drift` lists each drift flag with its evidence."
        );
        assert_eq!(lines.len(), 3 + rows.len() + 2, "{out}");
        for h in [
            "Case",
            "Folder",
            "Children",
            "Lead worker",
            "Agreements owed",
            "Late actions",
            "Drift",
        ] {
            assert!(lines[2].contains(h), "{}", lines[2]);
        }
        for word in ["agr", "odue"] {
            assert!(
                !lines[2].split_whitespace().any(|w| w == word),
                "{}",
                lines[2]
            );
        }
        // Each case once, in the order of urgency, with its folder under its root and its
        // drift count last.
        for (line, row) in table.iter().zip(&rows) {
            assert!(line.starts_with(&row.case), "{line}");
            let folder = folder(&row.path, &roots);
            assert!(line.contains(&format!("  {folder}  ")), "{line}");
            assert!(!folder.starts_with('/'), "{folder}");
            let at = lines[2].find("Drift").unwrap();
            let drift = line.get(at..).unwrap_or_default().trim();
            assert_eq!(drift, count(row.drift.len()), "{line}");
        }
        // The same reference under both roots is told apart by the folder.
        let same: Vec<&&str> = table
            .iter()
            .filter(|l| l.contains("NM-CP-2026-0001"))
            .collect();
        assert_eq!(same.len(), 2);
        assert_ne!(same[0].split("  ").nth(1), same[1].split("  ").nth(1));
        assert!(!out.contains("scored"), "no evidence without --drift");
    }

    #[test]
    fn a_long_name_is_cut_with_an_ellipsis_and_drift_gives_the_evidence() {
        let (_dir, roots, mut rows) = team();
        rows[0].children = vec!["Anastasia-Josephine Featherstonehaugh-Smythe".into()];
        explain_all(&mut rows);
        let out = text(&rows, &roots, d("2026-11-24"), true);
        let line = out.lines().nth(3).unwrap();
        assert!(line.contains("Anastasia-Josephine F…"), "{line}");
        assert!(!line.contains("Smythe"), "{line}");
        let drifting = rows.iter().find(|r| !r.drift.is_empty()).unwrap();
        assert!(
            out.contains(&format!("Drift on {}", drifting.case)),
            "{out}"
        );
        for f in &drifting.drift {
            assert!(out.contains(&f.with_evidence()), "{out}");
        }
        // Outcome evidence carries the note beside its score, read from the record.
        assert!(
            out.contains("scored") && out.contains(": Reviewed with the family."),
            "{out}"
        );
    }
}
