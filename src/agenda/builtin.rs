//! The agendas shipped in `agendas/`, embedded so the program works from a bare binary.

/// (name, YAML text) of every shipped agenda; the first is the default.
pub const BUILTIN: &[(&str, &str)] = &[
    ("core-group", include_str!("../../agendas/core-group.yaml")),
    (
        "core-group-4-weekly",
        include_str!("../../agendas/core-group-4-weekly.yaml"),
    ),
    (
        "core-group-monthly",
        include_str!("../../agendas/core-group-monthly.yaml"),
    ),
    (
        "first-core-group",
        include_str!("../../agendas/first-core-group.yaml"),
    ),
    (
        "wales-core-group",
        include_str!("../../agendas/wales-core-group.yaml"),
    ),
    (
        "wales-resolution-tier1",
        include_str!("../../agendas/wales-resolution-tier1.yaml"),
    ),
    (
        "wales-resolution-tier2",
        include_str!("../../agendas/wales-resolution-tier2.yaml"),
    ),
];

/// The text of a shipped agenda, by name.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A shipped agenda, parsed and checked. The shipped files are tested to pass (with the file,
/// line and column a user's file gets, through the catalog), so an error here is a broken
/// build; it is returned rather than panicking.
pub fn shipped(name: &str) -> Result<crate::domain::agenda::Agenda, ShippedError> {
    let text = builtin(name).ok_or_else(|| ShippedError::NoSuch(name.to_string()))?;
    let agenda: crate::domain::agenda::Agenda =
        yaml_serde::from_str(text).map_err(|e| ShippedError::Unreadable {
            name: name.to_string(),
            message: e.to_string(),
        })?;
    match agenda.problems().first() {
        None => Ok(agenda),
        Some(p) => Err(ShippedError::Problem {
            name: name.to_string(),
            path: p.path.clone(),
            message: p.message.clone(),
        }),
    }
}

/// Why a shipped agenda was not given: a name none has, or (a broken build) one that does not
/// read or does not pass its check.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShippedError {
    #[error("there is no built-in agenda `{0}`")]
    NoSuch(String),
    #[error("agendas/{name}.yaml: {message}")]
    Unreadable { name: String, message: String },
    #[error("agendas/{name}.yaml: {path}: {message}")]
    Problem {
        name: String,
        path: String,
        message: String,
    },
}
