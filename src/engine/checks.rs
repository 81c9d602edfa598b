//! Checks: turn clashes into findings of one kind, with their severity and verdict.
//!
//! * **conflict**: the obligations on a party contradict each other whatever that party
//!   itself does (none of its own positions or acts is in the witness);
//! * **violation**: a party's own declared position or act breaks one of its obligations
//!   that it could otherwise keep;
//! * **tension**: the contradiction arises only through a political instrument, or the
//!   obligations leave a party one narrow way out;
//! * **imbalance**: an unbalanced triad of the signed graph (see `imbalance`).

pub(crate) mod imbalance;

use std::collections::{BTreeMap, BTreeSet};

use super::constraint::{Constraint, Item, Items, Node, Rule, Tell, Val, Var};
use super::draft::{Draft, Proof, Step};
use super::issue::{self, Lowering};
use super::snapshot::Snapshot;
use super::{norms, solve, verdict};
use crate::finding::{Kind, Severity, Verdict};
use crate::model::{Force, Stance};

/// Every finding on the snapshot's date but imbalance, grouped: one draft per kind, parties
/// and issue, its other minimal witnesses in `also`.
pub(crate) fn run(snapshot: &Snapshot<'_>, only: &super::timeline::Only) -> Vec<Draft> {
    let mut drafts = Vec::new();
    for issue in snapshot.scenario.issues() {
        if only.issue(&issue.id) {
            issue::run(snapshot, issue, &mut drafts);
        }
    }
    if only.acts {
        norms::recognitions(snapshot, &mut drafts);
        norms::hostile_alliances(snapshot, &mut drafts);
        norms::custom_actions(snapshot, &mut drafts);
    }
    group(drop_unkeepable_violations(drafts))
}

/// The severity of a contradiction: a political instrument or a strict reading lowers it, a
/// duty to fight raises it.
pub(crate) fn severity(political: bool, interpretive: bool, fight: bool) -> Severity {
    match (political || interpretive, fight) {
        (true, _) => Severity::Medium,
        (false, true) => Severity::Critical,
        (false, false) => Severity::High,
    }
}

/// The finding a minimal unsatisfiable set of items makes on the lowering's issue.
pub(crate) fn contradiction(lowering: &Lowering<'_, '_>, items: Vec<Item>) -> Option<Draft> {
    let snapshot = lowering.snapshot;
    let constraints = lowering.lower(&items);
    let clash = solve::clash(&constraints)?;
    let steps = chain(snapshot, &constraints, &clash.steps);
    let fixed = facts(&constraints);
    let actors: BTreeSet<Node> = constraints.iter().filter_map(|it| it.tell.actor).collect();
    let bound: BTreeSet<Node> = steps.iter().flat_map(|it| it.bound.clone()).collect();
    let derived: Vec<Node> = bound.difference(&fixed).copied().collect();
    let own: Vec<Node> = bound.intersection(&actors).copied().collect();
    let (kind, parties) = if !derived.is_empty() {
        (Kind::Conflict, derived)
    } else if !own.is_empty() {
        (Kind::Violation, own)
    } else {
        (Kind::Conflict, bound.into_iter().collect())
    };
    let political = items.iter().filter_map(|it| it.rank()).any(|rank| {
        snapshot
            .clause(rank)
            .is_some_and(|(it, _)| it.force == Force::Political)
    });
    let fight = clash
        .used()
        .iter()
        .filter_map(|at| constraints.get(*at))
        .any(|it| {
            it.tell.clause.is_some()
                && matches!(
                    it.rule,
                    Rule::Fix(Var::Fight(_), _)
                        | Rule::Exclude(Var::Fight(_), _)
                        | Rule::NotOpposite(Var::Fight(_), _)
                )
        });
    let verdict = verdict::of(lowering, &items, &parties);
    let interpretive = matches!(verdict, Verdict::Interpretive { .. });
    Some(Draft {
        kind: if political { Kind::Tension } else { kind },
        severity: severity(political, interpretive, fight),
        parties,
        issue: Some(lowering.view.id.clone()),
        proof: Proof { items, steps },
        also: Vec::new(),
        verdict,
        way_out: None,
    })
}

/// The tension of a party left one way out, neutrality, by the items given; minimised.
pub(crate) fn narrow(lowering: &Lowering<'_, '_>, focus: Node, items: Vec<Item>) -> Option<Draft> {
    let forced = |items: &[Item]| {
        let constraints = lowering.lower(items);
        let with = |val: Val| {
            let mut all = constraints.clone();
            all.push(Constraint {
                rule: Rule::Fix(Var::Stance(focus), val),
                items: Items::NONE,
                tell: Tell::FACT,
            });
            solve::satisfiable(&all)
        };
        solve::satisfiable(&constraints) && !with(Val::Plus) && !with(Val::Minus)
    };
    let items = solve::minimise(items, forced)?;
    let constraints = lowering.lower(&items);
    let order: Vec<usize> = (0..constraints.len()).collect();
    let mut steps = chain(lowering.snapshot, &constraints, &order);
    steps.sort();
    steps.dedup();
    Some(Draft {
        kind: Kind::Tension,
        severity: Severity::Low,
        parties: vec![focus],
        issue: Some(lowering.view.id.clone()),
        proof: Proof { items, steps },
        also: Vec::new(),
        verdict: Verdict::Firm,
        way_out: Some(Stance::Neutral),
    })
}

