//! Replays the inter-state wars of COW against the alliances of ATOP: on the first day of each
//! war, which third parties held obligations toward the two sides that they could not all
//! keep?
//!
//! ```sh
//! cargo run --release --features import --example replay_wars -- \
//!     <atop member csv> <cow war csv> [<atop alliance csv>] [--first-day] [--skip-obvary]
//! ```
//!
//! Both files are imported (`allegiance::import`), each war's outbreak becomes armed-attack
//! events (its initiators attacking each state of the other side that fought from its first
//! day), every war is added to the alliances through the file form, and the scenario is
//! loaded once. Each war is then checked with `allegiance::check_on` on one date, and only
//! the findings on its own war issues are kept: contradictions (conflicts, and tensions
//! without a way out) of parties that are neither attacker nor victim of its outbreak. A
//! later entrant to the war is such a third party on its first day, and marked as one.
//!
//! **The eve.** ATOP ends an alliance on the day it is broken, and a war breaks many: the
//! German Confederation ends on 15 June 1866, the first day of the Seven Weeks' War fought
//! among its members, and the Central American defence pact of 1964 on 14 July 1969, the
//! first day of the Football War. Checked on a war's first day, those obligations would be
//! gone, and with them the very dilemmas the war created. So by default each war is checked
//! on its eve, the day before its first day, with its attacks dated that day too: the
//! obligations the parties carried into the war. `--first-day` checks on the first day
//! instead, with the obligations in force that day.
//!
//! `--skip-obvary` leaves out the obligations of members whose obligations ATOP says vary by
//! partner, instead of reading them as owed to every partner (clauses read that way are
//! marked `*`).
//!
//! Checking one date costs `check_on` once (near-linear in the scenario), whatever the number
//! of wars already begun by then: the findings of other war issues are filtered out.

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::fs::File;
use std::io::BufReader;
use std::time::Instant;

use allegiance::import::atop::{self, Obvary, Options};
use allegiance::import::{self, cow};
use allegiance::{Date, Finding, Kind, PartyId, Relation, Scenario};

struct Args {
    members: String,
    wars: String,
    alliances: Option<String>,
    first_day: bool,
    obvary: Obvary,
}

fn args() -> Result<Args, Box<dyn Error>> {
    let mut paths = Vec::new();
    let mut first_day = false;
    let mut obvary = Obvary::TowardAll;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--first-day" => first_day = true,
            "--skip-obvary" => obvary = Obvary::Skip,
            flag if flag.starts_with("--") => return Err(format!("unknown flag {flag}").into()),
            _ => paths.push(arg),
        }
    }
    let mut paths = paths.into_iter();
    let usage = "usage: replay_wars <atop member csv> <cow war csv> [<atop alliance csv>] \
                 [--first-day] [--skip-obvary]";
    let (Some(members), Some(wars)) = (paths.next(), paths.next()) else {
        return Err(usage.into());
    };
    let alliances = paths.next();
    if paths.next().is_some() {
        return Err(usage.into());
    }
    Ok(Args {
        members,
        wars,
        alliances,
        first_day,
        obvary,
    })
}

/// A third party caught on a war's first day.
struct Caught<'f> {
    war: &'f cow::War,
    party: String,
    finding: &'f Finding,
}

