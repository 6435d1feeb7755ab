//! The one terminal harness of the end-to-end tests: a real pseudo-terminal (tmux) driven by keys and
//! read off the screen — a shell to type commands into ([`Tmux::start`]), or one command run
//! directly ([`Tmux::run`]). tmux is required in CI (`.ci/run` installs it); elsewhere the tests that
//! need it skip with a notice.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Sessions started by this test process, so names never collide between tests run in parallel.
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Whether tmux is here; under CI its absence fails the test instead of skipping it.
pub fn have_tmux() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "tmux is required in CI (apt-get install tmux)");
    eprintln!("notice: tmux not installed; a terminal test is skipped");
    false
}

/// A tmux session running a shell or one command.
pub struct Tmux {
    /// The session's name.
    pub name: String,
    /// Whether the screen includes the lines scrolled off (a command's prompts), not only the pane.
    history: bool,
}

impl Tmux {
    /// tmux, talking to this session's own server.
    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.name]);
        c
    }

    /// A shell in a new tmux session of `w`×`h`, in `dir`, with `env` set.
    pub fn start(dir: &Path, w: u16, h: u16, env: &[(&str, String)]) -> Option<Tmux> {
        Tmux::session(dir, (w, h), env, None)
    }

    /// `command` (run by tmux's shell) in a new session of `w`×`h`, in `dir`, with `env` set; the
    /// screen then includes the 200 lines scrolled off above it.
    pub fn run(dir: &Path, (w, h): (u16, u16), env: &[(&str, String)], command: &str) -> Option<Tmux> {
        Tmux::session(dir, (w, h), env, Some(command))
    }

    fn session(dir: &Path, (w, h): (u16, u16), env: &[(&str, String)], command: Option<&str>) -> Option<Tmux> {
        if !have_tmux() {
            return None;
        }
        // tmux reads `.` and `:` in a target as window and pane separators: keep the name plain.
        let name = format!("syskind-e2e-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        // A server of its own (`-L`): sessions of tests run in parallel never share one, so one
        // test's server going away can never take another's session with it.
        let mut cmd = Command::new("tmux");
        cmd.args([
            "-L",
            &name,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            &name,
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
        cmd.arg("-c").arg(dir);
        for (k, v) in env {
            cmd.args(["-e", &format!("{k}={v}")]);
        }
        match command {
            Some(c) => cmd.arg(c),
            None => cmd.args(["bash", "--norc", "--noprofile"]),
        };
        let status = cmd.status().unwrap();
        assert!(status.success());
        Some(Tmux { name, history: command.is_some() })
    }

    /// Sends keys (tmux names: Enter, Down, C-s, …), pausing between them as a person would.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let status = self.tmux().args(["send-keys", "-t", &self.name, k]).status().unwrap();
            assert!(status.success());
            // Let the wizard draw between keys, as a person would.
            sleep(Duration::from_millis(40));
        }
    }

    /// Types text literally.
    pub fn text(&self, s: &str) {
        let status = self.tmux().args(["send-keys", "-l", "-t", &self.name, s]).status().unwrap();
        assert!(status.success());
        sleep(Duration::from_millis(40));
    }

    /// Pastes `text` as a terminal does with bracketed paste on (newlines inside the paste).
    pub fn paste(&self, text: &str) {
        let buffer = format!("{}-paste", self.name);
        assert!(self.tmux().args(["set-buffer", "-b", &buffer, text]).status().unwrap().success());
        let status = self.tmux().args(["paste-buffer", "-p", "-d", "-b", &buffer, "-t", &self.name]).status();
        assert!(status.unwrap().success());
        sleep(Duration::from_millis(40));
    }

    /// Resizes the window, as a person dragging the terminal's corner does (the program gets SIGWINCH).
    pub fn resize(&self, w: u16, h: u16) {
        let (w, h) = (w.to_string(), h.to_string());
        let status = self.tmux().args(["resize-window", "-t", &self.name, "-x", &w, "-y", &h]).status().unwrap();
        assert!(status.success());
        sleep(Duration::from_millis(40));
    }

    /// The pid of the pane's first process (the shell, or the command).
    pub fn pane_pid(&self) -> String {
        let out = self.tmux().args(["list-panes", "-t", &self.name, "-F", "#{pane_pid}"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The screen as text (with the lines scrolled off, for a command's session).
    pub fn screen(&self) -> String {
        let mut args = vec!["capture-pane", "-p"];
        if self.history {
            args.extend(["-S", "-200"]);
        }
        let out = self.tmux().args(args).args(["-t", &self.name]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// Waits (up to 20 s) until `needle` is on the screen `n` times (prompts repeat the same words).
    pub fn wait_count(&self, needle: &str, n: usize) {
        let start = Instant::now();
        while self.screen().matches(needle).count() < n {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {n}x {needle:?}:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits (up to 20 s) until the screen shows `needle`; returns the screen.
    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {needle:?}; screen:\n{s}");
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux().args(["kill-server"]).status();
    }
}
