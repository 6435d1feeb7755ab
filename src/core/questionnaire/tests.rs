//! Validation tests: each diagnostic is checked by its message and its line and column.

use super::load;
use crate::core::diagnostics::{Position, Severity};

/// A small valid questionnaire; tests break one thing in it at a time.
const BASE: &str = r#"schema = 1
id = "mini"
version = "1"
title = "Mini"

[[classes]]
id = "slow"
label = "Slow"
description = "Slow."

[[classes]]
id = "fast"
label = "Fast"
description = "Fast."

[[questions]]
id = "wait"
kind = "duration"
prompt = "How long?"

[[questions.bands]]
up_to = "10s"
weights = { fast = 2 }

[[questions.bands]]
weights = { slow = 2 }

[[questions]]
id = "who"
kind = "single"
prompt = "Who waits?"

[[questions.choices]]
id = "person"
label = "A person"
weights = { fast = 1 }

[[questions.choices]]
id = "nobody"
label = "Nobody"
weights = { slow = 1 }

[[rules]]
id = "person_fast"
when = { all = [{ question = "who", any_of = ["person"] }, { question = "wait", at_most = "10s" }] }
effect = "floor"
class = "fast"
reason = "A person waits seconds."
"#;

/// Loads `text` and returns the first finding's message and position.
fn first_error(text: &str) -> (String, Position) {
    let report = load("t.toml", text).expect_err("should not load");
    let d = &report.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert!(d.help.is_some(), "every error says how to fix it: {}", d.message);
    (d.message.clone(), report.position_of(d).expect("has a position"))
}

fn at(line: usize, column: usize) -> Position {
    Position { line, column }
}

#[test]
fn base_loads_without_findings() {
    let (q, report) = load("t.toml", BASE).unwrap();
    assert!(report.diagnostics.is_empty(), "{}", report.short());
    assert_eq!(q.questions.len(), 2);
    assert!(q.digest.starts_with("sha256:"));
}

#[test]
fn the_default_questionnaire_is_clean() {
    let (q, report) = load(super::DEFAULT_NAME, super::DEFAULT_SOURCE).unwrap();
    assert!(report.diagnostics.is_empty(), "{}", report.short());
    assert!((12..=20).contains(&q.questions.len()), "{} questions", q.questions.len());
    let ids: Vec<&str> = q.classes.iter().map(|c| c.id.as_ref()).collect();
    assert_eq!(ids, ["offline", "soft_real_time", "hard_real_time"]);
}

#[test]
fn toml_syntax_error() {
    let (msg, pos) = first_error(&BASE.replace("title = \"Mini\"", "title = Mini"));
    assert!(msg.contains("string") || msg.contains("invalid"), "{msg}");
    assert_eq!(pos.line, 4);
}

#[test]
fn unknown_key() {
    let (msg, pos) = first_error(&BASE.replace("prompt = \"Who waits?\"", "promt = \"Who waits?\""));
    assert!(msg.contains("unknown field `promt`"), "{msg}");
    assert_eq!(pos, at(31, 1));
}

#[test]
fn missing_field() {
    let (msg, pos) = first_error(&BASE.replace("prompt = \"How long?\"\n", ""));
    assert!(msg.contains("missing field `prompt`"), "{msg}");
    assert_eq!(pos.line, 16);
}

#[test]
fn duplicate_question_id() {
    let (msg, pos) = first_error(&BASE.replace("id = \"who\"", "id = \"wait\""));
    assert_eq!(msg, "duplicate question id `wait`");
    assert_eq!(pos, at(29, 6));
}

#[test]
fn duplicate_choice_id() {
    let (msg, pos) = first_error(&BASE.replace("id = \"nobody\"", "id = \"person\""));
    assert_eq!(msg, "duplicate choice id `person`");
    assert_eq!(pos, at(39, 6));
}

#[test]
fn weights_name_an_unknown_class() {
    let report = load("t.toml", &BASE.replace("weights = { fast = 1 }", "weights = { fats = 1 }")).unwrap_err();
    let d = &report.diagnostics[0];
    assert_eq!(d.message, "weights name unknown class `fats`");
    assert!(d.help.as_deref().unwrap().contains("did you mean `fast`?"));
    assert_eq!(report.position_of(d).unwrap(), at(36, 11));
}

