//! Synthetic worlds for scale tests and for the peer engines of `../shared/peers` (feature
//! `synthetic`).
//!
//! [`generate`] draws a [`World`] from a seed, deterministically, with the shape of the peers'
//! generator (`gen/generate.py` v2; the same parameters, not the same random stream, so the
//! rows differ from the peers' files but their counts and shape do not):
//!
//! * **alignment**: in each of four domains, 75% of the states are split into blocs whose
//!   sizes follow a Zipf law (`max(5, n/40)` blocs), the rest unaligned; each bloc gets a
//!   preferential-attachment spanning tree, then Chung–Lu edges drawn with per-state Pareto
//!   activity weights (the same in every domain: the hubs are the same states); bridges
//!   between blocs, chosen in proportion to their size, merge the big ones into one giant
//!   component per domain;
//! * **issues and positions**: each issue has a domain and a power-law salience that sets how
//!   many states declare a stance on it; each bloc has a line per issue (support 45%, oppose
//!   40%, neutral 15%) that its members follow with probability 0.97;
//! * **treaties**, shaped like ATOP 5.1: defence (`3n` rows, 74% of treaties bilateral, 87%
//!   mutual), non-aggression (`2n`, symmetric, mostly between neighbours), offense (`n/4`,
//!   mostly riding on defence rows), neutrality (`n/2`, mostly riding on non-aggression),
//!   directed no-harm (`2n`); states sit in regions of about 25;
//! * **wars**: `max(5, n/50)` directed attacks, activity-weighted, 70% inside one region.
//!
//! With [`Params::dated`], every instrument, position and war gets a date between 1990 and
//! 2020 and some instruments a termination, so a timeline has change points; the facts are
//! the same as undated (the dates come from a second stream).
//!
//! [`World::scenario_file`] turns a world into the crate's file form, one bilateral binding
//! instrument per row; [`World::write_facts`] writes the peers' tab-separated fact files.
//!
//! The four peer domains map onto the crate's: `security` → security, `trade` → economy,
//! `rights` → culture, `environment` → foreign policy.

use std::collections::HashSet;
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::spec::{
    ClauseFile, EventFile, InstrumentFile, IssueFile, PartyFile, PositionFile, ScenarioFile,
    SourceFile,
};

/// How big a world is, and whether it is dated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// States.
    pub parties: usize,
    /// Strict-alignment rows, over the four domains.
    pub align: usize,
    /// Issues.
    pub issues: usize,
    /// Declared positions.
    pub positions: usize,
    /// Whether instruments, positions and wars get dates of their own (otherwise all hold
    /// from [`Day::UNDATED`]).
    pub dated: bool,
}

impl Params {
    /// 30 states, 60 alignment rows, 8 issues, 120 positions (the peers' `tiny`).
    pub const TINY: Params = Params::sized(30, 60, 8, 120);
    /// 200 states, 2k alignment rows, 100 issues, 5k positions.
    pub const SMALL: Params = Params::sized(200, 2_000, 100, 5_000);
    /// 2k states, 50k alignment rows, 1k issues, 200k positions.
    pub const MEDIUM: Params = Params::sized(2_000, 50_000, 1_000, 200_000);
    /// 20k states, 1M alignment rows, 5k issues, 2M positions.
    pub const LARGE: Params = Params::sized(20_000, 1_000_000, 5_000, 2_000_000);

    const fn sized(parties: usize, align: usize, issues: usize, positions: usize) -> Params {
        Params {
            parties,
            align,
            issues,
            positions,
            dated: false,
        }
    }

    /// The parameters of a size by its name: `tiny`, `small`, `medium` or `large`.
    pub fn named(name: &str) -> Option<Params> {
        match name {
            "tiny" => Some(Params::TINY),
            "small" => Some(Params::SMALL),
            "medium" => Some(Params::MEDIUM),
            "large" => Some(Params::LARGE),
            _ => None,
        }
    }

    /// The same size, dated or not.
    pub fn with_dates(self, dated: bool) -> Params {
        Params { dated, ..self }
    }
}

/// A day in a simple calendar of 12 months of 28 days from 1990-01-01: every day is a valid
/// date, and the order of days is the order of their `YYYY-MM-DD` text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub u32);

impl Day {
    /// 2000-01-01: the day every fact of an undated world holds from.
    pub const UNDATED: Day = Day(10 * 336);
    /// 2020-12-28: the last day dates are drawn from in a dated world.
    pub const LAST: Day = Day(31 * 336 - 1);
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = 1990 + self.0 / 336;
        let month = self.0 % 336 / 28 + 1;
        let day = self.0 % 28 + 1;
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

/// The four issue domains of the peers, in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeerDomain {
    /// `security`: the crate's security.
    Security,
    /// `trade`: the crate's economy.
    Trade,
    /// `rights`: the crate's culture.
    Rights,
    /// `environment`: the crate's foreign policy.
    Environment,
}

impl PeerDomain {
    /// Every domain, in the peers' order.
    pub const ALL: [PeerDomain; 4] = [
        PeerDomain::Security,
        PeerDomain::Trade,
        PeerDomain::Rights,
        PeerDomain::Environment,
    ];

