//! Hypothetical clauses added to a date's view and taken out again, without building the
//! view anew: what a what-if on clash points needs on a world-sized scenario.
//!
//! The added clauses are ranked after every clause of the scenario, so the groups, and the
//! lists of groups under each party, stay sorted by appending. A strict alignment merges the
//! components it joins into the largest one, which keeps its representative (the fewest
//! parties change component, so the fewest issues are looked at again); the loose
//! alignments listed under the merged components move to it, once each.

use std::collections::{BTreeMap, BTreeSet};

use super::{DomainGraph, Group, Snapshot, list_loose, pick};
use crate::engine::constraint::Node;
use crate::model::{Domain, Instrument, PartyId, Reading};

/// How to take added clauses out again.
#[derive(Debug)]
pub(crate) struct Added {
    /// How many hypothetical clauses the view had before.
    hypothetical: usize,
    groups: usize,
    /// The parties whose lists of groups grew.
    touched: Vec<Node>,
    /// The graphs the clauses changed, as they were, by domain index: their roots and loose
    /// alignments only. The strict lists are not copied (a world's are a million entries
    /// over every party): the added groups are pushed onto them and popped off again.
    graphs: Vec<(usize, DomainGraph)>,
}

impl Added {
    /// The graph of domain `at` before the clauses were added, when they changed it: its
    /// roots and loose alignments (its strict lists are left empty).
    pub(crate) fn graph_before(&self, at: usize) -> Option<&DomainGraph> {
        self.graphs
            .iter()
            .find_map(|(domain, graph)| (*domain == at).then_some(graph))
    }

    /// The indexes of the added groups.
    pub(crate) fn groups(&self, snapshot: &Snapshot<'_>) -> std::ops::Range<usize> {
        self.groups..snapshot.groups.len()
    }
}

impl<'a> Snapshot<'a> {
    /// Adds the clauses of `instruments` that bind anyone on the date, after every clause
    /// of the scenario, and says how to take them out ([`Snapshot::remove`]).
    ///
    /// # Complexity
    ///
    /// `O(c + p log n)` for `c` clauses naming `p` parties, plus `O(n + l)` per domain a
    /// strict alignment among them changes, for `n` parties and `l` loose alignments listed.
    pub(crate) fn add(&mut self, instruments: &'a [Instrument]) -> Added {
        let (hypothetical, groups) = (self.hypothetical.len(), self.groups.len());
        for instrument in instruments {
            let mut members: Vec<Node> = self
                .scenario
                .parties_of(instrument, self.date)
                .into_iter()
                .filter_map(|it| self.node(it))
                .collect();
            members.sort_unstable();
            members.dedup();
            for clause in &instrument.clauses {
                let Ok(rank) = u32::try_from(self.clause_count()) else {
                    continue;
                };
                self.hypothetical.push((instrument, clause));
                if members.is_empty() {
                    self.groups.push(Group::absent(rank));
                    continue;
                }
                let bound = self.nodes(clause.bound.as_deref());
                let beneficiaries = self.nodes(clause.beneficiaries.as_deref());
                self.groups.push(Group {
                    clause: rank,
                    in_force: true,
                    bound: pick(&members, bound.as_deref()),
                    beneficiaries: pick(&members, beneficiaries.as_deref()),
                });
            }
        }
        self.index_groups(groups);
        let mut touched: Vec<Node> = self
            .groups
            .get(groups..)
            .unwrap_or(&[])
            .iter()
            .flat_map(|it| it.bound.iter().chain(&it.beneficiaries).copied())
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let mut graphs = Vec::new();
        for at in 0..Domain::ALL.len() {
            if let Some(before) = self.align(at, groups) {
                graphs.push((at, before));
            }
        }
        Added {
            hypothetical,
            groups,
            touched,
            graphs,
        }
    }

    /// Takes out the clauses [`Snapshot::add`] added.
    pub(crate) fn remove(&mut self, added: Added) {
        let first = u32::try_from(added.groups).unwrap_or(u32::MAX);
        // The added groups end each list they joined: popped off from the touched parties'.
        let pop = |lists: &mut Vec<Vec<u32>>| {
            for node in &added.touched {
                if let Some(list) = lists.get_mut(*node as usize) {
                    while list.last().is_some_and(|it| *it >= first) {
                        list.pop();
                    }
                }
            }
        };
        pop(&mut self.non_aggression_toward);
        pop(&mut self.duties_toward);
        if let Some(binding) = self.binding.get_mut() {
            pop(binding);
        }
        pop(&mut self.harms_binding);
        for node in &added.touched {
            if let Some(list) = self.harms_toward.get_mut(*node as usize) {
                while list.last().is_some_and(|it| it.group >= first) {
                    list.pop();
                }
            }
        }
        self.groups.truncate(added.groups);
        self.hypothetical.truncate(added.hypothetical);
        for (at, graph) in added.graphs {
            let Some(slot) = self.domains.get_mut(at) else {
                continue;
            };
            slot.root = graph.root;
            slot.loose = graph.loose;
            pop(&mut slot.strict);
        }
    }

    /// The nodes of named parties, sorted, once each; `None` when none are named.
    fn nodes(&self, named: Option<&[PartyId]>) -> Option<Vec<Node>> {
        named.map(|named| {
            let mut nodes: Vec<Node> = named.iter().filter_map(|it| self.node(it)).collect();
            nodes.sort_unstable();
            nodes.dedup();
            nodes
        })
    }

