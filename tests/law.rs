#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

//! Which obligation prevails, under the law of treaties (DESIGN.md, "Which obligation
//! prevails"): hand-built scenarios with known legal answers, the seed's Azerbaijani dilemma
//! and the Football War.
//!
//! Every expectation is reasoned from the Vienna Convention on the Law of Treaties (VCLT) and
//! the UN Charter in the comment before it; none is copied from the program's output.

use allegiance::{
    Date, Finding, Kind, LegalRule, Obligation, Outcome, Precedence, Scenario, check, check_on,
};

const SEED: &str = include_str!("../examples/data/caucasus-2022.toml");
const FOOTBALL_WAR: &str = include_str!("../examples/data/football-war-1969.toml");

/// Four states and one foreign-policy question; instruments are added by each test.
const WORLD: &str = r#"
[[parties]]
id = "A"
name = "Aland"
kind = "state"

[[parties]]
id = "B"
name = "Bland"
kind = "state"

[[parties]]
id = "C"
name = "Cland"
kind = "state"

[[parties]]
id = "X"
name = "Xland"
kind = "state"

[[issues]]
id = "q"
title = "A question"
domain = "foreign_policy"
"#;

/// The day every hand-built scenario is checked on: everything is in force by then.
const DAY: &str = "2010-06-01";

fn load(text: &str) -> Scenario {
    allegiance::load::from_toml_str(text).unwrap_or_else(|errors| panic!("{errors}"))
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// An instrument signed and in force on `signed`, with `extra` lines (savings, relations,
/// `un_charter`) and its clauses as `(label, fields)`.
fn instrument(
    id: &str,
    force: &str,
    parties: &[&str],
    signed: &str,
    extra: &str,
    clauses: &[(&str, &str)],
) -> String {
    let form = if parties.len() == 2 {
        "bilateral"
    } else {
        "multilateral"
    };
    let parties: Vec<String> = parties.iter().map(|it| format!("\"{it}\"")).collect();
    let mut text = format!(
        "\n[[instruments]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"treaty\"\n\
         force = \"{force}\"\nform = \"{form}\"\nparties = [{}]\nsigned = \"{signed}\"\n\
         in_force = \"{signed}\"\nsource = \"invented\"\n{extra}\n",
        parties.join(", ")
    );
    for (label, fields) in clauses {
        text.push_str(&format!(
            "\n[[instruments.clauses]]\nlabel = \"{label}\"\ntext = \"{label}\"\n\
             modality = \"obligation\"\n{fields}\n"
        ));
    }
    text
}

/// A strict alignment clause binding `bound` toward `toward`.
fn align(bound: &str, toward: &str) -> String {
    format!(
        "action = \"align\"\nreading = \"strict\"\nbound = [\"{bound}\"]\ntoward = [\"{toward}\"]"
    )
}

/// B supports q and C opposes it.
const STANCES: &str = r#"
[[positions]]
party = "B"
issue = "q"
stance = "support"
since = "2000-01-01"
source = "invented"

[[positions]]
party = "C"
issue = "q"
stance = "oppose"
since = "2000-01-01"
source = "invented"
"#;

/// X attacks B on 2005-01-01, making the war issue `war`.
const ATTACK: &str = r#"
[[events]]
id = "attack"
kind = "armed_attack"
date = "2005-01-01"
attacker = "X"
victim = "B"
issue = "war"
source = "invented"
"#;

/// The findings on [`DAY`] of the world with `entries`.
fn findings(entries: &str) -> Vec<Finding> {
    let scenario = load(&format!("{WORLD}{entries}"));
    check_on(&scenario, date(DAY)).findings().to_vec()
}

/// The only finding of `kind` about `party`.
fn the<'a>(findings: &'a [Finding], kind: Kind, party: &str) -> &'a Finding {
    let found: Vec<&Finding> = findings
        .iter()
        .filter(|it| it.kind == kind && it.parties.iter().map(|p| p.as_str()).eq([party]))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {kind:?} about {party} in {findings:#?}"
    );
    found[0]
}

/// The only pair of a finding.
fn only_pair(finding: &Finding) -> &Precedence {
    assert_eq!(finding.prevails.len(), 1, "{:#?}", finding.prevails);
    &finding.prevails[0]
}

/// An obligation as `bound→toward instrument/label`.
fn short(it: &Obligation) -> String {
    format!("{}→{} {}/{}", it.bound, it.toward, it.instrument, it.label)
}

fn pair(it: &Precedence) -> (String, String) {
    (short(&it.first), short(&it.second))
}

