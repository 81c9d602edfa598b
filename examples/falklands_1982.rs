//! The Falklands, 1982: a Rio Treaty ally sides against the attacker, and breaks nothing.
//!
//! Run with `cargo run --example falklands_1982`. It loads `examples/data/falklands-1982.toml`
//! and prints every finding over the whole timeline. Argentina invaded the Falkland Islands on
//! 2 April 1982; on 30 April the United States, Argentina's partner in the Inter-American
//! Treaty of Reciprocal Assistance, took the United Kingdom's side. A checker that ignores who
//! attacked whom calls that a breach of the treaty's article 3(1). It is not: article 3(1)
//! binds when an American State is attacked, and Argentina was the attacker. The report
//! holds no finding.

use std::error::Error;

/// The scenario, with every quotation and date sourced.
const SCENARIO: &str = include_str!("data/falklands-1982.toml");

fn main() -> Result<(), Box<dyn Error>> {
    let scenario = allegiance::load::from_toml_str(SCENARIO)?;
    print!("{}", allegiance::check(&scenario));
    Ok(())
}
