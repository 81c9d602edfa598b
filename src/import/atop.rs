//! Alliances from ATOP 5.1 (Alliance Treaty Obligations and Provisions; Leeds, Ritter,
//! Mitchell and Long 2002; codebook of 9 August 2022).
//!
//! # What is read
//!
//! ATOP's member-level file (`atop5_1m.csv`) has one row per member of each phase of each
//! alliance (codebook 2.3). It carries every field this import needs: each member's dates,
//! obligations and their conditions, and the alliance's specific threats. The alliance-level
//! file (`atop5_1a.csv`), when given, is read only to cross-check: every alliance of one file
//! is in the other, with the same members (its `mem1`…`mem59`); any difference is reported.
//!
//! # What is made
//!
//! * **One instrument per alliance and phase** (`atop-<atopid>`, or `atop-<atopid>-p<phase>`
//!   for an alliance ATOP divides into phases, codebook 1.53), `binding` (ATOP only codes
//!   written agreements with legal force, 1.2), a `treaty` when ATOP's `estmode` says it needed
//!   ratification and `other` otherwise. Its parties are the phase's members. When every member
//!   belongs for the whole phase, they are listed, and the instrument is signed on the
//!   phase's first day and terminated on its end date (`bilateral` for two members); when
//!   members join or leave on other days (accessions to a multilateral alliance, codebook
//!   2.3), an organisation
//!   `atop-<atopid>[-p<phase>]-members` holds one membership per member, from its entry to its
//!   exit, and the instrument binds its members on each date (`members_of`).
//! * **Dates.** Entry is ATOP's `yrent`/`moent`/`dayent`, the member's *signature* (codebook
//!   2.32: "leaders behave as if the alliance is in force" once signed), read as entry into
//!   force; exit is `yrexit`/`moexit`/`dayexit`, the first day the alliance no longer binds
//!   (a phase ends on the day the next begins, so this is the half-open reading the model
//!   uses); an alliance in effect on 31 December 2018 (`ineffect` = 1, exit 0) has no end.
//!   The codebook codes a day it could not identify as missing and says no more; **a missing
//!   day is read as the 1st of its month**, for entries and exits alike (as [`super::cow`]
//!   reads COW's unknown days, `-9`), so an entry or an exit may come up to a month early.
//!   The instrument's source says so. A member who re-enters
//!   (two rows) gets two memberships.
//! * **One clause per obligation of each member** (label `<obligation>/<party>`), bound on
//!   that member toward every other party: `defense` → `defend`, `offense` → `offense`,
//!   `neutral` → `neutrality`, `nonagg` → `non_aggression`, `consul` → `consult`. Its text
//!   is ATOP's definition of the obligation and its conditions, marked as ATOP's coding: the
//!   treaty's words are in ATOP's codesheet for the alliance, not in the data.
//! * **Conditions** (codebook 2.33). A defence, offence or neutrality obligation conditional
//!   on a particular adversary (`defcoadv`, `offcoadv`, `neucoadv`) is limited to the states
//!   ATOP names as the alliance's specific threats (`statthr1`, `statthr2`) as `adversaries`;
//!   ATOP does not say that the condition names exactly those states, so the clause's source
//!   says it is assumed, and when ATOP names no state (a type of adversary, a region, a
//!   non-state threat) the clause applies against any adversary, as said in its source. A
//!   defence conditional on the ally not provoking the attack (`defconpr`) is
//!   `unless_provoked`. Every other condition — a location, an ongoing conflict, the number of
//!   adversaries, demands, a neutrality only toward an ally that is attacked or does not
//!   provoke, consultation on request, `olimob` — is one the model cannot express: it is
//!   written into the clause's text and source, the clause applies without it, and the report
//!   counts it.
//! * **Obligations that vary by partner** (`obvary` = 1: "this member has different
//!   obligations to different members", codebook 2.33). The member-level file says what the
//!   member promises but not to whom, and the directed-dyad data that would say it are not
//!   read. With [`Obvary::TowardAll`] (the default) such a member's clauses are owed to every
//!   partner, which may be more than it promised, and each clause's source says so; with
//!   [`Obvary::Skip`] they are left out, which may be less. Either way the report counts them.
//! * **Parties**: every member and named threat, as a state with the id [`super::codes`]
//!   gives its COW code.
//!
//! Every instrument's source cites ATOP with its version (from the file's `version` column),
//! the alliance's ATOPID and phase, and `http://www.atopdata.org`, where its codesheet is.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use super::{Header, ImportError, ImportReport, Row, and_list, codes, csv_reader, records};
use crate::model::Date;
use crate::spec::{
    ClauseFile, InstrumentFile, MembershipFile, PartyFile, ScenarioFile, SourceFile,
};

