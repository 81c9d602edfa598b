//! Newtype ids: short readable strings that name the things of a scenario.

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;

use serde::Serialize;
// Ids are short (a state's code, a treaty's name): held inline, a world-sized scenario's
// millions of them cost no allocation each, and a clone is a copy.
use smol_str::SmolStr;

/// Why a string cannot be an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The string is empty or only white space.
    #[error("an id cannot be empty")]
    Empty,
    /// The string has white space or a control character at its ends or inside it.
    #[error("an id cannot contain white space or control characters: `{0}`")]
    Whitespace(String),
}

/// Checks the rule every id obeys: non-empty, no white space, no control characters.
pub(crate) fn check_id(text: &str) -> Result<(), IdError> {
    if text.is_empty() {
        return Err(IdError::Empty);
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(IdError::Whitespace(text.escape_debug().to_string()));
    }
    Ok(())
}

/// An id held inline: an id declared once (an instrument's, an event's).
type Inline = SmolStr;

/// An id held once and shared by every entry that names it: a party's or an issue's, named
/// by millions of positions and parties' lists on a world, each reference one pointer (8
/// bytes, not 24). The loader hands out clones of the declared id, so one scenario holds
/// each text once.
type Shared = std::sync::Arc<SmolStr>;

macro_rules! newtype_id {
    ($(#[$doc:meta])* $name:ident, $example:literal, $inner:ty) => {
        $(#[$doc])*
        ///
        /// An id is a non-empty string without white space or control characters.
        ///
        /// # Example
        ///
        /// ```
        #[doc = concat!("use allegiance::", stringify!($name), ";")]
        #[doc = concat!("let id: ", stringify!($name), " = \"", $example, "\".parse()?;")]
        #[doc = concat!("assert_eq!(id.as_ref(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert!(\"two words\".parse::<", stringify!($name), ">().is_err());")]
        /// # Ok::<(), allegiance::IdError>(())
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($inner);

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl $name {
            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(text: &str) -> Result<Self, IdError> {
                check_id(text)?;
                Ok(Self(<$inner>::from(SmolStr::new(text))))
            }
        }

        /// An id is looked up by its text in the maps it keys: it hashes and orders as its
        /// text does.
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

newtype_id!(
    /// The id of a party: an ISO 3166-1 alpha-3 code for a state where one exists.
    PartyId,
    "AZE",
    Shared
);
newtype_id!(
    /// The id of a territory, such as `Donetsk` or `Nagorno-Karabakh`.
    TerritoryId,
    "Nagorno-Karabakh",
    Inline
);
newtype_id!(
    /// The id of an instrument: a treaty, declaration, charter or memorandum.
    InstrumentId,
    "moscow-2022",
    Inline
);
newtype_id!(
    /// The id of an issue parties take positions on.
    IssueId,
    "invasion-of-ukraine",
    Shared
);
newtype_id!(
    /// The id of an event: an armed attack, a recognition, an accession or a withdrawal.
    EventId,
    "invasion-2022",
    Inline
);
newtype_id!(
    /// The name of a user-defined action, declared with its incompatibilities.
    ActionName,
    "buy_s400",
    Inline
);

/// The label of a clause within its instrument, as the instrument numbers it (`art. 4`,
/// `point 7`). Unlike the ids, a label may contain spaces.
///
/// # Example
///
/// ```
/// use allegiance::ClauseLabel;
/// let label: ClauseLabel = "point 4".parse()?;
/// assert_eq!(label.as_ref(), "point 4");
/// assert!("".parse::<ClauseLabel>().is_err());
/// # Ok::<(), allegiance::IdError>(())
/// ```
///
/// A label is held once and shared, as party and issue ids are: a world's million clauses
/// are labelled with a few texts (`art. 1`), which the loader hands out clones of.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClauseLabel(Shared);

impl Serialize for ClauseLabel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl ClauseLabel {
    /// The label as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ClauseLabel {
    type Err = IdError;
    fn from_str(text: &str) -> Result<Self, IdError> {
        if text.trim().is_empty() {
            return Err(IdError::Empty);
        }
        if text.chars().any(char::is_control) || text.trim() != text {
            return Err(IdError::Whitespace(text.escape_debug().to_string()));
        }
        Ok(Self(Shared::from(SmolStr::new(text))))
    }
}

impl fmt::Display for ClauseLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// A label is looked up by its text in the sets it is kept in: it hashes and orders as its
/// text does.
impl Borrow<str> for ClauseLabel {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ClauseLabel {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
