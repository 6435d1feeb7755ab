//! Plain-text renderings of verdicts, answers and questionnaires, for every face that prints text (the
//! CLI and the line mode; neither owns it). Words carry the meaning; nothing here depends on colour.

use std::fmt::Write;

use crate::core::answers::Answers;
use crate::core::engine::review::risk_counts;
use crate::core::engine::{ReasonKind, Verdict};
use crate::core::questionnaire::{Kind, Questionnaire};
use crate::core::text::safe;

/// The verdict's name: the class label, or "Undecided between X and Y" on a tie.
pub fn headline(v: &Verdict, label_of: impl Fn(&str) -> String) -> String {
    if v.undecided.len() > 1 {
        let names: Vec<String> = v.undecided.iter().map(|c| label_of(c)).collect();
        format!("Undecided between {} (reported as {}, the more stringent)", names.join(" and "), v.full_label())
    } else {
        v.full_label()
    }
}

/// "1 conflict", "2 findings (1 high)": counts with the right plural.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The risk counts, e.g. "2 findings (1 high, 1 medium)".
pub fn findings_summary(v: &Verdict) -> String {
    if v.findings.is_empty() {
        "no findings".into()
    } else {
        format!("{} ({})", count(v.findings.len(), "finding", "findings"), risk_counts(&v.findings))
    }
}

/// One line: class, confidence, completeness, conflicts, findings and the strongest reason.
pub fn verdict_line(v: &Verdict) -> String {
    // Honest wording: answers that do not score (text, design) are still answers.
    let reason = v.reasons.first().map(|r| r.text.as_str()).unwrap_or(if v.answered == 0 {
        "no answers yet"
    } else {
        "no answer that decides the kind yet"
    });
    let conflicts = if v.conflicts.is_empty() {
        String::new()
    } else {
        format!(", {}", count(v.conflicts.len(), "conflict", "conflicts"))
    };
    let findings = if v.findings.is_empty() { String::new() } else { format!(", {}", findings_summary(v)) };
    safe(&format!(
        "Verdict: {} (confidence {:.0}%, {}/{} answered{conflicts}{findings}) — {}",
        headline(v, |c| c.to_string()),
        v.confidence * 100.0,
        v.answered,
        v.applicable,
        reason
    ))
}

/// The full verdict: scores, reasons, what would change it.
pub fn verdict_text(q: &Questionnaire, v: &Verdict) -> String {
    let mut out = String::new();
    let label_of = |c: &str| q.class_index(c).map(|i| q.classes[i].label.to_string()).unwrap_or_else(|| c.to_string());
    let _ = writeln!(out, "Verdict: {} ({})", headline(v, label_of), v.class);
    let _ = writeln!(
        out,
        "Confidence: {:.0}%   Completeness: {}/{} applicable questions answered",
        v.confidence * 100.0,
        v.answered,
        v.applicable
    );
    let scores: Vec<String> =
        v.scores.iter().zip(&q.classes).map(|(s, c)| format!("{} {}", c.label, s.score)).collect();
    // A lens's scores are only weights that keep its risk levels apart: its review (below) is what counts.
    if !q.is_risk_review() {
        let _ = writeln!(out, "Scores: {}", scores.join(" · "));
    }
    if !v.reasons.is_empty() {
        let _ = writeln!(out, "\nReasons, strongest first:");
        for r in &v.reasons {
            let mark = match (r.kind, r.support >= 0.0) {
                (ReasonKind::Rule, true) => "rule",
                (ReasonKind::Rule, false) => "rule, overruled",
                (_, true) => "for ",
                (_, false) => "against",
            };
            let _ = writeln!(out, "  {mark:<4} [{}] {}", r.id, r.text);
        }
    }
    if !v.conflicts.is_empty() {
        let _ = writeln!(
            out,
            "\n{} (confidence capped while they stand):",
            count(v.conflicts.len(), "Conflict", "Conflicts")
        );
        for c in &v.conflicts {
            let _ = writeln!(out, "  ! [{}] {}", c.id, c.text);
        }
    }
    let lens = crate::core::lens::question_counts(q, v);
    if !v.findings.is_empty() || lens.is_some() {
        let _ = writeln!(out, "\nRisk review: {}", findings_summary(v));
        if let Some(c) = lens {
            let _ = writeln!(out, "Questions, as the WA Tool counts them: {}", c.text());
        }
        for f in &v.findings {
            let _ = writeln!(out, "  {:<6} {} [{}] {}", f.risk.name().to_uppercase(), f.practice, f.id, f.text);
            if !f.answers.is_empty() {
                let _ = writeln!(out, "         raised by: {}", f.answers.join(", "));
            }
            if let Some(src) = &f.source {
                let _ = writeln!(out, "         {src}");
            }
        }
    }
    if v.changes.is_empty() && v.answered > 0 {
        let _ = writeln!(out, "\nNo single answer would change this verdict.");
    } else if !v.changes.is_empty() {
        let _ = writeln!(out, "\nWhat would change it:");
        for c in &v.changes {
            let label = q.class_index(&c.class).map(|i| q.classes[i].label.as_ref()).unwrap_or(&c.class);
            let from = c.from.as_deref().unwrap_or("unanswered");
            let _ = writeln!(out, "  {} : {from} → {}  ⇒ {label}   (--set {})", c.question, c.to, c.set);
        }
    }
    safe(&out)
}

