//! The MeetingModel: everything the meeting screen knows. It owns the draft (record, working plan and
//! step), the agenda, the live form of the current step, any form open over it, and the clocks.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};

use super::message::AtClose;
use super::overlay::{Overlay, OverlayKind};
use super::steps::{self, Ctx};
use crate::domain::agenda::Agenda;
use crate::domain::calendar::Calendar;
use crate::domain::meeting::{Draft, ScreenPosition, Selection};
use crate::store::plan_write::Chosen;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::widgets::field::FieldId;
use crate::tui::widgets::forms::Form;
use crate::tui::widgets::picker::Picker;
use crate::tui::widgets::theme::{Theme, ThemeName};
use crate::tui::widgets::ticks::Ticks;

/// How the screen is set up; the lead's `main` reads these from the command line and config.
pub struct Options {
    pub theme: ThemeName,
    pub keymap: Keymap,
    /// The case's working-day calendar; by default the rules for the case's division.
    pub calendar: Option<Calendar>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: ThemeName::Default,
            keymap: Keymap::default_keymap(),
            calendar: None,
        }
    }
}

impl Options {
    /// For the real terminal: the user's keymap merged over ours, and no colour when
    /// `NO_COLOR` is set.
    pub fn for_terminal(theme: ThemeName) -> Result<Options, crate::tui::keymap::KeymapError> {
        Ok(Options {
            theme: theme.respecting_no_color(std::env::var_os("NO_COLOR").as_deref()),
            keymap: Keymap::load_user()?,
            calendar: None,
        })
    }
}

use super::confirm::MeetingOnYes;
/// What the plan looked like when the meeting opened, for the review of open actions.
use crate::tui::widgets::dialog::Confirm;

/// Time spent, all from `MeetingMessage::Tick`, never from the clock.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    pub now: Duration,
    /// When the current step was entered.
    pub entered: Duration,
    /// Seconds spent on each step before the current visit.
    pub spent: Vec<u64>,
    /// Seconds the meeting ran before this run of the screen (a resumed meeting goes on counting).
    pub earlier: u64,
}

#[derive(Clone, Debug, Default)]
pub struct SaveState {
    /// Changes handed to the runtime so far.
    pub emitted: u64,
    pub recorded: u64,
    pub synced: u64,
    /// `synced` when the last sync was asked for, so ticks don't ask twice.
    pub sync_asked_at: u64,
    pub error: Option<String>,
    /// While saving fails: where every change is kept outside the case folder, if anywhere.
    pub emergency_copy: Option<std::path::PathBuf>,
    /// What each change not yet synced was about, so quitting can say what would be lost.
    pub pending: VecDeque<(u64, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub kind: StatusKind,
    /// A passing message (what a save did) stays until this tick, whatever keys come between.
    pub until: Option<Duration>,
}

/// The question at the close: for each field changed both by hand and by the meeting, which
/// value the plan keeps. The hand edit's is the default; the other goes to a conflict file.
#[derive(Clone, Debug, PartialEq)]
pub struct AtCloseQuestion {
    pub at: AtClose,
    /// For each field: whether the plan takes the meeting's value.
    pub meeting: Vec<bool>,
    pub cursor: usize,
    /// plan.yaml changed again while the chair was choosing: asked again.
    pub again: bool,
    /// The answer is with the close: keys wait.
    pub sent: bool,
}

impl AtCloseQuestion {
    pub fn new(at: AtClose, before: Option<&AtCloseQuestion>) -> AtCloseQuestion {
        // What the chair had chosen still stands for the fields asked about again.
        let meeting = at
            .conflicts
            .iter()
            .map(|f| {
                before.is_some_and(|b| {
                    b.at.conflicts
                        .iter()
                        .zip(&b.meeting)
                        .any(|(g, on)| *on && g.path == f.path)
                })
            })
            .collect();
        AtCloseQuestion {
            at,
            meeting,
            cursor: 0,
            again: before.is_some(),
            sent: false,
        }
    }

