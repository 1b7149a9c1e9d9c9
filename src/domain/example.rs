//! The built-in fictional example case: two siblings, a core group across agencies, five
//! conference outcomes and a past meeting. Every name, place and reference is invented.
//!
//! Dates are laid out relative to a given day, so the example always looks like a live case
//! (the next core group falls due within days of it) and tests can fix the day.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};

use super::calendar::Division;
use super::meeting::*;
use super::plan::*;
use super::privacy::Privacy;

/// The nearest weekday on or before `d`, so example meetings never fall at a weekend.
fn weekday(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d - Days::new(1),
        Weekday::Sun => d - Days::new(2),
        _ => d,
    }
}

fn before(today: NaiveDate, days: u64) -> NaiveDate {
    weekday(today - Days::new(days))
}

fn after(today: NaiveDate, days: u64) -> NaiveDate {
    weekday(today + Days::new(days))
}

/// The dates the example case is built on.
pub struct ExampleDates {
    pub strategy_discussion: NaiveDate,
    pub initial_conference: NaiveDate,
    pub first_core_group: NaiveDate,
}

pub fn dates(today: NaiveDate) -> ExampleDates {
    let initial_conference = before(today, 52);
    ExampleDates {
        strategy_discussion: before(initial_conference, 16),
        initial_conference,
        first_core_group: before(today, 40),
    }
}

fn member(id: &str, name: &str, role: &str, agency: &str) -> Member {
    Member {
        privacy: Default::default(),
        id: id.into(),
        name: name.into(),
        role: role.into(),
        agency: agency.into(),
        family: false,
        email: Some(format!("{id}@example.org.uk")),
        // The lead worker's direct line, in Ofcom's range kept for drama.
        phone: (id == "sw").then(|| "01632 960123".to_string()),
        title: None,
        preferred_name: None,
        language: None,
        address: None,
        withhold_address: false,
        joined: None,
        left: None,
    }
}

fn outcome(id: &str, child: &str, text: &str) -> Outcome {
    Outcome {
        id: id.into(),
        child: child.into(),
        text: text.into(),
        origin: Origin::Conference,
        also_for: Vec::new(),
        added: None,
    }
}

fn action(id: &str, outcome: &str, owner: &str, what: &str, due: NaiveDate) -> Action {
    Action {
        privacy: Default::default(),
        id: id.into(),
        outcome: outcome.into(),
        owner: Some(owner.into()),
        what: what.into(),
        due: Some(due),
        status: ActionStatus::NotStarted,
        history: Vec::new(),
    }
}

