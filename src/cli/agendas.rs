//! `coregroup agendas [show NAME]`: what agendas there are and where each comes from.

use super::CliError;
use super::args::{AgendasArgs, AgendasCommand};
use crate::agenda::catalog;

pub fn run(a: &AgendasArgs) -> Result<String, CliError> {
    match &a.command {
        Some(AgendasCommand::Show { name }) => catalog::show(name).map_err(CliError),
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
        match &e.error {
            None => out.push_str(&format!("{:<width$}  {} ({from})\n", e.name, e.description)),
            Some(err) => out.push_str(&format!(
                "{:<width$}  CANNOT BE USED ({from}):\n    {}\n",
                e.name,
                err.replace('\n', "\n    ")
            )),
        }
    }
    if let Some(dir) = catalog::config_dir() {
        out.push_str(&format!(
            "\nYour own agendas go in {} (see `coregroup agendas show core-group` for the format).\n",
            dir.join(catalog::AGENDAS_DIR).display()
        ));
    }
    out
}
