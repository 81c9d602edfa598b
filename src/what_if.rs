//! What-if: overlay a scenario with hypothetical entries and see which findings appear,
//! disappear or change, each with its witness.
//!
//! # What an overlay can do
//!
//! An overlay is a [`ScenarioFile`], built in code or read from TOML or JSON text
//! ([`what_if_str`]). Its entries are *added* to the scenario's, as if written at the end of the
//! scenario's file:
//!
//! * parties, territories, user-defined actions, issues, instruments, positions and events are
//!   appended. Their ids must be new; they may refer to the scenario's entries and to each
//!   other (a position on the scenario's issue, a clause of a new instrument binding the
//!   scenario's parties, an armed attack making a new war issue);
//! * an instrument whose `id` names one of the scenario's instruments and which carries nothing
//!   but `clauses` adds those clauses to that instrument (their labels must be new in it): a
//!   hypothetical protocol to an existing treaty;
//! * a party whose `id` names one of the scenario's organisations and which carries nothing but
//!   `members` adds those memberships: a hypothetical accession, which changes who the
//!   instruments binding the organisation's members bind;
//! * the overlay's `title` and `description` are ignored.
//!
//! An overlay cannot remove or change what the scenario says: to ask "what if this treaty
//! ended", edit the scenario itself and compare the two reports with [`Diff::between`].
//!
//! The overlaid scenario is validated like any file. Every problem comes back at once as
//! [`LoadErrors`], with the overlay's own paths (`instruments[0].clauses[1].bound[0]` is the
//! overlay's first instrument, whether it is new or adds clauses to the scenario's); a path
//! into the scenario itself, should the overlay make one of its entries wrong, is marked
//! `(scenario)`. A duplicate id names where the first one is declared, in the same way.
//!
//! # Cost: what an overlay can touch
//!
//! The diff is computed without re-checking what the overlay cannot touch. From the overlay,
//! read in the overlaid scenario:
//!
//! * a **position** touches its issue and the balance (opposite stances are enmities);
//! * an **armed attack** touches its war issue and the balance; a **recognition** touches
//!   acts (respect for territorial integrity); accessions and withdrawals touch nothing by
//!   themselves (the memberships are the truth);
//! * a new **issue** touches itself; a new party, territory or user-defined action touches
//!   nothing by itself (only the entries that refer to it can, and they are in the overlay);
//! * a **clause** is *added* when it is new, when its instrument gains clauses (every clause
//!   of that instrument: which of them prevails, and whether an attacker is bound toward its
//!   victim by it, may change), or when its instrument binds the members of an organisation
//!   that gains members (every clause of it: it binds other parties). An added clause that
//!   constrains nothing (a permission, consultation, a prohibition to align) touches nothing;
//!   otherwise
//!   * `align` and `no_harm` touch every issue whose domain its scope covers (alignment
//!     components are per domain, and chains run through them);
//!   * `defend`, `offense`, `neutrality` and `non_aggression` touch every war issue whose
//!     domain its scope covers;
//!   * `respect_integrity`, `no_hostile_alliance`, a user-defined action, `defend` or
//!     `offense` naming adversaries, and any action a user-defined action declares
//!     incompatible touch acts (the findings about no issue);
//!   * an obligation to `align`, `defend` or `offense` touches the balance (alliance edges).
//!
//! Both the scenario and the overlaid scenario are then checked over their whole timeline on
//! the touched issues only, with the act findings and the imbalance findings only if touched
//! (a scenario with no date of change at all is checked on nothing by [`crate::check`], so
//! then everything is re-checked). Untouched findings are the same in both on every date, and
//! a finding's maximal interval does not depend on where time is cut, so they would cancel
//! out: leaving them out loses nothing (`tests/what_if.rs` checks this against two full
//! checks on random scenarios and overlays).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::engine::norms;
use crate::engine::timeline::{self, Only};
use crate::finding::{Finding, Kind};
use crate::load::{self, Decoded, LoadError, LoadErrors, Location, Problem};
use crate::model::{Action, Domain, EventKind, IssueId, Modality, Parties, PartyId, Scenario};
use crate::report::Report;
use crate::save;
use crate::spec::{InstrumentFile, PartyFile, ScenarioFile};

