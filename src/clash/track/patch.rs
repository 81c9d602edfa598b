//! An issue's points patched in place, for the changes that touch nothing else on an issue
//! without a war: duties of no harm toward its declared parties that began or ended,
//! positions that came or went, and components of the parties it reads that changed (the
//! last patched first when a move makes several; see `in_place`).
//!
//! All rest on the shape of the solver on such an issue. Only positions give values, and
//! an exclusion neither gives nor carries one (see `issue::barred_by`). The solver tells
//! every point of two values first, component by component (by representative), each from
//! the first holder of each value in the component; then, in the order of the constraints,
//! a barred point for each exclusion met, carried from the first holder of the excluded
//! value in the bound party's component; then each non-opposition joining opposite values,
//! again from first holders. So the points that change are the barred points of the
//! exclusions that came or went, and, where a position that came or went changes which
//! position first holds its value in its component, that component's points of two values
//! and the barred points carried from that value there; where a declared party changes
//! component, the points of the components it left and joined. The solver's order
//! ([`Shape`]) says where each goes.

use std::borrow::Cow;

use super::{ClashKind, ClashPoint, Group, Harm, Issue, Item, Node, Rule, Snapshot, State, point};
use crate::clash::raw_step;
use crate::engine::constraint::{Val, Var};
use crate::engine::issue;
use crate::engine::norms;
use crate::engine::norms::{Declared, Holders};
use crate::engine::snapshot::{DomainGraph, domain_slot};

/// Where a barred point of an issue without a war stands among the others: the party the
/// duty of no harm is toward, the duty's clause rank, the party it binds, and the position
/// whose stance it protects. The solver meets the exclusions of such an issue in this order
/// (its declared parties in turn, each one's list of duties by rank, each duty's stances;
/// see `issue::harms`).
pub(super) type Order = (Node, u32, Node, u32);

/// Where an issue's points of two values and barred points stand in the solver's order,
/// point by point.
#[derive(Debug, Default)]
pub(super) struct Shape {
    /// The component (its representative) of each point of two values, in order: the
    /// solver tells them component by component, by representative.
    pub(super) pairs: Vec<Node>,
    /// Where each barred point stands (see [`Order`]), in order.
    pub(super) barred: Vec<Order>,
}

/// The component of a point of two values, from its first step: the value its first holder
/// gives the component's stance.
pub(super) fn component_of(steps: &[&issue::Local]) -> Option<Node> {
    match steps.first()?.constraint.rule {
        Rule::Fix(Var::Stance(node), _) => Some(node),
        _ => None,
    }
}

/// Where a barred point stands among an issue's (see [`Order`]), from its exclusion.
pub(super) fn order_of(steps: &[&issue::Local]) -> Option<Order> {
    let exclusion = steps
        .iter()
        .find(|it| matches!(it.constraint.rule, Rule::Exclude(..)))?;
    let tell = &exclusion.constraint.tell;
    let position = exclusion.constraint.items.iter().find_map(|it| match it {
        Item::Position(rank) => Some(*rank),
        _ => None,
    })?;
    Some((tell.from?, tell.clause?, tell.bound?, position))
}

/// Patches the points of `issue`, which has no war, for the changed duties of no harm
/// `groups` (both versions of each) as the view has them now: the barred points of those
/// duties taken out, and those they impose now put in their places. Returns whether the
/// points changed, and the parties the duties toward the issue's declared parties bind, to
/// read from now on; `None`, leaving the state as it was, when the patch cannot tell.
///
/// The issue's declared stances and the components of the parties it reads are as they
/// were (it is not dirty otherwise), so no first holder changes.
pub(super) fn harms<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    state: &mut State<'a>,
    groups: &[&Group],
) -> Option<(bool, Vec<Node>)> {
    let mut ranks: Vec<u32> = groups.iter().map(|it| it.clause).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let toward = groups
        .iter()
        .flat_map(|it| it.beneficiaries.iter().copied())
        .collect();
    let of_changed = |harm: &Harm| ranks.binary_search(&harm.rank).is_ok();
    keep_holders(view, issue, state)?;
    let new = barred_points(
        view,
        issue,
        (&state.declared, state.holders.as_ref()),
        Some(toward),
        &of_changed,
        &|_| true,
    )?;
    let gone = |order: &Order| ranks.binary_search(&order.1).is_ok();
    let gone = places(&state.shape.as_ref()?.barred, gone);
    let changed = splice(state, gone, new, &|_| false, Vec::new())?;
    let mut bound = Vec::new();
    for group in groups {
        for beneficiary in &group.beneficiaries {
            if !state.declared.of(*beneficiary).is_empty() {
                bound.extend(group.toward(*beneficiary).map(|(party, _)| party));
            }
        }
    }
    Some((changed, bound))
}

