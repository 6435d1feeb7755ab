//! Reading a system file: syntax and shape, then every part resolved (its record read through the
//! injected reader, or its inline answers) and classified, every call checked. Problems are reported
//! with file, line, column and the fix, like every other file syskind reads.

use std::collections::HashMap;
use std::ops::Range;

use super::raw::RawSystemFile;
use super::{Call, Part, PartSource, System};
use crate::core::answers::Answers;
use crate::core::answers_file::{fill, report_for};
use crate::core::diagnostics::{Diagnostic, Report};
use crate::core::duration::Duration;
use crate::core::engine::classify_with;
use crate::core::questionnaire::Questionnaire;
use crate::core::questionnaire::load::toml_error;
use crate::core::record::{QuestionnaireRef, Record, parse_record, record_answers};
use crate::core::suggest::did_you_mean;
use crate::core::text::safe;

/// The largest system file read: a system lists every part and call (20,000 parts with 100,000
/// calls take about 8 MB), so its limit is above other files' 4 MiB, and still bounded.
pub const MAX_SYSTEM_BYTES: usize = 32 * 1024 * 1024;

/// Reads a system file's text into its raw form.
pub fn parse_system(file: &str, text: &str) -> Result<RawSystemFile, Report> {
    if text.len() > MAX_SYSTEM_BYTES {
        let mut report = report_for(file, text);
        report.diagnostics.push(
            Diagnostic::error(format!("the file is {} bytes; the limit is {MAX_SYSTEM_BYTES}", text.len()), None)
                .with_help("check that this is the right file"),
        );
        return Err(report);
    }
    if let Some(raw) = super::chunked::parse(text) {
        return Ok(raw);
    }
    toml::from_str(text).map_err(|e| {
        let mut report = report_for(file, text);
        report.diagnostics.push(toml_error(&e));
        report
    })
}

/// Why the caller could not give what the resolver asked for: a record's text, or a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unavailable(pub String);

/// Reads a record named by a part: path as written → its text, or why it cannot be read.
pub type Reader<'a> = &'a dyn Fn(&str) -> Result<String, Unavailable>;

/// Chooses the questionnaire: from `[system] questionnaire`, else the first record's, else the default.
pub type Chooser<'a> = &'a dyn Fn(Option<&str>, Option<&QuestionnaireRef>) -> Result<Questionnaire, Unavailable>;

fn err(report: &mut Report, msg: impl Into<String>, at: Option<Range<usize>>, help: impl Into<String>) {
    report.diagnostics.push(Diagnostic::error(msg, at).with_help(help));
}

/// A part's record, read and parsed: its path as written, its text, the record.
type ReadRecord = (String, String, Record);

/// Resolves and classifies every part and checks every call.
pub fn resolve(
    file: &str,
    text: &str,
    mut raw: RawSystemFile,
    read: Reader,
    choose: Chooser,
) -> Result<System, Report> {
    // The text joins the report only when there is something to show: a copy of a large system
    // file for a report nobody reads would double what reading it costs.
    let mut report = report_for(file, "");
    let failed = |mut report: Report| {
        if report.source.is_empty() {
            report.source = text.to_string();
        }
        Err(report)
    };
    // Records first: the questionnaire comes from them unless the system names one.
    let mut records = read_records(&raw, read, &mut report);
    // Inline answers are written for the newest questionnaire; a system of records alone follows them.
    let inline = raw.part.iter().any(|p| p.answers.is_some());
    let first =
        if inline { None } else { (0..raw.part.len()).find_map(|i| records.get(&i)).map(|(_, _, r)| &r.questionnaire) };
    let spec = raw.system.questionnaire.as_ref().map(|s| s.get_ref().as_str());
    let q = match choose(spec, first) {
        Ok(q) => q,
        Err(why) => {
            let at = raw.system.questionnaire.as_ref().map(|s| s.span());
            err(
                &mut report,
                why.to_string(),
                at,
                "name a built-in questionnaire (`system-kind`) or a questionnaire file",
            );
            return failed(report);
        }
    };
    check_part_ids(&raw, &mut report);
    // Calls first, so their raw form is freed before the parts are classified (a system of 100,000
    // calls would hold both); their problems are still said after the parts'.
    let mut said_of_calls = report_for(file, "");
    let calls = resolve_calls(&raw, &mut said_of_calls);
    raw.call = Vec::new();
    let parts = classify_parts((&mut raw, text), &q, &mut records, &mut report);
    report.diagnostics.append(&mut said_of_calls.diagnostics);
    if report.has_errors() {
        return failed(report);
    }
    Ok(System {
        id: raw.system.id.into_inner(),
        title: safe(&raw.system.title),
        description: safe(&raw.system.description),
        parts,
        calls,
    })
}

