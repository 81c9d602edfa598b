//! Loading: a TOML or JSON file → the file form → a validated [`Scenario`].
//!
//! Loading is the only fallible step of the crate. It reports *every* problem of a file at
//! once, each with its path, its line and column, and a hint that would fix it; a bad file
//! never panics and never yields a half-built scenario.
//!
//! # Example
//!
//! ```
//! let errors = allegiance::load::from_toml_str(r#"
//! [[parties]]
//! id = "AZE"
//! name = "Azerbaijan"
//! kind = "state"
//!
//! [[positions]]
//! party = "AZR"
//! issue = "invasion-of-ukraine"
//! stance = "neutral"
//! since = "2022-02-30"
//! source = "a made-up example"
//! "#).unwrap_err();
//! let codes: Vec<_> = errors.errors().iter().map(|it| it.code()).collect();
//! assert_eq!(codes, [
//!     "allegiance::load::unknown_id",   // AZR: did you mean AZE?
//!     "allegiance::load::unknown_id",   // no such issue
//!     "allegiance::load::bad_date",     // 30 February
//! ]);
//! assert_eq!(errors.errors()[0].help(), "did you mean `AZE`?");
//! assert_eq!(errors.errors()[0].location().line, Some(8));
//! ```

mod decode;
mod err;
mod lower;
mod suggest;
mod tree;

use std::collections::BTreeSet;
use std::path::Path as FilePath;
use std::sync::Arc;

pub use err::{LoadError, LoadErrors, Location, Problem};
pub(crate) use lower::names;

use crate::model::Scenario;
use crate::spec::{InstrumentFile, PositionFile, ScenarioFile};
use tree::Path;

/// The two formats a scenario file can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// TOML, the primary form.
    Toml,
    /// JSON.
    Json,
}

impl Format {
    /// The format a file name's extension names (`.toml` or `.json`, in any case).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let extension = FilePath::new(name)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        match extension.as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

/// Loads a scenario from TOML text.
///
/// # Errors
///
/// Every problem of the text, in file order; see [`LoadErrors`].
pub fn from_toml_str(text: &str) -> Result<Scenario, LoadErrors> {
    from_str(text, Format::Toml, "<toml>")
}

/// Loads a scenario from JSON text.
///
/// # Errors
///
/// Every problem of the text, in file order; see [`LoadErrors`].
pub fn from_json_str(text: &str) -> Result<Scenario, LoadErrors> {
    from_str(text, Format::Json, "<json>")
}

/// How much the loader is willing to read: [`from_path`] and [`from_str_with`] refuse a
/// bigger text with [`Problem::TooLarge`] before parsing it.
///
/// Loading takes memory in proportion to the text (see the crate's guarantees: about 34
/// times its size for a TOML scenario and 10 for JSON; at worst 26 for JSON and 310 for TOML
/// written to stress the TOML parser), so a cap on the size is a cap on the memory, and a cap
/// on the problems bounds what a file of nothing but mistakes adds to it. The `from_*_str`
/// functions read a text the caller already holds, and take no limit.
///
/// # Example
///
/// ```
/// use allegiance::load::{self, Format, Limits};
///
/// let limits = Limits { max_bytes: 16, ..Limits::default() };
/// let errors = load::from_str_with("title = \"a title too long\"", Format::Toml, "t.toml", &limits)
///     .unwrap_err();
/// assert_eq!(errors.errors()[0].code(), "allegiance::load::too_large");
/// assert_eq!(Limits::default().max_bytes, 16 * 1024 * 1024);
/// assert_eq!(Limits::default().max_problems, 1_000);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest text, in bytes, that is read; [`Limits::DEFAULT_MAX_BYTES`] by default.
    pub max_bytes: usize,
    /// The most problems reported (at least one); [`Limits::DEFAULT_MAX_PROBLEMS`] by
    /// default. The first problems found are kept, shown in file order, and end with one
    /// [`Problem::TooManyProblems`]. Shape problems (syntax aside: unknown and missing
    /// fields, wrong types) are looked for first, in file order; when they alone pass the
    /// limit, loading stops there, and the semantic ones (unknown ids, bad dates…) are not
    /// looked for.
    pub max_problems: usize,
}

