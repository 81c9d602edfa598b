//! `allegiance`, the command line: check a scenario file, scan it for latent contradictions,
//! try a what-if overlay, draw its commitments, import ATOP alliances and COW wars.
//!
//! A thin layer over the library: it parses the arguments, calls the library and prints what it
//! returns. Built with the `cli` feature (`cargo install --path . --features cli`).
//!
//! Exit status: 0 when all went well; 1 when `--fail-on` is given and a finding of that kind or
//! a graver one exists; 2 for an input error (the file's problems are printed to stderr) or a
//! usage error.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use allegiance::import::atop::{self, Obvary, Options};
use allegiance::import::cow;
use allegiance::load::Format as FileFormat;
use allegiance::spec::ScenarioFile;
use allegiance::{Date, Finding, Kind, Modality, Report, Scenario};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

#[derive(Debug, Parser)]
#[command(
    name = "allegiance",
    version,
    about = "Finds the commitments between states that cannot all be kept",
    long_about = "Finds the commitments between states that cannot all be kept.\n\n\
                  Reads a scenario file (TOML or JSON: parties, instruments and their clauses, \
                  positions, events) and reports every conflict, violation, tension and \
                  imbalance, with its witness and the chain of parties it travels.",
    after_help = concat!(
        "Examples:\n",
        "  allegiance check examples/data/caucasus-2022.toml\n",
        "  allegiance check examples/data/caucasus-2022.toml --on 2022-02-24 --fail-on conflict\n",
        "  allegiance graph examples/data/caucasus-2022.toml --on 2022-02-24 | dot -Tsvg > caucasus.svg\n",
        "  allegiance import cow-wars Inter-StateWarData_v4.0.csv -o wars.toml\n",
        "\n",
        "Exit status:\n",
        "  0  done (and, with --fail-on, no finding of that kind or graver)\n",
        "  1  --fail-on: a finding of that kind or a graver one exists\n",
        "     (gravity: conflict > violation > tension; imbalances never fail)\n",
        "  2  the input has problems (printed to stderr with line, column and a hint),\n",
        "     or the command line is wrong",
    )
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a scenario: every finding over the whole timeline, or on one date with --on.
    #[command(after_help = concat!(
        "Examples:\n",
        "  allegiance check examples/data/caucasus-2022.toml\n",
        "  allegiance check examples/data/caucasus-2022.toml --on 2022-02-24 --format json\n",
        "  allegiance check scenario.toml --fail-on violation   # exit 1 on a conflict or violation",
    ))]
    Check {
        /// The scenario file (.toml or .json).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Check this date only (YYYY-MM-DD) instead of the whole timeline.
        #[arg(long, value_name = "DATE")]
        on: Option<Date>,
        #[command(flatten)]
        output: Output,
    },
    /// Clash points on DATE: every place the constraints of an issue cannot all be kept,
    /// nothing explained; the fast triage of a large scenario.
    #[command(after_help = concat!(
        "Examples:\n",
        "  allegiance clashes examples/data/caucasus-2022.toml --on 2022-02-24\n",
        "  allegiance clashes world.json --on 2000-01-01 --format json\n",
        "\n",
        "`check --on DATE` explains each of these as findings. With --fail-on, any clash point\n",
        "counts as a conflict. --threads shares the issues out among threads; the points, and\n",
        "their order, are the same.",
    ))]
    Clashes {
        /// The scenario file (.toml or .json).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        on: Date,
        /// How many threads compute the issues; 0 for as many as the machine runs at once.
        #[arg(long, value_name = "N", default_value_t = 1)]
        threads: usize,
        #[command(flatten)]
        output: Output,
    },
    /// The timeline: the dates on which findings begin and end.
    #[command(after_help = concat!(
        "Example:\n",
        "  allegiance timeline examples/data/caucasus-2022.toml\n",
        "\n",
        "The numbers are those of `allegiance check FILE`. In JSON, `changes` lists each date with\n",
        "the indices (from 0) of the findings of `report` that begin and end on it.",
    ))]
    Timeline {
        /// The scenario file (.toml or .json).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// Latent scan: if any party attacked any other on DATE, who would be caught?
    #[command(after_help = concat!(
        "Example:\n",
        "  allegiance latent examples/data/caucasus-2022.toml --on 2022-02-25\n",
        "\n",
        "With --fail-on, the findings counted are those of every hypothetical attack.",
    ))]
    Latent {
        /// The scenario file (.toml or .json).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The date to scan (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        on: Date,
        #[command(flatten)]
        output: Output,
    },
    /// What-if: add an overlay's entries to the scenario and show the findings that appear,
    /// disappear or change.
    #[command(after_help = concat!(
        "Example:\n",
        "  allegiance what-if examples/data/caucasus-2022.toml examples/data/armenia-2022-09-13.toml\n",
        "\n",
        "With --fail-on, the findings counted are those that appear or change.",
    ))]
    WhatIf {
        /// The scenario file (.toml or .json).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The overlay file (.toml or .json): entries added to the scenario.
        #[arg(value_name = "OVERLAY")]
        overlay: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// Draw the commitments in force on DATE, the wars up to it and the findings on it, as
    /// Graphviz DOT.
    #[command(after_help = concat!(
        "Example:\n",
        "  allegiance graph examples/data/caucasus-2022.toml --on 2022-02-24 | dot -Tsvg > caucasus.svg\n",
        "\n",
        "Parties are nodes (states boxes, organisations hexagons, entities dashed ellipses);\n",
        "each clause between two parties is an edge coloured by what it requires, solid for\n",
        "binding instruments and dashed for political ones; the clauses of each finding's\n",
        "witness are bold and red; armed attacks are red dashed arrows. A legend is included.",
    ))]
    Graph {
        /// The scenario file (.toml or .json).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The date to draw (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        on: Date,
        /// Output format: Graphviz DOT, or one line per commitment.
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
    /// Import a public data set into a scenario file: ATOP alliances, COW wars.
    #[command(subcommand)]
    Import(Import),
}

