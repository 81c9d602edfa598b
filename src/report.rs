//! The report: every finding, in a deterministic order, with the balance of the signed
//! graph; readable as text (`Display`) and as JSON (`Serialize`).

mod explain;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::engine::checks::imbalance::Balance;
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
            writeln!(f, "{title}")?;
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
        for (at, finding) in self.findings.iter().enumerate() {
            writeln!(f)?;
            self.finding(f, at + 1, finding)?;
        }
        if !self.context.is_empty() {
            writeln!(f)?;
            writeln!(f, "context (clauses that constrain no position):")?;
            for clause in &self.context {
                writeln!(
                    f,
                    "  - {}, {}: \"{}\"",
                    clause.instrument, clause.label, clause.text
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

impl Report {
    fn finding(&self, f: &mut fmt::Formatter<'_>, number: usize, it: &Finding) -> fmt::Result {
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
            parties.join(", ")
        )?;
        if let Some(issue) = &it.issue {
            let title = self.titles.get(issue).map_or("", String::as_str);
            writeln!(f, "   issue: {title} [{issue}]")?;
        }
        writeln!(f, "   holds: {}", explain::interval(&it.during))?;
        self.witness(f, &it.witness)?;
        writeln!(f, "   why: {}", it.explanation())?;
        if let Verdict::Interpretive {
            reading, ways_out, ..
        } = &it.verdict
        {
            let ways: Vec<&str> = ways_out.iter().map(|it| it.name()).collect();
            writeln!(f, "   reading: dissolved if {reading}")?;
            if !ways.is_empty() {
                writeln!(f, "   then the way out: {}", ways.join(" or "))?;
            }
        }
        for precedence in &it.prevails {
            writeln!(
                f,
                "   law: {} vs {}: {}",
                explain::obligation(&precedence.first),
                explain::obligation(&precedence.second),
                explain::outcome(&precedence.outcome)
            )?;
        }
        for (at, other) in it.also.iter().enumerate() {
            writeln!(f, "   also ({}), through other clauses:", at + 1)?;
            self.witness(f, other)?;
        }
        Ok(())
    }

    fn witness(&self, f: &mut fmt::Formatter<'_>, witness: &Witness) -> fmt::Result {
        for (at, clause) in witness.clauses.iter().enumerate() {
            writeln!(
                f,
                "   [{}] {}, {} ({}): \"{}\"",
                at + 1,
                clause.instrument_name,
                clause.label,
                explain::force(clause.force),
                clause.text
            )?;
            if let Some(translation) = &clause.translation {
                writeln!(f, "       translation: \"{translation}\"")?;
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
                self.name(&position.party),
                position.stance,
                position.citation
            )?;
        }
        for event in &witness.events {
            writeln!(
                f,
                "   event: {}, {} [{}]",
                event.date, event.summary, event.id
            )?;
        }
        for link in &witness.chain {
            writeln!(f, "   chain: {}", explain::link(link))?;
        }
        Ok(())
    }
}
