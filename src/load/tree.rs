//! A format-neutral tree of the file's values, each with its byte span, and the paths that
//! name places in it (`instruments[3].clauses[1].action`).
//!
//! TOML and JSON both parse into this tree, so that decoding, validation and error locations
//! are written once.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// A value of the file and where it stands.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub span: Range<usize>,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Integer,
    Float,
    String(String),
    /// A TOML date literal, kept as its text (`2022-02-24`, or a date-time the loader refuses).
    Date(String),
    Array(Vec<Node>),
    /// Entries in file order.
    Table(Vec<Entry>),
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub node: Node,
}

impl Value {
    /// What the file calls this kind of value, for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Integer => "an integer",
            Value::Float => "a number",
            Value::String(_) => "a string",
            Value::Date(_) => "a date",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

/// One step of a path: a key in a table or a position in a list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Step {
    /// A key: the loader's own field names are borrowed, so that the millions of paths a
    /// world-sized scenario makes allocate only their lists of steps.
    Key(Cow<'static, str>),
    Index(usize),
}

/// Where a value sits in the file, from the root: `instruments[3].clauses[1].action`.
///
/// Paths are ordered step by step, so that the paths inside one value follow it in order:
/// a set of paths answers "is any of them inside this one?" with one range query.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Path(Vec<Step>);

impl Path {
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> Path {
        let mut steps = Vec::with_capacity(self.0.len() + 1);
        steps.extend_from_slice(&self.0);
        steps.push(Step::Key(key.into()));
        Path(steps)
    }

    pub fn index(&self, index: usize) -> Path {
        let mut steps = Vec::with_capacity(self.0.len() + 1);
        steps.extend_from_slice(&self.0);
        steps.push(Step::Index(index));
        Path(steps)
    }

    /// The path of the table or list that holds this value.
    pub fn parent(&self) -> Option<Path> {
        let (_, steps) = self.0.split_last()?;
        Some(Path(steps.to_vec()))
    }

    /// Whether the last step is a key (a field), not a position in a list (an entry).
    pub fn ends_in_key(&self) -> bool {
        matches!(self.0.last(), Some(Step::Key(_)))
    }

    /// Whether `self` is `other` or lies inside it.
    pub fn starts_with(&self, other: &Path) -> bool {
        self.0.starts_with(&other.0)
    }

    /// The path and every path that holds it, from the root to itself.
    pub fn ancestors(&self) -> impl Iterator<Item = Path> + '_ {
        (0..=self.0.len()).filter_map(|len| self.0.get(..len).map(|steps| Path(steps.to_vec())))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(top level)");
        }
        for (at, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) => {
                    if at > 0 {
                        f.write_str(".")?;
                    }
                    // Keys that are not plain words are quoted, so that `"a.b"` and `a.b`
                    // (or an empty key) cannot be mistaken for one another.
                    let plain = !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    if plain {
                        f.write_str(key)?;
                    } else {
                        write!(f, "\"{}\"", key.escape_debug())?;
                    }
                }
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Finds the values that paths name, in time that does not grow with the number of problems:
/// a table with many entries is indexed by key the first time a path goes through it, so that
/// a file with a hundred thousand unknown keys is not searched a hundred thousand times.
pub(crate) struct Locator<'t> {
    root: &'t Node,
    /// The entry of each key, by the address of its (large) table; the first entry wins.
    tables: HashMap<usize, HashMap<&'t str, &'t Entry>>,
}

/// Tables with at most this many entries are searched in order rather than indexed.
const SMALL_TABLE: usize = 16;

impl<'t> Locator<'t> {
    pub fn new(root: &'t Node) -> Self {
        Self {
            root,
            tables: HashMap::new(),
        }
    }

