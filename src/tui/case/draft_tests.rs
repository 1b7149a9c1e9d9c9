//! A form left open when the window closed: kept as a draft, put back into the same form on the
//! next run, for every form the screen can open; shown to copy, never put back, when the case
//! changed under it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io;
use std::rc::Rc;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::draft::{CaseDraft, KeptDraft};
use super::edit::{EventKind, Purpose};
use super::*;
use crate::domain::agenda::Policy;
use crate::domain::calendar::{Calendar, Division};
use crate::domain::case_log::{CaseLog, Dated, current_plan};
use crate::domain::example;
use crate::domain::status::case_status;
use crate::tui::widgets::field::FieldKind;
use crate::tui::widgets::theme::{Theme, ThemeName};

/// Drafts kept in memory, by name, as the runtime keeps them on disk.
#[derive(Clone, Default)]
pub struct MemoryDrafts(pub Rc<RefCell<BTreeMap<String, CaseDraft>>>);

impl super::live::Drafts for MemoryDrafts {
    fn keep(&mut self, name: Option<&str>, draft: &CaseDraft) -> io::Result<String> {
        let mut all = self.0.borrow_mut();
        let name = name.map_or_else(|| format!("d{}", all.len() + 1), str::to_string);
        all.insert(name.clone(), draft.clone());
        Ok(name)
    }

    fn discard(&mut self, name: &str) -> io::Result<()> {
        self.0.borrow_mut().remove(name);
        Ok(())
    }
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-24";

/// The example case's screen on `today`, with `change` made to its plan first.
fn screen_with(
    today: NaiveDate,
    change: impl FnOnce(&mut crate::domain::plan::Plan),
) -> CaseScreen {
    let mut plan = example::plan(d(TODAY));
    // A core group outcome beside the conference's, so its form is swept too.
    let mut ours = plan.outcomes[0].clone();
    ours.id = "o9".into();
    ours.text = "Home is warm and the children eat well".into();
    ours.origin = crate::domain::plan::Origin::CoreGroup;
    ours.added = Some(d("2026-11-10"));
    plan.outcomes.push(ours);
    change(&mut plan);
    let log = CaseLog::new(vec![Event::CoreAssessment(Dated {
        date: d("2026-11-19"),
    })]);
    let cal = Calendar::new(Division::EnglandAndWales);
    let status = case_status(&plan, &log, &Policy::default(), &cal, today);
    CaseScreen::new(
        current_plan(&plan, &log),
        &log,
        status,
        Theme::new(ThemeName::Default),
    )
    .on(today, vec!["2026-11-10".into()])
}

fn screen() -> CaseScreen {
    screen_with(d(TODAY), |_| {})
}

fn form(m: &mut CaseScreen, k: FormKey) -> Vec<CaseEffect> {
    update(m, CaseMessage::Form(k))
}

/// The picker open on `m` with its option `i` chosen and taken.
fn take_option(m: &mut CaseScreen, i: usize) {
    let e = m.editing.as_mut().expect("a picker is open");
    if let Some(FieldKind::Choice(c)) = e.form.fields.first_mut().map(|f| &mut f.kind) {
        c.selected = i;
    }
    form(m, FormKey::Save);
}

/// Every form the screen can open, reached as the user reaches it: each event of the log's
/// picker and of the People pane's keys, each part of the plan and each person's details its
/// pickers offer, and the withdrawal of an entry. Each opened on a fresh screen.
fn every_form() -> Vec<CaseScreen> {
    let mut out = Vec::new();
    let open = |pane: Option<Pane>, msg: CaseMessage, option: Option<usize>| {
        let mut m = screen();
        if let Some(p) = pane {
            update(&mut m, CaseMessage::Show(p));
        }
        update(&mut m, msg);
        if let Some(i) = option {
            take_option(&mut m, i);
        }
        let n = match m.editing.as_ref().map(|e| &e.form.fields[0].kind) {
            Some(FieldKind::Choice(c))
                if draft::is_picker(&m.editing.as_ref().unwrap().purpose) =>
            {
                c.options.len()
            }
            _ => 0,
        };
        (m, n)
    };
    // The key that opens each picker (a message is sent once: it may carry an error).
    let log = || CaseMessage::Log;
    let edit = || CaseMessage::EditPlan;
    for (pane, msg) in [
        (None, &log as &dyn Fn() -> CaseMessage),
        (Some(Pane::Plan), &edit),
        (Some(Pane::People), &edit),
    ] {
        let (picker, n) = open(pane, msg(), None);
        assert!(n > 0, "a picker opens");
        out.push(picker);
        for i in 0..n {
            let (m, _) = open(pane, msg(), Some(i));
            // A conference outcome is shown, not edited here: no form opens.
            if m.editing
                .as_ref()
                .is_some_and(|e| !draft::is_picker(&e.purpose))
            {
                out.push(m);
            }
        }
    }
    for kind in [
        EventKind::MemberJoins,
        EventKind::MemberLeaves,
        EventKind::LeadWorker,
    ] {
        let (m, _) = open(Some(Pane::People), CaseMessage::People(kind), None);
        out.push(m);
    }
    let (m, _) = open(Some(Pane::Log), CaseMessage::Withdraw, None);
    out.push(m);
    out
}

/// Which kind of form a purpose is: a new kind of form fails to build here until it is swept.
fn kind(p: &Purpose) -> &'static str {
    match p {
        Purpose::ChooseEvent => "choose event",
        Purpose::Event(_) => "event",
        Purpose::ChoosePlanItem => "choose plan item",
        Purpose::Action(_) => "action",
        Purpose::Contingency => "contingency",
        Purpose::Why => "why",
        Purpose::Outcome(Some(_)) => "outcome",
        Purpose::Outcome(None) => "new outcome",
        Purpose::ChoosePerson => "choose person",
        Purpose::Member(_) => "member",
        Purpose::FamilyAddress => "family address",
        Purpose::Withdraw => "withdraw",
    }
}

