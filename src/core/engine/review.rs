//! The honest part of a verdict: conflicts between answers, the risk review (findings) and the
//! practices that apply to these answers. All of it is data in the questionnaire; this only evaluates.

use serde::{Deserialize, Serialize};

use super::evaluate::{Decided, Eval, contribution, holds};
use super::fill::fill;
use crate::core::answers::Value;
use crate::core::questionnaire::{Practice, Questionnaire, Risk, RuleEffect, is_scored};

/// Answers that point different ways, and what to re-check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Conflict rule id, or `rule-vs-scores:RULE` / `overruled:RULE` for the engine's own.
    pub id: String,
    /// What disagrees, in words.
    pub text: String,
    /// Question ids to re-check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recheck: Vec<String>,
    /// The rule involved, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A risk the answers raise, the Well-Architected Tool's way: a missing best practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Finding id.
    pub id: String,
    /// `high`, `medium` or `low`: syskind's rating of this combination.
    pub risk: Risk,
    /// The Well-Architected Framework's level for the practice, when the questionnaire gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wa_risk: Option<Risk>,
    /// Best practice id, e.g. `REL04-BP04`.
    pub practice: String,
    /// What is wrong and what to do.
    pub text: String,
    /// The best practice's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A second link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub see_also: Option<String>,
    /// The answers that raised it, as `question=value`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<String>,
    /// System findings: the parts involved, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    /// System findings: the calls involved, as `from → to (mode)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<String>,
}

/// How many supporting answers a conflict names for re-checking.
const RECHECK_ANSWERS: usize = 3;

fn rule_questions(q: &Questionnaire, r: usize, out: &mut Vec<String>) {
    q.rules[r].when.for_each_question(&mut |i| {
        if !out.iter().any(|o| *o == q.questions[i].id) {
            out.push(q.questions[i].id.to_string());
        }
    });
}

