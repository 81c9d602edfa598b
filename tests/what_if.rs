//! What-if overlays (issue 4, part 2), reasoned from DESIGN.md on the bundled scenario, and a
//! property: the diff computed on what the overlay can touch equals the diff of two full
//! checks.
//!
//! # The seed, as the overlays below meet it
//!
//! On the war issue `russian-invasion-of-ukraine` (security) from 2022-02-24, Azerbaijan is
//! bound by Shusha's preamble (strict alignment with Turkey, which opposes), and by the Moscow
//! declaration's point 4 (loose alignment with Russia, which supports as the attacker) and
//! point 7 (no harm toward Russia's declared stance, support). Whatever Azerbaijan does, it
//! breaks one: a **conflict** (its own position is no part of the witness), interpretive (read
//! loosely, Shusha leaves neutrality as the way out). The same conflict holds on ES-11/1 from
//! 2022-03-02. Structurally, Azerbaijan is allied to Russia (point 4) and to Turkey (Shusha's
//! mutual assistance), and Turkey and Russia are adversaries (opposite stances on the
//! invasion, and from 2022-03-02 on ES-11/1 too): an **imbalance** (AZE, RUS, TUR) from
//! 2022-02-24, reported as two findings (until 2022-03-02 on the invasion issue alone, then on
//! both issues, with no single issue).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use allegiance::load::{Format, from_file_form, from_toml_str};
use allegiance::spec::{
    ActionFile, ClauseFile, EventFile, InstrumentFile, IssueFile, MembershipFile, PartyFile,
    PositionFile, ScenarioFile, SourceFile, TerritoryFile,
};
use allegiance::what_if::{Change, apply, what_if_str};
use allegiance::{Diff, Finding, Kind, Scenario, Severity, Verdict, check, what_if};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const SEED: &str = include_str!("../examples/data/caucasus-2022.toml");
const INVASION: &str = "russian-invasion-of-ukraine";

fn seed() -> Scenario {
    from_toml_str(SEED).unwrap()
}

/// The what-if of an overlay on the seed; when the overlay reads as a file form on its own (it
/// adds no clause or member to the seed's entries), also checked against two full checks.
fn diff(overlay: &str) -> Diff {
    let scenario = seed();
    let diff = what_if_str(&scenario, overlay, Format::Toml, "overlay.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    if let Ok(file) = allegiance::load::file_form_from_str(overlay, Format::Toml, "overlay.toml") {
        let overlaid = apply(&scenario, &file).unwrap();
        let full = Diff::between(&check(&scenario), &check(&overlaid));
        assert_eq!(diff.appeared, full.appeared);
        assert_eq!(diff.disappeared, full.disappeared);
        assert_eq!(diff.changed, full.changed);
    }
    diff
}

/// `kind parties issue`, one line per finding.
fn summary(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|it| {
            let parties: Vec<&str> = it.parties.iter().map(|it| it.as_str()).collect();
            let issue = it.issue.as_ref().map_or("-", |it| it.as_str());
            format!("{} {} {issue}", it.kind.name(), parties.join(","))
        })
        .collect()
}

fn position(party: &str, issue: &str, stance: &str, since: &str) -> String {
    format!(
        "[[positions]]\nparty = \"{party}\"\nissue = \"{issue}\"\nstance = \"{stance}\"\n\
         since = \"{since}\"\nsource = \"hypothesis\"\n"
    )
}

#[test]
fn an_empty_overlay_gives_an_empty_diff_and_checks_nothing() {
    let scenario = seed();
    for diff in [
        what_if(&scenario, &ScenarioFile::default()).unwrap(),
        what_if_str(&scenario, "", Format::Toml, "empty.toml").unwrap(),
        what_if_str(&scenario, "{}", Format::Json, "empty.json").unwrap(),
    ] {
        assert!(diff.is_empty(), "{diff}");
        assert_eq!(diff.reach.issues, Some(Vec::new()));
        assert!(!diff.reach.acts && !diff.reach.balance);
        assert!(diff.to_string().contains("no finding appears"), "{diff}");
    }
    // Applying it gives the scenario back.
    assert_eq!(
        apply(&scenario, &ScenarioFile::default()).unwrap(),
        scenario
    );
}

fn is_conflict_of_azerbaijan_on_the_invasion(it: &Finding) -> bool {
    it.kind == Kind::Conflict
        && summary(std::slice::from_ref(it)) == [format!("conflict AZE {INVASION}")]
}

/// Every witness of a finding, its clauses as `instrument label`.
fn witnesses(it: &Finding) -> Vec<Vec<String>> {
    std::iter::once(&it.witness)
        .chain(&it.also)
        .map(|witness| {
            witness
                .clauses
                .iter()
                .map(|it| format!("{} {}", it.instrument, it.label))
                .collect()
        })
        .collect()
}

