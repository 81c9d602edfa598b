//! Norms: what each kind of clause requires, as constraints on position variables. One file
//! per row of DESIGN.md's constraint table; dispatch is one exhaustive `match` on
//! [`Action`], so a new action breaks the build wherever it must be handled.
//!
//! Three rows constrain no position: respect for territorial integrity, no hostile alliance
//! and user-defined actions are about acts and memberships, so their files report findings
//! directly (see [`crate::engine::checks`]).

mod align;
mod custom;
mod defend;
mod neutrality;
mod no_harm;
mod no_hostile_alliance;
mod non_aggression;
mod offense;
mod respect_integrity;

pub(crate) use custom::run as custom_actions;
pub(crate) use no_harm::exclude as harm_exclusions;
pub(crate) use no_hostile_alliance::run as hostile_alliances;
pub(crate) use respect_integrity::run as recognitions;

use super::constraint::{Constraint, Item, Items, Node, Rule, Tell, Val, Var};
use super::snapshot::{Snapshot, WarOn};
use crate::finding::Relation;
use crate::model::{Action, Clause, Domain, IssueId, Modality, PartyId};

/// A norm's stable code and documentation.
#[cfg_attr(not(test), expect(dead_code, reason = "read by the meta-tests"))]
#[derive(Clone, Copy, Debug)]
pub(crate) struct NormInfo {
    /// The action's name in a scenario file.
    pub action: &'static str,
    /// The stable code.
    pub code: &'static str,
    /// What it requires, in one line: DESIGN.md's table row.
    pub summary: &'static str,
}

/// Every norm, for documentation and the meta-tests.
#[cfg_attr(not(test), expect(dead_code, reason = "read by the meta-tests"))]
pub(crate) const ALL: &[NormInfo] = &[
    align::INFO,
    defend::INFO,
    offense::INFO,
    neutrality::INFO,
    non_aggression::INFO,
    no_harm::INFO,
    respect_integrity::INFO,
    no_hostile_alliance::INFO,
    custom::INFO,
];

/// One issue on the snapshot's date, as the norms see it.
#[derive(Debug)]
pub(crate) struct IssueView<'s> {
    pub id: &'s IssueId,
    pub domain: Domain,
    pub war: Option<WarOn>,
    /// The war's attacker and victim, by id, for clauses that name adversaries.
    pub principals: Option<(&'s PartyId, &'s PartyId)>,
    /// The stances declared on the issue, by party: positions, and war principals' sides.
    pub declared: Declared,
}

/// The stances declared on one issue, sorted by party, each party's in the order they were
/// found.
///
/// One flat list searched by halving: an issue has hundreds of declared parties, and a map
/// with a list per party was most of what reading an issue allocated.
#[derive(Clone, Debug, Default)]
pub(crate) struct Declared {
    stances: Vec<(Node, Val, Item)>,
}

impl Declared {
    /// From stances in any order; each party's keep their order.
    pub(crate) fn new(mut stances: Vec<(Node, Val, Item)>) -> Declared {
        stances.sort_by_key(|(node, ..)| *node);
        Declared { stances }
    }

    /// The stances `node` declared.
    pub(crate) fn of(&self, node: Node) -> &[(Node, Val, Item)] {
        let start = self.stances.partition_point(|(it, ..)| *it < node);
        let end = start
            + self
                .stances
                .get(start..)
                .map_or(0, |rest| rest.partition_point(|(it, ..)| *it == node));
        self.stances.get(start..end).unwrap_or(&[])
    }

    /// Every declared stance, by party.
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, (Node, Val, Item)> {
        self.stances.iter()
    }

    /// Each party that declared a stance, in order, with its stances.
    pub(crate) fn runs(&self) -> impl Iterator<Item = (Node, &[(Node, Val, Item)])> + '_ {
        self.stances
            .chunk_by(|(left, ..), (right, ..)| left == right)
            .filter_map(|run| run.first().map(|(node, ..)| (*node, run)))
    }

    /// Takes the positions `went` (ranks, sorted) out and puts `came` in, each party's
    /// stances still in rank order: an issue without a war declares positions alone, and
    /// ranks go by party first.
    pub(crate) fn apply(&mut self, came: &[(Node, Val, u32)], went: &[u32]) {
        if !went.is_empty() {
            self.stances
                .retain(|it| position(it.2).is_none_or(|rank| went.binary_search(&rank).is_err()));
        }
        for (node, val, rank) in came {
            let key = (*node, Some(*rank));
            let at = self
                .stances
                .partition_point(|it| (it.0, position(it.2)) < key);
            self.stances
                .insert(at, (*node, *val, Item::Position(*rank)));
        }
    }

    /// Every party that declared a stance, once each, in order.
    pub(crate) fn parties(&self) -> impl Iterator<Item = Node> + '_ {
        self.stances
            .chunk_by(|(left, ..), (right, ..)| left == right)
            .filter_map(|run| run.first().map(|(node, ..)| *node))
    }
}

