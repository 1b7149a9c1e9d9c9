//! The documents a closed meeting produces: minutes for professionals, the family's copy, the
//! plan, and the invitation to the next meeting. Pure functions of the record: no I/O, no clock,
//! so the same record always gives the same bytes.
//!
//! Each document is built once as a [`document::Document`] and rendered to Markdown, HTML and
//! Word, so the formats cannot drift apart.

pub mod changes;
pub mod circulation;
pub mod clean;
pub mod contact;
pub mod document;
pub mod docx;
pub mod family;
pub mod family_ending;
pub mod file_names;
pub mod glossary;
pub mod html;
pub mod ics;
pub mod markdown;
pub mod minutes;
pub mod pdf;
pub mod pdf_fonts;
pub mod plan;
pub mod record;
pub mod resolution_request;
pub mod review_report;
pub mod wording;

use crate::agenda::AgendaSnapshot;
pub use file_names::{
    CASE_FILE_HTML, CASE_FILE_MD, FAMILY_DOCX, FAMILY_HTML, FAMILY_MD, FAMILY_PDF, FAMILY_PREFIX,
    FamilyDocument, MINUTES_DOCX, MINUTES_HTML, MINUTES_MD, MINUTES_PDF, NEXT_MEETING_ICS,
    PLAN_DOCX, PLAN_HTML, PLAN_MD, PLAN_PDF, PLAN_PREFIX, attachment_name, id_in_file_name,
    is_own_document, own_copy_name, own_plan_name,
};
pub use record::Record;

use crate::domain::calendar::Calendar;
use crate::domain::council::Council;
use crate::domain::meeting::Meeting;
use crate::domain::plan::Plan;
use crate::domain::reader::{Reader, View, Views, family_readers};

/// One rendered file: its name in the meeting folder and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub name: String,
    pub text: String,
}

impl Rendered {
    fn markdown(name: impl Into<String>, doc: &document::Document) -> Rendered {
        Rendered {
            name: name.into(),
            text: markdown::render(doc),
        }
    }

    fn html(name: impl Into<String>, doc: &document::Document) -> Rendered {
        Rendered {
            name: name.into(),
            text: html::render(doc),
        }
    }
}

/// The case a meeting's documents are made for: the record, the plan the meeting left, and
/// the case as it stands now (its plan with the log applied), which says who is family, who
/// has left and which addresses are withheld.
#[derive(Clone, Copy)]
pub struct Case<'a> {
    pub meeting: &'a Meeting,
    pub left: &'a Plan,
    pub now: &'a Plan,
}

impl<'a> Case<'a> {
    /// A meeting just closed: the case is as the meeting left it.
    pub fn at_close(meeting: &'a Meeting, plan: &'a Plan) -> Case<'a> {
        Case {
            meeting,
            left: plan,
            now: plan,
        }
    }
}

/// Every document of a meeting, with the minutes as first written (a draft). The invitation is
/// missing when no next date was set.
pub fn render_all(case: Case, agenda: &AgendaSnapshot, calendar: &Calendar) -> Vec<Rendered> {
    render_all_issued(case, agenda, calendar, document::Issue::FIRST_DRAFT)
}

/// [`render_all`], with the minutes saying which issue they are (final once circulated).
pub fn render_all_issued(
    case: Case,
    agenda: &AgendaSnapshot,
    calendar: &Calendar,
    issue: document::Issue,
) -> Vec<Rendered> {
    build(case, agenda, calendar, issue, None).text()
}

/// One file of a meeting's folder as bytes: a text document or a Word file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Every file of a meeting's folder: the documents of [`render_all_issued`] and their Word
/// versions (each family member's own copy and plan too), each document built once for all its
/// formats,
/// and their PDFs where the council's settings attach PDFs (see [`render_files_for`]).
pub fn render_files(
    case: Case,
    agenda: &AgendaSnapshot,
    calendar: &Calendar,
    issue: document::Issue,
) -> std::io::Result<Vec<RenderedFile>> {
    render_files_for(case, agenda, calendar, issue, None)
}

