//! Prose computed from a finding's data: never stored, so it cannot drift from the witness.

use crate::finding::{Finding, Kind, Link, Obligation, Outcome, Precedence, Relation, Verdict};
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
        if !self.prevails.is_empty() {
            let said: Vec<String> = self.prevails.iter().map(precedence).collect();
            text.push_str(&format!(" Under the law of treaties, {}.", said.join("; ")));
        }
        text
    }
}

/// One obligation, as the report's `law:` line names it.
pub(super) fn obligation(it: &Obligation) -> String {
    format!(
        "{} → {} ({}, {})",
        it.bound, it.toward, it.instrument, it.label
    )
}

/// What the law says of a pair, with the rule's citation and its reason.
pub(super) fn outcome(it: &Outcome) -> String {
    match it {
        Outcome::Prevails {
            instrument,
            rule,
            reason,
        } => format!("{instrument} prevails ({}): {reason}", rule.citation()),
        Outcome::Resolvable {
            suspended,
            rule,
            reason,
        } => format!(
            "resolvable, {} may be suspended ({}): {reason}",
            obligation(suspended),
            rule.citation()
        ),
        Outcome::Unresolved { rule, reason, .. } => {
            let rule = rule
                .map(|it| format!(" ({})", it.citation()))
                .unwrap_or_default();
            format!("unresolved{rule}: {reason}")
        }
    }
}

/// An obligation in a sentence: "AZE's obligation toward TUR (shusha-2021, art. 1)".
fn owed(it: &Obligation) -> String {
    format!(
        "{}'s obligation toward {} ({}, {})",
        it.bound, it.toward, it.instrument, it.label
    )
}

/// Which obligation of a pair prevails, in a clause of the explanation's last sentence.
fn precedence(it: &Precedence) -> String {
    match &it.outcome {
        Outcome::Prevails {
            instrument, rule, ..
        } => {
            let winners: Vec<&Obligation> = [&it.first, &it.second]
                .into_iter()
                .filter(|one| &one.instrument == instrument)
                .collect();
            match winners.as_slice() {
                [winner] => format!("{} prevails ({})", owed(winner), rule.citation()),
                _ => format!(
                    "{}'s obligation under {instrument} prevails ({})",
                    it.first.bound,
                    rule.citation()
                ),
            }
        }
        Outcome::Resolvable {
            suspended, rule, ..
        } => format!("{} may be suspended ({})", owed(suspended), rule.citation()),
        Outcome::Unresolved { rule, .. } => {
            let why = rule.map_or("the law ranks neither".to_owned(), |it| {
                it.citation().to_owned()
            });
            format!(
                "neither {} nor {} prevails ({why})",
                owed(&it.first),
                owed(&it.second)
            )
        }
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
