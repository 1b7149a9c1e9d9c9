//! A field of the plan changed both ways (`plan_merge::Conflict`), in words a chair reads: which
//! field ("Mother's address", "Action a1 (Walk Kayla to school): status") and each side's value
//! ("withheld", "achieved"), instead of `members[mum].withhold_address: true`.

use serde_json::Value;

use super::plan_merge::Conflict;

/// One conflict as the chair is asked about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictWords {
    /// The field, as `Mother (Jane Doe)'s address`.
    pub field: String,
    /// The value `plan.yaml` holds (edited by hand).
    pub hand: String,
    /// The meeting's value.
    pub meeting: String,
}

/// The conflict `c` in words, its items named from `plan` (the plan as serialised: either side
/// names them the same way).
pub fn describe(c: &Conflict, plan: &Value) -> ConflictWords {
    let (field, last) = field_words(&c.path, plan);
    ConflictWords {
        field,
        hand: value_words(&last, c.theirs.as_ref()),
        meeting: value_words(&last, c.ours.as_ref()),
    }
}

/// A path's segments: `members[dad].address` is `members`, `[dad]`, `address`.
#[derive(Debug, PartialEq)]
enum Segment<'a> {
    Key(&'a str),
    Item(&'a str),
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            // Ids never hold `]` (validate refuses them), so the first one closes the item.
            let end = after.find(']').unwrap_or(after.len());
            out.push(Segment::Item(&after[..end]));
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let rest_ = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_.find(['.', '[']).unwrap_or(rest_.len());
            out.push(Segment::Key(&rest_[..end]));
            rest = &rest_[end..];
        }
    }
    out
}

/// The field's words, and the last key (it says how to word the values).
fn field_words(path: &str, plan: &Value) -> (String, String) {
    if path.is_empty() {
        return ("The whole plan".into(), String::new());
    }
    let segs = segments(path);
    let mut owner: Option<String> = None;
    let mut words: Vec<String> = Vec::new();
    let mut cursor = Some(plan);
    let mut last = String::new();
    let mut i = 0;
    while i < segs.len() {
        match (&segs[i], segs.get(i + 1)) {
            (Segment::Key(list), Some(Segment::Item(id))) => {
                let item = cursor
                    .and_then(|v| v.get(*list))
                    .and_then(Value::as_array)
                    .and_then(|items| items.iter().find(|x| x["id"].as_str() == Some(*id)));
                owner = Some(item_words(list, id, item));
                words.clear();
                cursor = item;
                last.clear();
                i += 2;
            }
            (Segment::Key(k), _) => {
                cursor = cursor.and_then(|v| v.get(*k));
                if !(owner.is_none() && words.is_empty() && *k == "case") {
                    words.push(key_words(k));
                }
                last = (*k).to_string();
                i += 1;
            }
            (Segment::Item(id), _) => {
                words.push(format!("item {id}"));
                i += 1;
            }
        }
    }
    let what = words.join(", ");
    let field = match (owner, what.is_empty()) {
        (Some(o), true) => o,
        (Some(o), false) if key_is_possessive(&last) => format!("{o}'s {what}"),
        (Some(o), false) => format!("{o}: {what}"),
        (None, _) if what.starts_with("family's") => format!("The {what}"),
        (None, _) if path.starts_with("case.") => format!("The case's {what}"),
        (None, _) => capitalise(&what),
    };
    (field, last)
}

/// Fields of a person read as theirs ("Mother's address"); others as "Action a1: status".
fn key_is_possessive(key: &str) -> bool {
    matches!(
        key,
        "address"
            | "withhold_address"
            | "name"
            | "role"
            | "agency"
            | "email"
            | "language"
            | "left"
            | "family_address"
            | "withhold_family_address"
    )
}

/// An item of a list, by what a chair knows it by.
fn item_words(list: &str, id: &str, item: Option<&Value>) -> String {
    let text = |k: &str| item.and_then(|v| v.get(k)).and_then(Value::as_str);
    let short = |s: &str| {
        let s: String = s.chars().take(40).collect();
        if s.chars().count() == 40 {
            format!("{}…", s.trim_end())
        } else {
            s
        }
    };
    match list {
        "members" => match (text("role"), text("name")) {
            (Some(role), Some(name)) => format!("{role} ({name})"),
            (_, Some(name)) => name.to_string(),
            _ => format!("The member {id}"),
        },
        "children" => text("name").map_or(format!("The child {id}"), str::to_string),
        "actions" => match text("what") {
            Some(what) => format!("Action {id} ({})", short(what)),
            None => format!("Action {id}"),
        },
        "outcomes" => match text("text") {
            Some(t) => format!("Outcome {id} ({})", short(t)),
            None => format!("Outcome {id}"),
        },
        other => format!("{} {id}", capitalise(&key_words(other))),
    }
}

