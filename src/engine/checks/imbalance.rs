//! Imbalance: the structurally unbalanced triads of the signed graph, and its balance index.
//!
//! DESIGN.md defines the finding kind:
//!
//! > **imbalance** — structural balance in the signed graph (alliance edges positive, opposite
//! > positions / wars negative): unbalanced triads and a balance index, as network science
//! > reports them.
//!
//! # The signed graph on a date
//!
//! Its nodes are parties. Two parties are joined by
//!
//! * a **positive** edge (allies) when a clause of a *binding* instrument in force on the date,
//!   with modality obligation and action `defend`, `offense` or `align`, binds one of them
//!   toward the other. The bound parties default to every party of the instrument on the date
//!   and the beneficiaries to every other party; a clause's named bound parties and
//!   beneficiaries count only while they are parties on the date, as in the graph view
//!   ([`crate::graph::CommitmentGraph`]). Political instruments, permissions, prohibitions and
//!   the other actions make no alliance edge: they promise restraint or talk, not a common side.
//! * a **negative** edge (adversaries) when they are attacker and victim of a war issue whose
//!   armed attack happened on or before the date, or hold opposite stances (support against
//!   oppose) on the same issue by positions that hold on the date. An armed attack counts as a
//!   declared stance on its war issue from its day on: support for the attacker, oppose for the
//!   victim, so a third party's declared stance on a war can also make it the adversary of one
//!   belligerent.
//!
//! A pair that is both allied and adversary has **one negative edge**: an alliance broken by
//! enmity (a pact whose members go to war, or take opposite sides) no longer aligns them, and
//! reading it as positive would hide exactly the strain this check reports.
//!
//! # Balance
//!
//! A triad is a triangle of the signed graph. Under *strict* balance (Cartwright and Harary) a
//! triad is balanced if and only if it has an even number of negative edges: "the friend of my
//! friend is my friend" (none) and "the enemy of my enemy is my friend" (two). Under
//! *generalised* (weak) balance (Davis) three mutual enemies are balanced too, since they may
//! form three camps; only a triad with exactly one negative edge is unbalanced under both.
//! [`Balance`] counts the triads of each sort and the balance index, the share of strictly
//! balanced triads (Cartwright and Harary's degree of balance, restricted to cycles of
//! length three).
//!
//! A finding is reported for each triad with exactly one negative edge: a party whose two allies
//! are adversaries of each other. All-negative triads are counted in [`Balance`] but not
//! reported: nobody in them is allied to anybody, so no commitment is strained, and generalised
//! balance, the reading that suits several rival camps, holds them balanced.
//!
//! # Source in the literature
//!
//! * F. Heider, "Attitudes and cognitive organization", *Journal of Psychology* 21 (1946),
//!   107–112: the balance of triads of sentiments.
//! * D. Cartwright and F. Harary, "Structural balance: a generalization of Heider's theory",
//!   *Psychological Review* 63(5) (1956), 277–293: signed graphs, a cycle is balanced when the
//!   product of its signs is positive, and the degree of balance.
//! * J. A. Davis, "Clustering and structural balance in graphs", *Human Relations* 20(2)
//!   (1967), 181–187: generalised balance, under which only cycles with exactly one negative
//!   edge are unbalanced.
//! * T. Antal, P. L. Krapivsky and S. Redner, "Social balance on networks: the dynamics of
//!   friendship and enmity", *Physica D* 224 (2006), 130–136: the shifting alliances of the
//!   European powers before the First World War read as a signed graph moving toward balance.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{
    ClauseRef, EventRef, Finding, Kind, Link, PositionRef, Relation, Severity, Verdict, Witness,
};
use crate::model::{
    Action, Clause, Date, Event, Force, Instrument, Interval, Issue, IssueId, Modality, PartyId,
    Position, Scenario, Stance,
};

/// The stable code of this check's findings.
#[allow(
    dead_code,
    reason = "read by the check registry and the docs meta-test, once wired"
)]
pub(crate) const CODE: &str = "allegiance::imbalance";

/// The check in one line.
#[allow(
    dead_code,
    reason = "read by the check registry and the docs meta-test, once wired"
)]
pub(crate) const SUMMARY: &str = "two allies of a party are adversaries of each other";

/// The check's long documentation, in the form "What it finds / Why it matters / Example".
#[allow(
    dead_code,
    reason = "read by the check registry and the docs meta-test, once wired"
)]
pub(crate) const DOCS: &str = "\
## What it finds

Triads of parties in which one party is allied to the two others, and those two are \
adversaries: at war with each other, or holding opposite stances on the same issue. Allies \
are parties bound to defend, assist or align with one another by a binding instrument in \
force; a pair that is both allied and adversary counts as adversaries. It also reports the \
balance of the whole signed graph: how many triads there are, how many are balanced, and the \
share of balanced triads.

## Why it matters

Structural balance theory (Heider 1946; Cartwright and Harary 1956; Davis 1967) holds that \
such triads are unstable: sooner or later the party in the middle is pressed to choose, or \
the enmity or one of the alliances gives way. An imbalance is not a contradiction between \
obligations; it is where one is likely to grow, and a low balance index marks a system of \
alliances under strain.

## Example

A binding pact binds A to defend B, another binds A to defend C, and on 2024-05-01 B \
attacks C. From that day the triad A, B, C is unbalanced: A's two allies are adversaries. Had \
C attacked A instead, A–C would be negative and B–C unconnected: no triad, no finding.";

