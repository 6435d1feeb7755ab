//! End-to-end: the real binary in a real pseudo-terminal (tmux), driven by keys, read off the screen.
//!
//! tmux is required in CI (`.ci/run` installs it); elsewhere these tests are skipped with a notice.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::Tmux;

/// The one session file kept under `state`.
fn kept_session(state: &Path) -> String {
    // Sessions are the `.toml` files; `.lock` files beside them are the one-writer locks.
    let kept: Vec<_> = std::fs::read_dir(state.join("syskind/sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(kept.len(), 1, "one session kept");
    std::fs::read_to_string(&kept[0]).unwrap()
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_syskind"))
}

/// Runs the wizard, then records the terminal modes after it exits.
fn launch(t: &Tmux, dir: &Path, args: &str) {
    let line = format!("{} {args}; stty -a > {}/stty.txt; echo WIZARD-\"\"EXITED", bin().display(), dir.display());
    t.text(&line);
    t.keys(&["Enter"]);
}

fn assert_terminal_restored(t: &Tmux, dir: &Path) {
    assert_modes_restored(t, dir);
    assert!(!t.screen().contains("Classification"), "the alternate screen was left");
}

/// Waits for the wizard to end and checks the terminal's modes came back as they were.
fn assert_modes_restored(t: &Tmux, dir: &Path) {
    t.wait_for("WIZARD-EXITED");
    let stty = std::fs::read_to_string(dir.join("stty.txt")).unwrap();
    let words: Vec<&str> = stty.split_whitespace().collect();
    for mode in ["icanon", "echo", "isig"] {
        assert!(words.contains(&mode), "terminal mode {mode} not restored: {stty}");
    }
}

#[test]
fn answers_the_whole_questionnaire_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("doc/adr")).unwrap();
    let state = dir.path().join("state");
    let Some(t) = Tmux::start(dir.path(), 120, 40, &[("XDG_STATE_HOME", state.display().to_string())]) else { return };
    launch(&t, dir.path(), "");
    t.wait_for("Which part or interaction");
    t.text("Card authorisation");
    t.keys(&["Enter"]);
    t.wait_for("Who is waiting");
    t.keys(&["Down", "Enter"]); // service_sync
    t.wait_for("How long does the caller hold");
    t.text("3s");
    t.keys(&["Enter"]); // caller_timeout
    t.wait_for("go on without this answer");
    t.keys(&["Down", "Enter"]); // can_continue = no
    t.wait_for("By when is the result needed");
    t.text("2s");
    t.wait_for("2 seconds");
    t.keys(&["Enter", "Enter"]); // window; arrival = unpredictable
    t.wait_for("deferred and batched");
    t.keys(&["Down", "Enter", "Enter"]); // can_defer = no; late_cost = lost_business
    t.wait_for("How fresh");
    t.text("1s");
    t.keys(&["Enter"]);
    t.text("4000");
    t.keys(&["Enter"]);
    t.text("4");
    // fan_out; dependency_timeouts = measured; queueing = none; mutates_state = yes; idempotency =
    // tokens; retries = backoff; degradation = no
    t.keys(&["Enter", "Enter", "Enter", "Enter", "Enter", "Down", "Enter", "Down", "Enter"]);
    let s = t.wait_for("Review and export");
    assert!(s.contains("HARD REAL-TIME"), "{s}");
    t.text("Card authorisation is request/reply");
    t.keys(&["Tab"]);
    t.text("PCI scope, terminals time out after 5s");
    t.keys(&["Tab"]);
    t.text("Ana, Bo");
    t.keys(&["Tab", "Right", "C-s"]);
    let s = t.wait_for("Decision record written");
    assert!(s.contains("0001-card-authorisation-is-request-reply.toml"), "{s}");
    t.keys(&["a"]);
    t.wait_for("ADR written");
    t.keys(&["q"]);
    assert_terminal_restored(&t, dir.path());
    let record =
        std::fs::read_to_string(dir.path().join("decisions/0001-card-authorisation-is-request-reply.toml")).unwrap();
    for want in [
        "title = \"Card authorisation is request/reply\"",
        "status = \"accepted\"",
        "deciders = [",
        "\"Bo\"",
        "caller = \"service_sync\"",
        "response_window = \"2s\"",
        "volume = 4000",
        "class = \"hard_real_time\"",
        "[[practices]]",
    ] {
        assert!(record.contains(want), "missing {want} in\n{record}");
    }
    let adr = std::fs::read_to_string(dir.path().join("doc/adr/0001-card-authorisation-is-request-reply.md")).unwrap();
    assert!(adr.starts_with("# 1. Card authorisation is request/reply\n"), "{adr}");
    assert!(record.contains("status = \"accepted\""));
    // The record is valid and its verdict re-derives.
    let status = Command::new(bin())
        .args(["record", "check"])
        .arg(dir.path().join("decisions/0001-card-authorisation-is-request-reply.toml"))
        .status()
        .unwrap();
    assert!(status.success());
}

