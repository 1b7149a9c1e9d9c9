//! `coregroup resolution-request DIR`: the Welsh resolution request (Appendix 3), filled from the
//! case and written as Markdown and YAML into the case folder (`cases::resolution_request`).

use super::args::ResolutionRequestArgs;
use super::{CliError, day_or_today};
use crate::cases::resolution_request::{Asked, write_request};

pub fn run(a: &ResolutionRequestArgs) -> Result<String, CliError> {
    let date = day_or_today(a.date.as_deref(), "--date")?;
    let open = super::open_case(&a.dir, crate::cases::open_case::Log::Read)?;
    let (md, yml) = write_request(
        &open,
        &Asked {
            by: a.by.as_deref(),
            concern: &a.concern,
            desired_outcome: &a.desired_outcome,
            core_group_actions: &a.core_group_actions,
            agency_actions: &a.agency_actions,
            date,
        },
    )?;
    Ok(format!("Wrote {}\n  and {}\n", md.display(), yml.display()))
}