/// The member-level file, as errors name it.
pub const MEMBERS_FILE: &str = "ATOP member-level file";
/// The alliance-level file, as errors name it.
pub const ALLIANCES_FILE: &str = "ATOP alliance-level file";

const URL: &str = "http://www.atopdata.org";

/// How to read the obligations of a member whose obligations vary by partner (`obvary` = 1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Obvary {
    /// Owed to every partner, with an assumption in each clause's source: the upper bound.
    #[default]
    TowardAll,
    /// Left out: the lower bound.
    Skip,
}

/// How to import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// What to do with obligations that vary by partner.
    pub obvary: Obvary,
}

impl Options {
    /// These options, with `obvary` for obligations that vary by partner.
    pub fn obvary(mut self, obvary: Obvary) -> Options {
        self.obvary = obvary;
        self
    }
}

/// Reads ATOP's member-level file, and optionally the alliance-level file to cross-check it,
/// into a scenario, with the default [`Options`]. See the [module documentation](self).
///
/// The scenario loads with [`crate::load::from_file_form`].
///
/// # Errors
///
/// A file that is not CSV, a column the import needs missing from a header, a value that is
/// not what the codebook says (a code that is not a number, a month 13): each names the file,
/// row and column.
///
/// # Example
///
/// ```
/// use allegiance::import::atop;
///
/// // NATO's first phase, abridged: two founding members and one accession.
/// let members = "\
/// atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,ineffect,phase,defense,offense,neutral,nonagg,consul,version
/// 3180,2,1949,4,4,0,0,0,1,0,1,0,0,0,1,5.1
/// 3180,20,1949,4,4,0,0,0,1,0,1,0,0,0,1,5.1
/// 3180,640,1952,2,18,0,0,0,1,0,1,0,0,0,1,5.1
/// ";
/// let (file, report) = atop::read(members.as_bytes(), None)?;
/// let nato = &file.instruments[0];
/// assert_eq!(nato.id, "atop-3180");
/// assert_eq!(nato.members_of.as_deref(), Some("atop-3180-members")); // Turkey joined later
/// let labels: Vec<&str> = nato.clauses.iter().map(|it| it.label.as_str()).collect();
/// assert_eq!(labels, ["defense/CAN", "consul/CAN", "defense/TUR", "consul/TUR", "defense/USA", "consul/USA"]);
/// assert!(nato.source.citation.contains("ATOPID 3180"));
/// assert_eq!(report.made["clauses"], 6);
/// allegiance::load::from_file_form(file)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read(
    members: impl Read,
    alliances: Option<&mut dyn Read>,
) -> Result<(ScenarioFile, ImportReport), ImportError> {
    read_with(members, alliances, &Options::default())
}

/// As [`read`], with options.
///
/// # Errors
///
/// As [`read`].
///
/// # Example
///
/// ```
/// use allegiance::import::atop::{self, Obvary, Options};
///
/// // Locarno, 1925, abridged: the United Kingdom guarantees (obvary = 1), France and
/// // Germany promise each other non-aggression.
/// let members = "\
/// atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul,obvary
/// 2130,200,1925,10,16,1937,4,24,0,1,0,0,0,0,1
/// 2130,220,1925,10,16,1937,4,24,0,1,0,0,1,0,1
/// 2130,255,1925,10,16,1936,3,7,0,1,0,0,1,0,1
/// ";
/// let skip = Options::default().obvary(Obvary::Skip);
/// let (file, report) = atop::read_with(members.as_bytes(), None, &skip)?;
/// assert!(file.instruments[0].clauses.is_empty());
/// assert_eq!(report.dropped.values().sum::<usize>(), 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_with(
    members: impl Read,
    alliances: Option<&mut dyn Read>,
    options: &Options,
) -> Result<(ScenarioFile, ImportReport), ImportError> {
    let mut report = ImportReport::new("ATOP member-level file");
    let rows = member_rows(members, &mut report)?;
    report.rows = rows.len();
    let mut phases: BTreeMap<(u32, u32), Vec<MemberRow>> = BTreeMap::new();
    for row in rows {
        phases.entry((row.atopid, row.phase)).or_default().push(row);
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut instruments = Vec::new();
    let mut organisations = Vec::new();
    for ((atopid, phase), rows) in &phases {
        let made = Phase::new(*atopid, *phase, rows).build(options, &mut report, &mut used);
        if let Some((instrument, organisation)) = made {
            report.made("clauses", instrument.clauses.len());
            instruments.push(instrument);
            organisations.extend(organisation);
        }
    }
    if let Some(alliances) = alliances {
        cross_check(alliances, &phases, &mut report)?;
    }
    let mut parties: Vec<PartyFile> = Vec::new();
    for id in &used {
        let party = codes::party_file(id);
        if codes::countries_of(id).is_empty() {
            report.approximated(
                "parties: a code in neither COW's list nor the table, kept as COW-<code>",
                None,
                id,
                "a country code in neither COW's list nor the table: a state named after its code"
                    .to_owned(),
            );
        }
        parties.push(party);
    }
    report.made("parties", parties.len());
    report.made("organisations", organisations.len());
    report.made("instruments", instruments.len());
    parties.extend(organisations);
    let file = ScenarioFile {
        title: Some("Alliances of ATOP 5.1".to_owned()),
        description: Some(
            "Every alliance of ATOP's member-level file, one instrument per alliance and phase, \
             one clause per obligation of each member; imported by allegiance::import::atop."
                .to_owned(),
        ),
        parties,
        instruments,
        ..ScenarioFile::default()
    };
    Ok((file, report))
}

// ----- rows -----

/// A day, and whether ATOP gave it or it was read as the 1st.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Day {
    date: Date,
    guessed: bool,
}

