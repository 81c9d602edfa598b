//! The latent scan: for every ordered pair of parties, if the first attacked the second,
//! which third parties would face obligations they cannot all keep?
//!
//! It is the question alliance planners ask before a crisis, and it must run on a world-sized
//! scenario, so it never re-runs the full check per pair. The date's view (who binds whom,
//! strict-alignment components) is built once; each hypothetical attack then only touches
//! the clauses toward its two principals and the components they belong to, exactly as the
//! check of a real war issue would (see `engine::issue`), and a pair whose principals no
//! clause reaches is skipped outright.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::engine::constraint::{Item, Node, Val};
use crate::engine::issue;
use crate::engine::norms::{self, Declared, IssueView};
use crate::engine::snapshot::{Snapshot, WarOn};
use crate::finding::{EventRef, Finding, Kind};
use crate::model::{Action, Date, Domain, IssueId, PartyId, PartyKind, Scenario};

/// The rank that stands for the hypothetical attack among the events.
pub(crate) const HYPOTHETICAL: u32 = u32::MAX;

/// What the latent scan found on a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Latent {
    /// The date scanned.
    pub date: Date,
    /// Each hypothetical attack that would put a third party in contradiction, in (attacker,
    /// victim) id order.
    pub exposures: Vec<Exposure>,
    /// The parties that would face a contradiction, with the number of hypothetical attacks
    /// that would cause one: most exposed first, then by id.
    pub most_exposed: Vec<(PartyId, usize)>,
    /// The hypothetical attacks (attacker, victim), with the number of third parties they
    /// would put in contradiction: most dangerous first, then by ids.
    pub most_dangerous: Vec<(PartyId, PartyId, usize)>,
}

/// The third parties one hypothetical attack would put in contradiction.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Exposure {
    /// Who would attack.
    pub attacker: PartyId,
    /// Who would be attacked.
    pub victim: PartyId,
    /// The contradictions third parties would face on the war issue, with their witnesses;
    /// the issue is named `<attacker>-attacks-<victim>`, the attack is the event
    /// `hypothetical`.
    pub findings: Vec<Finding>,
}

/// Scans every ordered pair of parties (states and entities; organisations do not attack):
/// if the first attacked the second on `date`, which third parties would face obligations
/// that contradict each other?
///
/// The war issue of a hypothetical attack is a security issue on which no one has declared a
/// position; provocation is unknown. A finding is kept when it is a contradiction (conflict,
/// or tension through a political instrument) about third parties only: the attacker's own
/// breaches are its own acts, not a planner's dilemma.
///
/// # Complexity
///
/// `O(n log n)` for the date's view, then for each of the `p²` ordered pairs `O(1)` when no
/// clause reaches either principal or joins their components, and otherwise
/// `O((d_x + d_y) log n)` for the `d` clauses toward the two principals, plus the cost of
/// each finding's witness: `O(n log n + p² + Σ (d_x + d_y) log n)` in all, never a full
/// check per pair.
pub fn latent(scenario: &Scenario, date: Date) -> Latent {
    let snapshot = Snapshot::new(scenario, date);
    let Some(graph) = snapshot.domain(Domain::Security) else {
        return summarise(date, Vec::new());
    };
    let belligerents: Vec<Node> = scenario
        .parties()
        .iter()
        .filter(|it| !matches!(it.kind, PartyKind::Organisation { .. }) && it.exists.contains(date))
        .filter_map(|it| snapshot.node(&it.id))
        .collect();
    let reach = Reach::of(&snapshot, graph);
    let mut sorted = belligerents;
    sorted.sort_unstable();
    let mut exposures = Vec::new();
    for &attacker in &sorted {
        for &victim in &sorted {
            if attacker != victim
                && reach.may_clash(attacker, victim)
                && let Some(exposure) = scan(&snapshot, attacker, victim)
            {
                exposures.push(exposure);
            }
        }
    }
    summarise(date, exposures)
}

/// What an attack by, or on, each party would reach, side by side.
///
/// One side of a war gives definite stances (support on the attacker's side, oppose on the
/// victim's) to the components of the parties that fight on it, and exclusions to the
/// components of the parties bound not to harm its principal; it binds the parties neutral
/// toward its principal not to fight on the other side, and the non-aggression partners of
/// its fighters not to fight them. Every constraint of one side points the same way, so a
/// third party can only be caught where the two sides meet (the same component, two loosely
/// aligned components, a fighter of one side bound to a fighter, or neutral toward the
/// principal, of the other), or where one party holds two duties toward the same principal
/// (an obligation and a prohibition to assist it). A pair whose sides do not meet is
/// skipped, exactly: the property tests check the scan against the full check.
#[derive(Debug)]
struct Reach {
    attack: Vec<Side>,
    defence: Vec<Side>,
    /// How many parties each component holds, by its representative.
    sizes: Vec<usize>,
}

