//! Tree → file form: every shape problem (unknown field, missing field, wrong type) is
//! recorded with its path, and decoding goes on, so that one run reports them all.
//!
//! serde's derived deserialisers stop at the first problem, and the issue this crate answers
//! asks for every problem at once; hence this small hand-written decoder over [`Node`].

use super::err::Problem;
use super::suggest::closest;
use super::tree::{Entry, Node, Path, Value};
use crate::spec::{
    ActionFile, ClauseFile, EventFile, InstrumentFile, IssueFile, MembershipFile, PartyFile,
    PositionFile, ScenarioFile, SourceFile, TerritoryFile,
};

/// A problem found while decoding, with the path it concerns.
#[derive(Debug)]
pub(crate) struct Found {
    pub path: Path,
    /// For a problem with a key (an unknown field), the key, so that the key is pointed at.
    pub key: Option<String>,
    pub problem: Problem,
}

#[derive(Default)]
pub(crate) struct Decoder {
    pub found: Vec<Found>,
    /// At most this many problems are kept; `None` keeps every one.
    pub limit: Option<usize>,
    /// Whether a problem was found past the limit (and not kept).
    pub more: bool,
}

/// The entries of one table, with the path that leads to it.
struct Fields<'n> {
    entries: &'n [Entry],
    path: Path,
}

impl<'n> Fields<'n> {
    /// The value of a key; an explicit JSON `null` counts as absent.
    fn get(&self, name: &'static str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|it| it.key == name)
            .map(|it| &it.node)
            .filter(|it| !matches!(it.value, Value::Null))
    }
}

impl Decoder {
    /// Whether the limit of problems is reached: any more is only noticed.
    fn is_full(&self) -> bool {
        self.limit.is_some_and(|limit| self.found.len() >= limit)
    }

    fn push(&mut self, found: Found) {
        if self.is_full() {
            self.more = true;
        } else {
            self.found.push(found);
        }
    }

    fn report(&mut self, path: Path, problem: Problem) {
        self.push(Found {
            path,
            key: None,
            problem,
        });
    }

    fn wrong_type(&mut self, path: Path, expected: &'static str, node: &Node) {
        let found = node.value.describe();
        self.report(path, Problem::WrongType { expected, found });
    }

