//! The family's names as they may be written, for what leaves the case where anyone may see it:
//! calendars are shared and forwarded, and an email's subject shows in every inbox list.
//! Names are matched as withheld addresses are ([`Phrases`]): accents, case, look-alike letters
//! and invisible characters make no difference.

use super::address::Phrases;
use super::meeting::Meeting;
use super::plan::Plan;

/// Titles left out of the words of a name: "Ms" alone names no one.
const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr"];

/// The names of the children, of the family members and of the family guests of `meeting`,
/// whole and each word of them (titles aside), and their ids, the short forms the case knows
/// them by ("kayla", "nan").
pub fn family_names(plan: &Plan, meeting: Option<&Meeting>) -> Phrases {
    let children = plan
        .children
        .iter()
        .map(|c| (c.name.as_str(), c.id.as_str()));
    let members = plan
        .members
        .iter()
        .filter(|m| m.family)
        .map(|m| (m.name.as_str(), m.id.as_str()));
    let guests = meeting
        .into_iter()
        .flat_map(|m| &m.guests)
        .filter(|g| g.is_family())
        .map(|g| (g.name.as_str(), ""));
    let mut phrases = Vec::new();
    for (name, id) in children.chain(members).chain(guests) {
        phrases.push(name.to_string());
        phrases.extend(name_words(name).map(str::to_string));
        if id.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            phrases.push(id.to_string());
        }
    }
    Phrases::new(phrases, 3)
}

/// The words of a name, titles aside.
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split_whitespace()
        .filter(|w| !TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
}

/// The family's surnames (the last word of each family member's and child's name) that the
/// case reference holds, as the reference writes them.
pub fn surnames_in_reference(plan: &Plan) -> Vec<String> {
    let reference = &plan.case.reference;
    let names = plan.children.iter().map(|c| c.name.as_str()).chain(
        plan.members
            .iter()
            .filter(|m| m.family)
            .map(|m| m.name.as_str()),
    );
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let Some(surname) = name_words(name).last() else {
            continue;
        };
        // "Brennan-Walsh": each name of a double-barrelled one too.
        let parts = std::iter::once(surname).chain(surname.split('-'));
        for span in Phrases::new(parts, 3).find(reference) {
            let found = reference[span].to_string();
            if !out.contains(&found) {
                out.push(found);
            }
        }
    }
    out
}

/// Put in a neutral reference where the case reference has a family name.
const LEFT_OUT: &str = "…";

/// The case reference for a calendar or an email subject: as it is, unless it holds a family
/// name, which is then left out ("EB/CP/Brennan/01" is "EB/CP/…/01").
pub fn neutral_reference(plan: &Plan) -> String {
    let reference = &plan.case.reference;
    let surnames = surnames_in_reference(plan);
    if surnames.is_empty() {
        return reference.clone();
    }
    Phrases::new(&surnames, 1)
        .replace(reference, LEFT_OUT)
        .unwrap_or_else(|| reference.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;

    fn plan() -> Plan {
        example::plan(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
    }

    #[test]
    fn a_reference_with_the_family_name_is_made_neutral() {
        let mut p = plan();
        assert!(surnames_in_reference(&p).is_empty(), "{}", p.case.reference);
        assert_eq!(neutral_reference(&p), p.case.reference);
        p.case.reference = "EB/CP/Brennan/01".into();
        assert_eq!(surnames_in_reference(&p), ["Brennan"]);
        assert_eq!(neutral_reference(&p), "EB/CP/…/01");
        // Written without its accent, in capitals, or of a child's name.
        let kayla = p.children.iter().position(|c| c.id == "kayla").unwrap();
        p.children[kayla].name = "Kayla Brénnan-Quayle".into();
        p.case.reference = "QUAYLE-2026".into();
        assert_eq!(neutral_reference(&p), "…-2026");
        p.case.reference = "CP Brennan 2026".into();
        assert_eq!(neutral_reference(&p), "CP … 2026");
    }

    #[test]
    fn names_are_found_with_accents_folded_and_by_the_ids_the_case_knows() {
        let mut p = plan();
        let kayla = p.children.iter().position(|c| c.id == "kayla").unwrap();
        p.children[kayla].name = "Zoë Brennan".into();
        let names = family_names(&p, None);
        for venue in [
            "Zoe's school",
            "ZOË'S SCHOOL",
            "Kayla's school",
            "Nan's house",
        ] {
            assert!(!names.find(venue).is_empty(), "{venue}");
        }
        assert!(names.find("Eastbrook Family Centre").is_empty());
    }
}
