//! One date, or the whole timeline: the dates where anything changes cut time into spans on
//! which the findings cannot change, and each finding is reported with the maximal interval
//! in which it holds.

use std::collections::BTreeSet;

use crate::model::IssueId;

use super::checks::{self, imbalance};
use super::draft::clause_ref;
use super::norms;
use super::snapshot::Snapshot;
use crate::finding::{ClauseRef, Finding};
use crate::model::{Date, Interval, PartyKind, Scenario};
use crate::report::Report;

/// What to check: every issue or some, and whether the findings that are not about an issue
/// (recognitions, alliances, user actions) and structural balance are wanted.
#[derive(Clone, Debug)]
pub(crate) struct Only {
    /// The issues to check; `None` for all.
    pub issues: Option<BTreeSet<IssueId>>,
    /// Whether to check acts and memberships (findings with no issue).
    pub acts: bool,
    /// Whether to compute structural balance and its imbalance findings.
    pub balance: bool,
}

impl Only {
    /// Everything.
    pub(crate) const ALL: Only = Only {
        issues: None,
        acts: true,
        balance: true,
    };

    pub(crate) fn issue(&self, id: &IssueId) -> bool {
        self.issues.as_ref().is_none_or(|it| it.contains(id))
    }
}

/// Everything found on one date.
pub(crate) fn on(
    scenario: &Scenario,
    date: Date,
) -> (Vec<Finding>, imbalance::Balance, Vec<ClauseRef>) {
    on_only(scenario, date, &Only::ALL)
}

/// What `only` asks for on one date.
pub(crate) fn on_only(
    scenario: &Scenario,
    date: Date,
    only: &Only,
) -> (Vec<Finding>, imbalance::Balance, Vec<ClauseRef>) {
    let snapshot = Snapshot::new(scenario, date);
    let mut findings: Vec<Finding> = checks::run(&snapshot, only)
        .into_iter()
        .map(|it| it.finish(&snapshot))
        .collect();
    let mut imbalances = Vec::new();
    let balance = imbalance::run(scenario, date, &mut imbalances);
    if only.balance {
        findings.append(&mut imbalances);
    }
    let context = snapshot
        .groups
        .iter()
        .filter(|group| group.in_force)
        .filter_map(|group| {
            let (_, clause) = snapshot.clause(group.clause)?;
            (!norms::constrains(clause)).then(|| clause_ref(&snapshot, group.clause))?
        })
        .collect();
    (findings, balance, context)
}

/// The report on one date.
pub(crate) fn check_on(scenario: &Scenario, date: Date) -> Report {
    let (findings, balance, context) = on(scenario, date);
    Report::new(scenario, Some(date), findings, vec![balance], context)
}

/// The report over the whole timeline.
pub(crate) fn check(scenario: &Scenario) -> Report {
    check_only(scenario, &Only::ALL)
}

/// The report over the whole timeline, of what `only` asks for.
pub(crate) fn check_only(scenario: &Scenario, only: &Only) -> Report {
    let dates = changes(scenario);
    let mut spans: Vec<(Option<Date>, Option<Date>)> = Vec::new();
    // Before the first change: only what holds from the beginning of time.
    if let Some(first) = dates.first()
        && let Some(before) = first.previous_day()
    {
        spans.push((None, Some(before)));
    }
    for (at, date) in dates.iter().enumerate() {
        spans.push((Some(*date), dates.get(at + 1).copied()));
    }
    if dates.is_empty() {
        spans.push((None, None));
    }
    let mut open: Vec<Finding> = Vec::new();
    let mut closed: Vec<Finding> = Vec::new();
    let mut balances = Vec::new();
    // A set, not a list: the same clauses are context on every span, and a list would grow
    // with spans × clauses.
    let mut context = BTreeSet::new();
    for (start, next) in spans {
        // The span before the first change is checked on its last day; a scenario without
        // a single date (which loading only allows without instruments), on any day.
        let Some(day) = start.or(next).or_else(|| Date::new(2000, 1, 1).ok()) else {
            continue;
        };
        let (findings, balance, clauses) = on_only(scenario, day, only);
        // Balance is reported where it changes.
        let changed = balances.last().is_none_or(|last: &imbalance::Balance| {
            (last.triads, last.balanced, last.generally_unbalanced)
                != (
                    balance.triads,
                    balance.balanced,
                    balance.generally_unbalanced,
                )
        });
        if start.is_some() && balance.triads > 0 && changed {
            balances.push(balance);
        }
        context.extend(clauses);
        let end = if start.is_some() || next.is_none() {
            next
        } else {
            day.next_day()
        };
        let mut still_open = Vec::new();
        for mut finding in findings {
            if let Some(at) = open.iter().position(|it| same(it, &finding)) {
                let mut continued = open.swap_remove(at);
                continued.during.end = end;
                still_open.push(continued);
            } else {
                finding.during = Interval::new(start, end);
                still_open.push(finding);
            }
        }
        closed.append(&mut open);
        open = still_open;
    }
    closed.append(&mut open);
    Report::new(
        scenario,
        None,
        closed,
        balances,
        context.into_iter().collect(),
    )
}

