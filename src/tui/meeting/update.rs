//! `update`: one message in, the model changed, effects out. Pure: no terminal, no disk, no
//! clock. The keystroke path only touches the focused text field; changes are made when the
//! chair leaves a field or step, on the tick, and before closing or quitting.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{AtCloseQuestion, MeetingModel, StatusKind, StatusLine};
use super::confirm::MeetingOnYes;
use super::message::{CloseReply, MeetingEffect, MeetingMessage, SaveReport};
use super::overlay::{Overlay, OverlayKind};
use super::steps::{self, StepReply};
use crate::domain::agenda::StepKind;
use crate::domain::family_check;
use crate::domain::meeting::{Change, Draft, StepTime};
use crate::tui::keymap::{Chord, KeyCommand, Mode};
use crate::tui::widgets::dialog::{Confirm, ConfirmReply};
use crate::tui::widgets::field::{Field, FieldId, FieldKind, privacy_words};
use crate::tui::widgets::form_input::edit_text;
use crate::tui::widgets::help::Help;
use crate::tui::widgets::picker::Typed;
use crate::tui::widgets::ticks::{Ticks, TicksFor};

/// The message a key stands for now, through the keymap; `None` when it means nothing here.
pub fn message_for_key(m: &MeetingModel, key: KeyEvent) -> Option<MeetingMessage> {
    let chord = Chord::from_event(&key)?;
    if m.closed.is_some() {
        return Some(MeetingMessage::Act(KeyCommand::Quit));
    }
    let modes = m.modes();
    if let Some(msg) = finding_key(m, &modes, key) {
        return Some(msg);
    }
    if let Some(a) = m.keymap.lookup(&modes, &chord) {
        if a == KeyCommand::GoToStep {
            let n = m.keymap.key_index(Mode::Global, a, &chord)?;
            return Some(MeetingMessage::GoToStep(n + 1));
        }
        return Some(MeetingMessage::Act(a));
    }
    let types = modes.contains(&Mode::Text)
        || modes.contains(&Mode::Picker)
        || modes.contains(&Mode::Ticks);
    types.then_some(MeetingMessage::Input(key))
}

/// On a list that finds its rows by letters ("Members in turn"): letters find, not keys;
/// backspace and space edit what was typed; esc forgets it, or leaves a point being moved
/// where it was.
fn finding_key(m: &MeetingModel, modes: &[Mode], key: KeyEvent) -> Option<MeetingMessage> {
    if modes.first() != Some(&Mode::List) || m.overlay.is_some() {
        return None;
    }
    let findable = matches!(
        m.form.focused().map(|f| &f.kind),
        Some(FieldKind::Table(t)) if t.find.is_some()
    );
    if !findable {
        return None;
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let typing = !m.find.is_empty();
    match key.code {
        KeyCode::Char(c) if plain && (c.is_alphabetic() || (typing && " '-".contains(c))) => {
            Some(MeetingMessage::Input(key))
        }
        KeyCode::Backspace if typing => Some(MeetingMessage::Input(key)),
        KeyCode::Esc if typing || m.moving.is_some() => {
            Some(MeetingMessage::Act(KeyCommand::Cancel))
        }
        _ => None,
    }
}

pub fn update(m: &mut MeetingModel, msg: MeetingMessage) -> Vec<MeetingEffect> {
    let mut fx = Vec::new();
    // A go-to-step key makes two digits only with the one straight before it.
    let digit = match msg {
        MeetingMessage::Tick(_) | MeetingMessage::Saved(_) | MeetingMessage::Closed(_) => {
            m.step_digit
        }
        _ => m.step_digit.take(),
    };
    // One rule for every choice: taken by a number or by Tab, the focus moves on once.
    let moved_on = match msg {
        MeetingMessage::Tick(_) | MeetingMessage::Saved(_) | MeetingMessage::Closed(_) => {
            m.choice_moved_on
        }
        _ => std::mem::take(&mut m.choice_moved_on),
    };
    if moved_on && matches!(msg, MeetingMessage::Act(KeyCommand::NextField)) {
        return fx;
    }
    match msg {
        MeetingMessage::Input(key) => type_key(m, &key, &mut fx),
        MeetingMessage::Paste(text) => paste(m, &text),
        MeetingMessage::Act(a) => act(m, a, &mut fx),
        MeetingMessage::GoToStep(n) => go_to_number(m, n, digit, &mut fx),
        MeetingMessage::Tick(now) => {
            m.clock.now = now;
            if m.status
                .as_ref()
                .and_then(|s| s.until)
                .is_some_and(|t| t <= now)
            {
                m.status = None;
            }
            commit_dirty(m, &mut fx);
            record_scratch(m, &mut fx);
            record_screen(m, &mut fx);
            record_step_time_so_far(m, &mut fx);
            request_sync(m, &mut fx);
        }
        MeetingMessage::Saved(report) => saved(m, report, &mut fx),
        MeetingMessage::Closed(Ok(CloseReply::Closed(text))) => {
            m.closed = Some(text);
            m.confirm = None;
            m.at_close = None;
        }
        MeetingMessage::Closed(Ok(CloseReply::Ask(at))) => {
            m.at_close = Some(AtCloseQuestion::new(at, m.at_close.as_ref()));
        }
        MeetingMessage::Closed(Err(e)) => {
            m.at_close = None;
            set_status(
                m,
                StatusKind::Error,
                format!("The meeting could not be closed: {e}"),
            );
        }
    }
    fx
}

fn set_status(m: &mut MeetingModel, kind: StatusKind, text: impl Into<String>) {
    m.status = Some(StatusLine {
        text: text.into(),
        kind,
        until: None,
    });
}

/// How long a passing message (what a save did) stays.
const PASSING: std::time::Duration = std::time::Duration::from_secs(3);

/// Say what was done, for a moment, without taking the focus from where the chair is.
fn passing(m: &mut MeetingModel, text: String) {
    m.status = Some(StatusLine {
        text,
        kind: StatusKind::Info,
        until: Some(m.clock.now + PASSING),
    });
}

/// The focused field of whatever form has the keyboard.
fn focused_field(m: &mut MeetingModel) -> Option<&mut Field> {
    match &mut m.overlay {
        Some(o) => o.form.focused_mut(),
        None => m.form.focused_mut(),
    }
}

/// The field whose item the privacy key sets ([`Form::privacy_field_mut`]).
fn privacy_field(m: &mut MeetingModel) -> Option<&mut Field> {
    match &mut m.overlay {
        Some(o) => o.form.privacy_field_mut(),
        None => m.form.privacy_field_mut(),
    }
}

/// The hot path: one key into one text field. Nothing is cloned and no change is made here.
fn type_key(m: &mut MeetingModel, key: &KeyEvent, fx: &mut Vec<MeetingEffect>) {
    if m.step_list.is_some() {
        step_list_key(m, key, fx);
        return;
    }
    if m.at_close.is_some() {
        // Nothing is typed into the question at the close: its keys are `close_conflict`'s.
        return;
    }
    if let Some(t) = &mut m.ticks {
        // A line's own key ticks it; nothing else types here.
        if let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            t.key(c);
        }
        return;
    }
    let Some(field) = focused_field(m) else {
        return;
    };
    if matches!(field.kind, FieldKind::Choice(_)) {
        picker_key(m, key, fx);
        return;
    }
    if matches!(&field.kind, FieldKind::Table(t) if t.find.is_some()) {
        find_key(m, key, fx);
        return;
    }
    field.before_key(key);
    if let Some(text) = field.text_field_mut()
        && text.key(key)
    {
        field.after_edit();
    }
}