/// [`render_files`], made with the council's settings (`None`: the fallback from the plan's
/// local authority, `Council::fallback`). Where the settings attach PDFs to the family's
/// documents, the family's copies and each family member's plan are made as PDFs too; to the
/// professionals', the minutes and the plan. A document whose text the PDF's font cannot show gets no PDF
/// ([`pdf::Unsupported`]): circulating then attaches its Word copy and says why.
pub fn render_files_for(
    case: Case,
    agenda: &AgendaSnapshot,
    calendar: &Calendar,
    issue: document::Issue,
    council: Option<&Council>,
) -> std::io::Result<Vec<RenderedFile>> {
    Ok(render_files_saying(case, agenda, calendar, issue, council)?.files)
}

/// A meeting's files, and each document that goes in Word where the settings ask for a PDF.
pub struct MeetingFiles {
    pub files: Vec<RenderedFile>,
    pub instead: Vec<pdf::Instead>,
}

/// [`render_files_for`], saying which documents get no PDF, to whom their Word copy goes
/// instead, and why.
pub fn render_files_saying(
    case: Case,
    agenda: &AgendaSnapshot,
    calendar: &Calendar,
    issue: document::Issue,
    council: Option<&Council>,
) -> std::io::Result<MeetingFiles> {
    use crate::domain::council::AttachmentFormat;
    let built = build(case, agenda, calendar, issue, council);
    let formats = council.map(|c| c.attachments).unwrap_or_default();
    let family_pdf = formats.family == AttachmentFormat::Pdf;
    let professionals_pdf = formats.professionals == AttachmentFormat::Pdf;
    let mut docs: Vec<(String, &document::Document, Kind)> = vec![
        (MINUTES_DOCX.to_string(), &built.minutes, Kind::Word),
        (FAMILY_DOCX.into(), &built.family, Kind::Word),
        (PLAN_DOCX.into(), &built.plan, Kind::Word),
    ];
    docs.extend(
        built
            .own_documents("docx")
            .map(|(name, doc)| (name, doc, Kind::Word)),
    );
    if professionals_pdf {
        docs.push((MINUTES_PDF.into(), &built.minutes, Kind::Pdf));
        docs.push((PLAN_PDF.into(), &built.plan, Kind::Pdf));
    }
    if family_pdf {
        docs.push((FAMILY_PDF.into(), &built.family, Kind::Pdf));
        docs.extend(
            built
                .own_documents("pdf")
                .map(|(name, doc)| (name, doc, Kind::Pdf)),
        );
    }
    // Word and PDF take longer than the text formats on a large case: their files are made
    // beside them, each on a thread of its own.
    let (text, made, not_made) = std::thread::scope(|scope| {
        let made: Vec<_> = docs
            .into_iter()
            .map(|(name, doc, kind)| {
                (
                    name,
                    scope.spawn(move || match kind {
                        Kind::Word => docx::render(doc).map(Ok),
                        // No PDF of a document its font cannot show: the Word copy goes instead.
                        Kind::Pdf => Ok(pdf::render(doc)),
                    }),
                )
            })
            .collect();
        let text = built.text();
        let mut not_made = Vec::new();
        let made: std::io::Result<Vec<RenderedFile>> = made
            .into_iter()
            .filter_map(|(name, job)| match job.join() {
                Err(_) => Some(Err(std::io::Error::other(format!(
                    "{name} could not be made"
                )))),
                Ok(Err(e)) => Some(Err(e)),
                Ok(Ok(Err(why))) => {
                    not_made.push((name, why));
                    None
                }
                Ok(Ok(Ok(bytes))) => Some(Ok(RenderedFile { name, bytes })),
            })
            .collect();
        (text, made, not_made)
    });
    let mut out: Vec<RenderedFile> = text
        .into_iter()
        .map(|r| RenderedFile {
            name: r.name,
            bytes: r.text.into_bytes(),
        })
        .collect();
    out.extend(made?);
    // Who each PDF is for, as the settings send them: the minutes and the plan everyone shares
    // to the professionals, every family copy and each member's own plan to the family.
    let to = |name: &str| {
        if [MINUTES_PDF, PLAN_PDF].contains(&name) {
            "the professionals"
        } else {
            "the family"
        }
    };
    // Each document once, under the name it is sent under: a member's own copy as the family's.
    let mut instead: Vec<pdf::Instead> = Vec::new();
    for (name, why) in not_made {
        let said = pdf::Instead {
            file: attachment_name(&format!("{}.docx", name.trim_end_matches(".pdf"))),
            to: to(&name).to_string(),
            why: why.to_string(),
        };
        if !instead.contains(&said) {
            instead.push(said);
        }
    }
    Ok(MeetingFiles {
        files: out,
        instead,
    })
}

