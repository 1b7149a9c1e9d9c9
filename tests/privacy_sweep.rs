//! The sweep: every piece of typed text, in every output, for every reader.
//!
//! A meeting in progress is filled in completely (every optional field, guests of each kind,
//! several family members), then every text leaf of its record and plan (found by walking the
//! serialised values, so a field added later is swept without touching this test) gets a
//! marker of its own. For each item that carries a privacy, in turn, the item is made
//! confidential, then not for one family member; the meeting is closed as the screen closes it
//! (so whatever closing copies or derives from the item is made from the marked text), and every
//! output is rendered for every reader: each document in Markdown, HTML and the text of every
//! part of its Word file, the invitation, each member's email and its attachments or their
//! cover letter, and both versions of the review report. No marker may reach a reader its item
//! is not for. Text that carries no privacy must be listed below with the reason.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use mail_parser::MimeHeaders;
use serde_json::{Value, json};

use coregroup::agenda::AgendaSnapshot;

use coregroup::cases::circulate::files_for;
use coregroup::cases::records::{CaseRecords, MeetingRecord};
use coregroup::domain::agenda::Agenda;
use coregroup::domain::calendar::{Calendar, Division};
use coregroup::domain::case_log::CaseLog;
use coregroup::domain::close::close;
use coregroup::domain::disagreements::Route;
use coregroup::domain::disagreements::{
    CarriedDisagreement, DisagreementReview, DisagreementUpdate, Standing,
};
use coregroup::domain::example;
use coregroup::domain::meeting::{
    ActionReview, ChecklistTick, Circumstance, CircumstanceKind, Contribution, Disagreement, Draft,
    FAMILY_GUEST, Guest, LoggedEvent, Meeting, Note, OutcomeProgress, Recommend, Recommendation,
    Tag,
};
use coregroup::domain::plan::{
    Action, ActionPart, ActionStatus, ActionUpdate, ChildSeen, Made, Origin, Outcome, Plan, WhyNot,
};
use coregroup::domain::privacy::Privacy;
use coregroup::domain::reader::{Reader, addressed_to, reader_of};
use coregroup::export::circulation::{Attachment, Letter, cover_letter, email};
use coregroup::export::{self, Case, html, markdown};
use coregroup::store::CaseFolder;

/// Text leaves that carry no privacy of their own, on purpose, by path (`[]` for any index).
const NEVER_RESTRICTED: &[(&str, &str)] = &[
    (
        "plan.case.reference",
        "the case reference names the case for every reader; check warns when it holds a \
         family surname",
    ),
    (
        "plan.case.local_authority",
        "the authority's name is public",
    ),
    (
        "plan.case.family_address",
        "governed by withhold_family_address, swept by the address tests",
    ),
    (
        "plan.children[].name",
        "the children are whom the plan is about; every reader knows them",
    ),
    (
        "plan.outcomes[].text",
        "the plan's outcomes are what the family signs up to: never kept from them",
    ),
    (
        "plan.contingency_plan",
        "the family must know what happens if the plan is not working",
    ),
    (
        "plan.key_dates.core_groups[].chair",
        "the chair's name as the case keeps it; a chair is a professional",
    ),
    (
        "plan.key_dates.core_groups[].minute_taker",
        "the minute-taker's name as the case keeps it; a minute-taker is a professional",
    ),
    (
        "meeting.details.minute_taker_name",
        "the name of the professional who took the minutes, as the chair gave it",
    ),
    (
        "meeting.details.exclusions",
        "carries its own privacy beside it (exclusions_privacy)",
    ),
    (
        "meeting.details.venue",
        "carries its own privacy beside it (venue_privacy)",
    ),
    (
        "meeting.since_last_meeting[].text",
        "the case log's words: professionals only, never in a family copy",
    ),
    (
        "meeting.missing_at_close[]",
        "what the close checklist found missing: the chair's, never in a family copy",
    ),
    (
        "meeting.family_check_at_close[]",
        "passages flagged at the close: never in a family copy",
    ),
    (
        "meeting.checklist[].item",
        "the agenda's checklist wording, not typed about the family",
    ),
    (
        "meeting.invitation.venue",
        "the invitation's own copy of the next venue: only the invitation reads it",
    ),
    ("meeting.step_times[].step", "an agenda step's key"),
    (
        "plan.key_dates.visits[].each[].why_not",
        "why a child was not seen (alone) at a visit: a fact of the case log, printed only in \
         the professionals' review report; a family reader's view drops it",
    ),
];

