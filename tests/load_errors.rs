//! One failing scenario per validation problem: each test checks the kind of problem, its
//! message, its location (path, line and column, worked out from the fixture's text) and its
//! hint. Fixtures are inline; line 1 is the line that follows the opening `r#"`.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests: helpers outside #[test] functions fail loudly by design"
)]

use allegiance::load::{self, LoadError, LoadErrors, Problem};
use allegiance::{Date, InstrumentId, IssueId, PartyId, Scenario};

/// The errors of a TOML text that must not load.
fn toml_errors(text: &str) -> Vec<LoadError> {
    match load::from_toml_str(text) {
        Ok(_) => panic!("the TOML text loaded, but it has mistakes"),
        Err(errors) => errors.errors().to_vec(),
    }
}

/// The errors of a JSON text that must not load.
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

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

// ----- 1. unknown ids -----

const UNKNOWN_PARTIES: &str = r#"[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"

[[parties]]
id = "ARM"
name = "Armenia"
kind = "state"

[[territories]]
id = "Nagorno-Karabakh"
name = "Nagorno-Karabakh"
belongs_to = "AZR"

[[territories]]
id = "Alsace"
name = "Alsace"
belongs_to = "FRA"
"#;

#[test]
fn unknown_party_with_and_without_a_close_match() {
    let errors = toml_errors(UNKNOWN_PARTIES);
    assert_eq!(errors.len(), 2, "{errors:#?}");

    // `AZR` is one edit from `AZE` (and two from `ARM`): suggested.
    assert!(matches!(
        errors[0].problem(),
        Problem::UnknownId { kind: "party", id, suggestion: Some(suggestion), .. }
            if id == "AZR" && suggestion == "AZE"
    ));
    // The value `"AZR"` on line 14 starts after `belongs_to = ` (13 characters).
    assert_error(
        &errors[0],
        "allegiance::load::unknown_id",
        "unknown party `AZR`",
        ("territories[0].belongs_to", 14, 14),
        "did you mean `AZE`?",
    );

    // `FRA` is more than one edit from every declared id: no suggestion.
    assert!(matches!(
        errors[1].problem(),
        Problem::UnknownId {
            kind: "party",
            suggestion: None,
            ..
        }
    ));
    // The value `"FRA"` on line 19, after the same 13 characters.
    assert_error(
        &errors[1],
        "allegiance::load::unknown_id",
        "unknown party `FRA`",
        ("territories[1].belongs_to", 19, 14),
        "declare the party first, or correct the id",
    );
}

#[test]
fn unknown_issue_in_a_position() {
    let error = only_toml_error(
        r#"parties = [{ id = "TUR", name = "Turkey", kind = "state" }]

[[positions]]
party = "TUR"
issue = "es-11-1"
stance = "support"
since = "2022-03-02"
source = "UN recorded vote"
"#,
    );
    assert!(matches!(
        error.problem(),
        Problem::UnknownId {
            kind: "issue",
            suggestion: None,
            ..
        }
    ));
    // No issue is declared at all; the value starts after `issue = ` (8 characters) on line 5.
    assert_error(
        &error,
        "allegiance::load::unknown_id",
        "unknown issue `es-11-1`",
        ("positions[0].issue", 5, 9),
        "declare the issue first, or correct the id",
    );
}

// ----- 2. duplicate ids -----

#[test]
fn duplicate_party_ids() {
    let error = only_toml_error(
        r#"[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"

[[parties]]
id = "AZE"
name = "Armenia"
kind = "state"
"#,
    );
    assert!(matches!(
        error.problem(),
        Problem::DuplicateId { kind: "party", id, first, .. } if id == "AZE" && first == "parties[0].id"
    ));
    // The second declaration is the duplicate: its value on line 7, after `id = `.
    assert_error(
        &error,
        "allegiance::load::duplicate_id",
        "duplicate party id `AZE`",
        ("parties[1].id", 7, 6),
        "rename one of the two; the first party with this id is at parties[0].id",
    );
}

#[test]
fn duplicate_clause_labels_in_one_instrument() {
    let error = only_toml_error(
        r#"parties = [
  { id = "AZE", name = "Azerbaijan", kind = "state" },
  { id = "RUS", name = "Russia", kind = "state" },
]

[[instruments]]
id = "moscow-2022"
name = "Declaration on Allied Interaction"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", "RUS"]
signed = "2022-02-22"
source = "AZERTAC, 22 February 2022"

[[instruments.clauses]]
label = "point 4"
text = "holding the same or similar positions on topical international issues"
modality = "obligation"
action = "align"

[[instruments.clauses]]
label = "point 4"
text = "refrain from any actions that damage the allied relations"
modality = "obligation"
action = "no_harm"
"#,
    );
    assert!(matches!(
        error.problem(),
        Problem::DuplicateId { kind: "clause", id, first, .. }
            if id == "point 4" && first == "instruments[0].clauses[0].label"
    ));
    // The second clause's label on line 23, after `label = ` (8 characters).
    assert_error(
        &error,
        "allegiance::load::duplicate_id",
        "duplicate clause id `point 4`",
        ("instruments[0].clauses[1].label", 23, 9),
        "rename one of the two; the first clause with this id is at instruments[0].clauses[0].label",
    );
}

// ----- 3. impossible and reversed dates -----

