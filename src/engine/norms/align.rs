//! `align`: coordinate, or hold the same or similar positions.
//!
//! | clause | constraint on the bound party A toward beneficiary B, on issue I in its scope |
//! |---|---|
//! | align strict | stance(A, I) = stance(B, I) |
//! | align loose | stance(A, I) and stance(B, I) are not opposite |
//!
//! Alignment travels along chains of partners: A aligned with B and B with D forces
//! stance(A) = stance(D) while both obligations are kept. Strict alignments of a domain are
//! therefore merged into components once per date (see `snapshot`), never once per issue.
//! A prohibition to align constrains nothing and is reported as context.

use super::{Instance, NormInfo};
use crate::engine::constraint::{Constraint, Rule, Var};
use crate::finding::Relation;
use crate::model::Reading;

pub(crate) const INFO: NormInfo = NormInfo {
    action: "align",
    code: "allegiance::norm::align",
    summary: "strict: the bound party holds the beneficiary's stance; loose: never the opposite one",
};

pub(super) fn lower(it: &Instance<'_>, acc: &mut Vec<Constraint>) {
    let (rule, relation) = match it.clause.norm.reading {
        Reading::Strict => (Rule::Same(it.bound, it.beneficiary), Relation::Same),
        Reading::Loose => (
            Rule::NotOpposite(Var::Stance(it.bound), Var::Stance(it.beneficiary)),
            Relation::NotOpposite,
        ),
    };
    acc.push(it.constraint(rule, vec![it.item()], it.beneficiary, relation));
}