/// Patches the points of `issue`, which has no war and nothing else changed around it but
/// duties of no harm toward its declared parties (`groups`, both versions of each; none
/// for an issue whose only change is its positions), for the positions that came and went
/// on it (`changes`, as `Moved::positions` lists them). Updates the issue's declared
/// stances; returns whether its points changed, and the new positions' parties and the
/// parties bound toward them or by the changed duties, to read from now on. `None` when a
/// position changes which position first holds its value in a component with loose
/// alignments (then non-oppositions may be told from it), its points left as they were
/// but not its declared stances: the issue is then recomputed.
///
/// Taken out: the barred points protecting the positions that went, those of the changed
/// duties, and, for each (component, value) whose first holder changed, that component's
/// points of two values and the barred points carried from that value there. Put in: the
/// barred points the duties of no harm toward the new positions' parties impose for them,
/// those the changed duties impose now, the points of two values of those components now,
/// and the barred points carried from those values there now.
///
/// Every other point stays: a (component, value) whose first holder is the same on both
/// dates tells the same points, and a component's points of two values depend only on its
/// first holders.
pub(super) fn positions<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    state: &mut State<'a>,
    changes: &[(u32, u32, bool)],
    groups: &[&Group],
) -> Option<(bool, Vec<Node>)> {
    let slot = domain_slot(issue.domain)?;
    let graph = view.domains.get(slot)?;
    let root = |node: Node| graph.root_of(node);
    state.shape.as_ref()?;
    keep_holders(view, issue, state)?;
    // The first holder of each changed position's value in its component, before.
    let mut before = Vec::with_capacity(changes.len());
    let holders = state.holders.as_ref()?;
    for (_, rank, _) in changes {
        let standing = view.standing(*rank)?;
        before.push(holders.first(root(standing.party), standing.val));
    }
    // Changed in place: an issue whose patch fails is recomputed, its state replaced.
    let mut now = std::mem::take(&mut state.declared);
    let mut holders_now = state.holders.take()?;
    apply(view, &root, (&mut now, &mut holders_now), changes)?;
    let mut came = Vec::new();
    let mut went = Vec::new();
    // The (component, value) pairs whose first holder changed, and those of them that
    // held no such value before.
    let mut firsts: Vec<(Node, Val)> = Vec::new();
    let mut fresh: Vec<(Node, Val)> = Vec::new();
    for ((_, rank, added), before) in changes.iter().zip(before) {
        let standing = view.standing(*rank)?;
        let component = root(standing.party);
        if holders_now.first(component, standing.val) != before {
            if graph.loose.contains_key(&component) {
                return None;
            }
            firsts.push((component, standing.val));
            if before.is_none() {
                fresh.push((component, standing.val));
            }
        }
        if *added { &mut came } else { &mut went }.push(*rank);
    }
    came.sort_unstable();
    went.sort_unstable();
    let stances = (&now, Some(&holders_now));
    firsts.sort_unstable();
    firsts.dedup();
    fresh.sort_unstable();
    fresh.dedup();
    let mut components: Vec<Node> = firsts.iter().map(|it| it.0).collect();
    components.dedup();
    let parties: Vec<Node> = came
        .iter()
        .filter_map(|rank| view.position_party(*rank))
        .collect();
    let mut ranks: Vec<u32> = groups.iter().map(|it| it.clause).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let of_changed = |rank: u32| ranks.binary_search(&rank).is_ok();
    // The value a barred point's exclusion bars, from the stance it protects.
    let excluded = |order: &Order| view.position_val(order.3)?.opposite();
    // Whether a barred point is carried from a value whose first holder changed.
    let retold = |order: &Order| {
        // Most patches change no first holder; most barred points are bound elsewhere: the
        // component is asked first, and only when one changed.
        if components.is_empty() {
            return false;
        }
        let component = root(order.2);
        components.binary_search(&component).is_ok()
            && excluded(order).is_some_and(|val| firsts.binary_search(&(component, val)).is_ok())
    };
    let arrives = |order: &Order| {
        excluded(order).is_some_and(|val| fresh.binary_search(&(root(order.2), val)).is_ok())
    };
    // Each exclusion once: the changed duties' toward every declared party; the others'
    // protecting the new positions; the others' carried from a changed first holder.
    let toward = groups
        .iter()
        .flat_map(|it| it.beneficiaries.iter().copied())
        .collect();
    let changed_duty = |harm: &Harm| of_changed(harm.rank);
    let mut new = barred_points(view, issue, stances, Some(toward), &changed_duty, &|_| true)?;
    let protects = |order: &Order| came.binary_search(&order.3).is_ok();
    let other_duty = |harm: &Harm| !of_changed(harm.rank);
    let parties_now = Some(parties.clone());
    new.extend(barred_points(
        view,
        issue,
        stances,
        parties_now,
        &other_duty,
        &protects,
    )?);
    // A value whose first holder changed is still barred by the same exclusions, told
    // from the new one, unless it is gone; a value new to a component may meet
    // exclusions no value met before, which only a walk of the duties finds.
    let kept: Vec<Order> = state
        .shape
        .iter()
        .flat_map(|it| it.barred.iter().copied())
        .filter(|order| {
            retold(order) && went.binary_search(&order.3).is_err() && !of_changed(order.1)
        })
        .collect();
    if !kept.is_empty() {
        let mut raw = Vec::new();
        issue::barred_of(view, issue, stances, &kept, &mut raw);
        new.extend(told(view, issue, &raw, &|_| true)?);
    }
    if !fresh.is_empty() {
        let mut arriving: Vec<Node> = fresh.iter().map(|it| it.0).collect();
        arriving.dedup();
        let wanted = |order: &Order| !protects(order) && arrives(order) && !of_changed(order.1);
        new.extend(barred_in(view, issue, stances, &arriving, &wanted)?);
    }
    new.sort_by_key(|it| it.0);
    let mut pairs = Vec::new();
    for component in &components {
        pairs.extend(two_values(view, issue, &holders_now, *component)?);
    }
    let gone = |order: &Order| {
        went.binary_search(&order.3).is_ok() || of_changed(order.1) || retold(order)
    };
    let gone = places(&state.shape.as_ref()?.barred, gone);
    let paired = |component: Node| components.binary_search(&component).is_ok();
    let changed = splice(state, gone, new, &paired, pairs)?;
    state.declared = now;
    state.holders = Some(holders_now);
    let mut reads = parties.clone();
    for group in groups {
        for beneficiary in &group.beneficiaries {
            if !state.declared.of(*beneficiary).is_empty() {
                reads.extend(group.toward(*beneficiary).map(|(party, _)| party));
            }
        }
    }
    for party in parties {
        let harms = view.harms_toward.get(party as usize).into_iter().flatten();
        reads.extend(harms.filter(|it| it.covers(slot)).map(|it| it.bound));
    }
    Some((changed, reads))
}

