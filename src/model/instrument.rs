//! Instruments (treaties, declarations, charters…) and their clauses.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use super::{ActionName, ClauseLabel, Date, InstrumentId, Interval, PartyId, Source};

/// A treaty, declaration, charter or memorandum, with its parties, dates and clauses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Instrument {
    /// Its id.
    pub id: InstrumentId,
    /// Its title, as published; instruments with the same title share it.
    pub name: Arc<str>,
    /// What sort of instrument it is.
    pub kind: InstrumentKind,
    /// Whether it binds in law or only politically.
    pub force: Force,
    /// Whether it is between two parties or more.
    pub form: Form,
    /// Who its parties are.
    pub parties: Parties,
    /// When it was signed (concluded), when the scenario knows.
    pub signed: Option<Date>,
    /// From entry into force (included) until termination (excluded).
    pub in_force: Interval,
    /// Where its text comes from.
    pub source: Arc<Source>,
    /// What it says of its relation to other instruments ("subject to", "not incompatible
    /// with").
    pub relations: Box<[Relation]>,
    /// The savings clauses it contains, in the sense of VCLT art. 30(2).
    pub savings: Box<[Saving]>,
    /// Whether it is the Charter of the United Nations, whose obligations prevail over any
    /// other agreement (UN Charter art. 103).
    pub un_charter: bool,
    /// Its provisions, in the order the scenario lists them.
    pub clauses: Box<[Clause]>,
}

impl Instrument {
    /// Whether it is in force on `date`.
    pub fn is_in_force_on(&self, date: Date) -> bool {
        self.in_force.contains(date)
    }

    /// The clause with this label.
    pub fn clause(&self, label: &ClauseLabel) -> Option<&Clause> {
        self.clauses.iter().find(|it| &it.label == label)
    }
}

/// What sort of instrument an [`Instrument`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    /// A treaty, convention or agreement.
    Treaty,
    /// A joint declaration or statement.
    Declaration,
    /// An organisation's founding charter.
    Charter,
    /// A memorandum of understanding.
    Memorandum,
    /// Anything else.
    Other,
}

/// Whether an instrument binds in law.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Force {
    /// Legally binding: a treaty in the sense of VCLT art. 2(1)(a).
    Binding,
    /// A political commitment, not binding in law.
    Political,
}

/// Whether an instrument is between two parties or more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// Exactly two parties.
    Bilateral,
    /// Any number of parties, or an organisation's members.
    Multilateral,
}

/// Who the parties to an instrument are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Parties {
    /// These parties, named one by one.
    Listed(Box<[PartyId]>),
    /// Whoever is a member of this organisation on the date asked.
    MembersOf(PartyId),
}

/// A relation an instrument declares to another.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Relation {
    /// What the relation is.
    pub kind: RelationKind,
    /// The other instrument.
    pub other: InstrumentId,
}

/// The relations of VCLT art. 30(2): where an instrument says so, the other prevails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// "Subject to" the other instrument.
    SubjectTo,
    /// "Not incompatible with" the other instrument.
    NotIncompatibleWith,
}

/// A savings clause: a general statement that the instrument yields to its parties' other
/// obligations, without naming them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Saving {
    /// "Not directed against third parties."
    NotAgainstThirdParties,
    /// "Takes into account the international obligations of each party", or "does not affect
    /// the rights and obligations under other treaties".
    RespectsOtherObligations,
}

/// One provision of an instrument: its label, verbatim text and norm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Clause {
    /// Its number or label within the instrument (`point 4`, `art. 4`).
    pub label: ClauseLabel,
    /// The verbatim text, as quoted from the source, in the language the source gives it;
    /// clauses with the same text (a model clause of many treaties) share it.
    pub text: Arc<str>,
    /// An English translation, when the verbatim text is in another language.
    pub translation: Option<Box<str>>,
    /// What it requires, of whom, toward whom.
    pub norm: Norm,
    /// Whether it states a peremptory norm of general international law (jus cogens, VCLT
    /// art. 53 and 64), from which no instrument may derogate.
    pub peremptory: bool,
    /// Who is bound: `None` for every party of the instrument.
    pub bound: Option<Box<[PartyId]>>,
    /// Toward whom: `None` for every other party of the instrument.
    pub beneficiaries: Option<Box<[PartyId]>>,
    /// Where this clause's text comes from, when not the instrument's own source.
    pub source: Option<Arc<Source>>,
}

/// What a clause requires: its modality, action, scope and conditions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Norm {
    /// Obligation, prohibition or permission.
    pub modality: Modality,
    /// What is to be done (or not done, or may be done).
    pub action: Action,
    /// The issue domains it covers.
    pub scope: Scope,
    /// For [`Action::Align`]: same position (strict) or only not the opposite (loose).
    pub reading: Reading,
    /// Whether the beneficiary alone judges breach ("in the opinion of one of the Parties").
    pub discretion: bool,
    /// For defence and neutrality: only against these adversaries; empty for any.
    pub adversaries: Box<[PartyId]>,
    /// For defence: not triggered when the beneficiary provoked the attack.
    pub unless_provoked: bool,
}

/// Obligation, prohibition or permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// The bound party must do the action.
    Obligation,
    /// The bound party must not do the action.
    Prohibition,
    /// The bound party may do the action ("may consider"): no constraint, context only.
    Permission,
}

