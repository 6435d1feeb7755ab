//! A Well-Architected custom lens as a syskind questionnaire (TOML, schema 3), so any lens runs in
//! the wizard, the line mode and `classify`. A lens has no kinds: its "verdict" is the WA risk
//! review. Its classes are the three risk levels (no, medium, high risk); each question is a
//! multiple choice (plus the WA Tool's own "None of these"); each risk rule becomes a finding that
//! holds when the rule is the first of its question to hold (the WA Tool's order), and a definitional
//! floor that lifts the review to that risk. Helpful resources become the choices' help and the
//! question's source; improvement plans become the findings' texts.

use std::ops::Range;

use super::expr::{Expr, parse};
use super::model::{Lens, LensChoice, LensQuestion, LensRisk, Resource, ResourceKind, SCHEMA_VERSION, limits};
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

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn q(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A lens condition on question `qid` as an inline questionnaire condition.
fn condition(qid: &str, e: &Expr) -> String {
    let test = |k: &str, v: String| format!("{{ question = {}, {k} = {v} }}", q(qid));
    let list = |v: &[Expr]| v.iter().map(|p| condition(qid, p)).collect::<Vec<_>>().join(", ");
    match e {
        Expr::Default => test("answered", "true".into()),
        Expr::Choice(c) => test("any_of", format!("[{}]", q(c))),
        Expr::Not(inner) => format!("{{ not = {} }}", condition(qid, inner)),
        Expr::And(v) => format!("{{ all = [{}] }}", list(v)),
        // `a || b || c` is one test: any of these choices.
        Expr::Or(v) if v.iter().all(|e| matches!(e, Expr::Choice(_))) => {
            let ids: Vec<String> =
                v.iter().filter_map(|e| if let Expr::Choice(c) = e { Some(q(c)) } else { None }).collect();
            test("any_of", format!("[{}]", ids.join(", ")))
        }
        Expr::Or(v) => format!("{{ any = [{}] }}", list(v)),
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
const WEIGHTS: &str = "{ no_risk = 1.0, medium_risk = 0.5 }";

/// A choice's additional resources of one kind (the WA Tool takes up to 5 links in each).
fn resources(c: &LensChoice, kind: ResourceKind) -> impl Iterator<Item = &Resource> {
    c.additional_resources
        .iter()
        .filter(move |r| r.kind == kind)
        .flat_map(|r| r.content.iter().take(limits::ADDITIONAL_CONTENT))
}

/// The question's choices, inline (each weighs toward "no risk"), and the WA Tool's "None of these".
fn choices(qn: &LensQuestion) -> String {
    let mut items: Vec<String> = qn
        .choices
        .iter()
        .map(|c| {
            // The helpful resource, then any additional ones, each with its link.
            let help = c
                .helpful_resource
                .iter()
                .chain(resources(c, ResourceKind::HelpfulResource))
                .map(|r| match &r.url {
                    Some(url) => format!("{} ({url})", r.display_text),
                    None => r.display_text.clone(),
                })
                .collect::<Vec<_>>()
                .join(" Also: ");
            format!("{{ id = {}, label = {}, help = {}, weights = {WEIGHTS} }}", q(&c.id), q(&c.title), q(help.trim()))
        })
        .collect();
    if !qn.choices.iter().any(|c| c.id == NONE_OF_THESE) {
        items.push(format!("{{ id = {}, label = \"None of these\", weights = {WEIGHTS} }}", q(NONE_OF_THESE)));
    }
    format!("[{}]", items.join(", "))
}

/// The TOML being written: the questions as they come, rules and findings after them.
#[derive(Default)]
struct Out {
    questions: String,
    rules: String,
    findings: String,
}

/// The question, its findings and its floors.
fn question(pillar: &str, qn: &LensQuestion, out: &mut Out) {
    use std::fmt::Write as _;
    let _ = write!(
        out.questions,
        "\n[[questions]]\nid = {}\nsection = {}\nkind = \"multiple\"\nprompt = {}\nhelp = {}\nchoices = {}\n",
        q(&qn.id),
        q(pillar),
        q(&qn.title),
        q(&qn.description),
        choices(qn)
    );
    if let Some(url) = qn.helpful_resource.as_ref().and_then(|r| r.url.as_ref()) {
        let _ = writeln!(out.questions, "source = {}", q(url));
    }
    // What to improve: the plans of the choices, each once, as the WA Tool lists them for a risky answer.
    let mut plans: Vec<&str> = Vec::new();
    let all_plans =
        qn.choices.iter().flat_map(|c| c.improvement_plan.iter().chain(resources(c, ResourceKind::ImprovementPlan)));
    for p in all_plans {
        if !plans.contains(&p.display_text.as_str()) {
            plans.push(&p.display_text);
        }
    }
    let plan_url = qn.choices.iter().find_map(|c| c.improvement_plan.as_ref().and_then(|p| p.url.clone()));
    let exprs: Vec<Option<Expr>> = qn.risk_rules.iter().map(|r| parse(&r.condition).ok()).collect();
    for (k, rule) in qn.risk_rules.iter().enumerate() {
        let Some(expr) = &exprs[k] else { continue };
        if rule.risk == LensRisk::None {
            continue;
        }
        // The first rule that holds decides: this one holds and no earlier one does.
        let mut all = vec![condition(&qn.id, &Expr::Default), condition(&qn.id, expr)];
        all.extend(exprs[..k].iter().flatten().map(|e| format!("{{ not = {} }}", condition(&qn.id, e))));
        let when = format!("{{ all = [{}] }}", all.join(", "));
        let id = q(&format!("{}__rule_{}", qn.id, k + 1));
        let word = risk_word(rule.risk);
        let mut text = format!("{}: {} risk (the lens's rule `{}`).", qn.title, word, rule.condition);
        if !plans.is_empty() {
            text.push_str(&format!(" Improvement plan — {}", plans.join("; ")));
        }
        let _ = write!(
            out.findings,
            "\n[[findings]]\nid = {id}\nrisk = \"{word}\"\nwa_risk = \"{word}\"\npractice = {}\ntext = {}\nwhen = {when}\n",
            q(&format!("{pillar}/{}", qn.id)),
            q(&text)
        );
        if let Some(url) = &plan_url {
            let _ = writeln!(out.findings, "source = {}", q(url));
        }
        let _ = write!(
            out.rules,
            "\n[[rules]]\nid = {id}\nwhen = {when}\neffect = \"floor\"\nclass = \"{word}_risk\"\nreason = {}\ndefinition = \"The lens's risk rules define the question's risk: the first that holds.\"\n",
            q(&format!("{}: {word} risk by the lens's rule `{}`", qn.id, rule.condition))
        );
    }
}

/// The lens as a questionnaire file (TOML), or every problem with its place. Written directly, line
/// by line (a value tree and a generic serialiser took most of an import's time).
pub fn import(file: &str, text: &str) -> Result<String, Report> {
    use std::fmt::Write as _;
    let lens = read_lens(file, text)?;
    let mut doc = String::with_capacity(text.len() * 2);
    let _ = write!(
        doc,
        "# Imported by syskind from the Well-Architected custom lens `{}` ({}).\n# Classes are the WA risk levels; each risk rule is a finding and a floor.\n\n",
        lens.name.replace(['\n', '\r'], " "),
        file.replace(['\n', '\r'], " ")
    );
    let id = slug(&lens.name);
    let _ = writeln!(
        doc,
        "schema = 3\nid = {}\nversion = \"1.0.0\"\ntitle = {}",
        q(if id.is_empty() { "lens" } else { &id }),
        q(&lens.name)
    );
    let description =
        format!("{} (A Well-Architected custom lens: its verdict is the risk review.)", lens.description.trim());
    let _ = writeln!(doc, "description = {}", q(&description));
    for (id, label, what) in [
        ("no_risk", "No risk", "No question of the lens has a medium or high risk."),
        ("medium_risk", "Medium risk", "At least one question has a medium risk and none a high one."),
        ("high_risk", "High risk", "At least one question has a high risk."),
    ] {
        let _ = write!(doc, "\n[[classes]]\nid = \"{id}\"\nlabel = \"{label}\"\ndescription = \"{what}\"\n");
    }
    for p in &lens.pillars {
        let _ = write!(doc, "\n[[sections]]\nid = {}\ntitle = {}\n", q(&p.id), q(&p.name));
    }
    let mut out = Out::default();
    for p in &lens.pillars {
        for qn in &p.questions {
            question(&p.id, qn, &mut out);
        }
    }
    doc.push_str(&out.questions);
    doc.push_str(&out.rules);
    doc.push_str(&out.findings);
    Ok(doc)
}
