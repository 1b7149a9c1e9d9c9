//! Withheld addresses, whatever way they were typed. An address is broken into the parts that
//! would find the home (the postcode, its district with and without the sector, the building,
//! the number with its street, the street or building's own distinctive words alone or with the
//! number, each with its street or building word in full and shortened); text is searched for
//! those parts on a folded form of it, so that case, spacing, line breaks, punctuation between
//! words, full-width and other compatibility forms, accents, look-alike letters from other
//! scripts, invisible characters pasted from email or PDF, hyphenated line breaks and letters
//! spaced out make no difference. Every match maps back to the text as typed, so the scrub
//! replaces what was typed.
//! The town is not a part: it names agencies too, and alone it finds no one. Nor is a part made
//! only of common words ("Refuge", "Flat 3", "the House").

use unicode_normalization::char::{decompose_compatible, is_combining_mark};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::plan::Plan;

/// Put in place of a withheld address wherever one was typed into free text.
pub const WITHHELD: &str = "[address withheld]";

/// Street words, each with the shortened forms people type; either form finds the other.
const STREET_WORDS: &[(&str, &[&str])] = &[
    ("road", &["rd"]),
    ("street", &["st", "str"]),
    ("lane", &["ln"]),
    ("row", &[]),
    ("court", &["ct", "crt"]),
    ("close", &["cl"]),
    ("avenue", &["ave", "av"]),
    ("drive", &["dr", "drv"]),
    ("way", &[]),
    ("place", &["pl"]),
    ("crescent", &["cres", "cresc"]),
    ("terrace", &["terr", "ter", "tce"]),
    ("gardens", &["gdns", "gdn"]),
    ("grove", &["gr", "gro"]),
    ("hill", &[]),
    ("walk", &[]),
    ("square", &["sq"]),
    ("mews", &[]),
    ("park", &["pk"]),
    ("rise", &[]),
    ("view", &[]),
    ("green", &["grn"]),
    ("parade", &["pde"]),
    ("vale", &[]),
    ("wharf", &[]),
    ("yard", &["yd"]),
    ("gate", &[]),
    ("croft", &[]),
    ("chase", &[]),
    ("meadows", &[]),
    ("fields", &[]),
    ("estate", &["est"]),
];

/// Words naming a building, each with its shortened forms: like street words, either finds
/// the other, and alone they find no one.
const BUILDING_WORDS: &[(&str, &[&str])] = &[
    ("house", &["ho", "hse"]),
    ("flats", &[]),
    ("apartments", &["apts", "apt"]),
    ("mansions", &[]),
    ("lodge", &[]),
    ("tower", &["twr"]),
    ("towers", &["twrs"]),
    ("buildings", &["bldgs"]),
    ("building", &["bldg"]),
    ("cottages", &["cotts"]),
    ("cottage", &["cott"]),
    ("hall", &[]),
    ("point", &["pt"]),
    ("heights", &["hts"]),
    ("centre", &["ctr"]),
];

/// Everyday words that a building or street name may hold but that find no one on their own:
/// a part made only of these (with street and building words and numbers) is not distinctive.
const COMMON_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "at",
    "on",
    "in",
    "by",
    "flat",
    "no",
    "number",
    "unit",
    "room",
    "floor",
    "ground",
    "first",
    "second",
    "third",
    "top",
    "upper",
    "lower",
    "basement",
    "block",
    "refuge",
    "hostel",
    "home",
    "homes",
    "housing",
    "association",
    "supported",
    "accommodation",
    "safe",
    "women",
    "womens",
    "family",
    "families",
    "support",
    "project",
    "trust",
    "new",
    "old",
    "high",
    "low",
    "north",
    "south",
    "east",
    "west",
    "great",
    "little",
    "church",
    "chapel",
    "station",
    "school",
    "mill",
    "market",
    "bridge",
    "main",
    "manor",
    "farm",
    "london",
    "victoria",
    "king",
    "kings",
    "queen",
    "queens",
    "saint",
    "mount",
    "front",
    "back",
    "middle",
    "city",
];

/// Characters that join the parts of a word broken at the end of a line.
const HYPHENS: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2043}',
];

/// One character of text as the search sees it: ignored altogether (invisible and format
/// characters, combining marks), a separator between words, or letters and digits (folded).
enum Fold {
    Ignored,
    Separator,
    Letters,
}

