//! The headless face: parses arguments, runs one command, maps every failure to an exit code.
//!
//! Exit codes live here and only here: 0 ok, 1 a check failed, 2 usage or input error.

pub mod adr;
pub mod args;
pub mod commands;
pub mod interactive;
pub mod pair;
pub mod text;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use crate::core::diagnostics::Report;
use crate::core::questionnaire::{self, DEFAULT_NAME, DEFAULT_SOURCE, Questionnaire};
use crate::store::{self, StoreError};

/// A failure that ends the command.
#[derive(Debug)]
pub enum CliError {
    /// A file with problems: print the report.
    File(Box<Report>),
    /// A file could not be read or written.
    Store(StoreError),
    /// Bad input given on the command line.
    Usage(String),
    /// A check did not pass (exit 1); the details were already printed.
    CheckFailed,
    /// A signal ended an interactive session (exit 128 + signal); answers were saved.
    Interrupted(i32),
}

impl From<Report> for CliError {
    fn from(r: Report) -> Self {
        CliError::File(Box::new(r))
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Store(e)
    }
}

/// Whether stderr output may use colour: a terminal, and `NO_COLOR` unset.
pub fn color_on_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

impl CliError {
    /// Prints the error and returns the exit code.
    pub fn report(&self) -> ExitCode {
        match self {
            CliError::File(r) => {
                eprint!("{}", r.render(color_on_stderr()));
                ExitCode::from(2)
            }
            CliError::Store(e) => {
                eprintln!("error: {}", crate::core::text::safe(&e.to_string()));
                ExitCode::from(2)
            }
            CliError::Usage(m) => {
                // Messages can quote ids and values read from files: never let them reach the terminal raw.
                eprintln!("error: {}", crate::core::text::safe(m));
                ExitCode::from(2)
            }
            CliError::CheckFailed => ExitCode::from(1),
            CliError::Interrupted(sig) => {
                eprintln!("syskind: stopped by signal {sig}; the terminal is restored and the answers are saved.");
                ExitCode::from((128 + sig).clamp(0, 255) as u8)
            }
        }
    }
}

/// The questionnaires built into the binary: (id, file name, text).
pub const BUILT_IN: &[(&str, &str, &str)] = &[("system-kind", DEFAULT_NAME, DEFAULT_SOURCE)];

/// Loads a questionnaire by built-in id or path (the default one when `None`); warnings go to stderr.
pub fn load_questionnaire(spec: Option<&str>) -> Result<Questionnaire, CliError> {
    let (name, text) = match spec {
        None => (DEFAULT_NAME.to_string(), DEFAULT_SOURCE.to_string()),
        Some(s) => match BUILT_IN.iter().find(|(id, _, _)| *id == s) {
            Some((_, name, text)) => (name.to_string(), text.to_string()),
            None => {
                let path = Path::new(s);
                if !path.exists() {
                    let ids: Vec<&str> = BUILT_IN.iter().map(|b| b.0).collect();
                    return Err(CliError::Usage(format!(
                        "no questionnaire file `{s}` and no built-in questionnaire with that id; built-in: {}",
                        ids.join(", ")
                    )));
                }
                (s.to_string(), store::read_text(path)?)
            }
        },
    };
    let (q, warnings) = questionnaire::load(&name, &text)?;
    if !warnings.diagnostics.is_empty() {
        eprint!("{}", warnings.render(color_on_stderr()));
    }
    Ok(q)
}

/// Runs a parsed command line.
pub fn run(cli: args::Cli) -> ExitCode {
    let result = match cli.command {
        Some(args::Command::Classify(a)) => commands::classify(&cli.wizard, &a),
        Some(args::Command::Record(args::RecordCommand::New(a))) => commands::record_new(&cli.wizard, &a),
        Some(args::Command::Record(args::RecordCommand::Check { files })) => {
            commands::record_check(&cli.wizard, &files)
        }
        Some(args::Command::Questionnaire(c)) => commands::questionnaire(c),
        Some(args::Command::Diff { a, b, format }) => pair::diff(&cli.wizard, &a, &b, format),
        Some(args::Command::Review { a, b }) => pair::review(&cli.wizard, &a, &b),
        Some(args::Command::Record(args::RecordCommand::Log { file })) => pair::log(&file),
        Some(args::Command::Adr(args::AdrCommand::New(a))) => adr::new(&cli.wizard, &a).map(|_| ()),
        Some(args::Command::Adr(args::AdrCommand::Init { dir })) => adr::init(dir.as_deref()),
        Some(args::Command::Man) => {
            use clap::CommandFactory;
            clap_mangen::Man::new(args::Cli::command())
                .render(&mut std::io::stdout())
                .map_err(|e| CliError::Usage(format!("cannot write the man page: {e}")))
        }
        Some(args::Command::Completions { shell }) => {
            use clap::CommandFactory;
            let mut cmd = args::Cli::command();
            clap_complete::generate(shell, &mut cmd, "syskind", &mut std::io::stdout());
            Ok(())
        }
        Some(args::Command::Sessions(c)) => interactive::sessions(&cli.wizard, &c),
        Some(args::Command::Wizard) | None => interactive::interactive(&cli.wizard),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}