/// What a move changed around the parties, for [`moved`].
pub(super) struct Around<'m> {
    /// What changed around each party (see `super::Flags`).
    pub(super) flags: &'m [super::Flags],
    /// Each domain's graph before the move, by its slot.
    pub(super) before: &'m (dyn Fn(usize) -> Option<&'m DomainGraph> + Sync),
}

/// Patches the points of `issue`, which has no war and nothing else changed around it but
/// the components of parties it reads, when none of those components, before or after, has
/// loose alignments. Returns whether the points changed; `None`, leaving the state as it
/// was, when it cannot tell.
///
/// A barred point depends only on its exclusion and on the first holder of the value it
/// bars in the bound party's component. So the exclusions bound on a party whose component
/// went from `was` to `now` (the same for one that stayed in a component a party left or
/// joined) tell different points only for the values whose first holder in `was` before is
/// not the one in `now` after: those points are taken out; those whose value is still held are
/// told again, each the point it replaces with its source (its first step) told from the
/// new first holder, and those whose value is new there are found among the
/// moved parties' duties, or, for the parties that stayed, by [`barred_in`]. The points of
/// two values of the components the declared parties that moved left and joined are told
/// anew.
pub(super) fn moved<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    state: &mut State<'a>,
    around: &Around<'_>,
) -> Option<bool> {
    let slot = domain_slot(issue.domain)?;
    let (graph, before) = (view.domains.get(slot)?, (around.before)(slot)?);
    let bit = super::domain_bit(issue.domain);
    let flagged = |party: &Node| {
        around
            .flags
            .get(*party as usize)
            .is_some_and(|flag| flag & bit != 0)
    };
    let mut moved: Vec<Node> = state.reads.iter().copied().filter(flagged).collect();
    let declared: Vec<Node> = state.declared.parties().filter(flagged).collect();
    moved.extend(&declared);
    moved.sort_unstable();
    moved.dedup();
    let root_in = |graph: &DomainGraph, party: Node| graph.root.get(party as usize).copied();
    // The components the declared parties that moved left and joined: their points of two
    // values are told anew. Every component a party left or joined: `touched`.
    let mut components = Vec::new();
    let mut transits: Vec<(Node, Node)> = Vec::new();
    for party in &moved {
        let (now, was) = (root_in(graph, *party)?, root_in(before, *party)?);
        if graph.loose.contains_key(&now) || before.loose.contains_key(&was) {
            return None;
        }
        if declared.binary_search(party).is_ok() {
            components.extend([now, was]);
        }
        transits.push((was, now));
    }
    components.sort_unstable();
    components.dedup();
    let mut touched: Vec<Node> = transits
        .iter()
        .flat_map(|(was, now)| [*was, *now])
        .collect();
    touched.sort_unstable();
    touched.dedup();
    // The parties that stayed in a touched component go from it to itself.
    transits.extend(touched.iter().map(|it| (*it, *it)));
    transits.sort_unstable();
    transits.dedup();
    state.shape.as_ref()?;
    let root = |node: Node| root_in(graph, node).unwrap_or(node);
    let root_before = |node: Node| root_in(before, node).unwrap_or(node);
    // The declared parties' components changed: their positions are moved under their
    // new representatives, in a copy. A what-if's components are not the tracker's: it
    // keeps the positions as they stand before it. Where no declared party moved, the
    // positions stay as they are, and are not copied.
    keep_holders_in(before, state);
    let holders_before = state.holders.as_ref()?;
    let firsts_before: Vec<[Option<(Node, u32)>; 3]> = transits
        .iter()
        .map(|(was, _)| Val::ALL.map(|val| holders_before.first(*was, val)))
        .collect();
    let holders = if declared.is_empty() {
        Cow::Borrowed(holders_before)
    } else {
        Cow::Owned(holders_before.rekeyed(&root))
    };
    let (changed, fresh) = first_changes(&transits, &firsts_before, &holders);
    let excluded = |order: &Order| view.position_val(order.3)?.opposite();
    // The components a point's bound party went from and to, when it is in a touched one.
    let components_of = |order: &Order| {
        let now = root(order.2);
        // A party in no touched component stayed in one nobody left or joined.
        if touched.binary_search(&now).is_err() {
            return None;
        }
        Some((root_before(order.2), now))
    };
    let transit_of = |order: &Order| {
        let (was, now) = components_of(order)?;
        Some((was, now, excluded(order)?))
    };
    // The source of each changed transit's value where it is still held: its new first
    // holder's position, told once for all the points carried from it.
    let sources: Vec<Option<_>> = (changed.iter())
        .map(|(_, now, val)| {
            let (holder, rank) = holders.first(*now, *val)?;
            let source = issue::barred_source(*now, (holder, Item::Position(rank)), *val);
            Some(raw_step(&source))
        })
        .collect();
    // The places of the barred points that go, found in one pass over the issue's (its
    // thousands of points were read three times: to find them, to keep some, and to take
    // them out); most moves change no first holder: then none goes, and none is looked at.
    // Those whose value is still held there are told again: the same exclusion (a move
    // changes no duty), so each is the point it replaces with its first step, the source,
    // told anew.
    let mut gone = Vec::new();
    let mut new = Vec::new();
    let shape = state.shape.as_ref()?;
    let (barred, points) = match state.points.get(shape.pairs.len()..) {
        Some(points) if !changed.is_empty() => (&shape.barred[..], points),
        _ => (&[][..], &[][..]),
    };
    for ((at, order), old) in barred.iter().enumerate().zip(points) {
        let Some((was, now)) = components_of(order) else {
            continue;
        };
        let on_the_way = |it: &Transit| (it.0, it.1).cmp(&(was, now));
        if changed.binary_search_by(on_the_way).is_err() {
            continue;
        }
        // The value, read from the point the solver told, which lies next to the one
        // before it: read by position, it was a cache miss for each point on a world. The
        // point is the one its order names, since the shape is kept with the points; where
        // it is not, the patch cannot tell.
        let val = (old.barred_stance()).filter(|_| old.excludes_by(order.1, order.2))?;
        let Ok(change) = changed.binary_search(&(was, now, val)) else {
            continue;
        };
        gone.push(at);
        if let Some(Some(source)) = sources.get(change) {
            new.push((*order, old.with_step(0, *source)?));
        }
    }
    let stances = (&state.declared, Some(&*holders));
    if !fresh.is_empty() {
        let declared = &state.declared;
        new.extend(arriving(
            view,
            issue,
            (&moved, declared, stances),
            &fresh,
            &transit_of,
        )?);
    }
    new.sort_by_key(|it| it.0);
    let mut pairs = Vec::new();
    for component in &components {
        pairs.extend(two_values(view, issue, &holders, *component)?);
    }
    let paired = |component: Node| components.binary_search(&component).is_ok();
    let rekeyed = match holders {
        Cow::Owned(it) => Some(it),
        Cow::Borrowed(_) => None,
    };
    let changed = splice(state, gone, new, &paired, pairs)?;
    // A what-if's components are not the tracker's.
    if state.log.is_none()
        && let Some(rekeyed) = rekeyed
    {
        state.holders = Some(rekeyed);
    }
    Some(changed)
}

