//! Benchmarks of lenses (issue 23): importing a 200-question lens (JSON → checked questionnaire,
//! budget ≤ 20 ms) and classifying it (its risk review, budget ≤ 50 µs). Figures: docs/performance.md.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use syskind::core::answers::{Answers, Value};
use syskind::core::engine::{classify, classify_live, classify_quick};
use syskind::core::lens;
use syskind::core::questionnaire::load;

/// A lens of 10 pillars × 20 questions, 6 choices and 3 risk rules each (the WA Tool's largest shape).
fn big_lens() -> String {
    let pillars: Vec<serde_json::Value> = (0..10)
        .map(|p| {
            let questions: Vec<serde_json::Value> = (0..20)
                .map(|q| {
                    let choices: Vec<serde_json::Value> = (0..6)
                        .map(|c| {
                            serde_json::json!({
                                "id": format!("c{c}"),
                                "title": format!("Practice {c} of question {q}"),
                                "helpfulResource": { "displayText": "Why it matters.", "url": "https://docs.aws.amazon.com/wellarchitected/" },
                                "improvementPlan": { "displayText": format!("Adopt practice {c}.") }
                            })
                        })
                        .collect();
                    serde_json::json!({
                        "id": format!("p{p}_q{q}"),
                        "title": format!("Question {q} of pillar {p}?"),
                        "description": "What the question checks.",
                        "choices": choices,
                        "riskRules": [
                            { "condition": "!c0 && !c1", "risk": "HIGH_RISK" },
                            { "condition": "(c2 || c3) && !c4", "risk": "MEDIUM_RISK" },
                            { "condition": "default", "risk": "NO_RISK" }
                        ]
                    })
                })
                .collect();
            serde_json::json!({ "id": format!("p{p}"), "name": format!("Pillar {p}"), "questions": questions })
        })
        .collect();
    serde_json::json!({ "schemaVersion": "2021-11-01", "name": "Big lens", "description": "200 questions.", "pillars": pillars })
        .to_string()
}

fn bench_lens(c: &mut Criterion) {
    let text = big_lens();
    c.bench_function("lens/import 200 questions (JSON → checked questionnaire)", |b| {
        b.iter(|| {
            let toml = lens::import("big.json", black_box(&text)).unwrap();
            load("big.toml", &toml).unwrap()
        })
    });
    c.bench_function("lens/import 200 questions, JSON → TOML only", |b| {
        b.iter(|| lens::import("big.json", black_box(&text)).unwrap())
    });
    let (q, _) = load("big.toml", &lens::import("big.json", &text).unwrap()).unwrap();
    assert_eq!(q.questions.len(), 200);
    let mut a = Answers::empty(&q);
    for (i, v) in a.values.iter_mut().enumerate() {
        *v = Some(Value::Choices(1 << (i % 6)));
    }
    assert!(!classify(&q, &a).findings.is_empty());
    c.bench_function("lens/classify 200 questions (risk review + what would change it)", |b| {
        b.iter(|| classify(black_box(&q), black_box(&a)))
    });
    c.bench_function("lens/classify 200 questions as the panel asks (12 reasons, what-if put off)", |b| {
        b.iter(|| classify_live(black_box(&q), black_box(&a), false, 12))
    });
    // A more usual review: most practices in place (c0 and c1 chosen), one question in ten at risk.
    let mut usual = Answers::empty(&q);
    for (i, v) in usual.values.iter_mut().enumerate() {
        *v = Some(Value::Choices(if i % 10 == 0 { 1 << 3 } else { 0b11 }));
    }
    let risky = classify(&q, &usual).findings.len();
    assert_eq!(risky, 20);
    c.bench_function("lens/classify 200 questions as the panel asks, one question in ten at risk", |b| {
        b.iter(|| classify_live(black_box(&q), black_box(&usual), false, 12))
    });
    c.bench_function("lens/classify 200 questions quick (risk review; what-if put off, as the wizard does)", |b| {
        b.iter(|| classify_quick(black_box(&q), black_box(&a)))
    });
}

criterion_group!(benches, bench_lens);
criterion_main!(benches);