    /// Its name in the peers' files.
    pub fn name(self) -> &'static str {
        match self {
            PeerDomain::Security => "security",
            PeerDomain::Trade => "trade",
            PeerDomain::Rights => "rights",
            PeerDomain::Environment => "environment",
        }
    }

    /// The domain by its name in the peers' files.
    pub fn from_name(name: &str) -> Option<PeerDomain> {
        PeerDomain::ALL.into_iter().find(|it| it.name() == name)
    }

    /// The crate's domain it maps onto, as a scenario file names it.
    pub fn crate_domain(self) -> &'static str {
        match self {
            PeerDomain::Security => "security",
            PeerDomain::Trade => "economy",
            PeerDomain::Rights => "culture",
            PeerDomain::Environment => "foreign_policy",
        }
    }
}

/// A declared stance, in the peers' order (neutral < oppose < support).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    /// `neutral`.
    Neutral,
    /// `oppose`.
    Oppose,
    /// `support`.
    Support,
}

impl Value {
    /// Every value, in order.
    pub const ALL: [Value; 3] = [Value::Neutral, Value::Oppose, Value::Support];

    /// Its name in the peers' files and in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Value::Neutral => "neutral",
            Value::Oppose => "oppose",
            Value::Support => "support",
        }
    }

    /// The value by its name.
    pub fn from_name(name: &str) -> Option<Value> {
        Value::ALL.into_iter().find(|it| it.name() == name)
    }

    /// The opposite value: oppose for support and back; neutral has none.
    pub fn opposite(self) -> Option<Value> {
        match self {
            Value::Neutral => None,
            Value::Oppose => Some(Value::Support),
            Value::Support => Some(Value::Oppose),
        }
    }
}

/// A directed row between two states: `a` is bound toward `b` (or, for a war, `a` attacks
/// `b`), from `since` until `until` (excluded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tie {
    /// The bound party (the attacker).
    pub a: u32,
    /// The beneficiary (the victim).
    pub b: u32,
    /// The first day it holds.
    pub since: Day,
    /// The first day it no longer holds, if any.
    pub until: Option<Day>,
}

impl Tie {
    /// A tie from [`Day::UNDATED`] on.
    pub fn undated(a: u32, b: u32) -> Tie {
        Tie {
            a,
            b,
            since: Day::UNDATED,
            until: None,
        }
    }

    /// Whether it holds on `day`.
    pub fn holds_on(&self, day: Day) -> bool {
        self.since <= day && self.until.is_none_or(|until| day < until)
    }
}

/// A strict alignment between two states in one domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Align {
    /// The two states, and when.
    pub tie: Tie,
    /// The domain.
    pub domain: PeerDomain,
}

/// A declared position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// The state.
    pub party: u32,
    /// The issue's index in [`World::issues`].
    pub issue: u32,
    /// The stance.
    pub value: Value,
    /// Since when.
    pub since: Day,
}

/// A world of facts: states, alignments, issues, positions, obligations and wars.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct World {
    /// The states' numbers.
    pub parties: Vec<u32>,
    /// Strict alignments.
    pub align: Vec<Align>,
    /// Each issue's domain; an issue is named by its index.
    pub issues: Vec<PeerDomain>,
    /// Declared positions, at most one per state and issue.
    pub positions: Vec<Position>,
    /// Armed attacks: `a` attacks `b` on `since`.
    pub wars: Vec<Tie>,
    /// `defend` clauses.
    pub defense: Vec<Tie>,
    /// `offense` clauses.
    pub offense: Vec<Tie>,
    /// `neutrality` clauses.
    pub neutral: Vec<Tie>,
    /// `non_aggression` clauses.
    pub nonagg: Vec<Tie>,
    /// `no_harm` clauses, with discretion.
    pub noharm: Vec<Tie>,
}

/// Row counts of a world, by the peers' file names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// `state.tsv`.
    pub state: usize,
    /// `align.tsv`.
    pub align: usize,
    /// `issue.tsv`.
    pub issue: usize,
    /// `stance.tsv`.
    pub stance: usize,
    /// `war.tsv`.
    pub war: usize,
    /// `defense.tsv`.
    pub defense: usize,
    /// `offense.tsv`.
    pub offense: usize,
    /// `neutral.tsv`.
    pub neutral: usize,
    /// `nonagg.tsv`.
    pub nonagg: usize,
    /// `noharm.tsv`.
    pub noharm: usize,
}

/// The source of every synthetic entry.
fn synthetic_source() -> SourceFile {
    SourceFile {
        citation: "synthetic".to_owned(),
        url: None,
        assumption: None,
    }
}

/// One bilateral binding treaty between the tie's parties, in force while the tie holds,
/// with the one clause.
fn treaty(id: String, tie: &Tie, clause: ClauseFile) -> InstrumentFile {
    InstrumentFile {
        id,
        name: "Synthetic treaty".to_owned(),
        kind: "treaty".to_owned(),
        force: "binding".to_owned(),
        form: "bilateral".to_owned(),
        parties: vec![party_id(tie.a), party_id(tie.b)],
        in_force: Some(tie.since.to_string()),
        terminated: tie.until.map(|it| it.to_string()),
        source: synthetic_source(),
        clauses: vec![clause],
        ..InstrumentFile::default()
    }
}

/// The id of state `n` in a scenario file.
pub fn party_id(n: u32) -> String {
    format!("S{n:06}")
}

/// The id of issue `n` in a scenario file.
pub fn issue_id(n: u32) -> String {
    format!("Q{n}")
}

/// The id of the war issue made by the `n`-th war of [`World::wars`].
pub fn war_issue_id(n: usize) -> String {
    format!("W{n}")
}

impl World {
    /// Its row counts.
    pub fn counts(&self) -> Counts {
        Counts {
            state: self.parties.len(),
            align: self.align.len(),
            issue: self.issues.len(),
            stance: self.positions.len(),
            war: self.wars.len(),
            defense: self.defense.len(),
            offense: self.offense.len(),
            neutral: self.neutral.len(),
            nonagg: self.nonagg.len(),
            noharm: self.noharm.len(),
        }
    }

