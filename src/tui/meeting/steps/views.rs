//! The child's views and the family's views.

use super::{Commit, Ctx, index_of, pick, with_none};
use crate::domain::meeting::{Answer, Change, ChildViews, FamilyViews};
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;

fn answers() -> Vec<String> {
    with_none(
        "not recorded",
        Answer::ALL.iter().map(|a| a.label().to_string()),
    )
}

/// The child whose views the step shows: with several children, the one selected in the list.
fn child<'a>(ctx: &'a Ctx, row: usize) -> Option<&'a str> {
    let children = &ctx.draft.plan.children;
    (children.len() > 1).then(|| {
        children
            .get(row.min(children.len() - 1))
            .map(|c| c.id.as_str())
    })?
}

pub fn build_child(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let m = &ctx.draft.meeting;
    let who = child(ctx, sel("children"));
    let none = ChildViews::default();
    let v = match who {
        Some(c) => m.views_of(c).unwrap_or(&none),
        None => &m.child_views,
    };
    // Whose views these are, when there is a choice: "Alfie's wishes and feelings".
    let label = match who.and_then(|c| ctx.draft.plan.child(c)) {
        Some(c) => {
            let first = c.name.split_whitespace().next().unwrap_or(&c.name);
            format!("{first}'s wishes and feelings")
        }
        None => "Wishes and feelings".to_string(),
    };
    let mut fields = vec![
        Field::note("wishes", label, &v.wishes_and_feelings).private(&v.privacy),
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
    ];
    let children = ctx.draft.plan.children.len();
    if children > 1 {
        // After the fields, so typing on arrival goes to the first child's wishes.
        fields.push(Field::table(
            "children",
            "Whose views (each child's own)",
            children,
            sel("children"),
            4,
        ));
    }
    fields
}

pub fn commit_child(ctx: &Ctx, form: &Form) -> Commit {
    let who = child(ctx, form.choice("children")).map(str::to_string);
    let new = ChildViews {
        child: who.clone(),
        wishes_and_feelings: form.text("wishes"),
        feels_safe: pick(&Answer::ALL, form.choice("safe")),
        daily_life_improved: pick(&Answer::ALL, form.choice("improved")),
        how_gathered: form.text("how"),
        privacy: form.privacy("wishes"),
    };
    let m = &ctx.draft.meeting;
    let old = match who.as_deref() {
        Some(c) => m.views_of(c).cloned().unwrap_or(ChildViews {
            child: who.clone(),
            ..ChildViews::default()
        }),
        None => m.child_views.clone(),
    };
    Commit {
        changes: if new == old {
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
    ctx.draft.meeting.views_missing(&ctx.draft.plan)
}

pub fn missing_family(ctx: &Ctx) -> Vec<String> {
    if ctx.draft.meeting.family_views.views.trim().is_empty() {
        vec!["the family's views are not recorded".into()]
    } else {
        Vec::new()
    }
}
