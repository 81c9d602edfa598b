//! What can go wrong while loading: one [`LoadError`] per problem, all of them together in
//! [`LoadErrors`].
//!
//! Loading is the one layer of the crate that can fail, so it has the one error type. Callers
//! (the command line, newsroom tooling) want to match on the kind of problem, so [`Problem`] is
//! an enum rather than an opaque error.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// Where a problem is: the path of the value in the file and, when the file has one, the line
/// and column (1-based, columns counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Location {
    /// The path of the value: `instruments[3].clauses[1].action`, or `(top level)`.
    pub path: String,
    /// The line, when the problem has a place in a file.
    pub line: Option<usize>,
    /// The column, when the problem has a place in a file.
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{line}:{column} ({})", self.path),
            _ => write!(f, "{}", self.path),
        }
    }
}

/// One problem in a scenario: what is wrong, where, and what would fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {problem}")]
pub struct LoadError {
    location: Location,
    problem: Problem,
    span: Option<Range<usize>>,
}

impl LoadError {
    pub(crate) fn new(location: Location, problem: Problem, span: Option<Range<usize>>) -> Self {
        Self {
            location,
            problem,
            span,
        }
    }

    /// Where the problem is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// What the problem is.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// What would fix it.
    pub fn help(&self) -> String {
        self.problem.help()
    }

    /// A stable code naming the kind of problem, such as `allegiance::load::unknown_id`.
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }
}

/// What is wrong with a scenario, one variant per kind of problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The file could not be read.
    #[error("cannot read the file: {message}")]
    #[non_exhaustive]
    Io {
        /// What the operating system said.
        message: String,
    },
    /// The file's name does not say whether it is TOML or JSON.
    #[error("cannot tell the format of `{name}`")]
    #[non_exhaustive]
    UnknownFormat {
        /// The file's name.
        name: String,
    },
    /// The text is not valid TOML or JSON.
    #[error("{format} syntax: {message}")]
    #[non_exhaustive]
    Syntax {
        /// `TOML` or `JSON`.
        format: &'static str,
        /// What the parser said.
        message: String,
    },
    /// A key the file form does not have.
    #[error("unknown field `{field}`")]
    #[non_exhaustive]
    UnknownField {
        /// The key as written.
        field: String,
        /// The closest known field, if one is close.
        suggestion: Option<String>,
        /// Every field allowed here.
        allowed: Vec<&'static str>,
    },
    /// A required key is absent.
    #[error("missing field `{field}`")]
    #[non_exhaustive]
    MissingField {
        /// The key that is required.
        field: &'static str,
        /// An example of a value for it.
        example: &'static str,
    },
    /// A value of the wrong type: a number where a string belongs, say.
    #[error("expected {expected}, found {found}")]
    #[non_exhaustive]
    WrongType {
        /// What belongs here.
        expected: &'static str,
        /// What the file has.
        found: &'static str,
    },
    /// A word that is not one of the allowed values (`action = "defnd"`).
    #[error("unknown {what} `{value}`")]
    #[non_exhaustive]
    UnknownValue {
        /// What the value names: `action`, `stance`, `domain`…
        what: &'static str,
        /// The value as written.
        value: String,
        /// The closest allowed value, if one is close.
        suggestion: Option<String>,
        /// Every allowed value.
        allowed: Vec<String>,
    },
    /// An id that is not well formed (empty, or with white space).
    #[error("`{text}` is not a valid id: {reason}")]
    #[non_exhaustive]
    BadId {
        /// The id as written.
        text: String,
        /// Why it is not valid.
        reason: String,
    },
    /// An id that is declared twice.
    #[error("duplicate {kind} id `{id}`")]
    #[non_exhaustive]
    DuplicateId {
        /// `party`, `instrument`…
        kind: &'static str,
        /// The id.
        id: String,
        /// The path where it was first declared.
        first: String,
    },
    /// A reference to an id that is not declared.
    #[error("unknown {kind} `{id}`")]
    #[non_exhaustive]
    UnknownId {
        /// `party`, `instrument`…
        kind: &'static str,
        /// The id as written.
        id: String,
        /// The closest declared id, if one is close.
        suggestion: Option<String>,
    },
    /// A reference to a party of the wrong kind: a state where an organisation belongs.
    #[error("`{id}` is not {expected}")]
    #[non_exhaustive]
    WrongPartyKind {
        /// The party.
        id: String,
        /// What it should be: `an organisation`.
        expected: &'static str,
    },
    /// A date that is malformed or names no day of the calendar.
    #[error("bad date: {reason}")]
    #[non_exhaustive]
    BadDate {
        /// The text as written.
        text: String,
        /// Why it is not a date.
        reason: String,
    },
    /// Two dates in the wrong order: an end before its beginning.
    #[error("`{end_field}` ({end}) is not after `{start_field}` ({start})")]
    #[non_exhaustive]
    ReversedDates {
        /// The field that begins.
        start_field: &'static str,
        /// Its date.
        start: String,
        /// The field that ends.
        end_field: &'static str,
        /// Its date.
        end: String,
    },
    /// Something dated outside the life of what it belongs to: a membership outside its
    /// organisation's existence.
    #[error("{what} ({inner}) lies outside {outer_what} ({outer})")]
    #[non_exhaustive]
    OutsideLife {
        /// What is dated.
        what: String,
        /// Its interval.
        inner: String,
        /// What it should lie within.
        outer_what: String,
        /// That interval.
        outer: String,
    },
    /// A clause names a party who is not a party to its instrument.
    #[error("`{party}` is not a party to `{instrument}`")]
    #[non_exhaustive]
    NotAParty {
        /// The party the clause names.
        party: String,
        /// The clause's instrument.
        instrument: String,
    },
    /// A bilateral instrument that does not have exactly two parties.
    #[error("a bilateral instrument has two parties, this one has {count}")]
    #[non_exhaustive]
    BilateralArity {
        /// How many parties it lists.
        count: usize,
    },
    /// A field that has no meaning for this kind of clause or event.
    #[error("`{field}` does not apply to {context}")]
    #[non_exhaustive]
    NotApplicable {
        /// The field.
        field: &'static str,
        /// What it was given for: `action `defend``.
        context: String,
    },
    /// Facts that cannot all be true together, such as a party attacking itself.
    #[error("{message}")]
    #[non_exhaustive]
    Inconsistent {
        /// What is inconsistent.
        message: String,
        /// What would fix it.
        help: String,
    },
}

