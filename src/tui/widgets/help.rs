//! The `?` help every screen opens: a box over the screen with a page of keys, section by
//! section, that scrolls (its position at the bottom right, "12–30 of 48"). A screen only says
//! what is on the page ([`HelpPage`], built from its keymap modes); this draws it and scrolls it
//! with the keymap's `help` keys ([`Help::act`]).

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::layout::{centred, position, safe};
use super::theme::Theme;
use super::wrap::wrap_line;
use crate::tui::keymap::{Binding, Chord, ChordKey, KeyCommand, Keymap, Mode};

/// The last line of every help page.
pub const FOOTNOTE: &str = "Keys can be changed in keymap.yaml in your config folder.";

/// The widest the help's box grows.
const WIDTH: u16 = 76;
/// The keys' column, after the two spaces a row starts with.
const KEYS: usize = 24;

/// A heading and its rows of (keys, what they do).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpSection {
    pub title: String,
    pub rows: Vec<(String, String)>,
}

impl HelpSection {
    pub fn new(title: impl Into<String>) -> HelpSection {
        HelpSection {
            title: title.into(),
            rows: Vec::new(),
        }
    }

    /// A row of its own: keys that are not in the keymap ("letters, backspace").
    pub fn row(mut self, keys: impl Into<String>, what: impl Into<String>) -> HelpSection {
        self.rows.push((keys.into(), what.into()));
        self
    }

    /// Every key of `mode` as the keymap has it, under the mode's own heading.
    pub fn of_mode(keymap: &Keymap, mode: Mode) -> HelpSection {
        let mut s = HelpSection::new(mode.title());
        s.rows = keymap
            .bindings(mode)
            .iter()
            .map(|b| (keys_label(&b.keys), b.desc.clone()))
            .collect();
        s
    }

    /// The keys of `actions` in `mode`, in that order, each row as `describe` writes it
    /// (usually `keys_label` of its keys and its description).
    pub fn of_actions(
        keymap: &Keymap,
        mode: Mode,
        title: impl Into<String>,
        actions: &[KeyCommand],
        describe: impl Fn(&Binding) -> (String, String),
    ) -> HelpSection {
        let mut s = HelpSection::new(title);
        s.rows = actions
            .iter()
            .filter_map(|a| keymap.bindings(mode).iter().find(|b| b.action == *a))
            .map(describe)
            .collect();
        s
    }
}

/// An action's keys as the help writes them: up to three; more, the ends of a run of
/// characters ("alt-1 … alt-9") or the first three and "…".
pub fn keys_label(keys: &[Chord]) -> String {
    let glyphs = |keys: &[Chord]| keys.iter().map(Chord::glyph).collect::<Vec<_>>().join(", ");
    match keys {
        [] => "(no key)".into(),
        [first, .., last] if keys.len() > 3 => {
            let run = keys.iter().all(|k| {
                matches!(k.code, ChordKey::Char(_)) && (k.ctrl, k.alt) == (first.ctrl, first.alt)
            });
            if run {
                format!("{} … {}", first.glyph(), last.glyph())
            } else {
                format!("{} …", glyphs(&keys[..3]))
            }
        }
        _ => glyphs(keys),
    }
}

/// What one screen's help says: a heading, a paragraph, the keys that work where the user is,
/// then those that work elsewhere on the screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpPage {
    pub title: String,
    pub intro: Option<String>,
    pub here: Vec<HelpSection>,
    pub elsewhere: Vec<HelpSection>,
}

/// The help while it is open: how far it is scrolled, and how far it can be, as last drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Help {
    pub scroll: u16,
    /// The furthest scroll that still fills the box, and the rows a page holds, set by `draw`.
    last: Cell<u16>,
    page: Cell<u16>,
}

impl Default for Help {
    fn default() -> Help {
        Help::new()
    }
}

impl Help {
    pub fn new() -> Help {
        Help {
            scroll: 0,
            // Until it is drawn, nothing is known to stop it.
            last: Cell::new(u16::MAX),
            page: Cell::new(10),
        }
    }

    /// A key of the keymap's `help` section: the help scrolled, or `false` when it closes.
    pub fn act(&mut self, a: KeyCommand) -> bool {
        let (last, page) = (self.last.get(), self.page.get().max(1));
        self.scroll = match a {
            KeyCommand::Close | KeyCommand::Help => return false,
            KeyCommand::Up => self.scroll.saturating_sub(1),
            KeyCommand::Down => self.scroll.saturating_add(1),
            KeyCommand::PageUp => self.scroll.saturating_sub(page),
            KeyCommand::PageDown => self.scroll.saturating_add(page),
            KeyCommand::Top => 0,
            KeyCommand::Bottom => last,
            _ => self.scroll,
        }
        .min(last);
        true
    }
}

