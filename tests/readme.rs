//! The README's annotated scenario file is a real file: it must load.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use allegiance::{Date, PartyId};

/// The first ```toml block of the README.
fn annotated_example() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("```toml\n")
        .expect("the README has a toml block")
        + "```toml\n".len();
    let length = readme[start..].find("```").expect("the block is closed");
    readme[start..start + length].to_owned()
}

#[test]
fn the_annotated_example_loads_and_says_what_it_shows() {
    let scenario = allegiance::load::from_toml_str(&annotated_example())
        .unwrap_or_else(|errors| panic!("{errors}"));
    // Three parties, one of them the CSTO with Armenia as its member since 2003-09-18.
    assert_eq!(scenario.parties().len(), 3);
    let csto = scenario.party(&"CSTO".parse().unwrap()).unwrap();
    let armenia: PartyId = "ARM".parse().unwrap();
    let on = |s: &str| s.parse::<Date>().unwrap();
    assert_eq!(
        csto.members_on(on("2003-09-18")).collect::<Vec<_>>(),
        [&armenia]
    );
    assert_eq!(csto.members_on(on("2003-09-17")).count(), 0);
    // The declared issue plus the war issue the armed attack makes.
    assert_eq!(scenario.issues().len(), 2);
    let war = scenario.issue(&"attack-2024-war".parse().unwrap()).unwrap();
    assert_eq!(war.war.as_ref().map(|it| it.attacker.as_str()), Some("ARM"));
    // The pact binds from entry into force (2024-02-01), not from signature.
    let pact = scenario
        .instrument(&"example-pact".parse().unwrap())
        .unwrap();
    assert!(!pact.is_in_force_on(on("2024-01-31")));
    assert!(pact.is_in_force_on(on("2024-02-01")));
    assert_eq!(pact.clauses.len(), 2);
}
