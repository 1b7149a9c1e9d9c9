//! The fields a form is made of. Text fields wrap ratatui-textarea, which brings paste, undo and
//! word movement; date and time fields are text fields that also show what the text resolves to.

use std::cell::Cell;

use chrono::{NaiveDate, NaiveTime};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, DataCursor, Input, Key, TextArea, WrapMode};

use super::sanitize::sanitize_input;
use crate::domain::date_entry::{self, DateEntryError, Resolved};

/// Names fields within a form, so a step's code can read them back.
pub type FieldId = &'static str;

/// A text field. A long note is held as paragraphs: the textarea edits only the paragraph under
/// the cursor (`above` and `below` hold the rest), because ratatui-textarea lays out all of its
/// text again on every edit, which made each key in a 10,000-character note cost a millisecond.
/// Keys that can reach past that paragraph (moving up or down, selecting, the textarea's own
/// chords) first give the textarea the whole text back.
pub struct TextField {
    area: TextArea<'static>,
    pub multiline: bool,
    above: Vec<String>,
    below: Vec<String>,
    /// Whether `area` has edits in its undo history.
    edited: bool,
    /// Textareas set aside with their undo history when the window moved, newest last, each
    /// with the whole text as it stood then; and those undone past, for redo.
    undo_windows: Vec<Window>,
    redo_windows: Vec<Window>,
    /// Where the textarea was last drawn, so a new one wraps at the same width at once.
    drawn: Cell<Rect>,
}

struct Window {
    above: Vec<String>,
    area: TextArea<'static>,
    below: Vec<String>,
}

/// A textarea holding less than this many bytes is left whole: laying it out costs little (about
/// 0.1 µs a byte), so a note of a few short paragraphs stays one textarea.
const SPLIT_ABOVE: usize = 400;
/// How many set-aside textareas undo can go back through.
const MAX_WINDOWS: usize = 32;

fn new_area(lines: Vec<String>, multiline: bool) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    // Notes wrap so the chair can read them back.
    area.set_wrap_mode(if multiline {
        WrapMode::WordOrGlyph
    } else {
        WrapMode::None
    });
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.set_max_histories(200);
    area
}

impl TextField {
    pub fn new(text: &str, multiline: bool) -> TextField {
        let clean = sanitize_input(text, multiline);
        let lines: Vec<String> = clean.split('\n').map(str::to_string).collect();
        let mut area = new_area(lines, multiline);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        TextField {
            area,
            multiline,
            above: Vec::new(),
            below: Vec::new(),
            edited: false,
            undo_windows: Vec::new(),
            redo_windows: Vec::new(),
            drawn: Cell::new(Rect::default()),
        }
    }

