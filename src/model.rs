//! The model of DESIGN.md: parties, territories, instruments and their clauses, issues,
//! positions and events, each valid over an interval of dates.
//!
//! A [`Scenario`] is immutable and always valid: the only way to get one is to load it (see
//! [`crate::load`]), which checks everything first.

mod event;
mod id;
mod instrument;
mod issue;
mod party;
mod source;
mod time;

use std::collections::{BTreeMap, HashMap};

pub use event::{Event, EventKind};
pub(crate) use id::check_id;
pub use id::{
    ActionName, ClauseLabel, EventId, IdError, InstrumentId, IssueId, PartyId, TerritoryId,
};
pub use instrument::{
    Action, Clause, CustomAction, Domain, Domains, Force, Form, Instrument, InstrumentKind,
    Modality, Norm, Parties, Reading, Relation, RelationKind, Saving, Scope,
};
pub use issue::{Issue, Position, Stance, War};
pub use party::{Membership, Party, PartyKind, Territory};
pub use source::Source;
pub use time::{Date, DateError, Interval};

/// A validated scenario: everything a file declares, checked and cross-referenced.
///
/// Entries keep the order of the file. Lookups by id take `O(log n)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    // INVARIANT: every id referenced anywhere is declared once, of the right kind; every
    // interval is non-empty; the indexes map each id to its entry's position.
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) parties: Vec<Party>,
    pub(crate) territories: Vec<Territory>,
    pub(crate) actions: Vec<CustomAction>,
    pub(crate) issues: Vec<Issue>,
    pub(crate) instruments: Vec<Instrument>,
    pub(crate) positions: Vec<Position>,
    pub(crate) events: Vec<Event>,
    pub(crate) index: Index,
}

/// Where each id's entry sits in the scenario's lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Index {
    pub parties: BTreeMap<PartyId, usize>,
    pub territories: BTreeMap<TerritoryId, usize>,
    pub actions: BTreeMap<ActionName, usize>,
    pub issues: BTreeMap<IssueId, usize>,
    /// The instruments' places in the scenario's list, in id order: a world has a million,
    /// and a map holding a copy of each id beside its place took 50 MB.
    pub instruments: Vec<u32>,
    pub events: BTreeMap<EventId, usize>,
    /// The orders the engine reads entries in, which do not depend on the date: sorted once
    /// here rather than on every date of a timeline. See [`Orders`].
    pub orders: Orders,
}

/// Every clause, position and event in the engine's order (ids, never file order), as
/// indexes into the scenario's lists; and the parties and issues they name, as numbers.
///
/// A snapshot numbers each party by its rank in id order (its node): the numbers here are
/// those, so that a snapshot on each date of a timeline reads them instead of looking up
/// every id of a world-sized scenario again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Orders {
    /// For each node (a party's rank in id order), the party's index in the scenario's
    /// parties: what a clash point tells its parties by.
    pub parties: Vec<u32>,
    /// (instrument, clause) pairs in (instrument id, clause label) order: a clause's rank.
    pub clauses: Vec<(u32, u32)>,
    /// For each instrument (file order), where its clauses start when every instrument's
    /// are laid end to end in file order, as `named_bound` lays them.
    pub clause_base: Vec<u32>,
    /// Positions in (party, issue, start, stance, end, citation) order.
    pub positions: Vec<u32>,
    /// Events in id order.
    pub events: Vec<u32>,
    /// For each position, in the order of `positions`: its party's node.
    pub position_parties: Vec<u32>,
    /// For each position, in the order of `positions`: its issue's index in the scenario's
    /// issues.
    pub position_issues: Vec<u32>,
    /// For each event, in the order of `events`: the attacker's and victim's nodes and the
    /// issue's index, when it is an armed attack.
    pub attacks: Vec<Option<Attack>>,
    /// For each instrument (file order), the nodes of the parties it lists, sorted, once
    /// each; absent when its parties are an organisation's members, which vary by date.
    pub listed: Packed,
    /// For each clause, instrument after instrument in file order (see `clause_base`): the
    /// nodes of the bound parties it names, sorted, once each; absent when it names none.
    pub named_bound: Packed,
    /// As `named_bound`, for the beneficiaries.
    pub named_beneficiaries: Packed,
    /// For each clause, by rank: what a date's view needs of it, read once here rather than
    /// from a million scattered clauses on every date.
    pub kinds: Vec<ClauseKind>,
    /// For each position, in the order of `positions`: when it holds, laid out for a date's
    /// view to scan.
    pub position_during: Vec<Option<Interval>>,
    /// For each position, in the order of `positions`: its stance.
    pub position_stances: Vec<Stance>,
    /// For each instrument (file order): when it is in force.
    pub in_force: Vec<Interval>,
}

