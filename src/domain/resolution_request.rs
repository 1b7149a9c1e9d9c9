//! The Welsh resolution request (Cwm Taf Morgannwg guidance §5, Appendix 3): the document a core
//! group professional submits to start Tier 1, filled from the case and rendered as Markdown.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{Id, Plan, is_false};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionRequest {
    /// The case reference, so the request can be matched to the case.
    pub case: String,
    pub local_authority: String,
    pub children: Vec<RequestChild>,
    /// The family's home address; absent when withheld or not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_address: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub address_withheld: bool,
    /// The allocated social worker's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_worker: Option<String>,
    pub requested_by: Requester,
    /// The last core group held on or before the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_core_group: Option<NaiveDate>,
    pub concern: String,
    pub desired_outcome: String,
    #[serde(default)]
    pub core_group_actions: String,
    #[serde(default)]
    pub agency_actions: String,
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestChild {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_date_of_birth: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requester {
    pub member: Id,
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub agency: String,
}

/// The file name, without extension, for a request made on `date`.
pub fn file_stem(date: NaiveDate) -> String {
    format!("resolution-request-{date}")
}

/// Fill the request from the case. `requester` is the member id of the professional making it.
/// Every problem is reported at once, each with a hint.
pub fn build(
    plan: &Plan,
    requester: &str,
    concern: &str,
    desired_outcome: &str,
    core_group_actions: &str,
    agency_actions: &str,
    date: NaiveDate,
) -> Result<ResolutionRequest, Vec<String>> {
    let mut problems = Vec::new();
    let member = plan.member(requester);
    match member {
        None => {
            let ids: Vec<String> = plan
                .members
                .iter()
                .filter(|m| !m.family)
                .map(|m| format!("{} ({})", m.id, m.name))
                .collect();
            problems.push(format!(
                "requester: no member of the core group has the id `{requester}`\n  hint: use one of {}",
                ids.join(", ")
            ));
        }
        Some(m) if m.family => problems.push(format!(
            "requester: `{requester}` is a family member; the resolution process is started by a professional in the core group\n  hint: give the id of the professional making the request"
        )),
        Some(_) => {}
    }
    if concern.trim().is_empty() {
        problems.push(
            "concern: the summary of the concern is empty\n  hint: say briefly why the plan is not reducing the risk"
                .into(),
        );
    }
    if desired_outcome.trim().is_empty() {
        problems.push(
            "desired outcome: the desired outcome for the child is empty\n  hint: say what should be different for the child"
                .into(),
        );
    }
    let Some(member) = member.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };

    let case = &plan.case;
    let withheld = case.withhold_family_address;
    Ok(ResolutionRequest {
        case: case.reference.clone(),
        local_authority: case.local_authority.clone(),
        children: plan
            .children
            .iter()
            .map(|c| RequestChild {
                name: c.name.clone(),
                date_of_birth: c.date_of_birth,
                expected_date_of_birth: if c.date_of_birth.is_none() {
                    c.expected_date_of_birth
                } else {
                    None
                },
            })
            .collect(),
        home_address: if withheld {
            None
        } else {
            case.family_address.clone()
        },
        address_withheld: withheld,
        social_worker: case
            .lead_worker
            .as_deref()
            .map(|id| plan.member_name(id).to_string()),
        requested_by: Requester {
            member: member.id.clone(),
            name: member.name.clone(),
            role: member.role.clone(),
            agency: member.agency.clone(),
        },
        last_core_group: plan
            .key_dates
            .core_groups
            .iter()
            .map(|c| c.date)
            .filter(|d| *d <= date)
            .max(),
        concern: concern.trim().to_string(),
        desired_outcome: desired_outcome.trim().to_string(),
        core_group_actions: core_group_actions.trim().to_string(),
        agency_actions: agency_actions.trim().to_string(),
        date,
    })
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// The request as CommonMark with a pipe table, following Appendix 3's fields in order. Text typed
/// by people is escaped, so it can neither break the table nor add markup.
pub fn to_markdown(r: &ResolutionRequest) -> String {
    let names = r
        .children
        .iter()
        .map(|c| inline(&c.name))
        .collect::<Vec<_>>()
        .join("; ");
    let births = r
        .children
        .iter()
        .map(|c| {
            let when = match (c.date_of_birth, c.expected_date_of_birth) {
                (Some(d), _) => long_date(d),
                (None, Some(e)) => format!("expected {}", long_date(e)),
                (None, None) => "not recorded".into(),
            };
            format!("{}: {when}", inline(&c.name))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let address = match (&r.home_address, r.address_withheld) {
        (_, true) => "Withheld".to_string(),
        (Some(a), false) => inline(a),
        (None, false) => "Not recorded".into(),
    };
    let requester = {
        let q = &r.requested_by;
        let mut s = format!("{}, {}", inline(&q.name), inline(&q.role));
        if !q.agency.trim().is_empty() {
            s.push_str(&format!(", {}", inline(&q.agency)));
        }
        s
    };
    let rows = [
        ("Name of child/ren", or_none(names)),
        ("Date of birth", or_none(births)),
        ("Home address", address),
        (
            "Allocated social worker",
            r.social_worker
                .as_deref()
                .map(inline)
                .unwrap_or_else(|| "Not recorded".into()),
        ),
        ("Person/agency making the request", requester),
        (
            "Date of last core group meeting",
            r.last_core_group
                .map(long_date)
                .unwrap_or_else(|| "None held".into()),
        ),
        ("Date of request", long_date(r.date)),
    ];

    let mut out = String::new();
    out.push_str("# Core group resolution request\n\n");
    out.push_str(&format!(
        "Case {} · {}\n\n",
        inline(&r.case),
        inline(&r.local_authority)
    ));
    out.push_str("| | |\n|---|---|\n");
    for (field, value) in rows {
        out.push_str(&format!("| {field} | {value} |\n"));
    }
    for (heading, text) in [
        ("Brief summary of concern", &r.concern),
        ("Desired outcome for the child/ren", &r.desired_outcome),
        (
            "Actions core group members have undertaken to resolve the concern",
            &r.core_group_actions,
        ),
        (
            "Actions the requesting agency has undertaken to resolve the concern",
            &r.agency_actions,
        ),
    ] {
        out.push_str(&format!("\n## {heading}\n\n{}\n", block(text)));
    }
    out
}

fn or_none(s: String) -> String {
    if s.is_empty() { "None".into() } else { s }
}

/// Characters with a meaning anywhere in a line: emphasis, code, links, raw HTML, entities,
/// strikethrough and table cells.
const INLINE_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&'];

/// Drop control characters (they have no place in a document and can hide text), tabs become
/// spaces.
fn printable(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
}

fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if INLINE_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One line for a table cell: all whitespace, line breaks included, becomes single spaces.
fn inline(s: &str) -> String {
    let flat: String = printable(&s.replace(['\r', '\n'], " ")).collect();
    escape_inline(&flat.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Paragraphs of user text: line breaks kept as hard breaks, blank lines as paragraph breaks, and
/// nothing at the start of a line can open a heading, list, quote, code block or rule.
fn block(s: &str) -> String {
    let text: String = printable(&s.replace("\r\n", "\n").replace('\r', "\n")).collect();
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
            continue;
        }
        let mut escaped = escape_inline(&line);
        if let Some(first) = escaped.chars().next()
            && first.is_ascii_punctuation()
            && first != '\\'
        {
            escaped.insert(0, '\\');
        }
        // "1." or "1)" would open an ordered list.
        let digits = escaped.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && matches!(escaped[digits..].chars().next(), Some('.' | ')')) {
            escaped.insert(digits, '\\');
        }
        paragraphs
            .last_mut()
            .expect("there is always a paragraph")
            .push(escaped);
    }
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\\\n"))
        .collect();
    if paragraphs.is_empty() {
        "*None recorded.*".into()
    } else {
        paragraphs.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;
    use crate::domain::plan::CoreGroupHeld;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test dates are valid")
    }

    fn plan() -> Plan {
        example::plan(d("2026-11-24"))
    }

    fn request(plan: &Plan) -> ResolutionRequest {
        build(
            plan,
            "school",
            "Attendance has fallen to 60% and the plan is not reducing the risk.",
            "Kayla attends school every day and feels safe at home.",
            "Two extra home visits; a parenting course offered.",
            "Daily check-ins with Kayla at school.",
            d("2026-11-24"),
        )
        .expect("valid")
    }

    #[test]
    fn the_request_is_filled_from_the_case() {
        let plan = plan();
        let r = request(&plan);
        assert_eq!(r.case, plan.case.reference);
        assert_eq!(r.children.len(), plan.children.len());
        assert_eq!(r.children[0].name, plan.children[0].name);
        assert_eq!(r.children[0].date_of_birth, plan.children[0].date_of_birth);
        let sw = plan.case.lead_worker.as_deref().expect("lead");
        assert_eq!(r.social_worker.as_deref(), Some(plan.member_name(sw)));
        assert_eq!(r.requested_by.member, "school");
        assert_eq!(r.requested_by.agency, "Millbrook Primary School");
        assert_eq!(r.last_core_group, plan.last_core_group().map(|c| c.date));
        // The example withholds the family's address.
        assert!(r.address_withheld && r.home_address.is_none());
        let md = to_markdown(&r);
        assert!(md.contains("| Home address | Withheld |"), "{md}");
        let address = plan.case.family_address.clone().expect("recorded");
        assert!(!md.contains(&address));
        assert!(!serde_json::to_string(&r).expect("json").contains(&address));
    }

    #[test]
    fn the_address_appears_when_not_withheld() {
        let mut plan = plan();
        plan.case.withhold_family_address = false;
        plan.case.family_address = Some("1 Example Row\nEastbrook".into());
        let md = to_markdown(&request(&plan));
        assert!(
            md.contains("| Home address | 1 Example Row Eastbrook |"),
            "{md}"
        );
    }

    #[test]
    fn the_last_core_group_is_the_last_before_the_request() {
        let mut plan = plan();
        let mut later = plan.key_dates.core_groups[0].clone();
        later.date = d("2026-12-15");
        plan.key_dates.core_groups.push(later);
        plan.key_dates.core_groups.push(CoreGroupHeld {
            date: d("2026-11-20"),
            minutes_circulated: None,
            agreements_returned: None,
            chair: None,
            events_shown: Vec::new(),
        });
        assert_eq!(request(&plan).last_core_group, Some(d("2026-11-20")));
    }

    #[test]
    fn an_unknown_or_family_requester_and_empty_concern_are_all_reported() {
        let plan = plan();
        let e = build(&plan, "nobody", " ", "", "", "", d("2026-11-24")).expect_err("bad");
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(
            e[0].contains("`nobody`") && e[0].contains("school ("),
            "{e:?}"
        );
        assert!(!e[0].contains("mum ("), "family are not offered: {e:?}");
        let e = build(&plan, "mum", "c", "o", "", "", d("2026-11-24")).expect_err("family");
        assert!(e[0].contains("family member"), "{e:?}");
    }

    #[test]
    fn the_markdown_follows_appendix_3() {
        let md = to_markdown(&request(&plan()));
        let order = [
            "Name of child/ren",
            "Date of birth",
            "Home address",
            "Allocated social worker",
            "Person/agency making the request",
            "Date of last core group meeting",
            "Date of request",
            "## Brief summary of concern",
            "## Desired outcome",
            "## Actions core group members have undertaken",
            "## Actions the requesting agency has undertaken",
        ];
        let at: Vec<usize> = order
            .iter()
            .map(|f| md.find(f).unwrap_or_else(|| panic!("{f}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]));
        assert!(
            md.contains("| Date of request | 24 November 2026 |"),
            "{md}"
        );
        assert!(
            md.contains("Attendance has fallen to 60% and the plan"),
            "{md}"
        );
    }

    #[test]
    fn empty_optional_text_says_so() {
        let plan = plan();
        let r = build(&plan, "sw", "c", "o", "", "  \n ", d("2026-11-24")).expect("valid");
        let md = to_markdown(&r);
        assert_eq!(md.matches("*None recorded.*").count(), 2, "{md}");
    }

    #[test]
    fn yaml_round_trips() {
        let r = request(&plan());
        let text = yaml_serde::to_string(&r).expect("serialises");
        let back: ResolutionRequest = yaml_serde::from_str(&text).expect("parses");
        assert_eq!(back, r);
    }

    #[test]
    fn hostile_text_is_escaped() {
        let hostile = "# Heading\n- item\n1. first\n> quote\n    code\n---\n<script>alert(1)</script> &amp; | pipe | `tick` [link](http://x) **bold** ~~s~~ \\";
        let expected = [
            r"\# Heading",
            r"\- item",
            r"1\. first",
            r"\> quote",
            r"code",
            r"\---",
            r"\<script\>alert(1)\</script\> \&amp; \| pipe \| \`tick\` \[link\](http://x) \*\*bold\*\* \~\~s\~\~ \\",
        ]
        .join("\\\n");
        assert_eq!(block(hostile), expected);
        assert_eq!(block("one\r\n\r\n\r\ntwo"), "one\n\ntwo");
        assert_eq!(inline("a|b\nc\u{1b}[31m"), r"a\|b c\[31m");
    }

    /// Count `ch` in `line` not escaped by a backslash.
    fn unescaped(line: &str, ch: char) -> usize {
        let mut count = 0;
        let mut backslashes = 0;
        for c in line.chars() {
            if c == ch && backslashes % 2 == 0 {
                count += 1;
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        }
        count
    }

    proptest! {
        #[test]
        fn user_text_never_changes_the_document_structure(
            name in any::<String>(),
            role in any::<String>(),
            concern in "\\PC+",
            outcome in "\\PC+",
            actions in any::<String>(),
            agency in any::<String>(),
            address in any::<String>(),
        ) {
            let mut plan = plan();
            plan.children[0].name = name;
            plan.members[0].role = role;
            plan.case.withhold_family_address = false;
            plan.case.family_address = Some(address);
            prop_assume!(!concern.trim().is_empty() && !outcome.trim().is_empty());
            let r = build(&plan, "sw", &concern, &outcome, &actions, &agency, d("2026-11-24"))
                .expect("valid");
            let md = to_markdown(&r);
            let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
            prop_assert_eq!(headings.len(), 5);
            let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
            prop_assert_eq!(rows.len(), 9);
            for line in md.lines() {
                if line.starts_with('|') {
                    prop_assert_eq!(unescaped(line, '|'), 3, "{}", line);
                }
                for ch in ['<', '`', '[', '*', '_', '&'] {
                    if !(line == "*None recorded.*" && ch == '*') {
                        prop_assert_eq!(unescaped(line, ch), 0, "{:?} in {}", ch, line);
                    }
                }
                prop_assert!(!line.starts_with(' ') && !line.starts_with('\t'), "{}", line);
                prop_assert!(!line.chars().any(|c| c.is_control()), "{:?}", line);
                let first = line.chars().next();
                if !line.starts_with('#') && !line.starts_with('|') && line != "*None recorded.*" {
                    prop_assert!(first.is_none_or(|c| !c.is_ascii_punctuation() || c == '\\'), "{}", line);
                }
            }
        }
    }
}