/// The column where the header's "F1/? help" ends — the width the wizard drew its frame at — once
/// the header is on the screen.
fn drawn_width(screen: &str) -> Option<usize> {
    let header = screen.lines().find(|l| l.contains("F1/? help"))?;
    Some(header.chars().count() - header.chars().rev().take_while(|c| *c == ' ').count())
}

/// The wizard reads its size from the terminal it draws on (decision 58's `stdout_size`), so a
/// resized window is redrawn at its new size, larger and smaller, and no line runs past its edge.
#[test]
fn a_resized_window_is_redrawn_at_its_new_size() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let Some(t) = Tmux::start(dir.path(), 80, 24, &[("XDG_STATE_HOME", state.display().to_string())]) else { return };
    launch(&t, dir.path(), "");
    t.wait_for("Which part or interaction");
    for (w, h) in [(80, 24), (130, 40), (90, 30)] {
        t.resize(w, h);
        let start = Instant::now();
        let mut screen = t.screen();
        while !drawn_width(&screen).is_some_and(|d| ((w - 5) as usize..=w as usize).contains(&d)) {
            assert!(start.elapsed() < Duration::from_secs(20), "not redrawn at {w}x{h}:\n{screen}");
            sleep(Duration::from_millis(50));
            screen = t.screen();
        }
        assert!(screen.lines().all(|l| l.chars().count() <= w as usize), "a line past {w} columns:\n{screen}");
        assert_eq!(screen.lines().count(), h as usize, "{h} rows:\n{screen}");
    }
    // Nothing answered: Escape quits at once, and the terminal's modes come back. (Not the screen's
    // text: tmux keeps some of the alternate screen in the main one when a window is resized.)
    t.keys(&["Escape"]);
    assert_modes_restored(&t, dir.path());
}

#[test]
fn quitting_midway_restores_the_terminal_and_keeps_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let Some(t) = Tmux::start(dir.path(), 80, 24, &[("XDG_STATE_HOME", state.display().to_string())]) else { return };
    launch(&t, dir.path(), "");
    t.wait_for("Which part or interaction");
    t.keys(&["Enter", "Enter"]); // skip the text; caller = person_sync
    t.wait_for("How long does the caller hold");
    t.keys(&["Escape"]);
    t.wait_for("not exported yet");
    t.keys(&["y"]);
    assert_terminal_restored(&t, dir.path());
    let s = t.screen();
    assert!(s.contains("they are kept in session"), "{s}");
    let text = kept_session(&state);
    assert!(text.contains("caller = \"person_sync\""), "{text}");
}

/// Answers the first questions of the card example by keys (interaction, caller, its timeout,
/// whether it can go on without the answer, window, arrival).
fn answer_four(t: &Tmux) {
    t.wait_for("Which part or interaction");
    t.text("Card auth");
    t.keys(&["Enter"]);
    t.wait_for("Who is waiting");
    t.keys(&["Down", "Enter"]);
    t.wait_for("How long does the caller hold");
    t.text("3s");
    t.keys(&["Enter"]);
    t.wait_for("go on without this answer");
    t.keys(&["Down", "Enter"]);
    t.wait_for("By when is the result needed");
    t.text("2s");
    t.keys(&["Enter"]);
    t.wait_for("How does work arrive");
    t.keys(&["Enter"]);
    t.wait_for("deferred and batched");
}

