//! What the set-up screen knows: the plan being built, the section shown and its form, a row
//! being added or edited, and the problems `check` would report, each placed by its field.

use chrono::NaiveDate;

use crate::domain::calendar::Division;
use crate::domain::id::Id;
use crate::domain::plan::{
    Action, ActionStatus, CaseInfo, Category, Child, ChildSeen, KeyDates, KeyVisit, Member, Origin,
    Outcome, Plan, WhyNot,
};
use crate::domain::validate::{Problem, Severity, validate};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::field::{Field, FieldKind};
use crate::tui::widgets::forms::{Form, FormError};
use crate::tui::widgets::layout::capitalised;
use crate::tui::widgets::theme::{Theme, ThemeName};

/// The field of each child's part of the last visit, in the order of the plan's children.
const VISIT_CHILD: [&str; 12] = [
    "visit_child_1",
    "visit_child_2",
    "visit_child_3",
    "visit_child_4",
    "visit_child_5",
    "visit_child_6",
    "visit_child_7",
    "visit_child_8",
    "visit_child_9",
    "visit_child_10",
    "visit_child_11",
    "visit_child_12",
];

/// The last visit made before the first meeting: its day, who made it, and how each child was
/// seen. The plan keeps it in `key_dates.visits`, where `status` counts from it.
fn last_visit_fields(p: &Plan, today: NaiveDate) -> Vec<Field> {
    let last = p.key_dates.visits.iter().max_by_key(|v| v.date);
    let mut by = vec!["the lead worker".to_string()];
    by.extend(p.members.iter().map(|m| m.name.clone()));
    let by_at = last
        .and_then(|v| v.by.as_deref())
        .and_then(|id| p.members.iter().position(|m| m.id == id))
        .map_or(0, |i| i + 1);
    let mut fields = vec![
        Field::date("visit_date", "Last visit", last.map(|v| v.date), today),
        Field::choice("visit_by", "Visited by", by, by_at),
    ];
    fields.extend(VISIT_CHILD.iter().zip(&p.children).map(|(id, c)| {
        let way = last.and_then(|v| v.for_child(c)).map_or(1, |s| s.way());
        let ways = ChildSeen::WAYS.iter().map(|w| w.to_string()).collect();
        Field::choice(id, c.name.clone(), ways, way)
    }));
    let why = last
        .and_then(|v| v.each.iter().find_map(|c| c.why_not.clone()))
        .filter(|w| *w != WhyNot::TooYoung);
    fields.push(Field::text(
        "visit_why",
        "Why not (if not seen)",
        why.as_ref().map_or("", |w| w.text()),
    ));
    fields
}

/// The last visit as the form gives it, in place of the plan's latest visit; no day, no visit.
fn read_last_visit(f: &Form, p: &mut Plan) {
    let Ok(day) = f.date_only("visit_date") else {
        return;
    };
    let latest = p
        .key_dates
        .visits
        .iter()
        .enumerate()
        .max_by_key(|(_, v)| v.date)
        .map(|(i, _)| i);
    let Some(date) = day else {
        if let Some(i) = latest {
            p.key_dates.visits.remove(i);
        }
        return;
    };
    let by = match f.choice("visit_by") {
        0 => None,
        i => p.members.get(i - 1).map(|m| m.id.clone()),
    };
    let ways: Vec<(Id, usize)> = VISIT_CHILD
        .iter()
        .zip(&p.children)
        .map(|(id, c)| (c.id.clone(), f.choice(id)))
        .collect();
    let why = f.text("visit_why").trim().to_string();
    // A child not seen with no reason is left for `check` to name, beside the field.
    let each = ChildSeen::of_ways(&ways, (!why.is_empty()).then(|| WhyNot::parse(&why)));
    let visit = KeyVisit {
        date,
        by,
        seen_alone: false,
        children: Vec::new(),
        each,
    };
    match latest {
        Some(i) => p.key_dates.visits[i] = visit,
        None => p.key_dates.visits.push(visit),
    }
}

/// The parts of a case, in the order the conference's outline plan gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SetupSection {
    Case,
    Children,
    Members,
    Outcomes,
    Actions,
    KeyDates,
    Contingency,
    Save,
}

