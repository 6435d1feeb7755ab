//! Drawing the pair review: disagreements on the left, the current one side by side, the merged
//! verdict beside both original verdicts. Draws only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::layout::{WIDE, centered, too_small};
use super::pair::{PairApp, PairOverlay, PairScreen, Pick};
use super::text::{clip, safe};

/// Draws the pair review.
pub fn view(app: &PairApp, f: &mut Frame) {
    let area = f.area();
    let t = &app.theme;
    if too_small(area) {
        super::view::too_small_message(f, t, "Ctrl-C quits.");
        return;
    }
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let head = format!(
        " syskind · pair review · A: {} · B: {} · {} of {} settled",
        safe(&app.a.name),
        safe(&app.b.name),
        app.items.len() - app.open(),
        app.items.len()
    );
    f.render_widget(Paragraph::new(Span::styled(clip(&head, header.width as usize), t.accent())), header);
    match &app.screen {
        PairScreen::Walk => walk(f, body, app),
        PairScreen::Export => export(f, body, app),
        PairScreen::Done(p) => {
            let lines = vec![
                Line::from(Span::styled("Merged record written", t.ok())),
                Line::from(format!("File: {}", safe(&p.display().to_string()))),
                Line::from(vec![
                    Span::raw("Verdict: "),
                    Span::styled(app.verdict.label.clone(), t.class(app.verdict.class_index)),
                ]),
            ];
            f.render_widget(Paragraph::new(lines).block(Block::bordered().title(" Exported ")), body);
        }
    }
    // The walk's keys come from the key table; the export form's are typing keys.
    let walk = super::keymap::footer_line(&super::keymap::footer(super::keymap::Pane::PairWalk));
    let done = super::keymap::footer_line(&super::keymap::footer(super::keymap::Pane::PairDone));
    let keys = match app.screen {
        PairScreen::Walk => walk.as_str(),
        PairScreen::Export => " type to edit  Tab title/path  Enter export  Esc back",
        PairScreen::Done(_) => done.as_str(),
    };
    f.render_widget(Paragraph::new(Span::styled(clip(keys, footer.width as usize), t.muted())), footer);
    if let Some(o) = &app.overlay {
        let (title, text) = match o {
            PairOverlay::Note => (" Note — Enter saves, Esc cancels ", format!("{}▏", safe(&app.note_input))),
            PairOverlay::Typed => {
                let err = app.message.as_ref().map(|(_, m)| format!("\n{}", safe(m))).unwrap_or_default();
                (" New answer — Enter takes it, Esc cancels ", format!("{}▏{err}", safe(&app.note_input)))
            }
            PairOverlay::ConfirmQuit => {
                (" Quit? ", "The reconciliation is not exported. y quits; any other key stays.".to_string())
            }
            PairOverlay::ConfirmOverwrite(p) => (
                " File exists ",
                format!("{} exists. y overwrites; any other key keeps it.", safe(&p.display().to_string())),
            ),
        };
        let r = centered(area, 66, 6);
        f.render_widget(Clear, r);
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).block(Block::bordered().title(title)), r);
    }
}

fn walk(f: &mut Frame, body: Rect, app: &PairApp) {
    let wide = app.size.0 >= WIDE;
    let list_w = if wide { 30 } else { 26 };
    let [list, right] = Layout::horizontal([Constraint::Length(list_w), Constraint::Min(30)]).areas(body);
    let (detail, panel) = if wide {
        let [d, p] = Layout::horizontal([Constraint::Min(30), Constraint::Length(40)]).areas(right);
        (d, p)
    } else {
        let [d, p] = Layout::vertical([Constraint::Min(8), Constraint::Length(8)]).areas(right);
        (d, p)
    };
    disagreements(f, list, app);
    side_by_side(f, detail, app);
    merged(f, panel, app);
}

/// The list of disagreements, each with its state (open, A, B, new).
fn disagreements(f: &mut Frame, list: Rect, app: &PairApp) {
    let t = &app.theme;
    let w = list.width.saturating_sub(2) as usize;
    let rows: Vec<Line> = app
        .items
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let state = match &app.picks[k] {
                None => "open",
                Some(Pick::A) => "A",
                Some(Pick::B) => "B",
                Some(Pick::New(_)) => "new",
            };
            let mark = if d.changes_verdict { "!" } else { " " };
            let text = clip(&format!("{mark} {} [{state}]", safe(&d.question)), w);
            Line::from(Span::styled(text, if k == app.cursor { t.highlight() } else { t.text() }))
        })
        .collect();
    let title = if app.items.is_empty() { " No disagreements " } else { " Disagreements " };
    f.render_widget(Paragraph::new(rows).block(Block::bordered().title(title).border_style(t.border(true))), list);
}

