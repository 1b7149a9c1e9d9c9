//! The forms the case screen edits the case with: an event for the log (people joining and
//! leaving among them) and an edit of the plan. Each form is built from the case as the screen
//! shows it and read back into a log event or a plan edit; nothing here writes.

use chrono::NaiveDate;

use crate::cases::case_write::CaseWrite;
use crate::cases::edit_plan::{MemberDetails, PlanEdit, Said};
use crate::cases::error::EditError;
use crate::cases::members::new_id;
use crate::domain::case_log::{self as cl, Event};
use crate::domain::id::Id;
use crate::domain::plan::{ActionStatus, ChildSeen, Member, Origin, Plan, WhyNot, WhyOnPlan};
use crate::domain::privacy::Privacy;
use crate::tui::widgets::field::Field;
use crate::tui::widgets::forms::{FieldError, Form, FormError};

/// Why a form of the case screen was not opened, or not read back: a field to fix, the day of
/// what happened still to come, a next review that does not read, an outcome a review
/// conference left without its wording, or a part of the plan not edited here. Shown at the
/// form's foot in these words.
#[derive(Debug, thiserror::Error)]
pub enum CaseFormError {
    #[error(transparent)]
    Form(#[from] FormError),
    #[error(transparent)]
    StillToCome(#[from] crate::cases::error::StillToCome),
    #[error("Next review: {0}")]
    NextReview(#[source] crate::domain::date_entry::DateEntryError),
    #[error("Outcome {0}: give its wording (a review conference cannot leave it blank)")]
    OutcomeWording(Id),
    /// An action, outcome or member the plan does not have, as a plan edit says it.
    #[error(transparent)]
    Plan(#[from] crate::cases::error::EditError),
    /// An outcome the conference set: a review conference's form rewords it.
    #[error(
        "outcome {0} was set by the conference: only a review conference rewords it (log one with `l`, where its wording can be changed)"
    )]
    ConferenceOutcome(Id),
}

impl From<FieldError> for CaseFormError {
    fn from(e: FieldError) -> Self {
        CaseFormError::Form(e.into())
    }
}

fn needs(field: &'static str, needs: &'static str) -> CaseFormError {
    CaseFormError::Form(FormError::needs(field, needs))
}

/// The events the log form records, in the order its picker lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Visit,
    Circulated,
    AgreementReturned,
    ReviewConference,
    CoreAssessment,
    Birth,
    ChangeReported,
    MemberJoins,
    MemberLeaves,
    LeadWorker,
    ResolutionRequest,
    Tier1Meeting,
    Tier2Meeting,
    DisagreementResolved,
}

impl EventKind {
    pub const ALL: [EventKind; 14] = [
        EventKind::Visit,
        EventKind::Circulated,
        EventKind::AgreementReturned,
        EventKind::ReviewConference,
        EventKind::CoreAssessment,
        EventKind::Birth,
        EventKind::ChangeReported,
        EventKind::MemberJoins,
        EventKind::MemberLeaves,
        EventKind::LeadWorker,
        EventKind::ResolutionRequest,
        EventKind::Tier1Meeting,
        EventKind::Tier2Meeting,
        EventKind::DisagreementResolved,
    ];

    pub fn title(self) -> &'static str {
        match self {
            EventKind::Visit => "A visit",
            EventKind::Circulated => "Minutes circulated",
            EventKind::AgreementReturned => "A signed agreement returned",
            EventKind::ReviewConference => "A review conference",
            EventKind::CoreAssessment => "The core assessment completed",
            EventKind::Birth => "A birth (a child on a pre-birth plan)",
            EventKind::ChangeReported => "A change reported to the conference chair",
            EventKind::MemberJoins => "A member joins",
            EventKind::MemberLeaves => "A member leaves",
            EventKind::LeadWorker => "A new lead social worker",
            EventKind::ResolutionRequest => "Wales: a resolution request",
            EventKind::Tier1Meeting => "Wales: the Tier 1 meeting held",
            EventKind::Tier2Meeting => "Wales: the Tier 2 meeting held",
            EventKind::DisagreementResolved => "A disagreement resolved between meetings",
        }
    }
}

/// What a form is for (kept with what was typed in it when its window closed).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// Which event to log.
    ChooseEvent,
    Event(EventKind),
    /// Which part of the plan to edit.
    ChoosePlanItem,
    Action(Id),
    Contingency,
    /// Why the children are on a plan, and who may read it.
    Why,
    /// A core group outcome; `None` adds one.
    Outcome(Option<Id>),
    /// Which person's details to edit (or the family's address).
    ChoosePerson,
    /// A member's details, by id.
    Member(Id),
    FamilyAddress,
    /// Which entry of the log to withdraw, and why.
    Withdraw,
}

/// A part of the plan the plan picker offers.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanItem {
    Action(Id),
    Contingency,
    Why,
    Outcome(Id),
    /// Set by the conference: shown, but not edited here.
    ConferenceOutcome(Id),
    NewOutcome,
    Member(Id),
    FamilyAddress,
}

