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

/// The folders of `src/tui/` that are screens. None imports another; the parts they share
/// (`SHARED`) import none of them.
const SCREENS: &[&str] = &["meeting", "setup", "case", "caseload"];
/// What every screen may use: the run loop, the keymap and the widgets.
const SHARED: &[&str] = &["terminal.rs", "keymap.rs", "widgets"];

/// The module path of a source file under `src/`: `tui/meeting/view/mod.rs` is
/// `["tui", "meeting", "view"]`.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// The folders (or files) of `src/tui/` a source text names, through `crate::tui::…` (single
/// or grouped) or through a chain of `super::` that climbs to `tui` from `module`.
fn tui_imported(text: &str, module: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = text;
    while let Some(i) = rest.find("crate::tui::") {
        rest = &rest[i + "crate::tui::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            out.extend(group[..end].split(',').map(ident).filter(|n| !n.is_empty()));
        } else {
            out.insert(ident(rest));
        }
    }
    out.remove("");
    let mut rest = text;
    while let Some(i) = rest.find("super::") {
        // Only the start of a chain: `super::super::x` counts once, from its first `super`.
        let before = &rest[..i];
        let starts_chain = !before.ends_with("::");
        rest = &rest[i..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        if starts_chain && ups < module.len() {
            let mut target: Vec<String> = module[..module.len() - ups].to_vec();
            target.push(ident(rest));
            if target.len() >= 2 && target[0] == "tui" && !target[1].is_empty() {
                out.insert(target[1].clone());
            }
        }
    }
    out
}

#[test]
fn no_screen_imports_another_and_the_shared_parts_import_no_screen() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let tui = src.join("tui");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for part in SCREENS.iter().chain(SHARED) {
        let mut files = Vec::new();
        let path = tui.join(part);
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path);
        }
        assert!(!files.is_empty(), "src/tui/{part} holds code");
        let own = part.trim_end_matches(".rs");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("source is UTF-8");
            let module = module_of(file.strip_prefix(&src).expect("under src/"));
            for name in tui_imported(&text, &module) {
                if name != own && SCREENS.contains(&name.as_str()) {
                    wrong.push(format!("{} imports the {name} screen", file.display()));
                } else if !SHARED.iter().any(|s| s.trim_end_matches(".rs") == name) && name != own {
                    // `crate::tui::Model` and the like: names the root re-exports for `cli`.
                    wrong.push(format!(
                        "{} imports `tui::{name}`, which is neither its own nor shared",
                        file.display()
                    ));
                }
            }
            checked += 1;
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked > 20, "only {checked} files read");
    // Every folder of src/tui/ is a screen or shared, so a new one cannot slip past.
    for entry in std::fs::read_dir(&tui).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let placed = SCREENS.contains(&name.as_str()) || SHARED.contains(&name.as_str());
        assert!(
            placed || name == "mod.rs" || name.ends_with(".yaml"),
            "src/tui/{name} is neither a screen nor shared"
        );
    }
}