#[derive(Debug, Subcommand)]
enum Import {
    /// ATOP 5.1 alliances: one instrument per alliance and phase, one clause per obligation.
    #[command(after_help = concat!(
        "Example:\n",
        "  allegiance import atop atop5_1m.csv --alliances atop5_1a.csv -o alliances.toml\n",
        "\n",
        "The scenario goes to OUT (TOML, or JSON when it ends in .json) or to stdout; what was\n",
        "made, dropped and approximated goes to stderr. See `allegiance::import::atop`.",
    ))]
    Atop {
        /// ATOP's member-level file (atop5_1m.csv).
        #[arg(value_name = "MEMBERS.csv")]
        members: PathBuf,
        /// ATOP's alliance-level file (atop5_1a.csv), to cross-check the members against.
        #[arg(long, value_name = "A.csv")]
        alliances: Option<PathBuf>,
        /// Leave out the obligations of members whose obligations vary by partner, instead of
        /// reading them as owed to every partner.
        #[arg(long)]
        skip_obvary: bool,
        /// Write the scenario to this file instead of stdout.
        #[arg(short, long, value_name = "OUT.toml")]
        output: Option<PathBuf>,
    },
    /// COW inter-state wars (v4.0): the armed attacks of each war's outbreak.
    #[command(after_help = concat!(
        "Example:\n",
        "  allegiance import cow-wars Inter-StateWarData_v4.0.csv -o wars.toml\n",
        "\n",
        "The scenario (the attacks and their parties) goes to OUT (TOML, or JSON when it ends\n",
        "in .json) or to stdout; what was made, dropped and approximated goes to stderr. See\n",
        "`allegiance::import::cow`.",
    ))]
    CowWars {
        /// COW's war file (Inter-StateWarData_v4.0.csv).
        #[arg(value_name = "WARS.csv")]
        wars: PathBuf,
        /// Write the scenario to this file instead of stdout.
        #[arg(short, long, value_name = "OUT.toml")]
        output: Option<PathBuf>,
    },
}

/// The output options of the commands that report findings.
#[derive(Debug, Args)]
struct Output {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with status 1 when a finding of this kind or a graver one exists
    /// (conflict > violation > tension).
    #[arg(long, value_enum, value_name = "KIND")]
    fail_on: Option<FailOn>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Readable text.
    Text,
    /// JSON (the library's serialisation).
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// Graphviz DOT: pipe it to `dot -Tsvg`.
    Dot,
    /// One line per commitment: bound party, beneficiary, instrument, clause, action.
    Text,
}

/// The least grave kind of finding that makes the command fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Only conflicts.
    Conflict,
    /// Conflicts and violations.
    Violation,
    /// Conflicts, violations and tensions.
    Tension,
}

impl FailOn {
    /// Whether a finding of `kind` is this grave or graver.
    fn fails(self, kind: Kind) -> bool {
        let gravity = |kind: Kind| match kind {
            Kind::Conflict => 3,
            Kind::Violation => 2,
            Kind::Tension => 1,
            Kind::Imbalance => 0,
        };
        let threshold = match self {
            FailOn::Conflict => Kind::Conflict,
            FailOn::Violation => Kind::Violation,
            FailOn::Tension => Kind::Tension,
        };
        gravity(kind) >= gravity(threshold)
    }
}

/// Why a command stopped: the exit status, once its message is printed.
#[derive(Debug)]
struct Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failure) => ExitCode::from(2),
    }
}