/// Leaves that name another item or a choice, never shown as typed text.
const REFERENCES: &[&str] = &[
    "id",
    "member",
    "action",
    "outcome",
    "item",
    "child",
    "owner",
    "by",
    "for_whom",
    "not_for[]",
    "chair",
    "minute_taker",
    "lead_worker",
    "step",
    "agenda",
    "decisions[]",
    "here_as",
    "outcomes[]",
    "children[]",
    "disagreement",
    "raised_at",
    "meeting",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn agenda() -> Agenda {
    coregroup::agenda::shipped("core-group").unwrap()
}

/// The plan before the meeting: the example's, with a core group outcome to reword, a few
/// actions, and every member's details filled in.
fn before() -> Plan {
    let mut plan = example::plan(today());
    plan.actions.truncate(4);
    plan.outcomes.push(Outcome {
        id: "o8".into(),
        child: "kayla".into(),
        text: "Kayla has a bedtime routine.".into(),
        origin: Origin::CoreGroup,
        also_for: Vec::new(),
        added: Some(today() - chrono::Duration::days(42)),
    });
    for (i, m) in plan.members.iter_mut().enumerate() {
        m.email = Some(format!("m{i}@example.org.uk"));
        m.phone = Some(format!("01632 960{i:03}"));
        m.title = Some("Mx".into());
        m.preferred_name = Some(format!("Pat{i}"));
        m.language = Some("Polish".into());
        if m.address.is_none() {
            m.address = Some(format!("{} Mill Road, Eastbrook", i + 1));
        }
    }
    plan.actions[1].history.push(ActionUpdate {
        date: today() - chrono::Duration::days(42),
        status: ActionStatus::InProgress,
        by: None,
        changed: Vec::new(),
        made: Default::default(),
        note: "Started after the conference.".into(),
        privacy: Privacy::default(),
    });
    // A disagreement an earlier meeting raised and a later one escalated: this one carries it.
    plan.disagreements.push(CarriedDisagreement {
        id: "d7".into(),
        who: "Mr Walsh".into(),
        about: "Carried about.".into(),
        reasons: "Carried reasons.".into(),
        route: Route::CoreGroup,
        raised_at: "2026-09-01".into(),
        raised: today() - chrono::Duration::days(60),
        history: vec![DisagreementUpdate {
            date: today() - chrono::Duration::days(58),
            meeting: Some("2026-10-13".into()),
            standing: Standing::Escalated,
            route: Some(Route::Managers),
            note: "Escalated because.".into(),
            by: "Team manager".into(),
            privacy: Privacy::default(),
        }],
        privacy: Privacy::default(),
    });
    // Re-dated between meetings, by a name as typed, with the reason.
    let a3 = &mut plan.actions[3];
    let was = a3.due;
    a3.due = Some(today() + chrono::Duration::days(21));
    a3.history.push(ActionUpdate {
        date: today() - chrono::Duration::days(3),
        status: a3.status,
        by: Some("Jo Marsh".into()),
        changed: vec![ActionPart::Due { was, now: a3.due }],
        made: Made::BetweenMeetings,
        note: "Re-dated between meetings.".into(),
        privacy: Privacy::default(),
    });
    // A visit recorded child by child, with the reason a child was not seen.
    plan.key_dates
        .visits
        .push(coregroup::domain::plan::KeyVisit {
            date: today() - chrono::Duration::days(3),
            by: Some("sw".into()),
            seen_alone: false,
            children: Vec::new(),
            each: vec![
                ChildSeen::seen("kayla", true),
                ChildSeen {
                    seen: false,
                    why_not: Some(WhyNot::Other("At his father's for the night.".into())),
                    ..ChildSeen::seen("alfie", false)
                },
            ],
        });
    plan
}

fn guest(id: &str, name: &str, role: &str, agency: &str, here_as: &str) -> Guest {
    let mut g = Guest::new(id.into(), name.into(), role.into(), agency.into());
    g.here_as = here_as.into();
    g
}

/// The meeting in progress, every field filled, and the plan as it is changing it.
fn draft() -> (Meeting, Plan) {
    let mut m = example::past_meeting(today());
    let mut plan = before();
    m.details.exclusions = "Mr Walsh was asked not to attend the first part.".into();
    // Business support by name, as a chair types it; the case keeps who took the minutes.
    m.details.minute_taker_name = "Jo Pike, business support".into();
    for held in &mut plan.key_dates.core_groups {
        held.minute_taker = Some("Jo Pike, business support".into());
    }
    m.details.exclusions_privacy = Privacy::default();
    for a in &mut m.attendance {
        a.substitute = "Sam Okafor".into();
        a.written_update = true;
        a.written_update_summary = "A written update.".into();
    }
    let mut interpreter = guest(
        "g2",
        "Ola Nowak",
        "Interpreter",
        "Language Line",
        "interpreter",
    );
    interpreter.for_whom = Some("mum".into());
    let advocate = guest("g3", "Ben Hart", "Advocate", "Voices", "advocate");
    let mut aunt = guest("g4", "Rita Brennan", "Aunt", "", FAMILY_GUEST);
    aunt.for_whom = Some("mum".into());
    aunt.joins = true;
    let refuge = guest(
        "g5",
        "Priya Castellano",
        "Support worker",
        "Harbour Refuge",
        "professional",
    );
    let mut nurse = guest(
        "g6",
        "Jo Linton",
        "School nurse",
        "Eastbrook NHS",
        "professional",
    );
    nurse.joins = true;
    m.guests
        .extend([interpreter, advocate, aunt, refuge, nurse]);
    m.previous_record.amendments = "The date of the visit was corrected.".into();
    let (a0, a1, a2) = (
        plan.actions[0].id.clone(),
        plan.actions[1].id.clone(),
        plan.actions[2].id.clone(),
    );
    for (id, status) in [
        (&a0, ActionStatus::Achieved),
        (&a1, ActionStatus::InProgress),
    ] {
        m.action_reviews.push(ActionReview {
            action: id.clone(),
            status,
            note: "A review note.".into(),
            privacy: Privacy::default(),
        });
    }
    // As the review step records it: the status in the plan, the note in the history too.
    plan.actions[0].status = ActionStatus::Achieved;
    plan.actions[0].history.push(ActionUpdate {
        date: today(),
        status: ActionStatus::Achieved,
        by: None,
        changed: Vec::new(),
        made: Default::default(),
        note: "A review note.".into(),
        privacy: Privacy::default(),
    });
    // An action edited at the meeting: reworded, a new owner (the refuge's worker), a new date.
    plan.actions[2].what = "Reworded at the meeting.".into();
    plan.actions[2].owner = Some("g5".into());
    plan.actions[2].due = Some(today() + chrono::Duration::days(30));
    let _ = a2;
    plan.actions.push(Action {
        id: "a99".into(),
        outcome: "o8".into(),
        owner: Some("g5".into()),
        what: "A new action.".into(),
        due: Some(today() + chrono::Duration::days(14)),
        status: ActionStatus::NotStarted,
        history: vec![ActionUpdate {
            date: today(),
            status: ActionStatus::NotStarted,
            by: None,
            changed: Vec::new(),
            made: Default::default(),
            note: "Agreed with the note from the form.".into(),
            privacy: Privacy::default(),
        }],
        privacy: Privacy::default(),
    });
    plan.outcomes
        .iter_mut()
        .find(|o| o.id == "o8")
        .unwrap()
        .text = "Kayla has a bedtime routine most nights.".into();
    plan.outcomes.push(Outcome {
        id: "o9".into(),
        child: "alfie".into(),
        text: "Alfie's speech is assessed.".into(),
        origin: Origin::CoreGroup,
        also_for: Vec::new(),
        added: None,
    });
    m.contributions.push(Contribution {
        id: "c9".into(),
        member: "g6".into(),
        text: "A guest's update.".into(),
        tag: Some(Tag::Hearsay),
        outcomes: vec!["o1".into()],
        privacy: Privacy::default(),
    });
    m.outcome_progress = plan
        .outcomes
        .iter()
        .map(|o| OutcomeProgress {
            outcome: o.id.clone(),
            score: Some(4),
            note: "Why this score.".into(),
            privacy: Privacy::default(),
        })
        .collect();
    m.children_views = plan
        .children
        .iter()
        .map(|c| {
            let mut v = m.child_views.clone();
            v.child = Some(c.id.clone());
            v
        })
        .collect();
    for (kind, detail) in [
        (
            CircumstanceKind::Household,
            "A new partner stays at weekends.",
        ),
        (CircumstanceKind::Other, "Something else changed."),
    ] {
        let id = format!("ch{}", m.circumstances.len() + 1);
        m.circumstances.push(Circumstance {
            id,
            kind,
            detail: detail.into(),
            tell_conference_chair: true,
            privacy: Privacy::default(),
        });
    }
    m.disagreements.push(Disagreement {
        id: "d1".into(),
        who: "Ms Brennan".into(),
        about: "Contact arrangements.".into(),
        reasons: "She feels they are too strict.".into(),
        route: Route::Managers,
        resolved: false,
        privacy: Privacy::default(),
    });
    m.disagreement_reviews.push(DisagreementReview {
        disagreement: "d7".into(),
        standing: Standing::Resolved,
        route: None,
        note: "Resolved how.".into(),
        by: "Dean's uncle".into(),
        on: None,
        privacy: Privacy::default(),
    });
    m.escalation.bring_review_forward = true;
    m.escalation.reason = "Concerns are growing.".into();
    m.recommendation = Recommendation {
        choice: Some(Recommend::Continue),
        reasons: "Why the plan should continue.".into(),
        privacy: Privacy::default(),
    };
    m.next_meeting.venue = "Millbrook Family Centre".into();
    m.next_meeting.time = NaiveTime::from_hms_opt(14, 0, 0);
    m.next_meeting.reason_for_gap = "The school holidays.".into();
    m.next_meeting.countersigned_by = "Team manager".into();
    m.notes.push(Note {
        id: "n2".into(),
        step: "notes".into(),
        subject: "Housing".into(),
        text: "An open note.".into(),
        privacy: Privacy::default(),
    });
    m.checklist.push(ChecklistTick {
        item: "Agreement signed".into(),
        done: true,
    });
    m.missing_at_close = vec!["the child's views are not recorded".into()];
    m.family_check_at_close = vec!["A flagged passage.".into()];
    m.since_last_meeting.push(LoggedEvent {
        date: today(),
        text: "A logged event.".into(),
        id: None,
    });
    (m, plan)
}

/// A leaf of the serialised `[meeting, plan]`: its JSON pointer and its path with `[]` for
/// indices (`meeting.notes[].text`).
#[derive(Clone, Debug)]
struct Leaf {
    pointer: String,
    path: String,
    /// Pointers of every object above it that can carry a privacy, nearest first.
    holders: Vec<String>,
}

fn walk(v: &Value, pointer: &str, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(_) => out.push((pointer.to_string(), path.to_string())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{pointer}/{i}"), &format!("{path}[]"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let sep = if path.is_empty() { "" } else { "." };
                walk(
                    item,
                    &format!("{pointer}/{k}"),
                    &format!("{path}{sep}{k}"),
                    out,
                );
            }
        }
        _ => {}
    }
}

