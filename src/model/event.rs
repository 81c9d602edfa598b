//! Dated acts: armed attacks, recognitions, accessions and withdrawals.

use serde::Serialize;
use std::sync::Arc;

use super::{Date, EventId, IssueId, PartyId, Source, TerritoryId};

/// An act with a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Event {
    /// Its id.
    pub id: EventId,
    /// The day it happened.
    pub date: Date,
    /// What happened.
    pub kind: EventKind,
    /// Where it is recorded.
    pub source: Arc<Source>,
}

/// What an [`Event`] records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum EventKind {
    /// An armed attack. It makes the war issue `issue`: the attacker's stance is support, the
    /// victim's oppose, and each fights on its own side.
    ArmedAttack {
        /// Who attacked.
        attacker: PartyId,
        /// Who was attacked.
        victim: PartyId,
        /// Whether the victim provoked the attack, where known.
        provoked: Option<bool>,
        /// The war issue the attack makes.
        issue: IssueId,
    },
    /// A party recognises the independence of a territory.
    Recognition {
        /// Who recognises.
        by: PartyId,
        /// The territory whose independence it recognises.
        territory: TerritoryId,
        /// The entity that claims the territory as a state, when the scenario models it.
        entity: Option<PartyId>,
    },
    /// A party joins an organisation.
    Accession {
        /// Who joins.
        party: PartyId,
        /// What it joins.
        organisation: PartyId,
    },
    /// A party leaves an organisation.
    Withdrawal {
        /// Who leaves.
        party: PartyId,
        /// What it leaves.
        organisation: PartyId,
    },
}
