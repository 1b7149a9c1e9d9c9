//! How the plan and the record name a member, a child, an outcome, an action or a disagreement.

/// Ids are short strings chosen by people (`sw`, `mum`, `o1`), so files stay readable.
pub type Id = String;
