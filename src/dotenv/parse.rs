//! Reads an env file exactly as Next.js does.
//!
//! `@next/env` 16 bundles dotenv 16.3.1 (`lib/main.js`, `parse`) and dotenv-expand 10
//! (`lib/main.js`, `expand`). Both are a handful of JavaScript regular expressions whose quirks
//! users depend on without knowing it (a `$` silently disappears, `\n` is a newline only inside
//! double quotes, a value may span lines). We mirror those expressions one for one rather than
//! write a "nicer" parser, because the only correct answer is what Next.js will load. The
//! interop tests compare this module with the real `@next/env` on a corpus and on generated files.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use zeroize::Zeroizing;

/// A value, or a text holding values: env files hold secrets, so every copy made while reading
/// one is wiped when it is dropped.
pub type Text = Zeroizing<String>;

/// JavaScript's `\s`, which is also what `String.prototype.trim` removes. U+2028 and U+2029 are
/// left out on purpose: files holding them are refused (see [`ParseError`]).
const JS_SPACE: &str = r"[\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}\x{FEFF}]";

fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// dotenv 16.3.1's `LINE`, with `\s`, `\w` and `.` spelled out as JavaScript means them
/// (ASCII `\w`; `.` never matches a line break, and line breaks are `\n` once CRs are folded).
/// The `regex` crate's leftmost-first semantics give the same match and captures as
/// JavaScript's backtracking engine for an expression without back-references.
static LINE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = r#"(?m)^S*(?:exportS+)?([A-Za-z0-9_.-]+)(?:S*=S*?|:S+?)(S*'(?:\\'|[^'])*'|S*"(?:\\"|[^"])*"|S*`(?:\\`|[^`])*`|[^#\r\n]+)?S*(?:#.*)?$"#;
    Regex::new(&pattern.replace('S', JS_SPACE)).expect("LINE is a valid expression")
});

/// dotenv-expand 10's variable reference, anchored where `_interpolate` finds it.
static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\$\{?([A-Za-z0-9_]+)(?::-([^}\\]*))?\}?").expect("REFERENCE is a valid expression"));

/// One `NAME=value` entry as dotenv matched it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// The value after dotenv's unquoting, before `$` expansion.
    pub value: Text,
    /// Bytes of the value as written (quotes included, surrounding blanks excluded) in the
    /// original text. Empty, just after the `=`, when the entry has no value.
    pub value_span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// JavaScript treats U+2028 and U+2029 as line breaks in the expressions above and Rust's
    /// `regex` cannot; such files are refused rather than misread. `line` is 1-based.
    #[error("line {line} holds a Unicode line separator (U+2028 or U+2029), which Next.js reads as a line break")]
    LineSeparator { line: usize },
}

/// Every entry in file order; later entries with the same name win, as in dotenv.
pub fn parse(text: &str) -> Result<Vec<Entry>, ParseError> {
    if let Some(at) = text.find(['\u{2028}', '\u{2029}']) {
        return Err(ParseError::LineSeparator { line: text[..at].matches('\n').count() + 1 });
    }
    let folded = FoldedCr::new(text);
    let mut entries = Vec::new();
    for caps in LINE.captures_iter(&folded.text) {
        let name = caps[1].to_string();
        let (value, span) = match caps.get(2) {
            Some(group) => {
                let raw = group.as_str();
                let start = raw.len() - raw.trim_start_matches(is_js_space).len();
                let trimmed = raw.trim_matches(is_js_space);
                // A blank-only value (`A= # note`) is empty: insert right after the `=`.
                let start = if trimmed.is_empty() { 0 } else { start };
                let span = group.start() + start..group.start() + start + trimmed.len();
                (unquote(trimmed), span)
            }
            None => {
                let at = caps.get(0).expect("whole match").end();
                // No value: the insertion point is right after the separator, which is the
                // end of the match minus any trailing blanks and comment.
                let sep_end = separator_end(&folded.text, caps.get(1).expect("name").end(), at);
                (Text::default(), sep_end..sep_end)
            }
        };
        entries.push(Entry { name, value, value_span: folded.original(span.start)..folded.original(span.end) });
    }
    Ok(entries)
}