/// Runs a command: `Ok(false)` when `--fail-on` found what it looks for.
fn run(command: Command) -> Result<bool, Failure> {
    match command {
        Command::Check { file, on, output } => {
            let scenario = load(&file)?;
            let report = match on {
                Some(date) => allegiance::check_on(&scenario, date),
                None => allegiance::check(&scenario),
            };
            print(output.format, &report, &report)?;
            Ok(passes(output.fail_on, report.findings()))
        }
        Command::Clashes {
            file,
            on,
            threads,
            output,
        } => {
            let scenario = load(&file)?;
            let threads = match threads {
                0 => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
                n => n,
            };
            let clashes = allegiance::clashes_on_threads(&scenario, on, threads);
            print(output.format, &clashes, &clashes)?;
            Ok(output.fail_on.is_none() || clashes.points.is_empty())
        }
        Command::Timeline { file, output } => {
            let scenario = load(&file)?;
            let report = allegiance::check(&scenario);
            let timeline = Timeline::of(&scenario, &report);
            print(output.format, &timeline, &timeline)?;
            Ok(passes(output.fail_on, report.findings()))
        }
        Command::Latent { file, on, output } => {
            let scenario = load(&file)?;
            let scan = allegiance::latent(&scenario, on);
            print(output.format, &scan, &scan)?;
            let findings: Vec<&Finding> =
                scan.exposures.iter().flat_map(|it| &it.findings).collect();
            Ok(passes(output.fail_on, findings))
        }
        Command::WhatIf {
            file,
            overlay,
            output,
        } => {
            let scenario = load(&file)?;
            let name = overlay.display().to_string();
            let Some(format) = FileFormat::from_file_name(&name) else {
                return Err(fail(format!(
                    "cannot tell the format of `{name}`: name it .toml or .json"
                )));
            };
            let text = std::fs::read_to_string(&overlay)
                .map_err(|error| fail(format!("cannot read `{name}`: {error}")))?;
            let diff = allegiance::what_if::what_if_str(&scenario, &text, format, &name)
                .map_err(|errors| fail(errors.to_string().trim_end()))?;
            print(output.format, &diff, &diff)?;
            let findings = diff
                .appeared
                .iter()
                .chain(diff.changed.iter().map(|it| &it.after));
            Ok(passes(output.fail_on, findings))
        }
        Command::Graph { file, on, format } => {
            let scenario = load(&file)?;
            let text = match format {
                GraphFormat::Dot => {
                    let report = allegiance::check_on(&scenario, on);
                    allegiance::dot::to_dot(&scenario, on, report.findings())
                }
                GraphFormat::Text => commitments(&scenario, on),
            };
            write(&text)?;
            Ok(true)
        }
        Command::Import(source) => import(source).map(|()| true),
    }
}

/// Imports a data set and writes the scenario it makes.
fn import(source: Import) -> Result<(), Failure> {
    let (file, report, output) = match source {
        Import::Atop {
            members,
            alliances,
            skip_obvary,
            output,
        } => {
            let obvary = if skip_obvary {
                Obvary::Skip
            } else {
                Obvary::TowardAll
            };
            let options = Options::default().obvary(obvary);
            let members_file = open(&members)?;
            let mut alliances_file = alliances.as_deref().map(open).transpose()?;
            let alliances_read = alliances_file.as_mut().map(|it| it as &mut dyn Read);
            let (file, report) = atop::read_with(members_file, alliances_read, &options)
                .map_err(|error| fail(format!("cannot import `{}`: {error}", members.display())))?;
            (file, report, output)
        }
        Import::CowWars { wars, output } => {
            let (events, report) = cow::wars(open(&wars)?)
                .map_err(|error| fail(format!("cannot import `{}`: {error}", wars.display())))?;
            let mut file = ScenarioFile::default();
            allegiance::import::add_events(&mut file, events);
            (file, report, output)
        }
    };
    let scenario = allegiance::load::from_file_form(file)
        .map_err(|errors| fail(errors.to_string().trim_end()))?;
    let json = output
        .as_deref()
        .and_then(|it| FileFormat::from_file_name(&it.display().to_string()))
        == Some(FileFormat::Json);
    let text = if json {
        allegiance::save::to_json_string(&scenario)
    } else {
        allegiance::save::to_toml_string(&scenario)
    };
    match &output {
        Some(path) => std::fs::write(path, text)
            .map_err(|error| fail(format!("cannot write `{}`: {error}", path.display())))?,
        None => write(&text)?,
    }
    eprintln!("{report}");
    if let Some(path) = &output {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// Opens a file to read, buffered.
fn open(path: &Path) -> Result<BufReader<File>, Failure> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|error| fail(format!("cannot read `{}`: {error}", path.display())))
}

/// Loads a scenario file, or prints its problems.
fn load(file: &Path) -> Result<Scenario, Failure> {
    allegiance::load::from_path(file).map_err(|errors| fail(errors.to_string().trim_end()))
}

