//! The decision record: a TOML file that keeps the answers, the verdict and the decision around them.
//! Format described in `docs/record-format.md`. Writing an unchanged record gives byte-identical text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::core::answers::Answers;
use crate::core::answers_file::{answers_tables, check_size, fill, fill_tables, report_for};
use crate::core::diagnostics::{Diagnostic, Report};
use crate::core::engine::evaluate::visibility;
use crate::core::engine::{Finding, Verdict, classify_quick, practices};
use crate::core::questionnaire::load::toml_error;
use crate::core::questionnaire::{Practice, Questionnaire};
use crate::core::slug::slug;

/// The newest record schema this build reads and the one it writes.
pub const RECORD_SCHEMA: i64 = 1;

/// Where a decision stands (the ADR statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Under discussion.
    #[default]
    Proposed,
    /// Agreed.
    Accepted,
    /// Turned down.
    Rejected,
    /// No longer relevant.
    Deprecated,
    /// Replaced by a later decision.
    Superseded,
}

impl Status {
    /// All statuses, in the order a picker shows them.
    pub const ALL: [Status; 5] =
        [Status::Proposed, Status::Accepted, Status::Rejected, Status::Deprecated, Status::Superseded];

    /// Capitalised word, as ADRs write it.
    pub fn title(self) -> &'static str {
        match self {
            Status::Proposed => "Proposed",
            Status::Accepted => "Accepted",
            Status::Rejected => "Rejected",
            Status::Deprecated => "Deprecated",
            Status::Superseded => "Superseded",
        }
    }
}

/// Which questionnaire the answers belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    /// Questionnaire id.
    pub id: String,
    /// Questionnaire version.
    pub version: String,
    /// `sha256:` digest of the questionnaire text.
    pub digest: String,
}

/// A link to another decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// `supersedes`, `superseded_by`, `relates_to`, or a custom verb such as `Amends`.
    pub kind: String,
    /// Path or id of the other decision.
    pub target: String,
    /// Its title, when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

/// A decision record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Record schema version.
    pub schema: i64,
    /// Stable id of this decision.
    pub id: String,
    /// Title.
    pub title: String,
    /// Date decided, `YYYY-MM-DD`.
    pub date: String,
    /// Where the decision stands.
    #[serde(default)]
    pub status: Status,
    /// Who decided.
    #[serde(default)]
    pub deciders: Vec<String>,
    /// Background for the decision.
    #[serde(default)]
    pub context: String,
    /// What follows from it.
    #[serde(default)]
    pub consequences: String,
    /// Path of the ADR generated from this record, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub adr: String,
    /// Questionnaire answered.
    pub questionnaire: QuestionnaireRef,
    /// Answers by question id, in questionnaire order.
    #[serde(default)]
    pub answers: toml::Table,
    /// Notes by question id.
    #[serde(default)]
    pub notes: toml::Table,
    /// The verdict when the record was written.
    pub verdict: Verdict,
    /// Practices of the verdict's class that apply to these answers.
    #[serde(default)]
    pub practices: Vec<Practice>,
    /// The risk review: findings the answers raise, highest risk first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    /// Links to other decisions.
    #[serde(default)]
    pub links: Vec<Link>,
    /// What two people answered differently and how it was settled (pair reviews).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discussion: Vec<Discussion>,
    /// Revisions after the first version, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
}

/// One revision of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// Date revised, `YYYY-MM-DD`.
    pub date: String,
    /// Who revised it.
    pub who: String,
    /// Question ids whose answers changed.
    pub changed: Vec<String>,
    /// Class before.
    pub before: String,
    /// Class after.
    pub after: String,
    /// Why, when not an edit of the answers (e.g. a questionnaire upgrade).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A disagreement from a pair review and how it was settled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discussion {
    /// Question id.
    pub question: String,
    /// Side A's answer, as people read it (empty: unanswered).
    pub a: String,
    /// Who answered A.
    pub a_by: String,
    /// Side B's answer.
    pub b: String,
    /// Who answered B.
    pub b_by: String,
    /// `a`, `b` or `new`.
    pub chosen: String,
    /// Why.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Metadata people type: everything in a record that is not derived from the answers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// Title.
    pub title: String,
    /// Id; derived from date and title when empty.
    pub id: String,
    /// Date `YYYY-MM-DD`.
    pub date: String,
    /// Status.
    pub status: Status,
    /// Deciders.
    pub deciders: Vec<String>,
    /// Context.
    pub context: String,
    /// Consequences.
    pub consequences: String,
    /// Links.
    pub links: Vec<Link>,
}