/// A wizard in tmux (sessions under `dir/state`) with the first four questions answered.
fn wizard_after_four(dir: &Path, w: u16, h: u16, extra: &[(&str, String)]) -> Option<Tmux> {
    let mut env = vec![("XDG_STATE_HOME", dir.join("state").display().to_string())];
    env.extend(extra.iter().cloned());
    let t = Tmux::start(dir, w, h, &env)?;
    launch(&t, dir, "");
    answer_four(&t);
    Some(t)
}

fn wizard_pid(t: &Tmux) -> String {
    let shell = t.pane_pid();
    // The wizard is the shell's child: find it in /proc (no procps needed on a fresh machine).
    let pid = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            let after = stat.rsplit_once(") ")?.1;
            let ppid = after.split_whitespace().nth(1)?;
            let comm = stat.split_once(" (")?.1.split_once(')')?.0;
            (ppid == shell && comm == "syskind").then(|| e.file_name().to_string_lossy().to_string())
        })
        .next()
        .unwrap_or_default();
    assert!(!pid.is_empty(), "the wizard runs under the shell {shell}");
    pid
}

/// `kill` through bash's builtin (procps may be missing on a fresh machine).
fn kill(args: &str) -> bool {
    Command::new("bash").args(["-c", &format!("kill {args}")]).output().unwrap().status.success()
}

#[test]
fn sigkill_midway_then_resume_with_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let env = [("XDG_STATE_HOME", state.display().to_string())];
    let Some(t) = Tmux::start(dir.path(), 120, 40, &env) else { return };
    launch(&t, dir.path(), "");
    answer_four(&t);
    let pid = wizard_pid(&t);
    assert!(kill(&format!("-9 {pid}")));
    t.wait_for("WIZARD-EXITED");
    // The terminal is left as the kill left it; a new wizard in a fresh shell offers the session.
    drop(t);
    let t = Tmux::start(dir.path(), 120, 40, &env).unwrap();
    launch(&t, dir.path(), "");
    t.wait_for("Unfinished session");
    t.keys(&["y"]);
    let s = t.wait_for("Questions 6/");
    assert!(
        s.contains("✓ interaction")
            && s.contains("✓ caller")
            && s.contains("✓ response_window")
            && s.contains("✓ arrival"),
        "{s}"
    );
    assert!(s.contains("deferred and batched"), "back where it was: {s}");
    t.keys(&["C-c"]);
    assert_terminal_restored(&t, dir.path());
}

#[test]
fn sigterm_saves_the_session_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let Some(t) = wizard_after_four(dir.path(), 100, 30, &[]) else { return };
    let pid = wizard_pid(&t);
    assert!(kill(&format!("-TERM {pid}")));
    assert_terminal_restored(&t, dir.path());
    let s = t.screen();
    assert!(s.contains("stopped by signal 15"), "{s}");
    let text = kept_session(&state);
    assert!(text.contains("response_window = \"2s\"") && text.contains("arrival = \"unpredictable\""), "{text}");
}

#[test]
fn ctrl_c_and_a_tiny_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start(dir.path(), 60, 15, &[("XDG_STATE_HOME", dir.path().join("s").display().to_string())])
    else {
        return;
    };
    launch(&t, dir.path(), "");
    t.wait_for("enlarge to at least 80x24");
    t.keys(&["C-c"]);
    assert_terminal_restored(&t, dir.path());
}

#[test]
fn resume_revises_a_record_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start(dir.path(), 120, 40, &[("XDG_STATE_HOME", dir.path().join("s").display().to_string())])
    else {
        return;
    };
    let example = std::fs::canonicalize("questionnaires/examples/email-notifications.toml").unwrap();
    let made = Command::new(bin())
        .current_dir(dir.path())
        .args(["record", "new", "--title", "Emails are soft real-time", "-o", "r.toml", "-a"])
        .arg(&example)
        .output()
        .unwrap();
    assert!(made.status.success());
    launch(&t, dir.path(), "--resume r.toml");
    let s = t.wait_for("SOFT REAL-TIME");
    assert!(s.contains("Questions 14/17"), "answers loaded: {s}");
    // Through the list to `caller`, then change it to a synchronous person.
    t.keys(&["BTab", "Home", "Down", "Enter", "Home", "Enter"]);
    t.wait_for("How long does the caller hold");
    t.keys(&["C-s"]);
    t.wait_for("Review and export");
    t.keys(&["C-s"]);
    t.wait_for("already exists");
    t.keys(&["y"]);
    t.wait_for("Decision record written");
    t.keys(&["q"]);
    assert_terminal_restored(&t, dir.path());
    let record = std::fs::read_to_string(dir.path().join("r.toml")).unwrap();
    assert!(record.contains("title = \"Emails are soft real-time\""), "metadata kept: {record}");
    assert!(record.contains("caller = \"person_sync\""), "{record}");
    assert!(record.contains("[[revisions]]") && record.contains("changed = [\"caller\"]"), "history kept: {record}");
}

