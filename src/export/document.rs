//! One document model that every format renders, so the Markdown and the HTML of a document
//! cannot say different things. Builders put user text in as it was typed; the renderers clean
//! and escape it, each for its own format.

/// A whole document: a title, lines under it, then sections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// Short lines under the title (the case, the plan, the children).
    pub subtitle: Vec<Inline>,
    /// A handling marking shown at the top (and in the print header of the HTML).
    pub marking: String,
    pub sections: Vec<Section>,
    /// Who issues it (the council), as the reader's view names it: in a Word file's properties.
    pub author: String,
    /// The day it is about (the meeting's, the report's), never the clock's.
    pub date: Option<chrono::NaiveDate>,
}

/// The marking of every document written for a family member, and of the note or letter that
/// goes with it: it says whose it is in plain words, and a document carrying it prints large
/// ([`Document::is_for_family`]).
pub const FAMILY_MARKING: &str =
    "PRIVATE \u{2013} for you. This is about your family. Please keep it somewhere safe.";

impl Document {
    /// Every word the document shows, without emphasis: title, lines under it, headings and
    /// blocks, each piece on a line of its own.
    pub fn all_text(&self) -> String {
        let mut out = vec![self.title.clone()];
        out.extend(self.subtitle.iter().map(Inline::plain));
        for s in &self.sections {
            out.push(s.heading.clone());
            for b in &s.blocks {
                match b {
                    Block::Heading(h) => out.push(h.clone()),
                    Block::Para(i) | Block::Notice(i) => out.push(i.plain()),
                    Block::Fields(f) => {
                        out.extend(f.iter().map(|(l, v)| format!("{l} {}", v.plain())))
                    }
                    Block::Table(t) => {
                        out.extend(t.head.iter().cloned());
                        out.extend(t.rows.iter().flatten().map(Inline::plain));
                    }
                    Block::Bullets(items) => out.extend(items.iter().map(Inline::plain)),
                    Block::Signature(sig) => {
                        out.push(sig.who.clone());
                        out.extend(sig.agreed.iter().map(Inline::plain));
                    }
                    Block::Chart(_) => {}
                    Block::Letterhead(l) => {
                        out.extend(l.from.iter().cloned());
                        out.extend(l.return_address.iter().cloned());
                        out.extend(l.to.iter().cloned());
                        out.extend(l.details.iter().map(|(k, v)| format!("{k} {v}")));
                    }
                }
            }
        }
        out.join("\n")
    }

    /// Written for a family member to read: printed at 12 pt (the professionals' at 10.5 pt).
    pub fn is_for_family(&self) -> bool {
        self.marking == FAMILY_MARKING
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
    /// Marked out visibly, and in print started on a new page so it can be taken out.
    pub confidential: bool,
    /// Started on a new page in print (a page to sign and send back).
    pub new_page: bool,
    /// Kept on one page in print, when it fits: short and read as one (whom to ring).
    pub together: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading inside a section.
    Heading(String),
    Para(Inline),
    /// Labelled values, such as the meeting's date and venue.
    Fields(Vec<(String, Inline)>),
    Table(Table),
    Bullets(Vec<Inline>),
    /// Something the reader must not miss.
    Notice(Inline),
    /// One person's part of a written agreement, kept together on a page: who, what they
    /// agreed to do, and labelled blank spaces to write in by hand ("Signed", "Date").
    Signature(Signature),
    /// A small line chart of scores. Drawn in HTML only: a table beside it always carries the
    /// same numbers, so the text formats leave it out.
    Chart(Chart),
    /// The head of a letter that can be posted: who sends it and where to return it, and whom
    /// it is to, placed (in print) to show through a DL window envelope.
    Letterhead(Letterhead),
}

/// The largest a letterhead's picture is drawn, in millimetres: as wide as this, or less
/// where it would otherwise reach down to the envelope's window.
pub const PICTURE_WIDTH_MM: f64 = 40.0;
pub const PICTURE_HEIGHT_MM: f64 = 20.0;

/// The head of a letter. The HTML prints `to` in the window of a DL envelope
/// (`html::WINDOW_LEFT_MM`, `html::WINDOW_TOP_MM`); the text formats list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letterhead {
    /// The council's picture, at the top left above everything else.
    pub picture: Option<crate::domain::picture::Picture>,
    /// The council's name, then the letterhead's lines.
    pub from: Vec<String>,
    /// The return address, one line each.
    pub return_address: Vec<String>,
    /// The recipient's name, then their postal address, one line each (or how it is delivered).
    pub to: Vec<String>,
    /// Beside the address: the date and the reference.
    pub details: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub who: String,
    pub agreed: Vec<Inline>,
    pub lines: Vec<String>,
}

