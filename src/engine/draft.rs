//! Findings in the making: items and steps by rank and node, turned into the public
//! [`Finding`] with ids and quotations once everything is decided.

use super::constraint::{Item, Node};
use super::snapshot::Snapshot;
use crate::finding::{
    ClauseRef, EventRef, Finding, Kind, Link, PositionRef, Relation, Severity, Verdict, Witness,
};
use crate::model::{EventKind, Interval, IssueId, Scenario};

/// One step of a chain, by node and clause rank.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Step {
    pub from: Node,
    pub to: Node,
    pub relation: Relation,
    pub clause: Option<u32>,
    pub bound: Vec<Node>,
}

/// A witness by rank: its items (sorted) and its chain.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Proof {
    pub items: Vec<Item>,
    pub steps: Vec<Step>,
}

/// A finding before it is rendered with ids.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    pub kind: Kind,
    pub severity: Severity,
    pub parties: Vec<Node>,
    pub issue: Option<IssueId>,
    pub proof: Proof,
    pub also: Vec<Proof>,
    pub verdict: Verdict,
    pub way_out: Option<crate::model::Stance>,
}

impl Draft {
    /// A finding about a party's own act or membership, on no issue: a violation, or a tension
    /// when the instrument it breaks is political. `step` tells it; `items` are its witness.
    pub(crate) fn act(party: Node, political: bool, mut items: Vec<Item>, step: Step) -> Draft {
        items.sort();
        Draft {
            kind: if political {
                Kind::Tension
            } else {
                Kind::Violation
            },
            severity: super::checks::severity(political, false, false),
            parties: vec![party],
            issue: None,
            proof: Proof {
                items,
                steps: vec![step],
            },
            also: Vec::new(),
            verdict: Verdict::Firm,
            way_out: None,
        }
    }

    /// The public finding, holding on the snapshot's date only.
    pub(crate) fn finish(self, snapshot: &Snapshot<'_>) -> Finding {
        let prevails = super::precedence::of(snapshot, &self);
        let during = Interval::new(Some(snapshot.date), snapshot.date.next_day());
        let mut parties: Vec<_> = self
            .parties
            .iter()
            .filter_map(|it| snapshot.party(*it).cloned())
            .collect();
        parties.sort();
        parties.dedup();
        Finding {
            kind: self.kind,
            severity: self.severity,
            parties,
            issue: self.issue,
            during,
            witness: witness(snapshot, &self.proof),
            also: self.also.iter().map(|it| witness(snapshot, it)).collect(),
            verdict: self.verdict,
            way_out: self.way_out,
            prevails,
        }
    }
}

/// Renders a proof with ids and quotations.
pub(crate) fn witness(snapshot: &Snapshot<'_>, proof: &Proof) -> Witness {
    let mut witness = Witness::default();
    let mut clause_ranks = Vec::new();
    for item in &proof.items {
        match *item {
            Item::Clause(rank, ..) => {
                // A clause between several pairs is quoted once.
                if !clause_ranks.contains(&rank)
                    && let Some(it) = clause_ref(snapshot, rank)
                {
                    clause_ranks.push(rank);
                    witness.clauses.push(it);
                }
            }
            Item::Position(rank) => witness.positions.extend(position_ref(snapshot, rank)),
            Item::Event(rank) => witness.events.extend(event_ref(snapshot, rank)),
        }
    }
    witness.chain = proof
        .steps
        .iter()
        .filter_map(|step| {
            let mut bound: Vec<_> = step
                .bound
                .iter()
                .filter_map(|it| snapshot.party(*it).cloned())
                .collect();
            bound.sort();
            bound.dedup();
            Some(Link {
                from: snapshot.party(step.from)?.clone(),
                to: snapshot.party(step.to)?.clone(),
                relation: step.relation,
                clause: step
                    .clause
                    .and_then(|rank| clause_ranks.iter().position(|it| *it == rank)),
                bound,
            })
        })
        .collect();
    witness
}

pub(crate) fn clause_ref(snapshot: &Snapshot<'_>, rank: u32) -> Option<ClauseRef> {
    let (instrument, clause) = snapshot.clause(rank)?;
    Some(ClauseRef {
        instrument: instrument.id.clone(),
        label: clause.label.clone(),
        instrument_name: instrument.name.to_string(),
        force: instrument.force,
        text: clause.text.to_string(),
        translation: clause.translation.as_deref().map(str::to_owned),
    })
}

fn position_ref(snapshot: &Snapshot<'_>, rank: u32) -> Option<PositionRef> {
    let position = snapshot.positions.get(rank as usize)?;
    Some(PositionRef {
        party: position.party.clone(),
        issue: position.issue.clone(),
        stance: position.stance,
        since: position.during.start,
        citation: position.source.citation.clone(),
    })
}

fn event_ref(snapshot: &Snapshot<'_>, rank: u32) -> Option<EventRef> {
    let event = snapshot.events.get(rank as usize)?;
    Some(event_ref_of(snapshot.scenario, event))
}

/// An event, with its date, summary and sides.
pub(crate) fn event_ref_of(scenario: &Scenario, event: &crate::model::Event) -> EventRef {
    let (attacker, victim) = match &event.kind {
        EventKind::ArmedAttack {
            attacker, victim, ..
        } => (Some(attacker.clone()), Some(victim.clone())),
        _ => (None, None),
    };
    EventRef {
        id: event.id.clone(),
        date: event.date,
        summary: summary(scenario, &event.kind),
        attacker,
        victim,
    }
}

/// An event in a few words, with the parties' names.
pub(crate) fn summary(scenario: &Scenario, kind: &EventKind) -> String {
    let name = |id: &crate::model::PartyId| {
        scenario
            .party(id)
            .map_or_else(|| id.to_string(), |it| it.name.clone())
    };
    match kind {
        EventKind::ArmedAttack {
            attacker, victim, ..
        } => format!("{} attacks {}", name(attacker), name(victim)),
        EventKind::Recognition { by, territory, .. } => {
            let place = scenario
                .territory(territory)
                .map_or_else(|| territory.to_string(), |it| it.name.clone());
            format!("{} recognises the independence of {place}", name(by))
        }
        EventKind::Accession {
            party,
            organisation,
        } => format!("{} joins {}", name(party), name(organisation)),
        EventKind::Withdrawal {
            party,
            organisation,
        } => format!("{} leaves {}", name(party), name(organisation)),
    }
}
