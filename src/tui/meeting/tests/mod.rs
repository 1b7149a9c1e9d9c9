//! Tests of the meeting screen driven through the keymap and `update`, with the effects carried
//! out against a `MemoryPersist`, and frames drawn on ratatui's `TestBackend`.

mod agendas;
mod budgets;
mod capture;
mod carried;
mod close_conflicts;
mod decisions;
mod drift;
mod meetings;
mod people;
mod privacy;
mod procedure;
mod resume;
mod screen;
mod snapshots;
mod traps;

use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{MeetingModel, Options};
use super::message::{MeetingMessage, RunOutcome};
use super::persist::MemoryPersist;
use super::run::Runner;
use super::update::{message_for_key, update};
use super::view::view;
use crate::agenda::builtin;
use crate::domain::agenda::{Agenda, StepKind};
use crate::domain::example;
use crate::domain::meeting::{Draft, Meeting};
use crate::tui::keymap::Chord;

/// 2026-11-24 is a Tuesday; fixed so dates and snapshots never move.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date")
}

pub fn agenda() -> Agenda {
    let text = builtin("core-group").expect("the default agenda is built in");
    yaml_serde::from_str(text).expect("the default agenda parses")
}

pub struct Harness {
    pub model: MeetingModel,
    pub persist: MemoryPersist,
    runner: Runner,
    pub outcome: Option<RunOutcome>,
    /// Key events sent so far, for the keystroke budgets.
    pub keys: usize,
    /// The plan the meeting opened on, which closing compares with.
    pub before: crate::domain::plan::Plan,
}

impl Harness {
    pub fn with_agenda(agenda: Agenda) -> Harness {
        Harness::on_plan(agenda, example::plan(today()), today())
    }

    /// A meeting on `day` (its id the day) on the given plan.
    pub fn on_plan(agenda: Agenda, plan: crate::domain::plan::Plan, day: NaiveDate) -> Harness {
        let id = day.format("%Y-%m-%d").to_string();
        let meeting = Meeting::new(id, agenda.name.clone(), day, &plan);
        let draft = Draft::new(meeting, plan.clone());
        let ten = NaiveTime::from_hms_opt(10, 0, 0).expect("time");
        let model = MeetingModel::new(draft, agenda, day, ten, Options::default());
        Harness {
            model,
            persist: MemoryPersist::default(),
            runner: Runner::default(),
            outcome: None,
            keys: 0,
            before: plan,
        }
    }

    pub fn new() -> Harness {
        Harness::with_agenda(agenda())
    }

    pub fn send(&mut self, msg: MeetingMessage) {
        let effects = update(&mut self.model, msg);
        if let Some(o) = self
            .runner
            .execute(&mut self.model, &mut self.persist, effects)
        {
            self.outcome = Some(o);
        }
    }

    /// Press keys written as in the keymap, separated by spaces: "tab tab space f2".
    pub fn press(&mut self, keys: &str) {
        for k in keys.split_whitespace() {
            let chord = Chord::parse(k).unwrap_or_else(|e| panic!("{e}"));
            self.key(chord.to_event());
        }
    }

    pub fn key(&mut self, key: KeyEvent) {
        self.keys += 1;
        if let Some(msg) = message_for_key(&self.model, key) {
            self.send(msg);
        }
    }

    /// Type text as keystrokes (a newline is Enter).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            self.key(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    pub fn tick(&mut self, seconds: u64) {
        self.send(MeetingMessage::Tick(Duration::from_secs(seconds)));
    }

    /// Move to the first step of this kind with the next/previous-step keys.
    pub fn goto(&mut self, kind: StepKind) {
        let target = self
            .model
            .agenda
            .step_index(kind)
            .expect("the agenda has the step");
        while self.model.draft.step < target {
            self.press("f8");
        }
        while self.model.draft.step > target {
            self.press("f7");
        }
    }

    pub fn focus(&self) -> Option<&'static str> {
        match &self.model.overlay {
            Some(o) => o.form.focus_id(),
            None => self.model.form.focus_id(),
        }
    }

    /// Press tab until the focus is on this field.
    pub fn focus_on(&mut self, id: &str) {
        // Backwards to a field above: Tab from a row's last field goes on to the list's next row.
        let position = |h: &Harness, id: &str| {
            let form = h.model.overlay.as_ref().map_or(&h.model.form, |o| &o.form);
            form.fields.iter().position(|f| f.id == id)
        };
        let key = match (
            position(self, id),
            self.focus().and_then(|f| position(self, f)),
        ) {
            (Some(target), Some(now)) if target < now => "shift-tab",
            _ => "tab",
        };
        for _ in 0..30 {
            if self.focus() == Some(id) {
                return;
            }
            self.press(key);
        }
        panic!("no field {id}; focus is on {:?}", self.focus());
    }

    /// The meeting as `coregroup meeting` resumes it after a stop: a fresh draft on the plan
    /// it started from, with every recorded change replayed through the journal's encoding.
    pub fn resumed(&self) -> Harness {
        let agenda = self.model.agenda.clone();
        let plan = example::plan(today());
        let meeting = Meeting::new("2026-11-24".into(), agenda.name.clone(), today(), &plan);
        let mut draft = Draft::new(meeting, plan);
        for c in &self.persist.recorded {
            let line = serde_json::to_string(c).expect("a change encodes");
            draft
                .apply(serde_json::from_str(&line).expect("a change decodes"))
                .expect("every recorded change applies again");
        }
        let ten = NaiveTime::from_hms_opt(10, 0, 0).expect("time");
        let mut again = Harness::with_agenda(agenda.clone());
        again.model = MeetingModel::new(draft, agenda, today(), ten, Options::default());
        again
    }

    /// Close through the close step, answering yes if asked, and render what closing writes:
    /// the record, the plan it leaves and every document.
    pub fn close_and_render(
        &mut self,
    ) -> (crate::domain::close::Closed, Vec<crate::export::Rendered>) {
        self.goto(StepKind::Close);
        self.press("enter");
        if self.model.confirm.is_some() {
            self.press("y");
        }
        let (draft, missing) = self.persist.closed.clone().expect("the meeting closed");
        let closed =
            crate::domain::close::close(&self.before, &draft, &self.model.agenda, &missing);
        let docs = crate::export::render_all(
            crate::export::Case::at_close(&closed.meeting, &closed.plan),
            &crate::agenda::AgendaSnapshot::of(&self.model.agenda),
            &self.model.calendar,
        );
        (closed, docs)
    }

    pub fn status_text(&self) -> String {
        self.model
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        t.draw(|f| view(&self.model, f)).expect("draw");
        let buf = t.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}
