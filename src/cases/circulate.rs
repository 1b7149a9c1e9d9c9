//! Circulating a meeting's documents: one ready-to-send email per member in the meeting's
//! `outbox/` (or a printable cover letter for one with no email), each carrying the copy that
//! member should get, and the `circulated` event in the case log. Nothing is sent: there is no
//! network; any mail client opens an `.eml`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::log_event::log_event;
use crate::cases::documents::{is_rendered, issue_circulated_at};
use crate::cases::error::{CaseError, CirculateError, LoggedBut, MeetingError};
use crate::domain::agenda::Policy;
use crate::domain::calendar::Calendar;
use crate::domain::case_dates::{first_circulated, meeting_dates};
use crate::domain::case_log::{Circulated, Event, current_plan};
use crate::domain::council::AttachmentFormat;
use crate::domain::family_names::neutral_reference;
use crate::domain::id::Id;
use crate::domain::plan::{Member, Plan};
use crate::domain::reader::{addressed_to, reader_of};
use crate::export::circulation::{Attachment, Letter, cover_letter, email};
use crate::export::{
    FamilyDocument, MINUTES_DOCX, MINUTES_HTML, MINUTES_PDF, NEXT_MEETING_ICS, PLAN_DOCX,
    PLAN_HTML, PLAN_PDF, attachment_name, html, id_in_file_name, pdf,
};
use crate::store::files::{self, read_limited, stage_dir, write_atomic};
use crate::store::meeting_files::{publish_documents, stage_documents};
use crate::store::{CaseFolder, StoreError, case_log};

/// What circulating wrote, and for whom.
#[derive(Debug)]
pub struct Pack {
    pub meeting: String,
    pub outbox: PathBuf,
    /// (member's name, the `.eml` written)
    pub emails: Vec<(String, PathBuf)>,
    /// (member's name, the cover letter written, the files to print and enclose)
    pub letters: Vec<(String, PathBuf, Vec<String>)>,
    /// The line the case log shows for it.
    pub logged: String,
    /// What the reader should know: a document that goes in Word where the settings ask for a
    /// PDF, letters without the letterhead image that could not be read, and why.
    pub warnings: Vec<String>,
}

/// The file of family document `doc` member `id` gets from a meeting folder, in the format
/// `ext`: their own (`minutes-family-<id>.<ext>`, `plan-<id>.<ext>`) where it was made, else the
/// one every family member shares (`minutes-family.<ext>`, `plan.<ext>`), as a folder written
/// before each family member had their own holds. Whether they have their own is decided once
/// per document, by its HTML, so one message never mixes their own copy in one format with the
/// shared one in another.
pub fn family_document(
    meeting_dir: &Path,
    doc: FamilyDocument,
    id: &str,
    ext: &str,
) -> Option<PathBuf> {
    let file = if files::is_file(&meeting_dir.join(doc.own(id, "html"))) {
        meeting_dir.join(doc.own(id, ext))
    } else {
        meeting_dir.join(doc.shared(ext))
    };
    files::is_file(&file).then_some(file)
}

/// The files member `m` is sent from `dir`, by the reader they are as the case stands now
/// (`reader_of`): the minutes for professionals, the plan and the invitation for a professional;
/// their own family copy and their own plan for a family member, each ending with their own
/// agreement page (never the minutes for professionals, never the invitation, which names the
/// venue; the shared ones from a folder written before each had their own). Each document once:
/// its PDF where `format` asks for one and it was made, else its Word copy, which opens on a
/// phone and can be edited, else its HTML. The case file's copy goes to no one.
pub fn files_for(
    dir: &Path,
    now: &Plan,
    m: &Member,
    format: AttachmentFormat,
) -> Result<Vec<PathBuf>, CaseError> {
    let existing = |name: &str| Some(dir.join(name)).filter(|p| files::is_file(p));
    let pdf = |name: &str| existing(name).filter(|_| format == AttachmentFormat::Pdf);
    // One document: the PDF or Word copy where it was made, else the HTML, which must be there.
    let one = |pdf: Option<PathBuf>, docx: Option<PathBuf>, html: Option<PathBuf>, name: &str| {
        pdf.or(docx).or(html).ok_or_else(|| missing(dir, name))
    };
    let mut out = Vec::new();
    if reader_of(now, &m.id).is_family() {
        for doc in FamilyDocument::ALL {
            let file = |ext| family_document(dir, doc, &m.id, ext);
            let pdf = file("pdf").filter(|_| format == AttachmentFormat::Pdf);
            out.push(one(pdf, file("docx"), file("html"), &doc.shared("html"))?);
        }
    } else {
        out.push(one(
            pdf(MINUTES_PDF),
            existing(MINUTES_DOCX),
            existing(MINUTES_HTML),
            MINUTES_HTML,
        )?);
        out.push(one(
            pdf(PLAN_PDF),
            existing(PLAN_DOCX),
            existing(PLAN_HTML),
            PLAN_HTML,
        )?);
        out.extend(existing(NEXT_MEETING_ICS));
    }
    Ok(out)
}

