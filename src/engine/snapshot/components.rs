//! The strict-alignment components of one domain kept across a move between dates, instead
//! of found again from every alignment clause of the domain: a move begins or ends a few
//! dozen alignments among a hundred thousand.
//!
//! Each component is named by its smallest party (see `Snapshot::graph_of`), and that is
//! kept: an alignment that ends is taken out of the lists and, if it was bilateral, its two
//! parties are searched for each other breadth first from both sides at once, so that a
//! party that leaves a giant component costs its own side only; the side exhausted first is
//! a component of its own. An alignment that begins joins its parties' components. An
//! alignment of more than two parties that ends, or a search that runs long, gives up: the
//! caller finds the roots again from the lists, which are kept exact either way.

use std::collections::VecDeque;

use super::{DomainGraph, Group};
use crate::engine::constraint::Node;

/// A strict alignment whose parties changed, by rank: as it was and as it is.
pub(super) type Change<'g> = (u32, &'g Group, &'g Group);

/// Updates the strict lists of `graph` for the `changes` (sorted by rank) and its roots with
/// them; `groups` are the view's, as they are now. Returns whether a root changed, or `None`
/// when the roots must be found again from the lists.
pub(super) fn patch(
    graph: &mut DomainGraph,
    changes: &[Change<'_>],
    groups: &[Group],
) -> Option<bool> {
    let count = graph.root.len();
    let mut mark = vec![0u8; count];
    let budget = (count / 8).max(1024);
    let mut exact = true;
    let mut moved = false;
    // An alignment that ends first, on the lists holding every other alignment as it was:
    // each such removal splits a component in two at most.
    for (rank, old, _) in changes {
        if !joins(old) {
            continue;
        }
        for node in members(old) {
            if let Some(list) = graph.strict.get_mut(*node as usize) {
                super::put(list, *rank, false);
            }
        }
        if !exact {
            continue;
        }
        let parties = parties(old);
        let [one, other] = parties.as_slice() else {
            exact = false;
            continue;
        };
        // Alignments still to be taken out are read as they were.
        let group_of = |at: u32| match changes.binary_search_by_key(&at, |it| it.0) {
            Ok(found) => changes.get(found).map(|it| it.1),
            Err(_) => groups.get(at as usize),
        };
        match search(&graph.strict, *one, *other, &group_of, &mut mark, budget) {
            Search::Joined => {}
            Search::TooFar => exact = false,
            Search::Split(side) => {
                split(&mut graph.root, &side, &mut mark);
                moved = true;
            }
        }
    }
    // Then those that begin, joining components.
    let mut merged: Vec<(Node, Node)> = Vec::new();
    for (rank, _, new) in changes {
        if !joins(new) {
            continue;
        }
        for node in members(new) {
            if let Some(list) = graph.strict.get_mut(*node as usize) {
                super::put(list, *rank, true);
            }
        }
        if let Some(first) = new.bound.iter().chain(&new.beneficiaries).copied().min() {
            merged.extend(members(new).map(|it| (first, *it)));
        }
    }
    if !exact {
        return None;
    }
    Some(join(&mut graph.root, &merged) || moved)
}

/// Whether a group joins anyone: only those are listed and joined (see `graph_of`).
fn joins(group: &Group) -> bool {
    group.instances().next().is_some()
}

fn members(group: &Group) -> impl Iterator<Item = &Node> + Clone {
    group.bound.iter().chain(&group.beneficiaries)
}

/// The parties of a group, sorted, once each.
fn parties(group: &Group) -> Vec<Node> {
    let mut parties: Vec<Node> = members(group).copied().collect();
    parties.sort_unstable();
    parties.dedup();
    parties
}

enum Search {
    Joined,
    /// The parties of the side found whole first: a component of its own.
    Split(Vec<Node>),
    TooFar,
}

/// Whether `one` and `other` are still in one component of the lists, searching from both
/// at once, a party from each side in turn.
fn search<'g>(
    lists: &[Vec<u32>],
    one: Node,
    other: Node,
    group_of: &dyn Fn(u32) -> Option<&'g Group>,
    mark: &mut [u8],
    budget: usize,
) -> Search {
    let mut queues = [VecDeque::from([one]), VecDeque::from([other])];
    let mut seen: [Vec<Node>; 2] = [vec![one], vec![other]];
    for (side, node) in [(1, one), (2, other)] {
        if let Some(slot) = mark.get_mut(node as usize) {
            *slot = side;
        }
    }
    let found = 'search: loop {
        for side in 0..2 {
            let own = side as u8 + 1;
            let (Some(queue), Some(seen_here)) = (queues.get_mut(side), seen.get_mut(side)) else {
                break 'search Search::TooFar;
            };
            let Some(node) = queue.pop_front() else {
                break 'search Search::Split(std::mem::take(seen_here));
            };
            for at in lists.get(node as usize).into_iter().flatten() {
                let Some(group) = group_of(*at) else { continue };
                for next in members(group) {
                    match mark.get(*next as usize).copied() {
                        Some(0) => {
                            if let Some(slot) = mark.get_mut(*next as usize) {
                                *slot = own;
                            }
                            seen_here.push(*next);
                            queue.push_back(*next);
                        }
                        Some(it) if it != own => break 'search Search::Joined,
                        _ => {}
                    }
                }
            }
            if seen_here.len() > budget {
                break 'search Search::TooFar;
            }
        }
    };
    for node in seen.iter().flatten() {
        if let Some(slot) = mark.get_mut(*node as usize) {
            *slot = 0;
        }
    }
    if let Search::Split(side) = &found {
        for node in side {
            if let Some(slot) = mark.get_mut(*node as usize) {
                *slot = 0;
            }
        }
    }
    found
}