/// The example plan as it stands after its first core group.
pub fn plan(today: NaiveDate) -> Plan {
    let d = dates(today);
    let icpc = d.initial_conference;
    let cg1 = d.first_core_group;

    let mut mum = member("mum", "Shauna Brennan", "Mother", "");
    mum.family = true;
    mum.email = None;
    mum.address = Some("Flat 3, 12 Larkspur Court, Eastbrook EB4 2QT".into());
    mum.withhold_address = true;
    mum.title = Some("Ms".into());
    let mut dad = member("dad", "Dean Walsh", "Father", "");
    dad.family = true;
    dad.email = Some("dean.walsh@example.com".into());
    dad.address = Some("27 Foundry Lane, Eastbrook EB1 7LD".into());
    dad.title = Some("Mr".into());
    let mut nan = member("nan", "Maureen Brennan", "Maternal grandmother", "");
    nan.family = true;
    nan.email = None;
    nan.language = Some("English".into());
    nan.preferred_name = Some("Maureen".into());
    nan.address = Some("4 Orchard Row, Eastbrook EB2 5HN".into());

    let members = vec![
        member(
            "sw",
            "Hannah Mercer",
            "Lead social worker",
            "Eastbrook Children's Services",
        ),
        mum,
        dad,
        nan,
        member(
            "school",
            "Tom Ridley",
            "Designated safeguarding lead",
            "Millbrook Primary School",
        ),
        member(
            "hv",
            "Gemma Lowe",
            "Health visitor",
            "Eastbrook Community Health",
        ),
        member("gp", "Dr Aisha Rahman", "GP", "Riverside Surgery"),
        member(
            "police",
            "DC Mark Fenton",
            "Public protection officer",
            "Eastbrook Police",
        ),
        member(
            "recovery",
            "Lewis Carter",
            "Recovery worker",
            "Pathways Substance Misuse Service",
        ),
    ];

    let outcomes = vec![
        outcome(
            "o1",
            "kayla",
            "Kayla goes to school every day, on time, clean and with what she needs.",
        ),
        outcome(
            "o2",
            "kayla",
            "Kayla no longer sees or hears arguments and violence between the adults at home.",
        ),
        outcome(
            "o3",
            "alfie",
            "Alfie's health needs are met: appointments kept, immunisations up to date, development checked.",
        ),
        outcome(
            "o4",
            "alfie",
            "Alfie lives in a home that is clean, warm and safe for a toddler.",
        ),
        outcome(
            "o5",
            "alfie",
            "Alfie and Kayla are always cared for by a sober adult.",
        ),
    ];

    let mut actions = vec![
        action(
            "a1",
            "o1",
            "mum",
            "Walk Kayla to school each morning and collect her at 3.15pm.",
            after(cg1, 14),
        ),
        action(
            "a2",
            "o1",
            "school",
            "Phone Ms Brennan by 9.30am on any day Kayla is absent and tell the social worker.",
            after(cg1, 42),
        ),
        action(
            "a3",
            "o2",
            "sw",
            "Refer Ms Brennan to the Freedom programme for survivors of domestic abuse.",
            after(cg1, 7),
        ),
        action(
            "a4",
            "o2",
            "police",
            "Share any call-outs to either parent's address with the social worker within one working day.",
            after(cg1, 42),
        ),
        action(
            "a5",
            "o2",
            "dad",
            "Take part in a perpetrator programme assessment.",
            after(cg1, 28),
        ),
        action(
            "a6",
            "o3",
            "hv",
            "Complete Alfie's two-year development review at home.",
            after(cg1, 21),
        ),
        action(
            "a7",
            "o3",
            "gp",
            "Offer Alfie's missed immunisations and tell the health visitor whether they were given.",
            after(cg1, 28),
        ),
        action(
            "a8",
            "o3",
            "mum",
            "Take Alfie to every health appointment, with support from Maureen.",
            after(cg1, 42),
        ),
        action(
            "a9",
            "o4",
            "sw",
            "Apply for a grant for a stair gate, a fireguard and a cot bed.",
            after(cg1, 10),
        ),
        action(
            "a10",
            "o4",
            "hv",
            "Visit with the home conditions checklist every two weeks.",
            after(cg1, 42),
        ),
        action(
            "a11",
            "o5",
            "recovery",
            "Offer Ms Brennan weekly key-work sessions and a prescribing assessment.",
            after(cg1, 14),
        ),
        action(
            "a12",
            "o5",
            "nan",
            "Be the named sober adult on any evening Ms Brennan cannot be.",
            after(cg1, 42),
        ),
    ];
    actions[2].status = ActionStatus::Achieved;
    actions[2].history.push(ActionUpdate {
        privacy: Default::default(),
        date: after(cg1, 5),
        status: ActionStatus::Achieved,
        by: None,
        changed: Vec::new(),
        made: Default::default(),
        note: "Referral made and accepted; first session booked.".into(),
    });
    for i in [0, 5, 10] {
        actions[i].status = ActionStatus::InProgress;
        actions[i].history.push(ActionUpdate {
            privacy: Default::default(),
            date: cg1,
            status: ActionStatus::InProgress,
            by: None,
            changed: Vec::new(),
            made: Default::default(),
            note: "Started before the first core group.".into(),
        });
    }

    Plan {
        format: Default::default(),
        case: CaseInfo {
            reference: "EB-CP-2026-0417".into(),
            local_authority: "Eastbrook Borough Council".into(),
            division: Division::EnglandAndWales,
            agenda: default_agenda(),
            lead_worker: Some("sw".into()),
            family_address: Some("Flat 3, 12 Larkspur Court, Eastbrook EB4 2QT".into()),
            withhold_family_address: true,
        },
        children: vec![
            Child {
                id: "kayla".into(),
                name: "Kayla Brennan".into(),
                date_of_birth: NaiveDate::from_ymd_opt(today.year() - 9, 3, 14),
                expected_date_of_birth: None,
                categories: vec![Category::Neglect, Category::Emotional],
                plan_started: icpc,
            },
            Child {
                id: "alfie".into(),
                name: "Alfie Walsh".into(),
                date_of_birth: NaiveDate::from_ymd_opt(today.year() - 2, 6, 2),
                expected_date_of_birth: None,
                categories: vec![Category::Neglect],
                plan_started: icpc,
            },
        ],
        members,
        outcomes,
        actions,
        key_dates: KeyDates {
            strategy_discussion: Some(d.strategy_discussion),
            initial_conference: Some(icpc),
            review_conferences: Vec::new(),
            next_review_conference: None,
            core_groups: vec![CoreGroupHeld {
                date: cg1,
                // Closed, not yet circulated: the first `circulate` on the example issues
                // them, as a business-support officer would, with no reason to give.
                minutes_circulated: None,
                agreements_returned: None,
                chair: Some("Hannah Mercer".into()),
                minute_taker: None,
                events_shown: Vec::new(),
            }],
            // As the close of that meeting wrote it: the day it agreed for the next.
            next_core_group: Some(after(cg1, 42)),
            core_assessment_completed: None,
            visits: vec![
                // Kayla seen alone; Alfie, at two, seen with his mother.
                KeyVisit {
                    date: before(today, 30),
                    seen_alone: false,
                    children: Vec::new(),
                    by: None,
                    each: vec![
                        ChildSeen::seen("kayla", true),
                        ChildSeen {
                            why_not: Some(WhyNot::TooYoung),
                            ..ChildSeen::seen("alfie", false)
                        },
                    ],
                },
                KeyVisit {
                    date: before(today, 12),
                    seen_alone: false,
                    children: Vec::new(),
                    by: None,
                    each: Vec::new(),
                },
            ],
            resolution_requested: None,
            tier1_meeting: None,
            tier2_meeting: None,
        },
        contingency_plan: "If the children are left without a sober adult again, or there is \
            another incident of violence in their presence, a legal planning meeting will be \
            held to consider proceedings."
            .into(),
        child_seen_every: None,
        why: WhyOnPlan {
            concerns: "Kayla has missed a third of her school days and has been seen at home \
                hungry and without clean clothes. Alfie has missed his immunisations and his \
                two-year check. The police were called twice in September to arguments between \
                Ms Brennan and Mr Walsh, once with both children in the flat. Ms Brennan has \
                been found drunk while caring for the children."
                .into(),
            danger_statement: "Children's services, the school and the health visitor are \
                worried that if Ms Brennan keeps drinking and the adults keep fighting in front \
                of the children, Kayla will miss more school and be hurt or scared at home, \
                and Alfie will be left without a sober adult to keep him safe and well."
                .into(),
            safety_goals: "Everyone who works with the family will be confident that the \
                children are always looked after by a sober adult, that Kayla goes to school \
                every day, that Alfie's health needs are met, and that the children no longer \
                see or hear violence at home."
                .into(),
            privacy: Default::default(),
        },
        disagreements: Vec::new(),
    }
}

