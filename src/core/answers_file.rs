//! Answers files: the answers (and notes) to a questionnaire, written by hand or by a script.
//!
//! ```toml
//! questionnaire = "system-kind"   # optional; checked when present
//! [answers]
//! caller = "person_sync"
//! response_window = "2s"
//! can_defer = false
//! [notes]
//! caller = "the checkout page"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::core::answers::{Answers, Value};
use crate::core::diagnostics::{Diagnostic, Report};
use crate::core::questionnaire::load::toml_error;
use crate::core::questionnaire::{MAX_FILE_BYTES, Questionnaire};
use crate::core::suggest::did_you_mean;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswersFile {
    questionnaire: Option<Spanned<String>>,
    #[serde(default)]
    answers: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    notes: BTreeMap<String, Spanned<String>>,
}

/// An empty report for `file`, to collect findings in.
pub fn report_for(file: &str, text: &str) -> Report {
    Report { file: file.to_string(), source: text.to_string(), diagnostics: Vec::new() }
}

/// Refuses files larger than [`MAX_FILE_BYTES`].
pub fn check_size(report: &mut Report) -> bool {
    if report.source.len() > MAX_FILE_BYTES {
        report.diagnostics.push(
            Diagnostic::error(
                format!("the file is {} bytes; the limit is {MAX_FILE_BYTES}", report.source.len()),
                None,
            )
            .with_help("check that this is the right file"),
        );
        return false;
    }
    true
}

/// Reads an answers file against a questionnaire.
pub fn parse_answers(file: &str, text: &str, q: &Questionnaire) -> Result<Answers, Report> {
    let mut report = report_for(file, text);
    if !check_size(&mut report) {
        return Err(report);
    }
    let raw: RawAnswersFile = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            report.diagnostics.push(toml_error(&e));
            return Err(report);
        }
    };
    if let Some(id) = &raw.questionnaire
        && id.get_ref() != &q.id
    {
        report.diagnostics.push(
            Diagnostic::error(
                format!("these answers are for questionnaire `{}`, not `{}`", id.get_ref(), q.id),
                Some(id.span()),
            )
            .with_help(format!(
                "pass the matching --questionnaire, or change this line to `questionnaire = \"{}\"`",
                q.id
            )),
        );
        return Err(report);
    }
    let answers = fill(q, (&raw.answers, &raw.notes), text, &mut report);
    if report.has_errors() { Err(report) } else { Ok(answers) }
}

/// Converts raw answer and note tables into [`Answers`], reporting unknown ids and bad values.
/// `text` is what the spans point into (to put a caret under an unknown key; `""` when no spans
/// are kept): passed, not read from the report, so a caller may fill in the report's text only
/// when it has something to show.
pub fn fill<'a>(
    q: &Questionnaire,
    (answers, notes): (
        impl IntoIterator<Item = (&'a String, &'a Spanned<toml::Value>)>,
        impl IntoIterator<Item = (&'a String, &'a Spanned<String>)>,
    ),
    text: &str,
    report: &mut Report,
) -> Answers {
    let ids: Vec<String> = q.questions.iter().map(|x| x.id.to_string()).collect();
    let mut out = Answers::empty(q);
    let unknown = |id: &str, span, report: &mut Report| {
        report.diagnostics.push(Diagnostic::error(format!("unknown question `{id}`"), Some(span)).with_help(format!(
            "{}questionnaire `{}` asks: {}",
            did_you_mean(id, &ids),
            q.id,
            ids.join(", ")
        )));
    };
    for (id, value) in answers {
        let Some(i) = q.question_index(id) else {
            // The caret goes under the unknown name, not its value.
            let span = key_span(text, value.span().start).unwrap_or(value.span());
            unknown(id, span, report);
            continue;
        };
        match Value::from_toml(&q.questions[i], value.get_ref()) {
            Ok(v) => out.values[i] = Some(v),
            Err(msg) => report.diagnostics.push(
                Diagnostic::error(msg.to_string(), Some(value.span()))
                    .with_help(format!("run `syskind questionnaire show {}` to see the accepted answers", q.id)),
            ),
        }
    }
    for (id, note) in notes {
        match q.question_index(id) {
            Some(i) => out.notes[i] = note.get_ref().clone(),
            None => {
                let span = key_span(text, note.span().start).unwrap_or(note.span());
                unknown(id, span, report)
            }
        }
    }
    out
}