/// One row of the member-level file, as the import uses it.
#[derive(Clone, Debug)]
struct MemberRow {
    row: u64,
    atopid: u32,
    phase: u32,
    member: u32,
    entry: Day,
    exit: Option<Day>,
    treaty: bool,
    secondary: bool,
    version: Option<String>,
    /// The obligations, in the order of [`OBLIGATIONS`].
    obligations: Vec<Spec>,
    obvary: bool,
    olimob: bool,
}

/// One obligation of a member, with the conditions read.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Spec {
    obligation: &'static Obligation,
    /// The threats the adversary condition is read as naming, as party ids.
    adversaries: Vec<String>,
    /// The threats, as COW codes, for the text.
    threats: Vec<u32>,
    /// An adversary condition naming no state.
    unnamed_adversary: bool,
    unless_provoked: bool,
    /// The conditions the model cannot express: (column, what it says).
    unexpressed: Vec<(&'static str, &'static str)>,
}

/// An obligation ATOP codes, and how the model reads it.
#[derive(Debug, PartialEq, Eq)]
struct Obligation {
    column: &'static str,
    action: &'static str,
    /// What the member promises, after the codebook (2.33).
    promise: &'static str,
    /// The column of the condition upon a particular adversary.
    adversary: &'static str,
    /// The column of the condition upon the ally not provoking, when the model expresses it.
    provoked: Option<&'static str>,
    /// The conditions the model cannot express.
    unexpressed: &'static [(&'static str, &'static str)],
    /// Whether the model's action takes `adversaries`.
    takes_adversaries: bool,
}

const OBLIGATIONS: [Obligation; 5] = [
    Obligation {
        column: "defense",
        action: "defend",
        promise: "promises active military support in the event of an attack on the \
                  sovereignty or territorial integrity of one or more alliance partners",
        adversary: "defcoadv",
        provoked: Some("defconpr"),
        unexpressed: &[
            ("defcoloc", "conflict in a particular location"),
            ("defcocon", "a particular ongoing conflict"),
            ("defconum", "the number of adversaries"),
            (
                "defcodem",
                "the ally or the adversary meeting demands the treaty details",
            ),
        ],
        takes_adversaries: true,
    },
    Obligation {
        column: "offense",
        action: "offense",
        promise: "promises active military support under conditions not precipitated by an \
                  attack on the sovereignty or territorial integrity of an alliance partner",
        adversary: "offcoadv",
        provoked: None,
        unexpressed: &[
            ("offcoloc", "conflict in a particular location"),
            ("offcocon", "a particular ongoing conflict"),
            ("offconum", "the number of adversaries"),
            (
                "offcodem",
                "the ally or the adversary meeting demands the treaty details",
            ),
        ],
        takes_adversaries: true,
    },
    Obligation {
        column: "neutral",
        action: "neutrality",
        promise: "promises not to join a conflict between an alliance partner and a third \
                  party on the side of the partner's adversary",
        adversary: "neucoadv",
        provoked: None,
        unexpressed: &[
            ("neucoloc", "conflict in a particular location"),
            ("neucocon", "a particular ongoing conflict"),
            ("neuconum", "the number of adversaries"),
            (
                "neucodem",
                "the ally or the adversary meeting demands the treaty details",
            ),
            ("neuconpr", "the ally not provoking the adversary"),
            ("neucoatt", "the ally being attacked (not when it attacks)"),
        ],
        takes_adversaries: true,
    },
    Obligation {
        column: "nonagg",
        action: "non_aggression",
        promise: "promises not to use force against one or more alliance partners to settle \
                  disputes",
        adversary: "",
        provoked: None,
        unexpressed: &[],
        takes_adversaries: false,
    },
    Obligation {
        column: "consul",
        action: "consult",
        promise: "promises to consult with one or more alliance partners in the event of \
                  crises with the potential to become militarized conflicts",
        adversary: "concoadv",
        provoked: None,
        unexpressed: &[
            ("concoloc", "crisis in a particular location"),
            ("concocon", "a particular ongoing conflict"),
            ("concoreq", "an ally requesting consultation"),
        ],
        takes_adversaries: false,
    },
];

