//! Importers of two public data sets into scenarios: alliances from ATOP 5.1 and wars from the
//! Correlates of War (COW) Inter-State War Data v4.0. Behind the cargo feature `import`.
//!
//! * [`atop::read`] turns ATOP's member-level file (one row per member of each alliance
//!   phase) into a [`ScenarioFile`]: one instrument per alliance and phase, one clause per
//!   obligation of each member, with the conditions the model can express and a record of
//!   those it cannot.
//! * [`cow::wars`] turns COW's war file (one row per participant) into armed-attack events:
//!   the war's initiators attack each state of the other side that fought from the first day.
//! * [`codes`] maps COW country codes to party ids: the ISO 3166-1 alpha-3 code where one
//!   exists, else `COW-<abbreviation>`.
//!
//! Neither data set is a treaty text or a war record in the model's sense: ATOP *codes* what
//! a treaty obliges its members to do, and COW records who fought on which side and who
//! started it. What the importers read into the model, what they approximate and what they
//! leave out is said in each module's documentation and, item by item, in the
//! [`ImportReport`] each returns: counts by reason, and one [`Note`] per row or item
//! concerned. Whatever is assumed rather than read is also written into the `assumption` of
//! the source of the instrument, clause or event it concerns, so that findings carry it.
//!
//! Bad input (a missing column, a number that is not one, a date that does not exist) is an
//! [`ImportError`] naming the file, the row and the column; nothing panics.
//!
//! # Example
//!
//! ```
//! use allegiance::import::{self, atop, cow};
//!
//! let members = "\
//! atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul
//! 9001,2,1950,1,1,0,0,0,0,1,0,0,0,0
//! 9001,20,1950,1,1,0,0,0,0,1,0,0,0,0
//! ";
//! let wars = "\
//! WarNum,WarName,ccode,Side,StartMonth1,StartDay1,StartYear1,Initiator,Version
//! 901,Invented War,70,1,6,-9,1960,1,4
//! 901,Invented War,20,2,6,-9,1960,2,4
//! ";
//! let (mut scenario, report) = atop::read(members.as_bytes(), None)?;
//! assert_eq!(report.made["instruments"], 1);
//! let (events, _) = cow::wars(wars.as_bytes())?;
//! assert_eq!(events[0].date, "1960-06-01"); // day unknown: the 1st
//! import::add_events(&mut scenario, events);
//! let scenario = allegiance::load::from_file_form(scenario)?;
//! let report = allegiance::check_on(&scenario, "1960-06-01".parse()?);
//! // Mexico attacks Canada: the United States must defend Canada. No one is caught.
//! assert!(report.findings().iter().all(|it| !it.is_contradiction()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod atop;
pub mod codes;
pub mod cow;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use crate::model::Date;
use crate::spec::{EventFile, ScenarioFile};

/// What an import made, dropped and approximated.
///
/// Counts are by kind (`made`) or by reason (`dropped`, `approximated`); each reason says what
/// it counts (rows, clauses, events). `notes` say which row or item each concerns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ImportReport {
    /// What was read.
    pub source: String,
    /// How many data rows were read (the header not counted).
    pub rows: usize,
    /// What was made, by kind: `parties`, `instruments`, `clauses`, `events`, ….
    pub made: BTreeMap<String, usize>,
    /// What was left out, by reason.
    pub dropped: BTreeMap<String, usize>,
    /// What was kept but approximated or assumed, by reason.
    pub approximated: BTreeMap<String, usize>,
    /// One note per row or item concerned, in the order met.
    pub notes: Vec<Note>,
}

/// One thing an import did not read as it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Note {
    /// The data row (the header is row 1, as a spreadsheet numbers them), where one row is
    /// concerned.
    pub row: Option<u64>,
    /// The item concerned: an instrument, clause, event or war.
    pub item: String,
    /// What was done, and why.
    pub message: String,
}

impl ImportReport {
    fn new(source: &str) -> ImportReport {
        ImportReport {
            source: source.to_owned(),
            ..ImportReport::default()
        }
    }