/// A form open over the case screen.
pub struct CaseForm {
    pub purpose: Purpose,
    pub form: Form,
    /// Why the form could not be saved (shown at its foot).
    pub error: Option<String>,
    /// The ids behind the member picker's options, in its order.
    pub members: Vec<Id>,
    /// The ids behind the "changed by" picker's options, in its order.
    pub by: Vec<Id>,
    /// The parts of the plan behind the plan picker's options.
    pub items: Vec<PlanItem>,
    /// The meetings the meeting picker offers, oldest first.
    pub meetings: Vec<String>,
    /// The children behind the child picker's options.
    pub children: Vec<Id>,
    /// The conference outcomes behind a review conference's wording fields, in their order.
    pub outcomes: Vec<Id>,
    /// The name of the member whose details the form holds (not edited here).
    pub name: Option<String>,
    /// The log's entries behind the entry picker's options (id, then the line shown).
    pub entries: Vec<(String, String)>,
    /// Who may read the item, behind the "who may read" picker's options, in its order.
    pub readers: Vec<Privacy>,
    /// A choice was just taken by its number and the focus moved on: a Tab straight after it
    /// is the worker's habit from typed choices and must not skip the next field.
    pub choice_moved_on: bool,
}

/// The fields of a review conference's wordings, one per conference outcome (field ids are
/// static; a plan with more conference outcomes than this shows the first ones).
const WORDINGS: [&str; 12] = [
    "wording-1",
    "wording-2",
    "wording-3",
    "wording-4",
    "wording-5",
    "wording-6",
    "wording-7",
    "wording-8",
    "wording-9",
    "wording-10",
    "wording-11",
    "wording-12",
];

impl CaseForm {
    fn new(purpose: Purpose, fields: Vec<Field>) -> CaseForm {
        CaseForm {
            purpose,
            form: Form::new(fields),
            error: None,
            members: Vec::new(),
            by: Vec::new(),
            items: Vec::new(),
            meetings: Vec::new(),
            children: Vec::new(),
            outcomes: Vec::new(),
            name: None,
            entries: Vec::new(),
            readers: Vec::new(),
            choice_moved_on: false,
        }
    }

    pub fn title(&self) -> String {
        match &self.purpose {
            Purpose::ChooseEvent => "Log an event".into(),
            Purpose::Event(k) => k.title().into(),
            Purpose::ChoosePlanItem => "Edit the plan".into(),
            Purpose::Action(id) => format!("Action {id}"),
            Purpose::Contingency => "The contingency plan".into(),
            Purpose::Why => "Why the children are on a plan".into(),
            Purpose::Outcome(Some(id)) => format!("Core group outcome {id}"),
            Purpose::Outcome(None) => "A new core group outcome".into(),
            Purpose::ChoosePerson => "Edit a member's details or the family's address".into(),
            Purpose::Member(id) => format!("{}'s details", self.name.as_deref().unwrap_or(id)),
            Purpose::FamilyAddress => "The family's address".into(),
            Purpose::Withdraw => "Withdraw a wrong entry of the log".into(),
        }
    }

    /// The line the entry picker shows for option `i`.
    pub fn items_label(&self, i: usize) -> String {
        self.entries
            .get(i)
            .map(|(_, label)| label.clone())
            .unwrap_or_default()
    }
}

