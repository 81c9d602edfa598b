#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

//! Two real wars read against the Inter-American Treaty of Reciprocal Assistance (Rio, 1947):
//! the Football War of 1969, a war between two of its parties, and the Falklands of 1982, where
//! a careful reading finds nothing and a naive one cries wolf.
//!
//! Every expectation below is reasoned from the clauses, the events and the positions of the
//! scenario files and from the semantics of DESIGN.md, written out in the comment before each
//! group of tests; none is copied from the program's output.

use std::collections::BTreeSet;

use allegiance::{Date, Finding, Kind, Scenario, Severity, Verdict};

const FOOTBALL_WAR: &str = include_str!("../examples/data/football-war-1969.toml");
const FALKLANDS: &str = include_str!("../examples/data/falklands-1982.toml");

fn load(text: &str) -> Scenario {
    allegiance::load::from_toml_str(text).unwrap_or_else(|errors| panic!("{errors}"))
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// A finding's (kind, parties, issue), as plain strings.
type Key = (Kind, Vec<String>, Option<String>);

fn key(finding: &Finding) -> Key {
    (
        finding.kind,
        finding.parties.iter().map(ToString::to_string).collect(),
        finding.issue.as_ref().map(ToString::to_string),
    )
}

/// The (kind, parties, issue) of every contradiction among `findings`.
fn contradictions(findings: &[Finding]) -> BTreeSet<Key> {
    findings
        .iter()
        .filter(|it| it.is_contradiction())
        .map(key)
        .collect()
}

fn expected(keys: &[(Kind, &[&str], &str)]) -> BTreeSet<Key> {
    keys.iter()
        .map(|(kind, parties, issue)| {
            (
                *kind,
                parties.iter().map(|it| (*it).to_owned()).collect(),
                Some((*issue).to_owned()),
            )
        })
        .collect()
}

/// The (instrument, label) of every clause of a finding's witness.
fn clauses(finding: &Finding) -> BTreeSet<(String, String)> {
    finding
        .witness
        .clauses
        .iter()
        .map(|it| (it.instrument.to_string(), it.label.to_string()))
        .collect()
}

fn clause_set(pairs: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    pairs
        .iter()
        .map(|(instrument, label)| ((*instrument).to_owned(), (*label).to_owned()))
        .collect()
}

/// The ids of the events of a finding's witness.
fn events(finding: &Finding) -> Vec<String> {
    finding
        .witness
        .events
        .iter()
        .map(|it| it.id.to_string())
        .collect()
}

/// The findings of `kind` naming exactly the one party `party`.
fn of<'a>(findings: &'a [Finding], kind: Kind, party: &str) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|it| it.kind == kind && it.parties.len() == 1 && it.parties[0].as_str() == party)
        .collect()
}

