//! A Well-Architected custom lens as a syskind questionnaire (TOML, schema 3), so any lens runs in
//! the wizard, the line mode and `classify`. A lens has no kinds: its "verdict" is the WA risk
//! review. Its classes are the three risk levels (no, medium, high risk); each question is a
//! multiple choice (plus the WA Tool's own "None of these"); each risk rule becomes a finding that
//! holds when the rule is the first of its question to hold (the WA Tool's order), and a definitional
//! floor that lifts the review to that risk. Helpful resources become the choices' help and the
//! question's source; improvement plans become the findings' texts.

use std::ops::Range;

use toml::{Table, Value};

use super::expr::{Expr, parse};
use super::model::{Lens, LensQuestion, LensRisk, SCHEMA_VERSION, limits};
use crate::core::answers_file::report_for;
use crate::core::diagnostics::{Diagnostic, Report};
use crate::core::slug::slug;

/// The id of the choice every imported question gets, as the WA Tool adds "None of these".
pub const NONE_OF_THESE: &str = "none_of_these";

/// The byte offset of `line`:`column` (1-based, as serde_json counts them).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// Where `needle` (a JSON string's text) is written, searching from `from`.
fn find(text: &str, needle: &str, from: usize) -> Option<Range<usize>> {
    let quoted = serde_json::to_string(needle).ok()?;
    let at = text.get(from..)?.find(&quoted)? + from;
    Some(at..at + quoted.len())
}

/// Reads and checks a lens; every problem is reported with its place.
pub fn read_lens(file: &str, text: &str) -> Result<Lens, Report> {
    let mut report = report_for(file, text);
    if text.len() > limits::FILE_BYTES {
        report.diagnostics.push(
            Diagnostic::error(
                format!("the lens is {} bytes; the WA Tool takes {} at most", text.len(), limits::FILE_BYTES),
                None,
            )
            .with_help("split the lens in two"),
        );
        return Err(report);
    }
    let lens: Lens = match serde_json::from_str(text) {
        Ok(l) => l,
        Err(e) => {
            let at = offset(text, e.line(), e.column());
            let msg = e.to_string();
            let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_string();
            report.diagnostics.push(
                Diagnostic::error(msg, Some(at..(at + 1).min(text.len())))
                    .with_help("a lens is JSON with schemaVersion, name, description and pillars (AWS's lens format)"),
            );
            return Err(report);
        }
    };
    if lens.schema_version != SCHEMA_VERSION {
        let at = find(text, &lens.schema_version, 0);
        report.diagnostics.push(
            Diagnostic::error(format!("schemaVersion `{}` is not one syskind reads", lens.schema_version), at)
                .with_help(format!("write \"schemaVersion\": \"{SCHEMA_VERSION}\"")),
        );
    }
    check_ids(&lens, text, &mut report);
    if report.has_errors() { Err(report) } else { Ok(lens) }
}