/// What a date's view needs of a clause: whether it is a duty toward its beneficiary that
/// bears on an issue through the beneficiary's stance (defend, offense, neutrality, no harm),
/// whether it is no harm, whether it constrains anything (see `norms::constrains`), and its
/// reading as an alignment obligation in each domain of [`Domain::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ClauseKind {
    pub duty: bool,
    pub harm: bool,
    /// Read here rather than from the clause, which lies among a million others: a patch
    /// asks it of every duty of no harm it walks.
    pub constrains: bool,
    pub non_aggression: bool,
    /// Bit `i` when the clause's scope covers the `i`-th domain of [`Domain::ALL`].
    pub covers: u8,
    pub align: [Option<Reading>; Domain::ALL.len()],
}

impl ClauseKind {
    /// Whether it is a duty of no harm that constrains: a permission of no harm binds to
    /// nothing.
    pub(crate) fn no_harm(self) -> bool {
        self.harm && self.constrains
    }

    /// The kind of `clause`.
    pub(crate) fn of(clause: &Clause) -> ClauseKind {
        let norm = &clause.norm;
        let harm = norm.action == Action::NoHarm;
        let duty = harm
            || matches!(
                norm.action,
                Action::Defend | Action::Offense | Action::Neutrality
            );
        let mut align = [None; Domain::ALL.len()];
        let mut covers = 0;
        for (at, (slot, (_, domain))) in align.iter_mut().zip(Domain::ALL.iter()).enumerate() {
            *slot = norm.alignment(*domain);
            if norm.scope.covers(*domain) {
                covers |= 1 << at;
            }
        }
        ClauseKind {
            duty,
            harm,
            constrains: crate::engine::norms::constrains(clause),
            non_aggression: norm.action == Action::NonAggression,
            covers,
            align,
        }
    }
}

/// An armed attack, by numbers: see [`Orders::attacks`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Attack {
    pub attacker: u32,
    pub victim: u32,
    /// The war issue's index in the scenario's issues.
    pub issue: u32,
}

/// Lists of numbers laid end to end, each present or absent: a million short lists in two
/// allocations rather than a million, and four bytes each besides their numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Packed {
    /// Where each list ends in `items`, with [`Packed::ABSENT`] set on an absent one; each
    /// list starts where the one before it ends.
    ends: Vec<u32>,
    items: Vec<u32>,
}

impl Packed {
    const ABSENT: u32 = 1 << 31;

    /// Appends a list, or an absent one.
    fn push(&mut self, list: Option<impl IntoIterator<Item = u32>>) {
        let absent = list.is_none();
        self.items.extend(list.into_iter().flatten());
        // Past 2³¹ numbers, which no scenario that fits in memory names, lists would run
        // into each other.
        let end =
            u32::try_from(self.items.len()).map_or(Self::ABSENT - 1, |it| it.min(Self::ABSENT - 1));
        self.ends
            .push(if absent { end | Self::ABSENT } else { end });
    }

