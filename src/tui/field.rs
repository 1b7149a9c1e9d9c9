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
    /// What `area`'s history holds to undo and redo.
    left: Left,
    /// Textareas set aside with their undo history when the window moved, newest last, each
    /// with the whole text as it stood then; and those undone past, for redo. Together they are
    /// one history, as one textarea holding the whole text would keep.
    undo_windows: Vec<Window>,
    redo_windows: Vec<Window>,
    /// Where the textarea was last drawn, so a new one wraps at the same width at once.
    drawn: Cell<Rect>,
}

struct Window {
    above: Vec<String>,
    area: TextArea<'static>,
    below: Vec<String>,
    left: Left,
}

/// How many edits a textarea's history can undo, and redo: none to redo once a new edit is
/// made, in it or in another textarea.
#[derive(Clone, Copy, Default)]
struct Left {
    undo: usize,
    redo: usize,
}

impl Left {
    fn any(self) -> bool {
        self.undo > 0 || self.redo > 0
    }
}

/// A textarea holding less than this many bytes is left whole: laying it out costs little (about
/// 0.1 µs a byte), so a note of a few short paragraphs stays one textarea.
const SPLIT_ABOVE: usize = 400;
/// How many edits each textarea's history keeps.
const MAX_HISTORY: usize = 200;
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
    area.set_max_histories(MAX_HISTORY);
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
            left: Left::default(),
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
    /// aside for undo if it was edited. Moving on keeps what can be redone, as in one textarea.
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
            left: std::mem::take(&mut self.left),
        };
        if old.left.any() {
            if self.undo_windows.len() >= MAX_WINDOWS {
                self.undo_windows.remove(0);
            }
            self.undo_windows.push(old);
        }
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

    /// Before `key`, which stays inside the textarea: keep only the paragraph under the cursor
    /// in it, once the textarea holds enough text for laying it out on every key to show.
    fn split(&mut self, key: Key) {
        let lines = self.area.lines();
        if lines.len() < 2 || self.area.is_selecting() {
            return;
        }
        if lines.iter().map(String::len).sum::<usize>() < SPLIT_ABOVE {
            return;
        }
        let DataCursor(row, col) = self.area.cursor();
        // A key that joins this paragraph to the one before or after, or moves into it, is left
        // to the textarea holding both.
        let crosses = match key {
            Key::Backspace | Key::Left => col == 0,
            Key::Delete | Key::Right => lines.get(row).is_some_and(|l| col >= l.chars().count()),
            _ => false,
        };
        if crosses {
            return;
        }
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

    /// Whether the cursor is on the textarea's first line with no word start before it there,
    /// where a word move back goes on to the end of the line before.
    fn no_word_behind(&self) -> bool {
        let DataCursor(row, col) = self.area.cursor();
        row == 0
            && !self
                .area
                .lines()
                .first()
                .is_some_and(|l| word_behind(l, col))
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
        // The textarea's own undo and redo chords, through the field's history.
        if input.ctrl && !input.alt {
            match input.key {
                Key::Char('u') => return self.undo(),
                Key::Char('r') => return self.redo(),
                _ => {}
            }
        }
        if self.multiline {
            if self.stays_inside(&input) {
                self.split(input.key);
            } else {
                self.join();
            }
        }
        let changed = self.area.input(input);
        self.note_edit(changed)
    }

    /// After a new edit: nothing undone before it can be redone.
    fn note_edit(&mut self, changed: bool) -> bool {
        if changed {
            self.left = Left {
                undo: (self.left.undo + 1).min(MAX_HISTORY),
                redo: 0,
            };
            self.redo_windows.clear();
            for w in &mut self.undo_windows {
                w.left.redo = 0;
            }
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
            self.at_start() || (self.is_split() && self.no_word_behind())
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

    /// Undo the last edit, going back into the textareas that held the text before if need be.
    pub fn undo(&mut self) -> bool {
        loop {
            if self.left.undo > 0 {
                if self.area.undo() {
                    self.left.undo -= 1;
                    self.left.redo += 1;
                    return true;
                }
                self.left.undo = 0;
            }
            if !self.back_to(true) {
                return false;
            }
        }
    }

    pub fn redo(&mut self) -> bool {
        loop {
            if self.left.redo > 0 {
                if self.area.redo() {
                    self.left.redo -= 1;
                    self.left.undo += 1;
                    return true;
                }
                self.left.redo = 0;
            }
            if !self.back_to(false) {
                return false;
            }
        }
    }

    /// Swap in the textarea set aside that holds the next edit to undo (`undo`) or redo, when the
    /// text is as it was when they parted; then its own history carries on. Nothing changes when
    /// there is none. To redo, that is the last textarea set aside if it still has undone edits
    /// (the cursor moved on after undoing, with nothing typed since), else the last one undone
    /// past.
    fn back_to(&mut self, undo: bool) -> bool {
        let (w, passed) = if undo {
            let Some(i) = self.undo_windows.iter().rposition(|w| w.left.undo > 0) else {
                return false;
            };
            // Those after it hold only undone edits, which come after it for redo.
            let passed = self.undo_windows.split_off(i + 1);
            (self.undo_windows.pop(), passed)
        } else if self.undo_windows.last().is_some_and(|w| w.left.redo > 0) {
            (self.undo_windows.pop(), Vec::new())
        } else {
            (self.redo_windows.pop(), Vec::new())
        };
        let Some(w) = w else {
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
            left: std::mem::replace(&mut self.left, w.left),
        };
        // A textarea with no history has nothing to give back.
        let keep = current.left.any().then_some(current);
        if undo {
            self.redo_windows.extend(keep);
            self.redo_windows
                .extend(passed.into_iter().rev().filter(|w| w.left.redo > 0));
        } else {
            self.undo_windows.extend(keep);
        }
        self.prime();
        true
    }
}

#[derive(PartialEq)]
enum CharKind {
    Space,
    Punct,
    Other,
}

/// How ratatui-textarea's word moves see a character.
fn char_kind(c: char) -> CharKind {
    if c.is_whitespace() {
        CharKind::Space
    } else if c != '_' && c.is_ascii_punctuation() {
        CharKind::Punct
    } else {
        CharKind::Other
    }
}

/// Whether ratatui-textarea's forward word move finds a word start after `col` in `line` (else
/// it goes on to the next line).
fn word_ahead(line: &str, col: usize) -> bool {
    let mut it = line.chars().skip(col);
    let Some(first) = it.next() else {
        return false;
    };
    let mut prev = char_kind(first);
    for c in it {
        let cur = char_kind(c);
        if cur != CharKind::Space && prev != cur {
            return true;
        }
        prev = cur;
    }
    false
}

/// Whether ratatui-textarea's backward word move and delete find a word start before `col` in
/// `line` (else they go to the start of the line).
fn word_behind(line: &str, col: usize) -> bool {
    let end = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
    let mut it = line[..end].chars().rev();
    let Some(last) = it.next() else {
        return false;
    };
    let mut cur = char_kind(last);
    for c in it {
        let next = char_kind(c);
        if cur != CharKind::Space && next != cur {
            return true;
        }
        cur = next;
    }
    cur != CharKind::Space
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

    /// A plain textarea set up as the field's, holding the whole text, to compare with.
    fn plain(text: &str) -> TextArea<'static> {
        let mut whole = new_area(text.split('\n').map(str::to_string).collect(), true);
        whole.move_cursor(CursorMove::Bottom);
        whole.move_cursor(CursorMove::End);
        whole
    }

    #[derive(Clone, Copy, Debug)]
    enum Op {
        Key(KeyCode),
        WordBack,
        Undo,
        Redo,
    }

    fn input(code: KeyCode) -> Input {
        Input {
            key: match code {
                KeyCode::Char(c) => Key::Char(c),
                KeyCode::Enter => Key::Enter,
                KeyCode::Backspace => Key::Backspace,
                KeyCode::Delete => Key::Delete,
                KeyCode::Left => Key::Left,
                KeyCode::Right => Key::Right,
                KeyCode::Up => Key::Up,
                KeyCode::Down => Key::Down,
                KeyCode::Home => Key::Home,
                KeyCode::End => Key::End,
                other => panic!("no key for {other:?}"),
            },
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Where the field's cursor is in its whole text.
    fn whole_cursor(f: &TextField) -> (usize, usize) {
        let DataCursor(row, col) = f.area.cursor();
        (f.above.len() + row, col)
    }

    fn apply(f: &mut TextField, whole: &mut TextArea<'static>, op: Op) {
        match op {
            Op::Key(code) => {
                press(f, code);
                whole.input(input(code));
            }
            Op::WordBack => {
                f.move_word(false);
                whole.move_cursor(CursorMove::WordBack);
            }
            Op::Undo => {
                f.undo();
                whole.undo();
            }
            Op::Redo => {
                f.redo();
                whole.redo();
            }
        }
    }

    fn same_text_and_cursor(f: &TextField, whole: &TextArea<'static>, what: &dyn std::fmt::Debug) {
        assert_eq!(f.text(), whole.lines().join("\n"), "text after {what:?}");
        let DataCursor(row, col) = whole.cursor();
        assert_eq!(whole_cursor(f), (row, col), "cursor after {what:?}");
    }

    fn undo_and_redo_all(f: &mut TextField, whole: &mut TextArea<'static>, original: &str) {
        while whole.undo() {
            assert!(f.undo(), "the field ran out of undo before the textarea");
            assert_eq!(f.text(), whole.lines().join("\n"));
        }
        assert!(!f.undo());
        assert_eq!(f.text(), original);
        while whole.redo() {
            assert!(f.redo(), "the field ran out of redo before the textarea");
            assert_eq!(f.text(), whole.lines().join("\n"));
        }
        assert!(!f.redo(), "the field redid more than the textarea");
    }

    use KeyCode::{Backspace, Char, Down, Home, Left, Up};

    #[test]
    fn keys_at_paragraph_edges_after_moving_do_what_they_do_in_one_textarea() {
        let (mut f, paras) = long_note();
        let mut whole = plain(&paras.join("\n"));
        // Up and Down give the textarea the whole text; the next key must still reach the
        // paragraph before: backspace and left at a paragraph's start, a word move back from
        // spaces at its start. Then undo and redo after moving on.
        let ops = [
            Op::Key(Char('x')),
            Op::Key(Home),
            Op::Key(Up),
            Op::Key(Down),
            Op::Key(Backspace),
            Op::Key(Char('y')),
            Op::Key(Home),
            Op::Key(Up),
            Op::Key(Left),
            Op::Key(Char('z')),
            Op::Key(Home),
            Op::Key(Up),
            Op::Key(Char(' ')),
            Op::WordBack,
            Op::Key(Char('w')),
            Op::Undo,
            Op::Key(Up),
            Op::Redo,
            Op::Undo,
            Op::Key(Down),
            Op::Key(Down),
            Op::Undo,
            Op::Redo,
            Op::Redo,
            Op::Key(Home),
            Op::Undo,
        ];
        for op in ops {
            apply(&mut f, &mut whole, op);
            same_text_and_cursor(&f, &whole, &op);
        }
        undo_and_redo_all(&mut f, &mut whole, &paras.join("\n"));
    }
}
