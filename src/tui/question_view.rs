//! The question pane: prompt, "why we ask", the choices or the input field, and the note. Everything
//! is word-wrapped to the pane (never cut) into one column that scrolls to keep the highlighted choice
//! or the input in view, with "more" marks on the border when there is more above or below.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::app::{App, Focus};
use super::layout::Areas;
use super::text::{clip, link_label, safe, width, wrap};
use super::text_field::TextField;
use crate::core::answers::Value;
use crate::core::duration::Duration;
use crate::core::questionnaire::Kind;

/// The pane's lines, and which choice each line belongs to (for the mouse).
pub struct Content<'a> {
    /// Every line, wrapped to the width.
    pub lines: Vec<Line<'a>>,
    /// Per line: the choice it shows, if any.
    pub choice_of: Vec<Option<usize>>,
    /// The last line that must stay in view: of the highlighted choice, or of the input box.
    pub focus_end: usize,
    /// The first lines (the prompt itself) stay at the top; the rest scrolls under them.
    pub pinned: usize,
    /// The lines of the source link, if shown.
    pub source: Option<std::ops::Range<usize>>,
}

/// The pane's lines as they are built: each line with the choice it shows, if any, and the box
/// drawn as text (so it scrolls with the rest: ┌ hint ─┐ │ rows │ └──┘).
struct Column {
    lines: Vec<Line<'static>>,
    choice_of: Vec<Option<usize>>,
    /// Width inside the box.
    inner: usize,
    border: ratatui::style::Style,
}

impl Column {
    fn push(&mut self, l: Line<'static>, c: Option<usize>) {
        self.lines.push(l);
        self.choice_of.push(c);
    }
    fn top(&mut self, hint: &str) {
        let hint = clip(hint, self.inner.saturating_sub(1));
        let fill = self.inner.saturating_sub(width(&hint) + 1);
        self.push(Line::from(Span::styled(format!("┌─{hint}{}┐", "─".repeat(fill)), self.border)), None);
    }
    fn bottom(&mut self) {
        self.push(Line::from(Span::styled(format!("└{}┘", "─".repeat(self.inner)), self.border)), None);
    }
    fn row(&mut self, text: String, style: ratatui::style::Style, c: Option<usize>) {
        let pad = self.inner.saturating_sub(width(&text));
        let border = self.border;
        self.push(
            Line::from(vec![
                Span::styled("│", border),
                Span::styled(format!("{text}{}", " ".repeat(pad)), style),
                Span::styled("│", border),
            ]),
            c,
        );
    }
}

/// Builds the pane's column for `app`'s current question at `w` columns.
pub fn content(app: &App, w: usize) -> Content<'static> {
    let t = &app.theme;
    let q = &app.q.questions[app.current];
    let focused = app.focus == Focus::Question;
    let mut col =
        Column { lines: Vec::new(), choice_of: Vec::new(), inner: w.saturating_sub(2), border: t.border(focused) };
    for l in wrap(&safe(&q.prompt), w) {
        col.push(Line::from(Span::styled(l, t.accent())), None);
    }
    let pinned = col.lines.len();
    col.push(Line::raw(""), None);
    why_we_ask(app, w, &mut col);
    // The source link is long; on narrow terminals its rows go to the answer instead.
    // A link longer than the line gets a short label (clickable where hyperlinks are on).
    let mut source = None;
    if let (Some(src), true) = (&q.source, super::layout::shows_source(app.size.0)) {
        let full = format!("Source: {}", safe(src));
        let text = if width(&full) <= w { full } else { format!("Source: {}", safe(&link_label(src))) };
        let start = col.lines.len();
        for l in wrap(&text, w) {
            col.push(Line::from(Span::styled(l, t.muted())), None);
        }
        source = Some(start..col.lines.len());
    }
    let focus_end = match q.kind {
        Kind::Single | Kind::Multiple | Kind::YesNo => choice_box(app, &mut col),
        Kind::Duration | Kind::Number | Kind::Text => typed_box(app, &mut col),
    };
    Content { lines: col.lines, choice_of: col.choice_of, focus_end, pinned, source }
}

/// "Why we ask": the first sentence by default, so the choices fit beside it; `w` (F2 while
/// typing) shows the rest.
fn why_we_ask(app: &App, w: usize, col: &mut Column) {
    let t = &app.theme;
    let q = &app.q.questions[app.current];
    if q.help.is_empty() {
        return;
    }
    let help = safe(&q.help);
    let text = match (app.why_full, first_sentence(&help)) {
        (false, Some(first)) => {
            let key = if matches!(q.kind, Kind::Duration | Kind::Number | Kind::Text) { "F2" } else { "w" };
            format!("Why we ask: {first} ({key}: more)")
        }
        _ => format!("Why we ask: {help}"),
    };
    for (k, l) in wrap(&text, w).into_iter().enumerate() {
        let line = match (k, l.strip_prefix("Why we ask: ")) {
            (0, Some(rest)) => {
                Line::from(vec![Span::styled("Why we ask: ", t.muted()), Span::styled(rest.to_string(), t.text())])
            }
            _ => Line::from(Span::styled(l, t.text())),
        };
        col.push(line, None);
    }
}

