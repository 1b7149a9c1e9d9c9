//! Editing the plan between meetings: an action's text, owner and date, why the children are on
//! a plan, the contingency plan, the core group's outcomes, a member's details, the family's
//! address. PlanWritten atomically under the case's lock, so never while a meeting
//! is open on the case; the edited plan is checked before it is written.

use chrono::NaiveDate;

use crate::cases::error::{CaseError, EditError};
use crate::domain::action_history::{self, ChangeOf};
use crate::domain::id::Id;
use crate::domain::plan::{ActionStatus, Made, Origin, Outcome, Plan, WhyOnPlan};
use crate::domain::privacy::Privacy;
use crate::domain::validate::{Severity, validate};
use crate::store::CaseFolder;
use crate::store::fingerprint::Fingerprint;
use crate::store::lock::Lock;
use crate::store::plan_write::{
    OnConflict, PlanRefused, PlanWrite, PlanWritten, WriteError, write_plan,
};

#[derive(Clone, Debug, PartialEq)]
pub enum PlanEdit {
    /// An action changed between meetings: its text, owner, due date or status (each `None`
    /// left as it is), with who, when and why, kept in its history.
    Action {
        id: Id,
        what: Option<String>,
        owner: Option<Option<Id>>,
        due: Option<Option<NaiveDate>>,
        status: Option<ActionStatus>,
        said: Said,
    },
    Contingency(String),
    /// Why the children are on a plan as it now stands (the concerns, the danger statement, the
    /// safety goals) and who may read it.
    Why(WhyOnPlan),
    /// A core group outcome's text changed; `id: None` adds one for `child` on `date`.
    Outcome {
        id: Option<Id>,
        child: Id,
        /// The other children a new outcome is for too (an edited one keeps whom it is for).
        also_for: Vec<Id>,
        text: String,
        date: NaiveDate,
    },
    /// A member's details as they now are. The name stays: the case log may know the member by
    /// it (a member who joined through the log), and old minutes name them.
    Member(MemberDetails),
    /// Where the family lives now, and whether it is withheld.
    FamilyAddress {
        address: Option<String>,
        withhold: bool,
    },
}

/// Who changed an action between meetings, on which day, and why (the reason a new due date
/// or status needs), with who may read the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Said {
    pub date: NaiveDate,
    /// A member's id, or a name as typed.
    pub by: Option<String>,
    pub why: String,
    pub privacy: Privacy,
}

/// What can change about a member between meetings.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberDetails {
    pub id: Id,
    pub role: String,
    pub agency: String,
    pub family: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub title: Option<String>,
    pub preferred_name: Option<String>,
    pub language: Option<String>,
    pub address: Option<String>,
    pub withhold_address: bool,
}

