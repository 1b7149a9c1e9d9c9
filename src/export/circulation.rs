//! The circulation pack of a meeting: for each member, a ready-to-send email (RFC 5322, MIME
//! attachments) with a short covering note, or a printable cover letter for one who has no
//! email. Pure: the caller chooses and reads the attachments and gives the moment the message is
//! built; the same letter built at the same moment always gives the same bytes (the date comes
//! from that moment, the Message-ID and the MIME boundary from the letter, not the clock or
//! chance).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use mail_builder::MessageBuilder;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;

use super::document::{Block, Document, FAMILY_MARKING, Inline, Letterhead, Section};
use crate::domain::case_dates::{DueAsIssued, as_issued};
use crate::domain::council::Council;
use crate::domain::plan::Member;

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
            "pdf" => "application/pdf",
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
    /// Who issues it: the letterhead, the return address, the numbers to ring, the marking.
    pub council: &'a Council,
}

fn day(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// The subject: the marking and the case reference, never a child's name. A family member's
/// says what their copy says of itself: private, for them.
pub fn subject(
    case_reference: &str,
    meeting_day: NaiveDate,
    to_family: bool,
    marking: &str,
) -> String {
    format!(
        "{}: core group minutes, case {case_reference}, meeting of {}",
        if to_family { "PRIVATE" } else { marking },
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
    } else if [
        super::MINUTES_MD,
        super::MINUTES_HTML,
        super::MINUTES_DOCX,
        super::MINUTES_PDF,
    ]
    .contains(&name)
    {
        "The minutes of the meeting"
    } else if [
        super::PLAN_MD,
        super::PLAN_HTML,
        super::PLAN_DOCX,
        super::PLAN_PDF,
    ]
    .contains(&name)
    {
        "The plan: who is doing what, by when"
    } else {
        name
    }
}

/// The marking a message or letter to the recipient carries, at its top as their copy has it:
/// a family member's says it is private, for them; a professional's is the council's marking.
pub fn marking(l: &Letter) -> String {
    if l.recipient.family {
        FAMILY_MARKING.to_string()
    } else {
        l.council.marking.clone()
    }
}

/// The paragraphs of the note between the greeting and the signature: what is enclosed, what is
/// asked, how to keep it.
fn body(l: &Letter) -> Vec<String> {
    let mut out = vec![format!(
        "Please find enclosed {} from the core group meeting held on {}.",
        if l.recipient.family {
            "your copy of the minutes and the plan"
        } else {
            "the minutes, the plan and the invitation to the next meeting"
        },
        day(l.meeting_day)
    )];
    // What is asked of someone with no agreement to send back now.
    let read_them = if l.recipient.family {
        "Please read them. If anything is wrong, or you would like it explained, please get in \
         touch."
    } else {
        "Please check the minutes."
    };
    // The one decision every document of this issue words the return day by.
    let due = l
        .agreement_due
        .map(|due| as_issued(due, Some(l.circulated)));
    out.push(match (l.recipient.family, due) {
        _ if !l.owes_agreement => read_them.to_string(),
        // An issue after the day: the day is said as past, not asked for.
        (_, Some(DueAsIssued::WasDue(due))) => format!(
            "{read_them} Your signed written agreement was due back by {}. If you have not \
             returned it yet, please do so as soon as you can.",
            day(due)
        ),
        (true, Some(DueAsIssued::By(due))) => format!(
            "Please read them, and sign and return your written agreement by {}: it is the last \
             page of your copy. If anything is wrong, or you would like it explained, please get \
             in touch.",
            day(due)
        ),
        (true, None) => "Please read them, and sign and return your written agreement: it is the \
                         last page of your copy. If anything is wrong, or you would like it \
                         explained, please get in touch."
            .to_string(),
        (false, Some(DueAsIssued::By(due))) => format!(
            "Please check the minutes and return your signed written agreement by {}.",
            day(due)
        ),
        (false, None) => {
            "Please check the minutes and return your signed written agreement.".to_string()
        }
    });
    out.push(match l.next_meeting {
        Some((date, Some(t))) => format!(
            "The next meeting is on {} at {}.",
            day(date),
            super::wording::time(t)
        ),
        Some((date, None)) => format!("The next meeting is on {}.", day(date)),
        None => "The date of the next meeting has not been set yet. You will be told it.".into(),
    });
    if l.recipient.family {
        out.push(
            "These documents are private: they are about your family. Please keep them \
             somewhere safe."
                .into(),
        );
    } else {
        out.push(format!(
            "These documents are {}: keep them safe and do not pass them on.",
            l.council.marking
        ));
        if let Some(note) = l.council.secure_email_note.as_deref()
            && !note.trim().is_empty()
        {
            out.push(note.trim().to_string());
        }
    }
    out
}

/// Who signs: the lead worker's name, role and agency, one line each.
fn signatory(l: &Letter) -> Vec<String> {
    match l.sender {
        Some(s) => [s.name.as_str(), s.role.as_str(), s.agency.as_str()]
            .into_iter()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect(),
        None => vec!["The core group".into()],
    }
}

/// The lead worker's title for "Who to contact", from their role ("Your lead social worker").
fn lead_term(l: &Letter) -> String {
    l.sender
        .map(|s| s.role.trim().to_lowercase())
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| "social worker".into())
}

