//! Saving: a [`Scenario`] back to its file form, and to TOML or JSON text that loads into an
//! equal scenario.
//!
//! # Example
//!
//! ```
//! let text = r#"
//! [[parties]]
//! id = "AZE"
//! name = "Azerbaijan"
//! kind = "state"
//! "#;
//! let scenario = allegiance::load::from_toml_str(text)?;
//! let json = allegiance::save::to_json_string(&scenario);
//! assert_eq!(allegiance::load::from_json_str(&json)?, scenario);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::load::names;
use crate::model::{
    Action, Clause, CustomAction, Date, Event, EventKind, Instrument, Issue, Membership, Parties,
    Party, PartyKind, Position, RelationKind, Scenario, Scope, Source, Territory,
};
use crate::spec::{
    ActionFile, ClauseFile, EventFile, InstrumentFile, IssueFile, MembershipFile, PartyFile,
    PositionFile, ScenarioFile, SourceFile, TerritoryFile,
};

/// The scenario as TOML text.
///
/// Infallible: every value of a scenario has a TOML form (no `None` inside lists, no
/// top-level non-table); should the serialiser ever refuse one, the JSON form, which is
/// always written, is returned in a TOML comment explaining why.
pub fn to_toml_string(scenario: &Scenario) -> String {
    match toml::to_string_pretty(&to_file_form(scenario)) {
        Ok(text) => text,
        Err(error) => format!(
            "# cannot write TOML ({error}); the JSON form follows\n# {}",
            to_json_string(scenario).replace('\n', "\n# ")
        ),
    }
}

/// The scenario as pretty-printed JSON text.
pub fn to_json_string(scenario: &Scenario) -> String {
    // Serialising plain structs of strings, booleans and lists cannot fail.
    serde_json::to_string_pretty(&to_file_form(scenario)).unwrap_or_default()
}

/// The scenario in its file form, as [`crate::load::from_file_form`] takes it.
pub fn to_file_form(scenario: &Scenario) -> ScenarioFile {
    ScenarioFile {
        title: scenario.title().map(str::to_owned),
        description: scenario.description().map(str::to_owned),
        parties: scenario.parties().iter().map(party).collect(),
        territories: scenario.territories().iter().map(territory).collect(),
        actions: scenario.actions().iter().map(action).collect(),
        // War issues are written as their armed-attack events.
        issues: scenario
            .issues()
            .iter()
            .filter(|it| it.war.is_none())
            .map(issue)
            .collect(),
        instruments: scenario.instruments().iter().map(instrument).collect(),
        positions: scenario.positions().iter().map(position).collect(),
        events: scenario
            .events()
            .iter()
            .map(|it| event(scenario, it))
            .collect(),
    }
}

fn date(date: Option<Date>) -> Option<String> {
    date.map(|it| it.to_string())
}

fn ids<T: ToString>(ids: &[T]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}

fn source(source: &Source) -> SourceFile {
    SourceFile {
        citation: source.citation.clone(),
        url: source.url.clone(),
        assumption: source.assumption.clone(),
    }
}

pub(crate) fn party(party: &Party) -> PartyFile {
    let (kind, members) = match &party.kind {
        PartyKind::State => ("state", Vec::new()),
        PartyKind::Entity => ("entity", Vec::new()),
        PartyKind::Organisation { members } => {
            ("organisation", members.iter().map(membership).collect())
        }
    };
    PartyFile {
        id: party.id.to_string(),
        name: party.name.clone(),
        kind: kind.to_owned(),
        since: date(party.exists.start),
        until: date(party.exists.end),
        members,
        source: party.source.as_deref().map(source),
    }
}

fn membership(membership: &Membership) -> MembershipFile {
    MembershipFile {
        party: membership.party.to_string(),
        since: date(membership.during.start),
        until: date(membership.during.end),
        source: membership.source.as_deref().map(source),
    }
}

fn territory(territory: &Territory) -> TerritoryFile {
    TerritoryFile {
        id: territory.id.to_string(),
        name: territory.name.clone(),
        belongs_to: territory.belongs_to.to_string(),
        source: territory.source.as_deref().map(source),
    }
}

pub(crate) fn action(action: &CustomAction) -> ActionFile {
    ActionFile {
        id: action.name.to_string(),
        description: action.description.clone(),
        incompatible_with: action
            .incompatible_with
            .iter()
            .map(Action::to_string)
            .collect(),
    }
}

