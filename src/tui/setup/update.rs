//! `update` for the set-up screen: one message in, the model changed, effects out. Pure: the
//! plan is written by the runtime when `SetupEffect::Write` asks, never here.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::message::{SetupEffect, SetupMessage};
use super::model::{List, RowEdit, SetupModel, SetupOnYes, SetupSection};
use crate::tui::keymap::{Chord, KeyCommand, Mode};
use crate::tui::widgets::dialog::{Confirm, ConfirmReply};
use crate::tui::widgets::field::FieldKind;
use crate::tui::widgets::form_input::Keyed;
use crate::tui::widgets::forms::{FieldError, Form};
use crate::tui::widgets::help::Help;

/// The message a key stands for now; `None` when it means nothing here.
pub fn message_for_key(m: &SetupModel, key: KeyEvent) -> Option<SetupMessage> {
    let chord = Chord::from_event(&key)?;
    if m.saved.is_some() {
        return Some(SetupMessage::Act(KeyCommand::Quit));
    }
    // On "keep the draft and leave?", the leave key again throws the draft away.
    if m.confirm
        .as_ref()
        .is_some_and(|c| c.on_yes == SetupOnYes::Leave)
        && m.keymap.lookup(&[Mode::Global], &chord) == Some(KeyCommand::Quit)
    {
        return Some(SetupMessage::Act(KeyCommand::Quit));
    }
    let modes = m.modes();
    if let Some(a) = m.keymap.lookup(&modes, &chord) {
        if a == KeyCommand::GoToStep {
            let n = m.keymap.key_index(Mode::Global, a, &chord)?;
            return Some(SetupMessage::GoToSection(n + 1));
        }
        return Some(SetupMessage::Act(a));
    }
    let types = modes.contains(&Mode::Text) || modes.contains(&Mode::Picker);
    types.then_some(SetupMessage::Input(key))
}

pub fn update(m: &mut SetupModel, msg: SetupMessage) -> Vec<SetupEffect> {
    let mut fx = Vec::new();
    let rows_saved = m.rows_saved;
    // One rule for every choice: taken by a number or by Tab, the focus moves on once.
    if !matches!(msg, SetupMessage::Tick | SetupMessage::DraftFailed(_))
        && std::mem::take(&mut m.choice_moved_on)
        && matches!(msg, SetupMessage::Act(KeyCommand::NextField))
    {
        return fx;
    }
    match msg {
        // Typing is kept on the tick, not per key: the cost of a write stays off the keys.
        SetupMessage::Tick => {
            if m.draft_due && m.saved.is_none() {
                m.draft_due = false;
                fx.push(SetupEffect::KeepDraft(Box::new(m.draft())));
            }
            return fx;
        }
        SetupMessage::DraftFailed(e) => {
            m.status = Some(format!(
                "what is typed could not be kept against a crash: {e}"
            ));
            return fx;
        }
        SetupMessage::Input(key) => {
            let form = focused_form(m);
            match form.type_key(&key) {
                Keyed::Nothing => {}
                Keyed::Edited => m.typed = true,
                Keyed::Taken => {
                    m.typed = true;
                    focused_form(m).move_focus(true);
                    m.choice_moved_on = true;
                }
            }
        }
        SetupMessage::Paste(text) => {
            if focused_form(m).paste(&text) {
                m.typed = true;
            } else {
                m.status = Some("move to a text field to paste".into());
            }
        }
        SetupMessage::GoToSection(n) => match SetupSection::ALL.get(n.wrapping_sub(1)) {
            Some(s) => {
                go_to(m, *s);
            }
            None => m.status = Some(format!("there is no section {n}")),
        },
        SetupMessage::Written(Ok(text)) => {
            m.saved = Some(text);
            fx.push(SetupEffect::DiscardDraft);
            fx.push(SetupEffect::Quit);
        }
        SetupMessage::Written(Err(e)) => m.status = Some(format!("plan.yaml was not written: {e}")),
        SetupMessage::Act(a) => act(m, a, &mut fx),
    }
    if m.row.is_none() {
        m.read_form();
    }
    m.revalidate();
    if m.typed && m.saved.is_none() && !fx.contains(&SetupEffect::DiscardDraft) {
        m.draft_due = true;
        // A saved or removed row is kept at once.
        if m.rows_saved != rows_saved {
            m.draft_due = false;
            fx.push(SetupEffect::KeepDraft(Box::new(m.draft())));
        }
    }
    fx
}