    /// The world as a scenario file: one state per party; one bilateral binding treaty per
    /// row, with one clause — strict `align` scoped to the row's domain (binding both
    /// parties), and `defend`, `offense`, `neutrality`, `non_aggression` and `no_harm` (with
    /// discretion) binding `a` toward `b`; one issue per issue; one position per position;
    /// one armed-attack event per war, making the war issue [`war_issue_id`] in the security
    /// domain.
    ///
    /// # Complexity
    ///
    /// Linear in the rows.
    pub fn scenario_file(&self) -> ScenarioFile {
        ScenarioFile {
            instruments: self.instrument_files().collect(),
            positions: self.position_files().collect(),
            ..self.head_file()
        }
    }

    /// The world as a scenario, as [`crate::load::from_file_form`] makes it of
    /// [`World::scenario_file`], but with each instrument and position made as it is lowered
    /// ([`crate::load::from_entries`]): the file form is never held whole, which on a
    /// world-sized scenario is most of the memory loading takes.
    ///
    /// ```
    /// use allegiance::synthetic::{Params, generate};
    ///
    /// let world = generate(Params::TINY, 7);
    /// let made = world.scenario()?;
    /// assert_eq!(made, allegiance::load::from_file_form(world.scenario_file())?);
    /// # Ok::<(), allegiance::LoadErrors>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None for a generated world; a world whose rows were edited by hand may name a state
    /// or an issue it lacks.
    ///
    /// # Complexity
    ///
    /// Linear in the rows.
    pub fn scenario(&self) -> Result<crate::Scenario, crate::LoadErrors> {
        crate::load::from_entries(
            self.head_file(),
            || self.instrument_files(),
            self.position_files(),
        )
    }

    /// The scenario file without its instruments and positions.
    fn head_file(&self) -> ScenarioFile {
        let parties = self
            .parties
            .iter()
            .map(|n| PartyFile {
                id: party_id(*n),
                name: format!("State {n}"),
                kind: "state".to_owned(),
                ..PartyFile::default()
            })
            .collect();
        let issues = self
            .issues
            .iter()
            .zip(0u32..)
            .map(|(domain, n)| IssueFile {
                id: issue_id(n),
                title: format!("Question {n} ({})", domain.name()),
                domain: domain.crate_domain().to_owned(),
                source: None,
            })
            .collect();
        let events = self
            .wars
            .iter()
            .enumerate()
            .map(|(n, tie)| EventFile {
                id: format!("E{n}"),
                kind: "armed_attack".to_owned(),
                date: tie.since.to_string(),
                attacker: Some(party_id(tie.a)),
                victim: Some(party_id(tie.b)),
                issue: Some(war_issue_id(n)),
                source: synthetic_source(),
                ..EventFile::default()
            })
            .collect();
        ScenarioFile {
            title: Some("A synthetic world".to_owned()),
            description: None,
            parties,
            territories: Vec::new(),
            actions: Vec::new(),
            issues,
            instruments: Vec::new(),
            positions: Vec::new(),
            events,
        }
    }

