//! Finding agendas: the built-in ones and the user's own files in the config folder
//! (`<config>/agendas/NAME.yaml`), where a user file of the same name overrides a built-in one.
//! Errors read like plan errors: the file, the line and column or the field path, and a hint.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::builtin::BUILTIN;
use super::model::Agenda;
use crate::store::LoadError;
use crate::store::files::read_limited;
use crate::store::yaml;

/// Overrides the config folder (the base; agendas live in its `agendas/` folder). For tests and
/// for people who keep their settings somewhere else.
pub const CONFIG_ENV: &str = "COREGROUP_CONFIG_DIR";

/// The folder under the config folder that holds the user's agendas.
pub const AGENDAS_DIR: &str = "agendas";

/// Where an agenda comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    User(PathBuf),
}

impl Origin {
    /// "built in", or the user file's path.
    pub fn describe(&self) -> String {
        match self {
            Origin::BuiltIn => "built in".into(),
            Origin::User(path) => path.display().to_string(),
        }
    }
}

/// One line of `coregroup agendas`.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaEntry {
    pub name: String,
    pub title: String,
    pub description: String,
    pub origin: Origin,
    /// A user file that replaces the built-in agenda of the same name.
    pub overrides_builtin: bool,
    /// Why a user file cannot be used; it is listed rather than hidden, so it can be fixed.
    pub error: Option<String>,
}

/// The config folder: `$COREGROUP_CONFIG_DIR` when set and not empty, else the platform's.
pub fn config_dir() -> Option<PathBuf> {
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

/// Every agenda, built-in and the user's, with where each comes from.
pub fn list() -> Vec<AgendaEntry> {
    Catalog::from_env().list()
}

/// An agenda by name (`core-group`) or by path (ends with `.yaml`/`.yml` or has a slash).
pub fn load(name_or_path: &str) -> Result<Agenda, String> {
    Catalog::from_env().load(name_or_path)
}

/// Validate an agenda file: every problem, each as `file:line:column: message` or
/// `file: field.path: message`, with a hint.
pub fn check_file(path: &Path) -> Result<Agenda, Vec<String>> {
    let bytes = read_limited(path).map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => "check the path",
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "",
        };
        vec![LoadError::new(path, e.to_string(), hint).to_string()]
    })?;
    check_bytes(&bytes, path)
}

/// The YAML text of an agenda, by name (or path), as it would be loaded.
pub fn show(name: &str) -> Result<String, String> {
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
            format!(
                "{}: {}: {}\n  hint: {}",
                file.display(),
                p.path,
                p.message,
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
                origin: Origin::User(dir),
                overrides_builtin: false,
                error: Some(message),
            });
        }
        out
    }

    pub fn load(&self, name_or_path: &str) -> Result<Agenda, String> {
        if is_path(name_or_path) {
            return check_file(Path::new(name_or_path)).map_err(|e| e.join("\n"));
        }
        let (files, _) = self.user_files();
        if let Some(f) = files.iter().find(|f| f.name == name_or_path) {
            return load_user(f).map_err(|e| e.join("\n"));
        }
        match BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
            Some((name, text)) => {
                check_bytes(text.as_bytes(), &builtin_label(name)).map_err(|e| e.join("\n"))
            }
            None => Err(self.unknown(name_or_path, &files)),
        }
    }

    pub fn show(&self, name_or_path: &str) -> Result<String, String> {
        let path = if is_path(name_or_path) {
            PathBuf::from(name_or_path)
        } else {
            let (files, _) = self.user_files();
            match files.iter().find(|f| f.name == name_or_path) {
                Some(f) => f.path.clone(),
                None => {
                    return match BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
                        Some((_, text)) => Ok((*text).to_string()),
                        None => Err(self.unknown(name_or_path, &files)),
                    };
                }
            }
        };
        let bytes = read_limited(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        String::from_utf8(bytes).map_err(|_| {
            format!(
                "{}: the file is not valid UTF-8 text\n  hint: save it as UTF-8",
                path.display()
            )
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
        let entries = match std::fs::read_dir(dir) {
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
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                    x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml")
                })
            })
            .filter(|p| !p.is_dir())
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
        origin: Origin::BuiltIn,
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
        origin: Origin::User(f.path.clone()),
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
