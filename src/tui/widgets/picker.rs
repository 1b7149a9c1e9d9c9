//! A choice you type into: the chair types a few letters of a name, role or agency (or a
//! score's number) and takes the best match with Enter or Tab. The current value stays until a
//! match is taken. Pure state and filtering; `view::picker` draws it. Fuzzy matching is
//! `nucleo-matcher`'s, so "mfen" finds "DC Mark Fenton" and typos in the middle still rank.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

pub struct Picker {
    pub options: Vec<String>,
    pub selected: usize,
    /// What each option is found by; its label unless given (a person's name, role, agency).
    search: Vec<String>,
    /// Numbers that take an option as soon as they are typed (a score, a step, an outcome).
    numbers: Vec<Option<u32>>,
    /// What was typed since the last match was taken.
    pub filter: String,
    /// Which of the matches Enter takes: 0 is the best; the arrows move it.
    pub highlight: usize,
    /// What was typed is itself a match, taken as a new option (a name that is on no list).
    free: bool,
}

/// What a typed character did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    /// It narrowed the matches; nothing is chosen yet.
    Filtering,
    /// A number named exactly one option, which is now chosen.
    Taken,
}

impl Picker {
    pub fn new(options: Vec<String>, selected: usize) -> Picker {
        let selected = selected.min(options.len().saturating_sub(1));
        Picker {
            search: options.clone(),
            numbers: Vec::new(),
            options,
            selected,
            filter: String::new(),
            highlight: 0,
            free: false,
        }
    }

    /// What is typed is offered too, as a name of its own: first unless it begins the words of
    /// an option ("Jo Pike" is Jo Pike, "tom" is still Tom Ridley), so a typed name is never
    /// taken for a member its letters happen to be scattered through.
    pub fn free_text(mut self) -> Picker {
        self.free = true;
        self
    }

    /// The text typed, offered as an option of its own in a picker that takes free text.
    fn typed_option(&self) -> Option<String> {
        let typed = self.filter.trim();
        let known = self
            .options
            .iter()
            .any(|o| o.trim().eq_ignore_ascii_case(typed));
        (self.free && !typed.is_empty() && !known && !self.typing_a_number())
            .then(|| typed.to_string())
    }

    /// An option's label as the matches show it; past the last option, the text typed.
    pub fn label(&self, i: usize) -> String {
        match self.options.get(i) {
            Some(o) => o.clone(),
            None => format!("{} (as typed)", self.filter.trim()),
        }
    }

    /// Find options by this text instead of their labels (same order, same length).
    pub fn with_search(mut self, search: Vec<String>) -> Picker {
        if search.len() == self.options.len() {
            self.search = search;
        }
        self
    }

    /// Let typed digits take the option with that number at once.
    pub fn with_numbers(mut self, numbers: Vec<Option<u32>>) -> Picker {
        if numbers.len() == self.options.len() {
            self.numbers = numbers;
        }
        self
    }

    pub fn current(&self) -> &str {
        self.options.get(self.selected).map_or("", |s| s.as_str())
    }

    pub fn is_filtering(&self) -> bool {
        !self.filter.is_empty()
    }

    /// The number shown beside an option, if it has one.
    pub fn number(&self, i: usize) -> Option<u32> {
        self.numbers.get(i).copied().flatten()
    }

    fn typing_a_number(&self) -> bool {
        !self.numbers.is_empty()
            && !self.filter.is_empty()
            && self.filter.chars().all(|c| c.is_ascii_digit())
    }