/// A (component before, component after, value) a party's change of component takes its
/// barred points of that value through; (`c`, `c`, value) for the parties that stayed in a
/// component others left or joined.
type Transit = (Node, Node, Val);

/// The transits whose first holder changed, of the `transits` (component before, after) with
/// their first holders `before` of each value, now that `holders` keeps them under the
/// components after; and those of them whose value is new where they arrive. Both sorted.
fn first_changes(
    transits: &[(Node, Node)],
    before: &[[Option<(Node, u32)>; 3]],
    holders: &Holders,
) -> (Vec<Transit>, Vec<Transit>) {
    let mut changed = Vec::new();
    let mut fresh = Vec::new();
    for ((was, now), firsts) in transits.iter().zip(before) {
        for (val, first) in Val::ALL.iter().zip(firsts) {
            if holders.first(*now, *val) != *first {
                changed.push((*was, *now, *val));
                if first.is_none() {
                    fresh.push((*was, *now, *val));
                }
            }
        }
    }
    changed.sort_unstable();
    fresh.sort_unstable();
    (changed, fresh)
}

/// The barred points of the exclusions whose [`Transit`] (`transit_of`) is among `fresh`: their
/// value is new where they arrive, so no point of theirs stood before. A moved party's are
/// among its own duties; those of the parties that stayed are found by [`barred_in`] in
/// their components.
fn arriving<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    (moved, declared, stances): (&[Node], &Declared, (&Declared, Option<&Holders>)),
    fresh: &[Transit],
    transit_of: &dyn Fn(&Order) -> Option<Transit>,
) -> Option<Vec<(Order, ClashPoint<'a>)>> {
    let slot = domain_slot(issue.domain)?;
    let arrives = |order: &Order, moved: bool| {
        transit_of(order)
            .is_some_and(|it| (it.0 != it.1) == moved && fresh.binary_search(&it).is_ok())
    };
    let mut orders = Vec::new();
    for party in moved {
        owed_by(view, *party, slot, declared, &mut orders);
    }
    orders.retain(|it| arrives(it, true));
    orders.sort_unstable();
    orders.dedup();
    let mut raw = Vec::new();
    issue::barred_of(view, issue, stances, &orders, &mut raw);
    let mut new = told(view, issue, &raw, &|_| true)?;
    let mut stayed: Vec<Node> = (fresh.iter())
        .filter(|(was, now, _)| was == now)
        .map(|it| it.1)
        .collect();
    stayed.dedup();
    if !stayed.is_empty() {
        new.extend(barred_in(view, issue, stances, &stayed, &|it| {
            arrives(it, false)
        })?);
    }
    Some(new)
}

/// Makes sure the state keeps the issue's positions by component (see [`Holders`]),
/// making them from its declared stances under the view's components when missing. They
/// are kept while the components of its declared parties stay: a party that changes
/// component makes the issue dirty, and [`moved`] moves its positions.
pub(super) fn keep_holders(
    view: &Snapshot<'_>,
    issue: &Issue,
    state: &mut State<'_>,
) -> Option<()> {
    keep_holders_in(view.domains.get(domain_slot(issue.domain)?)?, state);
    Some(())
}

