//! Runs the crate on a fact directory of the peer engines (`../shared/peers`) and writes their
//! canonical output, so the crate can be compared and timed beside them.
#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    clippy::expect_used,
    reason = "a command-line example: a broken input or output stops it loudly"
)]
//!
//! ```sh
//! cargo run --release --features synthetic --example peers_adapter -- [--explained] DATADIR OUTDIR
//! ```
//!
//! # Input
//!
//! The peers' tab-separated facts (`state.tsv`, `align.tsv`, `issue.tsv`, `stance.tsv`,
//! `war.tsv`, `defense.tsv`, `offense.tsv`, `neutral.tsv`, `nonagg.tsv`, `noharm.tsv`) are read
//! into an [`allegiance::synthetic::World`] and turned into a scenario by [`World::scenario`]
//! (each entry of the file form made as it is lowered): one bilateral binding treaty per
//! row, in force from 2000-01-01; strict `align` scoped to the row's domain, binding both;
//! `defend`, `offense`, `neutrality`, `non_aggression` and `no_harm` (with discretion)
//! binding `a` toward `b`; positions from 2000-01-01; each war an armed attack on 2000-01-01
//! making its own war issue (security domain). The peers' domains map onto the crate's:
//! security → security, trade → economy, rights → culture, environment → foreign policy.
//! Rows with a = b are dropped, as the peers drop them.
//!
//! # What comes from the engine, what from post-processing
//!
//! By default the engine is run once, `allegiance::clashes_on(&scenario, 2000-01-01)`, and
//! each row comes from one clash point:
//!
//! * **dc**: two stances met in a strict-alignment component on a declared issue give
//!   `(issue, component, v1, v2)`; post-processing names the component by its smallest member
//!   (a union-find over `align.tsv` in the issue's domain) and gives each value's smallest
//!   holder, as the peers do.
//! * **nh**: an exclusion from a `no_harm` clause met by a value gives `a` (the bound party),
//!   `b` (the beneficiary), the issue and the value `o`; post-processing gives `w`, the
//!   smallest member of `a`'s component declaring `o`.
//! * **wd**: a clash point on a war issue made of sides alone (two sides, a side excluded, a
//!   non-aggression between opposite sides) whose clauses all bind one third party `p`
//!   toward the attacker or the victim gives `(p, x, y)`.
//!
//! Other clash points (stances on war issues, the belligerents' own) are counted on stderr.
//!
//! With `--explained`, the engine is run as `allegiance::check_on` instead, and the rows are
//! read from the findings' witnesses (their `witness` and `also`) by the relations on their
//! chain:
//!
//! * **dc**: a witness on a declared issue whose chain is only strict alignment (`Same`)
//!   says that a component diverges on that issue; every pair of values declared in it gets
//!   a row.
//! * **nh**: a witness with a `NoHarm` link from `b` to `a` gives `a`, `b`, the issue and the
//!   value; post-processing gives `w`.
//! * **wd**: a witness on a war issue whose chain is only duties to fight or not to fight
//!   gives a row for each third party of the finding bound toward the belligerents; other
//!   parties of such findings go to `extra_wd_indirect.tsv`.
//!
//! The report tells each clash point once, from its nearest facts, and does not report a
//! party's violation where it has a conflict on the same issue, so this reading misses rows
//! (102 of 4,001 nh rows on small) and takes minutes on medium: it shows what the report
//! explains, not what the engine finds.
//!
//! In that mode, every other finding (alignment on war issues, violations by belligerents,
//! imbalances, narrow ways out) is counted on stderr and left out.
//!
//! # Output
//!
//! `OUTDIR/dc.tsv`, `wd.tsv`, `nh.tsv` in the peers' canonical format, and on stderr
//! `load Xs eval Ys total Zs` (load: reading the facts, building and validating the scenario;
//! eval: `clashes_on`, or `check_on` with `--explained`; total: everything, writing included)
//! and a line of counts. With `--explained` and the environment variable
//! `PEERS_ADAPTER_REPORT=FILE`, the crate's own report is written to `FILE` as text, to see
//! the findings behind the rows.
//!
//! For measuring, without `--explained`: `PEERS_ADAPTER_REPEAT=N` runs `clashes_on` N − 1
//! more times before the one whose rows are written, printing each run's time (`eval` is the
//! last); `PEERS_ADAPTER_MEMORY=1` prints the resident and peak memory after each stage
//! (facts read, scenario loaded, clashes found); `PEERS_ADAPTER_FILE_FORM=1` builds the
//! scenario from the whole file form ([`World::scenario_file`], then
//! `allegiance::load::from_file_form`, as a file is loaded) rather than entry by entry: a
//! higher peak, but the check then finds the file form's memory, let go, already mapped;
//! `PEERS_ADAPTER_THREADS=N` runs the check as `allegiance::clashes_on_threads` on N threads
//! (the points, and so the rows, are the same).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use allegiance::synthetic::{Align, Day, PeerDomain, Position, Tie, Value, World};
use allegiance::{Kind, Relation, Stance, Witness};