#[test]
fn impossible_dates() {
    let errors = toml_errors(
        r#"[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"
since = "2022-02-30"
until = "0000-00-00"

[[parties]]
id = "RUS"
name = "Russia"
kind = "state"
since = "2022-2-24"
"#,
    );
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let help = "write a real day as `YYYY-MM-DD`, such as `2022-02-24`";
    assert!(matches!(
        errors[0].problem(),
        Problem::BadDate { text, .. } if text == "2022-02-30"
    ));
    // 30 February is well formed but no day: the value on line 5 after `since = ` (8).
    assert_error(
        &errors[0],
        "allegiance::load::bad_date",
        "bad date: `2022-02-30` is not a day of the calendar",
        ("parties[0].since", 5, 9),
        help,
    );
    // Year, month and day zero: the value on line 6 after `until = ` (8).
    assert_error(
        &errors[1],
        "allegiance::load::bad_date",
        "bad date: `0000-00-00` is not a day of the calendar",
        ("parties[0].until", 6, 9),
        help,
    );
    // A one-digit month is not `YYYY-MM-DD`: the value on line 12 after `since = `.
    assert_error(
        &errors[2],
        "allegiance::load::bad_date",
        "bad date: `2022-2-24` is not written `YYYY-MM-DD`",
        ("parties[1].since", 12, 9),
        help,
    );
}

#[test]
fn a_bad_signature_date_is_reported_once() {
    let errors = toml_errors(
        r#"parties = [
  { id = "AZE", name = "Azerbaijan", kind = "state" },
  { id = "RUS", name = "Russia", kind = "state" },
]

[[instruments]]
id = "moscow-2022"
name = "Declaration on Allied Interaction"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", "RUS"]
signed = "2022-02-30"
source = "AZERTAC, 22 February 2022"
"#,
    );
    // With no `in_force`, entry into force falls back on `signed`; its bad date is still one
    // problem, reported where `signed` is read.
    assert_eq!(errors.len(), 1, "{errors:#?}");
    // The value on line 13 after `signed = ` (9 characters).
    assert_error(
        &errors[0],
        "allegiance::load::bad_date",
        "bad date: `2022-02-30` is not a day of the calendar",
        ("instruments[0].signed", 13, 10),
        "write a real day as `YYYY-MM-DD`, such as `2022-02-24`",
    );
}

#[test]
fn terminated_before_in_force() {
    let error = only_toml_error(
        r#"parties = [
  { id = "ARM", name = "Armenia", kind = "state" },
  { id = "RUS", name = "Russia", kind = "state" },
]

[[instruments]]
id = "cst-1992"
name = "Collective Security Treaty"
kind = "treaty"
force = "binding"
form = "multilateral"
parties = ["ARM", "RUS"]
in_force = "1994-04-20"
terminated = "1992-05-15"
source = "UN Treaty Series no. 32307"
"#,
    );
    assert!(matches!(
        error.problem(),
        Problem::ReversedDates {
            start_field: "in_force",
            end_field: "terminated",
            ..
        }
    ));
    // The end is blamed: the value on line 14 after `terminated = ` (13 characters).
    assert_error(
        &error,
        "allegiance::load::reversed_dates",
        "`terminated` (1992-05-15) is not after `in_force` (1994-04-20)",
        ("instruments[0].terminated", 14, 14),
        "swap the two dates, or correct the one that is wrong",
    );
}

#[test]
fn position_until_before_since() {
    let error = only_toml_error(
        r#"parties = [{ id = "TUR", name = "Turkey", kind = "state" }]
issues = [{ id = "es-11-1", title = "Aggression against Ukraine", domain = "foreign_policy" }]

[[positions]]
party = "TUR"
issue = "es-11-1"
stance = "support"
since = "2022-03-02"
until = "2022-03-01"
source = "UN recorded vote"
"#,
    );
    assert!(matches!(
        error.problem(),
        Problem::ReversedDates {
            start_field: "since",
            end_field: "until",
            ..
        }
    ));
    // The value of `until` on line 9 after `until = ` (8 characters).
    assert_error(
        &error,
        "allegiance::load::reversed_dates",
        "`until` (2022-03-01) is not after `since` (2022-03-02)",
        ("positions[0].until", 9, 9),
        "swap the two dates, or correct the one that is wrong",
    );
}

#[test]
fn in_force_before_signed() {
    let error = only_toml_error(
        r#"parties = [
  { id = "AZE", name = "Azerbaijan", kind = "state" },
  { id = "RUS", name = "Russia", kind = "state" },
]

[[instruments]]
id = "moscow-2022"
name = "Declaration on Allied Interaction"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", "RUS"]
signed = "2022-02-22"
in_force = "2022-02-20"
source = "AZERTAC, 22 February 2022"
"#,
    );
    assert!(matches!(
        error.problem(),
        Problem::ReversedDates {
            start_field: "signed",
            end_field: "in_force",
            ..
        }
    ));
    // Entry into force is blamed: the value on line 14 after `in_force = ` (11 characters).
    assert_error(
        &error,
        "allegiance::load::reversed_dates",
        "`in_force` (2022-02-20) is not after `signed` (2022-02-22)",
        ("instruments[0].in_force", 14, 12),
        "swap the two dates, or correct the one that is wrong",
    );
}

// ----- 4. a clause naming a non-party -----

#[test]
fn clause_bound_or_toward_a_non_party() {
    let errors = toml_errors(
        r#"parties = [
  { id = "AZE", name = "Azerbaijan", kind = "state" },
  { id = "RUS", name = "Russia", kind = "state" },
  { id = "TUR", name = "Turkey", kind = "state" },
  { id = "ARM", name = "Armenia", kind = "state" },
]

[[instruments]]
id = "moscow-2022"
name = "Declaration on Allied Interaction"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", "RUS"]
signed = "2022-02-22"
source = "AZERTAC, 22 February 2022"

[[instruments.clauses]]
label = "point 7"
text = "refrain from any actions that damage the allied relations"
modality = "obligation"
action = "no_harm"
bound = ["AZE", "TUR"]
toward = ["ARM"]
"#,
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
    let help = "add the party to the parties of `moscow-2022`, or remove it from this clause";
    assert!(matches!(
        errors[0].problem(),
        Problem::NotAParty { party, instrument, .. } if party == "TUR" && instrument == "moscow-2022"
    ));
    // `"TUR"` is the second item of `bound = ["AZE", "TUR"]` on line 23: after 16 characters.
    assert_error(
        &errors[0],
        "allegiance::load::not_a_party",
        "`TUR` is not a party to `moscow-2022`",
        ("instruments[0].clauses[0].bound[1]", 23, 17),
        help,
    );
    // `"ARM"` is the first item of `toward = [` (10 characters) on line 24.
    assert_error(
        &errors[1],
        "allegiance::load::not_a_party",
        "`ARM` is not a party to `moscow-2022`",
        ("instruments[0].clauses[0].toward[0]", 24, 11),
        help,
    );
}

