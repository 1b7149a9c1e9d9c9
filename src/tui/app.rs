//! The Model: everything the meeting screen knows. It owns the draft (record, working plan and
//! step), the agenda, the live form of the current step, any form open over it, and the clocks.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};

use super::field::FieldId;
use super::forms::Form;
use super::keymap::{Keymap, Mode};
use super::overlay::{Overlay, OverlayKind};
use super::steps::{self, Ctx};
use super::theme::{Theme, ThemeName};
use crate::agenda::Agenda;
use crate::domain::calendar::Calendar;
use crate::domain::meeting::Draft;
use crate::domain::plan::Id;

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
    pub fn for_terminal(theme: ThemeName) -> Result<Options, super::keymap::KeymapError> {
        Ok(Options {
            theme: theme.respecting_no_color(std::env::var_os("NO_COLOR").as_deref()),
            keymap: Keymap::load_user()?,
            calendar: None,
        })
    }
}

/// What the plan looked like when the meeting opened, for the review of open actions.
#[derive(Clone, Debug, Default)]
pub struct MeetingStart {
    /// Actions open at the start, in plan order: each is reviewed in turn.
    pub open_actions: Vec<Id>,
    /// How long each of those actions' history was, so a review adds exactly one entry.
    pub history_len: HashMap<Id, usize>,
}

/// Time spent, all from `Message::Tick`, never from the clock.
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
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

/// A question that needs a yes or no.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub detail: Vec<String>,
    pub on_yes: OnYes,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnYes {
    Quit,
    CloseAnyway(Vec<String>),
    Remove(Id),
}

pub struct Model {
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
    /// Scroll offset of the help, when open.
    pub help: Option<u16>,
    pub confirm: Option<Confirm>,
    pub status: Option<Status>,
    pub clock: Clock,
    pub save: SaveState,
    /// Steps the chair has been on.
    pub visited: Vec<bool>,
    pub start: MeetingStart,
    /// Set once the meeting is closed: where the record went.
    pub closed: Option<String>,
    /// Quit was asked for and waits for the last save to be confirmed.
    pub quitting: bool,
    /// The case's drift, each flag with its evidence, shown in the first step's guidance.
    pub drift: Vec<String>,
}

impl Model {
    /// The screen for a meeting in progress. `now_time` is the time of day the meeting starts,
    /// offered for the meeting's time when the record has none.
    pub fn new(
        mut draft: Draft,
        agenda: Agenda,
        today: NaiveDate,
        now_time: NaiveTime,
        options: Options,
    ) -> Model {
        let n = agenda.steps.len();
        draft.step = draft.step.min(n.saturating_sub(1));
        let mut spent = vec![0; n];
        for t in &draft.meeting.step_times {
            if let Some(i) = agenda.steps.iter().position(|s| s.key() == t.step) {
                spent[i] = t.seconds;
            }
        }
        let start = MeetingStart {
            open_actions: draft
                .plan
                .actions
                .iter()
                .filter(|a| {
                    a.status.is_open()
                        || draft
                            .meeting
                            .action_reviews
                            .iter()
                            .any(|r| r.action == a.id)
                })
                .map(|a| a.id.clone())
                .collect(),
            history_len: draft
                .plan
                .actions
                .iter()
                .map(|a| {
                    // On resume, an entry this meeting added is not part of the starting history.
                    let reviewed = draft
                        .meeting
                        .action_reviews
                        .iter()
                        .any(|r| r.action == a.id);
                    let len = if reviewed {
                        a.history.len().saturating_sub(1)
                    } else {
                        a.history.len()
                    };
                    (a.id.clone(), len)
                })
                .collect(),
        };
        let calendar = options
            .calendar
            .unwrap_or_else(|| Calendar::new(draft.plan.case.division));
        // A resumed meeting: the steps with time recorded were visited before the stop.
        let mut visited: Vec<bool> = spent.iter().map(|s| *s > 0).collect();
        if let Some(v) = visited.get_mut(draft.step) {
            *v = true;
        }
        let earlier = spent.iter().sum();
        let mut model = Model {
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
            start,
            closed: None,
            quitting: false,
            drift: Vec::new(),
        };
        model.rebuild_form();
        if model.draft.meeting.details.time.is_none()
            && model.current_kind() == Some(crate::agenda::StepKind::Introductions)
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
        self.status = Some(Status {
            text: format!(
                "Restored what you were typing in {} before the stop.",
                overlay.title.to_lowercase()
            ),
            kind: StatusKind::Info,
        });
        self.overlay = Some(overlay);
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            draft: &self.draft,
            agenda: &self.agenda,
            today: self.today,
            start: &self.start,
            calendar: &self.calendar,
            step: self.draft.step,
        }
    }

    pub fn current_kind(&self) -> Option<crate::agenda::StepKind> {
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
        let form = match &self.overlay {
            Some(o) => &o.form,
            None => &self.form,
        };
        let field_mode = match form.focused() {
            Some(f) if f.is_text() => Mode::Text,
            Some(f) if matches!(f.kind, super::field::FieldKind::Table(_)) => Mode::List,
            _ => Mode::Form,
        };
        if self.overlay.is_some() {
            vec![Mode::Overlay, field_mode, Mode::Global]
        } else {
            vec![field_mode, Mode::Global]
        }
    }

    /// What is missing, step by step, for the close checklist and the agenda's `!`.
    pub fn missing(&self) -> Vec<String> {
        steps::close_missing(&self.ctx(), &self.visited)
    }
}
