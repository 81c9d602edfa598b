//! A clash point as the engine keeps it, numbers into the scenario's orders, and told in ids
//! on demand.
//!
//! A world-sized scenario has millions of clash points. Held in ids, with a list of steps
//! each, a point took 256 bytes and an allocation, and telling it read the instruments its
//! clauses belong to, scattered over the heap: most of the points' share of a check. Held as
//! numbers, a point is a block of 88 bytes with its steps inline (two: a fact and what bars
//! or meets it, as nearly every point of a world has; a longer chain spills), made without
//! reading anything but the constraints; its ids are looked up only when they are asked for.

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeStruct;
use smallvec::SmallVec;

use super::{ClashKind, Fact, Hypothesis, Requirement, Side, Step, StepParties, Value, first_two};
use crate::engine::constraint::Val;
use crate::finding::Relation;
use crate::model::{ClauseLabel, Event, InstrumentId, IssueId, PartyId, Position};
use crate::model::{Scenario, Stance};

/// No number: the absent party, clause or fact of a step.
const NONE: u32 = u32::MAX;

/// One place where an issue's constraints cannot all be kept.
///
/// Its steps are told on demand ([`ClashPoint::steps`]), each with the ids of its parties,
/// clause and fact: the point itself holds numbers, so that millions of them are cheap to
/// make and to keep. Points are compared, and hashed by the engine, by those numbers: two
/// points of one scenario are equal exactly when their issue, kind and steps are.
#[derive(Clone)]
pub struct ClashPoint<'a> {
    issue: &'a IssueId,
    names: Names<'a>,
    kind: ClashKind,
    steps: Steps,
}

/// A point's steps: two inline.
pub(crate) type Steps = SmallVec<[RawStep; 2]>;

/// Where a point's numbers are told: the scenario, and the hypothesis whose clauses rank
/// after the scenario's (see `Snapshot::add`), during a what-if.
#[derive(Clone, Copy)]
pub(crate) struct Names<'a> {
    pub scenario: &'a Scenario,
    pub hypothesis: Option<&'a Hypothesis>,
}

/// A step as numbers: party nodes, and the rank of the clause, position or event it rests
/// on, each [`NONE`] when absent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct RawStep {
    pub parties: [u32; 2],
    pub bound: u32,
    pub from: u32,
    /// The clause's rank for a step with a clause; otherwise its fact's, a position's or an
    /// event's.
    pub behind: u32,
    pub behind_is: Behind,
    /// [`Requirement`] in one byte (see [`RawStep::code`]).
    pub requires: u8,
    pub relation: Option<Relation>,
}

/// What a step's `behind` numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Behind {
    Nothing,
    Clause,
    Position,
    Event,
}

impl RawStep {
    /// The parties from the nodes a constraint was stated on, in order: at most two kept,
    /// a node repeating the one before it once (as [`StepParties`] keeps ids).
    pub(crate) fn parties_of(nodes: impl IntoIterator<Item = u32>) -> [u32; 2] {
        first_two(nodes).map(|it| it.unwrap_or(NONE))
    }

    /// `NONE` for `None`.
    pub(crate) fn number(it: Option<u32>) -> u32 {
        it.unwrap_or(NONE)
    }

    /// A requirement in one byte: which requirement times six, plus the value's place
    /// among the three stances, then the three sides.
    pub(crate) fn code(requires: Requirement) -> u8 {
        let value = |value: Value| match value {
            Value::Stance(Stance::Support) => 0,
            Value::Stance(Stance::Neutral) => 1,
            Value::Stance(Stance::Oppose) => 2,
            Value::Side(Side::Attacker) => 3,
            Value::Side(Side::Out) => 4,
            Value::Side(Side::Victim) => 5,
        };
        match requires {
            Requirement::Holds(it) => value(it),
            Requirement::Excludes(it) => 6 + value(it),
            Requirement::Same => 12,
            Requirement::NotOpposite => 13,
        }
    }

    /// The requirement of [`RawStep::code`].
    fn requirement(code: u8) -> Requirement {
        let value = match code % 6 {
            0 => Value::Stance(Stance::Support),
            1 => Value::Stance(Stance::Neutral),
            2 => Value::Stance(Stance::Oppose),
            3 => Value::Side(Side::Attacker),
            4 => Value::Side(Side::Out),
            _ => Value::Side(Side::Victim),
        };
        match code {
            0..6 => Requirement::Holds(value),
            6..12 => Requirement::Excludes(value),
            12 => Requirement::Same,
            _ => Requirement::NotOpposite,
        }
    }
}

impl<'a> ClashPoint<'a> {
    /// A point from its numbered steps.
    pub(crate) fn new(issue: &'a IssueId, names: Names<'a>, kind: ClashKind, steps: Steps) -> Self {
        ClashPoint {
            issue,
            names,
            kind,
            steps,
        }
    }