/// Fold one character, pushing its letters and digits (lower case, compatibility forms and
/// accents taken off, look-alikes from other scripts mapped to their Latin prototype) onto
/// `out`. ASCII is folded without tables; so is nearly all typed text.
fn fold(c: char, out: &mut Vec<char>) -> Fold {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            return Fold::Letters;
        }
        // "haven't" is one word, not "haven" and "t" (a possessive is seen to by the stream).
        if c == '\'' {
            return Fold::Ignored;
        }
        return Fold::Separator;
    }
    if matches!(c, '\u{2018}' | '\u{2019}' | '\u{2bc}') {
        return Fold::Ignored;
    }
    // Zero-width space and joiners, the soft hyphen, the byte-order mark, bidi marks and
    // embeddings: format characters, invisible in print.
    if c.general_category() == GeneralCategory::Format || is_combining_mark(c) {
        return Fold::Ignored;
    }
    let before = out.len();
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if d.is_ascii() {
            if d.is_ascii_alphanumeric() {
                out.push(d.to_ascii_lowercase());
            }
            return;
        }
        // The confusable skeleton (Unicode TS #39): Cyrillic "а" and Greek "Ε" become Latin
        // "a" and "e". Lower case first (Cyrillic "І" is "i", not "l"), else as typed (Greek
        // "Ε" is "E"; its lower case "ε" looks like no Latin letter). ASCII is never mapped,
        // so "1" stays "1".
        let lower: String = d.to_lowercase().collect();
        let latin = |s: &str| -> Option<String> {
            let k: String = unicode_security::confusable_detection::skeleton(s).collect();
            k.is_ascii().then_some(k)
        };
        let folded = latin(&lower)
            .or_else(|| latin(d.encode_utf8(&mut [0; 4])))
            .unwrap_or(lower);
        for k in folded.chars().flat_map(char::to_lowercase) {
            if k.is_alphanumeric() && !is_combining_mark(k) {
                out.push(k);
            }
        }
    });
    if out.len() > before {
        Fold::Letters
    } else {
        Fold::Separator
    }
}

/// Phrases to look for in text, each as its letters and digits in lower case, so that case,
/// spacing, line breaks and punctuation between words make no difference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Phrases {
    parts: Vec<Part>,
}

/// One phrase: its letters and digits in lower case (also as one string), and where its words
/// end (only there may the text have spaces or punctuation).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Part {
    chars: Vec<char>,
    word_ends: Vec<bool>,
    joined: String,
}

impl Part {
    fn of(phrase: &str) -> Part {
        let mut chars = Vec::new();
        let mut word_ends: Vec<bool> = Vec::new();
        for (i, c) in phrase.char_indices() {
            let at = chars.len();
            match fold_in(phrase, i, c, &mut chars) {
                Fold::Letters => word_ends.extend(std::iter::repeat_n(false, chars.len() - at)),
                Fold::Separator => {
                    if let Some(last) = word_ends.last_mut() {
                        *last = true;
                    }
                }
                Fold::Ignored => {}
            }
        }
        if let Some(last) = word_ends.last_mut() {
            *last = true;
        }
        Part {
            joined: chars.iter().collect(),
            chars,
            word_ends,
        }
    }
}

/// Where a part was found in a text, in bytes.
pub type ByteSpan = std::ops::Range<usize>;

