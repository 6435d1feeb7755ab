//! The live classification panel: verdict (colour and word), a bar per class, confidence,
//! completeness, the top reasons and what would change it. Shows a marked preview while the user
//! hovers over a choice they have not taken.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::app::{App, Focus};
use super::layout::{FULL_PANEL, WIDE};
use super::text::{clip, safe};
use crate::core::engine::{ReasonKind, Verdict};

/// Draws the panel: whole when it has [`FULL_PANEL`] rows or more, else the compact strip.
pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    // Built once: the scroll limit is measured on the very text that is drawn. Unscrolled (as at
    // start), there is nothing to clamp, and measuring would wrap the whole text a second time.
    let text = text(app, area);
    let scroll = if app.panel_scroll == 0 { 0 } else { app.panel_scroll.min(scroll_limit(&text, area)) };
    let inner = super::bordered::draw(f.buffer_mut(), area, text.border, &text.title, None);
    if text.wrap {
        super::lines::draw_wrapped(f.buffer_mut(), inner, &text.lines, scroll);
    } else {
        super::lines::draw(f.buffer_mut(), inner, text.lines.iter().skip(usize::from(scroll)));
    }
}

/// How far the panel in `area` can scroll: its lines, as drawn, less the rows it has.
pub fn max_scroll(app: &App, area: Rect) -> u16 {
    scroll_limit(&text(app, area), area)
}

fn scroll_limit(text: &Text, area: Rect) -> u16 {
    let width = area.width.saturating_sub(2);
    let rows = if text.wrap { super::lines::wrapped_count(&text.lines, width) } else { text.lines.len() };
    // The block's two borders count as the panel's rows too.
    let lines = if width == 0 { 0 } else { rows + 2 };
    u16::try_from(lines.saturating_sub(area.height as usize)).unwrap_or(u16::MAX)
}

/// The panel's box (its title and border style) and lines, and whether the lines are word-wrapped
/// to its width.
struct Text<'a> {
    title: Line<'a>,
    border: Style,
    lines: Vec<Line<'a>>,
    wrap: bool,
}

/// The panel's title, marked while a choice is previewed.
fn title(app: &App, preview: bool) -> Line<'static> {
    let t = &app.theme;
    let title = if preview { " Classification — PREVIEW " } else { " Classification " };
    Line::from(Span::styled(title, if preview { t.preview() } else { t.accent() }))
}

/// The verdict being shown (a preview while hovering) and whether it is one.
fn shown(app: &App) -> (&Verdict, bool) {
    match &app.preview {
        Some(p) => (p, true),
        None => (&app.verdict, false),
    }
}

/// Rows the compact strip needs at `width` inner columns: its border, the verdict line, the counts
/// line and the one reason that matters most, whole.
pub fn strip_rows(app: &App, width: usize) -> u16 {
    u16::try_from(strip_lines(app, width).len() + 2).unwrap_or(u16::MAX)
}

/// The compact strip's text: verdict and confidence; conflicts, risks and how far answered; then the
/// one reason that matters most — why the verdict is not the leading score, else the first conflict,
/// else the strongest reason — wrapped whole (at most three lines).
fn strip_lines(app: &App, width: usize) -> Vec<Line<'_>> {
    let t = &app.theme;
    let (v, preview) = shown(app);
    let mut head = vec![Span::styled(v.full_label().to_uppercase(), t.class(v.class_index))];
    if v.undecided.len() > 1 {
        let names: Vec<String> = v
            .undecided
            .iter()
            .map(|c| app.q.class_index(c).map(|i| app.q.classes[i].label.to_string()).unwrap_or_else(|| c.clone()))
            .collect();
        head = vec![
            Span::styled("UNDECIDED: ", t.error()),
            Span::styled(names.join(" or ").to_uppercase(), t.class(v.class_index)),
        ];
    }
    head.push(Span::styled(format!(" {:.0}%", v.confidence * 100.0), t.text()));
    if preview {
        head.push(Span::styled(" (if chosen)", t.preview()));
    }
    let mut lines = vec![Line::from(head)];
    let risks = crate::core::engine::review::risk_counts(&v.findings);
    // A lens's review is counted per question, as the WA Tool counts it.
    let counts = match crate::core::lens::question_counts(&app.q, v) {
        // The label goes first when the width is short: the counts are what matters.
        Some(c) => Some(format!("Questions: {} · Tab: more", c.text()))
            .filter(|t| t.chars().count() <= width)
            .unwrap_or_else(|| format!("{} · Tab: more", c.text())),
        None => format!(
            "{} · {} · {}/{} answered · Tab: more",
            crate::report::count(v.conflicts.len(), "conflict", "conflicts"),
            if risks.is_empty() { "no risks".to_string() } else { format!("risks: {risks}") },
            v.answered,
            v.applicable
        ),
    };
    let counts_style = if v.conflicts.is_empty() { t.muted() } else { t.error() };
    lines.push(Line::from(Span::styled(fit(&counts, width, false), counts_style)));
    // Why the verdict is not the leading score is said whole (it would otherwise read as a
    // contradiction); any other reason gets one line, the whole panel (Tab) has the rest.
    let why = why_not_leader(app, v, width);
    let reason: Vec<String> = if !why.is_empty() {
        why
    } else if let Some(c) = v.conflicts.first() {
        vec![fit(&format!("! {}", safe(&c.text)), width, false)]
    } else if let Some(r) = v.reasons.first() {
        vec![fit(&format!("▶ {}", safe(&r.text)), width, false)]
    } else {
        vec![fit(&no_reason(app, v), width, false)]
    };
    lines.extend(reason.into_iter().map(|l| Line::from(Span::styled(l, t.accent()))));
    lines
}