#[test]
fn screen_imports_are_read_through_crate_paths_and_super_chains() {
    let module: Vec<String> = ["tui", "case", "view"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let text = "use crate::tui::{widgets::field, meeting::steps};\n\
                use super::super::setup::Model;\nuse super::edit::Editing;\n\
                let x = crate::tui::keymap::Mode::Global;";
    let names = tui_imported(text, &module);
    let expected: BTreeSet<String> = ["widgets", "meeting", "setup", "case", "keymap"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, expected);
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

// ---------------------------------------------------------------------------------------------
// No import loops inside a folder.
//
// A module of `domain/`, `store/`, `export/`, `cases/`, `agenda/` or `tui/` may not reach,
// through the modules it names (`crate::a::b`, `super::b`, `self::b`, a child `b::` named from
// its parent, and through a `use` to the module that defines the name), back to itself. A
// `pub use` only passes a name on and ties nothing itself. Methods called on a value name no
// module, so an `impl` in another module than its type is not seen. A loop
// means neither module can be read, tested or moved without the other: one of them holds
// something that belongs to the other, or to a third below both.
//
// Test modules (`#[cfg(test)] mod …`) are left out, as nothing imports them.

/// The folders whose modules may not import each other round in a loop.
const NO_LOOPS_IN: &[&str] = &["domain", "store", "export", "cases", "agenda", "tui"];

/// The source with comments, string and character literals blanked (newlines kept, so a byte
/// offset still gives its line).
fn code_only(text: &str) -> String {
    let s: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let next = s.get(i + 1).copied();
        let ident_before = i > 0 && (s[i - 1].is_alphanumeric() || s[i - 1] == '_');
        if c == '/' && next == Some('/') {
            while i < s.len() && s[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(s[i]));
                    i += 1;
                }
            }
        } else if !ident_before && (c == 'r' || (c == 'b' && next == Some('r'))) && {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            while s.get(j) == Some(&'#') {
                j += 1;
            }
            s.get(j) == Some(&'"')
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while s[j] == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                if j >= s.len() {
                    break;
                }
                if s[j] == '"' && (0..hashes).all(|h| s.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.extend(s[i..j.min(s.len())].iter().map(|&c| blank(c)));
            i = j;
        } else if c == '"' {
            let mut j = i + 1;
            while j < s.len() && s[j] != '"' {
                j += if s[j] == '\\' { 2 } else { 1 };
            }
            j = (j + 1).min(s.len());
            out.extend(s[i..j].iter().map(|&c| blank(c)));
            i = j;
        } else if c == '\'' && next == Some('\\') {
            // An escaped character literal: '\n', '\'', '\u{…}'.
            let mut j = i + 2;
            j += 1;
            while j < s.len() && s[j] != '\'' {
                j += 1;
            }
            j = (j + 1).min(s.len());
            out.extend(s[i..j].iter().map(|&c| blank(c)));
            i = j;
        } else if c == '\'' && s.get(i + 2) == Some(&'\'') {
            out.push_str("   ");
            i += 3;
        } else {
            // Anything else, lifetimes included.
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths of a use tree or path starting at `at` (just after its first `::`, or at its
/// first name): `a::{b, c::{d, e as f}, self}` gives `a::b`, `a::c::d`, `a::c::e`, `a::self`.
fn paths_at(code: &[char], at: &mut usize) -> Vec<Vec<String>> {
    let skip_ws = |at: &mut usize| {
        while *at < code.len() && code[*at].is_whitespace() {
            *at += 1;
        }
    };
    skip_ws(at);
    if code.get(*at) == Some(&'{') {
        *at += 1;
        let mut out = Vec::new();
        loop {
            skip_ws(at);
            match code.get(*at) {
                None => break,
                Some('}') => {
                    *at += 1;
                    break;
                }
                Some(',') => *at += 1,
                Some(_) => {
                    let before = *at;
                    out.extend(paths_at(code, at));
                    if *at == before {
                        *at += 1;
                    }
                }
            }
        }
        return out;
    }
    let start = *at;
    while *at < code.len() && is_ident(code[*at]) {
        *at += 1;
    }
    let name: String = code[start..*at].iter().collect();
    if name.is_empty() {
        if code.get(*at) == Some(&'*') {
            *at += 1;
            return vec![vec!["*".to_string()]];
        }
        return vec![Vec::new()];
    }
    let after = *at;
    skip_ws(at);
    if code.get(*at) == Some(&':') && code.get(*at + 1) == Some(&':') {
        *at += 2;
        let mut out = paths_at(code, at);
        for p in &mut out {
            p.insert(0, name.clone());
        }
        return out;
    }
    *at = after;
    // `name as alias`: the alias is kept as a last segment "=alias".
    let mut look = after;
    while look < code.len() && code[look].is_whitespace() {
        look += 1;
    }
    if code[look..].starts_with(&['a', 's'])
        && code.get(look + 2).is_some_and(|c| c.is_whitespace())
    {
        let mut end = look + 2;
        while end < code.len() && code[end].is_whitespace() {
            end += 1;
        }
        let alias_start = end;
        while end < code.len() && is_ident(code[end]) {
            end += 1;
        }
        let alias: String = code[alias_start..end].iter().collect();
        *at = end;
        return vec![vec![name, format!("={alias}")]];
    }
    vec![vec![name]]
}

/// One module of a folder: where its file is, its path (`store::files::owner_only`), its code
/// without test modules, and the child modules it declares.
struct Module {
    file: std::path::PathBuf,
    path: Vec<String>,
    code: Vec<char>,
    /// The byte ranges of inline (non-test) `mod name { … }` blocks, with their names.
    inline: Vec<(usize, usize, String)>,
    children: Vec<String>,
}

/// The code with every `#[cfg(test)] mod name { … }` blanked, and the other inline modules.
fn without_test_modules(code: &mut [char]) -> Vec<(usize, usize, String)> {
    let mut inline = Vec::new();
    let mut i = 0;
    while i + 4 < code.len() {
        let starts =
            code[i..].starts_with(&['m', 'o', 'd', ' ']) && (i == 0 || !is_ident(code[i - 1]));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 4;
        while j < code.len() && code[j].is_whitespace() {
            j += 1;
        }
        let name_start = j;
        while j < code.len() && is_ident(code[j]) {
            j += 1;
        }
        let name: String = code[name_start..j].iter().collect();
        while j < code.len() && code[j].is_whitespace() {
            j += 1;
        }
        if code.get(j) != Some(&'{') {
            i = j;
            continue;
        }
        let mut depth = 0;
        let mut end = j;
        while end < code.len() {
            match code[end] {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end += 1;
                        break;
                    }
                }
                _ => {}
            }
            end += 1;
        }
        // The attributes just before `mod`: back to the end of the item before it.
        let item_start = code[..i]
            .iter()
            .rposition(|&c| c == ';' || c == '}' || c == '{')
            .map_or(0, |p| p + 1);
        let attributes: String = code[item_start..i].iter().collect();
        if attributes.replace(' ', "").contains("cfg(test)") {
            for c in &mut code[i..end] {
                if *c != '\n' {
                    *c = ' ';
                }
            }
        } else {
            inline.push((j, end, name));
        }
        i = j + 1;
    }
    inline
}

fn modules_of(src: &Path, folder: &str) -> Vec<Module> {
    let mut files = Vec::new();
    rust_files(&src.join(folder), &mut files);
    // A `#[path = "x.rs"] mod name;` gives that file the declared name.
    let mut named = std::collections::BTreeMap::new();
    let mut tests: Vec<Vec<String>> = Vec::new();
    let mut modules = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("source is UTF-8");
        let mut code: Vec<char> = code_only(&text).chars().collect();
        let inline = without_test_modules(&mut code);
        let relative = file.strip_prefix(src).unwrap().with_extension("");
        let mut path: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if path.last().is_some_and(|l| l == "mod") {
            path.pop();
        }
        // The child modules it declares, with the files a `#[path]` gives them.
        let flat: String = code.iter().collect();
        let mut children = Vec::new();
        let mut pending_path: Option<String> = None;
        let mut pending_test = false;
        for (line_code, line_text) in flat.lines().zip(text.lines()) {
            if let Some(rest) = line_text.trim().strip_prefix("#[path = \"") {
                pending_path = rest.split('"').next().map(str::to_string);
            }
            if line_code.replace(' ', "").contains("#[cfg(test)]") {
                pending_test = true;
            }
            let words: Vec<&str> = line_code.split_whitespace().collect();
            let declared = match words.as_slice() {
                ["mod", name] | ["pub", "mod", name] | ["pub(crate)", "mod", name] => {
                    name.strip_suffix(';')
                }
                _ => None,
            };
            if let Some(name) = declared {
                let mut child = path.clone();
                child.push(name.to_string());
                if let Some(p) = pending_path.take() {
                    named.insert(file.parent().unwrap().join(p), child.clone());
                }
                if std::mem::take(&mut pending_test) {
                    tests.push(child);
                } else {
                    children.push(name.to_string());
                }
            } else if !line_code.trim().is_empty() && !line_code.trim().starts_with("#[") {
                pending_test = false;
                pending_path = None;
            }
        }
        modules.push(Module {
            file: file.clone(),
            path,
            code,
            inline,
            children,
        });
    }
    for m in &mut modules {
        if let Some(path) = named.get(&m.file) {
            m.path = path.clone();
        }
    }
    // A test module in a file of its own (`#[cfg(test)] mod tests;`) is not part of the graph.
    modules.retain(|m| !tests.iter().any(|t| m.path.starts_with(t)));
    modules
}

/// An import inside a folder: from module, to module, and where it is written.
struct Import {
    from: usize,
    to: usize,
    line: usize,
    written: String,
}

fn imports_within(modules: &[Module]) -> Vec<Import> {
    let index: std::collections::BTreeMap<Vec<String>, usize> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.path.clone(), i))
        .collect();
    // The names a module brings in with `use` (its children may name them through it, and
    // with `pub use` anyone), with the path each comes from; and the modules it takes all of.
    let mut brought: Vec<std::collections::BTreeMap<String, Vec<String>>> = Vec::new();
    let mut globs: Vec<Vec<Vec<String>>> = Vec::new();
    for m in modules {
        let mut names = std::collections::BTreeMap::new();
        let mut all = Vec::new();
        for at in word_starts(&m.code, "use ") {
            let mut i = at + "use ".len();
            for p in paths_at(&m.code, &mut i) {
                let Some(mut absolute) = absolute_path(m, at, &p) else {
                    continue;
                };
                // The name it is known by: its alias, its last segment, or with `self` the one
                // before.
                let name = p
                    .iter()
                    .rev()
                    .find(|s| s.as_str() != "self" && !s.is_empty())
                    .map(|s| s.trim_start_matches('='));
                match name {
                    Some("*") => {
                        absolute.pop();
                        all.push(absolute);
                    }
                    Some(name) if name != "crate" && name != "super" => {
                        names.insert(name.to_string(), absolute);
                    }
                    _ => {}
                }
            }
        }
        brought.push(names);
        globs.push(all);
    }
    let resolve = |mut path: Vec<String>| -> Option<usize> {
        for _ in 0..8 {
            let (k, at) = (1..=path.len())
                .rev()
                .find_map(|k| index.get(&path[..k]).map(|&at| (k, at)))?;
            let Some(name) = path.get(k).filter(|n| *n != "*") else {
                return Some(at);
            };
            let from = match brought[at].get(name) {
                Some(from) => from.clone(),
                // A name the module does not define may come with a glob (`pub use x::*`).
                None if !defines(&modules[at].code, name) && !globs[at].is_empty() => {
                    globs[at][0].clone()
                }
                None => return Some(at),
            };
            let mut next = from;
            if brought[at].contains_key(name) {
                next.extend(path[k + 1..].iter().cloned());
            } else {
                next.extend(path[k..].iter().cloned());
            }
            path = next;
        }
        None
    };
    let mut out = Vec::new();
    for (from, m) in modules.iter().enumerate() {
        let mut starts: Vec<usize> = Vec::new();
        for first in ["crate", "super", "self"]
            .iter()
            .map(|s| s.to_string())
            .chain(m.children.iter().cloned())
        {
            starts.extend(word_starts(&m.code, &format!("{first}::")));
        }
        // A `pub use` only passes a name on: whoever names it through this module is taken to
        // where it is defined (above), so the re-export itself ties nothing.
        let passing_on: Vec<(usize, usize)> = word_starts(&m.code, "use ")
            .into_iter()
            .filter(|&at| {
                let before: String = m.code[at.saturating_sub(16)..at].iter().collect();
                let before = before.trim_end();
                before.ends_with("pub") || before.ends_with(')') && before.contains("pub(")
            })
            .map(|at| {
                let end = m.code[at..]
                    .iter()
                    .position(|&c| c == ';')
                    .map_or(m.code.len(), |e| at + e);
                (at, end)
            })
            .collect();
        for at in starts {
            if passing_on.iter().any(|&(a, b)| (a..b).contains(&at)) {
                continue;
            }
            let mut i = at;
            for p in paths_at(&m.code, &mut i) {
                let Some(absolute) = absolute_path(m, at, &p) else {
                    continue;
                };
                if absolute.first() != m.path.first() {
                    continue;
                }
                let Some(to) = resolve(absolute) else {
                    continue;
                };
                if to != from {
                    out.push(Import {
                        from,
                        to,
                        line: m.code[..at].iter().filter(|&&c| c == '\n').count() + 1,
                        written: p.join("::"),
                    });
                }
            }
        }
    }
    out
}

