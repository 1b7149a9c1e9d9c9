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

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::fingerprint::Fingerprint;
use super::yaml::{self, LoadError, SerializeError};
use crate::domain::plan::{Action, Plan};

/// Below this many actions one thread serializes the plan whole.
const SPLIT_FROM: usize = 500;

/// `yaml::to_string(plan)`, faster for a large plan.
pub fn to_string(plan: &Plan) -> Result<String, SerializeError> {
    if plan.actions.len() < SPLIT_FROM {
        return yaml::to_string(plan);
    }
    let (first, second) = plan.actions.split_at(plan.actions.len() / 2);
    let (second, (shell, first)) = side_by_side(
        || yaml::to_string(&second),
        || (Shell::of(plan), yaml::to_string(&first)),
    );
    let second = second.unwrap_or(Err(SerializeError::Thread));
    let (Some(shell), first, second) = (shell?, first?, second?) else {
        return yaml::to_string(plan);
    };
    Ok(shell.with_actions(&[first.as_str(), second.as_str()]))
}

/// `to_string(plan)` for a plan a meeting made from `previous`, whose YAML coregroup wrote as
/// `previous_text`: the text of each action the meeting left as it was is taken from there, so
/// only what changed is emitted. The text of an action in a block sequence flush left does not
/// depend on its neighbours, and equal actions give equal text, so the result is the same bytes.
pub fn to_string_reusing(
    plan: &Plan,
    previous: &Plan,
    previous_text: &str,
) -> Result<String, SerializeError> {
    let cut = cut(previous_text).filter(|c| c.items.len() == previous.actions.len());
    let Some(cut) = cut.filter(|_| plan.actions.len() >= SPLIT_FROM) else {
        return to_string(plan);
    };
    let before: HashMap<&str, usize> = previous
        .actions
        .iter()
        .enumerate()
        .map(|(j, a)| (a.id.as_str(), j))
        .collect();
    let kept = |a: &Action| {
        before
            .get(a.id.as_str())
            .filter(|&&j| previous.actions[j] == *a)
            .map(|&j| &previous_text[cut.items[j].clone()])
    };
    let changed = plan.actions.iter().filter(|a| kept(a).is_none()).count();
    // Most actions changed: emitting them all on two threads is as quick.
    if changed * 2 > plan.actions.len() {
        return to_string(plan);
    }
    let Some(shell) = Shell::of(plan)? else {
        return yaml::to_string(plan);
    };
    let mut pieces: Vec<Cow<str>> = Vec::new();
    let mut run = 0;
    for (i, a) in plan.actions.iter().enumerate() {
        if let Some(text) = kept(a) {
            if run < i {
                pieces.push(Cow::Owned(yaml::to_string(&&plan.actions[run..i])?));
            }
            pieces.push(Cow::Borrowed(text));
            run = i + 1;
        }
    }
    if run < plan.actions.len() {
        pieces.push(Cow::Owned(yaml::to_string(&&plan.actions[run..])?));
    }
    let pieces: Vec<&str> = pieces.iter().map(|p| p.as_ref()).collect();
    Ok(shell.with_actions(&pieces))
}

/// The plan's YAML without its actions, cut where `actions: []` stands.
struct Shell {
    text: String,
    at: usize,
}

impl Shell {
    const EMPTY: &str = "\nactions: []\n";

    /// `None` when the empty list cannot be found (never for a plan; the caller then emits the
    /// plan whole).
    fn of(plan: &Plan) -> Result<Option<Shell>, SerializeError> {
        // Every field named, so a field added to the plan cannot be left out of the shell.
        let Plan {
            format,
            case,
            children,
            members,
            outcomes,
            why,
            actions: _,
            key_dates,
            contingency_plan,
            child_seen_every,
            disagreements,
        } = plan;
        let shell = Plan {
            format: *format,
            case: case.clone(),
            children: children.clone(),
            members: members.clone(),
            outcomes: outcomes.clone(),
            why: why.clone(),
            actions: Vec::new(),
            key_dates: key_dates.clone(),
            contingency_plan: contingency_plan.clone(),
            child_seen_every: *child_seen_every,
            disagreements: disagreements.clone(),
        };
        let text = yaml::to_string(&shell)?;
        Ok(text.find(Self::EMPTY).map(|at| Shell { text, at }))
    }