/// The page as rows of the box's inner width: every line wrapped, a key's description hanging
/// under its own column.
pub fn lines(page: &HelpPage, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    // Each line with the indent its wrapped rows hang at.
    let mut out: Vec<(Line<'static>, usize)> = vec![
        (Line::from(Span::styled(safe(&page.title), theme.title)), 0),
        (Line::from(""), 0),
    ];
    if let Some(intro) = &page.intro {
        out.push((Line::from(safe(intro)), 0));
        out.push((Line::from(""), 0));
    }
    let section = |out: &mut Vec<(Line<'static>, usize)>, s: &HelpSection| {
        out.push((Line::from(Span::styled(safe(&s.title), theme.label)), 0));
        for (keys, what) in &s.rows {
            let row = Line::from(vec![
                Span::styled(format!("  {:<KEYS$}", safe(keys)), theme.focus),
                Span::raw(safe(what)),
            ]);
            out.push((row, KEYS + 2));
        }
        out.push((Line::from(""), 0));
    };
    for s in page.here.iter().filter(|s| !s.rows.is_empty()) {
        section(&mut out, s);
    }
    let elsewhere: Vec<&HelpSection> = page
        .elsewhere
        .iter()
        .filter(|s| !s.rows.is_empty())
        .collect();
    if !elsewhere.is_empty() {
        out.push((Line::from(Span::styled("Elsewhere", theme.title)), 0));
        out.push((Line::from(""), 0));
        for s in elsewhere {
            section(&mut out, s);
        }
    }
    out.push((Line::from(Span::styled(FOOTNOTE, theme.dim)), 0));
    out.iter()
        .flat_map(|(l, indent)| wrap_line(l, width, *indent))
        .collect()
}

/// The help's box over `area`, scrolled as `help` says, its position at the bottom right.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    keymap: &Keymap,
    page: &HelpPage,
    help: &Help,
) {
    let width = area.width.min(WIDTH);
    let rows = lines(page, theme, width.saturating_sub(2));
    let total = u16::try_from(rows.len()).unwrap_or(u16::MAX);
    let rect = centred(area, width, total.saturating_add(2));
    let shown = rect.height.saturating_sub(2);
    let last = total.saturating_sub(shown);
    help.last.set(last);
    help.page.set(shown.saturating_sub(1).max(1));
    let first = help.scroll.min(last);
    let close = keymap
        .key_for(Mode::Help, KeyCommand::Close)
        .map_or_else(|| "(no key)".to_string(), |k| k.glyph());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" Help — {close} closes "),
            theme.title,
        ))
        .title_bottom(
            Line::from(Span::styled(
                format!(
                    " {} ",
                    position(usize::from(first), usize::from(shown), rows.len())
                ),
                theme.dim,
            ))
            .right_aligned(),
        )
        .style(theme.base);
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(rows).block(block).scroll((first, 0)), rect);
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::tui::widgets::theme::ThemeName;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// A frame shows the end of a help page: its last line and a position that ends there.
    pub fn shows_the_end(frame: &str) -> bool {
        let at_end = frame.lines().any(|l| {
            l.split(" of ").nth(1).is_some_and(|total| {
                let total: String = total.chars().take_while(char::is_ascii_digit).collect();
                l.contains(&format!("–{total} of {total}"))
            })
        });
        frame.contains(FOOTNOTE) && at_end
    }

    fn page(rows: usize) -> HelpPage {
        let mut s = HelpSection::new("On a list");
        for i in 0..rows {
            s = s.row(format!("k{i}"), format!("key number {i}"));
        }
        HelpPage {
            title: "Keys — a test".into(),
            intro: Some("A paragraph long enough to wrap onto a second row of the box at 80 columns, and then some.".into()),
            here: vec![s],
            elsewhere: vec![HelpSection::new("Empty")],
        }
    }

    fn frame(help: &Help, page: &HelpPage, w: u16, h: u16) -> String {
        let theme = Theme::new(ThemeName::Default);
        let keymap = Keymap::default_keymap();
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, f.area(), &theme, &keymap, page, help))
            .unwrap();
        let buf = t.backend().buffer();
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn every_row_is_reached_and_scrolling_stops_at_the_last() {
        let page = page(40);
        let mut help = Help::new();
        let first = frame(&help, &page, 80, 24);
        assert!(first.contains("1–22 of"), "{first}");
        assert!(!shows_the_end(&first), "{first}");
        assert!(help.act(KeyCommand::Bottom));
        let end = frame(&help, &page, 80, 24);
        assert!(shows_the_end(&end), "{end}");
        assert!(end.contains("k39"), "{end}");
        // Past the end is the end: one key up moves one row up at once.
        let last = help.scroll;
        for _ in 0..5 {
            help.act(KeyCommand::PageDown);
        }
        assert_eq!(help.scroll, last);
        help.act(KeyCommand::Up);
        assert_eq!(help.scroll, last - 1);
        help.act(KeyCommand::Top);
        assert_eq!(help.scroll, 0);
        assert!(!help.act(KeyCommand::Close));
    }

    #[test]
    fn a_short_page_takes_a_short_box_and_an_empty_section_no_heading() {
        let page = page(2);
        let shown = frame(&Help::new(), &page, 80, 24);
        assert!(shows_the_end(&shown), "{shown}");
        assert!(
            !shown.contains("Empty") && !shown.contains("Elsewhere"),
            "{shown}"
        );
        // The wrapped paragraph is counted in rows, not lines.
        assert!(shown.contains("and then some."), "{shown}");
    }

    #[test]
    fn a_run_of_keys_is_its_ends() {
        let keys: Vec<Chord> = ["alt-1", "alt-2", "alt-3", "alt-4"]
            .iter()
            .map(|k| Chord::parse(k).unwrap())
            .collect();
        assert_eq!(keys_label(&keys), "alt-1 … alt-4");
        assert_eq!(keys_label(&keys[..2]), "alt-1, alt-2");
        assert_eq!(keys_label(&[]), "(no key)");
        // Keys of their own are not a run: the first three are named.
        let leave: Vec<Chord> = ["q", "esc", "ctrl-x", "f10"]
            .iter()
            .map(|k| Chord::parse(k).unwrap())
            .collect();
        assert_eq!(keys_label(&leave), "q, esc, ctrl-x …");
    }
}