/// The form that has the keyboard: the row opened over the section, else the section's.
fn focused_form(m: &mut SetupModel) -> &mut Form {
    match &mut m.row {
        Some(r) => &mut r.form,
        None => &mut m.form,
    }
}

fn act(m: &mut SetupModel, a: KeyCommand, fx: &mut Vec<SetupEffect>) {
    if let Some(c) = m.confirm.take() {
        match a {
            // The leave key again, on "keep the draft and leave?": throw it away instead.
            KeyCommand::Quit if c.on_yes == SetupOnYes::Leave => {
                m.confirm = Some(Confirm::new(
                    "Throw the draft away? Nothing is written and what was typed is lost.",
                    SetupOnYes::Discard,
                ));
            }
            _ => match c.answer(a) {
                ConfirmReply::Yes(on) => on_yes(m, on, fx),
                ConfirmReply::No(_) => {}
                ConfirmReply::Open(c) => m.confirm = Some(c),
            },
        }
        return;
    }
    if let Some(h) = &mut m.help {
        if !h.act(a) {
            m.help = None;
        }
        return;
    }
    m.status = None;
    match a {
        KeyCommand::Help => m.help = Some(Help::new()),
        KeyCommand::Quit => leave(m, fx),
        KeyCommand::NextStep | KeyCommand::PrevStep => {
            let i = m.section.index();
            let to = if a == KeyCommand::NextStep {
                i + 1
            } else {
                i.wrapping_sub(1)
            };
            match SetupSection::ALL.get(to) {
                Some(s) => {
                    go_to(m, *s);
                }
                None => m.status = Some("there is no section further that way".into()),
            }
        }
        KeyCommand::Save => match m.row {
            Some(_) => save_row(m),
            None => save_case(m, fx),
        },
        // Esc in a text field puts back a date being replaced, else cancels the row.
        KeyCommand::Cancel | KeyCommand::Restore => cancel(m),
        KeyCommand::NextField | KeyCommand::PrevField => {
            next_field(m, a == KeyCommand::NextField);
        }
        KeyCommand::Up | KeyCommand::Down | KeyCommand::PageUp | KeyCommand::PageDown => {
            let down = matches!(a, KeyCommand::Down | KeyCommand::PageDown);
            if focused_form(m).move_among_matches(down) {
                return;
            }
            if !move_in_list(m, a) {
                next_field(m, down);
            }
        }
        KeyCommand::Left | KeyCommand::Right | KeyCommand::Toggle => {
            if on_table(m) {
                edit_selected(m);
            } else if focused_form(m).change_value(a != KeyCommand::Left) {
                m.typed = true;
            }
        }
        KeyCommand::Activate => activate(m, fx),
        KeyCommand::Add => {
            if let (None, Some(list)) = (&m.row, m.section.list()) {
                open_row(m, list, None);
            }
        }
        KeyCommand::Remove => ask_remove(m),
        KeyCommand::Undo
        | KeyCommand::Redo
        | KeyCommand::WordLeft
        | KeyCommand::WordRight
        | KeyCommand::DeleteWord
        | KeyCommand::DeleteToStart => {
            m.typed |= focused_form(m).edit_text(a);
        }
        _ => {}
    }
}

/// Esc: forget what is being typed into a choice or put back a date; else close the row unsaved.
fn cancel(m: &mut SetupModel) {
    if focused_form(m).undo_typing() {
        return;
    }
    // Esc also puts back a date, so it is easily pressed twice: ask before losing typed text.
    match &m.row {
        Some(r) if !r.form.typed_since_opened().is_empty() => {
            m.confirm = Some(Confirm::new(
                "Close the row and lose what you typed in it?",
                SetupOnYes::DiscardRow,
            ));
        }
        _ => discard_row(m),
    }
}

