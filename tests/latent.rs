//! The latent scan agrees with the full check: for every ordered pair of parties, adding the
//! attack to the scenario and checking it gives the same third-party contradictions, with the
//! same witnesses, as the scan's hypothetical attack. The scan never runs that check; this
//! test does, on small random scenarios, for every pair.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use allegiance::spec::{
    ClauseFile, EventFile, InstrumentFile, PartyFile, ScenarioFile, SourceFile,
};
use allegiance::{Date, Finding, Kind};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const ACTIONS: [&str; 7] = [
    "align",
    "defend",
    "offense",
    "neutrality",
    "non_aggression",
    "no_harm",
    "consult",
];

fn source() -> SourceFile {
    SourceFile {
        citation: "invented".to_owned(),
        ..SourceFile::default()
    }
}

fn party(at: usize) -> String {
    format!("P{at}")
}

#[derive(Clone, Debug)]
struct RawClause {
    action: usize,
    strict: bool,
    modality: usize,
    scope: usize,
    bound: Option<Vec<usize>>,
    adversary: Option<usize>,
}

#[derive(Clone, Debug)]
struct RawInstrument {
    parties: Vec<usize>,
    binding: bool,
    clauses: Vec<RawClause>,
}

fn raw_clause(parties: usize) -> impl Strategy<Value = RawClause> {
    (
        0..ACTIONS.len(),
        any::<bool>(),
        prop_oneof![6 => Just(0_usize), 1 => Just(1_usize), 1 => Just(2_usize)],
        0..3_usize,
        proptest::option::weighted(0.3, vec(0..parties, 1..3)),
        proptest::option::weighted(0.2, 0..parties),
    )
        .prop_map(
            |(action, strict, modality, scope, bound, adversary)| RawClause {
                action,
                strict,
                modality,
                scope,
                bound,
                adversary,
            },
        )
}

fn raw_instrument(parties: usize) -> impl Strategy<Value = RawInstrument> {
    (
        proptest::sample::subsequence((0..parties).collect::<Vec<_>>(), 2..=parties),
        prop::bool::weighted(0.85),
        vec(raw_clause(parties), 1..3),
    )
        .prop_map(|(parties, binding, clauses)| RawInstrument {
            parties,
            binding,
            clauses,
        })
}

fn world() -> impl Strategy<Value = (usize, Vec<RawInstrument>)> {
    (3..6_usize).prop_flat_map(|parties| (Just(parties), vec(raw_instrument(parties), 1..5)))
}

fn file((parties, instruments): &(usize, Vec<RawInstrument>)) -> ScenarioFile {
    ScenarioFile {
        parties: (0..*parties)
            .map(|at| PartyFile {
                id: party(at),
                name: party(at),
                kind: "state".to_owned(),
                ..PartyFile::default()
            })
            .collect(),
        instruments: instruments
            .iter()
            .enumerate()
            .map(|(k, it)| InstrumentFile {
                id: format!("I{k}"),
                name: format!("I{k}"),
                kind: "treaty".to_owned(),
                force: if it.binding { "binding" } else { "political" }.to_owned(),
                form: if it.parties.len() == 2 {
                    "bilateral"
                } else {
                    "multilateral"
                }
                .to_owned(),
                parties: it.parties.iter().map(|it| party(*it)).collect(),
                in_force: Some("2000-01-01".to_owned()),
                source: source(),
                clauses: it
                    .clauses
                    .iter()
                    .enumerate()
                    .map(|(j, clause)| {
                        let action = ACTIONS[clause.action];
                        let bound = clause.bound.as_ref().map(|named| {
                            let mut named: Vec<String> = named
                                .iter()
                                .map(|at| it.parties[*at % it.parties.len()])
                                .map(party)
                                .collect();
                            named.sort();
                            named.dedup();
                            named
                        });
                        ClauseFile {
                            label: format!("c{j}"),
                            text: format!("clause {j}"),
                            modality: ["obligation", "prohibition", "permission"][clause.modality]
                                .to_owned(),
                            action: action.to_owned(),
                            reading: (action == "align")
                                .then(|| if clause.strict { "strict" } else { "loose" }.to_owned()),
                            scope: match clause.scope {
                                0 => Vec::new(),
                                1 => vec!["security".to_owned()],
                                _ => vec!["foreign_policy".to_owned()],
                            },
                            bound,
                            adversaries: match (action, clause.adversary) {
                                ("defend" | "offense" | "neutrality", Some(at)) => vec![party(at)],
                                _ => Vec::new(),
                            },
                            ..ClauseFile::default()
                        }
                    })
                    .collect(),
                ..InstrumentFile::default()
            })
            .collect(),
        ..ScenarioFile::default()
    }
}

fn day() -> Date {
    "2000-01-02".parse().unwrap()
}

