//! Findings: what the engine reports, as plain data.
//!
//! A [`Finding`] is data first. Its prose ([`Finding::explanation`]) is computed from the
//! [`Witness`], never stored, so the two cannot drift apart.

use serde::Serialize;

use crate::model::{
    ClauseLabel, Date, EventId, Force, InstrumentId, Interval, IssueId, PartyId, Stance,
};

/// One set of obligations that cannot all be kept, a promise broken by a party's own act, or
/// a structural imbalance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// What kind of finding it is.
    pub kind: Kind,
    /// How grave it is.
    pub severity: Severity,
    /// The parties it is about, in id order: the bound parties caught between their
    /// obligations, the parties whose own act breaks one, or the three parties of a triad.
    pub parties: Vec<PartyId>,
    /// The issue on which the obligations clash, when there is one.
    pub issue: Option<IssueId>,
    /// When it holds: from its first day (included) to its last (excluded), or open-ended.
    pub during: Interval,
    /// The minimal set of clauses, positions and events that cannot all hold, and the chain of
    /// parties the constraint travelled.
    pub witness: Witness,
    /// Other minimal witnesses of the same finding: the same parties, issue and kind, reached
    /// through other clauses (Azerbaijan's point 4 and point 7 each clash with the Shusha
    /// commitment). Each is minimal on its own.
    pub also: Vec<Witness>,
    /// Whether it survives the most lenient reading of every clause in its witness.
    pub verdict: Verdict,
    /// For a tension that leaves a party one narrow way out: the only stance that keeps every
    /// obligation in the witness. `None` for a contradiction.
    pub way_out: Option<Stance>,
    /// Which obligation prevails under the law of treaties, for each pair of the witness's
    /// obligations binding one party under different clauses; empty where the law has nothing
    /// to weigh (a violation of a single obligation, an imbalance).
    pub prevails: Vec<Precedence>,
}

/// One obligation of a witness: a clause binding a party toward another.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Obligation {
    /// The instrument.
    pub instrument: InstrumentId,
    /// The clause.
    pub label: ClauseLabel,
    /// The party bound.
    pub bound: PartyId,
    /// The party it is bound toward.
    pub toward: PartyId,
}

/// Which of two obligations binding one party prevails, and by which rule, or why the law
/// leaves it open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Precedence {
    /// One obligation.
    pub first: Obligation,
    /// The other.
    pub second: Obligation,
    /// What the law says of the pair.
    pub outcome: Outcome,
}

/// What the law of treaties says of two obligations that cannot both be kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[non_exhaustive]
pub enum Outcome {
    /// One prevails; the other yields to the extent of the conflict.
    Prevails {
        /// The instrument whose obligation prevails.
        instrument: InstrumentId,
        /// The rule.
        rule: LegalRule,
        /// Why the rule applies, in a sentence.
        reason: String,
    },
    /// Both stand, but one may be suspended: the party it is owed to broke the same instrument
    /// by its own attack (VCLT art. 60(2)(b)).
    Resolvable {
        /// The obligation that may be suspended.
        suspended: Obligation,
        /// The rule.
        rule: LegalRule,
        /// Why the rule applies, in a sentence.
        reason: String,
    },
    /// The law does not rank them: the party stays answerable to whichever it breaches.
    Unresolved {
        /// The rule that leaves it open, when one speaks to it (VCLT art. 30(4)(b)).
        rule: Option<LegalRule>,
        /// Why, in a sentence.
        reason: String,
        /// The residual responsibility: toward whom the party stays answerable, under which
        /// instrument, if it keeps the other.
        answerable: Vec<Obligation>,
    },
}

/// A rule of the law of treaties that ranks obligations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalRule {
    /// An instrument conflicting with a peremptory norm is void (VCLT art. 53 and 64).
    JusCogens,
    /// Obligations under the UN Charter prevail over any other agreement (art. 103).
    CharterArticle103,
    /// A legally binding instrument outranks a political declaration.
    BindingOverPolitical,
    /// An instrument that says it is subject to, or not incompatible with, another yields to
    /// it (VCLT art. 30(2)).
    SubjectTo,
    /// A savings clause ("not directed against third parties", "taking into account the
    /// international obligations of each party") makes the instrument yield (VCLT art. 30(2)).
    SavingsClause,
    /// Between the same parties, the later instrument prevails (VCLT art. 30(3)).
    LexPosterior,
    /// Between different parties, each dyad is governed by the instrument both are parties
    /// to, and the state stays answerable to the other (VCLT art. 30(4)(b)).
    DifferentParties,
    /// A material breach by a party lets the others suspend the instrument toward it
    /// (VCLT art. 60(2)(b)).
    MaterialBreach,
}

impl LegalRule {
    /// The provision, as lawyers cite it.
    pub fn citation(self) -> &'static str {
        match self {
            LegalRule::JusCogens => "VCLT arts. 53 and 64",
            LegalRule::CharterArticle103 => "UN Charter art. 103",
            LegalRule::BindingOverPolitical => "binding instrument over political commitment",
            LegalRule::SubjectTo | LegalRule::SavingsClause => "VCLT art. 30(2)",
            LegalRule::LexPosterior => "VCLT art. 30(3)",
            LegalRule::DifferentParties => "VCLT art. 30(4)(b)",
            LegalRule::MaterialBreach => "VCLT art. 60(2)(b)",
        }
    }
}

