//! The risk review of an imported lens as the WA Tool counts it: questions at high, medium and no
//! risk, and unanswered ones.

use crate::core::engine::Verdict;
use crate::core::questionnaire::{Questionnaire, Risk};

/// How many questions have each risk, as the WA Tool's review shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuestionCounts {
    /// Questions at high risk.
    pub high: usize,
    /// Questions at medium risk.
    pub medium: usize,
    /// Answered questions at no risk.
    pub none: usize,
    /// Questions not answered yet.
    pub unanswered: usize,
}

impl QuestionCounts {
    /// "1 high · 1 medium · 2 none · 0 unanswered".
    pub fn text(&self) -> String {
        format!("{} high · {} medium · {} none · {} unanswered", self.high, self.medium, self.none, self.unanswered)
    }
}

/// The per-question counts of a lens's review (`None` for a questionnaire that is not a lens). Each
/// question has at most one risk finding (the first rule that holds), named `QUESTION__rule_N`.
pub fn question_counts(q: &Questionnaire, v: &Verdict) -> Option<QuestionCounts> {
    if !q.is_risk_review() {
        return None;
    }
    let mut c = QuestionCounts { unanswered: v.applicable.saturating_sub(v.answered), ..Default::default() };
    let mut seen: Vec<&str> = Vec::new();
    for f in &v.findings {
        let question = f.id.split_once("__rule_").map_or(f.id.as_str(), |(q, _)| q);
        if seen.contains(&question) {
            continue;
        }
        seen.push(question);
        match f.risk {
            Risk::High => c.high += 1,
            _ => c.medium += 1,
        }
    }
    c.none = v.answered.saturating_sub(c.high + c.medium);
    Some(c)
}
