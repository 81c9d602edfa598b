//! `defend`: assist the beneficiary if it is attacked.
//!
//! | clause | constraint on the bound party A toward beneficiary B |
//! |---|---|
//! | defend, B attacked by X (X among named adversaries, if any; not if B provoked it, where the clause says so) | A fights on B's side |
//!
//! A defence clause is not triggered by its beneficiary's own attack: who attacked whom
//! decides. A prohibition ("shall not assist") reads as: A does not fight on B's side in a
//! war B is a principal of.
//!
//! # Source in law
//!
//! UN Charter art. 51 (collective self-defence); e.g. North Atlantic Treaty art. 5,
//! Collective Security Treaty art. 4.

use super::{Instance, IssueView, NormInfo, adversary_named, war_event};
use crate::engine::constraint::{Constraint, Item, Items, Rule, Val, Var};
use crate::finding::Relation;
use crate::model::Modality;

pub(crate) const INFO: NormInfo = NormInfo {
    action: "defend",
    code: "allegiance::norm::defend",
    summary: "when the beneficiary is attacked, the bound party fights on its side",
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
    let norm = &it.clause.norm;
    let items = Items::two(it.item(), event);
    match norm.modality {
        Modality::Obligation => {
            let provoked = norm.unless_provoked && war.provoked == Some(true);
            if it.beneficiary == war.victim && adversary_named(attacker, it.clause) && !provoked {
                let rule = Rule::Fix(Var::Fight(it.bound), Val::Minus);
                acc.push(it.constraint(rule, items, it.beneficiary, Relation::FightFor));
            }
        }
        Modality::Prohibition => not_on_side(it, war, attacker, victim, items, acc),
        Modality::Permission => {}
    }
}

/// A prohibition to assist: the bound party does not fight on the beneficiary's side.
pub(super) fn not_on_side(
    it: &Instance<'_>,
    war: crate::engine::snapshot::WarOn,
    attacker: Option<&crate::model::PartyId>,
    victim: Option<&crate::model::PartyId>,
    items: Items,
    acc: &mut Vec<Constraint>,
) {
    let side = if it.beneficiary == war.attacker && adversary_named(victim, it.clause) {
        Val::Plus
    } else if it.beneficiary == war.victim && adversary_named(attacker, it.clause) {
        Val::Minus
    } else {
        return;
    };
    let rule = Rule::Exclude(Var::Fight(it.bound), side);
    acc.push(it.constraint(rule, items, it.beneficiary, Relation::NotFightFor));
}

#[cfg(test)]
mod tests {
    use crate::test_util::{attack, found, pact};

    const DEFEND: &str = "action = \"defend\"\nbound = [\"A\"]\ntoward = [\"B\"]";
    const NON_AGGRESSION: &str = "action = \"non_aggression\"";

    #[test]
    fn defence_of_the_victim_against_a_partner_in_non_aggression() {
        // X attacks B: A must fight on B's side, and must not fight against X. Whatever A
        // does, it breaks one: a conflict, critical (a duty to fight), firm.
        let entries = pact("def", "binding", &["A", "B"], &[("c", DEFEND)])
            + &pact("nap", "binding", &["A", "X"], &[("c", NON_AGGRESSION)])
            + &attack("X", "B", "");
        assert_eq!(
            found(&entries),
            ["conflict critical firm A war: def/c nap/c |  | attack"]
        );
    }

    #[test]
    fn no_defence_when_the_beneficiary_attacks() {
        // B attacks X: a defence clause toward B is not triggered by B's own attack.
        let entries = pact("def", "binding", &["A", "B"], &[("c", DEFEND)])
            + &pact("nap", "binding", &["A", "X"], &[("c", NON_AGGRESSION)])
            + &attack("B", "X", "");
        assert!(found(&entries).is_empty());
    }

    #[test]
    fn no_defence_against_an_unnamed_adversary() {
        // The clause names C as the only adversary; X's attack does not trigger it.
        let named = "action = \"defend\"\nbound = [\"A\"]\ntoward = [\"B\"]\nadversaries = [\"C\"]";
        let entries = pact("def", "binding", &["A", "B"], &[("c", named)])
            + &pact("nap", "binding", &["A", "X"], &[("c", NON_AGGRESSION)])
            + &attack("X", "B", "");
        assert!(found(&entries).is_empty());
    }

    #[test]
    fn no_defence_of_a_provoker_where_the_clause_says_so() {
        let unless =
            "action = \"defend\"\nbound = [\"A\"]\ntoward = [\"B\"]\nunless_provoked = true";
        let entries = pact("def", "binding", &["A", "B"], &[("c", unless)])
            + &pact("nap", "binding", &["A", "X"], &[("c", NON_AGGRESSION)]);
        assert!(found(&(entries.clone() + &attack("X", "B", "provoked = true"))).is_empty());
        assert_eq!(
            found(&(entries + &attack("X", "B", "provoked = false"))).len(),
            1
        );
    }
}
