//! The plan as YAML text, serialized and parsed in parts side by side.
//!
//! YAML is most of what opening and closing a long case costs (about 40 ms each way for 5,000
//! actions on one core), and the actions are nearly all of the text. A block sequence under a
//! top-level key is written flush left, exactly as the same sequence on its own, so the actions
//! can be serialized in halves on two threads and put in place of `actions: []` in the rest of
//! the plan: the bytes are the same as serializing the plan whole (the tests check this).
//!
//! Parsing goes the same way in reverse: the `actions:` block is cut at an item flush left into
//! halves, and the rest of the plan gets `actions: []`. Every cut is at the start of a line
//! flush left, where no block scalar or mapping of an action can go on; a quoted or bracketed
//! value running across a cut leaves the part holding its start unterminated. So when every part
//! parses, the plan is the one a whole parse gives; when any part fails, or the text is not plain
//! block YAML, the whole text is parsed, which also gives the error its line and column.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::fingerprint::Fingerprint;
use super::yaml::{self, LoadError};
use crate::domain::plan::{Action, Plan};

/// Below this many actions one thread serializes the plan whole.
const SPLIT_FROM: usize = 500;

/// `yaml::to_string(plan)`, faster for a large plan.
pub fn to_string(plan: &Plan) -> Result<String, String> {
    if plan.actions.len() < SPLIT_FROM {
        return yaml::to_string(plan);
    }
    // Every field named, so a field added to the plan cannot be left out of the shell.
    let Plan {
        case,
        children,
        members,
        outcomes,
        actions,
        key_dates,
        contingency_plan,
        child_seen_every,
    } = plan;
    let shell = Plan {
        case: case.clone(),
        children: children.clone(),
        members: members.clone(),
        outcomes: outcomes.clone(),
        actions: Vec::new(),
        key_dates: key_dates.clone(),
        contingency_plan: contingency_plan.clone(),
        child_seen_every: *child_seen_every,
    };
    let (first, second) = actions.split_at(actions.len() / 2);
    let (shell, first, second) = std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, || yaml::to_string(&second));
        let shell = yaml::to_string(&shell);
        let first = yaml::to_string(&first);
        let second = match other {
            Ok(h) => h
                .join()
                .unwrap_or_else(|_| Err("a thread serializing the plan failed".into())),
            // No thread to be had: this half is serialized here too.
            Err(_) => yaml::to_string(&second),
        };
        (shell, first, second)
    });
    let (shell, first, second) = (shell?, first?, second?);
    const EMPTY: &str = "\nactions: []\n";
    let Some(at) = shell.find(EMPTY) else {
        return yaml::to_string(plan);
    };
    let mut text = String::with_capacity(shell.len() + first.len() + second.len());
    text.push_str(&shell[..at]);
    text.push_str("\nactions:\n");
    text.push_str(&first);
    text.push_str(&second);
    text.push_str(&shell[at + EMPTY.len()..]);
    Ok(text)
}

/// Below this many bytes the plan is parsed whole: it takes a few milliseconds at most, less
/// than reading the parsed copy to take actions from.
const PARSE_SPLIT_FROM: usize = 256 * 1024;
/// New text of at least this many bytes is parsed on two threads.
const TWO_THREADS_FROM: usize = 128 * 1024;

/// A plan parsed from YAML, and the fingerprint of each action's text in the file, in order,
/// when each action is known to come from its own item (else empty).
pub struct Parsed {
    pub plan: Plan,
    pub items: Vec<Fingerprint>,
}

/// `yaml::parse_bytes::<Plan>`, faster: in parts on two threads, and taking from `known` each
/// action whose text in the file has that fingerprint (a copy of what parsing it gave before).
pub fn parse(
    bytes: &[u8],
    file: &Path,
    known: &HashMap<Fingerprint, &Action>,
) -> Result<Parsed, LoadError> {
    parse_from(bytes, file, known, PARSE_SPLIT_FROM)
}

fn parse_from(
    bytes: &[u8],
    file: &Path,
    known: &HashMap<Fingerprint, &Action>,
    split_from: usize,
) -> Result<Parsed, LoadError> {
    if bytes.len() >= split_from
        && let Ok(text) = std::str::from_utf8(bytes)
        && let Some(parsed) = parse_parts(text, file, known)
    {
        return Ok(parsed);
    }
    yaml::parse_bytes(bytes, file).map(|plan| Parsed {
        plan,
        items: Vec::new(),
    })
}

