//! A brute-force oracle for the engine.
//!
//! Small abstract scenarios (2–4 states, 1–2 declared issues, at most one war, 1–3
//! instruments of 1–3 clauses) are generated, rendered to TOML through `allegiance::spec` and
//! `allegiance::save`, loaded, and checked with `allegiance::check_on`. The oracle below is
//! written from DESIGN.md ("Semantics: position constraints") alone: it turns every clause,
//! position and event into constraints on the stance (and, on a war issue, the belligerence) of
//! each party, and decides satisfiability by enumerating every assignment (at most 5⁴ = 625
//! per issue). The engine must agree with it: on which issues hold a contradiction, and on
//! what each finding's witness says; and its report must not depend on the order of the file
//! or on the spelling of party ids.
//!
//! The generator draws every action alike three times in four, and leans on alignment the
//! fourth; now and then it grafts a fork (a silent party loosely aligned with a supporter and an
//! opponent) so that tensions with a narrow way out are common enough to test. The attacker
//! and the victim declare, if at all, the stance their act fixes. 1000 cases per property;
//! `PROPTEST_CASES` overrides.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};

use allegiance::load::{from_file_form, from_toml_str};
use allegiance::save::to_toml_string;
use allegiance::spec::{
    ClauseFile, EventFile, InstrumentFile, IssueFile, PartyFile, PositionFile, ScenarioFile,
    SourceFile,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::FileFailurePersistence;

// ----- abstract scenarios -----

/// The two domains the generator uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Domain {
    ForeignPolicy,
    Security,
}

impl Domain {
    fn name(self) -> &'static str {
        match self {
            Domain::ForeignPolicy => "foreign_policy",
            Domain::Security => "security",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Align,
    Defend,
    Offense,
    Neutrality,
    NonAggression,
    NoHarm,
    Consult,
}

impl Action {
    fn name(self) -> &'static str {
        match self {
            Action::Align => "align",
            Action::Defend => "defend",
            Action::Offense => "offense",
            Action::Neutrality => "neutrality",
            Action::NonAggression => "non_aggression",
            Action::NoHarm => "no_harm",
            Action::Consult => "consult",
        }
    }

    /// Whether the loader takes `adversaries` for this action.
    fn takes_adversaries(self) -> bool {
        matches!(self, Action::Defend | Action::Offense | Action::Neutrality)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Modality {
    Obligation,
    Prohibition,
    Permission,
}

impl Modality {
    fn name(self) -> &'static str {
        match self {
            Modality::Obligation => "obligation",
            Modality::Prohibition => "prohibition",
            Modality::Permission => "permission",
        }
    }
}

/// A stance: support, neutral, oppose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum St {
    S,
    N,
    O,
}

impl St {
    fn name(self) -> &'static str {
        match self {
            St::S => "support",
            St::N => "neutral",
            St::O => "oppose",
        }
    }

    fn of(stance: allegiance::Stance) -> St {
        match stance {
            allegiance::Stance::Support => St::S,
            allegiance::Stance::Neutral => St::N,
            allegiance::Stance::Oppose => St::O,
        }
    }
}

/// A belligerence on a war issue: fights on the attacker's side, stays out, fights on the
/// victim's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bel {
    Att,
    Out,
    Vic,
}

#[derive(Clone, Debug)]
struct Clause {
    action: Action,
    modality: Modality,
    /// `align` only: strict (same) or loose (not opposite).
    strict: bool,
    /// `None`: every domain (written as no scope, or as `["all"]` when `all_word`).
    scope: Option<Vec<Domain>>,
    all_word: bool,
    /// Party numbers; `None` for every party of the instrument.
    bound: Option<Vec<usize>>,
    toward: Option<Vec<usize>>,
    discretion: bool,
    adversaries: Vec<usize>,
    unless_provoked: bool,
}

#[derive(Clone, Debug)]
struct Instrument {
    binding: bool,
    bilateral: bool,
    parties: Vec<usize>,
    clauses: Vec<Clause>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IssueRef {
    Declared(usize),
    War,
}

#[derive(Clone, Debug)]
struct War {
    attacker: usize,
    victim: usize,
    provoked: Option<bool>,
    /// The war issue's domain as the file gives it; security when absent.
    domain: Option<Domain>,
}

#[derive(Clone, Debug)]
struct Position {
    party: usize,
    issue: IssueRef,
    stance: St,
}

#[derive(Clone, Debug)]
struct Scenario {
    parties: usize,
    issues: Vec<Domain>,
    war: Option<War>,
    instruments: Vec<Instrument>,
    positions: Vec<Position>,
}

const WAR_EVENT: &str = "war";
const WAR_ISSUE: &str = "war-issue";
const DAY_ONE: &str = "2000-01-01";
const CHECKED_ON: &str = "2000-01-02";

fn party_id(prefix: &str, party: usize) -> String {
    format!("{prefix}{party}")
}

fn issue_id(issue: IssueRef) -> String {
    match issue {
        IssueRef::Declared(at) => format!("issue{at}"),
        IssueRef::War => WAR_ISSUE.to_owned(),
    }
}

fn instrument_id(at: usize) -> String {
    format!("I{at}")
}

fn clause_label(at: usize) -> String {
    format!("c{at}")
}

impl Scenario {
    fn issue_refs(&self) -> Vec<IssueRef> {
        let mut issues: Vec<IssueRef> = (0..self.issues.len()).map(IssueRef::Declared).collect();
        if self.war.is_some() {
            issues.push(IssueRef::War);
        }
        issues
    }

    fn domain(&self, issue: IssueRef) -> Domain {
        match issue {
            IssueRef::Declared(at) => self.issues[at],
            IssueRef::War => self
                .war
                .as_ref()
                .and_then(|war| war.domain)
                .unwrap_or(Domain::Security),
        }
    }

    fn issue_of(&self, id: &str) -> Option<IssueRef> {
        self.issue_refs().into_iter().find(|it| issue_id(*it) == id)
    }
}

// ----- the oracle: constraints and brute force -----

/// What a constraint depends on: a clause between two parties, a declared position, an
/// event.
///
/// A clause counts between a pair of parties: every instance binding one of them toward the
/// other. A witness is minimal in these, so a collective pact whose members fight each other
/// does not hide a third party's dilemma behind the attacker's own breach of the same article.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    /// (instrument, label, one party, the other), the two parties in id order
    Clause(String, String, String, String),
    /// (party, issue)
    Position(String, String),
    /// event id
    Event(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    StanceIs(usize, St),
    StanceNot(usize, St),
    BelIs(usize, Bel),
    BelNot(usize, Bel),
    /// strict alignment
    Same(usize, usize),
    /// loose alignment
    NotOpposite(usize, usize),
    /// non-aggression: neither fights against the other
    NotFight(usize, usize),
}

#[derive(Clone, Debug)]
struct Constraint {
    rule: Rule,
    items: Vec<Item>,
}

/// One assignment of every variable of an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct World {
    stance: [St; 4],
    bel: [Bel; 4],
}

fn opposite(a: St, b: St) -> bool {
    matches!((a, b), (St::S, St::O) | (St::O, St::S))
}