/// Structural balance of the signed graph on a date.
///
/// Strict balance (Cartwright and Harary 1956) calls a triad balanced when it has an even
/// number of negative edges; generalised balance (Davis 1967) calls only triads with exactly
/// one negative edge unbalanced. The signed graph's positive edges are binding alliance
/// clauses in force (defend, offense, align); its negative edges are wars and opposite stances.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Balance {
    /// The date the graph describes.
    pub date: Date,
    /// How many triads (triangles of the signed graph) there are.
    pub triads: usize,
    /// How many triads are balanced under strict balance: none or two of their edges negative.
    pub balanced: usize,
    /// How many triads are unbalanced under strict balance: one or three of their edges
    /// negative. Equal to `triads - balanced`.
    pub strictly_unbalanced: usize,
    /// How many triads are unbalanced under generalised balance: exactly one edge negative.
    /// These are the triads reported as findings.
    pub generally_unbalanced: usize,
    /// The balance index: `balanced / triads`, from 0 (no triad balanced) to 1 (every triad
    /// balanced); `None` when there are no triads.
    pub index: Option<f64>,
}

/// Reports, on `date`, each triad of the signed graph with exactly one negative edge, and
/// returns the balance of the whole graph.
///
/// Each finding is of kind [`Kind::Imbalance`], severity [`Severity::Low`] and verdict
/// [`Verdict::Firm`] (alliances and enmities are read as they are, with no lenient reading to
/// apply), with no way out. Its parties are the triad's three parties in id order, and it holds
/// during the one day `[date, date + 1)` (open-ended on 9999-12-31, which has no next day). Its
/// witness holds:
///
/// * the clauses that make the two positive edges, one per edge: the first in the scenario's
///   instrument and clause order (one clause when the same clause makes both), listed in that
///   order;
/// * what makes the negative edge, one reason: the first armed attack or pair of opposite
///   stances, war issues (in the order of their attacks) before the other issues (in file
///   order), and within an issue the attack before the positions (in file order). It gives the
///   event, the positions, or both when a party's position opposes a belligerent's stance;
/// * the chain `B → A` (allied), `A → C` (allied), `C → B` (adversaries) around the triangle,
///   where `A` is the party allied to both and `B` comes before `C` in id order.
///
/// Its issue is the issue behind the negative edge when that edge rests on a single issue (a
/// war and the belligerents' positions on that war's issue count as one), and `None` when the
/// two adversaries are opposed on several issues. Findings are appended to `acc` in the order
/// of their parties.
///
/// # Complexity
///
/// Building the graph costs `O(c · p² · log n)` for the alliance edges (`c` qualifying clauses
/// in force, `p` parties per instrument, like [`crate::graph::CommitmentGraph::on`]) plus
/// `O((P + Σ sᵢ · oᵢ) · log n)` for the enmity edges (`P` positions, `sᵢ` parties supporting
/// and `oᵢ` opposing issue `i`): linear in the edges it builds, the size of the signed graph.
/// Triads are listed in `O(m^1.5)` for `m` edges, by orienting each edge from the lower to the
/// higher (degree, id) end and intersecting sorted out-neighbour lists (Chiba and Nishizeki
/// 1985; Latapy 2008), never by trying every triple; a graph has at most `O(m^1.5)` triangles,
/// so this is also the bound on the output. Findings are sorted in `O(f log f)`.
pub(crate) fn run(scenario: &Scenario, date: Date, acc: &mut Vec<Finding>) -> Balance {
    let graph = Signed::on(scenario, date);
    let mut balance = Balance {
        date,
        triads: 0,
        balanced: 0,
        strictly_unbalanced: 0,
        generally_unbalanced: 0,
        index: None,
    };
    let mut found = Vec::new();
    graph.triads(|triad| {
        let negative = triad
            .iter()
            .filter(|(_, edge)| graph.edge(*edge).is_some_and(Edge::is_negative))
            .count();
        balance.triads += 1;
        if negative % 2 == 0 {
            balance.balanced += 1;
        } else {
            balance.strictly_unbalanced += 1;
        }
        if negative == 1 {
            balance.generally_unbalanced += 1;
            found.extend(graph.finding(date, triad));
        }
    });
    if balance.triads > 0 {
        // Counts of triangles stay far below 2^52, where the conversion would lose precision.
        balance.index = Some(balance.balanced as f64 / balance.triads as f64);
    }
    found.sort_by(|a, b| a.parties.cmp(&b.parties));
    acc.extend(found);
    balance
}

/// The first clause, in scenario order, that makes two parties allies.
#[derive(Clone, Copy, Debug)]
struct Ally<'a> {
    instrument: &'a Instrument,
    clause: &'a Clause,
    /// The instrument's and the clause's places in the scenario, for ordering the witness.
    order: (usize, usize),
    /// Whether the clause binds the first, and the second, of the pair's ends in id order.
    binds: [bool; 2],
}

/// A party's stance on an issue, and what declares it.
#[derive(Clone, Copy, Debug)]
enum Declared<'a> {
    /// An armed attack, which fixes the belligerents' stances on its war issue.
    Attack(&'a Event),
    /// A position, with its place in the scenario's list of positions.
    Position(usize, &'a Position),
}

/// Why two parties are adversaries: the first reason found, and whether another issue makes
/// them adversaries too.
#[derive(Clone, Copy, Debug)]
struct Enmity<'a> {
    issue: &'a IssueId,
    /// The two opposite stances, one per party (the same attack twice for a war's
    /// belligerents).
    sides: [Declared<'a>; 2],
    several_issues: bool,
}

/// One edge of the signed graph: its ends in id order, and why they are allied, adversaries,
/// or both.
#[derive(Clone, Copy, Debug)]
struct Edge<'a> {
    ends: (usize, usize),
    ally: Option<Ally<'a>>,
    enmity: Option<Enmity<'a>>,
}

impl Edge<'_> {
    /// Whether the edge is negative: enmity prevails over alliance.
    fn is_negative(&self) -> bool {
        self.enmity.is_some()
    }
}

/// A triad: its three edges, each paired with the node opposite it. For the triangle `u`,
/// `v`, `w`: `[(w, uv), (u, vw), (v, uw)]`, as `(node, edge)` pairs.
type Triad = [(usize, usize); 3];

