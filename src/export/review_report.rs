//! The core group's report to the review conference: the plan as it stands, each outcome's
//! score at each core group since the last conference, the actions by agency, attendance,
//! changes of circumstances, disagreements, drift and a multi-agency chronology. Built from the
//! records given, with no clock and no I/O.
//!
//! Each version is made from views for its reader (`domain::reader`): the professionals' with
//! no withheld address, the family's with everything not for the family removed first; nothing
//! is rendered and then taken out.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::changes::{self, MeetingWithPlan, Words};
use super::document::{Block, Chart, Document, Inline, Section, Table};
use super::minutes::role_text;
use super::wording::{and_list, capitalise, count, long_date, review_conference, short_date};
use crate::domain::action_history;
use crate::domain::agenda::Terms;
use crate::domain::case_dates::ReviewDue;
use crate::domain::chronology;
use crate::domain::council::Council;
use crate::domain::disagreements::{CarriedDisagreement, describe, standing_words};
use crate::domain::drift::Attention;
use crate::domain::meeting::{Meeting, Presence};
use crate::domain::plan::{ActionStatus, Outcome, Plan};
use crate::domain::reader::View;
use crate::domain::visits::{self, VisitRules};

/// A meeting in the period: its folder name, and its record and the plan it left as the
/// report's reader may read them.
#[derive(Clone, Debug)]
pub struct ReportMeeting {
    pub id: String,
    pub date: NaiveDate,
    pub view: View,
}

impl ReportMeeting {
    pub fn meeting(&self) -> &Meeting {
        self.view.meeting()
    }

    fn source(&self) -> MeetingWithPlan<'_> {
        MeetingWithPlan {
            meeting: self.view.meeting(),
            plan: self.view.plan(),
        }
    }
}

/// Everything the report is made from.
#[derive(Clone, Debug)]
pub struct ReportInput {
    /// The plan as the case log leaves it, as the report's reader may read it.
    pub now: View,
    /// The core groups since the last conference, oldest first.
    pub meetings: Vec<ReportMeeting>,
    /// Dated entries from the case log, each with its event's kind (never in the family
    /// version).
    pub log: Vec<(NaiveDate, &'static str, String)>,
    /// Changes reported to the conference chair, from the case log: the day and what.
    pub reported: Vec<crate::domain::case_log::ChangeReported>,
    /// What is late and what drifts, as `status` and drift find them (the family's version: the
    /// actions it may read alone).
    pub attention: Attention,
    /// The next review conference, as `status` works it out.
    pub review: ReviewDue,
    /// Who wrote the report: the lead worker.
    pub author: String,
    /// The last review (or initial) conference, where the period starts.
    pub since: Option<NaiveDate>,
    pub today: NaiveDate,
    pub terms: Terms,
    pub family: bool,
    /// The agenda's rules on whose visits count and who is expected to be seen alone.
    pub visit_rules: VisitRules,
    /// The council's settings: its marking, and the numbers the family's version gives.
    pub council: Council,
}

impl ReportInput {
    fn plan(&self) -> &Plan {
        self.now.plan()
    }
}

pub fn review_report(r: &ReportInput) -> Document {
    let children: Vec<&str> = r.plan().children.iter().map(|c| c.name.as_str()).collect();
    let period = match r.since {
        Some(d) => format!("From {} to {}", long_date(d), long_date(r.today)),
        None => format!("To {}", long_date(r.today)),
    };
    let mut sections = vec![about(r)];
    sections.extend(super::minutes::why_section(
        r.plan(),
        &if r.family {
            "Why the children have a plan".to_string()
        } else {
            format!("Why the children are on a {}", r.terms.plan)
        },
    ));
    // Visits are in both versions: a family knows when the children were seen, and the
    // family's reader view has already removed what is not theirs.
    sections.extend([plan_now(r), scores(r), actions(r), visits(r)]);
    sections.extend([
        children_views(r),
        parents_views(r),
        attendance(r),
        circumstances(r),
    ]);
    if !r.family {
        sections.push(disagreements(r));
    }
    sections.push(drift(r));
    sections.push(recommendation(r));
    sections.push(chronology(r));
    let mut doc = Document {
        title: if r.family {
            "Our meetings since the last conference: a report for you".into()
        } else {
            "Report of the core group to the review conference".to_string()
        },
        subtitle: vec![
            Inline::text(format!("{} for {}", r.terms.plan, and_list(&children))),
            Inline::text(format!(
                "Case {}, {}",
                r.plan().case.reference,
                r.plan().case.local_authority
            )),
            Inline::text(format!(
                "{period}: {} core group meeting{}",
                r.meetings.len(),
                if r.meetings.len() == 1 { "" } else { "s" }
            )),
        ],
        marking: if r.family {
            super::document::FAMILY_MARKING.into()
        } else {
            format!(
                "{}. For the review conference and the members of the core group.",
                r.council.marking.trim_end_matches('.')
            )
        },
        sections,
        author: r.author.clone(),
        date: Some(r.today),
    };
    // The family's version explains the words it uses, as their copy of the minutes does, and
    // ends as every family document does: whom to ring.
    if r.family {
        doc.sections.extend(super::glossary::section_for(&doc));
        let plan = r.plan();
        let lead = plan.lead_member();
        doc.sections.push(super::contact::section(
            lead,
            &r.terms.lead_worker,
            &r.council,
        ));
    }
    doc
}

/// An outcome's heading: its code and words for the conference, the words alone for the family,
/// who never see the codes.
fn outcome_heading(r: &ReportInput, o: &Outcome) -> String {
    if r.family {
        o.text.clone()
    } else {
        format!("{}: {}", o.id, o.text)
    }
}

fn status_label(s: ActionStatus) -> &'static str {
    s.label()
}