impl Phrases {
    /// Every distinctive part of each address ([`parts_of`]).
    pub fn addresses<'a>(addresses: impl IntoIterator<Item = &'a str>) -> Phrases {
        Phrases::new(addresses.into_iter().flat_map(parts_of), 2)
    }

    /// The parts of each address that name the home itself: [`Phrases::addresses`] without the
    /// postcode's district and sector, which neighbours share.
    pub fn homes<'a>(addresses: impl IntoIterator<Item = &'a str>) -> Phrases {
        Phrases::new(addresses.into_iter().flat_map(|a| parts(a, false)), 2)
    }

    /// The phrases as given, leaving out those with fewer than `min` letters and digits.
    pub fn new(phrases: impl IntoIterator<Item = impl AsRef<str>>, min: usize) -> Phrases {
        let mut parts: Vec<Part> = phrases
            .into_iter()
            .map(|p| Part::of(p.as_ref()))
            .filter(|p| p.chars.len() >= min.max(1))
            .collect();
        // Longest first, so a whole address is found before the parts inside it.
        parts.sort_by(|a, b| b.chars.len().cmp(&a.chars.len()).then(a.cmp(b)));
        parts.dedup();
        Phrases { parts }
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Every place a part is found, merged where they touch or only spaces and punctuation lie
    /// between them on one line, in order.
    pub fn find(&self, text: &str) -> Vec<ByteSpan> {
        // Parts are sorted longest first: text with fewer bytes than the shortest part's
        // letters cannot hold one.
        let shortest = self.parts.last().map_or(usize::MAX, |p| p.chars.len());
        if text.len() < shortest {
            return Vec::new();
        }
        let stream = Stream::of(text);
        let mut spans: Vec<ByteSpan> = Vec::new();
        for part in &self.parts {
            stream.find_all(part, &mut spans);
        }
        merge(text, spans)
    }

    /// Whether a phrase may be in some string of a value serialized as JSON. Never `false` when
    /// one is: a match is a run of the text's letters and digits once all else is dropped, and
    /// JSON escapes (dropped here too) stand only for what is not a letter or digit. Cheap, so
    /// the common case (nothing withheld typed anywhere) need not take the value apart.
    pub fn may_be_in_json(&self, json: &str) -> bool {
        if self.parts.is_empty() {
            return false;
        }
        let mut squashed: Vec<char> = Vec::with_capacity(json.len());
        let mut chars = json.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                // `\n`, `\"`, `\\`, `\u0007`: never a letter or digit of the text.
                if chars.next() == Some('u') {
                    chars.nth(3);
                }
            } else {
                // Folded as the search folds text; separators and invisible characters go.
                fold(c, &mut squashed);
            }
        }
        let squashed: String = squashed.into_iter().collect();
        self.parts.iter().any(|p| squashed.contains(&p.joined))
    }

    /// The text with every phrase found replaced by [`WITHHELD`]; `None` when none is found.
    pub fn scrub(&self, text: &str) -> Option<String> {
        self.replace(text, WITHHELD)
    }

    /// The text with every phrase found replaced by `with`; `None` when none is found.
    pub fn replace(&self, text: &str, with: &str) -> Option<String> {
        let spans = self.find(text);
        if spans.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for s in spans {
            out.push_str(&text[at..s.start]);
            out.push_str(with);
            at = s.end;
        }
        out.push_str(&text[at..]);
        Some(out)
    }
}

/// Every part of every withheld address of the case: the family's, where it is withheld, and
/// each member's that is.
pub fn withheld_addresses(plan: &Plan) -> Phrases {
    let family = plan
        .case
        .family_address
        .as_deref()
        .filter(|_| plan.case.withhold_family_address);
    let members = plan
        .members
        .iter()
        .filter(|m| m.withhold_address)
        .filter_map(|m| m.address.as_deref());
    Phrases::addresses(family.into_iter().chain(members))
}

/// The distinctive parts of one address, as typed: the whole address; its postcode, its
/// district (outward code) and its district with the sector; and every comma- or
/// line-separated part up to and including the street, each with and without its house number
/// and with the street or building word in full and shortened; and the distinctive words of
/// each such part (a street's or building's own name) alone and with the house number on
/// either side. A part made only of common words is left out: it would find no one, and would
/// blank every "refuge" or "flat 3" in a copy.
pub fn parts_of(address: &str) -> Vec<String> {
    parts(address, true)
}

