//! The system checks: the shapes of dependency between parts that REL04-BP02 and REL05 warn about,
//! reported as findings in the same shape as a verdict's. Deterministic and independent of the order
//! of parts and calls in the file (sorted by risk, id, then the parts named).

use std::collections::BTreeSet;

use super::{Mode, System};
use crate::core::engine::Finding;
use crate::core::questionnaire::Risk;

/// A synchronous chain at least this long (calls) from a part is flagged when its parts cannot degrade.
pub const LONG_CHAIN: usize = 3;
/// A part calling at least this many others synchronously is flagged when it cannot degrade.
pub const WIDE_FAN_OUT: usize = 4;

fn finding(id: &str, risk: Risk, practice: &str, text: String, parts: Vec<String>, calls: Vec<String>) -> Finding {
    Finding {
        id: id.into(),
        risk,
        wa_risk: crate::core::wa::practice(practice).map(|p| p.level.risk()),
        practice: practice.into(),
        text,
        source: Some(crate::core::wa::url(practice)),
        see_also: None,
        answers: Vec::new(),
        parts,
        calls,
    }
}

fn degrades(s: &System, i: usize) -> bool {
    s.parts[i].answer("degradation").and_then(toml::Value::as_bool) == Some(true)
}

/// The system's calls as the checks read them: synchronous callees per part (sorted by id, no
/// repeats), whether a part enqueues to another, and the most stringent class index.
struct Graph {
    sync: Vec<Vec<usize>>,
    enqueues_to: Vec<bool>,
    top: usize,
}

impl Graph {
    /// Adjacency in one pass over the calls (a filter per part was parts × calls).
    fn of(s: &System) -> Graph {
        let n = s.parts.len();
        let mut sync: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut enqueues_to = vec![false; n];
        for c in &s.calls {
            match c.mode {
                Mode::Sync => sync[c.from].push(c.to),
                Mode::Async => enqueues_to[c.from] = true,
                Mode::Schedule => {}
            }
        }
        for v in &mut sync {
            v.sort_by(|a, b| s.parts[*a].id.cmp(&s.parts[*b].id));
            v.dedup();
        }
        let top = s.parts.iter().map(|p| p.verdict.scores.len().saturating_sub(1)).max().unwrap_or(0);
        Graph { sync, enqueues_to, top }
    }
}

fn rank(s: &System, i: usize) -> usize {
    s.parts[i].verdict.class_index
}

fn label(s: &System, i: usize) -> String {
    format!("`{}` ({})", s.parts[i].id, s.parts[i].verdict.label)
}

/// Runs every check.
pub fn check(s: &System) -> Vec<Finding> {
    let g = Graph::of(s);
    let mut out = Vec::new();
    call_findings(s, &g, &mut out);
    let scc = cycle_findings(s, &g, &mut out);
    fan_out_findings(s, &g, &mut out);
    chain_findings(s, &g, &scc, &mut out);
    part_findings(s, &g, &mut out);
    out.sort_by(|a, b| {
        b.risk.cmp(&a.risk).then(a.id.cmp(&b.id)).then(a.parts.cmp(&b.parts)).then(a.calls.cmp(&b.calls))
    });
    out.dedup();
    out
}

/// Each call on its own: a synchronous call into a less stringent part, a batch calling request/reply.
fn call_findings(s: &System, g: &Graph, out: &mut Vec<Finding>) {
    let (rank, label, top) = (|i| rank(s, i), |i| label(s, i), g.top);
    for c in &s.calls {
        let (a, b) = (c.from, c.to);
        if c.mode == Mode::Sync && rank(a) > rank(b) {
            let risk = if rank(a) == top { Risk::High } else { Risk::Medium };
            out.push(finding(
                "sync_call_into_less_stringent",
                risk,
                "REL04-BP02",
                format!(
                    "{} waits synchronously on {}: it inherits the callee's window and failures. Decouple the call (a queue, stream or event, REL04-BP02), or hold the callee to {}'s practices with a client timeout and a degraded answer (REL05-BP05, REL05-BP01).",
                    label(a),
                    label(b),
                    s.parts[a].verdict.label
                ),
                vec![s.parts[a].id.clone(), s.parts[b].id.clone()],
                vec![s.call_text(c)],
            ));
        }
        if rank(b) == top && (rank(a) == 0 || c.mode == Mode::Schedule) && c.mode != Mode::Async && rank(a) < top {
            out.push(finding(
                "batch_calls_request_reply",
                Risk::Medium,
                "REL05-BP02",
                format!(
                    "{} calls {} in bulk: throttle it so the batch never starves the request/reply path it shares (REL05-BP02).",
                    label(a),
                    label(b)
                ),
                vec![s.parts[a].id.clone(), s.parts[b].id.clone()],
                vec![s.call_text(c)],
            ));
        }
    }
}