/// Where `word` starts in the code, not inside a longer name or path (`x::word` is not).
fn word_starts(code: &[char], word: &str) -> Vec<usize> {
    let word: Vec<char> = word.chars().collect();
    (0..code.len())
        .filter(|&i| code[i..].starts_with(&word))
        .filter(|&i| i == 0 || !(is_ident(code[i - 1]) || code[i - 1] == ':'))
        .collect()
}

/// Whether the module's code defines an item called `name`.
fn defines(code: &[char], name: &str) -> bool {
    [
        "fn", "struct", "enum", "const", "static", "type", "trait", "mod", "union",
    ]
    .iter()
    .any(|kind| {
        word_starts(code, &format!("{kind} {name}"))
            .into_iter()
            .any(|i| {
                let end = i + kind.len() + 1 + name.chars().count();
                code.get(end).is_none_or(|&c| !is_ident(c))
            })
    })
}

/// A path as written in module `m` at `at` (a char offset), made absolute from the crate root;
/// `None` for a path into another crate.
fn absolute_path(m: &Module, at: usize, path: &[String]) -> Option<Vec<String>> {
    let mut here = m.path.clone();
    for (start, end, name) in &m.inline {
        if (*start..*end).contains(&at) {
            here.push(name.clone());
        }
    }
    let (first, rest) = path.split_first()?;
    let mut out = match first.as_str() {
        "crate" => Vec::new(),
        "super" => {
            let mut up = here.clone();
            up.pop();
            up
        }
        "self" => here.clone(),
        child if m.children.contains(&child.to_string()) => {
            let mut down = m.path.clone();
            down.push(child.to_string());
            down
        }
        _ => return None,
    };
    for segment in rest {
        match segment.as_str() {
            "super" => {
                out.pop();
            }
            "self" | "" => {}
            s if s.starts_with('=') => {}
            s => out.push(s.to_string()),
        }
    }
    Some(out)
}