    /// Gives back the room the lists grew into and did not fill: they are read, never grown,
    /// for as long as the scenario lives.
    fn shrink(mut self) -> Packed {
        self.ends.shrink_to_fit();
        self.items.shrink_to_fit();
        self
    }

    /// The list at `at`, or `None` when it is absent.
    pub(crate) fn get(&self, at: usize) -> Option<&[u32]> {
        let end = *self.ends.get(at)?;
        if end & Self::ABSENT != 0 {
            return None;
        }
        let start = match at.checked_sub(1) {
            Some(before) => *self.ends.get(before)? & !Self::ABSENT,
            None => 0,
        };
        self.items.get(start as usize..end as usize)
    }
}

impl Orders {
    fn build(
        scenario: &Scenario,
        parties: &BTreeMap<PartyId, usize>,
        issues: &BTreeMap<IssueId, usize>,
    ) -> Orders {
        let index = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        let mut clauses: Vec<(u32, u32)> = scenario
            .instruments
            .iter()
            .enumerate()
            .flat_map(|(at, it)| (0..it.clauses.len()).map(move |c| (index(at), index(c))))
            .collect();
        let key = |(at, c): &(u32, u32)| {
            let instrument = scenario.instruments.get(*at as usize);
            (
                instrument.map(|it| &it.id),
                instrument
                    .and_then(|it| it.clauses.get(*c as usize))
                    .map(|it| &it.label),
            )
        };
        clauses.sort_by(|a, b| key(a).cmp(&key(b)));
        let mut clause_base = Vec::with_capacity(scenario.instruments.len());
        let mut total = 0usize;
        for it in &scenario.instruments {
            clause_base.push(index(total));
            total += it.clauses.len();
        }
        let mut positions: Vec<u32> = (0..scenario.positions.len()).map(index).collect();
        let position = |at: &u32| scenario.positions.get(*at as usize).map(position_key);
        positions.sort_by(|a, b| position(a).cmp(&position(b)));
        let mut events: Vec<u32> = (0..scenario.events.len()).map(index).collect();
        events.sort_by_key(|at| scenario.events.get(*at as usize).map(|it| &it.id));
        // A node is a party's rank in id order, the map's. Millions of ids are looked up
        // here, once: by hash, as a search of the maps would compare strings all the way down.
        let node_of: HashMap<&PartyId, u32> = parties
            .keys()
            .enumerate()
            .map(|(node, id)| (id, index(node)))
            .collect();
        let issue_of: HashMap<&IssueId, u32> =
            issues.iter().map(|(id, at)| (id, index(*at))).collect();
        let node = |id: &PartyId| node_of.get(id).copied();
        let issue = |id: &IssueId| issue_of.get(id).copied();
        // An id missing from the index (never, in a valid scenario) leaves a party out, as the
        // snapshot's lookups did.
        let nodes = |ids: &[PartyId]| {
            let mut nodes: Vec<u32> = ids.iter().filter_map(node).collect();
            nodes.sort_unstable();
            nodes.dedup();
            nodes
        };
        let position_at = |at: &u32| scenario.positions.get(*at as usize);
        // Positions go by party first: one lookup per party, not per position.
        let mut last: Option<(&PartyId, Option<u32>)> = None;
        let position_parties = positions
            .iter()
            .map(|at| {
                let party = &position_at(at)?.party;
                match last {
                    Some((id, node)) if id == party => node,
                    _ => {
                        let found = node(party);
                        last = Some((party, found));
                        found
                    }
                }
            })
            .map(|it| it.unwrap_or(u32::MAX))
            .collect();
        let position_issues = positions
            .iter()
            .map(|at| {
                position_at(at)
                    .and_then(|it| issue(&it.issue))
                    .unwrap_or(u32::MAX)
            })
            .collect();
        let attacks = events
            .iter()
            .map(|at| match &scenario.events.get(*at as usize)?.kind {
                EventKind::ArmedAttack {
                    attacker,
                    victim,
                    issue: war,
                    ..
                } => Some(Attack {
                    attacker: node(attacker)?,
                    victim: node(victim)?,
                    issue: issue(war)?,
                }),
                _ => None,
            })
            .collect();
        let mut listed = Packed::default();
        let mut named_bound = Packed::default();
        let mut named_beneficiaries = Packed::default();
        for instrument in &scenario.instruments {
            listed.push(match &instrument.parties {
                Parties::Listed(ids) => Some(nodes(ids)),
                Parties::MembersOf(_) => None,
            });
            for clause in &instrument.clauses {
                named_bound.push(clause.bound.as_deref().map(nodes));
                named_beneficiaries.push(clause.beneficiaries.as_deref().map(nodes));
            }
        }
        let kinds = clauses
            .iter()
            .map(|(at, c)| {
                scenario
                    .instruments
                    .get(*at as usize)
                    .and_then(|it| it.clauses.get(*c as usize))
                    .map(ClauseKind::of)
                    .unwrap_or_default()
            })
            .collect();
        let position_during = positions
            .iter()
            .map(|at| position_at(at).map(|it| it.during))
            .collect();
        let position_stances = positions
            .iter()
            .map(|at| position_at(at).map_or(Stance::Neutral, |it| it.stance))
            .collect();
        let in_force = scenario.instruments.iter().map(|it| it.in_force).collect();
        Orders {
            parties: parties.values().map(|at| index(*at)).collect(),
            kinds,
            position_during,
            position_stances,
            in_force,
            clauses,
            clause_base,
            positions,
            events,
            position_parties,
            position_issues,
            attacks,
            listed: listed.shrink(),
            named_bound: named_bound.shrink(),
            named_beneficiaries: named_beneficiaries.shrink(),
        }
    }

