//! Keys, by mode and action name, from the embedded `keymap.yaml` with the user's own file merged
//! over it. Actions are named, so the footer and the help are built from the same table the
//! keys are read from, and nothing about keys is scattered in the update code.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;

use crate::store::keymap_file::KeymapFile;

pub const DEFAULT_KEYMAP: &str = include_str!("keymap.yaml");

/// Where keys are read, from the most specific to the least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    Form,
    List,
    Text,
    Overlay,
    Help,
    Confirm,
    Picker,
    Ticks,
    /// The question at the close: a field of plan.yaml changed by hand and by the meeting.
    CloseConflict,
    /// The case screen's panes (`coregroup case`).
    Case,
    /// A form over the case screen.
    CaseForm,
    /// The caseload screen (`coregroup caseload`).
    Caseload,
}

impl Mode {
    /// The modes of the meeting screen, which its help lists.
    pub const MEETING: [Mode; 10] = [
        Mode::Global,
        Mode::Form,
        Mode::Picker,
        Mode::List,
        Mode::Text,
        Mode::Overlay,
        Mode::Help,
        Mode::Confirm,
        Mode::Ticks,
        Mode::CloseConflict,
    ];

    pub const ALL: [Mode; 13] = [
        Mode::Global,
        Mode::Form,
        Mode::Picker,
        Mode::List,
        Mode::Text,
        Mode::Overlay,
        Mode::Help,
        Mode::Confirm,
        Mode::Ticks,
        Mode::CloseConflict,
        Mode::Case,
        Mode::CaseForm,
        Mode::Caseload,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Form => "form",
            Mode::List => "list",
            Mode::Text => "text",
            Mode::Overlay => "overlay",
            Mode::Help => "help",
            Mode::Confirm => "confirm",
            Mode::Picker => "picker",
            Mode::Ticks => "ticks",
            Mode::CloseConflict => "close_conflict",
            Mode::Case => "case_screen",
            Mode::CaseForm => "case_form",
            Mode::Caseload => "caseload",
        }
    }

    /// A heading for the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Anywhere",
            Mode::Form => "On a choice, tick box or button",
            Mode::List => "On a list",
            Mode::Text => "In a text field (other keys type; paste works)",
            Mode::Overlay => "In a form over the step",
            Mode::Help => "In this help",
            Mode::Confirm => "In a question",
            Mode::Picker => {
                "On a choice or the list of steps (letters find, digits pick by number)"
            }
            Mode::Ticks => "In a list of ticks (c ticks confidential, 1–9 tick their line)",
            Mode::CloseConflict => "In the question at the close (plan.yaml changed by hand too)",
            Mode::Case => "On the case screen",
            Mode::CaseForm => "In a form over the case (other keys type)",
            Mode::Caseload => "On the caseload (other keys filter)",
        }
    }
}