/// Azerbaijan opposes the invasion from its first day.
///
/// * Azerbaijan and Russia, allied by point 4, now hold opposite stances: a pair both allied
///   and adversary has one negative edge. The triad (AZE, RUS, TUR) then has two negative
///   edges (AZE–RUS, TUR–RUS) and one positive (AZE–TUR): balanced. Both imbalance findings
///   disappear, and no triad is made unbalanced (no one else has an edge to both Azerbaijan
///   and Russia).
/// * Points 4 and 7 bind Russia toward Azerbaijan too: Russia's stance must not be opposite to
///   Azerbaijan's, nor oppose Azerbaijan's declared stance. Azerbaijan now declares oppose, and
///   Russia's own act, its attack, makes its stance support: Russia breaks both by its own act,
///   which it could otherwise keep. A violation appears, with Russia among its parties, its
///   witnesses point 4 and point 7, each with Azerbaijan's position and the invasion.
#[test]
fn azerbaijan_opposing_the_invasion_balances_the_triad_and_russia_breaks_moscow() {
    let diff = diff(&position("AZE", INVASION, "oppose", "2022-02-24"));
    let imbalances: Vec<&Finding> = diff
        .disappeared
        .iter()
        .filter(|it| it.kind == Kind::Imbalance)
        .collect();
    assert_eq!(imbalances.len(), 2, "{diff}");
    for it in imbalances {
        assert_eq!(
            summary(std::slice::from_ref(it))[0].split(' ').nth(1),
            Some("AZE,RUS,TUR")
        );
    }
    assert!(
        !diff.appeared.iter().any(|it| it.kind == Kind::Imbalance),
        "{diff}"
    );
    let violation = diff
        .appeared
        .iter()
        .find(|it| it.kind == Kind::Violation)
        .unwrap_or_else(|| panic!("{diff}"));
    assert_eq!(violation.issue.as_ref().unwrap().as_str(), INVASION);
    assert!(
        violation.parties.contains(&"RUS".parse().unwrap()),
        "{diff}"
    );
    let mut clauses = witnesses(violation);
    clauses.sort();
    assert_eq!(clauses, [["moscow-2022 point 4"], ["moscow-2022 point 7"]]);
    for witness in std::iter::once(&violation.witness).chain(&violation.also) {
        assert_eq!(witness.positions[0].party.as_str(), "AZE");
        assert_eq!(witness.events[0].id.as_str(), "invasion-2022");
    }
    // Only the invasion issue and the balance were re-checked.
    let issues: Vec<&str> = diff
        .reach
        .issues
        .as_ref()
        .unwrap()
        .iter()
        .map(|it| it.as_str())
        .collect();
    assert_eq!(issues, [INVASION]);
    assert!(!diff.reach.acts && diff.reach.balance);
    let text = diff.to_string();
    assert!(text.contains("- IMBALANCE (low, firm)"), "{text}");
    assert!(text.contains("+ VIOLATION"), "{text}");
    assert!(
        text.contains("chain: TUR → RUS: TUR and RUS are adversaries"),
        "{text}"
    );
}

/// Azerbaijan's conflict on the invasion holds whatever Azerbaijan does (DESIGN.md: "its own
/// declared position removed, still unsatisfiable"): its witnesses, Shusha with point 4 and
/// Shusha with point 7, hold no position of Azerbaijan's, so declaring oppose (or neutral)
/// cannot dissolve it, nor change it. Azerbaijan's own breach of points 4 and 7 (or of the
/// strict reading of Shusha) is then no finding of its own: the conflict already makes the
/// obligation unkeepable (ARCHITECTURE.md).
#[test]
fn azerbaijans_own_stance_does_not_dissolve_its_conflict() {
    for stance in ["oppose", "neutral"] {
        let diff = diff(&position("AZE", INVASION, stance, "2022-02-24"));
        assert!(
            !diff
                .disappeared
                .iter()
                .any(is_conflict_of_azerbaijan_on_the_invasion),
            "{stance}: {diff}"
        );
        assert!(
            !diff
                .changed
                .iter()
                .any(|it| is_conflict_of_azerbaijan_on_the_invasion(&it.before)),
            "{stance}: {diff}"
        );
    }
}

/// Azerbaijan declares neutrality on the invasion: what it did in substance, said aloud.
///
/// Shusha's preamble binds Turkey toward Azerbaijan as well: Turkey must hold Azerbaijan's
/// stance. Azerbaijan declares neutral, Turkey declared oppose: Turkey's own position breaks
/// the strict reading, which it could keep by staying neutral itself. A violation appears,
/// with Turkey among its parties, its witness the preamble and the two positions;
/// interpretive, since read loosely neutral and oppose are not opposite. Neutral is opposite
/// to nothing: no enmity, so no imbalance appears or disappears.
#[test]
fn azerbaijan_declaring_neutrality_puts_turkey_in_breach_of_strict_coordination() {
    let diff = diff(&position("AZE", INVASION, "neutral", "2022-02-24"));
    let violation = diff
        .appeared
        .iter()
        .find(|it| it.kind == Kind::Violation)
        .unwrap_or_else(|| panic!("{diff}"));
    assert!(
        violation.parties.contains(&"TUR".parse().unwrap()),
        "{diff}"
    );
    assert_eq!(
        witnesses(violation),
        [["shusha-2021 preamble (coordination)"]]
    );
    let mut declared: Vec<(&str, String)> = violation
        .witness
        .positions
        .iter()
        .map(|it| (it.party.as_str(), it.stance.to_string()))
        .collect();
    declared.sort();
    assert_eq!(
        declared,
        [("AZE", "neutral".to_owned()), ("TUR", "oppose".to_owned())]
    );
    assert!(matches!(violation.verdict, Verdict::Interpretive { .. }));
    let all = diff.appeared.iter().chain(&diff.disappeared);
    assert!(!all.clone().any(|it| it.kind == Kind::Imbalance), "{diff}");
    assert!(diff.changed.is_empty(), "{diff}");
}