    /// The nodes clause `clause` of the instrument at `instrument` (file order) names as
    /// bound and as beneficiaries: see `named_bound`.
    pub(crate) fn named(
        &self,
        instrument: usize,
        clause: usize,
    ) -> (Option<&[u32]>, Option<&[u32]>) {
        let Some(base) = self.clause_base.get(instrument) else {
            return (None, None);
        };
        let flat = *base as usize + clause;
        (
            self.named_bound.get(flat),
            self.named_beneficiaries.get(flat),
        )
    }
}

/// The places of `instruments` in id order.
fn by_id(instruments: &[Instrument]) -> Vec<u32> {
    let mut places: Vec<u32> = (0..instruments.len())
        .map(|at| u32::try_from(at).unwrap_or(u32::MAX))
        .collect();
    places.sort_unstable_by_key(|at| instruments.get(*at as usize).map(|it| &it.id));
    places
}

/// The order of positions: by party, issue, start, stance, end and citation.
pub(crate) fn position_key(it: &Position) -> impl Ord + '_ {
    (
        &it.party,
        &it.issue,
        it.during.start,
        it.stance,
        it.during.end,
        &it.source.citation,
    )
}

impl Index {
    /// The place of the instrument `id` in `instruments` (the scenario's, whose places
    /// `self.instruments` sorts).
    pub(crate) fn instrument(&self, instruments: &[Instrument], id: &str) -> Option<usize> {
        let place = |at: &u32| instruments.get(*at as usize).map(|it| it.id.as_str());
        let found = self
            .instruments
            .binary_search_by(|at| place(at).cmp(&Some(id)))
            .ok()?;
        self.instruments.get(found).map(|at| *at as usize)
    }

    pub(crate) fn build(scenario: &Scenario) -> Index {
        fn positions<K: Ord + Clone, T>(items: &[T], key: impl Fn(&T) -> &K) -> BTreeMap<K, usize> {
            items
                .iter()
                .enumerate()
                .map(|(at, it)| (key(it).clone(), at))
                .collect()
        }
        let parties = positions(&scenario.parties, |it| &it.id);
        let issues = positions(&scenario.issues, |it| &it.id);
        let orders = Orders::build(scenario, &parties, &issues);
        Index {
            parties,
            territories: positions(&scenario.territories, |it| &it.id),
            actions: positions(&scenario.actions, |it| &it.name),
            issues,
            instruments: by_id(&scenario.instruments),
            events: positions(&scenario.events, |it| &it.id),
            orders,
        }
    }
}

