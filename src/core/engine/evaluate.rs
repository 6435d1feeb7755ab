//! The arithmetic of a verdict: visibility, scores and rules, with no text built.
//!
//! Kept allocation-light because "what would change it" runs it once per alternative answer.

use crate::core::answers::{Value, chosen};
use crate::core::questionnaire::{Condition, Effect, Question, Questionnaire, Test, is_scored};

/// How the final class was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// Nothing scored yet; the most stringent class is assumed.
    Default,
    /// The highest score.
    Scores,
    /// A rule forced, floored or capped the class (rule index).
    Rule(usize),
}

/// The numbers behind a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Eval {
    /// Which questions apply (their `show_if` holds).
    pub visible: Vec<bool>,
    /// Score per class.
    pub scores: Vec<f64>,
    /// Class with the best score (ties go to the more stringent class).
    pub score_class: usize,
    /// Final class after rules.
    pub class: usize,
    /// Indices of the rules whose condition holds.
    pub fired: Vec<usize>,
    /// What set the final class.
    pub decided: Decided,
    /// Fired rules that would have lowered the class but were kept from it by a clear score lead for
    /// a more stringent class (schema 2): each is a conflict, never a silent override.
    pub overruled: Vec<usize>,
    /// Whether any answer was scored.
    pub any_scored: bool,
}

/// A lead, in points, that a rule lowering the class may not overturn (schema 2). Equal to the margin
/// that gives decisiveness 0.5, so "clear" means the scores alone would be at least half sure.
pub const CLEAR_LEAD: f64 = 3.0;

/// What [`decide`] concludes.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The best-scoring class.
    pub score_class: usize,
    /// The final class.
    pub class: usize,
    /// What set it.
    pub decided: Decided,
    /// Lowering rules kept from overturning a clear lead.
    pub overruled: Vec<usize>,
}

/// Adds the weights of one answer to `scores`.
pub fn add_contribution(q: &Question, v: &Value, scores: &mut [f64]) {
    let mut add = |w: &[f64]| scores.iter_mut().zip(w).for_each(|(s, x)| *s += x);
    match v {
        Value::Choice(i) => add(&q.choices[*i].weights),
        Value::Choices(mask) => chosen(*mask, q.choices.len()).for_each(|i| add(&q.choices[i].weights)),
        Value::Bool(true) => add(&q.yes),
        Value::Bool(false) => add(&q.no),
        Value::Duration(d) => {
            if let Some(b) = q.band_of(d.as_millis() as f64) {
                add(&q.bands[b].weights)
            }
        }
        Value::Number(n) => {
            if let Some(b) = q.band_of(*n) {
                add(&q.bands[b].weights)
            }
        }
        Value::Text(_) => {}
    }
}

/// The contribution of one answer as its own vector.
pub fn contribution(q: &Question, v: &Value, classes: usize) -> Vec<f64> {
    let mut out = vec![0.0; classes];
    add_contribution(q, v, &mut out);
    out
}

/// Whether a condition holds; hidden or unanswered questions fail every test but `answered = false`.
pub fn holds(c: &Condition, values: &[Option<Value>], visible: &[bool]) -> bool {
    match c {
        Condition::All(parts) => parts.iter().all(|p| holds(p, values, visible)),
        Condition::Any(parts) => parts.iter().any(|p| holds(p, values, visible)),
        Condition::Not(inner) => !holds(inner, values, visible),
        Condition::Test { question, test } => {
            let v = if visible.get(*question).copied().unwrap_or(false) {
                values.get(*question).and_then(Option::as_ref)
            } else {
                None
            };
            match (test, v) {
                (Test::Answered(want), v) => v.is_some() == *want,
                (_, None) => false,
                (Test::AnyOf(ids), Some(Value::Choice(i))) => ids.contains(i),
                (Test::AnyOf(ids), Some(Value::Choices(m))) => ids.iter().any(|i| m & (1 << i) != 0),
                (Test::AllOf(ids), Some(Value::Choice(i))) => ids.iter().all(|x| x == i),
                (Test::AllOf(ids), Some(Value::Choices(m))) => ids.iter().all(|i| m & (1 << i) != 0),
                (Test::Is(want), Some(Value::Bool(b))) => b == want,
                (Test::AtMost(x), Some(v)) => number(v).is_some_and(|n| n <= *x),
                (Test::AtLeast(x), Some(v)) => number(v).is_some_and(|n| n >= *x),
                _ => false,
            }
        }
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Duration(d) => Some(d.as_millis() as f64),
        Value::Number(n) => Some(*n),
        _ => None,
    }
}

/// Which questions apply. `show_if` only looks back, so one pass in order settles it.
pub fn visibility(q: &Questionnaire, values: &[Option<Value>]) -> Vec<bool> {
    let mut visible = vec![true; q.questions.len()];
    for (i, question) in q.questions.iter().enumerate() {
        if let Some(c) = &question.show_if {
            visible[i] = holds(c, values, &visible);
        }
    }
    visible
}