/// A letter typed on a list that finds its rows: the first row it and the letters before it
/// find is selected, as the arrows would select it.
fn find_key(m: &mut MeetingModel, key: &KeyEvent, fx: &mut Vec<MeetingEffect>) {
    let mut typed = m.find.clone();
    match key.code {
        KeyCode::Char(c) => typed.push(c),
        KeyCode::Backspace => {
            typed.pop();
        }
        _ => return,
    }
    let Some(FieldKind::Table(t)) = m.form.focused().map(|f| &f.kind) else {
        return;
    };
    let (selected, found) = (t.selected, t.find_row(&typed));
    match found {
        Some(row) => {
            m.find = typed;
            move_in_list(m, row as isize - selected as isize, fx);
            m.rebuild_form();
        }
        None if typed.trim().is_empty() => {
            m.find.clear();
            m.rebuild_form();
        }
        None => set_status(
            m,
            StatusKind::Info,
            format!("no one here is found by \"{typed}\": backspace to correct it"),
        ),
    }
}

/// A key typed into a choice: letters find, digits pick by number, space steps on when nothing
/// was typed.
fn picker_key(m: &mut MeetingModel, key: &KeyEvent, fx: &mut Vec<MeetingEffect>) {
    let Some(field) = focused_field(m) else {
        return;
    };
    let FieldKind::Choice(c) = &mut field.kind else {
        return;
    };
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(' ') if !c.is_filtering() => change_value(m, true, fx),
        KeyCode::Char(ch) if plain => {
            let taken = c.type_char(ch) == Typed::Taken;
            if taken {
                field.dirty = true;
                go_on(m, fx);
                m.choice_moved_on = true;
            }
        }
        KeyCode::Backspace => {
            c.backspace();
        }
        _ => {}
    }
}

/// A choice was taken: record it (on the step) and move to the next field.
fn go_on(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    match &mut m.overlay {
        Some(o) => {
            o.form.move_focus(true);
        }
        None => {
            leave_field(m, fx);
            m.form.move_focus(true);
        }
    }
}

/// Take the best match of a choice typed into. `false` when something was typed that matches
/// nothing (the chair is told, and stays to correct it).
fn take_typed(m: &mut MeetingModel) -> bool {
    let Some(field) = focused_field(m) else {
        return true;
    };
    let FieldKind::Choice(c) = &mut field.kind else {
        return true;
    };
    if !c.is_filtering() {
        return true;
    }
    if c.take() {
        field.dirty = true;
        return true;
    }
    let typed = c.filter.clone();
    set_status(
        m,
        StatusKind::Info,
        format!("nothing matches \"{typed}\": backspace to correct, esc to forget it"),
    );
    false
}

/// Esc or ctrl-z on what is being typed: forget a choice's filter, or put back a date.
fn undo_typing(m: &mut MeetingModel) -> bool {
    let Some(field) = focused_field(m) else {
        return false;
    };
    match &mut field.kind {
        FieldKind::Choice(c) => c.clear(),
        _ => field.restore(),
    }
}

fn go_to_number(m: &mut MeetingModel, n: usize, digit: Option<usize>, fx: &mut Vec<MeetingEffect>) {
    if m.overlay.is_some() {
        overlay_busy(m);
        return;
    }
    let steps = m.agenda.steps.len();
    let target = digit
        .map(|d| d * 10 + n)
        .filter(|t| *t <= steps)
        .unwrap_or(n);
    if target > steps {
        set_status(m, StatusKind::Info, format!("there is no step {target}"));
        return;
    }
    m.step_digit = (target < 10).then_some(target);
    if target - 1 != m.draft.step {
        goto_step(m, target - 1, fx);
    }
}

