//! Properties of the engine's guarantees (issue 6, "Hardening"), on small generated
//! scenarios with dates, so that timelines have several change points: 3 to 5 states, one or
//! two declared issues, at most one war, 1 to 4 instruments of 1 or 2 clauses in force from
//! one of six dates (some terminated later), and dated positions.
//!
//! 1. The timeline agrees with each date on its own: on every date where anything changes
//!    (and on the day before the first), the findings `check` says hold that day are exactly
//!    those `check_on` finds, field for field but for the interval.
//! 2. Adding an obligation never removes a conflict. **Exact at the level of facts**: with
//!    one more instrument of obligation clauses, every clash point of a date
//!    ([`allegiance::clashes_on`]) is still one that day. **On reported findings, the weaker
//!    form 2′**: every issue with a contradiction on a date keeps one. The exact form fails on
//!    findings because a pair of values met in a strict-alignment component is told once,
//!    from its nearest facts: a shorter path between the same two holders names its own
//!    parties, not those of the longer one (minimal case, pinned:
//!    `a_shorter_path_between_two_holders_names_only_its_own_parties`).
//! 3. Removing every clause of an instrument removes exactly what needs it. **At the level
//!    of facts**: it never adds a clash point, no clash point left cites it, and when the
//!    instrument has no strict alignment every clash point that does not cite it stays (a
//!    clash point does not list the strict alignments that carry a value inside a component,
//!    so for an instrument with one, "rests on it" is not visible in the point). **On
//!    reported findings, 3′**: no issue gains a contradiction, and no finding quotes it.
//!
//! The two layers agree: an issue has a clash point on a date exactly when the report has a
//! contradiction on it.
//! 4. The report is byte-identical (JSON, and text) under any permutation of the file's
//!    entries and of the lists inside them.
//! 5. The same scenario written in JSON and in TOML gives byte-identical reports.
//!
//! 256 cases per property (`PROPTEST_CASES` overrides); failures are kept in
//! `proptest-regressions/guarantees.txt`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};

use allegiance::load::from_file_form;
use allegiance::spec::{
    ClauseFile, EventFile, InstrumentFile, IssueFile, PartyFile, PositionFile, ScenarioFile,
    SourceFile,
};
use allegiance::{Date, Finding, Interval, Kind, Report, Scenario};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::FileFailurePersistence;

// ----- the generator -----

/// The dates things begin and end on: six new years, so that the timeline has up to six
/// change points.
const DATES: [&str; 6] = [
    "2000-01-01",
    "2001-01-01",
    "2002-01-01",
    "2003-01-01",
    "2004-01-01",
    "2005-01-01",
];

/// The actions generated, with `align` twice (strict and loose) and weighted up, as
/// alignment chains make the longest witnesses.
const ACTIONS: [(&str, Option<&str>); 8] = [
    ("align", Some("strict")),
    ("align", Some("loose")),
    ("defend", None),
    ("offense", None),
    ("neutrality", None),
    ("non_aggression", None),
    ("no_harm", None),
    ("consult", None),
];

#[derive(Clone, Debug)]
struct RawClause {
    action: usize,
    /// 0 obligation (most), 1 prohibition, 2 permission.
    modality: u8,
    /// Masks over the instrument's parties; `None` for every party.
    bound: Option<u8>,
    toward: Option<u8>,
    discretion: bool,
}

#[derive(Clone, Debug)]
struct RawInstrument {
    binding: bool,
    bilateral: bool,
    first: Index,
    second: Index,
    /// Multilateral: a mask over every party.
    mask: u8,
    in_force: usize,
    /// Days after entry into force, in `DATES` steps.
    terminated_after: Option<usize>,
    clauses: Vec<RawClause>,
}

#[derive(Clone, Debug)]
struct RawWar {
    attacker: Index,
    victim: Index,
    date: usize,
}

#[derive(Clone, Debug)]
struct Raw {
    parties: usize,
    /// `true` for a security issue, `false` for foreign policy.
    issues: Vec<bool>,
    instruments: Vec<RawInstrument>,
    /// One optional (stance, since, lasts) per (issue, party) slot.
    positions: Vec<Option<(usize, usize, Option<usize>)>>,
    war: Option<RawWar>,
}

fn raw_clause() -> impl Strategy<Value = RawClause> {
    (
        prop_oneof![3 => 0..2usize, 4 => 0..ACTIONS.len()],
        prop_oneof![8 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        prop::option::weighted(0.2, 1..u8::MAX),
        prop::option::weighted(0.2, 1..u8::MAX),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(action, modality, bound, toward, discretion)| RawClause {
            action,
            modality,
            bound,
            toward,
            discretion,
        })
}

fn raw_instrument() -> impl Strategy<Value = RawInstrument> {
    (
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.6),
        any::<Index>(),
        any::<Index>(),
        any::<u8>(),
        0..DATES.len(),
        prop::option::weighted(0.3, 1..DATES.len()),
        vec(raw_clause(), 1..=2),
    )
        .prop_map(
            |(binding, bilateral, first, second, mask, in_force, terminated_after, clauses)| {
                RawInstrument {
                    binding,
                    bilateral,
                    first,
                    second,
                    mask,
                    in_force,
                    terminated_after,
                    clauses,
                }
            },
        )
}

fn raw() -> impl Strategy<Value = Raw> {
    (3..=5usize, vec(any::<bool>(), 1..=2)).prop_flat_map(|(parties, issues)| {
        let slots = parties * issues.len();
        (
            Just(parties),
            Just(issues),
            vec(raw_instrument(), 1..=4),
            vec(
                prop::option::weighted(
                    0.5,
                    (
                        0..3usize,
                        0..DATES.len(),
                        prop::option::weighted(0.3, 1..DATES.len()),
                    ),
                ),
                slots,
            ),
            prop::option::weighted(
                0.4,
                (any::<Index>(), any::<Index>(), 0..DATES.len()).prop_map(
                    |(attacker, victim, date)| RawWar {
                        attacker,
                        victim,
                        date,
                    },
                ),
            ),
        )
            .prop_map(|(parties, issues, instruments, positions, war)| Raw {
                parties,
                issues,
                instruments,
                positions,
                war,
            })
    })
}

