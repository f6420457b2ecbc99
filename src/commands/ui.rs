//! Everything a command shows a person: results on stdout, notes and questions on stderr.

use std::io::{IsTerminal, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::config::Output;
use crate::failure::{Exit, Failure};

pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
pub const CODE: Style = AnsiColor::Cyan.on_default();

pub struct Ui {
    pub json: bool,
    pub quiet: bool,
    pub yes: bool,
}

impl Ui {
    pub fn new(output: Output) -> Ui {
        Ui { json: output.json, quiet: output.quiet, yes: output.yes }
    }

    /// A line of the result itself (a value the user asked for): printed even with --quiet.
    pub fn result(&self, text: &str) -> Result<(), Failure> {
        let mut out = anstream::stdout().lock();
        writeln!(out, "{text}").and_then(|_| out.flush()).map_err(Failure::output)
    }

    /// The terminal's width when stdout is one (`COLUMNS` first, as shells set it), else `None`:
    /// output to a pipe or a file is never wrapped.
    pub fn width(&self) -> Option<usize> {
        if !std::io::stdout().is_terminal() {
            return None;
        }
        let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
        columns.or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
    }

    /// A sentence about what was done; not with --quiet or --json.
    pub fn status(&self, text: &str) -> Result<(), Failure> {
        if self.quiet || self.json {
            return Ok(());
        }
        self.result(text)
    }

    /// The one JSON document of a --json run.
    pub fn json(&self, value: &impl Serialize) -> Result<(), Failure> {
        self.result(&serde_json::to_string_pretty(value).expect("command results always serialise"))
    }

    /// A step of a long command, `[2/3] Pushing…`, on stderr: only for a person at a terminal.
    pub fn step(&self, number: usize, total: usize, text: &str) {
        if !self.quiet && !self.json && std::io::stderr().is_terminal() {
            let _ = writeln!(anstream::stderr(), "{CODE}[{number}/{total}]{CODE:#} {text}");
        }
    }

    /// Waits `wait`, showing the seconds left on stderr when a person is watching.
    pub fn countdown(&self, wait: std::time::Duration, text: &str) {
        let watching = !self.quiet && !self.json && std::io::stderr().is_terminal();
        let mut left = wait.as_secs();
        while left > 0 {
            if watching {
                let _ = write!(anstream::stderr(), "\r  {text} {left} s ");
            }
            std::thread::sleep(std::time::Duration::from_secs(1));
            left -= 1;
        }
        std::thread::sleep(wait - std::time::Duration::from_secs(wait.as_secs()));
        if watching {
            let _ = writeln!(anstream::stderr(), "\r  {text} 0 s ");
        }
    }

    pub fn warn(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(anstream::stderr(), "{WARN}warning:{WARN:#} {text}");
        }
    }

    /// Whether a question may be asked: stdin and stderr are terminals, `CI` is unset and the
    /// user did not say --yes.
    pub fn can_prompt(&self) -> bool {
        !self.yes
            && std::env::var_os("CI").is_none()
            && std::io::stdin().is_terminal()
            && std::io::stderr().is_terminal()
    }

    /// Goes ahead with --yes, asks when it can, and otherwise refuses with `what_to_pass`.
    pub fn approve(&self, question: &str, refusal: &str, what_to_pass: &str) -> Result<(), Failure> {
        if self.yes {
            return Ok(());
        }
        if !self.can_prompt() {
            return Err(Failure::usage(refusal.to_string()).hint(what_to_pass.to_string()));
        }
        if self.confirm(question)? { Ok(()) } else { Err(Failure::declined("Nothing changed.")) }
    }

    /// Asks a yes/no question on stderr; no is the default.
    pub fn confirm(&self, question: &str) -> Result<bool, Failure> {
        dialoguer::Confirm::new().with_prompt(question).default(false).interact().map_err(|e| {
            let dialoguer::Error::IO(io) = e;
            if io.kind() == std::io::ErrorKind::Interrupted {
                Failure::new(Exit::Interrupted, "interrupted")
            } else {
                Failure::usage(format!("cannot read your answer: {io}"))
            }
        })
    }
}

/// `text` styled as a command or file name.
pub fn code(text: &str) -> String {
    format!("{CODE}{text}{CODE:#}")
}

/// `text` broken at spaces so that no line passes `width` columns, the text starting at column
/// `indent` and every further line indented to it. A word longer than the room (a URL) gets a
/// line of its own rather than being cut. No width: one line, as for a pipe.
pub fn wrap(text: &str, indent: usize, width: Option<usize>) -> String {
    let Some(width) = width else { return text.to_string() };
    let room = width.saturating_sub(indent).max(20);
    // At spaces only: a URL or a variable name is never split at its `-`, `/` or `_`.
    let options = textwrap::Options::new(room)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(text, options).join(&format!("\n{:indent$}", ""))
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_under_its_indent_and_never_cuts_a_word() {
        let text = "the served JWKS does not hold the public half of CONVEX_AUTH_PRIVATE_KEY";
        assert_eq!(wrap(text, 4, None), text);
        assert_eq!(
            wrap(text, 4, Some(30)),
            "the served JWKS does not\n    hold the public half of\n    CONVEX_AUTH_PRIVATE_KEY"
        );
        let url = "see https://example.convex.site/.well-known/openid-configuration now";
        assert_eq!(wrap(url, 0, Some(20)), "see\nhttps://example.convex.site/.well-known/openid-configuration\nnow");
    }
}
