//! Sets one variable in an env file's text, touching no other byte.
//!
//! The edit is proved rather than trusted: after splicing, the new text is parsed again with
//! Next.js's rules and must give back exactly the value we set, and exactly the same entries for
//! every other name. Anything else is refused, so a strange file can never be silently damaged.

use super::parse::{self, Entry, ParseError, Text};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// No quoting style of dotenv gives this value back exactly (it mixes every quote with
    /// line breaks or backslash sequences).
    #[error("the value for {name} cannot be written so that Next.js reads it back unchanged")]
    Unrepresentable { name: String },
    /// Splicing the value in would change how other lines parse (an unclosed quote nearby).
    #[error("writing {name} would change how Next.js reads {} (an unclosed quote nearby?)", others.join(", "))]
    WouldChangeOthers { name: String, others: Vec<String> },
}

/// The current value of `name` in `text` as Next.js would load it without a process
/// environment, or `None` when the file does not set it.
pub fn current(text: &str, name: &str) -> Result<Option<Text>, parse::LoadError> {
    Ok(parse::load(text)?.remove(name))
}

/// `text` with `name` set to `value`: the last entry for `name` has its value replaced in
/// place (dotenv lets the last one win), or a new line is appended in the file's line style.
pub fn set(text: &str, name: &str, value: &str) -> Result<Text, EditError> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let encoded = encode(name, value).ok_or_else(|| EditError::Unrepresentable { name: name.into() })?;
    let entries = parse::parse(text)?;
    let existing = entries.iter().rev().find(|e| e.name == name);

    let mut new_text = Text::new(String::with_capacity(text.len() + name.len() + encoded.len() + 4));
    match existing {
        Some(entry) => {
            let span = entry.value_span.clone();
            new_text.push_str(&text[..span.start]);
            new_text.push_str(&encoded);
            new_text.push_str(&text[span.end..]);
        }
        None => {
            new_text.push_str(text);
            if !text.is_empty() && !text.ends_with(['\n', '\r']) {
                new_text.push_str(newline);
            }
            for part in [name, "=", &encoded, newline] {
                new_text.push_str(part);
            }
        }
    }

    prove(&entries, &new_text, name, value)?;
    Ok(new_text)
}

/// The new text must load `name` as `value`, and every other entry must parse as before.
fn prove(old: &[Entry], new_text: &str, name: &str, value: &str) -> Result<(), EditError> {
    let new = parse::parse(new_text)?;
    let others = |entries: &[Entry]| -> Vec<(String, Text)> {
        entries.iter().filter(|e| e.name != name).map(|e| (e.name.clone(), e.value.clone())).collect()
    };
    let (before, after) = (others(old), others(&new));
    if before != after {
        let mut changed: Vec<String> = before
            .iter()
            .chain(after.iter())
            .filter(|pair| !before.contains(pair) || !after.contains(pair))
            .map(|(n, _)| n.clone())
            .collect();
        changed.dedup();
        return Err(EditError::WouldChangeOthers { name: name.into(), others: changed });
    }
    let loaded = current(new_text, name).ok().flatten();
    if loaded.as_deref().map(String::as_str) != Some(value) {
        return Err(EditError::Unrepresentable { name: name.into() });
    }
    Ok(())
}

/// The shortest faithful spelling of `value`: bare when it is plain, else double quotes with
/// `\n` escapes (the seed's format for the private key), else single quotes, else backticks.
/// Every `$` is written `\$` because dotenv-expand runs on every value, quoted or not.
pub fn encode(name: &str, value: &str) -> Option<Text> {
    let escaped = Text::new(value.replace('$', "\\$"));
    let bare_ok = !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || "+/=_-.,:@%".contains(c));
    let quoted = |open: &str, body: &str, close: &str| {
        let mut text = Text::new(String::with_capacity(open.len() + body.len() + close.len()));
        for part in [open, body, close] {
            text.push_str(part);
        }
        text
    };
    let double = {
        let mut body = Text::new(String::with_capacity(escaped.len() + escaped.len() / 32));
        for c in escaped.chars() {
            match c {
                '\n' => body.push_str("\\n"),
                '\r' => body.push_str("\\r"),
                c => body.push(c),
            }
        }
        quoted("\"", &body, "\"")
    };
    let candidates = [
        bare_ok.then(|| escaped.clone()),
        Some(double),
        Some(quoted("'", &escaped, "'")),
        Some(quoted("`", &escaped, "`")),
    ];
    candidates.into_iter().flatten().find(|candidate| {
        let line = quoted(&format!("{name}="), candidate, "\n");
        current(&line, name).ok().flatten().as_deref().map(String::as_str) == Some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_in_place_keeping_everything_around() {
        let text = "# top\nexport S='old' # why\r\nB=2";
        assert_eq!(*set(text, "S", "new").unwrap(), "# top\nexport S=new # why\r\nB=2");
    }

    #[test]
    fn replaces_the_last_of_duplicate_entries() {
        assert_eq!(*set("S=a\nS=b\n", "S", "c").unwrap(), "S=a\nS=c\n");
    }

    #[test]
    fn appends_with_the_files_line_ending() {
        assert_eq!(*set("", "S", "v").unwrap(), "S=v\n");
        assert_eq!(*set("A=1", "S", "v").unwrap(), "A=1\nS=v\n");
        assert_eq!(*set("A=1\r\n", "S", "v").unwrap(), "A=1\r\nS=v\r\n");
        assert_eq!(*set("A=1\r", "S", "v").unwrap(), "A=1\rS=v\n");
    }

    #[test]
    fn fills_an_empty_entry_where_it_stands() {
        assert_eq!(*set("S=\nB=1\n", "S", "v").unwrap(), "S=v\nB=1\n");
        assert_eq!(*set("S= # note\n", "S", "v").unwrap(), "S=v # note\n");
    }

    #[test]
    fn spells_values_so_they_load_back() {
        assert_eq!(*encode("K", "abc+/=").unwrap(), "abc+/=");
        assert_eq!(
            *encode("K", "-----BEGIN PRIVATE KEY-----\nAB\n").unwrap(),
            "\"-----BEGIN PRIVATE KEY-----\\nAB\\n\""
        );
        assert_eq!(*encode("K", "a$b").unwrap(), "\"a\\$b\"");
        assert_eq!(*encode("K", "literal \\n").unwrap(), "'literal \\n'");
        assert_eq!(*encode("K", "it's \"quoted\" # x").unwrap(), "`it's \"quoted\" # x`");
        assert_eq!(encode("K", "' \" ` #\n"), None);
    }

    #[test]
    fn refuses_a_value_that_would_close_an_earlier_quote() {
        // `A='x` never closes; a value ending in `' #…` would close it and swallow our line.
        let err = set("A='x\n", "S", "y' #z").unwrap_err();
        assert_eq!(err, EditError::WouldChangeOthers { name: "S".into(), others: vec!["A".into()] });
    }

    #[test]
    fn refuses_what_no_quoting_can_carry() {
        assert_eq!(set("", "S", "' \" ` #\n").unwrap_err(), EditError::Unrepresentable { name: "S".into() });
    }
}
