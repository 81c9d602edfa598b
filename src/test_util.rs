//! Helpers for the rule tests: a small world of four states, terse builders for the entries a
//! test needs, and a one-line summary of each finding to compare against.

use crate::finding::Finding;
use crate::model::{Date, Scenario};

/// States `A`, `B`, `C` and `X`, and the foreign-policy issue `q`. Everything in a test is in
/// force from 2000-01-01; tests check on [`DAY`].
pub(crate) const WORLD: &str = r#"
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

/// The day the tests check.
pub(crate) const DAY: &str = "2000-01-02";

/// A state beside those of [`WORLD`], named after its id (`D`: Dland).
pub(crate) fn state(id: &str) -> String {
    format!("\n[[parties]]\nid = \"{id}\"\nname = \"{id}land\"\nkind = \"state\"\n")
}

/// An instrument with `parties` and the clauses given as `(label, fields)`; `fields` are TOML
/// lines added to the clause (`action = "align"` and the like).
pub(crate) fn pact(id: &str, force: &str, parties: &[&str], clauses: &[(&str, &str)]) -> String {
    let form = if parties.len() == 2 {
        "bilateral"
    } else {
        "multilateral"
    };
    let parties: Vec<String> = parties.iter().map(|it| format!("\"{it}\"")).collect();
    let mut text = format!(
        "\n[[instruments]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"treaty\"\nforce = \"{force}\"\n\
         form = \"{form}\"\nparties = [{}]\nin_force = \"2000-01-01\"\nsource = \"test\"\n",
        parties.join(", ")
    );
    for (label, fields) in clauses {
        text.push_str(&format!(
            "\n[[instruments.clauses]]\nlabel = \"{label}\"\ntext = \"{label}\"\nmodality = \"obligation\"\n{fields}\n"
        ));
    }
    text
}

/// A position.
pub(crate) fn position(party: &str, issue: &str, stance: &str) -> String {
    format!(
        "\n[[positions]]\nparty = \"{party}\"\nissue = \"{issue}\"\nstance = \"{stance}\"\n\
         since = \"2000-01-01\"\nsource = \"test\"\n"
    )
}

/// An armed attack on 2000-01-01, making the war issue `war`; `extra` adds fields.
pub(crate) fn attack(attacker: &str, victim: &str, extra: &str) -> String {
    format!(
        "\n[[events]]\nid = \"attack\"\nkind = \"armed_attack\"\ndate = \"2000-01-01\"\n\
         attacker = \"{attacker}\"\nvictim = \"{victim}\"\nissue = \"war\"\nsource = \"test\"\n{extra}\n"
    )
}

/// The world with `entries` added, loaded.
#[track_caller]
pub(crate) fn scenario(entries: &str) -> Scenario {
    match crate::load::from_toml_str(&format!("{WORLD}{entries}")) {
        Ok(it) => it,
        Err(errors) => panic!("the fixture does not load:\n{errors}"),
    }
}

/// One line per finding on [`DAY`]:
/// `kind severity parties issue: clauses | positions | events`, imbalances left out.
#[track_caller]
pub(crate) fn found(entries: &str) -> Vec<String> {
    let scenario = scenario(entries);
    let day: Date = match DAY.parse() {
        Ok(it) => it,
        Err(error) => panic!("{error}"),
    };
    crate::check_on(&scenario, day)
        .findings()
        .iter()
        .filter(|it| it.kind != crate::finding::Kind::Imbalance)
        .map(line)
        .collect()
}

/// A finding in one line.
pub(crate) fn line(it: &Finding) -> String {
    let parties: Vec<&str> = it.parties.iter().map(|it| it.as_str()).collect();
    let clauses: Vec<String> = it
        .witness
        .clauses
        .iter()
        .map(|it| format!("{}/{}", it.instrument, it.label))
        .collect();
    let positions: Vec<&str> = it
        .witness
        .positions
        .iter()
        .map(|it| it.party.as_str())
        .collect();
    let events: Vec<&str> = it.witness.events.iter().map(|it| it.id.as_str()).collect();
    let verdict = match it.verdict {
        crate::finding::Verdict::Firm => "firm",
        crate::finding::Verdict::Interpretive { .. } => "interpretive",
    };
    let way_out = it
        .way_out
        .map(|it| format!(" way out {it}"))
        .unwrap_or_default();
    format!(
        "{} {} {verdict}{way_out} {} {}: {} | {} | {}",
        it.kind.name(),
        it.severity.name(),
        parties.join(","),
        it.issue.as_ref().map_or("-", |it| it.as_str()),
        clauses.join(" "),
        positions.join(" "),
        events.join(" "),
    )
}
