//! Parties (states, organisations, non-recognised entities) and territories.

use serde::Serialize;
use std::sync::Arc;

use super::{Interval, PartyId, Source, TerritoryId};

/// A state, an international organisation or a non-recognised entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Party {
    /// Its id: an ISO 3166-1 alpha-3 code for a state where one exists.
    pub id: PartyId,
    /// Its name in English.
    pub name: String,
    /// What sort of party it is, with an organisation's members.
    pub kind: PartyKind,
    /// When it exists as a party: a state's independence or dissolution, an organisation's
    /// founding. [`Interval::ALWAYS`] when the scenario does not say.
    pub exists: Interval,
    /// Where its facts come from, when the scenario gives one.
    pub source: Option<Arc<Source>>,
}

/// What sort of party a [`Party`] is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum PartyKind {
    /// A state.
    State,
    /// An international organisation, with its members over time.
    Organisation {
        /// Each member's membership, with its dates of entry and exit.
        members: Vec<Membership>,
    },
    /// An entity that claims statehood without general recognition (the Donetsk "people's
    /// republic", say).
    Entity,
}

/// A party's membership of an organisation, from its entry until its exit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Membership {
    /// The member.
    pub party: PartyId,
    /// From entry (included) until exit (excluded).
    pub during: Interval,
    /// Where the membership is recorded, when the scenario gives it.
    pub source: Option<Arc<Source>>,
}

impl Party {
    /// The organisation's members on `date`, in the order the scenario lists them; empty for a
    /// state or an entity.
    pub fn members_on(&self, date: super::Date) -> impl Iterator<Item = &PartyId> {
        let members: &[Membership] = match &self.kind {
            PartyKind::Organisation { members } => members,
            PartyKind::State | PartyKind::Entity => &[],
        };
        members
            .iter()
            .filter(move |it| it.during.contains(date))
            .map(|it| &it.party)
    }

    /// Whether this party is an international organisation.
    pub fn is_organisation(&self) -> bool {
        matches!(self.kind, PartyKind::Organisation { .. })
    }
}

/// A named area and the party it belongs to under international recognition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Territory {
    /// Its id.
    pub id: TerritoryId,
    /// Its name in English.
    pub name: String,
    /// The party it belongs to under international recognition (Donetsk: Ukraine).
    pub belongs_to: PartyId,
    /// Where the facts come from, when the scenario gives one.
    pub source: Option<Arc<Source>>,
}
