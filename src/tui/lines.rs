//! Lines drawn as ratatui's `Paragraph` draws them, cell for cell — cut at the edge ([`draw`]) or
//! word-wrapped with `Wrap { trim: false }` ([`draw_wrapped`]) — with a short way for plain ASCII.
//!
//! `Paragraph` splits every span into grapheme clusters and measures each one; on the first frame
//! that was the largest single cost of drawing (docs/performance.md). Nearly all the wizard's text
//! is printable ASCII and a few symbols (`·`, `—`, arrows, box drawing), each a cluster of its own
//! one column wide, so such a line is written (and wrapped) a character to a cell. Any other line
//! (other characters, or not left-aligned) is handed to `Paragraph` itself. Property tests check
//! both against `Paragraph` on random lines.

use std::collections::VecDeque;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Draws `lines` from the top of `area`, one a row, each cut at the area's right edge.
pub fn draw<'l, 't: 'l>(buf: &mut Buffer, area: Rect, lines: impl IntoIterator<Item = &'l Line<'t>>) {
    let area = area.intersection(buf.area);
    for (line, y) in lines.into_iter().zip(area.top()..area.bottom()) {
        let row = Rect { y, height: 1, ..area };
        if !plain(line) {
            Paragraph::new(line.clone()).render(row, buf);
            continue;
        }
        let mut x = row.x;
        'line: for span in &line.spans {
            let style = line.style.patch(span.style);
            for c in span.content.chars() {
                if x >= row.right() {
                    break 'line;
                }
                buf[(x, y)].set_char(c).set_style(style);
                x += 1;
            }
        }
    }
}

/// Draws `lines` word-wrapped to `area`'s width, less the first `scroll` rows, as
/// `Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0))` does.
pub fn draw_wrapped(buf: &mut Buffer, area: Rect, lines: &[Line], scroll: u16) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let mut skip = usize::from(scroll);
    let mut y = area.y;
    for line in lines {
        if y >= area.bottom() {
            return;
        }
        if !plain(line) {
            let p = Paragraph::new(line.clone()).wrap(Wrap { trim: false });
            let n = p.line_count(area.width);
            if skip < n {
                let rows = Rect { y, height: area.bottom() - y, ..area };
                p.scroll((skip as u16, 0)).render(rows, buf);
                y = y.saturating_add((n - skip) as u16);
            }
            skip = skip.saturating_sub(n);
            continue;
        }
        for row in wrap_plain(line, area.width) {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if y >= area.bottom() {
                return;
            }
            for ((c, style), x) in row.into_iter().zip(area.x..) {
                buf[(x, y)].set_char(c).set_style(style);
            }
            y += 1;
        }
    }
}

/// How many rows [`draw_wrapped`] gives `lines` at `width` (`Paragraph::line_count`, unbordered).
pub fn wrapped_count(lines: &[Line], width: u16) -> usize {
    if width == 0 {
        return 0;
    }
    let each = |l: &Line| {
        if plain(l) {
            wrap_plain(l, width).len()
        } else {
            Paragraph::new(l.clone()).wrap(Wrap { trim: false }).line_count(width)
        }
    };
    lines.iter().map(each).sum()
}

/// One wrapped row of a plain line: its characters and their styles.
type WrappedRow = Vec<(char, Style)>;

/// A plain line wrapped as ratatui's `WordWrapper` wraps it with `trim` off (reflow.rs,
/// `process_input`, with every cell one column wide and a space the only whitespace). `width` > 0.
fn wrap_plain(line: &Line, width: u16) -> Vec<WrappedRow> {
    let max = usize::from(width);
    let cells = line.spans.iter().flat_map(|s| {
        let style = line.style.patch(s.style);
        s.content.chars().map(move |c| (c, style))
    });
    // `WordWrapper`'s widths are counts here: the row so far is `pending`, the word `word`.
    let (mut rows, mut pending, mut word) = (Vec::new(), WrappedRow::new(), WrappedRow::new());
    let mut space: VecDeque<(char, Style)> = VecDeque::new();
    let mut after_word = false;
    for cell in cells {
        let is_space = cell.0 == ' ';
        if (after_word && is_space) || (pending.is_empty() && word.len() + space.len() + 1 > max) {
            pending.extend(space.drain(..));
            pending.append(&mut word);
        }
        if pending.len() + space.len() + word.len() >= max {
            // The row is full: the spaces that still fit on it go with it.
            let fit = max.saturating_sub(pending.len()).min(space.len());
            rows.push(std::mem::take(&mut pending));
            space.drain(..fit);
            if is_space && space.is_empty() {
                continue;
            }
        }
        if is_space {
            space.push_back(cell);
        } else {
            word.push(cell);
        }
        after_word = !is_space;
    }
    pending.extend(space);
    pending.append(&mut word);
    if !pending.is_empty() || rows.is_empty() {
        rows.push(pending);
    }
    rows
}

/// Whether every character of `line` is a cell of its own, drawn from the left.
pub fn plain(line: &Line) -> bool {
    matches!(line.alignment, None | Some(Alignment::Left)) && line.spans.iter().all(|s| s.content.chars().all(one_cell))
}

