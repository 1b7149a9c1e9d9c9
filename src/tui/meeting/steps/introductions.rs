//! Introductions: date, time, venue, who chairs and who takes the minutes.

use super::{Commit, Ctx, index_of, pick, with_none};
use crate::agenda::rules;
use crate::domain::id::Id;
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
        minute_taker(ctx, &ids, labels().collect(), search),
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
        problems.push(e.to_string());
        old.date
    });
    let time = form.time("time").unwrap_or_else(|e| {
        problems.push(e.to_string());
        old.time
    });
    let details = Details {
        venue_privacy: form.privacy("venue"),
        date: date.or(old.date),
        time,
        venue: form.text("venue").trim().to_string(),
        chair: pick(&ids, form.choice("chair")),
        minute_taker: pick(&ids, form.choice("minute_taker")),
        minute_taker_name: minute_taker_name(ctx, form, ids.len()),
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

/// The names offered for a minute-taker who is neither member nor guest: the case's usual one
/// (unless they are here by name already), and the one this meeting recorded.
fn names(ctx: &Ctx) -> Vec<String> {
    let here: Vec<String> = ctx
        .people()
        .iter()
        .map(|(id, _)| {
            ctx.draft
                .meeting
                .person_name(&ctx.draft.plan, id)
                .to_lowercase()
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    let usual = ctx.draft.plan.usual_minute_taker();
    let given = Some(ctx.draft.meeting.details.minute_taker_name.trim()).filter(|n| !n.is_empty());
    for name in [usual, given].into_iter().flatten() {
        let name = name.trim();
        if !here.contains(&name.to_lowercase()) && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// Who takes the minutes: a member or a guest, the case's usual minute-taker, or a name typed
/// there (business support is not a guest of the meeting).
fn minute_taker(ctx: &Ctx, ids: &[Id], labels: Vec<String>, search: Vec<String>) -> Field {
    let d = &ctx.draft.meeting.details;
    let usual = ctx.draft.plan.usual_minute_taker();
    let names = names(ctx);
    let named = |n: &String| {
        if Some(n.as_str()) == usual {
            format!("{n} (usual minute-taker)")
        } else {
            n.clone()
        }
    };
    let options = with_none(
        "not chosen",
        labels.into_iter().chain(names.iter().map(named)),
    );
    let search = search.into_iter().chain(names.iter().cloned()).collect();
    let selected = match &d.minute_taker {
        Some(_) => index_of(ids, d.minute_taker.as_ref()),
        None => names
            .iter()
            .position(|n| n == d.minute_taker_name.trim())
            .map_or(0, |i| 1 + ids.len() + i),
    };
    Field::choice("minute_taker", "Minute-taker", options, selected)
        .with_search(search)
        .with_free_text()
}

/// The minute-taker's name when the choice is not a member or guest: one offered, or as typed.
fn minute_taker_name(ctx: &Ctx, form: &Form, people: usize) -> String {
    let Some(i) = form.choice("minute_taker").checked_sub(1 + people) else {
        return String::new();
    };
    names(ctx)
        .get(i)
        .cloned()
        .unwrap_or_else(|| form.choice_label("minute_taker"))
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
    if d.minute_taker.is_none() && d.minute_taker_name.trim().is_empty() {
        out.push("no minute-taker recorded".into());
    }
    if d.venue.trim().is_empty() {
        out.push("no venue recorded".into());
    }
    out.extend(chair_warnings(ctx));
    out
}
