//! Property tests of loading and saving: random valid scenarios load, and survive a trip
//! through TOML, JSON and the file form unchanged; random and damaged text never makes the
//! loader panic, and every problem it reports is complete (code, help, place).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::BTreeSet;

use allegiance::LoadErrors;
use allegiance::load::{from_entries, from_file_form, from_json_str, from_toml_str};
use allegiance::save::{to_file_form, to_json_string, to_toml_string};
use allegiance::spec::{
    ActionFile, ClauseFile, EventFile, InstrumentFile, IssueFile, MembershipFile, PartyFile,
    PositionFile, ScenarioFile, SourceFile, TerritoryFile,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::FileFailurePersistence;

// ----- dates -----

/// Dates are generated as days since 1900-01-01, so that their order is the order of numbers,
/// and written `YYYY-MM-DD` at the end.
const FIRST_YEAR: u32 = 1900;
const LAST_YEAR: u32 = 2030;

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn month_lengths(year: u32) -> [u32; 12] {
    let february = if is_leap(year) { 29 } else { 28 };
    [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
}

fn year_length(year: u32) -> u32 {
    if is_leap(year) { 366 } else { 365 }
}

/// How many days 1900-01-01 ..= 2030-12-31 holds.
fn day_count() -> u32 {
    (FIRST_YEAR..=LAST_YEAR).map(year_length).sum()
}

/// The day number of a date.
fn day_of(year: u32, month: u32, day: u32) -> u32 {
    let years: u32 = (FIRST_YEAR..year).map(year_length).sum();
    let months: u32 = month_lengths(year).iter().take((month - 1) as usize).sum();
    years + months + day - 1
}

/// The date of a day number, `YYYY-MM-DD`.
fn date(mut days: u32) -> String {
    let mut year = FIRST_YEAR;
    while days >= year_length(year) {
        days -= year_length(year);
        year += 1;
    }
    let mut month = 1;
    for length in month_lengths(year) {
        if days < length {
            break;
        }
        days -= length;
        month += 1;
    }
    format!("{year:04}-{month:02}-{:02}", days + 1)
}

/// A day, with the first and last days and some leap days more often than chance.
fn day() -> impl Strategy<Value = u32> {
    let last = day_count() - 1;
    prop_oneof![
        8 => 0..=last,
        1 => Just(0),
        1 => Just(last),
        1 => prop::sample::select(vec![
            day_of(1900, 2, 28),
            day_of(1900, 3, 1),
            day_of(2000, 2, 29),
            day_of(2024, 2, 29),
            day_of(1999, 12, 31),
        ]),
    ]
}

/// Two optional days, put in order: when both are given the first is strictly earlier.
fn ordered(start: Option<u32>, end: Option<u32>) -> (Option<u32>, Option<u32>) {
    match (start, end) {
        (Some(a), Some(b)) if a < b => (Some(a), Some(b)),
        (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
        (Some(a), Some(_)) => (Some(a), None),
        other => other,
    }
}

// ----- texts and ids -----

/// Pieces that are awkward to write in TOML or JSON.
const TRICKY: &[&str] = &[
    "\"", "'", "\\", "\n", "\r\n", "\t", " ", "#", "=", "[[", "]]", "{", "}", ",", "\"\"\"", "'''",
    "\\\n", "\\u0041", "\\n", "${x}", "a", "Z", "Å", "ж", "中", "🇺🇦", "e\u{301}", "\u{a0}",
    "\u{2028}", "\u{feff}", "\u{200b}", "\u{7f}", "\u{0}", "\u{1b}", "\u{85}",
];

/// Any text, possibly empty: for the fields the loader takes as they are (`url`, `title`…).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "\\PC{0,24}",
        3 => vec(prop::sample::select(TRICKY), 0..12).prop_map(|pieces| pieces.concat()),
        1 => any::<String>(),
    ]
}

/// A text that is not empty after trimming, as names, titles, citations and clause texts
/// must be.
fn text() -> impl Strategy<Value = String> {
    any_text().prop_map(|text| {
        if text.trim().is_empty() {
            format!("{text}x")
        } else {
            text
        }
    })
}

/// A clause label: no control characters, no white space at either end.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,16}",
        vec(prop::sample::select(TRICKY), 1..6).prop_map(|pieces| pieces.concat()),
        (1..100u32).prop_map(|n| format!("art. {n}")),
    ]
    .prop_map(|label| {
        let label: String = label.chars().filter(|c| !c.is_control()).collect();
        let label = label.trim();
        if label.is_empty() {
            "§ 1".to_owned()
        } else {
            label.to_owned()
        }
    })
}

/// Ids: no white space, no control characters; non-ASCII, quotes, backslashes and
/// TOML-looking ones included. The pools overlap, as different kinds of ids may coincide.
const PARTY_IDS: &[&str] = &[
    "AZE",
    "TUR",
    "RUS",
    "ÅLA",
    "ТУР",
    "中国",
    "A\u{200b}B",
    "q\"uote",
    "back\\slash",
    "#x",
    "[[parties]]",
    "x.y",
    "🇺🇦",
    "\u{feff}BOM",
    "e\u{301}",
    "all",
];
const TERRITORY_IDS: &[&str] = &["Donetsk", "Nagorno-Karabakh", "ÅLA", "Ω", "t'1", "AZE"];
const ACTION_IDS: &[&str] = &["buy_s400", "Align", "ÅLA", "défendre", "a\"b", "no_harm2"];
const ISSUE_IDS: &[&str] = &[
    "es-11-1", "invasion", "ÅLA", "war\\1", "中", "x=1", "AZE", "issue#", "ū", "{}",
];
const INSTRUMENT_IDS: &[&str] = &[
    "moscow-2022",
    "shusha-2021",
    "ÅLA",
    "cst\"1992",
    "人",
    "RUS",
];
const EVENT_IDS: &[&str] = &["invasion-2022", "ÅLA", "rec-ΔΡ", "e\\1", "AZE"];

