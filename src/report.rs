//! The report: every finding, in a deterministic order, with the balance of the signed
//! graph; readable as text (`Display`) and as JSON (`Serialize`).

mod explain;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::engine::checks::imbalance::Balance;
use crate::escape::Visible;
use crate::finding::{ClauseRef, Finding, Kind, Verdict, Witness};
use crate::model::{Date, IssueId, PartyId, Scenario};

/// What `check` or `check_on` found in a scenario.
///
/// Findings are sorted by the day they start, then parties, issue and kind, so the same
/// scenario gives the same report whatever the order of its file's entries.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The scenario's title.
    pub title: Option<String>,
    /// The date checked, for a report on one date; `None` for a whole timeline.
    pub date: Option<Date>,
    /// Every finding.
    pub findings: Vec<Finding>,
    /// Structural balance of the signed graph: on the date checked, or from each date where
    /// anything changes.
    pub balance: Vec<Balance>,
    /// Clauses in force that constrain no position (permissions, consultation): context.
    pub context: Vec<ClauseRef>,
    /// What [`Limits`] cut from the report, if anything: `None` (and no `truncated` key in
    /// JSON) when the report is whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncated>,
    /// How many links each cut chain lost, by finding and witness (0 for the witness, `i + 1`
    /// for `also[i]`), for the text rendering.
    #[serde(skip)]
    cut: BTreeMap<(usize, usize), usize>,
    /// Party names, for the text rendering.
    #[serde(skip)]
    names: BTreeMap<PartyId, String>,
    /// Issue titles, for the text rendering.
    #[serde(skip)]
    titles: BTreeMap<IssueId, String>,
}

impl Report {
    pub(crate) fn new(
        scenario: &Scenario,
        date: Option<Date>,
        mut findings: Vec<Finding>,
        balance: Vec<Balance>,
        mut context: Vec<ClauseRef>,
    ) -> Self {
        findings.sort_by(|a, b| order(a).cmp(&order(b)));
        context.sort();
        context.dedup();
        Report {
            title: scenario.title().map(str::to_owned),
            date,
            findings,
            balance,
            context,
            truncated: None,
            cut: BTreeMap::new(),
            names: scenario
                .parties()
                .iter()
                .map(|it| (it.id.clone(), it.name.clone()))
                .collect(),
            titles: scenario
                .issues()
                .iter()
                .map(|it| (it.id.clone(), it.title.clone()))
                .collect(),
        }
    }

    /// Every finding, in report order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings that are contradictions (conflicts, violations, tensions without a way
    /// out), in report order.
    pub fn contradictions(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|it| it.is_contradiction())
    }

    fn name(&self, party: &PartyId) -> String {
        match self.names.get(party) {
            Some(name) => format!("{name} ({party})"),
            None => party.to_string(),
        }
    }
}

/// Bounds on the size of a report, for [`crate::check_with`] and [`crate::check_on_with`]:
/// how many findings it keeps, and how many links of each witness's chain.
///
/// The check itself is done in full (its time is stated on [`crate::check`]); the limits
/// bound what the report holds and what rendering it costs. A report they cut says so, in
/// [`Report::truncated`], in its text and in its JSON: never silently. The default cuts
/// nothing.
///
/// # Example
///
/// ```
/// # let text = include_str!("../examples/data/caucasus-2022.toml");
/// let scenario = allegiance::load::from_toml_str(text)?;
/// let limits = allegiance::Limits { max_findings: Some(1), max_chain: Some(1) };
/// let report = allegiance::check_with(&scenario, &limits);
/// assert_eq!(report.findings().len(), 1);
/// let truncated = report.truncated.expect("the seed has more than one finding");
/// assert!(truncated.findings_left_out > 0);
/// assert!(report.to_string().contains("truncated:"));
/// assert!(serde_json::to_string(&report)?.contains("\"truncated\":{"));
/// // Without limits nothing is cut.
/// assert_eq!(allegiance::check_with(&scenario, &Default::default()), allegiance::check(&scenario));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// The most findings kept: the first ones in report order. `None` keeps them all.
    pub max_findings: Option<usize>,
    /// The most links kept in each witness's chain (alternative witnesses included): the
    /// first ones. `None` keeps them all.
    pub max_chain: Option<usize>,
}

