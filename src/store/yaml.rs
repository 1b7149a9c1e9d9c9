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

/// Messages can quote a file's contents (an unknown field's name, say); they go through the
/// screen's sanitizer, so a hostile file cannot drive the terminal.
pub fn printable(text: &str) -> String {
    crate::text::sanitize(text).into_owned()
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

/// [`load`] for a file of the case folder `root` (see [`read_within`]).
pub fn load_within<T: DeserializeOwned>(file: &Path, root: &Path) -> Result<T, LoadError> {
    parse_bytes(&read_within(file, root)?, file)
}

/// Read a whole file within the size limit, with an error that says what to check. Anything
/// but a regular file (a folder, a named pipe, a device) is refused before it is opened, so
/// nothing of it is read or quoted and a pipe cannot keep the program waiting; so is a link out
/// of its case folder (see [`super::files::confine`]).
pub fn read(file: &Path) -> Result<Vec<u8>, LoadError> {
    check_kind(file)?;
    read_limited(file).map_err(|e| io_error(file, &e))
}

/// A failure to read `file` as a [`LoadError`] with a hint.
pub fn io_error(file: &Path, e: &std::io::Error) -> LoadError {
    if super::files::link_out(e).is_some() {
        return LoadError::new(
            file,
            e.to_string(),
            "put the file or folder itself in the case folder in place of the link",
        );
    }
    let hint = match e.kind() {
        std::io::ErrorKind::NotFound => "check the path",
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        _ => "",
    };
    LoadError::new(file, e.to_string(), hint)
}

/// [`read`] for a file of the case folder `root`: a link to a file outside the folder is
/// refused without reading or naming what it points to.
pub fn read_within(file: &Path, root: &Path) -> Result<Vec<u8>, LoadError> {
    super::files::confine(root);
    read(file)
}

/// A file of the case folder `root` may not lead out of it through a link, nor through a
/// folder that is one. A path that does not exist is left for reading to report.
pub fn check_within(file: &Path, root: &Path) -> Result<(), LoadError> {
    super::files::confine(root);
    match super::files::metadata(file) {
        Err(e) if super::files::link_out(&e).is_some() => Err(io_error(file, &e)),
        _ => Ok(()),
    }
}

/// Anything but a regular file (after links) is refused, by its kind, without opening it. A
/// path that does not exist is left for reading to report.
pub fn check_kind(file: &Path) -> Result<(), LoadError> {
    let meta = match super::files::metadata(file) {
        Ok(meta) => meta,
        Err(e) if super::files::link_out(&e).is_some() => return Err(io_error(file, &e)),
        Err(_) => return Ok(()),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "a folder"
    } else {
        special_kind(&kind)
    };
    Err(LoadError::new(
        file,
        format!("this is {what}, not a file; coregroup reads only ordinary files"),
        "give the path of the file itself",
    ))
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not an ordinary file"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: &std::fs::FileType) -> &'static str {
    "not an ordinary file"
}

/// Text without the UTF-8 byte-order mark some editors put at the start of a file.
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// Parse YAML bytes; `file` only names where they came from.
pub fn parse_bytes<T: DeserializeOwned>(bytes: &[u8], file: &Path) -> Result<T, LoadError> {
    let bytes = without_bom(bytes);
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
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
    bounded_aliases(text, file)?;
    yaml_serde::from_str(text).map_err(|e| yaml_error(e, file, text))
}

/// Any YAML as a tree, read like every file (see [`parse_str`]).
pub fn parse_value(text: &str, file: &Path) -> Result<yaml_serde::Value, LoadError> {
    parse_str(text, file)
}

/// Refuse a file whose aliases (`*name`) stand for far more than it holds, before anything is
/// built from it (see `store::yaml_aliases`).
pub fn bounded_aliases(text: &str, file: &Path) -> Result<(), LoadError> {
    super::yaml_aliases::check(text).map_err(|e| {
        LoadError::new(
            file,
            e.message,
            "coregroup's files need no anchors (`&name`) or aliases (`*name`): write each value \
             out in full; a file like this may be damaged, or made to do harm",
        )
        .at(e.line, 1)
    })
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

fn yaml_error(e: yaml_serde::Error, file: &Path, text: &str) -> LoadError {
    let full = e.to_string();
    // The library appends " at line L column C"; we print the location ourselves.
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    // A value the message quotes is cut at the end of the line the error is on: a value that
    // runs over several lines (a file that is not YAML at all, read whole as one string) must
    // not bring the rest of the file with it.
    let room = e.location().map_or(MAX_QUOTE, |l| {
        let line = text.lines().nth(l.line().saturating_sub(1)).unwrap_or("");
        let rest: String = line.chars().skip(l.column().saturating_sub(1)).collect();
        rest.trim_end().chars().count().clamp(1, MAX_QUOTE)
    });
    let message = clip_quotes(&message, room);
    let line = e
        .location()
        .and_then(|l| text.lines().nth(l.line().saturating_sub(1)));
    // The screens take 26/02/2027; the file wants 2027-02-26. Say so with the date itself.
    let hint = match line.and_then(day_first_date) {
        Some((typed, iso)) => {
            format!("the file wants dates as YYYY-MM-DD: write {iso} for {typed}")
        }
        None => hint_for(&message),
    };
    let err = LoadError::new(file, message, hint);
    match e.location() {
        Some(loc) => err.at(loc.line(), loc.column()),
        None => err,
    }
}

/// A date written day first (`26/02/2027`, `26-2-2027`, `26.02.2027`) on a line of YAML, and the
/// same date as the file wants it; `None` when there is none or it is not a real date.
fn day_first_date(line: &str) -> Option<(String, String)> {
    let value = line.split_once(':')?.1.trim().trim_matches(['"', '\'']);
    let parts: Vec<&str> = value.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some((value.to_string(), date.format("%Y-%m-%d").to_string()))
}

/// The most of a file's text an error quotes.
pub(crate) const MAX_QUOTE: usize = 80;

/// `message` with each quoted value (in `"…"` or `` `…` ``) cut to `room` characters, and the
/// whole message to a few lines' worth, so an error shows where the problem is without
/// reproducing the file. What follows ", expected" is the program's own words (the values a
/// field takes), kept whole.
pub(crate) fn clip_quotes(message: &str, room: usize) -> String {
    let (head, expected) = match message.find(", expected") {
        Some(i) => message.split_at(i),
        None => (message, ""),
    };
    let mut out = clip_each(head, room);
    let limit = 4 * MAX_QUOTE + room;
    if out.chars().count() > limit {
        out = out.chars().take(limit).collect::<String>() + "…";
    }
    out.push_str(expected);
    out
}

fn clip_each(message: &str, room: usize) -> String {
    let mut out = String::with_capacity(message.len().min(4 * MAX_QUOTE));
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = &rest[open..open + 1];
        out.push_str(&rest[..=open]);
        let inner = &rest[open + 1..];
        // The closing quote: the next one followed by what follows a quote in these messages.
        let close = inner.match_indices(quote).map(|(i, _)| i).find(|&i| {
            inner[i + 1..]
                .chars()
                .next()
                .is_none_or(|c| ", .);:".contains(c))
        });
        let Some(close) = close else {
            rest = inner;
            break;
        };
        let value = &inner[..close];
        if value.chars().count() > room {
            out.extend(value.chars().take(room));
            out.push('…');
        } else {
            out.push_str(value);
        }
        out.push_str(quote);
        rest = &inner[close + 1..];
    }
    out.push_str(rest);
    out
}

pub(crate) fn hint_for(message: &str) -> String {
    if message.contains(crate::domain::format::NEWER) {
        "open it with the coregroup that wrote it, or a later one; this one changed nothing in it"
            .into()
    } else if message.contains("unknown field") {
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
    // Most files hold no tab at all: one fast search instead of a look at every line.
    if !text.contains('\t') {
        return None;
    }
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

/// Why a value was not written as YAML. Our model always serializes; a failure is a bug.
#[derive(Debug, thiserror::Error)]
pub enum SerializeError {
    #[error(transparent)]
    Yaml(#[from] yaml_serde::Error),
    /// A thread serializing part of a large plan ended without its text.
    #[error("a thread serializing the plan failed")]
    Thread,
}

/// Serialize to YAML text. Our model always serializes; a failure is a bug, reported as text.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, SerializeError> {
    Ok(yaml_serde::to_string(value)?)
}

/// Serialize to YAML that is printed on a terminal: like [`to_string`], but a string holding
/// anything the screen's sanitizer would replace (a control character, a line break, a
/// direction override) is written double-quoted with that character escaped. The YAML keeps
/// every character, and none of them reaches the terminal raw.
pub fn to_terminal_string<T: Serialize>(value: &T) -> Result<String, SerializeError> {
    let plain = to_string(value)?;
    let mut tree = yaml_serde::to_value(value)?;
    let mut unsafe_strings = Vec::new();
    // Each such string is serialized as a placeholder no other text contains, then replaced.
    let nonce = (0u32..)
        .find(|n| !plain.contains(&format!("coregroup-escaped-{n}-")))
        .unwrap_or_default();
    let token = |i: usize| format!("coregroup-escaped-{nonce}-{i}-end");
    swap_unsafe(&mut tree, &mut unsafe_strings, &token);
    if unsafe_strings.is_empty() {
        return Ok(plain);
    }
    let mut text = to_string(&tree)?;
    for (i, s) in unsafe_strings.iter().enumerate() {
        text = text.replacen(&token(i), &double_quoted(s), 1);
    }
    Ok(text)
}

fn swap_unsafe(
    value: &mut yaml_serde::Value,
    found: &mut Vec<String>,
    token: &dyn Fn(usize) -> String,
) {
    use yaml_serde::Value;
    match value {
        Value::String(s) if crate::text::sanitize::needs_sanitizing(s) => {
            let t = token(found.len());
            found.push(std::mem::replace(s, t));
        }
        Value::Sequence(items) => items.iter_mut().for_each(|v| swap_unsafe(v, found, token)),
        Value::Mapping(map) => map.values_mut().for_each(|v| swap_unsafe(v, found, token)),
        Value::Tagged(t) => swap_unsafe(&mut t.value, found, token),
        _ => {}
    }
}

/// A YAML double-quoted scalar: every character kept, any that is not plainly printable as an
/// escape.
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if crate::text::sanitize::needs_sanitizing(c.encode_utf8(&mut [0; 4])) => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Plan;

    fn err(text: &str) -> LoadError {
        parse_str::<Plan>(text, Path::new("plan.yaml")).unwrap_err()
    }

    #[test]
    fn a_date_written_day_first_is_answered_with_the_form_the_file_wants() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let text = to_string(&crate::domain::example::plan(today)).expect("yaml");
        let is_date = |v: &str| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok();
        let mut done = false;
        let changed: Vec<String> = text
            .lines()
            .map(|l| match l.split_once(": ") {
                Some((key, v)) if !done && is_date(v.trim()) => {
                    done = true;
                    format!("{key}: 26/02/2027")
                }
                _ => l.to_string(),
            })
            .collect();
        assert!(done, "the example holds a date");
        let e = err(&changed.join("\n"));
        assert!(e.hint.contains("write 2027-02-26 for 26/02/2027"), "{e}");
        assert!(e.line.is_some(), "{e}");
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
    fn a_byte_order_mark_is_accepted() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let text = to_string(&crate::domain::example::plan(today)).unwrap();
        let plain: Plan = parse_str(&text, Path::new("plan.yaml")).unwrap();
        let marked = format!("\u{feff}{text}");
        assert_eq!(
            parse_str::<Plan>(&marked, Path::new("plan.yaml")).unwrap(),
            plain
        );
        assert_eq!(
            parse_bytes::<Plan>(marked.as_bytes(), Path::new("plan.yaml")).unwrap(),
            plain
        );
    }

    #[cfg(unix)]
    #[test]
    fn folders_pipes_and_devices_are_refused_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("plan.yaml");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read(&fifo).unwrap_err();
        assert!(e.message.contains("a named pipe, not a file"), "{e}");
        let e = read(dir.path()).unwrap_err();
        assert!(e.message.contains("a folder, not a file"), "{e}");
        let e = read(Path::new("/dev/null")).unwrap_err();
        assert!(e.message.contains("a device, not a file"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_case_folder_is_refused_without_quoting_its_target() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "the-secret-words").unwrap();
        let case = tempfile::tempdir().unwrap();
        let link = case.path().join("plan.yaml");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let e = read_within(&link, case.path()).unwrap_err().to_string();
        assert!(e.contains("outside the case folder"), "{e}");
        assert!(
            !e.contains("the-secret-words") && !e.contains("secret.txt"),
            "{e}"
        );
        // A link within the folder is followed.
        std::fs::write(case.path().join("real.yaml"), "x: 1\n").unwrap();
        let inner = case.path().join("inner.yaml");
        std::os::unix::fs::symlink("real.yaml", &inner).unwrap();
        assert_eq!(read_within(&inner, case.path()).unwrap(), b"x: 1\n");
    }

    #[test]
    fn terminal_yaml_escapes_what_the_screen_would_replace_and_keeps_every_character() {
        #[derive(Serialize, serde::Deserialize, Debug, PartialEq)]
        struct Row {
            name: String,
            note: String,
            plain: String,
            list: Vec<String>,
        }
        let row = Row {
            name: "Sha\u{1b}]0;x\u{7}una \"B\" \\ Bren\u{202e}nan".into(),
            note: "one\ntwo\u{200b}".into(),
            plain: "Tŷ Coch: it's fine".into(),
            list: vec!["- \u{9b}31m".into(), "coregroup-escaped-0-0-end".into()],
        };
        let text = to_terminal_string(&row).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && crate::text::sanitize::needs_sanitizing(&c.to_string())),
            "{text}"
        );
        assert_eq!(text.lines().count(), 6, "{text}");
        let back: Row = parse_str(&text, Path::new("status.yaml")).unwrap();
        assert_eq!(back, row);
        // Nothing to escape: exactly what the serializer writes.
        let calm = Row {
            name: "Shauna".into(),
            note: String::new(),
            plain: "x".into(),
            list: vec![],
        };
        assert_eq!(
            to_terminal_string(&calm).unwrap(),
            to_string(&calm).unwrap()
        );
    }

    #[test]
    fn an_error_quotes_no_more_of_the_file_than_the_line_it_is_on() {
        let text = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n\
                    SECRET:x:3:3\n";
        let e = parse_str::<Vec<String>>(text, Path::new("log.yaml")).unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("root:x:0:0:root:/root:/bin/bash"), "{e}");
        assert!(
            !e.message.contains("daemon") && !e.message.contains("SECRET"),
            "{e}"
        );
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        enum LogEntry {
            Visit,
        }
        let e = parse_str::<Vec<LogEntry>>("- Vis it\n  SECRET more\n", Path::new("log.yaml"))
            .unwrap_err();
        assert!(!e.message.contains("SECRET"), "{e}");
        assert_eq!(clip_quotes("a \"short\" b", 10), "a \"short\" b");
        assert_eq!(
            clip_quotes("string \"abcdef\", expected x", 3),
            "string \"abc…\", expected x"
        );
        assert_eq!(
            clip_quotes("unknown variant `abcdef`, expected `a` or `b`", 2),
            "unknown variant `ab…`, expected `a` or `b`"
        );
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
