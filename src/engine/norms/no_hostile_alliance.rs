//! `no_hostile_alliance`: join no bloc directed against the beneficiary.
//!
//! | clause | constraint on the bound party A toward beneficiary B |
//! |---|---|
//! | no_hostile_alliance | A joins no organisation whose members' obligations are directed against B |
//!
//! An obligation is directed against B when it is a binding duty to defend or to join an
//! offence that names B among its adversaries. Belonging is the bound party's own act, so
//! the finding is a violation for as long as both clauses bind it.

use super::NormInfo;
use crate::engine::constraint::Item;
use crate::engine::draft::{Draft, Proof, Step};
use crate::engine::snapshot::Snapshot;
use crate::finding::{Kind, Relation, Verdict};
use crate::model::{Action, Force, Modality};

pub(crate) const INFO: NormInfo = NormInfo {
    action: "no_hostile_alliance",
    code: "allegiance::norm::no_hostile_alliance",
    summary: "the bound party is bound by no alliance naming the beneficiary as its adversary",
};

/// Every bound party that also belongs to an alliance directed against its beneficiary.
///
/// # Complexity
///
/// `O(Σ i · g)` for `i` instances of such clauses and `g` clauses binding their bound party.
pub(crate) fn run(snapshot: &Snapshot<'_>, acc: &mut Vec<Draft>) {
    for group in &snapshot.groups {
        let Some((instrument, clause)) = snapshot.clause(group.clause) else {
            continue;
        };
        if clause.norm.action != Action::NoHostileAlliance || !super::constrains(clause) {
            continue;
        }
        for (bound, beneficiary) in group.instances() {
            let Some(target) = snapshot.party(beneficiary) else {
                continue;
            };
            for other in snapshot.binding.get(bound as usize).into_iter().flatten() {
                let Some(other) = snapshot.group(*other) else {
                    continue;
                };
                let Some((other_instrument, other_clause)) = snapshot.clause(other.clause) else {
                    continue;
                };
                let norm = &other_clause.norm;
                if !matches!(norm.action, Action::Defend | Action::Offense)
                    || norm.modality != Modality::Obligation
                    || other_instrument.force != Force::Binding
                    || !norm.adversaries.contains(target)
                {
                    continue;
                }
                let political = instrument.force == Force::Political;
                acc.push(Draft {
                    kind: if political {
                        Kind::Tension
                    } else {
                        Kind::Violation
                    },
                    severity: super::super::checks::severity(political, false, false),
                    parties: vec![bound],
                    issue: None,
                    proof: Proof {
                        items: sorted(vec![
                            Item::clause(group.clause, bound, beneficiary),
                            Item::clause(other.clause, bound, bound),
                        ]),
                        steps: vec![Step {
                            from: bound,
                            to: beneficiary,
                            relation: Relation::HostileAlliance,
                            clause: Some(other.clause),
                            bound: vec![bound],
                        }],
                    },
                    also: Vec::new(),
                    verdict: Verdict::Firm,
                    way_out: None,
                });
            }
        }
    }
}

fn sorted(mut items: Vec<Item>) -> Vec<Item> {
    items.sort();
    items
}

#[cfg(test)]
mod tests {
    use crate::test_util::{found, pact};

    #[test]
    fn belonging_to_an_alliance_named_against_the_beneficiary() {
        // A promised B to join no bloc against it, and is bound with C to defend C against B
        // by name: a violation for as long as both bind. An alliance that names no one is not
        // directed against B.
        let promise = pact(
            "p",
            "binding",
            &["A", "B"],
            &[("c", "action = \"no_hostile_alliance\"")],
        );
        let named = "action = \"defend\"\nadversaries = [\"B\"]";
        assert_eq!(
            found(&(promise.clone() + &pact("bloc", "binding", &["A", "C"], &[("c", named)]))),
            ["violation high firm A -: bloc/c p/c |  | "]
        );
        let unnamed = "action = \"defend\"";
        assert!(
            found(&(promise + &pact("bloc", "binding", &["A", "C"], &[("c", unnamed)]))).is_empty()
        );
    }
}