/// The fingerprints of the actions' texts in `text`, a plan coregroup wrote with `actions`
/// actions; `None` when it cannot be cut or the count differs.
pub fn item_prints(text: &[u8], actions: usize) -> Option<Vec<Fingerprint>> {
    let text = std::str::from_utf8(text).ok()?;
    let cut = cut(text)?;
    (cut.items.len() == actions).then(|| {
        cut.items
            .iter()
            .map(|r| Fingerprint::of(text[r.clone()].as_bytes()))
            .collect()
    })
}

/// A plan's text cut for parsing in parts: what comes before the `actions:` line, what comes
/// after its block, and each item of the block (from its `-` flush left to the next).
struct Cut<'a> {
    head: &'a str,
    tail: &'a str,
    items: Vec<Range<usize>>,
}

/// An entry of a block sequence flush left: `-` then a space or the end of the line.
fn is_item(line: &str) -> bool {
    line.starts_with("- ") || line.trim_end() == "-"
}

fn cut(text: &str) -> Option<Cut<'_>> {
    let mut actions_at = None;
    let mut starts = Vec::new();
    let mut end = text.len();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        // Directives and document markers: not what coregroup writes, so not cut.
        if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
            return None;
        }
        if actions_at.is_none() {
            if line.trim_end() == "actions:" {
                actions_at = Some((start, at));
            }
            continue;
        }
        if is_item(line) {
            starts.push(start);
        } else if !(line.starts_with([' ', '#', '\n', '\r']) || line.is_empty()) {
            // The next key flush left ends the block.
            end = start;
            break;
        }
    }
    let (key_start, body_start) = actions_at?;
    if starts.first() != Some(&body_start) {
        return None;
    }
    let items = starts
        .iter()
        .zip(starts.iter().skip(1).chain([&end]))
        .map(|(&a, &b)| a..b)
        .collect();
    Some(Cut {
        head: &text[..key_start],
        tail: &text[end..],
        items,
    })
}

/// New text to parse: a run of items next to each other in the file, and how many.
struct Run<'a> {
    text: &'a str,
    items: usize,
}

enum Piece<'a> {
    Known(&'a Action),
    New,
}

fn parse_parts(text: &str, file: &Path, known: &HashMap<Fingerprint, &Action>) -> Option<Parsed> {
    let cut = cut(text)?;
    let prints: Vec<Fingerprint> = cut
        .items
        .iter()
        .map(|r| Fingerprint::of(text[r.clone()].as_bytes()))
        .collect();
    let mut pieces = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < prints.len() {
        if let Some(a) = known.get(&prints[i]) {
            pieces.push(Piece::Known(a));
            i += 1;
            continue;
        }
        let first = i;
        while i < prints.len() && !known.contains_key(&prints[i]) {
            i += 1;
        }
        // A long run is halved, so two threads can share it.
        let items = &cut.items[first..i];
        let halves = if items.len() >= 2
            && items[items.len() - 1].end - items[0].start >= TWO_THREADS_FROM
        {
            let mid = items.len() / 2;
            vec![&items[..mid], &items[mid..]]
        } else {
            vec![items]
        };
        for h in halves {
            pieces.push(Piece::New);
            runs.push(Run {
                text: &text[h[0].start..h[h.len() - 1].end],
                items: h.len(),
            });
        }
    }
    let new_bytes: usize = runs.iter().map(|r| r.text.len()).sum();
    // The runs whose middle comes before the half-way byte here, the others on a second thread
    // when worth it.
    let mut mid = runs.len();
    if new_bytes >= TWO_THREADS_FROM {
        let mut seen = 0;
        mid = 0;
        for r in &runs {
            if seen + r.text.len() / 2 > new_bytes / 2 {
                break;
            }
            seen += r.text.len();
            mid += 1;
        }
    }
    let (mine, theirs) = runs.split_at(mid);
    let mut rest = String::with_capacity(cut.head.len() + cut.tail.len() + 16);
    rest.push_str(cut.head);
    rest.push_str("actions: []\n");
    rest.push_str(cut.tail);
    // The second thread also checks that what comes before the block and what comes after it
    // each parse alone: a quoted value running from one into the other would swallow the block
    // in a whole parse but not here.
    let other_work = || {
        let alone =
            |t: &str| t.trim().is_empty() || yaml::parse_str::<yaml_serde::Value>(t, file).is_ok();
        let sound = alone(cut.head) && alone(cut.tail);
        (sound, parse_runs(theirs, file))
    };
    let (plan, mine, (sound, theirs)) = std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, other_work);
        let plan = yaml::parse_str::<Plan>(&rest, file).ok();
        let mine = parse_runs(mine, file);
        let theirs = match other {
            Ok(h) => h.join().unwrap_or((false, None)),
            // No thread to be had: done here too.
            Err(_) => other_work(),
        };
        (plan, mine, theirs)
    });
    let mut plan = plan.filter(|p| sound && p.actions.is_empty())?;
    let mut parsed: Vec<Vec<Action>> = mine?;
    parsed.extend(theirs?);
    // Each action came from its own item when every run gave one action an item.
    let aligned = parsed.iter().zip(&runs).all(|(p, r)| p.len() == r.items);
    let mut parsed = parsed.into_iter();
    for piece in pieces {
        match piece {
            Piece::Known(a) => plan.actions.push(a.clone()),
            Piece::New => plan.actions.extend(parsed.next()?),
        }
    }
    Some(Parsed {
        plan,
        items: if aligned { prints } else { Vec::new() },
    })
}