impl Rule {
    fn holds(self, world: &World) -> bool {
        match self {
            Rule::StanceIs(a, s) => world.stance[a] == s,
            Rule::StanceNot(a, s) => world.stance[a] != s,
            Rule::BelIs(a, b) => world.bel[a] == b,
            Rule::BelNot(a, b) => world.bel[a] != b,
            Rule::Same(a, b) => world.stance[a] == world.stance[b],
            Rule::NotOpposite(a, b) => !opposite(world.stance[a], world.stance[b]),
            Rule::NotFight(a, b) => !matches!(
                (world.bel[a], world.bel[b]),
                (Bel::Att, Bel::Vic) | (Bel::Vic, Bel::Att)
            ),
        }
    }
}

/// Every assignment of `parties` parties; on a war issue, with belligerence too, under the
/// axiom that fighting on the attacker's side means support and on the victim's oppose.
fn worlds(parties: usize, war: bool) -> Vec<World> {
    let values: Vec<(St, Bel)> = if war {
        vec![
            (St::S, Bel::Att),
            (St::S, Bel::Out),
            (St::N, Bel::Out),
            (St::O, Bel::Out),
            (St::O, Bel::Vic),
        ]
    } else {
        vec![(St::S, Bel::Out), (St::N, Bel::Out), (St::O, Bel::Out)]
    };
    let mut all = Vec::new();
    let total = values.len().pow(u32::try_from(parties).unwrap());
    for mut code in 0..total {
        let mut world = World {
            stance: [St::N; 4],
            bel: [Bel::Out; 4],
        };
        for party in 0..parties {
            let (stance, bel) = values[code % values.len()];
            code /= values.len();
            world.stance[party] = stance;
            world.bel[party] = bel;
        }
        all.push(world);
    }
    all
}

/// Whether the clause's scope covers the domain.
fn covers(clause: &Clause, domain: Domain) -> bool {
    clause.scope.as_ref().is_none_or(|it| it.contains(&domain))
}