    /// Every paragraph, in order.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.above
            .iter()
            .chain(self.area.lines())
            .chain(&self.below)
            .map(String::as_str)
    }

    pub fn text(&self) -> String {
        self.lines().collect::<Vec<_>>().join("\n")
    }

    pub fn is_blank(&self) -> bool {
        self.lines().all(|l| l.trim().is_empty())
    }

    /// The paragraphs before the textarea's, the textarea, and those after; for drawing.
    pub fn parts(&self) -> (&[String], &TextArea<'static>, &[String]) {
        (&self.above, &self.area, &self.below)
    }

    /// Remember where the textarea is drawn (the view calls this as it draws it).
    pub fn drawn_at(&self, rect: Rect) {
        self.drawn.set(rect);
    }

    fn is_split(&self) -> bool {
        !self.above.is_empty() || !self.below.is_empty()
    }

    fn at_start(&self) -> bool {
        self.area.cursor() == DataCursor(0, 0)
    }

    fn at_end(&self) -> bool {
        let DataCursor(row, col) = self.area.cursor();
        let lines = self.area.lines();
        row + 1 >= lines.len() && lines.get(row).is_none_or(|l| col >= l.chars().count())
    }

    /// Put a new textarea in place with the cursor at (`row`, `col`) of it, setting the old one
    /// aside for undo if it was edited.
    fn replace(
        &mut self,
        above: Vec<String>,
        lines: Vec<String>,
        below: Vec<String>,
        (row, col): (usize, usize),
    ) {
        let mut area = new_area(lines, self.multiline);
        area.set_yank_text(self.area.yank_text());
        area.move_cursor(CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        ));
        let old = Window {
            above: std::mem::replace(&mut self.above, above),
            area: std::mem::replace(&mut self.area, area),
            below: std::mem::replace(&mut self.below, below),
        };
        if std::mem::take(&mut self.edited) {
            if self.undo_windows.len() >= MAX_WINDOWS {
                self.undo_windows.remove(0);
            }
            self.undo_windows.push(old);
        }
        self.redo_windows.clear();
        self.prime();
    }

    /// Lay a new textarea out at the width it is drawn at, as drawing it would, so moving up and
    /// down by screen rows works before the next frame.
    fn prime(&self) {
        let rect = self.drawn.get();
        if rect.area() > 0 {
            let mut scratch = Buffer::empty(rect);
            (&self.area).render(rect, &mut scratch);
        }
    }

    /// Give the textarea the whole text, for a key that may reach past its paragraphs.
    fn join(&mut self) {
        if !self.is_split() {
            return;
        }
        let DataCursor(row, col) = self.area.cursor();
        let row = row + self.above.len();
        // Copies: the textarea set aside keeps the text as it stands, for undo.
        let lines: Vec<String> = self.lines().map(str::to_string).collect();
        self.replace(Vec::new(), lines, Vec::new(), (row, col));
    }

    /// Keep only the paragraph under the cursor in the textarea, once the textarea holds enough
    /// text for laying it out on every key to show.
    fn split(&mut self) {
        let lines = self.area.lines();
        if lines.len() < 2 || self.area.is_selecting() {
            return;
        }
        if lines.iter().map(String::len).sum::<usize>() < SPLIT_ABOVE {
            return;
        }
        let DataCursor(row, col) = self.area.cursor();
        // The cursor is placed by a jump, which counts in u16.
        if self.above.len() + lines.len() > usize::from(u16::MAX) || col > usize::from(u16::MAX) {
            return;
        }
        let mut above = self.above.clone();
        above.extend(lines[..row].iter().cloned());
        let current = lines.get(row).cloned().unwrap_or_default();
        let mut below: Vec<String> = lines.get(row + 1..).unwrap_or_default().to_vec();
        below.extend(self.below.iter().cloned());
        self.replace(above, vec![current], below, (0, col));
    }

    /// Whether `input` stays inside the textarea's paragraphs whatever they hold.
    fn stays_inside(&self, input: &Input) -> bool {
        if input.ctrl || input.alt || input.shift || self.area.is_selecting() {
            return false;
        }
        match input.key {
            Key::Char(_) | Key::Enter | Key::Home | Key::End => true,
            Key::Backspace | Key::Left => !self.at_start(),
            Key::Delete | Key::Right => !self.at_end(),
            _ => false,
        }
    }

    /// Type one key; returns whether the text changed. Control characters never get in.
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let k = match key.code {
            KeyCode::Char(c) if c.is_control() => return false,
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Enter if self.multiline => Key::Enter,
            _ => return false,
        };
        // Without the textarea's own Enter/ctrl-m/ctrl-j handling, a one-line field stays one line.
        let input = Input {
            key: k,
            ctrl,
            alt,
            shift: key.modifiers.contains(KeyModifiers::SHIFT),
        };
        if !self.multiline
            && matches!(
                input,
                Input {
                    key: Key::Char('m' | 'j'),
                    ctrl: true,
                    ..
                }
            )
        {
            return false;
        }
        if self.multiline {
            if self.stays_inside(&input) {
                self.split();
            } else {
                self.join();
            }
        }
        let changed = self.area.input(input);
        self.note_edit(changed)
    }

    fn note_edit(&mut self, changed: bool) -> bool {
        if changed {
            self.edited = true;
            self.redo_windows.clear();
        }
        changed
    }

    pub fn paste(&mut self, text: &str) -> bool {
        let clean = sanitize_input(text, self.multiline);
        if clean.is_empty() {
            return false;
        }
        if self.area.is_selecting() {
            self.join();
        }
        let changed = self.area.insert_str(clean);
        self.note_edit(changed)
    }

    pub fn delete_word(&mut self) -> bool {
        if self.at_start() || self.area.is_selecting() {
            self.join();
        }
        let changed = self.area.delete_word();
        self.note_edit(changed)
    }

    pub fn move_word(&mut self, forward: bool) {
        let DataCursor(row, col) = self.area.cursor();
        let last_row = row + 1 >= self.area.lines().len();
        let crosses = if forward {
            last_row
                && !self
                    .area
                    .lines()
                    .get(row)
                    .is_some_and(|l| word_ahead(l, col))
        } else {
            self.at_start()
        };
        if crosses {
            self.join();
        }
        self.area.move_cursor(if forward {
            CursorMove::WordForward
        } else {
            CursorMove::WordBack
        });
    }

    pub fn select_all(&mut self) {
        self.join();
        self.area.select_all();
    }

    pub fn cut(&mut self) -> bool {
        let changed = self.area.cut();
        self.note_edit(changed)
    }

    /// Undo the last edit, going back into the textarea that held the text before if need be.
    pub fn undo(&mut self) -> bool {
        if self.area.undo() {
            return true;
        }
        if !self.back_to(true) {
            return false;
        }
        self.area.undo()
    }

    pub fn redo(&mut self) -> bool {
        if self.area.redo() {
            return true;
        }
        if !self.back_to(false) {
            return false;
        }
        self.area.redo()
    }

    /// Swap in the last textarea set aside (`undo`) or undone past (redo), when the text is as it
    /// was when they parted; then its own history carries on.
    fn back_to(&mut self, undo: bool) -> bool {
        let stack = if undo {
            &mut self.undo_windows
        } else {
            &mut self.redo_windows
        };
        let Some(w) = stack.pop() else {
            return false;
        };
        let same = w
            .above
            .iter()
            .chain(w.area.lines())
            .chain(&w.below)
            .map(String::as_str)
            .eq(self.lines());
        if !same {
            // Older edits fell out of the history: what is set aside no longer fits.
            self.undo_windows.clear();
            self.redo_windows.clear();
            return false;
        }
        let current = Window {
            above: std::mem::replace(&mut self.above, w.above),
            area: std::mem::replace(&mut self.area, w.area),
            below: std::mem::replace(&mut self.below, w.below),
        };
        if undo {
            self.redo_windows.push(current);
        } else {
            self.undo_windows.push(current);
        }
        self.edited = true;
        self.prime();
        true
    }
}

