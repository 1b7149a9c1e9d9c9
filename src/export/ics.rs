//! The invitation to the next meeting (RFC 5545), for calendar programs.
//!
//! It is for the professionals' calendars (family members are told the date in their copy), and
//! calendars are shared and forwarded, so it identifies no one in the family: it is made from
//! the family's record (a withheld address cannot be the venue), lists no family member as an
//! attendee or as the organizer, names the case by reference, and leaves out a venue that names
//! a family member or a child. Times are Europe/London, defined in the file (`VTIMEZONE`), so
//! Outlook, Google and Apple calendars agree on them. The id, the sequence and the stamp come
//! from the record, never the clock, so the same record gives the same bytes; moving the meeting
//! raises the sequence (see
//! [`Meeting::stamp_invitation`](crate::domain::meeting::Meeting::stamp_invitation)).

use chrono::{Duration, NaiveDateTime, NaiveTime};
use icalendar::{
    Attendee, Calendar, CalendarDateTime, Class, Component, Event, EventLike, Property, Role,
};

use super::clean::one_line;
use super::record::Record;
use super::wording::{capitalise, long_date};
use crate::domain::address::{Phrases, WITHHELD};
use crate::domain::family_names::{family_names, neutral_reference};
use crate::domain::reader::is_professional_reader;

/// The invitation, or `None` when no date was set for the next meeting.
pub fn next_meeting_ics(r: Record) -> Option<String> {
    let next = &r.meeting.next_meeting;
    let date = next.date?;
    let terms = &r.agenda.terms;
    // A reference holding the family's name (`check` warns of it) goes with that name left out.
    let reference = one_line(&neutral_reference(r.plan));

    let mut event = Event::new();
    event.uid(&uid(&reference, &r.meeting.id));
    // DTSTAMP must be UTC: when this date was written, or for a record from before that was
    // kept, the day of the meeting that set it.
    let (sequence, stamp) = match &r.meeting.invitation {
        Some(i) => (i.sequence, i.stamp.and_utc()),
        None => (
            0,
            r.date().unwrap_or(date).and_time(NaiveTime::MIN).and_utc(),
        ),
    };
    event.timestamp(stamp);
    event.sequence(sequence);
    event.summary(&format!("{}: case {reference}", capitalise(&terms.meeting)));
    let held = r
        .date()
        .map(|d| format!(" Agreed at the meeting on {}.", long_date(d)))
        .unwrap_or_default();
    event.description(&format!(
        "{} for the {} (case {reference}, {}).{held}",
        capitalise(&terms.meeting),
        terms.plan,
        one_line(&r.plan.case.local_authority),
    ));
    match next.time {
        Some(t) => {
            let start = NaiveDateTime::new(date, t);
            let minutes = i64::from(r.agenda.total_minutes().clamp(30, 480));
            event.starts(london(start));
            // Checked: a date at the end of time must not panic.
            if let Some(end) = start.checked_add_signed(Duration::minutes(minutes)) {
                event.ends(london(end));
            }
        }
        None => {
            event.all_day(date);
            // An all-day event ends (exclusively) the next day.
            if let Some(end) = date.succ_opt() {
                event.append_property(
                    Property::new("DTEND", end.format("%Y%m%d").to_string())
                        .add_parameter("VALUE", "DATE")
                        .done(),
                );
            }
        }
    }
    let venue = one_line(&next.venue);
    if !venue.is_empty() {
        if names_a_family_home(r, &venue) {
            event.location("As given in the minutes");
        } else {
            event.location(&venue);
        }
    }
    // Calendars are shared and forwarded: whoever opens it sees no detail of the family.
    event.class(Class::Private);
    let organizer = r.plan.lead_member().filter(|m| !m.family).and_then(|lead| {
        let email = lead.email.as_deref().and_then(usable_email)?;
        let name = parameter_text(&lead.name);
        let mut organizer = Property::new("ORGANIZER", format!("mailto:{email}"));
        if !name.is_empty() {
            organizer.add_parameter("CN", &name);
        }
        Some((email, organizer.done()))
    });
    // The organiser sends the request and is not asked to answer it.
    let organizer_email = organizer.as_ref().map(|(email, _)| email.to_lowercase());
    // The professionals of the core group as the case stands now: no family member, and no one
    // who has left.
    let attendees: Vec<Attendee> = r
        .plan
        .members
        .iter()
        .filter(|m| is_professional_reader(Some(r.meeting), r.plan, &m.id))
        .filter_map(|m| {
            let email = m.email.as_deref().and_then(usable_email)?;
            if organizer_email.as_deref() == Some(email.to_lowercase().as_str()) {
                return None;
            }
            let mut attendee = Attendee::new(format!("mailto:{email}"))
                .role(Role::ReqParticipant)
                .rsvp(true);
            let name = parameter_text(&m.name);
            if !name.is_empty() {
                attendee = attendee.cn(name);
            }
            Some(attendee)
        })
        .collect();
    // RFC 5546: a request names its organizer and attendees; a published event names neither.
    // With the lead worker's address the invitation is a request from them to the core group
    // (calendars offer accept/decline); without it, it is published for anyone to add.
    let method = match organizer {
        Some((_, organizer)) if !attendees.is_empty() => {
            event.append_property(organizer);
            for a in attendees {
                event.attendee(a);
            }
            "REQUEST"
        }
        _ => "PUBLISH",
    };

    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//coregroup//coregroup//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", method));
    cal.timezone(TZID);
    cal.push(event.done());
    // The time zone goes before the event that refers to it.
    let text = cal.to_string();
    Some(match text.find("BEGIN:VEVENT\r\n") {
        Some(at) => format!("{}{}{}", &text[..at], VTIMEZONE, &text[at..]),
        None => text,
    })
}

