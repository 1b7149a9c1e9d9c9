//! The case screen on the fictional example case, judged on a fixed day: the timescales in
//! order of urgency, moving between parts, and every part at 80×24 and 160×48.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Message, Model, Tab, message_for_key, update, view};
use crate::domain::calendar::Calendar;
use crate::domain::example;
use crate::domain::status::{State, status};
use crate::tui::keymap::{Chord, Keymap};
use crate::tui::tests::agenda;
use crate::tui::theme::ThemeName;

fn model_on(today: NaiveDate) -> Model {
    let made = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date");
    let plan = example::plan(made);
    let a = agenda();
    let s = status(&plan, &a.policy, &Calendar::new(plan.case.division), today);
    Model::new(
        plan,
        s,
        &a.title,
        Keymap::default_keymap(),
        ThemeName::Default,
    )
}

fn later() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 20).expect("a date")
}

fn press(m: &mut Model, keys: &str) -> bool {
    let mut quit = false;
    for k in keys.split_whitespace() {
        let chord = Chord::parse(k).unwrap_or_else(|e| panic!("{e}"));
        if let Some(msg) = message_for_key(m, chord.to_event()) {
            quit |= update(m, msg);
        }
    }
    quit
}

fn screen(m: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| view(m, f)).expect("draw");
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

#[test]
fn the_timescales_are_those_status_reports_with_the_overdue_first() {
    let m = model_on(later());
    let a = agenda();
    let plan = &m.plan;
    let reported = status(plan, &a.policy, &Calendar::new(plan.case.division), later());
    let mut shown: Vec<_> = m.status.timescales.iter().map(|t| t.key).collect();
    let mut all: Vec<_> = reported.timescales.iter().map(|t| t.key).collect();
    assert_ne!(
        shown, all,
        "the example has overdue timescales after met ones"
    );
    shown.sort();
    all.sort();
    assert_eq!(shown, all, "every timescale, none dropped");
    let states: Vec<State> = m.status.timescales.iter().map(|t| t.state).collect();
    let first_not_overdue = states.iter().position(|s| *s != State::Overdue);
    assert!(first_not_overdue.is_some_and(|i| i > 0));
    assert!(
        states[first_not_overdue.unwrap_or(0)..]
            .iter()
            .all(|s| *s != State::Overdue),
        "{states:?}"
    );
    let overdue = format!("({} overdue)", m.overdue());
    assert!(m.overdue() > 0 && screen(&m, 80, 24).contains(&overdue));
}

#[test]
fn the_parts_are_reached_by_f8_and_by_number_and_ctrl_x_leaves() {
    let mut m = model_on(later());
    assert_eq!(m.tab, Tab::Timescales);
    assert!(!press(&mut m, "f8"));
    assert_eq!(m.tab, Tab::Plan);
    press(&mut m, "down down");
    assert_eq!(m.scroll, 2);
    press(&mut m, "alt-3");
    assert_eq!((m.tab, m.scroll), (Tab::People, 0));
    assert!(screen(&m, 80, 24).contains("Shauna Brennan"));
    press(&mut m, "f1");
    assert!(m.help);
    assert!(
        !press(&mut m, "ctrl-x"),
        "the help takes the keys while open"
    );
    press(&mut m, "esc");
    assert!(press(&mut m, "ctrl-x"));
    assert!(update(
        &mut m,
        Message::Act(crate::tui::keymap::Action::Quit)
    ));
}

#[test]
fn every_part_at_both_sizes() {
    let mut m = model_on(later());
    for t in Tab::ALL {
        press(&mut m, &format!("alt-{}", t.index() + 1));
        for (w, h) in [(80, 24), (160, 48)] {
            let name = t.title().to_lowercase().replace(' ', "_");
            insta::assert_snapshot!(format!("case_{name}_{w}x{h}"), screen(&m, w, h));
        }
    }
}
