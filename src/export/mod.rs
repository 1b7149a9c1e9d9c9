//! The documents a closed meeting produces: minutes for professionals, the family's copy, the
//! plan, and the invitation to the next meeting. Pure functions of the record: no I/O, no clock,
//! so the same record always gives the same bytes.
//!
//! Each document is built once as a [`document::Document`] and rendered to Markdown and HTML,
//! so the two formats cannot drift apart.

pub mod circulation;
pub mod clean;
pub mod document;
pub mod family;
pub mod html;
pub mod ics;
pub mod markdown;
pub mod minutes;
pub mod plan;
pub mod record;
pub mod review_report;
pub mod snapshot;
pub mod wording;

pub use family::family_record;
pub use record::Record;
pub use snapshot::AgendaSnapshot;

use crate::domain::calendar::Calendar;
use crate::domain::meeting::Meeting;
use crate::domain::plan::Plan;

/// One rendered file: its name in the meeting folder and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub name: &'static str,
    pub text: String,
}

pub const MINUTES_MD: &str = "minutes.md";
pub const MINUTES_HTML: &str = "minutes.html";
pub const FAMILY_MD: &str = "minutes-family.md";
pub const FAMILY_HTML: &str = "minutes-family.html";
pub const PLAN_MD: &str = "plan.md";
pub const PLAN_HTML: &str = "plan.html";
pub const NEXT_MEETING_ICS: &str = "next-meeting.ics";

/// Every document of a meeting, from its record and the plan as the meeting left it. The
/// invitation is missing when no next date was set.
pub fn render_all(
    meeting: &Meeting,
    plan: &Plan,
    agenda: &AgendaSnapshot,
    calendar: &Calendar,
) -> Vec<Rendered> {
    let full = Record {
        meeting,
        plan,
        agenda,
        calendar,
    };
    let minutes = minutes::minutes(full);
    let mut out = vec![
        Rendered {
            name: MINUTES_MD,
            text: markdown::render(&minutes),
        },
        Rendered {
            name: MINUTES_HTML,
            text: html::render(&minutes),
        },
    ];
    let Some((family_meeting, family_plan)) = family_record(meeting, plan) else {
        // Never for the record's own types; but a copy with an address left in is worse than
        // none, so each of the family's documents says so instead.
        let missing = not_made_for_the_family();
        for name in [FAMILY_MD, PLAN_MD] {
            out.push(Rendered {
                name,
                text: markdown::render(&missing),
            });
        }
        for name in [FAMILY_HTML, PLAN_HTML] {
            out.push(Rendered {
                name,
                text: html::render(&missing),
            });
        }
        return out;
    };
    let family = Record {
        meeting: &family_meeting,
        plan: &family_plan,
        agenda,
        calendar,
    };
    let family_minutes = family::family_minutes(family);
    // The plan goes to the family too, so it is made from their record.
    let plan_doc = plan::plan_document(family);
    out.extend([
        Rendered {
            name: FAMILY_MD,
            text: markdown::render(&family_minutes),
        },
        Rendered {
            name: FAMILY_HTML,
            text: html::render(&family_minutes),
        },
        Rendered {
            name: PLAN_MD,
            text: markdown::render(&plan_doc),
        },
        Rendered {
            name: PLAN_HTML,
            text: html::render(&plan_doc),
        },
    ]);
    if let Some(text) = ics::next_meeting_ics(family) {
        out.push(Rendered {
            name: NEXT_MEETING_ICS,
            text,
        });
    }
    out
}

/// What stands in for the family's copy and the plan when a withheld address could not be
/// taken out of the record for certain.
fn not_made_for_the_family() -> document::Document {
    let mut s = document::Section::new("Not made");
    s.para(
        "This copy could not be made without risk of showing an address that is withheld. The \
         minutes for professionals were written; the chair should prepare the family's copy by \
         hand.",
    );
    document::Document {
        title: "The family's copy was not made".into(),
        subtitle: Vec::new(),
        marking: "OFFICIAL-SENSITIVE".into(),
        sections: vec![s],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;
    use chrono::{NaiveDate, NaiveTime};

    fn snapshot() -> AgendaSnapshot {
        let agenda: crate::agenda::Agenda = crate::store::yaml::parse_str(
            crate::agenda::builtin("core-group").unwrap(),
            std::path::Path::new("core-group.yaml"),
        )
        .unwrap();
        AgendaSnapshot::of(&agenda)
    }

    #[test]
    fn odd_records_render_without_panicking() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let cal = Calendar::new(crate::domain::calendar::Division::EnglandAndWales);
        let mut plan = example::plan(today);
        let mut m = example::past_meeting(today);
        m.next_meeting.date = Some(NaiveDate::MAX);
        m.next_meeting.time = NaiveTime::from_hms_opt(23, 59, 0);
        m.details.chair = Some("nobody-by-this-id".into());
        m.action_reviews.push(crate::domain::meeting::ActionReview {
            action: "a99".into(),
            status: crate::domain::plan::ActionStatus::Achieved,
            note: String::new(),
        });
        plan.actions[0].owner = Some("ghost".into());
        plan.actions[1].owner = None;
        plan.actions[1].due = None;
        let docs = render_all(&m, &plan, &snapshot(), &cal);
        assert_eq!(docs.len(), 7);

        plan.children.clear();
        plan.members.clear();
        plan.outcomes.clear();
        plan.actions.clear();
        m.details = Default::default();
        m.id = String::new();
        m.next_meeting = Default::default();
        let docs = render_all(&m, &plan, &snapshot(), &cal);
        assert_eq!(docs.len(), 6, "no next date, no invitation");
    }
}
