//! The crate at the sizes of issue 7, on the synthetic worlds of [`allegiance::synthetic`]
//! (feature `synthetic`), beside a baseline that only reads every clause and position once.
#![allow(
    clippy::panic,
    reason = "a benchmark on a broken input or an unknown size should stop loudly"
)]
//!
//! ```sh
//! cargo bench --features synthetic --bench scale          # every benchmark at every size
//! ALLEGIANCE_BENCH_SIZES=small cargo bench --features synthetic --bench scale -- --test
//! cargo bench --features synthetic --bench scale -- '^(load_toml|load_json)/'  # a filter
//! ```
//!
//! `-- --test` runs each benchmark once, unmeasured; a filter (a regular expression on
//! `group/size`) picks benchmarks. Read "Which benchmarks are practical" below before a run
//! of the default sizes: on this machine it would not end, and `latent` on the medium world
//! takes every gigabyte it can get. CI runs, in test mode, every group on the small world
//! but `timeline`, and `timeline` on the tiny one:
//!
//! ```sh
//! ALLEGIANCE_BENCH_SIZES=small cargo bench --features synthetic --bench scale -- --test \
//!   '^(load_toml|load_json|clashes_on|clashes_on_threads|check_on|latent|what_if_one_clause|what_if_clash|what_if_clash_no_harm|what_if_clash_threads|what_if_clash_sampled|single_pass|clashes_on_dated|clashes_on_dated_threads|clash_timeline|clash_timeline_threads)/'
//! ALLEGIANCE_BENCH_SIZES=tiny cargo bench --features synthetic --bench scale -- --test \
//!   '^timeline/'
//! ```
//!
//! `ALLEGIANCE_BENCH_ONLY` (comma-separated group names) skips the groups it does not name,
//! and making their inputs: on the large world, writing its texts alone takes gigabytes.
//! Besides criterion's figures, stderr gives one timed run of `clashes_on`, of each
//! what-if and of `clash_timeline` (with one `clashes_on` of its first date), so that
//! `-- --test` gives a figure for the sizes too slow to sample:
//!
//! ```sh
//! ALLEGIANCE_BENCH_SIZES=large \
//! ALLEGIANCE_BENCH_ONLY=clashes_on,what_if_clash,what_if_clash_no_harm,clash_timeline \
//!   cargo bench --features synthetic --bench scale -- --test
//! ```
//!
//! # Sizes
//!
//! `ALLEGIANCE_BENCH_SIZES` is a comma-separated list of sizes, `small` by default: medium
//! and large must be asked for, since the latent scan's memory grows without bound on the
//! medium world (see below). `tiny`, 30 parties, is accepted too, for a quick look:
//!
//! | size     | parties | alignment clauses | issues | positions | instruments | wars |
//! |----------|--------:|------------------:|-------:|----------:|------------:|-----:|
//! | `small`  |     200 |                2k |    100 |        5k |       3 550 |    5 |
//! | `medium` |      2k |               50k |     1k |      200k |      65 500 |   40 |
//! | `large`  |     20k |                1M |     5k |        2M |   1 155 000 |  400 |
//!
//! They are [`allegiance::synthetic::Params`]' `SMALL`, `MEDIUM` and `LARGE`, drawn from seed
//! 7: besides the strict alignments, `7.75 n` defence, offense, neutrality, non-aggression
//! and no-harm treaties for `n` parties, one clause each, and `max(5, n/50)` wars, each its
//! own issue. Each input is made once per size, outside the measured code: the world is
//! generated and built before the first benchmark, each text written just before its load
//! benchmark, the dated world generated just before `timeline`; stderr gives the counts,
//! the text sizes, the change points and the setup times. The loads, `clashes_on` and the
//! baseline on the tiny and small worlds run with criterion's defaults (the loads with a
//! 12 s measurement time); everything else with 10 flat samples and a 10 s measurement time,
//! so that a benchmark slower than that costs about eleven iterations (one to warm up, one
//! per sample).
//!
//! # Benchmarks
//!
//! Each is a group named as below, with one benchmark per size (`check_on/medium`).
//! Throughput is in bytes for the loads and in rows (clauses + positions) for the others, so
//! that each reads directly against `single_pass`.
//!
//! * `load_toml`, `load_json`: [`allegiance::load::from_toml_str`] and
//!   [`allegiance::load::from_json_str`] on the world's file form written by `toml::to_string`
//!   and `serde_json::to_string` (parse, decode, validate, build the model; dropping it
//!   included).
//! * `clashes_on`: [`allegiance::clashes_on`] on the undated world on 2000-01-01, the
//!   fact-level check: every clash point, nothing explained.
//! * `clashes_on_threads`: [`allegiance::clashes_on_threads`], the same on two threads.
//! * `check_on`: [`allegiance::check_on`] on the undated world on 2000-01-01, the day every
//!   fact of an undated world holds from ([`allegiance::synthetic::Day::UNDATED`]).
//! * `timeline`: [`allegiance::check`] on the dated world (`Params::with_dates(true)`: the
//!   same facts, each with a day of its own between 1990 and 2020, some instruments
//!   terminated), the whole timeline. Its change points, printed on stderr, are the distinct
//!   dates of the file (signatures, entries into force, terminations, positions, events):
//!   6 046 for small, 10 417 (every day of the generator's calendar) for medium and large.
//!   The engine checks each span between them, so one iteration costs about as many
//!   `check_on`s.
//! * `clashes_on_dated`: [`allegiance::clashes_on`] on the dated world, on the first of the
//!   100 change points `clash_timeline` follows: the one check that timeline is measured
//!   against.
//! * `clash_timeline`: a [`allegiance::ClashTracker`] made on that first change point and
//!   moved through the next 99, the 100 change points from the middle of the dated world's
//!   timeline: the fact-level timeline, which patches or recomputes only the issues each
//!   move can change. stderr tells how many issues it recomputed.
//! * `clashes_on_dated_threads`, `clash_timeline_threads`: the same on two threads, the
//!   machine's cores: [`allegiance::clashes_on_threads`], and a tracker made with
//!   [`allegiance::ClashTracker::on_threads`], which settles each move's issues on them.
//! * `latent`: [`allegiance::latent()`] on the undated world on 2000-01-01: every ordered pair
//!   of parties as a hypothetical attack.
//! * `what_if_one_clause`: [`allegiance::what_if()`] on the undated world with an overlay of
//!   one new bilateral binding treaty, in force from 2000-01-01, with one strict `align`
//!   clause (every domain) between the first two states (`S000000`, `S000001`): merging,
//!   validating the merged scenario and re-checking what the overlay reaches, which, as the
//!   clause joins two large alignment components in every domain, is most of the world.
//! * `what_if_clash`, `what_if_clash_no_harm`: [`allegiance::ClashTracker::what_if`] on a
//!   tracker of the undated world on 2000-01-01, made once outside the measured code, with
//!   `what_if_one_clause`'s strict alignment as a [`allegiance::clash::Hypothesis`], and with
//!   a no-harm clause binding `S000000` toward `S000001` instead: the fact-level what-if, which
//!   patches or recomputes only the issues the clause can reach and takes it out again.
//!   stderr tells how many issues each reached. `what_if_clash_threads`: the strict alignment again,
//!   on a tracker on two threads.
//! * `what_if_clash_sampled`: the same strict alignment between 20 pairs of states drawn
//!   uniformly (a fixed stream from the seed), one after the other on one tracker; an
//!   iteration is all 20, so the time per clause is criterion's divided by 20 (the throughput
//!   counts clauses). The benchmark's own pair joins two giant components; a drawn pair
//!   mostly joins a small bloc or an unaligned state to one, and reaches more issues (on the
//!   large world 141 to 1,672, against 95). stderr gives each clause once: its time, the
//!   issues it reached and the points it changed.
//! * `single_pass`: the baseline. One pass over `Scenario::instruments` and their clauses
//!   and over `Scenario::positions`, counting clauses per action and positions per stance:
//!   what reading every clause and position once costs, with no analysis.
//!
//! # Which benchmarks are practical at which size
//!
//! One iteration of each, in seconds, measured on 2026-11-27 at commit 471440c with
//! `ALLEGIANCE_BENCH_SIZES=SIZE cargo bench --features synthetic --bench scale -- --test
//! FILTER` (release build; a 2-core machine with 23 GB, shared with other work, so the times
//! are a guide, not a record); the times in ms and µs are criterion's means of a full run.
//! The engine was changing fast that day: at 88f586a, an hour earlier, `check_on` on the
//! medium world took 806 s rather than 74 s.
//!
//! | benchmark            | tiny |  small |      medium |        large |
//! |----------------------|-----:|-------:|------------:|-------------:|
//! | `load_toml`          |      |  98 ms |         3.4 |    fails (a) |
//! | `load_json`          |      |  72 ms |         1.7 |    fails (a) |
//! | `clashes_on`         |      |   9 ms |        0.42 |           10 |
//! | `check_on`           |      |   0.24 |          74 | over 283 (b) |
//! | `timeline`           |  0.8 |    530 | not run (c) |  not run (c) |
//! | `latent`             |      |    3.7 |   fails (d) |      not run |
//! | `what_if_one_clause` |      |    0.6 |         164 |      not run |
//! | `single_pass`        |      |  17 µs |        3 ms |         0.03 |
//!
//! The fact-level groups added later, measured on 2026-11-27 at aa53b27 (small: criterion's
//! means at b7763d8; medium and large: the timed run on stderr, `ALLEGIANCE_BENCH_ONLY` as
//! above), and `clashes_on` again; then at 4929eed, after the flat no-harm lists, the
//! solver's sorted values and the patched no-harm what-if, and at 354c966, after unmet
//! exclusions are left out (medium and large; `clashes_on`, `clashes_on_dated` and
//! `single_pass` criterion's means, the others one timed run):
//!
//! | benchmark               |  small | medium | large | medium, 4929eed | large, 4929eed | medium, 354c966 | large, 354c966 |
//! |-------------------------|-------:|-------:|------:|----------------:|---------------:|----------------:|---------------:|
//! | `clashes_on`            | 4.1 ms |   0.20 |  4.07 |           0.102 |           1.30 |          0.0685 |          0.958 |
//! | `clashes_on_dated`      | 1.6 ms |  0.066 |  1.54 |           0.035 |          0.437 |          0.0293 |          0.386 |
//! | `clash_timeline`        |  54 ms |   1.88 |  83.0 |            1.54 |           40.4 |            1.10 |           27.6 |
//! | `what_if_clash`         | 4.3 ms |   0.22 |  1.07 |           0.075 |           0.32 |           0.089 |          0.252 |
//! | `what_if_clash_no_harm` | 1.8 ms |  0.061 |  0.97 |           0.004 |          0.032 |           0.005 |          0.033 |
//! | `single_pass`           |        |        |       |          1.9 ms |        28.9 ms |          1.6 ms |        25.0 ms |
//!
//! A large run of these takes about 5 minutes and 4.4 GB resident. `clash_timeline`
//! recomputed 4.1% (medium: 4,241 of 102,960) and 6.7% (large: 36,080 of 534,600) of the
//! issues it looked at; each what-if about 100 issues on the large world, of 5,400.
//! At fb3cba1, after the tracker moves its view in place rather than building each date's
//! anew and leaves the issues that only no-harm duties which cannot clash reach, one timed
//! run of `clash_timeline`: medium 0.314 s (2,932 of 102,960 issues recomputed), large
//! 9.90 s (27,263 of 534,600), against one `clashes_on` of the first date of 0.028 s and
//! 0.38 s. At 3b2a082, after the strict components are patched rather than found again
//! and issues where a position comes or goes alone are left: medium 268 ms (criterion's
//! mean; 2,503 issues recomputed), large 7.93 and 8.34 s in two timed runs (22,597
//! recomputed), against `clashes_on_dated` 29.7 ms and about 0.41 s. At d084737, which
//! patches the barred points of issues whose only changes are duties of no harm and
//! positions that are not the first of their value in their component: large 5.56 and
//! 5.69 s (9,736 recomputed), on two threads (`clash_timeline_threads`) 3.90 and 3.95 s,
//! against one check of 0.37-0.39 s and, on two threads, 0.31 s. At ffe0d4a, which also
//! patches a changed first holder and a party that moves but declares nothing, and looks
//! only at the issues that read a changed party (criterion's means): medium 100.1 ms
//! (150 recomputed) against `clashes_on_dated` 28.0 ms; large 3.18 s (2,941 recomputed)
//! against 356 ms, 8.9×; on two threads 2.76 s against 282 ms, 9.8×. At da63f5b, which
//! settles the dirty issues on the tracker's threads too: 3.42 s against 372 ms (9.2×),
//! on two threads 2.20 s against 310 ms (7.1×), in one run.
//!
//! (a) With the address space capped at 14 GB (`ulimit -v`): `load_toml` failed to allocate
//! 10 GB after 11 s, `load_json` failed at 12.9 GB resident after 30 s (a build between
//! 6623b17 and 88f586a; the loader is the same at 471440c). The large texts are 734 MB
//! (TOML) and 646 MB (JSON); generating and building the large world takes 15 to 22 s and
//! 5 GB.
//! (b) Stopped from outside after 283 s, unfinished, at 3.4 GB resident.
//! (c) The dated medium and large worlds have 10 417 change points, each about a `check_on`.
//! (d) Its memory grows without bound: past a 10 GB cap after 139 s (and, at a build before
//! 88f586a, 23.7 GB resident after 19 minutes, stopped before it took the machine). On the
//! small world it peaks at 0.8 GB. `what_if_one_clause` peaks at 8.5 GB on the medium world,
//! `check_on` at 3.4 GB.
//!
//! So: on the small world every benchmark, `timeline` costing about 100 minutes for
//! criterion's minimum of ten samples and a warm-up (CI runs it on the tiny world); on the
//! medium world every benchmark but `latent` and `timeline`, `check_on` and
//! `what_if_one_clause` costing about 15 and 30 minutes; on the large world `clashes_on`,
//! `single_pass` and the fact-level what-ifs, and `clash_timeline` once (`-- --test`), on
//! this machine. Every benchmark is kept selectable at every
//! size, for a faster engine or a bigger machine; pick with a filter, for instance
//!
//! ```sh
//! ALLEGIANCE_BENCH_SIZES=small,medium cargo bench --features synthetic --bench scale -- \
//!   '^(load_toml|load_json|clashes_on|check_on|what_if_one_clause|single_pass)/'
//! ```

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use allegiance::clash::Hypothesis;
use allegiance::load::Format;
use allegiance::spec::ScenarioFile;
use allegiance::synthetic::{self, Day, Params};
use allegiance::{Action, Date, LoadErrors, Scenario, Stance};
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};