macro_rules! actions {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// Everything a key can ask for.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum KeyCommand { $($variant),* }

        impl KeyCommand {
            pub const ALL: &'static [KeyCommand] = &[$(KeyCommand::$variant),*];
            pub fn name(self) -> &'static str {
                match self { $(KeyCommand::$variant => $name),* }
            }
            pub fn from_name(name: &str) -> Option<KeyCommand> {
                match name { $($name => Some(KeyCommand::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    Help => "help",
    NextStep => "next_step",
    PrevStep => "prev_step",
    CaptureAction => "capture_action",
    CaptureDisagreement => "capture_disagreement",
    CaptureCircumstance => "capture_circumstance",
    CaptureNote => "capture_note",
    Privacy => "privacy",
    Quit => "quit",
    NextField => "next_field",
    PrevField => "prev_field",
    Left => "left",
    Right => "right",
    Up => "up",
    Down => "down",
    PageUp => "page_up",
    PageDown => "page_down",
    Toggle => "toggle",
    Activate => "activate",
    Add => "add",
    Remove => "remove",
    MarkPresent => "mark_present",
    MarkApologies => "mark_apologies",
    MarkAbsent => "mark_absent",
    MovePoint => "move_point",
    Undo => "undo",
    Redo => "redo",
    WordLeft => "word_left",
    WordRight => "word_right",
    DeleteWord => "delete_word",
    DeleteToStart => "delete_to_start",
    Save => "save",
    Cancel => "cancel",
    Close => "close",
    Yes => "yes",
    No => "no",
    StepList => "step_list",
    GoToStep => "go_to_step",
    Restore => "restore",
    DetailUp => "detail_up",
    DetailDown => "detail_down",
    NextPane => "next_pane",
    PrevPane => "prev_pane",
    ShowPane => "show_pane",
    Top => "top",
    Bottom => "bottom",
    LogEvent => "log_event",
    EditPlan => "edit_plan",
    MemberJoins => "member_joins",
    MemberLeaves => "member_leaves",
    LeadWorker => "lead_worker",
    WithdrawEntry => "withdraw_entry",
    OpenCase => "open_case",
    OpenMeeting => "open_meeting",
    ClearFilter => "clear_filter",
    KeepHand => "keep_hand",
    TakeMeeting => "take_meeting",
}

/// A key with its modifiers, as written in the keymap file (`ctrl-a`, `alt-right`, `f8`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chord {
    pub code: ChordKey,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// A copy of the key codes we bind, so chords can be ordered and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChordKey {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

const NAMED: &[(&str, ChordKey)] = &[
    ("enter", ChordKey::Enter),
    ("esc", ChordKey::Esc),
    ("tab", ChordKey::Tab),
    ("backtab", ChordKey::BackTab),
    ("backspace", ChordKey::Backspace),
    ("delete", ChordKey::Delete),
    ("insert", ChordKey::Insert),
    ("up", ChordKey::Up),
    ("down", ChordKey::Down),
    ("left", ChordKey::Left),
    ("right", ChordKey::Right),
    ("home", ChordKey::Home),
    ("end", ChordKey::End),
    ("pageup", ChordKey::PageUp),
    ("pagedown", ChordKey::PageDown),
    ("space", ChordKey::Char(' ')),
];

/// Why a key as written in a keymap does not read; the text is quoted as written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChordError {
    /// `f0`, `f13`: a function key past the keyboard's.
    #[error("`{0}`: function keys run from f1 to f12")]
    FunctionKey(String),
    /// No key of that name, nor one character.
    #[error("`{0}` is not a key I know")]
    Unknown(String),
}

impl Chord {
    pub fn parse(text: &str) -> Result<Chord, ChordError> {
        let mut chord = Chord {
            code: ChordKey::Esc,
            ctrl: false,
            alt: false,
            shift: false,
        };
        let mut rest = text.trim();
        // A lone "-" is the minus key, not a separator.
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                chord.ctrl = true;
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                chord.alt = true;
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                chord.shift = true;
            } else {
                break;
            }
            rest = &rest[rest.find('-').map_or(0, |i| i + 1)..];
        }
        let lower = rest.to_ascii_lowercase();
        chord.code = if let Some((_, k)) = NAMED.iter().find(|(n, _)| *n == lower) {
            *k
        } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return Err(ChordError::FunctionKey(text.to_string()));
            }
            ChordKey::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => ChordKey::Char(if chord.ctrl || chord.alt {
                    c.to_ascii_lowercase()
                } else {
                    c
                }),
                _ => return Err(ChordError::Unknown(text.to_string())),
            }
        };
        // Shift-tab is what terminals send as back-tab: one key, however it is written.
        if chord.code == ChordKey::Tab && chord.shift {
            chord.code = ChordKey::BackTab;
            chord.shift = false;
        }
        Ok(chord)
    }

    /// The key as a short hint shows it: arrows as arrows, the page keys as PgUp and PgDn.
    pub fn glyph(&self) -> String {
        let plain = !(self.ctrl || self.alt || self.shift);
        match self.code {
            ChordKey::Up if plain => "↑".into(),
            ChordKey::Down if plain => "↓".into(),
            ChordKey::Left if plain => "←".into(),
            ChordKey::Right if plain => "→".into(),
            ChordKey::PageUp if plain => "PgUp".into(),
            ChordKey::PageDown if plain => "PgDn".into(),
            _ => self.to_string(),
        }
    }

    /// A key that types a character in a text field: a character or space with no modifier but
    /// shift.
    pub fn types_a_character(&self) -> bool {
        matches!(self.code, ChordKey::Char(_)) && !self.ctrl && !self.alt
    }

    /// Why a terminal cannot send this chord as itself, if it cannot: what it sends instead
    /// (`ctrl-m` is Enter, `ctrl-i` Tab, `ctrl-[` Esc, `ctrl-h` Backspace on some terminals), or
    /// that the key never reaches a program at all (`shift-a`: the character is `A`). A key
    /// bound to such a chord would never do what the keymap says, and one that was the only way
    /// out would trap the user.
    pub fn indistinct(&self) -> Option<String> {
        use ChordKey::*;
        let sends = |what: &str| Some(format!("terminals send it as {what}"));
        match self.code {
            Char(c) if self.shift => Some(format!(
                "shift with a character is the character itself (write `{}`)",
                c.to_uppercase()
            )),
            Char(c) if self.ctrl => match c {
                'm' => sends("enter"),
                'i' => sends("tab"),
                '[' | '3' => sends("esc"),
                'h' => sends("backspace on some terminals"),
                '8' | '?' => sends("backspace"),
                '2' | '@' => sends("ctrl-space"),
                '\\' => sends("ctrl-4"),
                ']' => sends("ctrl-5"),
                '^' => sends("ctrl-6"),
                '_' | '/' => sends("ctrl-7"),
                'a'..='z' | ' ' | '4'..='7' => None,
                _ => {
                    Some("terminals send nothing of their own for it (often the plain key)".into())
                }
            },
            Enter | Tab | Backspace | Esc if self.ctrl => sends(&format!(
                "the plain {}",
                Chord {
                    ctrl: false,
                    ..*self
                }
            )),
            Esc if self.alt => sends("esc"),
            Enter | Esc | Tab | BackTab | Backspace | Delete | Insert | Home | End | PageUp
            | PageDown
                if self.shift =>
            {
                Some(match self.code {
                    Tab => "shift-tab is written `backtab`".into(),
                    _ => format!(
                        "terminals send shift with {} as the plain key",
                        Chord {
                            shift: false,
                            ..*self
                        }
                    ),
                })
            }
            _ => None,
        }
    }

    /// The chord a key event stands for; `None` for releases and keys we never bind.
    pub fn from_event(key: &KeyEvent) -> Option<Chord> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let m = key.modifiers;
        let (code, shift) = match key.code {
            // The character already carries its shift ("?" or "A").
            KeyCode::Char(c) => (
                ChordKey::Char(if m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                    c.to_ascii_lowercase()
                } else {
                    c
                }),
                false,
            ),
            KeyCode::F(n) => (ChordKey::F(n), m.contains(KeyModifiers::SHIFT)),
            KeyCode::Enter => (ChordKey::Enter, false),
            KeyCode::Esc => (ChordKey::Esc, false),
            KeyCode::Tab if m.contains(KeyModifiers::SHIFT) => (ChordKey::BackTab, false),
            KeyCode::Tab => (ChordKey::Tab, false),
            KeyCode::BackTab => (ChordKey::BackTab, false),
            KeyCode::Backspace => (ChordKey::Backspace, false),
            KeyCode::Delete => (ChordKey::Delete, false),
            KeyCode::Insert => (ChordKey::Insert, false),
            KeyCode::Up => (ChordKey::Up, m.contains(KeyModifiers::SHIFT)),
            KeyCode::Down => (ChordKey::Down, m.contains(KeyModifiers::SHIFT)),
            KeyCode::Left => (ChordKey::Left, m.contains(KeyModifiers::SHIFT)),
            KeyCode::Right => (ChordKey::Right, m.contains(KeyModifiers::SHIFT)),
            KeyCode::Home => (ChordKey::Home, false),
            KeyCode::End => (ChordKey::End, false),
            KeyCode::PageUp => (ChordKey::PageUp, false),
            KeyCode::PageDown => (ChordKey::PageDown, false),
            _ => return None,
        };
        Some(Chord {
            code,
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
            shift,
        })
    }

    /// The key event a chord stands for (tests type with it).
    pub fn to_event(self) -> KeyEvent {
        let mut m = KeyModifiers::NONE;
        if self.ctrl {
            m |= KeyModifiers::CONTROL;
        }
        if self.alt {
            m |= KeyModifiers::ALT;
        }
        if self.shift {
            m |= KeyModifiers::SHIFT;
        }
        let code = match self.code {
            ChordKey::Char(c) => KeyCode::Char(c),
            ChordKey::F(n) => KeyCode::F(n),
            ChordKey::Enter => KeyCode::Enter,
            ChordKey::Esc => KeyCode::Esc,
            ChordKey::Tab => KeyCode::Tab,
            ChordKey::BackTab => {
                m |= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            ChordKey::Backspace => KeyCode::Backspace,
            ChordKey::Delete => KeyCode::Delete,
            ChordKey::Insert => KeyCode::Insert,
            ChordKey::Up => KeyCode::Up,
            ChordKey::Down => KeyCode::Down,
            ChordKey::Left => KeyCode::Left,
            ChordKey::Right => KeyCode::Right,
            ChordKey::Home => KeyCode::Home,
            ChordKey::End => KeyCode::End,
            ChordKey::PageUp => KeyCode::PageUp,
            ChordKey::PageDown => KeyCode::PageDown,
        };
        KeyEvent::new(code, m)
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            ChordKey::Char(' ') => f.write_str("space"),
            // What is written on the keys, not crossterm's name for it.
            ChordKey::BackTab => f.write_str("shift-tab"),
            ChordKey::Char(c) => write!(f, "{c}"),
            ChordKey::F(n) => write!(f, "F{n}"),
            other => {
                let name = NAMED
                    .iter()
                    .find(|(_, k)| *k == other)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBinding {
    #[serde(default)]
    keys: Option<Vec<String>>,
    #[serde(default)]
    desc: Option<String>,
}

type FileKeymap = BTreeMap<String, BTreeMap<String, FileBinding>>;

/// One action's keys in one mode.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub action: KeyCommand,
    pub keys: Vec<Chord>,
    pub desc: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Keymap {
    /// Per mode, in the file's order, so help lists them as written.
    modes: BTreeMap<Mode, Vec<Binding>>,
}

/// A keymap file that cannot be used, with what to do about it: a file that does not read, or
/// each problem of its keys, one a line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error(transparent)]
    Load(#[from] crate::store::LoadError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Problems(Vec<KeyProblem>),
}

/// One problem of a keymap's keys; `at` is the file (with the line where known) or the
/// keymap's source as it names itself.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyProblem {
    #[error(
        "{at}: unknown mode `{mode}` (the modes are {})",
        Mode::ALL.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ")
    )]
    UnknownMode { at: String, mode: String },
    #[error(
        "{at}: unknown action `{action}` in `{mode}` (the actions are {})",
        KeyCommand::ALL.iter().map(|a| a.name()).collect::<Vec<_>>().join(", ")
    )]
    UnknownAction {
        at: String,
        mode: String,
        action: String,
    },
    #[error("{at}: {mode}.{action}: {error} (write keys like ctrl-a, alt-right, f8, enter, space)")]
    BadKey {
        at: String,
        mode: String,
        action: String,
        error: ChordError,
    },
    /// One key for two actions of a mode.
    #[error(
        "the key {key} is bound to both `{}` and `{}` in `{}`",
        .first.name(),
        .second.name(),
        .mode.name()
    )]
    Twice {
        key: Chord,
        first: KeyCommand,
        second: KeyCommand,
        mode: Mode,
    },
    /// A key that types a character, taken where text is typed.
    #[error(
        "{at}: the key `{key}` is bound to `{}` in `{}`, which works while \
         typing, so `{key}` could never be typed {typed_into}\n  hint: use a key \
         with ctrl or alt, or a function key (like ctrl-x or f10); plain keys may \
         be bound in `form`, `list` and `case_screen`",
        .action.name(),
        .mode.name()
    )]
    TypesACharacter {
        at: String,
        key: Chord,
        action: KeyCommand,
        mode: Mode,
        typed_into: &'static str,
    },
    /// A key a terminal cannot send as itself; `why` as [`Chord::indistinct`] says it.
    #[error(
        "{at}: the key `{key}` is bound to `{}` in `{}`, but {why}, so it \
         cannot be pressed as itself\n  hint: use a key terminals send \
         distinctly: ctrl with a letter (not h, i or m), alt with a \
         character, or a function key (like ctrl-x or f10)",
        .action.name(),
        .mode.name()
    )]
    Indistinct {
        at: String,
        key: Chord,
        action: KeyCommand,
        mode: Mode,
        why: String,
    },
    #[error(
        "{at}: no key leaves the meeting from every field: `quit` in `global` has no \
         key that `form`, `list` or `text` does not take for something else\n  hint: \
         give `quit` a key of its own, like `global: {{ quit: {{ keys: [ctrl-x, f10] }} }}`"
    )]
    NoQuit { at: String },
    /// A screen or dialog with no key out.
    #[error(
        "{at}: `{}` in `{}` has no key, so there would be no way out of it\n  \
         hint: give it a key, or leave it out of your file to keep the built-in one",
        .action.name(),
        .mode.name()
    )]
    NoWayOut {
        at: String,
        action: KeyCommand,
        mode: Mode,
    },
}

