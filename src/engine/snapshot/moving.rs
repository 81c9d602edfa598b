//! A date's view moved to another date in place: only the clauses, positions and wars that
//! begin or end between the two dates are looked at, and only the components of the domains
//! whose alignments changed are touched (see `components`). What a timeline of many dates
//! needs on a world-sized scenario, where a hundred instruments change between two dates
//! among a million clauses.
//!
//! The view it leaves is the one [`Snapshot::new`] builds on the new date, field for field:
//! groups sit at their clause's rank, and every list under a party stays sorted by group, as
//! building it in rank order leaves it. The unit tests compare the two on every date of a
//! scenario, forward and back.

use super::components::{self, Change};
use super::{DomainGraph, Group, Snapshot, list_loose};
use crate::model::{Date, Domain, Reading, Scenario};

/// When each instrument and position begins and ends: where a view can change. Read once
/// from the scenario, for every move of a tracker.
#[derive(Debug)]
pub(crate) struct Schedule {
    /// (date, instrument in file order) for each bound of an instrument's time in force,
    /// by date.
    instruments: Vec<(Date, u32)>,
    /// Instruments whose parties are an organisation's members, which vary by date: their
    /// groups are made again on every move.
    members_of: Vec<u32>,
    /// Each instrument's clauses' ranks, `first..first + count`, by file order.
    ranks: Vec<(u32, u32)>,
    /// (date, position rank) for each bound of a position's time, by date.
    positions: Vec<(Date, u32)>,
    /// For each domain of [`Domain::ALL`], the clauses aligning in it, by rank: what
    /// rebuilding its graph reads, instead of every clause.
    aligned: Vec<Vec<u32>>,
    /// As `aligned`, the loose alignments alone.
    loose: Vec<Vec<u32>>,
}

impl Schedule {
    /// The schedule of `scenario`.
    ///
    /// # Complexity
    ///
    /// `O(n log n)` for `n` instruments, clauses and positions.
    pub(crate) fn of(scenario: &Scenario) -> Self {
        let orders = &scenario.index.orders;
        let bounds = |during: &crate::model::Interval| [during.start, during.end];
        let mut instruments: Vec<(Date, u32)> = Vec::new();
        let mut members_of = Vec::new();
        for (at, during) in orders.in_force.iter().enumerate() {
            let Ok(at) = u32::try_from(at) else { continue };
            instruments.extend(bounds(during).into_iter().flatten().map(|it| (it, at)));
            if orders.listed.get(at as usize).is_none() {
                members_of.push(at);
            }
        }
        let instruments = by_date(instruments);
        let mut ranks = vec![(u32::MAX, 0); orders.in_force.len()];
        for (rank, (at, _)) in orders.clauses.iter().enumerate() {
            if let (Some(slot), Ok(rank)) = (ranks.get_mut(*at as usize), u32::try_from(rank)) {
                *slot = (slot.0.min(rank), slot.1 + 1);
            }
        }
        let mut positions: Vec<(Date, u32)> = Vec::new();
        for (rank, during) in orders.position_during.iter().enumerate() {
            let (Some(during), Ok(rank)) = (during, u32::try_from(rank)) else {
                continue;
            };
            positions.extend(bounds(during).into_iter().flatten().map(|it| (it, rank)));
        }
        let positions = by_date(positions);
        let mut aligned = vec![Vec::new(); Domain::ALL.len()];
        let mut loose = vec![Vec::new(); Domain::ALL.len()];
        for (rank, kind) in orders.kinds.iter().enumerate() {
            let Ok(rank) = u32::try_from(rank) else {
                continue;
            };
            for ((list, loose), reading) in aligned.iter_mut().zip(&mut loose).zip(kind.align) {
                if reading.is_some() {
                    list.push(rank);
                }
                if reading == Some(Reading::Loose) {
                    loose.push(rank);
                }
            }
        }
        Schedule {
            instruments,
            members_of,
            ranks,
            positions,
            aligned,
            loose,
        }
    }
}