fn open_step_list(m: &mut MeetingModel) {
    if m.overlay.is_some() {
        overlay_busy(m);
        return;
    }
    let mut list = m.steps_picker();
    list.highlight = m.draft.step;
    m.step_list = Some(list);
}

fn step_list_key(m: &mut MeetingModel, key: &KeyEvent, fx: &mut Vec<MeetingEffect>) {
    let Some(list) = &mut m.step_list else {
        return;
    };
    match key.code {
        KeyCode::Char(ch)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            let taken = list.type_char(ch) == Typed::Taken;
            if taken {
                let to = list.selected;
                m.step_list = None;
                goto_step(m, to, fx);
            }
        }
        KeyCode::Backspace => {
            list.backspace();
        }
        _ => {}
    }
}

/// The keys of the list of steps: Enter goes, Esc closes, the arrows choose.
fn step_list_act(m: &mut MeetingModel, a: KeyCommand, fx: &mut Vec<MeetingEffect>) {
    let Some(list) = &mut m.step_list else {
        return;
    };
    match a {
        KeyCommand::Activate | KeyCommand::NextField => {
            if let Some(to) = list.best() {
                m.step_list = None;
                if to != m.draft.step {
                    goto_step(m, to, fx);
                }
            }
        }
        KeyCommand::Up | KeyCommand::PrevField => list.move_highlight(-1),
        KeyCommand::Down => list.move_highlight(1),
        KeyCommand::Cancel | KeyCommand::StepList | KeyCommand::Help => m.step_list = None,
        _ => {}
    }
}

fn paste(m: &mut MeetingModel, text: &str) {
    match focused_field(m) {
        Some(field) if field.is_text() => {
            if field.text_field_mut().is_some_and(|t| t.paste(text)) {
                field.after_edit();
            }
        }
        _ => set_status(m, StatusKind::Info, "move to a text field to paste"),
    }
}