/// Set who may read the item at `holder` (an object pointer, or `…/x_privacy` for a privacy
/// kept beside its text).
fn restrict(v: &mut Value, holder: &str, privacy: &Privacy) {
    let p = serde_json::to_value(privacy).unwrap();
    if let Some((parent, key)) = holder.rsplit_once('/')
        && key.ends_with("_privacy")
    {
        let obj = v.pointer_mut(parent).unwrap().as_object_mut().unwrap();
        obj.insert(key.to_string(), p);
        return;
    }
    let obj = v.pointer_mut(holder).unwrap().as_object_mut().unwrap();
    for (k, x) in p.as_object().unwrap() {
        obj.insert(k.clone(), x.clone());
    }
}

/// The objects above `pointer` that take a privacy, nearest first.
fn holders_of(base: &Value, pointer: &str) -> Vec<String> {
    let mut out = Vec::new();
    let parts: Vec<&str> = pointer.split('/').collect();
    let key = parts.last().copied().unwrap_or_default();
    // A privacy kept beside its text.
    let parent = parts[..parts.len() - 1].join("/");
    let beside = format!("{parent}/{key}_privacy");
    let mut probe = base.clone();
    if probe.pointer(&parent).is_some_and(Value::is_object) {
        probe
            .pointer_mut(&parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert(format!("{key}_privacy"), json!({"confidential": true}));
        if parse_pair(&probe).is_some() {
            out.push(beside);
        }
    }
    for end in (2..parts.len()).rev() {
        let at = parts[..end].join("/");
        if !base.pointer(&at).is_some_and(Value::is_object) {
            continue;
        }
        let mut probe = base.clone();
        restrict(&mut probe, &at, &Privacy::marked(true));
        if parse_pair(&probe).is_some() {
            out.push(at);
        }
    }
    out
}

fn marker(i: usize) -> String {
    format!("QZ{i:04}QZ")
}

/// Who reads an output: a family member, professionals, the case file, or every family member
/// (the family's shared copy, the plan, the family review report).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Family(String),
    AllFamily,
    Professionals,
    CaseFile,
}

