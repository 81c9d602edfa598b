//! The command line, run as a user runs it: on the bundled scenarios, on small scenarios with
//! one kind of finding each, and on a broken file. Exit status, `--fail-on`, JSON, DOT, and
//! the rendering of input errors.
//!
//! Built only with the `cli` feature: `cargo test --features cli --test cli`.

#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const SEED: &str = "examples/data/caucasus-2022.toml";
const ATTACK: &str = "examples/data/armenia-2022-09-13.toml";
const FOOTBALL: &str = "examples/data/football-war-1969.toml";
const FALKLANDS: &str = "examples/data/falklands-1982.toml";

/// Runs `allegiance` with `args` from the crate's root.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_allegiance"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("not JSON ({error}):\n{}", stdout(output)))
}

/// Writes `text` to a file of this name in a scratch directory, and returns its path.
fn scratch(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A and B must hold the same stance on q, under a `force` instrument; A supports q, B opposes
/// it: a violation when binding, a tension when political.
fn pact(force: &str) -> String {
    format!(
        r#"
[[issues]]
id = "q"
title = "Question q"
domain = "foreign_policy"

[[parties]]
id = "A"
name = "Aland"
kind = "state"

[[parties]]
id = "B"
name = "Bland"
kind = "state"

[[instruments]]
id = "pact"
name = "Pact"
kind = "treaty"
force = "{force}"
form = "bilateral"
parties = ["A", "B"]
in_force = "2019-01-01"
source = "invented"

[[instruments.clauses]]
label = "art. 1"
text = "The parties hold the same positions."
modality = "obligation"
action = "align"
reading = "strict"

[[positions]]
party = "A"
issue = "q"
stance = "support"
since = "2020-01-01"
source = "invented"

[[positions]]
party = "B"
issue = "q"
stance = "oppose"
since = "2020-01-01"
source = "invented"
"#
    )
}

#[test]
fn check_prints_the_report_and_exits_0() {
    let output = run(&["check", SEED]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("checked over the whole timeline"), "{text}");
    assert!(text.contains("1. CONFLICT (medium, interpretive): Azerbaijan (AZE)"));
    assert!(stderr(&output).is_empty());

    let on = run(&["check", SEED, "--on", "2022-02-24"]);
    assert_eq!(code(&on), 0);
    assert!(stdout(&on).contains("checked on 2022-02-24"));
    assert!(stdout(&on).contains("2 finding(s): 1 conflict(s)"));
}

#[test]
fn check_writes_the_report_as_json() {
    let output = run(&["check", SEED, "--on", "2022-02-24", "--format", "json"]);
    assert_eq!(code(&output), 0);
    let report = json(&output);
    assert_eq!(report["date"], "2022-02-24");
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0]["kind"], "conflict");
    assert_eq!(findings[0]["parties"][0], "AZE");
    assert_eq!(findings[1]["kind"], "imbalance");

    let timeline = json(&run(&["check", SEED, "--format", "json"]));
    assert_eq!(timeline["date"], serde_json::Value::Null);
    assert_eq!(timeline["findings"].as_array().unwrap().len(), 4);
}