const BUILT_IN_ACTIONS: &[&str] = &[
    "align",
    "consult",
    "defend",
    "offense",
    "neutrality",
    "non_aggression",
    "no_harm",
    "respect_integrity",
    "no_hostile_alliance",
];
const DOMAINS: &[&str] = &["foreign_policy", "security", "economy", "culture"];
const INSTRUMENT_KINDS: &[&str] = &["treaty", "declaration", "charter", "memorandum", "other"];
const FORCES: &[&str] = &["binding", "political"];
const SAVINGS: &[&str] = &["not_against_third_parties", "respects_other_obligations"];
const MODALITIES: &[&str] = &["obligation", "prohibition", "permission"];
const READINGS: &[&str] = &["strict", "loose"];
const STANCES: &[&str] = &["support", "neutral", "oppose"];

/// A pool in a random order: the `n`th entry of a list takes the `n`th id, so ids are distinct.
fn shuffled(pool: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    Just(pool.iter().map(|it| (*it).to_owned()).collect::<Vec<_>>()).prop_shuffle()
}

fn pick<'a, T>(index: &Index, items: &'a [T]) -> Option<&'a T> {
    (!items.is_empty()).then(|| index.get(items))
}

fn name(index: &Index, names: &[&str]) -> String {
    pick(index, names).copied().unwrap_or_default().to_owned()
}

/// The distinct items the indexes pick, in the order first picked.
fn distinct(indexes: &[Index], items: &[String]) -> Vec<String> {
    let mut picked: Vec<String> = Vec::new();
    for index in indexes {
        if let Some(item) = pick(index, items)
            && !picked.contains(item)
        {
            picked.push(item.clone());
        }
    }
    picked
}

fn source() -> impl Strategy<Value = SourceFile> {
    (
        text(),
        prop::option::of(any_text()),
        prop::option::of(any_text()),
    )
        .prop_map(|(citation, url, assumption)| SourceFile {
            citation,
            url,
            assumption,
        })
}

// ----- raw choices, resolved against each other by `build` -----

#[derive(Debug, Clone)]
struct RawMember {
    who: Index,
    since: Option<u32>,
    until: Option<u32>,
    source: Option<SourceFile>,
}

#[derive(Debug, Clone)]
struct RawParty {
    name: String,
    kind: u8,
    since: Option<u32>,
    until: Option<u32>,
    members: Vec<RawMember>,
    source: Option<SourceFile>,
}

#[derive(Debug, Clone)]
struct RawTerritory {
    name: String,
    belongs_to: Index,
    source: Option<SourceFile>,
}

#[derive(Debug, Clone)]
struct RawAction {
    description: String,
    /// `(custom, which)`: a built-in action, or one of the custom actions declared earlier.
    incompatible_with: Vec<(bool, Index)>,
}

#[derive(Debug, Clone)]
struct RawIssue {
    title: String,
    domain: Index,
    source: Option<SourceFile>,
}

#[derive(Debug, Clone)]
struct RawClause {
    label: String,
    text: String,
    translation: Option<String>,
    modality: Index,
    action: (bool, Index),
    reading: Option<Index>,
    scope: (u8, Vec<Index>),
    bound: Option<Vec<Index>>,
    toward: Option<Vec<Index>>,
    discretion: bool,
    adversaries: Vec<Index>,
    unless_provoked: bool,
    peremptory: bool,
    source: Option<SourceFile>,
}

#[derive(Debug, Clone)]
struct RawInstrument {
    name: String,
    kind: Index,
    force: Index,
    /// 0 bilateral, 1 multilateral with listed parties, 2 multilateral `members_of`.
    form: u8,
    parties: Vec<Index>,
    organisation: Index,
    /// 0 signed only, 1 in force only, 2 both.
    dates: (u8, u32, u32),
    terminated_after: Option<u32>,
    source: SourceFile,
    subject_to: Vec<Index>,
    not_incompatible_with: Vec<Index>,
    savings: Vec<Index>,
    un_charter: bool,
    clauses: Vec<RawClause>,
}

#[derive(Debug, Clone)]
struct RawPosition {
    party: Index,
    issue: Index,
    stance: Index,
    since: u32,
    until: Option<u32>,
    source: SourceFile,
}

#[derive(Debug, Clone)]
struct RawEvent {
    /// 0 armed attack, 1 recognition, 2 accession, 3 withdrawal.
    kind: u8,
    date: u32,
    first: Index,
    second: Index,
    provoked: Option<bool>,
    title: Option<String>,
    domain: Option<Index>,
    entity: Option<Index>,
    source: SourceFile,
}

#[derive(Debug, Clone)]
struct Raw {
    title: Option<String>,
    description: Option<String>,
    ids: Ids,
    parties: Vec<RawParty>,
    territories: Vec<RawTerritory>,
    actions: Vec<RawAction>,
    issues: Vec<RawIssue>,
    instruments: Vec<RawInstrument>,
    positions: Vec<RawPosition>,
    events: Vec<RawEvent>,
}

#[derive(Debug, Clone)]
struct Ids {
    parties: Vec<String>,
    territories: Vec<String>,
    actions: Vec<String>,
    issues: Vec<String>,
    instruments: Vec<String>,
    events: Vec<String>,
}

prop_compose! {
    fn raw_member()(
        who in any::<Index>(),
        since in prop::option::of(day()),
        until in prop::option::of(day()),
        source in prop::option::of(source()),
    ) -> RawMember {
        RawMember { who, since, until, source }
    }
}

prop_compose! {
    fn raw_party()(
        name in text(),
        kind in 0..3u8,
        since in prop::option::of(day()),
        until in prop::option::of(day()),
        members in vec(raw_member(), 0..4),
        source in prop::option::of(source()),
    ) -> RawParty {
        RawParty { name, kind, since, until, members, source }
    }
}

prop_compose! {
    fn raw_territory()(
        name in text(),
        belongs_to in any::<Index>(),
        source in prop::option::of(source()),
    ) -> RawTerritory {
        RawTerritory { name, belongs_to, source }
    }
}

prop_compose! {
    fn raw_action()(
        description in text(),
        incompatible_with in vec((any::<bool>(), any::<Index>()), 0..3),
    ) -> RawAction {
        RawAction { description, incompatible_with }
    }
}

prop_compose! {
    fn raw_issue()(
        title in text(),
        domain in any::<Index>(),
        source in prop::option::of(source()),
    ) -> RawIssue {
        RawIssue { title, domain, source }
    }
}