fn act(m: &mut MeetingModel, a: KeyCommand, fx: &mut Vec<MeetingEffect>) {
    if m.closed.is_some() {
        fx.push(MeetingEffect::Quit);
        return;
    }
    if let Some(c) = m.confirm.take() {
        match c.answer(a) {
            ConfirmReply::Yes(on) => on_yes(m, on, fx),
            ConfirmReply::No(_) => {}
            ConfirmReply::Open(c) => m.confirm = Some(c),
        }
        return;
    }
    if let Some(h) = &mut m.help {
        if !h.act(a) {
            m.help = None;
        }
        return;
    }
    if m.step_list.is_some() {
        step_list_act(m, a, fx);
        return;
    }
    if m.at_close.is_some() {
        at_close_act(m, a, fx);
        return;
    }
    if m.ticks.is_some() {
        ticks_act(m, a, fx);
        return;
    }
    if m.status.as_ref().is_some_and(|s| s.until.is_none()) {
        m.status = None;
    }
    // Letters typed to find a row are forgotten by any other key; esc only forgets them.
    if !m.find.is_empty() {
        m.find.clear();
        m.rebuild_form();
        if a == KeyCommand::Cancel && m.moving.is_none() {
            return;
        }
    }
    // A point on its way to another member waits while the chair finds them, and no longer.
    let finding_keys = [
        KeyCommand::Up,
        KeyCommand::Down,
        KeyCommand::PageUp,
        KeyCommand::PageDown,
        KeyCommand::Activate,
        KeyCommand::Help,
    ];
    if m.moving.is_some() && !finding_keys.contains(&a) {
        m.moving = None;
        m.rebuild_form();
        if a == KeyCommand::Cancel {
            set_status(m, StatusKind::Info, "not moved: it stays where it was");
            return;
        }
    }
    match a {
        KeyCommand::Help => m.help = Some(Help::new()),
        KeyCommand::MovePoint => {
            if m.overlay.is_some() {
                return;
            }
            commit_dirty(m, fx);
            match steps::progress::start_move(&m.ctx(), &m.form) {
                Ok(id) => {
                    m.moving = Some(id);
                    m.form.focus_on("people");
                    m.rebuild_form();
                    record_screen(m, fx);
                }
                Err(why) => set_status(m, StatusKind::Info, why.to_string()),
            }
        }
        KeyCommand::DetailUp => m.detail_scroll = m.detail_scroll.saturating_sub(1),
        KeyCommand::DetailDown => {
            let (total, shown) = m.detail_rows.get();
            m.detail_scroll = (m.detail_scroll + 1).min(total.saturating_sub(shown));
        }
        KeyCommand::StepList => open_step_list(m),
        KeyCommand::GoToStep => {}
        KeyCommand::Restore => {
            undo_typing(m);
        }
        KeyCommand::Quit => quit(m, fx),
        KeyCommand::NextStep | KeyCommand::PrevStep => {
            if m.overlay.is_some() {
                overlay_busy(m);
                return;
            }
            let step = m.draft.step;
            let to = if a == KeyCommand::NextStep {
                step + 1
            } else {
                step.wrapping_sub(1)
            };
            if to < m.agenda.steps.len() {
                goto_step(m, to, fx);
            } else {
                let edge = if a == KeyCommand::NextStep {
                    "last"
                } else {
                    "first"
                };
                set_status(m, StatusKind::Info, format!("this is the {edge} step"));
            }
        }
        KeyCommand::CaptureAction => capture(m, OverlayKind::Action(None)),
        KeyCommand::CaptureDisagreement => capture(m, OverlayKind::Disagreement(None)),
        KeyCommand::CaptureCircumstance => capture(m, OverlayKind::Circumstance(None)),
        KeyCommand::CaptureNote => capture(m, OverlayKind::Note(None)),
        KeyCommand::Privacy => open_privacy(m, fx),
        KeyCommand::Save => save_overlay(m, fx),
        KeyCommand::Cancel => {
            if undo_typing(m) {
                return;
            }
            // Esc is also "put back the date", so it is easily pressed twice: typed text is
            // never thrown away without asking.
            if let Some(o) = &m.overlay {
                let typed = o.form.typed_since_opened();
                if !typed.is_empty() {
                    m.confirm = Some(
                        Confirm::new(
                            format!("Close \"{}\" and lose what you typed?", o.title()),
                            MeetingOnYes::DiscardForm,
                        )
                        .with_detail(typed),
                    );
                    return;
                }
            }
            discard_overlay(m, fx);
        }
        KeyCommand::NextField | KeyCommand::PrevField => {
            let forward = a == KeyCommand::NextField;
            if forward && !take_typed(m) {
                return;
            }
            if !forward {
                undo_typing(m);
            }
            match &mut m.overlay {
                Some(o) => {
                    o.form.move_focus(forward);
                }
                None => {
                    let next_row = m
                        .form
                        .focused()
                        .and_then(|f| f.next_row)
                        .filter(|_| forward);
                    let emitted = m.save.emitted;
                    leave_field(m, fx);
                    // What was recorded may change the form (a list grows by a row).
                    if m.save.emitted != emitted {
                        m.rebuild_form();
                    }
                    if !next_row.is_some_and(|(list, at)| to_next_row(m, list, at)) {
                        m.form.move_focus(forward);
                    }
                    record_screen(m, fx);
                }
            }
        }
        KeyCommand::Up | KeyCommand::Down if picker_focused(m) => {
            picker_arrow(m, a == KeyCommand::Down, fx)
        }
        KeyCommand::PageUp | KeyCommand::PageDown if m.current_kind() == Some(StepKind::Close) => {
            m.scroll = scrolled(m.scroll, a, m.page.get(), m.missing().len());
        }
        KeyCommand::Up | KeyCommand::Down | KeyCommand::PageUp | KeyCommand::PageDown => {
            let delta = match a {
                KeyCommand::Up => -1,
                KeyCommand::Down => 1,
                KeyCommand::PageUp => -10,
                _ => 10,
            };
            move_in_list(m, delta, fx);
        }
        KeyCommand::Left | KeyCommand::Right | KeyCommand::Toggle => {
            let kind = focused_field(m).map(|f| match f.kind {
                FieldKind::Table(_) => 0,
                FieldKind::Choice(_) => 1,
                _ => 2,
            });
            match kind {
                Some(0) => activate(m, fx),
                // Space is typed between words: on a choice it never changes the answer.
                Some(1) if a == KeyCommand::Toggle => {
                    let label = focused_field(m)
                        .map(|f| f.label.clone())
                        .unwrap_or_default();
                    set_status(
                        m,
                        StatusKind::Warning,
                        format!(
                            "{label}: space does not change a choice; use ← → or the first letter"
                        ),
                    );
                }
                _ => change_value(m, a != KeyCommand::Left, fx),
            }
        }
        KeyCommand::Activate => activate(m, fx),
        KeyCommand::Add | KeyCommand::Remove => {
            if m.overlay.is_some() {
                return;
            }
            commit_dirty(m, fx);
            let outcome = if a == KeyCommand::Add {
                steps::add(&m.ctx(), &m.form)
            } else {
                steps::remove(&m.ctx(), &m.form)
            };
            handle(m, outcome, fx);
        }
        KeyCommand::MarkPresent | KeyCommand::MarkApologies | KeyCommand::MarkAbsent => {
            if m.overlay.is_none() {
                let outcome = steps::quick(&m.ctx(), &m.form, a);
                let marked = matches!(outcome, StepReply::Changes(_));
                handle(m, outcome, fx);
                // Marked: on to the next person, so the register is one key a person.
                if marked {
                    move_in_list(m, 1, fx);
                }
            }
        }
        KeyCommand::Undo
        | KeyCommand::Redo
        | KeyCommand::WordLeft
        | KeyCommand::WordRight
        | KeyCommand::DeleteWord
        | KeyCommand::DeleteToStart => {
            if let Some(field) = focused_field(m) {
                edit_text(field, a);
            }
        }
        KeyCommand::Close | KeyCommand::Yes | KeyCommand::No => {}
        // The case and caseload screens' actions: never looked up in the meeting's modes.
        KeyCommand::NextPane
        | KeyCommand::PrevPane
        | KeyCommand::ShowPane
        | KeyCommand::Top
        | KeyCommand::Bottom
        | KeyCommand::LogEvent
        | KeyCommand::EditPlan
        | KeyCommand::MemberJoins
        | KeyCommand::MemberLeaves
        | KeyCommand::LeadWorker
        | KeyCommand::WithdrawEntry
        | KeyCommand::OpenCase
        | KeyCommand::OpenMeeting
        | KeyCommand::ClearFilter
        | KeyCommand::KeepHand
        | KeyCommand::TakeMeeting => {}
    }
}

/// A list's scroll after an arrow or page key, within its `len` items, `page` of them shown.
fn scrolled(scroll: usize, a: KeyCommand, page: usize, len: usize) -> usize {
    let page = page.max(1);
    let next = match a {
        KeyCommand::Up => scroll.saturating_sub(1),
        KeyCommand::Down => scroll + 1,
        KeyCommand::PageUp => scroll.saturating_sub(page),
        _ => scroll + page,
    };
    next.min(len.saturating_sub(1))
}

fn picker_focused(m: &mut MeetingModel) -> bool {
    matches!(
        focused_field(m).map(|f| &f.kind),
        Some(FieldKind::Choice(_))
    )
}

