//! Opening a meeting on a case, new or resumed: the case's lock taken, a close cut short
//! finished, hand edits of the plan noted, the plan and its log read and checked, then an
//! unfinished meeting resumed, set aside or discarded as the chair answers (the question is
//! the caller's to put: [`Chair`]), or a new meeting begun with its journal.

use std::path::Path;

use chrono::NaiveDate;

use crate::cases::discard_meeting::{Unfinished, discard_meeting};
use crate::cases::error::OpenError;
use crate::cases::open_case::checked_plan;
use crate::domain::agenda::Agenda;
use crate::domain::case_log::CaseLog;
use crate::domain::id::Id;
use crate::domain::meeting::{Draft, Meeting};
use crate::domain::plan::Plan;
use crate::domain::validate::{Severity, validate};
use crate::store::journal::{self, Header, Journal};
use crate::store::lock::Lock;
use crate::store::meeting_store::{self, MeetingStore};
use crate::store::plan_cache::PlanSource;
use crate::store::{CaseFolder, LoadError, recovery};

/// Why a meeting was not opened.
#[derive(Debug, thiserror::Error)]
pub enum MeetingOpenError {
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Agenda(#[from] crate::store::agenda_files::AgendaError),
    #[error(transparent)]
    Case(#[from] crate::cases::error::CaseError),
    /// The case's lock is held by another, or could not be taken.
    #[error(transparent)]
    Lock(#[from] crate::store::LockError),
    /// The unfinished meeting's journal is open in a meeting running elsewhere.
    #[error(transparent)]
    JournalHeld(std::io::Error),
    /// The plan, with the case log applied, has errors `check` lists, each line as `check`
    /// prints it.
    #[error(
        "the plan, with the case log applied, has problems to fix before a meeting can use it:\n{}\n  (`coregroup check {root}` lists them all)",
        .lines.join("\n")
    )]
    PlanWithLog { lines: Vec<String>, root: String },
    /// What the chair's side said when asked (no terminal to show the meeting on, no one to
    /// answer), kept whole.
    #[error(transparent)]
    Chair(Box<dyn std::error::Error + Send + Sync>),
}

/// What to do with an unfinished meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Resume,
    SetAside,
    Discard,
}

/// The one who opens the meeting, asked and told as it opens.
pub trait Chair {
    /// What to do with the unfinished meeting `header` names, `changes` recorded in it.
    fn found(&mut self, header: &Header, changes: usize) -> Result<Found, MeetingOpenError>;
    /// Whether to discard `which` after all.
    fn confirm_discard(&mut self, which: &Unfinished) -> Result<bool, MeetingOpenError>;
    /// A new meeting is about to be made: refuse here if it cannot be shown, so nothing is.
    fn before_new(&mut self) -> Result<(), MeetingOpenError>;
    /// A line for the chair to read now (on the terminal, before the screen opens).
    fn say(&mut self, line: &str);
    /// A line for the chair's error stream.
    fn warn(&mut self, line: &str);
}

/// What the meeting is opened with.
pub struct Request<'a> {
    /// The agenda asked for; else the first core group's or the case's.
    pub agenda: Option<&'a str>,
    /// The day of a new meeting, and of the hand edits noted before it.
    pub date: NaiveDate,
    pub today: NaiveDate,
    pub take_over: bool,
}

/// What the screen says as the meeting opens.
#[derive(Debug)]
pub struct Notice {
    pub title: String,
    pub lines: Vec<String>,
}

/// A meeting ready to run.
pub struct Ready {
    pub case: CaseFolder,
    /// The case's lock, held while the meeting runs.
    pub lock: Lock,
    pub draft: Draft,
    pub agenda: Agenda,
    pub store: MeetingStore,
    /// The plan as the case log brings it up to date: what the meeting opened on.
    pub plan: Plan,
    /// Which bytes of `plan.yaml` it was read from.
    pub read_from: PlanSource,
    pub notice: Option<Notice>,
    /// The actions changed by hand in `plan.yaml` since the last meeting, noted in their
    /// histories.
    pub by_hand: Vec<Id>,
}

/// What became of the opening.
pub enum Opened {
    Ready(Box<Ready>),
    /// The unfinished meeting was discarded: nothing runs.
    Discarded,
}