/// The signed graph on a date, with nodes numbered in id order.
#[derive(Debug)]
struct Signed<'a> {
    scenario: &'a Scenario,
    parties: Vec<&'a PartyId>,
    edges: Vec<Edge<'a>>,
    /// For each node, its out-neighbours under the (degree, id) orientation, in node order,
    /// each with the edge that reaches it.
    out: Vec<Vec<(usize, usize)>>,
}

/// The edges under construction, keyed by their ends in id order.
type Pairs<'a> = BTreeMap<(&'a PartyId, &'a PartyId), (Option<Ally<'a>>, Option<Enmity<'a>>)>;

impl<'a> Signed<'a> {
    /// Builds the signed graph of `scenario` on `date`.
    fn on(scenario: &'a Scenario, date: Date) -> Self {
        let mut pairs = Pairs::new();
        alliances(scenario, date, &mut pairs);
        enmities(scenario, date, &mut pairs);

        let mut numbers: BTreeMap<&PartyId, usize> = BTreeMap::new();
        for (a, b) in pairs.keys() {
            numbers.insert(a, 0);
            numbers.insert(b, 0);
        }
        let parties: Vec<&PartyId> = numbers.keys().copied().collect();
        for (number, slot) in numbers.values_mut().enumerate() {
            *slot = number;
        }
        let edges: Vec<Edge<'a>> = pairs
            .into_iter()
            .filter_map(|((a, b), (ally, enmity))| {
                Some(Edge {
                    ends: (*numbers.get(a)?, *numbers.get(b)?),
                    ally,
                    enmity,
                })
            })
            .collect();

        let mut degree = vec![0_usize; parties.len()];
        for edge in &edges {
            for end in [edge.ends.0, edge.ends.1] {
                if let Some(it) = degree.get_mut(end) {
                    *it += 1;
                }
            }
        }
        let rank = |node: usize| (degree.get(node).copied().unwrap_or(0), node);
        let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); parties.len()];
        for (at, edge) in edges.iter().enumerate() {
            let (a, b) = edge.ends;
            let (low, high) = if rank(a) < rank(b) { (a, b) } else { (b, a) };
            if let Some(list) = out.get_mut(low) {
                list.push((high, at));
            }
        }
        for list in &mut out {
            list.sort_unstable();
        }
        Signed {
            scenario,
            parties,
            edges,
            out,
        }
    }

    fn edge(&self, at: usize) -> Option<&Edge<'a>> {
        self.edges.get(at)
    }

    /// Calls `each` once per triangle.
    ///
    /// Every triangle `u`, `v`, `w` with `u < v < w` in (degree, id) rank has the edges
    /// `u → v`, `u → w` and `v → w` in the orientation, so it is found exactly once: from `u`
    /// through its out-neighbour `v`, as the common out-neighbour `w` of both. A node's
    /// out-degree is at most `√(2m)`, whence `O(m^1.5)`.
    fn triads(&self, mut each: impl FnMut(Triad)) {
        for (u, from_u) in self.out.iter().enumerate() {
            for &(v, uv) in from_u {
                let Some(from_v) = self.out.get(v) else {
                    continue;
                };
                common(from_u, from_v, |w, uw, vw| {
                    each([(w, uv), (u, vw), (v, uw)])
                });
            }
        }
    }

    /// The finding of a triad with exactly one negative edge, or `None` for another triad.
    fn finding(&self, date: Date, triad: Triad) -> Option<Finding> {
        let mut negative = None;
        let mut positive = Vec::with_capacity(2);
        for (opposite, at) in triad {
            let edge = self.edge(at)?;
            match (edge.is_negative(), negative) {
                (true, None) => negative = Some((opposite, edge)),
                (true, Some(_)) => return None,
                (false, _) => positive.push(edge),
            }
        }
        let (pivot, enmity_edge) = negative?;
        let enmity = enmity_edge.enmity?;
        let (first, second) = enmity_edge.ends;
        // Each positive edge runs from the pivot to one adversary.
        let ally_of = |party: usize| {
            positive
                .iter()
                .find(|edge| edge.ends == (pivot, party) || edge.ends == (party, pivot))
                .and_then(|edge| edge.ally)
        };
        let (with_first, with_second) = (ally_of(first)?, ally_of(second)?);

        let mut allies = vec![with_first, with_second];
        allies.sort_by_key(|it| it.order);
        allies.dedup_by_key(|it| it.order);
        let chain = vec![
            self.link(first, pivot, Relation::Allied, Some(with_first), &allies)?,
            self.link(pivot, second, Relation::Allied, Some(with_second), &allies)?,
            self.link(second, first, Relation::Adversaries, None, &allies)?,
        ];

        let mut parties = vec![
            self.party(pivot)?.clone(),
            self.party(first)?.clone(),
            self.party(second)?.clone(),
        ];
        parties.sort();
        let (positions, events) = evidence(self.scenario, &enmity);
        Some(Finding {
            kind: Kind::Imbalance,
            severity: Severity::Low,
            parties,
            issue: (!enmity.several_issues).then(|| enmity.issue.clone()),
            during: Interval::new(Some(date), date.next_day()),
            witness: Witness {
                clauses: allies.into_iter().map(quote).collect(),
                positions,
                events,
                chain,
            },
            also: Vec::new(),
            verdict: Verdict::Firm,
            way_out: None,
            prevails: Vec::new(),
        })
    }

    fn party(&self, node: usize) -> Option<&'a PartyId> {
        self.parties.get(node).copied()
    }

    /// The link from `from` to `to`, with the alliance behind it (an index into `allies`, the
    /// witness's clauses) and the parties its clause binds, in id order.
    fn link(
        &self,
        from: usize,
        to: usize,
        relation: Relation,
        ally: Option<Ally<'a>>,
        allies: &[Ally<'a>],
    ) -> Option<Link> {
        let mut bound = Vec::new();
        if let Some(ally) = ally {
            let mut ends = [from, to];
            ends.sort_unstable();
            for (end, binds) in ends.into_iter().zip(ally.binds) {
                if binds {
                    bound.push(self.party(end)?.clone());
                }
            }
        }
        Some(Link {
            from: self.party(from)?.clone(),
            to: self.party(to)?.clone(),
            relation,
            clause: ally.and_then(|ally| allies.iter().position(|it| it.order == ally.order)),
            bound,
        })
    }
}

