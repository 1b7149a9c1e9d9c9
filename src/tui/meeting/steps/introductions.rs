//! Introductions: date, time, venue, who chairs and who takes the minutes.

use super::{Commit, Ctx, index_of, pick, with_none};
use crate::agenda::rules;
use crate::domain::meeting::{Change, Details};
use crate::tui::widgets::field::Field;
use crate::tui::widgets::forms::Form;

pub fn build(ctx: &Ctx) -> Vec<Field> {
    let d = &ctx.draft.meeting.details;
    let people = ctx.people();
    let ids: Vec<_> = people.iter().map(|(id, _)| id.clone()).collect();
    let labels = || people.iter().map(|(_, l)| l.clone());
    let search = with_none("", ctx.people_search());
    vec![
        Field::date("date", "Date", d.date, ctx.today),
        Field::time("time", "Time", d.time),
        Field::text("venue", "Venue", &d.venue).private(&d.venue_privacy),
        Field::choice(
            "chair",
            "Chair",
            with_none("not chosen", labels()),
            index_of(&ids, d.chair.as_ref()),
        )
        .with_search(search.clone()),
        Field::choice(
            "minute_taker",
            "Minute-taker",
            with_none("not chosen", labels()),
            index_of(&ids, d.minute_taker.as_ref()),
        )
        .with_search(search),
        Field::note(
            "exclusions",
            "Any family member excluded from the meeting, and why",
            &d.exclusions,
        )
        .private(&d.exclusions_privacy),
    ]
}

pub fn commit(ctx: &Ctx, form: &Form) -> Commit {
    let old = &ctx.draft.meeting.details;
    let ids: Vec<_> = ctx.people().into_iter().map(|(id, _)| id).collect();
    let mut problems = Vec::new();
    let date = form.date_only("date").unwrap_or_else(|e| {
        problems.push(e);
        old.date
    });
    let time = form.time("time").unwrap_or_else(|e| {
        problems.push(e);
        old.time
    });
    let details = Details {
        venue_privacy: form.privacy("venue"),
        date: date.or(old.date),
        time,
        venue: form.text("venue").trim().to_string(),
        chair: pick(&ids, form.choice("chair")),
        minute_taker: pick(&ids, form.choice("minute_taker")),
        exclusions: form.text("exclusions"),
        exclusions_privacy: form.privacy("exclusions"),
        end_time: old.end_time,
    };
    let changes = if &details == old {
        Vec::new()
    } else {
        vec![Change::Details(details)]
    };
    Commit { changes, problems }
}

/// Warnings about who chairs and whether this is rightly the first core group, for the view
/// and the close checklist: the procedure's rules, as `agenda::rules` judges them.
pub fn chair_warnings(ctx: &Ctx) -> Vec<String> {
    let (policy, plan, meeting) = (&ctx.agenda.policy, &ctx.draft.plan, &ctx.draft.meeting);
    rules::check_chair(policy, plan, meeting)
        .into_iter()
        .chain(rules::check_first_meeting(
            policy,
            plan,
            meeting,
            ctx.calendar,
        ))
        .map(|w| w.message)
        .collect()
}

pub fn missing(ctx: &Ctx) -> Vec<String> {
    let d = &ctx.draft.meeting.details;
    let mut out = Vec::new();
    if d.chair.is_none() {
        out.push("no chair recorded".into());
    }
    if d.minute_taker.is_none() {
        out.push("no minute-taker recorded".into());
    }
    if d.venue.trim().is_empty() {
        out.push("no venue recorded".into());
    }
    out.extend(chair_warnings(ctx));
    out
}