    fn made(&mut self, kind: &str, count: usize) {
        *self.made.entry(kind.to_owned()).or_default() += count;
    }

    fn dropped(&mut self, reason: &str, row: Option<u64>, item: &str, message: String) {
        *self.dropped.entry(reason.to_owned()).or_default() += 1;
        self.note(row, item, message);
    }

    fn approximated(&mut self, reason: &str, row: Option<u64>, item: &str, message: String) {
        *self.approximated.entry(reason.to_owned()).or_default() += 1;
        self.note(row, item, message);
    }

    fn note(&mut self, row: Option<u64>, item: &str, message: String) {
        self.notes.push(Note {
            row,
            item: item.to_owned(),
            message,
        });
    }

    /// How many things were left out, over every reason.
    pub fn dropped_total(&self) -> usize {
        self.dropped.values().sum()
    }

    /// How many things were approximated, over every reason.
    pub fn approximated_total(&self) -> usize {
        self.approximated.values().sum()
    }
}

impl fmt::Display for ImportReport {
    /// The counts; the notes are in [`ImportReport::notes`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} rows read", self.source, self.rows)?;
        let made: Vec<String> = self
            .made
            .iter()
            .map(|(kind, count)| format!("{count} {kind}"))
            .collect();
        writeln!(f, "made: {}", made.join(", "))?;
        for (title, counts) in [
            ("dropped", &self.dropped),
            ("approximated", &self.approximated),
        ] {
            let total: usize = counts.values().sum();
            writeln!(f, "{title}: {total}")?;
            for (reason, count) in counts {
                writeln!(f, "  {count:>5}  {reason}")?;
            }
        }
        write!(f, "{} notes", self.notes.len())
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(row) = self.row {
            write!(f, "row {row}: ")?;
        }
        write!(f, "{}: {}", self.item, self.message)
    }
}

/// Why a file could not be imported. Every variant names the file; those about a value name
/// its row (the header is row 1) and column.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file could not be read as CSV: an I/O error, a row with the wrong number of
    /// fields, text that is not UTF-8.
    #[error("{file}{}: cannot read the file: {message}", at(*.row))]
    Read {
        /// Which file.
        file: &'static str,
        /// The row, when known.
        row: Option<u64>,
        /// What went wrong.
        message: String,
    },
    /// A column the import needs is not in the header.
    #[error("{file}: the header has no column `{column}`")]
    MissingColumn {
        /// Which file.
        file: &'static str,
        /// The column.
        column: &'static str,
    },
    /// A value is not what the codebook says the column holds.
    #[error("{file}, row {row}, column `{column}`: `{value}` is not {expected}")]
    BadValue {
        /// Which file.
        file: &'static str,
        /// The row.
        row: u64,
        /// The column.
        column: &'static str,
        /// The value as written.
        value: String,
        /// What the column holds.
        expected: &'static str,
    },
    /// Year, month and day do not make a date.
    #[error("{file}, row {row}, columns {columns}: {value} is not a date")]
    BadDate {
        /// Which file.
        file: &'static str,
        /// The row.
        row: u64,
        /// The columns of year, month and day.
        columns: &'static str,
        /// The date as read.
        value: String,
    },
}

fn at(row: Option<u64>) -> String {
    row.map(|row| format!(", row {row}")).unwrap_or_default()
}

