//! A meeting's figures straight from its files, reading only the keys drift needs: the date,
//! the scores, the actions reviewed, who came, and each action's due date in the plan the
//! meeting left. The rest of each file (contributions, views, the agenda's snapshot, every text
//! of the plan) is passed over, not built.
//!
//! Only for this read-only summary: the shapes here ignore keys they do not name. Every other
//! reader of a record (`CaseFolder::load_meeting`, closing, export, `check`) is the strict one,
//! and refuses an unknown key with its line.
//!
//! A case's meetings repeat one another: each record ends with the same agenda, and each plan a
//! meeting left holds the case's details and most actions as the plan before it did, byte for
//! byte. So a file is read in blocks (each key written flush left, and each action of the plan
//! on its own), and a block whose bytes were already read for the case is not parsed again: its
//! due dates are taken from then, or, for a block whose values are not needed, that it parsed.
//! A plan left that holds the very bytes of the case's `plan.yaml` takes its due dates from the
//! case's plan, already read. Whenever a file does not cut cleanly into blocks, or any block does
//! not parse alone, the whole file is parsed, so the result (or the error, with its line) is
//! always the one a whole parse gives.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::yaml::{self, LoadError};
use crate::domain::case_log::meeting_date;
use crate::domain::drift::MeetingFacts;
use crate::domain::format::{MinutesFormat, PlanFormat};
use crate::domain::id::Id;
use crate::domain::meeting::{ActionReview, Attendance, OutcomeProgress, Presence};
use crate::domain::plan::ActionStatus;
use crate::store::fingerprint::Fingerprint;

#[derive(Deserialize)]
struct Minutes {
    /// Still checked: a record from a newer coregroup is refused, not read wrongly.
    #[serde(default)]
    #[allow(dead_code)]
    format: MinutesFormat,
    meeting: MinutesMeeting,
}

#[derive(Deserialize)]
struct MinutesMeeting {
    details: MinutesDetails,
    #[serde(default)]
    attendance: Vec<Came>,
    #[serde(default)]
    action_reviews: Vec<Reviewed>,
    #[serde(default)]
    outcome_progress: Vec<Scored>,
}

#[derive(Deserialize)]
struct MinutesDetails {
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

#[derive(Default, Deserialize)]
struct PlanDues {
    #[serde(default)]
    #[allow(dead_code)]
    format: PlanFormat,
    #[serde(default)]
    actions: Vec<ActionDue>,
}

#[derive(Clone, Deserialize)]
struct ActionDue {
    id: Id,
    #[serde(default)]
    due: Option<NaiveDate>,
}

/// Each action's due date in a plan, in the plan's order.
type Dues = Vec<(Id, Option<NaiveDate>)>;

/// What has been read of one case's files so far, so the same bytes are not parsed twice.
#[derive(Default)]
pub struct Reuse {
    /// The case's `plan.yaml`: the fingerprint of its bytes and each action's due date in it.
    plan: Option<(Fingerprint, Dues)>,
    /// Blocks whose values are not needed, already found to parse alone.
    sound: HashSet<Fingerprint>,
    /// The text of each action of a plan already parsed, and what it gave.
    actions: HashMap<Fingerprint, Vec<ActionDue>>,
}

impl Reuse {
    /// `plan` read from bytes with the fingerprint `print` (the case's own `plan.yaml`).
    pub fn with_plan(print: Fingerprint, plan: &crate::domain::plan::Plan) -> Reuse {
        Reuse {
            plan: Some((
                print,
                plan.actions.iter().map(|a| (a.id.clone(), a.due)).collect(),
            )),
            ..Reuse::default()
        }
    }
}

/// The figures of the meeting `id` from the bytes of its `minutes.yaml` and (when it has one)
/// its `plan.yaml`: what `MeetingFacts::of(..).figures()` gives from the full records.
pub fn facts(
    id: &str,
    minutes: &[u8],
    minutes_path: &Path,
    plan: Option<&[u8]>,
    plan_path: &Path,
    reuse: &mut Reuse,
) -> Result<MeetingFacts, LoadError> {
    let m: Minutes = match in_blocks(minutes, minutes_path, &["format", "meeting"], reuse) {
        Some(m) => m,
        None => yaml::parse_bytes(minutes, minutes_path)?,
    };
    let dues = match plan {
        Some(bytes) => Some(dues(bytes, plan_path, reuse)?),
        None => None,
    };
    Ok(figures(id, m, dues))
}

fn figures(id: &str, m: Minutes, dues: Option<Dues>) -> MeetingFacts {
    let m = m.meeting;
    MeetingFacts {
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
        dues,
    }
}

/// Each action's due date in the plan a meeting left.
fn dues(bytes: &[u8], path: &Path, reuse: &mut Reuse) -> Result<Dues, LoadError> {
    if let Some((print, dues)) = &reuse.plan
        && Fingerprint::of(bytes) == *print
    {
        return Ok(dues.clone());
    }
    let plan = match plan_in_blocks(bytes, path, reuse) {
        Some(p) => p,
        None => yaml::parse_bytes(bytes, path)?,
    };
    Ok(plan.actions.into_iter().map(|a| (a.id, a.due)).collect())
}

/// The text of a file of keys written flush left, or `None` when it is not one.
fn text_of<'a>(bytes: &'a [u8], path: &Path) -> Option<&'a str> {
    let text = std::str::from_utf8(yaml::without_bom(bytes)).ok()?;
    // Aliases are bounded over the whole file, as a whole parse bounds them.
    yaml::bounded_aliases(text, path).ok()?;
    Some(text)
}