/// Belarus, Russia's ally under the Collective Security Treaty, supports the invasion (a
/// hypothesis in the spirit of its vote against ES-11/1): a position that resolves nothing and
/// breaks nothing. Belarus is bound by art. 4 only, which no attack on a party triggers; no
/// alignment binds it. Structurally it becomes the adversary of Ukraine and of Turkey, which
/// oppose the invasion, but every triad it closes is balanced: (BLR, RUS, UKR) and (BLR, RUS,
/// TUR) each have two negative edges, and Azerbaijan has no edge to Belarus. The diff is
/// empty, though the issue and the balance were re-checked.
#[test]
fn belarus_supporting_the_invasion_changes_no_finding() {
    let diff = diff(&position("BLR", INVASION, "support", "2022-02-24"));
    assert!(diff.is_empty(), "{diff}");
    assert!(diff.reach.balance && !diff.reach.acts);
    assert_eq!(diff.reach.issues.as_ref().unwrap().len(), 1);
    assert!(diff.to_string().contains("no finding appears"), "{diff}");
}

const ARMENIAN_ATTACK: &str = r#"
[[events]]
id = "armenian-attack"
kind = "armed_attack"
date = "2022-09-13"
attacker = "ARM"
victim = "AZE"
issue = "armenian-attack-on-azerbaijan"
title = "Armenia's attack on Azerbaijan"
source = "hypothesis"
"#;

/// Armenia attacks Azerbaijan on 2022-09-13 (a hypothesis: the attack of that day went the
/// other way).
///
/// On the new war issue (security): the Collective Security Treaty's art. 4 is not triggered
/// (its beneficiary Armenia is the attacker). Shusha's mutual assistance makes Turkey fight on
/// Azerbaijan's side (stance oppose), and Shusha's preamble makes Azerbaijan and Turkey hold
/// the same stance: Azerbaijan opposes as the victim, so that holds. Points 4 and 7 forbid
/// Russia to support the attack; Russia may stay out or oppose: no contradiction. But Russia is
/// allied to Armenia (art. 4) and to Azerbaijan (point 4), and they are now at war: a new
/// imbalance (ARM, AZE, RUS) from the day of the attack, on the war issue. Armenia's other
/// allies (BLR, KAZ, KGZ, TJK) have no edge to Azerbaijan, and Turkey none to Armenia. The seed's
/// findings do not change.
#[test]
fn a_war_makes_a_new_imbalance_and_nothing_else() {
    let diff = diff(ARMENIAN_ATTACK);
    assert_eq!(
        summary(&diff.appeared),
        ["imbalance ARM,AZE,RUS armenian-attack-on-azerbaijan"],
        "{diff}"
    );
    assert!(
        diff.disappeared.is_empty() && diff.changed.is_empty(),
        "{diff}"
    );
    let imbalance = &diff.appeared[0];
    assert_eq!(imbalance.during.start, Some("2022-09-13".parse().unwrap()));
    assert_eq!(imbalance.during.end, None);
    let events: Vec<&str> = imbalance
        .witness
        .events
        .iter()
        .map(|it| it.id.as_str())
        .collect();
    assert_eq!(events, ["armenian-attack"]);
    assert_eq!(
        diff.reach
            .issues
            .as_ref()
            .unwrap()
            .iter()
            .map(|it| it.as_str())
            .collect::<Vec<_>>(),
        ["armenian-attack-on-azerbaijan"]
    );
}

/// A protocol to the Moscow declaration binds each party to assist the other even in a war it
/// starts (`offense`, security).
///
/// Russia's invasion triggers it: Azerbaijan must fight on Russia's side, so its stance is
/// support; Shusha's preamble makes it hold Turkey's stance, oppose. That is one more way in
/// which Azerbaijan cannot keep everything: the conflict on the invasion issue gains a third
/// witness (the protocol with Shusha's preamble), and is otherwise the same finding: the same
/// interval, still medium and interpretive. Read leniently, the Moscow declaration's savings
/// clause ("taking into account the international legal obligations of each of the parties")
/// makes every one of its points yield to Shusha, the protocol as much as points 4 and 7. So
/// the conflict has *changed*, nothing appeared or disappeared. ES-11/1 is no war: the protocol
/// does not reach it.
///
/// Adding a clause to the declaration counts as adding all of its clauses (which prevails, and
/// whom an attacker is bound toward, is read per instrument), so its alignment and act clauses
/// make ES-11/1, the acts and the balance re-checked too; they do not change.
#[test]
fn a_protocol_to_an_existing_declaration_adds_a_witness_to_the_conflict() {
    let overlay = r#"
[[instruments]]
id = "moscow-2022"

[[instruments.clauses]]
label = "protocol, art. 1"
text = "Each Party shall assist the other in any war it wages."
modality = "obligation"
action = "offense"
scope = ["security"]
"#;
    let diff = diff(overlay);
    assert!(
        diff.appeared.is_empty() && diff.disappeared.is_empty(),
        "{diff}"
    );
    assert_eq!(diff.changed.len(), 1, "{diff}");
    let Change { before, after, .. } = &diff.changed[0];
    assert!(is_conflict_of_azerbaijan_on_the_invasion(before), "{diff}");
    assert_eq!(before.during, after.during);
    assert_eq!(before.witness, after.witness);
    assert_eq!(
        (before.severity, after.severity),
        (Severity::Medium, Severity::Medium)
    );
    assert!(matches!(after.verdict, Verdict::Interpretive { .. }));
    let mut added = witnesses(after);
    for old in witnesses(before) {
        added.retain(|it| *it != old);
    }
    assert_eq!(
        added,
        [[
            "moscow-2022 protocol, art. 1",
            "shusha-2021 preamble (coordination)"
        ]]
    );
    assert!(diff.reach.acts && diff.reach.balance);
    let text = diff.to_string();
    assert!(
        text.contains("~ before: CONFLICT (medium, interpretive)"),
        "{text}"
    );
    assert!(
        text.contains("  after: CONFLICT (medium, interpretive)"),
        "{text}"
    );
    assert!(
        text.contains("Each Party shall assist the other in any war it wages."),
        "{text}"
    );
    assert!(
        text.contains("chain: RUS → AZE: AZE must fight on RUS's side"),
        "{text}"
    );
}

