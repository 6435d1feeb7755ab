//! The line mode: scripted use without a terminal, and a person answering through the dialoguer
//! prompts in a real pseudo-terminal (tmux), compared with the headless CLI's record.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use assert_cmd::Command as Cmd;
use predicates::prelude::*;

const ANSWERS: &str = r#"[answers]
interaction = "Card auth"
caller = "service_sync"
caller_timeout = "3s"
can_continue = false
response_window = "2s"
arrival = "unpredictable"
can_defer = false
late_cost = "lost_business"
freshness = "1s"
volume = 4000
fan_out = 4
dependency_timeouts = "measured"
queueing = "none"
mutates_state = true
idempotency = "tokens"
retries = "backoff"
degradation = false
"#;

/// The record `syskind record new` makes from `a.toml` in `dir`, as the reference for the line mode.
fn cli_record(dir: &Path) -> String {
    let out = Cmd::cargo_bin("syskind")
        .unwrap()
        .current_dir(dir)
        .args(["record", "new", "-a", "a.toml", "--title", "Card authorisation"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn without_dates(record: &str) -> String {
    record.lines().filter(|l| !l.starts_with("date = ") && !l.starts_with("id = ")).collect::<Vec<_>>().join("\n")
}

#[test]
fn piped_with_missing_answers_exits_2_listing_them_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), "[answers]\ncaller = \"nobody\"\n").unwrap();
    Cmd::cargo_bin("syskind")
        .unwrap()
        .current_dir(dir.path())
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .args(["--plain", "--answers", "a.toml", "-o", "out.toml"])
        .write_stdin("")
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "these questions have no answer: response_window, arrival, can_defer, late_cost",
        ));
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["a.toml"], "nothing written");
}

#[test]
fn piped_with_every_answer_gives_the_cli_record() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), ANSWERS).unwrap();
    let plain = Cmd::cargo_bin("syskind")
        .unwrap()
        .current_dir(dir.path())
        .args(["--plain", "--answers", "a.toml", "--title", "Card authorisation"])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(plain.status.success(), "{}", String::from_utf8_lossy(&plain.stderr));
    assert!(String::from_utf8_lossy(&plain.stderr).contains("Verdict: Hard real-time"));
    assert_eq!(without_dates(&String::from_utf8(plain.stdout).unwrap()), without_dates(&cli_record(dir.path())));
}

struct Tmux(String);

impl Tmux {
    fn send(&self, keys: &[&str]) {
        for k in keys {
            assert!(Command::new("tmux").args(["send-keys", "-t", &self.0, k]).status().unwrap().success());
            sleep(Duration::from_millis(60));
        }
    }
    fn type_text(&self, s: &str) {
        assert!(Command::new("tmux").args(["send-keys", "-l", "-t", &self.0, s]).status().unwrap().success());
        sleep(Duration::from_millis(60));
    }
    fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-S", "-200", "-t", &self.0]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {needle:?}:\n{screen}");
            sleep(Duration::from_millis(50));
        }
    }
    /// Waits until `needle` appears `n` times (prompts repeat the same words).
    fn wait_count(&self, needle: &str, n: usize) {
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
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.0]).status();
    }
}

fn tmux(dir: &Path) -> Option<Tmux> {
    tmux_running(dir, "--plain --title 'Card authorisation'", "plain")
}

/// `syskind ARGS` in a tmux session in `dir`, with its own state folder and home (so git's user.name
/// and $USER are the test's own).
fn tmux_running(dir: &Path, args: &str, tag: &str) -> Option<Tmux> {
    tmux_sized(dir, args, tag, (120, 50))
}

