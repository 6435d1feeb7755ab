//! The figures behind "honest verdicts": overrides, conflicts, design answers and window cliffs, for
//! the built-in questionnaire 2.0.0 and, for comparison, 1.0.0. Deterministic (a fixed-seed generator).
//!
//! `cargo run --release --example engine_audit`

use syskind::core::answers::{Answers, Value};
use syskind::core::duration::Duration;
use syskind::core::engine::whatif::alternatives;
use syskind::core::engine::{classify_quick, evaluate};
use syskind::core::questionnaire::{Questionnaire, V1_SOURCE, default_questionnaire, is_scored, load};

/// A small fixed-seed generator, so every run prints the same figures.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Every value worth trying for each question, plus "unanswered".
fn options(q: &Questionnaire, i: usize) -> Vec<Option<Value>> {
    let mut out = vec![None];
    out.extend(alternatives(&q.questions[i], None).into_iter().map(Some));
    out
}

fn random(q: &Questionnaire, rng: &mut Lcg) -> Answers {
    let mut a = Answers::empty(q);
    for i in 0..q.questions.len() {
        let opts = options(q, i);
        a.values[i] = opts[rng.next(opts.len())].clone();
    }
    a
}

fn audit(name: &str, q: &Questionnaire) {
    println!("== {name} (questionnaire {} {}, schema {})", q.id, q.version, q.schema);
    // 1. Random answer sets: overrides of the score leader, and whether they are flagged.
    let mut rng = Lcg(20261127);
    let (mut overrides, mut unflagged, mut max_conf, mut by_definition) = (0, 0, 0.0f64, 0);
    for _ in 0..400 {
        let a = random(q, &mut rng);
        let e = evaluate(q, &a.values);
        let v = classify_quick(q, &a);
        if e.class != e.score_class {
            overrides += 1;
            // A definitional rule (3.0.0) states REL04-BP01's own definition: it is named as what
            // decided the class and caps the confidence, but is not a conflict between answers.
            let definition =
                v.decided_by.as_deref().is_some_and(|id| q.rules.iter().any(|r| r.id == id && r.definitional));
            if definition {
                by_definition += 1;
            } else if v.conflicts.is_empty() {
                unflagged += 1;
                max_conf = max_conf.max(v.confidence);
            }
        }
    }
    println!(
        "400 random answer sets: {overrides} with a class other than the score leader, {by_definition} of them set by a stated definition, {unflagged} unflagged (highest unflagged confidence {max_conf:.2})"
    );

    // 2. Every combination of the scored answers.
    let scored: Vec<usize> = (0..q.questions.len()).filter(|i| is_scored(&q.questions[*i])).collect();
    let opts: Vec<Vec<Option<Value>>> = scored.iter().map(|i| options(q, *i)).collect();
    let total: usize = opts.iter().map(Vec::len).product();
    let (mut over, mut lowering, mut flagged, mut certain, mut overruled, mut undecided) = (0, 0, 0, 0, 0, 0);
    let mut idx = vec![0usize; scored.len()];
    let mut a = Answers::empty(q);
    for _ in 0..total {
        for (k, i) in scored.iter().enumerate() {
            a.values[*i] = opts[k][idx[k]].clone();
        }
        let e = evaluate(q, &a.values);
        let v = classify_quick(q, &a);
        if e.class != e.score_class {
            over += 1;
            if e.class < e.score_class {
                lowering += 1;
            }
            if !v.conflicts.is_empty() {
                flagged += 1;
            }
            if v.confidence >= 1.0 {
                certain += 1;
            }
        }
        if !e.overruled.is_empty() {
            overruled += 1;
        }
        if !v.undecided.is_empty() {
            undecided += 1;
        }
        for k in 0..idx.len() {
            idx[k] += 1;
            if idx[k] < opts[k].len() {
                break;
            }
            idx[k] = 0;
        }
    }
    println!(
        "all {total} combinations of the scored answers: {over} overrides of the score leader ({:.1}%), {lowering} of them lowering the class, {flagged} flagged as conflicts, {certain} at confidence 1.00; {overruled} lowering rules kept from a clear lead (reported as conflicts); {undecided} ties reported as undecided",
        100.0 * over as f64 / total as f64
    );

    // 3. Design answers: does removing them ever move the class?
    let mut rng = Lcg(7);
    let mut moved = 0;
    for _ in 0..100 {
        let a = random(q, &mut rng);
        let mut without = a.clone();
        for (i, question) in q.questions.iter().enumerate() {
            if question.design || question.id == "fan_out" || question.id == "queueing" {
                without.values[i] = None;
            }
        }
        if classify_quick(q, &a).class != classify_quick(q, &without).class {
            moved += 1;
        }
    }
    println!("100 random answer sets with fan_out, queueing and every design answer removed: class moved in {moved}");

    // 4. The window cliff: a person blocked on the reply, 10 s against 11 s.
    let w = q.question_index("response_window").unwrap();
    let c = q.question_index("caller").unwrap();
    for secs in [10u64, 11, 30, 90] {
        let mut a = Answers::empty(q);
        a.values[c] = Some(Value::Choice(0));
        a.values[w] = Some(Value::Duration(Duration(secs * 1000)));
        let e = evaluate(q, &a.values);
        let band = q.questions[w].band_of((secs * 1000) as f64).unwrap();
        let hard = *q.questions[w].bands[band].weights.last().unwrap();
        println!("person_sync + {secs}s: window weight toward hard real-time {hard}, class {}", q.classes[e.class].id);
    }
}

fn main() {
    let (v1, _) = load("system-kind-1.0.0.toml", V1_SOURCE).expect("1.0.0 loads");
    audit("before (1.0.0, legacy engine semantics)", &v1);
    println!();
    let q = default_questionnaire();
    audit("now (2.0.0, honest verdicts)", &q);
    println!();
    let mut a = Answers::empty(&q);
    for (id, v) in [
        ("caller", "schedule"),
        ("response_window", "500ms"),
        ("arrival", "scheduled"),
        ("can_defer", "no"),
        ("late_cost", "lost_business"),
        ("freshness", "1s"),
        ("fan_out", "6"),
        ("queueing", "none"),
    ] {
        let i = q.question_index(id).unwrap();
        a.values[i] = Some(Value::parse(&q.questions[i], v).unwrap());
    }
    let v = classify_quick(&q, &a);
    println!("the issue's example: {} at confidence {:.2}, conflicts:", v.class, v.confidence);
    for c in &v.conflicts {
        println!("  {}", c.id);
    }
}