/// [`fill`] from tables already parsed (a session, a parsed record), where no source spans are
/// kept; notes that are not strings are skipped, so a caller that must refuse them checks first.
pub fn fill_tables(q: &Questionnaire, answers: &toml::Table, notes: &toml::Table, report: &mut Report) -> Answers {
    let answers: BTreeMap<String, Spanned<toml::Value>> =
        answers.iter().map(|(k, v)| (k.clone(), Spanned::new(0..0, v.clone()))).collect();
    let notes: BTreeMap<String, Spanned<String>> =
        notes.iter().filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), Spanned::new(0..0, s.to_string())))).collect();
    fill(q, (&answers, &notes), "", report)
}

/// The span of the key whose value starts at `value_start` (`key = value`, also inside an inline
/// table), found by reading back over the `=`. `None` when the text is not shaped like that.
fn key_span(source: &str, value_start: usize) -> Option<std::ops::Range<usize>> {
    let before = source.get(..value_start)?;
    let eq = before.rfind('=')?;
    let end = before[..eq].trim_end().len();
    let start = before[..end].rfind(|c: char| c.is_whitespace() || c == '{' || c == ',').map_or(0, |i| i + 1);
    (start < end).then_some(start..end)
}

/// Writes answers in questionnaire order as the `[answers]` and `[notes]` tables.
pub fn answers_tables(q: &Questionnaire, a: &Answers) -> (toml::Table, toml::Table) {
    let mut values = toml::Table::new();
    let mut notes = toml::Table::new();
    for (i, question) in q.questions.iter().enumerate() {
        if let Some(v) = &a.values[i] {
            values.insert(question.id.to_string(), v.to_toml(question));
        }
        if !a.notes[i].is_empty() {
            notes.insert(question.id.to_string(), toml::Value::String(a.notes[i].clone()));
        }
    }
    (values, notes)
}

/// An answers file for these answers (what `syskind` writes with `--save-answers`).
pub fn to_answers_file(q: &Questionnaire, a: &Answers) -> String {
    let (values, notes) = answers_tables(q, a);
    let mut doc = toml::Table::new();
    doc.insert("questionnaire".into(), toml::Value::String(q.id.to_string()));
    doc.insert("answers".into(), toml::Value::Table(values));
    if !notes.is_empty() {
        doc.insert("notes".into(), toml::Value::Table(notes));
    }
    toml::to_string(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::parse_answers;
    use crate::core::questionnaire::default_questionnaire;

    #[test]
    fn an_unknown_question_is_marked_at_its_name_and_reported_once() {
        let q = default_questionnaire();
        let text = "[answers]\ncaler = \"person_sync\"\n[notes]\n  callr = \"x\"\n";
        let report = parse_answers("a.toml", text, &q).unwrap_err();
        let short = report.short();
        assert!(short.contains("a.toml:2:1: error: unknown question `caler`"), "{short}");
        assert!(short.contains("a.toml:4:3: error: unknown question `callr`"), "{short}");
        let inline = parse_answers("b.toml", "answers = { caller = \"nobody\", \"caler\" = 1 }\n", &q).unwrap_err();
        assert!(inline.short().contains("b.toml:1:32:"), "{}", inline.short());
        let full = report.render(false);
        assert_eq!(full.matches("unknown question `caler`").count(), 1, "the message once, not twice:\n{full}");
        assert!(full.contains("2 │ caler = \"person_sync\"\n   · ──┬──"), "the caret under the name:\n{full}");
    }
}
