//! Text fields: ratatui-textarea, which brings paste, undo and word movement, holding only the
//! text around the cursor of a long note so each key costs the same however long it is.

use std::borrow::Cow;
use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, DataCursor, Input, Key, TextArea, WrapMode};

use crate::text::sanitize_input;

/// A text field. ratatui-textarea lays out (word-wraps) all of its text again on every edit,
/// about 0.03 µs a character, so a long note is held in pieces and the textarea gets only the
/// text around the cursor:
/// - in a note of several paragraphs, the paragraph under the cursor (`above` and `below` hold
///   the others);
/// - in a long paragraph, a window of its rows around the cursor (`sides` holds the rest of the
///   paragraph, with where its rows started, so the view shows the paragraph as one textarea
///   holding it would).
///
/// Keys that can reach past the textarea (moving up or down, selecting, the textarea's own
/// chords, moves and deletes at its edges) first give the textarea the whole text back, so every
/// key does what it does in one textarea.
pub struct TextField {
    area: TextArea<'static>,
    pub multiline: bool,
    above: Vec<String>,
    below: Vec<String>,
    sides: Sides,
    /// What `area`'s history holds to undo and redo.
    left: Left,
    /// Textareas set aside with their undo history when the window moved, newest last, each
    /// with the whole text as it stood then; and those undone past, for redo. Together they are
    /// one history, as one textarea holding the whole text would keep.
    undo_windows: Vec<Window>,
    redo_windows: Vec<Window>,
    /// Where the text was last shown, so a new textarea wraps at the same width at once.
    drawn: Cell<Rect>,
    /// While the paragraph is windowed: the row the view last showed at the top, counted from
    /// the start of the paragraph, kept as a textarea keeps its scroll position.
    top: Cell<Option<usize>>,
}

/// The rest of the cursor's paragraph when the textarea holds only a window of it: `head` before
/// its first line and `tail` after its last.
#[derive(Default)]
struct Sides {
    head: String,
    tail: String,
    /// Byte offsets where the rows of `head` and of `tail` start, as laid out at `width` when
    /// the window was cut (none and 0 when the field had not been drawn).
    head_rows: Vec<usize>,
    tail_rows: Vec<usize>,
    width: u16,
    /// Bytes in the window when it was cut.
    cut_len: usize,
}

impl Sides {
    fn is_empty(&self) -> bool {
        self.head.is_empty() && self.tail.is_empty()
    }
}

struct Window {
    above: Vec<String>,
    sides: Sides,
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

/// How the view shows a text field that has the keyboard.
pub enum Editing<'a> {
    /// The textarea, between the paragraphs before and after it.
    Area(&'a [String], &'a TextArea<'static>, &'a [String]),
    /// The cursor's paragraph is windowed and fits with room to spare, or the field is drawn at
    /// another width than the window was cut at: a textarea holding the whole paragraph.
    Paragraph(&'a [String], TextArea<'static>, &'a [String]),
    /// The cursor's paragraph is windowed and fills the rows: a textarea holding the rows to
    /// show, laid out and scrolled as one holding the whole paragraph would be.
    Scrolled(TextArea<'static>),
}

/// A textarea holding less than this many bytes is left whole: laying it out costs little (about
/// 0.1 µs a byte), so a note of a few short paragraphs stays one textarea.
const SPLIT_ABOVE: usize = 400;
/// A paragraph longer than this many bytes is windowed when typed into.
const WINDOW_ABOVE: usize = 1_200;
/// How many characters a window keeps on either side of the cursor, at least.
const MARGIN: usize = 300;
/// How far past `MARGIN` to look for an edge: a window side with no edge found goes to the end
/// of the paragraph.
const EDGE_ROWS: usize = 4;
const EDGE_CHARS: usize = 200;
/// A window typed into until it holds this many bytes more than when it was cut is cut again.
const REGROW: usize = 300;
/// How many edits each textarea's history keeps.
const MAX_HISTORY: usize = 200;
/// How many set-aside textareas undo can go back through.
const MAX_WINDOWS: usize = 32;

fn new_area(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    // Text wraps so the chair can read it back: a note, and a one-line field given the rows
    // to show a long value whole.
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.set_max_histories(MAX_HISTORY);
    area
}

/// Every line of a field held as these pieces, in order.
fn all_lines<'a>(
    above: &'a [String],
    sides: &'a Sides,
    area: &'a TextArea<'static>,
    below: &'a [String],
) -> impl Iterator<Item = Cow<'a, str>> {
    let last = area.lines().len().saturating_sub(1);
    let held = area.lines().iter().enumerate().map(move |(i, line)| {
        let head = if i == 0 { sides.head.as_str() } else { "" };
        let tail = if i == last { sides.tail.as_str() } else { "" };
        if head.is_empty() && tail.is_empty() {
            Cow::Borrowed(line.as_str())
        } else {
            Cow::Owned([head, line, tail].concat())
        }
    });
    above
        .iter()
        .map(|l| Cow::Borrowed(l.as_str()))
        .chain(held)
        .chain(below.iter().map(|l| Cow::Borrowed(l.as_str())))
}