fn parse_runs(runs: &[Run], file: &Path) -> Option<Vec<Vec<Action>>> {
    runs.iter()
        .map(|r| yaml::parse_str::<Vec<Action>>(r.text, file).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{example, large_case};
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn a_large_plan_gives_the_same_bytes_as_serializing_it_whole() {
        let mut plan = large_case::plan(today());
        // Text that YAML must quote, fold or escape, in the first and second halves.
        plan.actions[3].what = "Line one\nline two: with a colon\n  indented".into();
        let last = plan.actions.len() - 1;
        plan.actions[last].what = "- looks like a list\n'quoted' \"both\" #hash".into();
        plan.contingency_plan = "Two lines\nof contingency".into();
        let text = to_string(&plan).unwrap();
        assert_eq!(text, yaml::to_string(&plan).unwrap());
        let back: Plan = yaml::parse_str(&text, std::path::Path::new("plan.yaml")).unwrap();
        assert_eq!(back, plan);
    }

    #[test]
    fn small_and_empty_action_lists_are_serialized_whole() {
        let mut plan = example::plan(today());
        assert_eq!(to_string(&plan).unwrap(), yaml::to_string(&plan).unwrap());
        plan.actions.clear();
        assert_eq!(to_string(&plan).unwrap(), yaml::to_string(&plan).unwrap());
    }

    #[test]
    fn the_split_is_used_at_the_threshold() {
        let mut plan = large_case::plan(today());
        plan.actions.truncate(SPLIT_FROM);
        assert_eq!(to_string(&plan).unwrap(), yaml::to_string(&plan).unwrap());
    }

    fn whole(text: &str) -> Result<Plan, String> {
        yaml::parse_bytes(text.as_bytes(), Path::new("plan.yaml")).map_err(|e| e.to_string())
    }

    /// Parsed in parts whatever the size, taking from `known` what it can.
    fn parts(text: &str, known: &HashMap<Fingerprint, &Action>) -> Result<Parsed, String> {
        parse_from(text.as_bytes(), Path::new("plan.yaml"), known, 0).map_err(|e| e.to_string())
    }

    fn split(text: &str) -> Result<Plan, String> {
        parts(text, &HashMap::new()).map(|p| p.plan)
    }

    /// What the parsed copy of `text`, parsed from `plan`, offers the next parse.
    fn copy_of<'a>(text: &str, plan: &'a Plan) -> HashMap<Fingerprint, &'a Action> {
        item_prints(text.as_bytes(), plan.actions.len())
            .expect("a written plan is cut")
            .into_iter()
            .zip(&plan.actions)
            .collect()
    }

    #[test]
    fn a_large_plan_parses_in_parts_to_the_same_plan() {
        let plan = large_case::plan(today());
        let text = to_string(&plan).unwrap();
        let c = cut(&text).expect("the written plan is cut");
        assert_eq!(c.items.len(), plan.actions.len());
        assert!(text[c.items[0].clone()].starts_with("- id: a1\n"));
        let parsed = parts(&text, &HashMap::new()).unwrap();
        assert_eq!(parsed.plan, plan);
        // Each action's text is known, so the next parse can reuse them.
        assert_eq!(
            Some(parsed.items),
            item_prints(text.as_bytes(), plan.actions.len())
        );
        assert_eq!(
            parse(text.as_bytes(), Path::new("plan.yaml"), &HashMap::new())
                .unwrap()
                .plan,
            plan
        );
    }

    #[test]
    fn after_a_hand_edit_unchanged_actions_come_from_the_copy() {
        let plan = large_case::plan(today());
        let text = to_string(&plan).unwrap();
        let mut copy = plan.clone();
        // Mark the copy so what is taken from it shows.
        for a in &mut copy.actions {
            a.what.push_str(" (from the copy)");
        }
        let known = copy_of(&text, &copy);
        let edited = text.replacen(
            "what: 'Action 7: visit",
            "what: 'Action 7 (edited): visit",
            1,
        );
        let parsed = parts(&edited, &known).unwrap();
        let from_file = whole(&edited).unwrap();
        assert_eq!(parsed.plan.actions.len(), from_file.actions.len());
        for (i, (got, file)) in parsed
            .plan
            .actions
            .iter()
            .zip(&from_file.actions)
            .enumerate()
        {
            if file.id == "a7" {
                assert_eq!(got, file, "the edited action is parsed");
            } else {
                assert_eq!(
                    got, &copy.actions[i],
                    "an unchanged action is taken from the copy"
                );
            }
        }
        assert_eq!(parsed.plan.members, from_file.members);
        // With the true copy, the result is the whole parse's.
        assert_eq!(
            parts(&edited, &copy_of(&text, &plan)).unwrap().plan,
            from_file
        );
    }

    #[test]
    fn a_quoted_value_running_across_the_actions_block_is_not_cut_through() {
        let mut plan = example::plan(today());
        plan.contingency_plan.clear();
        for a in &mut plan.actions {
            a.what = "Plain words".into();
        }
        let text = to_string(&plan).unwrap();
        // A quote opened before `actions:` and closed after the block: a whole parse takes the
        // block into the contingency plan, and the plan has no actions.
        let broken = text
            .replacen(
                "\nactions:\n",
                "\ncontingency_plan: \"opened\nactions:\n",
                1,
            )
            .replacen("\nkey_dates:", "\nclosed\"\nkey_dates:", 1);
        let from_file = whole(&broken).unwrap();
        assert!(from_file.actions.is_empty());
        assert!(
            from_file
                .contingency_plan
                .starts_with("opened actions: - id: ")
        );
        assert_eq!(split(&broken).unwrap(), from_file);
    }

    #[test]
    fn hand_written_layouts_parse_as_a_whole_parse_does() {
        let mut plan = example::plan(today());
        plan.actions[0].what = "Two\nlines".into();
        let text = to_string(&plan).unwrap();
        // Comments and blank lines in the block, actions last, a key after them.
        let commented = text
            .replace("\n- id: ", "\n# an action\n\n- id: ")
            .replace("actions:\n# an action\n\n", "actions:\n");
        for t in [text.clone(), commented, format!("{text}# the end\n")] {
            assert_eq!(split(&t), whole(&t), "{t}");
            assert_eq!(split(&t).unwrap(), plan);
        }
    }

    #[test]
    fn a_bad_part_gives_the_whole_parse_error_with_its_line() {
        let plan = example::plan(today());
        let text = to_string(&plan).unwrap();
        let bad = text.replacen("  what: ", "  wat: ", 3);
        let e = split(&bad).unwrap_err();
        assert_eq!(e, whole(&bad).unwrap_err());
        assert!(e.contains("wat"), "{e}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(200))]
        /// Whatever is done to the lines of a plan, parsing in parts gives what parsing it
        /// whole gives: the same plan, or the same error.
        #[test]
        fn cutting_never_changes_the_result(
            edits in proptest::collection::vec((0usize..400, 0usize..16, proptest::bool::ANY), 1..4)
        ) {
            const LINES: [&str; 16] = [
                "- id: x9", "  what: \"opened", "closed\"", "# note", "", "key_dates:",
                "actions:", "  - date: 2026-01-01", "'", "- [", "]", "  what: |",
                "    block text", "- ", "contingency_plan: 'a", "- id: a1",
            ];
            let plan = example::plan(today());
            let text = to_string(&plan).unwrap();
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            for (at, which, insert) in edits {
                let at = at % (lines.len() + 1);
                if insert || at == lines.len() {
                    lines.insert(at, LINES[which].to_string());
                } else {
                    lines.remove(at);
                }
            }
            let edited = lines.join("\n") + "\n";
            proptest::prop_assert_eq!(split(&edited), whole(&edited));
            // And with the parsed copy of the plan before the edits to take actions from.
            let known = copy_of(&text, &plan);
            proptest::prop_assert_eq!(parts(&edited, &known).map(|p| p.plan), whole(&edited));
        }
    }
}
