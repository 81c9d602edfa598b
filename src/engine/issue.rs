//! Contradictions on one issue: find every clash cheaply, then shrink each to a minimal
//! witness and tell the chain it travelled.
//!
//! The cost model of DESIGN.md: strict alignments of the issue's domain are already merged
//! into components (built once per date in the snapshot), so an issue only touches the
//! parties with declared stances on it, the principals of its war, and the clauses toward
//! them. Only a clash costs more: a path inside its component, and the minimisation of its
//! witness, whose size is that of the output.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::checks;
use super::constraint::{Constraint, Item, Items, Node, Rule, Val, Var};
use super::draft::Draft;
use super::norms::{self, Declared, Holders, Instance, IssueView};
use super::snapshot::{DomainGraph, Harm, Snapshot, domain_slot};
use super::solve;
use crate::model::Issue;

/// Lowers sets of items into explicit constraints on one issue.
#[derive(Debug)]
pub(crate) struct Lowering<'s, 'a> {
    pub snapshot: &'s Snapshot<'a>,
    pub view: IssueView<'s>,
}

impl Lowering<'_, '_> {
    /// The constraints that rest only on `items` (sorted).
    pub(crate) fn lower(&self, items: &[Item]) -> Vec<Constraint> {
        let present = |item: Item| items.binary_search(&item).is_ok();
        let mut acc = Vec::new();
        for item in items {
            match *item {
                Item::Clause(rank, one, other) => {
                    let (Some(group), Some((_, clause))) = (
                        self.snapshot.group_of_clause(rank),
                        self.snapshot.clause(rank),
                    ) else {
                        continue;
                    };
                    let pair = group
                        .touching(one)
                        .filter(|(bound, beneficiary)| *bound == other || *beneficiary == other);
                    for (bound, beneficiary) in pair {
                        let it = Instance {
                            rank,
                            clause,
                            bound,
                            beneficiary,
                        };
                        norms::lower(&self.view, &it, &present, &mut acc);
                    }
                }
                Item::Position(_) | Item::Event(_) => {
                    norms::fact(self.snapshot, &self.view, *item, &mut acc);
                }
            }
        }
        acc
    }
}

/// A constraint of the collapsed problem, with the parties it was stated on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Local {
    pub(crate) constraint: Constraint,
    /// The parties whose stances the constraint names, before collapsing to components.
    pub(crate) stances: Stances,
}

/// The one or two parties a constraint names, inline: an issue lowers thousands of
/// constraints, and a list of its own for each was most of the allocation. Two are equal
/// when they name the same parties, whatever lies in an unused slot.
#[derive(Clone, Copy, Debug, Eq)]
pub(crate) struct Stances {
    len: u8,
    at: [Node; 2],
}

impl Stances {
    const NONE: Stances = Stances { len: 0, at: [0; 2] };

    pub(crate) fn one(node: Node) -> Stances {
        Stances {
            len: 1,
            at: [node, node],
        }
    }

    fn two(first: Node, second: Node) -> Stances {
        Stances {
            len: 2,
            at: [first, second],
        }
    }

    /// Adds a party; a constraint names at most two, so a third is not kept.
    fn push(&mut self, node: Node) {
        if let Some(slot) = self.at.get_mut(usize::from(self.len)) {
            *slot = node;
            self.len += 1;
        }
    }
}

impl PartialEq for Stances {
    fn eq(&self, other: &Stances) -> bool {
        **self == **other
    }
}

impl std::ops::Deref for Stances {
    type Target = [Node];

    fn deref(&self) -> &[Node] {
        self.at.get(..usize::from(self.len)).unwrap_or(&[])
    }
}

/// One clash point as the solver meets it, before any witness is shrunk: the constraints it
/// uses, in chain order, each with the parties it was stated on (before collapsing).
pub(crate) type Point = smallvec::SmallVec<[Local; 3]>;

/// Every clash point of `issue` on the snapshot's date: each pair of definite values met in
/// a strict-alignment component or on a side, each exclusion met, each non-opposition
/// joining opposite values. No witness is shrunk, explained or judged: this is the
/// fact-level result the report's findings are drawn from.
///
/// # Complexity
///
/// `O((d + t) log n)` for `d` declared stances and war principals and `t` clauses toward
/// them, plus the clash points themselves.
///
/// `scratch` holds the lists an issue is lowered into, kept from issue to issue: a world
/// lowers millions of constraints, and lists of their own for each issue were a tenth of
/// its check.
pub(crate) fn points(
    snapshot: &Snapshot<'_>,
    issue: &Issue,
    scratch: &mut Scratch,
    emit: &mut dyn FnMut(&[&Local]),
) {
    lowered_points(snapshot, issue, scratch, emit, None, true);
}

/// The lists an issue is lowered into (see [`points`]), empty between issues.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    constraints: Vec<Constraint>,
    locals: Vec<Local>,
    aside: Aside,
}

/// The exclusions of no harm an issue without a war keeps out of the solver (see `harms`):
/// the parties they bind, and those that a value may meet, whose barred points are told
/// apart (see `tell_barred_from`).
#[derive(Debug, Default)]
struct Aside {
    bound: Vec<Node>,
    met: Vec<Constraint>,
    /// The values held in the components and their first holders, which `harms` fills and
    /// the barred points set aside are carried from.
    held: Held,
}

/// The parties an issue's points rest on: what a later date must leave alone for them to
/// stay (see [`crate::clash::ClashTracker`]).
#[derive(Debug, Default)]
pub(crate) struct Reads {
    /// Every party the issue's constraints name, loose alignments included.
    pub named: Vec<Node>,
    /// The stances declared on it, positions and its war's sides: the parties the duties
    /// toward whom bear on it, and what a hypothetical no-harm clause reads (see
    /// [`barred_by`]).
    pub declared: Declared,
    /// On a war issue, the parties with a side, sorted, without repeats: the parties a
    /// non-aggression must name to bear on it (see `non_aggression`).
    pub fighting: Vec<Node>,
}

/// As [`points`], also pushing into `reads` the parties the points rest on.
///
/// Each point is given to `emit` as it is met, as the constraints it uses: a world has
/// millions, and a list of copies of them was a tenth of its check.
pub(crate) fn points_reading(
    snapshot: &Snapshot<'_>,
    issue: &Issue,
    scratch: &mut Scratch,
    emit: &mut dyn FnMut(&[&Local]),
    reads: &mut Reads,
) {
    lowered_points(snapshot, issue, scratch, emit, Some(reads), true);
}