/// The choices in their box, the highlighted one marked; returns the last line of the highlighted one.
fn choice_box(app: &App, col: &mut Column) -> usize {
    let t = &app.theme;
    let i = app.current;
    let q = &app.q.questions[i];
    let focused = app.focus == Focus::Question;
    let labels: Vec<String> = match q.kind {
        Kind::YesNo => vec!["Yes".into(), "No".into()],
        _ => q.choices.iter().map(|c| safe(&c.label)).collect(),
    };
    let hint = match q.kind {
        Kind::Multiple => " Space ticks · Enter confirms ",
        _ => " Enter or Space chooses ",
    };
    let mut focus_end = col.lines.len();
    col.top(hint);
    let answer = app.answers.values[i].as_ref();
    for (k, label) in labels.iter().enumerate() {
        let chosen = match answer {
            Some(Value::Choice(c)) => *c == k,
            Some(Value::Bool(b)) => *b == (k == 0),
            Some(Value::Choices(m)) => m & (1 << k) != 0,
            _ => false,
        };
        let mark = match (q.kind, chosen) {
            (Kind::Multiple, true) => "[x]",
            (Kind::Multiple, false) => "[ ]",
            (_, true) => "(•)",
            (_, false) => "( )",
        };
        let here = k == app.cursor;
        let arrow = if here { "›" } else { " " };
        let style = if here && focused { t.highlight() } else { t.text() };
        // Labels wrap on word boundaries with a hanging indent under the label's start.
        for (n, part) in wrap(label, col.inner.saturating_sub(5)).into_iter().enumerate() {
            let lead = if n == 0 { format!("{arrow}{mark} ") } else { "     ".to_string() };
            col.row(format!("{lead}{part}"), style, Some(k));
        }
        if here {
            focus_end = col.lines.len() - 1;
        }
    }
    col.bottom();
    focus_end
}

/// The typed answer in its box with what it parses to (or why not); returns the box's last line.
fn typed_box(app: &App, col: &mut Column) -> usize {
    let t = &app.theme;
    let i = app.current;
    let q = &app.q.questions[i];
    let hint = match q.kind {
        Kind::Duration => " Type a duration · Enter confirms ",
        Kind::Number => " Type a number · Enter confirms ",
        _ => " Type your answer · Enter confirms ",
    };
    col.top(hint);
    // The cursor where it is; the text scrolls sideways so the cursor is always in view.
    let room = col.inner.saturating_sub(1);
    let visible = if app.focus == Focus::Question {
        app.with_cursor(TextField::Answer(i), &app.input, room)
    } else {
        clip(&safe(&app.input), room)
    };
    col.row(visible, t.text(), None);
    let (status, style) = status_line(app);
    for l in wrap(&status, col.inner) {
        col.row(l, style, None);
    }
    col.bottom();
    col.lines.len() - 1
}

/// The first sentence of `text` when there is more after it (`None` when it is one sentence).
pub fn first_sentence(text: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(i) = text[from..].find(". ") {
        let end = from + i + 1;
        // "e.g. 2s" and "i.e. x" do not end a sentence.
        let before = &text[..end];
        if !(before.ends_with("e.g.") || before.ends_with("i.e.") || before.ends_with("etc.")) {
            let rest = text[end..].trim();
            return (!rest.is_empty()).then_some(&text[..end]);
        }
        from = end;
    }
    None
}

/// The line under a typed answer: what it parses to, or what is wrong and what to type instead.
fn status_line(app: &App) -> (String, ratatui::style::Style) {
    let t = &app.theme;
    let q = &app.q.questions[app.current];
    if app.input.trim().is_empty() {
        let text = match q.kind {
            Kind::Duration => "e.g. 250ms, 2s, 5m, 1h, 1d — empty: Enter skips",
            _ => "Empty: Enter skips the question.",
        };
        return (text.into(), t.muted());
    }
    match Value::parse(q, &app.input) {
        Ok(Value::Duration(d)) => {
            let band = q.band_of(d.as_millis() as f64).map(|b| q.bands[b].label.clone()).unwrap_or_default();
            (format!("✓ {} ({})", describe(d), band), t.ok())
        }
        Ok(v) if q.kind == Kind::Text => (format!("✓ {} characters", v.display(q).chars().count()), t.ok()),
        Ok(v) => (format!("✓ {}", v.display(q)), t.ok()),
        // The parser's own words, whole (they wrap): what is wrong and what to type instead.
        Err(m) => (format!("✗ {m}"), t.error()),
    }
}

