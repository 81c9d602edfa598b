//! A fuzzer for the engine that runs on a stable toolchain (cargo-fuzz needs nightly).
//!
//! It generates structurally valid scenarios (states, an organisation with memberships and
//! their accession and withdrawal events, an entity, territories and recognitions,
//! user-defined actions, issues, instruments of every kind and form with clauses of every
//! action, `subject_to` without cycles, savings, dated positions, armed attacks), loads them
//! through `load::from_file_form`, and runs `check`, `check_on` (on every date of change and
//! one more), `latent` and `check_with` on each, checking under `std::panic::catch_unwind`
//! that nothing panics and that:
//!
//! * every finding's witness, and each of its other witnesses, is non-empty, and its chain
//!   points at clauses it quotes;
//! * every report is the same on a second run (JSON compared byte for byte);
//! * the timeline agrees with each date of change checked on its own;
//! * `check_on`'s findings hold on that day; the timeline's intervals are not empty;
//! * `check_with` keeps within its limits and says when it cut;
//! * the scenario saves to TOML and JSON and reloads equal;
//! * the text renderings carry no raw control character.
//!
//! A scenario that breaks one is saved (as TOML) to `fuzz/crashes/`, and the run goes on.
//!
//! ```sh
//! cargo run --release --example fuzz_engine -- --seconds 1800   # 30 minutes
//! cargo run --release --example fuzz_engine -- --seconds 60 --seed 7
//! ```
//!
//! Options: `--seconds N` (default 5), `--seed N` (default: from the clock, printed). Exits
//! with status 1 if any scenario broke an invariant or panicked.

use std::collections::BTreeSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use allegiance::spec::{
    ActionFile, ClauseFile, EventFile, InstrumentFile, IssueFile, MembershipFile, PartyFile,
    PositionFile, ScenarioFile, SourceFile, TerritoryFile,
};
use allegiance::{Date, Interval, Limits, Report, Scenario};

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        let bound = u64::try_from(bound.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next() % bound).unwrap_or(0)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    /// A subset of `items`, each kept with the given chance, in order.
    fn subset<T: Clone>(&mut self, items: &[T], percent: usize) -> Vec<T> {
        items
            .iter()
            .filter(|_| self.chance(percent))
            .cloned()
            .collect()
    }
}

const DOMAINS: [&str; 4] = ["foreign_policy", "security", "economy", "culture"];
const BUILT_IN: [&str; 9] = [
    "align",
    "consult",
    "defend",
    "offense",
    "neutrality",
    "non_aggression",
    "no_harm",
    "respect_integrity",
    "no_hostile_alliance",
];
/// Texts, some of them hostile: quotes, escapes, control and invisible characters.
const TEXTS: [&str; 8] = [
    "The Parties shall coordinate their positions.",
    "« Les Parties se prêtent assistance » — art. 4",
    "Стороны оказывают друг другу помощь",
    "quote \" and backslash \\ and 'single'",
    "line one\nline two\ttabbed",
    "bell \u{7} escape \u{1b}[31m nul \u{0}",
    "bidi \u{202e}desrever\u{202c} zero\u{200b}width",
    "🇺🇦 🇷🇺 中文",
];

fn source(rng: &mut Rng) -> SourceFile {
    SourceFile {
        citation: rng.pick(&TEXTS).copied().unwrap_or("x").to_owned(),
        url: rng.chance(20).then(|| "https://example.org/x".to_owned()),
        assumption: rng.chance(10).then(|| "generated".to_owned()),
    }
}

/// Eight dates of change, in order: the scenario's timeline.
fn dates(rng: &mut Rng) -> Vec<String> {
    let mut days: BTreeSet<(u32, u32, u32)> = BTreeSet::new();
    while days.len() < 8 {
        let year = 1990 + u32::try_from(rng.below(36)).unwrap_or(0);
        let month = 1 + u32::try_from(rng.below(12)).unwrap_or(0);
        let day = 1 + u32::try_from(rng.below(28)).unwrap_or(0);
        days.insert((year, month, day));
    }
    days.into_iter()
        .map(|(year, month, day)| format!("{year:04}-{month:02}-{day:02}"))
        .collect()
}

