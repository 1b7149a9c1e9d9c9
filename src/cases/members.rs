//! Naming a member on the command line: by id, or by a part of the name only one member has.

use crate::domain::plan::{Member, Plan};

/// The member `query` names: an exact id, else the one member whose name contains it (any
/// case). An error says who matched, or who there is, so the next try succeeds.
pub fn find<'a>(plan: &'a Plan, query: &str) -> Result<&'a Member, String> {
    if let Some(m) = plan.member(query) {
        return Ok(m);
    }
    let needle = query.trim().to_lowercase();
    let matches: Vec<&Member> = if needle.is_empty() {
        Vec::new()
    } else {
        plan.members
            .iter()
            .filter(|m| m.name.to_lowercase().contains(&needle))
            .collect()
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "no member is called or has the id \"{query}\"\n  hint: the members are {}",
            list(plan.members.iter())
        )),
        many => Err(format!(
            "\"{query}\" matches more than one member: {}\n  hint: give the id, or more of the name",
            list(many.iter().copied())
        )),
    }
}

fn list<'a>(members: impl Iterator<Item = &'a Member>) -> String {
    let names: Vec<String> = members
        .map(|m| match m.left {
            Some(d) => format!("{} ({}, left {})", m.id, m.name, d.format("%-d %b %Y")),
            None => format!("{} ({})", m.id, m.name),
        })
        .collect();
    if names.is_empty() {
        "none yet".into()
    } else {
        names.join(", ")
    }
}

/// An id for a new member from their name ("Priya Shah" → `pshah`), unique in the case.
pub fn new_id(current: &Plan, name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let base = match words.as_slice() {
        [] => "m".to_string(),
        [one] => one.clone(),
        [first, .., last] => format!("{}{last}", &first[..1]),
    };
    let mut id = base.clone();
    let mut n = 2;
    while current.member(&id).is_some() {
        id = format!("{base}{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;

    #[test]
    fn by_id_by_unique_name_and_with_a_hint_otherwise() {
        let plan = example::plan("2026-11-24".parse().unwrap());
        assert_eq!(find(&plan, "sw").unwrap().name, "Hannah Mercer");
        assert_eq!(find(&plan, "mercer").unwrap().id, "sw");
        assert_eq!(find(&plan, "Maureen").unwrap().id, "nan");
        let e = find(&plan, "brennan").unwrap_err();
        assert!(
            e.contains("more than one") && e.contains("mum") && e.contains("nan"),
            "{e}"
        );
        let e = find(&plan, "Nobody At All").unwrap_err();
        assert!(
            e.contains("hint") && e.contains("sw (Hannah Mercer)"),
            "{e}"
        );
        assert!(find(&plan, " ").is_err());
    }
}
