//! The Next.js env file (`.env.local`): parsing by Next.js's rules, in-place edits, atomic writes.

mod edit;
mod file;
mod parse;

pub use edit::{EditError, current, encode, set};
pub use file::{EnvFile, FileError};
pub use parse::{Entry, ExpandError, LoadError, ParseError, expand, load, parse};
