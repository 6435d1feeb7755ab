//! The headless CLI, run as the real binary: commands, exit codes and every bad-input message.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const DEFAULT: &str = include_str!("../../questionnaires/system-kind.toml");

fn syskind() -> Command {
    let mut c = Command::cargo_bin("syskind").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir("questionnaires/examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

/// The class an example says it should get, from its `# expect = "…"` line.
fn expected_class(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("expect = \""))
        .unwrap_or_else(|| panic!("{} has no expect line", path.display()));
    line.split('"').nth(1).unwrap().to_string()
}

#[test]
fn every_worked_example_gets_its_expected_class() {
    let all = examples();
    assert!(all.len() >= 6, "at least six worked examples");
    for path in all {
        let out = syskind().args(["classify", "--format", "json", "-a"]).arg(&path).output().unwrap();
        assert!(out.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["class"], expected_class(&path), "{}", path.display());
    }
}

#[test]
fn classify_text_shows_reasons_and_changes() {
    syskind()
        .args(["classify", "--set", "caller=person_sync", "--set", "response_window=300ms"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Verdict: Hard real-time"))
        .stdout(predicate::str::contains("Reasons, strongest first:"))
        .stdout(predicate::str::contains("What would change it:"))
        .stdout(predicate::str::contains("--set caller=nobody"));
}

#[test]
fn classify_toml_format_parses() {
    let out = syskind().args(["classify", "--format", "toml", "--set", "caller=nobody"]).output().unwrap();
    let v: toml::Table = toml::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(v["class"].as_str(), Some("soft_real_time"));
}

#[test]
fn unknown_answers_are_usage_errors() {
    syskind()
        .args(["classify", "--set", "callr=nobody"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown question `callr`; did you mean `caller`?"));
    syskind()
        .args(["classify", "--set", "caller=nobdy"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`nobdy` is not a choice of `caller`; did you mean `nobody`?"));
    syskind()
        .args(["classify", "--set", "response_window=soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`soon` is not a duration"));
    syskind().args(["classify", "--set", "caller"]).assert().code(2).stderr(predicate::str::contains("QUESTION=VALUE"));
}

#[test]
fn a_broken_answers_file_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.toml");
    fs::write(&p, "[answers]\ncaller = \"person_sync\"\nresponse_window = \"fast\"\n").unwrap();
    syskind()
        .args(["classify", "-a"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.toml:3:19: `response_window`: `fast` is not a duration"));
    fs::write(&p, "questionnaire = \"other\"\n[answers]\n").unwrap();
    syskind().args(["classify", "-a"]).arg(&p).assert().code(2).stderr(predicate::str::contains("not `system-kind`"));
    syskind()
        .args(["classify", "-a", "/no/such/file.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/file.toml: cannot read the file"));
}

#[test]
fn record_new_then_check_then_tamper() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("decisions/0001-card.toml");
    syskind()
        .args([
            "record",
            "new",
            "-a",
            "questionnaires/examples/card-authorisation.toml",
            "--title",
            "Card auth is hard real-time",
            "--decider",
            "Ana",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("Hard real-time"));
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.contains("class = \"hard_real_time\""));
    // Never overwrites without --force.
    syskind()
        .args(["record", "new", "-a", "questionnaires/examples/card-authorisation.toml", "--title", "x", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(fs::read_to_string(&out).unwrap(), text, "untouched");
    syskind().args(["record", "check"]).arg(&out).assert().success().stderr(predicate::str::contains("1 record(s) ok"));
    let tampered = text.replace("response_window = \"2s\"", "response_window = \"3d\"");
    fs::write(&out, tampered.replace("caller = \"service_sync\"", "caller = \"schedule\"")).unwrap();
    syskind()
        .args(["record", "check"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("stored verdict is `hard_real_time` but the answers now give"));
}

#[test]
fn record_check_reports_broken_and_newer_records() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    fs::write(&broken, "schema = 1\nid = \"x\"\ntitle = [\n").unwrap();
    let newer = dir.path().join("newer.toml");
    fs::write(&newer, "schema = 7\n").unwrap();
    syskind()
        .args(["record", "check"])
        .arg(&broken)
        .arg(&newer)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.toml:3:10: unclosed array"))
        .stderr(predicate::str::contains("newer.toml:1:10: record schema 7 is newer than this syskind reads"))
        .stderr(predicate::str::contains("0 record(s) ok, 0 with problems, 2 unreadable or broken"));
}

/// Writes the default questionnaire with one replacement and checks it.
fn check_mutated(from: &str, to: &str) -> assert_cmd::assert::Assert {
    assert!(DEFAULT.contains(from), "fixture drifted: {from}");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.toml");
    fs::write(&p, DEFAULT.replacen(from, to, 1)).unwrap();
    syskind().args(["questionnaire", "check"]).arg(&p).assert()
}

#[test]
fn questionnaire_check_reports_each_problem_with_position() {
    let cases: &[(&str, &str, &str)] = &[
        ("schema = 3", "schema = 3\nschema = 3", "q.toml:21:1: duplicate key"),
        ("prompt = \"How does work arrive?\"", "promt = \"How does work arrive?\"", "unknown field `promt`"),
        ("prompt = \"How does work arrive?\"\n", "", "missing field `prompt`"),
        ("id = \"arrival\"\nsection", "id = \"caller\"\nsection", "duplicate question id `caller`"),
        ("weights = { offline = 3 }", "weights = { ofline = 3 }", "weights name unknown class `ofline`"),
        (
            "class = \"soft_real_time\"\nreason = \"Nobody",
            "class = \"soft\"\nreason = \"Nobody",
            "unknown class `soft`",
        ),
        (
            "any_of = [\"push_subscriber\", \"someone_later\", \"nobody\", \"schedule\"]",
            "any_of = [\"nobody\", \"shcedule\"]",
            "unknown choice `shcedule` for question `caller`",
        ),
        (
            "{ question = \"can_defer\", is = true }",
            "{ question = \"late_cost\", any_of = [\"degraded\"] }",
            "`show_if` refers forward",
        ),
        ("{ question = \"can_defer\", is = true }", "{ question = \"defer_limit\", any_of = [\"hours\"] }", "cycle"),
        ("up_to = \"10s\"", "up_to = \"10 secs and a bit\"", "unparseable duration"),
        (
            "{ question = \"caller\", any_of = [\"push_subscriber\", \"someone_later\", \"nobody\", \"schedule\"] }",
            "{ question = \"callers\", any_of = [\"nobody\"] }",
            "condition names unknown question `callers`",
        ),
        // Design answers never decide the kind: no weights on them, and no rule may read them.
        (
            "[[questions.bands]]\nup_to = 3\nlabel = \"a few\"",
            "[[questions.bands]]\nup_to = 3\nlabel = \"a few\"\nweights = { hard_real_time = 1 }",
            "design question `fan_out` has weights",
        ),
        (
            "when = { question = \"response_window\", at_least = \"2h\" }",
            "when = { question = \"queueing\", any_of = [\"stored\"] }",
            "a rule reads design question(s) queueing",
        ),
        (
            "risk = \"high\"\npractice = \"REL05-BP03\"",
            "risk = \"grave\"\npractice = \"REL05-BP03\"",
            "unknown variant `grave`",
        ),
    ];
    for (from, to, expect) in cases {
        check_mutated(from, to).code(2).stderr(predicate::str::contains(*expect));
    }
}

#[test]
fn questionnaire_check_warns_about_inert_questions() {
    check_mutated("informational = true\n\n# Design answers", "\n# Design answers")
        .success()
        .stderr(predicate::str::is_match("warning: .*q.toml:[0-9]+:6: question").unwrap())
        .stderr(predicate::str::contains("question `volume` can never affect the verdict"));
}

#[test]
fn questionnaire_list_and_show() {
    syskind().args(["questionnaire", "list"]).assert().success().stdout(predicate::str::contains("system-kind"));
    syskind()
        .args(["questionnaire", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("response_window  [duration]"))
        .stdout(predicate::str::contains("person_sync"));
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["classify", "--help"],
        vec!["record", "--help"],
        vec!["record", "new", "--help"],
        vec!["record", "check", "--help"],
        vec!["questionnaire", "--help"],
        vec!["questionnaire", "list", "--help"],
        vec!["questionnaire", "show", "--help"],
        vec!["questionnaire", "check", "--help"],
        vec!["completions", "--help"],
        vec!["diff", "--help"],
        vec!["review", "--help"],
        vec!["record", "log", "--help"],
        vec!["adr", "new", "--help"],
        vec!["adr", "init", "--help"],
        vec!["sessions", "list", "--help"],
        vec!["man", "--help"],
    ] {
        syskind().args(&args).assert().success().stdout(predicate::str::contains("Usage:"));
    }
    syskind().args(["frobnicate"]).assert().code(2);
    syskind().args(["man"]).assert().success().stdout(predicate::str::contains(".TH syskind"));
    syskind().args(["completions", "bash"]).assert().success().stdout(predicate::str::contains("_syskind()"));
}

#[test]
fn questionnaire_check_reports_an_empty_choice_list() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.toml");
    let text = "schema = 1\nid = \"x\"\nversion = \"1\"\ntitle = \"X\"\n\n[[classes]]\nid = \"a\"\nlabel = \"A\"\ndescription = \"A.\"\n\n[[classes]]\nid = \"b\"\nlabel = \"B\"\ndescription = \"B.\"\n\n[[questions]]\nid = \"q\"\nkind = \"single\"\nprompt = \"Q?\"\nchoices = []\n";
    fs::write(&p, text).unwrap();
    syskind()
        .args(["questionnaire", "check"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::is_match("q.toml:20:11: question `q` has an empty choice list").unwrap());
}

#[test]
fn a_custom_questionnaire_classifies() {
    let md = fs::read_to_string("docs/questionnaire-format.md").unwrap();
    let block = md.split("```toml\n").find(|b| b.starts_with("schema = 2")).unwrap().split("```").next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mini.toml");
    fs::write(&p, block).unwrap();
    syskind()
        .args(["classify", "-q"])
        .arg(&p)
        .args(["--set", "who=person", "--set", "wait=2s", "--set", "retries=yes", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"class\": \"fast\""))
        .stdout(predicate::str::contains("\"id\": \"hammering_retries\""));
}

#[test]
fn huge_and_deeply_nested_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    fs::write(&big, "# padding\n".repeat(500_000)).unwrap();
    syskind()
        .args(["questionnaire", "check"])
        .arg(&big)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bytes are refused"));
    let deep = dir.path().join("deep.toml");
    fs::write(&deep, format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000))).unwrap();
    syskind()
        .args(["questionnaire", "check"])
        .arg(&deep)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("max recursion depth"))
        .stderr(predicate::str::contains("the line is 200004 bytes long"));
}

#[test]
fn sessions_list_resume_and_discard() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("syskind/sessions");
    fs::create_dir_all(&sessions).unwrap();
    let q = syskind::core::questionnaire::default_questionnaire();
    let mut a = syskind::core::answers::Answers::empty(&q);
    a.values[1] = Some(syskind::core::answers::Value::Choice(0));
    let meta = syskind::core::record::Meta { title: "Half done".into(), ..Default::default() };
    let s = syskind::store::session::SessionFile::new("system-kind-test-1", "2026-11-26T01:00:00Z", &q, &a, &meta, 2);
    syskind::store::session::save(&sessions, &s).unwrap();
    let env = |c: &mut Command| {
        c.env("XDG_STATE_HOME", dir.path());
    };
    let mut list = syskind();
    env(&mut list);
    list.args(["sessions", "list"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ID\tQUESTIONNAIRE\tLAST CHANGE\tANSWERS\tABOUT\n"))
        .stdout(predicate::str::contains("system-kind-test-1\tsystem-kind"))
        .stdout(predicate::str::contains("1 answer(s)\tHalf done"));
    // Resuming without a terminal: the line mode, which lists what is still missing.
    let mut resume = syskind();
    env(&mut resume);
    resume.args(["sessions", "resume", "system-kind-test"]).write_stdin("").assert().code(2).stderr(
        predicate::str::contains("these questions have no answer: caller_timeout, can_continue, response_window"),
    );
    let mut discard = syskind();
    env(&mut discard);
    discard
        .args(["sessions", "discard", "system-kind-test-1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Discarded session"));
    assert_eq!(fs::read_dir(&sessions).unwrap().count(), 0);
    let mut missing = syskind();
    env(&mut missing);
    missing.args(["sessions", "resume", "nope"]).assert().code(2).stderr(predicate::str::contains("no session `nope`"));
}

/// Issue 20.1 and 20.2: a session file with a corrupt time (not a char boundary where the old code
/// sliced) and escapes in its id is named, set aside and never blocks a start; nothing raw is printed.
#[test]
fn a_broken_session_is_set_aside_and_never_panics_a_start() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("syskind/sessions");
    fs::create_dir_all(&sessions).unwrap();
    let q = syskind::core::questionnaire::default_questionnaire();
    let a = syskind::core::answers::Answers::empty(&q);
    let meta = syskind::core::record::Meta::default();
    let good = syskind::store::session::SessionFile::new(
        "evil\u{1b}]52;c;aGk=\u{7}-1",
        "2026-11-26T01:00:00Z",
        &q,
        &a,
        &meta,
        2,
    );
    syskind::store::session::save(&sessions, &good).unwrap();
    let text = fs::read_to_string(syskind::store::session::path_of(&sessions, &good.id)).unwrap();
    let bad = sessions.join("bad.toml");
    let line = text.lines().find(|l| l.starts_with("updated = ")).unwrap();
    fs::write(&bad, text.replace(line, "updated = \"2026-11-27T14:03:€abc\"")).unwrap();
    let out = syskind().env("XDG_STATE_HOME", dir.path()).args(["sessions", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "raw escapes: {stdout:?}");
    assert!(stdout.contains("bad.toml.broken\tunreadable: `updated` is not a time"), "{stdout}");
    assert!(stdout.contains("set aside"), "{stdout}");
    assert!(!bad.exists() && sessions.join("bad.toml.broken").exists(), "the broken file is set aside");
    // The wizard's start (here the line mode, without a terminal) is not blocked either.
    syskind()
        .env("XDG_STATE_HOME", dir.path())
        .args(["sessions", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("bad.toml").not());
}

/// Issue 20.2: C1 controls and bidirectional overrides in an answer, a title or a context never reach
/// a written record, nor the JSON or TOML output of `diff` (JSON would escape C0 controls only).
#[test]
fn records_json_and_toml_carry_no_c1_or_bidi_characters() {
    let bad =
        |text: &str| text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c) || ('\u{202a}'..='\u{202e}').contains(&c));
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    fs::write(
        &answers,
        "questionnaire = \"system-kind\"\n[answers]\ninteraction = \"pay\\u009b31m \\u202egnp.exe\"\ncaller = \"person_sync\"\n",
    )
    .unwrap();
    for (name, caller) in [("a.toml", "person_sync"), ("b.toml", "nobody")] {
        let text = fs::read_to_string(&answers).unwrap().replace("person_sync", caller);
        let input = dir.path().join(format!("in-{name}"));
        fs::write(&input, text).unwrap();
        syskind()
            .args(["record", "new", "--title", "T\u{85}itle \u{202e}x", "--context", "c\u{9d}0;x\u{7}d", "-a"])
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join(name))
            .assert()
            .success();
        let written = fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(!bad(&written) && written.contains("gnp.exe") && written.contains("itle"), "{written:?}");
    }
    for format in ["json", "toml"] {
        let out = syskind()
            .args(["diff", "--format", format])
            .arg(dir.path().join("a.toml"))
            .arg(dir.path().join("b.toml"))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.is_empty() && !bad(&text), "{format}: {text:?}");
    }
    // The sanitiser itself keeps ordinary Unicode and drops what it must.
    let cleaned = syskind::core::text::clean_json(&vec!["caf\u{e9} \u{4e2d} \u{1f600}", "a\u{202e}b\u{9b}1mc"]);
    assert_eq!(cleaned, serde_json::json!(["caf\u{e9} \u{4e2d} \u{1f600}", "abc"]));
}

/// Issue 20.10: the messages that said too little or too much.
#[test]
fn messages_for_empty_pipes_empty_folders_long_keys_bad_colours_and_files_as_folders() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fifo = d.join("fifo.toml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    syskind()
        .current_dir(d)
        .args(["adr", "new", "--dir", "adr", "--from", "fifo.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fifo.toml: the file is empty"))
        .stderr(predicate::str::contains("missing field").not());
    fs::create_dir_all(d.join("empty")).unwrap();
    syskind()
        .current_dir(d)
        .args(["record", "check", "empty"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no records to check in empty"));
    syskind()
        .args(["man", "--dir", "/dev/null"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/dev/null: is not a folder"));
    let big = d.join("bigkey.toml");
    fs::write(&big, format!("{} = 1\n", "k".repeat(1_000_000))).unwrap();
    let out = syskind().args(["questionnaire", "check"]).arg(&big).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.len() < 4_000, "the key is cut: {} bytes", out.stderr.len());
    assert!(String::from_utf8_lossy(&out.stderr).contains("more characters)"));
    let theme = d.join("t.toml");
    let dark = fs::read_to_string("assets/themes/dark.toml").unwrap();
    let bad = dark.replacen("text = \"white\"", "text = \"notacolour\"", 1);
    assert_ne!(bad, dark);
    fs::write(&theme, bad).unwrap();
    let err = syskind::tui::theme::Theme::load(Some(theme.to_str().unwrap())).unwrap_err();
    assert!(err.contains("\"notacolour\" is not a colour") && err.contains(":3:"), "{err}");
}

/// Issue 21.8: `--theme` completes to the built-in themes' names (files are still accepted).
#[test]
fn theme_completion_offers_the_theme_names() {
    let out = syskind().args(["completions", "bash"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let at = text.find("--theme)").expect("the --theme case");
    let case = &text[at..at + 200];
    assert!(case.contains("dark light high-contrast"), "{case}");
}

/// A folder of records made from the examples: good, stale (a stored confidence that no longer
/// matches) and broken (a syntax error) mixed.
fn mixed_records_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("decisions");
    fs::create_dir_all(&d).unwrap();
    for (i, example) in examples().iter().enumerate() {
        let out = d.join(format!("{i:04}-r.toml"));
        syskind()
            .args(["record", "new", "--title", &format!("R{i}"), "-a"])
            .arg(example)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let text = fs::read_to_string(&out).unwrap();
        match i % 4 {
            1 => fs::write(&out, text.replacen("confidence = ", "confidence = 0.01 #", 1)).unwrap(),
            2 => fs::write(&out, text.replacen("[answers]", "[answers", 1)).unwrap(),
            _ => {}
        }
    }
    (dir, d)
}

/// Runs `syskind ARGS… FOLDER` on `threads` cores: exit code, stdout, stderr.
fn on_threads(args: &[&str], folder: &std::path::Path, threads: &str) -> (Option<i32>, String, String) {
    let out = syskind().env("RAYON_NUM_THREADS", threads).args(args).arg(folder).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Issue 25: `record check` over a folder on every core says exactly what it says on one, in the
/// same order, with the same exit code — good, stale, risky and broken records mixed.
#[test]
fn parallel_record_check_matches_the_serial_one() {
    let (_dir, d) = mixed_records_folder();
    let args = ["record", "check", "--fail-on", "high"];
    let serial = on_threads(&args, &d, "1");
    assert_eq!(serial.0, Some(2), "broken records make it exit 2: {}", serial.2);
    assert!(serial.2.contains("stored confidence 0.01"), "a stale record is named: {}", serial.2);
    assert!(!serial.2.contains(" 0 with problems") && !serial.2.contains(" 0 unreadable"), "{}", serial.2);
    for threads in ["2", "8"] {
        assert_eq!(on_threads(&args, &d, threads), serial, "{threads} threads");
    }
}

/// Issue 25: `record log` takes folders too: every readable record's history in the files' order,
/// each broken one named on stderr, exit 2 — the same on one core as on many.
#[test]
fn record_log_over_a_folder_matches_the_serial_one() {
    let (_dir, d) = mixed_records_folder();
    let serial = on_threads(&["record", "log"], &d, "1");
    assert_eq!(serial.0, Some(2), "broken records make it exit 2: {}", serial.2);
    let files: Vec<_> = fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()).collect();
    let broken = files.iter().filter(|p| fs::read_to_string(p).unwrap().contains("[answers\n")).count();
    let blocks: Vec<&str> = serial.1.split("\n\n").collect();
    assert_eq!(blocks.len(), files.len() - broken, "one block per readable record: {}", serial.1);
    let mut names: Vec<_> = blocks.iter().map(|b| b.split(" — ").next().unwrap().to_string()).collect();
    let sorted = {
        let mut s = names.clone();
        s.sort();
        s
    };
    assert_eq!(names, sorted, "in the files' order");
    names.dedup();
    assert_eq!(names.len(), blocks.len());
    assert!(serial.2.contains(&format!("{broken} of {} record(s) could not be read", files.len())), "{}", serial.2);
    for threads in ["2", "8"] {
        assert_eq!(on_threads(&["record", "log"], &d, threads), serial, "{threads} threads");
    }
    // One file says what it said before: its history, exit 0.
    let one = on_threads(&["record", "log"], &d.join("0000-r.toml"), "1");
    assert_eq!(one.0, Some(0), "{}", one.2);
    assert!(one.1.contains("No revisions since it was written."), "{}", one.1);
}

/// A written record lists its answers in questionnaire order (records diff cleanly in git), also
/// after the text is made safe, and JSON output keeps the verdict's field order.
#[test]
fn records_keep_questionnaire_order_and_json_its_field_order() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    fs::write(
        &answers,
        "questionnaire = \"system-kind\"\n[answers]\narrival = \"bursty\"\nresponse_window = \"1s\"\n\
         caller = \"person_sync\"\ninteraction = \"x\\u202ey\"\n",
    )
    .unwrap();
    let out = syskind().args(["record", "new", "--title", "T", "-a"]).arg(&answers).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let keys: Vec<&str> = text
        .split("[answers]\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| l.split(" = ").next().unwrap())
        .collect();
    assert_eq!(keys, ["interaction", "caller", "response_window", "arrival"], "{text}");
    let json = syskind().args(["classify", "--format", "json", "--set", "caller=nobody"]).output().unwrap();
    let json = String::from_utf8(json.stdout).unwrap();
    let at = |k: &str| json.find(&format!("\"{k}\"")).unwrap();
    assert!(at("class") < at("label") && at("label") < at("scores") && at("scores") < at("confidence"), "{json}");
}