/// `list` sorted by date, then number: as one number each, which sorts in half the time of
/// the pairs (a world has millions of bounds of instruments and positions).
fn by_date(list: Vec<(Date, u32)>) -> Vec<(Date, u32)> {
    let key = |(date, at): (Date, u32)| {
        let year = u64::from(date.year().cast_unsigned() ^ 0x8000);
        let month = u64::from(date.month().cast_unsigned());
        let day = u64::from(date.day().cast_unsigned());
        year << 48 | month << 40 | day << 32 | u64::from(at)
    };
    let mut keys: Vec<u64> = list.into_iter().map(key).collect();
    keys.sort_unstable();
    keys.into_iter()
        .filter_map(|it| {
            let year = ((it >> 48) as u16 ^ 0x8000).cast_signed();
            let date = Date::new(year, (it >> 40) as u8 as i8, (it >> 32) as u8 as i8).ok()?;
            Some((date, it as u32))
        })
        .collect()
}

/// The entries of a list by date whose date lies between `one` and `other`, both included:
/// every bound that can put a date on one side of it and the other date on the other.
fn between<T: Copy>(list: &[(Date, T)], one: Date, other: Date) -> impl Iterator<Item = T> + '_ {
    let (low, high) = (one.min(other), one.max(other));
    let from = list.partition_point(|(date, _)| *date < low);
    let to = list.partition_point(|(date, _)| *date <= high);
    list.get(from..to).unwrap_or(&[]).iter().map(|(_, it)| *it)
}

/// What a move changed in the view, for a tracker to find the issues it reaches.
#[derive(Debug, Default)]
pub(crate) struct Moved {
    /// The groups whose parties changed, as they were: each is at its rank in the view, as
    /// it is now.
    pub before: Vec<Group>,
    /// The issues whose positions or war changed, by index in the scenario's issues, sorted,
    /// once each.
    pub issues: Vec<u32>,
    /// The positions that began or ended, as (issue, rank, whether it holds now), sorted.
    pub positions: Vec<(u32, u32, bool)>,
    /// Those of `issues` whose war changed (began, ended, or another attack took its place).
    pub wars: Vec<u32>,
    /// The graphs the move rebuilt, as they were, by domain index.
    graphs: Vec<(usize, DomainGraph)>,
}

impl Moved {
    /// The graph of domain `at` before the move, when the move rebuilt it.
    pub(crate) fn graph_before(&self, at: usize) -> Option<&DomainGraph> {
        self.graphs
            .iter()
            .find_map(|(domain, graph)| (*domain == at).then_some(graph))
    }
}

