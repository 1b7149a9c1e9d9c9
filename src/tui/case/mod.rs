//! The case screen (`coregroup case DIR`): every timescale with what is overdue first, the plan,
//! the people and the case log, one pane at a time, and forms to log events and edit the plan.
//! The model is built from the case; `update` is pure: a saved form comes out as an
//! [`CaseEffect`] the runtime writes through the use cases, and the case is read again after.

pub mod draft;
pub mod edit;
pub mod live;
mod model;
mod resume;
mod view;

#[cfg(test)]
mod draft_tests;
#[cfg(test)]
mod tests;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::{Chord, ChordKey, KeyCommand, Mode};

pub use model::{CaseOnYes, CaseScreen, LogLine, Pane};
pub use view::view;

use self::draft::CaseDraft;
use self::edit::EventKind;
use self::resume::withdraw_form;
use super::widgets::dialog::{Confirm, ConfirmReply};
use super::widgets::field::FieldKind;
use super::widgets::form_input::Keyed;
use super::widgets::help::Help;
use crate::cases::case_write::CaseWrite;
use crate::domain::case_log::Event;

/// What `update` asks of the runtime.
#[derive(Clone, Debug, PartialEq)]
// One effect at a time lives for one turn of the loop: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum CaseEffect {
    /// Write this (an event to the log, an edit to the plan), then send [`CaseMessage::Written`].
    Write(CaseWrite),
    /// Keep the open form's draft: in place of the kept draft of this name, or under a new one.
    KeepDraft(Option<String>, CaseDraft),
    /// Remove the kept draft of this name: its form was saved or dropped.
    DropDraft(String),
    Quit,
}

/// Keys into an open form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKey {
    Next,
    Previous,
    /// Enter: take a choice and go on; on the last field, save.
    Enter,
    /// Ctrl-s: save from any field.
    Save,
    Cancel,
    /// ← → on a choice or tick box.
    Change(bool),
    Type(KeyEvent),
}

#[derive(Debug)]
pub enum CaseMessage {
    /// Open the form to log an event (`l`).
    Log,
    /// From the People pane: a member joins (`a`), leaves (`d`), a new lead worker (`w`).
    People(EventKind),
    /// From the Plan pane: edit the plan (`e`).
    EditPlan,
    /// From the Log pane: withdraw a wrong entry (`x`).
    Withdraw,
    Form(FormKey),
    /// Text pasted (bracketed paste): into the open form's text field.
    Paste(String),
    /// What the write came to: the line to show, or why it failed.
    Written(Result<String, crate::cases::error::CaseError>),
    /// A quarter second went by: the open form is kept as it stands, if it changed.
    Tick,
    /// The screen is ended from outside (its window closed, a signal): keep the open form.
    Stop,
    /// The open form was kept under this name.
    DraftKept(String),
    /// A draft could not be kept or removed: why.
    DraftFailed(std::sync::Arc<std::io::Error>),
    NextPane,
    PreviousPane,
    Show(Pane),
    Down(u16),
    Up(u16),
    Top,
    OpenHelp,
    /// A key of the keymap's `confirm` section while a question is asked.
    Confirm(KeyCommand),
    /// A key of the keymap's `help` section while the help is open.
    Help(KeyCommand),
    Quit,
}

