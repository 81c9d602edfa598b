//! The ATOP and COW importers on small files written by hand from the codebooks
//! (`tests/fixtures/atop/`, `tests/fixtures/cow/`). Run with
//! `cargo test --features import --test import`.
//!
//! The fixtures use the real files' headers and codes; their alliances and wars are
//! invented (ATOPIDs and war numbers chosen for the test) so that each exercises one rule of
//! the codebooks:
//!
//! * ATOP 1001: a bilateral defence pact of the United Kingdom (200) and Portugal (235)
//!   against Spain (`defcoadv`, `statthr1` = 230), not if the ally provoked (`defconpr`), in a
//!   location (`defcoloc`); exit day missing.
//! * ATOP 1002: France and Annam, ATOP's non-COW code 8152.
//! * ATOP 2001, two phases: phase 1 (entry day missing) with Germany's obligations varying by
//!   partner (`obvary`); in phase 2 Italy leaves earlier and its neutrality holds only if the
//!   ally is attacked (`neucoatt`).
//! * ATOP 3001: a multilateral pact joined later by Turkey (640) and the German Federal
//!   Republic (260), which COW's Germany (255) succeeds on 3 October 1990; consultation on
//!   request (`concoreq`).
//! * ATOP 3002: Egypt leaves and re-enters (two rows in one phase).
//! * ATOP 3003: a neutrality of the Soviet Union (365) and the German Democratic Republic (265)
//!   conditional on an adversary ATOP does not name (`specthrt` = 2, a region).
//! * ATOP 3004: coded from secondary sources, threats missing.
//! * The alliance-level file lists the Netherlands (210) in 3001, which has no member row, and
//!   an alliance 3990 that the member file lacks.
//! * COW 901: Turkey (initiator) and Canada, both from 10 May 1960. COW 902: the United States
//!   and the United Kingdom (initiators) against Afghanistan, day unknown (-9), with Australia
//!   on their side from the first day (not an initiator) and Canada from December. COW 903:
//!   Italy against France, Italy changing sides in 1943, the United Kingdom with an unknown
//!   month. COW 904: no initiator. The file has CR line endings, as COW distributes it.
//!
//! Every expectation is reasoned from the fixtures and the module documentation, not copied
//! from the program's output.

#![cfg(feature = "import")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::BTreeSet;

use allegiance::import::atop::{self, Obvary, Options};
use allegiance::import::{self, ImportError, ImportReport, cow};
use allegiance::spec::{ClauseFile, InstrumentFile, PartyFile, ScenarioFile};
use allegiance::{Kind, Severity};

const MEMBERS: &str = include_str!("fixtures/atop/members.csv");
const ALLIANCES: &str = include_str!("fixtures/atop/alliances.csv");
const WARS: &str = include_str!("fixtures/cow/wars.csv");

fn alliances() -> (ScenarioFile, ImportReport) {
    let mut alliances = ALLIANCES.as_bytes();
    atop::read(MEMBERS.as_bytes(), Some(&mut alliances)).unwrap()
}

fn instrument<'f>(file: &'f ScenarioFile, id: &str) -> &'f InstrumentFile {
    file.instruments
        .iter()
        .find(|it| it.id == id)
        .unwrap_or_else(|| panic!("no instrument {id}"))
}

fn clause<'f>(instrument: &'f InstrumentFile, label: &str) -> &'f ClauseFile {
    instrument
        .clauses
        .iter()
        .find(|it| it.label == label)
        .unwrap_or_else(|| panic!("no clause {label} in {}", instrument.id))
}

fn party<'f>(file: &'f ScenarioFile, id: &str) -> &'f PartyFile {
    file.parties
        .iter()
        .find(|it| it.id == id)
        .unwrap_or_else(|| panic!("no party {id}"))
}

fn labels(instrument: &InstrumentFile) -> Vec<&str> {
    instrument
        .clauses
        .iter()
        .map(|it| it.label.as_str())
        .collect()
}

fn assumption(clause: &ClauseFile) -> &str {
    clause
        .source
        .as_ref()
        .and_then(|it| it.assumption.as_deref())
        .unwrap_or_default()
}

