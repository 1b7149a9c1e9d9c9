//! Finding agendas: the built-in ones and the user's own files in the config folder
//! (`<config>/agendas/NAME.yaml`), where a user file of the same name overrides a built-in one.
//! Errors read like plan errors: the file, the line and column or the field path, and a hint.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{LoadError, yaml};
use crate::agenda::BUILTIN;
use crate::domain::agenda::Agenda;
use crate::text::sanitize;

/// Overrides the config folder (the base; agendas live in its `agendas/` folder). For tests and
/// for people who keep their settings somewhere else.
pub const CONFIG_ENV: &str = "COREGROUP_CONFIG_DIR";

/// The folder under the config folder that holds the user's agendas.
pub const AGENDAS_DIR: &str = "agendas";

/// Where an agenda comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgendaSource {
    BuiltIn,
    User(PathBuf),
}

impl AgendaSource {
    /// "built in", or the user file's path.
    pub fn describe(&self) -> String {
        match self {
            AgendaSource::BuiltIn => "built in".into(),
            AgendaSource::User(path) => path.display().to_string(),
        }
    }
}

/// One line of `coregroup agendas`.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaEntry {
    pub name: String,
    pub title: String,
    pub description: String,
    pub origin: AgendaSource,
    /// A user file that replaces the built-in agenda of the same name.
    pub overrides_builtin: bool,
    /// Why a user file cannot be used; it is listed rather than hidden, so it can be fixed.
    pub error: Option<String>,
}

/// The config folder the program reads the user's settings from (agendas, `council.yaml`,
/// holidays and closures, the keymap, the caseload's roots), as [`use_config_dir`] set it.
/// Until it is set there is none: the library used by another program, or in-process by a test,
/// reads nobody's settings, so a developer's own `council.yaml` never changes what a test makes.
pub fn config_dir() -> Option<PathBuf> {
    CONFIG_DIR.get().cloned().flatten()
}

static CONFIG_DIR: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

/// Name the config folder for the rest of the run, once, before anything reads it: the command
/// line does, from [`config_dir_from_env`]. A second call changes nothing.
pub fn use_config_dir(dir: Option<PathBuf>) {
    let _ = CONFIG_DIR.set(dir);
}

/// The config folder the environment names: `$COREGROUP_CONFIG_DIR` when set and not empty,
/// else the platform's.
pub fn config_dir_from_env() -> Option<PathBuf> {
    config_dir_from(std::env::var_os(CONFIG_ENV))
}

/// [`config_dir`] given the environment variable's value, so it can be tested without touching
/// the process environment.
pub fn config_dir_from(env: Option<OsString>) -> Option<PathBuf> {
    match env {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("uk", "coregroup", "coregroup")
            .map(|p| p.config_dir().to_path_buf()),
    }
}

/// Why an agenda could not be had: each problem in full (the file, the field, a hint), one a
/// line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.join("\n"))]
pub struct AgendaError(pub Vec<String>);

impl From<String> for AgendaError {
    fn from(s: String) -> Self {
        AgendaError(vec![s])
    }
}

/// Every agenda, built-in and the user's, with where each comes from.
pub fn list() -> Vec<AgendaEntry> {
    Catalog::from_env().list()
}

/// An agenda by name (`core-group`) or by path (ends with `.yaml`/`.yml` or has a slash).
pub fn load(name_or_path: &str) -> Result<Agenda, AgendaError> {
    Catalog::from_env().load(name_or_path)
}

/// Validate an agenda file: every problem, each as `file:line:column: message` or
/// `file: field.path: message`, with a hint.
pub fn check_file(path: &Path) -> Result<Agenda, Vec<String>> {
    let bytes = yaml::read(path).map_err(|e| vec![e.to_string()])?;
    check_bytes(&bytes, path)
}

/// The YAML text of an agenda, by name (or path), as it would be loaded.
pub fn show(name: &str) -> Result<String, AgendaError> {
    Catalog::from_env().show(name)
}