/// The record of the example's first core group meeting.
pub fn past_meeting(today: NaiveDate) -> Meeting {
    let plan = plan(today);
    let d = dates(today);
    let cg1 = d.first_core_group;
    let mut m = Meeting::new(
        cg1.format("%Y-%m-%d").to_string(),
        default_agenda(),
        cg1,
        &plan,
    );
    m.details = Details {
        venue_privacy: Default::default(),
        exclusions_privacy: Default::default(),
        date: Some(cg1),
        time: NaiveTime::from_hms_opt(10, 0, 0),
        venue: "Millbrook Family Centre, Room 2".into(),
        chair: Some("sw".into()),
        minute_taker: Some("g1".into()),
        minute_taker_name: String::new(),
        exclusions: String::new(),
        end_time: None,
    };
    m.guests.push(Guest {
        id: "g1".into(),
        name: "Rachel Ives".into(),
        role: "Business support (minutes)".into(),
        agency: "Eastbrook Children's Services".into(),
        here_as: "minute-taker".into(),
        for_whom: None,
        joins: false,
        privacy: Default::default(),
    });
    for a in &mut m.attendance {
        a.presence = Some(match a.member.as_str() {
            "gp" => Presence::Apologies,
            "dad" => Presence::DidNotAttend,
            _ => Presence::Present,
        });
        if a.member == "gp" {
            a.written_update = true;
            a.written_update_summary =
                "Alfie is registered and has been offered his missed immunisations.".into();
        }
    }
    m.previous_record.accuracy = None;
    m.contributions = vec![
        Contribution {
            id: "c1".into(),
            member: "mum".into(),
            text: "Things are calmer at home. I have been walking Kayla to school every day."
                .into(),
            tag: None,
            outcomes: Vec::new(),
            privacy: Default::default(),
        },
        Contribution {
            id: "c2".into(),
            member: "school".into(),
            text: "Kayla's attendance this half term is 91%, up from 78%. She was late twice."
                .into(),
            tag: Some(Tag::Fact),
            outcomes: vec!["o1".into()],
            privacy: Default::default(),
        },
        Contribution {
            id: "c3".into(),
            member: "hv".into(),
            text: "The flat was warm and tidier at my visit; a stair gate is still needed.".into(),
            tag: Some(Tag::Observation),
            outcomes: Vec::new(),
            privacy: Default::default(),
        },
    ];
    m.outcome_progress = vec![
        OutcomeProgress {
            privacy: Default::default(),
            outcome: "o1".into(),
            score: Some(5),
            note: "Attendance improving.".into(),
        },
        OutcomeProgress {
            privacy: Default::default(),
            outcome: "o4".into(),
            score: Some(4),
            note: "Home safer, equipment still needed.".into(),
        },
    ];
    m.child_views = ChildViews {
        privacy: Default::default(),
        child: None,
        wishes_and_feelings: "Kayla said she likes it when Nan stays over and she wants to \
            keep going to after-school club."
            .into(),
        feels_safe: Some(Answer::Partly),
        daily_life_improved: Some(Answer::Yes),
        how_gathered: "Seen alone by the social worker at school the week before.".into(),
    };
    m.family_views = FamilyViews {
        privacy: Default::default(),
        views: "Ms Brennan agrees with the plan and asked for help with equipment for Alfie."
            .into(),
        not_accepted: "Ms Brennan asked for Mr Walsh to collect Kayla from school; this was not \
            agreed until his assessment is complete."
            .into(),
    };
    m.notes = vec![Note {
        id: "n1".into(),
        step: "agency-progress".into(),
        subject: "Police information".into(),
        text: "Police shared that Mr Walsh was seen near Ms Brennan's new address twice last \
            month. Not to be shared with the family while enquiries continue."
            .into(),
        privacy: Privacy::marked(true),
    }];
    m.next_meeting = NextMeeting {
        privacy: Default::default(),
        date: Some(after(cg1, 42)),
        time: NaiveTime::from_hms_opt(10, 0, 0),
        venue: "Millbrook Family Centre, Room 2".into(),
        reason_for_gap: String::new(),
        countersigned_by: String::new(),
        later: Vec::new(),
    };
    m.step_times = vec![StepTime {
        step: "agency-progress".into(),
        seconds: 1500,
    }];
    let closed_at = cg1.and_time(NaiveTime::from_hms_opt(11, 30, 0).unwrap_or_default());
    m.ended = Some(closed_at);
    // British Summer Time: an hour ahead of UTC, which the invitation's stamp is in.
    m.stamp_invitation(closed_at - chrono::Duration::hours(1));
    m
}

