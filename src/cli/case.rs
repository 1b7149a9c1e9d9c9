//! `coregroup case`: the case between meetings on the screen, or printed when there is no
//! terminal. It reads the plan and works out its status exactly as `coregroup status` does.

use std::io::{self, IsTerminal};

use super::args::CaseArgs;
use super::{CliError, day_or_today};
use crate::domain::status::status;
use crate::store::CaseFolder;
use crate::store::calendar_files::load_calendar;
use crate::tui::{Keymap, ThemeName, case};

pub fn run(a: &CaseArgs) -> Result<String, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    let folder = CaseFolder::open(&a.dir)?;
    let plan = folder.load_plan()?;
    let agenda = super::load_agenda(&plan.case.agenda)?;
    let cal = load_calendar(Some(folder.root()), plan.case.division)?;
    let s = status(&plan, &agenda.policy, &cal, today);
    let terminal = io::stdin().is_terminal() && io::stdout().is_terminal();
    let theme =
        ThemeName::from(a.theme).respecting_no_color(std::env::var_os("NO_COLOR").as_deref());
    let keymap = if terminal {
        Keymap::load_user()?
    } else {
        Keymap::default_keymap()
    };
    let model = case::Model::new(plan, s, &agenda.title, keymap, theme);
    if terminal {
        case::run(model)?;
        return Ok(String::new());
    }
    let mut out = String::new();
    for tab in case::Tab::ALL {
        out.push_str(&format!("== {}\n", tab.title()));
        for line in case::lines(&model, tab) {
            out.push_str(line.to_string().trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
    Ok(out)
}
