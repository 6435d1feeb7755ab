//! ADR rendering: a decision record becomes a Markdown architecture decision record, in the adr-tools
//! (Nygard) layout or MADR 4, through a minijinja template (built in, or the user's own).
//!
//! Pure: the caller supplies the number, the links and the record's path; file placement and link
//! editing of existing ADRs live in [`links`] (text in, text out) and `store::adr` (the files).

pub mod layout;
pub mod links;
pub mod system;

use serde::Serialize;

use crate::core::engine::ReasonKind;
use crate::core::questionnaire::Questionnaire;
use crate::core::record::Record;

/// The built-in Nygard (adr-tools) template.
pub const NYGARD_TEMPLATE: &str = include_str!("../../../assets/templates/nygard.md");
/// The built-in MADR 4 template.
pub const MADR_TEMPLATE: &str = include_str!("../../../assets/templates/madr.md");
/// The built-in MADR 2 (bullets) template: the layout log4brains and pyadr read.
pub const MADR2_TEMPLATE: &str = include_str!("../../../assets/templates/madr2.md");

/// ADR layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// adr-tools' layout: `# N. Title`, Date, Status, Context, Decision, Consequences.
    #[default]
    Nygard,
    /// MADR 4 with YAML front matter.
    Madr,
    /// MADR 2's bullets (`* Status:`, `* Deciders:`, `* Date:`), as log4brains and pyadr read them.
    Madr2,
}

impl Format {
    /// The built-in template text.
    pub fn template(self) -> &'static str {
        match self {
            Format::Nygard => NYGARD_TEMPLATE,
            Format::Madr => MADR_TEMPLATE,
            Format::Madr2 => MADR2_TEMPLATE,
        }
    }

    /// The layout files of this format have.
    pub fn layout(self) -> layout::Layout {
        match self {
            Format::Nygard => layout::Layout::Nygard,
            Format::Madr => layout::Layout::Madr4,
            Format::Madr2 => layout::Layout::Bullets,
        }
    }

    /// The format that writes files of a layout.
    pub fn of_layout(l: layout::Layout) -> Format {
        match l {
            layout::Layout::Nygard => Format::Nygard,
            layout::Layout::Madr4 => Format::Madr,
            layout::Layout::Bullets => Format::Madr2,
        }
    }

    /// The word `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Nygard => "nygard",
            Format::Madr => "madr",
            Format::Madr2 => "madr2",
        }
    }
}

/// What the caller knows about where the ADR goes.
#[derive(Debug, Clone, Default)]
pub struct Placement {
    /// ADR number.
    pub number: u32,
    /// Path of the decision record as shown in the text (relative to the repository when possible).
    pub record_path: String,
    /// The same path relative to the ADR's folder, for the Markdown link.
    pub record_link: String,
    /// Status-section link lines, e.g. `Supersedes [1. Use X](0001-use-x.md)`.
    pub links: Vec<String>,
}

#[derive(Serialize)]
struct AnswerRow {
    question: String,
    /// The answer, with its note when there is one.
    answer: String,
    effect: String,
}

#[derive(Serialize)]
struct PracticeRow {
    id: String,
    title: String,
    why: String,
    why_lower: String,
    source: String,
    source_suffix: String,
}

#[derive(Serialize)]
struct OptionRow {
    label: String,
    description: String,
    chosen: bool,
    why_not: String,
}

#[derive(Serialize)]
struct Ctx {
    number: u32,
    title: String,
    date: String,
    status: String,
    status_lower: String,
    /// The status as a YAML string (front matter).
    status_yaml: String,
    /// The chosen class as the options list names it (with its other name).
    class_option: String,
    deciders: String,
    deciders_yaml: String,
    context: String,
    consequences: String,
    subject: String,
    questionnaire: String,
    answers: Vec<AnswerRow>,
    decision: String,
    because: String,
    confidence: String,
    answered: usize,
    applicable: usize,
    reasons: Vec<String>,
    class_label: String,
    class_lower: String,
    class_article: &'static str,
    cost: String,
    practices: Vec<PracticeRow>,
    findings: Vec<FindingRow>,
    conflicts: Vec<String>,
    options: Vec<OptionRow>,
    links: Vec<String>,
    record_path: String,
    record_link: String,
}

/// One finding of the risk review, for the Consequences section.
#[derive(Serialize)]
pub(crate) struct FindingRow {
    risk: String,
    practice: String,
    id: String,
    text: String,
    answers: String,
    /// ` Call: a → b (sync).` for system findings.
    calls: String,
    source_suffix: String,
}

