//! The line mode: scripted use without a terminal, and a person answering through the dialoguer
//! prompts in a real pseudo-terminal (tmux), compared with the headless CLI's record.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::Tmux;
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

fn tmux(dir: &Path) -> Option<Tmux> {
    tmux_running(dir, "--plain --title 'Card authorisation'", "plain")
}

/// `syskind ARGS` in a tmux session in `dir`, with its own state folder and home (so git's user.name
/// and $USER are the test's own).
fn tmux_running(dir: &Path, args: &str, tag: &str) -> Option<Tmux> {
    tmux_sized(dir, args, tag, (120, 50))
}

/// [`tmux_running`] at a size of its own.
fn tmux_sized(dir: &Path, args: &str, _tag: &str, size: (u16, u16)) -> Option<Tmux> {
    let cmd = format!("{} {args}; echo PLAIN-EXITED; sleep 30", env!("CARGO_BIN_EXE_syskind"));
    let env = [
        ("XDG_STATE_HOME", dir.join("state").display().to_string()),
        ("NO_COLOR", "1".to_string()),
        ("HOME", dir.display().to_string()),
        ("USER", "tester".to_string()),
    ];
    Tmux::run(dir, size, &env, &cmd)
}

#[test]
fn a_person_answers_through_the_prompts_with_a_mistake_and_a_step_back() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let Some(t) = tmux(dir.path()) else { return };
    // No note prompt after each answer: a note is added on request, at the end.
    t.wait_for("[interaction]");
    t.text("Card auth");
    t.keys(&["Enter"]);
    t.wait_for("[caller]");
    t.keys(&["Down", "Enter"]);
    t.wait_for("[caller_timeout]");
    t.text("soon");
    t.keys(&["Enter"]);
    t.wait_for("`soon` is not a duration");
    t.text("<");
    t.keys(&["Enter"]);
    t.wait_count("[caller]", 2);
    t.keys(&["Enter"]); // keeps service_sync, the current answer
    t.wait_count("[caller_timeout]", 2);
    t.text("3s");
    t.keys(&["Enter"]);
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
                t.text(k);
            } else {
                t.keys(&[k]);
            }
        }
    }
    assert!(!t.screen().contains("Note (Enter for none)"), "no note prompt after each answer");
    // On request: a note on `caller` (second in the list; the highlight starts on "Done").
    t.wait_for("Add a note to an answer?");
    t.keys(&["y"]);
    t.wait_for("Which answer?");
    for _ in 0..16 {
        t.keys(&["Up"]);
    }
    t.keys(&["Enter"]);
    t.wait_for("Note (< back, . stop)");
    t.text("The terminal waits");
    t.keys(&["Enter"]);
    t.wait_count("Which answer?", 2);
    t.keys(&["Enter"]); // Done with notes
    t.wait_for("Save the record to");
    t.keys(&["Enter"]);
    // No ADR folder: offered, as the wizard offers it (declined here).
    t.wait_for("There is no ADR folder. Create");
    t.keys(&["n"]);
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
    let cmd = format!("{} --plain; echo PLAIN-EXITED; sleep 30", env!("CARGO_BIN_EXE_syskind"));
    let Some(t) = Tmux::run(
        dir.path(),
        (120, 40),
        &[("XDG_STATE_HOME", state.display().to_string()), ("NO_COLOR", "1".to_string())],
        &cmd,
    ) else {
        return;
    };
    t.wait_for("Resume the unfinished session");
    t.keys(&["y"]);
    // Resumed: the two answered questions are not asked again.
    t.wait_for("[caller_timeout]");
    let screen = t.screen();
    assert!(!screen.contains("[caller]"), "{screen}");
    t.text(".");
    t.keys(&["Enter"]);
    t.wait_for("PLAIN-EXITED");
    assert!(t.screen().contains("kept in session system-kind-old"), "{}", t.screen());
}