/// What the comparison looks at: kind, severity, parties, and each witness's clauses and
/// chain.
fn shape(finding: &Finding) -> String {
    let witness = |it: &allegiance::Witness| {
        let clauses: Vec<String> = it
            .clauses
            .iter()
            .map(|it| format!("{}/{}", it.instrument, it.label))
            .collect();
        let chain: Vec<String> = it
            .chain
            .iter()
            .map(|it| format!("{}>{}:{:?}", it.from, it.to, it.relation))
            .collect();
        format!("[{}] [{}]", clauses.join(" "), chain.join(" "))
    };
    let parties: Vec<&str> = finding.parties.iter().map(|it| it.as_str()).collect();
    let also: Vec<String> = finding.also.iter().map(witness).collect();
    format!(
        "{} {} {} {} also {}",
        finding.kind.name(),
        finding.severity.name(),
        parties.join(","),
        witness(&finding.witness),
        also.join(" | ")
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/latent.txt"))),
        ..ProptestConfig::default()
    })]

    /// Catches a scan that misses a trigger the check sees (a defence clause toward the
    /// victim, neutrality, non-aggression around a party bound to fight, alignment through a
    /// component), that skips a pair it should scan, or that reports the attacker's own
    /// breaches as a third party's dilemma.
    #[test]
    fn the_scan_agrees_with_checking_each_attack(world in world()) {
        let base = file(&world);
        let scenario = allegiance::load::from_file_form(base.clone()).unwrap();
        let scan = allegiance::latent(&scenario, day());
        for attacker in 0..world.0 {
            for victim in 0..world.0 {
                if attacker == victim {
                    continue;
                }
                let mut attacked = base.clone();
                attacked.events.push(EventFile {
                    id: "attack".to_owned(),
                    kind: "armed_attack".to_owned(),
                    date: "2000-01-01".to_owned(),
                    attacker: Some(party(attacker)),
                    victim: Some(party(victim)),
                    issue: Some("war".to_owned()),
                    domain: Some("security".to_owned()),
                    source: source(),
                    ..EventFile::default()
                });
                let checked = allegiance::check_on(&allegiance::load::from_file_form(attacked).unwrap(), day());
                let third = |it: &Finding| {
                    it.parties.iter().all(|p| p.as_str() != party(attacker) && p.as_str() != party(victim))
                };
                let mut expected: Vec<String> = checked
                    .findings()
                    .iter()
                    .filter(|it| it.issue.as_ref().is_some_and(|id| id.as_str() == "war"))
                    .filter(|it| it.is_contradiction() && it.kind != Kind::Violation && third(it))
                    .map(shape)
                    .collect();
                expected.sort();
                let mut scanned: Vec<String> = scan
                    .exposures
                    .iter()
                    .filter(|it| it.attacker.as_str() == party(attacker) && it.victim.as_str() == party(victim))
                    .flat_map(|it| it.findings.iter().map(shape))
                    .collect();
                scanned.sort();
                prop_assert_eq!(
                    &scanned, &expected,
                    "{} attacks {}:\n{}", party(attacker), party(victim),
                    allegiance::save::to_toml_string(&scenario)
                );
            }
        }
    }
}

#[test]
fn the_scan_ranks_the_most_exposed_party_first() {
    // A must defend B and C, and must not fight X. If X attacks B, or X attacks C, A is
    // caught; nobody else is bound to anything. So A is exposed by two attacks, and those two
    // are the only dangerous pairs.
    let text = r#"
[[parties]]
id = "A"
name = "A"
kind = "state"
[[parties]]
id = "B"
name = "B"
kind = "state"
[[parties]]
id = "C"
name = "C"
kind = "state"
[[parties]]
id = "X"
name = "X"
kind = "state"
[[instruments]]
id = "guarantee"
name = "guarantee"
kind = "treaty"
force = "binding"
form = "multilateral"
parties = ["A", "B", "C"]
in_force = "2000-01-01"
source = "invented"
[[instruments.clauses]]
label = "art. 1"
text = "A shall defend B and C."
modality = "obligation"
action = "defend"
bound = ["A"]
[[instruments]]
id = "pact"
name = "pact"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["A", "X"]
in_force = "2000-01-01"
source = "invented"
[[instruments.clauses]]
label = "art. 1"
text = "No war between A and X."
modality = "obligation"
action = "non_aggression"
"#;
    let scenario = allegiance::load::from_toml_str(text).unwrap();
    let scan = allegiance::latent(&scenario, day());
    assert_eq!(scan.most_exposed, [("A".parse().unwrap(), 2)]);
    let pairs: Vec<(String, String)> = scan
        .most_dangerous
        .iter()
        .map(|(x, y, _)| (x.to_string(), y.to_string()))
        .collect();
    assert_eq!(pairs, [("X".into(), "B".into()), ("X".into(), "C".into())]);
}

/// The agreement property only means something if the scan finds exposures: check that the
/// generator leads to them often.
#[test]
fn the_generator_leads_to_exposures() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut exposed = 0;
    for _ in 0..200 {
        let world = world().new_tree(&mut runner).unwrap().current();
        let scenario = allegiance::load::from_file_form(file(&world)).unwrap();
        exposed += allegiance::latent(&scenario, day()).exposures.len();
    }
    assert!(exposed >= 100, "only {exposed} exposures in 200 worlds");
}