/// Names the component `side`, split off its component, by its smallest party, and what is
/// left of that component by its own smallest when the smallest party went with `side`.
fn split(root: &mut [Node], side: &[Node], mark: &mut [u8]) {
    let (Some(first), Some(smallest)) = (side.first(), side.iter().min().copied()) else {
        return;
    };
    let Some(old) = root.get(*first as usize).copied() else {
        return;
    };
    for node in side {
        if let Some(slot) = mark.get_mut(*node as usize) {
            *slot = 1;
        }
    }
    if smallest == old {
        let rest =
            (0..root.len()).find(|it| root.get(*it) == Some(&old) && mark.get(*it) == Some(&0));
        if let Some(rest) = rest.and_then(|it| Node::try_from(it).ok()) {
            for (node, slot) in root.iter_mut().enumerate() {
                if *slot == old && mark.get(node) == Some(&0) {
                    *slot = rest;
                }
            }
        }
    }
    for node in side {
        if let Some(slot) = root.get_mut(*node as usize) {
            *slot = smallest;
        }
        if let Some(slot) = mark.get_mut(*node as usize) {
            *slot = 0;
        }
    }
}

/// Joins the components of each pair, each named by the smallest party of the whole;
/// returns whether any two were joined.
fn join(root: &mut [Node], pairs: &[(Node, Node)]) -> bool {
    // A union-find over the components' names, the smallest name kept as the root.
    let mut any = false;
    let mut parent: std::collections::HashMap<Node, Node> = std::collections::HashMap::new();
    fn find(parent: &std::collections::HashMap<Node, Node>, mut name: Node) -> Node {
        while let Some(up) = parent.get(&name).copied().filter(|it| *it != name) {
            name = up;
        }
        name
    }
    for (one, other) in pairs {
        let (Some(one), Some(other)) = (root.get(*one as usize), root.get(*other as usize)) else {
            continue;
        };
        let (one, other) = (find(&parent, *one), find(&parent, *other));
        if one != other {
            let (low, high) = (one.min(other), one.max(other));
            parent.insert(high, low);
            any = true;
        }
    }
    if !any {
        return false;
    }
    for slot in root.iter_mut() {
        if parent.contains_key(slot) {
            *slot = find(&parent, *slot);
        }
    }
    true
}