/// Whether `c` is a grapheme cluster of its own, one column wide, and not whitespace unless a space:
/// printable ASCII, or a character of a block whose characters never join their neighbours
/// (Latin-1 letters and signs, punctuation, arrows, maths, box drawing and shapes, dingbats) that
/// is one column wide. Left out: spaces other than ' ', zero-width and format characters,
/// combining marks, and wide characters.
fn one_cell(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    matches!(u32::from(c), 0xA1..=0xAC | 0xAE..=0xFF | 0x2010..=0x2027 | 0x2030..=0x205E | 0x2190..=0x22FF | 0x2500..=0x25FF | 0x2700..=0x27BF)
        && unicode_width::UnicodeWidthChar::width(c) == Some(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Span;

    fn style() -> impl Strategy<Value = Style> {
        (0u8..4, 0u8..4, any::<bool>()).prop_map(|(fg, bg, bold)| {
            let c = |i: u8| [None, Some(Color::Red), Some(Color::Indexed(42)), Some(Color::Reset)][i as usize];
            let mut s = Style::default();
            if let Some(fg) = c(fg) {
                s = s.fg(fg);
            }
            if let Some(bg) = c(bg) {
                s = s.bg(bg);
            }
            if bold { s.add_modifier(Modifier::BOLD) } else { s }
        })
    }

    fn line() -> impl Strategy<Value = Line<'static>> {
        let text = prop_oneof![
            8 => "[ -~]{0,12}",
            1 => "[ -~éż界─│·—→▶✓✅\u{a0}\u{ad}\u{2003}\u{200d}\u{301}\u{fe0f}\t]{0,8}",
        ];
        let alignment =
            prop_oneof![4 => Just(None), 1 => Just(Some(Alignment::Left)), 1 => Just(Some(Alignment::Right))];
        (proptest::collection::vec((text, style()), 0..4), style(), alignment).prop_map(|(spans, s, a)| {
            let mut l = Line::from(spans.into_iter().map(|(t, st)| Span::styled(t, st)).collect::<Vec<_>>()).style(s);
            l.alignment = a;
            l
        })
    }

    /// Every character taken as a cell of its own is one: a grapheme cluster alone (beside a
    /// letter, and beside itself), one column wide, and not whitespace unless a space.
    #[test]
    fn one_cell_characters_are_one_grapheme_and_one_column_each() {
        use ratatui::buffer::CellWidth;
        let mut checked = 0;
        for c in (0..0x3_0000u32).filter_map(char::from_u32).filter(|c| one_cell(*c)) {
            let text = format!("a{c}a{c}{c}");
            let span = Span::raw(text.as_str());
            let graphemes: Vec<_> = span.styled_graphemes(Style::default()).collect();
            assert_eq!(graphemes.len(), 5, "{c:?} joins a neighbour: {text:?}");
            for g in &graphemes {
                assert_eq!(g.symbol.cell_width(), 1, "{c:?}");
                assert_eq!(g.is_whitespace(), g.symbol == " ", "{c:?}");
            }
            checked += 1;
        }
        assert!(checked > 1000, "{checked} characters");
    }

    proptest! {
        /// Any lines, in any area of a buffer that already holds text: the cells `Paragraph` gives.
        #[test]
        fn the_cells_are_paragraphs(
            lines in proptest::collection::vec(line(), 0..6),
            (x, y, w, h) in (0u16..4, 0u16..3, 0u16..16, 0u16..6),
        ) {
            let screen = Rect::new(0, 0, 14, 6);
            let mut theirs = Buffer::empty(screen);
            theirs.set_string(0, 1, "underneath underneath", Style::default().fg(Color::Blue));
            let mut ours = theirs.clone();
            let area = Rect::new(x, y, w, h);
            Paragraph::new(lines.clone()).render(area.intersection(screen), &mut theirs);
            draw(&mut ours, area, &lines);
            prop_assert_eq!(ours, theirs);
        }

        /// Any lines, wrapped in any area at any scroll: the cells and the row count `Paragraph` gives.
        #[test]
        fn wrapped_cells_are_paragraphs(
            lines in proptest::collection::vec(wrappable(), 0..5),
            (x, y, w, h, scroll) in (0u16..4, 0u16..3, 0u16..14, 0u16..7, 0u16..6),
        ) {
            let screen = Rect::new(0, 0, 16, 8);
            let mut theirs = Buffer::empty(screen);
            theirs.set_string(0, 1, "underneath underneath", Style::default().fg(Color::Blue));
            let mut ours = theirs.clone();
            let area = Rect::new(x, y, w, h);
            let p = Paragraph::new(lines.clone()).wrap(Wrap { trim: false });
            prop_assert_eq!(wrapped_count(&lines, w), p.line_count(w));
            p.scroll((scroll, 0)).render(area.intersection(screen), &mut theirs);
            draw_wrapped(&mut ours, area, &lines, scroll);
            prop_assert_eq!(ours, theirs);
        }
    }

    /// Lines with words, runs of spaces and words longer than a row.
    fn wrappable() -> impl Strategy<Value = Line<'static>> {
        let text = prop_oneof![
            6 => "(( {0,3})([a-z]{1,9}|[ -~]{1,3})){0,5}( {0,3})",
            1 => "[ a-zé界·—→▶✓✅\u{a0}\u{2003}\u{301}\u{fe0f}]{0,10}",
        ];
        (proptest::collection::vec((text, style()), 0..4), style(), any::<bool>()).prop_map(|(spans, s, right)| {
            let mut l = Line::from(spans.into_iter().map(|(t, st)| Span::styled(t, st)).collect::<Vec<_>>()).style(s);
            if right {
                l.alignment = Some(Alignment::Right);
            }
            l
        })
    }
}