/// [`tmux_running`] at a size of its own.
fn tmux_sized(dir: &Path, args: &str, tag: &str, (w, h): (u16, u16)) -> Option<Tmux> {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
        eprintln!("notice: tmux not installed; line-mode pty test skipped");
        return None;
    }
    let name = format!("syskind-{tag}-{}", std::process::id());
    let cmd = format!("{} {args}; echo PLAIN-EXITED; sleep 30", env!("CARGO_BIN_EXE_syskind"));
    let ok = Command::new("tmux")
        .args(["-f", "/dev/null", "new-session", "-d", "-s", &name, "-x", &w.to_string(), "-y", &h.to_string(), "-c"])
        .arg(dir)
        .args(["-e", &format!("XDG_STATE_HOME={}", dir.join("state").display()), "-e", "NO_COLOR=1"])
        .args(["-e", &format!("HOME={}", dir.display()), "-e", "USER=tester"])
        .arg(cmd)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    Some(Tmux(name))
}

#[test]
fn a_person_answers_through_the_prompts_with_a_mistake_and_a_step_back() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let Some(t) = tmux(dir.path()) else { return };
    // No note prompt after each answer: a note is added on request, at the end.
    t.wait_for("[interaction]");
    t.type_text("Card auth");
    t.send(&["Enter"]);
    t.wait_for("[caller]");
    t.send(&["Down", "Enter"]);
    t.wait_for("[caller_timeout]");
    t.type_text("soon");
    t.send(&["Enter"]);
    t.wait_for("`soon` is not a duration");
    t.type_text("<");
    t.send(&["Enter"]);
    t.wait_count("[caller]", 2);
    t.send(&["Enter"]); // keeps service_sync, the current answer
    t.wait_count("[caller_timeout]", 2);
    t.type_text("3s");
    t.send(&["Enter"]);
    let steps: &[(&str, &[&str])] = &[
        ("[can_continue]", &["n"]),
        ("[response_window]", &["2s", "Enter"]),
        ("[arrival]", &["Enter"]),
        ("[can_defer]", &["n"]),
        ("[late_cost]", &["Enter"]),
        ("[freshness]", &["1s", "Enter"]),
        ("[volume]", &["4000", "Enter"]),
        ("[fan_out]", &["4", "Enter"]),
        ("[dependency_timeouts]", &["Enter"]),
        ("[queueing]", &["Enter"]),
        ("[mutates_state]", &["y"]),
        ("[idempotency]", &["Enter"]),
        ("[retries]", &["Down", "Enter"]),
        ("[degradation]", &["n"]),
    ];
    for (wait, keys) in steps {
        t.wait_for(wait);
        for k in *keys {
            if k.len() > 1 && !["Enter", "Down"].contains(k) {
                t.type_text(k);
            } else {
                t.send(&[k]);
            }
        }
    }
    assert!(!t.screen().contains("Note (Enter for none)"), "no note prompt after each answer");
    // On request: a note on `caller` (second in the list; the highlight starts on "Done").
    t.wait_for("Add a note to an answer?");
    t.send(&["y"]);
    t.wait_for("Which answer?");
    for _ in 0..16 {
        t.send(&["Up"]);
    }
    t.send(&["Enter"]);
    t.wait_for("Note (< back, . stop)");
    t.type_text("The terminal waits");
    t.send(&["Enter"]);
    t.wait_count("Which answer?", 2);
    t.send(&["Enter"]); // Done with notes
    t.wait_for("Save the record to");
    t.send(&["Enter"]);
    // No ADR folder: offered, as the wizard offers it (declined here).
    t.wait_for("There is no ADR folder. Create");
    t.send(&["n"]);
    t.wait_for("PLAIN-EXITED");
    let screen = t.screen();
    assert!(screen.contains("Wrote decisions/0001-card-authorisation.toml"), "{screen}");
    assert!(screen.contains("Later: `syskind adr init`"), "{screen}");
    let plain = fs::read_to_string(dir.path().join("decisions/0001-card-authorisation.toml")).unwrap();
    assert!(plain.contains("[notes]\ncaller = \"The terminal waits\""), "{plain}");

    fs::write(dir.path().join("a.toml"), format!("{ANSWERS}\n[notes]\ncaller = \"The terminal waits\"\n")).unwrap();
    assert_eq!(without_dates(&plain), without_dates(&cli_record(dir.path())));
}