/// As [`points_reading`]; `set_aside` says whether the exclusions of no harm on an issue
/// without a war are kept out of the solver's input and their barred points told apart (see
/// `harms`), which must not change the points.
fn lowered_points(
    snapshot: &Snapshot<'_>,
    issue: &Issue,
    scratch: &mut Scratch,
    emit: &mut dyn FnMut(&[&Local]),
    reads: Option<&mut Reads>,
    set_aside: bool,
) {
    let view = IssueView::new(snapshot, &issue.id, issue.domain);
    let Some(graph) = snapshot.domain(view.domain) else {
        return;
    };
    let lowering = Lowering { snapshot, view };
    // The parties bound by exclusions kept out of the solver (see `harms`) are still named,
    // and still touch their components' loose alignments.
    let Scratch {
        constraints,
        locals,
        aside,
    } = scratch;
    aside.bound.clear();
    aside.met.clear();
    local_constraints(&lowering, set_aside.then_some(&mut *aside), constraints);
    collapse(graph, constraints, locals);
    add_loose(snapshot, graph, locals, &aside.bound);
    // The solver tells the points of two values, then the barred points and the joined
    // non-oppositions in the order of their constraints, where every exclusion comes before
    // every non-opposition (see `track::patch`): the barred points set aside go between.
    let declared = &lowering.view.declared;
    let first = |component: Node, val: Val| {
        let (holder, _, item) = declared.iter().nth(aside.held.first(component, val)?)?;
        Some((*holder, *item))
    };
    let barred = |emit: &mut dyn FnMut(&[&Local])| {
        tell_barred_from(graph, &aside.met, &first, &mut |source, exclusion| {
            emit(&[&source, &exclusion]);
        });
    };
    let mut told = false;
    let mut steps: smallvec::SmallVec<[&Local; 4]> = smallvec::SmallVec::new();
    for clash in solve::clashes(locals.iter().map(|it| it.constraint.rule)) {
        steps.clear();
        steps.extend(clash.steps.iter().filter_map(|at| locals.get(*at)));
        if !told
            && steps
                .iter()
                .any(|it| matches!(it.constraint.rule, Rule::NotOpposite(..)))
        {
            told = true;
            barred(emit);
        }
        emit(&steps);
    }
    if !told {
        barred(emit);
    }
    let Some(reads) = reads else {
        return;
    };
    reads
        .named
        .extend(locals.iter().flat_map(|it| it.stances.iter().copied()));
    reads.named.extend(aside.bound.iter().copied());
    // Only a war has sides: the check of a world need not look for them elsewhere.
    if lowering.view.war.is_some() {
        reads
            .fighting
            .extend(locals.iter().filter_map(|it| match it.constraint.rule {
                Rule::Fix(Var::Fight(node), _) => Some(node),
                _ => None,
            }));
        reads.fighting.sort_unstable();
        reads.fighting.dedup();
    }
    reads.declared = lowering.view.declared;
}

/// The clash points that the no-harm duties of the groups from `from` on add to an issue
/// without a war, given its points without them: each exclusion they impose that meets a
/// value held in the bound party's component, carried from the first fact that gives it.
///
/// Exact, because of the shape of the solver: on an issue without a war, definite values
/// come only from positions, and an exclusion neither gives a value nor carries one, so it
/// adds its own barred point and changes no other (see `solve::Solver::carry`). A war issue
/// must be recomputed instead: there, duties to fight give values too.
///
/// `declared` is the issue's declared stances on the snapshot's date, as
/// [`points_reading`] left them in [`Reads`]: reading them again would be most of the cost.
///
/// # Complexity
///
/// `O(t + e · d)` for the `t` duties toward the parties the groups are toward, the `e`
/// exclusions they add and the issue's `d` declared stances.
pub(crate) fn barred_by(
    snapshot: &Snapshot<'_>,
    issue: &Issue,
    declared: &Declared,
    from: u32,
    acc: &mut Vec<Point>,
) {
    // Only the parties the groups from `from` on are toward gain exclusions: their lists
    // are read, not those of every declared party.
    let toward: Vec<Node> = snapshot
        .groups
        .get(from as usize..)
        .unwrap_or(&[])
        .iter()
        .flat_map(|it| it.beneficiaries.iter().copied())
        .collect();
    barred_where(
        snapshot,
        issue,
        (declared, None),
        Some(toward),
        &|it| it.group >= from,
        acc,
    );
}

/// As [`barred_by`], for the duties of no harm toward the parties `toward` that `keep`
/// keeps, whatever their rank: in the solver's order (the party they are toward, then its
/// list of duties), so that they can be merged with an issue's other barred points. The
/// first holders come from the [`Holders`] beside the declared stances, when given.
pub(crate) fn barred_where(
    snapshot: &Snapshot<'_>,
    issue: &Issue,
    (declared, holders): (&Declared, Option<&Holders>),
    toward: Option<Vec<Node>>,
    keep: &dyn Fn(&Harm) -> bool,
    acc: &mut Vec<Point>,
) {
    let (Some(graph), Some(slot), None) = (
        snapshot.domain(issue.domain),
        domain_slot(issue.domain),
        snapshot.war(&issue.id),
    ) else {
        return;
    };
    let mut exclusions = Vec::new();
    match toward {
        Some(mut toward) => {
            toward.sort_unstable();
            toward.dedup();
            for node in toward {
                let stances = declared.of(node);
                exclusions_toward(snapshot, node, stances, slot, keep, &mut exclusions);
            }
        }
        None => {
            for (node, stances) in declared.runs() {
                exclusions_toward(snapshot, node, stances, slot, keep, &mut exclusions);
            }
        }
    }
    tell_barred(graph, (declared, holders), &exclusions, &mut push_onto(acc));
}

/// The barred points of the duties of no harm `exclusions` names, each as (the party it is
/// toward, its clause's rank, the party it binds, the position whose stance it protects),
/// on `issue`, which has no war, with `declared` stances: in the order given, each whose
/// exclusion a value meets, carried from that value's first holder (from the [`Holders`]
/// beside the declared stances, when given).
pub(crate) fn barred_of(
    snapshot: &Snapshot<'_>,
    issue: &Issue,
    (declared, holders): (&Declared, Option<&Holders>),
    exclusions: &[(Node, u32, Node, u32)],
    acc: &mut Vec<Point>,
) {
    let (Some(graph), None) = (snapshot.domain(issue.domain), snapshot.war(&issue.id)) else {
        return;
    };
    let mut lowered = Vec::with_capacity(exclusions.len());
    for (toward, rank, bound, position) in exclusions {
        let stances = declared.of(*toward);
        let Some(at) = stances
            .iter()
            .position(|it| it.2 == Item::Position(*position))
        else {
            continue;
        };
        let stance = stances.get(at..=at).unwrap_or(&[]);
        norms::harm_exclusions(*rank, *bound, *toward, stance, &|_| true, &mut lowered);
    }
    tell_barred(graph, (declared, holders), &lowered, &mut push_onto(acc));
}