/// The message a key means on this screen, as the keymap's `case` and `case_form` sections
/// bind it (the help lists them).
pub fn message_for_key(m: &CaseScreen, key: KeyEvent) -> Option<CaseMessage> {
    let chord = Chord::from_event(&key)?;
    if m.confirm.is_some() {
        return m
            .keymap
            .lookup(&[Mode::Confirm], &chord)
            .map(CaseMessage::Confirm);
    }
    if let Some(e) = &m.editing {
        let on_text = e.form.focused().is_some_and(|f| f.is_text());
        let filtering = matches!(
            e.form.focused().map(|f| &f.kind),
            Some(FieldKind::Choice(c)) if c.is_filtering()
        );
        let toggle = matches!(
            e.form.focused().map(|f| &f.kind),
            Some(FieldKind::Toggle(_))
        );
        // While a choice is typed into, the arrows move among its matches.
        let arrow = matches!(chord.code, ChordKey::Up | ChordKey::Down);
        let action = m.keymap.lookup(&[Mode::CaseForm], &chord);
        return Some(CaseMessage::Form(match action {
            Some(KeyCommand::Save) => FormKey::Save,
            Some(KeyCommand::Cancel) => FormKey::Cancel,
            Some(KeyCommand::Activate) => FormKey::Enter,
            Some(KeyCommand::NextField) if !(filtering && arrow) => FormKey::Next,
            Some(KeyCommand::PrevField) if !(filtering && arrow) => FormKey::Previous,
            Some(KeyCommand::Left) if !on_text => FormKey::Change(false),
            Some(KeyCommand::Right) if !on_text => FormKey::Change(true),
            Some(KeyCommand::Toggle) if toggle => FormKey::Change(true),
            _ => FormKey::Type(key),
        }));
    }
    if m.help.is_some() {
        return m
            .keymap
            .lookup(&[Mode::Help], &chord)
            .map(CaseMessage::Help);
    }
    let action = m.keymap.lookup(&[Mode::Case], &chord)?;
    Some(match action {
        KeyCommand::Quit => CaseMessage::Quit,
        KeyCommand::NextPane => CaseMessage::NextPane,
        KeyCommand::PrevPane => CaseMessage::PreviousPane,
        KeyCommand::ShowPane => {
            let n = m.keymap.key_index(Mode::Case, action, &chord)?;
            CaseMessage::Show(*Pane::ALL.get(n)?)
        }
        KeyCommand::Down => CaseMessage::Down(1),
        KeyCommand::Up => CaseMessage::Up(1),
        KeyCommand::PageDown => CaseMessage::Down(10),
        KeyCommand::PageUp => CaseMessage::Up(10),
        KeyCommand::Top => CaseMessage::Top,
        KeyCommand::Help => CaseMessage::OpenHelp,
        KeyCommand::LogEvent => CaseMessage::Log,
        KeyCommand::EditPlan => CaseMessage::EditPlan,
        KeyCommand::MemberJoins => CaseMessage::People(EventKind::MemberJoins),
        KeyCommand::MemberLeaves => CaseMessage::People(EventKind::MemberLeaves),
        KeyCommand::LeadWorker => CaseMessage::People(EventKind::LeadWorker),
        KeyCommand::WithdrawEntry => CaseMessage::Withdraw,
        _ => return None,
    })
}

/// Apply a message; what the runtime is to do.
/// What a paste with no text field to go into says, as every screen says it.
const PASTE_WHERE: &str = "move to a text field to paste";