impl SetupSection {
    pub const ALL: [SetupSection; 8] = [
        SetupSection::Case,
        SetupSection::Children,
        SetupSection::Members,
        SetupSection::Outcomes,
        SetupSection::Actions,
        SetupSection::KeyDates,
        SetupSection::Contingency,
        SetupSection::Save,
    ];

    pub fn index(self) -> usize {
        SetupSection::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
    }

    /// The section's name in a kept set-up.
    pub fn key(self) -> &'static str {
        match self {
            SetupSection::Case => "case",
            SetupSection::Children => "children",
            SetupSection::Members => "members",
            SetupSection::Outcomes => "outcomes",
            SetupSection::Actions => "actions",
            SetupSection::KeyDates => "key-dates",
            SetupSection::Contingency => "contingency",
            SetupSection::Save => "save",
        }
    }

    pub fn from_key(key: &str) -> Option<SetupSection> {
        SetupSection::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn title(self) -> &'static str {
        match self {
            SetupSection::Case => "The case",
            SetupSection::Children => "Children",
            SetupSection::Members => "Core group",
            SetupSection::Outcomes => "Outcomes",
            SetupSection::Actions => "First actions",
            SetupSection::KeyDates => "Key dates",
            SetupSection::Contingency => "Contingency plan",
            SetupSection::Save => "Check and save",
        }
    }

    pub fn guidance(self) -> &'static str {
        match self {
            SetupSection::Case => {
                "The case as the conference recorded it: its reference, the local authority, \
                 whose bank holidays count, and the agenda its meetings follow (the local \
                 procedure), and why the children are on a plan. Withhold the family's \
                 address where sharing it is unsafe."
            }
            SetupSection::Children => {
                "Each child on the plan: + adds one, Enter edits, - removes. Give a date of \
                 birth, or the expected date for an unborn child, the categories of abuse the \
                 conference named, and the day the plan started (usually the initial conference)."
            }
            SetupSection::Members => {
                "Everyone in the core group: the lead social worker, the parents, and each \
                 agency. + adds a member, Enter edits, - removes. Mark family members; their \
                 copy of the minutes is in plain words. Then choose the lead social worker."
            }
            SetupSection::Outcomes => {
                "The outcomes the conference set for each child, in the conference's words. \
                 + adds one. Only a review conference may change them later."
            }
            SetupSection::Actions => {
                "The first actions from the outline plan: what, for which outcome, who does \
                 it (type part of a name, role or agency) and by when (fri, 2w, 4/12)."
            }
            SetupSection::KeyDates => {
                "The dates the timescales count from: the strategy discussion, the initial \
                 conference, the next review conference and the last visit before the first \
                 meeting (who made it, and how each child was seen). Type dates naturally \
                 (4/12, 2w)."
            }
            SetupSection::Contingency => {
                "What will happen if the plan does not work or the family does not engage. \
                 It is read out at every meeting."
            }
            SetupSection::Save => {
                "Everything `coregroup check` would say. Fix the errors (each names its \
                 section), then save: plan.yaml is written, and `coregroup meeting` opens on it."
            }
        }
    }

    /// The section a problem's field path (`members[2].email`) belongs to.
    pub fn of_path(path: &str) -> SetupSection {
        let head = path.split(['.', '[']).next().unwrap_or("");
        match head {
            "children" => SetupSection::Children,
            "members" => SetupSection::Members,
            "outcomes" => SetupSection::Outcomes,
            "actions" => SetupSection::Actions,
            "key_dates" => SetupSection::KeyDates,
            "contingency_plan" => SetupSection::Contingency,
            "case" if path == "case.lead_worker" => SetupSection::Members,
            _ => SetupSection::Case,
        }
    }

    /// The list a section edits row by row, if it is one.
    pub fn list(self) -> Option<List> {
        match self {
            SetupSection::Children => Some(List::Children),
            SetupSection::Members => Some(List::Members),
            SetupSection::Outcomes => Some(List::Outcomes),
            SetupSection::Actions => Some(List::Actions),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Children,
    Members,
    Outcomes,
    Actions,
}

impl List {
    pub const ALL: [List; 4] = [List::Children, List::Members, List::Outcomes, List::Actions];

    pub fn key(self) -> &'static str {
        match self {
            List::Children => "children",
            List::Members => "members",
            List::Outcomes => "outcomes",
            List::Actions => "actions",
        }
    }

    pub fn one(self) -> &'static str {
        match self {
            List::Children => "child",
            List::Members => "member",
            List::Outcomes => "outcome",
            List::Actions => "action",
        }
    }
}

