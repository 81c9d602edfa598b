//! User-defined actions, with the incompatibilities the scenario declares.
//!
//! An obligation to do a user-defined action X contradicts, for the same bound party, an
//! obligation to do an action X is declared incompatible with (either way round), and a
//! prohibition of X itself, wherever their scopes share a domain. Whatever the party does,
//! it breaks one: a conflict.

use super::NormInfo;
use crate::engine::constraint::Item;
use crate::engine::draft::{Draft, Proof, Step};
use crate::engine::snapshot::Snapshot;
use crate::finding::{Kind, Relation, Verdict};
use crate::model::{Action, Clause, Domain, Force, Modality, Scenario};

pub(crate) const INFO: NormInfo = NormInfo {
    action: "(user-defined)",
    code: "allegiance::norm::custom",
    summary: "the bound party does the action; the actions declared incompatible with it clash",
};

/// Every pair of clauses binding one party to incompatible actions.
///
/// # Complexity
///
/// `O(Σ g²)` over the clauses `g` binding each party that carry a user-defined action.
pub(crate) fn run(snapshot: &Snapshot<'_>, acc: &mut Vec<Draft>) {
    for (node, groups) in snapshot.binding().iter().enumerate() {
        let Ok(node) = u32::try_from(node) else {
            continue;
        };
        let obligations: Vec<(u32, &Clause, Force)> = groups
            .iter()
            .filter_map(|it| snapshot.group(*it))
            .filter_map(|group| {
                let (instrument, clause) = snapshot.clause(group.clause)?;
                super::constrains(clause).then_some((group.clause, clause, instrument.force))
            })
            .collect();
        for (rank, clause, force) in &obligations {
            let Action::Custom(_) = clause.norm.action else {
                continue;
            };
            if clause.norm.modality != Modality::Obligation {
                continue;
            }
            for (other_rank, other, other_force) in &obligations {
                if other_rank == rank
                    || !clashes(snapshot.scenario, clause, other)
                    || !share_domain(clause, other)
                    || (matches!(other.norm.action, Action::Custom(_))
                        && other.norm.modality == Modality::Obligation
                        && other_rank < rank)
                {
                    continue;
                }
                let political = *force == Force::Political || *other_force == Force::Political;
                let mut items = vec![
                    Item::clause(*rank, node, node),
                    Item::clause(*other_rank, node, node),
                ];
                items.sort();
                acc.push(Draft {
                    kind: if political {
                        Kind::Tension
                    } else {
                        Kind::Conflict
                    },
                    severity: super::super::checks::severity(political, false, false),
                    parties: vec![node],
                    issue: None,
                    proof: Proof {
                        items,
                        steps: vec![Step {
                            from: node,
                            to: node,
                            relation: Relation::Incompatible,
                            clause: Some(*rank),
                            bound: vec![node],
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

/// Whether an obligation to do `clause`'s action contradicts `other`.
fn clashes(scenario: &Scenario, clause: &Clause, other: &Clause) -> bool {
    let action = &clause.norm.action;
    if other.norm.modality == Modality::Prohibition {
        return &other.norm.action == action;
    }
    let declared = |of: &Action, against: &Action| match of {
        Action::Custom(name) => scenario
            .action(name)
            .is_some_and(|it| it.incompatible_with.contains(against)),
        _ => false,
    };
    declared(action, &other.norm.action) || declared(&other.norm.action, action)
}

fn share_domain(clause: &Clause, other: &Clause) -> bool {
    Domain::ALL
        .iter()
        .any(|(_, it)| clause.norm.scope.covers(*it) && other.norm.scope.covers(*it))
}

#[cfg(test)]
mod tests {
    use crate::test_util::{found, pact};

    const BASE: &str = "\n[[actions]]\nid = \"host_base\"\ndescription = \"Host a foreign base\"\nincompatible_with = [\"neutrality\"]\n";

    #[test]
    fn an_action_declared_incompatible_with_another_obligation() {
        // A must host C's base and must stay neutral toward B: the scenario declares the two
        // incompatible, so whatever A does it breaks one. Where the scopes share no domain,
        // they do not meet.
        let host = "action = \"host_base\"\nbound = [\"A\"]\nscope = [\"security\"]";
        let neutral = |scope: &str| {
            format!("action = \"neutrality\"\nbound = [\"A\"]\nscope = [\"{scope}\"]")
        };
        let entries = |scope: &str| {
            String::from(BASE)
                + &pact("base", "binding", &["A", "C"], &[("c", host)])
                + &pact("neu", "binding", &["A", "B"], &[("c", &neutral(scope))])
        };
        assert_eq!(
            found(&entries("security")),
            ["conflict high firm A -: base/c neu/c |  | "]
        );
        assert!(found(&entries("economy")).is_empty());
    }
}
