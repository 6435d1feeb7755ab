//! Files that behave like files: modes after the umask, bounded reads of any source, `-` as standard
//! input, exit codes as the README says, counts and volumes as people type them, man pages without
//! dangling references, a quiet end on a closed pipe, folder walks that never loop, local dates.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

fn syskind() -> Command {
    let mut c = Command::cargo_bin("syskind").unwrap();
    c.env("NO_COLOR", "1").timeout(Duration::from_secs(30));
    c
}

const CARD: &str = "questionnaires/examples/card-authorisation.toml";

fn umask() -> u32 {
    let s = fs::read_to_string("/proc/self/status").unwrap();
    let v = s.lines().find_map(|l| l.strip_prefix("Umask:")).unwrap().trim().to_string();
    u32::from_str_radix(&v, 8).unwrap()
}

#[test]
fn records_and_adrs_get_the_usual_mode() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    let card = fs::canonicalize(CARD).unwrap();
    syskind()
        .current_dir(d)
        .args(["record", "new", "--title", "Card", "-o", "r.toml", "-a"])
        .arg(&card)
        .assert()
        .success();
    syskind().current_dir(d).args(["adr", "new", "--from", "r.toml"]).assert().success();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&d.join("r.toml")), 0o666 & !umask(), "like any file the user creates");
    assert_eq!(mode(&d.join("doc/adr/0001-card.md")), 0o666 & !umask());
}