/// Which issue of the minutes this is: a draft until it is circulated, then final.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub version: u32,
    /// The day it was circulated, once that is logged.
    pub circulated: Option<chrono::NaiveDate>,
    /// The day the first final version went out: the agreements count from it.
    pub first_circulated: Option<chrono::NaiveDate>,
    /// Every version so far in words (`domain::circulation::History::lines`), as `status` and
    /// the case screen give it; empty when not known.
    pub history: Vec<String>,
}

impl Issue {
    /// The issue written at the close: the first draft.
    pub const FIRST_DRAFT: Issue = Issue {
        version: 1,
        circulated: None,
        first_circulated: None,
        history: Vec::new(),
    };

    /// The issue of minutes circulated on `days` (oldest first, each once): a draft until the
    /// first, then final, one version for each day they went out, dated the latest.
    pub fn circulated_on(days: &[chrono::NaiveDate]) -> Issue {
        match days.last() {
            None => Issue::FIRST_DRAFT,
            Some(&last) => Issue {
                version: u32::try_from(days.len()).unwrap_or(u32::MAX),
                circulated: Some(last),
                first_circulated: days.first().copied(),
                history: Vec::new(),
            },
        }
    }

    /// The issue the history describes, with the history in words.
    pub fn of(history: &crate::domain::circulation::History) -> Issue {
        Issue {
            version: history.latest().map_or(1, |v| v.number),
            circulated: history.latest().map(|v| v.on),
            first_circulated: history.first(),
            history: history.lines(true),
        }
    }

    pub fn line(&self) -> String {
        match self.circulated {
            None => format!("Draft, version {}: not yet circulated", self.version),
            Some(d) if self.version > 1 => format!(
                "Final, version {}, re-issued on {}",
                self.version,
                super::wording::long_date(d)
            ),
            Some(d) => format!(
                "Final, version {}, circulated on {}",
                self.version,
                super::wording::long_date(d)
            ),
        }
    }

    /// [`Issue::line`] in the family's copy's plain words.
    pub fn plain_line(&self) -> String {
        match self.circulated {
            None => format!("Draft, version {}: not sent out yet", self.version),
            Some(d) => format!(
                "Final, version {}, sent out on {}",
                self.version,
                super::wording::long_date(d)
            ),
        }
    }
}

/// Points on a 0..=`max` scale, left to right, each with its label (a date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    pub max: u8,
    pub points: Vec<(String, u8)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<Inline>>,
}

impl Table {
    /// The number of columns: the heading's, or the widest row's.
    pub fn columns(&self) -> usize {
        self.head
            .len()
            .max(self.rows.iter().map(Vec::len).max().unwrap_or(0))
    }

