//! Decides whether a set of constraints can all be kept, and when it cannot, says why: the
//! constraints of one clash and the path of strict alignments that carried a value to it.
//!
//! The constraints of DESIGN.md have a shape that makes this exact and linear. Only facts
//! (declared positions, events, duties to fight) give a variable a definite value; exclusions
//! and non-opposition never rule out the middle value (neutral, or staying out), so a variable
//! without a definite value can always take it. Strict alignment merges stances into
//! components. The constraints are unsatisfiable exactly when
//!
//! * a component, or a belligerence, gets two different definite values (a fight on a side
//!   gives its side's stance);
//! * a definite value meets an exclusion;
//! * a non-opposition joins opposite definite values.
//!
//! The property tests check this against a brute-force enumeration of every assignment.

use std::collections::{BTreeMap, VecDeque};

use super::constraint::{Constraint, Item, Node, Rule, Val, Var};

/// Why a set of constraints cannot all be kept: the constraints of one clash, as indexes into
/// the set, and the steps that tell it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Clash {
    /// The steps, in chain order: a value travels from a fact, along strict alignments, to the
    /// constraint it breaks.
    pub steps: Steps,
    /// Where it breaks: the exclusion or non-opposition met, or the second value. Dropping it
    /// lets the search go on to the next clash.
    pub pivot: usize,
}

/// The steps of a clash, inline: most have two or three, and a world has millions.
pub(crate) type Steps = smallvec::SmallVec<[usize; 4]>;

impl Clash {
    /// Every constraint the clash uses, in index order.
    pub(crate) fn used(&self) -> Vec<usize> {
        let mut used = self.steps.to_vec();
        used.sort_unstable();
        used.dedup();
        used
    }
}

/// A definite value of a stance, and the constraint that gives it.
#[derive(Clone, Copy, Debug)]
struct Source {
    val: Val,
    node: Node,
    constraint: usize,
}

/// The first clash among `constraints`, in a deterministic order, or `None` when they can all
/// be kept.
///
/// # Complexity
///
/// `O(c log c)` for `c` constraints.
pub(crate) fn clash(constraints: &[Constraint]) -> Option<Clash> {
    let solver = Solver::new(constraints.iter().map(|it| it.rule), Sides::GiveStances);
    let mut first = None;
    solver.each(&mut |it| {
        first = Some(it);
        false
    });
    first
}

/// Every clash among collapsed `constraints` (see `issue::collapse`): each pair of values
/// met in a component (or on a side), each exclusion met, each non-opposition joining
/// opposite values, each told from the nearest facts. Empty when they can all be kept.
///
/// Collapsed, a stance is its component's and a side its party's, and each fixed side
/// carries its stance as a constraint of its own; so a side is not read as a stance here,
/// which would give the stance to the party's own number rather than its component's, and
/// tell the clash of its two sides twice.
///
/// # Complexity
///
/// `O(c log c)` for `c` constraints, plus a path per clash.
pub(crate) fn clashes(rules: impl ExactSizeIterator<Item = Rule>) -> Vec<Clash> {
    let solver = Solver::new(rules, Sides::Apart);
    let mut all = Vec::new();
    solver.each(&mut |it| {
        all.push(it);
        true
    });
    all
}