/// Azerbaijan joins the CSTO (it was a party to the treaty from 1994 to 1999). The seed's
/// Collective Security Treaty lists its parties instead of binding the organisation's members,
/// so the accession binds Azerbaijan by nothing here: the overlay touches no finding, and
/// nothing is re-checked.
#[test]
fn joining_an_organisation_no_instrument_binds_through_touches_nothing() {
    let overlay = r#"
[[parties]]
id = "CSTO"
members = [{ party = "AZE", since = "2022-09-14" }]

[[events]]
id = "azerbaijan-joins"
kind = "accession"
date = "2022-09-14"
party = "AZE"
organisation = "CSTO"
source = "hypothesis"
"#;
    let diff = diff(overlay);
    assert!(diff.is_empty(), "{diff}");
    assert_eq!(diff.reach.issues, Some(Vec::new()));
    assert!(!diff.reach.acts && !diff.reach.balance);
    assert!(diff.to_string().contains("re-checked: nothing"), "{diff}");
}

#[test]
fn problems_are_reported_where_the_overlay_says_them() {
    let overlay = r#"
[[instruments]]
id = "moscow-2022"

[[instruments.clauses]]
label = "point 4"
text = "A second point 4."
modality = "obligation"
action = "align"
reading = "loose"
bound = ["TUR"]

[[instruments]]
id = "shusha-2021"
name = "A second Shusha declaration"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", "TUR"]
source = "hypothesis"
in_force = "2022-01-01"

[[positions]]
party = "AZR"
issue = "russian-invasion-of-ukraine"
stance = "oppose"
since = "2022-02-24"
source = "hypothesis"
"#;
    let errors = what_if_str(&seed(), overlay, Format::Toml, "overlay.toml").unwrap_err();
    let found: Vec<(&str, &str, Option<usize>)> = errors
        .errors()
        .iter()
        .map(|it| (it.code(), it.location().path.as_str(), it.location().line))
        .collect();
    assert_eq!(
        found,
        [
            // Clauses added to moscow-2022 are numbered in the overlay's instrument.
            (
                "allegiance::load::duplicate_id",
                "instruments[0].clauses[0].label",
                Some(6)
            ),
            (
                "allegiance::load::not_a_party",
                "instruments[0].clauses[0].bound[0]",
                Some(11)
            ),
            (
                "allegiance::load::duplicate_id",
                "instruments[1].id",
                Some(14)
            ),
            (
                "allegiance::load::unknown_id",
                "positions[0].party",
                Some(24)
            ),
        ],
        "{errors}"
    );
    assert_eq!(errors.errors()[3].help(), "did you mean `AZE`?");
    // The first declarations are the scenario's.
    let text = errors.to_string();
    assert!(text.contains("(scenario) instruments["), "{text}");
    assert!(text.contains("overlay.toml"), "{text}");

    // The same from code: paths, no lines.
    let file = allegiance::load::file_form_from_str(
        &overlay.replace(
            "[[instruments]]\nid = \"moscow-2022\"\n",
            "[[instruments]]\nid = \"moscow-2022\"\nname = \"x\"\n",
        ),
        Format::Toml,
        "overlay.toml",
    )
    .unwrap_err();
    // Read on its own, an instrument that adds clauses lacks a new instrument's fields.
    assert!(
        file.errors()
            .iter()
            .all(|it| it.code() == "allegiance::load::missing_field")
    );
}

#[test]
fn a_new_instrument_needs_every_field_and_an_added_clause_only_its_own() {
    // An unknown id with only clauses is a new instrument: its missing fields are reported.
    let overlay = r#"[[instruments]]
id = "moscow-2021"

[[instruments.clauses]]
label = "x"
text = "x"
modality = "obligation"
action = "consult"
"#;
    let errors = what_if_str(&seed(), overlay, Format::Toml, "overlay.toml").unwrap_err();
    let fields: Vec<&str> = errors
        .errors()
        .iter()
        .map(|it| it.location().path.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "instruments[0].name",
            "instruments[0].kind",
            "instruments[0].force",
            "instruments[0].form",
            "instruments[0].source",
            "instruments[0].parties",
            "instruments[0].in_force",
        ],
        "{errors}"
    );
    // With the right id, a clause missing its action is reported, in the overlay's clause.
    let overlay = overlay
        .replace("moscow-2021", "moscow-2022")
        .replace("action = \"consult\"\n", "");
    let errors = what_if_str(&seed(), &overlay, Format::Toml, "overlay.toml").unwrap_err();
    let found: Vec<(&str, Option<usize>)> = errors
        .errors()
        .iter()
        .map(|it| (it.location().path.as_str(), it.location().line))
        .collect();
    assert_eq!(
        found,
        [("instruments[0].clauses[0].action", Some(4))],
        "{errors}"
    );
}