/// The rank of a position, for an item that is one.
fn position(item: Item) -> Option<u32> {
    match item {
        Item::Position(rank) => Some(rank),
        _ => None,
    }
}

/// The positions declared on an issue without a war, by component, as
/// (representative, value, rank, party), sorted: the first holder of a value in a
/// component, in the solver's order, is its first entry there, since the declared stances
/// go by party and then by rank, and ranks go by party first.
///
/// An issue declares hundreds of positions: the tracker keeps this beside its declared
/// stances, so that asking which values a component holds, or who holds one first, is a
/// search rather than a pass over them all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Holders {
    entries: Vec<(Node, Val, u32, Node)>,
}

impl Holders {
    /// The positions among `declared`, each under its party's representative (`root`).
    pub(crate) fn of(declared: &Declared, root: &dyn Fn(Node) -> Node) -> Holders {
        let mut entries: Vec<(Node, Val, u32, Node)> = declared
            .iter()
            .filter_map(|it| Holders::entry(root, it))
            .collect();
        entries.sort_unstable();
        Holders { entries }
    }

    /// These positions under their parties' representatives now (`root`): those whose
    /// component changed moved, the others where they stand. A copy, not an edit: a what-if
    /// asks it of the tracker's positions and must leave them as they are, and a move
    /// rebuilds the list either way.
    pub(crate) fn rekeyed(&self, root: &dyn Fn(Node) -> Node) -> Holders {
        let mut moved = Vec::new();
        let mut kept = Vec::with_capacity(self.entries.len());
        // One pass with a look-up of each party's representative: finding the moved
        // parties' positions among the declared and searching the moved for each entry cost
        // more, with the thousands of parties a giant component's join moves.
        for entry in &self.entries {
            let now = root(entry.3);
            if now == entry.0 {
                kept.push(*entry);
            } else {
                moved.push((now, entry.1, entry.2, entry.3));
            }
        }
        // The moved come in sorted runs, one per component they left when components
        // join, which a stable sort merges.
        moved.sort();
        let mut kept = kept.into_iter().peekable();
        let mut entries = Vec::with_capacity(self.entries.len());
        for entry in moved {
            entries.extend(std::iter::from_fn(|| kept.next_if(|it| *it < entry)));
            entries.push(entry);
        }
        entries.extend(kept);
        Holders { entries }
    }

    /// The entry of a declared stance that is a position.
    fn entry(
        root: &dyn Fn(Node) -> Node,
        (node, val, item): &(Node, Val, Item),
    ) -> Option<(Node, Val, u32, Node)> {
        position(*item).map(|rank| (root(*node), *val, rank, *node))
    }

    /// The entries of `component`, or of its value `val`.
    fn run(&self, component: Node, val: Option<Val>) -> &[(Node, Val, u32, Node)] {
        let key = |it: &(Node, Val, u32, Node)| (it.0, val.map(|_| it.1));
        let from = self
            .entries
            .partition_point(|it| key(it) < (component, val));
        let to = from
            + self.entries.get(from..).map_or(0, |rest| {
                rest.partition_point(|it| key(it) == (component, val))
            });
        self.entries.get(from..to).unwrap_or(&[])
    }

    /// The first position holding `val` in `component`: its party and rank.
    pub(crate) fn first(&self, component: Node, val: Val) -> Option<(Node, u32)> {
        self.run(component, Some(val))
            .first()
            .map(|it| (it.3, it.2))
    }

    /// The values positions hold in `component`, as bits (see [`Val::bit`]).
    pub(crate) fn held(&self, component: Node) -> u8 {
        Val::ALL
            .into_iter()
            .filter(|val| !self.run(component, Some(*val)).is_empty())
            .fold(0, |bits, val| bits | val.bit())
    }

    /// How many positions are declared in `component`.
    pub(crate) fn count(&self, component: Node) -> usize {
        self.run(component, None).len()
    }

    /// Puts the position `rank` of `party`, holding `val` in `component`, in, or takes it
    /// out.
    pub(crate) fn put(&mut self, component: Node, party: Node, val: Val, rank: u32, add: bool) {
        let entry = (component, val, rank, party);
        match (self.entries.binary_search(&entry), add) {
            (Err(at), true) => self.entries.insert(at, entry),
            (Ok(at), false) => {
                self.entries.remove(at);
            }
            _ => {}
        }
    }
}

