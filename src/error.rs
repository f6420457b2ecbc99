//! How a run ends: the exit code and the message a user reads.

/// The exit codes of the design: 0 success, 1 a failure found or a refusal by the deployment,
/// 2 a usage or configuration problem, 130 interrupted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failed = 1,
    Usage = 2,
    Interrupted = 130,
}

/// A run that cannot go on: one line of what is wrong, and the fixes we know of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub exit: Exit,
    /// Empty when there is nothing to say (stdout was closed under us: not an error).
    pub message: String,
    pub hints: Vec<String>,
}

impl Failure {
    /// Missing or bad local input, a flag that is needed, a question we cannot ask.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { exit: Exit::Usage, message: message.into(), hints: Vec::new() }
    }

    /// The deployment refused, failed or could not be reached.
    pub fn refused(message: impl Into<String>) -> Failure {
        Failure { exit: Exit::Failed, message: message.into(), hints: Vec::new() }
    }

    /// The same failure with every occurrence of each secret replaced, for messages that quote
    /// what a server or a child process said.
    pub fn scrubbed(mut self, secrets: &[&str]) -> Failure {
        for secret in secrets.iter().filter(|s| s.len() >= 8) {
            self.message = self.message.replace(secret, "[redacted]");
            for hint in &mut self.hints {
                *hint = hint.replace(secret, "[redacted]");
            }
        }
        self
    }

    /// An exit code with nothing more to say (doctor's report already said it).
    pub fn silent(exit: Exit) -> Failure {
        Failure { exit, message: String::new(), hints: Vec::new() }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hints.push(hint.into());
        self
    }

    /// An output error: a closed pipe (`convex-authjs keys generate | head -1`) ends quietly
    /// and successfully, like other Unix tools; anything else is reported.
    pub fn output(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure { exit: Exit::Success, message: String::new(), hints: Vec::new() }
        } else {
            Failure { exit: Exit::Failed, message: format!("cannot write output: {e}"), hints: Vec::new() }
        }
    }
}
