//! File form → model: every semantic problem (unknown or duplicate ids, impossible dates, a
//! clause binding a non-party…) is recorded with its path, and lowering goes on, so that one
//! run reports them all. This is the only constructor of [`Scenario`].

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::str::FromStr;
use std::sync::Arc;

use super::err::Problem;
use super::suggest::{closest, closest_within};
use super::tree::Path;
use crate::model::{
    Action, ActionName, Clause, ClauseLabel, CustomAction, Date, Domain, Event, EventId, EventKind,
    Force, Form, Index, Instrument, InstrumentId, InstrumentKind, Interval, Issue, IssueId,
    Membership, Modality, Norm, Parties, Party, PartyId, PartyKind, Position, Reading, Relation,
    RelationKind, Saving, Scenario, Scope, Source, Stance, Territory, TerritoryId, War,
};
use crate::spec::{
    ActionFile, ClauseFile, EventFile, InstrumentFile, IssueFile, MembershipFile, PartyFile,
    PositionFile, ScenarioFile, SourceFile, TerritoryFile,
};

/// Lowers a decoded file, or returns every problem with its path.
pub(crate) fn lower(file: ScenarioFile) -> Result<Scenario, Vec<(Path, Problem)>> {
    lower_with(file, None).map_err(|(found, _)| found)
}

/// Lowers a decoded file, or returns its problems with their paths, keeping at most `limit`
/// of them, and whether there were more.
pub(crate) fn lower_with(
    file: ScenarioFile,
    limit: Option<usize>,
) -> Result<Scenario, (Vec<(Path, Problem)>, bool)> {
    // The instruments and positions, most of a world-sized file, are each let go once
    // lowered: the file form and the scenario are never held whole at once. (Letting each
    // entry go as soon as it is lowered holds less still, but scatters the scenario's
    // clauses among the holes the entries leave: a check then ran 30% slower.)
    let (head, instruments, positions) = split(file);
    lower_entries(head, instruments, positions, limit)
}

/// The file without its instruments and positions, and those two lists.
pub(crate) fn split(file: ScenarioFile) -> (ScenarioFile, Vec<InstrumentFile>, Vec<PositionFile>) {
    let ScenarioFile {
        title,
        description,
        parties,
        territories,
        actions,
        issues,
        instruments,
        positions,
        events,
    } = file;
    let head = ScenarioFile {
        title,
        description,
        parties,
        territories,
        actions,
        issues,
        events,
        ..ScenarioFile::default()
    };
    (head, instruments, positions)
}

/// The instruments of a scenario being lowered, read twice: first their ids and what each
/// is subject to, which must all be declared before any instrument is lowered (an
/// instrument may refer to one declared after it), then each instrument to lower it.
pub(crate) trait Instruments {
    /// Calls `each` with every instrument's id and `subject_to` list, in order.
    fn heads(&self, each: &mut dyn FnMut(&str, &[String]));
    /// Calls `each` with every instrument, in the same order, and lets them go.
    fn each(self, each: &mut dyn FnMut(&InstrumentFile));
}

/// Entries read once, in order, and let go.
pub(crate) trait Entries<T> {
    /// Calls `each` with every entry, in order.
    fn each(self, each: &mut dyn FnMut(&T));
}

/// A file form's list is read in place, and let go whole once read: entries let go one by
/// one leave holes the scenario's entries would fill, scattered.
impl<T> Entries<T> for Vec<T> {
    fn each(self, each: &mut dyn FnMut(&T)) {
        for it in &self {
            each(it);
        }
    }
}

impl Instruments for Vec<InstrumentFile> {
    fn heads(&self, each: &mut dyn FnMut(&str, &[String])) {
        for it in self {
            each(&it.id, &it.subject_to);
        }
    }

    fn each(self, each: &mut dyn FnMut(&InstrumentFile)) {
        Entries::each(self, each);
    }
}

/// Entries of a file form's list (`first`), then those `make` gives: a function making the
/// instruments each time they are read, or the positions, read once.
pub(crate) struct Made<T, F> {
    pub first: Vec<T>,
    pub make: F,
}

impl<F, I> Instruments for Made<InstrumentFile, F>
where
    F: Fn() -> I,
    I: IntoIterator<Item = InstrumentFile>,
{
    fn heads(&self, each: &mut dyn FnMut(&str, &[String])) {
        self.first.heads(each);
        for it in (self.make)() {
            each(&it.id, &it.subject_to);
        }
    }

    fn each(self, each: &mut dyn FnMut(&InstrumentFile)) {
        Entries::each(self.first, each);
        for it in (self.make)() {
            each(&it);
        }
    }
}

impl<P> Entries<PositionFile> for Made<PositionFile, P>
where
    P: IntoIterator<Item = PositionFile>,
{
    fn each(self, each: &mut dyn FnMut(&PositionFile)) {
        Entries::each(self.first, each);
        for it in self.make {
            each(&it);
        }
    }
}

/// Lowers `file` with the instruments and positions given apart from it (those in `file`
/// itself are not read), or returns the problems with their paths, at most `limit` of
/// them, and whether there were more.
pub(crate) fn lower_entries(
    file: ScenarioFile,
    instrument_files: impl Instruments,
    position_files: impl Entries<PositionFile>,
    limit: Option<usize>,
) -> Result<Scenario, (Vec<(Path, Problem)>, bool)> {
    let (mut lowering, subject) = Lowering::declare(&file, &instrument_files, limit);
    let cycles = cycles(&subject, |id| {
        lowering.declared.instruments.get(id).map(|it| it.at)
    });
    let root = Path::default();
    let parties = each(&file.parties, &root.key("parties"), |at, path| {
        lowering.party(at, path)
    });
    let territories = each(&file.territories, &root.key("territories"), |at, path| {
        lowering.territory(at, path)
    });
    let actions = each(&file.actions, &root.key("actions"), |at, path| {
        lowering.action(at, path)
    });
    let mut issues = each(&file.issues, &root.key("issues"), |at, path| {
        lowering.issue(at, path)
    });
    let (instruments, instruments_given) = lower_each(
        |each| instrument_files.each(each),
        subject.given,
        &root.key("instruments"),
        |at, path| lowering.instrument(at, path),
    );
    let (positions, positions_given) = lower_each(
        |each| position_files.each(each),
        0,
        &root.key("positions"),
        |at, path| lowering.position(at, path),
    );
    if instruments_given != subject.given {
        let problem = Problem::Inconsistent {
            message: format!(
                "the instruments were {} when their ids were read, {instruments_given} when \
                 they were lowered",
                subject.given
            ),
            help: "give the same instruments, in the same order, each time they are read"
                .to_owned(),
        };
        lowering.report(root.key("instruments"), problem);
    }
    for (path, problem) in cycles {
        lowering.report(path, problem);
    }
    let boundaries = boundaries(&parties);
    let mut events = Vec::new();
    for (at, event) in file.events.iter().enumerate() {
        let path = root.key("events").index(at);
        if let Some((event, war_issue)) = lowering.event(event, &path) {
            issues.extend(war_issue);
            lowering.check_membership_event(&boundaries, &event, path);
            events.push(event);
        }
    }
    let dropped = [
        ("parties", parties.len(), file.parties.len()),
        ("territories", territories.len(), file.territories.len()),
        ("actions", actions.len(), file.actions.len()),
        ("instruments", instruments.len(), instruments_given),
        ("positions", positions.len(), positions_given),
        ("events", events.len(), file.events.len()),
    ];
    if lowering.found.is_empty() {
        // INVARIANT: an entry is only left out with a problem reported; should a path ever
        // forget to report one, refuse the file rather than return a half-built scenario.
        for (list, kept, given) in dropped {
            if kept != given {
                let problem = Problem::Inconsistent {
                    message: format!("{} of the {given} {list} could not be loaded", given - kept),
                    help: "please report this file to the authors of allegiance".to_owned(),
                };
                lowering.report(root.key(list), problem);
            }
        }
    }
    if !lowering.found.is_empty() {
        return Err((lowering.found.list, lowering.found.more));
    }
    let mut scenario = Scenario {
        title: file.title,
        description: file.description,
        parties,
        territories,
        actions,
        issues,
        instruments,
        positions,
        events,
        index: Index::default(),
    };
    scenario.index = Index::build(&scenario);
    Ok(scenario)
}

