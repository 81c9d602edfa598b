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

use std::path::Path as FilePath;
use std::sync::Arc;

pub use err::{LoadError, LoadErrors, Location, Problem};
pub(crate) use lower::names;

use crate::model::Scenario;
use crate::spec::ScenarioFile;
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

/// Loads a scenario from a file, TOML or JSON by its extension.
///
/// # Errors
///
/// The file cannot be read, its extension is neither `.toml` nor `.json`, or it has problems.
pub fn from_path(path: impl AsRef<FilePath>) -> Result<Scenario, LoadErrors> {
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
    let Some(format) = Format::from_file_name(&name) else {
        let problem = Problem::UnknownFormat { name: name.clone() };
        return Err(fail(problem));
    };
    match std::fs::read_to_string(path) {
        Ok(text) => from_str(&text, format, &name),
        Err(error) => {
            let problem = Problem::Io {
                message: error.to_string(),
            };
            Err(fail(problem))
        }
    }
}

/// Loads a scenario from text in the given format; `name` names the text in messages.
///
/// # Errors
///
/// Every problem of the text, in file order; see [`LoadErrors`].
pub fn from_str(text: &str, format: Format, name: &str) -> Result<Scenario, LoadErrors> {
    let decoded = Decoded::new(text, format, name)?;
    let lowering_found = match lower::lower(&decoded.file) {
        Ok(scenario) if decoded.found.is_empty() => return Ok(scenario),
        Ok(_) => Vec::new(),
        Err(found) => found,
    };
    let later = lowering_found
        .into_iter()
        .map(|(path, problem)| (path.to_string(), problem))
        .collect();
    Err(decoded
        .errors(&|_, _| false, later)
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
                        locate(text, "(syntax)".to_owned(), error.span, problem)
                    })
                    .collect();
                return Err(errors_or_internal(name, source, errors));
            }
        };
        let mut decoder = decode::Decoder::default();
        let file = decode::scenario(&mut decoder, &root);
        Ok(Decoded {
            name: name.to_owned(),
            text: source,
            root,
            found: decoder.found,
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
        let text = &*self.text;
        let mut decoded_paths: Vec<&Path> = Vec::new();
        let mut errors: Vec<(usize, LoadError)> = Vec::new();
        for found in &self.found {
            let path = found.path.to_string();
            if excused(&path, &found.problem) {
                continue;
            }
            decoded_paths.push(&found.path);
            let span = found
                .key
                .as_ref()
                .and_then(|key| self.root.locate_key(&found.path.parent()?, key))
                .unwrap_or_else(|| self.root.locate(&found.path));
            errors.push(locate(text, path, span, found.problem.clone()));
        }
        for (written, problem) in later {
            let Some(path) = read_path(&written) else {
                let location = Location {
                    path: written,
                    line: None,
                    column: None,
                };
                errors.push((0, LoadError::new(location, problem, None)));
                continue;
            };
            // Shape problems make lowering see placeholders; what it says about a value
            // already reported is an echo, and left out. An echo lies at or inside a reported
            // value (an empty id), or is a field whose value holds one (a list of parties
            // shortened by a dropped wrong-typed item).
            let echoes = decoded_paths
                .iter()
                .any(|it| path.starts_with(it) || (path.ends_in_key() && it.starts_with(&path)));
            if !echoes {
                let span = self.root.locate(&path);
                errors.push(locate(text, written, span, problem));
            }
        }
        let errors: Vec<LoadError> = sorted(errors).into_iter().map(|(_, it)| it).collect();
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
        path = path.key(key);
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
/// # Errors
///
/// Every problem of the file form; see [`LoadErrors`].
pub fn from_file_form(file: &ScenarioFile) -> Result<Scenario, LoadErrors> {
    lower::lower(file).map_err(|found| {
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
    })
}

fn locate(
    text: &str,
    path: String,
    span: std::ops::Range<usize>,
    problem: Problem,
) -> (usize, LoadError) {
    let (line, column) = err::line_and_column(text, span.start);
    let location = Location {
        path,
        line: Some(line),
        column: Some(column),
    };
    (span.start, LoadError::new(location, problem, Some(span)))
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