/// Every constraint on `issue`, each with the items it depends on.
fn constraints(scenario: &Scenario, issue: IssueRef) -> Vec<Constraint> {
    let issue_name = issue_id(issue);
    let domain = scenario.domain(issue);
    let war = match issue {
        IssueRef::War => scenario.war.as_ref(),
        IssueRef::Declared(_) => None,
    };
    let event = || Item::Event(WAR_EVENT.to_owned());
    let position_item = |party: usize| Item::Position(party_id("P", party), issue_name.clone());
    let mut out = Vec::new();
    let mut push = |rule: Rule, items: Vec<Item>| out.push(Constraint { rule, items });

    // Facts.
    for position in scenario.positions.iter().filter(|it| it.issue == issue) {
        push(
            Rule::StanceIs(position.party, position.stance),
            vec![position_item(position.party)],
        );
    }
    if let Some(war) = war {
        push(Rule::StanceIs(war.attacker, St::S), vec![event()]);
        push(Rule::BelIs(war.attacker, Bel::Att), vec![event()]);
        push(Rule::StanceIs(war.victim, St::O), vec![event()]);
        push(Rule::BelIs(war.victim, Bel::Vic), vec![event()]);
    }

    // Clauses.
    for (k, instrument) in scenario.instruments.iter().enumerate() {
        for (j, clause) in instrument.clauses.iter().enumerate() {
            if !covers(clause, domain) {
                continue;
            }
            let bound = clause.bound.as_ref().unwrap_or(&instrument.parties);
            let toward = clause.toward.as_ref().unwrap_or(&instrument.parties);
            let against =
                |party: usize| clause.adversaries.is_empty() || clause.adversaries.contains(&party);
            for &a in bound {
                for &b in toward {
                    if a == b {
                        continue;
                    }
                    let item = clause_item(k, j, a, b);
                    let with_event = || vec![item.clone(), event()];
                    match (clause.action, clause.modality) {
                        (Action::Consult, _) | (_, Modality::Permission) => {}
                        (Action::Align, Modality::Obligation) => {
                            let rule = if clause.strict {
                                Rule::Same(a, b)
                            } else {
                                Rule::NotOpposite(a, b)
                            };
                            push(rule, vec![item.clone()]);
                        }
                        (Action::Align, Modality::Prohibition) => {}
                        (Action::Defend, Modality::Obligation) => {
                            if let Some(war) = war
                                && b == war.victim
                                && against(war.attacker)
                                && !(clause.unless_provoked && war.provoked == Some(true))
                            {
                                push(Rule::BelIs(a, Bel::Vic), with_event());
                            }
                        }
                        (Action::Offense, Modality::Obligation) => {
                            if let Some(war) = war
                                && b == war.attacker
                                && against(war.victim)
                            {
                                push(Rule::BelIs(a, Bel::Att), with_event());
                            }
                        }
                        (Action::Defend | Action::Offense, Modality::Prohibition) => {
                            // Must not fight on the beneficiary's side.
                            if let Some(war) = war {
                                if b == war.attacker && against(war.victim) {
                                    push(Rule::BelNot(a, Bel::Att), with_event());
                                }
                                if b == war.victim && against(war.attacker) {
                                    push(Rule::BelNot(a, Bel::Vic), with_event());
                                }
                            }
                        }
                        (Action::Neutrality, _) => {
                            // Must not fight on the side of the beneficiary's adversary.
                            if let Some(war) = war {
                                // The victim neutral toward its attacker may still defend
                                // itself (art. 51).
                                if b == war.attacker && against(war.victim) && a != war.victim {
                                    push(Rule::BelNot(a, Bel::Vic), with_event());
                                }
                                if b == war.victim && against(war.attacker) {
                                    push(Rule::BelNot(a, Bel::Att), with_event());
                                }
                            }
                        }
                        (Action::NonAggression, _) => {
                            // The victim's promise toward its attacker does not bind it in
                            // that war: self-defence (UN Charter art. 51).
                            if let Some(war) = war
                                && !(a == war.victim && b == war.attacker)
                            {
                                push(Rule::NotFight(a, b), vec![item.clone()]);
                            }
                        }
                        (Action::NoHarm, _) => {
                            // B's declared stances on the issue, each with what declares it.
                            let mut declared: Vec<(St, Item)> = scenario
                                .positions
                                .iter()
                                .filter(|it| it.issue == issue && it.party == b)
                                .map(|it| (it.stance, position_item(b)))
                                .collect();
                            if let Some(war) = war {
                                if b == war.attacker {
                                    declared.push((St::S, event()));
                                }
                                if b == war.victim {
                                    declared.push((St::O, event()));
                                }
                            }
                            for (stance, by) in declared {
                                let rule = match stance {
                                    St::S => Rule::StanceNot(a, St::O),
                                    St::O => Rule::StanceNot(a, St::S),
                                    St::N => continue,
                                };
                                push(rule, vec![item.clone(), by]);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// The oracle's view of one issue.
struct Oracle {
    constraints: Vec<Constraint>,
    worlds: Vec<World>,
}

impl Oracle {
    fn new(scenario: &Scenario, issue: IssueRef) -> Oracle {
        Oracle {
            constraints: constraints(scenario, issue),
            worlds: worlds(scenario.parties, issue == IssueRef::War),
        }
    }

    /// Every item any constraint depends on.
    fn items(&self) -> BTreeSet<Item> {
        self.constraints
            .iter()
            .flat_map(|it| it.items.iter().cloned())
            .collect()
    }

    /// The assignments that satisfy every constraint whose items all lie in `items`.
    fn solutions(&self, items: &BTreeSet<Item>) -> Vec<World> {
        let induced: Vec<Rule> = self
            .constraints
            .iter()
            .filter(|it| it.items.iter().all(|item| items.contains(item)))
            .map(|it| it.rule)
            .collect();
        self.worlds
            .iter()
            .filter(|world| induced.iter().all(|rule| rule.holds(world)))
            .copied()
            .collect()
    }

    fn satisfiable(&self, items: &BTreeSet<Item>) -> bool {
        !self.solutions(items).is_empty()
    }

    /// Whether everything together is satisfiable.
    fn consistent(&self) -> bool {
        self.satisfiable(&self.items())
    }

    /// Whether `items` is unsatisfiable and every item of it needed: `Ok` or why not.
    fn minimal_unsat(&self, items: &BTreeSet<Item>) -> Result<(), String> {
        if self.satisfiable(items) {
            return Err("the witness is satisfiable".to_owned());
        }
        for item in items {
            let mut fewer = items.clone();
            fewer.remove(item);
            if !self.satisfiable(&fewer) {
                return Err(format!(
                    "the witness is not minimal: without {item:?} it is still unsatisfiable"
                ));
            }
        }
        Ok(())
    }
}

// ----- rendering to a file -----

fn source() -> SourceFile {
    SourceFile {
        citation: "Invented for the oracle".to_owned(),
        url: None,
        assumption: None,
    }
}

/// The scenario's file form, party `i` named `{prefix}{i}`.
fn file_form(scenario: &Scenario, prefix: &str) -> ScenarioFile {
    let party = |at: usize| party_id(prefix, at);
    let parties = |list: &[usize]| list.iter().map(|it| party(*it)).collect::<Vec<_>>();
    let instruments = scenario
        .instruments
        .iter()
        .enumerate()
        .map(|(k, instrument)| InstrumentFile {
            id: instrument_id(k),
            name: format!("Pact {k}"),
            kind: if instrument.binding {
                "treaty"
            } else {
                "declaration"
            }
            .to_owned(),
            force: if instrument.binding {
                "binding"
            } else {
                "political"
            }
            .to_owned(),
            form: if instrument.bilateral {
                "bilateral"
            } else {
                "multilateral"
            }
            .to_owned(),
            parties: parties(&instrument.parties),
            in_force: Some(DAY_ONE.to_owned()),
            source: source(),
            clauses: instrument
                .clauses
                .iter()
                .enumerate()
                .map(|(j, clause)| ClauseFile {
                    label: clause_label(j),
                    text: format!("Clause {j} of pact {k}"),
                    modality: clause.modality.name().to_owned(),
                    action: clause.action.name().to_owned(),
                    reading: (clause.action == Action::Align)
                        .then(|| if clause.strict { "strict" } else { "loose" }.to_owned()),
                    scope: match &clause.scope {
                        None if clause.all_word => vec!["all".to_owned()],
                        None => Vec::new(),
                        Some(domains) => domains.iter().map(|it| it.name().to_owned()).collect(),
                    },
                    bound: clause.bound.as_deref().map(parties),
                    toward: clause.toward.as_deref().map(parties),
                    discretion: clause.discretion,
                    adversaries: parties(&clause.adversaries),
                    unless_provoked: clause.unless_provoked,
                    ..ClauseFile::default()
                })
                .collect(),
            ..InstrumentFile::default()
        })
        .collect();
    ScenarioFile {
        title: Some("An oracle scenario".to_owned()),
        parties: (0..scenario.parties)
            .map(|at| PartyFile {
                id: party(at),
                name: format!("State number {at}"),
                kind: "state".to_owned(),
                ..PartyFile::default()
            })
            .collect(),
        issues: scenario
            .issues
            .iter()
            .enumerate()
            .map(|(at, domain)| IssueFile {
                id: issue_id(IssueRef::Declared(at)),
                title: format!("Question {at}"),
                domain: domain.name().to_owned(),
                source: None,
            })
            .collect(),
        instruments,
        positions: scenario
            .positions
            .iter()
            .map(|position| PositionFile {
                party: party(position.party),
                issue: issue_id(position.issue),
                stance: position.stance.name().to_owned(),
                since: DAY_ONE.to_owned(),
                until: None,
                source: source(),
            })
            .collect(),
        events: scenario
            .war
            .iter()
            .map(|war| EventFile {
                id: WAR_EVENT.to_owned(),
                kind: "armed_attack".to_owned(),
                date: DAY_ONE.to_owned(),
                attacker: Some(party(war.attacker)),
                victim: Some(party(war.victim)),
                provoked: war.provoked,
                issue: Some(WAR_ISSUE.to_owned()),
                domain: war.domain.map(|it| it.name().to_owned()),
                source: source(),
                ..EventFile::default()
            })
            .collect(),
        ..ScenarioFile::default()
    }
}

/// The file form as TOML, through the loader and the saver.
fn render(file: &ScenarioFile) -> String {
    match from_file_form(file.clone()) {
        Ok(scenario) => to_toml_string(&scenario),
        Err(errors) => panic!("the generator made an invalid scenario: {errors}\n{file:#?}"),
    }
}

/// A small deterministic generator for shuffles (SplitMix64).
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for at in (1..items.len()).rev() {
            let other = usize::try_from(self.next() % (at as u64 + 1)).unwrap();
            items.swap(at, other);
        }
    }
}

/// The same file with every list whose order carries no meaning shuffled: parties, issues,
/// instruments and their parties, clauses and their `bound`, `toward` and `adversaries`,
/// positions.
fn shuffled(file: &ScenarioFile, seed: u64) -> ScenarioFile {
    let mut mix = Mix(seed);
    let mut file = file.clone();
    mix.shuffle(&mut file.parties);
    mix.shuffle(&mut file.issues);
    mix.shuffle(&mut file.instruments);
    for instrument in &mut file.instruments {
        mix.shuffle(&mut instrument.parties);
        mix.shuffle(&mut instrument.clauses);
        for clause in &mut instrument.clauses {
            for list in [clause.bound.as_mut(), clause.toward.as_mut()]
                .into_iter()
                .flatten()
            {
                mix.shuffle(list);
            }
            mix.shuffle(&mut clause.adversaries);
        }
    }
    mix.shuffle(&mut file.positions);
    file
}

// ----- the generator -----

#[derive(Clone, Debug)]
struct RawClause {
    action: Action,
    modality: Modality,
    strict: bool,
    /// 0 absent, 1 `["all"]`, 2 foreign policy, 3 security, 4 both.
    scope: u8,
    /// Masks over the instrument's parties.
    bound: Option<u8>,
    toward: Option<u8>,
    discretion: bool,
    /// A mask over every party.
    adversaries: Option<u8>,
    unless_provoked: bool,
}

#[derive(Clone, Debug)]
struct RawInstrument {
    binding: bool,
    bilateral: bool,
    first: Index,
    second: Index,
    /// Multilateral: a mask over every party.
    mask: u8,
    clauses: Vec<RawClause>,
}

#[derive(Clone, Debug)]
struct RawWar {
    attacker: Index,
    victim: Index,
    provoked: Option<bool>,
    domain: Option<Domain>,
}

#[derive(Clone, Debug)]
struct Raw {
    parties: usize,
    issues: Vec<Domain>,
    war: Option<RawWar>,
    instruments: Vec<RawInstrument>,
    /// One optional stance per (issue, party) slot.
    positions: Vec<Option<St>>,
    fork: Option<RawFork>,
}

/// A fork grafted on the scenario: a silent party loosely aligned with one that supports and
/// one that opposes the first issue, which leaves it one narrow way out unless something
/// else in the scenario closes it.
#[derive(Clone, Debug)]
struct RawFork {
    hub: Index,
    supporter: Index,
    opponent: Index,
    /// Two bilateral instruments, or one multilateral binding the hub alone.
    bilateral: bool,
    binding: bool,
}

fn domain() -> impl Strategy<Value = Domain> {
    prop_oneof![Just(Domain::ForeignPolicy), Just(Domain::Security)]
}

/// How the generator leans: `Mixed` draws every action alike; `Aligning` makes alignment,
/// mostly loose, between pairs of parties of whom few declare a stance, so that chains and
/// narrow ways out are common.
#[derive(Clone, Copy, Debug)]
enum Leaning {
    Mixed,
    Aligning,
}

impl Leaning {
    fn align_weight(self) -> u32 {
        match self {
            Leaning::Mixed => 3,
            Leaning::Aligning => 24,
        }
    }

    fn strict(self) -> f64 {
        match self {
            Leaning::Mixed => 0.5,
            Leaning::Aligning => 0.2,
        }
    }

    fn bilateral(self) -> f64 {
        match self {
            Leaning::Mixed => 0.5,
            Leaning::Aligning => 0.8,
        }
    }

    fn position(self) -> f64 {
        match self {
            Leaning::Mixed => 0.4,
            Leaning::Aligning => 0.3,
        }
    }

    fn war(self) -> f64 {
        match self {
            Leaning::Mixed => 0.6,
            Leaning::Aligning => 0.4,
        }
    }

    fn fork(self) -> f64 {
        match self {
            Leaning::Mixed => 0.15,
            Leaning::Aligning => 0.4,
        }
    }
}

fn action(leaning: Leaning) -> impl Strategy<Value = Action> {
    prop_oneof![
        leaning.align_weight() => Just(Action::Align),
        2 => Just(Action::Defend),
        1 => Just(Action::Offense),
        2 => Just(Action::Neutrality),
        2 => Just(Action::NonAggression),
        2 => Just(Action::NoHarm),
        1 => Just(Action::Consult),
    ]
}

fn modality() -> impl Strategy<Value = Modality> {
    prop_oneof![
        8 => Just(Modality::Obligation),
        2 => Just(Modality::Prohibition),
        1 => Just(Modality::Permission),
    ]
}

fn stance() -> impl Strategy<Value = St> {
    prop_oneof![Just(St::S), Just(St::N), Just(St::O)]
}

prop_compose! {
    fn raw_clause(leaning: Leaning)(
        (action, modality, strict, scope) in
            (action(leaning), modality(), prop::bool::weighted(leaning.strict()), 0..5u8),
        bound in prop::option::weighted(0.3, any::<u8>()),
        toward in prop::option::weighted(0.3, any::<u8>()),
        (discretion, unless_provoked) in (any::<bool>(), any::<bool>()),
        adversaries in prop::option::weighted(0.3, any::<u8>()),
    ) -> RawClause {
        RawClause {
            action, modality, strict, scope, bound, toward, discretion, adversaries,
            unless_provoked,
        }
    }
}

prop_compose! {
    fn raw_instrument(leaning: Leaning)(
        binding in prop::bool::weighted(0.75),
        bilateral in prop::bool::weighted(leaning.bilateral()),
        (first, second, mask) in (any::<Index>(), any::<Index>(), any::<u8>()),
        clauses in vec(raw_clause(leaning), 1..=3),
    ) -> RawInstrument {
        RawInstrument { binding, bilateral, first, second, mask, clauses }
    }
}

prop_compose! {
    fn raw_war()(
        (attacker, victim) in (any::<Index>(), any::<Index>()),
        provoked in prop::option::of(any::<bool>()),
        domain in prop::option::of(domain()),
    ) -> RawWar {
        RawWar { attacker, victim, provoked, domain }
    }
}

prop_compose! {
    fn raw(leaning: Leaning)(
        parties in 2..=4usize,
        issues in vec(domain(), 1..=2),
        war in prop::option::weighted(leaning.war(), raw_war()),
        instruments in vec(raw_instrument(leaning), 1..=3),
        positions in vec(prop::option::weighted(leaning.position(), stance()), 12),
        fork in prop::option::weighted(leaning.fork(), raw_fork()),
    ) -> Raw {
        Raw { parties, issues, war, instruments, positions, fork }
    }
}

prop_compose! {
    fn raw_fork()(
        (hub, supporter, opponent) in (any::<Index>(), any::<Index>(), any::<Index>()),
        (bilateral, binding) in (any::<bool>(), prop::bool::weighted(0.75)),
    ) -> RawFork {
        RawFork { hub, supporter, opponent, bilateral, binding }
    }
}

/// The parties a mask picks out of `among`, in order.
fn masked(mask: u8, among: &[usize]) -> Vec<usize> {
    among
        .iter()
        .enumerate()
        .filter(|(at, _)| mask & (1 << at) != 0)
        .map(|(_, party)| *party)
        .collect()
}

/// A subset of `among` when the mask picks at least one, else `None` (every party).
fn subset(mask: Option<u8>, among: &[usize]) -> Option<Vec<usize>> {
    let picked = masked(mask?, among);
    (!picked.is_empty()).then_some(picked)
}

fn build(raw: &Raw) -> Scenario {
    let n = raw.parties;
    let everyone: Vec<usize> = (0..n).collect();
    let war = raw.war.as_ref().map(|war| {
        let attacker = war.attacker.index(n);
        let others: Vec<usize> = everyone
            .iter()
            .copied()
            .filter(|it| *it != attacker)
            .collect();
        War {
            attacker,
            victim: *war.victim.get(&others),
            provoked: war.provoked,
            domain: war.domain,
        }
    });
    let instruments = raw
        .instruments
        .iter()
        .map(|raw_instrument| {
            let parties = if raw_instrument.bilateral {
                let first = raw_instrument.first.index(n);
                let others: Vec<usize> =
                    everyone.iter().copied().filter(|it| *it != first).collect();
                let second = *raw_instrument.second.get(&others);
                vec![first.min(second), first.max(second)]
            } else {
                let mut parties = masked(raw_instrument.mask, &everyone);
                for party in 0..n {
                    if parties.len() >= 2 {
                        break;
                    }
                    if !parties.contains(&party) {
                        parties.push(party);
                    }
                }
                parties.sort_unstable();
                parties
            };
            let clauses = raw_instrument
                .clauses
                .iter()
                .map(|raw_clause| {
                    let action = raw_clause.action;
                    Clause {
                        action,
                        modality: raw_clause.modality,
                        strict: raw_clause.strict,
                        scope: match raw_clause.scope {
                            0 | 1 => None,
                            2 => Some(vec![Domain::ForeignPolicy]),
                            3 => Some(vec![Domain::Security]),
                            _ => Some(vec![Domain::ForeignPolicy, Domain::Security]),
                        },
                        all_word: raw_clause.scope == 1,
                        bound: subset(raw_clause.bound, &parties),
                        toward: subset(raw_clause.toward, &parties),
                        discretion: action == Action::NoHarm && raw_clause.discretion,
                        adversaries: if action.takes_adversaries() {
                            raw_clause
                                .adversaries
                                .map(|mask| masked(mask, &everyone))
                                .unwrap_or_default()
                        } else {
                            Vec::new()
                        },
                        unless_provoked: action == Action::Defend && raw_clause.unless_provoked,
                    }
                })
                .collect();
            Instrument {
                binding: raw_instrument.binding,
                bilateral: raw_instrument.bilateral,
                parties,
                clauses,
            }
        })
        .collect();
    let scenario = Scenario {
        parties: n,
        issues: raw.issues.clone(),
        war,
        instruments,
        positions: Vec::new(),
    };
    // At most one position per (party, issue). The attacker and the victim declare, if at all,
    // the stance their act already fixes: a clause-free clash between an event and its own
    // party's word is not what the engine is asked to find.
    let mut positions = Vec::new();
    for (slot, issue) in scenario.issue_refs().into_iter().enumerate() {
        for party in 0..n {
            let Some(stance) = raw.positions[slot * 4 + party] else {
                continue;
            };
            let stance = match (&scenario.war, issue) {
                (Some(war), IssueRef::War) if war.attacker == party => St::S,
                (Some(war), IssueRef::War) if war.victim == party => St::O,
                _ => stance,
            };
            positions.push(Position {
                party,
                issue,
                stance,
            });
        }
    }
    let mut scenario = Scenario {
        positions,
        ..scenario
    };
    if let Some(fork) = &raw.fork
        && n >= 3
    {
        graft(&mut scenario, fork);
    }
    scenario
}

/// Grafts the fork on a scenario of three parties or more.
fn graft(scenario: &mut Scenario, fork: &RawFork) {
    let mut others: Vec<usize> = (0..scenario.parties).collect();
    let hub = others.remove(fork.hub.index(others.len()));
    let supporter = others.remove(fork.supporter.index(others.len()));
    let opponent = others.remove(fork.opponent.index(others.len()));
    let issue = IssueRef::Declared(0);
    scenario
        .positions
        .retain(|it| it.issue != issue || ![hub, supporter, opponent].contains(&it.party));
    for (party, stance) in [(supporter, St::S), (opponent, St::O)] {
        scenario.positions.push(Position {
            party,
            issue,
            stance,
        });
    }
    let loose = |bound: Option<Vec<usize>>| Clause {
        action: Action::Align,
        modality: Modality::Obligation,
        strict: false,
        scope: None,
        all_word: false,
        bound,
        toward: None,
        discretion: false,
        adversaries: Vec::new(),
        unless_provoked: false,
    };
    let pact = |parties: Vec<usize>, bound: Option<Vec<usize>>| Instrument {
        binding: fork.binding,
        bilateral: parties.len() == 2,
        parties,
        clauses: vec![loose(bound)],
    };
    if fork.bilateral {
        for spoke in [supporter, opponent] {
            let mut parties = vec![hub, spoke];
            parties.sort_unstable();
            scenario.instruments.push(pact(parties, None));
        }
    } else {
        let mut parties = vec![hub, supporter, opponent];
        parties.sort_unstable();
        scenario.instruments.push(pact(parties, Some(vec![hub])));
    }
}

/// A scenario: mostly any mix of clauses, one time in four mostly alignments.
fn scenario() -> impl Strategy<Value = Scenario> {
    prop_oneof![
        3 => raw(Leaning::Mixed).prop_map(|raw| build(&raw)),
        1 => raw(Leaning::Aligning).prop_map(|raw| build(&raw)),
    ]
}

/// 1000 cases per property (`PROPTEST_CASES` overrides), failures kept in
/// `proptest-regressions/oracle.txt`.
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|it| it.parse().ok())
        .unwrap_or(1000);
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/oracle.txt",
        ))),
        ..ProptestConfig::with_cases(cases)
    }
}