/// Adds a positive mark to the pairs that a binding alliance clause in force on `date` joins,
/// keeping the first such clause of each pair in (instrument id, label) order.
fn alliances<'a>(scenario: &'a Scenario, date: Date, pairs: &mut Pairs<'a>) {
    // Id order, not file order, so that the report does not depend on the file's order.
    let mut instruments: Vec<&Instrument> = scenario.instruments().iter().collect();
    instruments.sort_by(|a, b| a.id.cmp(&b.id));
    for (instrument_at, instrument) in instruments.into_iter().enumerate() {
        if instrument.force != Force::Binding {
            continue;
        }
        let parties = scenario.parties_of(instrument, date);
        if parties.is_empty() {
            continue;
        }
        let mut clauses: Vec<&Clause> = instrument.clauses.iter().collect();
        clauses.sort_by(|a, b| a.label.cmp(&b.label));
        for (clause_at, clause) in clauses.into_iter().enumerate() {
            if !is_alliance(clause) {
                continue;
            }
            let beneficiaries = pick(&parties, clause.beneficiaries.as_deref());
            for bound in pick(&parties, clause.bound.as_deref()) {
                for &beneficiary in &beneficiaries {
                    if bound == beneficiary {
                        continue;
                    }
                    let ends = ordered(bound, beneficiary);
                    let (ally, _) = pairs.entry(ends).or_default();
                    let first = ally.get_or_insert(Ally {
                        instrument,
                        clause,
                        order: (instrument_at, clause_at),
                        binds: [false; 2],
                    });
                    // Only the first clause speaks for the pair; it may bind either end or both.
                    if first.order == (instrument_at, clause_at) {
                        let end = usize::from(ends.0 != bound);
                        if let Some(it) = first.binds.get_mut(end) {
                            *it = true;
                        }
                    }
                }
            }
        }
    }
}

/// Whether a clause makes its parties allies: an obligation to defend, to assist in offense,
/// or to align.
fn is_alliance(clause: &Clause) -> bool {
    clause.norm.modality == Modality::Obligation
        && matches!(
            clause.norm.action,
            Action::Defend | Action::Offense | Action::Align
        )
}

/// The named parties that are parties on the date, or all of them when none are named (as the
/// graph view picks them).
fn pick<'a>(parties: &[&'a PartyId], named: Option<&'a [PartyId]>) -> Vec<&'a PartyId> {
    match named {
        None => parties.to_vec(),
        Some(named) => named.iter().filter(|it| parties.contains(it)).collect(),
    }
}

/// Adds a negative mark to the pairs that hold opposite stances on `date`, keeping the first
/// reason of each pair: war issues first, in the order of their attacks, then the other issues
/// in id order; within an issue, the attack before the positions, in (party, issue, date)
/// order.
fn enmities<'a>(scenario: &'a Scenario, date: Date, pairs: &mut Pairs<'a>) {
    let mut declared: BTreeMap<&IssueId, Vec<(usize, &Position)>> = BTreeMap::new();
    // Id order, not file order, so that the report does not depend on the file's order.
    let mut positions: Vec<&Position> = scenario.positions().iter().collect();
    positions.sort_by(|a, b| {
        let order = crate::engine::snapshot::position_order;
        order(a).cmp(&order(b))
    });
    for (at, position) in positions.into_iter().enumerate() {
        if position.during.contains(date) {
            declared
                .entry(&position.issue)
                .or_default()
                .push((at, position));
        }
    }
    let (mut wars, mut others): (Vec<&Issue>, Vec<&Issue>) =
        scenario.issues().iter().partition(|it| it.war.is_some());
    let attack_date = |issue: &Issue| {
        let event = issue.war.as_ref().and_then(|it| scenario.event(&it.event));
        event.map(|it| (it.date, &it.id))
    };
    wars.sort_by(|a, b| (attack_date(a), &a.id).cmp(&(attack_date(b), &b.id)));
    others.sort_by(|a, b| a.id.cmp(&b.id));
    for issue in wars.into_iter().chain(others) {
        // Each party's first declared support and first declared opposition.
        let mut stances: BTreeMap<&PartyId, [Option<Declared<'a>>; 2]> = BTreeMap::new();
        let mut declare = |party: &'a PartyId, stance: Stance, by: Declared<'a>| {
            let side = match stance {
                Stance::Support => 0,
                Stance::Oppose => 1,
                Stance::Neutral => return,
            };
            if let Some(slot) = stances.entry(party).or_default().get_mut(side) {
                slot.get_or_insert(by);
            }
        };
        if let Some(war) = &issue.war
            && let Some(attack) = scenario.event(&war.event)
            && attack.date <= date
        {
            declare(&war.attacker, Stance::Support, Declared::Attack(attack));
            declare(&war.victim, Stance::Oppose, Declared::Attack(attack));
        }
        for &(at, position) in declared.get(&issue.id).into_iter().flatten() {
            declare(
                &position.party,
                position.stance,
                Declared::Position(at, position),
            );
        }
        let side = |wanted: usize| {
            stances
                .iter()
                .filter_map(move |(party, sides)| Some((*party, sides.get(wanted).copied()??)))
        };
        for (supporter, support) in side(0) {
            for (opponent, opposition) in side(1) {
                if supporter == opponent {
                    continue;
                }
                let (_, enmity) = pairs.entry(ordered(supporter, opponent)).or_default();
                match enmity {
                    None => {
                        *enmity = Some(Enmity {
                            issue: &issue.id,
                            sides: [support, opposition],
                            several_issues: false,
                        });
                    }
                    Some(it) if it.issue != &issue.id => it.several_issues = true,
                    Some(_) => {}
                }
            }
        }
    }
}