fn word_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a Word file");
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        let _ = f.read_to_string(&mut s);
        out.push_str(&s);
    }
    out
}

fn text_of(name: &str, bytes: &[u8]) -> String {
    if name.ends_with(".docx") {
        word_text(bytes)
    } else {
        // An invitation folds long lines; unfolded, a marker reads whole.
        String::from_utf8_lossy(bytes).replace("\r\n ", "")
    }
}

fn who_reads(name: &str) -> Option<Who> {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    Some(match stem {
        "minutes" | "next-meeting" => Who::Professionals,
        "minutes-case-file" => Who::CaseFile,
        // The plan every family member may read: the professionals are sent it.
        "minutes-family" | "plan" => Who::AllFamily,
        // Each family member's own copy and own plan.
        s => Who::Family(
            s.strip_prefix("minutes-family-")
                .or_else(|| s.strip_prefix("plan-"))?
                .to_string(),
        ),
    })
}

/// Every output of a closed meeting, with who reads it.
fn outputs(meeting: &Meeting, plan: &Plan, dir: &Path) -> Vec<(Who, String, String)> {
    let agenda = agenda();
    let snap = AgendaSnapshot::of(&agenda);
    let cal = Calendar::new(Division::EnglandAndWales);
    let files = export::render_files(
        Case::at_close(meeting, plan),
        &snap,
        &cal,
        export::document::Issue::FIRST_DRAFT,
    )
    .unwrap();
    let mut out = Vec::new();
    for old in std::fs::read_dir(dir).unwrap() {
        std::fs::remove_file(old.unwrap().path()).unwrap();
    }
    for f in &files {
        std::fs::write(dir.join(&f.name), &f.bytes).unwrap();
        let who = who_reads(&f.name).unwrap_or_else(|| panic!("who reads {}?", f.name));
        out.push((who, f.name.clone(), text_of(&f.name, &f.bytes)));
    }
    // Each member's email (or cover letter) with the files circulation chooses for them, to
    // and from whom the recipient's view says, under the example council's letterhead.
    let council = example::council();
    for m in plan.current_members() {
        let view = addressed_to(plan, &m.id).unwrap();
        let seen = view.plan();
        let sender = seen
            .case
            .lead_worker
            .as_deref()
            .and_then(|l| seen.member(l));
        let recipient = seen.member(&m.id).unwrap();
        let who = match reader_of(plan, &m.id) {
            Reader::Family(id) => Who::Family(id),
            _ => Who::Professionals,
        };
        let format = council.attachments.for_family(m.family);
        let attachments = files_for(dir, plan, m, format)
            .unwrap()
            .into_iter()
            .map(|p| Attachment {
                name: coregroup::export::attachment_name(&p.file_name().unwrap().to_string_lossy()),
                bytes: std::fs::read(&p).unwrap(),
            })
            .collect();
        let letter = Letter {
            owes_agreement: true,
            case_reference: &seen.case.reference,
            meeting: &meeting.id,
            meeting_day: today(),
            circulated: today(),
            agreement_due: Some(today()),
            recipient,
            sender,
            next_meeting: meeting
                .next_meeting
                .date
                .map(|d| (d, meeting.next_meeting.time)),
            attachments,
            council: &council,
        };
        let name = format!("email to {}", m.id);
        match email(
            &letter,
            today()
                .and_hms_opt(9, 0, 0)
                .unwrap()
                .and_utc()
                .fixed_offset(),
        ) {
            Some(eml) => {
                let msg = mail_parser::MessageParser::default().parse(&eml).unwrap();
                let mut text = format!(
                    "{}\n{}",
                    msg.subject().unwrap_or_default(),
                    msg.body_text(0).unwrap_or_default()
                );
                for a in msg.attachments() {
                    let n = a.attachment_name().unwrap_or_default().to_string();
                    text.push_str(&text_of(&n, a.contents()));
                }
                out.push((who, name, text));
            }
            None => {
                let doc = cover_letter(&letter, recipient.address.as_deref());
                out.push((who, format!("letter to {}", m.id), html::render(&doc)));
            }
        }
    }
    // The review report, both versions.
    let records = CaseRecords {
        case: CaseFolder::at(dir),
        plan: plan.clone(),
        log: CaseLog::default(),
        agenda: agenda.clone(),
        cal: cal.clone(),
        meetings: vec![MeetingRecord {
            id: meeting.id.clone(),
            meeting: meeting.clone(),
            plan: Some(plan.clone()),
        }],
        facts: Vec::new(),
        problems: Vec::new(),
    };
    let (full, family) = coregroup::cases::review_report::documents(&records, today());
    for (who, doc) in [(Who::Professionals, full), (Who::AllFamily, family)] {
        let doc = doc.expect("the report is made");
        let word = word_text(&coregroup::export::docx::render(&doc).unwrap());
        let text = format!("{}{}{word}", markdown::render(&doc), html::render(&doc));
        out.push((who, "review report".into(), text));
    }
    out
}