fn discard_row(m: &mut SetupModel) {
    if m.row.take().is_some() {
        m.status = Some("the row was closed without saving".into());
    }
}

fn next_field(m: &mut SetupModel, forward: bool) {
    let form = focused_form(m);
    if forward {
        if let Err(typed) = form.take_typed() {
            m.status = Some(format!("{typed}: backspace to correct, esc to forget it"));
            return;
        }
    } else {
        form.undo_typing();
    }
    form.move_focus(forward);
}

fn on_table(m: &SetupModel) -> bool {
    m.row.is_none() && matches!(m.form.focused().map(|f| &f.kind), Some(FieldKind::Table(_)))
}

/// The arrows and page keys on a list move its selection; `false` when the focus is elsewhere.
fn move_in_list(m: &mut SetupModel, a: KeyCommand) -> bool {
    if !on_table(m) {
        return false;
    }
    let Some(list) = m.section.list() else {
        return false;
    };
    let delta = match a {
        KeyCommand::Up => -1,
        KeyCommand::Down => 1,
        KeyCommand::PageUp => -10,
        _ => 10,
    };
    if let Some(FieldKind::Table(t)) = m.form.focused_mut().map(|f| &mut f.kind) {
        t.move_by(delta);
        m.selected[list as usize] = t.selected;
    }
    true
}

fn activate(m: &mut SetupModel, fx: &mut Vec<SetupEffect>) {
    let kind = match focused_form(m).focused().map(|f| &f.kind) {
        Some(FieldKind::Text(t)) if t.multiline => 0,
        Some(FieldKind::Table(_)) => 1,
        Some(FieldKind::Button) => 2,
        Some(_) => 3,
        None => return,
    };
    match kind {
        0 => {
            let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
            if focused_form(m).type_key(&enter) == Keyed::Edited {
                m.typed = true;
            }
        }
        1 => edit_selected(m),
        2 => save_case(m, fx),
        _ => {
            let last = m
                .row
                .as_ref()
                .is_some_and(|r| r.form.focus + 1 == r.form.fields.len());
            if last {
                if focused_form(m).take_typed().is_ok() {
                    save_row(m);
                }
            } else {
                next_field(m, true);
            }
        }
    }
}

/// Leave the section for `to`; `false` when it cannot be left yet (a row is open, or a date
/// cannot be read, which would otherwise be dropped).
fn go_to(m: &mut SetupModel, to: SetupSection) -> bool {
    if m.row.is_some() {
        row_busy(m);
        return false;
    }
    if m.form.take_typed().is_err() {
        m.form.undo_typing();
    }
    if let Some(e) = unreadable_date(&m.form) {
        m.status = Some(format!("{e}: correct it, or clear it to leave it out"));
        return false;
    }
    m.read_form();
    if !m.visited.contains(&m.section) {
        m.visited.push(m.section);
    }
    if to != m.section {
        m.section = to;
        m.form = Form::default();
        m.rebuild_form();
    }
    true
}

/// The first date in the form whose text cannot be read.
fn unreadable_date(form: &Form) -> Option<FieldError> {
    form.fields.iter().find_map(|f| form.date(f.id).err())
}

fn row_busy(m: &mut SetupModel) {
    let save = m.keymap.key_label(Mode::Overlay, KeyCommand::Save);
    let cancel = m.keymap.key_label(Mode::Overlay, KeyCommand::Cancel);
    m.status = Some(format!(
        "finish this row first: {save} saves it, {cancel} cancels"
    ));
}

fn edit_selected(m: &mut SetupModel) {
    let Some(list) = m.section.list() else {
        return;
    };
    if m.list_len(list) == 0 {
        open_row(m, list, None);
    } else {
        let i = m.selected(list);
        open_row(m, list, Some(i));
    }
}

