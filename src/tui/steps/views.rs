//! The child's views and the family's views.

use super::{Commit, Ctx, index_of, pick, with_none};
use crate::domain::meeting::{Answer, Change, ChildViews, FamilyViews};
use crate::tui::field::Field;
use crate::tui::forms::Form;

fn answers() -> Vec<String> {
    with_none(
        "not recorded",
        Answer::ALL.iter().map(|a| a.label().to_string()),
    )
}

pub fn build_child(ctx: &Ctx) -> Vec<Field> {
    let v = &ctx.draft.meeting.child_views;
    vec![
        Field::note("wishes", "Wishes and feelings", &v.wishes_and_feelings).private(&v.privacy),
        Field::choice(
            "safe",
            "Do they feel safe?",
            answers(),
            index_of(&Answer::ALL, v.feels_safe.as_ref()),
        ),
        Field::choice(
            "improved",
            "Has daily life improved?",
            answers(),
            index_of(&Answer::ALL, v.daily_life_improved.as_ref()),
        ),
        Field::note(
            "how",
            "How the views were gathered, if the child is not here",
            &v.how_gathered,
        ),
    ]
}

pub fn commit_child(ctx: &Ctx, form: &Form) -> Commit {
    let new = ChildViews {
        wishes_and_feelings: form.text("wishes"),
        feels_safe: pick(&Answer::ALL, form.choice("safe")),
        daily_life_improved: pick(&Answer::ALL, form.choice("improved")),
        how_gathered: form.text("how"),
        privacy: form.privacy("wishes"),
    };
    Commit {
        changes: if new == ctx.draft.meeting.child_views {
            Vec::new()
        } else {
            vec![Change::ChildViews(new)]
        },
        problems: Vec::new(),
    }
}

pub fn build_family(ctx: &Ctx) -> Vec<Field> {
    let v = &ctx.draft.meeting.family_views;
    vec![
        Field::note("views", "The parents' and carers' views", &v.views).private(&v.privacy),
        Field::note(
            "not_accepted",
            "Preferences not accepted, and why",
            &v.not_accepted,
        ),
    ]
}

pub fn commit_family(ctx: &Ctx, form: &Form) -> Commit {
    let new = FamilyViews {
        views: form.text("views"),
        not_accepted: form.text("not_accepted"),
        privacy: form.privacy("views"),
    };
    Commit {
        changes: if new == ctx.draft.meeting.family_views {
            Vec::new()
        } else {
            vec![Change::FamilyViews(new)]
        },
        problems: Vec::new(),
    }
}

pub fn missing_child(ctx: &Ctx) -> Vec<String> {
    if ctx.draft.meeting.child_views.is_recorded() {
        Vec::new()
    } else {
        vec!["the child's views are not recorded".into()]
    }
}

pub fn missing_family(ctx: &Ctx) -> Vec<String> {
    if ctx.draft.meeting.family_views.views.trim().is_empty() {
        vec!["the family's views are not recorded".into()]
    } else {
        Vec::new()
    }
}