/// The columns of conditions: each absent one is read as 0, and reported once.
const CONDITION_COLUMNS: &[&str] = &[
    "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr", "offcoadv", "offcoloc",
    "offcocon", "offconum", "offcodem", "neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem",
    "neuconpr", "neucoatt", "concoadv", "concoloc", "concocon", "concoreq", "olimob", "obvary",
    "statthr1", "statthr2",
];

fn member_rows(
    members: impl Read,
    report: &mut ImportReport,
) -> Result<Vec<MemberRow>, ImportError> {
    let mut reader = csv_reader(members);
    let header = Header::read(MEMBERS_FILE, &mut reader)?;
    for column in [
        "atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "phase",
    ]
    .into_iter()
    .chain(OBLIGATIONS.iter().map(|it| it.column))
    {
        header.require(column)?;
    }
    for column in CONDITION_COLUMNS {
        if !header.has(column) {
            report.approximated(
                "columns absent from the member-level file, read as 0",
                None,
                column,
                format!("no column `{column}`: read as 0 (no such condition) in every row"),
            );
        }
    }
    let mut rows = Vec::new();
    for (row, record) in records(MEMBERS_FILE, &mut reader)? {
        rows.push(member_row(&header.row(row, &record))?);
    }
    Ok(rows)
}

fn member_row(row: &Row<'_>) -> Result<MemberRow, ImportError> {
    let number = |column: &'static str| -> Result<u32, ImportError> {
        let value = row.int(column)?;
        u32::try_from(value).map_err(|_| row.bad(column, &value.to_string(), "a whole number"))
    };
    let atopid = number("atopid")?;
    let phase = number("phase")?;
    let member = row
        .code("member")?
        .ok_or_else(|| row.bad("member", "", "a country code"))?;
    let entry = day(
        row,
        "yrent/moent/dayent",
        row.int("yrent")?,
        row.int("moent")?,
        row.maybe_int("dayent")?,
    )?;
    let exit = match row.maybe_int("yrexit")? {
        None | Some(0) => None,
        Some(year) => Some(day(
            row,
            "yrexit/moexit/dayexit",
            year,
            row.int("moexit")?,
            row.maybe_int("dayexit")?,
        )?),
    };
    let threats = [row.code_if("statthr1")?, row.code_if("statthr2")?]
        .into_iter()
        .flatten()
        .collect::<Vec<u32>>();
    let mut obligations = Vec::new();
    for obligation in &OBLIGATIONS {
        if row.flag(obligation.column)? {
            obligations.push(spec(row, obligation, &threats)?);
        }
    }
    Ok(MemberRow {
        row: row.row,
        atopid,
        phase,
        member,
        entry,
        exit,
        treaty: row.maybe_int_if("estmode")? == Some(1),
        secondary: row.maybe_int_if("source")? == Some(2),
        version: row
            .optional_text("version")
            .filter(|it| !it.is_empty())
            .map(str::to_owned),
        obligations,
        obvary: row.flag("obvary")?,
        olimob: row.flag("olimob")?,
    })
}

fn day(
    row: &Row<'_>,
    columns: &'static str,
    year: i64,
    month: i64,
    day: Option<i64>,
) -> Result<Day, ImportError> {
    let (day, guessed) = match day {
        None | Some(0) => (1, true),
        Some(day) => (day, false),
    };
    Ok(Day {
        date: row.date(columns, (year, month, day))?,
        guessed,
    })
}

fn spec(
    row: &Row<'_>,
    obligation: &'static Obligation,
    threats: &[u32],
) -> Result<Spec, ImportError> {
    let mut spec = Spec {
        obligation,
        adversaries: Vec::new(),
        threats: Vec::new(),
        unnamed_adversary: false,
        unless_provoked: false,
        unexpressed: Vec::new(),
    };
    if !obligation.adversary.is_empty() && row.flag(obligation.adversary)? {
        if !obligation.takes_adversaries {
            spec.unexpressed
                .push((obligation.adversary, "a particular adversary"));
        } else if threats.is_empty() {
            spec.unnamed_adversary = true;
        } else {
            spec.threats = threats.to_vec();
            let mut ids: Vec<String> = threats.iter().map(|it| codes::party_id(*it)).collect();
            ids.dedup();
            spec.adversaries = ids;
        }
    }
    if let Some(column) = obligation.provoked {
        spec.unless_provoked = row.flag(column)?;
    }
    for (column, condition) in obligation.unexpressed {
        if row.flag(column)? {
            spec.unexpressed.push((column, condition));
        }
    }
    Ok(spec)
}