proptest! {
    #![proptest_config(cases())]

    /// (0) The generator makes valid files, in their shuffled and renamed forms too. Fails on
    /// a generator bug (a field the loader refuses for the action, a bilateral instrument
    /// with three parties), or on a loader that refuses a valid file.
    #[test]
    fn generated_scenarios_load(scenario in scenario(), seed in any::<u64>()) {
        let file = file_form(&scenario, "P");
        for file in [file.clone(), shuffled(&file, seed), file_form(&scenario, "ZZ")] {
            let toml = render(&file);
            prop_assert!(from_toml_str(&toml).is_ok(), "{}", toml);
        }
    }
}

// ----- the engine against the oracle -----

mod engine {
    use super::*;

    use allegiance::{Finding, Kind};

    fn checked_on() -> allegiance::Date {
        CHECKED_ON.parse().unwrap()
    }

    /// The engine's report on a file form, as the file would be read from disk.
    fn run(file: &ScenarioFile) -> (String, allegiance::Report) {
        let toml = render(file);
        let loaded = from_toml_str(&toml).unwrap();
        let report = allegiance::check_on(&loaded, checked_on());
        (toml, report)
    }

    /// The items of a finding's witness, as the oracle names them: each clause between the
    /// two parties of each step of the chain that cites it.
    fn witness_items(finding: &Finding) -> BTreeSet<Item> {
        items_of(&finding.witness)
    }