/// Whether ratatui-textarea's forward word move finds a word start after `col` in `line` (else
/// it goes on to the next line).
fn word_ahead(line: &str, col: usize) -> bool {
    #[derive(PartialEq)]
    enum Kind {
        Space,
        Punct,
        Other,
    }
    let kind = |c: char| {
        if c.is_whitespace() {
            Kind::Space
        } else if c != '_' && c.is_ascii_punctuation() {
            Kind::Punct
        } else {
            Kind::Other
        }
    };
    let mut it = line.chars().skip(col);
    let Some(first) = it.next() else {
        return false;
    };
    let mut prev = kind(first);
    for c in it {
        let cur = kind(c);
        if cur != Kind::Space && prev != cur {
            return true;
        }
        prev = cur;
    }
    false
}

/// What a date field's text means today, kept beside it.
pub struct DateField {
    pub text: TextField,
    pub parsed: Option<Result<Resolved, DateEntryError>>,
    pub today: NaiveDate,
    pub with_time: bool,
}

impl DateField {
    pub fn new(date: Option<NaiveDate>, today: NaiveDate) -> DateField {
        let text = date
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let mut f = DateField {
            text: TextField::new(&text, false),
            parsed: None,
            today,
            with_time: false,
        };
        f.reparse();
        f
    }

