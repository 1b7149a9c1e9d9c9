//! The family's copy is written for a parent to read: every fixed sentence of its wording (the
//! text written into `export/family.rs`, the explanations in `export/glossary.rs` and the
//! covering note in `export/circulation.rs`) is short
//! and plain. Sentences average at most 20 words, none is over 30, and the wording as a whole
//! scores at least 60 on the Flesch reading-ease scale ("plain English").
//!
//! No maintained crate computes the score (those on crates.io are single releases, or GPL), so it
//! is worked out here: Flesch's formula, with syllables counted by the usual heuristic (groups of
//! vowels, a silent final "e" not counted). The heuristic is off by a syllable on some words;
//! over the few hundred words here that moves the score by a point or two.

const SOURCES: [(&str, &str); 2] = [
    (
        "src/export/family.rs",
        include_str!("../src/export/family.rs"),
    ),
    (
        "src/export/glossary.rs",
        include_str!("../src/export/glossary.rs"),
    ),
];

/// The string literals of Rust source before its tests, with escaped line ends joined as the
/// compiler joins them; comments skipped.
fn literals(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let mut out = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            // A character literal: '"' is not the start of a string.
            '\'' => {
                let mut look = chars.clone();
                let (a, b) = (look.next(), look.next());
                if a == Some('\\') {
                    chars.next();
                    chars.next();
                    chars.next();
                } else if b == Some('\'') {
                    chars.next();
                    chars.next();
                }
            }
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('\n') => {
                                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                                    chars.next();
                                }
                            }
                            Some('n') => s.push('\n'),
                            Some(other) => s.push(other),
                            None => {}
                        },
                        c => s.push(c),
                    }
                }
                out.push(s);
            }
            _ => {}
        }
    }
    out
}

/// The literals that are words for a reader: at least three words, and a capital letter to
/// start. Placeholders (`{}`, `{lead}`) stand for a name or a date: one word each here.
fn wording(source: &str) -> Vec<String> {
    literals(source)
        .into_iter()
        .filter(|l| l.split_whitespace().count() >= 3)
        .filter(|l| l.chars().next().is_some_and(char::is_uppercase))
        .map(|l| {
            let mut out = String::new();
            let mut in_placeholder = false;
            for c in l.chars() {
                match c {
                    '{' => in_placeholder = true,
                    '}' if in_placeholder => {
                        in_placeholder = false;
                        out.push_str("Name");
                    }
                    _ if in_placeholder => {}
                    c => out.push(c),
                }
            }
            out
        })
        .collect()
}

/// The sentences of some text: split after a full stop, a question mark or a colon, and at line
/// ends.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '?' | '!' | ':' | ';')
                && chars.peek().is_none_or(|n| n.is_whitespace())
            {
                out.push(std::mem::take(&mut current));
            }
        }
        out.push(current);
    }
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| s.split_whitespace().count() > 0)
        .collect()
}

fn words(sentence: &str) -> Vec<String> {
    sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Syllables by the usual heuristic: each group of vowels (y counted as one) is one, a silent
/// final "e" (not "-le") is none; every word has at least one.
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word.to_lowercase().chars().collect();
    let vowel = |c: char| "aeiouy".contains(c);
    let mut count = 0;
    let mut before = false;
    for &c in &w {
        let v = vowel(c);
        if v && !before {
            count += 1;
        }
        before = v;
    }
    let n = w.len();
    // "-le" after a consonant ("table") is a syllable of its own.
    let syllabic_le = |n: usize| w[n - 2] == 'l' && !vowel(w[n - 3]);
    if n > 2 && w[n - 1] == 'e' && !vowel(w[n - 2]) && !syllabic_le(n) {
        count -= 1;
    }
    count.max(1)
}

/// Flesch reading ease: 206.835 - 1.015 (words a sentence) - 84.6 (syllables a word).
fn flesch(sentences: &[String]) -> f64 {
    let words: Vec<String> = sentences.iter().flat_map(|s| words(s)).collect();
    let syllables: usize = words.iter().map(|w| syllables(w)).sum();
    let (s, w) = (sentences.len() as f64, words.len() as f64);
    206.835 - 1.015 * (w / s) - 84.6 * (syllables as f64 / w)
}

#[test]
fn syllables_and_the_score_agree_with_known_values() {
    for (word, n) in [
        ("plan", 1),
        ("meeting", 2),
        ("conference", 3),
        ("table", 2),
        ("agreement", 3),
        ("safe", 1),
        ("family", 3),
        ("protection", 3),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
    // Short words in short sentences score high; long words in a long sentence score low.
    let easy = sentences("The cat sat on the mat. It was a good day.");
    assert!(flesch(&easy) > 90.0, "{}", flesch(&easy));
    let hard = sentences(
        "Notwithstanding the aforementioned considerations, interdisciplinary collaboration \
         necessitates comprehensive documentation of safeguarding deliberations.",
    );
    assert!(flesch(&hard) < 0.0, "{}", flesch(&hard));
}

#[test]
fn the_family_s_copy_is_worded_in_short_plain_sentences() {
    let mut all = Vec::new();
    for (file, source) in SOURCES {
        // Sentences, not the headings and labels around them.
        let found: Vec<String> = wording(source)
            .iter()
            .flat_map(|w| sentences(w))
            .filter(|s| s.ends_with(['.', '?', '!']))
            .collect();
        assert!(found.len() > 5, "{file}: {found:?}");
        for s in &found {
            let n = words(s).len();
            assert!(n <= 30, "{file}: {n} words: {s}");
        }
        all.extend(found);
    }
    let average = all.iter().map(|s| words(s).len()).sum::<usize>() as f64 / all.len() as f64;
    assert!(average <= 20.0, "{average:.1} words a sentence");
    let score = flesch(&all);
    assert!(score >= 60.0, "reading ease {score:.1}");
}