prop_compose! {
    fn raw_clause()(
        (label, text, translation) in (label(), text(), prop::option::of(any_text())),
        (modality, action, reading) in (
            any::<Index>(),
            (any::<bool>(), any::<Index>()),
            prop::option::of(any::<Index>()),
        ),
        scope in (0..3u8, vec(any::<Index>(), 1..5)),
        bound in prop::option::of(vec(any::<Index>(), 0..4)),
        toward in prop::option::of(vec(any::<Index>(), 0..4)),
        (discretion, unless_provoked, peremptory) in (any::<bool>(), any::<bool>(), any::<bool>()),
        adversaries in vec(any::<Index>(), 0..3),
        source in prop::option::of(source()),
    ) -> RawClause {
        RawClause {
            label, text, translation, modality, action, reading, scope, bound, toward,
            discretion, adversaries, unless_provoked, peremptory, source,
        }
    }
}

prop_compose! {
    fn raw_instrument()(
        (name, kind, force, form) in (text(), any::<Index>(), any::<Index>(), 0..3u8),
        (parties, organisation) in (vec(any::<Index>(), 1..5), any::<Index>()),
        dates in (0..3u8, day(), day()),
        terminated_after in prop::option::of(prop_oneof![Just(1u32), 1..20_000u32]),
        source in source(),
        subject_to in vec(any::<Index>(), 0..3),
        not_incompatible_with in vec(any::<Index>(), 0..3),
        (savings, un_charter) in (vec(any::<Index>(), 0..3), any::<bool>()),
        clauses in vec(raw_clause(), 0..4),
    ) -> RawInstrument {
        RawInstrument {
            name, kind, force, form, parties, organisation, dates, terminated_after, source,
            subject_to, not_incompatible_with, savings, un_charter, clauses,
        }
    }
}

prop_compose! {
    fn raw_position()(
        (party, issue, stance) in (any::<Index>(), any::<Index>(), any::<Index>()),
        since in day(),
        until in prop::option::of(day()),
        source in source(),
    ) -> RawPosition {
        RawPosition { party, issue, stance, since, until, source }
    }
}

prop_compose! {
    fn raw_event()(
        (kind, date) in (0..4u8, day()),
        (first, second) in (any::<Index>(), any::<Index>()),
        provoked in prop::option::of(any::<bool>()),
        title in prop::option::of(text()),
        domain in prop::option::of(any::<Index>()),
        entity in prop::option::of(any::<Index>()),
        source in source(),
    ) -> RawEvent {
        RawEvent { kind, date, first, second, provoked, title, domain, entity, source }
    }
}

prop_compose! {
    fn ids()(
        parties in shuffled(PARTY_IDS),
        territories in shuffled(TERRITORY_IDS),
        actions in shuffled(ACTION_IDS),
        issues in shuffled(ISSUE_IDS),
        instruments in shuffled(INSTRUMENT_IDS),
        events in shuffled(EVENT_IDS),
    ) -> Ids {
        Ids { parties, territories, actions, issues, instruments, events }
    }
}

prop_compose! {
    fn raw()(
        (title, description) in (prop::option::of(any_text()), prop::option::of(any_text())),
        ids in ids(),
        parties in vec(raw_party(), 1..=6),
        territories in vec(raw_territory(), 0..=3),
        actions in vec(raw_action(), 0..=2),
        issues in vec(raw_issue(), 0..=3),
        instruments in vec(raw_instrument(), 0..=4),
        positions in vec(raw_position(), 0..=4),
        events in vec(raw_event(), 0..=4),
    ) -> Raw {
        Raw {
            title, description, ids, parties, territories, actions, issues, instruments,
            positions, events,
        }
    }
}

// ----- building a valid file form from the raw choices -----

