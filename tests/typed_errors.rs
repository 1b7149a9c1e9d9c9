//! The errors of the domain, the store's writers and the shipped agendas are types a caller can
//! match on (which period, which child's word, which action), and each says what it said when
//! it was a string: the words are pinned here, byte for byte.

use chrono::{NaiveDate, NaiveTime};
use coregroup::agenda::{ShippedError, shipped};
use coregroup::domain::action_history::{ChangeOf, ReasonNeeded, record};
use coregroup::domain::calendar::{Division, HolidaysError, UnknownDivision, parse_official};
use coregroup::domain::circulation::{History, ReissueNeedsReason, Version};
use coregroup::domain::close::{EndsBeforeStart, ended_at};
use coregroup::domain::date_entry::{ListError, parse_list};
use coregroup::domain::meeting::Details;
use coregroup::domain::period::{LimitError, Period, PeriodError};
use coregroup::domain::plan::{ChildSeen, Made, SeenError};
use coregroup::domain::{example, privacy::Privacy};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_period_says_which_part_of_it_is_wrong_in_the_words_it_always_had() {
    let e = "6 fortnights".parse::<Period>().unwrap_err();
    assert_eq!(e, PeriodError::Unit("6 fortnights".into()));
    assert_eq!(
        e.to_string(),
        "expected a period like \"10 working days\", \"14 days\", \"6 weeks\" or \"3 months\", \
         found \"6 fortnights\""
    );
    let e = " ".parse::<Period>().unwrap_err();
    assert_eq!(e, PeriodError::Empty);
    assert_eq!(
        e.to_string(),
        "expected a period like \"10 working days\", \"14 days\", \"6 weeks\" or \"3 months\", \
         found an empty value"
    );
    let e = "1.5 weeks".parse::<Period>().unwrap_err();
    assert!(matches!(&e, PeriodError::NotWhole { number, .. } if number == "1.5"));
    assert_eq!(
        e.to_string(),
        "expected a period like \"10 working days\", \"14 days\", \"6 weeks\" or \"3 months\", \
         found \"1.5 weeks\": \"1.5\" is not a whole number"
    );
    let e = "5000000000 days".parse::<Period>().unwrap_err();
    assert!(matches!(e, PeriodError::TooLarge { .. }));
    assert_eq!(
        e.to_string(),
        "\"5000000000 days\": 5000000000 is too large for a period (at most 4294967295)"
    );
    let e = Period::Months(121).check_limit().unwrap_err();
    assert_eq!(
        e,
        LimitError {
            period: Period::Months(121)
        }
    );
    assert_eq!(
        e.to_string(),
        "121 months is longer than coregroup counts (at most 120 months, about ten years)"
    );
}

#[test]
fn a_division_and_a_holidays_file_name_what_they_could_not_read() {
    let e = "wales".parse::<Division>().unwrap_err();
    assert_eq!(e, UnknownDivision("wales".into()));
    assert_eq!(
        e.to_string(),
        "unknown UK division \"wales\": expected one of \"england-and-wales\", \"scotland\", \
         \"northern-ireland\""
    );
    let e = parse_official("{}").unwrap_err();
    assert_eq!((e.line, e.column, e.place.as_str()), (1, 1, ""));
    assert_eq!(e.message, "the file lists no division");
    assert!(e.to_string().starts_with(
        "line 1:1: the file lists no division. Hint: expected the gov.uk bank-holidays.json shape"
    ));
    let e: HolidaysError = parse_official(
        "{\"scotland\": {\"events\": [{\"title\": \"x\", \"date\": \"30/11/2026\"}]}}",
    )
    .unwrap_err();
    assert_eq!(e.place, "scotland.events[0].date");
    assert_eq!(e.hint, "dates are written YYYY-MM-DD, e.g. \"2026-12-25\"");
    assert!(
        e.to_string().starts_with(&format!(
            "line 1:{} (at scotland.events[0].date): ",
            e.column
        )),
        "{e}"
    );
}

#[test]
fn a_list_of_dates_quotes_the_one_it_could_not_read() {
    let e = parse_list("12/1/2027, 30/2/2027", day("2026-11-24")).unwrap_err();
    let ListError { part, error } = &e;
    assert_eq!(part, "30/2/2027");
    assert_eq!(error.message, "30 February 2027 does not exist");
    assert_eq!(
        e.to_string(),
        format!(
            "\"30/2/2027\": 30 February 2027 does not exist ({})",
            error.hint
        )
    );
}

