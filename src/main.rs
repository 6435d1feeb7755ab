//! The `syskind` binary: parse arguments, hand them to the library, exit with its code.

fn main() -> std::process::ExitCode {
    // A closed output pipe (`syskind … | head`) ends the program quietly, as it does for git and
    // ripgrep, instead of a "Broken pipe" panic: restore the default SIGPIPE action Rust ignores.
    // SAFETY: called first thing, before any thread exists; SIG_DFL is always a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // The local date, as adr-tools writes it. The offset can only be read safely while the process
    // has one thread, so it is read now, before any watcher thread starts.
    syskind::core::record::init_local_offset();
    syskind::app::run(syskind::cli::args::Cli::from_env())
}