    /// The chair's answer, for the bytes they were shown.
    pub fn chosen(&self) -> Chosen {
        Chosen {
            against: self.at.against,
            take_ours: self
                .at
                .conflicts
                .iter()
                .zip(&self.meeting)
                .filter(|(_, on)| **on)
                .map(|(f, _)| f.path.clone())
                .collect(),
        }
    }
}

pub struct MeetingModel {
    pub draft: Draft,
    pub agenda: Agenda,
    pub today: NaiveDate,
    pub calendar: Calendar,
    pub theme: Theme,
    pub keymap: Keymap,
    pub form: Form,
    /// Selected row of each list, by step and list.
    pub selections: HashMap<(usize, FieldId), usize>,
    pub overlay: Option<Overlay>,
    /// The help, when open.
    pub help: Option<crate::tui::widgets::help::Help>,
    pub confirm: Option<Confirm<MeetingOnYes>>,
    pub status: Option<StatusLine>,
    pub clock: Clock,
    pub save: SaveState,
    /// Steps the chair has been on.
    pub visited: Vec<bool>,
    /// Set once the meeting is closed: where the record went.
    pub closed: Option<String>,
    /// Quit was asked for and waits for the last save to be confirmed.
    pub quitting: bool,
    /// The list of steps, open to jump to one.
    pub step_list: Option<Picker>,
    /// Lines to tick over the step: who may read an item, what a contribution speaks to.
    pub ticks: Option<Ticks>,
    /// The question at the close, when plan.yaml was changed by hand in fields the meeting
    /// changed too.
    pub at_close: Option<AtCloseQuestion>,
    /// How far the question's list, or the close step's checklist, is scrolled.
    pub scroll: usize,
    /// How many of those items the view last showed, so a page key moves by what fits.
    pub page: std::cell::Cell<usize>,
    /// How far the pane that shows the selected row in full is scrolled, in rows.
    pub detail_scroll: usize,
    /// The rows that pane last had to show and how many fitted, so scrolling stops at its end.
    pub detail_rows: std::cell::Cell<(usize, usize)>,
    /// The step the last go-to-step key chose, so a second one straight after makes two digits.
    pub step_digit: Option<usize>,
    /// A choice was just taken by its number and the focus moved on: a Tab straight after it
    /// is the chair's habit from typed choices and must not skip the next field.
    pub choice_moved_on: bool,
    /// The case's drift, each flag with its evidence, shown in the first step's guidance.
    pub drift: Vec<String>,
    /// Each outcome's score at the last core group that scored it, shown beside this one's.
    pub last_scores: HashMap<crate::domain::id::Id, u8>,
    /// Letters typed on a list that finds its rows by them ("Members in turn"); any other key
    /// forgets them.
    pub find: String,
    /// What a member said, on its way to the member who really said it: chosen on "Members in
    /// turn", Enter moves it there, Esc leaves it where it was.
    pub moving: Option<crate::domain::id::Id>,
}

impl MeetingModel {
    /// The screen for a meeting in progress. `now_time` is the time of day the meeting starts,
    /// offered for the meeting's time when the record has none.
    pub fn new(
        mut draft: Draft,
        agenda: Agenda,
        today: NaiveDate,
        now_time: NaiveTime,
        options: Options,
    ) -> MeetingModel {
        let n = agenda.steps.len();
        draft.step = draft.step.min(n.saturating_sub(1));
        let mut spent = vec![0; n];
        for t in &draft.meeting.step_times {
            if let Some(i) = agenda.steps.iter().position(|s| s.key() == t.step) {
                spent[i] = t.seconds;
            }
        }
        let calendar = options
            .calendar
            .unwrap_or_else(|| Calendar::new(draft.plan.case.division));
        // A resumed meeting: the steps the chair had been on, or with time recorded.
        let mut visited: Vec<bool> = agenda
            .steps
            .iter()
            .zip(&spent)
            .map(|(step, s)| *s > 0 || draft.screen.visited.iter().any(|k| k == step.key()))
            .collect();
        if let Some(v) = visited.get_mut(draft.step) {
            *v = true;
        }
        let earlier = spent.iter().sum();
        let mut model = MeetingModel {
            draft,
            agenda,
            today,
            calendar,
            theme: Theme::new(options.theme),
            keymap: options.keymap,
            form: Form::default(),
            selections: HashMap::new(),
            overlay: None,
            help: None,
            confirm: None,
            status: None,
            clock: Clock {
                spent,
                earlier,
                ..Clock::default()
            },
            save: SaveState::default(),
            visited,
            closed: None,
            quitting: false,
            step_list: None,
            ticks: None,
            at_close: None,
            step_digit: None,
            choice_moved_on: false,
            scroll: 0,
            detail_scroll: 0,
            detail_rows: std::cell::Cell::new((0, 0)),
            page: std::cell::Cell::new(1),
            drift: Vec::new(),
            last_scores: HashMap::new(),
            find: String::new(),
            moving: None,
        };
        model.restore_screen();
        if model.draft.meeting.details.time.is_none()
            && model.current_kind() == Some(crate::domain::agenda::StepKind::Introductions)
            && let Some(f) = model.form.get_mut("time")
            && let Some(t) = f.text_field_mut()
        {
            // Offered, not yet recorded: the first tick records it unless the chair changes it.
            t.paste(&now_time.format("%H:%M").to_string());
            f.after_edit();
        }
        model.restore_scratch();
        model
    }

    /// Show a notice over the screen until the chair dismisses it (what a resume found, say).
    pub fn notify(&mut self, title: impl Into<String>, detail: Vec<String>) {
        self.confirm = Some(Confirm::notice(title, detail, MeetingOnYes::Dismiss));
    }

    /// Where the chair was when the meeting stopped: the selected rows and the focused field.
    fn restore_screen(&mut self) {
        let screen = self.draft.screen.clone();
        for sel in &screen.selections {
            let Some(step) = self.agenda.steps.iter().position(|s| s.key() == sel.step) else {
                continue;
            };
            // Field ids are the step's own names: find the one the journal names.
            let ctx = Ctx { step, ..self.ctx() };
            let fields = steps::build(&ctx, &|_| 0);
            if let Some(f) = fields.iter().find(|f| f.id == sel.list.as_str()) {
                self.selections.insert((step, f.id), sel.row);
            }
        }
        self.rebuild_form();
        if let Some(focus) = &screen.focus
            && let Some(i) = self.form.fields.iter().position(|f| f.id == focus.as_str())
        {
            self.form.focus = i;
        }
    }