/// As [`keep_holders`], under the components of `graph`.
fn keep_holders_in(graph: &DomainGraph, state: &mut State<'_>) {
    let root = |node: Node| graph.root_of(node);
    let declared = &state.declared;
    state
        .holders
        .get_or_insert_with(|| Holders::of(declared, &root));
}

/// Moves declared stances and positions by component past the positions that came and
/// went (`changes`, as `Moved::positions` lists them), under `root`.
pub(super) fn apply(
    view: &Snapshot<'_>,
    root: &dyn Fn(Node) -> Node,
    (declared, holders): (&mut Declared, &mut Holders),
    changes: &[(u32, u32, bool)],
) -> Option<()> {
    let mut came = Vec::new();
    let mut went = Vec::new();
    for (_, rank, added) in changes {
        let standing = view.standing(*rank)?;
        holders.put(
            root(standing.party),
            standing.party,
            standing.val,
            *rank,
            *added,
        );
        if *added {
            came.push((standing.party, standing.val, *rank));
        } else {
            went.push(*rank);
        }
    }
    came.sort_unstable();
    went.sort_unstable();
    declared.apply(&came, &went);
    Some(())
}

/// The barred points of the exclusions bound in the `components` (representatives, sorted)
/// of `issue`, which has no war, with `declared` stances, that `wanted` accepts, in the
/// solver's order. A few members' own duties are fewer than the duties toward every
/// declared party: a component of at most [`SMALL`] members is read member by member, a
/// larger one walked from the declared parties.
fn barred_in<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    stances: (&Declared, Option<&Holders>),
    components: &[Node],
    wanted: &dyn Fn(&Order) -> bool,
) -> Option<Vec<(Order, ClashPoint<'a>)>> {
    let declared = stances.0;
    let slot = domain_slot(issue.domain)?;
    let graph = view.domains.get(slot)?;
    let root = |node: Node| graph.root_of(node);
    let Some(members) = members(view, graph, components, SMALL) else {
        let reaches = |harm: &Harm| components.binary_search(&root(harm.bound)).is_ok();
        return barred_points(view, issue, stances, None, &reaches, wanted);
    };
    let mut orders: Vec<Order> = Vec::new();
    for member in members {
        owed_by(view, member, slot, declared, &mut orders);
    }
    orders.retain(|it| wanted(it));
    orders.sort_unstable();
    let mut raw = Vec::new();
    issue::barred_of(view, issue, stances, &orders, &mut raw);
    told(view, issue, &raw, &|_| true)
}

/// How many members a component may have for the duties of no harm that bind them to be
/// read member by member (see [`owed_by`]).
const SMALL: usize = 64;

/// The members of the `components` (representatives; a party that is none stands for no
/// component) in `graph`, found from the representatives through their strict alignments
/// rather than among every party; `None` when they have more than `limit`.
fn members(
    view: &Snapshot<'_>,
    graph: &DomainGraph,
    components: &[Node],
    limit: usize,
) -> Option<Vec<Node>> {
    let root = |node: Node| graph.root.get(node as usize).copied();
    let mut members: Vec<Node> = components
        .iter()
        .copied()
        .filter(|it| root(*it) == Some(*it))
        .collect();
    let mut at = 0;
    while let Some(node) = members.get(at).copied() {
        at += 1;
        for group in graph.strict.get(node as usize).into_iter().flatten() {
            let Some(group) = view.group(*group) else {
                continue;
            };
            for other in group.bound.iter().chain(&group.beneficiaries) {
                // A group of a few parties may bind some outside the component; the
                // members found so far are a few dozen at most.
                if root(*other) == root(node) && !members.contains(other) {
                    if members.len() == limit {
                        return None;
                    }
                    members.push(*other);
                }
            }
        }
    }
    Some(members)
}

/// Pushes the [`Order`] of every exclusion that the duties of no harm binding `party`, in
/// force on the view's date and covering the domain at `slot`, impose toward a party with
/// `declared` stances: the duties [`issue::barred_where`] finds from the other end.
fn owed_by(
    view: &Snapshot<'_>,
    party: Node,
    slot: usize,
    declared: &Declared,
    acc: &mut Vec<Order>,
) {
    for group in harms_binding(view, party, slot) {
        for beneficiary in group.beneficiaries.iter().filter(|it| **it != party) {
            for (_, val, item) in declared.of(*beneficiary) {
                if let (Some(_), Item::Position(rank)) = (val.opposite(), item) {
                    acc.push((*beneficiary, group.clause, party, *rank));
                }
            }
        }
    }
}

/// The groups of the duties of no harm that bind `party` on the view's date and cover the
/// domain at `slot`.
pub(super) fn harms_binding<'v>(
    view: &'v Snapshot<'_>,
    party: Node,
    slot: usize,
) -> impl Iterator<Item = &'v Group> + 'v {
    let groups = view.harms_binding.get(party as usize).into_iter().flatten();
    groups.filter_map(move |at| {
        let group = view.group(*at)?;
        (view.kind(group.clause).covers & (1 << slot) != 0).then_some(group)
    })
}