#[test]
fn export_into_a_read_only_folder_keeps_everything_and_asks_for_another_path() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = wizard_after_four(dir.path(), 120, 40, &[]) else { return };
    t.keys(&["C-s"]);
    t.wait_for("Review and export");
    t.text("Card");
    t.keys(&["Tab", "Tab", "Tab", "Tab"]);
    for _ in 0..40 {
        t.keys(&["BSpace"]);
    }
    // /proc refuses new files even to root: a read-only folder on every machine.
    t.text("/proc/syskind-record.toml");
    t.keys(&["C-s"]);
    t.wait_for("Export with few answers?");
    t.keys(&["y"]);
    let s = t.wait_for("Not saved. Your answers are kept");
    assert!(s.contains("Why: cannot create a temporary file in the folder"), "{s}");
    for _ in 0..40 {
        t.keys(&["BSpace"]);
    }
    t.text("card.toml");
    t.keys(&["C-s"]);
    t.wait_for("Decision record written");
    t.keys(&["q"]);
    assert_terminal_restored(&t, dir.path());
    let record = std::fs::read_to_string(dir.path().join("card.toml")).unwrap();
    assert!(record.contains("response_window = \"2s\""), "{record}");
    assert!(!std::path::Path::new("/proc/syskind-record.toml").exists());
}

#[test]
fn a_panic_restores_the_terminal_and_says_where_the_answers_are() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let Some(t) = wizard_after_four(dir.path(), 120, 40, &[("SYSKIND_CRASH_TEST", "1".to_string())]) else { return };
    t.keys(&["F12"]);
    assert_terminal_restored(&t, dir.path());
    let s = t.screen();
    assert!(s.contains("syskind hit a bug and stopped"), "{s}");
    assert!(s.contains("resume with `syskind sessions resume system-kind-"), "{s}");
    let text = kept_session(&state);
    assert!(text.contains("arrival = \"unpredictable\""), "{text}");
}

#[test]
fn a_closed_terminal_ends_the_wizard_and_keeps_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let Some(t) = wizard_after_four(dir.path(), 100, 30, &[]) else { return };
    let pid = wizard_pid(&t);
    // Like a dropped SSH connection: the terminal disappears under the wizard.
    drop(t);
    let start = Instant::now();
    while kill(&format!("-0 {pid} 2>/dev/null")) {
        assert!(start.elapsed() < Duration::from_secs(10), "the wizard outlived its terminal");
        sleep(Duration::from_millis(100));
    }
    let text = kept_session(&state);
    assert!(text.contains("arrival = \"unpredictable\""), "{text}");
}

#[test]
fn ctrl_z_suspends_and_fg_resumes_with_a_repaint() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let Some(t) = Tmux::start(dir.path(), 100, 30, &[("XDG_STATE_HOME", state.display().to_string())]) else { return };
    launch(&t, dir.path(), "");
    t.wait_for("Which part or interaction");
    t.keys(&["C-z"]);
    t.wait_for("Stopped");
    // The shell has its terminal back as it was: line editing, echo, signals, no alternate screen.
    t.text(&format!("stty -a > {}/suspended.txt; echo SUSPENDED-\"\"OK", dir.path().display()));
    t.keys(&["Enter"]);
    t.wait_for("SUSPENDED-OK");
    let stty = std::fs::read_to_string(dir.path().join("suspended.txt")).unwrap();
    let words: Vec<&str> = stty.split_whitespace().collect();
    for mode in ["icanon", "echo", "isig"] {
        assert!(words.contains(&mode), "{mode} while suspended: {stty}");
    }
    assert!(!t.screen().contains("Classification"), "the wizard's screen is gone while suspended");
    t.text("fg");
    t.keys(&["Enter"]);
    t.wait_for("Classification");
    // Keys act at once again (raw mode is back): type an answer and move on.
    t.text("Card auth");
    t.keys(&["Enter"]);
    t.wait_for("Who is waiting");
    t.keys(&["C-c"]);
    assert_terminal_restored(&t, dir.path());
}