// ----- one alliance phase -----

/// The rows of one alliance phase, by party.
struct Phase<'r> {
    atopid: u32,
    phase: u32,
    rows: &'r [MemberRow],
    /// Each party's rows, in row order.
    by_party: BTreeMap<String, Vec<&'r MemberRow>>,
}

/// A party's time in the alliance phase: from its first day to its exit (none: in effect).
type Span = (Date, Option<Date>);

impl<'r> Phase<'r> {
    fn new(atopid: u32, phase: u32, rows: &'r [MemberRow]) -> Phase<'r> {
        let mut by_party: BTreeMap<String, Vec<&MemberRow>> = BTreeMap::new();
        for row in rows {
            by_party
                .entry(codes::party_id(row.member))
                .or_default()
                .push(row);
        }
        Phase {
            atopid,
            phase,
            rows,
            by_party,
        }
    }

    fn id(&self) -> String {
        match self.phase {
            0 => format!("atop-{}", self.atopid),
            phase => format!("atop-{}-p{phase}", self.atopid),
        }
    }

    fn title(&self) -> String {
        match self.phase {
            0 => format!("ATOP alliance {}", self.atopid),
            phase => format!("ATOP alliance {}, phase {phase}", self.atopid),
        }
    }

    fn version(&self) -> String {
        self.rows
            .iter()
            .find_map(|it| it.version.clone())
            .unwrap_or_else(|| "(no version given in the file)".to_owned())
    }

    fn citation(&self) -> String {
        let phase = match self.phase {
            0 => String::new(),
            phase => format!(", phase {phase}"),
        };
        format!(
            "Alliance Treaty Obligations and Provisions (ATOP), version {}, member-level data, \
             ATOPID {}{phase} (Leeds, Ritter, Mitchell and Long 2002, International \
             Interactions 28: 237-260; codebook of 9 August 2022)",
            self.version(),
            self.atopid
        )
    }

    /// The instrument, and the organisation of its members when they do not all belong for
    /// the whole phase; `None` when fewer than two parties remain.
    fn build(
        &self,
        options: &Options,
        report: &mut ImportReport,
        used: &mut BTreeSet<String>,
    ) -> Option<(InstrumentFile, Option<PartyFile>)> {
        let id = self.id();
        let mut assumptions = vec![format!(
            "ATOP's coding of the alliance, not the treaty's text (ATOP's codesheet for \
             alliance {} quotes its articles); ATOP's dates of signature and end are read as \
             entry into force and termination",
            self.atopid
        )];
        let mut spans: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
        for (party, rows) in &self.by_party {
            let mut party_spans = Vec::new();
            for row in rows {
                party_spans.push(self.span(row, &id, report, &mut assumptions));
            }
            spans.insert(party.as_str(), merge(party_spans));
        }
        if self.by_party.len() < 2 {
            report.dropped(
                "alliance phases with fewer than two parties, left out",
                self.rows.first().map(|it| it.row),
                &id,
                "fewer than two parties once COW codes are read as parties".to_owned(),
            );
            return None;
        }
        if self.rows.iter().any(|it| it.secondary) {
            assumptions.push(
                "ATOP coded this alliance from secondary sources without its text (SOURCE = 2)"
                    .to_owned(),
            );
        }
        used.extend(self.by_party.keys().cloned());
        let all: Vec<Span> = spans.values().flatten().copied().collect();
        let start = all.iter().map(|it| it.0).min()?;
        let end = if all.iter().any(|it| it.1.is_none()) {
            None
        } else {
            all.iter().filter_map(|it| it.1).max()
        };
        let listed = spans.values().all(|it| it.as_slice() == [(start, end)]);
        let source = SourceFile {
            citation: self.citation(),
            url: Some(URL.to_owned()),
            assumption: Some(format!("{}.", assumptions.join("; "))),
        };
        let organisation = (!listed).then(|| self.organisation(&id, &spans, (start, end)));
        let mut clauses = Vec::new();
        for (party, rows) in &self.by_party {
            self.clauses(party, rows, options, report, used, &mut clauses);
        }
        // In the file's order, one name per party.
        let mut named = BTreeSet::new();
        let names: Vec<String> = self
            .rows
            .iter()
            .filter(|row| named.insert(codes::party_id(row.member)))
            .map(|row| name(row.member))
            .collect();
        let instrument = InstrumentFile {
            id: id.clone(),
            name: format!("{}: {}", self.title(), shortened(&names)),
            kind: if self.rows.iter().all(|it| it.treaty) {
                "treaty"
            } else {
                "other"
            }
            .to_owned(),
            force: "binding".to_owned(),
            form: if listed && self.by_party.len() == 2 {
                "bilateral"
            } else {
                "multilateral"
            }
            .to_owned(),
            parties: if listed {
                self.by_party.keys().cloned().collect()
            } else {
                Vec::new()
            },
            members_of: organisation.as_ref().map(|it| it.id.clone()),
            signed: Some(start.to_string()),
            terminated: end.map(|it| it.to_string()),
            source,
            clauses,
            ..InstrumentFile::default()
        };
        Some((instrument, organisation))
    }

    /// A row's time in the alliance, with what was assumed about it.
    fn span(
        &self,
        row: &MemberRow,
        id: &str,
        report: &mut ImportReport,
        assumptions: &mut Vec<String>,
    ) -> Span {
        let who = name(row.member);
        if row.entry.guessed {
            let text = format!(
                "{who}'s entry day is missing in ATOP: read as {}",
                row.entry.date
            );
            report.approximated(
                "member rows: entry day missing, read as the 1st",
                Some(row.row),
                id,
                text.clone(),
            );
            assumptions.push(text);
        }
        let mut exit = row.exit.map(|it| it.date);
        if let Some(day) = row.exit.filter(|it| it.guessed) {
            let text = format!("{who}'s exit day is missing in ATOP: read as {}", day.date);
            report.approximated(
                "member rows: exit day missing, read as the 1st",
                Some(row.row),
                id,
                text.clone(),
            );
            assumptions.push(text);
        }
        if let Some(end) = exit
            && end <= row.entry.date
        {
            exit = row.entry.date.next_day();
            let text = format!(
                "{who}'s exit does not follow its entry once missing days are read: read as \
                 one day of membership"
            );
            report.approximated(
                "member rows: exit not after entry, read as one day",
                Some(row.row),
                id,
                text.clone(),
            );
            assumptions.push(text);
        }
        (row.entry.date, exit)
    }

    fn organisation(&self, id: &str, spans: &BTreeMap<&str, Vec<Span>>, life: Span) -> PartyFile {
        let members = spans
            .iter()
            .flat_map(|(party, spans)| {
                spans.iter().map(|(since, until)| MembershipFile {
                    party: (*party).to_owned(),
                    since: Some(since.to_string()),
                    until: until.map(|it| it.to_string()),
                    source: None,
                })
            })
            .collect();
        PartyFile {
            id: format!("{id}-members"),
            name: format!("Members of {}", self.title()),
            kind: "organisation".to_owned(),
            since: Some(life.0.to_string()),
            until: life.1.map(|it| it.to_string()),
            members,
            source: Some(SourceFile {
                citation: self.citation(),
                url: Some(URL.to_owned()),
                assumption: Some(
                    "an organisation made by the importer to give each member of the \
                     alliance its own dates of entry and exit"
                        .to_owned(),
                ),
            }),
        }
    }

    /// The clauses of one party: its first row's obligations (its other rows, a re-entry or a
    /// second COW code of the same party, are compared with them).
    fn clauses(
        &self,
        party: &str,
        rows: &[&MemberRow],
        options: &Options,
        report: &mut ImportReport,
        used: &mut BTreeSet<String>,
        clauses: &mut Vec<ClauseFile>,
    ) {
        let id = self.id();
        let Some(first) = rows.first() else {
            return;
        };
        for other in rows.iter().skip(1) {
            if other.obligations != first.obligations
                || other.obvary != first.obvary
                || other.olimob != first.olimob
            {
                report.approximated(
                    "member rows: a party's rows disagree, its first row's obligations kept",
                    Some(other.row),
                    &id,
                    format!(
                        "{party}'s obligations differ from those of row {}: that row's are kept",
                        first.row
                    ),
                );
            }
        }
        if first.obvary && !first.obligations.is_empty() {
            match options.obvary {
                Obvary::Skip => {
                    for spec in &first.obligations {
                        report.dropped(
                            "clauses of members whose obligations vary by partner (OBVARY = 1), left out",
                            Some(first.row),
                            &format!("{id} {}/{party}", spec.obligation.column),
                            "OBVARY = 1: the member-level file does not say toward whom".to_owned(),
                        );
                    }
                    return;
                }
                Obvary::TowardAll => report.approximated(
                    "member rows with OBVARY = 1: obligations read as owed to every partner",
                    Some(first.row),
                    &id,
                    format!(
                        "{party}'s obligations vary by partner (OBVARY = 1); they are read as \
                         owed to every partner"
                    ),
                ),
            }
        }
        for spec in &first.obligations {
            let clause = self.clause(party, first, spec, report);
            used.extend(clause.adversaries.iter().cloned());
            clauses.push(clause);
        }
    }

    fn clause(
        &self,
        party: &str,
        row: &MemberRow,
        spec: &Spec,
        report: &mut ImportReport,
    ) -> ClauseFile {
        let obligation = spec.obligation;
        let label = format!("{}/{party}", obligation.column);
        let item = format!("{} {label}", self.id());
        let who = name(row.member);
        let mut text = vec![format!(
            "ATOP {} codes {} = 1 for {who} (COW {}) in alliance {}: it {}.",
            self.version(),
            obligation.column.to_ascii_uppercase(),
            row.member,
            self.atopid,
            obligation.promise
        )];
        let mut assumptions = Vec::new();
        let adversary = obligation.adversary.to_ascii_uppercase();
        if !spec.adversaries.is_empty() {
            let threats: Vec<String> = spec
                .threats
                .iter()
                .map(|it| format!("{} (COW {it})", name(*it)))
                .collect();
            text.push(format!(
                "Conditional upon a particular adversary ({adversary} = 1); the alliance's \
                 specific threats are {} (STATTHR1, STATTHR2).",
                and_list(&threats)
            ));
            assumptions.push(format!(
                "the adversary condition is read as naming the alliance's specific threats, \
                 {}, which ATOP does not say",
                and_list(&threats)
            ));
            report.approximated(
                "clauses: adversary condition read as the threats STATTHR1/STATTHR2",
                Some(row.row),
                &item,
                format!("limited to {}", and_list(&threats)),
            );
        }
        if spec.unnamed_adversary {
            text.push(format!(
                "Conditional upon a particular adversary or type of adversary ({adversary} = \
                 1), which ATOP does not name."
            ));
            assumptions.push(
                "the adversary condition names no state: the clause applies against any \
                 adversary"
                    .to_owned(),
            );
            report.approximated(
                "clauses: adversary condition naming no state, applied against any adversary",
                Some(row.row),
                &item,
                "no state named as a threat".to_owned(),
            );
        }
        if spec.unless_provoked {
            text.push(
                "Conditional upon the ally not provoking the adversary (DEFCONPR = 1).".to_owned(),
            );
        }
        for (column, condition) in &spec.unexpressed {
            let column = column.to_ascii_uppercase();
            text.push(format!("Conditional upon {condition} ({column} = 1)."));
            assumptions.push(format!(
                "the condition upon {condition} ({column}) cannot be expressed in the model: \
                 the clause applies without it"
            ));
            report.approximated(
                &format!(
                    "clauses: {} conditional upon {condition} ({column}), applied without it",
                    obligation.column
                ),
                Some(row.row),
                &item,
                format!("{column} = 1 not expressed"),
            );
        }
        if row.olimob {
            text.push(
                "ATOP codes OLIMOB = 1: an obligation of this member depends on a condition \
                 not otherwise coded."
                    .to_owned(),
            );
            assumptions.push(
                "a condition ATOP does not specify (OLIMOB) is not expressed: the clause \
                 applies without it"
                    .to_owned(),
            );
            report.approximated(
                "clauses: of a member with an uncoded condition (OLIMOB), applied without it",
                Some(row.row),
                &item,
                "OLIMOB = 1 not expressed".to_owned(),
            );
        }
        if row.obvary {
            text.push(
                "ATOP codes OBVARY = 1: this member's obligations differ by partner.".to_owned(),
            );
            assumptions.push(
                "OBVARY = 1: the member-level file does not say toward which partners; read \
                 as owed to every partner"
                    .to_owned(),
            );
        }
        text.push("(ATOP's coding of the treaty, not its words.)".to_owned());
        let source = (!assumptions.is_empty()).then(|| SourceFile {
            citation: format!("{}, member {}", self.citation(), row.member),
            url: Some(URL.to_owned()),
            assumption: Some(format!("{}.", assumptions.join("; "))),
        });
        ClauseFile {
            label,
            text: text.join(" "),
            modality: "obligation".to_owned(),
            action: obligation.action.to_owned(),
            scope: vec!["security".to_owned()],
            bound: Some(vec![party.to_owned()]),
            adversaries: spec.adversaries.clone(),
            unless_provoked: spec.unless_provoked,
            source,
            ..ClauseFile::default()
        }
    }
}

/// Spans sorted and merged where they touch or overlap.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        if let Some(last) = merged.last_mut()
            && last.1.is_none_or(|it| start <= it)
        {
            last.1 = match (last.1, end) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
            continue;
        }
        merged.push((start, end));
    }
    merged
}