fn plan_now(r: &ReportInput) -> Section {
    let mut s = Section::new(format!("The {} as it stands", r.terms.plan));
    for o in &r.plan().outcomes {
        let child = r.plan().outcome_for(o);
        s.push(Block::Heading(outcome_heading(r, o)));
        s.para(Inline::text(format!("For {child}")));
        let rows: Vec<Vec<Inline>> = r
            .plan()
            .actions
            .iter()
            .filter(|a| a.outcome == o.id)
            .map(|a| {
                vec![
                    Inline::text(a.what.clone()),
                    Inline::text(
                        a.owner
                            .as_deref()
                            .map(|id| r.plan().member_name(id).to_string())
                            .unwrap_or_else(|| "no one yet".into()),
                    ),
                    Inline::text(a.due.map(short_date).unwrap_or_else(|| "—".into())),
                    Inline::text(status_label(a.status)),
                ]
            })
            .collect();
        if !rows.is_empty() {
            s.push(Block::Table(Table {
                head: vec!["Action".into(), "Who".into(), "By".into(), "Now".into()],
                rows,
            }));
        }
    }
    // The family's minutes and plan carry it too, under the same plain heading.
    if !r.plan().contingency_plan.trim().is_empty() {
        s.push(Block::Heading(
            if r.family {
                "If the plan is not working"
            } else {
                "Contingency plan"
            }
            .into(),
        ));
        s.paras(&r.plan().contingency_plan);
    }
    s
}

fn scores(r: &ReportInput) -> Section {
    let mut s = Section::new("Progress on each outcome (0 to 10)");
    for o in &r.plan().outcomes {
        let points: Vec<(NaiveDate, u8, &str)> = r
            .meetings
            .iter()
            .filter_map(|m| {
                let p = m
                    .meeting()
                    .outcome_progress
                    .iter()
                    .find(|p| p.outcome == o.id)?;
                Some((m.date, p.score?, p.note.as_str()))
            })
            .collect();
        s.push(Block::Heading(outcome_heading(r, o)));
        if points.is_empty() {
            s.para("No score was recorded in this period.");
            continue;
        }
        s.push(Block::Chart(Chart {
            title: if r.family {
                "Scores".to_string()
            } else {
                format!("Scores for {}", o.id)
            },
            max: 10,
            points: points
                .iter()
                .map(|(d, v, _)| (d.format("%-d %b").to_string(), *v))
                .collect(),
        }));
        s.push(Block::Table(Table {
            head: vec!["Core group".into(), "Score".into(), "Why".into()],
            rows: points
                .iter()
                .map(|(d, v, note)| {
                    vec![
                        Inline::text(short_date(*d)),
                        Inline::text(v.to_string()),
                        Inline::text(note.to_string()),
                    ]
                })
                .collect(),
        }));
    }
    s
}

