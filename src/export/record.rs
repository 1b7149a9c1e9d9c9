//! The record a document is made from, and the facts every document derives from it the same
//! way: deadlines, names, the work still to do.

use chrono::NaiveDate;

use super::document::{Inline, Issue};
use super::wording::{and_list, long_date, short_date};
use crate::agenda::snapshot::AgendaSnapshot;
use crate::domain::agenda::Policy;
use crate::domain::calendar::Calendar;
use crate::domain::case_dates::{
    DueAsIssued, MeetingDates, ReviewDue, Timescales, as_issued, meeting_dates, review_due,
};
use crate::domain::close::meeting_date;
use crate::domain::council::Council;
use crate::domain::meeting::Meeting;
use crate::domain::plan::{Action, Plan};
use crate::domain::reader::{Reader, View};

/// Everything a document is rendered from: one reader's view of a meeting (made only by
/// `domain::reader::view`), the agenda and the calendar. It cannot be built from a record that
/// was not made into a view first.
#[derive(Clone, Copy)]
pub struct Record<'a> {
    pub meeting: &'a Meeting,
    /// The plan as the meeting left it, as the reader may read it.
    pub plan: &'a Plan,
    pub agenda: &'a AgendaSnapshot,
    /// The working-day calendar of the case's UK division.
    pub calendar: &'a Calendar,
    /// Private, so only [`Record::of`] makes one.
    reader: &'a Reader,
    /// When the minutes first went out, for the issue being rendered.
    circulated: Option<NaiveDate>,
    /// The day the issue being rendered goes out; `None` for a draft.
    issued: Option<NaiveDate>,
    /// The council's settings; `None` for the fallback from the plan's local authority.
    council: Option<&'a Council>,
}

impl<'a> Record<'a> {
    /// What a document for the view's reader is made from.
    pub fn of(view: &'a View, agenda: &'a AgendaSnapshot, calendar: &'a Calendar) -> Record<'a> {
        Record {
            meeting: view.meeting(),
            plan: view.plan(),
            agenda,
            calendar,
            reader: view.reader(),
            circulated: None,
            issued: None,
            council: None,
        }
    }

    /// The same record, made with the council's settings.
    pub fn with_council(self, council: Option<&'a Council>) -> Record<'a> {
        Record { council, ..self }
    }

    /// The council's settings, or what stands in for them (`Council::fallback`).
    pub fn council(&self) -> Council {
        self.council
            .cloned()
            .unwrap_or_else(|| Council::fallback(&self.plan.case.local_authority))
    }

    /// The same record for `issue`: the agreements count from the day the minutes first went
    /// out, and the day this issue goes out says whether their return day is still to come.
    pub fn issued(self, issue: &Issue) -> Record<'a> {
        Record {
            circulated: issue.first_circulated,
            issued: issue.circulated,
            ..self
        }
    }

    /// The same record with the meeting's texts arranged for a document's layout (the
    /// professionals' main body, with confidential texts moved to their own section and texts
    /// not for someone marked). The meeting and plan given must be made from this record's own.
    pub fn arranged(self, meeting: &'a Meeting, plan: &'a Plan) -> Record<'a> {
        Record {
            meeting,
            plan,
            ..self
        }
    }