/// Whether a reader may read an item with this privacy. `own` is the member or guest whose
/// record the item is, if it is one: a family member's own name and details are never kept
/// from them.
fn may_read(who: &Who, p: &Privacy, own: Option<&str>) -> bool {
    match who {
        Who::Family(id) if own == Some(id.as_str()) => true,
        Who::Professionals | Who::CaseFile => true,
        Who::AllFamily => p.is_open(),
        Who::Family(id) => !p.hidden_from(Some(id)),
    }
}

#[test]
fn no_marked_text_reaches_a_reader_its_item_is_not_for() {
    let started = std::time::Instant::now();
    let (meeting, plan) = draft();
    let before = before();
    let base = json!({"meeting": meeting, "plan": plan});
    assert!(parse_pair(&base).is_some());
    let mut found = Vec::new();
    walk(&base, "", "", &mut found);
    let reference = |path: &str| {
        let last = path.rsplit('.').next().unwrap_or(path);
        REFERENCES.contains(&last)
    };
    let mut leaves = Vec::new();
    let mut unlisted = Vec::new();
    let mut marked = base.clone();
    for (pointer, path) in found {
        if reference(&path) {
            continue;
        }
        // A leaf that takes no text (a date, a choice) cannot hold a marker.
        let mut probe = base.clone();
        *probe.pointer_mut(&pointer).unwrap() = Value::String(marker(0));
        if parse_pair(&probe).is_none() {
            continue;
        }
        let holders = holders_of(&base, &pointer);
        let listed = NEVER_RESTRICTED.iter().any(|(p, _)| *p == path);
        if holders.is_empty() && !listed {
            unlisted.push(path.clone());
        }
        *marked.pointer_mut(&pointer).unwrap() = Value::String(marker(leaves.len()));
        leaves.push(Leaf {
            pointer,
            path,
            holders,
        });
    }
    unlisted.sort();
    unlisted.dedup();
    assert!(
        unlisted.is_empty(),
        "typed text with no privacy: give its item one, or list it in NEVER_RESTRICTED with \
         the reason: {unlisted:#?}"
    );
    let holders: BTreeSet<String> = leaves.iter().flat_map(|l| l.holders.clone()).collect();
    assert!(
        holders.len() > 50,
        "the record is filled in: {}",
        holders.len()
    );
    let dad = Privacy {
        confidential: false,
        not_for: vec!["dad".into()],
    };
    let runs: Vec<(String, Privacy)> = holders
        .iter()
        .flat_map(|h| [(h.clone(), Privacy::marked(true)), (h.clone(), dad.clone())])
        .collect();
    eprintln!(
        "{} leaves, {} runs, set up in {:?}",
        leaves.len(),
        runs.len(),
        started.elapsed()
    );
    let leaks: Vec<String> = std::thread::scope(|scope| {
        let jobs: Vec<_> = runs
            .chunks(runs.len().div_ceil(2))
            .map(|chunk| {
                let (leaves, marked, before) = (&leaves, &marked, &before);
                scope.spawn(move || {
                    let dir = tempfile::tempdir().unwrap();
                    let mut leaks = Vec::new();
                    for (holder, privacy) in chunk {
                        leaks.extend(run(leaves, marked, before, holder, privacy, dir.path()));
                    }
                    leaks
                })
            })
            .collect();
        jobs.into_iter().flat_map(|j| j.join().unwrap()).collect()
    });
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}