#[test]
fn fail_on_exits_1_for_that_kind_or_a_graver_one() {
    // The seed has conflicts: every threshold fails.
    for kind in ["conflict", "violation", "tension"] {
        let output = run(&["check", SEED, "--fail-on", kind]);
        assert_eq!(code(&output), 1, "--fail-on {kind}");
        // The report is printed all the same.
        assert!(stdout(&output).contains("CONFLICT"));
    }
    // A violation fails `violation` and `tension`, not `conflict`.
    let violation = scratch("violation.toml", &pact("binding"));
    assert!(stdout(&run(&["check", &violation])).contains("1 violation(s)"));
    for (kind, status) in [("conflict", 0), ("violation", 1), ("tension", 1)] {
        let output = run(&["check", &violation, "--fail-on", kind]);
        assert_eq!(code(&output), status, "violation, --fail-on {kind}");
    }
    // A tension fails `tension` only.
    let tension = scratch("tension.toml", &pact("political"));
    assert!(stdout(&run(&["check", &tension])).contains("1 tension(s)"));
    for (kind, status) in [("conflict", 0), ("violation", 0), ("tension", 1)] {
        let output = run(&["check", &tension, "--fail-on", kind]);
        assert_eq!(code(&output), status, "tension, --fail-on {kind}");
    }
    // Nothing found, nothing fails; imbalances never fail.
    assert_eq!(code(&run(&["check", FALKLANDS, "--fail-on", "tension"])), 0);
    let before_the_vote = ["check", SEED, "--on", "2022-02-24", "--fail-on", "tension"];
    assert_eq!(code(&run(&before_the_vote)), 1);
    assert_eq!(code(&run(&["check", &tension])), 0);
}

#[test]
fn timeline_lists_the_dates_findings_begin_and_end() {
    let output = run(&["timeline", SEED]);
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    let invasion = text.find("\n2022-02-24\n").unwrap();
    let vote = text.find("\n2022-03-02\n").unwrap();
    assert!(invasion < vote, "{text}");
    assert!(text.contains("  + 1. CONFLICT (medium): Azerbaijan (AZE) on Russia's invasion"));
    assert!(text.contains("  - 2. IMBALANCE (low)"));

    let value = json(&run(&["timeline", SEED, "--format", "json"]));
    let changes = value["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0]["date"], "2022-02-24");
    assert_eq!(changes[0]["began"], serde_json::json!([0, 1]));
    assert_eq!(changes[1]["ended"], serde_json::json!([1]));
    assert_eq!(value["report"]["findings"].as_array().unwrap().len(), 4);

    assert_eq!(
        code(&run(&["timeline", FOOTBALL, "--fail-on", "violation"])),
        1
    );
}

#[test]
fn latent_scans_a_date() {
    let output = run(&["latent", SEED, "--on", "2022-02-25"]);
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    assert!(text.starts_with("latent scan on 2022-02-25"), "{text}");
    assert!(text.contains("if AZE attacked ARM:"));

    let scan = json(&run(&[
        "latent",
        SEED,
        "--on",
        "2022-02-25",
        "--format",
        "json",
    ]));
    assert_eq!(scan["date"], "2022-02-25");
    let exposures = scan["exposures"].as_array().unwrap();
    assert!(
        exposures
            .iter()
            .any(|it| it["attacker"] == "AZE" && it["victim"] == "ARM")
    );

    let fail = run(&[
        "latent",
        SEED,
        "--on",
        "2022-02-25",
        "--fail-on",
        "conflict",
    ]);
    assert_eq!(code(&fail), 1);
    // Before the Moscow declaration, nothing is latent.
    let quiet = run(&["latent", SEED, "--on", "2021-01-01", "--fail-on", "tension"]);
    assert_eq!(code(&quiet), 0, "{}", stdout(&quiet));
}

#[test]
fn what_if_shows_what_an_overlay_changes() {
    let output = run(&["what-if", SEED, ATTACK]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).starts_with("what-if: 2 finding(s) appeared"));

    let diff = json(&run(&["what-if", SEED, ATTACK, "--format", "json"]));
    assert_eq!(diff["appeared"].as_array().unwrap().len(), 2);
    assert!(diff["disappeared"].as_array().unwrap().is_empty());

    assert_eq!(
        code(&run(&["what-if", SEED, ATTACK, "--fail-on", "conflict"])),
        1
    );

    // An empty overlay changes nothing, and fails nothing.
    let empty = scratch("empty.toml", "");
    let nothing = run(&["what-if", SEED, &empty, "--fail-on", "tension"]);
    assert_eq!(code(&nothing), 0);
    assert!(stdout(&nothing).contains("no finding appears, disappears or changes"));
}

