//! ADRs on every layout: superseding and linking Nygard, MADR 4 and MADR 2 (bullet) files, refusing
//! files of no layout and stale records, `adr update` keeping hand-written text, MADR's details, and
//! the record's own text kept when its ADR link is stored.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn syskind(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("syskind").unwrap();
    c.env("NO_COLOR", "1").current_dir(dir);
    c
}

fn record(dir: &Path, example: &str, title: &str, out: &str) {
    let a = fs::canonicalize(format!("questionnaires/examples/{example}.toml")).unwrap();
    syskind(dir).args(["record", "new", "--title", title, "-o", out, "-a"]).arg(a).assert().success();
}

fn today(dir: &Path) -> String {
    let out = syskind(dir)
        .args(["record", "new", "--title", "x", "-a"])
        .arg(fs::canonicalize("questionnaires/examples/ml-training.toml").unwrap())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().find_map(|l| l.strip_prefix("date = \"")).unwrap().trim_end_matches('"').to_string()
}

#[test]
fn superseding_bullet_adrs_of_either_marker_and_madr4_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("docs/adr")).unwrap();
    // A hand-written MADR 2 file with `-` bullets, as madr-tools and log4brains write them.
    fs::write(
        d.join("docs/adr/0001-use-a-queue.md"),
        "# Use a queue\n\n- Status: proposed\n- Date: 2026-01-02\n\n## Context and Problem Statement\n\nWhy.\n",
    )
    .unwrap();
    record(d, "card-authorisation", "Card authorisation is request/reply", "decisions/card.toml");
    syskind(d)
        .args(["adr", "new", "--from", "decisions/card.toml", "--dir", "docs/adr", "--supersedes", "1"])
        .assert()
        .success();
    let old = fs::read_to_string(d.join("docs/adr/0001-use-a-queue.md")).unwrap();
    assert!(old.contains(&format!("- Status: superseded by [0002-card-authorisation-is-request-reply](0002-card-authorisation-is-request-reply.md)\n- Date: {}\n", today(d))), "{old}");
    let new = fs::read_to_string(d.join("docs/adr/0002-card-authorisation-is-request-reply.md")).unwrap();
    assert!(
        new.starts_with("# Card authorisation is request/reply\n\n* Status: proposed\n"),
        "the folder's layout: {new}"
    );
    assert!(new.contains("## Links\n\n* Supersedes [0001-use-a-queue](0001-use-a-queue.md)\n"), "{new}");

    // MADR 4: status as the template says, the date updated, and link titles the same both ways.
    let m = tempfile::tempdir().unwrap();
    let m = m.path();
    fs::create_dir_all(m.join("docs/decisions")).unwrap();
    record(m, "email-notifications", "E-mails are soft real-time", "decisions/a.toml");
    record(m, "checkout-page", "Checkout is request/reply", "decisions/b.toml");
    syskind(m).args(["adr", "new", "--from", "decisions/a.toml", "--format", "madr"]).assert().success();
    syskind(m).args(["adr", "new", "--from", "decisions/b.toml", "--supersedes", "1"]).assert().success();
    let first = fs::read_to_string(m.join("docs/decisions/0001-e-mails-are-soft-real-time.md")).unwrap();
    assert!(first.starts_with(&format!("---\nstatus: \"superseded by ADR-0002\"\ndate: {}\n", today(m))), "{first}");
    assert!(
        first.contains("* Superseded by [2. Checkout is request/reply](0002-checkout-is-request-reply.md)"),
        "{first}"
    );
    let second = fs::read_to_string(m.join("docs/decisions/0002-checkout-is-request-reply.md")).unwrap();
    assert!(
        second.contains("* Supersedes [1. E-mails are soft real-time](0001-e-mails-are-soft-real-time.md)"),
        "{second}"
    );
    // MADR's chosen option is one of its listed options.
    let chosen = second
        .lines()
        .find_map(|l| l.strip_prefix("Chosen option: \""))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert!(second.contains(&format!("* {chosen}\n")), "`{chosen}` is listed: {second}");
    assert_eq!(chosen, "Hard real-time (synchronous)");
}

#[test]
fn files_of_no_layout_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    fs::write(d.join("doc/adr/0001-notes.md"), "# Notes\n\nJust text, no status.\n").unwrap();
    record(d, "card-authorisation", "Card", "decisions/card.toml");
    syskind(d)
        .args(["adr", "new", "--from", "decisions/card.toml", "--supersedes", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("0001-notes.md: is in no ADR layout syskind can edit"));
    assert_eq!(fs::read_dir(d.join("doc/adr")).unwrap().count(), 1, "no ADR written");
    assert_eq!(fs::read_to_string(d.join("doc/adr/0001-notes.md")).unwrap(), "# Notes\n\nJust text, no status.\n");
}

