//! The clash points of a date, at the level of facts: every place where the constraints of an
//! issue cannot all be kept, as the solver meets it, with no witness shrunk, explained or
//! judged.
//!
//! [`crate::check_on`] turns clash points into findings: it shrinks each to a minimal
//! witness, tells who is caught and how (conflict, violation, tension), reads the clauses
//! leniently, and says which obligation prevails. That costs time and memory per finding,
//! which on a world-sized scenario, where a giant alignment component holding every stance
//! catches thousands of parties on every issue, is most of the cost. [`clashes_on`] stops
//! before: it is the fast triage of a world, and the layer the report is drawn from.
//!
//! A clash point is one of
//!
//! * two definite values met in one strict-alignment component, or on one party's side in a
//!   war ([`ClashKind::TwoValues`]): one point per component (or party) and pair of values;
//! * a definite value met by an exclusion ([`ClashKind::Barred`]): one point per exclusion,
//!   for instance per no-harm clause, bound party and beneficiary's declared stance;
//! * a non-opposition joining opposite values ([`ClashKind::Opposed`]): one point per
//!   non-opposition (loose alignment, non-aggression).
//!
//! Each point lists its steps in chain order: the fact that gives the first value, the
//! constraint where it breaks, and the fact that gives the other value. Strict alignment is
//! already merged into components, so a step names every party it was stated on, not the
//! path between them.
//!
//! ```
//! use allegiance::clash::{ClashKind, clashes_on};
//!
//! let scenario = allegiance::load::from_path("examples/data/caucasus-2022.toml")?;
//! let clashes = clashes_on(&scenario, "2022-02-24".parse()?);
//! // Azerbaijan, bound to coordinate with Turkey (which rejects the invasion) and to
//! // refrain from acts against Russia (which began it).
//! let barred = clashes
//!     .points
//!     .iter()
//!     .find(|it| it.kind() == ClashKind::Barred)
//!     .expect("Moscow point 7 bars the stance Shusha carries from Turkey");
//! assert_eq!(barred.issue().as_str(), "russian-invasion-of-ukraine");
//! // The point holds numbers; its steps are told in ids when asked for.
//! let bar = barred.step(1).expect("a fact, then the duty that bars it");
//! assert_eq!(bar.bound.map(|it| it.as_str()), Some("AZE"));
//! assert_eq!(bar.from.map(|it| it.as_str()), Some("RUS"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod change;
mod hypothesis;
mod point;
mod track;

use std::fmt;

use serde::Serialize;

use crate::engine::constraint::{Item, Rule, Val, Var};
use crate::engine::issue;
use crate::engine::snapshot::Snapshot;
use crate::engine::threads;
use crate::escape::Visible;
use crate::finding::Relation;
pub use change::IssueChange;
pub use hypothesis::Hypothesis;
pub use point::ClashPoint;
use point::{Behind, Names, RawStep};
pub use track::ClashTracker;

use crate::model::{
    ClauseLabel, Date, EventId, InstrumentId, Issue, IssueId, PartyId, Scenario, Stance,
};

/// Every clash point of a scenario on one date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Clashes<'a> {
    /// The date checked.
    pub date: Date,
    /// The clash points, issue by issue in id order, each issue's in the solver's
    /// deterministic order.
    pub points: Vec<ClashPoint<'a>>,
}

/// What clashes at a clash point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClashKind {
    /// Two different definite values in one strict-alignment component, or on one party's
    /// side in a war.
    TwoValues,
    /// A definite value met by an exclusion.
    Barred,
    /// A non-opposition between opposite definite values.
    Opposed,
}

/// One constraint of a clash point.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Step<'a> {
    /// What it requires.
    pub requires: Requirement,
    /// The parties whose stance or side it names (a non-opposition names two; a fact, one).
    pub parties: StepParties<'a>,
    /// The relation a clause imposes; `None` for a fact (a position, an event, the side a
    /// belligerent is on).
    pub relation: Option<Relation>,
    /// The clause behind it, as (instrument, label).
    pub clause: Option<(&'a InstrumentId, &'a ClauseLabel)>,
    /// The party the clause binds here.
    pub bound: Option<&'a PartyId>,
    /// The party the requirement comes from: the clause's beneficiary, or whose declared
    /// stance binds.
    pub from: Option<&'a PartyId>,
    /// The fact behind it, for a fact: a declared position or an event.
    pub fact: Option<Fact<'a>>,
}

