//! The versions of a meeting's minutes: the draft written at the close, the first final version
//! and each re-issue, with why. Derived from the log (and a circulation the plan records before
//! the log does), never stored, and worded here once for the minutes, `status` and the case
//! screen alike.

use chrono::NaiveDate;

use super::case_log::{CaseLog, Event, meeting_date};
use super::plan::Plan;

/// One issue of the minutes that went out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub number: u32,
    pub on: NaiveDate,
    /// Why it was issued again (never for the first).
    pub reason: Option<String>,
}

/// Every version of the minutes of the core group held on `held`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    pub held: NaiveDate,
    /// The day they were due out, in practice.
    pub due: NaiveDate,
    /// Oldest first, one a day.
    pub versions: Vec<Version>,
}

impl History {
    /// The history of the minutes of the meeting held on `held`, from the plan with the log
    /// applied and the log itself, with `going_out` (a day and the reason for it) when a
    /// circulation is being made now.
    pub fn of(
        current: &Plan,
        log: &CaseLog,
        held: NaiveDate,
        due: NaiveDate,
        going_out: Option<(NaiveDate, Option<&str>)>,
    ) -> History {
        let mut days: Vec<(NaiveDate, Option<String>)> = log
            .events()
            .filter_map(|e| match e {
                Event::Circulated(c) if meeting_date(&c.meeting) == Some(held) => {
                    Some((c.date, c.reason.clone()))
                }
                _ => None,
            })
            .collect();
        days.extend(going_out.map(|(d, why)| (d, why.map(str::to_string))));
        // A circulation the plan records before the log knew of it is the first version. The
        // plan keeps only the first day (the log's earliest replaces it when applied), so a day
        // it records on or after one the log or this circulation has is that same first
        // circulation, not another version: otherwise the minutes written as they go out and
        // `status` afterwards would count different versions.
        let recorded = current
            .key_dates
            .core_groups
            .iter()
            .filter(|g| g.date == held)
            .filter_map(|g| g.minutes_circulated)
            .min()
            .filter(|r| days.iter().all(|(d, _)| r < d));
        days.extend(recorded.map(|d| (d, None)));
        days.sort_by_key(|(d, _)| *d);
        let mut versions: Vec<Version> = Vec::new();
        for (on, reason) in days {
            match versions.last_mut() {
                Some(v) if v.on == on => {
                    if v.reason.is_none() && v.number > 1 {
                        v.reason = reason;
                    }
                }
                _ => {
                    let number = u32::try_from(versions.len() + 1).unwrap_or(u32::MAX);
                    let reason = reason.filter(|_| number > 1);
                    versions.push(Version { number, on, reason });
                }
            }
        }
        History {
            held,
            due,
            versions,
        }
    }

    pub fn first(&self) -> Option<NaiveDate> {
        self.versions.first().map(|v| v.on)
    }

    pub fn latest(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// Whether the first final version went out after the minutes were due.
    pub fn late(&self) -> bool {
        self.first().is_some_and(|d| d > self.due)
    }

    /// The history in words, one line a version. The reasons for a re-issue are typed by the
    /// worker, so they are left out of what the family reads (`with_reasons` false).
    pub fn lines(&self, with_reasons: bool) -> Vec<String> {
        let day = |d: NaiveDate| d.format("%a %-d %b %Y").to_string();
        let mut out = vec![format!(
            "Draft: written at the meeting on {}",
            day(self.held)
        )];
        if self.versions.is_empty() {
            out.push(format!("Not yet circulated: due by {}", day(self.due)));
        }
        for v in &self.versions {
            let mut line = if v.number == 1 {
                format!("Final, version 1: circulated on {}", day(v.on))
            } else {
                format!("Final, version {}: re-issued on {}", v.number, day(v.on))
            };
            if v.number == 1 && self.late() {
                line.push_str(&format!(", late (due by {})", day(self.due)));
            }
            if v.number > 1 && with_reasons {
                match v.reason.as_deref().map(str::trim) {
                    Some(r) if !r.is_empty() => line.push_str(&format!(": {r}")),
                    _ => line.push_str(" (no reason recorded)"),
                }
            }
            out.push(line);
        }
        out
    }
}