/// Actions achieved, not achieved and outstanding, by the owner's agency (or role).
fn actions(r: &ReportInput) -> Section {
    let mut s = Section::new("Actions by agency");
    let mut by: BTreeMap<String, [Vec<String>; 4]> = BTreeMap::new();
    for a in &r.plan().actions {
        if a.status == ActionStatus::NoLongerNeeded {
            continue;
        }
        let agency = a
            .owner
            .as_deref()
            .and_then(|id| r.plan().member(id))
            .map(|m| {
                if m.family {
                    "Family".to_string()
                } else if m.agency.is_empty() {
                    capitalise(&m.role)
                } else {
                    m.agency.clone()
                }
            })
            .unwrap_or_else(|| "No owner".into());
        let slot = match a.status {
            ActionStatus::Achieved => 0,
            ActionStatus::NotAchieved => 1,
            _ => 2,
        };
        // The family never see the actions' codes.
        let due = a.due.map(short_date).unwrap_or_default();
        let slot = match slot {
            2 if r.attention.overdue(&a.id) => 2,
            2 => 3,
            s => s,
        };
        let late = if slot == 1 && r.attention.overdue(&a.id) {
            format!(", overdue since {due}")
        } else if slot == 2 {
            format!(", due {due}")
        } else {
            String::new()
        };
        // The family never see the actions' codes.
        by.entry(agency).or_default()[slot].push(if r.family {
            format!("{}{late}", a.what)
        } else {
            format!("{} ({}{late})", a.what, a.id)
        });
    }
    if by.is_empty() {
        s.para("There are no actions.");
        return s;
    }
    let changes = action_changes(r);
    s.push(Block::Table(Table {
        head: vec![
            "Agency".into(),
            "Achieved".into(),
            "Not achieved".into(),
            "Overdue".into(),
            "Not yet due".into(),
        ],
        rows: by
            .into_iter()
            .map(|(agency, [done, not, late, open])| {
                let cell = |v: Vec<String>| {
                    Inline::text(if v.is_empty() {
                        "—".to_string()
                    } else {
                        format!("{}: {}", v.len(), v.join("; "))
                    })
                };
                vec![
                    Inline::strong(agency),
                    cell(done),
                    cell(not),
                    cell(late),
                    cell(open),
                ]
            })
            .collect(),
    }));
    if !changes.is_empty() {
        s.push(Block::Heading("Changes to actions in this period".into()));
        s.push(Block::Table(Table {
            head: vec![
                "Date".into(),
                "Action".into(),
                "What changed".into(),
                "Who".into(),
                "Why".into(),
            ],
            rows: changes
                .into_iter()
                .map(|c| {
                    vec![
                        Inline::text(short_date(c.date)),
                        Inline::text(c.action),
                        Inline::text(c.what),
                        Inline::text(c.who),
                        Inline::text(c.why),
                    ]
                })
                .collect(),
        }));
    }
    s
}

/// One change of an action in the report's period, in words.
struct ActionChange {
    date: NaiveDate,
    action: String,
    what: String,
    who: String,
    why: String,
}

/// Every change of an action in the period, from its history, oldest first: those made at a
/// meeting and those made between meetings alike.
fn action_changes(r: &ReportInput) -> Vec<ActionChange> {
    let plan = r.plan();
    let mut out: Vec<ActionChange> = plan
        .actions
        .iter()
        .flat_map(|a| {
            a.history
                .iter()
                .filter(|h| r.since.is_none_or(|s| h.date >= s) && h.date <= r.today)
                .filter(|h| !h.changed.is_empty() || !h.made.is_meeting())
                .map(move |h| ActionChange {
                    date: h.date,
                    action: format!("{}: {}", a.id, a.what),
                    what: action_history::describe(h, plan),
                    who: action_history::who(h, plan),
                    why: h.note.clone(),
                })
        })
        .collect();
    out.sort_by_key(|c| c.date);
    out
}

