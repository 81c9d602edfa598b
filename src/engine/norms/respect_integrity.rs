//! `respect_integrity`: respect the territorial integrity of the beneficiary.
//!
//! | clause | constraint on the bound party A toward beneficiary B |
//! |---|---|
//! | respect_integrity | A does not support independence of B's territories, nor recognise it |
//!
//! A recognition is an act, not a stance on an issue: a bound party that recognises the
//! independence of a territory belonging to its beneficiary breaks the clause by its own act,
//! from the day of the recognition.
//!
//! # Source in law
//!
//! UN Charter art. 2(4); Helsinki Final Act (1975), principle IV.

use super::NormInfo;
use crate::engine::constraint::Item;
use crate::engine::draft::{Draft, Step};
use crate::engine::snapshot::Snapshot;
use crate::finding::Relation;
use crate::model::{Action, EventKind};

pub(crate) const INFO: NormInfo = NormInfo {
    action: "respect_integrity",
    code: "allegiance::norm::respect_integrity",
    summary: "the bound party never recognises the independence of the beneficiary's territory",
};

/// Every recognition, by the date, of a territory that a clause binds its author to respect.
///
/// # Complexity
///
/// `O(e · g)` for `e` recognitions and `g` clauses binding their authors.
pub(crate) fn run(snapshot: &Snapshot<'_>, acc: &mut Vec<Draft>) {
    for (rank, event) in snapshot.events.iter().enumerate() {
        let EventKind::Recognition { by, territory, .. } = &event.kind else {
            continue;
        };
        let owner = snapshot
            .scenario
            .territory(territory)
            .map(|it| &it.belongs_to);
        let (Some(by), Some(owner), Ok(rank)) = (
            snapshot.node(by),
            owner.and_then(|it| snapshot.node(it)),
            u32::try_from(rank),
        ) else {
            continue;
        };
        if event.date > snapshot.date || by == owner {
            continue;
        }
        for group in snapshot.binding().get(by as usize).into_iter().flatten() {
            let Some(group) = snapshot.group(*group) else {
                continue;
            };
            let Some((instrument, clause)) = snapshot.clause(group.clause) else {
                continue;
            };
            if clause.norm.action != Action::RespectIntegrity
                || !super::constrains(clause)
                || !group.beneficiaries.contains(&owner)
            {
                continue;
            }
            let political = instrument.force == crate::model::Force::Political;
            let items = vec![Item::clause(group.clause, by, owner), Item::Event(rank)];
            let step = Step {
                from: by,
                to: owner,
                relation: Relation::Recognised,
                clause: Some(group.clause),
                bound: vec![by],
            };
            acc.push(Draft::act(by, political, items, step));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::{found, pact};

    const TERRITORY: &str =
        "\n[[territories]]\nid = \"north\"\nname = \"North\"\nbelongs_to = \"B\"\n";

    fn recognition(by: &str) -> String {
        format!(
            "\n[[events]]\nid = \"rec\"\nkind = \"recognition\"\ndate = \"2000-01-01\"\nby = \"{by}\"\n\
             territory = \"north\"\nsource = \"test\"\n"
        )
    }

    #[test]
    fn recognising_a_partners_territory_breaks_the_promise() {
        // A promised B to respect its territorial integrity, then recognised the independence
        // of B's territory: a violation by A's own act. C, bound by nothing, is free to.
        let clause = "action = \"respect_integrity\"";
        let entries =
            String::from(TERRITORY) + &pact("p", "binding", &["A", "B"], &[("c", clause)]);
        assert_eq!(
            found(&(entries.clone() + &recognition("A"))),
            ["violation high firm A -: p/c |  | rec"]
        );
        assert!(found(&(entries + &recognition("C"))).is_empty());
    }
}
