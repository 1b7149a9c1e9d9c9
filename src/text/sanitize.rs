//! Text typed or loaded from files may hold control characters and escape sequences. Before any
//! of it reaches the terminal buffer it is made visible and inert, so nothing in a note or a
//! member's name can move the cursor, recolour the screen or retitle the window.

use std::borrow::Cow;

/// One line of user text, safe to draw: control characters become visible symbols (ESC is `␛`),
/// C1 controls (a lone `0x9b` starts a CSI on some terminals) and bidirectional overrides become
/// `�`, zero-width characters are dropped, and a tab is a space. Newlines are shown as `⏎`:
/// split multi-line text into lines first.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match replacement(c) {
            Some(Some(r)) => out.push(r),
            Some(None) => {}
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text pasted or loaded into an editable field: like [`sanitize`], but newlines survive where
/// the field takes several lines (and become spaces where it does not), and `\r\n` is one break.
pub fn sanitize_input(text: &str, multiline: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push(if multiline { '\n' } else { ' ' });
        }
        out.push_str(&sanitize(line));
    }
    out
}

/// Several lines of output: each line sanitized, the line breaks kept. For text whose line
/// breaks are the program's own (a report, a file being shown); user text inside it should be
/// sanitized with [`sanitize`] first, so that its newlines cannot start a line of their own.
pub fn sanitize_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_replacing(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(sanitize).collect();
    Cow::Owned(lines.join("\n"))
}

/// JSON text made safe for a terminal without changing what it says: every character the
/// sanitizer would replace (they can only be inside strings, JSON's own text is plain ASCII)
/// is written as its `\uXXXX` escape, so the JSON stays valid and keeps every character.
pub fn json_for_terminal(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && needs_replacing(c) {
            // Every such character is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether [`sanitize`] would change `text` (line breaks count).
pub fn needs_sanitizing(text: &str) -> bool {
    text.chars().any(needs_replacing)
}

fn needs_replacing(c: char) -> bool {
    replacement(c).is_some()
}

/// `None`: keep the character; `Some(None)`: drop it; `Some(Some(r))`: show `r` instead.
fn replacement(c: char) -> Option<Option<char>> {
    match c {
        '\t' => Some(Some(' ')),
        // Line and paragraph separators break a line on some terminals, as a newline does.
        '\n' | '\u{2028}' | '\u{2029}' => Some(Some('⏎')),
        '\u{1b}' => Some(Some('␛')),
        // C0 controls have their own pictures in the Control Pictures block (U+2400..).
        '\u{0}'..='\u{1f}' => Some(char::from_u32(0x2400 + c as u32)),
        '\u{7f}' => Some(Some('␡')),
        '\u{80}'..='\u{9f}' => Some(Some('�')),
        // Bidirectional embeddings, overrides and isolates could reorder the rest of a row.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(Some('�')),
        // Zero-width characters and direction marks: invisible, and nothing is lost without them.
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{061c}' => Some(None),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            sanitize("Shauna Brennan, Tŷ Coch"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let csi = sanitize("\u{1b}[2J\u{1b}[31mred");
        assert_eq!(csi, "␛[2J␛[31mred");
        let osc = sanitize("\u{1b}]0;pwned\u{7}title");
        assert_eq!(osc, "␛]0;pwned␇title");
        assert_eq!(sanitize("a\u{9b}31mb"), "a�31mb");
        assert!(!sanitize("x\u{1b}y\u{0}z\u{7f}").contains(|c: char| c.is_control()));
    }

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_neutralised() {
        assert_eq!(sanitize("abc\u{202e}def"), "abc�def");
        assert_eq!(sanitize("a\u{200b}b\u{feff}"), "ab");
        assert_eq!(sanitize("a\tb"), "a b");
    }

    #[test]
    fn json_keeps_every_character_escaped() {
        let value = serde_json::json!({"name": "a\u{1b}[2J\r\u{202e}\u{9b}\u{7f}b\u{200b}"});
        let text = json_for_terminal(&serde_json::to_string_pretty(&value).unwrap());
        assert!(
            !text.chars().any(|c| c != '\n' && needs_replacing(c)),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn output_keeps_its_own_line_breaks_only() {
        assert!(matches!(sanitize_lines("a\nb\n"), Cow::Borrowed(_)));
        assert_eq!(sanitize_lines("a\u{1b}[2J\nb\u{202e}\n"), "a␛[2J\nb�\n");
    }

    #[test]
    fn pasted_text_keeps_line_breaks_only_where_the_field_has_lines() {
        assert_eq!(sanitize_input("one\r\ntwo\rthree", true), "one\ntwo\nthree");
        assert_eq!(sanitize_input("one\ntwo", false), "one two");
        assert_eq!(
            sanitize_input("\u{1b}[1mbold\u{1b}[0m", true),
            "␛[1mbold␛[0m"
        );
    }
}