/// Whether `block`, whose values are not needed, parses alone; each text is checked once for the
/// case.
///
/// A block whose value is laid out on the lines below its key is looked at in its parts (see
/// [`parts`]), so what it shares with one read before is not parsed again: when only a few of
/// its parts are new, those are parsed, each alone (all parts sound make the block sound);
/// otherwise the block is parsed whole, and then vouches for each of its parts that cannot
/// depend on what is around it (no quotes, brackets, block scalars, anchors or aliases).
fn sound(block: &str, path: &Path, reuse: &mut Reuse) -> bool {
    let print = Fingerprint::of(block.as_bytes());
    if reuse.sound.contains(&print) {
        return true;
    }
    let mut parts = Vec::new();
    let ok = if block_parts(block, &mut parts) {
        let new: Vec<&String> = parts
            .iter()
            .filter(|p| !reuse.sound.contains(&Fingerprint::of(p.as_bytes())))
            .collect();
        if new.len() <= FEW_NEW_PARTS {
            let ok = new.iter().all(|p| alone(p, path));
            if ok {
                for p in new {
                    reuse.sound.insert(Fingerprint::of(p.as_bytes()));
                }
            }
            ok
        } else {
            let ok = alone(block, path);
            if ok {
                for p in parts.iter().filter(|p| context_free(p)) {
                    reuse.sound.insert(Fingerprint::of(p.as_bytes()));
                }
            }
            ok
        }
    } else {
        alone(block, path)
    };
    if ok {
        reuse.sound.insert(print);
    }
    ok
}

/// Up to this many new parts of a block are parsed one by one rather than the block whole:
/// each parse costs a little of its own besides its bytes.
const FEW_NEW_PARTS: usize = 8;

fn alone(text: &str, path: &Path) -> bool {
    yaml::parse_str::<IgnoredAny>(text, path).is_ok()
}

/// Text that parses alone whenever a block holding it (at its place) parses: nothing in it can
/// reach past its own lines or refer to anything else.
fn context_free(text: &str) -> bool {
    !text.contains(['"', '\'', '&', '*', '[', ']', '{', '}', '|', '>', '\t'])
}

/// Push the parts of a block `key:` onto `out` and say whether it has any: each entry of a
/// sequence written flush left below the key, or, for a mapping indented by two spaces below
/// it, the parts of each of its blocks as if written flush left (a block with none is one part
/// itself). Text that depends on its place (block scalars, whose lines keep their indentation,
/// and tabs) is never moved: such a block has no parts.
fn block_parts(block: &str, out: &mut Vec<String>) -> bool {
    if let Some(entries) = entries(block) {
        out.extend(entries.into_iter().map(str::to_string));
        return true;
    }
    let Some(newline) = block.find('\n') else {
        return false;
    };
    let body = &block[newline + 1..];
    if key_line(block).is_none() || body.is_empty() || body.contains(['|', '>', '\t']) {
        return false;
    }
    let mut inner = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        match line.strip_prefix("  ") {
            Some(rest) => inner.push_str(rest),
            None if line.trim().is_empty() => inner.push_str(line.trim_start_matches(' ')),
            None => return false,
        }
    }
    let Some(blocks) = blocks(&inner) else {
        return false;
    };
    for (_, b) in blocks {
        if !block_parts(b, out) {
            out.push(b.to_string());
        }
    }
    true
}