/// The winning instrument and rule of an outcome that ranks the pair.
fn winner(outcome: &Outcome) -> (String, LegalRule) {
    match outcome {
        Outcome::Prevails {
            instrument, rule, ..
        } => (instrument.to_string(), *rule),
        other => panic!("expected one to prevail, got {other:?}"),
    }
}

fn reason(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Prevails { reason, .. }
        | Outcome::Resolvable { reason, .. }
        | Outcome::Unresolved { reason, .. } => reason,
        other => panic!("an outcome this test does not know: {other:?}"),
    }
}

// ----- VCLT art. 30(3): same parties, successive treaties -----

#[test]
fn between_the_same_parties_the_later_treaty_prevails() {
    // A, B and C conclude `old` in 1990, binding A to B's line on q, and `new` in 2005,
    // binding A to C's. B supports q and C opposes it, so A cannot keep both: a conflict.
    // Both treaties are binding, neither names the other nor has a savings clause, nobody is
    // at war, and the parties are the same three: art. 30(3) applies, and the later treaty,
    // `new`, prevails. The pair is ordered by ids: `new` before `old`.
    let entries = instrument(
        "old",
        "binding",
        &["A", "B", "C"],
        "1990-01-01",
        "",
        &[("art. 1", &align("A", "B"))],
    ) + &instrument(
        "new",
        "binding",
        &["A", "B", "C"],
        "2005-01-01",
        "",
        &[("art. 1", &align("A", "C"))],
    ) + STANCES;
    let findings = findings(&entries);
    let it = only_pair(the(&findings, Kind::Conflict, "A"));
    assert_eq!(
        pair(it),
        ("A→C new/art. 1".to_owned(), "A→B old/art. 1".to_owned())
    );
    assert_eq!(
        winner(&it.outcome),
        ("new".to_owned(), LegalRule::LexPosterior)
    );
    let why = reason(&it.outcome);
    assert!(why.contains("new") && why.contains("old"), "{why}");
}

// ----- VCLT art. 30(4)(b): different parties -----

#[test]
fn between_different_parties_both_treaties_bind_and_the_state_stays_answerable() {
    // A binds itself to B's line (`ab`, with B) and to C's (`ac`, with C). The treaties have
    // different parties, so art. 30(4)(b) governs each dyad by the treaty both are parties to:
    // both bind A. The law ranks neither; whichever A keeps, it answers to the other's
    // beneficiary under the other's treaty. Both obligations are listed as answerable. The
    // dates (`ac` is later) change nothing: 30(3) is only for the same parties.
    let entries = instrument(
        "ab",
        "binding",
        &["A", "B"],
        "1990-01-01",
        "",
        &[("art. 1", &align("A", "B"))],
    ) + &instrument(
        "ac",
        "binding",
        &["A", "C"],
        "2005-01-01",
        "",
        &[("art. 1", &align("A", "C"))],
    ) + STANCES;
    let findings = findings(&entries);
    let it = only_pair(the(&findings, Kind::Conflict, "A"));
    assert_eq!(
        pair(it),
        ("A→B ab/art. 1".to_owned(), "A→C ac/art. 1".to_owned())
    );
    match &it.outcome {
        Outcome::Unresolved {
            rule, answerable, ..
        } => {
            assert_eq!(*rule, Some(LegalRule::DifferentParties));
            let answerable: Vec<String> = answerable.iter().map(short).collect();
            assert_eq!(answerable, ["A→B ab/art. 1", "A→C ac/art. 1"]);
        }
        other => panic!("expected the pair unresolved, got {other:?}"),
    }
}

// ----- VCLT art. 30(2): savings clauses (the seed) -----

/// Azerbaijan's conflict on the invasion of Ukraine, on 24 February 2022.
fn azerbaijan(text: &str) -> Finding {
    let scenario = load(text);
    let findings = check_on(&scenario, date("2022-02-24")).findings().to_vec();
    the(&findings, Kind::Conflict, "AZE").clone()
}

