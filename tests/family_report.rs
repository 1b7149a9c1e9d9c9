//! The family's version of the report to the review conference tells the family at least what
//! their own copy of the plan tells them: each text of the plan that reaches the family's plan
//! is in their report too. Both are made from the family's view, so whatever is kept from them
//! is in neither.

use std::fs;

use chrono::NaiveDate;
use coregroup::cases::documents::export_meeting;
use coregroup::cases::new_case::create_case;
use coregroup::store::CaseFolder;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

#[test]
fn every_text_of_the_family_plan_is_in_the_familys_review_report() {
    let dir = tempfile::tempdir().unwrap();
    create_case(dir.path(), true, today()).unwrap();
    let case = CaseFolder::open(dir.path()).unwrap();
    let id = case.meeting_ids().unwrap().pop().unwrap();
    export_meeting(&case, None).unwrap();
    let family_plan = fs::read_to_string(case.meeting_dir(&id).join("plan.md")).unwrap();
    coregroup::cases::review_report::write(dir.path(), today()).unwrap();
    let report = fs::read_to_string(
        case.reports_dir()
            .join(format!("review-report-{}-family.md", today())),
    )
    .unwrap();
    let (plan, _) = case.open_plan().unwrap();
    let paragraphs = |text: &str| -> Vec<String> {
        text.split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    };
    let mut texts: Vec<String> = Vec::new();
    texts.extend(plan.outcomes.iter().map(|o| o.text.clone()));
    texts.extend(plan.actions.iter().map(|a| a.what.clone()));
    texts.extend(paragraphs(&plan.contingency_plan));
    texts.extend(paragraphs(&plan.why.concerns));
    texts.extend(paragraphs(&plan.why.danger_statement));
    texts.extend(paragraphs(&plan.why.safety_goals));
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (family_plan, report) = (flat(&family_plan), flat(&report));
    let shown: Vec<&String> = texts
        .iter()
        .filter(|t| !t.trim().is_empty() && family_plan.contains(t.trim()))
        .collect();
    assert!(
        shown.len() >= 10,
        "the example's family plan shows its outcomes, actions and contingency plan: {shown:?}"
    );
    let missing: Vec<&&String> = shown
        .iter()
        .filter(|t| !report.contains(t.trim()))
        .collect();
    assert!(
        missing.is_empty(),
        "in the family's plan but not in their review report: {missing:?}"
    );
}
