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

use std::path::Path;

use crate::domain::plan::{Action, Plan};

use super::yaml::{self, LoadError};

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

/// Below this many bytes the plan is parsed whole.
const PARSE_SPLIT_FROM: usize = 256 * 1024;

/// `yaml::parse_bytes::<Plan>`, faster for a large plan.
pub fn parse(bytes: &[u8], file: &Path) -> Result<Plan, LoadError> {
    parse_from(bytes, file, PARSE_SPLIT_FROM)
}

fn parse_from(bytes: &[u8], file: &Path, split_from: usize) -> Result<Plan, LoadError> {
    if bytes.len() >= split_from
        && let Ok(text) = std::str::from_utf8(bytes)
        && let Some(plan) = parse_split(text, file)
    {
        return Ok(plan);
    }
    yaml::parse_bytes(bytes, file)
}

/// The rest of the plan with `actions: []`, and the two halves of the actions block.
fn cut(text: &str) -> Option<(String, &str, &str)> {
    let mut actions_at = None;
    let mut items = Vec::new();
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
        if line.starts_with("- ") || line.trim_end() == "-" {
            items.push(start);
        } else if !(line.starts_with([' ', '#', '\n', '\r']) || line.is_empty()) {
            // The next key flush left ends the block.
            end = start;
            break;
        }
    }
    let (key_start, body_start) = actions_at?;
    let middle = *items.get(items.len() / 2).filter(|_| items.len() >= 2)?;
    if items.first() != Some(&body_start) {
        return None;
    }
    let mut rest = String::with_capacity(text.len() - (end - key_start) + 16);
    rest.push_str(&text[..key_start]);
    rest.push_str("actions: []\n");
    rest.push_str(&text[end..]);
    Some((rest, &text[body_start..middle], &text[middle..end]))
}

fn parse_split(text: &str, file: &Path) -> Option<Plan> {
    let (rest, first, second) = cut(text)?;
    let (rest, first, second) = std::thread::scope(|s| {
        let other = std::thread::Builder::new()
            .spawn_scoped(s, || yaml::parse_str::<Vec<Action>>(second, file).ok());
        let rest = yaml::parse_str::<Plan>(&rest, file).ok();
        let first = yaml::parse_str::<Vec<Action>>(first, file).ok();
        let second = match other {
            Ok(h) => h.join().ok().flatten(),
            // No thread to be had: this half is parsed here too.
            Err(_) => yaml::parse_str::<Vec<Action>>(second, file).ok(),
        };
        (rest, first, second)
    });
    let mut plan = rest?;
    if !plan.actions.is_empty() {
        return None;
    }
    plan.actions = first?;
    plan.actions.extend(second?);
    Some(plan)
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

    fn split(text: &str) -> Result<Plan, String> {
        parse_from(text.as_bytes(), Path::new("plan.yaml"), 0).map_err(|e| e.to_string())
    }

    #[test]
    fn a_large_plan_parses_in_halves_to_the_same_plan() {
        let plan = large_case::plan(today());
        let text = to_string(&plan).unwrap();
        let (rest, first, second) = cut(&text).expect("the written plan is cut");
        assert!(rest.contains("\nactions: []\n"));
        assert!(first.starts_with("- id: ") && second.starts_with("- id: "));
        assert_eq!(split(&text).unwrap(), plan);
        assert_eq!(
            parse(text.as_bytes(), Path::new("plan.yaml")).unwrap(),
            plan
        );
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
            let mut lines: Vec<String> =
                to_string(&plan).unwrap().lines().map(str::to_string).collect();
            for (at, which, insert) in edits {
                let at = at % (lines.len() + 1);
                if insert || at == lines.len() {
                    lines.insert(at, LINES[which].to_string());
                } else {
                    lines.remove(at);
                }
            }
            let text = lines.join("\n") + "\n";
            proptest::prop_assert_eq!(split(&text), whole(&text));
        }
    }
}