/// What one side of a war reaches. Every list is sorted.
#[derive(Debug, Default)]
struct Side {
    /// The components that get this side's stance (its fighters').
    values: Vec<Node>,
    /// The components loosely aligned with those.
    near: Vec<Node>,
    /// The components barred from the other side's stance (no harm to this principal).
    barred: Vec<Node>,
    /// The parties that fight on this side.
    fighters: Vec<Node>,
    /// Their partners in non-aggression.
    partners: Vec<Node>,
    /// The parties bound not to fight on the other side.
    neutral: Vec<Node>,
    /// A party with two duties toward this principal.
    twice: bool,
}

impl Reach {
    /// One pass over the clauses toward each party.
    fn of(snapshot: &Snapshot<'_>, graph: &crate::engine::snapshot::DomainGraph) -> Reach {
        let count = snapshot.parties.len();
        let mut sizes = vec![0; count];
        for root in &graph.root {
            if let Some(size) = sizes.get_mut(*root as usize) {
                *size += 1;
            }
        }
        let sides = |attacking: bool| {
            (0..count)
                .map(|node| {
                    Node::try_from(node)
                        .map(|it| side(snapshot, graph, it, attacking))
                        .unwrap_or_default()
                })
                .collect()
        };
        Reach {
            attack: sides(true),
            defence: sides(false),
            sizes,
        }
    }

    /// Whether a third party could be caught if `attacker` attacked `victim`.
    fn may_clash(&self, attacker: Node, victim: Node) -> bool {
        let (Some(attack), Some(defence)) = (
            self.attack.get(attacker as usize),
            self.defence.get(victim as usize),
        ) else {
            return false;
        };
        // A principal alone in its component carries its stance to no third party.
        let third = |it: Node| {
            (it != attacker && it != victim)
                || self.sizes.get(it as usize).is_some_and(|size| *size > 1)
        };
        let any = |_: Node| true;
        attack.twice
            || defence.twice
            || meet(&attack.values, &defence.values, third)
            || meet(&attack.values, &defence.near, any)
            || meet(&attack.near, &defence.values, any)
            || meet(&attack.values, &defence.barred, third)
            || meet(&attack.barred, &defence.values, third)
            || meet(&attack.fighters, &defence.partners, any)
            || meet(&attack.partners, &defence.fighters, any)
            || meet(&attack.fighters, &defence.neutral, any)
            || meet(&attack.neutral, &defence.fighters, any)
    }
}

/// What an attack by `principal` (`attacking`) or on it reaches.
fn side(
    snapshot: &Snapshot<'_>,
    graph: &crate::engine::snapshot::DomainGraph,
    principal: Node,
    attacking: bool,
) -> Side {
    let root = |node: Node| graph.root_of(node);
    let mut side = Side {
        fighters: vec![principal],
        ..Side::default()
    };
    let mut duties = Vec::new();
    // Each list below gets pushes from one kind of list only, so reading the duties before
    // the non-aggressions keeps the order of each.
    let duties_toward = snapshot.duties_toward.get(principal as usize);
    let pacts_toward = snapshot.non_aggression_toward.get(principal as usize);
    for at in duties_toward
        .into_iter()
        .flatten()
        .chain(pacts_toward.into_iter().flatten())
    {
        let Some(group) = snapshot.group(*at) else {
            continue;
        };
        let Some((_, clause)) = snapshot.clause(group.clause) else {
            continue;
        };
        if !norms::constrains(clause) || !clause.norm.scope.covers(Domain::Security) {
            continue;
        }
        let obliged = clause.norm.modality == crate::model::Modality::Obligation;
        for (bound, _) in group.toward(principal) {
            match clause.norm.action {
                Action::Defend | Action::Offense => {
                    duties.push(bound);
                    let assists = (clause.norm.action == Action::Defend) != attacking;
                    if obliged && assists {
                        side.fighters.push(bound);
                    }
                }
                Action::Neutrality => side.neutral.push(bound),
                Action::NoHarm => side.barred.push(root(bound)),
                Action::NonAggression => side.partners.push(bound),
                _ => {}
            }
        }
    }
    // Non-aggression binds the other fighters of this side to their partners too.
    for node in side.fighters.clone() {
        let groups = snapshot.binding().get(node as usize).into_iter().flatten();
        let toward = snapshot.non_aggression_toward.get(node as usize);
        let groups = groups.chain(toward.into_iter().flatten());
        for at in groups {
            let Some(group) = snapshot.group(*at) else {
                continue;
            };
            let is_pact = snapshot.clause(group.clause).is_some_and(|(_, clause)| {
                clause.norm.action == Action::NonAggression
                    && norms::constrains(clause)
                    && clause.norm.scope.covers(Domain::Security)
            });
            if is_pact {
                let partners = group.touching(node).flat_map(|(a, b)| [a, b]);
                side.partners.extend(partners.filter(|it| *it != node));
            }
        }
    }
    duties.sort_unstable();
    side.twice = duties.windows(2).any(|it| it.first() == it.get(1));
    side.values = side.fighters.iter().map(|it| root(*it)).collect();
    for list in [
        &mut side.values,
        &mut side.barred,
        &mut side.fighters,
        &mut side.partners,
        &mut side.neutral,
    ] {
        list.sort_unstable();
        list.dedup();
    }
    side.near = side
        .values
        .iter()
        .flat_map(|it| graph.loose.get(it).into_iter().flatten().map(|edge| edge.0))
        .collect();
    side.near.sort_unstable();
    side.near.dedup();
    side
}

