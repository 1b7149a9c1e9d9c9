//! Colours, chosen once when the screen starts. `NO_COLOR` (https://no-color.org) gives a
//! monochrome theme that marks state with bold, reverse and underline alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    Default,
    HighContrast,
    Monochrome,
}

impl ThemeName {
    pub fn parse(name: &str) -> Option<ThemeName> {
        match name {
            "default" => Some(ThemeName::Default),
            "high-contrast" => Some(ThemeName::HighContrast),
            "monochrome" | "mono" => Some(ThemeName::Monochrome),
            _ => None,
        }
    }

    /// The theme asked for, unless `NO_COLOR` is set to anything non-empty.
    pub fn respecting_no_color(self, no_color: Option<&std::ffi::OsStr>) -> ThemeName {
        match no_color {
            Some(v) if !v.is_empty() => ThemeName::Monochrome,
            _ => self,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub base: Style,
    pub header: Style,
    pub border: Style,
    pub title: Style,
    pub label: Style,
    pub dim: Style,
    pub focus: Style,
    pub selected: Style,
    pub done: Style,
    pub current: Style,
    pub missing: Style,
    pub warning: Style,
    pub error: Style,
    pub ok: Style,
    pub confidential: Style,
    pub key: Style,
}

impl Theme {
    pub fn new(name: ThemeName) -> Theme {
        match name {
            ThemeName::Default => Theme {
                base: Style::default(),
                header: Style::default().fg(Color::White).bg(Color::Blue),
                border: Style::default().fg(Color::DarkGray),
                title: Style::default().add_modifier(Modifier::BOLD),
                label: Style::default().fg(Color::Cyan),
                dim: Style::default().fg(Color::DarkGray),
                focus: Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                selected: Style::default().bg(Color::DarkGray).fg(Color::White),
                done: Style::default().fg(Color::Green),
                current: Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                missing: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                warning: Style::default().fg(Color::Yellow),
                error: Style::default().fg(Color::White).bg(Color::Red),
                ok: Style::default().fg(Color::Green),
                confidential: Style::default().fg(Color::Magenta),
                key: Style::default().fg(Color::Black).bg(Color::Cyan),
            },
            ThemeName::HighContrast => Theme {
                base: Style::default().fg(Color::White).bg(Color::Black),
                header: Style::default()
                    .fg(Color::Black)
                    .bg(Color::White)
                    .add_modifier(Modifier::BOLD),
                border: Style::default().fg(Color::White),
                title: Style::default()
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                label: Style::default()
                    .fg(Color::LightCyan)
                    .add_modifier(Modifier::BOLD),
                dim: Style::default().fg(Color::Gray),
                focus: Style::default()
                    .fg(Color::Black)
                    .bg(Color::LightYellow)
                    .add_modifier(Modifier::BOLD),
                selected: Style::default().fg(Color::Black).bg(Color::White),
                done: Style::default()
                    .fg(Color::LightGreen)
                    .add_modifier(Modifier::BOLD),
                current: Style::default()
                    .fg(Color::LightYellow)
                    .add_modifier(Modifier::BOLD),
                missing: Style::default()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
                warning: Style::default()
                    .fg(Color::Black)
                    .bg(Color::LightYellow)
                    .add_modifier(Modifier::BOLD),
                error: Style::default()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(Modifier::BOLD),
                ok: Style::default()
                    .fg(Color::LightGreen)
                    .add_modifier(Modifier::BOLD),
                confidential: Style::default()
                    .fg(Color::LightMagenta)
                    .add_modifier(Modifier::BOLD),
                key: Style::default().fg(Color::Black).bg(Color::White),
            },
            ThemeName::Monochrome => {
                let plain = Style::default();
                Theme {
                    base: plain,
                    header: plain.add_modifier(Modifier::REVERSED),
                    border: plain,
                    title: plain.add_modifier(Modifier::BOLD),
                    label: plain,
                    dim: plain,
                    focus: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                    selected: plain.add_modifier(Modifier::REVERSED),
                    done: plain,
                    current: plain.add_modifier(Modifier::BOLD),
                    missing: plain.add_modifier(Modifier::BOLD),
                    warning: plain.add_modifier(Modifier::BOLD),
                    error: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                    ok: plain,
                    confidential: plain.add_modifier(Modifier::UNDERLINED),
                    key: plain.add_modifier(Modifier::REVERSED),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_over_the_chosen_theme() {
        let set = std::ffi::OsString::from("1");
        let empty = std::ffi::OsString::new();
        assert_eq!(
            ThemeName::HighContrast.respecting_no_color(Some(&set)),
            ThemeName::Monochrome
        );
        assert_eq!(
            ThemeName::HighContrast.respecting_no_color(Some(&empty)),
            ThemeName::HighContrast
        );
        let mono = Theme::new(ThemeName::Monochrome);
        for style in [mono.missing, mono.warning, mono.header, mono.error] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
    }
}