    /// Opens a table, reporting every key not in `allowed`.
    fn fields<'n>(
        &mut self,
        node: &'n Node,
        path: &Path,
        allowed: &'static [&'static str],
    ) -> Option<Fields<'n>> {
        let Value::Table(entries) = &node.value else {
            self.wrong_type(path.clone(), "a table", node);
            return None;
        };
        for entry in entries {
            if !allowed.contains(&entry.key.as_str()) {
                if self.is_full() {
                    // Past the limit, the problem is not built: a file of a million unknown
                    // keys costs a look at each, no more.
                    self.more = true;
                    break;
                }
                self.push(Found {
                    path: path.key(entry.key.clone()),
                    key: Some(entry.key.clone()),
                    problem: Problem::UnknownField {
                        field: entry.key.clone(),
                        suggestion: closest(&entry.key, allowed.iter().copied()),
                        allowed: allowed.to_vec(),
                    },
                });
            }
        }
        Some(Fields {
            entries,
            path: path.clone(),
        })
    }

    fn opt_string(&mut self, fields: &Fields<'_>, name: &'static str) -> Option<String> {
        let node = fields.get(name)?;
        match &node.value {
            Value::String(text) => Some(text.clone()),
            _ => {
                self.wrong_type(fields.path.key(name), "a string", node);
                None
            }
        }
    }

    /// A required string; when it is missing or of the wrong type, the problem is reported
    /// and an empty string stands in, which validation then passes over.
    fn string(&mut self, fields: &Fields<'_>, name: &'static str, example: &'static str) -> String {
        if fields.get(name).is_none() {
            self.report(
                fields.path.key(name),
                Problem::MissingField {
                    field: name,
                    example,
                },
            );
        }
        self.opt_string(fields, name).unwrap_or_default()
    }

    /// A date: a string, or in TOML a bare date literal. Its calendar is checked later.
    fn opt_date(&mut self, fields: &Fields<'_>, name: &'static str) -> Option<String> {
        let node = fields.get(name)?;
        match &node.value {
            Value::String(text) | Value::Date(text) => Some(text.clone()),
            _ => {
                self.wrong_type(fields.path.key(name), "a date `YYYY-MM-DD`", node);
                None
            }
        }
    }

    fn date(&mut self, fields: &Fields<'_>, name: &'static str) -> String {
        if fields.get(name).is_none() {
            self.report(
                fields.path.key(name),
                Problem::MissingField {
                    field: name,
                    example: "\"2022-02-24\"",
                },
            );
        }
        self.opt_date(fields, name).unwrap_or_default()
    }

    fn opt_bool(&mut self, fields: &Fields<'_>, name: &'static str) -> Option<bool> {
        let node = fields.get(name)?;
        match &node.value {
            Value::Bool(flag) => Some(*flag),
            _ => {
                self.wrong_type(fields.path.key(name), "`true` or `false`", node);
                None
            }
        }
    }

    fn opt_strings(&mut self, fields: &Fields<'_>, name: &'static str) -> Option<Vec<String>> {
        let node = fields.get(name)?;
        let path = fields.path.key(name);
        let Value::Array(items) = &node.value else {
            self.wrong_type(path, "a list of strings", node);
            return None;
        };
        let mut strings = Vec::with_capacity(items.len());
        for (at, item) in items.iter().enumerate() {
            match &item.value {
                Value::String(text) => strings.push(text.clone()),
                _ => self.wrong_type(path.index(at), "a string", item),
            }
        }
        Some(strings)
    }

    fn strings(&mut self, fields: &Fields<'_>, name: &'static str) -> Vec<String> {
        self.opt_strings(fields, name).unwrap_or_default()
    }

    /// A list of tables, each decoded by `item`; bad items are reported and left out.
    fn list<T>(
        &mut self,
        fields: &Fields<'_>,
        name: &'static str,
        mut item: impl FnMut(&mut Self, &Node, &Path) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = fields.get(name) else {
            return Vec::new();
        };
        let path = fields.path.key(name);
        let Value::Array(items) = &node.value else {
            self.wrong_type(path, "a list of tables", node);
            return Vec::new();
        };
        let mut decoded = Vec::new();
        for (at, node) in items.iter().enumerate() {
            // Past the limit of problems nothing more is reported, and the rest of the
            // file form is not built: it would only be memory.
            if self.more {
                break;
            }
            decoded.extend(item(self, node, &path.index(at)));
        }
        decoded
    }

    fn opt_source(&mut self, fields: &Fields<'_>, name: &'static str) -> Option<SourceFile> {
        let node = fields.get(name)?;
        let path = fields.path.key(name);
        if let Value::String(citation) = &node.value {
            return Some(SourceFile {
                citation: citation.clone(),
                url: None,
                assumption: None,
            });
        }
        let fields = self.fields(node, &path, &["citation", "url", "assumption"])?;
        Some(SourceFile {
            citation: self.string(&fields, "citation", "\"Title, publisher, date\""),
            url: self.opt_string(&fields, "url"),
            assumption: self.opt_string(&fields, "assumption"),
        })
    }

    fn source(&mut self, fields: &Fields<'_>, name: &'static str) -> SourceFile {
        if fields.get(name).is_none() {
            self.report(
                fields.path.key(name),
                Problem::MissingField {
                    field: name,
                    example: "{ citation = \"…\", url = \"…\" }",
                },
            );
        }
        self.opt_source(fields, name).unwrap_or_default()
    }
}

