//! The case screen driven through `update` by key events, and its frames at 80×24 and 160×48.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::agenda::Policy;
use crate::domain::calendar::{Calendar, Division};
use crate::domain::case_log::{Dated, Event, MemberChange, current_plan};
use crate::domain::example;
use crate::domain::status::case_status;
use crate::tui::theme::{Theme, ThemeName};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn screen() -> CaseScreen {
    let today = d("2026-11-24");
    let plan = example::plan(today);
    let log = CaseLog {
        events: vec![
            Event::CoreAssessment(Dated {
                date: d("2026-11-19"),
            }),
            Event::MemberLeaves(MemberChange {
                date: d("2026-11-20"),
                member: "police".into(),
            }),
        ],
    };
    let cal = Calendar::new(Division::EnglandAndWales);
    let status = case_status(&plan, &log, &Policy::default(), &cal, today);
    CaseScreen::new(
        current_plan(&plan, &log),
        &log,
        status,
        Theme::new(ThemeName::Default),
    )
}

fn press(m: &mut CaseScreen, code: KeyCode) -> bool {
    let msg = message_for_key(KeyEvent::new(code, KeyModifiers::NONE));
    msg.is_some_and(|msg| update(m, msg))
}

fn draw(m: &CaseScreen, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(m, f)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn overdue_timescales_come_first() {
    let m = screen();
    let states: Vec<State> = m.status.timescales.iter().map(|t| t.state).collect();
    let first_not_overdue = states.iter().position(|s| *s != State::Overdue).unwrap();
    assert!(first_not_overdue > 0, "{states:?}");
    assert!(
        states[first_not_overdue..]
            .iter()
            .all(|s| *s != State::Overdue)
    );
    assert_eq!(states.last(), Some(&State::Met));
}

#[test]
fn keys_move_between_panes_scroll_within_bounds_and_leave() {
    let mut m = screen();
    assert!(!press(&mut m, KeyCode::Tab));
    assert_eq!(m.pane, Pane::Plan);
    press(&mut m, KeyCode::Char('4'));
    assert_eq!(m.pane, Pane::Log);
    press(&mut m, KeyCode::BackTab);
    assert_eq!(m.pane, Pane::People);
    for _ in 0..100 {
        press(&mut m, KeyCode::Down);
    }
    let last = view::lines(&m, Pane::People).len() as u16 - 1;
    assert_eq!(m.scroll[2], last, "scrolling stops at the last line");
    press(&mut m, KeyCode::Home);
    assert_eq!(m.scroll[2], 0);
    press(&mut m, KeyCode::Char('?'));
    assert!(m.help);
    assert!(!press(&mut m, KeyCode::Esc), "esc closes the help first");
    assert!(!m.help);
    assert!(press(&mut m, KeyCode::Char('q')));
}

#[test]
fn a_member_who_left_is_shown_with_the_day() {
    let mut m = screen();
    press(&mut m, KeyCode::Char('3'));
    let frame = draw(&m, 160, 48);
    assert!(
        frame.contains("DC Mark Fenton") && frame.contains("left Fri 20 Nov 2026"),
        "{frame}"
    );
}

#[test]
fn frames() {
    let mut m = screen();
    for (i, pane) in Pane::ALL.iter().enumerate() {
        press(&mut m, KeyCode::Char((b'1' + i as u8) as char));
        for (w, h) in [(80, 24), (160, 48)] {
            insta::assert_snapshot!(
                format!("case_{}_{w}x{h}", pane.title().to_lowercase()),
                draw(&m, w, h)
            );
        }
    }
    press(&mut m, KeyCode::Char('?'));
    insta::assert_snapshot!("case_help_80x24", draw(&m, 80, 24));
}

#[test]
fn drift_comes_first_in_the_overview_with_its_evidence() {
    use crate::domain::drift::{Evidence, Flag, Kind};
    let m = screen().with_drift(
        vec![Flag {
            kind: Kind::AgencyAbsent,
            subject: "Health".into(),
            summary: "Health absent with no written update at 2 meetings in a row".into(),
            evidence: vec![Evidence {
                source: "2026-10-21".into(),
                date: Some(d("2026-10-21")),
                detail: "Dr Ama Owusu apologies, no written update".into(),
            }],
        }],
        Vec::new(),
    );
    for (w, h) in [(80, 24), (160, 48)] {
        let frame = draw(&m, w, h);
        let lines: Vec<&str> = frame.lines().collect();
        let at = lines.iter().position(|l| l.contains("Drift (1)")).unwrap();
        assert!(lines[at + 1].contains("Health absent"), "{frame}");
        assert!(
            lines[at + 2].contains("2026-10-21: Dr Ama Owusu apologies"),
            "{frame}"
        );
    }
    // With no drift the pane starts with the timescales.
    assert!(!draw(&screen(), 160, 48).contains("Drift"));
    // A meeting that did not read is said, never left out silently.
    let m = screen().with_drift(
        Vec::new(),
        vec!["meetings/2026-10-21/minutes.yaml:1:1: bad".into()],
    );
    assert!(draw(&m, 80, 24).contains("Not read: meetings/2026-10-21/minutes.yaml:1:1"));
}
