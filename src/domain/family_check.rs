//! The family-copy check at close: every passage going to a family copy that looks as if it
//! should not (part of a withheld address, a postcode, an email address, a phone number, the
//! name of a person whose address is withheld, words also in a confidential item). A safety net
//! for free text, shown before the chair closes; the scrub of withheld addresses is the
//! guarantee.

use super::address::{Phrases, postcodes, withheld_addresses};
use super::id::Id;
use super::meeting::{Change, Meeting};
use super::plan::Plan;
use super::privacy::Privacy;
use crate::domain::agenda::StepKind;

/// Where a passage is in the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Exclusions,
    Venue,
    WrittenUpdate(Id),
    /// Who came in a member's place (never kept from the family), by member id.
    Substitute(Id),
    Guest(Id),
    Amendments,
    ActionReview(Id),
    Contribution(Id),
    Score(Id),
    ChildViews,
    /// One child's own views, by child id.
    ChildViewsOf(Id),
    FamilyViews,
    Circumstance(Id),
    Disagreement(Id),
    /// What the meeting said about a disagreement carried in, by the disagreement's id.
    DisagreementReview(Id),
    Escalation,
    NextVenue,
    Note(Id),
    Action(Id),
}

impl Place {
    /// The kind of step where the passage is edited.
    pub fn step(&self) -> StepKind {
        match self {
            Place::Exclusions | Place::Venue => StepKind::Introductions,
            Place::WrittenUpdate(_) | Place::Substitute(_) | Place::Guest(_) => {
                StepKind::Attendance
            }
            Place::Amendments | Place::ActionReview(_) => StepKind::PreviousRecord,
            Place::Contribution(_) | Place::Score(_) => StepKind::AgencyProgress,
            Place::ChildViews | Place::ChildViewsOf(_) => StepKind::ChildViews,
            Place::FamilyViews => StepKind::FamilyViews,
            Place::Circumstance(_) => StepKind::Circumstances,
            Place::Disagreement(_) | Place::DisagreementReview(_) => StepKind::Disagreements,
            Place::Escalation => StepKind::Escalation,
            Place::NextVenue => StepKind::NextMeeting,
            Place::Note(_) => StepKind::Notes,
            Place::Action(_) => StepKind::PlanRevisions,
        }
    }

    /// "Update from Tom Ridley", "Note n2".
    pub fn label(&self, meeting: &Meeting, plan: &Plan) -> String {
        let name = |id: &str| meeting.person_name(plan, id).to_string();
        match self {
            Place::Exclusions => "Exclusions".into(),
            Place::Venue => "Venue".into(),
            Place::WrittenUpdate(m) => format!("Written update from {}", name(m)),
            Place::Substitute(m) => format!("Substitute for {}", name(m)),
            Place::Guest(g) => format!("Guest {g}"),
            Place::Amendments => "Amendments to the last minutes".into(),
            Place::ActionReview(a) => format!("Review of action {a}"),
            Place::Contribution(id) => match meeting.contributions.iter().find(|c| &c.id == id) {
                Some(c) => format!("Update from {}", name(&c.member)),
                None => format!("Update {id}"),
            },
            Place::Score(o) => format!("Why the score for {o}"),
            Place::ChildViews => "The child's views".into(),
            Place::ChildViewsOf(c) => format!(
                "The views of {}",
                plan.child(c).map_or(c.as_str(), |c| c.name.as_str())
            ),
            Place::FamilyViews => "The family's views".into(),
            Place::Circumstance(id) => format!("Change of circumstances {id}"),
            Place::Disagreement(id) => format!("Disagreement {id}"),
            Place::DisagreementReview(id) => format!("What was said about disagreement {id}"),
            Place::Escalation => "Why bring the review forward".into(),
            Place::NextVenue => "Next meeting's venue".into(),
            Place::Note(id) => format!("Note {id}"),
            Place::Action(id) => format!("Action {id}"),
        }
    }