// =============================================================================================
// The Football War, 1969
// =============================================================================================
//
// The scenario (examples/data/football-war-1969.toml): six parties to the Rio Treaty, in force
// from 1948-12-03 — El Salvador (SLV), Honduras (HND), and four others, USA, GTM, NIC, CRI.
// Two clauses, both obligations in the security domain, binding every party toward every
// other: art. 1 (non_aggression) and art. 3(1) (defend). One event: on 1969-07-14 SLV attacks
// HND, making the war issue `football-war` (security). No positions.
//
// On and after 1969-07-14 the event fixes SLV on the attacker's side (stance support) and HND
// on the victim's side (stance oppose). The clauses give, for each bound party A and
// beneficiary B:
//   art. 1    A and B do not fight on opposite sides;
//   art. 3(1) B is the victim, so only B = HND triggers it: A fights on HND's side.
//
// El Salvador. art. 1 (SLV toward HND): SLV and HND may not fight on opposite sides, and the
// event puts them there. Minimal set {art. 1, the event}; the event is SLV's own act, so this
// is a VIOLATION by SLV. Literally read, art. 3(1) (SLV toward HND) also binds SLV to fight on
// HND's side against itself: {art. 3(1), the event} is a second minimal set, also SLV's own
// act. Either set may be the witness; each holds exactly one clause and the event.
//
// Each third party X in {USA, GTM, NIC, CRI}. art. 3(1) (X toward HND): X fights on the
// victim's side. art. 1 (X toward SLV): X does not fight on the side opposite to SLV's, and the
// event puts SLV on the attacker's side, so X may not fight on the victim's side. Both cannot
// hold. Minimal set {art. 1, art. 3(1), the event}: drop art. 3(1) and X stays out; drop
// art. 1 and X fights for HND; drop the event and there is no war. X declared nothing and did
// nothing, so this is a CONFLICT for X, one per third party, of severity CRITICAL (a duty to
// fight clashes with a duty not to). Nothing else binds X: art. 1 toward HND and toward the
// other third parties is kept by fighting for HND alongside them.
//   Minimality here is over constraints, one clause binding one party toward one other (a
// multilateral article is a bundle of such promises, and DESIGN.md's constraints are stated
// per bound party and beneficiary): X's set holds art. 1 between X and SLV and art. 3(1) from
// X toward HND, not art. 1 between SLV and HND. Counted by whole clauses instead, {art. 1, the
// event} would already be unsatisfiable through the SLV-HND pair, and every third party's
// dilemma would hide behind El Salvador's violation.
//
// Honduras. art. 3(1) binds HND toward the others only when they are attacked: not triggered.
// art. 1 (HND toward SLV) says the same as art. 1 (SLV toward HND): HND and SLV may not fight
// on opposite sides. Its minimal set is the one above, {art. 1, the event}: one set, one
// finding (DESIGN.md: a finding is a set of constraints no assignment satisfies, with its
// minimal witness). Which kind? A conflict needs obligations that contradict each other
// whatever the party does; HND does nothing here: its side is fixed by being attacked, and no
// obligation of its own decides it, so its obligations are not contradictory, they are broken
// by a fact. That fact is an act, and its author is SLV, itself bound by the same clause toward
// HND: the set is SLV's VIOLATION, and HND appears in it only as the other party the clause
// binds (its chain joins SLV and HND). So NO finding names HND: the engine must not call the
// victim's self-defence a breach or a dilemma. That is also the law: art. 1 forbids only force
// "inconsistent with the provisions of the Charter", and self-defence under Charter art. 51
// (which art. 3(1) itself invokes) is consistent with it.
//
// No strict alignment and no savings clause is in any witness, so every contradiction is
// FIRM (the most lenient reading changes nothing), and none has a way out.
//
// Each holds from 1969-07-14, when the war issue is made (the treaty is in force since 1948),
// and has no end: the scenario records no ceasefire and no termination.
//
// Imbalance: each third party X is allied with both SLV and HND (the Rio Treaty), which are at
// war: the triads {X, HND, SLV} are unbalanced, four in all. Triads of three allies at peace
// (two third parties and SLV or HND, or three third parties) are balanced, and nobody holds a
// position, so no other edge is negative.
//
// Must NOT appear: any contradiction before 1969-07-14 (no war, no positions: nothing at all
// is reported on 1969-07-13), any contradiction on another issue, any contradiction naming HND,
// any violation by a third party (none has a position or act in any minimal set).

const FOOTBALL_WAR_ISSUE: &str = "football-war";
const THIRD_PARTIES: [&str; 4] = ["CRI", "GTM", "NIC", "USA"];

fn football_war_expected() -> BTreeSet<Key> {
    expected(&[
        (Kind::Violation, &["SLV"], FOOTBALL_WAR_ISSUE),
        (Kind::Conflict, &["CRI"], FOOTBALL_WAR_ISSUE),
        (Kind::Conflict, &["GTM"], FOOTBALL_WAR_ISSUE),
        (Kind::Conflict, &["NIC"], FOOTBALL_WAR_ISSUE),
        (Kind::Conflict, &["USA"], FOOTBALL_WAR_ISSUE),
    ])
}

#[test]
fn football_war_scenario_loads() {
    let scenario = load(FOOTBALL_WAR);
    assert_eq!(scenario.events().len(), 1);
    assert_eq!(scenario.instruments().len(), 1);
}

#[test]
fn football_war_contradictions_are_exactly_the_reasoned_ones() {
    let report = allegiance::check(&load(FOOTBALL_WAR));
    assert_eq!(
        contradictions(report.findings()),
        football_war_expected(),
        "{report}"
    );
}