impl Problem {
    /// A stable code naming the kind of problem.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Io { .. } => "allegiance::load::io",
            Problem::UnknownFormat { .. } => "allegiance::load::unknown_format",
            Problem::Syntax { .. } => "allegiance::load::syntax",
            Problem::UnknownField { .. } => "allegiance::load::unknown_field",
            Problem::MissingField { .. } => "allegiance::load::missing_field",
            Problem::WrongType { .. } => "allegiance::load::wrong_type",
            Problem::UnknownValue { .. } => "allegiance::load::unknown_value",
            Problem::BadId { .. } => "allegiance::load::bad_id",
            Problem::DuplicateId { .. } => "allegiance::load::duplicate_id",
            Problem::UnknownId { .. } => "allegiance::load::unknown_id",
            Problem::WrongPartyKind { .. } => "allegiance::load::wrong_party_kind",
            Problem::BadDate { .. } => "allegiance::load::bad_date",
            Problem::ReversedDates { .. } => "allegiance::load::reversed_dates",
            Problem::OutsideLife { .. } => "allegiance::load::outside_life",
            Problem::NotAParty { .. } => "allegiance::load::not_a_party",
            Problem::BilateralArity { .. } => "allegiance::load::bilateral_arity",
            Problem::NotApplicable { .. } => "allegiance::load::not_applicable",
            Problem::Inconsistent { .. } => "allegiance::load::inconsistent",
        }
    }

    /// What would fix the problem, in a sentence.
    pub fn help(&self) -> String {
        let did_you_mean = |suggestion: &Option<String>| {
            suggestion
                .as_ref()
                .map(|it| format!("did you mean `{it}`? "))
                .unwrap_or_default()
        };
        match self {
            Problem::Io { .. } => "check the path and the file's permissions".to_owned(),
            Problem::UnknownFormat { .. } => {
                "name the file `.toml` or `.json`, or call `from_toml_str` or `from_json_str`"
                    .to_owned()
            }
            Problem::Syntax { format, .. } => format!("fix the {format} syntax here"),
            Problem::UnknownField {
                suggestion,
                allowed,
                ..
            } => format!(
                "{}the fields allowed here are {}",
                did_you_mean(suggestion),
                quoted(allowed)
            ),
            Problem::MissingField { field, example } => format!("add `{field} = {example}`"),
            Problem::WrongType { expected, .. } => format!("write {expected} here"),
            Problem::UnknownValue {
                suggestion,
                allowed,
                ..
            } => format!(
                "{}write one of {}",
                did_you_mean(suggestion),
                quoted(allowed)
            ),
            Problem::BadId { .. } => {
                "write an id without spaces, such as `AZE` or `moscow-2022`".to_owned()
            }
            Problem::DuplicateId { kind, first, .. } => {
                format!("rename one of the two; the first {kind} with this id is at {first}")
            }
            Problem::UnknownId {
                kind, suggestion, ..
            } => match suggestion {
                Some(it) => format!("did you mean `{it}`?"),
                None => format!("declare the {kind} first, or correct the id"),
            },
            Problem::WrongPartyKind { expected, .. } => {
                format!("name {expected} here, or change the party's `kind`")
            }
            Problem::BadDate { .. } => {
                "write a real day as `YYYY-MM-DD`, such as `2022-02-24`".to_owned()
            }
            Problem::ReversedDates { .. } => {
                "swap the two dates, or correct the one that is wrong".to_owned()
            }
            Problem::OutsideLife { outer_what, .. } => {
                format!("correct the dates so that they lie within {outer_what}")
            }
            Problem::NotAParty { instrument, .. } => format!(
                "add the party to the parties of `{instrument}`, or remove it from this clause"
            ),
            Problem::BilateralArity { .. } => {
                "list exactly two parties, or write `form = \"multilateral\"`".to_owned()
            }
            Problem::NotApplicable { field, .. } => format!("remove `{field}`"),
            Problem::Inconsistent { help, .. } => help.clone(),
        }
    }
}