    /// Who may read the item now; `None` for text that is always in the family's copy.
    pub fn privacy<'a>(&self, m: &'a Meeting) -> Option<&'a Privacy> {
        match self {
            Place::Exclusions => Some(&m.details.exclusions_privacy),
            Place::WrittenUpdate(id) => m.attendance_of(id).map(|a| &a.privacy),
            Place::Amendments => Some(&m.previous_record.privacy),
            Place::ActionReview(id) => m
                .action_reviews
                .iter()
                .find(|r| &r.action == id)
                .map(|r| &r.privacy),
            Place::Contribution(id) => m
                .contributions
                .iter()
                .find(|c| &c.id == id)
                .map(|c| &c.privacy),
            Place::Score(id) => m
                .outcome_progress
                .iter()
                .find(|p| &p.outcome == id)
                .map(|p| &p.privacy),
            Place::ChildViews => Some(&m.child_views.privacy),
            Place::ChildViewsOf(c) => m.views_of(c).map(|v| &v.privacy),
            Place::Guest(id) => m.guests.iter().find(|g| &g.id == id).map(|g| &g.privacy),
            Place::FamilyViews => Some(&m.family_views.privacy),
            Place::Circumstance(id) => m
                .circumstances
                .iter()
                .find(|c| &c.id == id)
                .map(|c| &c.privacy),
            Place::Disagreement(id) => m
                .disagreements
                .iter()
                .find(|d| &d.id == id)
                .map(|d| &d.privacy),
            Place::DisagreementReview(id) => m
                .disagreement_reviews
                .iter()
                .find(|r| &r.disagreement == id)
                .map(|r| &r.privacy),
            Place::Escalation => Some(&m.escalation.privacy),
            Place::Note(id) => m.notes.iter().find(|n| &n.id == id).map(|n| &n.privacy),
            Place::Venue | Place::NextVenue | Place::Action(_) | Place::Substitute(_) => None,
        }
    }

    /// The change that gives the item this privacy; `None` for text that cannot have one.
    pub fn with_privacy(&self, m: &Meeting, privacy: Privacy) -> Option<Change> {
        let find = |id: &Id| -> Option<Change> {
            Some(match self {
                Place::WrittenUpdate(_) => {
                    let mut a = m.attendance_of(id)?.clone();
                    a.privacy = privacy.clone();
                    Change::Attendance(a)
                }
                Place::ActionReview(_) => {
                    let mut r = m.action_reviews.iter().find(|r| &r.action == id)?.clone();
                    r.privacy = privacy.clone();
                    Change::ActionReview(r)
                }
                Place::Contribution(_) => {
                    let mut c = m.contributions.iter().find(|c| &c.id == id)?.clone();
                    c.privacy = privacy.clone();
                    Change::Contribution(c)
                }
                Place::Score(_) => {
                    let mut p = m
                        .outcome_progress
                        .iter()
                        .find(|p| &p.outcome == id)?
                        .clone();
                    p.privacy = privacy.clone();
                    Change::OutcomeProgress(p)
                }
                Place::Circumstance(_) => {
                    let mut c = m.circumstances.iter().find(|c| &c.id == id)?.clone();
                    c.privacy = privacy.clone();
                    Change::Circumstance(c)
                }
                Place::Disagreement(_) => {
                    let mut d = m.disagreements.iter().find(|d| &d.id == id)?.clone();
                    d.privacy = privacy.clone();
                    Change::Disagreement(d)
                }
                Place::DisagreementReview(_) => {
                    let mut r = m
                        .disagreement_reviews
                        .iter()
                        .find(|r| &r.disagreement == id)?
                        .clone();
                    r.privacy = privacy.clone();
                    Change::DisagreementReview(r)
                }
                Place::Note(_) => {
                    let mut n = m.notes.iter().find(|n| &n.id == id)?.clone();
                    n.privacy = privacy.clone();
                    Change::Note(n)
                }
                Place::Guest(_) => {
                    let mut g = m.guests.iter().find(|g| &g.id == id)?.clone();
                    g.privacy = privacy.clone();
                    Change::Guest(g)
                }
                Place::ChildViewsOf(_) => {
                    let mut v = m.views_of(id)?.clone();
                    v.privacy = privacy.clone();
                    Change::ChildViews(v)
                }
                _ => return None,
            })
        };
        match self {
            Place::Exclusions => {
                let mut d = m.details.clone();
                d.exclusions_privacy = privacy;
                Some(Change::Details(d))
            }
            Place::Amendments => {
                let mut p = m.previous_record.clone();
                p.privacy = privacy;
                Some(Change::PreviousRecord(p))
            }
            Place::ChildViews => {
                let mut v = m.child_views.clone();
                v.privacy = privacy;
                Some(Change::ChildViews(v))
            }
            Place::FamilyViews => {
                let mut v = m.family_views.clone();
                v.privacy = privacy;
                Some(Change::FamilyViews(v))
            }
            Place::Escalation => {
                let mut e = m.escalation.clone();
                e.privacy = privacy;
                Some(Change::Escalation(e))
            }
            Place::WrittenUpdate(id)
            | Place::ActionReview(id)
            | Place::Contribution(id)
            | Place::Score(id)
            | Place::Circumstance(id)
            | Place::Disagreement(id)
            | Place::DisagreementReview(id)
            | Place::Note(id)
            | Place::Guest(id)
            | Place::ChildViewsOf(id) => find(id),
            Place::Venue | Place::NextVenue | Place::Action(_) | Place::Substitute(_) => None,
        }
    }
}