fn parse_pair(v: &Value) -> Option<(Meeting, Plan)> {
    let m = serde_json::from_value(v.get("meeting")?.clone()).ok()?;
    let p = serde_json::from_value(v.get("plan")?.clone()).ok()?;
    Some((m, p))
}

/// One run: the item at `holder` restricted, the meeting closed, every output checked.
fn run(
    leaves: &[Leaf],
    marked: &Value,
    before: &Plan,
    holder: &str,
    privacy: &Privacy,
    dir: &Path,
) -> Vec<String> {
    let mut v = marked.clone();
    restrict(&mut v, holder, privacy);
    let (meeting, plan) = parse_pair(&v).expect("the restricted record reads");
    let missing = meeting.missing_at_close.clone();
    let draft = Draft::new(meeting, plan);
    let closed = close(before, &draft, &agenda(), &missing);
    let outputs = outputs(&closed.meeting, &closed.plan, dir);
    let mut leaks = Vec::new();
    for (i, leaf) in leaves.iter().enumerate() {
        if !leaf.holders.iter().any(|h| h == holder) {
            continue;
        }
        let m = marker(i);
        // The member or guest whose own record the restricted item is.
        let own = (holder.starts_with("/plan/members/") || holder.starts_with("/meeting/guests/"))
            .then(|| v.pointer(&format!("{holder}/id")).and_then(Value::as_str))
            .flatten();
        for (who, name, text) in &outputs {
            if !may_read(who, privacy, own) && text.contains(&m) {
                leaks.push(format!(
                    "{} ({}) reaches {who:?} in {name} when {holder} is {privacy:?}",
                    leaf.path, leaf.pointer
                ));
            }
        }
    }
    leaks
}