/// The seed every world is drawn from.
const SEED: u64 = 7;

/// The sizes named by `ALLEGIANCE_BENCH_SIZES`, in its order.
fn sizes() -> Vec<(String, Params)> {
    let list = std::env::var("ALLEGIANCE_BENCH_SIZES").unwrap_or_else(|_| "small".to_owned());
    list.split(',')
        .map(str::trim)
        .filter(|it| !it.is_empty())
        .map(|name| match Params::named(name) {
            Some(params) => (name.to_owned(), params),
            None => panic!(
                "ALLEGIANCE_BENCH_SIZES: unknown size {name:?}; expected a comma-separated \
                 list of small, medium and large"
            ),
        })
        .collect()
}

/// A group for one benchmark at one size: criterion's defaults for the quick ones (the loads,
/// `clashes_on` and the baseline on the tiny and small worlds); for the others, whose one
/// iteration takes from a fifth of a second to minutes, 10 flat samples, so that a benchmark
/// slower than the measurement time costs about eleven iterations (one to warm up, one per
/// sample).
fn configured<'a>(
    c: &'a mut Criterion,
    name: &str,
    size: &str,
    throughput: Throughput,
) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(throughput);
    let quick = matches!(size, "tiny" | "small")
        && matches!(
            name,
            "load_toml" | "load_json" | "clashes_on" | "single_pass"
        );
    if quick && name.starts_with("load") {
        // About 100 ms an iteration on the small world: 100 samples need about 10 s.
        group.measurement_time(Duration::from_secs(12));
    } else if !quick {
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10));
    }
    group
}

