//! Tests of the meeting screen driven through the keymap and `update`, with the effects carried
//! out against a `MemoryPersist`, and frames drawn on ratatui's `TestBackend`.

mod agendas;
mod drift;
mod meetings;
mod screen;
mod snapshots;

use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Model, Options};
use super::keymap::Chord;
use super::message::{Message, RunOutcome};
use super::persist::MemoryPersist;
use super::run::Runner;
use super::update::{message_for_key, update};
use super::view::view;
use crate::agenda::{Agenda, StepKind, builtin};
use crate::domain::example;
use crate::domain::meeting::{Draft, Meeting};

/// 2026-11-24 is a Tuesday; fixed so dates and snapshots never move.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date")
}

pub fn agenda() -> Agenda {
    let text = builtin("core-group").expect("the default agenda is built in");
    yaml_serde::from_str(text).expect("the default agenda parses")
}

pub struct Harness {
    pub model: Model,
    pub persist: MemoryPersist,
    runner: Runner,
    pub outcome: Option<RunOutcome>,
}

impl Harness {
    pub fn with_agenda(agenda: Agenda) -> Harness {
        let plan = example::plan(today());
        let meeting = Meeting::new("2026-11-24".into(), agenda.name.clone(), today(), &plan);
        let draft = Draft::new(meeting, plan);
        let ten = NaiveTime::from_hms_opt(10, 0, 0).expect("time");
        let model = Model::new(draft, agenda, today(), ten, Options::default());
        Harness {
            model,
            persist: MemoryPersist::default(),
            runner: Runner::default(),
            outcome: None,
        }
    }

    pub fn new() -> Harness {
        Harness::with_agenda(agenda())
    }

    pub fn send(&mut self, msg: Message) {
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
        self.send(Message::Tick(Duration::from_secs(seconds)));
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
        for _ in 0..30 {
            if self.focus() == Some(id) {
                return;
            }
            self.press("tab");
        }
        panic!("no field {id}; focus is on {:?}", self.focus());
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
