//! Every write of a case's `plan.yaml` goes through `store::plan_write`: a compare-and-swap
//! that merges or refuses when the file changed since it was read, and never writes over a
//! case when making one. This test reads the program's source and finds any write of the
//! case's plan made elsewhere, so a new writer cannot go round it.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src`, less its test modules (which come last in a file).
fn sources() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "tests") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|x| x == "rs")
                && !path.to_string_lossy().ends_with("tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                let end = text.find("#[cfg(test)]\nmod ").unwrap_or(text.len());
                out.push((path, text[..end].to_string()));
            }
        }
    }
    out
}

const WRITES: [&str; 9] = [
    "write_atomic(",
    "write_new(",
    "replace_unsynced(",
    "stage(",
    "write_yaml(",
    "rename(",
    "fs::write(",
    "fs::copy(",
    "hard_link(",
];

/// Writes of the case's plan outside `allowed`, as "file:line: text". The case's plan is named
/// by `plan_path()`, by the case root joined with `PLAN_FILE`, or by a name bound to either.
fn plan_writes(allowed: &[(&str, &str)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources() {
        let rel = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let names_plan = |s: &str| {
            s.contains("plan_path()")
                || s.contains("root().join(PLAN_FILE)")
                || s.contains("root.join(PLAN_FILE)")
                || s.contains("root().join(\"plan.yaml\")")
        };
        // Names bound to the case's plan path: `let path = case.plan_path();`.
        let bound: Vec<String> = text
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                let rest = l.strip_prefix("let ")?;
                let (name, value) = rest.split_once('=')?;
                names_plan(value).then(|| name.trim().trim_start_matches("mut ").to_string())
            })
            .collect();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let Some(call) = WRITES.iter().find(|w| code.contains(*w)) else {
                continue;
            };
            let args = &code[code.find(call).unwrap()..];
            let of_plan = names_plan(args)
                || bound.iter().any(|b| {
                    args.match_indices(b.as_str()).any(|(at, _)| {
                        let before = args[..at].chars().last();
                        let after = args[at + b.len()..].chars().next();
                        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    })
                });
            if of_plan && !allowed.iter().any(|(f, c)| rel == *f && call == c) {
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_case_s_plan_is_written_only_through_plan_write() {
    let allowed = [
        ("src/store/plan_write.rs", "write_atomic("),
        ("src/store/plan_write.rs", "write_new("),
        ("src/store/plan_write.rs", "stage("),
        // The close stages the meeting's plan beside the case's and hands it to `plan_write`,
        // which puts it in place only while the file is as the meeting read it.
        ("src/store/meeting_files.rs", "stage("),
    ];
    let found = plan_writes(&allowed);
    assert!(
        found.is_empty(),
        "the case's plan.yaml written round store::plan_write:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_sweep_finds_a_writer_that_goes_round() {
    // Without its allowances the sweep must see the writers that are allowed.
    let found = plan_writes(&[]);
    for file in ["src/store/plan_write.rs", "src/store/meeting_files.rs"] {
        assert!(
            found.iter().any(|f| f.starts_with(file)),
            "{file} not seen: {found:?}"
        );
    }
}