#[test]
fn the_line_mode_offers_an_unfinished_session() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let sessions = state.join("syskind/sessions");
    let q = syskind::core::questionnaire::default_questionnaire();
    let mut a = syskind::core::answers::Answers::empty(&q);
    a.values[0] = Some(syskind::core::answers::Value::Text("Card auth".into()));
    a.values[1] = Some(syskind::core::answers::Value::Choice(1));
    let mut s = syskind::store::session::SessionFile::new(
        "system-kind-old",
        "2026-11-26T01:00:00Z",
        &q,
        &a,
        &Default::default(),
        2,
    );
    // Started in the folder the line mode runs in (sessions are offered in their repository).
    s.repo = dir.path().display().to_string();
    syskind::store::session::save(&sessions, &s).unwrap();
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
        return;
    }
    let name = format!("syskind-plain-offer-{}", std::process::id());
    let cmd = format!("{} --plain; echo PLAIN-EXITED; sleep 30", env!("CARGO_BIN_EXE_syskind"));
    assert!(
        Command::new("tmux")
            .args(["-f", "/dev/null", "new-session", "-d", "-s", &name, "-x", "120", "-y", "40", "-c"])
            .arg(dir.path())
            .args(["-e", &format!("XDG_STATE_HOME={}", state.display()), "-e", "NO_COLOR=1"])
            .arg(cmd)
            .status()
            .unwrap()
            .success()
    );
    let t = Tmux(name);
    t.wait_for("Resume the unfinished session");
    t.send(&["y"]);
    // Resumed: the two answered questions are not asked again.
    t.wait_for("[caller_timeout]");
    let screen = t.screen();
    assert!(!screen.contains("[caller]"), "{screen}");
    t.type_text(".");
    t.send(&["Enter"]);
    t.wait_for("PLAIN-EXITED");
    assert!(t.screen().contains("kept in session system-kind-old"), "{}", t.screen());
}

#[test]
fn a_closed_terminal_ends_the_line_mode() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let name = format!("syskind-plain-hup-{}", std::process::id());
    let marker = dir.path().join("pid");
    let cmd = format!("echo $$ > {}; exec {} --plain", marker.display(), env!("CARGO_BIN_EXE_syskind"));
    assert!(
        Command::new("tmux")
            .args(["-f", "/dev/null", "new-session", "-d", "-s", &name, "-x", "100", "-y", "30", "-c"])
            .arg(dir.path())
            .args(["-e", &format!("XDG_STATE_HOME={}", state.display())])
            .arg(cmd)
            .status()
            .unwrap()
            .success()
    );
    let t = Tmux(name);
    t.wait_for("[interaction]");
    t.type_text("Card auth");
    t.send(&["Enter"]);
    t.wait_for("[caller]");
    let pid = fs::read_to_string(&marker).unwrap().trim().to_string();
    drop(t);
    let alive = || Command::new("bash").args(["-c", &format!("kill -0 {pid} 2>/dev/null")]).status().unwrap().success();
    let start = Instant::now();
    while alive() {
        assert!(start.elapsed() < Duration::from_secs(10), "the line mode outlived its terminal");
        sleep(Duration::from_millis(100));
    }
    let kept: Vec<_> = fs::read_dir(state.join("syskind/sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    let text = fs::read_to_string(&kept[0]).unwrap();
    assert!(text.contains("interaction = \"Card auth\""), "{text}");
}

#[test]
fn the_line_mode_offers_every_adr_layout_and_writes_the_folders_own() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join(".git")).unwrap();
    fs::create_dir_all(d.join("docs/adr")).unwrap();
    // A folder that already holds a MADR 2 (bullets) ADR, as log4brains keeps them.
    fs::write(
        d.join("docs/adr/0001-use-streams.md"),
        "# Use streams\n\n* Status: accepted\n* Date: 2026-11-01\n\n## Context and Problem Statement\n\nx\n",
    )
    .unwrap();
    fs::write(d.join("a.toml"), ANSWERS).unwrap();
    let name = format!("syskind-plain-adr-{}", std::process::id());
    let cmd = format!(
        "{} --plain --answers a.toml --title 'Card authorisation'; echo PLAIN-EXITED; sleep 30",
        env!("CARGO_BIN_EXE_syskind")
    );
    assert!(
        Command::new("tmux")
            .args(["-f", "/dev/null", "new-session", "-d", "-s", &name, "-x", "100", "-y", "40", "-c"])
            .arg(d)
            .args(["-e", &format!("XDG_STATE_HOME={}", d.join("state").display()), "-e", "NO_COLOR=1"])
            .arg(cmd)
            .status()
            .unwrap()
            .success()
    );
    let t = Tmux(name);
    t.wait_for("Add a note to an answer?");
    t.send(&["n"]);
    t.wait_for("Save the record to");
    t.send(&["Enter"]);
    let s = {
        t.wait_for("Write an ADR into");
        t.screen()
    };
    assert!(s.contains("Yes, in the folder's layout (MADR 2"), "{s}");
    assert!(s.contains("Yes, as Nygard (adr-tools)") && s.contains("Yes, as MADR 4 (front matter)"), "{s}");
    t.send(&["Enter"]);
    t.wait_for("PLAIN-EXITED");
    let adr = fs::read_to_string(d.join("docs/adr/0002-card-authorisation.md")).unwrap();
    assert!(adr.starts_with("# Card authorisation\n\n* Status: proposed\n"), "the folder's layout: {adr}");
}

