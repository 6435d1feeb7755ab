//! Interoperability with the real adr-tools (Debian package `adr-tools`): a folder that mixes its ADRs
//! and syskind's must keep working with `adr list`, `adr generate toc`, `adr generate graph` and `adr new`.
//!
//! In CI adr-tools must be present (`.ci/run` installs it) and its absence fails the test; elsewhere
//! the test is skipped with a notice.

use std::fs;
use std::path::Path;
use std::process::Command;

fn adr_available() -> bool {
    let found = Command::new("sh").args(["-c", "command -v adr"]).output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "adr-tools is required in CI (apt-get install adr-tools)");
        eprintln!("notice: adr-tools not installed; interoperability test skipped");
    }
    found
}

fn adr(dir: &Path, args: &[&str]) -> String {
    let out =
        Command::new("adr").args(args).current_dir(dir).env("VISUAL", "true").env("EDITOR", "true").output().unwrap();
    assert!(out.status.success(), "adr {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn syskind(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_syskind")).args(args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "syskind {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_mixed_folder_keeps_working_with_adr_tools() {
    if !adr_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let example =
        |name: &str| fs::canonicalize(format!("questionnaires/examples/{name}.toml")).unwrap().display().to_string();

    adr(d, &["init"]); // 0001-record-architecture-decisions.md
    adr(d, &["new", "Use a queue for card payments"]); // 0002
    syskind(
        d,
        &[
            "record",
            "new",
            "-a",
            &example("card-authorisation"),
            "--title",
            "Card authorisation is request/reply",
            "-o",
            "decisions/card.toml",
        ],
    );
    syskind(
        d,
        &[
            "record",
            "new",
            "-a",
            &example("nightly-billing"),
            "--title",
            "Billing runs offline",
            "-o",
            "decisions/billing.toml",
        ],
    );
    // 0003 supersedes adr-tools' 0002; 0004 amends adr-tools' 0001.
    syskind(d, &["adr", "new", "--from", "decisions/card.toml", "--supersedes", "2"]);
    syskind(
        d,
        &["adr", "new", "--from", "decisions/billing.toml", "--format", "nygard", "--link", "1:Amends:Amended by"],
    );

    let list = adr(d, &["list"]);
    let files: Vec<&str> = list.lines().collect();
    assert_eq!(
        files,
        [
            "doc/adr/0001-record-architecture-decisions.md",
            "doc/adr/0002-use-a-queue-for-card-payments.md",
            "doc/adr/0003-card-authorisation-is-request-reply.md",
            "doc/adr/0004-billing-runs-offline.md",
        ]
    );

    let toc = adr(d, &["generate", "toc"]);
    for line in [
        "* [1. Record architecture decisions](0001-record-architecture-decisions.md)",
        "* [2. Use a queue for card payments](0002-use-a-queue-for-card-payments.md)",
        "* [3. Card authorisation is request/reply](0003-card-authorisation-is-request-reply.md)",
        "* [4. Billing runs offline](0004-billing-runs-offline.md)",
    ] {
        assert!(toc.contains(line), "toc lacks {line}:\n{toc}");
    }

    let graph = adr(d, &["generate", "graph"]);
    for line in [
        "_3 [label=\"3. Card authorisation is request/reply\"; URL=\"0003-card-authorisation-is-request-reply.html\"];",
        "_4 [label=\"4. Billing runs offline\"; URL=\"0004-billing-runs-offline.html\"];",
        "_3 -> _2 [label=\"Supersedes\", weight=0]",
        "_4 -> _1 [label=\"Amends\", weight=0]",
    ] {
        assert!(graph.contains(line), "graph lacks {line}:\n{graph}");
    }

    // The superseded adr-tools ADR reads as adr-tools would have written it.
    let old = fs::read_to_string(d.join("doc/adr/0002-use-a-queue-for-card-payments.md")).unwrap();
    assert!(old.contains("## Status\n\nSuperseded by [3. Card authorisation is request/reply](0003-card-authorisation-is-request-reply.md)\n\n## Context"), "{old}");
    assert!(!old.contains("Accepted"), "{old}");
    let first = fs::read_to_string(d.join("doc/adr/0001-record-architecture-decisions.md")).unwrap();
    assert!(first.contains("Amended by [4. Billing runs offline](0004-billing-runs-offline.md)"), "{first}");

    // adr-tools carries on numbering after syskind's files, and can supersede them.
    let out = adr(d, &["new", "-s", "3", "Card authorisation moves to a new processor"]);
    assert!(out.trim().ends_with("doc/adr/0005-card-authorisation-moves-to-a-new-processor.md"), "{out}");
    let ours = fs::read_to_string(d.join("doc/adr/0003-card-authorisation-is-request-reply.md")).unwrap();
    assert!(ours.contains("Superseded by [5. Card authorisation moves to a new processor](0005-card-authorisation-moves-to-a-new-processor.md)"), "{ours}");
    let graph = adr(d, &["generate", "graph"]);
    assert!(graph.contains("_5 -> _3 [label=\"Supersedes\", weight=0]"), "{graph}");
    // And `adr link` edits syskind's files as its own.
    adr(d, &["link", "4", "Clarifies", "3", "Clarified by"]);
    let billing = fs::read_to_string(d.join("doc/adr/0004-billing-runs-offline.md")).unwrap();
    assert!(
        billing.contains(
            "Clarifies [3. Card authorisation is request/reply](0003-card-authorisation-is-request-reply.md)"
        ),
        "{billing}"
    );
    let card = fs::read_to_string(d.join("doc/adr/0003-card-authorisation-is-request-reply.md")).unwrap();
    assert!(card.contains("Clarified by [4. Billing runs offline](0004-billing-runs-offline.md)"), "{card}");
    let graph = adr(d, &["generate", "graph"]);
    assert!(graph.contains("_4 -> _3 [label=\"Clarifies\", weight=0]"), "{graph}");
    // A MADR 4 file written into this adr-tools folder is refused unless forced (it would break the toc).
    let out = Command::new(env!("CARGO_BIN_EXE_syskind"))
        .args(["adr", "new", "--from", "decisions/card.toml", "--format", "madr"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds Nygard (adr-tools) ADRs"));
}
