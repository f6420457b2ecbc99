//! The Next.js env file (`.env.local`): parsing by Next.js's rules, in-place edits, atomic writes.

mod edit;
mod parse;

pub use crate::text_file::{FileError, TextFile as EnvFile};
pub use edit::{EditError, current, encode, set};
pub use parse::{Entry, ExpandError, LoadError, ParseError, Text, expand, load, parse};
