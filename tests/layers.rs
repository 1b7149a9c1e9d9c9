//! The layers of `src/` import only what lies below them (see docs/architecture.md), tests
//! included: a folder that reached up would tie the pure model to files or the screen.

use std::collections::BTreeSet;
use std::path::Path;

/// Each top-level folder and the folders it may import besides itself.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("domain", &["text"]),
    ("agenda", &["domain", "text"]),
    ("store", &["agenda", "domain", "text"]),
    ("export", &["agenda", "domain", "text"]),
    ("cases", &["store", "export", "agenda", "domain", "text"]),
    (
        "tui",
        &["cases", "store", "export", "agenda", "domain", "text"],
    ),
    (
        "cli",
        &[
            "tui", "cases", "store", "export", "agenda", "domain", "text",
        ],
    ),
];

/// The top-level modules a source text names through `crate::`, single or grouped
/// (`crate::{domain::plan, store}`).
fn imported(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_folder_imports_a_folder_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for (folder, allowed) in ALLOWED {
        let mut files = Vec::new();
        rust_files(&src.join(folder), &mut files);
        assert!(!files.is_empty(), "src/{folder} holds code");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("source is UTF-8");
            for module in imported(&text) {
                seen.insert(module.clone());
                if module != *folder && !allowed.contains(&module.as_str()) {
                    wrong.push(format!("{} imports `{module}`", file.display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every folder of src/ is placed in a layer, so a new one cannot slip past.
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                ALLOWED.iter().any(|(f, _)| *f == name),
                "src/{name} is not placed in a layer"
            );
        }
    }
    assert!(
        seen.contains("domain") && seen.contains("store"),
        "{seen:?}"
    );
}

#[test]
fn grouped_and_single_imports_are_both_read() {
    let names = imported("use crate::{domain::plan, store};\nlet x = crate::export::render();");
    let expected: BTreeSet<String> = ["domain", "store", "export"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, expected);
}