impl Finding {
    /// Whether no assignment of positions keeps every constraint of the witness: true for
    /// conflicts, violations and tensions that arise through a political instrument; false
    /// for a tension that leaves a narrow way out, and for an imbalance.
    pub fn is_contradiction(&self) -> bool {
        match self.kind {
            Kind::Conflict | Kind::Violation => true,
            Kind::Tension => self.way_out.is_none(),
            Kind::Imbalance => false,
        }
    }
}

/// The four kinds of finding of DESIGN.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The obligations on a party contradict each other whatever that party itself does.
    Conflict,
    /// A party's own declared position or act breaks one of its obligations that it could
    /// otherwise keep.
    Violation,
    /// A contradiction that only arises through a political (non-binding) instrument, or
    /// obligations that leave a party one narrow way out.
    Tension,
    /// A structurally unbalanced triad of the signed graph: two allies of a party are
    /// adversaries of each other.
    Imbalance,
}

impl Kind {
    /// The kind's name as reports print it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Conflict => "conflict",
            Kind::Violation => "violation",
            Kind::Tension => "tension",
            Kind::Imbalance => "imbalance",
        }
    }

    /// The stable code of findings of this kind (`allegiance::conflict`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Conflict => "allegiance::conflict",
            Kind::Violation => "allegiance::violation",
            Kind::Tension => "allegiance::tension",
            Kind::Imbalance => "allegiance::imbalance",
        }
    }
}

/// How grave a finding is, from low to critical.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A tension with a way out, or a structural imbalance.
    Low,
    /// A contradiction that depends on a strict reading, or arises through a political
    /// instrument.
    Medium,
    /// A firm contradiction between binding obligations on positions.
    High,
    /// A firm contradiction between binding obligations to fight.
    Critical,
}

impl Severity {
    /// The severity's name as reports print it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// Whether a finding survives the most lenient reading of its witness (ILC fragmentation
/// study, conclusion 4: harmonise before you accuse).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict")]
pub enum Verdict {
    /// It holds under every reading: alignment read loosely, savings clauses applied.
    Firm,
    /// Only a strict reading produces it.
    Interpretive {
        /// The clauses whose lenient reading dissolves it.
        dissolved_by: Vec<ClauseRef>,
        /// The lenient reading, in words.
        reading: String,
        /// The bound parties' stances that keep every obligation of the witness under that
        /// reading (empty when it dissolves for another reason than a free choice).
        ways_out: Vec<Stance>,
    },
}

/// The minimal evidence of a finding: remove any clause, position or event from it and what
/// remains can be kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Witness {
    /// The clauses, in instrument and clause order of the scenario's ids.
    pub clauses: Vec<ClauseRef>,
    /// The declared positions.
    pub positions: Vec<PositionRef>,
    /// The events.
    pub events: Vec<EventRef>,
    /// The chain of parties along which the constraint travelled, one step per link.
    pub chain: Vec<Link>,
}

impl Witness {
    /// How many clauses, positions and events it holds.
    pub fn len(&self) -> usize {
        self.clauses.len() + self.positions.len() + self.events.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A clause, quoted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct ClauseRef {
    /// Its instrument.
    pub instrument: InstrumentId,
    /// Its label within the instrument.
    pub label: ClauseLabel,
    /// The instrument's title.
    pub instrument_name: String,
    /// Whether the instrument binds in law.
    pub force: Force,
    /// The verbatim text.
    pub text: String,
    /// Its English translation, when the text is in another language.
    pub translation: Option<String>,
}

/// A declared position, quoted with its source.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct PositionRef {
    /// Who declared it.
    pub party: PartyId,
    /// On what.
    pub issue: IssueId,
    /// The stance.
    pub stance: Stance,
    /// Since when, if the scenario says.
    pub since: Option<Date>,
    /// Where it was declared.
    pub citation: String,
}

/// An event, with its date.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct EventRef {
    /// Its id.
    pub id: EventId,
    /// The day it happened.
    pub date: Date,
    /// What happened, in a few words.
    pub summary: String,
    /// For an armed attack: the attacker, whose stance on its war issue is support.
    pub attacker: Option<PartyId>,
    /// For an armed attack: the victim, whose stance on its war issue is oppose.
    pub victim: Option<PartyId>,
}

/// One step of a witness's chain: what one party's clause, position or act requires of, or
/// says about, another.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Link {
    /// The party the step starts from.
    pub from: PartyId,
    /// The party it reaches.
    pub to: PartyId,
    /// What the step says.
    pub relation: Relation,
    /// The clause behind it, when there is one (an index into [`Witness::clauses`]).
    pub clause: Option<usize>,
    /// The parties the clause binds at this step, in id order: `to`, `from`, or both.
    pub bound: Vec<PartyId>,
}

/// What a [`Link`] says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// `to` must hold the same stance as `from` (strict alignment).
    Same,
    /// `to` must not hold the stance opposite to `from`'s (loose alignment).
    NotOpposite,
    /// `to` must not oppose `from`'s declared stance (no harm).
    NoHarm,
    /// `to` must fight on `from`'s side (defence, offense).
    FightFor,
    /// `to` must not fight on `from`'s side (neutrality toward `from`'s adversary).
    NotFightFor,
    /// `to` and `from` must not fight each other (non-aggression).
    NotFightAgainst,
    /// The two are allied (imbalance).
    Allied,
    /// The two are adversaries: at war, or holding opposite stances (imbalance).
    Adversaries,
    /// `from` recognised a territory of `to` (respect for territorial integrity).
    Recognised,
    /// `from` is bound by an alliance directed against `to` (no hostile alliance).
    HostileAlliance,
    /// `from` must do an action its other obligation forbids (user-defined actions).
    Incompatible,
}