    /// The entry of `key` in the table `node`, if `node` is a table that has one.
    fn entry(&mut self, node: &'t Node, key: &str) -> Option<&'t Entry> {
        let Value::Table(entries) = &node.value else {
            return None;
        };
        if entries.len() <= SMALL_TABLE {
            return entries.iter().find(|it| it.key == key);
        }
        let address = std::ptr::from_ref(node) as usize;
        let index = self.tables.entry(address).or_insert_with(|| {
            let mut index = HashMap::with_capacity(entries.len());
            for entry in entries {
                index.entry(entry.key.as_str()).or_insert(entry);
            }
            index
        });
        index.get(key).copied()
    }

    fn step(&mut self, node: &'t Node, step: &Step) -> Option<&'t Node> {
        match (step, &node.value) {
            (Step::Key(key), Value::Table(_)) => self.entry(node, key).map(|it| &it.node),
            (Step::Index(index), Value::Array(items)) => items.get(*index),
            _ => None,
        }
    }

    /// The span of the deepest value the path reaches; for a key the tree lacks, the span of
    /// the table that should hold it.
    pub fn locate(&mut self, path: &Path) -> Range<usize> {
        let mut node = self.root;
        for step in &path.0 {
            match self.step(node, step) {
                Some(next) => node = next,
                None => break,
            }
        }
        node.span.clone()
    }

    /// The span of a key, for problems that concern the key itself (an unknown field).
    pub fn locate_key(&mut self, table: &Path, key: &str) -> Option<Range<usize>> {
        let mut node = self.root;
        for step in &table.0 {
            node = self.step(node, step)?;
        }
        self.entry(node, key).map(|it| it.key_span.clone())
    }
}

/// A syntax error: the parser's message and the byte span it points at.
#[derive(Debug, Clone)]
pub(crate) struct SyntaxError {
    pub message: String,
    pub span: Range<usize>,
}

/// Parses TOML into a tree, or returns every syntax error the parser recovers from.
pub(crate) fn from_toml(text: &str) -> Result<Node, Vec<SyntaxError>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|error| SyntaxError {
                message: error.message().trim().to_owned(),
                span: error.span().unwrap_or(0..0),
            })
            .collect());
    }
    let span = root.span();
    Ok(Node {
        span: 0..text.len().max(span.end),
        value: toml_table(root.into_inner(), 0),
    })
}

/// How deep the tree keeps what a file holds. The file form's deepest value is at depth 6
/// (`instruments[0].clauses[0].bound[1]`, the root at 0), so anything deeper lies inside a
/// value the decoder refuses whole (an unknown field, a wrong type) by its kind alone: a
/// container at this depth is kept empty, and a hostile file of nested lists costs no more
/// memory than a flat one.
const KEEP_DEPTH: usize = 7;

fn toml_table(table: DeTable<'_>, depth: usize) -> Value {
    if depth >= KEEP_DEPTH {
        return Value::Table(Vec::new());
    }
    let mut entries: Vec<Entry> = table
        .into_iter()
        .map(|(key, value)| Entry {
            key: key.get_ref().to_string(),
            key_span: key.span(),
            node: toml_node(value, depth + 1),
        })
        .collect();
    // The parser keeps keys sorted; the file's order reads better in messages and saves.
    entries.sort_by_key(|it| it.key_span.start);
    Value::Table(entries)
}

fn toml_node(value: toml::Spanned<DeValue<'_>>, depth: usize) -> Node {
    let span = value.span();
    let value = match value.into_inner() {
        DeValue::String(text) => Value::String(text.into_owned()),
        // The file form has no numbers: only their kind matters, for messages.
        DeValue::Integer(_) => Value::Integer,
        DeValue::Float(_) => Value::Float,
        DeValue::Boolean(flag) => Value::Bool(flag),
        DeValue::Datetime(datetime) => Value::Date(datetime.to_string()),
        DeValue::Array(_) if depth >= KEEP_DEPTH => Value::Array(Vec::new()),
        DeValue::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| toml_node(item, depth + 1))
                .collect(),
        ),
        DeValue::Table(table) => toml_table(table, depth),
    };
    Node { span, value }
}