fn name(code: u32) -> String {
    codes::country(code).map_or_else(|| format!("COW code {code}"), |it| it.name.to_owned())
}

/// Up to five names; beyond, four and how many more.
fn shortened(names: &[String]) -> String {
    match names {
        [a, b, c, d, rest @ ..] if rest.len() > 1 => {
            format!("{a}, {b}, {c}, {d} and {} others", rest.len())
        }
        _ => and_list(names),
    }
}

// ----- the alliance-level file -----

fn cross_check(
    alliances: &mut dyn Read,
    phases: &BTreeMap<(u32, u32), Vec<MemberRow>>,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let mut reader = csv_reader(alliances);
    let header = Header::read(ALLIANCES_FILE, &mut reader)?;
    header.require("atopid")?;
    let member_columns: Vec<&'static str> = MEM_COLUMNS
        .iter()
        .copied()
        .filter(|it| header.has(it))
        .collect();
    if member_columns.is_empty() {
        header.require("mem1")?;
    }
    let mut in_members: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for ((atopid, _), rows) in phases {
        in_members
            .entry(*atopid)
            .or_default()
            .extend(rows.iter().map(|it| it.member));
    }
    let mut seen = BTreeSet::new();
    let mut count = 0;
    for (row, record) in records(ALLIANCES_FILE, &mut reader)? {
        let row = header.row(row, &record);
        count += 1;
        let atopid = row.int("atopid")?;
        let atopid = u32::try_from(atopid)
            .map_err(|_| row.bad("atopid", &atopid.to_string(), "an ATOPID"))?;
        seen.insert(atopid);
        let mut listed = BTreeSet::new();
        for column in &member_columns {
            listed.extend(row.code(column)?);
        }
        let item = format!("ATOPID {atopid}");
        let Some(members) = in_members.get(&atopid) else {
            report.dropped(
                "alliances of the alliance-level file without member rows, left out",
                Some(row.row),
                &item,
                "in the alliance-level file only".to_owned(),
            );
            continue;
        };
        for code in listed.difference(members) {
            report.dropped(
                "members listed in the alliance-level file without a member row, left out",
                Some(row.row),
                &item,
                format!("{} (COW {code}) has no member row", name(*code)),
            );
        }
        for code in members.difference(&listed) {
            report.note(
                Some(row.row),
                &item,
                format!(
                    "{} (COW {code}) has member rows but is not listed in the alliance-level \
                     file; kept",
                    name(*code)
                ),
            );
        }
    }
    report.made("alliance-level rows cross-checked", count);
    for atopid in in_members.keys().filter(|it| !seen.contains(it)) {
        report.note(
            None,
            &format!("ATOPID {atopid}"),
            "not in the alliance-level file; kept".to_owned(),
        );
    }
    Ok(())
}

