//! The Welsh resolution request (Cwm Taf Morgannwg guidance §5, Appendix 3): the document a core
//! group professional submits to start Tier 1, filled from the case. `export::resolution_request`
//! renders it as Markdown.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{Plan, is_false};

use super::id::Id;

/// The request as submitted (its making is logged as [`super::case_log::ResolutionRequest`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "ResolutionRequest")]
pub struct ResolutionRequestDocument {
    /// The case reference, so the request can be matched to the case.
    pub case: String,
    pub local_authority: String,
    pub children: Vec<RequestChild>,
    /// The family's home address; absent when withheld or not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_address: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub address_withheld: bool,
    /// The allocated social worker's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_worker: Option<String>,
    pub requested_by: Requester,
    /// The last core group held on or before the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_core_group: Option<NaiveDate>,
    pub concern: String,
    pub desired_outcome: String,
    #[serde(default)]
    pub core_group_actions: String,
    #[serde(default)]
    pub agency_actions: String,
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestChild {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_date_of_birth: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requester {
    pub member: Id,
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub agency: String,
}

/// The file name, without extension, for a request made on `date`.
pub fn file_stem(date: NaiveDate) -> String {
    format!("resolution-request-{date}")
}

/// Fill the request from the case. `requester` is the member id of the professional making it.
/// Every problem is reported at once, each with a hint.
pub fn build(
    plan: &Plan,
    requester: &str,
    concern: &str,
    desired_outcome: &str,
    core_group_actions: &str,
    agency_actions: &str,
    date: NaiveDate,
) -> Result<ResolutionRequestDocument, Vec<String>> {
    let mut problems = Vec::new();
    let member = plan.member(requester);
    match member {
        None => {
            let ids: Vec<String> = plan
                .members
                .iter()
                .filter(|m| !m.family)
                .map(|m| format!("{} ({})", m.id, m.name))
                .collect();
            problems.push(format!(
                "requester: no member of the core group has the id `{requester}`\n  hint: use one of {}",
                ids.join(", ")
            ));
        }
        Some(m) if m.family => problems.push(format!(
            "requester: `{requester}` is a family member; the resolution process is started by a professional in the core group\n  hint: give the id of the professional making the request"
        )),
        Some(_) => {}
    }
    if concern.trim().is_empty() {
        problems.push(
            "concern: the summary of the concern is empty\n  hint: say briefly why the plan is not reducing the risk"
                .into(),
        );
    }
    if desired_outcome.trim().is_empty() {
        problems.push(
            "desired outcome: the desired outcome for the child is empty\n  hint: say what should be different for the child"
                .into(),
        );
    }
    let Some(member) = member.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };

    let case = &plan.case;
    let withheld = case.withhold_family_address;
    Ok(ResolutionRequestDocument {
        case: case.reference.clone(),
        local_authority: case.local_authority.clone(),
        children: plan
            .children
            .iter()
            .map(|c| RequestChild {
                name: c.name.clone(),
                date_of_birth: c.date_of_birth,
                expected_date_of_birth: if c.date_of_birth.is_none() {
                    c.expected_date_of_birth
                } else {
                    None
                },
            })
            .collect(),
        home_address: if withheld {
            None
        } else {
            case.family_address.clone()
        },
        address_withheld: withheld,
        social_worker: case
            .lead_worker
            .as_deref()
            .map(|id| plan.member_name(id).to_string()),
        requested_by: Requester {
            member: member.id.clone(),
            name: member.name.clone(),
            role: member.role.clone(),
            agency: member.agency.clone(),
        },
        last_core_group: plan
            .key_dates
            .core_groups
            .iter()
            .map(|c| c.date)
            .filter(|d| *d <= date)
            .max(),
        concern: concern.trim().to_string(),
        desired_outcome: desired_outcome.trim().to_string(),
        core_group_actions: core_group_actions.trim().to_string(),
        agency_actions: agency_actions.trim().to_string(),
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example;
    use crate::domain::plan::CoreGroupHeld;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test dates are valid")
    }

    fn plan() -> Plan {
        example::plan(d("2026-11-24"))
    }

    fn request(plan: &Plan) -> ResolutionRequestDocument {
        build(
            plan,
            "school",
            "Attendance has fallen to 60% and the plan is not reducing the risk.",
            "Kayla attends school every day and feels safe at home.",
            "Two extra home visits; a parenting course offered.",
            "Daily check-ins with Kayla at school.",
            d("2026-11-24"),
        )
        .expect("valid")
    }

    #[test]
    fn the_request_is_filled_from_the_case() {
        let plan = plan();
        let r = request(&plan);
        assert_eq!(r.case, plan.case.reference);
        assert_eq!(r.children.len(), plan.children.len());
        assert_eq!(r.children[0].name, plan.children[0].name);
        assert_eq!(r.children[0].date_of_birth, plan.children[0].date_of_birth);
        let sw = plan.case.lead_worker.as_deref().expect("lead");
        assert_eq!(r.social_worker.as_deref(), Some(plan.member_name(sw)));
        assert_eq!(r.requested_by.member, "school");
        assert_eq!(r.requested_by.agency, "Millbrook Primary School");
        assert_eq!(r.last_core_group, plan.last_core_group().map(|c| c.date));
        // The example withholds the family's address.
        assert!(r.address_withheld && r.home_address.is_none());
        let address = plan.case.family_address.clone().expect("recorded");
        assert!(!serde_json::to_string(&r).expect("json").contains(&address));
    }

    #[test]
    fn the_last_core_group_is_the_last_before_the_request() {
        let mut plan = plan();
        let mut later = plan.key_dates.core_groups[0].clone();
        later.date = d("2026-12-15");
        plan.key_dates.core_groups.push(later);
        plan.key_dates.core_groups.push(CoreGroupHeld {
            date: d("2026-11-20"),
            minutes_circulated: None,
            agreements_returned: None,
            chair: None,
            minute_taker: None,
            events_shown: Vec::new(),
        });
        assert_eq!(request(&plan).last_core_group, Some(d("2026-11-20")));
    }

    #[test]
    fn an_unknown_or_family_requester_and_empty_concern_are_all_reported() {
        let plan = plan();
        let e = build(&plan, "nobody", " ", "", "", "", d("2026-11-24")).expect_err("bad");
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(
            e[0].contains("`nobody`") && e[0].contains("school ("),
            "{e:?}"
        );
        assert!(!e[0].contains("mum ("), "family are not offered: {e:?}");
        let e = build(&plan, "mum", "c", "o", "", "", d("2026-11-24")).expect_err("family");
        assert!(e[0].contains("family member"), "{e:?}");
    }

    #[test]
    fn yaml_round_trips() {
        let r = request(&plan());
        let text = yaml_serde::to_string(&r).expect("serialises");
        let back: ResolutionRequestDocument = yaml_serde::from_str(&text).expect("parses");
        assert_eq!(back, r);
    }
}
