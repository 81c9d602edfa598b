//! Clash points followed from date to date, recomputing only the issues whose inputs change.
//!
//! An issue's clash points rest on its own facts (positions, its war), on the duties toward
//! the parties it touches, and on the strict- and loose-alignment components of the parties
//! its constraints name. Moving to another date moves the view in place and says what
//! changed (see `Snapshot::move_to`): clauses that came into force, ended, or changed
//! members; positions and wars begun or ended. An issue is recomputed when its facts
//! changed, or when a changed clause reaches a party its constraints named (through a duty
//! of no harm toward it, an alignment that changed its component, or in a war a duty toward
//! a principal or a non-aggression binding a party with a side), unless the clause is a
//! duty of no harm that cannot clash there (see [`unmet_only`]). Every other issue keeps its points: they are
//! equal to what [`super::clashes_on`] finds on the new date, which the property tests check
//! on every change date of random scenarios.

mod patch;

use std::sync::Mutex;

use patch::{Shape, component_of, order_of};

use super::change::{IssueChange, difference, difference_by_key};
use super::{ClashKind, ClashPoint, Clashes, Hypothesis, point};
use crate::engine::constraint::{Item, Node, Rule, Val};
use crate::engine::issue::{self, Scratch};
use crate::engine::norms::{Declared, Holders};
use crate::engine::snapshot::{DomainGraph, Group, Harm, Schedule, Snapshot, WarOn};
use crate::engine::threads;
use crate::model::{Action, Date, Domain, Issue, IssueId, Reading, Scenario};

/// The clash points of a scenario on one date, kept so that moving to another date
/// recomputes only what the move can change.
///
/// ```
/// use allegiance::clash::{ClashTracker, clashes_on};
///
/// let scenario = allegiance::load::from_path("examples/data/caucasus-2022.toml")?;
/// let mut tracker = ClashTracker::new(&scenario, "2022-02-21".parse()?);
/// // Russia's invasion begins: only the issues that war bears on are recomputed.
/// let changed = tracker.advance("2022-02-24".parse()?);
/// assert!(changed.iter().any(|it| it.as_str() == "russian-invasion-of-ukraine"));
/// assert_eq!(tracker.clashes(), clashes_on(&scenario, "2022-02-24".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ClashTracker<'a> {
    snapshot: Snapshot<'a>,
    /// Every issue, in id order.
    issues: Vec<&'a Issue>,
    /// Each issue's place in the scenario's issues, in the same order.
    slots: Vec<u32>,
    /// Each issue's state, in the same order.
    states: Vec<State<'a>>,
    /// When the view can change, for moving it between dates.
    schedule: Schedule,
    /// How many threads recompute issues.
    threads: usize,
    recomputed: usize,
    /// The issues (by place) that read each party: a move looks only at those of the
    /// parties whose surroundings changed (see [`Readers`]).
    readers: Readers,
}

/// What one issue found, and the parties its points rest on.
#[derive(Debug, Default)]
struct State<'a> {
    points: Vec<ClashPoint<'a>>,
    /// The parties its constraints named, sorted, without repeats.
    reads: Vec<Node>,
    /// The stances declared on it (positions, and its war's sides), by party: the parties
    /// the duties toward whom bear on it, and what a what-if's no-harm clauses read.
    declared: Declared,
    /// Where each of its points of two values and barred points stands in the solver's
    /// order; `None` for an issue with a war, whose points are never patched (see
    /// [`patch`]).
    shape: Option<Shape>,
    /// On a war issue, the parties with a side, sorted: the only parties a non-aggression
    /// bears on it through.
    fighting: Vec<Node>,
    /// During a what-if, the points its patches would take out and put in, the state left
    /// as it is (see [`patch::Log`]).
    log: Option<Box<patch::Log<'a>>>,
    /// Its positions by component, on an issue without a war, once a patch asked for them
    /// (see [`patch::keep_holders`]).
    holders: Option<Holders>,
}

/// Flags on a party whose surroundings changed between two dates: bits `0..DOMAINS`, its
/// alignment component in that domain; bits `DOMAINS..2 * DOMAINS`, a no-harm clause toward
/// it covering that domain; then a duty toward it that bears on a war it is a principal of
/// (defence, offense, neutrality), and a non-aggression naming it.
type Flags = u16;
const PRINCIPAL_DUTY: Flags = 1 << (2 * DOMAINS);
const NON_AGGRESSION: Flags = 1 << (2 * DOMAINS + 1);

impl<'a> ClashTracker<'a> {
    /// The clash points of `scenario` on `date`, every issue computed.
    ///
    /// # Complexity
    ///
    /// That of [`super::clashes_on`].
    pub fn new(scenario: &'a Scenario, date: Date) -> Self {
        ClashTracker::on_threads(scenario, date, 1)
    }

    /// As [`Self::new`], on `threads` threads; every later move and what-if recomputes its
    /// issues on as many. The points, and what each move says changed, are the same
    /// whatever the number of threads (one, or zero, runs as [`Self::new`] does).
    ///
    /// ```
    /// use allegiance::clash::ClashTracker;
    ///
    /// let scenario = allegiance::load::from_path("examples/data/caucasus-2022.toml")?;
    /// let mut alone = ClashTracker::new(&scenario, "2022-02-21".parse()?);
    /// let mut shared = ClashTracker::on_threads(&scenario, "2022-02-21".parse()?, 2);
    /// let day = "2022-03-02".parse()?;
    /// assert_eq!(shared.advance(day), alone.advance(day));
    /// assert_eq!(shared.clashes(), alone.clashes());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Complexity
    ///
    /// That of [`super::clashes_on_threads`].
    pub fn on_threads(scenario: &'a Scenario, date: Date, threads: usize) -> Self {
        let issues = super::issues_by_id(scenario);
        let snapshot = Snapshot::on_threads(scenario, date, threads);
        let states = threads::map_with(&issues, threads, Scratch::default, |scratch, it| {
            compute(&snapshot, it, scratch)
        });
        let index = &scenario.index.issues;
        let slots: Vec<u32> = issues
            .iter()
            .map(|it| {
                let slot = index.get(&it.id).copied().unwrap_or(usize::MAX);
                u32::try_from(slot).unwrap_or(u32::MAX)
            })
            .collect();
        ClashTracker {
            recomputed: issues.len(),
            readers: Readers::of(&states, snapshot.parties.len()),
            snapshot,
            issues,
            slots,
            states,
            schedule: Schedule::of(scenario),
            threads,
        }
    }

    /// The date the points are for.
    pub fn date(&self) -> Date {
        self.snapshot.date
    }

    /// Every clash point, issue by issue in id order: as [`super::clashes_on`] on
    /// [`Self::date`].
    pub fn points(&self) -> impl Iterator<Item = &ClashPoint<'a>> + '_ {
        self.states.iter().flat_map(|it| it.points.iter())
    }

    /// The clash points of one issue (none for an unknown issue).
    pub fn points_on(&self, issue: &IssueId) -> &[ClashPoint<'a>] {
        self.issues
            .binary_search_by(|it| it.id.cmp(issue))
            .ok()
            .and_then(|at| self.states.get(at))
            .map_or(&[], |it| it.points.as_slice())
    }

