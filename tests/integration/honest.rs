//! Honest verdicts from the outside: `classify --format json` carries conflicts and findings, `record
//! check` re-derives 1.0.0 records under 1.0.0 and fails on findings with `--fail-on`, and `record
//! upgrade` shows and (only when asked) writes what questionnaire 2.0.0 changes.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

fn syskind() -> Command {
    let mut c = Command::cargo_bin("syskind").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// The example: a schedule that "needs" its answer within 500 ms.
const CONTRADICTORY: &[&str] = &[
    "caller=schedule",
    "response_window=500ms",
    "arrival=scheduled",
    "can_defer=no",
    "late_cost=lost_business",
    "freshness=1s",
    "fan_out=6",
    "queueing=none",
];

#[test]
fn classify_json_has_conflicts_and_findings_beside_class_and_confidence() {
    // 2.0.0 (still built in for its records): under doubt, the demanding kind.
    let mut cmd = syskind();
    cmd.args(["classify", "-q", "system-kind@2.0.0", "--format", "json"]);
    for s in CONTRADICTORY {
        cmd.args(["--set", s]);
    }
    cmd.args(["--set", "retries=immediate"]);
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["class"], "hard_real_time", "under doubt, the demanding kind");
    assert!(v["confidence"].as_f64().unwrap() <= 0.5);
    let conflicts: Vec<&str> = v["conflicts"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(conflicts.contains(&"overruled:scheduled_batch"), "{conflicts:?}");
    assert!(conflicts.contains(&"scheduled_subsecond"), "{conflicts:?}");
    let findings = v["findings"].as_array().unwrap();
    let retry = findings.iter().find(|f| f["id"] == "immediate_retries").expect("immediate retries found");
    assert_eq!(retry["risk"], "high");
    assert_eq!(retry["practice"], "REL05-BP03");
    assert_eq!(retry["source"], "https://docs.aws.amazon.com/wellarchitected/latest/framework/rel05-bp03.html");
    assert_eq!(retry["answers"][0], "retries=immediate");
    assert!(retry.get("wa_risk").is_none(), "2.0.0 gives no framework level");

    // 3.0.0: a schedule consumes the result, so by definition nobody is blocked on a reply; the
    // contradiction is named, the confidence low, and both names of the kind are given.
    let mut cmd = syskind();
    cmd.args(["classify", "--format", "json"]);
    for s in CONTRADICTORY {
        cmd.args(["--set", s]);
    }
    let out = cmd.output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["class"], "soft_real_time");
    assert_eq!(v["label"], "Soft real-time");
    assert_eq!(v["wa_name"], "asynchronous");
    assert_eq!(v["decided_by"], "nobody_waits");
    assert!(v["confidence"].as_f64().unwrap() <= 0.25, "{}", v["confidence"]);
    let conflicts: Vec<&str> = v["conflicts"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(conflicts, ["scheduled_subsecond", "schedule_needs_seconds"]);
    let timeouts = v["findings"].as_array().unwrap().iter().find(|f| f["id"] == "request_path_not_required").unwrap();
    assert_eq!((timeouts["risk"].as_str(), timeouts["wa_risk"].as_str()), (Some("high"), Some("high")));
}

/// Issue 24's websocket chat: under 2.0.0 a lower cost of lateness raised the class; 3.0.0 keeps it.
#[test]
fn a_lower_cost_of_lateness_no_longer_raises_the_class() {
    let chat = ["caller=push_subscriber", "response_window=2s", "arrival=unpredictable", "can_defer=no"];
    let class = |q: &str, late: &str| {
        let mut cmd = syskind();
        cmd.args(["classify", "-q", q, "--format", "json", "--set", late]);
        for s in chat {
            cmd.args(["--set", s]);
        }
        let v: serde_json::Value = serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap();
        v["class"].as_str().unwrap().to_string()
    };
    assert_eq!(class("system-kind@2.0.0", "late_cost=degraded"), "soft_real_time");
    assert_eq!(class("system-kind@2.0.0", "late_cost=nothing"), "hard_real_time", "the defect 3.0.0 fixes");
    assert_eq!(class("system-kind", "late_cost=degraded"), "soft_real_time");
    assert_eq!(class("system-kind", "late_cost=nothing"), "soft_real_time");
}

#[test]
fn classify_text_says_when_no_single_answer_changes_it_and_when_it_is_undecided() {
    syskind()
        .args(["classify", "-a", "questionnaires/examples/email-notifications.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No single answer would change this verdict."))
        .stdout(predicate::str::contains("Risk review: 1 finding (1 high)"));
    syskind()
        .args(["classify", "--set", "caller=nobody"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Verdict: Undecided between Soft real-time and Offline"))
        .stdout(predicate::str::contains("Confidence: 0%"));
}

/// A record made with questionnaire 1.0.0 (as syskind wrote it before 2.0.0).
fn v1_record(dir: &std::path::Path) -> std::path::PathBuf {
    let out = dir.join("old.toml");
    syskind()
        .args(["-q", "system-kind@1.0.0", "record", "new", "--title", "Order e-mails", "--date", "2026-01-05"])
        .args(["-a", "questionnaires/examples/email-notifications.toml", "-o"])
        .arg(&out)
        .assert()
        .success();
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.contains("version = \"1.0.0\"") && !text.contains("[[findings]]"), "{text}");
    out
}

#[test]
fn record_check_re_derives_a_1_0_0_record_under_1_0_0() {
    let dir = tempfile::tempdir().unwrap();
    let old = v1_record(dir.path());
    syskind().args(["record", "check"]).arg(&old).assert().success().stderr(predicate::str::contains("1 record(s) ok"));
    // Under 2.0.0 the same answers raise a finding: checked on demand, the record would not match.
    syskind()
        .args(["-q", "system-kind", "record", "check"])
        .arg(&old)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("stored findings [] but the answers now raise [retried_not_idempotent]"));
}

#[test]
fn record_check_fail_on_turns_findings_into_a_ci_failure() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("r.toml");
    syskind()
        .args([
            "record",
            "new",
            "--title",
            "Order e-mails",
            "-a",
            "questionnaires/examples/email-notifications.toml",
            "-o",
        ])
        .arg(&r)
        .assert()
        .success();
    syskind().args(["record", "check"]).arg(&r).assert().success();
    syskind()
        .args(["record", "check", "--fail-on", "high"])
        .arg(&r)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("high risk REL04-BP04 [retried_not_idempotent]"));
    // A record with no findings passes at every level.
    let clean = dir.path().join("clean.toml");
    syskind()
        .args(["record", "new", "--title", "Training", "-a", "questionnaires/examples/ml-training.toml", "-o"])
        .arg(&clean)
        .assert()
        .success();
    syskind().args(["record", "check", "--fail-on", "low"]).arg(&clean).assert().success();
    syskind()
        .args(["record", "check", "--fail-on", "severe"])
        .arg(&clean)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'severe'"));
}