fn key_words(key: &str) -> String {
    match key {
        "withhold_address" => "address".into(),
        "withhold_family_address" | "family_address" => "family's address".into(),
        "key_dates" => "key dates".into(),
        "contingency_plan" => "contingency plan".into(),
        "child_seen_every" => "how often the child is seen".into(),
        "what" => "what is to be done".into(),
        "owner" => "who".into(),
        "due" => "by when".into(),
        "outcome" => "the outcome it serves".into(),
        other => other.replace('_', " "),
    }
}

/// A value as words: a withheld address "withheld", a status "achieved", a list one item a line
/// joined by "; ", something that is not there "(none)".
fn value_words(key: &str, v: Option<&Value>) -> String {
    let withhold = key.starts_with("withhold_");
    match v {
        None | Some(Value::Null) if withhold => "not withheld".into(),
        None | Some(Value::Null) => "(none)".into(),
        Some(Value::Bool(b)) if withhold => if *b { "withheld" } else { "not withheld" }.into(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        Some(Value::String(s)) if key == "status" => s.replace('-', " "),
        Some(Value::String(s)) if s.is_empty() => "(empty)".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) if items.is_empty() => "(none)".into(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|x| value_words("", Some(x)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(Value::Object(o)) => o
            .iter()
            .filter(|(k, _)| *k != "id")
            .map(|(k, x)| format!("{}: {}", key_words(k), value_words(k, Some(x))))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan_merge::Kept;
    use serde_json::json;

    fn conflict(path: &str, ours: Option<Value>, theirs: Option<Value>) -> Conflict {
        Conflict {
            path: path.into(),
            base: None,
            ours,
            theirs,
            kept: Kept::Theirs,
        }
    }

    fn plan() -> Value {
        json!({
            "case": {"reference": "C1"},
            "members": [{"id": "mum", "name": "Jane Doe", "role": "Mother"}],
            "actions": [{"id": "a1", "what": "Walk Kayla to school", "status": "in-progress"}],
        })
    }

    #[test]
    fn a_withheld_address_reads_as_the_chair_would_say_it() {
        let w = describe(
            &conflict("members[mum].withhold_address", None, Some(json!(true))),
            &plan(),
        );
        assert_eq!(w.field, "Mother (Jane Doe)'s address");
        assert_eq!(w.hand, "withheld");
        assert_eq!(w.meeting, "not withheld");
    }

    #[test]
    fn an_action_s_status_a_case_field_and_a_whole_item() {
        let w = describe(
            &conflict(
                "actions[a1].status",
                Some(json!("achieved")),
                Some(json!("no-longer-needed")),
            ),
            &plan(),
        );
        assert_eq!(w.field, "Action a1 (Walk Kayla to school): status");
        let what = conflict(
            "actions[a1].what",
            Some(json!("Walk")),
            Some(json!("Drive")),
        );
        assert_eq!(
            describe(&what, &plan()).field,
            "Action a1 (Walk Kayla to school): what is to be done"
        );
        assert_eq!(
            (w.hand.as_str(), w.meeting.as_str()),
            ("no longer needed", "achieved")
        );
        let w = describe(
            &conflict("case.family_address", Some(json!("1 Road")), None),
            &plan(),
        );
        assert_eq!(w.field, "The family's address");
        assert_eq!(w.hand, "(none)");
        let w = describe(
            &conflict(
                "actions[a1]",
                Some(json!({"id": "a1", "what": "Walk"})),
                None,
            ),
            &plan(),
        );
        assert_eq!(w.field, "Action a1 (Walk Kayla to school)");
        assert_eq!(w.meeting, "what is to be done: Walk");
        assert_eq!(
            describe(&conflict("", None, None), &plan()).field,
            "The whole plan"
        );
    }
}
