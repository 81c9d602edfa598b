//! Wars from the Correlates of War (COW) Inter-State War Data, version 4.0 (Sarkees and
//! Wayman 2010, *Resort to War*).
//!
//! # What is read
//!
//! COW's war file has one row per state participant of each war, two for a state that
//! changed sides; for each its side (1 or 2), whether it initiated the war (`Initiator`: 1
//! yes, 2 no) and the day it began sustained combat (`StartYear1`, `StartMonth1`,
//! `StartDay1`; `-9` unknown).
//!
//! # Who attacked whom
//!
//! COW records sides and initiators, not attacks; the model's armed attack has one attacker
//! and one victim. This import reads a war's outbreak, and only it:
//!
//! * the war's **first day** is the earliest start of its participants;
//! * each **initiator** that fought from that day is an attacker;
//! * each state of the **other side** that fought from that day is its victim: one armed
//!   attack per (attacker, victim) pair, dated the first day, its provocation unknown.
//!
//! Everything else about the war is left out, and counted in the report: states that entered
//! later (the United Kingdom two days into the Second World War, the United States two years
//! and three months in: no attack of the model says what they did, and calling an entrant
//! attacker or victim would invent it), first-day co-belligerents of an initiator that COW
//! does not code as initiators themselves, and the second period of a participant that
//! changed sides or resumed fighting. A start day of `-9` ("day unknown", says the codebook)
//! is read as the 1st of its month, as ATOP's missing days are; an unknown month or year
//! leaves the participant out. Each event's source says what was assumed.
//!
//! # Ids
//!
//! A war whose outbreak is one attack gives the event (and war issue) `cow-war-<WarNum>`; one
//! with several gives `cow-war-<WarNum>-<attacker>-<victim>` for each, with the party ids of
//! [`super::codes`]. [`war_number`] reads the war back from either.

use std::collections::BTreeMap;
use std::io::Read;

use super::{Header, ImportError, ImportReport, Row, and_list, codes, csv_reader, records};
use crate::model::Date;
use crate::spec::{EventFile, SourceFile};

/// The war file, as errors name it.
pub const WARS_FILE: &str = "COW inter-state war file";

const URL: &str = "https://correlatesofwar.org/data-sets/cow-war/";

/// One war of the file: its participants and the armed attacks of its outbreak.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct War {
    /// COW's war number (`WarNum`).
    pub number: u32,
    /// COW's name for it (`WarName`).
    pub name: String,
    /// Its first day: the earliest start of its participants, when any is known.
    pub start: Option<Date>,
    /// Its participants, in the file's order.
    pub participants: Vec<Participant>,
    /// The armed attacks of its first day (see the [module documentation](self)).
    pub events: Vec<EventFile>,
}

/// One row of the war file: a state on one side of a war.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Participant {
    /// The row (the header is row 1).
    pub row: u64,
    /// The state's COW country code.
    pub code: u32,
    /// Its party id (see [`super::codes`]).
    pub party: String,
    /// Its name as COW's war file gives it (`StateName`), or the code table's.
    pub name: String,
    /// Its side, 1 or 2.
    pub side: u8,
    /// Whether COW codes it as an initiator of the war.
    pub initiator: bool,
    /// The day it began sustained combat; `None` when the year or month is unknown.
    pub start: Option<Date>,
    /// Whether the day was unknown (`-9`) and read as the 1st.
    pub day_guessed: bool,
}

impl War {
    /// Whether `party` fought in this war from its first day.
    pub fn fought_from_the_start(&self, party: &str) -> bool {
        self.start.is_some_and(|start| {
            self.participants
                .iter()
                .any(|it| it.party == party && it.start == Some(start))
        })
    }

    /// The participant rows of `party` (two for a state that changed sides).
    pub fn participant(&self, party: &str) -> Vec<&Participant> {
        self.participants
            .iter()
            .filter(|it| it.party == party)
            .collect()
    }
}

/// Reads COW's war file into the armed attacks of each war's outbreak, in war order. See the
/// [module documentation](self).
///
/// Attackers and victims are party ids of [`super::codes`]; a scenario that does not declare
/// them gets them from [`super::add_events`].
///
/// # Errors
///
/// A file that is not CSV, a column the import needs missing from its header, a value that is
/// not what the codebook says (a side other than 1 or 2, a month 13): each names the row and
/// column.
///
/// # Example
///
/// ```
/// use allegiance::import::cow;
///
/// let file = "\
/// WarNum,WarName,ccode,StateName,Side,StartMonth1,StartDay1,StartYear1,Initiator
/// 175,Football War,91,Honduras,2,7,14,1969,2
/// 175,Football War,92,El Salvador,1,7,14,1969,1
/// ";
/// let (events, report) = cow::wars(file.as_bytes())?;
/// assert_eq!(events.len(), 1);
/// assert_eq!(events[0].id, "cow-war-175");
/// assert_eq!(events[0].date, "1969-07-14");
/// assert_eq!(events[0].attacker.as_deref(), Some("SLV"));
/// assert_eq!(events[0].victim.as_deref(), Some("HND"));
/// assert!(events[0].source.citation.contains("v4.0"));
/// assert_eq!(report.made["events"], 1);
/// # Ok::<(), allegiance::import::ImportError>(())
/// ```
pub fn wars(reader: impl Read) -> Result<(Vec<EventFile>, ImportReport), ImportError> {
    let (wars, report) = read(reader)?;
    Ok((wars.into_iter().flat_map(|it| it.events).collect(), report))
}