#[test]
fn football_war_contradictions_start_on_the_day_of_the_attack_and_do_not_end() {
    let report = allegiance::check(&load(FOOTBALL_WAR));
    for finding in report.findings().iter().filter(|it| it.is_contradiction()) {
        assert_eq!(
            finding.during.start,
            Some(date("1969-07-14")),
            "{finding:?}"
        );
        assert_eq!(finding.during.end, None, "{finding:?}");
        assert_eq!(finding.verdict, Verdict::Firm, "{finding:?}");
        assert_eq!(finding.way_out, None, "{finding:?}");
    }
}

#[test]
fn every_third_party_faces_a_critical_conflict_between_articles_1_and_3() {
    let report = allegiance::check(&load(FOOTBALL_WAR));
    for party in THIRD_PARTIES {
        let found = of(report.findings(), Kind::Conflict, party);
        assert!(!found.is_empty(), "no conflict for {party}\n{report}");
        for finding in found {
            assert_eq!(finding.severity, Severity::Critical, "{party}: {finding:?}");
            assert_eq!(
                clauses(finding),
                clause_set(&[("rio-1947", "art. 1"), ("rio-1947", "art. 3(1)")]),
                "{party}: {finding:?}"
            );
            assert_eq!(
                events(finding),
                ["salvadoran-attack-1969"],
                "{party}: {finding:?}"
            );
            assert!(finding.witness.positions.is_empty(), "{party}: {finding:?}");
        }
    }
}

#[test]
fn el_salvadors_attack_is_its_own_violation() {
    let report = allegiance::check(&load(FOOTBALL_WAR));
    let found = of(report.findings(), Kind::Violation, "SLV");
    assert!(!found.is_empty(), "no violation by SLV\n{report}");
    let either = [
        clause_set(&[("rio-1947", "art. 1")]),
        clause_set(&[("rio-1947", "art. 3(1)")]),
    ];
    for finding in found {
        assert!(either.contains(&clauses(finding)), "{finding:?}");
        // The constraint the attack breaks lies between SLV and HND.
        assert!(
            finding.witness.chain.iter().any(|link| {
                let ends = [link.from.as_str(), link.to.as_str()];
                ends.contains(&"SLV") && ends.contains(&"HND")
            }),
            "{finding:?}"
        );
        assert_eq!(events(finding), ["salvadoran-attack-1969"], "{finding:?}");
        assert!(finding.witness.positions.is_empty(), "{finding:?}");
    }
}

#[test]
fn honduras_defending_itself_is_no_party_to_any_contradiction() {
    let report = allegiance::check(&load(FOOTBALL_WAR));
    for finding in report.findings().iter().filter(|it| it.is_contradiction()) {
        assert!(
            finding.parties.iter().all(|it| it.as_str() != "HND"),
            "{finding:?}"
        );
    }
}

#[test]
fn football_war_nothing_before_the_attack_and_the_same_on_the_day() {
    let scenario = load(FOOTBALL_WAR);
    let before = allegiance::check_on(&scenario, date("1969-07-13"));
    assert!(before.findings().is_empty(), "{before}");
    let on_the_day = allegiance::check_on(&scenario, date("1969-07-14"));
    assert_eq!(
        contradictions(on_the_day.findings()),
        football_war_expected(),
        "{on_the_day}"
    );
    let years_later = allegiance::check_on(&scenario, date("1975-01-01"));
    assert_eq!(
        contradictions(years_later.findings()),
        football_war_expected(),
        "{years_later}"
    );
}

#[test]
fn football_war_unbalances_every_triad_of_a_third_party_with_the_belligerents() {
    let report = allegiance::check(&load(FOOTBALL_WAR));
    let triads: BTreeSet<BTreeSet<String>> = report
        .findings()
        .iter()
        .filter(|it| it.kind == Kind::Imbalance)
        .map(|it| it.parties.iter().map(ToString::to_string).collect())
        .collect();
    let reasoned: BTreeSet<BTreeSet<String>> = THIRD_PARTIES
        .iter()
        .map(|party| {
            [*party, "HND", "SLV"]
                .iter()
                .map(|it| (*it).to_owned())
                .collect()
        })
        .collect();
    assert_eq!(triads, reasoned, "{report}");
    for finding in report
        .findings()
        .iter()
        .filter(|it| it.kind == Kind::Imbalance)
    {
        assert_eq!(finding.severity, Severity::Low, "{finding:?}");
        assert!(!finding.is_contradiction(), "{finding:?}");
    }
}

