//! `completions`: the shell's completion script, as clap_complete writes it.

use super::ui::Ui;
use crate::cli::{self, Shell};
use crate::failure::Failure;

pub fn print(ui: &Ui, shell: Shell) -> Result<(), Failure> {
    if ui.json {
        return Err(Failure::usage("completions prints a shell script, which has no JSON form").hint("drop --json"));
    }
    let mut script = Vec::new();
    cli::completions(shell, &mut script);
    ui.result(String::from_utf8_lossy(&script).trim_end())
}