/// An `emit` for [`tell_barred`] that pushes each barred point onto `acc`.
fn push_onto(acc: &mut Vec<Point>) -> impl FnMut(Local, Local) + '_ {
    |source, exclusion| acc.push(smallvec::smallvec![source, exclusion])
}

/// The barred points of `exclusions` (of a component's stance, not yet collapsed), in order:
/// each whose excluded value its bound party's component holds, with `declared` stances,
/// carried from the first position holding it there. Each is given to `emit` as its two
/// steps: the source of the value, then the exclusion.
fn tell_barred(
    graph: &DomainGraph,
    (declared, holders): (&Declared, Option<&Holders>),
    exclusions: &[Constraint],
    emit: &mut dyn FnMut(Local, Local),
) {
    if exclusions.is_empty() {
        return;
    }
    let root = |node: Node| graph.root_of(node);
    // The solver's source of a value in a component: the first position, in the issue's
    // order, holding it there. Found once for each component the exclusions bind (many
    // bind one giant component), not once per exclusion.
    let mut components: Vec<Node> = exclusions
        .iter()
        .filter_map(|it| match it.rule {
            Rule::Exclude(Var::Stance(bound), _) => Some(root(bound)),
            _ => None,
        })
        .collect();
    components.sort_unstable();
    components.dedup();
    let mut firsts: Vec<[Option<(Node, Item)>; 3]> = vec![[None; 3]; components.len()];
    if let Some(holders) = holders {
        for (component, firsts) in components.iter().zip(&mut firsts) {
            for val in Val::ALL {
                if let Some(first) = firsts.get_mut(val_slot(val)) {
                    *first = (holders.first(*component, val))
                        .map(|(holder, rank)| (holder, Item::Position(rank)));
                }
            }
        }
    } else {
        // Without them, in one pass over the declared stances.
        for (node, val, item) in declared.iter() {
            if let (Item::Position(_), Ok(at)) = (item, components.binary_search(&root(*node)))
                && let Some(first) = firsts.get_mut(at).and_then(|it| it.get_mut(val_slot(*val)))
            {
                first.get_or_insert((*node, *item));
            }
        }
    }
    let first = |component: Node, val: Val| {
        let at = components.binary_search(&component).ok()?;
        firsts.get(at)?.get(val_slot(val)).copied().flatten()
    };
    tell_barred_from(graph, exclusions, &first, emit);
}

/// As `tell_barred`, with the first holder of a value in a component (and the item that
/// gives it) from `first`.
fn tell_barred_from(
    graph: &DomainGraph,
    exclusions: &[Constraint],
    first: &dyn Fn(Node, Val) -> Option<(Node, Item)>,
    emit: &mut dyn FnMut(Local, Local),
) {
    for exclusion in exclusions {
        let Rule::Exclude(Var::Stance(bound), val) = exclusion.rule else {
            continue;
        };
        let component = graph.root_of(bound);
        let Some((holder, item)) = first(component, val) else {
            continue;
        };
        // Collapsed, as the solver would have it.
        let mut exclusion = *exclusion;
        exclusion.rule = Rule::Exclude(Var::Stance(component), val);
        emit(
            barred_source(component, (holder, item), val),
            Local {
                constraint: exclusion,
                stances: Stances::one(bound),
            },
        );
    }
}

/// The first step of a barred point in `component`: `holder`'s `item` (a position) giving
/// the component the value `val` that the exclusion bars, collapsed as the solver would
/// have it.
pub(crate) fn barred_source(component: Node, (holder, item): (Node, Item), val: Val) -> Local {
    let mut source = norms::fixed(Var::Stance(holder), val, item, Some(holder));
    source.rule = Rule::Fix(Var::Stance(component), val);
    Local {
        constraint: source,
        stances: Stances::one(holder),
    }
}

/// A value's place among the three, from its bit (see [`Val::bit`]).
fn val_slot(val: Val) -> usize {
    val.bit().trailing_zeros() as usize
}

/// Every contradiction and narrow way out on `issue`, as drafts.
///
/// # Complexity
///
/// `O((d + t) log n)` for `d` declared stances and war principals and `t` clauses toward
/// them, plus, per finding, the path and minimisation of its witness.
pub(crate) fn run(snapshot: &Snapshot<'_>, issue: &Issue, acc: &mut Vec<Draft>) {
    let view = IssueView::new(snapshot, &issue.id, issue.domain);
    run_view(snapshot, view, true, acc);
}

/// As [`run`], on an issue given by its view: a declared issue, or a hypothetical war; with
/// or without the search for narrow ways out (tensions that are no contradiction).
pub(crate) fn run_view(
    snapshot: &Snapshot<'_>,
    view: IssueView<'_>,
    ways_out: bool,
    acc: &mut Vec<Draft>,
) {
    let Some(graph) = snapshot.domain(view.domain) else {
        return;
    };
    let lowering = Lowering { snapshot, view };
    // Every exclusion, met or not: the ways out read those no value meets.
    let (mut constraints, mut locals) = (Vec::new(), Vec::new());
    local_constraints(&lowering, None, &mut constraints);
    collapse(graph, &mut constraints, &mut locals);
    add_loose(snapshot, graph, &mut locals, &[]);
    let mut proofs = BTreeSet::new();
    let mut tried = BTreeSet::new();
    let mut drafts = Vec::new();
    let mut walks = Walks::default();
    clashes(
        &lowering,
        graph,
        &locals,
        &mut tried,
        &mut proofs,
        &mut drafts,
        &mut walks,
    );
    // A party's own position can hide its conflict: the clash between the position and one
    // obligation is found first, and the constraint it breaks on is dropped. So once more
    // without the positions of the parties found in violation: what they face whatever they
    // say.
    let speakers: BTreeSet<&crate::model::PartyId> = drafts
        .iter()
        .filter(|it| it.kind == crate::finding::Kind::Violation)
        .flat_map(|it| it.proof.items.iter())
        .filter_map(|item| match item {
            Item::Position(rank) => snapshot.positions.get(*rank as usize),
            _ => None,
        })
        .map(|it| &it.party)
        .collect();
    // One party at a time: the conflict of one may rest on the position of another.
    for speaker in speakers {
        let unsaid: Vec<Local> = locals
            .iter()
            .filter(|it| {
                !it.constraint.items.iter().any(|item| match item {
                    Item::Position(rank) => snapshot
                        .positions
                        .get(*rank as usize)
                        .is_some_and(|it| &it.party == speaker),
                    _ => false,
                })
            })
            .cloned()
            .collect();
        clashes(
            &lowering,
            graph,
            &unsaid,
            &mut tried,
            &mut proofs,
            &mut drafts,
            &mut walks,
        );
    }
    if !ways_out {
        acc.extend(drafts);
        return;
    }
    let caught: BTreeSet<Node> = drafts.iter().flat_map(|it| it.parties.clone()).collect();
    for draft in narrow(&lowering, graph, &locals) {
        if !draft.parties.iter().any(|it| caught.contains(it))
            && proofs.insert(draft.proof.items.clone())
        {
            drafts.push(draft);
        }
    }
    acc.extend(drafts);
}