/// One membership of the organisation, within its life (dates by index into `dates`).
struct Member {
    party: String,
    since: usize,
    until: Option<usize>,
}

#[allow(
    clippy::too_many_lines,
    reason = "one generator, read top to bottom in the order of the file"
)]
fn generate(rng: &mut Rng) -> ScenarioFile {
    let dates = dates(rng);
    let date = |at: usize| dates.get(at).cloned().unwrap_or_default();
    let states: Vec<String> = (0..2 + rng.below(5)).map(|at| format!("S{at}")).collect();
    let entity = rng.chance(30).then(|| "ENT".to_owned());
    let fighters: Vec<String> = states.iter().cloned().chain(entity.clone()).collect();
    let mut parties: Vec<PartyFile> = fighters
        .iter()
        .map(|id| PartyFile {
            id: id.clone(),
            name: format!("Party {id}"),
            kind: if id == "ENT" { "entity" } else { "state" }.to_owned(),
            ..PartyFile::default()
        })
        .collect();

    // An organisation, alive from dates[0] (or always), its members within its life.
    let mut members: Vec<Member> = Vec::new();
    let organisation = rng.chance(50).then(|| "ORG".to_owned());
    if let Some(id) = &organisation {
        let born = rng.chance(50).then_some(0);
        for state in &states {
            if rng.chance(60) {
                let since = born.unwrap_or(0) + rng.below(4);
                let until = rng.chance(30).then(|| since + 1 + rng.below(3));
                members.push(Member {
                    party: state.clone(),
                    since,
                    until,
                });
            }
        }
        parties.push(PartyFile {
            id: id.clone(),
            name: "An organisation".to_owned(),
            kind: "organisation".to_owned(),
            since: born.map(date),
            members: members
                .iter()
                .map(|it| MembershipFile {
                    party: it.party.clone(),
                    since: Some(date(it.since)),
                    until: it.until.map(date),
                    source: rng.chance(30).then(|| source(rng)),
                })
                .collect(),
            source: rng.chance(50).then(|| source(rng)),
            ..PartyFile::default()
        });
    }

    let territories: Vec<TerritoryFile> = (0..rng.below(3))
        .map(|at| TerritoryFile {
            id: format!("T{at}"),
            name: format!("Territory {at}"),
            belongs_to: rng.pick(&states).cloned().unwrap_or_default(),
            source: None,
        })
        .collect();

    let mut actions: Vec<ActionFile> = Vec::new();
    for at in 0..rng.below(3) {
        let mut incompatible: Vec<String> = rng
            .subset(&["neutrality", "defend", "align", "no_harm"], 30)
            .into_iter()
            .map(str::to_owned)
            .collect();
        incompatible.extend(
            actions
                .iter()
                .filter(|_| rng.chance(50))
                .map(|it| it.id.clone()),
        );
        actions.push(ActionFile {
            id: format!("act{at}"),
            description: format!("User action {at}"),
            incompatible_with: incompatible,
        });
    }
    let action_names: Vec<String> = BUILT_IN
        .iter()
        .map(|it| (*it).to_owned())
        .chain(actions.iter().map(|it| it.id.clone()))
        .collect();

    let issues: Vec<IssueFile> = (0..1 + rng.below(3))
        .map(|at| IssueFile {
            id: format!("q{at}"),
            title: format!("Question {at}"),
            domain: rng.pick(&DOMAINS).copied().unwrap_or("security").to_owned(),
            source: None,
        })
        .collect();

    let mut instruments: Vec<InstrumentFile> = Vec::new();
    for at in 0..1 + rng.below(6) {
        let id = format!("i{at}");
        let signed_at = rng.below(6);
        let in_force_at = signed_at + rng.below(2);
        let (signed, in_force) = match rng.below(3) {
            0 => (Some(date(signed_at)), None),
            1 => (None, Some(date(in_force_at))),
            _ => (Some(date(signed_at)), Some(date(in_force_at))),
        };
        let start = if in_force.is_some() {
            in_force_at
        } else {
            signed_at
        };
        let terminated = (rng.chance(25) && start + 1 < dates.len())
            .then(|| date(start + 1 + rng.below(dates.len() - start - 1)));
        let (form, listed, members_of) = match (rng.below(3), &organisation) {
            (0, Some(organisation)) => ("multilateral", Vec::new(), Some(organisation.clone())),
            (1, _) if fighters.len() >= 2 => {
                let first = rng.below(fighters.len());
                let second = (first + 1 + rng.below(fighters.len() - 1)) % fighters.len();
                let pair = [first, second]
                    .iter()
                    .filter_map(|it| fighters.get(*it).cloned())
                    .collect();
                ("bilateral", pair, None)
            }
            _ => {
                let mut listed = rng.subset(&fighters, 60);
                if listed.is_empty() {
                    listed.clone_from(&fighters);
                }
                ("multilateral", listed, None)
            }
        };
        let mut clauses = Vec::new();
        for label in 0..1 + rng.below(3) {
            let action = rng.pick(&action_names).cloned().unwrap_or_default();
            let is = |name: &str| action == name;
            // Who a clause names must be a party: only for listed parties.
            let named = |rng: &mut Rng| {
                (!listed.is_empty() && rng.chance(25))
                    .then(|| rng.subset(&listed, 60))
                    .filter(|it| !it.is_empty())
            };
            let bound = named(rng);
            let toward = named(rng);
            clauses.push(ClauseFile {
                label: format!("art. {}", label + 1),
                text: rng.pick(&TEXTS).copied().unwrap_or("x").to_owned(),
                translation: rng.chance(10).then(|| "a translation".to_owned()),
                modality: rng
                    .pick(&[
                        "obligation",
                        "obligation",
                        "obligation",
                        "prohibition",
                        "permission",
                    ])
                    .copied()
                    .unwrap_or("obligation")
                    .to_owned(),
                reading: (is("align") && rng.chance(70)).then(|| {
                    rng.pick(&["strict", "loose"])
                        .copied()
                        .unwrap_or("strict")
                        .to_owned()
                }),
                scope: if rng.chance(70) {
                    Vec::new()
                } else {
                    let scope: Vec<String> = rng
                        .subset(&DOMAINS, 50)
                        .into_iter()
                        .map(str::to_owned)
                        .collect();
                    scope
                },
                peremptory: rng.chance(3),
                bound,
                toward,
                discretion: rng.chance(15),
                adversaries: if (is("defend") || is("offense") || is("neutrality"))
                    && rng.chance(25)
                {
                    rng.subset(&fighters, 40)
                } else {
                    Vec::new()
                },
                unless_provoked: is("defend") && rng.chance(30),
                source: rng.chance(10).then(|| source(rng)),
                action,
            });
        }
        let earlier: Vec<String> = instruments.iter().map(|it| it.id.clone()).collect();
        let others: Vec<String> = earlier.clone();
        instruments.push(InstrumentFile {
            id: id.clone(),
            name: format!("Instrument {at}"),
            kind: rng
                .pick(&["treaty", "declaration", "charter", "memorandum", "other"])
                .copied()
                .unwrap_or("treaty")
                .to_owned(),
            force: if rng.chance(75) {
                "binding"
            } else {
                "political"
            }
            .to_owned(),
            form: form.to_owned(),
            parties: listed,
            members_of,
            signed,
            in_force,
            terminated,
            source: source(rng),
            subject_to: rng.subset(&earlier, 20),
            not_incompatible_with: rng.subset(&others, 20),
            savings: rng
                .subset(
                    &["not_against_third_parties", "respects_other_obligations"],
                    20,
                )
                .into_iter()
                .map(str::to_owned)
                .collect(),
            un_charter: rng.chance(5),
            clauses,
        });
    }

    let mut events = Vec::new();
    let mut war_issues = Vec::new();
    for at in 0..rng.below(3) {
        if fighters.len() < 2 {
            break;
        }
        let attacker = rng.below(fighters.len());
        let victim = (attacker + 1 + rng.below(fighters.len() - 1)) % fighters.len();
        let issue = format!("war{at}");
        war_issues.push(issue.clone());
        events.push(EventFile {
            id: format!("attack{at}"),
            kind: "armed_attack".to_owned(),
            date: date(rng.below(dates.len())),
            attacker: fighters.get(attacker).cloned(),
            victim: fighters.get(victim).cloned(),
            provoked: rng.chance(30).then(|| rng.chance(50)),
            issue: Some(issue),
            title: rng.chance(30).then(|| "A war".to_owned()),
            domain: rng
                .chance(20)
                .then(|| rng.pick(&DOMAINS).copied().unwrap_or("security").to_owned()),
            source: source(rng),
            ..EventFile::default()
        });
    }
    for (at, territory) in territories.iter().enumerate() {
        let by: Vec<&String> = fighters
            .iter()
            .filter(|it| **it != territory.belongs_to)
            .collect();
        if let Some(by) = rng.pick(&by)
            && rng.chance(60)
        {
            events.push(EventFile {
                id: format!("recognition{at}"),
                kind: "recognition".to_owned(),
                date: date(rng.below(dates.len())),
                by: Some((*by).clone()),
                territory: Some(territory.id.clone()),
                entity: entity.clone().filter(|_| rng.chance(50)),
                source: source(rng),
                ..EventFile::default()
            });
        }
    }
    if let Some(organisation) = &organisation {
        for (at, member) in members.iter().enumerate() {
            let changes = [
                ("accession", Some(member.since)),
                ("withdrawal", member.until),
            ];
            for (kind, on) in changes {
                if let Some(on) = on
                    && rng.chance(40)
                {
                    events.push(EventFile {
                        id: format!("{kind}{at}"),
                        kind: kind.to_owned(),
                        date: date(on),
                        party: Some(member.party.clone()),
                        organisation: Some(organisation.clone()),
                        source: source(rng),
                        ..EventFile::default()
                    });
                }
            }
        }
    }

    let all_issues: Vec<String> = issues
        .iter()
        .map(|it| it.id.clone())
        .chain(war_issues)
        .collect();
    let positions = (0..rng.below(10))
        .map(|_| {
            let since = rng.below(dates.len());
            PositionFile {
                party: rng.pick(&fighters).cloned().unwrap_or_default(),
                issue: rng.pick(&all_issues).cloned().unwrap_or_default(),
                stance: rng
                    .pick(&["support", "neutral", "oppose"])
                    .copied()
                    .unwrap_or("neutral")
                    .to_owned(),
                since: date(since),
                until: (rng.chance(30) && since + 1 < dates.len())
                    .then(|| date(since + 1 + rng.below(dates.len() - since - 1))),
                source: source(rng),
            }
        })
        .collect();

    ScenarioFile {
        title: rng.chance(50).then(|| "A generated scenario".to_owned()),
        description: None,
        parties,
        territories,
        actions,
        issues,
        instruments,
        positions,
        events,
    }
}