/// The points of two values of `component` on `issue`, which has no war, with its
/// positions by component `holders`, as the solver tells them: for each pair of values
/// held there, in the order their first holders come, one point from the two first
/// holders.
fn two_values<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    holders: &Holders,
    component: Node,
) -> Option<Vec<(Node, ClashPoint<'a>)>> {
    let mut held: Vec<(u32, Node, Val)> = Val::ALL
        .into_iter()
        .filter_map(|val| {
            holders
                .first(component, val)
                .map(|(node, rank)| (rank, node, val))
        })
        .collect();
    held.sort_unstable();
    let firsts: Vec<issue::Local> = held
        .into_iter()
        .map(|(rank, holder, val)| {
            let item = Item::Position(rank);
            let mut source = norms::fixed(Var::Stance(holder), val, item, Some(holder));
            source.rule = Rule::Fix(Var::Stance(component), val);
            issue::Local {
                constraint: source,
                stances: issue::Stances::one(holder),
            }
        })
        .collect();
    let mut points = Vec::new();
    for (at, first) in firsts.iter().enumerate() {
        for second in firsts.iter().skip(at + 1) {
            points.push((component, point(view, &issue.id, &[first, second])?));
        }
    }
    Some(points)
}

/// The barred points the duties of no harm that `keep` keeps, toward the parties `toward`,
/// impose on `issue` with `declared` stances, those whose [`Order`] `wanted` accepts, in
/// the solver's order; `None` when one cannot be placed.
fn barred_points<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    stances: (&Declared, Option<&Holders>),
    toward: Option<Vec<Node>>,
    keep: &dyn Fn(&Harm) -> bool,
    wanted: &dyn Fn(&Order) -> bool,
) -> Option<Vec<(Order, ClashPoint<'a>)>> {
    let mut raw = Vec::new();
    issue::barred_where(view, issue, stances, toward, keep, &mut raw);
    told(view, issue, &raw, wanted)
}

/// The points of `raw` barred points whose [`Order`] `wanted` accepts, in the solver's
/// order; `None` when one cannot be placed.
fn told<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    raw: &[issue::Point],
    wanted: &dyn Fn(&Order) -> bool,
) -> Option<Vec<(Order, ClashPoint<'a>)>> {
    let mut new = Vec::with_capacity(raw.len());
    for it in raw {
        let steps: smallvec::SmallVec<[&issue::Local; 3]> = it.iter().collect();
        let order = order_of(&steps)?;
        if wanted(&order) {
            new.push((order, point(view, &issue.id, &steps)?));
        }
    }
    new.sort_by_key(|it| it.0);
    Some(new)
}

/// The points a patch would take out of an issue and put in, for a what-if: the state is
/// left as it is (see [`splice`]). Each side is sorted by [`Key`].
#[derive(Debug, Default)]
pub(super) struct Log<'a> {
    /// The points it would take out, in the issue's order.
    pub(super) removed: Vec<(Key, ClashPoint<'a>)>,
    /// The points it would put in, in the solver's order.
    pub(super) added: Vec<(Key, ClashPoint<'a>)>,
}

/// Where a logged point stands: among the points of two values, or a barred point by its
/// [`Order`]. Points under different keys differ: a barred point names its exclusion's
/// clause, bound party and protected position. Points of two values are one run, since a
/// component's representative may change while its first holders, and so its points, stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Key {
    Pair,
    Barred(Order),
}

