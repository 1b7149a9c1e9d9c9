//! An email address as the case holds it: one mailbox, written plainly (`name@example.org.uk`).
//! A list (`gp@x, someone@y`) would become several recipients of one email, and a name with it
//! (`Dr Ahmed <gp@x>`) is the member's name already; both are refused wherever an address is
//! taken in (the plan, the set-up and case screens, a member joining through the log), through
//! [`check`]. The syntax is the `email_address` crate's (RFC 5321/5322), with a dot required in
//! the domain, as every address a core group member has.

use email_address::{EmailAddress, Options};

/// Why `text` is not one email address: a message quoting it and a hint.
pub fn check(text: &str) -> Result<(), (String, String)> {
    let text = text.trim();
    if text.contains([',', ';']) || text.split_whitespace().count() > 1 {
        return Err((
            format!("`{text}` is more than one email address"),
            "give one address per member; anyone else who should get the minutes joins the core \
             group as a member of their own"
                .into(),
        ));
    }
    if text.contains(['<', '>']) {
        return Err((
            format!("`{text}` is not an email address (give it alone, without a name or brackets)"),
            "write the address alone, like name@example.org.uk".into(),
        ));
    }
    let options = Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
        allow_long_local_parts: false,
    };
    EmailAddress::parse_with_options(text, options).map_err(|e| {
        (
            format!("`{text}` is not an email address ({})", reason(&e)),
            "write the address alone, like name@example.org.uk".into(),
        )
    })?;
    Ok(())
}

fn reason(e: &email_address::Error) -> String {
    use email_address::Error::*;
    match e {
        MissingSeparator => "it has no @".into(),
        LocalPartEmpty => "nothing comes before the @".into(),
        DomainEmpty => "nothing comes after the @".into(),
        DomainTooFew => "the part after the @ needs a dot, like example.org".into(),
        UnsupportedDisplayName | MissingDisplayName | MissingEndBracket => {
            "give the address alone, without a name or brackets".into()
        }
        other => other.to_string().trim_end_matches('.').to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_plain_address_is_taken() {
        for ok in [
            "tom.ridley@eastbrook.example",
            "p.shah@alder.example",
            " gemma.lowe@nhs.example.org.uk ",
            "o'neill+cp@council.gov.uk",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn a_list_a_name_or_a_fragment_is_refused_with_a_hint() {
        let (message, hint) = check("gp@x, someone@y").unwrap_err();
        assert!(message.contains("more than one"), "{message}");
        assert!(hint.contains("member of their own"), "{hint}");
        for (bad, says) in [
            ("gp@x someone@y", "more than one"),
            ("gp@x;someone@y", "more than one"),
            ("Dr Ahmed <gp@x.org>", "more than one"),
            ("<gp@x.org>", "without a name"),
            ("gp(at)x.org", "not an email address"),
            ("gp.example.org", "no @"),
            ("gp@", "after the @"),
            ("@example.org", "before the @"),
            ("gp@surgery", "needs a dot"),
            ("gp@@surgery.org", "not an email address"),
        ] {
            let (message, _) = check(bad).unwrap_err();
            assert!(message.contains(says), "{bad}: {message}");
        }
    }
}