fn problems(problems: Vec<KeyProblem>) -> Result<(), KeymapError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(KeymapError::Problems(problems))
    }
}

/// The line (from 1) of `action` in the `mode` section of a keymap file's text, found by its
/// keys as written (block or flow style at the top level), for errors that name a line.
fn line_of(text: &str, mode: Mode, action: KeyCommand) -> Option<usize> {
    let mut in_mode = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let top = !line.starts_with([' ', '\t']);
        if top {
            in_mode = trimmed
                .strip_prefix(mode.name())
                .is_some_and(|rest| rest.trim_start().starts_with(':'));
        }
        if in_mode {
            let named = |t: &str| {
                t.strip_prefix(action.name())
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            };
            if (!top && named(trimmed))
                || line
                    .match_indices(action.name())
                    .any(|(at, _)| top && named(&line[at..]))
            {
                return Some(i + 1);
            }
        }
    }
    None
}

impl Keymap {
    /// The keymap we ship.
    pub fn default_keymap() -> Keymap {
        // The embedded file is checked by a test; an empty map is a safe fallback regardless.
        Keymap::parse(DEFAULT_KEYMAP, None).unwrap_or(Keymap {
            modes: BTreeMap::new(),
        })
    }

    /// The default with the user's file (text and where it came from) merged over it: an action
    /// named there replaces its keys and/or description in that mode.
    pub fn parse(default: &str, user: Option<(&str, &Path)>) -> Result<Keymap, KeymapError> {
        let mut map = Keymap {
            modes: BTreeMap::new(),
        };
        map.merge(default, "the built-in keymap", true)?;
        let source = match user {
            Some((text, path)) => {
                let source = crate::text::sanitize(&path.display().to_string()).into_owned();
                map.merge(text, &source, false)?;
                source
            }
            None => "the built-in keymap".to_string(),
        };
        map.check_duplicates()?;
        map.check_safe(&source, user.map(|(text, _)| text))?;
        // Help lists actions in a fixed, sensible order whatever order the files use.
        for list in map.modes.values_mut() {
            list.sort_by_key(|b| b.action);
        }
        Ok(map)
    }