// =============================================================================================
// The Falklands, 1982
// =============================================================================================
//
// The scenario (examples/data/falklands-1982.toml): ARG, GBR, USA. The Rio Treaty binds ARG
// and USA only (the United Kingdom is no party), art. 1 (non_aggression) and art. 3(1)
// (defend), security. Event: on 1982-04-02 ARG attacks GBR, war issue `falklands-war`. Position:
// USA oppose on `falklands-war` from 1982-04-30 (Haig's statement; "no direct U.S. military
// involvement").
//
// From 1982-04-02: ARG on the attacker's side (support), GBR on the victim's side (oppose).
//   art. 3(1), USA toward ARG: triggered only if ARG is the victim. ARG is the attacker: NOT
//     triggered. USA toward itself: no. ARG toward USA: USA is not attacked. No constraint.
//   art. 1, USA toward ARG (and ARG toward USA): USA and ARG not on opposite sides, so USA may
//     not fight on the victim's side. GBR is no party: nothing binds anyone toward it.
// From 1982-04-30 the USA's stance is oppose, which rules out fighting on the attacker's side
// (that implies support). Left: the USA stays out, which keeps everything, and is what it did.
// So no contradiction for anyone, on any date; no tension either (the USA's stance is its own
// declaration, not forced on it). No imbalance: the only triad, {ARG, GBR, USA}, has no edge
// between GBR and USA (no alliance; the same stance, oppose, is no edge). The report is empty.
//
// The naive variant. A naive checker makes the United States' support for the United Kingdom
// a breach of its duty to assist Argentina, as if Argentina were the one attacked. The test
// builds that reading by adding, in the TOML text, an armed attack "GBR attacks ARG" on
// 1982-05-01 (issue `british-attack-on-argentina`), which the careful model refuses to record
// since the United Kingdom acted in self-defence.
//   The event alone: art. 3(1) USA toward ARG is now triggered on the new issue (ARG its
//     victim): USA must fight on ARG's side; art. 1 (USA and ARG not on opposite sides) agrees.
//     The USA declared nothing on the new issue (its "oppose" is on Argentina's attack, another
//     issue), so the duty can be kept: still no contradiction. Positions are per issue, and
//     the engine may not carry the USA's stance from one war to the other.
//   The event and the USA's support for the British action (stance support on the new issue
//     from 1982-05-01, Haig's "materiel support for British forces" read naively): art. 3(1)
//     requires the USA on the victim's side, which implies oppose; its own position says
//     support. Minimal set {art. 3(1), the USA's position, the naive event}: drop the clause,
//     the position, or the event and it can be kept. art. 1 is not needed (with stance support
//     the USA can stay out and keep it). The USA's own position is in the set: a VIOLATION by
//     the USA on `british-attack-on-argentina`, from 1982-05-01, firm, and the only
//     contradiction. That is the naive checker's accusation, and it rests wholly on the
//     invented attack.

const FALKLANDS_ISSUE: &str = "falklands-war";
const NAIVE_ISSUE: &str = "british-attack-on-argentina";

/// The British counter-attack of 1 May 1982 recorded as an armed attack on Argentina.
const NAIVE_EVENT: &str = r#"

[[events]]
id = "naive-british-attack"
kind = "armed_attack"
date = "1982-05-01"
attacker = "GBR"
victim = "ARG"
issue = "british-attack-on-argentina"
title = "The United Kingdom's attack on Argentina (the naive reading)"
domain = "security"
source = { citation = "Hypothetical, for the test only", assumption = "The naive reading: the British action of 1 May 1982 recorded as an armed attack on Argentina, ignoring that the United Kingdom acted in self-defence against Argentina's attack of 2 April." }
"#;