/// A row opened over the section: which list, which row (`None`: a new one), its form.
pub struct RowEdit {
    pub list: List,
    pub index: Option<usize>,
    pub form: Form,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupOnYes {
    /// Leave, keeping the draft for `coregroup new` to go on with.
    Leave,
    /// Leave and throw the draft away.
    Discard,
    Remove(List, usize),
    /// Close the open row and lose what was typed in it.
    DiscardRow,
}

pub struct SetupModel {
    pub plan: Plan,
    /// Where the case will be written, as shown in the header.
    pub dir: String,
    pub today: NaiveDate,
    pub section: SetupSection,
    pub form: Form,
    pub row: Option<RowEdit>,
    /// The agendas a case can follow: (name, title).
    pub agendas: Vec<(String, String)>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub help: Option<crate::tui::widgets::help::Help>,
    pub confirm: Option<Confirm<SetupOnYes>>,
    pub status: Option<String>,
    /// What `check` would report about the plan as it stands.
    pub problems: Vec<Problem>,
    /// Sections left at least once (or all, after a save was tried): their problems show.
    pub visited: Vec<SetupSection>,
    /// The selected row of each list, by `List` order.
    pub selected: [usize; 4],
    /// Something was typed: leaving asks first.
    pub typed: bool,
    /// A choice was just taken by its number and the focus moved on: a Tab straight after it
    /// is the chair's habit from typed choices and must not skip the next field.
    pub choice_moved_on: bool,
    /// The plan was written; the message says where.
    pub saved: Option<String>,
    /// Something changed since the set-up was last kept: the next tick keeps it.
    pub draft_due: bool,
    /// Rows saved or removed so far: each is kept at once, not on the tick.
    pub rows_saved: usize,
}

fn label_of(m: &Member) -> String {
    if m.role.is_empty() {
        m.name.clone()
    } else {
        format!("{} ({})", m.name, m.role)
    }
}

const CATEGORIES: [(Category, &str); 4] = [
    (Category::Physical, "physical"),
    (Category::Emotional, "emotional"),
    (Category::Sexual, "sexual"),
    (Category::Neglect, "neglect"),
];

impl SetupModel {
    pub fn new(
        dir: &str,
        today: NaiveDate,
        agendas: Vec<(String, String)>,
        keymap: Keymap,
        theme: ThemeName,
    ) -> SetupModel {
        let plan = Plan {
            format: Default::default(),
            case: CaseInfo {
                reference: String::new(),
                local_authority: String::new(),
                division: Division::default(),
                agenda: crate::domain::plan::default_agenda(),
                lead_worker: None,
                family_address: None,
                withhold_family_address: false,
            },
            children: vec![],
            members: vec![],
            outcomes: vec![],
            actions: vec![],
            key_dates: KeyDates::default(),
            contingency_plan: String::new(),
            child_seen_every: None,
            why: Default::default(),
            disagreements: Vec::new(),
        };
        let mut m = SetupModel {
            plan,
            dir: dir.to_string(),
            today,
            section: SetupSection::Case,
            form: Form::default(),
            row: None,
            agendas,
            keymap,
            theme: Theme::new(theme),
            help: None,
            confirm: None,
            status: None,
            problems: vec![],
            visited: vec![],
            selected: [0; 4],
            typed: false,
            choice_moved_on: false,
            saved: None,
            draft_due: false,
            rows_saved: 0,
        };
        m.rebuild_form();
        m.revalidate();
        m.status = Some(format!(
            "Type the case reference; {} moves on, {} next section, {} every key.",
            m.keymap
                .key_label(Mode::Text, crate::tui::keymap::KeyCommand::NextField),
            m.keymap
                .key_label(Mode::Global, crate::tui::keymap::KeyCommand::NextStep),
            m.keymap
                .key_label(Mode::Global, crate::tui::keymap::KeyCommand::Help),
        ));
        m
    }

