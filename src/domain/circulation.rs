//! The versions of a meeting's minutes: the draft written at the close, the first final version
//! and each re-issue, with why. Derived from the log (and a circulation the plan records before
//! the log does), never stored, and worded here once for the minutes, `status` and the case
//! screen alike.

use chrono::NaiveDate;

use super::case_log::{CaseLog, Event, meeting_date};
use super::plan::Plan;

/// Minutes going out again on a day no version went out on, with no reason given: a re-issue
/// needs its reason, kept in the log and shown in the minutes' versions.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "the minutes of the meeting held on {} already went out on {} (version {number}): \
     circulating them on {} is a re-issue, which needs its reason; nothing was circulated\n  \
     hint: say why they go out again with --reason \"…\" (it is kept in the log and shown in \
     the minutes' versions)",
    day(*.held), day(*.earlier), day(*.going_out)
)]
pub struct ReissueNeedsReason {
    pub held: NaiveDate,
    /// The latest version that went out before, and its number.
    pub earlier: NaiveDate,
    pub number: u32,
    /// The day of the circulation refused.
    pub going_out: NaiveDate,
}

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

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

    /// Whether the minutes may go out on `day` with `reason` (`self` is the history before
    /// they do): after a version went out on an earlier day it is a re-issue, and needs its
    /// reason (one of blanks is none). On a day a version already went out on, that version
    /// goes out again (a send that failed, tried again that day) and needs nothing; so does
    /// the first version.
    pub fn may_go_out(
        &self,
        day: NaiveDate,
        reason: Option<&str>,
    ) -> Result<(), ReissueNeedsReason> {
        if reason.is_some_and(|r| !r.trim().is_empty()) || self.versions.iter().any(|v| v.on == day)
        {
            return Ok(());
        }
        match self.versions.iter().rfind(|v| v.on < day) {
            Some(v) => Err(ReissueNeedsReason {
                held: self.held,
                earlier: v.on,
                number: v.number,
                going_out: day,
            }),
            None => Ok(()),
        }
    }

    /// Whether the first final version went out after the minutes were due.
    pub fn late(&self) -> bool {
        self.first().is_some_and(|d| d > self.due)
    }

    /// The history in words, one line a version. The reasons for a re-issue are typed by the
    /// worker, so they are left out of what the family reads (`with_reasons` false).
    pub fn lines(&self, with_reasons: bool) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The minutes of 28 Oct, out on the days given (the first is version 1).
    fn out_on(days: &[&str]) -> History {
        History {
            held: d("2026-10-28"),
            due: d("2026-11-04"),
            versions: days
                .iter()
                .zip(1..)
                .map(|(on, number)| Version {
                    number,
                    on: d(on),
                    reason: (number > 1).then(|| "A correction".to_string()),
                })
                .collect(),
        }
    }

    #[test]
    fn a_re_issue_without_its_reason_is_refused_naming_the_earlier_issue() {
        let h = out_on(&["2026-11-02"]);
        let e = h.may_go_out(d("2026-12-07"), None).unwrap_err();
        assert_eq!(
            e,
            ReissueNeedsReason {
                held: d("2026-10-28"),
                earlier: d("2026-11-02"),
                number: 1,
                going_out: d("2026-12-07"),
            }
        );
        let words = e.to_string();
        assert!(
            words.contains("already went out on Mon 2 Nov 2026"),
            "{words}"
        );
        assert!(
            words.contains("hint: say why they go out again with --reason"),
            "{words}"
        );
        // Blanks are no reason.
        assert!(h.may_go_out(d("2026-12-07"), Some("  ")).is_err());
        assert!(h.may_go_out(d("2026-12-07"), Some("Wrong venue")).is_ok());
        // The latest issue before the day is the one named.
        let e = out_on(&["2026-11-02", "2026-11-09"])
            .may_go_out(d("2026-12-07"), None)
            .unwrap_err();
        assert_eq!((e.earlier, e.number), (d("2026-11-09"), 2));
    }

    #[test]
    fn the_first_issue_and_a_retry_on_the_day_of_an_issue_need_no_reason() {
        assert!(out_on(&[]).may_go_out(d("2026-12-07"), None).is_ok());
        let h = out_on(&["2026-11-02", "2026-12-07"]);
        assert!(h.may_go_out(d("2026-11-02"), None).is_ok());
        assert!(h.may_go_out(d("2026-12-07"), None).is_ok());
        // Before the first that went out: it is the first, not a re-issue.
        assert!(h.may_go_out(d("2026-10-30"), None).is_ok());
    }
}