    /// Every clash point, as [`super::clashes_on`] returns them.
    pub fn clashes(&self) -> Clashes<'a> {
        Clashes {
            date: self.date(),
            points: self.points().cloned().collect(),
        }
    }

    /// How many issues the last move (or the first computation) recomputed; after a
    /// what-if, how many issues it reached, patched or recomputed.
    pub fn recomputed(&self) -> usize {
        self.recomputed
    }

    /// Moves to `date` (later or earlier) and returns the issues whose clash points changed,
    /// in id order.
    ///
    /// # Complexity
    ///
    /// Moving the date's view: `O(log n)` to find what begins or ends between the two
    /// dates, then, for each clause of those instruments, the lengths of the lists under its
    /// parties; `O(n + a)` per domain whose alignments changed, for `n` parties and `a`
    /// alignment clauses of that domain. Finding the issues a change reaches, `O(n + r)`
    /// for the `r` parties the issues' constraints name; then those issues: patched, in the
    /// points that change and the exclusions they walk, or, with a war or a loose alignment
    /// in the way, recomputed, each as in [`super::clashes_on`].
    pub fn advance(&mut self, date: Date) -> Vec<&'a IssueId> {
        let moved = self.snapshot.move_to(date, &self.schedule);
        let view = &self.snapshot;
        let changed: Vec<&Group> = moved
            .before
            .iter()
            .chain(
                moved
                    .before
                    .iter()
                    .filter_map(|it| view.groups.get(it.clause as usize)),
            )
            .collect();
        let flags = flags(&changed, view, &|at| {
            moved.graph_before(at).or_else(|| view.domains.get(at))
        });
        let facts = |at: usize| {
            let slot = self.slots.get(at).copied().unwrap_or(u32::MAX);
            let war = view.war_at(slot as usize);
            let ended = war.is_none() && moved.wars.binary_search(&slot).is_ok();
            (
                moved.issues.binary_search(&slot).is_ok(),
                war.is_some() || ended,
                war,
            )
        };
        let dirty = dirty(&flags, &self.issues, &self.states, &self.readers, facts);
        let harms: Vec<&Group> = changed
            .iter()
            .copied()
            .filter(|it| view.kind(it.clause).no_harm())
            .collect();
        let by_beneficiary = by_beneficiary(&harms);
        // The positions that came or went on the issue at `at`.
        let slots = &self.slots;
        let positions_of = |at: usize| {
            let slot = slots.get(at).copied().unwrap_or(u32::MAX);
            let from = moved.positions.partition_point(|it| it.0 < slot);
            let to = moved.positions.partition_point(|it| it.0 <= slot);
            moved.positions.get(from..to).unwrap_or(&[])
        };
        let mut todo = Vec::new();
        // The issues settled in place whose points changed.
        let mut patched = Vec::new();
        let before = |at: usize| moved.graph_before(at).or_else(|| view.domains.get(at));
        let around = patch::Around {
            flags: &flags,
            before: &before,
        };
        // The dirty issues are settled on the tracker's threads, each holding its own state
        // (a lock no other thread asks for); most issues of a move are clean.
        let issues = &self.issues;
        let jobs: Vec<(usize, Dirt, Mutex<&mut State<'a>>)> = self
            .states
            .iter_mut()
            .zip(&dirty.dirt)
            .enumerate()
            .filter(|(_, (_, dirt))| **dirt != Dirt::Clean)
            .map(|(at, (state, dirt))| (at, *dirt, Mutex::new(state)))
            .collect();
        let settled = threads::map(&jobs, self.threads, |(at, dirt, state)| {
            let (issue, mut state) = (issues.get(*at)?, state.lock().ok()?);
            let mut read = Vec::new();
            let harms = duties_toward(&harms, &by_beneficiary, dirty.toward(*at));
            let settled = in_place(
                view,
                issue,
                &mut state,
                (*dirt, &harms),
                positions_of(*at),
                &around,
                &mut read,
            );
            Some((settled, read))
        });
        let places: Vec<usize> = jobs.iter().map(|it| it.0).collect();
        drop(jobs);
        for (at, settled) in places.into_iter().zip(settled) {
            let Some((settled, read)) = settled else {
                todo.push((at, None));
                continue;
            };
            self.readers.note(at, &[], &read);
            match settled {
                Settled::Done(true) => patched.push(at),
                Settled::Done(false) => {}
                Settled::Recompute(was) => todo.push((at, was)),
            }
        }
        self.recomputed = todo.len();
        let (issues, states) = (&self.issues, &self.states);
        let fresh = threads::map_with(
            &todo,
            self.threads,
            Scratch::default,
            |scratch, (at, was)| {
                let (issue, state) = (issues.get(*at)?, states.get(*at)?);
                let fresh = compute(view, issue, scratch);
                let same = fresh.points == was.as_deref().unwrap_or(&state.points);
                Some((fresh, same))
            },
        );
        let mut changed: Vec<(usize, &'a IssueId)> = patched
            .into_iter()
            .filter_map(|at| Some((at, &self.issues.get(at)?.id)))
            .collect();
        for ((at, _), fresh) in todo.into_iter().zip(fresh) {
            let (Some((fresh, same)), Some(issue), Some(state)) =
                (fresh, self.issues.get(at), self.states.get_mut(at))
            else {
                continue;
            };
            if !same {
                changed.push((at, &issue.id));
            }
            self.readers.note(at, &state.reads, &fresh.reads);
            *state = fresh;
        }
        if self.readers.stale() {
            self.readers = Readers::of(&self.states, self.snapshot.parties.len());
        }
        // In id order, as the issues are.
        changed.sort_unstable_by_key(|it| it.0);
        changed.into_iter().map(|it| it.1).collect()
    }

    /// How the clash points would change on [`Self::date`] if the hypothesis's instruments
    /// were in force beside the scenario's: each issue whose points would change, in id
    /// order, with the points added and those taken away ([`IssueChange`]; its
    /// [`IssueChange::apply`] gives the issue's points then). The tracker is left as it was.
    ///
    /// The points it returns borrow from the hypothesis as from the scenario, so the
    /// hypothesis must live as long as the tracker: make it first.
    ///
    /// Points are compared as [`super::ClashPoint::canonical`] reads them, each as many times
    /// as it is told: with the hypothesis's clauses ranked after the scenario's, a point may
    /// be told from other facts once components merge, which takes the old telling away and
    /// adds the new one.
    ///
    /// ```
    /// use allegiance::clash::{ClashTracker, Hypothesis};
    /// use allegiance::load::{self, Format};
    ///
    /// let scenario = load::from_path("examples/data/caucasus-2022.toml")?;
    /// // What if Turkey and Russia were bound to hold the same positions? They hold opposite
    /// // ones on the invasion and, from 2 March 2022, on the General Assembly's resolution
    /// // ES-11/1.
    /// let pact = load::file_form_from_str(
    ///     r#"
    /// [[instruments]]
    /// id = "hypothetical-pact"
    /// name = "A hypothetical pact"
    /// kind = "treaty"
    /// force = "binding"
    /// form = "bilateral"
    /// parties = ["RUS", "TUR"]
    /// in_force = "2022-01-01"
    /// source = "hypothesis"
    ///
    /// [[instruments.clauses]]
    /// label = "art. 1"
    /// text = "The Parties shall hold the same positions."
    /// modality = "obligation"
    /// action = "align"
    /// reading = "strict"
    /// "#,
    ///     Format::Toml,
    ///     "pact.toml",
    /// )?;
    /// let hypothesis = Hypothesis::new(&scenario, &pact.instruments)?;
    /// let mut tracker = ClashTracker::new(&scenario, "2022-03-02".parse()?);
    /// let before = tracker.clashes();
    /// let changes = tracker.what_if(&hypothesis);
    /// let issues: Vec<&str> = changes.iter().map(|it| it.issue.as_str()).collect();
    /// assert_eq!(issues, ["es-11-1", "russian-invasion-of-ukraine"]);
    /// // Each gains more points than it loses: the pact binds more.
    /// for change in &changes {
    ///     assert!(change.added.len() > change.removed.len());
    ///     let then = change.apply(tracker.points_on(change.issue));
    ///     assert!(then.len() > tracker.points_on(change.issue).len());
    /// }
    /// assert_eq!(tracker.clashes(), before);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Complexity
    ///
    /// Adding the clauses to the date's view, `O(c + p log n)` for `c` clauses naming `p`
    /// parties, and `O(n + l)` per domain whose components a strict alignment among them
    /// changes (`l` loose alignments listed); finding the issues it can reach, `O(n + r)` for
    /// the `r` parties the issues' constraints name; then those issues: without a war,
    /// patched as [`Self::advance`] patches them, in the points that change and the
    /// exclusions they walk; otherwise each as in [`super::clashes_on`]. Nothing else is
    /// looked at.
    pub fn what_if(&mut self, hypothesis: &'a Hypothesis) -> Vec<IssueChange<'a>> {
        let added = self.snapshot.add(hypothesis.instruments());
        self.snapshot.hypothesis = Some(hypothesis);
        let view = &self.snapshot;
        let new: Vec<&Group> = view
            .groups
            .get(added.groups(view))
            .unwrap_or(&[])
            .iter()
            .collect();
        let flags = flags(&new, view, &|at| {
            added.graph_before(at).or_else(|| view.domains.get(at))
        });
        let (issues, slots) = (&self.issues, &self.slots);
        let facts = |at: usize| {
            let slot = slots.get(at).copied().unwrap_or(u32::MAX);
            let war = view.war_at(slot as usize);
            (false, war.is_some(), war)
        };
        let dirty = dirty(&flags, &self.issues, &self.states, &self.readers, facts);
        // Clauses of no harm alone only add barred points where there is no war: those are
        // patched in, not recomputed (see `issue::barred_by`).
        let harms_only = new.iter().all(|it| {
            let kind = view.kind(it.clause);
            kind.harm && kind.align.iter().all(Option::is_none)
        });
        let first = u32::try_from(added.groups(view).start).unwrap_or(u32::MAX);
        let patched = |at: usize| {
            harms_only
                && slots
                    .get(at)
                    .is_some_and(|it| view.war_at(*it as usize).is_none())
        };
        // The others without a war are patched as a move would patch them, each patch
        // logging the points it would take out and put in rather than making the change;
        // two patches in a row would need the first one made.
        let harms: Vec<&Group> = new
            .iter()
            .copied()
            .filter(|it| view.kind(it.clause).no_harm())
            .collect();
        let before = |at: usize| added.graph_before(at).or_else(|| view.domains.get(at));
        let by_beneficiary = by_beneficiary(&harms);
        let around = patch::Around {
            flags: &flags,
            before: &before,
        };
        let todo: Vec<usize> = dirty
            .dirt
            .iter()
            .enumerate()
            .filter(|(at, dirt)| **dirt != Dirt::Clean && !patched(*at))
            .map(|(at, _)| at)
            .collect();
        let jobs: Vec<(usize, Mutex<&mut State<'a>>)> = self
            .states
            .iter_mut()
            .enumerate()
            .filter(|(at, _)| todo.binary_search(at).is_ok())
            .map(|(at, state)| (at, Mutex::new(state)))
            .collect();
        let recomputed =
            threads::map_with(&jobs, self.threads, Scratch::default, |scratch, job| {
                let (at, state) = job;
                let (issue, dirt) = (issues.get(*at)?, dirty.dirt.get(*at)?);
                let mut state = state.lock().ok()?;
                if let Dirt::Patch { moved, harm, .. } = *dirt
                    && !(moved && harm)
                {
                    state.log = Some(Box::default());
                    let harms = duties_toward(&harms, &by_beneficiary, dirty.toward(*at));
                    let settled = in_place(
                        view,
                        issue,
                        &mut state,
                        (*dirt, &harms),
                        &[],
                        &around,
                        &mut Vec::new(),
                    );
                    let log = state.log.take();
                    if let (Settled::Done(_), Some(log)) = (settled, log) {
                        return Some(difference_by_key(log.added, log.removed));
                    }
                }
                Some(difference(
                    compute(view, issue, scratch).points,
                    &state.points,
                ))
            });
        drop(jobs);
        let mut recomputed = todo.iter().copied().zip(recomputed).peekable();
        let mut changes = Vec::new();
        self.recomputed = 0;
        for (at, ((issue, state), dirty)) in self
            .issues
            .iter()
            .zip(&self.states)
            .zip(dirty.dirt)
            .enumerate()
        {
            if dirty == Dirt::Clean {
                continue;
            }
            self.recomputed += 1;
            let (added, removed) = if patched(at) {
                (barred_points(view, issue, state, first), Vec::new())
            } else {
                match recomputed.next_if(|it| it.0 == at) {
                    Some((_, Some(difference))) => difference,
                    _ => continue,
                }
            };
            if !added.is_empty() || !removed.is_empty() {
                changes.push(IssueChange {
                    issue: &issue.id,
                    added,
                    removed,
                });
            }
        }
        self.snapshot.remove(added);
        self.snapshot.hypothesis = None;
        changes
    }
}

/// The points that the no-harm duties of the groups from `first` on add to `issue`, which
/// has no war (see `issue::barred_by`).
fn barred_points<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    state: &State<'a>,
    first: u32,
) -> Vec<ClashPoint<'a>> {
    let mut raw = Vec::new();
    issue::barred_by(view, issue, &state.declared, first, &mut raw);
    raw.iter()
        .filter_map(|it| {
            let steps: smallvec::SmallVec<[&issue::Local; 3]> = it.iter().collect();
            point(view, &issue.id, &steps)
        })
        .collect()
}

