//! Pair design review: `diff` ordering and exit codes, version checks, the merged record, revision
//! history, snapshots of the review screen, and a reconciliation in a real pseudo-terminal.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::Tmux;
use assert_cmd::Command as Cmd;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use predicates::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use syskind::core::answers_file::parse_answers;
use syskind::core::questionnaire::default_questionnaire;
use syskind::core::record::{Meta, Record, parse_record};
use syskind::tui::pair::{PairApp, PairScreen, Party};
use syskind::tui::theme::Theme;
use syskind::tui::{Context, Effect, Model, Msg};

/// A card-authorisation-like interaction whose verdict a single answer can move: with the answer a
/// day late (B) the answers no longer point at request/reply. (The shipped card example is too
/// clear-cut for that: no single answer changes it.)
const BASE: &str = r#"questionnaire = "system-kind"

[answers]
interaction = "Authorise a card payment"
caller = "service_sync"
response_window = "2s"
arrival = "unpredictable"
can_defer = false
late_cost = "degraded"
freshness = "1h"
volume = 4000
retries = "backoff"
"#;

/// Writes records A (the card example, by Ana) and B (the same with some answers changed, by Bo).
fn two_records(dir: &Path, b_changes: &[(&str, &str)]) -> (PathBuf, PathBuf) {
    let base = BASE.to_string();
    let mut b_text = base.clone();
    for (from, to) in b_changes {
        assert!(b_text.contains(from), "{from}");
        b_text = b_text.replace(from, to);
    }
    fs::write(dir.join("a-answers.toml"), &base).unwrap();
    fs::write(dir.join("b-answers.toml"), &b_text).unwrap();
    for (side, who) in [("a", "Ana"), ("b", "Bo")] {
        Cmd::cargo_bin("syskind")
            .unwrap()
            .current_dir(dir)
            .args([
                "record",
                "new",
                "-a",
                &format!("{side}-answers.toml"),
                "--title",
                &format!("Card ({who})"),
                "--decider",
                who,
                "-o",
                &format!("{side}.toml"),
            ])
            .assert()
            .success();
    }
    (dir.join("a.toml"), dir.join("b.toml"))
}

const B_DIFFERS: &[(&str, &str)] = &[
    ("response_window = \"2s\"", "response_window = \"1d\""),
    ("volume = 4000", "volume = 900"),
    ("retries = \"backoff\"", "retries = \"immediate\""),
];

#[test]
fn diff_lists_verdict_changing_disagreements_first_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_records(dir.path(), B_DIFFERS);
    let out = Cmd::cargo_bin("syskind").unwrap().args(["diff", "--format", "json"]).arg(&a).arg(&b).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "different kinds");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> =
        v["disagreements"].as_array().unwrap().iter().map(|d| d["question"].as_str().unwrap()).collect();
    assert_eq!(ids, ["response_window", "volume", "retries"]);
    assert_eq!(v["disagreements"][0]["changes_verdict"], true);
    assert_eq!(v["disagreements"][1]["changes_verdict"], false);
    assert_eq!(v["a_verdict"]["class"], "hard_real_time");
    assert_eq!(v["b_verdict"]["class"], "soft_real_time");
    Cmd::cargo_bin("syskind")
        .unwrap()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Disagreements that change the verdict:\n  response_window"))
        .stdout(predicate::str::contains("Other disagreements:\n  volume"));
}

#[test]
fn identical_answers_agree_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_records(dir.path(), &[]);
    Cmd::cargo_bin("syskind")
        .unwrap()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stdout(predicate::str::contains("Same kind: both Hard real-time (synchronous)."))
        .stdout(predicate::str::contains("0 disagreement(s)"));
}

#[test]
fn records_of_different_questionnaire_versions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_records(dir.path(), &[]);
    let text = fs::read_to_string(&b).unwrap().replace("version = \"3.0.0\"", "version = \"0.9.0\"");
    fs::write(&b, text).unwrap();
    Cmd::cargo_bin("syskind")
        .unwrap()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("with system-kind version 3.0.0"))
        .stderr(predicate::str::contains("with version 0.9.0: revise the older one first"));
}

fn pair_app(dir: &Path, size: (u16, u16)) -> PairApp {
    let (a, b) = two_records(dir, B_DIFFERS);
    let q = default_questionnaire();
    let party = |p: &Path, name: &str| {
        let text = fs::read_to_string(p).unwrap();
        let record = parse_record("r", &text).unwrap();
        let answers = syskind::core::record::record_answers("r", &text, &record, &q).unwrap();
        Party { name: name.into(), path: p.file_name().unwrap().into(), record, answers }
    };
    let ctx = Context {
        today: "2026-11-26".into(),
        decisions_dir: "decisions".into(),
        next_number: 4,
        size,
        user: "t".into(),
        sessions_dir: None,
        session_id: "s".into(),
        session_started: String::new(),
    };
    PairApp::new(q.clone(), party(&a, "Ana"), party(&b, "Bo"), ctx, Theme::monochrome())
}

fn key(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn render(app: &PairApp) -> String {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        app.view(f);
    })
    .unwrap();
    // The first frame is drawn without a diff and with the cursor hidden (tui/fresh.rs): no screen shows it.
    assert!(!t.backend().cursor_visible(), "a screen placed the terminal's cursor");
    let buf = t.backend().buffer();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>().trim_end().to_string() + "\n").collect()
}