#[test]
fn how_a_child_was_seen_says_whether_the_reason_or_the_word_is_wrong() {
    let e = ChildSeen::parse("kayla", "not-seen").unwrap_err();
    assert_eq!(e, SeenError::NoReason);
    assert_eq!(
        e.to_string(),
        "a child not seen needs the reason: not-seen:REASON"
    );
    let e = ChildSeen::parse("kayla", "Walking").unwrap_err();
    assert_eq!(e, SeenError::NoSuchWay("walking".into()));
    assert_eq!(
        e.to_string(),
        "\"walking\" is not how a child was seen: alone, seen, too-young or not-seen"
    );
}

#[test]
fn a_meeting_ending_before_it_started_carries_both_times() {
    let details = Details {
        date: Some(day("2026-11-24")),
        time: NaiveTime::from_hms_opt(10, 0, 0),
        ..Details::default()
    };
    let clock = day("2026-11-24").and_hms_opt(4, 32, 0).unwrap();
    let e = ended_at(&details, clock).unwrap_err();
    assert_eq!(
        e,
        EndsBeforeStart {
            start: day("2026-11-24").and_hms_opt(10, 0, 0).unwrap(),
            end: clock,
        }
    );
    assert_eq!(
        e.to_string(),
        "the meeting would end at 04:32, before it started at 10:00: correct the start or the \
         end time on the close step"
    );
    let next_day = day("2026-11-25").and_hms_opt(9, 0, 0).unwrap();
    let e = EndsBeforeStart {
        start: next_day,
        end: clock,
    };
    assert_eq!(
        e.to_string(),
        "the meeting would end at 04:32 on Tue 24 Nov 2026, before it started at 09:00: correct \
         the start or the end time on the close step"
    );
}

#[test]
fn an_action_changed_between_meetings_without_a_reason_names_the_action_and_the_change() {
    let plan = example::plan(day("2026-11-24"));
    let before = plan.actions.iter().find(|a| a.status.is_open()).unwrap();
    let mut after = before.clone();
    after.due = Some(day("2027-01-15"));
    let how = ChangeOf {
        date: day("2026-12-01"),
        by: Some("sw".into()),
        why: String::new(),
        privacy: Privacy::default(),
        made: Made::BetweenMeetings,
    };
    let e = record(before, &mut after, how).unwrap_err();
    assert_eq!(
        e,
        ReasonNeeded {
            action: before.id.clone(),
            due: true,
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "action {}: a new due date between meetings needs its reason\n  hint: say why (the \
             next meeting and the review report show it)",
            before.id
        )
    );
}

#[test]
fn minutes_going_out_again_without_a_reason_name_the_issue_before() {
    let history = History {
        held: day("2026-10-28"),
        due: day("2026-11-04"),
        versions: vec![Version {
            number: 1,
            on: day("2026-11-02"),
            reason: None,
        }],
    };
    let e = history.may_go_out(day("2026-12-07"), None).unwrap_err();
    assert_eq!(
        e,
        ReissueNeedsReason {
            held: day("2026-10-28"),
            earlier: day("2026-11-02"),
            number: 1,
            going_out: day("2026-12-07"),
        }
    );
    assert_eq!(
        e.to_string(),
        "the minutes of the meeting held on Wed 28 Oct 2026 already went out on Mon 2 Nov 2026 \
         (version 1): circulating them on Mon 7 Dec 2026 is a re-issue, which needs its reason; \
         nothing was circulated\n  hint: say why they go out again with --reason \"…\" (it is \
         kept in the log and shown in the minutes' versions)"
    );
}

#[test]
fn an_agenda_not_shipped_is_named() {
    let e = shipped("nope").unwrap_err();
    assert_eq!(e, ShippedError::NoSuch("nope".into()));
    assert_eq!(e.to_string(), "there is no built-in agenda `nope`");
}