/// The one or two parties a step names, kept inline: a world-sized scenario has millions of
/// steps, and a list of its own for each was most of what telling them allocated.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StepParties<'a> {
    at: [Option<&'a PartyId>; 2],
}

impl<'a> StepParties<'a> {
    /// From the parties in order; a step names at most two, so a third is not kept, nor a
    /// party that repeats the one before it.
    fn of(parties: impl IntoIterator<Item = &'a PartyId>) -> Self {
        StepParties {
            at: first_two(parties),
        }
    }

    /// The parties, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a PartyId> + '_ {
        self.at.iter().map_while(|it| *it)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.first().is_none()
    }

    /// The party at `at`, in order.
    pub fn get(&self, at: usize) -> Option<&'a PartyId> {
        self.at.get(at).copied().flatten()
    }

    /// The first party.
    pub fn first(&self) -> Option<&'a PartyId> {
        self.get(0)
    }

    /// Whether `party` is among them.
    pub fn contains(&self, party: &PartyId) -> bool {
        self.iter().any(|it| it == party)
    }
}

impl fmt::Debug for StepParties<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for StepParties<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The first two items in order, an item repeating the one before it counted once: the
/// one or two parties a step names, as ids or as nodes.
fn first_two<T: Copy + PartialEq>(items: impl IntoIterator<Item = T>) -> [Option<T>; 2] {
    let mut kept = [None; 2];
    let mut len = 0;
    for item in items {
        if len > 0 && kept.get(len - 1) == Some(&Some(item)) {
            continue;
        }
        if let Some(slot) = kept.get_mut(len) {
            *slot = Some(item);
            len += 1;
        }
    }
    kept
}

/// A fact a clash point rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact<'a> {
    /// A position declared by a party on the issue, from a date.
    Position {
        /// Who declared it.
        party: &'a PartyId,
        /// The day it was declared, when known.
        since: Option<Date>,
    },
    /// An event (an armed attack).
    Event(&'a EventId),
}

/// What a step requires of a stance or of a side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// It holds this value.
    Holds(Value),
    /// It does not hold this value.
    Excludes(Value),
    /// Two stances are the same (strict alignment).
    Same,
    /// Two stances, or two sides, are not opposite.
    NotOpposite,
}

/// A value of a stance on an issue, or of a side in a war.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// A stance.
    Stance(Stance),
    /// A side in a war.
    Side(Side),
}

/// A side in a war.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Fighting on the attacker's side.
    Attacker,
    /// Out of the war.
    Out,
    /// Fighting on the victim's side.
    Victim,
}

/// Every clash point of `scenario` on `date`, issue by issue.
///
/// The same constraints as [`crate::check_on`], met the same way; what differs is that
/// nothing is shrunk, classified or explained, so the cost is that of lowering the clauses
/// and the size of the output.
///
/// # Complexity
///
/// `O(n log n)` to build the date's view (as [`crate::check_on`]), then per issue
/// `O((d + t) log n)` for its `d` declared stances and war principals and the `t` clauses
/// toward them, plus the clash points.
pub fn clashes_on(scenario: &Scenario, date: Date) -> Clashes<'_> {
    let snapshot = Snapshot::new(scenario, date);
    let mut points = Vec::new();
    let mut scratch = issue::Scratch::default();
    for it in issues_by_id(scenario) {
        issue::points(&snapshot, it, &mut scratch, &mut |steps| {
            points.extend(point(&snapshot, &it.id, steps));
        });
    }
    Clashes { date, points }
}

