//! A meeting folder written before the record gained substitutes' attribution, several points
//! per member, each child's views, guests' "here as", notes' subjects and the plan's next core
//! group still loads, and its documents are still written.

use std::path::Path;

use coregroup::domain::calendar::{Calendar, Division};
use coregroup::export::{self, AgendaSnapshot};
use coregroup::store::CaseFolder;

#[test]
fn a_record_and_plan_from_before_load_and_render() {
    let case =
        CaseFolder::at(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/old-record"));
    let meeting = case
        .load_meeting("2026-11-24")
        .expect("the old record loads");
    let plan = case
        .load_meeting_plan("2026-11-24")
        .expect("the old plan loads");
    assert!(meeting.children_views.is_empty());
    assert!(meeting.child_views.is_recorded());
    assert!(meeting.views_missing(&plan).is_empty());
    assert!(meeting.contributions.iter().all(|c| c.outcomes.is_empty()));
    assert!(
        meeting
            .guests
            .iter()
            .all(|g| g.here_as.is_empty() && !g.joins)
    );
    assert_eq!(plan.key_dates.next_core_group, None);
    let agenda: coregroup::agenda::Agenda =
        yaml_serde::from_str(coregroup::agenda::builtin("core-group").unwrap()).unwrap();
    let docs = export::render_all(
        coregroup::export::Case::at_close(&meeting, &plan),
        &AgendaSnapshot::of(&agenda),
        &Calendar::new(Division::EnglandAndWales),
    );
    let minutes = &docs
        .iter()
        .find(|d| d.name == export::MINUTES_MD)
        .unwrap()
        .text;
    assert!(minutes.contains(&meeting.child_views.wishes_and_feelings));
}