/// What an overlay changes in a scenario's findings.
///
/// Findings are matched by kind, parties and issue: a finding of the overlaid scenario equal to
/// one of the scenario is unchanged and left out; one that differs from a finding with the same
/// kind, parties and issue (in its interval, witness, severity, verdict, or anything else) has
/// *changed*; the rest *appeared* or *disappeared*. Each list is in report order.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Diff {
    /// Findings of the overlaid scenario that the scenario does not have.
    pub appeared: Vec<Finding>,
    /// Findings of the scenario that the overlaid scenario does not have.
    pub disappeared: Vec<Finding>,
    /// Findings with the same kind, parties and issue that differ.
    pub changed: Vec<Change>,
    /// What was re-checked: what the overlay can touch.
    pub reach: Reach,
    /// The overlaid scenario's report with no findings: names and titles for the text.
    #[serde(skip)]
    names: Report,
}

/// A finding the overlay changes: the same kind, parties and issue, but not the same finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// The finding in the scenario.
    pub before: Finding,
    /// The finding in the overlaid scenario.
    pub after: Finding,
}

/// What an overlay can touch, and so what a what-if re-checks (see the module's "Cost").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Reach {
    /// The issues re-checked, in id order; `None` for every issue.
    pub issues: Option<Vec<IssueId>>,
    /// Whether the findings about no issue (recognitions, hostile alliances, user-defined
    /// actions) were re-checked.
    pub acts: bool,
    /// Whether structural balance (imbalance findings) was re-checked.
    pub balance: bool,
}

impl Reach {
    /// Everything: every issue, acts and balance.
    const ALL: Reach = Reach {
        issues: None,
        acts: true,
        balance: true,
    };

    fn of(only: &Only) -> Reach {
        Reach {
            issues: only.issues.as_ref().map(|it| it.iter().cloned().collect()),
            acts: only.acts,
            balance: only.balance,
        }
    }

    fn is_nothing(&self) -> bool {
        self.issues.as_ref().is_some_and(Vec::is_empty) && !self.acts && !self.balance
    }
}

/// Overlays `scenario` with `overlay` and tells which findings appear, disappear or change.
///
/// See the [module documentation](self) for what an overlay can do. An empty overlay gives an
/// empty diff.
///
/// # Errors
///
/// Every problem of the overlaid scenario (an unknown id, a duplicate id, a bad date…), with
/// the overlay's paths; see the [module documentation](self).
///
/// # Complexity
///
/// `O((s + o) log (s + o))` to merge and validate, for `s` entries of the scenario and `o` of
/// the overlay, and as much to decide what the overlay can touch. Then both scenarios are
/// checked over their `t` dates of change: on each date the date's view (`O(n log n)`, as for
/// [`crate::check_on`]) and the balance index, which the timeline computes on every date, and
/// only the touched issues (each costing what it costs in [`crate::check_on`]), the act
/// findings and the imbalance findings only if touched. An issue the overlay cannot touch costs
/// nothing; an overlay that touches nothing costs no check at all.
///
/// # Example
///
/// ```
/// use allegiance::spec::{PositionFile, ScenarioFile, SourceFile};
///
/// // A and B must hold the same stance on q (strict alignment); B opposes q.
/// let scenario = allegiance::load::from_toml_str(r#"
/// [[issues]]
/// id = "q"
/// title = "Question q"
/// domain = "foreign_policy"
///
/// [[instruments]]
/// id = "pact"
/// name = "Pact"
/// kind = "treaty"
/// force = "binding"
/// form = "bilateral"
/// parties = ["A", "B"]
/// in_force = "2019-01-01"
/// source = "example"
///
/// [[instruments.clauses]]
/// label = "art. 1"
/// text = "The parties hold the same positions."
/// modality = "obligation"
/// action = "align"
/// reading = "strict"
///
/// [[parties]]
/// id = "A"
/// name = "A"
/// kind = "state"
///
/// [[parties]]
/// id = "B"
/// name = "B"
/// kind = "state"
///
/// [[positions]]
/// party = "B"
/// issue = "q"
/// stance = "oppose"
/// since = "2020-01-01"
/// source = "example"
/// "#)?;
/// assert!(allegiance::what_if(&scenario, &ScenarioFile::default())?.is_empty());
///
/// // What if A supported q?
/// let overlay = ScenarioFile {
///     positions: vec![PositionFile {
///         party: "A".into(),
///         issue: "q".into(),
///         stance: "support".into(),
///         since: "2021-01-01".into(),
///         source: SourceFile { citation: "hypothesis".into(), ..SourceFile::default() },
///         ..PositionFile::default()
///     }],
///     ..ScenarioFile::default()
/// };
/// let diff = allegiance::what_if(&scenario, &overlay)?;
/// assert_eq!(diff.appeared.len(), 1);
/// assert_eq!(diff.appeared[0].kind, allegiance::Kind::Violation);
/// assert!(diff.disappeared.is_empty() && diff.changed.is_empty());
/// assert!(diff.to_string().contains("The parties hold the same positions."));
/// # Ok::<(), allegiance::LoadErrors>(())
/// ```
pub fn what_if(scenario: &Scenario, overlay: &ScenarioFile) -> Result<Diff, LoadErrors> {
    let mut merged = merge(scenario, overlay);
    let after = lower(&mut merged).map_err(|found| unlocated("<overlay>", found))?;
    Ok(compare(scenario, &merged, &after))
}