/// Up and down on a choice: among the matches while typing, else to the field before or after.
fn picker_arrow(m: &mut MeetingModel, down: bool, fx: &mut Vec<MeetingEffect>) {
    if let Some(field) = focused_field(m)
        && let FieldKind::Choice(c) = &mut field.kind
        && c.is_filtering()
    {
        c.move_highlight(if down { 1 } else { -1 });
        return;
    }
    act(
        m,
        if down {
            KeyCommand::NextField
        } else {
            KeyCommand::PrevField
        },
        fx,
    );
}

fn overlay_busy(m: &mut MeetingModel) {
    let save = m.keymap.key_label(Mode::Overlay, KeyCommand::Save);
    let cancel = m.keymap.key_label(Mode::Overlay, KeyCommand::Cancel);
    set_status(
        m,
        StatusKind::Info,
        format!("finish this form first: {save} saves, {cancel} cancels"),
    );
}

fn capture(m: &mut MeetingModel, kind: OverlayKind) {
    if m.overlay.is_some() {
        overlay_busy(m);
        return;
    }
    m.overlay = Some(Overlay::open(&m.ctx(), kind));
}

fn save_overlay(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    if m.overlay.is_none() || !take_typed(m) {
        return;
    }
    let Some(overlay) = &m.overlay else {
        return;
    };
    match overlay.submit(&m.ctx()) {
        Err(e) => {
            if let Some(o) = &mut m.overlay {
                o.error = Some(e.to_string());
            }
        }
        Ok(changes) => {
            let mut all_ok = true;
            let said = changes.first().map(|c| saved_what(c, &m.draft));
            for c in changes {
                all_ok &= apply(m, c, fx);
            }
            if all_ok {
                m.overlay.take();
                clear_scratch(m, fx);
                passing(m, said.unwrap_or_else(|| "saved".into()));
                rebuild_keeping_text(m, fx);
                request_sync(m, fx);
            } else if let (Some(o), Some(s)) = (&mut m.overlay, m.status.take()) {
                o.error = Some(s.text);
            }
        }
    }
}

/// Journal what is typed in the form over the step, which is not a change until it is saved,
/// so a crash while typing a long note loses none of it.
fn record_scratch(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    let Some(o) = &mut m.overlay else {
        return;
    };
    let entered = o.take_entered();
    let scratch = o.scratch();
    // Once something was entered, every later difference (a choice, the focus) is kept too.
    if (entered || m.draft.scratch.is_some()) && m.draft.scratch.as_ref() != Some(&scratch) {
        apply(m, Change::Scratch(Some(scratch)), fx);
    }
}

/// Journal where the chair is (steps visited, focus, selected rows) when it changed.
fn record_screen(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    let screen = m.screen();
    if screen != m.draft.screen {
        apply(m, Change::Screen(screen), fx);
    }
}

/// Seconds on the current step are journaled as they pass (in steps of this many), so a
/// meeting stopped without warning resumes with its clocks.
const STEP_TIME_EVERY: u64 = 15;

fn record_step_time_so_far(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    let step = m.draft.step;
    let seconds = m.step_seconds(step);
    let Some(key) = m.agenda.steps.get(step).map(|s| s.key().to_string()) else {
        return;
    };
    let known = m
        .draft
        .meeting
        .step_times
        .iter()
        .find(|t| t.step == key)
        .map_or(0, |t| t.seconds);
    if seconds >= known + STEP_TIME_EVERY {
        apply(m, Change::StepTime(StepTime { step: key, seconds }), fx);
    }
}

/// The form over the step was saved or cancelled: its scratch is no longer wanted.
fn clear_scratch(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    if m.draft.scratch.is_some() {
        apply(m, Change::Scratch(None), fx);
    }
}

/// Lists may have grown: rebuild the step's form, after recording anything typed in it.
fn rebuild_keeping_text(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    commit_dirty(m, fx);
    m.rebuild_form();
}

/// The privacy key: a list to tick who may not read the item whose text has the focus
/// (confidential, or not for one or more family members).
fn open_privacy(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    if m.overlay.is_none()
        && m.current_kind() == Some(StepKind::Close)
        && m.form.focus_id() == Some("flags")
    {
        match steps::close::flag_privacy(&m.ctx(), &m.form) {
            Ok(now) => m.ticks = Some(Ticks::privacy(&now, &m.draft.plan, true)),
            Err(outcome) => handle(m, outcome, fx),
        }
        return;
    }
    let privacy = privacy_field(m).and_then(|f| f.privacy.clone());
    match privacy {
        Some(now) => m.ticks = Some(Ticks::privacy(&now, &m.draft.plan, false)),
        None => set_status(
            m,
            StatusKind::Info,
            "only the text of an item can be confidential or not for someone",
        ),
    }
}

/// The keys of the question at the close (`close_conflict` in the keymap): up and down choose
/// the field, h keeps its hand edit, m takes the meeting's value, space switches it, Enter
/// closes the meeting with the values chosen, Esc goes back to the meeting.
fn at_close_act(m: &mut MeetingModel, a: KeyCommand, fx: &mut Vec<MeetingEffect>) {
    let Some(q) = &mut m.at_close else {
        return;
    };
    if q.sent {
        return;
    }
    let last = q.meeting.len().saturating_sub(1);
    match a {
        KeyCommand::Up => q.cursor = q.cursor.saturating_sub(1),
        KeyCommand::Down => q.cursor = (q.cursor + 1).min(last),
        KeyCommand::Toggle | KeyCommand::KeepHand | KeyCommand::TakeMeeting => {
            if let Some(on) = q.meeting.get_mut(q.cursor) {
                *on = match a {
                    KeyCommand::KeepHand => false,
                    KeyCommand::TakeMeeting => true,
                    _ => !*on,
                };
            }
        }
        KeyCommand::Cancel => {
            m.at_close = None;
            set_status(
                m,
                StatusKind::Info,
                "Not closed: the meeting is open. Close again to choose again.",
            );
        }
        KeyCommand::Activate => {
            q.sent = true;
            let chosen = Some(q.chosen());
            fx.push(MeetingEffect::Close {
                missing: m.draft.meeting.missing_at_close.clone(),
                chosen,
            });
        }
        _ => {}
    }
}