fn rows(dir: &Path, name: &str) -> Vec<Vec<String>> {
    let text = fs::read_to_string(dir.join(name)).unwrap_or_default();
    text.lines()
        .filter(|it| !it.trim().is_empty())
        .map(|line| line.split('\t').map(|it| it.trim().to_owned()).collect())
        .collect()
}

fn number(text: &str) -> u32 {
    text.parse()
        .unwrap_or_else(|_| panic!("not a number: {text:?}"))
}

fn value(stance: Stance) -> Value {
    match stance {
        Stance::Support => Value::Support,
        Stance::Neutral => Value::Neutral,
        Stance::Oppose => Value::Oppose,
    }
}

/// The facts, the issues' own ids in file order, and each issue id's index.
fn read(dir: &Path) -> (World, Vec<String>) {
    let mut world = World::default();
    for row in rows(dir, "state.tsv") {
        world.parties.push(number(&row[0]));
    }
    let mut issue_ids = Vec::new();
    let mut issue_index = HashMap::new();
    for row in rows(dir, "issue.tsv") {
        let domain = PeerDomain::from_name(&row[1]).expect("a known domain");
        issue_index.insert(row[0].clone(), issue_ids.len() as u32);
        issue_ids.push(row[0].clone());
        world.issues.push(domain);
    }
    for row in rows(dir, "align.tsv") {
        let (a, b) = (number(&row[0]), number(&row[1]));
        if a != b {
            world.align.push(Align {
                tie: Tie::undated(a, b),
                domain: PeerDomain::from_name(&row[2]).expect("a known domain"),
            });
        }
    }
    for row in rows(dir, "stance.tsv") {
        world.positions.push(Position {
            party: number(&row[0]),
            issue: issue_index[&row[1]],
            value: Value::from_name(&row[2]).expect("a known value"),
            since: Day::UNDATED,
        });
    }
    let ties = |name: &str| -> Vec<Tie> {
        rows(dir, name)
            .iter()
            .map(|row| (number(&row[0]), number(&row[1])))
            .filter(|(a, b)| a != b)
            .map(|(a, b)| Tie::undated(a, b))
            .collect()
    };
    world.wars = ties("war.tsv");
    world.defense = ties("defense.tsv");
    world.offense = ties("offense.tsv");
    world.neutral = ties("neutral.tsv");
    world.nonagg = ties("nonagg.tsv");
    world.noharm = ties("noharm.tsv");
    (world, issue_ids)
}

/// Union-find with the smallest member of each set.
struct Components {
    parent: HashMap<u32, u32>,
}

impl Components {
    fn find(&mut self, x: u32) -> u32 {
        let mut root = x;
        while let Some(up) = self.parent.get(&root).copied().filter(|it| *it != root) {
            root = up;
        }
        let mut at = x;
        while at != root {
            let up = self.parent[&at];
            self.parent.insert(at, root);
            at = up;
        }
        root
    }

    /// Components named by their smallest member: the root is kept the smaller one.
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (small, big) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(big, small);
        }
    }
}

fn party(id: &allegiance::PartyId) -> u32 {
    number(id.as_str().trim_start_matches('S'))
}