#[test]
fn graph_writes_dot() {
    let output = run(&["graph", SEED, "--on", "2022-02-24"]);
    assert_eq!(code(&output), 0);
    let dot = stdout(&output);
    assert!(dot.starts_with("digraph"), "{dot}");
    assert!(dot.trim_end().ends_with('}'));
    assert!(dot.contains(r#""RUS" -> "UKR""#));
    assert!(dot.contains("[conflict 1"));
    let explicit = run(&["graph", SEED, "--on", "2022-02-24", "--format", "dot"]);
    assert_eq!(stdout(&explicit), dot);

    let text = stdout(&run(&[
        "graph",
        SEED,
        "--on",
        "2022-02-24",
        "--format",
        "text",
    ]));
    assert!(
        text.starts_with("commitments on 2022-02-24: 46\n"),
        "{text}"
    );
    assert!(text.contains("AZE -> RUS\tmoscow-2022 point 4\t"));

    // Graphviz accepts it, where it is installed.
    let Ok(mut graphviz) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("Graphviz is not installed: the DOT text is not rendered");
        return;
    };
    graphviz
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let rendered = graphviz.wait_with_output().unwrap();
    assert!(rendered.status.success(), "{}", stderr(&rendered));
    assert!(stderr(&rendered).is_empty(), "{}", stderr(&rendered));
    assert!(stdout(&rendered).contains("<svg"));
}

#[test]
fn a_broken_file_prints_every_problem_and_exits_2() {
    let broken = scratch(
        "broken.toml",
        r#"[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"

[[positions]]
party = "AZR"
issue = "q"
stance = "neutral"
since = "2022-02-30"
source = "a made-up example"
"#,
    );
    for command in [
        vec!["check", broken.as_str()],
        vec!["timeline", broken.as_str()],
        vec!["latent", broken.as_str(), "--on", "2022-02-24"],
        vec!["what-if", broken.as_str(), ATTACK],
        vec!["graph", broken.as_str(), "--on", "2022-02-24"],
    ] {
        let output = run(&command);
        assert_eq!(code(&output), 2, "{command:?}");
        assert!(stdout(&output).is_empty(), "{command:?}");
        let errors = stderr(&output);
        assert!(errors.starts_with("3 problems in `"), "{errors}");
        // Line and column, the line with a caret, and a hint.
        assert!(
            errors.contains("broken.toml:7:9 (positions[0].party)"),
            "{errors}"
        );
        assert!(errors.contains("7 | party = \"AZR\""), "{errors}");
        assert!(errors.contains("  |         ^^^^^"), "{errors}");
        assert!(errors.contains("= help: did you mean `AZE`?"), "{errors}");
        assert!(
            errors.contains("broken.toml:10:9 (positions[0].since)"),
            "{errors}"
        );
    }

    // A broken overlay: its own line and column.
    let overlay = scratch(
        "overlay.toml",
        "[[positions]]\nparty = \"AZE\"\nissue = \"russian-invasion-of-ukraine\"\n\
         stance = \"neutrall\"\nsince = \"2022-02-24\"\nsource = \"hypothesis\"\n",
    );
    let output = run(&["what-if", SEED, &overlay]);
    assert_eq!(code(&output), 2);
    let errors = stderr(&output);
    assert!(errors.contains("overlay.toml:4:10"), "{errors}");
    assert!(errors.contains("= help:"), "{errors}");

    // A file that is not there, or of no known format.
    let missing = run(&["check", "no/such/file.toml"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("cannot read the file"));
    let unknown = run(&["check", "Cargo.lock"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("cannot tell the format"));
    let overlay = run(&["what-if", SEED, "Cargo.lock"]);
    assert_eq!(code(&overlay), 2);
    assert!(stderr(&overlay).contains("cannot tell the format of `Cargo.lock`"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec![],
        vec!["check"],
        vec!["frobnicate", SEED],
        vec!["latent", SEED],
        vec!["check", SEED, "--on", "2022-02-30"],
        vec!["check", SEED, "--fail-on", "imbalance"],
        vec!["check", SEED, "--format", "dot"],
        vec!["graph", SEED, "--on", "2022-02-24", "--format", "json"],
    ] {
        let output = run(&args);
        assert_eq!(code(&output), 2, "{args:?}");
        assert!(stdout(&output).is_empty(), "{args:?}");
        assert!(!stderr(&output).is_empty(), "{args:?}");
    }
    let date = stderr(&run(&["check", SEED, "--on", "2022-02-30"]));
    assert!(
        date.contains("`2022-02-30` is not a day of the calendar"),
        "{date}"
    );
}

/// NATO's first phase, abridged: two founding members and one accession (ATOP 5.1's
/// member-level columns).
const ATOP_MEMBERS: &str = "\
atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,ineffect,phase,defense,offense,neutral,nonagg,consul,version
3180,2,1949,4,4,0,0,0,1,0,1,0,0,0,1,5.1
3180,20,1949,4,4,0,0,0,1,0,1,0,0,0,1,5.1
3180,640,1952,2,18,0,0,0,1,0,1,0,0,0,1,5.1
";

/// The Football War, as COW's war file codes it.
const COW_WARS: &str = "\
WarNum,WarName,ccode,StateName,Side,StartMonth1,StartDay1,StartYear1,Initiator
175,Football War,91,Honduras,2,7,14,1969,2
175,Football War,92,El Salvador,1,7,14,1969,1
";

#[test]
fn import_atop_writes_a_scenario_that_loads() {
    let members = scratch("atop5_1m.csv", ATOP_MEMBERS);
    let output = run(&["import", "atop", &members]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let scenario = allegiance::load::from_toml_str(&stdout(&output))
        .unwrap_or_else(|errors| panic!("{errors}"));
    let nato = &scenario.instruments()[0];
    assert_eq!(nato.id.as_str(), "atop-3180");
    assert_eq!(nato.clauses.len(), 6);
    // What was made goes to stderr, not into the scenario.
    let report = stderr(&output);
    assert!(
        report.contains("ATOP member-level file: 3 rows read"),
        "{report}"
    );
    assert!(report.contains("6 clauses"), "{report}");

    // To a file: TOML, or JSON by its name.
    let toml = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli/alliances.toml");
    let written = run(&["import", "atop", &members, "-o", toml.to_str().unwrap()]);
    assert_eq!(code(&written), 0, "{}", stderr(&written));
    assert!(stdout(&written).is_empty());
    assert_eq!(allegiance::load::from_path(&toml).unwrap(), scenario);
    let json = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli/alliances.json");
    let written = run(&[
        "import",
        "atop",
        &members,
        "--output",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code(&written), 0, "{}", stderr(&written));
    assert!(std::fs::read_to_string(&json).unwrap().starts_with('{'));
    assert_eq!(allegiance::load::from_path(&json).unwrap(), scenario);
}

#[test]
fn import_cow_wars_writes_the_attacks_and_their_parties() {
    let wars = scratch("wars.csv", COW_WARS);
    let output = run(&["import", "cow-wars", &wars]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let scenario = allegiance::load::from_toml_str(&stdout(&output))
        .unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(scenario.parties().len(), 2);
    let attack = &scenario.events()[0];
    assert_eq!(attack.id.as_str(), "cow-war-175");
    assert_eq!(attack.date.to_string(), "1969-07-14");
    assert!(stderr(&output).contains("COW inter-state war file: 2 rows read"));
}

#[test]
fn a_bad_import_exits_2_naming_the_file_and_the_problem() {
    let headless = scratch("headless.csv", "a,b\n1,2\n");
    let output = run(&["import", "cow-wars", &headless]);
    assert_eq!(code(&output), 2);
    assert!(stdout(&output).is_empty());
    let errors = stderr(&output);
    assert!(errors.contains("headless.csv"), "{errors}");
    assert!(
        errors.contains("the header has no column `warnum`"),
        "{errors}"
    );

    let bad = scratch(
        "bad-month.csv",
        &ATOP_MEMBERS.replace("1949,4,4", "1949,13,4"),
    );
    let output = run(&["import", "atop", &bad]);
    assert_eq!(code(&output), 2);
    let errors = stderr(&output);
    assert!(errors.contains("row 2"), "{errors}");

    let missing = run(&["import", "atop", "no/such/members.csv"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("cannot read `no/such/members.csv`"));
    assert_eq!(code(&run(&["import", "atop"])), 2);
    assert_eq!(code(&run(&["import", "gdelt", &headless])), 2);
}

#[test]
fn every_command_has_help_with_an_example() {
    let top = run(&["--help"]);
    assert_eq!(code(&top), 0);
    let text = stdout(&top);
    assert!(text.contains("Exit status:"), "{text}");
    assert!(text.contains("conflict > violation > tension"));
    for command in [
        "check",
        "timeline",
        "latent",
        "what-if",
        "graph",
        "import atop",
        "import cow-wars",
    ] {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.push("--help");
        let output = run(&args);
        assert_eq!(code(&output), 0, "{command}");
        let help = stdout(&output);
        assert!(help.contains("Example"), "{command}: {help}");
        assert!(
            help.contains(&format!("allegiance {command} ")),
            "{command}: {help}"
        );
    }
    assert_eq!(code(&run(&["import", "--help"])), 0);
    assert!(stdout(&run(&["--version"])).starts_with("allegiance "));
}

#[test]
fn clashes_lists_the_clash_points_of_a_date() {
    // On 2022-02-24 the seed has two clash points on the invasion, both Azerbaijan's: Shusha
    // carries Turkey's "oppose" to it, which Moscow point 7 (no harm to Russia) excludes, and
    // which point 4 (similar positions to Russia's) sets against Russia's support by attack.
    let output = run(&["clashes", SEED, "--on", "2022-02-24"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("2 clash point(s) on 2022-02-24\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "AZE excludes stance oppose: no_harm toward RUS (moscow-2022, point 7; binds AZE)"
        ),
        "{text}"
    );
    assert!(
        text.contains("RUS holds stance support (event invasion-2022)"),
        "{text}"
    );

    let points = json(&run(&[
        "clashes",
        SEED,
        "--on",
        "2022-02-24",
        "--format",
        "json",
    ]));
    let kinds: Vec<&str> = points["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| it["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["barred", "opposed"]);

    // The day before the invasion nothing clashes; --fail-on fails on any clash point.
    let before = run(&[
        "clashes",
        SEED,
        "--on",
        "2022-02-23",
        "--fail-on",
        "conflict",
    ]);
    assert_eq!(code(&before), 0);
    assert!(stdout(&before).starts_with("0 clash point(s)"));
    assert_eq!(
        code(&run(&[
            "clashes",
            SEED,
            "--on",
            "2022-02-24",
            "--fail-on",
            "tension"
        ])),
        1
    );
    // On threads, the same points in the same order, as text and as JSON.
    for threads in ["0", "2"] {
        for format in ["text", "json"] {
            let args = ["clashes", SEED, "--on", "2022-02-24", "--format", format];
            let alone = run(&args);
            let shared = run(&[&args[..], &["--threads", threads]].concat());
            assert_eq!(code(&shared), 0, "{}", stderr(&shared));
            assert_eq!(
                stdout(&shared),
                stdout(&alone),
                "--threads {threads}, {format}"
            );
        }
    }
    // The Falklands: art. 3 of the Rio Treaty binds only when an American state is attacked,
    // and Argentina attacked; nothing clashes.
    let falklands = run(&["clashes", FALKLANDS, "--on", "1982-05-01"]);
    assert!(
        stdout(&falklands).starts_with("0 clash point(s)"),
        "{}",
        stdout(&falklands)
    );
}