pub fn update(m: &mut CaseScreen, msg: CaseMessage) -> Vec<CaseEffect> {
    let i = m.pane.index();
    match msg {
        CaseMessage::Confirm(a) => return answer(m, a),
        CaseMessage::Form(k) => return form_key(m, k),
        CaseMessage::Paste(text) => match &mut m.editing {
            Some(e) => {
                let pasted = e.form.paste(&text);
                e.error = (!pasted).then(|| PASTE_WHERE.into());
            }
            None => m.notice = Some(PASTE_WHERE.into()),
        },
        CaseMessage::Written(Ok(line)) => {
            m.notice = Some(format!("✓ {line}"));
            return form_closed(m);
        }
        CaseMessage::Tick | CaseMessage::Stop => return keep_form(m),
        CaseMessage::DraftKept(name) => {
            if m.editing.is_some() {
                m.kept_as = Some(name);
            }
        }
        CaseMessage::DraftFailed(why) => {
            m.notice = Some(format!("✗ what was kept when a window closed: {why}"))
        }
        CaseMessage::Written(Err(e)) => match &mut m.editing {
            Some(ed) => ed.error = Some(e.to_string()),
            None => m.notice = Some(format!("✗ {e}")),
        },
        CaseMessage::Help(a) => {
            if let Some(h) = &mut m.help
                && !h.act(a)
            {
                m.help = None;
            }
        }
        // Keys wait while the help is open.
        _ if m.help.is_some() => {}
        CaseMessage::Quit => return vec![CaseEffect::Quit],
        CaseMessage::Log => m.editing = Some(edit::choose_event()),
        CaseMessage::People(kind) if m.pane == Pane::People => open_event(m, kind),
        CaseMessage::People(_) => {
            m.notice = Some(format!(
                "people join and leave from the People pane ({})",
                m.pane_key(Pane::People)
            ))
        }
        CaseMessage::EditPlan if m.pane == Pane::Plan => {
            m.editing = Some(edit::choose_plan_item(&m.plan))
        }
        CaseMessage::EditPlan if m.pane == Pane::People => {
            m.editing = Some(edit::choose_person(&m.plan))
        }
        CaseMessage::EditPlan => {
            m.notice = Some(format!(
                "the plan is edited from the Plan pane ({})",
                m.pane_key(Pane::Plan)
            ))
        }
        CaseMessage::Withdraw if m.pane == Pane::Log => match withdraw_form(m) {
            Some(form) => m.editing = Some(form),
            None => m.notice = Some("nothing in the log to withdraw".into()),
        },
        CaseMessage::Withdraw => {
            m.notice = Some(format!(
                "a wrong entry is withdrawn from the Log pane ({})",
                m.pane_key(Pane::Log)
            ))
        }
        CaseMessage::NextPane => m.pane = Pane::ALL[(i + 1) % Pane::ALL.len()],
        CaseMessage::PreviousPane => {
            m.pane = Pane::ALL[(i + Pane::ALL.len() - 1) % Pane::ALL.len()]
        }
        CaseMessage::Show(p) => m.pane = p,
        CaseMessage::Down(n) => {
            let last = view::rows(m, m.pane, m.width.get()).len().saturating_sub(1);
            let last = u16::try_from(last).unwrap_or(u16::MAX);
            m.scroll[i] = m.scroll[i].saturating_add(n).min(last);
        }
        CaseMessage::Up(n) => m.scroll[i] = m.scroll[i].saturating_sub(n),
        CaseMessage::Top => m.scroll[i] = 0,
        CaseMessage::OpenHelp => m.help = Some(Help::new()),
    }
    Vec::new()
}

/// The open form kept as it stands, when it changed since it was last kept: in place of what
/// was kept of it, or, once it holds nothing typed, what was kept of it removed.
fn keep_form(m: &mut CaseScreen) -> Vec<CaseEffect> {
    match m.draft() {
        Some(d) if m.last_kept.as_ref() == Some(&d) => Vec::new(),
        Some(d) => {
            m.last_kept = Some(d.clone());
            vec![CaseEffect::KeepDraft(m.kept_as.clone(), d)]
        }
        None => {
            m.last_kept = None;
            m.kept_as
                .take()
                .map(CaseEffect::DropDraft)
                .into_iter()
                .collect()
        }
    }
}

/// The open form is closed, saved or dropped: what was kept of it goes, and the next draft kept
/// is put back.
fn form_closed(m: &mut CaseScreen) -> Vec<CaseEffect> {
    m.editing = None;
    m.last_kept = None;
    let effects = m
        .kept_as
        .take()
        .map(CaseEffect::DropDraft)
        .into_iter()
        .collect();
    m.next_kept();
    effects
}

/// A key on the question: a yes acts, a no leaves the form as it was (or, for a withdrawal,
/// closes it having withdrawn nothing).
fn answer(m: &mut CaseScreen, a: KeyCommand) -> Vec<CaseEffect> {
    let Some(c) = m.confirm.take() else {
        return Vec::new();
    };
    match c.answer(a) {
        ConfirmReply::Yes(CaseOnYes::DiscardForm) => return form_closed(m),
        ConfirmReply::Yes(CaseOnYes::Withdraw(w)) => {
            return vec![CaseEffect::Write(CaseWrite::Log(Event::Withdrawn(w)))];
        }
        ConfirmReply::No(CaseOnYes::DiscardForm) => {}
        ConfirmReply::No(CaseOnYes::Withdraw(_)) => {
            m.notice = Some("nothing was withdrawn".into());
            return form_closed(m);
        }
        ConfirmReply::Yes(CaseOnYes::DropDraft(name)) => {
            m.next_kept();
            return vec![CaseEffect::DropDraft(name)];
        }
        // Kept as it is, for the next time the case is opened.
        ConfirmReply::No(CaseOnYes::DropDraft(_)) => m.next_kept(),
        ConfirmReply::Open(c) => m.confirm = Some(c),
    }
    Vec::new()
}