/// Finds every clash among `locals`, each shrunk to a minimal witness and drafted (unless an
/// equal witness is in `proofs`). A clash whose
/// items before shrinking are in `tried` was shrunk before: the searches without a party's
/// positions meet every clash that does not touch the party again, and must not pay for it
/// twice.
fn clashes(
    lowering: &Lowering<'_, '_>,
    graph: &DomainGraph,
    locals: &[Local],
    tried: &mut BTreeSet<Vec<Item>>,
    proofs: &mut BTreeSet<Vec<Item>>,
    drafts: &mut Vec<Draft>,
    walks: &mut Walks,
) {
    let snapshot = lowering.snapshot;
    // Every clash point at once: a clash found first must not hide another that shares one of
    // its constraints.
    let found = solve::clashes(locals.iter().map(|it| it.constraint.rule));
    for clash in &found {
        let used = clash.used();
        let mut items = BTreeSet::new();
        let mut nodes: BTreeMap<Node, BTreeSet<Node>> = BTreeMap::new();
        for at in &used {
            let Some(local) = locals.get(*at) else {
                continue;
            };
            items.extend(local.constraint.items.iter().copied());
            for node in local.stances.iter() {
                let root = graph.root_of(*node);
                nodes.entry(root).or_default().insert(*node);
            }
        }
        let holders: BTreeSet<Node> = used
            .iter()
            .filter_map(|at| locals.get(*at))
            .filter(|it| matches!(it.constraint.rule, Rule::Fix(..)))
            .flat_map(|it| it.stances.iter().copied())
            .collect();
        for members in nodes.values() {
            items.extend(paths(snapshot, graph, members, &holders, walks));
        }
        // Lowered once: a subset's constraints are those resting on its items alone.
        let items: Vec<Item> = items.into_iter().collect();
        if !tried.insert(items.clone()) {
            continue;
        }
        let lowered = lowering.lower(&items);
        let unsatisfiable = |kept: &[Item]| {
            let within: Vec<Constraint> = lowered
                .iter()
                .filter(|it| it.items.iter().all(|item| kept.binary_search(item).is_ok()))
                .copied()
                .collect();
            !solve::satisfiable(&within)
        };
        if let Some(items) = solve::minimise(items, unsatisfiable)
            && proofs.insert(items.clone())
            && let Some(draft) = checks::contradiction(lowering, items)
        {
            drafts.push(draft);
        }
    }
}

/// The constraints the issue's facts and the clauses toward its declared parties impose,
/// alignment left out (it is in the snapshot's components). With `aside`, the exclusions of
/// no harm on an issue without a war go there instead (see `harms`).
fn local_constraints(
    lowering: &Lowering<'_, '_>,
    aside: Option<&mut Aside>,
    acc: &mut Vec<Constraint>,
) {
    let snapshot = lowering.snapshot;
    let view = &lowering.view;
    acc.clear();
    // The declared stances are the positions holding on the date, in rank order, and the
    // war's sides, which its event fixes below.
    for (node, val, item) in view.declared.iter() {
        if let Item::Position(_) = item {
            acc.push(norms::fixed(Var::Stance(*node), *val, *item, Some(*node)));
        }
    }
    match view.war {
        // The principals declared their sides, so they are among the declared parties.
        Some(war) => {
            norms::fact(snapshot, view, Item::Event(war.event), acc);
            duties(lowering, acc);
            non_aggression(lowering, acc);
        }
        None => harms(lowering, acc, aside),
    }
}

/// The duties toward the parties with a stance or a side in a war.
fn duties(lowering: &Lowering<'_, '_>, acc: &mut Vec<Constraint>) {
    let (snapshot, view) = (lowering.snapshot, &lowering.view);
    let all = |_: Item| true;
    for node in view.declared.parties() {
        for group in snapshot
            .duties_toward
            .get(node as usize)
            .into_iter()
            .flatten()
        {
            let Some(group) = snapshot.group(*group) else {
                continue;
            };
            // The lists hold only these duties (see `Snapshot::index_groups`).
            let Some((_, clause)) = snapshot.clause(group.clause) else {
                continue;
            };
            for (bound, beneficiary) in group.toward(node) {
                let it = Instance {
                    rank: group.clause,
                    clause,
                    bound,
                    beneficiary,
                };
                norms::lower(view, &it, &all, acc);
            }
        }
    }
}

/// Without a war, only no harm bears on an issue through a party's stance: the exclusions
/// of every no-harm duty toward a party with a stance, in the issue's domain.
///
/// With `aside`, the exclusions are kept out of the solver, their bound parties pushed to
/// `aside.bound`: without a war only positions give values, and an exclusion neither gives
/// nor carries one (see `barred_by`), so it clashes exactly when that component holds the
/// value, and its barred point can be told apart (see `tell_barred_from`). Those of a duty whose
/// bound party's component holds no value it excludes are left out (four in ten on a
/// world); the others go to `aside.met`.
fn harms(lowering: &Lowering<'_, '_>, acc: &mut Vec<Constraint>, aside: Option<&mut Aside>) {
    let (snapshot, view) = (lowering.snapshot, &lowering.view);
    let Some(slot) = domain_slot(view.domain) else {
        return;
    };
    let (Some(aside), Some(graph)) = (aside, snapshot.domain(view.domain)) else {
        harm_exclusions(snapshot, view, slot, acc);
        return;
    };
    let held = &mut aside.held;
    held.fill(graph, &view.declared);
    // The first read of each party's list is a cache miss (a third of this walk on a
    // world): asked for all at once, before the walk, the misses overlap.
    let warm = view
        .declared
        .parties()
        .filter_map(|node| snapshot.harms_toward.get(node as usize)?.first())
        .fold(0, |acc, it| acc ^ it.covers);
    std::hint::black_box(warm);
    for (node, declared) in view.declared.runs() {
        let barred = declared
            .iter()
            .filter_map(|(_, val, _)| val.opposite())
            .fold(0, |mask, it| mask | Val::bit(it));
        // A neutral stance has no opposite: no duty toward its holder excludes anything.
        if barred == 0 {
            continue;
        }
        for harm in snapshot
            .harms_toward
            .get(node as usize)
            .into_iter()
            .flatten()
            .filter(|it| it.covers(slot))
        {
            aside.bound.push(harm.bound);
            if held.meets(graph, harm.bound, barred) {
                let met = &mut aside.met;
                norms::harm_exclusions(harm.rank, harm.bound, node, declared, &|_| true, met);
            }
        }
    }
}