/// Parses JSON into a tree, or returns the syntax error.
///
/// serde_json checks the syntax first, so that its messages, which users know, are the ones
/// they see; then a small reader of already valid JSON records the spans serde_json does not
/// expose, and refuses nesting deeper than 128 levels (as serde_json's own limit would, for
/// values it reads rather than passes over).
pub(crate) fn from_json(text: &str) -> Result<Node, Vec<SyntaxError>> {
    // A byte-order mark may open the text (RFC 8259 lets a parser ignore it, and some
    // editors write one); it is passed over, and offsets stay those of the whole text.
    let skipped = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let body = text.get(skipped..).unwrap_or_default();
    if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(body) {
        let offset = skipped + offset_of(body, error.line(), error.column());
        let message = error.to_string();
        // serde_json appends " at line L column C"; the location is shown separately.
        let message = match message.rfind(" at line ") {
            Some(cut) => message.get(..cut).unwrap_or(&message).to_owned(),
            None => message,
        };
        return Err(vec![SyntaxError {
            message,
            span: offset..offset,
        }]);
    }
    let mut reader = JsonReader {
        text,
        at: skipped,
        duplicates: Vec::new(),
        too_deep: false,
    };
    reader.skip_space();
    let node = reader.value(0);
    match node {
        // JSON allows a key twice and serde_json keeps the last; a scenario means one value
        // per key, as TOML insists, so a repeated key is refused.
        Some(_) if !reader.duplicates.is_empty() => Err(reader.duplicates),
        Some(node) => Ok(node),
        // serde_json passes over ignored values without a nesting limit (and without
        // recursion), so deep nesting is caught here, where the reader would go deeper.
        None if reader.too_deep => Err(vec![SyntaxError {
            message: format!("nested more than {MAX_DEPTH} levels deep"),
            span: reader.at..reader.at,
        }]),
        None => Err(vec![SyntaxError {
            message: "could not read this JSON".to_owned(),
            span: reader.at..reader.at,
        }]),
    }
}

/// The byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Reads JSON that serde_json has accepted. Every step still checks, and gives up with `None`
/// rather than panicking, should it meet something it does not expect.
struct JsonReader<'t> {
    text: &'t str,
    at: usize,
    duplicates: Vec<SyntaxError>,
    /// Whether reading stopped at the nesting limit.
    too_deep: bool,
}

const MAX_DEPTH: usize = 128;