/// Adds `events` to a scenario, with a party for each attacker or victim the scenario does
/// not declare yet (from [`codes::party_file`]); returns how many parties it added.
///
/// # Example
///
/// ```
/// use allegiance::import;
/// use allegiance::spec::{EventFile, ScenarioFile};
///
/// let mut scenario = ScenarioFile::default();
/// let attack = EventFile {
///     id: "cow-war-1".into(),
///     kind: "armed_attack".into(),
///     attacker: Some("FRA".into()),
///     victim: Some("ESP".into()),
///     ..EventFile::default()
/// };
/// assert_eq!(import::add_events(&mut scenario, vec![attack]), 2);
/// assert_eq!(scenario.parties[1].name, "Spain");
/// ```
pub fn add_events(scenario: &mut ScenarioFile, events: Vec<EventFile>) -> usize {
    let mut known: BTreeSet<String> = scenario.parties.iter().map(|it| it.id.clone()).collect();
    let before = scenario.parties.len();
    for event in &events {
        for id in [&event.attacker, &event.victim].into_iter().flatten() {
            if known.insert(id.clone()) {
                scenario.parties.push(codes::party_file(id));
            }
        }
    }
    scenario.events.extend(events);
    scenario.parties.len() - before
}

// ----- reading CSV -----

/// A CSV file's header: where each column is, by lower-case name.
struct Header {
    file: &'static str,
    columns: BTreeMap<String, usize>,
}

impl Header {
    fn read<R: std::io::Read>(
        file: &'static str,
        reader: &mut csv::Reader<R>,
    ) -> Result<Header, ImportError> {
        let header = reader.headers().map_err(|error| csv_error(file, &error))?;
        let columns = header
            .iter()
            .enumerate()
            .map(|(at, name)| {
                let name = name.trim_start_matches('\u{feff}').trim();
                (name.to_ascii_lowercase(), at)
            })
            .collect();
        Ok(Header { file, columns })
    }

    /// Where a column is; an error if the header lacks it.
    fn require(&self, column: &'static str) -> Result<usize, ImportError> {
        self.columns
            .get(column)
            .copied()
            .ok_or(ImportError::MissingColumn {
                file: self.file,
                column,
            })
    }

    fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    fn row<'r>(&'r self, row: u64, record: &'r csv::StringRecord) -> Row<'r> {
        Row {
            header: self,
            row,
            record,
        }
    }
}

/// Reads every record of a CSV file, with its row number (the header is row 1).
fn records<R: std::io::Read>(
    file: &'static str,
    reader: &mut csv::Reader<R>,
) -> Result<Vec<(u64, csv::StringRecord)>, ImportError> {
    let mut records = Vec::new();
    for (at, record) in reader.records().enumerate() {
        let row = u64::try_from(at).unwrap_or(u64::MAX).saturating_add(2);
        let record = record.map_err(|error| {
            let mut error = csv_error(file, &error);
            if let ImportError::Read { row: known, .. } = &mut error {
                *known = Some(row);
            }
            error
        })?;
        records.push((row, record));
    }
    Ok(records)
}

fn csv_reader<R: std::io::Read>(reader: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(reader)
}

fn csv_error(file: &'static str, error: &csv::Error) -> ImportError {
    ImportError::Read {
        file,
        row: None,
        message: error.to_string(),
    }
}

/// One record, read by column name.
struct Row<'r> {
    header: &'r Header,
    row: u64,
    record: &'r csv::StringRecord,
}

