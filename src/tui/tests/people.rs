//! Who was there and who said what: substitutes, guests, contributions, notes.

use super::Harness;
use crate::agenda::StepKind;
use crate::export::Rendered;

fn doc<'a>(docs: &'a [Rendered], name: &str) -> &'a str {
    &docs
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .text
}

#[test]
fn a_substitute_counts_for_the_agency_and_is_named_for_what_they_said() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    // sw, mum, dad, nan, school: Tom Ridley sends apologies and Sarah Khan comes instead.
    h.press("down down down down a");
    h.focus_on("substitute");
    h.type_text("Sarah Khan");
    h.press("tab");
    let missing = h.model.missing();
    assert!(
        !missing
            .iter()
            .any(|m| m.contains("Tom Ridley sent apologies")),
        "{missing:?}"
    );
    h.goto(StepKind::AgencyProgress);
    h.press("down down down down");
    h.focus_on("update");
    h.type_text("Kayla has been on time every day this month.");
    h.press("tab");
    let (_, docs) = h.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    assert!(
        minutes.contains("**Sarah Khan, for Tom Ridley** (Designated safeguarding lead"),
        "{minutes}"
    );
    assert!(!minutes.contains("Tom Ridley sent apologies without one"));
    assert!(minutes.contains("represented by Sarah Khan"));
    let family = doc(&docs, "minutes-family.md");
    assert!(family.contains("Sarah Khan, for Tom Ridley"), "{family}");
}

#[test]
fn a_note_is_labelled_by_its_subject_not_the_step_it_was_typed_in() {
    let mut h = Harness::new();
    h.goto(StepKind::ChildViews);
    h.press("ctrl-n");
    h.type_text("Police disclosure about a visitor to the home.");
    h.press("tab");
    h.type_text("Police information");
    h.press("f2");
    let (_, docs) = h.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    assert!(
        minutes.contains("**Police information:** Police disclosure about a visitor"),
        "{minutes}"
    );
    assert!(!minutes.contains("The child's views:** Police disclosure"));
}