/// Prints a message to stderr; the command stops with status 2.
fn fail(message: impl Display) -> Failure {
    eprintln!("{message}");
    Failure
}

/// Whether no finding is as grave as `fail_on` asks.
fn passes<'a>(fail_on: Option<FailOn>, findings: impl IntoIterator<Item = &'a Finding>) -> bool {
    match fail_on {
        None => true,
        Some(fail_on) => !findings.into_iter().any(|it| fail_on.fails(it.kind)),
    }
}

/// Prints `value` as text or JSON.
fn print(format: Format, text: &dyn Display, value: &impl Serialize) -> Result<(), Failure> {
    match format {
        Format::Text => write(&text.to_string()),
        Format::Json => match serde_json::to_string_pretty(value) {
            Ok(json) => write(&format!("{json}\n")),
            Err(error) => Err(fail(format!("cannot write JSON: {error}"))),
        },
    }
}

/// Writes to stdout; a reader that stops early (`| head`) is no error.
fn write(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(fail(format!("cannot write the output: {error}")))
        }
        _ => Ok(()),
    }
}

/// The commitments in force on `date`, one per line.
fn commitments(scenario: &Scenario, date: Date) -> String {
    let graph = allegiance::CommitmentGraph::on(scenario, date);
    let mut out = format!("commitments on {date}: {}\n", graph.commitment_count());
    for it in graph.commitments() {
        let modality = match it.clause.norm.modality {
            Modality::Obligation => "must",
            Modality::Prohibition => "must not",
            Modality::Permission => "may",
        };
        out.push_str(&format!(
            "{} -> {}\t{} {}\t{modality} {}\n",
            it.bound, it.beneficiary, it.instrument.id, it.clause.label, it.clause.norm.action
        ));
    }
    out
}

/// The dates on which findings begin or end.
#[derive(Debug, Serialize)]
struct Timeline<'a> {
    /// Each date on which a finding begins or ends, in order; `null` for findings that hold
    /// from the beginning of time.
    changes: Vec<Change>,
    /// The report over the whole timeline; `began` and `ended` index its findings.
    report: &'a Report,
    /// Party names and issue titles, for the text.
    #[serde(skip)]
    scenario: &'a Scenario,
}

/// What begins and ends on one date.
#[derive(Debug, Serialize)]
struct Change {
    date: Option<Date>,
    began: Vec<usize>,
    ended: Vec<usize>,
}

impl<'a> Timeline<'a> {
    fn of(scenario: &'a Scenario, report: &'a Report) -> Self {
        let mut changes: BTreeMap<Option<Date>, Change> = BTreeMap::new();
        fn entry(changes: &mut BTreeMap<Option<Date>, Change>, date: Option<Date>) -> &mut Change {
            changes.entry(date).or_insert_with(|| Change {
                date,
                began: Vec::new(),
                ended: Vec::new(),
            })
        }
        for (index, finding) in report.findings().iter().enumerate() {
            entry(&mut changes, finding.during.start).began.push(index);
            if let Some(end) = finding.during.end {
                entry(&mut changes, Some(end)).ended.push(index);
            }
        }
        Timeline {
            changes: changes.into_values().collect(),
            report,
            scenario,
        }
    }

    fn line(&self, mark: char, index: usize) -> String {
        let Some(finding) = self.report.findings().get(index) else {
            return String::new();
        };
        let name = |party: &allegiance::PartyId| match self.scenario.party(party) {
            Some(it) => format!("{} ({party})", it.name),
            None => party.to_string(),
        };
        let parties: Vec<String> = finding.parties.iter().map(name).collect();
        let issue = finding
            .issue
            .as_ref()
            .map(|issue| match self.scenario.issue(issue) {
                Some(it) => format!(" on {} [{issue}]", it.title),
                None => format!(" on [{issue}]"),
            })
            .unwrap_or_default();
        format!(
            "  {mark} {}. {} ({}): {}{issue}",
            index + 1,
            finding.kind.name().to_uppercase(),
            finding.severity.name(),
            parties.join(", ")
        )
    }
}

impl Display for Timeline<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(title) = &self.report.title {
            writeln!(f, "{title}")?;
        }
        writeln!(
            f,
            "timeline: {} finding(s), beginning or ending on {} date(s)",
            self.report.findings().len(),
            self.changes.iter().filter(|it| it.date.is_some()).count()
        )?;
        for change in &self.changes {
            writeln!(f)?;
            match change.date {
                Some(date) => writeln!(f, "{date}")?,
                None => writeln!(f, "from the beginning")?,
            }
            for &index in &change.ended {
                writeln!(f, "{}", self.line('-', index))?;
            }
            for &index in &change.began {
                writeln!(f, "{}", self.line('+', index))?;
            }
        }
        if !self.changes.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "+ begins, - ends (that day is the first without it); numbers as in `allegiance check`"
            )?;
        }
        Ok(())
    }
}
