//! The documents a closed meeting produces: minutes for professionals, the family's copy, the
//! plan, and the invitation to the next meeting. Pure functions of the record: no I/O, no clock,
//! so the same record always gives the same bytes.
//!
//! Each document is built once as a [`document::Document`] and rendered to Markdown and HTML,
//! so the two formats cannot drift apart.

pub mod clean;
pub mod document;
pub mod family;
pub mod html;
pub mod ics;
pub mod markdown;
pub mod minutes;
pub mod plan;
pub mod record;
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
    let (family_meeting, family_plan) = family_record(meeting, plan);
    let family = Record {
        meeting: &family_meeting,
        plan: &family_plan,
        agenda,
        calendar,
    };
    let minutes = minutes::minutes(full);
    let family_minutes = family::family_minutes(family);
    // The plan goes to the family too, so it is made from their record.
    let plan_doc = plan::plan_document(family);
    let mut out = vec![
        Rendered {
            name: MINUTES_MD,
            text: markdown::render(&minutes),
        },
        Rendered {
            name: MINUTES_HTML,
            text: html::render(&minutes),
        },
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
    ];
    if let Some(text) = ics::next_meeting_ics(family) {
        out.push(Rendered {
            name: NEXT_MEETING_ICS,
            text,
        });
    }
    out
}
