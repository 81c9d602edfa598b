//! Prose computed from a finding's data: never stored, so it cannot drift from the witness.

use crate::finding::{Finding, Kind, Link, Relation, Verdict};
use crate::model::{Force, Interval};

impl Finding {
    /// A plain-language explanation of the finding, computed from its witness: what each step
    /// of the chain requires, and why that cannot all be kept.
    pub fn explanation(&self) -> String {
        let mut sentences: Vec<String> = self
            .witness
            .chain
            .iter()
            .map(|link| {
                let clause = link
                    .clause
                    .and_then(|at| self.witness.clauses.get(at))
                    .map(|it| format!(" ({}, {})", it.instrument, it.label))
                    .unwrap_or_default();
                format!("{}{clause}", requirement(link))
            })
            .collect();
        for position in &self.witness.positions {
            sentences.push(format!("{} declared {}", position.party, position.stance));
        }
        for event in &self.witness.events {
            let sides = match (&event.attacker, &event.victim) {
                (Some(attacker), Some(victim)) => {
                    format!(" ({attacker}, attacking, supports the war; {victim} opposes it)")
                }
                _ => String::new(),
            };
            sentences.push(format!("on {}, {}{sides}", event.date, event.summary));
        }
        let parties: Vec<&str> = self.parties.iter().map(|it| it.as_str()).collect();
        let who = parties.join(" and ");
        let conclusion = match (self.kind, self.way_out) {
            (Kind::Conflict, _) => {
                format!("whatever {who} does, it breaks one of these obligations")
            }
            (Kind::Violation, _) => {
                format!("{who}'s own position or act breaks an obligation it could otherwise keep")
            }
            (Kind::Tension, Some(way_out)) => {
                format!("only {way_out} keeps every obligation of {who}")
            }
            (Kind::Tension, None) => format!(
                "{who} cannot keep all of these, though a political instrument is among them"
            ),
            (Kind::Imbalance, _) => {
                format!("the triad {who} is unbalanced: two allies are adversaries")
            }
        };
        let mut text = sentences.join("; ");
        if !text.is_empty() {
            text.push_str(". ");
        }
        text.push_str(&capitalised(&conclusion));
        text.push('.');
        if let Verdict::Interpretive { reading, .. } = &self.verdict {
            text.push_str(&format!(
                " It depends on the strict reading: it dissolves if {reading}."
            ));
        }
        text
    }
}

/// What one step of a chain requires, as a clause.
pub(super) fn link(link: &Link) -> String {
    let bound: Vec<&str> = link.bound.iter().map(|it| it.as_str()).collect();
    let by = if bound.is_empty() {
        String::new()
    } else {
        format!(" [binds {}]", bound.join(", "))
    };
    format!("{} → {}: {}{by}", link.from, link.to, requirement(link))
}

fn requirement(link: &Link) -> String {
    let (from, to) = (&link.from, &link.to);
    match link.relation {
        Relation::Same => format!("{to} must hold the same stance as {from}"),
        Relation::NotOpposite => format!("{to} must not take the stance opposite to {from}'s"),
        Relation::NoHarm => format!("{to} must not oppose {from}'s declared stance"),
        Relation::FightFor => format!("{to} must fight on {from}'s side"),
        Relation::NotFightFor => format!("{to} must not fight on {from}'s side"),
        Relation::NotFightAgainst => format!("{to} must not fight against {from}"),
        Relation::Allied => format!("{from} and {to} are allied"),
        Relation::Adversaries => format!("{from} and {to} are adversaries"),
        Relation::Recognised => {
            format!(
                "{from} recognised the independence of a territory of {to}, which it must respect"
            )
        }
        Relation::HostileAlliance => {
            format!("{from} is bound by an alliance directed against {to}, which it must not join")
        }
        Relation::Incompatible => {
            format!("{from} is bound to an action that another of its obligations rules out")
        }
    }
}

pub(super) fn interval(during: &Interval) -> String {
    match (during.start, during.end) {
        (Some(start), Some(end)) => format!("from {start} until {end} (excluded)"),
        (Some(start), None) => format!("from {start}"),
        (None, Some(end)) => format!("until {end} (excluded)"),
        (None, None) => "always".to_owned(),
    }
}

pub(super) fn force(force: Force) -> &'static str {
    match force {
        Force::Binding => "binding",
        Force::Political => "political",
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