impl Record {
    /// Builds a record from answers: the verdict and practices are derived, never typed.
    pub fn new(q: &Questionnaire, answers: &Answers, meta: Meta) -> Record {
        let mut verdict = classify_quick(q, answers);
        // Findings live at the record's top level (`[[findings]]`), not inside the verdict.
        let findings = std::mem::take(&mut verdict.findings);
        let practices = practices(q, &answers.values, &visibility(q, &answers.values), verdict.class_index);
        let (values, notes) = answers_tables(q, answers);
        let id = if meta.id.is_empty() { format!("{}-{}", meta.date, slug(&meta.title)) } else { meta.id };
        Record {
            schema: RECORD_SCHEMA,
            id,
            title: meta.title,
            date: meta.date,
            status: meta.status,
            deciders: meta.deciders,
            context: meta.context,
            consequences: meta.consequences,
            adr: String::new(),
            questionnaire: QuestionnaireRef {
                id: q.id.to_string(),
                version: q.version.to_string(),
                digest: q.digest.to_string(),
            },
            answers: values,
            notes,
            verdict,
            practices,
            findings,
            links: meta.links,
            discussion: Vec::new(),
            revisions: Vec::new(),
        }
    }

    /// This record as a revision of `old`: keeps the history and adds a revision entry when answers
    /// or the verdict changed.
    pub fn revising(mut self, old: &Record, who: &str, date: &str) -> Record {
        self.revisions = old.revisions.clone();
        let mut changed: Vec<String> = old
            .answers
            .keys()
            .chain(self.answers.keys())
            .filter(|k| old.answers.get(*k) != self.answers.get(*k))
            .cloned()
            .collect();
        changed.dedup();
        let mut seen = std::collections::HashSet::new();
        changed.retain(|k| seen.insert(k.clone()));
        if !changed.is_empty() || old.verdict.class != self.verdict.class {
            self.revisions.push(Revision {
                date: date.to_string(),
                who: who.to_string(),
                changed,
                before: old.verdict.class.clone(),
                after: self.verdict.class.clone(),
                note: String::new(),
            });
        }
        if self.discussion.is_empty() {
            self.discussion = old.discussion.clone();
        }
        if self.adr.is_empty() {
            self.adr = old.adr.clone();
        }
        self
    }

    /// The metadata part, for revising a record.
    pub fn meta(&self) -> Meta {
        Meta {
            title: self.title.clone(),
            id: self.id.clone(),
            date: self.date.clone(),
            status: self.status,
            deciders: self.deciders.clone(),
            context: self.context.clone(),
            consequences: self.consequences.clone(),
            links: self.links.clone(),
        }
    }

    /// The TOML text; deterministic, so an unchanged record re-writes byte for byte.
    pub fn to_toml(&self) -> String {
        // Text typed or pasted into a record (title, context, notes, answers) is written without
        // control characters, escape sequences or bidirectional overrides.
        let body = toml::to_string_pretty(&crate::core::text::sanitized(self)).unwrap_or_default();
        format!(
            "# syskind decision record — edit title, context, status and notes freely;\n# answers are checked with `syskind record check`.\n{body}"
        )
    }
}

/// Sets a record's `adr` key in its text, changing nothing else (comments and layout stay).
pub fn set_adr(text: &str, adr: &str) -> Result<String, crate::core::edit_error::EditError> {
    let mut doc = text
        .parse::<toml_edit::DocumentMut>()
        .map_err(|e| crate::core::edit_error::EditError::Parse { file: "record", detail: e.to_string() })?;
    if doc.contains_key("adr") {
        doc["adr"] = toml_edit::value(adr);
    } else {
        // Keep the key where a freshly written record has it: after `consequences`, before the tables.
        let mut items: Vec<(String, toml_edit::Item)> = Vec::new();
        let keys: Vec<String> = doc.iter().map(|(k, _)| k.to_string()).collect();
        let at = keys.iter().position(|k| k == "consequences").map(|i| i + 1).unwrap_or(keys.len());
        for k in &keys[at..] {
            if let Some(item) = doc.remove(k) {
                items.push((k.clone(), item));
            }
        }
        doc.insert("adr", toml_edit::value(adr));
        for (k, item) in items {
            doc.insert(&k, item);
        }
    }
    Ok(doc.to_string())
}