fn attendance(r: &ReportInput) -> Section {
    let mut s = Section::new("Attendance and written updates");
    let mut head = vec!["Member".to_string()];
    head.extend(
        r.meetings
            .iter()
            .map(|m| m.date.format("%-d %b").to_string()),
    );
    head.push("Written updates".into());
    let rows: Vec<Vec<Inline>> = r
        .plan()
        .members
        .iter()
        .map(|member| {
            let role = role_text(member);
            let mut row = vec![
                Inline::strong(member.name.clone()).then(if role.is_empty() {
                    String::new()
                } else {
                    format!(" ({role})")
                }),
            ];
            let mut updates = 0;
            for m in &r.meetings {
                let a = m
                    .meeting()
                    .attendance
                    .iter()
                    .find(|a| a.member == member.id);
                let text = match a {
                    None => "—".to_string(),
                    Some(a) => {
                        updates += usize::from(a.written_update);
                        let mut t = a
                            .presence
                            .map(Presence::label)
                            .unwrap_or("not recorded")
                            .to_string();
                        if a.written_update {
                            t.push_str(", written update");
                        }
                        t
                    }
                };
                row.push(Inline::text(text));
            }
            row.push(Inline::text(updates.to_string()));
            row
        })
        .collect();
    s.push(Block::Table(Table { head, rows }));
    s
}

fn circumstances(r: &ReportInput) -> Section {
    let mut s = Section::new("Changes of circumstances");
    let mut rows = Vec::new();
    for m in &r.meetings {
        for c in &m.meeting().circumstances {
            let told = if !c.tell_conference_chair {
                "not needed".to_string()
            } else if r.family {
                "to be told".to_string()
            } else {
                match r.reported.iter().find(|e| e.reports(m.date, c)) {
                    Some(e) => format!("told {}", short_date(e.date)),
                    None => "to be told: no report logged".into(),
                }
            };
            rows.push(vec![
                Inline::text(short_date(m.date)),
                Inline::text(capitalise(c.kind.label())),
                Inline::text(c.detail.clone()),
                Inline::text(told),
            ]);
        }
    }
    if rows.is_empty() {
        s.para("No change of circumstances was recorded in this period.");
    } else {
        s.push(Block::Table(Table {
            head: vec![
                "Core group".into(),
                "Change".into(),
                "Detail".into(),
                "Conference chair".into(),
            ],
            rows,
        }));
    }
    s
}

fn disagreements(r: &ReportInput) -> Section {
    let mut s = Section::new("Disagreements and how each was resolved");
    let mut rows = Vec::new();
    let plan = r.plan();
    // How each ended is the plan's word on it now (its history), else the record's own, for a
    // disagreement raised before the plan carried them.
    let how = |d: &CarriedDisagreement| -> String {
        let mut lines: Vec<String> = d.history.iter().map(|u| describe(plan, u)).collect();
        if d.is_open() {
            lines.push(format!(
                "{}, open for {} days",
                capitalise(&standing_words(d)),
                d.age(r.today)
            ));
        }
        lines.join("; ")
    };
    let mut shown = Vec::new();
    for m in &r.meetings {
        for d in &m.meeting().disagreements {
            let carried = plan
                .disagreements
                .iter()
                .find(|c| c.id == d.id && c.raised_at == m.id);
            shown.extend(carried.map(|c| (c.raised_at.as_str(), c.id.as_str())));
            rows.push(vec![
                Inline::text(short_date(m.date)),
                Inline::text(d.who.clone()),
                Inline::text(d.about.clone()),
                Inline::text(capitalise(d.route.label())),
                Inline::text(match carried {
                    Some(c) => how(c),
                    None if d.resolved => "resolved".into(),
                    None => "not resolved".into(),
                }),
            ]);
        }
    }
    // Raised before the period, and open in it.
    for c in &plan.disagreements {
        let ended_before = c
            .ending()
            .is_some_and(|e| r.since.is_some_and(|s| e.date < s));
        if shown.contains(&(c.raised_at.as_str(), c.id.as_str())) || ended_before {
            continue;
        }
        rows.push(vec![
            Inline::text(short_date(c.raised)),
            Inline::text(c.who.clone()),
            Inline::text(c.about.clone()),
            Inline::text(capitalise(c.route.label())),
            Inline::text(how(c)),
        ]);
    }
    if rows.is_empty() {
        s.para("No disagreement was recorded in this period.");
    } else {
        s.push(Block::Table(Table {
            head: vec![
                "Core group".into(),
                "Who".into(),
                "About".into(),
                "Route".into(),
                "Outcome".into(),
            ],
            rows,
        }));
    }
    s
}

