//! A second core group meeting on the example case, closed with a bit of everything: reviews,
//! new and changed actions, a core group outcome, confidential items, disagreements.

#![allow(dead_code)]

pub mod html_check;
pub mod pdf_text;

use chrono::{Days, NaiveDate, NaiveTime};
use coregroup::agenda::builtin;
use coregroup::domain::agenda::Agenda;
use coregroup::domain::close::{Closed, close};
use coregroup::domain::disagreements::Route;
use coregroup::domain::meeting::*;
use coregroup::domain::plan::{Action, ActionStatus, Origin, Outcome, Plan};
use coregroup::domain::privacy::Privacy;

pub fn agenda() -> Agenda {
    coregroup::store::yaml::parse_str(
        builtin("core-group").unwrap(),
        std::path::Path::new("core-group.yaml"),
    )
    .unwrap()
}

pub fn second_meeting(before: &Plan, today: NaiveDate) -> (Closed, Agenda) {
    let agenda = agenda();
    let meeting = Meeting::new(
        today.format("%Y-%m-%d").to_string(),
        "core-group".into(),
        today,
        before,
    );
    let mut meeting = meeting;
    for a in &mut meeting.attendance {
        a.presence = Some(Presence::Present);
    }
    let mut d = Draft::new(meeting, before.clone());
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
    let changes = vec![
        Change::Guest(Guest {
            id: "g1".into(),
            name: "Rachel Ives".into(),
            role: "Business support (minutes)".into(),
            agency: "Eastbrook Children's Services".into(),
            here_as: String::new(),
            for_whom: None,
            joins: false,
            privacy: Default::default(),
        }),
        Change::Guest(Guest {
            id: "g2".into(),
            name: "Siân Llŷr Pritchard".into(),
            role: "Advocate".into(),
            agency: "Eastbrook Advocacy".into(),
            here_as: "advocate".into(),
            for_whom: Some("mum".into()),
            joins: false,
            privacy: Default::default(),
        }),
        Change::Details(Details {
            venue_privacy: Default::default(),
            exclusions_privacy: Default::default(),
            date: Some(today),
            time: t(14, 0),
            venue: "Millbrook Family Centre, Room 2".into(),
            chair: Some("school".into()),
            minute_taker: Some("g1".into()),
            minute_taker_name: String::new(),
            exclusions: String::new(),
            end_time: None,
        }),
        Change::Attendance(Attendance {
            privacy: Default::default(),
            member: "dad".into(),
            presence: Some(Presence::Apologies),
            substitute: String::new(),
            written_update: true,
            written_update_summary: "Mr Walsh has an assessment date with the perpetrator \
                programme on 2 December."
                .into(),
        }),
        Change::Attendance(Attendance {
            privacy: Default::default(),
            member: "gp".into(),
            presence: Some(Presence::Apologies),
            substitute: String::new(),
            written_update: false,
            written_update_summary: String::new(),
        }),
        Change::Attendance(Attendance {
            privacy: Default::default(),
            member: "police".into(),
            presence: Some(Presence::Present),
            substitute: "DC Priya Nair".into(),
            written_update: false,
            written_update_summary: String::new(),
        }),
        Change::PreviousRecord(PreviousRecord {
            privacy: Default::default(),
            accuracy: Some(Accuracy::Confirmed),
            amendments: String::new(),
        }),
        Change::ActionReview(ActionReview {
            privacy: Default::default(),
            action: "a1".into(),
            status: ActionStatus::Achieved,
            note: "Kayla has been walked to school every day.".into(),
        }),
        Change::ActionReview(ActionReview {
            privacy: Default::default(),
            action: "a6".into(),
            status: ActionStatus::Achieved,
            note: "Review done; Alfie's speech is a little behind.".into(),
        }),
        Change::ActionReview(ActionReview {
            privacy: Default::default(),
            action: "a9".into(),
            status: ActionStatus::NotAchieved,
            note: "The grant was refused; a charity application is being made instead.".into(),
        }),
        Change::Contribution(Contribution {
            id: "c1".into(),
            member: "mum".into(),
            text: "I am going to every appointment now.\nNan has been a big help with Alfie."
                .into(),
            tag: None,
            outcomes: Vec::new(),
            privacy: Default::default(),
        }),
        Change::Contribution(Contribution {
            id: "c2".into(),
            member: "school".into(),
            text: "Attendance is 96% | late once *this* term; <b>no</b> concerns in class.".into(),
            tag: Some(Tag::Fact),
            outcomes: Vec::new(),
            privacy: Default::default(),
        }),
        Change::Contribution(Contribution {
            id: "c3".into(),
            member: "police".into(),
            text: "One call-out to Mr Walsh's address on 8 November; no children present.".into(),
            tag: Some(Tag::Fact),
            outcomes: Vec::new(),
            privacy: Privacy::marked(true),
        }),
        Change::Contribution(Contribution {
            id: "c4".into(),
            member: "recovery".into(),
            text: "Ms Brennan has kept 5 of 6 sessions and her tests are clear.".into(),
            tag: Some(Tag::Observation),
            outcomes: Vec::new(),
            privacy: Default::default(),
        }),
        Change::OutcomeProgress(OutcomeProgress {
            privacy: Default::default(),
            outcome: "o1".into(),
            score: Some(7),
            note: "Attendance now good.".into(),
        }),
        Change::OutcomeProgress(OutcomeProgress {
            privacy: Default::default(),
            outcome: "o2".into(),
            score: Some(5),
            note: "No incidents at home since the last meeting.".into(),
        }),
        Change::OutcomeProgress(OutcomeProgress {
            privacy: Default::default(),
            outcome: "o5".into(),
            score: Some(6),
            note: String::new(),
        }),
        Change::ChildViews(ChildViews {
            child: Some("alfie".into()),
            wishes_and_feelings: "Alfie was settled and played happily with Nan throughout the \
                visit."
                .into(),
            feels_safe: None,
            daily_life_improved: Some(Answer::Partly),
            how_gathered: "Observed at home by the health visitor; Alfie is two.".into(),
            privacy: Default::default(),
        }),
        Change::ChildViews(ChildViews {
            child: Some("kayla".into()),
            privacy: Default::default(),
            wishes_and_feelings: "Kayla said home is \"less shouty\" and she wants Nan to keep \
                staying over."
                .into(),
            feels_safe: Some(Answer::Yes),
            daily_life_improved: Some(Answer::Yes),
            how_gathered: "Seen alone at school by the social worker on 18 November.".into(),
        }),
        Change::FamilyViews(FamilyViews {
            privacy: Default::default(),
            views: "Ms Brennan feels the plan is helping and wants it to end at the review.".into(),
            not_accepted: String::new(),
        }),
        Change::Circumstance(Circumstance {
            id: "x1".into(),
            kind: CircumstanceKind::FrequentVisitor,
            detail: "Ms Brennan's new partner, Jason Hale, visits most weekends.".into(),
            tell_conference_chair: true,
            privacy: Default::default(),
        }),
        Change::Circumstance(Circumstance {
            id: "x2".into(),
            kind: CircumstanceKind::LegalStatus,
            detail: "A non-molestation order against Mr Walsh was granted on 12 November.".into(),
            tell_conference_chair: true,
            privacy: Privacy::marked(true),
        }),
        Change::Outcome(Outcome {
            id: "o6".into(),
            child: "alfie".into(),
            text: "Alfie's speech and language needs are understood and met.".into(),
            origin: Origin::CoreGroup,
            also_for: Vec::new(),
            added: None,
        }),
        Change::Action(Action {
            privacy: Default::default(),
            id: "a13".into(),
            outcome: "o6".into(),
            owner: Some("hv".into()),
            what: "Refer Alfie to speech and language therapy.".into(),
            due: today.checked_add_days(Days::new(14)),
            status: ActionStatus::NotStarted,
            history: Vec::new(),
        }),
        Change::Disagreement(Disagreement {
            id: "d1".into(),
            who: "Shauna Brennan".into(),
            about: "Whether Mr Walsh may collect Kayla from school.".into(),
            reasons: "Ms Brennan says he has changed; the group wants his assessment first.".into(),
            route: Route::CoreGroup,
            resolved: false,
            privacy: Default::default(),
        }),
        Change::Disagreement(Disagreement {
            id: "d2".into(),
            who: "DC Mark Fenton and Hannah Mercer".into(),
            about: "Whether the call-out of 8 November should be shared with Ms Brennan.".into(),
            reasons: "Enquiries are continuing.".into(),
            route: Route::Managers,
            resolved: false,
            privacy: Privacy::marked(true),
        }),
        Change::Escalation(Escalation {
            privacy: Default::default(),
            bring_review_forward: false,
            reason: String::new(),
            decisions: Vec::new(),
        }),
        Change::NextMeeting(NextMeeting {
            privacy: Default::default(),
            date: NaiveDate::from_ymd_opt(2027, 1, 5),
            time: t(10, 0),
            venue: "Millbrook Family Centre, Room 2".into(),
            reason_for_gap: String::new(),
            countersigned_by: String::new(),
            later: vec![
                NaiveDate::from_ymd_opt(2027, 2, 16).unwrap(),
                NaiveDate::from_ymd_opt(2027, 3, 30).unwrap(),
            ],
        }),
        Change::Note(Note {
            id: "n1".into(),
            step: "plan-revisions".into(),
            subject: String::new(),
            text: "The school will offer Kayla a place at breakfast club from January.".into(),
            privacy: Default::default(),
        }),
        Change::Note(Note {
            id: "n2".into(),
            step: "circumstances".into(),
            subject: "Police checks".into(),
            text: "Checks on Jason Hale have been requested from the police.".into(),
            privacy: Privacy::marked(true),
        }),
    ];
    for c in changes {
        d.apply(c).unwrap();
    }
    let mut a2 = before.action("a2").unwrap().clone();
    a2.due = NaiveDate::from_ymd_opt(2027, 1, 5);
    d.apply(Change::Action(a2)).unwrap();
    let missing = vec!["Dr Aisha Rahman sent apologies without a written update".to_string()];
    (close(before, &d, &agenda, &missing), agenda)
}
