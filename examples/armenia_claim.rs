//! Russia's claim of 2022-02-25, tested: "the Moscow declaration poses no problem for
//! Russia's allied obligations to Armenia".
//!
//! Run with `cargo run --example armenia_claim`. It prints the latent scan of the bundled
//! scenario on 2022-02-25 (for every hypothetical attack, which third parties would be caught
//! between their obligations), and the what-if of the attack that came: Azerbaijan's on
//! Armenian territory of 2022-09-13 (`examples/data/armenia-2022-09-13.toml`).

use std::error::Error;

const SCENARIO: &str = include_str!("data/caucasus-2022.toml");
const ATTACK: &str = include_str!("data/armenia-2022-09-13.toml");

fn main() -> Result<(), Box<dyn Error>> {
    let scenario = allegiance::load::from_toml_str(SCENARIO)?;
    let scan = allegiance::latent(&scenario, "2022-02-25".parse()?);
    print!("{scan}");
    let russia: allegiance::PartyId = "RUS".parse()?;
    let armenia: allegiance::PartyId = "ARM".parse()?;
    let azerbaijan: allegiance::PartyId = "AZE".parse()?;
    let caught = |attacker: &allegiance::PartyId, victim: &allegiance::PartyId| {
        scan.exposures.iter().any(|it| {
            &it.attacker == attacker
                && &it.victim == victim
                && it
                    .findings
                    .iter()
                    .any(|finding| finding.parties.contains(&russia))
        })
    };
    println!();
    println!(
        "if Azerbaijan attacked Armenia, Russia would be caught: {}",
        caught(&azerbaijan, &armenia)
    );
    println!(
        "if Armenia attacked Azerbaijan, Russia would be caught: {}",
        caught(&armenia, &azerbaijan)
    );
    println!("\n{}", "-".repeat(80));
    let diff = allegiance::what_if::what_if_str(
        &scenario,
        ATTACK,
        allegiance::load::Format::Toml,
        "armenia-2022-09-13.toml",
    )?;
    print!("{diff}");
    Ok(())
}