/// As [`clashes_on`], on `threads` threads: the date's view is built once (its domains'
/// graphs shared out among the threads), and the issues are shared out as each thread
/// finishes its last one. The points are the same,
/// in the same order, whatever the number of threads (one runs as [`clashes_on`] does).
///
/// ```
/// use allegiance::clash::{clashes_on, clashes_on_threads};
///
/// let scenario = allegiance::load::from_path("examples/data/caucasus-2022.toml")?;
/// let date = "2022-03-02".parse()?;
/// assert_eq!(clashes_on_threads(&scenario, date, 2), clashes_on(&scenario, date));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Complexity
///
/// That of [`clashes_on`], the issues' part divided among the threads.
pub fn clashes_on_threads(scenario: &Scenario, date: Date, threads: usize) -> Clashes<'_> {
    // One thread fills one list: the issues' lists put end to end would hold every point
    // twice at the end.
    if threads <= 1 {
        return clashes_on(scenario, date);
    }
    let snapshot = Snapshot::on_threads(scenario, date, threads);
    let issues = issues_by_id(scenario);
    let mut points = Vec::new();
    // A block of issues at a time, each block's lists put end to end before the next is
    // begun: all the issues' lists at once would hold every point twice at the end.
    for block in issues.chunks(ISSUES_PER_BLOCK) {
        // A few issues to a job, on lists each thread keeps: a job and a list for every
        // issue kept the threads allocating more than checking.
        let jobs: Vec<&[&Issue]> = block.chunks(ISSUES_PER_JOB).collect();
        let per_job = threads::map_with(&jobs, threads, issue::Scratch::default, |scratch, job| {
            let mut points = Vec::new();
            for it in *job {
                issue::points(&snapshot, it, scratch, &mut |steps| {
                    points.extend(point(&snapshot, &it.id, steps));
                });
            }
            points
        });
        for mut more in per_job {
            points.append(&mut more);
        }
    }
    Clashes { date, points }
}

/// How many issues [`clashes_on_threads`] shares out at a time: enough that the threads
/// seldom wait for each other at a block's end (an issue of a world takes a fraction of a
/// millisecond), few enough that a block's lists are a small part of the points.
const ISSUES_PER_BLOCK: usize = 256;

/// How many issues of a block a thread takes at a time.
const ISSUES_PER_JOB: usize = 8;

/// The scenario's issues in id order: the order clash points are given in.
fn issues_by_id(scenario: &Scenario) -> Vec<&Issue> {
    let mut issues: Vec<&Issue> = scenario.issues().iter().collect();
    issues.sort_by(|a, b| a.id.cmp(&b.id));
    issues
}

/// A raw clash point as numbers (see [`ClashPoint`]); `None` for an empty one (never made).
fn point<'a>(
    snapshot: &Snapshot<'a>,
    issue: &'a IssueId,
    steps: &[&issue::Local],
) -> Option<ClashPoint<'a>> {
    // Where it breaks decides the kind: the last step of two values, the middle one of the
    // others.
    let kind = if steps
        .iter()
        .any(|it| matches!(it.constraint.rule, Rule::NotOpposite(..)))
    {
        ClashKind::Opposed
    } else if steps
        .iter()
        .any(|it| matches!(it.constraint.rule, Rule::Exclude(..)))
    {
        ClashKind::Barred
    } else {
        ClashKind::TwoValues
    };
    let steps: point::Steps = steps.iter().map(|it| raw_step(it)).collect();
    let names = Names {
        scenario: snapshot.scenario,
        hypothesis: snapshot.hypothesis,
    };
    (!steps.is_empty()).then(|| ClashPoint::new(issue, names, kind, steps))
}

/// A lowered constraint as a point's step: numbers, told in ids only when asked for.
fn raw_step(local: &issue::Local) -> RawStep {
    let constraint = &local.constraint;
    let requires = match constraint.rule {
        Rule::Fix(var, val) => Requirement::Holds(value(var, val)),
        Rule::Exclude(var, val) => Requirement::Excludes(value(var, val)),
        Rule::Same(..) => Requirement::Same,
        Rule::NotOpposite(..) => Requirement::NotOpposite,
    };
    // A step rests on its clause; one without, on its first position or event.
    let behind = match constraint.tell.clause {
        Some(rank) => Some((rank, Behind::Clause)),
        None => constraint.items.iter().find_map(|item| match *item {
            Item::Position(rank) => Some((rank, Behind::Position)),
            Item::Event(rank) => Some((rank, Behind::Event)),
            Item::Clause(..) => None,
        }),
    };
    RawStep {
        parties: RawStep::parties_of(local.stances.iter().copied()),
        bound: RawStep::number(constraint.tell.bound),
        from: RawStep::number(constraint.tell.from),
        behind: RawStep::number(behind.map(|it| it.0)),
        behind_is: behind.map_or(Behind::Nothing, |it| it.1),
        requires: RawStep::code(requires),
        relation: constraint.tell.relation,
    }
}

