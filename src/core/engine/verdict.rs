//! The verdict people read: class, scores, confidence, completeness, reasons and what would change it.

use serde::{Deserialize, Serialize};

use super::evaluate::{Decided, Eval, contribution, evaluate};
use super::fill::fill;
use super::review::{Conflict, Finding, conflicts, findings};
use super::whatif::{Change, what_would_change};
use crate::core::answers::Answers;
use crate::core::questionnaire::{Questionnaire, RuleEffect, is_scored};

/// Scale of the margin→decisiveness curve: a lead of this many points gives decisiveness 0.5.
pub const MARGIN_SCALE: f64 = 3.0;

/// A verdict, ready to print or store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Class id.
    pub class: String,
    /// Class label.
    pub label: String,
    /// The current Well-Architected Framework's name for the kind (e.g. `synchronous`), when the
    /// questionnaire gives one: a second field beside `label`, never a renamed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wa_name: Option<String>,
    /// The rule that set the class, when one did (a class other than the score leader is always
    /// explained by this rule, and by a conflict unless the rule is definitional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    /// Index of the class, least stringent first.
    #[serde(skip)]
    pub class_index: usize,
    /// Score per class id, in class order.
    pub scores: Vec<ClassScore>,
    /// How far the answers settle the verdict, in [0, 1] (see docs/classification.md).
    pub confidence: f64,
    /// Answered applicable questions.
    pub answered: usize,
    /// Applicable (visible) questions.
    pub applicable: usize,
    /// Why, strongest first.
    pub reasons: Vec<Reason>,
    /// Single-answer changes that would move the verdict, smallest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// Answers that point different ways (schema 2); while there are any, confidence is at most 0.5.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// When the top scores tie: the tied class ids, most stringent first (the verdict is the first,
    /// with confidence 0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undecided: Vec<String>,
    /// The risk review: findings raised by the answers, highest risk first. Records keep them at the
    /// top level (`[[findings]]`), so [`crate::core::record::Record::new`] moves them out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

/// Confidence when a rule sets a class the scores do not lead with, before the opposing margin
/// scales it down: never more than even odds while the answers disagree.
pub const CONFLICT_CAP: f64 = 0.5;

/// One class's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassScore {
    /// Class id.
    pub class: String,
    /// Sum of the weights toward it.
    pub score: f64,
}

/// One reason behind a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// `answer` or `rule`.
    pub kind: ReasonKind,
    /// Question id or rule id.
    pub id: String,
    /// Human text.
    pub text: String,
    /// Support for the verdict: the verdict's weight minus the best other class's (rules: the decisive one is 100).
    pub support: f64,
    /// Where the reasoning comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Whether a reason is an answer's weight or a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// An answer's weights.
    Answer,
    /// A rule that fired.
    Rule,
}

impl Verdict {
    /// The label with the framework's current name, e.g. `Hard real-time (synchronous)`.
    pub fn full_label(&self) -> String {
        match &self.wa_name {
            Some(n) => format!("{} ({n})", self.label),
            None => self.label.clone(),
        }
    }

    /// Completeness, answered / applicable, in [0, 1].
    pub fn completeness(&self) -> f64 {
        if self.applicable == 0 { 1.0 } else { self.answered as f64 / self.applicable as f64 }
    }
}

/// The range of classes the fired rules leave possible: above every floor, below every ceiling that
/// was not overruled (a floor wins when they cross).
fn allowed(q: &Questionnaire, eval: &Eval) -> (usize, usize) {
    let mut lo = 0;
    let mut hi = q.classes.len() - 1;
    for r in &eval.fired {
        let rule = &q.rules[*r];
        match rule.effect {
            RuleEffect::Floor => lo = lo.max(rule.class),
            RuleEffect::Ceiling if !eval.overruled.contains(r) => hi = hi.min(rule.class),
            RuleEffect::Force if !eval.overruled.contains(r) => {
                lo = lo.max(rule.class);
                hi = hi.min(rule.class)
            }
            _ => {}
        }
    }
    (lo, hi.max(lo))
}

/// Decisiveness when the top two scores are within a tenth of each other (schema 3).
pub const NEAR_TIE_CAP: f64 = 0.75;

/// Whether the two highest scores are within a tenth of the higher one (and anything was scored).
pub fn near_tie(scores: &[f64]) -> bool {
    let mut sorted: Vec<f64> = scores.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    match sorted.as_slice() {
        [first, second, ..] => *first != 0.0 && first - second <= 0.1 * first.abs(),
        _ => false,
    }
}

fn signed(x: f64) -> String {
    if x >= 0.0 { format!("+{x}") } else { format!("{x}") }
}

/// Classifies answers: the one function every face calls. Every reason is kept (records store them).
pub fn classify(q: &Questionnaire, answers: &Answers) -> Verdict {
    classify_with(q, answers, true, usize::MAX)
}

/// Classifies without the "what would change it" search (cheaper; used for previews and diffs).
pub fn classify_quick(q: &Questionnaire, answers: &Answers) -> Verdict {
    classify_with(q, answers, false, usize::MAX)
}