/// Whether the constraints can all be kept.
///
/// The same decision as [`clash`] without telling why, on dense arrays: witnesses are
/// minimised by asking this once per item, so it is the engine's innermost loop.
///
/// # Complexity
///
/// `O(c log c)` for `c` constraints, with no map built.
pub(crate) fn satisfiable(constraints: &[Constraint]) -> bool {
    let node = |var: Var| match var {
        Var::Stance(it) | Var::Fight(it) => it,
    };
    let mut nodes: Vec<Node> = Vec::with_capacity(constraints.len() * 2);
    for it in constraints {
        match it.rule {
            Rule::Fix(var, _) | Rule::Exclude(var, _) => nodes.push(node(var)),
            Rule::Same(left, right) => nodes.extend([left, right]),
            Rule::NotOpposite(left, right) => nodes.extend([node(left), node(right)]),
        }
    }
    nodes.sort_unstable();
    nodes.dedup();
    let index = |it: Node| nodes.binary_search(&it).unwrap_or(0);
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn find(parent: &mut [usize], mut at: usize) -> usize {
        while let Some(&up) = parent.get(at) {
            if up == at {
                break;
            }
            let grand = parent.get(up).copied().unwrap_or(up);
            if let Some(slot) = parent.get_mut(at) {
                *slot = grand;
            }
            at = up;
        }
        at
    }
    for it in constraints {
        if let Rule::Same(left, right) = it.rule {
            let (a, b) = (
                find(&mut parent, index(left)),
                find(&mut parent, index(right)),
            );
            if let Some(slot) = parent.get_mut(a.max(b)) {
                *slot = a.min(b);
            }
        }
    }
    let bit = Val::bit;
    // Definite values: of each stance component, and of each belligerence.
    let mut stances = vec![0u8; nodes.len()];
    let mut fights = vec![0u8; nodes.len()];
    for it in constraints {
        if let Rule::Fix(var, val) = it.rule {
            let at = index(node(var));
            if let Var::Fight(_) = var
                && let Some(slot) = fights.get_mut(at)
            {
                *slot |= bit(val);
            }
            // Fighting on a side is taking its stance.
            if matches!(var, Var::Stance(_)) || val != Val::Zero {
                let root = find(&mut parent, at);
                if let Some(slot) = stances.get_mut(root) {
                    *slot |= bit(val);
                }
            }
        }
    }
    let two = |mask: u8| mask.count_ones() > 1;
    if stances.iter().chain(&fights).any(|it| two(*it)) {
        return false;
    }
    let mut values = |var: Var| -> u8 {
        let at = index(node(var));
        match var {
            Var::Stance(_) => stances.get(find(&mut parent, at)).copied().unwrap_or(0),
            Var::Fight(_) => fights.get(at).copied().unwrap_or(0),
        }
    };
    let opposite = |left: u8, right: u8| {
        (left & bit(Val::Plus) != 0 && right & bit(Val::Minus) != 0)
            || (left & bit(Val::Minus) != 0 && right & bit(Val::Plus) != 0)
    };
    for it in constraints {
        match it.rule {
            Rule::Exclude(var, val) if values(var) & bit(val) != 0 => return false,
            Rule::NotOpposite(left, right)
                if std::mem::discriminant(&left) == std::mem::discriminant(&right)
                    && opposite(values(left), values(right)) =>
            {
                return false;
            }
            _ => {}
        }
    }
    true
}

/// Shrinks `items` to a minimal set that `holds` still accepts: dropping any one item of the
/// result makes `holds` refuse it. `holds` must be monotone (a superset of an accepted set is
/// accepted), as "cannot all be kept" is. Items are tried from the last in id order to the
/// first, so the witness keeps the lowest ids among equals.
///
/// # Complexity
///
/// `O(k · H)` for `k` items and a test of cost `H`.
pub(crate) fn minimise(items: Vec<Item>, holds: impl Fn(&[Item]) -> bool) -> Option<Vec<Item>> {
    let mut kept = items;
    kept.sort();
    kept.dedup();
    if !holds(&kept) {
        return None;
    }
    let mut at = kept.len();
    while at > 0 {
        at -= 1;
        let mut without = kept.clone();
        without.remove(at);
        if holds(&without) {
            kept = without;
        }
    }
    Some(kept)
}

/// Whether a fixed side also fixes its party's stance: in constraints as the clauses state
/// them, yes; collapsed, the stance is a constraint of its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sides {
    GiveStances,
    Apart,
}

/// The most nodes for which `Solver::runs` is a table rather than a search: far more parties
/// than the world has states, and 32 MB at most per issue.
const DENSE_NODES: usize = 1 << 22;