const EVERY_KIND: [&str; 12] = [
    "choose event",
    "event",
    "choose plan item",
    "action",
    "contingency",
    "why",
    "outcome",
    "new outcome",
    "choose person",
    "member",
    "family address",
    "withdraw",
];

/// Something entered in every field of the open form, through its keys: words in each text,
/// a day in each date, the next option of each choice, each tick turned over; then the focus
/// left on its second field.
fn fill(m: &mut CaseScreen) {
    let n = m.editing.as_ref().unwrap().form.fields.len();
    for i in 0..n {
        m.editing.as_mut().unwrap().form.focus = i;
        let field = &m.editing.as_ref().unwrap().form.fields[i];
        let id = field.id;
        let text = match &field.kind {
            FieldKind::Text(_) => Some(format!(" typed into {id}, line one")),
            FieldKind::Date(_) => Some("20/11/2026".to_string()),
            FieldKind::Time(_) => Some("10:30".to_string()),
            FieldKind::Choice(_) | FieldKind::Toggle(_) => {
                form(m, FormKey::Change(true));
                None
            }
            FieldKind::Table(_) | FieldKind::Button => None,
        };
        for ch in text.unwrap_or_default().chars() {
            let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
            form(m, FormKey::Type(key));
        }
    }
    m.editing.as_mut().unwrap().form.focus = 1.min(n - 1);
}

/// Each field's value as the user sees it (a date as the day it reads as), and the focus.
fn values(m: &CaseScreen) -> (Vec<String>, usize) {
    let e = m.editing.as_ref().expect("a form is open");
    let each = e
        .form
        .fields
        .iter()
        .map(|f| match &f.kind {
            FieldKind::Text(t) => format!("{}={}", f.id, t.text()),
            FieldKind::Date(dt) => format!("{}={:?}", f.id, dt.value().map(|r| r.map(|r| r.date))),
            FieldKind::Time(t) => format!("{}={}", f.id, t.text.text()),
            FieldKind::Choice(c) => format!("{}={}", f.id, c.selected),
            FieldKind::Toggle(on) => format!("{}={on}", f.id),
            FieldKind::Table(t) => format!("{}={}", f.id, t.selected),
            FieldKind::Button => f.id.to_string(),
        })
        .collect();
    (each, e.form.focus)
}

