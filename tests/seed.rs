//! The bundled scenario holds the facts of DESIGN.md's motivating case.
//!
//! Every expectation here is read from DESIGN.md ("The motivating case") and the sources it
//! cites, not from the program's output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use allegiance::{
    Action, CommitmentGraph, Date, EventKind, Force, InstrumentId, IssueId, Modality, PartyId,
    Reading, Saving, Scenario, Stance,
};

const SEED: &str = include_str!("../examples/data/caucasus-2022.toml");

fn seed() -> Scenario {
    allegiance::load::from_toml_str(SEED).unwrap_or_else(|errors| panic!("{errors}"))
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn party(id: &str) -> PartyId {
    id.parse().unwrap()
}

#[test]
fn the_five_states_of_the_case_are_parties() {
    let scenario = seed();
    for id in ["AZE", "TUR", "RUS", "UKR", "ARM"] {
        assert!(scenario.party(&party(id)).is_some(), "{id}");
    }
}

#[test]
fn shusha_binds_azerbaijan_and_turkey_to_coordinate_from_2021_06_15() {
    let scenario = seed();
    let shusha = scenario
        .instrument(&"shusha-2021".parse().unwrap())
        .unwrap();
    assert_eq!(shusha.signed, Some(date("2021-06-15")));
    assert!(shusha.is_in_force_on(date("2021-06-15")));
    let align = shusha
        .clauses
        .iter()
        .find(|it| it.norm.action == Action::Align)
        .unwrap();
    // DESIGN: "mutual coordination in regional and international strategic issues", read strictly.
    assert!(
        align
            .text
            .contains("mutual coordination in regional and international strategic issues")
    );
    assert_eq!(align.norm.reading, Reading::Strict);
    let assistance = shusha
        .clauses
        .iter()
        .find(|it| it.norm.action == Action::Defend)
        .unwrap();
    // DESIGN: "in the opinion of one of the Parties" → the beneficiary judges; "necessary
    // assistance in accordance with the UN Charter".
    assert!(assistance.norm.discretion);
    assert!(
        assistance
            .text
            .contains("in the opinion of one of the parties")
    );
    assert!(
        assistance
            .text
            .contains("necessary assistance in accordance with the UN Charter")
    );
}

#[test]
fn moscow_declaration_points_are_quoted_as_the_case_gives_them() {
    let scenario = seed();
    let moscow = scenario
        .instrument(&"moscow-2022".parse().unwrap())
        .unwrap();
    assert_eq!(moscow.signed, Some(date("2022-02-22")));
    assert!(!moscow.is_in_force_on(date("2022-02-21")));
    let clause = |label: &str| moscow.clause(&label.parse().unwrap()).unwrap();

    let point_4 = clause("point 4");
    assert_eq!(
        &*point_4.text,
        "holding the same or similar positions on topical international issues, deepen constructive cooperation"
    );
    // "same or similar": only opposite positions clash.
    assert_eq!(
        (point_4.norm.action.clone(), point_4.norm.reading),
        (Action::Align, Reading::Loose)
    );

    let point_7 = clause("point 7");
    assert!(point_7.text.starts_with("refrain from any actions that, in the opinion of one of the Parties, damage the strategic partnership and allied relations"));
    assert_eq!(point_7.norm.action, Action::NoHarm);
    assert!(
        point_7.norm.discretion,
        "Russia alone judges what damages the partnership"
    );

    let point_25 = clause("point 25");
    assert!(point_25.text.starts_with(
        "refrain from carrying out any economic activity that causes direct or indirect damage"
    ));
    assert!(point_25.norm.scope.covers(allegiance::Domain::Economy));
    assert!(!point_25.norm.scope.covers(allegiance::Domain::Security));

    let point_40 = clause("point 40");
    assert!(
        point_40
            .text
            .contains("historical, cultural and religious heritage")
    );
    assert!(matches!(point_40.norm.action, Action::Custom(_)));

    // "may consider the possibility of providing each other with military assistance": a
    // permission, not an obligation.
    let assistance = clause("military assistance");
    assert_eq!(assistance.norm.modality, Modality::Permission);
    assert!(
        assistance.text.contains(
            "may consider the possibility of providing each other with military assistance"
        )
    );

    // Not directed against third parties; takes into account each party's obligations.
    assert!(moscow.savings.contains(&Saving::NotAgainstThirdParties));
    assert!(moscow.savings.contains(&Saving::RespectsOtherObligations));
    assert_eq!(moscow.force, Force::Binding);
}

#[test]
fn events_are_dated_as_the_case_says() {
    let scenario = seed();
    let recognitions: Vec<_> = scenario
        .events()
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Recognition { by, territory, .. } => {
                Some((event.date, by.as_str(), territory.as_str()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        recognitions,
        [
            (date("2022-02-21"), "RUS", "Donetsk"),
            (date("2022-02-21"), "RUS", "Luhansk")
        ]
    );
    // Both territories are Ukraine's under international recognition.
    for territory in ["Donetsk", "Luhansk"] {
        let territory = scenario.territory(&territory.parse().unwrap()).unwrap();
        assert_eq!(territory.belongs_to, party("UKR"));
    }
    let invasion = scenario
        .issue(&"russian-invasion-of-ukraine".parse().unwrap())
        .unwrap();
    let war = invasion.war.as_ref().unwrap();
    assert_eq!((war.attacker.as_str(), war.victim.as_str()), ("RUS", "UKR"));
    assert_eq!(scenario.event(&war.event).unwrap().date, date("2022-02-24"));
}

#[test]
fn positions_match_the_statements_and_the_vote() {
    let scenario = seed();
    let stance = |who: &str, issue: &str, on: &str| {
        let issue: IssueId = issue.parse().unwrap();
        scenario
            .positions_on(date(on))
            .find(|it| it.party == party(who) && it.issue == issue)
            .map(|it| it.stance)
    };
    // Turkey: the operation is "unacceptable and we reject it" (2022-02-24).
    assert_eq!(
        stance("TUR", "russian-invasion-of-ukraine", "2022-02-24"),
        Some(Stance::Oppose)
    );
    assert_eq!(
        stance("TUR", "russian-invasion-of-ukraine", "2022-02-23"),
        None
    );
    // ES-11/1 (2022-03-02): Russia against, Turkey in favour, Azerbaijan absent (no position).
    assert_eq!(stance("RUS", "es-11-1", "2022-03-02"), Some(Stance::Oppose));
    assert_eq!(
        stance("TUR", "es-11-1", "2022-03-02"),
        Some(Stance::Support)
    );
    assert_eq!(stance("AZE", "es-11-1", "2022-03-02"), None);
    // Baku said nothing on the invasion.
    assert_eq!(
        stance("AZE", "russian-invasion-of-ukraine", "2022-03-02"),
        None
    );
    let turkey = scenario
        .positions()
        .iter()
        .find(|it| it.party == party("TUR") && it.stance == Stance::Oppose)
        .unwrap();
    assert!(
        turkey
            .source
            .citation
            .contains("unacceptable and reject it")
    );
}

#[test]
fn on_the_day_of_the_invasion_azerbaijan_is_bound_to_align_with_both() {
    let scenario = seed();
    let graph = CommitmentGraph::on(&scenario, date("2022-02-24"));
    let aligned_with: Vec<(&str, Reading)> = graph
        .binding(&party("AZE"))
        .into_iter()
        .filter(|it| it.clause.norm.action == Action::Align)
        .map(|it| (it.beneficiary.as_str(), it.clause.norm.reading))
        .collect();
    assert_eq!(
        aligned_with,
        [("TUR", Reading::Strict), ("RUS", Reading::Loose)]
    );
    // Before the Moscow Declaration, only the Shusha commitment binds Azerbaijan.
    let before = CommitmentGraph::on(&scenario, date("2022-02-21"));
    let toward: Vec<&str> = before
        .binding(&party("AZE"))
        .into_iter()
        .map(|it| it.beneficiary.as_str())
        .collect();
    assert_eq!(toward, ["TUR", "TUR"]);
}

#[test]
fn armenia_is_russias_ally_under_the_collective_security_treaty() {
    let scenario = seed();
    let treaty_id: InstrumentId = "cst-1992".parse().unwrap();
    let treaty = scenario.instrument(&treaty_id).unwrap();
    assert_eq!(treaty.in_force.start, Some(date("1994-04-20")));
    let article_4 = treaty.clause(&"art. 4".parse().unwrap()).unwrap();
    assert_eq!(article_4.norm.action, Action::Defend);
    assert!(
        article_4
            .translation
            .as_deref()
            .unwrap()
            .contains("Article 51 of the UN Charter")
    );
    let graph = CommitmentGraph::on(&scenario, date("2022-02-25"));
    assert!(
        graph
            .binding(&party("RUS"))
            .iter()
            .any(|it| it.instrument.id == treaty_id && it.beneficiary.as_str() == "ARM")
    );
    let csto = scenario.party(&party("CSTO")).unwrap();
    assert!(
        csto.members_on(date("2022-02-25"))
            .any(|it| it.as_str() == "ARM")
    );
}

#[test]
fn the_seed_saves_and_reloads_equal_in_both_formats() {
    let scenario = seed();
    let toml = allegiance::save::to_toml_string(&scenario);
    assert_eq!(allegiance::load::from_toml_str(&toml).unwrap(), scenario);
    let json = allegiance::save::to_json_string(&scenario);
    assert_eq!(allegiance::load::from_json_str(&json).unwrap(), scenario);
}
