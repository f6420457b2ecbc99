//! The Next.js env file (`.env.local`): parsing by Next.js's rules, in-place edits, atomic writes.

mod edit;
mod file;
mod parse;

pub use edit::{EditError, Edited, current, encode, set};
pub use file::{EnvFile, FileError};
pub use parse::{Entry, ExpandError, LoadError, ParseError, expand, js_replace_first, load, parse};
