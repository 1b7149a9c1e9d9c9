//! `update`: one message in, the model changed, effects out. Pure: no terminal, no disk, no
//! clock. The keystroke path only touches the focused text field; changes are made when the
//! chair leaves a field or step, on the tick, and before closing or quitting.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Confirm, Model, OnYes, Status, StatusKind};
use super::field::privacy_words;
use super::field::{Field, FieldKind};
use super::keymap::{Action, Chord, Mode};
use super::message::{Effect, Message, SaveReport};
use super::overlay::{Overlay, OverlayKind};
use super::steps::{self, Outcome};
use crate::agenda::StepKind;
use crate::domain::family_check;
use crate::domain::meeting::{Change, Draft, StepTime};
use crate::domain::plan::Id;

/// The message a key stands for now, through the keymap; `None` when it means nothing here.
pub fn message_for_key(m: &Model, key: KeyEvent) -> Option<Message> {
    let chord = Chord::from_event(&key)?;
    if m.closed.is_some() {
        return Some(Message::Act(Action::Quit));
    }
    let modes = m.modes();
    if let Some(a) = m.keymap.lookup(&modes, &chord) {
        return Some(Message::Act(a));
    }
    modes.contains(&Mode::Text).then_some(Message::Input(key))
}

pub fn update(m: &mut Model, msg: Message) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Message::Input(key) => type_key(m, &key),
        Message::Paste(text) => paste(m, &text),
        Message::Act(a) => act(m, a, &mut fx),
        Message::Tick(now) => {
            m.clock.now = now;
            commit_dirty(m, &mut fx);
            record_scratch(m, &mut fx);
            request_sync(m, &mut fx);
        }
        Message::Saved(report) => saved(m, report, &mut fx),
        Message::Closed(Ok(text)) => {
            m.closed = Some(text);
            m.confirm = None;
        }
        Message::Closed(Err(e)) => set_status(
            m,
            StatusKind::Error,
            format!("The meeting could not be closed: {e}"),
        ),
    }
    fx
}

fn set_status(m: &mut Model, kind: StatusKind, text: impl Into<String>) {
    m.status = Some(Status {
        text: text.into(),
        kind,
    });
}

/// The focused field of whatever form has the keyboard.
fn focused_field(m: &mut Model) -> Option<&mut Field> {
    match &mut m.overlay {
        Some(o) => o.form.focused_mut(),
        None => m.form.focused_mut(),
    }
}

/// The hot path: one key into one text field. Nothing is cloned and no change is made here.
fn type_key(m: &mut Model, key: &KeyEvent) {
    if let Some(field) = focused_field(m)
        && let Some(text) = field.text_field_mut()
        && text.key(key)
    {
        field.after_edit();
    }
}

fn paste(m: &mut Model, text: &str) {
    match focused_field(m) {
        Some(field) if field.is_text() => {
            if field.text_field_mut().is_some_and(|t| t.paste(text)) {
                field.after_edit();
            }
        }
        _ => set_status(m, StatusKind::Info, "move to a text field to paste"),
    }
}

