//! The plan as YAML text, serialized in parts side by side.
//!
//! Emitting YAML is most of what closing a long case costs (about 40 ms for 5,000 actions on one
//! core), and the actions are nearly all of the text. A block sequence under a top-level key is
//! emitted flush left, exactly as the same sequence on its own, so the actions can be serialized
//! in halves on two threads and put in place of `actions: []` in the rest of the plan: the bytes
//! are the same as serializing the plan whole (the tests check this).

use crate::domain::plan::Plan;

use super::yaml;

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
}
