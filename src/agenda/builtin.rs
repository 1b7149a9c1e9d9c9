//! The agendas shipped in `agendas/`, embedded so the program works from a bare binary.

/// (name, YAML text) of every shipped agenda.
pub const BUILTIN: &[(&str, &str)] =
    &[("core-group", include_str!("../../agendas/core-group.yaml"))];

/// The text of a shipped agenda, by name.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}
