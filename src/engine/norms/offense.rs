//! `offense`: assist the beneficiary even when it attacks.
//!
//! | clause | constraint on the bound party A toward beneficiary B |
//! |---|---|
//! | offense, B attacks X | A fights on B's side |
//!
//! X must be among the named adversaries, if any are named. A prohibition reads as for
//! `defend`: A does not fight on B's side.

use super::{Instance, IssueView, NormInfo, adversary_named, war_event};
use crate::engine::constraint::{Constraint, Item, Items, Rule, Val, Var};
use crate::finding::Relation;
use crate::model::Modality;

pub(crate) const INFO: NormInfo = NormInfo {
    action: "offense",
    code: "allegiance::norm::offense",
    summary: "when the beneficiary attacks, the bound party fights on its side",
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
    let items = Items::two(it.item(), event);
    match it.clause.norm.modality {
        Modality::Obligation => {
            if it.beneficiary == war.attacker && adversary_named(victim, it.clause) {
                let rule = Rule::Fix(Var::Fight(it.bound), Val::Plus);
                acc.push(it.constraint(rule, items, it.beneficiary, Relation::FightFor));
            }
        }
        Modality::Prohibition => {
            super::defend::not_on_side(it, war, attacker, victim, items, acc);
        }
        Modality::Permission => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::{attack, found, pact};

    #[test]
    fn joining_the_attacker_against_a_partner_in_non_aggression() {
        // B attacks X: A must fight on B's side (offense), against X, with whom it has a
        // non-aggression pact: a critical conflict for A. Were X the attacker, nothing.
        let offense = "action = \"offense\"\nbound = [\"A\"]\ntoward = [\"B\"]";
        let entries = pact("off", "binding", &["A", "B"], &[("c", offense)])
            + &pact(
                "nap",
                "binding",
                &["A", "X"],
                &[("c", "action = \"non_aggression\"")],
            );
        assert_eq!(
            found(&(entries.clone() + &attack("B", "X", ""))),
            ["conflict critical firm A war: nap/c off/c |  | attack"]
        );
        assert!(found(&(entries + &attack("X", "B", ""))).is_empty());
    }
}