/// Whether two findings are the same but for their interval. Which obligation prevails is
/// compared too: it can change while the witness does not (a material breach ends when the
/// victim leaves the instrument), and a merged finding must say on every day what that day's
/// check says.
fn same(a: &Finding, b: &Finding) -> bool {
    a.kind == b.kind
        && a.severity == b.severity
        && a.parties == b.parties
        && a.issue == b.issue
        && a.witness == b.witness
        && a.also == b.also
        && a.verdict == b.verdict
        && a.way_out == b.way_out
        && a.prevails == b.prevails
}

/// Every date on which anything begins or ends, in order.
///
/// # Complexity
///
/// `O(n log n)` for `n` dated entries.
pub(crate) fn changes(scenario: &Scenario) -> Vec<Date> {
    let mut dates = BTreeSet::new();
    let mut add =
        |interval: &Interval| dates.extend(interval.start.into_iter().chain(interval.end));
    for party in scenario.parties() {
        add(&party.exists);
        if let PartyKind::Organisation { members } = &party.kind {
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
    dates.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use crate::finding::Kind;
    use crate::model::Interval;
    use crate::test_util::scenario;

    /// A strict alignment between A and B from 2001-01-01 until 2005-01-01, A supporting q
    /// from 2002-01-01 and B opposing it from 2003-01-01 until 2004-01-01.
    const DATED: &str = r#"
[[instruments]]
id = "p"
name = "p"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["A", "B"]
in_force = "2001-01-01"
terminated = "2005-01-01"
source = "test"

[[instruments.clauses]]
label = "c"
text = "c"
modality = "obligation"
action = "align"
reading = "strict"

[[positions]]
party = "A"
issue = "q"
stance = "support"
since = "2002-01-01"
source = "test"

[[positions]]
party = "B"
issue = "q"
stance = "oppose"
since = "2003-01-01"
until = "2004-01-01"
source = "test"
"#;

    #[test]
    fn a_finding_holds_over_the_maximal_interval_its_witness_holds() {
        // Both positions and the clause hold together only from 2003-01-01 until 2004-01-01
        // (B abandons its position then; the clause would end a year later): one violation,
        // over exactly that interval, though the dates 2002-01-01 and 2005-01-01 also cut
        // the timeline.
        let report = crate::check(&scenario(DATED));
        let found: Vec<(Kind, Interval)> = report
            .findings()
            .iter()
            .map(|it| (it.kind, it.during))
            .collect();
        let during = Interval::new(
            Some("2003-01-01".parse().unwrap_or_else(|e| panic!("{e}"))),
            Some("2004-01-01".parse().unwrap_or_else(|e| panic!("{e}"))),
        );
        assert_eq!(found, [(Kind::Violation, during)]);
    }

    #[test]
    fn the_dates_of_change_are_every_start_and_end() {
        let dates: Vec<String> = super::changes(&scenario(DATED))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            dates,
            [
                "2001-01-01",
                "2002-01-01",
                "2003-01-01",
                "2004-01-01",
                "2005-01-01"
            ]
        );
    }
}