struct Solver {
    /// What each constraint requires: all the solver reads of it, a fifth of its size.
    rules: Vec<Rule>,
    /// Strict alignment, as adjacency: node → (neighbour, constraint).
    same: BTreeMap<Node, Vec<(Node, usize)>>,
    /// Each stance node's component: its smallest node.
    component: BTreeMap<Node, Node>,
    /// The definite values of stances, by component (stable: each component's in constraint
    /// order). One sorted list, its runs found through `runs`: an issue has hundreds, and a
    /// map was most of its cost.
    sources: Vec<(Node, Source)>,
    /// Where each component's run of `sources` begins and ends, by node: one read per
    /// exclusion instead of two searches by halving, which were a tenth of a world's check.
    runs: Vec<(u32, u32)>,
    /// Each belligerence's definite values.
    fights: BTreeMap<Node, Vec<(Val, usize)>>,
}

impl Solver {
    fn new(rules: impl ExactSizeIterator<Item = Rule>, sides: Sides) -> Self {
        let mut solver = Solver {
            rules: rules.collect(),
            same: BTreeMap::new(),
            component: BTreeMap::new(),
            sources: Vec::new(),
            runs: Vec::new(),
            fights: BTreeMap::new(),
        };
        for (at, rule) in solver.rules.iter().enumerate() {
            if let Rule::Same(left, right) = *rule {
                solver.same.entry(left).or_default().push((right, at));
                solver.same.entry(right).or_default().push((left, at));
            }
        }
        solver.label_components();
        solver.sources.reserve(solver.rules.len());
        for at in 0..solver.rules.len() {
            let Some(rule) = solver.rules.get(at).copied() else {
                continue;
            };
            match rule {
                Rule::Fix(Var::Stance(node), val) => solver.add_source(node, val, at),
                Rule::Fix(Var::Fight(node), val) => {
                    solver.fights.entry(node).or_default().push((val, at));
                    // Fighting on a side is taking its stance.
                    if val != Val::Zero && sides == Sides::GiveStances {
                        solver.add_source(node, val, at);
                    }
                }
                _ => {}
            }
        }
        solver.sources.sort_by_key(|(component, _)| *component);
        solver.index_runs();
        solver
    }

    /// Fills `runs`: nodes are party numbers, so a table as long as the largest component
    /// with a value is small (a world's 20,000 parties make 160 kB per issue). Past
    /// `DENSE_NODES`, `sources_of` searches instead.
    fn index_runs(&mut self) {
        let Some(last) = self.sources.last().map(|(it, _)| *it as usize) else {
            return;
        };
        if last >= DENSE_NODES {
            return;
        }
        self.runs = vec![(0, 0); last + 1];
        let mut start = 0;
        for run in self.sources.chunk_by(|(left, _), (right, _)| left == right) {
            let end = start + run.len();
            if let Some((component, _)) = run.first()
                && let Some(slot) = self.runs.get_mut(*component as usize)
            {
                *slot = (
                    u32::try_from(start).unwrap_or(u32::MAX),
                    u32::try_from(end).unwrap_or(u32::MAX),
                );
            }
            start = end;
        }
    }

    fn label_components(&mut self) {
        let nodes: Vec<Node> = self.same.keys().copied().collect();
        for start in nodes {
            if self.component.contains_key(&start) {
                continue;
            }
            let mut queue = VecDeque::from([start]);
            self.component.insert(start, start);
            while let Some(node) = queue.pop_front() {
                for (next, _) in self.same.get(&node).map(Vec::as_slice).unwrap_or(&[]) {
                    if !self.component.contains_key(next) {
                        self.component.insert(*next, start);
                        queue.push_back(*next);
                    }
                }
            }
        }
    }

