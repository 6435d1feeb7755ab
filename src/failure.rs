//! How a command or an interactive session fails, and the exit code each failure gives: one type for
//! every face (the CLI, the line mode, the wizard), so none has to reach into another for it.
//!
//! Exit codes: 0 ok, 1 a check failed, 2 usage or input error, 128 + N a signal.

use std::process::ExitCode;

use crate::core::diagnostics::Report;
use crate::store::StoreError;

/// Whether stderr output may use colour: a terminal, and `NO_COLOR` unset.
pub fn color_on_stderr() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// A failure that ends the command.
#[derive(Debug)]
pub enum Failure {
    /// A file with problems: print the report.
    File(Box<Report>),
    /// A file could not be read or written.
    Store(StoreError),
    /// Bad input given on the command line.
    Usage(String),
    /// A check did not pass (exit 1); the details were already printed.
    CheckFailed,
    /// Some input could not be read or is broken (exit 2); the details were already printed.
    BadInput,
    /// A signal ended an interactive session (exit 128 + signal); answers were saved.
    Interrupted(i32),
}

impl From<Report> for Failure {
    fn from(r: Report) -> Self {
        Failure::File(Box::new(r))
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl Failure {
    /// Prints the error and returns the exit code.
    pub fn report(&self) -> ExitCode {
        match self {
            Failure::File(r) => {
                eprint!("{}", r.render(color_on_stderr()));
                ExitCode::from(2)
            }
            Failure::Store(e) => {
                eprintln!("error: {}", crate::core::text::safe(&e.to_string()));
                ExitCode::from(2)
            }
            Failure::Usage(m) => {
                // Messages can quote ids and values read from files: never let them reach the terminal raw.
                eprintln!("error: {}", crate::core::text::safe(m));
                ExitCode::from(2)
            }
            Failure::CheckFailed => ExitCode::from(1),
            Failure::BadInput => ExitCode::from(2),
            Failure::Interrupted(sig) => {
                eprintln!("syskind: stopped by signal {sig}; the terminal is restored and the answers are saved.");
                ExitCode::from((128 + sig).clamp(0, 255) as u8)
            }
        }
    }
}