/// As [`what_if`], with the overlay read from TOML or JSON text; `name` names the text in
/// messages.
///
/// The text is read into the file form ([`load::file_form_from_str`]) without being loaded on
/// its own: it refers to the scenario's ids. An instrument that only adds clauses to the
/// scenario's (or a party that only adds members to the scenario's organisation) gives its
/// `id` and its `clauses` (or `members`) and nothing else: the fields a new instrument (or
/// party) must have are not asked of it.
///
/// # Errors
///
/// Every problem of the text and of the overlaid scenario, with the overlay's paths, and a line
/// and column in the text wherever the problem is in it.
///
/// # Complexity
///
/// That of [`what_if`], plus reading the text.
///
/// # Example
///
/// ```
/// use allegiance::load::Format;
///
/// let scenario = allegiance::load::from_toml_str(r#"
/// [[parties]]
/// id = "A"
/// name = "A"
/// kind = "state"
///
/// [[parties]]
/// id = "B"
/// name = "B"
/// kind = "state"
///
/// [[instruments]]
/// id = "nap"
/// name = "Non-aggression pact"
/// kind = "treaty"
/// force = "binding"
/// form = "bilateral"
/// parties = ["A", "B"]
/// in_force = "2019-01-01"
/// source = "example"
/// "#)?;
/// // What if the pact gained a clause, and B attacked A?
/// let overlay = r#"
/// [[instruments]]
/// id = "nap"
///
/// [[instruments.clauses]]
/// label = "art. 1"
/// text = "The parties shall not attack each other."
/// modality = "obligation"
/// action = "non_aggression"
///
/// [[events]]
/// id = "attack"
/// kind = "armed_attack"
/// date = "2024-05-01"
/// attacker = "B"
/// victim = "A"
/// issue = "war"
/// title = "B's attack on A"
/// source = "hypothesis"
/// "#;
/// let diff = allegiance::what_if::what_if_str(&scenario, overlay, Format::Toml, "overlay.toml")?;
/// assert_eq!(diff.appeared.len(), 1);
/// assert_eq!(diff.appeared[0].parties, ["B".parse()?]);
///
/// // A typo in an id is reported where the overlay says it.
/// let typo = overlay.replace(r#"victim = "A""#, r#"victim = "AA""#);
/// let errors = allegiance::what_if::what_if_str(&scenario, &typo, Format::Toml, "overlay.toml")
///     .unwrap_err();
/// assert_eq!(errors.errors()[0].location().path, "events[0].victim");
/// assert_eq!(errors.errors()[0].location().line, Some(16));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn what_if_str(
    scenario: &Scenario,
    overlay: &str,
    format: load::Format,
    name: &str,
) -> Result<Diff, LoadErrors> {
    let decoded = Decoded::new(overlay, format, name)?;
    let mut merged = merge(scenario, &decoded.file);
    let lowered = lower(&mut merged);
    let later = lowered.as_ref().err().cloned().unwrap_or_default();
    // An entry that only adds clauses or members need not have a new entry's fields.
    let excused = |path: &str, problem: &Problem| {
        matches!(problem, Problem::MissingField { .. })
            && merged.growing.iter().any(|entry| {
                path.strip_prefix(entry.as_str())
                    .and_then(|rest| rest.strip_prefix('.'))
                    .is_some_and(|field| !field.contains(['.', '[']))
            })
    };
    match (decoded.errors(&excused, later), lowered) {
        (Some(errors), _) => Err(errors),
        (None, Ok(after)) => Ok(compare(scenario, &merged, &after)),
        (None, Err(found)) => Err(unlocated(name, found)),
    }
}