const LONG_TITLE: &str = "Card authorisation for the payment gateway, where a terminal waits on the reply \
                          within seconds and every retry must be idempotent";

#[test]
fn a_revision_in_the_line_mode_asks_who_makes_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("a.toml"), ANSWERS.replace("degradation = false\n", "")).unwrap();
    Cmd::cargo_bin("syskind")
        .unwrap()
        .current_dir(dir.path())
        .args(["record", "new", "--answers", "a.toml", "--title", LONG_TITLE, "--output", "rec.toml"])
        .assert()
        .success();
    let Some(t) = tmux_running(dir.path(), "--plain --resume rec.toml --output rev.toml", "revise") else { return };
    t.wait_for("[degradation]");
    t.send(&["n"]);
    t.wait_for("Add a note to an answer?");
    t.send(&["n"]);
    // A title too long for one line is shown above the prompt and kept by Enter: a wrapped pre-filled
    // value would leave its first line behind when dialoguer redraws the prompt.
    t.wait_for("Title of the decision");
    assert!(t.screen().contains("Now: Card authorisation for the payment"), "{}", t.screen());
    t.send(&["Enter"]);
    t.wait_for("Revised by");
    assert_eq!(t.screen().matches("Title of the decision").count(), 1, "the prompt once:\n{}", t.screen());
    // Prefilled from $USER (this home has no git config); replaced by the person's own name.
    t.wait_for("Revised by (< back, . stop): tester");
    for _ in 0.."tester".len() {
        t.send(&["BSpace"]);
    }
    t.type_text("Grace Hopper");
    t.send(&["Enter"]);
    // Context and deciders, as the review screen asks them: Enter keeps what is there.
    t.wait_for("Context (why this decision; Enter skips)");
    t.send(&["Enter"]);
    t.wait_for("Deciders (comma-separated; Enter skips)");
    t.send(&["Enter"]);
    t.wait_for("There is no ADR folder. Create");
    t.send(&["n"]);
    t.wait_for("PLAIN-EXITED");
    let revised = fs::read_to_string(dir.path().join("rev.toml")).unwrap();
    assert!(revised.contains("who = \"Grace Hopper\""), "{}\n{revised}", t.screen());
    assert!(revised.contains(&format!("title = \"{LONG_TITLE}\"")), "the title kept:\n{revised}");
    assert!(revised.contains("changed = [\"degradation\"]"), "{revised}");
}

