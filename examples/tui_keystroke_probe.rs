//! Rough timing of one keystroke into a 10,000-character note on the large case, and of drawing
//! the busiest screen. Not a test: run with `cargo run --release --example tui_keystroke_probe`.

use std::time::Instant;

use chrono::{NaiveDate, NaiveTime};
use coregroup::agenda::builtin;
use coregroup::domain::agenda::{Agenda, StepKind};
use coregroup::domain::large_case;
use coregroup::domain::meeting::{Draft, Meeting};
use coregroup::tui::meeting::app::{MeetingModel, Options};
use coregroup::tui::meeting::message::MeetingMessage;
use coregroup::tui::meeting::update::update;
use coregroup::tui::meeting::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).ok_or("date")?;
    let agenda: Agenda = yaml_serde::from_str(builtin("core-group").ok_or("agenda")?)?;
    let plan = large_case::plan(today);
    println!("actions: {}", plan.actions.len());
    let meeting = Meeting::new("2026-11-24".into(), "core-group".into(), today, &plan);
    let ten = NaiveTime::from_hms_opt(10, 0, 0).ok_or("time")?;
    let mut m = MeetingModel::new(
        Draft::new(meeting, plan),
        agenda,
        today,
        ten,
        Options::default(),
    );
    let step = m.agenda.step_index(StepKind::FamilyViews).ok_or("step")?;
    while m.draft.step < step {
        update(
            &mut m,
            MeetingMessage::Act(coregroup::tui::keymap::KeyCommand::NextStep),
        );
    }
    let mut t = Terminal::new(TestBackend::new(160, 48))?;
    let paragraphs = format!("{}\n", "word ".repeat(99)).repeat(20);
    for (name, text) in [
        ("one line", "x".repeat(10_000)),
        ("20 paragraphs", paragraphs),
    ] {
        update(
            &mut m,
            MeetingMessage::Act(coregroup::tui::keymap::KeyCommand::Undo),
        );
        m.form.focus = 0;
        if let Some(f) = m.form.focused_mut().and_then(|f| f.text_field_mut()) {
            f.select_all();
            f.cut();
        }
        update(&mut m, MeetingMessage::Paste(text));
        t.draw(|f| view(&m, f))?;
        let n = 2000;
        let start = Instant::now();
        for _ in 0..n {
            update(
                &mut m,
                MeetingMessage::Input(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)),
            );
        }
        println!("keystroke ({name}): {:?} each", start.elapsed() / n);
    }
    for kind in [
        StepKind::PlanRevisions,
        StepKind::Attendance,
        StepKind::AgencyProgress,
        StepKind::FamilyViews,
    ] {
        let i = m.agenda.step_index(kind).ok_or("step")?;
        while m.draft.step < i {
            update(
                &mut m,
                MeetingMessage::Act(coregroup::tui::keymap::KeyCommand::NextStep),
            );
        }
        while m.draft.step > i {
            update(
                &mut m,
                MeetingMessage::Act(coregroup::tui::keymap::KeyCommand::PrevStep),
            );
        }
        let start = Instant::now();
        for _ in 0..200 {
            t.draw(|f| view(&m, f))?;
        }
        println!("draw {}: {:?} each", kind.name(), start.elapsed() / 200);
    }
    Ok(())
}