    /// The items of one witness (a finding's, or one of its `also`).
    fn items_of(witness: &allegiance::Witness) -> BTreeSet<Item> {
        let clauses = witness.chain.iter().filter_map(|link| {
            let clause = witness.clauses.get(link.clause?)?;
            let (one, other) = (link.from.to_string(), link.to.to_string());
            Some(Item::Clause(
                clause.instrument.to_string(),
                clause.label.to_string(),
                one.clone().min(other.clone()),
                one.max(other),
            ))
        });
        let positions = witness
            .positions
            .iter()
            .map(|it| Item::Position(it.party.to_string(), it.issue.to_string()));
        let events = witness
            .events
            .iter()
            .map(|it| Item::Event(it.id.to_string()));
        clauses.chain(positions).chain(events).collect()
    }

    fn party_number(id: &allegiance::PartyId) -> Option<usize> {
        id.as_str().strip_prefix('P')?.parse().ok()
    }

    /// The finding's issue, which must be one of the scenario's.
    fn issue_of(
        scenario: &Scenario,
        finding: &Finding,
        context: &str,
    ) -> Result<IssueRef, TestCaseError> {
        let id = finding.issue.as_ref().map(ToString::to_string);
        id.as_deref()
            .and_then(|id| scenario.issue_of(id))
            .ok_or_else(|| {
                TestCaseError::fail(format!(
                    "{context}\nthe finding names no known issue: {finding:#?}"
                ))
            })
    }