/// The draft the screen keeps when it is stopped, through its file's form and back.
fn kept_at_stop(m: &mut CaseScreen) -> Option<CaseDraft> {
    let effects = update(m, CaseMessage::Stop);
    let d = match effects.as_slice() {
        [] => return None,
        [CaseEffect::KeepDraft(None, d)] => d.clone(),
        other => panic!("stopping asks {other:?}"),
    };
    let text = crate::store::yaml::to_string(&d).unwrap();
    let back: CaseDraft =
        crate::store::yaml::parse_bytes(text.as_bytes(), std::path::Path::new("d.yaml")).unwrap();
    assert_eq!(back, d, "{text}");
    Some(back)
}

fn kept(name: &str, d: CaseDraft) -> KeptDraft {
    KeptDraft {
        name: name.into(),
        file: format!("/cases/x/.coregroup/case-draft-{name}.yaml"),
        draft: Ok(d),
    }
}

#[test]
fn every_form_the_screen_opens_is_kept_when_stopped_and_put_back_the_same_on_the_next_run() {
    let mut swept = std::collections::BTreeSet::new();
    let mut events = Vec::new();
    for mut m in every_form() {
        let purpose = m.editing.as_ref().unwrap().purpose.clone();
        swept.insert(kind(&purpose));
        if let Purpose::Event(k) = purpose {
            events.push(k);
        }
        let title = m.editing.as_ref().unwrap().title();
        // Opened and left as it was: nothing to keep.
        assert_eq!(kept_at_stop(&mut m), None, "{title}");
        fill(&mut m);
        if draft::is_picker(&purpose) {
            // Choosing which form to open is not writing: a picker keeps nothing.
            assert_eq!(kept_at_stop(&mut m), None, "{title}");
            continue;
        }
        let before = values(&m);
        let d = kept_at_stop(&mut m).unwrap_or_else(|| panic!("{title}: nothing kept"));
        assert_eq!(d.purpose, purpose);
        assert_eq!(d.entered.form, title);

        // The next run, on the same case: the same form, with the same in it, and a line
        // saying why.
        let mut again = screen();
        again.resume(vec![kept("n1", d)]);
        let e = again.editing.as_ref().unwrap_or_else(|| {
            panic!(
                "{title}: not put back: {:?}",
                again.confirm.as_ref().map(|c| &c.detail)
            )
        });
        assert_eq!(e.purpose, purpose, "{title}");
        assert_eq!(values(&again), before, "{title}");
        // Over the pane it was opened from (an event's from any).
        if !matches!(purpose, Purpose::Event(_)) {
            assert_eq!(again.pane, m.pane, "{title}");
        }
        assert_eq!(again.kept_as.as_deref(), Some("n1"));
        let notice = again.notice.clone().unwrap_or_default();
        assert!(
            notice.contains("You were writing this when the window closed"),
            "{notice}"
        );

        // Esc asks before dropping what was put back; a yes drops the kept draft too.
        let typed = !again
            .editing
            .as_ref()
            .unwrap()
            .form
            .typed_since_opened()
            .is_empty();
        let mut fx = form(&mut again, FormKey::Cancel);
        if again.confirm.is_some() {
            fx = update(&mut again, CaseMessage::Confirm(KeyCommand::Yes));
        }
        assert!(
            !typed || fx == vec![CaseEffect::DropDraft("n1".into())],
            "{title}"
        );
        if typed {
            assert!(again.editing.is_none(), "{title}");
        }
    }
    let every: std::collections::BTreeSet<&str> = EVERY_KIND.into_iter().collect();
    assert_eq!(swept, every, "every kind of form is swept");
    for k in EventKind::ALL {
        assert!(events.contains(&k), "{k:?} is swept");
    }
}