    /// Indexes of the options that match what was typed, best first; every option when
    /// nothing is typed.
    pub fn matches(&self) -> Vec<usize> {
        if self.filter.is_empty() {
            return (0..self.options.len()).collect();
        }
        if self.typing_a_number() {
            let by_number = self.by_number(&self.filter);
            if !by_number.is_empty() {
                return by_number;
            }
        }
        let mut found = fuzzy(&self.filter, &self.search);
        // What was typed that is an option's whole label, or one of its words, comes first:
        // "no" is the answer "no", never the first fuzzy match "not recorded".
        let typed = self.filter.trim().to_lowercase();
        let rank = |i: &usize| {
            let texts = [&self.options[*i], &self.search[*i]];
            if texts.iter().any(|t| t.trim().to_lowercase() == typed) {
                0
            } else if texts.iter().any(|t| {
                t.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.to_lowercase() == typed)
            }) {
                1
            } else {
                2
            }
        };
        found.sort_by_key(rank);
        if self.typed_option().is_some() {
            let words: Vec<String> = typed.split_whitespace().map(str::to_string).collect();
            let begins = |i: &usize| {
                let of: Vec<String> = self.search[*i]
                    .split(|c: char| !c.is_alphanumeric())
                    .map(str::to_lowercase)
                    .collect();
                words
                    .iter()
                    .all(|w| of.iter().any(|o| o.starts_with(w.as_str())))
            };
            let at = found.iter().take_while(|i| begins(i)).count();
            found.insert(at, self.options.len());
        }
        found
    }

    /// Options whose number starts with `typed`, the exact one first.
    fn by_number(&self, typed: &str) -> Vec<usize> {
        let mut found: Vec<(bool, usize)> = (0..self.options.len())
            .filter_map(|i| {
                let n = self.number(i)?.to_string();
                n.starts_with(typed).then_some((n != typed, i))
            })
            .collect();
        found.sort();
        found.into_iter().map(|(_, i)| i).collect()
    }

    /// The option Enter or Tab would take now.
    pub fn best(&self) -> Option<usize> {
        let matches = self.matches();
        matches
            .get(self.highlight.min(matches.len().saturating_sub(1)))
            .copied()
    }

    pub fn type_char(&mut self, c: char) -> Typed {
        self.filter.push(c);
        self.highlight = 0;
        if self.typing_a_number() {
            let found = self.by_number(&self.filter);
            let exact = found
                .first()
                .filter(|i| self.number(**i).map(|n| n.to_string()) == Some(self.filter.clone()));
            // Taken at once only when no longer number could still be meant ("1" of "10").
            if let (Some(&i), 1) = (exact, found.len()) {
                self.selected = i;
                self.filter.clear();
                return Typed::Taken;
            }
        }
        Typed::Filtering
    }

    pub fn backspace(&mut self) -> bool {
        self.highlight = 0;
        self.filter.pop().is_some()
    }

    /// Forget what was typed; the value stays as it was.
    pub fn clear(&mut self) -> bool {
        self.highlight = 0;
        !std::mem::take(&mut self.filter).is_empty()
    }

    /// Take the best match (or the one the arrows moved to). `false` when nothing was typed
    /// or nothing matches; what was typed stays so it can be corrected.
    pub fn take(&mut self) -> bool {
        if self.filter.is_empty() {
            return false;
        }
        match self.best() {
            Some(i) if i == self.options.len() => {
                let Some(typed) = self.typed_option() else {
                    return false;
                };
                self.search.push(typed.clone());
                self.options.push(typed);
                if !self.numbers.is_empty() {
                    self.numbers.push(None);
                }
                self.selected = i;
                self.clear();
                true
            }
            Some(i) => {
                self.selected = i;
                self.clear();
                true
            }
            None => false,
        }
    }

    /// Move among the matches while typing.
    pub fn move_highlight(&mut self, delta: isize) {
        let n = self.matches().len();
        if n > 0 {
            self.highlight = (self.highlight as isize + delta).clamp(0, n as isize - 1) as usize;
        }
    }

    /// The next or previous option, as the arrows on a choice always did.
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