    /// Each column's share of the width, in percent (summing to 100), from what it holds:
    /// first room for its longest word (Word keeps fixed widths and would break a word that does
    /// not fit), then the rest shared by how long its cells usually are, so a long text cannot
    /// squeeze a column of names into broken words.
    pub fn widths(&self) -> Vec<u32> {
        // The longest cell, in characters, kept on one line where there is room.
        const KEPT_WHOLE: usize = 16;
        // A column of long texts keeps at least this share before short cells are kept whole.
        const LONG_TEXT: u32 = 25;
        let cols = self.columns();
        if cols == 0 {
            return Vec::new();
        }
        // About 1.2% of an A4 page's text width per character, and two for padding.
        let share = |chars: usize| u32::try_from((chars.min(30) + 2) * 6 / 5).unwrap_or(40);
        let columns: Vec<Column> = (0..cols)
            .map(|c| {
                let head = self.head.get(c).map(String::as_str).unwrap_or("");
                let cells: Vec<String> = self
                    .rows
                    .iter()
                    .map(|r| r.get(c).map(Inline::plain).unwrap_or_default())
                    .collect();
                let words = |t: &str| {
                    t.split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0)
                };
                let longest_word = cells
                    .iter()
                    .map(|c| words(c))
                    .chain([words(head)])
                    .max()
                    .unwrap_or(0);
                // A short cell (a date, a name) is best whole: "Wed 11 Nov 2026" broken over
                // three lines reads as three things. Its spaces and figures are wider than a
                // word's letters at the family copy's 12 pt: two more characters of room.
                let whole = cells
                    .iter()
                    .map(|c| c.chars().count())
                    .filter(|&n| n <= KEPT_WHOLE)
                    .max()
                    .map_or(0, |n| n + 2);
                let usual = if cells.is_empty() {
                    head.chars().count()
                } else {
                    cells.iter().map(|c| c.chars().count()).sum::<usize>() / cells.len()
                };
                Column {
                    words: share(longest_word),
                    whole: share(longest_word.max(whole)),
                    long: usual > 2 * KEPT_WHOLE,
                    weight: u32::try_from(usual.clamp(4, 60)).unwrap_or(60),
                }
            })
            .collect();
        // Every word fits and a column of long texts keeps a fair share; then short cells are
        // kept whole, or as nearly as the room left allows, each column alike.
        let mut least: Vec<u32> = columns
            .iter()
            .map(|c| {
                if c.long {
                    c.words.max(LONG_TEXT)
                } else {
                    c.words
                }
            })
            .collect();
        let more: Vec<u32> = (0..cols)
            .map(|c| match columns[c].long {
                true => 0,
                false => columns[c].whole.saturating_sub(least[c]),
            })
            .collect();
        let room = 100u32.saturating_sub(least.iter().sum());
        let wanted: u32 = more.iter().sum();
        for (l, m) in least.iter_mut().zip(&more) {
            *l += if wanted <= room {
                *m
            } else {
                m * room / wanted
            };
        }
        let weights: Vec<u32> = columns.iter().map(|c| c.weight).collect();
        let floor: u32 = least.iter().sum();
        let mut widths: Vec<u32> = if floor >= 100 {
            // Too many columns for every word: shares by the words' lengths.
            least.iter().map(|l| (l * 100 / floor).max(1)).collect()
        } else {
            let spare = 100 - floor;
            let total: u32 = weights.iter().sum();
            least
                .iter()
                .zip(&weights)
                .map(|(l, w)| l + spare * w / total)
                .collect()
        };
        // Rounding leaves a little over or under; the widest column takes it.
        let sum: u32 = widths.iter().sum();
        if let Some(widest) = (0..cols).max_by_key(|&c| (widths[c], usize::MAX - c)) {
            widths[widest] = (widths[widest] + 100).saturating_sub(sum).max(1);
        }
        widths
    }
}

/// What a table's column needs, as shares of the width in percent.
struct Column {
    /// Room for its longest word.
    words: u32,
    /// Room for its longest short cell on one line, or its longest word if longer.
    whole: u32,
    /// It holds long texts, which must not be squeezed into a strip.
    long: bool,
    /// How long its cells usually are: the rest of the width is shared by it.
    weight: u32,
}

/// A run of text; only its own pieces are emphasised, never the user's characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline(pub Vec<Span>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Strong(String),
    Emphasis(String),
}

impl Inline {
    /// The text without its emphasis.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Text(t) | Span::Strong(t) | Span::Emphasis(t) => t.as_str(),
            })
            .collect()
    }

    pub fn text(s: impl Into<String>) -> Inline {
        Inline(vec![Span::Text(s.into())])
    }

    pub fn strong(s: impl Into<String>) -> Inline {
        Inline(vec![Span::Strong(s.into())])
    }

    pub fn then(mut self, s: impl Into<String>) -> Inline {
        self.0.push(Span::Text(s.into()));
        self
    }

    pub fn then_strong(mut self, s: impl Into<String>) -> Inline {
        self.0.push(Span::Strong(s.into()));
        self
    }

    pub fn then_emphasis(mut self, s: impl Into<String>) -> Inline {
        self.0.push(Span::Emphasis(s.into()));
        self
    }
}

