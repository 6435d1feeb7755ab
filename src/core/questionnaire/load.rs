//! Turns questionnaire text into a checked [`Questionnaire`], or a [`Report`] saying what to fix and where.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::model::*;
use super::raw::*;
use crate::core::diagnostics::{Diagnostic, Report};
use crate::core::digest::sha256_digest;
use crate::core::suggest::did_you_mean;
// Every text a face will show is made terminal-safe once, here, so no face can forget to.
use crate::core::text::safe;

/// The newest questionnaire schema this build reads.
pub const SCHEMA_VERSION: i64 = 3;

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
    if text.trim().is_empty() {
        report.diagnostics.push(Diagnostic::error("the file is empty", None).with_help(
            "a questionnaire starts with `schema = 3`, an id, a version and a title; is this the right file?",
        ));
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
        let sections: Vec<Section> = raw
            .sections
            .into_iter()
            .map(|s| Section { id: s.id.into_inner().into(), title: safe(&s.title).into() })
            .collect();

        let questions = self.all_questions(raw.questions, &sections);

        // Practice conditions may name any question, so they are checked once all are registered.
        for (class, whens) in classes.iter_mut().zip(practice_whens) {
            class.practice_when =
                whens.iter().map(|w| w.as_ref().and_then(|w| self.condition(w, usize::MAX))).collect();
        }
        let schema = *raw.schema.get_ref();
        let rules = self.rules(raw.rules, schema);
        let conflicts = self.conflicts(raw.conflicts);
        let findings = self.findings(raw.findings);
        let index = Index::build(&questions, &rules, &findings);
        let q = Questionnaire {
            id: raw.id.into_inner().into(),
            version: raw.version.into(),
            schema: *raw.schema.get_ref(),
            conflicts,
            findings,
            title: safe(&raw.title).into(),
            description: safe(&raw.description).into(),
            digest: sha256_digest(text).into(),
            classes,
            sections,
            index,
            questions,
            rules,
        };
        self.warn_inert(&q, text);
        q
    }

    /// Registers every question first (so rules can name any question; `show_if` may only name
    /// earlier ones), then checks each.
    fn all_questions(&mut self, raw: Spanned<Vec<RawQuestion>>, sections: &[Section]) -> Vec<Question> {
        let qspan = raw.span();
        if raw.get_ref().is_empty() {
            self.err("the questionnaire has no questions", Some(qspan), "add [[questions]] tables");
        }
        let question_ids: Vec<&Spanned<String>> = raw.get_ref().iter().map(|q| &q.id).collect();
        self.unique_ids("question", &question_ids);
        self.questions = raw
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
        self.design = raw.get_ref().iter().map(|q| q.design.as_ref().is_some_and(|d| *d.get_ref())).collect();
        let raw_questions = raw.into_inner();
        let mut questions = Vec::with_capacity(raw_questions.len());
        for (i, rq) in raw_questions.into_iter().enumerate() {
            let q = self.question(i, rq, sections);
            questions.push(q);
        }
        questions
    }

    /// Checks the rules: ids unique, conditions valid and free of design questions, classes known,
    /// a `definition` only under schema 3 and never empty.
    fn rules(&mut self, raw: Vec<RawRule>, schema: i64) -> Vec<Rule> {
        let rule_ids: Vec<&Spanned<String>> = raw.iter().map(|r| &r.id).collect();
        self.unique_ids("rule", &rule_ids);
        let mut rules = Vec::new();
        for r in raw {
            let when = self.condition(&r.when, usize::MAX);
            if let Some(when) = &when {
                self.no_design_reads(when, &r.when, "a rule");
            }
            let class = self.class_id(&r.class);
            let definition = match &r.definition {
                Some(d) if schema < 3 => {
                    self.err(
                        "a rule's `definition` needs schema 3",
                        span(d),
                        "write `schema = 3` at the top of the file, or remove `definition`",
                    );
                    None
                }
                Some(d) if d.get_ref().trim().is_empty() => {
                    self.err(
                        "a rule's `definition` is empty",
                        span(d),
                        "quote the sentence of the definition this rule states, or remove the key",
                    );
                    None
                }
                Some(d) => Some(safe(d.get_ref())),
                None => None,
            };
            self.placeholders(&r.reason, r.id.span());
            if let (Some(when), Some(class)) = (when, class) {
                rules.push(Rule {
                    id: r.id.into_inner().into(),
                    when,
                    effect: r.effect,
                    class,
                    reason: safe(&r.reason).into(),
                    source: r.source.as_deref().map(safe).map(Into::into),
                    definitional: definition.is_some(),
                    definition: definition.map(Into::into),
                });
            }
        }
        rules
    }

    fn class(&mut self, c: RawClass) -> Class {
        let ids: Vec<&Spanned<String>> = c.practices.iter().map(|p| &p.id).collect();
        self.unique_ids("practice", &ids);
        Class {
            id: c.id.into_inner().into(),
            label: safe(&c.label).into(),
            aka: c.aka.as_deref().map(safe).map(Into::into),
            wa_name: c.wa_name.as_deref().map(safe).map(Into::into),
            description: safe(&c.description).into(),
            practices: c
                .practices
                .into_iter()
                .map(|p| Practice {
                    id: p.id.into_inner().into(),
                    title: safe(&p.title).into(),
                    why: safe(&p.why).into(),
                    source: p.source.as_deref().map(safe).map(Into::into),
                    see_also: p.see_also.as_deref().map(safe).map(Into::into),
                })
                .collect(),
            practice_when: Vec::new(),
        }
    }

    /// Checks that every `{question}` placeholder in a text names a question (the engine fills it
    /// with the answer given, so a reason can say "within 2m" rather than "within the hour").
    pub(super) fn placeholders(&mut self, text: &str, at: Range<usize>) {
        let ids: Vec<String> = self.questions.iter().map(|q| q.0.clone()).collect();
        for name in crate::core::text::placeholder_names(text) {
            if !ids.iter().any(|i| i == name) {
                let help = format!("{}a placeholder names a question: {{question_id}}", did_you_mean(name, &ids));
                self.err(format!("placeholder `{{{name}}}` names no question"), Some(at.clone()), help);
            }
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
}
