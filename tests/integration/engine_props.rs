//! Property tests of the engine on the built-in questionnaire.

use proptest::prelude::*;
use syskind::core::answers::{Answers, Value};
use syskind::core::answers_file::{parse_answers, to_answers_file};
use syskind::core::duration::Duration;
use syskind::core::engine::evaluate::{Scratch, class_with_change, class_with_change_in};
use syskind::core::engine::whatif::alternatives;
use syskind::core::engine::{classify, classify_quick, evaluate};
use syskind::core::questionnaire::generate::generated_questionnaire;
use syskind::core::questionnaire::{Kind, Questionnaire, default_questionnaire, load};

fn q() -> Questionnaire {
    default_questionnaire()
}

/// Any answer to any question, or none.
fn arb_answers() -> impl Strategy<Value = Answers> {
    arb_answers_for(&q())
}

/// Any answer to any question of `q`, or none.
fn arb_answers_for(q: &Questionnaire) -> impl Strategy<Value = Answers> + use<> {
    let per_question: Vec<BoxedStrategy<Option<Value>>> = q
        .questions
        .iter()
        .map(|question| {
            let n = question.choices.len();
            let value: BoxedStrategy<Value> = match question.kind {
                Kind::Single => (0..n).prop_map(Value::Choice).boxed(),
                Kind::Multiple => (0..(1u64 << n)).prop_map(Value::Choices).boxed(),
                Kind::YesNo => any::<bool>().prop_map(Value::Bool).boxed(),
                Kind::Duration => (0u64..2_000_000_000).prop_map(|ms| Value::Duration(Duration(ms))).boxed(),
                Kind::Number => (0u32..100_000).prop_map(|n| Value::Number(n as f64)).boxed(),
                Kind::Text => "[a-z ]{0,12}".prop_map(Value::Text).boxed(),
            };
            proptest::option::of(value).boxed()
        })
        .collect();
    per_question.prop_map(move |values| Answers { notes: vec![String::new(); values.len()], values })
}

fn idx(q: &Questionnaire, id: &str) -> usize {
    q.question_index(id).unwrap()
}

