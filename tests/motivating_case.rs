//! The findings of DESIGN.md's motivating case, reasoned from the clauses of the bundled
//! scenario, not pasted from the program's output.
//!
//! The reasoning, on the invasion's war issue (domain security), from 2022-02-24:
//!
//! * Russia attacks Ukraine: Russia's stance on its own attack is support (the event).
//! * Turkey opposes it (MFA press release No. 62).
//! * Shusha, preamble, read strictly: Azerbaijan holds Turkey's stance (scope foreign policy
//!   and security covers the war issue) — so Azerbaijan must oppose.
//! * Moscow point 4 (loose): Azerbaijan's stance is not opposite to Russia's — so not oppose.
//! * Moscow point 7 (no harm, Russia judges): Azerbaijan does not oppose Russia's declared
//!   stance, support — so not oppose, again.
//!
//! No stance of Azerbaijan's keeps Shusha with point 4, nor Shusha with point 7: two minimal
//! witnesses of one conflict, binding Azerbaijan only (Turkey's and Russia's stances are their
//! own declared facts). Azerbaijan itself said nothing, so it is a conflict, not a violation.
//! Read leniently (Shusha's "coordination" as similar positions), Azerbaijan must not support
//! (Turkey opposes) and must not oppose (Russia supports): neutrality is the only way out, so
//! the finding is interpretive, dissolved by reading the Shusha preamble loosely.
//!
//! On ES-11/1 (foreign policy), from 2022-03-02: Turkey supports, Russia opposes; the same
//! clauses give the same conflict, mirrored.
//!
//! And nothing else is a contradiction: no one attacks a party to the Collective Security
//! Treaty, Russia's recognitions of Donetsk and Luhansk break no respect-for-integrity clause
//! toward Ukraine (the Moscow point 1 binds Russia toward Azerbaijan only), and the military
//! assistance clause is a permission: context only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use allegiance::{Date, Finding, Kind, Severity, Stance, Verdict};

const SEED: &str = include_str!("../examples/data/caucasus-2022.toml");

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn contradictions(report: &allegiance::Report) -> Vec<&Finding> {
    report.contradictions().collect()
}

fn clauses(witness: &allegiance::Witness) -> Vec<String> {
    witness
        .clauses
        .iter()
        .map(|it| format!("{} {}", it.instrument, it.label))
        .collect()
}

#[test]
fn azerbaijan_is_caught_between_shusha_and_moscow_from_the_day_of_the_invasion() {
    let scenario = allegiance::load::from_toml_str(SEED).unwrap();
    let report = allegiance::check(&scenario);
    let found = contradictions(&report);
    assert_eq!(found.len(), 2, "{report}");
    let invasion = found[0];
    assert_eq!(invasion.kind, Kind::Conflict);
    assert_eq!(invasion.parties, ["AZE".parse().unwrap()]);
    assert_eq!(
        invasion.issue.as_ref().unwrap().as_str(),
        "russian-invasion-of-ukraine"
    );
    assert_eq!(invasion.during.start, Some(date("2022-02-24")));
    assert_eq!(invasion.during.end, None);
    // Shusha with point 4, and Shusha with point 7: each alone cannot be kept.
    let mut witnessed: Vec<Vec<String>> = std::iter::once(&invasion.witness)
        .chain(&invasion.also)
        .map(clauses)
        .collect();
    witnessed.sort();
    assert_eq!(
        witnessed,
        [
            ["moscow-2022 point 4", "shusha-2021 preamble (coordination)"],
            ["moscow-2022 point 7", "shusha-2021 preamble (coordination)"],
        ]
    );
    for witness in std::iter::once(&invasion.witness).chain(&invasion.also) {
        let positions: Vec<(&str, Stance)> = witness
            .positions
            .iter()
            .map(|it| (it.party.as_str(), it.stance))
            .collect();
        assert_eq!(positions, [("TUR", Stance::Oppose)]);
        let events: Vec<&str> = witness.events.iter().map(|it| it.id.as_str()).collect();
        assert_eq!(events, ["invasion-2022"]);
        assert_eq!(witness.events[0].attacker.as_ref().unwrap().as_str(), "RUS");
    }
    // The chain: Turkey's stance reaches Azerbaijan through Shusha, Russia's through Moscow.
    let chain: Vec<(&str, &str)> = invasion
        .witness
        .chain
        .iter()
        .map(|it| (it.from.as_str(), it.to.as_str()))
        .collect();
    assert_eq!(chain, [("TUR", "AZE"), ("RUS", "AZE")]);
    match &invasion.verdict {
        Verdict::Interpretive {
            dissolved_by,
            ways_out,
            ..
        } => {
            let labels: Vec<&str> = dissolved_by.iter().map(|it| it.label.as_str()).collect();
            assert_eq!(labels, ["preamble (coordination)"]);
            assert_eq!(ways_out, &[Stance::Neutral]);
        }
        Verdict::Firm => panic!("expected an interpretive verdict: {report}"),
    }
    assert_eq!(invasion.severity, Severity::Medium);

    let vote = found[1];
    assert_eq!(vote.kind, Kind::Conflict);
    assert_eq!(vote.parties, ["AZE".parse().unwrap()]);
    assert_eq!(vote.issue.as_ref().unwrap().as_str(), "es-11-1");
    assert_eq!(vote.during.start, Some(date("2022-03-02")));
}

#[test]
fn nothing_binds_azerbaijan_against_itself_before_the_invasion() {
    // On 2022-02-23 both declarations bind, but no one has a stance on the war yet.
    let scenario = allegiance::load::from_toml_str(SEED).unwrap();
    let report = allegiance::check_on(&scenario, date("2022-02-23"));
    assert_eq!(report.contradictions().count(), 0, "{report}");
}

#[test]
fn the_report_quotes_the_clauses_and_says_the_way_out() {
    let scenario = allegiance::load::from_toml_str(SEED).unwrap();
    let text = allegiance::check_on(&scenario, date("2022-02-24")).to_string();
    for quoted in [
        "expressing the need for mutual coordination in regional and international strategic issues",
        "holding the same or similar positions on topical international issues",
        "refrain from any actions that, in the opinion of one of the Parties",
        "unacceptable and reject it",
        "then the way out: neutral",
    ] {
        assert!(text.contains(quoted), "missing {quoted:?} in:\n{text}");
    }
    // The permission is context, not an obligation.
    assert!(
        text.contains(
            "may consider the possibility of providing each other with military assistance"
        )
    );
}

#[test]
fn json_output_carries_the_same_findings() {
    let scenario = allegiance::load::from_toml_str(SEED).unwrap();
    let report = allegiance::check(&scenario);
    let json: serde_json::Value = serde_json::to_value(&report).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), report.findings().len());
    let first = &findings[0];
    assert_eq!(first["kind"], "conflict");
    assert_eq!(first["parties"][0], "AZE");
    assert_eq!(first["during"]["start"], "2022-02-24");
    assert_eq!(first["verdict"]["verdict"], "interpretive");
}