/// The form that withdraws a wrong entry: which one (those not withdrawn, newest first), why,
/// and who withdraws it; `None` when nothing is left to withdraw.
/// `open` gives each entry not withdrawn: its id, day and words.
pub fn withdraw_form<'a>(
    plan: &Plan,
    open: impl Iterator<Item = (&'a str, NaiveDate, &'a str)>,
) -> Option<CaseForm> {
    let entries: Vec<(String, String)> = open
        .map(|(id, date, text)| {
            // The day and the entry's own words, short enough to read whole at 80 columns.
            let label = format!("{}: {}", date.format("%a %-d %b %Y"), text);
            (id.to_string(), crate::text::sanitize(&label).into_owned())
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    let (labels, ids, lead_at) = member_choice(plan, plan.case.lead_worker.as_deref());
    let mut e = CaseForm::new(
        Purpose::Withdraw,
        vec![
            Field::choice(
                "entry",
                "Entry",
                entries.iter().map(|(_, l)| l.clone()).collect(),
                0,
            ),
            Field::text("reason", "Why it is wrong", ""),
            Field::choice("by", "Withdrawn by", labels, lead_at),
        ],
    );
    e.entries = entries;
    e.members = ids;
    Some(e)
}

/// The picker of events to log.
pub fn choose_event() -> CaseForm {
    let options = EventKind::ALL
        .iter()
        .map(|k| k.title().to_string())
        .collect();
    CaseForm::new(
        Purpose::ChooseEvent,
        vec![Field::choice("kind", "What happened", options, 0)],
    )
}

/// The picker of what in the plan to edit; conference outcomes are listed as read-only.
pub fn choose_plan_item(plan: &Plan) -> CaseForm {
    let mut items = Vec::new();
    let mut labels = Vec::new();
    for a in &plan.actions {
        items.push(PlanItem::Action(a.id.clone()));
        labels.push(format!("Action {}: {}", a.id, a.what));
    }
    items.push(PlanItem::Contingency);
    labels.push("The contingency plan".into());
    items.push(PlanItem::Why);
    labels.push(
        "Why the children are on a plan (the concerns, danger statement, safety goals)".into(),
    );
    for o in &plan.outcomes {
        match o.origin {
            Origin::CoreGroup => {
                items.push(PlanItem::Outcome(o.id.clone()));
                labels.push(format!("Core group outcome {}: {}", o.id, o.text));
            }
            Origin::Conference => {
                items.push(PlanItem::ConferenceOutcome(o.id.clone()));
                labels.push(format!(
                    "Conference outcome {} (read only): {}",
                    o.id, o.text
                ));
            }
        }
    }
    items.push(PlanItem::NewOutcome);
    labels.push("A new core group outcome".into());
    let mut e = CaseForm::new(
        Purpose::ChoosePlanItem,
        vec![Field::choice("item", "What to edit", labels, 0)],
    );
    e.items = items;
    e
}

/// The picker of whose details to edit, on the People pane: the family's address, then each
/// member still in the core group.
pub fn choose_person(plan: &Plan) -> CaseForm {
    let mut items = vec![PlanItem::FamilyAddress];
    let mut labels = vec![match &plan.case.family_address {
        Some(_) if plan.case.withhold_family_address => "The family's address (withheld)".into(),
        Some(_) => "The family's address".to_string(),
        None => "The family's address (none recorded)".into(),
    }];
    for m in plan.current_members() {
        items.push(PlanItem::Member(m.id.clone()));
        labels.push(format!("{} ({})", m.name, m.role));
    }
    let mut e = CaseForm::new(
        Purpose::ChoosePerson,
        vec![Field::choice("item", "Whose details", labels, 0)],
    );
    e.items = items;
    e
}

/// The field ids of a list of tick boxes (the children seen, the members sent the minutes), by
/// place: a form's field ids are fixed strings. A longer list is not offered as ticks.
const TICKS: [&str; 40] = [
    "tick-1", "tick-2", "tick-3", "tick-4", "tick-5", "tick-6", "tick-7", "tick-8", "tick-9",
    "tick-10", "tick-11", "tick-12", "tick-13", "tick-14", "tick-15", "tick-16", "tick-17",
    "tick-18", "tick-19", "tick-20", "tick-21", "tick-22", "tick-23", "tick-24", "tick-25",
    "tick-26", "tick-27", "tick-28", "tick-29", "tick-30", "tick-31", "tick-32", "tick-33",
    "tick-34", "tick-35", "tick-36", "tick-37", "tick-38", "tick-39", "tick-40",
];

/// One tick box for each of `labels`, all ticked; none when there are more than [`TICKS`].
fn ticks(labels: Vec<String>) -> Vec<Field> {
    if labels.len() > TICKS.len() {
        return Vec::new();
    }
    TICKS
        .iter()
        .zip(labels)
        .map(|(id, label)| Field::toggle(id, label, true))
        .collect()
}

/// The ids behind the tick boxes that are ticked; `None` when every one is (or none is offered).
fn ticked(form: &Form, ids: &[Id]) -> Option<Vec<Id>> {
    let on: Vec<Id> = ids
        .iter()
        .zip(TICKS)
        .filter(|(_, tick)| form.get(tick).is_some() && form.toggle(tick))
        .map(|(id, _)| id.clone())
        .collect();
    let offered = form.get(TICKS[0]).is_some();
    (offered && on.len() < ids.len()).then_some(on)
}

/// Each child's part of the visit from their choice; `why` is the reason given for the children
/// not seen or, when every child was seen, for those seen but not alone. Empty when the form has
/// no choice for each child.
fn visit_children(form: &Form, ids: &[Id], why: &str) -> Result<Vec<ChildSeen>, CaseFormError> {
    if form.get(TICKS[0]).is_none() {
        return Ok(Vec::new());
    }
    let ways: Vec<(Id, usize)> = ids
        .iter()
        .zip(TICKS)
        .map(|(id, tick)| (id.clone(), form.choice(tick)))
        .collect();
    let each = ChildSeen::of_ways(&ways, (!why.is_empty()).then(|| WhyNot::parse(why)));
    if each.iter().any(|c| !c.seen && c.why_not.is_none()) {
        return Err(needs("why", "Why not: say why the child was not seen"));
    }
    Ok(each)
}

/// The current members as picker labels, and their ids in the same order; `selected` is the
/// index of `want` when it is among them.
fn member_choice(plan: &Plan, want: Option<&str>) -> (Vec<String>, Vec<Id>, usize) {
    let members: Vec<&Member> = plan.current_members().collect();
    let labels = members
        .iter()
        .map(|m| format!("{} ({})", m.name, m.role))
        .collect();
    let ids: Vec<Id> = members.iter().map(|m| m.id.clone()).collect();
    let selected = want
        .and_then(|w| ids.iter().position(|id| id == w))
        .unwrap_or(0);
    (labels, ids, selected)
}

/// The form for one event, dated today until changed.
pub fn event_form(kind: EventKind, plan: &Plan, meetings: &[String], today: NaiveDate) -> CaseForm {
    let date = |label: &str| Field::happened("date", label, Some(today), today);
    let lead = plan.case.lead_worker.as_deref();
    let (labels, ids, lead_at) = member_choice(plan, lead);
    let meeting = || {
        Field::choice(
            "meeting",
            "Meeting",
            meetings.to_vec(),
            meetings.len().saturating_sub(1),
        )
    };
    let mut uses_members = true;
    // With more than one child, a tick box for each says who was seen.
    let fields = match kind {
        EventKind::Visit => {
            // Each child on their own: seen alone, seen, too young to be seen alone, not seen.
            let mut fields = vec![
                date("Visited on"),
                Field::choice("by", "Visited by", labels, lead_at),
            ];
            if plan.children.is_empty() || plan.children.len() > TICKS.len() {
                fields.push(Field::toggle("seen", "Child seen", true));
                fields.push(Field::toggle("alone", "Seen alone", false));
            } else {
                fields.extend(TICKS.iter().zip(&plan.children).map(|(id, c)| {
                    let options = ChildSeen::WAYS.iter().map(|s| s.to_string()).collect();
                    Field::choice(id, c.name.clone(), options, 1)
                }));
            }
            fields.extend([
                Field::choice(
                    "bedroom",
                    "Bedroom",
                    vec!["not recorded".into(), "seen".into(), "not seen".into()],
                    0,
                ),
                Field::text("why", "Why not (if not seen)", ""),
            ]);
            fields
        }
        EventKind::Circulated => {
            let mut fields = vec![date("Circulated on"), meeting()];
            fields.extend(ticks(
                plan.current_members()
                    .map(|m| format!("To {}", m.name))
                    .collect(),
            ));
            fields
        }
        EventKind::AgreementReturned => vec![
            date("Returned on"),
            Field::choice("member", "Signed by", labels, 0),
            meeting(),
        ],
        EventKind::ReviewConference => vec![
            date("Held on"),
            Field::choice(
                "decision",
                "Decision",
                vec!["the plan continues".into(), "the plan ends".into()],
                0,
            ),
            Field::date("next", "Next review", None, today),
        ]
        .into_iter()
        .chain(conference_outcomes(plan).zip(WORDINGS).map(|(o, id)| {
            let first_name = child_name(plan, &o.child)
                .split_whitespace()
                .next()
                .unwrap_or("");
            Field::text(id, format!("Outcome {}, {first_name}", o.id), &o.text)
        }))
        .chain([
            Field::choice(
                "new-child",
                "New outcome for",
                std::iter::once("no new outcome".to_string())
                    .chain(plan.children.iter().map(|c| c.name.clone()))
                    .collect(),
                0,
            ),
            Field::text("new-text", "New outcome", ""),
        ])
        .collect(),
        EventKind::CoreAssessment => vec![date("Completed on")],
        EventKind::Birth => vec![
            date("Born on"),
            Field::choice(
                "child",
                "The child",
                plan.children.iter().map(|c| c.name.clone()).collect(),
                // The one not born yet, if there is one.
                plan.children
                    .iter()
                    .position(|c| c.date_of_birth.is_none())
                    .unwrap_or(0),
            ),
            Field::text("name", "Named", "")
                .with_hint("the name given, if not the plan's; empty keeps it"),
        ],
        EventKind::ChangeReported => vec![
            date("Reported on"),
            Field::text("what", "What changed", ""),
            Field::choice("by", "Reported by", labels, lead_at),
        ],
        EventKind::MemberJoins => {
            uses_members = false;
            vec![
                date("Joins on"),
                Field::text("name", "Name", ""),
                Field::text("role", "Role", ""),
                Field::text("agency", "Agency", ""),
                Field::toggle("family", "Family member", false),
                Field::text("email", "Email", ""),
                Field::text("language", "Preferred language", ""),
                Field::text("address", "Address", ""),
                Field::toggle("withheld", "Address withheld", false),
                Field::text("phone", "Phone", ""),
                Field::text("title", "Title (Mr, Ms, Mx…)", ""),
            ]
        }
        EventKind::MemberLeaves => vec![
            date("Leaves on"),
            Field::choice("member", "Who leaves", labels, 0),
        ],
        EventKind::LeadWorker => vec![
            date("From"),
            Field::choice("member", "New lead social worker", labels, lead_at),
        ],
        EventKind::ResolutionRequest => vec![
            date("Requested on"),
            Field::choice("by", "Requested by", labels, lead_at),
        ],
        EventKind::Tier1Meeting | EventKind::Tier2Meeting => vec![date("Held on")],
        EventKind::DisagreementResolved => {
            uses_members = false;
            let mut open: Vec<String> = crate::domain::disagreements::open(plan)
                .iter()
                .map(|d| format!("{}: {} ({})", d.id, d.about, d.who))
                .collect();
            if open.is_empty() {
                open.push("no disagreement is open".into());
            }
            vec![
                date("Resolved on"),
                Field::choice("disagreement", "Which", open, 0),
                Field::text("how", "How", "").with_hint("how it was resolved"),
                Field::text("by", "Resolved by", "").with_hint("a member, or any name"),
                Field::toggle("confidential", "Confidential", false)
                    .with_hint("how: kept out of the family's copies"),
            ]
        }
    };
    let mut e = CaseForm::new(Purpose::Event(kind), fields);
    if uses_members {
        e.members = ids;
    }
    if kind == EventKind::ReviewConference {
        e.outcomes = conference_outcomes(plan)
            .take(WORDINGS.len())
            .map(|o| o.id.clone())
            .collect();
        e.children = plan.children.iter().map(|c| c.id.clone()).collect();
    }
    e.meetings = meetings.to_vec();
    if kind == EventKind::Birth {
        e.children = plan.children.iter().map(|c| c.id.clone()).collect();
    }
    if kind == EventKind::Visit && e.form.get(TICKS[0]).is_some() {
        // The children in the order of their choices.
        e.children = plan.children.iter().map(|c| c.id.clone()).collect();
    }
    e
}

/// The form for a part of the plan the plan picker chose; `Err` says why it is not edited here.
pub fn plan_form(
    item: &PlanItem,
    plan: &Plan,
    today: NaiveDate,
) -> Result<CaseForm, CaseFormError> {
    Ok(match item {
        PlanItem::Action(id) => {
            let a = plan
                .actions
                .iter()
                .find(|a| &a.id == id)
                .ok_or_else(|| EditError::NoAction(id.clone()))?;
            let (labels, ids, at) = member_choice(plan, a.owner.as_deref());
            let mut options = vec!["no owner".to_string()];
            options.extend(labels);
            let mut owners = vec![String::new()];
            owners.extend(ids);
            let at = if a.owner.is_some() { at + 1 } else { 0 };
            let statuses: Vec<String> = ActionStatus::ALL
                .iter()
                .map(|s| crate::tui::widgets::layout::capitalised(s.label()))
                .collect();
            let status_at = ActionStatus::ALL
                .iter()
                .position(|s| *s == a.status)
                .unwrap_or(0);
            // Who is making the change: the lead worker unless chosen otherwise.
            let (by_labels, by_ids, by_at) = member_choice(plan, plan.case.lead_worker.as_deref());
            let mut e = CaseForm::new(
                Purpose::Action(id.clone()),
                vec![
                    Field::text("what", "What", &a.what),
                    Field::choice("owner", "Owner", options, at),
                    Field::date("due", "Due", a.due, today),
                    Field::choice("status", "Status", statuses, status_at),
                    Field::note("why", "Why", ""),
                    Field::choice("by", "Changed by", by_labels, by_at),
                    Field::toggle("confidential", "Why is confidential", false),
                ],
            );
            e.members = owners;
            e.by = by_ids;
            e
        }
        PlanItem::Contingency => CaseForm::new(
            Purpose::Contingency,
            vec![Field::note("text", "Contingency plan", &plan.contingency_plan).with_rows(6)],
        ),
        PlanItem::Why => {
            // As set-up's first section enters them: one privacy for the three.
            let why = &plan.why;
            let (labels, readers, at) = reader_choice(plan, &why.privacy);
            let mut e = CaseForm::new(
                Purpose::Why,
                vec![
                    Field::note("concerns", "The conference's concerns", &why.concerns)
                        .with_rows(4),
                    Field::note(
                        "danger_statement",
                        "Danger statement (optional)",
                        &why.danger_statement,
                    )
                    .with_rows(3),
                    Field::note("safety_goals", "Safety goals (optional)", &why.safety_goals)
                        .with_rows(3),
                    Field::choice("readers", "Who may read them", labels, at),
                ],
            );
            e.readers = readers;
            e
        }
        PlanItem::Outcome(id) => {
            let o = plan
                .outcomes
                .iter()
                .find(|o| &o.id == id)
                .ok_or_else(|| EditError::NoOutcome(id.clone()))?;
            let mut e = CaseForm::new(
                Purpose::Outcome(Some(id.clone())),
                vec![Field::text("text", "Outcome", &o.text)],
            );
            e.children = vec![o.child.clone()];
            e
        }
        PlanItem::Member(id) => {
            let m = plan
                .member(id)
                .ok_or_else(|| EditError::NoMember(id.clone()))?;
            let opt = |t: &Option<String>| t.clone().unwrap_or_default();
            let mut e = CaseForm::new(
                Purpose::Member(id.clone()),
                vec![
                    Field::text("role", "Role", &m.role),
                    Field::text("agency", "Agency", &m.agency),
                    Field::toggle("family", "Family member", m.family),
                    Field::text("email", "Email", &opt(&m.email)),
                    Field::text("language", "Preferred language", &opt(&m.language)),
                    Field::text("address", "Address", &opt(&m.address)),
                    Field::toggle("withheld", "Address withheld", m.withhold_address),
                    Field::text("phone", "Phone", &opt(&m.phone)),
                    Field::text("title", "Title (Mr, Ms, Mx…)", &opt(&m.title)),
                    Field::text("preferred_name", "Preferred name", &opt(&m.preferred_name)),
                ],
            );
            e.name = Some(m.name.clone());
            e
        }
        PlanItem::FamilyAddress => CaseForm::new(
            Purpose::FamilyAddress,
            vec![
                Field::text(
                    "address",
                    "Address",
                    plan.case.family_address.as_deref().unwrap_or(""),
                ),
                Field::toggle("withheld", "Withhold it", plan.case.withhold_family_address),
            ],
        ),
        PlanItem::NewOutcome => {
            // Each child, then (with several) all of them: one outcome the children share.
            let names = plan.outcome_for_choices();
            let mut e = CaseForm::new(
                Purpose::Outcome(None),
                vec![
                    Field::choice("child", "For", names, 0),
                    Field::text("text", "Outcome", ""),
                ],
            );
            e.children = plan.children.iter().map(|c| c.id.clone()).collect();
            e
        }
        PlanItem::ConferenceOutcome(id) => {
            return Err(CaseFormError::ConferenceOutcome(id.clone()));
        }
    })
}

/// Who may read an item, as picker labels with what each means, and the index of `now`: open to
/// the family, confidential, or kept from one family member; a privacy none of these is (kept
/// from several) is offered first as it is, so saving does not change it unasked.
fn reader_choice(plan: &Plan, now: &Privacy) -> (Vec<String>, Vec<Privacy>, usize) {
    let mut choices = vec![
        (
            "open to the family: in every family copy".to_string(),
            Privacy::default(),
        ),
        (
            "confidential: professionals only".to_string(),
            Privacy::marked(true),
        ),
    ];
    for m in plan.current_members().filter(|m| m.family) {
        choices.push((
            format!("not for {}: left out of their copy", m.name),
            Privacy {
                confidential: false,
                not_for: vec![m.id.clone()],
            },
        ));
    }
    if !choices.iter().any(|(_, p)| p == now) {
        let words = crate::tui::widgets::field::privacy_words(Some(now), plan);
        choices.insert(0, (format!("as it is: {words}"), now.clone()));
    }
    let at = choices.iter().position(|(_, p)| p == now).unwrap_or(0);
    let (labels, readers) = choices.into_iter().unzip();
    (labels, readers, at)
}

/// A day an event happened: a weekday name means the last such day, and a day still to come is
/// refused, by the rule every logged event is held to ([`crate::cases::log_event::happened`]).
fn happened(form: &Form, id: &'static str, today: NaiveDate) -> Result<NaiveDate, CaseFormError> {
    let Some(day) = form.date_only(id)? else {
        return Err(needs(id, "give the day it happened"));
    };
    Ok(crate::cases::log_event::happened(day, today)?)
}

/// The outcome ids typed ("o1, o3"), each one the plan has.
/// A plan's conference outcomes: the ones only a review conference rewords.
fn conference_outcomes(plan: &Plan) -> impl Iterator<Item = &crate::domain::plan::Outcome> {
    plan.outcomes
        .iter()
        .filter(|o| o.origin == crate::domain::plan::Origin::Conference)
}

fn child_name<'a>(plan: &'a Plan, id: &'a str) -> &'a str {
    plan.child(id).map(|c| c.name.as_str()).unwrap_or(id)
}

/// The wordings a review conference's form changed, and the new outcome it set, if any.
fn set_outcomes(e: &CaseForm, plan: &Plan) -> Result<Vec<cl::SetOutcome>, CaseFormError> {
    let f = &e.form;
    let mut out = Vec::new();
    for (id, field) in e.outcomes.iter().zip(WORDINGS) {
        let text = f.text(field).trim().to_string();
        if text.is_empty() {
            return Err(CaseFormError::OutcomeWording(id.clone()));
        }
        if plan.outcome(id).is_some_and(|o| o.text.trim() != text) {
            out.push(cl::SetOutcome {
                id: id.clone(),
                child: None,
                text,
            });
        }
    }
    let text = f.text("new-text").trim().to_string();
    match (f.choice("new-child").checked_sub(1), text.is_empty()) {
        (None, true) => {}
        (None, false) => {
            return Err(needs(
                "new-child",
                "New outcome for: choose the child it is for",
            ));
        }
        (Some(_), true) => return Err(needs("new-text", "New outcome: give its wording")),
        (Some(i), false) => {
            let child = e
                .children
                .get(i)
                .cloned()
                .ok_or_else(|| needs("new-child", "New outcome for: choose a child"))?;
            let id = Plan::next_id("o", plan.outcomes.iter().map(|o| o.id.as_str()));
            out.push(cl::SetOutcome {
                id,
                child: Some(child),
                text,
            });
        }
    }
    Ok(out)
}

fn optional(text: String) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The form read back into what to write; `Err` says what to fix.
pub fn read(e: &CaseForm, plan: &Plan, today: NaiveDate) -> Result<CaseWrite, CaseFormError> {
    let f = &e.form;
    let member = |id: &'static str| -> Result<Id, CaseFormError> {
        e.members
            .get(f.choice(id))
            .cloned()
            .ok_or_else(|| needs(id, "the case has no current member to name"))
    };
    let meeting = || -> Result<String, CaseFormError> {
        e.meetings.get(f.choice("meeting")).cloned().ok_or_else(|| {
            needs(
                "meeting",
                "the case has no meeting recorded yet: hold one first",
            )
        })
    };
    let event = match &e.purpose {
        Purpose::ChooseEvent => return Err(needs("kind", "choose one first")),
        Purpose::ChoosePlanItem | Purpose::ChoosePerson => {
            return Err(needs("item", "choose one first"));
        }
        Purpose::Withdraw => {
            let (id, _) = e
                .entries
                .get(f.choice("entry"))
                .ok_or_else(|| needs("entry", "nothing in the log to withdraw"))?;
            let reason = f.text("reason").trim().to_string();
            if reason.is_empty() {
                return Err(needs(
                    "reason",
                    "Why it is wrong: say why the entry is wrong",
                ));
            }
            Event::Withdrawn(cl::Withdrawn {
                date: today,
                entry: id.clone(),
                by: Some(member("by")?),
                reason,
            })
        }
        Purpose::Action(id) => {
            let owner = e.members.get(f.choice("owner")).cloned();
            return Ok(CaseWrite::Plan(PlanEdit::Action {
                id: id.clone(),
                what: Some(f.text("what")),
                owner: Some(owner.filter(|o| !o.is_empty())),
                due: Some(f.date_only("due")?),
                status: ActionStatus::ALL.get(f.choice("status")).copied(),
                said: Said {
                    date: today,
                    by: e.by.get(f.choice("by")).cloned(),
                    why: f.text("why"),
                    privacy: Privacy::marked(f.toggle("confidential")),
                },
            }));
        }
        Purpose::Contingency => return Ok(CaseWrite::Plan(PlanEdit::Contingency(f.text("text")))),
        Purpose::Why => {
            let privacy = e
                .readers
                .get(f.choice("readers"))
                .cloned()
                .ok_or_else(|| needs("readers", "Who may read them: choose who"))?;
            return Ok(CaseWrite::Plan(PlanEdit::Why(WhyOnPlan {
                concerns: f.text("concerns"),
                danger_statement: f.text("danger_statement"),
                safety_goals: f.text("safety_goals"),
                privacy,
            })));
        }
        Purpose::Member(id) => {
            return Ok(CaseWrite::Plan(PlanEdit::Member(MemberDetails {
                id: id.clone(),
                role: f.text("role"),
                agency: f.text("agency"),
                family: f.toggle("family"),
                email: optional(f.text("email")),
                phone: optional(f.text("phone")),
                title: optional(f.text("title")),
                preferred_name: optional(f.text("preferred_name")),
                language: optional(f.text("language")),
                address: optional(f.text("address")),
                withhold_address: f.toggle("withheld"),
            })));
        }
        Purpose::FamilyAddress => {
            return Ok(CaseWrite::Plan(PlanEdit::FamilyAddress {
                address: optional(f.text("address")),
                withhold: f.toggle("withheld"),
            }));
        }
        Purpose::Outcome(id) => {
            let (child, also_for) = match id {
                Some(_) => (e.children.first().cloned(), Vec::new()),
                // Past the last child: all of them.
                None => match plan.outcome_for_choice(f.choice("child")) {
                    Some((first, others)) => (Some(first), others),
                    None => (None, Vec::new()),
                },
            };
            return Ok(CaseWrite::Plan(PlanEdit::Outcome {
                id: id.clone(),
                child: child
                    .ok_or_else(|| needs("child", "the plan has no child to set an outcome for"))?,
                also_for,
                text: f.text("text"),
                date: today,
            }));
        }
        Purpose::Event(kind) => {
            let date = happened(f, "date", today)?;
            match kind {
                EventKind::Visit => {
                    let why = f.text("why").trim().to_string();
                    let each = visit_children(f, &e.children, &why)?;
                    let seen = each.is_empty() && f.toggle("seen");
                    // The reason goes with the children it explains; the visit keeps it only
                    // when no child does (the bedroom not seen).
                    let kept = each.iter().any(|c| c.why_not.is_some());
                    Event::Visit(cl::Visit {
                        date,
                        by: Some(member("by")?),
                        children: Vec::new(),
                        seen: !each.is_empty() || seen,
                        seen_alone: each.is_empty() && seen && f.toggle("alone"),
                        bedroom_seen: match f.choice("bedroom") {
                            1 => Some(true),
                            2 => Some(false),
                            _ => None,
                        },
                        why_not: if kept { String::new() } else { why },
                        each,
                    })
                }
                EventKind::Circulated => {
                    // Every member ticked is written as "every member".
                    let to = match ticked(f, &e.members) {
                        Some(on) if on.is_empty() => {
                            return Err(needs(
                                TICKS[0],
                                "To: tick the members the minutes went to",
                            ));
                        }
                        Some(on) => on,
                        None => Vec::new(),
                    };
                    Event::Circulated(cl::Circulated {
                        date,
                        meeting: meeting()?,
                        to,
                        reason: None,
                    })
                }
                EventKind::AgreementReturned => Event::AgreementReturned(cl::AgreementReturned {
                    date,
                    member: member("member")?,
                    meeting: meeting()?,
                }),
                EventKind::ReviewConference => {
                    // The next review counts forward from the conference, as on the command line.
                    let next = match optional(f.text("next")) {
                        Some(t) => Some(
                            crate::domain::date_entry::parse(&t, date)
                                .map_err(CaseFormError::NextReview)?
                                .date,
                        ),
                        None => None,
                    };
                    Event::ReviewConference(cl::ReviewConference {
                        date,
                        decision: if f.choice("decision") == 1 {
                            cl::Decision::End
                        } else {
                            cl::Decision::Continue
                        },
                        outcomes_changed: Vec::new(),
                        outcomes: set_outcomes(e, plan)?,
                        next,
                    })
                }
                EventKind::CoreAssessment => Event::CoreAssessment(cl::Dated { date }),
                EventKind::Birth => Event::Birth(cl::Birth {
                    date,
                    child: e
                        .children
                        .get(f.choice("child"))
                        .cloned()
                        .ok_or_else(|| needs("child", "the plan has no child"))?,
                    name: optional(f.text("name")),
                }),
                EventKind::ChangeReported => {
                    let what = f.text("what").trim().to_string();
                    if what.is_empty() {
                        return Err(needs("what", "What changed: say what the chair was told"));
                    }
                    Event::ChangeReported(cl::ChangeReported {
                        date,
                        what,
                        by: Some(member("by")?),
                        circumstance: None,
                    })
                }
                EventKind::MemberJoins => {
                    let name = f.text("name").trim().to_string();
                    let role = f.text("role").trim().to_string();
                    if name.is_empty() || role.is_empty() {
                        return Err(needs(
                            if name.is_empty() { "name" } else { "role" },
                            "Name and Role: a member needs both",
                        ));
                    }
                    Event::MemberJoins(cl::MemberJoins {
                        date,
                        member: Member {
                            privacy: Default::default(),
                            id: new_id(plan),
                            name,
                            role,
                            agency: f.text("agency").trim().to_string(),
                            family: f.toggle("family"),
                            email: optional(f.text("email")),
                            phone: optional(f.text("phone")),
                            title: optional(f.text("title")),
                            preferred_name: None,
                            language: optional(f.text("language")),
                            address: optional(f.text("address")),
                            withhold_address: f.toggle("withheld"),
                            joined: None,
                            left: None,
                        },
                    })
                }
                EventKind::MemberLeaves => Event::MemberLeaves(cl::MemberChange {
                    date,
                    member: member("member")?,
                }),
                EventKind::LeadWorker => Event::LeadWorker(cl::MemberChange {
                    date,
                    member: member("member")?,
                }),
                EventKind::ResolutionRequest => Event::ResolutionRequest(cl::ResolutionRequest {
                    date,
                    by: Some(member("by")?),
                }),
                EventKind::Tier1Meeting => Event::Tier1Meeting(cl::Dated { date }),
                EventKind::Tier2Meeting => Event::Tier2Meeting(cl::Dated { date }),
                EventKind::DisagreementResolved => {
                    let open = crate::domain::disagreements::open(plan);
                    let d = open.get(f.choice("disagreement")).ok_or_else(|| {
                        needs("disagreement", "Which: no disagreement is open in the plan")
                    })?;
                    let how = f.text("how").trim().to_string();
                    if how.is_empty() {
                        return Err(needs("how", "How it was resolved: say how"));
                    }
                    Event::DisagreementResolved(cl::DisagreementResolved {
                        date,
                        disagreement: d.id.clone(),
                        how,
                        by: crate::domain::disagreements::who_resolved(plan, &f.text("by")),
                        privacy: crate::domain::privacy::Privacy::marked(f.toggle("confidential")),
                    })
                }
            }
        }
    };
    Ok(CaseWrite::Log(event))
}