#[test]
fn a_second_instance_of_a_session_is_told_and_continues_as_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let state = dir.path().join("state");
    let env = [("XDG_STATE_HOME", state.display().to_string())];
    let Some(first) = Tmux::start(dir.path(), 100, 30, &env) else { return };
    launch(&first, dir.path(), "");
    first.wait_for("Which part or interaction");
    first.text("Card auth");
    first.keys(&["Enter"]);
    first.wait_for("Who is waiting");
    // A second wizard in the same repository (a folder of it) finds the session, and is told it is
    // open elsewhere.
    let second_dir = dir.path().join("sub");
    std::fs::create_dir(&second_dir).unwrap();
    let second = Tmux::start(&second_dir, 100, 30, &env).unwrap();
    launch(&second, &second_dir, "");
    second.wait_for("Unfinished session");
    second.keys(&["y"]);
    let s = second.wait_for("Session already open");
    assert!(s.contains("continue as a copy") && s.contains("read-only"), "{s}");
    second.keys(&["c"]);
    second.wait_for("Continuing as a copy");
    second.keys(&["Enter"]); // caller = person_sync, in the copy
    first.keys(&["Down", "Enter"]); // caller = service_sync, in the original
    second.wait_for("How long does the caller hold");
    first.wait_for("How long does the caller hold");
    first.keys(&["C-c"]);
    second.keys(&["C-c"]);
    first.wait_for("WIZARD-EXITED");
    second.wait_for("WIZARD-EXITED");
    let sessions: Vec<String> = std::fs::read_dir(state.join("syskind/sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(sessions.len(), 2, "the original and the copy, neither overwriting the other");
    assert!(sessions.iter().any(|s| s.contains("caller = \"service_sync\"")), "{sessions:?}");
    assert!(sessions.iter().any(|s| s.contains("caller = \"person_sync\"")), "{sessions:?}");
}

#[test]
fn an_unwritable_state_folder_is_said_and_quitting_asks() {
    let dir = tempfile::tempdir().unwrap();
    // /proc refuses new folders even to root: an unwritable state folder on every machine.
    let Some(t) = Tmux::start(dir.path(), 100, 30, &[("XDG_STATE_HOME", "/proc/syskind-state".to_string())]) else {
        return;
    };
    launch(&t, dir.path(), "");
    t.wait_for("Which part or interaction");
    t.text("Card auth");
    t.keys(&["Enter"]);
    let s = t.wait_for("not saved:");
    assert!(s.contains("/proc/syskind-state"), "the footer names the folder: {s}");
    t.keys(&["Escape"]);
    let s = t.wait_for("Quit?");
    assert!(s.contains("NOT saved"), "{s}");
    t.keys(&["y"]);
    assert_terminal_restored(&t, dir.path());
}

#[test]
fn editor_round_trip_and_bracketed_paste() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let editor = dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf 'Edited in the editor\\nsecond line\\n' > \"$1\"\n").unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let env = [
        ("XDG_STATE_HOME", dir.path().join("state").display().to_string()),
        ("EDITOR", editor.display().to_string()),
        ("VISUAL", String::new()),
    ];
    let Some(t) = Tmux::start(dir.path(), 100, 30, &env) else { return };
    launch(&t, dir.path(), "");
    t.wait_for("Which part or interaction");
    t.text("Card auth");
    t.keys(&["Enter", "Enter"]); // interaction; caller = person_sync
    t.keys(&["C-s"]);
    t.wait_for("Review and export");
    // A bracketed paste into the title: text, its newline a space, never an Enter.
    t.paste("Pasted\ntitle");
    t.wait_for("Title: Pasted title");
    // Ctrl-O on the context opens $EDITOR (a script here) and takes its text back.
    t.keys(&["Tab", "C-o"]);
    t.wait_for("Edited in the editor");
    t.keys(&["C-s"]);
    t.wait_for("Export with few answers?");
    t.keys(&["y"]);
    t.wait_for("Decision record written");
    t.keys(&["q"]);
    assert_terminal_restored(&t, dir.path());
    let decisions = dir.path().join("decisions");
    let file = std::fs::read_dir(&decisions).unwrap().next().unwrap().unwrap().path();
    let record = std::fs::read_to_string(file).unwrap();
    assert!(record.contains("title = \"Pasted title\""), "{record}");
    assert!(record.contains("Edited in the editor\nsecond line"), "{record}");
}

