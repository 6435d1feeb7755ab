//! Checking conditions (`show_if`, rule `when`): their shape, the questions and choices they name,
//! that tests fit the question's kind, and that `show_if` only looks back.

use toml::Spanned;

use super::load::{Checker, span};
use super::model::{Condition, Kind, Test};
use super::raw::RawCondition;
use crate::core::suggest::did_you_mean;

impl Checker {
    /// Checks a condition; `owner` is the index of the question whose `show_if` this is
    /// (`usize::MAX` for rules, which may name any question).
    pub(super) fn condition(&mut self, c: &Spanned<RawCondition>, owner: usize) -> Option<Condition> {
        let r = c.get_ref();
        let groups = [r.all.is_some(), r.any.is_some(), r.not.is_some()];
        let tests = [
            r.any_of.is_some(),
            r.all_of.is_some(),
            r.is.is_some(),
            r.at_most.is_some(),
            r.at_least.is_some(),
            r.answered.is_some(),
        ];
        let n_groups = groups.iter().filter(|b| **b).count();
        let n_tests = tests.iter().filter(|b| **b).count();
        let shape_help = "write either { question = \"id\", any_of = [...] } (or all_of, is, at_most, at_least, answered), or { all = [...] }, { any = [...] }, { not = {...} }";
        if n_groups + n_tests != 1 || (n_tests == 1) != r.question.is_some() {
            self.err("a condition needs exactly one test or one of all/any/not", span(c), shape_help);
            return None;
        }
        if let Some(parts) = r.all.as_ref().or(r.any.as_ref()) {
            if parts.get_ref().is_empty() {
                self.err("an empty condition list", span(parts), "list at least one condition");
                return None;
            }
            let mut out = Vec::new();
            for p in parts.get_ref() {
                out.push(self.condition(p, owner)?);
            }
            return Some(if r.all.is_some() { Condition::All(out) } else { Condition::Any(out) });
        }
        if let Some(inner) = &r.not {
            return Some(Condition::Not(Box::new(self.condition(inner, owner)?)));
        }
        let qid = r.question.as_ref()?;
        let qi = self.condition_question(qid, owner)?;
        let test = self.test(r, qid, qi)?;
        Some(Condition::Test { question: qi, test })
    }

    /// The question a test names: known, and for `show_if` asked before its owner.
    fn condition_question(&mut self, qid: &Spanned<String>, owner: usize) -> Option<usize> {
        let Some(qi) = self.questions.iter().position(|(id, _, _)| id == qid.get_ref()) else {
            let names: Vec<String> = self.questions.iter().map(|q| q.0.clone()).collect();
            let help = format!("{}check the question id", did_you_mean(qid.get_ref(), &names));
            self.err(format!("condition names unknown question `{}`", qid.get_ref()), span(qid), help);
            return None;
        };
        if owner != usize::MAX && qi >= owner {
            let (msg, help) = if qi == owner {
                (
                    "`show_if` refers to its own question, a cycle",
                    "a question cannot depend on its own answer; name an earlier question",
                )
            } else {
                (
                    "`show_if` refers forward to a later question",
                    "a question can only depend on questions asked before it; move it below that question",
                )
            };
            self.err(format!("{msg} (`{}`)", qid.get_ref()), span(qid), help);
            return None;
        }
        Some(qi)
    }

    /// The test of a condition on question `qi`, fitting its kind.
    fn test(&mut self, r: &RawCondition, qid: &Spanned<String>, qi: usize) -> Option<Test> {
        let (_, kind, choice_ids) = self.questions[qi].clone();
        let test = if let Some(list) = r.any_of.as_ref().or(r.all_of.as_ref()) {
            if !matches!(kind, Kind::Single | Kind::Multiple) {
                self.err(
                    format!("`any_of`/`all_of` test a choice question, but `{}` is `{}`", qid.get_ref(), kind.name()),
                    span(list),
                    "use `is` for yes/no, `at_most`/`at_least` for durations and numbers",
                );
                return None;
            }
            let idx = self.choice_indices(list.get_ref(), qid, &choice_ids)?;
            if r.any_of.is_some() { Test::AnyOf(idx) } else { Test::AllOf(idx) }
        } else if let Some(b) = &r.is {
            if kind != Kind::YesNo {
                self.err(
                    format!("`is` tests a yes/no question, but `{}` is `{}`", qid.get_ref(), kind.name()),
                    span(b),
                    "use any_of for choices, at_most/at_least for durations and numbers",
                );
                return None;
            }
            Test::Is(*b.get_ref())
        } else if let Some(b) = r.at_most.as_ref().or(r.at_least.as_ref()) {
            if !matches!(kind, Kind::Duration | Kind::Number) {
                self.err(
                    format!(
                        "`at_most`/`at_least` test a duration or number, but `{}` is `{}`",
                        qid.get_ref(),
                        kind.name()
                    ),
                    span(b),
                    "use any_of for choices, is for yes/no",
                );
                return None;
            }
            let v = self.bound(kind, b)?;
            if r.at_most.is_some() { Test::AtMost(v) } else { Test::AtLeast(v) }
        } else {
            Test::Answered(*r.answered.as_ref()?.get_ref())
        };
        Some(test)
    }

    /// The indices of the choices a test names (each must be a choice of the question).
    fn choice_indices(
        &mut self,
        list: &[Spanned<String>],
        qid: &Spanned<String>,
        choice_ids: &[String],
    ) -> Option<Vec<usize>> {
        let mut idx = Vec::new();
        for choice in list {
            match choice_ids.iter().position(|c| c == choice.get_ref()) {
                Some(i) => idx.push(i),
                None => {
                    let help = format!(
                        "{}choices of `{}`: {}",
                        did_you_mean(choice.get_ref(), choice_ids),
                        qid.get_ref(),
                        choice_ids.join(", ")
                    );
                    self.err(
                        format!("unknown choice `{}` for question `{}`", choice.get_ref(), qid.get_ref()),
                        span(choice),
                        help,
                    );
                    return None;
                }
            }
        }
        Some(idx)
    }
}