    /// The issue.
    pub fn issue(&self) -> &'a IssueId {
        self.issue
    }

    /// What clashes.
    pub fn kind(&self) -> ClashKind {
        self.kind
    }

    /// The constraints of the clash, in chain order, told in ids: a fact, what carries or
    /// bars its value, and (for two values, or a non-opposition) the fact on the other side.
    pub fn steps(&self) -> impl ExactSizeIterator<Item = Step<'a>> + DoubleEndedIterator + '_ {
        self.steps.iter().map(|it| self.names.tell(it))
    }

    /// The step at `at` in chain order, told in ids.
    pub fn step(&self, at: usize) -> Option<Step<'a>> {
        self.steps.get(at).map(|it| self.names.tell(it))
    }

    /// The point as text that does not depend on which end of its chain the solver met
    /// first: a chain and its reverse are one clash point. Two points are the same exactly
    /// when their texts are equal.
    pub fn canonical(&self) -> String {
        let forward = format!("{:?}", Told(self));
        let mut reversed: Vec<Step<'_>> = self.steps().collect();
        reversed.reverse();
        let backward = format!("{reversed:?}");
        format!("{} {:?} {}", self.issue, self.kind, forward.min(backward))
    }

    /// The numbered steps, in chain order.
    pub(crate) fn raw(&self) -> &[RawStep] {
        &self.steps
    }

    /// The stance its first exclusion of a stance bars: for a barred point on an issue
    /// without a war, the value the clash is about.
    pub(crate) fn barred_stance(&self) -> Option<Val> {
        self.steps
            .iter()
            .find_map(|it| match RawStep::requirement(it.requires) {
                Requirement::Excludes(Value::Stance(stance)) => Some(Val::of_stance(stance)),
                _ => None,
            })
    }

    /// Whether its second step, the exclusion of a barred point, rests on the clause of
    /// rank `clause` binding the party of node `bound`.
    pub(crate) fn excludes_by(&self, clause: u32, bound: u32) -> bool {
        self.steps.get(1).is_some_and(|it| {
            it.behind_is == Behind::Clause && it.behind == clause && it.bound == bound
        })
    }

    /// The same point with its step at `at` in chain order replaced by `step`; `None` when
    /// it has no such step.
    pub(crate) fn with_step(&self, at: usize, step: RawStep) -> Option<Self> {
        let mut point = self.clone();
        *point.steps.get_mut(at)? = step;
        Some(point)
    }
}

impl PartialEq for ClashPoint<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.steps == other.steps
            && (std::ptr::eq(self.issue, other.issue) || self.issue == other.issue)
    }
}

impl Eq for ClashPoint<'_> {}

/// The steps of a point, told, as a list.
struct Told<'p, 'a>(&'p ClashPoint<'a>);

impl fmt::Debug for Told<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.steps()).finish()
    }
}

impl Serialize for Told<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.steps())
    }
}

impl fmt::Debug for ClashPoint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClashPoint")
            .field("issue", &self.issue)
            .field("kind", &self.kind)
            .field("steps", &Told(self))
            .finish()
    }
}

impl Serialize for ClashPoint<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut point = serializer.serialize_struct("ClashPoint", 3)?;
        point.serialize_field("issue", self.issue)?;
        point.serialize_field("kind", &self.kind)?;
        point.serialize_field("steps", &Told(self))?;
        point.end()
    }
}

impl<'a> Names<'a> {
    /// A step in ids.
    fn tell(&self, raw: &RawStep) -> Step<'a> {
        let (clause, fact) = match raw.behind_is {
            Behind::Nothing => (None, None),
            Behind::Clause => (self.clause(raw.behind), None),
            Behind::Position => {
                let fact = self.position(raw.behind).map(|it| Fact::Position {
                    party: &it.party,
                    since: it.during.start,
                });
                (None, fact)
            }
            Behind::Event => (None, self.event(raw.behind).map(|it| Fact::Event(&it.id))),
        };
        Step {
            requires: RawStep::requirement(raw.requires),
            parties: StepParties::of(raw.parties.iter().filter_map(|it| self.party(*it))),
            relation: raw.relation,
            clause,
            bound: self.party(raw.bound),
            from: self.party(raw.from),
            fact,
        }
    }

    /// The party of node `node`: its rank in id order.
    fn party(&self, node: u32) -> Option<&'a PartyId> {
        let orders = &self.scenario.index.orders;
        let at = *orders.parties.get(node as usize)?;
        Some(&self.scenario.parties.get(at as usize)?.id)
    }

    /// The clause of rank `rank`: the scenario's in (instrument id, label) order, then the
    /// hypothetical instruments' in their order.
    fn clause(&self, rank: u32) -> Option<(&'a InstrumentId, &'a ClauseLabel)> {
        let orders = &self.scenario.index.orders;
        let (instrument, clause) = match orders.clauses.get(rank as usize) {
            Some((at, c)) => {
                let instrument = self.scenario.instruments.get(*at as usize)?;
                (instrument, instrument.clauses.get(*c as usize)?)
            }
            None => {
                let at = (rank as usize).checked_sub(orders.clauses.len())?;
                (self.hypothesis?.instruments().iter())
                    .flat_map(|it| it.clauses.iter().map(move |clause| (it, clause)))
                    .nth(at)?
            }
        };
        Some((&instrument.id, &clause.label))
    }

    /// The position of rank `rank` (see `Orders::positions`).
    fn position(&self, rank: u32) -> Option<&'a Position> {
        let at = *self.scenario.index.orders.positions.get(rank as usize)?;
        self.scenario.positions.get(at as usize)
    }

    /// The event of rank `rank`, in id order.
    fn event(&self, rank: u32) -> Option<&'a Event> {
        let at = *self.scenario.index.orders.events.get(rank as usize)?;
        self.scenario.events.get(at as usize)
    }
}