/// The two parties in id order.
fn ordered<'a>(a: &'a PartyId, b: &'a PartyId) -> (&'a PartyId, &'a PartyId) {
    match a.cmp(b) {
        Ordering::Greater => (b, a),
        Ordering::Less | Ordering::Equal => (a, b),
    }
}

/// Calls `each(w, uw, vw)` for every node `w` in both sorted lists, with its edge in each.
fn common(
    from_u: &[(usize, usize)],
    from_v: &[(usize, usize)],
    mut each: impl FnMut(usize, usize, usize),
) {
    let (mut us, mut vs) = (from_u.iter().peekable(), from_v.iter().peekable());
    while let (Some(&&(x, ux)), Some(&&(y, vy))) = (us.peek(), vs.peek()) {
        match x.cmp(&y) {
            Ordering::Less => {
                us.next();
            }
            Ordering::Greater => {
                vs.next();
            }
            Ordering::Equal => {
                each(x, ux, vy);
                us.next();
                vs.next();
            }
        }
    }
}

/// The positions (in file order) and the events (by date and id) behind an enmity.
fn evidence(scenario: &Scenario, enmity: &Enmity<'_>) -> (Vec<PositionRef>, Vec<EventRef>) {
    let mut positions: Vec<(usize, PositionRef)> = Vec::new();
    let mut events: Vec<EventRef> = Vec::new();
    for side in enmity.sides {
        match side {
            Declared::Attack(event) => {
                events.push(crate::engine::draft::event_ref_of(scenario, event));
            }
            Declared::Position(at, position) => positions.push((
                at,
                PositionRef {
                    party: position.party.clone(),
                    issue: position.issue.clone(),
                    stance: position.stance,
                    since: position.during.start,
                    citation: position.source.citation.clone(),
                },
            )),
        }
    }
    positions.sort_by_key(|(at, _)| *at);
    positions.dedup_by_key(|(at, _)| *at);
    events.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    events.dedup_by(|a, b| a.id == b.id);
    (positions.into_iter().map(|(_, it)| it).collect(), events)
}