/// The panel's text in its block, unscrolled.
fn text<'a>(app: &'a App, area: Rect) -> Text<'a> {
    let (v, preview) = shown(app);
    let (lines, wrap) = if area.height < FULL_PANEL && app.size.0 < WIDE {
        (strip_lines(app, area.width.saturating_sub(2) as usize), false)
    } else {
        full(app, v, preview, area)
    };
    Text { title: title(app, preview), border: app.theme.border(app.focus == Focus::Panel), lines, wrap }
}

/// The whole panel's lines — verdict, bars, confidence, conflicts and risks, reasons, what would
/// change it — and whether they wrap.
fn full<'a>(app: &'a App, v: &Verdict, preview: bool, area: Rect) -> (Vec<Line<'a>>, bool) {
    let t = &app.theme;
    // A tall panel (the keys on it, or spare rows) shows everything, wrapped, as a wide one does.
    let wide = app.size.0 >= WIDE || area.height >= 14;
    let width = area.width.saturating_sub(2) as usize;

    let mut lines = verdict_head(app, v, preview);
    // A lens has no scores to show: its risk is the worst question's (the counts below), and the
    // weights behind its bars only keep its levels apart.
    let counts = crate::core::lens::question_counts(&app.q, v);
    // When the verdict is not the leading bar, a rule set it: say which and why, whole, at any width
    // (the bars alone would read as a contradiction). A narrow panel gives the bars' three rows to
    // one line of scores so the reason fits beside the conflicts and risks.
    let why = why_not_leader(app, v, width);
    if counts.is_none() {
        if why.is_empty() || wide {
            lines.extend(bars(app, v, width));
        } else {
            lines.push(Line::from(Span::styled(fit(&score_line(app, v), width, wide), t.text())));
        }
    }
    for l in why {
        lines.push(Line::from(Span::styled(l, t.accent())));
    }
    lines.push(Line::from(Span::styled(
        format!("Confidence {:.0}% · answered {}/{}", v.confidence * 100.0, v.answered, v.applicable),
        t.text(),
    )));
    if let Some(c) = counts {
        lines.push(Line::from(Span::styled(format!("Questions: {}", c.text()), t.accent())));
    }
    conflicts_and_risks(app, v, width, wide, &mut lines);
    reason_lines(app, v, width, wide, &mut lines);
    change_lines(app, v, preview, width, wide, &mut lines);
    // With room to spare, reasons wrap instead of being cut (bars fit the width exactly).
    (lines, wide)
}

