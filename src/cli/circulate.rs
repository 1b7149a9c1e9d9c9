//! `coregroup circulate`: write a meeting's circulation pack and say what to do with it.

use chrono::Timelike;

use super::args::CirculateArgs;
use super::{CliError, day_or_today};
use crate::cases::circulate::{Circulation, circulate};
use crate::cases::open_case::Log;

pub fn run(a: &CirculateArgs) -> Result<String, CliError> {
    let day = day_or_today(a.date.as_deref(), "--date")?;
    let open = super::open_case(&a.dir, Log::Read)?;
    let pack = circulate(
        &open.case,
        &open.plan,
        Circulation {
            meeting: a.meeting.as_deref(),
            day,
            reason: a.reason.as_deref(),
        },
        chrono::Local::now()
            .fixed_offset()
            .with_nanosecond(0)
            .unwrap_or_default(),
        &open.agenda.policy,
        &open.cal,
    )
    .map_err(CliError::from)?;
    let mut out = format!(
        "The circulation pack of the meeting {} is in {}\n",
        pack.meeting,
        pack.outbox.display()
    );
    if !pack.emails.is_empty() {
        out.push_str(&format!(
            "\nTo email ({}): open each in your mail client, check it, send it.\n",
            pack.emails.len()
        ));
        for (name, path) in &pack.emails {
            out.push_str(&format!("  {name}: {}\n", path.display()));
        }
    }
    if !pack.letters.is_empty() {
        out.push_str(&format!(
            "\nBy post or by hand ({}): print the letter and enclose the documents listed.\n",
            pack.letters.len()
        ));
        for (name, path, enclose) in &pack.letters {
            out.push_str(&format!(
                "  {name}: {}\n    enclose {}\n",
                path.display(),
                enclose.join(", ")
            ));
        }
    }
    if !pack.warnings.is_empty() {
        out.push_str("\nNot as the council's settings ask:\n");
        for w in &pack.warnings {
            out.push_str(&format!("  {w}\n"));
        }
    }
    out.push_str(&format!(
        "\nLogged: {}\ncoregroup sends nothing itself.\n",
        pack.logged
    ));
    Ok(out)
}