/// Every membership, by organisation and member, for the events to be checked against.
type Boundaries<'p> = BTreeMap<(&'p PartyId, &'p PartyId), Vec<&'p Membership>>;

fn boundaries(parties: &[Party]) -> Boundaries<'_> {
    let mut boundaries: Boundaries<'_> = BTreeMap::new();
    for party in parties {
        if let PartyKind::Organisation { members } = &party.kind {
            for member in members {
                boundaries
                    .entry((&party.id, &member.party))
                    .or_default()
                    .push(member);
            }
        }
    }
    boundaries
}

/// How much work "did you mean" suggestions among declared ids may take in one file (about
/// a tenth of a second): enough for every suggestion of a hand-written file, and a bound on
/// a hostile one with many unknown ids among many declared ones.
const SUGGESTION_BUDGET: usize = 20_000_000;

fn each<T, U>(items: &[T], path: &Path, lower: impl FnMut(&T, Path) -> Option<U>) -> Vec<U> {
    let read = |each: &mut dyn FnMut(&T)| items.iter().for_each(each);
    lower_each(read, items.len(), path, lower).0
}

/// As [`each`], over entries read once (`read` calls its argument with each), with room
/// made for `expected` of them at first; and how many were read.
fn lower_each<T, U>(
    read: impl FnOnce(&mut dyn FnMut(&T)),
    expected: usize,
    path: &Path,
    mut lower: impl FnMut(&T, Path) -> Option<U>,
) -> (Vec<U>, usize) {
    let mut lowered = Vec::with_capacity(expected);
    let mut given = 0;
    read(&mut |item| {
        lowered.extend(lower(item, path.index(given)));
        given += 1;
    });
    (lowered, given)
}

/// The ids a file declares, by kind, with where each is declared. The scenario's entries and
/// the references to them take their ids from here, checked once.
#[derive(Default)]
struct Declared {
    /// By hash: a world-sized scenario refers to its parties millions of times. The "did you
    /// mean" search reads them sorted, as the other kinds.
    /// With their kinds, as written.
    parties: HashMap<PartyId, String>,
    territories: BTreeMap<TerritoryId, Site>,
    actions: BTreeMap<ActionName, Site>,
    issues: BTreeMap<IssueId, Site>,
    instruments: BTreeMap<InstrumentId, Site>,
    events: BTreeMap<EventId, Site>,
}

/// Where an id is declared: `list[at].field`. A path is made of it only when a problem
/// names it: held for each of a world's million instruments while they are lowered, when
/// loading is at its peak, paths took 50 MB.
#[derive(Clone, Copy)]
struct Site {
    list: &'static str,
    at: usize,
    field: &'static str,
}

impl Site {
    fn path(self) -> Path {
        Path::default()
            .key(self.list)
            .index(self.at)
            .key(self.field)
    }
}

/// The declared id whose text is `text`, checked when it was declared.
fn shared<K: Clone + Ord + Borrow<str>>(table: &BTreeMap<K, Site>, text: &str) -> Option<K> {
    table.get_key_value(text).map(|(id, _)| id.clone())
}

/// How many instruments were declared, and those subject to others, as (place, id, the
/// `subject_to` list): only they can be on a cycle of `subject_to`.
#[derive(Default)]
struct Subject {
    given: usize,
    instruments: Vec<(usize, String, Vec<String>)>,
}

/// The problems found, up to a limit; past it they are only noticed.
struct Found {
    list: Vec<(Path, Problem)>,
    limit: Option<usize>,
    more: bool,
}

impl Found {
    fn push(&mut self, found: (Path, Problem)) {
        if self.limit.is_some_and(|limit| self.list.len() >= limit) {
            self.more = true;
        } else {
            self.list.push(found);
        }
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty() && !self.more
    }
}

struct Lowering<'f> {
    declared: Declared,
    found: Found,
    /// The party each territory belongs to, by the territory's id (the first declared).
    owners: BTreeMap<&'f str, &'f str>,
    /// The memberships of each organisation, by its id and the member's, as written.
    members: BTreeMap<&'f str, BTreeMap<&'f str, Vec<&'f MembershipFile>>>,
    /// What is left of [`SUGGESTION_BUDGET`].
    budget: usize,
    /// Every source lowered so far, once each.
    sources: HashSet<Arc<Source>>,
    /// Every instrument's name and clause's text lowered so far, once each.
    texts: HashSet<Arc<str>>,
    /// Every clause label given so far, once each: a world's clauses share a few.
    labels: HashSet<ClauseLabel>,
}

/// Declares one id, reporting it if malformed or already declared.
fn declare<K: FromStr + Ord + Borrow<str>>(
    found: &mut Found,
    table: &mut BTreeMap<K, Site>,
    kind: &'static str,
    id: &str,
    site: Site,
) {
    if let Err(error) = crate::model::check_id(id) {
        found.push((site.path(), bad_id(id, &error)));
        return;
    }
    if let Some(first) = table.get(id) {
        let problem = Problem::DuplicateId {
            kind,
            id: id.to_owned(),
            first: first.path().to_string(),
        };
        found.push((site.path(), problem));
        return;
    }
    if let Ok(id) = K::from_str(id) {
        table.insert(id, site);
    }
}

fn bad_id(text: &str, error: &crate::model::IdError) -> Problem {
    Problem::BadId {
        text: text.escape_debug().to_string(),
        reason: error.to_string(),
    }
}