/// A membership's days, fitted into the life of its organisation and kept non-empty.
fn fit_membership(
    life: (Option<u32>, Option<u32>),
    since: Option<u32>,
    until: Option<u32>,
) -> (Option<u32>, Option<u32>) {
    let (life_start, life_end) = life;
    let clamp = |day: u32| {
        let day = life_start.map_or(day, |start| day.max(start));
        life_end.map_or(day, |end| day.min(end))
    };
    let since = since.map(clamp).or(life_start);
    let until = until.map(clamp).or(life_end);
    match (since, until) {
        (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
        (Some(a), Some(b)) if a == b => {
            // Both lie within the life, which holds at least two days.
            let last = day_count() - 1;
            if a < life_end.unwrap_or(last) {
                (Some(a), Some(a + 1))
            } else if a > 0 && life_start.is_none_or(|start| start < a) {
                (Some(a - 1), Some(a))
            } else if life_end.is_none() {
                (Some(a), None)
            } else {
                (None, Some(a))
            }
        }
        other => other,
    }
}

/// A membership as the builder keeps it, to pick members and events from.
#[derive(Clone)]
struct Member {
    party: String,
    organisation: String,
    since: Option<u32>,
    until: Option<u32>,
}

fn build(raw: &Raw) -> ScenarioFile {
    let ids = &raw.ids;
    let party_ids: Vec<String> = ids
        .parties
        .iter()
        .take(raw.parties.len())
        .cloned()
        .collect();

    // Parties, and the memberships of organisations.
    let mut parties = Vec::new();
    let mut members: Vec<Member> = Vec::new();
    let mut organisations = Vec::new();
    for (raw_party, id) in raw.parties.iter().zip(&party_ids) {
        let (since, until) = ordered(raw_party.since, raw_party.until);
        let kind = ["state", "entity", "organisation"][usize::from(raw_party.kind % 3)];
        let mut file_members = Vec::new();
        if kind == "organisation" {
            organisations.push(id.clone());
            let others: Vec<String> = party_ids.iter().filter(|it| *it != id).cloned().collect();
            for raw_member in &raw_party.members {
                let Some(who) = pick(&raw_member.who, &others) else {
                    continue;
                };
                if file_members
                    .iter()
                    .any(|it: &MembershipFile| &it.party == who)
                {
                    continue;
                }
                let (member_since, member_until) =
                    fit_membership((since, until), raw_member.since, raw_member.until);
                members.push(Member {
                    party: who.clone(),
                    organisation: id.clone(),
                    since: member_since,
                    until: member_until,
                });
                file_members.push(MembershipFile {
                    party: who.clone(),
                    since: member_since.map(date),
                    until: member_until.map(date),
                    source: raw_member.source.clone(),
                });
            }
        }
        parties.push(PartyFile {
            id: id.clone(),
            name: raw_party.name.clone(),
            kind: kind.to_owned(),
            since: since.map(date),
            until: until.map(date),
            members: file_members,
            source: raw_party.source.clone(),
        });
    }

    let territories: Vec<TerritoryFile> = raw
        .territories
        .iter()
        .zip(&ids.territories)
        .map(|(territory, id)| TerritoryFile {
            id: id.clone(),
            name: territory.name.clone(),
            belongs_to: pick(&territory.belongs_to, &party_ids)
                .cloned()
                .unwrap_or_default(),
            source: territory.source.clone(),
        })
        .collect();

    let mut actions: Vec<ActionFile> = Vec::new();
    for (action, id) in raw.actions.iter().zip(&ids.actions) {
        let earlier: Vec<String> = actions.iter().map(|it| it.id.clone()).collect();
        let incompatible_with = action
            .incompatible_with
            .iter()
            .map(|(custom, which)| match pick(which, &earlier) {
                Some(other) if *custom => other.clone(),
                _ => name(which, BUILT_IN_ACTIONS),
            })
            .collect();
        actions.push(ActionFile {
            id: id.clone(),
            description: action.description.clone(),
            incompatible_with,
        });
    }
    let custom_actions: Vec<String> = actions.iter().map(|it| it.id.clone()).collect();

    let issues: Vec<IssueFile> = raw
        .issues
        .iter()
        .zip(&ids.issues)
        .map(|(issue, id)| IssueFile {
            id: id.clone(),
            title: issue.title.clone(),
            domain: name(&issue.domain, DOMAINS),
            source: issue.source.clone(),
        })
        .collect();

    let instrument_ids: Vec<String> = ids
        .instruments
        .iter()
        .take(raw.instruments.len())
        .cloned()
        .collect();
    let instruments = raw
        .instruments
        .iter()
        .zip(&instrument_ids)
        .map(|(instrument, id)| {
            build_instrument(
                instrument,
                id,
                &instrument_ids,
                &party_ids,
                &organisations,
                &members,
                &custom_actions,
            )
        })
        .collect();

    // Events before positions, as positions may be taken on the war issues events make.
    let mut war_issues = ids.issues.iter().skip(issues.len());
    let mut events = Vec::new();
    for (event, id) in raw.events.iter().zip(&ids.events) {
        let mut file = EventFile {
            id: id.clone(),
            date: date(event.date),
            source: event.source.clone(),
            ..EventFile::default()
        };
        match event.kind {
            0 => {
                let Some(attacker) = pick(&event.first, &party_ids) else {
                    continue;
                };
                let others: Vec<String> = party_ids
                    .iter()
                    .filter(|it| *it != attacker)
                    .cloned()
                    .collect();
                let Some(victim) = pick(&event.second, &others) else {
                    continue;
                };
                let Some(issue) = war_issues.next() else {
                    continue;
                };
                file.kind = "armed_attack".to_owned();
                file.attacker = Some(attacker.clone());
                file.victim = Some(victim.clone());
                file.provoked = event.provoked;
                file.issue = Some(issue.clone());
                file.title = event.title.clone();
                file.domain = event.domain.as_ref().map(|it| name(it, DOMAINS));
            }
            1 => {
                let Some(territory) = pick(&event.first, &territories) else {
                    continue;
                };
                let others: Vec<String> = party_ids
                    .iter()
                    .filter(|it| **it != territory.belongs_to)
                    .cloned()
                    .collect();
                let Some(by) = pick(&event.second, &others) else {
                    continue;
                };
                file.kind = "recognition".to_owned();
                file.by = Some(by.clone());
                file.territory = Some(territory.id.clone());
                file.entity = event
                    .entity
                    .as_ref()
                    .and_then(|it| pick(it, &party_ids))
                    .cloned();
            }
            kind => {
                // An accession on the day a membership begins, a withdrawal on the day one
                // ends.
                let joins = kind == 2;
                let changes: Vec<(&Member, u32)> = members
                    .iter()
                    .filter_map(|it| Some((it, if joins { it.since } else { it.until }?)))
                    .collect();
                let Some((member, day)) = pick(&event.first, &changes) else {
                    continue;
                };
                file.kind = if joins { "accession" } else { "withdrawal" }.to_owned();
                file.date = date(*day);
                file.party = Some(member.party.clone());
                file.organisation = Some(member.organisation.clone());
            }
        }
        events.push(file);
    }

    let issue_ids: Vec<String> = issues
        .iter()
        .map(|it| it.id.clone())
        .chain(events.iter().filter_map(|it| it.issue.clone()))
        .collect();
    let positions = raw
        .positions
        .iter()
        .filter_map(|position| {
            let (since, until) = ordered(Some(position.since), position.until);
            Some(PositionFile {
                party: pick(&position.party, &party_ids)?.clone(),
                issue: pick(&position.issue, &issue_ids)?.clone(),
                stance: name(&position.stance, STANCES),
                since: date(since?),
                until: until.map(date),
                source: position.source.clone(),
            })
        })
        .collect();

    ScenarioFile {
        title: raw.title.clone(),
        description: raw.description.clone(),
        parties,
        territories,
        actions,
        issues,
        instruments,
        positions,
        events,
    }
}

fn build_instrument(
    raw: &RawInstrument,
    id: &str,
    instrument_ids: &[String],
    party_ids: &[String],
    organisations: &[String],
    members: &[Member],
    custom_actions: &[String],
) -> InstrumentFile {
    // Dates: signature no later than entry into force, termination strictly after it.
    let (mode, a, b) = raw.dates;
    let (signed, in_force) = (a.min(b), a.max(b));
    let (signed, in_force) = match mode {
        0 => (Some(signed), None),
        1 => (None, Some(in_force)),
        _ => (Some(signed), Some(in_force)),
    };
    let start = in_force.or(signed).unwrap_or_default();
    let last = day_count() - 1;
    let terminated = raw
        .terminated_after
        .filter(|_| start < last)
        .map(|after| (start + after).min(last));

    // Parties: two listed, several listed, or an organisation's members.
    let organisation = pick(&raw.organisation, organisations);
    let mut form = raw.form;
    if form == 2 && organisation.is_none() {
        form = 1;
    }
    if form == 0 && party_ids.len() < 2 {
        form = 1;
    }
    let (form_name, parties, members_of) = match (form, organisation) {
        (2, Some(organisation)) => ("multilateral", Vec::new(), Some(organisation.clone())),
        (0, _) => {
            let first = pick(&raw.parties[0], party_ids)
                .cloned()
                .unwrap_or_default();
            let others: Vec<String> = party_ids
                .iter()
                .filter(|it| **it != first)
                .cloned()
                .collect();
            let second = pick(raw.parties.get(1).unwrap_or(&raw.parties[0]), &others)
                .cloned()
                .unwrap_or_default();
            ("bilateral", vec![first, second], None)
        }
        _ => ("multilateral", distinct(&raw.parties, party_ids), None),
    };

    // Who a clause may name: the listed parties, or the members while it is in force.
    let eligible: Vec<String> = match &members_of {
        None => parties.clone(),
        Some(organisation) => members
            .iter()
            .filter(|it| &it.organisation == organisation)
            .filter(|it| match (it.since, terminated) {
                (Some(since), Some(end)) => since < end,
                _ => true,
            })
            .filter(|it| it.until.is_none_or(|until| start < until))
            .map(|it| it.party.clone())
            .collect(),
    };

    let others: Vec<String> = instrument_ids
        .iter()
        .filter(|it| *it != id)
        .cloned()
        .collect();
    // `subject_to` only names instruments declared earlier, as a cycle of `subject_to` is
    // refused (`allegiance::load::cycle`, tested in tests/hostile.rs).
    let earlier: Vec<String> = instrument_ids
        .iter()
        .take_while(|it| *it != id)
        .cloned()
        .collect();
    let related = |indexes: &[Index], among: &[String]| -> Vec<String> {
        indexes
            .iter()
            .filter_map(|it| pick(it, among).cloned())
            .collect()
    };

    let mut labels = BTreeSet::new();
    let clauses = raw
        .clauses
        .iter()
        .map(|clause| {
            let mut label = clause.label.clone();
            let mut suffix = 2;
            while labels.contains(&label) {
                label = format!("{} {suffix}", clause.label);
                suffix += 1;
            }
            labels.insert(label.clone());
            build_clause(clause, label, &eligible, party_ids, custom_actions)
        })
        .collect();

    InstrumentFile {
        id: id.to_owned(),
        name: raw.name.clone(),
        kind: name(&raw.kind, INSTRUMENT_KINDS),
        force: name(&raw.force, FORCES),
        form: form_name.to_owned(),
        parties,
        members_of,
        signed: signed.map(date),
        in_force: in_force.map(date),
        terminated: terminated.map(date),
        source: raw.source.clone(),
        subject_to: related(&raw.subject_to, &earlier),
        not_incompatible_with: related(&raw.not_incompatible_with, &others),
        savings: raw.savings.iter().map(|it| name(it, SAVINGS)).collect(),
        un_charter: raw.un_charter,
        clauses,
    }
}

fn build_clause(
    raw: &RawClause,
    label: String,
    eligible: &[String],
    party_ids: &[String],
    custom_actions: &[String],
) -> ClauseFile {
    let (custom, which) = &raw.action;
    let action = match pick(which, custom_actions) {
        Some(custom_action) if *custom => custom_action.clone(),
        _ => name(which, BUILT_IN_ACTIONS),
    };
    let scope = match raw.scope.0 {
        0 => Vec::new(),
        1 => vec!["all".to_owned()],
        _ => {
            let domains: Vec<String> = DOMAINS.iter().map(|it| (*it).to_owned()).collect();
            distinct(&raw.scope.1, &domains)
        }
    };
    let has_adversaries = ["defend", "offense", "neutrality"].contains(&action.as_str());
    ClauseFile {
        label,
        text: raw.text.clone(),
        translation: raw.translation.clone(),
        modality: name(&raw.modality, MODALITIES),
        reading: raw
            .reading
            .as_ref()
            .filter(|_| action == "align")
            .map(|it| name(it, READINGS)),
        scope,
        bound: raw.bound.as_ref().map(|it| distinct(it, eligible)),
        toward: raw.toward.as_ref().map(|it| distinct(it, eligible)),
        discretion: raw.discretion,
        adversaries: if has_adversaries {
            distinct(&raw.adversaries, party_ids)
        } else {
            Vec::new()
        },
        unless_provoked: raw.unless_provoked && action == "defend",
        peremptory: raw.peremptory,
        source: raw.source.clone(),
        action,
    }
}

/// Random valid scenarios, in their file form.
fn scenario_file() -> impl Strategy<Value = ScenarioFile> {
    raw().prop_map(|raw| build(&raw))
}

// ----- checks on errors -----

/// Every error has a code of the crate, a help, and a path; the whole renders.
fn check_errors(errors: &LoadErrors, text: Option<&str>) -> Result<(), TestCaseError> {
    prop_assert!(!errors.errors().is_empty());
    prop_assert!(!errors.is_empty());
    prop_assert_eq!(errors.len(), errors.errors().len());
    for error in errors.errors() {
        prop_assert!(
            error.code().starts_with("allegiance::load::"),
            "code {:?}",
            error.code()
        );
        prop_assert!(!error.help().trim().is_empty(), "no help for {}", error);
        // Even an empty key has a path: keys that are not plain words are quoted (`""`).
        prop_assert!(!error.location().path.is_empty(), "no path for {}", error);
        if let Some(text) = text {
            let location = error.location();
            let (Some(line), Some(column)) = (location.line, location.column) else {
                return Err(TestCaseError::fail(format!(
                    "no line and column for {error}"
                )));
            };
            let lines = text.matches('\n').count() + 1;
            prop_assert!(
                (1..=lines).contains(&line),
                "line {} of {} for {}",
                line,
                lines,
                error
            );
            let width = text
                .split('\n')
                .nth(line - 1)
                .map_or(0, |it| it.chars().count());
            prop_assert!(
                (1..=width + 1).contains(&column),
                "column {} of {} for {}",
                column,
                width,
                error
            );
        }
    }
    // Rendering with snippets must not panic either.
    let rendered = errors.to_string();
    prop_assert!(rendered.contains("error["));
    Ok(())
}

fn check_result<T>(
    result: &Result<T, LoadErrors>,
    text: Option<&str>,
) -> Result<(), TestCaseError> {
    match result {
        Ok(_) => Ok(()),
        Err(errors) => check_errors(errors, text),
    }
}

// ----- structurally plausible TOML -----

const FIELD_NAMES: &[&str] = &[
    "title",
    "description",
    "parties",
    "territories",
    "actions",
    "issues",
    "instruments",
    "positions",
    "events",
    "id",
    "name",
    "kind",
    "since",
    "until",
    "members",
    "source",
    "party",
    "citation",
    "url",
    "assumption",
    "belongs_to",
    "incompatible_with",
    "domain",
    "force",
    "form",
    "members_of",
    "signed",
    "in_force",
    "terminated",
    "subject_to",
    "not_incompatible_with",
    "savings",
    "un_charter",
    "clauses",
    "label",
    "text",
    "translation",
    "modality",
    "action",
    "reading",
    "scope",
    "bound",
    "toward",
    "discretion",
    "adversaries",
    "unless_provoked",
    "peremptory",
    "issue",
    "stance",
    "date",
    "attacker",
    "victim",
    "provoked",
    "by",
    "territory",
    "entity",
    "organisation",
];

const JUNK_KEYS: &[&str] = &[
    "idd",
    "\"id\"",
    "'name'",
    "\"\"",
    "\"ÅLA\"",
    "source.citation",
    "source.url",
    "a.b.c",
    "clauses",
    "Kind",
    "_",
    "1",
];

/// Array-of-tables headers of the file form, some of them nested.
const HEADERS: &[&str] = &[
    "[[parties]]",
    "[[parties.members]]",
    "[[territories]]",
    "[[actions]]",
    "[[issues]]",
    "[[instruments]]",
    "[[instruments.clauses]]",
    "[[positions]]",
    "[[events]]",
];

/// Table headers that clash with the file form or with each other when repeated.
const ODD_HEADERS: &[&str] = &[
    "[instruments.source]",
    "[parties]",
    "[source]",
    "[[instruments.clauses.source]]",
    "[\"quoted\"]",
    "[[junk]]",
];

/// Words the loader knows as values, so that some values pass their checks.
const WORDS: &[&str] = &[
    "state",
    "organisation",
    "entity",
    "treaty",
    "binding",
    "bilateral",
    "multilateral",
    "obligation",
    "defend",
    "align",
    "strict",
    "all",
    "security",
    "support",
    "armed_attack",
    "recognition",
    "accession",
    "AZE",
    "RUS",
    "ÅLA",
    "2022-02-24",
    "2022-02-30",
    "",
    " ",
];

fn toml_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(FIELD_NAMES).prop_map(str::to_owned),
        1 => prop::sample::select(JUNK_KEYS).prop_map(str::to_owned),
        1 => "[a-z_]{1,8}",
    ]
}