impl<'s> IssueView<'s> {
    pub(crate) fn new(snapshot: &'s Snapshot<'_>, id: &'s IssueId, domain: Domain) -> Self {
        let war = snapshot.war(id);
        IssueView {
            id,
            domain,
            war,
            principals: war
                .and_then(|it| Some((snapshot.party(it.attacker)?, snapshot.party(it.victim)?))),
            declared: snapshot.declared(id),
        }
    }
}

/// One instance of a clause: the party it binds and the party it binds it toward.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Instance<'c> {
    pub rank: u32,
    pub clause: &'c Clause,
    pub bound: Node,
    pub beneficiary: Node,
}

impl Instance<'_> {
    fn constraint(&self, rule: Rule, items: Items, from: Node, relation: Relation) -> Constraint {
        duty(self.rank, self.bound, rule, items, from, relation)
    }

    fn item(&self) -> Item {
        Item::clause(self.rank, self.bound, self.beneficiary)
    }
}

/// A constraint that the clause `rank` imposes on `bound`, told as coming from `from`.
fn duty(
    rank: u32,
    bound: Node,
    rule: Rule,
    items: Items,
    from: Node,
    relation: Relation,
) -> Constraint {
    Constraint {
        rule,
        items,
        tell: Tell {
            from: Some(from),
            relation: Some(relation),
            clause: Some(rank),
            bound: Some(bound),
            actor: None,
        },
    }
}

/// Whether the clause constrains positions at all: permissions and consultation are context.
pub(crate) fn constrains(clause: &Clause) -> bool {
    let norm = &clause.norm;
    match norm.modality {
        Modality::Permission => false,
        Modality::Prohibition if norm.action == Action::Align => false,
        Modality::Obligation | Modality::Prohibition => !matches!(norm.action, Action::Consult),
    }
}

/// Pushes the constraints that one instance of a clause imposes on `issue` into `acc`, using
/// only the triggering events and declared stances that `present` accepts.
pub(crate) fn lower(
    issue: &IssueView<'_>,
    it: &Instance<'_>,
    present: &dyn Fn(Item) -> bool,
    acc: &mut Vec<Constraint>,
) {
    if !constrains(it.clause) || !it.clause.norm.scope.covers(issue.domain) {
        return;
    }
    match &it.clause.norm.action {
        Action::Align => align::lower(it, acc),
        Action::Defend => defend::lower(issue, it, present, acc),
        Action::Offense => offense::lower(issue, it, present, acc),
        Action::Neutrality => neutrality::lower(issue, it, present, acc),
        Action::NonAggression => non_aggression::lower(issue, it, acc),
        Action::NoHarm => no_harm::lower(issue, it, present, acc),
        // Context, or findings of their own (see the module doc).
        Action::Consult
        | Action::RespectIntegrity
        | Action::NoHostileAlliance
        | Action::Custom(_) => {}
    }
}

/// The constraints a fact imposes on `issue`: a position fixes its party's stance; the war's
/// event fixes the principals' stances and sides.
pub(crate) fn fact(
    snapshot: &Snapshot<'_>,
    issue: &IssueView<'_>,
    item: Item,
    acc: &mut Vec<Constraint>,
) {
    match item {
        Item::Position(rank) => {
            let Some(position) = snapshot.positions.get(rank as usize) else {
                return;
            };
            if &position.issue != issue.id || !position.during.contains(snapshot.date) {
                return;
            }
            if let Some(node) = snapshot.position_party(rank) {
                acc.push(fixed(
                    Var::Stance(node),
                    Val::of_stance(position.stance),
                    item,
                    Some(node),
                ));
            }
        }
        Item::Event(rank) => {
            let Some(war) = issue.war.filter(|it| it.event == rank) else {
                return;
            };
            // The attack is the attacker's own act; the victim's side is not its choice.
            for (node, val, actor) in [
                (war.attacker, Val::Plus, Some(war.attacker)),
                (war.victim, Val::Minus, None),
            ] {
                acc.push(fixed(Var::Stance(node), val, item, actor));
                acc.push(fixed(Var::Fight(node), val, item, actor));
            }
        }
        Item::Clause(..) => {}
    }
}

