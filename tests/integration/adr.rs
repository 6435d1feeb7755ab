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
        .stderr(predicate::str::contains("/proc: cannot write in the ADR folder"));
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

/// Issue 20.5: a folder holding the largest number there is gets no `0000-…` ADR, and a clear message.
#[test]
fn adr_numbers_never_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    fs::write(d.join("doc/adr/4294967295-max.md"), "# 4294967295. Max\n\n## Status\n\nAccepted\n").unwrap();
    new_record(d, "Checkout", "r.toml");
    syskind(d)
        .args(["adr", "new", "--from", "r.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the largest number there is"));
    assert_eq!(fs::read_dir(d.join("doc/adr")).unwrap().count(), 1, "nothing written");
    assert!(!fs::read_to_string(d.join("r.toml")).unwrap().contains("adr = "), "the record is untouched");
}

/// Issue 20.6: concurrent `adr new --link` and `--supersedes` on the same ADR keep every back-link.
#[test]
fn concurrent_writers_keep_every_back_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    syskind(d).args(["adr", "init"]).assert().success();
    let n = 12;
    for i in 0..n {
        new_record(d, &format!("Part {i}"), &format!("r{i}.toml"));
    }
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let d = d.to_path_buf();
            std::thread::spawn(move || {
                let link = if i % 2 == 0 { "--link=1:Amends:Amended by" } else { "--link=1:Relates to:Related to" };
                syskind(&d).args(["adr", "new", "--from", &format!("r{i}.toml"), link]).output().unwrap()
            })
        })
        .collect();
    for h in handles {
        let out = h.join().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let first = fs::read_to_string(d.join("doc/adr/0001-record-architecture-decisions.md")).unwrap();
    let back = first.lines().filter(|l| l.starts_with("Amended by [") || l.starts_with("Related to [")).count();
    assert_eq!(back, n, "every writer's back-link is kept:\n{first}");
    let mut numbers: Vec<String> = fs::read_dir(d.join("doc/adr"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy()[..4].to_string())
        .collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), n + 1, "distinct numbers");
}

/// Issue 20.3: a record's `adr` key naming a file outside its repository is refused.
#[test]
fn a_records_adr_key_is_confined_to_its_repository() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let victim = dir.path().join("victim/doc/adr");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::create_dir_all(repo.join("decisions")).unwrap();
    fs::create_dir_all(repo.join("doc/adr")).unwrap();
    fs::create_dir_all(&victim).unwrap();
    fs::write(victim.join("0001-x.md"), "# 1. X\n").unwrap();
    fs::write(repo.join("doc/adr/0002-mine.md"), "# 2. Mine\n").unwrap();
    let record = repo.join("decisions/r.toml");
    fs::write(&record, "").unwrap();
    let outside = syskind::store::adr_write::adr_of_record(&record, "../../victim/doc/adr/0001-x.md");
    assert!(outside.as_ref().is_err_and(|e| e.contains("outside its repository")), "{outside:?}");
    let inside = syskind::store::adr_write::adr_of_record(&record, "../doc/adr/0002-mine.md").unwrap();
    assert!(inside.ends_with("doc/adr/0002-mine.md"));
}

/// Issue 20.4: a huge or binary `.adr-dir` is not read whole.
#[test]
fn a_huge_adr_dir_marker_is_read_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let marker = fs::File::create(dir.path().join(".adr-dir")).unwrap();
    marker.set_len(1 << 30).unwrap(); // 1 GiB of NULs, sparse
    assert_eq!(syskind::store::adr::find_dir(dir.path()), None, "a name with NULs names no folder");
    fs::write(dir.path().join(".adr-dir"), "arch/adr\n").unwrap();
    assert_eq!(syskind::store::adr::find_dir(dir.path()), Some(dir.path().join("arch/adr")));
}

