//! Testing Russia's claim about Armenia (issue 4, part 4).
//!
//! On 2022-02-25 Russia's foreign ministry said the Moscow declaration with Azerbaijan poses
//! no problem for Russia's allied obligations to Armenia (Zakharova: "We will comply with our
//! obligations towards Yerevan, which is our longtime, close ally"; ArmInfo, 2022-02-26, as
//! the bundled scenario's description quotes it). The latent scan tests that claim: for every
//! hypothetical attack, can Russia keep everything? The what-if then adds the attack that
//! happened, Azerbaijan's on Armenian territory of 2022-09-13
//! (`examples/data/armenia-2022-09-13.toml`).
//!
//! Everything below is reasoned from the clauses of the bundled scenario and DESIGN.md's
//! table, not pasted from the program's output.
//!
//! # What binds on 2022-02-25, in the security domain
//!
//! * Collective Security Treaty, art. 4 (`cst-1992`, defend, binding, in force since
//!   1994-04-20): each of ARM, BLR, KAZ, KGZ, RUS, TJK must fight on the side of any other
//!   that is attacked. Not triggered by its beneficiary's own attack.
//! * Moscow declaration (`moscow-2022`, binding, from 2022-02-22), between AZE and RUS:
//!   point 4, loose alignment in foreign policy and security: RUS's stance is never opposite
//!   AZE's (and AZE's never opposite RUS's); point 7, no harm with discretion ("in the opinion
//!   of one of the Parties"), every domain: RUS never opposes AZE's *declared* stance (and
//!   vice versa). The "military assistance" point is a permission: no constraint. The
//!   declaration has a savings clause ("takes into account each party's international
//!   obligations"): on the lenient reading it yields to the other binding instrument of a
//!   witness (VCLT art. 30(2)).
//! * Shusha declaration (`shusha-2021`, binding), between AZE and TUR: the preamble's
//!   "coordination", strict alignment in foreign policy and security (AZE's stance = TUR's);
//!   mutual assistance, defend.
//!
//! On a war issue X attacks Y: X supports and fights on its own side, Y opposes and fights on
//! its own. A duty to fight on Y's side is stance oppose. A declared stance, for no harm, is a
//! position or a principal's side: only the attacker and the victim have one on a
//! hypothetical attack. The latent scan keeps only third parties' contradictions (conflicts,
//! or tensions with no way out); the principals' own breaches are their acts.
//!
//! # The claim, pair by pair
//!
//! * **AZE attacks ARM**: art. 4 makes RUS fight on Armenia's side, stance oppose. Point 4
//!   forbids RUS the stance opposite AZE's support: not oppose. Point 7 forbids RUS opposing
//!   AZE's declared side, support: not oppose, again. Whatever Russia does it breaks art. 4 or
//!   the declaration: a **conflict** for RUS, two minimal witnesses (art. 4 with point 4, art.
//!   4 with point 7). **The claim fails.** It is interpretive: the declaration's savings clause
//!   lets it yield to the treaty (VCLT art. 30(2)), and then the way out is to keep art. 4,
//!   oppose. So the claim holds only as a reading of that savings clause, not on the terms of
//!   points 4 and 7. Medium (interpretive), not critical.
//! * **ARM attacks AZE**: art. 4 is not triggered (Armenia is not attacked). Turkey must
//!   defend Azerbaijan (Shusha), Azerbaijan opposes as victim, so points 4 and 7 forbid Russia
//!   to support Armenia's attack: Russia stays out or opposes, and keeps everything. **The
//!   claim holds.** No exposure at all.
//! * **AZE attacks BLR, KAZ, KGZ or TJK**: the same as Armenia; art. 4 is collective. The
//!   claim, made about Armenia, fails for any Azerbaijani attack on a treaty partner other than
//!   Russia.
//! * **TUR attacks ARM** (and BLR, KAZ, KGZ, TJK): Russia must fight for the victim (oppose).
//!   The Moscow declaration binds Russia toward Azerbaijan only, but Azerbaijan is bound by
//!   Shusha's strict coordination to hold Turkey's stance, support, and point 4 carries that
//!   to Russia: not oppose. Alignment passes along the chain TUR → AZE → RUS, so the clash is
//!   one **conflict binding AZE and RUS together** (point 7 does not come in: Azerbaijan, not
//!   being a principal, has no declared stance). Interpretive: read Shusha loosely and
//!   Azerbaijan may stay neutral; then Russia keeps both art. 4 and point 4. So "no problem"
//!   holds here only if Azerbaijan does not follow Turkey.
//! * **TUR attacks RUS**: the CSTO states must defend Russia; no one is caught on that side.
//!   But Azerbaijan must hold Turkey's support (Shusha, strict) and not the stance opposite
//!   Russia's, oppose (point 4), nor oppose Russia's declared side (point 7): a conflict for
//!   AZE, two witnesses, interpretive (Shusha read loosely: neutrality is the way out).
//! * **RUS attacks TUR**: Azerbaijan must defend Turkey and hold its stance (Shusha), and must
//!   not oppose Russia (points 4 and 7): a conflict for AZE, the motivating case's structure.
//! * **AZE attacks RUS**, **RUS attacks AZE**, **AZE attacks TUR**, **TUR attacks AZE**,
//!   **a CSTO state attacks another**: the attacker breaks its own obligations (a violation
//!   of its own, not a planner's dilemma, so not in the scan); the third parties can keep
//!   theirs (the CSTO states defend the victim, nothing pulls them the other way; Turkey
//!   defending Azerbaijan against Russia has no tie to Russia; Russia attacked by Azerbaijan
//!   is owed help by its treaty partners, who owe Azerbaijan nothing). No exposure.
//! * **Anything else** (Ukraine, the "DPR" and "LPR" in either role; a CSTO state attacking
//!   AZE or TUR; AZE or TUR attacking Ukraine): at most one side of anyone's obligations is
//!   triggered. No exposure.
//!
//! So, on 2022-02-25: 12 exposures; Russia exposed by 10 attacks (AZE or TUR attacking one of
//! its five treaty partners), Azerbaijan by 7 (TUR attacking those five, TUR attacking RUS,
//! RUS attacking TUR). The most dangerous are Turkey's attacks on the five, each catching two
//! states. The other CSTO members (BLR, KAZ, KGZ, TJK) and Turkey are never exposed: nothing
//! in the scenario binds them against their treaty duties. And before the Moscow declaration
//! (2022-02-21) nothing is exposed at all: every exposure runs through it.
//!
//! # What if: Azerbaijan's attack of 2022-09-13
//!
//! The overlay adds the attack (AZE → ARM, issue `azerbaijani-attack-on-armenia-2022`,
//! security) and four positions on it: ARM oppose (its request for help under art. 4), TUR
//! support (Çavuşoğlu: "Armenia should cease its provocations"), RUS neutral (the MFA's call
//! on both parties for restraint), the CSTO neutral (organisation; no clause binds it).
//!
//! * Russia: the AZE-attacks-ARM conflict above becomes real from 2022-09-13, open-ended:
//!   conflict, RUS, art. 4 against points 4 and 7, interpretive by the savings clause, medium.
//!   Russia's declared neutrality breaks art. 4, but Russia could not keep art. 4 together
//!   with the declaration anyway: DESIGN.md calls that a conflict ("its own declared position
//!   removed, still unsatisfiable"), not a violation. No violation is reported.
//! * Armenia opposes as victim anyway; Turkey's support matches Azerbaijan's, as Shusha
//!   requires; the CSTO's neutrality binds no one. BLR, KAZ, KGZ and TJK must fight for
//!   Armenia and nothing pulls them the other way; they declared nothing (silence is no
//!   position), so no finding. No other contradiction appears.
//! * Structural balance: Armenia and Azerbaijan become adversaries, and both are Russia's
//!   allies (art. 4; point 4): the triad ARM, AZE, RUS is unbalanced from 2022-09-13, a new
//!   imbalance. Turkey (support) and Armenia (oppose) become adversaries too, but the triads
//!   ARM-AZE-TUR (two negative edges) and ARM-RUS-TUR (Turkey and Russia already adversaries
//!   over Ukraine) are balanced. The earlier findings (Azerbaijan's conflicts over Ukraine,
//!   the AZE-RUS-TUR imbalance) are untouched.
//!
//! So the diff's `appeared` holds exactly two findings: Russia's conflict and the ARM-AZE-RUS
//! imbalance, both from 2022-09-13.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use allegiance::{Date, Finding, Kind, PartyId, Scenario, Severity, Stance, Verdict, Witness};