impl JsonReader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH {
            self.too_deep = true;
            return None;
        }
        let start = self.at;
        let value = match self.peek()? {
            b'{' => self.table(depth)?,
            b'[' => self.array(depth)?,
            b'"' => Value::String(self.string()?),
            b't' => self.word("true", Value::Bool(true))?,
            b'f' => self.word("false", Value::Bool(false))?,
            b'n' => self.word("null", Value::Null)?,
            _ => self.number()?,
        };
        Some(Node {
            span: start..self.at,
            value,
        })
    }

    fn word(&mut self, word: &str, value: Value) -> Option<Value> {
        self.text.get(self.at..)?.starts_with(word).then(|| {
            self.at += word.len();
            value
        })
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        ) {
            self.at += 1;
        }
        let text = self.text.get(start..self.at)?;
        let is_integer = text.bytes().all(|it| it.is_ascii_digit() || it == b'-');
        Some(if is_integer {
            Value::Integer
        } else {
            Value::Float
        })
    }

    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.eat(b'"')?;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    break;
                }
                _ => self.at += 1,
            }
        }
        serde_json::from_str(self.text.get(start..self.at)?).ok()
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        self.skip_space();
        if self.eat(b']').is_some() {
            return Some(Value::Array(items));
        }
        loop {
            self.skip_space();
            let item = self.value(depth + 1)?;
            if depth < KEEP_DEPTH {
                items.push(item);
            }
            self.skip_space();
            if self.eat(b',').is_none() {
                self.eat(b']')?;
                // No room to spare: a hostile file's many small lists would double in size.
                items.shrink_to_fit();
                return Some(Value::Array(items));
            }
        }
    }

    fn table(&mut self, depth: usize) -> Option<Value> {
        self.eat(b'{')?;
        let mut entries = Vec::new();
        self.skip_space();
        if self.eat(b'}').is_some() {
            return Some(Value::Table(entries));
        }
        loop {
            self.skip_space();
            let key_start = self.at;
            let key = self.string()?;
            let key_span = key_start..self.at;
            self.skip_space();
            self.eat(b':')?;
            self.skip_space();
            let node = self.value(depth + 1)?;
            // Deeper than the tree keeps, only the keys are kept (without their values),
            // for repeated keys to be found at any depth.
            let node = if depth < KEEP_DEPTH {
                node
            } else {
                Node {
                    span: node.span,
                    value: Value::Null,
                }
            };
            entries.push(Entry {
                key,
                key_span,
                node,
            });
            self.skip_space();
            if self.eat(b',').is_none() {
                self.eat(b'}')?;
                self.find_duplicates(&entries);
                if depth >= KEEP_DEPTH {
                    entries = Vec::new();
                }
                entries.shrink_to_fit();
                return Some(Value::Table(entries));
            }
        }
    }

    /// Records every key of a table given a second time, in file order. Sorting the keys
    /// once keeps this `O(k log k)` for `k` keys, where comparing each key with those before
    /// it would be quadratic in a hostile file's one huge object.
    fn find_duplicates(&mut self, entries: &[Entry]) {
        let mut order: Vec<(&str, usize)> = entries
            .iter()
            .enumerate()
            .map(|(at, it)| (it.key.as_str(), at))
            .collect();
        order.sort_unstable();
        let mut repeated: Vec<usize> = order
            .windows(2)
            .filter_map(|pair| match pair {
                [(first, _), (second, at)] if first == second => Some(*at),
                _ => None,
            })
            .collect();
        repeated.sort_unstable();
        for entry in repeated.into_iter().filter_map(|at| entries.get(at)) {
            self.duplicates.push(SyntaxError {
                message: format!("duplicate key `{}`", entry.key),
                span: entry.key_span.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(node: &Node) -> Vec<&str> {
        match &node.value {
            Value::Table(entries) => entries.iter().map(|it| it.key.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn toml_keeps_file_order_and_spans() {
        let text = "zeta = 1\nalpha = \"x\"\n";
        let root = from_toml(text).unwrap();
        assert_eq!(keys(&root), ["zeta", "alpha"]);
        let span = Locator::new(&root).locate(&Path::default().key("alpha"));
        assert_eq!(&text[span], "\"x\"");
    }

    #[test]
    fn json_spans_point_at_values_and_keys() {
        let text = r#"{"parties": [{"id": "AZE"}, {"id": "T\u00dcR"}]}"#;
        let root = from_json(text).unwrap();
        let mut locator = Locator::new(&root);
        let path = Path::default().key("parties").index(1).key("id");
        assert_eq!(&text[locator.locate(&path)], r#""T\u00dcR""#);
        let table = Path::default().key("parties").index(0);
        assert_eq!(&text[locator.locate_key(&table, "id").unwrap()], "\"id\"");
    }

    #[test]
    fn json_syntax_errors_have_a_place() {
        let errors = from_json("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!(errors.len(), 1);
        // serde_json reads the `}` after a comma as a missing key.
        assert_eq!(errors[0].message, "key must be a string");
        assert_eq!(errors[0].span.start, 12);
    }

    #[test]
    fn json_refuses_a_key_given_twice() {
        let errors = from_json(r#"{"title": "first", "title": "second"}"#).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "duplicate key `title`");
        assert_eq!(errors[0].span, 19..26);
    }

    #[test]
    fn deep_json_is_refused_not_overflowed() {
        let deep = "[".repeat(50_000) + &"]".repeat(50_000);
        assert!(from_json(&deep).is_err());
        let deep_toml = format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(from_toml(&deep_toml).is_err());
        let deep_tables = format!("a = {}{}", "{ b = ".repeat(100_000), "}".repeat(100_000));
        assert!(from_toml(&deep_tables).is_err());
    }

    #[test]
    fn paths_read_as_written() {
        let path = Path::default()
            .key("instruments")
            .index(3)
            .key("clauses")
            .index(1);
        assert_eq!(
            path.key("action").to_string(),
            "instruments[3].clauses[1].action"
        );
    }
}