/// Classifies with control over the costly parts: the what-if search, and how many reasons get text
/// (a live panel shows a handful; formatting hundreds of unused reasons would cost every keystroke).
pub fn classify_with(q: &Questionnaire, answers: &Answers, what_if: bool, max_reasons: usize) -> Verdict {
    classify_described(q, answers, what_if, max_reasons, usize::MAX)
}

/// [`classify_with`] for a live view that shows a handful of findings: the answers behind a finding
/// are described for the first `max_reasons` findings only (the rest have none). Never for records.
pub fn classify_live(q: &Questionnaire, answers: &Answers, what_if: bool, max_reasons: usize) -> Verdict {
    classify_described(q, answers, what_if, max_reasons, max_reasons)
}

fn classify_described(
    q: &Questionnaire,
    answers: &Answers,
    what_if: bool,
    max_reasons: usize,
    described: usize,
) -> Verdict {
    let eval = evaluate(q, &answers.values);
    let mut v = describe(q, answers, &eval, max_reasons);
    if q.is_risk_review() {
        // A lens's reasons are its questions' risks (rules); its weights only keep the levels apart.
        v.reasons.retain(|r| r.kind == ReasonKind::Rule);
    }
    v.findings = findings(q, &answers.values, &eval, described);
    if what_if {
        v.changes = what_would_change(q, &answers.values, &eval);
    }
    v
}

/// Where a reason comes from, before its text is made.
enum Source {
    Answer(usize, Vec<f64>),
    Rule(usize),
}

/// What the answers cover: applicable and answered questions, the share of the scored weight
/// answered, and every reason-to-be with how strongly it supports the verdict.
struct Tally {
    answered: usize,
    applicable: usize,
    coverage: f64,
    pending: Vec<(f64, Source)>,
}

fn tally(q: &Questionnaire, answers: &Answers, eval: &Eval) -> Tally {
    let n = q.classes.len();
    let verdict = eval.class;
    let (mut answered, mut applicable) = (0, 0);
    let (mut covered, mut total) = (0.0, 0.0);
    let mut pending: Vec<(f64, Source)> = Vec::new();
    for (i, question) in q.questions.iter().enumerate() {
        if !eval.visible[i] {
            continue;
        }
        applicable += 1;
        // Text, informational and design questions count toward completeness but carry no weight.
        let scored = is_scored(question);
        let weight = if scored { q.index.influence[i] } else { 0.0 };
        total += weight;
        let Some(value) = &answers.values[i] else { continue };
        answered += 1;
        covered += weight;
        if !scored {
            continue;
        }
        let c = contribution(question, value, n);
        if c.iter().all(|x| *x == 0.0) {
            continue;
        }
        let other = (0..n).filter(|k| *k != verdict).map(|k| c[k]).fold(f64::MIN, f64::max);
        let support = if n > 1 { c[verdict] - other } else { c[verdict] };
        pending.push((support, Source::Answer(i, c)));
    }
    // A rule that decided, or that names the verdict's own class (a definitional rule agreeing with
    // the scores), leads the reasons; a rule kept from overturning a clear lead argues against.
    for r in &eval.fired {
        let rule = &q.rules[*r];
        let support = if eval.decided == Decided::Rule(*r) || rule.class == verdict {
            100.0
        } else if eval.overruled.contains(r) {
            -100.0
        } else {
            0.0
        };
        pending.push((support, Source::Rule(*r)));
    }
    let coverage = if total > 0.0 { covered / total } else { 0.0 };
    Tally { answered, applicable, coverage, pending }
}

/// A reason's text, from the answer or rule it comes from.
fn reason(q: &Questionnaire, answers: &Answers, eval: &Eval, support: f64, src: Source) -> Reason {
    let n = q.classes.len();
    match src {
        Source::Answer(i, c) => {
            let question = &q.questions[i];
            let parts: Vec<String> =
                (0..n).filter(|k| c[*k] != 0.0).map(|k| format!("{} {}", signed(c[k]), q.classes[k].label)).collect();
            let value = answers.values[i].as_ref().map(|v| v.display(question)).unwrap_or_default();
            Reason {
                kind: ReasonKind::Answer,
                id: question.id.to_string(),
                text: format!("{}: {value} ({})", question.id, parts.join(", ")),
                support,
                source: question.source.as_deref().map(str::to_string),
            }
        }
        Source::Rule(r) => {
            let rule = &q.rules[r];
            let effect = match rule.effect {
                RuleEffect::Floor => "at least",
                RuleEffect::Ceiling => "at most",
                RuleEffect::Force => "exactly",
            };
            let what = if q.rule_is_definitional(r) { "by definition" } else { "rule" };
            Reason {
                kind: ReasonKind::Rule,
                id: rule.id.to_string(),
                text: format!(
                    "{} ({what}: {effect} {})",
                    fill(&rule.reason, q, &answers.values, &eval.visible),
                    q.classes[rule.class].label
                ),
                support,
                source: rule.source.as_deref().map(str::to_string),
            }
        }
    }
}