/// The values held by positions in each component of an issue's domain, by root, and where
/// each is first declared: without a war, the only values there are. Kept from issue to
/// issue (see [`Scratch`]): each issue clears only the components the one before wrote.
#[derive(Debug, Default)]
struct Held {
    /// By root, the bits of the values held there (see [`Val::bit`]).
    values: Vec<u8>,
    /// By root and value (see `val_slot`), the place in the issue's declared stances of
    /// the first position holding it there: the solver's source of the value.
    firsts: Vec<[u32; 3]>,
    /// The roots written.
    touched: Vec<Node>,
}

impl Held {
    /// Fills the tables for an issue with the `declared` stances, in `graph`'s components.
    fn fill(&mut self, graph: &DomainGraph, declared: &Declared) {
        for root in self.touched.drain(..) {
            if let Some(slot) = self.values.get_mut(root as usize) {
                *slot = 0;
            }
        }
        if self.values.len() < graph.root.len() {
            self.values.resize(graph.root.len(), 0);
            self.firsts.resize(graph.root.len(), [0; 3]);
        }
        for (at, (node, val, item)) in declared.iter().enumerate() {
            let (Item::Position(_), Ok(at)) = (item, u32::try_from(at)) else {
                continue;
            };
            let root = graph.root_of(*node) as usize;
            // A party outside the graph is a component of its own.
            if root >= self.values.len() {
                self.values.resize(root + 1, 0);
                self.firsts.resize(root + 1, [0; 3]);
            }
            let (Some(values), Some(firsts)) =
                (self.values.get_mut(root), self.firsts.get_mut(root))
            else {
                continue;
            };
            if *values == 0 {
                self.touched.push(root as Node);
            }
            if *values & val.bit() == 0 {
                *values |= val.bit();
                if let Some(first) = firsts.get_mut(val_slot(*val)) {
                    *first = at;
                }
            }
        }
    }

    /// Whether `node`'s component holds one of the values of `mask`.
    fn meets(&self, graph: &DomainGraph, node: Node, mask: u8) -> bool {
        let root = graph.root_of(node);
        self.values
            .get(root as usize)
            .is_some_and(|it| it & mask != 0)
    }

    /// Where the first position holding `val` in the component `root` is among the issue's
    /// declared stances; `None` when none holds it there.
    fn first(&self, root: Node, val: Val) -> Option<usize> {
        let root = root as usize;
        if self.values.get(root)? & val.bit() == 0 {
            return None;
        }
        let at = *self.firsts.get(root)?.get(val_slot(val))?;
        usize::try_from(at).ok()
    }
}

/// The exclusions of the no-harm duties toward each party with a stance on the issue, whose
/// domain is at `slot` of `Domain::ALL`: in the issue's order (party, then duty), which is
/// the solver's.
fn harm_exclusions(
    snapshot: &Snapshot<'_>,
    view: &IssueView<'_>,
    slot: usize,
    acc: &mut Vec<Constraint>,
) {
    for (node, declared) in view.declared.runs() {
        exclusions_toward(snapshot, node, declared, slot, &|_| true, acc);
    }
}

/// The exclusions of the no-harm duties toward `node` that `keep` keeps, whose declared
/// stances on the issue are `stances`, in the domain at `slot`: in list order.
fn exclusions_toward(
    snapshot: &Snapshot<'_>,
    node: Node,
    stances: &[(Node, Val, Item)],
    slot: usize,
    keep: &dyn Fn(&Harm) -> bool,
    acc: &mut Vec<Constraint>,
) {
    if stances.is_empty() {
        return;
    }
    let harms = snapshot
        .harms_toward
        .get(node as usize)
        .into_iter()
        .flatten();
    for harm in harms.filter(|it| keep(it) && it.covers(slot)) {
        norms::harm_exclusions(harm.rank, harm.bound, node, stances, &|_| true, acc);
    }
}

/// Non-aggression between every party with a side and the parties it is bound toward.
fn non_aggression(lowering: &Lowering<'_, '_>, acc: &mut Vec<Constraint>) {
    let snapshot = lowering.snapshot;
    let fighting: BTreeSet<Node> = acc
        .iter()
        .filter_map(|it| match it.rule {
            Rule::Fix(Var::Fight(node), _) => Some(node),
            _ => None,
        })
        .collect();
    let mut seen = BTreeSet::new();
    let all = |_: Item| true;
    for node in fighting {
        let binding = snapshot.non_aggression_binding.get(node as usize);
        let groups = binding.into_iter().flatten();
        let toward = snapshot.non_aggression_toward.get(node as usize);
        let groups = groups.chain(toward.into_iter().flatten());
        for at in groups {
            let Some(group) = snapshot.group(*at) else {
                continue;
            };
            // Both lists hold only non-aggression (see `Snapshot::list_group`).
            let Some((_, clause)) = snapshot.clause(group.clause) else {
                continue;
            };
            for (bound, beneficiary) in group.touching(node) {
                if seen.insert((*at, bound, beneficiary)) {
                    let it = Instance {
                        rank: group.clause,
                        clause,
                        bound,
                        beneficiary,
                    };
                    norms::lower(&lowering.view, &it, &all, acc);
                }
            }
        }
    }
}

/// Replaces every stance by its component's, remembering the parties it was stated on.
///
/// A side in a war stays the party's own (two parties aligned in stance may still fight
/// apart), but the stance it gives is the component's: each fixed side brings a companion
/// fixed stance on the component, resting on the same items.
///
/// Drains `constraints` into `locals`, which it clears first.
fn collapse(graph: &DomainGraph, constraints: &mut Vec<Constraint>, locals: &mut Vec<Local>) {
    let root = |node: Node| graph.root_of(node);
    locals.clear();
    for mut constraint in constraints.drain(..) {
        let mut stances = Stances::NONE;
        let mut map = |var: Var| match var {
            Var::Stance(node) => {
                stances.push(node);
                Var::Stance(root(node))
            }
            Var::Fight(node) => {
                stances.push(node);
                Var::Fight(node)
            }
        };
        constraint.rule = match constraint.rule {
            Rule::Fix(var, val) => Rule::Fix(map(var), val),
            Rule::Exclude(var, val) => Rule::Exclude(map(var), val),
            Rule::NotOpposite(left, right) => Rule::NotOpposite(map(left), map(right)),
            Rule::Same(left, right) => {
                stances = Stances::two(left, right);
                Rule::Same(root(left), root(right))
            }
        };
        if let Rule::Fix(Var::Fight(node), val) = constraint.rule
            && val != Val::Zero
        {
            let mut companion = constraint;
            companion.rule = Rule::Fix(Var::Stance(root(node)), val);
            locals.push(Local {
                constraint: companion,
                stances: Stances::one(node),
            });
        }
        locals.push(Local {
            constraint,
            stances,
        });
    }
}

