//! Small forms opened over the current step: the capture chords (action, disagreement, change
//! of circumstances, confidential note) and the editors of list rows. Closing one returns to
//! exactly where the chair was, because the step's own form is never touched.

use super::steps::{Ctx, index_of, number_of, pick, with_none};
use crate::domain::disagreements::{DisagreementReview, Route, Standing};
use crate::domain::id::Id;
use crate::domain::meeting::{
    ActionReview, Change, Circumstance, CircumstanceKind, Disagreement, Guest, Note, Scratch,
};
use crate::domain::plan::{Action, ActionStatus, ActionUpdate, Origin, Outcome, Plan};
use crate::domain::privacy::Privacy;
use crate::tui::widgets::field::Field;
use crate::tui::widgets::forms::{Form, FormError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverlayKind {
    Action(Option<Id>),
    Disagreement(Option<Id>),
    /// This meeting's word on a disagreement carried from an earlier one.
    CarriedDisagreement(Id),
    Circumstance(Option<Id>),
    Note(Option<Id>),
    Guest(Option<Id>),
    Outcome(Option<Id>),
}

impl OverlayKind {
    /// The item being edited; `None` for a new one.
    pub fn id(&self) -> Option<&str> {
        match self {
            OverlayKind::Action(id)
            | OverlayKind::Disagreement(id)
            | OverlayKind::Circumstance(id)
            | OverlayKind::Note(id)
            | OverlayKind::Guest(id)
            | OverlayKind::Outcome(id) => id.as_deref(),
            OverlayKind::CarriedDisagreement(id) => Some(id),
        }
    }

    /// The name kept in a [`Scratch`]: the kind, then `:` and the item when editing one.
    pub fn scratch_name(&self) -> String {
        let kind = match self {
            OverlayKind::Action(_) => "action",
            OverlayKind::Disagreement(_) => "disagreement",
            OverlayKind::CarriedDisagreement(_) => "carried-disagreement",
            OverlayKind::Circumstance(_) => "circumstance",
            OverlayKind::Note(_) => "note",
            OverlayKind::Guest(_) => "guest",
            OverlayKind::Outcome(_) => "outcome",
        };
        match self.id() {
            Some(id) => format!("{kind}:{id}"),
            None => kind.to_string(),
        }
    }

    /// The inverse of [`OverlayKind::scratch_name`]; `None` for a name it never writes.
    pub fn from_scratch_name(name: &str) -> Option<OverlayKind> {
        let (kind, id) = match name.split_once(':') {
            Some((k, id)) => (k, Some(id.to_string())),
            None => (name, None),
        };
        Some(match kind {
            "action" => OverlayKind::Action(id),
            "disagreement" => OverlayKind::Disagreement(id),
            "carried-disagreement" => OverlayKind::CarriedDisagreement(id?),
            "circumstance" => OverlayKind::Circumstance(id),
            "note" => OverlayKind::Note(id),
            "guest" => OverlayKind::Guest(id),
            "outcome" => OverlayKind::Outcome(id),
            _ => return None,
        })
    }
}

pub struct Overlay {
    pub kind: OverlayKind,
    /// The title as opened; see [`Overlay::title`] for what is shown.
    pub title: String,
    pub form: Form,
    /// Why the last save was refused.
    pub error: Option<String>,
    /// The step the overlay was opened on (notes remember where they were written).
    pub step_key: String,
}

const GUEST_ROLES: [&str; 6] = [
    "interpreter",
    "advocate",
    "observer",
    "minute-taker",
    "professional",
    crate::domain::meeting::FAMILY_GUEST,
];

fn outcome_label(o: &Outcome, plan: &Plan) -> String {
    // First names: "o5 Alfie & Kayla: …" for an outcome the children share.
    let firsts: Vec<&str> = o
        .children()
        .map(|c| {
            let name = plan.child(c).map_or(c.as_str(), |c| c.name.as_str());
            name.split_whitespace().next().unwrap_or(name)
        })
        .collect();
    format!("{} {}: {}", o.id, firsts.join(" & "), o.text)
}

impl Overlay {
    /// The title shown: a note's says what its privacy is now, so a form titled "Confidential
    /// note" always saves a confidential one.
    pub fn title(&self) -> String {
        match &self.kind {
            OverlayKind::Note(_) => {
                let p = self.form.privacy("text");
                if p.confidential {
                    "Confidential note".into()
                } else {
                    "Note".into()
                }
            }
            _ => self.title.clone(),
        }
    }

    pub fn open(ctx: &Ctx, kind: OverlayKind) -> Overlay {
        let plan = &ctx.draft.plan;
        let m = &ctx.draft.meeting;
        let (title, fields) = match &kind {
            OverlayKind::Action(id) => {
                let a = id.as_deref().and_then(|id| plan.action(id));
                let outcome_ids: Vec<_> = plan.outcomes.iter().map(|o| o.id.clone()).collect();
                // Members, then the guests at this meeting: a guest can own an action.
                let people = ctx.people();
                let member_ids: Vec<_> = people.iter().map(|(id, _)| id.clone()).collect();
                let title = match a {
                    Some(a) => format!("Action {}", a.id),
                    None => "New action".to_string(),
                };
                // The note's tick as last set in this meeting: on the note it added to the
                // history, else on the action's review.
                let note_privacy = a
                    .and_then(|a| {
                        let kept = ctx.start.history_len.get(&a.id).copied().unwrap_or(0);
                        a.history
                            .get(kept..)
                            .and_then(|h| h.last())
                            .map(|h| &h.privacy)
                    })
                    .or_else(|| {
                        a.and_then(|a| m.action_reviews.iter().find(|r| r.action == a.id))
                            .map(|r| &r.privacy)
                    })
                    .cloned()
                    .unwrap_or_default();
                (
                    title,
                    vec![
                        Field::note(
                            "what",
                            "What is to be done",
                            a.map_or("", |a| a.what.as_str()),
                        )
                        .private(&a.map(|a| a.privacy.clone()).unwrap_or_default()),
                        Field::choice(
                            "owner",
                            "Who",
                            with_none("nobody yet", people.into_iter().map(|(_, label)| label)),
                            index_of(&member_ids, a.and_then(|a| a.owner.as_ref())),
                        )
                        .with_search(with_none(
                            "",
                            plan.members
                                .iter()
                                .map(|m| format!("{} {} {}", m.name, m.role, m.agency)),
                        )),
                        Field::choice(
                            "outcome",
                            "Serves",
                            plan.outcomes
                                .iter()
                                .map(|o| outcome_label(o, plan))
                                .collect(),
                            index_of(&outcome_ids, a.map(|a| &a.outcome)).saturating_sub(1),
                        )
                        .with_numbers(plan.outcomes.iter().map(|o| number_of(&o.id)).collect()),
                        Field::date("due", "By when", a.and_then(|a| a.due), ctx.today),
                        Field::choice(
                            "status",
                            "Status",
                            ActionStatus::ALL
                                .iter()
                                .map(|s| s.label().to_string())
                                .collect(),
                            index_of(&ActionStatus::ALL, a.map(|a| &a.status)).saturating_sub(1),
                        ),
                        Field::text("note", "Note", "").private(&note_privacy),
                    ],
                )
            }
            OverlayKind::Outcome(id) => {
                let o = id.as_deref().and_then(|id| plan.outcome(id));
                let child_ids: Vec<_> = plan.children.iter().map(|c| c.id.clone()).collect();
                (
                    match o {
                        Some(o) => format!("Core group outcome {}", o.id),
                        None => "New core group outcome".to_string(),
                    },
                    vec![
                        Field::choice(
                            "child",
                            "For",
                            plan.outcome_for_choices(),
                            match o {
                                Some(o) if o.children().count() > 1 => plan.children.len(),
                                _ => index_of(&child_ids, o.map(|o| &o.child)).saturating_sub(1),
                            },
                        ),
                        Field::note("text", "The outcome", o.map_or("", |o| o.text.as_str())),
                    ],
                )
            }
            OverlayKind::Disagreement(id) => {
                let d = id
                    .as_deref()
                    .and_then(|id| m.disagreements.iter().find(|d| d.id == id));
                (
                    if d.is_some() {
                        "Disagreement"
                    } else {
                        "Record a disagreement"
                    }
                    .to_string(),
                    vec![
                        Field::text("who", "Who disagrees", d.map_or("", |d| d.who.as_str())),
                        Field::text("about", "About what", d.map_or("", |d| d.about.as_str()))
                            .private(&d.map(|d| d.privacy.clone()).unwrap_or_default()),
                        Field::note(
                            "reasons",
                            "Reasons given",
                            d.map_or("", |d| d.reasons.as_str()),
                        ),
                        Field::choice(
                            "route",
                            "To be resolved by",
                            Route::ALL.iter().map(|r| r.label().to_string()).collect(),
                            index_of(&Route::ALL, d.map(|d| &d.route)).saturating_sub(1),
                        ),
                        Field::toggle("resolved", "Resolved", d.is_some_and(|d| d.resolved)),
                    ],
                )
            }
            OverlayKind::CarriedDisagreement(id) => {
                let d = plan.disagreements.iter().find(|d| &d.id == id);
                let r = m
                    .disagreement_reviews
                    .iter()
                    .find(|r| &r.disagreement == id);
                let standing = r.map_or(Standing::Open, |r| r.standing);
                let route = r
                    .and_then(|r| r.route)
                    .or(d.map(|d| d.route_now()))
                    .unwrap_or(Route::CoreGroup);
                // A word on a disagreement is for whoever may read the disagreement, unless
                // ticked otherwise.
                let privacy = r
                    .map(|r| r.privacy.clone())
                    .or(d.map(|d| d.privacy.clone()))
                    .unwrap_or_default();
                (
                    format!("Disagreement {id}: {}", d.map_or("", |d| d.about.as_str())),
                    vec![
                        Field::choice(
                            "standing",
                            "Where it stands now",
                            Standing::ALL
                                .iter()
                                .map(|s| s.label().to_string())
                                .collect(),
                            index_of(&Standing::ALL, Some(&standing)).saturating_sub(1),
                        ),
                        Field::note(
                            "note",
                            "Progress, or how it was resolved",
                            r.map_or("", |r| r.note.as_str()),
                        )
                        .private(&privacy),
                        Field::text(
                            "by",
                            "Resolved by (a member or any name)",
                            r.map_or("", |r| r.by.as_str()),
                        ),
                        Field::happened(
                            "on",
                            "When (blank: today)",
                            r.and_then(|r| r.on),
                            ctx.meeting_date(),
                        ),
                        Field::choice(
                            "route",
                            "Escalated to",
                            Route::ALL.iter().map(|r| r.label().to_string()).collect(),
                            index_of(&Route::ALL, Some(&route)).saturating_sub(1),
                        ),
                    ],
                )
            }
            OverlayKind::Circumstance(id) => {
                let c = id
                    .as_deref()
                    .and_then(|id| m.circumstances.iter().find(|c| c.id == id));
                (
                    if c.is_some() {
                        "Change of circumstances"
                    } else {
                        "Record a change of circumstances"
                    }
                    .to_string(),
                    vec![
                        Field::choice(
                            "kind",
                            "Kind",
                            CircumstanceKind::ALL
                                .iter()
                                .map(|k| k.label().to_string())
                                .collect(),
                            index_of(&CircumstanceKind::ALL, c.map(|c| &c.kind)).saturating_sub(1),
                        ),
                        Field::note(
                            "detail",
                            "What changed",
                            c.map_or("", |c| c.detail.as_str()),
                        )
                        .private(&c.map(|c| c.privacy.clone()).unwrap_or_default()),
                        Field::toggle(
                            "tell",
                            "Tell the conference chair",
                            c.is_none_or(|c| c.tell_conference_chair),
                        ),
                    ],
                )
            }
            OverlayKind::Note(id) => {
                let n = id
                    .as_deref()
                    .and_then(|id| m.notes.iter().find(|n| n.id == id));
                (
                    "Note".to_string(),
                    vec![
                        // A note captured from anywhere starts confidential.
                        Field::note("text", "Note", n.map_or("", |n| n.text.as_str())).private(
                            &n.map_or_else(|| Privacy::marked(true), |n| n.privacy.clone()),
                        ),
                        Field::text(
                            "subject",
                            "About (labels the note)",
                            n.map_or("", |n| n.subject.as_str()),
                        ),
                    ],
                )
            }
            OverlayKind::Guest(id) => {
                let g = id
                    .as_deref()
                    .and_then(|id| m.guests.iter().find(|g| g.id == id));
                return Overlay::guest(ctx, g);
            }
        };
        Overlay {
            kind,
            title,
            form: Form::new(fields),
            error: None,
            step_key: ctx.step_key(),
        }
    }

    /// Someone at the meeting who is not in the core group.
    pub fn guest(ctx: &Ctx, g: Option<&Guest>) -> Overlay {
        let plan = &ctx.draft.plan;
        // Older records kept the kind in `role`; a typed role is kept as it was typed.
        let kind_of = |g: &Guest| {
            if g.here_as.is_empty() {
                g.role.clone()
            } else {
                g.here_as.clone()
            }
        };
        let known = g.and_then(|g| GUEST_ROLES.iter().position(|r| *r == kind_of(g)));
        let role_choice = match (g, known) {
            (_, Some(i)) => i,
            (Some(_), None) => GUEST_ROLES.len(),
            (None, None) => 0,
        };
        let typed = g.map_or("", |g| {
            if GUEST_ROLES.contains(&g.role.as_str()) {
                ""
            } else {
                g.role.as_str()
            }
        });
        let mut roles: Vec<String> = GUEST_ROLES.iter().map(|r| r.to_string()).collect();
        roles.push("other".into());
        let member_ids: Vec<Id> = plan.members.iter().map(|m| m.id.clone()).collect();
        Overlay {
            kind: OverlayKind::Guest(g.map(|g| g.id.clone())),
            title: if g.is_some() {
                "Guest"
            } else {
                "Add someone who is not on the list"
            }
            .to_string(),
            form: Form::new(vec![
                Field::text("name", "Name", g.map_or("", |g| g.name.as_str()))
                    .private(&g.map(|g| g.privacy.clone()).unwrap_or_default()),
                Field::choice("role", "Here as", roles, role_choice),
                Field::text("other_role", "Their role", typed),
                Field::text("agency", "Agency", g.map_or("", |g| g.agency.as_str())),
                Field::choice(
                    "for_whom",
                    "For whom / related to",
                    with_none("nobody", plan.members.iter().map(|m| m.name.clone())),
                    index_of(&member_ids, g.and_then(|g| g.for_whom.as_ref())),
                ),
                Field::toggle("joins", "Joins the core group", g.is_some_and(|g| g.joins)),
            ]),
            error: None,
            step_key: ctx.step_key(),
        }
    }

    /// Everything entered in the form so far (text, choices, ticks, where the focus is), to be
    /// journaled until the form is saved or cancelled.
    pub fn scratch(&self) -> Scratch {
        self.form
            .scratch(self.kind.scratch_name(), self.step_key.clone())
    }

    /// Whether anything was entered since the last [`Overlay::scratch`] was taken; clears the
    /// marks.
    pub fn take_entered(&mut self) -> bool {
        let entered = self.form.any_dirty();
        self.form.clear_dirty();
        entered
    }

    /// Put back what a [`Scratch`] of this form holds, as if entered again.
    pub fn restore(&mut self, scratch: &Scratch) {
        self.form.restore(scratch);
        // Restored values are already in the journal; only later entries need a new scratch.
        self.form.clear_dirty();
    }

    /// The changes saving this form makes, or why it cannot be saved yet.
    pub fn submit(&self, ctx: &Ctx) -> Result<Vec<Change>, FormError> {
        let f = &self.form;
        let plan = &ctx.draft.plan;
        let m = &ctx.draft.meeting;
        // A text that must be given: the field, and what the screen says is needed.
        let required = |id, needs| {
            let t = f.text(id);
            if t.trim().is_empty() {
                Err(FormError::needs(id, needs))
            } else {
                Ok(t.trim().to_string())
            }
        };
        let change = match &self.kind {
            OverlayKind::Action(id) => {
                let what = required("what", "what is to be done is needed")?;
                let outcome = plan
                    .outcomes
                    .get(f.choice("outcome"))
                    .map(|o| o.id.clone())
                    .ok_or(FormError::needs(
                        "outcome",
                        "the plan has no outcome for the action to serve: add one first",
                    ))?;
                let due = f.date_only("due")?;
                let member_ids: Vec<_> = ctx.people().into_iter().map(|(id, _)| id).collect();
                let owner = pick(&member_ids, f.choice("owner"));
                let status = ActionStatus::ALL
                    .get(f.choice("status"))
                    .copied()
                    .unwrap_or_default();
                let note = f.text("note").trim().to_string();
                let mut action = match id.as_deref().and_then(|id| plan.action(id)) {
                    Some(a) => a.clone(),
                    None => Action {
                        id: Plan::next_id("a", plan.actions.iter().map(|a| a.id.as_str())),
                        outcome: outcome.clone(),
                        owner: None,
                        what: String::new(),
                        due: None,
                        status,
                        history: Vec::new(),
                        privacy: Privacy::default(),
                    },
                };
                let status_changed = action.status != status;
                action.what = what;
                action.outcome = outcome;
                action.owner = owner;
                action.due = due;
                action.status = status;
                action.privacy = f.privacy("what");
                let note_privacy = f.privacy("note");
                let review = m.action_reviews.iter().find(|r| r.action == action.id);
                let mut changes = Vec::new();
                if status_changed || !note.is_empty() {
                    // The meeting adds one entry to an action's history: its latest word, with
                    // who may read it.
                    let (note, note_privacy) = match review {
                        Some(r) if note.is_empty() => (r.note.clone(), r.privacy.clone()),
                        _ => (note, note_privacy),
                    };
                    if let Some(&keep) = ctx.start.history_len.get(&action.id) {
                        action.history.truncate(keep);
                    }
                    action.history.push(ActionUpdate {
                        date: ctx.meeting_date(),
                        status,
                        note: note.clone(),
                        by: None,
                        changed: Vec::new(),
                        made: Default::default(),
                        privacy: note_privacy.clone(),
                    });
                    // Reviewed earlier in the meeting: the review now says what was decided last.
                    if review.is_some() {
                        changes.push(Change::ActionReview(ActionReview {
                            action: action.id.clone(),
                            status,
                            note,
                            privacy: note_privacy,
                        }));
                    }
                }
                changes.push(Change::Action(action));
                return Ok(changes);
            }
            OverlayKind::Outcome(id) => {
                let text = required("text", "the outcome's wording is needed")?;
                // Past the last child: all of them, one outcome the children share.
                let (child, also_for) = plan
                    .outcome_for_choice(f.choice("child"))
                    .ok_or(FormError::needs("child", "the plan has no child"))?;
                let existing = id.as_deref().and_then(|id| plan.outcome(id));
                Change::Outcome(Outcome {
                    id: existing.map_or_else(
                        || Plan::next_id("o", plan.outcomes.iter().map(|o| o.id.as_str())),
                        |o| o.id.clone(),
                    ),
                    child,
                    text,
                    origin: Origin::CoreGroup,
                    also_for,
                    added: existing.and_then(|o| o.added).or(Some(ctx.meeting_date())),
                })
            }
            OverlayKind::CarriedDisagreement(id) => {
                let standing = Standing::ALL
                    .get(f.choice("standing"))
                    .copied()
                    .unwrap_or_default();
                let note = match standing {
                    Standing::Resolved => required("note", "how it was resolved is needed")?,
                    Standing::Ended => required("note", "how it ended is needed")?,
                    Standing::Open => required("note", "the progress is needed")?,
                    Standing::Escalated => f.text("note").trim().to_string(),
                };
                let on = f.date_only("on")?.filter(|d| *d != ctx.meeting_date());
                if on.is_some_and(|d| d > ctx.meeting_date()) {
                    return Err(FormError::needs("on", "when: the day is still to come"));
                }
                Change::DisagreementReview(DisagreementReview {
                    disagreement: id.clone(),
                    standing,
                    route: (standing == Standing::Escalated)
                        .then(|| Route::ALL.get(f.choice("route")).copied())
                        .flatten(),
                    note,
                    by: crate::domain::disagreements::who_resolved(plan, &f.text("by")),
                    on,
                    privacy: f.privacy("note"),
                })
            }
            OverlayKind::Disagreement(id) => Change::Disagreement(Disagreement {
                // Never the id of one carried from an earlier meeting.
                id: id.clone().unwrap_or_else(|| {
                    Plan::next_id(
                        "d",
                        m.item_ids()
                            .chain(plan.disagreements.iter().map(|d| d.id.as_str())),
                    )
                }),
                who: required("who", "who disagrees is needed")?,
                about: required("about", "what it is about is needed")?,
                reasons: f.text("reasons"),
                route: Route::ALL
                    .get(f.choice("route"))
                    .copied()
                    .unwrap_or(Route::CoreGroup),
                resolved: f.toggle("resolved"),
                privacy: f.privacy("about"),
            }),
            OverlayKind::Circumstance(id) => Change::Circumstance(Circumstance {
                id: id
                    .clone()
                    .unwrap_or_else(|| Plan::next_id("ch", m.item_ids())),
                kind: CircumstanceKind::ALL
                    .get(f.choice("kind"))
                    .copied()
                    .unwrap_or(CircumstanceKind::Other),
                detail: required("detail", "what changed is needed")?,
                tell_conference_chair: f.toggle("tell"),
                privacy: f.privacy("detail"),
            }),
            OverlayKind::Note(id) => {
                let existing = id
                    .as_deref()
                    .and_then(|id| m.notes.iter().find(|n| n.id == id));
                Change::Note(Note {
                    id: id
                        .clone()
                        .unwrap_or_else(|| Plan::next_id("n", m.item_ids())),
                    step: existing.map_or_else(|| self.step_key.clone(), |n| n.step.clone()),
                    subject: f.text("subject").trim().to_string(),
                    text: required("text", "the note is needed")?,
                    privacy: f.privacy("text"),
                })
            }
            OverlayKind::Guest(id) => {
                let here_as = GUEST_ROLES.get(f.choice("role")).copied();
                // What was typed is their role, whatever "here as" says.
                let typed = f.text("other_role").trim().to_string();
                let role = match (here_as, typed.is_empty()) {
                    (_, false) => typed,
                    (Some(r), true) => r.to_string(),
                    (None, true) => required("other_role", "the guest's role is needed")?,
                };
                let member_ids: Vec<Id> = plan.members.iter().map(|m| m.id.clone()).collect();
                Change::Guest(Guest {
                    id: id
                        .clone()
                        .unwrap_or_else(|| Plan::next_id("g", m.item_ids())),
                    name: required("name", "a name is needed")?,
                    role,
                    agency: f.text("agency").trim().to_string(),
                    here_as: here_as.unwrap_or_default().to_string(),
                    for_whom: pick(&member_ids, f.choice("for_whom")),
                    joins: f.toggle("joins"),
                    privacy: f.privacy("name"),
                })
            }
        };
        Ok(vec![change])
    }
}