const TZID: &str = "Europe/London";

/// Europe/London's rules since 1996: British Summer Time from 01:00 UTC on the last Sunday of
/// March to 01:00 UTC on the last Sunday of October.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/London\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0000\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:BST\r\n\
DTSTART:19700329T010000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0000\r\n\
TZNAME:GMT\r\n\
DTSTART:19701025T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

fn london(t: NaiveDateTime) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: t,
        tzid: TZID.into(),
    }
}

/// Whether a venue names a child or someone in the family, or is a family member's home (or
/// the family's) as recorded, however written, or held a withheld address (taken out of the
/// view already, its place marked).
fn names_a_family_home(r: Record, venue: &str) -> bool {
    let homes = r
        .plan
        .members
        .iter()
        .filter(|m| m.family)
        .filter_map(|m| m.address.as_deref())
        .chain(r.plan.case.family_address.as_deref());
    venue.contains(WITHHELD)
        || !family_names(r.plan, Some(r.meeting)).find(venue).is_empty()
        || !Phrases::homes(homes).find(venue).is_empty()
}

/// Stable and unique per meeting: the case reference and the meeting that set the date.
fn uid(reference: &str, meeting: &str) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect()
    };
    format!(
        "next-meeting-{}-{}@coregroup",
        safe(reference),
        safe(meeting)
    )
}

/// An email address only if it cannot break the line it is written on or its parameters.
fn usable_email(e: &str) -> Option<&str> {
    let e = e.trim();
    let ok = e.contains('@')
        && e.len() <= 254
        && e.chars().all(|c| {
            c.is_ascii_graphic() && !matches!(c, '"' | ';' | ',' | ':' | '<' | '>' | '\\')
        });
    ok.then_some(e)
}