/// Issue 21 at 80x24, in a real terminal: the first real question shows its prompt, the first
/// sentence of "why we ask" and at least four whole choices (1); a paste into the context box leaves
/// no old text behind (2); commands on the Exported screen are never broken at a space (3); a note
/// edited in $EDITOR keeps its line break when the editor appends a line (4).
#[test]
fn eighty_by_twenty_four_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    // An editor that appends a line the way `echo >>` does: after the file's last newline.
    let editor = dir.path().join("append.sh");
    std::fs::write(&editor, "#!/bin/sh\necho 'Appended line' >> \"$1\"\n").unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let env = [
        ("XDG_STATE_HOME", dir.path().join("state").display().to_string()),
        ("EDITOR", editor.display().to_string()),
        ("VISUAL", String::new()),
    ];
    let Some(t) = Tmux::start(dir.path(), 80, 24, &env) else { return };
    launch(&t, dir.path(), "");
    t.wait_for("Which part or interaction");
    t.text("A password-reset e-mail with a rather long name for its record file");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Who is waiting for the answer");
    assert!(screen.contains("Why we ask: A person or service blocked on the reply"), "{screen}");
    for choice in [
        "A person, synchronously",
        "Another service, blocked on the reply",
        "A client subscribed to pushed updates",
        "Someone expects the result within a window",
    ] {
        assert!(screen.contains(choice), "{choice} on arrival at 80x24:\n{screen}");
    }
    // The help's lines fit its table; Tab gives the panel its whole height (8: small things).
    t.keys(&["?"]);
    let help = t.wait_for("Keys — ↑↓ PgUp PgDn scroll");
    assert!(help.contains("move between choices (the panel previews)"), "{help}");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    let help = t.wait_for("quit at once (answers are kept)");
    assert!(help.contains("Ctrl-C"), "scrolled to the end: {help}");
    assert!(help.lines().last().unwrap_or("").contains("↑↓ scroll"), "the footer is the help's: {help}");
    t.keys(&["space"]);
    t.keys(&["Tab"]);
    let panel = t.wait_for("Why");
    assert!(panel.contains("What would change it") || panel.contains("Confidence"), "{panel}");
    t.keys(&["Tab", "Tab"]); // list, then back to the question
    t.wait_for("↑↓ move  Enter choose");
    // A note on the caller, edited in the editor, which appends a line; the footer is the note's.
    t.keys(&["n"]);
    let note = t.wait_for("Note");
    assert!(note.lines().last().unwrap_or("").contains("Enter save the note"), "{note}");
    t.text("Checked with ops at 800 ms.");
    t.keys(&["C-o"]);
    sleep(Duration::from_millis(600));
    t.keys(&["Enter"]);
    t.keys(&["C-s"]);
    t.wait_for("Review and export");
    // Two typed lines, then a three-line bracketed paste: nothing of the old text shows through.
    t.keys(&["Tab"]);
    t.text("First typed line.");
    t.keys(&["Enter"]);
    t.text("Second typed line text.");
    t.paste("Pasted A.\nPasted B.\nPasted C.");
    let screen = t.wait_for("Pasted C.");
    assert!(screen.contains("│            Pasted B.                "), "{screen}");
    assert!(!screen.contains("Pasted B.ine") && !screen.contains("B.text"), "old text shows through:\n{screen}");
    t.keys(&["C-s"]);
    t.wait_for("Export with few answers?");
    t.keys(&["y"]);
    let screen = t.wait_for("Decision record written");
    // The commands are copyable: whole on a line, or continued with a backslash.
    let lines: Vec<&str> = screen.lines().collect();
    let check = lines.iter().position(|l| l.contains("syskind record check")).expect("the check command");
    let first = lines[check].trim_matches(|c| c == '│' || c == ' ');
    if first.ends_with('\\') {
        let path = lines[check + 1].trim_matches(|c| c == '│' || c == ' ');
        assert!(path.starts_with("decisions/") && path.ends_with(".toml") && !path.contains(' '), "{screen}");
    } else {
        assert!(first.ends_with(".toml"), "{screen}");
    }
    t.keys(&["q"]);
    assert_terminal_restored(&t, dir.path());
    let decisions = dir.path().join("decisions");
    let file = std::fs::read_dir(&decisions).unwrap().next().unwrap().unwrap().path();
    let record = std::fs::read_to_string(file).unwrap();
    assert!(record.contains("Checked with ops at 800 ms.\nAppended line"), "the note keeps its line break: {record}");
    assert!(record.contains("Pasted A.\nPasted B.\nPasted C."), "{record}");
}

