//! Privacy on the meeting screen, as a minute-taker meets it: the note form's title says what
//! it saves, and every text of an item can be ticked (and keeps its tick when edited). Each
//! test closes the meeting and reads the family's copies.

use super::Harness;
use crate::domain::agenda::StepKind;
use crate::export::Rendered;

/// Every family document of a closed meeting: the shared copy and plan, each member's own.
fn family_text(docs: &[Rendered]) -> String {
    docs.iter()
        .filter(|d| {
            d.name.starts_with("minutes-family")
                || d.name.starts_with("plan.")
                || crate::export::is_own_document(&d.name)
        })
        .map(|d| d.text.as_str())
        .collect()
}

fn minutes(docs: &[Rendered]) -> &str {
    &docs
        .iter()
        .find(|d| d.name == "minutes.md")
        .expect("the minutes")
        .text
}

/// `+` on a notes step opened a form titled "Confidential note" and saved an ordinary note,
/// which went to both parents.
#[test]
fn a_note_form_saves_what_its_title_says() {
    let mut h = Harness::with_agenda(super::snapshots::full_agenda());
    h.goto(StepKind::Notes);
    h.press("+");
    let title = h.screen(80, 24);
    h.type_text("Police information about a visitor.");
    h.press("f2");
    let n = h.model.draft.meeting.notes.last().expect("a note");
    assert_eq!(
        title.contains("Confidential note"),
        n.privacy.confidential,
        "{title}"
    );
    // Ticked on the form, it is confidential, and the title says so before it is saved.
    h.press("+");
    h.type_text("Police information about the father.");
    h.press("ctrl-p c enter");
    assert!(h.screen(80, 24).contains("Confidential note"));
    h.press("f2");
    // The capture chord's note starts confidential, and is titled so.
    h.goto(StepKind::ChildViews);
    h.press("ctrl-n");
    assert!(h.screen(80, 24).contains("Confidential note"));
    h.type_text("Police information from the capture chord.");
    h.press("f2");
    let (_, docs) = h.close_and_render();
    let family = family_text(&docs);
    assert!(!family.contains("about the father") && !family.contains("capture chord"));
    assert!(minutes(&docs).contains("about the father"));
}

/// The action form's Note could not be ticked at all (`ctrl-p` refused).
#[test]
fn an_action_s_note_can_be_kept_from_the_family() {
    let mut h = Harness::new();
    h.goto(StepKind::PlanRevisions);
    h.press("ctrl-a");
    h.type_text("Refer to the refuge's outreach service.");
    h.focus_on("note");
    h.type_text("Agreed because of the police disclosure.");
    h.press("ctrl-p c enter");
    assert!(
        h.status_text().contains("confidential"),
        "{}",
        h.status_text()
    );
    h.press("f2");
    assert!(
        h.model.overlay.is_none(),
        "{:?}",
        h.model.overlay.as_ref().map(|o| &o.error)
    );
    let (_, docs) = h.close_and_render();
    assert!(!family_text(&docs).contains("police disclosure"));
    assert!(family_text(&docs).contains("outreach service"));
}

/// A written update from an absent agency could not be ticked, and editing it dropped a tick.
#[test]
fn a_written_update_keeps_its_tick_when_edited() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    let gp = h
        .model
        .draft
        .meeting
        .attendance
        .iter()
        .position(|a| a.member == "gp")
        .expect("the GP");
    h.press(&"down ".repeat(gp));
    h.focus_on("summary");
    h.type_text("Missed immunisations; concern about the father's visits.");
    h.press("ctrl-p c enter");
    h.press("tab");
    h.focus_on("summary");
    h.type_text(" Seen on 3 November.");
    h.press("tab");
    let a = &h.model.draft.meeting.attendance[gp];
    assert!(a.privacy.confidential, "{a:?}");
    let (_, docs) = h.close_and_render();
    assert!(!family_text(&docs).contains("father's visits"));
}

/// A score's reason could not be ticked.
#[test]
fn a_score_s_reason_can_be_kept_from_the_father() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("why");
    h.type_text("Mum fears the father will find the new school.");
    h.press("ctrl-p 2 enter");
    h.press("tab");
    let p = h
        .model
        .draft
        .meeting
        .outcome_progress
        .first()
        .expect("a score");
    assert_eq!(p.privacy.not_for, ["dad"]);
    let (_, docs) = h.close_and_render();
    let dad = docs
        .iter()
        .find(|d| d.name == "minutes-family-dad.md")
        .expect("the father's own copy");
    assert!(!dad.text.contains("new school"));
    let mum = docs
        .iter()
        .find(|d| d.name == "minutes-family-mum.md")
        .expect("the mother's own copy");
    assert!(mum.text.contains("new school"));
}

