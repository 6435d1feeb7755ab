//! Engine tests on the built-in questionnaire.

use super::*;
use crate::core::answers::{Answers, Value};
use crate::core::questionnaire::{Questionnaire, default_questionnaire};

fn answers(q: &Questionnaire, sets: &[(&str, &str)]) -> Answers {
    let mut a = Answers::empty(q);
    for (id, text) in sets {
        let i = q.question_index(id).unwrap();
        a.values[i] = Some(Value::parse(&q.questions[i], text).unwrap());
    }
    a
}

#[test]
fn no_answers_assumes_the_most_stringent_class_with_zero_confidence() {
    let q = default_questionnaire();
    let v = classify(&q, &Answers::empty(&q));
    assert_eq!(v.class, "hard_real_time");
    assert_eq!(v.confidence, 0.0);
    assert_eq!(v.answered, 0);
    assert!(v.reasons.is_empty());
    assert_eq!(evaluate(&q, &Answers::empty(&q).values).decided, Decided::Default);
}

#[test]
fn the_verdict_is_live_from_the_first_answer() {
    let q = default_questionnaire();
    let v = classify(&q, &answers(&q, &[("caller", "schedule")]));
    assert_eq!(v.class, "offline");
    assert!(v.confidence > 0.0 && v.confidence < 0.5, "{}", v.confidence);
    assert_eq!(v.answered, 1);
    assert_eq!(v.reasons[0].id, "caller");
}

#[test]
fn a_floor_rule_overrides_scores_and_leads_the_reasons() {
    let q = default_questionnaire();
    let a = answers(
        &q,
        &[
            ("caller", "person_sync"),
            ("response_window", "2m"),
            ("arrival", "scheduled"),
            ("can_defer", "yes"),
            ("defer_limit", "days"),
            ("late_cost", "later_report"),
            ("freshness", "2w"),
            ("queueing", "stored"),
        ],
    );
    let e = evaluate(&q, &a.values);
    assert_eq!(q.classes[e.score_class].id, "offline", "scores alone say offline");
    let v = classify(&q, &a);
    assert_eq!(v.class, "hard_real_time", "a person blocked within seconds is request/reply, whatever else");
    assert_eq!(v.reasons[0].id, "person_blocked");
    assert_eq!(v.reasons[0].kind, ReasonKind::Rule);
    // The rule states the definition, so it is no conflict in itself (3.0.0); what the answers
    // really contradict is named, and the confidence is never more than even odds.
    assert!(!v.conflicts.iter().any(|c| c.id.starts_with("rule-vs-scores")), "{:?}", v.conflicts);
    assert!(v.conflicts.iter().any(|c| c.id == "sync_caller_minutes"), "{:?}", v.conflicts);
    assert!(v.conflicts.iter().any(|c| c.id == "deferred_hours_needed_now"), "{:?}", v.conflicts);
    assert_eq!(v.decided_by.as_deref(), Some("person_blocked"));
    assert!(v.confidence <= 0.5 && v.confidence > 0.0, "{}", v.confidence);
}

#[test]
fn a_ceiling_rule_caps_the_class() {
    let q = default_questionnaire();
    let a = answers(
        &q,
        &[("caller", "nobody"), ("arrival", "unpredictable"), ("late_cost", "lost_business"), ("queueing", "none")],
    );
    let e = evaluate(&q, &a.values);
    assert_eq!(q.classes[e.score_class].id, "hard_real_time");
    assert_eq!(classify(&q, &a).class, "soft_real_time");
}

#[test]
fn hidden_questions_do_not_count() {
    let q = default_questionnaire();
    let mut a = answers(&q, &[("caller", "someone_later"), ("can_defer", "no"), ("defer_limit", "days")]);
    let hidden = classify(&q, &a);
    let defer = q.question_index("defer_limit").unwrap();
    a.values[defer] = None;
    let without = classify(&q, &a);
    assert_eq!(hidden.scores, without.scores);
    assert_eq!(hidden.applicable, without.applicable);
    assert!(!hidden.reasons.iter().any(|r| r.id == "defer_limit"));
}

