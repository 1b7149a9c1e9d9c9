//! `coregroup agendas [show NAME]`: what agendas there are and where each comes from.

use super::CliError;
use super::args::{AgendasArgs, AgendasCommand};
use crate::store::agenda_files as catalog;
use crate::text::{sanitize, sanitize_lines};

pub fn run(a: &AgendasArgs) -> Result<String, CliError> {
    match &a.command {
        // The file as it is, line for line, but nothing in it can drive the terminal.
        Some(AgendasCommand::Show { name }) => catalog::show(name)
            .map(|text| sanitize_lines(&text).into_owned())
            .map_err(CliError::from),
        None => Ok(list()),
    }
}

fn list() -> String {
    let entries = catalog::list();
    let width = entries.iter().map(|e| e.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for e in &entries {
        let mut from = e.origin.describe();
        if e.overrides_builtin {
            from.push_str(", replacing the built-in one");
        }
        let from = sanitize(&from);
        let name = sanitize(&e.name);
        match &e.error {
            None => out.push_str(&format!(
                "{name:<width$}  {} ({from})\n",
                sanitize(&e.description)
            )),
            Some(err) => out.push_str(&format!(
                "{name:<width$}  CANNOT BE USED ({from}):\n    {}\n",
                sanitize_lines(err).replace('\n', "\n    ")
            )),
        }
    }
    if let Some(dir) = catalog::config_dir() {
        out.push_str(&format!(
            "\nYour own agendas go in {} (see `coregroup agendas show core-group` for the format).\n",
            sanitize(&dir.join(catalog::AGENDAS_DIR).display().to_string())
        ));
    }
    out
}