/// The highlighted disagreement: the question, both answers, a new one, its effect and note.
fn side_by_side(f: &mut Frame, detail: Rect, app: &PairApp) {
    let t = &app.theme;
    let mut lines = Vec::new();
    if let Some(d) = app.items.get(app.cursor) {
        let q = &app.q.questions[d.index];
        lines.push(Line::from(Span::styled(safe(&q.prompt), t.accent())));
        lines.push(Line::raw(""));
        let chosen = app.picks[app.cursor].clone();
        let side = |label: &str, who: &str, v: &Option<String>, on: bool| {
            let text = format!("{label} ({}): {}", safe(who), safe(v.as_deref().unwrap_or("(no answer)")));
            Line::from(Span::styled(
                format!("{} {text}", if on { "▶" } else { " " }),
                if on { t.ok() } else { t.text() },
            ))
        };
        lines.push(side("A", &app.a.name, &d.a, chosen == Some(Pick::A)));
        lines.push(side("B", &app.b.name, &d.b, chosen == Some(Pick::B)));
        let alts = app.alternatives();
        if let Some(v) = alts.get(app.alt) {
            let on = chosen == Some(Pick::New(v.clone()));
            lines.push(Line::from(Span::styled(
                format!(
                    "{} New: ‹ {} › (←/→ change, Enter takes it, t types one)",
                    if on { "▶" } else { " " },
                    safe(&v.display(q))
                ),
                if on { t.ok() } else { t.muted() },
            )));
        }
        if alts.is_empty() {
            lines.push(Line::from(Span::styled("  New: t types one", t.muted())));
        }
        if let Some(Pick::New(v)) = &chosen
            && alts.get(app.alt) != Some(v)
        {
            lines.push(Line::from(Span::styled(format!("▶ Taken: {}", safe(&v.display(q))), t.ok())));
        }
        lines.push(Line::raw(""));
        let effect = if d.changes_verdict { "Changes the verdict." } else { "Does not change either verdict." };
        lines.push(Line::from(Span::styled(effect, t.muted())));
        let note = &app.notes[app.cursor];
        lines.push(Line::from(Span::styled(
            if note.is_empty() { "No note (n adds one)".to_string() } else { format!("Note: {}", safe(note)) },
            t.muted(),
        )));
    } else {
        lines.push(Line::from("Both records give the same answers. Press e to export the merged record."));
    }
    if let Some((err, m)) = &app.message {
        lines.push(Line::from(Span::styled(safe(m), if *err { t.error() } else { t.ok() })));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(Block::bordered().title(" Side by side ")),
        detail,
    );
}

/// The merged record's verdict beside both sides'.
fn merged(f: &mut Frame, panel: Rect, app: &PairApp) {
    let t = &app.theme;
    let v = &app.verdict;
    let pw = panel.width.saturating_sub(2) as usize;
    let plines = vec![
        Line::from(vec![Span::raw("Merged: "), Span::styled(v.label.to_uppercase(), t.class(v.class_index))]),
        Line::from(Span::styled(
            format!("confidence {:.0}% · answered {}/{}", v.confidence * 100.0, v.answered, v.applicable),
            t.muted(),
        )),
        Line::from(vec![Span::raw("A says: "), Span::styled(safe(&app.a.record.verdict.label), t.text())]),
        Line::from(vec![Span::raw("B says: "), Span::styled(safe(&app.b.record.verdict.label), t.text())]),
        Line::from(Span::styled(clip(&v.reasons.first().map(|r| safe(&r.text)).unwrap_or_default(), pw), t.muted())),
    ];
    f.render_widget(Paragraph::new(plines).block(Block::bordered().title(" Merged verdict ")), panel);
}

fn export(f: &mut Frame, body: Rect, app: &PairApp) {
    let t = &app.theme;
    let w = body.width.saturating_sub(14) as usize;
    let field = |label: &str, value: &str, on: bool| {
        Line::from(vec![
            Span::styled(format!("{label:>8}: "), t.muted()),
            Span::styled(
                format!("{}{}", clip(&safe(value), w), if on { "▏" } else { "" }),
                if on { t.highlight() } else { t.text() },
            ),
        ])
    };
    let mut lines = vec![
        field("Title", &app.title, !app.on_path),
        field("Save to", &app.path, app.on_path),
        Line::raw(""),
        Line::from(format!("Deciders: {}", app.deciders().join(", "))),
        Line::from(format!("{} disagreement(s) recorded with both answers and notes.", app.items.len())),
    ];
    if let Some((err, m)) = &app.message {
        lines.push(Line::from(Span::styled(safe(m), if *err { t.error() } else { t.ok() })));
    }
    f.render_widget(Paragraph::new(lines).block(Block::bordered().title(" Export the merged record ")), body);
}