fn parts(address: &str, districts: bool) -> Vec<String> {
    let mut out = vec![address.trim().to_string()];
    let mut postcode_parts: Vec<String> = Vec::new();
    let mut pieces: Vec<String> = Vec::new();
    for piece in address.split([',', '\n', ';']) {
        let mut words: Vec<&str> = piece.split_whitespace().collect();
        // A postcode is a part on its own, wherever it is written.
        let mut i = 0;
        while i < words.len() {
            if i + 1 < words.len() && is_postcode(&format!("{}{}", words[i], words[i + 1])) {
                postcode_parts.extend(postcode_forms(words[i], words[i + 1]));
                words.drain(i..i + 2);
            } else if is_postcode(words[i]) {
                let w = words[i];
                let (outward, inward) = w.split_at(w.len() - 3);
                postcode_parts.extend(postcode_forms(outward, inward));
                postcode_parts.push(w.to_string());
                words.remove(i);
            } else {
                i += 1;
            }
        }
        if !words.is_empty() {
            pieces.push(words.join(" "));
        }
    }
    // A bare number written as its own part ("12, Larkspur Court") belongs to the street after.
    let mut joined: Vec<String> = Vec::new();
    let mut number: Option<String> = None;
    for p in pieces {
        if is_number(&p) {
            number = Some(p);
            continue;
        }
        joined.push(match number.take() {
            Some(n) => format!("{n} {p}"),
            None => p,
        });
    }
    let pieces = joined;
    // The street is the last part with a number or a street word; what follows it is the town
    // (and county). With no street, everything but a last part is the building.
    let street = pieces.iter().rposition(|p| is_street(p));
    let keep = match street {
        Some(s) => s + 1,
        None if pieces.len() > 1 => pieces.len() - 1,
        None => pieces.len(),
    };
    for (i, p) in pieces[..keep].iter().enumerate() {
        let mut p = p.clone();
        if Some(i) == street {
            // "12 Larkspur Court Eastbrook": the town follows the street word.
            let words: Vec<&str> = p.split_whitespace().collect();
            if let Some(w) = words.iter().rposition(|w| street_word(w).is_some())
                && words[w + 1..]
                    .iter()
                    .all(|w| !w.chars().any(|c| c.is_ascii_digit()))
            {
                p = words[..=w].join(" ");
            }
        }
        for form in street_forms(&p) {
            out.push(form.clone());
            // Without the house or flat number: the street name alone.
            let words: Vec<&str> = form.split_whitespace().collect();
            if let Some(n) = words.iter().rposition(|w| is_number(w)) {
                let rest = words[n + 1..].join(" ");
                if !rest.is_empty() {
                    out.push(rest);
                }
            }
        }
        // The street's or building's own words: "Larkspur", "12 Larkspur", "Larkspur 12".
        let words: Vec<&str> = p.split_whitespace().collect();
        let own: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| is_distinctive_word(w))
            .collect();
        if !own.is_empty() {
            let name = own.join(" ");
            for n in words.iter().filter(|w| is_number(w)) {
                out.push(format!("{n} {name}"));
                out.push(format!("{name} {n}"));
            }
            if own.len() > 1 {
                out.extend(
                    own.iter()
                        .filter(|w| letters(w) >= 5)
                        .map(|w| w.to_string()),
                );
            }
            out.push(name);
        }
    }
    out.retain(|p| is_distinctive(p));
    if !districts {
        // The full postcode alone: the first form of each.
        postcode_parts.retain(|p| is_postcode(p));
    }
    out.extend(postcode_parts);
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|p| seen.insert(p.to_lowercase()));
    out
}

/// A postcode as two words, its district, and its district with the sector: "EB4 7QT",
/// "EB4", "EB4 7".
fn postcode_forms(outward: &str, inward: &str) -> Vec<String> {
    let mut out = vec![format!("{outward} {inward}"), outward.to_string()];
    if let Some(sector) = inward.chars().next() {
        out.push(format!("{outward} {sector}"));
    }
    out
}

/// How many letters and digits a word has.
fn letters(w: &str) -> usize {
    w.chars().filter(|c| c.is_alphanumeric()).count()
}

/// A word of a street's or building's own name: not a number, a street or building word, or a
/// common word, and of three letters or more.
fn is_distinctive_word(w: &str) -> bool {
    let lower: String = w
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    letters(w) >= 3
        && !is_number(w)
        && street_word(w).is_none()
        && building_word(w).is_none()
        && !COMMON_WORDS.contains(&lower.as_str())
}

/// Whether a part would find the home on its own: it has a word of its own name, or it names
/// a street ("Church Lane"). "Refuge", "Flat 3" and "the House" do not.
fn is_distinctive(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    words.iter().any(|w| is_distinctive_word(w))
        || (words.len() >= 2 && words.iter().any(|w| street_word(w).is_some()))
}