/// Every date of change of a scenario, and the day before the first.
fn change_dates(scenario: &Scenario) -> Vec<Date> {
    let mut dates = BTreeSet::new();
    let mut add =
        |interval: &Interval| dates.extend(interval.start.into_iter().chain(interval.end));
    for party in scenario.parties() {
        add(&party.exists);
        if let allegiance::PartyKind::Organisation { members } = &party.kind {
            for member in members {
                add(&member.during);
            }
        }
    }
    for instrument in scenario.instruments() {
        add(&instrument.in_force);
    }
    for position in scenario.positions() {
        add(&position.during);
    }
    for event in scenario.events() {
        dates.insert(event.date);
    }
    if let Some(before) = dates.first().and_then(|it| it.previous_day()) {
        dates.insert(before);
    }
    dates.into_iter().collect()
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|error| format!("cannot serialise: {error}"))
}

/// The invariants every report keeps.
fn check_report(report: &Report, what: &str) -> Result<(), String> {
    for finding in report.findings() {
        for witness in std::iter::once(&finding.witness).chain(&finding.also) {
            if witness.is_empty() {
                return Err(format!(
                    "{what}: a finding with an empty witness: {finding:?}"
                ));
            }
            if witness
                .chain
                .iter()
                .any(|link| link.clause.is_some_and(|at| at >= witness.clauses.len()))
            {
                return Err(format!(
                    "{what}: a chain points past its clauses: {finding:?}"
                ));
            }
        }
        if !finding.during.is_nonempty() {
            return Err(format!("{what}: an empty interval: {finding:?}"));
        }
    }
    let text = report.to_string();
    if let Some(bad) = text.chars().find(|c| *c != '\n' && c.is_control()) {
        return Err(format!("{what}: the text carries {bad:?}"));
    }
    Ok(())
}