/// A review's note ticked confidential was printed again in "Changes to the plan".
#[test]
fn a_confidential_review_note_is_not_repeated_in_the_changes_to_the_plan() {
    let mut h = Harness::new();
    h.goto(StepKind::PreviousRecord);
    h.focus_on("status");
    h.press("right right right");
    h.press("tab");
    h.type_text("Police say the injunction was served.");
    h.press("ctrl-p c enter");
    h.press("tab");
    let (closed, docs) = h.close_and_render();
    assert!(!closed.meeting.plan_changes.is_empty());
    assert!(!family_text(&docs).contains("injunction"));
    assert!(minutes(&docs).contains("injunction"));
}

/// A guest here as one of the family, who joins, is a family member of the plan: sent the
/// family's copy, never the professionals'.
#[test]
fn a_family_guest_who_joins_is_one_of_the_family() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    h.press("+");
    h.type_text("Rita Brennan");
    h.focus_on("role");
    let family = h
        .model
        .overlay
        .as_ref()
        .and_then(|o| o.form.get("role"))
        .and_then(|f| match &f.kind {
            crate::tui::widgets::field::FieldKind::Choice(c) => {
                c.options.iter().position(|o| o == "family member")
            }
            _ => None,
        })
        .expect("family member is a choice");
    h.press(&"right ".repeat(family));
    h.focus_on("joins");
    h.press("space");
    h.press("f2");
    let g = h.model.draft.meeting.guests.last().expect("the guest");
    assert_eq!(g.here_as, "family member", "{g:?}");
    let id = g.id.clone();
    let (closed, _) = h.close_and_render();
    assert!(closed.plan.member(&id).is_some_and(|m| m.family));
}

/// Text fields that hold no item's text on purpose, with why.
const NOT_AN_ITEM: &[(&str, &str)] = &[(
    "text",
    "a core group outcome's wording: the plan's outcomes are never kept from the family",
)];

/// Text fields of the plan itself, on a step, that are never kept from anyone: (field, why).
const PLAN_TEXT: &[(&str, &str)] = &[(
    "contingency",
    "the contingency plan is part of the plan, which every member of the family is given",
)];

/// Text fields that are part of the item another field of their form holds the text of, so
/// `ctrl-p` on them ticks that item: (field, the field holding the item's privacy).
const SAME_ITEM: &[(&str, &str)] = &[
    ("substitute", "summary"),
    ("reason", "venue"),
    ("countersigned", "venue"),
    // Dates only, read as dates: the next meeting's item, whose date is no one's secret either.
    ("later", "venue"),
    ("who", "about"),
    ("reasons", "about"),
    ("subject", "text"),
    ("other_role", "name"),
    ("agency", "name"),
    ("how", "wishes"),
    ("not_accepted", "views"),
];

/// The text fields of a form that `ctrl-p` cannot tick as their own item.
fn untickable(form: &crate::tui::widgets::forms::Form, outcome_form: bool) -> Vec<String> {
    let holds = |id: &str| {
        form.fields
            .iter()
            .any(|f| f.id == id && f.privacy.is_some())
    };
    form.fields
        .iter()
        .filter(|f| matches!(f.kind, crate::tui::widgets::field::FieldKind::Text(_)))
        .filter(|f| f.privacy.is_none())
        .filter(|f| {
            !SAME_ITEM
                .iter()
                .any(|(id, holder)| *id == f.id && holds(holder))
        })
        .filter(|f| !(outcome_form && NOT_AN_ITEM.iter().any(|(id, _)| *id == f.id)))
        .filter(|f| !PLAN_TEXT.iter().any(|(id, _)| *id == f.id))
        .map(|f| f.id.to_string())
        .collect()
}

/// Every text typed on the meeting screen, on every step and in every form over it, belongs
/// to an item `ctrl-p` can tick.
#[test]
fn every_text_on_every_form_can_be_ticked() {
    let mut h = Harness::with_agenda(super::snapshots::full_agenda());
    let kinds: Vec<StepKind> = h.model.agenda.steps.iter().map(|s| s.kind).collect();
    let mut missing = Vec::new();
    for kind in kinds {
        h.goto(kind);
        for f in untickable(&h.model.form, false) {
            missing.push(format!("{kind:?}: {f}"));
        }
    }
    h.goto(StepKind::Attendance);
    for keys in ["ctrl-a", "ctrl-d", "ctrl-g", "ctrl-n", "+"] {
        h.press(keys);
        let o = h.model.overlay.as_ref().expect("a form opens");
        for f in untickable(&o.form, false) {
            missing.push(format!("{keys} ({}): {f}", o.title()));
        }
        h.press("esc");
        if h.model.confirm.is_some() {
            h.press("y");
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
