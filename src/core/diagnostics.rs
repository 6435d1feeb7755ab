//! Diagnostics for files people write by hand: what is wrong, where (file, line, column) and how to fix it.
//!
//! The core only collects [`Diagnostic`]s with byte spans; [`Report::render`] turns them into the
//! miette-style report with the offending source line that the faces print.

use std::fmt;
use std::ops::Range;

use crate::core::text::{safe, visible};

/// How bad a finding is: errors stop a file from loading, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file works but something in it is probably a mistake.
    Warning,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Byte range in the source the finding is about, when known.
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic { severity: Severity::Error, message: cut(message.into()), help: None, span }
    }

    /// A warning at `span`.
    pub fn warning(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message, span) }
    }

    /// Adds the "how to fix it" line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

/// Converts a byte offset in `text` into a line and column.
pub fn position(text: &str, offset: usize) -> Position {
    // An offset inside a character (a parser counting bytes) is that character's position.
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Position { line, column }
}

/// All findings for one file, with the text they point into.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file's name as the user gave it (or `<built-in>`).
    pub file: String,
    /// The file's text.
    pub source: String,
    /// Findings, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// True when any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// Line and column of a finding, if it has a span.
    pub fn position_of(&self, d: &Diagnostic) -> Option<Position> {
        d.span.as_ref().map(|s| position(&self.source, s.start))
    }

    /// One line per finding: `file:line:col: error: message`, for logs and tests.
    pub fn short(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            match self.position_of(d) {
                Some(p) => out.push_str(&format!("{}:{}:{}: {kind}: {}\n", self.file, p.line, p.column, d.message)),
                None => out.push_str(&format!("{}: {kind}: {}\n", self.file, d.message)),
            }
        }
        out
    }

    /// The full report: headline, the source line with the span marked, and the help text.
    /// Everything shown is made terminal-safe first: a broken file may also be a hostile one.
    pub fn render(&self, color: bool) -> String {
        let theme = if color { miette::GraphicalTheme::unicode() } else { miette::GraphicalTheme::unicode_nocolor() };
        let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
        let file = visible(&self.file);
        let source = same_length_safe(&self.source);
        let mut out = String::new();
        for d in &self.diagnostics {
            let pos = self.position_of(d);
            let loc = match pos {
                Some(p) => format!("{file}:{}:{}", p.line, p.column),
                None => file.clone(),
            };
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let message = visible(&d.message);
            out.push_str(&format!("{kind}: {loc}: {message}\n"));
            // A span from a parser may fall inside a character (one counting columns in bytes): it is
            // widened to whole characters, so drawing it never slices a character in two.
            let span = d.span.as_ref().map(|r| whole_chars(&source, r));
            let shown = Diagnostic { message, help: d.help.as_deref().map(visible), span: span.clone(), ..d.clone() };
            match long_line_excerpt(&source, span.as_ref()) {
                Some(excerpt) => {
                    out.push_str(&excerpt);
                    if let Some(h) = &shown.help {
                        out.push_str(&format!("  help: {h}\n"));
                    }
                }
                None => {
                    let shown = Shown { d: &shown, src: miette::NamedSource::new(&file, source.clone()) };
                    let mut snippet = String::new();
                    if handler.render_report(&mut snippet, &shown).is_ok() {
                        out.push_str(&without_headline(&snippet));
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}

/// `r` within `text`, widened to character boundaries.
fn whole_chars(text: &str, r: &Range<usize>) -> Range<usize> {
    let mut start = r.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = r.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// miette's report minus its own headline (`× message`, wrapped over `│` lines): the line above
/// already says it, with the file, line and column, so it is not printed twice.
fn without_headline(report: &str) -> String {
    let mut lines = report.lines().peekable();
    if lines.peek().is_some_and(|l| l.trim_start().starts_with('×')) {
        lines.next();
        while lines.peek().is_some_and(|l| l.trim_start().starts_with('│')) {
            lines.next();
        }
    }
    lines.map(|l| format!("{l}\n")).collect()
}

/// Lines longer than this are shown as an excerpt around the span, not whole.
const LONG_LINE: usize = 200;

/// For a span on a very long line (minified or hostile input), a short excerpt with a caret.
fn long_line_excerpt(source: &str, span: Option<&Range<usize>>) -> Option<String> {
    let start = span?.start.min(source.len());
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..].find('\n').map_or(source.len(), |i| start + i);
    if line_end - line_start <= LONG_LINE {
        return None;
    }
    let mut from = start.saturating_sub(60).max(line_start);
    while !source.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (start + 60).min(line_end);
    while !source.is_char_boundary(to) {
        to -= 1;
    }
    let lead = if from > line_start { "…" } else { "" };
    let tail = if to < line_end { "…" } else { "" };
    let caret = " ".repeat(source[from..start].chars().count() + lead.chars().count());
    Some(format!(
        "  | {lead}{}{tail}\n  | {caret}^ here (the line is {} bytes long)\n",
        &source[from..to],
        line_end - line_start
    ))
}

/// The text with every unsafe character replaced by as many `?` as it has bytes, so spans still fit.
fn same_length_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' || c == '\t' || c == ' ' || safe(&c.to_string()) == c.to_string() {
                c.to_string()
            } else {
                "?".repeat(c.len_utf8())
            }
        })
        .collect()
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

impl std::error::Error for Report {}

/// Adapter that lets miette draw one of our diagnostics.
struct Shown<'a> {
    d: &'a Diagnostic,
    src: miette::NamedSource<String>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d.help.as_ref().map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.d.span.as_ref().map(|_| &self.src as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.d.span.clone()?;
        let len = span.end.saturating_sub(span.start).max(1);
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(Some("here".into()), span.start, len))))
    }
}