/// Decodes the whole file.
pub(crate) fn scenario(decoder: &mut Decoder, root: &Node) -> ScenarioFile {
    const FIELDS: &[&str] = &[
        "title",
        "description",
        "parties",
        "territories",
        "actions",
        "issues",
        "instruments",
        "positions",
        "events",
    ];
    let Some(fields) = decoder.fields(root, &Path::default(), FIELDS) else {
        return ScenarioFile::default();
    };
    ScenarioFile {
        title: decoder.opt_string(&fields, "title"),
        description: decoder.opt_string(&fields, "description"),
        parties: decoder.list(&fields, "parties", party),
        territories: decoder.list(&fields, "territories", territory),
        actions: decoder.list(&fields, "actions", action),
        issues: decoder.list(&fields, "issues", issue),
        instruments: decoder.list(&fields, "instruments", instrument),
        positions: decoder.list(&fields, "positions", position),
        events: decoder.list(&fields, "events", event),
    }
}

fn party(decoder: &mut Decoder, node: &Node, path: &Path) -> Option<PartyFile> {
    const FIELDS: &[&str] = &["id", "name", "kind", "since", "until", "members", "source"];
    let fields = decoder.fields(node, path, FIELDS)?;
    Some(PartyFile {
        id: decoder.string(&fields, "id", "\"AZE\""),
        name: decoder.string(&fields, "name", "\"Azerbaijan\""),
        kind: decoder.string(&fields, "kind", "\"state\""),
        since: decoder.opt_date(&fields, "since"),
        until: decoder.opt_date(&fields, "until"),
        members: decoder.list(&fields, "members", membership),
        source: decoder.opt_source(&fields, "source"),
    })
}

fn membership(decoder: &mut Decoder, node: &Node, path: &Path) -> Option<MembershipFile> {
    const FIELDS: &[&str] = &["party", "since", "until", "source"];
    let fields = decoder.fields(node, path, FIELDS)?;
    Some(MembershipFile {
        party: decoder.string(&fields, "party", "\"ARM\""),
        since: decoder.opt_date(&fields, "since"),
        until: decoder.opt_date(&fields, "until"),
        source: decoder.opt_source(&fields, "source"),
    })
}

fn territory(decoder: &mut Decoder, node: &Node, path: &Path) -> Option<TerritoryFile> {
    const FIELDS: &[&str] = &["id", "name", "belongs_to", "source"];
    let fields = decoder.fields(node, path, FIELDS)?;
    Some(TerritoryFile {
        id: decoder.string(&fields, "id", "\"Donetsk\""),
        name: decoder.string(&fields, "name", "\"Donetsk oblast\""),
        belongs_to: decoder.string(&fields, "belongs_to", "\"UKR\""),
        source: decoder.opt_source(&fields, "source"),
    })
}

fn action(decoder: &mut Decoder, node: &Node, path: &Path) -> Option<ActionFile> {
    const FIELDS: &[&str] = &["id", "description", "incompatible_with"];
    let fields = decoder.fields(node, path, FIELDS)?;
    Some(ActionFile {
        id: decoder.string(&fields, "id", "\"buy_s400\""),
        description: decoder.string(&fields, "description", "\"…\""),
        incompatible_with: decoder.strings(&fields, "incompatible_with"),
    })
}

fn issue(decoder: &mut Decoder, node: &Node, path: &Path) -> Option<IssueFile> {
    const FIELDS: &[&str] = &["id", "title", "domain", "source"];
    let fields = decoder.fields(node, path, FIELDS)?;
    Some(IssueFile {
        id: decoder.string(&fields, "id", "\"es-11-1\""),
        title: decoder.string(&fields, "title", "\"…\""),
        domain: decoder.string(&fields, "domain", "\"foreign_policy\""),
        source: decoder.opt_source(&fields, "source"),
    })
}