fn date(text: &str) -> Date {
    text.parse().unwrap_or_else(|error| panic!("{error}"))
}

/// The overlay of `what_if_one_clause`: one bilateral binding treaty with one strict `align`
/// clause between the first two states.
fn overlay() -> ScenarioFile {
    pact(
        "bench-overlay",
        "Benchmark alignment (invented)",
        "text = \"The Parties shall hold the same positions.\"\naction = \"align\"\n\
         reading = \"strict\"",
    )
}

/// The hypothesis of `what_if_clash_no_harm`: one bilateral binding treaty by which the
/// first state must not harm the second.
fn no_harm() -> ScenarioFile {
    let (first, second) = (synthetic::party_id(0), synthetic::party_id(1));
    pact(
        "bench-no-harm",
        "Benchmark no-harm pledge (invented)",
        &format!(
            "text = \"The first Party shall not act against the second.\"\n\
             action = \"no_harm\"\nbound = [\"{first}\"]\ntoward = [\"{second}\"]"
        ),
    )
}

/// One bilateral binding treaty between the first two states, in force on the undated day,
/// with one obligation whose other fields are `clause` (TOML lines).
fn pact(id: &str, name: &str, clause: &str) -> ScenarioFile {
    pact_between(id, name, clause, (0, 1))
}

