//! The Football War, 1969: a war between two parties to the Rio Treaty.
//!
//! Run with `cargo run --example football_war_1969`. It loads
//! `examples/data/football-war-1969.toml` and prints every finding over the whole timeline.
//! On 14 July 1969 El Salvador attacked Honduras; both were bound by the Inter-American Treaty
//! of Reciprocal Assistance of 1947. The report shows El Salvador's attack breaking its own
//! article 1 promise (a violation), every other modelled party bound at once to fight for
//! Honduras (art. 3(1)) and not to fight El Salvador (art. 1) (a critical conflict each), and
//! nothing against Honduras, which only defends itself: the clause that binds it toward El
//! Salvador is broken by El Salvador's act, not its own.

use std::error::Error;

/// The scenario, with every quotation and date sourced.
const SCENARIO: &str = include_str!("data/football-war-1969.toml");

fn main() -> Result<(), Box<dyn Error>> {
    let scenario = allegiance::load::from_toml_str(SCENARIO)?;
    print!("{}", allegiance::check(&scenario));
    Ok(())
}