    pub fn list_len(&self, list: List) -> usize {
        match list {
            List::Children => self.plan.children.len(),
            List::Members => self.plan.members.len(),
            List::Outcomes => self.plan.outcomes.len(),
            List::Actions => self.plan.actions.len(),
        }
    }

    pub fn selected(&self, list: List) -> usize {
        self.selected[list as usize]
    }

    /// The form of the current section, from the plan.
    pub fn rebuild_form(&mut self) {
        let p = &self.plan;
        let today = self.today;
        let fields = match self.section {
            SetupSection::Case => {
                let divisions = Division::ALL
                    .iter()
                    .map(|d| d.label().to_string())
                    .collect();
                let division = Division::ALL
                    .iter()
                    .position(|d| *d == p.case.division)
                    .unwrap_or(0);
                let agenda = self
                    .agendas
                    .iter()
                    .position(|(n, _)| *n == p.case.agenda)
                    .unwrap_or(0);
                let agendas = self
                    .agendas
                    .iter()
                    .map(|(n, t)| format!("{n} — {t}"))
                    .collect();
                vec![
                    Field::text("reference", "Case reference", &p.case.reference),
                    Field::text(
                        "local_authority",
                        "Local authority",
                        &p.case.local_authority,
                    ),
                    Field::choice("division", "UK division", divisions, division),
                    Field::choice("agenda", "Agenda", agendas, agenda),
                    Field::text(
                        "family_address",
                        "Family address",
                        p.case.family_address.as_deref().unwrap_or(""),
                    ),
                    Field::toggle(
                        "withhold_family_address",
                        "Withhold it",
                        p.case.withhold_family_address,
                    ),
                    // Why the children are on a plan, as the conference set it out.
                    Field::note("why_concerns", "The conference's concerns", &p.why.concerns)
                        .private(&p.why.privacy),
                    Field::note(
                        "danger_statement",
                        "Danger statement (optional)",
                        &p.why.danger_statement,
                    ),
                    Field::note(
                        "safety_goals",
                        "Safety goals (optional)",
                        &p.why.safety_goals,
                    ),
                ]
            }
            SetupSection::Children | SetupSection::Outcomes | SetupSection::Actions => {
                let list = self.section.list().unwrap_or(List::Children);
                vec![Field::table(
                    list.key(),
                    self.section.title(),
                    self.list_len(list),
                    self.selected(list),
                    12,
                )]
            }
            SetupSection::Members => {
                let mut options = vec!["nobody yet".to_string()];
                options.extend(p.members.iter().map(label_of));
                let mut search = vec![String::new()];
                search.extend(
                    p.members
                        .iter()
                        .map(|m| format!("{} {} {}", m.name, m.role, m.agency)),
                );
                let lead = p
                    .case
                    .lead_worker
                    .as_deref()
                    .and_then(|id| p.members.iter().position(|m| m.id == id))
                    .map_or(0, |i| i + 1);
                vec![
                    Field::table(
                        "members",
                        "Core group",
                        p.members.len(),
                        self.selected(List::Members),
                        12,
                    ),
                    Field::choice("lead_worker", "Lead worker", options, lead).with_search(search),
                ]
            }
            SetupSection::KeyDates => vec![
                Field::date(
                    "strategy_discussion",
                    "Strategy discussion",
                    p.key_dates.strategy_discussion,
                    today,
                ),
                // The plan usually starts at the initial conference: offered, to keep or change.
                Field::date(
                    "initial_conference",
                    "Initial conference",
                    p.key_dates
                        .initial_conference
                        .or_else(|| p.children.iter().map(|c| c.plan_started).min()),
                    today,
                ),
                Field::date(
                    "next_review_conference",
                    "Next review conference",
                    p.key_dates.next_review_conference,
                    today,
                ),
            ]
            .into_iter()
            .chain(last_visit_fields(p, today))
            .collect(),
            SetupSection::Contingency => vec![
                Field::note("contingency_plan", "Contingency plan", &p.contingency_plan)
                    .with_rows(10),
            ],
            SetupSection::Save => vec![Field::button("save", "Save plan.yaml")],
        };
        let focus = self.form.focus;
        let same = self.form.fields.len() == fields.len()
            && self
                .form
                .fields
                .iter()
                .zip(&fields)
                .all(|(a, b)| a.id == b.id);
        self.form = Form::new(fields);
        if same {
            self.form.focus = focus.min(self.form.fields.len().saturating_sub(1));
        }
    }

