//! ADR generation: snapshots of both formats for every worked example, the MADR and Nygard
//! structures, safe file names, concurrent numbering, and every error leaving nothing behind.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use syskind::core::adr::{Format, Placement, render};
use syskind::core::answers_file::parse_answers;
use syskind::core::questionnaire::default_questionnaire;
use syskind::core::record::{Meta, Record, Status};

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        fs::read_dir("questionnaires/examples").unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    v.sort();
    v
}

fn record_for(path: &Path) -> Record {
    let q = default_questionnaire();
    let a = parse_answers("x", &fs::read_to_string(path).unwrap(), &q).unwrap();
    let stem = path.file_stem().unwrap().to_string_lossy().to_string();
    Record::new(
        &q,
        &a,
        Meta {
            title: format!("Classify {}", stem.replace('-', " ")),
            date: "2026-11-26".into(),
            status: Status::Accepted,
            deciders: vec!["Ana Ruiz".into(), "Bo Chen".into()],
            context: "We are splitting the monolith and must know which parts need request/reply reliability.".into(),
            ..Meta::default()
        },
    )
}

fn place(stem: &str) -> Placement {
    Placement {
        number: 7,
        record_path: format!("decisions/{stem}.toml"),
        record_link: format!("../../decisions/{stem}.toml"),
        links: vec!["Supersedes [3. Use a queue for payments](0003-use-a-queue-for-payments.md)".into()],
    }
}

#[test]
fn snapshots_of_both_formats_for_every_worked_example() {
    let q = default_questionnaire();
    for path in examples() {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let r = record_for(&path);
        for (fmt, name) in [(Format::Nygard, "nygard"), (Format::Madr, "madr")] {
            let text = render(&r, &q, &place(&stem), fmt.template()).unwrap();
            insta::assert_snapshot!(format!("{name}_{stem}"), text);
        }
    }
}

/// MADR 4's headings, in order.
const MADR_HEADINGS: [&str; 8] = [
    "## Context and Problem Statement",
    "## Decision Drivers",
    "## Considered Options",
    "## Decision Outcome",
    "### Consequences",
    "### Confirmation",
    "## Pros and Cons of the Options",
    "## More Information",
];

#[test]
fn madr_front_matter_is_yaml_and_headings_are_madr_4() {
    let q = default_questionnaire();
    for path in examples() {
        let r = record_for(&path);
        let text = render(&r, &q, &place("x"), Format::Madr.template()).unwrap();
        let front = text.strip_prefix("---\n").unwrap().split("\n---\n").next().unwrap();
        let yaml: serde_norway::Value = serde_norway::from_str(front).unwrap();
        assert_eq!(yaml["status"].as_str(), Some("accepted"));
        assert_eq!(yaml["date"].as_str(), Some("2026-11-26"));
        let makers: Vec<&str> =
            yaml["decision-makers"].as_sequence().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(makers, ["Ana Ruiz", "Bo Chen"]);
        let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ") || l.starts_with("### ")).collect();
        let main: Vec<&str> = headings.iter().copied().filter(|h| MADR_HEADINGS.contains(h)).collect();
        assert_eq!(main, MADR_HEADINGS, "{}", path.display());
        assert!(text.contains("Chosen option: \""), "{}", path.display());
        // The other two classes are considered options with a reason each.
        // The other two classes are considered options with a reason each; each finding is a cost too.
        assert_eq!(
            text.matches("* Bad, because ").count(),
            2 + 1 + r.findings.len(),
            "two rejected options, one cost and one per finding"
        );
        for f in &r.findings {
            assert!(text.contains(&format!("against {} ({})", f.practice, f.id)), "{}", path.display());
        }
    }
}

#[test]
fn nygard_layout_is_adr_tools() {
    let q = default_questionnaire();
    let r = record_for(Path::new("questionnaires/examples/nightly-billing.toml"));
    let text = render(&r, &q, &place("x"), Format::Nygard.template()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "# 7. Classify nightly billing");
    assert_eq!(lines[2], "Date: 2026-11-26");
    let headings: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings, ["## Status", "## Context", "## Decision", "## Consequences"]);
    assert!(text.contains("## Status\n\nAccepted\n\nSupersedes [3. Use a queue"), "{text}");
    assert!(text.contains("\"Nightly invoice generation\" is an offline (batch) system."), "{text}");
}

