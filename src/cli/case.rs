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
use crate::domain::case_log::current_plan;
use crate::domain::status::case_status;
use crate::store::CaseFolder;
use crate::store::calendar_files::load_calendar;
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

/// The case screen of the case at `dir` on `today`.
pub fn screen(dir: &Path, today: NaiveDate, theme: Theme) -> Result<CaseScreen, CliError> {
    let case = CaseFolder::open(dir)?;
    let plan = case.load_plan()?;
    let log = crate::store::case_log::load(&case)?;
    let agenda = super::load_agenda(&plan.case.agenda)?;
    let cal = load_calendar(Some(case.root()), plan.case.division)?;
    let status = case_status(&plan, &log, &agenda.policy, &cal, today);
    Ok(CaseScreen::new(
        current_plan(&plan, &log),
        &log,
        status,
        theme,
    ))
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