impl Snapshot<'_> {
    /// Moves the view to `date` (later or earlier), as [`Snapshot::new`] would build it
    /// there, and says what changed.
    ///
    /// # Complexity
    ///
    /// `O(log n)` to find what begins or ends between the two dates; for each of the `c`
    /// clauses of those instruments, `O(p · l)` for the `p` parties it names and lists `l`
    /// long under them; per domain whose alignments changed, `O(n)` and the parties the
    /// searches for split components visit (`O(n + a)` for `a` alignment clauses of the
    /// domain where it finds them again); `O(e + i)` for the wars, with `e` events and `i`
    /// issues.
    pub(crate) fn move_to(&mut self, date: Date, schedule: &Schedule) -> Moved {
        let from = self.date;
        self.date = date;
        let before = self.move_groups(from, schedule);
        let positions = self.move_positions(from, schedule);
        let wars = self.move_wars();
        let mut issues: Vec<u32> = positions.iter().map(|it| it.0).collect();
        issues.extend(&wars);
        issues.sort_unstable();
        issues.dedup();
        let graphs = self.move_graphs(&before, schedule);
        Moved {
            before,
            issues,
            positions,
            wars,
            graphs,
        }
    }

    /// Moves the graphs of the domains where the `changed` groups (as they were) align:
    /// components kept where it can (see `components::patch`), found again from the
    /// domain's alignment clauses where it cannot; loose alignments listed again when a
    /// component or a loose alignment changed. Returns the graphs as they were, for the
    /// roots and loose alignments only (the strict lists move into the new graphs).
    fn move_graphs(&mut self, changed: &[Group], schedule: &Schedule) -> Vec<(usize, DomainGraph)> {
        let mut graphs = Vec::new();
        for (at, ranks) in schedule.aligned.iter().enumerate() {
            let mut strict: Vec<Change<'_>> = Vec::new();
            let mut loose = false;
            for old in changed {
                let rank = old.clause;
                match self.kind(rank).align.get(at).copied().flatten() {
                    None => {}
                    Some(Reading::Loose) => loose = true,
                    Some(Reading::Strict) => {
                        let new = self.groups.get(rank as usize).unwrap_or(old);
                        strict.push((rank, old, new));
                    }
                }
            }
            if strict.is_empty() && !loose {
                continue;
            }
            strict.sort_unstable_by_key(|it| it.0);
            let Some(graph) = self.domains.get_mut(at) else {
                continue;
            };
            let root = graph.root.clone();
            let patched = components::patch(graph, &strict, &self.groups);
            let before = match patched {
                None => {
                    let lists = std::mem::take(&mut graph.strict);
                    let graph = self.graph_of(at, ranks.iter().copied(), Some(lists));
                    let slot = self.domains.get_mut(at);
                    // The patch may have named some components anew before it gave up.
                    slot.map(|slot| DomainGraph {
                        root,
                        ..std::mem::replace(slot, graph)
                    })
                }
                Some(moved) if moved || loose => {
                    let old = std::mem::take(&mut graph.loose);
                    let loose = schedule.loose.get(at).map_or(&[][..], Vec::as_slice);
                    for rank in loose {
                        if let Some(group) = self.groups.get(*rank as usize)
                            && group.instances().next().is_some()
                        {
                            list_loose(graph, *rank, group);
                        }
                    }
                    Some(DomainGraph {
                        root,
                        strict: Vec::new(),
                        loose: old,
                    })
                }
                Some(_) => None,
            };
            if let Some(before) = before {
                graphs.push((at, before));
            }
        }
        graphs
    }

    /// Makes again the groups of the instruments that began or ended between `from` and the
    /// view's date, and of those whose parties are an organisation's members; returns those
    /// that changed, as they were.
    fn move_groups(&mut self, from: Date, schedule: &Schedule) -> Vec<Group> {
        let orders = &self.scenario.index.orders;
        let mut instruments: Vec<u32> = between(&schedule.instruments, from, self.date)
            .filter(|at| {
                orders
                    .in_force
                    .get(*at as usize)
                    .is_some_and(|during| during.contains(from) != during.contains(self.date))
            })
            .chain(schedule.members_of.iter().copied())
            .collect();
        instruments.sort_unstable();
        instruments.dedup();
        let mut before = Vec::new();
        let mut members = Vec::new();
        for at in instruments {
            let Some((first, count)) = schedule.ranks.get(at as usize).copied() else {
                continue;
            };
            members.clear();
            self.members(at as usize, &mut members);
            for rank in first..first.saturating_add(count) {
                let Some((_, c)) = orders.clauses.get(rank as usize) else {
                    continue;
                };
                let group = self.group_on(rank, at as usize, *c as usize, &members);
                let Some(slot) = self.groups.get_mut(rank as usize) else {
                    continue;
                };
                if *slot == group {
                    continue;
                }
                let old = std::mem::replace(slot, group.clone());
                self.list_group(&old, false);
                self.list_group(&group, true);
                before.push(old);
            }
        }
        before
    }

    /// Adds and takes away the positions that began or ended between `from` and the view's
    /// date; returns each as (issue, rank, whether it holds now), in that order.
    fn move_positions(&mut self, from: Date, schedule: &Schedule) -> Vec<(u32, u32, bool)> {
        let orders = &self.scenario.index.orders;
        let mut ranks: Vec<u32> = between(&schedule.positions, from, self.date).collect();
        ranks.sort_unstable();
        ranks.dedup();
        let mut issues = Vec::new();
        for rank in ranks {
            let Some(Some(during)) = orders.position_during.get(rank as usize) else {
                continue;
            };
            let now = during.contains(self.date);
            if now == during.contains(from) {
                continue;
            }
            let Some(issue) = orders.position_issues.get(rank as usize).copied() else {
                continue;
            };
            let standing = self.standing(rank);
            let Some(list) = self.positions_by_issue.get_mut(issue as usize) else {
                continue;
            };
            let place = list.partition_point(|it| it.rank < rank);
            match standing {
                Some(standing) if now => list.insert(place, standing),
                _ if list.get(place).is_some_and(|it| it.rank == rank) => {
                    list.remove(place);
                }
                _ => {}
            }
            issues.push((issue, rank, now));
        }
        issues.sort_unstable();
        issues
    }

    /// Finds the wars begun by the view's date again; returns the issues whose war changed,
    /// in order.
    fn move_wars(&mut self) -> Vec<u32> {
        let before = std::mem::take(&mut self.wars);
        self.collect_wars();
        let mut issues = Vec::new();
        for (at, (old, new)) in before.iter().zip(&self.wars).enumerate() {
            if old.map(|it| it.event) != new.map(|it| it.event)
                && let Ok(at) = u32::try_from(at)
            {
                issues.push(at);
            }
        }
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::{Schedule, Snapshot};
    use crate::engine::snapshot::differences;
    use crate::model::Date;
    use crate::test_util::scenario;

    /// Every kind of change a move meets: instruments beginning and ending (strict and loose
    /// alignment, defence, non-aggression, no harm, one scoped to security), an
    /// organisation whose members come and go under a charter in force throughout,
    /// positions beginning and ending, and a war (which makes its own issue, `w`). Two duties
    /// of no harm are toward B, and the one ranked first (p0's) begins last: its entry goes
    /// before the other's.
    const CHANGING: &str = r#"
[[parties]]
id = "ORG"
name = "ORG"
kind = "organisation"
members = [
  { party = "A", since = "2000-01-01" },
  { party = "B", since = "2002-01-01", until = "2004-01-01" },
  { party = "C", since = "2003-01-01" },
]

[[instruments]]
id = "charter"
name = "charter"
kind = "charter"
force = "binding"
form = "multilateral"
members_of = "ORG"
in_force = "2000-01-01"
source = "test"

[[instruments.clauses]]
label = "1"
text = "1"
modality = "obligation"
action = "align"
reading = "strict"

[[instruments.clauses]]
label = "2"
text = "2"
modality = "obligation"
action = "defend"

[[instruments]]
id = "p0"
name = "p0"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["B", "C"]
in_force = "2002-09-01"
source = "test"

[[instruments.clauses]]
label = "1"
text = "1"
modality = "obligation"
action = "no_harm"
bound = ["C"]

[[instruments]]
id = "p1"
name = "p1"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["A", "B"]
in_force = "2001-06-01"
terminated = "2003-06-01"
source = "test"

[[instruments.clauses]]
label = "1"
text = "1"
modality = "obligation"
action = "align"
reading = "strict"

[[instruments.clauses]]
label = "2"
text = "2"
modality = "obligation"
action = "no_harm"
bound = ["A"]
discretion = true

[[instruments]]
id = "p2"
name = "p2"
kind = "treaty"
force = "binding"
form = "bilateral"
parties = ["B", "C"]
in_force = "2002-06-01"
source = "test"

[[instruments.clauses]]
label = "1"
text = "1"
modality = "obligation"
action = "align"
reading = "loose"

[[instruments.clauses]]
label = "2"
text = "2"
modality = "obligation"
action = "non_aggression"

[[instruments]]
id = "p3"
name = "p3"
kind = "treaty"
force = "binding"
form = "multilateral"
parties = ["A", "C", "X"]
in_force = "2000-01-01"
terminated = "2005-01-01"
source = "test"

[[instruments.clauses]]
label = "1"
text = "1"
modality = "obligation"
action = "defend"

[[instruments.clauses]]
label = "2"
text = "2"
modality = "obligation"
action = "align"
reading = "strict"
scope = ["security"]

[[positions]]
party = "A"
issue = "q"
stance = "support"
since = "2000-01-01"
until = "2004-01-01"
source = "test"

[[positions]]
party = "B"
issue = "q"
stance = "oppose"
since = "2002-01-01"
source = "test"

[[positions]]
party = "X"
issue = "q"
stance = "oppose"
since = "2003-03-01"
until = "2005-06-01"
source = "test"

[[events]]
id = "attack"
kind = "armed_attack"
date = "2004-06-01"
attacker = "X"
victim = "B"
issue = "w"
source = "test"
"#;

    fn day(text: &str) -> Date {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_moved_view_is_the_view_built_on_its_date() {
        let scenario = scenario(CHANGING);
        let schedule = Schedule::of(&scenario);
        // Each change date, a day between two of them, and dates before and after all.
        let dates = [
            "1999-06-01",
            "2000-01-01",
            "2001-06-01",
            "2001-09-15",
            "2002-01-01",
            "2002-06-01",
            "2002-09-01",
            "2003-01-01",
            "2003-03-01",
            "2003-06-01",
            "2004-01-01",
            "2004-06-01",
            "2005-01-01",
            "2005-06-01",
            "2007-01-01",
        ];
        // Forward one date at a time, then back, then in jumps across several changes.
        let jumps = [
            "2000-01-01",
            "2004-06-01",
            "2001-09-15",
            "2007-01-01",
            "1999-06-01",
        ];
        let order = dates
            .iter()
            .chain(dates.iter().rev())
            .chain(jumps.iter())
            .map(|it| day(it));
        let mut view = Snapshot::new(&scenario, day("2000-06-01"));
        for date in order {
            view.move_to(date, &schedule);
            let fresh = Snapshot::new(&scenario, date);
            assert_eq!(view.date, date);
            assert_eq!(differences(&view, &fresh), Vec::<&str>::new(), "on {date}");
        }
    }

    #[test]
    fn a_move_reports_the_groups_and_issues_that_changed() {
        let scenario = scenario(CHANGING);
        let schedule = Schedule::of(&scenario);
        let mut view = Snapshot::new(&scenario, day("2001-03-01"));
        // p1 comes into force on 2001-06-01: its two clauses gain A and B, and nothing else
        // changes: B joins ORG only in 2002, no position begins and no war.
        let moved = view.move_to(day("2001-09-01"), &schedule);
        let clauses: Vec<String> = moved
            .before
            .iter()
            .filter_map(|it| view.clause(it.clause))
            .map(|(instrument, clause)| format!("{} {}", instrument.id, clause.label))
            .collect();
        assert_eq!(clauses, ["p1 1", "p1 2"]);
        assert!(moved.before.iter().all(|it| !it.in_force));
        assert!(moved.issues.is_empty());
        // From 2003-01-01 to 2004-06-01: A's position on q ends and X attacks B, making the
        // war on w; X's position on q begins on 2003-03-01. So q and w changed.
        view.move_to(day("2003-01-01"), &schedule);
        let moved = view.move_to(day("2004-06-01"), &schedule);
        let issues: Vec<&str> = moved
            .issues
            .iter()
            .filter_map(|it| scenario.issues().get(*it as usize))
            .map(|it| it.id.as_str())
            .collect();
        let mut expected = vec!["q", "w"];
        expected.sort_by_key(|it| {
            scenario
                .issues()
                .iter()
                .position(|issue| issue.id.as_str() == *it)
        });
        assert_eq!(issues, expected);
    }
}