/// The scenario with the overlay's entries added (see the [module documentation](self)).
///
/// # Errors
///
/// As [`what_if`].
///
/// # Example
///
/// ```
/// use allegiance::spec::{PartyFile, ScenarioFile};
///
/// let scenario = allegiance::load::from_toml_str(r#"
/// [[parties]]
/// id = "A"
/// name = "A"
/// kind = "state"
/// "#)?;
/// let state = |id: &str| PartyFile {
///     id: id.into(),
///     name: id.into(),
///     kind: "state".into(),
///     ..PartyFile::default()
/// };
/// let overlay = ScenarioFile { parties: vec![state("B")], ..ScenarioFile::default() };
/// assert_eq!(allegiance::what_if::apply(&scenario, &overlay)?.parties().len(), 2);
///
/// let twice = ScenarioFile { parties: vec![state("A")], ..ScenarioFile::default() };
/// let errors = allegiance::what_if::apply(&scenario, &twice).unwrap_err();
/// assert_eq!(errors.errors()[0].code(), "allegiance::load::duplicate_id");
/// assert_eq!(errors.errors()[0].location().path, "parties[0].id");
/// # Ok::<(), allegiance::LoadErrors>(())
/// ```
pub fn apply(scenario: &Scenario, overlay: &ScenarioFile) -> Result<Scenario, LoadErrors> {
    lower(&mut merge(scenario, overlay)).map_err(|found| unlocated("<overlay>", found))
}

