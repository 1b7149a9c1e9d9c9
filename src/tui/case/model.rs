//! What the case screen knows: the plan, its status as `coregroup status` reports it, which
//! part is shown and how far it is scrolled.

use chrono::NaiveDate;

use crate::domain::plan::Plan;
use crate::domain::status::{State, Status};
use crate::tui::keymap::Keymap;
use crate::tui::theme::{Theme, ThemeName};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Timescales,
    Plan,
    People,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Timescales, Tab::Plan, Tab::People];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Timescales => "Timescales",
            Tab::Plan => "The plan",
            Tab::People => "People",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

pub struct Model {
    pub plan: Plan,
    /// The timescales with the overdue first, then those due soon, then the rest as reported.
    pub status: Status,
    pub agenda_title: String,
    pub tab: Tab,
    pub scroll: u16,
    /// Rows the last drawing showed, so a page key moves by a page.
    pub page: std::cell::Cell<u16>,
    pub help: bool,
    pub keymap: Keymap,
    pub theme: Theme,
}

/// Most urgent first: what is overdue, then due soon, then what cannot be worked out.
fn urgency(s: State) -> u8 {
    match s {
        State::Overdue => 0,
        State::DueSoon => 1,
        State::Unknown => 2,
        State::OnTrack => 3,
        State::MetLate => 4,
        State::Met => 5,
    }
}

impl Model {
    pub fn new(
        plan: Plan,
        mut status: Status,
        agenda_title: &str,
        keymap: Keymap,
        theme: ThemeName,
    ) -> Model {
        status.timescales.sort_by_key(|t| urgency(t.state));
        Model {
            plan,
            status,
            agenda_title: agenda_title.to_string(),
            tab: Tab::Timescales,
            scroll: 0,
            page: std::cell::Cell::new(10),
            help: false,
            keymap,
            theme: Theme::new(theme),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.status.today
    }

    pub fn overdue(&self) -> usize {
        self.status
            .timescales
            .iter()
            .filter(|t| t.state == State::Overdue)
            .count()
            + self.status.overdue_actions.len()
    }
}
