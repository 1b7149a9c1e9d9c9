//! The words a parent may not know, explained in the family's copy: only those the copy actually
//! uses, so the list stays short and every entry answers something they read.

use super::document::{Block, Document, Inline, Section};

/// A term, the ways it is written (lower case, matched as whole words), and what it means in
/// plain words: short sentences, no term explained by another one left unexplained.
const TERMS: &[(&str, &[&str], &str)] = &[
    (
        "Child protection plan",
        &["child protection plan"],
        "A plan the conference made to keep the children safe. It says what needs to change, \
         who will help and by when.",
    ),
    (
        "Conference",
        &["initial child protection conference", "initial conference"],
        "The meeting that decided the children needed a child protection plan.",
    ),
    (
        "Conference chair",
        &["conference chair"],
        "The person who runs the conferences. They do not work with your family day to day. You \
         can contact them if you are worried about how things are going.",
    ),
    (
        "Contingency plan",
        &["contingency plan"],
        "What will happen if the plan is not working or things get worse.",
    ),
    (
        "Core group",
        &["core group"],
        "You, your family and the workers who help you. It meets every few weeks to check how \
         the plan is going.",
    ),
    (
        "Escalation",
        &["escalation", "escalated", "escalate"],
        "Asking a manager or someone more senior to help sort out a disagreement.",
    ),
    (
        "Lead social worker",
        &["lead social worker", "key worker"],
        "The social worker in charge of the plan. They are the person to contact first.",
    ),
    (
        "Perpetrator programme",
        &["perpetrator programme", "perpetrator program"],
        "A course for someone who has been violent or abusive at home, to help them change how \
         they behave.",
    ),
    (
        "PLO (Public Law Outline)",
        &["plo", "public law outline"],
        "A formal stage before the council may go to court. You would be told in writing, and \
         you can get free legal advice.",
    ),
    (
        "Proceedings",
        &["proceedings", "care proceedings"],
        "When the council asks a family court to decide about the children. A judge makes the \
         decision.",
    ),
    (
        "Review conference",
        &["review conference"],
        "A meeting a few months after the first conference. It looks at what has changed and \
         decides whether the children still need the plan.",
    ),
    (
        "Written agreement",
        &["written agreement", "signed agreement"],
        "A page listing what you agreed to do. You sign it to show you agree and send it back.",
    ),
];

/// Whether `text` (already lower case) holds `word` as whole words.
fn holds(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The section explaining the terms `doc` uses, or `None` when it uses none.
pub fn section_for(doc: &Document) -> Option<Section> {
    let text = doc.all_text().to_lowercase();
    let used: Vec<&(&str, &[&str], &str)> = TERMS
        .iter()
        .filter(|(_, ways, _)| ways.iter().any(|w| holds(&text, w)))
        .collect();
    if used.is_empty() {
        return None;
    }
    let mut s = Section::new("Words used in these notes");
    s.push(Block::Fields(
        used.into_iter()
            .map(|(term, _, meaning)| (term.to_string(), Inline::text(*meaning)))
            .collect(),
    ));
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(words: &str) -> Document {
        let mut s = Section::new("Notes");
        s.para(words);
        Document {
            sections: vec![s],
            ..Default::default()
        }
    }

    fn terms(words: &str) -> Vec<String> {
        match section_for(&doc(words)) {
            Some(s) => match &s.blocks[0] {
                Block::Fields(f) => f.iter().map(|(t, _)| t.clone()).collect(),
                _ => panic!("a list of terms"),
            },
            None => Vec::new(),
        }
    }

    #[test]
    fn only_the_terms_used_are_explained_as_whole_words() {
        assert_eq!(
            terms("The core group met. Dad will start the Perpetrator Programme."),
            ["Core group", "Perpetrator programme"]
        );
        assert!(terms("Nothing special was said.").is_empty());
        // Part of a word is not the word: "explored" holds no "plo".
        assert!(terms("We explored options.").is_empty());
        assert_eq!(
            terms("The PLO letter was sent."),
            ["PLO (Public Law Outline)"]
        );
    }

    #[test]
    fn each_explanation_is_in_short_plain_sentences() {
        for (term, _, meaning) in TERMS {
            for sentence in meaning.split(". ") {
                let words = sentence.split_whitespace().count();
                assert!(words <= 20, "{term}: {words} words in \"{sentence}\"");
            }
            // No long words a parent would stumble on, beyond the term itself.
            for word in meaning.split(|c: char| !c.is_alphabetic()) {
                assert!(word.chars().count() <= 13, "{term}: \"{word}\"");
            }
        }
    }
}