impl Diff {
    /// The difference between two reports over the whole timeline, of any two scenarios (two
    /// versions of one file, say), everything compared; names are read from `after`.
    ///
    /// # Complexity
    ///
    /// `O(f log f)` for `f` findings, plus the comparison of findings with the same kind,
    /// parties and issue.
    ///
    /// # Example
    ///
    /// ```
    /// let seed = allegiance::load::from_path("examples/data/caucasus-2022.toml")?;
    /// let report = allegiance::check(&seed);
    /// assert!(allegiance::Diff::between(&report, &report).is_empty());
    ///
    /// // Against a scenario with nothing in it, every finding has appeared.
    /// let nothing = allegiance::check(&allegiance::load::from_toml_str("")?);
    /// let diff = allegiance::Diff::between(&nothing, &report);
    /// assert_eq!(diff.appeared, report.findings());
    /// # Ok::<(), allegiance::LoadErrors>(())
    /// ```
    pub fn between(before: &Report, after: &Report) -> Diff {
        let mut diff = Diff::empty(names_of(after), Reach::ALL);
        let key = |it: &'_ Finding| -> (Kind, Vec<PartyId>, Option<IssueId>) {
            (it.kind, it.parties.clone(), it.issue.clone())
        };
        let mut groups: BTreeMap<_, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for (at, it) in before.findings.iter().enumerate() {
            groups.entry(key(it)).or_default().0.push(at);
        }
        for (at, it) in after.findings.iter().enumerate() {
            groups.entry(key(it)).or_default().1.push(at);
        }
        let mut appeared = Vec::new();
        let mut disappeared = Vec::new();
        let mut changed = Vec::new();
        for (olds, mut news) in groups.into_values() {
            // The same finding on both sides is not part of the diff.
            let mut left = Vec::new();
            for old in olds {
                let same = news
                    .iter()
                    .position(|new| before.findings.get(old) == after.findings.get(*new));
                match same {
                    Some(at) => {
                        news.remove(at);
                    }
                    None => left.push(old),
                }
            }
            let mut left = left.into_iter();
            let mut news = news.into_iter();
            loop {
                match (left.next(), news.next()) {
                    (Some(old), Some(new)) => changed.push((new, old)),
                    (Some(old), None) => disappeared.push(old),
                    (None, Some(new)) => appeared.push(new),
                    (None, None) => break,
                }
            }
        }
        appeared.sort_unstable();
        disappeared.sort_unstable();
        changed.sort_unstable();
        let found = |report: &Report, at: usize| report.findings.get(at).cloned();
        diff.appeared = appeared
            .into_iter()
            .filter_map(|at| found(after, at))
            .collect();
        diff.disappeared = disappeared
            .into_iter()
            .filter_map(|at| found(before, at))
            .collect();
        diff.changed = changed
            .into_iter()
            .filter_map(|(new, old)| {
                Some(Change {
                    before: found(before, old)?,
                    after: found(after, new)?,
                })
            })
            .collect();
        diff
    }

    /// Whether no finding appears, disappears or changes.
    pub fn is_empty(&self) -> bool {
        self.appeared.is_empty() && self.disappeared.is_empty() && self.changed.is_empty()
    }

    fn empty(names: Report, reach: Reach) -> Diff {
        Diff {
            appeared: Vec::new(),
            disappeared: Vec::new(),
            changed: Vec::new(),
            reach,
            names,
        }
    }

    /// One finding as the report renders it, without its number.
    fn rendered(&self, finding: &Finding) -> String {
        let mut report = self.names.clone();
        report.findings = vec![finding.clone()];
        let text = report.to_string();
        // The report's header, then a blank line, then the numbered finding.
        let body = text.split_once("\n\n").map_or(text.as_str(), |(_, it)| it);
        body.strip_prefix("1. ")
            .unwrap_or(body)
            .trim_end()
            .to_owned()
    }
}

/// `report` without its findings, balance and context: the names and titles it renders with.
fn names_of(report: &Report) -> Report {
    let mut names = report.clone();
    names.title = None;
    names.date = None;
    names.findings = Vec::new();
    names.balance = Vec::new();
    names.context = Vec::new();
    names
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            writeln!(f, "what-if: no finding appears, disappears or changes")?;
        } else {
            writeln!(
                f,
                "what-if: {} finding(s) appeared, {} disappeared, {} changed",
                self.appeared.len(),
                self.disappeared.len(),
                self.changed.len()
            )?;
        }
        writeln!(f, "re-checked: {}", self.reach)?;
        let sections = [
            ("appeared", '+', &self.appeared),
            ("disappeared", '-', &self.disappeared),
        ];
        for (title, mark, findings) in sections {
            if findings.is_empty() {
                continue;
            }
            writeln!(f, "\n{title}:")?;
            for finding in findings {
                writeln!(f, "\n{mark} {}", self.rendered(finding))?;
            }
        }
        if !self.changed.is_empty() {
            writeln!(f, "\nchanged:")?;
            for change in &self.changed {
                writeln!(f, "\n~ before: {}", self.rendered(&change.before))?;
                writeln!(f, "  after: {}", self.rendered(&change.after))?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Reach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_nothing() {
            return f.write_str("nothing (the overlay touches no finding)");
        }
        let mut parts = Vec::new();
        match &self.issues {
            None => parts.push("every issue".to_owned()),
            Some(issues) if issues.is_empty() => {}
            Some(issues) => {
                let ids: Vec<String> = issues.iter().map(|it| format!("`{it}`")).collect();
                parts.push(format!("issue(s) {}", ids.join(", ")));
            }
        }
        if self.acts {
            parts.push("acts (recognitions, alliances, user-defined actions)".to_owned());
        }
        if self.balance {
            parts.push("balance".to_owned());
        }
        f.write_str(&parts.join("; "))
    }
}

