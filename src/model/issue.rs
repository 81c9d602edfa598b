//! Issues, and the positions parties take on them.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use super::{Domain, EventId, Interval, IssueId, PartyId, Source};

/// A question parties take positions on, with a domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Issue {
    /// Its id.
    pub id: IssueId,
    /// The question, in a few words ("Russia's invasion of Ukraine").
    pub title: String,
    /// The domain it belongs to, which decides which clauses' scope covers it.
    pub domain: Domain,
    /// For the war issue an armed attack makes: who attacked whom.
    pub war: Option<War>,
    /// Where the issue is described, when the scenario gives one.
    pub source: Option<Arc<Source>>,
}

/// The sides of a war issue, made by an [`crate::EventKind::ArmedAttack`] event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct War {
    /// The party that attacked: its stance is support, and it fights on its own side.
    pub attacker: PartyId,
    /// The party attacked: its stance is oppose, and it fights on its own side.
    pub victim: PartyId,
    /// The event that made the issue.
    pub event: EventId,
}

/// A party's declared stance on an issue, dated, with its source. Silence is no position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Position {
    /// Who declared it.
    pub party: PartyId,
    /// On what.
    pub issue: IssueId,
    /// Support, neutral or oppose.
    pub stance: Stance,
    /// From the day it was declared until the day it was abandoned, if it was.
    pub during: Interval,
    /// Where it was declared.
    pub source: Arc<Source>,
}

/// A stance on an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// For it.
    Support,
    /// Neither for nor against.
    Neutral,
    /// Against it.
    Oppose,
}

impl Stance {
    /// Every stance, with the name a scenario file gives it.
    pub const ALL: [(&'static str, Stance); 3] = [
        ("support", Stance::Support),
        ("neutral", Stance::Neutral),
        ("oppose", Stance::Oppose),
    ];

    /// The name a scenario file gives this stance.
    pub fn name(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Neutral => "neutral",
            Stance::Oppose => "oppose",
        }
    }

    /// Whether two stances are opposite: support against oppose.
    pub fn is_opposite(self, other: Stance) -> bool {
        matches!(
            (self, other),
            (Stance::Support, Stance::Oppose) | (Stance::Oppose, Stance::Support)
        )
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}
