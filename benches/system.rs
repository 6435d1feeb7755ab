//! Benchmarks of systems of parts: 200 parts and 1,000 calls, checked (budget < 50 ms), and the
//! whole load (parse, classify every part, check the calls). Figures: docs/performance.md.

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;
use syskind::core::questionnaire::default_questionnaire;
use syskind::core::system::{self, parse_system, resolve};

const ANSWERS: [&str; 4] = [
    "caller = \"person_sync\"\nresponse_window = \"1s\"\narrival = \"unpredictable\"\nfan_out = 3\ndegradation = false\n",
    "caller = \"someone_later\"\nresponse_window = \"5m\"\narrival = \"stream\"\nqueueing = \"accept_enqueue\"\n",
    "caller = \"schedule\"\nresponse_window = \"1d\"\narrival = \"scheduled\"\n",
    "caller = \"service_sync\"\nresponse_window = \"2s\"\nlate_cost = \"lost_business\"\n",
];

/// A system file of `parts` parts (four kinds of answers in turn) and `calls` distinct calls.
fn generated(parts: usize, calls: usize) -> String {
    let mut s = String::from("[system]\nid = \"big\"\ntitle = \"Big\"\n");
    for i in 0..parts {
        let _ = write!(s, "\n[[part]]\nid = \"p{i}\"\ntitle = \"Part {i}\"\n\n[part.answers]\n{}", ANSWERS[i % 4]);
    }
    let mut seed = 12345u64;
    let mut seen = std::collections::HashSet::new();
    while seen.len() < calls {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let (a, b) = ((seed >> 33) as usize % parts, (seed >> 13) as usize % parts);
        if a == b || !seen.insert((a, b)) {
            continue;
        }
        let mode = ["sync", "async", "schedule"][(seed >> 50) as usize % 3];
        let _ = write!(s, "\n[[call]]\nfrom = \"p{a}\"\nto = \"p{b}\"\nmode = \"{mode}\"\n");
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = generated(200, 1000);
    let q = default_questionnaire();
    let read = |_: &str| Err(syskind::core::system::load::Unavailable("no records".to_string()));
    let choose = |_: Option<&str>, _: Option<&syskind::core::record::QuestionnaireRef>| Ok(q.clone());
    let sys = resolve("big.toml", &text, parse_system("big.toml", &text).unwrap(), &read, &choose).unwrap();
    assert_eq!((sys.parts.len(), sys.calls.len()), (200, 1000));
    assert!(!system::check(&sys).is_empty());
    let mut g = c.benchmark_group("system");
    g.bench_function("check 200 parts, 1,000 calls", |b| b.iter(|| system::check(black_box(&sys))));
    g.bench_function("load 200 parts, 1,000 calls (parse, classify every part, check)", |b| {
        b.iter(|| {
            let raw = parse_system("big.toml", black_box(&text)).unwrap();
            let s = resolve("big.toml", &text, raw, &read, &choose).unwrap();
            system::check(&s)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