/// Issue 21.6: the line mode at parity with the wizard — an empty Enter skips an optional number or
/// duration, Esc at a yes/no leaves no answerless line, a rejected duration says its error on one
/// line, context and deciders are asked, a missing ADR folder is offered and made, and piped input
/// is told about `--answers`.
#[test]
fn the_line_mode_at_parity_with_the_wizard() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    // At 80x24, with a history deep enough for the checks that look back.
    let Some(t) = tmux_sized(dir.path(), "--plain", "parity", (80, 24)) else { return };
    t.wait_for("[interaction]");
    t.type_text("Password reset mail");
    t.send(&["Enter"]);
    t.wait_for("[caller]");
    t.send(&["Down", "Down", "Down", "Enter"]); // someone_later
    t.wait_for("[response_window]");
    t.type_text("soon");
    t.send(&["Enter"]);
    let screen = t.wait_for("is not a duration");
    let error = screen.lines().find(|l| l.contains("is not a duration")).unwrap();
    assert!(error.contains("soon"), "the whole error on its line: {screen}");
    for _ in 0.."soon".len() {
        t.send(&["BSpace"]);
    }
    t.type_text("2m");
    t.send(&["Enter"]);
    t.wait_for("[arrival]");
    t.send(&["Enter"]);
    t.wait_for("[can_defer]");
    t.send(&["Escape"]);
    t.wait_for("What now?");
    t.send(&["Enter"]); // carry on
    t.wait_count("[can_defer]", 1);
    t.send(&["n"]);
    t.wait_for("Yes or no: no");
    let screen = t.screen();
    assert!(!screen.lines().any(|l| l.trim_end().ends_with("Yes or no")), "no answerless line: {screen}");
    let steps: &[(&str, &[&str])] = &[
        ("[late_cost]", &["Enter"]),
        ("[freshness]", &["Enter"]), // empty: skipped
        ("[volume]", &["Enter"]),    // empty: skipped, not "takes a number … not ``"
        ("[fan_out]", &["Enter"]),
        ("[queueing]", &["Enter"]),
        ("[mutates_state]", &["n"]),
        ("[retries]", &["Enter"]),
        ("[degradation]", &["n"]),
        ("Add a note to an answer?", &["n"]),
        ("Title of the decision", &["Enter"]),
    ];
    for (wait, keys) in steps {
        t.wait_for(wait);
        t.send(keys);
    }
    assert!(!t.screen().contains("not ``"), "{}", t.screen());
    t.wait_for("Context (why this decision; Enter skips)");
    t.type_text("Sent after the reset form.");
    t.send(&["Enter"]);
    t.wait_for("Deciders (comma-separated; Enter skips)");
    t.type_text("Ana, Bo");
    t.send(&["Enter"]);
    t.wait_for("Save the record to");
    t.send(&["Enter"]);
    t.wait_for("There is no ADR folder. Create");
    t.send(&["y"]);
    t.wait_for("Write an ADR into");
    t.send(&["Enter"]);
    t.wait_for("PLAIN-EXITED");
    let screen = t.screen();
    assert!(screen.contains("ADR written: "), "{screen}");
    let record = fs::read_dir(dir.path().join("decisions")).unwrap().next().unwrap().unwrap().path();
    let text = fs::read_to_string(record).unwrap();
    assert!(text.contains("context = \"Sent after the reset form.\""), "{text}");
    assert!(
        text.contains("deciders = [\n    \"Ana\",\n    \"Bo\",\n]") || text.contains("deciders = [\"Ana\", \"Bo\"]"),
        "{text}"
    );
    assert!(!text.contains("volume ="), "skipped: {text}");
    let adrs: Vec<_> = fs::read_dir(dir.path().join("doc/adr")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(adrs.len(), 2, "the first ADR of `adr init` and ours: {adrs:?}");
    // Piped: told how to give the answers.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_syskind"))
        .arg("--plain")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--answers FILE"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
