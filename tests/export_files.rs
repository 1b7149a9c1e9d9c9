//! The invitation parses back with the right details, and a closed meeting's folder holds every
//! file, owner-only, with the case's plan updated and the plan before kept.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventLike};

use coregroup::agenda::AgendaSnapshot;
use coregroup::cases::close::write_closed;
use coregroup::cases::documents::{export_meeting, export_meeting_at};
use coregroup::cases::new_case::create_case;
use coregroup::domain::calendar::{Calendar as WorkCalendar, Division};
use coregroup::domain::example;
use coregroup::domain::plan::Plan;
use coregroup::export;
use coregroup::store::CaseFolder;
use coregroup::store::case::PLAN_BEFORE_FILE;
use coregroup::store::meeting_files::MinutesFile;

mod common;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn ics_for(m: &coregroup::domain::meeting::Meeting, plan: &Plan) -> String {
    let snap = AgendaSnapshot::of(&common::agenda());
    export::render_all(
        coregroup::export::Case::at_close(m, plan),
        &snap,
        &WorkCalendar::new(Division::EnglandAndWales),
    )
    .into_iter()
    .find(|d| d.name == export::NEXT_MEETING_ICS)
    .expect("an invitation")
    .text
}

#[test]
fn the_invitation_parses_back_with_date_time_venue_and_attendees() {
    let plan = example::plan(today());
    let mut m = example::past_meeting(today());
    m.next_meeting.venue = "Room 2; Millbrook, \"Family\" Centre\nEastbrook".into();
    let text = ics_for(&m, &plan);
    assert!(text.contains("\r\n"), "lines end with CRLF");
    let cal = Calendar::from_str(&text).unwrap();
    let event = cal.events().next().expect("an event");
    let start = NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap());
    assert_eq!(
        event.get_start(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
            date_time: start,
            tzid: "Europe/London".into()
        }))
    );
    assert_eq!(
        event.get_location(),
        Some("Room 2; Millbrook, \"Family\" Centre Eastbrook")
    );
    let mut addresses: Vec<String> = event
        .get_attendees()
        .into_iter()
        .map(|a| a.cal_address)
        .collect();
    addresses.sort();
    // The professionals only: the invitation names no one in the family. The lead worker
    // sends the request, as its organiser, and is not asked to answer it.
    let lead = plan.case.lead_worker.as_deref().unwrap();
    let mut expected: Vec<String> = plan
        .members
        .iter()
        .filter(|m| !m.family && m.id != lead)
        .filter_map(|m| m.email.as_ref().map(|e| format!("mailto:{e}")))
        .collect();
    expected.sort();
    assert_eq!(addresses, expected);
    assert!(event.get_uid().unwrap().contains("EB-CP-2026-0417"));
    // No child's name goes into a calendar.
    assert!(!text.contains("Kayla") && !text.contains("Alfie"));
    // The same record, the same bytes: no clock, no random id.
    assert_eq!(text, ics_for(&m, &plan));
}

/// The raw value of a property of the first event, parsed back with the icalendar parser.
fn event_property(text: &str, key: &str) -> Option<String> {
    let cal = Calendar::from_str(text).unwrap();
    let event = cal.events().next()?;
    event.property_value(key).map(str::to_string)
}

#[test]
fn the_invitation_is_in_london_time_with_its_time_zone_and_organizer() {
    let plan = example::plan(today());
    let m = example::past_meeting(today());
    let text = ics_for(&m, &plan);
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
    let zone = parsed
        .components
        .iter()
        .find(|c| c.name.as_str() == "VTIMEZONE")
        .expect("a VTIMEZONE");
    let tzid = zone
        .properties
        .iter()
        .find(|p| p.name.as_str() == "TZID")
        .unwrap();
    assert_eq!(tzid.val.as_str(), "Europe/London");
    let kinds: Vec<&str> = zone.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(kinds, ["DAYLIGHT", "STANDARD"]);

    let event = parsed
        .components
        .iter()
        .find(|c| c.name.as_str() == "VEVENT")
        .unwrap();
    let start = event
        .properties
        .iter()
        .find(|p| p.name.as_str() == "DTSTART")
        .unwrap();
    assert!(
        start.params.iter().any(|p| p.key.as_str() == "TZID"
            && p.val.as_ref().map(|v| v.as_str()) == Some("Europe/London")),
        "{text}"
    );
    assert_eq!(start.val.as_str(), "20261126T100000");
    assert_eq!(event_property(&text, "SEQUENCE").as_deref(), Some("0"));

    // The lead worker organises it.
    let lead = plan
        .member(plan.case.lead_worker.as_deref().unwrap())
        .unwrap();
    let organizer = event
        .properties
        .iter()
        .find(|p| p.name.as_str() == "ORGANIZER")
        .unwrap();
    assert_eq!(
        organizer.val.as_str(),
        format!("mailto:{}", lead.email.as_deref().unwrap())
    );
    assert!(organizer.params.iter().any(|p| p.key.as_str() == "CN"));
}