const SYNC: [&str; 2] = ["person_sync", "service_sync"];
const NOT_SYNC: [&str; 4] = ["push_subscriber", "someone_later", "nobody", "schedule"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_verdict_is_deterministic(a in arb_answers()) {
        let q = q();
        // Two questionnaires loaded apart and answers rebuilt from text: nothing but the answers
        // (no address, no hash order, no clock) may reach the verdict.
        let other = load("again.toml", syskind::core::questionnaire::DEFAULT_SOURCE).unwrap().0;
        let text = to_answers_file(&q, &a);
        let again = parse_answers("again.toml", &text, &other).map_err(|r| TestCaseError::fail(r.short()))?;
        prop_assert_eq!(classify(&q, &a), classify(&other, &again));
    }

    #[test]
    fn answer_order_does_not_matter(a in arb_answers(), seed in any::<u64>()) {
        let q = q();
        // Write the answers file with its lines shuffled, read it back, classify.
        let text = to_answers_file(&q, &a);
        let mut lines: Vec<&str> = text.lines().filter(|l| l.contains(" = ") && !l.starts_with("questionnaire")).collect();
        let n = lines.len();
        for i in (1..n).rev() {
            lines.swap(i, (seed as usize).wrapping_mul(31).wrapping_add(i * 17) % (i + 1));
        }
        // Generated answers carry no notes, so every `key = value` line is an answer.
        let shuffled = format!("[answers]\n{}\n", lines.join("\n"));
        let back = parse_answers("shuffled.toml", &shuffled, &q).map_err(|r| TestCaseError::fail(r.short()))?;
        prop_assert_eq!(classify(&q, &a).class, classify(&q, &back).class);
        prop_assert_eq!(classify(&q, &a).scores, classify(&q, &back).scores);
    }

    #[test]
    fn a_synchronous_caller_is_never_less_stringent(a in arb_answers(), from in 0usize..4, to in 0usize..2) {
        let q = q();
        let c = idx(&q, "caller");
        let choice = |id| Value::Choice(q.questions[c].choice_index(id).unwrap());
        let mut before = a.clone();
        before.values[c] = Some(choice(NOT_SYNC[from]));
        let mut after = a;
        after.values[c] = Some(choice(SYNC[to]));
        prop_assert!(evaluate(&q, &after.values).class >= evaluate(&q, &before.values).class);
    }

    #[test]
    fn a_class_other_than_the_score_leader_is_always_a_conflict(a in arb_answers()) {
        let q = q();
        let e = evaluate(&q, &a.values);
        let v = classify_quick(&q, &a);
        if e.class != e.score_class {
            // Flagged: a rule is named as what set the class; unless it states the definition
            // (never overruled, 3.0.0), the disagreement is a conflict with at most even odds.
            let by = v.decided_by.as_deref().and_then(|id| q.rules.iter().find(|r| r.id == id));
            prop_assert!(by.is_some(), "override with no deciding rule: {:?}", v);
            if by.is_some_and(|r| r.definitional) {
                prop_assert!(v.confidence <= 0.75, "a definition against the scores at {}", v.confidence);
            } else {
                prop_assert!(!v.conflicts.is_empty(), "unflagged override: {:?}", v);
                prop_assert!(v.confidence <= 0.5, "confidence {} while answers conflict", v.confidence);
            }
        }
        if !v.conflicts.is_empty() {
            prop_assert!(v.confidence <= 0.5, "confidence {} while answers conflict", v.confidence);
        }
        // A rule kept from lowering a clear lead is a conflict too, never silence.
        for r in &e.overruled {
            prop_assert!(v.conflicts.iter().any(|c| c.rule.as_deref() == Some(q.rules[*r].id.as_ref())));
        }
    }

    #[test]
    fn a_tie_is_undecided_with_no_confidence(a in arb_answers()) {
        let q = q();
        let v = classify_quick(&q, &a);
        if !v.undecided.is_empty() {
            prop_assert_eq!(v.confidence, 0.0);
            prop_assert_eq!(&v.undecided[0], &v.class, "the more stringent of the tied classes is reported");
        }
    }

    #[test]
    fn design_answers_never_change_the_class(a in arb_answers()) {
        let q = q();
        let mut without = a.clone();
        for (i, question) in q.questions.iter().enumerate() {
            if question.design {
                without.values[i] = None;
            }
        }
        let (with, bare) = (classify_quick(&q, &a), classify_quick(&q, &without));
        prop_assert_eq!(&with.class, &bare.class);
        prop_assert_eq!(with.confidence, bare.confidence);
        prop_assert_eq!(&with.conflicts, &bare.conflicts);
    }

    #[test]
    fn confidence_and_completeness_stay_in_range(a in arb_answers()) {
        let q = q();
        let v = classify_quick(&q, &a);
        prop_assert!((0.0..=1.0).contains(&v.confidence));
        prop_assert!(v.answered <= v.applicable);
        prop_assert!((0.0..=1.0).contains(&v.completeness()));
    }

    #[test]
    fn suggested_changes_lead_where_they_say(a in arb_answers()) {
        let q = q();
        let v = classify(&q, &a);
        for c in &v.changes {
            let (id, text) = c.set.split_once('=').unwrap();
            let i = idx(&q, id);
            let mut changed = a.clone();
            changed.values[i] = Some(Value::parse(&q.questions[i], text).unwrap());
            prop_assert_eq!(&classify_quick(&q, &changed).class, &c.class);
        }
    }

    #[test]
    fn the_incremental_what_if_matches_a_full_evaluation(a in arb_answers(), pick in any::<prop::sample::Index>()) {
        incremental_matches_full(&q(), &a, pick.index(q().questions.len()))?;
    }

    #[test]
    fn the_incremental_what_if_matches_a_full_evaluation_on_chained_show_ifs(
        a in arb_answers_for(&chained()),
        pick in any::<prop::sample::Index>(),
    ) {
        incremental_matches_full(&chained(), &a, pick.index(chained().questions.len()))?;
    }

    #[test]
    fn the_incremental_what_if_matches_a_full_evaluation_on_a_generated_questionnaire(
        a in arb_answers_for(&generated()),
        pick in any::<prop::sample::Index>(),
    ) {
        incremental_matches_full(&generated(), &a, pick.index(generated().questions.len()))?;
    }

    /// An imported lens has only floors: the what-if decides them by counts (issue 23).
    #[test]
    fn the_incremental_what_if_matches_a_full_evaluation_on_a_lens(
        a in arb_answers_for(&lens()),
        pick in any::<prop::sample::Index>(),
    ) {
        incremental_matches_full(&lens(), &a, pick.index(lens().questions.len()))?;
    }
}

/// The example lens, imported (its rules are all floors).
fn lens() -> Questionnaire {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read_to_string(root.join("questionnaires/examples/lenses/operational-readiness.json")).unwrap();
    let toml = syskind::core::lens::import("lens.json", &json).unwrap();
    let q = load("lens.toml", &toml).unwrap().0;
    assert!(q.rules.iter().all(|r| r.effect == syskind::core::questionnaire::RuleEffect::Floor));
    q
}

/// A less stringent answer never makes the class more stringent (issue 24), on 10,000 random
/// answer sets per property; each list is ordered from the most to the least stringent answer.
const LATE_COST: [&str; 4] = ["lost_business", "degraded", "later_report", "nothing"];
const CALLERS: [&str; 6] = ["person_sync", "service_sync", "push_subscriber", "someone_later", "nobody", "schedule"];

fn with_choice(q: &Questionnaire, a: &Answers, question: &str, choice: &str) -> Answers {
    let i = idx(q, question);
    let mut out = a.clone();
    out.values[i] = Some(Value::Choice(q.questions[i].choice_index(choice).unwrap()));
    out
}