    /// Read the section's form into the plan. Dates that cannot be read keep their old value;
    /// the field says why.
    pub fn read_form(&mut self) {
        let f = &self.form;
        let p = &mut self.plan;
        let opt = |s: String| {
            let t = s.trim().to_string();
            (!t.is_empty()).then_some(t)
        };
        match self.section {
            SetupSection::Case => {
                p.case.reference = f.text("reference").trim().to_string();
                p.case.local_authority = f.text("local_authority").trim().to_string();
                p.case.division = Division::ALL[f.choice("division").min(2)];
                if let Some((name, _)) = self.agendas.get(f.choice("agenda")) {
                    p.case.agenda = name.clone();
                }
                p.case.family_address = opt(f.text("family_address"));
                p.case.withhold_family_address = f.toggle("withhold_family_address");
                p.why.concerns = f.text("why_concerns").trim().to_string();
                p.why.danger_statement = f.text("danger_statement").trim().to_string();
                p.why.safety_goals = f.text("safety_goals").trim().to_string();
                p.why.privacy = f.privacy("why_concerns");
            }
            SetupSection::Members => {
                p.case.lead_worker = match f.choice("lead_worker") {
                    0 => None,
                    i => p.members.get(i - 1).map(|m| m.id.clone()),
                };
            }
            SetupSection::KeyDates => {
                let k = &mut p.key_dates;
                for (id, slot) in [
                    ("strategy_discussion", &mut k.strategy_discussion),
                    ("initial_conference", &mut k.initial_conference),
                    ("next_review_conference", &mut k.next_review_conference),
                ] {
                    if let Ok(d) = f.date_only(id) {
                        *slot = d;
                    }
                }
                read_last_visit(f, p);
            }
            SetupSection::Contingency => {
                p.contingency_plan = f.text("contingency_plan").trim().to_string();
            }
            _ => {}
        }
    }

    /// Check the plan as `check` does, and put each problem beside its field.
    pub fn revalidate(&mut self) {
        self.problems = validate(&self.plan);
        let shown = self.shown(self.section);
        let problems = &self.problems;
        for field in &mut self.form.fields {
            field.hint = date_error(field).or_else(|| {
                shown
                    .then(|| field_problem(problems, self.section, None, field.id))
                    .flatten()
            });
        }
        if let Some(row) = &mut self.row {
            let index = row.index;
            for field in &mut row.form.fields {
                // The categories are four tick boxes; the first carries what is said of them.
                let id = if field.id == "physical" {
                    "categories"
                } else {
                    field.id
                };
                field.hint = date_error(field).or_else(|| {
                    index.and_then(|i| {
                        field_problem(problems, SetupSection::Save, Some((row.list, i)), id)
                    })
                });
            }
        }
    }

    /// Whether a section's problems are shown yet (it was visited and left, or saving was tried).
    pub fn shown(&self, s: SetupSection) -> bool {
        self.visited.contains(&s)
    }