/// The United States' support for the British action, on the naive issue.
const NAIVE_POSITION: &str = r#"

[[positions]]
party = "USA"
issue = "british-attack-on-argentina"
stance = "support"
since = "1982-05-01"
source = { citation = "Hypothetical, for the test only", assumption = "Haig's promise of materiel support for British forces (30 April 1982) read as support for the naive event's attack." }
"#;

fn naive(extra: &[&str]) -> Scenario {
    let mut text = FALKLANDS.to_owned();
    for it in extra {
        text.push_str(it);
    }
    load(&text)
}

#[test]
fn falklands_scenario_loads() {
    let scenario = load(FALKLANDS);
    assert_eq!(scenario.events().len(), 1);
    assert_eq!(scenario.positions().len(), 1);
}

#[test]
fn falklands_careful_reading_finds_nothing() {
    let scenario = load(FALKLANDS);
    let report = allegiance::check(&scenario);
    assert!(report.findings().is_empty(), "{report}");
    for day in ["1982-04-02", "1982-04-30", "1982-05-01", "1982-06-15"] {
        let on_the_day = allegiance::check_on(&scenario, date(day));
        assert!(on_the_day.findings().is_empty(), "{day}\n{on_the_day}");
    }
}

#[test]
fn falklands_no_finding_names_the_united_states() {
    let report = allegiance::check(&load(FALKLANDS));
    assert!(
        report
            .findings()
            .iter()
            .all(|it| it.parties.iter().all(|party| party.as_str() != "USA")),
        "{report}"
    );
    assert!(
        report.findings().iter().all(|it| it
            .issue
            .as_ref()
            .is_none_or(|issue| issue.as_str() != FALKLANDS_ISSUE)),
        "{report}"
    );
}

#[test]
fn falklands_naive_attack_alone_triggers_a_duty_that_can_still_be_kept() {
    let report = allegiance::check(&naive(&[NAIVE_EVENT]));
    assert_eq!(
        contradictions(report.findings()),
        BTreeSet::new(),
        "{report}"
    );
}

#[test]
fn falklands_naive_reading_makes_the_united_states_a_violator() {
    let scenario = naive(&[NAIVE_EVENT, NAIVE_POSITION]);
    let report = allegiance::check(&scenario);
    assert_eq!(
        contradictions(report.findings()),
        expected(&[(Kind::Violation, &["USA"], NAIVE_ISSUE)]),
        "{report}"
    );
    let found = of(report.findings(), Kind::Violation, "USA");
    assert!(!found.is_empty(), "{report}");
    for finding in found {
        assert_eq!(
            finding.during.start,
            Some(date("1982-05-01")),
            "{finding:?}"
        );
        assert_eq!(finding.during.end, None, "{finding:?}");
        assert_eq!(finding.verdict, Verdict::Firm, "{finding:?}");
        assert_eq!(
            clauses(finding),
            clause_set(&[("rio-1947", "art. 3(1)")]),
            "{finding:?}"
        );
        assert_eq!(events(finding), ["naive-british-attack"], "{finding:?}");
        let positions: Vec<(String, String, String)> = finding
            .witness
            .positions
            .iter()
            .map(|it| {
                (
                    it.party.to_string(),
                    it.issue.to_string(),
                    it.stance.to_string(),
                )
            })
            .collect();
        assert_eq!(
            positions,
            [(
                "USA".to_owned(),
                NAIVE_ISSUE.to_owned(),
                "support".to_owned()
            )],
            "{finding:?}"
        );
    }
}

#[test]
fn falklands_naive_reading_holds_nothing_before_the_invented_attack() {
    let scenario = naive(&[NAIVE_EVENT, NAIVE_POSITION]);
    let before = allegiance::check_on(&scenario, date("1982-04-30"));
    assert_eq!(
        contradictions(before.findings()),
        BTreeSet::new(),
        "{before}"
    );
    let on_the_day = allegiance::check_on(&scenario, date("1982-05-01"));
    assert_eq!(
        contradictions(on_the_day.findings()),
        expected(&[(Kind::Violation, &["USA"], NAIVE_ISSUE)]),
        "{on_the_day}"
    );
}