/// Where `=` (or `:` and one blank) ends after a name, for an entry that has no value.
fn separator_end(text: &str, name_end: usize, match_end: usize) -> usize {
    let rest = &text[name_end..match_end];
    let after_blanks = rest.len() - rest.trim_start_matches(is_js_space).len();
    let sep = rest[after_blanks..].chars().next();
    match sep {
        Some('=') => name_end + after_blanks + 1,
        // `:\s+?` takes exactly one blank when nothing follows.
        Some(':') => {
            let blank = rest[after_blanks + 1..].chars().next().map_or(0, char::len_utf8);
            name_end + after_blanks + 1 + blank
        }
        _ => match_end,
    }
}

/// dotenv's `value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2')` and the double-quote escapes.
/// A value that starts with a quote and ends with the same quote loses both; a value that
/// merely starts with `"` still has `\n` and `\r` turned into line breaks, as in dotenv.
fn unquote(trimmed: &str) -> Text {
    let first = trimmed.chars().next();
    let inner = match first {
        Some(q @ ('\'' | '"' | '`')) if trimmed.len() >= 2 && trimmed.ends_with(q) => &trimmed[1..trimmed.len() - 1],
        _ => trimmed,
    };
    if first != Some('"') {
        return Text::new(inner.to_string());
    }
    // `.replace(/\\n/g, '\n').replace(/\\r/g, '\r')` in one pass, into one buffer: the
    // two escapes cannot overlap, so the order of the passes does not matter.
    let mut value = Text::new(String::with_capacity(inner.len()));
    let mut rest = inner;
    while let Some(at) = rest.find('\\') {
        value.push_str(&rest[..at]);
        match rest[at + 1..].chars().next() {
            Some('n') => value.push('\n'),
            Some('r') => value.push('\r'),
            _ => {
                value.push('\\');
                rest = &rest[at + 1..];
                continue;
            }
        }
        rest = &rest[at + 2..];
    }
    value.push_str(rest);
    value
}

/// dotenv folds `\r\n` and lone `\r` into `\n` before matching. This keeps the folded text and
/// maps its offsets back to the original bytes, so edits land on the bytes the user wrote.
struct FoldedCr {
    text: Text,
    /// Offsets in `text` of the `\n` that stood after each dropped `\r`.
    dropped: Vec<usize>,
}

impl FoldedCr {
    fn new(original: &str) -> Self {
        let mut text = Text::new(String::with_capacity(original.len()));
        let mut dropped = Vec::new();
        let mut chars = original.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                if chars.peek() == Some(&'\n') {
                    dropped.push(text.len());
                } else {
                    text.push('\n');
                }
            } else {
                text.push(c);
            }
        }
        FoldedCr { text, dropped }
    }

    /// A boundary in the folded text as a boundary in the original: a dropped `\r` counts only
    /// when it stood strictly before the boundary, so a boundary before a CRLF stays before it.
    fn original(&self, folded: usize) -> usize {
        folded + self.dropped.partition_point(|&d| d < folded)
    }
}

/// The values Next.js ends up with for one file: dotenv's last-one-wins object, in JavaScript's
/// property order, expanded by dotenv-expand 10 against `process_env`.
pub fn expand(
    entries: &[Entry],
    process_env: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, Text)>, ExpandError> {
    let process_env = |name: &str| process_env(name).map(Text::new);
    let mut parsed: Vec<(String, Text)> = Vec::new();
    for entry in entries {
        match parsed.iter_mut().find(|(name, _)| *name == entry.name) {
            Some(slot) => slot.1 = entry.value.clone(),
            None => parsed.push((entry.name.clone(), entry.value.clone())),
        }
    }
    // `for (const key in object)` visits integer-like keys first, in numeric order.
    parsed.sort_by_key(|(name, _)| array_index(name).map_or((1, 0), |i| (0, i)));

    for i in 0..parsed.len() {
        let name = parsed[i].0.clone();
        let start = process_env(&name).unwrap_or_else(|| parsed[i].1.clone());
        // dotenv-expand: `environment[name] || default || parsed[name] || ''`.
        let resolve = |key: &str, default: &str| -> Text {
            let parsed_value = || parsed.iter().find(|(n, _)| n == key).map(|(_, v)| v.clone());
            [process_env(key), Some(Text::new(default.to_string())), parsed_value()]
                .into_iter()
                .flatten()
                .find(|v| !v.is_empty())
                .unwrap_or_default()
        };
        let value = interpolate(start, &resolve).ok_or_else(|| ExpandError { name: name.clone() })?;
        parsed[i].1 = Text::new(value.replace("\\$", "$"));
    }
    Ok(parsed)
}