/// The formats made beside the text ones.
#[derive(Clone, Copy)]
enum Kind {
    Word,
    Pdf,
}

/// A meeting's documents, built once and rendered to every format, each from the view of its
/// reader.
struct Built {
    /// For professionals: no withheld address.
    minutes: document::Document,
    /// For the case file: everything. Never circulated.
    case_file: document::Document,
    /// The family's copy every family member may read, or what stands in for it when it could
    /// not be made safely. Sent to no one a meeting's documents are made for now (each family
    /// member has their own); an older meeting's folder may have only it.
    family: document::Document,
    /// The plan every family member may read, with no one's agreement page: the professionals'.
    plan: document::Document,
    /// Each family member's own copy and own plan, made from their own view and ending with
    /// their own agreement page.
    own: Vec<Own>,
    ics: Option<String>,
}

/// A family member's own documents.
struct Own {
    id: String,
    copy: document::Document,
    plan: document::Document,
}

impl Built {
    /// Each family member's own copy and plan with their file names in `ext`.
    fn own_documents<'a>(
        &'a self,
        ext: &'a str,
    ) -> impl Iterator<Item = (String, &'a document::Document)> + 'a {
        self.own.iter().flat_map(move |o| {
            [
                (own_copy_name(&o.id, ext), &o.copy),
                (own_plan_name(&o.id, ext), &o.plan),
            ]
        })
    }
}

fn build(
    case: Case,
    agenda: &AgendaSnapshot,
    calendar: &Calendar,
    issue: document::Issue,
    council: Option<&Council>,
) -> Built {
    let marking = council.map_or(crate::domain::council::DEFAULT_MARKING, |c| &c.marking);
    let rendered = |v: &Option<View>, make: &dyn Fn(Record) -> document::Document| match v {
        Some(v) => make(Record::of(v, agenda, calendar).with_council(council)),
        None => not_made(marking),
    };
    // Every reader's view from one taking-out of what no reader but the case file reads.
    let views = Views::new(case.meeting, case.left, case.now);
    let professionals = views.view(Reader::Professionals);
    let minutes = rendered(&professionals, &|r| {
        minutes::minutes_issued(r, issue.clone())
    });
    let case_file = rendered(&views.view(Reader::CaseFile), &|r| {
        minutes::minutes_issued(r, issue.clone())
    });
    // Every family member is sent their own copy and plan, each from their own view and ending
    // with their own page to sign: one rule, whatever is kept from whom.
    let own = family_readers(case.now)
        .into_iter()
        .map(|id| {
            let v = views.view(Reader::Family(id.clone()));
            Own {
                copy: rendered(&v, &|r| family::family_minutes_issued(r, issue.clone())),
                plan: rendered(&v, &|r| plan::plan_document(r.issued(&issue))),
                id,
            }
        })
        .collect();
    let everyone = views.view(Reader::EveryFamilyMember);
    Built {
        minutes,
        case_file,
        family: rendered(&everyone, &|r| {
            family::family_minutes_issued(r, issue.clone())
        }),
        // Made from the view every family member may read, as it always was, so nothing kept
        // from one of them is in it.
        plan: rendered(&everyone, &|r| plan::plan_document(r.issued(&issue))),
        own,
        ics: professionals
            .as_ref()
            .and_then(|v| ics::next_meeting_ics(Record::of(v, agenda, calendar))),
    }
}

