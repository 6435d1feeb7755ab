//! Comparing two answer sets to the same questionnaire: where they agree, where they do not, and
//! which disagreements matter — those that would change either side's verdict come first.

use serde::Serialize;

use crate::core::answers::Answers;
use crate::core::engine::evaluate::evaluate;
use crate::core::engine::{Verdict, classify_quick};
use crate::core::questionnaire::Questionnaire;

/// One question the two sides answered differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// Question index.
    #[serde(skip)]
    pub index: usize,
    /// Question id.
    pub question: String,
    /// The question.
    pub prompt: String,
    /// Side A's answer as people read it (`None`: unanswered).
    pub a: Option<String>,
    /// Side B's answer.
    pub b: Option<String>,
    /// Taking the other side's answer would change A's or B's verdict.
    pub changes_verdict: bool,
}

/// The comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Side A's verdict.
    pub a_verdict: Verdict,
    /// Side B's verdict.
    pub b_verdict: Verdict,
    /// Whether both sides reach the same class.
    pub same_class: bool,
    /// Disagreements, verdict-changing first, then in questionnaire order.
    pub disagreements: Vec<Disagreement>,
    /// Number of questions both answered alike (or both left open).
    pub agreements: usize,
}

/// Compares two answer sets.
pub fn diff(q: &Questionnaire, a: &Answers, b: &Answers) -> Diff {
    let a_verdict = classify_quick(q, a);
    let b_verdict = classify_quick(q, b);
    let a_class = a_verdict.class_index;
    let b_class = b_verdict.class_index;
    let mut disagreements = Vec::new();
    let mut agreements = 0;
    for (i, question) in q.questions.iter().enumerate() {
        if a.values[i] == b.values[i] {
            agreements += 1;
            continue;
        }
        let mut a_with_b = a.values.clone();
        a_with_b[i] = b.values[i].clone();
        let mut b_with_a = b.values.clone();
        b_with_a[i] = a.values[i].clone();
        let changes_verdict = evaluate(q, &a_with_b).class != a_class || evaluate(q, &b_with_a).class != b_class;
        disagreements.push(Disagreement {
            index: i,
            question: question.id.to_string(),
            prompt: question.prompt.to_string(),
            a: a.values[i].as_ref().map(|v| v.display(question)),
            b: b.values[i].as_ref().map(|v| v.display(question)),
            changes_verdict,
        });
    }
    // Stable sort: verdict-changing first, questionnaire order within each group.
    disagreements.sort_by_key(|d| !d.changes_verdict);
    Diff { same_class: a_class == b_class, a_verdict, b_verdict, disagreements, agreements }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Value;
    use crate::core::questionnaire::default_questionnaire;

    fn with(q: &Questionnaire, sets: &[(&str, &str)]) -> Answers {
        let mut a = Answers::empty(q);
        for (id, text) in sets {
            let i = q.question_index(id).unwrap();
            a.values[i] = Some(Value::parse(&q.questions[i], text).unwrap());
        }
        a
    }

    #[test]
    fn verdict_changing_disagreements_come_first() {
        let q = default_questionnaire();
        let a =
            with(&q, &[("caller", "person_sync"), ("response_window", "1s"), ("volume", "100"), ("arrival", "bursty")]);
        let b = with(
            &q,
            &[("caller", "person_sync"), ("response_window", "1d"), ("volume", "900"), ("arrival", "unpredictable")],
        );
        let d = diff(&q, &a, &b);
        assert!(!d.same_class);
        assert_eq!(d.disagreements[0].question, "response_window");
        assert!(d.disagreements[0].changes_verdict);
        let rest: Vec<&str> = d.disagreements[1..].iter().map(|x| x.question.as_str()).collect();
        assert_eq!(rest, ["arrival", "volume"]);
        assert!(d.disagreements[1..].iter().all(|x| !x.changes_verdict));
    }

    #[test]
    fn identical_answers_agree_everywhere() {
        let q = default_questionnaire();
        let a = with(&q, &[("caller", "nobody")]);
        let d = diff(&q, &a, &a.clone());
        assert!(d.same_class && d.disagreements.is_empty());
        assert_eq!(d.agreements, q.questions.len());
    }
}
