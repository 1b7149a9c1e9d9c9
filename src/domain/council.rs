//! The council's settings (`council.yaml` in the config folder): what every document and letter
//! says of whoever issues it – the council's name and postal address, the letterhead, the
//! numbers a family rings, the note on secure email and the marking of the professionals'
//! documents. Nothing council-specific is written into the documents otherwise.

use serde::{Deserialize, Serialize};

use super::picture::Picture;

/// The marking of the professionals' documents where the settings name none: the Government
/// Security Classification's handling caveat for personal information about a family.
pub const DEFAULT_MARKING: &str = "OFFICIAL-SENSITIVE";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Council {
    /// As it heads a letter: "Eastbrook Borough Council".
    pub name: String,
    /// The return address, one line each, the postcode last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address: Vec<String>,
    /// Lines under the name on the letterhead ("Children's Services", "Family Safeguarding
    /// Team").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub letterhead: Vec<String>,
    /// A picture at the top left of every letter, above the letterhead's lines: a PNG or JPEG
    /// file, its path relative to the config folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letterhead_image: Option<String>,
    /// The picture `letterhead_image` names, once read (`store::council_file`); none when it
    /// could not be, and the letters go without it.
    #[serde(skip)]
    pub letterhead_picture: Option<Picture>,
    /// The team's duty number, for the working day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duty_phone: Option<String>,
    /// The emergency duty team, evenings, weekends and bank holidays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_hours_phone: Option<String>,
    /// How to send something safely by email, for the professionals' covering notes
    /// ("Reply from a secure (.gov.uk, .nhs.net, .pnn.police.uk) address only.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_email_note: Option<String>,
    /// The marking of the professionals' documents and messages.
    #[serde(default = "default_marking")]
    pub marking: String,
    /// The format each reader's documents are attached in when circulated: Word for both
    /// unless the settings say otherwise.
    #[serde(default, skip_serializing_if = "Attachments::is_default")]
    pub attachments: Attachments,
}

/// The format a document is attached in: Word, which a reader can edit, or PDF, which prints
/// the same everywhere and cannot be changed by mistake.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttachmentFormat {
    #[default]
    Word,
    Pdf,
}

/// Which format the family members' documents, and the professionals', go in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachments {
    #[serde(default)]
    pub family: AttachmentFormat,
    #[serde(default)]
    pub professionals: AttachmentFormat,
}

impl Attachments {
    fn is_default(&self) -> bool {
        *self == Attachments::default()
    }

    /// The format of a family member's documents, or of a professional's.
    pub fn for_family(&self, family: bool) -> AttachmentFormat {
        if family {
            self.family
        } else {
            self.professionals
        }
    }
}

fn default_marking() -> String {
    DEFAULT_MARKING.to_string()
}

impl Council {
    /// What stands in when there is no settings file: the plan's local authority as the name,
    /// the default marking, no address and no numbers (the documents then say to ask the lead
    /// worker).
    pub fn fallback(local_authority: &str) -> Council {
        Council {
            name: local_authority.trim().to_string(),
            address: Vec::new(),
            letterhead: Vec::new(),
            letterhead_image: None,
            letterhead_picture: None,
            duty_phone: None,
            out_of_hours_phone: None,
            secure_email_note: None,
            marking: default_marking(),
            attachments: Attachments::default(),
        }
    }

    /// Every problem with settings that parsed, each as `field: message`.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let blank = |s: &str| s.trim().is_empty();
        if blank(&self.name) {
            out.push("name: is empty\n  hint: the council's name as it heads a letter".into());
        }
        if blank(&self.marking) {
            out.push(format!(
                "marking: is empty\n  hint: leave it out for {DEFAULT_MARKING}, or give your \
                 council's marking"
            ));
        }
        if self
            .letterhead_image
            .as_deref()
            .is_some_and(|f| f.trim().is_empty())
        {
            out.push(
                "letterhead_image: is empty\n  hint: leave it out, or name a PNG or JPEG file in \
                 the config folder"
                    .into(),
            );
        }
        for (i, line) in self.address.iter().enumerate() {
            if blank(line) {
                out.push(format!("address[{i}]: is an empty line"));
            }
        }
        for (field, v) in [
            ("duty_phone", &self.duty_phone),
            ("out_of_hours_phone", &self.out_of_hours_phone),
        ] {
            if let Some(n) = v
                && !is_phone_number(n)
            {
                out.push(format!(
                    "{field}: \"{n}\" is not a phone number\n  hint: digits, spaces and an \
                     optional leading +, e.g. 01632 960000"
                ));
            }
        }
        out
    }
}

/// A phone number as people write it: digits, spaces, brackets and hyphens, an optional leading
/// `+`, and at least six digits.
pub fn is_phone_number(s: &str) -> bool {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    body.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-'))
        && body.chars().filter(char::is_ascii_digit).count() >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_is_today_s_marking_under_the_plan_s_authority() {
        let c = Council::fallback(" Eastbrook Council ");
        assert_eq!(c.name, "Eastbrook Council");
        assert_eq!(c.marking, "OFFICIAL-SENSITIVE");
        assert!(c.problems().is_empty());
    }

    #[test]
    fn settings_name_their_problems_by_field() {
        let mut c = Council::fallback("");
        c.duty_phone = Some("ring the office".into());
        c.address = vec!["1 High Street".into(), " ".into()];
        let p = c.problems().join("\n");
        assert!(p.contains("name: is empty"), "{p}");
        assert!(p.contains("duty_phone: \"ring the office\""), "{p}");
        assert!(p.contains("address[1]"), "{p}");
    }

    #[test]
    fn phone_numbers_as_people_write_them() {
        for ok in ["01632 960123", "+44 1632 960123", "(01632) 960-123"] {
            assert!(is_phone_number(ok), "{ok}");
        }
        for bad in ["", "999", "01632 96012x", "call me"] {
            assert!(!is_phone_number(bad), "{bad}");
        }
    }
}