impl Limits {
    /// 16 MiB: some eight hundred times the bundled South Caucasus scenario, and room for
    /// every state, treaty and declaration of a world-scale scenario.
    pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;
    /// 1,000: more than anyone reads, and a bound on the memory a file made of nothing but
    /// mistakes takes to report (a problem takes about a kilobyte).
    pub const DEFAULT_MAX_PROBLEMS: usize = 1_000;
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: Self::DEFAULT_MAX_BYTES,
            max_problems: Self::DEFAULT_MAX_PROBLEMS,
        }
    }
}

/// Loads a scenario from a file, TOML or JSON by its extension, with the default [`Limits`]
/// (files over 16 MiB are refused unread).
///
/// # Errors
///
/// The file cannot be read, its extension is neither `.toml` nor `.json`, it is larger than
/// the limit, or it has problems.
pub fn from_path(path: impl AsRef<FilePath>) -> Result<Scenario, LoadErrors> {
    from_path_with(path, &Limits::default())
}

/// Loads a scenario from a file, TOML or JSON by its extension, reading at most
/// `limits.max_bytes` of it.
///
/// A file whose text is the other format (JSON named `.toml`, or TOML named `.json`) is
/// refused with one [`Problem::WrongFormat`] rather than the other format's syntax errors.
///
/// # Errors
///
/// The file cannot be read, is not UTF-8, its extension is neither `.toml` nor `.json`, it
/// is larger than `limits.max_bytes`, or it has problems.
pub fn from_path_with(path: impl AsRef<FilePath>, limits: &Limits) -> Result<Scenario, LoadErrors> {
    use std::io::Read;

    let path = path.as_ref();
    let name = path.display().to_string();
    let fail = |problem| {
        let location = Location {
            path: "(file)".to_owned(),
            line: None,
            column: None,
        };
        LoadErrors::single(
            &name,
            Arc::from(""),
            LoadError::new(location, problem, None),
        )
    };
    let io = |error: std::io::Error| {
        fail(Problem::Io {
            message: error.to_string(),
        })
    };
    let Some(format) = Format::from_file_name(&name) else {
        let problem = Problem::UnknownFormat { name: name.clone() };
        return Err(fail(problem));
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().ok().map(|it| it.len());
    let too_large = |size| {
        fail(Problem::TooLarge {
            limit: limits.max_bytes,
            size,
        })
    };
    // The size the file system gives is checked first, so that a huge file is not read at
    // all; the read is capped as well, for files whose size it does not know (pipes).
    let limit = u64::try_from(limits.max_bytes).unwrap_or(u64::MAX);
    if size.is_some_and(|size| size > limit) {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > limits.max_bytes {
        return Err(too_large(size));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return Err(not_utf8(&name, format, &error)),
    };
    from_str_limited(&text, format, &name, Some(limits.max_problems))
        .map_err(|errors| wrong_format(errors, &text, format, &name))
}

/// A text that is not UTF-8: a syntax problem at its first bad byte.
fn not_utf8(name: &str, format: Format, error: &std::string::FromUtf8Error) -> LoadErrors {
    let valid = error.utf8_error().valid_up_to();
    let bytes = error.as_bytes();
    // The valid part is shown; the position is where it ends.
    let text = String::from_utf8_lossy(bytes.get(..valid).unwrap_or(&[])).into_owned();
    let byte = bytes.get(valid).copied().unwrap_or(0);
    let problem = Problem::Syntax {
        format: format.name(),
        message: format!("the text is not UTF-8: byte 0x{byte:02x} at offset {valid}"),
    };
    let located = locate_all(&text, vec![("(file)".to_owned(), valid..valid, problem)]);
    errors_or_internal(name, Arc::from(text.as_str()), located)
}

/// Syntax errors only, for a text that the other format reads: one problem saying so.
fn wrong_format(errors: LoadErrors, text: &str, format: Format, name: &str) -> LoadErrors {
    let only_syntax = errors
        .errors()
        .iter()
        .all(|it| matches!(it.problem(), Problem::Syntax { .. }));
    let other = match format {
        Format::Toml => Format::Json,
        Format::Json => Format::Toml,
    };
    // An empty (or blank, or comment-only) text is an empty TOML table: that says nothing
    // of the format it was meant to be in, so only a TOML text with a key counts.
    let reads_as_other = match other {
        Format::Toml => tree::from_toml(text).is_ok_and(
            |root| matches!(&root.value, tree::Value::Table(entries) if !entries.is_empty()),
        ),
        Format::Json => tree::from_json(text).is_ok(),
    };
    if !(only_syntax && reads_as_other) {
        return errors;
    }
    let problem = Problem::WrongFormat {
        named: format.name(),
        reads_as: other.name(),
    };
    let located = locate_all(text, vec![("(file)".to_owned(), 0..0, problem)]);
    errors_or_internal(name, Arc::from(text), located)
}

/// Loads a scenario from text in the given format, as [`from_str`] does, refusing a text
/// longer than `limits.max_bytes`.
///
/// # Errors
///
/// The text is longer than the limit ([`Problem::TooLarge`], placed at the first byte past
/// it), or has problems.
pub fn from_str_with(
    text: &str,
    format: Format,
    name: &str,
    limits: &Limits,
) -> Result<Scenario, LoadErrors> {
    if text.len() > limits.max_bytes {
        let problem = Problem::TooLarge {
            limit: limits.max_bytes,
            size: u64::try_from(text.len()).ok(),
        };
        // Placed at the first byte past the limit; no snippet, for the text is not kept.
        let (line, column) = err::lines_and_columns(text, &[limits.max_bytes])
            .first()
            .copied()
            .unwrap_or((1, 1));
        let location = Location {
            path: "(file)".to_owned(),
            line: Some(line),
            column: Some(column),
        };
        let error = LoadError::new(location, problem, None);
        return Err(LoadErrors::single(name, Arc::from(""), error));
    }
    from_str_limited(text, format, name, Some(limits.max_problems))
}

/// Loads a scenario from text in the given format; `name` names the text in messages.
///
/// # Errors
///
/// Every problem of the text, in file order; see [`LoadErrors`].
pub fn from_str(text: &str, format: Format, name: &str) -> Result<Scenario, LoadErrors> {
    from_str_limited(text, format, name, None)
}

/// As [`from_str`], keeping at most `max_problems` problems (every one when `None`).
fn from_str_limited(
    text: &str,
    format: Format,
    name: &str,
    max_problems: Option<usize>,
) -> Result<Scenario, LoadErrors> {
    let max_problems = max_problems.map(|it| it.max(1));
    let mut decoded = Decoded::limited(text, format, name, max_problems)?;
    // Past the limit, decoding stopped building the file form: there is nothing whole to
    // lower, and no room for what lowering would find.
    let lowered = if decoded.more {
        Err((Vec::new(), true))
    } else {
        lower::lower_with(std::mem::take(&mut decoded.file), max_problems)
    };
    let (lowering_found, more) = match lowered {
        Ok(scenario) if decoded.found.is_empty() => return Ok(scenario),
        Ok(_) => (Vec::new(), false),
        Err(found) => found,
    };
    let later = lowering_found
        .into_iter()
        .map(|(path, problem)| (path.to_string(), problem))
        .collect();
    Err(decoded
        .errors_with(&|_, _| false, later, more)
        .unwrap_or_else(|| refused_without_reason(name)))
}

/// Reads TOML or JSON text into the file form without lowering it: ids are not resolved,
/// nor dates and words checked, so the text may refer to entries it does not declare (an
/// overlay refers to its scenario's, see [`crate::what_if`](mod@crate::what_if)).
///
/// # Errors
///
/// Every syntax and shape problem of the text (unknown field, missing field, wrong type), in
/// file order, each with its line and column, as [`from_str`] reports them.
///
/// # Example
///
/// ```
/// use allegiance::load::{file_form_from_str, Format};
///
/// let file = file_form_from_str(r#"
/// [[positions]]
/// party = "AZE"
/// issue = "russian-invasion-of-ukraine"
/// stance = "neutral"
/// since = "2022-02-24"
/// source = "a hypothesis"
/// "#, Format::Toml, "overlay.toml")?;
/// assert_eq!(file.positions[0].party, "AZE");
///
/// let bad = r#"
/// [[positions]]
/// party = 3
/// issue = "russian-invasion-of-ukraine"
/// stance = "neutral"
/// since = "2022-02-24"
/// source = "a hypothesis"
/// "#;
/// let errors = file_form_from_str(bad, Format::Toml, "bad.toml").unwrap_err();
/// assert_eq!(errors.len(), 1);
/// assert_eq!(errors.errors()[0].code(), "allegiance::load::wrong_type");
/// assert_eq!(errors.errors()[0].location().line, Some(3));
/// # Ok::<(), allegiance::LoadErrors>(())
/// ```
pub fn file_form_from_str(
    text: &str,
    format: Format,
    name: &str,
) -> Result<ScenarioFile, LoadErrors> {
    let decoded = Decoded::new(text, format, name)?;
    match decoded.errors(&|_, _| false, Vec::new()) {
        Some(errors) => Err(errors),
        None => Ok(decoded.file),
    }
}

/// A text parsed and decoded into the file form, with the shape problems found on the way,
/// not yet located.
pub(crate) struct Decoded {
    name: String,
    text: Arc<str>,
    root: tree::Node,
    found: Vec<decode::Found>,
    /// The most problems reported, if limited.
    max_problems: Option<usize>,
    /// Whether decoding found more problems than it kept.
    more: bool,
    /// The file form, with placeholders where problems were found.
    pub file: ScenarioFile,
}

impl Decoded {
    /// Parses and decodes `text`.
    ///
    /// # Errors
    ///
    /// Its syntax errors: there is no tree to decode.
    pub(crate) fn new(text: &str, format: Format, name: &str) -> Result<Self, LoadErrors> {
        Self::limited(text, format, name, None)
    }

    /// Parses and decodes `text`, keeping at most `max_problems` problems.
    ///
    /// # Errors
    ///
    /// Its syntax errors: there is no tree to decode.
    fn limited(
        text: &str,
        format: Format,
        name: &str,
        max_problems: Option<usize>,
    ) -> Result<Self, LoadErrors> {
        let source: Arc<str> = Arc::from(text);
        let parsed = match format {
            Format::Toml => tree::from_toml(text),
            Format::Json => tree::from_json(text),
        };
        let root = match parsed {
            Ok(root) => root,
            Err(syntax_errors) => {
                let errors = syntax_errors
                    .into_iter()
                    .map(|error| {
                        let problem = Problem::Syntax {
                            format: format.name(),
                            message: error.message,
                        };
                        ("(syntax)".to_owned(), error.span, problem)
                    })
                    .collect();
                let errors = locate_all(text, errors);
                return Err(errors_or_internal(name, source, errors));
            }
        };
        let mut decoder = decode::Decoder {
            limit: max_problems,
            ..decode::Decoder::default()
        };
        let file = decode::scenario(&mut decoder, &root);
        Ok(Decoded {
            name: name.to_owned(),
            text: source,
            root,
            found: decoder.found,
            max_problems,
            more: decoder.more,
            file,
        })
    }

    /// Every problem, located in the text and in file order: the shape problems but those
    /// `excused` (by path and problem), then `later` ones found in the file form (by path as
    /// written, `instruments[3].clauses[1].bound`), but their echoes of a shape problem; a
    /// path no file form writes is kept, without a line. `None` when there is none.
    pub(crate) fn errors(
        &self,
        excused: &dyn Fn(&str, &Problem) -> bool,
        later: Vec<(String, Problem)>,
    ) -> Option<LoadErrors> {
        self.errors_with(excused, later, false)
    }

    /// As [`Decoded::errors`], knowing whether lowering found more problems than it kept;
    /// with a limit, the problems past it are left out and one last problem says so.
    fn errors_with(
        &self,
        excused: &dyn Fn(&str, &Problem) -> bool,
        later: Vec<(String, Problem)>,
        later_more: bool,
    ) -> Option<LoadErrors> {
        let text = &*self.text;
        let mut locator = tree::Locator::new(&self.root);
        let mut decoded_paths: BTreeSet<&Path> = BTreeSet::new();
        let mut pending: Vec<(String, std::ops::Range<usize>, Problem)> = Vec::new();
        let mut unplaced: Vec<(usize, LoadError)> = Vec::new();
        for found in &self.found {
            let path = found.path.to_string();
            if excused(&path, &found.problem) {
                continue;
            }
            decoded_paths.insert(&found.path);
            let span = found
                .key
                .as_ref()
                .and_then(|key| locator.locate_key(&found.path.parent()?, key))
                .unwrap_or_else(|| locator.locate(&found.path));
            pending.push((path, span, found.problem.clone()));
        }
        for (written, problem) in later {
            let Some(path) = read_path(&written) else {
                let location = Location {
                    path: written,
                    line: None,
                    column: None,
                };
                unplaced.push((0, LoadError::new(location, problem, None)));
                continue;
            };
            // Shape problems make lowering see placeholders; what it says about a value
            // already reported is an echo, and left out. An echo lies at or inside a reported
            // value (an empty id), or is a field whose value holds one (a list of parties
            // shortened by a dropped wrong-typed item). Paths inside a value follow it in
            // the set's order, so each question is a look-up, not a scan.
            let inside_reported = path.ancestors().any(|it| decoded_paths.contains(&it));
            let holds_reported = path.ends_in_key()
                && decoded_paths
                    .range::<&Path, _>((
                        std::ops::Bound::Included(&path),
                        std::ops::Bound::Unbounded,
                    ))
                    .next()
                    .is_some_and(|it| it.starts_with(&path));
            if !(inside_reported || holds_reported) {
                let span = locator.locate(&path);
                pending.push((written, span, problem));
            }
        }
        let mut errors = unplaced;
        errors.extend(locate_all(text, pending));
        let mut errors: Vec<LoadError> = sorted(errors).into_iter().map(|(_, it)| it).collect();
        if let Some(limit) = self.max_problems
            && (self.more || later_more || errors.len() > limit)
        {
            errors.truncate(limit);
            let location = Location {
                path: "(file)".to_owned(),
                line: None,
                column: None,
            };
            let problem = Problem::TooManyProblems { limit };
            errors.push(LoadError::new(location, problem, None));
        }
        LoadErrors::new(&self.name, Arc::clone(&self.text), errors)
    }
}

/// A path read back from the way it is written (`instruments[3].clauses[1]`, `(top level)`);
/// `None` for text that no path of the file form writes.
fn read_path(written: &str) -> Option<Path> {
    let mut path = Path::default();
    if written == "(top level)" {
        return Some(path);
    }
    for part in written.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(at) => part.split_at_checked(at)?,
            None => (part, ""),
        };
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if key.is_empty() || !key.chars().all(plain) {
            return None;
        }
        path = path.key(key.to_owned());
        while let Some(inner) = rest.strip_prefix('[') {
            let (index, after) = inner.split_once(']')?;
            path = path.index(index.parse().ok()?);
            rest = after;
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(path)
}

/// Converts an already built file form into a scenario, with the same checks as a file.
///
/// Locations then carry paths only: there is no text for lines and columns.
///
/// The file form is consumed: its instruments are let go once lowered, before the positions
/// are lowered, and the positions before the scenario's indexes are built, so that a
/// world-sized file form and its scenario are never held whole at once. Clone it first to
/// keep it.
///
/// # Errors
///
/// Every problem of the file form; see [`LoadErrors`].
pub fn from_file_form(file: ScenarioFile) -> Result<Scenario, LoadErrors> {
    lower::lower(file).map_err(paths_only)
}

/// As [`from_file_form`], with the instruments and positions made as they are lowered
/// rather than held in the file form: only one of them is held at a time, so a scenario
/// generated or read from elsewhere (a database, a data set) does not need its whole file
/// form in memory beside it.
///
/// The instruments and positions of `head` come first, then those `instruments` and
/// `positions` give. `instruments` is called twice, and must give the same instruments in
/// the same order each time: first their ids are read (an instrument may name one given
/// after it), then each is lowered. Paths in problems number the instruments and positions
/// in that order, as if they were all in `head`.
///
/// ```
/// use allegiance::spec::{InstrumentFile, PartyFile, ScenarioFile, SourceFile};
///
/// let party = |id: &str| PartyFile {
///     id: id.to_owned(),
///     name: id.to_owned(),
///     kind: "state".to_owned(),
///     ..PartyFile::default()
/// };
/// let head = ScenarioFile {
///     parties: vec![party("A"), party("B"), party("C")],
///     ..ScenarioFile::default()
/// };
/// // One treaty between each pair of parties, made when asked for.
/// let pairs = [("A", "B"), ("A", "C"), ("B", "C")];
/// let treaties = || {
///     pairs.iter().map(|(a, b)| InstrumentFile {
///         id: format!("{a}-{b}"),
///         name: format!("Treaty between {a} and {b}"),
///         kind: "treaty".to_owned(),
///         force: "binding".to_owned(),
///         form: "bilateral".to_owned(),
///         parties: vec![a.to_string(), b.to_string()],
///         in_force: Some("2000-01-01".to_owned()),
///         source: SourceFile {
///             citation: "invented".to_owned(),
///             ..SourceFile::default()
///         },
///         ..InstrumentFile::default()
///     })
/// };
/// let scenario = allegiance::load::from_entries(head, treaties, Vec::new())?;
/// assert_eq!(scenario.instruments().len(), 3);
/// assert_eq!(scenario.instruments()[2].id.as_str(), "B-C");
/// # Ok::<(), allegiance::LoadErrors>(())
/// ```
///
/// # Errors
///
/// Every problem of the entries, as [`from_file_form`] gives them; and a problem at
/// `instruments` if the two calls of `instruments` gave different numbers of them.
pub fn from_entries<I, P>(
    head: ScenarioFile,
    instruments: impl Fn() -> I,
    positions: P,
) -> Result<Scenario, LoadErrors>
where
    I: IntoIterator<Item = InstrumentFile>,
    P: IntoIterator<Item = PositionFile>,
{
    let (head, first, first_positions) = lower::split(head);
    let instruments = lower::Made {
        first,
        make: instruments,
    };
    let positions = lower::Made {
        first: first_positions,
        make: positions,
    };
    lower::lower_entries(head, instruments, positions, None).map_err(|(found, _)| paths_only(found))
}

/// Problems of a file form, located by their paths alone.
fn paths_only(found: Vec<(Path, Problem)>) -> LoadErrors {
    let errors = found
        .into_iter()
        .map(|(path, problem)| {
            let location = Location {
                path: path.to_string(),
                line: None,
                column: None,
            };
            (0, LoadError::new(location, problem, None))
        })
        .collect();
    errors_or_internal("<file form>", Arc::from(""), errors)
}

/// Places problems in the text: each span's line and column, worked out in one pass.
fn locate_all(
    text: &str,
    problems: Vec<(String, std::ops::Range<usize>, Problem)>,
) -> Vec<(usize, LoadError)> {
    let offsets: Vec<usize> = problems.iter().map(|(_, span, _)| span.start).collect();
    let places = err::lines_and_columns(text, &offsets);
    problems
        .into_iter()
        .zip(places)
        .map(|((path, span, problem), (line, column))| {
            let location = Location {
                path,
                line: Some(line),
                column: Some(column),
            };
            (span.start, LoadError::new(location, problem, Some(span)))
        })
        .collect()
}

/// In file order; problems at the same place keep the order they were found in.
fn sorted(mut errors: Vec<(usize, LoadError)>) -> Vec<(usize, LoadError)> {
    errors.sort_by_key(|(start, _)| *start);
    errors
}

fn errors_or_internal(name: &str, source: Arc<str>, errors: Vec<(usize, LoadError)>) -> LoadErrors {
    let errors: Vec<LoadError> = errors.into_iter().map(|(_, it)| it).collect();
    LoadErrors::new(name, source, errors).unwrap_or_else(|| refused_without_reason(name))
}

/// Only called where at least one problem was found: one problem saying so stands in for the
/// impossible empty list, so that nothing panics.
fn refused_without_reason(name: &str) -> LoadErrors {
    let location = Location {
        path: "(top level)".to_owned(),
        line: None,
        column: None,
    };
    let problem = Problem::Inconsistent {
        message: "the file was refused without a reason".to_owned(),
        help: "please report this file to the authors of allegiance".to_owned(),
    };
    LoadErrors::single(name, Arc::from(""), LoadError::new(location, problem, None))
}