impl<'f> Lowering<'f> {
    /// The ids `file` and its `instruments` (taken out of it) declare, and what the
    /// instruments say they are subject to.
    fn declare(
        file: &'f ScenarioFile,
        instruments: &impl Instruments,
        limit: Option<usize>,
    ) -> (Self, Subject) {
        let mut found = Found {
            list: Vec::new(),
            limit,
            more: false,
        };
        let mut declared = Declared::default();
        let id = |list, at| Site {
            list,
            at,
            field: "id",
        };
        let mut parties: BTreeMap<PartyId, Site> = BTreeMap::new();
        for (at, party) in file.parties.iter().enumerate() {
            let before = parties.len();
            declare(
                &mut found,
                &mut parties,
                "party",
                &party.id,
                id("parties", at),
            );
            if let Some(id) = shared(&parties, &party.id).filter(|_| parties.len() > before) {
                declared.parties.insert(id, party.kind.clone());
            }
        }
        for (at, territory) in file.territories.iter().enumerate() {
            let table = &mut declared.territories;
            declare(
                &mut found,
                table,
                "territory",
                &territory.id,
                id("territories", at),
            );
        }
        for (at, action) in file.actions.iter().enumerate() {
            let table = &mut declared.actions;
            declare(&mut found, table, "action", &action.id, id("actions", at));
        }
        for (at, issue) in file.issues.iter().enumerate() {
            let table = &mut declared.issues;
            declare(&mut found, table, "issue", &issue.id, id("issues", at));
        }
        for (at, event) in file.events.iter().enumerate() {
            if let Some(issue) = &event.issue {
                let site = Site {
                    list: "events",
                    at,
                    field: "issue",
                };
                declare(&mut found, &mut declared.issues, "issue", issue, site);
            }
        }
        let mut subject = Subject::default();
        instruments.heads(&mut |text, subject_to| {
            let at = subject.given;
            let table = &mut declared.instruments;
            declare(&mut found, table, "instrument", text, id("instruments", at));
            if !subject_to.is_empty() {
                let entry = (at, text.to_owned(), subject_to.to_vec());
                subject.instruments.push(entry);
            }
            subject.given += 1;
        });
        for (at, event) in file.events.iter().enumerate() {
            let table = &mut declared.events;
            declare(&mut found, table, "event", &event.id, id("events", at));
        }
        let mut owners = BTreeMap::new();
        for territory in &file.territories {
            owners
                .entry(territory.id.as_str())
                .or_insert(territory.belongs_to.as_str());
        }
        let mut members: BTreeMap<&str, BTreeMap<&str, Vec<&MembershipFile>>> = BTreeMap::new();
        for party in file.parties.iter().filter(|it| !it.members.is_empty()) {
            let by_member = members.entry(party.id.as_str()).or_default();
            for member in &party.members {
                by_member
                    .entry(member.party.as_str())
                    .or_default()
                    .push(member);
            }
        }
        let lowering = Lowering {
            declared,
            found,
            owners,
            members,
            budget: SUGGESTION_BUDGET,
            sources: HashSet::new(),
            texts: HashSet::new(),
            labels: HashSet::new(),
        };
        (lowering, subject)
    }

    fn report(&mut self, path: Path, problem: Problem) {
        self.found.push((path, problem));
    }

    // ----- references -----

    fn party_ref(&mut self, text: &str, path: Path) -> Option<PartyId> {
        if let Some((id, _)) = self.declared.parties.get_key_value(text) {
            return Some(id.clone());
        }
        // Sorted, as the search spends its budget in order; not at all once it is spent.
        let mut candidates: Vec<&str> = Vec::new();
        if self.budget > 0 {
            candidates.extend(self.declared.parties.keys().map(PartyId::as_str));
            candidates.sort_unstable();
        }
        let suggestion = closest_within(text, candidates, &mut self.budget);
        let problem = unknown("party", text, suggestion);
        self.report(path, problem);
        None
    }

    fn organisation_ref(&mut self, text: &str, path: Path) -> Option<PartyId> {
        let id = self.party_ref(text, path.clone())?;
        let is_organisation = self
            .declared
            .parties
            .get(text)
            .is_some_and(|kind| kind == "organisation");
        if !is_organisation {
            let problem = Problem::WrongPartyKind {
                id: text.to_owned(),
                expected: "an organisation",
            };
            self.report(path, problem);
            return None;
        }
        Some(id)
    }

    fn party_refs(&mut self, texts: &[String], path: &Path) -> Option<Vec<PartyId>> {
        let mut ids = Vec::with_capacity(texts.len());
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut complete = true;
        for (at, text) in texts.iter().enumerate() {
            let path = path.index(at);
            if !seen.insert(text) {
                let problem = Problem::Inconsistent {
                    message: format!("`{text}` is listed twice"),
                    help: "list each party once".to_owned(),
                };
                self.report(path, problem);
                complete = false;
                continue;
            }
            match self.party_ref(text, path) {
                Some(id) => ids.push(id),
                None => complete = false,
            }
        }
        complete.then_some(ids)
    }

    fn id_ref<T: Clone + Ord + Borrow<str>>(
        &mut self,
        kind: &'static str,
        text: &str,
        path: Path,
        declared: fn(&Declared) -> &BTreeMap<T, Site>,
    ) -> Option<T> {
        let table = declared(&self.declared);
        if let Some(id) = shared(table, text) {
            return Some(id);
        }
        let candidates = table.keys().map(Borrow::borrow);
        let suggestion = closest_within(text, candidates, &mut self.budget);
        self.report(path, unknown(kind, text, suggestion));
        None
    }

    // ----- values -----

    fn date(&mut self, text: &str, path: Path) -> Option<Date> {
        match Date::from_str(text) {
            Ok(date) => Some(date),
            Err(error) => {
                let problem = Problem::BadDate {
                    text: text.escape_debug().to_string(),
                    reason: error.to_string(),
                };
                self.report(path, problem);
                None
            }
        }
    }

    fn opt_date(&mut self, text: Option<&String>, path: Path) -> Result<Option<Date>, ()> {
        match text {
            None => Ok(None),
            Some(text) => self.date(text, path).map(Some).ok_or(()),
        }
    }