/// The part as typed, and with its street or building word (the last one) in its other forms.
fn street_forms(part: &str) -> Vec<String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let mut out = vec![part.to_string()];
    let word = |w: &str| street_word(w).or_else(|| building_word(w));
    if let Some(i) = words.iter().rposition(|w| word(w).is_some())
        && let Some((full, short)) = word(words[i])
    {
        for form in std::iter::once(full).chain(short.iter().copied()) {
            let mut w = words.clone();
            w[i] = form;
            let s = w.join(" ");
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

fn street_word(w: &str) -> Option<(&'static str, &'static [&'static str])> {
    find_word(STREET_WORDS, w)
}

fn building_word(w: &str) -> Option<(&'static str, &'static [&'static str])> {
    find_word(BUILDING_WORDS, w)
}

fn find_word(
    list: &'static [(&'static str, &'static [&'static str])],
    w: &str,
) -> Option<(&'static str, &'static [&'static str])> {
    let w = w.trim_end_matches('.').to_lowercase();
    list.iter()
        .find(|(full, short)| *full == w || short.contains(&w.as_str()))
        .copied()
}

fn is_street(part: &str) -> bool {
    part.chars().any(|c| c.is_ascii_digit())
        || part.split_whitespace().any(|w| street_word(w).is_some())
}

/// "12", "12a", "3-5".
fn is_number(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && w.chars().filter(|c| c.is_ascii_alphabetic()).count() <= 1
}

/// A UK postcode, with or without its space, in any case: "EB4 2QT", "eb42qt", "W1A 1AA".
pub fn is_postcode(s: &str) -> bool {
    let c: Vec<char> = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(5..=7).contains(&c.len()) || !c.iter().all(char::is_ascii_alphanumeric) {
        return false;
    }
    let (outward, inward) = c.split_at(c.len() - 3);
    let inward_ok = inward[0].is_ascii_digit()
        && inward[1].is_ascii_alphabetic()
        && inward[2].is_ascii_alphabetic();
    let a = |i: usize| outward.get(i).is_some_and(char::is_ascii_alphabetic);
    let d = |i: usize| outward.get(i).is_some_and(char::is_ascii_digit);
    let outward_ok = match outward.len() {
        2 => a(0) && d(1),
        3 => a(0) && (d(1) && (d(2) || a(2)) || a(1) && d(2)),
        4 => a(0) && a(1) && d(2) && (d(3) || a(3)),
        _ => false,
    };
    inward_ok && outward_ok
}

/// A postcode as it may be written in running text: its inward code's letters are never C, I,
/// K, M, O or V (Royal Mail's rule), so "by 10am" (BY1 0AM) and "at 3pm" are times, not
/// postcodes.
fn is_written_postcode(s: &str) -> bool {
    is_postcode(s)
        && !s
            .chars()
            .rev()
            .take(2)
            .any(|c| "CIKMOV".contains(c.to_ascii_uppercase()))
}

/// Every postcode written in a text, as byte spans.
pub fn postcodes(text: &str) -> Vec<ByteSpan> {
    let words = ascii_words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if let Some(next) = words.get(i + 1)
            && w.len() <= 4
            && next.start - w.end <= 2
            && text[w.end..next.start].chars().all(|c| c == ' ')
            && is_written_postcode(&format!("{}{}", &text[w.clone()], &text[next.clone()]))
        {
            out.push(w.start..next.end);
            i += 2;
        } else {
            if is_written_postcode(&text[w.clone()]) {
                out.push(w.clone());
            }
            i += 1;
        }
    }
    out
}

/// The runs of ASCII letters and digits in a text.
fn ascii_words(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// A text's letters and digits, folded, each with where it came from in the text as typed,
/// whether a word starts or ends there, and whether the text breaks words there (a match may
/// hold such a break only where its part has one). Gaps that do not break words: a hyphen or
/// soft hyphen at the end of a line ("Quil-" / "lon"), and the spaces of letters spaced out
/// ("1 2 H i g h").
struct Stream {
    chars: Vec<char>,
    spans: Vec<ByteSpan>,
    starts: Vec<bool>,
    ends: Vec<bool>,
    splits: Vec<bool>,
}

/// A word of the text: its first folded character, and its bytes in the text.
struct Word {
    first: usize,
    bytes: ByteSpan,
}

impl Stream {
    fn of(text: &str) -> Stream {
        let mut chars = Vec::with_capacity(text.len());
        let mut spans = Vec::with_capacity(text.len());
        let mut words: Vec<Word> = Vec::new();
        let mut in_word = false;
        for (i, c) in text.char_indices() {
            let at = chars.len();
            match fold_in(text, i, c, &mut chars) {
                Fold::Letters => {
                    let span = i..i + c.len_utf8();
                    spans.extend(std::iter::repeat_n(span.clone(), chars.len() - at));
                    match words.last_mut() {
                        Some(w) if in_word => w.bytes.end = span.end,
                        _ => words.push(Word {
                            first: at,
                            bytes: span,
                        }),
                    }
                    in_word = true;
                }
                Fold::Separator => in_word = false,
                Fold::Ignored => {}
            }
        }
        let n = chars.len();
        let mut s = Stream {
            chars,
            spans,
            starts: vec![false; n],
            ends: vec![false; n],
            splits: vec![false; n],
        };
        let len = |k: usize| words.get(k + 1).map_or(n, |w| w.first) - words[k].first;
        let gap = |k: usize| &text[words[k].bytes.end..words[k + 1].bytes.start];
        let single = |k: usize| k < words.len() && len(k) == 1;
        let spaced = |k: usize| k + 1 < words.len() && is_space(gap(k));
        for k in 0..words.len() {
            let last = words[k].first + len(k) - 1;
            s.starts[words[k].first] = true;
            s.ends[last] = true;
            let soft = k + 1 < words.len()
                && (is_line_break_hyphen(gap(k))
                    || spaced(k)
                        && (single(k) && single(k + 1)
                            || single(k) && k > 0 && single(k - 1) && spaced(k - 1)
                            || single(k + 1) && single(k + 2) && spaced(k + 1)));
            s.splits[last] = !soft;
        }
        s
    }

    /// Every match of `part` that begins and ends on a word boundary, with the text breaking
    /// words only where the part's own words end.
    fn find_all(&self, part: &Part, out: &mut Vec<ByteSpan>) {
        let n = part.chars.len();
        if n == 0 || n > self.chars.len() {
            return;
        }
        for i in 0..=self.chars.len() - n {
            if self.starts[i]
                && self.ends[i + n - 1]
                && self.chars[i..i + n] == *part.chars
                && (0..n - 1).all(|k| !self.splits[i + k] || part.word_ends[k])
            {
                out.push(self.spans[i].start..self.spans[i + n - 1].end);
            }
        }
    }
}

/// [`fold`] the character at byte `i` of `text`, where a possessive ends the word: "Kayla's
/// school" names Kayla, while "haven't" is one word.
fn fold_in(text: &str, i: usize, c: char, out: &mut Vec<char>) -> Fold {
    match fold(c, out) {
        Fold::Ignored if is_possessive(&text[i..]) => Fold::Separator,
        kind => kind,
    }
}

/// An apostrophe, then "s" ending a word.
fn is_possessive(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('\'' | '\u{2019}' | '\u{2bc}'))
        && matches!(chars.next(), Some('s' | 'S'))
        && !chars.next().is_some_and(char::is_alphanumeric)
}

/// Spaces on one line, as between letters spaced out.
fn is_space(gap: &str) -> bool {
    let mut any = false;
    for c in gap.chars() {
        if c.general_category() == GeneralCategory::Format {
            continue;
        }
        if !c.is_whitespace() || is_line_break(c) {
            return false;
        }
        any = true;
    }
    any
}

/// A word broken at the end of a line: a hyphen or a soft hyphen, then one line break, with
/// spaces around it.
fn is_line_break_hyphen(gap: &str) -> bool {
    let shy = gap.contains('\u{ad}');
    let mut rest = gap
        .chars()
        .filter(|c| c.general_category() != GeneralCategory::Format)
        .peekable();
    let hyphen = rest.next_if(|c| HYPHENS.contains(c)).is_some();
    let rest: String = rest.collect();
    let rest = rest.replace("\r\n", "\n");
    (hyphen || shy)
        && rest.chars().all(char::is_whitespace)
        && rest.chars().filter(|c| is_line_break(*c)).count() == 1
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Spans in order, overlapping ones and those with only spaces and punctuation between them
/// on one line joined, so an address typed in parts becomes one [`WITHHELD`].
fn merge(text: &str, mut spans: Vec<ByteSpan>) -> Vec<ByteSpan> {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<ByteSpan> = Vec::new();
    for s in spans {
        if let Some(last) = out.last_mut()
            && (s.start <= last.end
                || text[last.end..s.start]
                    .chars()
                    .all(|c| !c.is_alphanumeric() && c != '\n' && c != '[' && c != ']'))
        {
            last.end = last.end.max(s.end);
            continue;
        }
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrub(addresses: &[&str], text: &str) -> String {
        Phrases::addresses(addresses.iter().copied())
            .scrub(text)
            .unwrap_or_else(|| text.to_string())
    }

    const HOME: &str = "Haven House, 5 Quillon Row, Eastbrook EB2 1XY";

    #[test]
    fn postcodes_are_recognised_in_any_case_with_or_without_the_space() {
        for p in [
            "EB2 1XY", "eb21xy", "W1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT",
        ] {
            assert!(is_postcode(p), "{p}");
        }
        for p in ["EB2", "12345", "Court", "AB1 23C", "1AB 2CD"] {
            assert!(!is_postcode(p), "{p}");
        }
        assert_eq!(
            postcodes("Post to eb2 1xy or EB21XY, not 2026."),
            [8..15, 19..25]
        );
    }

    #[test]
    fn an_address_gives_its_postcode_building_street_and_number_but_not_its_town() {
        let parts = parts_of(HOME);
        for p in [
            "Haven House",
            "5 Quillon Row",
            "Quillon Row",
            "EB2 1XY",
            HOME,
        ] {
            assert!(parts.contains(&p.to_string()), "{p} missing from {parts:?}");
        }
        assert!(!parts.iter().any(|p| p == "Eastbrook" || p == "5"));
        let parts = parts_of("Flat 3, 12 Larkspur Court, Eastbrook, Westshire EB4 2QT");
        assert!(parts.contains(&"12 Larkspur Court".to_string()));
        assert!(parts.iter().any(|p| p.eq_ignore_ascii_case("Larkspur Ct")));
        // "Flat 3" alone finds no one: made of a common word and a number.
        assert!(!parts.iter().any(|p| p == "Flat 3"), "{parts:?}");
        for p in [
            "Larkspur",
            "12 Larkspur",
            "Larkspur 12",
            "EB4",
            "EB4 2",
            "EB4 2QT",
        ] {
            assert!(parts.contains(&p.to_string()), "{p} missing from {parts:?}");
        }
        assert!(!parts.iter().any(|p| p == "Eastbrook" || p == "Westshire"));
        // No commas: the town still follows the street word.
        let parts = parts_of("27 Foundry Lane Eastbrook EB1 7LD");
        assert!(parts.contains(&"Foundry Lane".to_string()), "{parts:?}");
        assert!(
            !parts
                .iter()
                .any(|p| p.contains("Eastbrook") && p != "27 Foundry Lane Eastbrook EB1 7LD")
        );
    }

    #[test]
    fn every_way_of_typing_an_address_is_found() {
        let cases = [
            (
                "Post goes to EB2 1XY now.",
                "Post goes to [address withheld] now.",
            ),
            (
                "Post goes to eb21xy now.",
                "Post goes to [address withheld] now.",
            ),
            ("She is at Haven House.", "She is at [address withheld]."),
            (
                "Seen on Quillon Row twice.",
                "Seen on [address withheld] twice.",
            ),
            ("Moved to 5 quillon row.", "Moved to [address withheld]."),
            ("Moved to 5  Quillon   Row.", "Moved to [address withheld]."),
            ("Moved to 5 Quillon\nRow.", "Moved to [address withheld]."),
            ("Moved to 5, Quillon-Row.", "Moved to [address withheld]."),
            (
                "Haven House, 5 Quillon Row, Eastbrook",
                "[address withheld], Eastbrook",
            ),
            ("Eastbrook Family Centre", "Eastbrook Family Centre"),
            ("Quillonrowan is a word", "Quillonrowan is a word"),
            (
                "Quil lon Row is not the street",
                "Quil lon Row is not the street",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(scrub(&[HOME], text), want, "{text:?}");
        }
        assert_eq!(
            scrub(&[HOME], "Haven House, [address withheld]"),
            "[address withheld], [address withheld]"
        );
    }

    const LARCH: &str = "Haven House, 14 Larch Road, Eastbrook EB4 7QT";

    /// Each way of writing a part of the address that the scrub must find, as seen.
    const FORMS: &[&str] = &[
        // Abbreviations of the street type and the building word.
        "14 Larch Rd",
        "14 Larch Rd.",
        "Haven Ho",
        "Haven Hse",
        // The street's own word alone or with the number, and "the X flats".
        "Larch",
        "Larch 14",
        "the Larch's bins",
        "14 Larch\u{2019}s Road",
        "14 Larch",
        "the Larch flats",
        "Haven",
        // The postcode's district and sector, and its district alone.
        "EB4 7",
        "EB4",
        "eb47",
        // Letters spaced out.
        "1 4 L a r c h R o a d",
        "E B 4 7 Q T",
        // Full-width and other compatibility forms.
        "\u{ff11}\u{ff14} \u{ff2c}\u{ff41}\u{ff52}\u{ff43}\u{ff48} \u{ff32}\u{ff4f}\u{ff41}\u{ff44}",
        "\u{ff25}\u{ff22}\u{ff14}",
        // Look-alike letters from other scripts: Cyrillic a and o, Greek Epsilon and Beta.
        "14 L\u{430}rch R\u{43e}ad",
        "\u{395}\u{392}4 7QT",
        "H\u{430}ven House",
        // Accents.
        "L\u{e1}rch Road",
        "La\u{301}rch Road",
        // Invisible characters pasted from email or PDF.
        "La\u{200b}rch Road",
        "Lar\u{ad}ch Road",
        "Larch\u{2011}Road",
        "Larch\u{a0}Road",
        "\u{feff}Larch Road",
        "Lar\u{200d}ch Ro\u{200c}ad",
        "\u{202e}Larch\u{202c} Road",
        "La\u{200e}rch Ro\u{200f}ad",
        // A hyphenated line break, with a hyphen or a soft hyphen.
        "Lar-\nch Road",
        "Lar-  \r\n  ch Road",
        "Lar\u{ad}\nch Road",
        "EB4 7Q-\nT",
    ];

    #[test]
    fn every_form_of_a_part_is_found_and_replaced_as_typed() {
        let phrases = Phrases::addresses([LARCH]);
        let missed: Vec<&&str> = FORMS
            .iter()
            .filter(|f| {
                phrases
                    .find(&format!("Seen near {f} on Tuesday."))
                    .is_empty()
            })
            .collect();
        assert!(missed.is_empty(), "not found: {missed:?}");
        for form in FORMS {
            let text = format!("Seen near {form} on Tuesday.");
            let scrubbed = phrases.scrub(&text).unwrap();
            assert!(
                scrubbed.starts_with("Seen near ") && scrubbed.ends_with(" on Tuesday."),
                "{form:?}: {scrubbed:?}"
            );
            let rest = scrubbed.replace(WITHHELD, "");
            let folded: String = rest
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            for secret in ["larch", "haven", "eb4"] {
                assert!(!folded.contains(secret), "{form:?}: {scrubbed:?}");
            }
            // The quick look at a serialised value never passes over it.
            let json = serde_json::to_string(&text).unwrap();
            assert!(phrases.may_be_in_json(&json), "{form:?}");
        }
    }

    #[test]
    fn common_words_alone_are_not_taken_for_an_address() {
        let refuge = Phrases::addresses(["Refuge, 5 Quillon Row, Eastbrook EB2 1XY"]);
        for text in [
            "She is safe at the refuge.",
            "The refuge worker will attend.",
            "Flat 3 was viewed.",
            "Meet by 10am at the centre.",
            "Rowan went to the park.",
        ] {
            assert!(refuge.find(text).is_empty(), "{text:?}");
        }
        assert!(!refuge.find("Refuge, 5 Quillon Row").is_empty());
        let flat = Phrases::addresses(["Flat 3, The House, Church Lane, Eastbrook"]);
        for text in [
            "Flat 3 is cold.",
            "The House of Commons.",
            "the house",
            "church",
        ] {
            assert!(flat.find(text).is_empty(), "{text:?}");
        }
        assert!(!flat.find("seen on Church Ln").is_empty());
    }

    #[test]
    fn a_time_is_not_a_postcode() {
        for text in [
            "by 10am",
            "by 10 am",
            "at 3pm",
            "before 11am",
            "by 9am",
            "from 10am to 4pm",
        ] {
            assert!(
                postcodes(text).is_empty(),
                "{text:?}: {:?}",
                postcodes(text)
            );
        }
        assert_eq!(postcodes("Post to EB4 7QT by 10am."), vec![8..15]);
    }

    #[test]
    fn an_apostrophe_in_the_address_or_the_text_makes_no_difference() {
        let phrases = Phrases::addresses(["9 St Mary's Road, Eastbrook"]);
        for text in [
            "9 St Mary's Road",
            "9 St Marys Rd",
            "9 st mary\u{2019}s road",
            "St Mary's",
        ] {
            assert!(!phrases.find(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn near_misses_are_left_alone() {
        let phrases = Phrases::addresses([LARCH]);
        for text in [
            "Larches grow here.",
            "A larchwood table.",
            "Haven't seen them.",
            "They haven\u{2019}t moved.",
            "Eastbrook Family Centre",
            "EB41 is another district.",
            "L a r c e n y",
        ] {
            assert!(
                phrases.find(text).is_empty(),
                "{text:?}: {:?}",
                phrases.find(text)
            );
        }
    }

    #[test]
    fn json_that_could_hold_a_part_is_never_passed_over() {
        let p = Phrases::addresses([HOME]);
        for text in [
            "Moved to 5 quillon\nrow.",
            "EB21XY",
            "Haven\u{7}House",
            "\"5\" Quillon\\Row",
        ] {
            let json = serde_json::to_string(text).unwrap();
            assert!(!p.find(text).is_empty(), "{text:?}");
            assert!(p.may_be_in_json(&json), "{json}");
        }
        assert!(!p.may_be_in_json(r#"{"text":"Eastbrook Family Centre"}"#));
    }

    #[test]
    fn nothing_is_found_without_an_address() {
        assert!(Phrases::addresses([]).find("12 Larkspur Court").is_empty());
        assert!(Phrases::addresses(["  "]).is_empty());
    }
}