/// Issue 20.9: writes go through symbolic links; the links stay links.
#[test]
fn writes_go_through_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("doc/adr")).unwrap();
    fs::create_dir_all(d.join("real")).unwrap();
    new_record(d, "Checkout", "real/r.toml");
    std::os::unix::fs::symlink("real/r.toml", d.join("link.toml")).unwrap();
    syskind(d).args(["adr", "new", "--from", "link.toml"]).assert().success();
    assert!(fs::symlink_metadata(d.join("link.toml")).unwrap().file_type().is_symlink(), "still a link");
    assert!(fs::read_to_string(d.join("real/r.toml")).unwrap().contains("adr = "), "the target got the key");
    // `record new -o LINK --force` writes the link's target.
    std::os::unix::fs::symlink("real/r2.toml", d.join("link2.toml")).unwrap();
    fs::write(d.join("real/r2.toml"), "old").unwrap();
    let example = fs::canonicalize("questionnaires/examples/checkout-page.toml").unwrap();
    syskind(d)
        .args(["record", "new", "--title=Two", "-o", "link2.toml", "--force", "-a"])
        .arg(example)
        .assert()
        .success();
    assert!(fs::symlink_metadata(d.join("link2.toml")).unwrap().file_type().is_symlink());
    assert!(fs::read_to_string(d.join("real/r2.toml")).unwrap().contains("title = \"Two\""));
    // A superseded ADR reached through a link.
    fs::write(d.join("real/0009-old.md"), "# 9. Old\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n")
        .unwrap();
    std::os::unix::fs::symlink("../../real/0009-old.md", d.join("doc/adr/0009-old.md")).unwrap();
    new_record(d, "Three", "r3.toml");
    syskind(d).args(["adr", "new", "--from", "r3.toml", "--supersedes", "9"]).assert().success();
    assert!(fs::symlink_metadata(d.join("doc/adr/0009-old.md")).unwrap().file_type().is_symlink());
    assert!(fs::read_to_string(d.join("real/0009-old.md")).unwrap().contains("Superseded by"));
}

/// Issue 20.10: temporary files a killed run left are removed by the next write to that folder; a
/// fresh one (a concurrent writer's) is kept.
#[test]
fn stale_temporaries_are_removed_by_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("decisions")).unwrap();
    let stale = d.join("decisions/.syskind-killed.tmp");
    let fresh = d.join("decisions/.syskind-busy.tmp");
    let f = fs::File::create(&stale).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(600)).unwrap();
    fs::write(&fresh, "").unwrap();
    new_record(d, "Checkout", "decisions/r.toml");
    assert!(!stale.exists(), "the killed run's file is gone");
    assert!(fresh.exists(), "a fresh one is left alone");
}

/// Issue 20.7: on a full disk an ADR write is all or nothing: either the ADR and the record's `adr`
/// key are both written, or neither (no orphan ADR, so a rerun does not make a second one). Each run
/// gets its own small tmpfs, in a user and mount namespace of its own (`unshare -rm`), filled to leave
/// 1 to 8 pages free.
#[test]
fn a_full_disk_leaves_no_orphan_adr() {
    if std::process::Command::new("unshare").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "unshare (util-linux) is needed under CI");
        eprintln!("skipped: no unshare");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    new_record(d, "Checkout", "r1.toml");
    let bin = assert_cmd::cargo::cargo_bin("syskind");
    let script = r#"
set -u
mount -t tmpfs -o size=192k tmpfs "$M" || exit 97
mkdir -p "$M/doc/adr" && cp "$SRC/r1.toml" "$M/r1.toml"
i=0
while dd if=/dev/zero of="$M/fill$i" bs=4096 count=1 2>/dev/null; do i=$((i+1)); done
rm -f "$M/fill$i"
j=0
while [ $j -lt "$K" ]; do i=$((i-1)); rm -f "$M/fill$i"; j=$((j+1)); done
cd "$M"
"$BIN" adr new --from r1.toml >/dev/null 2>err.txt
code=$?
printf '%s %s %s %s\n' "$code" "$(ls doc/adr | wc -l)" "$(grep -c '^adr = ' r1.toml)" "$(ls -a doc/adr . | grep -c 'syskind-.*tmp')"
"#;
    let (mut failed, mut written) = (0, 0);
    for k in 1..=8 {
        let mount = d.join(format!("m{k}"));
        fs::create_dir_all(&mount).unwrap();
        let out = std::process::Command::new("unshare")
            .args(["-rm", "bash", "-c", script])
            .env("M", &mount)
            .env("SRC", d)
            .env("BIN", &bin)
            .env("K", k.to_string())
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.code() == Some(97) || line.is_empty() {
            assert!(
                std::env::var_os("CI").is_none(),
                "cannot mount a tmpfs here: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            eprintln!("skipped: cannot mount a tmpfs in a namespace");
            return;
        }
        let f: Vec<u32> = line.split_whitespace().map(|x| x.parse().unwrap()).collect();
        let (code, adrs, keyed, temps) = (f[0], f[1], f[2], f[3]);
        assert_eq!(temps, 0, "{k} pages free: temporary files left: {line}");
        if code == 0 {
            written += 1;
            assert_eq!((adrs, keyed), (1, 1), "{k} pages free: written, so both ADR and key: {line}");
        } else {
            failed += 1;
            assert_eq!(code, 2, "{k} pages free: {line}");
            assert_eq!((adrs, keyed), (0, 0), "{k} pages free: failed, so neither ADR nor key: {line}");
        }
    }
    assert!(failed > 0, "the disk was full enough to fail at least once");
    assert!(written > 0, "and roomy enough to succeed at least once");
}