/// A TOML basic string of any text, escaped as TOML wants.
fn quoted(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A value: mostly valid TOML, with a few values TOML refuses (30 February, `2022-2-24`).
fn toml_leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(WORDS).prop_map(quoted),
        4 => any_text().prop_map(|it| quoted(&it)),
        1 => "[a-zA-Z0-9 #=Å\"\\\\]{0,12}".prop_map(|it| format!("'{}'", it.replace('\'', ""))),
        1 => "[a-zA-Z0-9 \n\tÅ#=\\[\\]{},']{0,12}".prop_map(|it| format!("\"\"\"{it}\"\"\"")),
        1 => "-?[1-9][0-9]{0,5}",
        1 => prop::sample::select(vec!["0", "0x1F", "1_000", "3.14", "-0.0", "inf", "nan", "1e9"])
            .prop_map(str::to_owned),
        1 => any::<bool>().prop_map(|it| it.to_string()),
        2 => "(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])",
        1 => prop::sample::select(vec![
            "2022-02-30",
            "2022-02-24",
            "2024-02-29",
            "2023-02-29",
            "0001-01-01",
            "9999-12-31",
            "1979-05-27T07:32:00Z",
            "1979-05-27T00:32:00.999999-07:00",
            "1979-05-27 07:32:00",
            "1979-05-27T07:32:00",
            "07:32:00",
            "2022-2-24",
        ])
        .prop_map(str::to_owned),
    ]
}