fn syskind(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("syskind").unwrap();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

fn new_record(dir: &Path, title: &str, out: &str) {
    let example = fs::canonicalize("questionnaires/examples/checkout-page.toml").unwrap();
    syskind(dir).args(["record", "new", &format!("--title={title}"), "-o", out, "-a"]).arg(example).assert().success();
}

#[test]
fn adr_new_places_numbers_and_links_back_to_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("docs/adr")).unwrap();
    new_record(d, "Checkout is request/reply", "decisions/0001-checkout.toml");
    syskind(d)
        .args(["adr", "new", "--from", "decisions/0001-checkout.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("docs/adr/0001-checkout-is-request-reply.md"));
    let adr = fs::read_to_string(d.join("docs/adr/0001-checkout-is-request-reply.md")).unwrap();
    assert!(adr.contains("[decisions/0001-checkout.toml](../../decisions/0001-checkout.toml)"), "{adr}");
    let record = fs::read_to_string(d.join("decisions/0001-checkout.toml")).unwrap();
    assert!(record.contains("adr = \"../docs/adr/0001-checkout-is-request-reply.md\""), "{record}");
    syskind(d).args(["record", "check", "decisions/0001-checkout.toml"]).assert().success();
}

#[test]
fn titles_never_escape_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    let long = "x".repeat(500);
    let titles = ["../../etc/passwd", "a/b\\c", "Zahlung über Café 支付", long.as_str(), "?!*** ...", "--"];
    for (i, t) in titles.iter().enumerate() {
        new_record(d, t, &format!("r{i}.toml"));
        syskind(d).args(["adr", "new", "--from", &format!("r{i}.toml")]).assert().success();
    }
    let names: Vec<String> = fs::read_dir(d.join("doc/adr"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), titles.len(), "{names:?}");
    for n in &names {
        assert!(n.len() <= 4 + 1 + 60 + 3, "{n}");
        assert!(n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'), "{n}");
        assert!(!n.contains(".."), "{n}");
        assert!(n.ends_with(".md"));
    }
    assert!(names.iter().any(|n| n == "0005-decision.md"), "only punctuation gives a fallback slug: {names:?}");
    assert!(!d.join("etc").exists());
}

#[test]
fn concurrent_processes_get_distinct_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    new_record(&d, "Same title", "r.toml");
    let bin = assert_cmd::cargo::cargo_bin("syskind");
    let children: Vec<_> = (0..4)
        .map(|i| {
            // Each writer gets its own copy of the record (the record is updated after the ADR is written).
            fs::copy(d.join("r.toml"), d.join(format!("r{i}.toml"))).unwrap();
            std::process::Command::new(&bin)
                .current_dir(&d)
                .args(["adr", "new", "--from", &format!("r{i}.toml")])
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let mut names: Vec<String> = fs::read_dir(d.join("doc/adr"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["0001-same-title.md", "0002-same-title.md", "0003-same-title.md", "0004-same-title.md"]);
}

#[test]
fn errors_are_clear_and_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // No folder at all.
    new_record(d, "X", "r.toml");
    syskind(d)
        .args(["adr", "new", "--from", "r.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("syskind adr init"));
    // A missing record.
    syskind(d)
        .args(["adr", "new", "--from", "nope.toml", "--dir", "adr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.toml: cannot read the file"));
    // A folder that is a file.
    fs::write(d.join("adrfile"), "").unwrap();
    syskind(d)
        .args(["adr", "new", "--from", "r.toml", "--dir", "adrfile"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a file, not a folder"));
    // A folder nobody can write to (/proc refuses new files even to root).
    syskind(d)
        .args(["adr", "new", "--from", "r.toml", "--dir", "/proc"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/proc"));
    // A --supersedes that does not exist.
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    syskind(d)
        .args(["adr", "new", "--from", "r.toml", "--supersedes", "9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no ADR number 9"));
    syskind(d)
        .args(["adr", "new", "--from", "r.toml", "--link", "1-Amends"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("N:LINK:REVERSE"));
    assert_eq!(fs::read_dir(d.join("doc/adr")).unwrap().count(), 0, "nothing half-written");
    let record = fs::read_to_string(d.join("r.toml")).unwrap();
    assert!(!record.contains("adr = "), "the record is untouched");
}

#[test]
fn adr_init_writes_adr_dir_like_adr_tools() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    syskind(d).args(["adr", "init", "architecture/decisions"]).assert().success();
    assert_eq!(fs::read_to_string(d.join(".adr-dir")).unwrap(), "architecture/decisions\n");
    let first = fs::read_to_string(d.join("architecture/decisions/0001-record-architecture-decisions.md")).unwrap();
    assert!(first.starts_with("# 1. Record architecture decisions\n\nDate: "));
    syskind(d)
        .args(["adr", "init", "architecture/decisions"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already holds ADRs"));
}

#[test]
fn a_user_template_is_used_and_a_broken_one_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    new_record(d, "Checkout is request/reply", "r.toml");
    fs::write(d.join("mine.md"), "# {{ number }}. {{ title }}\n\nKind: {{ class_label }} ({{ confidence }}%)\n")
        .unwrap();
    syskind(d).args(["adr", "new", "--from", "r.toml", "--template", "mine.md"]).assert().success();
    let adr = fs::read_to_string(d.join("doc/adr/0001-checkout-is-request-reply.md")).unwrap();
    assert!(adr.starts_with("# 1. Checkout is request/reply\n\nKind: Hard real-time ("), "{adr}");
    fs::write(d.join("broken.md"), "# {{ number }}\n{% for x in %}\n").unwrap();
    syskind(d)
        .args(["adr", "new", "--from", "r.toml", "--template", "broken.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("template line 2"));
    assert_eq!(fs::read_dir(d.join("doc/adr")).unwrap().count(), 1, "nothing written for the broken template");
}

/// Issue 20.2: escapes and bidi overrides in a record (title, context, deciders, notes, an answer) or
/// in an existing ADR's title never reach a written ADR, in any of the three layouts.
#[test]
fn escapes_in_records_and_old_adrs_never_reach_an_adr() {
    let controls =
        |s: &str| s.chars().filter(|c| (c.is_control() && *c != '\n') || ('\u{202a}'..='\u{202e}').contains(c)).count();
    for format in ["nygard", "madr", "madr2"] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("doc/adr")).unwrap();
        new_record(d, "Checkout", "r.toml");
        let text = fs::read_to_string(d.join("r.toml")).unwrap();
        let evil = text
            .replace("title = \"Checkout\"", "title = \"Check\\u001b[2Jout \\u202eevil\"")
            .replace("context = \"\"", "context = \"Ctx \\u001b]52;c;aGVsbG8=\\u0007 \\u009b31m end\"")
            .replace("deciders = []", "deciders = [\"Ana\\u001b[31m\"]")
            .replace("[notes]\n", "[notes]\ncaller = \"note \\u001b]0;title\\u0007 here\"\n")
            .replace("interaction = \"", "interaction = \"\\u001b[1m");
        assert_ne!(evil, text, "the record was tampered with");
        fs::write(d.join("r.toml"), &evil).unwrap();
        // An ADR already there, its title carrying an escape, superseded by the new one.
        if format == "nygard" {
            fs::write(
                d.join("doc/adr/0001-old.md"),
                "# 1. Old \u{1b}[2J title\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
            )
            .unwrap();
        }
        let mut args = vec!["adr", "new", "--from", "r.toml", "--format", format, "--dir", "doc/adr"];
        if format == "nygard" {
            args.extend(["--supersedes", "1"]);
        }
        let out = syskind(d).args(&args).output().unwrap();
        assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        for e in fs::read_dir(d.join("doc/adr")).unwrap() {
            let p = e.unwrap().path();
            let adr = fs::read_to_string(&p).unwrap();
            if p.ends_with("0001-old.md") {
                continue; // not ours to clean, only never to copy
            }
            assert_eq!(controls(&adr), 0, "{format}: {}: {adr:?}", p.display());
            assert!(adr.contains("Check") && adr.contains("out"), "{format}: ordinary text is kept: {adr}");
            if format == "nygard" {
                assert!(adr.contains("Supersedes [1. Old  title]"), "the escape is dropped, the words kept: {adr}");
            }
        }
    }
}