/// Apply `edit` to `plan`; `Err` when it names what the plan does not have, or would change what
/// only a review conference may.
pub fn apply(plan: &mut Plan, edit: &PlanEdit) -> Result<String, CaseError> {
    match edit {
        PlanEdit::Action {
            id,
            what,
            owner,
            due,
            status,
            said,
        } => {
            if what.as_ref().is_some_and(|w| w.trim().is_empty()) {
                return Err(EditError::ActionText.into());
            }
            let a = plan
                .actions
                .iter_mut()
                .find(|a| &a.id == id)
                .ok_or_else(|| EditError::NoAction(id.clone()))?;
            let before = a.clone();
            if let Some(what) = what {
                a.what = what.trim().to_string();
            }
            if let Some(owner) = owner {
                a.owner = owner.clone();
            }
            if let Some(due) = due {
                a.due = *due;
            }
            if let Some(status) = status {
                a.status = *status;
            }
            let how = ChangeOf {
                date: said.date,
                by: said.by.clone(),
                why: said.why.clone(),
                privacy: said.privacy.clone(),
                made: Made::BetweenMeetings,
            };
            if !action_history::record(&before, a, how)? {
                return Ok(format!("action {id}: nothing changed"));
            }
            let entry = a.history.last().cloned();
            let words = entry.map(|h| action_history::describe(&h, plan));
            Ok(format!(
                "action {id} changed: {}",
                words.unwrap_or_default()
            ))
        }
        PlanEdit::Contingency(text) => {
            plan.contingency_plan = text.trim().to_string();
            Ok("the contingency plan changed".into())
        }
        PlanEdit::Why(why) => {
            let why = WhyOnPlan {
                concerns: why.concerns.trim().to_string(),
                danger_statement: why.danger_statement.trim().to_string(),
                safety_goals: why.safety_goals.trim().to_string(),
                privacy: why.privacy.clone(),
            };
            if plan.why == why {
                return Ok("why the children are on a plan: nothing changed".into());
            }
            plan.why = why;
            Ok("why the children are on a plan changed".into())
        }
        PlanEdit::Outcome {
            id,
            child,
            also_for,
            text,
            date,
        } => {
            if text.trim().is_empty() {
                return Err(EditError::OutcomeText.into());
            }
            match id {
                Some(id) => {
                    let o = plan
                        .outcomes
                        .iter_mut()
                        .find(|o| &o.id == id)
                        .ok_or_else(|| EditError::NoOutcome(id.clone()))?;
                    if o.origin == Origin::Conference {
                        return Err(EditError::ConferenceOutcome(id.clone()).into());
                    }
                    o.text = text.trim().to_string();
                    Ok(format!("outcome {id} changed"))
                }
                None => {
                    let id = new_outcome_id(plan);
                    plan.outcomes.push(Outcome {
                        id: id.clone(),
                        child: child.clone(),
                        text: text.trim().to_string(),
                        origin: Origin::CoreGroup,
                        also_for: also_for.iter().filter(|c| *c != child).cloned().collect(),
                        added: Some(*date),
                    });
                    Ok(format!("outcome {id} added"))
                }
            }
        }
        PlanEdit::Member(d) => {
            let role = d.role.trim();
            if role.is_empty() {
                return Err(EditError::MemberRole.into());
            }
            let m = plan
                .members
                .iter_mut()
                .find(|m| m.id == d.id)
                .ok_or_else(|| EditError::NoMember(d.id.clone()))?;
            m.role = role.to_string();
            m.agency = d.agency.trim().to_string();
            m.family = d.family;
            m.email = given(&d.email);
            m.phone = given(&d.phone);
            m.title = given(&d.title);
            m.preferred_name = given(&d.preferred_name);
            m.language = given(&d.language);
            m.address = given(&d.address);
            m.withhold_address = d.withhold_address;
            Ok(format!("{}'s details changed", m.name))
        }
        PlanEdit::FamilyAddress { address, withhold } => {
            plan.case.family_address = given(address);
            plan.case.withhold_family_address = *withhold;
            Ok(match (&plan.case.family_address, withhold) {
                (None, _) => "the family's address removed".into(),
                (Some(_), true) => "the family's address changed, and withheld".into(),
                (Some(_), false) => "the family's address changed".into(),
            })
        }
    }
}

/// Text as typed, `None` when nothing was.
fn given(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
}

/// "cg1", "cg2" …, the first not taken.
fn new_outcome_id(plan: &Plan) -> Id {
    (1..)
        .map(|n| format!("cg{n}"))
        .find(|id| plan.outcomes.iter().all(|o| &o.id != id))
        .unwrap_or_default()
}

/// The plan a form opened on, and which bytes of `plan.yaml` it was read from: a save writes
/// only what the user changed from it.
#[derive(Clone, Debug)]
pub struct Basis {
    pub plan: Plan,
    pub read: Fingerprint,
}

/// The case's plan as it is now, for a form to open on.
pub fn basis(case: &CaseFolder) -> Result<Basis, CaseError> {
    let (plan, source) = case.open_plan()?;
    Ok(Basis {
        plan,
        read: source.print,
    })
}

/// Edit the case's `plan.yaml`: what `edit` changes from the plan the form opened on (`basis`)
/// is applied to the plan as it is now, so a change made since (by hand, on another screen) to
/// another field stays; one made to the same field refuses the save. Refused too while a
/// meeting holds the case (its close would write over the edit), and when the edited plan would
/// not pass `check`.
pub fn edit_plan(case: &CaseFolder, basis: &Basis, edit: &PlanEdit) -> Result<String, CaseError> {
    let (lock, _) = Lock::acquire(case).map_err(EditError::Locked)?;
    // The plan as the case log leaves it, so a member who joined since can own an action; the
    // log applies idempotently, so writing its members into plan.yaml changes nothing twice.
    let log = crate::store::case_log::load(case)?;
    let base = crate::domain::case_log::current_plan(&basis.plan, &log);
    let mut plan = base.clone();
    let said = apply(&mut plan, edit)?;
    let written = write_plan(
        case,
        &lock,
        PlanWrite {
            base: &base,
            read: Some(basis.read),
            ours: &plan,
            text: None,
            staged: None,
            on_conflict: OnConflict::Refuse,
            check: Some(&errors),
        },
    )
    .map_err(|e| match e {
        WriteError::Changed(paths) => EditError::ChangedSinceOpened(paths).into(),
        e => CaseError::Write(e),
    })?;
    Ok(match written {
        PlanWritten::Merged { .. } | PlanWritten::Kept { .. } => {
            format!("{said} (kept with the changes made since)")
        }
        PlanWritten::Replaced => said,
    })
}