/// Why `file`, sent where a PDF was asked for, is not a PDF, with the name it goes under: the
/// characters of its document (as its Markdown beside it has them) that the PDF's font cannot
/// show. `None` when it is a PDF, or a calendar file, which has no PDF.
fn not_a_pdf(file: &Path) -> Option<(String, String)> {
    let name = file_name(file);
    if name.ends_with(".pdf") || name.ends_with(".ics") {
        return None;
    }
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    let why = read_limited(&file.with_file_name(format!("{stem}.md")))
        .ok()
        .map(|md| pdf::unsupported(&String::from_utf8_lossy(&md)))
        .filter(|u| !u.chars.is_empty())
        .map_or_else(
            || "it could not be made as a PDF".to_string(),
            |u| u.to_string(),
        );
    Some((attachment_name(&name), why))
}

/// One warning for each document sent in another format than the PDF asked for: what goes
/// instead, to whom, and why.
fn not_pdf_warnings(sent: &[((String, String), Vec<String>)]) -> Vec<String> {
    sent.iter()
        .map(|((file, why), to)| {
            pdf::Instead {
                file: file.clone(),
                to: to.join(", "),
                why: why.clone(),
            }
            .to_string()
        })
        .collect()
}

fn missing(dir: &Path, name: &str) -> CirculateError {
    CirculateError::Missing {
        dir: dir.to_path_buf(),
        name: name.to_string(),
    }
}

/// A member id as a file name: one name per id, even where file names ignore case; a very
/// long id gets a plain name.
fn file_stem(m: &Member, index: usize) -> String {
    let stem = id_in_file_name(&m.id);
    if stem.is_empty() || stem.len() > 64 {
        format!("member-{}", index + 1)
    } else {
        stem
    }
}

/// What to circulate: a meeting (the latest when `None`), on a day, and why when it is a
/// re-issue.
#[derive(Clone, Copy, Debug)]
pub struct Circulation<'a> {
    pub meeting: Option<&'a str>,
    pub day: NaiveDate,
    pub reason: Option<&'a str>,
}