    pub fn reparse(&mut self) {
        let text = self.text.text();
        self.parsed = if text.trim().is_empty() {
            None
        } else {
            Some(date_entry::parse(&text, self.today))
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
    pub parsed: Option<Result<NaiveTime, DateEntryError>>,
}

impl TimeField {
    pub fn new(time: Option<NaiveTime>) -> TimeField {
        let text = time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        let mut f = TimeField {
            text: TextField::new(&text, false),
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

pub struct Choice {
    pub options: Vec<String>,
    pub selected: usize,
}

impl Choice {
    pub fn new(options: Vec<String>, selected: usize) -> Choice {
        let selected = selected.min(options.len().saturating_sub(1));
        Choice { options, selected }
    }

    pub fn step(&mut self, forward: bool) -> bool {
        let n = self.options.len();
        if n < 2 {
            return false;
        }
        self.selected = if forward {
            (self.selected + 1) % n
        } else {
            (self.selected + n - 1) % n
        };
        true
    }
}

/// A list whose rows the step's view draws from the draft, so a long list costs only what shows.
pub struct Table {
    pub len: usize,
    pub selected: usize,
    /// Rows to show; the view may show fewer when the screen is short.
    pub height: u16,
}

impl Table {
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
}

pub enum FieldKind {
    Text(TextField),
    Date(DateField),
    Time(TimeField),
    Choice(Choice),
    Toggle(bool),
    Table(Table),
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
}

impl Field {
    fn new(id: FieldId, label: impl Into<String>, kind: FieldKind) -> Field {
        Field {
            id,
            label: label.into(),
            kind,
            dirty: false,
            hint: None,
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

    pub fn time(id: FieldId, label: impl Into<String>, value: Option<NaiveTime>) -> Field {
        Field::new(id, label, FieldKind::Time(TimeField::new(value)))
    }

    pub fn choice(
        id: FieldId,
        label: impl Into<String>,
        options: Vec<String>,
        selected: usize,
    ) -> Field {
        Field::new(id, label, FieldKind::Choice(Choice::new(options, selected)))
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
            FieldKind::Table(Table {
                len,
                selected,
                height,
            }),
        )
    }

    pub fn button(id: FieldId, label: impl Into<String>) -> Field {
        Field::new(id, label, FieldKind::Button)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn press(f: &mut TextField, code: KeyCode) -> bool {
        f.key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn type_str(f: &mut TextField, s: &str) {
        for c in s.chars() {
            press(f, KeyCode::Char(c));
        }
    }

    /// Twenty paragraphs of 100 characters: long enough to be split.
    fn long_note() -> (TextField, Vec<String>) {
        let paras: Vec<String> = (0..20)
            .map(|i| {
                format!("{i:02} {}", "word ".repeat(19))
                    .trim_end()
                    .to_string()
            })
            .collect();
        (TextField::new(&paras.join("\n"), true), paras)
    }

    #[test]
    fn typing_in_a_long_note_keeps_only_its_paragraph_in_the_textarea() {
        let (mut f, mut paras) = long_note();
        type_str(&mut f, " end");
        assert_eq!(f.parts().1.lines().len(), 1);
        paras[19].push_str(" end");
        assert_eq!(f.text(), paras.join("\n"));
    }

    #[test]
    fn moving_and_editing_across_paragraphs_gives_the_same_text_as_one_textarea() {
        let (mut f, paras) = long_note();
        let mut whole = TextArea::new(paras.clone());
        whole.move_cursor(CursorMove::Bottom);
        whole.move_cursor(CursorMove::End);
        // Keys that cross paragraph edges: backspace at a paragraph's start joins it to the one
        // before; delete at the end joins the next; words and lines move across.
        let keys = [
            KeyCode::Char('x'),
            KeyCode::Home,
            KeyCode::Backspace,
            KeyCode::Char('y'),
            KeyCode::Up,
            KeyCode::End,
            KeyCode::Delete,
            KeyCode::Char('z'),
            KeyCode::Enter,
            KeyCode::Char('w'),
            KeyCode::Left,
            KeyCode::Left,
            KeyCode::Backspace,
        ];
        for k in keys {
            press(&mut f, k);
            whole.input(Input {
                key: match k {
                    KeyCode::Char(c) => Key::Char(c),
                    KeyCode::Home => Key::Home,
                    KeyCode::End => Key::End,
                    KeyCode::Backspace => Key::Backspace,
                    KeyCode::Delete => Key::Delete,
                    KeyCode::Up => Key::Up,
                    KeyCode::Left => Key::Left,
                    _ => Key::Enter,
                },
                ctrl: false,
                alt: false,
                shift: false,
            });
            assert_eq!(f.text(), whole.lines().join("\n"), "after {k:?}");
        }
        f.move_word(false);
        f.move_word(false);
        f.delete_word();
        whole.move_cursor(CursorMove::WordBack);
        whole.move_cursor(CursorMove::WordBack);
        whole.delete_word();
        assert_eq!(f.text(), whole.lines().join("\n"));
    }

    #[test]
    fn undo_and_redo_go_back_through_every_paragraph_edited() {
        let (mut f, paras) = long_note();
        let original = paras.join("\n");
        type_str(&mut f, " one");
        press(&mut f, KeyCode::Up);
        press(&mut f, KeyCode::Up);
        type_str(&mut f, " two");
        let after = f.text();
        assert!(after.contains(" one") && after.contains(" two"));
        while f.undo() {}
        assert_eq!(f.text(), original);
        while f.redo() {}
        assert_eq!(f.text(), after);
    }

    #[test]
    fn paste_and_select_all_work_on_a_split_note() {
        let (mut f, _) = long_note();
        type_str(&mut f, "!");
        assert!(f.paste("first\nsecond"));
        assert!(f.text().ends_with("!first\nsecond"));
        f.select_all();
        assert!(f.cut());
        assert!(f.is_blank());
        assert!(f.undo());
        assert!(f.text().ends_with("!first\nsecond"));
    }
}
