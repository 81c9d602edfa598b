#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod graph;
pub mod load;
pub mod model;
pub mod save;
pub mod spec;

pub use graph::{Commitment, CommitmentGraph};
pub use load::{LoadError, LoadErrors, Location, Problem};
pub use model::*;