#[test]
fn a_stale_record_is_refused_then_rederived_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    record(d, "card-authorisation", "Card", "decisions/card.toml");
    let path = d.join("decisions/card.toml");
    let text = fs::read_to_string(&path).unwrap();
    let edited = text
        .replace("caller = \"service_sync\"", "caller = \"schedule\"")
        .replace("response_window = \"2s\"", "response_window = \"3d\"")
        .replace("arrival = \"unpredictable\"", "arrival = \"scheduled\"");
    fs::write(&path, &edited).unwrap();
    syskind(d)
        .args(["adr", "new", "--from", "decisions/card.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the record is stale: stored verdict is `hard_real_time` but the answers now give `offline`",
        ))
        .stderr(predicate::str::contains("--rederive"));
    assert_eq!(fs::read_dir(d.join("doc/adr")).unwrap().count(), 0);
    syskind(d).args(["adr", "new", "--from", "decisions/card.toml", "--rederive"]).assert().success();
    let adr = fs::read_to_string(d.join("doc/adr/0001-card.md")).unwrap();
    assert!(adr.contains("is an offline (batch) system"), "{adr}");
    syskind(d).args(["record", "check", "decisions/card.toml"]).assert().success();
    let rec = fs::read_to_string(&path).unwrap();
    assert!(rec.contains("[[revisions]]") && rec.contains("after = \"offline\""), "{rec}");
}

#[test]
fn adr_update_rewrites_only_the_generated_part() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    fs::write(
        d.join("doc/adr/0001-old.md"),
        "# 1. Old\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
    )
    .unwrap();
    record(d, "email-notifications", "E-mails", "decisions/mail.toml");
    syskind(d)
        .args(["adr", "new", "--from", "decisions/mail.toml", "--link", "1:Amends:Amended by"])
        .assert()
        .success();
    let adr = d.join("doc/adr/0002-e-mails.md");
    // Someone adds their own section after the generated part.
    let mut text = fs::read_to_string(&adr).unwrap();
    text.push_str("\n## Notes from the review\n\nAna wants a DLQ alarm.\n");
    fs::write(&adr, &text).unwrap();
    // The record's answers are edited by hand (its `adr` key already points at the ADR): stale, so
    // refused until asked to re-derive.
    let rec = d.join("decisions/mail.toml");
    let edited = fs::read_to_string(&rec)
        .unwrap()
        .replace("late_cost = \"degraded\"", "late_cost = \"later_report\"")
        .replace("caller = \"someone_later\"", "caller = \"schedule\"")
        .replace("response_window = \"5m\"", "response_window = \"3d\"");
    assert!(edited.contains("adr = \"../doc/adr/0002-e-mails.md\""), "{edited}");
    fs::write(&rec, edited).unwrap();
    syskind(d)
        .args(["adr", "update", "2", "--from", "decisions/mail.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the record is stale"));
    syskind(d)
        .args(["adr", "update", "2", "--from", "decisions/mail.toml", "--rederive"])
        .assert()
        .success()
        .stdout(predicate::str::contains("doc/adr/0002-e-mails.md"));
    syskind(d).args(["record", "check", "decisions/mail.toml"]).assert().success();
    let after = fs::read_to_string(&adr).unwrap();
    assert!(after.starts_with("# 2. E-mails\n"), "number and title kept: {after}");
    assert!(after.contains("Amends [1. Old](0001-old.md)"), "links kept: {after}");
    assert!(after.contains("## Notes from the review\n\nAna wants a DLQ alarm.\n"), "hand-written text kept: {after}");
    assert!(
        after.contains("A report or result arrives later than planned"),
        "the generated part follows the record: {after}"
    );
    assert!(!after.contains("Stale or degraded results for a while"), "{after}");
    assert!(after.contains("is an offline (batch) system"), "{after}");
    // An ADR without markers (written by hand, or by adr-tools) is not guessed at.
    syskind(d)
        .args(["adr", "update", "1", "--from", "decisions/mail.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no generated-part markers"))
        .stderr(predicate::str::contains("--supersedes 1"));
}

#[test]
fn storing_the_adr_link_keeps_the_records_own_text_and_front_matter_is_serialised() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("docs/decisions")).unwrap();
    let a = fs::canonicalize("questionnaires/examples/card-authorisation.toml").unwrap();
    syskind(d)
        .args([
            "record",
            "new",
            "--title",
            "C:\\new \"quoted\" title",
            "--decider",
            "Ops\\Unix team",
            "--decider",
            "Bo \"the\" Architect",
            "-o",
            "decisions/r.toml",
            "-a",
        ])
        .arg(a)
        .assert()
        .success();
    let path = d.join("decisions/r.toml");
    let with_comment =
        fs::read_to_string(&path).unwrap().replace("[answers]\n", "[answers]\n# Ana: the terminal times out at 3 s\n");
    fs::write(&path, &with_comment).unwrap();
    syskind(d).args(["adr", "new", "--from", "decisions/r.toml", "--format", "madr"]).assert().success();
    let rec = fs::read_to_string(&path).unwrap();
    assert!(rec.contains("# Ana: the terminal times out at 3 s"), "the user's comment stays: {rec}");
    assert_eq!(
        rec.replace("adr = \"../docs/decisions/0001-c-new-quoted-title.md\"\n", ""),
        with_comment,
        "only the adr key was added"
    );
    let adr = fs::read_to_string(d.join("docs/decisions/0001-c-new-quoted-title.md")).unwrap();
    let front = adr.strip_prefix("---\n").unwrap().split("\n---\n").next().unwrap();
    let yaml: serde_norway::Value = serde_norway::from_str(front).unwrap();
    let makers: Vec<&str> =
        yaml["decision-makers"].as_sequence().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(makers, ["Ops\\Unix team", "Bo \"the\" Architect"]);
    assert_eq!(yaml["status"].as_str(), Some("proposed"));
}
