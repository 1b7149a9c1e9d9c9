//! Who was there and who said what: substitutes, guests, contributions, notes.

use super::Harness;
use crate::domain::agenda::StepKind;
use crate::export::Rendered;

fn doc<'a>(docs: &'a [Rendered], name: &str) -> &'a str {
    &docs
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .text
}

#[test]
fn a_substitute_counts_for_the_agency_and_is_named_for_what_they_said() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    // sw, mum, dad, nan, school: Tom Ridley sends apologies and Sarah Khan comes instead.
    // The mark moves on to the next row; the substitute is typed on Tom Ridley's.
    h.press("down down down down a up");
    h.focus_on("substitute");
    h.type_text("Sarah Khan");
    h.press("tab");
    let missing = h.model.missing();
    assert!(
        !missing
            .iter()
            .any(|m| m.contains("Tom Ridley sent apologies")),
        "{missing:?}"
    );
    h.goto(StepKind::AgencyProgress);
    h.press("down down down down");
    h.focus_on("update");
    h.type_text("Kayla has been on time every day this month.");
    h.press("tab");
    let (_, docs) = h.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    assert!(
        minutes.contains("**Sarah Khan, for Tom Ridley** (Designated safeguarding lead"),
        "{minutes}"
    );
    assert!(!minutes.contains("Tom Ridley sent apologies without one"));
    assert!(minutes.contains("represented by Sarah Khan"));
    let family = doc(&docs, "minutes-family.md");
    assert!(family.contains("Sarah Khan, for Tom Ridley"), "{family}");
}

#[test]
fn a_note_is_labelled_by_its_subject_not_the_step_it_was_typed_in() {
    let mut h = Harness::new();
    h.goto(StepKind::ChildViews);
    h.press("ctrl-n");
    h.type_text("Police disclosure about a visitor to the home.");
    h.press("tab");
    h.type_text("Police information");
    h.press("f2");
    let (_, docs) = h.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    assert!(
        minutes.contains("**Police information:** Police disclosure about a visitor"),
        "{minutes}"
    );
    assert!(!minutes.contains("The child's views:** Police disclosure"));
}

#[test]
fn a_guests_typed_role_is_kept_and_an_advocate_says_for_whom() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    h.press("+");
    h.type_text("Lena Roberts");
    h.press("tab right tab");
    h.type_text("Independent advocate");
    h.press("tab");
    h.type_text("Eastbrook Advocacy");
    h.press("tab");
    h.type_text("s");
    h.press("f2");
    assert!(h.model.overlay.is_none());
    let g = &h.model.draft.meeting.guests[0];
    assert_eq!(g.role, "Independent advocate");
    assert_eq!(g.here_as, "advocate");
    assert_eq!(g.for_whom.as_deref(), Some("mum"));
    let (_, docs) = h.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    assert!(
        minutes.contains(
            "| Lena Roberts | Independent advocate, for Shauna Brennan | Eastbrook Advocacy |"
        ),
        "{minutes}"
    );
}

#[test]
fn a_guest_can_own_an_action_and_join_the_core_group() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    h.press("+");
    h.type_text("Priya Shah");
    h.press("tab right right right right tab");
    h.type_text("Family support worker");
    h.press("tab");
    h.type_text("Eastbrook Family Support");
    h.press("tab tab space f2");
    assert!(h.model.overlay.is_none());
    assert!(h.model.draft.meeting.guests[0].joins);
    // An interpreter who neither joins nor owns anything stays a guest.
    h.press("+");
    h.type_text("Ola Nowak");
    h.press("tab tab tab");
    h.type_text("Polish Language Line");
    h.press("f2");
    h.press("ctrl-a");
    h.type_text("Weekly family support sessions at home.");
    h.press("tab");
    h.type_text("priya");
    h.press("tab tab");
    h.type_text("2w");
    h.press("f2");
    assert!(h.model.overlay.is_none());
    let a = h.model.draft.plan.action("a13").expect("a13");
    assert_eq!(a.owner.as_deref(), Some("g1"));
    let (closed, docs) = h.close_and_render();
    let joined = closed
        .plan
        .member("g1")
        .expect("Priya Shah is a member now");
    assert_eq!(joined.name, "Priya Shah");
    assert_eq!(joined.role, "Family support worker");
    assert!(closed.plan.member("g2").is_none());
    assert!(
        closed
            .meeting
            .plan_changes
            .iter()
            .any(|c| c.item == "g1"
                && c.change == crate::domain::meeting::ChangeKind::MemberJoined)
    );
    let errors: Vec<_> = crate::domain::validate::validate(&closed.plan)
        .into_iter()
        .filter(|p| p.severity == crate::domain::validate::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let plan_md = doc(&docs, "plan.md");
    assert!(plan_md.contains("Priya Shah"), "{plan_md}");
}

