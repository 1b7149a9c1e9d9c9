//! `coregroup new` and `coregroup export`: making a case folder and writing a meeting's documents
//! again from its record.

use chrono::NaiveDate;

use super::args::{ExportArgs, GenerateLargeArgs, NewArgs};
use super::{CliError, day_or_today};
use crate::cases::documents::export_meeting_saying;
use crate::cases::error::CaseError;
use crate::cases::new_case::create_case;

pub fn new(a: &NewArgs) -> Result<String, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    if !a.example && super::output::stdin_is_terminal() && super::output::stdout_is_terminal() {
        return set_up(a, today);
    }
    if crate::store::setup_draft::in_progress(&a.dir) {
        return Err(CliError::Said(format!(
            "{0} holds a set-up begun in a terminal and not saved yet ({1})\n  hint: go on with \
             it with `coregroup new {0}` in a terminal, or remove {1} to start again",
            a.dir.display(),
            crate::store::setup_draft::path(&a.dir).display()
        )));
    }
    create_case(&a.dir, a.example, today).map_err(CliError::from)?;
    let mut out = format!("Made the case folder {}\n", a.dir.display());
    if a.example {
        out.push_str(&format!(
            "It holds the fictional example case and its past meeting.\n\
             Try: coregroup status {0}\n     coregroup meeting {0}\n",
            a.dir.display()
        ));
    } else {
        out.push_str(&format!(
            "Fill in {} (`coregroup check {}` says what is missing).\n",
            a.dir.join(crate::store::case::PLAN_FILE).display(),
            a.dir.display()
        ));
    }
    Ok(out)
}

/// The set-up screen, in a terminal: the case typed in, kept as a draft while it is typed
/// (resumed here if an earlier set-up was not finished), and written when it is saved.
fn set_up(a: &NewArgs, today: NaiveDate) -> Result<String, CliError> {
    use crate::cases::new_case::{begin_set_up, end_set_up, resume_set_up};
    use crate::store::setup_draft;
    use crate::tui::keymap::Keymap;
    use crate::tui::setup;
    use crate::tui::widgets::theme::ThemeName;

    let begun = begin_set_up(&a.dir)?;
    let theme = ThemeName::Default.respecting_no_color(std::env::var_os("NO_COLOR").as_deref());
    let keymap = Keymap::load_user()?;
    let mut model = setup::SetupModel::new(
        &a.dir.display().to_string(),
        today,
        begun.agendas,
        keymap,
        theme,
    );
    if let Some(d) = resume_set_up::<setup::SetupDraft>(&a.dir)? {
        model.resume(d);
    }
    let mut store = DraftStore {
        dir: &a.dir,
        tidy: begun.tidy,
    };
    let stop = crate::store::safety::watch_signals()?;
    let outcome = setup::run(model, &mut store, Some(&stop));
    drop(begun.lock);
    end_set_up(&a.dir, begun.tidy);
    match outcome? {
        Some(path) => Ok(format!(
            "Wrote {path}\nNext: coregroup meeting {0}   (coregroup status {0} shows the timescales)\n",
            a.dir.display()
        )),
        None if setup_draft::in_progress(&a.dir) => Ok(format!(
            "Left without saving; what was typed is kept: `coregroup new {}` goes on with it.\n",
            a.dir.display()
        )),
        None => Ok("Left without saving; nothing was written.\n".into()),
    }
}

/// The set-up's disk: `plan.yaml` through the store's atomic writer, the draft beside it.
struct DraftStore<'a> {
    dir: &'a std::path::Path,
    tidy: bool,
}

impl crate::tui::setup::run::Store for DraftStore<'_> {
    fn write(&mut self, plan: &crate::domain::plan::Plan) -> Result<String, CaseError> {
        crate::cases::new_case::create_case_with(self.dir, plan).map(|p| p.display().to_string())
    }

    fn keep(&mut self, draft: &crate::tui::setup::SetupDraft) -> std::io::Result<()> {
        crate::store::setup_draft::keep(self.dir, draft)
    }

    fn discard(&mut self) -> std::io::Result<()> {
        // Once the case is saved its folder stays, whatever `tidy` says: it is not empty.
        crate::store::setup_draft::discard(self.dir, self.tidy)
    }
}

pub fn export(a: &ExportArgs) -> Result<String, CliError> {
    let open = super::open_case(&a.dir, crate::cases::open_case::Log::Read)?;
    let done = export_meeting_saying(&open.case, a.meeting.as_deref()).map_err(CliError::from)?;
    let mut out = format!("Wrote the documents of the meeting {}:\n", done.id);
    for f in done.paths {
        out.push_str(&format!("  {}\n", f.display()));
    }
    if !done.instead.is_empty() {
        out.push_str("\nNot as the council's settings ask:\n");
        for w in &done.instead {
            out.push_str(&format!("  {w}\n"));
        }
    }
    Ok(out)
}

/// The hidden `generate-large`: a large fictional case for the benchmarks and timings.
pub fn generate_large(a: &GenerateLargeArgs) -> Result<String, CliError> {
    use crate::domain::large_case;

    if let Some(n) = a.caseload {
        return generate_caseload(&a.dir, n, a.seed);
    }
    let today = day_or_today(None, "today")?;
    crate::cases::new_case::create_large_case(&a.dir, today, &crate::store::agenda_files::load)?;
    Ok(format!(
        "Wrote a large fictional case to {}: {} children, {} members, {} outcomes, {} actions, {} past meetings\n",
        a.dir.display(),
        large_case::CHILDREN,
        large_case::MEMBERS,
        large_case::OUTCOMES,
        large_case::ACTIONS,
        large_case::MEETINGS
    ))
}

/// `generate-large --caseload N`: N fictional cases of realistic size under `dir`.
fn generate_caseload(dir: &std::path::Path, n: usize, seed: u64) -> Result<String, CliError> {
    let today = day_or_today(None, "today")?;
    let agenda = super::load_agenda(&crate::domain::plan::default_agenda())?;
    let (meetings, actions) =
        crate::cases::caseload::generate(dir, n, seed, today, &agenda).map_err(CliError::from)?;
    Ok(format!(
        "Wrote a caseload of {n} fictional cases to {}: {meetings} past meetings, {actions} actions\n",
        dir.display()
    ))
}