/// The questionnaire as a reference sheet: every question and choice id.
pub fn questionnaire_text(q: &Questionnaire) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {} (version {})\n", q.id, q.title, q.version);
    let classes: Vec<String> = q.classes.iter().map(|c| format!("{} ({})", c.id, c.label)).collect();
    let _ = writeln!(out, "Classes, least stringent first: {}\n", classes.join(" < "));
    for question in &q.questions {
        let _ = writeln!(out, "{}  [{}]", question.id, question.kind.name());
        let _ = writeln!(out, "    {}", question.prompt);
        match question.kind {
            Kind::Single | Kind::Multiple => {
                for c in &question.choices {
                    let _ = writeln!(out, "      - {:<16} {}", c.id, c.label);
                }
            }
            Kind::YesNo => {
                let _ = writeln!(out, "      yes | no");
            }
            Kind::Duration => {
                let _ = writeln!(out, "      a duration: 250ms, 2s, 5m, 1h, 1d, 2 weeks");
            }
            Kind::Number => {
                let _ = writeln!(
                    out,
                    "      a number{}",
                    question.unit.as_ref().map(|u| format!(" ({u})")).unwrap_or_default()
                );
            }
            Kind::Text => {
                let _ = writeln!(out, "      free text");
            }
        }
    }
    safe(&out)
}

/// Each answer with its note, for summaries.
pub fn answers_text(q: &Questionnaire, a: &Answers) -> String {
    let mut out = String::new();
    for (i, question) in q.questions.iter().enumerate() {
        let Some(v) = &a.values[i] else { continue };
        let _ = writeln!(out, "  {}: {}", question.id, v.display(question));
        if !a.notes[i].is_empty() {
            let _ = writeln!(out, "      note: {}", a.notes[i]);
        }
    }
    safe(&out)
}

/// The findings as text, highest risk first.
pub fn findings_text(findings: &[crate::core::engine::Finding]) -> String {
    let mut out = String::new();
    let _ = write_findings(&mut out, findings);
    out
}

/// [`findings_text`], written a piece at a time: a large system's findings (4 MB for 20,000 parts)
/// go straight to the output instead of being held whole first.
pub fn write_findings(out: &mut impl std::fmt::Write, findings: &[crate::core::engine::Finding]) -> std::fmt::Result {
    if findings.is_empty() {
        out.write_str("No findings: no part waits synchronously on a less stringent one, and no other risky shape.\n")?;
    }
    for f in findings {
        writeln!(out, "{:<6} {} [{}] {}", f.risk.name().to_uppercase(), f.practice, f.id, f.text)?;
        if !f.calls.is_empty() {
            writeln!(out, "       call: {}", f.calls.join(", "))?;
        }
        if let Some(src) = &f.source {
            writeln!(out, "       {src}")?;
        }
    }
    Ok(())
}
