//! The graph view: parties as nodes, one edge per (clause, bound party, beneficiary), for the
//! instruments in force on a date.
//!
//! The graph is built with petgraph, which stays private: a public `NodeIndex` would make
//! petgraph's semver ours, and the callers only need parties and commitments (see
//! ARCHITECTURE.md).

use std::collections::BTreeMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{Clause, Date, Instrument, PartyId, Scenario};

/// One commitment: a clause of an instrument in force, binding one party toward another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Commitment<'a> {
    /// The instrument the clause belongs to.
    pub instrument: &'a Instrument,
    /// The clause.
    pub clause: &'a Clause,
    /// The party it binds.
    pub bound: &'a PartyId,
    /// The party it binds the bound party toward.
    pub beneficiary: &'a PartyId,
}

/// The commitments in force on a date, as a directed graph from bound party to beneficiary.
#[derive(Debug)]
pub struct CommitmentGraph<'a> {
    date: Date,
    graph: DiGraph<&'a PartyId, Commitment<'a>>,
    nodes: BTreeMap<&'a PartyId, NodeIndex>,
}

impl<'a> CommitmentGraph<'a> {
    /// Builds the graph of the commitments in force on `date`.
    ///
    /// A clause that names no bound parties binds every party of its instrument on the date;
    /// one that names no beneficiaries binds toward every other party.
    ///
    /// # Complexity
    ///
    /// `O(c · p² · log n)` for `c` clauses in force and `p` parties per instrument: linear in the
    /// edges it builds, which is the size of the output.
    pub fn on(scenario: &'a Scenario, date: Date) -> Self {
        let mut view = CommitmentGraph {
            date,
            graph: DiGraph::new(),
            nodes: BTreeMap::new(),
        };
        for instrument in scenario.instruments() {
            let parties = scenario.parties_of(instrument, date);
            for clause in &instrument.clauses {
                for bound in pick(&parties, clause.bound.as_deref()) {
                    for beneficiary in pick(&parties, clause.beneficiaries.as_deref()) {
                        if bound != beneficiary {
                            view.add(Commitment {
                                instrument,
                                clause,
                                bound,
                                beneficiary,
                            });
                        }
                    }
                }
            }
        }
        view
    }

    fn add(&mut self, commitment: Commitment<'a>) {
        let from = self.node(commitment.bound);
        let to = self.node(commitment.beneficiary);
        self.graph.add_edge(from, to, commitment);
    }

    fn node(&mut self, party: &'a PartyId) -> NodeIndex {
        *self
            .nodes
            .entry(party)
            .or_insert_with(|| self.graph.add_node(party))
    }

    /// The date the graph describes.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The parties that are bound or benefit, in id order.
    pub fn parties(&self) -> impl Iterator<Item = &'a PartyId> + '_ {
        self.nodes.keys().copied()
    }

    /// Every commitment, in the order of the scenario's instruments and clauses.
    pub fn commitments(&self) -> impl Iterator<Item = &Commitment<'a>> {
        self.graph.edge_weights()
    }

    /// The commitments that bind `party`, in the order of the scenario's instruments and
    /// clauses.
    pub fn binding(&self, party: &PartyId) -> Vec<&Commitment<'a>> {
        let Some(node) = self.nodes.get(party) else {
            return Vec::new();
        };
        let mut edges: Vec<_> = self
            .graph
            .edges(*node)
            .map(|edge| (edge.id(), edge.weight()))
            .collect();
        // petgraph lists a node's edges newest first; the scenario's order reads better.
        edges.sort_by_key(|(id, _)| *id);
        edges.into_iter().map(|(_, it)| it).collect()
    }

    /// How many commitments there are.
    pub fn commitment_count(&self) -> usize {
        self.graph.edge_count()
    }
}

/// The named parties that are parties on the date, or all of them when none are named.
fn pick<'a>(parties: &[&'a PartyId], named: Option<&'a [PartyId]>) -> Vec<&'a PartyId> {
    match named {
        None => parties.to_vec(),
        Some(named) => named.iter().filter(|it| parties.contains(it)).collect(),
    }
}