/// One issue's clash points and the parties they read, on the snapshot's date, lowered into
/// `scratch`.
fn compute<'a>(
    snapshot: &Snapshot<'a>,
    issue: &'a Issue,
    scratch: &mut issue::Scratch,
) -> State<'a> {
    let mut points = Vec::new();
    let mut reads = issue::Reads::default();
    let mut shape = snapshot.war(&issue.id).is_none().then(Shape::default);
    issue::points_reading(
        snapshot,
        issue,
        scratch,
        &mut |steps| {
            let Some(point) = point(snapshot, &issue.id, steps) else {
                return;
            };
            if let Some(it) = &mut shape {
                let placed = match point.kind() {
                    ClashKind::TwoValues => component_of(steps).map(|at| it.pairs.push(at)),
                    ClashKind::Barred => order_of(steps).map(|at| it.barred.push(at)),
                    ClashKind::Opposed => Some(()),
                };
                // Not in the shape the patches know: leave the issue to be recomputed.
                if placed.is_none() {
                    shape = None;
                }
            }
            points.push(point);
        },
        &mut reads,
    );
    reads.named.sort_unstable();
    reads.named.dedup();
    State {
        points,
        reads: reads.named,
        declared: reads.declared,
        shape,
        fighting: reads.fighting,
        log: None,
        holders: None,
    }
}

/// Settles an issue a move left `dirt`y without recomputing it, when it can: left as it is
/// (see [`unmet_only`], [`lone_positions`]) or its points patched (see [`patch`]), given
/// what the move changed around the parties (`around`), the changed duties of no harm toward
/// its declared parties (both versions of each, beside `dirt`) and the positions that came
/// or went on it (`changes`). Returns
/// whether its points changed, the parties it reads from now on that it did not read
/// before pushed to `read`.
///
/// A change of components is patched first (see [`patch::moved`]), on the declared stances
/// and duties as the issue has them: then the issue's points are those of the new
/// components, and the patches of positions and duties, which assume the components did not
/// change, follow from there.
fn in_place<'a>(
    view: &Snapshot<'a>,
    issue: &'a Issue,
    state: &mut State<'a>,
    (dirt, harms): (Dirt, &[&Group]),
    changes: &[(u32, u32, bool)],
    around: &patch::Around<'_>,
    read: &mut Vec<Node>,
) -> Settled<'a> {
    let (moved, facts, harm) = match dirt {
        Dirt::Clean => return Settled::Done(false),
        Dirt::Dirty => return Settled::Recompute(None),
        Dirt::Patch { moved, facts, harm } => (moved, facts, harm),
    };
    // Two patches may undo each other's change: the points as they were, copied (a block
    // of numbers each, see `ClashPoint`), say whether the issue changed.
    let before = (moved && (facts || harm)).then(|| state.points.clone());
    let mut changed = false;
    if moved {
        match patch::moved(view, issue, state, around) {
            Some(it) => changed = it,
            None => return Settled::Recompute(None),
        }
    }
    let rest = match (facts, harm) {
        (false, false) => Some((false, Vec::new())),
        (false, true) => match patch::keep_holders(view, issue, state)
            .and_then(|()| unmet_only(view, issue, state, harms))
        {
            Some(bound) => Some((false, bound)),
            None => patch::harms(view, issue, state, harms),
        },
        (true, false) => match patch::keep_holders(view, issue, state)
            .and_then(|()| lone_positions(view, issue, state, changes))
        {
            Some((bound, declared, holders)) => {
                state.declared = declared;
                state.holders = Some(holders);
                Some((false, bound))
            }
            None => patch::positions(view, issue, state, changes, &[]),
        },
        (true, true) => patch::positions(view, issue, state, changes, harms),
    };
    let Some((more, reads)) = rest else {
        return Settled::Recompute(before);
    };
    read.extend(reads);
    read.sort_unstable();
    read.dedup();
    read.retain(|it| state.reads.binary_search(it).is_err());
    if state.log.is_none() {
        merge_into(&mut state.reads, read);
    }
    Settled::Done(match before {
        Some(before) => before != state.points,
        None => changed || more,
    })
}

/// Merges `new` (sorted, none of them in `list`) into `list` (sorted), from the back: an
/// issue reads thousands of parties and a patch adds a few, so each of the others moves at
/// most once, with the block it stands in.
fn merge_into(list: &mut Vec<Node>, new: &[Node]) {
    let mut end = list.len();
    list.extend_from_slice(new);
    for (left, node) in new.iter().enumerate().rev() {
        let at = list
            .get(..end)
            .map_or(0, |it| it.partition_point(|it| it < node));
        // The block `at..end` moves past the `left + 1` new parties still to place.
        list.copy_within(at..end, at + left + 1);
        if let Some(slot) = list.get_mut(at + left) {
            *slot = *node;
        }
        end = at;
    }
}

/// How [`in_place`] settled an issue.
#[derive(Debug)]
enum Settled<'a> {
    /// Patched or left as it was: whether its points changed.
    Done(bool),
    /// To be recomputed; with its points as they were when a patch changed them before
    /// another could not tell, to compare the recomputed points with.
    Recompute(Option<Vec<ClashPoint<'a>>>),
}

/// Whether an issue must be recomputed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dirt {
    /// Nothing it reads changed.
    Clean,
    /// It has no war, and only these changed around it: it may be patched, or left (see
    /// [`in_place`]).
    Patch {
        /// The components of parties it reads (see [`patch::moved`]).
        moved: bool,
        /// Its positions: it may be left when each position that came or went stands
        /// alone (see [`lone_positions`]).
        facts: bool,
        /// Duties of no harm toward its declared parties: it may be left when none of
        /// their exclusions can clash (see [`unmet_only`]).
        harm: bool,
    },
    Dirty,
}

/// What a move or a what-if makes of each issue: whether it is clean, patched or
/// recomputed, and the declared parties toward whom changed duties of no harm bear on it.
struct Dirty {
    /// By the issues' places.
    dirt: Vec<Dirt>,
    /// (place, declared party), sorted: the parties of each issue toward whom a changed
    /// duty of no harm covers its domain.
    toward: Vec<(u32, Node)>,
}

impl Dirty {
    /// The declared parties of the issue at `at` toward whom changed duties of no harm
    /// bear on it, sorted.
    fn toward(&self, at: usize) -> impl Iterator<Item = Node> + '_ {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        let from = self.toward.partition_point(|it| it.0 < at);
        let to = self.toward.partition_point(|it| it.0 <= at);
        self.toward
            .get(from..to)
            .unwrap_or(&[])
            .iter()
            .map(|it| it.1)
    }
}