    /// The instruments of [`World::scenario_file`], in its order, each made when asked for.
    fn instrument_files(&self) -> impl Iterator<Item = InstrumentFile> + '_ {
        let align = self.align.iter().zip(0usize..).map(|(row, n)| {
            let it = ClauseFile {
                label: "art. 1".to_owned(),
                text: format!(
                    "The Parties shall hold the same positions on {} issues.",
                    row.domain.name()
                ),
                modality: "obligation".to_owned(),
                action: "align".to_owned(),
                reading: Some("strict".to_owned()),
                scope: vec![row.domain.crate_domain().to_owned()],
                ..ClauseFile::default()
            };
            treaty(format!("al{n}"), &row.tie, it)
        });
        let kinds: [(&str, &str, &str, &[Tie]); 5] = [
            (
                "df",
                "defend",
                "A shall assist B if B is attacked.",
                &self.defense,
            ),
            ("of", "offense", "A shall assist B in war.", &self.offense),
            (
                "nt",
                "neutrality",
                "A shall not aid an adversary of B.",
                &self.neutral,
            ),
            (
                "na",
                "non_aggression",
                "A shall not resort to force against B.",
                &self.nonagg,
            ),
            (
                "nh",
                "no_harm",
                "A shall refrain from acts that, in the opinion of B, harm B.",
                &self.noharm,
            ),
        ];
        let duties = kinds.into_iter().flat_map(|(prefix, action, text, rows)| {
            rows.iter().zip(0usize..).map(move |(tie, n)| {
                let it = ClauseFile {
                    label: "art. 1".to_owned(),
                    text: text.to_owned(),
                    modality: "obligation".to_owned(),
                    action: action.to_owned(),
                    bound: Some(vec![party_id(tie.a)]),
                    toward: Some(vec![party_id(tie.b)]),
                    discretion: action == "no_harm",
                    ..ClauseFile::default()
                };
                treaty(format!("{prefix}{n}"), tie, it)
            })
        });
        align.chain(duties)
    }

    /// The positions of [`World::scenario_file`], in its order, each made when asked for.
    fn position_files(&self) -> impl Iterator<Item = PositionFile> + '_ {
        self.positions.iter().map(|it| PositionFile {
            party: party_id(it.party),
            issue: issue_id(it.issue),
            stance: it.value.name().to_owned(),
            since: it.since.to_string(),
            until: None,
            source: synthetic_source(),
        })
    }

    /// Writes the peers' fact files into `dir` (created if missing): `state.tsv`,
    /// `domain.tsv`, `align.tsv`, `issue.tsv`, `stance.tsv`, `war.tsv`, `defense.tsv`,
    /// `offense.tsv`, `neutral.tsv`, `nonagg.tsv` and `noharm.tsv`, tab-separated without
    /// header, with the facts that hold on `day` (a war from its day on).
    ///
    /// # Errors
    ///
    /// Any error creating the folder or writing a file.
    ///
    /// # Complexity
    ///
    /// Linear in the rows.
    pub fn write_facts(&self, dir: &Path, day: Day) -> io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let open = |name: &str| File::create(dir.join(name)).map(BufWriter::new);
        let mut out = open("state.tsv")?;
        for n in &self.parties {
            writeln!(out, "{n}\t{}", party_id(*n))?;
        }
        out.flush()?;
        let mut out = open("domain.tsv")?;
        for domain in PeerDomain::ALL {
            writeln!(out, "{}", domain.name())?;
        }
        out.flush()?;
        let mut out = open("align.tsv")?;
        for row in self.align.iter().filter(|it| it.tie.holds_on(day)) {
            writeln!(out, "{}\t{}\t{}", row.tie.a, row.tie.b, row.domain.name())?;
        }
        out.flush()?;
        let mut out = open("issue.tsv")?;
        for (domain, n) in self.issues.iter().zip(0u32..) {
            writeln!(out, "{n}\t{}", domain.name())?;
        }
        out.flush()?;
        let mut out = open("stance.tsv")?;
        for it in self.positions.iter().filter(|it| it.since <= day) {
            writeln!(out, "{}\t{}\t{}", it.party, it.issue, it.value.name())?;
        }
        out.flush()?;
        let files: [(&str, &[Tie]); 6] = [
            ("war.tsv", &self.wars),
            ("defense.tsv", &self.defense),
            ("offense.tsv", &self.offense),
            ("neutral.tsv", &self.neutral),
            ("nonagg.tsv", &self.nonagg),
            ("noharm.tsv", &self.noharm),
        ];
        for (name, rows) in files {
            let mut out = open(name)?;
            for tie in rows.iter().filter(|it| it.holds_on(day)) {
                writeln!(out, "{}\t{}", tie.a, tie.b)?;
            }
            out.flush()?;
        }
        Ok(())
    }
}

/// A deterministic stream of pseudo-random numbers: splitmix64 (Steele, Lea and Flood, 2014).
#[derive(Clone, Debug)]
struct Stream(u64);

