//! The `syskind` binary: parse arguments, hand them to the library, exit with its code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    syskind::cli::run(syskind::cli::args::Cli::parse())
}
