//! The engine: `check_on` and `check` on the bundled scenario, and `check_on` on synthetic
//! worlds of growing size, to see that the cost grows near-linearly.
#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark on a broken input should stop loudly; indexes are taken modulo the length"
)]
//!
//! Run with `cargo bench --bench check`; `cargo bench --bench check -- --test` runs each once.

use std::fmt::Write;
use std::hint::black_box;

use allegiance::Date;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SEED: &str = include_str!("../examples/data/caucasus-2022.toml");

/// A deterministic stream of numbers (a linear congruential generator).
struct Numbers(u64);

impl Numbers {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

/// A world of `parties` states with as many bilateral instruments (strict or loose
/// alignment, defence, non-aggression, no harm, in a fixed mix), `parties / 10` issues each
/// with 20 positions, and `parties / 50` wars; everything in force from 2000-01-01.
fn world(parties: usize) -> String {
    sized(parties, parties)
}

/// As [`world`], with `instruments` instruments (a multiple of nothing in particular).
fn sized(parties: usize, instruments: usize) -> String {
    let mut numbers = Numbers(parties as u64);
    let mut text = String::new();
    for party in 0..parties {
        let _ = writeln!(
            text,
            "[[parties]]\nid = \"P{party}\"\nname = \"Party {party}\"\nkind = \"state\"\n"
        );
    }
    let kinds = [
        "action = \"align\"\nreading = \"strict\"\nscope = [\"foreign_policy\"]",
        "action = \"align\"\nreading = \"loose\"",
        "action = \"defend\"",
        "action = \"non_aggression\"",
        "action = \"no_harm\"\ndiscretion = true",
    ];
    for at in 0..instruments {
        let (at_party, other) = (at % parties, numbers.below(parties));
        if other == at_party {
            continue;
        }
        let clause = kinds[at % kinds.len()];
        let _ = writeln!(
            text,
            "[[instruments]]\nid = \"I{at}\"\nname = \"Instrument {at}\"\nkind = \"treaty\"\nforce = \"binding\"\nform = \"bilateral\"\nparties = [\"P{at_party}\", \"P{other}\"]\nin_force = \"2000-01-01\"\nsource = \"synthetic\"\n\n[[instruments.clauses]]\nlabel = \"art. 1\"\ntext = \"synthetic\"\nmodality = \"obligation\"\n{clause}\n"
        );
    }
    for issue in 0..parties / 10 {
        let domain = if issue % 2 == 0 {
            "foreign_policy"
        } else {
            "security"
        };
        let _ = writeln!(
            text,
            "[[issues]]\nid = \"Q{issue}\"\ntitle = \"Question {issue}\"\ndomain = \"{domain}\"\n"
        );
        for _ in 0..20 {
            let party = numbers.below(parties);
            let stance = ["support", "neutral", "oppose"][numbers.below(3)];
            let _ = writeln!(
                text,
                "[[positions]]\nparty = \"P{party}\"\nissue = \"Q{issue}\"\nstance = \"{stance}\"\nsince = \"2000-01-01\"\nsource = \"synthetic\"\n"
            );
        }
    }
    for war in 0..parties / 50 {
        let attacker = numbers.below(parties);
        let victim = (attacker + 1 + numbers.below(parties - 1)) % parties;
        let _ = writeln!(
            text,
            "[[events]]\nid = \"E{war}\"\nkind = \"armed_attack\"\ndate = \"2000-01-01\"\nattacker = \"P{attacker}\"\nvictim = \"P{victim}\"\nissue = \"W{war}\"\nsource = \"synthetic\"\n"
        );
    }
    text
}

fn date(text: &str) -> Date {
    text.parse().unwrap_or_else(|error| panic!("{error}"))
}

fn seed(c: &mut Criterion) {
    let scenario =
        allegiance::load::from_toml_str(SEED).unwrap_or_else(|errors| panic!("{errors}"));
    c.bench_function("check_on seed 2022-02-24", |b| {
        b.iter(|| allegiance::check_on(black_box(&scenario), date("2022-02-24")))
    });
    c.bench_function("check seed timeline", |b| {
        b.iter(|| allegiance::check(black_box(&scenario)))
    });
}

fn worlds(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_on synthetic world");
    group.sample_size(20);
    for parties in [100, 1_000, 10_000] {
        let scenario = allegiance::load::from_toml_str(&world(parties))
            .unwrap_or_else(|errors| panic!("{errors}"));
        group.throughput(Throughput::Elements(parties as u64));
        group.bench_with_input(BenchmarkId::from_parameter(parties), &scenario, |b, it| {
            b.iter(|| {
                allegiance::check_on(black_box(it), date("2001-01-01"))
                    .findings()
                    .len()
            })
        });
    }
    group.finish();
}

fn latent(c: &mut Criterion) {
    let scenario =
        allegiance::load::from_toml_str(SEED).unwrap_or_else(|errors| panic!("{errors}"));
    c.bench_function("latent seed 2022-02-25", |b| {
        b.iter(|| allegiance::latent(black_box(&scenario), date("2022-02-25")))
    });
    let mut group = c.benchmark_group("latent world");
    group.sample_size(10);
    for (parties, instruments) in [(200, 1_000), (400, 2_000)] {
        let scenario = allegiance::load::from_toml_str(&sized(parties, instruments))
            .unwrap_or_else(|errors| panic!("{errors}"));
        let label = format!("{parties} states, {instruments} instruments");
        group.bench_with_input(BenchmarkId::from_parameter(label), &scenario, |b, it| {
            b.iter(|| {
                allegiance::latent(black_box(it), date("2001-01-01"))
                    .exposures
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, seed, worlds, latent);
criterion_main!(benches);