/// Open a meeting on the case at `dir`.
pub fn open_meeting(
    dir: &Path,
    request: Request,
    chair: &mut dyn Chair,
) -> Result<Opened, MeetingOpenError> {
    let case = CaseFolder::open(dir)?;
    let locked = if request.take_over {
        Lock::take_over(&case)
    } else {
        Lock::acquire(&case)
    };
    let (lock, notice) = locked?;
    if let Some(notice) = notice {
        chair.warn(&notice);
    }
    // A close cut short is finished before anything else, never started over.
    for notice in recovery::finish(&case)? {
        chair.warn(&notice);
    }
    // What was changed in plan.yaml by hand since the last meeting goes into the actions'
    // histories before a new meeting reads it, so the meeting shows it as changed since then.
    let mut by_hand = Vec::new();
    if Journal::find(&case).is_none() {
        match crate::cases::edit_plan::note_hand_edits(&case, &lock, request.date) {
            Ok(noted) => by_hand = noted,
            Err(e) => chair.warn(&format!(
                "coregroup: what was changed by hand since the last meeting was not noted: {e}"
            )),
        }
    }
    let (plan, read_from, _) = checked_plan(&case, &crate::store::agenda_files::load)?;
    // The meeting works on the plan as the case log has brought it up to date. A log that does
    // not read must not stop a meeting: it opens on plan.yaml alone, and says so.
    let log = crate::store::case_log::load(&case).unwrap_or_else(|e| {
        chair.warn(&format!(
            "coregroup: {e}\n  the meeting opens without the case log; fix it with `coregroup check`"
        ));
        CaseLog::default()
    });
    let plan = crate::domain::case_log::current_plan(&plan, &log);
    let errors: Vec<String> = validate(&plan)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(MeetingOpenError::PlanWithLog {
            lines: errors,
            root: crate::text::sanitize(&dir.display().to_string()).into_owned(),
        });
    }
    let (mut draft, agenda, store, notice) =
        match open_unfinished(&case, &lock, &plan, read_from, request.today, chair)? {
            Unfinish::Resumed(resumed) => *resumed,
            Unfinish::Discarded => return Ok(Opened::Discarded),
            Unfinish::New => {
                // Nothing is made for a meeting that cannot be shown: no journal, no "meeting in
                // progress" on the caseload.
                chair.before_new()?;
                new_meeting(&case, &plan, read_from, &request)?
            }
        };
    if let Some(day) = draft.meeting.details.date {
        draft.meeting.since_last_meeting =
            crate::domain::case_log::since_last_meeting(&plan, &log, day);
    }
    Ok(Opened::Ready(Box::new(Ready {
        case,
        lock,
        draft,
        agenda,
        store,
        plan,
        read_from,
        notice,
        by_hand,
    })))
}

type Resumed = (Draft, Agenda, MeetingStore, Option<Notice>);

/// A new meeting on `request.date`, its journal made.
fn new_meeting(
    case: &CaseFolder,
    plan: &Plan,
    read_from: PlanSource,
    request: &Request,
) -> Result<Resumed, MeetingOpenError> {
    let date = request.date;
    // No core group held yet: the first core group's agenda, and the screen says so.
    let first = request
        .agenda
        .is_none()
        .then(|| crate::agenda::rules::first_meeting_agenda(&plan.case.agenda, plan))
        .flatten();
    let agenda_name = first
        .or(request.agenda)
        .unwrap_or(&plan.case.agenda)
        .to_string();
    let agenda = crate::store::agenda_files::load(&agenda_name)?;
    let notice = first.map(|first| Notice {
        title: "The first core group of this case".into(),
        lines: vec![format!(
            "No core group has been held yet, so this meeting uses the agenda \
             \"{}\" ({first}). To use the case's usual agenda instead, quit and run \
             `coregroup meeting DIR --agenda {}`.",
            agenda.title, plan.case.agenda
        )],
    });
    let id = case.new_meeting_id(date);
    let meeting = Meeting::new(id.clone(), agenda_name.clone(), date, plan);
    let header = Header::new(id, agenda_name, date, plan.case.reference.clone())
        .made_against(read_from.print, plan);
    let store = MeetingStore::create(case, header)?;
    Ok((Draft::new(meeting, plan.clone()), agenda, store, notice))
}

