//! The words the `coregroup new` template leaves for a person to replace. A plan still holding
//! one has not been filled in, so `check` refuses it rather than let a meeting run on it.

use super::plan::Plan;
use super::validate::{Problem, Severity};

/// Each placeholder the template writes, exactly as written.
pub const CASE_REFERENCE: &str = "NEW-CASE-REF";
pub const LOCAL_AUTHORITY: &str = "Your Local Authority";
pub const CHILD_NAME: &str = "Child's full name";
pub const LEAD_WORKER_NAME: &str = "Lead social worker's name";
pub const PARENT_NAME: &str = "Parent's name";
pub const OUTCOME: &str = "What must be true for the child to be safe, as the conference set it.";
pub const ACTION: &str = "What the person will do.";
pub const CONTINGENCY: &str = "What happens if the plan is not working.";

/// Every field of `plan` still holding a placeholder, each with its path.
pub fn placeholders(plan: &Plan) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut check = |path: String, value: &str, placeholder: &str| {
        if value.trim() == placeholder {
            out.push(Problem {
                severity: Severity::Error,
                path,
                message: format!("still holds the template's \"{placeholder}\""),
                hint: "fill in the case's own details (the template only shows the shape)".into(),
            });
        }
    };
    check(
        "case.reference".into(),
        &plan.case.reference,
        CASE_REFERENCE,
    );
    check(
        "case.local_authority".into(),
        &plan.case.local_authority,
        LOCAL_AUTHORITY,
    );
    for (i, c) in plan.children.iter().enumerate() {
        check(format!("children[{i}].name"), &c.name, CHILD_NAME);
    }
    for (i, m) in plan.members.iter().enumerate() {
        for p in [LEAD_WORKER_NAME, PARENT_NAME] {
            check(format!("members[{i}].name"), &m.name, p);
        }
    }
    for (i, o) in plan.outcomes.iter().enumerate() {
        check(format!("outcomes[{i}].text"), &o.text, OUTCOME);
    }
    for (i, a) in plan.actions.iter().enumerate() {
        check(format!("actions[{i}].what"), &a.what, ACTION);
    }
    check(
        "contingency_plan".into(),
        &plan.contingency_plan,
        CONTINGENCY,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;

    #[test]
    fn a_filled_in_plan_has_none() {
        let plan = example::plan("2026-11-24".parse().unwrap());
        assert!(placeholders(&plan).is_empty());
    }

    #[test]
    fn each_placeholder_is_named_by_its_path() {
        let mut plan = example::plan("2026-11-24".parse().unwrap());
        plan.case.reference = CASE_REFERENCE.into();
        plan.children[1].name = CHILD_NAME.into();
        plan.members[2].name = PARENT_NAME.into();
        plan.actions[0].what = ACTION.into();
        let paths: Vec<_> = placeholders(&plan).into_iter().map(|p| p.path).collect();
        assert_eq!(
            paths,
            [
                "case.reference",
                "children[1].name",
                "members[2].name",
                "actions[0].what"
            ]
        );
    }
}
