//! `align`: coordinate, or hold the same or similar positions.
//!
//! | clause | constraint on the bound party A toward beneficiary B, on issue I in its scope |
//! |---|---|
//! | align strict | stance(A, I) = stance(B, I) |
//! | align loose | stance(A, I) and stance(B, I) are not opposite |
//!
//! Alignment travels along chains of partners: A aligned with B and B with D forces
//! stance(A) = stance(D) while both obligations are kept. Strict alignments of a domain are
//! therefore merged into components once per date (see `snapshot`), never once per issue.
//! A prohibition to align constrains nothing and is reported as context.

use super::{Instance, NormInfo};
use crate::engine::constraint::{Constraint, Items, Rule, Var};
use crate::finding::Relation;
use crate::model::Reading;

pub(crate) const INFO: NormInfo = NormInfo {
    action: "align",
    code: "allegiance::norm::align",
    summary: "strict: the bound party holds the beneficiary's stance; loose: never the opposite one",
};

pub(super) fn lower(it: &Instance<'_>, acc: &mut Vec<Constraint>) {
    let (rule, relation) = match it.clause.norm.reading {
        Reading::Strict => (Rule::Same(it.bound, it.beneficiary), Relation::Same),
        Reading::Loose => (
            Rule::NotOpposite(Var::Stance(it.bound), Var::Stance(it.beneficiary)),
            Relation::NotOpposite,
        ),
    };
    acc.push(it.constraint(rule, Items::one(it.item()), it.beneficiary, relation));
}

#[cfg(test)]
mod tests {
    use crate::test_util::{found, pact, position};

    const STRICT: &str = "action = \"align\"\nreading = \"strict\"";
    const LOOSE: &str = "action = \"align\"\nreading = \"loose\"";

    #[test]
    fn strict_alignment_broken_by_ones_own_position() {
        // A and B must hold the same stance on q; B opposes, A supports. A's own position
        // breaks the clause (and so does B's: the clause binds both toward each other).
        // Read loosely, support and oppose are still opposite: firm.
        let entries = pact("p", "binding", &["A", "B"], &[("c", STRICT)])
            + &position("A", "q", "support")
            + &position("B", "q", "oppose");
        assert_eq!(found(&entries), ["violation high firm A,B q: p/c | A B | "]);
    }

    #[test]
    fn strict_alignment_travels_along_a_chain() {
        // A = B and B = C strictly; A supports, C opposes: B, silent, is caught in between,
        // whatever it says. Loosely read, B can be neutral: interpretive.
        let entries = pact("ab", "binding", &["A", "B"], &[("c", STRICT)])
            + &pact("bc", "binding", &["B", "C"], &[("c", STRICT)])
            + &position("A", "q", "support")
            + &position("C", "q", "oppose");
        assert_eq!(
            found(&entries),
            ["conflict medium interpretive B q: ab/c bc/c | A C | "]
        );
    }

    #[test]
    fn two_loose_steps_leave_neutrality_as_the_one_way_out() {
        // B must not oppose A (who supports) nor support C (who opposes): only neutrality
        // keeps both. Not a contradiction, a tension.
        let entries = pact("ab", "binding", &["A", "B"], &[("c", LOOSE)])
            + &pact("bc", "binding", &["B", "C"], &[("c", LOOSE)])
            + &position("A", "q", "support")
            + &position("C", "q", "oppose");
        assert_eq!(
            found(&entries),
            ["tension low firm way out neutral B q: ab/c bc/c | A C | "]
        );
    }

    #[test]
    fn alignment_outside_its_scope_binds_nothing() {
        // The clause covers security only; q is a foreign-policy issue.
        let scoped = "action = \"align\"\nreading = \"strict\"\nscope = [\"security\"]";
        let entries = pact("p", "binding", &["A", "B"], &[("c", scoped)])
            + &position("A", "q", "support")
            + &position("B", "q", "oppose");
        assert!(found(&entries).is_empty());
    }
}