/// As [`wars`], with each war's participants kept beside its events.
///
/// # Errors
///
/// As [`wars`].
pub fn read(reader: impl Read) -> Result<(Vec<War>, ImportReport), ImportError> {
    let mut report = ImportReport::new("COW inter-state war file");
    let mut reader = csv_reader(reader);
    let header = Header::read(WARS_FILE, &mut reader)?;
    for column in [
        "warnum",
        "warname",
        "ccode",
        "side",
        "startmonth1",
        "startday1",
        "startyear1",
        "initiator",
    ] {
        header.require(column)?;
    }
    let mut rows: BTreeMap<u32, (String, Vec<Participant>)> = BTreeMap::new();
    for (row, record) in records(WARS_FILE, &mut reader)? {
        let row = header.row(row, &record);
        report.rows += 1;
        let number = row.int("warnum")?;
        let number = u32::try_from(number)
            .map_err(|_| row.bad("warnum", &number.to_string(), "a war number"))?;
        if let Some(version) = row.optional_text("version")
            && !matches!(version, "" | "4" | "4.0")
        {
            report.note(
                Some(row.row),
                &format!("COW war {number}"),
                format!("the row says version {version}; it is cited as v4.0"),
            );
        }
        let participant = participant(&row)?;
        rows.entry(number)
            .or_insert_with(|| {
                (
                    row.text("warname").unwrap_or_default().to_owned(),
                    Vec::new(),
                )
            })
            .1
            .push(participant);
    }
    let mut wars = Vec::with_capacity(rows.len());
    for (number, (name, participants)) in rows {
        let war = war(number, name, participants, &mut report);
        report.made("events", war.events.len());
        wars.push(war);
    }
    report.made("wars", wars.len());
    Ok((wars, report))
}

/// The war a `cow-war-…` event or issue id belongs to.
///
/// # Example
///
/// ```
/// use allegiance::import::cow::war_number;
///
/// assert_eq!(war_number("cow-war-175"), Some(175));
/// assert_eq!(war_number("cow-war-139-DEU-POL"), Some(139));
/// assert_eq!(war_number("attack"), None);
/// ```
pub fn war_number(id: &str) -> Option<u32> {
    let rest = id.strip_prefix("cow-war-")?;
    let digits = rest.split('-').next()?;
    digits.parse().ok()
}

fn participant(row: &Row<'_>) -> Result<Participant, ImportError> {
    let code = row
        .code("ccode")?
        .ok_or_else(|| row.bad("ccode", "", "a country code"))?;
    let side = match row.int("side")? {
        1 => 1,
        2 => 2,
        other => return Err(row.bad("side", &other.to_string(), "1 or 2")),
    };
    let initiator = match row.int("initiator")? {
        1 => true,
        2 => false,
        other => return Err(row.bad("initiator", &other.to_string(), "1 (yes) or 2 (no)")),
    };
    let (year, month, day) = (
        row.int("startyear1")?,
        row.int("startmonth1")?,
        row.int("startday1")?,
    );
    let known = |column: &'static str, value: i64| match value {
        -9 => Ok(None),
        value if value > 0 => Ok(Some(value)),
        value => Err(row.bad(
            column,
            &value.to_string(),
            "a positive number or -9 (unknown)",
        )),
    };
    let (year, month, day) = (
        known("startyear1", year)?,
        known("startmonth1", month)?,
        known("startday1", day)?,
    );
    let start = match (year, month) {
        (Some(year), Some(month)) => Some(row.date(
            "StartYear1/StartMonth1/StartDay1",
            (year, month, day.unwrap_or(1)),
        )?),
        _ => None,
    };
    let name = row
        .optional_text("statename")
        .filter(|it| !it.is_empty())
        .map(str::to_owned)
        .or_else(|| codes::country(code).map(|it| it.name.to_owned()))
        .unwrap_or_else(|| format!("COW code {code}"));
    Ok(Participant {
        row: row.row,
        code,
        party: codes::party_id(code),
        name,
        side,
        initiator,
        start,
        day_guessed: start.is_some() && day.is_none(),
    })
}