/// Every free text of the record with where it is and who may read it.
fn texts<'a>(m: &'a Meeting, plan: &'a Plan) -> Vec<(Place, Vec<&'a str>, Option<&'a Privacy>)> {
    let mut out: Vec<(Place, Vec<&str>, Option<&Privacy>)> = vec![
        (
            Place::Exclusions,
            vec![&m.details.exclusions],
            Some(&m.details.exclusions_privacy),
        ),
        (Place::Venue, vec![&m.details.venue], None),
        (
            Place::Amendments,
            vec![&m.previous_record.amendments],
            Some(&m.previous_record.privacy),
        ),
        (
            Place::ChildViews,
            vec![
                &m.child_views.wishes_and_feelings,
                &m.child_views.how_gathered,
            ],
            Some(&m.child_views.privacy),
        ),
        (
            Place::FamilyViews,
            vec![&m.family_views.views, &m.family_views.not_accepted],
            Some(&m.family_views.privacy),
        ),
        (
            Place::Escalation,
            vec![&m.escalation.reason],
            Some(&m.escalation.privacy),
        ),
        (Place::NextVenue, vec![&m.next_meeting.venue], None),
    ];
    for v in &m.children_views {
        out.push((
            Place::ChildViewsOf(v.child.clone().unwrap_or_default()),
            vec![&v.wishes_and_feelings, &v.how_gathered],
            Some(&v.privacy),
        ));
    }
    for a in &m.attendance {
        out.push((
            Place::WrittenUpdate(a.member.clone()),
            vec![&a.written_update_summary],
            Some(&a.privacy),
        ));
        out.push((
            Place::Substitute(a.member.clone()),
            vec![&a.substitute],
            None,
        ));
    }
    for g in &m.guests {
        out.push((
            Place::Guest(g.id.clone()),
            vec![&g.name, &g.role, &g.agency],
            Some(&g.privacy),
        ));
    }
    for r in &m.action_reviews {
        out.push((
            Place::ActionReview(r.action.clone()),
            vec![&r.note],
            Some(&r.privacy),
        ));
    }
    for c in &m.contributions {
        out.push((
            Place::Contribution(c.id.clone()),
            vec![&c.text],
            Some(&c.privacy),
        ));
    }
    for p in &m.outcome_progress {
        out.push((
            Place::Score(p.outcome.clone()),
            vec![&p.note],
            Some(&p.privacy),
        ));
    }
    for c in &m.circumstances {
        out.push((
            Place::Circumstance(c.id.clone()),
            vec![&c.detail],
            Some(&c.privacy),
        ));
    }
    for d in &m.disagreements {
        out.push((
            Place::Disagreement(d.id.clone()),
            vec![&d.who, &d.about, &d.reasons],
            Some(&d.privacy),
        ));
    }
    for r in &m.disagreement_reviews {
        out.push((
            Place::DisagreementReview(r.disagreement.clone()),
            vec![&r.note, &r.by],
            Some(&r.privacy),
        ));
    }
    for n in &m.notes {
        out.push((
            Place::Note(n.id.clone()),
            vec![&n.subject, &n.text],
            Some(&n.privacy),
        ));
    }
    for a in plan.actions.iter().filter(|a| a.status.is_open()) {
        out.push((Place::Action(a.id.clone()), vec![&a.what], None));
    }
    out
}

