//! Checking one question: its section, choices, bands, yes/no weights, bounds and `show_if`, and
//! that a design question carries no weights. Split from `load.rs` so each file holds one concern.

use toml::Spanned;

use super::load::{Checker, span};
use super::model::*;
use super::raw::*;
use crate::core::duration::Duration;
use crate::core::suggest::did_you_mean;
use crate::core::text::safe;

/// The largest weight a questionnaire may give (either sign). With at most
/// [`super::MAX_FILE_BYTES`] of file, scores then stay far from overflow, so every score and
/// confidence is a finite number.
pub const MAX_WEIGHT: f64 = 1000.0;

impl Checker {
    pub(super) fn weights(&mut self, w: Option<&RawWeights>) -> Weights {
        let mut out = vec![0.0; self.classes.len()];
        let Some(w) = w else { return out };
        for (class, value) in w.get_ref() {
            match self.classes.iter().position(|c| c == class) {
                Some(i) => {
                    if !value.is_finite() || value.abs() > MAX_WEIGHT {
                        self.err(
                            format!(
                                "weight for `{class}` is {value:e}; weights lie between -{MAX_WEIGHT} and {MAX_WEIGHT}"
                            ),
                            span(w),
                            "use a small number such as 2 or -1.5: only differences between classes matter",
                        );
                        continue;
                    }
                    out[i] = *value;
                }
                None => {
                    let help =
                        format!("{}known classes: {}", did_you_mean(class, &self.classes), self.classes.join(", "));
                    self.err(format!("weights name unknown class `{class}`"), span(w), help);
                }
            }
        }
        out
    }

    pub(super) fn bound(&mut self, kind: Kind, b: &Spanned<RawBound>) -> Option<f64> {
        match (kind, b.get_ref()) {
            (Kind::Duration, RawBound::Text(t)) => match Duration::parse(t) {
                Ok(d) => Some(d.as_millis() as f64),
                Err(e) => {
                    self.err(
                        format!("unparseable duration: {e}"),
                        span(b),
                        "write it as a string such as \"10s\" or \"5m\"",
                    );
                    None
                }
            },
            (Kind::Duration, RawBound::Number(_)) => {
                self.err(
                    "a duration bound must be a string with a unit",
                    span(b),
                    "write it as \"10s\", \"5m\" or \"1h\"",
                );
                None
            }
            (Kind::Number, RawBound::Number(n)) if n.is_finite() => Some(*n),
            (Kind::Number, _) => {
                self.err("a number bound must be a number", span(b), "write it without quotes, e.g. 100");
                None
            }
            (other, _) => {
                self.err(
                    format!("a `{}` question has no bands or bounds", other.name()),
                    span(b),
                    "bounds apply to duration and number questions only",
                );
                None
            }
        }
    }

    pub(super) fn question(&mut self, index: usize, q: RawQuestion, sections: &[Section]) -> Question {
        let kind = *q.kind.get_ref();
        let section = self.section_of(&q, sections);
        let choices = self.choices(&q, kind);
        let bands = self.bands(&q, kind);
        if kind != Kind::YesNo {
            for w in [&q.yes, &q.no].into_iter().flatten() {
                self.err(
                    format!("a `{}` question takes no yes/no weights", kind.name()),
                    span(w),
                    "remove them, or change kind to \"yes_no\"",
                );
            }
        }
        let yes = self.weights(q.yes.as_ref());
        let no = self.weights(q.no.as_ref());
        if (q.min.is_some() || q.whole) && kind != Kind::Number {
            self.err(
                format!("`min` and `whole` apply to number questions, not `{}`", kind.name()),
                span(&q.id),
                "remove them, or change kind to \"number\"",
            );
        }
        if q.min.is_some_and(|m| !m.is_finite()) {
            self.err("`min` is not a finite number", span(&q.id), "write a number such as 0, or remove `min`");
        }
        let show_if = q.show_if.as_ref().and_then(|c| self.condition(c, index));
        if let (Some(cond), Some(raw_cond), false) = (&show_if, &q.show_if, self.design[index]) {
            self.no_design_reads(cond, raw_cond, "the `show_if` of a scored question");
        }
        let design = self.design_check(&q, &choices, &bands, [&yes, &no]);
        Question {
            id: q.id.into_inner().into(),
            section,
            kind,
            prompt: safe(&q.prompt).into(),
            help: safe(&q.help).into(),
            source: q.source.as_deref().map(safe).map(Into::into),
            choices,
            bands,
            yes,
            no,
            unit: q.unit.as_deref().map(safe).map(Into::into),
            min: q.min,
            whole: q.whole,
            informational: q.informational,
            design,
            show_if,
        }
    }