/// Which issues must be recomputed or patched, given what changed around each party
/// (`flags`) and, per issue (by its place among the tracker's), whether its facts changed,
/// whether it has a war on either date, and its war on the new date.
///
/// A flag is followed from its party to the issues that read it (`readers`), so the cost
/// is that of the change, not of the issues' sizes: a move of a world-sized timeline flags
/// a few hundred parties, and its issues declare hundreds of stances and read thousands of
/// parties each.
fn dirty(
    flags: &[Flags],
    issues: &[&Issue],
    states: &[State<'_>],
    readers: &Readers,
    facts: impl Fn(usize) -> (bool, bool, Option<WarOn>),
) -> Dirty {
    let count = issues.len().min(states.len());
    // A party's component bears on the issue wherever its constraints name the party; a
    // duty of no harm toward a party, where the party has a stance or a side (see
    // `engine::norms`).
    let mut moved = vec![false; count];
    let mut toward: Vec<(u32, Node)> = Vec::new();
    let domains: Flags = (1 << DOMAINS) - 1;
    for ((node, flag), places) in flags.iter().enumerate().zip(&readers.of) {
        let (named, owed) = (flag & domains, (flag >> DOMAINS) & domains);
        let Ok(node) = Node::try_from(node) else {
            continue;
        };
        if named | owed == 0 {
            continue;
        }
        for place in places {
            let at = *place as usize;
            let (Some(issue), Some(state)) = (issues.get(at), states.get(at)) else {
                continue;
            };
            let bit = domain_bit(issue.domain);
            if let Some(it) = moved.get_mut(at)
                && named & bit != 0
                && !*it
            {
                *it = state.reads.binary_search(&node).is_ok();
            }
            if owed & bit != 0 && !state.declared.of(node).is_empty() {
                toward.push((*place, node));
            }
        }
    }
    // An issue read a party twice if it stopped reading it and began again.
    toward.sort_unstable();
    toward.dedup();
    let mut owed = vec![false; count];
    for (place, _) in &toward {
        if let Some(it) = owed.get_mut(*place as usize) {
            *it = true;
        }
    }
    let flagged =
        |node: Node, flag: Flags| flags.get(node as usize).is_some_and(|it| it & flag != 0);
    let dirt = (0..count)
        .map(|at| {
            let (changed, war, now) = facts(at);
            let moved = moved.get(at).copied().unwrap_or(true);
            let harm = owed.get(at).copied().unwrap_or(true);
            let fighting = states.get(at).map_or(&[][..], |it| it.fighting.as_slice());
            // In a war, a non-aggression bears on it only where it names a party with a
            // side, and a duty of defence, offense or neutrality only toward a principal.
            // A war that ended changed the issue's facts: it is recomputed.
            let war_duty = now.is_some_and(|war| {
                flagged(war.attacker, PRINCIPAL_DUTY)
                    || flagged(war.victim, PRINCIPAL_DUTY)
                    || fighting.iter().any(|it| flagged(*it, NON_AGGRESSION))
                    || harm
            });
            if war {
                // Duties to fight give values too: no patch follows them.
                if changed || moved || war_duty {
                    Dirt::Dirty
                } else {
                    Dirt::Clean
                }
            } else if changed || moved || harm {
                Dirt::Patch {
                    moved,
                    facts: changed,
                    harm,
                }
            } else {
                Dirt::Clean
            }
        })
        .collect();
    Dirty { dirt, toward }
}

/// The duties of no harm among `harms` toward `parties`, in their order in `harms`, from
/// `by_beneficiary`: (beneficiary, place in `harms`), sorted.
fn duties_toward<'g>(
    harms: &[&'g Group],
    by_beneficiary: &[(Node, u32)],
    parties: impl Iterator<Item = Node>,
) -> Vec<&'g Group> {
    let mut places: Vec<u32> = Vec::new();
    for party in parties {
        let from = by_beneficiary.partition_point(|it| it.0 < party);
        let to = by_beneficiary.partition_point(|it| it.0 <= party);
        places.extend(
            by_beneficiary
                .get(from..to)
                .unwrap_or(&[])
                .iter()
                .map(|it| it.1),
        );
    }
    places.sort_unstable();
    places.dedup();
    places
        .into_iter()
        .filter_map(|at| harms.get(at as usize).copied())
        .collect()
}

/// (beneficiary, place) for every beneficiary of the duties `harms`, sorted.
fn by_beneficiary(harms: &[&Group]) -> Vec<(Node, u32)> {
    let mut list: Vec<(Node, u32)> = Vec::new();
    for (at, group) in harms.iter().enumerate() {
        let Ok(at) = u32::try_from(at) else {
            continue;
        };
        list.extend(group.beneficiaries.iter().map(|it| (*it, at)));
    }
    list.sort_unstable();
    list
}

/// For each party, the places of the issues whose reads name it (see `State::reads`), so
/// that a move looks only at the issues around the few parties it changes. It may list an
/// issue that no longer reads a party (an issue recomputed may read fewer), never miss one
/// that does; it is rebuilt when such entries outnumber the others.
#[derive(Debug, Default)]
struct Readers {
    of: Vec<Vec<u32>>,
    /// How many entries `of` holds, and how many reads the issues hold.
    entries: usize,
    reads: usize,
}

impl Readers {
    /// From the issues' states, for `parties` parties.
    fn of(states: &[State<'_>], parties: usize) -> Readers {
        let mut readers = Readers {
            of: vec![Vec::new(); parties],
            ..Readers::default()
        };
        for (at, state) in states.iter().enumerate() {
            readers.note(at, &[], &state.reads);
        }
        readers
    }

    /// The issue at `at` reads `new` (sorted) where it read `old` (sorted).
    fn note(&mut self, at: usize, old: &[Node], new: &[Node]) {
        let Ok(place) = u32::try_from(at) else {
            return;
        };
        self.reads = (self.reads + new.len()).saturating_sub(old.len());
        for node in new {
            if old.binary_search(node).is_err()
                && let Some(list) = self.of.get_mut(*node as usize)
            {
                list.push(place);
                self.entries += 1;
            }
        }
    }

    /// Whether the entries of issues that stopped reading a party outnumber the others.
    fn stale(&self) -> bool {
        self.entries > 2 * self.reads + 1024
    }
}

/// When the positions that came and went on `issue`, which has no war and nothing else
/// changed around it, leave its points as they are: the parties to read from now on (the
/// new positions' parties, and the bound parties of the duties toward them), and its
/// declared stances now. `None` when they may change its points.
///
/// Without a war, only positions give values, and an exclusion clashes exactly when its
/// bound party's component holds a value it excludes (see `issue::harms`). A position that
/// came or went is left alone when, on both dates:
/// * it is the only stance declared in its party's component, which has no loose
///   alignment, and no other party the issue read is in that component: so no exclusion
///   other than its party's own is bound there, and nothing else constrains it;
/// * none of its party's own duties of no harm toward a declared party excludes it;
/// * no duty of no harm toward its party excludes a value its bound party's component
///   holds, and (for a new position) no such component has loose alignments.
///
/// Then the only constraint it adds or takes away is its own value on a component nothing
/// else constrains, which cannot clash.
fn lone_positions(
    view: &Snapshot<'_>,
    issue: &Issue,
    state: &State<'_>,
    changes: &[(u32, u32, bool)],
) -> Option<(Vec<Node>, Declared, Holders)> {
    let slot = crate::engine::snapshot::domain_slot(issue.domain)?;
    let graph = view.domains.get(slot)?;
    let root = |node: Node| graph.root_of(node);
    let before = state.holders.as_ref()?;
    // Whether another party the issue read is in `party`'s component.
    let others_read = |party: Node, component: Node| {
        state
            .reads
            .iter()
            .any(|node| *node != party && root(*node) == component)
    };
    // Most positions that come or go do not stand alone: tell those from the old stances
    // and the parties read, before the new stances are listed.
    for (_, rank, added) in changes {
        let party = view.position_party(*rank)?;
        let component = root(party);
        if before.count(component) != usize::from(!*added)
            || graph.loose.contains_key(&component)
            || others_read(party, component)
        {
            return None;
        }
    }
    let (mut now, mut holders) = (state.declared.clone(), before.clone());
    patch::apply(view, &root, (&mut now, &mut holders), changes)?;
    let barred = |declared: &Declared, node: Node| barred(declared.of(node));
    let mut reads = Vec::new();
    for (_, rank, added) in changes {
        let standing = view.standing(*rank)?;
        let (party, val, added) = (standing.party, standing.val, *added);
        let (declared, held) = if added {
            (&now, &holders)
        } else {
            (&state.declared, before)
        };
        let component = root(party);
        if holders.count(component) + before.count(component) != 1 {
            return None;
        }
        // Its party's own duties of no harm.
        for group in patch::harms_binding(view, party, slot) {
            let toward = group.beneficiaries.iter().filter(|it| **it != party);
            if toward
                .into_iter()
                .any(|it| barred(declared, *it) & Val::bit(val) != 0)
            {
                return None;
            }
        }
        // The duties of no harm toward its party.
        if let Some(excluded) = val.opposite() {
            let harms = view.harms_toward.get(party as usize).into_iter().flatten();
            for harm in harms.filter(|it| it.covers(slot)) {
                let theirs = root(harm.bound);
                if held.held(theirs) & Val::bit(excluded) != 0
                    || added && graph.loose.contains_key(&theirs)
                {
                    return None;
                }
                if added {
                    reads.push(harm.bound);
                }
            }
        }
        if added {
            reads.push(party);
        }
    }
    Some((reads, now, holders))
}

/// The values a duty of no harm toward a party with these stances excludes, as bits: the
/// opposite of each (none for a neutral one).
fn barred(stances: &[(Node, Val, Item)]) -> u8 {
    stances
        .iter()
        .filter_map(|(_, val, _)| val.opposite())
        .fold(0, |mask, it| mask | Val::bit(it))
}

/// When the changed no-harm `groups` (both versions of each) leave the points of `issue`,
/// which has no war, as they are: the bound parties of their duties toward its declared
/// parties, to read from now on. `None` when they may change them.
///
/// Without a war, an exclusion clashes exactly when its bound party's component holds a
/// value it excludes (see `issue::harms`); one that cannot is left out of the solver's
/// input, and only touches its component's loose alignments. So when no exclusion of the
/// groups can clash and no such component has loose alignments, the issue's points are
/// those it had. Its declared stances and its parties' components are as they were: the
/// issue is not dirty otherwise.
fn unmet_only(
    view: &Snapshot<'_>,
    issue: &Issue,
    state: &State<'_>,
    groups: &[&Group],
) -> Option<Vec<Node>> {
    let slot = crate::engine::snapshot::domain_slot(issue.domain)?;
    let graph = view.domains.get(slot)?;
    let root = |node: Node| graph.root_of(node);
    let holders = state.holders.as_ref()?;
    let mut bound = Vec::new();
    for group in groups {
        if view.kind(group.clause).covers & (1 << slot) == 0 {
            continue;
        }
        for beneficiary in &group.beneficiaries {
            let barred = barred(state.declared.of(*beneficiary));
            if barred == 0 {
                continue;
            }
            for (party, _) in group.toward(*beneficiary) {
                let component = root(party);
                if holders.held(component) & barred != 0 || graph.loose.contains_key(&component) {
                    return None;
                }
                bound.push(party);
            }
        }
    }
    Some(bound)
}

/// The bit of a domain among a party's flags.
fn domain_bit(domain: Domain) -> Flags {
    Domain::ALL
        .iter()
        .position(|(_, it)| *it == domain)
        .and_then(|at| u32::try_from(at).ok())
        .map_or(0, |at| 1 << at)
}

/// For each party, what the `changed` groups (both versions of a group whose members
/// changed) change around it in `new`, given each domain's graph before (see [`Flags`]).
fn flags<'g>(
    changed: &[&Group],
    new: &'g Snapshot<'_>,
    before: &dyn Fn(usize) -> Option<&'g DomainGraph>,
) -> Vec<Flags> {
    let mut flags: Vec<Flags> = vec![0; new.parties.len()];
    let mut mark = |nodes: &[Node], flag: Flags| {
        for node in nodes {
            if let Some(it) = flags.get_mut(*node as usize) {
                *it |= flag;
            }
        }
    };
    // Per domain: whether an alignment changed there, and the parties of changed loose ones.
    let mut aligned = [false; DOMAINS];
    let mut loose: [Vec<Node>; DOMAINS] = Default::default();
    for group in changed {
        let Some((_, clause)) = new.clause(group.clause) else {
            continue;
        };
        match clause.norm.action {
            Action::Align => {
                let readings = new.kind(group.clause).align;
                for ((reading, aligned), loose) in readings.iter().zip(&mut aligned).zip(&mut loose)
                {
                    *aligned |= reading.is_some();
                    if *reading == Some(Reading::Loose) {
                        loose.extend(group.bound.iter().chain(&group.beneficiaries));
                    }
                }
            }
            Action::NoHarm => {
                let covered = Domain::ALL
                    .iter()
                    .filter(|(_, domain)| clause.norm.scope.covers(*domain))
                    .fold(0, |acc, (_, domain)| acc | domain_bit(*domain) << DOMAINS);
                mark(&group.beneficiaries, covered);
            }
            Action::Defend | Action::Offense | Action::Neutrality => {
                mark(&group.beneficiaries, PRINCIPAL_DUTY);
            }
            Action::NonAggression => {
                mark(&group.bound, NON_AGGRESSION);
                mark(&group.beneficiaries, NON_AGGRESSION);
            }
            // They constrain no stance (see `engine::norms`).
            Action::Consult
            | Action::RespectIntegrity
            | Action::NoHostileAlliance
            | Action::Custom(_) => {}
        }
    }
    for (at, (_, domain)) in Domain::ALL.iter().enumerate() {
        let (Some(true), Some(before), Some(after)) =
            (aligned.get(at).copied(), before(at), new.domains.get(at))
        else {
            continue;
        };
        let bit = domain_bit(*domain);
        let seeds = loose.get(at).map_or(&[][..], Vec::as_slice);
        for (node, moved) in moved(before, after, seeds).into_iter().enumerate() {
            if let (true, Some(flag)) = (moved, flags.get_mut(node)) {
                *flag |= bit;
            }
        }
    }
    flags
}

