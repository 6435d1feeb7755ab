//! The system map as Mermaid (GitHub and GitLab draw it), Graphviz DOT, or plain text: nodes marked by
//! kind (shape, colour and the kind in words), edges by mode, offending calls marked.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::{Call, Mode, System};
use crate::core::engine::Finding;

/// The calls a finding names, as `from → to (mode)` texts.
fn offending(findings: &[Finding]) -> BTreeSet<String> {
    findings.iter().flat_map(|f| f.calls.iter().cloned()).collect()
}

/// Node id safe for Mermaid and DOT (letters, digits, `_`; prefixed so `end` and digits are fine).
fn node(id: &str) -> String {
    let clean: String = id.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    format!("p_{clean}")
}

/// Kind key for styling: the most stringent class is `hard`, the least `offline`, the rest `soft`.
fn kind_key(s: &System, i: usize) -> &'static str {
    let v = &s.parts[i].verdict;
    let top = v.scores.len().saturating_sub(1);
    if v.class_index == top {
        "hard"
    } else if v.class_index == 0 {
        "offline"
    } else {
        "soft"
    }
}

fn caption(s: &System, i: usize) -> String {
    let p = &s.parts[i];
    format!("{}<br/>{} · {:.0}%", p.title, p.verdict.full_label().to_lowercase(), p.verdict.confidence * 100.0)
}

/// Mermaid flowchart.
pub fn mermaid(s: &System, findings: &[Finding]) -> String {
    let bad = offending(findings);
    let mut out = String::from("flowchart LR\n");
    for (i, p) in s.parts.iter().enumerate() {
        let label = caption(s, i).replace('"', "#quot;");
        let shape = match kind_key(s, i) {
            "hard" => format!("[[\"{label}\"]]"),
            "offline" => format!("[(\"{label}\")]"),
            _ => format!("(\"{label}\")"),
        };
        let _ = writeln!(out, "    {}{shape}:::{}", node(&p.id), kind_key(s, i));
    }
    let mut red = Vec::new();
    for (k, c) in s.calls.iter().enumerate() {
        let flagged = bad.contains(&s.call_text(c));
        let label = format!("{}{}", if flagged { "⚠ " } else { "" }, c.mode.name());
        let arrow = match c.mode {
            Mode::Sync => "-->",
            Mode::Async => "-.->",
            Mode::Schedule => "==>",
        };
        let _ = writeln!(out, "    {} {arrow}|{label}| {}", node(&s.parts[c.from].id), node(&s.parts[c.to].id));
        if flagged {
            red.push(k.to_string());
        }
    }
    out.push_str("    classDef hard fill:#fde2e2,stroke:#b42318,stroke-width:2px\n");
    out.push_str("    classDef soft fill:#fef0c7,stroke:#b54708\n");
    out.push_str("    classDef offline fill:#e0eaff,stroke:#3538cd\n");
    if !red.is_empty() {
        let _ = writeln!(out, "    linkStyle {} stroke:#d92d20,stroke-width:3px", red.join(","));
    }
    out
}

/// Graphviz DOT.
pub fn dot(s: &System, findings: &[Finding]) -> String {
    let bad = offending(findings);
    let esc = |t: &str| t.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = format!("digraph \"{}\" {{\n    rankdir=LR;\n    node [style=filled];\n", esc(&s.id));
    for (i, p) in s.parts.iter().enumerate() {
        let (shape, fill) = match kind_key(s, i) {
            "hard" => ("box", "#fde2e2"),
            "offline" => ("cylinder", "#e0eaff"),
            _ => ("ellipse", "#fef0c7"),
        };
        let label = format!(
            "{}\\n{} · {:.0}%",
            esc(&p.title),
            p.verdict.full_label().to_lowercase(),
            p.verdict.confidence * 100.0
        );
        let _ = writeln!(out, "    {} [label=\"{label}\", shape={shape}, fillcolor=\"{fill}\"];", node(&p.id));
    }
    for c in &s.calls {
        let style = match c.mode {
            Mode::Sync => "solid",
            Mode::Async => "dashed",
            Mode::Schedule => "dotted",
        };
        let flagged = bad.contains(&s.call_text(c));
        let extra = if flagged { ", color=\"#d92d20\", penwidth=3" } else { "" };
        let _ = writeln!(
            out,
            "    {} -> {} [label=\"{}{}\", style={style}{extra}];",
            node(&s.parts[c.from].id),
            node(&s.parts[c.to].id),
            if flagged { "! " } else { "" },
            c.mode.name()
        );
    }
    out.push_str("}\n");
    out
}

/// One line per call, for the text map and lists.
pub fn call_line(s: &System, c: &Call, flagged: bool) -> String {
    let timeout = c.timeout.map(|t| format!(", timeout {t}")).unwrap_or_default();
    let note = if c.note.is_empty() { String::new() } else { format!(" — {}", c.note) };
    format!(
        "{} {} {} {}{timeout}{}{note}",
        if flagged { "!" } else { " " },
        s.parts[c.from].id,
        match c.mode {
            Mode::Sync => "──sync──▶",
            Mode::Async => "··async·▶",
            Mode::Schedule => "══sched═▶",
        },
        s.parts[c.to].id,
        if flagged { "  (see findings)" } else { "" }
    )
}

/// Plain text: parts with their kind, then calls, offending ones marked with `!`.
pub fn text(s: &System, findings: &[Finding]) -> String {
    let bad = offending(findings);
    let mut out = format!("{} ({})\n\nParts:\n", s.title, s.id);
    let w = s.parts.iter().map(|p| p.id.chars().count()).max().unwrap_or(4);
    for p in &s.parts {
        let _ = writeln!(
            out,
            "  {:<w$}  {:<29} {:>4.0}%  {}",
            p.id,
            p.verdict.full_label(),
            p.verdict.confidence * 100.0,
            p.title
        );
    }
    out.push_str("\nCalls:\n");
    if s.calls.is_empty() {
        out.push_str("  (none)\n");
    }
    for c in &s.calls {
        let _ = writeln!(out, " {}", call_line(s, c, bad.contains(&s.call_text(c))));
    }
    out
}
