//! What the minutes would say twice, differently: caught before the close and listed on the
//! close step with what is missing, so no record contradicts itself.

use chrono::NaiveDate;

use super::meeting::Meeting;
use super::plan::{Child, Plan};
use super::visits::{VisitRules, last_seen};

/// The contradictions the record of `meeting` (held on `held`, on `plan` as it leaves it) would
/// carry. `scores_asked`: the agenda has the progress step, whose documents report a score for
/// each outcome.
pub fn contradictions(
    meeting: &Meeting,
    plan: &Plan,
    held: Option<NaiveDate>,
    scores_asked: bool,
    rules: VisitRules,
) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(visits(meeting, plan, held, rules));
    if scores_asked {
        out.extend(unscored(meeting, plan));
    }
    out
}

/// The minutes say "no visit recorded" for a child whose last visit (alone) the plan does not
/// hold, while an update recorded at the meeting says the child was seen (alone).
fn visits(
    meeting: &Meeting,
    plan: &Plan,
    held: Option<NaiveDate>,
    rules: VisitRules,
) -> Vec<String> {
    let updates = updates(meeting, plan);
    let mut out = Vec::new();
    for child in &plan.children {
        for alone in [true, false] {
            if last_seen(plan, rules, child, alone, held).is_some() {
                continue;
            }
            let said = updates
                .iter()
                .find(|(_, text)| says_seen(text, child, alone, plan.children.len() == 1));
            if let Some((who, _)) = said {
                let what = if alone { "seen alone" } else { "seen" };
                out.push(format!(
                    "the minutes say {} was not {what} (no visit recorded), but {who} says \
                     so: log the visit, or correct the update",
                    child.name
                ));
                // Seen alone is seen too: one line a child.
                break;
            }
        }
    }
    out
}

/// Whether `text` says the child was seen (alone): it names the child, or there is one child.
fn says_seen(text: &str, child: &Child, alone: bool, only_child: bool) -> bool {
    let t = text.to_lowercase();
    let first = child
        .name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let names = !first.is_empty() && t.contains(&first);
    let about = names || only_child || t.contains("both children") || t.contains("the children");
    let phrase = if alone {
        t.contains("seen alone") || t.contains("saw her alone") || t.contains("saw him alone")
    } else {
        t.contains("seen") || (!first.is_empty() && t.contains(&format!("saw {first}")))
    };
    about && phrase
}

/// Who said what at the meeting that could speak of a visit: updates, written updates, how the
/// child's views were gathered.
fn updates<'a>(meeting: &'a Meeting, plan: &Plan) -> Vec<(String, &'a str)> {
    let mut out: Vec<(String, &str)> = meeting
        .contributions
        .iter()
        .map(|c| {
            let who = meeting.person_name(plan, &c.member);
            (format!("{who}'s update"), c.text.as_str())
        })
        .collect();
    out.extend(
        meeting
            .attendance
            .iter()
            .filter(|a| !a.written_update_summary.trim().is_empty())
            .map(|a| {
                let who = meeting.person_name(plan, &a.member);
                (
                    format!("{who}'s written update"),
                    a.written_update_summary.as_str(),
                )
            }),
    );
    out.extend(
        std::iter::once(&meeting.child_views)
            .chain(&meeting.children_views)
            .map(|v| {
                (
                    "how the child's views were gathered".to_string(),
                    v.how_gathered.as_str(),
                )
            }),
    );
    out
}

/// Outcomes left without a score when others were scored: the documents would report "no
/// score given" for some goals of a scoring the meeting did. (A meeting that scored none did
/// not score, and its documents say so.)
fn unscored(meeting: &Meeting, plan: &Plan) -> Vec<String> {
    if !meeting.outcome_progress.iter().any(|p| p.score.is_some()) {
        return Vec::new();
    }
    plan.outcomes
        .iter()
        .filter(|o| {
            !meeting
                .outcome_progress
                .iter()
                .any(|p| p.outcome == o.id && p.score.is_some())
        })
        .map(|o| format!("no progress score for {} ({})", o.id, o.text.trim()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;
    use crate::domain::meeting::Contribution;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn an_update_saying_a_child_was_seen_alone_without_a_visit_is_caught() {
        let mut plan = example::plan(today());
        plan.key_dates.visits.clear();
        let mut m = example::past_meeting(today());
        m.contributions.push(Contribution {
            id: "c99".into(),
            member: "school".into(),
            text: "Kayla was seen alone at school on Monday.".into(),
            tag: None,
            outcomes: Vec::new(),
            privacy: Default::default(),
        });
        let found = contradictions(
            &m,
            &plan,
            m.details.date,
            false,
            VisitRules::from(&Default::default()),
        );
        assert!(
            found
                .iter()
                .any(|f| f.contains("Kayla Brennan was not seen alone")),
            "{found:?}"
        );
        // With the visit in the plan, nothing is said.
        let mut seen = example::plan(today());
        let kayla = seen.children[0].clone();
        seen.key_dates
            .visits
            .retain(|v| v.for_child(&kayla).is_some_and(|c| c.alone));
        assert!(!seen.key_dates.visits.is_empty());
        let found = contradictions(
            &m,
            &seen,
            None,
            false,
            VisitRules::from(&Default::default()),
        );
        assert!(!found.iter().any(|f| f.contains("Kayla")), "{found:?}");
    }

    #[test]
    fn every_unscored_outcome_is_listed_when_some_were_scored() {
        let plan = example::plan(today());
        let mut m = example::past_meeting(today());
        assert!(m.outcome_progress.iter().any(|p| p.score.is_some()));
        let first = m.outcome_progress[0].outcome.clone();
        m.outcome_progress.retain(|p| p.outcome == first);
        let listed = |m: &Meeting, asked| {
            contradictions(m, &plan, None, asked, VisitRules::from(&Default::default()))
                .into_iter()
                .filter(|f| f.starts_with("no progress score"))
                .count()
        };
        assert_eq!(listed(&m, true), plan.outcomes.len() - 1);
        assert_eq!(listed(&m, false), 0);
        // A meeting that scored nothing did not score: its documents say so.
        m.outcome_progress.clear();
        assert_eq!(listed(&m, true), 0);
    }
}