/// The number of domains.
const DOMAINS: usize = Domain::ALL.len();

/// Which parties' alignment surroundings differ between two dates, in one domain.
///
/// An issue's constraints see a party's component through its representative (the
/// variable its stance becomes) and through the loose alignments listed for it; strict
/// alignment cites no clause in a clash point. So a party is marked when its representative
/// changed; and when such a party has a loose alignment, on either date, every party of its
/// components on both dates is marked, since their lists of loose alignments gained or lost
/// it. A component that only gained or lost members without loose alignments is left: an
/// issue that names a party that came or went is marked through that party. The parties of
/// a loose alignment that came or went (`loose`) mark their components the same way.
fn moved(before: &DomainGraph, after: &DomainGraph, loose: &[Node]) -> Vec<bool> {
    let mut moved: Vec<bool> = before
        .root
        .iter()
        .zip(&after.root)
        .map(|(a, b)| a != b)
        .collect();
    let listed = |graph: &DomainGraph| {
        let mut has = vec![false; moved.len()];
        for (_, _, bound, other) in graph.loose.values().flatten() {
            for node in [bound, other] {
                if let Some(it) = has.get_mut(*node as usize) {
                    *it = true;
                }
            }
        }
        has
    };
    let (loose_before, loose_after) = (listed(before), listed(after));
    let mut seeded = vec![false; moved.len()];
    for node in loose {
        if let Some(it) = seeded.get_mut(*node as usize) {
            *it = true;
        }
    }
    let mut hit_before = vec![false; moved.len()];
    let mut hit_after = vec![false; moved.len()];
    let mut any = false;
    for (node, moved) in moved.iter().enumerate() {
        let has = |list: &[bool]| list.get(node).copied().unwrap_or(false);
        if has(&seeded) || *moved && (has(&loose_before) || has(&loose_after)) {
            any = true;
            for (roots, hit) in [
                (&before.root, &mut hit_before),
                (&after.root, &mut hit_after),
            ] {
                if let Some(slot) = roots.get(node).and_then(|it| hit.get_mut(*it as usize)) {
                    *slot = true;
                }
            }
        }
    }
    if any {
        for (node, moved) in moved.iter_mut().enumerate() {
            let hit = |roots: &[Node], hit: &[bool]| {
                roots.get(node).and_then(|it| hit.get(*it as usize)) == Some(&true)
            };
            if hit(&before.root, &hit_before) || hit(&after.root, &hit_after) {
                *moved = true;
            }
        }
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::ClashTracker;
    use crate::test_util::scenario;

    /// A and B strictly aligned from 2001-01-01 until 2003-01-01, on q (the fixture's) and r,
    /// both of foreign policy.
    /// A supports q and r from 2001-01-01; B opposes q from 2002-01-01.
    const TWO_ISSUES: &str = r#"
[[issues]]
id = "r"
title = "Another question"
domain = "foreign_policy"

[[instruments]]
id = "p"
name = "p"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["A", "B"]
in_force = "2001-01-01"
terminated = "2003-01-01"
source = "test"

[[instruments.clauses]]
label = "c"
text = "c"
modality = "obligation"
action = "align"
reading = "strict"

[[positions]]
party = "A"
issue = "q"
stance = "support"
since = "2001-01-01"
source = "test"

[[positions]]
party = "A"
issue = "r"
stance = "support"
since = "2001-01-01"
source = "test"

[[positions]]
party = "B"
issue = "q"
stance = "oppose"
since = "2002-01-01"
source = "test"
"#;

    fn day(text: &str) -> crate::model::Date {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_new_position_changes_its_issue_alone_patched_in() {
        let scenario = scenario(TWO_ISSUES);
        let mut tracker = ClashTracker::new(&scenario, day("2001-06-01"));
        assert_eq!(tracker.recomputed(), 2);
        assert_eq!(tracker.points().count(), 0);
        // B's opposition meets A's support inside the pact's component: q clashes; r, where
        // only A speaks, neither changes nor is looked at. B is the first to oppose there,
        // so the point of two values is told anew, without recomputing q (see `patch`).
        let changed = tracker.advance(day("2002-06-01"));
        assert_eq!(tracker.recomputed(), 0);
        let changed: Vec<&str> = changed.iter().map(|it| it.as_str()).collect();
        assert_eq!(changed, ["q"]);
        assert_eq!(
            tracker
                .points_on(&"q".parse().unwrap_or_else(|e| panic!("{e:?}")))
                .len(),
            1
        );
    }

    #[test]
    fn an_ending_alignment_patches_the_issue_naming_the_party_that_left() {
        let scenario = scenario(TWO_ISSUES);
        let mut tracker = ClashTracker::new(&scenario, day("2002-06-01"));
        // The pact ends: B leaves A's component and stands for itself. Only q names B, so
        // only q changes (r names A alone, still its component's representative), and its
        // point goes. B declared a stance on q, so q's components are told anew: the one B
        // left and the one it joined, without recomputing q.
        let changed = tracker.advance(day("2003-06-01"));
        assert_eq!(tracker.recomputed(), 0);
        let changed: Vec<&str> = changed.iter().map(|it| it.as_str()).collect();
        assert_eq!(changed, ["q"]);
        assert_eq!(tracker.points().count(), 0);
    }

    /// B supports q and C opposes it throughout. From 2001-01-01 X owes B no harm (h); from
    /// 2002-01-01 X and C are strictly aligned (s).
    const HARM_THEN_ALIGNMENT: &str = r#"
[[instruments]]
id = "h"
name = "h"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["B", "X"]
in_force = "2001-01-01"
source = "test"

[[instruments.clauses]]
label = "1"
text = "1"
modality = "obligation"
action = "no_harm"
bound = ["X"]
discretion = true

[[instruments]]
id = "s"
name = "s"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["C", "X"]
in_force = "2002-01-01"
source = "test"

[[instruments.clauses]]
label = "1"
text = "1"
modality = "obligation"
action = "align"
reading = "strict"

[[positions]]
party = "B"
issue = "q"
stance = "support"
since = "2000-01-01"
source = "test"

[[positions]]
party = "C"
issue = "q"
stance = "oppose"
since = "2000-01-01"
source = "test"
"#;

    #[test]
    fn a_duty_of_no_harm_that_cannot_clash_yet_is_read_when_it_can() {
        // On 2001-01-01 h begins: it bars X from opposing q, which B supports; but X's
        // component is X alone, which holds nothing, so the exclusion cannot clash.
        left_then_read(&scenario(HARM_THEN_ALIGNMENT));
    }

    /// On HARM_THEN_ALIGNMENT or a variant: q has no point on 2000-06-01, and moving to
    /// 2001-06-01 recomputes nothing (what changed cannot clash). Moving to 2002-06-01, s
    /// puts X in C's component (named by C, the smaller), which opposes q: X's exclusion
    /// now meets C's opposition. Only X changed component, and q names X only through h's
    /// exclusion, so q must have kept X among the parties it reads: it changes, gaining
    /// that one point.
    fn left_then_read(scenario: &crate::model::Scenario) {
        let q = "q".parse().unwrap_or_else(|e| panic!("{e:?}"));
        let mut tracker = ClashTracker::new(scenario, day("2000-06-01"));
        assert_eq!(tracker.points().count(), 0);
        quiet(&mut tracker, "2001-06-01");
        let changed = tracker.advance(day("2002-06-01"));
        let changed: Vec<&str> = changed.iter().map(|it| it.as_str()).collect();
        assert_eq!(changed, ["q"]);
        assert_eq!(tracker.points_on(&q).len(), 1);
        assert_eq!(
            tracker.clashes(),
            crate::clash::clashes_on(scenario, day("2002-06-01"))
        );
    }

    #[test]
    fn a_lone_new_position_is_left_but_its_duties_are_read() {
        // As HARM_THEN_ALIGNMENT, with h in force from the start and B's support only from
        // 2001-01-01.
        let text = HARM_THEN_ALIGNMENT
            .replace("in_force = \"2001-01-01\"", "in_force = \"2000-01-01\"")
            .replace(
                "party = \"B\"\nissue = \"q\"\nstance = \"support\"\nsince = \"2000-01-01\"",
                "party = \"B\"\nissue = \"q\"\nstance = \"support\"\nsince = \"2001-01-01\"",
            );
        assert!(!text.contains("in_force = \"2001-01-01\""), "{text}");
        assert!(text.contains("since = \"2001-01-01\""), "{text}");
        // On 2001-01-01 B's support comes, alone in B's component; h then bars X from
        // opposing it, but X's component holds nothing: q keeps its points. q must read X
        // from then on, as it reads B.
        left_then_read(&scenario(&text));
    }

    #[test]
    fn a_duty_of_no_harm_that_clashes_is_patched_in_and_its_bound_party_read() {
        // As HARM_THEN_ALIGNMENT, the other way round: s aligns C and X from 2001-01-01 until
        // 2003-01-01, and h begins on 2002-01-01.
        let text = HARM_THEN_ALIGNMENT
            .replace("in_force = \"2001-01-01\"", "in_force = \"2002-01-01\"")
            .replace(
                "parties = [\"C\", \"X\"]\nin_force = \"2002-01-01\"",
                "parties = [\"C\", \"X\"]\nin_force = \"2001-01-01\"\nterminated = \"2003-01-01\"",
            );
        assert!(text.contains("terminated = \"2003-01-01\""), "{text}");
        let scenario = scenario(&text);
        let q = "q".parse().unwrap_or_else(|e| panic!("{e:?}"));
        let mut tracker = ClashTracker::new(&scenario, day("2000-06-01"));
        assert_eq!(tracker.points().count(), 0);
        // X joins C's component, which q does not read through X: nothing to look at.
        quiet(&mut tracker, "2001-06-01");
        // h bars X from opposing q, which B supports, and X's component holds C's
        // opposition: one barred point, patched in, nothing recomputed.
        let changed = tracker.advance(day("2002-06-01"));
        let changed: Vec<&str> = changed.iter().map(|it| it.as_str()).collect();
        assert_eq!((changed, tracker.recomputed()), (vec!["q"], 0));
        assert_eq!(tracker.points_on(&q).len(), 1);
        assert_eq!(
            tracker.clashes(),
            crate::clash::clashes_on(&scenario, day("2002-06-01"))
        );
        // s ends: X leaves C's component (X's side is renamed, not C's), and the point with
        // it. q names X only through h's exclusion, so the patch must have kept X among the
        // parties q reads.
        q_changes(&mut tracker, &scenario, "2003-06-01", 0);
    }

    #[test]
    fn a_position_that_is_not_its_values_first_is_patched_in_and_its_party_read() {
        // A and X strictly aligned from 2000-01-01 until 2002-01-01; B and C from
        // 2000-01-01; X and C from 2003-01-01. A supports q from 2000-01-01, X from
        // 2001-01-01; C opposes it from 2000-01-01.
        let text = format!(
            "{}{}{}{}{}{}",
            pact("ax", "A", "X", "2000-01-01", STRICT)
                .replace("\n[[instruments.clauses]]", &until("2002-01-01")),
            pact("bc", "B", "C", "2000-01-01", STRICT),
            pact("cx", "C", "X", "2003-01-01", STRICT),
            stance("A", "support", "2000-01-01"),
            stance("X", "support", "2001-01-01"),
            stance("C", "oppose", "2000-01-01"),
        );
        let scenario = scenario(&text);
        let mut tracker = ClashTracker::new(&scenario, day("2000-06-01"));
        assert_eq!(tracker.points().count(), 0);
        // X's support comes in {A, X}, where A's came first: nothing to recompute, nothing
        // changes (no duty toward X).
        quiet(&mut tracker, "2001-06-01");
        // X leaves A's component, its side renamed: still no point.
        let changed = tracker.advance(day("2002-06-01"));
        assert!(changed.is_empty());
        // X joins {B, C} (named by B, so only X is renamed): X's support meets C's
        // opposition. q names X only through its position, so the patch must have kept X
        // among the parties q reads.
        q_changes(&mut tracker, &scenario, "2003-06-01", 1);
        // Told from X's support, not A's: X left A's component first.
        let q = "q".parse().unwrap_or_else(|e| panic!("{e:?}"));
        let x = "X".parse().unwrap_or_else(|e| panic!("{e:?}"));
        let facts: Vec<_> = tracker
            .points_on(&q)
            .iter()
            .flat_map(crate::ClashPoint::steps)
            .filter_map(|it| it.fact)
            .collect();
        assert!(
            facts
                .iter()
                .any(|it| matches!(it, crate::clash::Fact::Position { party, .. } if *party == &x)),
            "{facts:?}"
        );
    }

    #[test]
    fn a_position_patched_in_reads_the_parties_bound_toward_its_party() {
        // A and X strictly aligned from 2000-01-01, B and C from 2003-01-01; C bound to do X
        // no harm from 2000-01-01. A supports q from 2000-01-01, X from 2001-01-01; B
        // opposes it from 2000-01-01.
        let text = format!(
            "{}{}{}{}{}{}",
            pact("ax", "A", "X", "2000-01-01", STRICT),
            pact("bc", "B", "C", "2003-01-01", STRICT),
            owes_no_harm("h", "C", "X"),
            stance("A", "support", "2000-01-01"),
            stance("X", "support", "2001-01-01"),
            stance("B", "oppose", "2000-01-01"),
        );
        let scenario = scenario(&text);
        let mut tracker = ClashTracker::new(&scenario, day("2000-06-01"));
        assert_eq!(tracker.points().count(), 0);
        // X's support comes, after A's in their component: h now bars C from opposing q,
        // but C's component holds nothing. Patched: nothing recomputed, nothing changes.
        quiet(&mut tracker, "2001-06-01");
        // C joins B's component (named by B, so only C is renamed), which opposes q: h's
        // exclusion now meets B's opposition. q names C only through h, so the patch must
        // have kept C among the parties q reads.
        q_changes(&mut tracker, &scenario, "2003-06-01", 1);
    }

    #[test]
    fn a_duty_ending_as_a_position_comes_is_patched_out() {
        // A and X strictly aligned from 2000-01-01; B bound to do A no harm from 2000-01-01
        // until 2002-01-01. A supports q from 2000-01-01, X from 2002-01-01; B opposes it
        // from 2000-01-01.
        let duty = pact(
            "h",
            "A",
            "B",
            "2000-01-01",
            "action = \"no_harm\"\nbound = [\"B\"]\ndiscretion = true",
        )
        .replace("\n[[instruments.clauses]]", &until("2002-01-01"));
        let text = format!(
            "{}{duty}{}{}{}",
            pact("ax", "A", "X", "2000-01-01", STRICT),
            stance("A", "support", "2000-01-01"),
            stance("X", "support", "2002-01-01"),
            stance("B", "oppose", "2000-01-01"),
        );
        let scenario = scenario(&text);
        let q = "q".parse().unwrap_or_else(|e| panic!("{e:?}"));
        // h bars B from opposing q, which A supports, and B does: one barred point.
        let mut tracker = ClashTracker::new(&scenario, day("2001-06-01"));
        assert_eq!(tracker.points_on(&q).len(), 1);
        // On one day h ends and X's support comes, after A's in their component: both
        // patched, nothing recomputed; h's point goes.
        let changed = tracker.advance(day("2002-06-01"));
        let changed: Vec<&str> = changed.iter().map(|it| it.as_str()).collect();
        assert_eq!((changed, tracker.recomputed()), (vec!["q"], 0));
        assert_eq!(tracker.points_on(&q).len(), 0);
        assert_eq!(
            tracker.clashes(),
            crate::clash::clashes_on(&scenario, day("2002-06-01"))
        );
    }

    #[test]
    fn a_war_is_recomputed_for_a_duty_toward_a_principal_not_toward_a_bystander() {
        // B attacks A; X and C support the war. A duty of defence bears on a war only
        // toward a principal (see `engine::norms::defend`), and a non-aggression only
        // between parties with a side: C's defence of X (2001), then X and C's
        // non-aggression (2002), neither of whom fights, leave the war as it was, unread.
        // C's defence of A (2003) puts C on the victim's side, whose stance (oppose) meets
        // C's own support: the war gains that point, and nothing else changes.
        let defend =
            |toward: &str| format!("action = \"defend\"\nbound = [\"C\"]\ntoward = [\"{toward}\"]");
        let scenario = scenario(&format!(
            "{}{}{}{}{}{}",
            crate::test_util::attack("B", "A", ""),
            crate::test_util::position("X", "war", "support"),
            crate::test_util::position("C", "war", "support"),
            pact("p1", "C", "X", "2001-01-01", &defend("X")),
            pact("p2", "X", "C", "2002-01-01", "action = \"non_aggression\""),
            pact("p3", "C", "A", "2003-01-01", &defend("A")),
        ));
        let mut tracker = ClashTracker::new(&scenario, day("2000-06-01"));
        let war = "war".parse().unwrap_or_else(|e| panic!("{e:?}"));
        let before = tracker.points_on(&war).len();
        quiet(&mut tracker, "2001-06-01");
        quiet(&mut tracker, "2002-06-01");
        let changed = tracker.advance(day("2003-06-01"));
        let changed: Vec<&str> = changed.iter().map(|it| it.as_str()).collect();
        assert_eq!((changed, tracker.recomputed()), (vec!["war"], 1));
        assert_eq!(tracker.points_on(&war).len(), before + 1);
        assert_eq!(
            tracker.clashes(),
            crate::clash::clashes_on(&scenario, day("2003-06-01"))
        );
    }

    #[test]
    fn parties_merged_into_a_sorted_list_keep_it_sorted() {
        use super::merge_into;
        let mut list = vec![2, 4, 6, 8];
        merge_into(&mut list, &[1, 5, 9]);
        assert_eq!(list, [1, 2, 4, 5, 6, 8, 9]);
        merge_into(&mut list, &[3, 7]);
        assert_eq!(list, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        merge_into(&mut list, &[]);
        assert_eq!(list, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let mut empty = Vec::new();
        merge_into(&mut empty, &[0, 10]);
        assert_eq!(empty, [0, 10]);
    }

    #[test]
    fn a_job_gets_the_changed_duties_toward_its_own_parties_in_their_order() {
        use super::{Group, by_beneficiary, duties_toward};
        let group = |clause: u32, beneficiaries: &[u32]| Group {
            clause,
            in_force: true,
            bound: smallvec::smallvec![9],
            beneficiaries: beneficiaries.iter().copied().collect(),
        };
        let (g0, g1, g2) = (group(0, &[1, 2]), group(1, &[3]), group(2, &[2, 4]));
        let harms = [&g0, &g1, &g2];
        let index = by_beneficiary(&harms);
        let clauses = |toward: &[u32]| -> Vec<u32> {
            let found = duties_toward(&harms, &index, toward.iter().copied());
            found.iter().map(|it| it.clause).collect()
        };
        // Party 2 is owed by g0 and g2; each duty once, as the move listed them.
        assert_eq!(clauses(&[2]), [0, 2]);
        assert_eq!(clauses(&[4, 3]), [1, 2]);
        assert_eq!(clauses(&[1, 2, 4]), [0, 2]);
        // Nobody owes party 5 or 9 (9 is bound, not owed).
        assert!(clauses(&[5, 9]).is_empty());
    }

    #[test]
    fn readers_list_every_issue_reading_a_flagged_party_until_rebuilt() {
        use super::{Readers, State};
        // Issue 0 reads parties 1 and 2; issue 1 reads 2 and 3.
        let state = |reads: &[u32]| State {
            reads: reads.to_vec(),
            ..State::default()
        };
        let mut readers = Readers::of(&[state(&[1, 2]), state(&[2, 3])], 5);
        let flagged = |readers: &Readers, parties: &[usize]| {
            let mut places: Vec<u32> = parties
                .iter()
                .flat_map(|it| readers.of[*it].iter().copied())
                .collect();
            places.sort_unstable();
            places.dedup();
            places
        };
        assert_eq!(flagged(&readers, &[2]), [0, 1]);
        assert_eq!(flagged(&readers, &[3]), [1]);
        assert_eq!(flagged(&readers, &[0, 4]), Vec::<u32>::new());
        // Issue 0, recomputed, reads 4 instead of 1 and 2; its old entries stay, which
        // only costs a look, and the new one is added.
        readers.note(0, &[1, 2], &[4]);
        assert_eq!(flagged(&readers, &[4]), [0]);
        assert_eq!(flagged(&readers, &[1]), [0]);
        assert_eq!((readers.entries, readers.reads), (5, 3));
        assert!(!readers.stale());
        for _ in 0..1100 {
            readers.note(0, &[4], &[4, 1]);
            readers.note(0, &[4, 1], &[4]);
        }
        assert!(readers.stale());
    }

    #[test]
    fn a_party_read_only_for_its_duty_that_joins_a_component_is_patched_in() {
        // B supports q; C, bound to do B no harm, is barred from opposing it; A opposes q.
        // C declares nothing, so q reads C only for that duty. From 2002-01-01 C is
        // strictly aligned with A: C's component now holds A's opposition, which C's duty
        // bars: one barred point, patched in (A keeps its representative, the smaller), not
        // recomputed. When the pact ends, C leaves and the point goes, again patched.
        let scenario = scenario(&format!(
            "{}{}{}{}",
            stance("A", "oppose", "2000-01-01"),
            stance("B", "support", "2000-01-01"),
            owes_no_harm("h", "C", "B"),
            pact("s", "A", "C", "2002-01-01", STRICT)
                .replace("\n[[instruments.clauses]]", &until("2003-01-01")),
        ));
        q_steps(&scenario, &[("2002-06-01", 1, 0), ("2003-06-01", 0, 0)]);
    }

    #[test]
    fn a_party_that_joins_a_component_with_its_loose_alignment_is_recomputed() {
        // A opposes q, X supports it; C, loosely aligned with X, declares nothing: q reads
        // C through that alignment, between C's component (no stance) and X's. From
        // 2002-01-01 C is strictly aligned with A: the loose alignment now joins A's
        // opposition to X's support, a point a patch of C's duties cannot tell.
        let scenario = scenario(&format!(
            "{}{}{}{}",
            stance("A", "oppose", "2000-01-01"),
            stance("X", "support", "2000-01-01"),
            pact("l", "C", "X", "2000-01-01", LOOSE),
            pact("s", "A", "C", "2002-01-01", STRICT),
        ));
        q_steps(&scenario, &[("2002-06-01", 1, 1)]);
    }

    /// X is bound to do B no harm: barred from opposing q, which B supports.
    fn x_owes_b_no_harm() -> String {
        format!(
            "{}{}",
            stance("B", "support", "2000-01-01"),
            owes_no_harm("h", "X", "B")
        )
    }

    #[test]
    fn a_barred_point_in_a_component_a_declared_party_joins_is_told_once() {
        // A opposes q and is strictly aligned with X, whose duty to B bars that: one barred
        // point, carried from A. From 2002-01-01 C, which opposes q too, joins A's
        // component (A stays its representative, the smallest; C moves). The component
        // is told anew without recomputing q; X did not move, but its exclusion is bound
        // there, so its point is told anew, from A again, once: nothing changes.
        let scenario = scenario(&format!(
            "{}{}{}{}{}",
            x_owes_b_no_harm(),
            stance("A", "oppose", "2000-01-01"),
            stance("C", "oppose", "2000-01-01"),
            pact("s0", "A", "X", "2000-01-01", STRICT),
            pact("s1", "A", "C", "2002-01-01", STRICT),
        ));
        let mut tracker = ClashTracker::new(&scenario, day("2000-06-01"));
        assert_eq!(tracker.points().count(), 1);
        quiet(&mut tracker, "2002-06-01");
        assert_eq!(tracker.points().count(), 1);
        assert_eq!(
            tracker.clashes(),
            crate::clash::clashes_on(&scenario, day("2002-06-01"))
        );
    }

    #[test]
    fn a_value_new_to_a_giant_component_meets_the_duties_bound_there() {
        // B supports q, and X is bound to do B no harm, which excludes opposing q in X's
        // component. X is strictly aligned with A, and so are 70 more states: a component
        // of 72 members, more than a patch reads member by member, so it walks the duties
        // toward the declared parties. Nobody there declares anything until P05 opposes q
        // on 2002-01-01: a value new to the component, which X's duty bars. One barred
        // point, carried from P05, patched in without recomputing q.
        let members: String = (0..70)
            .map(|at| {
                format!(
                    "\n[[parties]]\nid = \"P{at:02}\"\nname = \"P{at:02}\"\nkind = \"state\"\n{}",
                    pact(
                        &format!("s{at:02}"),
                        "A",
                        &format!("P{at:02}"),
                        "2000-01-01",
                        STRICT
                    )
                )
            })
            .collect();
        let scenario = scenario(&format!(
            "{}{}{}{}",
            x_owes_b_no_harm(),
            pact("sx", "A", "X", "2000-01-01", STRICT),
            members,
            stance("P05", "oppose", "2002-01-01"),
        ));
        q_steps(&scenario, &[("2002-06-01", 1, 0)]);
        let mut tracker = ClashTracker::new(&scenario, day("2002-06-01"));
        let q = "q".parse().unwrap_or_else(|e| panic!("{e:?}"));
        let point = tracker.points_on(&q).first().map(crate::ClashPoint::kind);
        assert_eq!(point, Some(crate::clash::ClashKind::Barred));
        // And back: the position ends with the timeline's order reversed.
        let changed = tracker.advance(day("2001-06-01"));
        assert_eq!((changed.len(), tracker.points().count()), (1, 0));
    }

    #[test]
    fn components_declared_parties_join_are_told_anew_without_recomputing() {
        // A supports q and C opposes it; X, which declares nothing, is bound to do B no
        // harm. From 2002-01-01 A, C and X are strictly aligned: C and X join A's component.
        // It now holds both values (one point of two values, from A and C) and C's
        // opposition, which X's duty bars (one barred point, from C, told once although X
        // moved too). When the pact ends, both go. Neither move recomputes q.
        let trio = pact("s", "A", "C", "2002-01-01", STRICT)
            .replace("form = \"bilateral\"", "form = \"multilateral\"")
            .replace("[\"A\", \"C\"]", "[\"A\", \"C\", \"X\"]")
            .replace("\n[[instruments.clauses]]", &until("2003-01-01"));
        assert!(trio.contains("\"X\"]") && trio.contains("2003-01-01"));
        let scenario = scenario(&format!(
            "{}{}{}{}",
            x_owes_b_no_harm(),
            stance("A", "support", "2000-01-01"),
            stance("C", "oppose", "2000-01-01"),
            trio,
        ));
        q_steps(&scenario, &[("2002-06-01", 2, 0), ("2003-06-01", 0, 0)]);
    }

    #[test]
    fn an_issue_patched_then_recomputed_is_said_to_change() {
        // A supports q and B opposes it; C is loosely aligned with X, which declares
        // nothing. On 2002-01-01 A and B are strictly aligned (B joins A's component: one
        // point of two values, patched in) and C comes to support q: its value is new to a
        // component with a loose alignment, which the positions' patch leaves to a
        // recomputation. The recomputed points are the patched ones (C's support opposes
        // nothing): q changed all the same, from no point to one.
        let scenario = scenario(&format!(
            "{}{}{}{}{}",
            stance("A", "support", "2000-01-01"),
            stance("B", "oppose", "2000-01-01"),
            stance("C", "support", "2002-01-01"),
            pact("l", "C", "X", "2000-01-01", LOOSE),
            pact("s", "A", "B", "2002-01-01", STRICT),
        ));
        q_steps(&scenario, &[("2002-06-01", 1, 1)]);
    }

    #[test]
    fn a_what_if_that_tells_barred_points_anew_as_they_were_changes_nothing() {
        // A opposes q and is strictly aligned with X; X and A are each bound to do B, which
        // supports q, no harm: two barred points, both carried from A. C opposes q too.
        // What if A and C were strictly aligned? C joins A's component (the larger keeps
        // its representative), which is told anew, its exclusions with it: both points
        // come out as they were, each matched among those of its own exclusion, and q does
        // not change.
        let scenario = scenario(&format!(
            "{}{}{}{}{}",
            x_owes_b_no_harm(),
            owes_no_harm("h2", "A", "B"),
            stance("A", "oppose", "2000-01-01"),
            stance("C", "oppose", "2000-01-01"),
            pact("s0", "A", "X", "2000-01-01", STRICT),
        ));
        let hypothesis = hypothesis(&scenario, &pact("s1", "A", "C", "2000-01-01", STRICT));
        let mut tracker = ClashTracker::new(&scenario, day("2001-01-01"));
        assert_eq!(tracker.points().count(), 2);
        assert_eq!(tracker.what_if(&hypothesis), Vec::new());
        assert_eq!(tracker.recomputed(), 1);
    }

    #[test]
    fn a_what_if_that_changes_a_first_holder_takes_out_the_points_it_carried() {
        // C opposes q and is strictly aligned with X. X is bound to do no harm to B and to
        // E, who both support q: each duty excludes opposing q in X's component, and C's
        // opposition meets both, so two barred points, carried from C. A opposes q too.
        // What if A and X were strictly aligned? A joins the component, and A's position
        // comes before C's in the issue's order: both points are now carried from A. So
        // q changes, the two points carried from C taken out and two carried from A put
        // in, patched (no war, no loose alignment) rather than recomputed.
        let scenario = scenario(&format!(
            "{}{}{}{}{}{}{}",
            "\n[[parties]]\nid = \"E\"\nname = \"Eland\"\nkind = \"state\"\n",
            x_owes_b_no_harm(),
            stance("E", "support", "2000-01-01"),
            owes_no_harm("h2", "X", "E"),
            stance("A", "oppose", "2000-01-01"),
            stance("C", "oppose", "2000-01-01"),
            pact("s0", "C", "X", "2000-01-01", STRICT),
        ));
        let hypothesis = hypothesis(&scenario, &pact("s1", "A", "X", "2000-01-01", STRICT));
        let mut tracker = ClashTracker::new(&scenario, day("2001-01-01"));
        assert_eq!(tracker.points().count(), 2);
        // The parties a point cites: the declarer of the position it carries, and the
        // party the duty that bars it is owed to.
        let declarers = |point: &crate::ClashPoint<'_>| -> Vec<String> {
            let mut parties: Vec<String> = (point.steps())
                .flat_map(|it| {
                    let fact = match it.fact {
                        Some(crate::clash::Fact::Position { party, .. }) => Some(party),
                        _ => None,
                    };
                    fact.into_iter().chain(it.from)
                })
                .map(ToString::to_string)
                .collect();
            parties.sort();
            parties.dedup();
            parties
        };
        let changes = tracker.what_if(&hypothesis);
        let [change] = changes.as_slice() else {
            panic!("one issue changes: {changes:?}");
        };
        assert_eq!(change.issue.as_str(), "q");
        let removed: Vec<Vec<String>> = change.removed.iter().map(declarers).collect();
        let added: Vec<Vec<String>> = change.added.iter().map(declarers).collect();
        assert_eq!(removed, [["B", "C"], ["C", "E"]]);
        assert_eq!(added, [["A", "B"], ["A", "E"]]);
        // The what-if leaves the tracker as it was.
        assert_eq!(tracker.points().count(), 2);
    }

    /// The instruments of `text` (TOML) as a hypothesis to `scenario`.
    fn hypothesis(scenario: &crate::model::Scenario, text: &str) -> crate::clash::Hypothesis {
        let file = crate::load::file_form_from_str(text, crate::load::Format::Toml, "pact.toml")
            .unwrap_or_else(|e| panic!("{e}"));
        crate::clash::Hypothesis::new(scenario, &file.instruments).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The clause fields of a strict alignment, for [`pact`].
    const STRICT: &str = "action = \"align\"\nreading = \"strict\"";

    /// The clause fields of a loose alignment, for [`pact`].
    const LOOSE: &str = "action = \"align\"\nreading = \"loose\"";

    /// Moves `tracker` to `day`, which recomputes nothing and changes nothing.
    #[track_caller]
    fn quiet(tracker: &mut ClashTracker<'_>, day_text: &str) {
        let changed = tracker.advance(day(day_text));
        assert_eq!((tracker.recomputed(), changed.len()), (0, 0));
    }

    /// Moves `tracker` to `day`, where q, and q alone, changes to `points` clash points,
    /// as `clashes_on` finds them there.
    #[track_caller]
    fn q_changes(
        tracker: &mut ClashTracker<'_>,
        scenario: &crate::model::Scenario,
        day_text: &str,
        points: usize,
    ) {
        let q = "q".parse().unwrap_or_else(|e| panic!("{e:?}"));
        let changed = tracker.advance(day(day_text));
        let changed: Vec<&str> = changed.iter().map(|it| it.as_str()).collect();
        assert_eq!(changed, ["q"]);
        assert_eq!(tracker.points_on(&q).len(), points);
        assert_eq!(
            tracker.clashes(),
            crate::clash::clashes_on(scenario, day(day_text))
        );
    }

    /// Makes a tracker of `scenario` on 2000-06-01, which finds no point, and moves it to
    /// each `(day, points, recomputed)` in turn: there q, and q alone, changes to `points`
    /// clash points, as `clashes_on` finds them, with `recomputed` issues recomputed.
    #[track_caller]
    fn q_steps(scenario: &crate::model::Scenario, steps: &[(&str, usize, usize)]) {
        let mut tracker = ClashTracker::new(scenario, day("2000-06-01"));
        assert_eq!(tracker.points().count(), 0);
        for (day_text, points, recomputed) in steps {
            q_changes(&mut tracker, scenario, day_text, *points);
            assert_eq!(tracker.recomputed(), *recomputed, "on {day_text}");
        }
    }

    /// A bilateral binding treaty `id` between `a` and `b` from `since`, with one obligation
    /// whose other fields are `clause` (TOML lines).
    fn pact(id: &str, a: &str, b: &str, since: &str, clause: &str) -> String {
        format!(
            "\n[[instruments]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"treaty\"\n\
             force = \"binding\"\nform = \"bilateral\"\nparties = [\"{a}\", \"{b}\"]\n\
             in_force = \"{since}\"\nsource = \"test\"\n\n[[instruments.clauses]]\n\
             label = \"1\"\ntext = \"1\"\nmodality = \"obligation\"\n{clause}\n"
        )
    }

    /// A treaty `id` from 2000-01-01 by which `bound` owes `toward` no harm (with discretion).
    fn owes_no_harm(id: &str, bound: &str, toward: &str) -> String {
        let clause = format!("action = \"no_harm\"\nbound = [\"{bound}\"]\ndiscretion = true");
        pact(id, bound, toward, "2000-01-01", &clause)
    }

    /// What [`pact`]'s text puts before its clause to end the treaty on `date`.
    fn until(date: &str) -> String {
        format!("terminated = \"{date}\"\n\n[[instruments.clauses]]")
    }

    /// `party`'s stance on q from `since`.
    fn stance(party: &str, stance: &str, since: &str) -> String {
        format!(
            "\n[[positions]]\nparty = \"{party}\"\nissue = \"q\"\nstance = \"{stance}\"\n\
             since = \"{since}\"\nsource = \"test\"\n"
        )
    }

    #[test]
    fn a_second_pact_inside_a_component_recomputes_nothing() {
        // A second strict pact between A and B from 2002-06-01: the component {A, B} keeps
        // its members, and strict alignment cites no clause in a clash point, so no issue
        // is looked at again.
        let second = TWO_ISSUES
            .split("[[positions]]")
            .next()
            .unwrap_or_default()
            .replace("id = \"p\"", "id = \"p2\"")
            .replace("in_force = \"2001-01-01\"", "in_force = \"2002-06-01\"")
            .replace("[[issues]]\nid = \"r\"\ntitle = \"Another question\"\ndomain = \"foreign_policy\"\n", "");
        assert!(second.contains("\"p2\"") && second.contains("2002-06-01"));
        let scenario = scenario(&format!("{TWO_ISSUES}{second}"));
        let mut tracker = ClashTracker::new(&scenario, day("2002-03-01"));
        quiet(&mut tracker, "2002-09-01");
        assert_eq!(tracker.points().count(), 1);
    }
}