/// "Verdict: HARD REAL-TIME" (or "UNDECIDED: …"), and under a preview what the verdict is now.
fn verdict_head<'a>(app: &'a App, v: &Verdict, preview: bool) -> Vec<Line<'a>> {
    let t = &app.theme;
    let mut lines = Vec::new();
    let mut head = if v.undecided.len() > 1 {
        // A tie: say so, and name the more stringent class the verdict falls back to.
        let names: Vec<String> = v
            .undecided
            .iter()
            .map(|c| app.q.class_index(c).map(|i| app.q.classes[i].label.to_string()).unwrap_or_else(|| c.clone()))
            .collect();
        vec![
            Span::styled("UNDECIDED: ", t.error()),
            Span::styled(names.join(" or ").to_uppercase(), t.class(v.class_index)),
        ]
    } else {
        vec![Span::styled("Verdict: ", t.text()), Span::styled(v.full_label().to_uppercase(), t.class(v.class_index))]
    };
    if preview {
        head.push(Span::styled(" (if chosen)", t.preview()));
    }
    lines.push(Line::from(head));
    if preview {
        lines.push(Line::from(vec![
            Span::styled("Now: ", t.muted()),
            Span::styled(app.verdict.label.clone(), t.class(app.verdict.class_index)),
        ]));
    }
    lines
}

/// The strongest reasons (one on a narrow panel).
fn reason_lines(app: &App, v: &Verdict, width: usize, wide: bool, lines: &mut Vec<Line<'_>>) {
    let t = &app.theme;
    let reasons = if wide { 6 } else { 1 };
    if wide {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("Why", t.accent())));
    }
    if v.reasons.is_empty() {
        lines.push(Line::from(Span::styled(no_reason(app, v), t.muted())));
    }
    for r in v.reasons.iter().take(reasons) {
        let mark = match (r.kind, r.support >= 0.0) {
            (ReasonKind::Rule, _) => "▶",
            (_, true) => "+",
            (_, false) => "−",
        };
        lines.push(Line::from(Span::styled(fit(&format!("{mark} {}", safe(&r.text)), width, wide), t.text())));
    }
}

/// What the panel says when it has no reason to show.
fn no_reason(app: &App, v: &Verdict) -> String {
    match (app.q.is_risk_review(), v.answered) {
        (true, 0) => "No answers yet: every question unanswered.".to_string(),
        (true, _) => "No answered question is at risk.".to_string(),
        (false, _) => "No answers yet: strictest kind assumed.".to_string(),
    }
}

/// What would change the verdict (one on a narrow panel), or why it is not shown.
fn change_lines(app: &App, v: &Verdict, preview: bool, width: usize, wide: bool, lines: &mut Vec<Line<'_>>) {
    let t = &app.theme;
    let changes = if wide { 4 } else { 1 };
    // A preview shows its own what-ifs (those of the verdict it would be); on very large
    // questionnaires the search is skipped for previews, and the panel says so rather than showing
    // another verdict's.
    let source = v;
    let searched = !preview || super::app::what_if_inline(&app.q);
    if !searched {
        lines.push(Line::from(Span::styled(fit("⇄ What would change it: shown once chosen.", width, wide), t.muted())));
    } else if !preview && app.what_if_pending {
        lines.push(Line::from(Span::styled(fit("⇄ What would change it: working it out…", width, wide), t.muted())));
    } else if source.changes.is_empty() && source.answered > 0 {
        lines.push(Line::from(Span::styled(
            fit("⇄ No single answer would change this verdict.", width, wide),
            t.muted(),
        )));
    }
    if searched && !source.changes.is_empty() {
        if wide {
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled("What would change it", t.accent())));
        }
        for c in source.changes.iter().take(changes) {
            let label = app.q.class_index(&c.class).map(|i| app.q.classes[i].label.as_ref()).unwrap_or("");
            let text = format!("{} → {} ⇒ {label}", c.question, safe(&c.to));
            lines.push(Line::from(Span::styled(fit(&format!("⇄ {text}"), width, wide), t.muted())));
        }
    }
}

/// "Not Hard real-time, the leading bar: …" with the deciding rule's reason, wrapped to `width`;
/// empty when the verdict is the score leader (ties included: the bars show them).
fn why_not_leader(app: &App, v: &Verdict, width: usize) -> Vec<String> {
    // A risk review has no bars to lead: its rules define the risk.
    if app.q.is_risk_review() {
        return Vec::new();
    }
    let top = v.scores.iter().map(|s| s.score).fold(f64::MIN, f64::max);
    let leads = |i: usize| v.scores.get(i).is_some_and(|s| s.score == top);
    if leads(v.class_index) {
        return Vec::new();
    }
    let Some(leader) = (0..v.scores.len()).rev().find(|i| leads(*i)) else { return Vec::new() };
    let why = v
        .decided_by
        .as_ref()
        .and_then(|id| v.reasons.iter().find(|r| r.kind == ReasonKind::Rule && &r.id == id))
        // The reason without its "(rule: …)" tail: the verdict line already names the class.
        .map(|r| safe(r.text.rsplit_once(" (").map_or(r.text.as_str(), |(head, _)| head)))
        .unwrap_or_else(|| "a rule set the class".to_string());
    let text = format!("Not {} (leading bar): {why}", app.q.classes[leader].label);
    super::text::wrap(&text, width.max(10))
}