/// The keys of the list of ticks: space ticks, Enter keeps, Esc leaves it as it was.
fn ticks_act(m: &mut MeetingModel, a: KeyCommand, fx: &mut Vec<MeetingEffect>) {
    let Some(t) = &mut m.ticks else {
        return;
    };
    match a {
        KeyCommand::Up => t.move_cursor(-1),
        KeyCommand::Down => t.move_cursor(1),
        KeyCommand::Toggle => {
            let row = t.cursor;
            t.toggle(row);
        }
        KeyCommand::Cancel => m.ticks = None,
        KeyCommand::Activate => {
            if let Some(t) = m.ticks.take() {
                keep_ticks(m, t, fx);
            }
        }
        _ => {}
    }
}

fn keep_ticks(m: &mut MeetingModel, t: Ticks, fx: &mut Vec<MeetingEffect>) {
    match &t.purpose {
        TicksFor::FlaggedPassage { .. } => {
            let outcome = steps::close::set_privacy(&m.ctx(), &m.form, t.privacy_value());
            handle(m, outcome, fx);
        }
        TicksFor::SpeaksTo { .. } => {
            commit_dirty(m, fx);
            let outcome = steps::progress::speaks_to(&m.ctx(), &m.form, t.chosen());
            handle(m, outcome, fx);
        }
        TicksFor::Privacy { .. } => {
            let privacy = t.privacy_value();
            let Some(field) = privacy_field(m) else {
                return;
            };
            field.privacy = Some(privacy.clone());
            field.dirty = true;
            if m.overlay.is_none() {
                commit_dirty(m, fx);
            }
            let now = privacy_words(Some(&privacy), &m.draft.plan);
            set_status(m, StatusKind::Info, format!("this item is now {now}"));
        }
    }
}

fn change_value(m: &mut MeetingModel, forward: bool, fx: &mut Vec<MeetingEffect>) {
    let Some(field) = focused_field(m) else {
        return;
    };
    let changed = match &mut field.kind {
        FieldKind::Choice(c) => c.step(forward),
        FieldKind::Toggle(on) => {
            *on = !*on;
            true
        }
        _ => false,
    };
    if changed {
        field.dirty = true;
        // On the step itself a choice is recorded at once; in an overlay, when it is saved.
        if m.overlay.is_none() {
            commit_dirty(m, fx);
            request_sync(m, fx);
        }
    }
}

fn activate(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    let kind = match focused_field(m) {
        Some(f) => match &f.kind {
            FieldKind::Text(t) if t.multiline => 0,
            FieldKind::Text(_) | FieldKind::Date(_) | FieldKind::Time(_) => 1,
            FieldKind::Choice(_) => 1,
            FieldKind::Toggle(_) => 2,
            FieldKind::Table(_) | FieldKind::Button => 3,
        },
        None => return,
    };
    match kind {
        0 => type_key(m, &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), fx),
        1 | 2 => act(m, KeyCommand::NextField, fx),
        _ if m.overlay.is_none() => {
            commit_dirty(m, fx);
            let outcome = steps::activate(&m.ctx(), &m.form);
            let moved = m.moving.is_some() && matches!(outcome, StepReply::Changes(_));
            handle(m, outcome, fx);
            if moved {
                m.moving = None;
                m.rebuild_form();
                let ctx = m.ctx();
                let who = steps::progress::person(&ctx, m.form.choice("people"))
                    .and_then(|id| ctx.people().into_iter().find(|(p, _)| *p == id))
                    .map(|(_, name)| name)
                    .unwrap_or_default();
                passing(m, format!("moved: {who} said it"));
            }
        }
        _ => {}
    }
}

/// Select the row after the selected one of `list` and focus its field `at`; false on the
/// last row, where Tab moves on as usual.
fn to_next_row(m: &mut MeetingModel, list: FieldId, at: FieldId) -> bool {
    let step = m.draft.step;
    let Some(FieldKind::Table(t)) = m.form.get(list).map(|f| &f.kind) else {
        return false;
    };
    if t.selected + 1 >= t.len {
        return false;
    }
    m.selections.insert((step, list), t.selected + 1);
    m.detail_scroll = 0;
    for following in steps::lists_following(&m.ctx(), list) {
        m.selections.remove(&(step, *following));
    }
    m.rebuild_form();
    m.form.focus_on(at)
}

fn move_in_list(m: &mut MeetingModel, delta: isize, fx: &mut Vec<MeetingEffect>) {
    if m.overlay.is_some() {
        return;
    }
    commit_dirty(m, fx);
    let step = m.draft.step;
    let Some(field) = m.form.focused_mut() else {
        return;
    };
    let id = field.id;
    if let FieldKind::Table(t) = &mut field.kind
        && t.move_by(delta)
    {
        let selected = t.selected;
        m.detail_scroll = 0;
        m.selections.insert((step, id), selected);
        for list in steps::lists_following(&m.ctx(), id) {
            m.selections.remove(&(step, *list));
        }
        // The detail fields below the list follow the selected row.
        m.rebuild_form();
        record_screen(m, fx);
        request_sync(m, fx);
    }
}

