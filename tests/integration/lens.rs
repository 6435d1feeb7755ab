//! Issue 23: Well-Architected custom lenses, out and in. The export validates against the JSON
//! Schema written from AWS's lens format (assets/lens/custom-lens.schema.json); any lens imports and
//! runs; bad lenses get located errors; export → import keeps each carried finding's risk.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use proptest::prelude::*;
use syskind::core::answers::{Answers, Value};
use syskind::core::engine::classify;
use syskind::core::engine::evaluate::visibility;
use syskind::core::lens;
use syskind::core::questionnaire::{Kind, Questionnaire, Risk, default_questionnaire, load};

const EXAMPLE: &str = "questionnaires/examples/lenses/operational-readiness.json";

fn schema() -> jsonschema::Validator {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lens/custom-lens.schema.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn the_built_in_questionnaire_exports_to_a_lens_the_schema_accepts() {
    let v = schema();
    for q in [default_questionnaire(), syskind::store::catalogue::built_in("system-kind", "1.0.0").unwrap()] {
        let out = lens::export(&q);
        let doc = serde_json::to_value(&out.lens).unwrap();
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{} {}", q.id, q.version);
        assert!(q.version == "1.0.0" || !out.carried.is_empty(), "some finding is carried as a risk rule");
        assert!(out.not_carried.iter().any(|n| n.contains("free text")), "the export says what it left out");
        if q.version == "3.0.0" {
            // Which bands a duration becomes is said.
            assert!(
                out.not_carried.iter().any(|n| n.contains("`response_window`") && n.contains(" | ")),
                "{:?}",
                out.not_carried
            );
        }
    }
    let example: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap())
            .unwrap();
    assert_eq!(errors(&v, &example), Vec::<String>::new());
    // The schema can fail: 16 choices, a name over 128 characters, an unknown risk, a two-letter
    // choice id, risk rules without a default.
    let mut bad = example.clone();
    let choice = bad["pillars"][0]["questions"][0]["choices"][0].clone();
    bad["pillars"][0]["questions"][0]["choices"] = serde_json::Value::Array(vec![choice; 16]);
    bad["name"] = serde_json::Value::String("x".repeat(129));
    bad["pillars"][1]["questions"][0]["riskRules"][0]["risk"] = serde_json::Value::String("LOW_RISK".into());
    bad["pillars"][1]["questions"][1]["choices"][0]["id"] = serde_json::Value::String("no".into());
    let rules = bad["pillars"][0]["questions"][1]["riskRules"].as_array_mut().unwrap();
    rules.retain(|r| r["condition"] != "default");
    assert_eq!(errors(&v, &bad).len(), 5, "{:?}", errors(&v, &bad));
}