const SEED: &str = include_str!("../examples/data/caucasus-2022.toml");
const OVERLAY: &str = include_str!("../examples/data/armenia-2022-09-13.toml");
const ISSUE: &str = "azerbaijani-attack-on-armenia-2022";

fn seed() -> Scenario {
    allegiance::load::from_toml_str(SEED).unwrap_or_else(|errors| panic!("{errors}"))
}

/// The seed with the overlay's entries appended: both files hold only arrays of tables past
/// the seed's header, so the concatenation is the scenario the what-if builds.
fn seed_with_overlay(overlay: &str) -> Scenario {
    allegiance::load::from_toml_str(&format!("{SEED}\n{overlay}"))
        .unwrap_or_else(|errors| panic!("{errors}"))
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn party(id: &str) -> PartyId {
    id.parse().unwrap()
}

fn ids(parties: &[PartyId]) -> Vec<&str> {
    parties.iter().map(PartyId::as_str).collect()
}

fn clauses(witness: &Witness) -> Vec<String> {
    witness
        .clauses
        .iter()
        .map(|it| format!("{} {}", it.instrument, it.label))
        .collect()
}

fn witnesses(finding: &Finding) -> Vec<Vec<String>> {
    let mut all: Vec<Vec<String>> = std::iter::once(&finding.witness)
        .chain(&finding.also)
        .map(clauses)
        .collect();
    all.sort();
    all
}

/// The third parties' findings if `attacker` attacked `victim` on `on`.
fn exposure(scenario: &Scenario, on: &str, attacker: &str, victim: &str) -> Vec<Finding> {
    allegiance::latent(scenario, date(on))
        .exposures
        .into_iter()
        .find(|it| it.attacker == party(attacker) && it.victim == party(victim))
        .map(|it| it.findings)
        .unwrap_or_default()
}

/// Russia's conflict on an Azerbaijani attack on a treaty partner: art. 4 against point 4,
/// and art. 4 against point 7; interpretive, dissolved by the declaration's savings clause,
/// with keeping art. 4 (oppose) the way out.
fn assert_russia_caught(finding: &Finding) {
    assert_eq!(finding.kind, Kind::Conflict);
    assert_eq!(ids(&finding.parties), ["RUS"]);
    assert_eq!(
        witnesses(finding),
        [
            ["cst-1992 art. 4", "moscow-2022 point 4"],
            ["cst-1992 art. 4", "moscow-2022 point 7"],
        ]
    );
    match &finding.verdict {
        Verdict::Interpretive {
            dissolved_by,
            ways_out,
            ..
        } => {
            assert!(
                dissolved_by
                    .iter()
                    .all(|it| it.instrument.as_str() == "moscow-2022"),
                "{dissolved_by:?}"
            );
            assert_eq!(ways_out, &[Stance::Oppose]);
        }
        Verdict::Firm => panic!("the savings clause should dissolve it: {finding:?}"),
    }
    assert_eq!(finding.severity, Severity::Medium);
}

#[test]
fn the_claim_fails_if_azerbaijan_attacks_armenia() {
    let found = exposure(&seed(), "2022-02-25", "AZE", "ARM");
    assert_eq!(found.len(), 1, "{found:?}");
    let russia = &found[0];
    // The brief's assertion: a conflict for Russia whose witness cites art. 4 and point 4 or 7.
    let cited = clauses(&russia.witness);
    assert!(cited.contains(&"cst-1992 art. 4".to_owned()), "{cited:?}");
    assert!(
        cited.contains(&"moscow-2022 point 4".to_owned())
            || cited.contains(&"moscow-2022 point 7".to_owned()),
        "{cited:?}"
    );
    assert_russia_caught(russia);
    // The witness names the hypothetical attack.
    let events: Vec<(Option<&str>, Option<&str>)> = russia
        .witness
        .events
        .iter()
        .map(|it| {
            (
                it.attacker.as_ref().map(PartyId::as_str),
                it.victim.as_ref().map(PartyId::as_str),
            )
        })
        .collect();
    assert_eq!(events, [(Some("AZE"), Some("ARM"))]);
}

#[test]
fn the_claim_holds_if_armenia_attacks_azerbaijan() {
    let found = exposure(&seed(), "2022-02-25", "ARM", "AZE");
    assert!(
        !found
            .iter()
            .any(|it| it.kind == Kind::Conflict && it.parties.contains(&party("RUS"))),
        "{found:?}"
    );
    // Nobody else is caught either.
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn the_claim_fails_for_every_azerbaijani_attack_on_a_treaty_partner_but_russia() {
    let scenario = seed();
    for victim in ["ARM", "BLR", "KAZ", "KGZ", "TJK"] {
        let found = exposure(&scenario, "2022-02-25", "AZE", victim);
        assert_eq!(found.len(), 1, "AZE attacks {victim}: {found:?}");
        assert_russia_caught(&found[0]);
    }
}

#[test]
fn a_turkish_attack_on_armenia_catches_russia_and_azerbaijan_together() {
    let found = exposure(&seed(), "2022-02-25", "TUR", "ARM");
    assert_eq!(found.len(), 1, "{found:?}");
    let conflict = &found[0];
    assert_eq!(conflict.kind, Kind::Conflict);
    assert_eq!(ids(&conflict.parties), ["AZE", "RUS"]);
    // Point 7 has no declared stance of Azerbaijan's to protect: one witness, through Shusha.
    assert_eq!(
        witnesses(conflict),
        [[
            "cst-1992 art. 4",
            "moscow-2022 point 4",
            "shusha-2021 preamble (coordination)"
        ]]
    );
    match &conflict.verdict {
        Verdict::Interpretive { dissolved_by, .. } => {
            let labels: Vec<&str> = dissolved_by.iter().map(|it| it.label.as_str()).collect();
            assert_eq!(labels, ["preamble (coordination)"]);
        }
        Verdict::Firm => panic!("Shusha read loosely should dissolve it: {conflict:?}"),
    }
}

#[test]
fn attacks_between_turkey_and_russia_catch_azerbaijan() {
    let scenario = seed();
    for (attacker, victim) in [("TUR", "RUS"), ("RUS", "TUR")] {
        let found = exposure(&scenario, "2022-02-25", attacker, victim);
        assert_eq!(found.len(), 1, "{attacker} attacks {victim}: {found:?}");
        assert_eq!(found[0].kind, Kind::Conflict);
        assert_eq!(ids(&found[0].parties), ["AZE"]);
        assert_eq!(
            witnesses(&found[0]),
            [
                ["moscow-2022 point 4", "shusha-2021 preamble (coordination)"],
                ["moscow-2022 point 7", "shusha-2021 preamble (coordination)"],
            ]
        );
    }
}

#[test]
fn the_whole_latent_scan_of_the_day_after_the_claim() {
    let latent = allegiance::latent(&seed(), date("2022-02-25"));
    let pairs: Vec<(&str, &str)> = latent
        .exposures
        .iter()
        .map(|it| (it.attacker.as_str(), it.victim.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("AZE", "ARM"),
            ("AZE", "BLR"),
            ("AZE", "KAZ"),
            ("AZE", "KGZ"),
            ("AZE", "TJK"),
            ("RUS", "TUR"),
            ("TUR", "ARM"),
            ("TUR", "BLR"),
            ("TUR", "KAZ"),
            ("TUR", "KGZ"),
            ("TUR", "RUS"),
            ("TUR", "TJK"),
        ],
        "{latent}"
    );
    let exposed: Vec<(&str, usize)> = latent
        .most_exposed
        .iter()
        .map(|(who, count)| (who.as_str(), *count))
        .collect();
    assert_eq!(exposed, [("RUS", 10), ("AZE", 7)]);
    let dangerous: Vec<(&str, &str, usize)> = latent
        .most_dangerous
        .iter()
        .map(|(attacker, victim, count)| (attacker.as_str(), victim.as_str(), *count))
        .collect();
    assert_eq!(
        dangerous,
        [
            ("TUR", "ARM", 2),
            ("TUR", "BLR", 2),
            ("TUR", "KAZ", 2),
            ("TUR", "KGZ", 2),
            ("TUR", "TJK", 2),
            ("AZE", "ARM", 1),
            ("AZE", "BLR", 1),
            ("AZE", "KAZ", 1),
            ("AZE", "KGZ", 1),
            ("AZE", "TJK", 1),
            ("RUS", "TUR", 1),
            ("TUR", "RUS", 1),
        ]
    );
    // The other treaty partners and Turkey are never caught.
    for exposure in &latent.exposures {
        for finding in &exposure.findings {
            for who in ["BLR", "KAZ", "KGZ", "TJK", "ARM", "TUR"] {
                assert!(!finding.parties.contains(&party(who)), "{latent}");
            }
        }
    }
}

#[test]
fn before_the_moscow_declaration_nothing_is_exposed() {
    // 2022-02-21: Shusha and the treaty bind, the Moscow declaration does not yet.
    let latent = allegiance::latent(&seed(), date("2022-02-21"));
    assert!(latent.exposures.is_empty(), "{latent}");
    assert!(latent.most_exposed.is_empty());
}

/// The findings on the war issue of 2022-09-13, and the imbalances it makes.
fn new_findings(report: &allegiance::Report) -> Vec<&Finding> {
    report
        .findings()
        .iter()
        .filter(|it| it.during.start == Some(date("2022-09-13")))
        .collect()
}

fn assert_what_the_attack_makes(found: &[&Finding]) {
    let mut found = found.to_vec();
    found.sort_by(|a, b| (a.kind, &a.parties).cmp(&(b.kind, &b.parties)));
    let summary: Vec<(Kind, Vec<&str>, Option<&str>)> = found
        .iter()
        .map(|it| {
            (
                it.kind,
                ids(&it.parties),
                it.issue.as_ref().map(|issue| issue.as_str()),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (Kind::Conflict, vec!["RUS"], Some(ISSUE)),
            (Kind::Imbalance, vec!["ARM", "AZE", "RUS"], Some(ISSUE)),
        ],
        "{found:#?}"
    );
    let conflict = found[0];
    assert_eq!(conflict.during.end, None);
    assert_russia_caught(conflict);
    let events: Vec<&str> = conflict
        .witness
        .events
        .iter()
        .map(|it| it.id.as_str())
        .collect();
    assert_eq!(events, ["attack-on-armenia-2022-09-13"]);
    assert_eq!(found[1].during.end, None);
}

#[test]
fn the_attack_of_2022_09_13_makes_russias_conflict_real() {
    // The what-if's scenario, built by hand: the seed and the overlay's entries.
    let before = allegiance::check(&seed());
    let after = allegiance::check(&seed_with_overlay(OVERLAY));
    assert!(new_findings(&before).is_empty(), "{before}");
    // Russia's declared neutrality keeps the declaration and breaks art. 4, which it could not
    // keep with the declaration anyway: a conflict, not a violation.
    assert!(
        !after.findings().iter().any(|it| it.kind == Kind::Violation),
        "{after}"
    );
    assert_what_the_attack_makes(&new_findings(&after));
    // Everything the seed found is still found, over the same intervals.
    for finding in before.findings() {
        assert!(
            after.findings().iter().any(|it| it.kind == finding.kind
                && it.parties == finding.parties
                && it.issue == finding.issue
                && it.during == finding.during),
            "lost {finding:?}"
        );
    }
}

#[test]
fn without_russias_statement_the_attack_still_makes_the_same_conflict() {
    // The conflict rests on the treaty, the declaration and the attack, not on what Russia
    // said: the overlay without Russia's position gives the same findings.
    let start = OVERLAY
        .find("[[positions]]\nparty = \"RUS\"")
        .expect("the overlay has Russia's position");
    let end = OVERLAY[start..]
        .find("\n\n")
        .map_or(OVERLAY.len(), |it| start + it);
    let without = format!("{}{}", &OVERLAY[..start], &OVERLAY[end..]);
    let after = allegiance::check(&seed_with_overlay(&without));
    assert_what_the_attack_makes(&new_findings(&after));
}

#[test]
fn the_overlay_holds_the_sourced_attack_and_positions() {
    let scenario = seed_with_overlay(OVERLAY);
    let issue = scenario.issue(&ISSUE.parse().unwrap()).unwrap();
    let war = issue.war.as_ref().unwrap();
    assert_eq!((war.attacker.as_str(), war.victim.as_str()), ("AZE", "ARM"));
    let attack = scenario.event(&war.event).unwrap();
    assert_eq!(attack.date, date("2022-09-13"));
    assert_eq!(
        attack.source.url.as_deref(),
        Some("https://www.mil.am/en/news/11009")
    );
    let stances: Vec<(&str, Stance)> = scenario
        .positions_on(date("2022-09-13"))
        .filter(|it| it.issue.as_str() == ISSUE)
        .map(|it| (it.party.as_str(), it.stance))
        .collect();
    for expected in [
        ("ARM", Stance::Oppose),
        ("TUR", Stance::Support),
        ("RUS", Stance::Neutral),
        ("CSTO", Stance::Neutral),
    ] {
        assert!(stances.contains(&expected), "{stances:?}");
    }
    // Every entry of the overlay says where it comes from, and which readings are the
    // author's.
    for position in scenario
        .positions()
        .iter()
        .filter(|it| it.issue.as_str() == ISSUE)
    {
        assert!(position.source.url.is_some(), "{position:?}");
        assert!(position.source.assumption.is_some(), "{position:?}");
    }
}

#[test]
fn the_what_if_reports_the_conflict_and_the_imbalance_as_appeared() {
    let diff = allegiance::what_if::what_if_str(
        &seed(),
        OVERLAY,
        allegiance::load::Format::Toml,
        "armenia-2022-09-13.toml",
    )
    .unwrap_or_else(|errors| panic!("{errors}"));
    let appeared: Vec<&Finding> = diff.appeared.iter().collect();
    assert_what_the_attack_makes(&appeared);
    // The seed's findings are untouched: nothing disappears, nothing changes.
    assert!(diff.disappeared.is_empty(), "{diff}");
    assert!(diff.changed.is_empty(), "{diff}");
}

#[test]
fn the_what_if_without_russias_statement_reports_the_same() {
    let start = OVERLAY
        .find("[[positions]]\nparty = \"RUS\"")
        .expect("the overlay has Russia's position");
    let end = OVERLAY[start..]
        .find("\n\n")
        .map_or(OVERLAY.len(), |it| start + it);
    let without = format!("{}{}", &OVERLAY[..start], &OVERLAY[end..]);
    let diff = allegiance::what_if::what_if_str(
        &seed(),
        &without,
        allegiance::load::Format::Toml,
        "armenia-2022-09-13.toml",
    )
    .unwrap_or_else(|errors| panic!("{errors}"));
    let appeared: Vec<&Finding> = diff.appeared.iter().collect();
    assert_what_the_attack_makes(&appeared);
    assert!(diff.disappeared.is_empty(), "{diff}");
    assert!(diff.changed.is_empty(), "{diff}");
}