#[test]
fn moving_the_next_meeting_raises_the_sequence_and_restamps_it() {
    let dir = tempfile::tempdir().unwrap();
    create_case(dir.path(), true, today()).unwrap();
    let case = CaseFolder::open(dir.path()).unwrap();
    let id = case.meeting_ids().unwrap().pop().unwrap();
    let folder = case.meeting_dir(&id);
    let ics = || std::fs::read_to_string(folder.join(export::NEXT_MEETING_ICS)).unwrap();
    let first = ics();
    let uid = event_property(&first, "UID").unwrap();
    let stamp = event_property(&first, "DTSTAMP").unwrap();
    assert_eq!(event_property(&first, "SEQUENCE").as_deref(), Some("0"));

    // Rendering the same record again, at any time, changes nothing.
    let later = NaiveDate::from_ymd_opt(2026, 11, 2)
        .unwrap()
        .and_hms_opt(9, 15, 0)
        .unwrap();
    export_meeting_at(&case, None, later).unwrap();
    assert_eq!(ics(), first);

    // The meeting moves a day: same event, next sequence, stamped when it was written.
    let path = folder.join(coregroup::store::case::MINUTES_FILE);
    let mut file: MinutesFile = coregroup::store::yaml::load(&path).unwrap();
    let moved = file.meeting.next_meeting.date.unwrap().succ_opt().unwrap();
    file.meeting.next_meeting.date = Some(moved);
    coregroup::store::case::write_yaml(&path, &file).unwrap();
    export_meeting_at(&case, None, later).unwrap();
    let second = ics();
    assert_eq!(event_property(&second, "UID").unwrap(), uid);
    assert_eq!(event_property(&second, "SEQUENCE").as_deref(), Some("1"));
    let restamped = event_property(&second, "DTSTAMP").unwrap();
    assert_ne!(restamped, stamp);
    assert_eq!(restamped, "20261102T091500Z");
    // and it is kept: exporting again gives the same bytes.
    export_meeting_at(&case, None, later + chrono::Duration::days(1)).unwrap();
    assert_eq!(ics(), second);
}

#[test]
fn a_next_meeting_without_a_time_is_an_all_day_event() {
    let plan = example::plan(today());
    let mut m = example::past_meeting(today());
    m.next_meeting.time = None;
    let cal = Calendar::from_str(&ics_for(&m, &plan)).unwrap();
    let event = cal.events().next().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    assert_eq!(event.get_start(), Some(DatePerhapsTime::Date(day)));
    assert_eq!(
        event.get_end(),
        Some(DatePerhapsTime::Date(day.succ_opt().unwrap()))
    );
}