fn main() -> Result<(), Box<dyn Error>> {
    let args = args()?;
    let started = Instant::now();

    let options = Options::default().obvary(args.obvary);
    let members = BufReader::new(File::open(&args.members)?);
    let (mut file, atop_report) = match &args.alliances {
        Some(path) => {
            let mut alliances = BufReader::new(File::open(path)?);
            atop::read_with(members, Some(&mut alliances), &options)?
        }
        None => atop::read_with(members, None, &options)?,
    };
    let (wars, cow_report) = cow::read(BufReader::new(File::open(&args.wars)?))?;
    let imported = started.elapsed();

    // Each war's attacks, dated the day checked.
    let mut checked_on: BTreeMap<u32, Date> = BTreeMap::new();
    for war in &wars {
        let Some(start) = war.start.filter(|_| !war.events.is_empty()) else {
            continue;
        };
        let date = if args.first_day {
            start
        } else {
            start
                .previous_day()
                .ok_or("a war on the first day there is")?
        };
        checked_on.insert(war.number, date);
        let mut events = war.events.clone();
        for event in &mut events {
            event.date = date.to_string();
        }
        import::add_events(&mut file, events);
    }
    let scenario = allegiance::load::from_file_form(file)?;
    let loaded = started.elapsed();

    let mut reports = BTreeMap::new();
    for date in checked_on.values() {
        reports
            .entry(*date)
            .or_insert_with(|| allegiance::check_on(&scenario, *date));
    }
    let checked = started.elapsed();

    let mut caught: Vec<Caught<'_>> = Vec::new();
    for war in &wars {
        let Some(report) = checked_on.get(&war.number).and_then(|it| reports.get(it)) else {
            continue;
        };
        let issues: BTreeSet<&str> = war.events.iter().map(|it| it.id.as_str()).collect();
        let principals: BTreeSet<&str> = war
            .events
            .iter()
            .flat_map(|it| [&it.attacker, &it.victim])
            .flatten()
            .map(String::as_str)
            .collect();
        for finding in report.findings() {
            let on_this_war = finding
                .issue
                .as_ref()
                .is_some_and(|it| issues.contains(it.as_str()));
            let third = finding
                .parties
                .iter()
                .all(|it| !principals.contains(it.as_str()));
            if on_this_war && third && finding.is_contradiction() && finding.kind != Kind::Violation
            {
                for party in &finding.parties {
                    caught.push(Caught {
                        war,
                        party: party.to_string(),
                        finding,
                    });
                }
            }
        }
    }

    print_table(&scenario, &caught);
    println!();
    println!("{atop_report}");
    println!();
    println!("{cow_report}");
    println!();
    summary(&args, &wars, &checked_on, &caught, &scenario);
    let ms = |it: std::time::Duration| it.as_secs_f64() * 1000.0;
    println!(
        "summary: time: import {:.0} ms, load {:.0} ms, {} check_on {:.0} ms, total {:.0} ms",
        ms(imported),
        ms(loaded - imported),
        reports.len(),
        ms(checked - loaded),
        ms(started.elapsed())
    );
    Ok(())
}

fn print_table(scenario: &Scenario, caught: &[Caught<'_>]) {
    println!(
        "{:<38} {:<10} {:<30} {:<17} obligations (instrument clause; * obvary read as owed to all, + applied without a condition)",
        "war", "first day", "third party", "finding"
    );
    for it in caught {
        let war = format!("{} {}", it.war.number, it.war.name);
        let first_day = it.war.start.map(|it| it.to_string()).unwrap_or_default();
        let name = it
            .party
            .parse::<PartyId>()
            .ok()
            .and_then(|id| scenario.party(&id))
            .map_or(it.party.clone(), |party| party.name.clone());
        let mut party = format!("{} ({name})", it.party);
        if let Some(later) = it.war.participant(&it.party).first() {
            party.push_str(&format!(" [side {} later]", later.side));
        }
        let finding = format!("{} {}", it.finding.kind.name(), it.finding.severity.name());
        let obligations = obligations(scenario, it.finding);
        let attack = it
            .finding
            .issue
            .as_ref()
            .and_then(|issue| scenario.issue(issue))
            .and_then(|issue| issue.war.as_ref())
            .map(|war| format!("{} attacks {}: ", war.attacker, war.victim))
            .unwrap_or_default();
        println!(
            "{:<38} {:<10} {:<30} {:<17} {attack}{}",
            truncate(&war, 38),
            first_day,
            truncate(&party, 30),
            finding,
            obligations.join("; ")
        );
    }
}

/// What in a clause's source is assumed rather than read: its obligations vary by partner
/// and are read as owed to every partner (`*`), or it has a condition the model cannot
/// express and applies without it (`+`).
fn marks(scenario: &Scenario, clause: &allegiance::ClauseRef) -> &'static str {
    let assumption = scenario
        .instrument(&clause.instrument)
        .and_then(|it| it.clauses.iter().find(|c| c.label == clause.label))
        .and_then(|it| it.source.as_ref())
        .and_then(|it| it.assumption.as_deref())
        .unwrap_or_default();
    let obvary = assumption.contains("OBVARY");
    let unexpressed = assumption.contains("applies without it")
        || assumption.contains("applies against any adversary");
    match (obvary, unexpressed) {
        (true, true) => "*+",
        (true, false) => "*",
        (false, true) => "+",
        (false, false) => "",
    }
}

