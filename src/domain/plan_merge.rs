//! Three-way merge of the plan: the plan a writer began from (base), what the writer made of it
//! (ours: a meeting's decisions, a form's change) and the plan as it is now (theirs: a hand edit,
//! another screen's save).
//!
//! It walks the serialised value, not the typed plan, so a field added later merges with no new
//! code: objects key by key, lists of items carrying an `id` item by item, other lists by what
//! each side appended. A change made on one side only is taken; the same change on both is taken
//! once; a field changed both ways is a [`Conflict`]: the value as it is now is kept and the
//! writer's value is handed back, so neither is lost.

use serde_json::{Map, Value};

/// A field both sides changed, differently. `None` is a field (or item) that is not there.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Where, as `members[dad].address` or `case.family_address`.
    pub path: String,
    pub base: Option<Value>,
    /// The writer's value: not applied, unless `kept` says so.
    pub ours: Option<Value>,
    /// The value as it is now: kept, unless `kept` says otherwise.
    pub theirs: Option<Value>,
    /// Which of the two the merged value holds.
    pub kept: Kept,
}

/// Which side's value a conflicting field keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kept {
    /// The value as it is now (a hand edit): what a merge does unless told otherwise.
    #[default]
    Theirs,
    /// The writer's value, chosen by someone who saw both (the chair at a close).
    Ours,
}

impl Conflict {
    /// The value the merge did not keep.
    pub fn not_kept(&self) -> &Option<Value> {
        match self.kept {
            Kept::Theirs => &self.ours,
            Kept::Ours => &self.theirs,
        }
    }

    /// The value the merge kept.
    pub fn kept_value(&self) -> &Option<Value> {
        match self.kept {
            Kept::Theirs => &self.theirs,
            Kept::Ours => &self.ours,
        }
    }
}

/// The merged value and what could not be merged.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub value: Value,
    pub conflicts: Vec<Conflict>,
}

/// Merge `ours` and `theirs`, both made from `base`.
pub fn merge(base: &Value, ours: &Value, theirs: &Value) -> Merged {
    merge_taking(base, ours, theirs, &[])
}

/// [`merge`], keeping the writer's value in the conflicts at `take_ours` (paths as
/// [`Conflict::path`] names them): someone saw both values and chose the writer's.
pub fn merge_taking(base: &Value, ours: &Value, theirs: &Value, take_ours: &[String]) -> Merged {
    let mut walk = Walk {
        take_ours,
        conflicts: Vec::new(),
    };
    let value = walk
        .at("", Some(base), Some(ours), Some(theirs))
        .unwrap_or_else(|| theirs.clone());
    Merged {
        value,
        conflicts: walk.conflicts,
    }
}

/// What `ours` changed from `base`, applied to `theirs`, when nothing it changed was changed in
/// `theirs` too; else the fields changed both ways. For a form: write only what the user changed.
pub fn apply_changes(base: &Value, ours: &Value, theirs: &Value) -> Result<Value, Vec<String>> {
    let m = merge(base, ours, theirs);
    if m.conflicts.is_empty() {
        Ok(m.value)
    } else {
        Err(m.conflicts.into_iter().map(|c| c.path).collect())
    }
}

/// The walk over the values: what to take and what was found changed both ways.
struct Walk<'a> {
    take_ours: &'a [String],
    conflicts: Vec<Conflict>,
}