/// [`pact`] between the states numbered `parties`.
fn pact_between(id: &str, name: &str, clause: &str, parties: (u32, u32)) -> ScenarioFile {
    let text = format!(
        r#"
[[instruments]]
id = "{id}"
name = "{name}"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["{}", "{}"]
in_force = "{}"
source = "benchmark"

[[instruments.clauses]]
label = "art. 1"
modality = "obligation"
{clause}
"#,
        synthetic::party_id(parties.0),
        synthetic::party_id(parties.1),
        Day::UNDATED,
    );
    allegiance::load::file_form_from_str(&text, Format::Toml, "overlay.toml")
        .unwrap_or_else(|errors| panic!("{errors}"))
}

/// How many clauses `what_if_clash_sampled` draws.
const SAMPLED: usize = 20;

/// The hypotheses of `what_if_clash_sampled`: `overlay`'s strict alignment, each between a
/// pair of distinct states drawn uniformly from the `parties` (a splitmix64 stream from
/// `SEED`, so every run draws the same pairs).
fn sampled(parties: usize) -> Vec<((u32, u32), ScenarioFile)> {
    let mut state = SEED;
    let mut next = |bound: usize| {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % bound.max(1) as u64) as u32
    };
    (0..SAMPLED)
        .map(|k| {
            let first = next(parties);
            let second = (first + 1 + next(parties.saturating_sub(1))) % parties.max(1) as u32;
            let file = pact_between(
                &format!("bench-sampled-{k}"),
                "Benchmark alignment (invented)",
                "text = \"The Parties shall hold the same positions.\"\naction = \"align\"\n\
                 reading = \"strict\"",
                (first, second),
            );
            ((first, second), file)
        })
        .collect()
}

