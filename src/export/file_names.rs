//! The names of a meeting's documents in its folder, a family member's own copy's among them.

pub const MINUTES_MD: &str = "minutes.md";
pub const MINUTES_HTML: &str = "minutes.html";
pub const FAMILY_MD: &str = "minutes-family.md";
pub const FAMILY_HTML: &str = "minutes-family.html";
pub const PLAN_MD: &str = "plan.md";
pub const PLAN_HTML: &str = "plan.html";
/// The case file's copy of the minutes: everything, withheld addresses too. Never circulated.
pub const CASE_FILE_MD: &str = "minutes-case-file.md";
pub const CASE_FILE_HTML: &str = "minutes-case-file.html";
pub const NEXT_MEETING_ICS: &str = "next-meeting.ics";
/// How every family copy's file name begins, the shared one and each member's own.
pub const FAMILY_PREFIX: &str = "minutes-family";

/// The file name of a family member's own copy: `minutes-family-<id>.<ext>`, the id kept to
/// characters every file system takes.
pub fn own_copy_name(member: &str, ext: &str) -> String {
    format!("{FAMILY_PREFIX}-{}.{ext}", id_in_file_name(member))
}

/// The name a meeting's file is attached under: a family member's own copy goes out under the
/// family's copy's name (`minutes-family-dad.docx` as `minutes-family.docx`), so no name a family
/// member is sent holds an id the case knows them by; every other file under its own name.
pub fn attachment_name(file: &str) -> String {
    match file
        .strip_prefix(FAMILY_PREFIX)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|own| own.rsplit_once('.'))
    {
        Some((_, ext)) => format!("{FAMILY_PREFIX}.{ext}"),
        None => file.to_string(),
    }
}

/// An id as part of a file name, one name per id on every system: lower-case ASCII letters,
/// digits, `-` and `_` as they are, anything else (a capital, a dot, a space, an accent) as `+`
/// and its code in hex and `+` again. So two ids never give one name, even where file names
/// ignore case (`dad.w` is `dad+2e+w`, `dad-w` stays, `Dad_W` is `+44+ad_+57+`).
pub fn id_in_file_name(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' {
            out.push(c);
        } else {
            out.push_str(&format!("+{:x}+", u32::from(c)));
        }
    }
    out
}

pub const MINUTES_DOCX: &str = "minutes.docx";
pub const FAMILY_DOCX: &str = "minutes-family.docx";
pub const PLAN_DOCX: &str = "plan.docx";
pub const MINUTES_PDF: &str = "minutes.pdf";
pub const FAMILY_PDF: &str = "minutes-family.pdf";
pub const PLAN_PDF: &str = "plan.pdf";