/// Worlds where two to four strict alignments begin and end around two or three duties of
/// no harm, on one issue without a war that most parties take a stance on: the change dates
/// are mostly where a component grows or splits, and with it, often, which position first
/// holds a value in a bound party's component, so the barred points carried from that value
/// change. [`raw`] rarely makes one: a tracker that never retold those points passed 256 of
/// its cases.
fn raw_moving() -> impl Strategy<Value = Raw> {
    let stance = (
        0..3usize,
        0..DATES.len(),
        prop::option::weighted(0.2, 1..DATES.len()),
    );
    (
        3..=5usize,
        vec(raw_instrument(), 2..=4),
        vec(raw_instrument(), 2..=3),
        vec(prop::option::weighted(0.85, stance), 5),
    )
        .prop_map(|(parties, mut aligns, harms, mut positions)| {
            for it in &mut aligns {
                it.binding = true;
                for clause in &mut it.clauses {
                    *clause = obligation(STRICT, None);
                }
            }
            aligns.extend(harms.into_iter().map(|mut it| {
                it.binding = true;
                for clause in &mut it.clauses {
                    *clause = obligation(NO_HARM, clause.bound.or(Some(1)));
                }
                it
            }));
            positions.truncate(parties);
            Raw {
                parties,
                issues: vec![false],
                instruments: aligns,
                positions,
                war: None,
            }
        })
}

/// The place of strict `align` and of `no_harm` in [`ACTIONS`].
const STRICT: usize = 0;
const NO_HARM: usize = 6;

/// An obligation of the action at `action` in [`ACTIONS`], binding the parties `bound`
/// picks (every party for `None`) toward every other.
fn obligation(action: usize, bound: Option<u8>) -> RawClause {
    RawClause {
        action,
        modality: 0,
        bound,
        toward: None,
        discretion: false,
    }
}

fn source() -> SourceFile {
    SourceFile {
        citation: "generated".to_owned(),
        ..SourceFile::default()
    }
}

fn party_id(at: usize) -> String {
    format!("P{at}")
}

/// The parties a mask picks among `among`, in order; `None` when it picks none.
fn masked(mask: u8, among: &[String]) -> Option<Vec<String>> {
    let picked: Vec<String> = among
        .iter()
        .enumerate()
        .filter(|(at, _)| mask & (1 << (at % 8)) != 0)
        .map(|(_, it)| it.clone())
        .collect();
    (!picked.is_empty()).then_some(picked)
}

fn date_after(start: usize, after: usize) -> Option<String> {
    DATES.get(start + after).map(|it| (*it).to_owned())
}

fn instrument(raw: &RawInstrument, id: &str, parties: &[String]) -> InstrumentFile {
    let (form, listed) = if raw.bilateral {
        let first = raw.first.index(parties.len());
        let second = (first + 1 + raw.second.index(parties.len() - 1)) % parties.len();
        (
            "bilateral",
            vec![parties[first].clone(), parties[second].clone()],
        )
    } else {
        let mut listed = masked(raw.mask, parties).unwrap_or_default();
        if listed.len() < 2 {
            listed = parties.to_vec();
        }
        ("multilateral", listed)
    };
    let clauses = raw
        .clauses
        .iter()
        .enumerate()
        .map(|(at, clause)| {
            let (action, reading) = ACTIONS[clause.action];
            ClauseFile {
                label: format!("art. {}", at + 1),
                text: format!("Article {} of {id}", at + 1),
                modality: ["obligation", "prohibition", "permission"][usize::from(clause.modality)]
                    .to_owned(),
                action: action.to_owned(),
                reading: reading.map(str::to_owned),
                bound: clause.bound.and_then(|mask| masked(mask, &listed)),
                toward: clause.toward.and_then(|mask| masked(mask, &listed)),
                discretion: clause.discretion,
                ..ClauseFile::default()
            }
        })
        .collect();
    InstrumentFile {
        id: id.to_owned(),
        name: format!("Instrument {id}"),
        kind: "treaty".to_owned(),
        force: if raw.binding { "binding" } else { "political" }.to_owned(),
        form: form.to_owned(),
        parties: listed,
        in_force: Some(DATES[raw.in_force].to_owned()),
        terminated: raw
            .terminated_after
            .and_then(|after| date_after(raw.in_force, after)),
        source: source(),
        clauses,
        ..InstrumentFile::default()
    }
}

fn build(raw: &Raw) -> ScenarioFile {
    let parties: Vec<String> = (0..raw.parties).map(party_id).collect();
    let issues: Vec<IssueFile> = raw
        .issues
        .iter()
        .enumerate()
        .map(|(at, security)| IssueFile {
            id: format!("q{at}"),
            title: format!("Question {at}"),
            domain: if *security {
                "security"
            } else {
                "foreign_policy"
            }
            .to_owned(),
            source: None,
        })
        .collect();
    let instruments = raw
        .instruments
        .iter()
        .enumerate()
        .map(|(at, it)| instrument(it, &format!("i{at}"), &parties))
        .collect();
    let mut positions = Vec::new();
    for (slot, position) in raw.positions.iter().enumerate() {
        let Some((stance, since, lasts)) = position else {
            continue;
        };
        let (issue, party) = (slot / raw.parties, slot % raw.parties);
        positions.push(PositionFile {
            party: parties[party].clone(),
            issue: issues[issue].id.clone(),
            stance: ["support", "neutral", "oppose"][*stance].to_owned(),
            since: DATES[*since].to_owned(),
            until: lasts.and_then(|after| date_after(*since, after)),
            source: source(),
        });
    }
    let events = raw
        .war
        .iter()
        .map(|war| {
            let attacker = war.attacker.index(parties.len());
            let victim = (attacker + 1 + war.victim.index(parties.len() - 1)) % parties.len();
            EventFile {
                id: "attack".to_owned(),
                kind: "armed_attack".to_owned(),
                date: DATES[war.date].to_owned(),
                attacker: Some(parties[attacker].clone()),
                victim: Some(parties[victim].clone()),
                issue: Some("war".to_owned()),
                source: source(),
                ..EventFile::default()
            }
        })
        .collect();
    ScenarioFile {
        parties: parties
            .iter()
            .map(|id| PartyFile {
                id: id.clone(),
                name: format!("Party {id}"),
                kind: "state".to_owned(),
                ..PartyFile::default()
            })
            .collect(),
        issues,
        instruments,
        positions,
        events,
        ..ScenarioFile::default()
    }
}

fn scenario_file() -> impl Strategy<Value = ScenarioFile> {
    raw().prop_map(|raw| build(&raw))
}