/// What became of an unfinished meeting, if there was one.
enum Unfinish {
    Resumed(Box<Resumed>),
    /// None, or set aside: a new meeting starts.
    New,
    /// Discarded: the command ends.
    Discarded,
}

/// A meeting left unfinished: resumed (the default) or set aside under a dated name.
fn open_unfinished(
    case: &CaseFolder,
    lock: &Lock,
    plan: &Plan,
    read_from: PlanSource,
    today: NaiveDate,
    chair: &mut dyn Chair,
) -> Result<Unfinish, MeetingOpenError> {
    let found = Journal::find(case);
    let mut recovered = match &found {
        Some(path) => {
            journal::check_free(path).map_err(MeetingOpenError::JournalHeld)?;
            let r = journal::recover(path)?;
            r.header.check_case(path, &plan.case.reference)?;
            Some(r)
        }
        None => None,
    };
    // Left while saving was failing: the emergency copy holds what the case folder lacks.
    let copies = meeting_store::default_emergency_dir();
    if let Some((copy, newer)) = copies.as_deref().and_then(|dir| {
        meeting_store::newer_emergency_copy(case, &plan.case.reference, recovered.as_ref(), dir)
    }) {
        let more = newer.changes.len() - recovered.as_ref().map_or(0, |r| r.changes.len());
        chair.say(&format!(
            "The emergency copy {} holds {more} change{} the case folder lacks; carrying on from it.",
            copy.display(),
            if more == 1 { "" } else { "s" }
        ));
        meeting_store::adopt_emergency_copy(case, &newer)?;
        recovered = Some(journal::recover(&Journal::path_in(case))?);
    }
    let Some(recovered) = recovered else {
        return Ok(Unfinish::New);
    };
    let header = &recovered.header;
    let found = chair.found(header, recovered.changes.len())?;
    if found == Found::Discard {
        let which = Unfinished {
            id: header.meeting_id.clone(),
            date: header.meeting_date,
            changes: recovered.changes.len(),
        };
        if chair.confirm_discard(&which)? {
            let said = discard_meeting(case, lock, &which, today, "")?;
            chair.say(&said);
            return Ok(Unfinish::Discarded);
        }
        chair.say("Nothing was discarded; resuming it.");
    }
    if found == Found::SetAside {
        let kept = journal::set_aside(case)?;
        chair.say(&format!(
            "Set aside as {} (kept, never deleted).",
            kept.display()
        ));
        return Ok(Unfinish::New);
    }
    let agenda = crate::store::agenda_files::load(&header.agenda)?;
    let replayed = journal::replay(plan.clone(), &recovered);
    let notice = resume_notice(
        &replayed,
        header.plan_edited(read_from.print),
        recovered.torn_tail,
    );
    let store = MeetingStore::resume(case, &recovered)?;
    Ok(Unfinish::Resumed(Box::new((
        replayed.draft,
        agenda,
        store,
        notice,
    ))))
}

/// What the screen says as a resumed meeting opens: a hand edit of plan.yaml and what of the
/// meeting it undid, changes that could not be applied, a cut-short end.
fn resume_notice(replayed: &journal::Replayed, edited: bool, torn_tail: bool) -> Option<Notice> {
    let mut lines = replayed.removed.summary();
    lines.extend(replayed.no_longer_applies.iter().cloned());
    lines.extend(replayed.refused.iter().map(|r| {
        format!(
            "Line {} of the journal could not be applied: {}",
            r.line, r.reason
        )
    }));
    if torn_tail {
        lines.push(
            "The last fraction of a second before the stop was cut short; everything before it is back."
                .into(),
        );
    }
    let edited = edited || !replayed.removed.is_empty();
    if edited && lines.is_empty() {
        lines.push("Everything the meeting recorded still applies.".into());
    }
    let title = if edited {
        "plan.yaml was edited since this meeting began"
    } else if lines.is_empty() {
        return None;
    } else {
        "The meeting is back, with these exceptions"
    };
    Some(Notice {
        title: title.into(),
        lines,
    })
}