fn issue(issue: &Issue) -> IssueFile {
    IssueFile {
        id: issue.id.to_string(),
        title: issue.title.clone(),
        domain: issue.domain.to_string(),
        source: issue.source.as_deref().map(source),
    }
}

fn instrument(instrument: &Instrument) -> InstrumentFile {
    let (parties, members_of) = match &instrument.parties {
        Parties::Listed(parties) => (ids(parties), None),
        Parties::MembersOf(organisation) => (Vec::new(), Some(organisation.to_string())),
    };
    let related = |kind: RelationKind| {
        instrument
            .relations
            .iter()
            .filter(|it| it.kind == kind)
            .map(|it| it.other.to_string())
            .collect()
    };
    InstrumentFile {
        id: instrument.id.to_string(),
        name: instrument.name.to_string(),
        kind: names::instrument_kind(instrument.kind).to_owned(),
        force: names::force(instrument.force).to_owned(),
        form: names::form(instrument.form).to_owned(),
        parties,
        members_of,
        signed: date(instrument.signed),
        in_force: date(instrument.in_force.start),
        terminated: date(instrument.in_force.end),
        source: source(&instrument.source),
        subject_to: related(RelationKind::SubjectTo),
        not_incompatible_with: related(RelationKind::NotIncompatibleWith),
        savings: instrument
            .savings
            .iter()
            .map(|it| names::saving(*it).to_owned())
            .collect(),
        un_charter: instrument.un_charter,
        clauses: instrument.clauses.iter().map(clause).collect(),
    }
}

fn clause(clause: &Clause) -> ClauseFile {
    let norm = &clause.norm;
    ClauseFile {
        label: clause.label.to_string(),
        text: clause.text.to_string(),
        translation: clause.translation.as_deref().map(str::to_owned),
        modality: names::modality(norm.modality).to_owned(),
        action: norm.action.to_string(),
        reading: (norm.action == Action::Align).then(|| names::reading(norm.reading).to_owned()),
        scope: match &norm.scope {
            Scope::All => Vec::new(),
            Scope::Only(domains) => domains.iter().map(|it| it.to_string()).collect(),
        },
        peremptory: clause.peremptory,
        bound: clause.bound.as_deref().map(ids),
        toward: clause.beneficiaries.as_deref().map(ids),
        discretion: norm.discretion,
        adversaries: ids(&norm.adversaries),
        unless_provoked: norm.unless_provoked,
        source: clause.source.as_deref().map(source),
    }
}

fn position(position: &Position) -> PositionFile {
    PositionFile {
        party: position.party.to_string(),
        issue: position.issue.to_string(),
        stance: position.stance.to_string(),
        since: date(position.during.start).unwrap_or_default(),
        until: date(position.during.end),
        source: source(&position.source),
    }
}

fn event(scenario: &Scenario, event: &Event) -> EventFile {
    let mut file = EventFile {
        id: event.id.to_string(),
        date: event.date.to_string(),
        source: source(&event.source),
        ..EventFile::default()
    };
    match &event.kind {
        EventKind::ArmedAttack {
            attacker,
            victim,
            provoked,
            issue,
        } => {
            file.kind = "armed_attack".to_owned();
            file.attacker = Some(attacker.to_string());
            file.victim = Some(victim.to_string());
            file.provoked = *provoked;
            file.issue = Some(issue.to_string());
            if let Some(war_issue) = scenario.issue(issue) {
                file.title = Some(war_issue.title.clone());
                file.domain = Some(war_issue.domain.to_string());
            }
        }
        EventKind::Recognition {
            by,
            territory,
            entity,
        } => {
            file.kind = "recognition".to_owned();
            file.by = Some(by.to_string());
            file.territory = Some(territory.to_string());
            file.entity = entity.as_ref().map(ToString::to_string);
        }
        EventKind::Accession {
            party,
            organisation,
        } => {
            file.kind = "accession".to_owned();
            file.party = Some(party.to_string());
            file.organisation = Some(organisation.to_string());
        }
        EventKind::Withdrawal {
            party,
            organisation,
        } => {
            file.kind = "withdrawal".to_owned();
            file.party = Some(party.to_string());
            file.organisation = Some(organisation.to_string());
        }
    }
    file
}