/// Each child's visits in the period: the day, seen or not, seen alone or why not, and who
/// visited; a child not expected to be seen alone says why.
fn visits(r: &ReportInput) -> Section {
    let mut s = Section::new("Visits to each child");
    let plan = r.plan();
    let mut any = false;
    for child in &plan.children {
        let rows: Vec<Vec<Inline>> = visits::lines(plan, r.visit_rules, child)
            .into_iter()
            .filter(|(d, _)| r.since.is_none_or(|since| *d >= since) && *d <= r.today)
            .map(|(d, what)| vec![Inline::text(short_date(d)), Inline::text(what)])
            .collect();
        let mut line = format!("{}: {}", child.name, count(rows.len(), "visit", "visits"));
        if let Some(why) = visits::not_expected_alone(plan, r.visit_rules, child, r.today) {
            line.push_str(&format!("; not expected to be seen alone: {why}"));
        }
        s.para(line);
        if !rows.is_empty() {
            any = true;
            s.push(Block::Table(Table {
                head: vec!["Date".into(), "Seen".into()],
                rows,
            }));
        }
    }
    if !any && plan.children.is_empty() {
        s.para("No visit is recorded in the period.");
    }
    s
}

/// Who wrote the report, when, and the conference it is for.
fn about(r: &ReportInput) -> Section {
    let mut s = Section::new("About this report");
    s.push(Block::Fields(vec![
        ("Written by".into(), Inline::text(r.author.clone())),
        ("Date".into(), Inline::text(long_date(r.today))),
        (
            "Review conference".into(),
            Inline::text(review_conference(&r.review)),
        ),
    ]));
    s
}

/// Each child's wishes and feelings at each core group of the period.
fn children_views(r: &ReportInput) -> Section {
    let mut s = Section::new(if r.family {
        "What the children said"
    } else {
        "The children's wishes and feelings"
    });
    let plan = r.plan();
    for child in &plan.children {
        let rows: Vec<Vec<Inline>> = r
            .meetings
            .iter()
            .filter_map(|m| {
                let mt = m.meeting();
                let v = mt
                    .children_views
                    .iter()
                    .find(|v| v.child.as_deref() == Some(child.id.as_str()))
                    .or_else(|| {
                        (plan.children.len() == 1
                            || mt.child_views.child.as_deref() == Some(&child.id))
                        .then_some(&mt.child_views)
                    })
                    .filter(|v| v.is_recorded())?;
                let answer = |a: Option<crate::domain::meeting::Answer>| {
                    a.map(|a| a.label()).unwrap_or("not recorded").to_string()
                };
                let mut said = v.wishes_and_feelings.clone();
                if !v.how_gathered.trim().is_empty() {
                    said.push_str(&format!(" (gathered: {})", v.how_gathered.trim()));
                }
                Some(vec![
                    Inline::text(short_date(m.date)),
                    Inline::text(said),
                    Inline::text(answer(v.feels_safe)),
                    Inline::text(answer(v.daily_life_improved)),
                ])
            })
            .collect();
        s.push(Block::Heading(child.name.clone()));
        if rows.is_empty() {
            s.para("No views were recorded in this period.");
        } else {
            s.push(Block::Table(Table {
                head: vec![
                    "Core group".into(),
                    "Wishes and feelings".into(),
                    "Feels safe".into(),
                    "Daily life better".into(),
                ],
                rows,
            }));
        }
    }
    s
}