    /// The definite values of `component`'s stances.
    fn sources_of(&self, component: Node) -> &[(Node, Source)] {
        if self.runs.is_empty() {
            let start = self.sources.partition_point(|(it, _)| *it < component);
            let rest = self.sources.get(start..).unwrap_or(&[]);
            return rest
                .get(..rest.partition_point(|(it, _)| *it == component))
                .unwrap_or(&[]);
        }
        let (start, end) = self.runs.get(component as usize).copied().unwrap_or((0, 0));
        self.sources
            .get(start as usize..end as usize)
            .unwrap_or(&[])
    }

    fn component_of(&self, node: Node) -> Node {
        self.component.get(&node).copied().unwrap_or(node)
    }

    fn add_source(&mut self, node: Node, val: Val, constraint: usize) {
        let component = self.component_of(node);
        self.sources.push((
            component,
            Source {
                val,
                node,
                constraint,
            },
        ));
    }

    /// Calls `emit` with each clash, fights first, until it returns false.
    fn each(&self, emit: &mut dyn FnMut(Clash) -> bool) {
        if self.fights(emit) {
            self.stances(emit);
        }
    }

    /// Clashes on belligerence alone: two sides, a side excluded, or two parties bound not
    /// to fight each other on opposite sides. Returns false when `emit` asked to stop.
    fn fights(&self, emit: &mut dyn FnMut(Clash) -> bool) -> bool {
        for values in self.fights.values() {
            for ((_, first), (_, second)) in value_pairs(values, |it| it.0) {
                if !emit(clash_of(vec![*first, *second], *second)) {
                    return false;
                }
            }
        }
        for (at, rule) in self.rules.iter().enumerate() {
            match *rule {
                Rule::Exclude(Var::Fight(node), val) => {
                    if let Some(fix) = self.fight_with(node, |it| it == val)
                        && !emit(clash_of(vec![fix, at], at))
                    {
                        return false;
                    }
                }
                Rule::NotOpposite(Var::Fight(left), Var::Fight(right)) => {
                    let mut seen = Vec::new();
                    for (val, fix) in self.fights.get(&left).map(Vec::as_slice).unwrap_or(&[]) {
                        if seen.contains(val) {
                            continue;
                        }
                        seen.push(*val);
                        if let Some(other) = self.fight_with(right, |it| val.is_opposite(it))
                            && !emit(clash_of(vec![*fix, at, other], at))
                        {
                            return false;
                        }
                    }
                }
                _ => {}
            }
        }
        true
    }

    fn fight_with(&self, node: Node, wanted: impl Fn(Val) -> bool) -> Option<usize> {
        self.fights
            .get(&node)?
            .iter()
            .find(|(val, _)| wanted(*val))
            .map(|(_, at)| *at)
    }

    /// Clashes on stances: two values in one component, a value excluded, or opposite values
    /// across a non-opposition.
    fn stances(&self, emit: &mut dyn FnMut(Clash) -> bool) {
        for sources in self.sources.chunk_by(|(left, _), (right, _)| left == right) {
            for (first, second) in value_pairs(sources, |it| it.1.val) {
                let (first, second) = (&first.1, &second.1);
                // The nearest holder of the second value, seen from the first.
                let path = self.path(first.node, |node| {
                    sources
                        .iter()
                        .any(|(_, it)| it.node == node && it.val == second.val)
                });
                let end = path.last().map_or(first.node, |(it, _)| *it);
                let Some((_, second)) = sources
                    .iter()
                    .find(|(_, it)| it.node == end && it.val == second.val)
                else {
                    continue;
                };
                let mut steps = smallvec::smallvec![first.constraint];
                steps.extend(path.iter().map(|(_, at)| *at));
                steps.push(second.constraint);
                if !emit(clash_of(steps, second.constraint)) {
                    return;
                }
            }
        }
        for (at, rule) in self.rules.iter().enumerate() {
            let steps = match *rule {
                Rule::Exclude(Var::Stance(node), val) => self.carry(node, val).map(|mut it| {
                    it.push(at);
                    it
                }),
                Rule::NotOpposite(Var::Stance(left), Var::Stance(right)) => {
                    self.across(left, right, at)
                }
                _ => None,
            };
            if let Some(steps) = steps
                && !emit(clash_of(steps, at))
            {
                return;
            }
        }
    }