#[test]
fn a_draft_put_back_and_closed_again_is_kept_in_its_own_place_and_saving_it_removes_it() {
    let mut m = screen();
    update(&mut m, CaseMessage::Show(Pane::Plan));
    update(&mut m, CaseMessage::EditPlan);
    take_option(&mut m, 0);
    m.editing.as_mut().unwrap().form.focus = 4;
    for ch in "Waiting on the housing panel".chars() {
        form(
            &mut m,
            FormKey::Type(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)),
        );
    }
    let d = kept_at_stop(&mut m).unwrap();
    assert_eq!(
        d.typed,
        vec![draft::TypedText {
            label: "Why".into(),
            text: "Waiting on the housing panel".into()
        }]
    );

    // Put back, then the window closed again: already kept as it stands; with more typed,
    // kept in place of the draft it came from.
    let mut again = screen();
    again.resume(vec![kept("n1", d.clone())]);
    assert_eq!(update(&mut again, CaseMessage::Stop), Vec::new());
    assert_eq!(again.kept_as.as_deref(), Some("n1"));
    form(
        &mut again,
        FormKey::Type(KeyEvent::new(KeyCode::Char('.'), KeyModifiers::NONE)),
    );
    assert!(matches!(
        update(&mut again, CaseMessage::Stop).as_slice(),
        [CaseEffect::KeepDraft(Some(n), _)] if n == "n1"
    ));

    // Put back, and saved: the write, and once it is done the draft goes.
    let mut again = screen();
    again.resume(vec![kept("n1", d.clone())]);
    let fx = form(&mut again, FormKey::Save);
    assert!(matches!(fx.as_slice(), [CaseEffect::Write(_)]), "{fx:?}");
    let fx = update(
        &mut again,
        CaseMessage::Written(Ok("action a1 changed".into())),
    );
    assert_eq!(fx, vec![CaseEffect::DropDraft("n1".into())]);
    assert!(again.editing.is_none());

    // Put back, the typing undone by hand, the window closed: nothing is left to keep.
    let mut again = screen();
    again.resume(vec![kept("n1", d)]);
    let e = again.editing.as_mut().unwrap();
    e.form.restore(&crate::domain::meeting::Scratch {
        form: String::new(),
        step: String::new(),
        fields: vec![("why".into(), String::new())],
        choices: Vec::new(),
        toggles: Vec::new(),
        privacies: Vec::new(),
        focus: None,
    });
    assert_eq!(
        update(&mut again, CaseMessage::Stop),
        vec![CaseEffect::DropDraft("n1".into())]
    );
}

/// The action form with a reason typed, kept.
fn action_draft() -> CaseDraft {
    let mut m = screen();
    update(&mut m, CaseMessage::Show(Pane::Plan));
    update(&mut m, CaseMessage::EditPlan);
    take_option(&mut m, 0);
    let e = m.editing.as_mut().unwrap();
    assert_eq!(e.purpose, Purpose::Action("a1".into()), "the first action");
    e.form.focus = 4;
    for ch in "Mum asked for more time".chars() {
        form(
            &mut m,
            FormKey::Type(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)),
        );
    }
    kept_at_stop(&mut m).unwrap()
}