/// Adds the loose alignments of the components the issue touches: those of its constraints'
/// parties, and of the parties in `aside` (bound by exclusions kept out of them).
fn add_loose(
    snapshot: &Snapshot<'_>,
    graph: &DomainGraph,
    locals: &mut Vec<Local>,
    aside: &[Node],
) {
    if graph.loose.is_empty() {
        return;
    }
    let mut touched: Vec<Node> = locals
        .iter()
        .flat_map(|it| it.stances.iter())
        .chain(aside)
        .map(|node| graph.root_of(*node))
        .collect();
    touched.sort_unstable();
    touched.dedup();
    for root in &touched {
        for (other, group, bound, beneficiary) in graph.loose.get(root).into_iter().flatten() {
            let Some(group) = snapshot.group(*group) else {
                continue;
            };
            // Between two touched components once (inside one, listed once); toward a free
            // one too, which can only leave it a narrow way out, never clash.
            if touched.binary_search(other).is_err() || root <= other {
                locals.push(Local {
                    constraint: Constraint {
                        rule: Rule::NotOpposite(Var::Stance(*root), Var::Stance(*other)),
                        items: Items::one(Item::clause(group.clause, *bound, *beneficiary)),
                        tell: super::constraint::Tell {
                            from: Some(*beneficiary),
                            relation: Some(crate::finding::Relation::NotOpposite),
                            clause: Some(group.clause),
                            bound: Some(*bound),
                            actor: None,
                        },
                    },
                    stances: Stances::two(*bound, *beneficiary),
                });
            }
        }
    }
}

/// The clauses of strict alignment on shortest paths joining `members` inside their
/// component, from the first member that holds a value (`holders`), or the first member.
fn paths(
    snapshot: &Snapshot<'_>,
    graph: &DomainGraph,
    members: &BTreeSet<Node>,
    holders: &BTreeSet<Node>,
    walks: &mut Walks,
) -> Vec<Item> {
    let Some(start) = members
        .iter()
        .find(|it| holders.contains(it))
        .or_else(|| members.iter().next())
        .copied()
    else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for goal in members.iter().filter(|it| **it != start) {
        items.extend(walks.path(snapshot, graph, start, *goal));
    }
    items
}

/// Paths already walked on one issue. Inside a giant component every party's clash reaches
/// the same first holder of a value: from the second path asked from a party on, a whole
/// breadth-first tree from it is kept, and each later path is read back along the tree.
#[derive(Default)]
struct Walks {
    asked: HashMap<Node, u32>,
    trees: HashMap<Node, HashMap<Node, (Node, u32)>>,
}

impl Walks {
    fn path(
        &mut self,
        snapshot: &Snapshot<'_>,
        graph: &DomainGraph,
        start: Node,
        goal: Node,
    ) -> Vec<Item> {
        let asked = self.asked.entry(start).or_default();
        *asked += 1;
        if *asked < 2 {
            return path(snapshot, graph, start, goal);
        }
        let tree = self
            .trees
            .entry(start)
            .or_insert_with(|| tree(snapshot, graph, start));
        let mut items = Vec::new();
        let mut cursor = goal;
        while cursor != start {
            let Some((previous, clause)) = tree.get(&cursor).copied() else {
                return Vec::new();
            };
            items.push(Item::clause(clause, previous, cursor));
            cursor = previous;
        }
        items
    }
}

/// The breadth-first tree of strict alignments from `root`: each party reached, the party it
/// was reached from and by which clause.
fn tree(snapshot: &Snapshot<'_>, graph: &DomainGraph, root: Node) -> HashMap<Node, (Node, u32)> {
    let mut parents = HashMap::new();
    let mut expanded = HashSet::new();
    let mut frontier = vec![root];
    while !frontier.is_empty() {
        let mut next_level = Vec::new();
        for node in frontier {
            for (next, clause) in neighbours(snapshot, graph, node, &mut expanded) {
                if next != root && !parents.contains_key(&next) {
                    parents.insert(next, (node, clause));
                    next_level.push(next);
                }
            }
        }
        frontier = next_level;
    }
    parents
}

/// The clauses, between the pairs they bind, on a shortest path from `start` to `goal`
/// through strict alignments.
///
/// Breadth-first from both ends at once, a level of the smaller side at a time: inside a
/// giant component of high degree, two holders are a few steps apart, and a search from one
/// end alone would visit most of the component for each clash. The two half-paths meet at
/// the first party both have reached, so the path is simple.
fn path(snapshot: &Snapshot<'_>, graph: &DomainGraph, start: Node, goal: Node) -> Vec<Item> {
    if start == goal {
        return Vec::new();
    }
    let mut forward = Search::from(start);
    let mut backward = Search::from(goal);
    let meeting = loop {
        if forward.frontier.is_empty() || backward.frontier.is_empty() {
            return Vec::new();
        }
        let (this, that) = if backward.frontier.len() < forward.frontier.len() {
            (&mut backward, &mut forward)
        } else {
            (&mut forward, &mut backward)
        };
        if let Some(meeting) = this.level(snapshot, graph, that) {
            break meeting;
        }
    };
    let mut items = forward.back_to_end(meeting);
    items.extend(backward.back_to_end(meeting));
    items
}

/// One end of a two-sided search.
struct Search {
    end: Node,
    /// The party each reached party was reached from, by which clause.
    parents: HashMap<Node, (Node, u32)>,
    frontier: Vec<Node>,
    expanded: HashSet<(u32, bool)>,
}

impl Search {
    fn from(end: Node) -> Search {
        Search {
            end,
            parents: HashMap::new(),
            frontier: vec![end],
            expanded: HashSet::new(),
        }
    }

    fn reached(&self, node: Node) -> bool {
        node == self.end || self.parents.contains_key(&node)
    }

    /// Walks one level further; the first party the other side has reached, if any.
    fn level(
        &mut self,
        snapshot: &Snapshot<'_>,
        graph: &DomainGraph,
        other: &Search,
    ) -> Option<Node> {
        let level = std::mem::take(&mut self.frontier);
        for node in level {
            for (next, clause) in neighbours(snapshot, graph, node, &mut self.expanded) {
                if self.reached(next) {
                    continue;
                }
                self.parents.insert(next, (node, clause));
                if other.reached(next) {
                    return Some(next);
                }
                self.frontier.push(next);
            }
        }
        None
    }

