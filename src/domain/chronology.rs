//! The multi-agency chronology of a period: a dated entry from every source the case keeps (the
//! conferences, each core group and what it recorded, each entry of the case log, the visits,
//! the changes to actions between meetings, the minutes' circulation), each with its source,
//! oldest first; routine entries of one kind close together are grouped into one line
//! ("Signed agreements returned: 7", dated 2 to 6 Nov).

use chrono::NaiveDate;

use super::action_history;
use super::meeting::{Meeting, Presence};
use super::plan::Plan;
use super::visits::{self, VisitRules};

/// One dated entry and where it comes from. `routine` names the kind of a routine entry
/// (grouped with others of its kind and source close together), in the words the grouped line
/// begins with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChronologyEntry {
    pub date: NaiveDate,
    pub what: String,
    pub source: String,
    pub routine: Option<&'static str>,
}

impl ChronologyEntry {
    pub fn new(
        date: NaiveDate,
        what: impl Into<String>,
        source: impl Into<String>,
    ) -> ChronologyEntry {
        ChronologyEntry {
            date,
            what: what.into(),
            source: source.into(),
            routine: None,
        }
    }
}

/// One line of the chronology: the day it happened (the first day of a group) and the last.
/// The days are said by `from` and `to` alone: `what` never repeats them, so a document prints
/// a group's days once, in its date column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChronologyRow {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub what: String,
    pub source: String,
}

/// The sources of a period's chronology, as its reader may read them.
pub struct Sources<'a> {
    /// The plan as it stands (its key dates, visits and actions' histories).
    pub plan: &'a Plan,
    /// Each core group of the period: its folder name, its day and its record.
    pub meetings: Vec<(&'a str, NaiveDate, &'a Meeting)>,
    /// The case log's entries of the period: the day, the event's kind and its words.
    pub log: Vec<(NaiveDate, &'static str, String)>,
    pub rules: VisitRules,
    /// The period: from the last conference (included) to the day of the report.
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
}

/// How far apart (in days) routine entries of one kind may be and still be one line.
pub const ROUTINE_SPAN_DAYS: i64 = 7;

/// The log's kinds that the plan holds too once the log is applied (visits, conferences): they
/// are taken from the plan, once.
const FROM_THE_PLAN: &[&str] = &["visit", "review-conference"];

/// What a routine log entry's group is called.
fn routine(kind: &str) -> Option<&'static str> {
    match kind {
        "agreement-returned" => Some("Signed agreements returned"),
        "circulated" => Some("Minutes circulated"),
        _ => None,
    }
}