/// What each step of the witness's chain requires, with its clause and whom it binds.
fn obligations(scenario: &Scenario, finding: &Finding) -> Vec<String> {
    let witness = &finding.witness;
    witness
        .chain
        .iter()
        .map(|link| {
            let what = match link.relation {
                Relation::FightFor => format!("{} must fight for {}", link.to, link.from),
                Relation::NotFightFor => format!("{} must not fight for {}", link.to, link.from),
                Relation::NotFightAgainst => {
                    format!("{} and {} must not fight each other", link.to, link.from)
                }
                other => format!("{} {:?} {}", link.to, other, link.from),
            };
            let clause = link
                .clause
                .and_then(|at| witness.clauses.get(at))
                .map(|clause| {
                    let bound: Vec<&str> = link.bound.iter().map(|it| it.as_str()).collect();
                    format!(
                        " ({} {}{}, binding {})",
                        clause.instrument,
                        clause.label,
                        marks(scenario, clause),
                        bound.join(" and ")
                    )
                })
                .unwrap_or_default();
            format!("{what}{clause}")
        })
        .collect()
}

/// Whether any clause of the finding's witness carries `mark`.
fn rests_on(scenario: &Scenario, finding: &Finding, mark: char) -> bool {
    finding
        .witness
        .clauses
        .iter()
        .any(|it| marks(scenario, it).contains(mark))
}

fn summary(
    args: &Args,
    wars: &[cow::War],
    checked_on: &BTreeMap<u32, Date>,
    caught: &[Caught<'_>],
    scenario: &Scenario,
) {
    let mode = if args.first_day {
        "on each war's first day"
    } else {
        "on each war's eve (obligations carried into it)"
    };
    let wars_with: BTreeSet<u32> = caught.iter().map(|it| it.war.number).collect();
    let pairs: BTreeSet<(u32, &str)> = caught
        .iter()
        .map(|it| (it.war.number, it.party.as_str()))
        .collect();
    let findings: BTreeSet<(u32, *const Finding)> = caught
        .iter()
        .map(|it| (it.war.number, std::ptr::from_ref(it.finding)))
        .collect();
    let later: BTreeSet<(u32, &str)> = caught
        .iter()
        .filter(|it| !it.war.participant(&it.party).is_empty())
        .map(|it| (it.war.number, it.party.as_str()))
        .collect();
    let resting = |mark: char| {
        caught
            .iter()
            .filter(|it| rests_on(scenario, it.finding, mark))
            .map(|it| (it.war.number, it.party.as_str()))
            .collect::<BTreeSet<_>>()
            .len()
    };
    let firm = caught
        .iter()
        .filter(|it| !rests_on(scenario, it.finding, '*') && !rests_on(scenario, it.finding, '+'))
        .map(|it| (it.war.number, it.party.as_str()))
        .collect::<BTreeSet<_>>();
    println!(
        "summary: {} wars read, {} replayed {mode}; obvary: {:?}",
        wars.len(),
        checked_on.len(),
        args.obvary
    );
    println!(
        "summary: {} wars put third parties in contradiction: {} (war, third party) pairs, {} findings; {} pairs are later entrants to the war",
        wars_with.len(),
        pairs.len(),
        findings.len(),
        later.len(),
    );
    println!(
        "summary: of the pairs, {} rest on a clause read as owed to every partner (obvary, *), {} on a clause applied without a condition the model cannot express (+), {} on neither",
        resting('*'),
        resting('+'),
        firm.len()
    );
    let mut by_party: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, party) in &pairs {
        *by_party.entry(party).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = by_party.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top: Vec<String> = ranked
        .iter()
        .take(10)
        .map(|(party, count)| format!("{party} {count}"))
        .collect();
    println!("summary: most often caught: {}", top.join(", "));
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