// ----- 5. a bilateral instrument with three parties -----

#[test]
fn bilateral_instrument_with_three_parties() {
    let error = only_toml_error(
        r#"parties = [
  { id = "AZE", name = "Azerbaijan", kind = "state" },
  { id = "RUS", name = "Russia", kind = "state" },
  { id = "TUR", name = "Turkey", kind = "state" },
]

[[instruments]]
id = "moscow-2022"
name = "Declaration on Allied Interaction"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", "RUS", "TUR"]
signed = "2022-02-22"
source = "AZERTAC, 22 February 2022"
"#,
    );
    assert!(matches!(
        error.problem(),
        Problem::BilateralArity { count: 3, .. }
    ));
    // The whole list is blamed: its `[` on line 13 after `parties = ` (10 characters).
    assert_error(
        &error,
        "allegiance::load::bilateral_arity",
        "a bilateral instrument has two parties, this one has 3",
        ("instruments[0].parties", 13, 11),
        "list exactly two parties, or write `form = \"multilateral\"`",
    );
}

#[test]
fn a_party_of_the_wrong_type_does_not_also_count_as_missing() {
    let errors = toml_errors(
        r#"parties = [
  { id = "AZE", name = "Azerbaijan", kind = "state" },
  { id = "RUS", name = "Russia", kind = "state" },
]

[[instruments]]
id = "moscow-2022"
name = "Declaration on Allied Interaction"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", 643]
signed = "2022-02-22"
source = "AZERTAC, 22 February 2022"
"#,
    );
    // Lowering sees one party left of two and would report a bilateral instrument with one
    // party; that is an echo of the wrong type and is left out.
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let wrong_type = &errors[0];
    // `643` is the second item of `parties = ["AZE", ` (18 characters) on line 12.
    assert_error(
        wrong_type,
        "allegiance::load::wrong_type",
        "expected a string, found an integer",
        ("instruments[0].parties[1]", 12, 19),
        "write a string here",
    );
}

// ----- 6. unknown fields -----

#[test]
fn unknown_top_level_field() {
    let error = only_toml_error(
        r#"title = "Misspelt"
partys = [{ id = "AZE", name = "Azerbaijan", kind = "state" }]
"#,
    );
    assert!(matches!(
        error.problem(),
        Problem::UnknownField { field, suggestion: Some(suggestion), .. }
            if field == "partys" && suggestion == "parties"
    ));
    // The key itself is blamed: `partys` starts line 2.
    assert_error(
        &error,
        "allegiance::load::unknown_field",
        "unknown field `partys`",
        ("partys", 2, 1),
        "did you mean `parties`? the fields allowed here are `title`, `description`, \
         `parties`, `territories`, `actions`, `issues`, `instruments`, `positions`, `events`",
    );
}

#[test]
fn unknown_fields_in_an_instrument_a_clause_and_a_source() {
    let errors = toml_errors(
        r#"parties = [
  { id = "AZE", name = "Azerbaijan", kind = "state" },
  { id = "RUS", name = "Russia", kind = "state" },
]

[[instruments]]
id = "moscow-2022"
name = "Declaration on Allied Interaction"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", "RUS"]
signed = "2022-02-22"
saving = ["not_against_third_parties"]
source = { citation = "AZERTAC, 22 February 2022", assumtion = "applied from signature" }

[[instruments.clauses]]
label = "point 4"
text = "holding the same or similar positions on topical international issues"
modality = "obligation"
action = "align"
tward = ["RUS"]
"#,
    );
    assert_eq!(errors.len(), 3, "{errors:#?}");
    // Instrument level: the key `saving` starts line 14.
    assert_error(
        &errors[0],
        "allegiance::load::unknown_field",
        "unknown field `saving`",
        ("instruments[0].saving", 14, 1),
        "did you mean `savings`? the fields allowed here are `id`, `name`, `kind`, `force`, \
         `form`, `parties`, `members_of`, `signed`, `in_force`, `terminated`, `source`, \
         `subject_to`, `not_incompatible_with`, `savings`, `un_charter`, `clauses`",
    );
    // Inside an inline table: `assumtion` follows `source = { citation = "AZERTAC, 22
    // February 2022", ` (51 characters) on line 15.
    assert_error(
        &errors[1],
        "allegiance::load::unknown_field",
        "unknown field `assumtion`",
        ("instruments[0].source.assumtion", 15, 52),
        "did you mean `assumption`? the fields allowed here are `citation`, `url`, `assumption`",
    );
    // Clause level: the key `tward` starts line 22.
    assert_error(
        &errors[2],
        "allegiance::load::unknown_field",
        "unknown field `tward`",
        ("instruments[0].clauses[0].tward", 22, 1),
        "did you mean `toward`? the fields allowed here are `label`, `text`, `translation`, \
         `modality`, `action`, `reading`, `scope`, `bound`, `toward`, `discretion`, \
         `adversaries`, `unless_provoked`, `peremptory`, `source`",
    );
    assert!(
        errors
            .iter()
            .all(|it| matches!(it.problem(), Problem::UnknownField { .. }))
    );
}

// ----- 7. wrong types -----