    /// The section a question names, if it names a known one.
    fn section_of(&mut self, q: &RawQuestion, sections: &[Section]) -> Option<usize> {
        q.section.as_ref().and_then(|s| {
            let found = sections.iter().position(|x| &x.id == s.get_ref());
            if found.is_none() {
                let names: Vec<String> = sections.iter().map(|x| x.id.to_string()).collect();
                let help = format!("{}known sections: {}", did_you_mean(s.get_ref(), &names), names.join(", "));
                self.err(format!("unknown section `{}`", s.get_ref()), span(s), help);
            }
            found
        })
    }

    /// A choice question's choices: at least one, at most 64, ids unique; none on other kinds.
    fn choices(&mut self, q: &RawQuestion, kind: Kind) -> Vec<Choice> {
        let is_choice = matches!(kind, Kind::Single | Kind::Multiple);
        let mut choices = Vec::new();
        match (&q.choices, is_choice) {
            (Some(list), true) => {
                if list.get_ref().is_empty() {
                    self.err(
                        format!("question `{}` has an empty choice list", q.id.get_ref()),
                        span(list),
                        "add at least two [[questions.choices]] tables",
                    );
                }
                if list.get_ref().len() > 64 {
                    self.err("more than 64 choices", span(list), "split the question; 64 choices is the limit");
                }
                let ids: Vec<&Spanned<String>> = list.get_ref().iter().map(|c| &c.id).collect();
                self.unique_ids("choice", &ids);
                for c in list.get_ref() {
                    let weights = self.weights(c.weights.as_ref());
                    choices.push(Choice {
                        id: c.id.get_ref().clone().into(),
                        label: safe(&c.label).into(),
                        help: safe(&c.help).into(),
                        weights,
                    });
                }
            }
            (None, true) => self.err(
                format!("`{}` question `{}` has no choices", kind.name(), q.id.get_ref()),
                span(&q.id),
                "add [[questions.choices]] tables with id and label",
            ),
            (Some(list), false) => self.err(
                format!("a `{}` question takes no choices", kind.name()),
                span(list),
                "remove the choices, or change kind to \"single\" or \"multiple\"",
            ),
            (None, false) => {}
        }
        choices
    }

    /// A duration or number question's bands, ascending, only the last open-ended; none on others.
    fn bands(&mut self, q: &RawQuestion, kind: Kind) -> Vec<Band> {
        let mut bands = Vec::new();
        match (&q.bands, matches!(kind, Kind::Duration | Kind::Number)) {
            (Some(list), true) => {
                let n = list.get_ref().len();
                let mut last: Option<f64> = None;
                for (i, b) in list.get_ref().iter().enumerate() {
                    let up_to = match &b.up_to {
                        Some(bound) => {
                            let v = self.bound(kind, bound);
                            if let (Some(v), Some(prev)) = (v, last)
                                && v <= prev
                            {
                                self.err(
                                    "bands must be in ascending order of `up_to`",
                                    span(bound),
                                    "sort the bands from smallest to largest",
                                );
                            }
                            last = v.or(last);
                            v
                        }
                        None if i + 1 == n => None,
                        None => {
                            self.err(
                                "only the last band may leave out `up_to`",
                                span(list),
                                "add `up_to` or move this band to the end",
                            );
                            None
                        }
                    };
                    let label = b.label.as_deref().map(safe).unwrap_or_else(|| match (kind, up_to) {
                        (Kind::Duration, Some(ms)) => format!("up to {}", Duration(ms as u64)),
                        (_, Some(v)) => format!("up to {v}"),
                        (_, None) => "more".to_string(),
                    });
                    let weights = self.weights(b.weights.as_ref());
                    bands.push(Band { up_to, label: label.into(), weights });
                }
            }
            (Some(list), false) => self.err(
                format!("a `{}` question takes no bands", kind.name()),
                span(list),
                "bands apply to duration and number questions only",
            ),
            _ => {}
        }
        bands
    }

    /// Whether the question is a design question; a design question never carries weights.
    fn design_check(&mut self, q: &RawQuestion, choices: &[Choice], bands: &[Band], yes_no: [&Vec<f64>; 2]) -> bool {
        let design = q.design.as_ref().is_some_and(|d| *d.get_ref());
        if design {
            let weighted = choices
                .iter()
                .map(|c| &c.weights)
                .chain(bands.iter().map(|b| &b.weights))
                .chain(yes_no)
                .any(|w| w.iter().any(|x| *x != 0.0));
            if weighted {
                self.err(
                    format!("design question `{}` has weights", q.id.get_ref()),
                    q.design.as_ref().and_then(span),
                    "a design answer describes how the system is built, not what it requires, so it never scores: remove its weights, or drop `design = true`",
                );
            }
        }
        design
    }
}