/// With `PEERS_ADAPTER_MEMORY` set, prints the resident and peak memory so far on stderr.
fn memory(stage: &str) {
    if std::env::var_os("PEERS_ADAPTER_MEMORY").is_none() {
        return;
    }
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|it| it.strip_prefix(name))
            .map_or(0, |it| number(it.trim().trim_end_matches(" kB")) / 1024)
    };
    eprintln!(
        "memory {stage}: resident {} MiB, peak {} MiB",
        field("VmRSS:"),
        field("VmHWM:")
    );
}

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    let explained = args.iter().any(|it| it == "--explained");
    args.retain(|it| it != "--explained");
    if args.len() != 3 {
        eprintln!("usage: peers_adapter [--explained] DATADIR OUTDIR");
        std::process::exit(2);
    }
    let (data, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let start = Instant::now();
    let (world, issue_ids) = read(data);
    memory("facts read");
    // With PEERS_ADAPTER_FILE_FORM=1, through the whole file form, as a file is loaded.
    let scenario = if std::env::var_os("PEERS_ADAPTER_FILE_FORM").is_some() {
        let file = world.scenario_file();
        memory("file form built");
        allegiance::load::from_file_form(file)
    } else {
        world.scenario()
    }
    .unwrap_or_else(|errors| panic!("{errors}"));
    memory("scenario loaded");
    let loaded = start.elapsed();
    let date: allegiance::Date = Day::UNDATED.to_string().parse().expect("a date");
    if !explained {
        // For timing: with PEERS_ADAPTER_REPEAT=N, the check runs N - 1 more times first,
        // and each run's time is printed.
        let repeat: usize = std::env::var("PEERS_ADAPTER_REPEAT")
            .ok()
            .and_then(|it| it.parse().ok())
            .unwrap_or(1);
        // With PEERS_ADAPTER_THREADS=N, on N threads (`clashes_on_threads`).
        let threads: usize = std::env::var("PEERS_ADAPTER_THREADS")
            .ok()
            .and_then(|it| it.parse().ok())
            .unwrap_or(1);
        // Naming the rows needs little of the facts; the rest is let go before the check, as
        // the loader lets go of a file's text.
        let mut naming = Naming::of(&world);
        drop(world);
        let check = || allegiance::clash::clashes_on_threads(&scenario, date, threads);
        for _ in 1..repeat {
            let started = Instant::now();
            drop(check());
            eprintln!("eval once {:.3}s", started.elapsed().as_secs_f64());
        }
        let started = start.elapsed();
        let clashes = check();
        let evaluated = start.elapsed() - started;
        memory("clashes found");
        facts(&mut naming, &issue_ids, clashes, &scenario, out);
        eprintln!(
            "load {:.3}s eval {:.3}s total {:.3}s",
            loaded.as_secs_f64(),
            evaluated.as_secs_f64(),
            start.elapsed().as_secs_f64()
        );
        return;
    }
    let report = allegiance::check_on(&scenario, date);
    let evaluated = start.elapsed() - loaded;
    // For diagnosis: the crate's own report, as text.
    if let Some(path) = std::env::var_os("PEERS_ADAPTER_REPORT") {
        fs::write(path, report.to_string()).expect("the report file");
    }

    // Post-processing: components per peer domain, named by their smallest member.
    let mut components = components(&world);
    let mut component = |issue: u32, party: u32| -> u32 {
        let domain = world.issues[issue as usize];
        components
            .get_mut(&domain)
            .map_or(party, |uf| uf.find(party))
    };
    // Per issue and component, the smallest holder of each value.
    let mut holders: HashMap<(u32, u32), BTreeMap<Value, u32>> = HashMap::new();
    for it in &world.positions {
        let root = component(it.issue, it.party);
        let slot = holders
            .entry((it.issue, root))
            .or_default()
            .entry(it.value)
            .or_insert(it.party);
        *slot = (*slot).min(it.party);
    }

    let mut diverging: BTreeSet<(u32, u32)> = BTreeSet::new();
    let mut witnessed_pairs: BTreeSet<(u32, u32, Value, Value)> = BTreeSet::new();
    let mut nh: BTreeSet<(u32, u32, u32, Value, u32)> = BTreeSet::new();
    let mut nh_witnessed = 0usize;
    let mut wd: BTreeSet<(u32, u32, u32)> = BTreeSet::new();
    let mut wd_indirect: BTreeSet<(u32, u32, u32)> = BTreeSet::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let fights = [
        Relation::FightFor,
        Relation::NotFightFor,
        Relation::NotFightAgainst,
    ];
    for finding in report.findings() {
        *counts
            .entry(format!("finding_{}", finding.kind.name()))
            .or_default() += 1;
        let Some(issue) = finding.issue.as_ref().map(|it| it.as_str()) else {
            continue;
        };
        // Imbalances and narrow ways out (a tension that some stance keeps) are no
        // contradiction: the peers' rules have no row for them.
        if finding.kind == Kind::Imbalance || !finding.is_contradiction() {
            continue;
        }
        let witnesses: Vec<&Witness> = std::iter::once(&finding.witness)
            .chain(&finding.also)
            .collect();
        if let Some(n) = issue.strip_prefix('W') {
            let war = &world.wars[number(n) as usize];
            let (x, y) = (war.a, war.b);
            for witness in witnesses {
                let only_fights = !witness.chain.is_empty()
                    && witness.chain.iter().all(|it| fights.contains(&it.relation));
                if !only_fights {
                    *counts.entry("witness_war_other".to_owned()).or_default() += 1;
                    continue;
                }
                for p in finding.parties.iter().map(party) {
                    if p == x || p == y {
                        *counts
                            .entry("witness_war_belligerent".to_owned())
                            .or_default() += 1;
                        continue;
                    }
                    let direct = witness.chain.iter().all(|link| {
                        let ends = [party(&link.from), party(&link.to)];
                        ends.contains(&p)
                            && ends.iter().all(|it| [p, x, y].contains(it))
                            && link.bound.iter().any(|it| party(it) == p)
                    });
                    if direct {
                        wd.insert((p, x, y));
                    } else {
                        wd_indirect.insert((p, x, y));
                    }
                }
            }
            continue;
        }
        let issue = number(issue.trim_start_matches('Q'));
        for witness in witnesses {
            let stance_of = |p: u32| {
                witness
                    .positions
                    .iter()
                    .find(|it| party(&it.party) == p)
                    .map(|it| value(it.stance))
            };
            let harms: Vec<_> = witness
                .chain
                .iter()
                .filter(|it| it.relation == Relation::NoHarm)
                .collect();
            if !harms.is_empty() {
                for link in harms {
                    let (b, a) = (party(&link.from), party(&link.to));
                    let Some(o) = stance_of(b).and_then(Value::opposite) else {
                        *counts.entry("witness_nh_unread".to_owned()).or_default() += 1;
                        continue;
                    };
                    let root = component(issue, a);
                    let Some(w) = holders.get(&(issue, root)).and_then(|it| it.get(&o)) else {
                        *counts.entry("witness_nh_unread".to_owned()).or_default() += 1;
                        continue;
                    };
                    if nh.insert((a, b, issue, o, *w))
                        && witness
                            .positions
                            .iter()
                            .any(|it| party(&it.party) == *w && value(it.stance) == o)
                    {
                        nh_witnessed += 1;
                    }
                }
            } else if !witness.chain.is_empty()
                && witness.chain.iter().all(|it| it.relation == Relation::Same)
            {
                let Some(first) = witness.positions.first() else {
                    continue;
                };
                let root = component(issue, party(&first.party));
                diverging.insert((issue, root));
                let values: BTreeSet<Value> = witness
                    .positions
                    .iter()
                    .map(|it| value(it.stance))
                    .collect();
                for v1 in &values {
                    for v2 in values.range(v1..).skip(1) {
                        witnessed_pairs.insert((issue, root, *v1, *v2));
                    }
                }
            } else {
                *counts.entry("witness_issue_other".to_owned()).or_default() += 1;
            }
        }
    }

    fs::create_dir_all(out).expect("the output folder");
    let create = |name: &str| BufWriter::new(fs::File::create(out.join(name)).expect(name));
    let mut dc_rows = 0usize;
    let mut dc_pairs_witnessed = 0usize;
    let mut file = create("dc.tsv");
    for (issue, root) in &diverging {
        let Some(values) = holders.get(&(*issue, *root)) else {
            continue;
        };
        let list: Vec<(&Value, &u32)> = values.iter().collect();
        for (at, (v1, w1)) in list.iter().enumerate() {
            for (v2, w2) in list.iter().skip(at + 1) {
                dc_rows += 1;
                if witnessed_pairs.contains(&(*issue, *root, **v1, **v2)) {
                    dc_pairs_witnessed += 1;
                }
                writeln!(
                    file,
                    "{}\t{root}\t{}\t{}\t{w1}\t{w2}",
                    issue_ids[*issue as usize],
                    v1.name(),
                    v2.name()
                )
                .expect("dc.tsv");
            }
        }
    }
    file.flush().expect("dc.tsv");
    write_wd(out, "wd.tsv", &wd);
    write_wd(out, "extra_wd_indirect.tsv", &wd_indirect);
    write_nh(out, &issue_ids, &nh);
    let total = start.elapsed();
    let counts: Vec<String> = counts.iter().map(|(k, v)| format!("{k}={v}")).collect();
    eprintln!(
        "findings={} dc={dc_rows} dc_components={} dc_pairs_witnessed={dc_pairs_witnessed} \
         wd={} wd_indirect={} nh={} nh_w_witnessed={nh_witnessed} {}",
        report.findings().len(),
        diverging.len(),
        wd.len(),
        wd_indirect.len(),
        nh.len(),
        counts.join(" ")
    );
    eprintln!(
        "load {:.3}s eval {:.3}s total {:.3}s",
        loaded.as_secs_f64(),
        evaluated.as_secs_f64(),
        total.as_secs_f64()
    );
}

