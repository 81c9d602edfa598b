#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod clash;
pub mod dot;
mod engine;
mod escape;
pub mod finding;
pub mod graph;
#[cfg(feature = "import")]
pub mod import;
pub mod latent;
pub mod load;
pub mod model;
pub mod report;
pub mod save;
pub mod spec;
#[cfg(feature = "synthetic")]
pub mod synthetic;
#[cfg(test)]
mod test_util;
pub mod what_if;

pub use clash::{ClashPoint, ClashTracker, Clashes, clashes_on, clashes_on_threads};
pub use engine::checks::imbalance::Balance;
pub use finding::{
    ClauseRef, EventRef, Finding, Kind, LegalRule, Link, Obligation, Outcome, PositionRef,
    Precedence, Relation, Severity, Verdict, Witness,
};
pub use graph::{Commitment, CommitmentGraph};
pub use latent::{Exposure, Latent, latent};
pub use load::{LoadError, LoadErrors, Location, Problem};
pub use model::*;
pub use report::{Limits, Report, Truncated};
pub use what_if::{Diff, what_if};

/// Checks the whole timeline of a scenario: every finding, each with the maximal interval
/// in which it holds.
///
/// The dates where anything begins or ends (an instrument, a membership, a position, an
/// event) cut time into spans on which nothing changes; each span is checked once, and a
/// finding that holds on consecutive spans is reported once, over their union.
///
/// # Complexity
///
/// `O(t · C)` for `t` dates of change and `C` the cost of [`check_on`].
pub fn check(scenario: &Scenario) -> Report {
    engine::timeline::check(scenario)
}

/// Checks a scenario on one date.
///
/// Every finding holds on that date; its interval is that day.
///
/// # Complexity
///
/// Near-linear in the scenario: `O(n log n)` to build the date's view (strict-alignment
/// components per domain, once per date), then, per issue, `O((d + t) log n)` for its `d`
/// declared stances and war principals and the `t` clauses toward them, plus, per finding,
/// the path and minimisation of its witness (the size of the output). Structural balance
/// costs `O(m^1.5)` in the `m` edges of the signed graph.
pub fn check_on(scenario: &Scenario, date: Date) -> Report {
    engine::timeline::check_on(scenario, date)
}

/// Checks the whole timeline, as [`check`] does, and cuts the report to `limits`: at most
/// `max_findings` findings (the first in report order) and `max_chain` links per witness
/// chain. A report that was cut says so in [`Report::truncated`], its text and its JSON.
///
/// # Complexity
///
/// That of [`check`]; the limits bound the report, not the check.
pub fn check_with(scenario: &Scenario, limits: &Limits) -> Report {
    check(scenario).limited(limits)
}

/// Checks a scenario on one date, as [`check_on`] does, and cuts the report to `limits`
/// (see [`check_with`]).
///
/// # Complexity
///
/// That of [`check_on`]; the limits bound the report, not the check.
pub fn check_on_with(scenario: &Scenario, date: Date, limits: &Limits) -> Report {
    check_on(scenario, date).limited(limits)
}