/// Takes the barred points at the places `gone` (sorted), and the points of two values of
/// the components `paired` accepts, out of the issue's points, and merges `new` barred
/// points and `pairs` (points of two values, by component) in, each by its place in the
/// solver's order; returns whether the points changed. `None`, leaving the state as it
/// was, when its points are not in the solver's shape (points of two values, then barred
/// points, then non-oppositions). With a [`Log`], the points are logged there instead,
/// and the state left as it is.
fn splice<'a>(
    state: &mut State<'a>,
    barred_gone: Vec<usize>,
    new: Vec<(Order, ClashPoint<'a>)>,
    paired: &dyn Fn(Node) -> bool,
    pairs: Vec<(Node, ClashPoint<'a>)>,
) -> Option<bool> {
    let kind = |at: usize| state.points.get(at).map(ClashPoint::kind);
    let shape = state.shape.as_ref()?;
    let first = shape.pairs.len();
    let last = first + shape.barred.len();
    // The shape is kept with the points: its blocks' ends are checked, not every point.
    let (two, barred) = (Some(ClashKind::TwoValues), Some(ClashKind::Barred));
    if last > state.points.len()
        || first > 0 && kind(first - 1) != two
        || last > first && (kind(first) != barred || kind(last - 1) != barred)
        || matches!(kind(last), Some(ClashKind::TwoValues | ClashKind::Barred))
    {
        return None;
    }
    // The places, in each block, of the points to take out.
    let pairs_gone = places(&shape.pairs, |it| paired(*it));
    if let Some(log) = state.log.as_deref_mut() {
        // Tens of thousands of points on a join of giant components: grown a point at a
        // time, the lists were copied over and over.
        log.removed.reserve(pairs_gone.len() + barred_gone.len());
        log.added.reserve(pairs.len() + new.len());
        let (pairs_old, barred_old) = state.points.split_at(first);
        let pairs_out = pairs_gone.iter().filter_map(|at| pairs_old.get(*at));
        let barred_out = barred_gone
            .iter()
            .filter_map(|at| Some((Key::Barred(*shape.barred.get(*at)?), barred_old.get(*at)?)));
        let removed = pairs_out.map(|it| (Key::Pair, it)).chain(barred_out);
        log.removed
            .extend(removed.map(|(key, point)| (key, point.clone())));
        let added = pairs.into_iter().map(|it| (Key::Pair, it.1));
        log.added
            .extend(added.chain(new.into_iter().map(|it| (Key::Barred(it.0), it.1))));
        return Some(!log.removed.is_empty() || !log.added.is_empty());
    }
    // Most patches of a move find nothing to take out or put in: the points stay put.
    if pairs.is_empty() && new.is_empty() && pairs_gone.is_empty() && barred_gone.is_empty() {
        return Some(false);
    }
    if pairs_gone.len() + barred_gone.len() + pairs.len() + new.len() <= FEW {
        return Some(edit(state, (&pairs_gone, &barred_gone), pairs, new));
    }
    // Nothing fails from here on: the state is changed in place, each point moved once.
    let shape = state.shape.take().unwrap_or_default();
    let old = std::mem::take(&mut state.points);
    let mut points = Vec::with_capacity(old.len() + pairs.len() + new.len());
    let mut old = old.into_iter();
    let mut block = Block::default();
    let pairs = block.merge(&mut old, &mut points, &shape.pairs, &pairs_gone, pairs);
    let barred = block.merge(&mut old, &mut points, &shape.barred, &barred_gone, new);
    points.extend(old);
    state.points = points;
    state.shape = Some(Shape { pairs, barred });
    let changed = block.changed(&state.points);
    Some(changed)
}

/// The places of the `keys` that `gone` accepts.
fn places<K>(keys: &[K], gone: impl Fn(&K) -> bool) -> Vec<usize> {
    (keys.iter().enumerate())
        .filter(|it| gone(it.1))
        .map(|it| it.0)
        .collect()
}

/// How many points a [`splice`] may take out and put in for it to [`edit`] them where they
/// are: shifting the points after each change costs less than moving every point, with a
/// few hundred per issue on a world, as long as the changes are few.
const FEW: usize = 8;

/// Takes the points at `gone` (their places among the points of two values and among the
/// barred points) out of the issue's points, and puts `pairs` and `new` in, each after the
/// points whose keys are not greater: a [`splice`] where the points stand, its shape
/// checked. Returns whether the points changed.
fn edit<'a>(
    state: &mut State<'a>,
    (pairs_gone, barred_gone): (&[usize], &[usize]),
    pairs: Vec<(Node, ClashPoint<'a>)>,
    new: Vec<(Order, ClashPoint<'a>)>,
) -> bool {
    let Some(shape) = state.shape.as_mut() else {
        return true;
    };
    let points = &mut state.points;
    let mut block = Block::default();
    let first = shape.pairs.len();
    // The last first, so that the places of the others stay. `splice` checked that the
    // blocks lie within the points.
    for at in barred_gone.iter().rev() {
        shape.barred.remove(*at);
        block.gone.push((first + at, points.remove(first + at)));
    }
    for at in pairs_gone.iter().rev() {
        shape.pairs.remove(*at);
        block.gone.push((*at, points.remove(*at)));
    }
    block.gone.reverse();
    for (component, point) in pairs {
        let at = shape.pairs.partition_point(|it| *it <= component);
        shape.pairs.insert(at, component);
        points.insert(at, point);
        block.came.push(at);
    }
    let first = shape.pairs.len();
    for (order, point) in new {
        let at = first + shape.barred.partition_point(|it| *it <= order);
        shape.barred.insert(at - first, order);
        points.insert(at, point);
        block.came.push(at);
    }
    block.changed(points)
}

/// The points a [`splice`] takes out and puts in, to say whether it changed them.
#[derive(Default)]
struct Block<'a> {
    /// Each point taken out, with its place among the points before.
    gone: Vec<(usize, ClashPoint<'a>)>,
    /// The place of each point put in among the points after.
    came: Vec<usize>,
    /// How many points the blocks merged so far held before, and hold now.
    before: usize,
    after: usize,
}

impl<'a> Block<'a> {
    /// Moves the next block of points, keyed `keys` in order, from `old` to `points`,
    /// leaving out those at the places `gone` (sorted) and merging `new` (in order) in, each new
    /// point before the old ones with a greater key; returns the block's keys now.
    fn merge<K: Ord + Copy>(
        &mut self,
        old: &mut impl Iterator<Item = ClashPoint<'a>>,
        points: &mut Vec<ClashPoint<'a>>,
        keys: &[K],
        gone: &[usize],
        new: Vec<(K, ClashPoint<'a>)>,
    ) -> Vec<K> {
        let mut merged = Vec::with_capacity(keys.len() + new.len());
        let mut new = new.into_iter().peekable();
        let mut gone = gone.iter().peekable();
        for (place, key) in keys.iter().enumerate() {
            let Some(point) = old.next() else {
                break;
            };
            let at = self.before;
            self.before += 1;
            if gone.next_if(|it| **it == place).is_some() {
                self.gone.push((at, point));
                continue;
            }
            while let Some((more, it)) = new.next_if(|more| more.0 < *key) {
                self.put(points, &mut merged, more, it);
            }
            merged.push(*key);
            points.push(point);
            self.after += 1;
        }
        for (more, it) in new {
            self.put(points, &mut merged, more, it);
        }
        merged
    }

    /// Puts a new point in.
    fn put<K>(
        &mut self,
        points: &mut Vec<ClashPoint<'a>>,
        keys: &mut Vec<K>,
        key: K,
        point: ClashPoint<'a>,
    ) {
        self.came.push(self.after);
        self.after += 1;
        keys.push(key);
        points.push(point);
    }

    /// Whether `points` differ from the points before, point by point: they do unless each
    /// point put in stands where one taken out stood, and is the same.
    fn changed(&self, points: &[ClashPoint<'a>]) -> bool {
        self.gone.len() != self.came.len()
            || self
                .gone
                .iter()
                .zip(&self.came)
                .any(|((was, before), now)| {
                    was != now || points.get(*now).is_none_or(|it| it != before)
                })
    }
}

#[cfg(test)]
mod tests {
    use super::{Block, ClashKind, ClashPoint, Order, Shape, State, edit};
    use crate::clash::Requirement;
    use crate::clash::point::{Behind, Names, RawStep};
    use crate::model::{IssueId, PartyId, Scenario};
    use crate::test_util::scenario;

    /// The test world with parties D and E besides: nodes 0 to 4 are A to E.
    fn five() -> Scenario {
        scenario(
            "[[parties]]\nid = \"D\"\nname = \"Dland\"\nkind = \"state\"\n\
             [[parties]]\nid = \"E\"\nname = \"Eland\"\nkind = \"state\"\n",
        )
    }

    /// A point of one step from node `from`, telling its parties by `scenario`.
    fn point_from<'a>(
        scenario: &'a Scenario,
        issue: &'a IssueId,
        kind: ClashKind,
        from: Option<u32>,
    ) -> ClashPoint<'a> {
        let names = Names {
            scenario,
            hypothesis: None,
        };
        let steps = from.map(|n| RawStep {
            parties: RawStep::parties_of([]),
            bound: RawStep::number(None),
            from: n,
            behind: RawStep::number(None),
            behind_is: Behind::Nothing,
            requires: RawStep::code(Requirement::Same),
            relation: None,
        });
        ClashPoint::new(issue, names, kind, steps.into_iter().collect())
    }

    /// An edit leaves the points a merge would, and says they changed unless each point put
    /// in takes the place of an equal one taken out.
    #[test]
    fn an_edit_puts_each_point_after_the_keys_not_greater_and_tells_a_change() {
        let issue: IssueId = "q".parse().unwrap_or_else(|e| panic!("{e:?}"));
        let world = five();
        // A point told from party `n`, of A to E.
        let point = |kind, n: u32| point_from(&world, &issue, kind, Some(n));
        let key = |n: u32| -> Order { (n, 0, 0, 0) };
        let (two, barred) = (ClashKind::TwoValues, ClashKind::Barred);
        // One point of two values (component 7, from A), then barred points keyed 1, 3, 5
        // (from B, C, D).
        let state = || State {
            points: vec![
                point(two, 0),
                point(barred, 1),
                point(barred, 2),
                point(barred, 3),
            ],
            shape: Some(Shape {
                pairs: vec![7],
                barred: vec![key(1), key(3), key(5)],
            }),
            ..State::default()
        };
        // Who each point is from, in order.
        let from = |state: &State<'_>| -> String {
            (state.points.iter())
                .filter_map(|it| it.step(0).and_then(|step| step.from))
                .map(PartyId::as_str)
                .collect()
        };
        // Edits a fresh state: whether the points changed, who each is from, the keys.
        let run = |gone: (&[usize], &[usize]), pairs, new| {
            let mut it = state();
            let changed = edit(&mut it, gone, pairs, new);
            (changed, from(&it), it.shape.unwrap_or_default())
        };
        // Key 3 taken out and an equal point put back under it: no change.
        let same = run((&[], &[1]), Vec::new(), vec![(key(3), point(barred, 2))]);
        assert_eq!((same.0, same.1.as_str()), (false, "ABCD"));
        // Keys 1 and 5 taken out and equal points put back: no change, each in its place.
        let back = vec![(key(1), point(barred, 1)), (key(5), point(barred, 3))];
        let both = run((&[], &[0, 2]), Vec::new(), back);
        assert_eq!((both.0, both.1.as_str()), (false, "ABCD"));
        // Key 3 taken out and another point put under it: a change.
        let other = run((&[], &[1]), Vec::new(), vec![(key(3), point(barred, 4))]);
        assert_eq!((other.0, other.1.as_str()), (true, "ABED"));
        // Nothing taken out; a point under key 3, after the one there, and one under 4.
        let new = vec![(key(3), point(barred, 4)), (key(4), point(barred, 0))];
        let more = run((&[], &[]), Vec::new(), new);
        assert_eq!((more.0, more.1.as_str()), (true, "ABCEAD"));
        assert_eq!(more.2.barred, [key(1), key(3), key(3), key(4), key(5)]);
        // The point of two values taken out and one of another component put in after it.
        let pairs = run((&[0], &[]), vec![(9, point(two, 4))], Vec::new());
        assert_eq!((pairs.0, pairs.1.as_str()), (true, "EBCD"));
        assert_eq!(pairs.2.pairs, [9]);
    }

    #[test]
    fn a_splice_changes_the_points_unless_each_new_one_takes_an_equal_ones_place() {
        let issue: IssueId = "q".parse().unwrap_or_else(|e| panic!("{e:?}"));
        let world = five();
        let point = |kind| point_from(&world, &issue, kind, None);
        let (two, barred) = (ClashKind::TwoValues, ClashKind::Barred);
        // Before: [two, barred, barred]; the first point taken out and an equal one put in.
        let block = |came: usize| Block {
            gone: vec![(0, point(two))],
            came: vec![came],
            before: 3,
            after: 3,
        };
        // In its place: as it was.
        let same = [point(two), point(barred), point(barred)];
        assert!(!block(0).changed(&same));
        // At the end: the same points, in another order.
        let moved = [point(barred), point(barred), point(two)];
        assert!(block(2).changed(&moved));
        // In its place, but another point.
        let other = [point(barred), point(barred), point(barred)];
        assert!(block(0).changed(&other));
        // Taken out and nothing put in.
        let fewer = Block {
            came: Vec::new(),
            after: 2,
            ..block(0)
        };
        assert!(fewer.changed(&[point(barred), point(barred)]));
    }
}
