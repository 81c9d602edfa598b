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
use crate::engine::constraint::{Constraint, Item, Items, Node, Rule, Val, Var};
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
    let declared = issue.declared.of(it.beneficiary);
    exclude(it.rank, it.bound, it.beneficiary, declared, present, acc);
}

/// The exclusions that the no-harm clause `rank` imposes on `bound` toward `beneficiary`,
/// whose declared stances are `declared`: the clause's scope and modality already checked.
pub(crate) fn exclude(
    rank: u32,
    bound: Node,
    beneficiary: Node,
    declared: &[(Node, Val, Item)],
    present: &dyn Fn(Item) -> bool,
    acc: &mut Vec<Constraint>,
) {
    let clause = Item::clause(rank, bound, beneficiary);
    for (_, val, item) in declared {
        let (Some(opposite), true) = (val.opposite(), present(*item)) else {
            continue;
        };
        let rule = Rule::Exclude(Var::Stance(bound), opposite);
        acc.push(super::duty(
            rank,
            bound,
            rule,
            Items::two(clause, *item),
            beneficiary,
            Relation::NoHarm,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::{found, pact, position};

    #[test]
    fn opposing_the_beneficiarys_declared_stance() {
        // B supports q; A, bound to do nothing B judges harmful, opposes it: A's own position
        // breaks the clause. B alone judges (discretion), so no reading saves it: firm.
        let clause = "action = \"no_harm\"\nbound = [\"A\"]\ndiscretion = true";
        let entries = pact("p", "binding", &["A", "B"], &[("c", clause)])
            + &position("B", "q", "support")
            + &position("A", "q", "oppose");
        assert_eq!(found(&entries), ["violation high firm A q: p/c | A B | "]);
    }

    #[test]
    fn without_discretion_a_stance_on_a_mere_question_is_interpretive() {
        // The same without "in the opinion of one of the Parties": the lenient reading counts
        // only wars the beneficiary fights as touching its interests, so it dissolves.
        let clause = "action = \"no_harm\"\nbound = [\"A\"]";
        let entries = pact("p", "binding", &["A", "B"], &[("c", clause)])
            + &position("B", "q", "support")
            + &position("A", "q", "oppose");
        assert_eq!(
            found(&entries),
            ["violation medium interpretive A q: p/c | A B | "]
        );
    }

    #[test]
    fn a_neutral_beneficiary_cannot_be_opposed() {
        // B is neutral: there is no opposite stance to take.
        let clause = "action = \"no_harm\"\nbound = [\"A\"]\ndiscretion = true";
        let entries = pact("p", "binding", &["A", "B"], &[("c", clause)])
            + &position("B", "q", "neutral")
            + &position("A", "q", "oppose");
        assert!(found(&entries).is_empty());
    }
}