#[test]
fn wrong_types() {
    let errors = toml_errors(
        r#"parties = [
  { id = "AZE", name = 31, kind = "state" },
  { id = "RUS", name = "Russia", kind = "state" },
]

[[instruments]]
id = "moscow-2022"
name = "Declaration on Allied Interaction"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = "AZE"
signed = "2022-02-22"
source = "AZERTAC, 22 February 2022"

[[instruments.clauses]]
label = "point 7"
text = "refrain from any actions that damage the allied relations"
modality = "obligation"
action = "no_harm"
discretion = "yes"
"#,
    );
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(matches!(
        errors[0].problem(),
        Problem::WrongType {
            expected: "a string",
            found: "an integer",
            ..
        }
    ));
    // A number where a string belongs: `31` on line 2 after `  { id = "AZE", name = ` (23).
    assert_error(
        &errors[0],
        "allegiance::load::wrong_type",
        "expected a string, found an integer",
        ("parties[0].name", 2, 24),
        "write a string here",
    );
    // A string where a list belongs: `"AZE"` on line 12 after `parties = ` (10 characters).
    assert_error(
        &errors[1],
        "allegiance::load::wrong_type",
        "expected a list of strings, found a string",
        ("instruments[0].parties", 12, 11),
        "write a list of strings here",
    );
    // A string where a boolean belongs: `"yes"` on line 21 after `discretion = ` (13).
    assert_error(
        &errors[2],
        "allegiance::load::wrong_type",
        "expected `true` or `false`, found a string",
        ("instruments[0].clauses[0].discretion", 21, 14),
        "write `true` or `false` here",
    );
}

#[test]
fn a_json_document_that_is_not_an_object() {
    let errors = json_errors(r#"["AZE", "RUS"]"#);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    // The whole document is blamed, from its first character.
    assert_error(
        &errors[0],
        "allegiance::load::wrong_type",
        "expected a table, found a list",
        ("(top level)", 1, 1),
        "write a table here",
    );
}

// ----- 8. missing required fields -----

#[test]
fn missing_required_fields() {
    let errors = toml_errors(
        r#"[[parties]]
id = "RUS"
name = "Russia"

[[parties]]
id = "UKR"
name = "Ukraine"
kind = "state"

[[events]]
id = "invasion-2022"
kind = "armed_attack"
date = "2022-02-24"
attacker = "RUS"
issue = "invasion-of-ukraine"
source = "UN Security Council, press release SC/14803"

[[positions]]
party = "UKR"
issue = "invasion-of-ukraine"
stance = "oppose"
source = "Statement of the Ukrainian foreign ministry"
"#,
    );
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(matches!(
        errors[0].problem(),
        Problem::MissingField { field: "kind", .. }
    ));
    // An absent key has no place of its own: its table is blamed, from its `[[parties]]` header.
    assert_error(
        &errors[0],
        "allegiance::load::missing_field",
        "missing field `kind`",
        ("parties[0].kind", 1, 1),
        "add `kind = \"state\"`",
    );
    // Found by validation, not decoding (the victim is required of armed attacks only); the
    // event's table is blamed from its `[[events]]` header on line 10.
    assert_error(
        &errors[1],
        "allegiance::load::missing_field",
        "missing field `victim`",
        ("events[0].victim", 10, 1),
        "add `victim = \"UKR\"`",
    );
    // The position's `[[positions]]` header on line 18.
    assert_error(
        &errors[2],
        "allegiance::load::missing_field",
        "missing field `since`",
        ("positions[0].since", 18, 1),
        "add `since = \"2022-02-24\"`",
    );
}

#[test]
fn missing_fields_in_json_blame_the_object() {
    let errors = json_errors(
        r#"{
  "parties": [
    {"id": "AZE", "name": "Azerbaijan", "kind": "state"}
  ],
  "instruments": [
    {"id": "x", "name": "X", "kind": "treaty", "force": "binding", "form": "multilateral",
     "parties": ["AZE"], "signed": null}
  ]
}"#,
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
    // `source` is absent: the instrument's object is blamed from its `{` on line 6 (4 spaces).
    assert_error(
        &errors[0],
        "allegiance::load::missing_field",
        "missing field `source`",
        ("instruments[0].source", 6, 5),
        "add `source = { citation = \"…\", url = \"…\" }`",
    );
    // Neither `in_force` nor `signed` (null counts as absent): the same object is blamed; the
    // decoder's problem comes first at the same place.
    assert_error(
        &errors[1],
        "allegiance::load::missing_field",
        "missing field `in_force`",
        ("instruments[0].in_force", 6, 5),
        "add `in_force = \"2022-02-22\"`",
    );
}

// ----- 9. unknown enum values -----

#[test]
fn unknown_values_with_suggestions() {
    let errors = toml_errors(
        r#"parties = [
  { id = "AZE", name = "Azerbaijan", kind = "state" },
  { id = "TUR", name = "Turkey", kind = "state" },
]
issues = [{ id = "es-11-1", title = "Aggression against Ukraine", domain = "foreign_policy" }]

[[instruments]]
id = "shusha-2021"
name = "Shusha Declaration"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", "TUR"]
signed = "2021-06-15"
source = "Trend News Agency, 16 June 2021"

[[instruments.clauses]]
label = "mutual assistance"
text = "provide each other with the necessary assistance"
modality = "obligation"
action = "defnd"

[[positions]]
party = "TUR"
issue = "es-11-1"
stance = "opose"
since = "2022-03-02"
source = "UN recorded vote"
"#,
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(matches!(
        errors[0].problem(),
        Problem::UnknownValue { what: "action", value, suggestion: Some(suggestion), .. }
            if value == "defnd" && suggestion == "defend"
    ));
    // The value on line 21 after `action = ` (9 characters).
    assert_error(
        &errors[0],
        "allegiance::load::unknown_value",
        "unknown action `defnd`",
        ("instruments[0].clauses[0].action", 21, 10),
        "did you mean `defend`? write one of `align`, `consult`, `defend`, `offense`, \
         `neutrality`, `non_aggression`, `no_harm`, `respect_integrity`, `no_hostile_alliance`",
    );
    // The value on line 26 after `stance = ` (9 characters).
    assert_error(
        &errors[1],
        "allegiance::load::unknown_value",
        "unknown stance `opose`",
        ("positions[0].stance", 26, 10),
        "did you mean `oppose`? write one of `support`, `neutral`, `oppose`",
    );
}

// ----- 10. syntax errors and empty files -----

#[test]
fn toml_syntax_error() {
    let error = only_toml_error(
        r#"[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"

[[instruments]]
id = "moscow-2022"
parties = ["AZE" "RUS"]
"#,
    );
    assert!(matches!(
        error.problem(),
        Problem::Syntax { format: "TOML", .. }
    ));
    // The comma is missing just before `"RUS"`, which follows `parties = ["AZE" ` (17) on line 8.
    assert_error(
        &error,
        "allegiance::load::syntax",
        "TOML syntax: missing comma between array elements, expected `,`",
        ("(syntax)", 8, 18),
        "fix the TOML syntax here",
    );
}

#[test]
fn json_syntax_error() {
    let errors = json_errors(
        r#"{
  "title": "Missing comma"
  "parties": []
}"#,
    );
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(matches!(
        errors[0].problem(),
        Problem::Syntax { format: "JSON", .. }
    ));
    // serde_json stops at the `"` opening line 3, two spaces in, where `,` or `}` belongs.
    assert_error(
        &errors[0],
        "allegiance::load::syntax",
        "JSON syntax: expected `,` or `}`",
        ("(syntax)", 3, 3),
        "fix the JSON syntax here",
    );
}

