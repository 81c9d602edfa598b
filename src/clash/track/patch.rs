//! An issue's barred points patched in place, for the two changes that touch nothing else
//! on an issue without a war: duties of no harm toward its declared parties that began or
//! ended, and positions that came or went without changing the first holder of their value
//! in their component.
//!
//! Both rest on the shape of the solver on such an issue. Only positions give values, and
//! an exclusion neither gives nor carries one (see `issue::barred_by`). The solver tells
//! every point of two values first, each from the first holder of each value in a
//! component; then, in the order of the constraints, a barred point for each exclusion met,
//! carried from the first holder of the excluded value in the bound party's component; then
//! each non-opposition joining opposite values, again from first holders. So when no first
//! holder changes, the only points that change are the barred points of the exclusions that
//! came or went, and the solver's order of exclusions ([`Order`]) says where each goes.

use super::{ClashKind, ClashPoint, Group, Harm, Issue, Item, Node, Rule, Snapshot, State, point};
use crate::engine::issue;
use crate::engine::norms::Declared;
use crate::engine::snapshot::domain_slot;

/// Where a barred point of an issue without a war stands among the others: the party the
/// duty of no harm is toward, the duty's clause rank, the party it binds, and the position
/// whose stance it protects. The solver meets the exclusions of such an issue in this order
/// (its declared parties in turn, each one's list of duties by rank, each duty's stances;
/// see `issue::harms`).
pub(super) type Order = (Node, u32, Node, u32);

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
        .flat_map(|it| it.beneficiaries.iter().copied());
    let of_changed = |harm: &Harm| ranks.binary_search(&harm.rank).is_ok();
    let new = barred_points(view, issue, &state.declared, toward, &of_changed, &|_| true)?;
    let changed = splice(state, |order| ranks.binary_search(&order.1).is_ok(), new)?;
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
/// on it (`changes`, as `Moved::positions` lists them): the barred points protecting the
/// positions that went, and those of the changed duties, taken out; those the duties of no
/// harm toward the new positions' parties impose for them, and those the changed duties
/// impose now, put in. Updates the issue's declared stances; returns whether its points
/// changed, and the new positions' parties and the parties bound toward them or by the
/// changed duties, to read from now on. `None`, leaving the state as it was, when a
/// position that came or went is, on the date it holds, the first in its component to hold
/// its value: then points of two values, the barred points of other exclusions and the
/// non-oppositions may be told from it.
///
/// When no position that came or went is first, each value a component held is held there
/// on both dates, by the same first holder (a first holder that came or went would be one
/// of them), so only the exclusions protecting the positions themselves, and those of the
/// changed duties, change.
pub(super) fn positions<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    state: &mut State<'a>,
    changes: &[(u32, u32, bool)],
    groups: &[&Group],
) -> Option<(bool, Vec<Node>)> {
    let slot = domain_slot(issue.domain)?;
    let graph = view.domains.get(slot)?;
    let root = |node: Node| graph.root.get(node as usize).copied().unwrap_or(node);
    state.barred.as_ref()?;
    let now = view.declared(&issue.id);
    let mut came = Vec::new();
    let mut went = Vec::new();
    for (_, rank, added) in changes {
        let standing = view.standing(*rank)?;
        let declared = if *added { &now } else { &state.declared };
        let component = root(standing.party);
        let first = declared.iter().find(|(node, val, item)| {
            *val == standing.val && matches!(item, Item::Position(_)) && root(*node) == component
        })?;
        if first.2 == Item::Position(*rank) {
            return None;
        }
        if *added { &mut came } else { &mut went }.push(*rank);
    }
    came.sort_unstable();
    went.sort_unstable();
    let parties: Vec<Node> = came
        .iter()
        .filter_map(|rank| view.position_party(*rank))
        .collect();
    let mut ranks: Vec<u32> = groups.iter().map(|it| it.clause).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let of_changed = |rank: u32| ranks.binary_search(&rank).is_ok();
    // The changed duties' points toward every declared party, the others' toward the new
    // positions' parties for those positions: each exclusion once.
    let toward = groups
        .iter()
        .flat_map(|it| it.beneficiaries.iter().copied());
    let changed_duty = |harm: &Harm| of_changed(harm.rank);
    let mut new = barred_points(view, issue, &now, toward, &changed_duty, &|_| true)?;
    let protects = |order: &Order| came.binary_search(&order.3).is_ok();
    let other_duty = |harm: &Harm| !of_changed(harm.rank);
    let parties_now = parties.iter().copied();
    new.extend(barred_points(
        view,
        issue,
        &now,
        parties_now,
        &other_duty,
        &protects,
    )?);
    new.sort_by_key(|it| it.0);
    let gone = |order: &Order| went.binary_search(&order.3).is_ok() || of_changed(order.1);
    let old = std::mem::replace(&mut state.declared, now);
    let Some(changed) = splice(state, gone, new) else {
        state.declared = old;
        return None;
    };
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

/// The barred points the duties of no harm that `keep` keeps, toward the parties `toward`,
/// impose on `issue` with `declared` stances, those whose [`Order`] `wanted` accepts, in
/// the solver's order; `None` when one cannot be placed.
fn barred_points<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    declared: &Declared,
    toward: impl Iterator<Item = Node>,
    keep: &dyn Fn(&Harm) -> bool,
    wanted: &dyn Fn(&Order) -> bool,
) -> Option<Vec<(Order, ClashPoint<'a>)>> {
    let mut raw = Vec::new();
    issue::barred_where(view, issue, declared, toward.collect(), keep, &mut raw);
    let mut new = Vec::with_capacity(raw.len());
    for it in &raw {
        let steps: smallvec::SmallVec<[&issue::Local; 3]> = it.iter().collect();
        let order = order_of(&steps)?;
        if wanted(&order) {
            new.push((order, point(view, &issue.id, &steps)?));
        }
    }
    new.sort_by_key(|it| it.0);
    Some(new)
}