impl Scenario {
    /// The scenario's title, when the file gives one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// What the scenario is about, when the file says.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Every party, in file order.
    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    /// The party with this id.
    pub fn party(&self, id: &PartyId) -> Option<&Party> {
        self.index
            .parties
            .get(id)
            .and_then(|at| self.parties.get(*at))
    }

    /// Every territory, in file order.
    pub fn territories(&self) -> &[Territory] {
        &self.territories
    }

    /// The territory with this id.
    pub fn territory(&self, id: &TerritoryId) -> Option<&Territory> {
        self.index
            .territories
            .get(id)
            .and_then(|at| self.territories.get(*at))
    }

    /// Every user-defined action, in file order.
    pub fn actions(&self) -> &[CustomAction] {
        &self.actions
    }

    /// The user-defined action with this name.
    pub fn action(&self, name: &ActionName) -> Option<&CustomAction> {
        self.index
            .actions
            .get(name)
            .and_then(|at| self.actions.get(*at))
    }

    /// Every issue: those the file declares, in file order, then the war issues its armed
    /// attacks make, in the order of the events.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// The issue with this id.
    pub fn issue(&self, id: &IssueId) -> Option<&Issue> {
        self.index
            .issues
            .get(id)
            .and_then(|at| self.issues.get(*at))
    }

    /// Every instrument, in file order.
    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }

    /// The instrument with this id.
    pub fn instrument(&self, id: &InstrumentId) -> Option<&Instrument> {
        self.index
            .instrument(&self.instruments, id.as_str())
            .and_then(|at| self.instruments.get(at))
    }

    /// Every position, in file order.
    pub fn positions(&self) -> &[Position] {
        &self.positions
    }

    /// Every event, in file order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The event with this id.
    pub fn event(&self, id: &EventId) -> Option<&Event> {
        self.index
            .events
            .get(id)
            .and_then(|at| self.events.get(*at))
    }

    /// The parties to `instrument` on `date`: those it lists, or the members of its
    /// organisation on that date. Empty when the instrument is not in force.
    ///
    /// # Complexity
    ///
    /// `O(p + log n)` for `p` listed parties or members.
    pub fn parties_of<'a>(&'a self, instrument: &'a Instrument, date: Date) -> Vec<&'a PartyId> {
        if !instrument.is_in_force_on(date) {
            return Vec::new();
        }
        match &instrument.parties {
            Parties::Listed(parties) => parties.iter().collect(),
            Parties::MembersOf(organisation) => self
                .party(organisation)
                .map(|it| it.members_on(date).collect())
                .unwrap_or_default(),
        }
    }

    /// The positions that hold on `date`.
    pub fn positions_on(&self, date: Date) -> impl Iterator<Item = &Position> {
        self.positions
            .iter()
            .filter(move |it| it.during.contains(date))
    }
}

#[cfg(test)]
mod tests {
    use super::Packed;

    #[test]
    fn packed_lists_keep_their_bounds_and_absence() {
        let mut packed = Packed::default();
        packed.push(Some([1, 2]));
        packed.push(None::<[u32; 0]>);
        packed.push(Some([]));
        packed.push(Some([3]));
        let packed = packed.shrink();
        assert_eq!(packed.get(0), Some(&[1, 2][..]));
        assert_eq!(packed.get(1), None);
        assert_eq!(packed.get(2), Some(&[][..]));
        assert_eq!(packed.get(3), Some(&[3][..]));
        assert_eq!(packed.get(4), None);
    }
}