#[test]
fn in_the_seed_shusha_prevails_over_moscow_by_its_savings_clause() {
    // Azerbaijan must hold Turkey's line (Shusha, preamble) and not the line opposite to
    // Russia's (Moscow, point 4): a conflict. Both declarations are binding, neither names
    // the other, and their parties differ (AZE-TUR, AZE-RUS), so 30(4)(b) alone would leave
    // the pair open. But the Moscow declaration records that cooperation "takes into account
    // the international legal obligations of each of the parties" (respects other
    // obligations): by art. 30(2) it yields, and Shusha prevails. Moscow's "not directed
    // against third parties" points the same way, Turkey being no party to it.
    let finding = azerbaijan(SEED);
    let it = only_pair(&finding);
    assert_eq!(
        pair(it),
        (
            "AZE→RUS moscow-2022/point 4".to_owned(),
            "AZE→TUR shusha-2021/preamble (coordination)".to_owned()
        )
    );
    assert_eq!(
        winner(&it.outcome),
        ("shusha-2021".to_owned(), LegalRule::SavingsClause)
    );
    // The explanation says so, and the report prints the rule's citation.
    assert!(
        finding.explanation().contains(
            "AZE's obligation toward TUR (shusha-2021, preamble (coordination)) prevails"
        ),
        "{}",
        finding.explanation()
    );
    let report = check_on(&load(SEED), date("2022-02-24")).to_string();
    assert!(
        report.contains(
            "law: AZE → RUS (moscow-2022, point 4) vs AZE → TUR (shusha-2021, preamble \
             (coordination)): shusha-2021 prevails (VCLT art. 30(2))"
        ),
        "{report}"
    );
}

#[test]
fn without_point_4_shusha_prevails_over_point_7_all_the_same() {
    // Point 7 (refrain from acts that damage the alliance) is the other Moscow clause that
    // clashes with Shusha's coordination; it is the finding's second witness. Take point 4
    // out of the file and point 7 becomes the witness: the same savings clause makes the
    // Moscow declaration yield, whichever of its clauses is at stake.
    let start = SEED
        .find("[[instruments.clauses]]\nlabel = \"point 4\"")
        .unwrap();
    let end = start + SEED[start..].find("\n\n").unwrap();
    let without = format!("{}{}", &SEED[..start], &SEED[end..]);
    let finding = azerbaijan(&without);
    let it = only_pair(&finding);
    assert_eq!(
        pair(it),
        (
            "AZE→RUS moscow-2022/point 7".to_owned(),
            "AZE→TUR shusha-2021/preamble (coordination)".to_owned()
        )
    );
    assert_eq!(
        winner(&it.outcome),
        ("shusha-2021".to_owned(), LegalRule::SavingsClause)
    );
}

// ----- VCLT art. 30(2): "subject to" -----

#[test]
fn a_treaty_subject_to_another_yields_to_it_even_when_later() {
    // `later` (2005) between A, B and C would prevail over `earlier` (1990) by 30(3), but it
    // says it is subject to `earlier`. Art. 30(2): "When a treaty specifies that it is subject
    // to ... an earlier or later treaty, the provisions of that other treaty prevail."
    let entries = instrument(
        "earlier",
        "binding",
        &["A", "B", "C"],
        "1990-01-01",
        "",
        &[("art. 1", &align("A", "B"))],
    ) + &instrument(
        "later",
        "binding",
        &["A", "B", "C"],
        "2005-01-01",
        "subject_to = [\"earlier\"]",
        &[("art. 1", &align("A", "C"))],
    ) + STANCES;
    let findings = findings(&entries);
    let it = only_pair(the(&findings, Kind::Conflict, "A"));
    assert_eq!(
        winner(&it.outcome),
        ("earlier".to_owned(), LegalRule::SubjectTo)
    );
}

// ----- a binding treaty over a political commitment -----

#[test]
fn a_binding_treaty_outranks_a_political_declaration() {
    // A is bound by treaty to B's line (`treaty`) and has declared, politically, that it will
    // follow C's (`declaration`). The contradiction runs through a political instrument, so
    // it is a tension without a way out. A political commitment creates no obligation in law:
    // the treaty prevails. (The declaration is later and between other parties; neither
    // matters before this rule.)
    let entries = instrument(
        "treaty",
        "binding",
        &["A", "B"],
        "1990-01-01",
        "",
        &[("art. 1", &align("A", "B"))],
    ) + &instrument(
        "declaration",
        "political",
        &["A", "C"],
        "2005-01-01",
        "",
        &[("point 1", &align("A", "C"))],
    ) + STANCES;
    let findings = findings(&entries);
    let tension = the(&findings, Kind::Tension, "A");
    assert_eq!(tension.way_out, None);
    let it = only_pair(tension);
    assert_eq!(
        winner(&it.outcome),
        ("treaty".to_owned(), LegalRule::BindingOverPolitical)
    );
}

// ----- UN Charter art. 103 and jus cogens -----