impl Walk<'_> {
    fn at(
        &mut self,
        path: &str,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        if ours == theirs || ours == base {
            return theirs.cloned();
        }
        if theirs == base {
            return ours.cloned();
        }
        match (base, ours, theirs) {
            (b, Some(Value::Object(o)), Some(Value::Object(t)))
                if b.is_none_or(Value::is_object) =>
            {
                let b = b.and_then(Value::as_object);
                return Some(Value::Object(self.objects(path, b, o, t)));
            }
            (b, Some(Value::Array(o)), Some(Value::Array(t))) if b.is_none_or(Value::is_array) => {
                let b = b.and_then(Value::as_array);
                if let Some(merged) = self.arrays(path, b, o, t) {
                    return Some(Value::Array(merged));
                }
            }
            _ => {}
        }
        let kept = if self.take_ours.iter().any(|p| p == path) {
            Kept::Ours
        } else {
            Kept::Theirs
        };
        self.conflicts.push(Conflict {
            path: path.to_string(),
            base: base.cloned(),
            ours: ours.cloned(),
            theirs: theirs.cloned(),
            kept,
        });
        match kept {
            Kept::Theirs => theirs.cloned(),
            Kept::Ours => ours.cloned(),
        }
    }

    fn objects(
        &mut self,
        path: &str,
        base: Option<&Map<String, Value>>,
        ours: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Map<String, Value> {
        // Theirs' order, then keys only the writer has.
        let mut keys: Vec<&String> = theirs.keys().collect();
        keys.extend(ours.keys().filter(|k| !theirs.contains_key(*k)));
        if let Some(b) = base {
            keys.extend(
                b.keys()
                    .filter(|k| !theirs.contains_key(*k) && !ours.contains_key(*k)),
            );
        }
        let mut out = Map::new();
        for key in keys {
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let merged = self.at(
                &at,
                base.and_then(|b| b.get(key)),
                ours.get(key),
                theirs.get(key),
            );
            if let Some(v) = merged {
                out.insert(key.clone(), v);
            }
        }
        out
    }
}

/// An item's `id`, when it is an object carrying one as text.
fn id_of(v: &Value) -> Option<&str> {
    v.as_object()?.get("id")?.as_str()
}

/// The items of a list by id, when every item has one and none is repeated.
fn keyed(items: &[Value]) -> Option<Vec<(&str, &Value)>> {
    let mut out: Vec<(&str, &Value)> = Vec::with_capacity(items.len());
    for item in items {
        let id = id_of(item)?;
        if out.iter().any(|(i, _)| *i == id) {
            return None;
        }
        out.push((id, item));
    }
    Some(out)
}

fn find<'a>(items: &[(&str, &'a Value)], id: &str) -> Option<&'a Value> {
    items.iter().find(|(i, _)| *i == id).map(|(_, v)| *v)
}

