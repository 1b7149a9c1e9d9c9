//! The fields a form is made of. Text fields wrap ratatui-textarea, which brings paste, undo and
//! word movement; date and time fields are text fields that also show what the text resolves to.

use chrono::{NaiveDate, NaiveTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::text_field::TextField;
use crate::domain::date_entry::{self, DateEntryError, Resolved};
use crate::domain::plan::Plan;
use crate::domain::privacy::Privacy;

/// Names fields within a form, so a step's code can read them back.
pub type FieldId = &'static str;

/// What a date field's text means today, kept beside it.
pub struct DateField {
    pub text: TextField,
    /// The first character typed after the focus arrives replaces the value.
    pub armed: bool,
    /// The value being replaced, to put back with ctrl-z or Esc.
    pub before: Option<String>,
    pub parsed: Option<Result<Resolved, DateEntryError>>,
    pub today: NaiveDate,
    pub with_time: bool,
    /// The day something happened: a weekday name is the last such day, not the next.
    pub happened: bool,
}

impl DateField {
    pub fn new(date: Option<NaiveDate>, today: NaiveDate) -> DateField {
        let text = date
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let mut f = DateField {
            text: TextField::new(&text, false),
            armed: true,
            before: None,
            parsed: None,
            today,
            with_time: false,
            happened: false,
        };
        f.reparse();
        f
    }

    pub fn reparse(&mut self) {
        let text = self.text.text();
        self.parsed = if text.trim().is_empty() {
            None
        } else {
            Some(if self.happened {
                date_entry::parse_happened(&text, self.today)
            } else {
                date_entry::parse(&text, self.today)
            })
        };
    }

    /// `Ok(None)` when empty; `Err` when the text cannot be read as a date.
    pub fn value(&self) -> Result<Option<Resolved>, &DateEntryError> {
        match &self.parsed {
            None => Ok(None),
            Some(Ok(r)) => Ok(Some(*r)),
            Some(Err(e)) => Err(e),
        }
    }
}

pub struct TimeField {
    pub text: TextField,
    pub armed: bool,
    pub before: Option<String>,
    pub parsed: Option<Result<NaiveTime, DateEntryError>>,
}

impl TimeField {
    pub fn new(time: Option<NaiveTime>) -> TimeField {
        let text = time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        let mut f = TimeField {
            text: TextField::new(&text, false),
            armed: true,
            before: None,
            parsed: None,
        };
        f.reparse();
        f
    }

    pub fn reparse(&mut self) {
        let text = self.text.text();
        self.parsed = if text.trim().is_empty() {
            None
        } else {
            Some(date_entry::parse_time(&text))
        };
    }

    pub fn value(&self) -> Result<Option<NaiveTime>, &DateEntryError> {
        match &self.parsed {
            None => Ok(None),
            Some(Ok(t)) => Ok(Some(*t)),
            Some(Err(e)) => Err(e),
        }
    }
}

/// A choice is a picker: type to filter, Enter or Tab takes the best match.
use super::picker::Picker;

/// A list whose rows the step's view draws from the draft, so a long list costs only what shows.
pub struct RowList {
    pub len: usize,
    pub selected: usize,
    /// Rows to show; the view may show fewer when the screen is short.
    pub height: u16,
    /// What each row is found by when letters are typed on the list (a person's name, role
    /// and agency); `None` on a list whose letters are keys of their own.
    pub find: Option<Vec<String>>,
}

impl RowList {
    pub fn move_by(&mut self, delta: isize) -> bool {
        if self.len == 0 {
            return false;
        }
        let max = self.len - 1;
        let next = (self.selected as isize + delta).clamp(0, max as isize) as usize;
        let moved = next != self.selected;
        self.selected = next;
        moved
    }

    /// The row `typed` finds: the first whose words one starts with it, else the first that
    /// holds it anywhere, ignoring case. `None` on a list without [`RowList::find`] or when no
    /// row has it.
    pub fn find_row(&self, typed: &str) -> Option<usize> {
        let search = self.find.as_ref()?;
        let typed = typed.trim_start().to_lowercase();
        if typed.is_empty() {
            return None;
        }
        let lower: Vec<String> = search.iter().map(|s| s.to_lowercase()).collect();
        let starts = |s: &str| {
            s.starts_with(&typed)
                || s.match_indices(&typed)
                    .any(|(i, _)| !s[..i].ends_with(char::is_alphanumeric))
        };
        lower
            .iter()
            .position(|s| starts(s))
            .or_else(|| lower.iter().position(|s| s.contains(&typed)))
    }
}

pub enum FieldKind {
    Text(TextField),
    Date(DateField),
    Time(TimeField),
    Choice(Picker),
    Toggle(bool),
    Table(RowList),
    Button,
}

pub struct Field {
    pub id: FieldId,
    pub label: String,
    pub kind: FieldKind,
    /// Typed into since it was last turned into a change.
    pub dirty: bool,
    /// Shown under the field (e.g. why a value is wrong).
    pub hint: Option<String>,
    /// Who may read the item this field holds the text of, for the fields that hold one; the
    /// privacy key changes it.
    pub privacy: Option<Privacy>,
    /// Rows a note asks for, when it is the heart of its form; else a share of the form's room.
    /// On a list: the rows it keeps when the screen is short.
    pub rows: Option<u16>,
    /// For the last field about a list's selected row: Tab goes on to the list's next row, at
    /// this field of it (the next action to review, its status), rather than back to the top.
    pub next_row: Option<(FieldId, FieldId)>,
}

impl Field {
    fn new(id: FieldId, label: impl Into<String>, kind: FieldKind) -> Field {
        Field {
            id,
            label: label.into(),
            kind,
            dirty: false,
            hint: None,
            privacy: None,
            rows: None,
            next_row: None,
        }
    }

    pub fn text(id: FieldId, label: impl Into<String>, value: &str) -> Field {
        Field::new(id, label, FieldKind::Text(TextField::new(value, false)))
    }

    pub fn note(id: FieldId, label: impl Into<String>, value: &str) -> Field {
        Field::new(id, label, FieldKind::Text(TextField::new(value, true)))
    }

    pub fn date(
        id: FieldId,
        label: impl Into<String>,
        value: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Field {
        Field::new(id, label, FieldKind::Date(DateField::new(value, today)))
    }

    /// A date field for the day something happened (see [`date_entry::parse_happened`]), so
    /// what it shows as read is what is recorded.
    pub fn happened(
        id: FieldId,
        label: impl Into<String>,
        value: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Field {
        let mut d = DateField::new(value, today);
        d.happened = true;
        d.reparse();
        Field::new(id, label, FieldKind::Date(d))
    }

    pub fn time(id: FieldId, label: impl Into<String>, value: Option<NaiveTime>) -> Field {
        Field::new(id, label, FieldKind::Time(TimeField::new(value)))
    }

    pub fn choice(
        id: FieldId,
        label: impl Into<String>,
        options: Vec<String>,
        selected: usize,
    ) -> Field {
        Field::new(id, label, FieldKind::Choice(Picker::new(options, selected)))
    }

    pub fn toggle(id: FieldId, label: impl Into<String>, on: bool) -> Field {
        Field::new(id, label, FieldKind::Toggle(on))
    }

    pub fn table(
        id: FieldId,
        label: impl Into<String>,
        len: usize,
        selected: usize,
        height: u16,
    ) -> Field {
        let selected = selected.min(len.saturating_sub(1));
        Field::new(
            id,
            label,
            FieldKind::Table(RowList {
                len,
                selected,
                height,
                find: None,
            }),
        )
    }

    pub fn button(id: FieldId, label: impl Into<String>) -> Field {
        Field::new(id, label, FieldKind::Button)
    }

    /// The field holds the text of an item with this privacy.
    pub fn private(mut self, privacy: &Privacy) -> Field {
        self.privacy = Some(privacy.clone());
        self
    }

    /// A person picker finds people by name, role and agency, not only by its labels.
    pub fn with_search(mut self, search: Vec<String>) -> Field {
        if let FieldKind::Choice(c) = self.kind {
            self.kind = FieldKind::Choice(c.with_search(search));
        }
        self
    }

    /// A name typed into this choice that matches no option is taken as it was typed.
    pub fn with_free_text(mut self) -> Field {
        if let FieldKind::Choice(c) = self.kind {
            self.kind = FieldKind::Choice(c.free_text());
        }
        self
    }

    /// Digits typed into this choice take the option with that number (a score, an outcome).
    pub fn with_numbers(mut self, numbers: Vec<Option<u32>>) -> Field {
        if let FieldKind::Choice(c) = self.kind {
            self.kind = FieldKind::Choice(c.with_numbers(numbers));
        }
        self
    }

    /// Letters typed on this list find a row by `search` (one text a row), not keys.
    pub fn findable(mut self, search: Vec<String>) -> Field {
        if let FieldKind::Table(t) = &mut self.kind {
            t.find = Some(search);
        }
        self
    }

    /// Tab from this field selects the next row of `list` and focuses its field `at`.
    pub fn then_next_row(mut self, list: FieldId, at: FieldId) -> Field {
        self.next_row = Some((list, at));
        self
    }

    pub fn with_rows(mut self, rows: u16) -> Field {
        self.rows = Some(rows);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_text(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Text(_) | FieldKind::Date(_) | FieldKind::Time(_)
        )
    }

    pub fn text_field_mut(&mut self) -> Option<&mut TextField> {
        match &mut self.kind {
            FieldKind::Text(t) => Some(t),
            FieldKind::Date(d) => Some(&mut d.text),
            FieldKind::Time(t) => Some(&mut t.text),
            _ => None,
        }
    }

    fn replaceable(&mut self) -> Option<(&mut TextField, &mut bool, &mut Option<String>)> {
        match &mut self.kind {
            FieldKind::Date(d) => Some((&mut d.text, &mut d.armed, &mut d.before)),
            FieldKind::Time(t) => Some((&mut t.text, &mut t.armed, &mut t.before)),
            _ => None,
        }
    }

    /// The focus arrived: the next character typed into a date or time replaces it.
    pub fn arm(&mut self) {
        if let Some((_, armed, before)) = self.replaceable() {
            *armed = true;
            *before = None;
        }
    }

    /// Before a key reaches a date or time field: a character typed first replaces the value,
    /// which is kept to put back. Any other key (arrows, backspace) edits it as it is.
    pub fn before_key(&mut self, key: &KeyEvent) {
        let printable = matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let Some((text, armed, before)) = self.replaceable()
            && std::mem::take(armed)
            && printable
            && !text.text().is_empty()
        {
            *before = Some(text.text());
            *text = TextField::new("", false);
        }
    }

    /// Put back the date or time that typing began to replace; `false` when there is none.
    pub fn restore(&mut self) -> bool {
        let Some((text, _, before)) = self.replaceable() else {
            return false;
        };
        let Some(old) = before.take() else {
            return false;
        };
        *text = TextField::new(&old, false);
        self.after_edit();
        true
    }

    /// After the text changed: re-read dates and times.
    pub fn after_edit(&mut self) {
        self.dirty = true;
        match &mut self.kind {
            FieldKind::Date(d) => d.reparse(),
            FieldKind::Time(t) => t.reparse(),
            _ => {}
        }
    }
}

/// "open to the family", "confidential", "not for Dean Walsh".
pub fn privacy_words(p: Option<&Privacy>, plan: &Plan) -> String {
    match p {
        Some(p) if p.confidential => "confidential".into(),
        Some(p) if !p.not_for.is_empty() => {
            let names: Vec<&str> = p.not_for.iter().map(|id| plan.member_name(id)).collect();
            format!("not for {}", names.join(", "))
        }
        _ => "open to the family".into(),
    }
}

/// How an item's privacy is shown before its text, the same on every form and list: nothing
/// when open, "🔒 " when confidential, "[not for Dean Walsh] " when kept from someone.
pub fn privacy_mark(p: &Privacy, plan: &Plan) -> String {
    if p.confidential {
        "🔒 ".into()
    } else if !p.not_for.is_empty() {
        format!("[{}] ", privacy_words(Some(p), plan))
    } else {
        String::new()
    }
}