#[test]
fn a_diff_serialises_with_its_witnesses() {
    let diff = diff(ARMENIAN_ATTACK);
    let json = serde_json::to_value(&diff).unwrap();
    assert_eq!(json["appeared"][0]["kind"], "imbalance");
    assert_eq!(
        json["appeared"][0]["witness"]["events"][0]["id"],
        "armenian-attack"
    );
    assert_eq!(json["appeared"][0]["during"]["start"], "2022-09-13");
    assert_eq!(json["reach"]["issues"][0], "armenian-attack-on-azerbaijan");
    assert_eq!(json["reach"]["balance"], true);
    assert_eq!(json["disappeared"], serde_json::json!([]));
    assert_eq!(json["changed"], serde_json::json!([]));
}

// ----- each rule of the reach, on a small world -----

/// Four states, an organisation O of A and B, a territory of B, a user-defined action that
/// rules out neutrality, and promises between A and B: respect for B's territory, no alliance
/// against B, hosting a base.
const WORLD: &str = r#"
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
id = "O"
name = "O"
kind = "organisation"
members = [{ party = "A" }, { party = "B" }]

[[territories]]
id = "t"
name = "t"
belongs_to = "B"

[[actions]]
id = "host_base"
description = "Host a foreign base"
incompatible_with = ["neutrality"]

[[issues]]
id = "q"
title = "q"
domain = "foreign_policy"

[[instruments]]
id = "promise"
name = "Promise"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["A", "B"]
in_force = "2000-01-01"
source = "world"

[[instruments.clauses]]
label = "integrity"
text = "A respects B's territory."
modality = "obligation"
action = "respect_integrity"
bound = ["A"]

[[instruments.clauses]]
label = "no bloc"
text = "A joins no alliance against B."
modality = "obligation"
action = "no_hostile_alliance"
bound = ["A"]

[[instruments.clauses]]
label = "base"
text = "A hosts B's base."
modality = "obligation"
action = "host_base"
bound = ["A"]

[[instruments]]
id = "club"
name = "Club pact"
kind = "treaty"
force = "binding"
form = "multilateral"
members_of = "O"
in_force = "2000-01-01"
source = "world"

[[instruments.clauses]]
label = "same"
text = "Members hold the same positions."
modality = "obligation"
action = "align"
reading = "strict"

[[positions]]
party = "A"
issue = "q"
stance = "support"
since = "2001-01-01"
source = "world"

[[positions]]
party = "C"
issue = "q"
stance = "oppose"
since = "2001-01-01"
source = "world"
"#;