impl Stream {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..bound` (0 when `bound` is 0).
    fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next_u64()) * bound as u128) >> 64) as usize
    }

    /// A Pareto variate of shape `alpha`, at least 1 (Python's `paretovariate`).
    fn pareto(&mut self, alpha: f64) -> f64 {
        1.0 / (1.0 - self.unit()).powf(1.0 / alpha)
    }

    /// An index drawn in proportion to the weights whose running sums are `cumulative`.
    fn weighted(&mut self, cumulative: &[f64]) -> usize {
        let total = cumulative.last().copied().unwrap_or(0.0);
        let x = self.unit() * total;
        cumulative
            .partition_point(|it| *it <= x)
            .min(cumulative.len().saturating_sub(1))
    }

    /// An element of `items` drawn in proportion to the weights whose running sums are
    /// `cumulative` (the first element when empty weights leave no choice).
    fn choose(&mut self, items: &[u32], cumulative: &[f64]) -> u32 {
        items
            .get(self.weighted(cumulative))
            .copied()
            .unwrap_or_default()
    }

    /// A uniform element of `items` (0 when empty).
    fn pick(&mut self, items: &[u32]) -> u32 {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or_default()
    }

    fn shuffle(&mut self, items: &mut [u32]) {
        for at in (1..items.len()).rev() {
            items.swap(at, self.below(at + 1));
        }
    }

    /// A value drawn with weights for neutral, oppose and support.
    fn value(&mut self, weights: [f64; 3]) -> Value {
        let cumulative: Vec<f64> = running(weights.iter().copied());
        Value::ALL
            .get(self.weighted(&cumulative))
            .copied()
            .unwrap_or(Value::Neutral)
    }
}

fn running(weights: impl Iterator<Item = f64>) -> Vec<f64> {
    weights
        .scan(0.0, |sum, it| {
            *sum += it;
            Some(*sum)
        })
        .collect()
}

fn key(u: u32, v: u32) -> (u32, u32) {
    if u < v { (u, v) } else { (v, u) }
}

/// Bloc sizes summing to `total`, by a Zipf law of exponent 1, each at least 2.
fn zipf_sizes(total: usize, blocs: usize) -> Vec<usize> {
    let weights: Vec<f64> = (0..blocs).map(|k| 1.0 / (k + 1) as f64).collect();
    let sum: f64 = weights.iter().sum();
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| ((total as f64 * w / sum) as usize).max(2))
        .collect();
    let mut at = 0;
    let mut guard = 0usize;
    while sizes.iter().sum::<usize>() != total && blocs > 0 && guard < 100 * (total + blocs) {
        guard += 1;
        let over = sizes.iter().sum::<usize>() > total;
        if let Some(size) = sizes.get_mut(at % blocs) {
            if !over {
                *size += 1;
            } else if *size > 2 {
                *size -= 1;
            }
        }
        at += 1;
    }
    sizes
}

/// Adds up to `target` new undirected edges among `members`, endpoints drawn by weight.
fn chung_lu(
    rng: &mut Stream,
    members: &[u32],
    weights: &[f64],
    target: usize,
    existing: &mut HashSet<(u32, u32)>,
) {
    if target == 0 || members.len() < 2 {
        return;
    }
    let cumulative = running(weights.iter().copied());
    let mut added = 0;
    let mut stall = 0;
    while added < target && stall < 20 {
        let before = added;
        let batch = (2 * (target - added)).max(64);
        for _ in 0..batch {
            let u = rng.choose(members, &cumulative);
            let v = rng.choose(members, &cumulative);
            if u == v || !existing.insert(key(u, v)) {
                continue;
            }
            added += 1;
            if added >= target {
                break;
            }
        }
        stall = if added == before { stall + 1 } else { 0 };
    }
}

/// Draws a world of the given size from `seed`, deterministically.
///
/// # Complexity
///
/// Near-linear in the rows (the large size takes some seconds and about a gigabyte).
pub fn generate(params: Params, seed: u64) -> World {
    let mut rng = Stream(seed);
    let n = params.parties;
    let states: Vec<u32> = (0..n as u32).collect();
    let activity: Vec<f64> = (0..n).map(|_| rng.pareto(1.6).min(200.0)).collect();
    let weight = |s: &u32| activity.get(*s as usize).copied().unwrap_or(1.0);
    let (align, bloc_of) = alignment(&mut rng, params, &states, &weight);
    let (issues, positions) = stances(&mut rng, params, &bloc_of);
    let mut world = World {
        parties: states.clone(),
        align,
        issues,
        positions,
        ..World::default()
    };
    obligations(&mut rng, &states, &activity, &mut world);
    if params.dated {
        date(&mut Stream(seed ^ 0x5EED_DA7E_5EED_DA7E), &mut world);
    }
    world
}

/// Alignment rows, and each domain's bloc of each state (`None`: unaligned).
fn alignment(
    rng: &mut Stream,
    params: Params,
    states: &[u32],
    weight: &dyn Fn(&u32) -> f64,
) -> (Vec<Align>, Vec<Vec<Option<usize>>>) {
    let n = states.len();
    let domains = PeerDomain::ALL.len();
    let mut rows = Vec::with_capacity(params.align);
    let mut bloc_of = Vec::new();
    for (at, domain) in PeerDomain::ALL.into_iter().enumerate() {
        let target = params.align / domains + usize::from(at < params.align % domains);
        let mut order = states.to_vec();
        rng.shuffle(&mut order);
        let aligned: Vec<u32> = order.iter().take(n * 3 / 4).copied().collect();
        let count = (n / 40).max(5);
        let sizes = zipf_sizes(aligned.len(), count);
        let mut blocs: Vec<Vec<u32>> = Vec::new();
        let mut of = vec![None; n];
        let mut rest = aligned.iter();
        for (bloc, size) in sizes.iter().enumerate() {
            let members: Vec<u32> = rest.by_ref().take(*size).copied().collect();
            for s in &members {
                if let Some(slot) = of.get_mut(*s as usize) {
                    *slot = Some(bloc);
                }
            }
            blocs.push(members);
        }
        bloc_of.push(of);
        let mut existing: HashSet<(u32, u32)> = HashSet::new();
        // Spanning trees by preferential attachment.
        for members in &blocs {
            let mut ends: Vec<u32> = members.first().copied().into_iter().collect();
            for (k, u) in members.iter().enumerate().skip(1) {
                let v = if rng.unit() < 0.5 {
                    members.get(rng.below(k)).copied().unwrap_or(*u)
                } else {
                    rng.pick(&ends)
                };
                existing.insert(key(*u, v));
                ends.extend([*u, v]);
            }
        }
        let bridges = (count / 4).max(1);
        let rest = target.saturating_sub(existing.len() + bridges);
        // Bridges between blocs chosen in proportion to their size: the big ones merge.
        let by_size = running(blocs.iter().map(|it| it.len() as f64));
        let (mut made, mut tries) = (0, 0);
        while made < bridges && tries < 100 * bridges {
            tries += 1;
            let (one, two) = (rng.weighted(&by_size), rng.weighted(&by_size));
            if one == two {
                continue;
            }
            let (Some(first), Some(second)) = (blocs.get(one), blocs.get(two)) else {
                continue;
            };
            let (u, v) = (rng.pick(first), rng.pick(second));
            if existing.insert(key(u, v)) {
                made += 1;
            }
        }
        // The rest: Chung-Lu inside blocs, a budget ~ size^1.3, at most 40% density.
        let caps: Vec<i64> = blocs
            .iter()
            .map(|m| {
                let len = m.len() as i64;
                (0.4 * (len * (len - 1)) as f64 / 2.0) as i64 - (len - 1)
            })
            .collect();
        let raw: Vec<f64> = blocs.iter().map(|m| (m.len() as f64).powf(1.3)).collect();
        let mut budget = vec![0i64; blocs.len()];
        let mut remaining = rest as i64;
        let mut active: Vec<usize> = (0..blocs.len())
            .filter(|it| caps.get(*it).is_some_and(|cap| *cap > 0))
            .collect();
        while remaining > 0 && !active.is_empty() {
            let total: f64 = active.iter().filter_map(|it| raw.get(*it)).sum();
            let give = remaining;
            for at in &active {
                let (Some(cap), Some(raw), Some(given)) =
                    (caps.get(*at), raw.get(*at), budget.get_mut(*at))
                else {
                    continue;
                };
                let share = ((give as f64 * raw / total) as i64).max(1);
                let more = share.min(cap - *given).min(remaining);
                *given += more;
                remaining -= more;
                if remaining <= 0 {
                    break;
                }
            }
            active.retain(|it| budget.get(*it) < caps.get(*it));
        }
        for (members, given) in blocs.iter().zip(&budget) {
            let weights: Vec<f64> = members.iter().map(weight).collect();
            chung_lu(rng, members, &weights, *given as usize, &mut existing);
        }
        // Top up what rounding and saturation left, inside the biggest blocs first.
        let mut biggest: Vec<&Vec<u32>> = blocs.iter().collect();
        biggest.sort_by_key(|it| std::cmp::Reverse(it.len()));
        for members in biggest {
            let deficit = target.saturating_sub(existing.len());
            if deficit == 0 {
                break;
            }
            let weights: Vec<f64> = members.iter().map(weight).collect();
            chung_lu(rng, members, &weights, deficit, &mut existing);
        }
        let mut edges: Vec<(u32, u32)> = existing.into_iter().collect();
        edges.sort_unstable();
        for (u, v) in edges {
            let (a, b) = if rng.unit() < 0.5 { (v, u) } else { (u, v) };
            rows.push(Align {
                tie: Tie::undated(a, b),
                domain,
            });
        }
    }
    (rows, bloc_of)
}

/// Issues with their domains, and positions: salience by a power law, bloc lines followed
/// with probability 0.97.
fn stances(
    rng: &mut Stream,
    params: Params,
    bloc_of: &[Vec<Option<usize>>],
) -> (Vec<PeerDomain>, Vec<Position>) {
    let n = params.parties;
    let issues: Vec<PeerDomain> = (0..params.issues)
        .map(|_| {
            PeerDomain::ALL
                .get(rng.below(PeerDomain::ALL.len()))
                .copied()
                .unwrap_or(PeerDomain::Security)
        })
        .collect();
    let salience: Vec<f64> = (0..params.issues).map(|_| rng.pareto(1.2)).collect();
    let cap = ((0.9 * n as f64) as usize).max(2).min(n);
    let total: f64 = salience.iter().sum();
    let mut counts: Vec<usize> = salience
        .iter()
        .map(|s| ((params.positions as f64 * s / total) as usize).clamp(1, cap.max(1)))
        .collect();
    let mut at = 0usize;
    let mut guard = 0usize;
    let limit = 10 * (params.positions + params.issues) + 10;
    while !counts.is_empty() && guard < limit {
        guard += 1;
        let sum: usize = counts.iter().sum();
        let len = counts.len();
        let Some(count) = counts.get_mut(at % len) else {
            break;
        };
        if sum < params.positions && *count < cap {
            *count += 1;
        } else if sum > params.positions && *count > 1 {
            *count -= 1;
        } else if sum == params.positions {
            break;
        }
        at += 1;
    }
    let mut positions = Vec::with_capacity(params.positions);
    let mut deck: Vec<u32> = (0..n as u32).collect();
    for ((domain, count), issue) in issues.iter().zip(&counts).zip(0u32..) {
        let blocs = bloc_of.get(*domain as usize);
        let mut lines: std::collections::HashMap<usize, Value> = std::collections::HashMap::new();
        // A partial Fisher-Yates shuffle draws `count` distinct states.
        for at in 0..(*count).min(n) {
            let other = at + rng.below(n - at);
            deck.swap(at, other);
        }
        let mut chosen: Vec<u32> = deck.iter().take(*count).copied().collect();
        chosen.sort_unstable();
        for party in chosen {
            let bloc = blocs
                .and_then(|it| it.get(party as usize))
                .copied()
                .flatten();
            let value = match bloc {
                Some(bloc) => {
                    let line = match lines.get(&bloc) {
                        Some(line) => *line,
                        None => {
                            let line = rng.value([0.15, 0.40, 0.45]);
                            lines.insert(bloc, line);
                            line
                        }
                    };
                    if rng.unit() < 0.97 {
                        line
                    } else {
                        let others: Vec<Value> =
                            Value::ALL.into_iter().filter(|it| *it != line).collect();
                        others.get(rng.below(2)).copied().unwrap_or(line)
                    }
                }
                None => rng.value([0.2, 0.4, 0.4]),
            };
            positions.push(Position {
                party,
                issue,
                value,
                since: Day::UNDATED,
            });
        }
    }
    (issues, positions)
}

/// Rows in insertion order, without duplicates.
#[derive(Default)]
struct Rows {
    order: Vec<(u32, u32)>,
    seen: HashSet<(u32, u32)>,
}

impl Rows {
    fn len(&self) -> usize {
        self.order.len()
    }

    fn add(&mut self, row: (u32, u32)) {
        if self.seen.insert(row) {
            self.order.push(row);
        }
    }

    fn ties(self) -> Vec<Tie> {
        let mut rows = self.order;
        rows.sort_unstable();
        rows.into_iter().map(|(a, b)| Tie::undated(a, b)).collect()
    }
}

/// Treaties, wars and no-harm rows, shaped like ATOP 5.1 and COW (see the module's doc).
fn obligations(rng: &mut Stream, states: &[u32], activity: &[f64], world: &mut World) {
    let n = states.len();
    if n < 2 {
        return;
    }
    let all = running(activity.iter().copied());
    let regions = (n / 25).max(4);
    let mut order = states.to_vec();
    rng.shuffle(&mut order);
    let mut region = vec![0usize; n];
    for (at, s) in order.iter().enumerate() {
        if let Some(slot) = region.get_mut(*s as usize) {
            *slot = at % regions;
        }
    }
    let mut members_of: Vec<Vec<u32>> = vec![Vec::new(); regions];
    for s in states {
        if let Some(list) = region.get(*s as usize).and_then(|r| members_of.get_mut(*r)) {
            list.push(*s);
        }
    }
    let weight = |s: &u32| activity.get(*s as usize).copied().unwrap_or(1.0);
    let cumulative: Vec<Vec<f64>> = members_of
        .iter()
        .map(|m| running(m.iter().map(weight)))
        .collect();
    let region_of = |s: u32| region.get(s as usize).copied().unwrap_or(0);
    let empty: (Vec<u32>, Vec<f64>) = (Vec::new(), Vec::new());
    let pool = |r: usize| {
        (
            members_of.get(r).unwrap_or(&empty.0),
            cumulative.get(r).unwrap_or(&empty.1),
        )
    };

    let members = |rng: &mut Stream, k: usize, p_neighbour: f64| {
        let founder = rng.choose(states, &all);
        let mut members = vec![founder];
        let regional = k > 2 || rng.unit() < p_neighbour;
        let (local, local_cum) = pool(region_of(founder));
        let sources: [(&[u32], &[f64]); 2] = if regional {
            [(local, local_cum), (states, &all)]
        } else {
            [(states, &all), (states, &all)]
        };
        for (source, cum) in sources {
            let mut tries = 0;
            while members.len() < k && tries < 20 * k {
                tries += 1;
                let x = rng.choose(source, cum);
                if !members.contains(&x) {
                    members.push(x);
                }
            }
        }
        members
    };

    let alliances =
        |rng: &mut Stream, target: usize, p_bilateral: f64, p_mutual: f64, p_neighbour: f64| {
            let cap = (((target as f64 / 4.0).sqrt()) as usize).clamp(3, 45);
            let mut rows = Rows::default();
            let mut stall = 0;
            while rows.len() < target && stall < 1000 {
                let before = rows.len();
                let k = if rng.unit() < p_bilateral {
                    2
                } else {
                    ((3.0 * rng.pareto(1.3)) as usize).max(3).min(cap)
                };
                let members = members(rng, k, p_neighbour);
                let groups: Vec<Vec<(u32, u32)>> = if rng.unit() < p_mutual {
                    members
                        .iter()
                        .enumerate()
                        .flat_map(|(j, u)| {
                            members
                                .iter()
                                .skip(j + 1)
                                .map(move |v| vec![(*u, *v), (*v, *u)])
                        })
                        .collect()
                } else {
                    let b = rng.pick(&members);
                    members
                        .iter()
                        .filter(|u| **u != b)
                        .map(|u| vec![(*u, b)])
                        .collect()
                };
                for group in groups {
                    let new: Vec<(u32, u32)> = group
                        .into_iter()
                        .filter(|it| !rows.seen.contains(it))
                        .collect();
                    if rows.len() + new.len() <= target {
                        for row in new {
                            rows.add(row);
                        }
                    }
                }
                stall = if rows.len() == before { stall + 1 } else { 0 };
            }
            rows
        };

    let riding = |rng: &mut Stream, target: usize, base: &[(u32, u32)], p_base: f64, p_mutual| {
        let mut rows = Rows::default();
        let mut stall = 0;
        while rows.len() < target && stall < 1000 {
            let before = rows.len();
            let (u, v) = match base.get(rng.below(base.len())) {
                Some(row) if rng.unit() < p_base => *row,
                _ => (rng.choose(states, &all), rng.choose(states, &all)),
            };
            let pairs: &[(u32, u32)] = if rng.unit() < p_mutual {
                &[(u, v), (v, u)]
            } else {
                &[(u, v)]
            };
            for (p, q) in pairs {
                if p != q && rows.len() < target {
                    rows.add((*p, *q));
                }
            }
            stall = if rows.len() == before { stall + 1 } else { 0 };
        }
        rows
    };

    let defense = alliances(rng, 3 * n, 0.74, 0.87, 0.5);
    let nonagg = alliances(rng, 2 * n, 0.89, 1.0, 1.0);
    let offense = riding(rng, (n / 4).max(1), &defense.order, 0.8, 0.6);
    let neutral = riding(rng, (n / 2).max(1), &nonagg.order, 0.6, 0.6);

    let mut wars = Vec::new();
    let mut pairs = HashSet::new();
    let count = (n / 50).max(5);
    let mut tries = 0;
    while wars.len() < count && tries < 1000 * count {
        tries += 1;
        let u = rng.choose(states, &all);
        let v = if rng.unit() < 0.7 {
            let (local, cum) = pool(region_of(u));
            rng.choose(local, cum)
        } else {
            rng.choose(states, &all)
        };
        if u == v || !pairs.insert(key(u, v)) {
            continue;
        }
        wars.push((u, v));
    }
    wars.sort_unstable();
    let mut noharm = HashSet::new();
    let mut tries = 0;
    while noharm.len() < 2 * n && tries < 1000 * n {
        tries += 1;
        let a = rng.below(n) as u32;
        let b = rng.choose(states, &all);
        if a != b {
            noharm.insert((a, b));
        }
    }
    let mut noharm: Vec<(u32, u32)> = noharm.into_iter().collect();
    noharm.sort_unstable();
    world.wars = wars.into_iter().map(|(a, b)| Tie::undated(a, b)).collect();
    world.defense = defense.ties();
    world.offense = offense.ties();
    world.neutral = neutral.ties();
    world.nonagg = nonagg.ties();
    world.noharm = noharm
        .into_iter()
        .map(|(a, b)| Tie::undated(a, b))
        .collect();
}

/// Gives every row a date between 1990 and 2020, and 15% of instruments a termination.
fn date(rng: &mut Stream, world: &mut World) {
    let span = Day::LAST.0 as usize + 1;
    let tie = |rng: &mut Stream, tie: &mut Tie, ends: bool| {
        tie.since = Day(rng.below(span) as u32);
        tie.until = (ends && rng.unit() < 0.15)
            .then(|| Day(tie.since.0 + 1 + rng.below(span - tie.since.0 as usize) as u32));
    };
    for row in &mut world.align {
        tie(rng, &mut row.tie, true);
    }
    for rows in [
        &mut world.defense,
        &mut world.offense,
        &mut world.neutral,
        &mut world.nonagg,
        &mut world.noharm,
    ] {
        for row in rows.iter_mut() {
            tie(rng, row, true);
        }
    }
    for row in &mut world.wars {
        tie(rng, row, false);
    }
    for position in &mut world.positions {
        position.since = Day(rng.below(span) as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_world() {
        let one = generate(Params::SMALL, 7);
        assert_eq!(one, generate(Params::SMALL, 7));
        assert_ne!(one, generate(Params::SMALL, 8));
        let dated = generate(Params::SMALL.with_dates(true), 7);
        assert_eq!(dated, generate(Params::SMALL.with_dates(true), 7));
    }

    #[test]
    fn row_counts_follow_the_size() {
        let world = generate(Params::SMALL, 20_240_601);
        let counts = world.counts();
        assert_eq!(counts.state, 200);
        assert_eq!(counts.align, 2_000);
        assert_eq!(counts.issue, 100);
        assert_eq!(counts.stance, 5_000);
        assert_eq!(counts.war, 5);
        assert_eq!(counts.defense, 600);
        assert_eq!(counts.offense, 50);
        assert_eq!(counts.neutral, 100);
        assert_eq!(counts.nonagg, 400);
        assert_eq!(counts.noharm, 400);
        let pairs: HashSet<(u32, u32, PeerDomain)> = world
            .align
            .iter()
            .map(|it| {
                let (u, v) = key(it.tie.a, it.tie.b);
                (u, v, it.domain)
            })
            .collect();
        assert_eq!(pairs.len(), 2_000, "no duplicate alignment");
        let stances: HashSet<(u32, u32)> = world
            .positions
            .iter()
            .map(|it| (it.party, it.issue))
            .collect();
        assert_eq!(stances.len(), 5_000, "one position per state and issue");
        assert!(world.align.iter().all(|it| it.tie.a != it.tie.b));
        assert!(world.wars.iter().all(|it| it.a != it.b));
    }

    #[test]
    fn nonaggression_is_symmetric_and_the_giant_component_is_giant() {
        let world = generate(Params::SMALL, 1);
        let rows: HashSet<(u32, u32)> = world.nonagg.iter().map(|it| (it.a, it.b)).collect();
        assert!(rows.iter().all(|(a, b)| rows.contains(&(*b, *a))));
        // Union-find over the security alignments.
        let mut parent: Vec<usize> = (0..200).collect();
        fn find(parent: &mut [usize], x: usize) -> usize {
            let mut x = x;
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for row in world
            .align
            .iter()
            .filter(|it| it.domain == PeerDomain::Security)
        {
            let (a, b) = (
                find(&mut parent, row.tie.a as usize),
                find(&mut parent, row.tie.b as usize),
            );
            parent[a] = b;
        }
        let mut sizes = std::collections::HashMap::new();
        for x in 0..200 {
            *sizes.entry(find(&mut parent, x)).or_insert(0) += 1;
        }
        let largest = sizes.values().copied().max().unwrap_or(0);
        assert!(largest >= 60, "largest component {largest}");
    }

    #[test]
    fn the_world_loads_and_writes_its_facts() {
        let world = generate(Params::TINY, 3);
        let file = world.scenario_file();
        let scenario = crate::load::from_file_form(file);
        assert!(scenario.is_ok(), "{:?}", scenario.err());
        let dir = std::env::temp_dir().join(format!("allegiance-synthetic-{}", std::process::id()));
        assert!(world.write_facts(&dir, Day::UNDATED).is_ok());
        let lines = |name: &str| {
            std::fs::read_to_string(dir.join(name))
                .map(|it| it.lines().count())
                .unwrap_or(usize::MAX)
        };
        assert_eq!(lines("state.tsv"), 30);
        assert_eq!(lines("domain.tsv"), 4);
        // As with the peers' tiny (72 rows), the spanning trees exceed the target of 60.
        assert_eq!(lines("align.tsv"), world.counts().align);
        assert!(world.counts().align >= 60);
        assert_eq!(lines("stance.tsv"), 120);
        assert_eq!(lines("noharm.tsv"), 60);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_dated_world_has_change_points_and_loads() {
        let world = generate(Params::TINY.with_dates(true), 3);
        let days: HashSet<Day> = world.align.iter().map(|it| it.tie.since).collect();
        assert!(days.len() > 10);
        assert!(world.align.iter().any(|it| it.tie.until.is_some()));
        assert!(crate::load::from_file_form(world.scenario_file()).is_ok());
        assert_eq!(Day(0).to_string(), "1990-01-01");
        assert_eq!(Day::UNDATED.to_string(), "2000-01-01");
        assert_eq!(Day::LAST.to_string(), "2020-12-28");
    }
}
