//! The names of a meeting's documents in its folder, each family member's own copy and plan
//! among them.

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

/// How the plan's file names begin, everyone's (`plan.<ext>`) and each family member's own.
pub const PLAN_PREFIX: &str = "plan";

/// A document each family member has a copy of their own of, ending with their own agreement
/// page: the family's copy of the minutes and the plan. Its shared file (`minutes-family.<ext>`,
/// `plan.<ext>`) is the one every family member may read; a member's own is
/// `<prefix>-<id>.<ext>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FamilyDocument {
    Copy,
    Plan,
}

impl FamilyDocument {
    /// Each, in the order a family member is sent them.
    pub const ALL: [FamilyDocument; 2] = [FamilyDocument::Copy, FamilyDocument::Plan];

    fn prefix(self) -> &'static str {
        match self {
            FamilyDocument::Copy => FAMILY_PREFIX,
            FamilyDocument::Plan => PLAN_PREFIX,
        }
    }

    /// The file every family member may read: `minutes-family.<ext>`, `plan.<ext>`.
    pub fn shared(self, ext: &str) -> String {
        format!("{}.{ext}", self.prefix())
    }

    /// Member `member`'s own: `<prefix>-<id>.<ext>`, the id kept to characters every file
    /// system takes.
    pub fn own(self, member: &str, ext: &str) -> String {
        format!("{}-{}.{ext}", self.prefix(), id_in_file_name(member))
    }

    /// The extension of `file` when it is some member's own of this document, in a format
    /// documents are made in (not `plan-before.yaml`).
    fn own_ext(self, file: &str) -> Option<&str> {
        let (_, ext) = file
            .strip_prefix(self.prefix())?
            .strip_prefix('-')?
            .rsplit_once('.')?;
        ["md", "html", "docx", "pdf"].contains(&ext).then_some(ext)
    }
}

/// The file name of a family member's own copy: `minutes-family-<id>.<ext>`.
pub fn own_copy_name(member: &str, ext: &str) -> String {
    FamilyDocument::Copy.own(member, ext)
}

/// The file name of a family member's own plan: `plan-<id>.<ext>`.
pub fn own_plan_name(member: &str, ext: &str) -> String {
    FamilyDocument::Plan.own(member, ext)
}

/// Whether `file` is some family member's own copy or own plan.
pub fn is_own_document(file: &str) -> bool {
    FamilyDocument::ALL
        .iter()
        .any(|d| d.own_ext(file).is_some())
}

/// The name a meeting's file is attached under: a family member's own copy or plan goes out
/// under the shared file's name (`minutes-family-dad.docx` as `minutes-family.docx`,
/// `plan-dad.pdf` as `plan.pdf`), so no name a family member is sent holds an id the case knows
/// them by; every other file under its own name.
pub fn attachment_name(file: &str) -> String {
    FamilyDocument::ALL
        .iter()
        .find_map(|d| d.own_ext(file).map(|ext| d.shared(ext)))
        .unwrap_or_else(|| file.to_string())
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