/// The smallest holder of each value, by the value's place in [`Value::ALL`].
type Holders = [Option<u32>; Value::ALL.len()];

fn place(value: Value) -> usize {
    Value::ALL
        .iter()
        .position(|it| *it == value)
        .expect("every value is in Value::ALL")
}

/// What naming the fact-level rows needs of the facts: each issue's domain, each war's
/// sides, and the strict-alignment components per domain.
struct Naming {
    issues: Vec<PeerDomain>,
    wars: Vec<(u32, u32)>,
    components: BTreeMap<PeerDomain, Components>,
}

impl Naming {
    fn of(world: &World) -> Self {
        Naming {
            issues: world.issues.clone(),
            wars: world.wars.iter().map(|it| (it.a, it.b)).collect(),
            components: components(world),
        }
    }

    /// The component of `party` in the domain of `issue`, named by its smallest member.
    fn component(&mut self, issue: u32, party: u32) -> u32 {
        let domain = self.issues[issue as usize];
        self.components
            .get_mut(&domain)
            .map_or(party, |uf| uf.find(party))
    }

    /// Per declared issue and component, the smallest holder of each value (by its place in
    /// [`Value::ALL`]), from the scenario's positions (the facts' `stance.tsv`, let go before
    /// the check).
    fn holders(&mut self, scenario: &allegiance::Scenario) -> HashMap<(u32, u32), Holders> {
        let mut holders: HashMap<(u32, u32), Holders> = HashMap::new();
        for it in scenario.positions() {
            let Some(issue) = it.issue.as_str().strip_prefix('Q') else {
                continue;
            };
            let (issue, p) = (number(issue), party(&it.party));
            let root = self.component(issue, p);
            let slot = &mut holders.entry((issue, root)).or_default()[place(value(it.stance))];
            *slot = Some(slot.map_or(p, |it| it.min(p)));
        }
        holders
    }
}

