//! The circulation pack of a meeting: for each member, a ready-to-send email (RFC 5322, MIME
//! attachments) with a short covering note, or a printable cover letter for one who has no
//! email. Pure: the caller chooses and reads the attachments; the same letter always gives the
//! same bytes (the date, the Message-ID and the MIME boundary come from the letter, not the
//! clock or chance).

use chrono::{NaiveDate, NaiveTime};
use mail_builder::MessageBuilder;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::date::Date;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;

use super::document::{Block, Document, Inline, Section};
use crate::domain::plan::Member;

/// The handling marking every message and letter carries, as the documents do.
pub const MARKING: &str = "OFFICIAL-SENSITIVE";

/// One file attached to a message (or enclosed with a letter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Attachment {
    fn content_type(&self) -> &'static str {
        match self.name.rsplit('.').next().unwrap_or_default() {
            "html" => "text/html",
            "md" => "text/markdown",
            "ics" => "text/calendar",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _ => "application/octet-stream",
        }
    }
}

/// What one member is sent.
pub struct Letter<'a> {
    pub case_reference: &'a str,
    pub meeting: &'a str,
    pub meeting_day: NaiveDate,
    pub circulated: NaiveDate,
    /// When the signed written agreement is due back.
    pub agreement_due: Option<NaiveDate>,
    /// Whether the recipient owes the meeting's signed agreement (`case_log::agreement_due_from`):
    /// not one who joined after the meeting, nor a lead worker whose signature the procedure
    /// makes optional.
    pub owes_agreement: bool,
    pub recipient: &'a Member,
    /// Who sends it (the lead worker), named in the note and as the sender.
    pub sender: Option<&'a Member>,
    /// When the next meeting is, as the record has it (the day the family copy and the
    /// invitation give); `None` when no date was set.
    pub next_meeting: Option<(NaiveDate, Option<NaiveTime>)>,
    pub attachments: Vec<Attachment>,
}