// ----- ATOP -----

/// One instrument per alliance and phase: eight, 2001 in two phases.
#[test]
fn one_instrument_per_alliance_and_phase() {
    let (file, report) = alliances();
    let ids: Vec<&str> = file.instruments.iter().map(|it| it.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "atop-1001",
            "atop-1002",
            "atop-2001-p1",
            "atop-2001-p2",
            "atop-3001",
            "atop-3002",
            "atop-3003",
            "atop-3004"
        ]
    );
    assert_eq!(report.rows, 22);
    assert_eq!(report.made["instruments"], 8);
    // 2 + 2 + 10 (Germany 4, Austria-Hungary 3, Italy 3) + 3 + 12 (four parties × 3) + 4 + 2 + 2.
    assert_eq!(report.made["clauses"], 37);
    for instrument in &file.instruments {
        assert_eq!(instrument.force, "binding");
        let atopid = instrument.id.trim_start_matches("atop-");
        let atopid = atopid.split('-').next().unwrap();
        assert!(
            instrument
                .source
                .citation
                .contains(&format!("ATOPID {atopid}"))
        );
        assert!(instrument.source.citation.contains("version 5.1"));
        assert_eq!(
            instrument.source.url.as_deref(),
            Some("http://www.atopdata.org")
        );
    }
    assert!(
        instrument(&file, "atop-2001-p2")
            .source
            .citation
            .contains("ATOPID 2001, phase 2")
    );
}

/// 1001: two members with the same dates are listed; signature read as entry into force; the
/// missing exit day is the 1st of June; the defence clauses name Spain, are not owed to a
/// provoking ally, and say the location condition is left out.
#[test]
fn a_bilateral_defence_pact_with_its_conditions() {
    let (file, report) = alliances();
    let pact = instrument(&file, "atop-1001");
    assert_eq!(pact.form, "bilateral");
    assert_eq!(pact.parties, ["GBR", "PRT"]);
    assert_eq!(pact.members_of, None);
    assert_eq!(pact.signed.as_deref(), Some("1816-03-01"));
    assert_eq!(pact.in_force, None);
    assert_eq!(pact.terminated.as_deref(), Some("1820-06-01"));
    assert!(
        pact.source
            .assumption
            .as_deref()
            .unwrap()
            .contains("exit day is missing in ATOP: read as 1820-06-01")
    );
    assert_eq!(labels(pact), ["defense/GBR", "defense/PRT"]);
    let britain = clause(pact, "defense/GBR");
    assert_eq!(britain.action, "defend");
    assert_eq!(britain.modality, "obligation");
    assert_eq!(britain.bound.as_deref(), Some(&["GBR".to_owned()][..]));
    assert_eq!(britain.toward, None);
    assert_eq!(britain.adversaries, ["ESP"]);
    assert!(britain.unless_provoked);
    assert!(britain.text.contains("DEFCOLOC"));
    assert!(britain.text.contains("Spain (COW 230)"));
    assert!(britain.text.contains("not its words"));
    assert!(assumption(britain).contains("(DEFCOLOC) cannot be expressed"));
    assert!(assumption(britain).contains("which ATOP does not say"));
    // Spain is a party, as a named threat.
    assert_eq!(party(&file, "ESP").name, "Spain");
    assert_eq!(
        report.approximated["member rows: exit day missing, read as the 1st"],
        2
    );
    assert_eq!(
        report.approximated["clauses: defense conditional upon conflict in a particular location (DEFCOLOC), applied without it"],
        2
    );
}