fn toml_value() -> impl Strategy<Value = String> {
    toml_leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(|items| format!("[{}]", items.join(", "))),
            vec((toml_key(), inner), 0..4).prop_map(|entries| {
                let entries: Vec<String> = entries
                    .into_iter()
                    .map(|(key, value)| format!("{key} = {value}"))
                    .collect();
                format!("{{ {} }}", entries.join(", "))
            }),
        ]
    })
}

/// Key-value lines with distinct keys, as a table holds them.
fn toml_entries() -> impl Strategy<Value = Vec<String>> {
    vec((toml_key(), toml_value()), 0..7).prop_map(|entries| {
        let mut seen = BTreeSet::new();
        entries
            .into_iter()
            .filter(|(key, _)| seen.insert(key.clone()))
            .map(|(key, value)| format!("{key} = {value}"))
            .collect()
    })
}

/// A line that is not a key-value line: a comment, a blank, or broken syntax.
fn toml_odd_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "#\\PC{0,10}",
        prop::sample::select(vec![
            "= 1",
            "key =",
            "[[parties]",
            "]]",
            "x = 1 = 2",
            "\t",
            "id = \"unterminated",
            "id = \"\\x\"",
            "name = '",
            "kind = \"\\u00\"",
            "since = 2022-02-30",
            "ÅLA = 1",
            "[[",
            "[]",
            "[[ÅLA]]",
        ])
        .prop_map(str::to_owned),
    ]
}

/// Top-level keys, then tables under random headers, with now and then an odd line.
fn toml_document() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        8 => prop::sample::select(HEADERS),
        1 => prop::sample::select(ODD_HEADERS),
    ];
    let section = (
        header,
        toml_entries(),
        prop::option::weighted(0.1, toml_odd_line()),
    )
        .prop_map(|(header, mut lines, odd)| {
            lines.insert(0, header.to_owned());
            lines.extend(odd);
            lines
        });
    (toml_entries(), vec(section, 0..8)).prop_map(|(top, sections)| {
        let mut lines = top;
        lines.extend(sections.into_iter().flatten());
        lines.join("\n")
    })
}

