//! The meeting screen: one keystroke into a 10,000-character note through `update`, and drawing
//! the busiest steps at 160×48 on ratatui's TestBackend, against a plain full-screen paragraph.
//!
//! `cargo bench --bench screen`; under `cargo test` criterion runs each once (quick test mode).

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use coregroup::domain::agenda::StepKind;
use coregroup::tui::keymap::KeyCommand;
use coregroup::tui::meeting::app::MeetingModel;
use coregroup::tui::meeting::message::MeetingMessage;
use coregroup::tui::meeting::update::{message_for_key, update};
use coregroup::tui::meeting::view::view;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::widgets::Paragraph;
use support::{Case, HEIGHT, WIDTH};

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

/// A 10,000-character note: twenty paragraphs of 500, or one paragraph of 10,000.
fn note(paragraphs: bool) -> String {
    if paragraphs {
        let para =
            "Mum said the week went well and the children were at school every day. ".repeat(7);
        let para: String = para.chars().take(499).collect();
        vec![para; 20].join("\n")
    } else {
        "word ".repeat(2_000)
    }
}

/// The model on the family's views step, its first note holding `text`, drawn once so the
/// textarea knows its width (as it does in the real loop).
fn typing_model(case: Case, text: String) -> MeetingModel {
    let mut m = support::model_on(case, StepKind::FamilyViews);
    m.form.focus = 0;
    update(&mut m, MeetingMessage::Paste(text));
    // The cursor goes to the middle of the note, where typing into a long note happens.
    for _ in 0..10 {
        update(
            &mut m,
            MeetingMessage::Input(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE)),
        );
    }
    let mut t = terminal();
    let _ = t.draw(|f| view(&m, f));
    m
}

const TYPED: [char; 20] = [
    'S', 'h', 'e', ' ', 's', 'a', 'i', 'd', ' ', 'i', 't', ' ', 'w', 'a', 's', ' ', 'f', 'i', 'n',
    'e',
];

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn keystroke(c: &mut Criterion) {
    let mut g = c.benchmark_group("keystroke");
    for case in Case::ALL {
        for (shape, paragraphs) in [("20-paragraphs", true), ("one-paragraph", false)] {
            let mut m = typing_model(case, note(paragraphs));
            // The real path: the keymap turns the key into a message, `update` applies it.
            g.bench_function(format!("{}/{shape}", case.name()), |b| {
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for i in 0..iters {
                        // Words and spaces, as people type.
                        let c = TYPED[i as usize % TYPED.len()];
                        let start = Instant::now();
                        if let Some(msg) = message_for_key(&m, key(KeyCode::Char(c))) {
                            black_box(update(&mut m, msg));
                        }
                        spent += start.elapsed();
                        // Keep the note at 10,000 characters: take the typing back, untimed.
                        if i % 100 == 99 || i + 1 == iters {
                            for _ in 0..=(i % 100) {
                                update(&mut m, MeetingMessage::Input(key(KeyCode::Backspace)));
                            }
                        }
                    }
                    spent
                })
            });
        }
    }
    g.finish();
}

fn draw(c: &mut Criterion) {
    let mut g = c.benchmark_group("draw");
    let mut t = terminal();
    // What ratatui itself needs to fill the screen: one plain paragraph, a line per row.
    let row: String = "The core group met and reviewed every action of the plan. "
        .repeat(3)
        .chars()
        .take(usize::from(WIDTH))
        .collect();
    let text = vec![row; usize::from(HEIGHT)].join("\n");
    g.bench_function("baseline-paragraph", |b| {
        b.iter(|| {
            t.draw(|f| f.render_widget(Paragraph::new(text.as_str()), f.area()))
                .map(|_| ())
        })
    });
    for case in Case::ALL {
        for kind in [
            StepKind::PlanRevisions,
            StepKind::Attendance,
            StepKind::AgencyProgress,
        ] {
            let mut m = support::model_on(case, kind);
            if kind == StepKind::PlanRevisions {
                // The list of every action has the keyboard, half-way down.
                for _ in 0..(m.draft.plan.actions.len() / 20) {
                    update(&mut m, MeetingMessage::Act(KeyCommand::PageDown));
                }
            }
            let mut t = terminal();
            g.bench_function(format!("{}/{}", case.name(), kind.name()), |b| {
                b.iter(|| t.draw(|f| view(&m, f)).map(|_| ()))
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = keystroke, draw
}
criterion_main!(benches);