/// Indexes of `haystacks` matching `typed`, best first; equal scores keep their order.
pub fn fuzzy(typed: &str, haystacks: &[String]) -> Vec<usize> {
    let pattern = Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = haystacks
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            pattern
                .score(Utf32Str::new(h, &mut buf), &mut matcher)
                .map(|s| (s, i))
        })
        .collect();
    scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Picker {
        let names = [
            "nobody yet",
            "Shauna Brennan (mother)",
            "Tom Ridley (social worker)",
            "DC Mark Fenton (police)",
            "Gemma Lowe (health visitor)",
        ];
        let search = [
            "",
            "Shauna Brennan mother",
            "Tom Ridley social worker Eastbrook Children's Services",
            "DC Mark Fenton police Eastbrook Police",
            "Gemma Lowe health visitor Eastbrook NHS Trust",
        ];
        Picker::new(names.iter().map(|s| s.to_string()).collect(), 0)
            .with_search(search.iter().map(|s| s.to_string()).collect())
    }

    fn type_text(p: &mut Picker, text: &str) -> Typed {
        let mut last = Typed::Filtering;
        for c in text.chars() {
            last = p.type_char(c);
        }
        last
    }

    #[test]
    fn typing_narrows_by_name_role_or_agency_and_keeps_the_value_until_taken() {
        let mut p = people();
        type_text(&mut p, "mfen");
        assert_eq!(p.best(), Some(3));
        assert_eq!(p.selected, 0, "nothing is taken while typing");
        p.clear();
        type_text(&mut p, "police");
        assert_eq!(p.matches(), vec![3]);
        p.clear();
        type_text(&mut p, "nhs");
        assert_eq!(p.matches(), vec![4]);
        assert!(p.take());
        assert_eq!(p.selected, 4);
        assert!(!p.is_filtering());
    }

    #[test]
    fn nothing_matching_takes_nothing_and_keeps_what_was_typed() {
        let mut p = people();
        type_text(&mut p, "zzq");
        assert!(p.matches().is_empty());
        assert!(!p.take());
        assert_eq!(p.filter, "zzq");
        assert_eq!(p.selected, 0);
    }

    #[test]
    fn the_arrows_choose_among_the_matches() {
        let mut p = people();
        type_text(&mut p, "eastbrook");
        let m = p.matches();
        assert_eq!(m.len(), 3);
        p.move_highlight(1);
        assert!(p.take());
        assert_eq!(p.selected, m[1]);
    }

    #[test]
    fn a_number_takes_its_option_once_no_longer_number_could_be_meant() {
        let scores: Vec<String> = std::iter::once("not scored".to_string())
            .chain((0..=10).map(|n| format!("{n} / 10")))
            .collect();
        let numbers = std::iter::once(None).chain((0..=10).map(Some)).collect();
        let mut p = Picker::new(scores, 0).with_numbers(numbers);
        assert_eq!(p.type_char('7'), Typed::Taken);
        assert_eq!(p.current(), "7 / 10");
        // "1" could be the start of "10": it waits, and Tab takes 1.
        assert_eq!(p.type_char('1'), Typed::Filtering);
        assert_eq!(p.best(), Some(2));
        assert_eq!(p.type_char('0'), Typed::Taken);
        assert_eq!(p.current(), "10 / 10");
        p.type_char('1');
        assert!(p.take());
        assert_eq!(p.current(), "1 / 10");
    }

    #[test]
    fn a_free_picker_takes_a_name_typed_that_is_on_no_list() {
        let mut p = people().free_text();
        type_text(&mut p, "Jo Pike");
        assert_eq!(p.best(), Some(5), "the name as typed comes first");
        assert_eq!(p.label(5), "Jo Pike (as typed)");
        assert!(p.take());
        assert_eq!(p.current(), "Jo Pike");
        // The start of a member's name still finds the member first.
        type_text(&mut p, "tom");
        assert_eq!(p.best(), Some(2));
        assert!(
            p.matches().contains(&6),
            "and the name typed is offered after"
        );
        // A picker without free text never takes what is typed as a name.
        let mut q = people();
        type_text(&mut q, "Jo Pike");
        assert!(!q.matches().contains(&5));
    }

    #[test]
    fn a_typed_word_that_is_an_option_takes_that_option_before_any_fuzzy_match() {
        let answers = ["not recorded", "yes", "no", "not sure"]
            .map(String::from)
            .to_vec();
        let mut p = Picker::new(answers, 0);
        assert_eq!(type_text(&mut p, "no"), Typed::Filtering);
        assert!(p.take());
        assert_eq!(p.current(), "no");
        // A word of a longer option ranks above letters scattered through another.
        type_text(&mut p, "sure");
        assert!(p.take());
        assert_eq!(p.current(), "not sure");
    }
}