#[test]
fn a_use_case_says_what_it_refused_as_a_type_in_the_words_it_always_had() {
    use coregroup::cases::edit_plan::{PlanEdit, apply};
    use coregroup::cases::error::{CaseError, EditError, MemberError, NewCaseError, ReportError};
    use coregroup::cases::members::find;
    use coregroup::cases::new_case::create_case_with;
    use coregroup::cases::review_report::Author;

    let mut plan = example::plan(day("2026-11-24"));
    let conference = plan.outcomes[0].id.clone();
    let child = plan.outcomes[0].child.clone();
    let e = apply(
        &mut plan,
        &PlanEdit::Outcome {
            id: Some(conference.clone()),
            child,
            also_for: Vec::new(),
            text: "new words".into(),
            date: day("2026-11-24"),
        },
    )
    .unwrap_err();
    assert!(
        matches!(&e, CaseError::Edit(EditError::ConferenceOutcome(id)) if *id == conference),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        format!(
            "outcome {conference} was set by the conference; only a review conference changes \
             it\n  hint: log the review conference with its wording (`coregroup log DIR \
             review-conference --outcome {conference}=TEXT`, or `l` on the case screen)"
        )
    );

    let e = find(&plan, "nobody").unwrap_err();
    assert!(matches!(&e, MemberError::NoSuch { query, .. } if query == "nobody"));
    assert!(
        e.to_string()
            .starts_with("no member is called or has the id \"nobody\"\n  hint: the members are "),
        "{e}"
    );

    let e = Author::parse(" ").unwrap_err();
    assert!(matches!(e, ReportError::AuthorEmpty));
    assert_eq!(
        e.to_string(),
        "--author is empty\n  hint: the name and role as the report should print them, e.g. \
         --author \"Sam Okafor, team manager\""
    );

    let dir = tempfile::tempdir().unwrap();
    create_case_with(dir.path(), &plan).unwrap();
    let e = create_case_with(dir.path(), &plan).unwrap_err();
    assert!(
        matches!(&e, CaseError::NewCase(NewCaseError::Exists(d)) if d == dir.path()),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{} already holds a case\n  hint: choose a new folder; coregroup never overwrites a \
             case",
            dir.path().display()
        )
    );
}

/// The error type of a `Result<…>` written out in `line`, one per `Result<` found: its second
/// type argument, or `None` where there is none (`io::Result<T>`) or the arguments go on past the
/// line.
fn result_errors(line: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("Result<") {
        rest = &rest[i + "Result<".len()..];
        let mut depth = 1;
        let mut last = 0;
        let mut end = None;
        for (j, c) in rest.char_indices() {
            match c {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(j);
                        break;
                    }
                }
                ',' if depth == 1 => last = j + 1,
                _ => {}
            }
        }
        out.push(
            end.filter(|_| last > 0)
                .map(|end| rest[last..end].trim().to_string()),
        );
    }
    out
}

#[test]
fn no_function_of_src_says_why_it_failed_as_bare_words() {
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    assert_eq!(
        result_errors("fn f() -> Result<Vec<(Id, u8)>, String> { x as Result<(), E> }"),
        vec![Some("String".to_string()), Some("E".to_string())]
    );
    assert_eq!(result_errors("io::Result<String>"), vec![None]);
    // Words made into an error by `?` or `.into()`.
    let from_words = |line: &str| {
        ["impl From<String> for ", "impl From<&str> for "]
            .iter()
            .any(|head| {
                line.split(head).nth(1).is_some_and(|ty| {
                    let name: String = ty
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    name.ends_with("Error") || name == "String"
                })
            })
            || line.contains("impl From<FieldError> for String")
            // An error type that is only words.
            || (line.contains("struct ")
                && (line.contains("Error(pub String);") || line.contains("Error(String);")))
    };
    assert!(from_words("pub struct KeymapError(pub String);"));
    assert!(from_words("impl From<String> for CaseError {"));
    assert!(!from_words("impl From<String> for Inline {"));
    // Left as it is: an agenda's problems are each a line as `check` lists them (its file, field
    // and hint), made by the agenda's checks in `store`.
    const LEFT: &[&str] = &["impl From<String> for AgendaError {"];
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let bare = result_errors(line)
                .iter()
                .any(|e| e.as_deref().is_some_and(|e| e == "String" || e == "&str"))
                || from_words(line);
            if bare && !LEFT.contains(&line.trim()) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "an error of bare words; make it a type holding the facts, its words in #[error]:\n{}",
        found.join("\n")
    );
}