/// Unique ids; conditions that parse and name the question's own choices.
fn check_ids(lens: &Lens, text: &str, report: &mut Report) {
    let mut seen = std::collections::HashSet::new();
    let mut from = 0;
    if lens.pillars.is_empty() || lens.pillars.iter().all(|p| p.questions.is_empty()) {
        report
            .diagnostics
            .push(Diagnostic::error("the lens has no questions", None).with_help("add pillars with questions"));
    }
    for p in &lens.pillars {
        for q in &p.questions {
            let here = find(text, &q.id, from);
            from = here.as_ref().map_or(from, |r| r.end);
            if !seen.insert(q.id.clone()) {
                report.diagnostics.push(
                    Diagnostic::error(format!("question id `{}` is used twice", q.id), here.clone())
                        .with_help("question ids are unique in a lens"),
                );
            }
            if q.choices.is_empty() {
                report.diagnostics.push(
                    Diagnostic::error(format!("question `{}` has no choices", q.id), here.clone())
                        .with_help("add choices"),
                );
            }
            let ids: Vec<&str> = q.choices.iter().map(|c| c.id.as_str()).collect();
            for rule in &q.risk_rules {
                let at = find(text, &rule.condition, from);
                match parse(&rule.condition) {
                    Err(e) => report.diagnostics.push(
                        Diagnostic::error(
                            format!("question `{}`: the condition `{}` does not parse: {e}", q.id, rule.condition),
                            at,
                        )
                        .with_help("join choice ids with &&, || and !, with brackets, or write default"),
                    ),
                    Ok(expr) => {
                        for c in expr.choices() {
                            if !ids.contains(&c) {
                                report.diagnostics.push(
                                    Diagnostic::error(
                                        format!("question `{}`: the condition `{}` names `{c}`, which is not one of its choices", q.id, rule.condition),
                                        at.clone(),
                                    )
                                    .with_help(format!(
                                        "{}its choices: {}",
                                        crate::core::suggest::did_you_mean(c, &ids.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
                                        ids.join(", ")
                                    )),
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A value written as inline TOML (`{ all = [{ question = "q", any_of = ["a"] }] }`).
fn inline(v: &Value) -> String {
    match v {
        Value::Table(t) => {
            let parts: Vec<String> = t.iter().map(|(k, v)| format!("{k} = {}", inline(v))).collect();
            format!("{{ {} }}", parts.join(", "))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(inline).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

/// The document as TOML: scalars first, then each list of tables as `[[key]]` sections whose values
/// are written inline (a condition on one line). Written directly: the generic serialiser took a third
/// of an import's time.
fn write_doc(doc: &Table) -> String {
    use std::fmt::Write as _;
    let tables = |v: &Value| matches!(v, Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_table));
    let mut out = String::with_capacity(64 * 1024);
    for (k, v) in doc.iter().filter(|(_, v)| !tables(v)) {
        let _ = writeln!(out, "{k} = {}", inline(v));
    }
    for (k, v) in doc.iter().filter(|(_, v)| tables(v)) {
        for item in v.as_array().into_iter().flatten().filter_map(Value::as_table) {
            let _ = writeln!(out, "\n[[{k}]]");
            for (ik, iv) in item {
                let _ = writeln!(out, "{ik} = {}", inline(iv));
            }
        }
    }
    out
}

fn table(pairs: Vec<(&str, Value)>) -> Value {
    Value::Table(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

/// A lens condition on question `q` as a questionnaire condition.
fn condition(q: &str, e: &Expr) -> Value {
    match e {
        Expr::Default => table(vec![("question", s(q)), ("answered", Value::Boolean(true))]),
        Expr::Choice(c) => table(vec![("question", s(q)), ("any_of", Value::Array(vec![s(c)]))]),
        Expr::Not(inner) => table(vec![("not", condition(q, inner))]),
        Expr::And(v) => table(vec![("all", Value::Array(v.iter().map(|p| condition(q, p)).collect()))]),
        // `a || b || c` is one test: any of these choices.
        Expr::Or(v) if v.iter().all(|e| matches!(e, Expr::Choice(_))) => {
            let ids = v.iter().filter_map(|e| if let Expr::Choice(c) = e { Some(s(c)) } else { None }).collect();
            table(vec![("question", s(q)), ("any_of", Value::Array(ids))])
        }
        Expr::Or(v) => table(vec![("any", Value::Array(v.iter().map(|p| condition(q, p)).collect()))]),
    }
}

fn risk_word(r: LensRisk) -> &'static str {
    match r {
        LensRisk::High => "high",
        LensRisk::Medium => "medium",
        LensRisk::None => "none",
    }
}

/// Every answer weighs toward "no risk", and half as much toward "medium risk", so the scores never
/// tie between the two risk levels a floor may leave: the review's confidence is then how much of
/// the lens is answered, not an artefact of equal scores.
fn weights() -> Value {
    table(vec![("no_risk", Value::Float(1.0)), ("medium_risk", Value::Float(0.5))])
}

/// The question's choices (each weighs toward "no risk"), and the WA Tool's "None of these".
fn choices(q: &LensQuestion) -> Vec<Value> {
    let mut choices: Vec<Value> = q
        .choices
        .iter()
        .map(|c| {
            let mut help = c.helpful_resource.as_ref().map(|r| r.display_text.clone()).unwrap_or_default();
            if let Some(url) = c.helpful_resource.as_ref().and_then(|r| r.url.as_ref()) {
                help = format!("{help} ({url})");
            }
            table(vec![("id", s(&c.id)), ("label", s(&c.title)), ("help", s(help.trim())), ("weights", weights())])
        })
        .collect();
    if !q.choices.iter().any(|c| c.id == NONE_OF_THESE) {
        choices.push(table(vec![("id", s(NONE_OF_THESE)), ("label", s("None of these")), ("weights", weights())]));
    }
    choices
}

/// The question, its findings and its floors.
fn question(pillar: &str, q: &LensQuestion, findings: &mut Vec<Value>, rules: &mut Vec<Value>) -> Value {
    let choices = choices(q);
    // What to improve: the plans of the choices, as the WA Tool lists them for a risky answer.
    let mut plans: Vec<String> = Vec::new();
    for p in q.choices.iter().filter_map(|c| c.improvement_plan.as_ref()) {
        if !plans.contains(&p.display_text) {
            plans.push(p.display_text.clone());
        }
    }
    let plan_url = q.choices.iter().find_map(|c| c.improvement_plan.as_ref().and_then(|p| p.url.clone()));
    let exprs: Vec<Option<Expr>> = q.risk_rules.iter().map(|r| parse(&r.condition).ok()).collect();
    for (k, rule) in q.risk_rules.iter().enumerate() {
        let Some(expr) = &exprs[k] else { continue };
        if rule.risk == LensRisk::None {
            continue;
        }
        // The first rule that holds decides: this one holds and no earlier one does.
        let mut all = vec![condition(&q.id, &Expr::Default), condition(&q.id, expr)];
        all.extend(exprs[..k].iter().flatten().map(|e| table(vec![("not", condition(&q.id, e))])));
        let when = table(vec![("all", Value::Array(all))]);
        let id = format!("{}__rule_{}", q.id, k + 1);
        let word = risk_word(rule.risk);
        let mut text = format!("{}: {} risk (the lens's rule `{}`).", q.title, word, rule.condition);
        if !plans.is_empty() {
            text.push_str(&format!(" Improvement plan — {}", plans.join("; ")));
        }
        let mut finding = vec![
            ("id", s(&id)),
            ("risk", s(word)),
            ("wa_risk", s(word)),
            ("practice", s(&format!("{pillar}/{}", q.id))),
            ("text", s(&text)),
            ("when", when.clone()),
        ];
        if let Some(url) = &plan_url {
            finding.push(("source", s(url)));
        }
        findings.push(table(finding));
        rules.push(table(vec![
            ("id", s(&id)),
            ("when", when),
            ("effect", s("floor")),
            ("class", s(&format!("{word}_risk"))),
            ("reason", s(&format!("{}: {word} risk by the lens's rule `{}`", q.id, rule.condition))),
            ("definition", s("The lens's risk rules define the question's risk: the first that holds.")),
        ]));
    }
    let mut out = vec![
        ("id", s(&q.id)),
        ("section", s(pillar)),
        ("kind", s("multiple")),
        ("prompt", s(&q.title)),
        ("help", s(&q.description)),
        ("choices", Value::Array(choices)),
    ];
    if let Some(url) = q.helpful_resource.as_ref().and_then(|r| r.url.clone()) {
        out.push(("source", s(&url)));
    }
    table(out)
}

/// The lens as a questionnaire file (TOML), or every problem with its place.
pub fn import(file: &str, text: &str) -> Result<String, Report> {
    let lens = read_lens(file, text)?;
    let class = |id: &str, label: &str, description: &str| {
        table(vec![("id", s(id)), ("label", s(label)), ("description", s(description))])
    };
    let mut findings = Vec::new();
    let mut rules = Vec::new();
    let mut questions = Vec::new();
    for p in &lens.pillars {
        for q in &p.questions {
            questions.push(question(&p.id, q, &mut findings, &mut rules));
        }
    }
    let mut doc = Table::new();
    doc.insert("schema".into(), Value::Integer(3));
    let id = slug(&lens.name);
    doc.insert("id".into(), s(if id.is_empty() { "lens" } else { &id }));
    doc.insert("version".into(), s("1.0.0"));
    doc.insert("title".into(), s(&lens.name));
    doc.insert(
        "description".into(),
        s(&format!("{} (A Well-Architected custom lens: its verdict is the risk review.)", lens.description.trim())),
    );
    doc.insert(
        "classes".into(),
        Value::Array(vec![
            class("no_risk", "No risk", "No question of the lens has a medium or high risk."),
            class("medium_risk", "Medium risk", "At least one question has a medium risk and none a high one."),
            class("high_risk", "High risk", "At least one question has a high risk."),
        ]),
    );
    doc.insert(
        "sections".into(),
        Value::Array(lens.pillars.iter().map(|p| table(vec![("id", s(&p.id)), ("title", s(&p.name))])).collect()),
    );
    doc.insert("questions".into(), Value::Array(questions));
    doc.insert("rules".into(), Value::Array(rules));
    doc.insert("findings".into(), Value::Array(findings));
    let header = format!(
        "# Imported by syskind from the Well-Architected custom lens `{}` ({file}).\n# Classes are the WA risk levels; each risk rule is a finding and a floor.\n\n",
        lens.name.replace('\n', " ")
    );
    Ok(header + &write_doc(&doc))
}
