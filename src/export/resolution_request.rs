//! The Welsh resolution request (Appendix 3) as CommonMark, from the request the domain fills
//! from the case (`domain::resolution_request`).

use chrono::NaiveDate;

use crate::domain::resolution_request::ResolutionRequestDocument;

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// The request as CommonMark with a pipe table, following Appendix 3's fields in order. Text typed
/// by people is escaped, so it can neither break the table nor add markup.
pub fn to_markdown(r: &ResolutionRequestDocument) -> String {
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
    use crate::domain::plan::Plan;
    use crate::domain::resolution_request::build;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test dates are valid")
    }

    fn plan() -> Plan {
        example::plan(d("2026-11-24"))
    }

    fn request(plan: &Plan) -> ResolutionRequestDocument {
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
    fn a_withheld_address_is_said_to_be_withheld_and_never_printed() {
        let plan = plan();
        // The example withholds the family's address.
        let md = to_markdown(&request(&plan));
        assert!(md.contains("| Home address | Withheld |"), "{md}");
        let address = plan.case.family_address.clone().expect("recorded");
        assert!(!md.contains(&address));
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
