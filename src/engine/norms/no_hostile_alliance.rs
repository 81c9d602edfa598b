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
use crate::engine::draft::{Draft, Step};
use crate::engine::snapshot::Snapshot;
use crate::finding::Relation;
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
            for other in snapshot.binding().get(bound as usize).into_iter().flatten() {
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
                let items = vec![
                    Item::clause(group.clause, bound, beneficiary),
                    Item::clause(other.clause, bound, bound),
                ];
                let step = Step {
                    from: bound,
                    to: beneficiary,
                    relation: Relation::HostileAlliance,
                    clause: Some(other.clause),
                    bound: vec![bound],
                };
                acc.push(Draft::act(bound, political, items, step));
            }
        }
    }
}