fn day(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// The subject: the marking and the case reference, never a child's name. A family member's
/// says what their copy says of itself: private, for them.
pub fn subject(case_reference: &str, meeting_day: NaiveDate, to_family: bool) -> String {
    format!(
        "{}: core group minutes, case {case_reference}, meeting of {}",
        if to_family { "PRIVATE" } else { MARKING },
        meeting_day.format("%-d %B %Y")
    )
}

/// What an enclosed file is, in words, from the name the meeting's folder gives it.
pub fn enclosure_title(name: &str) -> &str {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if stem.starts_with(super::FAMILY_PREFIX) {
        "Your copy of the notes of the meeting"
    } else if name == super::NEXT_MEETING_ICS {
        "The invitation to the next meeting, for a calendar"
    } else if [super::MINUTES_MD, super::MINUTES_HTML, super::MINUTES_DOCX].contains(&name) {
        "The minutes of the meeting"
    } else if [super::PLAN_MD, super::PLAN_HTML, super::PLAN_DOCX].contains(&name) {
        "The plan: who is doing what, by when"
    } else {
        name
    }
}

/// The covering note, in plain words; it names no child and no address.
pub fn cover_note(l: &Letter) -> String {
    let mut out = format!("Dear {},\n\n", l.recipient.name);
    out.push_str(&format!(
        "Please find enclosed {} from the core group meeting held on {}.\n\n",
        if l.recipient.family {
            "your copy of the minutes and the plan"
        } else {
            "the minutes, the plan and the invitation to the next meeting"
        },
        day(l.meeting_day)
    ));
    // What is asked of someone with no agreement to send back now.
    let read_them = if l.recipient.family {
        "Please read them. If anything is wrong, or you would like it explained, please get in \
         touch."
    } else {
        "Please check the minutes."
    };
    match (l.recipient.family, l.agreement_due) {
        _ if !l.owes_agreement => out.push_str(&format!("{read_them}\n\n")),
        // A re-issue after the day: the day is said as past, not asked for.
        (_, Some(due)) if due < l.circulated => out.push_str(&format!(
            "{read_them} Your signed written agreement was due back by {}. If you have not \
             returned it yet, please do so as soon as you can.\n\n",
            day(due)
        )),
        (true, Some(due)) => out.push_str(&format!(
            "Please read them, and sign and return your written agreement by {}. If anything is \
             wrong, or you would like it explained, please get in touch.\n\n",
            day(due)
        )),
        (true, None) => out.push_str(
            "Please read them, and sign and return your written agreement. If anything is \
             wrong, or you would like it explained, please get in touch.\n\n",
        ),
        (false, Some(due)) => out.push_str(&format!(
            "Please check the minutes and return your signed written agreement by {}.\n\n",
            day(due)
        )),
        (false, None) => {
            out.push_str("Please check the minutes and return your signed written agreement.\n\n")
        }
    }
    match l.next_meeting {
        Some((date, Some(t))) => out.push_str(&format!(
            "The next meeting is on {} at {}.\n\n",
            day(date),
            super::wording::time(t)
        )),
        Some((date, None)) => out.push_str(&format!("The next meeting is on {}.\n\n", day(date))),
        None => out.push_str(
            "The date of the next meeting has not been set yet. You will be told it.\n\n",
        ),
    }
    if l.recipient.family {
        out.push_str(
            "These documents are private: they are about your family. Please keep them \
             somewhere safe.\n\n",
        );
    } else {
        out.push_str(&format!(
            "These documents are {MARKING}: keep them safe and do not pass them on.\n\n"
        ));
    }
    match l.sender {
        Some(s) if s.agency.is_empty() => out.push_str(&format!("{}\n{}\n", s.name, s.role)),
        Some(s) => out.push_str(&format!("{}\n{}, {}\n", s.name, s.role, s.agency)),
        None => out.push_str("The core group\n"),
    }
    out
}

/// A stable 64-bit hash (FNV-1a), written out here because std's hasher may change between
/// builds and the Message-ID must not.
fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(&[0u8]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The email for `l.recipient`, who must have an address; `None` otherwise.
pub fn email(l: &Letter) -> Option<Vec<u8>> {
    let to = l.recipient.email.as_deref()?;
    let note = cover_note(l);
    let mut parts: Vec<&[u8]> = vec![
        l.case_reference.as_bytes(),
        l.meeting.as_bytes(),
        l.recipient.id.as_bytes(),
        note.as_bytes(),
    ];
    for a in &l.attachments {
        parts.push(a.name.as_bytes());
        parts.push(&a.bytes);
    }
    let hash = format!("{:016x}", fnv(&parts));
    // "=_" cannot occur in quoted-printable or base64 text, so the boundary never clashes.
    let boundary = format!("=_coregroup_{hash}");
    let mut body = vec![MimePart::new(ContentType::new("text/plain"), note)];
    for a in &l.attachments {
        body.push(
            MimePart::new(ContentType::new(a.content_type()), a.bytes.clone())
                .attachment(a.name.clone()),
        );
    }
    let mut message = MessageBuilder::new()
        .to((l.recipient.name.as_str(), to))
        .subject(subject(l.case_reference, l.meeting_day, l.recipient.family))
        .date(Date::new(
            l.circulated
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp())
                .unwrap_or_default(),
        ))
        .message_id(format!(
            "{}.{}.{hash}@coregroup.invalid",
            l.meeting, l.recipient.id
        ))
        // Mail clients open a message marked unsent as a draft, ready to check and send.
        .header("X-Unsent", Raw::new("1"))
        // RFC 2156's sensitivities: a family's copy is private, the professionals' confidential.
        .header(
            "Sensitivity",
            Raw::new(if l.recipient.family {
                "Private"
            } else {
                "Company-Confidential"
            }),
        )
        .body(MimePart::new(
            ContentType::new("multipart/mixed").attribute("boundary", boundary),
            body,
        ));
    if let Some(s) = l.sender
        && let Some(from) = s.email.as_deref()
    {
        message = message.from((s.name.as_str(), from));
    }
    message.write_to_vec().ok()
}

/// The printable cover letter for a member with no email, to go by post or by hand with the
/// printed documents. `address` is printed only when it may be (never a withheld one).
pub fn cover_letter(l: &Letter, address: Option<&str>) -> Document {
    let mut s = Section::new("Covering letter");
    let mut fields = vec![
        ("To".to_string(), Inline::text(&l.recipient.name)),
        ("Case".to_string(), Inline::text(l.case_reference)),
        ("Date".to_string(), Inline::text(day(l.circulated))),
    ];
    if let Some(a) = address {
        fields.insert(1, ("Address".to_string(), Inline::text(a)));
    }
    s.push(Block::Fields(fields));
    s.paras(&cover_note(l));
    if !l.attachments.is_empty() {
        // Each document once, by what it is: the printed pack holds one copy of each, whatever
        // formats were made of it.
        let mut titles: Vec<&str> = Vec::new();
        for a in &l.attachments {
            let t = enclosure_title(&a.name);
            if !titles.contains(&t) {
                titles.push(t);
            }
        }
        s.push(Block::Heading("Enclosed".into()));
        s.push(Block::Bullets(
            titles.into_iter().map(Inline::text).collect(),
        ));
    }
    Document {
        title: format!(
            "Core group meeting of {}",
            l.meeting_day.format("%-d %B %Y")
        ),
        subtitle: Vec::new(),
        // A letter to a family member is marked, and printed, as their copy is.
        marking: if l.recipient.family {
            super::document::FAMILY_MARKING.into()
        } else {
            MARKING.into()
        },
        sections: vec![s],
        ..Default::default()
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
    fn the_same_letter_gives_the_same_bytes_and_a_new_copy_a_new_id() {
        let plan = example::plan(d("2026-11-24"));
        let letter = |bytes: &[u8]| Letter {
            owes_agreement: true,
            case_reference: &plan.case.reference,
            meeting: "2026-10-15",
            meeting_day: d("2026-10-15"),
            circulated: d("2026-10-16"),
            agreement_due: Some(d("2026-10-23")),
            recipient: plan.member("school").unwrap(),
            sender: plan.member("sw"),
            next_meeting: None,
            attachments: vec![Attachment {
                name: "minutes.html".into(),
                bytes: bytes.to_vec(),
            }],
        };
        let a = email(&letter(b"<p>one</p>")).unwrap();
        assert_eq!(a, email(&letter(b"<p>one</p>")).unwrap());
        let b = email(&letter(b"<p>two</p>")).unwrap();
        let id = |m: &[u8]| {
            String::from_utf8_lossy(m)
                .lines()
                .find(|l| l.starts_with("Message-ID"))
                .unwrap()
                .to_string()
        };
        assert_ne!(id(&a), id(&b));
        let text = String::from_utf8_lossy(&a);
        assert!(text.contains("X-Unsent: 1"));
        assert!(!plan.children.iter().any(|c| text.contains(&c.name)));
    }

    #[test]
    fn no_email_no_message() {
        let plan = example::plan(d("2026-11-24"));
        let mum = plan.member("mum").unwrap();
        assert!(mum.email.is_none());
        let l = Letter {
            owes_agreement: true,
            case_reference: &plan.case.reference,
            meeting: "2026-10-15",
            meeting_day: d("2026-10-15"),
            circulated: d("2026-10-16"),
            agreement_due: None,
            recipient: mum,
            sender: None,
            next_meeting: None,
            attachments: vec![],
        };
        assert!(email(&l).is_none());
        let letter = super::super::html::render(&cover_letter(&l, None));
        assert!(letter.contains("Shauna Brennan"));
        assert!(
            letter.contains("PRIVATE. This is about your family"),
            "{letter}"
        );
        assert!(!letter.contains(MARKING), "{letter}");
        assert!(!letter.contains("Larkspur"), "no address unless given");
    }

    #[test]
    fn a_letter_encloses_each_document_once_by_what_it_is() {
        let plan = example::plan(d("2026-11-24"));
        let file = |name: &str| Attachment {
            name: name.into(),
            bytes: Vec::new(),
        };
        let l = Letter {
            owes_agreement: true,
            case_reference: &plan.case.reference,
            meeting: "2026-10-15",
            meeting_day: d("2026-10-15"),
            circulated: d("2026-10-16"),
            agreement_due: Some(d("2026-10-23")),
            recipient: plan.member("mum").unwrap(),
            sender: plan.member("sw"),
            next_meeting: None,
            attachments: [
                "minutes-family.html",
                "minutes-family.docx",
                "plan.html",
                "plan.docx",
            ]
            .map(file)
            .to_vec(),
        };
        let letter = super::super::markdown::render(&cover_letter(&l, None));
        let enclosed = &letter[letter.find("Enclosed").unwrap()..];
        assert_eq!(
            enclosed
                .lines()
                .filter(|l| l.starts_with("- "))
                .collect::<Vec<_>>(),
            [
                "- Your copy of the notes of the meeting",
                "- The plan: who is doing what, by when"
            ],
            "{letter}"
        );
    }

    #[test]
    fn a_re_issue_after_the_agreement_was_due_says_the_day_passed() {
        let plan = example::plan(d("2026-11-24"));
        let letter = |circulated: &str| Letter {
            owes_agreement: true,
            case_reference: &plan.case.reference,
            meeting: "2026-10-15",
            meeting_day: d("2026-10-15"),
            circulated: d(circulated),
            agreement_due: Some(d("2026-10-23")),
            recipient: plan.member("dad").unwrap(),
            sender: plan.member("sw"),
            next_meeting: None,
            attachments: Vec::new(),
        };
        let on_time = cover_note(&letter("2026-10-16"));
        assert!(on_time.contains("return your written agreement by Friday 23 October 2026"));
        let late = cover_note(&letter("2026-12-07"));
        assert!(
            late.contains("was due back by Friday 23 October 2026"),
            "{late}"
        );
        assert!(!late.contains("return your written agreement by"), "{late}");
    }
}