/// Synchronous cycles; returns each part's cycle head (itself when in none), for the chain check.
fn cycle_findings(s: &System, g: &Graph, out: &mut Vec<Finding>) -> Vec<usize> {
    let n = s.parts.len();
    let sync = &g.sync;
    let cycles = sync_cycles(sync, n);
    let mut scc: Vec<usize> = (0..n).collect();
    for group in &cycles {
        let head = *group.iter().min().unwrap_or(&0);
        for &v in group {
            scc[v] = head;
        }
    }
    // The synchronous calls inside each cycle, so maps mark them: one pass over the calls, by the
    // cycle's head (a scan of the calls per cycle grew with cycles × calls).
    let mut inside: std::collections::HashMap<usize, Vec<String>> = std::collections::HashMap::new();
    for c in s.calls.iter().filter(|c| c.mode == Mode::Sync && scc[c.from] == scc[c.to]) {
        inside.entry(scc[c.from]).or_default().push(s.call_text(c));
    }
    for cycle in cycles {
        let mut ids: Vec<String> = cycle.iter().map(|i| s.parts[*i].id.clone()).collect();
        ids.sort();
        let head = *cycle.iter().min().unwrap_or(&0);
        let mut calls = inside.remove(&head).unwrap_or_default();
        calls.sort();
        out.push(finding(
            "sync_cycle",
            Risk::High,
            "REL04-BP02",
            format!(
                "Parts {} call each other synchronously in a cycle: one slow part stalls all of them, and retries circle. Break the cycle with a queue or event (REL04-BP02).",
                ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
            ),
            ids,
            calls,
        ));
    }
    scc
}

/// Parts that call many others synchronously and cannot degrade.
fn fan_out_findings(s: &System, g: &Graph, out: &mut Vec<Finding>) {
    let (rank, label, top, sync) = (|i| rank(s, i), |i| label(s, i), g.top, &g.sync);
    for (i, callees) in sync.iter().enumerate() {
        let fan = callees.len();
        if fan >= WIDE_FAN_OUT && !degrades(s, i) {
            out.push(finding(
                "wide_sync_fan_out",
                if rank(i) == top { Risk::High } else { Risk::Medium },
                "REL05-BP01",
                format!(
                    "{} calls {fan} parts synchronously and cannot give a degraded answer: the chance that one of them is slow or down multiplies. Make most of them soft dependencies (REL05-BP01) with client timeouts (REL05-BP05).",
                    label(i)
                ),
                std::iter::once(i).chain(callees.iter().copied()).map(|k| s.parts[k].id.clone()).collect(),
                Vec::new(),
            ));
        }
    }
}

/// Long synchronous chains whose parts cannot all degrade.
fn chain_findings(s: &System, g: &Graph, scc: &[usize], out: &mut Vec<Finding>) {
    let n = s.parts.len();
    let (rank, top, sync) = (|i| rank(s, i), g.top, &g.sync);
    // Long chains, from parts nothing calls synchronously (the entry points), cycles aside.
    let called: BTreeSet<usize> = sync.iter().flatten().copied().collect();
    let mut memo: Vec<Option<(usize, Option<usize>)>> = vec![None; n];
    for start in (0..n).filter(|i| !called.contains(i) && !sync[*i].is_empty()) {
        let path = longest(sync, scc, start, &mut memo);
        if path.len() > LONG_CHAIN && !path.iter().all(|p| degrades(s, *p)) {
            let ids: Vec<String> = path.iter().map(|p| s.parts[*p].id.clone()).collect();
            out.push(finding(
                "long_sync_chain",
                if rank(start) == top { Risk::High } else { Risk::Medium },
                "REL05-BP01",
                format!(
                    "A synchronous chain of {} calls ({}): latencies add up and any link failing fails the whole request. Shorten it, decouple a link (REL04-BP02) or let its parts degrade (REL05-BP01).",
                    path.len() - 1,
                    ids.join(" → ")
                ),
                ids,
                Vec::new(),
            ));
        }
    }
}