/// `T` from the blocks of the file keyed `needed`, the others only checked to parse; `None`
/// when the whole file must be parsed instead.
fn in_blocks<T: DeserializeOwned>(
    bytes: &[u8],
    path: &Path,
    needed: &[&str],
    reuse: &mut Reuse,
) -> Option<T> {
    let text = text_of(bytes, path)?;
    let mut kept = String::new();
    for (key, block) in blocks(text)? {
        if needed.contains(&key) {
            kept.push_str(block);
        } else if !sound(block, path, reuse) {
            return None;
        }
    }
    yaml::parse_str(&kept, path).ok()
}

/// A plan's `format` and actions from its blocks, each action's text parsed only once for the
/// case; `None` when the whole file must be parsed instead.
fn plan_in_blocks(bytes: &[u8], path: &Path, reuse: &mut Reuse) -> Option<PlanDues> {
    let text = text_of(bytes, path)?;
    let mut kept = String::new();
    let mut actions = None;
    for (key, block) in blocks(text)? {
        match key {
            "format" => kept.push_str(block),
            "actions" => match entries(block) {
                Some(items) => {
                    let mut all = Vec::new();
                    for item in items {
                        let print = Fingerprint::of(item.as_bytes());
                        let dues = match reuse.actions.get(&print) {
                            Some(d) => d.clone(),
                            None => {
                                let d: Vec<ActionDue> = yaml::parse_str(item, path).ok()?;
                                reuse.actions.insert(print, d.clone());
                                d
                            }
                        };
                        all.extend(dues);
                    }
                    actions = Some(all);
                }
                None => kept.push_str(block),
            },
            _ if sound(block, path, reuse) => {}
            _ => return None,
        }
    }
    let mut plan: PlanDues = if kept.is_empty() {
        PlanDues::default()
    } else {
        yaml::parse_str(&kept, path).ok()?
    };
    if let Some(actions) = actions {
        plan.actions = actions;
    }
    Some(plan)
}

/// A line that starts an entry of a block sequence written flush left.
fn is_item(line: &str) -> bool {
    line.starts_with("- ") || line.trim_end() == "-"
}

/// The key of a line `key:` or `key: value` written flush left, the key plain lowercase.
fn key_of(line: &str) -> Option<&str> {
    let (key, rest) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    (plain && (rest.is_empty() || rest.starts_with([' ', '\n', '\r']))).then_some(key)
}

/// The file's text cut before each key written flush left: each block its key and its text (the
/// first with any comments before it). `None` when the file is not a mapping of such keys, has
/// none or a key twice, or has directives or document markers: then it is parsed whole.
fn blocks(text: &str) -> Option<Vec<(&str, &str)>> {
    let mut starts: Vec<(&str, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
            return None;
        }
        if line.starts_with([' ', '#', '\n', '\r']) || is_item(line) {
            let blank = line.trim_start().is_empty() || line.trim_start().starts_with('#');
            if starts.is_empty() && !blank {
                return None;
            }
            continue;
        }
        let key = key_of(line)?;
        if starts.iter().any(|(k, _)| *k == key) {
            return None;
        }
        starts.push((key, if starts.is_empty() { 0 } else { start }));
    }
    if starts.is_empty() {
        // Nothing but comments: a whole parse says what is wrong.
        return None;
    }
    let ends = starts.iter().skip(1).map(|s| s.1).chain([text.len()]);
    Some(
        starts
            .iter()
            .zip(ends)
            .map(|(&(key, a), b)| (key, &text[a..b]))
            .collect(),
    )
}

/// The key of a block's first line when it is `key:` alone, its value on the lines below.
fn key_line(block: &str) -> Option<&str> {
    let line = block.split('\n').next()?;
    let key = key_of(line)?;
    // `key_of` found the key and its colon at the start of the line: nothing may follow.
    (line.trim_end().len() == key.len() + 1).then_some(key)
}