    /// Whom the document is for.
    pub fn reader(&self) -> &'a Reader {
        self.reader
    }

    /// The meeting and plan alone, for the table of changes.
    pub fn source(&self) -> super::changes::MeetingWithPlan<'a> {
        super::changes::MeetingWithPlan {
            meeting: self.meeting,
            plan: self.plan,
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        meeting_date(self.meeting)
    }

    /// The dates this meeting sets running, as every other document and `status` give them.
    pub fn deadlines(&self) -> Option<MeetingDates> {
        let t = Timescales {
            minutes_circulated_within: self.agenda.minutes_circulated_within,
            agreement_returned_within: self.agenda.agreement_returned_within,
            meeting_interval: self.agenda.meeting_interval,
        };
        Some(meeting_dates(
            self.date()?,
            self.circulated,
            t,
            self.calendar,
        ))
    }

    /// What this issue says of the day the signed agreements are due back: asked for, or said
    /// as past when the issue goes out after it (`case_dates::as_issued`, the one decision the
    /// covering notes take too). `None` when the meeting has no date.
    pub fn agreement_return(&self) -> Option<DueAsIssued> {
        self.deadlines()
            .map(|d| as_issued(d.agreements_by.in_practice(), self.issued))
    }

    /// What this issue says of the day the minutes and plan were to be circulated by, by the
    /// same decision as [`Record::agreement_return`]: asked for, or said as past when this issue
    /// goes out after it. `None` when the meeting has no date.
    pub fn circulation_due(&self) -> Option<DueAsIssued> {
        self.deadlines()
            .map(|d| as_issued(d.circulate_by.in_practice(), self.issued))
    }

    /// The day the issue being rendered goes out; `None` for a draft.
    pub fn issue_day(&self) -> Option<NaiveDate> {
        self.issued
    }

    /// `asked` ("... give it back") finished as this issue says it of the agreements' return
    /// day ([`Record::agreement_return`]): "by <day>." while it is to come, "as soon as you
    /// can: it was due back by <day>." once the issue goes out after it; "." with no day.
    pub fn give_back(&self, asked: Inline) -> Inline {
        match self.agreement_return() {
            Some(DueAsIssued::By(d)) => asked.then(" by ").then_strong(long_date(d)).then("."),
            Some(DueAsIssued::WasDue(d)) => asked
                .then(" as soon as you can: it was due back by ")
                .then_strong(long_date(d))
                .then("."),
            None => asked.then("."),
        }
    }

    /// The next review conference as `status` works it out (`case_dates::review_due`), from
    /// the plan the meeting left and the agenda's rules the record keeps.
    pub fn review_due(&self) -> ReviewDue {
        let policy = Policy {
            first_review_within: self.agenda.first_review_within,
            later_reviews_within: self.agenda.later_reviews_within,
            ..Policy::default()
        };
        review_due(self.plan, &policy, self.calendar)
    }

    pub fn name(&self, id: &str) -> String {
        self.meeting.person_name(self.plan, id).to_string()
    }

    /// Who spoke for a member: "Sarah Khan, for Tom Ridley" when a substitute came.
    pub fn speaker(&self, id: &str) -> String {
        self.meeting.speaker(self.plan, id)
    }

    /// "Hannah Mercer (Lead social worker, Eastbrook Children's Services)".
    pub fn name_and_role(&self, id: &str) -> String {
        if let Some(m) = self.plan.member(id) {
            return with_role(&m.name, &m.role, &m.agency);
        }
        if let Some(g) = self.meeting.guests.iter().find(|g| g.id == id) {
            return with_role(&g.name, &self.meeting.guest_role(self.plan, g), &g.agency);
        }
        id.to_string()
    }

    pub fn child_names(&self) -> String {
        let names: Vec<&str> = self.plan.children.iter().map(|c| c.name.as_str()).collect();
        and_list(&names)
    }

    /// "o1 (Kayla Brennan)": an outcome named briefly, for table cells.
    pub fn outcome_ref(&self, id: &str) -> String {
        match self.plan.outcome(id) {
            Some(o) => format!("{} ({})", o.id, self.plan.outcome_for(o)),
            None => id.to_string(),
        }
    }

    /// An outcome as a family reads it, without its code: its place in the plan and the child
    /// ("Outcome 2 (Kayla Brennan)"). For the plan, which goes to the family too.
    pub fn outcome_numbered(&self, id: &str) -> String {
        let Some(n) = self.plan.outcomes.iter().position(|o| o.id == id) else {
            return "an outcome no longer in the plan".into();
        };
        let o = &self.plan.outcomes[n];
        format!("Outcome {} ({})", n + 1, self.plan.outcome_for(o))
    }

    /// The actions still open, soonest due first (undated last), then in plan order.
    pub fn open_actions(&self) -> Vec<&Action> {
        let mut open: Vec<&Action> = self
            .plan
            .actions
            .iter()
            .filter(|a| a.status.is_open())
            .collect();
        open.sort_by_key(|a| (a.due.is_none(), a.due));
        open
    }

    /// Open, and due before the meeting.
    pub fn is_overdue(&self, a: &Action) -> bool {
        a.status.is_open() && matches!((a.due, self.date()), (Some(d), Some(held)) if d < held)
    }

    /// "Fri 5 Dec 2026", with "(overdue)" when it is open and was due before the meeting.
    pub fn due_text(&self, a: &Action) -> String {
        match a.due {
            Some(d) if self.is_overdue(a) => format!("{} (overdue)", short_date(d)),
            Some(d) => short_date(d),
            None => "no date set".into(),
        }
    }

    /// When an open action is to be done, as an agreement signed on receipt asks it: "by Wed
    /// 9 Dec 2026", or, when this issue goes out after that day (the one decision the return
    /// day takes, `as_issued`), "As soon as possible (it was due by Wed 25 Nov 2026)".
    pub fn agreed_by(&self, a: &Action) -> String {
        match a.due.map(|d| as_issued(d, self.issued)) {
            Some(DueAsIssued::WasDue(d)) => {
                format!("As soon as possible (it was due by {})", short_date(d))
            }
            Some(DueAsIssued::By(_)) => format!("by {}", self.due_text(a)),
            None => "with no date set".into(),
        }
    }

    pub fn owner_text(&self, a: &Action) -> String {
        a.owner
            .as_deref()
            .map(|o| self.name(o))
            .unwrap_or_else(|| "nobody yet".into())
    }
}

fn with_role(name: &str, role: &str, agency: &str) -> String {
    match (role.trim().is_empty(), agency.trim().is_empty()) {
        (true, true) => name.to_string(),
        (false, true) => format!("{name} ({role})"),
        (true, false) => format!("{name} ({agency})"),
        (false, false) => format!("{name} ({role}, {agency})"),
    }
}