#[test]
fn a_withheld_address_is_never_the_invitations_venue() {
    let plan = example::plan(today());
    let mut m = example::past_meeting(today());
    m.next_meeting.venue = plan.case.family_address.clone().unwrap();
    let text = ics_for(&m, &plan);
    assert!(!text.contains("Larkspur"), "{text}");
    // Its place in the view is marked; a mark is no venue either.
    assert!(text.contains("LOCATION:As given in the minutes"), "{text}");
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_plan_edited_during_the_meeting_is_not_taken_for_the_plan_it_began_with() {
    let dir = tempfile::tempdir().unwrap();
    create_case(dir.path(), true, today()).unwrap();
    let case = CaseFolder::open(dir.path()).unwrap();
    let (before, read_from) = case.open_plan().unwrap();
    let mut edited = before.clone();
    edited.contingency_plan = "Edited by hand while the meeting ran.".into();
    std::fs::write(
        case.plan_path(),
        coregroup::store::plan_yaml::to_string(&edited).unwrap(),
    )
    .unwrap();
    let (closed, agenda) = common::second_meeting(&before, today());
    let (folder, _, _) = write_closed(&case, &before, Some(read_from), &closed, &agenda).unwrap();
    let kept: Plan = coregroup::store::yaml::load(&folder.join(PLAN_BEFORE_FILE)).unwrap();
    assert_eq!(kept, before);
}

#[test]
fn closing_writes_every_file_owner_only_and_updates_the_case() {
    let dir = tempfile::tempdir().unwrap();
    create_case(dir.path(), true, today()).unwrap();
    let case = CaseFolder::open(dir.path()).unwrap();
    let (before, read_from) = case.open_plan().unwrap();
    let before_bytes = std::fs::read(case.plan_path()).unwrap();
    let (closed, agenda) = common::second_meeting(&before, today());
    let (folder, text, _) =
        write_closed(&case, &before, Some(read_from), &closed, &agenda).unwrap();

    assert_eq!(folder, case.meeting_dir("2026-11-24"));
    // The plan the meeting began with is kept byte for byte, comments and all.
    assert_eq!(
        std::fs::read(folder.join(PLAN_BEFORE_FILE)).unwrap(),
        before_bytes
    );
    // The case's plan is the meeting's, and the text given back is it: a parsed copy made from
    // it is current for the next load.
    assert_eq!(
        std::fs::read(case.plan_path()).unwrap(),
        std::fs::read(folder.join("plan.yaml")).unwrap()
    );
    assert_eq!(std::fs::read(case.plan_path()).unwrap(), text.as_bytes());
    assert!(!coregroup::store::plan_cache::is_current(&case));
    coregroup::store::plan_cache::remember(case.root(), text.as_bytes(), &closed.plan);
    assert!(coregroup::store::plan_cache::is_current(&case));
    // Nothing half-written is left beside the files.
    for d in [dir.path(), folder.as_path()] {
        for e in std::fs::read_dir(d).unwrap() {
            let name = e.unwrap().file_name().into_string().unwrap();
            assert!(
                !name.starts_with(".stage"),
                "{name} left in {}",
                d.display()
            );
        }
    }
    for name in [
        "minutes.yaml",
        "plan.yaml",
        PLAN_BEFORE_FILE,
        export::MINUTES_MD,
        export::MINUTES_HTML,
        export::CASE_FILE_MD,
        export::CASE_FILE_HTML,
        export::FAMILY_MD,
        export::FAMILY_HTML,
        export::PLAN_MD,
        export::PLAN_HTML,
        export::NEXT_MEETING_ICS,
        export::MINUTES_DOCX,
        export::FAMILY_DOCX,
        export::PLAN_DOCX,
    ] {
        let path = folder.join(name);
        assert!(path.is_file(), "{name} is missing");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600, "{name}");
    }
    #[cfg(unix)]
    {
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&case.meetings_dir()), 0o700);
        assert_eq!(mode(&case.plan_path()), 0o600);
    }
    assert_eq!(case.load_plan().unwrap(), closed.plan);
    let kept: Plan = coregroup::store::yaml::load(&folder.join(PLAN_BEFORE_FILE)).unwrap();
    assert_eq!(kept, before);
    let file: MinutesFile = coregroup::store::yaml::load(&folder.join("minutes.yaml")).unwrap();
    assert_eq!(file.meeting, closed.meeting);
    assert_eq!(case.load_meeting("2026-11-24").unwrap(), closed.meeting);

    // The latest meeting is the one exported by default, byte for byte the same.
    let html = std::fs::read(folder.join(export::MINUTES_HTML)).unwrap();
    let (id, paths) = export_meeting(&case, None).unwrap();
    assert_eq!(id, "2026-11-24");
    // And each of the three family members' own copy and plan in Markdown, HTML and Word.
    assert_eq!(paths.len(), 12 + 6 * 3);
    assert_eq!(
        std::fs::read(folder.join(export::MINUTES_HTML)).unwrap(),
        html
    );
}

#[test]
fn a_removed_next_date_takes_the_old_invitation_with_it() {
    let dir = tempfile::tempdir().unwrap();
    create_case(dir.path(), true, today()).unwrap();
    let case = CaseFolder::open(dir.path()).unwrap();
    let id = case.meeting_ids().unwrap().pop().unwrap();
    let path = case.meeting_dir(&id).join("minutes.yaml");
    let mut file: MinutesFile = coregroup::store::yaml::load(&path).unwrap();
    file.meeting.next_meeting.date = None;
    coregroup::store::case::write_yaml(&path, &file).unwrap();
    let (_, paths) = export_meeting(&case, Some(&id)).unwrap();
    assert_eq!(paths.len(), 11 + 6 * 3);
    assert!(
        !case
            .meeting_dir(&id)
            .join(export::NEXT_MEETING_ICS)
            .exists()
    );
}

#[test]
fn a_member_no_longer_family_takes_their_own_copy_and_plan_with_them() {
    let dir = tempfile::tempdir().unwrap();
    create_case(dir.path(), true, today()).unwrap();
    let case = CaseFolder::open(dir.path()).unwrap();
    let id = case.meeting_ids().unwrap().pop().unwrap();
    let (_, paths) = export_meeting(&case, Some(&id)).unwrap();
    let own = |ext: &str| {
        [
            export::own_copy_name("dad", ext),
            export::own_plan_name("dad", ext),
        ]
        .map(|name| case.meeting_dir(&id).join(name))
    };
    for ext in ["md", "html", "docx"] {
        for own in own(ext) {
            assert!(paths.contains(&own) && own.is_file(), "{}", own.display());
            #[cfg(unix)]
            assert_eq!(mode(&own), 0o600);
        }
    }

    // Ticked as not family since: the case now says he reads as a professional.
    let mut plan = case.load_plan().unwrap();
    plan.members
        .iter_mut()
        .find(|m| m.id == "dad")
        .unwrap()
        .family = false;
    coregroup::store::case::write_yaml(&case.plan_path(), &plan).unwrap();
    export_meeting(&case, Some(&id)).unwrap();
    for ext in ["md", "html", "docx"] {
        for own in own(ext) {
            assert!(!own.exists(), "{} is gone", own.display());
        }
    }
    assert!(case.meeting_dir(&id).join(export::FAMILY_MD).is_file());
    let mum = case
        .meeting_dir(&id)
        .join(export::own_plan_name("mum", "md"));
    assert!(mum.is_file());
}