/// Reads and parses every part's record (by part index); a part needs a record or answers, not both.
fn read_records(raw: &RawSystemFile, read: Reader, report: &mut Report) -> HashMap<usize, ReadRecord> {
    let report = &mut *report;
    let mut records: HashMap<usize, (String, String, Record)> = HashMap::new();
    for (i, p) in raw.part.iter().enumerate() {
        let at = p.record.as_ref().map(|r| r.span()).or(Some(p.id.span()));
        match (&p.record, &p.answers) {
            (Some(_), Some(a)) => err(
                report,
                format!("part `{}` has both a record and inline answers", p.id.get_ref()),
                Some(a.span()),
                "keep one: `record = \"decisions/….toml\"` or an `[part.answers]` table",
            ),
            (None, None) => err(
                report,
                format!("part `{}` has neither a record nor answers", p.id.get_ref()),
                at,
                "add `record = \"decisions/….toml\"` (relative to this file) or an `[part.answers]` table",
            ),
            (Some(r), None) => match read(r.get_ref()) {
                Err(why) => err(
                    report,
                    format!("part `{}`: cannot read record `{}`: {why}", p.id.get_ref(), r.get_ref()),
                    Some(r.span()),
                    "fix the path (it is relative to the system file) or create the record with `syskind record new`",
                ),
                Ok(rtext) => match parse_record(r.get_ref(), &rtext) {
                    Ok(rec) => {
                        records.insert(i, (r.get_ref().clone(), rtext, rec));
                    }
                    Err(rr) => err(
                        report,
                        format!("part `{}`: record `{}` is broken: {}", p.id.get_ref(), r.get_ref(), first_line(&rr)),
                        Some(r.span()),
                        format!("run `syskind record check {}` for the details", r.get_ref()),
                    ),
                },
            },
            (None, Some(_)) => {}
        }
    }
    records
}

/// Part ids: not empty, no spaces, unique; and at least one part.
fn check_part_ids(raw: &RawSystemFile, report: &mut Report) {
    let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
    for p in &raw.part {
        let id = p.id.get_ref();
        if id.trim().is_empty() || id.contains(|c: char| c.is_whitespace()) {
            err(
                report,
                format!("part id `{id}` is empty or has spaces"),
                Some(p.id.span()),
                "use a short id such as `checkout_accept`",
            );
        } else if seen.insert(id, p.id.span()).is_some() {
            err(
                report,
                format!("duplicate part id `{id}`"),
                Some(p.id.span()),
                "part ids must be unique; rename this one",
            );
        }
    }
    if raw.part.is_empty() {
        err(
            report,
            "the system has no parts",
            Some(raw.system.id.span()),
            "add a [[part]] table for each part (id, title, and a record or inline answers); a system of no parts has nothing to check",
        );
    }
}