/// The entries of a block `key:` whose value is a sequence written flush left, each with its
/// text; `None` for any other layout.
fn entries(block: &str) -> Option<Vec<&str>> {
    key_line(block)?;
    let body = &block[block.find('\n')? + 1..];
    let mut starts = Vec::new();
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        if is_item(line) {
            starts.push(at);
        }
        at += line.len();
    }
    if starts.first() != Some(&0) {
        return None;
    }
    let ends = starts.iter().skip(1).copied().chain([body.len()]);
    Some(starts.iter().zip(ends).map(|(&a, b)| &body[a..b]).collect())
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
                &mut Reuse::default(),
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
                    &mut Reuse::default(),
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
            &mut Reuse::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("minutes.yaml"), "{e}");
        let e = facts(
            "2026-11-24",
            b"meeting: 3\n",
            path,
            None,
            path,
            &mut Reuse::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("minutes.yaml"), "{e}");
        let e = facts(
            "2026-11-24",
            b"meeting: {details: {date: 2026-11-24}, outcome_progress: [{outcome: o1, score: high}]}\n",
            path,
            None,
            path,
            &mut Reuse::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("score"), "{e}");
    }

    /// What reading each file whole gives, as before files were read in blocks.
    fn whole(id: &str, minutes: &str, plan: &str) -> Result<MeetingFacts, LoadError> {
        let (mp, pp) = (Path::new("minutes.yaml"), Path::new("plan.yaml"));
        let m: Minutes = yaml::parse_bytes(minutes.as_bytes(), mp)?;
        let p: PlanDues = yaml::parse_bytes(plan.as_bytes(), pp)?;
        let dues = p.actions.into_iter().map(|a| (a.id, a.due)).collect();
        Ok(figures(id, m, Some(dues)))
    }

    fn read(
        id: &str,
        minutes: &str,
        plan: &str,
        reuse: &mut Reuse,
    ) -> Result<MeetingFacts, LoadError> {
        facts(
            id,
            minutes.as_bytes(),
            Path::new("minutes.yaml"),
            Some(plan.as_bytes()),
            Path::new("plan.yaml"),
            reuse,
        )
    }

    /// A generated case's last meetings as the text of their files: (id, minutes, plan left).
    fn files_of(n: usize) -> (crate::domain::plan::Plan, Vec<(String, String, String)>) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let snapshot =
            crate::agenda::AgendaSnapshot::of(&crate::agenda::shipped("core-group").unwrap());
        let g = crate::domain::large_caseload::case(n, today, 1);
        let files = g
            .meetings
            .into_iter()
            .map(|(m, p)| {
                let id = m.id.clone();
                let minutes = yaml::to_string(&MinutesFile::new(m, snapshot.clone())).unwrap();
                (id, minutes, crate::store::plan_yaml::to_string(&p).unwrap())
            })
            .collect();
        (g.plan, files)
    }

    /// A meeting that left the case's own `plan.yaml`, byte for byte, takes its due dates from
    /// the case's plan already read: the plan given here is marked, and the mark comes back.
    #[test]
    fn a_plan_left_as_the_case_plan_is_not_parsed_again() {
        let (mut plan, files) = files_of(3);
        let (id, minutes, left) = files.last().unwrap();
        let marked = NaiveDate::from_ymd_opt(2001, 1, 1);
        for a in &mut plan.actions {
            a.due = marked;
        }
        let mut reuse = Reuse::with_plan(Fingerprint::of(left.as_bytes()), &plan);
        let got = read(id, minutes, left, &mut reuse).unwrap();
        let dues = got.dues.unwrap();
        assert_eq!(dues.len(), plan.actions.len());
        assert!(dues.iter().all(|(_, d)| *d == marked));
        // One byte more and it is the file's own due dates.
        let edited = format!("{left}# edited\n");
        let got = read(id, minutes, &edited, &mut reuse).unwrap();
        assert_eq!(got, whole(id, minutes, &edited).unwrap());
        assert!(got.dues.unwrap().iter().all(|(_, d)| *d != marked));
    }

    /// An action whose text was read in an earlier meeting's plan is taken from that reading (
    /// marked here), and the agenda every record ends with is checked once for the case.
    #[test]
    fn text_read_once_for_the_case_is_not_parsed_again() {
        let (_, files) = files_of(5);
        assert!(files.len() >= 3);
        let mut reuse = Reuse::default();
        let (id, minutes, plan) = &files[files.len() - 2];
        assert_eq!(
            read(id, minutes, plan, &mut reuse).unwrap(),
            whole(id, minutes, plan).unwrap()
        );
        assert!(!reuse.actions.is_empty());
        let marked = NaiveDate::from_ymd_opt(2001, 1, 1);
        for dues in reuse.actions.values_mut() {
            for d in dues {
                d.due = marked;
            }
        }
        let checked = reuse.sound.len();
        let (id, minutes, plan) = &files[files.len() - 1];
        let got = read(id, minutes, plan, &mut reuse).unwrap();
        let dues = got.dues.unwrap();
        assert!(dues.iter().any(|(_, d)| *d == marked), "{dues:?}");
        assert!(
            dues.iter().any(|(_, d)| *d != marked),
            "new actions are parsed"
        );
        // The agenda block of this record was found sound already, so it is not checked again.
        let agenda = &minutes[minutes.find("\nagenda:").unwrap() + 1..];
        assert!(reuse.sound.contains(&Fingerprint::of(agenda.as_bytes())));
        assert!(reuse.sound.len() >= checked);
    }

    /// However a file is laid out or damaged, reading it in blocks, with the blocks of the same
    /// case's other files already read, gives what reading it whole gives: the same figures or
    /// the same error.
    #[test]
    fn reading_in_blocks_gives_what_a_whole_parse_gives() {
        let (_, files) = files_of(5);
        let (id, minutes, plan) = files.last().unwrap().clone();
        type Rewrite = Box<dyn Fn(&str) -> String>;
        let changes: Vec<(&str, Rewrite)> = vec![
            ("as written", Box::new(|t: &str| t.to_string())),
            (
                "comments first",
                Box::new(|t: &str| format!("# a note\n\n{t}")),
            ),
            (
                "a byte order mark",
                Box::new(|t: &str| format!("\u{feff}{t}")),
            ),
            ("a document marker", Box::new(|t: &str| format!("---\n{t}"))),
            ("a key twice", Box::new(|t: &str| format!("{t}format: 1\n"))),
            (
                "an anchor in one block and its alias in another",
                Box::new(|t: &str| {
                    let t = t.replacen(": core-group\n", ": &name core-group\n", 1);
                    format!("{t}extra: *name\n")
                }),
            ),
            (
                "a quoted value running across a key",
                Box::new(|t: &str| {
                    let at = t.find("\nagenda:").or(t.find("\nkey_dates:")).unwrap_or(0);
                    format!("{}\nextra: \"open{}\"\n", &t[..at], &t[at..])
                }),
            ),
            (
                "a tab in the agenda or key dates",
                Box::new(|t: &str| t.replacen("\n  title:", "\n\ttitle:", 1)),
            ),
            (
                "a broken block at the end",
                Box::new(|t: &str| format!("{t}more: [open\n")),
            ),
            (
                "a newer format",
                Box::new(|t: &str| format!("format: 99\n{}", t.replacen("format: 1\n", "", 1))),
            ),
            (
                "actions indented",
                Box::new(|t: &str| {
                    let Some(a) = t.find("\nactions:\n") else {
                        return t.to_string();
                    };
                    let end = t[a + 11..]
                        .find("\nkey_dates:")
                        .map_or(t.len(), |e| a + 11 + e);
                    let block: String =
                        t[a + 11..end].lines().map(|l| format!("  {l}\n")).collect();
                    format!("{}{block}{}", &t[..a + 11], &t[end + 1..])
                }),
            ),
            (
                "an action that does not read",
                Box::new(|t: &str| t.replacen("\n- id: a", "\n- id: [a", 1)),
            ),
            (
                "an action due on no date",
                Box::new(|t: &str| t.replacen("\n  due: 20", "\n  due: x20", 1)),
            ),
            ("nothing", Box::new(|_: &str| String::new())),
            (
                "a list",
                Box::new(|t: &str| format!("- {}", t.replace('\n', " "))),
            ),
        ];
        let mut compared = 0;
        for (what, change) in &changes {
            for (m, p) in [
                (change(&minutes), plan.clone()),
                (minutes.clone(), change(&plan)),
            ] {
                // The case's other files read first, as the caseload reads them.
                let mut reuse = Reuse::default();
                for (oid, om, op) in &files[..files.len() - 1] {
                    read(oid, om, op, &mut reuse).unwrap();
                }
                let got = read(&id, &m, &p, &mut reuse);
                assert_eq!(got, whole(&id, &m, &p), "{what}");
                compared += usize::from(got.is_err());
            }
        }
        assert!(compared >= 10, "the damaged files are refused: {compared}");
    }
}