/// The distinct dates a file names, in order: where the timeline of its scenario may change.
fn change_points(file: &ScenarioFile) -> Vec<Date> {
    let mut dates = BTreeSet::new();
    for it in &file.instruments {
        dates.extend(
            [&it.signed, &it.in_force, &it.terminated]
                .into_iter()
                .flatten(),
        );
    }
    for it in &file.positions {
        dates.insert(&it.since);
        dates.extend(&it.until);
    }
    dates.extend(file.events.iter().map(|it| &it.date));
    dates.into_iter().map(|it| date(it)).collect()
}

/// The `TRACKED` change points from the middle of the timeline on.
fn middle(changes: &[Date]) -> &[Date] {
    let from = changes.len().saturating_sub(TRACKED) / 2;
    changes
        .get(from..)
        .unwrap_or(&[])
        .get(..TRACKED)
        .unwrap_or(changes)
}

/// How many change points `clash_timeline` follows.
const TRACKED: usize = 100;

/// Clauses and positions: the rows every analysis reads at least once.
fn rows(scenario: &Scenario) -> u64 {
    let clauses: usize = scenario
        .instruments()
        .iter()
        .map(|it| it.clauses.len())
        .sum();
    (clauses + scenario.positions().len()) as u64
}

/// The baseline: every clause and every position read once, counted by action and stance.
fn single_pass(scenario: &Scenario) -> ([usize; 10], [usize; 3]) {
    let mut actions = [0usize; 10];
    let mut stances = [0usize; 3];
    for instrument in scenario.instruments() {
        for clause in &instrument.clauses {
            let at = match clause.norm.action {
                Action::Align => 0,
                Action::Consult => 1,
                Action::Defend => 2,
                Action::Offense => 3,
                Action::Neutrality => 4,
                Action::NonAggression => 5,
                Action::NoHarm => 6,
                Action::RespectIntegrity => 7,
                Action::NoHostileAlliance => 8,
                Action::Custom(_) => 9,
            };
            if let Some(count) = actions.get_mut(at) {
                *count += 1;
            }
        }
    }
    for position in scenario.positions() {
        let at = match position.stance {
            Stance::Support => 0,
            Stance::Neutral => 1,
            Stance::Oppose => 2,
        };
        if let Some(count) = stances.get_mut(at) {
            *count += 1;
        }
    }
    (actions, stances)
}