/// Issue 21.7 at 80x24: a session belongs to the repository it was started in — offered there, not
/// in another; its lock file goes with a clean quit; the quit dialog says the answers are kept.
#[test]
fn sessions_belong_to_their_repository() {
    let root = tempfile::tempdir().unwrap();
    let state = root.path().join("state");
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    for r in [&a, &b] {
        std::fs::create_dir_all(r.join(".git")).unwrap();
    }
    let env = [("XDG_STATE_HOME", state.display().to_string())];
    let Some(t) = Tmux::start(&a, 80, 24, &env) else { return };
    launch(&t, &a, "");
    t.wait_for("Which part or interaction");
    t.text("Card auth");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("How long does the caller hold");
    t.keys(&["Escape"]);
    let s = t.wait_for("Quit?");
    assert!(s.contains("kept as a session"), "{s}");
    t.keys(&["y"]);
    assert_terminal_restored(&t, &a);
    let sessions = state.join("syskind/sessions");
    let names: Vec<String> =
        std::fs::read_dir(&sessions).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    assert!(names.iter().any(|n| n.ends_with(".toml")), "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(".lock")), "the lock went with the clean quit: {names:?}");
    drop(t);
    // Another repository: no offer.
    let Some(t) = Tmux::start(&b, 80, 24, &env) else { return };
    launch(&t, &b, "");
    let s = t.wait_for("Which part or interaction");
    assert!(!s.contains("Unfinished session"), "{s}");
    t.keys(&["C-c"]);
    t.wait_for("WIZARD-EXITED");
    drop(t);
    // Its own repository: offered. Started afresh, a second session is kept beside it …
    let Some(t) = Tmux::start(&a, 80, 24, &env) else { return };
    launch(&t, &a, "");
    let s = t.wait_for("Unfinished session");
    assert!(s.contains("\"Card") && s.contains("2 answer(s)"), "{s}");
    t.keys(&["n"]);
    t.wait_for("Which part or interaction");
    t.text("Mail");
    t.keys(&["Enter"]);
    t.wait_for("Who is waiting");
    t.keys(&["Escape"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    t.wait_for("WIZARD-EXITED");
    drop(t);
    // … and the next start offers the newest and lists the other.
    let Some(t) = Tmux::start(&a, 80, 24, &env) else { return };
    launch(&t, &a, "");
    let s = t.wait_for("Unfinished session");
    assert!(s.contains("1 more here (syskind sessions resume ID):"), "{s}");
    // One is offered, the other listed (both saved within the same second, either may be newest).
    assert!(
        (s.contains("\"Card") && s.contains("1 answer(s) · Mail"))
            || (s.contains("\"Mail") && s.contains("· Card auth")),
        "{s}"
    );
    assert!(s.contains(" d  discard it"), "the keys are on screen: {s}");
    t.keys(&["n"]);
    t.keys(&["C-c"]);
    t.wait_for("WIZARD-EXITED");
}