    /// Where the chair is now, as journaled for a resume.
    pub fn screen(&self) -> ScreenPosition {
        let key = |i: usize| self.agenda.steps.get(i).map(|s| s.key().to_string());
        let mut selections: Vec<Selection> = self
            .selections
            .iter()
            .filter_map(|((step, list), row)| {
                Some(Selection {
                    step: key(*step)?,
                    list: list.to_string(),
                    row: *row,
                })
            })
            .collect();
        selections.sort();
        ScreenPosition {
            visited: (0..self.agenda.steps.len())
                .filter(|i| self.visited.get(*i).copied().unwrap_or(false))
                .filter_map(key)
                .collect(),
            focus: self.form.focus_id().map(str::to_string),
            selections,
        }
    }

    /// A meeting stopped while a form was open over the step: open it again with what was typed.
    fn restore_scratch(&mut self) {
        let Some(scratch) = self.draft.scratch.clone() else {
            return;
        };
        let Some(kind) = OverlayKind::from_scratch_name(&scratch.form) else {
            return;
        };
        let mut overlay = Overlay::open(&self.ctx(), kind);
        overlay.restore(&scratch);
        // The overlay kept the chair on its step, so this is where it was opened; keep the key
        // it was written under even if the agenda has changed since.
        overlay.step_key = scratch.step;
        self.status = Some(StatusLine {
            text: format!(
                "Restored what you were typing in {} before the stop.",
                overlay.title().to_lowercase()
            ),
            kind: StatusKind::Info,
            until: None,
        });
        self.overlay = Some(overlay);
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            draft: &self.draft,
            agenda: &self.agenda,
            today: self.today,
            start: &self.draft.start,
            calendar: &self.calendar,
            step: self.draft.step,
            last_scores: &self.last_scores,
            find: &self.find,
            moving: self.moving.as_ref(),
        }
    }

    pub fn current_kind(&self) -> Option<crate::domain::agenda::StepKind> {
        self.agenda.steps.get(self.draft.step).map(|s| s.kind)
    }

    pub fn selection(&self, step: usize, id: FieldId) -> usize {
        self.selections.get(&(step, id)).copied().unwrap_or(0)
    }

    /// Rebuild the current step's form from the draft, keeping the focus where it was.
    pub fn rebuild_form(&mut self) {
        let focus = self.form.focus_id();
        let focus_index = self.form.focus;
        let step = self.draft.step;
        let fields = {
            let sel = |id: FieldId| self.selection(step, id);
            steps::build(&self.ctx(), &sel)
        };
        self.form = Form::new(fields);
        if !focus.is_some_and(|id| self.form.focus_on(id)) {
            self.form.focus = focus_index.min(self.form.fields.len().saturating_sub(1));
        }
    }

    /// Seconds spent on a step, including the current visit.
    pub fn step_seconds(&self, step: usize) -> u64 {
        let before = self.clock.spent.get(step).copied().unwrap_or(0);
        if step == self.draft.step {
            before + self.clock.now.saturating_sub(self.clock.entered).as_secs()
        } else {
            before
        }
    }

    /// Everything the chair typed is recorded and flushed.
    pub fn is_saved(&self) -> bool {
        self.save.error.is_none() && self.save.synced >= self.save.emitted && !self.form.any_dirty()
    }

    /// The keymap modes that apply now, most specific first.
    pub fn modes(&self) -> Vec<Mode> {
        if self.confirm.is_some() {
            return vec![Mode::Confirm];
        }
        if self.help.is_some() {
            return vec![Mode::Help];
        }
        if self.at_close.is_some() {
            return vec![Mode::CloseConflict];
        }
        if self.step_list.is_some() {
            return vec![Mode::Picker];
        }
        if self.ticks.is_some() {
            return vec![Mode::Ticks];
        }
        let form = match &self.overlay {
            Some(o) => &o.form,
            None => &self.form,
        };
        let field_mode = field_mode(form);
        if self.overlay.is_some() {
            vec![Mode::Overlay, field_mode, Mode::Global]
        } else {
            vec![field_mode, Mode::Global]
        }
    }

    /// The steps as the list of steps offers them: "11 Next meeting", found by number or title.
    pub fn steps_picker(&self) -> Picker {
        let titles = self
            .agenda
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{} {}", i + 1, s.title))
            .collect();
        let numbers = (1..=self.agenda.steps.len())
            .map(|n| u32::try_from(n).ok())
            .collect();
        Picker::new(titles, self.draft.step).with_numbers(numbers)
    }

    /// What is missing, step by step, for the close checklist and the agenda's `!`.
    pub fn missing(&self) -> Vec<String> {
        steps::close_missing(&self.ctx(), &self.visited)
    }
}

/// The keymap mode of the focused field of a form.
pub fn field_mode(form: &Form) -> Mode {
    form.mode()
}