#[test]
fn record_upgrade_shows_changes_and_writes_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let old = v1_record(dir.path());
    let before = fs::read_to_string(&old).unwrap();
    syskind()
        .args(["record", "upgrade"])
        .arg(&old)
        .assert()
        .success()
        .stdout(predicate::str::contains("system-kind 1.0.0 → 3.0.0"))
        .stdout(predicate::str::contains("+ finding retried_not_idempotent (high risk, REL04-BP04)"))
        .stderr(predicate::str::contains("1 record(s) would be upgraded (add --write to rewrite them)"));
    assert_eq!(fs::read_to_string(&old).unwrap(), before, "nothing written without --write");
    syskind().args(["record", "upgrade", "--write", "--who", "Ana"]).arg(&old).assert().success();
    let after = fs::read_to_string(&old).unwrap();
    assert!(after.contains("version = \"3.0.0\"") && after.contains("[[findings]]"), "{after}");
    assert!(
        after.contains("who = \"Ana\"")
            && after.contains("note = \"re-derived under questionnaire system-kind 3.0.0 (was 1.0.0)\""),
        "{after}"
    );
    assert!(after.contains("title = \"Order e-mails\"") && after.contains("date = \"2026-01-05\""), "metadata kept");
    syskind().args(["record", "check"]).arg(&old).assert().success();
    syskind().args(["record", "upgrade"]).arg(&old).assert().success().stderr(predicate::str::contains(
        "0 record(s) would be upgraded (add --write to rewrite them), 1 already current",
    ));
    syskind()
        .args(["record", "log"])
        .arg(&old)
        .assert()
        .success()
        .stdout(predicate::str::contains("Ana          changed no answers; verdict soft_real_time → soft_real_time (re-derived under questionnaire system-kind 3.0.0 (was 1.0.0))"));
}