#[test]
fn a_draft_whose_form_no_longer_makes_sense_is_shown_to_copy_and_kept_until_dropped() {
    // The action it edited is gone; then the action changed since (its due date moved by
    // someone else): neither is put back over the plan as it is now.
    let gone = screen_with(d(TODAY), |p| p.actions.retain(|a| a.id != "a1"));
    let moved = screen_with(d(TODAY), |p| {
        let a = p.actions.iter_mut().find(|a| a.id == "a1").unwrap();
        a.due = Some(d("2027-01-15"));
    });
    for (mut m, why) in [
        (gone, "the plan has no action"),
        (moved, "has changed since"),
    ] {
        m.resume(vec![kept("n1", action_draft())]);
        assert!(m.editing.is_none(), "not put back");
        assert_eq!(m.kept_as, None);
        let c = m.confirm.as_ref().expect("shown");
        assert!(c.question.contains("\"Action a1\""), "{}", c.question);
        let detail = c.detail.join("\n");
        assert!(detail.contains(why), "{detail}");
        assert!(detail.contains("Why: Mum asked for more time"), "{detail}");
        assert!(
            detail.contains("case-draft-n1.yaml until you drop it"),
            "{detail}"
        );

        // Kept for later: nothing is removed.
        let mut later = m;
        let fx = update(&mut later, CaseMessage::Confirm(KeyCommand::No));
        assert_eq!(fx, Vec::new());
        assert!(later.confirm.is_none() && later.editing.is_none());
    }
    // Dropped: the draft goes.
    let mut m = screen_with(d(TODAY), |p| p.actions.retain(|a| a.id != "a1"));
    m.resume(vec![kept("n1", action_draft())]);
    let fx = update(&mut m, CaseMessage::Confirm(KeyCommand::Yes));
    assert_eq!(fx, vec![CaseEffect::DropDraft("n1".into())]);
}

#[test]
fn drafts_come_back_one_after_another_and_one_that_does_not_read_is_said() {
    let mut m = screen();
    m.resume(vec![
        KeptDraft {
            name: "bad".into(),
            file: "f".into(),
            draft: Err(crate::store::LoadError {
                file: "case-draft-bad.yaml".into(),
                line: Some(1),
                column: Some(1),
                message: "not a draft".into(),
                hint: String::new(),
            }),
        },
        kept("n2", action_draft()),
    ]);
    let c = m
        .confirm
        .as_ref()
        .expect("the one that does not read is said");
    assert!(c.detail.join(" ").contains("not a draft"), "{:?}", c.detail);
    // Kept for later; the next is put back.
    assert_eq!(
        update(&mut m, CaseMessage::Confirm(KeyCommand::No)),
        Vec::new()
    );
    assert_eq!(m.kept_as.as_deref(), Some("n2"));
    assert!(m.editing.is_some());
}

#[test]
fn a_draft_put_back_on_a_later_day_keeps_the_day_it_was_given() {
    // A visit typed as "yesterday" on the 24th; the window closed; put back on the 26th, the
    // day is still the 23rd.
    let mut m = screen();
    update(&mut m, CaseMessage::Log);
    take_option(&mut m, 0);
    for ch in "yesterday".chars() {
        form(
            &mut m,
            FormKey::Type(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)),
        );
    }
    let d1 = kept_at_stop(&mut m).unwrap();
    let mut later = screen_with(d("2026-11-26"), |_| {});
    later.resume(vec![kept("n1", d1)]);
    let (values, _) = values(&later);
    assert_eq!(
        values[0],
        format!("date={:?}", Ok::<_, ()>(Some(d("2026-11-23"))))
    );
}

#[test]
fn a_draft_file_with_a_field_it_does_not_know_is_refused() {
    let d1 = action_draft();
    let mut text = crate::store::yaml::to_string(&d1).unwrap();
    text.push_str("extra: 1\n");
    let e = crate::store::yaml::parse_bytes::<CaseDraft>(
        text.as_bytes(),
        std::path::Path::new("d.yaml"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("extra"), "{e}");
}

/// The action form of a live screen with a reason typed, written through `write`; what the
/// screen keeps goes to the returned drafts.
fn live_with_a_reason_typed(
    write: Box<dyn FnMut(&crate::cases::case_write::CaseWrite) -> super::live::SaveOutcome>,
) -> (super::live::LiveCase, MemoryDrafts) {
    use crate::tui::terminal::Screen;
    let drafts = MemoryDrafts::default();
    let mut live = super::live::LiveCase::new(screen(), write, Box::new(drafts.clone()));
    for key in [
        KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
    ] {
        live.key(key);
    }
    for _ in 0..4 {
        live.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    }
    for ch in "Mum asked for more time".chars() {
        live.key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE));
    }
    (live, drafts)
}

