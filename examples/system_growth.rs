//! Grows a system 10x at a time — 200 parts / 1,000 calls, 2,000 / 10,000, 20,000 / 100,000 — and
//! prints the time to load (parse, classify every part) and check it, and the ratio to the size
//! before: linear growth shows as ×10 (issue 25). Peak memory per size: run one size at a time under
//! `/usr/bin/time -v` (`cargo run --release --example system_growth -- 20000`).
//!
//! `cargo run --release --example system_growth`

use std::fmt::Write;
use std::time::Instant;

use syskind::core::questionnaire::default_questionnaire;
use syskind::core::system::{self, parse_system, resolve};

/// `parts` parts (request/reply, a queue consumer and a batch in turn), each calling the next five
/// parts (sync, async and scheduled calls mixed): `5 × parts` calls, no two alike.
fn system_text(parts: usize) -> String {
    let kinds = [
        "caller = \"person_sync\"\nresponse_window = \"1s\"\narrival = \"unpredictable\"\n",
        "caller = \"someone_later\"\nresponse_window = \"5m\"\narrival = \"stream\"\n",
        "caller = \"schedule\"\nresponse_window = \"1d\"\narrival = \"scheduled\"\n",
    ];
    let mut s = String::with_capacity(parts * 400);
    s.push_str("[system]\nid = \"grown\"\ntitle = \"Grown\"\n");
    for i in 0..parts {
        let _ = write!(s, "\n[[part]]\nid = \"p{i}\"\ntitle = \"P{i}\"\n[part.answers]\n{}", kinds[i % 3]);
    }
    for i in 0..parts {
        for k in 1..=5 {
            let mode = ["sync", "async", "schedule"][(i + k) % 3];
            let _ = write!(s, "\n[[call]]\nfrom = \"p{i}\"\nto = \"p{}\"\nmode = \"{mode}\"\n", (i + k) % parts);
        }
    }
    s
}

fn main() {
    let only: Option<usize> = std::env::args().nth(1).and_then(|a| a.parse().ok());
    let sizes: Vec<usize> = only.map_or(vec![200, 2_000, 20_000], |n| vec![n]);
    let q = default_questionnaire();
    let read = |_: &str| Err(system::load::Unavailable("no records".into()));
    let choose = |_: Option<&str>, _: Option<&syskind::core::record::QuestionnaireRef>| Ok(q.clone());
    let mut before: Option<f64> = None;
    println!("{:>8} {:>9} {:>10} {:>11} {:>8}", "parts", "calls", "file", "load+check", "ratio");
    for parts in sizes {
        let text = system_text(parts);
        let mut best = f64::MAX;
        let mut findings = 0;
        let mut phases = (0.0, 0.0, 0.0);
        for _ in 0..3 {
            let start = Instant::now();
            let raw = parse_system("grown.toml", &text);
            let parsed = start.elapsed().as_secs_f64();
            let raw = match raw {
                Ok(raw) => raw,
                Err(report) => {
                    let why = report.short();
                    println!(
                        "{parts:>8} {:>9} {:>8.1}MB   refused: {}",
                        parts * 5,
                        text.len() as f64 / 1e6,
                        why.lines().next().unwrap_or("")
                    );
                    return;
                }
            };
            let s = resolve("grown.toml", &text, raw, &read, &choose).expect("resolves");
            let resolved = start.elapsed().as_secs_f64();
            findings = system::check(&s).len();
            let total = start.elapsed().as_secs_f64();
            if total < best {
                best = total;
                phases = (parsed, resolved - parsed, total - resolved);
            }
        }
        let ratio = before.map_or("—".to_string(), |b| format!("×{:.1}", best / b));
        println!(
            "{parts:>8} {:>9} {:>8.1}MB {:>9.3} s {ratio:>8}   ({findings} findings; parse {:.3} s, resolve {:.3} s, check {:.3} s)",
            parts * 5,
            text.len() as f64 / 1e6,
            best,
            phases.0,
            phases.1,
            phases.2
        );
        before = Some(best);
    }
}