/// Parse and validate agenda text; `file` only names where it came from.
pub fn check_bytes(bytes: &[u8], file: &Path) -> Result<Agenda, Vec<String>> {
    let agenda: Agenda =
        yaml::parse_bytes(bytes, file).map_err(|e| vec![with_agenda_hint(e).to_string()])?;
    let problems = agenda.problems();
    if problems.is_empty() {
        return Ok(agenda);
    }
    Err(problems
        .into_iter()
        .map(|p| {
            // The message can quote the file (its name): nothing in it may drive a terminal.
            format!(
                "{}: {}: {}\n  hint: {}",
                sanitize(&file.display().to_string()),
                p.path,
                sanitize(&p.message),
                p.hint
            )
        })
        .collect())
}

/// The shared YAML loader's hints are written for plans; agendas have their own forms.
fn with_agenda_hint(mut e: LoadError) -> LoadError {
    if e.message.contains("expected a period like") {
        e.hint = "write a whole number and a unit (working days, days, weeks or months), \
                  like `10 working days` or `6 weeks`"
            .into();
    } else if e.message.contains("missing field") {
        e.hint = "add the field; see a shipped agenda (`coregroup agendas show core-group`)".into();
    } else if e.message.contains("unknown variant") && e.message.contains("introductions") {
        e.hint = "use one of the step kinds listed above; `notes` or `checklist` hold local \
                  additions"
            .into();
    }
    e
}

fn is_path(name_or_path: &str) -> bool {
    let lower = name_or_path.to_ascii_lowercase();
    lower.ends_with(".yaml")
        || lower.ends_with(".yml")
        || name_or_path.contains('/')
        || name_or_path.contains(std::path::MAIN_SEPARATOR)
}

/// The agendas visible from one config folder.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// `<config>/agendas`, when there is a config folder at all.
    user_dir: Option<PathBuf>,
}

/// A user's agenda file, found by name.
struct UserFile {
    name: String,
    path: PathBuf,
    /// A second file claiming the same name (`x.yaml` and `x.yml`).
    duplicate_of: Option<PathBuf>,
}

impl Catalog {
    /// The catalog of a config folder (the base, which holds `agendas/`); `None` for built-ins only.
    pub fn new(config_dir: Option<&Path>) -> Catalog {
        Catalog {
            user_dir: config_dir.map(|c| c.join(AGENDAS_DIR)),
        }
    }

    pub fn from_env() -> Catalog {
        Catalog::new(config_dir().as_deref())
    }

    /// Where the user's agenda files go.
    pub fn user_dir(&self) -> Option<&Path> {
        self.user_dir.as_deref()
    }

    /// Built-in agendas in their shipped order (each replaced by a user file of the same name),
    /// then the user's own, by name.
    pub fn list(&self) -> Vec<AgendaEntry> {
        let (files, dir_error) = self.user_files();
        let mut out = Vec::new();
        for (name, text) in BUILTIN {
            match files
                .iter()
                .find(|f| f.name == *name && f.duplicate_of.is_none())
            {
                Some(f) => out.push(user_entry(f, true)),
                None => out.push(builtin_entry(name, text)),
            }
        }
        for f in &files {
            let is_builtin = BUILTIN.iter().any(|(n, _)| *n == f.name);
            if !is_builtin || f.duplicate_of.is_some() {
                out.push(user_entry(f, is_builtin));
            }
        }
        if let Some((dir, message)) = dir_error {
            out.push(AgendaEntry {
                name: String::new(),
                title: String::new(),
                description: String::new(),
                origin: AgendaSource::User(dir),
                overrides_builtin: false,
                error: Some(message),
            });
        }
        out
    }

