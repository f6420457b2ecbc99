//! Everything a command shows a person: results on stdout, notes and questions on stderr.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::config::Output;
use crate::environment::Environment;
use crate::failure::{Exit, Failure};
use crate::secrets::Secret;

pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
pub const CODE: Style = AnsiColor::Cyan.on_default();

pub struct Ui {
    pub json: bool,
    pub quiet: bool,
    pub yes: bool,
    out: RefCell<Box<dyn Write>>,
    err: RefCell<Box<dyn Write>>,
    terminal: Terminal,
    /// `CI` is set: never ask.
    ci: bool,
    /// Under GitHub Actions: a secret printed is masked in the job's log first.
    github: bool,
}

/// What of the terminal a run may use, read once.
#[derive(Debug, Clone, Copy, Default)]
struct Terminal {
    stdin: bool,
    stdout: bool,
    stderr: bool,
    /// The terminal's width (`COLUMNS` first, as shells set it).
    columns: Option<usize>,
}

/// Where a run's output goes: the process's stdout and stderr (colours as `--color` says), or
/// any writers (a test's buffers, which are no terminal).
pub struct Streams {
    out: Box<dyn Write>,
    err: Box<dyn Write>,
    terminal: Terminal,
}

impl Streams {
    pub fn process(env: &Environment) -> Streams {
        let stdout = std::io::stdout().is_terminal();
        let columns = env.get("COLUMNS").and_then(|c| c.parse().ok());
        let terminal = Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout,
            stderr: std::io::stderr().is_terminal(),
            columns: columns.or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))),
        };
        Streams { out: Box::new(anstream::stdout()), err: Box::new(anstream::stderr()), terminal }
    }

    /// Writers that are no terminal: nothing is asked, wrapped or animated.
    pub fn captured(out: Box<dyn Write>, err: Box<dyn Write>) -> Streams {
        Streams { out, err, terminal: Terminal::default() }
    }
}

impl Ui {
    pub fn new(output: Output, env: &Environment, streams: Streams) -> Ui {
        Ui {
            json: output.json,
            quiet: output.quiet,
            yes: output.yes,
            out: RefCell::new(streams.out),
            err: RefCell::new(streams.err),
            terminal: streams.terminal,
            ci: env.is_set("CI"),
            github: env.get("GITHUB_ACTIONS") == Some("true"),
        }
    }

    /// A line of the result itself (a value the user asked for): printed even with --quiet.
    pub fn result(&self, text: &str) -> Result<(), Failure> {
        let mut out = self.out.borrow_mut();
        writeln!(out, "{text}").and_then(|_| out.flush()).map_err(Failure::output)
    }

    /// A line on stderr; a failure to write a note is no failure of the command.
    fn note(&self, text: std::fmt::Arguments) {
        let mut err = self.err.borrow_mut();
        let _ = err.write_fmt(text).and_then(|_| err.flush());
    }

    /// `NAME=value` as the env file spells it, for the user to give their host: the one way a
    /// secret is printed. Under GitHub Actions every spelling of it is masked first, so that
    /// the job's log shows `***` from then on.
    pub fn secret_for_host(&self, name: &str, value: &Secret) -> Result<(), Failure> {
        let spelled = crate::dotenv::encode(name, value.expose()).expect("generated values are representable");
        if self.github {
            let lines = value.expose().lines().filter(|l| l.len() >= 8 && !l.starts_with("-----"));
            for mask in std::iter::once(spelled.as_str()).chain(lines) {
                self.result(&crate::doctor::ci::mask(mask))?;
            }
        }
        self.result(&format!("{name}={}", spelled.as_str()))
    }

    /// The terminal's width when stdout is one, else `None`: output to a pipe or a file is
    /// never wrapped.
    pub fn width(&self) -> Option<usize> {
        self.terminal.columns.filter(|_| self.terminal.stdout)
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
        if !self.quiet && !self.json && self.terminal.stderr {
            self.note(format_args!("{CODE}[{number}/{total}]{CODE:#} {text}\n"));
        }
    }

    /// Waits `wait`, showing the seconds left on stderr when a person is watching.
    pub fn countdown(&self, wait: std::time::Duration, text: &str) {
        let watching = !self.quiet && !self.json && self.terminal.stderr;
        let mut left = wait.as_secs();
        while left > 0 {
            if watching {
                self.note(format_args!("\r  {text} {left} s "));
            }
            std::thread::sleep(std::time::Duration::from_secs(1));
            left -= 1;
        }
        std::thread::sleep(wait - std::time::Duration::from_secs(wait.as_secs()));
        if watching {
            self.note(format_args!("\r  {text} 0 s \n"));
        }
    }

    pub fn warn(&self, text: &str) {
        if !self.quiet {
            self.note(format_args!("{WARN}warning:{WARN:#} {text}\n"));
        }
    }

    /// Whether a question may be asked: stdin and stderr are terminals, `CI` is unset and the
    /// user did not say --yes.
    pub fn can_prompt(&self) -> bool {
        !self.yes && !self.ci && self.terminal.stdin && self.terminal.stderr
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