impl Built {
    fn text(&self) -> Vec<Rendered> {
        let mut out = Vec::with_capacity(9 + 4 * self.own.len());
        let own = self
            .own_documents("md")
            .zip(self.own_documents("html"))
            .map(|((md, doc), (html, _))| (md, html, doc));
        for (md, html, doc) in [
            (
                MINUTES_MD.to_string(),
                MINUTES_HTML.to_string(),
                &self.minutes,
            ),
            (
                CASE_FILE_MD.to_string(),
                CASE_FILE_HTML.to_string(),
                &self.case_file,
            ),
            (FAMILY_MD.into(), FAMILY_HTML.into(), &self.family),
            (PLAN_MD.into(), PLAN_HTML.into(), &self.plan),
        ]
        .into_iter()
        .chain(own)
        {
            out.push(Rendered::markdown(md, doc));
            out.push(Rendered::html(html, doc));
        }
        if let Some(text) = &self.ics {
            out.push(Rendered {
                name: NEXT_MEETING_ICS.into(),
                text: text.clone(),
            });
        }
        out
    }
}

/// What stands in for a document when a withheld address could not be taken out of the record
/// for certain.
fn not_made(marking: &str) -> document::Document {
    let mut s = document::Section::new("Not made");
    s.para(
        "This copy could not be made without risk of showing an address that is withheld. The \
         case file's copy was written; the chair should prepare this copy by hand.",
    );
    document::Document {
        title: "This copy was not made".into(),
        subtitle: Vec::new(),
        marking: marking.into(),
        sections: vec![s],
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Two ids never give one own-copy file name, even where file names ignore case.
        #[test]
        fn own_copy_names_never_collide(a in "[a-zA-Z0-9._ +-]{1,8}", b in "[a-zA-Z0-9._ +-]{1,8}") {
            proptest::prop_assume!(a != b);
            let (x, y) = (own_copy_name(&a, "html"), own_copy_name(&b, "html"));
            proptest::prop_assert!(!x.eq_ignore_ascii_case(&y), "{a} {b} {x}");
            proptest::prop_assert!(x.chars().all(|c| c.is_ascii_graphic() && c != '/'));
        }
    }

    #[test]
    fn ids_differing_in_punctuation_or_case_get_their_own_files() {
        let names: Vec<String> = ["dad.w", "dad-w", "Dad_W", "dad_w"]
            .iter()
            .map(|id| own_copy_name(id, "html").to_lowercase())
            .collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert_eq!(own_copy_name("dad", "md"), "minutes-family-dad.md");
    }
    use crate::domain::example;
    use chrono::{NaiveDate, NaiveTime};

    fn snapshot() -> AgendaSnapshot {
        let agenda: crate::domain::agenda::Agenda = crate::agenda::shipped("core-group").unwrap();
        AgendaSnapshot::of(&agenda)
    }

    #[test]
    fn odd_records_render_without_panicking() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let cal = Calendar::new(crate::domain::calendar::Division::EnglandAndWales);
        let mut plan = example::plan(today);
        let mut m = example::past_meeting(today);
        m.next_meeting.date = Some(NaiveDate::MAX);
        m.next_meeting.time = NaiveTime::from_hms_opt(23, 59, 0);
        m.details.chair = Some("nobody-by-this-id".into());
        m.action_reviews.push(crate::domain::meeting::ActionReview {
            privacy: Default::default(),
            action: "a99".into(),
            status: crate::domain::plan::ActionStatus::Achieved,
            note: String::new(),
        });
        plan.actions[0].owner = Some("ghost".into());
        plan.actions[1].owner = None;
        plan.actions[1].due = None;
        let docs = render_all(Case::at_close(&m, &plan), &snapshot(), &cal);
        let family = plan.members.iter().filter(|m| m.family).count();
        assert_eq!(family, 3);
        // And each family member's own copy and plan, in Markdown and HTML.
        assert_eq!(docs.len(), 9 + 4 * family);

        plan.children.clear();
        plan.members.clear();
        plan.outcomes.clear();
        plan.actions.clear();
        m.details = Default::default();
        m.id = String::new();
        m.next_meeting = Default::default();
        let docs = render_all(Case::at_close(&m, &plan), &snapshot(), &cal);
        assert_eq!(docs.len(), 8, "no next date, no invitation");
    }
}