    /// Where two reports' JSON first differ, with the lines around it.
    fn difference(left: &str, right: &str) -> String {
        let (left, right): (Vec<&str>, Vec<&str>) =
            (left.lines().collect(), right.lines().collect());
        let at = left
            .iter()
            .zip(&right)
            .position(|(a, b)| a != b)
            .unwrap_or(left.len().min(right.len()));
        // From the start of the finding that differs.
        let from = left[..at.min(left.len())]
            .iter()
            .rposition(|it| it.contains("\"kind\":"))
            .unwrap_or(at.saturating_sub(15));
        let around = |lines: &[&str]| lines[from..(at + 5).min(lines.len())].join("\n");
        format!(
            "the reports differ at line {}:\n--- original ---\n{}\n--- changed ---\n{}",
            at + 1,
            around(&left),
            around(&right)
        )
    }

    fn describe(toml: &str, report: &allegiance::Report) -> String {
        format!(
            "--- TOML ---\n{toml}\n--- findings ---\n{:#?}",
            report.findings()
        )
    }

    /// Properties (2) to (4) only look at the findings the engine makes: this checks that
    /// the generator leads it to make every kind they look at, so that none is vacuous.
    #[test]
    fn the_generator_leads_to_every_kind_of_finding() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for _ in 0..1000 {
            let scenario = scenario().new_tree(&mut runner).unwrap().current();
            let (_, report) = run(&file_form(&scenario, "P"));
            for finding in report.findings() {
                let way_out = if finding.way_out.is_some() {
                    " with a way out"
                } else {
                    ""
                };
                *seen
                    .entry(format!("{}{way_out}", finding.kind.name()))
                    .or_default() += 1;
            }
        }
        println!("{seen:?}");
        for kind in ["conflict", "violation", "tension", "tension with a way out"] {
            assert!(
                seen.get(kind).is_some_and(|it| *it >= 10),
                "{kind}: {seen:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(cases())]

        /// (1) The engine finds a contradiction on an issue exactly when the oracle finds
        /// the issue's constraints unsatisfiable. Catches: a missed trigger (defend when the
        /// beneficiary is the victim, offense when it is the attacker), a trigger applied
        /// the wrong way round (defend on the beneficiary's own attack, neutrality toward the
        /// wrong side), `unless_provoked` or `adversaries` ignored, a scope not checked, the
        /// `bound`/`toward` defaults wrong, loose alignment read as strict, alignment not
        /// carried along chains, permissions or consultations turned into constraints.
        #[test]
        fn contradictions_are_found_exactly_when_unsatisfiable(scenario in scenario()) {
            let (toml, report) = run(&file_form(&scenario, "P"));
            for issue in scenario.issue_refs() {
                let id = issue_id(issue);
                let engine = report.findings().iter().any(|it| {
                    it.is_contradiction() && it.issue.as_ref().map(|it| it.as_str()) == Some(id.as_str())
                });
                let oracle = !Oracle::new(&scenario, issue).consistent();
                prop_assert_eq!(
                    engine, oracle,
                    "issue {}: engine says contradiction = {}, oracle says unsatisfiable = {}\n{}",
                    id, engine, oracle, describe(&toml, &report)
                );
            }
        }

        /// (2) Every contradiction's witness (and each of its other witnesses, `also`) is
        /// unsatisfiable on its own and minimal. Catches
        /// a witness missing the position, the event or one of the clauses the clash needs
        /// (then it is satisfiable), or padded with items that play no part (then one can be
        /// removed), or a finding about another issue than the one it names.
        #[test]
        fn contradiction_witnesses_are_minimal_and_unsatisfiable(scenario in scenario()) {
            let (toml, report) = run(&file_form(&scenario, "P"));
            for finding in report.findings().iter().filter(|it| it.is_contradiction()) {
                let issue = issue_of(&scenario, finding, &describe(&toml, &report))?;
                let oracle = Oracle::new(&scenario, issue);
                // The other minimal witnesses of the finding must be minimal too.
                for witness in std::iter::once(&finding.witness).chain(&finding.also) {
                    if let Err(why) = oracle.minimal_unsat(&items_of(witness)) {
                        return Err(TestCaseError::fail(format!(
                            "{why}: {finding:#?}\n{}", describe(&toml, &report)
                        )));
                    }
                }
            }
        }

        /// (3) A tension with a way out is satisfiable, and its way out is the only stance
        /// its parties can take. Catches a way out that is wrong (support where only neutral
        /// keeps both alignments), a "narrow" way out that is not narrow (another stance
        /// would do), and a contradiction reported as a tension with a way out.
        #[test]
        fn ways_out_are_the_only_way_out(scenario in scenario()) {
            let (toml, report) = run(&file_form(&scenario, "P"));
            for finding in report.findings() {
                let (Kind::Tension, Some(way_out)) = (finding.kind, finding.way_out) else {
                    continue;
                };
                let issue = issue_of(&scenario, finding, &describe(&toml, &report))?;
                let solutions = Oracle::new(&scenario, issue).solutions(&witness_items(finding));
                prop_assert!(
                    !solutions.is_empty(),
                    "the witness of a tension with a way out is unsatisfiable: {:#?}\n{}",
                    finding, describe(&toml, &report)
                );
                for party in &finding.parties {
                    let at = party_number(party);
                    prop_assert!(at.is_some(), "unknown party {}", party);
                    let at = at.unwrap_or_default();
                    for world in &solutions {
                        prop_assert_eq!(
                            world.stance[at], St::of(way_out),
                            "{} can also take {:?} in {:?}: {:#?}\n{}",
                            party, world.stance[at], world, finding, describe(&toml, &report)
                        );
                    }
                }
            }
        }

        /// (4) A conflict rests on no word or act of its own parties; a violation rests on
        /// one. Catches the two kinds swapped: a party's own position that breaks its
        /// obligation reported as a conflict, or a clash between obligations alone blamed on
        /// the party.
        #[test]
        fn conflicts_and_violations_are_told_apart(scenario in scenario()) {
            let (toml, report) = run(&file_form(&scenario, "P"));
            let attacker = scenario.war.as_ref().map(|it| party_id("P", it.attacker));
            for finding in report.findings() {
                let own: Vec<String> = finding.parties.iter().map(ToString::to_string).collect();
                let own_position = finding
                    .witness
                    .positions
                    .iter()
                    .any(|it| own.contains(&it.party.to_string()));
                let own_act = finding.witness.events.iter().any(|it| {
                    it.id.as_str() == WAR_EVENT && attacker.as_ref().is_some_and(|a| own.contains(a))
                });
                match finding.kind {
                    Kind::Conflict => prop_assert!(
                        !own_position && !own_act,
                        "a conflict rests on its own parties' position or act: {:#?}\n{}",
                        finding, describe(&toml, &report)
                    ),
                    Kind::Violation => prop_assert!(
                        own_position || own_act,
                        "a violation rests on no position or act of its parties: {:#?}\n{}",
                        finding, describe(&toml, &report)
                    ),
                    _ => {}
                }
            }
        }

        /// (5a) The order of the file does not matter: parties, issues, instruments, their
        /// parties, clauses, their lists and positions shuffled give the same report, byte for
        /// byte. Catches findings, witnesses, parties or chains listed in file order (or in
        /// hash order), and a search whose result depends on the order it met constraints in
        /// (a different minimal witness, a different chain).
        #[test]
        fn the_order_of_the_file_does_not_matter(scenario in scenario(), seed in any::<u64>()) {
            let file = file_form(&scenario, "P");
            let (toml, report) = run(&file);
            let (shuffled_toml, shuffled_report) = run(&shuffled(&file, seed));
            let (json, shuffled_json) = (
                serde_json::to_string_pretty(&report).unwrap(),
                serde_json::to_string_pretty(&shuffled_report).unwrap(),
            );
            prop_assert!(
                json == shuffled_json,
                "{}\n--- TOML ---\n{}\n--- shuffled TOML ---\n{}",
                difference(&json, &shuffled_json), toml, shuffled_toml
            );
        }

        /// (5b) Party ids matter only by their order: `P0 < P1 < …` renamed `ZZ0 < ZZ1 < …`
        /// gives the same report once the names are mapped back. Catches an engine that
        /// treats some id specially (a prefix, a length), or compares parties by something
        /// else than their id.
        #[test]
        fn renaming_parties_in_order_does_not_matter(scenario in scenario()) {
            let (toml, report) = run(&file_form(&scenario, "P"));
            let (renamed_toml, renamed_report) = run(&file_form(&scenario, "ZZ"));
            let json = serde_json::to_string_pretty(&report).unwrap();
            let renamed_json = serde_json::to_string_pretty(&renamed_report).unwrap().replace("ZZ", "P");
            prop_assert!(
                json == renamed_json,
                "{}\n--- TOML ---\n{}\n--- renamed TOML ---\n{}",
                difference(&json, &renamed_json), toml, renamed_toml
            );
        }
    }
}

// ----- the oracle on hand-made examples -----

fn clause(action: Action, bound: &[usize], toward: &[usize]) -> Clause {
    Clause {
        action,
        modality: Modality::Obligation,
        strict: true,
        scope: None,
        all_word: false,
        bound: Some(bound.to_vec()),
        toward: Some(toward.to_vec()),
        discretion: false,
        adversaries: Vec::new(),
        unless_provoked: false,
    }
}

fn pact(parties: &[usize], clauses: Vec<Clause>) -> Instrument {
    Instrument {
        binding: true,
        bilateral: parties.len() == 2,
        parties: parties.to_vec(),
        clauses,
    }
}

fn war(attacker: usize, victim: usize) -> Option<War> {
    Some(War {
        attacker,
        victim,
        provoked: None,
        domain: None,
    })
}

/// A (0) bound by a defence pact with B (1) and by `other` toward X (2); X attacks B or B
/// attacks X.
fn triangle(other: Action, x_attacks_b: bool) -> Scenario {
    let (a, b, x) = (0, 1, 2);
    Scenario {
        parties: 3,
        issues: vec![Domain::ForeignPolicy],
        war: if x_attacks_b { war(x, b) } else { war(b, x) },
        instruments: vec![
            pact(&[a, b], vec![clause(Action::Defend, &[a], &[b])]),
            pact(&[a, x], vec![clause(other, &[a], &[x])]),
        ],
        positions: Vec::new(),
    }
}

fn items(list: &[Item]) -> BTreeSet<Item> {
    list.iter().cloned().collect()
}

/// A clause between parties `a` and `b`.
fn clause_item(instrument: usize, label: usize, a: usize, b: usize) -> Item {
    let (one, other) = (party_id("P", a.min(b)), party_id("P", a.max(b)));
    Item::Clause(instrument_id(instrument), clause_label(label), one, other)
}

fn event_item() -> Item {
    Item::Event(WAR_EVENT.to_owned())
}

fn position_item(party: usize, issue: IssueRef) -> Item {
    Item::Position(party_id("P", party), issue_id(issue))
}

#[test]
fn defence_and_non_aggression_clash_when_x_attacks_b() {
    let oracle = Oracle::new(&triangle(Action::NonAggression, true), IssueRef::War);
    assert!(!oracle.consistent());
    let witness = items(&[
        clause_item(0, 0, 0, 1),
        clause_item(1, 0, 0, 2),
        event_item(),
    ]);
    assert_eq!(oracle.minimal_unsat(&witness), Ok(()));
    // No war, no clash; and the declared issue is untouched.
    let mut peace = triangle(Action::NonAggression, true);
    peace.war = None;
    assert!(Oracle::new(&peace, IssueRef::Declared(0)).consistent());
}

#[test]
fn defence_and_neutrality_clash_only_when_x_attacks_b() {
    assert!(!Oracle::new(&triangle(Action::Neutrality, true), IssueRef::War).consistent());
    // B's own attack does not trigger the defence pact.
    assert!(Oracle::new(&triangle(Action::Neutrality, false), IssueRef::War).consistent());
    // Nor does non-aggression with X clash then: A may stay out.
    assert!(Oracle::new(&triangle(Action::NonAggression, false), IssueRef::War).consistent());
}

#[test]
fn unless_provoked_and_adversaries_release_the_defence_pact() {
    let mut provoked = triangle(Action::NonAggression, true);
    provoked.war.as_mut().unwrap().provoked = Some(true);
    provoked.instruments[0].clauses[0].unless_provoked = true;
    assert!(Oracle::new(&provoked, IssueRef::War).consistent());
    // Unknown provocation does not release it.
    provoked.war.as_mut().unwrap().provoked = None;
    assert!(!Oracle::new(&provoked, IssueRef::War).consistent());

    let mut elsewhere = triangle(Action::NonAggression, true);
    elsewhere.parties = 4;
    elsewhere.instruments[0].clauses[0].adversaries = vec![3];
    assert!(Oracle::new(&elsewhere, IssueRef::War).consistent());
    elsewhere.instruments[0].clauses[0].adversaries = vec![3, 2];
    assert!(!Oracle::new(&elsewhere, IssueRef::War).consistent());
}

#[test]
fn defending_both_sides_of_a_war_is_impossible() {
    // A bound by one pact to defend both 1 and 2, who fight each other: whoever attacks,
    // the victim's pact binds A to its side, and the attacker's does not bind at all.
    let pacts = vec![pact(
        &[0, 1, 2],
        vec![clause(Action::Defend, &[0], &[1, 2])],
    )];
    let scenario = Scenario {
        parties: 3,
        issues: vec![Domain::Security],
        war: war(1, 2),
        instruments: pacts,
        positions: Vec::new(),
    };
    assert!(Oracle::new(&scenario, IssueRef::War).consistent());
    // With offense toward the attacker as well, A must fight on both sides.
    let mut both = scenario;
    both.instruments[0]
        .clauses
        .push(clause(Action::Offense, &[0], &[1]));
    let oracle = Oracle::new(&both, IssueRef::War);
    assert!(!oracle.consistent());
    assert_eq!(
        oracle.minimal_unsat(&items(&[
            clause_item(0, 0, 0, 2),
            clause_item(0, 1, 0, 1),
            event_item()
        ])),
        Ok(())
    );
}

#[test]
fn the_attacker_bound_to_defend_its_victim_is_caught() {
    // A collective pact whose members fight each other.
    let scenario = Scenario {
        parties: 2,
        issues: vec![Domain::Security],
        war: war(0, 1),
        instruments: vec![pact(
            &[0, 1],
            vec![clause(Action::Defend, &[0, 1], &[0, 1])],
        )],
        positions: Vec::new(),
    };
    let oracle = Oracle::new(&scenario, IssueRef::War);
    assert!(!oracle.consistent());
    assert_eq!(
        oracle.minimal_unsat(&items(&[clause_item(0, 0, 0, 1), event_item()])),
        Ok(())
    );
}

#[test]
fn strict_alignment_carries_along_chains() {
    // 0 aligned with 1, 1 aligned with 2; 0 supports and 2 opposes.
    let mut chain = Scenario {
        parties: 3,
        issues: vec![Domain::ForeignPolicy],
        war: None,
        instruments: vec![
            pact(&[0, 1], vec![clause(Action::Align, &[0], &[1])]),
            pact(&[1, 2], vec![clause(Action::Align, &[1], &[2])]),
        ],
        positions: vec![
            Position {
                party: 0,
                issue: IssueRef::Declared(0),
                stance: St::S,
            },
            Position {
                party: 2,
                issue: IssueRef::Declared(0),
                stance: St::O,
            },
        ],
    };
    let issue = IssueRef::Declared(0);
    let oracle = Oracle::new(&chain, issue);
    assert!(!oracle.consistent());
    let everything = oracle.items();
    assert_eq!(oracle.minimal_unsat(&everything), Ok(()));
    assert_eq!(everything.len(), 4);

    // Read loosely, the middle party has exactly one way out: neutral.
    for instrument in &mut chain.instruments {
        instrument.clauses[0].strict = false;
    }
    let oracle = Oracle::new(&chain, issue);
    let solutions = oracle.solutions(&oracle.items());
    assert!(!solutions.is_empty());
    assert!(solutions.iter().all(|it| it.stance[1] == St::N));

    // A clause out of scope binds nothing.
    chain.instruments[0].clauses[0].strict = true;
    chain.instruments[1].clauses[0].strict = true;
    chain.instruments[1].clauses[0].scope = Some(vec![Domain::Security]);
    assert!(Oracle::new(&chain, issue).consistent());
}

#[test]
fn permission_consultation_and_forbidden_alignment_bind_nothing() {
    let issue = IssueRef::Declared(0);
    for (action, modality) in [
        (Action::Align, Modality::Permission),
        (Action::Align, Modality::Prohibition),
        (Action::Consult, Modality::Obligation),
        (Action::NoHarm, Modality::Permission),
    ] {
        let mut only = clause(action, &[0], &[1]);
        only.modality = modality;
        let scenario = Scenario {
            parties: 2,
            issues: vec![Domain::ForeignPolicy],
            war: None,
            instruments: vec![pact(&[0, 1], vec![only])],
            positions: vec![
                Position {
                    party: 0,
                    issue,
                    stance: St::S,
                },
                Position {
                    party: 1,
                    issue,
                    stance: St::O,
                },
            ],
        };
        let oracle = Oracle::new(&scenario, issue);
        assert!(oracle.consistent(), "{action:?} {modality:?}");
        assert_eq!(oracle.constraints.len(), 2, "{action:?} {modality:?}");
    }
}

#[test]
fn no_harm_follows_the_beneficiary_s_declared_stance() {
    let issue = IssueRef::War;
    // 1 attacks 2; 0 must not harm 1, and 0 declared opposition to the attack.
    let mut scenario = Scenario {
        parties: 3,
        issues: vec![Domain::ForeignPolicy],
        war: war(1, 2),
        instruments: vec![pact(&[0, 1], vec![clause(Action::NoHarm, &[0], &[1])])],
        positions: vec![Position {
            party: 0,
            issue,
            stance: St::O,
        }],
    };
    let oracle = Oracle::new(&scenario, issue);
    assert!(!oracle.consistent());
    assert_eq!(
        oracle.minimal_unsat(&items(&[
            clause_item(0, 0, 0, 1),
            event_item(),
            position_item(0, issue)
        ])),
        Ok(())
    );
    // Neutral does no harm.
    scenario.positions[0].stance = St::N;
    assert!(Oracle::new(&scenario, issue).consistent());
    // 2 attacks 1: 1, the victim, opposes, and 0's support harms it.
    scenario.war = war(2, 1);
    scenario.positions[0].stance = St::S;
    assert!(!Oracle::new(&scenario, issue).consistent());
    // Toward a beneficiary with no declared stance, nothing binds.
    scenario.issues = vec![Domain::Security];
    let declared = IssueRef::Declared(0);
    scenario.positions[0].issue = declared;
    assert!(Oracle::new(&scenario, declared).consistent());
}

#[test]
fn forbidden_help_and_neutrality_point_the_right_way() {
    // 1 attacks 2. 0 must not fight on 1's side (prohibited offense toward 1) and must fight
    // on 1's side (offense toward 1, from a second pact).
    let mut forbidden = clause(Action::Offense, &[0], &[1]);
    forbidden.modality = Modality::Prohibition;
    let scenario = Scenario {
        parties: 3,
        issues: vec![Domain::Security],
        war: war(1, 2),
        instruments: vec![
            pact(&[0, 1], vec![forbidden]),
            pact(&[0, 1], vec![clause(Action::Offense, &[0], &[1])]),
        ],
        positions: Vec::new(),
    };
    assert!(!Oracle::new(&scenario, IssueRef::War).consistent());
    // Neutrality toward the victim 2 forbids fighting for the attacker 1.
    let mut neutral = scenario.clone();
    neutral.instruments[0] = pact(&[0, 2], vec![clause(Action::Neutrality, &[0], &[2])]);
    assert!(!Oracle::new(&neutral, IssueRef::War).consistent());
    // Neutrality toward the attacker 1 forbids fighting for the victim: no clash with offense.
    neutral.instruments[0] = pact(&[0, 1], vec![clause(Action::Neutrality, &[0], &[1])]);
    assert!(Oracle::new(&neutral, IssueRef::War).consistent());
}

#[test]
fn worlds_respect_the_axiom() {
    let all = worlds(4, true);
    assert_eq!(all.len(), 625);
    assert!(all.iter().all(|world| {
        (0..4).all(|p| match world.bel[p] {
            Bel::Att => world.stance[p] == St::S,
            Bel::Vic => world.stance[p] == St::O,
            Bel::Out => true,
        })
    }));
    assert_eq!(worlds(3, false).len(), 27);
}

/// How often the generator makes an unsatisfiable issue: too rarely and property (1) would
/// test little. Prints the share; fails only if it is absurdly low or high.
#[test]
fn the_generator_makes_both_kinds_of_issue() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut unsat, mut total) = (0, 0);
    for _ in 0..2000 {
        let scenario = scenario().new_tree(&mut runner).unwrap().current();
        for issue in scenario.issue_refs() {
            total += 1;
            if !Oracle::new(&scenario, issue).consistent() {
                unsat += 1;
            }
        }
    }
    println!("{unsat} unsatisfiable issues of {total}");
    assert!(unsat * 10 > total, "{unsat} of {total}");
    assert!(unsat * 10 < total * 9, "{unsat} of {total}");
}
