//! Writing the core group's report to the review conference: read the case, build the report
//! and the family version (from redacted records), render each to Markdown, HTML and Word, and write
//! them into `<case>/reports/`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::records::CaseRecords;
use crate::cases::error::{CaseError, ReportError};
use crate::domain::case_log::{ChangeReported, Event};
use crate::domain::drift::Attention;
use crate::domain::reader::{Reader, plan_view, scrub_addresses, view};
use crate::export::document::Document;
use crate::export::review_report::{ReportInput, ReportMeeting, review_report};
use crate::export::{docx, html, markdown};
use crate::store::files::{create_dir_private, write_atomic};

/// The report's input from a case's records on `today` for `reader` (professionals, or with
/// [`Reader::EveryFamilyMember`] the family version): the period since the last review
/// conference (or, before one, the initial conference). Every record is made into the reader's
/// view with the case as it stands now; `None` when one could not be made for certain.
pub fn input(r: &CaseRecords, today: NaiveDate, reader: Reader) -> Option<ReportInput> {
    let current = r.current();
    let kd = &current.key_dates;
    let since = kd
        .review_conferences
        .iter()
        .copied()
        .filter(|d| *d <= today)
        .max()
        .or(kd.initial_conference);
    let in_period = |d: NaiveDate| since.is_none_or(|s| d >= s) && d <= today;
    let family = reader.is_family();
    let mut meetings: Vec<ReportMeeting> = Vec::new();
    for m in &r.meetings {
        let date = m
            .meeting
            .details
            .date
            .or_else(|| crate::domain::case_log::meeting_date(&m.id));
        let Some(date) = date.filter(|d| in_period(*d)) else {
            continue;
        };
        let left = m.plan.as_ref().unwrap_or(&current);
        meetings.push(ReportMeeting {
            id: m.id.clone(),
            date,
            view: view(&m.meeting, left, &current, reader.clone())?,
        });
    }
    let events: Vec<&Event> = r
        .log
        .by_date()
        .into_iter()
        .filter(|e| in_period(e.date()))
        .collect();
    // The case log is the professionals' (it is not in the family's minutes either); its
    // words are typed too, so no withheld address goes with them.
    let scrub = |t: String| scrub_addresses(&t, &current, &current);
    // What is late comes from `status` and drift together, for every reader: the family's
    // version keeps only the actions it may read.
    let status =
        crate::domain::status::case_status(&r.plan, &r.log, &r.agenda.policy, &r.cal, today);
    let review = crate::domain::case_dates::review_due(&current, &r.agenda.policy, &r.cal);
    let (log, reported, drift) = if family {
        Default::default()
    } else {
        (
            events
                .iter()
                .map(|e| (e.date(), e.kind(), scrub(e.describe(&current))))
                .collect(),
            events
                .iter()
                .filter_map(|e| match e {
                    Event::ChangeReported(c) => Some(ChangeReported {
                        what: scrub(c.what.clone()),
                        ..c.clone()
                    }),
                    _ => None,
                })
                .collect(),
            r.drift(&current, today),
        )
    };
    let now = plan_view(&current, reader)?;
    let mut attention = Attention::of(&status, drift);
    attention
        .actions
        .retain(|a| now.plan().action(&a.id).is_some());
    if family {
        attention.timescales.clear();
    }
    let author = current
        .case
        .lead_worker
        .as_deref()
        .and_then(|id| now.plan().member(id))
        .map(|m| {
            let role = crate::export::minutes::role_text(m);
            if role.is_empty() {
                m.name.clone()
            } else {
                format!("{} ({role})", m.name)
            }
        })
        .unwrap_or_else(|| "the lead social worker (not named in the plan)".into());
    // The council as the reader's view names it: without settings, the plan's local
    // authority, scrubbed for this reader like every other field.
    let council =
        crate::store::council_file::settings_or_fallback(&now.plan().case.local_authority);
    Some(ReportInput {
        now,
        attention,
        review,
        author,
        meetings,
        log,
        reported,
        since,
        today,
        terms: r.agenda.terms.clone(),
        visit_rules: (&r.agenda.policy).into(),
        council,
        family,
    })
}

/// The report and its family version (`None` when the records could not be redacted for
/// certain), written by the lead worker.
pub fn documents(r: &CaseRecords, today: NaiveDate) -> (Option<Document>, Option<Document>) {
    documents_by(r, today, None)
}

/// [`documents`], written by `author` ("Name, role") when given, else by the lead worker.
pub fn documents_by(
    r: &CaseRecords,
    today: NaiveDate,
    author: Option<&Author>,
) -> (Option<Document>, Option<Document>) {
    let make = |reader: Reader| {
        input(r, today, reader).map(|mut i| {
            if let Some(a) = author {
                i.author = a.0.clone();
            }
            review_report(&i)
        })
    };
    // The family version leaves drift and the case log out.
    (make(Reader::Professionals), make(Reader::EveryFamilyMember))
}

/// Who wrote the report when it is not the lead worker, as the report prints it ("Sam Okafor,
/// team manager"): one line, not empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author(String);

impl Author {
    /// The author as given on the command line, or why it cannot be printed as one.
    pub fn parse(text: &str) -> Result<Author, ReportError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(ReportError::AuthorEmpty);
        }
        if t.chars().any(char::is_control) {
            return Err(ReportError::AuthorLines);
        }
        Ok(Author(t.to_string()))
    }
}

/// Write the report into `<case>/reports/`; the files written.
pub fn write(root: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, CaseError> {
    write_records(
        CaseRecords::load(root, &crate::store::agenda_files::load)?,
        today,
        None,
    )
}

/// [`write`] for a case already opened, its meetings read with it
/// ([`CaseRecords::with_meetings`]), written by `author` when given, else by the lead worker.
pub fn write_records(
    r: CaseRecords,
    today: NaiveDate,
    author: Option<&Author>,
) -> Result<Vec<PathBuf>, CaseError> {
    // A report that silently left out a meeting would mislead the conference.
    if !r.problems.is_empty() {
        return Err(ReportError::Unread {
            problems: r.problems.clone(),
            root: r.case.root().to_path_buf(),
        }
        .into());
    }
    let (full, family) = documents_by(&r, today, author);
    let Some(full) = full else {
        return Err(ReportError::Withheld.into());
    };
    let dir = r.case.reports_dir();
    let io = |p: &Path, e: std::io::Error| CaseError::at(p, e);
    create_dir_private(&dir).map_err(|e| io(&dir, e))?;
    let base = format!("review-report-{today}");
    let mut docs = vec![(base.clone(), &full)];
    docs.extend(family.as_ref().map(|f| (format!("{base}-family"), f)));
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (stem, doc) in docs {
        files.push((format!("{stem}.md"), markdown::render(doc).into_bytes()));
        files.push((format!("{stem}.html"), html::render(doc).into_bytes()));
        // Word leaves the chart out; the table beside it carries the same scores.
        let word = docx::render(doc).map_err(|error| ReportError::Word {
            stem: stem.clone(),
            error,
        })?;
        files.push((format!("{stem}.docx"), word));
    }
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomic(&path, &bytes).map_err(|e| io(&path, e))?;
        written.push(path);
    }
    if family.is_none() {
        return Err(ReportError::NoFamilyVersion { written }.into());
    }
    Ok(written)
}

#[cfg(test)]
#[path = "review_report_tests.rs"]
mod tests;