#[test]
fn the_never_restricted_list_names_only_text_the_record_has() {
    let (meeting, plan) = draft();
    let base = json!({"meeting": meeting, "plan": plan});
    let mut found = Vec::new();
    walk(&base, "", "", &mut found);
    let paths: BTreeMap<String, ()> = found.into_iter().map(|(_, p)| (p, ())).collect();
    for (p, why) in NEVER_RESTRICTED {
        assert!(paths.contains_key(*p), "{p} ({why}) is not in the record");
    }
}

/// The withheld address of the address sweep: the mother's, and the family's.
const HIDDEN: &str = "Brackenholt House, 14 Quillon Road, Eastbrook EB4 7QT";

/// What must never reach a circulated output, as it reads once folded by [`squash`].
const SECRETS: &[&str] = &["brackenholt", "quillon", "eb47", "eb4"];

/// Each part of [`HIDDEN`] in every form a person may write it in, or paste it from an email
/// or a PDF.
const FORMS: &[&str] = &[
    "Brackenholt House, 14 Quillon Road, Eastbrook EB4 7QT",
    "14 Quillon Rd",
    "Brackenholt Ho",
    "Brackenholt Hse",
    "Quillon",
    "Quillon 14",
    "14 Quillon",
    "the Quillon flats",
    "Brackenholt",
    "EB4 7QT",
    "eb47qt",
    "EB4 7",
    "EB4",
    "1 4 Q u i l l o n R o a d",
    "E B 4 7 Q T",
    "\u{ff11}\u{ff14} \u{ff31}\u{ff55}\u{ff49}\u{ff4c}\u{ff4c}\u{ff4f}\u{ff4e}",
    "\u{ff25}\u{ff22}\u{ff14}",
    "Quill\u{43e}n R\u{43e}ad",
    "\u{395}\u{392}4 7QT",
    "Br\u{430}ckenholt",
    "Qu\u{ed}llon Road",
    "Qui\u{200b}llon Road",
    "Quil\u{ad}lon",
    "Quillon\u{2011}Road",
    "\u{feff}Quillon",
    "Brack\u{200d}enholt",
    "\u{202e}Quillon\u{202c}",
    "Quil-\nlon Road",
    "Brackenholt\u{a0}House",
];