#[test]
fn json_syntax_error_columns_count_characters_not_bytes() {
    let errors = json_errors(r#"{"title": "Шуша" x}"#);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    // `x` is the 18th character (but the 22nd byte: each Cyrillic letter takes two).
    assert_error(
        &errors[0],
        "allegiance::load::syntax",
        "JSON syntax: expected `,` or `}`",
        ("(syntax)", 1, 18),
        "fix the JSON syntax here",
    );
}

#[test]
fn empty_toml_is_an_empty_scenario() {
    // An empty TOML document is an empty table, and every list of the file form may be empty.
    let scenario = load::from_toml_str("").unwrap();
    assert!(scenario.parties().is_empty());
    assert!(scenario.instruments().is_empty());
    assert_eq!(scenario.title(), None);
}

#[test]
fn empty_json_is_a_syntax_error() {
    // An empty text is no JSON value at all; the parser runs out of input at once.
    let errors = json_errors("");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    // Nothing to point at but the start of the (empty) text.
    assert_error(
        &errors[0],
        "allegiance::load::syntax",
        "JSON syntax: EOF while parsing a value",
        ("(syntax)", 1, 1),
        "fix the JSON syntax here",
    );
    // `{}` on the other hand is an empty scenario, like an empty TOML file.
    assert!(load::from_json_str("{}").is_ok());
}

#[test]
fn json_duplicate_keys() {
    let text = r#"{"title": "first", "title": "second"}"#;
    // JSON allows a repeated key; a scenario, like TOML, does not: the second `"title"` is
    // refused at line 1, column 20 (after `{"title": "first", `, 19 characters).
    let errors = load::from_json_str(text).unwrap_err();
    assert_eq!(errors.len(), 1);
    let error = &errors.errors()[0];
    assert_eq!(error.code(), "allegiance::load::syntax");
    assert_eq!(
        error.problem().to_string(),
        "JSON syntax: duplicate key `title`"
    );
    assert_eq!(
        (error.location().line, error.location().column),
        (Some(1), Some(20))
    );
    // The same mistake in TOML is refused, at the second key on line 2.
    let error = only_toml_error("title = \"first\"\ntitle = \"second\"\n");
    assert_eq!(error.code(), "allegiance::load::syntax");
    assert_eq!(
        (error.location().line, error.location().column),
        (Some(2), Some(1))
    );
}

// ----- 11. five mistakes at once -----

const FIVE_MISTAKES_TOML: &str = r#"title = "Five mistakes"
descripton = "one of each"

[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"

[[parties]]
id = "RUS"
name = 7
kind = "state"

[[issues]]
id = "es-11-1"
title = "Aggression against Ukraine"
domain = "foreign_policy"

[[instruments]]
id = "moscow-2022"
name = "Declaration on Allied Interaction"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZR", "RUS"]
signed = "2022-02-22"
source = "AZERTAC, 22 February 2022"

[[instruments.clauses]]
label = "point 4"
text = "holding the same or similar positions on topical international issues"
modality = "obligation"
action = "defnd"

[[positions]]
party = "RUS"
issue = "es-11-1"
stance = "oppose"
since = "2022-02-30"
source = "UN recorded vote"
"#;

const FIVE_MISTAKES_JSON: &str = r#"{
  "title": "Five mistakes",
  "descripton": "one of each",
  "parties": [
    {"id": "AZE", "name": "Azerbaijan", "kind": "state"},
    {"id": "RUS", "name": 7, "kind": "state"}
  ],
  "issues": [
    {"id": "es-11-1", "title": "Aggression against Ukraine", "domain": "foreign_policy"}
  ],
  "instruments": [
    {
      "id": "moscow-2022",
      "name": "Declaration on Allied Interaction",
      "kind": "declaration",
      "force": "binding",
      "form": "bilateral",
      "parties": ["AZR", "RUS"],
      "signed": "2022-02-22",
      "source": "AZERTAC, 22 February 2022",
      "clauses": [
        {"label": "point 4", "text": "holding the same positions", "modality": "obligation",
         "action": "defnd"}
      ]
    }
  ],
  "positions": [
    {"party": "RUS", "issue": "es-11-1", "stance": "oppose", "since": "2022-02-30",
     "source": "UN recorded vote"}
  ]
}"#;

/// Code and path of each error, in order.
fn codes_and_paths(errors: &[LoadError]) -> Vec<(&'static str, &str)> {
    errors
        .iter()
        .map(|it| (it.code(), it.location().path.as_str()))
        .collect()
}

const FIVE_CODES_AND_PATHS: [(&str, &str); 5] = [
    ("allegiance::load::unknown_field", "descripton"),
    ("allegiance::load::wrong_type", "parties[1].name"),
    ("allegiance::load::unknown_id", "instruments[0].parties[0]"),
    (
        "allegiance::load::unknown_value",
        "instruments[0].clauses[0].action",
    ),
    ("allegiance::load::bad_date", "positions[0].since"),
];

#[test]
fn five_mistakes_in_toml_are_five_errors_in_file_order() {
    let errors = toml_errors(FIVE_MISTAKES_TOML);
    assert_eq!(codes_and_paths(&errors), FIVE_CODES_AND_PATHS);
    let places: Vec<_> = errors
        .iter()
        .map(|it| (it.location().line, it.location().column))
        .collect();
    // Line 2: the key `descripton`; line 11: `7` after `name = ` (7); line 25: `"AZR"` after
    // `parties = [` (11); line 33: `"defnd"` after `action = ` (9); line 39: the date after
    // `since = ` (8).
    assert_eq!(
        places,
        [
            (Some(2), Some(1)),
            (Some(11), Some(8)),
            (Some(25), Some(12)),
            (Some(33), Some(10)),
            (Some(39), Some(9)),
        ]
    );
    assert!(errors.iter().all(|it| !it.help().is_empty()));
    assert_eq!(
        errors[0].help().split('?').next(),
        Some("did you mean `description`")
    );
    assert_eq!(errors[2].help(), "did you mean `AZE`?");
}

#[test]
fn five_mistakes_in_json_are_five_errors_in_file_order() {
    let errors = json_errors(FIVE_MISTAKES_JSON);
    assert_eq!(codes_and_paths(&errors), FIVE_CODES_AND_PATHS);
    let places: Vec<_> = errors
        .iter()
        .map(|it| (it.location().line, it.location().column))
        .collect();
    // Line 3: the key `"descripton"` two spaces in; line 6: `7` after
    // `    {"id": "RUS", "name": ` (26); line 18: `"AZR"` after `      "parties": [` (18);
    // line 23: `"defnd"` after `         "action": ` (19); line 28: the date after
    // `    {"party": "RUS", "issue": "es-11-1", "stance": "oppose", "since": ` (70).
    assert_eq!(
        places,
        [
            (Some(3), Some(3)),
            (Some(6), Some(27)),
            (Some(18), Some(19)),
            (Some(23), Some(20)),
            (Some(28), Some(71)),
        ]
    );
    assert!(errors.iter().all(|it| !it.help().is_empty()));
}

// ----- 12. the compiler-like rendering -----

#[test]
fn rendering_shows_code_place_caret_and_help() {
    let errors: LoadErrors = load::from_toml_str(UNKNOWN_PARTIES).unwrap_err();
    let text = errors.to_string();
    assert!(text.starts_with("2 problems in `<toml>`\n"), "{text}");
    assert!(
        text.contains("error[allegiance::load::unknown_id]: unknown party `AZR`\n"),
        "{text}"
    );
    // Line 14, column 14 as in `unknown_party_with_and_without_a_close_match`.
    assert!(
        text.contains("  --> <toml>:14:14 (territories[0].belongs_to)\n"),
        "{text}"
    );
    // The gutter is as wide as `14`; the carets sit under the 5 characters of `"AZR"`, after
    // the 13 of `belongs_to = `.
    assert!(
        text.contains("   |\n14 | belongs_to = \"AZR\"\n   |              ^^^^^\n"),
        "{text}"
    );
    assert!(text.contains("  = help: did you mean `AZE`?\n"), "{text}");
    // The second problem, on line 19, with its own help.
    assert!(
        text.contains("  --> <toml>:19:14 (territories[1].belongs_to)\n"),
        "{text}"
    );
    assert!(
        text.contains("  = help: declare the party first, or correct the id\n"),
        "{text}"
    );
}

// ----- 13. a hand-written file that follows the format -----

const HAND_WRITTEN: &str = r#"title = "A small hand-written scenario"

[[parties]]
id = "ARM"
name = "Armenia"
kind = "state"

[[parties]]
id = "RUS"
name = "Russia"
kind = "state"

[[parties]]
id = "UKR"
name = "Ukraine"
kind = "state"

[[parties]]
id = "CSTO"
name = "Collective Security Treaty Organization"
kind = "organisation"
since = "2003-09-18"
members = [
  { party = "ARM", since = "2003-09-18" },
  { party = "RUS", since = "2003-09-18" },
]

[[instruments]]
id = "cst-1992"
name = "Collective Security Treaty"
kind = "treaty"
force = "binding"
form = "multilateral"
parties = ["ARM", "RUS"]
signed = "1992-05-15"
in_force = "1994-04-20"
source = { citation = "UN Treaty Series no. 32307", url = "https://treaties.un.org/" }

[[instruments.clauses]]
label = "art. 4"
text = "all the other States Parties will provide it with the necessary assistance"
modality = "obligation"
action = "defend"
scope = ["security"]

[[instruments.clauses]]
label = "art. 1"
text = "The States Parties shall refrain from the use of force or the threat of force"
modality = "prohibition"
action = "offense"
toward = ["ARM", "RUS"]

[[positions]]
party = "ARM"
issue = "invasion-of-ukraine"
stance = "neutral"
since = "2022-03-02"
source = "UN recorded vote on ES-11/1"

[[events]]
id = "invasion-2022"
kind = "armed_attack"
date = "2022-02-24"
attacker = "RUS"
victim = "UKR"
issue = "invasion-of-ukraine"
source = "UN Security Council, press release SC/14803"
"#;

#[test]
fn a_hand_written_scenario_loads() {
    let scenario: Scenario = load::from_toml_str(HAND_WRITTEN).unwrap();
    assert_eq!(scenario.title(), Some("A small hand-written scenario"));
    assert_eq!(scenario.parties().len(), 4);

    let csto: PartyId = "CSTO".parse().unwrap();
    let csto = scenario.party(&csto).unwrap();
    assert!(csto.is_organisation());
    let members: Vec<&str> = csto
        .members_on(date("2022-02-24"))
        .map(PartyId::as_str)
        .collect();
    assert_eq!(members, ["ARM", "RUS"]);
    assert_eq!(csto.members_on(date("2000-01-01")).count(), 0);

    let cst: InstrumentId = "cst-1992".parse().unwrap();
    let cst = scenario.instrument(&cst).unwrap();
    assert_eq!(cst.signed, Some(date("1992-05-15")));
    assert!(!cst.is_in_force_on(date("1994-04-19")));
    assert!(cst.is_in_force_on(date("1994-04-20")));
    let labels: Vec<&str> = cst.clauses.iter().map(|it| it.label.as_str()).collect();
    assert_eq!(labels, ["art. 4", "art. 1"]);
    assert_eq!(cst.source.url.as_deref(), Some("https://treaties.un.org/"));

    // The armed attack makes the war issue that the position refers to.
    let issue: IssueId = "invasion-of-ukraine".parse().unwrap();
    let issue = scenario.issue(&issue).unwrap();
    assert_eq!(issue.title, "RUS's attack on UKR");
    assert_eq!(scenario.positions().len(), 1);
    assert_eq!(scenario.events().len(), 1);
}

// ----- problems of organisations, clause fields and files -----

#[test]
fn a_membership_outside_the_organisations_life() {
    // The CSTO exists from 2003-09-18; a membership from 1994 cannot lie within it.
    let error = only_toml_error(
        r#"[[parties]]
id = "ARM"
name = "Armenia"
kind = "state"

[[parties]]
id = "CSTO"
name = "Collective Security Treaty Organization"
kind = "organisation"
since = "2003-09-18"
members = [ { party = "ARM", since = "1994-04-20" } ]
"#,
    );
    // The membership's inline table opens on line 11 after `members = [ ` (12 characters).
    assert_error(
        &error,
        "allegiance::load::outside_life",
        "the membership of `ARM` (since 1994-04-20) lies outside the life of `CSTO` (since 2003-09-18)",
        ("parties[1].members[0]", 11, 13),
        "correct the dates so that they lie within the life of `CSTO`",
    );
}

#[test]
fn members_of_a_state_is_the_wrong_kind_of_party() {
    let error = only_toml_error(
        r#"[[parties]]
id = "RUS"
name = "Russia"
kind = "state"

[[instruments]]
id = "cst"
name = "Collective Security Treaty"
kind = "treaty"
force = "binding"
form = "multilateral"
members_of = "RUS"
signed = "1992-05-15"
source = "UNTS 32307"
"#,
    );
    // `"RUS"` on line 12 after `members_of = ` (13 characters).
    assert_error(
        &error,
        "allegiance::load::wrong_party_kind",
        "`RUS` is not an organisation",
        ("instruments[0].members_of", 12, 14),
        "name an organisation here, or change the party's `kind`",
    );
}

#[test]
fn a_reading_on_a_clause_that_does_not_align() {
    let error = only_toml_error(
        r#"[[parties]]
id = "AZE"
name = "Azerbaijan"
kind = "state"

[[parties]]
id = "TUR"
name = "Turkey"
kind = "state"

[[instruments]]
id = "shusha"
name = "Shusha Declaration"
kind = "declaration"
force = "binding"
form = "bilateral"
parties = ["AZE", "TUR"]
signed = "2021-06-15"
source = "Trend, 16 June 2021"

[[instruments.clauses]]
label = "assistance"
text = "provide each other with the necessary assistance"
modality = "obligation"
action = "defend"
reading = "loose"
"#,
    );
    // `reading` has meaning for `align` only; its value is on line 26 after `reading = ` (10).
    assert_error(
        &error,
        "allegiance::load::not_applicable",
        "`reading` does not apply to action `defend`",
        ("instruments[0].clauses[0].reading", 26, 11),
        "remove `reading`",
    );
}

#[test]
fn files_are_read_by_their_extension() {
    let unknown = load::from_path("scenario.yaml").unwrap_err();
    assert_eq!(
        unknown.errors()[0].code(),
        "allegiance::load::unknown_format"
    );
    let missing = load::from_path("/nonexistent/allegiance/scenario.toml").unwrap_err();
    assert_eq!(missing.errors()[0].code(), "allegiance::load::io");
    assert_eq!(
        missing.errors()[0].help(),
        "check the path and the file's permissions"
    );
}

// ----- entries made as they are lowered (`load::from_entries`) -----

mod made {
    use allegiance::load::{self, LoadError};
    use allegiance::spec::{InstrumentFile, PartyFile, PositionFile, ScenarioFile, SourceFile};
    use std::cell::Cell;

    fn party(id: &str) -> PartyFile {
        PartyFile {
            id: id.to_owned(),
            name: id.to_owned(),
            kind: "state".to_owned(),
            ..PartyFile::default()
        }
    }

    fn source() -> SourceFile {
        SourceFile {
            citation: "invented".to_owned(),
            ..SourceFile::default()
        }
    }

    fn treaty(id: &str, parties: [&str; 2]) -> InstrumentFile {
        InstrumentFile {
            id: id.to_owned(),
            name: id.to_owned(),
            kind: "treaty".to_owned(),
            force: "binding".to_owned(),
            form: "bilateral".to_owned(),
            parties: parties.iter().map(|it| (*it).to_owned()).collect(),
            in_force: Some("2000-01-01".to_owned()),
            source: source(),
            ..InstrumentFile::default()
        }
    }

    fn position(party: &str, issue: &str) -> PositionFile {
        PositionFile {
            party: party.to_owned(),
            issue: issue.to_owned(),
            stance: "support".to_owned(),
            since: "2000-01-01".to_owned(),
            until: None,
            source: source(),
        }
    }

    fn issue(id: &str) -> allegiance::spec::IssueFile {
        allegiance::spec::IssueFile {
            id: id.to_owned(),
            title: "An issue".to_owned(),
            domain: "security".to_owned(),
            source: None,
        }
    }

    fn errors(result: Result<allegiance::Scenario, load::LoadErrors>) -> Vec<LoadError> {
        match result {
            Ok(_) => panic!("the entries loaded, but they have mistakes"),
            Err(errors) => errors.errors().to_vec(),
        }
    }

    #[test]
    fn problems_are_placed_after_the_entries_of_the_file_form() {
        // The file form holds one instrument and one position; the made ones come after
        // them, so the made treaty naming the undeclared `Z` is `instruments[2]` (after
        // the file's `i0` and the made `i1`), and the made position on the undeclared
        // issue `nowhere` is `positions[1]`.
        let head = ScenarioFile {
            parties: vec![party("A"), party("B")],
            instruments: vec![treaty("i0", ["A", "B"])],
            positions: vec![position("A", "i0-issue")],
            issues: vec![issue("i0-issue")],
            ..ScenarioFile::default()
        };
        let made = || [treaty("i1", ["A", "B"]), treaty("i2", ["A", "Z"])];
        let found = errors(load::from_entries(head, made, [position("B", "nowhere")]));
        let places: Vec<(&str, &str)> = found
            .iter()
            .map(|it| (it.code(), it.location().path.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                ("allegiance::load::unknown_id", "instruments[2].parties[1]"),
                ("allegiance::load::unknown_id", "positions[1].issue"),
            ]
        );
    }

    #[test]
    fn entries_citing_one_source_share_it() {
        // Two treaties and a position cite "invented" word for word: one copy of the source
        // among them. A third treaty cites it with a URL, which makes it another source.
        // The three treaties are all named "Treaty": one copy of the name.
        use std::sync::Arc;
        let named = |id: &str| InstrumentFile {
            name: "Treaty".to_owned(),
            clauses: vec![allegiance::spec::ClauseFile {
                label: "art. 1".to_owned(),
                text: "The Parties shall consult.".to_owned(),
                modality: "obligation".to_owned(),
                action: "consult".to_owned(),
                ..allegiance::spec::ClauseFile::default()
            }],
            ..treaty(id, ["A", "B"])
        };
        let mut with_url = named("i2");
        with_url.source.url = Some("https://example.org/treaty".to_owned());
        let head = ScenarioFile {
            parties: vec![party("A"), party("B")],
            issues: vec![issue("q")],
            ..ScenarioFile::default()
        };
        let made = || [named("i0"), named("i1"), with_url.clone()];
        let scenario = load::from_entries(head, made, [position("A", "q")]).unwrap();
        let [i0, i1, i2] = scenario.instruments() else {
            panic!("three instruments")
        };
        let position = &scenario.positions()[0];
        assert!(Arc::ptr_eq(&i0.source, &i1.source));
        assert!(Arc::ptr_eq(&i0.source, &position.source));
        assert!(!Arc::ptr_eq(&i0.source, &i2.source));
        assert_eq!(i2.source.url.as_deref(), Some("https://example.org/treaty"));
        assert!(Arc::ptr_eq(&i0.name, &i2.name));
        // Ids named by many entries, and clause labels, are held once: the texts of the
        // parties both treaties list, of the issue the position names and of the treaties'
        // labels ("art. 1" each) are one copy.
        let one = |a: &str, b: &str| std::ptr::eq(a, b);
        fn listed(it: &allegiance::model::Instrument) -> Option<&str> {
            match &it.parties {
                allegiance::model::Parties::Listed(ids) => ids.first().map(|it| it.as_str()),
                allegiance::model::Parties::MembersOf(_) => None,
            }
        }
        let (a0, a1) = (listed(i0).unwrap(), listed(i1).unwrap());
        assert!(one(a0, a1) && one(a0, position.party.as_str()));
        let q = scenario.issues()[0].id.as_str();
        assert!(one(q, position.issue.as_str()));
        assert!(one(
            i0.clauses[0].label.as_str(),
            i2.clauses[0].label.as_str()
        ));
    }

    #[test]
    fn instruments_that_differ_between_their_two_readings_are_refused() {
        // The ids are read from the first call (two treaties), the instruments lowered
        // from the second (three): the scenario would hold an instrument whose id was
        // never declared, so the load is refused, saying so.
        let head = ScenarioFile {
            parties: vec![party("A"), party("B")],
            ..ScenarioFile::default()
        };
        let calls = Cell::new(0);
        let made = || {
            calls.set(calls.get() + 1);
            let count = if calls.get() == 1 { 2 } else { 3 };
            (0..count).map(|n| treaty(&format!("i{n}"), ["A", "B"]))
        };
        let found = errors(load::from_entries(head, made, Vec::new()));
        assert_eq!(calls.get(), 2);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].code(), "allegiance::load::inconsistent");
        assert_eq!(found[0].location().path, "instruments");
        assert_eq!(
            found[0].problem().to_string(),
            "the instruments were 2 when their ids were read, 3 when they were lowered"
        );
    }
}
