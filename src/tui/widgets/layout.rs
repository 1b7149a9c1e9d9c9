//! Sizes and helpers every screen lays out with: the smallest usable terminal, centred boxes,
//! wrapped rows, "9–16 of 16" positions, clocks, labels capitalised, and user text made safe to
//! draw.

use ratatui::layout::Rect;

use crate::text::sanitize;

/// Below this the screen says it is too small rather than drawing something unreadable.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width the chair's guidance gets a panel of its own.
pub const WIDE: u16 = 140;

/// User text made safe to draw.
pub fn safe(text: &str) -> String {
    sanitize(text).into_owned()
}

/// `text` with its first letter a capital, for a label that starts a line.
/// `text` in at most `width` characters, ending "…" when cut, so a cut line is seen to go on.
pub fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Rows `text` takes when word-wrapped to `width` columns, as a wrapping `Paragraph` lays it out
/// (a word longer than the width is split).
pub fn wrapped_rows(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut rows = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        let need = if used == 0 { len } else { used + 1 + len };
        if need <= width {
            used = need;
        } else if used == 0 {
            rows += (len - 1) / width;
            used = (len - 1) % width + 1;
        } else {
            rows += 1 + (len.max(1) - 1) / width;
            used = (len.max(1) - 1) % width + 1;
        }
    }
    rows
}

/// Where a scrolled list is: "9–16 of 16" (`first` counts from 0).
pub fn position(first: usize, shown: usize, total: usize) -> String {
    if total == 0 {
        return "0 of 0".into();
    }
    let last = (first + shown).min(total);
    format!("{}–{last} of {total}", (first + 1).min(last))
}

/// "12:03" for minutes and seconds, "1:02:03" past an hour.
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}