/// The loops among `n` modules joined by `edges`: each strongly connected group of more than one
/// module, in order of its smallest member.
fn loops(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let reach = |from: usize| {
        let mut seen = vec![false; n];
        let mut stack = vec![from];
        while let Some(at) = stack.pop() {
            for &(a, b) in edges {
                if a == at && !seen[b] {
                    seen[b] = true;
                    stack.push(b);
                }
            }
        }
        seen
    };
    let reaches: Vec<Vec<bool>> = (0..n).map(reach).collect();
    let mut placed = vec![false; n];
    let mut out = Vec::new();
    for a in 0..n {
        if placed[a] || !reaches[a][a] {
            continue;
        }
        let group: Vec<usize> = (0..n).filter(|&b| reaches[a][b] && reaches[b][a]).collect();
        for &b in &group {
            placed[b] = true;
        }
        if group.len() > 1 {
            out.push(group);
        }
    }
    out
}

/// The shortest way round from `start` back to itself through `group`.
fn shortest_loop(start: usize, group: &[usize], edges: &[(usize, usize)]) -> Vec<usize> {
    let mut came_from: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for &(a, b) in edges {
            if a != at || !group.contains(&b) {
                continue;
            }
            if b == start {
                let mut path = vec![start, at];
                let mut back = at;
                while back != start {
                    back = came_from[&back];
                    path.push(back);
                }
                path.reverse();
                path.pop();
                path.insert(0, start);
                path.dedup();
                path.push(start);
                return path;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = came_from.entry(b) {
                e.insert(at);
                queue.push_back(b);
            }
        }
    }
    vec![start]
}