/// The member columns of the alliance-level file, `mem1` to `mem59`, and room to grow.
const MEM_COLUMNS: &[&str] = &[
    "mem1", "mem2", "mem3", "mem4", "mem5", "mem6", "mem7", "mem8", "mem9", "mem10", "mem11",
    "mem12", "mem13", "mem14", "mem15", "mem16", "mem17", "mem18", "mem19", "mem20", "mem21",
    "mem22", "mem23", "mem24", "mem25", "mem26", "mem27", "mem28", "mem29", "mem30", "mem31",
    "mem32", "mem33", "mem34", "mem35", "mem36", "mem37", "mem38", "mem39", "mem40", "mem41",
    "mem42", "mem43", "mem44", "mem45", "mem46", "mem47", "mem48", "mem49", "mem50", "mem51",
    "mem52", "mem53", "mem54", "mem55", "mem56", "mem57", "mem58", "mem59", "mem60", "mem61",
    "mem62", "mem63", "mem64", "mem65", "mem66", "mem67", "mem68", "mem69", "mem70",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn spans_merge_where_they_touch() {
        let spans = vec![
            (date("1990-10-03"), None),
            (date("1963-01-22"), Some(date("1990-10-03"))),
        ];
        assert_eq!(merge(spans), [(date("1963-01-22"), None)]);
        let apart = vec![
            (date("1945-03-22"), Some(date("1979-03-31"))),
            (date("1989-05-22"), None),
        ];
        assert_eq!(merge(apart.clone()), apart);
    }

    #[test]
    fn long_lists_of_names_are_shortened() {
        let names: Vec<String> = (1..=6).map(|it| format!("s{it}")).collect();
        assert_eq!(shortened(&names), "s1, s2, s3, s4 and 2 others");
        assert_eq!(shortened(&names[..5]), "s1, s2, s3, s4 and s5");
    }
}
