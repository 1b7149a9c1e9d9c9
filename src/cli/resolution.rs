//! `coregroup resolution-request DIR`: the Welsh resolution request (Appendix 3), filled from the
//! case and written as Markdown and YAML into the case folder.

use super::args::ResolutionRequestArgs;
use super::{CliError, day_or_today};
use crate::domain::resolution_request::{build, file_stem};
use crate::export::resolution_request::to_markdown;
use crate::store::files::write_atomic;
use crate::store::yaml;

pub fn run(a: &ResolutionRequestArgs) -> Result<String, CliError> {
    let date = day_or_today(a.date.as_deref(), "--date")?;
    let open = super::open_case(&a.dir, crate::cases::open_case::Log::Read)?;
    let case = &open.case;
    // Members who joined and a new lead worker, as the case log records them.
    let plan = open.current();
    let by = match a.by.as_deref().or(plan.case.lead_worker.as_deref()) {
        Some(by) => by.to_string(),
        None => {
            return Err(CliError::Said(
                "who is making the request? give --by MEMBER-ID (the case has no lead worker)"
                    .into(),
            ));
        }
    };
    let request = build(
        &plan,
        &by,
        &a.concern,
        &a.desired_outcome,
        &a.core_group_actions,
        &a.agency_actions,
        date,
    )
    .map_err(|problems| {
        CliError::Said(format!(
            "the request is not complete:\n  {}\n  hint: give them with --concern, --desired-outcome, --core-group-actions and --agency-actions",
            problems.join("\n  ")
        ))
    })?;
    let stem = file_stem(date);
    let md = case.root().join(format!("{stem}.md"));
    let yml = case.root().join(format!("{stem}.yaml"));
    write_atomic(&md, to_markdown(&request).as_bytes())?;
    write_atomic(&yml, yaml::to_string(&request)?.as_bytes())?;
    Ok(format!("Wrote {}\n  and {}\n", md.display(), yml.display()))
}
