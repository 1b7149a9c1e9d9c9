//! The caseload screen driven through `update` by key events, and its frames at 80×24 and
//! 160×48.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::cases::caseload::TimescaleDue;
use crate::domain::drift::{DriftKind, Evidence, Flag};
use crate::domain::timescale::State;
use crate::tui::widgets::help::tests::shows_the_end;
use crate::tui::widgets::theme::{Theme, ThemeName};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn row(case: &str, child: &str, state: State) -> CaseloadRow {
    let due = |s: &str| {
        Some(TimescaleDue {
            due: Some(d(s)),
            state,
        })
    };
    CaseloadRow {
        path: PathBuf::from(format!("/cases/{case}")),
        case: case.into(),
        children: vec![child.into()],
        lead_worker: Some("Hannah Mercer".into()),
        next_core_group: due("2026-12-02"),
        meeting_in_progress: false,
        minutes_to_circulate: None,
        agreements_outstanding: 2,
        next_visit: due("2026-12-01"),
        next_visit_alone: due("2026-12-08"),
        review_conference: due("2027-01-09"),
        overdue_actions: 0,
        drift: Vec::new(),
        last_meeting: Some("2026-10-21".into()),
        error: None,
        explained: true,
    }
}

fn screen() -> CaseloadScreen {
    let mut urgent = row("FB-0001", "Kayla Brennan", State::Overdue);
    urgent.overdue_actions = 3;
    urgent.drift.push(Flag {
        kind: DriftKind::OutcomeFallen,
        subject: "o1".into(),
        summary: "outcome o1 has fallen from 5 to 3".into(),
        evidence: vec![
            Evidence {
                source: "2026-09-09".into(),
                date: Some(d("2026-09-09")),
                detail: "scored 5".into(),
            },
            Evidence {
                source: "2026-10-21".into(),
                date: Some(d("2026-10-21")),
                detail: "scored 3".into(),
            },
        ],
    });
    let mut broken = row("broken", "", State::Unknown);
    broken.children.clear();
    broken.error = Some("/cases/broken/plan.yaml:1:1: not a plan".into());
    let rows = vec![
        broken,
        urgent,
        row("FB-0002", "Alfie Walsh", State::OnTrack),
        row("FB-0003", "Mia Walsh", State::DueSoon),
    ];
    CaseloadScreen::new(rows, d("2026-11-24"), Theme::new(ThemeName::Default))
}

fn key(m: &mut CaseloadScreen, code: KeyCode, mods: KeyModifiers) -> CaseloadEffect {
    match message_for_key(m, KeyEvent::new(code, mods)) {
        Some(msg) => update(m, msg),
        None => CaseloadEffect::Stay,
    }
}

fn press(m: &mut CaseloadScreen, code: KeyCode) -> CaseloadEffect {
    key(m, code, KeyModifiers::NONE)
}

fn draw(m: &CaseloadScreen, w: u16, h: u16) -> String {
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
fn typing_filters_and_enter_opens_the_chosen_case() {
    let mut m = screen();
    for c in "walsh".chars() {
        assert_eq!(press(&mut m, KeyCode::Char(c)), CaseloadEffect::Stay);
    }
    let listed: Vec<&str> = m.listed().iter().map(|r| r.case.as_str()).collect();
    assert_eq!(listed, ["FB-0002", "FB-0003"]);
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Down); // stops at the last
    assert_eq!(
        press(&mut m, KeyCode::Enter),
        CaseloadEffect::Case(PathBuf::from("/cases/FB-0003"))
    );
    assert_eq!(
        key(&mut m, KeyCode::Char('o'), KeyModifiers::CONTROL),
        CaseloadEffect::Meeting(PathBuf::from("/cases/FB-0003"))
    );
}

#[test]
fn an_unreadable_case_does_not_open_and_esc_clears_the_filter_before_leaving() {
    let mut m = screen();
    assert_eq!(m.chosen().unwrap().case, "broken");
    assert_eq!(press(&mut m, KeyCode::Enter), CaseloadEffect::Stay);
    press(&mut m, KeyCode::Char('z'));
    assert!(m.listed().is_empty());
    assert_eq!(press(&mut m, KeyCode::Enter), CaseloadEffect::Stay);
    assert_eq!(press(&mut m, KeyCode::Esc), CaseloadEffect::Stay);
    assert_eq!(m.listed().len(), 4);
    assert_eq!(press(&mut m, KeyCode::Esc), CaseloadEffect::Quit);
}