/// Random JSON built from the file's real keys: syntactically valid, so that it reaches the
/// decoder and the validation.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(WORDS).prop_map(Value::from),
        any_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..5).prop_map(Value::Array),
            vec((toml_key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

fn json_document() -> impl Strategy<Value = String> {
    let table = vec(
        (
            prop::sample::select(FIELD_NAMES).prop_map(str::to_owned),
            json_value(),
        ),
        0..8,
    );
    (table, any::<bool>()).prop_map(|(entries, pretty)| {
        let root = serde_json::Value::Object(entries.into_iter().collect());
        if pretty {
            serde_json::to_string_pretty(&root).unwrap()
        } else {
            root.to_string()
        }
    })
}

// ----- structured damage -----

/// One change to a valid scenario's tree.
#[derive(Debug, Clone)]
enum Damage {
    /// Remove the value from its table or list.
    Remove,
    /// Put another value in its place.
    Replace(serde_json::Value),
    /// Repeat it in its list (a duplicate id, a party listed twice).
    Repeat,
}

fn damage() -> impl Strategy<Value = Damage> {
    use serde_json::Value;
    let word = prop_oneof![
        prop::sample::select(WORDS),
        prop::sample::select(PARTY_IDS),
        prop::sample::select(ISSUE_IDS),
        prop::sample::select(INSTRUMENT_IDS),
        prop::sample::select(BUILT_IN_ACTIONS),
        prop::sample::select(DOMAINS),
    ]
    .prop_map(Value::from);
    prop_oneof![
        3 => Just(Damage::Remove),
        3 => word.prop_map(Damage::Replace),
        1 => day().prop_map(|it| Damage::Replace(Value::from(date(it)))),
        1 => json_value().prop_map(Damage::Replace),
        2 => Just(Damage::Repeat),
    ]
}

/// The JSON pointers of every value under `value`, the root excepted.
fn pointers(value: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &serde_json::Value)> = match value {
        serde_json::Value::Object(entries) => entries
            .iter()
            .map(|(key, it)| (key.replace('~', "~0").replace('/', "~1"), it))
            .collect(),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(at, it)| (at.to_string(), it))
            .collect(),
        _ => Vec::new(),
    };
    for (step, child) in children {
        let pointer = format!("{prefix}/{step}");
        out.push(pointer.clone());
        pointers(child, &pointer, out);
    }
}

/// Applies the damage at a pointer.
fn apply(root: &mut serde_json::Value, pointer: &str, damage: &Damage) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    if let Damage::Replace(value) = damage {
        if let Some(target) = root.pointer_mut(pointer) {
            *target = value.clone();
        }
        return;
    }
    let key = last.replace("~1", "/").replace("~0", "~");
    match root.pointer_mut(parent) {
        Some(serde_json::Value::Object(entries)) => {
            if matches!(damage, Damage::Remove) {
                entries.remove(&key);
            }
        }
        Some(serde_json::Value::Array(items)) => {
            let Ok(at) = key.parse::<usize>() else {
                return;
            };
            match damage {
                Damage::Remove if at < items.len() => {
                    items.remove(at);
                }
                Damage::Repeat if at < items.len() => {
                    let item = items[at].clone();
                    items.insert(at, item);
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// What a load said, format aside: the scenario, or each problem's code and path, sorted.
fn verdict(
    result: Result<allegiance::Scenario, LoadErrors>,
) -> Result<allegiance::Scenario, Vec<(String, String)>> {
    result.map_err(|errors| {
        let mut found: Vec<(String, String)> = errors
            .errors()
            .iter()
            .map(|it| (it.code().to_owned(), it.location().path.clone()))
            .collect();
        found.sort();
        found
    })
}

/// 256 cases (`PROPTEST_CASES` overrides), failures kept in `proptest-regressions/`.
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|it| it.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/properties.txt",
        ))),
        ..ProptestConfig::with_cases(cases)
    }
}

// ----- the properties -----

