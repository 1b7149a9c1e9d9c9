//! Keys into the focused field of a [`Form`], for a screen that holds its forms directly (the
//! set-up screen). The meeting's `update` does the same through its model, because there a
//! choice taken is also a change to journal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::field::{Field, FieldKind};
use super::forms::Form;
use super::picker::Typed;
use crate::tui::keymap::{KeyCommand, Mode};

/// A choice typed into that none of its options matches: what was typed. Each screen adds how
/// to correct it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("nothing matches \"{typed}\"")]
pub struct NoMatch {
    pub typed: String,
}

/// What a key typed into the focused field did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyed {
    Nothing,
    Edited,
    /// A number took a choice at once; the caller moves on to the next field.
    Taken,
}

impl Form {
    /// The keymap mode of the focused field.
    pub fn mode(&self) -> Mode {
        match self.focused().map(|f| &f.kind) {
            Some(FieldKind::Text(_) | FieldKind::Date(_) | FieldKind::Time(_)) => Mode::Text,
            Some(FieldKind::Table(_)) => Mode::List,
            Some(FieldKind::Choice(_)) => Mode::Picker,
            _ => Mode::Form,
        }
    }

    /// A key typed into the focused field: text, a date, or letters finding a choice.
    pub fn type_key(&mut self, key: &KeyEvent) -> Keyed {
        let Some(field) = self.focused_mut() else {
            return Keyed::Nothing;
        };
        if let FieldKind::Choice(c) = &mut field.kind {
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            return match key.code {
                KeyCode::Char(' ') if !c.is_filtering() => {
                    if self.change_value(true) {
                        Keyed::Edited
                    } else {
                        Keyed::Nothing
                    }
                }
                KeyCode::Char(ch) if plain => {
                    if c.type_char(ch) == Typed::Taken {
                        field.dirty = true;
                        Keyed::Taken
                    } else {
                        Keyed::Nothing
                    }
                }
                KeyCode::Backspace => {
                    c.backspace();
                    Keyed::Nothing
                }
                _ => Keyed::Nothing,
            };
        }
        field.before_key(key);
        if let Some(text) = field.text_field_mut()
            && text.key(key)
        {
            field.after_edit();
            return Keyed::Edited;
        }
        Keyed::Nothing
    }

    /// Pasted text into the focused text field; `false` when the focus is not on one.
    pub fn paste(&mut self, text: &str) -> bool {
        match self.focused_mut() {
            Some(field) if field.is_text() => {
                if field.text_field_mut().is_some_and(|t| t.paste(text)) {
                    field.after_edit();
                }
                true
            }
            _ => false,
        }
    }

    /// Take the best match of a choice typed into; `Err` with what was typed when nothing
    /// matches it.
    pub fn take_typed(&mut self) -> Result<(), NoMatch> {
        let Some(field) = self.focused_mut() else {
            return Ok(());
        };
        let FieldKind::Choice(c) = &mut field.kind else {
            return Ok(());
        };
        if !c.is_filtering() {
            return Ok(());
        }
        if c.take() {
            field.dirty = true;
            return Ok(());
        }
        Err(NoMatch {
            typed: c.filter.clone(),
        })
    }

    /// Esc or ctrl-z: forget a choice's filter, or put back the date being replaced.
    pub fn undo_typing(&mut self) -> bool {
        let Some(field) = self.focused_mut() else {
            return false;
        };
        match &mut field.kind {
            FieldKind::Choice(c) => c.clear(),
            _ => field.restore(),
        }
    }

    /// The next or previous choice, or a tick box turned over.
    pub fn change_value(&mut self, forward: bool) -> bool {
        let Some(field) = self.focused_mut() else {
            return false;
        };
        let changed = match &mut field.kind {
            FieldKind::Choice(c) => c.step(forward),
            FieldKind::Toggle(on) => {
                *on = !*on;
                true
            }
            _ => false,
        };
        field.dirty |= changed;
        changed
    }

    /// Up or down among a choice's matches while it is typed into; `false` when nothing is.
    pub fn move_among_matches(&mut self, down: bool) -> bool {
        match self.focused_mut().map(|f| &mut f.kind) {
            Some(FieldKind::Choice(c)) if c.is_filtering() => {
                c.move_highlight(if down { 1 } else { -1 });
                true
            }
            _ => false,
        }
    }

    /// Undo, redo, deleting and word movement in the focused text field.
    pub fn edit_text(&mut self, a: KeyCommand) -> bool {
        self.focused_mut().is_some_and(|field| edit_text(field, a))
    }
}

/// Undo, redo, deleting and word movement in `field`, for every screen's forms. Undo in a date
/// or time being typed over puts back the one replaced first, as esc does.
pub fn edit_text(field: &mut Field, a: KeyCommand) -> bool {
    if a == KeyCommand::Undo && field.restore() {
        return true;
    }
    let Some(t) = field.text_field_mut() else {
        return false;
    };
    let changed = match a {
        KeyCommand::Undo => t.undo(),
        KeyCommand::Redo => t.redo(),
        KeyCommand::DeleteWord => t.delete_word(),
        KeyCommand::DeleteToStart => t.delete_to_line_start(),
        KeyCommand::WordLeft | KeyCommand::WordRight => {
            t.move_word(a == KeyCommand::WordRight);
            false
        }
        _ => false,
    };
    if changed {
        field.after_edit();
    }
    changed
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::NoMatch;
    use crate::tui::widgets::field::Field;
    use crate::tui::widgets::forms::{FieldError, Form};

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.type_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn a_choice_typed_into_that_nothing_matches_keeps_what_was_typed() {
        let options = vec!["Mother".to_string(), "Father".to_string()];
        let mut form = Form::new(vec![Field::choice("who", "Who", options, 0)]);
        typed(&mut form, "zq");
        let e = form.take_typed().expect_err("nothing matches");
        assert_eq!(e, NoMatch { typed: "zq".into() });
        assert_eq!(e.to_string(), "nothing matches \"zq\"");
    }

    #[test]
    fn a_date_or_time_that_does_not_read_names_its_field() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a day");
        let mut form = Form::new(vec![
            Field::date("due", "By when", None, today),
            Field::time("start", "Start", None),
        ]);
        typed(&mut form, "31/02/2026");
        let e: FieldError = form.date_only("due").expect_err("no 31 February");
        assert_eq!(e.field, "By when");
        assert_eq!(
            e.to_string(),
            format!("By when: {} ({})", e.error.message, e.error.hint)
        );
        form.move_focus(true);
        typed(&mut form, "25:70");
        let e = form.time("start").expect_err("no such time");
        assert_eq!(e.field, "Start");
        assert!(e.to_string().starts_with("Start: "), "{e}");
    }
}
