//! Shared by the end-to-end tests: a real pseudo-terminal (tmux) driven by keys and read off the screen.
//! tmux is required in CI (`.ci/run` installs it); elsewhere the tests that need it skip with a notice.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A tmux session running a shell.
pub struct Tmux {
    /// The session's name.
    pub name: String,
}

impl Tmux {
    /// A shell in a new tmux session of `w`×`h`, in `dir`, with `env` set.
    pub fn start(dir: &Path, w: u16, h: u16, env: &[(&str, String)]) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI (apt-get install tmux)");
            eprintln!("notice: tmux not installed; end-to-end wizard tests skipped");
            return None;
        }
        // tmux reads `.` and `:` in a target as window and pane separators: keep the name plain.
        let tag: String =
            dir.file_name().unwrap().to_string_lossy().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let name = format!("syskind-e2e-{}-{tag}", std::process::id());
        let mut cmd = Command::new("tmux");
        cmd.args(["-f", "/dev/null", "new-session", "-d", "-s", &name, "-x", &w.to_string(), "-y", &h.to_string()]);
        cmd.arg("-c").arg(dir);
        for (k, v) in env {
            cmd.args(["-e", &format!("{k}={v}")]);
        }
        cmd.args(["bash", "--norc", "--noprofile"]);
        let status = cmd.status().unwrap();
        assert!(status.success());
        Some(Tmux { name })
    }

    /// Sends keys (tmux names: Enter, Down, C-s, …), pausing between them as a person would.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let status = Command::new("tmux").args(["send-keys", "-t", &self.name, k]).status().unwrap();
            assert!(status.success());
            // Let the wizard draw between keys, as a person would.
            sleep(Duration::from_millis(40));
        }
    }

    /// Types text literally.
    pub fn text(&self, s: &str) {
        let status = Command::new("tmux").args(["send-keys", "-l", "-t", &self.name, s]).status().unwrap();
        assert!(status.success());
        sleep(Duration::from_millis(40));
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-t", &self.name]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
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
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.name]).status();
    }
}
