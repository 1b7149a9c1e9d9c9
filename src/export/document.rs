//! One document model that every format renders, so the Markdown and the HTML of a document
//! cannot say different things. Builders put user text in as it was typed; the renderers clean
//! and escape it, each for its own format.

/// A whole document: a title, lines under it, then sections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// Short lines under the title (the case, the plan, the children).
    pub subtitle: Vec<Inline>,
    /// A handling marking shown at the top (and in the print header of the HTML).
    pub marking: String,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
    /// Marked out visibly, and in print started on a new page so it can be taken out.
    pub confidential: bool,
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
    /// A small line chart of scores. Drawn in HTML only: a table beside it always carries the
    /// same numbers, so the text formats leave it out.
    Chart(Chart),
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
