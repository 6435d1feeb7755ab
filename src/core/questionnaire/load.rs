//! Turns questionnaire text into a checked [`Questionnaire`], or a [`Report`] saying what to fix and where.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use toml::Spanned;

use super::model::*;
use super::raw::*;
use crate::core::diagnostics::{Diagnostic, Report};
use crate::core::digest::sha256_digest;
use crate::core::duration::Duration;
use crate::core::suggest::did_you_mean;
// Every text a face will show is made terminal-safe once, here, so no face can forget to.
use crate::core::text::safe;

/// The newest questionnaire schema this build reads.
pub const SCHEMA_VERSION: i64 = 2;

/// Largest questionnaire or record file read, so a huge file is refused rather than exhausting memory.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Loads and checks a questionnaire. On success the warnings (if any) come back beside it.
pub fn load(file: &str, text: &str) -> Result<(Questionnaire, Report), Report> {
    let mut report = Report { file: file.to_string(), source: text.to_string(), diagnostics: Vec::new() };
    if text.len() > MAX_FILE_BYTES {
        report.diagnostics.push(
            Diagnostic::error(format!("the file is {} bytes; the limit is {MAX_FILE_BYTES}", text.len()), None)
                .with_help("questionnaires are small text files; check that this is the right file"),
        );
        return Err(report);
    }
    let raw: RawQuestionnaire = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            report.diagnostics.push(toml_error(&e));
            return Err(report);
        }
    };
    let mut c = Checker::default();
    let q = c.questionnaire(raw, text);
    report.diagnostics = c.diags;
    if report.has_errors() { Err(report) } else { Ok((q, report)) }
}

/// A TOML or shape error from the parser, with a help line for the common cases.
pub fn toml_error(e: &toml::de::Error) -> Diagnostic {
    let msg = e.message().trim().to_string();
    let help = if msg.contains("unknown field") {
        "remove the key or fix its spelling; the keys this table accepts are listed above"
    } else if msg.contains("missing field") {
        "add the field to this table"
    } else if msg.contains("unknown variant") {
        "use one of the values listed"
    } else if msg.contains("invalid type") {
        "change the value to the type named"
    } else {
        "fix the TOML syntax at this spot (strings need quotes, tables need [brackets])"
    };
    Diagnostic::error(msg, e.span()).with_help(help)
}

/// Collects findings while converting the raw file into the model.
#[derive(Default)]
pub(super) struct Checker {
    pub(super) diags: Vec<Diagnostic>,
    pub(super) classes: Vec<String>,
    /// (id, kind, choice ids) of every question, in order.
    pub(super) questions: Vec<(String, Kind, Vec<String>)>,
    /// Whether each question is a design question.
    pub(super) design: Vec<bool>,
}

pub(super) fn span<T>(s: &Spanned<T>) -> Option<Range<usize>> {
    Some(s.span())
}

impl Checker {
    pub(super) fn err(&mut self, msg: impl Into<String>, at: Option<Range<usize>>, help: impl Into<String>) {
        self.diags.push(Diagnostic::error(msg, at).with_help(help));
    }

    pub(super) fn unique_ids(&mut self, what: &str, ids: &[&Spanned<String>]) {
        let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
        for id in ids {
            if id.get_ref().trim().is_empty() {
                self.err(format!("{what} id is empty"), span(id), "give it a short id such as `my_id`");
            } else if seen.contains_key(id.get_ref().as_str()) {
                self.err(
                    format!("duplicate {what} id `{}`", id.get_ref()),
                    span(id),
                    format!("{what} ids must be unique; rename this one"),
                );
            } else {
                seen.insert(id.get_ref(), id.span());
            }
        }
    }

