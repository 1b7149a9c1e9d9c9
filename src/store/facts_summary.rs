//! A meeting's figures straight from its files, reading only the keys drift needs: the date,
//! the scores, the actions reviewed, who came, and each action's due date in the plan the
//! meeting left. The rest of each file (contributions, views, the agenda's snapshot, every text
//! of the plan) is passed over, not built.
//!
//! Only for this read-only summary: the shapes here ignore keys they do not name. Every other
//! reader of a record (`CaseFolder::load_meeting`, closing, export, `check`) is the strict one,
//! and refuses an unknown key with its line.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::yaml::{self, LoadError};
use crate::domain::case_log::meeting_date;
use crate::domain::drift::MeetingFacts;
use crate::domain::format::{MinutesFormat, PlanFormat};
use crate::domain::meeting::{ActionReview, Attendance, OutcomeProgress, Presence};
use crate::domain::plan::{ActionStatus, Id};

#[derive(Deserialize)]
struct Minutes {
    /// Still checked: a record from a newer coregroup is refused, not read wrongly.
    #[serde(default)]
    #[allow(dead_code)]
    format: MinutesFormat,
    meeting: Meeting,
}

#[derive(Deserialize)]
struct Meeting {
    details: Details,
    #[serde(default)]
    attendance: Vec<Came>,
    #[serde(default)]
    action_reviews: Vec<Reviewed>,
    #[serde(default)]
    outcome_progress: Vec<Scored>,
}

#[derive(Deserialize)]
struct Details {
    date: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct Came {
    member: Id,
    #[serde(default)]
    presence: Option<Presence>,
    #[serde(default)]
    substitute: String,
    #[serde(default)]
    written_update: bool,
}

#[derive(Deserialize)]
struct Reviewed {
    action: Id,
    status: ActionStatus,
}

#[derive(Deserialize)]
struct Scored {
    outcome: Id,
    #[serde(default)]
    score: Option<u8>,
}

#[derive(Deserialize)]
struct Plan {
    #[serde(default)]
    #[allow(dead_code)]
    format: PlanFormat,
    #[serde(default)]
    actions: Vec<Due>,
}

#[derive(Deserialize)]
struct Due {
    id: Id,
    #[serde(default)]
    due: Option<NaiveDate>,
}

/// The figures of the meeting `id` from the bytes of its `minutes.yaml` and (when it has one)
/// its `plan.yaml`: what `MeetingFacts::of(..).figures()` gives from the full records.
pub fn facts(
    id: &str,
    minutes: &[u8],
    minutes_path: &Path,
    plan: Option<&[u8]>,
    plan_path: &Path,
) -> Result<MeetingFacts, LoadError> {
    let m: Minutes = yaml::parse_bytes(minutes, minutes_path)?;
    let plan: Option<Plan> = match plan {
        Some(bytes) => Some(yaml::parse_bytes(bytes, plan_path)?),
        None => None,
    };
    let m = m.meeting;
    Ok(MeetingFacts {
        id: id.to_string(),
        date: m.details.date.or_else(|| meeting_date(id)),
        progress: m
            .outcome_progress
            .into_iter()
            .map(|p| OutcomeProgress {
                outcome: p.outcome,
                score: p.score,
                note: String::new(),
                privacy: Default::default(),
            })
            .collect(),
        // Only an action reviewed unachieved can drift, as `MeetingFacts::of` keeps.
        reviews: m
            .action_reviews
            .into_iter()
            .filter(|r| {
                !matches!(
                    r.status,
                    ActionStatus::Achieved | ActionStatus::NoLongerNeeded
                )
            })
            .map(|r| ActionReview {
                action: r.action,
                status: r.status,
                note: String::new(),
                privacy: Default::default(),
            })
            .collect(),
        attendance: m
            .attendance
            .into_iter()
            .map(|a| Attendance {
                member: a.member,
                presence: a.presence,
                substitute: a.substitute,
                written_update: a.written_update,
                written_update_summary: String::new(),
                privacy: Default::default(),
            })
            .collect(),
        dues: plan.map(|p| p.actions.into_iter().map(|a| (a.id, a.due)).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::meeting_files::MinutesFile;

    /// Every fixture and generated meeting: the summary gives exactly the figures of the full,
    /// strict reading.
    #[test]
    fn the_summary_gives_the_figures_of_the_full_records() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let agenda = crate::agenda::shipped("core-group").unwrap();
        let snapshot = crate::agenda::AgendaSnapshot::of(&agenda);
        let mut meetings: Vec<(crate::domain::meeting::Meeting, crate::domain::plan::Plan)> =
            Vec::new();
        for n in 0..12 {
            meetings.extend(crate::domain::large_caseload::case(n, today, 1).meetings);
        }
        let plan = crate::domain::example::plan(today);
        meetings.push((crate::domain::example::past_meeting(today), plan));
        assert!(meetings.len() > 40);
        let mut compared = 0;
        for (meeting, plan) in meetings {
            let file = MinutesFile::new(meeting.clone(), snapshot.clone());
            let minutes = yaml::to_string(&file).unwrap();
            let plan_text = crate::store::plan_yaml::to_string(&plan).unwrap();
            let got = facts(
                &meeting.id,
                minutes.as_bytes(),
                Path::new("minutes.yaml"),
                Some(plan_text.as_bytes()),
                Path::new("plan.yaml"),
            )
            .unwrap();
            assert_eq!(
                got,
                MeetingFacts::of(&meeting.id, &meeting, Some(&plan)).figures()
            );
            compared += 1;
        }
        assert!(compared > 40);
    }

    #[test]
    fn the_fixtures_of_older_formats_give_their_figures() {
        for case in ["tests/fixtures/format-1", "tests/fixtures/main-format"] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(case);
            let folder = crate::store::CaseFolder::open(&root).unwrap();
            for id in folder.meeting_ids().unwrap() {
                let dir = folder.meeting_dir(&id);
                let m = folder.load_meeting(&id).unwrap();
                let p = folder.load_meeting_plan(&id).ok();
                let minutes = std::fs::read(dir.join("minutes.yaml")).unwrap();
                let plan = std::fs::read(dir.join("plan.yaml")).ok();
                let got = facts(
                    &id,
                    &minutes,
                    &dir.join("minutes.yaml"),
                    plan.as_deref(),
                    &dir.join("plan.yaml"),
                )
                .unwrap();
                assert_eq!(
                    got,
                    MeetingFacts::of(&id, &m, p.as_ref()).figures(),
                    "{case} {id}"
                );
            }
        }
    }

    #[test]
    fn a_record_from_a_newer_coregroup_or_of_the_wrong_shape_is_refused_with_its_file() {
        let path = Path::new("meetings/2026-11-24/minutes.yaml");
        let e = facts(
            "2026-11-24",
            b"format: 99\nmeeting: {details: {date: 2026-11-24}}\n",
            path,
            None,
            path,
        )
        .unwrap_err();
        assert!(e.to_string().contains("minutes.yaml"), "{e}");
        let e = facts("2026-11-24", b"meeting: 3\n", path, None, path).unwrap_err();
        assert!(e.to_string().contains("minutes.yaml"), "{e}");
        let e = facts(
            "2026-11-24",
            b"meeting: {details: {date: 2026-11-24}, outcome_progress: [{outcome: o1, score: high}]}\n",
            path,
            None,
            path,
        )
        .unwrap_err();
        assert!(e.to_string().contains("score"), "{e}");
    }
}