/// A promised X to fight on its side even when X attacks (`alliance`, 2005, between A, B and
/// X); `charter` (1945, the same parties) forbids A and B to fight each other. X attacks B:
/// A must fight B and must not. `charter_extra` and `clause_extra` mark the Charter and its
/// clause.
fn aggression(charter_extra: &str, clause_extra: &str) -> String {
    instrument(
        "charter",
        "binding",
        &["A", "B", "X"],
        "1945-06-26",
        charter_extra,
        &[(
            "art. 2(4)",
            &format!("action = \"non_aggression\"\n{clause_extra}"),
        )],
    ) + &instrument(
        "alliance",
        "binding",
        &["A", "B", "X"],
        "2005-01-01",
        "",
        &[(
            "art. 1",
            "action = \"offense\"\nbound = [\"A\"]\ntoward = [\"X\"]",
        )],
    ) + ATTACK
}

#[test]
fn without_the_charter_marked_the_later_alliance_would_prevail() {
    // The control for the next two tests: with nothing marked, the two treaties have the same
    // parties and `alliance` is the later, so 30(3) makes it prevail. (X, the attacker, is not
    // bound by `alliance` toward B, so no material breach suspends A's promise to X.)
    let findings = findings(&aggression("", ""));
    let it = only_pair(the(&findings, Kind::Conflict, "A"));
    assert_eq!(
        pair(it),
        (
            "A→X alliance/art. 1".to_owned(),
            "A→B charter/art. 2(4)".to_owned()
        )
    );
    assert_eq!(
        winner(&it.outcome),
        ("alliance".to_owned(), LegalRule::LexPosterior)
    );
}

#[test]
fn the_charter_prevails_over_any_other_agreement() {
    // Mark `charter` as the UN Charter: art. 103 makes its obligations prevail over those
    // under any other agreement, later ones included: A's duty not to fight B stands.
    let findings = findings(&aggression("un_charter = true", ""));
    let it = only_pair(the(&findings, Kind::Conflict, "A"));
    assert_eq!(
        winner(&it.outcome),
        ("charter".to_owned(), LegalRule::CharterArticle103)
    );
    assert!(reason(&it.outcome).contains("alliance"));
}

#[test]
fn a_peremptory_norm_prevails_and_voids_what_conflicts_with_it() {
    // Mark the prohibition of the use of force a peremptory norm (the ILC's 1966 commentary
    // to its draft art. 50, which became art. 53, gives it as a conspicuous example): a treaty
    // conflicting with it is void (arts. 53, 64). The rule comes first, so it decides even
    // where the Charter would too.
    let findings = findings(&aggression("un_charter = true", "peremptory = true"));
    let it = only_pair(the(&findings, Kind::Conflict, "A"));
    assert_eq!(
        winner(&it.outcome),
        ("charter".to_owned(), LegalRule::JusCogens)
    );
    assert!(reason(&it.outcome).contains("void"));
}

// ----- VCLT art. 60(2)(b): material breach (the Football War) -----

#[test]
fn in_the_football_war_the_promise_to_el_salvador_may_be_suspended() {
    // El Salvador attacked Honduras; both, with the four other modelled states, are parties to
    // the Rio Treaty. Each third party must assist Honduras (art. 3(1)) and must not fight El
    // Salvador (art. 1): a conflict for each. Both obligations come from one treaty, so no
    // rule between instruments applies. But El Salvador is itself bound toward Honduras by
    // art. 1, and its attack is a material breach of the treaty: art. 60(2)(b) lets the other
    // parties suspend the treaty toward it. Each third party's art. 1 obligation toward SLV
    // may be suspended, and the conflict is resolvable: an intra-alliance war, not a true
    // dilemma. El Salvador's own breach is a violation: nothing to weigh.
    let scenario = load(FOOTBALL_WAR);
    let report = check(&scenario);
    let mut third_parties = Vec::new();
    for finding in report.findings() {
        match finding.kind {
            Kind::Conflict => {
                let party = finding.parties[0].to_string();
                let it = only_pair(finding);
                assert_eq!(
                    pair(it),
                    (
                        format!("{party}→SLV rio-1947/art. 1"),
                        format!("{party}→HND rio-1947/art. 3(1)")
                    )
                );
                match &it.outcome {
                    Outcome::Resolvable {
                        suspended, rule, ..
                    } => {
                        assert_eq!(short(suspended), format!("{party}→SLV rio-1947/art. 1"));
                        assert_eq!(*rule, LegalRule::MaterialBreach);
                    }
                    other => panic!("expected a material breach, got {other:?}"),
                }
                third_parties.push(party);
            }
            Kind::Violation | Kind::Imbalance => assert!(finding.prevails.is_empty()),
            Kind::Tension => panic!("no tension expected: {finding:#?}"),
        }
    }
    third_parties.sort();
    assert_eq!(third_parties, ["CRI", "GTM", "NIC", "USA"]);
}
