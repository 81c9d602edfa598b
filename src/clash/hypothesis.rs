//! Hypothetical instruments, read against a scenario's parties, for
//! [`super::ClashTracker::what_if`].

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::load::{self, LoadError, LoadErrors, Location, Problem};
use crate::model::{Instrument, PartyId, PartyKind, Scenario};
use crate::save;
use crate::spec::{InstrumentFile, ScenarioFile};

/// Instruments that are not in a scenario, validated against its parties: the question
/// "what if these were signed too?" for [`super::ClashTracker::what_if`].
///
/// The instruments are read as a scenario file holding them, the scenario's parties they
/// name (and the members of the organisations they name) and its user-defined actions, so
/// every problem comes back as a [`LoadErrors`] with the instruments' own paths
/// (`instruments[0].clauses[1].bound[0]`). An id the scenario already uses for an
/// instrument is refused: a hypothesis adds, it does not amend. Relations to the scenario's
/// instruments (`subject_to`, `not_incompatible_with`) are refused as unknown, since a clash
/// point never weighs one obligation against another.
///
/// ```
/// use allegiance::clash::{ClashTracker, Hypothesis};
/// use allegiance::load::{self, Format};
///
/// let scenario = load::from_path("examples/data/caucasus-2022.toml")?;
/// let pact = load::file_form_from_str(
///     r#"
/// [[instruments]]
/// id = "hypothetical-pact"
/// name = "A hypothetical pact"
/// kind = "treaty"
/// force = "binding"
/// form = "bilateral"
/// parties = ["ARM", "AZE"]
/// in_force = "2022-01-01"
/// source = "hypothesis"
///
/// [[instruments.clauses]]
/// label = "art. 1"
/// text = "The Parties shall hold the same positions."
/// modality = "obligation"
/// action = "align"
/// reading = "strict"
/// "#,
///     Format::Toml,
///     "pact.toml",
/// )?;
/// let hypothesis = Hypothesis::new(&scenario, &pact.instruments)?;
/// assert_eq!(hypothesis.instruments()[0].id.as_str(), "hypothetical-pact");
///
/// let mut typo = pact.instruments.clone();
/// typo[0].parties[1] = "AZZ".into();
/// let errors = Hypothesis::new(&scenario, &typo).unwrap_err();
/// assert_eq!(errors.errors()[0].location().path, "instruments[0].parties[1]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Hypothesis {
    scenario: Scenario,
}

impl Hypothesis {
    /// Validates `instruments` against `base`'s parties and actions.
    ///
    /// # Errors
    ///
    /// Every problem of the instruments, with their paths; an id `base` already gives an
    /// instrument.
    ///
    /// # Complexity
    ///
    /// `O(k log n)` for `k` party ids named, plus loading the instruments, the parties they
    /// name and `base`'s user-defined actions.
    pub fn new(base: &Scenario, instruments: &[InstrumentFile]) -> Result<Hypothesis, LoadErrors> {
        let taken: Vec<LoadError> = instruments
            .iter()
            .enumerate()
            .filter(|(_, it)| {
                (base.index)
                    .instrument(&base.instruments, it.id.as_str())
                    .is_some()
            })
            .map(|(at, it)| {
                let location = Location {
                    path: format!("instruments[{at}].id"),
                    line: None,
                    column: None,
                };
                let problem = Problem::DuplicateId {
                    kind: "instrument",
                    id: it.id.clone(),
                    first: "the scenario's instruments".to_owned(),
                };
                LoadError::new(location, problem, None)
            })
            .collect();
        if let Some(errors) = LoadErrors::new("<hypothesis>", Arc::from(""), taken) {
            return Err(errors);
        }
        let file = ScenarioFile {
            parties: named(base, instruments)
                .iter()
                .filter_map(|id| base.party(id))
                .map(save::party)
                .collect(),
            actions: base.actions().iter().map(save::action).collect(),
            instruments: instruments.to_vec(),
            ..ScenarioFile::default()
        };
        Ok(Hypothesis {
            scenario: load::from_file_form(file)?,
        })
    }

    /// The instruments, as validated.
    pub fn instruments(&self) -> &[Instrument] {
        self.scenario.instruments()
    }
}

/// The ids of `base`'s parties the instruments name, with the members of the organisations
/// among them.
fn named(base: &Scenario, instruments: &[InstrumentFile]) -> BTreeSet<PartyId> {
    let mut texts: BTreeSet<&str> = BTreeSet::new();
    for it in instruments {
        texts.extend(it.parties.iter().map(String::as_str));
        texts.extend(it.members_of.as_deref());
        for clause in &it.clauses {
            let lists = [clause.bound.as_ref(), clause.toward.as_ref()];
            texts.extend(lists.into_iter().flatten().flatten().map(String::as_str));
            texts.extend(clause.adversaries.iter().map(String::as_str));
        }
    }
    let mut ids: BTreeSet<PartyId> = texts.iter().filter_map(|it| it.parse().ok()).collect();
    let members: Vec<PartyId> = ids
        .iter()
        .filter_map(|id| base.party(id))
        .flat_map(|party| match &party.kind {
            PartyKind::Organisation { members } => {
                members.iter().map(|it| it.party.clone()).collect()
            }
            PartyKind::State | PartyKind::Entity => Vec::new(),
        })
        .collect();
    ids.extend(members);
    ids
}