fn handle(m: &mut MeetingModel, outcome: StepReply, fx: &mut Vec<MeetingEffect>) {
    match outcome {
        StepReply::Nothing => {}
        StepReply::Overlay(o) => m.overlay = Some(*o),
        StepReply::Status(s) => set_status(m, StatusKind::Info, s),
        StepReply::Confirm(c) => m.confirm = Some(*c),
        StepReply::Changes(changes) => {
            for c in changes {
                apply(m, c, fx);
            }
            m.rebuild_form();
            request_sync(m, fx);
        }
        StepReply::Goto(step) => goto_step(m, step, fx),
        StepReply::Ticks(t) => m.ticks = Some(*t),
        StepReply::Focus(id) => {
            m.form.focus_on(id);
            record_screen(m, fx);
        }
        StepReply::GotoField(step, id) => {
            goto_step(m, step, fx);
            m.form.focus_on(id);
            record_screen(m, fx);
        }
        StepReply::Close => {
            commit_dirty(m, fx);
            let missing = m.missing();
            let flagged = family_check::concerns(&m.draft.meeting, &m.draft.plan).len();
            match steps::confirm_close(missing, flagged) {
                StepReply::Confirm(c) => m.confirm = Some(*c),
                _ => close(m, Vec::new(), fx),
            }
        }
    }
}

fn discard_overlay(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    if m.overlay.take().is_some() {
        clear_scratch(m, fx);
        request_sync(m, fx);
    }
}

fn on_yes(m: &mut MeetingModel, on_yes: MeetingOnYes, fx: &mut Vec<MeetingEffect>) {
    match on_yes {
        MeetingOnYes::DiscardForm => discard_overlay(m, fx),
        MeetingOnYes::Quit => fx.push(MeetingEffect::Quit),
        MeetingOnYes::CloseAnyway(missing) => close(m, missing, fx),
        MeetingOnYes::Remove(id) => {
            apply(m, Change::Remove(id), fx);
            m.rebuild_form();
            request_sync(m, fx);
        }
        MeetingOnYes::Dismiss => {}
        MeetingOnYes::RemoveOutcome(id) => {
            apply(m, Change::RemoveOutcome(id), fx);
            m.rebuild_form();
            request_sync(m, fx);
        }
    }
}

fn close(m: &mut MeetingModel, missing: Vec<String>, fx: &mut Vec<MeetingEffect>) {
    commit_dirty(m, fx);
    record_step_time(m, fx);
    m.draft.meeting.missing_at_close = missing.clone();
    // The family-copy check as it stood when the chair closed, kept with the record.
    let flagged = family_check::concerns(&m.draft.meeting, &m.draft.plan);
    m.draft.meeting.family_check_at_close = flagged
        .iter()
        .map(|c| c.describe(&m.draft.meeting, &m.draft.plan))
        .collect();
    request_sync(m, fx);
    fx.push(MeetingEffect::Close {
        missing,
        chosen: None,
    });
}

fn quit(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    if m.overlay.is_some() {
        overlay_busy(m);
        return;
    }
    commit_dirty(m, fx);
    record_step_time(m, fx);
    request_sync(m, fx);
    if m.is_saved() {
        fx.push(MeetingEffect::Quit);
    } else if m.save.error.is_some() {
        ask_before_losing(m);
    } else {
        // Wait for the runtime to confirm the last save; `saved` finishes the quit.
        m.quitting = true;
        set_status(m, StatusKind::Info, "saving before leaving…");
    }
}

fn ask_before_losing(m: &mut MeetingModel) {
    m.quitting = false;
    let detail: Vec<String> = m
        .save
        .pending
        .iter()
        .map(|(_, what)| what.clone())
        .collect();
    let changes = if detail.len() == 1 {
        "change is"
    } else {
        "changes are"
    };
    let question = match &m.save.emergency_copy {
        // Kept outside the case folder: the next meeting on the case carries on from the copy.
        Some(copy) => format!(
            "Saving is failing: {} {changes} only in the emergency copy {}; the next \
             `coregroup meeting` carries on from it. Leave anyway?",
            detail.len(),
            copy.display()
        ),
        None => format!(
            "Saving is failing: {} {changes} not on disk and will be lost if you leave. Leave \
             anyway?",
            detail.len()
        ),
    };
    m.confirm = Some(Confirm::new(question, MeetingOnYes::Quit).with_detail(detail));
}

fn saved(m: &mut MeetingModel, r: SaveReport, fx: &mut Vec<MeetingEffect>) {
    m.save.recorded = r.recorded;
    m.save.synced = r.synced;
    m.save.error = r.error;
    m.save.emergency_copy = r.emergency_copy;
    let synced = m.save.synced;
    while m
        .save
        .pending
        .front()
        .is_some_and(|(seq, _)| *seq <= synced)
    {
        m.save.pending.pop_front();
    }
    if m.quitting {
        if m.is_saved() {
            fx.push(MeetingEffect::Quit);
        } else if m.save.error.is_some() {
            ask_before_losing(m);
        }
    }
}

fn goto_step(m: &mut MeetingModel, to: usize, fx: &mut Vec<MeetingEffect>) {
    commit_dirty(m, fx);
    m.moving = None;
    m.find.clear();
    record_step_time(m, fx);
    m.clock.entered = m.clock.now;
    apply(m, Change::Step(to), fx);
    if let Some(v) = m.visited.get_mut(to) {
        *v = true;
    }
    m.form = Default::default();
    m.scroll = 0;
    m.detail_scroll = 0;
    m.rebuild_form();
    record_screen(m, fx);
    request_sync(m, fx);
}

