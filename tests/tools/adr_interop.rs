//! Interoperability of syskind's `madr2` ADRs with the tools that read that layout: log4brains'
//! own reader (@log4brains/core, from npm) and pyadr's `check-adr-repo` (from PyPI). `.ci/run`
//! installs both into `target/interop`; under CI their absence fails the tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn interop() -> PathBuf {
    fs::canonicalize("target").unwrap_or_else(|_| PathBuf::from("target")).join("interop")
}

fn need(what: &str, path: &Path) -> bool {
    if path.exists() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "{what} is required in CI: .ci/run installs it into target/interop");
    eprintln!("notice: {what} not installed in target/interop; run .ci/run once to install it");
    false
}

fn syskind(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_syskind")).args(args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "syskind {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A repository with two syskind ADRs in the MADR 2 layout, the second superseding the first.
fn madr2_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    fs::create_dir_all(d.join("docs/adr")).unwrap();
    fs::write(d.join(".log4brains.yml"), "project:\n  name: shop\n  tz: Etc/UTC\n  adrFolder: ./docs/adr\n").unwrap();
    let example =
        |n: &str| fs::canonicalize(format!("questionnaires/examples/{n}.toml")).unwrap().display().to_string();
    syskind(
        d,
        &[
            "record",
            "new",
            "-a",
            &example("card-authorisation"),
            "--title",
            "Card authorisation is request/reply",
            "--decider",
            "Ana",
            "--decider",
            "Ops\\Unix team",
            "--date",
            "2026-11-20",
            "-o",
            "decisions/0001-card.toml",
        ],
    );
    syskind(
        d,
        &[
            "record",
            "new",
            "-a",
            &example("checkout-page"),
            "--title",
            "Checkout is request/reply",
            "--status",
            "accepted",
            "--decider",
            "Bo",
            "-o",
            "decisions/0002-checkout.toml",
        ],
    );
    syskind(d, &["adr", "new", "--from", "decisions/0001-card.toml", "--format", "madr2", "--dir", "docs/adr"]);
    // No --format: the folder's layout (MADR 2) is detected and kept.
    syskind(d, &["adr", "new", "--from", "decisions/0002-checkout.toml", "--dir", "docs/adr", "--supersedes", "1"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "ADRs"]);
    dir
}

#[test]
fn log4brains_reads_title_status_date_deciders_and_superseded_by() {
    let dir = interop();
    if !need("@log4brains/core (npm)", &dir.join("node_modules/@log4brains/core")) {
        return;
    }
    fs::copy("tests/interop/log4brains-read.js", dir.join("log4brains-read.js")).unwrap();
    let repo = madr2_repo();
    let out = Command::new("node").arg("log4brains-read.js").arg(repo.path()).current_dir(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let adrs = v.as_array().unwrap();
    assert_eq!(adrs.len(), 2, "{v}");
    let first = &adrs[0];
    assert_eq!(first["slug"], "0001-card-authorisation-is-request-reply");
    assert_eq!(first["title"], "Card authorisation is request/reply");
    assert_eq!(first["status"], "superseded");
    assert_eq!(first["supersededBy"], "0002-checkout-is-request-reply");
    assert_eq!(first["deciders"], serde_json::json!(["Ana", "Ops\\Unix team"]));
    let second = &adrs[1];
    assert_eq!(second["title"], "Checkout is request/reply");
    assert_eq!(second["status"], "accepted");
    assert_eq!(second["deciders"], serde_json::json!(["Bo"]));
    assert!(second["supersededBy"].is_null());
    // The date log4brains reads is the one syskind wrote.
    let text = fs::read_to_string(repo.path().join("docs/adr/0002-checkout-is-request-reply.md")).unwrap();
    let written = text.lines().find_map(|l| l.strip_prefix("* Date: ")).unwrap();
    assert_eq!(second["date"], written);
}

#[test]
fn pyadr_passes_a_madr2_folder() {
    let dir = interop();
    let pyadr = dir.join("venv/bin/pyadr");
    if !need("pyadr (PyPI)", &pyadr) {
        return;
    }
    let repo = madr2_repo();
    let out = Command::new(&pyadr).arg("check-adr-repo").current_dir(repo.path()).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && said.contains("All checks passed"), "{said}");
    // And pyadr can fail: a numbered title does not match its file name.
    let f = repo.path().join("docs/adr/0002-checkout-is-request-reply.md");
    let text =
        fs::read_to_string(&f).unwrap().replacen("# Checkout is request/reply", "# 2. Checkout is request/reply", 1);
    fs::write(&f, text).unwrap();
    let out = Command::new(&pyadr).arg("check-adr-repo").current_dir(repo.path()).output().unwrap();
    assert!(!out.status.success(), "pyadr refuses what it should");
}
