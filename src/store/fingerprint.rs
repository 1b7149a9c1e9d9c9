//! Which bytes a thing was read from or written as.

use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

/// A hash and the length of some bytes. Same bytes, same fingerprint, within one build of the
/// program (which is all its users need: the parsed copy of the plan is keyed by the program's
/// version too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    hash: u64,
    len: usize,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Fingerprint {
            hash: h.finish(),
            len: bytes.len(),
        }
    }
}