/// What a clause is about: the rows of DESIGN's constraint table, and user-defined actions.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Coordinate, or hold the same or similar positions.
    Align,
    /// Consult the beneficiary.
    Consult,
    /// Assist the beneficiary if it is attacked.
    Defend,
    /// Assist the beneficiary even when it attacks.
    Offense,
    /// Do not aid the beneficiary's adversary.
    Neutrality,
    /// Do not fight against the beneficiary.
    NonAggression,
    /// Refrain from acts against the beneficiary's interests.
    NoHarm,
    /// Respect the territorial integrity of the beneficiary.
    RespectIntegrity,
    /// Join no bloc directed against the beneficiary.
    NoHostileAlliance,
    /// A user-defined action, declared in the scenario with its incompatibilities.
    Custom(ActionName),
}

impl Action {
    /// Every built-in action, with the name a scenario file gives it.
    pub const BUILT_IN: [(&'static str, Action); 9] = [
        ("align", Action::Align),
        ("consult", Action::Consult),
        ("defend", Action::Defend),
        ("offense", Action::Offense),
        ("neutrality", Action::Neutrality),
        ("non_aggression", Action::NonAggression),
        ("no_harm", Action::NoHarm),
        ("respect_integrity", Action::RespectIntegrity),
        ("no_hostile_alliance", Action::NoHostileAlliance),
    ];

    /// The built-in action of this name.
    pub fn built_in(name: &str) -> Option<Action> {
        Self::BUILT_IN
            .iter()
            .find(|(it, _)| *it == name)
            .map(|(_, action)| action.clone())
    }

    /// The name a scenario file gives this action.
    pub fn name(&self) -> &str {
        match self {
            Action::Custom(name) => name.as_str(),
            built_in => Self::BUILT_IN
                .iter()
                .find(|(_, it)| it == built_in)
                .map_or("custom", |(name, _)| name),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The issue domains a clause covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every domain.
    All,
    /// These domains only (never empty).
    Only(Domains),
}

impl Scope {
    /// Whether the scope covers `domain`.
    pub fn covers(&self, domain: Domain) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(domains) => domains.contains(domain),
        }
    }
}

/// A set of domains, held as one bit each: a world-sized scenario scopes a million
/// alignment clauses, and a list of its own for each was 56 bytes a clause.
///
/// ```
/// use allegiance::{Domain, Domains};
///
/// let domains: Domains = [Domain::Economy, Domain::Security, Domain::Economy].into_iter().collect();
/// assert!(domains.contains(Domain::Security));
/// assert!(!domains.contains(Domain::Culture));
/// // Once each, in the order of `Domain::ALL`.
/// assert_eq!(domains.iter().collect::<Vec<_>>(), [Domain::Security, Domain::Economy]);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Domains(u8);

impl Domains {
    /// Whether `domain` is in the set.
    pub fn contains(self, domain: Domain) -> bool {
        self.0 & Domains::bit(domain) != 0
    }

    /// The domains in the set, in the order of [`Domain::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Domain> {
        Domain::ALL
            .into_iter()
            .map(|(_, it)| it)
            .filter(move |it| self.contains(*it))
    }

    /// How many domains the set holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set holds no domain.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn bit(domain: Domain) -> u8 {
        1 << (domain as u8)
    }
}

impl FromIterator<Domain> for Domains {
    fn from_iter<I: IntoIterator<Item = Domain>>(domains: I) -> Self {
        Domains(
            domains
                .into_iter()
                .fold(0, |bits, it| bits | Domains::bit(it)),
        )
    }
}

impl fmt::Debug for Domains {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// As a list of the domains, in the order of [`Domain::ALL`].
impl Serialize for Domains {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl Norm {
    /// Its reading as an alignment obligation whose scope covers `domain`; `None` when it is
    /// no alignment obligation there.
    pub(crate) fn alignment(&self, domain: Domain) -> Option<Reading> {
        (self.action == Action::Align
            && self.modality == Modality::Obligation
            && self.scope.covers(domain))
        .then_some(self.reading)
    }
}

/// The domain of an issue, and what a clause's scope is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// Foreign policy: positions on international questions, votes, recognitions.
    ForeignPolicy,
    /// Security: wars, military assistance, alliances.
    Security,
    /// Economy: trade, energy, sanctions.
    Economy,
    /// Culture: heritage, language, minorities.
    Culture,
}

impl Domain {
    /// Every domain, with the name a scenario file gives it.
    pub const ALL: [(&'static str, Domain); 4] = [
        ("foreign_policy", Domain::ForeignPolicy),
        ("security", Domain::Security),
        ("economy", Domain::Economy),
        ("culture", Domain::Culture),
    ];

    /// The name a scenario file gives this domain.
    pub fn name(self) -> &'static str {
        match self {
            Domain::ForeignPolicy => "foreign_policy",
            Domain::Security => "security",
            Domain::Economy => "economy",
            Domain::Culture => "culture",
        }
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// How an alignment clause is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// The same position ("coordinate" read as "hold the same").
    Strict,
    /// A similar position: only opposite positions clash.
    Loose,
}

/// A user-defined action and the actions it cannot be reconciled with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CustomAction {
    /// Its name, used as a clause's `action`.
    pub name: ActionName,
    /// What it means, in a sentence.
    pub description: String,
    /// The actions (built-in or user-defined) that an obligation to do this action contradicts.
    pub incompatible_with: Vec<Action>,
}