impl Walk<'_> {
    /// `None` when the lists cannot be merged item by item (the caller records a conflict).
    fn arrays(
        &mut self,
        path: &str,
        base: Option<&Vec<Value>>,
        ours: &[Value],
        theirs: &[Value],
    ) -> Option<Vec<Value>> {
        let empty = Vec::new();
        let b = base.unwrap_or(&empty);
        if let (Some(kb), Some(ko), Some(kt)) = (keyed(b), keyed(ours), keyed(theirs)) {
            // Theirs' order; items only the writer has (added by it, or removed underneath it)
            // after them, in the writer's order.
            let mut ids: Vec<&str> = kt.iter().map(|(i, _)| *i).collect();
            ids.extend(
                ko.iter()
                    .map(|(i, _)| *i)
                    .filter(|i| find(&kt, i).is_none()),
            );
            ids.extend(
                kb.iter()
                    .map(|(i, _)| *i)
                    .filter(|i| find(&kt, i).is_none() && find(&ko, i).is_none()),
            );
            let mut out = Vec::new();
            for id in ids {
                let at = format!("{path}[{id}]");
                if let Some(v) = self.at(&at, find(&kb, id), find(&ko, id), find(&kt, id)) {
                    out.push(v);
                }
            }
            return Some(out);
        }
        // A list without ids (a history, the dates held): both sides only appended to it.
        if ours.starts_with(b) && theirs.starts_with(b) {
            let mut out = theirs.to_vec();
            for item in &ours[b.len()..] {
                if !theirs[b.len()..].contains(item) {
                    out.push(item.clone());
                }
            }
            return Some(out);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn changes_to_different_fields_and_items_merge() {
        let base = json!({
            "case": {"reference": "C1", "family_address": "1 Old Road"},
            "members": [{"id": "mum", "role": "Mother"}, {"id": "dad", "role": "Father"}],
            "actions": [{"id": "a1", "what": "Visit", "history": [{"n": 1}]}],
        });
        // The meeting changed an action and added one.
        let ours = json!({
            "case": {"reference": "C1", "family_address": "1 Old Road"},
            "members": [{"id": "mum", "role": "Mother"}, {"id": "dad", "role": "Father"}],
            "actions": [{"id": "a1", "what": "Visit", "history": [{"n": 1}, {"n": 2}]},
                        {"id": "a2", "what": "Call"}],
        });
        // By hand: dad's address withheld, the family moved.
        let theirs = json!({
            "case": {"reference": "C1", "family_address": "2 New Road"},
            "members": [{"id": "mum", "role": "Mother"},
                        {"id": "dad", "role": "Father", "withhold_address": true}],
            "actions": [{"id": "a1", "what": "Visit", "history": [{"n": 1}]}],
        });
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.conflicts, vec![]);
        assert_eq!(m.value["case"]["family_address"], "2 New Road");
        assert_eq!(m.value["members"][1]["withhold_address"], true);
        assert_eq!(
            m.value["actions"][0]["history"],
            json!([{"n": 1}, {"n": 2}])
        );
        assert_eq!(m.value["actions"][1]["id"], "a2");
    }

    #[test]
    fn a_field_changed_both_ways_keeps_the_value_now_and_hands_back_the_writer_s() {
        let base = json!({"members": [{"id": "dad", "address": "1 Old Road"}]});
        let ours = json!({"members": [{"id": "dad", "address": "3 Meeting Road"}]});
        let theirs = json!({"members": [{"id": "dad", "address": "2 Hand Road"}]});
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.value, theirs);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].path, "members[dad].address");
        assert_eq!(m.conflicts[0].ours, Some(json!("3 Meeting Road")));
        assert_eq!(
            apply_changes(&base, &ours, &theirs),
            Err(vec!["members[dad].address".to_string()])
        );
    }

    #[test]
    fn a_conflict_chosen_for_the_writer_takes_its_value_and_hands_back_the_other() {
        let base = json!({"members": [{"id": "dad", "address": "1 Old Road", "role": "Father"}]});
        let ours = json!({"members": [{"id": "dad", "address": "3 Meeting Road", "role": "Dad"}]});
        let theirs = json!({"members": [{"id": "dad", "address": "2 Hand Road", "role": "Pa"}]});
        let m = merge_taking(&base, &ours, &theirs, &["members[dad].address".to_string()]);
        assert_eq!(
            m.value,
            json!({"members": [{"id": "dad", "address": "3 Meeting Road", "role": "Pa"}]})
        );
        let address = &m.conflicts[0];
        assert_eq!(address.kept, Kept::Ours);
        assert_eq!(address.not_kept(), &Some(json!("2 Hand Road")));
        assert_eq!(m.conflicts[1].kept, Kept::Theirs);
        assert_eq!(m.conflicts[1].not_kept(), &Some(json!("Dad")));
    }

    #[test]
    fn an_item_removed_on_one_side_and_changed_on_the_other_is_a_conflict() {
        let base = json!({"actions": [{"id": "a1", "what": "Visit"}, {"id": "a2", "what": "X"}]});
        let ours =
            json!({"actions": [{"id": "a1", "what": "Visit weekly"}, {"id": "a2", "what": "X"}]});
        let theirs = json!({"actions": [{"id": "a2", "what": "X"}]});
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.value, theirs);
        assert_eq!(m.conflicts[0].path, "actions[a1]");
        // Removed on one side and untouched on the other: removed.
        let ours = json!({"actions": [{"id": "a1", "what": "Visit"}]});
        let theirs = json!({"actions": [{"id": "a1", "what": "Visit"}, {"id": "a2", "what": "X"}, {"id": "a3"}]});
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.conflicts, vec![]);
        assert_eq!(
            m.value,
            json!({"actions": [{"id": "a1", "what": "Visit"}, {"id": "a3"}]})
        );
    }

    // Random trees shaped like a plan: fields, nested sections, lists of items with ids, lists
    // without. Each side edits some leaves, adds and removes items; the merge must keep every
    // change of theirs, and every change of ours or name it in a conflict.

    fn scalar() -> impl Strategy<Value = Value> {
        prop_oneof![
            (0..4u8).prop_map(|n| json!(n)),
            "[a-c]{1,2}".prop_map(Value::String),
            any::<bool>().prop_map(Value::Bool),
        ]
    }

    fn item(id: u8) -> impl Strategy<Value = Value> {
        proptest::collection::btree_map("[p-s]", scalar(), 0..3).prop_map(move |m| {
            let mut o: Map<String, Value> = m.into_iter().collect();
            o.insert("id".into(), json!(format!("i{id}")));
            Value::Object(o)
        })
    }

    fn tree() -> impl Strategy<Value = Value> {
        let items = proptest::collection::vec(0..6u8, 0..4).prop_flat_map(|ids| {
            let mut ids = ids;
            ids.sort();
            ids.dedup();
            ids.into_iter().map(item).collect::<Vec<_>>()
        });
        (
            proptest::collection::btree_map("[e-h]", scalar(), 0..4),
            proptest::collection::btree_map("[e-h]", scalar(), 0..3),
            items,
            proptest::collection::vec(scalar(), 0..3),
        )
            .prop_map(|(top, section, items, list)| {
                let mut o: Map<String, Value> = top.into_iter().collect();
                o.insert(
                    "section".into(),
                    Value::Object(section.into_iter().collect()),
                );
                o.insert("items".into(), Value::Array(items));
                o.insert("list".into(), Value::Array(list));
                Value::Object(o)
            })
    }

    #[derive(Clone, Debug)]
    enum Edit {
        Set(usize, Value),
        Remove(usize),
        AddItem(u8, Value),
        Append(Value),
    }

    fn edits() -> impl Strategy<Value = Vec<Edit>> {
        proptest::collection::vec(
            prop_oneof![
                (0..40usize, scalar()).prop_map(|(i, v)| Edit::Set(i, v)),
                (0..40usize).prop_map(Edit::Remove),
                (6..9u8, scalar()).prop_map(|(i, v)| Edit::AddItem(i, v)),
                scalar().prop_map(Edit::Append),
            ],
            0..5,
        )
    }

    /// Every leaf by path; a list without ids is one leaf.
    fn leaves(v: &Value, path: &str, out: &mut Vec<(String, Value)>) {
        match v {
            Value::Object(o) => {
                for (k, v) in o {
                    let at = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    leaves(v, &at, out);
                }
            }
            Value::Array(a) if keyed(a).is_some() => {
                for item in a {
                    leaves(item, &format!("{path}[{}]", id_of(item).unwrap()), out);
                }
            }
            _ => out.push((path.to_string(), v.clone())),
        }
    }

    fn leaf_map(v: &Value) -> std::collections::BTreeMap<String, Value> {
        let mut out = Vec::new();
        leaves(v, "", &mut out);
        out.into_iter().collect()
    }

    /// Paths of the leaves that can be set or removed: fields at the top, in the section, in items.
    fn apply(tree: &Value, edits: &[Edit]) -> Value {
        let mut t = tree.clone();
        for e in edits {
            let mut slots: Vec<(Vec<String>, String)> = Vec::new();
            for (k, v) in t.as_object().unwrap() {
                if !v.is_object() && !v.is_array() {
                    slots.push((vec![], k.clone()));
                }
            }
            for k in t["section"].as_object().unwrap().keys() {
                slots.push((vec!["section".into()], k.clone()));
            }
            for (n, it) in t["items"].as_array().unwrap().iter().enumerate() {
                for k in it.as_object().unwrap().keys().filter(|k| *k != "id") {
                    slots.push((vec!["items".into(), n.to_string()], k.clone()));
                }
            }
            match e {
                Edit::Set(i, v) if !slots.is_empty() => {
                    let (at, k) = &slots[i % slots.len()];
                    map_at(&mut t, at).insert(k.clone(), v.clone());
                }
                Edit::Remove(i) => {
                    let items = t["items"].as_array_mut().unwrap();
                    if !items.is_empty() && i % 2 == 0 {
                        let n = i % items.len();
                        items.remove(n);
                    } else if !slots.is_empty() {
                        let (at, k) = &slots[i % slots.len()];
                        map_at(&mut t, at).remove(k);
                    }
                }
                Edit::AddItem(id, v) => {
                    let items = t["items"].as_array_mut().unwrap();
                    let id = format!("i{id}");
                    if items.iter().all(|x| id_of(x) != Some(id.as_str())) {
                        items.push(json!({"id": id, "p": v}));
                    }
                }
                Edit::Append(v) => t["list"].as_array_mut().unwrap().push(v.clone()),
                Edit::Set(..) => {}
            }
        }
        t
    }

    fn map_at<'a>(t: &'a mut Value, at: &[String]) -> &'a mut Map<String, Value> {
        let mut cur = t;
        for s in at {
            cur = match s.parse::<usize>() {
                Ok(n) => &mut cur[n],
                Err(_) => &mut cur[s.as_str()],
            };
        }
        cur.as_object_mut().unwrap()
    }

    fn under(path: &str, conflict: &str) -> bool {
        path == conflict
            || path.starts_with(&format!("{conflict}."))
            || path.starts_with(&format!("{conflict}["))
    }

    proptest! {
        #[test]
        fn the_merge_never_drops_either_side_s_change(
            base in tree(), ours_edits in edits(), theirs_edits in edits()
        ) {
            let ours = apply(&base, &ours_edits);
            let theirs = apply(&base, &theirs_edits);
            let m = merge(&base, &ours, &theirs);
            let (b, o, t, r) = (leaf_map(&base), leaf_map(&ours), leaf_map(&theirs), leaf_map(&m.value));
            let mut paths: Vec<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
            paths.sort();
            paths.dedup();
            for p in paths {
                let (bv, ov, tv, rv) = (b.get(p), o.get(p), t.get(p), r.get(p));
                // Theirs is never lost.
                if tv != bv {
                    let appended_list = matches!((tv, rv), (Some(Value::Array(t)), Some(Value::Array(r))) if r.starts_with(t));
                    prop_assert!(rv == tv || appended_list, "theirs at {p}: {tv:?} became {rv:?}");
                }
                // Ours is in the result, or handed back in a conflict.
                if ov != bv {
                    let kept = rv == ov || match (ov, rv, bv) {
                        (Some(Value::Array(o)), Some(Value::Array(r)), Some(Value::Array(b))) =>
                            o.starts_with(b) && o[b.len()..].iter().all(|x| r.contains(x)),
                        (Some(Value::Array(o)), Some(Value::Array(r)), None) =>
                            o.iter().all(|x| r.contains(x)),
                        _ => false,
                    };
                    let handed_back = m.conflicts.iter().any(|c| {
                        under(p, &c.path) && {
                            let whole = c.ours.clone().unwrap_or(Value::Null);
                            let suffix = &p[c.path.len()..];
                            let mut inner = Vec::new();
                            leaves(&whole, &c.path, &mut inner);
                            inner.iter().any(|(q, v)| q == p && Some(v) == ov)
                                || (ov.is_none() && (c.ours.is_none() || !inner.iter().any(|(q, _)| q == p)))
                                || suffix.is_empty()
                        }
                    });
                    prop_assert!(kept || handed_back, "ours at {p}: {ov:?} lost, result {rv:?}, conflicts {:?}", m.conflicts);
                }
            }
            // Nothing conflicts that was changed on one side only.
            for c in &m.conflicts {
                prop_assert!(c.ours != c.base && c.theirs != c.base && c.ours != c.theirs, "{c:?}");
            }
        }
    }
}