/// The scores on one line, the verdict's marked: `Offline 8 · ◆Soft real-time 12 · Hard real-time 15`.
fn score_line(app: &App, v: &Verdict) -> String {
    v.scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mark = if i == v.class_index { "◆" } else { "" };
            format!("{mark}{} {}", app.q.classes[i].label, s.score)
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Conflicts (they cap the confidence) and the risk review. Wide: each in full; narrow: one line each.
fn conflicts_and_risks(app: &App, v: &Verdict, width: usize, wide: bool, lines: &mut Vec<Line<'_>>) {
    let t = &app.theme;
    if !v.conflicts.is_empty() {
        let n = v.conflicts.len();
        let head = format!("{n} conflict{} — confidence capped", if n == 1 { "" } else { "s" });
        if wide {
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled(head, t.error())));
            // One line each: the panel must leave room for the risks; the review screen has the rest.
            for c in &v.conflicts {
                lines.push(Line::from(Span::styled(clip(&format!("! {}", safe(&c.text)), width), t.text())));
            }
        } else {
            let mut recheck: Vec<&str> = Vec::new();
            for id in v.conflicts.iter().flat_map(|c| c.recheck.iter()) {
                if !recheck.contains(&id.as_str()) {
                    recheck.push(id);
                }
            }
            let text = format!("! {head}; re-check {}", recheck.join(", "));
            lines.push(Line::from(Span::styled(clip(&safe(&text), width), t.error())));
        }
    }
    if !v.findings.is_empty() {
        use crate::core::questionnaire::Risk;
        let counts = crate::core::engine::review::risk_counts(&v.findings);
        let style = |r: Risk| if r == Risk::High { t.error() } else { t.text() };
        if wide {
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled(format!("Risks ({counts})"), t.accent())));
            for f in &v.findings {
                let head = format!("{} ", f.risk.name().to_uppercase());
                let rest = clip(&format!("{} {}", f.practice, safe(&f.text)), width.saturating_sub(head.len()));
                lines.push(Line::from(vec![Span::styled(head, style(f.risk)), Span::styled(rest, t.text())]));
            }
        } else {
            let first = &v.findings[0];
            let text = format!("Risks {counts}: {} {}", first.practice, safe(&first.text));
            lines.push(Line::from(Span::styled(clip(&text, width), style(first.risk))));
        }
    }
}

/// Whole when the panel wraps (wide), cut to one line otherwise.
fn fit(s: &str, width: usize, wide: bool) -> String {
    if wide { s.to_string() } else { clip(s, width) }
}

/// One bar per class, scaled from the lowest to the highest score.
fn bars<'a>(app: &'a App, v: &Verdict, width: usize) -> Vec<Line<'a>> {
    let t = &app.theme;
    let label_w = app.q.classes.iter().map(|c| c.label.chars().count()).max().unwrap_or(8).min(16);
    let bar_w = width.saturating_sub(label_w + 8).max(4);
    let min = v.scores.iter().map(|s| s.score).fold(0.0, f64::min);
    let max = v.scores.iter().map(|s| s.score).fold(f64::MIN, f64::max);
    let span = (max - min).max(1.0);
    v.scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = (((s.score - min) / span) * bar_w as f64).round() as usize;
            let label = clip(&app.q.classes[i].label, label_w);
            let marker = if i == v.class_index { "◆" } else { " " };
            Line::from(vec![
                Span::styled(
                    format!("{marker}{label:<label_w$} "),
                    if i == v.class_index { t.class(i) } else { t.text() },
                ),
                Span::styled("█".repeat(n), t.class(i)),
                Span::styled(format!("{}{:>5}", "·".repeat(bar_w - n.min(bar_w)), s.score), t.muted()),
            ])
        })
        .collect()
}
