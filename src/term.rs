//! Terminal concerns shared by the interactive faces.

/// A hung-up terminal (dropped SSH connection, closed window) may never deliver SIGHUP, and a blocked
/// read may spin on end-of-file without returning (crossterm does). A watcher thread notices that the
/// controlling terminal is gone — /dev/tty no longer opens — runs `on_lost` and ends the process.
/// Callers save after every change, so nothing is lost.
pub fn watch_terminal(on_lost: impl Fn() + Send + 'static) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(std::time::Duration::from_millis(500));
            if std::fs::File::open("/dev/tty").is_err() {
                on_lost();
                eprintln!("syskind: the terminal went away; the answers are saved.");
                std::process::exit(128 + signal_hook::consts::SIGHUP);
            }
        }
    });
}
