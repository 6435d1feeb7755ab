//! Checking the review parts of a questionnaire: `[[conflicts]]` (answers that cannot all hold) and
//! `[[findings]]` (risks the answers raise), and that no rule reads a design question.

use toml::Spanned;

use super::load::{Checker, span};
use super::model::{Condition, ConflictRule, FindingRule};
use super::raw::{RawConflict, RawFinding};
use crate::core::suggest::did_you_mean;
use crate::core::text::safe;

impl Checker {
    /// A rule that reads a design answer would let today's design decide the required kind.
    pub(super) fn no_design_reads(&mut self, c: &Condition, at: &Spanned<super::raw::RawCondition>, who: &str) {
        let mut names: Vec<String> = Vec::new();
        c.for_each_question(&mut |i| {
            if self.design.get(i).copied().unwrap_or(false) && !names.contains(&self.questions[i].0) {
                names.push(self.questions[i].0.clone());
            }
        });
        if !names.is_empty() {
            self.err(
                format!("{who} reads design question(s) {}", names.join(", ")),
                span(at),
                "the required kind comes from the requirement, not from how the system is built today: read design answers only in [[findings]]",
            );
        }
    }

    fn question_ref(&mut self, id: &Spanned<String>) -> Option<usize> {
        let found = self.questions.iter().position(|q| &q.0 == id.get_ref());
        if found.is_none() {
            let names: Vec<String> = self.questions.iter().map(|q| q.0.clone()).collect();
            let help = format!("{}check the question id", did_you_mean(id.get_ref(), &names));
            self.err(format!("unknown question `{}`", id.get_ref()), span(id), help);
        }
        found
    }

    pub(super) fn conflicts(&mut self, raw: Vec<RawConflict>) -> Vec<ConflictRule> {
        let ids: Vec<&Spanned<String>> = raw.iter().map(|c| &c.id).collect();
        self.unique_ids("conflict", &ids);
        let mut out = Vec::new();
        for c in raw {
            let when = self.condition(&c.when, usize::MAX);
            let recheck: Vec<usize> = c.recheck.iter().filter_map(|r| self.question_ref(r)).collect();
            self.placeholders(&c.text, c.id.span());
            if let Some(when) = when {
                out.push(ConflictRule { id: c.id.into_inner().into(), when, text: safe(&c.text).into(), recheck });
            }
        }
        out
    }

    pub(super) fn findings(&mut self, raw: Vec<RawFinding>) -> Vec<FindingRule> {
        let ids: Vec<&Spanned<String>> = raw.iter().map(|f| &f.id).collect();
        self.unique_ids("finding", &ids);
        let mut out = Vec::new();
        for f in raw {
            let when = self.condition(&f.when, usize::MAX);
            let classes: Vec<usize> = f.classes.iter().filter_map(|c| self.class_id(c)).collect();
            if f.practice.trim().is_empty() {
                self.err(
                    "a finding needs a practice id",
                    span(&f.id),
                    "name the best practice, e.g. practice = \"REL05-BP03\"",
                );
            }
            if let Some(when) = when {
                out.push(FindingRule {
                    id: f.id.into_inner().into(),
                    risk: f.risk,
                    wa_risk: f.wa_risk,
                    practice: safe(&f.practice).into(),
                    text: safe(&f.text).into(),
                    source: f.source.as_deref().map(safe).map(Into::into),
                    see_also: f.see_also.as_deref().map(safe).map(Into::into),
                    when,
                    classes,
                });
            }
        }
        out
    }
}