#[test]
fn the_review_screen_and_the_merged_record() {
    for size in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = pair_app(dir.path(), size);
        assert_eq!(app.items.len(), 3);
        insta::assert_snapshot!(format!("pair_review_{}x{}", size.0, size.1), render(&app));
        // response_window: take B's 1d — the merged verdict follows.
        app.update(key(KeyCode::Char('b')));
        assert_eq!(app.verdict.class, "soft_real_time");
        // Export is refused while disagreements are open.
        app.update(key(KeyCode::Char('e')));
        assert!(app.message.as_ref().unwrap().1.contains("2 disagreement(s) still open"), "{:?}", app.message);
        // volume: type a new answer; a bad one is refused first.
        app.update(key(KeyCode::Char('t')));
        app.update(key(KeyCode::Char('x')));
        app.update(key(KeyCode::Enter));
        assert!(app.message.as_ref().unwrap().1.contains("takes a number"), "{:?}", app.message);
        app.update(key(KeyCode::Backspace));
        for c in "2500".chars() {
            app.update(key(KeyCode::Char(c)));
        }
        app.update(key(KeyCode::Enter));
        // retries: a new answer from the choices (the second: backoff).
        app.update(key(KeyCode::Right));
        app.update(key(KeyCode::Enter));
        // Back to volume for a note.
        app.update(key(KeyCode::Up));
        app.update(key(KeyCode::Char('n')));
        for c in "we measured it".chars() {
            app.update(key(KeyCode::Char(c)));
        }
        app.update(key(KeyCode::Enter));
        insta::assert_snapshot!(format!("pair_review_settled_{}x{}", size.0, size.1), render(&app));
        app.update(key(KeyCode::Char('e')));
        assert_eq!(app.screen, PairScreen::Export);
        let Some(Effect::Export { text, .. }) = app.update(key(KeyCode::Enter)) else { panic!("export") };
        let r = parse_record("merged", &text).unwrap();
        assert_eq!(r.deciders, ["Ana", "Bo"]);
        assert_eq!(r.answers["response_window"].as_str(), Some("1d"));
        assert_eq!(r.answers["retries"].as_str(), Some("backoff"));
        assert_eq!(r.discussion.len(), 3);
        let vol = r.discussion.iter().find(|d| d.question == "volume").unwrap();
        assert_eq!((vol.a.as_str(), vol.b.as_str(), vol.chosen.as_str()), ("4000 requests/s", "900 requests/s", "new"));
        assert_eq!(r.answers["volume"].as_integer(), Some(2500));
        assert_eq!(vol.note, "we measured it");
        assert_eq!((vol.a_by.as_str(), vol.b_by.as_str()), ("Ana", "Bo"));
        assert_eq!(r.links.len(), 2);
        assert_eq!(r.verdict.class, "soft_real_time");
    }
}

#[test]
fn revisions_are_kept_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let q = default_questionnaire();
    let text = BASE.to_string();
    let a = parse_answers("a", &text, &q).unwrap();
    let first = Record::new(&q, &a, Meta { title: "Card".into(), date: "2026-11-01".into(), ..Meta::default() });
    let b = parse_answers("b", &text.replace("response_window = \"2s\"", "response_window = \"1d\""), &q).unwrap();
    let second = Record::new(&q, &b, first.meta()).revising(&first, "ana", "2026-11-26");
    assert_eq!(second.revisions.len(), 1);
    assert_eq!(second.revisions[0].changed, ["response_window"]);
    let unchanged = Record::new(&q, &b, second.meta()).revising(&second, "bo", "2026-11-27");
    assert_eq!(unchanged.revisions.len(), 1, "no change, no new revision");
    fs::write(dir.path().join("r.toml"), second.to_toml()).unwrap();
    Cmd::cargo_bin("syskind")
        .unwrap()
        .args(["record", "log"])
        .arg(dir.path().join("r.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2026-11-26  ana          changed response_window; verdict hard_real_time → soft_real_time",
        ));
}

#[test]
fn reconciling_two_records_in_a_pty() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join(".git")).unwrap();
    two_records(d, B_DIFFERS);
    let cmd = format!("{} review a.toml b.toml; echo REVIEW-EXITED; sleep 30", env!("CARGO_BIN_EXE_syskind"));
    let Some(t) = Tmux::run(d, (120, 40), &[], &cmd) else { return };
    t.wait_for("Disagreements");
    t.keys(&["b", "a", "a", "e", "Enter"]);
    t.wait_for("Merged record written");
    t.keys(&["q"]);
    t.wait_for("REVIEW-EXITED");
    drop(t);
    let merged = fs::read_dir(d.join("decisions")).unwrap().next().unwrap().unwrap().path();
    let r = parse_record("m", &fs::read_to_string(&merged).unwrap()).unwrap();
    assert_eq!(r.deciders, ["Ana", "Bo"]);
    assert_eq!(r.answers["response_window"].as_str(), Some("1d"));
    assert_eq!(r.discussion.iter().map(|x| x.chosen.as_str()).collect::<Vec<_>>(), ["b", "a", "a"]);
}

#[test]
fn the_note_box_takes_text_not_control_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pair_app(dir.path(), (80, 24));
    app.update(key(KeyCode::Char('n')));
    for c in "ok".chars() {
        app.update(key(KeyCode::Char(c)));
    }
    app.update(Msg::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)));
    app.update(Msg::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT)));
    assert_eq!(app.note_input, "ok");
}