#[test]
fn a_member_says_several_things_each_with_its_own_tag_outcomes_and_confidentiality() {
    use crate::domain::meeting::Tag;
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    // Hannah Mercer: a fact about o1, then hearsay about o2, kept confidential.
    h.focus_on("update");
    h.type_text("Visited on the 24th; Kayla was at school on time.");
    h.focus_on("tag");
    h.type_text("f");
    // Enter on "Speaks to" lists the outcomes to tick: 1 ticks o1, Enter keeps.
    h.focus_on("speaks_to");
    h.press("enter 1 enter");
    h.focus_on("said");
    h.press("down");
    h.focus_on("update");
    assert_eq!(h.model.form.text("update"), "");
    h.type_text("Kayla said dad shouted at mum last week.");
    h.focus_on("tag");
    h.type_text("h");
    h.focus_on("speaks_to");
    h.press("enter 2 enter");
    // ctrl-p on what they said: confidential.
    h.focus_on("update");
    h.press("ctrl-p c enter");
    h.focus_on("people");
    // Tom Ridley: an opinion about o1.
    h.press("down down down down");
    h.focus_on("update");
    assert_eq!(h.model.form.text("update"), "");
    h.type_text("I think the mornings are settled now.");
    h.focus_on("tag");
    // "o" is observation, a second "o" opinion.
    h.type_text("oo");
    h.focus_on("speaks_to");
    h.press("enter 1 enter");
    h.press("tab");

    let said: Vec<_> = h
        .model
        .draft
        .meeting
        .contributions
        .iter()
        .map(|c| {
            (
                c.member.as_str(),
                c.tag,
                c.outcomes.clone(),
                c.privacy.confidential,
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            ("sw", Some(Tag::Fact), vec!["o1".to_string()], false),
            ("sw", Some(Tag::Hearsay), vec!["o2".to_string()], true),
            ("school", Some(Tag::Opinion), vec!["o1".to_string()], false),
        ]
    );
    let (_, docs) = h.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    let updates = minutes
        .split("### Updates from members")
        .nth(1)
        .expect("updates");
    assert!(updates.contains(
        "**Hannah Mercer** (Lead social worker, Eastbrook Children's Services), *fact* (on o1): Visited on the 24th"
    ));
    let by_outcome = updates
        .split("### Updates by outcome")
        .nth(1)
        .expect("by outcome");
    let o1 = by_outcome.split("**o2").next().unwrap_or(by_outcome);
    assert!(
        o1.contains("**Hannah Mercer**, *fact*: Visited on the 24th"),
        "{by_outcome}"
    );
    assert!(o1.contains("**Tom Ridley**, *opinion*: I think the mornings"));
    // The hearsay is confidential: in the confidential section only, never the family's copy.
    let (open, confidential) = minutes
        .split_once("CONFIDENTIAL")
        .expect("a confidential section");
    assert!(!open.contains("dad shouted"));
    assert!(confidential.contains("*hearsay* (on o2): Kayla said dad shouted"));
    assert!(!doc(&docs, "minutes-family.md").contains("dad shouted"));
}

#[test]
fn each_child_has_their_own_views_in_the_record_and_the_minutes() {
    let mut h = Harness::new();
    h.goto(StepKind::ChildViews);
    h.type_text("Kayla says home is calmer and she wants Nan to stay over.");
    h.focus_on("safe");
    h.type_text("y");
    h.focus_on("children");
    h.press("down");
    h.focus_on("wishes");
    assert_eq!(h.model.form.text("wishes"), "");
    assert!(h.screen(80, 24).contains("Alfie's wishes and feelings"));
    h.type_text("Alfie was settled and played happily with Nan.");
    h.focus_on("how");
    h.type_text("Observed at home by the health visitor.");
    h.press("tab");
    let m = &h.model.draft.meeting;
    let kayla = m.views_of("kayla").expect("Kayla's views");
    let alfie = m.views_of("alfie").expect("Alfie's views");
    assert_eq!(kayla.feels_safe, Some(crate::domain::meeting::Answer::Yes));
    assert_eq!(alfie.feels_safe, None);
    assert_eq!(
        alfie.how_gathered,
        "Observed at home by the health visitor."
    );
    assert!(
        h.model
            .missing()
            .iter()
            .all(|x| !x.contains("views of") && !x.contains("child's views"))
    );
    let (_, docs) = h.close_and_render();
    let minutes = doc(&docs, "minutes.md");
    let views = minutes
        .split("## The child's views")
        .nth(1)
        .and_then(|v| v.split("\n## ").next())
        .expect("the child's views section");
    let (k, a) = views
        .split_once("### Alfie Walsh")
        .expect("Alfie's own views");
    assert!(k.contains("### Kayla Brennan") && k.contains("Kayla says home is calmer"));
    assert!(a.contains("Alfie was settled") && a.contains("Observed at home"));
    assert!(!a.contains("Kayla says"));
    let family = doc(&docs, "minutes-family.md");
    assert!(family.contains("What Alfie said"), "{family}");
}

#[test]
fn the_privacy_key_keeps_a_child_s_own_views_and_a_guest_from_the_family() {
    let mut h = Harness::new();
    // Alfie's own views, kept confidential with ctrl-p on their text.
    h.goto(StepKind::ChildViews);
    h.focus_on("children");
    h.press("down");
    h.focus_on("wishes");
    h.type_text("Alfie cried when his dad's name came up.");
    h.press("ctrl-p c enter");
    h.press("tab");
    let alfie = h
        .model
        .draft
        .meeting
        .views_of("alfie")
        .expect("Alfie's views");
    assert!(alfie.privacy.confidential);
    // A guest kept from the family: ctrl-p on their name.
    h.goto(StepKind::Attendance);
    h.press("+");
    h.type_text("Lena Roberts");
    h.press("ctrl-p c enter");
    h.press("tab right tab");
    h.type_text("Refuge worker");
    h.press("f2");
    let g = &h.model.draft.meeting.guests[0];
    assert!(g.privacy.confidential, "{g:?}");
    assert!(h.screen(160, 48).contains("🔒"));
    let (_, docs) = h.close_and_render();
    let family = doc(&docs, "minutes-family.md");
    assert!(!family.contains("cried") && !family.contains("Lena Roberts"));
    assert!(!family.contains("Refuge"), "{family}");
    let minutes = doc(&docs, "minutes.md");
    let (open, confidential) = minutes
        .split_once("CONFIDENTIAL: not to be shared")
        .expect("a confidential section");
    assert!(!open.contains("cried") && !open.contains("Lena Roberts"));
    assert!(confidential.contains("cried") && confidential.contains("Lena Roberts"));
}
