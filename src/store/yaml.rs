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
        write!(f, "{}", printable(&self.file.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", printable(&self.message))?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", printable(&self.hint))?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Messages can quote a file's contents (an unknown field's name, say); control characters and
/// direction overrides in them are shown as escapes, so a hostile file cannot drive the terminal.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}');
        if c.is_control() || bidi {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

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
    parse_bytes(&read(file)?, file)
}

/// Read a whole file within the size limit, with an error that says what to check.
pub fn read(file: &Path) -> Result<Vec<u8>, LoadError> {
    read_limited(file).map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => "check the path",
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "",
        };
        LoadError::new(file, e.to_string(), hint)
    })
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
    if let Some((line, column)) = too_deep_flow(text) {
        return Err(LoadError::new(
            file,
            format!(
                "lists or mappings in [ ] or {{ }} nest more than {MAX_FLOW_DEPTH} levels deep"
            ),
            "the file nests far more than any real plan does; it may be damaged",
        )
        .at(line, column));
    }
    yaml_serde::from_str(text).map_err(|e| yaml_error(e, file))
}

/// No real file nests `[ ]` or `{ }` more than a few levels; the YAML parser takes time that
/// grows with the square of this depth, so a hostile file could otherwise keep it busy for hours.
const MAX_FLOW_DEPTH: usize = 100;

/// Where flow collections (`[ ]`, `{ }`) first nest deeper than [`MAX_FLOW_DEPTH`], as (line,
/// column) from 1. A light scan, not a parser: it skips comments, quoted text and block scalars
/// (`|`, `>`), and counts a bracket in block context only where a value can start, so that text
/// which merely contains brackets is never mistaken for nesting.
fn too_deep_flow(text: &str) -> Option<(usize, usize)> {
    #[derive(PartialEq)]
    enum Quote {
        None,
        Single,
        Double,
    }
    // Nesting deeper needs more opening brackets than that; most files have a handful at most.
    if text.bytes().filter(|b| matches!(b, b'[' | b'{')).count() <= MAX_FLOW_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    let mut quote = Quote::None;
    // The indentation of the line that opened a block scalar, while we are inside one.
    let mut block_scalar: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block_scalar {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut at_node_start = true;
        let mut prev_space = true;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            i += 1;
            match quote {
                Quote::Double => {
                    if c == '\\' {
                        i += 1;
                    } else if c == '"' {
                        quote = Quote::None;
                    }
                    continue;
                }
                Quote::Single => {
                    if c == '\'' {
                        if next == Some('\'') {
                            i += 1;
                        } else {
                            quote = Quote::None;
                        }
                    }
                    continue;
                }
                Quote::None => {}
            }
            let in_flow = depth > 0;
            match c {
                ' ' | '\t' => {
                    prev_space = true;
                    continue;
                }
                '#' if prev_space => break,
                '"' if in_flow || at_node_start => quote = Quote::Double,
                '\'' if in_flow || at_node_start => quote = Quote::Single,
                '[' | '{' if in_flow || at_node_start => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((n + 1, i));
                    }
                }
                ']' | '}' if in_flow => depth -= 1,
                '-' | '?' | ':' if !in_flow && next.is_none_or(|c| c == ' ') => {
                    at_node_start = true;
                    prev_space = false;
                    continue;
                }
                '|' | '>' if !in_flow && at_node_start => {
                    let rest: String = chars[i..].iter().collect();
                    let rest = rest.split(" #").next().unwrap_or_default();
                    if rest.chars().all(|c| "+-0123456789 ".contains(c)) {
                        block_scalar = Some(indent);
                        break;
                    }
                    at_node_start = false;
                }
                '&' | '!' if !in_flow && at_node_start => {
                    // An anchor or tag comes before the value it names: skip to its end.
                    while i < chars.len() && chars[i] != ' ' {
                        i += 1;
                    }
                    continue;
                }
                _ if !in_flow => at_node_start = false,
                _ => {}
            }
            prev_space = false;
        }
    }
    None
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

pub(crate) fn hint_for(message: &str) -> String {
    if message.contains("unknown field") {
        "check the spelling; the fields this place accepts are listed above".into()
    } else if message.contains("input is out of range") {
        "that date does not exist (there is no 30 February); dates are written YYYY-MM-DD".into()
    } else if message.contains("input contains invalid characters")
        || message.contains("premature end of input")
        || message.contains("trailing characters")
    {
        "check the date is a real one, written as YYYY-MM-DD".into()
    } else if message.contains("expected a period like") {
        "write a period as a number and a unit: \"10 working days\", \"6 weeks\", \"1 month\""
            .into()
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
    fn messages_never_carry_terminal_control_characters() {
        let e = err("case:\n  \u{1b}]0;title\u{7}: x\n  \u{202e}evil: y\n");
        let shown = e.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(!shown.contains('\u{202e}'), "{shown:?}");
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
    fn deep_flow_nesting_is_refused_before_parsing() {
        let text = format!("case: {}{}", "[".repeat(4_000_000), "]".repeat(4_000_000));
        let e = err(&text);
        assert_eq!((e.line, e.column), (Some(1), Some(7 + MAX_FLOW_DEPTH)));
        assert!(e.message.contains("nest more than"), "{e}");
    }

    #[test]
    fn brackets_in_text_are_not_nesting() {
        let many = "[".repeat(500);
        let text = format!(
            "a: said {many}\nb: \"{many}\"\nc: '{many}'\nd: |\n  {many}\n  {many}\ne: # {many}\n  x\n\
             f: [\"{many}\", '{many}', [x, {{y: z}}]]\ng: x {many}\n"
        );
        assert_eq!(too_deep_flow(&text), None);
        assert_eq!(
            too_deep_flow(&format!("a: {}", "[".repeat(101))),
            Some((1, 104))
        );
        assert_eq!(
            too_deep_flow(&format!("- &x {}", "{a: ".repeat(101))),
            Some((1, 406))
        );
    }

    #[test]
    fn deep_nesting_fails_cleanly() {
        let text = format!("case: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = err(&text);
        assert!(!e.message.is_empty());
    }
}
