//! The scenario on one date: who the parties are, which clauses are in force and whom they
//! bind, which positions hold and which wars have begun; and, per domain, the components of
//! strict alignment, built once per date and shared by every issue of that domain.

mod components;
mod moving;
mod overlay;

pub(crate) use moving::Schedule;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use petgraph::unionfind::UnionFind;

use super::constraint::{Item, Node, Val};
use super::norms::Declared;
use super::threads;
use crate::model::{
    Clause, ClauseKind, Date, Domain, Event, EventKind, Instrument, IssueId, Parties, PartyId,
    Position, Reading, Scenario,
};

/// A few parties, inline up to two (a bilateral clause's).
pub(crate) type Nodes = smallvec::SmallVec<[Node; 2]>;

/// A clause on the date, with the parties it binds and those it binds them toward: none when
/// it is not in force. A view holds one per clause, at the clause's rank, so that moving to
/// another date changes only the groups of the clauses that began or ended (see
/// [`Snapshot::move_to`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Group {
    /// The clause's rank (see [`Item::Clause`]).
    pub clause: u32,
    /// Whether its instrument is in force on the date and has parties then.
    pub in_force: bool,
    /// Sorted, once each, as `beneficiaries`: [`Snapshot::domain_graph`] relies on it.
    pub bound: Nodes,
    pub beneficiaries: Nodes,
}

impl Group {
    /// The group of clause `rank` while it is not in force.
    pub(crate) fn absent(rank: u32) -> Self {
        Group {
            clause: rank,
            in_force: false,
            bound: Nodes::new(),
            beneficiaries: Nodes::new(),
        }
    }

    /// Every (bound party, beneficiary) pair of distinct parties.
    pub(crate) fn instances(&self) -> impl Iterator<Item = (Node, Node)> + '_ {
        self.bound.iter().flat_map(move |bound| {
            self.beneficiaries
                .iter()
                .filter(move |it| *it != bound)
                .map(move |it| (*bound, *it))
        })
    }

    /// The pairs in which `node` is the beneficiary.
    pub(crate) fn toward(&self, node: Node) -> impl Iterator<Item = (Node, Node)> + '_ {
        let benefits = self.beneficiaries.contains(&node);
        self.bound
            .iter()
            .filter(move |it| benefits && **it != node)
            .map(move |it| (*it, node))
    }

    /// The pairs in which `node` is bound or the beneficiary.
    pub(crate) fn touching(&self, node: Node) -> impl Iterator<Item = (Node, Node)> + '_ {
        let binds = self.bound.contains(&node);
        let from_node = self
            .beneficiaries
            .iter()
            .filter(move |it| binds && **it != node)
            .map(move |it| (node, *it));
        from_node.chain(self.toward(node))
    }
}

/// A position holding on the date, as its issue's list holds it: read once when the date's
/// view is built, in rank order, rather than looked up in the scenario's tables for every
/// check of the issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Standing {
    /// The position's rank.
    pub rank: u32,
    /// Its party's node.
    pub party: Node,
    /// Its stance.
    pub val: Val,
}

/// One party bound to do no harm to another, as an issue without a war reads it.
///
/// Flat, so reading an issue walks one list per declared party instead of fetching each
/// duty's group and clause: a world-sized scenario reads millions of these per date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Harm {
    /// The group of the clause (see [`Snapshot::group`]).
    pub group: u32,
    /// The clause's rank.
    pub rank: u32,
    /// The party bound.
    pub bound: Node,
    /// The domains the clause covers, as in `ClauseKind::covers`.
    pub covers: u8,
}

impl Harm {
    /// Whether the clause covers the domain at `slot` of [`Domain::ALL`].
    pub(crate) fn covers(&self, slot: usize) -> bool {
        slot < 8 && self.covers & (1 << slot) != 0
    }
}

/// A war issue that has begun by the date.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WarOn {
    pub attacker: Node,
    pub victim: Node,
    pub provoked: Option<bool>,
    /// The event's rank.
    pub event: u32,
}