impl From<&crate::core::engine::Finding> for FindingRow {
    fn from(f: &crate::core::engine::Finding) -> Self {
        FindingRow {
            risk: f.risk.name().to_uppercase(),
            practice: f.practice.clone(),
            id: f.id.clone(),
            text: one_line(&f.text),
            answers: f.answers.join(", "),
            calls: if f.calls.is_empty() { String::new() } else { format!(" Call: {}.", f.calls.join(", ")) },
            source_suffix: f.source.as_ref().map(|s| format!(" <{s}>")).unwrap_or_default(),
        }
    }
}

/// Markdown table cells cannot hold `|` or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// One line, for titles and list items.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What it costs to be of a class, by stringency rank (the last class is the most demanding).
fn cost_of(rank: usize, classes: usize) -> String {
    if rank + 1 == classes {
        "the most stringent reliability requirements: every dependency call on the request path needs a timeout, bounded retries and a plan for its failure".into()
    } else if rank == 0 {
        "latency nobody waits on: results arrive when the job finishes, so deadlines need monitoring".into()
    } else {
        "backlogs that must be bounded and watched by the age of the oldest message".into()
    }
}

/// The noun phrase the decision is about: the first answered text question, else the title.
fn subject(record: &Record, q: &Questionnaire) -> String {
    q.questions
        .iter()
        .filter(|x| x.kind == crate::core::questionnaire::Kind::Text)
        .find_map(|x| record.answers.get(&*x.id).and_then(|v| v.as_str()).map(one_line))
        .filter(|s| !s.is_empty())
        .map(|s| format!("\"{s}\""))
        .unwrap_or_else(|| format!("\"{}\"", one_line(&record.title)))
}

/// The record's answers that gave reasons, as table rows (question, answer with its note, effect).
fn answer_rows(record: &Record, q: &Questionnaire) -> Vec<AnswerRow> {
    record
        .verdict
        .reasons
        .iter()
        .filter(|r| r.kind == ReasonKind::Answer)
        .filter_map(|r| {
            let qi = q.question_index(&r.id)?;
            let question = &q.questions[qi];
            let value = record.answers.get(&r.id)?;
            let shown = crate::core::answers::Value::from_toml(question, value).ok()?.display(question);
            let effect = r.text.rsplit_once(" (").map(|(_, e)| e.trim_end_matches(')').to_string()).unwrap_or_default();
            let note = record.notes.get(&r.id).and_then(|n| n.as_str()).unwrap_or("");
            let answer = if note.is_empty() { shown } else { format!("{shown} — _{}_", one_line(note)) };
            Some(AnswerRow { question: cell(&question.prompt), answer: cell(&answer), effect: cell(&effect) })
        })
        .collect()
}

/// A class's label with its Well-Architected name (or other name) in brackets, when it has one.
fn label_with_aka(class: &crate::core::questionnaire::Class) -> String {
    match class.wa_name.as_ref().or(class.aka.as_ref()) {
        Some(aka) => format!("{} ({aka})", class.label),
        None => class.label.to_string(),
    }
}

/// Every class as a considered option, most stringent first: the chosen one, and for each other why
/// not (the rules that bounded the verdict, or the scores).
fn option_rows(record: &Record, q: &Questionnaire, class_i: usize) -> Vec<OptionRow> {
    let v = &record.verdict;
    let class = &q.classes[class_i];
    let score = |id: &str| v.scores.iter().find(|s| s.class == id).map_or(0.0, |s| s.score);
    let fired_rules: Vec<&crate::core::engine::Reason> =
        v.reasons.iter().filter(|r| r.kind == ReasonKind::Rule).collect();
    q.classes
        .iter()
        .enumerate()
        .rev()
        .map(|(i, c)| {
            let bounded: Vec<String> = fired_rules
                .iter()
                .filter(|r| {
                    let above = r.text.contains("at least") && i < class_i;
                    let below = r.text.contains("at most") && i > class_i;
                    (above || below) && r.text.contains(&*class.label)
                })
                .map(|r| one_line(&r.text))
                .collect();
            let why_not = if bounded.is_empty() {
                format!("the answers weigh {} toward it against {} for {}", score(&c.id), score(&v.class), class.label)
            } else {
                format!("{}; its score was {} against {}", bounded.join("; "), score(&c.id), score(&v.class))
            };
            OptionRow {
                label: label_with_aka(c),
                description: one_line(&c.description),
                chosen: i == class_i,
                why_not: lower_first(&why_not),
            }
        })
        .collect()
}

fn practice_rows(record: &Record) -> Vec<PracticeRow> {
    record
        .practices
        .iter()
        .map(|p| PracticeRow {
            id: p.id.to_string(),
            title: one_line(&p.title),
            why: one_line(&p.why),
            why_lower: lower_first(&one_line(&p.why)),
            source: p.source.as_deref().unwrap_or_default().to_string(),
            source_suffix: p.source.as_ref().map(|s| format!(" <{s}>")).unwrap_or_default(),
        })
        .collect()
}

