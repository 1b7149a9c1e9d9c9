//! The set-up in progress as it is kept between runs: the plan being built, where the user is
//! (the section, the chosen row of each list, the sections seen) and a row left open with what
//! was typed in it. `SetupModel::draft` takes it and `SetupModel::resume` puts it back; both are pure, and
//! the runtime stores it (`store::setup_draft`).

use serde::{Deserialize, Serialize};

use super::model::{List, RowEdit, SetupModel, SetupSection};
use crate::domain::meeting::Scratch;
use crate::domain::plan::Plan;
use crate::tui::keymap::{KeyCommand, Mode};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetupDraft {
    pub plan: Plan,
    /// The section shown, by its key (`members`).
    pub section: String,
    /// The chosen row of children, members, outcomes and actions.
    #[serde(default)]
    pub selected: [usize; 4],
    /// The sections left at least once, whose problems show.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visited: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<RowDraft>,
}

/// A row open over its list: which one, and what was typed in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowDraft {
    /// The row edited (from 0), or none for a new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// The row's fields; `form` names the list (`children`).
    pub entered: Scratch,
}

impl SetupModel {
    /// The set-up as it stands, to be kept.
    pub fn draft(&self) -> SetupDraft {
        SetupDraft {
            plan: self.plan.clone(),
            section: self.section.key().to_string(),
            selected: self.selected,
            visited: self.visited.iter().map(|s| s.key().to_string()).collect(),
            row: self.row.as_ref().map(|r| RowDraft {
                index: r.index,
                entered: r.form.scratch(r.list.key().to_string(), String::new()),
            }),
        }
    }

    /// Go on with a kept set-up: the plan, the section and the open row as they were left, and
    /// a line saying so.
    pub fn resume(&mut self, d: SetupDraft) {
        self.plan = d.plan;
        self.section = SetupSection::from_key(&d.section).unwrap_or(SetupSection::Case);
        self.visited = d
            .visited
            .iter()
            .filter_map(|k| SetupSection::from_key(k))
            .collect();
        for list in List::ALL {
            let len = self.list_len(list);
            self.selected[list as usize] = d.selected[list as usize].min(len.saturating_sub(1));
        }
        self.form = Default::default();
        self.rebuild_form();
        self.row = d.row.and_then(|r| {
            let list = List::ALL.into_iter().find(|l| l.key() == r.entered.form)?;
            let index = r.index.filter(|i| *i < self.list_len(list));
            let mut form = self.row_form(list, index);
            form.restore(&r.entered);
            Some(RowEdit {
                list,
                index,
                form,
                error: None,
            })
        });
        self.typed = true;
        self.draft_due = false;
        self.revalidate();
        self.status = Some(format!(
            "Went on with the set-up left unsaved; {} asks before discarding it.",
            self.keymap.key_label(Mode::Global, KeyCommand::Quit)
        ));
    }
}