    fn questionnaire(&mut self, raw: RawQuestionnaire, text: &str) -> Questionnaire {
        if *raw.schema.get_ref() > SCHEMA_VERSION || *raw.schema.get_ref() < 1 {
            self.err(
                format!("schema version {} is not supported", raw.schema.get_ref()),
                span(&raw.schema),
                format!("this build of syskind reads schema {SCHEMA_VERSION}; upgrade syskind or write `schema = {SCHEMA_VERSION}`"),
            );
        }
        if raw.classes.get_ref().len() < 2 {
            self.err(
                "a questionnaire needs at least two classes",
                span(&raw.classes),
                "add [[classes]] tables, least stringent first",
            );
        }
        let class_ids: Vec<&Spanned<String>> = raw.classes.get_ref().iter().map(|c| &c.id).collect();
        self.unique_ids("class", &class_ids);
        self.classes = raw.classes.get_ref().iter().map(|c| c.id.get_ref().clone()).collect();
        let mut practice_whens = Vec::new();
        let mut classes: Vec<Class> = raw
            .classes
            .into_inner()
            .into_iter()
            .map(|mut c| {
                practice_whens.push(c.practices.iter_mut().map(|p| p.when.take()).collect::<Vec<_>>());
                self.class(c)
            })
            .collect();

        let section_ids: Vec<&Spanned<String>> = raw.sections.iter().map(|s| &s.id).collect();
        self.unique_ids("section", &section_ids);
        let sections: Vec<Section> =
            raw.sections.into_iter().map(|s| Section { id: s.id.into_inner(), title: safe(&s.title) }).collect();

        let qspan = raw.questions.span();
        if raw.questions.get_ref().is_empty() {
            self.err("the questionnaire has no questions", Some(qspan), "add [[questions]] tables");
        }
        let question_ids: Vec<&Spanned<String>> = raw.questions.get_ref().iter().map(|q| &q.id).collect();
        self.unique_ids("question", &question_ids);
        // Register questions first so rules can name any question; show_if may only name earlier ones.
        self.questions = raw
            .questions
            .get_ref()
            .iter()
            .map(|q| {
                let choices = q
                    .choices
                    .as_ref()
                    .map(|c| c.get_ref().iter().map(|c| c.id.get_ref().clone()).collect())
                    .unwrap_or_default();
                (q.id.get_ref().clone(), *q.kind.get_ref(), choices)
            })
            .collect();
        self.design = raw.questions.get_ref().iter().map(|q| q.design.as_ref().is_some_and(|d| *d.get_ref())).collect();
        let raw_questions = raw.questions.into_inner();
        let mut questions = Vec::with_capacity(raw_questions.len());
        for (i, rq) in raw_questions.into_iter().enumerate() {
            let q = self.question(i, rq, &sections);
            questions.push(q);
        }

        // Practice conditions may name any question, so they are checked once all are registered.
        for (class, whens) in classes.iter_mut().zip(practice_whens) {
            class.practice_when =
                whens.iter().map(|w| w.as_ref().and_then(|w| self.condition(w, usize::MAX))).collect();
        }
        let rule_ids: Vec<&Spanned<String>> = raw.rules.iter().map(|r| &r.id).collect();
        self.unique_ids("rule", &rule_ids);
        let mut rules = Vec::new();
        for r in raw.rules {
            let when = self.condition(&r.when, usize::MAX);
            if let Some(when) = &when {
                self.no_design_reads(when, &r.when, "a rule");
            }
            let class = self.class_id(&r.class);
            if let (Some(when), Some(class)) = (when, class) {
                rules.push(Rule {
                    id: r.id.into_inner(),
                    when,
                    effect: r.effect,
                    class,
                    reason: safe(&r.reason),
                    source: r.source.as_deref().map(safe),
                });
            }
        }
        let conflicts = self.conflicts(raw.conflicts);
        let findings = self.findings(raw.findings);
        let q = Questionnaire {
            id: raw.id.into_inner(),
            version: raw.version,
            schema: *raw.schema.get_ref(),
            conflicts,
            findings,
            title: safe(&raw.title),
            description: safe(&raw.description),
            digest: sha256_digest(text),
            classes,
            sections,
            index: Index::build(&questions, &rules),
            questions,
            rules,
        };
        self.warn_inert(&q, &question_ids_spans(text, &q));
        q
    }

