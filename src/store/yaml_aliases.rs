//! Aliases (`*name`) bounded before any value is built. YAML lets a file name a node (`&name`)
//! and repeat it by alias; the parser hands each alias over as a whole copy, so an 8 MB file of
//! nested aliases can stand for hundreds of gigabytes and exhaust the memory of whatever reads
//! it. coregroup writes no aliases and no real plan needs them, so before a file is read into
//! anything, its aliases are counted and, if it has any, the size it expands to is measured by
//! walking it without keeping anything: past the bounds it is refused with its line.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// More aliases than any hand-written file has (coregroup's own files have none).
pub const MAX_ALIASES: usize = 10_000;

/// Values (scalars, lists, mappings) a file may stand for once its aliases are expanded: far
/// more than the largest case (a plan of 5,000 actions is about 200,000).
pub const MAX_VALUES: u64 = 2_000_000;

/// Bytes of text a file may stand for once its aliases are expanded.
pub const MAX_TEXT: u64 = 64 * 1024 * 1024;

/// What is wrong with a file's aliases: the message and the line (from 1) to name.
#[derive(Debug, PartialEq, Eq)]
pub struct TooMany {
    pub line: usize,
    pub message: String,
}

/// `Ok` when `text` has no aliases, or expands within the bounds.
pub fn check(text: &str) -> Result<(), TooMany> {
    let aliases = alias_lines(text);
    let Some(&first) = aliases.first() else {
        return Ok(());
    };
    if let Some(&line) = aliases.get(MAX_ALIASES) {
        return Err(TooMany {
            line,
            message: format!(
                "the file repeats values by alias (`*name`) more than {MAX_ALIASES} times"
            ),
        });
    }
    let budget = Budget {
        values: Cell::new(0),
        text: Cell::new(0),
    };
    let mut de = yaml_serde::Deserializer::from_str(text);
    // A syntax error is left for the real reading, which names it with its line.
    let result = match de.next() {
        Some(doc) => Walk(&budget).deserialize(doc).map(|_| ()),
        None => Ok(()),
    };
    match result {
        // The parser's own bound on jumps to an anchor counts as past ours.
        Err(e) if budget.spent() || e.to_string().contains("repetition limit") => Err(TooMany {
            line: first,
            message: format!(
                "the file's aliases (`*name`, the first on line {first}) expand to more than \
                 {MAX_VALUES} values or {} MB of text",
                MAX_TEXT / (1024 * 1024)
            ),
        }),
        _ => Ok(()),
    }
}

/// The line (from 1) of every alias in the text: a `*` where a value starts (at the start of a
/// line's content, or after `: `, `- `, `? `, `[`, `{` or `,`), outside comments and quotes.
/// A light scan, erring towards finding more (then the walk decides).
fn alias_lines(text: &str) -> Vec<usize> {
    if !text.contains('*') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if !line.contains('*') {
            continue;
        }
        let mut quote: Option<char> = None;
        let mut value_starts = true;
        let mut prev = ' ';
        for c in line.chars() {
            match quote {
                Some(q) => {
                    if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    '#' if prev == ' ' => break,
                    '*' if value_starts => out.push(n + 1),
                    '"' | '\'' if value_starts => quote = Some(c),
                    ' ' => {
                        if matches!(prev, ':' | '-' | '?') {
                            value_starts = true;
                        }
                    }
                    '[' | '{' | ',' => value_starts = true,
                    _ => value_starts = false,
                },
            }
            prev = c;
        }
    }
    out
}

struct Budget {
    values: Cell<u64>,
    text: Cell<u64>,
}

impl Budget {
    fn spend<E: de::Error>(&self, text: usize) -> Result<(), E> {
        self.values.set(self.values.get() + 1);
        self.text.set(self.text.get().saturating_add(text as u64));
        if self.spent() {
            return Err(E::custom("the file expands past the bounds"));
        }
        Ok(())
    }

    fn spent(&self) -> bool {
        self.values.get() > MAX_VALUES || self.text.get() > MAX_TEXT
    }
}

/// Walks every value, aliases expanded, keeping nothing but the count.
#[derive(Clone, Copy)]
struct Walk<'a>(&'a Budget);

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.0.spend(1)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.0.spend(8)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.0.spend(8)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.0.spend(8)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.spend(v.len())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.spend(1)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.spend(1)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.spend(1)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.spend(1)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        self.0.spend(1)?;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An anchor on a long list, repeated by alias far more than it is long.
    fn flat_bomb(items: usize, aliases: usize) -> String {
        let list = vec!["yyyyyyyy"; items].join(", ");
        let refs = vec!["*a"; aliases].join(", ");
        format!("case:\n  reference: X\nx: &a [{list}]\ny: [{refs}]\n")
    }

    /// Each level repeats the one before ten times: 10^levels values from a few lines.
    fn nested_bomb(levels: usize) -> String {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..levels {
            let p = i - 1;
            let refs = vec![format!("*a{p}"); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        text
    }

    #[test]
    fn a_file_without_aliases_is_not_walked() {
        assert_eq!(
            check("a: 1\nb: [x, y]\nnote: 5 * 3 = 15 # *not* an alias\n"),
            Ok(())
        );
        assert!(alias_lines("a: \"*quoted\"\nb: '*too'\nc: x*y\n").is_empty());
        assert_eq!(
            alias_lines("a: *x\nb:\n  - *y\nc: [1, *z]\n"),
            vec![1, 3, 4]
        );
    }

    #[test]
    fn a_few_honest_aliases_are_fine() {
        assert_eq!(check("base: &b {x: 1}\none: *b\ntwo: *b\n"), Ok(()));
    }

    #[test]
    fn nested_aliases_past_the_bound_are_refused_with_the_line() {
        let e = check(&nested_bomb(12)).unwrap_err();
        assert!(e.message.contains("expand to more than"), "{e:?}");
        assert!(e.message.contains("the first on line 2"), "{e:?}");
        assert_eq!(e.line, 2, "{e:?}");
    }

    #[test]
    fn one_long_list_repeated_by_alias_is_refused() {
        let e = check(&flat_bomb(2_000, 20_000)).unwrap_err();
        assert!(e.message.contains("more than 10000 times"), "{e:?}");
        let e = check(&flat_bomb(2_000, 5_000)).unwrap_err();
        assert!(e.message.contains("expand to more than"), "{e:?}");
        assert_eq!(e.line, 4, "{e:?}");
    }
}