/// Each part's answers (from its record or inline) under `q`, classified.
fn classify_parts(
    (raw, text): (&mut RawSystemFile, &str),
    q: &Questionnaire,
    records: &mut HashMap<usize, ReadRecord>,
    report: &mut Report,
) -> Vec<Part> {
    let mut parts = Vec::with_capacity(raw.part.len());
    for (i, p) in raw.part.iter_mut().enumerate() {
        let (source, answers, stored) = if let Some((path, rtext, rec)) = records.remove(&i) {
            if rec.questionnaire.id != q.id || rec.questionnaire.version != q.version {
                err(
                    report,
                    format!(
                        "part `{}`: record `{path}` answers {} {}, but this system uses {} {}",
                        p.id.get_ref(),
                        rec.questionnaire.id,
                        rec.questionnaire.version,
                        q.id,
                        q.version
                    ),
                    p.record.as_ref().map(|r| r.span()),
                    format!("bring every record to one version: `syskind record upgrade --write {path}`"),
                );
                continue;
            }
            match record_answers(&path, &rtext, &rec, q) {
                Ok(a) => (PartSource::Record(path), a, Some(rec.verdict.class.clone())),
                Err(rr) => {
                    err(
                        report,
                        format!("part `{}`: record `{path}` is broken: {}", p.id.get_ref(), first_line(&rr)),
                        p.record.as_ref().map(|r| r.span()),
                        format!("run `syskind record check {path}` for the details"),
                    );
                    continue;
                }
            }
        } else if let Some(a) = p.answers.take() {
            // Taken, so each part's table is freed once its answers are read.
            let notes = std::mem::take(&mut p.notes);
            let before = report.diagnostics.len();
            let answers = fill(q, (a.get_ref().iter(), &notes), text, report);
            if report.diagnostics.len() > before {
                continue;
            }
            (PartSource::Inline, answers, None)
        } else {
            (PartSource::Inline, Answers::empty(q), None)
        };
        // A part keeps its class, confidence, scores and risk review; no view of a system shows a
        // part's reasons (its record has them), so none are written out: a system of 20,000 parts
        // would otherwise hold 20,000 lists of reason texts.
        let verdict = classify_with(q, &answers, false, 0);
        let mut table: Vec<(String, toml::Value)> =
            crate::core::answers_file::answers_tables(q, &answers).0.into_iter().collect();
        table.sort_by(|a, b| a.0.cmp(&b.0));
        parts.push(Part {
            table,
            id: p.id.get_ref().clone(),
            title: safe(&p.title),
            source,
            answers,
            verdict,
            stored_class: stored,
        });
    }
    parts
}

/// The calls between known parts: no part calling itself, one call per pair, timeouts that parse.
/// Parts are named by their place in the file (the parts a system holds, when it has no errors).
fn resolve_calls(raw: &RawSystemFile, report: &mut Report) -> Vec<Call> {
    let ids: Vec<String> = raw.part.iter().map(|p| p.id.get_ref().clone()).collect();
    // Part ids by name, so resolving a call is one lookup (a scan per call was parts × calls).
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        index.entry(id.as_str()).or_insert(i);
    }
    let mut calls = Vec::with_capacity(raw.call.len());
    // Pairs seen, borrowed from the file's raw form (100,000 calls would be 200,000 id copies).
    let mut pairs: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::with_capacity(raw.call.len());
    for c in &raw.call {
        let find = |end: &toml::Spanned<String>, report: &mut Report| {
            let found = index.get(end.get_ref().as_str()).copied();
            if found.is_none() && !ids.contains(end.get_ref()) {
                err(
                    report,
                    format!("call names unknown part `{}`", end.get_ref()),
                    Some(end.span()),
                    format!("{}parts: {}", did_you_mean(end.get_ref(), &ids), ids.join(", ")),
                );
            }
            found
        };
        let (from, to) = (find(&c.from, &mut *report), find(&c.to, &mut *report));
        if c.from.get_ref() == c.to.get_ref() {
            err(
                report,
                format!("part `{}` calls itself", c.from.get_ref()),
                Some(c.to.span()),
                "a call joins two different parts; remove it, or split the part",
            );
            continue;
        }
        if !pairs.insert((c.from.get_ref().as_str(), c.to.get_ref().as_str())) {
            err(
                report,
                format!("duplicate call from `{}` to `{}`", c.from.get_ref(), c.to.get_ref()),
                Some(c.to.span()),
                "keep one call per pair of parts; say the rest in its `note`",
            );
        }
        let timeout = match &c.timeout {
            None => None,
            Some(t) => match Duration::parse(t.get_ref()) {
                Ok(d) => Some(d),
                Err(e) => {
                    err(
                        report,
                        format!("timeout: {e}"),
                        Some(t.span()),
                        "write a duration such as \"2s\" or \"500ms\"",
                    );
                    None
                }
            },
        };
        if let (Some(from), Some(to)) = (from, to) {
            calls.push(Call { from, to, mode: *c.mode.get_ref(), timeout, note: safe(&c.note) });
        }
    }
    calls
}

/// The first line of a report's first error, for a one-line mention.
fn first_line(r: &Report) -> String {
    r.short().lines().next().unwrap_or("").to_string()
}
