//! `neutrality`: do not aid the beneficiary's adversary.
//!
//! | clause | constraint on the bound party A toward beneficiary B |
//! |---|---|
//! | neutrality, B at war with X | A does not fight on X's side |
//!
//! X must be among the named adversaries, if any are named. So a defence pact with B and a
//! neutrality pact with X clash if X attacks B, and not if B attacks X. An obligation of
//! neutrality and a prohibition to aid the adversary read the same.

use super::{Instance, IssueView, NormInfo, adversary_named, war_event};
use crate::engine::constraint::{Constraint, Item, Items, Rule, Val, Var};
use crate::finding::Relation;

pub(crate) const INFO: NormInfo = NormInfo {
    action: "neutrality",
    code: "allegiance::norm::neutrality",
    summary: "when the beneficiary is at war, the bound party does not fight on its adversary's side",
};

pub(super) fn lower(
    issue: &IssueView<'_>,
    it: &Instance<'_>,
    present: &dyn Fn(Item) -> bool,
    acc: &mut Vec<Constraint>,
) {
    let Some((war, event)) = war_event(issue, present) else {
        return;
    };
    let (attacker, victim) = issue.principals.unzip();
    // The adversary's side, and who the adversary is.
    let (side, adversary) = if it.beneficiary == war.attacker {
        (Val::Minus, victim)
    } else if it.beneficiary == war.victim {
        (Val::Plus, attacker)
    } else {
        return;
    };
    if !adversary_named(adversary, it.clause) {
        return;
    }
    // Neutral toward its own attacker, the victim may still defend itself (art. 51).
    if it.bound == war.victim && it.beneficiary == war.attacker {
        return;
    }
    // Not fighting on the adversary's side is not fighting against the beneficiary.
    let rule = Rule::Exclude(Var::Fight(it.bound), side);
    let relation = Relation::NotFightAgainst;
    acc.push(it.constraint(rule, Items::two(it.item(), event), it.beneficiary, relation));
}

#[cfg(test)]
mod tests {
    use crate::test_util::{attack, found, pact};

    const DEFEND: &str = "action = \"defend\"\nbound = [\"A\"]\ntoward = [\"B\"]";
    const NEUTRAL: &str = "action = \"neutrality\"\nbound = [\"A\"]\ntoward = [\"X\"]";

    #[test]
    fn defence_and_neutrality_clash_only_if_the_neutral_partner_attacks() {
        // X attacks B: A must fight on B's side (defence) and must not fight on the side of
        // X's adversary, B (neutrality toward X). B attacks X: the defence clause is not
        // triggered, and staying out keeps the neutrality.
        let entries = pact("def", "binding", &["A", "B"], &[("c", DEFEND)])
            + &pact("neu", "binding", &["A", "X"], &[("c", NEUTRAL)]);
        assert_eq!(
            found(&(entries.clone() + &attack("X", "B", ""))),
            ["conflict critical firm A war: def/c neu/c |  | attack"]
        );
        assert!(found(&(entries + &attack("B", "X", ""))).is_empty());
    }
}