/// Text as a reader sees it, letters and digits only, folded by the test's own small table of
/// the forms above (so the check does not lean on the code it checks).
fn squash(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{ff10}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
            '\u{43e}' => Some('o'),
            '\u{430}' => Some('a'),
            '\u{395}' => Some('e'),
            '\u{392}' => Some('b'),
            '\u{ed}' => Some('i'),
            _ => Some(c),
        })
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The sweep's record and plans with [`HIDDEN`] as the mother's and the family's address,
/// withheld or not.
fn with_hidden(withheld: bool) -> (Value, Plan) {
    let set = |p: &mut Plan| {
        p.case.family_address = Some(HIDDEN.into());
        p.case.withhold_family_address = withheld;
        let mum = p.members.iter_mut().find(|m| m.id == "mum").unwrap();
        mum.address = Some(HIDDEN.into());
        mum.withhold_address = withheld;
    };
    let (meeting, mut plan) = draft();
    let mut before = before();
    set(&mut plan);
    set(&mut before);
    (json!({"meeting": meeting, "plan": plan}), before)
}

/// Every text leaf that can hold a form, but the addresses themselves.
fn address_leaves(base: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(base, "", "", &mut found);
    found
        .into_iter()
        .filter(|(_, path)| {
            let last = path.rsplit('.').next().unwrap_or(path);
            !REFERENCES.contains(&last)
                && path != "plan.case.family_address"
                && path != "plan.members[].address"
        })
        .filter(|(pointer, _)| {
            let mut probe = base.clone();
            *probe.pointer_mut(pointer).unwrap() = Value::String("x".into());
            parse_pair(&probe).is_some()
        })
        .map(|(pointer, _)| pointer)
        .collect()
}

/// Forms put in each leaf at once: each run checks as many, so the runs are fewer.
const FORMS_PER_LEAF: usize = 3;

/// Close the meeting with forms `(i + shift + k) % FORMS.len()` (`k` below
/// [`FORMS_PER_LEAF`]) in leaf `i`, and give every output but the case file's with a secret in
/// it.
fn address_run(
    base: &Value,
    before: &Plan,
    leaves: &[String],
    shift: usize,
    dir: &Path,
) -> Vec<String> {
    let mut v = base.clone();
    for (i, pointer) in leaves.iter().enumerate() {
        let forms: Vec<&str> = (0..FORMS_PER_LEAF)
            .map(|k| FORMS[(i + shift + k) % FORMS.len()])
            .collect();
        let text = format!("Seen at {} today.", forms.join(", then at "));
        *v.pointer_mut(pointer).unwrap() = Value::String(text);
    }
    let (meeting, plan) = parse_pair(&v).expect("the record reads");
    let missing = meeting.missing_at_close.clone();
    let closed = close(before, &Draft::new(meeting, plan), &agenda(), &missing);
    let mut leaks = Vec::new();
    for (who, name, text) in outputs(&closed.meeting, &closed.plan, dir) {
        if who == Who::CaseFile {
            continue;
        }
        let squashed = squash(&text);
        for secret in SECRETS.iter().filter(|s| squashed.contains(*s)) {
            let at = squashed.find(secret).unwrap_or(0);
            let around = &squashed[at.saturating_sub(30)..(at + 40).min(squashed.len())];
            leaks.push(format!(
                "{secret} reaches {who:?} in {name} (shift {shift}): …{around}…"
            ));
        }
    }
    leaks
}

#[test]
fn no_part_of_a_withheld_address_in_any_form_reaches_a_circulated_output() {
    let (base, before) = with_hidden(true);
    let leaves = address_leaves(&base);
    assert!(
        leaves.len() > 100,
        "the record is filled in: {}",
        leaves.len()
    );
    // The check can fail: not withheld, the address is in what goes out.
    let (open, open_before) = with_hidden(false);
    let dir = tempfile::tempdir().unwrap();
    assert!(
        !address_run(&open, &open_before, &leaves, 0, dir.path()).is_empty(),
        "an address not withheld is circulated"
    );
    // Every leaf gets every form over the runs, each run different forms in each leaf.
    let shifts: Vec<usize> = (0..FORMS.len()).step_by(FORMS_PER_LEAF).collect();
    let leaks: Vec<String> = std::thread::scope(|scope| {
        let jobs: Vec<_> = shifts
            .chunks(shifts.len().div_ceil(2))
            .map(|chunk| {
                let (base, before, leaves) = (&base, &before, &leaves);
                scope.spawn(move || {
                    let dir = tempfile::tempdir().unwrap();
                    chunk
                        .iter()
                        .flat_map(|s| address_run(base, before, leaves, *s, dir.path()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        jobs.into_iter().flat_map(|j| j.join().unwrap()).collect()
    });
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}