fn open_row(m: &mut SetupModel, list: List, index: Option<usize>) {
    let missing = match list {
        List::Outcomes if m.plan.children.is_empty() => Some("the children"),
        List::Actions if m.plan.outcomes.is_empty() => Some("the outcomes"),
        _ => None,
    };
    if let Some(first) = missing {
        m.status = Some(format!("add {first} first (alt-2 or alt-4 goes there)"));
        return;
    }
    let form = m.row_form(list, index);
    m.row = Some(RowEdit {
        list,
        index,
        form,
        error: None,
    });
}

fn save_row(m: &mut SetupModel) {
    let Some(mut row) = m.row.take() else {
        return;
    };
    if let Err(typed) = row.form.take_typed() {
        row.error = Some(typed.to_string());
        m.row = Some(row);
        return;
    }
    match m.apply_row(&row) {
        Ok(()) => {
            m.rows_saved += 1;
            let len = m.list_len(row.list);
            m.selected[row.list as usize] = row.index.unwrap_or(len.saturating_sub(1));
            m.typed = true;
            m.rebuild_form();
            m.status = Some(match row.index {
                Some(_) => format!("{} saved", row.list.one()),
                None => format!("{} added ({len} in all); + adds another", row.list.one()),
            });
        }
        Err(e) => {
            row.error = Some(e.to_string());
            m.row = Some(row);
        }
    }
}

fn ask_remove(m: &mut SetupModel) {
    if m.row.is_some() || !on_table(m) {
        return;
    }
    let Some(list) = m.section.list() else {
        return;
    };
    let i = m.selected(list);
    if i >= m.list_len(list) {
        return;
    }
    let what = match list {
        List::Children => m.plan.children[i].name.clone(),
        List::Members => m.plan.members[i].name.clone(),
        List::Outcomes => m.plan.outcomes[i].text.clone(),
        List::Actions => m.plan.actions[i].what.clone(),
    };
    m.confirm = Some(Confirm::new(
        format!("Remove the {} \"{what}\"?", list.one()),
        SetupOnYes::Remove(list, i),
    ));
}

fn on_yes(m: &mut SetupModel, on_yes: SetupOnYes, fx: &mut Vec<SetupEffect>) {
    match on_yes {
        SetupOnYes::DiscardRow => discard_row(m),
        SetupOnYes::Leave => {
            // Everything typed up to this key is kept, not only what the last tick kept.
            fx.push(SetupEffect::KeepDraft(Box::new(m.draft())));
            fx.push(SetupEffect::Quit);
        }
        SetupOnYes::Discard => {
            fx.push(SetupEffect::DiscardDraft);
            fx.push(SetupEffect::Quit);
        }
        SetupOnYes::Remove(list, i) => {
            m.remove_row(list, i);
            m.rows_saved += 1;
            m.rebuild_form();
        }
    }
}

fn leave(m: &mut SetupModel, fx: &mut Vec<SetupEffect>) {
    if m.typed && m.saved.is_none() {
        m.confirm = Some(Confirm::new(
            format!(
                "Leave and keep the draft? `coregroup new {}` goes on where you left off. \
                 (Press {} again to throw it away.)",
                m.dir,
                m.keymap.key_label(Mode::Global, KeyCommand::Quit)
            ),
            SetupOnYes::Leave,
        ));
    } else {
        fx.push(SetupEffect::Quit);
    }
}

/// Save the case when `check` would pass it; else show what is wrong, section by section.
fn save_case(m: &mut SetupModel, fx: &mut Vec<SetupEffect>) {
    if m.row.is_some() {
        row_busy(m);
        return;
    }
    if !go_to(m, m.section) {
        return;
    }
    m.visited = SetupSection::ALL.to_vec();
    m.revalidate();
    let errors = m.errors();
    if errors > 0 {
        go_to(m, SetupSection::Save);
        m.status = Some(format!(
            "{errors} error{} to fix before saving; each names its section",
            if errors == 1 { "" } else { "s" }
        ));
        return;
    }
    fx.push(SetupEffect::Write(Box::new(m.plan.clone())));
}