#[derive(Deserialize)]
struct SchemaOnly {
    schema: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
struct SpannedAnswers {
    #[serde(default)]
    answers: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    notes: BTreeMap<String, Spanned<String>>,
}

/// Reads a record's text: syntax, shape, schema version and date.
pub fn parse_record(file: &str, text: &str) -> Result<Record, Report> {
    let mut report = report_for(file, text);
    if !check_size(&mut report) {
        return Err(report);
    }
    if text.trim().is_empty() {
        // A FIFO with no writer, or an empty file: say so rather than "missing field `schema`".
        report.diagnostics.push(
            Diagnostic::error("the file is empty", None)
                .with_help("a decision record starts with `schema = 1`; is this the right file (not an empty pipe)?"),
        );
        return Err(report);
    }
    // One parse in the usual case. When it fails, or names another schema, the schema is looked at on
    // its own, so a newer record is refused as newer rather than for the keys it added.
    let full = toml::from_str::<Record>(text);
    if !matches!(&full, Ok(r) if (1..=RECORD_SCHEMA).contains(&r.schema)) {
        match toml::from_str::<SchemaOnly>(text) {
            Err(e) => {
                report.diagnostics.push(toml_error(&e));
                return Err(report);
            }
            Ok(SchemaOnly { schema: Some(s) }) => match s.get_ref().as_integer() {
                Some(v) if (1..=RECORD_SCHEMA).contains(&v) => {}
                Some(v) if v > RECORD_SCHEMA => {
                    report.diagnostics.push(
                        Diagnostic::error(
                            format!("record schema {v} is newer than this syskind reads ({RECORD_SCHEMA})"),
                            Some(s.span()),
                        )
                        .with_help("upgrade syskind to read this record"),
                    );
                    return Err(report);
                }
                _ => {
                    report.diagnostics.push(
                        Diagnostic::error("`schema` must be a positive whole number", Some(s.span()))
                            .with_help(format!("write `schema = {RECORD_SCHEMA}`")),
                    );
                    return Err(report);
                }
            },
            Ok(SchemaOnly { schema: None }) => {}
        }
    }
    let mut record: Record = match full {
        Ok(r) => r,
        Err(e) => {
            report.diagnostics.push(toml_error(&e));
            return Err(report);
        }
    };
    // A verdict is made of finite numbers; `nan` or `inf` in a record was typed or forged, and
    // would print as "NaN%" or compare as never stale.
    if let Some(key) = non_finite_key(&record) {
        let at = non_finite_span(text, key);
        report.diagnostics.push(Diagnostic::error(format!("`{key}` is not a finite number"), at).with_help(
            "re-derive the verdict with `syskind record upgrade --write FILE`, or restore the number syskind wrote",
        ));
        return Err(report);
    }
    // The index is not stored; scores are listed in class order, so it can be recovered.
    record.verdict.class_index =
        record.verdict.scores.iter().position(|s| s.class == record.verdict.class).unwrap_or(0);
    let date_format = time::macros::format_description!("[year]-[month]-[day]");
    if time::Date::parse(&record.date, date_format).is_err() {
        let span = text.find(&format!("\"{}\"", record.date)).map(|s| s..s + record.date.len() + 2);
        report.diagnostics.push(
            Diagnostic::error(format!("`{}` is not a date", record.date), span)
                .with_help("write the date as YYYY-MM-DD, e.g. date = \"2026-11-26\""),
        );
        return Err(report);
    }
    Ok(record)
}

/// The first number of the stored verdict that is NaN or infinite, by its key.
fn non_finite_key(r: &Record) -> Option<&'static str> {
    if !r.verdict.confidence.is_finite() {
        return Some("confidence");
    }
    if r.verdict.scores.iter().any(|s| !s.score.is_finite()) {
        return Some("score");
    }
    if r.verdict.reasons.iter().any(|x| !x.support.is_finite()) {
        return Some("support");
    }
    None
}

/// Where `key = nan|inf` is written (the value's span), for the diagnostic.
fn non_finite_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(i) = text[from..].find(key) {
        let start = from + i;
        let rest = &text[start + key.len()..];
        let value = rest.trim_start().strip_prefix('=').map(str::trim_start);
        if let Some(v) = value {
            let lower = v.to_ascii_lowercase();
            if ["nan", "+nan", "-nan", "inf", "+inf", "-inf"].iter().any(|w| lower.starts_with(w)) {
                let at = text.len() - v.len();
                let len = v.find(|c: char| c.is_whitespace() || c == ',' || c == '}').unwrap_or(v.len());
                return Some(at..at + len);
            }
        }
        from = start + key.len();
    }
    None
}

