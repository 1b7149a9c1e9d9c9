//! "Who to contact", the end of every family document and of every note and letter to a family
//! member: the lead worker's name, phone and email as the reader may read them, and the council's
//! duty and out-of-hours numbers from its settings.

use super::document::{Block, Inline, Section};
use crate::domain::council::Council;
use crate::domain::plan::Member;

pub const HEADING: &str = "Who to contact";

/// The lines of "Who to contact", each a label and its value. `lead` is the lead worker as the
/// reader's view holds them (an email kept from the reader is already gone from it).
pub fn lines(lead: Option<&Member>, lead_term: &str, council: &Council) -> Vec<(String, String)> {
    let given = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
    };
    let mut out = Vec::new();
    if let Some(l) = lead {
        out.push((format!("Your {lead_term}"), l.name.clone()));
        if let Some(phone) = given(&l.phone) {
            out.push(("Phone".into(), phone));
        }
        if let Some(email) = given(&l.email) {
            out.push(("Email".into(), email));
        }
    }
    match given(&council.duty_phone) {
        Some(duty) => out.push((format!("{}, duty team (working days)", council.name), duty)),
        None if !council.name.is_empty() => out.push((
            "If you cannot reach them".into(),
            format!("ring {} and ask for the duty social worker", council.name),
        )),
        None => {}
    }
    if let Some(ooh) = given(&council.out_of_hours_phone) {
        out.push((
            "Out of hours (evenings, weekends and bank holidays)".into(),
            ooh,
        ));
    }
    out
}

/// Said under the numbers, wherever a council is.
pub const EMERGENCY: &str = "If a child is in danger right now, ring 999.";

/// The section that ends a family document.
pub fn section(lead: Option<&Member>, lead_term: &str, council: &Council) -> Section {
    let mut s = Section::new(HEADING);
    let fields = lines(lead, lead_term, council);
    if !fields.is_empty() {
        s.push(Block::Fields(
            fields
                .into_iter()
                .map(|(label, value)| (label, Inline::text(value)))
                .collect(),
        ));
    }
    s.para(EMERGENCY);
    // Whom to ring is read as one: never its last line alone on a page.
    s.together = true;
    s
}

/// The same, as the plain text that ends a covering note.
pub fn text(lead: Option<&Member>, lead_term: &str, council: &Council) -> String {
    let mut out = format!("{HEADING}\n");
    for (label, value) in lines(lead, lead_term, council) {
        out.push_str(&format!("{label}: {value}\n"));
    }
    out.push_str(EMERGENCY);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;

    #[test]
    fn the_lead_worker_and_the_council_s_numbers_or_what_to_do_without_them() {
        let plan = example::plan(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        let sw = plan.member("sw");
        let text = text(sw, "lead social worker", &example::council());
        for want in [
            "Your lead social worker: Hannah Mercer",
            "Phone: 01632 960123",
            "Email: sw@example.org.uk",
            "Eastbrook Borough Council, duty team (working days): 01632 960100",
            "Out of hours (evenings, weekends and bank holidays): 01632 960999",
            EMERGENCY,
        ] {
            assert!(text.contains(want), "{want}\n{text}");
        }
        let bare = lines(
            None,
            "lead social worker",
            &Council::fallback("Eastbrook Council"),
        );
        assert_eq!(
            bare,
            [(
                "If you cannot reach them".to_string(),
                "ring Eastbrook Council and ask for the duty social worker".to_string()
            )]
        );
    }
}