/// The parents' views at each core group, and where their preferences were not accepted.
fn parents_views(r: &ReportInput) -> Section {
    let mut s = Section::new(if r.family {
        "What the family said"
    } else {
        "The parents' views"
    });
    let rows: Vec<Vec<Inline>> = r
        .meetings
        .iter()
        .filter(|m| !m.meeting().family_views.views.trim().is_empty())
        .map(|m| {
            let v = &m.meeting().family_views;
            vec![
                Inline::text(short_date(m.date)),
                Inline::text(v.views.clone()),
                Inline::text(if v.not_accepted.trim().is_empty() {
                    "—".to_string()
                } else {
                    v.not_accepted.clone()
                }),
            ]
        })
        .collect();
    if rows.is_empty() {
        s.para("No views were recorded in this period.");
    } else {
        s.push(Block::Table(Table {
            head: vec![
                "Core group".into(),
                "Views".into(),
                "Preferences not accepted, and why".into(),
            ],
            rows,
        }));
    }
    s
}

/// The core group's recommendation, as the last core group of the period that made one
/// recorded it.
fn recommendation(r: &ReportInput) -> Section {
    let mut s = Section::new(if r.family {
        "What the group advises the review conference"
    } else {
        "The core group's recommendation"
    });
    let Some(m) = r
        .meetings
        .iter()
        .rev()
        .find(|m| !m.meeting().recommendation.is_empty())
    else {
        s.para("Not yet recorded: the last core group before the conference records it.");
        return s;
    };
    let rec = &m.meeting().recommendation;
    let choice = match rec.choice {
        Some(c) if r.family => capitalise(c.family_words()),
        Some(c) => capitalise(c.label()),
        None => "Not recorded".into(),
    };
    s.push(Block::Fields(vec![
        ("Recommendation".into(), Inline::strong(choice)),
        (
            "Why".into(),
            Inline::text(if rec.reasons.trim().is_empty() {
                "not recorded".to_string()
            } else {
                rec.reasons.clone()
            }),
        ),
        (
            "Recorded at".into(),
            Inline::text(format!("the core group of {}", long_date(m.date))),
        ),
    ]));
    s
}

/// What is late and what drifts: one list from `status` and drift together, so "no drift"
/// never stands beside overdue items.
fn drift(r: &ReportInput) -> Section {
    let a = &r.attention;
    let mut s = Section::new(if r.family {
        "Jobs past their date"
    } else {
        "Drift and overdue items"
    });
    if a.is_empty() {
        s.para(if r.family {
            "No job is past its date."
        } else {
            "Nothing is overdue and no drift is shown by the records."
        });
        return s;
    }
    if !a.timescales.is_empty() {
        s.push(Block::Heading("Timescales overdue".into()));
        s.push(Block::Bullets(
            a.timescales
                .iter()
                .map(|t| {
                    let due = t.due.map(short_date).unwrap_or_else(|| "—".into());
                    Inline::strong(t.label.clone()).then(format!(": due {due}; {}", t.detail))
                })
                .collect(),
        ));
    }
    if !a.actions.is_empty() {
        if !r.family {
            s.push(Block::Heading("Actions overdue".into()));
        }
        s.push(Block::Bullets(
            a.actions
                .iter()
                .map(|x| {
                    // The words and the owner as the reader's view gives them.
                    let action = r.plan().action(&x.id);
                    let words = action
                        .map_or(x.what.as_str(), |a| a.what.as_str())
                        .trim_end_matches('.');
                    let owner = action
                        .and_then(|a| a.owner.as_deref())
                        .map_or("no owner", |o| r.plan().member_name(o));
                    let what = if r.family {
                        words.to_string()
                    } else {
                        format!("{words} ({})", x.id)
                    };
                    Inline::strong(what).then(format!(
                        ": {owner}, due {}, {}",
                        short_date(x.due),
                        x.lateness()
                    ))
                })
                .collect(),
        ));
    }
    if !a.flags.is_empty() {
        s.push(Block::Heading("Drift".into()));
        s.push(Block::Bullets(
            a.flags
                .iter()
                .map(|f| Inline::strong(f.summary.clone()).then(format!(": {}", f.evidence_text())))
                .collect(),
        ));
    } else if !r.family {
        s.para(
            "The records show no pattern across the core groups yet (scores, actions carried \
             over or re-dated, agencies absent); the items above are overdue now.",
        );
    }
    s
}