#[test]
fn read_only_work_gets_no_idempotency_practice() {
    let out = syskind()
        .args([
            "record",
            "new",
            "--title",
            "Dashboards",
            "-a",
            "questionnaires/examples/analytics-dashboard-stream.toml",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("mutates_state = false"));
    assert!(!text.contains("id = \"REL04-BP04\""), "{text}");
    let out = syskind()
        .args(["record", "new", "--title", "Card", "-a", "questionnaires/examples/card-authorisation.toml"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("id = \"REL04-BP04\"") && text.contains("id = \"REL04-BP03\""),
        "hard real-time lists constant work"
    );
}

#[test]
fn counts_read_in_the_singular_when_there_is_one() {
    use syskind::core::answers::Value;
    let q = syskind::core::questionnaire::default_questionnaire();
    let fan_out = &q.questions[q.question_index("fan_out").unwrap()];
    assert_eq!(Value::Number(1.0).display(fan_out), "1 dependency");
    assert_eq!(Value::Number(4.0).display(fan_out), "4 dependencies");
    let volume = &q.questions[q.question_index("volume").unwrap()];
    assert_eq!(Value::Number(1.0).display(volume), "1 requests/s", "compound units are left alone");
}

/// Issue 19's password-reset e-mail, recorded under 2.0.0 (hard, 50%, a conflict): the record still
/// checks under 2.0.0, and `record upgrade` shows it moving to soft real-time under 3.0.0.
#[test]
fn a_2_0_0_record_still_checks_and_upgrade_shows_what_moves() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    fs::write(
        &answers,
        "questionnaire = \"system-kind\"\n[answers]\ncaller = \"someone_later\"\nresponse_window = \"2m\"\n\
         arrival = \"unpredictable\"\ncan_defer = false\nlate_cost = \"lost_business\"\n",
    )
    .unwrap();
    let record = dir.path().join("r.toml");
    syskind()
        .args(["-q", "system-kind@2.0.0", "record", "new", "--title", "Password reset", "-a"])
        .arg(&answers)
        .arg("-o")
        .arg(&record)
        .assert()
        .success()
        .stderr(predicate::str::contains("Verdict: Hard real-time"));
    syskind().args(["record", "check"]).arg(&record).assert().success();
    syskind()
        .args(["record", "upgrade"])
        .arg(&record)
        .assert()
        .success()
        .stdout(predicate::str::contains("system-kind 2.0.0 → 3.0.0"))
        .stdout(predicate::str::contains("class hard_real_time → soft_real_time"))
        .stdout(predicate::str::contains("confidence 0.50 → 0.69"));
    syskind().args(["record", "upgrade", "--write", "--who", "Ana"]).arg(&record).assert().success();
    let text = fs::read_to_string(&record).unwrap();
    assert!(text.contains("wa_name = \"asynchronous\"") && text.contains("decided_by = \"nobody_waits\""), "{text}");
    syskind().args(["record", "check"]).arg(&record).assert().success();
}

/// Issue 20.8: `record upgrade` and `adr new` validate like `record check`: a bogus answer is refused
/// even in a current record, and a version this syskind does not have is refused, never relabelled.
#[test]
fn upgrade_and_adr_new_refuse_what_record_check_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    fs::write(&answers, "questionnaire = \"system-kind\"\n[answers]\ncaller = \"person_sync\"\n").unwrap();
    let record = dir.path().join("r.toml");
    syskind().args(["record", "new", "--title", "T", "-a"]).arg(&answers).arg("-o").arg(&record).assert().success();
    let good = fs::read_to_string(&record).unwrap();
    fs::write(&record, good.replace("caller = \"person_sync\"", "caller = \"bogus\"")).unwrap();
    syskind().args(["record", "check"]).arg(&record).assert().code(2);
    syskind()
        .args(["record", "upgrade", "--write"])
        .arg(&record)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bogus"))
        .stderr(predicate::str::contains("0 already current, 1 unreadable"));
    let future = good.replace("version = \"3.0.0\"", "version = \"9.0.0\"");
    assert_ne!(future, good);
    fs::write(&record, &future).unwrap();
    for args in [vec!["record", "upgrade", "--write"], vec!["adr", "new", "--dir", "adr", "--from"]] {
        syskind()
            .current_dir(dir.path())
            .args(&args)
            .arg(&record)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("system-kind 9.0.0, which this syskind does not have"));
    }
    assert_eq!(fs::read_to_string(&record).unwrap(), future, "not relabelled");
    assert!(!dir.path().join("adr").exists(), "no ADR written");
}

/// Issue 25: `record upgrade --write` over a folder on every core says and writes exactly what it
/// does on one thread.
#[test]
fn parallel_record_upgrade_matches_the_serial_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir_all(&src).unwrap();
    let examples: Vec<_> = fs::read_dir("questionnaires/examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    for (i, example) in examples.iter().enumerate() {
        let out = src.join(format!("{i:02}.toml"));
        syskind()
            .args([
                "-q",
                "system-kind@2.0.0",
                "record",
                "new",
                "--date",
                "2026-11-01",
                "--title",
                &format!("R{i}"),
                "-a",
            ])
            .arg(example)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
    }
    fs::write(src.join("99-broken.toml"), "schema = 1\n[verdict\n").unwrap();
    let run = |threads: &str| {
        let copy = dir.path().join(format!("t{threads}"));
        fs::create_dir_all(&copy).unwrap();
        for e in fs::read_dir(&src).unwrap() {
            let p = e.unwrap().path();
            fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
        }
        let out = syskind()
            .env("RAYON_NUM_THREADS", threads)
            .args(["record", "upgrade", "--write", "--who", "Ana"])
            .arg(&copy)
            .output()
            .unwrap();
        let mut files: Vec<(String, String)> = fs::read_dir(&copy)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (p.file_name().unwrap().to_string_lossy().to_string(), fs::read_to_string(&p).unwrap())
            })
            .collect();
        files.sort();
        let said = |b: Vec<u8>| String::from_utf8(b).unwrap().replace(&copy.display().to_string(), "DIR");
        (out.status.code(), said(out.stdout), said(out.stderr), files)
    };
    let serial = run("1");
    assert!(serial.1.contains("system-kind 2.0.0 → 3.0.0"), "{}", serial.1);
    assert_eq!(serial.0, Some(2), "the broken record: {}", serial.2);
    assert_eq!(run("2"), serial);
}
