//! Where a fact comes from.

use serde::Serialize;

/// The source of a fact: a citation a reader can follow, and what in the fact is assumed
/// rather than read in the source.
///
/// The model's entries hold their sources shared (`Arc<Source>`): entries that cite the same
/// source, word for word, hold one copy of it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Source {
    /// A citation a reader can follow: title, publisher, document number, date.
    pub citation: String,
    /// Where the text can be read, when it is online.
    pub url: Option<String>,
    /// What in the fact is an assumption of the scenario's author, not read in the source.
    pub assumption: Option<String>,
}
