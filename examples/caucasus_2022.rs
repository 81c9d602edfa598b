//! The South Caucasus, 2022: what binds each party on the day Russia invaded Ukraine.
//!
//! Run with `cargo run --example caucasus_2022`. It loads the bundled scenario and prints, for
//! 2022-02-24, every commitment in force, party by party, and the positions and events of the
//! day; then every finding over the whole timeline: from 2022-02-24, Azerbaijan cannot keep
//! both its Shusha commitment to coordinate with Turkey and its Moscow commitments to Russia,
//! on a strict reading, and neutrality is its only way out on a lenient one.

use std::process::ExitCode;

use allegiance::{
    Action, Commitment, CommitmentGraph, Date, EventKind, Modality, Norm, Reading, Scenario,
};

const SCENARIO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/caucasus-2022.toml"
);

fn main() -> ExitCode {
    let scenario = match allegiance::load::from_path(SCENARIO) {
        Ok(scenario) => scenario,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::FAILURE;
        }
    };
    let date = Date::new(2022, 2, 24).unwrap_or_else(|_| unreachable_date());
    print!("{}", binding_table(&scenario, date));
    println!("\n{}", "-".repeat(80));
    print!("{}", allegiance::check(&scenario));
    ExitCode::SUCCESS
}

fn unreachable_date() -> Date {
    // 2022-02-24 is a real day; this is never reached.
    std::process::exit(2)
}

/// The table of what binds each party on `date`.
fn binding_table(scenario: &Scenario, date: Date) -> String {
    use std::fmt::Write;
    let graph = CommitmentGraph::on(scenario, date);
    let mut out = String::new();
    let title = scenario.title().unwrap_or("scenario");
    let _ = writeln!(out, "{title}\nWhat binds each party on {date}\n");
    let _ = writeln!(
        out,
        "{:<6} {:<12} {:<24} {:<11} {:<26} toward",
        "party", "instrument", "clause", "modality", "action"
    );
    for party in scenario.parties() {
        // One row per clause, with all its beneficiaries: a multilateral article binds each
        // party toward every other.
        let mut rows: Vec<(&Commitment<'_>, Vec<String>)> = Vec::new();
        for commitment in graph.binding(&party.id) {
            match rows.last_mut() {
                Some((last, toward)) if std::ptr::eq(last.clause, commitment.clause) => {
                    toward.push(commitment.beneficiary.to_string());
                }
                _ => rows.push((commitment, vec![commitment.beneficiary.to_string()])),
            }
        }
        for (commitment, toward) in rows {
            let _ = writeln!(
                out,
                "{:<6} {:<12} {:<24} {:<11} {:<26} {}",
                party.id,
                commitment.instrument.id,
                commitment.clause.label,
                modality(commitment.clause.norm.modality),
                action(&commitment.clause.norm),
                toward.join(", ")
            );
        }
    }
    let _ = writeln!(
        out,
        "\n* the beneficiary alone judges breach (\"in the opinion of one of the Parties\")"
    );
    let _ = writeln!(out, "\nPositions held on {date}:");
    for position in scenario.positions_on(date) {
        let _ = writeln!(
            out,
            "  {} {} `{}`",
            position.party, position.stance, position.issue
        );
    }
    let _ = writeln!(out, "\nEvents up to {date}:");
    for event in scenario.events().iter().filter(|it| it.date <= date) {
        let _ = writeln!(out, "  {} {}", event.date, describe(&event.kind));
    }
    out
}

fn modality(modality: Modality) -> &'static str {
    match modality {
        Modality::Obligation => "obligation",
        Modality::Prohibition => "prohibition",
        Modality::Permission => "permission",
    }
}

fn action(norm: &Norm) -> String {
    let mut action = match norm.action {
        Action::Align => match norm.reading {
            Reading::Strict => "align (strict)".to_owned(),
            Reading::Loose => "align (loose)".to_owned(),
        },
        ref other => other.to_string(),
    };
    if norm.discretion {
        action.push_str(" *");
    }
    action
}

fn describe(kind: &EventKind) -> String {
    match kind {
        EventKind::ArmedAttack {
            attacker, victim, ..
        } => format!("{attacker} attacks {victim}"),
        EventKind::Recognition { by, territory, .. } => {
            format!("{by} recognises the independence of {territory}")
        }
        EventKind::Accession {
            party,
            organisation,
        } => format!("{party} joins {organisation}"),
        EventKind::Withdrawal {
            party,
            organisation,
        } => format!("{party} leaves {organisation}"),
        _ => "another event".to_owned(),
    }
}