#[test]
fn a_closed_terminal_ends_the_line_mode() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let marker = dir.path().join("pid");
    let cmd = format!("echo $$ > {}; exec {} --plain", marker.display(), env!("CARGO_BIN_EXE_syskind"));
    let Some(t) = Tmux::run(dir.path(), (100, 30), &[("XDG_STATE_HOME", state.display().to_string())], &cmd) else {
        return;
    };
    t.wait_for("[interaction]");
    t.text("Card auth");
    t.keys(&["Enter"]);
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
    let cmd = format!(
        "{} --plain --answers a.toml --title 'Card authorisation'; echo PLAIN-EXITED; sleep 30",
        env!("CARGO_BIN_EXE_syskind")
    );
    let Some(t) = Tmux::run(
        d,
        (100, 40),
        &[("XDG_STATE_HOME", d.join("state").display().to_string()), ("NO_COLOR", "1".to_string())],
        &cmd,
    ) else {
        return;
    };
    t.wait_for("Add a note to an answer?");
    t.keys(&["n"]);
    t.wait_for("Save the record to");
    t.keys(&["Enter"]);
    let s = {
        t.wait_for("Write an ADR into");
        t.screen()
    };
    assert!(s.contains("Yes, in the folder's layout (MADR 2"), "{s}");
    assert!(s.contains("Yes, as Nygard (adr-tools)") && s.contains("Yes, as MADR 4 (front matter)"), "{s}");
    t.keys(&["Enter"]);
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
    t.keys(&["n"]);
    t.wait_for("Add a note to an answer?");
    t.keys(&["n"]);
    // A title too long for one line is shown above the prompt and kept by Enter: a wrapped pre-filled
    // value would leave its first line behind when dialoguer redraws the prompt.
    t.wait_for("Title of the decision");
    assert!(t.screen().contains("Now: Card authorisation for the payment"), "{}", t.screen());
    t.keys(&["Enter"]);
    t.wait_for("Revised by");
    assert_eq!(t.screen().matches("Title of the decision").count(), 1, "the prompt once:\n{}", t.screen());
    // Prefilled from $USER (this home has no git config); replaced by the person's own name.
    t.wait_for("Revised by (< back, . stop): tester");
    for _ in 0.."tester".len() {
        t.keys(&["BSpace"]);
    }
    t.text("Grace Hopper");
    t.keys(&["Enter"]);
    // Context and deciders, as the review screen asks them: Enter keeps what is there.
    t.wait_for("Context (why this decision; Enter skips)");
    t.keys(&["Enter"]);
    t.wait_for("Deciders (comma-separated; Enter skips)");
    t.keys(&["Enter"]);
    t.wait_for("There is no ADR folder. Create");
    t.keys(&["n"]);
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
    t.text("Password reset mail");
    t.keys(&["Enter"]);
    t.wait_for("[caller]");
    t.keys(&["Down", "Down", "Down", "Enter"]); // someone_later
    t.wait_for("[response_window]");
    t.text("soon");
    t.keys(&["Enter"]);
    let screen = t.wait_for("is not a duration");
    let error = screen.lines().find(|l| l.contains("is not a duration")).unwrap();
    assert!(error.contains("soon"), "the whole error on its line: {screen}");
    for _ in 0.."soon".len() {
        t.keys(&["BSpace"]);
    }
    t.text("2m");
    t.keys(&["Enter"]);
    t.wait_for("[arrival]");
    t.keys(&["Enter"]);
    t.wait_for("[can_defer]");
    t.keys(&["Escape"]);
    t.wait_for("What now?");
    t.keys(&["Enter"]); // carry on
    t.wait_count("[can_defer]", 1);
    t.keys(&["n"]);
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
        t.keys(keys);
    }
    assert!(!t.screen().contains("not ``"), "{}", t.screen());
    t.wait_for("Context (why this decision; Enter skips)");
    t.text("Sent after the reset form.");
    t.keys(&["Enter"]);
    t.wait_for("Deciders (comma-separated; Enter skips)");
    t.text("Ana, Bo");
    t.keys(&["Enter"]);
    t.wait_for("Save the record to");
    t.keys(&["Enter"]);
    t.wait_for("There is no ADR folder. Create");
    t.keys(&["y"]);
    t.wait_for("Write an ADR into");
    t.keys(&["Enter"]);
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