fn war(
    number: u32,
    name: String,
    participants: Vec<Participant>,
    report: &mut ImportReport,
) -> War {
    let item = format!("COW war {number} ({name})");
    for it in participants.iter().filter(|it| it.start.is_none()) {
        report.dropped(
            "participants with an unknown start year or month, left out",
            Some(it.row),
            &item,
            format!("{}: start unknown", it.name),
        );
    }
    if let Some(it) = participants
        .iter()
        .find(|it| codes::country(it.code).is_none())
    {
        report.approximated(
            "participants: a code in neither COW's list nor the table, kept as COW-<code>",
            Some(it.row),
            &item,
            format!("{} (COW {})", it.name, it.code),
        );
    }
    let start = participants.iter().filter_map(|it| it.start).min();
    let mut war = War {
        number,
        name,
        start,
        participants,
        events: Vec::new(),
    };
    let Some(start) = start else {
        report.dropped(
            "wars without a known first day, left out",
            None,
            &item,
            "no participant's start is known".to_owned(),
        );
        return war;
    };
    let first_day: Vec<&Participant> = war
        .participants
        .iter()
        .filter(|it| it.start == Some(start))
        .collect();
    let mut pairs: Vec<(&Participant, &Participant)> = Vec::new();
    for attacker in first_day.iter().filter(|it| it.initiator) {
        for victim in first_day
            .iter()
            .filter(|it| it.side != attacker.side && it.party != attacker.party)
        {
            let known = pairs
                .iter()
                .any(|(a, v)| a.party == attacker.party && v.party == victim.party);
            if !known {
                pairs.push((attacker, victim));
            }
        }
    }
    if pairs.is_empty() {
        report.dropped(
            "wars with no initiator and victim on the first day, left out",
            None,
            &item,
            "no initiator fought from the first day against a state of the other side".to_owned(),
        );
        return war;
    }
    for it in &war.participants {
        let Some(entered) = it.start else { continue };
        let in_a_pair = pairs
            .iter()
            .any(|(a, v)| a.party == it.party || v.party == it.party);
        if entered > start {
            report.dropped(
                "participants entering after the war's first day, left out",
                Some(it.row),
                &item,
                format!("{} entered on side {} on {entered}", it.name, it.side),
            );
        } else if !in_a_pair {
            let what = if it.initiator {
                "an initiator with no state on the other side on the first day"
            } else {
                "a first-day participant on an initiator's side, not an initiator itself"
            };
            report.dropped(
                "first-day participants neither attacker nor victim, left out",
                Some(it.row),
                &item,
                format!("{}: {what}", it.name),
            );
        }
    }
    let single = pairs.len() == 1;
    let mut events = Vec::with_capacity(pairs.len());
    for (attacker, victim) in &pairs {
        let id = if single {
            format!("cow-war-{number}")
        } else {
            format!("cow-war-{number}-{}-{}", attacker.party, victim.party)
        };
        let mut assumptions = vec![format!(
            "COW codes sides and initiators, not attacks: {} (an initiator, side {}) is read as \
             attacking {} (side {}), which fought from the war's first day",
            attacker.name, attacker.side, victim.name, victim.side
        )];
        let guessed: Vec<String> = [attacker, victim]
            .iter()
            .filter(|it| it.day_guessed)
            .map(|it| it.name.clone())
            .collect();
        if !guessed.is_empty() {
            assumptions.push(format!(
                "the start day of {} is unknown (-9) and read as the 1st of the month",
                and_list(&guessed)
            ));
            report.approximated(
                "events: start day unknown (-9), read as the 1st",
                Some(attacker.row),
                &id,
                format!("{start}: day unknown"),
            );
        }
        report.approximated(
            "events: an initiator read as attacking each first-day state of the other side",
            Some(attacker.row),
            &id,
            format!("{} attacks {}", attacker.party, victim.party),
        );
        events.push(EventFile {
            id: id.clone(),
            kind: "armed_attack".to_owned(),
            date: start.to_string(),
            attacker: Some(attacker.party.clone()),
            victim: Some(victim.party.clone()),
            issue: Some(id),
            title: Some(format!(
                "{} (COW war {number}): {}'s attack on {}",
                war.name, attacker.name, victim.name
            )),
            source: SourceFile {
                citation: format!(
                    "Correlates of War Inter-State War Data, v4.0 (Sarkees and Wayman 2010, \
                     Resort to War: 1816-2007), war {number}: {}",
                    war.name
                ),
                url: Some(URL.to_owned()),
                assumption: Some(format!("{}.", assumptions.join("; "))),
            },
            ..EventFile::default()
        });
    }
    war.events = events;
    war
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn war_numbers_are_read_back_from_ids() {
        assert_eq!(war_number("cow-war-1"), Some(1));
        assert_eq!(war_number("cow-war-221-USA-SRB"), Some(221));
        assert_eq!(war_number("cow-war-"), None);
        assert_eq!(war_number("cow-war-x"), None);
    }
}