/// The strict-alignment components of one domain, and the loose alignments between them.
#[derive(Clone, Debug, Default)]
pub(crate) struct DomainGraph {
    /// Each node's component, by its representative: the smallest node in it (a hypothetical
    /// clause may merge components under another, see `Snapshot::add`).
    pub root: Vec<Node>,
    /// Strict alignment groups each node belongs to.
    pub strict: Vec<Vec<u32>>,
    /// Loose alignment, every instance (inside a component too, listed once): component →
    /// (other component, group, bound, other party).
    pub loose: BTreeMap<Node, Vec<(Node, u32, Node, Node)>>,
}

impl DomainGraph {
    /// The component of `node`, by its representative; a party outside the graph is a
    /// component of its own.
    pub(crate) fn root_of(&self, node: Node) -> Node {
        self.root.get(node as usize).copied().unwrap_or(node)
    }
}

/// What a date's view reads of the scenario that does not depend on the date, in the
/// engine's orders (see `Orders`). A tracker lists it once: it moves one view from date to
/// date (see [`Snapshot::move_to`]).
#[derive(Clone, Debug)]
pub(crate) struct Tables<'a> {
    /// Parties in id order.
    parties: Box<[&'a PartyId]>,
    /// Clauses by rank.
    clauses: Box<[(&'a Instrument, &'a Clause)]>,
    /// Positions by rank.
    positions: Box<[&'a Position]>,
    /// Events by rank.
    events: Box<[&'a Event]>,
}

impl<'a> Tables<'a> {
    /// The tables of `scenario`.
    pub(crate) fn of(scenario: &'a Scenario) -> Self {
        let orders = &scenario.index.orders;
        Tables {
            parties: scenario.index.parties.keys().collect(),
            clauses: sized(
                orders.clauses.len(),
                orders.clauses.iter().filter_map(|(at, c)| {
                    let instrument = scenario.instruments().get(*at as usize)?;
                    Some((instrument, instrument.clauses.get(*c as usize)?))
                }),
            ),
            positions: by_rank(&orders.positions, scenario.positions()),
            events: by_rank(&orders.events, scenario.events()),
        }
    }
}

/// The entries of `list` at the places `ranks` gives, in that order.
fn by_rank<'a, T>(ranks: &[u32], list: &'a [T]) -> Box<[&'a T]> {
    sized(
        ranks.len(),
        ranks.iter().filter_map(|at| list.get(*at as usize)),
    )
}

/// The items, at most `count`, in a list made once at that size: collected from a filter,
/// which cannot tell its length, a table of millions of entries grew by doubling, copied
/// whole each time, then once more to fit (4% of a check of the large world).
fn sized<T>(count: usize, items: impl Iterator<Item = T>) -> Box<[T]> {
    let mut list = Vec::with_capacity(count);
    list.extend(items);
    list.into_boxed_slice()
}

/// The scenario on a date.
#[derive(Debug)]
pub(crate) struct Snapshot<'a> {
    pub scenario: &'a Scenario,
    pub date: Date,
    /// Parties in id order: a node is an index here.
    pub parties: Box<[&'a PartyId]>,
    /// Every clause of the scenario, by rank.
    clauses: Box<[(&'a Instrument, &'a Clause)]>,
    /// Clauses added to the view after every clause of the scenario (see `Snapshot::add`):
    /// rank `n + i` for the scenario's `n` clauses.
    hypothetical: Vec<(&'a Instrument, &'a Clause)>,
    /// The hypothesis whose instruments a what-if added (see `Snapshot::add`), whose clauses
    /// are the hypothetical ones: what a clash point tells a hypothetical clause's rank by.
    pub hypothesis: Option<&'a crate::clash::Hypothesis>,
    /// Every position, in (party, issue, start, stance) order.
    pub positions: Box<[&'a Position]>,
    /// Every event, in id order.
    pub events: Box<[&'a Event]>,
    /// Every clause's group, by rank (see [`Group`]).
    pub groups: Vec<Group>,
    /// For each node, the groups of non-aggression in which it is a beneficiary: the only
    /// clauses toward a party read without reading the party's stance (in a war).
    pub non_aggression_toward: Vec<Vec<u32>>,
    /// For each node, the groups in which it is a beneficiary of a duty that bears on an
    /// issue through it (defend, offense, neutrality, no harm): the few an issue lowers among
    /// the many alignments toward a party.
    pub duties_toward: Vec<Vec<u32>>,
    /// For each node, every no-harm duty toward it that constrains stances: the only duties
    /// toward a party that bear on an issue without a war.
    pub harms_toward: Vec<Vec<Harm>>,
    /// For each node, the groups that bind it (see [`Snapshot::binding`]): listed when first
    /// asked for, as the check of a world never asks, and a million alignments each bind two.
    binding: OnceLock<Vec<Vec<u32>>>,
    /// For each node, the groups of non-aggression that bind it: in a war, the few read of
    /// a fighting party among the hundred alignments that bind it.
    pub non_aggression_binding: Vec<Vec<u32>>,
    /// For each node, the groups of the no-harm duties that bind it and constrain stances:
    /// the few a patch asks of a party among the hundred alignments that bind it.
    pub harms_binding: Vec<Vec<u32>>,
    /// The positions holding on the date, by the issue's index in the scenario's issues, in
    /// rank order (see [`Snapshot::positions_on`]).
    positions_by_issue: Vec<Vec<Standing>>,
    /// The war begun by the date on each issue, by its index (see [`Snapshot::war`]).
    wars: Vec<Option<WarOn>>,
    /// One graph per domain, in [`Domain::ALL`] order.
    pub domains: Vec<DomainGraph>,
}

impl<'a> Snapshot<'a> {
    /// Builds the snapshot.
    ///
    /// # Complexity
    ///
    /// `O(n + Σ p log n)` for `n` entries and `p` parties per clause in force, plus the pairs
    /// of loose alignment between components. The ids the entries name were turned into
    /// numbers once, when the scenario was loaded (see `Orders`); only an organisation's
    /// members on the date are looked up here, by binary search.
    pub(crate) fn new(scenario: &'a Scenario, date: Date) -> Self {
        Snapshot::with_tables(scenario, date, Tables::of(scenario), 1)
    }

    /// As [`Snapshot::new`], the domains' graphs shared out among `threads` threads.
    pub(crate) fn on_threads(scenario: &'a Scenario, date: Date, threads: usize) -> Self {
        Snapshot::with_tables(scenario, date, Tables::of(scenario), threads)
    }

    /// As [`Snapshot::new`], with what does not depend on the date already listed.
    fn with_tables(scenario: &'a Scenario, date: Date, tables: Tables<'a>, threads: usize) -> Self {
        let Tables {
            parties,
            clauses,
            positions,
            events,
        } = tables;
        let mut snapshot = Snapshot {
            scenario,
            date,
            parties,
            clauses,
            hypothetical: Vec::new(),
            hypothesis: None,
            positions,
            events,
            groups: Vec::new(),
            non_aggression_toward: Vec::new(),
            duties_toward: Vec::new(),
            harms_toward: Vec::new(),
            binding: OnceLock::new(),
            non_aggression_binding: Vec::new(),
            harms_binding: Vec::new(),
            positions_by_issue: Vec::new(),
            wars: Vec::new(),
            domains: Vec::new(),
        };
        snapshot.collect_groups();
        snapshot.collect_facts();
        snapshot.domains = snapshot.domain_graphs(threads);
        snapshot
    }

    /// The graph of every domain, in [`Domain::ALL`] order, on `threads` threads.
    fn domain_graphs(&self, threads: usize) -> Vec<DomainGraph> {
        threads::map(&Domain::ALL, threads, |(_, domain)| {
            self.domain_graph(*domain)
        })
    }

    /// The node of `party`.
    ///
    /// # Complexity
    ///
    /// `O(log n)`: a binary search of the parties, which are in id order.
    pub(crate) fn node(&self, party: &PartyId) -> Option<Node> {
        let at = self.parties.binary_search(&party).ok()?;
        Node::try_from(at).ok()
    }

    /// Position `rank` as an issue's list holds it; `None` for a position whose party or
    /// stance the scenario's tables lack.
    pub(crate) fn standing(&self, rank: u32) -> Option<Standing> {
        let val = self.position_val(rank)?;
        Some(Standing {
            rank,
            party: self.position_party(rank)?,
            val,
        })
    }

    /// The value of position `rank`'s stance: [`Snapshot::standing`]'s `val` without reading
    /// the party, whose table is four times the size of the stances' and, read by rank for
    /// each of thousands of barred points, a cache miss each time.
    pub(crate) fn position_val(&self, rank: u32) -> Option<Val> {
        let stances = &self.scenario.index.orders.position_stances;
        stances.get(rank as usize).map(|it| Val::of_stance(*it))
    }

    /// The node of the party of position `rank`.
    pub(crate) fn position_party(&self, rank: u32) -> Option<Node> {
        let orders = &self.scenario.index.orders;
        let node = *orders.position_parties.get(rank as usize)?;
        (node != u32::MAX).then_some(node)
    }

    /// The positions holding on `issue` on the date, by rank.
    pub(crate) fn positions_on(&self, issue: &IssueId) -> &[Standing] {
        self.scenario
            .index
            .issues
            .get(issue)
            .and_then(|at| self.positions_by_issue.get(*at))
            .map_or(&[], Vec::as_slice)
    }

    /// The war on `issue`, when it has begun by the date.
    pub(crate) fn war(&self, issue: &IssueId) -> Option<WarOn> {
        self.war_at(*self.scenario.index.issues.get(issue)?)
    }

    /// As [`Snapshot::war`], by the issue's place among the scenario's issues: no search by
    /// id, for the tracker, which asks of every issue at every move.
    pub(crate) fn war_at(&self, slot: usize) -> Option<WarOn> {
        self.wars.get(slot).copied().flatten()
    }

    pub(crate) fn party(&self, node: Node) -> Option<&'a PartyId> {
        self.parties.get(node as usize).copied()
    }

    /// The clause of rank `rank`: the scenario's in (instrument id, label) order, then the
    /// hypothetical ones.
    pub(crate) fn clause(&self, rank: u32) -> Option<(&'a Instrument, &'a Clause)> {
        match self.clauses.get(rank as usize) {
            Some(it) => Some(*it),
            None => self
                .hypothetical
                .get((rank as usize).checked_sub(self.clauses.len())?)
                .copied(),
        }
    }

    /// How many clauses the view ranks: the scenario's and the hypothetical ones.
    pub(crate) fn clause_count(&self) -> usize {
        self.clauses.len() + self.hypothetical.len()
    }

    /// What the view needs of clause `rank` (see [`ClauseKind`]): read at load for the
    /// scenario's clauses, from the clause for a hypothetical one.
    pub(crate) fn kind(&self, rank: u32) -> ClauseKind {
        let kinds = &self.scenario.index.orders.kinds;
        kinds
            .get(rank as usize)
            .copied()
            .or_else(|| self.clause(rank).map(|(_, it)| ClauseKind::of(it)))
            .unwrap_or_default()
    }

    pub(crate) fn group(&self, at: u32) -> Option<&Group> {
        self.groups.get(at as usize)
    }

    pub(crate) fn domain(&self, domain: Domain) -> Option<&DomainGraph> {
        self.domains.get(domain_slot(domain)?)
    }

    /// The group of the clause `rank`, when the clause is in force on the date.
    pub(crate) fn group_of_clause(&self, rank: u32) -> Option<&Group> {
        self.groups.get(rank as usize).filter(|it| it.in_force)
    }

    /// For each node, the groups that bind it, in rank order.
    pub(crate) fn binding(&self) -> &[Vec<u32>] {
        self.binding.get_or_init(|| {
            let mut binding = vec![Vec::new(); self.parties.len()];
            for group in &self.groups {
                for node in &group.bound {
                    if let Some(list) = binding.get_mut(*node as usize) {
                        list.push(group.clause);
                    }
                }
            }
            binding
        })
    }

    fn collect_groups(&mut self) {
        let count = self.parties.len();
        self.non_aggression_toward = vec![Vec::new(); count];
        self.duties_toward = vec![Vec::new(); count];
        self.harms_toward = vec![Vec::new(); count];
        self.binding = OnceLock::new();
        self.non_aggression_binding = vec![Vec::new(); count];
        self.harms_binding = vec![Vec::new(); count];
        let scenario = self.scenario;
        let orders = &scenario.index.orders;
        // An instrument's clauses are consecutive in rank order (ranks go by instrument id
        // first), so its members are found once.
        let mut members: Vec<Node> = Vec::new();
        let mut members_of = None;
        // One group per clause: growing the list by doubling copied it whole.
        self.groups.reserve(orders.clauses.len());
        for (rank, (at, c)) in orders.clauses.iter().enumerate() {
            let (at, c) = (*at as usize, *c as usize);
            let Ok(rank) = u32::try_from(rank) else {
                continue;
            };
            if members_of != Some(at) {
                members_of = Some(at);
                members.clear();
                self.members(at, &mut members);
            }
            self.groups.push(self.group_on(rank, at, c, &members));
        }
        self.index_groups(0);
    }

    /// Lists the groups from `from` on under the parties they bind and are toward.
    fn index_groups(&mut self, from: usize) {
        // Taken out while the lists are filled from them; nothing below reads them.
        let groups = std::mem::take(&mut self.groups);
        for group in groups.get(from..).unwrap_or(&[]) {
            self.list_group(group, true);
        }
        self.groups = groups;
    }

    /// Adds the group to, or takes it from, the lists of the parties it binds and is toward,
    /// in its place by rank: at the end when the groups are listed in rank order, as
    /// `index_groups` lists them; inside when a move brings one in (see `move_to`).
    fn list_group(&mut self, group: &Group, add: bool) {
        let at = group.clause;
        let kind = self.kind(at);
        let ClauseKind {
            duty,
            non_aggression,
            covers,
            ..
        } = kind;
        // Permissions and the like constrain nothing (see `norms::constrains`).
        let harm = kind.no_harm();
        let lists = |list: Option<&mut Vec<u32>>| {
            if let Some(list) = list {
                put(list, at, add);
            }
        };
        for node in &group.beneficiaries {
            let slot = *node as usize;
            if non_aggression {
                lists(self.non_aggression_toward.get_mut(slot));
            }
            if duty {
                lists(self.duties_toward.get_mut(slot));
            }
            if harm && let Some(list) = self.harms_toward.get_mut(slot) {
                let entries = group.toward(*node).map(|(bound, _)| Harm {
                    group: at,
                    rank: at,
                    bound,
                    covers,
                });
                if add && list.last().is_none_or(|it| it.group < at) {
                    list.extend(entries);
                } else {
                    let start = list.partition_point(|it| it.group < at);
                    let end = list.partition_point(|it| it.group <= at);
                    if add {
                        list.splice(start..end, entries);
                    } else {
                        list.drain(start..end);
                    }
                }
            }
        }
        for node in &group.bound {
            if let Some(binding) = self.binding.get_mut() {
                lists(binding.get_mut(*node as usize));
            }
            if non_aggression {
                lists(self.non_aggression_binding.get_mut(*node as usize));
            }
            if harm {
                lists(self.harms_binding.get_mut(*node as usize));
            }
        }
    }

    /// The group of clause `rank`, the `c`-th of the instrument at `at` (file order), given
    /// the instrument's `members` on the date.
    fn group_on(&self, rank: u32, at: usize, c: usize, members: &[Node]) -> Group {
        if members.is_empty() {
            return Group::absent(rank);
        }
        let (bound, beneficiaries) = self.scenario.index.orders.named(at, c);
        Group {
            clause: rank,
            in_force: true,
            bound: pick(members, bound),
            beneficiaries: pick(members, beneficiaries),
        }
    }

    /// Appends the parties to the instrument at `at` (file order) on the date, sorted, once
    /// each: those of [`Scenario::parties_of`], by their nodes.
    fn members(&self, at: usize, acc: &mut Vec<Node>) {
        let orders = &self.scenario.index.orders;
        if !orders
            .in_force
            .get(at)
            .is_some_and(|it| it.contains(self.date))
        {
            return;
        }
        // Listed parties were numbered at load; only an organisation's members vary by date.
        if let Some(listed) = orders.listed.get(at) {
            acc.extend_from_slice(listed);
            return;
        }
        let instrument = self.scenario.instruments().get(at);
        if let Some(Parties::MembersOf(organisation)) = instrument.map(|it| &it.parties) {
            let members = self.scenario.party(organisation).into_iter();
            let members = members.flat_map(|it| it.members_on(self.date));
            acc.extend(members.filter_map(|it| self.node(it)));
            acc.sort_unstable();
            acc.dedup();
        }
    }

    fn collect_facts(&mut self) {
        let scenario = self.scenario;
        let orders = &scenario.index.orders;
        let issues = scenario.issues().len();
        self.positions_by_issue = vec![Vec::new(); issues];
        for (rank, during) in orders.position_during.iter().enumerate() {
            if during.is_some_and(|it| it.contains(self.date))
                && let Some(issue) = orders.position_issues.get(rank)
                && let Ok(rank) = u32::try_from(rank)
                && let Some(standing) = self.standing(rank)
                && let Some(list) = self.positions_by_issue.get_mut(*issue as usize)
            {
                list.push(standing);
            }
        }
        self.collect_wars();
    }

    /// The war begun by the date on each issue.
    fn collect_wars(&mut self) {
        let orders = &self.scenario.index.orders;
        self.wars = vec![None; self.scenario.issues().len()];
        for (rank, event) in self.events.iter().enumerate() {
            let EventKind::ArmedAttack { provoked, .. } = &event.kind else {
                continue;
            };
            if event.date > self.date {
                continue;
            }
            // A later attack on the same issue takes its place, by rank.
            if let Some(Some(attack)) = orders.attacks.get(rank)
                && let Some(slot) = self.wars.get_mut(attack.issue as usize)
                && let Ok(event) = u32::try_from(rank)
            {
                *slot = Some(WarOn {
                    attacker: attack.attacker,
                    victim: attack.victim,
                    provoked: *provoked,
                    event,
                });
            }
        }
    }

    fn domain_graph(&self, domain: Domain) -> DomainGraph {
        let slot = domain_slot(domain).unwrap_or(usize::MAX);
        let ranks = 0..u32::try_from(self.groups.len()).unwrap_or(u32::MAX);
        self.graph_of(slot, ranks, None)
    }

    /// The graph of the domain at `slot`, from the groups at `ranks` (in order): every
    /// group, or at least every one aligning in that domain. With `strict`, each node's
    /// strict alignment groups are known already (see `Snapshot::move_to`) and taken as
    /// they are.
    fn graph_of(
        &self,
        slot: usize,
        ranks: impl Iterator<Item = u32>,
        strict: Option<Vec<Vec<u32>>>,
    ) -> DomainGraph {
        let count = self.parties.len();
        let mut union = UnionFind::<usize>::new(count);
        let known = strict.is_some();
        let mut graph = DomainGraph {
            strict: strict.unwrap_or_else(|| vec![Vec::new(); count]),
            ..DomainGraph::default()
        };
        let mut loose_groups = Vec::new();
        let mut members: Vec<Node> = Vec::new();
        for at in ranks {
            let Some(group) = self.groups.get(at as usize) else {
                continue;
            };
            let Some(reading) = self.kind(group.clause).align.get(slot).copied().flatten() else {
                continue;
            };
            if group.instances().next().is_none() {
                continue;
            }
            match reading {
                Reading::Strict => {
                    // Every member once, in node order: the union-find's roots depend on the
                    // order of its unions.
                    members.clear();
                    members.extend(group.bound.iter().chain(&group.beneficiaries));
                    members.sort_unstable();
                    members.dedup();
                    if let Some(first) = members.first().copied() {
                        for node in &members {
                            union.union(first as usize, *node as usize);
                            if !known && let Some(list) = graph.strict.get_mut(*node as usize) {
                                list.push(at);
                            }
                        }
                    }
                }
                Reading::Loose => loose_groups.push(at),
            }
        }
        // Each component is named by its smallest party, not by the union-find's root: the
        // name then depends only on who is in the component, so a date where a clause
        // inside it begins or ends leaves it alone (see `clash::ClashTracker`).
        let found: Vec<usize> = (0..count).map(|it| union.find(it)).collect();
        let mut smallest: Vec<Node> = vec![Node::MAX; count];
        for (node, root) in found.iter().enumerate() {
            if let (Some(slot), Ok(node)) = (smallest.get_mut(*root), Node::try_from(node)) {
                *slot = (*slot).min(node);
            }
        }
        graph.root = found
            .iter()
            .map(|root| smallest.get(*root).copied().unwrap_or(0))
            .collect();
        for at in loose_groups {
            if let Some(group) = self.group(at) {
                list_loose(&mut graph, at, group);
            }
        }
        graph
    }

    /// The stances declared on `issue` on the date, by party: positions, and the sides of a
    /// war the party is a principal of.
    pub(crate) fn declared(&self, issue: &IssueId) -> Declared {
        let positions = self.positions_on(issue);
        let mut stances = Vec::with_capacity(positions.len() + 2);
        for it in positions {
            stances.push((it.party, it.val, Item::Position(it.rank)));
        }
        if let Some(war) = self.war(issue) {
            let event = Item::Event(war.event);
            stances.push((war.attacker, Val::Plus, event));
            stances.push((war.victim, Val::Minus, event));
        }
        // Ranks go by party first, so only the war's sides can be out of order: the stable
        // sort is little more than a pass, and keeps each party's stances in the order above.
        Declared::new(stances)
    }
}

/// Adds `at` to a sorted list without repeats, or takes it out.
fn put(list: &mut Vec<u32>, at: u32, add: bool) {
    // Listed in rank order, every group goes at the end.
    if add && list.last().is_none_or(|last| *last < at) {
        list.push(at);
        return;
    }
    let place = list.partition_point(|it| *it < at);
    match (add, list.get(place) == Some(&at)) {
        (true, false) => list.insert(place, at),
        (false, true) => {
            list.remove(place);
        }
        _ => {}
    }
}

/// The place of `domain` in [`Domain::ALL`].
pub(crate) fn domain_slot(domain: Domain) -> Option<usize> {
    Domain::ALL.iter().position(|(_, it)| *it == domain)
}

/// The named parties that are parties on the date, or all of them when none are named: sorted,
/// once each, as both lists are.
fn pick(members: &[Node], named: Option<&[Node]>) -> Nodes {
    match named {
        None => Nodes::from_slice(members),
        Some(named) => named
            .iter()
            .copied()
            .filter(|it| members.binary_search(it).is_ok())
            .collect(),
    }
}

/// The order of positions in every report: by party, issue, dates and stance, then source,
/// never by the file's order.
pub(crate) fn position_order(it: &Position) -> impl Ord + '_ {
    crate::model::position_key(it)
}

/// Lists the instances of the loose alignment `group` (at `at`) under the components they
/// join.
fn list_loose(graph: &mut DomainGraph, at: u32, group: &Group) {
    for (bound, other) in group.instances() {
        let (Some(left), Some(right)) = (
            graph.root.get(bound as usize).copied(),
            graph.root.get(other as usize).copied(),
        ) else {
            continue;
        };
        // Every instance, inside a component too: each is a clash point of its own when it
        // joins opposite values, and a component holding both values puts its inside ones at
        // odds. A pair of parties is listed once per clause: the instances go by bound party
        // in node order, so (other, bound) came first exactly when it is an instance too and
        // other < bound.
        if other < bound
            && group.bound.binary_search(&other).is_ok()
            && group.beneficiaries.binary_search(&bound).is_ok()
        {
            continue;
        }
        graph
            .loose
            .entry(left)
            .or_default()
            .push((right, at, bound, other));
        if left != right {
            graph
                .loose
                .entry(right)
                .or_default()
                .push((left, at, bound, other));
        }
    }
}

#[cfg(test)]
/// Where two views of the same date differ, field by field; empty when they agree.
pub(crate) fn differences(moved: &Snapshot<'_>, fresh: &Snapshot<'_>) -> Vec<&'static str> {
    let wars = |it: &Snapshot<'_>| -> Vec<Option<u32>> {
        it.wars.iter().map(|war| war.map(|it| it.event)).collect()
    };
    let graphs = |it: &Snapshot<'_>| -> Vec<String> {
        it.domains
            .iter()
            .map(|graph| format!("{:?} {:?} {:?}", graph.root, graph.strict, graph.loose))
            .collect()
    };
    [
        ("groups", moved.groups == fresh.groups),
        (
            "non_aggression_toward",
            moved.non_aggression_toward == fresh.non_aggression_toward,
        ),
        ("duties_toward", moved.duties_toward == fresh.duties_toward),
        ("harms_toward", moved.harms_toward == fresh.harms_toward),
        ("binding", moved.binding() == fresh.binding()),
        (
            "non_aggression_binding",
            moved.non_aggression_binding == fresh.non_aggression_binding,
        ),
        ("harms_binding", moved.harms_binding == fresh.harms_binding),
        (
            "positions_by_issue",
            moved.positions_by_issue == fresh.positions_by_issue,
        ),
        ("wars", wars(moved) == wars(fresh)),
        ("domains", graphs(moved) == graphs(fresh)),
        (
            "hypothetical",
            moved.hypothetical.len() == fresh.hypothetical.len(),
        ),
    ]
    .into_iter()
    .filter_map(|(field, same)| (!same).then_some(field))
    .collect()
}
