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

/// Node ids safe for Mermaid and DOT (letters, digits, `_`; prefixed so `end` and digits are fine),
/// one per part and all distinct: ids that clean to the same text (`a-b` and `a_b`, `café` and
/// `caf_`) get their part's index appended.
fn nodes(s: &System) -> Vec<String> {
    let clean: Vec<String> = s
        .parts
        .iter()
        .map(|p| {
            let c: String = p.id.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
            format!("p_{c}")
        })
        .collect();
    let mut seen = std::collections::HashMap::new();
    for c in &clean {
        *seen.entry(c.clone()).or_insert(0) += 1;
    }
    let taken: BTreeSet<String> = clean.iter().cloned().collect();
    clean
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if seen[c] == 1 {
                return c.clone();
            }
            // A suffix no other cleaned id already has.
            let mut k = i;
            loop {
                let candidate = format!("{c}__{k}");
                if !taken.contains(&candidate) {
                    return candidate;
                }
                k += s.parts.len();
            }
        })
        .collect()
}

/// Text for a Mermaid quoted label: entity codes for what Mermaid reads as markup or syntax, and no
/// line breaks but the caption's own.
fn mermaid_text(t: &str) -> String {
    crate::core::text::safe(t)
        .replace('#', "#35;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace('\n', " ")
}

/// Mermaid's default limits (`maxEdges` 500, `maxTextSize` 50,000 characters): a map past them is not
/// drawn by a default Mermaid, which says so only in the browser.
pub const MERMAID_MAX_EDGES: usize = 500;
/// See [`MERMAID_MAX_EDGES`].
pub const MERMAID_MAX_TEXT: usize = 50_000;

/// What a default Mermaid will refuse about this map, in words (empty when it draws it).
pub fn mermaid_limits(s: &System, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if s.calls.len() > MERMAID_MAX_EDGES {
        out.push(format!(
            "the map has {} calls; a default Mermaid draws at most {MERMAID_MAX_EDGES} edges (raise `maxEdges` in its configuration, or use --format dot)",
            s.calls.len()
        ));
    }
    if text.chars().count() > MERMAID_MAX_TEXT {
        out.push(format!(
            "the map is {} characters; a default Mermaid refuses more than {MERMAID_MAX_TEXT} (`maxTextSize`; or use --format dot)",
            text.chars().count()
        ));
    }
    out
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
    format!(
        "{}<br/>{} · {:.0}%",
        mermaid_text(&p.title),
        p.verdict.full_label().to_lowercase(),
        p.verdict.confidence * 100.0
    )
}

/// Mermaid flowchart.
pub fn mermaid(s: &System, findings: &[Finding]) -> String {
    let bad = offending(findings);
    let ids = nodes(s);
    let mut out = String::from("flowchart LR\n");
    for (i, _) in s.parts.iter().enumerate() {
        let label = caption(s, i);
        let shape = match kind_key(s, i) {
            "hard" => format!("[[\"{label}\"]]"),
            "offline" => format!("[(\"{label}\")]"),
            _ => format!("(\"{label}\")"),
        };
        let _ = writeln!(out, "    {}{shape}:::{}", ids[i], kind_key(s, i));
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
        let _ = writeln!(out, "    {} {arrow}|{label}| {}", ids[c.from], ids[c.to]);
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
    let ids = nodes(s);
    let esc = |t: &str| crate::core::text::safe(t).replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ");
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
        let _ = writeln!(out, "    {} [label=\"{label}\", shape={shape}, fillcolor=\"{fill}\"];", ids[i]);
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
            ids[c.from],
            ids[c.to],
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
    let mut out = String::new();
    let _ = write_text(&mut out, s, findings);
    out
}

/// [`text`], written to `out` as it is made (a system of 100,000 calls is megabytes of text).
pub fn write_text(out: &mut impl Write, s: &System, findings: &[Finding]) -> std::fmt::Result {
    let bad = offending(findings);
    write!(out, "{} ({})\n\nParts:\n", s.title, s.id)?;
    let w = s.parts.iter().map(|p| p.id.chars().count()).max().unwrap_or(4);
    for p in &s.parts {
        writeln!(
            out,
            "  {:<w$}  {:<29} {:>4.0}%  {}",
            p.id,
            p.verdict.full_label(),
            p.verdict.confidence * 100.0,
            p.title
        )?;
    }
    out.write_str("\nCalls:\n")?;
    if s.calls.is_empty() {
        out.write_str("  (none)\n")?;
    }
    for c in &s.calls {
        writeln!(out, " {}", call_line(s, c, bad.contains(&s.call_text(c))))?;
    }
    Ok(())
}