impl From<&str> for Inline {
    fn from(s: &str) -> Inline {
        Inline::text(s)
    }
}

impl From<String> for Inline {
    fn from(s: String) -> Inline {
        Inline::text(s)
    }
}

impl Section {
    pub fn new(heading: impl Into<String>) -> Section {
        Section {
            heading: heading.into(),
            blocks: Vec::new(),
            confidential: false,
            new_page: false,
            together: false,
        }
    }

    pub fn push(&mut self, block: Block) -> &mut Section {
        self.blocks.push(block);
        self
    }

    /// User text as paragraphs, one per line typed; blank lines are dropped.
    pub fn paras(&mut self, text: &str) -> &mut Section {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.blocks.push(Block::Para(Inline::text(line)));
        }
        self
    }

    pub fn para(&mut self, inline: impl Into<Inline>) -> &mut Section {
        self.blocks.push(Block::Para(inline.into()));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_leaves_a_column_of_names_room_for_whole_words() {
        let long = "word ".repeat(60);
        let t = Table {
            head: vec!["What".into(), "Who".into(), "Status".into()],
            rows: vec![vec![
                Inline::text(long),
                Inline::text("Hannah Mercer"),
                Inline::text("In progress"),
            ]],
        };
        let w = t.widths();
        assert_eq!(w.iter().sum::<u32>(), 100);
        assert!(w[0] > w[1] && w[0] > w[2], "{w:?}");
        // "Mercer" and "progress" fit whole: 1.2% a character and two for the padding.
        assert!(w[1] >= 9 && w[2] >= 12, "{w:?}");
    }

    #[test]
    fn a_short_cell_such_as_a_date_gets_room_to_stay_on_one_line() {
        let long = "word ".repeat(30);
        let t = Table {
            head: vec!["What".into(), "By when".into(), "Which goal".into()],
            rows: vec![vec![
                Inline::text(long.clone()),
                Inline::text("Wed 11 Nov 2026"),
                Inline::text(long),
            ]],
        };
        let w = t.widths();
        // 15 characters, two for the spaces and two for the padding, at 1.2% a character.
        assert!(w[1] >= 22, "{w:?}");
        // Among many short columns, the column of long texts is still the widest.
        let t = Table {
            head: ["Who", "What", "By when", "Outcome", "Status"]
                .map(String::from)
                .to_vec(),
            rows: vec![
                [
                    "Dr Aisha Rahman",
                    "Offer Alfie's missed immunisations and tell the health visitor.",
                    "Thu 12 Nov 2026",
                    "o3 (Alfie Walsh)",
                    "Not started",
                ]
                .map(Inline::text)
                .to_vec(),
            ],
        };
        let w = t.widths();
        assert!((0..5).all(|c| c == 1 || w[1] > w[c]), "{w:?}");
        assert!(w[1] >= 25, "{w:?}");
    }

    #[test]
    fn each_day_circulated_is_a_version_of_the_final_minutes() {
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        assert_eq!(Issue::circulated_on(&[]), Issue::FIRST_DRAFT);
        let once = Issue::circulated_on(&[day(16)]);
        assert_eq!(
            once.line(),
            "Final, version 1, circulated on Friday 16 October 2026"
        );
        let again = Issue::circulated_on(&[day(16), day(21)]);
        assert_eq!(
            again.line(),
            "Final, version 2, re-issued on Wednesday 21 October 2026"
        );
        assert!(
            again
                .plain_line()
                .starts_with("Final, version 2, sent out on Wednesday")
        );
    }

    #[test]
    fn widths_always_sum_to_a_hundred() {
        for cols in 1..12 {
            let t = Table {
                head: (0..cols).map(|i| "x".repeat(i * 7 % 23)).collect(),
                rows: vec![vec![Inline::text("word ".repeat(cols * 9))]],
            };
            let w = t.widths();
            assert_eq!(w.iter().sum::<u32>(), 100, "{cols}: {w:?}");
            assert!(w.iter().all(|&w| w >= 1), "{cols}: {w:?}");
        }
    }
}
