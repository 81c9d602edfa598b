//! What can go wrong while loading: one [`LoadError`] per problem, all of them together in
//! [`LoadErrors`].
//!
//! Loading is the one layer of the crate that can fail, so it has the one error type. Callers
//! (the command line, newsroom tooling) want to match on the kind of problem, so [`Problem`] is
//! an enum rather than an opaque error.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::escape::Visible;

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
    /// Instruments each subject to the next, round to the first: each would yield to the
    /// next, so none can prevail (VCLT art. 30(2) cannot apply in a circle).
    #[error("instruments subject to each other in a cycle: {}", cycle(.ids))]
    #[non_exhaustive]
    Cycle {
        /// The instruments of the cycle, each subject to the next and the last to the first,
        /// starting from the first declared.
        ids: Vec<String>,
    },
    /// A file larger than the loader is allowed to read ([`crate::load::Limits`]).
    #[error("the file is larger than the limit of {limit} bytes")]
    #[non_exhaustive]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
        /// The file's size, when the file system says.
        size: Option<u64>,
    },
    /// More problems than [`crate::load::Limits::max_problems`]: the first ones found are
    /// reported, this one last.
    #[error("more than {limit} problems: the rest are not shown")]
    #[non_exhaustive]
    TooManyProblems {
        /// The limit.
        limit: usize,
    },
    /// A file whose name gives one format while its text is written in the other: JSON in a
    /// `.toml` file, or TOML in a `.json` one.
    #[error("the file is named as {named} but its text is {reads_as}")]
    #[non_exhaustive]
    WrongFormat {
        /// The format the file's extension names: `TOML` or `JSON`.
        named: &'static str,
        /// The format its text is written in.
        reads_as: &'static str,
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
            Problem::Cycle { .. } => "allegiance::load::cycle",
            Problem::TooLarge { .. } => "allegiance::load::too_large",
            Problem::WrongFormat { .. } => "allegiance::load::wrong_format",
            Problem::TooManyProblems { .. } => "allegiance::load::too_many_problems",
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
            Problem::Cycle { .. } => "remove one `subject_to` entry of the cycle: an instrument \
                 cannot, through others, be subject to itself"
                .to_owned(),
            Problem::TooLarge { .. } => {
                "split the scenario into smaller files, or raise `load::Limits::max_bytes`"
                    .to_owned()
            }
            Problem::TooManyProblems { .. } => {
                "fix these and load the file again, or raise `load::Limits::max_problems`"
                    .to_owned()
            }
            Problem::WrongFormat { reads_as, .. } => {
                let extension = reads_as.to_ascii_lowercase();
                format!("name the file `.{extension}`, or call `from_{extension}_str` on its text")
            }
            Problem::Inconsistent { help, .. } => help.clone(),
        }
    }
}

/// `` `a` → `b` → `a` ``: a cycle, back to where it starts.
fn cycle(ids: &[String]) -> String {
    let steps: Vec<String> = ids
        .iter()
        .chain(ids.first())
        .map(|it| format!("`{it}`"))
        .collect();
    steps.join(" → ")
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
        let mut start = span.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let (Some(before), Some(after)) = (text.get(..start), text.get(start..)) else {
            return Ok(());
        };
        // At most `CONTEXT` characters either side of the caret, so that a problem on a long
        // line (minified JSON) costs the same as any other, and fits a terminal.
        let mut shown_before: Vec<char> = before
            .chars()
            .rev()
            .take_while(|c| *c != '\n')
            .take(CONTEXT + 1)
            .collect();
        let cut_before = shown_before.len() > CONTEXT;
        shown_before.truncate(CONTEXT);
        shown_before.reverse();
        let line_rest: Vec<char> = after
            .chars()
            .take_while(|c| *c != '\n')
            .take(CONTEXT + 1)
            .collect();
        let cut_after = line_rest.len() > CONTEXT;
        let shown_after = line_rest.get(..CONTEXT.min(line_rest.len())).unwrap_or(&[]);
        let span_chars = text
            .get(start..span.end.max(start).min(text.len()))
            .map_or(1, |it| it.chars().count());
        let width = span_chars.clamp(1, shown_after.len().max(1));
        let mut line = String::new();
        if cut_before {
            line.push('…');
        }
        line.extend(shown_before.iter().chain(shown_after));
        if cut_after {
            line.push('…');
        }
        // Control and invisible characters would garble the terminal or hide what is wrong;
        // show them as spaces, which keeps the caret under its character.
        let line: String = line
            .trim_end_matches('\r')
            .chars()
            .map(|c| if crate::escape::is_hidden(c) { ' ' } else { c })
            .collect();
        let caret_column = shown_before.len() + usize::from(cut_before);
        let gutter = " ".repeat(line_number.to_string().len());
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

/// How many characters of a long line a snippet shows either side of the problem.
const CONTEXT: usize = 100;

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors.len();
        let plural = if count == 1 { "problem" } else { "problems" };
        let name = Visible(&self.name);
        writeln!(f, "{count} {plural} in `{name}`")?;
        for error in &self.errors {
            writeln!(f)?;
            let message = error.problem.to_string();
            writeln!(f, "error[{}]: {}", error.code(), Visible(&message))?;
            let location = error.location.to_string();
            writeln!(f, "  --> {name}:{}", Visible(&location))?;
            self.write_snippet(f, error)?;
            writeln!(f, "  = help: {}", Visible(&error.help()))?;
        }
        Ok(())
    }
}

/// Converts byte offsets into 1-based lines and 1-based columns counted in characters, in
/// one pass over the text whatever the number of offsets (`O(n + k log k)`), so that a file
/// with many problems is not read again for each. An offset inside a character counts that
/// character as before it.
pub(crate) fn lines_and_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .map(|(at, offset)| (*offset, at))
        .collect();
    order.sort_unstable();
    let mut found = vec![(1, 1); offsets.len()];
    let (mut line, mut column) = (1, 1);
    let mut chars = text.char_indices().peekable();
    for (offset, at) in order {
        while let Some((_, c)) = chars.next_if(|(index, _)| *index < offset) {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        if let Some(slot) = found.get_mut(at) {
            *slot = (line, column);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters_in_one_pass() {
        let text = "ab\nШуша x\n\nz";
        let offsets = [0, 2, 3, 12, 13, 14, 15, 99];
        assert_eq!(
            lines_and_columns(text, &offsets),
            [
                (1, 1),
                (1, 3),
                (2, 1),
                (2, 6),
                (2, 7),
                (3, 1),
                (4, 1),
                (4, 2)
            ]
        );
    }
}