    /// The problems of a section, errors first.
    pub fn problems_in(&self, s: SetupSection) -> Vec<&Problem> {
        let mut out: Vec<&Problem> = self
            .problems
            .iter()
            .filter(|p| s == SetupSection::Save || SetupSection::of_path(&p.path) == s)
            .collect();
        out.sort_by_key(|p| p.severity);
        out
    }

    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// The form for a row of a list; `None` opens a new row.
    pub fn row_form(&self, list: List, index: Option<usize>) -> Form {
        let p = &self.plan;
        let today = self.today;
        let fields = match list {
            List::Children => {
                let c = index.and_then(|i| p.children.get(i));
                let mut fields = vec![
                    Field::text("name", "Full name", c.map_or("", |c| c.name.as_str())),
                    // A birth has happened: "mon" is the last Monday, and the hint says so.
                    Field::happened(
                        "date_of_birth",
                        "Date of birth",
                        c.and_then(|c| c.date_of_birth),
                        today,
                    ),
                    Field::date(
                        "expected_date_of_birth",
                        "Or expected (unborn)",
                        c.and_then(|c| c.expected_date_of_birth),
                        today,
                    ),
                ];
                for (cat, id) in CATEGORIES {
                    fields.push(Field::toggle(
                        id,
                        capitalised(cat.label()),
                        c.is_some_and(|c| c.categories.contains(&cat)),
                    ));
                }
                fields.push(Field::date(
                    "plan_started",
                    "Plan started",
                    c.map(|c| c.plan_started)
                        .or(p.key_dates.initial_conference)
                        .or_else(|| p.children.first().map(|c| c.plan_started)),
                    today,
                ));
                fields
            }
            List::Members => {
                let m = index.and_then(|i| p.members.get(i));
                let text = |f: fn(&Member) -> Option<&str>| m.and_then(f).unwrap_or("");
                vec![
                    Field::text("name", "Name", text(|m| Some(&m.name))),
                    Field::text("role", "Role", text(|m| Some(&m.role))),
                    Field::text("agency", "Agency", text(|m| Some(&m.agency))),
                    Field::toggle("family", "Family member", m.is_some_and(|m| m.family)),
                    Field::text("email", "Email", text(|m| m.email.as_deref())),
                    Field::text(
                        "language",
                        "Preferred language",
                        text(|m| m.language.as_deref()),
                    ),
                    Field::text("address", "Address", text(|m| m.address.as_deref())),
                    Field::toggle(
                        "withhold_address",
                        "Withhold the address",
                        m.is_some_and(|m| m.withhold_address),
                    ),
                    Field::text("phone", "Phone", text(|m| m.phone.as_deref())),
                    Field::text("title", "Title (Mr, Ms, Mx…)", text(|m| m.title.as_deref())),
                    Field::text(
                        "preferred_name",
                        "Preferred name",
                        text(|m| m.preferred_name.as_deref()),
                    ),
                ]
            }
            List::Outcomes => {
                let o = index.and_then(|i| p.outcomes.get(i));
                // Each child, then (with several) all of them: one outcome shared by siblings.
                let n = p.children.len();
                let child = match o {
                    Some(o) if n > 1 && o.children().count() > 1 => n,
                    _ => o
                        .and_then(|o| p.children.iter().position(|c| c.id == o.child))
                        .unwrap_or(0),
                };
                let names = p.outcome_for_choices();
                let numbers = (1..=names.len() as u32).map(Some).collect();
                vec![
                    Field::choice("child", "For the child", names, child).with_numbers(numbers),
                    Field::text("text", "Outcome", o.map_or("", |o| o.text.as_str())),
                ]
            }
            List::Actions => {
                let a = index.and_then(|i| p.actions.get(i));
                let outcome = a
                    .and_then(|a| p.outcomes.iter().position(|o| o.id == a.outcome))
                    .unwrap_or(0);
                let outcomes = p
                    .outcomes
                    .iter()
                    .enumerate()
                    .map(|(i, o)| format!("{} {}", i + 1, o.text))
                    .collect();
                let numbers = (1..=p.outcomes.len() as u32).map(Some).collect();
                let mut owners = vec!["nobody yet".to_string()];
                owners.extend(p.members.iter().map(label_of));
                let mut search = vec![String::new()];
                search.extend(
                    p.members
                        .iter()
                        .map(|m| format!("{} {} {}", m.name, m.role, m.agency)),
                );
                let owner = a
                    .and_then(|a| a.owner.as_deref())
                    .and_then(|id| p.members.iter().position(|m| m.id == id))
                    .map_or(0, |i| i + 1);
                vec![
                    Field::text("what", "What", a.map_or("", |a| a.what.as_str())),
                    Field::choice("outcome", "For the outcome", outcomes, outcome)
                        .with_numbers(numbers),
                    Field::choice("owner", "Who does it", owners, owner).with_search(search),
                    Field::date("due", "By when", a.and_then(|a| a.due), today),
                ]
            }
        };
        let mut form = Form::new(fields);
        // With one child there is nothing to choose: the outcome's words come first.
        if list == List::Outcomes && p.children.len() == 1 {
            form.focus_on("text");
        }
        form
    }

