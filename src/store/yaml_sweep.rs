//! Every problem in a YAML file in one run, not one per run. The first is found with its line
//! and column as the file is read; the sweep then reads the file again as a tree, takes out each
//! part that fails (a misspelt field, a bad value, an entry missing a field) and reads on, naming
//! each further problem by its field path (the tree keeps no line numbers).
//!
//! The limit: a syntax error (a bad indent, an unclosed quote) stops the YAML parser itself, so
//! then only that first error can be reported.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use yaml_serde::Value;

use super::yaml::{LoadError, hint_for};

/// Enough for any real file; a file with more problems than this is reported in parts.
const MAX_PROBLEMS: usize = 50;

/// The problems after the first (the one reading `text` gave), each once.
pub fn further_errors<T: DeserializeOwned>(text: &str, file: &Path) -> Vec<LoadError> {
    let Ok(mut tree) = super::yaml::parse_value(text, file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // What the sweep took out, in the file's own terms, so a "missing field" it caused itself is
    // not reported and list entries keep the index they have in the file.
    let mut removed: Vec<Vec<Seg>> = Vec::new();
    for round in 0..MAX_PROBLEMS {
        let e = match serde_path_to_error::deserialize::<_, T>(&tree) {
            Ok(_) => break,
            Err(e) => e,
        };
        let now = segs(e.path());
        let at = original(&now, &removed);
        // No line to cut a quoted value at: cut it short.
        let message = super::yaml::clip_quotes(&e.inner().to_string(), super::yaml::MAX_QUOTE);
        let caused_by_sweep = missing_field(&message).is_some_and(|f| {
            let mut field = at.clone();
            field.push(Seg::Key(f.to_string()));
            removed.contains(&field)
        });
        // The first round finds what reading the file found already.
        if round > 0 && !caused_by_sweep {
            out.push(LoadError::new(
                file,
                format!("{}: {message}", show(&at)),
                hint_for(&message),
            ));
        }
        if now.is_empty() || !remove(&mut tree, &now) {
            break;
        }
        removed.push(at);
    }
    out
}

/// A step of a field path: a mapping's key or a list's index.
#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn segs(path: &serde_path_to_error::Path) -> Vec<Seg> {
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(Seg::Index(*index)),
            Segment::Map { key } => Some(Seg::Key(key.clone())),
            Segment::Enum { .. } => None,
            Segment::Unknown => Some(Seg::Key("?".into())),
        })
        .collect()
}

/// A path in the tree as it now is, in the file's terms: list entries taken out before an index
/// move it back up.
fn original(now: &[Seg], removed: &[Vec<Seg>]) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    for seg in now {
        match seg {
            Seg::Index(i) => {
                let mut gone: Vec<usize> = removed
                    .iter()
                    .filter_map(|r| match r.split_last() {
                        Some((Seg::Index(d), parent)) if parent == out.as_slice() => Some(*d),
                        _ => None,
                    })
                    .collect();
                gone.sort_unstable();
                let mut index = *i;
                for d in gone {
                    if d <= index {
                        index += 1;
                    }
                }
                out.push(Seg::Index(index));
            }
            key => out.push(key.clone()),
        }
    }
    out
}

fn show(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if out.is_empty() => out.push_str(k),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        "the file".into()
    } else {
        out
    }
}

fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|m| m.split('`').next())
}

/// Take the node at `path` out of the tree; false when it is not there (nothing to repair).
fn remove(node: &mut Value, path: &[Seg]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return false;
    };
    if let Value::Tagged(t) = node {
        return remove(&mut t.value, path);
    }
    if rest.is_empty() {
        return match (first, node) {
            (Seg::Index(i), Value::Sequence(s)) if *i < s.len() => {
                s.remove(*i);
                true
            }
            (Seg::Key(k), Value::Mapping(m)) => m.remove(k.as_str()).is_some(),
            _ => false,
        };
    }
    let child = match (first, node) {
        (Seg::Index(i), Value::Sequence(s)) => s.get_mut(*i),
        (Seg::Key(k), Value::Mapping(m)) => m.get_mut(k.as_str()),
        _ => None,
    };
    child.is_some_and(|c| remove(c, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Plan;

    const BAD: &str = "\
case:
  reference: X
  local_authority: Y
  colour: red
children:
  - id: c1
    name: A
    categories: [neglect]
    plan_started: 2026-01-01
    hair: brown
  - id: c2
    name: B
    categories: [neglec]
    plan_started: 2026-13-01
  - id: c3
    name: C
    categories: [neglect]
  - id: c4
    name: D
    categories: [sexual]
    plan_started: 2026-01-01
    eyes: blue
members: []
outcomes:
  - id: o1
    child: c1
    text: Safe
    origin: confrence
";

    #[test]
    fn every_problem_after_the_first_is_found_in_one_run() {
        let first = super::super::yaml::parse_str::<Plan>(BAD, Path::new("plan.yaml")).unwrap_err();
        assert!(first.message.contains("colour"), "{first}");
        assert_eq!(first.line, Some(4));
        let more: Vec<String> = further_errors::<Plan>(BAD, Path::new("plan.yaml"))
            .into_iter()
            .map(|e| e.message)
            .collect();
        let expect = [
            "children[0].hair: unknown field `hair`",
            "children[1].categories[0]: unknown variant `neglec`",
            "children[1].plan_started: input is out of range",
            "children[2]: missing field `plan_started`",
            "children[3].eyes: unknown field `eyes`",
            "outcomes[0].origin: unknown variant `confrence`",
        ];
        assert_eq!(more.len(), expect.len(), "{more:#?}");
        for (got, want) in more.iter().zip(expect) {
            assert!(got.starts_with(want), "{got} should start {want}");
        }
    }

    #[test]
    fn a_syntax_error_stops_the_sweep_honestly() {
        let text = "case:\n  reference: \"X\n  colour: red\n";
        assert!(further_errors::<Plan>(text, Path::new("plan.yaml")).is_empty());
    }

    #[test]
    fn a_sound_file_has_none() {
        let plan = crate::domain::example::plan("2026-11-24".parse().unwrap());
        let text = yaml_serde::to_string(&plan).unwrap();
        assert!(further_errors::<Plan>(&text, Path::new("plan.yaml")).is_empty());
    }
}
