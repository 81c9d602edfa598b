//! Loading and the graph view, on the bundled scenario and on a synthetic one of growing size.
#![allow(
    clippy::panic,
    reason = "a benchmark on a broken input should stop loudly"
)]
//!
//! Run with `cargo bench --bench load`; `cargo bench --bench load -- --test` runs each once.

use std::fmt::Write;
use std::hint::black_box;

use allegiance::{CommitmentGraph, Date};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const SEED: &str = include_str!("../examples/data/caucasus-2022.toml");

/// A scenario of `parties` states and as many bilateral alignment instruments, each binding
/// party `i` and party `(i * 7 + 1) % parties`, signed on a day of 2000–2019.
fn synthetic(parties: usize) -> String {
    let mut text = String::new();
    for party in 0..parties {
        let _ = writeln!(
            text,
            "[[parties]]\nid = \"P{party}\"\nname = \"Party {party}\"\nkind = \"state\"\n"
        );
    }
    for at in 0..parties {
        let other = (at * 7 + 1) % parties;
        if other == at {
            continue;
        }
        let _ = writeln!(
            text,
            "[[instruments]]\nid = \"I{at}\"\nname = \"Instrument {at}\"\nkind = \"treaty\"\nforce = \"binding\"\nform = \"bilateral\"\nparties = [\"P{at}\", \"P{other}\"]\nsigned = \"{}-0{}-1{}\"\nsource = \"synthetic\"\n\n[[instruments.clauses]]\nlabel = \"art. 1\"\ntext = \"The Parties shall coordinate their positions.\"\nmodality = \"obligation\"\naction = \"align\"\n",
            2000 + at % 20,
            1 + at % 9,
            at % 10
        );
    }
    text
}

fn load(c: &mut Criterion) {
    let seed_json = allegiance::save::to_json_string(
        &allegiance::load::from_toml_str(SEED).unwrap_or_else(|errors| panic!("{errors}")),
    );
    c.bench_function("load seed toml", |b| {
        b.iter(|| allegiance::load::from_toml_str(black_box(SEED)))
    });
    c.bench_function("load seed json", |b| {
        b.iter(|| allegiance::load::from_json_str(black_box(&seed_json)))
    });
    let mut group = c.benchmark_group("load synthetic toml");
    for parties in [100, 1_000] {
        let text = synthetic(parties);
        group.bench_with_input(BenchmarkId::from_parameter(parties), &text, |b, text| {
            b.iter(|| allegiance::load::from_toml_str(black_box(text)))
        });
    }
    group.finish();
}

fn graph(c: &mut Criterion) {
    let scenario = allegiance::load::from_toml_str(&synthetic(1_000))
        .unwrap_or_else(|errors| panic!("{errors}"));
    let on: Date = "2022-02-24"
        .parse()
        .unwrap_or_else(|error| panic!("{error}"));
    c.bench_function("graph on a date, 1000 parties", |b| {
        b.iter(|| CommitmentGraph::on(black_box(&scenario), on).commitment_count())
    });
}

criterion_group!(benches, load, graph);
criterion_main!(benches);