/// With `order` most stringent first: the later of choices `x` and `y` never gives a more
/// stringent class than the earlier.
fn ordered_answers_are_monotone(
    a: &Answers,
    question: &str,
    order: &[&str],
    x: usize,
    y: usize,
) -> Result<(), TestCaseError> {
    let q = q();
    let (hi, lo) = (x.min(y), x.max(y));
    let more = evaluate(&q, &with_choice(&q, a, question, order[hi]).values).class;
    let less = evaluate(&q, &with_choice(&q, a, question, order[lo]).values).class;
    prop_assert!(less <= more, "{question} {} gives {less} but {} gives {more}", order[lo], order[hi]);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn a_lower_cost_of_lateness_is_never_more_stringent(a in arb_answers(), x in 0usize..4, y in 0usize..4) {
        ordered_answers_are_monotone(&a, "late_cost", &LATE_COST, x, y)?;
    }

    #[test]
    fn a_longer_window_is_never_more_stringent_nor_a_shorter_one_less(a in arb_answers(), x in 0u64..3_000_000_000, y in 0u64..3_000_000_000) {
        let q = q();
        let w = idx(&q, "response_window");
        let (short, long) = (x.min(y), x.max(y));
        let mut s = a.clone();
        s.values[w] = Some(Value::Duration(Duration(short)));
        let mut l = a;
        l.values[w] = Some(Value::Duration(Duration(long)));
        prop_assert!(evaluate(&q, &l.values).class <= evaluate(&q, &s.values).class);
    }

    #[test]
    fn allowing_deferral_is_never_more_stringent(a in arb_answers()) {
        let q = q();
        let d = idx(&q, "can_defer");
        let mut no = a.clone();
        no.values[d] = Some(Value::Bool(false));
        let mut yes = a;
        yes.values[d] = Some(Value::Bool(true));
        prop_assert!(evaluate(&q, &yes.values).class <= evaluate(&q, &no.values).class);
    }

    #[test]
    fn a_less_blocked_caller_is_never_more_stringent(a in arb_answers(), x in 0usize..6, y in 0usize..6) {
        ordered_answers_are_monotone(&a, "caller", &CALLERS, x, y)?;
    }

    #[test]
    fn nearly_split_scores_are_never_a_certainty(a in arb_answers()) {
        let q = q();
        let v = classify_quick(&q, &a);
        let mut s: Vec<f64> = v.scores.iter().map(|c| c.score).collect();
        s.sort_by(|x, y| y.total_cmp(x));
        if s[0] - s[1] <= 0.1 * s[0].abs() {
            prop_assert!(v.confidence < 1.0, "scores {:?} within a tenth, confidence {}", s, v.confidence);
        }
        prop_assert!(v.confidence.is_finite() && v.scores.iter().all(|c| c.score.is_finite()));
    }
}

fn generated() -> Questionnaire {
    load("gen.toml", &generated_questionnaire(60)).unwrap().0
}

/// Visibility that flips in chains (a shows b shows c), a question shown by two others, and rules
/// reading questions whose visibility flips: the cases an incremental evaluation can get wrong.
fn chained() -> Questionnaire {
    let text = r#"
schema = 2
id = "chained"
version = "1"
title = "Chained"

[[classes]]
id = "low"
label = "Low"
description = "Low."

[[classes]]
id = "high"
label = "High"
description = "High."

[[questions]]
id = "a"
kind = "yes_no"
prompt = "A?"
help = "A."
yes = { high = 2 }
no = { low = 1 }

[[questions]]
id = "b"
kind = "single"
prompt = "B?"
help = "B."
show_if = { question = "a", is = true }
choices = [
  { id = "x", label = "X", weights = { high = 3 } },
  { id = "y", label = "Y", weights = { low = 3 } },
]

[[questions]]
id = "c"
kind = "yes_no"
prompt = "C?"
help = "C."
show_if = { question = "b", any_of = ["y"] }
yes = { low = 4 }
no = { high = 1 }

[[questions]]
id = "d"
kind = "duration"
prompt = "D?"
help = "D."
show_if = { any = [{ question = "a", is = false }, { question = "c", answered = true }] }
bands = [
  { up_to = "1s", weights = { high = 2 } },
  { weights = { low = 2 } },
]

[[rules]]
id = "c_floor"
when = { question = "c", is = true }
effect = "floor"
class = "high"
reason = "C."

[[rules]]
id = "d_ceiling"
when = { question = "d", at_least = "1m" }
effect = "ceiling"
class = "low"
reason = "D."
"#;
    let (q, report) = load("chained.toml", text).unwrap_or_else(|r| panic!("{}", r.short()));
    assert!(!report.has_errors());
    q
}

fn incremental_matches_full(q: &Questionnaire, a: &Answers, i: usize) -> Result<(), TestCaseError> {
    let base = evaluate(q, &a.values);
    let mut values = a.values.clone();
    // One scratch across the alternatives, as the what-if search uses it.
    let mut scratch = Scratch::default();
    for alt in alternatives(&q.questions[i], a.values[i].as_ref()) {
        let fast = class_with_change_in(&mut scratch, q, &mut values, &base, i, alt.clone());
        prop_assert_eq!(fast, class_with_change(q, &mut values, &base, i, alt.clone()));
        prop_assert_eq!(&values, &a.values, "values restored");
        let mut changed = a.values.clone();
        changed[i] = Some(alt);
        prop_assert_eq!(fast, evaluate(q, &changed).class, "question {}", q.questions[i].id);
    }
    Ok(())
}