    /// The default with a keymap file merged over it (`None`: the default alone). The file is
    /// read by `store::keymap_file`; nothing here touches the disk.
    pub fn with_file(file: Option<&KeymapFile>) -> Result<Keymap, KeymapError> {
        match file {
            Some(f) => Keymap::parse(DEFAULT_KEYMAP, Some((&f.text, &f.path))),
            None => Ok(Keymap::default_keymap()),
        }
    }

    /// The config folder's `keymap.yaml`, if there is one, merged over the default: what every
    /// screen and `check` use.
    pub fn load_user() -> Result<Keymap, KeymapError> {
        let file = crate::store::keymap_file::user()?;
        Keymap::with_file(file.as_ref())
    }

    fn merge(&mut self, text: &str, source: &str, is_default: bool) -> Result<(), KeymapError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let file: FileKeymap = crate::store::yaml::parse_str(text, Path::new(source))?;
        let mut problems = Vec::new();
        for (mode_name, actions) in file {
            let Some(mode) = Mode::ALL.iter().copied().find(|m| m.name() == mode_name) else {
                problems.push(KeyProblem::UnknownMode {
                    at: source.to_string(),
                    mode: mode_name,
                });
                continue;
            };
            for (action_name, binding) in actions {
                let Some(action) = KeyCommand::from_name(&action_name) else {
                    problems.push(KeyProblem::UnknownAction {
                        at: source.to_string(),
                        mode: mode_name.clone(),
                        action: action_name,
                    });
                    continue;
                };
                let mut keys = Vec::new();
                for k in binding.keys.iter().flatten() {
                    match Chord::parse(k) {
                        Ok(c) => keys.push(c),
                        Err(error) => problems.push(KeyProblem::BadKey {
                            at: source.to_string(),
                            mode: mode_name.clone(),
                            action: action_name.clone(),
                            error,
                        }),
                    }
                }
                let list = self.modes.entry(mode).or_default();
                match list.iter_mut().find(|b| b.action == action) {
                    Some(existing) => {
                        if binding.keys.is_some() {
                            existing.keys = keys;
                        }
                        if let Some(desc) = binding.desc {
                            existing.desc = desc;
                        }
                    }
                    None if is_default || binding.desc.is_some() || binding.keys.is_some() => list
                        .push(Binding {
                            action,
                            keys,
                            desc: binding
                                .desc
                                .unwrap_or_else(|| action.name().replace('_', " ")),
                        }),
                    None => {}
                }
            }
        }
        self::problems(problems)
    }

    fn check_duplicates(&self) -> Result<(), KeymapError> {
        let mut problems = Vec::new();
        for (mode, bindings) in &self.modes {
            let mut seen: BTreeMap<Chord, KeyCommand> = BTreeMap::new();
            for b in bindings {
                for k in &b.keys {
                    if let Some(other) = seen.insert(*k, b.action)
                        && other != b.action
                    {
                        problems.push(KeyProblem::Twice {
                            key: *k,
                            first: other,
                            second: b.action,
                            mode: *mode,
                        });
                    }
                }
            }
        }
        self::problems(problems)
    }

    /// A keymap must always let the user out, and never take a key that types a character
    /// where text is typed: a text field reads `text`, then `overlay` over it, then `global`;
    /// a form over the case reads `case_form` (where only a tick box's `toggle` may take one,
    /// since it works only there); the caseload's letters filter. `user` is the user's file, to
    /// name the line of what is refused.
    fn check_safe(&self, source: &str, user: Option<&str>) -> Result<(), KeymapError> {
        let mut problems = Vec::new();
        let at = |mode: Mode, action: KeyCommand| match user.and_then(|t| line_of(t, mode, action))
        {
            Some(line) => format!("{source}:{line}"),
            None => source.to_string(),
        };
        for (mode, typed_into) in [
            (Mode::Global, "in a note"),
            (Mode::Text, "in a note"),
            (Mode::Overlay, "in a note"),
            (Mode::CaseForm, "in a form"),
            (Mode::Caseload, "into the filter"),
        ] {
            for b in self.bindings(mode) {
                if mode == Mode::CaseForm && b.action == KeyCommand::Toggle {
                    continue;
                }
                for k in b.keys.iter().filter(|k| k.types_a_character()) {
                    problems.push(KeyProblem::TypesACharacter {
                        at: at(mode, b.action),
                        key: *k,
                        action: b.action,
                        mode,
                        typed_into,
                    });
                }
            }
        }
        // A key a terminal cannot send as itself never does what it is bound to.
        for mode in Mode::ALL {
            for b in self.bindings(mode) {
                for k in &b.keys {
                    if let Some(why) = k.indistinct() {
                        problems.push(KeyProblem::Indistinct {
                            at: at(mode, b.action),
                            key: *k,
                            action: b.action,
                            mode,
                            why,
                        });
                    }
                }
            }
        }
        // Leaving must work from every field; a key taken by the field's own mode does not.
        let quits_everywhere = self
            .bindings(Mode::Global)
            .iter()
            .filter(|b| b.action == KeyCommand::Quit)
            .flat_map(|b| &b.keys)
            .any(|k| {
                [Mode::Form, Mode::List, Mode::Text]
                    .iter()
                    .all(|m| self.lookup(&[*m, Mode::Global], k) == Some(KeyCommand::Quit))
            });
        if !quits_everywhere {
            problems.push(KeyProblem::NoQuit {
                at: at(Mode::Global, KeyCommand::Quit),
            });
        }
        // Every screen and dialog must have a way out.
        for (mode, action) in [
            (Mode::Overlay, KeyCommand::Cancel),
            (Mode::Help, KeyCommand::Close),
            (Mode::Confirm, KeyCommand::Yes),
            (Mode::Confirm, KeyCommand::No),
            (Mode::CloseConflict, KeyCommand::Cancel),
            (Mode::Case, KeyCommand::Quit),
            (Mode::CaseForm, KeyCommand::Cancel),
            (Mode::Caseload, KeyCommand::Quit),
        ] {
            if self.key_for(mode, action).is_none() {
                problems.push(KeyProblem::NoWayOut {
                    at: at(mode, action),
                    action,
                    mode,
                });
            }
        }
        self::problems(problems)
    }

    /// The action a key asks for in the first of `modes` that binds it.
    pub fn lookup(&self, modes: &[Mode], chord: &Chord) -> Option<KeyCommand> {
        modes.iter().find_map(|m| {
            self.modes
                .get(m)?
                .iter()
                .find(|b| b.keys.contains(chord))
                .map(|b| b.action)
        })
    }

    /// Which of its keys an action was asked for with (alt-3 is the third of `go_to_step`).
    pub fn key_index(&self, mode: Mode, action: KeyCommand, chord: &Chord) -> Option<usize> {
        self.bindings(mode)
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.iter().position(|k| k == chord))
    }

    pub fn bindings(&self, mode: Mode) -> &[Binding] {
        self.modes.get(&mode).map_or(&[], |v| v.as_slice())
    }

    /// The first key of an action in a mode, for hints like "F2 save".
    pub fn key_for(&self, mode: Mode, action: KeyCommand) -> Option<Chord> {
        self.bindings(mode)
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first().copied())
    }

    /// "F2" or "—" when an action has no key in that mode.
    pub fn key_label(&self, mode: Mode, action: KeyCommand) -> String {
        self.key_for(mode, action)
            .map_or_else(|| "(no key)".to_string(), |c| c.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_keymap_parses_and_binds_the_capture_chords() {
        let k = Keymap::parse(DEFAULT_KEYMAP, None).expect("default keymap");
        let chord = Chord::parse("ctrl-a").expect("chord");
        assert_eq!(
            k.lookup(&[Mode::Global], &chord),
            Some(KeyCommand::CaptureAction)
        );
        // Every mode has at least one key, so help is never empty.
        for mode in Mode::ALL {
            assert!(!k.bindings(mode).is_empty(), "{}", mode.name());
        }
    }

    fn refused(user: &str) -> String {
        Keymap::parse(DEFAULT_KEYMAP, Some((user, Path::new("/cfg/keymap.yaml"))))
            .expect_err(user)
            .to_string()
    }

    #[test]
    fn a_printable_key_where_text_is_typed_is_refused_with_the_file_the_key_and_a_hint() {
        for (user, key, action) in [
            ("global:\n  quit: { keys: [a] }\n", "`a`", "quit"),
            (
                "global:\n  next_step: { keys: [shift-n] }\n",
                "`shift-n`",
                "next_step",
            ),
            ("text:\n  undo: { keys: [\"?\"] }\n", "`?`", "undo"),
            ("overlay:\n  save: { keys: [space] }\n", "`space`", "save"),
        ] {
            let e = refused(user);
            assert!(e.contains("/cfg/keymap.yaml"), "{e}");
            assert!(e.contains(key) && e.contains(action), "{e}");
            assert!(e.contains("hint:"), "{e}");
        }
        // Plain keys in lists and forms are fine; so are chords with ctrl or alt.
        let ok =
            "list:\n  mark_present: { keys: [y] }\nglobal:\n  next_step: { keys: [alt-n, f8] }\n";
        Keymap::parse(DEFAULT_KEYMAP, Some((ok, Path::new("keymap.yaml")))).expect("usable");
    }

    #[test]
    fn a_key_terminals_cannot_send_as_itself_is_refused_with_its_line() {
        for (user, key, says) in [
            (
                "global:\n  quit: { keys: [ctrl-m] }\n",
                "ctrl-m",
                "as enter",
            ),
            (
                "global:\n  quit: { keys: [ctrl-x, ctrl-i] }\n",
                "ctrl-i",
                "as tab",
            ),
            (
                "case_screen:\n  quit: { keys: [\"ctrl-[\"] }\n",
                "ctrl-[",
                "as esc",
            ),
            (
                "caseload:\n  quit: { keys: [ctrl-h] }\n",
                "ctrl-h",
                "backspace",
            ),
            (
                "list:\n  add: { keys: [shift-a] }\n",
                "shift-a",
                "write `A`",
            ),
            (
                "form:\n  activate: { keys: [ctrl-enter] }\n",
                "ctrl-enter",
                "plain enter",
            ),
            (
                "global:\n  help: { keys: [ctrl-1] }\n",
                "ctrl-1",
                "nothing of their own",
            ),
        ] {
            let e = refused(user);
            assert!(e.contains(&format!("the key `{key}`")), "{user}: {e}");
            assert!(e.contains(says), "{user}: {e}");
            assert!(e.contains("keymap.yaml:2:"), "{user}: {e}");
            assert!(e.contains("hint:"), "{user}: {e}");
        }
        // What terminals do send apart is taken.
        for user in [
            "global:\n  quit: { keys: [ctrl-q, ctrl-j, ctrl-space, alt-m, f10, ctrl-f2] }\n",
            "list:\n  add: { keys: [A, shift-right, alt-enter] }\n",
        ] {
            let path = Path::new("/config/keymap.yaml");
            assert!(
                Keymap::parse(DEFAULT_KEYMAP, Some((user, path))).is_ok(),
                "{user}"
            );
        }
    }

    #[test]
    fn a_keymap_with_no_way_out_is_refused() {
        for user in [
            "global:\n  quit: { keys: [] }\n",
            // The only quit key is taken while typing.
            "global:\n  quit: { keys: [ctrl-x] }\ntext:\n  delete_word: { keys: [ctrl-x] }\n",
            "confirm:\n  no: { keys: [] }\n",
            "help:\n  close: { keys: [] }\n",
            "overlay:\n  cancel: { keys: [] }\n",
        ] {
            let e = refused(user);
            assert!(e.contains("/cfg/keymap.yaml") && e.contains("hint:"), "{e}");
        }
    }

    #[test]
    fn a_user_file_replaces_keys_of_the_actions_it_names() {
        let user = "global:\n  capture_action: { keys: [f3] }\n";
        let k = Keymap::parse(DEFAULT_KEYMAP, Some((user, Path::new("keymap.yaml")))).expect("map");
        let f3 = Chord::parse("f3").expect("f3");
        let ctrl_a = Chord::parse("ctrl-a").expect("ctrl-a");
        assert_eq!(
            k.lookup(&[Mode::Global], &f3),
            Some(KeyCommand::CaptureAction)
        );
        assert_eq!(k.lookup(&[Mode::Global], &ctrl_a), None);
        // The description is kept from the default.
        let b = k
            .bindings(Mode::Global)
            .iter()
            .find(|b| b.action == KeyCommand::CaptureAction)
            .expect("binding");
        assert_eq!(b.desc, "add an action");
    }

    #[test]
    fn the_user_keymap_is_read_from_the_config_folder_given() {
        let dir = tempfile::tempdir().expect("temp dir");
        let f3 = Chord::parse("f3").expect("f3");
        // No keymap.yaml there yet: the default.
        let k = crate::store::keymap_file::in_config(Some(dir.path()))
            .map_err(KeymapError::from)
            .and_then(|f| Keymap::with_file(f.as_ref()))
            .expect("default");
        assert_eq!(k.lookup(&[Mode::Global], &f3), None);
        std::fs::write(
            dir.path().join("keymap.yaml"),
            "global:\n  capture_action: { keys: [f3] }\n",
        )
        .expect("write keymap");
        let k = crate::store::keymap_file::in_config(Some(dir.path()))
            .map_err(KeymapError::from)
            .and_then(|f| Keymap::with_file(f.as_ref()))
            .expect("user keymap");
        assert_eq!(
            k.lookup(&[Mode::Global], &f3),
            Some(KeyCommand::CaptureAction)
        );
        // A broken file names itself rather than being ignored.
        std::fs::write(dir.path().join("keymap.yaml"), "global:\n  nope: 1\n").expect("write");
        let err = crate::store::keymap_file::in_config(Some(dir.path()))
            .map_err(KeymapError::from)
            .and_then(|f| Keymap::with_file(f.as_ref()))
            .expect_err("broken keymap");
        assert!(err.to_string().contains("keymap.yaml"), "{err}");
    }

    #[test]
    fn unknown_action_names_and_keys_are_clear_errors() {
        let user =
            "global:\n  capture_actoin: { keys: [f3] }\nform:\n  toggle: { keys: [hyper-x] }\n";
        let err = Keymap::parse(DEFAULT_KEYMAP, Some((user, Path::new("/cfg/keymap.yaml"))))
            .expect_err("bad map");
        assert!(
            err.to_string().contains("unknown action `capture_actoin`"),
            "{err}"
        );
        assert!(err.to_string().contains("/cfg/keymap.yaml"), "{err}");
        assert!(err.to_string().contains("`hyper-x` is not a key"), "{err}");
        let err = Keymap::parse(DEFAULT_KEYMAP, Some(("sideways: {}\n", Path::new("k"))))
            .expect_err("bad mode");
        assert_eq!(
            err,
            KeymapError::Problems(vec![KeyProblem::UnknownMode {
                at: "k".into(),
                mode: "sideways".into()
            }])
        );
        assert!(
            err.to_string()
                .starts_with("k: unknown mode `sideways` (the modes are global, "),
            "{err}"
        );
    }

    #[test]
    fn a_key_bound_twice_in_a_mode_is_refused() {
        let user = "global:\n  capture_note: { keys: [ctrl-a] }\n";
        let err = Keymap::parse(DEFAULT_KEYMAP, Some((user, Path::new("k")))).expect_err("dup");
        assert!(err.to_string().contains("ctrl-a"), "{err}");
        let KeymapError::Problems(problems) = &err else {
            panic!("{err:?}");
        };
        assert!(
            problems.iter().any(|p| matches!(
                p,
                KeyProblem::Twice { key, mode: Mode::Global, .. } if key.to_string() == "ctrl-a"
            )),
            "{problems:?}"
        );
    }

    #[test]
    fn the_case_and_caseload_sections_are_checked_like_the_meetings_with_the_line() {
        for (user, line) in [
            // No way out of the case screen, its forms or the caseload.
            ("case_screen:\n  quit: { keys: [] }\n", ":2"),
            ("case_screen: { quit: { keys: [] } }\n", ":1"),
            (
                "case_form:\n  save: { keys: [f2] }\n  cancel: { keys: [] }\n",
                ":3",
            ),
            ("caseload:\n  quit: { keys: [] }\n", ":2"),
            // A letter that could then never be typed in a form or the filter.
            ("case_form:\n  next_field: { keys: [n] }\n", ":2"),
            ("# mine\ncaseload:\n  open_case: { keys: [o] }\n", ":3"),
        ] {
            let e = refused(user);
            assert!(
                e.contains(&format!("/cfg/keymap.yaml{line}: ")),
                "{user}: {e}"
            );
            assert!(e.contains("hint:"), "{e}");
        }
        // Letters are fine on the case screen itself, and for a tick box's toggle.
        let ok = "case_screen:\n  log_event: { keys: [n] }\ncase_form:\n  toggle: { keys: [x] }\n";
        Keymap::parse(DEFAULT_KEYMAP, Some((ok, Path::new("keymap.yaml")))).expect("usable");
    }

    #[test]
    fn a_key_that_does_not_read_says_why_in_its_own_words() {
        assert_eq!(
            Chord::parse("f13"),
            Err(ChordError::FunctionKey("f13".into()))
        );
        assert_eq!(
            Chord::parse("f13").unwrap_err().to_string(),
            "`f13`: function keys run from f1 to f12"
        );
        assert_eq!(
            Chord::parse("ctrl-hyper"),
            Err(ChordError::Unknown("ctrl-hyper".into()))
        );
        assert_eq!(
            Chord::parse(" ctrl-hyper").unwrap_err().to_string(),
            "` ctrl-hyper` is not a key I know"
        );
        let user = "form:\n  toggle: { keys: [f0] }\n";
        let err = Keymap::parse(DEFAULT_KEYMAP, Some((user, Path::new("k")))).expect_err("f0");
        assert!(
            err.to_string().contains(
                "form.toggle: `f0`: function keys run from f1 to f12 (write keys like ctrl-a"
            ),
            "{err}"
        );
    }

    #[test]
    fn chords_round_trip_through_key_events() {
        for text in [
            "ctrl-a",
            "alt-right",
            "f8",
            "?",
            "space",
            "backtab",
            "shift-tab",
            "+",
            "-",
            "enter",
        ] {
            let c = Chord::parse(text).expect(text);
            assert_eq!(Chord::from_event(&c.to_event()), Some(c), "{text}");
        }
        // Written either way it is one key, and help shows it as it is written on the keyboard.
        let back = Chord::parse("backtab").expect("backtab");
        assert_eq!(Chord::parse("shift-tab").expect("shift-tab"), back);
        assert_eq!(back.to_string(), "shift-tab");
        assert_eq!(Chord::parse("-").expect("minus").code, ChordKey::Char('-'));
    }
}