fn act(m: &mut Model, a: Action, fx: &mut Vec<Effect>) {
    if m.closed.is_some() {
        fx.push(Effect::Quit);
        return;
    }
    if let Some(c) = m.confirm.take() {
        match a {
            Action::Yes => on_yes(m, c.on_yes, fx),
            Action::No => {}
            _ => m.confirm = Some(c),
        }
        return;
    }
    if let Some(scroll) = m.help {
        m.help = match a {
            Action::Close | Action::Help => None,
            Action::Up => Some(scroll.saturating_sub(1)),
            Action::Down => Some(scroll.saturating_add(1)),
            Action::PageUp => Some(scroll.saturating_sub(10)),
            Action::PageDown => Some(scroll.saturating_add(10)),
            _ => Some(scroll),
        };
        return;
    }
    m.status = None;
    match a {
        Action::Help => m.help = Some(0),
        Action::Quit => quit(m, fx),
        Action::NextStep | Action::PrevStep => {
            if m.overlay.is_some() {
                overlay_busy(m);
                return;
            }
            let step = m.draft.step;
            let to = if a == Action::NextStep {
                step + 1
            } else {
                step.wrapping_sub(1)
            };
            if to < m.agenda.steps.len() {
                goto_step(m, to, fx);
            } else {
                let edge = if a == Action::NextStep {
                    "last"
                } else {
                    "first"
                };
                set_status(m, StatusKind::Info, format!("this is the {edge} step"));
            }
        }
        Action::CaptureAction => capture(m, OverlayKind::Action(None)),
        Action::CaptureDisagreement => capture(m, OverlayKind::Disagreement(None)),
        Action::CaptureCircumstance => capture(m, OverlayKind::Circumstance(None)),
        Action::CaptureNote => capture(m, OverlayKind::Note(None)),
        Action::Privacy => cycle_privacy(m, fx),
        Action::Save => save_overlay(m, fx),
        Action::Cancel => {
            if m.overlay.take().is_some() {
                clear_scratch(m, fx);
                request_sync(m, fx);
            }
        }
        Action::NextField | Action::PrevField => {
            let forward = a == Action::NextField;
            match &mut m.overlay {
                Some(o) => {
                    o.form.move_focus(forward);
                }
                None => {
                    leave_field(m, fx);
                    m.form.move_focus(forward);
                }
            }
        }
        Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
            let delta = match a {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -10,
                _ => 10,
            };
            move_in_list(m, delta, fx);
        }
        Action::Left | Action::Right | Action::Toggle => {
            let is_list = matches!(focused_field(m).map(|f| &f.kind), Some(FieldKind::Table(_)));
            if is_list {
                activate(m, fx);
            } else {
                change_value(m, a != Action::Left, fx);
            }
        }
        Action::Activate => activate(m, fx),
        Action::Add | Action::Remove => {
            if m.overlay.is_some() {
                return;
            }
            commit_dirty(m, fx);
            let outcome = if a == Action::Add {
                steps::add(&m.ctx(), &m.form)
            } else {
                steps::remove(&m.ctx(), &m.form)
            };
            handle(m, outcome, fx);
        }
        Action::MarkPresent | Action::MarkApologies | Action::MarkAbsent => {
            if m.overlay.is_none() {
                let outcome = steps::quick(&m.ctx(), &m.form, a);
                handle(m, outcome, fx);
            }
        }
        Action::Undo | Action::Redo | Action::WordLeft | Action::WordRight | Action::DeleteWord => {
            if let Some(field) = focused_field(m)
                && let Some(t) = field.text_field_mut()
            {
                let changed = match a {
                    Action::Undo => t.undo(),
                    Action::Redo => t.redo(),
                    Action::DeleteWord => t.delete_word(),
                    Action::WordLeft => {
                        t.move_word(false);
                        false
                    }
                    _ => {
                        t.move_word(true);
                        false
                    }
                };
                if changed {
                    field.after_edit();
                }
            }
        }
        Action::Close | Action::Yes | Action::No => {}
    }
}

fn overlay_busy(m: &mut Model) {
    let save = m.keymap.key_label(Mode::Overlay, Action::Save);
    let cancel = m.keymap.key_label(Mode::Overlay, Action::Cancel);
    set_status(
        m,
        StatusKind::Info,
        format!("finish this form first: {save} saves, {cancel} cancels"),
    );
}

fn capture(m: &mut Model, kind: OverlayKind) {
    if m.overlay.is_some() {
        overlay_busy(m);
        return;
    }
    m.overlay = Some(Overlay::open(&m.ctx(), kind));
}