/// Every check on one scenario, with its invariants.
fn run_one(scenario: &Scenario, rng: &mut Rng) -> Result<usize, String> {
    let mut calls = 0;
    let timeline = allegiance::check(scenario);
    calls += 1;
    check_report(&timeline, "check")?;
    if json(&timeline) != json(&allegiance::check(scenario)) {
        return Err("check differs on a second run".to_owned());
    }
    let mut days = change_dates(scenario);
    if let Some(first) = days.first().copied() {
        let extra = u32::try_from(rng.below(4000)).unwrap_or(0);
        let mut day = first;
        for _ in 0..extra {
            day = day.next_day().unwrap_or(day);
        }
        days.push(day);
    }
    for day in &days {
        let report = allegiance::check_on(scenario, *day);
        calls += 1;
        check_report(&report, &format!("check_on {day}"))?;
        if json(&report) != json(&allegiance::check_on(scenario, *day)) {
            return Err(format!("check_on {day} differs on a second run"));
        }
        let that_day = Interval::new(Some(*day), day.next_day());
        if report.findings().iter().any(|it| it.during != that_day) {
            return Err(format!("check_on {day}: a finding not of that day"));
        }
        // The timeline says the same of that day.
        let mut from_timeline: Vec<String> = timeline
            .findings()
            .iter()
            .filter(|it| it.during.contains(*day))
            .map(|it| {
                let mut it = it.clone();
                it.during = that_day;
                json(&it)
            })
            .collect();
        let mut on_its_own: Vec<String> = report.findings().iter().map(json).collect();
        from_timeline.sort();
        on_its_own.sort();
        if from_timeline != on_its_own {
            return Err(format!("the timeline and check_on disagree on {day}"));
        }
    }
    if let Some(day) = days.get(rng.below(days.len())).copied() {
        let latent = allegiance::latent(scenario, day);
        calls += 1;
        for exposure in &latent.exposures {
            if exposure.findings.iter().any(|it| it.witness.is_empty()) {
                return Err(format!("latent {day}: an empty witness"));
            }
        }
        if json(&latent) != json(&allegiance::latent(scenario, day)) {
            return Err(format!("latent {day} differs on a second run"));
        }
    }
    let limits = Limits {
        max_findings: rng.chance(50).then(|| rng.below(4)),
        max_chain: rng.chance(50).then(|| rng.below(3)),
    };
    let cut = allegiance::check_with(scenario, &limits);
    calls += 1;
    let over_findings = limits
        .max_findings
        .is_some_and(|max| cut.findings().len() > max);
    let over_chain = limits.max_chain.is_some_and(|max| {
        cut.findings().iter().any(|finding| {
            std::iter::once(&finding.witness)
                .chain(&finding.also)
                .any(|it| it.chain.len() > max)
        })
    });
    let was_cut = cut.findings().len() < timeline.findings().len()
        || Some(cut.findings()) != timeline.findings().get(..cut.findings().len());
    if over_findings || over_chain || (was_cut != cut.truncated.is_some()) {
        return Err(format!(
            "check_with {limits:?} does not keep its limits or says it wrongly"
        ));
    }
    let toml = allegiance::save::to_toml_string(scenario);
    if allegiance::load::from_toml_str(&toml).ok().as_ref() != Some(scenario) {
        return Err("the saved TOML does not reload equal".to_owned());
    }
    let saved_json = allegiance::save::to_json_string(scenario);
    if allegiance::load::from_json_str(&saved_json).ok().as_ref() != Some(scenario) {
        return Err("the saved JSON does not reload equal".to_owned());
    }
    Ok(calls)
}

fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |acc, byte| {
        (acc ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn save_crash(kind: &str, file: &ScenarioFile, why: &str) -> PathBuf {
    let text = toml::to_string(file).unwrap_or_else(|_| format!("{file:#?}"));
    let dir = PathBuf::from("fuzz/crashes");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("engine-{kind}-{:016x}.toml", hash(text.as_bytes())));
    let _ = std::fs::write(&path, format!("# {}\n{text}", why.replace('\n', "\n# ")));
    path
}

fn main() {
    let mut seconds = 5;
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |it| it.as_secs());
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).and_then(|it| it.parse().ok());
        match (pair.first().map(String::as_str), value) {
            (Some("--seconds"), Some(value)) => seconds = value,
            (Some("--seed"), Some(value)) => seed = value,
            _ => {
                eprintln!("usage: fuzz_engine [--seconds N] [--seed N]");
                std::process::exit(2);
            }
        }
    }
    println!("fuzz_engine: {seconds} s, seed {seed}");
    let last_panic: Arc<Mutex<String>> = Arc::new(Mutex::new(String::new()));
    let hook_message = Arc::clone(&last_panic);
    panic::set_hook(Box::new(move |info| {
        if let Ok(mut message) = hook_message.lock() {
            *message = info.to_string();
        }
    }));

    let mut rng = Rng(seed);
    let (mut executions, mut calls, mut findings, mut rejected, mut crashes) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    let mut first_rejection = None;
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut next_report = started + Duration::from_secs(10);
    while Instant::now() < deadline {
        let file = generate(&mut rng);
        let scenario = match allegiance::load::from_file_form(file.clone()) {
            Ok(scenario) => scenario,
            Err(errors) => {
                // The generator's own mistake, not the engine's; counted, and the first shown.
                rejected += 1;
                first_rejection.get_or_insert_with(|| errors.to_string());
                continue;
            }
        };
        let mut local = Rng(rng.next());
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| run_one(&scenario, &mut local)));
        executions += 1;
        match outcome {
            Ok(Ok(count)) => {
                calls += u64::try_from(count).unwrap_or(0);
                findings +=
                    u64::try_from(allegiance::check(&scenario).findings().len()).unwrap_or(0);
            }
            Ok(Err(why)) => {
                crashes += 1;
                let path = save_crash("invariant", &file, &why);
                println!(
                    "invariant broken: {}\n  saved to {}",
                    why.lines().next().unwrap_or(""),
                    path.display()
                );
            }
            Err(_) => {
                crashes += 1;
                let message = last_panic.lock().map(|it| it.clone()).unwrap_or_default();
                let path = save_crash("panic", &file, &message);
                println!("panic: {message}\n  saved to {}", path.display());
            }
        }
        if Instant::now() >= next_report {
            println!("  {executions} scenarios, {calls} checks, {crashes} crash(es)");
            next_report += Duration::from_secs(10);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "fuzz_engine: {executions} scenarios in {elapsed:.1} s ({:.0}/s), {calls} checks, {findings} findings, {rejected} generated scenarios refused by the loader, {crashes} crash(es)",
        executions as f64 / elapsed.max(f64::EPSILON),
    );
    if let Some(rejection) = first_rejection {
        println!("the first scenario the loader refused:\n{rejection}");
    }
    if crashes > 0 {
        std::process::exit(1);
    }
}
