//! Pieces of screens drawn in several places.

pub mod highlight;