fn value(var: Var, val: Val) -> Value {
    match var {
        Var::Stance(_) => Value::Stance(val.stance()),
        Var::Fight(_) => Value::Side(match val {
            Val::Plus => Side::Attacker,
            Val::Zero => Side::Out,
            Val::Minus => Side::Victim,
        }),
    }
}

/// One line per clash point and one per step, ids escaped as in every text rendering:
///
/// ```text
/// 2 clash point(s) on 2022-02-24
/// 1. russian-invasion-of-ukraine: barred
///    TUR holds stance oppose (position of TUR since 2022-02-24)
///    AZE excludes stance oppose: no_harm toward RUS (moscow-2022, point 7; binds AZE)
/// ```
impl fmt::Display for Clashes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} clash point(s) on {}", self.points.len(), self.date)?;
        for (at, point) in self.points.iter().enumerate() {
            let kind = match point.kind() {
                ClashKind::TwoValues => "two values",
                ClashKind::Barred => "barred",
                ClashKind::Opposed => "opposed",
            };
            writeln!(f, "{}. {}: {kind}", at + 1, Visible(point.issue().as_str()))?;
            for step in point.steps() {
                writeln!(f, "   {step}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Step<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parties: Vec<String> = self
            .parties
            .iter()
            .map(|it| Visible(it.as_str()).to_string())
            .collect();
        write!(f, "{}", parties.join(" and "))?;
        match self.requires {
            Requirement::Holds(value) => write!(f, " holds {value}")?,
            Requirement::Excludes(value) => write!(f, " excludes {value}")?,
            Requirement::Same => f.write_str(" same stance")?,
            Requirement::NotOpposite => f.write_str(" not opposite")?,
        }
        if let Some(relation) = self.relation {
            write!(f, ": {}", relation_name(relation))?;
            if let Some(from) = self.from {
                write!(f, " toward {}", Visible(from.as_str()))?;
            }
        }
        if let Some((instrument, label)) = self.clause {
            write!(
                f,
                " ({}, {}",
                Visible(instrument.as_str()),
                Visible(label.as_str())
            )?;
            if let Some(bound) = self.bound {
                write!(f, "; binds {}", Visible(bound.as_str()))?;
            }
            f.write_str(")")?;
        }
        match self.fact {
            Some(Fact::Position { party, since }) => {
                write!(f, " (position of {}", Visible(party.as_str()))?;
                if let Some(since) = since {
                    write!(f, " since {since}")?;
                }
                f.write_str(")")?;
            }
            Some(Fact::Event(event)) => write!(f, " (event {})", Visible(event.as_str()))?,
            None => {}
        }
        Ok(())
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Stance(stance) => write!(f, "stance {}", stance.name()),
            Value::Side(Side::Attacker) => f.write_str("the attacker's side"),
            Value::Side(Side::Out) => f.write_str("out of the war"),
            Value::Side(Side::Victim) => f.write_str("the victim's side"),
        }
    }
}

/// A relation's name as the JSON spells it.
fn relation_name(relation: Relation) -> &'static str {
    match relation {
        Relation::Same => "same",
        Relation::NotOpposite => "not_opposite",
        Relation::NoHarm => "no_harm",
        Relation::FightFor => "fight_for",
        Relation::NotFightFor => "not_fight_for",
        Relation::NotFightAgainst => "not_fight_against",
        Relation::Allied => "allied",
        Relation::Adversaries => "adversaries",
        Relation::Recognised => "recognised",
        Relation::HostileAlliance => "hostile_alliance",
        Relation::Incompatible => "incompatible",
    }
}

#[cfg(test)]
mod tests {
    use super::{ClashKind, Requirement, Side, StepParties, Value, clashes_on};
    use crate::model::PartyId;
    use crate::test_util::{DAY, attack, pact, position, scenario};