/// COW codes become ISO codes where one exists; the German Federal Republic (260) and
/// Germany (255) are both `DEU`; states that no longer exist keep COW's abbreviation; Annam
/// keeps ATOP's code.
#[test]
fn country_codes_are_mapped() {
    let (file, _) = alliances();
    let states: BTreeSet<&str> = file
        .parties
        .iter()
        .filter(|it| it.kind == "state")
        .map(|it| it.id.as_str())
        .collect();
    let expected: BTreeSet<&str> = [
        "ATOP-8152",
        "CAN",
        "COW-AUH",
        "COW-GDR",
        "DEU",
        "EGY",
        "ESP",
        "FRA",
        "GBR",
        "IRQ",
        "ITA",
        "PRT",
        "RUS",
        "SYR",
        "TUR",
        "USA",
    ]
    .into_iter()
    .collect();
    assert_eq!(states, expected);
    assert_eq!(party(&file, "ATOP-8152").name, "Annam");
    assert_eq!(party(&file, "COW-AUH").name, "Austria-Hungary");
    let germany = party(&file, "DEU").source.as_ref().unwrap();
    assert!(germany.citation.contains("255 (GMY), 260 (GFR)"));
    assert_eq!(instrument(&file, "atop-1002").parties, ["ATOP-8152", "FRA"]);
}

/// 3001: members join on other days, so an organisation gives each its dates; the German
/// Federal Republic's membership (1955 to 3 October 1990) and Germany's (from that day) are
/// one membership of `DEU`, and its two rows one set of clauses.
#[test]
fn accessions_make_an_organisation_of_members() {
    let (file, report) = alliances();
    let pact = instrument(&file, "atop-3001");
    assert_eq!(pact.form, "multilateral");
    assert!(pact.parties.is_empty());
    assert_eq!(pact.members_of.as_deref(), Some("atop-3001-members"));
    assert_eq!(pact.signed.as_deref(), Some("1949-04-04"));
    assert_eq!(pact.terminated, None);
    let members = party(&file, "atop-3001-members");
    assert_eq!(members.kind, "organisation");
    assert_eq!(members.since.as_deref(), Some("1949-04-04"));
    assert_eq!(members.until, None);
    let spans: Vec<(&str, Option<&str>, Option<&str>)> = members
        .members
        .iter()
        .map(|it| (it.party.as_str(), it.since.as_deref(), it.until.as_deref()))
        .collect();
    assert_eq!(
        spans,
        [
            ("CAN", Some("1949-04-04"), None),
            ("DEU", Some("1955-05-05"), None),
            ("TUR", Some("1952-02-18"), None),
            ("USA", Some("1949-04-04"), None),
        ]
    );
    assert_eq!(
        labels(pact),
        [
            "defense/CAN",
            "nonagg/CAN",
            "consul/CAN",
            "defense/DEU",
            "nonagg/DEU",
            "consul/DEU",
            "defense/TUR",
            "nonagg/TUR",
            "consul/TUR",
            "defense/USA",
            "nonagg/USA",
            "consul/USA"
        ]
    );
    assert_eq!(clause(pact, "nonagg/USA").action, "non_aggression");
    let consult = clause(pact, "consul/USA");
    assert_eq!(consult.action, "consult");
    assert!(assumption(consult).contains("(CONCOREQ) cannot be expressed"));
    assert!(
        !report
            .approximated
            .keys()
            .any(|it| it.contains("rows disagree"))
    );
    assert_eq!(report.made["organisations"], 3);
}

/// 3002: Egypt's two rows are two memberships, with the gap between them.
#[test]
fn a_member_that_re_enters_has_two_memberships() {
    let (file, _) = alliances();
    let members = party(&file, "atop-3002-members");
    let egypt: Vec<(Option<&str>, Option<&str>)> = members
        .members
        .iter()
        .filter(|it| it.party == "EGY")
        .map(|it| (it.since.as_deref(), it.until.as_deref()))
        .collect();
    assert_eq!(
        egypt,
        [
            (Some("1945-03-22"), Some("1979-03-31")),
            (Some("1989-05-22"), None)
        ]
    );
}