fn quoted<S: AsRef<str>>(words: &[S]) -> String {
    let words: Vec<String> = words
        .iter()
        .map(|it| format!("`{}`", it.as_ref()))
        .collect();
    words.join(", ")
}

/// Every problem found while loading one scenario, in file order.
///
/// `Display` renders them as a compiler does: each problem with its code, place, the line of
/// the file it points at, and the help.
#[derive(Debug, Clone, thiserror::Error)]
pub struct LoadErrors {
    // INVARIANT: `errors` is never empty.
    name: String,
    text: Arc<str>,
    errors: Vec<LoadError>,
}

impl LoadErrors {
    /// `None` when there are no errors, so that no empty `LoadErrors` exists.
    pub(crate) fn new(name: &str, text: Arc<str>, errors: Vec<LoadError>) -> Option<Self> {
        (!errors.is_empty()).then(|| Self {
            name: name.to_owned(),
            text,
            errors,
        })
    }

    /// A list of one problem.
    pub(crate) fn single(name: &str, text: Arc<str>, error: LoadError) -> Self {
        Self {
            name: name.to_owned(),
            text,
            errors: vec![error],
        }
    }

    /// Every problem, in file order (never empty).
    pub fn errors(&self) -> &[LoadError] {
        &self.errors
    }

    /// How many problems there are (at least one).
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Always `false`: there is at least one problem.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The name of the file, or of the source given to a `from_*_str` function.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn write_snippet(&self, f: &mut fmt::Formatter<'_>, error: &LoadError) -> fmt::Result {
        let (Some(line_number), Some(span)) = (error.location.line, &error.span) else {
            return Ok(());
        };
        let text = &*self.text;
        let start = span.start.min(text.len());
        let line_start = text
            .get(..start)
            .and_then(|it| it.rfind('\n'))
            .map_or(0, |at| at + 1);
        let line_end = text
            .get(start..)
            .and_then(|it| it.find('\n'))
            .map_or(text.len(), |at| start + at);
        let Some(line) = text.get(line_start..line_end) else {
            return Ok(());
        };
        let caret_column = text
            .get(line_start..start)
            .map_or(0, |it| it.chars().count());
        let width = text
            .get(start..span.end.clamp(start, line_end))
            .map_or(1, |it| it.chars().count().max(1));
        let gutter = " ".repeat(line_number.to_string().len());
        // Control characters would garble the terminal; show them as spaces.
        let line: String = line
            .trim_end_matches('\r')
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{line_number} | {line}")?;
        writeln!(
            f,
            "{gutter} | {}{}",
            " ".repeat(caret_column),
            "^".repeat(width)
        )
    }
}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors.len();
        let plural = if count == 1 { "problem" } else { "problems" };
        writeln!(f, "{count} {plural} in `{}`", self.name)?;
        for error in &self.errors {
            writeln!(f)?;
            writeln!(f, "error[{}]: {}", error.code(), error.problem)?;
            writeln!(f, "  --> {}:{}", self.name, error.location)?;
            self.write_snippet(f, error)?;
            writeln!(f, "  = help: {}", error.help())?;
        }
        Ok(())
    }
}

/// Converts a byte offset into a 1-based line and a 1-based column counted in characters.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let column = before.get(line_start..).map_or(0, |it| it.chars().count()) + 1;
    (line, column)
}