/// Whether the group `name` is wanted: every group unless `ALLEGIANCE_BENCH_ONLY` lists
/// some (comma-separated names). A group not listed is neither made nor run, nor are its
/// inputs, which on the large world (its texts, its dated world) take gigabytes.
fn wanted(name: &str) -> bool {
    std::env::var("ALLEGIANCE_BENCH_ONLY")
        .map(|only| only.split(',').any(|it| it.trim() == name))
        .unwrap_or(true)
}

/// Writes a file form as text.
type Writer = fn(&ScenarioFile) -> String;

/// Loads a scenario from text.
type Loader = fn(&str) -> Result<Scenario, LoadErrors>;

/// Every benchmark at one size. Each input is made once, before the benchmarks that use it,
/// and dropped after them, so that no more than one text or world of the size is held at a
/// time besides the undated scenario.
fn at_size(c: &mut Criterion, size: &str, params: Params) {
    let started = Instant::now();
    let world = synthetic::generate(params, SEED);
    let scenario = world.scenario().unwrap_or_else(|errors| panic!("{errors}"));
    eprintln!(
        "scale {size}: {} parties, {} instruments, {} issues, {} positions, {} events; \
         generated and built in {:.2} s",
        scenario.parties().len(),
        scenario.instruments().len(),
        scenario.issues().len(),
        scenario.positions().len(),
        scenario.events().len(),
        started.elapsed().as_secs_f64(),
    );

    let writers: [(&str, Writer, Loader); 2] = [
        (
            "load_toml",
            |file| toml::to_string(file).unwrap_or_else(|error| panic!("{error}")),
            allegiance::load::from_toml_str,
        ),
        (
            "load_json",
            |file| serde_json::to_string(file).unwrap_or_else(|error| panic!("{error}")),
            allegiance::load::from_json_str,
        ),
    ];
    for (name, write, load) in writers {
        if !wanted(name) {
            continue;
        }
        let text = write(&world.scenario_file());
        eprintln!("scale {size}: {name} reads {} bytes", text.len());
        let mut group = configured(c, name, size, Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
            b.iter(|| load(black_box(text)).unwrap_or_else(|errors| panic!("{errors}")))
        });
        group.finish();
    }
    drop(world);

    let on = date(&Day::UNDATED.to_string());
    let rows = rows(&scenario);
    if wanted("clashes_on") {
        let started = Instant::now();
        let points = allegiance::clashes_on(&scenario, on).points.len();
        eprintln!(
            "scale {size}: clashes_on once: {points} points in {:.3} s",
            started.elapsed().as_secs_f64()
        );
    }
    if wanted("clashes_on") {
        let mut group = configured(c, "clashes_on", size, Throughput::Elements(rows));
        group.bench_with_input(BenchmarkId::from_parameter(size), &scenario, |b, it| {
            b.iter(|| allegiance::clashes_on(black_box(it), on).points.len())
        });
        group.finish();
    }
    if wanted("clashes_on_threads") {
        // On two threads, the machine's cores: what `clashes_on_threads` gains over one.
        let mut group = configured(c, "clashes_on_threads", size, Throughput::Elements(rows));
        group.bench_with_input(BenchmarkId::from_parameter(size), &scenario, |b, it| {
            b.iter(|| {
                allegiance::clashes_on_threads(black_box(it), on, 2)
                    .points
                    .len()
            })
        });
        group.finish();
    }

    if wanted("check_on") {
        let mut group = configured(c, "check_on", size, Throughput::Elements(rows));
        group.bench_with_input(BenchmarkId::from_parameter(size), &scenario, |b, it| {
            b.iter(|| allegiance::check_on(black_box(it), on))
        });
        group.finish();
    }

    if wanted("latent") {
        let mut group = configured(c, "latent", size, Throughput::Elements(rows));
        group.bench_with_input(BenchmarkId::from_parameter(size), &scenario, |b, it| {
            b.iter(|| allegiance::latent(black_box(it), on))
        });
        group.finish();
    }

    let overlay = overlay();
    if wanted("what_if_one_clause") {
        let mut group = configured(c, "what_if_one_clause", size, Throughput::Elements(rows));
        group.bench_with_input(BenchmarkId::from_parameter(size), &scenario, |b, it| {
            b.iter(|| {
                allegiance::what_if(black_box(it), black_box(&overlay))
                    .unwrap_or_else(|errors| panic!("{errors}"))
            })
        });
        group.finish();
    }

    // The same clause as a hypothesis to a tracker made once, outside the measured code: the
    // fact-level what-if; and a no-harm clause between the same states; and the first again
    // on a tracker on two threads. The hypotheses are made first: the points a tracker gives
    // borrow from them.
    let hypotheses: Vec<(&str, Hypothesis, usize)> = [
        ("what_if_clash", overlay.clone(), 1),
        ("what_if_clash_no_harm", no_harm(), 1),
        ("what_if_clash_threads", overlay.clone(), 2),
    ]
    .into_iter()
    .map(|(name, file, threads)| {
        let hypothesis = Hypothesis::new(&scenario, &file.instruments)
            .unwrap_or_else(|errors| panic!("{errors}"));
        (name, hypothesis, threads)
    })
    .collect();
    for threads in [1, 2] {
        let wanted_here =
            |(name, _, on): &&(&str, Hypothesis, usize)| *on == threads && wanted(name);
        if !hypotheses.iter().any(|it| wanted_here(&it)) {
            continue;
        }
        let tracker_started = Instant::now();
        let mut tracker = allegiance::ClashTracker::on_threads(&scenario, on, threads);
        eprintln!(
            "scale {size}: the tracker for the what-ifs on {threads} thread(s) took {:.2} s to \
             make",
            tracker_started.elapsed().as_secs_f64()
        );
        for (name, hypothesis, _) in hypotheses.iter().filter(wanted_here) {
            let started = Instant::now();
            let changes = tracker.what_if(hypothesis).len();
            eprintln!(
                "scale {size}: {name} once: {:.3} s, reaching {} issues, of which {changes} \
                 change",
                started.elapsed().as_secs_f64(),
                tracker.recomputed(),
            );
            let mut group = configured(c, name, size, Throughput::Elements(rows));
            group.bench_function(BenchmarkId::from_parameter(size), |b| {
                b.iter(|| tracker.what_if(black_box(hypothesis)).len())
            });
            group.finish();
        }
    }

    if wanted("what_if_clash_sampled") {
        what_if_sampled(c, size, &scenario, on, rows);
    }

    if wanted("single_pass") {
        let mut group = configured(c, "single_pass", size, Throughput::Elements(rows));
        group.bench_with_input(BenchmarkId::from_parameter(size), &scenario, |b, it| {
            b.iter(|| single_pass(black_box(it)))
        });
        group.finish();
    }
    drop(scenario);

    if ![
        "clashes_on_dated",
        "clashes_on_dated_threads",
        "clash_timeline",
        "clash_timeline_threads",
        "timeline",
    ]
    .iter()
    .any(|it| wanted(it))
    {
        return;
    }
    let started = Instant::now();
    let dated_file = synthetic::generate(params.with_dates(true), SEED).scenario_file();
    let changes = change_points(&dated_file);
    let tracked = middle(&changes).to_vec();
    let dated =
        allegiance::load::from_file_form(dated_file).unwrap_or_else(|errors| panic!("{errors}"));
    eprintln!(
        "scale {size}: the dated world has {} change points; generated and built in \
         {:.2} s",
        changes.len(),
        started.elapsed().as_secs_f64(),
    );
    let Some(first) = tracked.first().copied() else {
        panic!("the dated world has no change point");
    };
    // Each on one thread and on two, the machine's cores: the timeline is measured against
    // the check that runs on as many.
    for (suffix, threads) in [("", 1), ("_threads", 2)] {
        let name = format!("clashes_on_dated{suffix}");
        if wanted(&name) {
            let mut group = configured(c, &name, size, Throughput::Elements(rows));
            group.bench_with_input(BenchmarkId::from_parameter(size), &dated, |b, it| {
                b.iter(|| check(black_box(it), first, threads))
            });
            group.finish();
        }
        let name = format!("clash_timeline{suffix}");
        if wanted(&name) {
            let mut group = configured(c, &name, size, Throughput::Elements(rows));
            group.bench_with_input(BenchmarkId::from_parameter(size), &dated, |b, it| {
                b.iter(|| follow(black_box(it), &tracked, threads).0)
            });
            group.finish();
            // What the tracker saved, for the record, beside one check of the first date.
            let started = Instant::now();
            let points = check(&dated, first, threads);
            let check = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let (recomputed, changed) = follow(&dated, &tracked, threads);
            eprintln!(
                "scale {size}: {name} once: {:.3} s over {} change points from {first} \
                 ({recomputed} issues recomputed of {} looked at, {changed} changed); one \
                 check there on as many threads: {points} points in {check:.3} s",
                started.elapsed().as_secs_f64(),
                tracked.len(),
                dated.issues().len() * tracked.len().saturating_sub(1),
            );
        }
    }

    if wanted("timeline") {
        let mut group = configured(c, "timeline", size, Throughput::Elements(rows));
        group.bench_with_input(BenchmarkId::from_parameter(size), &dated, |b, it| {
            b.iter(|| allegiance::check(black_box(it)))
        });
        group.finish();
    }
}

