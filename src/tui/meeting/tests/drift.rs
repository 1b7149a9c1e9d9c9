//! Drift in the chair's guidance at the start of a meeting.

use super::Harness;
use crate::domain::agenda::StepKind;

#[test]
fn the_first_step_shows_the_drift_with_its_evidence_and_later_steps_do_not() {
    let mut h = Harness::new();
    let flag = "outcome o1 has fallen from 5 to 3 (2026-09-09: scored 5; 2026-10-21: scored 3)";
    h.model.drift = vec![flag.to_string()];
    for (w, hh) in [(80, 24), (160, 48)] {
        let screen = h.screen(w, hh);
        let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("Drift (1)"), "{w}×{hh}: {screen}");
        assert!(flat.contains("fallen from 5 to 3"), "{w}×{hh}: {screen}");
    }
    h.goto(StepKind::Attendance);
    assert_ne!(h.model.draft.step, 0);
    assert!(!h.screen(160, 48).contains("Drift (1)"));
    // Without drift, nothing is said.
    let h = Harness::new();
    assert!(!h.screen(160, 48).contains("Drift"));
}