/// Note in each action's history what was changed in `plan.yaml` by hand since the last
/// meeting left it (as the last meeting's folder keeps its plan), on `day`, so a meeting about
/// to open on the case shows it like any change made on the case screen or by `log`. PlanWritten
/// under `lock` (the meeting's), before the meeting reads the plan. The ids of the actions
/// noted; none when no meeting has been held.
pub fn note_hand_edits(
    case: &CaseFolder,
    lock: &Lock,
    day: NaiveDate,
) -> Result<Vec<Id>, CaseError> {
    let ids = case.meeting_ids()?;
    let Some(last) = ids.last() else {
        return Ok(Vec::new());
    };
    let left = case.load_meeting_plan(last)?;
    let (plan, source) = case.open_plan()?;
    let mut ours = plan.clone();
    let noted = action_history::note_hand_edits(&left, &mut ours, day);
    if noted.is_empty() {
        return Ok(noted);
    }
    write_plan(
        case,
        lock,
        PlanWrite {
            base: &plan,
            read: Some(source.print),
            ours: &ours,
            text: None,
            staged: None,
            on_conflict: OnConflict::Refuse,
            check: None,
        },
    )
    .map_err(|e| match e {
        WriteError::Changed(paths) => EditError::ChangedWhileRead(paths).into(),
        e => CaseError::Write(e),
    })?;
    Ok(noted)
}