#[test]
fn endless_and_silent_sources_never_hang_or_exhaust_memory() {
    syskind()
        .args(["classify", "-a", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/dev/zero: is over 4194304 bytes"));
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("answers.fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // No writer: read as empty at once (no answers), never a hang.
    syskind().args(["classify", "-a"]).arg(&fifo).assert().success().stdout(predicate::str::contains("Verdict:"));
}

#[test]
fn a_dash_is_standard_input() {
    let text = fs::read_to_string(CARD).unwrap();
    syskind()
        .args(["classify", "-a", "-", "--format", "json"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"class\": \"hard_real_time\""));
}

#[test]
fn record_check_exits_2_on_broken_binary_or_latin1_files() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("broken.toml", b"schema = 1\ntitle = [\n".to_vec()),
        ("binary.toml", vec![0, 159, 146, 150, 0, 1]),
        ("latin1.toml", b"title = \"Caf\xe9\"\n".to_vec()),
    ] {
        let p = dir.path().join(name);
        fs::write(&p, bytes).unwrap();
        syskind().args(["record", "check"]).arg(&p).assert().code(2);
    }
    syskind()
        .args(["record", "check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("0 record(s) ok, 0 with problems, 3 unreadable or broken"))
        .stderr(predicate::str::contains("is not UTF-8 text"));
}

#[test]
fn counts_are_whole_and_volumes_read_as_people_write_them() {
    for bad in ["fan_out=-3", "fan_out=2.5", "volume=-1", "volume=4,5", "volume=lots"] {
        syskind().args(["classify", "--set", bad]).assert().code(2).stderr(predicate::str::contains("error: `--set"));
    }
    let dir = tempfile::tempdir().unwrap();
    for (typed, stored) in [
        ("\"4k\"", "volume = 4000"),
        ("\"4,000\"", "volume = 4000"),
        ("\"4_000\"", "volume = 4000"),
        ("\"1.5M\"", "volume = 1500000"),
    ] {
        let a = dir.path().join("a.toml");
        fs::write(&a, format!("[answers]\ncaller = \"nobody\"\nvolume = {typed}\n")).unwrap();
        syskind()
            .args(["record", "new", "--title", "T", "-a"])
            .arg(&a)
            .assert()
            .success()
            .stdout(predicate::str::contains(stored));
    }
    let a = dir.path().join("bad.toml");
    fs::write(&a, "[answers]\nfan_out = 2.5\n").unwrap();
    syskind()
        .args(["classify", "-a"])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:2:11: `fan_out` takes a whole number"));
}

#[test]
fn the_headless_line_mode_takes_every_shipped_example() {
    for e in fs::read_dir("questionnaires/examples").unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()) {
        syskind()
            .args(["--plain", "--title", "Example", "--answers"])
            .arg(&e)
            .write_stdin("")
            .assert()
            .success()
            .stdout(predicate::str::contains("[verdict]"));
    }
}

#[test]
fn man_pages_have_no_dangling_references() {
    let out = syskind().arg("man").output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".SH COMMANDS") && page.contains("\\fBclassify\\fR"), "{page}");
    assert!(
        !page.contains("syskind\\-classify(1)") && !page.contains("syskind-classify(1)"),
        "no page is referenced that is not there"
    );
    let dir = tempfile::tempdir().unwrap();
    syskind().args(["man", "--dir"]).arg(dir.path()).assert().success();
    let pages: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    assert!(pages.contains(&"syskind.1".to_string()) && pages.contains(&"syskind-classify.1".to_string()), "{pages:?}");
    // Every page a page refers to is there.
    for p in &pages {
        let text = fs::read_to_string(dir.path().join(p)).unwrap();
        for r in text.split("\\fB").filter_map(|s| s.split_once("\\fR(1)").map(|(n, _)| n.replace("\\-", "-"))) {
            assert!(pages.contains(&format!("{r}.1")), "{p} refers to {r}(1), which is not written");
        }
    }
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let bin = env!("CARGO_BIN_EXE_syskind");
    // Output well past a pipe's 64 KiB buffer, so the writer really meets the closed pipe (a small
    // output would fit in the buffer and end before `head` closes it, passing without the fix).
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    fs::write(&big, syskind::core::questionnaire::generate::generated_questionnaire(3000)).unwrap();
    let full = std::process::Command::new(bin).args(["questionnaire", "show"]).arg(&big).output().unwrap();
    assert!(full.status.success() && full.stdout.len() > 256 * 1024, "{} bytes", full.stdout.len());
    let out = std::process::Command::new("bash")
        .args([
            "-c",
            &format!("'{bin}' questionnaire show '{}' | head -n 1; echo \"status=${{PIPESTATUS[0]}}\"", big.display()),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("Broken pipe") && !err.contains("panicked"), "{err}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    // Quiet, and not a crash: 0, or 141 (SIGPIPE) as git and ripgrep end.
    let status = stdout.lines().last().unwrap();
    assert!(status == "status=0" || status == "status=141", "{status}");
}

#[test]
fn folder_walks_skip_target_and_git_and_never_follow_link_loops() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let card = fs::canonicalize(CARD).unwrap();
    syskind()
        .current_dir(d)
        .args(["record", "new", "--title", "Card", "-o", "decisions/r.toml", "-a"])
        .arg(&card)
        .assert()
        .success();
    std::os::unix::fs::symlink(d.join("decisions"), d.join("decisions/loop")).unwrap();
    for junk in ["target", ".git"] {
        fs::create_dir_all(d.join("decisions").join(junk)).unwrap();
        fs::write(d.join("decisions").join(junk).join("x.toml"), "not a record").unwrap();
    }
    syskind()
        .args(["record", "check"])
        .arg(d.join("decisions"))
        .assert()
        .success()
        .stderr(predicate::str::contains("1 record(s) ok, 0 with problems, 0 unreadable or broken"));
}

#[test]
fn record_log_cleans_what_it_prints() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("r.toml");
    syskind().args(["record", "new", "--title", "Card", "-o"]).arg(&r).args(["-a", CARD]).assert().success();
    let clean = fs::read_to_string(&r).unwrap();
    let text = clean.replace("title = \"Card\"", "title = \"Card\\u001b]0;pwned\\u0007\\u001b[2J\"");
    assert_ne!(text, clean, "the escapes went in");
    fs::write(&r, text).unwrap();
    let out = syskind().args(["record", "log"]).arg(&r).output().unwrap();
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("— Card ("), "{shown:?}");
    assert!(!shown.contains('\u{1b}') && !shown.contains("pwned"), "{shown:?}");
}

#[test]
fn dates_are_the_local_date_as_adr_tools_writes_it() {
    for tz in ["Etc/GMT-14", "Etc/GMT+12"] {
        let local = std::process::Command::new("date").env("TZ", tz).arg("+%F").output().unwrap();
        let local = String::from_utf8(local.stdout).unwrap().trim().to_string();
        syskind()
            .env("TZ", tz)
            .args(["record", "new", "--title", "T", "-a", CARD])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("date = \"{local}\"")));
    }
}
