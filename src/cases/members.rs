//! Naming a member on the command line: by id, or by a part of the name only one member has.

use crate::cases::error::MemberError;
use crate::domain::plan::{Member, Plan};

/// The member `query` names: an exact id, else the one member whose name contains it (any
/// case). An error says who matched, or who there is, so the next try succeeds.
pub fn find<'a>(plan: &'a Plan, query: &str) -> Result<&'a Member, MemberError> {
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
        [] => Err(MemberError::NoSuch {
            query: query.to_string(),
            members: plan.members.iter().map(listing).collect(),
        }),
        many => Err(MemberError::Many {
            query: query.to_string(),
            matches: many.iter().copied().map(listing).collect(),
        }),
    }
}

/// A member as an error lists them: id, name, and the day they left.
fn listing(m: &Member) -> String {
    match m.left {
        Some(d) => format!("{} ({}, left {})", m.id, m.name, d.format("%-d %b %Y")),
        None => format!("{} ({})", m.id, m.name),
    }
}

/// An id for a new member: the next `m<N>` of the case, as set-up gives them. It says nothing of
/// the person (an id shows in file names and in the plan), and it never changes with their name.
pub fn new_id(current: &Plan) -> String {
    Plan::next_id("m", current.members.iter().map(|m| m.id.as_str()))
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
        let e = find(&plan, "brennan").unwrap_err().to_string();
        assert!(
            e.contains("more than one") && e.contains("mum") && e.contains("nan"),
            "{e}"
        );
        let e = find(&plan, "Nobody At All").unwrap_err().to_string();
        assert!(
            e.contains("hint") && e.contains("sw (Hannah Mercer)"),
            "{e}"
        );
        assert!(find(&plan, " ").is_err());
    }

    #[test]
    fn a_new_member_s_id_is_the_next_number_and_names_no_one() {
        let mut plan = example::plan("2026-11-24".parse().unwrap());
        assert_eq!(new_id(&plan), "m1");
        plan.members[0].id = "m7".into();
        assert_eq!(new_id(&plan), "m8");
    }
}