fn load(file: &ScenarioFile) -> Scenario {
    match from_file_form(file.clone()) {
        Ok(scenario) => scenario,
        Err(errors) => panic!("the generator made an invalid scenario: {errors}\n{file:#?}"),
    }
}

// ----- helpers -----

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// Every date of the file where anything begins or ends, and the day before the first.
fn change_dates(file: &ScenarioFile) -> Vec<Date> {
    let mut dates: BTreeSet<Date> = BTreeSet::new();
    for instrument in &file.instruments {
        dates.extend(
            instrument
                .in_force
                .iter()
                .chain(&instrument.terminated)
                .map(|it| date(it)),
        );
    }
    for position in &file.positions {
        dates.insert(date(&position.since));
        dates.extend(position.until.iter().map(|it| date(it)));
    }
    for event in &file.events {
        dates.insert(date(&event.date));
    }
    if let Some(before) = dates.first().and_then(|it| it.previous_day()) {
        dates.insert(before);
    }
    dates.into_iter().collect()
}

/// A finding as `check_on` would give it on `day`: its interval that day alone.
fn on_day(finding: &Finding, day: Date) -> Finding {
    let mut it = finding.clone();
    it.during = Interval::new(Some(day), day.next_day());
    it
}

fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap()
}

/// Whether any witness of the finding (the first or another) quotes a clause of `id`.
fn cites(finding: &Finding, id: &str) -> (bool, bool) {
    let witnesses = std::iter::once(&finding.witness).chain(&finding.also);
    let citing: Vec<bool> = witnesses
        .map(|it| {
            it.clauses
                .iter()
                .any(|clause| clause.instrument.as_str() == id)
        })
        .collect();
    (citing.iter().any(|it| *it), citing.iter().all(|it| *it))
}

/// A finding's kind, parties and issue: who is caught, and on what.
fn about(finding: &Finding) -> (Kind, Vec<String>, Option<String>) {
    (
        finding.kind,
        finding.parties.iter().map(ToString::to_string).collect(),
        finding.issue.as_ref().map(ToString::to_string),
    )
}

/// Each clash point by what does not depend on which fact the solver met first (see
/// `adding_an_obligation_never_removes_a_clash_point`).
/// Each issue's clash points, as their canonical texts sorted.
fn by_issue(points: &[allegiance::ClashPoint<'_>]) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for point in points {
        found
            .entry(point.issue().to_string())
            .or_default()
            .push(point.canonical());
    }
    for points in found.values_mut() {
        points.sort();
    }
    found
}

fn clash_keys(clashes: &allegiance::Clashes<'_>) -> BTreeSet<String> {
    clash_key_list(clashes).into_iter().collect()
}

/// Each clash point's key (see `clash_keys`), with repeats, sorted: a point told twice
/// counts twice.
fn clash_key_list(clashes: &allegiance::Clashes<'_>) -> Vec<String> {
    use allegiance::clash::{ClashKind, Requirement};
    let mut keys: Vec<String> = clashes
        .points
        .iter()
        .map(|point| {
            let key = match point.kind() {
                ClashKind::TwoValues => {
                    let mut values: Vec<String> = point
                        .steps()
                        .filter_map(|it| match it.requires {
                            Requirement::Holds(value) => Some(format!("{value:?}")),
                            _ => None,
                        })
                        .collect();
                    values.sort();
                    values.dedup();
                    // On a side, whose side it is; a stance's component has no stable name.
                    let whose: Vec<&str> = point
                        .steps()
                        .filter(|it| {
                            matches!(
                                it.requires,
                                Requirement::Holds(allegiance::clash::Value::Side(_))
                            )
                        })
                        .filter_map(|it| it.parties.first())
                        .map(|it| it.as_str())
                        .take(1)
                        .collect();
                    format!("{values:?} {whose:?}")
                }
                ClashKind::Barred | ClashKind::Opposed => point
                    .steps()
                    .filter(|it| {
                        matches!(
                            it.requires,
                            Requirement::Excludes(_) | Requirement::NotOpposite
                        )
                    })
                    .map(|it| {
                        format!(
                            "{:?} {:?} {:?} {:?}",
                            it.clause, it.bound, it.from, it.requires
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            format!("{} {:?} {key}", point.issue(), point.kind())
        })
        .collect();
    keys.sort();
    keys
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

/// The same file with every list shuffled: entries of each kind, an instrument's parties and
/// clauses, a clause's `bound` and `toward`.
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
        }
    }
    mix.shuffle(&mut file.positions);
    mix.shuffle(&mut file.events);
    file
}

/// The scenario of `raw`, the same holding `extra` as the instrument `extra`, `extra` as a
/// hypothesis on the first, and the change dates of the second.
fn with_hypothesis(
    raw: &Raw,
    extra: &RawInstrument,
) -> (Scenario, Scenario, allegiance::clash::Hypothesis, Vec<Date>) {
    let file = build(raw);
    let parties: Vec<String> = (0..raw.parties).map(party_id).collect();
    let hypothetical = instrument(extra, "extra", &parties);
    let mut more = file.clone();
    more.instruments.push(hypothetical.clone());
    let (before, after) = (load(&file), load(&more));
    let hypothesis = allegiance::clash::Hypothesis::new(&before, &[hypothetical])
        .unwrap_or_else(|errors| panic!("{errors}"));
    (before, after, hypothesis, change_dates(&more))
}

/// Property 5's what-if check: on every change date, the tracker's what-if of `extra` and
/// `clashes_on` on the scenario holding it give the same clash points, each as many times
/// (by `clash_key_list`).
fn what_if_agrees(raw: &Raw, extra: &RawInstrument) -> Result<(), TestCaseError> {
    let (before, after, hypothesis, days) = with_hypothesis(raw, extra);
    for day in days {
        let mut tracker = allegiance::ClashTracker::new(&before, day);
        let base = tracker.clashes();
        let changes = tracker.what_if(&hypothesis);
        prop_assert_eq!(&tracker.clashes(), &base, "left as it was on {}", day);
        let mut shared = allegiance::ClashTracker::on_threads(&before, day, 2);
        prop_assert_eq!(
            &shared.what_if(&hypothesis),
            &changes,
            "on {} on threads",
            day
        );
        prop_assert_eq!(shared.recomputed(), tracker.recomputed());
        let had = by_issue(&base.points);
        let mut points: Vec<allegiance::ClashPoint<'_>> = base
            .points
            .iter()
            .filter(|it| !changes.iter().any(|change| change.issue == it.issue()))
            .cloned()
            .collect();
        for change in &changes {
            let issue = change.issue;
            // Every point it takes away was there.
            let before = tracker.points_on(issue);
            let mut left: Vec<String> = before
                .iter()
                .map(allegiance::ClashPoint::canonical)
                .collect();
            for gone in change.removed.iter().map(allegiance::ClashPoint::canonical) {
                let at = left.iter().position(|it| *it == gone);
                prop_assert!(
                    at.is_some(),
                    "{} on {}: {} removed, not there",
                    issue,
                    day,
                    gone
                );
                left.remove(at.unwrap_or(0));
            }
            let now = change.apply(before);
            prop_assert_eq!(
                now.len(),
                before.len() - change.removed.len() + change.added.len()
            );
            let now = by_issue(&now).remove(issue.as_str()).unwrap_or_default();
            prop_assert_ne!(had.get(issue.as_str()), Some(&now), "{} on {}", issue, day);
            points.extend(change.apply(before));
        }
        let got = clash_key_list(&allegiance::Clashes { date: day, points });
        let expected = clash_key_list(&allegiance::clashes_on(&after, day));
        prop_assert_eq!(got, expected, "on {}", day);
    }
    Ok(())
}

/// The tracker's check: a tracker made on the first change date of `file` and moved to each,
/// forward and then in the order `seed` shuffles them, alone and on two threads, gives the
/// clash points `clashes_on` gives there, and says exactly which issues changed.
fn tracker_agrees(file: &ScenarioFile, seed: u64) -> Result<(), TestCaseError> {
    let scenario = load(file);
    let mut days = change_dates(file);
    let Some(first) = days.first().copied() else {
        return Ok(());
    };
    let mut tracker = allegiance::ClashTracker::new(&scenario, first);
    // The same moves on two threads, which recompute the issues in whatever order the
    // threads take them.
    let mut shared = allegiance::ClashTracker::on_threads(&scenario, first, 2);
    prop_assert_eq!(tracker.clashes(), allegiance::clashes_on(&scenario, first));
    prop_assert_eq!(shared.clashes(), tracker.clashes());
    let forward = days.clone();
    Mix(seed).shuffle(&mut days);
    for day in forward.into_iter().chain(days) {
        let before = tracker.clashes();
        let changed = tracker.advance(day);
        let fresh = allegiance::clashes_on(&scenario, day);
        prop_assert_eq!(&tracker.clashes(), &fresh, "moving to {}", day);
        prop_assert_eq!(
            &shared.advance(day),
            &changed,
            "moving to {} on threads",
            day
        );
        prop_assert_eq!(shared.recomputed(), tracker.recomputed());
        prop_assert_eq!(&shared.clashes(), &fresh, "moving to {} on threads", day);
        // It says exactly which issues changed.
        let differ: BTreeSet<String> = before
            .points
            .iter()
            .chain(&fresh.points)
            .map(|it| it.issue().to_string())
            .filter(|issue| {
                let on = |clashes: &allegiance::Clashes<'_>| -> Vec<String> {
                    clashes
                        .points
                        .iter()
                        .filter(|it| it.issue().as_str() == issue)
                        .map(|it| format!("{it:?}"))
                        .collect()
                };
                on(&before) != on(&fresh)
            })
            .collect();
        let said: BTreeSet<String> = changed.iter().map(ToString::to_string).collect();
        prop_assert_eq!(said, differ, "moving to {}", day);
    }
    Ok(())
}

/// 256 cases (`PROPTEST_CASES` overrides), failures kept in `proptest-regressions/`.
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|it| it.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/guarantees.txt",
        ))),
        ..ProptestConfig::with_cases(cases)
    }
}