/// The answered questions that push `toward` hardest over `against`.
fn pushing(q: &Questionnaire, values: &[Option<Value>], eval: &Eval, toward: usize, against: usize) -> Vec<String> {
    let n = q.classes.len();
    let mut scored: Vec<(f64, usize)> = q
        .questions
        .iter()
        .enumerate()
        .filter(|(i, question)| eval.visible[*i] && is_scored(question))
        .filter_map(|(i, question)| {
            let c = contribution(question, values[i].as_ref()?, n);
            let lean = c[toward] - c[against];
            (lean > 0.0).then_some((lean, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(RECHECK_ANSWERS).map(|(_, i)| q.questions[i].id.to_string()).collect()
}

fn effect_word(e: RuleEffect) -> &'static str {
    match e {
        RuleEffect::Floor => "at least",
        RuleEffect::Ceiling => "at most",
        RuleEffect::Force => "exactly",
    }
}

fn points(x: f64) -> String {
    if x == 1.0 { "1 point".to_string() } else { format!("{x} points") }
}

/// The rule's questions, then the answers pushing `toward` over `against`, without repeats.
fn recheck_for(
    q: &Questionnaire,
    values: &[Option<Value>],
    eval: &Eval,
    r: usize,
    toward: usize,
    against: usize,
) -> Vec<String> {
    let mut recheck = Vec::new();
    rule_questions(q, r, &mut recheck);
    for id in pushing(q, values, eval, toward, against) {
        if !recheck.contains(&id) {
            recheck.push(id);
        }
    }
    recheck
}

/// "2 high, 1 medium": the findings counted by risk, highest first (empty when there are none).
pub fn risk_counts(findings: &[Finding]) -> String {
    let by = |r: Risk| findings.iter().filter(|f| f.risk == r).count();
    [Risk::High, Risk::Medium, Risk::Low]
        .into_iter()
        .filter(|r| by(*r) > 0)
        .map(|r| format!("{} {}", by(r), r.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Conflicts (schema 2 only): a rule that set a class other than the score leader, rules kept from
/// overturning a clear lead, and the questionnaire's own `[[conflicts]]` that hold.
pub fn conflicts(q: &Questionnaire, values: &[Option<Value>], eval: &Eval) -> Vec<Conflict> {
    let mut out = Vec::new();
    if q.schema < 2 {
        return out;
    }
    let label = |c: usize| q.classes[c].label.as_ref();
    let reason = |r: usize| fill(&q.rules[r].reason, q, values, &eval.visible);
    // A definitional rule setting the class is the definition applied, not a disagreement: the
    // questionnaire's own [[conflicts]] say when answers really contradict it.
    if let Decided::Rule(r) = eval.decided
        && eval.class != eval.score_class
        && !q.rule_is_definitional(r)
    {
        let rule = &q.rules[r];
        let lead = eval.scores[eval.score_class] - eval.scores[eval.class];
        let recheck = recheck_for(q, values, eval, r, eval.score_class, eval.class);
        let lean = if lead > 0.0 {
            format!("The answers lean {} (ahead of {} by {})", label(eval.score_class), label(eval.class), points(lead))
        } else {
            format!("The answers are undecided between {} and {}", label(eval.score_class), label(eval.class))
        };
        out.push(Conflict {
            id: format!("rule-vs-scores:{}", rule.id),
            text: format!(
                "{lean}, but rule `{}` makes it {} {}: {}. Re-check {}.",
                rule.id,
                effect_word(rule.effect),
                label(rule.class),
                reason(r),
                recheck.join(", ")
            ),
            recheck,
            rule: Some(rule.id.to_string()),
        });
    }
    for &r in &eval.overruled {
        let rule = &q.rules[r];
        let lead = eval.scores[eval.score_class] - eval.scores[rule.class];
        let recheck = recheck_for(q, values, eval, r, eval.score_class, rule.class);
        out.push(Conflict {
            id: format!("overruled:{}", rule.id),
            text: format!(
                "Rule `{}` says {} {}, but the answers clearly point to {} (ahead by {}): the more stringent class stands until they agree ({}). Re-check {}.",
                rule.id,
                effect_word(rule.effect),
                label(rule.class),
                label(eval.score_class),
                points(lead),
                reason(r),
                recheck.join(", ")
            ),
            recheck,
            rule: Some(rule.id.to_string()),
        });
    }
    for c in &q.conflicts {
        if holds(&c.when, values, &eval.visible) {
            out.push(Conflict {
                id: c.id.to_string(),
                text: fill(&c.text, q, values, &eval.visible),
                recheck: c.recheck.iter().map(|i| q.questions[*i].id.to_string()).collect(),
                rule: None,
            });
        }
    }
    out
}

/// `question=value` for every answered, applicable question a condition reads.
fn raised_by(q: &Questionnaire, values: &[Option<Value>], eval: &Eval, f: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    q.findings[f].when.for_each_question(&mut |i| {
        if let (true, Some(v)) = (eval.visible[i], values[i].as_ref()) {
            let text = super::whatif::set_text(&q.questions[i], v);
            if !out.contains(&text) {
                out.push(text);
            }
        }
    });
    out
}

/// The risk review: every finding whose condition holds for this verdict's class, highest risk first.
/// The answers that raised a finding are described for the first `described` findings only (a live
/// panel shows a handful; records ask for all).
pub fn findings(q: &Questionnaire, values: &[Option<Value>], eval: &Eval, described: usize) -> Vec<Finding> {
    let same_rule = |f: usize| q.index.finding_rule.get(f).copied().flatten();
    let mut held: Vec<usize> = (0..q.findings.len())
        .filter(|f| {
            let rule = &q.findings[*f];
            (rule.classes.is_empty() || rule.classes.contains(&eval.class))
                && match same_rule(*f) {
                    Some(r) => eval.fired.binary_search(&r).is_ok(),
                    None => holds(&rule.when, values, &eval.visible),
                }
        })
        .collect();
    // Stable: equal risks keep questionnaire order.
    held.sort_by_key(|f| std::cmp::Reverse(q.findings[*f].risk));
    held.iter()
        .enumerate()
        .map(|(k, &i)| {
            let f = &q.findings[i];
            Finding {
                id: f.id.to_string(),
                risk: f.risk,
                wa_risk: f.wa_risk,
                practice: f.practice.to_string(),
                text: f.text.to_string(),
                source: f.source.as_deref().map(str::to_string),
                see_also: f.see_also.as_deref().map(str::to_string),
                answers: if k < described { raised_by(q, values, eval, i) } else { Vec::new() },
                parts: Vec::new(),
                calls: Vec::new(),
            }
        })
        .collect()
}

/// The practices of `class` that apply to these answers (a practice's `when` must hold, if it has one).
pub fn practices(q: &Questionnaire, values: &[Option<Value>], visible: &[bool], class: usize) -> Vec<Practice> {
    let c = &q.classes[class];
    c.practices
        .iter()
        .enumerate()
        .filter(|(i, _)| c.practice_when.get(*i).and_then(Option::as_ref).is_none_or(|w| holds(w, values, visible)))
        .map(|(_, p)| p.clone())
        .collect()
}