    pub fn load(&self, name_or_path: &str) -> Result<Agenda, AgendaError> {
        if is_path(name_or_path) {
            return check_file(Path::new(name_or_path)).map_err(AgendaError);
        }
        let (files, _) = self.user_files();
        if let Some(f) = files.iter().find(|f| f.name == name_or_path) {
            return load_user(f).map_err(AgendaError);
        }
        match BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
            Some((name, text)) => {
                check_bytes(text.as_bytes(), &builtin_label(name)).map_err(AgendaError)
            }
            None => Err(self.unknown(name_or_path, &files).into()),
        }
    }

    pub fn show(&self, name_or_path: &str) -> Result<String, AgendaError> {
        let path = if is_path(name_or_path) {
            PathBuf::from(name_or_path)
        } else {
            let (files, _) = self.user_files();
            match files.iter().find(|f| f.name == name_or_path) {
                Some(f) => f.path.clone(),
                None => {
                    return match BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
                        Some((_, text)) => Ok((*text).to_string()),
                        None => Err(self.unknown(name_or_path, &files).into()),
                    };
                }
            }
        };
        let bytes = yaml::read(&path).map_err(|e| e.to_string())?;
        String::from_utf8(bytes).map_err(|_| {
            AgendaError::from(format!(
                "{}: the file is not valid UTF-8 text\n  hint: save it as UTF-8",
                path.display()
            ))
        })
    }

    fn unknown(&self, name: &str, files: &[UserFile]) -> String {
        let mut names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        for f in files {
            if !names.contains(&f.name.as_str()) {
                names.push(&f.name);
            }
        }
        let place = match &self.user_dir {
            Some(dir) => format!(
                "; to add your own, put NAME.yaml in {} or give the path of an agenda file",
                dir.display()
            ),
            None => "; or give the path of an agenda file".into(),
        };
        format!(
            "there is no agenda called `{name}`\n  hint: the agendas are {}{place}",
            names.join(", ")
        )
    }

    /// The user's agenda files, by name; and a reason if the folder could not be read.
    fn user_files(&self) -> (Vec<UserFile>, Option<(PathBuf, String)>) {
        let Some(dir) = &self.user_dir else {
            return (Vec::new(), None);
        };
        let entries = match super::files::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), None),
            Err(e) => {
                return (
                    Vec::new(),
                    Some((
                        dir.clone(),
                        format!("{}: cannot read the folder: {e}", dir.display()),
                    )),
                );
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .into_iter()
            .map(|e| e.path)
            .filter(|p| {
                p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                    x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml")
                })
            })
            .filter(|p| !super::files::is_dir(p))
            .collect();
        // Sorted so the same folder always gives the same list and the same winner.
        paths.sort();
        let mut out: Vec<UserFile> = Vec::new();
        for path in paths {
            let Some(name) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let duplicate_of = out
                .iter()
                .find(|f| f.name == name && f.duplicate_of.is_none())
                .map(|f| f.path.clone());
            out.push(UserFile {
                name,
                path,
                duplicate_of,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
        (out, None)
    }
}

fn builtin_label(name: &str) -> PathBuf {
    PathBuf::from(format!("agendas/{name}.yaml (built in)"))
}

fn builtin_entry(name: &str, text: &str) -> AgendaEntry {
    let (title, description, error) = match check_bytes(text.as_bytes(), &builtin_label(name)) {
        Ok(a) => (a.title, a.description, None),
        // Tests keep this from happening; if it does, say so rather than panic.
        Err(e) => (String::new(), String::new(), Some(e.join("\n"))),
    };
    AgendaEntry {
        name: name.to_string(),
        title,
        description,
        origin: AgendaSource::BuiltIn,
        overrides_builtin: false,
        error,
    }
}

fn user_entry(f: &UserFile, overrides_builtin: bool) -> AgendaEntry {
    let (title, description, error) = match load_user(f) {
        Ok(a) => (a.title, a.description, None),
        Err(e) => (String::new(), String::new(), Some(e.join("\n"))),
    };
    AgendaEntry {
        name: f.name.clone(),
        title,
        description,
        origin: AgendaSource::User(f.path.clone()),
        overrides_builtin: overrides_builtin && f.duplicate_of.is_none(),
        error,
    }
}

fn load_user(f: &UserFile) -> Result<Agenda, Vec<String>> {
    if let Some(first) = &f.duplicate_of {
        return Err(vec![format!(
            "{}: another file already holds the agenda `{}`: {}\n  hint: keep one of the two files",
            f.path.display(),
            f.name,
            first.display()
        )]);
    }
    let agenda = check_file(&f.path)?;
    if agenda.name != f.name {
        // The file name is what people pick it by; a different `name:` would be confusing.
        return Err(vec![format!(
            "{}: name: the file is called `{}` but its `name:` is `{}`\n  hint: rename the file to `{}.yaml` or set `name: {}`",
            f.path.display(),
            f.name,
            agenda.name,
            agenda.name,
            f.name
        )]);
    }
    Ok(agenda)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_agenda_passes_the_check_a_users_file_gets() {
        for (name, text) in BUILTIN {
            let a = check_bytes(text.as_bytes(), &builtin_label(name))
                .unwrap_or_else(|e| panic!("{name}: {}", e.join("\n")));
            assert_eq!(Ok(a), crate::agenda::shipped(name), "{name}");
        }
    }

    /// A config folder with the given agenda files in its `agendas/`.
    fn config(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let agendas = dir.path().join(AGENDAS_DIR);
        std::fs::create_dir(&agendas).expect("agendas dir");
        for (name, text) in files {
            std::fs::write(agendas.join(name), text).expect("write");
        }
        dir
    }

    fn renamed(name: &str, description: &str) -> String {
        crate::agenda::builtin("core-group")
            .expect("shipped")
            .replacen("name: core-group", &format!("name: {name}"), 1)
            .replacen(
                "description: England, meetings at least every 6 weeks, minutes within 5 working days",
                &format!("description: {description}"),
                1,
            )
    }

    #[test]
    fn without_a_config_folder_the_built_ins_are_listed_in_order() {
        let cat = Catalog::new(None);
        let list = cat.list();
        let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
        let shipped: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, shipped);
        assert!(
            list.iter()
                .all(|e| e.origin == AgendaSource::BuiltIn && e.error.is_none())
        );
        assert!(list.iter().all(|e| !e.description.is_empty()));
        // A config folder with no agendas folder is the same.
        let empty = tempfile::tempdir().expect("temp dir");
        assert_eq!(Catalog::new(Some(empty.path())).list(), list);
    }

    #[test]
    fn a_user_file_of_the_same_name_overrides_the_built_in() {
        let dir = config(&[("core-group.yaml", &renamed("core-group", "Our own default"))]);
        let cat = Catalog::new(Some(dir.path()));
        let list = cat.list();
        assert_eq!(list.len(), BUILTIN.len());
        let entry = &list[0];
        assert_eq!(entry.name, "core-group");
        assert_eq!(entry.description, "Our own default");
        assert!(entry.overrides_builtin);
        assert_eq!(
            entry.origin,
            AgendaSource::User(dir.path().join("agendas/core-group.yaml"))
        );
        assert_eq!(
            cat.load("core-group").expect("loads").description,
            "Our own default"
        );
        assert!(
            cat.show("core-group")
                .expect("shows")
                .contains("Our own default")
        );
        // Others stay built in.
        assert_eq!(list[1].origin, AgendaSource::BuiltIn);
    }

    #[test]
    fn a_user_agenda_is_listed_after_the_built_ins_and_loads_by_name_or_path() {
        let dir = config(&[
            (
                "core-group-leeds.yml",
                &renamed("core-group-leeds", "Leeds"),
            ),
            ("notes.txt", "not an agenda"),
        ]);
        let cat = Catalog::new(Some(dir.path()));
        let list = cat.list();
        assert_eq!(list.len(), BUILTIN.len() + 1);
        let last = list.last().expect("an entry");
        assert_eq!(
            (last.name.as_str(), last.description.as_str()),
            ("core-group-leeds", "Leeds")
        );
        assert!(!last.overrides_builtin && last.error.is_none());
        assert_eq!(
            cat.load("core-group-leeds").expect("by name").name,
            "core-group-leeds"
        );
        let path = dir.path().join("agendas/core-group-leeds.yml");
        let by_path = cat.load(&path.display().to_string()).expect("by path");
        assert_eq!(by_path.description, "Leeds");
    }

    #[test]
    fn a_broken_user_file_is_listed_with_its_line_and_column() {
        let text =
            renamed("core-group-mine", "Mine").replacen("kind: escalation", "kind: escalate", 1);
        let dir = config(&[("core-group-mine.yaml", &text)]);
        let cat = Catalog::new(Some(dir.path()));
        let list = cat.list();
        let entry = list
            .iter()
            .find(|e| e.name == "core-group-mine")
            .expect("listed");
        let err = entry.error.as_deref().expect("an error");
        let file = dir.path().join("agendas/core-group-mine.yaml");
        assert!(
            err.starts_with(&format!(
                "{}:76:11: steps[9].kind: unknown variant `escalate`",
                file.display()
            )),
            "{err}"
        );
        assert!(err.contains("hint:"), "{err}");
        let loaded = cat.load("core-group-mine").expect_err("does not load");
        assert_eq!(loaded.to_string(), err);
        // A broken override is not silently replaced by the built-in.
        let dir = config(&[("core-group.yaml", "name: core-group\nsteps: [\n")]);
        let cat = Catalog::new(Some(dir.path()));
        assert!(cat.list()[0].error.is_some());
        assert!(cat.load("core-group").is_err());
    }

    #[test]
    fn a_file_whose_name_differs_from_its_contents_is_an_error() {
        let dir = config(&[("leeds.yaml", &renamed("core-group-leeds", "Leeds"))]);
        let cat = Catalog::new(Some(dir.path()));
        let err = cat.load("leeds").expect_err("mismatch").to_string();
        assert!(
            err.contains("name: the file is called `leeds` but its `name:` is `core-group-leeds`"),
            "{err}"
        );
        assert!(err.contains("hint: rename the file"), "{err}");
    }

    #[test]
    fn two_files_for_one_name_are_reported() {
        let text = renamed("mine", "Mine");
        let dir = config(&[("mine.yaml", &text), ("mine.yml", &text)]);
        let cat = Catalog::new(Some(dir.path()));
        let list = cat.list();
        let mine: Vec<&AgendaEntry> = list.iter().filter(|e| e.name == "mine").collect();
        assert_eq!(mine.len(), 2);
        assert!(mine[0].error.is_none());
        assert!(
            mine[1]
                .error
                .as_deref()
                .is_some_and(|e| e.contains("another file"))
        );
        assert_eq!(cat.load("mine").expect("the first wins").name, "mine");
    }

    #[test]
    fn an_unknown_name_lists_the_agendas_there_are() {
        let dir = config(&[(
            "core-group-leeds.yaml",
            &renamed("core-group-leeds", "Leeds"),
        )]);
        let cat = Catalog::new(Some(dir.path()));
        let err = cat.load("core-grup").expect_err("unknown").to_string();
        assert!(
            err.starts_with("there is no agenda called `core-grup`"),
            "{err}"
        );
        assert!(err.contains("core-group, core-group-4-weekly"), "{err}");
        assert!(err.contains("core-group-leeds"), "{err}");
        assert!(
            err.contains(&dir.path().join("agendas").display().to_string()),
            "{err}"
        );
        assert!(cat.show("core-grup").is_err());
    }

    #[test]
    fn paths_are_told_from_names() {
        for path in ["mine.yaml", "MINE.YML", "./mine", "dir/mine"] {
            assert!(is_path(path), "{path}");
        }
        for name in ["core-group", "wales-resolution-tier1", "my_agenda"] {
            assert!(!is_path(name), "{name}");
        }
        let missing = check_file(Path::new("/nonexistent/agenda.yaml")).expect_err("missing");
        assert!(
            missing[0].starts_with("/nonexistent/agenda.yaml: "),
            "{missing:?}"
        );
        assert!(missing[0].contains("hint: check the path"), "{missing:?}");
    }

    #[test]
    fn show_gives_the_shipped_text() {
        let cat = Catalog::new(None);
        assert_eq!(
            cat.show("wales-core-group").expect("shipped"),
            crate::agenda::builtin("wales-core-group").expect("shipped")
        );
    }

    #[test]
    fn the_environment_overrides_the_config_folder() {
        assert_eq!(
            config_dir_from(Some("/tmp/cg-config".into())),
            Some(PathBuf::from("/tmp/cg-config"))
        );
        // Empty means unset, so a blank variable cannot point at the working folder.
        assert_eq!(config_dir_from(Some("".into())), config_dir_from(None));
    }

    // ---- a user's agenda with mistakes: each is named with its place and a hint ----

    fn broken(from: &str, to: &str) -> String {
        let text = crate::agenda::builtin("core-group").expect("shipped");
        assert!(text.contains(from), "{from}");
        check_bytes(
            text.replacen(from, to, 1).as_bytes(),
            Path::new("mine.yaml"),
        )
        .expect_err("broken")
        .join("\n")
    }

    #[test]
    fn an_unknown_step_kind_is_named_with_its_place_and_the_kinds_allowed() {
        let e = broken("kind: escalation", "kind: escalate");
        assert!(
            e.starts_with("mine.yaml:76:11: steps[9].kind: unknown variant `escalate`"),
            "{e}"
        );
        assert!(e.contains("`next-meeting`") && e.contains("hint:"), "{e}");
    }

    #[test]
    fn an_unknown_field_is_named_with_its_place() {
        let e = broken(
            "longer_gap_needs_countersign",
            "longer_gap_needs_countersing",
        );
        assert!(e.starts_with("mine.yaml:"), "{e}");
        assert!(
            e.contains("policy: unknown field `longer_gap_needs_countersing`"),
            "{e}"
        );
        assert!(e.contains("hint: check the spelling"), "{e}");
        let e = broken(
            "    required: true\n  - kind: attendance",
            "    requird: true\n  - kind: attendance",
        );
        assert!(
            e.contains(":35:5: steps[0]: unknown field `requird`"),
            "{e}"
        );
    }

    #[test]
    fn a_bad_period_is_named_with_its_place_and_how_to_write_one() {
        let e = broken("meeting_interval: 6 weeks", "meeting_interval: 6 weaks");
        assert!(
            e.starts_with("mine.yaml:16:21: policy.meeting_interval: expected a period like"),
            "{e}"
        );
        assert!(e.contains(r#"found "6 weaks""#), "{e}");
        assert!(e.contains("hint: write a whole number and a unit"), "{e}");
    }

    #[test]
    fn problems_after_parsing_are_listed_together_with_field_paths() {
        let text = crate::agenda::builtin("core-group")
            .expect("shipped")
            .replacen("    minutes: 25\n", "    minutes: 0\n", 1)
            .replacen("name: core-group", "name: My agenda!", 1)
            .replacen(
                "longer_gap_needs_reason: true",
                "longer_gap_needs_reason: false",
                1,
            )
            .replacen(
                "longer_gap_needs_countersign: false",
                "longer_gap_needs_countersign: true",
                1,
            );
        let e = check_bytes(text.as_bytes(), Path::new("mine.yaml")).expect_err("problems");
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(
            e[0].starts_with("mine.yaml: name: `My agenda!`"),
            "{}",
            e[0]
        );
        assert!(e[1].starts_with("mine.yaml: steps[3].minutes:"), "{}", e[1]);
        assert!(
            e[2].starts_with("mine.yaml: policy.longer_gap_needs_countersign:"),
            "{}",
            e[2]
        );
        assert!(e.iter().all(|p| p.contains("\n  hint: ")));
    }

    #[test]
    fn empty_and_tab_indented_agendas_are_refused_with_a_place() {
        let e = check_bytes(b"\n  \n", Path::new("mine.yaml")).expect_err("empty");
        assert!(e[0].contains("the file is empty"), "{e:?}");
        let e = check_bytes(
            b"name: x\nsteps:\n\t- kind: close\n",
            Path::new("mine.yaml"),
        )
        .expect_err("tab");
        assert!(e[0].starts_with("mine.yaml:3:1: a tab"), "{e:?}");
        let e = check_bytes(b"name: [", Path::new("mine.yaml")).expect_err("syntax");
        assert!(e[0].starts_with("mine.yaml:"), "{e:?}");
    }
}