// ----- the properties -----

proptest! {
    #![proptest_config(cases())]

    /// 1. On every change date, the findings of the timeline that hold that day are those of
    /// the check of that day, field for field (the interval set to the day).
    #[test]
    fn the_timeline_agrees_with_each_change_date(file in scenario_file()) {
        let scenario = load(&file);
        let timeline = allegiance::check(&scenario);
        for day in change_dates(&file) {
            let mut from_timeline: Vec<Finding> = timeline
                .findings()
                .iter()
                .filter(|it| it.during.contains(day))
                .map(|it| on_day(it, day))
                .collect();
            let mut on_its_own = allegiance::check_on(&scenario, day).findings().to_vec();
            let order = |it: &Finding| serde_json::to_string(it).unwrap();
            from_timeline.sort_by_key(order);
            on_its_own.sort_by_key(order);
            prop_assert_eq!(
                &from_timeline,
                &on_its_own,
                "on {}: the timeline says\n{}\nthe day on its own\n{}",
                day,
                timeline,
                allegiance::check_on(&scenario, day)
            );
        }
    }

    /// 2′. What property 2 needs of the engine's search alone, which holds today: with one
    /// more instrument of obligation clauses, every issue that has a contradiction on a date
    /// still has one that day (the constraints only grow, and the decision is exact).
    #[test]
    fn adding_an_obligation_never_clears_an_issue(raw in raw(), extra in raw_instrument()) {
        let file = build(&raw);
        let mut extra = extra;
        for clause in &mut extra.clauses {
            clause.modality = 0;
        }
        let mut more = file.clone();
        let parties: Vec<String> = (0..raw.parties).map(party_id).collect();
        more.instruments.push(instrument(&extra, "extra", &parties));
        let (before, after) = (load(&file), load(&more));
        for day in change_dates(&more) {
            let was = allegiance::check_on(&before, day);
            let is = allegiance::check_on(&after, day);
            let issues = |report: &Report| -> BTreeSet<Option<String>> {
                report
                    .contradictions()
                    .map(|it| it.issue.as_ref().map(ToString::to_string))
                    .collect()
            };
            let (had, has) = (issues(&was), issues(&is));
            prop_assert!(had.is_subset(&has), "on {}: {:?} ⊄ {:?}\nbefore:\n{}\nafter:\n{}", day, had, has, was, is);
        }
    }

    /// 2 at the level of facts, exact: with one more instrument of obligation clauses, every
    /// clash point of a date is still a clash point that day. A clash point is known by what
    /// does not depend on which fact the solver met first: its issue and kind; for two values,
    /// the values and, on a side in a war, whose side; for an exclusion or a non-opposition,
    /// the clause, bound party and beneficiary where it breaks (and the value excluded).
    #[test]
    fn adding_an_obligation_never_removes_a_clash_point(raw in raw(), extra in raw_instrument()) {
        let file = build(&raw);
        let mut extra = extra;
        for clause in &mut extra.clauses {
            clause.modality = 0;
        }
        let mut more = file.clone();
        let parties: Vec<String> = (0..raw.parties).map(party_id).collect();
        more.instruments.push(instrument(&extra, "extra", &parties));
        let (before, after) = (load(&file), load(&more));
        for day in change_dates(&more) {
            let had = clash_keys(&allegiance::clashes_on(&before, day));
            let has = clash_keys(&allegiance::clashes_on(&after, day));
            let lost: Vec<&String> = had.difference(&has).collect();
            prop_assert!(lost.is_empty(), "on {}: lost {:?}\nbefore {:?}\nafter {:?}", day, lost, had, has);
        }
    }

    /// What-if at the level of facts: the tracker's answer to one more instrument is what
    /// `clashes_on` finds on the scenario that holds it, on every change date, clash point
    /// for clash point (known as in property 2: the hypothesis's clauses rank after the
    /// scenario's, so where two clauses say the same the solver may cite the other one).
    /// Every issue it reports has points other than before, and the tracker is left as it
    /// was.
    #[test]
    fn the_trackers_what_if_agrees_with_the_scenario_holding_the_instrument(
        raw in raw(),
        extra in raw_instrument(),
    ) {
        what_if_agrees(&raw, &extra)?;
    }

    /// As above, with an instrument of no-harm clauses only: the what-if patches in the
    /// barred points they add to issues without a war, rather than recomputing them (any
    /// instrument does so with a small chance above, this one always).
    #[test]
    fn the_trackers_what_if_of_no_harm_agrees_with_the_scenario_holding_it(
        raw in raw(),
        mut extra in raw_instrument(),
    ) {
        for clause in &mut extra.clauses {
            clause.action = NO_HARM;
        }
        what_if_agrees(&raw, &extra)?;
        // No clause of the scenario says what these do (each exclusion is a point of its
        // own), and the fact a value is carried from does not depend on clause ranks: so
        // each changed issue's points are exactly those of the scenario holding it.
        // On a tracker made on each day, and on one moved there from the first: the stances
        // it keeps for each issue must follow the date.
        let (before, after, hypothesis, days) = with_hypothesis(&raw, &extra);
        let mut moved = days.first().map(|day| allegiance::ClashTracker::new(&before, *day));
        for day in days {
            let mut fresh = allegiance::ClashTracker::new(&before, day);
            let expected = by_issue(&allegiance::clashes_on(&after, day).points);
            let mut trackers = vec![&mut fresh];
            if let Some(moved) = moved.as_mut() {
                moved.advance(day);
                trackers.push(moved);
            }
            for tracker in trackers {
                let mut then = by_issue(&tracker.clashes().points);
                for change in tracker.what_if(&hypothesis) {
                    // Without a war, no-harm clauses only add points.
                    prop_assert!(change.removed.is_empty(), "{} on {}", change.issue, day);
                    let points = change.apply(tracker.points_on(change.issue));
                    let id = change.issue.as_str();
                    match by_issue(&points).remove(id) {
                        Some(points) => then.insert(id.to_owned(), points),
                        None => then.remove(id),
                    };
                }
                // Every issue, changed or not: none is missed.
                prop_assert_eq!(&then, &expected, "on {}", day);
            }
        }
    }

    /// 3 at the level of facts: removing every clause of an instrument never adds a clash
    /// point (known as in property 2), and leaves none that cites one of its clauses. When
    /// the instrument has no strict alignment (so the components stay as they were), it
    /// removes exactly the clash points that cite it: every other stays.
    #[test]
    fn removing_an_instrument_removes_exactly_the_clash_points_citing_it(
        file in scenario_file(),
        which in any::<Index>(),
    ) {
        let at = which.index(file.instruments.len());
        let id = file.instruments[at].id.clone();
        let mut fewer = file.clone();
        fewer.instruments[at].clauses.clear();
        let strict = file.instruments[at]
            .clauses
            .iter()
            .any(|it| it.action == "align" && it.reading.as_deref() != Some("loose"));
        let (before, after) = (load(&file), load(&fewer));
        let cites = |point: &allegiance::ClashPoint<'_>| {
            point.steps().any(|it| it.clause.is_some_and(|(of, _)| of.as_str() == id))
        };
        for day in change_dates(&file) {
            let was = allegiance::clashes_on(&before, day);
            let had = clash_keys(&was);
            let clashes = allegiance::clashes_on(&after, day);
            let has = clash_keys(&clashes);
            let new: Vec<&String> = has.difference(&had).collect();
            prop_assert!(new.is_empty(), "on {}, without {}: new {:?}", day, id, new);
            if !strict {
                let mut others = was.clone();
                others.points.retain(|it| !cites(it));
                let kept = clash_keys(&others);
                let lost: Vec<&String> = kept.difference(&has).collect();
                prop_assert!(lost.is_empty(), "on {}, without {}: lost {:?}", day, id, lost);
            }
            for point in &clashes.points {
                prop_assert!(!cites(point), "on {}: {:?} cites {}", day, point, id);
            }
        }
    }

    /// The two layers agree: on every change date, an issue has a clash point exactly when
    /// the report has a contradiction on it.
    #[test]
    fn clash_points_and_contradictions_are_on_the_same_issues(file in scenario_file()) {
        let scenario = load(&file);
        for day in change_dates(&file) {
            let points: BTreeSet<String> = allegiance::clashes_on(&scenario, day)
                .points
                .iter()
                .map(|it| it.issue().to_string())
                .collect();
            let report = allegiance::check_on(&scenario, day);
            let contradictions: BTreeSet<String> = report
                .contradictions()
                .filter_map(|it| it.issue.as_ref().map(ToString::to_string))
                .collect();
            prop_assert_eq!(&points, &contradictions, "on {}\n{}", day, report);
        }
    }

    /// Sharing the work out among threads changes nothing: on every change date, the points
    /// on two and on three threads are `clashes_on`'s, in the same order. (Each issue is
    /// computed alone from one view; the threads take issues as they finish, so which
    /// thread computes which issue varies from run to run, and the order must come from
    /// the issues' ids, not from the threads.)
    #[test]
    fn the_check_on_threads_agrees_with_clashes_on(file in scenario_file()) {
        let scenario = load(&file);
        for day in change_dates(&file) {
            let one = allegiance::clashes_on(&scenario, day);
            for threads in [2, 3] {
                let shared = allegiance::clashes_on_threads(&scenario, day, threads);
                prop_assert_eq!(&shared, &one, "on {} with {} threads", day, threads);
            }
        }
    }

    /// The tracker recomputes only the issues a move between dates can change, so what it
    /// keeps must equal a fresh computation: on every change date, reached forward in order
    /// and then in a shuffled order (backward moves too), its points are exactly
    /// `clashes_on`'s, in the same order.
    #[test]
    fn the_tracker_agrees_with_clashes_on_every_change_date(
        file in scenario_file(),
        seed in any::<u64>(),
    ) {
        tracker_agrees(&file, seed)?;
    }

    /// As above, on worlds whose strict-alignment components move around duties of no harm
    /// at nearly every change date (see `raw_moving`): the tracker's patch of a component
    /// change, which takes out and retells the barred points whose value's first holder
    /// changed, against a fresh computation.
    #[test]
    fn the_tracker_agrees_with_clashes_on_as_components_move(
        raw in raw_moving(),
        seed in any::<u64>(),
    ) {
        tracker_agrees(&build(&raw), seed)?;
    }

    /// The what-if of one more strict alignment on such a world (see `raw_moving`): its
    /// change is patched as a move's, and must give the points of the scenario holding it.
    #[test]
    fn the_trackers_what_if_of_an_alignment_agrees_as_components_move(
        raw in raw_moving(),
        mut extra in raw_instrument(),
    ) {
        extra.binding = true;
        for clause in &mut extra.clauses {
            *clause = obligation(STRICT, None);
        }
        what_if_agrees(&raw, &extra)?;
    }

    /// 3′. What property 3 needs of the engine's search alone, which holds today: removing
    /// every clause of an instrument `I`, on every change date,
    /// (a) no issue gains a contradiction (the constraints only shrink, and whether an
    ///     issue's constraints can all be kept is decided exactly);
    /// (b) no finding quotes `I`.
    /// That a finding none of whose witnesses quotes `I` stays does not hold today: the
    /// engine tells each pair of values met in a strict-alignment component from its nearest
    /// facts only, so which parties' findings are reported depends on the component's shape,
    /// which `I`'s clauses change.
    #[test]
    fn removing_an_instrument_changes_only_what_quoted_it(
        file in scenario_file(),
        which in any::<Index>(),
    ) {
        let at = which.index(file.instruments.len());
        let id = file.instruments[at].id.clone();
        let mut fewer = file.clone();
        fewer.instruments[at].clauses.clear();
        let (before, after) = (load(&file), load(&fewer));
        for day in change_dates(&file) {
            let was = allegiance::check_on(&before, day);
            let is = allegiance::check_on(&after, day);
            let context = || format!("on {day}, without the clauses of {id}\nbefore:\n{was}\nafter:\n{is}");
            let issues = |report: &Report| -> BTreeSet<Option<String>> {
                report
                    .contradictions()
                    .map(|it| it.issue.as_ref().map(ToString::to_string))
                    .collect()
            };
            let (had, has) = (issues(&was), issues(&is));
            prop_assert!(has.is_subset(&had), "(a) {:?} ⊄ {:?}\n{}", has, had, context());
            for finding in is.findings() {
                prop_assert!(!cites(finding, &id).0, "(b) {:?}\n{}", about(finding), context());
            }
        }
    }

    /// 4. The report, as JSON and as text, is the same byte for byte whatever the order of
    /// the file's entries and of the lists inside them.
    #[test]
    fn the_report_ignores_the_order_of_the_file(file in scenario_file(), seed in any::<u64>()) {
        let (scenario, other) = (load(&file), load(&shuffled(&file, seed)));
        let (report, reordered) = (allegiance::check(&scenario), allegiance::check(&other));
        prop_assert_eq!(json(&report), json(&reordered));
        prop_assert_eq!(report.to_string(), reordered.to_string());
        for day in change_dates(&file) {
            prop_assert_eq!(
                json(&allegiance::check_on(&scenario, day)),
                json(&allegiance::check_on(&other, day))
            );
        }
    }

    /// 5. The same file form written as TOML and as JSON (by their serialisers, not by the
    /// crate's `save`) loads into scenarios whose reports are the same byte for byte.
    #[test]
    fn toml_and_json_give_the_same_report(file in scenario_file()) {
        let toml_text = toml::to_string(&file).unwrap();
        let json_text = serde_json::to_string(&file).unwrap();
        let from_toml = allegiance::load::from_toml_str(&toml_text).unwrap();
        let from_json = allegiance::load::from_json_str(&json_text).unwrap();
        let (toml_report, json_report) = (allegiance::check(&from_toml), allegiance::check(&from_json));
        prop_assert_eq!(json(&toml_report), json(&json_report));
        prop_assert_eq!(toml_report.to_string(), json_report.to_string());
    }
}