/// The scenario's file form with the overlay's entries added, and where they went.
struct Merged {
    file: ScenarioFile,
    /// A path of the merged file → the overlay's path it came from.
    places: BTreeMap<String, String>,
    /// The overlay's entries that add to one of the scenario's, by path (`instruments[2]`).
    growing: Vec<String>,
    /// The scenario's instruments that gain clauses.
    grown: BTreeSet<String>,
    /// The scenario's organisations that gain members.
    joined: BTreeSet<String>,
}

/// The lists of a file, as paths name them.
const LISTS: [&str; 7] = [
    "parties",
    "territories",
    "actions",
    "issues",
    "instruments",
    "positions",
    "events",
];

impl Merged {
    /// A path of the merged file as the overlay writes it; a path into the scenario's own
    /// entries is marked `(scenario)`.
    fn rename(&self, path: &str) -> String {
        // The longest prefix that ends where a step ends.
        let mut end = path.len();
        loop {
            if let (Some(prefix), Some(rest)) = (path.get(..end), path.get(end..))
                && let Some(overlay) = self.places.get(prefix)
            {
                return format!("{overlay}{rest}");
            }
            match path.get(..end).and_then(|it| it.rfind(['.', '['])) {
                Some(at) if at > 0 => end = at,
                _ => break,
            }
        }
        let in_scenario = LISTS.iter().any(|list| {
            path.strip_prefix(list)
                .is_some_and(|rest| rest.starts_with('['))
        });
        if in_scenario {
            format!("(scenario) {path}")
        } else {
            path.to_owned()
        }
    }
}

/// Pushes `item` onto `items`, the list at path `list` of the merged file, recording that it
/// comes from the overlay's `from`.
fn push<T: Clone>(
    items: &mut Vec<T>,
    places: &mut BTreeMap<String, String>,
    list: &str,
    item: &T,
    from: String,
) {
    places.insert(format!("{list}[{}]", items.len()), from);
    items.push(item.clone());
}

/// Appends the overlay's list `list` to the merged file's.
fn append<T: Clone>(
    items: &mut Vec<T>,
    places: &mut BTreeMap<String, String>,
    list: &str,
    extra: &[T],
) {
    for (at, item) in extra.iter().enumerate() {
        push(items, places, list, item, format!("{list}[{at}]"));
    }
}

/// Whether an overlay's instrument only adds clauses to the scenario's instrument of its id.
fn adds_clauses(it: &InstrumentFile) -> bool {
    let bare = InstrumentFile {
        clauses: Vec::new(),
        ..it.clone()
    };
    bare == InstrumentFile {
        id: it.id.clone(),
        ..InstrumentFile::default()
    }
}

/// Whether an overlay's party only adds members to the scenario's organisation of its id.
fn adds_members(it: &PartyFile) -> bool {
    let bare = PartyFile {
        members: Vec::new(),
        ..it.clone()
    };
    bare == PartyFile {
        id: it.id.clone(),
        ..PartyFile::default()
    }
}

