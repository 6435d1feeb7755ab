//! The "inert question" warning: a question no weight, rule or `show_if` can ever make matter.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::load::Checker;
use super::model::*;
use crate::core::diagnostics::Diagnostic;

impl Checker {
    /// Warns about questions whose answer can never change the verdict: no weights, no rule, no `show_if`.
    /// `text` is read again for the questions' spans only when there is something to warn about (a
    /// second parse of a large file would otherwise slow every start).
    pub(super) fn warn_inert(&mut self, q: &Questionnaire, text: &str) {
        let mut spans: Option<BTreeMap<usize, Range<usize>>> = None;
        let mut referenced = vec![false; q.questions.len()];
        for r in &q.rules {
            r.when.for_each_question(&mut |i| referenced[i] = true);
        }
        for question in &q.questions {
            if let Some(c) = &question.show_if {
                c.for_each_question(&mut |i| referenced[i] = true);
            }
        }
        for (i, question) in q.questions.iter().enumerate() {
            if question.kind == Kind::Text || question.informational || question.design || referenced[i] {
                continue;
            }
            let weighted = question.weight_vectors().any(|w| w.iter().any(|x| *x != 0.0));
            if !weighted {
                self.diags.push(
                    Diagnostic::warning(
                        format!("question `{}` can never affect the verdict", question.id),
                        spans.get_or_insert_with(|| question_ids_spans(text, q)).get(&i).cloned(),
                    )
                    .with_help(
                        "give its choices or bands weights, name it in a rule, or mark it `informational = true`",
                    ),
                );
            }
        }
    }
}

/// Finds the span of each question's `id = "…"` value, for warnings raised after conversion.
fn question_ids_spans(text: &str, q: &Questionnaire) -> BTreeMap<usize, Range<usize>> {
    #[derive(serde::Deserialize)]
    struct Ids {
        questions: Vec<IdOnly>,
    }
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: Spanned<String>,
    }
    let mut out = BTreeMap::new();
    if let Ok(ids) = toml::from_str::<Ids>(text) {
        for (i, id) in ids.questions.iter().enumerate().take(q.questions.len()) {
            out.insert(i, id.id.span());
        }
    }
    out
}