/// Parameter values may not hold double quotes or control characters (RFC 5545 §3.1).
fn parameter_text(s: &str) -> String {
    one_line(s).replace('"', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_email_addresses_are_used() {
        assert_eq!(usable_email(" a@b.org "), Some("a@b.org"));
        assert_eq!(usable_email("a@b.org\r\nX-EVIL:1"), None);
        assert_eq!(usable_email("no-at-sign"), None);
        assert_eq!(usable_email("a\"@b"), None);
    }

    #[test]
    fn the_invitation_identifies_no_one_in_the_family() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let cal = crate::domain::calendar::Calendar::new(
            crate::domain::calendar::Division::EnglandAndWales,
        );
        let agenda: crate::domain::agenda::Agenda = crate::agenda::shipped("core-group").unwrap();
        let snap = super::super::AgendaSnapshot::of(&agenda);
        let mut plan = crate::domain::example::plan(today);
        for m in plan.members.iter_mut().filter(|m| m.family) {
            m.email = Some(format!("{}@home.example.com", m.id));
        }
        let mut meeting = crate::domain::example::past_meeting(today);
        meeting.next_meeting.venue = "kayla's school, Room 2".into();
        use crate::domain::reader::{Reader, view};
        let v = view(&meeting, &plan, &plan, Reader::Professionals).unwrap();
        let r = Record::of(&v, &snap, &cal);
        let ics = next_meeting_ics(r)
            .unwrap()
            .replace("\r\n ", "")
            .to_lowercase();
        assert!(!ics.contains("@home.example.com"), "{ics}");
        let family = plan.members.iter().filter(|m| m.family).map(|m| &m.name);
        for name in family.chain(plan.children.iter().map(|c| &c.name)) {
            for word in name.split_whitespace().filter(|w| w.len() > 3) {
                assert!(!ics.contains(&word.to_lowercase()), "{word} in {ics}");
            }
        }
        assert!(
            ics.contains("mailto:school@example.org.uk"),
            "professionals are invited"
        );
        assert!(ics.contains("location:as given in the minutes"), "{ics}");
        assert!(
            ics.contains("organizer;cn=hannah mercer:mailto:sw@example.org.uk"),
            "the lead worker organises: {ics}"
        );

        // A lead worker recorded as a family member, by mistake or by a hand edit, is never
        // the organizer.
        let mut plan = plan.clone();
        plan.case.lead_worker = Some("mum".into());
        let v = view(&meeting, &plan, &plan, Reader::Professionals).unwrap();
        let r = Record::of(&v, &snap, &cal);
        let ics = next_meeting_ics(r).unwrap().replace("\r\n ", "");
        assert!(!ics.contains("ORGANIZER"), "{ics}");
        assert!(!ics.contains("@home.example.com"), "{ics}");
    }

    /// The invitation of the example's meeting after `edit`, unfolded.
    fn invitation(
        edit: impl Fn(&mut crate::domain::meeting::Meeting, &mut crate::domain::plan::Plan),
    ) -> String {
        use crate::domain::reader::{Reader, view};
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let cal = crate::domain::calendar::Calendar::new(
            crate::domain::calendar::Division::EnglandAndWales,
        );
        let agenda: crate::domain::agenda::Agenda = crate::agenda::shipped("core-group").unwrap();
        let snap = super::super::AgendaSnapshot::of(&agenda);
        let mut plan = crate::domain::example::plan(today);
        let mut meeting = crate::domain::example::past_meeting(today);
        meeting.next_meeting.venue = "Eastbrook Family Centre, Room 2".into();
        edit(&mut meeting, &mut plan);
        let v = view(&meeting, &plan, &plan, Reader::Professionals).unwrap();
        next_meeting_ics(Record::of(&v, &snap, &cal))
            .unwrap()
            .replace("\r\n ", "")
    }

    #[test]
    fn a_family_member_s_home_is_never_the_venue() {
        let ics = invitation(|_, _| {});
        assert!(ics.contains("LOCATION:Eastbrook Family Centre"), "{ics}");
        // The father's address is not withheld; written another way, it is still his home.
        for venue in [
            "27 Foundry Ln, Eastbrook",
            "27 FOUNDRY LANE",
            "Foundry Lane EB1 7LD",
        ] {
            let ics = invitation(|m, _| m.next_meeting.venue = venue.into());
            assert!(
                ics.contains("LOCATION:As given in the minutes"),
                "{venue}: {ics}"
            );
            assert!(!ics.to_lowercase().contains("foundry"), "{ics}");
        }
        // A withheld address was taken out of the view: its place is no venue either.
        let ics = invitation(|m, _| m.next_meeting.venue = "12 Larkspur Court".into());
        assert!(ics.contains("LOCATION:As given in the minutes"), "{ics}");
    }

    #[test]
    fn a_child_s_name_without_its_accent_or_by_its_short_form_is_no_venue() {
        for venue in ["Zoe's school", "ZOË'S SCHOOL", "Kayla's nursery"] {
            let ics = invitation(|m, p| {
                let kayla = p.children.iter_mut().find(|c| c.id == "kayla").unwrap();
                kayla.name = "Zoë Kayla Brennan".into();
                m.next_meeting.venue = venue.into();
            });
            assert!(
                ics.contains("LOCATION:As given in the minutes"),
                "{venue}: {ics}"
            );
        }
    }

    #[test]
    fn a_member_who_has_left_is_not_invited() {
        let ics = invitation(|_, _| {});
        let police =
            |p: &crate::domain::plan::Plan| p.member("police").unwrap().email.clone().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let email = police(&crate::domain::example::plan(today));
        assert!(ics.contains(&format!("mailto:{email}")), "{ics}");
        let ics = invitation(|_, p| {
            p.members
                .iter_mut()
                .find(|m| m.id == "police")
                .unwrap()
                .left = Some(today);
        });
        assert!(!ics.contains(&format!("mailto:{email}")), "{ics}");
    }

    #[test]
    fn a_reference_with_the_family_name_is_neutral_in_the_invitation() {
        let ics = invitation(|_, p| p.case.reference = "EB/CP/Brennan/01".into());
        assert!(!ics.to_lowercase().contains("brennan"), "{ics}");
        assert!(ics.contains("EB/CP/…/01"), "{ics}");
    }

    /// The lines of `ics` that start with `name` (property name, up to `:` or `;`).
    fn lines<'a>(ics: &'a str, name: &str) -> Vec<&'a str> {
        ics.split("\r\n")
            .filter(|l| {
                l.strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(';'))
            })
            .collect()
    }

    #[test]
    fn a_request_names_organiser_and_attendees_and_a_publication_neither() {
        // RFC 5546: METHOD:REQUEST needs ORGANIZER and ATTENDEE; METHOD:PUBLISH has no ATTENDEE.
        let request = invitation(|_, _| {});
        assert_eq!(lines(&request, "METHOD"), ["METHOD:REQUEST"], "{request}");
        assert_eq!(lines(&request, "ORGANIZER").len(), 1, "{request}");
        let attendees = lines(&request, "ATTENDEE");
        assert!(!attendees.is_empty(), "{request}");
        for a in &attendees {
            assert!(a.contains("ROLE=REQ-PARTICIPANT"), "{a}");
            assert!(a.contains("RSVP=TRUE"), "{a}");
        }
        assert_eq!(lines(&request, "CLASS"), ["CLASS:PRIVATE"], "{request}");
        let organizer = lines(&request, "ORGANIZER")[0];
        let organizer = &organizer[organizer.find("mailto:").unwrap()..];
        assert!(
            attendees.iter().all(|a| !a.ends_with(organizer)),
            "the organiser is not asked to reply to their own request: {request}"
        );

        // No address for the lead worker: nobody can send the request, so it is published.
        let published = invitation(|_, p| {
            let lead = p.case.lead_worker.clone().unwrap();
            p.members.iter_mut().find(|m| m.id == lead).unwrap().email = None;
        });
        assert_eq!(
            lines(&published, "METHOD"),
            ["METHOD:PUBLISH"],
            "{published}"
        );
        assert!(lines(&published, "ORGANIZER").is_empty(), "{published}");
        assert!(lines(&published, "ATTENDEE").is_empty(), "{published}");
        assert_eq!(lines(&published, "CLASS"), ["CLASS:PRIVATE"], "{published}");

        // Both parse as calendars with one event marked private.
        for ics in [&request, &published] {
            let cal: icalendar::Calendar = ics.parse().expect("parses");
            let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
            assert_eq!(events.len(), 1);
            assert_eq!(events[0].property_value("CLASS"), Some("PRIVATE"));
        }
    }

    #[test]
    fn uids_use_safe_characters() {
        assert_eq!(
            uid("EB/CP 1", "2026-11-24"),
            "next-meeting-EB-CP-1-2026-11-24@coregroup"
        );
    }
}
