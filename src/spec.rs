//! The file form of a scenario: a plain mirror of what a TOML or JSON file holds, with no
//! invariants. Every field is what the file says, as written; [`crate::load`] checks it and
//! turns it into a [`crate::Scenario`], and [`crate::save`] writes a scenario back in this form.
//!
//! Build one in code to make a scenario without a file, then pass it to
//! [`crate::load::from_file_form`].
//!
//! Dates are strings `YYYY-MM-DD`; ids are strings; lists default to empty and optional fields
//! to absent. Field names match the file's keys; see `README.md` for an annotated file.

use serde::Serialize;

/// A whole scenario file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ScenarioFile {
    /// What the scenario is called.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The parties: states, organisations, non-recognised entities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyFile>,
    /// The territories and who they belong to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub territories: Vec<TerritoryFile>,
    /// The user-defined actions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionFile>,
    /// The issues (war issues come from armed-attack events instead).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<IssueFile>,
    /// The instruments and their clauses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<InstrumentFile>,
    /// The declared positions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<PositionFile>,
    /// The events.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventFile>,
}

/// A source as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceFile {
    /// A citation a reader can follow.
    pub citation: String,
    /// Where the text can be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What in the fact is assumed rather than read in the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// A party as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PartyFile {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `state`, `organisation` or `entity`.
    pub kind: String,
    /// When it came into being as a party.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// When it ceased to be one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// An organisation's members.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MembershipFile>,
    /// Where its facts come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceFile>,
}

/// A membership as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MembershipFile {
    /// The member's id.
    pub party: String,
    /// Date of entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Date of exit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Where the membership is recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceFile>,
}

/// A territory as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TerritoryFile {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The id of the party it belongs to.
    pub belongs_to: String,
    /// Where the facts come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceFile>,
}

/// A user-defined action as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ActionFile {
    /// Its name.
    pub id: String,
    /// What it means.
    pub description: String,
    /// The actions it contradicts, built-in or user-defined.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub incompatible_with: Vec<String>,
}

/// An issue as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IssueFile {
    /// Its id.
    pub id: String,
    /// The question.
    pub title: String,
    /// `foreign_policy`, `security`, `economy` or `culture`.
    pub domain: String,
    /// Where the issue is described.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceFile>,
}

/// An instrument as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct InstrumentFile {
    /// Its id.
    pub id: String,
    /// Its title.
    pub name: String,
    /// `treaty`, `declaration`, `charter`, `memorandum` or `other`.
    pub kind: String,
    /// `binding` or `political`.
    pub force: String,
    /// `bilateral` or `multilateral`.
    pub form: String,
    /// The parties' ids, unless `members_of` is given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// The organisation whose members are the parties, instead of `parties`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members_of: Option<String>,
    /// Date of signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<String>,
    /// Date of entry into force (the signature date when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<String>,
    /// Date of termination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminated: Option<String>,
    /// Where the text comes from.
    pub source: SourceFile,
    /// Instruments this one is subject to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subject_to: Vec<String>,
    /// Instruments this one says it is not incompatible with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_incompatible_with: Vec<String>,
    /// Savings clauses: `not_against_third_parties`, `respects_other_obligations`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub savings: Vec<String>,
    /// Whether it is the UN Charter, which prevails over any other agreement (art. 103).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub un_charter: bool,
    /// The clauses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<ClauseFile>,
}

/// A clause as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ClauseFile {
    /// Its label within the instrument.
    pub label: String,
    /// The verbatim text.
    pub text: String,
    /// A translation of the text, when the verbatim text is not in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    /// `obligation`, `prohibition` or `permission`.
    pub modality: String,
    /// A built-in action or the id of a user-defined one.
    pub action: String,
    /// `strict` or `loose`, for `align` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// The domains it covers; absent or `["all"]` for every domain.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    /// Whether it states a peremptory norm (jus cogens, VCLT art. 53 and 64).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub peremptory: bool,
    /// Who is bound; absent for every party.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound: Option<Vec<String>>,
    /// Toward whom; absent for every other party.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toward: Option<Vec<String>>,
    /// Whether the beneficiary alone judges breach.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub discretion: bool,
    /// For `defend` and `neutrality`: only against these adversaries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub adversaries: Vec<String>,
    /// For `defend`: not when the beneficiary provoked the attack.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unless_provoked: bool,
    /// Where the clause's text comes from, when not the instrument's source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceFile>,
}

/// A position as the file gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PositionFile {
    /// Who declared it.
    pub party: String,
    /// On what.
    pub issue: String,
    /// `support`, `neutral` or `oppose`.
    pub stance: String,
    /// When it was declared.
    pub since: String,
    /// When it was abandoned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Where it was declared.
    pub source: SourceFile,
}

/// An event as the file gives it. Which fields apply depends on `kind`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EventFile {
    /// Its id.
    pub id: String,
    /// `armed_attack`, `recognition`, `accession` or `withdrawal`.
    pub kind: String,
    /// The day it happened.
    pub date: String,
    /// Armed attack: who attacked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attacker: Option<String>,
    /// Armed attack: who was attacked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub victim: Option<String>,
    /// Armed attack: whether the victim provoked it, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provoked: Option<bool>,
    /// Armed attack: the id of the war issue it makes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Armed attack: the war issue's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Armed attack: the war issue's domain (`security` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Recognition: who recognises.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Recognition: the territory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Recognition: the entity claiming it as a state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Accession or withdrawal: who joins or leaves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Accession or withdrawal: the organisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Where it is recorded.
    pub source: SourceFile,
}
