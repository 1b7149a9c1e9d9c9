//! Reading YAML files into the model with errors a person can act on: the file, the line and
//! column or the field path, what is wrong, and a hint. Unknown fields are errors, so a typo
//! never drops data silently.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::files::read_limited;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    pub fn new(file: &Path, message: impl Into<String>, hint: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> LoadError {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

/// Read and parse a YAML file.
pub fn load<T: DeserializeOwned>(file: &Path) -> Result<T, LoadError> {
    let bytes = read_limited(file).map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => "check the path",
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "",
        };
        LoadError::new(file, e.to_string(), hint)
    })?;
    parse_bytes(&bytes, file)
}

/// Parse YAML bytes; `file` only names where they came from.
pub fn parse_bytes<T: DeserializeOwned>(bytes: &[u8], file: &Path) -> Result<T, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(bytes, e.valid_up_to());
        LoadError::new(
            file,
            "the file is not valid UTF-8 text",
            "save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")",
        )
        .at(line, column)
    })?;
    parse_str(text, file)
}

/// Parse YAML text; `file` only names where it came from.
pub fn parse_str<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::new(
            file,
            "the file is empty",
            "start from `coregroup new DIR` or a shipped agenda (`coregroup agendas show NAME`)",
        ));
    }
    if let Some((line, column)) = tab_indent(text) {
        return Err(LoadError::new(
            file,
            "a tab is used for indentation",
            "YAML indents with spaces only: replace the tab with spaces",
        )
        .at(line, column));
    }
    yaml_serde::from_str(text).map_err(|e| yaml_error(e, file))
}

fn yaml_error(e: yaml_serde::Error, file: &Path) -> LoadError {
    let full = e.to_string();
    // The library appends " at line L column C"; we print the location ourselves.
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let hint = hint_for(&message);
    let err = LoadError::new(file, message, hint);
    match e.location() {
        Some(loc) => err.at(loc.line(), loc.column()),
        None => err,
    }
}

fn hint_for(message: &str) -> String {
    if message.contains("unknown field") {
        "check the spelling; the fields this place accepts are listed above".into()
    } else if message.contains("input contains invalid characters")
        || message.contains("premature end of input")
        || message.contains("trailing characters")
    {
        "check the date is a real one, written as YYYY-MM-DD".into()
    } else if message.contains("unknown variant") {
        "use one of the values listed above".into()
    } else if message.contains("missing field") {
        "add the field; see the example case (`coregroup new --example DIR`)".into()
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        "the file nests or repeats far more than any real plan does; it may be damaged".into()
    } else if message.contains("invalid type") {
        "check the value's form: text, a number, a list (`- item`) or a mapping (`key: value`)"
            .into()
    } else {
        "check the YAML syntax near this line".into()
    }
}

/// The first line indented with a tab, as (line, column) counted from 1.
fn tab_indent(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        indent
            .chars()
            .position(|c| c == '\t')
            .map(|col| (i + 1, col + 1))
    })
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, column)
}

/// Serialize to YAML text. Our model always serializes; a failure is a bug, reported as text.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    yaml_serde::to_string(value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Plan;

    fn err(text: &str) -> LoadError {
        parse_str::<Plan>(text, Path::new("plan.yaml")).unwrap_err()
    }

    #[test]
    fn tabs_in_indentation_are_named_with_their_place() {
        let e = err("case:\n\treference: X\n");
        assert_eq!((e.line, e.column), (Some(2), Some(1)));
        assert!(e.hint.contains("spaces"));
    }

    #[test]
    fn invalid_utf8_gives_the_line() {
        let e =
            parse_bytes::<Plan>(b"case:\n  reference: \xff\n", Path::new("p.yaml")).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("UTF-8"));
    }

    #[test]
    fn empty_file_is_an_error() {
        assert!(err("  \n").message.contains("empty"));
    }

    #[test]
    fn alias_bombs_fail_quickly() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = err(&text);
        assert!(!e.message.is_empty());
    }

    #[test]
    fn deep_nesting_fails_cleanly() {
        let text = format!("case: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = err(&text);
        assert!(!e.message.is_empty());
    }
}
