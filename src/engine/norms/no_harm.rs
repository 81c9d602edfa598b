//! `no_harm`: refrain from acts against the beneficiary's interests.
//!
//! | clause | constraint on the bound party A toward beneficiary B |
//! |---|---|
//! | no_harm | A does not oppose B's declared stance on issues in scope |
//!
//! B's declared stance is its position on the issue, or its side in a war it is a principal
//! of. Where the clause gives B alone the judgement ("in the opinion of one of the Parties"),
//! B's declared stance decides what harms even on the most lenient reading; without it, the
//! lenient reading counts only wars B fights in as touching its interests (see `verdict`).

use super::{Instance, IssueView, NormInfo};
use crate::engine::constraint::{Constraint, Item, Rule, Var};
use crate::finding::Relation;

pub(crate) const INFO: NormInfo = NormInfo {
    action: "no_harm",
    code: "allegiance::norm::no_harm",
    summary: "the bound party never takes the stance opposite to the beneficiary's declared one",
};

pub(super) fn lower(
    issue: &IssueView<'_>,
    it: &Instance<'_>,
    present: &dyn Fn(Item) -> bool,
    acc: &mut Vec<Constraint>,
) {
    let declared = issue
        .declared
        .get(&it.beneficiary)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (val, item) in declared {
        let (Some(opposite), true) = (val.opposite(), present(*item)) else {
            continue;
        };
        let rule = Rule::Exclude(Var::Stance(it.bound), opposite);
        acc.push(it.constraint(
            rule,
            vec![it.item(), *item],
            it.beneficiary,
            Relation::NoHarm,
        ));
    }
}