    /// An interval from two optional dates, checked to hold at least one day.
    fn interval(
        &mut self,
        path: &Path,
        (start_field, start): (&'static str, Option<&String>),
        (end_field, end): (&'static str, Option<&String>),
    ) -> Option<Interval> {
        let start_date = self.opt_date(start, path.key(start_field));
        let end_date = self.opt_date(end, path.key(end_field));
        let interval = Interval::new(start_date.ok()?, end_date.ok()?);
        if !interval.is_nonempty() {
            let problem = Problem::ReversedDates {
                start_field,
                start: start.cloned().unwrap_or_default(),
                end_field,
                end: end.cloned().unwrap_or_default(),
            };
            self.report(path.key(end_field), problem);
            return None;
        }
        Some(interval)
    }

    fn word<T: Clone>(
        &mut self,
        what: &'static str,
        text: &str,
        path: Path,
        allowed: &[(&'static str, T)],
    ) -> Option<T> {
        if let Some((_, value)) = allowed.iter().find(|(name, _)| *name == text) {
            return Some(value.clone());
        }
        let names: Vec<&str> = allowed.iter().map(|(name, _)| *name).collect();
        let problem = Problem::UnknownValue {
            what,
            value: text.to_owned(),
            suggestion: closest(text, names.iter().copied()),
            allowed: names.iter().map(|it| (*it).to_owned()).collect(),
        };
        self.report(path, problem);
        None
    }

    fn text(&mut self, text: &str, field: &'static str, path: Path) -> Option<String> {
        if text.trim().is_empty() {
            self.report(
                path,
                Problem::Inconsistent {
                    message: format!("`{field}` is empty"),
                    help: format!("write the {field}"),
                },
            );
            return None;
        }
        Some(text.to_owned())
    }

    /// As [`Self::text`], shared with every entry of the same text: a world-sized scenario
    /// names thousands of treaties alike and quotes a model clause in each.
    fn shared_text(&mut self, text: &str, field: &'static str, path: Path) -> Option<Arc<str>> {
        if let Some(shared) = self.texts.get(text) {
            return Some(Arc::clone(shared));
        }
        let shared: Arc<str> = Arc::from(self.text(text, field, path)?);
        self.texts.insert(Arc::clone(&shared));
        Some(shared)
    }

    /// The clause label, shared with every clause labelled alike, as `shared_text` shares
    /// texts: a world's million clauses are labelled with a few.
    fn label(&mut self, text: &str, path: Path) -> Option<ClauseLabel> {
        if let Some(shared) = self.labels.get(text) {
            return Some(shared.clone());
        }
        match text.parse::<ClauseLabel>() {
            Ok(label) => {
                self.labels.insert(label.clone());
                Some(label)
            }
            Err(error) => {
                self.report(path, bad_id(text, &error));
                None
            }
        }
    }

    /// The source, shared with every entry citing the same one: a world-sized scenario
    /// cites a handful of sources millions of times.
    fn source(&mut self, source: &SourceFile, path: Path) -> Option<Arc<Source>> {
        let citation = self.text(&source.citation, "citation", path.key("citation"))?;
        let source = Source {
            citation,
            url: source.url.clone(),
            assumption: source.assumption.clone(),
        };
        if let Some(shared) = self.sources.get(&source) {
            return Some(Arc::clone(shared));
        }
        let shared = Arc::new(source);
        self.sources.insert(Arc::clone(&shared));
        Some(shared)
    }

    fn opt_source(
        &mut self,
        source: Option<&SourceFile>,
        path: Path,
    ) -> Result<Option<Arc<Source>>, ()> {
        match source {
            None => Ok(None),
            Some(source) => self.source(source, path).map(Some).ok_or(()),
        }
    }

    // ----- entries -----

    fn party(&mut self, party: &PartyFile, path: Path) -> Option<Party> {
        let id = self
            .declared
            .parties
            .get_key_value(party.id.as_str())
            .map(|(id, _)| id.clone());
        let exists = self.interval(
            &path,
            ("since", party.since.as_ref()),
            ("until", party.until.as_ref()),
        );
        let kind = self.word("party kind", &party.kind, path.key("kind"), PARTY_KINDS);
        let members = self.members(party, &path, exists, kind);
        let source = self.opt_source(party.source.as_ref(), path.key("source"));
        let name = self.text(&party.name, "name", path.key("name"));
        let kind = match kind? {
            Kind::State => PartyKind::State,
            Kind::Entity => PartyKind::Entity,
            Kind::Organisation => PartyKind::Organisation { members: members? },
        };
        Some(Party {
            id: id?,
            name: name?,
            kind,
            exists: exists?,
            source: source.ok()?,
        })
    }

    fn members(
        &mut self,
        party: &PartyFile,
        path: &Path,
        life: Option<Interval>,
        kind: Option<Kind>,
    ) -> Option<Vec<Membership>> {
        if kind != Some(Kind::Organisation) {
            if !party.members.is_empty() {
                let problem = Problem::NotApplicable {
                    field: "members",
                    context: format!("a party of kind `{}`", party.kind),
                };
                self.report(path.key("members"), problem);
            }
            return Some(Vec::new());
        }
        let mut members = Vec::with_capacity(party.members.len());
        let mut complete = true;
        for (at, member) in party.members.iter().enumerate() {
            let path = path.key("members").index(at);
            let id = self.party_ref(&member.party, path.key("party"));
            if member.party == party.id {
                let problem = Problem::Inconsistent {
                    message: format!("organisation `{}` lists itself as a member", party.id),
                    help: "remove this membership".to_owned(),
                };
                self.report(path.key("party"), problem);
                complete = false;
            }
            let during = self.interval(
                &path,
                ("since", member.since.as_ref()),
                ("until", member.until.as_ref()),
            );
            if let (Some(during), Some(life)) = (during, life)
                && !during.within(&life)
            {
                let problem = Problem::OutsideLife {
                    what: format!("the membership of `{}`", member.party),
                    inner: during.to_string(),
                    outer_what: format!("the life of `{}`", party.id),
                    outer: life.to_string(),
                };
                self.report(path.clone(), problem);
                complete = false;
            }
            let source = self.opt_source(member.source.as_ref(), path.key("source"));
            match (id, during, source) {
                (Some(party), Some(during), Ok(source)) => members.push(Membership {
                    party,
                    during,
                    source,
                }),
                _ => complete = false,
            }
        }
        complete.then_some(members)
    }

    fn territory(&mut self, territory: &TerritoryFile, path: Path) -> Option<Territory> {
        let id = shared(&self.declared.territories, &territory.id);
        let name = self.text(&territory.name, "name", path.key("name"));
        let belongs_to = self.party_ref(&territory.belongs_to, path.key("belongs_to"));
        let source = self.opt_source(territory.source.as_ref(), path.key("source"));
        Some(Territory {
            id: id?,
            name: name?,
            belongs_to: belongs_to?,
            source: source.ok()?,
        })
    }

    fn action(&mut self, action: &ActionFile, path: Path) -> Option<CustomAction> {
        if Action::built_in(&action.id).is_some() {
            let problem = Problem::Inconsistent {
                message: format!("`{}` is a built-in action", action.id),
                help: "give the user-defined action another name".to_owned(),
            };
            self.report(path.key("id"), problem);
            return None;
        }
        let name = shared(&self.declared.actions, &action.id);
        let description = self.text(&action.description, "description", path.key("description"));
        let mut incompatible_with = Vec::new();
        let mut complete = true;
        for (at, other) in action.incompatible_with.iter().enumerate() {
            match self.action_ref(other, path.key("incompatible_with").index(at)) {
                Some(other) => incompatible_with.push(other),
                None => complete = false,
            }
        }
        Some(CustomAction {
            name: name?,
            description: description?,
            incompatible_with: complete.then_some(incompatible_with)?,
        })
    }

    fn action_ref(&mut self, text: &str, path: Path) -> Option<Action> {
        if let Some(action) = Action::built_in(text) {
            return Some(action);
        }
        if let Some(name) = shared(&self.declared.actions, text) {
            return Some(Action::Custom(name));
        }
        let names: Vec<&str> = Action::BUILT_IN
            .iter()
            .map(|(name, _)| *name)
            .chain(self.declared.actions.keys().map(ActionName::as_str))
            .collect();
        let problem = Problem::UnknownValue {
            what: "action",
            value: text.to_owned(),
            suggestion: closest_within(text, names.iter().copied(), &mut self.budget),
            allowed: names.iter().map(|it| (*it).to_owned()).collect(),
        };
        self.report(path, problem);
        None
    }

    fn issue(&mut self, issue: &IssueFile, path: Path) -> Option<Issue> {
        let id = shared(&self.declared.issues, &issue.id);
        let title = self.text(&issue.title, "title", path.key("title"));
        let domain = self.word("domain", &issue.domain, path.key("domain"), &Domain::ALL);
        let source = self.opt_source(issue.source.as_ref(), path.key("source"));
        Some(Issue {
            id: id?,
            title: title?,
            domain: domain?,
            war: None,
            source: source.ok()?,
        })
    }

    fn instrument(&mut self, instrument: &InstrumentFile, path: Path) -> Option<Instrument> {
        let id = shared(&self.declared.instruments, &instrument.id);
        let name = self.shared_text(&instrument.name, "name", path.key("name"));
        let kind = self.word(
            "instrument kind",
            &instrument.kind,
            path.key("kind"),
            INSTRUMENT_KINDS,
        );
        let force = self.word("force", &instrument.force, path.key("force"), FORCES);
        let form = self.word("form", &instrument.form, path.key("form"), FORMS);
        let parties = self.instrument_parties(instrument, &path, form);
        let signed = self.opt_date(instrument.signed.as_ref(), path.key("signed"));
        let in_force = self.in_force(instrument, &path);
        let source = self.source(&instrument.source, path.key("source"));
        let relations = self.relations(instrument, &path);
        let savings = self.savings(instrument, &path);
        let clauses = self.clauses(instrument, &path, parties.as_ref(), in_force);
        Some(Instrument {
            id: id?,
            name: name?,
            kind: kind?,
            force: force?,
            form: form?,
            parties: parties?,
            signed: signed.ok()?,
            in_force: in_force?,
            source: source?,
            relations: relations?.into(),
            savings: savings?.into(),
            un_charter: instrument.un_charter,
            clauses: clauses?.into(),
        })
    }

    fn instrument_parties(
        &mut self,
        instrument: &InstrumentFile,
        path: &Path,
        form: Option<Form>,
    ) -> Option<Parties> {
        match (&instrument.members_of, instrument.parties.is_empty()) {
            (Some(_), false) => {
                let problem = Problem::Inconsistent {
                    message: "both `parties` and `members_of` are given".to_owned(),
                    help: "keep `parties` to list the parties, or `members_of` to name an organisation whose members they are".to_owned(),
                };
                self.report(path.key("members_of"), problem);
                None
            }
            (None, true) => {
                let problem = Problem::MissingField {
                    field: "parties",
                    example: "[\"AZE\", \"RUS\"]",
                };
                self.report(path.key("parties"), problem);
                None
            }
            (Some(organisation), true) => {
                if form == Some(Form::Bilateral) {
                    let problem = Problem::Inconsistent {
                        message: "a bilateral instrument cannot bind an organisation's members"
                            .to_owned(),
                        help: "write `form = \"multilateral\"`, or list the two parties".to_owned(),
                    };
                    self.report(path.key("form"), problem);
                }
                let organisation = self.organisation_ref(organisation, path.key("members_of"));
                organisation.map(Parties::MembersOf)
            }
            (None, false) => {
                let parties = self.party_refs(&instrument.parties, &path.key("parties"))?;
                if form == Some(Form::Bilateral) && instrument.parties.len() != 2 {
                    let problem = Problem::BilateralArity {
                        count: instrument.parties.len(),
                    };
                    self.report(path.key("parties"), problem);
                    return None;
                }
                Some(Parties::Listed(parties.into()))
            }
        }
    }

    /// Entry into force (the signature when absent) until termination.
    fn in_force(&mut self, instrument: &InstrumentFile, path: &Path) -> Option<Interval> {
        let (start_field, start) = match (&instrument.in_force, &instrument.signed) {
            (Some(in_force), _) => ("in_force", Some(in_force)),
            (None, Some(signed)) => {
                // A bad signature date is reported where `signed` is read; not twice.
                if Date::from_str(signed).is_err() {
                    return None;
                }
                ("signed", Some(signed))
            }
            (None, None) => {
                let problem = Problem::MissingField {
                    field: "in_force",
                    example: "\"2022-02-22\"",
                };
                self.report(path.key("in_force"), problem);
                return None;
            }
        };
        if let (Some(in_force), Some(signed)) = (&instrument.in_force, &instrument.signed) {
            let (Ok(in_force_date), Ok(signed_date)) =
                (Date::from_str(in_force), Date::from_str(signed))
            else {
                // The bad date is reported by `interval` or by the `signed` check.
                return self.interval(
                    path,
                    (start_field, start),
                    ("terminated", instrument.terminated.as_ref()),
                );
            };
            if in_force_date < signed_date {
                let problem = Problem::ReversedDates {
                    start_field: "signed",
                    start: signed.clone(),
                    end_field: "in_force",
                    end: in_force.clone(),
                };
                self.report(path.key("in_force"), problem);
                return None;
            }
        }
        self.interval(
            path,
            (start_field, start),
            ("terminated", instrument.terminated.as_ref()),
        )
    }

    fn relations(&mut self, instrument: &InstrumentFile, path: &Path) -> Option<Vec<Relation>> {
        let mut relations = Vec::new();
        let mut complete = true;
        let lists = [
            (
                "subject_to",
                RelationKind::SubjectTo,
                &instrument.subject_to,
            ),
            (
                "not_incompatible_with",
                RelationKind::NotIncompatibleWith,
                &instrument.not_incompatible_with,
            ),
        ];
        for (field, kind, others) in lists {
            for (at, other) in others.iter().enumerate() {
                let path = path.key(field).index(at);
                if *other == instrument.id {
                    let problem = Problem::Inconsistent {
                        message: format!("`{other}` refers to itself"),
                        help: "name another instrument".to_owned(),
                    };
                    self.report(path, problem);
                    complete = false;
                    continue;
                }
                match self.id_ref("instrument", other, path, |it| &it.instruments) {
                    Some(other) => relations.push(Relation { kind, other }),
                    None => complete = false,
                }
            }
        }
        complete.then_some(relations)
    }

    fn savings(&mut self, instrument: &InstrumentFile, path: &Path) -> Option<Vec<Saving>> {
        let mut savings = Vec::new();
        let mut complete = true;
        for (at, saving) in instrument.savings.iter().enumerate() {
            match self.word(
                "savings clause",
                saving,
                path.key("savings").index(at),
                SAVINGS,
            ) {
                Some(saving) => savings.push(saving),
                None => complete = false,
            }
        }
        complete.then_some(savings)
    }

    fn clauses(
        &mut self,
        instrument: &InstrumentFile,
        path: &Path,
        parties: Option<&Parties>,
        in_force: Option<Interval>,
    ) -> Option<Vec<Clause>> {
        let mut clauses = Vec::with_capacity(instrument.clauses.len());
        let mut labels: BTreeMap<&str, Path> = BTreeMap::new();
        let listed: BTreeSet<&PartyId> = match parties {
            Some(Parties::Listed(parties)) => parties.iter().collect(),
            Some(Parties::MembersOf(_)) | None => BTreeSet::new(),
        };
        let mut complete = true;
        for (at, clause) in instrument.clauses.iter().enumerate() {
            let path = path.key("clauses").index(at);
            if let Some(first) = labels.get(clause.label.as_str()) {
                let problem = Problem::DuplicateId {
                    kind: "clause",
                    id: clause.label.clone(),
                    first: first.to_string(),
                };
                self.report(path.key("label"), problem);
                complete = false;
            } else {
                labels.insert(&clause.label, path.key("label"));
            }
            let context = ClauseContext {
                instrument: &instrument.id,
                parties,
                listed: &listed,
                in_force,
            };
            match self.clause(clause, &path, &context) {
                Some(clause) => clauses.push(clause),
                None => complete = false,
            }
        }
        complete.then_some(clauses)
    }

    fn clause(
        &mut self,
        clause: &ClauseFile,
        path: &Path,
        context: &ClauseContext<'_>,
    ) -> Option<Clause> {
        let label = self.label(&clause.label, path.key("label"));
        let text = self.shared_text(&clause.text, "text", path.key("text"));
        let norm = self.norm(clause, path);
        let bound = self.clause_parties(clause.bound.as_deref(), &path.key("bound"), context);
        let beneficiaries =
            self.clause_parties(clause.toward.as_deref(), &path.key("toward"), context);
        let source = self.opt_source(clause.source.as_ref(), path.key("source"));
        Some(Clause {
            label: label?,
            text: text?,
            translation: clause.translation.as_deref().map(Box::from),
            norm: norm?,
            peremptory: clause.peremptory,
            bound: bound?.map(Vec::into_boxed_slice),
            beneficiaries: beneficiaries?.map(Vec::into_boxed_slice),
            source: source.ok()?,
        })
    }

    fn norm(&mut self, clause: &ClauseFile, path: &Path) -> Option<Norm> {
        let modality = self.word(
            "modality",
            &clause.modality,
            path.key("modality"),
            MODALITIES,
        );
        let action = self.action_ref(&clause.action, path.key("action"));
        let context = format!("action `{}`", clause.action);
        let applies = |field: &'static str, actions: &[Action]| (field, actions.to_vec());
        let checks = [
            (
                clause.reading.is_some(),
                applies("reading", &[Action::Align]),
            ),
            (
                !clause.adversaries.is_empty(),
                applies(
                    "adversaries",
                    &[Action::Defend, Action::Offense, Action::Neutrality],
                ),
            ),
            (
                clause.unless_provoked,
                applies("unless_provoked", &[Action::Defend]),
            ),
        ];
        let mut applicable = true;
        if let Some(action) = &action {
            for (given, (field, actions)) in checks {
                if given && !actions.contains(action) {
                    let problem = Problem::NotApplicable {
                        field,
                        context: context.clone(),
                    };
                    self.report(path.key(field), problem);
                    applicable = false;
                }
            }
        }
        let reading = match &clause.reading {
            None => Some(Reading::Strict),
            Some(reading) => self.word("reading", reading, path.key("reading"), READINGS),
        };
        let scope = self.scope(&clause.scope, &path.key("scope"));
        let adversaries = self.party_refs(&clause.adversaries, &path.key("adversaries"));
        Some(Norm {
            modality: modality?,
            action: applicable.then_some(action?)?,
            scope: scope?,
            reading: reading?,
            discretion: clause.discretion,
            adversaries: adversaries?.into(),
            unless_provoked: clause.unless_provoked,
        })
    }

    fn scope(&mut self, scope: &[String], path: &Path) -> Option<Scope> {
        if scope.is_empty() || scope == ["all"] {
            return Some(Scope::All);
        }
        let mut domains = Vec::with_capacity(scope.len());
        let mut complete = true;
        for (at, domain) in scope.iter().enumerate() {
            let path = path.index(at);
            if domain == "all" {
                let problem = Problem::Inconsistent {
                    message: "`all` is given with other domains".to_owned(),
                    help: "write `scope = [\"all\"]` alone, or list the domains".to_owned(),
                };
                self.report(path, problem);
                complete = false;
                continue;
            }
            match self.word("domain", domain, path, &Domain::ALL) {
                Some(domain) => domains.push(domain),
                None => complete = false,
            }
        }
        complete.then(|| Scope::Only(domains.into_iter().collect()))
    }

    /// The parties a clause names as bound or as beneficiaries, each checked to be a party to
    /// its instrument. `Some(None)` when it names none (every party).
    fn clause_parties(
        &mut self,
        named: Option<&[String]>,
        path: &Path,
        context: &ClauseContext<'_>,
    ) -> Option<Option<Vec<PartyId>>> {
        let Some(named) = named else {
            return Some(None);
        };
        let ids = self.party_refs(named, path)?;
        let mut complete = true;
        for (at, id) in ids.iter().enumerate() {
            if !self.is_ever_party(id, context) {
                let problem = Problem::NotAParty {
                    party: id.to_string(),
                    instrument: context.instrument.to_owned(),
                };
                self.report(path.index(at), problem);
                complete = false;
            }
        }
        complete.then_some(Some(ids))
    }

    /// Whether `id` is a party to the instrument at some time while it is in force.
    fn is_ever_party(&self, id: &PartyId, context: &ClauseContext<'_>) -> bool {
        match context.parties {
            // Unknown parties were reported already; do not add a second problem.
            None => true,
            Some(Parties::Listed(_)) => context.listed.contains(id),
            Some(Parties::MembersOf(organisation)) => self
                .members
                .get(organisation.as_str())
                .and_then(|it| it.get(id.as_str()))
                .is_some_and(|memberships| {
                    memberships
                        .iter()
                        .any(|member| overlaps(member, context.in_force))
                }),
        }
    }

    fn position(&mut self, position: &PositionFile, path: Path) -> Option<Position> {
        let party = self.party_ref(&position.party, path.key("party"));
        let issue = self.id_ref("issue", &position.issue, path.key("issue"), |it| &it.issues);
        let stance = self.word("stance", &position.stance, path.key("stance"), &Stance::ALL);
        let during = self.interval(
            &path,
            ("since", Some(&position.since)),
            ("until", position.until.as_ref()),
        );
        let source = self.source(&position.source, path.key("source"));
        Some(Position {
            party: party?,
            issue: issue?,
            stance: stance?,
            during: during?,
            source: source?,
        })
    }

    /// The event, and the war issue it makes if it is an armed attack.
    fn event(&mut self, event: &EventFile, path: &Path) -> Option<(Event, Option<Issue>)> {
        let id = shared(&self.declared.events, &event.id);
        let date = self.date(&event.date, path.key("date"));
        let source = self.source(&event.source, path.key("source"));
        let kind = self.word("event kind", &event.kind, path.key("kind"), EVENT_KINDS);
        let (kind, issue) = match kind? {
            Happened::ArmedAttack => {
                self.armed_attack(event, path, id.as_ref()?, source.as_ref())?
            }
            Happened::Recognition => (self.recognition(event, path)?, None),
            Happened::Accession | Happened::Withdrawal => {
                (self.membership_change(event, path)?, None)
            }
        };
        Some((
            Event {
                id: id?,
                date: date?,
                kind,
                source: source?,
            },
            issue,
        ))
    }

    /// Reports the fields given that an event of this kind does not have.
    fn only_fields(&mut self, event: &EventFile, path: &Path, allowed: &[&str]) -> bool {
        let given = [
            ("attacker", event.attacker.is_some()),
            ("victim", event.victim.is_some()),
            ("provoked", event.provoked.is_some()),
            ("issue", event.issue.is_some()),
            ("title", event.title.is_some()),
            ("domain", event.domain.is_some()),
            ("by", event.by.is_some()),
            ("territory", event.territory.is_some()),
            ("entity", event.entity.is_some()),
            ("party", event.party.is_some()),
            ("organisation", event.organisation.is_some()),
        ];
        let mut clean = true;
        for (field, is_given) in given {
            if is_given && !allowed.contains(&field) {
                let problem = Problem::NotApplicable {
                    field,
                    context: format!("an event of kind `{}`", event.kind),
                };
                self.report(path.key(field), problem);
                clean = false;
            }
        }
        clean
    }

    fn required<'e>(
        &mut self,
        value: Option<&'e String>,
        path: &Path,
        field: &'static str,
        example: &'static str,
    ) -> Option<&'e String> {
        if value.is_none() {
            self.report(path.key(field), Problem::MissingField { field, example });
        }
        value
    }

    fn armed_attack(
        &mut self,
        event: &EventFile,
        path: &Path,
        id: &EventId,
        source: Option<&Arc<Source>>,
    ) -> Option<(EventKind, Option<Issue>)> {
        const FIELDS: &[&str] = &["attacker", "victim", "provoked", "issue", "title", "domain"];
        let clean = self.only_fields(event, path, FIELDS);
        let attacker = self.required(event.attacker.as_ref(), path, "attacker", "\"RUS\"");
        let victim = self.required(event.victim.as_ref(), path, "victim", "\"UKR\"");
        let issue = self.required(
            event.issue.as_ref(),
            path,
            "issue",
            "\"invasion-of-ukraine\"",
        );
        let attacker = self.party_ref(attacker?, path.key("attacker"));
        let victim = self.party_ref(victim?, path.key("victim"));
        let (attacker, victim) = (attacker?, victim?);
        if attacker == victim {
            let problem = Problem::Inconsistent {
                message: format!("`{attacker}` attacks itself"),
                help: "name two different parties as attacker and victim".to_owned(),
            };
            self.report(path.key("victim"), problem);
            return None;
        }
        let domain = match &event.domain {
            None => Some(Domain::Security),
            Some(domain) => self.word("domain", domain, path.key("domain"), &Domain::ALL),
        };
        let issue_id = shared(&self.declared.issues, issue?)?;
        let title = event
            .title
            .clone()
            .unwrap_or_else(|| format!("{attacker}'s attack on {victim}"));
        let issue = Issue {
            id: issue_id.clone(),
            title,
            domain: domain?,
            war: Some(War {
                attacker: attacker.clone(),
                victim: victim.clone(),
                event: id.clone(),
            }),
            source: source.cloned(),
        };
        let kind = EventKind::ArmedAttack {
            attacker,
            victim,
            provoked: event.provoked,
            issue: issue_id,
        };
        clean.then_some((kind, Some(issue)))
    }

    fn recognition(&mut self, event: &EventFile, path: &Path) -> Option<EventKind> {
        let clean = self.only_fields(event, path, &["by", "territory", "entity"]);
        let by = self.required(event.by.as_ref(), path, "by", "\"RUS\"");
        let territory = self.required(event.territory.as_ref(), path, "territory", "\"Donetsk\"");
        let by = self.party_ref(by?, path.key("by"));
        let territory: Option<TerritoryId> =
            self.id_ref("territory", territory?, path.key("territory"), |it| {
                &it.territories
            });
        let entity = match &event.entity {
            None => Ok(None),
            Some(entity) => self
                .party_ref(entity, path.key("entity"))
                .map(Some)
                .ok_or(()),
        };
        let (by, territory) = (by?, territory?);
        let owner = self.owners.get(territory.as_str()).copied();
        if owner == Some(by.as_str()) {
            let problem = Problem::Inconsistent {
                message: format!(
                    "`{by}` recognises the independence of its own territory `{territory}`"
                ),
                help: "name the party that recognises, not the one the territory belongs to"
                    .to_owned(),
            };
            self.report(path.key("by"), problem);
            return None;
        }
        clean.then_some(EventKind::Recognition {
            by,
            territory,
            entity: entity.ok()?,
        })
    }

    fn membership_change(&mut self, event: &EventFile, path: &Path) -> Option<EventKind> {
        let clean = self.only_fields(event, path, &["party", "organisation"]);
        let party = self.required(event.party.as_ref(), path, "party", "\"ARM\"");
        let organisation = self.required(
            event.organisation.as_ref(),
            path,
            "organisation",
            "\"CSTO\"",
        );
        let party = self.party_ref(party?, path.key("party"));
        let organisation = self.organisation_ref(organisation?, path.key("organisation"));
        let (party, organisation) = (party?, organisation?);
        let kind = if event.kind == "accession" {
            EventKind::Accession {
                party,
                organisation,
            }
        } else {
            EventKind::Withdrawal {
                party,
                organisation,
            }
        };
        clean.then_some(kind)
    }

    /// An accession must open a membership on its date, a withdrawal close one: memberships
    /// are the record the model reads, and events must agree with them.
    fn check_membership_event(&mut self, boundaries: &Boundaries<'_>, event: &Event, path: Path) {
        let (party, organisation, joins) = match &event.kind {
            EventKind::Accession {
                party,
                organisation,
            } => (party, organisation, true),
            EventKind::Withdrawal {
                party,
                organisation,
            } => (party, organisation, false),
            EventKind::ArmedAttack { .. } | EventKind::Recognition { .. } => return,
        };
        let agrees = boundaries
            .get(&(organisation, party))
            .into_iter()
            .flatten()
            .any(|it| {
                let boundary = if joins {
                    it.during.start
                } else {
                    it.during.end
                };
                boundary == Some(event.date)
            });
        if !agrees {
            let (verb, field) = if joins {
                ("joins", "since")
            } else {
                ("leaves", "until")
            };
            let problem = Problem::Inconsistent {
                message: format!(
                    "`{party}` {verb} `{organisation}` on {}, but no membership says so",
                    event.date
                ),
                help: format!(
                    "give the membership of `{party}` in `{organisation}` `{field} = \"{}\"`",
                    event.date
                ),
            };
            self.report(path.key("date"), problem);
        }
    }
}

struct ClauseContext<'c> {
    instrument: &'c str,
    parties: Option<&'c Parties>,
    /// The listed parties, for look-ups: empty for the members of an organisation.
    listed: &'c BTreeSet<&'c PartyId>,
    in_force: Option<Interval>,
}

/// The strongly connected component of each node of a directed graph (Kosaraju's two
/// passes, each an explicit-stack depth-first search): a number per node, equal for nodes
/// that reach each other.
fn components(edges: &[Vec<(usize, usize)>]) -> Vec<usize> {
    let count = edges.len();
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (from, targets) in edges.iter().enumerate() {
        for &(to, _) in targets {
            if let Some(it) = reverse.get_mut(to) {
                it.push(from);
            }
        }
    }
    // First pass: nodes in the order their search finishes.
    let mut finished = Vec::with_capacity(count);
    let mut seen = vec![false; count];
    for root in 0..count {
        if seen.get(root).copied().unwrap_or(true) {
            continue;
        }
        if let Some(it) = seen.get_mut(root) {
            *it = true;
        }
        let mut stack = vec![(root, 0)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            match edges.get(node).and_then(|it| it.get(*next)) {
                Some(&(to, _)) => {
                    *next += 1;
                    if let Some(flag) = seen.get_mut(to)
                        && !*flag
                    {
                        *flag = true;
                        stack.push((to, 0));
                    }
                }
                None => {
                    finished.push(node);
                    stack.pop();
                }
            }
        }
    }
    // Second pass: on the reversed graph, latest finished first.
    let mut component = vec![usize::MAX; count];
    for &root in finished.iter().rev() {
        if component.get(root).is_none_or(|it| *it != usize::MAX) {
            continue;
        }
        let mut stack = vec![root];
        if let Some(it) = component.get_mut(root) {
            *it = root;
        }
        while let Some(node) = stack.pop() {
            for &from in reverse.get(node).into_iter().flatten() {
                if let Some(it) = component.get_mut(from)
                    && *it == usize::MAX
                {
                    *it = root;
                    stack.push(from);
                }
            }
        }
    }
    component
}

/// Each cycle of `subject_to` between instruments, as a problem: A subject to B subject to A
/// would have each yield to the other, and the law of treaties ranks neither. One
/// problem per strongly connected set of instruments, naming one shortest cycle through
/// its first declared instrument, placed at that instrument's `subject_to` entry that
/// starts the cycle. An instrument subject to itself is reported where the relation is
/// read; unknown instruments are reported there too.
///
/// # Complexity
///
/// `O((n + e) log N)` for the `n` instruments subject to another, their `e` entries of
/// `subject_to`, and `N` instruments in all, without recursion.
fn cycles(subject: &Subject, first: impl Fn(&str) -> Option<usize>) -> Vec<(Path, Problem)> {
    let mut found = Vec::new();
    let nodes = &subject.instruments;
    // Only an instrument subject to another can be on a cycle: the graph is theirs alone,
    // numbered in file order. The edges of each: (the instrument it is subject to, the
    // position of the entry in its list).
    let node = |at: usize| nodes.binary_search_by_key(&at, |it| it.0).ok();
    let edges: Vec<Vec<(usize, usize)>> = nodes
        .iter()
        .enumerate()
        .map(|(from, (_, _, subject_to))| {
            subject_to
                .iter()
                .enumerate()
                .filter_map(|(entry, other)| {
                    let to = node(first(other)?)?;
                    (to != from).then_some((to, entry))
                })
                .collect()
        })
        .collect();
    let component = components(&edges);
    let mut reported: BTreeSet<usize> = BTreeSet::new();
    for (start, &group) in component.iter().enumerate() {
        // The first declared instrument of each group with a cycle starts its report.
        if !reported.insert(group) {
            continue;
        }
        let Some((cycle, entry)) = shortest_cycle(&edges, &component, start) else {
            continue;
        };
        let ids = cycle
            .iter()
            .filter_map(|at| nodes.get(*at))
            .map(|it| it.1.clone())
            .collect();
        let Some((at, _, _)) = nodes.get(start) else {
            continue;
        };
        let path = Path::default()
            .key("instruments")
            .index(*at)
            .key("subject_to")
            .index(entry);
        found.push((path, Problem::Cycle { ids }));
    }
    found
}

/// A shortest cycle through `start` within its component (breadth first, edges in file
/// order), as the nodes from `start`, with the position of `start`'s entry that begins it;
/// `None` when `start` lies on no cycle.
fn shortest_cycle(
    edges: &[Vec<(usize, usize)>],
    component: &[usize],
    start: usize,
) -> Option<(Vec<usize>, usize)> {
    let group = component.get(start)?;
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &(to, _) in edges.get(node)? {
            if component.get(to) != Some(group) {
                continue;
            }
            if to == start {
                let mut cycle = vec![node];
                while let Some(&before) = cycle.last().and_then(|it| parent.get(it)) {
                    cycle.push(before);
                }
                cycle.reverse();
                let second = cycle.get(1).copied().unwrap_or(start);
                let entry = edges
                    .get(start)?
                    .iter()
                    .find(|(to, _)| *to == second)
                    .map(|(_, entry)| *entry)?;
                return Some((cycle, entry));
            }
            if to != start && !parent.contains_key(&to) {
                parent.insert(to, node);
                queue.push_back(to);
            }
        }
    }
    None
}

