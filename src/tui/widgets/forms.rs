//! A form: fields in order and which one has the focus. Reading values back by field id keeps
//! each step's code free of indexes.

use chrono::{NaiveDate, NaiveTime};

use super::field::{Field, FieldId, FieldKind};
use super::text_field::TextField;
use crate::domain::date_entry::{DateEntryError, Resolved};
use crate::domain::meeting::Scratch;
use crate::domain::privacy::Privacy;

/// A date or time field whose text does not read: the field's label and why, shown as
/// "Label: why (hint)" beside the form.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {error}")]
pub struct FieldError {
    pub field: String,
    pub error: DateEntryError,
}

/// Why a form cannot be saved yet, naming the field to fix: a date or time that does not read,
/// or a field left empty, unchosen or with nothing to choose from, with what to do as the screen
/// words it. Shown beside the form in those words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error(transparent)]
    Date(#[from] FieldError),
    /// The field `field` (its id), and what it needs.
    #[error("{needs}")]
    Needs { field: FieldId, needs: &'static str },
}

impl FormError {
    pub fn needs(field: FieldId, needs: &'static str) -> FormError {
        FormError::Needs { field, needs }
    }

    /// The id of the field to fix, where the form knows it by id (a date's is its label).
    pub fn field(&self) -> Option<FieldId> {
        match self {
            FormError::Date(_) => None,
            FormError::Needs { field, .. } => Some(field),
        }
    }
}

#[derive(Default)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The text of each text field as the form opened, to tell what closing it would lose.
    opened: Vec<String>,
}

impl Form {
    pub fn new(fields: Vec<Field>) -> Form {
        let mut form = Form {
            fields,
            focus: 0,
            opened: Vec::new(),
        };
        form.opened = form.texts();
        form
    }

    fn texts(&self) -> Vec<String> {
        self.fields
            .iter()
            .filter(|f| f.is_text())
            .map(|f| self.text(f.id))
            .collect()
    }

    /// The texts typed since the form opened (or put back on resume), one per changed field:
    /// what closing the form unsaved would throw away. Empty when nothing was typed.
    pub fn typed_since_opened(&self) -> Vec<String> {
        let now = self.texts();
        if now.len() != self.opened.len() {
            return now.into_iter().filter(|t| !t.trim().is_empty()).collect();
        }
        now.into_iter()
            .zip(&self.opened)
            .filter(|(now, was)| now != *was && !now.trim().is_empty())
            .map(|(now, _)| now)
            .collect()
    }

    /// Everything entered in the form (text, choices, ticks, where the focus is), named `form`
    /// and `step`, to be kept until the form is saved or cancelled.
    pub fn scratch(&self, form: String, step: String) -> Scratch {
        let fields = &self.fields;
        Scratch {
            form,
            step,
            fields: fields
                .iter()
                .filter(|f| f.is_text())
                .map(|f| (f.id.to_string(), self.text(f.id)))
                .collect(),
            choices: fields
                .iter()
                .filter_map(|f| match &f.kind {
                    FieldKind::Choice(c) => Some((f.id.to_string(), c.selected)),
                    _ => None,
                })
                .collect(),
            toggles: fields
                .iter()
                .filter_map(|f| match f.kind {
                    FieldKind::Toggle(on) => Some((f.id.to_string(), on)),
                    _ => None,
                })
                .collect(),
            privacies: fields
                .iter()
                .filter_map(|f| Some((f.id.to_string(), f.privacy.clone()?)))
                .collect(),
            focus: self.focus_id().map(str::to_string),
        }
    }

    /// The field whose item the privacy key sets: the focused field when it holds an item's
    /// text, else the one field of the form that does (a form about one item: its other texts
    /// belong to the same item). `None` where no single item is in view.
    pub fn privacy_field_mut(&mut self) -> Option<&mut Field> {
        if self.focused().is_some_and(|f| f.privacy.is_some()) {
            return self.focused_mut();
        }
        let mut holding = self.fields.iter_mut().filter(|f| f.privacy.is_some());
        let only = holding.next()?;
        holding.next().is_none().then_some(only)
    }