    fn class(&mut self, c: RawClass) -> Class {
        let ids: Vec<&Spanned<String>> = c.practices.iter().map(|p| &p.id).collect();
        self.unique_ids("practice", &ids);
        Class {
            id: c.id.into_inner(),
            label: safe(&c.label),
            aka: c.aka.as_deref().map(safe),
            description: safe(&c.description),
            practices: c
                .practices
                .into_iter()
                .map(|p| Practice {
                    id: p.id.into_inner(),
                    title: safe(&p.title),
                    why: safe(&p.why),
                    source: p.source.as_deref().map(safe),
                    see_also: p.see_also.as_deref().map(safe),
                })
                .collect(),
            practice_when: Vec::new(),
        }
    }

    pub(super) fn class_id(&mut self, id: &Spanned<String>) -> Option<usize> {
        let found = self.classes.iter().position(|c| c == id.get_ref());
        if found.is_none() {
            let help =
                format!("{}known classes: {}", did_you_mean(id.get_ref(), &self.classes), self.classes.join(", "));
            self.err(format!("unknown class `{}`", id.get_ref()), span(id), help);
        }
        found
    }

    fn weights(&mut self, w: Option<&RawWeights>) -> Weights {
        let mut out = vec![0.0; self.classes.len()];
        let Some(w) = w else { return out };
        for (class, value) in w.get_ref() {
            match self.classes.iter().position(|c| c == class) {
                Some(i) => {
                    if !value.is_finite() {
                        self.err(
                            format!("weight for `{class}` is not a finite number"),
                            span(w),
                            "use a number such as 2 or -1.5",
                        );
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

    fn question(&mut self, index: usize, q: RawQuestion, sections: &[Section]) -> Question {
        let kind = *q.kind.get_ref();
        let section = q.section.as_ref().and_then(|s| {
            let found = sections.iter().position(|x| &x.id == s.get_ref());
            if found.is_none() {
                let names: Vec<String> = sections.iter().map(|x| x.id.clone()).collect();
                let help = format!("{}known sections: {}", did_you_mean(s.get_ref(), &names), names.join(", "));
                self.err(format!("unknown section `{}`", s.get_ref()), span(s), help);
            }
            found
        });
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
                        id: c.id.get_ref().clone(),
                        label: safe(&c.label),
                        help: safe(&c.help),
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
                    bands.push(Band { up_to, label, weights });
                }
            }
            (Some(list), false) => self.err(
                format!("a `{}` question takes no bands", kind.name()),
                span(list),
                "bands apply to duration and number questions only",
            ),
            _ => {}
        }
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
        let show_if = q.show_if.as_ref().and_then(|c| self.condition(c, index));
        if let (Some(cond), Some(raw_cond), false) = (&show_if, &q.show_if, self.design[index]) {
            self.no_design_reads(cond, raw_cond, "the `show_if` of a scored question");
        }
        let design = q.design.as_ref().is_some_and(|d| *d.get_ref());
        if design {
            let weighted = choices
                .iter()
                .map(|c| &c.weights)
                .chain(bands.iter().map(|b| &b.weights))
                .chain([&yes, &no])
                .any(|w| w.iter().any(|x| *x != 0.0));
            if weighted {
                self.err(
                    format!("design question `{}` has weights", q.id.get_ref()),
                    q.design.as_ref().and_then(span),
                    "a design answer describes how the system is built, not what it requires, so it never scores: remove its weights, or drop `design = true`",
                );
            }
        }
        Question {
            id: q.id.into_inner(),
            section,
            kind,
            prompt: safe(&q.prompt),
            help: safe(&q.help),
            source: q.source.as_deref().map(safe),
            choices,
            bands,
            yes,
            no,
            unit: q.unit.as_deref().map(safe),
            min: q.min,
            whole: q.whole,
            informational: q.informational,
            design,
            show_if,
        }
    }

    /// Warns about questions whose answer can never change the verdict: no weights, no rule, no `show_if`.
    fn warn_inert(&mut self, q: &Questionnaire, spans: &BTreeMap<usize, Range<usize>>) {
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
            let weighted = question
                .choices
                .iter()
                .map(|c| &c.weights)
                .chain(question.bands.iter().map(|b| &b.weights))
                .chain([&question.yes, &question.no])
                .any(|w| w.iter().any(|x| *x != 0.0));
            if !weighted {
                self.diags.push(
                    Diagnostic::warning(
                        format!("question `{}` can never affect the verdict", question.id),
                        spans.get(&i).cloned(),
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