/// Whether two sorted lists share an element that `wanted` accepts.
fn meet(left: &[Node], right: &[Node], wanted: impl Fn(Node) -> bool) -> bool {
    let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
    while let (Some(a), Some(b)) = (left.peek(), right.peek()) {
        match a.cmp(b) {
            std::cmp::Ordering::Less => {
                left.next();
            }
            std::cmp::Ordering::Greater => {
                right.next();
            }
            std::cmp::Ordering::Equal => {
                if wanted(**a) {
                    return true;
                }
                left.next();
                right.next();
            }
        }
    }
    false
}

/// The contradictions of third parties if `attacker` attacked `victim`.
fn scan(snapshot: &Snapshot<'_>, attacker: Node, victim: Node) -> Option<Exposure> {
    let (attacker_id, victim_id) = (snapshot.party(attacker)?, snapshot.party(victim)?);
    let id: IssueId = format!("{attacker_id}-attacks-{victim_id}").parse().ok()?;
    let event = Item::Event(HYPOTHETICAL);
    let view = IssueView {
        id: &id,
        domain: Domain::Security,
        war: Some(WarOn {
            attacker,
            victim,
            provoked: None,
            event: HYPOTHETICAL,
        }),
        principals: Some((attacker_id, victim_id)),
        declared: Declared::new(vec![
            (attacker, Val::Plus, event),
            (victim, Val::Minus, event),
        ]),
    };
    let mut drafts = Vec::new();
    issue::run_view(snapshot, view, false, &mut drafts);
    let third = |party: &PartyId| party != attacker_id && party != victim_id;
    let attack = hypothetical(snapshot, attacker_id, victim_id)?;
    let findings: Vec<Finding> = crate::engine::checks::group(drafts)
        .into_iter()
        .map(|it| it.finish(snapshot))
        .filter(|it| {
            it.is_contradiction() && it.kind != Kind::Violation && it.parties.iter().all(third)
        })
        .map(|mut it| {
            for witness in std::iter::once(&mut it.witness).chain(&mut it.also) {
                witness.events.push(attack.clone());
            }
            it
        })
        .collect();
    (!findings.is_empty()).then(|| Exposure {
        attacker: attacker_id.clone(),
        victim: victim_id.clone(),
        findings,
    })
}

/// The hypothetical attack, as a witness shows it.
fn hypothetical(snapshot: &Snapshot<'_>, attacker: &PartyId, victim: &PartyId) -> Option<EventRef> {
    let name = |id: &PartyId| {
        snapshot
            .scenario
            .party(id)
            .map_or_else(|| id.to_string(), |it| it.name.clone())
    };
    Some(EventRef {
        id: "hypothetical".parse().ok()?,
        date: snapshot.date,
        summary: format!("{} attacks {} (hypothetical)", name(attacker), name(victim)),
        attacker: Some(attacker.clone()),
        victim: Some(victim.clone()),
    })
}

fn summarise(date: Date, exposures: Vec<Exposure>) -> Latent {
    let mut exposed: BTreeMap<&PartyId, usize> = BTreeMap::new();
    let mut dangerous = Vec::new();
    for exposure in &exposures {
        let mut parties: Vec<&PartyId> = exposure
            .findings
            .iter()
            .flat_map(|it| it.parties.iter())
            .collect();
        parties.sort();
        parties.dedup();
        for party in &parties {
            *exposed.entry(party).or_default() += 1;
        }
        dangerous.push((
            exposure.attacker.clone(),
            exposure.victim.clone(),
            parties.len(),
        ));
    }
    let mut most_exposed: Vec<(PartyId, usize)> = exposed
        .into_iter()
        .map(|(it, count)| (it.clone(), count))
        .collect();
    most_exposed.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    dangerous.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
    Latent {
        date,
        exposures,
        most_exposed,
        most_dangerous: dangerous,
    }
}

impl fmt::Display for Latent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "latent scan on {}", self.date)?;
        writeln!(
            f,
            "{} hypothetical attack(s) would put third parties in contradiction",
            self.exposures.len()
        )?;
        if !self.most_exposed.is_empty() {
            let ranked: Vec<String> = self
                .most_exposed
                .iter()
                .map(|(party, count)| format!("{party} ({count})"))
                .collect();
            writeln!(f, "most exposed: {}", ranked.join(", "))?;
        }
        for exposure in &self.exposures {
            writeln!(f)?;
            writeln!(f, "if {} attacked {}:", exposure.attacker, exposure.victim)?;
            for finding in &exposure.findings {
                let parties: Vec<&str> = finding.parties.iter().map(|it| it.as_str()).collect();
                let clauses: Vec<String> = finding
                    .witness
                    .clauses
                    .iter()
                    .map(|it| format!("{} {}", it.instrument, it.label))
                    .collect();
                writeln!(
                    f,
                    "  {} {} ({}): {}",
                    finding.kind.name(),
                    parties.join(", "),
                    finding.severity.name(),
                    clauses.join("; ")
                )?;
            }
        }
        Ok(())
    }
}
