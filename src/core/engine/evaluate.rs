//! The arithmetic of a verdict: visibility, scores and rules, with no text built.
//!
//! Kept allocation-light because "what would change it" runs it once per alternative answer.

use crate::core::answers::{Value, chosen};
use crate::core::questionnaire::{Condition, Question, Questionnaire, RuleEffect, Test, is_scored};

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

/// Fired rules sorted the way deciding reads them; built once per set of fired rules (the what-if
/// search decides many score vectors against the same rules).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FiredRules {
    /// Forced classes, most stringent first (ties in rule order).
    forced: Vec<usize>,
    /// Ceilings, lowest class first (ties in rule order).
    ceilings: Vec<usize>,
    /// The floor with the highest class (the first such rule).
    floor: Option<usize>,
}

impl FiredRules {
    /// Sorts `fired` (rule indices) by effect and class.
    pub fn new(q: &Questionnaire, fired: &[usize]) -> FiredRules {
        // One pass (the what-if search builds this once per alternative that touches a rule).
        let (mut forced, mut ceilings, mut floor) = (Vec::new(), Vec::new(), None::<usize>);
        for &r in fired {
            match q.rules[r].effect {
                RuleEffect::Force => forced.push(r),
                RuleEffect::Ceiling => ceilings.push(r),
                // The first floor with the highest class.
                RuleEffect::Floor => {
                    if floor.is_none_or(|a| q.rules[r].class > q.rules[a].class) {
                        floor = Some(r);
                    }
                }
            }
        }
        // Stable sorts: ties keep rule order.
        forced.sort_by_key(|r| std::cmp::Reverse(q.rules[*r].class));
        ceilings.sort_by_key(|r| q.rules[*r].class);
        FiredRules { forced, ceilings, floor }
    }
}

/// Combines scores and fired rules into the final class.
///
/// Schema 1 (legacy, kept so old records re-derive as they were written): force, then the lowest
/// ceiling, then the highest floor. Schema 2 (honest): a rule that would *lower* the class below a
/// clear score lead ([`CLEAR_LEAD`]) does not apply and is reported as a conflict instead; floors,
/// which only ever make the verdict safer, always apply.
pub fn decide(q: &Questionnaire, scores: &[f64], fired: &[usize], any_scored: bool) -> Decision {
    decide_sorted(q, scores, &FiredRules::new(q, fired), any_scored)
}

/// [`decide`] with the fired rules already sorted.
pub fn decide_sorted(q: &Questionnaire, scores: &[f64], rules: &FiredRules, any_scored: bool) -> Decision {
    let score_class = best(scores);
    let class_of = |r: usize| q.rules[r].class;
    let mut decided = if any_scored { Decided::Scores } else { Decided::Default };
    if q.schema < 2 {
        // Schema 1's rules, exactly as they always were.
        if let Some(&r) = rules.forced.first() {
            return Decision { score_class, class: class_of(r), decided: Decided::Rule(r), overruled: Vec::new() };
        }
        let mut class = score_class;
        if let Some(&r) = rules.ceilings.first()
            && class_of(r) < class
        {
            class = class_of(r);
            decided = Decided::Rule(r);
        }
        if let Some(r) = rules.floor
            && class_of(r) > class
        {
            class = class_of(r);
            decided = Decided::Rule(r);
        }
        return Decision { score_class, class, decided, overruled: Vec::new() };
    }
    // A rule that states the definition (schema 3) is never overruled: weights cannot outvote what
    // REL04-BP01 says a kind is. Any other lowering rule yields to a clear lead.
    let clear = |r: usize| {
        !(q.schema >= 3 && q.rules[r].definitional) && scores[score_class] - scores[class_of(r)] >= CLEAR_LEAD
    };
    let mut overruled = Vec::new();
    // Forced classes, most stringent first; one that lowers against a clear lead is overruled.
    for &r in &rules.forced {
        let c = class_of(r);
        if c < score_class && clear(r) {
            overruled.push(r);
        } else {
            return Decision { score_class, class: c, decided: Decided::Rule(r), overruled };
        }
    }
    let mut class = score_class;
    // Ceilings, lowest first: the first that may apply does; lower ones that may not are overruled.
    for &r in &rules.ceilings {
        let c = class_of(r);
        if c >= class {
            break;
        }
        if clear(r) {
            overruled.push(r);
        } else {
            class = c;
            decided = Decided::Rule(r);
            break;
        }
    }
    // Floors are applied after ceilings so that, when they conflict, the safer class wins.
    if let Some(r) = rules.floor
        && class_of(r) > class
    {
        class = class_of(r);
        decided = Decided::Rule(r);
    }
    Decision { score_class, class, decided, overruled }
}

/// Buffers reused across the alternatives of one what-if search (one allocation each, not one per
/// alternative). One `Scratch` serves one search: one `values` and one `base`.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The base scores without question `without_for`'s answer, kept while its alternatives are tried.
    without: Vec<f64>,
    without_for: Option<usize>,
    scores: Vec<f64>,
    weights: Vec<f64>,
    visible: Vec<bool>,
    redo: Vec<usize>,
    fired: Vec<usize>,
    /// `base.fired`, sorted for deciding, made on first use.
    base_rules: Option<FiredRules>,
    /// When every fired rule is a floor: how many fired floors name each class (made on first use;
    /// `Some(None)` when some fired rule is not a floor).
    base_floors: Option<Option<Vec<usize>>>,
}