/// A value whose `$` references never stop expanding (Next.js fails to load such a file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the value of {name} refers to itself through `$` and never finishes expanding")]
pub struct ExpandError {
    pub name: String,
}

/// JavaScript's canonical array index: "0" or digits without a leading zero, below 2^32 - 1.
fn array_index(name: &str) -> Option<u64> {
    let canonical =
        name == "0" || (!name.starts_with('0') && !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()));
    canonical.then(|| name.parse::<u64>().ok()).flatten().filter(|&i| i < u32::MAX as u64)
}

/// Larger than any real env value; past it the expansion is a runaway self-reference.
const MAX_EXPANDED: usize = 1 << 20;

/// dotenv-expand 10's `_interpolate`: repeatedly take the last `$` not preceded by a backslash,
/// and replace the *first* occurrence of its reference text with the looked-up value (or the
/// `:-` default), as `String.prototype.replace` does. `None` when it never stops.
fn interpolate(mut value: Text, resolve: &dyn Fn(&str, &str) -> Text) -> Option<Text> {
    // Each step is a JavaScript stack frame, so a self-reference like `A=${A}$A` ends in a
    // RangeError in Next.js. No real value needs a thousand expansions; a runaway one stops here.
    for _ in 0..1_000 {
        let Some(at) = last_unescaped_dollar(&value) else {
            return Some(value);
        };
        if value.len() > MAX_EXPANDED {
            return None;
        }
        let Some(caps) = REFERENCE.captures(&value[at..]) else {
            return Some(value);
        };
        let default = caps.get(2).map_or("", |m| m.as_str());
        let replacement = resolve(&caps[1], default);
        let next = Text::new(js_replace_first(&value, &caps[0], &replacement));
        if next == value {
            // The same step again and again: JavaScript recurses until its stack overflows.
            return None;
        }
        value = next;
    }
    None
}

fn last_unescaped_dollar(value: &str) -> Option<usize> {
    value.match_indices('$').map(|(i, _)| i).rfind(|&i| !value[..i].ends_with('\\'))
}

/// `haystack.replace(pattern, replacement)` with a string pattern: the first occurrence only,
/// and `$$`, `$&`, `` $` ``, `$'` in the replacement mean what JavaScript says they mean.
pub fn js_replace_first(haystack: &str, pattern: &str, replacement: &str) -> String {
    let Some(at) = haystack.find(pattern) else {
        return haystack.to_string();
    };
    let (before, after) = (&haystack[..at], &haystack[at + pattern.len()..]);
    let mut out = String::with_capacity(haystack.len() + replacement.len());
    out.push_str(before);
    let mut chars = replacement.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('$') => out.push('$'),
            Some('&') => out.push_str(pattern),
            Some('`') => out.push_str(before),
            Some('\'') => out.push_str(after),
            _ => {
                out.push('$');
                continue;
            }
        }
        chars.next();
    }
    out.push_str(after);
    out
}