fn overlaps(member: &crate::spec::MembershipFile, in_force: Option<Interval>) -> bool {
    let (Ok(since), Ok(until)) = (
        member.since.as_deref().map(Date::from_str).transpose(),
        member.until.as_deref().map(Date::from_str).transpose(),
    ) else {
        // A bad date was reported already.
        return true;
    };
    let Some(in_force) = in_force else {
        return true;
    };
    let starts_before_end = match (since, in_force.end) {
        (Some(since), Some(end)) => since < end,
        _ => true,
    };
    let ends_after_start = match (until, in_force.start) {
        (Some(until), Some(start)) => start < until,
        _ => true,
    };
    starts_before_end && ends_after_start
}

fn unknown(kind: &'static str, id: &str, suggestion: Option<String>) -> Problem {
    Problem::UnknownId {
        kind,
        id: id.to_owned(),
        suggestion,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    State,
    Organisation,
    Entity,
}

#[derive(Clone, Copy)]
enum Happened {
    ArmedAttack,
    Recognition,
    Accession,
    Withdrawal,
}

const PARTY_KINDS: &[(&str, Kind)] = &[
    ("state", Kind::State),
    ("organisation", Kind::Organisation),
    ("entity", Kind::Entity),
];
const INSTRUMENT_KINDS: &[(&str, InstrumentKind)] = &[
    ("treaty", InstrumentKind::Treaty),
    ("declaration", InstrumentKind::Declaration),
    ("charter", InstrumentKind::Charter),
    ("memorandum", InstrumentKind::Memorandum),
    ("other", InstrumentKind::Other),
];
const FORCES: &[(&str, Force)] = &[("binding", Force::Binding), ("political", Force::Political)];
const FORMS: &[(&str, Form)] = &[
    ("bilateral", Form::Bilateral),
    ("multilateral", Form::Multilateral),
];
const SAVINGS: &[(&str, Saving)] = &[
    ("not_against_third_parties", Saving::NotAgainstThirdParties),
    (
        "respects_other_obligations",
        Saving::RespectsOtherObligations,
    ),
];
const MODALITIES: &[(&str, Modality)] = &[
    ("obligation", Modality::Obligation),
    ("prohibition", Modality::Prohibition),
    ("permission", Modality::Permission),
];
const READINGS: &[(&str, Reading)] = &[("strict", Reading::Strict), ("loose", Reading::Loose)];
const EVENT_KINDS: &[(&str, Happened)] = &[
    ("armed_attack", Happened::ArmedAttack),
    ("recognition", Happened::Recognition),
    ("accession", Happened::Accession),
    ("withdrawal", Happened::Withdrawal),
];

pub(crate) mod names {
    //! The words the file form uses for model values, for saving.
    use super::*;

    fn name_of<T: PartialEq>(table: &[(&'static str, T)], value: &T) -> &'static str {
        table
            .iter()
            .find(|(_, it)| it == value)
            .map_or("", |(name, _)| name)
    }

    pub(crate) fn instrument_kind(kind: InstrumentKind) -> &'static str {
        name_of(INSTRUMENT_KINDS, &kind)
    }
    pub(crate) fn force(force: Force) -> &'static str {
        name_of(FORCES, &force)
    }
    pub(crate) fn form(form: Form) -> &'static str {
        name_of(FORMS, &form)
    }
    pub(crate) fn saving(saving: Saving) -> &'static str {
        name_of(SAVINGS, &saving)
    }
    pub(crate) fn modality(modality: Modality) -> &'static str {
        name_of(MODALITIES, &modality)
    }
    pub(crate) fn reading(reading: Reading) -> &'static str {
        name_of(READINGS, &reading)
    }
}