    /// The steps that carry the definite value `val` to `node`, from the nearest fact that
    /// gives it: the fact, then the strict alignments in order.
    fn carry(&self, node: Node, val: Val) -> Option<Steps> {
        let sources = self.sources_of(self.component_of(node));
        // Where `node` holds the value itself, the path is empty: one scan, not three. The
        // usual case once strict alignments are collapsed, where every stance is a root's.
        if let Some((_, source)) = sources
            .iter()
            .find(|(_, it)| it.node == node && it.val == val)
        {
            return Some(smallvec::smallvec![source.constraint]);
        }
        if !sources.iter().any(|(_, it)| it.val == val) {
            return None;
        }
        let path = self.path(node, |at| {
            sources.iter().any(|(_, it)| it.node == at && it.val == val)
        });
        let end = path.last().map_or(node, |(it, _)| *it);
        let (_, source) = sources
            .iter()
            .find(|(_, it)| it.node == end && it.val == val)?;
        let mut steps = smallvec::smallvec![source.constraint];
        steps.extend(path.iter().rev().map(|(_, at)| *at));
        Some(steps)
    }

    /// The steps of a non-opposition joining opposite definite values: the value carried to
    /// `left`, the non-opposition, and the value carried to `right` (read backwards).
    fn across(&self, left: Node, right: Node, at: usize) -> Option<Steps> {
        // Inside one component that holds both values, the non-opposition is a clash of its
        // own: a third party's, which the component's own pair of values may not show.
        for val in [Val::Plus, Val::Minus] {
            let Some(opposite) = val.opposite() else {
                continue;
            };
            if let (Some(mut steps), Some(other)) =
                (self.carry(left, val), self.carry(right, opposite))
            {
                steps.push(at);
                steps.extend(other.into_iter().rev());
                return Some(steps);
            }
        }
        None
    }

    /// The shortest path of strict alignments from `start` to the first node `goal` accepts,
    /// as (node reached, constraint) pairs; empty when `start` is accepted.
    fn path(&self, start: Node, goal: impl Fn(Node) -> bool) -> Vec<(Node, usize)> {
        if goal(start) {
            return Vec::new();
        }
        let mut came_from: BTreeMap<Node, (Node, usize)> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for (next, at) in self.same.get(&node).map(Vec::as_slice).unwrap_or(&[]) {
                if *next == start || came_from.contains_key(next) {
                    continue;
                }
                came_from.insert(*next, (node, *at));
                if goal(*next) {
                    let mut path = Vec::new();
                    let mut cursor = *next;
                    while let Some((previous, via)) = came_from.get(&cursor) {
                        path.push((cursor, *via));
                        if *previous == start {
                            break;
                        }
                        cursor = *previous;
                    }
                    path.reverse();
                    return path;
                }
                queue.push_back(*next);
            }
        }
        Vec::new()
    }
}

fn clash_of(steps: impl Into<Steps>, pivot: usize) -> Clash {
    Clash {
        steps: steps.into(),
        pivot,
    }
}