/// Write the circulation pack of `meeting` (the latest when `None`) on `day`, and log it.
///
/// The meeting's documents are rendered first, as the final issue going out on `day`, so what
/// is attached says so. `now` is the moment the pack is made, local time with its offset: the
/// emails' `Date` when `day` is its day (`circulation::sent_at`), and the stamp of a new
/// invitation when the next meeting moved.
/// Everything is made in temporary folders in the meeting's folder; the `circulated` event in
/// the log is the point of no return, and only then are the documents put in place as final and
/// the pack in place of the outbox. So a failure before it (a full disk) leaves the documents,
/// the outbox and the log as they were, and a temporary folder a crash leaves is removed by the
/// next command; a failure after it is finished by circulating again (the same day logs
/// nothing new).
pub fn circulate(
    case: &CaseFolder,
    plan: &Plan,
    request: Circulation,
    now: DateTime<FixedOffset>,
    policy: &Policy,
    cal: &Calendar,
) -> Result<Pack, CaseError> {
    let Circulation {
        meeting,
        day,
        reason,
    } = request;
    let ids = case.meeting_ids().map_err(|error| StoreError::Read {
        path: case.meetings_dir(),
        error,
    })?;
    let id = match meeting {
        Some(m) if ids.iter().any(|i| i == m) => m.to_string(),
        Some(m) => {
            return Err(MeetingError::NoneToCirculate {
                id: m.to_string(),
                known: ids,
            }
            .into());
        }
        None => ids
            .last()
            .cloned()
            .ok_or(MeetingError::NoneHeldToCirculate)?,
    };
    let nothing = |e: CaseError| CirculateError::Nothing(Box::new(e));
    // Rendered afresh for each reader from the case as it stands now, before anything is
    // attached (an address withheld or a member ticked family since the meeting counts), into a
    // temporary folder: nothing is final until the circulation is logged.
    let issued = issue_circulated_at(case, &id, now.naive_utc(), day, reason)?;
    let dir = case.meeting_dir(&id);
    let staged_docs =
        stage_documents(&dir, &issued.docs).map_err(|e| nothing(CaseError::at(&dir, e)))?;
    let record = &issued.file.meeting;
    let log = case_log::load(case)?;
    // Who is in the core group, who is family and who has left, as the case stands now.
    let people = current_plan(plan, &log);
    let meeting_day = record.details.date.unwrap_or(day);
    // The agreements count from the first circulation: a re-issue does not restart them.
    let agreement_due = record.details.date.map(|held| {
        let first = first_circulated(&people, held, Some(day));
        meeting_dates(held, first, policy.into(), cal)
            .agreements_by
            .in_practice()
    });

    let (council, notes) =
        crate::store::council_file::settings_with_notes(&plan.case.local_authority);
    let outbox = case.outbox_dir(&id);
    let staged_pack = stage_dir(&dir).map_err(|e| nothing(CaseError::at(&dir, e)))?;
    let mut pack = Pack {
        meeting: id.clone(),
        outbox: outbox.clone(),
        emails: Vec::new(),
        letters: Vec::new(),
        logged: String::new(),
        warnings: notes,
    };
    // Who owes the signed agreement: the one rule `status` and the caseload count by.
    let owing: Vec<Id> = crate::domain::case_log::agreement_due_from(
        &people,
        &log,
        meeting_day,
        policy.lead_worker_signs_agreement,
    )
    .into_iter()
    .map(|m| m.id.clone())
    .collect();
    let recipients: Vec<&Member> = people
        .members
        .iter()
        .filter(|m| m.left.is_none_or(|l| l > day))
        .collect();
    // Each document sent in Word where a PDF was asked for, and to whom.
    let mut not_pdf: Vec<((String, String), Vec<String>)> = Vec::new();
    // The PDF letters the letterhead image could not be drawn on (`pdf::draws`).
    let mut no_picture: Vec<String> = Vec::new();
    for (i, m) in recipients.iter().enumerate() {
        let format = council
            .attachments
            .for_family(reader_of(&people, &m.id).is_family());
        let files = files_for(staged_docs.path(), &people, m, format)?;
        if format == AttachmentFormat::Pdf {
            for doc in files.iter().filter_map(|f| not_a_pdf(f)) {
                match not_pdf.iter_mut().find(|(d, _)| *d == doc) {
                    Some((_, to)) => to.push(m.name.clone()),
                    None => not_pdf.push((doc, vec![m.name.clone()])),
                }
            }
        }
        let attachments = files
            .iter()
            .map(|f| {
                Ok(Attachment {
                    name: attachment_name(&file_name(f)),
                    bytes: read_limited(f).map_err(|error| StoreError::Read {
                        path: f.clone(),
                        error,
                    })?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        // Who it is to and from, as this recipient may read the case.
        let view =
            addressed_to(&people, &m.id).ok_or_else(|| CirculateError::NoLetter(m.name.clone()))?;
        let seen = view.plan();
        let recipient = seen.member(&m.id).unwrap_or(m);
        let sender = seen.lead_member();
        // The subject shows in every inbox list: a reference with the family's name goes
        // without it (`check` warns of it).
        let reference = neutral_reference(seen);
        let letter = Letter {
            case_reference: &reference,
            meeting: &id,
            meeting_day,
            circulated: day,
            agreement_due,
            owes_agreement: owing.contains(&m.id),
            recipient,
            sender,
            next_meeting: record
                .next_meeting
                .date
                .map(|d| (d, record.next_meeting.time)),
            attachments,
            council: &council,
        };
        let stem = file_stem(m, i);
        let (name, bytes) = match email(&letter, now) {
            Some(eml) => (format!("{stem}.eml"), eml),
            None => {
                let address = printable_address(&people, m).and(recipient.address.as_deref());
                let doc = cover_letter(&letter, address);
                let html = || {
                    (
                        format!("{stem}-letter.html"),
                        html::render(&doc).into_bytes(),
                    )
                };
                // The letter in the format of what it encloses: a PDF prints as it is, its
                // address in the envelope's window.
                if format == AttachmentFormat::Pdf {
                    match pdf::render(&doc) {
                        Ok(bytes) => {
                            let name = format!("{stem}-letter.pdf");
                            if council
                                .letterhead_picture
                                .as_ref()
                                .is_some_and(|p| !pdf::draws(p))
                            {
                                no_picture.push(name.clone());
                            }
                            (name, bytes)
                        }
                        Err(e) => {
                            let (name, bytes) = html();
                            not_pdf.push(((name.clone(), e.to_string()), vec![m.name.clone()]));
                            (name, bytes)
                        }
                    }
                } else {
                    html()
                }
            }
        };
        let staged = staged_pack.path().join(&name);
        write_atomic(&staged, &bytes).map_err(|error| {
            nothing(
                StoreError::Write {
                    path: outbox.join(&name),
                    error,
                }
                .into(),
            )
        })?;
        let path = outbox.join(&name);
        if name.ends_with(".eml") {
            pack.emails.push((m.name.clone(), path));
        } else {
            // Whoever posts it prints the folder's own files.
            let enclose = files.iter().map(|f| file_name(f)).collect();
            pack.letters.push((m.name.clone(), path, enclose));
        }
    }

    pack.warnings.extend(not_pdf_warnings(&not_pdf));
    if !no_picture.is_empty() {
        pack.warnings.push(format!(
            "{} without the council's letterhead image: a PNG that is transparent or interlaced \
             is drawn in the HTML and Word letters only\n  hint: save it without transparency, \
             or as a JPEG, to have it on the PDF letters too",
            match no_picture.as_slice() {
                [one] => format!("{one} goes"),
                many => format!("{} go", many.join(", ")),
            }
        ));
    }

    // Circulating again on the same day logs nothing new.
    let already = log
        .events()
        .any(|e| matches!(e, Event::Circulated(c) if c.meeting == id && c.date == day));
    let event = Event::Circulated(Circulated {
        date: day,
        meeting: id.clone(),
        to: recipients.iter().map(|m| m.id.clone()).collect(),
        reason: reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string),
    });
    pack.logged = if already {
        event.describe(&people)
    } else {
        match log_event(case, plan, event.clone(), day) {
            Ok(line) => line,
            // The new log may be in place though its folder was not synced: then it is logged.
            Err(_) if is_logged(case, &id, day) => event.describe(&people),
            Err(e) => return Err(nothing(e.into()).into()),
        }
    };
    // Logged: from here the documents are final and the pack is the one to send.
    let unfinished = |left: LoggedBut| CirculateError::Unfinished {
        left,
        root: case.root().to_path_buf(),
        meeting: id.clone(),
        day,
    };
    if issued.restamped() {
        issued
            .write_record()
            .map_err(|e| unfinished(LoggedBut::Record(Box::new(e))))?;
    }
    publish_documents(staged_docs, &dir, &issued.docs, is_rendered)
        .map_err(|e| unfinished(LoggedBut::Documents(e)))?;
    staged_pack.replace(&outbox).map_err(|error| {
        unfinished(LoggedBut::Pack {
            outbox: outbox.clone(),
            error,
        })
    })?;
    Ok(pack)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether the log holds the circulation of meeting `id` on `day`.
fn is_logged(case: &CaseFolder, id: &str, day: NaiveDate) -> bool {
    case_log::load(case).is_ok_and(|log| log.circulated_days(id).contains(&day))
}

/// The address printed on a cover letter: never one that is withheld.
fn printable_address<'a>(plan: &Plan, m: &'a Member) -> Option<&'a str> {
    let withheld = m.withhold_address || (m.family && plan.case.withhold_family_address);
    m.address.as_deref().filter(|_| !withheld)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::case::OUTBOX_DIR;
    use proptest::prelude::*;

    fn member(id: &str, family: bool) -> Member {
        Member {
            privacy: Default::default(),
            id: id.into(),
            name: "Sam Example".into(),
            role: "Role".into(),
            agency: String::new(),
            family,
            email: None,
            phone: None,
            title: None,
            preferred_name: None,
            language: None,
            address: None,
            withhold_address: false,
            joined: None,
            left: None,
        }
    }

    fn plan_of(m: Member) -> Plan {
        let mut plan =
            crate::domain::example::plan(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        plan.members = vec![m];
        plan
    }

    proptest! {
        /// Whatever copies a meeting folder holds, a family member is sent only a family copy
        /// and a plan, each their own where it was made, else the one the family shares (a
        /// folder written before each had their own): never the minutes for professionals, the
        /// invitation, or another member's own copy or plan.
        #[test]
        fn a_family_member_never_gets_what_is_not_for_them(
            id in "[a-z][a-z0-9]{0,6}",
            others in proptest::collection::vec("[a-z][a-z0-9]{0,6}", 0..4),
            own in any::<bool>(),
            own_plan in any::<bool>(),
            docx in any::<bool>(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut names = vec![
                "minutes.html".to_string(), "minutes.md".into(), "minutes-family.html".into(),
                "plan.html".into(), "next-meeting.ics".into(),
            ];
            if docx {
                names.extend(["minutes.docx".to_string(), "minutes-family.docx".into(), "plan.docx".into()]);
            }
            for o in others.iter().filter(|o| **o != id) {
                names.extend([format!("minutes-family-{o}.html"), format!("plan-{o}.html")]);
            }
            if own {
                names.push(format!("minutes-family-{id}.html"));
            }
            if own_plan {
                names.push(format!("plan-{id}.html"));
            }
            for n in &names {
                std::fs::write(dir.path().join(n), n).unwrap();
            }
            let sent: Vec<String> = files_for(dir.path(), &plan_of(member(&id, true)), &member(&id, true), AttachmentFormat::Word)
                .unwrap()
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            // Their own copy (made here in HTML only) where there is one, else the family's, in
            // Word where it was made; and the plan: each document once.
            let copy = match (own, docx) {
                (true, _) => format!("minutes-family-{id}.html"),
                (false, true) => "minutes-family.docx".into(),
                (false, false) => "minutes-family.html".into(),
            };
            let plan = match (own_plan, docx) {
                (true, _) => format!("plan-{id}.html"),
                (false, true) => "plan.docx".into(),
                (false, false) => "plan.html".into(),
            };
            prop_assert_eq!(&sent, &vec![copy, plan]);
            let pro: Vec<_> = files_for(dir.path(), &plan_of(member(&id, false)), &member(&id, false), AttachmentFormat::Word).unwrap();
            let minutes = if docx { "minutes.docx" } else { "minutes.html" };
            prop_assert!(pro.iter().any(|p| p.ends_with(minutes)));
            prop_assert!(!pro.iter().any(|p| p.to_string_lossy().contains("minutes-family")));
            prop_assert!(!pro.iter().any(|p| p.to_string_lossy().contains("plan-")));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// Whatever the confidential note and a withheld address say, a family member's email
        /// (parsed back) carries neither, while a professional's carries the note.
        #[test]
        fn a_family_member_s_email_never_carries_what_is_not_for_them(
            secret in "[A-Z][a-z]{6,12} [a-z]{6,12} [a-z]{6,12}",
            street in "[A-Z][a-z]{5,10} (Road|Lane|Close)",
        ) {
            use crate::domain::example;
            use crate::domain::meeting::Note;
            use crate::agenda::AgendaSnapshot;
            use crate::store::case::write_yaml;
            use crate::store::meeting_files::MinutesFile;
            use mail_parser::{MessageParser, MimeHeaders};

            let today: NaiveDate = "2026-11-24".parse().unwrap();
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("case");
            crate::cases::new_case::create_case(&root, true, today).unwrap();
            let case = CaseFolder::open(&root).unwrap();
            let id = case.meeting_ids().unwrap().pop().unwrap();
            let mut plan = example::plan(today);
            let dad = plan.members.iter_mut().find(|m| m.id == "dad").unwrap();
            dad.address = Some(format!("9 {street}, Eastbrook"));
            dad.withhold_address = true;
            let mut meeting = case.load_meeting(&id).unwrap();
            meeting.notes.push(Note {
                id: "n9".into(),
                step: "agency-progress".into(),
                text: secret.clone(),
                privacy: crate::domain::privacy::Privacy::marked(true),
                subject: Default::default(),
            });
            let agenda: crate::domain::agenda::Agenda = crate::store::yaml::parse_str(
                crate::agenda::builtin("core-group").unwrap(),
                Path::new("core-group.yaml"),
            )
            .unwrap();
            let cal = Calendar::new(plan.case.division);
            // Circulating writes the documents again from the record, so the record holds it.
            let dir = case.meeting_dir(&id);
            let file = MinutesFile::new(meeting, AgendaSnapshot::of(&agenda));
            write_yaml(&dir.join(crate::store::case::MINUTES_FILE), &file).unwrap();
            write_yaml(&dir.join(crate::store::case::PLAN_FILE), &plan).unwrap();
            let now = today.and_hms_opt(9, 0, 0).unwrap().and_utc().fixed_offset();
            let request = Circulation {
                meeting: None,
                day: today,
                reason: None,
            };
            circulate(&case, &plan, request, now, &agenda.policy, &cal).unwrap();
            let outbox = case.meeting_dir(&id).join(OUTBOX_DIR);
            let read = |name: &str| std::fs::read(outbox.join(name)).unwrap();
            let family = read("dad.eml");
            let message = MessageParser::default().parse(&family).unwrap();
            prop_assert!(message.attachments().count() >= 2);
            for a in message.attachments() {
                let text = String::from_utf8_lossy(a.contents());
                let name = a.attachment_name().unwrap_or_default();
                prop_assert!(!text.contains(&secret), "{} carries the note", name);
                prop_assert!(!text.contains(&street), "{} carries the address", name);
            }
            let school = read("school.eml");
            let message = MessageParser::default().parse(&school).unwrap();
            let carries = message
                .attachments()
                .any(|a| String::from_utf8_lossy(a.contents()).contains(&secret));
            prop_assert!(carries, "the professionals' minutes carry the note");
        }
    }

    #[test]
    fn the_covering_note_asks_for_the_agreement_only_of_those_who_owe_it() {
        use crate::domain::example;
        use mail_parser::MessageParser;
        let today: NaiveDate = "2026-11-24".parse().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("case");
        crate::cases::new_case::create_case(&root, true, today).unwrap();
        let case = CaseFolder::open(&root).unwrap();
        let mut plan = example::plan(today);
        // Joined after the meeting of 15 Oct 2026, added by hand.
        let mut fsw = plan.member("school").unwrap().clone();
        fsw.id = "fsw".into();
        fsw.name = "Priya Shah".into();
        fsw.email = Some("priya.shah@example.org.uk".into());
        fsw.joined = Some("2026-11-02".parse().unwrap());
        plan.members.push(fsw);
        let mut agenda: crate::domain::agenda::Agenda = crate::store::yaml::parse_str(
            crate::agenda::builtin("core-group").unwrap(),
            Path::new("core-group.yaml"),
        )
        .unwrap();
        agenda.policy.lead_worker_signs_agreement = false;
        let cal = Calendar::new(plan.case.division);
        let request = Circulation {
            meeting: None,
            day: today,
            reason: None,
        };
        let now = today.and_hms_opt(9, 0, 0).unwrap().and_utc().fixed_offset();
        circulate(&case, &plan, request, now, &agenda.policy, &cal).unwrap();
        let id = case.meeting_ids().unwrap().pop().unwrap();
        let outbox = case.meeting_dir(&id).join(OUTBOX_DIR);
        let note = |name: &str| {
            let bytes = std::fs::read(outbox.join(name)).unwrap();
            let message = MessageParser::default().parse(&bytes).unwrap();
            message.body_text(0).unwrap().replace(['\n', '\r'], " ")
        };
        // Circulated after the day: the note says the agreement was due, to those who owe it.
        let asks = |text: &str| {
            text.contains("return your signed written agreement")
                || text.contains("signed written agreement was due back")
        };
        assert!(asks(&note("school.eml")), "{}", note("school.eml"));
        // Dated the moment the pack was made, on the day it goes out: not the day's midnight.
        let bytes = std::fs::read(outbox.join("school.eml")).unwrap();
        let date = MessageParser::default()
            .parse(&bytes)
            .unwrap()
            .date()
            .cloned();
        let date = date.unwrap();
        assert_eq!(
            (date.day, date.hour, date.minute, date.second),
            (24, 9, 0, 0)
        );
        assert!(!asks(&note("sw.eml")), "the lead worker's is optional here");
        assert!(!asks(&note("fsw.eml")), "joined after the meeting");
    }

    /// Every member by post, each with an address of their own, every other one withheld: each
    /// letter carries its recipient's own address when it may be printed (else it goes by hand),
    /// and never another member's.
    #[test]
    fn every_letter_carries_its_recipient_s_own_address_and_no_one_else_s() {
        for family_withheld in [true, false] {
            letters_with_addresses(family_withheld);
        }
    }

    fn letters_with_addresses(family_withheld: bool) {
        use crate::domain::example;
        let today: NaiveDate = "2026-11-24".parse().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("case");
        crate::cases::new_case::create_case(&root, true, today).unwrap();
        let case = CaseFolder::open(&root).unwrap();
        let mut plan = example::plan(today);
        plan.case.withhold_family_address = family_withheld;
        let street = |i: usize| format!("Quillon{}wick Road", (b'a' + i as u8) as char);
        for (i, m) in plan.members.iter_mut().enumerate() {
            m.email = None;
            m.address = Some(format!(
                "{} {}, Eastbrook EB9 {}QZ",
                i + 1,
                street(i),
                i + 1
            ));
            m.withhold_address = i % 2 == 0;
        }
        let id = case.meeting_ids().unwrap().pop().unwrap();
        crate::store::case::write_yaml(
            &case.meeting_dir(&id).join(crate::store::case::PLAN_FILE),
            &plan,
        )
        .unwrap();
        let agenda: crate::domain::agenda::Agenda = crate::agenda::shipped("core-group").unwrap();
        let cal = Calendar::new(plan.case.division);
        let request = Circulation {
            meeting: None,
            day: today,
            reason: None,
        };
        let now = today.and_hms_opt(9, 0, 0).unwrap().and_utc().fixed_offset();
        let pack = circulate(&case, &plan, request, now, &agenda.policy, &cal).unwrap();
        assert_eq!(pack.letters.len(), plan.members.len());
        let outbox = case.meeting_dir(&id).join(OUTBOX_DIR);
        for (i, m) in plan.members.iter().enumerate() {
            let letter =
                std::fs::read_to_string(outbox.join(format!("{}-letter.html", m.id))).unwrap();
            for (j, other) in plan.members.iter().enumerate() {
                let printed = letter.contains(&street(j));
                // Withheld by the member's own tick, or for a family member by the family's.
                let withheld =
                    other.withhold_address || (other.family && plan.case.withhold_family_address);
                if i == j && !withheld {
                    assert!(printed, "{}'s own address is missing", m.id);
                } else {
                    assert!(!printed, "{}'s address in the letter to {}", other.id, m.id);
                }
            }
            if m.withhold_address || (m.family && plan.case.withhold_family_address) {
                assert!(
                    letter.contains(crate::export::circulation::BY_HAND),
                    "{}",
                    m.id
                );
            }
        }
    }
}