/// The example's council settings (`examples/council.yaml` holds the same): a fictional council,
/// its numbers in Ofcom's range kept for drama.
pub fn council() -> super::council::Council {
    super::council::Council {
        name: "Eastbrook Borough Council".into(),
        address: vec![
            "Civic Centre, Market Street".into(),
            "Eastbrook".into(),
            "EB1 1AA".into(),
        ],
        letterhead: vec![
            "Children's Services".into(),
            "Family Safeguarding Team".into(),
        ],
        letterhead_image: None,
        letterhead_picture: None,
        duty_phone: Some("01632 960100".into()),
        out_of_hours_phone: Some("01632 960999".into()),
        secure_email_note: Some(
            "Please reply only from a secure email address (for example .gov.uk or nhs.net)."
                .into(),
        ),
        marking: "OFFICIAL-SENSITIVE".into(),
        attachments: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_has_what_the_demo_needs() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let p = plan(today);
        assert_eq!(p.children.len(), 2);
        assert!(p.members.iter().filter(|m| m.family).count() >= 2);
        assert!(p.members.iter().any(|m| m.withhold_address));
        assert_eq!(
            p.outcomes
                .iter()
                .filter(|o| o.origin == Origin::Conference)
                .count(),
            5
        );
        assert_eq!(p.actions.len(), 12);
        let m = past_meeting(today);
        assert!(m.notes.iter().any(|n| n.privacy.confidential));
        for date in [
            p.key_dates.initial_conference.unwrap(),
            p.key_dates.core_groups[0].date,
            m.next_meeting.date.unwrap(),
        ] {
            assert!(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun));
        }
    }
}