/// The scenario's file form with the overlay's entries added (see the module's rules).
///
/// # Complexity
///
/// `O((s + o) log s)` for `s` entries of the scenario and `o` of the overlay.
fn merge(scenario: &Scenario, overlay: &ScenarioFile) -> Merged {
    let mut file = save::to_file_form(scenario);
    let mut places = BTreeMap::new();
    let mut growing = Vec::new();
    let mut grown = BTreeSet::new();
    let mut joined = BTreeSet::new();
    let organisations: BTreeMap<String, usize> = file
        .parties
        .iter()
        .enumerate()
        .filter(|(_, it)| it.kind == "organisation")
        .map(|(at, it)| (it.id.clone(), at))
        .collect();
    let instruments: BTreeMap<String, usize> = file
        .instruments
        .iter()
        .enumerate()
        .map(|(at, it)| (it.id.clone(), at))
        .collect();
    for (at, party) in overlay.parties.iter().enumerate() {
        let here = format!("parties[{at}]");
        let into = organisations.get(&party.id).filter(|_| adds_members(party));
        match into.and_then(|it| file.parties.get_mut(*it).map(|party| (*it, party))) {
            Some((into, grows)) => {
                for (member_at, member) in party.members.iter().enumerate() {
                    let from = format!("{here}.members[{member_at}]");
                    let list = format!("parties[{into}].members");
                    push(&mut grows.members, &mut places, &list, member, from);
                }
                joined.insert(party.id.clone());
                growing.push(here);
            }
            None => push(&mut file.parties, &mut places, "parties", party, here),
        }
    }
    append(
        &mut file.territories,
        &mut places,
        "territories",
        &overlay.territories,
    );
    append(&mut file.actions, &mut places, "actions", &overlay.actions);
    append(&mut file.issues, &mut places, "issues", &overlay.issues);
    for (at, instrument) in overlay.instruments.iter().enumerate() {
        let here = format!("instruments[{at}]");
        let into = instruments
            .get(&instrument.id)
            .filter(|_| adds_clauses(instrument));
        match into.and_then(|it| file.instruments.get_mut(*it).map(|grows| (*it, grows))) {
            Some((into, grows)) => {
                for (clause_at, clause) in instrument.clauses.iter().enumerate() {
                    let from = format!("{here}.clauses[{clause_at}]");
                    let list = format!("instruments[{into}].clauses");
                    push(&mut grows.clauses, &mut places, &list, clause, from);
                }
                grown.insert(instrument.id.clone());
                growing.push(here);
            }
            None => push(
                &mut file.instruments,
                &mut places,
                "instruments",
                instrument,
                here,
            ),
        }
    }
    append(
        &mut file.positions,
        &mut places,
        "positions",
        &overlay.positions,
    );
    append(&mut file.events, &mut places, "events", &overlay.events);
    Merged {
        file,
        places,
        growing,
        grown,
        joined,
    }
}

/// Validates the merged file form, taking it out of `merged`; its problems carry the
/// overlay's paths.
fn lower(merged: &mut Merged) -> Result<Scenario, Vec<(String, Problem)>> {
    load::from_file_form(std::mem::take(&mut merged.file)).map_err(|errors| {
        errors
            .errors()
            .iter()
            .map(|it| {
                let mut problem = it.problem().clone();
                if let Problem::DuplicateId { first, .. } = &mut problem {
                    *first = merged.rename(first);
                }
                (merged.rename(&it.location().path), problem)
            })
            .collect()
    })
}

/// Problems with paths and no place in a text.
fn unlocated(name: &str, found: Vec<(String, Problem)>) -> LoadErrors {
    let errors = found
        .into_iter()
        .map(|(path, problem)| {
            let location = Location {
                path,
                line: None,
                column: None,
            };
            LoadError::new(location, problem, None)
        })
        .collect();
    LoadErrors::new(name, Arc::from(""), errors).unwrap_or_else(|| {
        let location = Location {
            path: "(top level)".to_owned(),
            line: None,
            column: None,
        };
        let problem = Problem::Inconsistent {
            message: "the overlay was refused without a reason".to_owned(),
            help: "please report this overlay to the authors of allegiance".to_owned(),
        };
        LoadErrors::single(name, Arc::from(""), LoadError::new(location, problem, None))
    })
}