// ----- properties 2 and 3 on reported findings -----
//
// At the level of facts (clash points), property 2 and the half of property 3 that can be
// stated without the strict-alignment paths hold exactly (above). On reported findings they
// hold in the weaker forms 2′ and 3′: a pair of values met in a strict-alignment component is
// told once, from its nearest facts, so a third party on a longer path between the same two
// holders is not named when a shorter path appears
// (`a_shorter_path_between_two_holders_names_only_its_own_parties`). Naming every such party
// would mean one finding per party per issue, which on a world-sized scenario is quadratic;
// the clash point is the unit that stays exact at every size.

#[test]
fn the_generator_makes_timelines_with_several_change_points_and_findings() {
    // A fixed sample of the generator: most scenarios have several change dates, and the
    // properties see findings of every contradiction kind.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut several_dates = 0;
    let mut kinds = BTreeSet::new();
    for _ in 0..200 {
        let file = scenario_file().new_tree(&mut runner).unwrap().current();
        if change_dates(&file).len() >= 4 {
            several_dates += 1;
        }
        let report = allegiance::check(&load(&file));
        kinds.extend(report.findings().iter().map(|it| it.kind));
    }
    assert!(several_dates > 100, "{several_dates} of 200");
    assert!(kinds.contains(&Kind::Conflict), "{kinds:?}");
    assert!(kinds.contains(&Kind::Violation), "{kinds:?}");
    assert!(kinds.contains(&Kind::Tension), "{kinds:?}");
    let _ = date("2000-01-01");
}

