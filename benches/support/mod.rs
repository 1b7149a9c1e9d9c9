//! What the benchmarks share: the two cases (the fictional example and the large generated
//! one), a fixed day, the default agenda, and a meeting model on a chosen step.

#![allow(dead_code)] // each bench uses part of this

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use coregroup::agenda::builtin;
use coregroup::domain::agenda::{Agenda, StepKind};
use coregroup::domain::meeting::{Draft, Meeting};
use coregroup::domain::plan::Plan;
use coregroup::domain::{example, large_case};
use coregroup::tui::keymap::KeyCommand;
use coregroup::tui::meeting::app::{MeetingModel, Options};
use coregroup::tui::meeting::message::MeetingMessage;
use coregroup::tui::meeting::update::update;
use criterion::Criterion;

pub const WIDTH: u16 = 160;
pub const HEIGHT: u16 = 48;

/// Short runs: the machine is small and shared; medians settle well within this.
pub fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3))
        .sample_size(50)
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

#[derive(Clone, Copy, Debug)]
pub enum Case {
    Example,
    Large,
}

impl Case {
    pub const ALL: [Case; 2] = [Case::Example, Case::Large];

    pub fn name(self) -> &'static str {
        match self {
            Case::Example => "example",
            Case::Large => "large",
        }
    }

    pub fn plan(self) -> Plan {
        match self {
            Case::Example => example::plan(today()),
            Case::Large => large_case::plan(today()),
        }
    }

    /// The most recent past meeting, the fullest record each case has.
    pub fn past_meeting(self, plan: &Plan) -> Meeting {
        match self {
            Case::Example => example::past_meeting(today()),
            Case::Large => large_case::meetings(today(), plan)
                .pop()
                .unwrap_or_else(|| Meeting::new("m".into(), "core-group".into(), today(), plan)),
        }
    }
}

pub fn agenda() -> Agenda {
    builtin("core-group")
        .and_then(|text| yaml_serde::from_str(text).ok())
        .expect("the built-in core-group agenda parses")
}

/// A fresh meeting on `case`, moved to the step of `kind` through `update`.
pub fn model_on(case: Case, kind: StepKind) -> MeetingModel {
    let plan = case.plan();
    let meeting = Meeting::new("2026-11-24".into(), "core-group".into(), today(), &plan);
    let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default();
    let mut m = MeetingModel::new(
        Draft::new(meeting, plan),
        agenda(),
        today(),
        ten,
        Options::default(),
    );
    let target = m.agenda.step_index(kind).unwrap_or(0);
    while m.draft.step < target {
        update(&mut m, MeetingMessage::Act(KeyCommand::NextStep));
    }
    m
}

/// A folder that holds nothing yet, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}