/// 2001: phase 1 (all members for its whole span, entry day missing: the 1st of May 1882) is
/// listed; in phase 2 Italy leaves in 1915, so its members are an organisation. Germany's
/// phase-1 obligations vary by partner: by default they are owed to every partner and say so.
#[test]
fn phases_missing_entry_days_and_obligations_that_vary_by_partner() {
    let (file, report) = alliances();
    let first = instrument(&file, "atop-2001-p1");
    assert_eq!(first.parties, ["COW-AUH", "DEU", "ITA"]);
    assert_eq!(first.signed.as_deref(), Some("1882-05-01"));
    assert_eq!(first.terminated.as_deref(), Some("1887-02-20"));
    assert_eq!(
        first.name,
        "ATOP alliance 2001, phase 1: Germany, Austria-Hungary and Italy"
    );
    let offense = clause(first, "offense/DEU");
    assert_eq!(offense.action, "offense");
    assert_eq!(offense.toward, None);
    assert!(offense.adversaries.is_empty()); // offcoadv = 0
    assert!(assumption(offense).contains("OBVARY = 1"));
    assert_eq!(clause(first, "defense/ITA").adversaries, ["FRA"]);
    assert_eq!(clause(first, "neutral/ITA").action, "neutrality");
    assert_eq!(
        report.approximated["member rows with OBVARY = 1: obligations read as owed to every partner"],
        1
    );
    assert_eq!(
        report.approximated["member rows: entry day missing, read as the 1st"],
        3
    );

    let second = instrument(&file, "atop-2001-p2");
    assert_eq!(second.members_of.as_deref(), Some("atop-2001-p2-members"));
    assert_eq!(second.terminated.as_deref(), Some("1918-11-03"));
    assert_eq!(
        labels(second),
        ["defense/COW-AUH", "defense/DEU", "neutral/ITA"]
    );
    assert!(assumption(clause(second, "neutral/ITA")).contains("(NEUCOATT) cannot be expressed"));
}

/// With `Obvary::Skip`, Germany's four phase-1 clauses are left out and counted.
#[test]
fn obligations_that_vary_by_partner_can_be_left_out() {
    let skip = Options::default().obvary(Obvary::Skip);
    let (file, report) = atop::read_with(MEMBERS.as_bytes(), None, &skip).unwrap();
    let first = instrument(&file, "atop-2001-p1");
    assert!(!labels(first).iter().any(|it| it.ends_with("/DEU")));
    assert_eq!(labels(first).len(), 6);
    assert_eq!(
        report.dropped["clauses of members whose obligations vary by partner (OBVARY = 1), left out"],
        4
    );
    assert_eq!(report.made["clauses"], 33);
}

/// 3003: the adversary condition names no state (a region), so the neutrality is owed
/// against any adversary, and says so; 3004: the threats are missing, the same; coded from
/// secondary sources.
#[test]
fn conditions_the_model_cannot_express_are_said() {
    let (file, report) = alliances();
    let neutrality = instrument(&file, "atop-3003");
    assert_eq!(neutrality.parties, ["COW-GDR", "RUS"]);
    let soviet = clause(neutrality, "neutral/RUS");
    assert!(soviet.adversaries.is_empty());
    assert!(assumption(soviet).contains("applies against any adversary"));
    assert!(assumption(soviet).contains("NEUCOATT"));
    let secondary = instrument(&file, "atop-3004");
    assert!(
        secondary
            .source
            .assumption
            .as_deref()
            .unwrap()
            .contains("SOURCE = 2")
    );
    assert_eq!(secondary.kind, "other"); // estmode missing
    assert_eq!(instrument(&file, "atop-1001").kind, "treaty");
    assert_eq!(
        report.approximated["clauses: adversary condition naming no state, applied against any adversary"],
        4
    );
    // 1001's two defence clauses (Spain), 2001 phase 1's three (France).
    assert_eq!(
        report.approximated["clauses: adversary condition read as the threats STATTHR1/STATTHR2"],
        5
    );
}

/// The alliance-level file only cross-checks: the Netherlands, listed in 3001 with no member
/// row, and alliance 3990, with no member rows at all, are reported as left out.
#[test]
fn the_alliance_level_file_cross_checks() {
    let (_, report) = alliances();
    assert_eq!(report.made["alliance-level rows cross-checked"], 8);
    assert_eq!(
        report.dropped["members listed in the alliance-level file without a member row, left out"],
        1
    );
    assert_eq!(
        report.dropped["alliances of the alliance-level file without member rows, left out"],
        1
    );
    assert_eq!(report.dropped_total(), 2);
    let note = report
        .notes
        .iter()
        .find(|it| it.message.contains("Netherlands"))
        .unwrap();
    assert_eq!(note.row, Some(5)); // header, 1001, 1002, 2001, 3001
}