#[test]
fn the_moving_generator_moves_barred_points_between_dates() {
    // `raw_moving` is there to make worlds whose barred points change from one change date
    // to the next; a fixed sample of it must have many.
    use allegiance::clash::ClashKind;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    assert_eq!(ACTIONS[STRICT], ("align", Some("strict")));
    assert_eq!(ACTIONS[NO_HARM], ("no_harm", None));
    let mut runner = TestRunner::deterministic();
    let mut moving = 0;
    for _ in 0..200 {
        let file = build(&raw_moving().new_tree(&mut runner).unwrap().current());
        let scenario = load(&file);
        let barred: Vec<Vec<String>> = change_dates(&file)
            .into_iter()
            .map(|day| {
                let clashes = allegiance::clashes_on(&scenario, day);
                (clashes.points.iter())
                    .filter(|it| it.kind() == ClashKind::Barred)
                    .map(allegiance::ClashPoint::canonical)
                    .collect()
            })
            .collect();
        if barred
            .windows(2)
            .any(|it| it[0] != it[1] && !it[1].is_empty())
        {
            moving += 1;
        }
    }
    // 89 of 200 when this was written; the tracker's patches need only some.
    assert!(moving > 60, "{moving} of 200");
}

// ----- properties 2 and 3 on reported findings, minimal cases -----