/// The record's answers, read against the questionnaire it names.
pub fn record_answers(file: &str, text: &str, record: &Record, q: &Questionnaire) -> Result<Answers, Report> {
    let mut report = report_for(file, text);
    if record.questionnaire.id != q.id {
        report.diagnostics.push(
            Diagnostic::error(
                format!("this record answers questionnaire `{}`, not `{}`", record.questionnaire.id, q.id),
                text.find(&format!("\"{}\"", record.questionnaire.id))
                    .map(|s| s..s + record.questionnaire.id.len() + 2),
            )
            .with_help("pass the questionnaire it was made with: --questionnaire FILE"),
        );
        return Err(report);
    }
    // The record is already parsed: read its answers from that, and parse the text a second time
    // (for the spans a diagnostic points at) only when something is wrong.
    let all_strings = record.notes.values().all(toml::Value::is_str);
    // No source for the quick attempt: its diagnostics are only counted, never shown.
    let mut quick = report_for(file, "");
    let answers = fill_tables(q, &record.answers, &record.notes, &mut quick);
    if quick.diagnostics.is_empty() && all_strings {
        return Ok(answers);
    }
    let spanned: SpannedAnswers = match toml::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            report.diagnostics.push(toml_error(&e));
            return Err(report);
        }
    };
    let answers = fill(q, (&spanned.answers, &spanned.notes), text, &mut report);
    if report.has_errors() {
        if let Some(d) = report.diagnostics.iter_mut().find(|d| d.message.starts_with("unknown question")) {
            d.help = Some(format!(
                "{} (the record names a question that questionnaire `{}` {} lacks; was it made with another version?)",
                d.help.clone().unwrap_or_default(),
                q.id,
                q.version
            ));
        }
        Err(report)
    } else {
        Ok(answers)
    }
}

/// What `record check` finds when it re-derives a stored verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    /// Human text per difference; empty when the stored verdict still holds.
    pub problems: Vec<String>,
    /// True when the questionnaire text differs from the one the record was made with.
    pub questionnaire_changed: bool,
}

/// Re-derives the verdict from the record's answers and compares it with the stored one.
pub fn check_record(record: &Record, answers: &Answers, q: &Questionnaire) -> Drift {
    let fresh = classify_quick(q, answers);
    check_against(record, &fresh, q)
}

/// Compares a stored record with a freshly derived verdict (which still holds its findings).
pub fn check_against(record: &Record, fresh: &Verdict, q: &Questionnaire) -> Drift {
    let mut problems = Vec::new();
    if fresh.class != record.verdict.class {
        problems
            .push(format!("stored verdict is `{}` but the answers now give `{}`", record.verdict.class, fresh.class));
    }
    if (fresh.confidence - record.verdict.confidence).abs() > 0.005 {
        problems.push(format!(
            "stored confidence {:.2} but the answers now give {:.2}",
            record.verdict.confidence, fresh.confidence
        ));
    }
    let ids = |f: &[Finding]| f.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    if ids(&fresh.findings) != ids(&record.findings) {
        problems.push(format!(
            "stored findings [{}] but the answers now raise [{}]",
            ids(&record.findings).join(", "),
            ids(&fresh.findings).join(", ")
        ));
    }
    Drift { problems, questionnaire_changed: record.questionnaire.digest != q.digest }
}

static LOCAL_OFFSET: std::sync::OnceLock<time::UtcOffset> = std::sync::OnceLock::new();

/// Reads the local time zone's offset once, while the process is single-threaded (the binary does
/// this first); until then, or where it cannot be read, dates are UTC.
pub fn init_local_offset() {
    if let Ok(off) = time::UtcOffset::current_local_offset() {
        let _ = LOCAL_OFFSET.set(off);
    }
}

/// Today's local date (as adr-tools writes it), `YYYY-MM-DD`.
pub fn today() -> String {
    let off = LOCAL_OFFSET.get().copied().unwrap_or(time::UtcOffset::UTC);
    let d = time::OffsetDateTime::now_utc().to_offset(off).date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}