/// What [`Limits`] cut from a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Truncated {
    /// The limits the report was made with.
    pub limits: Limits,
    /// How many findings the check found in all.
    pub findings_found: usize,
    /// How many of them the report leaves out (the last ones in report order).
    pub findings_left_out: usize,
    /// How many chains of the findings kept were cut (a finding's alternative witnesses
    /// count each).
    pub chains_cut: usize,
    /// How many links those chains lost in all.
    pub links_left_out: usize,
}

impl Report {
    /// The report cut to `limits`, saying what was cut; unchanged when nothing is.
    pub(crate) fn limited(mut self, limits: &Limits) -> Report {
        let findings_found = self.findings.len();
        if let Some(max) = limits.max_findings {
            self.findings.truncate(max);
        }
        let mut cut = BTreeMap::new();
        if let Some(max) = limits.max_chain {
            for (at, finding) in self.findings.iter_mut().enumerate() {
                let witnesses = std::iter::once(&mut finding.witness).chain(&mut finding.also);
                for (which, witness) in witnesses.enumerate() {
                    if witness.chain.len() > max {
                        cut.insert((at, which), witness.chain.len() - max);
                        witness.chain.truncate(max);
                    }
                }
            }
        }
        let findings_left_out = findings_found - self.findings.len();
        if findings_left_out > 0 || !cut.is_empty() {
            self.truncated = Some(Truncated {
                limits: *limits,
                findings_found,
                findings_left_out,
                chains_cut: cut.len(),
                links_left_out: cut.values().sum(),
            });
        }
        self.cut = cut;
        self
    }
}

/// The sort key: start, parties, issue, kind, then the evidence.
fn order(it: &Finding) -> impl Ord + '_ {
    (
        it.during.start,
        &it.parties,
        &it.issue,
        it.kind,
        std::cmp::Reverse(it.severity),
        &it.witness,
        it.during.end,
    )
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(title) = &self.title {
            writeln!(f, "{}", Visible(title))?;
        }
        match self.date {
            Some(date) => writeln!(f, "checked on {date}")?,
            None => writeln!(f, "checked over the whole timeline")?,
        }
        let count = |kind: Kind| self.findings.iter().filter(|it| it.kind == kind).count();
        writeln!(
            f,
            "{} finding(s): {} conflict(s), {} violation(s), {} tension(s), {} imbalance(s)",
            self.findings.len(),
            count(Kind::Conflict),
            count(Kind::Violation),
            count(Kind::Tension),
            count(Kind::Imbalance),
        )?;
        if let Some(truncated) = &self.truncated {
            write_truncated(f, truncated)?;
        }
        for (at, finding) in self.findings.iter().enumerate() {
            writeln!(f)?;
            self.finding(f, at, finding)?;
        }
        if !self.context.is_empty() {
            writeln!(f)?;
            writeln!(f, "context (clauses that constrain no position):")?;
            for clause in &self.context {
                writeln!(
                    f,
                    "  - {}, {}: \"{}\"",
                    Visible(clause.instrument.as_str()),
                    Visible(clause.label.as_str()),
                    Visible(&clause.text)
                )?;
            }
        }
        for balance in &self.balance {
            if let Some(index) = balance.index {
                writeln!(f)?;
                writeln!(
                    f,
                    "balance from {}: {} of {} triad(s) balanced (index {index:.2}); {} unbalanced under generalised balance",
                    balance.date, balance.balanced, balance.triads, balance.generally_unbalanced
                )?;
            }
        }
        Ok(())
    }
}

