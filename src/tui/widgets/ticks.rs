//! A small dialog of lines to tick: who an item is kept from, which outcomes a contribution
//! speaks to. Space ticks the line under the cursor, a line's own key (c, 1–9) ticks it at
//! once, Enter keeps, Esc cancels. Pure state; `view::overlays::ticks` draws it.

use crate::domain::id::Id;
use crate::domain::plan::Plan;
use crate::domain::privacy::Privacy;

/// What the ticks are kept into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TicksFor {
    /// The privacy of the focused field's item: the first line is "confidential", then one
    /// line for each of these family members.
    Privacy { family: Vec<Id> },
    /// The privacy of the close step's selected flagged passage, as above.
    FlaggedPassage { family: Vec<Id> },
    /// The outcomes the selected contribution speaks to, one line for each of these.
    SpeaksTo { outcomes: Vec<Id> },
}

pub struct Ticks {
    pub title: String,
    pub rows: Vec<String>,
    /// A key that ticks its line at once, shown before it.
    pub keys: Vec<Option<char>>,
    pub on: Vec<bool>,
    pub cursor: usize,
    pub purpose: TicksFor,
}

/// The key of the n-th numbered line: 1–9, then none.
fn digit(n: usize) -> Option<char> {
    char::from_digit(u32::try_from(n + 1).ok()?, 10).filter(|_| n < 9)
}

impl Ticks {
    /// Who may read an item: "confidential" (c), then "not for" each family member (1–9).
    pub fn privacy(now: &Privacy, plan: &Plan, flagged: bool) -> Ticks {
        let family: Vec<&crate::domain::plan::Member> =
            plan.members.iter().filter(|p| p.family).collect();
        let mut rows = vec!["confidential (in no family copy)".to_string()];
        let mut keys = vec![Some('c')];
        let mut on = vec![now.confidential];
        for (i, p) in family.iter().enumerate() {
            rows.push(format!("not for {} ({})", p.name, p.role));
            keys.push(digit(i));
            on.push(now.not_for.contains(&p.id));
        }
        let ids = family.iter().map(|p| p.id.clone()).collect();
        Ticks {
            title: "Who may read this item".into(),
            rows,
            keys,
            on,
            cursor: 0,
            purpose: if flagged {
                TicksFor::FlaggedPassage { family: ids }
            } else {
                TicksFor::Privacy { family: ids }
            },
        }
    }

    /// The plan's outcomes, those a contribution speaks to ticked (1–9 by their place).
    pub fn outcomes(chosen: &[Id], plan: &Plan) -> Ticks {
        let rows = plan
            .outcomes
            .iter()
            .map(|o| format!("{} {}", o.id, o.text))
            .collect();
        Ticks {
            title: "The outcomes this speaks to".into(),
            rows,
            keys: (0..plan.outcomes.len()).map(digit).collect(),
            on: plan
                .outcomes
                .iter()
                .map(|o| chosen.contains(&o.id))
                .collect(),
            cursor: 0,
            purpose: TicksFor::SpeaksTo {
                outcomes: plan.outcomes.iter().map(|o| o.id.clone()).collect(),
            },
        }
    }

    pub fn toggle(&mut self, row: usize) {
        if let Some(t) = self.on.get_mut(row) {
            *t = !*t;
            self.cursor = row;
        }
    }

    /// A line's own key ticks it; `false` when no line has that key.
    pub fn key(&mut self, c: char) -> bool {
        let c = c.to_ascii_lowercase();
        match self.keys.iter().position(|k| *k == Some(c)) {
            Some(row) => {
                self.toggle(row);
                true
            }
            None => false,
        }
    }

    pub fn move_cursor(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
    }

    /// The privacy the ticks say, for the privacy dialogs.
    pub fn privacy_value(&self) -> Privacy {
        let family = match &self.purpose {
            TicksFor::Privacy { family } | TicksFor::FlaggedPassage { family } => family.as_slice(),
            TicksFor::SpeaksTo { .. } => &[],
        };
        Privacy {
            confidential: self.on.first().copied().unwrap_or(false),
            not_for: family
                .iter()
                .zip(self.on.iter().skip(1))
                .filter(|(_, on)| **on)
                .map(|(id, _)| id.clone())
                .collect(),
        }
    }

    /// The outcomes ticked, in the plan's order.
    pub fn chosen(&self) -> Vec<Id> {
        match &self.purpose {
            TicksFor::SpeaksTo { outcomes } => outcomes
                .iter()
                .zip(&self.on)
                .filter(|(_, on)| **on)
                .map(|(id, _)| id.clone())
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tick_their_lines_and_the_value_follows() {
        let plan = crate::domain::example::plan(
            chrono::NaiveDate::from_ymd_opt(2025, 11, 24).unwrap_or_default(),
        );
        let family: Vec<Id> = plan
            .members
            .iter()
            .filter(|p| p.family)
            .map(|p| p.id.clone())
            .collect();
        assert!(family.len() >= 2, "the example has parents");
        let mut t = Ticks::privacy(&Privacy::default(), &plan, false);
        assert!(t.key('1'));
        assert!(t.key('2'));
        assert!(!t.key('z'));
        let p = t.privacy_value();
        assert!(!p.confidential);
        assert_eq!(p.not_for, family[..2].to_vec());
        t.key('2');
        t.key('C');
        let p = t.privacy_value();
        assert!(p.confidential);
        assert_eq!(p.not_for, family[..1].to_vec());
        // What is already set comes back ticked.
        let again = Ticks::privacy(&p, &plan, false);
        assert_eq!(&again.on[..3], &[true, true, false]);
    }
}