/// The what-if of `overlay` on the small world, checked against two full checks; the diff's
/// appeared findings, one line each.
fn on_world(overlay: &str) -> (Vec<String>, allegiance::what_if::Reach) {
    let world = from_toml_str(WORLD).unwrap();
    let diff = what_if_str(&world, overlay, Format::Toml, "overlay.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    let file = allegiance::load::file_form_from_str(overlay, Format::Toml, "overlay.toml");
    if let Ok(file) = file {
        let full = Diff::between(&check(&world), &check(&apply(&world, &file).unwrap()));
        assert_eq!(diff.appeared, full.appeared);
        assert_eq!(diff.disappeared, full.disappeared);
        assert_eq!(diff.changed, full.changed);
    }
    assert!(
        diff.disappeared.is_empty() && diff.changed.is_empty(),
        "{diff}"
    );
    (summary(&diff.appeared), diff.reach)
}

#[test]
fn a_recognition_reaches_the_acts() {
    // A recognises B's territory, which it promised to respect: A's own act breaks it.
    let (found, reach) = on_world(
        "[[events]]\nid = \"rec\"\nkind = \"recognition\"\ndate = \"2002-01-01\"\nby = \"A\"\n\
         territory = \"t\"\nsource = \"hypothesis\"\n",
    );
    assert_eq!(found, ["violation A -"]);
    assert_eq!(reach.issues, Some(Vec::new()));
    assert!(reach.acts && !reach.balance);
}

#[test]
fn a_pact_naming_an_adversary_reaches_the_acts() {
    // A and C promise to defend each other against B: an alliance directed against B, which A
    // promised not to join. An alliance clause: the balance is re-checked too, and the war
    // issues of its domain (there are none).
    let (found, reach) = on_world(
        r#"
[[instruments]]
id = "bloc"
name = "Bloc"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["A", "C"]
in_force = "2002-01-01"
source = "hypothesis"

[[instruments.clauses]]
label = "art. 1"
text = "Each defends the other against B."
modality = "obligation"
action = "defend"
adversaries = ["B"]
"#,
    );
    assert_eq!(found, ["violation A -"]);
    assert!(reach.acts && reach.balance);
    assert_eq!(reach.issues, Some(Vec::new()));
}

#[test]
fn a_clause_a_user_action_rules_out_reaches_the_acts() {
    // A promises C neutrality, which hosting B's base rules out: a conflict for A.
    let (found, reach) = on_world(
        r#"
[[instruments]]
id = "neutral"
name = "Neutrality pact"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["A", "C"]
in_force = "2002-01-01"
source = "hypothesis"

[[instruments.clauses]]
label = "art. 1"
text = "A stays neutral."
modality = "obligation"
action = "neutrality"
bound = ["A"]
"#,
    );
    assert_eq!(found, ["conflict A -"]);
    assert!(reach.acts && !reach.balance);
}

#[test]
fn a_new_member_reaches_the_issues_of_the_instruments_binding_the_members() {
    // C joins O: the club pact now binds C to hold A's stance, and C opposes what A supports.
    // Both break it by their own positions. The pact aligns on every domain: q is re-checked,
    // and the balance: B is now allied to both A and C, who are adversaries (a pair allied
    // and opposed counts as adversaries), an unbalanced triad.
    let (found, reach) = on_world(
        "[[parties]]\nid = \"O\"\nmembers = [{ party = \"C\", since = \"2002-01-01\" }]\n",
    );
    assert_eq!(found, ["imbalance A,B,C q", "violation A,C q"]);
    let issues: Vec<&str> = reach
        .issues
        .as_ref()
        .unwrap()
        .iter()
        .map(|it| it.as_str())
        .collect();
    assert_eq!(issues, ["q"]);
    assert!(reach.balance);
}

// ----- the property: the restricted diff is the full diff -----

const STATES: [&str; 4] = ["A", "B", "C", "D"];
const DATES: [&str; 4] = ["2001-01-01", "2002-01-01", "2003-01-01", "2004-01-01"];
const DOMAINS: [&str; 3] = ["foreign_policy", "security", "economy"];
/// Declared issues, with their domains.
const ISSUES: [(&str, usize); 3] = [("q", 0), ("r", 1), ("s", 2)];
/// Every action; those whose findings need two clauses to meet (acts) are drawn more often.
const ACTIONS: [&str; 15] = [
    "align",
    "align",
    "defend",
    "defend",
    "offense",
    "neutrality",
    "non_aggression",
    "no_harm",
    "respect_integrity",
    "respect_integrity",
    "no_hostile_alliance",
    "no_hostile_alliance",
    "consult",
    "host_base",
    "host_base",
];
const MODALITIES: [&str; 5] = [
    "obligation",
    "obligation",
    "obligation",
    "prohibition",
    "permission",
];
const STANCES: [&str; 3] = ["support", "neutral", "oppose"];

fn source() -> SourceFile {
    SourceFile {
        citation: "generated".to_owned(),
        ..SourceFile::default()
    }
}

/// A clause drawn from indices: action, modality, strict, scope (0 = all), adversary (0 =
/// none), discretion.
type RawClause = (usize, usize, bool, usize, usize, bool);

fn clause(label: String, raw: RawClause, states: &[&str]) -> ClauseFile {
    let (action, modality, strict, scope, adversary, discretion) = raw;
    let action = ACTIONS[action % ACTIONS.len()];
    let fights = matches!(action, "defend" | "offense" | "neutrality");
    ClauseFile {
        text: format!("clause {label}"),
        label,
        modality: MODALITIES[modality % MODALITIES.len()].to_owned(),
        action: action.to_owned(),
        reading: (action == "align").then(|| if strict { "strict" } else { "loose" }.to_owned()),
        scope: match scope % (DOMAINS.len() + 1) {
            0 => Vec::new(),
            at => vec![DOMAINS[at - 1].to_owned()],
        },
        adversaries: match adversary % (states.len() + 1) {
            at if at > 0 && fights => vec![states[at - 1].to_owned()],
            _ => Vec::new(),
        },
        discretion,
        ..ClauseFile::default()
    }
}

/// An instrument drawn from indices: parties (a bit set over the states; fewer than two, the
/// organisation's members), binding, in force from, clauses.
type RawInstrument = (u8, bool, usize, Vec<RawClause>);

fn instrument(id: String, raw: &RawInstrument, states: &[&str]) -> InstrumentFile {
    let (set, binding, from, clauses) = raw;
    let parties: Vec<String> = states
        .iter()
        .enumerate()
        .filter(|(at, _)| set & (1 << at) != 0)
        .map(|(_, it)| (*it).to_owned())
        .collect();
    let members_of = (parties.len() < 2).then(|| "O".to_owned());
    InstrumentFile {
        name: id.clone(),
        id,
        kind: "treaty".to_owned(),
        force: if *binding { "binding" } else { "political" }.to_owned(),
        form: "multilateral".to_owned(),
        parties: if members_of.is_some() {
            Vec::new()
        } else {
            parties
        },
        members_of,
        in_force: Some(DATES[from % DATES.len()].to_owned()),
        source: source(),
        clauses: clauses
            .iter()
            .enumerate()
            .map(|(at, raw)| clause(format!("c{at}"), *raw, states))
            .collect(),
        ..InstrumentFile::default()
    }
}

/// A position drawn from indices: party, issue (declared, or a war of the base or the
/// overlay), stance, since.
type RawPosition = (usize, usize, usize, usize);

fn position_file(raw: RawPosition, issues: &[String], states: &[&str]) -> Option<PositionFile> {
    let (party, issue, stance, since) = raw;
    Some(PositionFile {
        party: states[party % states.len()].to_owned(),
        issue: issues.get(issue % issues.len().max(1))?.clone(),
        stance: STANCES[stance % STANCES.len()].to_owned(),
        since: DATES[since % DATES.len()].to_owned(),
        source: source(),
        ..PositionFile::default()
    })
}

/// An event drawn from indices: an attack (attacker, victim, domain, date) or, one time in
/// three or when attacker and victim are the same, a recognition of B's territory by the
/// attacker.
type RawEvent = (usize, usize, usize, usize, usize);

fn event(id: &str, raw: RawEvent, states: &[&str]) -> EventFile {
    let (kind, attacker, victim, domain, date) = raw;
    let (attacker, victim) = (attacker % states.len(), victim % states.len());
    let date = DATES[date % DATES.len()].to_owned();
    if kind % 3 == 2 || attacker == victim {
        // The territory belongs to B: B does not recognise it.
        let by = if states[attacker] == "B" {
            "A"
        } else {
            states[attacker]
        };
        return EventFile {
            id: id.to_owned(),
            kind: "recognition".to_owned(),
            date,
            by: Some(by.to_owned()),
            territory: Some("t".to_owned()),
            source: source(),
            ..EventFile::default()
        };
    }
    EventFile {
        id: id.to_owned(),
        kind: "armed_attack".to_owned(),
        date,
        attacker: Some(states[attacker].to_owned()),
        victim: Some(states[victim].to_owned()),
        issue: Some(format!("war-{id}")),
        title: Some(format!("war {id}")),
        domain: Some(DOMAINS[domain % 2].to_owned()),
        source: source(),
        ..EventFile::default()
    }
}

fn war_issues(events: &[EventFile]) -> impl Iterator<Item = String> + '_ {
    events.iter().filter_map(|it| it.issue.clone())
}

