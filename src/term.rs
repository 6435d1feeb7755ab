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

/// The size of the terminal standard output is, from one `ioctl`; `None` if it is not a terminal.
/// crossterm opens /dev/tty for every size it is asked (ratatui asks before every frame), which
/// is three system calls where this is one; the wizard runs only when standard output is a terminal.
pub fn stdout_size() -> Option<(u16, u16)> {
    // SAFETY: zeroed is a valid winsize (plain integers), and TIOCGWINSZ only writes into the
    // struct passed, which lives for the call.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0;
    (ok && ws.ws_col > 0 && ws.ws_row > 0).then_some((ws.ws_col, ws.ws_row))
}