/// The values Next.js would load from `text` with no process environment at all, by name.
pub fn load(text: &str) -> Result<HashMap<String, Text>, LoadError> {
    let entries = parse(text)?;
    Ok(expand(&entries, &|_| None)?.into_iter().collect())
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Expand(#[from] ExpandError),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(values: Vec<(String, Text)>) -> Vec<(String, String)> {
        values.into_iter().map(|(name, value)| (name, value.to_string())).collect()
    }

    fn values(text: &str) -> Vec<(String, String)> {
        plain(expand(&parse(text).unwrap(), &|_| None).unwrap())
    }

    fn one(text: &str, name: &str) -> String {
        load(text).unwrap().remove(name).unwrap_or_else(|| panic!("{name} not in {text:?}")).to_string()
    }

    #[test]
    fn quoting_rules_follow_dotenv() {
        assert_eq!(one("A=\"x\\ny\"", "A"), "x\ny");
        assert_eq!(one("A='x\\ny'", "A"), "x\\ny");
        assert_eq!(one("A=`x'y\"z`", "A"), "x'y\"z");
        assert_eq!(one("A=  spaced out  # comment", "A"), "spaced out");
        assert_eq!(one("A=a#b", "A"), "a");
        assert_eq!(one("A=\"a # b\"", "A"), "a # b");
        assert_eq!(one("export A=1", "A"), "1");
        assert_eq!(one("A: yaml", "A"), "yaml");
        assert_eq!(one("A=\"multi\nline\"\nB=2", "A"), "multi\nline");
        // Starts with a double quote but never closes: still gets the double-quote escapes.
        assert_eq!(one("A=\"open\\n", "A"), "\"open\n");
    }

    #[test]
    fn crlf_and_lone_cr_are_line_breaks() {
        assert_eq!(
            values("A=1\r\nB=2\rC=3"),
            [("A".into(), "1".into()), ("B".into(), "2".into()), ("C".into(), "3".into())]
        );
    }

    #[test]
    fn last_entry_wins_and_keeps_the_first_position() {
        assert_eq!(values("A=1\nB=2\nA=3"), [("A".into(), "3".into()), ("B".into(), "2".into())]);
    }

    #[test]
    fn integer_names_come_first_as_in_a_javascript_object() {
        let names: Vec<String> = values("B=1\n10=x\n2=y\n01=z").into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["2", "10", "B", "01"]);
    }

    #[test]
    fn value_spans_point_at_the_bytes_written() {
        let text = "A=1\r\nexport B = \"two\" # c\r\nC=\r\nD: x\r\n";
        let entries = parse(text).unwrap();
        let spans: Vec<&str> = entries.iter().map(|e| &text[e.value_span.clone()]).collect();
        assert_eq!(spans, ["1", "\"two\"", "", "x"]);
        assert_eq!(entries[2].value_span.start, text.find("C=").unwrap() + 2);
    }

    #[test]
    fn expansion_follows_dotenv_expand_10() {
        assert_eq!(one("A=x\nB=${A}y", "B"), "xy");
        assert_eq!(one("A=x\nB=$A/y", "B"), "x/y");
        assert_eq!(one("B=\\$A", "B"), "$A");
        assert_eq!(one("B=${NOPE:-fallback}", "B"), "fallback");
        assert_eq!(one("B=price $", "B"), "price $");
        assert_eq!(one("B=$NOPE", "B"), "");
        // The process environment wins over the file, for the name and for references.
        let entries = parse("A=file\nB=$A").unwrap();
        let env = |n: &str| (n == "A").then(|| "process".to_string());
        assert_eq!(
            plain(expand(&entries, &env).unwrap()),
            [("A".into(), "process".into()), ("B".into(), "process".into())]
        );
    }

    #[test]
    fn self_reference_fails_like_next_js() {
        assert!(load("A=$A").is_err());
        assert!(load("A=${A}$A").is_err());
    }

    #[test]
    fn replacement_patterns_are_javascripts() {
        assert_eq!(js_replace_first("a-b-b", "b", "[$&$$$`$']"), "a-[b$a--b]-b");
        assert_eq!(js_replace_first("abc", "x", "y"), "abc");
        assert_eq!(js_replace_first("abc", "b", "$1$<n>$"), "a$1$<n>$c");
    }

    #[test]
    fn line_separators_are_refused_with_their_line() {
        assert_eq!(parse("A=1\nB=x\u{2028}y"), Err(ParseError::LineSeparator { line: 2 }));
    }
}