/// `what_if_clash_sampled`: the [`SAMPLED`] strict alignments of [`sampled`], one after
/// the other, on one tracker made outside the measured code; one iteration is every clause,
/// so the time per clause is criterion's divided by [`SAMPLED`] (its throughput counts
/// clauses). stderr gives each clause once: its time, the issues it reached and the points
/// it changes, then their median and greatest.
fn what_if_sampled(c: &mut Criterion, size: &str, scenario: &Scenario, on: Date, rows: u64) {
    let drawn = sampled(scenario.parties().len());
    let hypotheses: Vec<Hypothesis> = drawn
        .iter()
        .map(|(_, file)| {
            Hypothesis::new(scenario, &file.instruments).unwrap_or_else(|errors| panic!("{errors}"))
        })
        .collect();
    let mut tracker = allegiance::ClashTracker::new(scenario, on);
    let mut times = Vec::new();
    for (k, (hypothesis, ((first, second), _))) in hypotheses.iter().zip(&drawn).enumerate() {
        let started = Instant::now();
        let changes = tracker.what_if(hypothesis);
        let took = started.elapsed().as_secs_f64();
        let points: usize = changes
            .iter()
            .map(|it| it.added.len() + it.removed.len())
            .sum();
        eprintln!(
            "scale {size}: what_if_clash_sampled {k} ({} and {}): {:.2} ms, reaching {} \
             issues, {points} points changed",
            synthetic::party_id(*first),
            synthetic::party_id(*second),
            took * 1e3,
            tracker.recomputed(),
        );
        times.push(took);
    }
    times.sort_by(f64::total_cmp);
    eprintln!(
        "scale {size}: what_if_clash_sampled once each: median {:.2} ms, greatest {:.2} ms \
         ({rows} rows)",
        times.get(times.len() / 2).copied().unwrap_or_default() * 1e3,
        times.last().copied().unwrap_or_default() * 1e3,
    );
    let mut group = configured(
        c,
        "what_if_clash_sampled",
        size,
        Throughput::Elements(SAMPLED as u64),
    );
    group.bench_function(BenchmarkId::from_parameter(size), |b| {
        b.iter(|| {
            hypotheses
                .iter()
                .map(|it| tracker.what_if(black_box(it)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// How many clash points `scenario` has on `date`: [`allegiance::clashes_on`] on one thread,
/// [`allegiance::clashes_on_threads`] on more.
fn check(scenario: &allegiance::Scenario, date: Date, threads: usize) -> usize {
    if threads == 1 {
        allegiance::clashes_on(scenario, date).points.len()
    } else {
        allegiance::clashes_on_threads(scenario, date, threads)
            .points
            .len()
    }
}

/// A tracker on `threads` threads made on the first of `days` and moved through the rest:
/// how many issues it recomputed, and how many changed.
fn follow(scenario: &allegiance::Scenario, days: &[Date], threads: usize) -> (usize, usize) {
    let Some(first) = days.first() else {
        return (0, 0);
    };
    let mut tracker = allegiance::ClashTracker::on_threads(scenario, *first, threads);
    let (mut recomputed, mut changed) = (0, 0);
    for day in days.iter().skip(1) {
        changed += tracker.advance(*day).len();
        recomputed += tracker.recomputed();
    }
    (recomputed, changed)
}

fn scale(c: &mut Criterion) {
    for (size, params) in sizes() {
        at_size(c, &size, params);
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);