/// The covering note, in plain words; it names no child and no address. It opens with the
/// marking its recipient's copy opens with, and a family member's ends with who to contact.
pub fn cover_note(l: &Letter) -> String {
    let mut out = format!("{}\n\n", marking(l));
    out.push_str(&format!("Dear {},\n\n", l.recipient.salutation()));
    for p in body(l) {
        out.push_str(&p);
        out.push_str("\n\n");
    }
    out.push_str(&signatory(l).join("\n"));
    out.push('\n');
    if l.recipient.family {
        out.push('\n');
        out.push_str(&super::contact::text(l.sender, &lead_term(l), l.council));
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
/// The message's `Date`: `written`, the moment it is built (local time with its offset), when
/// that is on the day it is circulated; the start of the day (UTC) for a circulation dated
/// another day, whose moment is not known.
pub fn sent_at(circulated: NaiveDate, written: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    if written.date_naive() == circulated {
        written
    } else {
        circulated.and_time(NaiveTime::MIN).and_utc().fixed_offset()
    }
}

/// The ready-to-send message of `l`, built at `written` (see [`sent_at`]); `None` for a
/// recipient with no email.
pub fn email(l: &Letter, written: DateTime<FixedOffset>) -> Option<Vec<u8>> {
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
        .subject(subject(
            l.case_reference,
            l.meeting_day,
            l.recipient.family,
            &l.council.marking,
        ))
        .header(
            "Date",
            Raw::new(sent_at(l.circulated, written).to_rfc2822()),
        )
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

/// The lines of a postal address typed on one line or several: split at commas and line
/// breaks, and the postcode on a line of its own.
pub fn address_lines(address: &str) -> Vec<String> {
    let mut lines: Vec<String> = address
        .split([',', '\n'])
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    if let Some(last) = lines.pop() {
        let words: Vec<&str> = last.split(' ').collect();
        match words.len() {
            n if n > 2 && crate::domain::address::is_postcode(&words[n - 2..].join(" ")) => {
                lines.push(words[..n - 2].join(" "));
                lines.push(words[n - 2..].join(" ").to_uppercase());
            }
            _ => lines.push(last),
        }
    }
    lines
}

/// Printed in the envelope's window when the recipient's address may not be printed (withheld)
/// or is not known: the letter goes by hand.
pub const BY_HAND: &str = "By hand";

/// The printable cover letter for a member with no email, to go by post or by hand with the
/// printed documents: the council's letterhead and return address, the recipient's name and
/// address where a DL window envelope shows them, the date and reference, the greeting, what is
/// enclosed by title, and the lead worker as signatory. `address` is printed only when it may be
/// (never a withheld one); without it the letter says it goes by hand.
pub fn cover_letter(l: &Letter, address: Option<&str>) -> Document {
    let mut s = Section::new("");
    let mut to = vec![match l.recipient.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => format!("{t} {}", l.recipient.name.trim()),
        _ => l.recipient.name.trim().to_string(),
    }];
    match address.map(address_lines) {
        Some(lines) if !lines.is_empty() => to.extend(lines),
        _ => to.push(BY_HAND.into()),
    }
    s.push(Block::Letterhead(Letterhead {
        picture: l.council.letterhead_picture.clone(),
        from: std::iter::once(l.council.name.clone())
            .chain(l.council.letterhead.iter().cloned())
            .filter(|t| !t.trim().is_empty())
            .collect(),
        return_address: l.council.address.clone(),
        to,
        details: vec![
            ("Date".into(), day(l.circulated)),
            ("Our reference".into(), l.case_reference.to_string()),
        ],
    }));
    s.para(format!("Dear {},", l.recipient.salutation()));
    for p in body(l) {
        s.para(p);
    }
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
    s.para("Yours sincerely,");
    for line in signatory(l) {
        s.para(line);
    }
    let mut sections = vec![s];
    if l.recipient.family {
        sections.push(super::contact::section(l.sender, &lead_term(l), l.council));
    }
    Document {
        title: format!(
            "Core group meeting of {}",
            l.meeting_day.format("%-d %B %Y")
        ),
        subtitle: Vec::new(),
        // A letter to a family member is marked, and printed, as their copy is.
        marking: marking(l),
        sections,
        author: l.council.name.clone(),
        date: Some(l.circulated),
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
        let council = example::council();
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
            council: &council,
        };
        let at = DateTime::parse_from_rfc3339("2026-10-16T14:05:09+01:00").unwrap();
        let a = email(&letter(b"<p>one</p>"), at).unwrap();
        assert_eq!(a, email(&letter(b"<p>one</p>"), at).unwrap());
        let b = email(&letter(b"<p>two</p>"), at).unwrap();
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

    /// The `Date` a mail client shows and sorts by: the moment the message was built, with its
    /// offset, when it goes out that day; a circulation dated another day has no known moment.
    #[test]
    fn a_message_is_dated_the_moment_it_is_built_on_its_own_day() {
        use mail_parser::MessageParser;
        let plan = example::plan(d("2026-11-24"));
        let council = example::council();
        let letter = |circulated: &str| Letter {
            owes_agreement: true,
            case_reference: &plan.case.reference,
            meeting: "2026-10-15",
            meeting_day: d("2026-10-15"),
            circulated: d(circulated),
            agreement_due: None,
            recipient: plan.member("school").unwrap(),
            sender: plan.member("sw"),
            next_meeting: None,
            attachments: vec![],
            council: &council,
        };
        let dated = |circulated: &str, at: &str| {
            let at = DateTime::parse_from_rfc3339(at).unwrap();
            let eml = email(&letter(circulated), at).unwrap();
            let m = MessageParser::default().parse(&eml).unwrap();
            let d = *m.date().unwrap();
            (
                d.hour,
                d.minute,
                d.second,
                d.tz_before_gmt,
                d.tz_hour,
                d.tz_minute,
                d.day,
            )
        };
        // Built at 14:05:09 British Summer Time on the day it goes out.
        assert_eq!(
            dated("2026-10-16", "2026-10-16T14:05:09+01:00"),
            (14, 5, 9, false, 1, 0, 16)
        );
        // In winter, and the same message built again a minute later says so.
        assert_eq!(
            dated("2026-12-07", "2026-12-07T09:31:40+00:00"),
            (9, 31, 40, false, 0, 0, 7)
        );
        assert_ne!(
            dated("2026-12-07", "2026-12-07T09:31:40+00:00"),
            dated("2026-12-07", "2026-12-07T09:32:40+00:00")
        );
        // Dated another day than it was built on: that day, at its start.
        assert_eq!(
            dated("2026-10-16", "2026-12-07T09:31:40+00:00"),
            (0, 0, 0, false, 0, 0, 16)
        );
    }

    #[test]
    fn no_email_no_message() {
        let plan = example::plan(d("2026-11-24"));
        let council = example::council();
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
            council: &council,
        };
        let at = DateTime::parse_from_rfc3339("2026-10-16T14:05:09+01:00").unwrap();
        assert!(email(&l, at).is_none());
        let letter = super::super::html::render(&cover_letter(&l, None));
        assert!(letter.contains("Shauna Brennan"));
        assert!(
            letter.contains("PRIVATE \u{2013} for you. This is about your family"),
            "{letter}"
        );
        assert!(!letter.contains("OFFICIAL"), "{letter}");
        assert!(!letter.contains("Larkspur"), "no address unless given");
    }

    #[test]
    fn a_letter_encloses_each_document_once_by_what_it_is() {
        let plan = example::plan(d("2026-11-24"));
        let council = example::council();
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
            council: &council,
        };
        let letter = super::super::markdown::render(&cover_letter(&l, None));
        let enclosed = &letter[letter.find("Enclosed").unwrap()..];
        assert_eq!(
            enclosed
                .lines()
                .skip_while(|l| !l.starts_with("- "))
                .take_while(|l| l.starts_with("- "))
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
        let council = example::council();
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
            council: &council,
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

    /// A letter that can be posted: the council's letterhead and return address, the
    /// recipient's name and address in the box a DL window envelope shows (20 mm from the left,
    /// 45 mm from the top of the page), the date, "Dear Mr Walsh", the enclosures, the lead
    /// worker as signatory, and who to contact; every word escaped once.
    #[test]
    fn a_letter_to_post_has_its_head_where_the_envelope_window_is() {
        use super::super::html::{self, PAGE_LEFT_MM, PAGE_TOP_MM, WINDOW_LEFT_MM, WINDOW_TOP_MM};
        let plan = example::plan(d("2026-11-24"));
        let council = example::council();
        let dad = plan.member("dad").unwrap();
        let l = Letter {
            owes_agreement: true,
            case_reference: &plan.case.reference,
            meeting: "2026-10-15",
            meeting_day: d("2026-10-15"),
            circulated: d("2026-10-16"),
            agreement_due: Some(d("2026-10-23")),
            recipient: dad,
            sender: plan.member("sw"),
            attachments: vec![Attachment {
                name: "plan.html".into(),
                bytes: Vec::new(),
            }],
            next_meeting: None,
            council: &council,
        };
        let page = html::render(&cover_letter(&l, dad.address.as_deref()));
        // The head comes first, before the marking and title, so it sits at the page's top.
        let head =
            &page[page.find("<div class=\"letter\">").unwrap()..page.find("<header>").unwrap()];
        let window = &head[head.find("<div class=\"window\">").unwrap()..];
        let window = &window[..window.find("</div>").unwrap()];
        let lines: Vec<&str> = window
            .lines()
            .filter_map(|l| l.strip_prefix("<p dir=\"auto\">"))
            .map(|l| l.trim_end_matches("</p>"))
            .collect();
        assert_eq!(
            lines,
            ["Mr Dean Walsh", "27 Foundry Lane", "Eastbrook", "EB1 7LD"]
        );
        // The window's place on the page: the print body starts at the page's margins.
        assert!(
            page.contains(&format!("margin: {PAGE_TOP_MM}mm {PAGE_LEFT_MM}mm")),
            "{page}"
        );
        assert!(page.contains(&format!(
            ".letter .window {{ position: absolute; left: {}mm; top: {}mm;",
            WINDOW_LEFT_MM - PAGE_LEFT_MM,
            WINDOW_TOP_MM - PAGE_TOP_MM
        )));
        assert!((43..=50).contains(&WINDOW_TOP_MM) && WINDOW_LEFT_MM == 20);
        let from = &head[..head.find("<div class=\"window\">").unwrap()];
        for want in [
            "Eastbrook Borough Council",
            "Civic Centre, Market Street",
            "EB1 1AA",
        ] {
            assert!(from.contains(want), "{want}: {from}");
        }
        assert!(head.contains("Friday 16 October 2026") && head.contains("EB-CP-2026-0417"));
        for want in [
            "<p dir=\"auto\">Dear Mr Walsh,</p>",
            "<p dir=\"auto\">Yours sincerely,</p>",
            "<p dir=\"auto\">Hannah Mercer</p>",
            "<p dir=\"auto\">Lead social worker</p>",
            "<p dir=\"auto\">Eastbrook Children's Services</p>",
            "<li dir=\"auto\">The plan: who is doing what, by when</li>",
            "<h2>Who to contact</h2>",
            "01632 960100",
            "01632 960999",
        ] {
            assert!(page.contains(want), "{want}");
        }
        assert!(
            !page.contains("&#39;") && !page.contains("&amp;"),
            "escaped once"
        );
        // No address to print: it goes by hand, never with another's address.
        let by_hand = html::render(&cover_letter(&l, None));
        assert!(by_hand.contains(&format!("<p dir=\"auto\">{BY_HAND}</p>")));
        assert!(!by_hand.contains("Foundry"));
    }

    #[test]
    fn the_council_s_picture_heads_the_letter_in_html_and_in_word_and_nothing_without_one() {
        use crate::domain::picture::Picture;
        let plan = example::plan(d("2026-11-24"));
        let council = example::council();
        let dad = plan.member("dad").unwrap();
        fn letter<'a>(
            plan: &'a crate::domain::plan::Plan,
            dad: &'a Member,
            council: &'a Council,
        ) -> Letter<'a> {
            Letter {
                owes_agreement: true,
                case_reference: &plan.case.reference,
                meeting: "2026-10-15",
                meeting_day: d("2026-10-15"),
                circulated: d("2026-10-16"),
                agreement_due: Some(d("2026-10-23")),
                recipient: dad,
                sender: plan.member("sw"),
                attachments: Vec::new(),
                next_meeting: None,
                council,
            }
        }
        let word_media = |doc: &Document| {
            let bytes = super::super::docx::render(doc).unwrap();
            // A zip names each part in the clear.
            bytes.windows(11).any(|w| w == b"word/media/")
        };
        let plain = cover_letter(&letter(&plan, dad, &council), None);
        assert!(!super::super::html::render(&plain).contains("<img"));
        assert!(!word_media(&plain));

        let png = include_bytes!("../../examples/letterhead.png").to_vec();
        let pictured = Council {
            letterhead_picture: Some(Picture::read(png).unwrap()),
            ..council.clone()
        };
        let doc = cover_letter(&letter(&plan, dad, &pictured), None);
        let page = super::super::html::render(&doc);
        let head = &page[page.find("<div class=\"letter\">").unwrap()..];
        // First in the letter's head, at 40 mm wide and in proportion (360 by 120 pixels).
        assert!(
            head.lines()
                .nth(1)
                .unwrap()
                .starts_with("<img src=\"data:image/png;base64,iVBORw0KGgo"),
            "{head}"
        );
        assert!(
            head.contains("style=\"width: 40.0mm; height: 13.3mm\""),
            "{head}"
        );
        assert!(word_media(&doc));
        // The same letter gives the same Word file.
        assert_eq!(
            super::super::docx::render(&doc).unwrap(),
            super::super::docx::render(&doc).unwrap()
        );
    }

    #[test]
    fn an_address_typed_on_one_line_is_set_out_with_its_postcode_last() {
        assert_eq!(
            address_lines("Flat 3, 12 Larkspur Court, Eastbrook eb4 2qt"),
            ["Flat 3", "12 Larkspur Court", "Eastbrook", "EB4 2QT"]
        );
        assert_eq!(
            address_lines("1 High St\nEastbrook\nEB1 1AA"),
            ["1 High St", "Eastbrook", "EB1 1AA"]
        );
        assert!(address_lines(" , ").is_empty());
    }

    #[test]
    fn a_family_member_s_note_opens_as_their_copy_does_and_says_whom_to_ring() {
        let plan = example::plan(d("2026-11-24"));
        let council = example::council();
        let l = |id: &str| Letter {
            owes_agreement: true,
            case_reference: &plan.case.reference,
            meeting: "2026-10-15",
            meeting_day: d("2026-10-15"),
            circulated: d("2026-10-16"),
            agreement_due: Some(d("2026-10-23")),
            recipient: plan.member(id).unwrap(),
            sender: plan.member("sw"),
            attachments: Vec::new(),
            next_meeting: None,
            council: &council,
        };
        let dad = cover_note(&l("dad"));
        assert!(
            dad.starts_with(super::super::document::FAMILY_MARKING),
            "{dad}"
        );
        assert!(dad.contains("PRIVATE \u{2013} for you"));
        assert!(dad.contains("Dear Mr Walsh,"));
        assert!(
            dad.contains(
                "Who to contact\nYour lead social worker: Hannah Mercer\nPhone: 01632 960123"
            ),
            "{dad}"
        );
        let school = cover_note(&l("school"));
        assert!(school.starts_with("OFFICIAL-SENSITIVE\n"), "{school}");
        assert!(school.contains(council.secure_email_note.as_deref().unwrap()));
        assert!(!school.contains("Who to contact") && !school.contains("PRIVATE"));
    }
}