/// Every dated entry of the period from every source, oldest first (not yet grouped).
pub fn entries(s: &Sources) -> Vec<ChronologyEntry> {
    let within = |d: NaiveDate| s.from.is_none_or(|f| d >= f) && d <= s.to;
    let plan = s.plan;
    let kd = &plan.key_dates;
    let mut out = Vec::new();
    let key_dates = "plan: key dates";
    if let Some(d) = kd.initial_conference.filter(|d| within(*d)) {
        out.push(ChronologyEntry::new(
            d,
            "Initial child protection conference",
            key_dates,
        ));
    }
    for d in kd.review_conferences.iter().copied().filter(|d| within(*d)) {
        out.push(ChronologyEntry::new(
            d,
            "Review child protection conference",
            key_dates,
        ));
    }
    for (id, date, m) in &s.meetings {
        let source = format!("minutes {id}");
        let present = m
            .attendance
            .iter()
            .filter(|a| a.presence == Some(Presence::Present))
            .count();
        out.push(ChronologyEntry::new(
            *date,
            format!("Core group meeting held; {present} members present"),
            &source,
        ));
        let written: Vec<&str> = m
            .attendance
            .iter()
            .filter(|a| a.written_update)
            .map(|a| m.person_name(plan, &a.member))
            .collect();
        if !written.is_empty() {
            out.push(ChronologyEntry::new(
                *date,
                format!("Written update from {}", written.join(", ")),
                &source,
            ));
        }
        for c in &m.circumstances {
            let mut kind = c.kind.label().to_string();
            if let Some(first) = kind.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            out.push(ChronologyEntry::new(
                *date,
                format!("Change of circumstances, {kind}: {}", c.detail),
                &source,
            ));
        }
        if let Some(choice) = m.recommendation.choice {
            out.push(ChronologyEntry::new(
                *date,
                format!(
                    "Recommendation to the review conference: {}",
                    choice.label()
                ),
                &source,
            ));
        }
    }
    // The minutes' circulation and the agreements back, where the log does not say it.
    let logged = |d: NaiveDate, kind: &str| s.log.iter().any(|(x, k, _)| *x == d && *k == kind);
    for cg in &kd.core_groups {
        if let Some(d) = cg.minutes_circulated.filter(|d| within(*d))
            && !logged(d, "circulated")
        {
            let mut e = ChronologyEntry::new(
                d,
                format!("Minutes of the core group of {} circulated", day(cg.date)),
                key_dates,
            );
            e.routine = routine("circulated");
            out.push(e);
        }
        if let Some(d) = cg.agreements_returned.filter(|d| within(*d))
            && !logged(d, "agreement-returned")
        {
            out.push(ChronologyEntry::new(
                d,
                format!(
                    "Signed agreements of the core group of {} returned",
                    day(cg.date)
                ),
                key_dates,
            ));
        }
    }
    for (d, kind, what) in &s.log {
        if FROM_THE_PLAN.contains(kind) || !within(*d) {
            continue;
        }
        out.push(ChronologyEntry {
            date: *d,
            what: what.clone(),
            source: "case log".into(),
            routine: routine(kind),
        });
    }
    // Each visit once, with what it recorded of each child.
    let mut seen: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    for child in &plan.children {
        for (d, words) in visits::lines(plan, s.rules, child) {
            if !within(d) {
                continue;
            }
            let line = format!("{}: {words}", child.name);
            match seen.iter_mut().find(|(x, _)| *x == d) {
                Some((_, lines)) => lines.push(line),
                None => seen.push((d, vec![line])),
            }
        }
    }
    for (d, lines) in seen {
        out.push(ChronologyEntry::new(
            d,
            format!("Visit. {}", lines.join("; ")),
            "visits",
        ));
    }
    // Changes to actions between meetings (those at a meeting are in its minutes).
    for a in &plan.actions {
        for h in a.history.iter().filter(|h| within(h.date)) {
            if h.made.is_meeting() {
                continue;
            }
            let why = if h.note.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", h.note)
            };
            out.push(ChronologyEntry::new(
                h.date,
                format!(
                    "Action {} ({}): {}, by {}{why}",
                    a.id,
                    a.what,
                    action_history::describe(h, plan),
                    action_history::who(h, plan)
                ),
                "action history",
            ));
        }
    }
    out.sort_by_key(|e| e.date);
    out
}

/// A group of routine entries: their kind and their source.
type Group = (&'static str, String);

/// The entries as lines, oldest first: routine entries of one kind and source within
/// [`ROUTINE_SPAN_DAYS`] of the first of them become one line giving how many, dated from the
/// first of them to the last.
pub fn rows(mut entries: Vec<ChronologyEntry>) -> Vec<ChronologyRow> {
    entries.sort_by_key(|e| e.date);
    // Each line, with the entries it groups (one for a line that is not grouped).
    let mut lines: Vec<(Option<Group>, Vec<ChronologyEntry>)> = Vec::new();
    for e in entries {
        let key = e.routine.map(|r| (r, e.source.clone()));
        let open = key.as_ref().and_then(|k| {
            lines.iter().rposition(|(g, items)| {
                g.as_ref() == Some(k) && (e.date - items[0].date).num_days() <= ROUTINE_SPAN_DAYS
            })
        });
        match open {
            Some(i) => lines[i].1.push(e),
            None => lines.push((key, vec![e])),
        }
    }
    lines
        .into_iter()
        .map(|(key, items)| {
            let first = &items[0];
            let last = &items[items.len() - 1];
            let what = match key {
                Some((label, _)) if items.len() > 1 => {
                    format!("{label}: {}", items.len())
                }
                _ => first.what.clone(),
            };
            ChronologyRow {
                from: first.date,
                to: last.date,
                what,
                source: first.source.clone(),
            }
        })
        .collect()
}

/// "2 Nov".
fn day(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

#[cfg(test)]
#[path = "chronology_tests.rs"]
mod tests;
