//! Where the wizard's start goes (issue 25): steps before the first frame, timed in process, the
//! first call (cold: its code and data paged in from the binary) and the median of 50 later calls
//! (warm). `cargo run --release --example start_cost`; figures in docs/performance.md.
use std::time::Instant;

fn time<T>(what: &str, mut f: impl FnMut() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let cold = t.elapsed();
    let mut warm: Vec<f64> = (0..50)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    warm.sort_by(f64::total_cmp);
    println!("{what:<44} cold {:>7.1} µs   warm {:>7.1} µs", cold.as_secs_f64() * 1e6, warm[25]);
    out
}

fn main() {
    use clap::Parser;
    time("parse the command line (clap, no arguments)", || syskind::cli::args::Cli::parse_from(["syskind"]));
    let q = time(
        "the built-in questionnaire (baked postcard + digest)",
        syskind::core::questionnaire::default_questionnaire,
    );
    let src = syskind::core::questionnaire::DEFAULT_SOURCE;
    time("  of which: SHA-256 of its TOML", || syskind::core::digest::sha256_digest(src));
    time("theme", || syskind::tui::theme::Theme::load(None).unwrap());
    time("classify the empty answers (the first panel)", || {
        syskind::core::engine::classify(&q, &syskind::core::answers::Answers::empty(&q))
    });
}
