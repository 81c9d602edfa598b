//! Hostile inputs, one test each (issue 6, "Hardening"): what the loader says of files made to
//! break it, and where. None may panic, hang, or yield a half-built scenario; every refusal
//! is a `LoadErrors` with a code, a message, a place and a help.
//!
//! Cases `tests/load_errors.rs` already covers are cited, not repeated:
//! * an empty file: `empty_toml_is_an_empty_scenario`, `empty_json_is_a_syntax_error`;
//! * unknown fields at the top level, in an instrument, its source and a clause:
//!   `unknown_top_level_field`, `unknown_fields_in_an_instrument_a_clause_and_a_source`;
//! * ids declared twice within one kind: `duplicate_party_ids`,
//!   `duplicate_clause_labels_in_one_instrument`;
//! * 2022-02-30, 0000-00-00 and 2022-2-24 as quoted dates: `impossible_dates`;
//! * intervals that end before they begin: `terminated_before_in_force`,
//!   `position_until_before_since`, `in_force_before_signed`;
//! * a membership that begins before its organisation:
//!   `a_membership_outside_the_organisations_life`;
//! * a clause binding, or owed to, a party not party to its instrument:
//!   `clause_bound_or_toward_a_non_party`;
//! * an unknown extension and a missing file: `files_are_read_by_their_extension`.
//!
//! Fixtures are inline; line 1 is the line that follows the opening `r#"`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use allegiance::load::{self, Format, Limits, LoadError, Problem};
use allegiance::{Date, PartyId};

/// The errors of a TOML text that must not load.
#[track_caller]
fn toml_errors(text: &str) -> Vec<LoadError> {
    match load::from_toml_str(text) {
        Ok(_) => panic!("the TOML text loaded, but it has mistakes"),
        Err(errors) => errors.errors().to_vec(),
    }
}

/// The errors of a JSON text that must not load.
#[track_caller]
fn json_errors(text: &str) -> Vec<LoadError> {
    match load::from_json_str(text) {
        Ok(_) => panic!("the JSON text loaded, but it has mistakes"),
        Err(errors) => errors.errors().to_vec(),
    }
}

/// The only error of a TOML text.
#[track_caller]
fn only_toml_error(text: &str) -> LoadError {
    let errors = toml_errors(text);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    errors.into_iter().next().unwrap()
}

/// The errors of a file that must not load.
#[track_caller]
fn path_errors(path: &std::path::Path) -> Vec<LoadError> {
    match load::from_path(path) {
        Ok(_) => panic!("{} loaded, but it should not", path.display()),
        Err(errors) => errors.errors().to_vec(),
    }
}

/// Checks an error's code, message (the problem's Display), place and help.
#[track_caller]
fn assert_error(
    error: &LoadError,
    code: &str,
    message: &str,
    (path, line, column): (&str, usize, usize),
    help: &str,
) {
    assert_eq!(error.code(), code, "code of {error:#?}");
    assert_eq!(
        error.problem().to_string(),
        message,
        "message of {error:#?}"
    );
    let location = error.location();
    assert_eq!(
        (location.path.as_str(), location.line, location.column),
        (path, Some(line), Some(column)),
        "location of {error:#?}"
    );
    assert_eq!(error.help(), help, "help of {error:#?}");
}

/// A file in a directory of its own under the system's temporary directory, removed when
/// dropped; nothing is written into the repository.
struct TempFile {
    dir: PathBuf,
    path: PathBuf,
}

