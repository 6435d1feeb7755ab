//! Benchmarks of the core: classify (default and a generated 500-question questionnaire) and
//! `record check` work over 10,000 records, and ADR rendering. Figures and budgets: docs/performance.md.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use syskind::core::answers::{Answers, Value};
use syskind::core::answers_file::parse_answers;
use syskind::core::engine::{classify, classify_quick, classify_with};
use syskind::core::questionnaire::generate::generated_questionnaire;
use syskind::core::questionnaire::{Kind, default_questionnaire, load};
use syskind::core::record::{Meta, Record, check_record, parse_record, record_answers};

fn bench_classify(c: &mut Criterion) {
    let q = default_questionnaire();
    let text = std::fs::read_to_string("questionnaires/examples/card-authorisation.toml").unwrap();
    let a = parse_answers("card.toml", &text, &q).unwrap();
    c.bench_function("classify/default (verdict + what-would-change)", |b| {
        b.iter(|| classify(black_box(&q), black_box(&a)))
    });
    c.bench_function("classify/default quick (no what-would-change)", |b| {
        b.iter(|| classify_quick(black_box(&q), black_box(&a)))
    });
    // The honest path at its busiest: rules overruled, conflicts named, four findings raised.
    let conflicted = parse_answers(
        "conflicted.toml",
        "questionnaire = \"system-kind\"\n[answers]\ncaller = \"schedule\"\nresponse_window = \"500ms\"\n\
         arrival = \"scheduled\"\ncan_defer = false\nlate_cost = \"lost_business\"\nfreshness = \"1s\"\n\
         fan_out = 6\ndependency_timeouts = \"none\"\nqueueing = \"none\"\nmutates_state = true\n\
         idempotency = \"unsafe\"\nretries = \"immediate\"\ndegradation = false\n",
        &q,
    )
    .unwrap();
    assert!(!classify(&q, &conflicted).findings.is_empty());
    c.bench_function("classify/default with conflicts and findings (verdict + what-would-change)", |b| {
        b.iter(|| classify(black_box(&q), black_box(&conflicted)))
    });

    let (big, _) = load("gen.toml", &generated_questionnaire(500)).unwrap();
    let mut ba = Answers::empty(&big);
    for (i, question) in big.questions.iter().enumerate() {
        ba.values[i] = Some(match question.kind {
            Kind::Single => Value::Choice(i % 4),
            Kind::Multiple => Value::Choices(0b101),
            Kind::YesNo => Value::Bool(i % 3 == 0),
            _ => Value::Duration(syskind::core::duration::Duration(500 + i as u64 * 1000)),
        });
    }
    c.bench_function("classify/generated-500 (verdict + what-would-change)", |b| {
        b.iter(|| classify(black_box(&big), black_box(&ba)))
    });
    c.bench_function("classify/generated-500 quick", |b| b.iter(|| classify_quick(black_box(&big), black_box(&ba))));
    // What the wizard's panel asks for on every chosen answer: a dozen reasons with text.
    c.bench_function("classify/generated-500 as the panel asks (12 reasons, what-would-change)", |b| {
        b.iter(|| classify_with(black_box(&big), black_box(&ba), true, 12))
    });
}

fn bench_record_check(c: &mut Criterion) {
    let q = default_questionnaire();
    let text = std::fs::read_to_string("questionnaires/examples/checkout-page.toml").unwrap();
    let a = parse_answers("checkout.toml", &text, &q).unwrap();
    let records: Vec<String> = (0..10_000)
        .map(|i| {
            Record::new(&q, &a, Meta { title: format!("Decision {i}"), date: "2026-11-26".into(), ..Meta::default() })
                .to_toml()
        })
        .collect();
    let mut group = c.benchmark_group("record");
    group.sample_size(10);
    group.bench_function("check 10,000 records (parse + re-derive)", |b| {
        b.iter(|| {
            for text in &records {
                let r = parse_record("r.toml", text).unwrap();
                let answers = record_answers("r.toml", text, &r, &q).unwrap();
                assert!(check_record(&r, &answers, &q).problems.is_empty());
            }
        })
    });
    group.finish();
}

fn bench_adr_render(c: &mut Criterion) {
    use syskind::core::adr::{Format, Placement, render};
    let q = default_questionnaire();
    let text = std::fs::read_to_string("questionnaires/examples/card-authorisation.toml").unwrap();
    let a = parse_answers("card.toml", &text, &q).unwrap();
    let r = Record::new(&q, &a, Meta { title: "Card".into(), date: "2026-11-26".into(), ..Meta::default() });
    let place = Placement {
        number: 12,
        record_path: "decisions/card.toml".into(),
        record_link: "../../decisions/card.toml".into(),
        links: vec![],
    };
    for (name, f) in [("nygard", Format::Nygard), ("madr", Format::Madr)] {
        c.bench_function(&format!("adr/render {name}"), |b| {
            b.iter(|| render(black_box(&r), &q, &place, f.template()).unwrap())
        });
    }
}

criterion_group!(benches, bench_classify, bench_record_check, bench_adr_render);
criterion_main!(benches);