/// The chronology's lines: every source through `domain::chronology`, with each meeting's
/// table of changes (in the reader's words) and its call to bring the conference forward.
pub fn chronology_rows(r: &ReportInput) -> Vec<chronology::ChronologyRow> {
    let sources = chronology::Sources {
        plan: r.plan(),
        meetings: r
            .meetings
            .iter()
            .map(|m| (m.id.as_str(), m.date, m.meeting()))
            .collect(),
        log: r.log.clone(),
        rules: r.visit_rules,
        from: r.since,
        to: r.today,
    };
    let mut entries = chronology::entries(&sources);
    let words = if r.family {
        Words::Plain
    } else {
        Words::Professional
    };
    for m in &r.meetings {
        let source = format!("minutes {}", m.id);
        for row in changes::rows(m.source(), words) {
            let detail = if row.detail.is_empty() {
                String::new()
            } else {
                format!(": {}", row.detail)
            };
            entries.push(chronology::ChronologyEntry::new(
                m.date,
                format!("{} {}{detail}", capitalise(row.change.label()), row.item),
                &source,
            ));
        }
        if m.meeting().escalation.bring_review_forward {
            entries.push(chronology::ChronologyEntry::new(
                m.date,
                format!(
                    "Review conference to be brought forward: {}",
                    m.meeting().escalation.reason
                ),
                &source,
            ));
        }
    }
    chronology::rows(entries)
}

fn chronology(r: &ReportInput) -> Section {
    let mut s = Section::new("Multi-agency chronology");
    let rows: Vec<Vec<Inline>> = chronology_rows(r)
        .into_iter()
        .map(|row| {
            let when = if row.from == row.to {
                short_date(row.from)
            } else {
                format!("{} to {}", short_date(row.from), short_date(row.to))
            };
            vec![
                Inline::text(when),
                Inline::text(row.what),
                Inline::text(row.source),
            ]
        })
        .collect();
    if rows.is_empty() {
        s.para("Nothing is recorded in this period.");
    } else {
        s.push(Block::Table(Table {
            head: vec!["Date".into(), "What happened".into(), "Source".into()],
            rows,
        }));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{html, markdown};

    #[test]
    fn the_chart_is_drawn_in_html_only_with_every_score_and_at_most_eight_dates() {
        let points: Vec<(String, u8)> =
            (0..16).map(|i| (format!("d{i}"), (i % 11) as u8)).collect();
        let mut s = Section::new("Scores");
        s.push(Block::Chart(Chart {
            title: "Scores for <o1>".into(),
            max: 10,
            points,
        }));
        let doc = Document {
            title: "t".into(),
            subtitle: Vec::new(),
            marking: String::new(),
            sections: vec![s],
            ..Default::default()
        };
        let out = html::render(&doc);
        assert_eq!(out.matches("<circle").count(), 16);
        let dates = (0..16).filter(|i| out.contains(&format!(">d{i}<"))).count();
        assert!((2..=8).contains(&dates), "{dates} dates");
        assert!(
            out.contains(">d0<") && out.contains(">d15<"),
            "first and last dated"
        );
        assert!(out.contains("<title>Scores for &lt;o1&gt;</title>"));
        assert!(!markdown::render(&doc).contains("circle"));
    }
}
