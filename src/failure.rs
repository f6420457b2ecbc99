//! How a run ends: the exit code and the message a user reads. `explain` builds these from the
//! domain's errors; commands build them only for their own refusals.

/// The exit codes of the design: 0 success, 1 a failure found or a refusal by the deployment,
/// 2 a usage or configuration problem, 130 interrupted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failed = 1,
    Usage = 2,
    Interrupted = 130,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// A run that cannot go on: one line of what is wrong, and the fixes we know of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub exit: Exit,
    /// Empty when there is nothing to say (stdout was closed under us: not an error).
    pub message: String,
    pub hints: Vec<String>,
    /// Not an error but the user's own choice (a no at a prompt): said without `error:`.
    pub declined: bool,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Failure {
        Failure { exit, message: message.into(), hints: Vec::new(), declined: false }
    }

    /// Missing or bad local input, a flag that is needed, a question we cannot ask.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Usage, message)
    }

    /// The deployment refused, failed or could not be reached.
    pub fn refused(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Failed, message)
    }

    /// The user answered no: nothing changed, and the run did not do what it was asked (exit 1).
    pub fn declined(message: impl Into<String>) -> Failure {
        Failure { declined: true, ..Failure::new(Exit::Failed, message) }
    }

    /// An exit code with nothing more to say (doctor's report already said it).
    pub fn silent(exit: Exit) -> Failure {
        Failure::new(exit, "")
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hints.push(hint.into());
        self
    }

    pub fn hints(mut self, hints: impl IntoIterator<Item = String>) -> Failure {
        self.hints.extend(hints);
        self
    }

    /// An output error: a closed pipe (`convex-authjs keys generate | head -1`) ends quietly
    /// and successfully, like other Unix tools; anything else is reported.
    pub fn output(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::silent(Exit::Success)
        } else {
            Failure::refused(format!("cannot write output: {e}"))
        }
    }
}