    /// Put back what a [`Form::scratch`] of this form holds, as if entered again; what it names
    /// that the form does not have is left out.
    pub fn restore(&mut self, scratch: &Scratch) {
        for (id, text) in &scratch.fields {
            let Some(field) = self.get_mut_by_name(id) else {
                continue;
            };
            let Some(t) = field.text_field_mut() else {
                continue;
            };
            *t = TextField::new(text, t.multiline);
            field.after_edit();
        }
        for (id, selected) in &scratch.choices {
            if let Some(field) = self.get_mut_by_name(id)
                && let FieldKind::Choice(c) = &mut field.kind
                && *selected < c.options.len()
            {
                c.selected = *selected;
            }
        }
        for (id, on) in &scratch.toggles {
            if let Some(field) = self.get_mut_by_name(id)
                && let FieldKind::Toggle(t) = &mut field.kind
            {
                *t = *on;
            }
        }
        for (id, privacy) in &scratch.privacies {
            if let Some(field) = self.get_mut_by_name(id)
                && field.privacy.is_some()
            {
                field.privacy = Some(privacy.clone());
            }
        }
        if let Some(focus) = &scratch.focus
            && let Some(i) = self.fields.iter().position(|f| f.id == focus.as_str())
        {
            self.focus = i;
        }
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn focused_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    pub fn focus_id(&self) -> Option<FieldId> {
        self.focused().map(|f| f.id)
    }

    pub fn focus_on(&mut self, id: FieldId) -> bool {
        match self.fields.iter().position(|f| f.id == id) {
            Some(i) => {
                self.focus = i;
                self.fields[i].arm();
                true
            }
            None => false,
        }
    }

    /// Move the focus; `false` when there is nowhere to go.
    pub fn move_focus(&mut self, forward: bool) -> bool {
        let n = self.fields.len();
        if n == 0 {
            return false;
        }
        let next = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        let moved = next != self.focus;
        self.focus = next;
        self.fields[next].arm();
        moved
    }

    pub fn get(&self, id: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    pub fn get_mut(&mut self, id: FieldId) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.id == id)
    }

    /// A field by an id read back from the journal.
    pub fn get_mut_by_name(&mut self, id: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.id == id)
    }

    pub fn any_dirty(&self) -> bool {
        self.fields.iter().any(|f| f.dirty)
    }

    pub fn is_dirty(&self, id: FieldId) -> bool {
        self.get(id).is_some_and(|f| f.dirty)
    }

    pub fn clear_dirty(&mut self) {
        for f in &mut self.fields {
            f.dirty = false;
        }
    }

    pub fn text(&self, id: FieldId) -> String {
        match self.get(id).map(|f| &f.kind) {
            Some(FieldKind::Text(t)) => t.text(),
            Some(FieldKind::Date(d)) => d.text.text(),
            Some(FieldKind::Time(t)) => t.text.text(),
            _ => String::new(),
        }
    }

    /// The selected index of a choice, or of a table's row.
    pub fn choice(&self, id: FieldId) -> usize {
        match self.get(id).map(|f| &f.kind) {
            Some(FieldKind::Choice(c)) => c.selected,
            Some(FieldKind::Table(t)) => t.selected,
            _ => 0,
        }
    }

    /// The label of a choice's selected option.
    pub fn choice_label(&self, id: FieldId) -> String {
        match self.get(id).map(|f| &f.kind) {
            Some(FieldKind::Choice(c)) => c.current().to_string(),
            _ => String::new(),
        }
    }

    /// The privacy the field holds for its item (open when it holds none).
    pub fn privacy(&self, id: FieldId) -> Privacy {
        self.get(id)
            .and_then(|f| f.privacy.clone())
            .unwrap_or_default()
    }

    pub fn toggle(&self, id: FieldId) -> bool {
        matches!(self.get(id).map(|f| &f.kind), Some(FieldKind::Toggle(true)))
    }

    /// A date field's value; `Err` naming the field when its text cannot be read.
    pub fn date(&self, id: FieldId) -> Result<Option<Resolved>, FieldError> {
        match self.get(id).map(|f| &f.kind) {
            Some(FieldKind::Date(d)) => d.value().map_err(|e| self.field_error(id, e)),
            _ => Ok(None),
        }
    }

    pub fn date_only(&self, id: FieldId) -> Result<Option<NaiveDate>, FieldError> {
        self.date(id).map(|r| r.map(|r| r.date))
    }

    pub fn time(&self, id: FieldId) -> Result<Option<NaiveTime>, FieldError> {
        match self.get(id).map(|f| &f.kind) {
            Some(FieldKind::Time(t)) => t.value().map_err(|e| self.field_error(id, e)),
            _ => Ok(None),
        }
    }

    fn field_error(&self, id: FieldId, error: &DateEntryError) -> FieldError {
        FieldError {
            field: self.label(id).to_string(),
            error: error.clone(),
        }
    }

    fn label(&self, id: FieldId) -> &str {
        self.get(id).map_or(id, |f| f.label.as_str())
    }
}