/// Which content lines are drawn, top to bottom, in `height` rows: the prompt, then the rest scrolled
/// so the focus lines are in view (as near the top as they allow); and whether more is above / below.
///
/// `peek` scrolls that many rows further up (the wheel or Shift-↑ over a typed answer, whose input
/// box would otherwise keep the start of "why we ask" out of view).
pub fn shown(c: &Content, height: usize, peek: usize) -> (Vec<usize>, bool, bool) {
    let Scroll { pin, rest_h, first, off } = scroll(c, height);
    let off = off.saturating_sub(peek);
    let rest_len = c.lines.len() - first;
    let lines = (0..pin).chain((first + off..c.lines.len()).take(rest_h)).collect();
    (lines, off > 0, rest_len > off + rest_h)
}

/// How far [`shown`] can peek up: the rows the focus pushed out of view above.
pub fn max_peek(c: &Content, height: usize) -> usize {
    scroll(c, height).off
}

/// How the column fits `height` rows before any peeking.
struct Scroll {
    /// Rows kept by the pinned prompt.
    pin: usize,
    /// Rows left for the rest.
    rest_h: usize,
    /// First line of the rest.
    first: usize,
    /// Lines of the rest scrolled out above, to keep the focus in view.
    off: usize,
}

fn scroll(c: &Content, height: usize) -> Scroll {
    let pin = c.pinned.min(height);
    let rest_h = height - pin;
    // When the rest does not fit, the blank line under the prompt goes first (it is only spacing).
    let mut first = c.pinned;
    if c.lines.len() - first > rest_h
        && c.lines.len() > first
        && c.choice_of.get(first) == Some(&None)
        && line_is_blank(&c.lines[first])
    {
        first += 1;
    }
    let rest_len = c.lines.len() - first;
    let end = c.focus_end.saturating_sub(first);
    let off = if rest_len <= rest_h || end < rest_h { 0 } else { (end + 1 - rest_h).min(rest_len - rest_h) };
    Scroll { pin, rest_h, first, off }
}

fn line_is_blank(l: &Line) -> bool {
    l.spans.iter().all(|s| s.content.trim().is_empty())
}

/// Draws the current question, whose content `c` is built for `a.content`'s width.
pub fn draw(f: &mut Frame, a: &Areas, app: &App, c: Content) {
    let t = &app.theme;
    let i = app.current;
    let focused = app.focus == Focus::Question;
    let applicable: Vec<usize> = (0..app.q.questions.len()).filter(|j| app.visible(*j)).collect();
    let pos = applicable.iter().position(|j| *j == i).map_or(0, |p| p + 1);
    let section = app.section_title(i);
    let full = if section.is_empty() {
        format!(" Question {pos} of {} ", applicable.len())
    } else {
        format!(" {} · Question {pos} of {} ", safe(section), applicable.len())
    };
    // A title never runs into the border's corner: shorten the section name, keep the count.
    let room = a.question.width.saturating_sub(4) as usize;
    let title = if width(&full) <= room {
        full
    } else {
        let count = format!(" · Question {pos} of {} ", applicable.len());
        format!(" {}{count}", clip(&safe(section), room.saturating_sub(width(&count) + 1)))
    };
    let (rows, above, below) = shown(&c, a.content.height as usize, app.question_peek);
    let mark = (above || below).then(|| {
        let mark = match (above, below) {
            (true, true) => " ▲▼ more ",
            (true, false) => " ▲ more above ",
            _ => " ▼ more below ",
        };
        Line::from(Span::styled(mark, t.muted())).right_aligned()
    });
    let title = Line::from(clip(&title, room));
    super::bordered::draw(f.buffer_mut(), a.question, t.border(focused), &title, mark.as_ref());
    super::lines::draw(f.buffer_mut(), a.content, rows.iter().map(|k| &c.lines[*k]));

    let q = &app.q.questions[i];
    let note = &app.answers.notes[i];
    let key = if matches!(q.kind, Kind::Duration | Kind::Number | Kind::Text) { "Ctrl-N" } else { "n" };
    let line = if note.is_empty() {
        Line::from(Span::styled(format!("No note ({key} adds one)"), t.muted()))
    } else {
        Line::from(vec![
            Span::styled("Note: ", t.muted()),
            Span::styled(clip(&safe(note), a.note.width.saturating_sub(8) as usize), t.text()),
        ])
    };
    super::lines::draw(f.buffer_mut(), a.note, [&line]);
}

/// `2s` → `2 seconds`, for the parsed-value echo.
fn describe(d: Duration) -> String {
    let ms = d.as_millis();
    let (n, unit) = match ms {
        0..1_000 => (ms as f64, "milliseconds"),
        1_000..60_000 => (ms as f64 / 1_000.0, "seconds"),
        60_000..3_600_000 => (ms as f64 / 60_000.0, "minutes"),
        3_600_000..86_400_000 => (ms as f64 / 3_600_000.0, "hours"),
        _ => (ms as f64 / 86_400_000.0, "days"),
    };
    format!("{} {unit}", (n * 100.0).round() / 100.0)
}