impl Row<'_> {
    /// The text of a column the header must have (empty when the record is short).
    fn text(&self, column: &'static str) -> Result<&str, ImportError> {
        let at = self.header.require(column)?;
        Ok(self.record.get(at).unwrap_or(""))
    }

    /// The text of a column the header may lack.
    fn optional_text(&self, column: &str) -> Option<&str> {
        let at = self.header.columns.get(column)?;
        self.record.get(*at)
    }

    fn bad(&self, column: &'static str, value: &str, expected: &'static str) -> ImportError {
        ImportError::BadValue {
            file: self.header.file,
            row: self.row,
            column,
            value: value.to_owned(),
            expected,
        }
    }

    /// A whole number; a blank is `None` (ATOP's missing value).
    fn maybe_int(&self, column: &'static str) -> Result<Option<i64>, ImportError> {
        let text = self.text(column)?;
        if text.is_empty() {
            return Ok(None);
        }
        parse_int(text)
            .map(Some)
            .ok_or_else(|| self.bad(column, text, "a whole number"))
    }

    /// A whole number of a column the header may lack; blank or absent is `None`.
    fn maybe_int_if(&self, column: &'static str) -> Result<Option<i64>, ImportError> {
        if self.header.has(column) {
            self.maybe_int(column)
        } else {
            Ok(None)
        }
    }

    /// A whole number that must be there.
    fn int(&self, column: &'static str) -> Result<i64, ImportError> {
        self.maybe_int(column)?
            .ok_or_else(|| self.bad(column, "", "a whole number"))
    }

    /// A 0/1 dummy of a column the header may lack; blank or absent is `None`.
    fn maybe_flag(&self, column: &'static str) -> Result<Option<bool>, ImportError> {
        if !self.header.has(column) {
            return Ok(None);
        }
        match self.maybe_int(column)? {
            None => Ok(None),
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            Some(_) => Err(self.bad(column, self.text(column)?, "0 or 1")),
        }
    }

    /// A 0/1 dummy; blank or absent reads as 0.
    fn flag(&self, column: &'static str) -> Result<bool, ImportError> {
        Ok(self.maybe_flag(column)?.unwrap_or(false))
    }

    /// A country code: a positive whole number.
    fn code(&self, column: &'static str) -> Result<Option<u32>, ImportError> {
        match self.maybe_int(column)? {
            None | Some(0) => Ok(None),
            Some(code) => u32::try_from(code)
                .map(Some)
                .map_err(|_| self.bad(column, &code.to_string(), "a country code")),
        }
    }

    /// A country code of a column the header may lack; absent, blank or 0 is `None`.
    fn code_if(&self, column: &'static str) -> Result<Option<u32>, ImportError> {
        if self.header.has(column) {
            self.code(column)
        } else {
            Ok(None)
        }
    }

    fn date(
        &self,
        columns: &'static str,
        (year, month, day): (i64, i64, i64),
    ) -> Result<Date, ImportError> {
        let bad = || ImportError::BadDate {
            file: self.header.file,
            row: self.row,
            columns,
            value: format!("{year}-{month:02}-{day:02}"),
        };
        let (Ok(year), Ok(month), Ok(day)) =
            (i16::try_from(year), i8::try_from(month), i8::try_from(day))
        else {
            return Err(bad());
        };
        Date::new(year, month, day).map_err(|_| bad())
    }
}

/// A whole number, written as such or with a zero fraction (`5.0`): some exports write
/// integers as decimals.
fn parse_int(text: &str) -> Option<i64> {
    if let Ok(value) = text.parse::<i64>() {
        return Some(value);
    }
    let (whole, fraction) = text.split_once('.')?;
    if !fraction.is_empty() && fraction.chars().all(|c| c == '0') {
        whole.parse().ok()
    } else {
        None
    }
}

/// A list of names for a sentence: `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_may_be_written_as_decimals() {
        assert_eq!(parse_int("12"), Some(12));
        assert_eq!(parse_int("-9"), Some(-9));
        assert_eq!(parse_int("12.0"), Some(12));
        assert_eq!(parse_int("12.5"), None);
        assert_eq!(parse_int("twelve"), None);
        assert_eq!(parse_int("12."), None);
    }

    #[test]
    fn lists_read_as_sentences() {
        let items = |it: &[&str]| it.iter().map(|it| (*it).to_owned()).collect::<Vec<_>>();
        assert_eq!(and_list(&items(&[])), "");
        assert_eq!(and_list(&items(&["a"])), "a");
        assert_eq!(and_list(&items(&["a", "b", "c"])), "a, b and c");
    }

    #[test]
    fn errors_say_where() {
        let error = ImportError::Read {
            file: "f",
            row: Some(3),
            message: "m".into(),
        };
        assert_eq!(error.to_string(), "f, row 3: cannot read the file: m");
        let error = ImportError::BadValue {
            file: "f",
            row: 4,
            column: "c",
            value: "x".into(),
            expected: "a whole number",
        };
        assert_eq!(
            error.to_string(),
            "f, row 4, column `c`: `x` is not a whole number"
        );
    }
}