/// Takes the barred points whose [`Order`] `gone` accepts out of the issue's points and
/// merges `new` in, by their order; returns whether the points changed. `None`, leaving
/// the state as it was, when its points are not in the solver's shape (points of two
/// values, then barred points, then non-oppositions), or when as many points go as come
/// and they are not the same: then whether the issue changed is left to a recomputation.
fn splice<'a>(
    state: &mut State<'a>,
    gone: impl Fn(&Order) -> bool,
    new: Vec<(Order, ClashPoint<'a>)>,
) -> Option<bool> {
    let kind = |it: &ClashPoint<'_>| match it.kind {
        ClashKind::TwoValues => 0,
        ClashKind::Barred => 1,
        ClashKind::Opposed => 2,
    };
    let orders = state.barred.as_ref()?;
    let first = state.points.partition_point(|it| kind(it) < 1);
    let last = state.points.partition_point(|it| kind(it) < 2);
    if !state.points.is_sorted_by_key(kind) || last - first != orders.len() {
        return None;
    }
    let block = state.points.get(first..last)?;
    let removed: Vec<(&Order, &ClashPoint<'a>)> = orders
        .iter()
        .zip(block)
        .filter(|(order, _)| gone(order))
        .collect();
    let same = removed.len() == new.len();
    if same
        && removed
            .iter()
            .zip(&new)
            .any(|(a, b)| *a.0 != b.0 || *a.1 != b.1)
    {
        return None;
    }
    // Nothing fails from here on: the state is changed in place.
    let old: Vec<ClashPoint<'a>> = state.points.drain(first..last).collect();
    let orders = state.barred.take().unwrap_or_default();
    let mut merged: Vec<(Order, ClashPoint<'a>)> = Vec::with_capacity(old.len() + new.len());
    let mut new = new.into_iter().peekable();
    for (order, point) in orders.into_iter().zip(old) {
        if gone(&order) {
            continue;
        }
        while let Some(it) = new.next_if(|it| it.0 < order) {
            merged.push(it);
        }
        merged.push((order, point));
    }
    merged.extend(new);
    let (orders, points): (Vec<Order>, Vec<ClashPoint<'a>>) = merged.into_iter().unzip();
    state.points.splice(first..first, points);
    state.barred = Some(orders);
    Some(!same)
}