    /// The clauses from `node` back to this side's end.
    fn back_to_end(&self, node: Node) -> Vec<Item> {
        let mut items = Vec::new();
        let mut cursor = node;
        while cursor != self.end {
            let Some((previous, clause)) = self.parents.get(&cursor).copied() else {
                break;
            };
            items.push(Item::clause(clause, previous, cursor));
            cursor = previous;
        }
        items
    }
}

/// The parties a strict alignment joins `node` to, each with the clause; a group with more
/// than two on a side is walked once from each side (`expanded`), after which every party
/// it joins is reached.
fn neighbours(
    snapshot: &Snapshot<'_>,
    graph: &DomainGraph,
    node: Node,
    expanded: &mut HashSet<(u32, bool)>,
) -> Vec<(Node, u32)> {
    let mut acc = Vec::new();
    for at in graph.strict.get(node as usize).into_iter().flatten() {
        let Some(group) = snapshot.group(*at) else {
            continue;
        };
        for (binds, partners) in [(true, &group.beneficiaries), (false, &group.bound)] {
            let on_side = if binds {
                &group.bound
            } else {
                &group.beneficiaries
            };
            let large = group.bound.len() > 2 || group.beneficiaries.len() > 2;
            if !on_side.contains(&node) || (large && !expanded.insert((*at, binds))) {
                continue;
            }
            acc.extend(
                partners
                    .iter()
                    .filter(|it| **it != node)
                    .map(|it| (*it, group.clause)),
            );
        }
    }
    acc
}

/// A barred value: the barring constraint, the party it lands on, and the component whose
/// value bars it with that value (for a loose alignment).
type Bar = (usize, Node, Option<(Node, Val)>);