/// The parties whose stance or side is a fact of the witness (a position or an event), not
/// the effect of an obligation.
fn facts(constraints: &[Constraint]) -> BTreeSet<Node> {
    constraints
        .iter()
        .filter(|it| it.tell.relation.is_none())
        .filter_map(|it| match it.rule {
            Rule::Fix(var, _) => Some(var.node()),
            _ => None,
        })
        .collect()
}

/// The chain of a clash: each constraint of `order` from a clause becomes a step, oriented
/// the way the value travelled.
fn chain(snapshot: &Snapshot<'_>, constraints: &[Constraint], order: &[usize]) -> Vec<Step> {
    // The parties whose stance or side is a fact of the witness: a step between a fact and a
    // party caught by obligations points to the party caught.
    let facts = facts(constraints);
    let mut steps: Vec<Step> = Vec::new();
    let mut current: Option<Node> = None;
    for at in order {
        let Some(it) = constraints.get(*at) else {
            continue;
        };
        let (Some(relation), Some(from)) = (it.tell.relation, it.tell.from) else {
            if let Rule::Fix(var, _) = it.rule {
                current = Some(var.node());
            }
            continue;
        };
        let (from, to) = match it.rule {
            Rule::Fix(var, _) | Rule::Exclude(var, _) => (from, var.node()),
            Rule::Same(left, right) => oriented(current, left, right),
            Rule::NotOpposite(left, right) => {
                let (left, right) = (left.node(), right.node());
                match (facts.contains(&left), facts.contains(&right)) {
                    (true, false) => (left, right),
                    (false, true) => (right, left),
                    _ => {
                        let (to, from) = oriented(current, right, left);
                        (from, to)
                    }
                }
            }
        };
        current = Some(match it.rule {
            Rule::NotOpposite(..) => from,
            _ => to,
        });
        let step = Step {
            from,
            to,
            relation,
            clause: it.tell.clause,
            bound: it
                .tell
                .clause
                .map_or_else(Vec::new, |rank| bound_at(snapshot, rank, from, to)),
        };
        if !steps.contains(&step) {
            steps.push(step);
        }
    }
    steps
}

/// `(from, to)` for an edge walked from `current`.
fn oriented(current: Option<Node>, left: Node, right: Node) -> (Node, Node) {
    if current == Some(right) {
        (right, left)
    } else {
        (left, right)
    }
}

/// The parties the clause binds toward each other among `one` and `other`: one of them, or
/// both. Read from the clause, not from the witness, so that a mutual clause reads the same
/// whichever of its two instances the witness kept.
fn bound_at(snapshot: &Snapshot<'_>, rank: u32, one: Node, other: Node) -> Vec<Node> {
    let Some(group) = snapshot.group_of_clause(rank) else {
        return Vec::new();
    };
    let binds = |bound: Node, beneficiary: Node| {
        bound != beneficiary
            && group.bound.contains(&bound)
            && group.beneficiaries.contains(&beneficiary)
    };
    let mut bound: Vec<Node> = [(one, other), (other, one)]
        .into_iter()
        .filter(|(bound, beneficiary)| binds(*bound, *beneficiary))
        .map(|(bound, _)| bound)
        .collect();
    bound.sort_unstable();
    bound
}

/// A party caught in a conflict on an issue could not keep the obligation its own position
/// breaks anyway: the conflict is reported, not the violation.
fn drop_unkeepable_violations(drafts: Vec<Draft>) -> Vec<Draft> {
    let conflicts: BTreeSet<(Node, Option<crate::model::IssueId>)> = drafts
        .iter()
        .filter(|it| it.kind == Kind::Conflict)
        .flat_map(|it| it.parties.iter().map(|party| (*party, it.issue.clone())))
        .collect();
    drafts
        .into_iter()
        .filter(|it| {
            it.kind != Kind::Violation
                || !it
                    .parties
                    .iter()
                    .all(|party| conflicts.contains(&(*party, it.issue.clone())))
        })
        .collect()
}

/// One draft per kind, parties and issue; the smallest witness leads, the rest follow.
pub(crate) fn group(drafts: Vec<Draft>) -> Vec<Draft> {
    type Key = (
        Kind,
        Vec<Node>,
        Option<crate::model::IssueId>,
        Option<Stance>,
    );
    let mut groups: BTreeMap<Key, Vec<Draft>> = BTreeMap::new();
    for draft in drafts {
        let key = (
            draft.kind,
            draft.parties.clone(),
            draft.issue.clone(),
            draft.way_out,
        );
        groups.entry(key).or_default().push(draft);
    }
    groups
        .into_values()
        .filter_map(|mut members| {
            members.sort_by(|a, b| {
                (a.proof.items.len(), &a.proof).cmp(&(b.proof.items.len(), &b.proof))
            });
            let mut members = members.into_iter();
            let mut lead = members.next()?;
            for other in members {
                // The gravest reading of any witness is the finding's.
                lead.severity = lead.severity.max(other.severity);
                if matches!(other.verdict, Verdict::Firm) {
                    lead.verdict = Verdict::Firm;
                }
                if !lead.also.contains(&other.proof) && other.proof != lead.proof {
                    lead.also.push(other.proof);
                }
            }
            Some(lead)
        })
        .collect()
}