proptest! {
    #![proptest_config(cases())]

    /// (a) What the generator makes is valid: should this fail, either the generator breaks
    /// one of the rules of `src/load/lower.rs` or the loader refuses a valid file; the
    /// error list says which rule.
    #[test]
    fn generated_file_forms_load(file in scenario_file()) {
        if let Err(errors) = from_file_form(file.clone()) {
            return Err(TestCaseError::fail(format!("{errors}\n{file:#?}")));
        }
    }

    /// (a') Lowering the instruments and positions as they are made
    /// (`load::from_entries`), any number of each left in the file form, gives the scenario
    /// the whole file form gives: the two readings of the instruments see the same ids, and
    /// the entries are numbered in the same order.
    #[test]
    fn entries_made_as_they_are_lowered_give_the_same_scenario(
        file in scenario_file(),
        kept in (any::<Index>(), any::<Index>()),
    ) {
        let whole = from_file_form(file.clone()).unwrap();
        let mut head = file;
        let made = head.instruments.split_off(kept.0.index(head.instruments.len() + 1));
        let positions = head.positions.split_off(kept.1.index(head.positions.len() + 1));
        let scenario = from_entries(head, || made.clone(), positions).unwrap();
        prop_assert_eq!(scenario, whole);
    }

    /// (b) Saving as TOML or JSON and loading again gives the same scenario.
    ///
    /// This catches: a field `to_file_form` forgets or writes under another name (the
    /// loader would refuse the key or lose the value); a default written back differently
    /// (`reading`, `in_force` from `signed`, a war issue's title and domain, `scope = ["all"]`);
    /// war issues written twice (as issues and as events: a duplicate id); entries written in
    /// another order; and text the serialisers escape wrongly: quotes, backslashes, `"""`,
    /// `'''`, a leading newline or CRLF in multi-line strings, control characters, non-ASCII
    /// and zero-width characters in ids and texts.
    #[test]
    fn toml_and_json_round_trip(file in scenario_file()) {
        let scenario = from_file_form(file).unwrap();
        let toml = to_toml_string(&scenario);
        let from_toml = from_toml_str(&toml);
        if let Err(errors) = &from_toml {
            return Err(TestCaseError::fail(format!("{errors}\n--- TOML ---\n{toml}")));
        }
        prop_assert_eq!(from_toml.as_ref().ok(), Some(&scenario), "TOML:\n{}", toml);
        let json = to_json_string(&scenario);
        let from_json = from_json_str(&json);
        if let Err(errors) = &from_json {
            return Err(TestCaseError::fail(format!("{errors}\n--- JSON ---\n{json}")));
        }
        prop_assert_eq!(from_json.as_ref().ok(), Some(&scenario), "JSON:\n{}", json);
    }

    /// (c) The file form a scenario saves to loads back equal, and saving is stable.
    #[test]
    fn file_form_round_trips(file in scenario_file()) {
        let scenario = from_file_form(file).unwrap();
        let saved = to_file_form(&scenario);
        let again = from_file_form(saved.clone());
        prop_assert_eq!(again.as_ref().ok(), Some(&scenario));
        prop_assert_eq!(to_file_form(&again.unwrap()), saved);
    }

    /// (d) Arbitrary bytes and strings never make either loader panic, and a refusal is
    /// complete.
    #[test]
    fn arbitrary_text_never_panics(
        bytes in vec(any::<u8>(), 0..512),
        text in prop_oneof![any::<String>(), "[\\[\\]{}\":,=a-z0-9 \n\"'.#-]{0,200}"],
    ) {
        for text in [String::from_utf8_lossy(&bytes).into_owned(), text] {
            check_result(&from_toml_str(&text), Some(&text))?;
            check_result(&from_json_str(&text), Some(&text))?;
        }
    }

    /// (e) Structurally plausible TOML: real keys and junk, every kind of value (impossible
    /// dates, date-times, inline tables), array-of-table headers in any order. No panic;
    /// every problem has a line and a column.
    #[test]
    fn plausible_toml_never_panics(text in toml_document()) {
        check_result(&from_toml_str(&text), Some(&text))?;
    }

    /// (e, JSON) Valid JSON with the file's keys and random values gets past the syntax
    /// check into decoding and validation; every problem still has a line and a column.
    #[test]
    fn plausible_json_never_panics(text in json_document()) {
        check_result(&from_json_str(&text), Some(&text))?;
    }

    /// (f) A valid scenario's TOML with one line deleted: no panic, every problem placed.
    #[test]
    fn toml_with_a_line_deleted_never_panics(file in scenario_file(), which in any::<Index>()) {
        let scenario = from_file_form(file).unwrap();
        let toml = to_toml_string(&scenario);
        let mut lines: Vec<&str> = toml.split('\n').collect();
        lines.remove(which.index(lines.len()));
        let damaged = lines.join("\n");
        check_result(&from_toml_str(&damaged), Some(&damaged))?;
    }

    /// (g) A valid scenario with a few values removed, replaced (by known words, ids,
    /// dates, random values) or repeated: what the loaders accept round-trips, what they
    /// refuse is refused with every problem placed, and JSON and TOML texts of the same tree
    /// get the same verdict: the same scenario, or the same problems at the same paths.
    #[test]
    fn damaged_scenarios_are_judged_alike_in_both_formats(
        file in scenario_file(),
        damages in vec((any::<Index>(), damage()), 1..4),
    ) {
        let scenario = from_file_form(file).unwrap();
        let mut tree: serde_json::Value = serde_json::from_str(&to_json_string(&scenario)).unwrap();
        for (which, damage) in &damages {
            let mut all = Vec::new();
            pointers(&tree, "", &mut all);
            if let Some(pointer) = pick(which, &all) {
                apply(&mut tree, pointer, damage);
            }
        }
        let json = serde_json::to_string_pretty(&tree).unwrap();
        let from_json = from_json_str(&json);
        check_result(&from_json, Some(&json))?;
        if let Ok(loaded) = &from_json {
            let (again_json, again_toml) = (
                from_json_str(&to_json_string(loaded)),
                from_toml_str(&to_toml_string(loaded)),
            );
            prop_assert_eq!(again_json.ok(), Some(loaded.clone()));
            prop_assert_eq!(again_toml.ok(), Some(loaded.clone()));
        }
        // TOML has no null; trees holding one are judged in JSON only.
        if let Ok(toml) = toml::to_string(&tree) {
            let from_toml = from_toml_str(&toml);
            check_result(&from_toml, Some(&toml))?;
            let (in_json, in_toml) = (verdict(from_json), verdict(from_toml));
            prop_assert_eq!(in_json, in_toml, "JSON:\n{}\nTOML:\n{}", json, toml);
        }
    }

    /// (f, JSON) The same for the JSON form.
    #[test]
    fn json_with_a_line_deleted_never_panics(file in scenario_file(), which in any::<Index>()) {
        let scenario = from_file_form(file).unwrap();
        let json = to_json_string(&scenario);
        let mut lines: Vec<&str> = json.split('\n').collect();
        lines.remove(which.index(lines.len()));
        let damaged = lines.join("\n");
        check_result(&from_json_str(&damaged), Some(&damaged))?;
    }
}

#[test]
fn dates_are_written_as_the_calendar_has_them() {
    assert_eq!(date(0), "1900-01-01");
    assert_eq!(date(58), "1900-02-28");
    assert_eq!(date(59), "1900-03-01");
    assert_eq!(date(day_of(2000, 2, 29)), "2000-02-29");
    assert_eq!(date(day_count() - 1), "2030-12-31");
    for day in [0, 59, day_of(2000, 2, 29), day_count() - 1] {
        assert!(
            date(day).parse::<allegiance::Date>().is_ok(),
            "{}",
            date(day)
        );
    }
}

/// The seed scenario, a hand-written file, goes through the same round trips.
#[test]
fn the_seed_scenario_round_trips() {
    let text = include_str!("../examples/data/caucasus-2022.toml");
    let scenario = from_toml_str(text).unwrap();
    assert_eq!(
        from_toml_str(&to_toml_string(&scenario)).ok(),
        Some(scenario.clone())
    );
    assert_eq!(
        from_json_str(&to_json_string(&scenario)).ok(),
        Some(scenario.clone())
    );
    assert_eq!(from_file_form(to_file_form(&scenario)).ok(), Some(scenario));
}