const THREE_STATES: &str = r#"
[[parties]]
id = "P0"
name = "P0"
kind = "state"

[[parties]]
id = "P1"
name = "P1"
kind = "state"

[[parties]]
id = "P2"
name = "P2"
kind = "state"
"#;

/// A pact binding `parties` (TOML list) with one clause, its last lines given.
fn pact(id: &str, parties: &str, clause: &str) -> String {
    format!(
        r#"
[[instruments]]
id = "{id}"
name = "{id}"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = {parties}
in_force = "2000-01-01"
source = "x"

[[instruments.clauses]]
label = "1"
text = "{id}"
modality = "obligation"
{clause}
"#
    )
}

/// The parties and issues of each finding, with its kind, as `(kind parties issue)`.
fn summary(report: &Report) -> Vec<String> {
    report
        .findings()
        .iter()
        .map(|it| {
            let (kind, parties, issue) = about(it);
            format!(
                "{} {} {}",
                kind.name(),
                parties.join(","),
                issue.unwrap_or_default()
            )
        })
        .collect()
}

/// What used to break property 2, fixed since (every clash point of an issue is now told):
/// P2 is bound to hold P0's stance and not to oppose P1's; P1 attacks P0, so P2 has a
/// conflict whatever it does; a pact binding P0 and P1 to the same stance adds P1's
/// violation and keeps P2's conflict.
#[test]
fn adding_an_alignment_keeps_a_third_partys_no_harm_conflict() {
    let (before, after) = third_party(
        r#"action = "no_harm"
bound = ["P2"]"#,
    );
    let day = date("2001-01-01");
    let was = allegiance::check_on(&allegiance::load::from_toml_str(&before).unwrap(), day);
    let is = allegiance::check_on(&allegiance::load::from_toml_str(&after).unwrap(), day);
    assert_eq!(summary(&was), ["conflict P2 war"], "{was}");
    assert_eq!(
        summary(&is),
        ["violation P1 war", "conflict P2 war"],
        "{is}"
    );
}

