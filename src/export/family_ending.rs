//! How every family document ends: "Who to contact", then the reader's own agreement page (on a
//! page of its own, to sign and give back): what they agree to do, what the professionals will
//! do, the day it is due back, and lines to sign and date. Built from the reader's view alone, so
//! nothing kept from the reader (a confidential action) is on it.
//!
//! A page is only ever in a document made for the one who signs it: whose page it is comes from
//! the view's reader ([`signer`]), never from the caller. So a copy shared by every family member
//! (or the plan the professionals get) holds no page, and no member's copy holds another's.

use super::contact;
use super::document::{Block, Inline, Section, Signature};
use super::record::Record;
use crate::domain::plan::Member;
use crate::domain::reader::Reader;

/// "Who to contact", and the reader's own agreement page when they owe the agreement.
pub fn sections(r: Record) -> Vec<Section> {
    let lead = r.plan.lead_member();
    let mut out = vec![contact::section(
        lead,
        &r.agenda.terms.lead_worker,
        &r.council(),
    )];
    out.extend(signer(r).map(|m| page(r, m)));
    out
}

/// The family member a document made from `r`'s view has a page for: its reader, when they
/// are one family member who owes the meeting's agreement as the procedure's one rule counts it
/// (`case_log::agreement_due_from`). `None` for any other reader.
pub fn signer<'a>(r: Record<'a>) -> Option<&'a Member> {
    let Reader::Family(id) = r.reader() else {
        return None;
    };
    let owed: Vec<&Member> = match r.date() {
        Some(day) => crate::domain::case_log::agreement_due_from(
            r.plan,
            &Default::default(),
            day,
            r.agenda.lead_worker_signs_agreement,
        ),
        None => r.plan.current_members().collect(),
    };
    owed.into_iter().find(|m| m.family && m.id == *id)
}

fn page(r: Record, m: &Member) -> Section {
    let mut s = Section::new(format!("Your written agreement: {}", m.name));
    s.new_page = true;
    let open = r.open_actions();
    let is_family = |id: &str| r.plan.member(id).is_some_and(|x| x.family);
    s.push(Block::Heading("What you agree to do".into()));
    let own: Vec<Inline> = open
        .iter()
        .filter(|a| a.owner.as_deref() == Some(m.id.as_str()))
        .map(|a| Inline::text(format!("{} ", a.what.trim())).then_strong(r.agreed_by(a)))
        .collect();
    if own.is_empty() {
        s.para(format!(
            "There is nothing on the {} for you to do yourself. You agree to support it.",
            r.agenda.terms.plan
        ));
    } else {
        s.push(Block::Bullets(own));
    }
    s.push(Block::Heading("What the professionals will do".into()));
    let theirs: Vec<Inline> = open
        .iter()
        .filter(|a| a.owner.as_deref().is_some_and(|o| !is_family(o)))
        .map(|a| {
            Inline::strong(format!("{}:", r.owner_text(a)))
                .then(format!(" {} ", a.what.trim()))
                .then_strong(r.agreed_by(a))
        })
        .collect();
    if theirs.is_empty() {
        s.para("There is nothing open on the plan for the professionals just now.");
    } else {
        s.push(Block::Bullets(theirs));
    }
    let asked = Inline::text("Please sign and date this page and give it back to your ")
        .then(r.agenda.terms.lead_worker.clone());
    let back = r.give_back(asked);
    s.para(back);
    s.push(Block::Signature(Signature {
        who: m.name.clone(),
        agreed: vec![Inline::text(format!(
            "I agree to do what is listed for me above and to work with the {}.",
            r.agenda.terms.plan
        ))],
        lines: vec!["Signed".into(), "Date".into()],
    }));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::AgendaSnapshot;
    use crate::domain::calendar::{Calendar, Division};
    use crate::domain::example;
    use crate::domain::reader::view;
    use chrono::NaiveDate;

    /// The pages a document made for `reader` ends with, by whose they are.
    fn pages(plan: &crate::domain::plan::Plan, reader: Reader) -> Vec<String> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let meeting = example::past_meeting(today);
        let agenda: crate::domain::agenda::Agenda = crate::agenda::shipped("core-group").unwrap();
        let snapshot = AgendaSnapshot::of(&agenda);
        let calendar = Calendar::new(Division::EnglandAndWales);
        let v = view(&meeting, plan, plan, reader).unwrap();
        sections(Record::of(&v, &snapshot, &calendar))
            .into_iter()
            .filter_map(|s| {
                s.heading
                    .strip_prefix("Your written agreement: ")
                    .map(str::to_string)
            })
            .collect()
    }

    /// A page is the reader's own, where they owe the agreement; a copy for any other reader,
    /// or for a family member who joined after the meeting, has none.
    #[test]
    fn a_document_holds_its_own_reader_s_page_and_no_one_else_s() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut plan = example::plan(today);
        for m in plan.members.iter().filter(|m| m.family) {
            let own = pages(&plan, Reader::Family(m.id.clone()));
            assert_eq!(own, std::slice::from_ref(&m.name), "{}", m.id);
        }
        for reader in [
            Reader::EveryFamilyMember,
            Reader::Professionals,
            Reader::CaseFile,
        ] {
            assert!(pages(&plan, reader.clone()).is_empty(), "{reader:?}");
        }
        let nan = plan.members.iter_mut().find(|m| m.id == "nan").unwrap();
        nan.joined = Some(today);
        assert!(pages(&plan, Reader::Family("nan".into())).is_empty());
    }
}