/// Parties left one way out: a component with no definite stance that is barred from both
/// support and oppose (loose alignment with both sides; no harm to both).
///
/// Every bar is a candidate, and each rests only on the facts of the one value it carries: a
/// neighbour component that holds both values (a clash of its own) must not hide a third
/// party's way out that rests on two of its members apart.
fn narrow(lowering: &Lowering<'_, '_>, graph: &DomainGraph, locals: &[Local]) -> Vec<Draft> {
    let root = |node: Node| graph.root_of(node);
    let mut values: BTreeMap<Node, BTreeSet<Val>> = BTreeMap::new();
    for local in locals {
        if let Rule::Fix(Var::Stance(node), val) = local.constraint.rule {
            values.entry(node).or_default().insert(val);
        }
    }
    // For each free component, each barred value: every bar, in constraint order.
    let mut barred: BTreeMap<Node, BTreeMap<Val, Vec<Bar>>> = BTreeMap::new();
    for (at, local) in locals.iter().enumerate() {
        match local.constraint.rule {
            Rule::Exclude(Var::Stance(free), val) if !values.contains_key(&free) => {
                let node = local.stances.first().copied().unwrap_or(free);
                barred
                    .entry(free)
                    .or_default()
                    .entry(val)
                    .or_default()
                    .push((at, node, None));
            }
            Rule::NotOpposite(Var::Stance(left), Var::Stance(right)) => {
                let ends = [
                    (left, right, local.stances.first()),
                    (right, left, local.stances.get(1)),
                ];
                for (free, other, node) in ends {
                    if values.contains_key(&free) {
                        continue;
                    }
                    let node = node.copied().filter(|it| root(*it) == free).unwrap_or(free);
                    for val in values.get(&other).into_iter().flatten() {
                        if let Some(opposite) = val.opposite() {
                            barred
                                .entry(free)
                                .or_default()
                                .entry(opposite)
                                .or_default()
                                .push((at, node, Some((other, *val))));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut drafts = Vec::new();
    let mut walks = Walks::default();
    for vals in barred.values() {
        let (Some(pluses), Some(minuses)) = (vals.get(&Val::Plus), vals.get(&Val::Minus)) else {
            continue;
        };
        // The first pair of bars that leaves the party neutral alone.
        'pairs: for plus in pluses {
            for minus in minuses {
                if let Some(draft) = narrowed(lowering, graph, locals, plus, minus, &mut walks) {
                    drafts.push(draft);
                    break 'pairs;
                }
            }
        }
    }
    drafts
}

/// The tension of the party two bars leave neutral alone, if their items do.
///
/// Each bar is joined on its own: the focus to the end of the bar in its component, and the
/// other end to the holders of the value that bars. Joining every member of a component at
/// once would join two holders of opposite values, a clash that hides the way out.
fn narrowed(
    lowering: &Lowering<'_, '_>,
    graph: &DomainGraph,
    locals: &[Local],
    plus: &Bar,
    minus: &Bar,
    walks: &mut Walks,
) -> Option<Draft> {
    let root = |node: Node| graph.root_of(node);
    let focus = plus.1;
    let mut items: BTreeSet<Item> = BTreeSet::new();
    for (at, node, other) in [plus, minus] {
        let local = locals.get(*at)?;
        items.extend(local.constraint.items.iter().copied());
        let mut ours = BTreeSet::from([focus, *node]);
        let mut theirs = BTreeSet::new();
        let mut holders = BTreeSet::new();
        for it in local.stances.iter() {
            if root(*it) == root(focus) {
                ours.insert(*it);
            } else {
                theirs.insert(*it);
            }
        }
        if let Some((other, val)) = other {
            // The facts that give the other component the value that bars.
            for fact in locals {
                if matches!(fact.constraint.rule, Rule::Fix(Var::Stance(it), v) if it == *other && v == *val)
                {
                    items.extend(fact.constraint.items.iter().copied());
                    theirs.extend(fact.stances.iter().copied());
                    holders.extend(fact.stances.iter().copied());
                }
            }
        }
        let none = BTreeSet::new();
        items.extend(paths(lowering.snapshot, graph, &ours, &none, walks));
        items.extend(paths(lowering.snapshot, graph, &theirs, &holders, walks));
    }
    checks::narrow(lowering, focus, items.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{DAY, pact, position, scenario, state};

    /// A strict and a loose alignment clause.
    const STRICT: &str = "action = \"align\"\nreading = \"strict\"";
    const LOOSE: &str = "action = \"align\"\nreading = \"loose\"";

    /// The points and reads of [`lowered`] with the exclusions of no harm set aside, after
    /// holding them to those the solver gives when it is given every exclusion.
    #[track_caller]
    fn lowered_both_ways(entries: &str) -> (Vec<Vec<(Constraint, Stances)>>, Vec<Node>) {
        let aside = lowered(entries, true);
        assert_eq!(aside, lowered(entries, false), "{entries}");
        aside
    }

    /// The points of every issue on [`DAY`], each as its constraints and parties, and the
    /// parties read; with the exclusions of no harm set aside or given to the solver.
    fn lowered(entries: &str, set_aside: bool) -> (Vec<Vec<(Constraint, Stances)>>, Vec<Node>) {
        let scenario = scenario(entries);
        let day = DAY.parse().unwrap_or_else(|error| panic!("{error}"));
        let snapshot = Snapshot::new(&scenario, day);
        let (mut points, mut reads) = (Vec::new(), Reads::default());
        for issue in scenario.issues() {
            let mut emit = |steps: &[&Local]| {
                points.push(steps.iter().map(|it| (it.constraint, it.stances)).collect());
            };
            let scratch = &mut Scratch::default();
            lowered_points(
                &snapshot,
                issue,
                scratch,
                &mut emit,
                Some(&mut reads),
                set_aside,
            );
        }
        reads.named.sort_unstable();
        reads.named.dedup();
        (points, reads.named)
    }

    #[test]
    fn setting_the_exclusions_of_no_harm_aside_changes_no_point_and_no_read() {
        // A and B are strictly aligned; D and E loosely. On q, A supports, E opposes, F is
        // neutral. No-harm duties: B toward E (B must not support, and its component holds
        // A's support: met), C toward E (C's component holds nothing: unmet), A toward F
        // (F is neutral: nothing to exclude), E toward A (E must not oppose, and holds
        // oppose: met), D toward A (D's component holds nothing: unmet, but D's loose
        // alignment with E, and its loose alignment with X, who has nothing else on q, must
        // still be read). Two barred points, B's and E's.
        let no_harm = |bound: &str| format!("action = \"no_harm\"\nbound = [\"{bound}\"]");
        let mut entries: String = ["D", "E", "F"].map(state).concat();
        entries += &pact("s", "binding", &["A", "B"], &[("c", STRICT)]);
        entries += &pact("l", "binding", &["D", "E"], &[("c", LOOSE)]);
        entries += &pact("lx", "binding", &["D", "X"], &[("c", LOOSE)]);
        for (id, bound, toward) in [
            ("n1", "B", "E"),
            ("n2", "C", "E"),
            ("n3", "A", "F"),
            ("n4", "E", "A"),
            ("n5", "D", "A"),
        ] {
            entries += &pact(id, "binding", &[bound, toward], &[("c", &no_harm(bound))]);
        }
        entries += &(position("A", "q", "support")
            + &position("E", "q", "oppose")
            + &position("F", "q", "neutral"));

        let (left_out, read_left_out) = lowered_both_ways(&entries);
        assert_eq!(left_out.len(), 2);
        let barred: Vec<Vec<Node>> = left_out
            .iter()
            .map(|point| {
                assert!(matches!(
                    point.last().map(|it| it.0.rule),
                    Some(Rule::Exclude(..))
                ));
                point.last().map(|it| it.1.to_vec()).unwrap_or_default()
            })
            .collect();
        // Nodes are parties in id order: A 0, B 1, C 2, D 3, E 4, F 5, X 6. Exclusions come
        // in the issue's order, by the party they protect: A's first (E), then E's (B).
        assert_eq!(barred, [vec![4], vec![1]]);
        // C and D are read though none of their exclusions is met, and X through D.
        for node in [2, 3, 6] {
            assert!(read_left_out.contains(&node), "{node} is not read");
        }
    }
    #[test]
    fn barred_points_set_aside_go_between_two_values_and_joined_non_oppositions() {
        // On q: A and B are strictly aligned and declare support and opposition (a point of
        // two values); D and E are loosely aligned and declare support and opposition (a
        // non-opposition joining opposite values); C supports and owes E no harm, so C must
        // not support while E opposes (a barred point). The solver tells the pair first, then
        // exclusions and non-oppositions in the order of their constraints, where the
        // exclusions come first: so pair, barred, joined, whether the exclusion is set aside
        // or solved.
        let mut entries: String = ["D", "E"].map(state).concat();
        let no_harm = "action = \"no_harm\"\nbound = [\"C\"]";
        entries += &pact("s", "binding", &["A", "B"], &[("c", STRICT)]);
        entries += &pact("l", "binding", &["D", "E"], &[("c", LOOSE)]);
        entries += &pact("n", "binding", &["C", "E"], &[("c", no_harm)]);
        entries += &(position("A", "q", "support")
            + &position("B", "q", "oppose")
            + &position("C", "q", "support")
            + &position("D", "q", "support")
            + &position("E", "q", "oppose"));

        let (aside, _) = lowered_both_ways(&entries);
        let shapes: Vec<&str> = aside
            .iter()
            .map(|point| {
                let rules = || point.iter().map(|it| it.0.rule);
                if rules().any(|it| matches!(it, Rule::NotOpposite(..))) {
                    "joined"
                } else if rules().any(|it| matches!(it, Rule::Exclude(..))) {
                    "barred"
                } else {
                    "pair"
                }
            })
            .collect();
        assert_eq!(shapes, ["pair", "barred", "joined"]);
    }
    proptest::proptest! {
        /// On any small world of strict and loose alignments, duties of no harm and stances
        /// on one issue, setting the exclusions of no harm aside gives the points the
        /// solver gives with them, in its order, and reads the same parties.
        #[test]
        fn setting_exclusions_aside_agrees_with_the_solver_on_any_small_world(
            pacts in proptest::collection::vec((0u8..3, 0usize..6, 1usize..6), 0..10),
            stances in proptest::collection::vec(0u8..4, 6),
        ) {
            let parties = ["A", "B", "C", "X", "D", "E"];
            let mut entries: String = ["D", "E"].map(state).concat();
            for (at, (kind, a, step)) in pacts.iter().enumerate() {
                // `step` is 1..6, so the two parties differ.
                let (a, b) = (parties[*a], parties[(a + step) % parties.len()]);
                let clause = match kind {
                    0 => STRICT.to_owned(),
                    1 => LOOSE.to_owned(),
                    _ => format!("action = \"no_harm\"\nbound = [\"{a}\"]"),
                };
                entries += &pact(&format!("p{at}"), "binding", &[a, b], &[("c", &clause)]);
            }
            for (party, stance) in parties.iter().zip(&stances) {
                if let Some(stance) = ["support", "neutral", "oppose"].get(usize::from(*stance)) {
                    entries += &position(party, "q", stance);
                }
            }
            lowered_both_ways(&entries);
        }
    }
}