fn open_event(m: &mut CaseScreen, kind: EventKind) {
    m.editing = Some(edit::event_form(kind, &m.plan, &m.meetings, m.today));
}

/// A key into the open form.
fn form_key(m: &mut CaseScreen, k: FormKey) -> Vec<CaseEffect> {
    let Some(e) = &mut m.editing else {
        return Vec::new();
    };
    e.error = None;
    // One rule for every choice: taken by a number or by Tab, the focus moves on once.
    if std::mem::take(&mut e.choice_moved_on) && k == FormKey::Next {
        return Vec::new();
    }
    match k {
        FormKey::Cancel => {
            if e.form.undo_typing() {
                return Vec::new();
            }
            // Esc also puts back a date, so it is easily pressed twice: ask before losing
            // typed text.
            let typed = e.form.typed_since_opened();
            if typed.is_empty() {
                return form_closed(m);
            } else {
                let question = format!("Close \"{}\" and lose what you typed?", e.title());
                m.confirm = Some(Confirm::new(question, CaseOnYes::DiscardForm).with_detail(typed));
            }
        }
        FormKey::Next | FormKey::Previous => {
            let forward = k == FormKey::Next;
            if forward && let Err(typed) = e.form.take_typed() {
                e.error = Some(format!("{typed}: backspace to correct"));
            } else {
                if !forward {
                    e.form.undo_typing();
                }
                e.form.move_focus(forward);
            }
        }
        FormKey::Change(forward) => {
            e.form.change_value(forward);
        }
        FormKey::Type(key) => {
            if e.form.type_key(&key) == Keyed::Taken && e.form.fields.len() > 1 {
                e.form.move_focus(true);
                e.choice_moved_on = true;
            }
        }
        FormKey::Enter | FormKey::Save => {
            if let Err(typed) = e.form.take_typed() {
                e.error = Some(format!("{typed}: backspace to correct"));
                return Vec::new();
            }
            let last = e.form.focus + 1 >= e.form.fields.len();
            // A note takes Enter as a new line; F2 (or ctrl-s) saves it.
            let note = e
                .form
                .focused()
                .is_some_and(|f| matches!(&f.kind, FieldKind::Text(t) if t.multiline));
            if k == FormKey::Enter && note {
                e.form
                    .type_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
            } else if k == FormKey::Enter && !last {
                e.form.move_focus(true);
            } else {
                return save(m);
            }
        }
    }
    Vec::new()
}

/// The form saved: a picker opens the form it chose; a form is read into what to write.
fn save(m: &mut CaseScreen) -> Vec<CaseEffect> {
    let Some(e) = &mut m.editing else {
        return Vec::new();
    };
    match e.purpose.clone() {
        edit::Purpose::ChooseEvent => {
            let kind = EventKind::ALL[e.form.choice("kind").min(EventKind::ALL.len() - 1)];
            open_event(m, kind);
            Vec::new()
        }
        edit::Purpose::ChoosePlanItem | edit::Purpose::ChoosePerson => {
            let Some(item) = e.items.get(e.form.choice("item")).cloned() else {
                return Vec::new();
            };
            match edit::plan_form(&item, &m.plan, m.today) {
                Ok(form) => m.editing = Some(form),
                Err(why) => e.error = Some(why.to_string()),
            }
            Vec::new()
        }
        edit::Purpose::Withdraw => {
            match edit::read(e, &m.plan, m.today) {
                Ok(CaseWrite::Log(Event::Withdrawn(w))) => {
                    let entry = e.items_label(e.form.choice("entry"));
                    let question = format!(
                        "Withdraw {entry}? It is kept in the log as withdrawn and counted nowhere."
                    );
                    let detail = vec![format!("because: {}", w.reason)];
                    m.confirm = Some(
                        Confirm::new(question, CaseOnYes::Withdraw(w))
                            .with_detail(detail)
                            .with_labels("withdraw it", "keep it"),
                    );
                }
                Ok(_) => {}
                Err(why) => e.error = Some(why.to_string()),
            }
            Vec::new()
        }
        _ => match edit::read(e, &m.plan, m.today) {
            Ok(w) => vec![CaseEffect::Write(w)],
            Err(why) => {
                e.error = Some(why.to_string());
                Vec::new()
            }
        },
    }
}
