//! Who may read a piece of typed text. Every item a person types into the record or the plan
//! carries one [`Privacy`]; the reader's view (`domain::reader`) is the only place that reads
//! it to decide what a reader gets.

use serde::{Deserialize, Serialize};

use super::id::Id;

/// Who may read a free-text item, the same for every item of the record and the plan:
/// confidential items are kept out of every family copy; an item not for some family members is
/// kept out of theirs. Flattened into each item, so `confidential: true` and `not_for: [dad]` sit
/// beside the text they govern and files without them load as open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Privacy {
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
    /// Family members (by id) who must not read it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_for: Vec<Id>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Privacy {
    /// Confidential or open, for no one in particular.
    pub fn marked(confidential: bool) -> Privacy {
        Privacy {
            confidential,
            not_for: Vec::new(),
        }
    }

    pub fn is_open(&self) -> bool {
        !self.confidential && self.not_for.is_empty()
    }

    /// Whether a family copy may not carry it: the copy for `reader`, or with `None` the copy
    /// for every family member, which carries nothing restricted from anyone.
    pub fn hidden_from(&self, reader: Option<&str>) -> bool {
        self.confidential
            || match reader {
                Some(id) => self.not_for.iter().any(|n| n == id),
                None => !self.not_for.is_empty(),
            }
    }

    /// The stricter of the two: text made from two items may be read only by whoever may read
    /// both.
    pub fn and(&self, other: &Privacy) -> Privacy {
        let mut not_for = self.not_for.clone();
        for id in &other.not_for {
            if !not_for.contains(id) {
                not_for.push(id.clone());
            }
        }
        Privacy {
            confidential: self.confidential || other.confidential,
            not_for,
        }
    }
}