/// The base: four states, an organisation O whose members are a subset of them, a territory
/// of B, a user-defined action incompatible with neutrality, three declared issues, and the
/// drawn instruments, events and positions.
fn base_file(
    members: u8,
    instruments: &[RawInstrument],
    events: &[RawEvent],
    positions: &[RawPosition],
) -> ScenarioFile {
    let mut parties: Vec<PartyFile> = STATES
        .iter()
        .map(|id| PartyFile {
            id: (*id).to_owned(),
            name: (*id).to_owned(),
            kind: "state".to_owned(),
            ..PartyFile::default()
        })
        .collect();
    parties.push(PartyFile {
        id: "O".to_owned(),
        name: "O".to_owned(),
        kind: "organisation".to_owned(),
        members: STATES
            .iter()
            .enumerate()
            .filter(|(at, _)| members & (1 << at) != 0)
            .map(|(at, id)| MembershipFile {
                party: (*id).to_owned(),
                since: (at % 2 == 1).then(|| DATES[at].to_owned()),
                ..MembershipFile::default()
            })
            .collect(),
        ..PartyFile::default()
    });
    let events: Vec<EventFile> = events
        .iter()
        .enumerate()
        .map(|(at, raw)| event(&format!("e{at}"), *raw, &STATES))
        .collect();
    let issues: Vec<String> = ISSUES
        .iter()
        .map(|(id, _)| (*id).to_owned())
        .chain(war_issues(&events))
        .collect();
    ScenarioFile {
        parties,
        territories: vec![TerritoryFile {
            id: "t".to_owned(),
            name: "t".to_owned(),
            belongs_to: "B".to_owned(),
            ..TerritoryFile::default()
        }],
        actions: vec![ActionFile {
            id: "host_base".to_owned(),
            description: "host a base".to_owned(),
            incompatible_with: vec!["neutrality".to_owned()],
        }],
        issues: ISSUES
            .iter()
            .map(|(id, domain)| IssueFile {
                id: (*id).to_owned(),
                title: (*id).to_owned(),
                domain: DOMAINS[*domain].to_owned(),
                ..IssueFile::default()
            })
            .collect(),
        instruments: instruments
            .iter()
            .enumerate()
            .map(|(at, raw)| instrument(format!("i{at}"), raw, &STATES))
            .collect(),
        positions: positions
            .iter()
            .filter_map(|raw| position_file(*raw, &issues, &STATES))
            .collect(),
        events,
        ..ScenarioFile::default()
    }
}

/// The overlay: maybe a new state `AB` (between A and B in id order) and a new issue `p`,
/// new instruments, clauses added to the base's first instrument, new members of O (those not
/// yet members, from a date), events and positions.
#[allow(clippy::too_many_arguments, reason = "one argument per kind of entry")]
fn overlay_file(
    base: &ScenarioFile,
    new_entries: bool,
    instruments: &[RawInstrument],
    grown: &[RawClause],
    joining: u8,
    events: &[RawEvent],
    positions: &[RawPosition],
) -> ScenarioFile {
    let states: &[&str] = if new_entries {
        &["A", "AB", "B", "C", "D"]
    } else {
        &STATES
    };
    let mut overlay = ScenarioFile {
        instruments: instruments
            .iter()
            .enumerate()
            .map(|(at, raw)| instrument(format!("x{at}"), raw, states))
            .collect(),
        ..ScenarioFile::default()
    };
    if new_entries {
        overlay.parties.push(PartyFile {
            id: "AB".to_owned(),
            name: "AB".to_owned(),
            kind: "state".to_owned(),
            since: Some(DATES[1].to_owned()),
            ..PartyFile::default()
        });
        overlay.issues.push(IssueFile {
            id: "p".to_owned(),
            title: "p".to_owned(),
            domain: DOMAINS[0].to_owned(),
            ..IssueFile::default()
        });
    }
    if let Some(first) = base.instruments.first()
        && !grown.is_empty()
    {
        overlay.instruments.push(InstrumentFile {
            id: first.id.clone(),
            clauses: grown
                .iter()
                .enumerate()
                .map(|(at, raw)| clause(format!("added {at}"), *raw, &STATES))
                .collect(),
            ..InstrumentFile::default()
        });
    }
    let members: Vec<&str> = base
        .parties
        .iter()
        .filter(|it| it.id == "O")
        .flat_map(|it| &it.members)
        .map(|it| it.party.as_str())
        .collect();
    let joins: Vec<MembershipFile> = states
        .iter()
        .enumerate()
        .filter(|(at, id)| joining & (1 << at) != 0 && !members.contains(id))
        .map(|(at, id)| MembershipFile {
            party: (*id).to_owned(),
            since: Some(DATES[(at + 1) % DATES.len()].to_owned()),
            ..MembershipFile::default()
        })
        .collect();
    if !joins.is_empty() {
        overlay.parties.push(PartyFile {
            id: "O".to_owned(),
            members: joins,
            ..PartyFile::default()
        });
    }
    overlay.events = events
        .iter()
        .enumerate()
        .map(|(at, raw)| event(&format!("n{at}"), *raw, states))
        .collect();
    let issues: Vec<String> = ISSUES
        .iter()
        .map(|(id, _)| (*id).to_owned())
        .chain(new_entries.then(|| "p".to_owned()))
        .chain(war_issues(&base.events))
        .chain(war_issues(&overlay.events))
        .collect();
    overlay.positions = positions
        .iter()
        .filter_map(|raw| position_file(*raw, &issues, states))
        .collect();
    overlay
}