/// Each part on its own: a queue nobody consumes, a stale record, and its own risk review.
fn part_findings(s: &System, g: &Graph, out: &mut Vec<Finding>) {
    let label = |i| label(s, i);
    let enqueues_to = &g.enqueues_to;
    for (i, p) in s.parts.iter().enumerate() {
        let enqueues = p.answer("queueing").and_then(toml::Value::as_str) == Some("accept_enqueue");
        let behind = enqueues_to[i];
        if enqueues && !behind {
            out.push(finding(
                "queue_without_consumer",
                Risk::Medium,
                "REL04-BP02",
                format!(
                    "{} accepts work and enqueues it, but no part of this system takes it from the queue: add the part behind the queue with an async call, so its kind and practices are decided too.",
                    label(i)
                ),
                vec![p.id.clone()],
                Vec::new(),
            ));
        }
        if let Some(stored) = &p.stored_class
            && *stored != p.verdict.class
        {
            out.push(finding(
                "stale_record",
                Risk::Medium,
                "REL04-BP01",
                format!(
                    "The record of `{}` stores {stored}, but its answers now give {}: revise it (`syskind --resume`) before relying on this map.",
                    p.id, p.verdict.class
                ),
                vec![p.id.clone()],
                Vec::new(),
            ));
        }
    }
    // Each part's own risk review, as the part's: a high risk seen in the wizard is not lost when
    // the part is looked at in its system.
    for p in &s.parts {
        for f in &p.verdict.findings {
            let mut own = f.clone();
            own.parts = vec![p.id.clone()];
            own.text = format!("Part `{}`: {}", p.id, f.text);
            out.push(own);
        }
    }
}

/// Whether a finding is one part's own risk review (raised by its answers) rather than a check of
/// the system's calls and parts.
pub fn is_part_own(f: &Finding) -> bool {
    !f.answers.is_empty()
}

/// Strongly connected groups of more than one part in the synchronous call graph (Tarjan).
fn sync_cycles(adj: &[Vec<usize>], n: usize) -> Vec<Vec<usize>> {
    struct T<'a> {
        adj: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(t: &mut T, v: usize) {
        t.index[v] = Some(t.next);
        t.low[v] = t.next;
        t.next += 1;
        t.stack.push(v);
        t.on[v] = true;
        for &w in &t.adj[v] {
            match t.index[w] {
                None => {
                    visit(t, w);
                    t.low[v] = t.low[v].min(t.low[w]);
                }
                Some(iw) if t.on[w] => t.low[v] = t.low[v].min(iw),
                _ => {}
            }
        }
        if Some(t.low[v]) == t.index[v] {
            let mut group = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on[w] = false;
                group.push(w);
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                t.out.push(group);
            }
        }
    }
    let mut t = T {
        adj,
        index: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            visit(&mut t, v);
        }
    }
    t.out
}

/// The longest synchronous path from `v`, following only calls between different cycle groups (so
/// the graph walked is acyclic and each part is solved once: linear in parts and calls). Ties go to the
/// first callee by part id, since `adj` is sorted.
fn longest(adj: &[Vec<usize>], scc: &[usize], v: usize, memo: &mut Vec<Option<(usize, Option<usize>)>>) -> Vec<usize> {
    fn solve(adj: &[Vec<usize>], scc: &[usize], v: usize, memo: &mut Vec<Option<(usize, Option<usize>)>>) -> usize {
        if let Some((len, _)) = memo[v] {
            return len;
        }
        let mut best = (1, None);
        for &w in &adj[v] {
            if scc[w] == scc[v] {
                continue;
            }
            let len = 1 + solve(adj, scc, w, memo);
            if len > best.0 {
                best = (len, Some(w));
            }
        }
        memo[v] = Some(best);
        best.0
    }
    solve(adj, scc, v, memo);
    let mut path = vec![v];
    let mut at = v;
    while let Some((_, Some(next))) = memo[at] {
        path.push(next);
        at = next;
    }
    path
}