/// The class when only floors fired: the safer of the scores' class and the highest floor among
/// the base's fired floors less the redone ones, plus those of `redo` that hold now. `None` when a
/// fired or redone rule is not a floor (then the rules are decided in full).
/// (`floors` is [`Scratch`]'s cache, `redo` and `scores` its buffers for this alternative.)
fn floors_only_class(
    floors: &mut Option<Option<Vec<usize>>>,
    (redo, scores): (&[usize], &[f64]),
    q: &Questionnaire,
    (values, visible): (&[Option<Value>], &[bool]),
    base: &Eval,
) -> Option<usize> {
    let counts = floors
        .get_or_insert_with(|| {
            let mut counts = vec![0; q.classes.len()];
            for &r in &base.fired {
                if q.rules[r].effect != RuleEffect::Floor {
                    return None;
                }
                counts[q.rules[r].class] += 1;
            }
            Some(counts)
        })
        .as_mut()?;
    if redo.iter().any(|r| q.rules[*r].effect != RuleEffect::Floor) {
        return None;
    }
    for &r in redo {
        if base.fired.binary_search(&r).is_ok() {
            counts[q.rules[r].class] -= 1;
        }
    }
    let mut floor = counts.iter().rposition(|n| *n > 0);
    for &r in redo {
        if holds(&q.rules[r].when, values, visible) {
            floor = floor.max(Some(q.rules[r].class));
        }
    }
    // Put the counts back for the next alternative.
    for &r in redo {
        if base.fired.binary_search(&r).is_ok() {
            counts[q.rules[r].class] += 1;
        }
    }
    let score_class = best(scores);
    Some(floor.map_or(score_class, |f| f.max(score_class)))
}

/// The final class if only question `i` changed to `alt`, reusing `base` (an evaluation of `values`).
///
/// Only what the change touches is redone: the question's own weights, the visibility of the
/// questions whose `show_if` depends on it (and their weights when that flips), and the rules that
/// read any of those. The what-if search calls this once per alternative answer, so a full
/// evaluation here would make it quadratic in the questionnaire's size.
pub fn class_with_change(q: &Questionnaire, values: &mut [Option<Value>], base: &Eval, i: usize, alt: Value) -> usize {
    class_with_change_in(&mut Scratch::default(), q, values, base, i, alt)
}

/// The class from the base's fired rules, less the redone ones, plus those of them that hold now.
fn merged_class(s: &mut Scratch, q: &Questionnaire, values: &[Option<Value>], flipped: bool, base: &Eval) -> usize {
    let visible = if flipped { &s.visible } else { &base.visible };
    let (fired, redo) = (&mut s.fired, &s.redo);
    fired.clear();
    // Both lists are ascending: merged, not sorted (a lens redoes a few of hundreds of rules).
    let mut added = redo.iter().copied().filter(|r| holds(&q.rules[*r].when, values, visible)).peekable();
    for r in base.fired.iter().copied().filter(|r| redo.binary_search(r).is_err()) {
        while let Some(a) = added.next_if(|a| *a < r) {
            fired.push(a);
        }
        fired.push(r);
    }
    fired.extend(added);
    decide(q, &s.scores, &s.fired, true).class
}

/// [`class_with_change`] with caller-owned buffers.
pub fn class_with_change_in(
    s: &mut Scratch,
    q: &Questionnaire,
    values: &mut [Option<Value>],
    base: &Eval,
    i: usize,
    alt: Value,
) -> usize {
    // A hidden question's answer counts for nothing, and `holds` reads a hidden question as
    // unanswered, so nothing can depend on it either.
    if !base.visible[i] {
        return base.class;
    }
    let question = &q.questions[i];
    let old = values[i].replace(alt);
    let scored = is_scored(question);
    if s.without_for != Some(i) {
        s.without.clear();
        s.without.extend_from_slice(&base.scores);
        if let (true, Some(o)) = (scored, &old) {
            add_scaled(&mut s.weights, question, o, -1.0, &mut s.without);
        }
        s.without_for = Some(i);
    }
    s.scores.clear();
    s.scores.extend_from_slice(&s.without);
    if let (true, Some(v)) = (scored, &values[i]) {
        add_contribution(question, v, &mut s.scores);
    }
    s.redo.clear();
    s.redo.extend_from_slice(&q.index.rules_reading[i]);
    let dependents = &q.index.dependents[i];
    let mut flipped = false;
    if !dependents.is_empty() {
        s.visible.clear();
        s.visible.extend_from_slice(&base.visible);
        for &d in dependents {
            let dq = &q.questions[d];
            let now = dq.show_if.as_ref().is_none_or(|c| holds(c, values, &s.visible));
            if now == s.visible[d] {
                continue;
            }
            s.visible[d] = now;
            flipped = true;
            s.redo.extend_from_slice(&q.index.rules_reading[d]);
            if let (true, Some(v)) = (is_scored(dq), &values[d]) {
                add_scaled(&mut s.weights, dq, v, if now { 1.0 } else { -1.0 }, &mut s.scores);
            }
        }
        s.redo.sort_unstable();
        s.redo.dedup();
    }
    // Whether anything was scored only labels the verdict; it never changes the class.
    let class = if s.redo.is_empty() {
        let rules = s.base_rules.get_or_insert_with(|| FiredRules::new(q, &base.fired));
        decide_sorted(q, &s.scores, rules, true).class
    } else if let Some(class) = floors_only_class(
        &mut s.base_floors,
        (&s.redo, &s.scores),
        q,
        (values, if flipped { &s.visible } else { &base.visible }),
        base,
    ) {
        class
    } else {
        merged_class(s, q, values, flipped, base)
    };
    values[i] = old;
    class
}

/// Adds `sign` times the weights of one answer to `scores` (−1 takes an answer back out).
fn add_scaled(buf: &mut Vec<f64>, q: &Question, v: &Value, sign: f64, scores: &mut [f64]) {
    buf.clear();
    buf.resize(scores.len(), 0.0);
    add_contribution(q, v, buf);
    scores.iter_mut().zip(buf.iter()).for_each(|(s, x)| *s += sign * x);
}
