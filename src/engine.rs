//! The engine: clauses in force on a date become constraints on position variables; sets of
//! constraints that no assignment keeps become findings, each with a minimal witness.
//!
//! Data flows one way: [`snapshot`] (the scenario on a date, alignment components per
//! domain) → [`norms`] (one file per row of DESIGN.md's constraint table) → [`solve`]
//! (exact satisfiability, clashes, minimisation) → [`checks`] (one file per finding kind) →
//! findings.

pub(crate) mod checks;
pub(crate) mod constraint;
pub(crate) mod draft;
pub(crate) mod issue;
pub(crate) mod norms;
pub(crate) mod precedence;
pub(crate) mod snapshot;
pub(crate) mod solve;
pub(crate) mod threads;
pub(crate) mod timeline;
pub(crate) mod verdict;