fn instrument(decoder: &mut Decoder, node: &Node, path: &Path) -> Option<InstrumentFile> {
    const FIELDS: &[&str] = &[
        "id",
        "name",
        "kind",
        "force",
        "form",
        "parties",
        "members_of",
        "signed",
        "in_force",
        "terminated",
        "source",
        "subject_to",
        "not_incompatible_with",
        "savings",
        "un_charter",
        "clauses",
    ];
    let fields = decoder.fields(node, path, FIELDS)?;
    Some(InstrumentFile {
        id: decoder.string(&fields, "id", "\"moscow-2022\""),
        name: decoder.string(&fields, "name", "\"…\""),
        kind: decoder.string(&fields, "kind", "\"treaty\""),
        force: decoder.string(&fields, "force", "\"binding\""),
        form: decoder.string(&fields, "form", "\"bilateral\""),
        parties: decoder.strings(&fields, "parties"),
        members_of: decoder.opt_string(&fields, "members_of"),
        signed: decoder.opt_date(&fields, "signed"),
        in_force: decoder.opt_date(&fields, "in_force"),
        terminated: decoder.opt_date(&fields, "terminated"),
        source: decoder.source(&fields, "source"),
        subject_to: decoder.strings(&fields, "subject_to"),
        not_incompatible_with: decoder.strings(&fields, "not_incompatible_with"),
        savings: decoder.strings(&fields, "savings"),
        un_charter: decoder.opt_bool(&fields, "un_charter").unwrap_or(false),
        clauses: decoder.list(&fields, "clauses", clause),
    })
}

fn clause(decoder: &mut Decoder, node: &Node, path: &Path) -> Option<ClauseFile> {
    const FIELDS: &[&str] = &[
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
        "source",
    ];
    let fields = decoder.fields(node, path, FIELDS)?;
    Some(ClauseFile {
        label: decoder.string(&fields, "label", "\"art. 4\""),
        text: decoder.string(&fields, "text", "\"…\""),
        translation: decoder.opt_string(&fields, "translation"),
        modality: decoder.string(&fields, "modality", "\"obligation\""),
        action: decoder.string(&fields, "action", "\"defend\""),
        reading: decoder.opt_string(&fields, "reading"),
        scope: decoder.strings(&fields, "scope"),
        peremptory: decoder.opt_bool(&fields, "peremptory").unwrap_or(false),
        bound: decoder.opt_strings(&fields, "bound"),
        toward: decoder.opt_strings(&fields, "toward"),
        discretion: decoder.opt_bool(&fields, "discretion").unwrap_or(false),
        adversaries: decoder.strings(&fields, "adversaries"),
        unless_provoked: decoder
            .opt_bool(&fields, "unless_provoked")
            .unwrap_or(false),
        source: decoder.opt_source(&fields, "source"),
    })
}

fn position(decoder: &mut Decoder, node: &Node, path: &Path) -> Option<PositionFile> {
    const FIELDS: &[&str] = &["party", "issue", "stance", "since", "until", "source"];
    let fields = decoder.fields(node, path, FIELDS)?;
    Some(PositionFile {
        party: decoder.string(&fields, "party", "\"TUR\""),
        issue: decoder.string(&fields, "issue", "\"invasion-of-ukraine\""),
        stance: decoder.string(&fields, "stance", "\"oppose\""),
        since: decoder.date(&fields, "since"),
        until: decoder.opt_date(&fields, "until"),
        source: decoder.source(&fields, "source"),
    })
}

fn event(decoder: &mut Decoder, node: &Node, path: &Path) -> Option<EventFile> {
    const FIELDS: &[&str] = &[
        "id",
        "kind",
        "date",
        "attacker",
        "victim",
        "provoked",
        "issue",
        "title",
        "domain",
        "by",
        "territory",
        "entity",
        "party",
        "organisation",
        "source",
    ];
    let fields = decoder.fields(node, path, FIELDS)?;
    Some(EventFile {
        id: decoder.string(&fields, "id", "\"invasion-2022\""),
        kind: decoder.string(&fields, "kind", "\"armed_attack\""),
        date: decoder.date(&fields, "date"),
        attacker: decoder.opt_string(&fields, "attacker"),
        victim: decoder.opt_string(&fields, "victim"),
        provoked: decoder.opt_bool(&fields, "provoked"),
        issue: decoder.opt_string(&fields, "issue"),
        title: decoder.opt_string(&fields, "title"),
        domain: decoder.opt_string(&fields, "domain"),
        by: decoder.opt_string(&fields, "by"),
        territory: decoder.opt_string(&fields, "territory"),
        entity: decoder.opt_string(&fields, "entity"),
        party: decoder.opt_string(&fields, "party"),
        organisation: decoder.opt_string(&fields, "organisation"),
        source: decoder.source(&fields, "source"),
    })
}