    /// The row typed into its form, made into the plan's entry; `Err` says what to fix.
    pub fn apply_row(&mut self, row: &RowEdit) -> Result<(), FormError> {
        let f = &row.form;
        let p = &mut self.plan;
        let opt = |s: String| {
            let t = s.trim().to_string();
            (!t.is_empty()).then_some(t)
        };
        let name = f.text("name").trim().to_string();
        match row.list {
            List::Children => {
                if name.is_empty() {
                    return Err(FormError::needs("name", "give the child's full name"));
                }
                let date_of_birth = f.date_only("date_of_birth")?;
                let expected_date_of_birth = f.date_only("expected_date_of_birth")?;
                let plan_started = f.date_only("plan_started")?.ok_or(FormError::needs(
                    "plan_started",
                    "give the day the plan started (usually the initial conference)",
                ))?;
                let id = existing_id(&p.children, row.index, |c| &c.id).unwrap_or_else(|| {
                    Plan::next_id("c", p.children.iter().map(|c| c.id.as_str()))
                });
                let child = Child {
                    id,
                    name,
                    date_of_birth,
                    expected_date_of_birth,
                    categories: CATEGORIES
                        .iter()
                        .filter(|(_, id)| f.toggle(id))
                        .map(|(c, _)| *c)
                        .collect(),
                    plan_started,
                };
                put(&mut p.children, row.index, child);
            }
            List::Members => {
                if name.is_empty() {
                    return Err(FormError::needs("name", "give the member's name"));
                }
                let role = f.text("role").trim().to_string();
                if role.is_empty() {
                    return Err(FormError::needs(
                        "role",
                        "give the member's role (mother, social worker, health visitor …)",
                    ));
                }
                let id = existing_id(&p.members, row.index, |m| &m.id)
                    .unwrap_or_else(|| Plan::next_id("m", p.members.iter().map(|m| m.id.as_str())));
                let lead = role.to_lowercase().contains("social worker");
                let member = Member {
                    privacy: Default::default(),
                    id: id.clone(),
                    name,
                    role,
                    agency: f.text("agency").trim().to_string(),
                    family: f.toggle("family"),
                    email: opt(f.text("email")),
                    phone: opt(f.text("phone")),
                    title: opt(f.text("title")),
                    preferred_name: opt(f.text("preferred_name")),
                    language: opt(f.text("language")),
                    address: opt(f.text("address")),
                    withhold_address: f.toggle("withhold_address"),
                    joined: None,
                    left: None,
                };
                put(&mut p.members, row.index, member);
                // The first social worker is taken as the lead until someone else is chosen.
                if lead && p.case.lead_worker.is_none() {
                    p.case.lead_worker = Some(id);
                }
            }
            List::Outcomes => {
                // Past the last child: all of them.
                let Some((child, also_for)) = p.outcome_for_choice(f.choice("child")) else {
                    return Err(FormError::needs(
                        "child",
                        "add the children first: an outcome is for a child",
                    ));
                };
                let text = f.text("text").trim().to_string();
                if text.is_empty() {
                    return Err(FormError::needs(
                        "text",
                        "give the outcome in the conference's words",
                    ));
                }
                let id = existing_id(&p.outcomes, row.index, |o| &o.id).unwrap_or_else(|| {
                    Plan::next_id("o", p.outcomes.iter().map(|o| o.id.as_str()))
                });
                let outcome = Outcome {
                    id,
                    child,
                    text,
                    origin: Origin::Conference,
                    also_for,
                    added: None,
                };
                put(&mut p.outcomes, row.index, outcome);
            }
            List::Actions => {
                let Some(outcome) = p.outcomes.get(f.choice("outcome")) else {
                    return Err(FormError::needs(
                        "outcome",
                        "add the outcomes first: an action serves an outcome",
                    ));
                };
                let what = f.text("what").trim().to_string();
                if what.is_empty() {
                    return Err(FormError::needs("what", "say what is to be done"));
                }
                let owner = match f.choice("owner") {
                    0 => None,
                    i => p.members.get(i - 1).map(|m| m.id.clone()),
                };
                let id = existing_id(&p.actions, row.index, |a| &a.id)
                    .unwrap_or_else(|| Plan::next_id("a", p.actions.iter().map(|a| a.id.as_str())));
                let old = row.index.and_then(|i| p.actions.get(i));
                let action = Action {
                    privacy: Default::default(),
                    id,
                    outcome: outcome.id.clone(),
                    owner,
                    what,
                    due: f.date_only("due")?,
                    status: old.map_or(ActionStatus::NotStarted, |a| a.status),
                    history: old.map(|a| a.history.clone()).unwrap_or_default(),
                };
                put(&mut p.actions, row.index, action);
            }
        }
        Ok(())
    }