#[test]
fn rule_names_an_unknown_class() {
    let (msg, pos) = first_error(&BASE.replace("class = \"fast\"", "class = \"quick\""));
    assert_eq!(msg, "unknown class `quick`");
    assert_eq!(pos, at(47, 9));
}

#[test]
fn rule_names_an_unknown_question() {
    let (msg, pos) = first_error(&BASE.replace("{ question = \"who\"", "{ question = \"whom\""));
    assert_eq!(msg, "condition names unknown question `whom`");
    assert_eq!(pos, at(45, 30));
}

#[test]
fn rule_names_an_unknown_choice() {
    let (msg, pos) = first_error(&BASE.replace("any_of = [\"person\"]", "any_of = [\"persn\"]"));
    assert_eq!(msg, "unknown choice `persn` for question `who`");
    assert_eq!(pos, at(45, 47));
}

#[test]
fn show_if_refers_forward() {
    let text = BASE.replace(
        "prompt = \"How long?\"",
        "prompt = \"How long?\"\nshow_if = { question = \"who\", any_of = [\"person\"] }",
    );
    let (msg, pos) = first_error(&text);
    assert!(msg.starts_with("`show_if` refers forward"), "{msg}");
    assert_eq!(pos, at(20, 24));
}

#[test]
fn show_if_cycle() {
    let text = BASE.replace(
        "prompt = \"Who waits?\"",
        "prompt = \"Who waits?\"\nshow_if = { question = \"who\", any_of = [\"person\"] }",
    );
    let (msg, _) = first_error(&text);
    assert!(msg.contains("cycle"), "{msg}");
}

#[test]
fn empty_choice_list() {
    let text = BASE.replace("prompt = \"Who waits?\"", "prompt = \"Who waits?\"\nchoices = []");
    // The [[questions.choices]] tables below would then extend an inline array, so cut them.
    let text = text.split("\n[[questions.choices]]").next().unwrap().to_string();
    let (msg, pos) = first_error(&text);
    assert!(msg.contains("empty choice list"), "{msg}");
    assert_eq!(pos, at(32, 11));
}

#[test]
fn unparseable_duration() {
    let (msg, pos) = first_error(&BASE.replace("up_to = \"10s\"", "up_to = \"10 parsecs\""));
    assert!(msg.starts_with("unparseable duration"), "{msg}");
    assert!(msg.contains("parsecs"), "{msg}");
    assert_eq!(pos, at(22, 9));
}

#[test]
fn unparseable_duration_in_a_rule() {
    let (msg, pos) = first_error(&BASE.replace("at_most = \"10s\"", "at_most = \"soon\""));
    assert!(msg.starts_with("unparseable duration"), "{msg}");
    assert_eq!(pos, at(45, 91));
}

#[test]
fn inert_question_is_a_warning() {
    let text = format!(
        "{}\n[[questions]]\nid = \"colour\"\nkind = \"yes_no\"\nprompt = \"Blue?\"\n",
        BASE.split("\n[[rules]]").next().unwrap()
    );
    let (_, report) = load("t.toml", &text).expect("warnings do not stop loading");
    let d = report.diagnostics.iter().find(|d| d.message.contains("colour")).expect("warned");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.message, "question `colour` can never affect the verdict");
    assert_eq!(report.position_of(d).unwrap(), at(44, 6));
}

#[test]
fn newer_schema_is_refused() {
    let (msg, pos) = first_error(&BASE.replace("schema = 1", "schema = 4"));
    assert_eq!(msg, "schema version 4 is not supported");
    assert_eq!(pos, at(1, 10));
}

#[test]
fn bands_must_ascend() {
    let text = BASE.replace(
        "[[questions.bands]]\nweights = { slow = 2 }",
        "[[questions.bands]]\nup_to = \"5s\"\nweights = { slow = 2 }",
    );
    let (msg, _) = first_error(&text);
    assert!(msg.contains("ascending"), "{msg}");
}

#[test]
fn condition_shape_is_checked() {
    let (msg, _) = first_error(&BASE.replace(
        "{ question = \"who\", any_of = [\"person\"] }",
        "{ question = \"who\", any_of = [\"person\"], is = true }",
    ));
    assert!(msg.contains("exactly one test"), "{msg}");
}

#[test]
fn condition_test_must_fit_the_question_kind() {
    let (msg, _) = first_error(&BASE.replace("at_most = \"10s\"", "is = true"));
    assert!(msg.contains("`is` tests a yes/no question"), "{msg}");
}