#[test]
fn export_then_import_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    Command::cargo_bin("syskind")
        .unwrap()
        .current_dir(d)
        .args(["lens", "export", "-o", "sk.json"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("Not carried, or carried approximately")
                .and(predicate::str::contains("question `interaction` takes free text")),
        );
    Command::cargo_bin("syskind")
        .unwrap()
        .current_dir(d)
        .args(["lens", "import", "sk.json", "-o", "sk.toml"])
        .assert()
        .success();
    Command::cargo_bin("syskind")
        .unwrap()
        .current_dir(d)
        .args(["questionnaire", "check", "sk.toml"])
        .assert()
        .success();
    // The lens runs directly too, and the imported file gives the same review.
    let run = |q: &str| {
        let out = Command::cargo_bin("syskind")
            .unwrap()
            .current_dir(d)
            .args(["-q", q, "classify", "--set", "retries=immediate", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (v["class"].clone(), v["findings"].as_array().unwrap().iter().map(|f| f["id"].clone()).collect::<Vec<_>>())
    };
    let direct = run("sk.json");
    assert_eq!(direct, run("sk.toml"));
    assert_eq!(direct.0, "high_risk");
    assert_eq!(direct.1, [serde_json::json!("retries__rule_1")]);
    // In words: the review and the rule that set it, not scores or weights (they only keep the
    // risk levels apart).
    Command::cargo_bin("syskind")
        .unwrap()
        .current_dir(d)
        .args(["-q", "sk.json", "classify", "--set", "retries=immediate"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Questions, as the WA Tool counts them: 1 high")
                .and(predicate::str::contains("rule [retries__rule_1]"))
                .and(predicate::str::contains("Scores:").not())
                .and(predicate::str::contains("No risk, +0.5").not()),
        );
}

/// The line mode runs a lens too (piped: it answers from a file and writes the record).
#[test]
fn the_line_mode_runs_a_lens() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE), d.join("lens.json")).unwrap();
    fs::write(
        d.join("a.toml"),
        "questionnaire = \"operational-readiness-review\"\n[answers]\nalarms = [\"host_alarms\"]\n\
         tracing = [\"traces\"]\non_call = [\"rotation\", \"runbooks\"]\ndeployments = [\"manual\"]\n",
    )
    .unwrap();
    let out = Command::cargo_bin("syskind")
        .unwrap()
        .current_dir(d)
        .args(["-q", "lens.json", "--plain", "--answers", "a.toml", "--title", "Readiness"])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("Verdict: High risk") && said.contains("1 high · 1 medium · 2 none · 0 unanswered"),
        "{said}"
    );
    let record = String::from_utf8(out.stdout).unwrap();
    assert!(record.contains("class = \"high_risk\"") && record.contains("deployments__rule_1"), "{record}");
}

#[test]
fn the_example_lens_gives_the_risk_review_the_wa_tool_would() {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap();
    let (q, _) = load("lens.toml", &lens::import(EXAMPLE, &text).unwrap()).unwrap();
    let review = |set: &[(&str, &str)]| {
        let mut a = Answers::empty(&q);
        for (id, v) in set {
            let i = q.question_index(id).unwrap();
            a.values[i] = Some(Value::parse(&q.questions[i], v).unwrap());
        }
        let v = classify(&q, &a);
        let risks: Vec<(String, Risk)> = v.findings.iter().map(|f| (f.id.clone(), f.risk)).collect();
        (v.class, risks)
    };
    // First matching rule wins: no customer alarms but host alarms → medium (not high).
    let (class, risks) = review(&[("alarms", "host_alarms"), ("tracing", "traces")]);
    assert_eq!(class, "medium_risk");
    assert_eq!(risks, [("alarms__rule_2".to_string(), Risk::Medium)]);
    // Nothing ticked: no weight breaks the tie, yet the high-risk rule leaves nothing undecided.
    let mut a = Answers::empty(&q);
    let i = q.question_index("alarms").unwrap();
    a.values[i] = Some(Value::Choices(0));
    let v = classify(&q, &a);
    assert_eq!((v.class.as_str(), v.undecided.len()), ("high_risk", 0), "{:?}", v.undecided);
    // `default` after a NO_RISK rule: no tracing choice at all → high.
    let (class, risks) = review(&[("tracing", "none_of_these")]);
    assert_eq!((class.as_str(), risks.len()), ("high_risk", 1));
    // Unanswered questions have no risk (the WA Tool says "unanswered"), and a clean review is none.
    let (class, risks) = review(&[
        ("alarms", "customer_alarms"),
        ("tracing", "traces"),
        ("on_call", "rotation,runbooks"),
        ("deployments", "automated,canary"),
    ]);
    assert_eq!((class.as_str(), risks.len()), ("no_risk", 0));
    // A review's confidence is how much of it is answered: its rules define the risk, nothing is weighed.
    let mut a = Answers::empty(&q);
    let i = q.question_index("alarms").unwrap();
    a.values[i] = Some(Value::parse(&q.questions[i], "customer_alarms").unwrap());
    assert_eq!(classify(&q, &a).confidence, 0.25);
    // The WA Tool's counts per question: high, medium, none, unanswered.
    let mut a = Answers::empty(&q);
    for (id, v) in [("alarms", "host_alarms"), ("deployments", "manual"), ("tracing", "traces")] {
        let i = q.question_index(id).unwrap();
        a.values[i] = Some(Value::parse(&q.questions[i], v).unwrap());
    }
    let c = lens::question_counts(&q, &classify(&q, &a)).unwrap();
    assert_eq!((c.high, c.medium, c.none, c.unanswered), (1, 1, 1, 1));
    assert!(
        lens::question_counts(
            &default_questionnaire(),
            &classify(&default_questionnaire(), &Answers::empty(&default_questionnaire()))
        )
        .is_none()
    );
}