impl TempFile {
    fn new(test: &str, name: &str, contents: &[u8]) -> TempFile {
        let dir =
            std::env::temp_dir().join(format!("allegiance-hostile-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        TempFile { dir, path }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const SYNTAX_HELP_JSON: &str = "fix the JSON syntax here";
const SYNTAX_HELP_TOML: &str = "fix the TOML syntax here";
const DATE_HELP: &str = "write a real day as `YYYY-MM-DD`, such as `2022-02-24`";
const ID_HELP: &str = "write an id without spaces, such as `AZE` or `moscow-2022`";
const REVERSED_HELP: &str = "swap the two dates, or correct the one that is wrong";

// ----- empty files, read from disk -----

#[test]
fn empty_and_blank_files_from_disk() {
    // An empty `.toml` file is an empty scenario, as an empty TOML text is.
    let empty_toml = TempFile::new("empty", "empty.toml", b"");
    let scenario = load::from_path(&empty_toml.path).unwrap();
    assert!(scenario.parties().is_empty() && scenario.instruments().is_empty());

    // An empty `.json` file is no JSON value; it is not taken for TOML (an empty text says
    // nothing of its format): the JSON syntax error at 1:1.
    let empty_json = TempFile::new("empty", "empty.json", b"");
    let errors = path_errors(&empty_json.path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_error(
        &errors[0],
        "allegiance::load::syntax",
        "JSON syntax: EOF while parsing a value",
        ("(syntax)", 1, 1),
        SYNTAX_HELP_JSON,
    );

    // Blank lines only: the parser runs out of input at the start of line 3.
    let blank_json = TempFile::new("blank", "blank.json", b"  \n\t\n");
    let errors = path_errors(&blank_json.path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_error(
        &errors[0],
        "allegiance::load::syntax",
        "JSON syntax: EOF while parsing a value",
        ("(syntax)", 3, 1),
        SYNTAX_HELP_JSON,
    );
}

#[test]
fn a_byte_order_mark_is_passed_over_in_both_formats() {
    // Some editors open a UTF-8 file with U+FEFF; TOML ignores it, and so does the JSON
    // reader (RFC 8259 allows it), with places still counted from the mark.
    let toml = "\u{feff}title = \"marked\"\n";
    assert_eq!(load::from_toml_str(toml).unwrap().title(), Some("marked"));
    let json = "\u{feff}{\"title\": \"marked\"}";
    assert_eq!(load::from_json_str(json).unwrap().title(), Some("marked"));
    // An unknown field after the mark is placed as the eye sees it: line 1, column 3 (the
    // mark counts as one character, then `{`).
    let errors = json_errors("\u{feff}{\"titel\": \"marked\"}");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code(), "allegiance::load::unknown_field");
    assert_eq!(
        (errors[0].location().line, errors[0].location().column),
        (Some(1), Some(3))
    );
}

// ----- the wrong format for the extension -----

const JSON_SCENARIO: &str = r#"{"parties": [{"id": "AZE", "name": "Azerbaijan", "kind": "state"}]}
"#;

const TOML_SCENARIO: &str = r#"[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"
"#;

#[test]
fn json_in_a_toml_file_is_named_as_such() {
    let file = TempFile::new("json-as-toml", "scenario.toml", JSON_SCENARIO.as_bytes());
    let errors = path_errors(&file.path);
    // One problem instead of TOML's syntax errors, at the start of the text.
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(matches!(
        errors[0].problem(),
        Problem::WrongFormat {
            named: "TOML",
            reads_as: "JSON",
            ..
        }
    ));
    assert_error(
        &errors[0],
        "allegiance::load::wrong_format",
        "the file is named as TOML but its text is JSON",
        ("(file)", 1, 1),
        "name the file `.json`, or call `from_json_str` on its text",
    );
    // The same text loads as JSON.
    assert_eq!(
        load::from_json_str(JSON_SCENARIO).unwrap().parties().len(),
        1
    );
}

#[test]
fn toml_in_a_json_file_is_named_as_such() {
    let file = TempFile::new("toml-as-json", "scenario.json", TOML_SCENARIO.as_bytes());
    let errors = path_errors(&file.path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_error(
        &errors[0],
        "allegiance::load::wrong_format",
        "the file is named as JSON but its text is TOML",
        ("(file)", 1, 1),
        "name the file `.toml`, or call `from_toml_str` on its text",
    );
    assert_eq!(
        load::from_toml_str(TOML_SCENARIO).unwrap().parties().len(),
        1
    );
}

#[test]
fn broken_json_in_a_toml_file_gets_the_toml_syntax_errors() {
    // Neither format reads it: the extension's format reports its syntax errors as usual.
    let file = TempFile::new("broken", "scenario.toml", b"{\"parties\": [\n");
    let errors = path_errors(&file.path);
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .all(|it| it.code() == "allegiance::load::syntax"),
        "{errors:#?}"
    );
    assert_eq!(errors[0].location().line, Some(1));
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_the_bad_byte() {
    // `title = "` is 9 bytes; the 10th is 0xFF, which UTF-8 never uses.
    let file = TempFile::new("latin1", "scenario.toml", b"title = \"\xff\"\n");
    let errors = path_errors(&file.path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_error(
        &errors[0],
        "allegiance::load::syntax",
        "TOML syntax: the text is not UTF-8: byte 0xff at offset 9",
        ("(file)", 1, 10),
        SYNTAX_HELP_TOML,
    );
}

#[test]
fn a_directory_named_like_a_scenario_is_an_io_problem() {
    let file = TempFile::new("directory", "placeholder", b"");
    let directory = file.dir.join("scenario.toml");
    std::fs::create_dir_all(&directory).unwrap();
    let errors = path_errors(&directory);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code(), "allegiance::load::io");
    assert_eq!(errors[0].location().path, "(file)");
}

// ----- unknown fields at every level -----

#[test]
fn unknown_fields_at_every_other_level() {
    // One misspelt key in each kind of table load_errors.rs does not already try: a party,
    // its source, a membership, its source, a territory, an action, an issue, a clause's
    // source, a position and its source, an event and its source.
    let errors = toml_errors(
        r#"[[parties]]
id = "ARM"
name = "Armenia"
kind = "state"
sinse = "1991-09-21"
source = { citation = "UN", ulr = "https://un.org" }

[[parties]]
id = "CSTO"
name = "Collective Security Treaty Organization"
kind = "organisation"
members = [ { party = "ARM", since = "2003-09-18", untill = "2030-01-01", source = { citation = "CSTO", ulr = "x" } } ]

[[territories]]
id = "Syunik"
name = "Syunik"
belongs_to = "ARM"
belong_to = "ARM"

[[actions]]
id = "host_base"
description = "Host a foreign base"
incompatible = ["neutrality"]

[[issues]]
id = "peace"
title = "Peace"
domain = "security"
domian = "security"

[[instruments]]
id = "cst"
name = "Collective Security Treaty"
kind = "treaty"
force = "binding"
form = "multilateral"
members_of = "CSTO"
in_force = "2003-09-18"
source = "UNTS 32307"

[[instruments.clauses]]
label = "art. 4"
text = "aggression against one is aggression against all"
modality = "obligation"
action = "defend"
source = { citation = "UNTS", assumptions = "translated" }

[[positions]]
party = "ARM"
issue = "peace"
stance = "support"
since = "2024-01-01"
stanse = "support"
source = { citation = "Armenian MFA", url = "https://mfa.am", note = "x" }

[[events]]
id = "join"
kind = "accession"
date = "2003-09-18"
party = "ARM"
organisation = "CSTO"
organization = "CSTO"
source = { citation = "CSTO", assumtion = "x" }
"#,
    );
    let found: Vec<(&str, &str, usize, usize)> = errors
        .iter()
        .map(|it| {
            let location = it.location();
            (
                it.code(),
                location.path.as_str(),
                location.line.unwrap(),
                location.column.unwrap(),
            )
        })
        .collect();
    let unknown = "allegiance::load::unknown_field";
    assert_eq!(
        found,
        [
            // `sinse` opens line 5.
            (unknown, "parties[0].sinse", 5, 1),
            // `source = { citation = "UN", ` is 28 characters.
            (unknown, "parties[0].source.ulr", 6, 29),
            // `members = [ { party = "ARM", since = "2003-09-18", ` is 51 characters.
            (unknown, "parties[1].members[0].untill", 12, 52),
            // … then `untill = "2030-01-01", source = { citation = "CSTO", ` adds 53 more.
            (unknown, "parties[1].members[0].source.ulr", 12, 105),
            (unknown, "territories[0].belong_to", 18, 1),
            (unknown, "actions[0].incompatible", 23, 1),
            (unknown, "issues[0].domian", 29, 1),
            // `source = { citation = "UNTS", ` is 30 characters.
            (
                unknown,
                "instruments[0].clauses[0].source.assumptions",
                46,
                31
            ),
            (unknown, "positions[0].stanse", 53, 1),
            // `source = { citation = "Armenian MFA", url = "https://mfa.am", ` is 62.
            (unknown, "positions[0].source.note", 54, 63),
            (unknown, "events[0].organization", 62, 1),
            // `source = { citation = "CSTO", ` is 30 characters.
            (unknown, "events[0].source.assumtion", 63, 31),
        ]
    );
    // Each suggests the field meant, where one is close.
    let suggestions: Vec<Option<&str>> = errors
        .iter()
        .map(|it| match it.problem() {
            Problem::UnknownField { suggestion, .. } => suggestion.as_deref(),
            other => panic!("not an unknown field: {other:?}"),
        })
        .collect();
    assert_eq!(
        suggestions,
        [
            Some("since"),
            Some("url"),
            Some("until"),
            Some("url"),
            Some("belongs_to"),
            None,
            Some("domain"),
            Some("assumption"),
            Some("stance"),
            None,
            Some("organisation"),
            Some("assumption"),
        ]
    );
}

// ----- ids -----

#[test]
fn ids_with_white_space_or_control_characters_are_refused_where_written() {
    let errors = toml_errors(
        "parties = [\n  \
         { id = \"A Z\", name = \"space\", kind = \"state\" },\n  \
         { id = \"A\u{a0}Z\", name = \"no-break space\", kind = \"state\" },\n  \
         { id = \"A\u{3000}Z\", name = \"ideographic space\", kind = \"state\" },\n  \
         { id = \" AZE\", name = \"leading space\", kind = \"state\" },\n  \
         { id = \"A\\tZ\", name = \"tab\", kind = \"state\" },\n  \
         { id = \"A\\u0007Z\", name = \"bell\", kind = \"state\" },\n  \
         { id = \"\", name = \"empty\", kind = \"state\" },\n\
         ]\n",
    );
    assert_eq!(errors.len(), 7, "{errors:#?}");
    // Each id's value follows `  { id = ` (9 characters) on lines 2 to 8.
    let messages = [
        "`A Z` is not a valid id: an id cannot contain white space or control characters: `A Z`",
        "`A\\u{a0}Z` is not a valid id: an id cannot contain white space or control characters: `A\\u{a0}Z`",
        "`A\\u{3000}Z` is not a valid id: an id cannot contain white space or control characters: `A\\u{3000}Z`",
        "` AZE` is not a valid id: an id cannot contain white space or control characters: ` AZE`",
        "`A\\tZ` is not a valid id: an id cannot contain white space or control characters: `A\\tZ`",
        "`A\\u{7}Z` is not a valid id: an id cannot contain white space or control characters: `A\\u{7}Z`",
        "`` is not a valid id: an id cannot be empty",
    ];
    for (at, (error, message)) in errors.iter().zip(messages).enumerate() {
        let path = format!("parties[{at}].id");
        assert_error(
            error,
            "allegiance::load::bad_id",
            message,
            (&path, at + 2, 10),
            ID_HELP,
        );
    }
}

#[test]
fn ids_are_compared_exactly_case_and_unicode_forms_included() {
    // Ids are compared as written: no case folding, no Unicode normalisation. `AZE`, `aze`,
    // `AZE` with a zero-width space, `é` precomposed and `é` as e + combining accent are
    // five parties. Odd scripts are fine.
    let scenario = load::from_toml_str(
        "parties = [\n  \
         { id = \"AZE\", name = \"upper\", kind = \"state\" },\n  \
         { id = \"aze\", name = \"lower\", kind = \"state\" },\n  \
         { id = \"AZE\u{200b}\", name = \"zero-width\", kind = \"state\" },\n  \
         { id = \"\u{e9}\", name = \"composed\", kind = \"state\" },\n  \
         { id = \"e\u{301}\", name = \"decomposed\", kind = \"state\" },\n  \
         { id = \"Азербайджан\", name = \"Cyrillic\", kind = \"state\" },\n  \
         { id = \"中国\", name = \"Han\", kind = \"state\" },\n  \
         { id = \"🇺🇦\", name = \"flag\", kind = \"state\" },\n\
         ]\n",
    )
    .unwrap();
    assert_eq!(scenario.parties().len(), 8);
    let upper: PartyId = "AZE".parse().unwrap();
    let lower: PartyId = "aze".parse().unwrap();
    assert_eq!(scenario.party(&upper).unwrap().name, "upper");
    assert_eq!(scenario.party(&lower).unwrap().name, "lower");

    // A reference differing only in case is unknown, and the hint names the declared id.
    let error = only_toml_error(
        r#"parties = [{ id = "AZE", name = "Azerbaijan", kind = "state" }]
issues = [{ id = "q", title = "Question", domain = "security" }]

[[positions]]
party = "Aze"
issue = "q"
stance = "support"
since = "2022-01-01"
source = "x"
"#,
    );
    assert_error(
        &error,
        "allegiance::load::unknown_id",
        "unknown party `Aze`",
        ("positions[0].party", 5, 9),
        "did you mean `AZE`?",
    );
}

#[test]
fn an_invisible_character_in_an_id_is_shown_in_the_renderings() {
    // `AZE` followed by a zero-width space is a valid id, and a different one from `AZE`;
    // the text renderings show the invisible character, so the two cannot be confused.
    let text = "parties = [{ id = \"AZE\u{200b}\", name = \"Azerbaijan\", kind = \"state\" }]\n\
                issues = [{ id = \"q\", title = \"Question\", domain = \"security\" }]\n\
                positions = [{ party = \"AZE\", issue = \"q\", stance = \"support\", \
                since = \"2022-01-01\", source = \"x\" }]\n";
    let errors = load::from_toml_str(text).unwrap_err();
    let error = &errors.errors()[0];
    assert_eq!(error.code(), "allegiance::load::unknown_id");
    assert_eq!(error.help(), "did you mean `AZE\u{200b}`?");
    let rendered = errors.to_string();
    assert!(
        rendered.contains("= help: did you mean `AZE\\u{200b}`?"),
        "{rendered}"
    );
    assert!(!rendered.contains('\u{200b}'), "{rendered}");
}

#[test]
fn the_same_id_for_entries_of_different_kinds_is_allowed() {
    // Decision: ids are unique within a kind, not across kinds. Every reference says which
    // kind it names (`party = …`, `territory = …`, `subject_to = [instrument…]`), so a shared
    // id is never ambiguous; and the world shares names: the territory of Donetsk, the entity
    // claiming it, the issue of its status and the event of its recognition may all be
    // `Donetsk`.
    let scenario = load::from_toml_str(
        r#"[[parties]]
id = "RUS"
name = "Russia"
kind = "state"

[[parties]]
id = "UKR"
name = "Ukraine"
kind = "state"

[[parties]]
id = "Donetsk"
name = "Donetsk People's Republic"
kind = "entity"

[[territories]]
id = "Donetsk"
name = "Donetsk oblast"
belongs_to = "UKR"

[[actions]]
id = "Donetsk"
description = "Supply the Donetsk entity"

[[issues]]
id = "Donetsk"
title = "Status of Donetsk"
domain = "foreign_policy"

[[instruments]]
id = "Donetsk"
name = "Treaty of Friendship with the Donetsk People's Republic"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["RUS", "Donetsk"]
in_force = "2022-02-21"
source = "Kremlin, 21 February 2022"

[[instruments.clauses]]
label = "Donetsk"
text = "The Parties shall coordinate their foreign policy."
modality = "obligation"
action = "align"

[[events]]
id = "Donetsk"
kind = "recognition"
date = "2022-02-21"
by = "RUS"
territory = "Donetsk"
entity = "Donetsk"
source = "Kremlin, 21 February 2022"
"#,
    )
    .unwrap();
    assert_eq!(scenario.parties().len(), 3);
    assert_eq!(scenario.territories().len(), 1);
    assert_eq!(scenario.issues().len(), 1);
    assert_eq!(scenario.instruments().len(), 1);
    assert_eq!(scenario.events().len(), 1);
    // The check runs, and names each by its kind.
    let report = allegiance::check(&scenario);
    let _ = report.to_string();

    // Within one kind an id stays unique; a war issue shares the issues' namespace.
    let error = only_toml_error(
        r#"parties = [
  { id = "RUS", name = "Russia", kind = "state" },
  { id = "UKR", name = "Ukraine", kind = "state" },
]
issues = [{ id = "war", title = "The war", domain = "security" }]

[[events]]
id = "invasion"
kind = "armed_attack"
date = "2022-02-24"
attacker = "RUS"
victim = "UKR"
issue = "war"
source = "x"
"#,
    );
    assert_error(
        &error,
        "allegiance::load::duplicate_id",
        "duplicate issue id `war`",
        ("events[0].issue", 13, 9),
        "rename one of the two; the first issue with this id is at issues[0].id",
    );
}

// ----- dates -----

#[test]
fn dates_out_of_the_calendars_range() {
    let errors = toml_errors(
        r#"[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"
since = "99999-01-01"
until = "2022-02-24T10:00:00Z"

[[parties]]
id = "RUS"
name = "Russia"
kind = "state"
since = "+2022-02-24"
until = "２０２２-０２-２４"
"#,
    );
    assert_eq!(errors.len(), 4, "{errors:#?}");
    // A five-digit year, a date-time, a sign and full-width digits are not `YYYY-MM-DD`.
    let expected = [
        ("99999-01-01", "parties[0].since", 5),
        ("2022-02-24T10:00:00Z", "parties[0].until", 6),
        ("+2022-02-24", "parties[1].since", 12),
        ("２０２２-０２-２４", "parties[1].until", 13),
    ];
    for (error, (text, path, line)) in errors.iter().zip(expected) {
        let message = format!("bad date: `{text}` is not written `YYYY-MM-DD`");
        assert_error(
            error,
            "allegiance::load::bad_date",
            &message,
            (path, line, 9),
            DATE_HELP,
        );
    }
}

#[test]
fn bare_toml_dates_that_name_no_day_are_syntax_errors() {
    // Unquoted, a date is TOML's own literal, and TOML checks it first: the problem is a
    // syntax error at the value.
    let cases = [
        (
            "since = 99999-01-01",
            "TOML syntax: invalid date, expected a four-digit year (YYYY)",
        ),
        (
            "since = 0000-00-00",
            "TOML syntax: invalid date, expected month between 01 and 12",
        ),
        (
            "since = 2022-02-30",
            "TOML syntax: invalid date, expected day between 01 and 28",
        ),
    ];
    for (line, message) in cases {
        let text = format!("[[parties]]\nid = \"AZE\"\nname = \"A\"\nkind = \"state\"\n{line}\n");
        let error = only_toml_error(&text);
        assert_error(
            &error,
            "allegiance::load::syntax",
            message,
            ("(syntax)", 5, 9),
            SYNTAX_HELP_TOML,
        );
    }
}

#[test]
fn the_first_and_last_days_of_the_calendar_are_checked_without_overflow() {
    // An instrument in force from 0001-01-01 to 9999-12-31 and positions taken on the last
    // day: the timeline has no day before its first change nor after its last.
    let scenario = load::from_toml_str(
        r#"parties = [
  { id = "A", name = "A", kind = "state", since = "0001-01-01" },
  { id = "B", name = "B", kind = "state" },
]
issues = [{ id = "q", title = "q", domain = "security" }]

[[instruments]]
id = "pact"
name = "pact"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["A", "B"]
in_force = "0001-01-01"
terminated = "9999-12-31"
source = "x"

[[instruments.clauses]]
label = "1"
text = "align"
modality = "obligation"
action = "align"

[[positions]]
party = "A"
issue = "q"
stance = "support"
since = "9999-12-30"
source = "x"

[[positions]]
party = "B"
issue = "q"
stance = "oppose"
since = "9999-12-30"
source = "x"
"#,
    )
    .unwrap();
    let report = allegiance::check(&scenario);
    let violations: Vec<_> = report.contradictions().collect();
    assert!(!violations.is_empty(), "{report}");
    let last_day: Date = "9999-12-30".parse().unwrap();
    assert!(
        violations
            .iter()
            .all(|it| it.during.start == Some(last_day))
    );
    let first = allegiance::check_on(&scenario, "0001-01-01".parse().unwrap());
    assert!(first.findings().is_empty(), "{first}");
}

// ----- intervals -----

#[test]
fn intervals_that_end_where_or_before_they_begin() {
    // The cases load_errors.rs lacks: a party whose life is empty (until = since), a
    // membership that ends before it begins, a position abandoned the day it is taken.
    let errors = toml_errors(
        r#"[[parties]]
id = "ARM"
name = "Armenia"
kind = "state"
since = "1991-09-21"
until = "1991-09-21"

[[parties]]
id = "CSTO"
name = "Collective Security Treaty Organization"
kind = "organisation"
members = [ { party = "ARM", since = "2003-09-18", until = "2003-09-17" } ]

[[issues]]
id = "q"
title = "q"
domain = "security"

[[positions]]
party = "ARM"
issue = "q"
stance = "support"
since = "2024-01-01"
until = "2024-01-01"
source = "x"
"#,
    );
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_error(
        &errors[0],
        "allegiance::load::reversed_dates",
        "`until` (1991-09-21) is not after `since` (1991-09-21)",
        ("parties[0].until", 6, 9),
        REVERSED_HELP,
    );
    // `members = [ { party = "ARM", since = "2003-09-18", until = ` is 59 characters.
    assert_error(
        &errors[1],
        "allegiance::load::reversed_dates",
        "`until` (2003-09-17) is not after `since` (2003-09-18)",
        ("parties[1].members[0].until", 12, 60),
        REVERSED_HELP,
    );
    assert_error(
        &errors[2],
        "allegiance::load::reversed_dates",
        "`until` (2024-01-01) is not after `since` (2024-01-01)",
        ("positions[0].until", 24, 9),
        REVERSED_HELP,
    );
}

#[test]
fn a_membership_that_outlives_its_organisation() {
    // load_errors.rs tries a membership that begins too early; here the organisation is
    // dissolved in 1999 and one membership runs on to 2005, another never ends.
    let errors = toml_errors(
        r#"[[parties]]
id = "ARM"
name = "Armenia"
kind = "state"

[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"

[[parties]]
id = "CST"
name = "Collective Security Treaty (1992-1999)"
kind = "organisation"
since = "1994-04-20"
until = "1999-04-02"
members = [
  { party = "ARM", since = "1994-04-20", until = "2005-01-01" },
  { party = "AZE", since = "1994-04-20" },
]
"#,
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
    let help = "correct the dates so that they lie within the life of `CST`";
    // Each membership's inline table opens after two spaces.
    assert_error(
        &errors[0],
        "allegiance::load::outside_life",
        "the membership of `ARM` (1994-04-20 until 2005-01-01) lies outside the life of `CST` (1994-04-20 until 1999-04-02)",
        ("parties[2].members[0]", 18, 3),
        help,
    );
    assert_error(
        &errors[1],
        "allegiance::load::outside_life",
        "the membership of `AZE` (since 1994-04-20) lies outside the life of `CST` (1994-04-20 until 1999-04-02)",
        ("parties[2].members[1]", 19, 3),
        help,
    );
}

#[test]
fn a_clause_binding_a_party_never_a_member_while_it_is_in_force() {
    // An instrument of an organisation's members (`members_of`): Azerbaijan left the CST in
    // 1999, before the instrument came into force, so a clause cannot bind it.
    let error = only_toml_error(
        r#"[[parties]]
id = "ARM"
name = "Armenia"
kind = "state"

[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"

[[parties]]
id = "CSTO"
name = "Collective Security Treaty Organization"
kind = "organisation"
members = [
  { party = "ARM", since = "1994-04-20" },
  { party = "AZE", since = "1994-04-20", until = "1999-04-02" },
]

[[instruments]]
id = "cst-2003"
name = "Charter of the CSTO"
kind = "charter"
force = "binding"
form = "multilateral"
members_of = "CSTO"
in_force = "2003-09-18"
source = "UNTS 39775"

[[instruments.clauses]]
label = "art. 3"
text = "strengthen peace and international and regional security"
modality = "obligation"
action = "align"
bound = ["ARM", "AZE"]
"#,
    );
    // `"AZE"` is the second item of `bound = ["ARM", ` (16 characters) on line 35.
    assert_error(
        &error,
        "allegiance::load::not_a_party",
        "`AZE` is not a party to `cst-2003`",
        ("instruments[0].clauses[0].bound[1]", 35, 17),
        "add the party to the parties of `cst-2003`, or remove it from this clause",
    );
}

// ----- cycles of "subject to" -----

/// Multilateral instruments of the parties A and B, `i0`, `i1`…, one per line given, each
/// line written as the instrument's last.
fn instruments(subject_to: &[&str]) -> String {
    let mut text = String::from(
        "parties = [\n  { id = \"A\", name = \"A\", kind = \"state\" },\n  \
         { id = \"B\", name = \"B\", kind = \"state\" },\n]\n",
    );
    for (at, line) in subject_to.iter().enumerate() {
        let _ = write!(
            text,
            "\n[[instruments]]\nid = \"i{at}\"\nname = \"i{at}\"\nkind = \"treaty\"\n\
             force = \"binding\"\nform = \"multilateral\"\nparties = [\"A\", \"B\"]\n\
             in_force = \"2000-01-01\"\nsource = \"x\"\n{line}\n"
        );
    }
    text
}

#[test]
fn cycles_of_subject_to_are_refused_at_the_entry_that_starts_them() {
    // Instruments open on lines 6, 17, 28, 39 and 50; each `subject_to` is the instrument's
    // 10th line. i0 → i1 → i2 → i0 is a cycle; i3 → i4 → i3 another (i3's edge to i1 leaves
    // it for the first, which never comes back); each is one problem, at the `subject_to`
    // entry of its first declared instrument that begins it.
    let text = instruments(&[
        "subject_to = [\"i1\"]",
        "subject_to = [\"i2\"]",
        "subject_to = [\"i0\"]",
        "subject_to = [\"i1\", \"i4\"]",
        "subject_to = [\"i3\"]",
    ]);
    let errors = toml_errors(&text);
    assert_eq!(errors.len(), 2, "{errors:#?}\n{text}");
    let help = "remove one `subject_to` entry of the cycle: an instrument cannot, through \
                others, be subject to itself";
    assert!(matches!(
        errors[0].problem(),
        Problem::Cycle { ids, .. } if ids == &["i0", "i1", "i2"]
    ));
    // `subject_to = [` is 14 characters.
    assert_error(
        &errors[0],
        "allegiance::load::cycle",
        "instruments subject to each other in a cycle: `i0` → `i1` → `i2` → `i0`",
        ("instruments[0].subject_to[0]", 15, 15),
        help,
    );
    // i3's second entry, after `subject_to = ["i1", ` (20 characters), starts its cycle.
    assert_error(
        &errors[1],
        "allegiance::load::cycle",
        "instruments subject to each other in a cycle: `i3` → `i4` → `i3`",
        ("instruments[3].subject_to[1]", 48, 21),
        help,
    );
}

#[test]
fn an_instrument_subject_to_itself_is_refused_where_it_says_so() {
    let error = only_toml_error(&instruments(&["subject_to = [\"i0\"]"]));
    assert_error(
        &error,
        "allegiance::load::inconsistent",
        "`i0` refers to itself",
        ("instruments[0].subject_to[0]", 15, 15),
        "name another instrument",
    );
}

#[test]
fn subject_to_without_a_cycle_loads() {
    // A diamond (i0 → i1 → i3, i0 → i2 → i3) and instruments that say they are not
    // incompatible with each other (a statement of compatibility, often mutual) are fine.
    let text = instruments(&[
        "subject_to = [\"i1\", \"i2\"]",
        "subject_to = [\"i3\"]\nnot_incompatible_with = [\"i2\"]",
        "subject_to = [\"i3\"]\nnot_incompatible_with = [\"i1\"]",
        "",
    ]);
    let scenario = load::from_toml_str(&text).unwrap();
    assert_eq!(scenario.instruments().len(), 4);
}

#[test]
fn a_long_cycle_is_found_without_recursion() {
    // 20,000 instruments each subject to the next, the last to the first: one problem,
    // naming them all, found without a recursive search that could overflow the stack.
    let count = 20_000;
    let lines: Vec<String> = (0..count)
        .map(|at| format!("subject_to = [\"i{}\"]", (at + 1) % count))
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let errors = toml_errors(&instruments(&lines));
    assert_eq!(errors.len(), 1);
    match errors[0].problem() {
        Problem::Cycle { ids, .. } => {
            assert_eq!(ids.len(), count);
            assert_eq!(ids[0], "i0");
            assert_eq!(ids[count - 1], format!("i{}", count - 1));
        }
        other => panic!("not a cycle: {other:?}"),
    }
}

// ----- deep nesting -----

#[test]
fn fifty_thousand_levels_of_json_nesting_are_refused_at_the_limit() {
    // Arrays: the 129th `[` is the first level past the limit of 128.
    let deep = "[".repeat(50_000) + &"]".repeat(50_000);
    let errors = json_errors(&deep);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_error(
        &errors[0],
        "allegiance::load::syntax",
        "JSON syntax: nested more than 128 levels deep",
        ("(syntax)", 1, 129),
        SYNTAX_HELP_JSON,
    );
    // Objects, under a real key: `{"title": ` (10 characters), then `{"a": ` per level, the
    // root being the first level.
    let deep = format!(
        "{{\"title\": {}0{}}}",
        "{\"a\": ".repeat(50_000),
        "}".repeat(50_000)
    );
    let errors = json_errors(&deep);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code(), "allegiance::load::syntax");
    assert_eq!(errors[0].location().column, Some(11 + 6 * 127));
}

#[test]
fn fifty_thousand_levels_of_toml_nesting_are_refused() {
    for deep in [
        format!("a = {}{}", "[".repeat(50_000), "]".repeat(50_000)),
        format!("a = {}1{}", "{ b = ".repeat(50_000), " }".repeat(50_000)),
    ] {
        let errors = toml_errors(&deep);
        assert!(!errors.is_empty());
        assert!(
            errors
                .iter()
                .all(|it| it.code() == "allegiance::load::syntax"),
            "{errors:#?}"
        );
        assert_eq!(errors[0].location().line, Some(1));
        assert!(
            errors[0]
                .problem()
                .to_string()
                .contains("max recursion depth"),
            "{errors:#?}"
        );
    }
}

// ----- size -----

#[test]
fn a_200_megabyte_file_is_refused_unread() {
    // 200 MB of valid TOML (a title, then comments), written to a temporary directory.
    let file = TempFile::new("huge", "huge.toml", b"");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file.path).unwrap());
        out.write_all(b"title = \"huge\"\n").unwrap();
        let line = format!("# {}\n", "x".repeat(1_021));
        for _ in 0..200_000 {
            out.write_all(line.as_bytes()).unwrap();
        }
        out.flush().unwrap();
    }
    let size = std::fs::metadata(&file.path).unwrap().len();
    assert!(size > 200_000_000);
    let errors = path_errors(&file.path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(matches!(
        errors[0].problem(),
        Problem::TooLarge { limit, size: Some(found), .. }
            if *limit == Limits::DEFAULT_MAX_BYTES && *found == size
    ));
    assert_eq!(errors[0].code(), "allegiance::load::too_large");
    assert_eq!(
        errors[0].problem().to_string(),
        "the file is larger than the limit of 16777216 bytes"
    );
    assert_eq!(errors[0].location().path, "(file)");
    assert_eq!(
        errors[0].help(),
        "split the scenario into smaller files, or raise `load::Limits::max_bytes`"
    );
    // With a limit above its size, the same file loads (it is only comments).
    let limits = Limits {
        max_bytes: 256 * 1024 * 1024,
        ..Limits::default()
    };
    let scenario = load::from_path_with(&file.path, &limits).unwrap();
    assert_eq!(scenario.title(), Some("huge"));
}

#[test]
fn a_text_over_the_limit_is_refused_at_the_first_byte_past_it() {
    let text = "title = \"short\"\ndescription = \"longer than the limit\"\n";
    let limits = Limits {
        max_bytes: 20,
        ..Limits::default()
    };
    let errors = load::from_str_with(text, Format::Toml, "t.toml", &limits).unwrap_err();
    assert_eq!(errors.len(), 1);
    // Byte 20 is the 5th character of line 2 (`title = "short"\n` is 16 bytes).
    assert_error(
        &errors.errors()[0],
        "allegiance::load::too_large",
        "the file is larger than the limit of 20 bytes",
        ("(file)", 2, 5),
        "split the scenario into smaller files, or raise `load::Limits::max_bytes`",
    );
    // The `from_*_str` functions take no limit, as before.
    assert!(load::from_toml_str(text).is_ok());
}

#[test]
fn past_the_limit_of_problems_the_report_ends_saying_so() {
    // 5,000 parties with no name nor kind: 10,000 missing fields.
    let mut text = String::new();
    for at in 0..5_000 {
        let _ = writeln!(text, "[[parties]]\nid = \"P{at}\"\n");
    }
    // Without limits (the `from_*_str` functions), every problem.
    assert_eq!(load::from_toml_str(&text).unwrap_err().len(), 10_000);
    // With the default limits, the first 1,000, in file order, then one problem more.
    let errors =
        load::from_str_with(&text, Format::Toml, "many.toml", &Limits::default()).unwrap_err();
    assert_eq!(errors.len(), 1_001);
    assert_eq!(errors.errors()[0].location().path, "parties[0].name");
    assert_eq!(errors.errors()[999].location().path, "parties[499].kind");
    let last = &errors.errors()[1_000];
    assert_eq!(last.code(), "allegiance::load::too_many_problems");
    assert_eq!(
        last.problem().to_string(),
        "more than 1000 problems: the rest are not shown"
    );
    assert_eq!(last.location().path, "(file)");
    assert_eq!(
        last.help(),
        "fix these and load the file again, or raise `load::Limits::max_problems`"
    );
}

#[test]
fn many_problems_are_reported_in_time_linear_in_the_file() {
    // Each of these took minutes before loading was made linear (a line count per problem,
    // a key search per unknown key, a scan of the reported paths per semantic problem); a
    // regression would make this test hang, not fail.
    let mut json = String::from("{");
    for at in 0..50_000 {
        let _ = write!(json, "\"unknown{at}\": 0, ");
    }
    json.push_str("\"title\": \"t\"}");
    assert_eq!(json_errors(&json).len(), 50_000);

    let mut toml = String::new();
    for at in 0..5_000 {
        let _ = writeln!(
            toml,
            "[[parties]]\nid = \"P{at}\"\nname = \"P\"\nkind = \"state\""
        );
    }
    for at in 0..20_000 {
        let _ = writeln!(
            toml,
            "[[positions]]\nparty = \"Q{at}\"\nissue = \"q\"\nstance = \"support\"\n\
             since = \"2022-01-01\"\nsource = \"x\""
        );
    }
    // Each position names an unknown party and an unknown issue.
    assert_eq!(toml_errors(&toml).len(), 40_000);

    // A JSON object with many keys given twice is read in `O(k log k)`.
    let mut json = String::from("{");
    for at in 0..50_000 {
        let _ = write!(json, "\"k{}\": 0, ", at % 25_000);
    }
    json.push_str("\"title\": \"t\"}");
    let errors = json_errors(&json);
    assert_eq!(errors.len(), 25_000);
    assert_eq!(
        errors[0].problem().to_string(),
        "JSON syntax: duplicate key `k0`"
    );
}

// ----- control characters -----

#[test]
fn control_characters_in_quoted_text_are_kept_and_escaped_on_output() {
    // Decision: a clause's text is a verbatim quotation, so the loader keeps every character
    // of it, control characters included; saving writes it back unchanged, JSON escapes it
    // as JSON must, and the text renderings (the report, the load errors) show each control
    // or invisible character as an escape, so that no file can drive the terminal.
    let text = "parties = [\n  \
        { id = \"A\", name = \"A\", kind = \"state\" },\n  \
        { id = \"B\", name = \"B\\u001b[2J\", kind = \"state\" },\n  \
        { id = \"X\", name = \"X\", kind = \"state\" },\n]\n\n\
        [[instruments]]\nid = \"pact\"\nname = \"Pact\u{202e}txet desrever\"\nkind = \"treaty\"\n\
        force = \"binding\"\nform = \"bilateral\"\nparties = [\"A\", \"B\"]\n\
        in_force = \"2000-01-01\"\nsource = \"x\"\n\n\
        [[instruments.clauses]]\nlabel = \"1\"\n\
        text = \"Each Party shall assist the other.\\u001b[31m\\u0007\\r\\nline two\\u0000\"\n\
        modality = \"obligation\"\naction = \"defend\"\n\n\
        [[instruments]]\nid = \"nap\"\nname = \"Non-aggression\"\nkind = \"treaty\"\n\
        force = \"binding\"\nform = \"bilateral\"\nparties = [\"A\", \"X\"]\n\
        in_force = \"2000-01-01\"\nsource = \"x\"\n\n\
        [[instruments.clauses]]\nlabel = \"1\"\ntext = \"No force.\"\n\
        modality = \"obligation\"\naction = \"non_aggression\"\n\n\
        [[events]]\nid = \"attack\"\nkind = \"armed_attack\"\ndate = \"2010-05-01\"\n\
        attacker = \"X\"\nvictim = \"B\"\nissue = \"war\"\nsource = \"x\"\n";
    let scenario = load::from_toml_str(text).unwrap();
    let quoted = "Each Party shall assist the other.\u{1b}[31m\u{7}\r\nline two\u{0}";
    assert_eq!(&*scenario.instruments()[0].clauses[0].text, quoted);

    // Saved and loaded again, in both formats: unchanged.
    let toml = allegiance::save::to_toml_string(&scenario);
    assert_eq!(load::from_toml_str(&toml).unwrap(), scenario);
    let json = allegiance::save::to_json_string(&scenario);
    assert_eq!(load::from_json_str(&json).unwrap(), scenario);

    // The report quotes the clause (A is caught between the two pacts); its text shows the
    // escapes, never the characters.
    let report = allegiance::check(&scenario);
    assert!(!report.findings().is_empty(), "{report}");
    let rendered = report.to_string();
    assert!(
        rendered.contains("the other.\\u{1b}[31m\\u{7}\\r\\nline two\\u{0}\""),
        "{rendered}"
    );
    assert!(
        rendered.contains("Pact\\u{202e}txet desrever"),
        "{rendered}"
    );
    assert!(
        !rendered
            .chars()
            .any(|c| c != '\n' && (c.is_control() || c == '\u{202e}')),
        "{rendered:?}"
    );
    // JSON carries the text itself, escaped as JSON escapes control characters.
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        json.contains("\\u001b[31m\\u0007\\r\\nline two\\u0000"),
        "{json}"
    );
}

#[test]
fn control_characters_in_a_bad_file_do_not_reach_the_terminal() {
    // An unknown key and an unknown value carrying escape sequences: the rendering of the
    // load errors escapes them in the message and blanks them in the quoted line.
    let text =
        "titl\u{1b}e = 1\n[[parties]]\nid = \"A\"\nname = \"A\"\nkind = \"st\u{1b}[31mate\"\n";
    let errors = load::from_toml_str(text);
    // TOML refuses a raw escape character in a key and in a basic string: syntax errors.
    let errors = errors.unwrap_err();
    let rendered = errors.to_string();
    assert!(
        !rendered.chars().any(|c| c != '\n' && c.is_control()),
        "{rendered:?}"
    );
    // Escaped in the text (`\u001b`), TOML takes them; the messages show them escaped.
    let text = "\"titl\\u001be\" = 1\n[[parties]]\nid = \"A\"\nname = \"A\"\nkind = \"st\\u001b[31mate\"\n";
    let errors = load::from_toml_str(text).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors.errors()[0].code(), "allegiance::load::unknown_field");
    assert_eq!(errors.errors()[1].code(), "allegiance::load::unknown_value");
    let rendered = errors.to_string();
    assert!(
        rendered.contains(
            "error[allegiance::load::unknown_value]: unknown party kind `st\\u{1b}[31mate`"
        ),
        "{rendered}"
    );
    assert!(
        !rendered.chars().any(|c| c != '\n' && c.is_control()),
        "{rendered:?}"
    );
}

#[test]
fn a_snippet_of_a_long_line_shows_the_problem_and_its_surroundings_only() {
    // Minified JSON: one line of 200,000 characters with the mistake in its middle. The
    // rendering shows 100 characters either side, cut with `…`, and the caret under it.
    let padding = "x".repeat(100_000);
    let json =
        format!("{{\"title\": \"{padding}\", \"partys\": [], \"description\": \"{padding}\"}}");
    let errors = load::from_json_str(&json).unwrap_err();
    let rendered = errors.to_string();
    let lines: Vec<&str> = rendered.lines().collect();
    let quoted = lines.iter().find(|it| it.starts_with("1 | ")).unwrap();
    let caret = lines.iter().find(|it| it.contains('^')).unwrap();
    assert!(quoted.chars().count() < 220, "{quoted}");
    assert!(
        quoted.starts_with("1 | …") && quoted.ends_with('…'),
        "{quoted}"
    );
    let under = caret.find('^').unwrap();
    assert_eq!(quoted.chars().nth(under), Some('"'));
    assert_eq!(
        &quoted[quoted.char_indices().nth(under).unwrap().0..][..8],
        "\"partys\""
    );
}
