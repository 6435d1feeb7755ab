//! The composition root: the one place that knows every face. It reads the parsed command line,
//! chooses a face — the headless [`crate::cli`], the full-screen [`crate::tui`] or the line mode
//! [`crate::plain`] — starts it with what it needs from [`crate::store`], and hands results from one
//! face to the next (a system screen opening a part in the wizard). The faces never import one
//! another; only this module imports them all (docs/decisions.md, "Layering").

pub mod interactive;
pub mod pair;
pub mod system_screen;

use std::process::ExitCode;

use crate::cli::args::{Cli, Command};
use crate::failure::Failure;

/// Runs a parsed command line and gives its exit code.
pub fn run(cli: Cli) -> ExitCode {
    let w = &cli.wizard;
    let result = match cli.command {
        None | Some(Command::Wizard) => match interactive::interactive(w) {
            // The start offered the systems of this repository, and the user opened one.
            Ok(Some(system)) => system_screen::open(w, &system, false),
            other => other.map(|_| ()),
        },
        Some(Command::Sessions(c)) => interactive::sessions(w, &c),
        Some(Command::Review { a, b }) => pair::review(w, &a, &b),
        Some(Command::System(a)) if a.command.is_none() => match &a.file {
            Some(file) => system_screen::open(w, file, a.plain),
            None => Err(Failure::Usage(
                "name a system file: `syskind system FILE`, or create one with `syskind system new FILE`".into(),
            )),
        },
        Some(command) => crate::cli::run(command, w),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}