/// Components per peer domain, named by their smallest member, from `align.tsv`.
fn components(world: &World) -> BTreeMap<PeerDomain, Components> {
    let mut components: BTreeMap<PeerDomain, Components> = PeerDomain::ALL
        .into_iter()
        .map(|it| {
            (
                it,
                Components {
                    parent: HashMap::new(),
                },
            )
        })
        .collect();
    for row in &world.align {
        if let Some(uf) = components.get_mut(&row.domain) {
            uf.union(row.tie.a, row.tie.b);
        }
    }
    components
}

/// The fact-level mode: the rows straight from the clash points of `clashes_on`. Every row's
/// content comes from a clash point; post-processing only names a component by its smallest
/// member and picks the smallest holder of a value in it (`w`, `w1`, `w2`), as the peers do.
///
/// The facts were let go before the check: `w` is named from the scenario's positions, once
/// the points are read into rows and let go.
fn facts(
    naming: &mut Naming,
    issue_ids: &[String],
    clashes: allegiance::Clashes<'_>,
    scenario: &allegiance::Scenario,
    out: &Path,
) {
    use allegiance::clash::{ClashKind, Requirement, Value as V};
    let stance = |requires: Requirement| match requires {
        Requirement::Holds(V::Stance(it)) | Requirement::Excludes(V::Stance(it)) => Some(value(it)),
        _ => None,
    };
    let side = |requires: Requirement| match requires {
        Requirement::Holds(V::Side(it)) | Requirement::Excludes(V::Side(it)) => Some(it),
        _ => None,
    };
    let mut dc: BTreeSet<(u32, u32, Value, Value)> = BTreeSet::new();
    // (a, b, issue, o, w): w is named once the points are let go.
    let mut nh: Vec<(u32, u32, u32, Value, u32)> = Vec::new();
    let mut wd: BTreeSet<(u32, u32, u32)> = BTreeSet::new();
    let mut other = 0usize;
    let count = clashes.points.len();
    for point in &clashes.points {
        let id = point.issue().as_str();
        if let Some(n) = id.strip_prefix('W') {
            // A third party's own duties toward the belligerents about its side: its side
            // must take two values, or a value it must not.
            let (x, y) = naming.wars[number(n) as usize];
            let sides = point.steps().all(|it| {
                side(it.requires).is_some()
                    || (it.requires == Requirement::NotOpposite
                        && it.relation == Some(Relation::NotFightAgainst))
            });
            let clauses: Vec<_> = point.steps().filter(|it| it.clause.is_some()).collect();
            let p = clauses.first().and_then(|it| it.bound).map(party);
            let own = p.is_some_and(|p| {
                p != x
                    && p != y
                    && clauses.iter().all(|it| {
                        it.bound.map(party) == Some(p)
                            && it.from.map(party).is_some_and(|it| it == x || it == y)
                    })
            });
            match (sides, own, p) {
                (true, true, Some(p)) => {
                    wd.insert((p, x, y));
                }
                _ => other += 1,
            }
            continue;
        }
        let issue = number(id.trim_start_matches('Q'));
        let holder = |at: usize| point.step(at).and_then(|it| it.parties.first()).map(party);
        match point.kind() {
            ClashKind::TwoValues => {
                let (Some(first), Some(last)) = (point.steps().next(), point.steps().next_back())
                else {
                    continue;
                };
                let (Some(v1), Some(v2), Some(p)) =
                    (stance(first.requires), stance(last.requires), holder(0))
                else {
                    other += 1;
                    continue;
                };
                let root = naming.component(issue, p);
                dc.insert((issue, root, v1.min(v2), v1.max(v2)));
            }
            ClashKind::Barred => {
                let Some(bar) = point
                    .steps()
                    .find(|it| it.relation == Some(Relation::NoHarm))
                else {
                    other += 1;
                    continue;
                };
                let (Some(a), Some(b), Some(o)) = (
                    bar.bound.map(party),
                    bar.from.map(party),
                    stance(bar.requires),
                ) else {
                    other += 1;
                    continue;
                };
                nh.push((a, b, issue, o, 0));
            }
            ClashKind::Opposed => other += 1,
        }
    }
    drop(clashes);
    memory("points read and let go");
    let holders = naming.holders(scenario);
    let before = nh.len();
    nh.retain_mut(|(a, _, issue, o, w)| {
        let root = naming.component(*issue, *a);
        let found = holders.get(&(*issue, root)).and_then(|it| it[place(*o)]);
        *w = found.unwrap_or_default();
        found.is_some()
    });
    other += before - nh.len();
    nh.sort_unstable();
    nh.dedup();
    fs::create_dir_all(out).expect("the output folder");
    let create = |name: &str| BufWriter::new(fs::File::create(out.join(name)).expect(name));
    let mut file = create("dc.tsv");
    for (issue, root, v1, v2) in &dc {
        let values = &holders[&(*issue, *root)];
        let holder =
            |value: &Value| values[place(*value)].expect("a value met in a point has a holder");
        writeln!(
            file,
            "{}\t{root}\t{}\t{}\t{}\t{}",
            issue_ids[*issue as usize],
            v1.name(),
            v2.name(),
            holder(v1),
            holder(v2)
        )
        .expect("dc.tsv");
    }
    file.flush().expect("dc.tsv");
    write_wd(out, "wd.tsv", &wd);
    write_nh(out, issue_ids, &nh);
    eprintln!(
        "points={count} dc={} wd={} nh={} other_points={other}",
        dc.len(),
        wd.len(),
        nh.len()
    );
}

/// Writes `(a, x, y)` rows.
fn write_wd(out: &Path, name: &str, rows: &BTreeSet<(u32, u32, u32)>) {
    let mut file = BufWriter::new(fs::File::create(out.join(name)).expect(name));
    for (a, x, y) in rows {
        writeln!(file, "{a}\t{x}\t{y}").expect(name);
    }
    file.flush().expect(name);
}

/// Writes `nh.tsv`.
fn write_nh<'a>(
    out: &Path,
    issue_ids: &[String],
    rows: impl IntoIterator<Item = &'a (u32, u32, u32, Value, u32)>,
) {
    let mut file = BufWriter::new(fs::File::create(out.join("nh.tsv")).expect("nh.tsv"));
    for (a, b, issue, o, w) in rows {
        writeln!(
            file,
            "{a}\t{b}\t{}\t{}\t{w}",
            issue_ids[*issue as usize],
            o.name()
        )
        .expect("nh.tsv");
    }
    file.flush().expect("nh.tsv");
}