/// How far the top score leads the best other (the top score itself when there is one class).
fn margin_over(eval: &Eval, n: usize, k: usize) -> f64 {
    let top = eval.scores[k];
    let second = (0..n).filter(|j| *j != k).map(|j| eval.scores[j]).fold(f64::MIN, f64::max);
    if n > 1 { (top - second).max(0.0) } else { top.abs() }
}

/// How clearly the verdict is decided, before coverage and conflicts: 0 (undecided) to 1.
fn decisiveness(q: &Questionnaire, eval: &Eval) -> f64 {
    // A risk review (a lens) is defined by its rules, not weighed: its confidence is how much of it
    // is answered, as the WA Tool's "unanswered" count says.
    if q.is_risk_review() {
        return 1.0;
    }
    let verdict = eval.class;
    let honest = q.schema >= 2;
    let decisiveness = match eval.decided {
        Decided::Default => 0.0,
        Decided::Rule(r) if honest && verdict != eval.score_class && !q.rule_is_definitional(r) => {
            // The rule overrides the leader: even odds at best, less the further the scores disagree.
            let opposing = eval.scores[eval.score_class] - eval.scores[verdict];
            CONFLICT_CAP * super::verdict::MARGIN_SCALE / (super::verdict::MARGIN_SCALE + opposing.max(0.0))
        }
        // Rules narrow the classes still possible; the scores decide among what remains, so a
        // definitional rule that rules out the runner-up settles the verdict.
        _ if honest => {
            let (lo, hi) = allowed(q, eval);
            match (lo..=hi).filter(|k| *k != verdict).map(|k| eval.scores[k]).reduce(f64::max) {
                None => 1.0,
                Some(second) => {
                    let margin = (eval.scores[verdict] - second).max(0.0);
                    margin / (margin + MARGIN_SCALE)
                }
            }
        }
        Decided::Rule(_) => 1.0,
        Decided::Scores => {
            let margin = margin_over(eval, q.classes.len(), verdict);
            margin / (margin + MARGIN_SCALE)
        }
    };
    // Schema 3: a rule may settle the class, but when the answers alone were nearly split (the top
    // two scores within a tenth of each other) the verdict is never stated as a certainty.
    // Likewise when a definitional rule set the class against the score leader: the definition
    // settles the kind, but answers that lean elsewhere are worth a second look.
    let against_leader =
        verdict != eval.score_class && matches!(eval.decided, Decided::Rule(r) if q.rule_is_definitional(r));
    if q.schema >= 3 && (near_tie(&eval.scores) || against_leader) {
        decisiveness.min(NEAR_TIE_CAP)
    } else {
        decisiveness
    }
}

fn describe(q: &Questionnaire, answers: &Answers, eval: &Eval, max_reasons: usize) -> Verdict {
    let n = q.classes.len();
    let verdict = eval.class;
    let Tally { answered, applicable, coverage, mut pending } = tally(q, answers, eval);
    // Strongest first; the sort is stable, so ties keep questionnaire order and output is stable.
    pending.sort_by(|a, b| b.0.total_cmp(&a.0));
    let reasons =
        pending.into_iter().take(max_reasons).map(|(support, src)| reason(q, answers, eval, support, src)).collect();
    let conflicts = conflicts(q, &answers.values, eval);
    // A tie at the top, with answers scored and no rule deciding: "undecided between X and Y" —
    // among the classes a fired floor still allows (floors always apply: a lens's high-risk rule
    // leaves nothing to decide even when no weight breaks the tie).
    let floor = eval.fired.iter().filter(|r| q.rules[**r].effect == RuleEffect::Floor).map(|r| q.rules[*r].class).max();
    let mut undecided = Vec::new();
    if q.schema >= 2
        && eval.any_scored
        && eval.decided == Decided::Scores
        && margin_over(eval, n, verdict) == 0.0
        && n > 1
    {
        undecided = (0..n)
            .rev()
            .filter(|k| eval.scores[*k] == eval.scores[verdict] && Some(*k) >= floor)
            .map(|k| q.classes[k].id.to_string())
            .collect();
        if undecided.len() < 2 {
            undecided.clear();
        }
    }
    let mut confidence = coverage * decisiveness(q, eval);
    if !conflicts.is_empty() {
        // Never more than even odds while answers conflict, and less with every further conflict.
        confidence = confidence.min(CONFLICT_CAP / conflicts.len() as f64);
    }
    if !undecided.is_empty() {
        confidence = 0.0;
    }
    let confidence = (confidence * 100.0).round() / 100.0;
    Verdict {
        class: q.classes[verdict].id.to_string(),
        label: q.classes[verdict].label.to_string(),
        wa_name: q.classes[verdict].wa_name.as_deref().map(str::to_string),
        decided_by: match eval.decided {
            Decided::Rule(r) => Some(q.rules[r].id.to_string()),
            _ => None,
        },
        class_index: verdict,
        scores: q
            .classes
            .iter()
            .zip(&eval.scores)
            .map(|(c, s)| ClassScore { class: c.id.to_string(), score: *s })
            .collect(),
        confidence,
        answered,
        applicable,
        reasons,
        changes: Vec::new(),
        conflicts,
        undecided,
        findings: Vec::new(),
    }
}