/// The diff between the scenario and the overlaid scenario, on what the overlay can touch.
fn compare(scenario: &Scenario, merged: &Merged, after: &Scenario) -> Diff {
    let only = reach(scenario, merged, after);
    let reach = Reach::of(&only);
    if reach.is_nothing() {
        let names = Report::new(after, None, Vec::new(), Vec::new(), Vec::new());
        return Diff::empty(names_of(&names), reach);
    }
    let before = timeline::check_only(scenario, &only);
    let overlaid = timeline::check_only(after, &only);
    let mut diff = Diff::between(&before, &overlaid);
    diff.reach = reach;
    diff
}

/// What the overlay can touch: the issues, and whether acts and balance (see the module's
/// "Cost").
///
/// # Complexity
///
/// `O(n log n)` for the scenario's dates of change, plus `O(m + c + i log i + p + e)` for the
/// `m` instruments of the overlaid scenario, the `c` clauses added (with those of the
/// instruments that gain clauses or whose organisation gains members), its `i` issues, and the
/// overlay's `p` positions and `e` events.
fn reach(scenario: &Scenario, merged: &Merged, after: &Scenario) -> Only {
    if timeline::changes(scenario).is_empty() {
        // The scenario was checked on no date at all: nothing of it can be taken as known.
        return Only::ALL;
    }
    let mut issues: BTreeSet<IssueId> = BTreeSet::new();
    let mut acts = false;
    let mut balance = false;
    let incompatible: BTreeSet<&Action> = after
        .actions()
        .iter()
        .flat_map(|it| &it.incompatible_with)
        .collect();
    let base = scenario.instruments().len();
    let added = after.instruments().iter().enumerate().filter(|(at, it)| {
        let joins = |org: &PartyId| merged.joined.contains(org.as_str());
        *at >= base
            || merged.grown.contains(it.id.as_str())
            || matches!(&it.parties, Parties::MembersOf(org) if joins(org))
    });
    // Domains where an added clause touches every issue, and every war issue.
    let mut domains: BTreeSet<Domain> = BTreeSet::new();
    let mut war_domains: BTreeSet<Domain> = BTreeSet::new();
    for clause in added.flat_map(|(_, it)| &it.clauses) {
        if !norms::constrains(clause) {
            continue;
        }
        let norm = &clause.norm;
        let covered = Domain::ALL
            .iter()
            .map(|(_, it)| *it)
            .filter(|it| norm.scope.covers(*it));
        match &norm.action {
            Action::Align | Action::NoHarm => domains.extend(covered),
            Action::Defend | Action::Offense | Action::Neutrality | Action::NonAggression => {
                war_domains.extend(covered);
            }
            Action::Consult
            | Action::RespectIntegrity
            | Action::NoHostileAlliance
            | Action::Custom(_) => {}
        }
        acts |= matches!(
            norm.action,
            Action::RespectIntegrity | Action::NoHostileAlliance | Action::Custom(_)
        ) || (matches!(norm.action, Action::Defend | Action::Offense)
            && !norm.adversaries.is_empty())
            || incompatible.contains(&norm.action);
        balance |= norm.modality == Modality::Obligation
            && matches!(
                norm.action,
                Action::Align | Action::Defend | Action::Offense
            );
    }
    for issue in after.issues() {
        let touched = domains.contains(&issue.domain)
            || (issue.war.is_some() && war_domains.contains(&issue.domain))
            || scenario.issue(&issue.id).is_none();
        if touched {
            issues.insert(issue.id.clone());
        }
    }
    for position in after.positions().iter().skip(scenario.positions().len()) {
        issues.insert(position.issue.clone());
        balance = true;
    }
    for event in after.events().iter().skip(scenario.events().len()) {
        match &event.kind {
            EventKind::ArmedAttack { issue, .. } => {
                issues.insert(issue.clone());
                balance = true;
            }
            EventKind::Recognition { .. } => acts = true,
            EventKind::Accession { .. } | EventKind::Withdrawal { .. } => {}
        }
    }
    Only {
        issues: Some(issues),
        acts,
        balance,
    }
}