    #[test]
    fn a_step_keeps_two_parties_in_order_once_each() {
        // A non-opposition is stated on two parties; a fact on one. A party named twice in a
        // row is one (a constraint between a party and itself), and a step never names a
        // third, so one is not kept.
        let ids: Vec<PartyId> = ["B", "A", "C"]
            .iter()
            .map(|it| it.parse().unwrap_or_else(|e| panic!("{e}")))
            .collect();
        let names = |parties: StepParties<'_>| -> Vec<String> {
            parties.iter().map(ToString::to_string).collect()
        };
        let two = StepParties::of(ids.iter());
        assert_eq!(names(two), ["B", "A"]);
        assert_eq!(
            (two.len(), two.first(), two.get(1)),
            (2, ids.first(), ids.get(1))
        );
        assert!(two.contains(&ids[1]) && !two.contains(&ids[2]));
        let once = StepParties::of([&ids[0], &ids[0]]);
        assert_eq!(names(once), ["B"]);
        let none = StepParties::of([]);
        assert!(none.is_empty() && none.first().is_none());
        assert_eq!(none.len(), 0);
        assert_eq!(format!("{two:?}"), format!("{:?}", [&ids[0], &ids[1]]));
        assert_eq!(
            serde_json::to_string(&two).unwrap_or_default(),
            r#"["B","A"]"#
        );
    }

    #[test]
    fn issues_shared_out_in_blocks_give_the_points_of_one_thread_in_id_order() {
        // A and B strictly aligned; on each of 300 issues (more than a block of
        // `clashes_on_threads`) A supports and B opposes: their component holds two values,
        // one clash point per issue. On two threads the points are those of one, issue by
        // issue in id order, across the blocks' seams.
        let mut entries = pact(
            "p",
            "binding",
            &["A", "B"],
            &[("art. 1", "action = \"align\"\nreading = \"strict\"")],
        );
        for n in 0..300 {
            entries.push_str(&format!(
                "\n[[issues]]\nid = \"i{n:03}\"\ntitle = \"Issue {n}\"\ndomain = \"foreign_policy\"\n"
            ));
            entries.push_str(&position("A", &format!("i{n:03}"), "support"));
            entries.push_str(&position("B", &format!("i{n:03}"), "oppose"));
        }
        let scenario = scenario(&entries);
        let day = DAY.parse().unwrap_or_else(|e| panic!("{e}"));
        let one = clashes_on(&scenario, day);
        let issues: Vec<&str> = one.points.iter().map(|it| it.issue().as_str()).collect();
        let expected: Vec<String> = (0..300).map(|n| format!("i{n:03}")).collect();
        assert_eq!(issues, expected);
        assert!(
            one.points
                .iter()
                .all(|it| it.kind() == ClashKind::TwoValues)
        );
        assert_eq!(super::clashes_on_threads(&scenario, day, 2), one);
    }

    #[test]
    fn a_party_caught_between_two_sides_is_one_clash_point() {
        // A and B are strictly aligned and bound to defend each other; B attacks A. B's side
        // is the attacker's (its own attack) and the victim's (its duty to defend A): one
        // clash point. Their component holds support (B's, the attacker's) and opposition
        // (A's, the victim's): another. Nothing else: A has only its own side. B is not the
        // component's first party, which once made B's two sides count a second time as
        // stances of a component of B's own.
        let scenario = scenario(&format!(
            "{}{}",
            pact(
                "p",
                "binding",
                &["A", "B"],
                &[
                    ("art. 1", "action = \"align\"\nreading = \"strict\""),
                    ("art. 2", "action = \"defend\""),
                ],
            ),
            attack("B", "A", ""),
        ));
        let day = DAY.parse().unwrap_or_else(|e| panic!("{e}"));
        let points = clashes_on(&scenario, day).points;
        let sides: Vec<Vec<Requirement>> = points
            .iter()
            .map(|it| it.steps().map(|step| step.requires).collect())
            .collect();
        let side = |it| Requirement::Holds(Value::Side(it));
        assert_eq!(points.len(), 2, "{points:#?}");
        assert!(points.iter().all(|it| it.kind() == ClashKind::TwoValues));
        assert_eq!(sides[0], [side(Side::Attacker), side(Side::Victim)]);
        let bound = points[0].step(1).and_then(|it| it.bound);
        assert_eq!(bound.map(|it| it.as_str()), Some("B"));
        assert!(matches!(sides[1][0], Requirement::Holds(Value::Stance(_))));
    }
}