/// The line that says what limits cut.
fn write_truncated(f: &mut fmt::Formatter<'_>, truncated: &Truncated) -> fmt::Result {
    let mut parts = Vec::new();
    if truncated.findings_left_out > 0 {
        parts.push(format!(
            "{} of {} finding(s) left out (max_findings = {})",
            truncated.findings_left_out,
            truncated.findings_found,
            truncated.limits.max_findings.unwrap_or(0)
        ));
    }
    if truncated.chains_cut > 0 {
        parts.push(format!(
            "{} chain(s) cut, {} link(s) left out (max_chain = {})",
            truncated.chains_cut,
            truncated.links_left_out,
            truncated.limits.max_chain.unwrap_or(0)
        ));
    }
    writeln!(f, "truncated: {}", parts.join("; "))
}

impl Report {
    /// One finding; `at` is its place in the report (numbered from 1 in the text).
    fn finding(&self, f: &mut fmt::Formatter<'_>, at: usize, it: &Finding) -> fmt::Result {
        let number = at + 1;
        let verdict = match it.verdict {
            Verdict::Firm => "firm",
            Verdict::Interpretive { .. } => "interpretive",
        };
        let parties: Vec<String> = it.parties.iter().map(|it| self.name(it)).collect();
        writeln!(
            f,
            "{number}. {} ({}, {verdict}): {}",
            it.kind.name().to_uppercase(),
            it.severity.name(),
            Visible(&parties.join(", "))
        )?;
        if let Some(issue) = &it.issue {
            let title = self.titles.get(issue).map_or("", String::as_str);
            writeln!(
                f,
                "   issue: {} [{}]",
                Visible(title),
                Visible(issue.as_str())
            )?;
        }
        writeln!(f, "   holds: {}", explain::interval(&it.during))?;
        self.witness(f, &it.witness, self.cut.get(&(at, 0)))?;
        writeln!(f, "   why: {}", Visible(&it.explanation()))?;
        if let Verdict::Interpretive {
            reading, ways_out, ..
        } = &it.verdict
        {
            let ways: Vec<&str> = ways_out.iter().map(|it| it.name()).collect();
            writeln!(f, "   reading: dissolved if {}", Visible(reading))?;
            if !ways.is_empty() {
                writeln!(f, "   then the way out: {}", ways.join(" or "))?;
            }
        }
        for precedence in &it.prevails {
            let law = format!(
                "{} vs {}: {}",
                explain::obligation(&precedence.first),
                explain::obligation(&precedence.second),
                explain::outcome(&precedence.outcome)
            );
            writeln!(f, "   law: {}", Visible(&law))?;
        }
        for (which, other) in it.also.iter().enumerate() {
            writeln!(f, "   also ({}), through other clauses:", which + 1)?;
            self.witness(f, other, self.cut.get(&(at, which + 1)))?;
        }
        Ok(())
    }

    /// A witness; `cut` is how many links of its chain [`Limits`] left out, if any.
    fn witness(
        &self,
        f: &mut fmt::Formatter<'_>,
        witness: &Witness,
        cut: Option<&usize>,
    ) -> fmt::Result {
        for (at, clause) in witness.clauses.iter().enumerate() {
            writeln!(
                f,
                "   [{}] {}, {} ({}): \"{}\"",
                at + 1,
                Visible(&clause.instrument_name),
                Visible(clause.label.as_str()),
                explain::force(clause.force),
                Visible(&clause.text)
            )?;
            if let Some(translation) = &clause.translation {
                writeln!(f, "       translation: \"{}\"", Visible(translation))?;
            }
        }
        for position in &witness.positions {
            let since = position
                .since
                .map(|it| format!(" since {it}"))
                .unwrap_or_default();
            writeln!(
                f,
                "   position: {} {}{since} ({})",
                Visible(&self.name(&position.party)),
                position.stance,
                Visible(&position.citation)
            )?;
        }
        for event in &witness.events {
            writeln!(
                f,
                "   event: {}, {} [{}]",
                event.date,
                Visible(&event.summary),
                Visible(event.id.as_str())
            )?;
        }
        for link in &witness.chain {
            writeln!(f, "   chain: {}", Visible(&explain::link(link)))?;
        }
        if let Some(cut) = cut {
            writeln!(f, "   chain: … {cut} more link(s) left out (max_chain)")?;
        }
        Ok(())
    }
}
