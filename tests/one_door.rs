//! Each kind of contact with the outside world has one door, where its rules are kept:
//!
//! - the disk: `store/files.rs` (links out of a case refused, writes atomic and owner-only);
//! - YAML text into values: `store/yaml.rs` (aliases bounded, errors with their line);
//! - the terminal's output: `cli/output.rs` (every byte sanitised, a closed pipe ends quietly).
//!
//! This test reads the program's source and finds any call that goes round its door. Tests
//! (`#[cfg(test)]` modules and `*tests.rs` files) may do as they like.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src`, with its text less its test modules.
fn sources() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "tests") {
                    continue;
                }
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs")
                && !path.to_string_lossy().ends_with("tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, without_tests(&text)));
            }
        }
    }
    out
}

/// The text before the first `#[cfg(test)]` that opens a module written in the file (the
/// convention here: test modules come last).
fn without_tests(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for i in 0..lines.len().saturating_sub(1) {
        let next = lines[i + 1].trim();
        if lines[i].trim().starts_with("#[cfg(") && lines[i].contains("test") {
            let opens_module =
                (next.starts_with("mod ") || next.starts_with("pub mod ")) && !next.ends_with(';');
            if opens_module {
                end = i;
                break;
            }
        }
    }
    lines[..end]
        .iter()
        .map(|l| match l.find("//") {
            // Comments may name what they like.
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// The calls of `patterns` found outside `allowed`, as "file:line: text".
fn calls_outside(patterns: &[&str], allowed: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources() {
        let rel = relative(&path);
        if allowed.contains(&rel.as_str()) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            if patterns.iter().any(|p| called(line, p)) {
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    found
}

/// Whether `line` makes the call `pattern`. A method (`.is_file()`) counts only on a path: on
/// metadata or a file type already in hand (`m.is_file()`, `kind.is_dir()`) it asks the disk
/// nothing.
fn called(line: &str, pattern: &str) -> bool {
    if !pattern.starts_with('.') {
        return line.contains(pattern);
    }
    line.match_indices(pattern).any(|(at, _)| {
        let receiver: String = line[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<String>()
            .chars()
            .rev()
            .collect();
        !["m", "t", "meta", "kind", "metadata", "file_type"].contains(&receiver.as_str())
    })
}

#[test]
fn the_disk_is_reached_only_through_store_files() {
    let patterns = [
        "fs::read(",
        "fs::read_to_string(",
        "fs::write(",
        "fs::read_dir(",
        "fs::remove_file(",
        "fs::remove_dir(",
        "fs::remove_dir_all(",
        "fs::rename(",
        "fs::copy(",
        "fs::hard_link(",
        "fs::create_dir",
        "fs::metadata(",
        "fs::symlink_metadata(",
        "fs::canonicalize(",
        "fs::read_link(",
        "fs::set_permissions(",
        "fs::exists(",
        "File::open(",
        "File::create",
        "File::options(",
        "OpenOptions",
        "DirBuilder",
        "tempfile::",
        ".exists()",
        ".try_exists()",
        ".is_file()",
        ".is_dir()",
        ".is_symlink()",
        ".read_dir()",
        ".canonicalize()",
        ".symlink_metadata()",
        ".read_link()",
    ];
    let found = calls_outside(&patterns, &["src/store/files.rs"]);
    assert!(
        found.is_empty(),
        "these reach the disk without store::files (use its functions, which keep every path \
         inside its case folder):\n{}",
        found.join("\n")
    );
}

#[test]
fn yaml_becomes_values_only_through_store_yaml() {
    let patterns = [
        "yaml_serde::from_str",
        "yaml_serde::from_slice",
        "yaml_serde::from_reader",
        "yaml_serde::Deserializer",
    ];
    // The shipped agendas are the program's own text, embedded in it.
    let found = calls_outside(
        &patterns,
        &[
            "src/store/yaml.rs",
            "src/store/yaml_aliases.rs",
            "src/agenda/builtin.rs",
        ],
    );
    assert!(
        found.is_empty(),
        "these read YAML without store::yaml (whose aliases are bounded first):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_terminal_is_written_only_through_cli_output() {
    let patterns = [
        "print!(",
        "println!(",
        "eprint!(",
        "eprintln!(",
        "stdout()",
        "stderr()",
        "dbg!(",
    ];
    let found = calls_outside(
        &patterns,
        &[
            "src/cli/output.rs",
            // The screens draw through the terminal backend; what they draw is sanitised by
            // their views.
            "src/tui/terminal.rs",
            // The panic hook cannot reach up to the commands; it sanitises what it says itself.
            "src/store/safety.rs",
        ],
    );
    assert!(
        found.is_empty(),
        "these print without cli::output (which sanitises every byte and ends quietly when the \
         reader has gone):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_sees_what_it_looks_for() {
    // The test would pass on any tree if it read nothing.
    let all = calls_outside(&["fs::rename("], &[]);
    assert!(
        all.iter().any(|f| f.starts_with("src/store/files.rs")),
        "{all:?}"
    );
    assert!(without_tests("a\n#[cfg(test)]\nmod tests {\nb\n}\n").trim() == "a");
    assert!(called("if path.is_file() {", ".is_file()"));
    assert!(called("dir.join(PLAN).exists()", ".exists()"));
    assert!(!called("Ok(m) if m.is_file() => {}", ".is_file()"));
    assert!(without_tests("a\n#[cfg(test)]\nmod tests;\nb\n").contains('b'));
}