/// A passage that looks as if it should not reach a family copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concern {
    pub place: Place,
    /// What it looks like: "withheld address", "phone number" ...
    pub why: &'static str,
    /// The passage, on one line, shortened around what was found.
    pub excerpt: String,
    /// The passage in full, as typed.
    pub passage: String,
}

impl Concern {
    /// One line for the record: where, why and the passage.
    pub fn describe(&self, m: &Meeting, plan: &Plan) -> String {
        format!(
            "{}: {}: \"{}\"",
            self.place.label(m, plan),
            self.why,
            self.excerpt
        )
    }
}

/// Words in a row that, also found in a confidential item, suggest it was repeated openly.
const SHARED_WORDS: usize = 6;

/// Every passage going to some family copy (text not confidential) that looks as if it should
/// not, in the order of the record.
pub fn concerns(m: &Meeting, plan: &Plan) -> Vec<Concern> {
    let all = texts(m, plan);
    let withheld = withheld_addresses(plan);
    let names = withheld_names(plan);
    let confidential: Vec<Vec<String>> = all
        .iter()
        .filter(|(_, _, p)| p.is_some_and(|p| p.confidential))
        .flat_map(|(_, texts, _)| texts.iter().map(|t| words(t)))
        .collect();
    // Items not for some family member: open text must not repeat what they hold.
    let not_for: Vec<Vec<String>> = all
        .iter()
        .filter(|(_, _, p)| p.is_some_and(|p| !p.confidential && !p.not_for.is_empty()))
        .flat_map(|(_, texts, _)| texts.iter().map(|t| words(t)))
        .collect();
    let mut out = Vec::new();
    for (place, texts, privacy) in &all {
        if privacy.is_some_and(|p| p.confidential) {
            continue;
        }
        for text in texts {
            let mut found: Vec<(&'static str, std::ops::Range<usize>)> = Vec::new();
            found.extend(
                withheld
                    .find(text)
                    .into_iter()
                    .map(|s| ("withheld address", s)),
            );
            found.extend(postcodes(text).into_iter().map(|s| ("postcode", s)));
            found.extend(emails(text).into_iter().map(|s| ("email address", s)));
            found.extend(phones(text).into_iter().map(|s| ("phone number", s)));
            found.extend(
                names
                    .find(text)
                    .into_iter()
                    .map(|s| ("name of a withheld person", s)),
            );
            if let Some(s) = shared_with(text, &confidential) {
                found.push(("also in a confidential item", s));
            }
            // Only open text reaches the members an item is not for.
            if privacy.is_none_or(|p| p.is_open())
                && let Some(s) =
                    shared_with(text, &not_for).or_else(|| distinctive_in(text, &not_for))
            {
                found.push(("also in an item not for a family member", s));
            }
            // One line per kind of concern in each passage is enough to send the chair to it.
            let mut seen: Vec<&str> = Vec::new();
            for (why, span) in found {
                if seen.contains(&why) {
                    continue;
                }
                seen.push(why);
                out.push(Concern {
                    place: place.clone(),
                    why,
                    excerpt: excerpt(text, span),
                    passage: text.to_string(),
                });
            }
        }
    }
    out
}

/// The names of the people outside the family whose address is withheld (a carer, a new
/// partner), whole and as "Ms Surname". A family member's own name is in every family copy
/// by design, so it is not flagged.
fn withheld_names(plan: &Plan) -> Phrases {
    let mut names = Vec::new();
    for m in plan
        .members
        .iter()
        .filter(|m| m.withhold_address && !m.family)
    {
        names.push(m.name.clone());
        if let Some(surname) = m.name.split_whitespace().last() {
            for title in ["Mr", "Mrs", "Ms", "Miss", "Mx"] {
                names.push(format!("{title} {surname}"));
            }
        }
    }
    Phrases::new(names, 3)
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Where the text repeats [`SHARED_WORDS`] words in a row of a confidential text.
fn shared_with(text: &str, confidential: &[Vec<String>]) -> Option<std::ops::Range<usize>> {
    let mine = words(text);
    if mine.len() < SHARED_WORDS {
        return None;
    }
    for window in mine.windows(SHARED_WORDS) {
        if confidential
            .iter()
            .any(|c| c.windows(SHARED_WORDS).any(|w| w == window))
        {
            // Point at the first shared word.
            let at = text.to_lowercase().find(&window[0]).unwrap_or(0);
            return Some(at..(at + window[0].len()).min(text.len()));
        }
    }
    None
}

/// Words too common in minutes to tell one item from another.
const EVERYDAY: &[&str] = &[
    "about", "after", "again", "agreed", "also", "before", "being", "below", "child", "children",
    "could", "every", "family", "father", "mother", "first", "going", "house", "meeting", "months",
    "never", "other", "people", "really", "school", "should", "since", "still", "their", "there",
    "these", "thing", "things", "think", "those", "three", "today", "under", "until", "weeks",
    "where", "which", "while", "would", "years", "social", "worker",
];

/// Distinctive words of an item: five letters or more, and not everyday words of minutes.
fn distinctive(words: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() >= 5 && !EVERYDAY.contains(w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Where the text repeats three or more distinctive words of one item (in any order), at the
/// first of them: a restricted passage retold in other words.
fn distinctive_in(text: &str, items: &[Vec<String>]) -> Option<std::ops::Range<usize>> {
    let mine = words(text);
    let own = distinctive(&mine);
    for item in items {
        let shared: Vec<&str> = distinctive(item)
            .into_iter()
            .filter(|w| own.contains(w))
            .collect();
        if shared.len() >= 3 {
            let first = mine.iter().find(|w| shared.contains(&w.as_str()))?;
            let at = text.to_lowercase().find(first.as_str()).unwrap_or(0);
            return Some(at..(at + first.len()).min(text.len()));
        }
    }
    None
}

/// Byte spans of what look like email addresses.
fn emails(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in text.split_inclusive(char::is_whitespace) {
        let word = part.trim_end();
        let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some((user, domain)) = trimmed.split_once('@')
            && !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
        {
            let at = start + word.find(trimmed).unwrap_or(0);
            out.push(at..at + trimmed.len());
        }
        start += part.len();
    }
    out
}

/// Byte spans of what look like UK phone numbers: 10 to 13 digits, starting 0 or +, with
/// spaces, hyphens or brackets between.
fn phones(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None; // start, end, digits
    let close = |run: Option<(usize, usize, usize)>, out: &mut Vec<_>| {
        if let Some((s, e, digits)) = run
            && (10..=13).contains(&digits)
            && (text[s..].starts_with('0') || text[s..].starts_with('+'))
        {
            out.push(s..e);
        }
    };
    for (i, c) in text.char_indices() {
        let digit = c.is_ascii_digit();
        let joiner = matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && run.is_none());
        match &mut run {
            Some((_, e, d)) if digit => {
                *d += 1;
                *e = i + 1;
            }
            Some(_) if joiner => {}
            Some(_) => close(run.take(), &mut out),
            None if digit || c == '+' || c == '(' => {
                run = Some((i, i + 1, usize::from(digit)));
            }
            None => {}
        }
    }
    close(run, &mut out);
    out
}

/// About 60 characters of the text around a span, on one line.
fn excerpt(text: &str, span: std::ops::Range<usize>) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = chars
        .iter()
        .position(|(i, _)| *i >= span.start)
        .unwrap_or(0);
    let from = at.saturating_sub(25);
    let to = (at + 35).min(chars.len());
    let mut s: String = chars[from..to]
        .iter()
        .map(|(_, c)| if c.is_whitespace() { ' ' } else { *c })
        .collect();
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if from > 0 {
        s.insert(0, '…');
    }
    if to < chars.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;
    use crate::domain::meeting::{Contribution, Note};

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn each_kind_of_passage_is_flagged() {
        let mut plan = example::plan(today());
        let carer = plan
            .members
            .iter_mut()
            .find(|m| m.id == "recovery")
            .unwrap();
        carer.withhold_address = true;
        carer.name = "Lewis Carter".into();
        let mut m = example::past_meeting(today());
        let cases = [
            ("She is at 12 Larkspur Court now.", "withheld address"),
            ("Post to EB9 4ZZ.", "postcode"),
            ("Write to kim.lane@example.com please.", "email address"),
            ("Call 07700 900123 after six.", "phone number"),
            ("Mr Carter was upset.", "name of a withheld person"),
            (
                "seen near Ms Brennan's new address twice last month",
                "also in a confidential item",
            ),
        ];
        for (i, (text, _)) in cases.iter().enumerate() {
            m.contributions.push(Contribution {
                id: format!("c{}", 50 + i),
                member: "school".into(),
                text: (*text).into(),
                tag: None,
                outcomes: Vec::new(),
                privacy: Privacy::default(),
            });
        }
        let found = concerns(&m, &plan);
        for (i, (text, why)) in cases.iter().enumerate() {
            let place = Place::Contribution(format!("c{}", 50 + i));
            assert!(
                found.iter().any(|c| c.place == place && c.why == *why),
                "{text:?} not flagged as {why}: {found:?}"
            );
        }
        // A confidential item is not going to the family: nothing to flag in it.
        assert!(!found.iter().any(|c| c.place == Place::Note("n1".into())));
    }

    #[test]
    fn marking_a_passage_confidential_takes_it_off_the_list() {
        let plan = example::plan(today());
        let mut m = example::past_meeting(today());
        m.notes.push(Note {
            id: "n9".into(),
            step: "notes".into(),
            subject: String::new(),
            text: "Her number is 07700 900456.".into(),
            privacy: Privacy::default(),
        });
        let place = Place::Note("n9".into());
        assert!(concerns(&m, &plan).iter().any(|c| c.place == place));
        let change = place.with_privacy(&m, Privacy::marked(true)).unwrap();
        let mut d = crate::domain::meeting::Draft::new(m, plan.clone());
        d.apply(change).unwrap();
        assert!(!concerns(&d.meeting, &plan).iter().any(|c| c.place == place));
        assert_eq!(place.privacy(&d.meeting), Some(&Privacy::marked(true)));
    }

    #[test]
    fn a_guest_a_child_s_own_views_and_a_note_s_subject_are_checked_and_can_be_marked() {
        let plan = example::plan(today());
        let mut m = example::past_meeting(today());
        let mut g = crate::domain::meeting::Guest::new(
            "g9".into(),
            "Ann Other".into(),
            "Refuge worker, 07700 900456".into(),
            String::new(),
        );
        g.privacy = Privacy::default();
        m.guests.push(g);
        m.children_views.push(crate::domain::meeting::ChildViews {
            child: Some("alfie".into()),
            wishes_and_feelings: "Nan's number is 07700 900789.".into(),
            ..Default::default()
        });
        m.notes.push(Note {
            id: "n9".into(),
            step: "notes".into(),
            subject: "Call 07700 900111".into(),
            text: "Ring after six.".into(),
            privacy: Privacy::default(),
        });
        for place in [
            Place::Guest("g9".into()),
            Place::ChildViewsOf("alfie".into()),
            Place::Note("n9".into()),
        ] {
            assert!(
                concerns(&m, &plan).iter().any(|c| c.place == place),
                "{place:?} not checked"
            );
            let change = place.with_privacy(&m, Privacy::marked(true)).unwrap();
            let mut d = crate::domain::meeting::Draft::new(m.clone(), plan.clone());
            d.apply(change).unwrap();
            assert!(!concerns(&d.meeting, &plan).iter().any(|c| c.place == place));
            assert_eq!(place.privacy(&d.meeting), Some(&Privacy::marked(true)));
        }
        // A substitute is never kept from the family: flagged, but with no privacy to set.
        m.attendance[0].substitute = "Sam, 07700 900222".into();
        let sub = Place::Substitute(m.attendance[0].member.clone());
        assert!(concerns(&m, &plan).iter().any(|c| c.place == sub));
        assert!(sub.with_privacy(&m, Privacy::marked(true)).is_none());
    }

    fn with_contributions(texts: &[&str]) -> Meeting {
        let mut m = example::past_meeting(today());
        for (i, text) in texts.iter().enumerate() {
            m.contributions.push(Contribution {
                id: format!("c{}", 50 + i),
                member: "school".into(),
                text: (*text).into(),
                tag: None,
                outcomes: Vec::new(),
                privacy: Privacy::default(),
            });
        }
        m
    }

    #[test]
    fn every_way_of_writing_a_withheld_address_is_flagged_and_a_time_is_not() {
        // The example withholds "Flat 3, 12 Larkspur Court, Eastbrook EB4 2QT".
        let plan = example::plan(today());
        let forms = [
            "She is at 12 Larkspur Ct now.",
            "Seen at Larkspur 12 twice.",
            "She moved into the Larkspur flats.",
            "Somewhere in EB4 2.",
            "Somewhere in EB4.",
            "Seen at L a r k s p u r Court.",
            "Seen at \u{ff2c}\u{ff41}\u{ff52}\u{ff4b}\u{ff53}\u{ff50}\u{ff55}\u{ff52}.",
            "Seen at L\u{430}rkspur Court.",
            "Seen at Lark\u{200b}spur Court.",
            "Seen at Lark\u{ad}spur Court.",
            "Seen at Lark-\nspur Court.",
        ];
        let times = [
            "Reports due by 10am on Friday.",
            "Contact at 3pm, collected by 5pm.",
            "She is settled at the refuge.",
        ];
        let all: Vec<&str> = forms.iter().chain(&times).copied().collect();
        let found = concerns(&with_contributions(&all), &plan);
        for (i, text) in all.iter().enumerate() {
            let place = Place::Contribution(format!("c{}", 50 + i));
            let here: Vec<&str> = found
                .iter()
                .filter(|c| c.place == place)
                .map(|c| c.why)
                .collect();
            let want: &[&str] = if i < forms.len() {
                &["withheld address"]
            } else {
                &[]
            };
            assert_eq!(here, want, "{text:?}");
        }
    }

    #[test]
    fn open_text_repeating_an_item_not_for_a_family_member_is_flagged() {
        let plan = example::plan(today());
        let mut m = with_contributions(&[
            "Dean's partner now works nights at the Quarry Tavern in Millbrook.",
            "Kayla's attendance is up to 94% this term.",
        ]);
        m.notes.push(Note {
            id: "n9".into(),
            step: "notes".into(),
            subject: String::new(),
            text: "Police say the new partner works at the Quarry Tavern, Millbrook.".into(),
            privacy: Privacy {
                confidential: false,
                not_for: vec!["dad".into()],
            },
        });
        let found = concerns(&m, &plan);
        let why = "also in an item not for a family member";
        let retold = found
            .iter()
            .find(|c| c.place == Place::Contribution("c50".into()) && c.why == why)
            .unwrap_or_else(|| panic!("not flagged: {found:?}"));
        assert_eq!(
            retold.passage,
            "Dean's partner now works nights at the Quarry Tavern in Millbrook."
        );
        assert!(
            !found
                .iter()
                .any(|c| c.place == Place::Contribution("c51".into()))
        );
        // The restricted item itself is not flagged for repeating itself.
        assert!(
            !found
                .iter()
                .any(|c| c.place == Place::Note("n9".into()) && c.why == why)
        );
    }

    #[test]
    fn ordinary_text_is_not_flagged() {
        assert!(phones("Attendance is 91% up from 78% in 2026.").is_empty());
        assert!(emails("Meet @ 10 at the centre.").is_empty());
        assert_eq!(phones("ring 0121 496 0000."), vec![5..18]);
        let plan = example::plan(today());
        let found = concerns(&example::past_meeting(today()), &plan);
        assert!(
            found
                .iter()
                .all(|c| c.why != "phone number" && c.why != "email address"),
            "{found:?}"
        );
    }
}
