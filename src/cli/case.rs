//! `coregroup case`: the case screen, read only: every timescale (overdue first), the plan, the
//! people and the case log.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

use chrono::NaiveDate;

use super::args::CaseArgs;
use super::{CliError, day_or_today};
use crate::cases::records::CaseRecords;
use crate::domain::status::case_status;
use crate::store::CaseFolder;
use crate::tui::case_screen::{CaseScreen, message_for_key, update, view};
use crate::tui::restore;
use crate::tui::theme::{Theme, ThemeName};

pub fn run(a: &CaseArgs) -> Result<ExitCode, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    let theme =
        ThemeName::from(a.theme).respecting_no_color(std::env::var_os("NO_COLOR").as_deref());
    let mut screen = screen(&a.dir, today, Theme::new(theme))?;
    if !io::stdout().is_terminal() {
        return Err(CliError(format!(
            "the case screen needs a terminal\n  hint: `coregroup status {0}` and `coregroup log {0}` print the same",
            a.dir.display()
        )));
    }
    enable_raw_mode()?;
    // Put back on every way out, errors included.
    struct Guard;
    impl Drop for Guard {
        fn drop(&mut self) {
            restore();
        }
    }
    let _guard = Guard;
    execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    show(&mut screen, &mut terminal)?;
    Ok(ExitCode::SUCCESS)
}

/// The case screen of the case at `dir` on `today`, with its drift.
pub fn screen(dir: &Path, today: NaiveDate, theme: Theme) -> Result<CaseScreen, CliError> {
    // Like every command on one case: a close cut short is finished, a plan `check` rejects refused.
    let case = CaseFolder::open(dir)?;
    super::finish_interrupted(&case)?;
    super::check::valid_plan(&case)?;
    let r = CaseRecords::load_facts(dir, &crate::agenda::catalog::load, true).map_err(CliError)?;
    let status = case_status(&r.plan, &r.log, &r.agenda.policy, &r.cal, today);
    let current = r.current();
    let drift = r.drift(&current, today);
    Ok(CaseScreen::new(current, &r.log, status, theme).with_drift(drift, r.problems.clone()))
}

/// Run the case screen on a terminal already set up, until it is left.
pub fn show<B: ratatui::backend::Backend>(
    screen: &mut CaseScreen,
    terminal: &mut Terminal<B>,
) -> Result<(), CliError>
where
    CliError: From<B::Error>,
{
    loop {
        terminal.draw(|f| view(screen, f))?;
        if let Event::Key(key) = event::read()?
            && key.kind != KeyEventKind::Release
            && let Some(msg) = message_for_key(key)
            && update(screen, msg)
        {
            return Ok(());
        }
    }
}