/// The clause behind an alliance, quoted.
fn quote(ally: Ally<'_>) -> ClauseRef {
    ClauseRef {
        instrument: ally.instrument.id.clone(),
        label: ally.clause.label.clone(),
        instrument_name: ally.instrument.name.to_string(),
        force: ally.instrument.force,
        text: ally.clause.text.to_string(),
        translation: ally.clause.translation.as_deref().map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::from_toml_str;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn party(id: &str) -> PartyId {
        id.parse().unwrap()
    }

    /// Loads three states `A`, `B`, `C` followed by `rest`, and runs the check on `on`.
    fn check(rest: &str, on: &str) -> (Balance, Vec<Finding>) {
        let text = format!("{PARTIES}\n{rest}");
        let scenario = match from_toml_str(&text) {
            Ok(it) => it,
            Err(errors) => panic!("the fixture does not load: {errors:#?}"),
        };
        let mut found = Vec::new();
        let balance = run(&scenario, date(on), &mut found);
        (balance, found)
    }

    const PARTIES: &str = r#"
[[parties]]
id = "A"
name = "Aland"
kind = "state"

[[parties]]
id = "B"
name = "Bland"
kind = "state"

[[parties]]
id = "C"
name = "Cland"
kind = "state"
"#;

    /// A pact by which each of `first` and `second` must defend the other.
    fn pact(id: &str, force: &str, first: &str, second: &str) -> String {
        format!(
            r#"
[[instruments]]
id = "{id}"
name = "Pact {id}"
kind = "treaty"
force = "{force}"
form = "bilateral"
parties = ["{first}", "{second}"]
signed = "2024-01-01"
source = "Invented"

[[instruments.clauses]]
label = "art. 1"
text = "Each Party shall assist the other if it is attacked."
modality = "obligation"
action = "defend"
"#
        )
    }

    /// `attacker` attacks `victim` on 2024-05-01, making the war issue `war-{id}`.
    fn attack(id: &str, attacker: &str, victim: &str) -> String {
        format!(
            r#"
[[events]]
id = "{id}"
kind = "armed_attack"
date = "2024-05-01"
attacker = "{attacker}"
victim = "{victim}"
issue = "war-{id}"
source = "Invented"
"#
        )
    }

    /// `party` declares `stance` on the issue `gas` from 2024-03-01.
    fn position(party: &str, stance: &str) -> String {
        stance_on("gas", party, stance)
    }

    /// `party` declares `stance` on `issue` from 2024-03-01.
    fn stance_on(issue: &str, party: &str, stance: &str) -> String {
        format!(
            r#"
[[positions]]
party = "{party}"
issue = "{issue}"
stance = "{stance}"
since = "2024-03-01"
source = "Statement of {party}"
"#
        )
    }

    const GAS: &str = r#"
[[issues]]
id = "gas"
title = "Gas supply"
domain = "economy"
"#;

    fn counts(balance: &Balance) -> (usize, usize, usize, usize, Option<f64>) {
        (
            balance.triads,
            balance.balanced,
            balance.strictly_unbalanced,
            balance.generally_unbalanced,
            balance.index,
        )
    }

    #[test]
    fn two_allies_at_war_make_one_unbalanced_triad() {
        let rest = [
            pact("ab", "binding", "A", "B"),
            pact("ac", "binding", "A", "C"),
            attack("strike", "B", "C"),
        ]
        .concat();
        let (balance, found) = check(&rest, "2024-06-01");
        // A is allied to B and to C, and B attacked C: the only triangle has one negative
        // edge, unbalanced under both definitions, so the index is 0/1.
        assert_eq!(counts(&balance), (1, 0, 1, 1, Some(0.0)));
        assert_eq!(balance.date, date("2024-06-01"));
        let [finding] = found.as_slice() else {
            panic!("expected one finding, got {found:#?}");
        };
        assert_eq!(finding.kind, Kind::Imbalance);
        assert_eq!(finding.severity, Severity::Low);
        assert_eq!(finding.verdict, Verdict::Firm);
        assert_eq!(finding.way_out, None);
        assert_eq!(finding.parties, vec![party("A"), party("B"), party("C")]);
        // The war alone makes B and C adversaries, so its issue is the finding's.
        assert_eq!(finding.issue, Some("war-strike".parse().unwrap()));
        assert_eq!(
            finding.during,
            Interval::new(Some(date("2024-06-01")), Some(date("2024-06-02")))
        );
        // One clause per positive edge, in instrument order; the attack is the negative edge.
        let clauses: Vec<_> = finding
            .witness
            .clauses
            .iter()
            .map(|it| it.instrument.as_str())
            .collect();
        assert_eq!(clauses, ["ab", "ac"]);
        assert!(finding.witness.positions.is_empty());
        let events: Vec<_> = finding
            .witness
            .events
            .iter()
            .map(|it| it.id.as_str())
            .collect();
        assert_eq!(events, ["strike"]);
        assert_eq!(finding.witness.events[0].summary, "Bland attacks Cland");
        // Around the triangle: B and A allied (pact ab, binding both), A and C allied (pact
        // ac, binding both), C and B adversaries (no clause, nobody bound).
        assert_eq!(
            chain(finding),
            [
                ("B", "A", Relation::Allied, Some(0), vec!["A", "B"]),
                ("A", "C", Relation::Allied, Some(1), vec!["A", "C"]),
                ("C", "B", Relation::Adversaries, None, vec![]),
            ]
        );
        assert!(finding.also.is_empty());
    }

    /// One link of a chain, in a form easy to compare: from, to, relation, clause, bound.
    type Step<'a> = (&'a str, &'a str, Relation, Option<usize>, Vec<&'a str>);

    /// A finding's chain, in a form easy to compare.
    fn chain(finding: &Finding) -> Vec<Step<'_>> {
        finding
            .witness
            .chain
            .iter()
            .map(|it| {
                let bound = it.bound.iter().map(PartyId::as_str).collect();
                (
                    it.from.as_str(),
                    it.to.as_str(),
                    it.relation,
                    it.clause,
                    bound,
                )
            })
            .collect()
    }

    #[test]
    fn a_one_sided_guarantee_binds_only_the_guarantor() {
        let guarantee = r#"
[[instruments]]
id = "guarantee"
name = "Guarantee"
kind = "treaty"
force = "binding"
form = "multilateral"
parties = ["A", "B", "C"]
signed = "2024-01-01"
source = "Invented"

[[instruments.clauses]]
label = "art. 1"
text = "A shall assist B and C if either is attacked."
modality = "obligation"
action = "defend"
bound = ["A"]
"#;
        let rest = format!("{guarantee}{}", attack("strike", "B", "C"));
        // Only A is bound, toward B and toward C: both alliance edges exist and the one clause
        // makes both, binding A alone; B and C are not allied to each other by it, and are at
        // war. One unbalanced triad.
        let (balance, found) = check(&rest, "2024-06-01");
        assert_eq!(counts(&balance), (1, 0, 1, 1, Some(0.0)));
        let [finding] = found.as_slice() else {
            panic!("expected one finding, got {found:#?}");
        };
        assert_eq!(finding.witness.clauses.len(), 1);
        assert_eq!(
            chain(finding),
            [
                ("B", "A", Relation::Allied, Some(0), vec!["A"]),
                ("A", "C", Relation::Allied, Some(0), vec!["A"]),
                ("C", "B", Relation::Adversaries, None, vec![]),
            ]
        );
    }

    #[test]
    fn before_the_attack_there_is_no_triad() {
        let rest = [
            pact("ab", "binding", "A", "B"),
            pact("ac", "binding", "A", "C"),
            attack("strike", "B", "C"),
        ]
        .concat();
        // The day before the attack B and C are not yet adversaries: two edges, no triangle,
        // so no index.
        let (balance, found) = check(&rest, "2024-04-30");
        assert_eq!(counts(&balance), (0, 0, 0, 0, None));
        assert!(found.is_empty());
    }

    #[test]
    fn political_pacts_make_no_alliance() {
        let rest = [
            pact("ab", "political", "A", "B"),
            pact("ac", "political", "A", "C"),
            attack("strike", "B", "C"),
        ]
        .concat();
        // Political instruments make no positive edge: the only edge is B–C, no triangle.
        let (balance, found) = check(&rest, "2024-06-01");
        assert_eq!(counts(&balance), (0, 0, 0, 0, None));
        assert!(found.is_empty());
    }

    #[test]
    fn opposite_positions_of_two_allies_unbalance_the_triad() {
        let rest = [
            pact("ab", "binding", "A", "B"),
            pact("ac", "binding", "A", "C"),
            GAS.to_owned(),
            position("B", "support"),
            position("C", "oppose"),
        ]
        .concat();
        // B supports and C opposes the same issue: the same unbalanced triad as with a war.
        let (balance, found) = check(&rest, "2024-06-01");
        assert_eq!(counts(&balance), (1, 0, 1, 1, Some(0.0)));
        let [finding] = found.as_slice() else {
            panic!("expected one finding, got {found:#?}");
        };
        assert_eq!(finding.parties, vec![party("A"), party("B"), party("C")]);
        assert_eq!(finding.issue, Some("gas".parse().unwrap()));
        // The negative edge is the pair of positions, in file order; no event.
        let positions: Vec<_> = finding
            .witness
            .positions
            .iter()
            .map(|it| (it.party.as_str(), it.stance, it.citation.as_str()))
            .collect();
        assert_eq!(
            positions,
            [
                ("B", Stance::Support, "Statement of B"),
                ("C", Stance::Oppose, "Statement of C")
            ]
        );
        assert!(finding.witness.events.is_empty());
        assert_eq!(finding.witness.clauses.len(), 2);
    }

    /// `B` declares `stance` on the war issue of the attack `strike` from 2024-05-02.
    fn on_the_war(stance: &str) -> String {
        format!(
            r#"
[[positions]]
party = "B"
issue = "war-strike"
stance = "{stance}"
since = "2024-05-02"
source = "Statement of B"
"#
        )
    }

    #[test]
    fn opposing_a_belligerents_war_makes_its_adversary() {
        let fourth = "\n[[parties]]\nid = \"D\"\nname = \"Dland\"\nkind = \"state\"\n";
        let rest = [
            fourth.to_owned(),
            pact("ab", "binding", "A", "B"),
            pact("ac", "binding", "A", "C"),
            attack("strike", "C", "D"),
            on_the_war("oppose"),
        ]
        .concat();
        // C attacked D, so C supports its war by the act; B opposes that war, so B and C are
        // adversaries, while A is allied to both: one unbalanced triad, witnessed by the attack
        // and B's position together. C–D is negative and B–D has no edge (both oppose): no
        // other triangle.
        let (balance, found) = check(&rest, "2024-06-01");
        assert_eq!(counts(&balance), (1, 0, 1, 1, Some(0.0)));
        let [finding] = found.as_slice() else {
            panic!("expected one finding, got {found:#?}");
        };
        assert_eq!(finding.parties, vec![party("A"), party("B"), party("C")]);
        assert_eq!(finding.issue, Some("war-strike".parse().unwrap()));
        let events: Vec<_> = finding
            .witness
            .events
            .iter()
            .map(|it| it.id.as_str())
            .collect();
        assert_eq!(events, ["strike"]);
        let positions: Vec<_> = finding
            .witness
            .positions
            .iter()
            .map(|it| (it.party.as_str(), it.stance))
            .collect();
        assert_eq!(positions, [("B", Stance::Oppose)]);
    }

    #[test]
    fn the_enemy_of_my_enemy_is_balanced() {
        let rest = [
            pact("ab", "binding", "A", "B"),
            pact("ac", "binding", "A", "C"),
            attack("strike", "C", "A"),
            on_the_war("oppose"),
        ]
        .concat();
        // C attacked its ally A, which makes A–C negative despite their pact; B opposes C's
        // war, which makes B–C negative; A–B stays positive. Two negative edges: balanced under
        // both definitions, index 1/1, nothing to report.
        let (balance, found) = check(&rest, "2024-06-01");
        assert_eq!(counts(&balance), (1, 1, 0, 0, Some(1.0)));
        assert!(found.is_empty());
    }

    #[test]
    fn allies_who_agree_are_balanced() {
        let rest = [
            pact("ab", "binding", "A", "B"),
            pact("ac", "binding", "A", "C"),
            pact("bc", "binding", "B", "C"),
            GAS.to_owned(),
            position("A", "support"),
            position("B", "support"),
            position("C", "support"),
        ]
        .concat();
        // Three positive edges and no opposite stances: the triad is balanced, index 1/1.
        let (balance, found) = check(&rest, "2024-06-01");
        assert_eq!(counts(&balance), (1, 1, 0, 0, Some(1.0)));
        assert!(found.is_empty());
    }

    #[test]
    fn three_mutual_enemies_are_unbalanced_only_strictly() {
        let rest = [
            attack("one", "A", "B"),
            attack("two", "B", "C"),
            attack("three", "C", "A"),
        ]
        .concat();
        // Three negative edges: odd, so strictly unbalanced; not exactly one, so balanced under
        // generalised balance, and not reported since no alliance is strained.
        let (balance, found) = check(&rest, "2024-06-01");
        assert_eq!(counts(&balance), (1, 0, 1, 0, Some(0.0)));
        assert!(found.is_empty());
    }

    #[test]
    fn an_alliance_broken_by_war_counts_as_enmity() {
        let rest = format!(
            r#"
[[instruments]]
id = "league"
name = "League"
kind = "treaty"
force = "binding"
form = "multilateral"
parties = ["A", "B", "C"]
signed = "2024-01-01"
source = "Invented"

[[instruments.clauses]]
label = "art. 5"
text = "An attack on one shall be considered an attack on all."
modality = "obligation"
action = "defend"
{}"#,
            attack("strike", "B", "C")
        );
        // One clause makes all three pairs allies, but B attacked C: B–C is negative, so the
        // triad has one negative edge and is reported; its single clause makes both positive
        // edges and is quoted once.
        let (balance, found) = check(&rest, "2024-06-01");
        assert_eq!(counts(&balance), (1, 0, 1, 1, Some(0.0)));
        let [finding] = found.as_slice() else {
            panic!("expected one finding, got {found:#?}");
        };
        assert_eq!(finding.witness.clauses.len(), 1);
        let clauses: Vec<_> = finding.witness.chain.iter().map(|it| it.clause).collect();
        assert_eq!(clauses, [Some(0), Some(0), None]);
    }

    #[test]
    fn enmity_on_several_issues_names_no_issue() {
        let rest = [
            pact("ab", "binding", "A", "B"),
            pact("ac", "binding", "A", "C"),
            attack("strike", "B", "C"),
            GAS.to_owned(),
            position("B", "oppose"),
            position("C", "support"),
        ]
        .concat();
        // B and C are adversaries by war and on gas: the finding names no single issue, and
        // its witness gives the war, which comes first.
        let (_, found) = check(&rest, "2024-06-01");
        let [finding] = found.as_slice() else {
            panic!("expected one finding, got {found:#?}");
        };
        assert_eq!(finding.issue, None);
        assert_eq!(finding.witness.events.len(), 1);
        assert!(finding.witness.positions.is_empty());
    }

    /// Every triple of `graph`'s nodes, tried one by one: the slow reference for `triads`.
    fn brute_force(graph: &Signed<'_>) -> BTreeMap<[usize; 3], usize> {
        let sign = |a: usize, b: usize| {
            graph
                .edges
                .iter()
                .find(|it| it.ends == (a.min(b), a.max(b)))
                .map(Edge::is_negative)
        };
        let n = graph.parties.len();
        let mut triads = BTreeMap::new();
        for a in 0..n {
            for b in a + 1..n {
                for c in b + 1..n {
                    if let (Some(ab), Some(bc), Some(ac)) = (sign(a, b), sign(b, c), sign(a, c)) {
                        let negative = [ab, bc, ac].iter().filter(|it| **it).count();
                        triads.insert([a, b, c], negative);
                    }
                }
            }
        }
        triads
    }

    #[test]
    fn triads_agree_with_trying_every_triple() {
        // Twelve parties: the first eight are members of an organisation whose charter binds
        // them to defend each other; a binding pact binds P04 to P11 to align; a political pact
        // binds P00 and P11 (no edge). On gas, parties declare by parity, a third stay silent;
        // on oil, P00 to P02 support and P09 to P11 oppose; P03 attacks P05. Triads of every
        // sign result.
        let mut text = String::new();
        for at in 0..12 {
            text.push_str(&format!(
                "[[parties]]\nid = \"P{at:02}\"\nname = \"P{at}\"\nkind = \"state\"\n\n"
            ));
        }
        text.push_str("[[parties]]\nid = \"ORG\"\nname = \"Org\"\nkind = \"organisation\"\n");
        let members: Vec<String> = (0..8)
            .map(|at| format!("{{ party = \"P{at:02}\" }}"))
            .collect();
        text.push_str(&format!("members = [{}]\n", members.join(", ")));
        text.push_str(GAS);
        text.push_str("\n[[issues]]\nid = \"oil\"\ntitle = \"Oil\"\ndomain = \"economy\"\n");
        let listed: Vec<String> = (4..12).map(|at| format!("\"P{at:02}\"")).collect();
        text.push_str(&format!(
            r#"
[[instruments]]
id = "org-charter"
name = "Charter"
kind = "charter"
force = "binding"
form = "multilateral"
members_of = "ORG"
signed = "2024-01-01"
source = "Invented"

[[instruments.clauses]]
label = "art. 1"
text = "Members shall assist each other."
modality = "obligation"
action = "defend"

[[instruments]]
id = "entente"
name = "Entente"
kind = "treaty"
force = "binding"
form = "multilateral"
parties = [{}]
signed = "2024-01-01"
source = "Invented"

[[instruments.clauses]]
label = "art. 1"
text = "The Parties shall coordinate their positions."
modality = "obligation"
action = "align"
reading = "loose"
"#,
            listed.join(", ")
        ));
        text.push_str(&pact("talk", "political", "P00", "P11"));
        for at in (0..12).filter(|at| at % 3 != 0) {
            let stance = if at % 2 == 0 { "support" } else { "oppose" };
            text.push_str(&position(&format!("P{at:02}"), stance));
        }
        for at in 0..3 {
            text.push_str(&stance_on("oil", &format!("P{at:02}"), "support"));
            text.push_str(&stance_on("oil", &format!("P{:02}", at + 9), "oppose"));
        }
        text.push_str(&attack("strike", "P03", "P05"));
        let scenario = from_toml_str(&text).unwrap();
        let graph = Signed::on(&scenario, date("2024-06-01"));
        let mut listed = BTreeMap::new();
        graph.triads(|triad| {
            let mut nodes = triad.map(|(node, _)| node);
            nodes.sort_unstable();
            let negative = triad
                .iter()
                .filter(|(_, edge)| graph.edge(*edge).is_some_and(Edge::is_negative))
                .count();
            assert!(
                listed.insert(nodes, negative).is_none(),
                "{nodes:?} listed twice"
            );
        });
        let expected = brute_force(&graph);
        assert_eq!(listed, expected);
        for negative in 0..=3 {
            assert!(
                expected.values().any(|it| *it == negative),
                "no triad with {negative} negative edges"
            );
        }

        let mut found = Vec::new();
        let balance = run(&scenario, date("2024-06-01"), &mut found);
        let ones = expected.values().filter(|it| **it == 1).count();
        let even = expected.values().filter(|it| **it % 2 == 0).count();
        assert_eq!(balance.triads, expected.len());
        assert_eq!(balance.balanced, even);
        assert_eq!(balance.strictly_unbalanced, expected.len() - even);
        assert_eq!(balance.generally_unbalanced, ones);
        assert_eq!(found.len(), ones);
        // Findings come sorted by parties, each a distinct triad; every witness has the two
        // alliance links and the enmity link, and quotes no political instrument.
        assert!(found.windows(2).all(|it| it[0].parties < it[1].parties));
        for finding in &found {
            let relations: Vec<_> = finding.witness.chain.iter().map(|it| it.relation).collect();
            assert_eq!(
                relations,
                [Relation::Allied, Relation::Allied, Relation::Adversaries]
            );
            assert!(
                finding
                    .witness
                    .clauses
                    .iter()
                    .all(|it| it.force == Force::Binding)
            );
        }
    }

    #[test]
    fn docs_have_the_three_headings() {
        assert_eq!(CODE, Kind::Imbalance.code());
        assert!(!SUMMARY.is_empty());
        for heading in ["## What it finds", "## Why it matters", "## Example"] {
            assert!(DOCS.contains(heading), "{heading}");
        }
    }
}