/// The loops among a folder's modules: the modules of each, and it in words with every import
/// that ties it.
fn loops_in(src: &Path, folder: &str) -> Vec<(Vec<String>, String)> {
    let modules = modules_of(src, folder);
    let imports = imports_within(&modules);
    let edges: BTreeSet<(usize, usize)> = imports.iter().map(|i| (i.from, i.to)).collect();
    let edges: Vec<(usize, usize)> = edges.into_iter().collect();
    let name = |i: usize| modules[i].path.join("::");
    let mut found = Vec::new();
    for group in loops(modules.len(), &edges) {
        let round = shortest_loop(group[0], &group, &edges);
        let members: Vec<String> = group.iter().map(|&i| name(i)).collect();
        let mut text = format!(
            "a loop: {}",
            round
                .iter()
                .map(|&i| name(i))
                .collect::<Vec<_>>()
                .join(" → ")
        );
        text.push_str(&format!("\n  (all tied together: {})", members.join(", ")));
        // Each import between two of them, once, where it is first written.
        let mut listed = BTreeSet::new();
        for i in imports
            .iter()
            .filter(|i| group.contains(&i.from) && group.contains(&i.to))
        {
            if listed.insert((i.from, i.to)) {
                text.push_str(&format!(
                    "\n  {}:{} {} → {} (`{}`)",
                    modules[i.from].file.strip_prefix(src).unwrap().display(),
                    i.line,
                    name(i.from),
                    name(i.to),
                    i.written
                ));
            }
        }
        found.push((members, text));
    }
    found
}