/// The best-scoring class; ties go to the more stringent class, so doubt errs on the safe side.
pub fn best(scores: &[f64]) -> usize {
    let mut best = scores.len().saturating_sub(1);
    for (i, s) in scores.iter().enumerate().rev() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// Evaluates answers: visibility, scores, rules, final class.
pub fn evaluate(q: &Questionnaire, values: &[Option<Value>]) -> Eval {
    let visible = visibility(q, values);
    let mut scores = vec![0.0; q.classes.len()];
    let mut any_scored = false;
    for (i, question) in q.questions.iter().enumerate() {
        if let (true, Some(v)) = (visible[i], values.get(i).and_then(Option::as_ref))
            && is_scored(question)
        {
            add_contribution(question, v, &mut scores);
            any_scored = true;
        }
    }
    let fired: Vec<usize> = (0..q.rules.len()).filter(|r| holds(&q.rules[*r].when, values, &visible)).collect();
    let d = decide(q, &scores, &fired, any_scored);
    Eval {
        visible,
        scores,
        score_class: d.score_class,
        class: d.class,
        fired,
        decided: d.decided,
        overruled: d.overruled,
        any_scored,
    }
}

/// Combines scores and fired rules into the final class.
///
/// Schema 1 (legacy, kept so old records re-derive as they were written): force, then the lowest
/// ceiling, then the highest floor. Schema 2 (honest): a rule that would *lower* the class below a
/// clear score lead ([`CLEAR_LEAD`]) does not apply and is reported as a conflict instead; floors,
/// which only ever make the verdict safer, always apply.
pub fn decide(q: &Questionnaire, scores: &[f64], fired: &[usize], any_scored: bool) -> Decision {
    let score_class = best(scores);
    if q.schema < 2 {
        return decide_legacy(q, scores, fired, any_scored, score_class);
    }
    let clear = |c: usize| scores[score_class] - scores[c] >= CLEAR_LEAD;
    let mut overruled = Vec::new();
    let of = |effect: Effect| fired.iter().copied().filter(move |r| q.rules[*r].effect == effect);
    // Forced classes, most stringent first; one that lowers against a clear lead is overruled.
    let mut forced: Vec<usize> = of(Effect::Force).collect();
    forced.sort_by_key(|r| std::cmp::Reverse(q.rules[*r].class));
    for r in forced {
        let c = q.rules[r].class;
        if c < score_class && clear(c) {
            overruled.push(r);
        } else {
            return Decision { score_class, class: c, decided: Decided::Rule(r), overruled };
        }
    }
    let mut class = score_class;
    let mut decided = if any_scored { Decided::Scores } else { Decided::Default };
    // Ceilings, lowest first: the first that may apply does; lower ones that may not are overruled.
    let mut ceilings: Vec<usize> = of(Effect::Ceiling).collect();
    ceilings.sort_by_key(|r| q.rules[*r].class);
    for r in ceilings {
        let c = q.rules[r].class;
        if c >= class {
            break;
        }
        if clear(c) {
            overruled.push(r);
        } else {
            class = c;
            decided = Decided::Rule(r);
            break;
        }
    }
    // Floors are applied after ceilings so that, when they conflict, the safer class wins.
    let floor = of(Effect::Floor).reduce(|a, b| if q.rules[b].class > q.rules[a].class { b } else { a });
    if let Some(r) = floor
        && q.rules[r].class > class
    {
        class = q.rules[r].class;
        decided = Decided::Rule(r);
    }
    Decision { score_class, class, decided, overruled }
}

/// Schema 1's rules, exactly as they always were (and without an allocation: the what-if search
/// calls this once per alternative answer).
fn decide_legacy(
    q: &Questionnaire,
    _scores: &[f64],
    fired: &[usize],
    any_scored: bool,
    score_class: usize,
) -> Decision {
    let pick = |effect: Effect, most: bool| {
        fired.iter().filter(|r| q.rules[**r].effect == effect).copied().reduce(|a, b| {
            let (ca, cb) = (q.rules[a].class, q.rules[b].class);
            if (most && cb > ca) || (!most && cb < ca) { b } else { a }
        })
    };
    if let Some(r) = pick(Effect::Force, true) {
        return Decision { score_class, class: q.rules[r].class, decided: Decided::Rule(r), overruled: Vec::new() };
    }
    let mut class = score_class;
    let mut decided = if any_scored { Decided::Scores } else { Decided::Default };
    if let Some(r) = pick(Effect::Ceiling, false)
        && q.rules[r].class < class
    {
        class = q.rules[r].class;
        decided = Decided::Rule(r);
    }
    if let Some(r) = pick(Effect::Floor, true)
        && q.rules[r].class > class
    {
        class = q.rules[r].class;
        decided = Decided::Rule(r);
    }
    Decision { score_class, class, decided, overruled: Vec::new() }
}

/// The final class if only question `i` changed to `alt`, reusing `base` (an evaluation of `values`).
/// When no `show_if` reads question `i`, visibility cannot change, so only the scores and the rules
/// that read `i` need redoing; otherwise it falls back to a full evaluation.
pub fn class_with_change(q: &Questionnaire, values: &mut [Option<Value>], base: &Eval, i: usize, alt: Value) -> usize {
    let question = &q.questions[i];
    let old = values[i].replace(alt);
    let class = if q.index.shown_by[i] {
        evaluate(q, values).class
    } else if !base.visible[i] {
        // A hidden question's answer counts for nothing, and nothing's visibility depends on it.
        base.class
    } else {
        let mut scores = base.scores.clone();
        if is_scored(question) {
            if let Some(o) = &old {
                let mut minus = vec![0.0; scores.len()];
                add_contribution(question, o, &mut minus);
                scores.iter_mut().zip(&minus).for_each(|(s, m)| *s -= m);
            }
            if let Some(v) = &values[i] {
                add_contribution(question, v, &mut scores);
            }
        }
        let reads = &q.index.rules_reading[i];
        let fired: Vec<usize> = (0..q.rules.len())
            .filter(|r| {
                if reads.binary_search(r).is_ok() {
                    holds(&q.rules[*r].when, values, &base.visible)
                } else {
                    base.fired.binary_search(r).is_ok()
                }
            })
            .collect();
        // Whether anything was scored only labels the verdict; it never changes the class.
        decide(q, &scores, &fired, true).class
    };
    values[i] = old;
    class
}