/// The errors `check` would find in `plan`.
fn errors(plan: &Plan) -> Result<(), PlanRefused> {
    let problems: Vec<_> = validate(plan)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(PlanRefused { problems })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_member_s_details_change_but_not_their_name_and_a_role_is_needed() {
        let mut p = example::plan(d("2026-11-24"));
        let before = p.member("dad").unwrap().clone();
        let details = MemberDetails {
            id: "dad".into(),
            role: " Father ".into(),
            agency: String::new(),
            family: true,
            email: Some("  ".into()),
            phone: None,
            title: None,
            preferred_name: None,
            language: Some("Polish".into()),
            address: Some("2 New Road, Eastbrook EB1 1AA".into()),
            withhold_address: true,
        };
        apply(&mut p, &PlanEdit::Member(details.clone())).unwrap();
        let dad = p.member("dad").unwrap();
        assert_eq!(dad.name, before.name);
        assert_eq!(dad.role, "Father");
        assert_eq!(dad.email, None, "blank is none");
        assert_eq!(dad.language.as_deref(), Some("Polish"));
        assert!(dad.withhold_address);
        let e = apply(
            &mut p,
            &PlanEdit::Member(MemberDetails {
                role: " ".into(),
                ..details.clone()
            }),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("needs a role"), "{e}");
        let e = apply(
            &mut p,
            &PlanEdit::Member(MemberDetails {
                id: "nobody".into(),
                ..details
            }),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("no member \"nobody\""), "{e}");
    }

    #[test]
    fn the_family_s_address_is_set_withheld_or_removed() {
        let mut p = example::plan(d("2026-11-24"));
        let said = apply(
            &mut p,
            &PlanEdit::FamilyAddress {
                address: Some(" 9 Mill Lane, Eastbrook EB9 9ZZ ".into()),
                withhold: true,
            },
        )
        .unwrap();
        assert!(said.contains("withheld"), "{said}");
        assert_eq!(
            p.case.family_address.as_deref(),
            Some("9 Mill Lane, Eastbrook EB9 9ZZ")
        );
        apply(
            &mut p,
            &PlanEdit::FamilyAddress {
                address: None,
                withhold: false,
            },
        )
        .unwrap();
        assert_eq!(p.case.family_address, None);
    }

    #[test]
    fn a_member_who_joined_through_the_log_can_own_an_action() {
        use crate::domain::case_log::{Event, MemberJoins};
        let today = d("2026-11-24");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("case");
        crate::cases::new_case::create_case(&root, true, today).unwrap();
        let case = CaseFolder::open(&root).unwrap();
        let plan = case.load_plan().unwrap();
        let mut member = plan.members.iter().find(|m| !m.family).unwrap().clone();
        member.id = "fsw".into();
        member.name = "Priya Shah".into();
        member.role = "Family support worker".into();
        member.email = None;
        crate::cases::log_event::log_event(
            &case,
            &plan,
            Event::MemberJoins(MemberJoins {
                date: today,
                member,
            }),
            today,
        )
        .unwrap();
        let action = plan.actions.iter().find(|a| a.status.is_open()).unwrap();
        let edit = PlanEdit::Action {
            id: action.id.clone(),
            what: Some(action.what.clone()),
            owner: Some(Some("fsw".into())),
            due: Some(action.due),
            status: None,
            said: Said {
                date: today,
                by: Some("sw".into()),
                why: String::new(),
                privacy: Privacy::default(),
            },
        };
        edit_plan(&case, &basis(&case).unwrap(), &edit).unwrap();
        let after = case.load_plan().unwrap();
        let edited = after.actions.iter().find(|a| a.id == action.id).unwrap();
        assert_eq!(edited.owner.as_deref(), Some("fsw"));
        assert_eq!(
            after.member("fsw").map(|m| m.name.as_str()),
            Some("Priya Shah")
        );
    }

    #[test]
    fn a_date_changed_by_hand_since_the_last_meeting_is_noted_in_the_action_s_history() {
        let today = d("2026-11-24");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("case");
        crate::cases::new_case::create_case(&root, true, today).unwrap();
        let case = CaseFolder::open(&root).unwrap();
        let (lock, _) = Lock::acquire(&case).unwrap();
        assert!(note_hand_edits(&case, &lock, today).unwrap().is_empty());
        // Re-dated in plan.yaml with an editor: no history, no reason.
        let text = std::fs::read_to_string(case.plan_path()).unwrap();
        let plan = case.load_plan().unwrap();
        let a = plan.actions.iter().find(|a| a.status.is_open()).unwrap();
        let due = a.due.unwrap().format("%Y-%m-%d").to_string();
        let at = text.find(&format!("id: {}\n", a.id)).unwrap();
        let from = at + text[at..].find(&format!("due: {due}")).unwrap();
        let mut edited = text.clone();
        edited.replace_range(from..from + 5 + due.len(), "due: 2027-01-29");
        std::fs::write(case.plan_path(), edited).unwrap();
        assert_eq!(
            note_hand_edits(&case, &lock, today).unwrap(),
            vec![a.id.clone()]
        );
        let after = case.load_plan().unwrap();
        let h = after.action(&a.id).unwrap().history.last().unwrap().clone();
        assert_eq!(h.made, Made::ByHand);
        assert_eq!(
            h.changed,
            [crate::domain::plan::ActionPart::Due {
                was: a.due,
                now: Some(d("2027-01-29"))
            }]
        );
        // Seen once.
        assert!(note_hand_edits(&case, &lock, today).unwrap().is_empty());
    }

    #[test]
    fn a_conference_outcome_is_refused_and_a_core_group_one_is_added() {
        let mut plan = example::plan(d("2026-11-24"));
        let conf = plan
            .outcomes
            .iter()
            .find(|o| o.origin == Origin::Conference)
            .unwrap()
            .clone();
        let edit = PlanEdit::Outcome {
            id: Some(conf.id.clone()),
            child: conf.child.clone(),
            also_for: Vec::new(),
            text: "Something else".into(),
            date: d("2026-11-24"),
        };
        let err = apply(&mut plan, &edit).unwrap_err().to_string();
        assert!(err.contains("review conference"), "{err}");
        let before = plan.outcomes.len();
        let add = PlanEdit::Outcome {
            id: None,
            child: conf.child.clone(),
            also_for: Vec::new(),
            text: "Attends nursery every day".into(),
            date: d("2026-11-24"),
        };
        apply(&mut plan, &add).unwrap();
        assert_eq!(plan.outcomes.len(), before + 1);
        let o = plan.outcomes.last().unwrap();
        assert_eq!(o.origin, Origin::CoreGroup);
        assert_eq!(o.added, Some(d("2026-11-24")));
    }
}
