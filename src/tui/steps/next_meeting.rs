//! The next meeting: date, time and venue, against the latest date the procedure allows. A later
//! date needs a recorded reason, and a countersigning manager where the policy asks for one.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{Commit, Ctx};
use crate::domain::meeting::{Change, NextMeeting};
use crate::domain::period::Due;
use crate::tui::field::Field;
use crate::tui::forms::Form;

/// The interval rule applied to this meeting.
pub struct Limit {
    pub due: Due,
    /// The interval, as the policy says it ("6 weeks").
    pub interval: String,
}

impl Limit {
    /// The last day the next meeting may be held, in practice (a working day).
    pub fn latest(&self) -> NaiveDate {
        self.due.latest_working_day.unwrap_or(self.due.date)
    }
}

pub fn limit(ctx: &Ctx) -> Limit {
    let interval = ctx.agenda.policy.meeting_interval;
    Limit {
        due: interval.due_from(ctx.meeting_date(), ctx.calendar),
        interval: interval.to_string(),
    }
}

/// Why a date is a poor choice: a weekend or a bank holiday.
pub fn day_warning(ctx: &Ctx, date: NaiveDate) -> Option<String> {
    if let Some(h) = ctx.calendar.holiday(date) {
        return Some(format!(
            "{} is a bank holiday ({})",
            date.format("%a %-d %b"),
            h.title
        ));
    }
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        .then(|| format!("{} is a weekend", date.format("%a %-d %b")))
}

pub fn build(ctx: &Ctx) -> Vec<Field> {
    let n = &ctx.draft.meeting.next_meeting;
    let policy = &ctx.agenda.policy;
    let mut fields = vec![
        Field::date("date", "Date", n.date, ctx.today),
        Field::time("time", "Time", n.time),
        Field::text("venue", "Venue", &n.venue),
        Field::note("reason", "Reason for a longer gap", &n.reason_for_gap),
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
        problems.push(e);
        old.date
    });
    let time = form.time("time").unwrap_or_else(|e| {
        problems.push(e);
        old.time
    });
    let new = NextMeeting {
        date,
        time,
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

/// What the interval rule still asks for, given these details.
pub fn gap_problems(ctx: &Ctx, n: &NextMeeting) -> Vec<String> {
    let policy = &ctx.agenda.policy;
    let Some(date) = n.date else {
        return Vec::new();
    };
    let limit = limit(ctx);
    let mut out = Vec::new();
    if date > limit.latest() {
        if policy.longer_gap_needs_reason && n.reason_for_gap.trim().is_empty() {
            out.push(format!(
                "the next meeting is later than {} ({}) allows: record the reason for the gap",
                limit.latest().format("%a %-d %b %Y"),
                limit.interval
            ));
        }
        if policy.longer_gap_needs_countersign && n.countersigned_by.trim().is_empty() {
            out.push("a longer gap must be countersigned by a manager: name who".into());
        }
    }
    if date < ctx.meeting_date() {
        out.push("the next meeting is before this one".into());
    }
    out
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
    out
}