/// P0 and P2 under an alliance that binds P2 to P0's stance, and P2 bound by a second
/// instrument not to take the stance opposite to P1's (`friend`'s clause, given); then P1
/// attacks P0, and a third pact binds P0 and P1 to the same stance.
fn third_party(friend: &str) -> (String, String) {
    let before = format!(
        "{THREE_STATES}{}{}
[[events]]
id = \"attack\"
kind = \"armed_attack\"
date = \"2001-01-01\"
attacker = \"P1\"
victim = \"P0\"
issue = \"war\"
source = \"x\"
",
        pact(
            "ally",
            r#"["P0", "P2"]"#,
            "action = \"align\"\nbound = [\"P2\"]"
        ),
        pact("friend", r#"["P1", "P2"]"#, friend),
    );
    let after = format!(
        "{before}{}",
        pact("pact", r#"["P0", "P1"]"#, "action = \"align\"")
    );
    (before, after)
}

/// What used to break property 2, fixed since (a loose alignment inside a component is a
/// clash point of its own): as above, but P2's second duty is a loose alignment with P1 (not
/// the stance opposite to P1's). P2 has a conflict whatever it does, and keeps it when the
/// pact binding P0 and P1 to the same stance is added, since its witness (the alliance, the
/// loose alignment and the attack) still cannot all be kept; the pact adds P1's violation.
#[test]
fn adding_an_alignment_keeps_a_third_partys_loose_conflict() {
    let (before, after) = third_party(
        r#"action = "align"
reading = "loose"
bound = ["P2"]"#,
    );
    let day = date("2001-01-01");
    let was = allegiance::check_on(&allegiance::load::from_toml_str(&before).unwrap(), day);
    let is = allegiance::check_on(&allegiance::load::from_toml_str(&after).unwrap(), day);
    assert_eq!(
        summary(&was),
        ["imbalance P0,P1,P2 war", "conflict P2 war"],
        "{was}"
    );
    assert_eq!(
        summary(&is),
        [
            "imbalance P0,P1,P2 war",
            "violation P1 war",
            "conflict P2 war"
        ],
        "{is}"
    );
    let conflict = &is.findings()[2];
    let clauses: Vec<&str> = conflict
        .witness
        .clauses
        .iter()
        .map(|it| it.instrument.as_str())
        .collect();
    assert_eq!(clauses, ["ally", "friend"], "{is}");
}

/// What used to break property 3, fixed since: P0 opposes, P2 supports; all three are bound
/// to similar positions (loose alignment), and P0 and P2 also to the same (strict). The
/// violation of P0 and P2 has two minimal witnesses, the loose alignment between them and the
/// strict pact, and both are listed; P1's narrow way out (only neutrality keeps its loose
/// alignments with P0 and P2) rests on no strict pact and is reported with it or without.
/// Before, the loose alignment between two parties of one component was dropped, and the
/// bars on P1 were read after the component's clash had dropped one of its values.
#[test]
fn a_strict_pact_hides_neither_another_witness_nor_a_third_partys_way_out() {
    let positions = r#"
[[issues]]
id = "q"
title = "q"
domain = "foreign_policy"

[[positions]]
party = "P0"
issue = "q"
stance = "oppose"
since = "2000-01-01"
source = "x"

[[positions]]
party = "P2"
issue = "q"
stance = "support"
since = "2000-01-01"
source = "x"
"#;
    let loose = pact(
        "loose",
        r#"["P0", "P1", "P2"]"#,
        "action = \"align\"\nreading = \"loose\"",
    )
    .replace("bilateral", "multilateral");
    let without = format!("{THREE_STATES}{positions}{loose}");
    let with = format!(
        "{without}{}",
        pact("strict", r#"["P0", "P2"]"#, "action = \"align\"")
    );
    let day = date("2001-01-01");
    let was = allegiance::check_on(&allegiance::load::from_toml_str(&with).unwrap(), day);
    let is = allegiance::check_on(&allegiance::load::from_toml_str(&without).unwrap(), day);
    assert_eq!(
        summary(&is),
        ["imbalance P0,P1,P2 q", "violation P0,P2 q", "tension P1 q"],
        "{is}"
    );
    let violation = &was.findings()[1];
    let witnesses: Vec<Vec<&str>> = std::iter::once(&violation.witness)
        .chain(&violation.also)
        .map(|it| it.clauses.iter().map(|c| c.instrument.as_str()).collect())
        .collect();
    assert_eq!(witnesses, [["loose"], ["strict"]], "{was}");
    assert_eq!(
        summary(&was),
        ["imbalance P0,P1,P2 q", "violation P0,P2 q", "tension P1 q"],
        "{was}"
    );
}

/// Property 1 on a case the generator above does not make, found by `fuzz_engine`: which
/// obligation prevails may change over a finding's life while its witness does not. S4
/// attacks S1 while both are members of ORG, whose charter binds S3 to assist S4 (offense);
/// S3 has also promised S1 non-aggression. While S1 is a member, S4's attack is a material
/// breach of the charter that lets S3 suspend its duty toward S4 (VCLT art. 60(2)(b)); once
/// S1 has left, it is not, and the law leaves S3's conflict unresolved. The timeline must
/// report the two periods apart, as `check_on` sees each day.
#[test]
fn the_timeline_splits_a_finding_when_the_law_on_it_changes() {
    let text = format!(
        "{THREE_STATES}
[[parties]]
id = \"ORG\"
name = \"ORG\"
kind = \"organisation\"
members = [
  {{ party = \"P0\", since = \"2000-01-01\" }},
  {{ party = \"P1\", since = \"2000-01-01\", until = \"2010-01-01\" }},
  {{ party = \"P2\", since = \"2000-01-01\" }},
]

[[instruments]]
id = \"charter\"
name = \"charter\"
kind = \"charter\"
force = \"binding\"
form = \"multilateral\"
members_of = \"ORG\"
in_force = \"2000-01-01\"
source = \"x\"

[[instruments.clauses]]
label = \"1\"
text = \"assist\"
modality = \"obligation\"
action = \"offense\"
{}
[[events]]
id = \"attack\"
kind = \"armed_attack\"
date = \"2005-01-01\"
attacker = \"P0\"
victim = \"P1\"
issue = \"war\"
source = \"x\"
",
        pact(
            "peace",
            r#"["P1", "P2"]"#,
            "action = \"non_aggression\"\nbound = [\"P2\"]"
        ),
    );
    let scenario = allegiance::load::from_toml_str(&text).unwrap();
    let timeline = allegiance::check(&scenario);
    for day in ["2005-01-01", "2009-12-31", "2010-01-01", "2020-01-01"] {
        let day = date(day);
        let mut from_timeline: Vec<Finding> = timeline
            .findings()
            .iter()
            .filter(|it| it.during.contains(day))
            .map(|it| on_day(it, day))
            .collect();
        let mut on_its_own = allegiance::check_on(&scenario, day).findings().to_vec();
        let order = |it: &Finding| serde_json::to_string(it).unwrap();
        from_timeline.sort_by_key(order);
        on_its_own.sort_by_key(order);
        assert_eq!(from_timeline, on_its_own, "on {day}:\n{timeline}");
    }
    // P2's conflict is reported twice: resolvable until P1 leaves ORG, unresolved after.
    let conflicts: Vec<&Finding> = timeline
        .findings()
        .iter()
        .filter(|it| it.kind == Kind::Conflict)
        .collect();
    assert_eq!(conflicts.len(), 2, "{timeline}");
    assert_eq!(conflicts[0].during.end, Some(date("2010-01-01")));
    assert_eq!(conflicts[1].during.start, Some(date("2010-01-01")));
}

/// Property 2 on reported findings, its known gap: P0 is neutral and P1 supports; P2 is
/// strictly aligned with both, so P2 cannot keep both alignments (a conflict). A political
/// pact then aligns P0 and P1 directly. P2's conflict still holds, since its witness is
/// untouched, but the component's pair of values (neutral, support) is told once, from the
/// nearest facts, and the nearest path is now the pact: the report names P0 and P1 (a
/// tension, the pact being political), not P2. The clash point itself is kept (property 2 at
/// the level of facts), so `clashes_on` still shows it.
#[test]
fn a_shorter_path_between_two_holders_names_only_its_own_parties() {
    let positions = r#"
[[issues]]
id = "q"
title = "q"
domain = "foreign_policy"

[[positions]]
party = "P0"
issue = "q"
stance = "neutral"
since = "2000-01-01"
source = "x"

[[positions]]
party = "P1"
issue = "q"
stance = "support"
since = "2000-01-01"
source = "x"
"#;
    let before = format!(
        "{THREE_STATES}{positions}{}{}",
        pact("a", r#"["P0", "P2"]"#, "action = \"align\""),
        pact("b", r#"["P2", "P1"]"#, "action = \"align\"")
    );
    let after = format!(
        "{before}{}",
        pact("direct", r#"["P0", "P1"]"#, "action = \"align\"")
            .replace("force = \"binding\"", "force = \"political\"")
    );
    let day = date("2001-01-01");
    let (was_scenario, is_scenario) = (
        allegiance::load::from_toml_str(&before).unwrap(),
        allegiance::load::from_toml_str(&after).unwrap(),
    );
    let was = allegiance::check_on(&was_scenario, day);
    let is = allegiance::check_on(&is_scenario, day);
    assert_eq!(summary(&was), ["conflict P2 q"], "{was}");
    assert_eq!(summary(&is), ["tension P0,P1 q"], "{is}");
    let points = |scenario| clash_keys(&allegiance::clashes_on(scenario, day));
    assert_eq!(points(&was_scenario), points(&is_scenario));
}