fn record_step_time(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    let step = m.draft.step;
    let seconds = m.step_seconds(step);
    if let Some(s) = m.clock.spent.get_mut(step) {
        *s = seconds;
    }
    m.clock.entered = m.clock.now;
    let key = m.agenda.steps.get(step).map(|s| s.key().to_string());
    if let Some(key) = key {
        let known = m
            .draft
            .meeting
            .step_times
            .iter()
            .find(|t| t.step == key)
            .map(|t| t.seconds);
        if known != Some(seconds) {
            apply(m, Change::StepTime(StepTime { step: key, seconds }), fx);
        }
    }
}

fn leave_field(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    commit_dirty(m, fx);
    request_sync(m, fx);
}

/// Turn what was typed in the step's form into changes.
fn commit_dirty(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    if !m.form.any_dirty() {
        return;
    }
    let commit = steps::commit(&m.ctx(), &m.form);
    m.form.clear_dirty();
    for c in commit.changes {
        apply(m, c, fx);
    }
    if !commit.problems.is_empty() {
        set_status(m, StatusKind::Warning, commit.problems.join("; "));
    }
}

fn request_sync(m: &mut MeetingModel, fx: &mut Vec<MeetingEffect>) {
    if m.save.synced < m.save.emitted && !fx.contains(&MeetingEffect::Sync) {
        fx.push(MeetingEffect::Sync);
        m.save.sync_asked_at = m.save.emitted;
    }
}

/// Apply a change to the draft and hand it to the runtime; a refusal is shown, not recorded.
fn apply(m: &mut MeetingModel, change: Change, fx: &mut Vec<MeetingEffect>) -> bool {
    let what = describe(&change, &m.draft);
    match m.draft.apply(change.clone()) {
        Ok(()) => {
            fx.push(MeetingEffect::Record(change));
            m.save.emitted += 1;
            let seq = m.save.emitted;
            m.save.pending.push_back((seq, what));
            true
        }
        Err(refused) => {
            set_status(m, StatusKind::Error, refused.0);
            false
        }
    }
}

/// What a saved form did and where it went, said for a moment: "action a13 added for o1".
fn saved_what(change: &Change, draft: &Draft) -> String {
    let plan = &draft.plan;
    let m = &draft.meeting;
    let verb = |known: bool| if known { "saved" } else { "added" };
    match change {
        Change::Action(a) => {
            let mut text = format!(
                "action {} {} for {}",
                a.id,
                verb(plan.action(&a.id).is_some()),
                a.outcome
            );
            if let Some(owner) = &a.owner {
                text.push_str(&format!(", {}", plan.member_name(owner)));
            }
            if let Some(due) = a.due {
                text.push_str(&format!(", by {}", due.format("%a %-d %b")));
            }
            text
        }
        Change::Outcome(o) => format!(
            "outcome {} {} for {}",
            o.id,
            verb(plan.outcome(&o.id).is_some()),
            plan.outcome_for(o)
        ),
        Change::Note(n) => format!(
            "{} {} {} to {}",
            if n.privacy.confidential {
                "confidential note"
            } else {
                "note"
            },
            n.id,
            verb(m.notes.iter().any(|x| x.id == n.id)),
            n.step
        ),
        Change::Disagreement(d) => format!(
            "disagreement {} {} to disagreements",
            d.id,
            verb(m.disagreements.iter().any(|x| x.id == d.id))
        ),
        Change::Circumstance(c) => format!(
            "change of circumstances {} {} to changes of circumstances",
            c.id,
            verb(m.circumstances.iter().any(|x| x.id == c.id))
        ),
        Change::Guest(g) => format!(
            "{} {} to attendance",
            g.name,
            verb(m.guests.iter().any(|x| x.id == g.id))
        ),
        other => format!("saved: {}", describe(other, draft)),
    }
}

/// A few words on what a change was, for the list of what quitting would lose.
fn describe(change: &Change, draft: &Draft) -> String {
    let plan = &draft.plan;
    match change {
        Change::Details(_) => "the meeting's details".into(),
        Change::Attendance(a) => format!("attendance of {}", plan.member_name(&a.member)),
        Change::Guest(g) => format!("guest {}", g.name),
        Change::PreviousRecord(_) => "the previous record".into(),
        Change::ActionReview(r) => format!("review of action {}", r.action),
        Change::Contribution(c) => {
            format!("update from {}", draft.meeting.person_name(plan, &c.member))
        }
        Change::OutcomeProgress(p) => format!("progress on outcome {}", p.outcome),
        Change::ChildViews(_) => "the child's views".into(),
        Change::FamilyViews(_) => "the family's views".into(),
        Change::Circumstance(c) => format!("change of circumstances ({})", c.kind.label()),
        Change::Disagreement(d) => format!("disagreement about {}", d.about),
        Change::DisagreementReview(r) => {
            format!(
                "what the meeting said about disagreement {}",
                r.disagreement
            )
        }
        Change::Escalation(_) => "escalation".into(),
        Change::Recommendation(_) => "the recommendation to the review conference".into(),
        Change::NextMeeting(_) => "the next meeting".into(),
        Change::Note(n) if n.privacy.confidential => "a confidential note".into(),
        Change::Note(_) => "a note".into(),
        Change::Checklist(t) => format!("checklist: {}", t.item),
        Change::StepTime(t) => format!("time on {}", t.step),
        Change::Action(a) => format!("action {}", a.id),
        Change::Outcome(o) => format!("outcome {}", o.id),
        Change::Contingency(_) => "the contingency plan".into(),
        Change::Remove(id) => format!("removal of {id}"),
        Change::RemoveOutcome(id) => format!("removal of outcome {id}"),
        Change::Step(_) => "the current step".into(),
        Change::Scratch(Some(s)) => format!("text typed in the {} form", s.form),
        Change::Scratch(None) => "closing a form".into(),
        Change::Screen(_) => "where you are on the screen".into(),
    }
}
