//! `non_aggression`: do not fight against the beneficiary.
//!
//! | clause | constraint on the bound party A toward beneficiary B |
//! |---|---|
//! | non_aggression with B | A does not fight against B |
//!
//! So a defence pact with B and a non-aggression pact with X clash when X attacks B, whatever
//! anyone says; and an attacker bound not to attack its victim breaks the promise by its own
//! act. The victim's promise not to fight its attacker does not bind it in that war: a
//! promise of non-aggression does not give up self-defence (UN Charter art. 51), so it is
//! left out there (ATOP records one such clause per member, toward every partner).
//!
//! # Source in law
//!
//! UN Charter arts. 2(4) and 51.

use super::{Instance, IssueView, NormInfo};
use crate::engine::constraint::{Constraint, Items, Rule, Var};
use crate::finding::Relation;

pub(crate) const INFO: NormInfo = NormInfo {
    action: "non_aggression",
    code: "allegiance::norm::non_aggression",
    summary: "the bound party and the beneficiary do not fight on opposite sides",
};

pub(super) fn lower(issue: &IssueView<'_>, it: &Instance<'_>, acc: &mut Vec<Constraint>) {
    let Some(war) = issue.war else {
        return;
    };
    if it.bound == war.victim && it.beneficiary == war.attacker {
        return;
    }
    let rule = Rule::NotOpposite(Var::Fight(it.bound), Var::Fight(it.beneficiary));
    acc.push(it.constraint(
        rule,
        Items::one(it.item()),
        it.beneficiary,
        Relation::NotFightAgainst,
    ));
}

#[cfg(test)]
mod tests {
    use crate::test_util::{attack, found, pact};

    #[test]
    fn an_attack_on_a_partner_breaks_the_pact_by_the_attackers_own_act() {
        // X and B promised not to fight each other; X attacks B. X's own act breaks it; B,
        // attacked, chose nothing and is not blamed.
        let entries = pact(
            "nap",
            "binding",
            &["B", "X"],
            &[("c", "action = \"non_aggression\"")],
        ) + &attack("X", "B", "");
        assert_eq!(
            found(&entries),
            ["violation critical firm X war: nap/c |  | attack"]
        );
    }

    #[test]
    fn a_victim_may_defend_itself_whatever_it_promised_its_attacker() {
        // B promised X not to fight it (one clause, binding B only, as ATOP records one per
        // member); X attacks B. B fights back in self-defence: no finding.
        let one_way = "action = \"non_aggression\"\nbound = [\"B\"]";
        let entries =
            pact("nap", "binding", &["B", "X"], &[("c", one_way)]) + &attack("X", "B", "");
        assert!(found(&entries).is_empty());
    }
}