/// The constraint that a fact fixes `var` at `val`; `actor` when it is the party's own act.
pub(crate) fn fixed(var: Var, val: Val, item: Item, actor: Option<Node>) -> Constraint {
    Constraint {
        rule: Rule::Fix(var, val),
        items: Items::one(item),
        tell: Tell {
            actor,
            ..Tell::FACT
        },
    }
}

/// Whether a war's other principal is among the clause's named adversaries (any, when none
/// are named).
fn adversary_named(party: Option<&PartyId>, clause: &Clause) -> bool {
    let adversaries = &clause.norm.adversaries;
    adversaries.is_empty() || party.is_some_and(|it| adversaries.contains(it))
}

/// The war's event as an item, when present.
fn war_event(issue: &IssueView<'_>, present: &dyn Fn(Item) -> bool) -> Option<(WarOn, Item)> {
    let war = issue.war?;
    let item = Item::Event(war.event);
    present(item).then_some((war, item))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Positions (party, value, rank), ranks going by party first as the index gives them.
    fn declared(positions: &[(Node, Val, u32)]) -> Declared {
        Declared::new(
            positions
                .iter()
                .map(|(node, val, rank)| (*node, *val, Item::Position(*rank)))
                .collect(),
        )
    }

    #[test]
    fn positions_moved_in_place_are_the_positions_listed_anew() {
        let before = declared(&[(1, Val::Plus, 0), (1, Val::Minus, 1), (3, Val::Zero, 4)]);
        let mut moved = before.clone();
        // Party 1's second position goes; party 2 and party 1 gain one each.
        moved.apply(&[(1, Val::Zero, 2), (2, Val::Plus, 3)], &[1]);
        let listed = declared(&[
            (1, Val::Plus, 0),
            (1, Val::Zero, 2),
            (2, Val::Plus, 3),
            (3, Val::Zero, 4),
        ]);
        assert_eq!(moved.stances, listed.stances);
        // Nothing came or went: as it was.
        let mut same = before.clone();
        same.apply(&[], &[]);
        assert_eq!(same.stances, before.stances);
    }

    #[test]
    fn a_components_first_holder_of_a_value_is_its_lowest_ranked_position() {
        // Parties 1 and 2 form component 1; party 3 is alone.
        let root = |node: Node| if node == 2 { 1 } else { node };
        let stances = declared(&[
            (1, Val::Minus, 0),
            (2, Val::Plus, 1),
            (2, Val::Minus, 2),
            (3, Val::Plus, 3),
        ]);
        let mut holders = Holders::of(&stances, &root);
        assert_eq!(holders.first(1, Val::Minus), Some((1, 0)));
        assert_eq!(holders.first(1, Val::Plus), Some((2, 1)));
        assert_eq!(holders.first(1, Val::Zero), None);
        assert_eq!(holders.first(3, Val::Plus), Some((3, 3)));
        assert_eq!(holders.held(1), Val::Plus.bit() | Val::Minus.bit());
        assert_eq!(holders.held(2), 0);
        assert_eq!(
            (holders.count(1), holders.count(3), holders.count(2)),
            (3, 1, 0)
        );
        // Party 1's position goes: party 2's second one holds Minus first now.
        holders.put(1, 1, Val::Minus, 0, false);
        assert_eq!(holders.first(1, Val::Minus), Some((2, 2)));
        assert_eq!(holders.count(1), 2);
        // A position of a lower rank comes: it holds its value first.
        holders.put(1, 1, Val::Plus, 0, true);
        assert_eq!(holders.first(1, Val::Plus), Some((1, 0)));
        // Party 3 joins component 1, and party 2 leaves it for a component of its own:
        // moved, they are as if sorted anew.
        let root = |node: Node| if node == 3 { 1 } else { node };
        let before = Holders::of(&stances, &|node| if node == 2 { 1 } else { node });
        let rekeyed = before.rekeyed(&root);
        assert_eq!(rekeyed, Holders::of(&stances, &root));
        assert_eq!(rekeyed.first(1, Val::Plus), Some((3, 3)));
        assert_eq!(rekeyed.first(2, Val::Plus), Some((2, 1)));
        // Taking out what is not there, or putting in what is, changes nothing.
        let was = holders.clone();
        holders.put(3, 3, Val::Minus, 9, false);
        holders.put(3, 3, Val::Plus, 3, true);
        assert_eq!(holders, was);
    }

    #[test]
    fn every_norm_is_documented_and_codes_are_unique() {
        let mut codes: Vec<&str> = ALL.iter().map(|it| it.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
        for info in ALL {
            assert!(info.code.starts_with("allegiance::norm::"), "{}", info.code);
            assert!(!info.summary.is_empty(), "{}", info.action);
        }
    }
}
