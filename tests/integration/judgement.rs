//! The evaluation set: labelled workloads in `tests/judgement/`, each an architect's paragraph, the
//! answers they would give, the class REL04-BP01 (or `../shared/domain.md`) says it is, and why.
//! Borderline ones say how low the confidence must be; contradictory ones that conflicts are named.

use serde::Deserialize;
use syskind::core::answers_file::parse_answers;
use syskind::core::engine::classify;
use syskind::core::questionnaire::default_questionnaire;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    paragraph: String,
    expect: String,
    why: String,
    /// The confidence must be at least this (clear cases).
    min_confidence: Option<f64>,
    /// The confidence must be at most this (borderline or contradictory cases).
    max_confidence: Option<f64>,
    /// Whether the verdict must name conflicts (`true`) or must have none (`false`).
    conflicts: Option<bool>,
    /// Whether the verdict must be a tie ("undecided").
    undecided: Option<bool>,
    answers: toml::Table,
}

#[test]
fn every_labelled_workload_gets_its_class() {
    let q = default_questionnaire();
    let mut files: Vec<_> = std::fs::read_dir("tests/judgement")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "the evaluation set holds {} workloads", files.len());
    let mut failures = Vec::new();
    let (mut borderline, mut classes) = (0, std::collections::BTreeSet::new());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let case: Case =
            toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!case.paragraph.trim().is_empty() && !case.why.trim().is_empty(), "{name}: paragraph and why");
        let text = format!("questionnaire = \"system-kind\"\n[answers]\n{}", toml::to_string(&case.answers).unwrap());
        let answers = parse_answers(&name, &text, &q).unwrap_or_else(|r| panic!("{}", r.short()));
        let v = classify(&q, &answers);
        classes.insert(case.expect.clone());
        let mut wrong = Vec::new();
        if v.class != case.expect {
            wrong.push(format!("class {} (expected {})", v.class, case.expect));
        }
        if let Some(min) = case.min_confidence
            && v.confidence < min
        {
            wrong.push(format!("confidence {:.2} < {min}", v.confidence));
        }
        if let Some(max) = case.max_confidence {
            borderline += 1;
            if v.confidence > max {
                wrong.push(format!("confidence {:.2} > {max}", v.confidence));
            }
        }
        if let Some(want) = case.conflicts
            && want == v.conflicts.is_empty()
        {
            wrong.push(format!(
                "conflicts {:?} (expected {})",
                v.conflicts.iter().map(|c| &c.id).collect::<Vec<_>>(),
                if want { "some" } else { "none" }
            ));
        }
        if let Some(want) = case.undecided
            && want == v.undecided.is_empty()
        {
            wrong.push(format!("undecided {:?}", v.undecided));
        }
        if !wrong.is_empty() {
            failures.push(format!("{name}: {} — {}", wrong.join("; "), case.why.trim()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} workloads judged wrongly:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    assert!(borderline >= 5, "borderline cases where low confidence is right: {borderline}");
    assert_eq!(classes.len(), 3, "every class is represented");
}
