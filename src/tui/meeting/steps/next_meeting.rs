//! The next meeting: date, time and venue, against the latest date the procedure allows. What a
//! later date needs (a reason, a countersignature) is `agenda::rules`' to say, so the screen, the
//! close checklist and the minutes agree.

use chrono::NaiveDate;

use super::{Commit, Ctx};
use crate::agenda::rules::{self, RuleWarning};
use crate::domain::date_entry;
use crate::domain::meeting::{Change, NextMeeting};
use crate::domain::period::Due;
use crate::tui::widgets::field::Field;
use crate::tui::widgets::forms::Form;

/// The interval rule applied to this meeting.
pub struct Limit {
    pub due: Due,
    /// The interval, as the policy says it ("6 weeks").
    pub interval: String,
}

impl Limit {
    /// The last day the next meeting may be held, in practice (a working day).
    pub fn latest(&self) -> NaiveDate {
        self.due.in_practice()
    }
}

pub fn limit(ctx: &Ctx) -> Limit {
    let policy = &ctx.agenda.policy;
    Limit {
        due: rules::latest_next_meeting(policy, ctx.meeting_date(), ctx.calendar),
        interval: policy.meeting_interval.to_string(),
    }
}

/// The later meetings as typed back: day-first dates, comma-separated, read again as written.
fn later_text(later: &[NaiveDate]) -> String {
    later
        .iter()
        .map(|d| d.format("%-d/%-m/%Y").to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a date is a poor choice: a weekend or a bank holiday.
pub fn day_warning(ctx: &Ctx, date: NaiveDate) -> Option<String> {
    rules::day_off(ctx.calendar, date).map(|why| format!("{} is {why}", date.format("%a %-d %b")))
}

pub fn build(ctx: &Ctx) -> Vec<Field> {
    let n = &ctx.draft.meeting.next_meeting;
    let policy = &ctx.agenda.policy;
    // Core groups mostly meet where they met last: until a venue is typed, the form offers this
    // meeting's, restricted as it was.
    let here = &ctx.draft.meeting.details;
    let (venue, privacy) = if n.venue.trim().is_empty() && n.privacy.is_open() {
        (&here.venue, &here.venue_privacy)
    } else {
        (&n.venue, &n.privacy)
    };
    let mut fields = vec![
        Field::date("date", "Date", n.date, ctx.today),
        Field::time("time", "Time", n.time),
        Field::text("venue", "Venue", venue).private(privacy),
        Field::note("reason", "Reason for a longer gap", &n.reason_for_gap),
        Field::text("later", "Later meetings", &later_text(&n.later)),
    ];
    if policy.longer_gap_needs_countersign {
        fields.push(Field::text(
            "countersigned",
            "Countersigned by (manager)",
            &n.countersigned_by,
        ));
    }
    fields
}

pub fn commit(ctx: &Ctx, form: &Form) -> Commit {
    let old = &ctx.draft.meeting.next_meeting;
    let mut problems = Vec::new();
    let date = form.date_only("date").unwrap_or_else(|e| {
        problems.push(e.to_string());
        old.date
    });
    let time = form.time("time").unwrap_or_else(|e| {
        problems.push(e.to_string());
        old.time
    });
    let later = date_entry::parse_list(&form.text("later"), ctx.today).unwrap_or_else(|e| {
        problems.push(format!("Later meetings: {e}"));
        old.later.clone()
    });
    let new = NextMeeting {
        privacy: form.privacy("venue"),
        date,
        time,
        later,
        venue: form.text("venue").trim().to_string(),
        reason_for_gap: form.text("reason"),
        countersigned_by: form.text("countersigned").trim().to_string(),
    };
    // A late date is recorded (the chair may be about to give the reason) but flagged at once.
    if form.is_dirty("date") {
        problems.extend(gap_problems(ctx, &new));
    }
    Commit {
        changes: if &new == old {
            Vec::new()
        } else {
            vec![Change::NextMeeting(new)]
        },
        problems,
    }
}

/// Every rule the next meeting's details break, as `agenda::rules` judges them.
pub fn rule_warnings(ctx: &Ctx, n: &NextMeeting) -> Vec<RuleWarning> {
    rules::check_next_meeting(&ctx.agenda.policy, ctx.meeting_date(), n, ctx.calendar)
}

/// What the interval rule still asks for, given these details. A weekend or holiday is shown
/// beside the date rather than listed as missing: it is a poor choice, not a gap in the record.
pub fn gap_problems(ctx: &Ctx, n: &NextMeeting) -> Vec<String> {
    rule_warnings(ctx, n)
        .into_iter()
        .filter(|w| w.rule != "next-meeting-day-off")
        .map(|w| w.message)
        .collect()
}

pub fn missing(ctx: &Ctx) -> Vec<String> {
    let n = &ctx.draft.meeting.next_meeting;
    if n.date.is_none() {
        return vec!["no date for the next meeting".into()];
    }
    let mut out = gap_problems(ctx, n);
    if n.venue.trim().is_empty() {
        out.push("no venue for the next meeting".into());
    }
    if let (Some(next), Some(first)) = (n.date, n.later.first())
        && *first <= next
    {
        out.push("a later meeting agreed on or before the next one".into());
    }
    out
}