/// The longest message said whole; a longer one (a megabyte key echoed by the parser) is cut, with
/// how much was left out, since the source excerpt already shows the spot.
pub const MAX_MESSAGE: usize = 300;

fn cut(message: String) -> String {
    let n = message.chars().count();
    if n <= MAX_MESSAGE {
        return message;
    }
    let head: String = message.chars().take(MAX_MESSAGE - 60).collect();
    format!("{head}… ({} more characters)", n - (MAX_MESSAGE - 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(position(text, 6), Position { line: 2, column: 1 });
        // `=` after the two-byte é is the 4th character of line 2.
        assert_eq!(position(text, 10), Position { line: 2, column: 4 });
        // Inside é (a byte-counting parser's column): é's own place, not the end of the text.
        assert_eq!(position(text, 8), Position { line: 2, column: 2 });
        let r = Report { file: "f".into(), source: text.into(), diagnostics: vec![Diagnostic::error("x", Some(8..9))] };
        assert!(r.render(false).starts_with("error: f:2:2: x"), "{}", r.render(false));
    }

    #[test]
    fn long_and_hostile_lines_are_cut_and_cleaned() {
        let mut src = "a = ".to_string();
        src.push_str(&"x".repeat(5000));
        src.push_str("\u{1b}]52;c;ZXZpbA==\u{7} oops\n");
        let at = src.find("oops").unwrap();
        let r = Report {
            file: "evil\u{1b}[2J.toml".into(),
            source: src,
            diagnostics: vec![Diagnostic::error("bad \u{1b}[31mvalue", Some(at..at + 4))],
        };
        let text = r.render(false);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
        assert!(text.len() < 1000, "excerpt, not the whole line: {}", text.len());
        assert!(text.contains("^ here (the line is"), "{text}");
    }

    #[test]
    fn render_names_file_line_and_column() {
        let r = Report {
            file: "q.toml".into(),
            source: "x = 1\npromt = 2\n".into(),
            diagnostics: vec![
                Diagnostic::error("unknown field `promt`", Some(6..11)).with_help("did you mean `prompt`?"),
            ],
        };
        let text = r.render(false);
        assert!(text.starts_with("error: q.toml:2:1: unknown field `promt`"), "{text}");
        assert!(text.contains("did you mean `prompt`?"), "{text}");
        assert!(text.contains("promt = 2"), "{text}");
    }
}