#[test]
fn every_suggested_change_really_changes_the_verdict() {
    let q = default_questionnaire();
    let a = answers(&q, &[("caller", "service_sync"), ("response_window", "30s"), ("arrival", "stream")]);
    let v = classify(&q, &a);
    assert!(!v.changes.is_empty());
    for c in &v.changes {
        let (id, text) = c.set.split_once('=').unwrap();
        let mut changed = a.clone();
        let i = q.question_index(id).unwrap();
        changed.values[i] = Some(Value::parse(&q.questions[i], text).unwrap());
        let after = classify_quick(&q, &changed);
        assert_eq!(after.class, c.class, "{c:?}");
        assert_ne!(after.class, v.class);
    }
    let costs: Vec<f64> = v.changes.iter().map(|c| c.cost).collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1]), "smallest first: {costs:?}");
}

#[test]
fn ties_go_to_the_more_stringent_class() {
    assert_eq!(evaluate::best(&[1.0, 1.0, 0.0]), 1);
    assert_eq!(evaluate::best(&[2.0, 1.0, 2.0]), 2);
    assert_eq!(evaluate::best(&[3.0, 1.0, 2.0]), 0);
}

/// A two-class questionnaire whose one question ties the scores, and a ceiling that then decides.
const TIE: &str = r#"
schema = 3
id = "tie"
version = "1"
title = "Tie"

[[classes]]
id = "low"
label = "Low"
description = "Low."

[[classes]]
id = "high"
label = "High"
description = "High."

[[questions]]
id = "who"
kind = "single"
prompt = "Who?"
choices = [
  { id = "both", label = "Both", weights = { low = 2, high = 2 } },
  { id = "one", label = "One", weights = { high = 1 } },
]

[[rules]]
id = "cap"
when = { question = "who", any_of = ["both"] }
effect = "ceiling"
class = "low"
reason = "Who is {who}"
"#;

#[test]
fn a_tie_is_undecided_never_ahead_by_zero_and_reasons_name_the_answer() {
    let q = crate::core::questionnaire::load("tie.toml", TIE).unwrap().0;
    let v = classify(&q, &answers(&q, &[("who", "both")]));
    assert_eq!(v.class, "low");
    let c = &v.conflicts[0];
    assert_eq!(c.id, "rule-vs-scores:cap");
    assert!(c.text.starts_with("The answers are undecided between High and Low, but rule `cap`"), "{}", c.text);
    assert!(!c.text.contains("by 0"), "{}", c.text);
    assert!(c.text.contains("Who is Both"), "the placeholder is filled: {}", c.text);
    assert!(v.reasons.iter().any(|r| r.text.starts_with("Who is Both (rule: at most Low)")), "{:?}", v.reasons);
}

#[test]
fn a_definitional_ceiling_is_never_overruled_and_is_no_conflict() {
    let text = TIE.replace("reason = \"Who is {who}\"", "reason = \"Who is {who}\"\ndefinition = \"Low is low.\"");
    let q = crate::core::questionnaire::load("tie.toml", &text).unwrap().0;
    let v = classify(&q, &answers(&q, &[("who", "both")]));
    assert_eq!((v.class.as_str(), v.decided_by.as_deref()), ("low", Some("cap")));
    assert!(v.conflicts.is_empty(), "{:?}", v.conflicts);
    assert!(v.confidence <= 0.75, "{}", v.confidence);
    assert!(v.reasons[0].text.ends_with("(by definition: at most Low)"), "{:?}", v.reasons);
    // The same ceiling without `definition` under schema 2 semantics would be a conflict (above).
    let old = text.replace("schema = 3", "schema = 2");
    let report = crate::core::questionnaire::load("tie.toml", &old).unwrap_err();
    assert!(report.diagnostics[0].message.contains("needs schema 3"), "{:?}", report.diagnostics);
}