fn jump(area: &mut TextArea<'_>, (row, col): (usize, usize)) {
    area.move_cursor(CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    ));
}

/// The first screen row of `area` that starts at or after `pos`, or its last row.
fn row_of(area: &TextArea<'_>, pos: DataCursor) -> usize {
    // Rows start at increasing positions; past the last row, `screen_to_data` gives the last.
    let done = |r: usize| {
        let start = area.screen_to_data(r, 0);
        start >= pos || start == area.screen_to_data(r + 1, 0)
    };
    let mut hi = 1;
    while !done(hi) {
        hi *= 2;
    }
    let mut lo = 0;
    while lo < hi {
        let mid = (lo + hi) / 2;
        if done(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

fn screen_rows(area: &TextArea<'_>) -> usize {
    row_of(area, area.screen_to_data(usize::MAX, 0)) + 1
}

/// Scroll `area` so screen row `row` is at the top when it is next drawn, as if it had been
/// there all along; the cursor stays where it is.
fn scroll_to(area: &mut TextArea<'_>, row: usize) {
    let DataCursor(r, c) = area.cursor();
    let mut delta = row as isize - usize::from(area.scroll_offset().0) as isize;
    while delta != 0 {
        let step = delta.clamp(i16::MIN.into(), i16::MAX.into());
        area.scroll((step as i16, 0));
        delta -= step;
    }
    // Scrolling moves the cursor into the rows it last showed.
    jump(area, (r, c));
}

/// The top row a textarea shows after drawing with the cursor on row `cursor` (as
/// ratatui-textarea scrolls: no further than keeps the cursor in view).
fn next_top(prev: usize, cursor: usize, height: usize) -> usize {
    if cursor < prev {
        cursor
    } else if prev + height <= cursor {
        cursor + 1 - height
    } else {
        prev
    }
}

impl TextField {
    pub fn new(text: &str, multiline: bool) -> TextField {
        let clean = sanitize_input(text, multiline);
        let lines: Vec<String> = clean.split('\n').map(str::to_string).collect();
        let mut area = new_area(lines);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        TextField {
            area,
            multiline,
            above: Vec::new(),
            below: Vec::new(),
            sides: Sides::default(),
            left: Left::default(),
            undo_windows: Vec::new(),
            redo_windows: Vec::new(),
            drawn: Cell::new(Rect::default()),
            top: Cell::new(None),
        }
    }

    /// Every paragraph, in order.
    pub fn lines(&self) -> impl Iterator<Item = Cow<'_, str>> {
        all_lines(&self.above, &self.sides, &self.area, &self.below)
    }

    pub fn text(&self) -> String {
        self.lines().collect::<Vec<_>>().join("\n")
    }

    pub fn is_blank(&self) -> bool {
        self.lines().all(|l| l.trim().is_empty())
    }

    /// Remember where the text is shown (the view calls this as it draws it).
    pub fn drawn_at(&self, rect: Rect) {
        self.drawn.set(rect);
    }

    fn is_split(&self) -> bool {
        !self.above.is_empty() || !self.below.is_empty() || !self.sides.is_empty()
    }

    fn at_start(&self) -> bool {
        self.area.cursor() == DataCursor(0, 0)
    }

    fn at_end(&self) -> bool {
        let DataCursor(row, col) = self.area.cursor();
        let lines = self.area.lines();
        row + 1 >= lines.len() && lines.get(row).is_none_or(|l| col >= l.chars().count())
    }

    /// The row shown at the top, counted from the start of the textarea's first line (`head`
    /// included), when the field has been drawn.
    fn shown_top(&self) -> Option<usize> {
        if self.drawn.get().area() == 0 {
            None
        } else if self.sides.is_empty() {
            Some(usize::from(self.area.scroll_offset().0))
        } else {
            self.top.get()
        }
    }

    fn show_top(&mut self, top: usize) {
        if self.sides.is_empty() {
            scroll_to(&mut self.area, top);
        } else {
            self.top.set(Some(top));
        }
    }

    /// Put a new textarea in place with the cursor at (`row`, `col`) of it, setting the old one
    /// aside for undo if it was edited. Moving on keeps what can be redone, as in one textarea.
    fn replace(
        &mut self,
        above: Vec<String>,
        lines: Vec<String>,
        below: Vec<String>,
        sides: Sides,
        cursor: (usize, usize),
    ) {
        let mut area = new_area(lines);
        area.set_yank_text(self.area.yank_text());
        jump(&mut area, cursor);
        let old = Window {
            above: std::mem::replace(&mut self.above, above),
            sides: std::mem::replace(&mut self.sides, sides),
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
    /// down by screen rows works before the next frame. A window is laid out at the width it was
    /// cut at, which its rows before and after were.
    fn prime(&self) {
        let mut rect = self.drawn.get();
        if !self.sides.is_empty() {
            rect.width = self.sides.width;
        }
        if rect.area() > 0 {
            let mut scratch = Buffer::empty(rect);
            (&self.area).render(rect, &mut scratch);
        }
    }

    /// Give the textarea the whole text, for a key that may reach past it.
    fn join(&mut self) {
        if !self.is_split() {
            return;
        }
        let DataCursor(row, col) = self.area.cursor();
        let col = if row == 0 {
            col + self.sides.head.chars().count()
        } else {
            col
        };
        let first = self.above.len();
        let top = self.shown_top();
        // Copies: the textarea set aside keeps the text as it stands, for undo.
        let lines: Vec<String> = self.lines().map(Cow::into_owned).collect();
        self.replace(
            Vec::new(),
            lines,
            Vec::new(),
            Sides::default(),
            (row + first, col),
        );
        if let Some(top) = top {
            let row = row_of(&self.area, DataCursor(first, 0)) + top;
            self.show_top(row);
        }
    }

    /// Before `key`, which stays inside the textarea: keep only the paragraph under the cursor
    /// in it, and for a key that edits, only a window of that paragraph when it is long.
    fn split(&mut self, key: Key) {
        if self.area.is_selecting() {
            return;
        }
        // Only edits lay the text out again; moves need no window.
        let edit = matches!(
            key,
            Key::Char(_) | Key::Enter | Key::Backspace | Key::Delete
        );
        if !self.sides.is_empty() {
            // A window grown by typing or pasting, or cut at another width, is cut again.
            let len: usize = self.area.lines().iter().map(String::len).sum();
            let grown = len > self.sides.cut_len + REGROW;
            let resized = self.sides.width != self.drawn.get().width;
            if !(edit && (grown || resized)) {
                return;
            }
            self.join();
        }
        self.split_paragraphs(key);
        if edit {
            self.window();
        }
    }

    /// Keep only the paragraph under the cursor in the textarea, once the textarea holds enough
    /// text for laying it out on every key to show.
    fn split_paragraphs(&mut self, key: Key) {
        let lines = self.area.lines();
        if lines.len() < 2 {
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
        let top = self
            .shown_top()
            .map(|t| t.saturating_sub(row_of(&self.area, DataCursor(row, 0))));
        let mut above = self.above.clone();
        above.extend(lines[..row].iter().cloned());
        let current = lines.get(row).cloned().unwrap_or_default();
        let mut below: Vec<String> = lines.get(row + 1..).unwrap_or_default().to_vec();
        below.extend(self.below.iter().cloned());
        self.replace(above, vec![current], below, Sides::default(), (0, col));
        if let Some(top) = top {
            self.show_top(top);
        }
    }

    /// When the textarea holds one long paragraph, keep only a window of it around the cursor,
    /// cut where its rows start as drawn (so the rows look the same) after a space (so word moves
    /// and deletes inside it do as they would in the whole paragraph).
    fn window(&mut self) {
        let lines = self.area.lines();
        if lines.len() != 1 || lines[0].len() <= WINDOW_ABOVE {
            return;
        }
        let line = &lines[0];
        let DataCursor(_, col) = self.area.cursor();
        let bytes: Vec<usize> = line
            .char_indices()
            .map(|(i, _)| i)
            .chain([line.len()])
            .collect();
        let chars = bytes.len() - 1;
        // `join` places the cursor by a jump, which counts in u16.
        if chars > usize::from(u16::MAX) {
            return;
        }
        let after_space = |c: usize| c > 0 && line[bytes[c - 1]..].starts_with(char::is_whitespace);
        let width = self.drawn.get().width;
        let (from, to, starts) = if width > 0 {
            // Laid out at the drawn width (by `prime` or the last frame): its row starts.
            let mut starts = vec![0];
            for r in 1.. {
                let DataCursor(_, c) = self.area.screen_to_data(r, 0);
                if starts.last().is_some_and(|&s| c <= s) {
                    break;
                }
                starts.push(c);
            }
            let from = starts
                .iter()
                .rev()
                .copied()
                .filter(|&s| s + MARGIN <= col)
                .take(EDGE_ROWS)
                .find(|&s| s == 0 || after_space(s))
                .unwrap_or(0);
            let to = starts
                .iter()
                .copied()
                .filter(|&s| s >= col + MARGIN)
                .take(EDGE_ROWS)
                .find(|&s| after_space(s))
                .unwrap_or(chars);
            (from, to, starts)
        } else {
            // Never drawn: cut after spaces, by count.
            let from = (col.saturating_sub(MARGIN + EDGE_CHARS)..=col.saturating_sub(MARGIN))
                .rev()
                .find(|&c| c == 0 || after_space(c))
                .unwrap_or(0);
            let to = (col + MARGIN..=(col + MARGIN + EDGE_CHARS).min(chars))
                .find(|&c| after_space(c))
                .unwrap_or(chars);
            (from, to, Vec::new())
        };
        if from == 0 && to == chars {
            return;
        }
        let (start, end) = (bytes[from], bytes[to]);
        let sides = Sides {
            head: line[..start].to_string(),
            tail: line[end..].to_string(),
            head_rows: if from > 0 {
                starts
                    .iter()
                    .filter(|&&s| s < from)
                    .map(|&s| bytes[s])
                    .collect()
            } else {
                Vec::new()
            },
            tail_rows: if to < chars {
                starts
                    .iter()
                    .filter(|&&s| s >= to)
                    .map(|&s| bytes[s] - end)
                    .collect()
            } else {
                Vec::new()
            },
            width,
            cut_len: end - start,
        };
        let window = line[start..end].to_string();
        let top = self.shown_top();
        let (above, below) = (self.above.clone(), self.below.clone());
        self.replace(above, vec![window], below, sides, (0, col - from));
        self.top.set(top);
    }

    /// Whether `input` stays inside the textarea whatever it holds.
    fn stays_inside(&self, input: &Input) -> bool {
        if input.ctrl || input.alt || input.shift || self.area.is_selecting() {
            return false;
        }
        let DataCursor(row, _) = self.area.cursor();
        match input.key {
            Key::Char(_) | Key::Enter => true,
            // Home and End go to the ends of the line, which a window may have cut off.
            Key::Home => row > 0 || self.sides.head.is_empty(),
            Key::End => row + 1 < self.area.lines().len() || self.sides.tail.is_empty(),
            Key::Backspace | Key::Left => !self.at_start(),
            Key::Delete | Key::Right => !self.at_end(),
            _ => false,
        }
    }

    /// Whether the cursor is on the textarea's first line with no word start before it there,
    /// where a word move or delete back goes on past the textarea's start (into `head`, or for a
    /// move, to the end of the line before).
    fn no_word_behind(&self) -> bool {
        let DataCursor(row, col) = self.area.cursor();
        row == 0
            && !self
                .area
                .lines()
                .first()
                .is_some_and(|l| word_behind(l, col))
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
        // Undo, redo and clearing back to the line's start, through the field's history, for a
        // form that does not route them through the keymap.
        if input.ctrl && !input.alt {
            match input.key {
                Key::Char('z') => return self.undo(),
                Key::Char('r') => return self.redo(),
                Key::Char('u') => return self.delete_to_line_start(),
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
        let into_head = !self.sides.head.is_empty() && self.no_word_behind();
        if self.at_start() || self.area.is_selecting() || into_head {
            self.join();
        }
        let changed = self.area.delete_word();
        self.note_edit(changed)
    }

    /// Delete from the cursor back to the start of its line (in a one-line field, everything
    /// before the cursor), as ctrl-u does in a shell: one key clears a wrong entry. Undo puts it
    /// back.
    pub fn delete_to_line_start(&mut self) -> bool {
        self.join();
        let changed = self.area.delete_line_by_head();
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
        let same = all_lines(&w.above, &w.sides, &w.area, &w.below).eq(self.lines());
        if !same {
            // Older edits fell out of the history: what is set aside no longer fits.
            self.undo_windows.clear();
            self.redo_windows.clear();
            return false;
        }
        // The same text either way: where both start at the same line, the same rows stay shown.
        let top = self
            .shown_top()
            .filter(|_| w.above.len() == self.above.len());
        let current = Window {
            above: std::mem::replace(&mut self.above, w.above),
            sides: std::mem::replace(&mut self.sides, w.sides),
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
        match top {
            Some(top) => self.show_top(top),
            None => self.top.set(None),
        }
        true
    }

    /// What the view draws for the field when it has the keyboard, in `rect`.
    pub fn editing(&self, rect: Rect) -> Editing<'_> {
        if self.sides.is_empty() {
            return Editing::Area(&self.above, &self.area, &self.below);
        }
        if rect.width == self.sides.width && rect.area() > 0 {
            let rows =
                self.sides.head_rows.len() + screen_rows(&self.area) + self.sides.tail_rows.len();
            if rows >= usize::from(rect.height)
                && let Some(area) = self.scrolled(rect)
            {
                return Editing::Scrolled(area);
            }
        }
        self.top.set(None);
        let area = self.stand_in(0, self.sides.tail.len());
        Editing::Paragraph(&self.above, area, &self.below)
    }

    /// A textarea holding the window with `head[from..]` before it and `tail[..to]` after it,
    /// the cursor where the field's is.
    fn stand_in(&self, from: usize, to: usize) -> TextArea<'static> {
        let head = &self.sides.head[from..];
        let mut lines = self.area.lines().to_vec();
        if let Some(first) = lines.first_mut() {
            first.insert_str(0, head);
        }
        if let Some(last) = lines.last_mut() {
            last.push_str(&self.sides.tail[..to]);
        }
        let DataCursor(row, col) = self.area.cursor();
        let col = if row == 0 {
            col + head.chars().count()
        } else {
            col
        };
        let mut area = new_area(lines);
        jump(&mut area, (row, col));
        area
    }

    /// The rows of the windowed paragraph to show in `rect`, as one textarea holding the whole
    /// paragraph would show them: the same rows at the top as last time unless the cursor left
    /// them. Laid out from the last row of `head` shown or above (typing at the window's start can
    /// move words up onto that row) to a few rows past the last one shown.
    fn scrolled(&self, rect: Rect) -> Option<TextArea<'static>> {
        let sides = &self.sides;
        let height = usize::from(rect.height);
        let head_rows = sides.head_rows.len();
        let prev = self.top.get().unwrap_or(0);
        // The window's rows are the paragraph's (but for words typed at its edges moving across
        // them), so this is the top to show, give or take a row.
        let near = next_top(prev, head_rows + self.area.screen_cursor().row, height);
        let first = near.min(head_rows).saturating_sub(1);
        let from = sides.head_rows.get(first).copied().unwrap_or(0);
        let to = sides
            .tail_rows
            .get(height + 2)
            .copied()
            .unwrap_or(sides.tail.len());
        let mut area = self.stand_in(from, to);
        (&area).render(rect, &mut Buffer::empty(rect));
        let top = next_top(prev, first + area.screen_cursor().row, height);
        if top < first {
            return None;
        }
        self.top.set(Some(top));
        scroll_to(&mut area, top - first);
        Some(area)
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
        assert_eq!(f.area.lines().len(), 1);
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

    /// One paragraph of about 4,000 characters: words, punctuation, no line break.
    fn long_paragraph() -> String {
        let words = [
            "The",
            "family",
            "said",
            "the",
            "week",
            "went",
            "well,",
            "and",
            "Sam",
            "was",
            "at",
            "school",
            "every",
            "day.",
            "Mum",
            "has",
            "kept",
            "the",
            "health",
            "visitor's",
            "appointments;",
            "the",
            "social",
            "worker",
            "visited",
            "twice",
            "(unannounced)",
            "and",
            "found",
            "the",
            "home",
            "warm",
            "and",
            "tidy.",
            "Notes",
            "at",
            "https://example.org/records/family-support-plan/reviews/2026/november/notes",
            "(fictional).",
        ];
        let mut text = String::new();
        let mut i = 0;
        while text.len() < 4_000 {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(words[i % words.len()]);
            i += 1;
        }
        text
    }

    /// A plain textarea set up as the field's, holding the whole text, to compare with.
    fn plain(text: &str) -> TextArea<'static> {
        let mut whole = new_area(text.split('\n').map(str::to_string).collect());
        whole.move_cursor(CursorMove::Bottom);
        whole.move_cursor(CursorMove::End);
        whole
    }

    #[derive(Clone, Copy, Debug)]
    enum Op {
        Key(KeyCode),
        WordBack,
        WordForward,
        DeleteWord,
        Paste(&'static str),
        Undo,
        Redo,
        /// Put the cursor on the window's first (or last) character, or one inside it: where
        /// moving by characters inside the window would take it.
        Edge {
            end: bool,
            inside: usize,
        },
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
                KeyCode::PageUp => Key::PageUp,
                KeyCode::PageDown => Key::PageDown,
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
        if row == 0 {
            (f.above.len(), col + f.sides.head.chars().count())
        } else {
            (f.above.len() + row, col)
        }
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
            Op::WordForward => {
                f.move_word(true);
                whole.move_cursor(CursorMove::WordForward);
            }
            Op::DeleteWord => {
                f.delete_word();
                whole.delete_word();
            }
            Op::Paste(text) => {
                f.paste(text);
                whole.insert_str(text);
            }
            Op::Undo => {
                f.undo();
                whole.undo();
            }
            Op::Redo => {
                f.redo();
                whole.redo();
            }
            Op::Edge { end, inside } => {
                if f.sides.is_empty() {
                    return;
                }
                let lines = f.area.lines();
                let last = lines.len() - 1;
                let at = if end {
                    (last, lines[last].chars().count().saturating_sub(inside))
                } else {
                    (0, inside.min(lines[0].chars().count()))
                };
                jump(&mut f.area, at);
                let (row, col) = whole_cursor(f);
                jump(whole, (row, col));
            }
        }
    }

    fn same_text_and_cursor(f: &TextField, whole: &TextArea<'static>, what: &dyn std::fmt::Debug) {
        assert_eq!(f.text(), whole.lines().join("\n"), "text after {what:?}");
        let DataCursor(row, col) = whole.cursor();
        assert_eq!(whole_cursor(f), (row, col), "cursor after {what:?}");
    }

    /// Draw the field as the form view draws a note of one paragraph that has the keyboard, and
    /// the plain textarea in its place; `None` when the field holds other paragraphs, which the
    /// view draws around it.
    fn draw_both(f: &TextField, whole: &TextArea<'static>, rect: Rect) -> Option<(Buffer, Buffer)> {
        let mut shown = Buffer::empty(rect);
        let one_paragraph = f.above.is_empty() && f.below.is_empty();
        match f.editing(rect) {
            Editing::Area(_, area, _) => {
                f.drawn_at(rect);
                area.render(rect, &mut shown);
            }
            Editing::Paragraph(_, area, _) => {
                f.drawn_at(rect);
                (&area).render(rect, &mut shown);
            }
            Editing::Scrolled(area) => {
                f.drawn_at(rect);
                (&area).render(rect, &mut shown);
            }
        }
        let mut expected = Buffer::empty(rect);
        whole.render(rect, &mut expected);
        one_paragraph.then_some((shown, expected))
    }

    const RECT: Rect = Rect {
        x: 0,
        y: 0,
        width: 60,
        height: 6,
    };

    /// A field and a plain textarea holding one long paragraph, the cursor in the middle; drawn
    /// (at `RECT`) or never drawn.
    fn long_pair(drawn: bool) -> (TextField, TextArea<'static>) {
        let text = long_paragraph();
        let mut f = TextField::new(&text, true);
        let mut whole = plain(&text);
        let middle = (0, text.chars().count() / 2);
        jump(&mut f.area, middle);
        jump(&mut whole, middle);
        if drawn {
            draw_both(&f, &whole, RECT);
        }
        (f, whole)
    }

    /// Run `ops`, checking after each that the field holds what the plain textarea does, with the
    /// cursor in the same place, and when drawn, that it shows the same while the note is one
    /// paragraph (a paragraph among others is shown on its own when it fills the rows).
    fn run(drawn: bool, ops: &[Op]) -> (TextField, TextArea<'static>) {
        let (mut f, mut whole) = long_pair(drawn);
        let mut one_paragraph = true;
        for op in ops {
            apply(&mut f, &mut whole, *op);
            same_text_and_cursor(&f, &whole, op);
            one_paragraph &= whole.lines().len() == 1;
            if drawn
                && let Some((shown, expected)) = draw_both(&f, &whole, RECT)
                && one_paragraph
            {
                assert_eq!(shown, expected, "screen after {op:?}");
            }
        }
        (f, whole)
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

    use KeyCode::{
        Backspace, Char, Delete, Down, End, Enter, Home, Left, PageDown, PageUp, Right, Up,
    };

    /// Keys at and across the window's edges, each checked against one plain textarea.
    fn edges() -> Vec<Op> {
        let start = Op::Edge {
            end: false,
            inside: 0,
        };
        let end = Op::Edge {
            end: true,
            inside: 0,
        };
        vec![
            Op::Key(Char('x')),
            start,
            Op::Key(Char('a')),
            Op::Key(Left),
            Op::Key(Left),
            Op::Key(Char('b')),
            start,
            Op::Key(Backspace),
            Op::Key(Char('c')),
            start,
            Op::Key(Home),
            Op::Key(Char('d')),
            end,
            Op::Key(Char('e')),
            Op::Key(Right),
            Op::Key(Char('f')),
            end,
            Op::Key(Delete),
            Op::Key(Char('g')),
            end,
            Op::Key(End),
            Op::Key(Char('h')),
            Op::Key(Up),
            Op::Key(Up),
            Op::Key(Char('i')),
            start,
            Op::WordBack,
            Op::Key(Char('j')),
            start,
            Op::DeleteWord,
            Op::Key(Char(' ')),
            Op::Edge {
                end: false,
                inside: 1,
            },
            Op::DeleteWord,
            Op::Key(Char('k')),
            // Spaces typed at the window's start: no word starts before the cursor inside it.
            start,
            Op::Key(Char(' ')),
            Op::DeleteWord,
            Op::Key(Char('k')),
            start,
            Op::Key(Char(' ')),
            Op::Key(Char(' ')),
            Op::WordBack,
            end,
            Op::WordForward,
            Op::Key(Char('l')),
            Op::Edge {
                end: true,
                inside: 2,
            },
            Op::WordForward,
            Op::Key(Char('m')),
            Op::Key(Enter),
            Op::Key(Char('n')),
            Op::Key(Home),
            Op::Key(Char('o')),
            Op::Key(Backspace),
            Op::Key(Backspace),
            Op::Key(Down),
            Op::Key(End),
            Op::Key(Char('p')),
            Op::Paste("pasted words, "),
            Op::Paste(PASTED),
            Op::Key(Char('q')),
            Op::Key(Left),
            Op::Key(Delete),
        ]
    }

    /// Enough to grow a window past what it was cut to.
    const PASTED: &str = "a long paste of words that grows the window well past where it was cut, \
        a long paste of words that grows the window well past where it was cut, \
        a long paste of words that grows the window well past where it was cut, \
        a long paste of words that grows the window well past where it was cut, \
        a long paste of words that grows the window well past where it was cut, \
        a long paste of words that grows the window well past where it was cut, ";

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

    #[test]
    fn keys_across_the_edges_of_a_window_give_the_same_text_as_one_textarea() {
        for drawn in [true, false] {
            let original = long_paragraph();
            let (mut f, mut whole) = run(drawn, &edges());
            undo_and_redo_all(&mut f, &mut whole, &original);
        }
    }

    #[test]
    fn page_keys_in_a_windowed_paragraph_land_where_they_would_in_one_textarea() {
        let ops = [
            Op::Key(Char('x')),
            Op::Key(PageDown),
            Op::Key(Char('y')),
            Op::Key(PageUp),
            Op::Key(PageUp),
            Op::Key(Char('z')),
            Op::Key(Down),
            Op::Key(Char('w')),
            Op::Undo,
            Op::Undo,
            Op::Key(PageDown),
            Op::Key(Char('v')),
        ];
        run(true, &ops);
    }

    #[test]
    fn typing_in_a_long_paragraph_keeps_only_a_window_of_it_in_the_textarea() {
        for drawn in [true, false] {
            let (mut f, whole) = long_pair(drawn);
            let total = whole.lines()[0].chars().count();
            type_str(&mut f, "She said it was fine. ");
            let held: usize = f.area.lines().iter().map(|l| l.chars().count()).sum();
            assert!(held < 1_000, "{held} of {total} characters in the textarea");
            assert!(!f.sides.head.is_empty() && !f.sides.tail.is_empty());
            assert!(f.text().contains("She said it was fine. "));
            assert_eq!(f.text().len(), whole.lines()[0].len() + 22);
        }
    }

    #[test]
    fn a_window_shows_the_rows_the_whole_paragraph_would() {
        let (mut f, mut whole) = long_pair(true);
        // Type a little (which cuts the window), then take it back: the text, the cursor and the
        // screen are as before, now drawn from the window.
        let (before, _) = draw_both(&f, &whole, RECT).expect("one paragraph");
        for op in [Op::Key(Char('x')), Op::Key(Backspace)] {
            apply(&mut f, &mut whole, op);
        }
        assert!(!f.sides.is_empty());
        let (after, expected) = draw_both(&f, &whole, RECT).expect("one paragraph");
        assert!(matches!(f.editing(RECT), Editing::Scrolled(_)));
        assert_eq!(after, before);
        assert_eq!(after, expected);
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            6 => prop::sample::select(vec!['a', 'b', ' ', ' ', '.', 'é']).prop_map(|c| Op::Key(Char(c))),
            1 => Just(Op::Key(Enter)),
            2 => Just(Op::Key(Backspace)),
            2 => Just(Op::Key(Delete)),
            2 => Just(Op::Key(Left)),
            2 => Just(Op::Key(Right)),
            1 => Just(Op::Key(Up)),
            1 => Just(Op::Key(Down)),
            1 => Just(Op::Key(Home)),
            1 => Just(Op::Key(End)),
            1 => Just(Op::WordBack),
            1 => Just(Op::WordForward),
            1 => Just(Op::DeleteWord),
            1 => Just(Op::Paste("two words ")),
            1 => Just(Op::Paste(PASTED)),
            2 => Just(Op::Undo),
            1 => Just(Op::Redo),
            3 => (any::<bool>(), 0..3usize).prop_map(|(end, inside)| Op::Edge { end, inside }),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn random_keys_give_the_same_text_as_one_textarea(
            drawn: bool,
            ops in proptest::collection::vec(op(), 1..60),
        ) {
            let original = long_paragraph();
            let (mut f, mut whole) = run(drawn, &ops);
            undo_and_redo_all(&mut f, &mut whole, &original);
        }
    }
}
