//! Harmonise before you accuse (ILC, *Fragmentation of international law*, 2006, conclusion
//! 4): does a finding survive the most lenient reading of every clause in its witness?
//!
//! The lenient reading, tried in this order:
//!
//! 1. every strict alignment is read loosely ("coordinate" as "hold similar positions": only
//!    opposite stances clash), and a `no_harm` clause that leaves the judgement of harm to no
//!    one counts only the wars its beneficiary fights in as touching its interests;
//! 2. an instrument with a savings clause ("takes into account the international obligations
//!    of each party", VCLT art. 30(2)) yields to the other binding instruments of the witness.
//!
//! A finding that either dissolves is *interpretive*, and names the clauses whose reading
//! dissolves it and the stances that then keep every obligation of the witness.

use std::collections::BTreeSet;

use super::constraint::{Constraint, Item, Items, Node, Rule, Tell, Val, Var};
use super::draft::clause_ref;
use super::issue::Lowering;
use super::solve;
use crate::finding::{Relation, Verdict};
use crate::model::{Action, Force, Reading, Saving, Stance};

/// The verdict on the minimal witness `items`, whose finding is about `parties`.
pub(crate) fn of(lowering: &Lowering<'_, '_>, items: &[Item], parties: &[Node]) -> Verdict {
    let snapshot = lowering.snapshot;
    let constraints = lowering.lower(items);
    let (lenient, changed) = lenient(lowering, constraints);
    if !changed.is_empty() && solve::satisfiable(&lenient) {
        let reading = changed
            .iter()
            .filter_map(|rank| {
                let (instrument, clause) = snapshot.clause(*rank)?;
                Some(if clause.norm.action == Action::Align {
                    format!(
                        "`{}` of `{}` read loosely (similar, not the same, positions)",
                        clause.label, instrument.id
                    )
                } else {
                    format!(
                        "`{}` of `{}` read as harmed only by a stance against a war its beneficiary fights",
                        clause.label, instrument.id
                    )
                })
            })
            .collect::<Vec<_>>()
            .join("; ");
        return Verdict::Interpretive {
            dissolved_by: changed
                .iter()
                .filter_map(|it| clause_ref(snapshot, *it))
                .collect(),
            reading,
            ways_out: ways_out(&lenient, parties),
        };
    }
    if let Some((saving, yields)) = yielding(lowering, items) {
        let kept: Vec<Constraint> = lenient
            .into_iter()
            .filter(|it| !it.tell.clause.is_some_and(|rank| yields.contains(&rank)))
            .collect();
        if solve::satisfiable(&kept) {
            return Verdict::Interpretive {
                dissolved_by: yields
                    .iter()
                    .filter_map(|it| clause_ref(snapshot, *it))
                    .collect(),
                reading: format!(
                    "`{saving}` yields to its parties' other obligations (savings clause, VCLT art. 30(2))"
                ),
                ways_out: ways_out(&kept, parties),
            };
        }
    }
    Verdict::Firm
}

/// The constraints under the lenient reading, and the clauses it changed.
fn lenient(
    lowering: &Lowering<'_, '_>,
    constraints: Vec<Constraint>,
) -> (Vec<Constraint>, BTreeSet<u32>) {
    let snapshot = lowering.snapshot;
    let mut changed = BTreeSet::new();
    let mut acc = Vec::new();
    for mut it in constraints {
        let clause = it
            .tell
            .clause
            .and_then(|rank| Some((rank, snapshot.clause(rank)?.1)));
        match (it.rule, clause) {
            (Rule::Same(left, right), Some((rank, clause)))
                if clause.norm.reading == Reading::Strict =>
            {
                it.rule = Rule::NotOpposite(Var::Stance(left), Var::Stance(right));
                it.tell.relation = Some(Relation::NotOpposite);
                changed.insert(rank);
            }
            (Rule::Exclude(Var::Stance(_), _), Some((rank, clause)))
                if clause.norm.action == Action::NoHarm
                    && !clause.norm.discretion
                    && it
                        .items
                        .iter()
                        .any(|item| matches!(item, Item::Position(_))) =>
            {
                changed.insert(rank);
                continue;
            }
            _ => {}
        }
        acc.push(it);
    }
    (acc, changed)
}

/// An instrument of the witness with a savings clause, when another binding instrument is in
/// the witness too: its id, and its clauses there.
fn yielding(lowering: &Lowering<'_, '_>, items: &[Item]) -> Option<(String, BTreeSet<u32>)> {
    let snapshot = lowering.snapshot;
    let clauses: Vec<(u32, &crate::model::Instrument)> = items
        .iter()
        .filter_map(|item| match item {
            Item::Clause(rank, ..) => Some((*rank, snapshot.clause(*rank)?.0)),
            _ => None,
        })
        .collect();
    let saving = clauses
        .iter()
        .find(|(_, it)| it.savings.contains(&Saving::RespectsOtherObligations))?
        .1;
    let other_binding = clauses
        .iter()
        .any(|(_, it)| it.id != saving.id && it.force == Force::Binding);
    other_binding.then(|| {
        let yields = clauses
            .iter()
            .filter(|(_, it)| it.id == saving.id)
            .map(|(rank, _)| *rank)
            .collect();
        (saving.id.to_string(), yields)
    })
}

/// The stances that, taken by every party of the finding, keep every constraint.
fn ways_out(constraints: &[Constraint], parties: &[Node]) -> Vec<Stance> {
    Val::ALL
        .into_iter()
        .filter(|val| {
            let mut all = constraints.to_vec();
            all.extend(parties.iter().map(|node| Constraint {
                rule: Rule::Fix(Var::Stance(*node), *val),
                items: Items::NONE,
                tell: Tell::FACT,
            }));
            solve::satisfiable(&all)
        })
        .map(Val::stance)
        .collect()
}