#[test]
fn no_import_loops_inside_a_folder() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found: Vec<String> = NO_LOOPS_IN
        .iter()
        .flat_map(|folder| loops_in(&src, folder))
        .map(|(_, text)| text)
        .collect();
    assert!(
        found.is_empty(),
        "{} import loop(s) inside a folder; move what one module needs from the other below both, \
         or split the module:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The public types a source text defines (`pub`, `pub(crate)`, `pub(super)`… before `struct`,
/// `enum`, `union`, `trait` or `type`), each with the line it is on; comments and strings are
/// not read.
fn public_types(text: &str) -> Vec<(String, usize)> {
    let code = code_only(text);
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let mut words = line.split_whitespace().peekable();
        while let Some(word) = words.next() {
            if !(word == "pub" || word.starts_with("pub(")) {
                continue;
            }
            let Some(kind) = words.next() else { break };
            if !["struct", "enum", "union", "trait", "type"].contains(&kind) {
                continue;
            }
            let name: String = words
                .next()
                .unwrap_or_default()
                .chars()
                .take_while(|c| is_ident(*c))
                .collect();
            if !name.is_empty() {
                out.push((name, n + 1));
            }
        }
    }
    out
}

#[test]
fn public_types_are_read_in_every_form_and_not_from_comments_or_text() {
    let text = "pub struct Row {\n    a: u8,\n}\n/// pub struct Entry in a comment\n\
                pub(crate) enum Format<T> { A(T) }\nconst S: &str = \"pub struct Table\";\n\
                    pub type Span = std::ops::Range<usize>;\npub trait Screen {}\n\
                struct Private;\npub fn row() {}\n";
    let found: Vec<(String, usize)> = public_types(text);
    let expected: Vec<(String, usize)> = [("Row", 1), ("Format", 5), ("Span", 7), ("Screen", 8)]
        .into_iter()
        .map(|(n, l)| (n.to_string(), l))
        .collect();
    assert_eq!(found, expected);
}

/// One name per concept: no two public types of `src/` share a name, so a reader who meets
/// `Row` or `Format` never has to ask which one. Each names what it is (`CaseloadRow`,
/// `ChronologyRow`, `AttachmentFormat`, `ImageFormat`…), and each screen's own types carry its
/// name (`MeetingMessage`, `SetupModel`, `CaseOnYes`…).
#[test]
fn no_two_public_types_share_a_name() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut defined: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("source is UTF-8");
        let shown = file
            .strip_prefix(&src)
            .unwrap_or(file)
            .display()
            .to_string();
        for (name, line) in public_types(&text) {
            defined
                .entry(name)
                .or_default()
                .push(format!("src/{shown}:{line}"));
        }
    }
    assert!(
        defined.len() > 100,
        "the public types were read: {}",
        defined.len()
    );
    let shared: Vec<String> = defined
        .iter()
        .filter(|(_, places)| places.len() > 1)
        .map(|(name, places)| format!("`{name}` is defined at {}", places.join(", ")))
        .collect();
    assert!(
        shared.is_empty(),
        "public types sharing a name; give each the name of what it is:\n{}",
        shared.join("\n")
    );
}