fn raw_clause() -> impl Strategy<Value = RawClause> {
    (
        0..15usize,
        0..5usize,
        any::<bool>(),
        0..4usize,
        0..5usize,
        any::<bool>(),
    )
}

fn raw_instrument() -> impl Strategy<Value = RawInstrument> {
    (
        any::<u8>(),
        any::<bool>(),
        0..5usize,
        vec(raw_clause(), 1..4),
    )
}

fn raw_event() -> impl Strategy<Value = RawEvent> {
    (0..3usize, 0..5usize, 0..5usize, 0..2usize, 0..4usize)
}

fn raw_position() -> impl Strategy<Value = RawPosition> {
    (0..4usize, 0..8usize, 0..3usize, 0..4usize)
}

/// 1000 cases (`PROPTEST_CASES` overrides), failures kept in
/// `proptest-regressions/what_if.txt`.
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|it| it.parse().ok())
        .unwrap_or(1000);
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/what_if.txt",
        ))),
        ..ProptestConfig::with_cases(cases)
    }
}

proptest! {
    #![proptest_config(cases())]

    /// What the overlay cannot touch, left unchecked, would have cancelled out: the diff is
    /// the diff of two full checks, finding for finding.
    #[test]
    fn the_restricted_diff_is_the_full_diff(
        members in any::<u8>(),
        instruments in vec(raw_instrument(), 0..4),
        events in vec(raw_event(), 0..3),
        positions in vec(raw_position(), 0..6),
        new_entries in any::<bool>(),
        new_instruments in vec(raw_instrument(), 0..2),
        grown in vec(raw_clause(), 0..2),
        joining in any::<u8>(),
        new_events in vec(raw_event(), 0..2),
        new_positions in vec(raw_position(), 0..3),
    ) {
        let base_file = base_file(members, &instruments, &events, &positions);
        let base = from_file_form(base_file.clone()).unwrap_or_else(|e| panic!("{e}\n{base_file:#?}"));
        let overlay = overlay_file(
            &base_file, new_entries, &new_instruments, &grown, joining, &new_events, &new_positions,
        );
        let overlaid = apply(&base, &overlay).unwrap_or_else(|e| panic!("{e}\n{overlay:#?}"));
        let restricted = what_if(&base, &overlay).unwrap();
        let full = Diff::between(&check(&base), &check(&overlaid));
        prop_assert_eq!(&restricted.appeared, &full.appeared, "{}", restricted);
        prop_assert_eq!(&restricted.disappeared, &full.disappeared, "{}", restricted);
        prop_assert_eq!(&restricted.changed, &full.changed, "{}", restricted);
        // Read from text, the overlay says the same.
        let json = serde_json::to_string(&overlay).unwrap();
        let read = what_if_str(&base, &json, Format::Json, "overlay.json")
            .unwrap_or_else(|e| panic!("{e}\n{json}"));
        prop_assert_eq!(&read.appeared, &restricted.appeared);
        prop_assert_eq!(&read.disappeared, &restricted.disappeared);
        prop_assert_eq!(&read.changed, &restricted.changed);
        prop_assert_eq!(&read.reach, &restricted.reach);
    }

    /// An overlay of the scenario's own kind with nothing in it changes nothing, whatever the
    /// scenario.
    #[test]
    fn an_empty_overlay_changes_nothing(
        members in any::<u8>(),
        instruments in vec(raw_instrument(), 0..4),
        events in vec(raw_event(), 0..3),
        positions in vec(raw_position(), 0..6),
    ) {
        let base = from_file_form(base_file(members, &instruments, &events, &positions)).unwrap();
        prop_assert!(what_if(&base, &ScenarioFile::default()).unwrap().is_empty());
    }
}

#[test]
fn kinds_are_compared_as_the_report_orders_them() {
    // A diff of a report with itself is empty, and of an empty report with it lists every
    // finding as appeared, in report order.
    let report = check(&seed());
    assert!(Diff::between(&report, &report).is_empty());
    let nothing = check(&from_toml_str("").unwrap());
    let all = Diff::between(&nothing, &report);
    assert_eq!(all.appeared, report.findings());
    let kinds: Vec<Kind> = all.appeared.iter().map(|it| it.kind).collect();
    assert!(kinds.contains(&Kind::Conflict) && kinds.contains(&Kind::Imbalance));
}