#[test]
fn bad_lenses_get_located_errors_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let example = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap();
    let broken = example.replacen("\"name\": \"Operational readiness review\",", "\"name\": \"Operational\"\n,,", 1);
    fs::write(d.join("broken.json"), broken).unwrap();
    let unknown = example.replacen("\"condition\": \"manual\"", "\"condition\": \"manul || canary\"", 1);
    fs::write(d.join("unknown.json"), unknown).unwrap();
    let bad_expr = example.replacen("\"condition\": \"traces\"", "\"condition\": \"traces &&\"", 1);
    fs::write(d.join("expr.json"), bad_expr).unwrap();
    for (file, line, says) in [
        ("broken.json", "broken.json:4:2", "key must be a string"),
        ("unknown.json", "unknown.json:1", "names `manul`, which is not one of its choices"),
        ("expr.json", "expr.json:", "does not parse"),
    ] {
        Command::cargo_bin("syskind")
            .unwrap()
            .current_dir(d)
            .env("NO_COLOR", "1")
            .args(["lens", "import", file, "-o", "out.toml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(line).and(predicate::str::contains(says)));
        assert!(!d.join("out.toml").exists(), "{file}: nothing written");
        // The same errors when the lens is run directly.
        Command::cargo_bin("syskind")
            .unwrap()
            .current_dir(d)
            .env("NO_COLOR", "1")
            .args(["-q", file, "classify"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
}

/// The questionnaire's answer as the lens's choices: a single choice, yes or no.
fn lens_answer(question: &syskind::core::questionnaire::Question, v: &Value) -> String {
    let ids = lens::choice_ids(question);
    match v {
        Value::Choice(i) => ids[*i].clone(),
        Value::Bool(b) => ids[usize::from(!*b)].clone(),
        Value::Choices(m) => syskind::core::answers::chosen(*m, question.choices.len())
            .map(|i| ids[i].clone())
            .collect::<Vec<_>>()
            .join(","),
        _ => unreachable!("only choice-typed questions are generated"),
    }
}

fn highest(risks: impl Iterator<Item = Risk>) -> Option<Risk> {
    risks.max()
}

/// The built-in questionnaire, the lens it exports to imported back, and the carried findings
/// (finding id, question id).
type RoundTrip = (Questionnaire, Questionnaire, Vec<(String, String)>);

/// The round trip, made once for all cases.
fn imported() -> &'static RoundTrip {
    static BOTH: std::sync::OnceLock<RoundTrip> = std::sync::OnceLock::new();
    BOTH.get_or_init(make_imported)
}

fn make_imported() -> RoundTrip {
    let q = default_questionnaire();
    let out = lens::export(&q);
    let json = serde_json::to_string(&out.lens).unwrap();
    let (lq, _) = load("lens.toml", &lens::import("sk.json", &json).unwrap()).unwrap();
    (q, lq, out.carried)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]
    /// Round trip on the choice-typed questions: for every question a carried finding reads, the
    /// highest risk the questionnaire's carried findings give equals the risk the imported lens gives.
    #[test]
    fn export_then_import_keeps_every_carried_findings_risk(picks in proptest::collection::vec(any::<u64>(), 64)) {
        let (q, lq, carried) = imported();
        let mut a = Answers::empty(q);
        for (i, question) in q.questions.iter().enumerate() {
            let r = picks[i % picks.len()];
            a.values[i] = match question.kind {
                Kind::Single if r % 5 > 0 => Some(Value::Choice(r as usize % question.choices.len())),
                Kind::YesNo if r % 5 > 0 => Some(Value::Bool(r % 2 == 0)),
                _ => None,
            };
        }
        let visible = visibility(q, &a.values);
        let mut la = Answers::empty(lq);
        for (i, question) in q.questions.iter().enumerate() {
            if let (Some(v), true) = (&a.values[i], visible[i])
                && let Some(li) = lq.question_index(&question.id)
            {
                la.values[li] = Some(Value::parse(&lq.questions[li], &lens_answer(question, v)).unwrap());
            }
        }
        let original = classify(q, &a);
        let back = classify(lq, &la);
        for qid in carried.iter().map(|c| &c.1) {
            let mine = highest(original.findings.iter().filter(|f| carried.iter().any(|c| c.0 == f.id && &c.1 == qid)).map(|f| f.risk));
            let theirs = highest(back.findings.iter().filter(|f| f.id.starts_with(&format!("{qid}__rule_"))).map(|f| f.risk));
            prop_assert_eq!(mine, theirs, "question {}", qid);
        }
    }
}

/// The example lens imported, and the same questionnaire with no finding tied to a rule (every
/// finding evaluated on its own), made once.
fn example_both() -> &'static (Questionnaire, Questionnaire) {
    static BOTH: std::sync::OnceLock<(Questionnaire, Questionnaire)> = std::sync::OnceLock::new();
    BOTH.get_or_init(|| {
        let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap();
        let (q, _) = load("lens.toml", &lens::import("lens.json", &text).unwrap()).unwrap();
        let mut plain = q.clone();
        plain.index.finding_rule.clear();
        (q, plain)
    })
}

#[test]
fn every_risk_finding_of_an_imported_lens_shares_its_floors_evaluation() {
    let (q, _) = example_both();
    let risky = q.findings.len();
    assert!(risky > 0);
    let tied = q.index.finding_rule.iter().flatten().count();
    assert_eq!(tied, risky, "each finding has a floor with the same condition");
    for (f, r) in q.index.finding_rule.iter().enumerate() {
        assert_eq!(q.rules[r.unwrap()].when, q.findings[f].when);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    /// A finding tied to a rule holds exactly when it would on its own; a live view describes the
    /// answers behind the first findings only, and finds the same ones.
    #[test]
    fn shared_evaluation_and_live_views_find_what_a_full_classify_finds(picks in proptest::collection::vec(any::<u64>(), 16)) {
        let (q, plain) = example_both();
        let mut a = Answers::empty(q);
        for (i, question) in q.questions.iter().enumerate() {
            let r = picks[i % picks.len()];
            if r % 4 > 0 {
                a.values[i] = Some(Value::Choices((r >> 2) & ((1 << question.choices.len()) - 1)));
            }
        }
        let full = classify(q, &a);
        prop_assert_eq!(&full.findings, &classify(plain, &a).findings);
        let live = syskind::core::engine::classify_live(q, &a, false, 1);
        let ids = |v: &syskind::core::engine::Verdict| v.findings.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
        prop_assert_eq!(ids(&full), ids(&live));
        for (k, f) in live.findings.iter().enumerate() {
            prop_assert_eq!(f.answers.is_empty(), k >= 1);
        }
    }
}

#[test]
fn additional_resources_join_the_choices_help_and_the_improvement_plans() {
    let (q, _) = example_both();
    let alarms = &q.questions[q.question_index("alarms").unwrap()];
    let help = &alarms.choices[0].help;
    assert!(help.starts_with("Alarm on what the customer sees"), "{help}");
    assert!(
        help.contains(
            "Also: Instrumenting distributed systems for operational visibility (https://aws.amazon.com/builders-library/"
        ),
        "{help}"
    );
    let finding = q.findings.iter().find(|f| f.id == "alarms__rule_1").unwrap();
    assert!(finding.text.contains("the slowest requests are the ones customers notice"), "{}", finding.text);
}