fn save_overlay(m: &mut Model, fx: &mut Vec<Effect>) {
    let Some(overlay) = &m.overlay else {
        return;
    };
    match overlay.submit(&m.ctx()) {
        Err(e) => {
            if let Some(o) = &mut m.overlay {
                o.error = Some(e);
            }
        }
        Ok(changes) => {
            let mut all_ok = true;
            for c in changes {
                all_ok &= apply(m, c, fx);
            }
            if all_ok {
                let title = m.overlay.take().map(|o| o.title).unwrap_or_default();
                clear_scratch(m, fx);
                set_status(
                    m,
                    StatusKind::Info,
                    format!("saved: {}", title.to_lowercase()),
                );
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
fn record_scratch(m: &mut Model, fx: &mut Vec<Effect>) {
    let Some(o) = &mut m.overlay else {
        return;
    };
    if o.take_text_typed() {
        let scratch = o.scratch();
        apply(m, Change::Scratch(Some(scratch)), fx);
    }
}

/// The form over the step was saved or cancelled: its scratch is no longer wanted.
fn clear_scratch(m: &mut Model, fx: &mut Vec<Effect>) {
    if m.draft.scratch.is_some() {
        apply(m, Change::Scratch(None), fx);
    }
}

/// Lists may have grown: rebuild the step's form, after recording anything typed in it.
fn rebuild_keeping_text(m: &mut Model, fx: &mut Vec<Effect>) {
    commit_dirty(m, fx);
    m.rebuild_form();
}

/// The privacy key: the item whose text has the focus becomes confidential, then not for each
/// family member in turn, then open again.
fn cycle_privacy(m: &mut Model, fx: &mut Vec<Effect>) {
    let family: Vec<Id> = m
        .draft
        .plan
        .members
        .iter()
        .filter(|p| p.family)
        .map(|p| p.id.clone())
        .collect();
    if m.overlay.is_none()
        && m.current_kind() == Some(StepKind::Close)
        && m.form.focus_id() == Some("flags")
    {
        let outcome = steps::close::cycle_privacy(&m.ctx(), &m.form, &family);
        handle(m, outcome, fx);
        return;
    }
    let Some(field) = focused_field(m) else {
        return;
    };
    if !field.cycle_privacy(&family) {
        set_status(
            m,
            StatusKind::Info,
            "only the text of an item can be confidential or not for someone",
        );
        return;
    }
    let privacy = field.privacy.clone();
    let now = privacy_words(privacy.as_ref(), &m.draft.plan);
    if m.overlay.is_none() {
        commit_dirty(m, fx);
    }
    set_status(m, StatusKind::Info, format!("this item is now {now}"));
}

fn change_value(m: &mut Model, forward: bool, fx: &mut Vec<Effect>) {
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

fn activate(m: &mut Model, fx: &mut Vec<Effect>) {
    let kind = match focused_field(m) {
        Some(f) => match &f.kind {
            FieldKind::Text(t) if t.multiline => 0,
            FieldKind::Text(_) | FieldKind::Date(_) | FieldKind::Time(_) => 1,
            FieldKind::Choice(_) | FieldKind::Toggle(_) => 2,
            FieldKind::Table(_) | FieldKind::Button => 3,
        },
        None => return,
    };
    match kind {
        0 => type_key(m, &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        1 => act(m, Action::NextField, fx),
        2 => change_value(m, true, fx),
        _ if m.overlay.is_none() => {
            commit_dirty(m, fx);
            let outcome = steps::activate(&m.ctx(), &m.form);
            handle(m, outcome, fx);
        }
        _ => {}
    }
}

fn move_in_list(m: &mut Model, delta: isize, fx: &mut Vec<Effect>) {
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
        m.selections.insert((step, id), selected);
        // The detail fields below the list follow the selected row.
        m.rebuild_form();
        request_sync(m, fx);
    }
}

fn handle(m: &mut Model, outcome: Outcome, fx: &mut Vec<Effect>) {
    match outcome {
        Outcome::Nothing => {}
        Outcome::Overlay(o) => m.overlay = Some(*o),
        Outcome::Status(s) => set_status(m, StatusKind::Info, s),
        Outcome::Confirm(c) => m.confirm = Some(c),
        Outcome::Changes(changes) => {
            for c in changes {
                apply(m, c, fx);
            }
            m.rebuild_form();
            request_sync(m, fx);
        }
        Outcome::Goto(step) => goto_step(m, step, fx),
        Outcome::Close => {
            commit_dirty(m, fx);
            let missing = m.missing();
            let flagged = family_check::concerns(&m.draft.meeting, &m.draft.plan).len();
            match steps::confirm_close(missing, flagged) {
                Outcome::Confirm(c) => m.confirm = Some(c),
                _ => close(m, Vec::new(), fx),
            }
        }
    }
}

fn on_yes(m: &mut Model, on_yes: OnYes, fx: &mut Vec<Effect>) {
    match on_yes {
        OnYes::Quit => fx.push(Effect::Quit),
        OnYes::CloseAnyway(missing) => close(m, missing, fx),
        OnYes::Remove(id) => {
            apply(m, Change::Remove(id), fx);
            m.rebuild_form();
            request_sync(m, fx);
        }
    }
}

fn close(m: &mut Model, missing: Vec<String>, fx: &mut Vec<Effect>) {
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
    fx.push(Effect::Close { missing });
}

fn quit(m: &mut Model, fx: &mut Vec<Effect>) {
    if m.overlay.is_some() {
        overlay_busy(m);
        return;
    }
    commit_dirty(m, fx);
    record_step_time(m, fx);
    request_sync(m, fx);
    if m.is_saved() {
        fx.push(Effect::Quit);
    } else if m.save.error.is_some() {
        ask_before_losing(m);
    } else {
        // Wait for the runtime to confirm the last save; `saved` finishes the quit.
        m.quitting = true;
        set_status(m, StatusKind::Info, "saving before leaving…");
    }
}

fn ask_before_losing(m: &mut Model) {
    m.quitting = false;
    let detail: Vec<String> = m
        .save
        .pending
        .iter()
        .map(|(_, what)| what.clone())
        .collect();
    m.confirm = Some(Confirm {
        question: format!(
            "Saving is failing: {} {} not on disk and will be lost if you leave. Leave anyway?",
            detail.len(),
            if detail.len() == 1 {
                "change is"
            } else {
                "changes are"
            }
        ),
        detail,
        on_yes: OnYes::Quit,
    });
}

fn saved(m: &mut Model, r: SaveReport, fx: &mut Vec<Effect>) {
    m.save.recorded = r.recorded;
    m.save.synced = r.synced;
    m.save.error = r.error;
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
            fx.push(Effect::Quit);
        } else if m.save.error.is_some() {
            ask_before_losing(m);
        }
    }
}

fn goto_step(m: &mut Model, to: usize, fx: &mut Vec<Effect>) {
    commit_dirty(m, fx);
    record_step_time(m, fx);
    m.clock.entered = m.clock.now;
    apply(m, Change::Step(to), fx);
    if let Some(v) = m.visited.get_mut(to) {
        *v = true;
    }
    m.form = Default::default();
    m.rebuild_form();
    request_sync(m, fx);
}

fn record_step_time(m: &mut Model, fx: &mut Vec<Effect>) {
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

fn leave_field(m: &mut Model, fx: &mut Vec<Effect>) {
    commit_dirty(m, fx);
    request_sync(m, fx);
}

/// Turn what was typed in the step's form into changes.
fn commit_dirty(m: &mut Model, fx: &mut Vec<Effect>) {
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

fn request_sync(m: &mut Model, fx: &mut Vec<Effect>) {
    if m.save.synced < m.save.emitted && !fx.contains(&Effect::Sync) {
        fx.push(Effect::Sync);
        m.save.sync_asked_at = m.save.emitted;
    }
}

/// Apply a change to the draft and hand it to the runtime; a refusal is shown, not recorded.
fn apply(m: &mut Model, change: Change, fx: &mut Vec<Effect>) -> bool {
    let what = describe(&change, &m.draft);
    match m.draft.apply(change.clone()) {
        Ok(()) => {
            fx.push(Effect::Record(change));
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
        Change::Escalation(_) => "escalation".into(),
        Change::NextMeeting(_) => "the next meeting".into(),
        Change::Note(n) if n.privacy.confidential => "a confidential note".into(),
        Change::Note(_) => "a note".into(),
        Change::Checklist(t) => format!("checklist: {}", t.item),
        Change::StepTime(t) => format!("time on {}", t.step),
        Change::Action(a) => format!("action {}", a.id),
        Change::Outcome(o) => format!("outcome {}", o.id),
        Change::Remove(id) => format!("removal of {id}"),
        Change::Step(_) => "the current step".into(),
        Change::Scratch(Some(s)) => format!("text typed in the {} form", s.form),
        Change::Scratch(None) => "closing a form".into(),
    }
}
