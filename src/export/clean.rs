//! Making typed text safe to print: what no document should carry, whatever its format.

/// Drop control characters (except newlines and tabs, which become spaces or line breaks later)
/// and the bidirectional embedding, override and isolate controls, which could make text read
/// differently from what it is and spill into what follows. Right-to-left letters themselves
/// are kept: they display correctly without the controls.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            '\r' => None,
            c if c.is_control() => None,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            // Line and paragraph separators act as newlines in some readers.
            '\u{2028}' | '\u{2029}' => Some('\n'),
            c => Some(c),
        })
        .collect()
}

/// Clean text for one line: newlines become spaces, runs of spaces collapse, ends are trimmed.
pub fn one_line(s: &str) -> String {
    // Most typed text is already one clean line; copying it skips the work below, which
    // dominated writing the documents of a case with thousands of actions.
    if is_one_clean_line(s) {
        return s.to_string();
    }
    let cleaned = clean(s);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split([' ', '\n']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Text that [`one_line`] would give back unchanged.
fn is_one_clean_line(s: &str) -> bool {
    !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && s.chars().all(|c| {
            !c.is_control()
                && !matches!(
                    c,
                    '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
                )
        })
}

/// Clean text for a piece of a line: like [`one_line`], but a space at either end stays (as one
/// space), so the pieces of a line can be joined.
pub fn flatten(s: &str) -> String {
    if is_one_clean_line(s) {
        return s.to_string();
    }
    let inner = one_line(s);
    if inner.is_empty() {
        return if s.is_empty() {
            String::new()
        } else {
            " ".into()
        };
    }
    let lead = if s.starts_with([' ', '\n', '\t']) {
        " "
    } else {
        ""
    };
    let trail = if s.ends_with([' ', '\n', '\t']) {
        " "
    } else {
        ""
    };
    format!("{lead}{inner}{trail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_override_characters_go_and_letters_stay() {
        assert_eq!(clean("a\u{1b}[31mb\u{7}\r\n\u{202E}c"), "a[31mb\nc");
        assert_eq!(clean("Dŵr ŷd שלום"), "Dŵr ŷd שלום");
        assert_eq!(one_line("  two\nlines\t here \u{0}"), "two lines here");
        assert_eq!(flatten(" (a\n b) "), " (a b) ");
    }

    proptest::proptest! {
        #[test]
        fn the_quick_path_gives_what_the_full_cleaning_gives(s in "\\PC{0,40}|[ a-z\\t\\n\\r\\u{202E}\\u{2028}]{0,40}") {
            let full: String = {
                let cleaned = clean(&s);
                cleaned.split([' ', '\n']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
            };
            proptest::prop_assert_eq!(one_line(&s), full);
        }

        #[test]
        fn flattening_clean_one_line_text_gives_it_back(s in "\\PC{0,40}|[ a-z\\t\\n\\r\\u{202E}]{0,40}") {
            // The quick path in `flatten` returns such text as it is; the full path would too:
            // nothing to clean and no space at either end to keep.
            if is_one_clean_line(&s) {
                proptest::prop_assert_eq!(one_line(&s), s.clone());
                proptest::prop_assert!(!s.starts_with([' ', '\n', '\t']) && !s.ends_with([' ', '\n', '\t']));
            }
        }
    }
}