#[test]
fn the_chosen_case_shows_its_drift_with_the_evidence() {
    let mut m = screen();
    press(&mut m, KeyCode::Down);
    let frame = draw(&m, 160, 48);
    assert!(
        frame.contains(
            "outcome o1 has fallen from 5 to 3 (meeting of 9 Sep 2026: scored 5; meeting of 21 Oct 2026: scored 3)"
        ),
        "{frame}"
    );
}

#[test]
fn frames() {
    let mut m = screen();
    press(&mut m, KeyCode::Down);
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("caseload_{w}x{h}"), draw(&m, w, h));
    }
    press(&mut m, KeyCode::F(1));
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("caseload_help_{w}x{h}"), draw(&m, w, h));
    }
}

#[test]
fn the_last_line_of_the_help_is_reached_at_80x24_and_keys_wait_under_it() {
    let mut m = screen();
    press(&mut m, KeyCode::F(1));
    for _ in 0..40 {
        press(&mut m, KeyCode::PageDown);
    }
    let end = draw(&m, 80, 24);
    assert!(shows_the_end(&end), "{end}");
    assert!(end.contains("filter by case, child"), "{end}");
    // The list under the help did not move, and nothing was typed into the filter.
    press(&mut m, KeyCode::Char('j'));
    assert_eq!((m.selected, m.filter.as_str()), (0, ""));
    assert_eq!(press(&mut m, KeyCode::Esc), CaseloadEffect::Stay);
    assert!(m.help.is_none());
}

#[test]
fn a_key_moved_in_the_users_keymap_works_and_shows_in_the_help_and_the_hints() {
    let user = "caseload:\n  open_meeting: { keys: [f3] }\n  quit: { keys: [f10] }\n";
    let keymap = Keymap::parse(
        crate::tui::keymap::DEFAULT_KEYMAP,
        Some((user, std::path::Path::new("keymap.yaml"))),
    )
    .expect("usable keymap");
    let mut m = screen().with_keymap(keymap);
    press(&mut m, KeyCode::Down);
    let chosen = m.chosen().unwrap().path.clone();
    // ctrl-o no longer opens a meeting; it is not a letter, so it filters nothing either.
    assert_eq!(
        key(&mut m, KeyCode::Char('o'), KeyModifiers::CONTROL),
        CaseloadEffect::Stay
    );
    assert_eq!(m.filter, "");
    assert_eq!(
        press(&mut m, KeyCode::F(3)),
        CaseloadEffect::Meeting(chosen)
    );
    // Esc was given up for quitting: it does nothing now.
    assert_eq!(press(&mut m, KeyCode::Esc), CaseloadEffect::Stay);
    assert_eq!(press(&mut m, KeyCode::F(10)), CaseloadEffect::Quit);
    assert!(draw(&m, 80, 24).contains("F3 meeting"));
    press(&mut m, KeyCode::F(1));
    let help = draw(&m, 80, 24);
    assert!(
        help.lines()
            .any(|l| l.contains("F3") && l.contains("open a meeting")),
        "{help}"
    );
    assert!(!help.contains("ctrl-o"), "{help}");
}

#[test]
fn text_pasted_filters_the_list_as_typing_does() {
    use crate::tui::terminal::Screen;
    let list = CaseloadScreen::new(
        vec![
            row("EB-CP-2026-0417", "Kayla", State::OnTrack),
            row("EB-CP-2026-0522", "Jordan", State::OnTrack),
        ],
        d("2026-11-24"),
        Theme::new(ThemeName::Default),
    );
    let mut live = live::LiveCaseload::new(
        list,
        Box::new(|_| Err(std::io::Error::other("no case screen").into())),
    );
    // A pasted case number, with the line break a copied cell brings: only its line filters.
    live.paste("0522\r\n".into());
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| live.draw(f)).unwrap();
    let buf = t.backend().buffer();
    let shown: String = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(shown.contains("EB-CP-2026-0522"), "{shown}");
    assert!(!shown.contains("EB-CP-2026-0417"), "{shown}");
}
