//! How flags that hold a domain type are read.

use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::secrets::Secret;

/// A flag that takes one of a domain type's named values (`--bits`, `--via`).
pub fn choice<T: Copy + Send + Sync + 'static>(
    table: &'static [(&'static str, T)],
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(table.iter().map(|(name, _)| *name))
        .map(move |name| table.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).expect("clap checked the name"))
}

/// A flag that holds a key: kept as a [`Secret`], so no `Debug` of these structs shows it.
pub fn secret_parser(text: &str) -> Result<Secret, std::convert::Infallible> {
    Ok(Secret::new(text))
}