/// Renders an ADR from a record with the given template text.
pub fn render(record: &Record, q: &Questionnaire, place: &Placement, template: &str) -> Result<String, AdrTextError> {
    let v = &record.verdict;
    let class_i = q
        .class_index(&v.class)
        .ok_or_else(|| AdrTextError::UnknownClass { class: v.class.clone(), questionnaire: q.id.to_string() })?;
    let class = &q.classes[class_i];
    let kind = match class.wa_name.as_ref().or(class.aka.as_ref()) {
        Some(aka) => format!("{} ({aka})", class.label.to_lowercase()),
        None => class.label.to_lowercase(),
    };
    let subject = subject(record, q);
    let top_reasons: Vec<String> = v.reasons.iter().take(5).map(|r| one_line(&r.text)).collect();
    let because = top_reasons.first().cloned().unwrap_or_else(|| "no answer points elsewhere".into());
    let ctx = Ctx {
        number: place.number,
        title: one_line(&record.title),
        date: record.date.clone(),
        status: record.status.title().to_string(),
        status_lower: record.status.title().to_lowercase(),
        status_yaml: layout::yaml_string(&record.status.title().to_lowercase()),
        class_option: label_with_aka(class),
        // A serialiser, never hand-quoting: JSON is valid YAML, so `Ops\Unix` or quotes cannot break it.
        deciders_yaml: serde_json::to_string(&record.deciders).unwrap_or_else(|_| "[]".into()),
        deciders: record.deciders.join(", "),
        context: record.context.trim().to_string(),
        consequences: record.consequences.trim().to_string(),
        decision: format!(
            "{subject} is {} {kind} system. We design and operate it by the practices that kind demands.",
            article(&kind)
        ),
        subject,
        questionnaire: format!("{} {}", record.questionnaire.id, record.questionnaire.version),
        answers: answer_rows(record, q),
        because: because.trim_end_matches('.').to_string(),
        confidence: format!("{:.0}", v.confidence * 100.0),
        answered: v.answered,
        applicable: v.applicable,
        reasons: top_reasons,
        class_label: class.label.to_string(),
        class_lower: class.label.to_lowercase(),
        class_article: article(&class.label),
        cost: cost_of(class_i, q.classes.len()),
        practices: practice_rows(record),
        findings: record.findings.iter().map(FindingRow::from).collect(),
        conflicts: v.conflicts.iter().map(|c| one_line(&c.text)).collect(),
        options: option_rows(record, q, class_i),
        links: place.links.clone(),
        record_path: place.record_path.clone(),
        record_link: place.record_link.clone(),
    };
    render_template(template, &ctx)
}

/// Renders `template` (minijinja, blocks trimmed, the final newline kept) with `ctx`. Text from
/// records and existing ADRs is untrusted: the file written never carries a control character, an
/// escape sequence or a bidirectional override (ordinary Unicode is kept).
pub fn render_template(template: &str, ctx: &impl serde::Serialize) -> Result<String, AdrTextError> {
    let mut env = minijinja::Environment::new();
    let syntax = env
        .syntax()
        .to_builder()
        .trim_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| template_error(&e))?;
    env.set_syntax(syntax);
    env.add_template("adr", template).map_err(|e| template_error(&e))?;
    let tmpl = env.get_template("adr").map_err(|e| template_error(&e))?;
    tmpl.render(minijinja::value::Serde(ctx)).map(|t| crate::core::text::safe(&t)).map_err(|e| template_error(&e))
}

/// `a` or `an`, by the first letter (good enough for class labels).
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) { "an" } else { "a" }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A template that does not parse or render, with its line when minijinja knows it.
pub fn template_error(e: &minijinja::Error) -> AdrTextError {
    let detail = e.detail().map(str::to_string).unwrap_or_else(|| e.to_string());
    match e.line() {
        Some(line) => AdrTextError::Template { line: Some(line), detail },
        None => AdrTextError::Template { line: None, detail: e.to_string() },
    }
}

/// Why an ADR's text could not be made or edited.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdrTextError {
    /// An existing ADR of no layout syskind can edit.
    #[error("is in no ADR layout syskind can edit (no `## Status` section, no `* Status:` bullet, no front matter)")]
    NoLayout,
    /// The record's class is not one of the questionnaire's.
    #[error("the record's class `{class}` is not in questionnaire `{questionnaire}`")]
    UnknownClass {
        /// The class the record names.
        class: String,
        /// The questionnaire's id.
        questionnaire: String,
    },
    /// The template does not parse or render.
    #[error("{}", match line { Some(l) => format!("template line {l}: {detail}"), None => detail.clone() })]
    Template {
        /// Its line, when known.
        line: Option<usize>,
        /// What is wrong.
        detail: String,
    },
}
