//! The case screen's side of a form kept when its window closed: the open form taken as a
//! draft when the screen is stopped, and the drafts kept for the case put back one after
//! another when it opens (each into its form built again from the case as it is now, or, when
//! that form no longer makes sense, shown to copy with the question whether to drop it). Pure:
//! the runtime stores the drafts.

use chrono::NaiveDate;

use super::draft::{self, CaseDraft, KeptDraft, NotPutBack};
use super::edit::{self, CaseForm, CaseFormError, PlanItem, Purpose};
use super::model::{CaseOnYes, CaseScreen, Pane};
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::forms::FormError;

impl CaseScreen {
    /// The open form as it is to be kept; `None` when no form is open, when it is a picker, or
    /// when nothing in it differs from how it opened.
    pub fn draft(&self) -> Option<CaseDraft> {
        let e = self.editing.as_ref()?;
        // The form as it opened: built again from the case the screen shows, which is the case
        // it was opened on (a write that reads the case again closes the form).
        let fresh = self.form_for(&e.purpose, self.today).ok();
        draft::take(e, fresh.as_ref(), self.today)
    }

    /// Go on with the drafts kept for this case: the first is put back (or shown to copy), the
    /// others follow once it is saved or dropped.
    pub fn resume(&mut self, kept: Vec<KeptDraft>) {
        self.kept.extend(kept);
        self.next_kept();
    }

    /// The next kept draft, when no form or question is open: its form put back with what was
    /// typed and a line saying so; or, when that form no longer makes sense, what was typed
    /// shown to copy with the question whether to drop it.
    pub(super) fn next_kept(&mut self) {
        if self.editing.is_some() || self.confirm.is_some() || self.kept.is_empty() {
            return;
        }
        let k = self.kept.remove(0);
        let d = match k.draft {
            Ok(d) => d,
            Err(why) => {
                self.confirm = Some(
                    Confirm::new(
                        "A form kept when the window closed does not read.",
                        CaseOnYes::DropDraft(k.name),
                    )
                    .with_detail(why.to_string().lines().map(str::to_string).collect())
                    .with_labels("drop it", "keep it for later"),
                );
                return;
            }
        };
        let title = d.entered.form.clone();
        let put_back = self
            .form_for(&d.purpose, d.day)
            .map_err(NotPutBack::from)
            .and_then(|then| draft::put_back(&d, &then, self.form_for(&d.purpose, self.today)?));
        match put_back {
            Ok(e) => {
                self.pane = pane_of(&d.purpose).unwrap_or(self.pane);
                self.editing = Some(e);
                self.kept_as = Some(k.name);
                self.last_kept = Some(d);
                // Short enough for 80 columns: the form's box gives its title and its footer
                // its keys.
                let said =
                    "You were writing this when the window closed: here it is as you left it."
                        .to_string();
                self.notice = Some(match self.notice.take() {
                    Some(before) => format!("{before} {said}"),
                    None => said,
                });
            }
            Err(why) => {
                let mut detail = vec![format!("It cannot go back into its form: {why}.")];
                for t in &d.typed {
                    // A note's further lines under its first, each as typed.
                    let mut lines = t.text.lines();
                    let first = lines.next().unwrap_or_default();
                    detail.push(format!("{}: {first}", t.label));
                    detail.extend(lines.map(|l| format!("  {l}")));
                }
                detail.push(format!(
                    "Copy what you need; it stays in {} until you drop it.",
                    k.file
                ));
                self.confirm = Some(
                    Confirm::new(
                        format!("You were writing \"{title}\" when the window closed."),
                        CaseOnYes::DropDraft(k.name),
                    )
                    .with_detail(detail)
                    .with_labels("drop it", "keep it for later"),
                );
            }
        }
    }

    /// The form for `purpose` as the screen opens it on `day`, from the case as it shows it: the
    /// one place each kind of form is made from its purpose; `Err` says why it cannot be.
    fn form_for(&self, purpose: &Purpose, day: NaiveDate) -> Result<CaseForm, CaseFormError> {
        let item = |i: PlanItem| edit::plan_form(&i, &self.plan, day);
        match purpose {
            Purpose::ChooseEvent => Ok(edit::choose_event()),
            Purpose::Event(kind) => Ok(edit::event_form(*kind, &self.plan, &self.meetings, day)),
            Purpose::ChoosePlanItem => Ok(edit::choose_plan_item(&self.plan)),
            Purpose::ChoosePerson => Ok(edit::choose_person(&self.plan)),
            Purpose::Action(id) => item(PlanItem::Action(id.clone())),
            Purpose::Contingency => item(PlanItem::Contingency),
            Purpose::Why => item(PlanItem::Why),
            Purpose::Outcome(Some(id)) => item(PlanItem::Outcome(id.clone())),
            Purpose::Outcome(None) => item(PlanItem::NewOutcome),
            Purpose::Member(id) => item(PlanItem::Member(id.clone())),
            Purpose::FamilyAddress => item(PlanItem::FamilyAddress),
            Purpose::Withdraw => withdraw_form(self)
                .ok_or_else(|| FormError::needs("entry", "nothing in the log to withdraw").into()),
        }
    }
}

/// The pane a form is opened from, where it goes back to; `None` for an event, logged from any.
fn pane_of(purpose: &Purpose) -> Option<Pane> {
    match purpose {
        Purpose::ChooseEvent | Purpose::Event(_) => None,
        Purpose::ChoosePlanItem
        | Purpose::Action(_)
        | Purpose::Contingency
        | Purpose::Why
        | Purpose::Outcome(_) => Some(Pane::Plan),
        Purpose::ChoosePerson | Purpose::Member(_) | Purpose::FamilyAddress => Some(Pane::People),
        Purpose::Withdraw => Some(Pane::Log),
    }
}

/// The form that withdraws a wrong entry of the log as the screen lists it; `None` when every
/// entry is withdrawn already.
pub(super) fn withdraw_form(m: &CaseScreen) -> Option<CaseForm> {
    edit::withdraw_form(
        &m.plan,
        m.log
            .iter()
            .filter(|l| l.withdrawn.is_none())
            .map(|l| (l.id.as_str(), l.date, l.text.as_str())),
    )
}