#[test]
fn a_stop_comes_after_a_write_whole_keeping_the_form_only_when_the_write_failed() {
    use crate::tui::terminal::Screen;
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    // Saved: the write is done before the loop looks for a stop; the form is closed, and a
    // stop then keeps nothing (the record holds it).
    let writes = Rc::new(RefCell::new(0));
    let counted = Rc::clone(&writes);
    let (mut live, drafts) = live_with_a_reason_typed(Box::new(move |_| {
        *counted.borrow_mut() += 1;
        Ok(("action a1 changed".into(), screen()))
    }));
    live.key(ctrl_s);
    live.stop(std::time::Duration::ZERO);
    assert_eq!(*writes.borrow(), 1);
    assert!(drafts.0.borrow().is_empty(), "nothing kept of a saved form");
    assert!(live.kept_at_stop.is_none());

    // Not written (the case changed under it, the disk refused): the form stays open with the
    // text, and the stop keeps it.
    let (mut live, drafts) = live_with_a_reason_typed(Box::new(|_| {
        Err(crate::cases::error::CaseError::Io(io::Error::other(
            "the disk is full",
        )))
    }));
    live.key(ctrl_s);
    assert!(live.screen().editing.is_some());
    live.stop(std::time::Duration::ZERO);
    let kept = drafts.0.borrow();
    assert_eq!(kept.len(), 1);
    let d = kept.values().next().unwrap();
    assert_eq!(d.typed[0].text, "Mum asked for more time");
    assert!(
        matches!(&live.kept_at_stop, Some(Ok(title)) if title == "Action a1"),
        "{:?}",
        live.kept_at_stop
    );
}

#[test]
fn an_open_form_is_kept_on_each_tick_it_changed_in_one_place_and_removed_once_empty_or_saved() {
    let mut m = screen();
    update(&mut m, CaseMessage::Log);
    take_option(&mut m, 0);
    let type_in = |m: &mut CaseScreen, text: &str| {
        for ch in text.chars() {
            form(
                m,
                FormKey::Type(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)),
            );
        }
    };
    // Nothing typed yet: nothing kept.
    assert_eq!(update(&mut m, CaseMessage::Tick), Vec::new());
    m.editing.as_mut().unwrap().form.focus = 5;
    type_in(&mut m, "asleep");
    let fx = update(&mut m, CaseMessage::Tick);
    assert!(
        matches!(fx.as_slice(), [CaseEffect::KeepDraft(None, _)]),
        "{fx:?}"
    );
    update(&mut m, CaseMessage::DraftKept("n1".into()));
    // Unchanged since: not written again.
    assert_eq!(update(&mut m, CaseMessage::Tick), Vec::new());
    assert_eq!(update(&mut m, CaseMessage::Stop), Vec::new());
    // More typed: kept in the same place.
    type_in(&mut m, " upstairs");
    let fx = update(&mut m, CaseMessage::Tick);
    match fx.as_slice() {
        [CaseEffect::KeepDraft(Some(n), d)] => {
            assert_eq!(n, "n1");
            assert_eq!(d.typed[0].text, "asleep upstairs");
        }
        other => panic!("{other:?}"),
    }
    // Typed away again: what was kept goes.
    for _ in 0.."asleep upstairs".len() {
        form(
            &mut m,
            FormKey::Type(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        );
    }
    assert_eq!(
        update(&mut m, CaseMessage::Tick),
        vec![CaseEffect::DropDraft("n1".into())]
    );
    // Typed, kept, then saved: the draft goes once the write is done.
    type_in(&mut m, "asleep");
    update(&mut m, CaseMessage::Tick);
    update(&mut m, CaseMessage::DraftKept("n2".into()));
    let fx = form(&mut m, FormKey::Save);
    assert!(matches!(fx.as_slice(), [CaseEffect::Write(_)]), "{fx:?}");
    assert_eq!(
        update(&mut m, CaseMessage::Written(Ok("logged".into()))),
        vec![CaseEffect::DropDraft("n2".into())]
    );
}