/// For each pair of different values among `items` (at most three values), the first entry
/// of each, in order.
fn value_pairs<T, V: PartialEq + Copy>(items: &[T], value: impl Fn(&T) -> V) -> Vec<(&T, &T)> {
    let mut firsts: Vec<&T> = Vec::new();
    for it in items {
        if !firsts.iter().any(|seen| value(seen) == value(it)) {
            firsts.push(it);
        }
    }
    let mut pairs = Vec::new();
    for (at, first) in firsts.iter().enumerate() {
        for second in firsts.iter().skip(at + 1) {
            pairs.push((*first, *second));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::constraint::{Items, Tell};

    fn c(rule: Rule, item: u32) -> Constraint {
        Constraint {
            rule,
            items: Items::one(Item::Position(item)),
            tell: Tell::FACT,
        }
    }

    #[test]
    fn strict_then_loose_with_opposite_facts_clashes() {
        // 0 = 1 strictly, 1 not opposite 2, 0 opposes, 2 supports: 1 must oppose, which is
        // opposite to 2.
        let set = [
            c(Rule::Fix(Var::Stance(0), Val::Minus), 0),
            c(Rule::Same(0, 1), 1),
            c(Rule::NotOpposite(Var::Stance(1), Var::Stance(2)), 2),
            c(Rule::Fix(Var::Stance(2), Val::Plus), 3),
        ];
        let clash = clash(&set).unwrap();
        assert_eq!(clash.used(), vec![0, 1, 2, 3]);
        assert_eq!(clash.steps.to_vec(), vec![0, 1, 2, 3]);
    }

    #[test]
    fn two_loose_steps_leave_neutral_free() {
        // 0 supports, 2 opposes, 1 is loosely bound to both: neutral keeps both.
        let set = [
            c(Rule::Fix(Var::Stance(0), Val::Plus), 0),
            c(Rule::NotOpposite(Var::Stance(0), Var::Stance(1)), 1),
            c(Rule::NotOpposite(Var::Stance(1), Var::Stance(2)), 2),
            c(Rule::Fix(Var::Stance(2), Val::Minus), 3),
        ];
        assert!(satisfiable(&set));
    }

    #[test]
    fn a_side_gives_its_stance() {
        // 0 must fight on the victim's side but declared support.
        let set = [
            c(Rule::Fix(Var::Fight(0), Val::Minus), 0),
            c(Rule::Fix(Var::Stance(0), Val::Plus), 1),
        ];
        assert_eq!(clash(&set).unwrap().used(), vec![0, 1]);
    }

    proptest::proptest! {
        /// The fast decision agrees with the clash search it stands in for.
        #[test]
        fn satisfiable_agrees_with_the_clash_search(
            rules in proptest::collection::vec((0u8..6, 0u32..6, 0u32..6, 0u8..3, proptest::bool::ANY, proptest::bool::ANY), 0..14)
        ) {
            let val = |it: u8| [Val::Plus, Val::Zero, Val::Minus][usize::from(it % 3)];
            let var = |fight: bool, node: u32| if fight { Var::Fight(node) } else { Var::Stance(node) };
            let set: Vec<Constraint> = rules
                .iter()
                .enumerate()
                .map(|(at, (kind, a, b, v, fa, fb))| {
                    let rule = match kind {
                        0 | 1 => Rule::Fix(var(*fa, *a), val(*v)),
                        2 => Rule::Exclude(var(*fa, *a), val(*v)),
                        3 => Rule::Same(*a, *b),
                        _ => Rule::NotOpposite(var(*fa, *a), var(*fb, *b)),
                    };
                    c(rule, u32::try_from(at).unwrap_or(0))
                })
                .collect();
            proptest::prop_assert_eq!(satisfiable(&set), clash(&set).is_none(), "{:?}", set);
        }
    }

    #[test]
    fn minimise_drops_what_is_not_needed() {
        let lower = |items: &[Item]| {
            let all = [
                c(Rule::Fix(Var::Stance(0), Val::Plus), 0),
                c(Rule::Fix(Var::Stance(1), Val::Minus), 1),
                c(Rule::Same(0, 1), 2),
                c(Rule::Fix(Var::Stance(5), Val::Plus), 3),
            ];
            all.into_iter()
                .filter(|it| it.items.iter().all(|item| items.contains(item)))
                .collect::<Vec<_>>()
        };
        let items = (0..4).map(Item::Position).collect();
        let unsatisfiable = |items: &[Item]| !satisfiable(&lower(items));
        assert_eq!(
            minimise(items, unsatisfiable).unwrap(),
            vec![Item::Position(0), Item::Position(1), Item::Position(2)]
        );
    }
}