    fn with_actions(&self, actions: &[&str]) -> String {
        let len = actions.iter().map(|a| a.len()).sum::<usize>();
        let mut out = String::with_capacity(self.text.len() + len);
        out.push_str(&self.text[..self.at]);
        out.push_str("\nactions:\n");
        for a in actions {
            out.push_str(a);
        }
        out.push_str(&self.text[self.at + Self::EMPTY.len()..]);
        out
    }
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
    let bytes = yaml::without_bom(bytes);
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
    let (other, (plan, mine)) = side_by_side(other_work, || {
        let plan = yaml::parse_str::<Plan>(&rest, file).ok();
        (plan, parse_runs(mine, file))
    });
    let (sound, theirs) = other.unwrap_or((false, None));
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

/// `other` on a second thread while `here` runs on this one (`other` runs here too when no
/// thread can be had); `None` for `other` when its thread panicked.
fn side_by_side<A: Send, B>(
    other: impl Fn() -> A + Sync,
    here: impl FnOnce() -> B,
) -> (Option<A>, B) {
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new().spawn_scoped(s, &other);
        let b = here();
        let a = match spawned {
            Ok(h) => h.join().ok(),
            Err(_) => Some(other()),
        };
        (a, b)
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

    /// A plan of 600 actions (enough to be emitted in parts), its YAML, and a meeting's change of
    /// it made by `change`: reusing the unchanged actions' text gives the bytes of emitting the
    /// changed plan whole.
    fn reuse_gives_the_same_bytes(change: impl Fn(&mut Plan)) {
        let mut previous = large_case::plan(today());
        previous.actions.truncate(600);
        let previous_text = to_string(&previous).unwrap();
        let mut plan = previous.clone();
        change(&mut plan);
        assert_eq!(
            to_string_reusing(&plan, &previous, &previous_text).unwrap(),
            yaml::to_string(&plan).unwrap()
        );
    }

    #[test]
    fn closing_reuses_the_text_of_unchanged_actions_to_the_same_bytes() {
        reuse_gives_the_same_bytes(|_| {});
        // Reviews: statuses and history added here and there, one action reworded.
        reuse_gives_the_same_bytes(|p| {
            for i in (0..p.actions.len()).step_by(7) {
                p.actions[i].status = crate::domain::plan::ActionStatus::Achieved;
                p.actions[i]
                    .history
                    .push(crate::domain::plan::ActionUpdate {
                        privacy: Default::default(),
                        date: today(),
                        status: crate::domain::plan::ActionStatus::Achieved,
                        by: None,
                        changed: Vec::new(),
                        made: Default::default(),
                        note: "Reviewed: done.\nSecond line".into(),
                    });
            }
            p.actions[0].what = "Reworded: 'quoted' and \"double\"".into();
        });
        // New actions at the end and in the middle, one removed, two swapped, an id reused for
        // different work, and a change outside the actions.
        reuse_gives_the_same_bytes(|p| {
            let mut new = p.actions[10].clone();
            new.id = "a-new".into();
            new.what = "A new action".into();
            p.actions.push(new.clone());
            new.id = "a-new-2".into();
            p.actions.insert(300, new);
            p.actions.remove(5);
            p.actions.swap(20, 21);
            p.actions[40].id = p.actions[41].id.clone();
            p.contingency_plan = "Changed at the meeting".into();
        });
    }

    #[test]
    fn text_that_does_not_cut_to_the_previous_actions_is_not_reused() {
        let mut previous = large_case::plan(today());
        previous.actions.truncate(600);
        // An action's text that is not what coregroup writes: one more item than actions.
        let previous_text =
            to_string(&previous)
                .unwrap()
                .replacen("\n- id: a2\n", "\n- id: a2\n- id: stray\n", 1);
        let mut plan = previous.clone();
        plan.actions[1].status = crate::domain::plan::ActionStatus::Achieved;
        assert_eq!(
            to_string_reusing(&plan, &previous, &previous_text).unwrap(),
            yaml::to_string(&plan).unwrap()
        );
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

    fn whole(text: &str) -> Result<Plan, LoadError> {
        yaml::parse_bytes(text.as_bytes(), Path::new("plan.yaml"))
    }

    /// Parsed in parts whatever the size, taking from `known` what it can.
    fn parts(text: &str, known: &HashMap<Fingerprint, &Action>) -> Result<Parsed, LoadError> {
        parse_from(text.as_bytes(), Path::new("plan.yaml"), known, 0)
    }

    fn split(text: &str) -> Result<Plan, LoadError> {
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
        // The misspelt field leaves the action without `what`, which is what is said.
        assert!(e.message.contains("what"), "{e}");
        assert_eq!((e.line, e.column), (Some(102), Some(3)), "{e}");
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