    /// Applies the alignments among the groups from `from` on to the graph of domain `at`,
    /// returning the graph's roots and loose alignments as they were when they change it.
    fn align(&mut self, at: usize, from: usize) -> Option<DomainGraph> {
        let mut changed: Option<DomainGraph> = None;
        let added = self.groups.get(from..).unwrap_or(&[]);
        for (offset, group) in added.iter().enumerate() {
            let Some(reading) = self.kind(group.clause).align.get(at).copied().flatten() else {
                continue;
            };
            if group.instances().next().is_none() {
                continue;
            }
            let (Ok(index), Some(graph)) = (u32::try_from(from + offset), self.domains.get_mut(at))
            else {
                continue;
            };
            if changed.is_none() {
                changed = Some(DomainGraph {
                    root: graph.root.clone(),
                    strict: Vec::new(),
                    loose: graph.loose.clone(),
                });
            }
            match reading {
                Reading::Strict => merge(graph, index, group),
                Reading::Loose => list_loose(graph, index, group),
            }
        }
        changed
    }
}

/// Joins the members of the strict alignment `group` (at `index`) into one component.
fn merge(graph: &mut DomainGraph, index: u32, group: &Group) {
    let members = group.bound.iter().chain(&group.beneficiaries);
    for node in members.clone() {
        if let Some(list) = graph.strict.get_mut(*node as usize) {
            list.push(index);
        }
    }
    let mut roots: Vec<Node> = members
        .filter_map(|it| graph.root.get(*it as usize).copied())
        .collect();
    roots.sort_unstable();
    roots.dedup();
    if roots.len() < 2 {
        return;
    }
    // The largest component keeps its representative.
    let mut sizes: BTreeMap<Node, usize> = roots.iter().map(|it| (*it, 0)).collect();
    for root in &graph.root {
        if let Some(size) = sizes.get_mut(root) {
            *size += 1;
        }
    }
    let Some(keep) = sizes
        .iter()
        .max_by_key(|(root, size)| (**size, std::cmp::Reverse(**root)))
        .map(|(root, _)| *root)
    else {
        return;
    };
    let merged = |root: Node| root != keep && roots.binary_search(&root).is_ok();
    for root in &mut graph.root {
        if merged(*root) {
            *root = keep;
        }
    }
    // The loose alignments of the merged components: under the one they joined, an
    // instance now inside it once.
    let mut moved: Vec<(Node, u32, Node, Node)> = Vec::new();
    for root in &roots {
        if *root != keep
            && let Some(list) = graph.loose.remove(root)
        {
            moved.extend(list);
        }
    }
    for list in graph.loose.values_mut() {
        for entry in list.iter_mut() {
            if merged(entry.0) {
                entry.0 = keep;
            }
        }
    }
    if moved.is_empty() {
        // No list for a component without loose alignments: the tracker's patches read
        // one as loose alignments to follow.
        return;
    }
    let list = graph.loose.entry(keep).or_default();
    let mut listed: BTreeSet<(u32, Node, Node)> =
        list.iter().map(|it| (it.1, it.2, it.3)).collect();
    for (other, at, bound, party) in moved {
        let other = if merged(other) { keep } else { other };
        if listed.insert((at, bound, party)) {
            list.push((other, at, bound, party));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Snapshot;
    use crate::engine::snapshot::differences;
    use crate::test_util::{DAY, pact, scenario};

    #[test]
    fn clauses_added_and_taken_out_leave_the_view_as_it_was() {
        // A and B strictly aligned, C and X loosely: components {A, B}, {C} and {X}, with C
        // and X's loose alignment listed under both.
        let strict = ("1", "action = \"align\"\nreading = \"strict\"");
        let loose = ("1", "action = \"align\"\nreading = \"loose\"");
        let base = scenario(&format!(
            "{}{}",
            pact("ab", "binding", &["A", "B"], &[strict]),
            pact("cx", "binding", &["C", "X"], &[loose]),
        ));
        // B and C strictly aligned, and a no-harm duty: {A, B, C} becomes one component,
        // its loose alignment with X moves under it, and B's and C's lists grow.
        let extra = scenario(&pact(
            "bc",
            "binding",
            &["B", "C"],
            &[strict, ("2", "action = \"no_harm\"")],
        ));
        let day = DAY.parse().unwrap_or_else(|e| panic!("{e}"));
        let mut view = Snapshot::new(&base, day);
        let fresh = Snapshot::new(&base, day);
        let node = |id: &str| {
            let id: crate::model::PartyId = id.parse().unwrap_or_else(|e| panic!("{e}"));
            view.node(&id).unwrap_or_else(|| panic!("no node"))
        };
        let (a, c) = (node("A"), node("C"));
        let added = view.add(&extra.instruments);
        assert!(
            view.domains
                .iter()
                .all(|it| it.root.get(a as usize) == it.root.get(c as usize)),
            "A and C joined in every domain"
        );
        assert_eq!(
            differences(&view, &fresh),
            [
                "groups",
                "duties_toward",
                "harms_toward",
                "binding",
                "harms_binding",
                "domains",
                "hypothetical"
            ]
        );
        view.remove(added);
        assert_eq!(differences(&view, &fresh), Vec::<&str>::new());
    }

    #[test]
    fn components_joined_without_loose_alignments_list_none() {
        // A and B strictly aligned; B and C joined by a hypothetical strict alignment. No
        // loose alignment anywhere: a list, even empty, would read as one to follow.
        let strict = ("1", "action = \"align\"\nreading = \"strict\"");
        let base = scenario(&pact("ab", "binding", &["A", "B"], &[strict]));
        let extra = scenario(&pact("bc", "binding", &["B", "C"], &[strict]));
        let day = DAY.parse().unwrap_or_else(|e| panic!("{e}"));
        let mut view = Snapshot::new(&base, day);
        let added = view.add(&extra.instruments);
        assert!(view.domains.iter().all(|it| it.loose.is_empty()));
        view.remove(added);
    }
}