    /// Remove a row; a member who leads the case no longer does.
    pub fn remove_row(&mut self, list: List, i: usize) {
        let p = &mut self.plan;
        match list {
            List::Children if i < p.children.len() => {
                p.children.remove(i);
            }
            List::Members if i < p.members.len() => {
                let gone = p.members.remove(i);
                if p.case.lead_worker.as_deref() == Some(gone.id.as_str()) {
                    p.case.lead_worker = None;
                }
            }
            List::Outcomes if i < p.outcomes.len() => {
                p.outcomes.remove(i);
            }
            List::Actions if i < p.actions.len() => {
                p.actions.remove(i);
            }
            _ => {}
        }
        let len = self.list_len(list);
        let s = &mut self.selected[list as usize];
        *s = (*s).min(len.saturating_sub(1));
    }

    /// The keymap modes in force, most specific first.
    pub fn modes(&self) -> Vec<Mode> {
        if self.confirm.is_some() {
            return vec![Mode::Confirm];
        }
        if self.help.is_some() {
            return vec![Mode::Help];
        }
        let form = self.row.as_ref().map_or(&self.form, |r| &r.form);
        vec![form.mode(), Mode::Overlay, Mode::Global]
    }

    /// A member's name for the lists, or the id when it names nobody.
    pub fn member_name(&self, id: Option<&Id>) -> String {
        id.map_or_else(|| "—".into(), |id| self.plan.member_name(id).to_string())
    }
}

fn existing_id<T>(list: &[T], index: Option<usize>, id: impl Fn(&T) -> &Id) -> Option<Id> {
    index.and_then(|i| list.get(i)).map(|t| id(t).clone())
}

fn put<T>(list: &mut Vec<T>, index: Option<usize>, item: T) {
    match index.filter(|i| *i < list.len()) {
        Some(i) => list[i] = item,
        None => list.push(item),
    }
}

fn date_error(field: &Field) -> Option<String> {
    match &field.kind {
        FieldKind::Date(d) => d
            .value()
            .err()
            // What is wrong is said beside the date; under it, how to write one.
            .map(|e| format!("hint: {}", e.hint)),
        _ => None,
    }
}

/// The problem `check` reports about this field, if any: in the section's own form (`row` is
/// `None`) or in a row of a list.
fn field_problem(
    problems: &[Problem],
    section: SetupSection,
    row: Option<(List, usize)>,
    field: &str,
) -> Option<String> {
    // The last visit's reason answers for each child of it.
    if section == SetupSection::KeyDates && row.is_none() && field == "visit_why" {
        return problems
            .iter()
            .find(|p| p.path.starts_with("key_dates.visits[") && p.path.ends_with(".why_not"))
            .map(|p| format!("! {}", p.message));
    }
    let path = match row {
        Some((list, i)) => format!("{}[{i}].{field}", list.key()),
        None => match section {
            SetupSection::Case | SetupSection::Members => format!("case.{field}"),
            SetupSection::KeyDates => format!("key_dates.{field}"),
            _ => field.to_string(),
        },
    };
    problems
        .iter()
        .find(|p| p.path == path)
        .map(|p| format!("! {}", p.message))
}