#[test]
fn the_scenario_loads() {
    let (file, _) = alliances();
    let scenario = allegiance::load::from_file_form(file).unwrap_or_else(|it| panic!("{it}"));
    assert_eq!(scenario.instruments().len(), 8);
}

// ----- COW -----

#[test]
fn each_war_s_outbreak_becomes_attacks() {
    let (wars, report) = cow::read(WARS.as_bytes()).unwrap();
    assert_eq!(report.rows, 13);
    assert_eq!(wars.len(), 4);
    let events: Vec<(&str, &str, &str, &str)> = wars
        .iter()
        .flat_map(|it| &it.events)
        .map(|it| {
            (
                it.id.as_str(),
                it.date.as_str(),
                it.attacker.as_deref().unwrap(),
                it.victim.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            ("cow-war-901", "1960-05-10", "TUR", "CAN"),
            ("cow-war-902-USA-AFG", "2001-10-01", "USA", "AFG"),
            ("cow-war-902-GBR-AFG", "2001-10-01", "GBR", "AFG"),
            ("cow-war-903", "1940-06-10", "ITA", "FRA"),
        ]
    );
    for event in wars.iter().flat_map(|it| &it.events) {
        assert_eq!(event.kind, "armed_attack");
        assert_eq!(event.issue.as_deref(), Some(event.id.as_str()));
        assert_eq!(event.provoked, None);
        assert!(event.source.citation.contains("Inter-State War Data, v4.0"));
    }
    let straits = &wars[0].events[0];
    assert!(
        straits
            .source
            .citation
            .ends_with("war 901: Invented Straits War")
    );
    assert_eq!(
        straits.title.as_deref(),
        Some("Invented Straits War (COW war 901): Turkey's attack on Canada")
    );
    let coalition = &wars[1].events[0];
    assert!(
        coalition
            .source
            .assumption
            .as_deref()
            .unwrap()
            .contains("unknown (-9) and read as the 1st")
    );
    assert_eq!(
        wars.iter()
            .flat_map(|it| &it.events)
            .map(|it| cow::war_number(&it.id))
            .collect::<Vec<_>>(),
        [Some(901), Some(902), Some(902), Some(903)]
    );
    assert_eq!(wars[1].start, Some("2001-10-01".parse().unwrap()));
    assert!(wars[1].fought_from_the_start("AUS"));
    assert!(!wars[1].fought_from_the_start("CAN"));
}

/// What is left out: Canada (December 2001) and Italy's second row (1943) entered later;
/// Australia fought from the first day without being an initiator; the United Kingdom's month
/// is unknown; war 904 has no initiator.
#[test]
fn what_the_war_import_leaves_out_is_counted() {
    let (events, report) = cow::wars(WARS.as_bytes()).unwrap();
    assert_eq!(events.len(), 4);
    assert_eq!(report.made["events"], 4);
    assert_eq!(report.made["wars"], 4);
    assert_eq!(
        report.dropped["participants entering after the war's first day, left out"],
        2
    );
    assert_eq!(
        report.dropped["first-day participants neither attacker nor victim, left out"],
        1
    );
    assert_eq!(
        report.dropped["participants with an unknown start year or month, left out"],
        1
    );
    assert_eq!(
        report.dropped["wars with no initiator and victim on the first day, left out"],
        1
    );
    assert_eq!(
        report.approximated["events: start day unknown (-9), read as the 1st"],
        2
    );
    let australia = report
        .notes
        .iter()
        .find(|it| it.message.starts_with("Australia"))
        .unwrap();
    assert_eq!(australia.row, Some(6));
    assert!(australia.message.contains("not an initiator"));
}

/// Alliances and a war together, through the file form: on 10 May 1960 Turkey attacks
/// Canada. The United States and Germany (the Federal Republic, a member since 1955) are
/// bound by 3001 to defend Canada and not to fight Turkey: each is caught, a critical conflict
/// (obligations to fight). Turkey and Canada are the war's principals, not third parties, and
/// are left out as the replay leaves them out; no one else is bound toward either side.
#[test]
fn third_parties_caught_by_a_war() {
    let (mut file, _) = alliances();
    let (events, _) = cow::wars(WARS.as_bytes()).unwrap();
    let added = import::add_events(&mut file, events);
    // Afghanistan is the only attacker or victim that no alliance names (Australia is in no
    // attack).
    assert_eq!(added, 1);
    assert_eq!(party(&file, "AFG").name, "Afghanistan");
    let scenario = allegiance::load::from_file_form(file).unwrap_or_else(|it| panic!("{it}"));
    let report = allegiance::check_on(&scenario, "1960-05-10".parse().unwrap());
    let caught: BTreeSet<String> = report
        .findings()
        .iter()
        .filter(|it| it.issue.as_ref().map(|it| it.as_str()) == Some("cow-war-901"))
        .filter(|it| it.is_contradiction() && it.kind != Kind::Violation)
        .filter(|it| {
            it.parties
                .iter()
                .all(|it| !["TUR", "CAN"].contains(&it.as_str()))
        })
        .inspect(|it| {
            assert_eq!(it.kind, Kind::Conflict);
            assert_eq!(it.severity, Severity::Critical);
        })
        .flat_map(|it| it.parties.iter().map(ToString::to_string))
        .collect();
    assert_eq!(
        caught,
        ["DEU", "USA"].into_iter().map(str::to_owned).collect()
    );
}

// ----- bad input -----

fn atop_error(members: &str) -> ImportError {
    atop::read(members.as_bytes(), None).unwrap_err()
}

#[test]
fn bad_input_names_the_row_and_column() {
    let header = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul";
    let month_13 =
        format!("{header}\n1,2,1950,1,1,0,0,0,0,1,0,0,0,0\n1,20,1950,13,1,0,0,0,0,1,0,0,0,0\n");
    assert_eq!(
        atop_error(&month_13),
        ImportError::BadDate {
            file: atop::MEMBERS_FILE,
            row: 3,
            columns: "yrent/moent/dayent",
            value: "1950-13-01".to_owned(),
        }
    );
    let not_a_code = format!("{header}\n1,USA,1950,1,1,0,0,0,0,1,0,0,0,0\n");
    let error = atop_error(&not_a_code);
    assert_eq!(
        error.to_string(),
        "ATOP member-level file, row 2, column `member`: `USA` is not a whole number"
    );
    let dummy = format!("{header}\n1,2,1950,1,1,0,0,0,0,2,0,0,0,0\n");
    assert!(matches!(
        atop_error(&dummy),
        ImportError::BadValue {
            row: 2,
            column: "defense",
            ..
        }
    ));
    let no_consul = header.replace(",consul", "");
    assert_eq!(
        atop_error(&format!("{no_consul}\n")),
        ImportError::MissingColumn {
            file: atop::MEMBERS_FILE,
            column: "consul"
        }
    );
    let short = format!("{header}\n1,2,1950\n");
    assert!(matches!(
        atop_error(&short),
        ImportError::Read { row: Some(2), .. }
    ));

    let wars = "WarNum,WarName,ccode,Side,StartMonth1,StartDay1,StartYear1,Initiator\r1,W,2,3,1,1,1900,1\r";
    let error = cow::wars(wars.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "COW inter-state war file, row 2, column `side`: `3` is not 1 or 2"
    );
    let minus_seven = "WarNum,WarName,ccode,Side,StartMonth1,StartDay1,StartYear1,Initiator\n1,W,2,1,-7,1,1900,1\n";
    assert!(matches!(
        cow::wars(minus_seven.as_bytes()).unwrap_err(),
        ImportError::BadValue {
            column: "startmonth1",
            ..
        }
    ));
    let invalid_utf8: &[u8] =
        b"WarNum,WarName,ccode,Side,StartMonth1,StartDay1,StartYear1,Initiator\n1,\xff,2,1,1,1,1900,1\n";
    assert!(matches!(
        cow::wars(invalid_utf8).unwrap_err(),
        ImportError::Read { row: Some(2), .. }
    ));
}
