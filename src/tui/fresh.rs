//! A frame drawn over a blank screen without ratatui's cell-by-cell comparison.
//!
//! `Terminal::draw` writes what changed since the last frame: it compares every cell of the new
//! frame with the one before (`Buffer::diff`). On the first frame the one before is blank, and the
//! comparison still costs, at 120x40, 4,800 cell comparisons and twice as many width look-ups: 28%
//! of the instructions of the wizard's first frame (docs/performance.md). Against a blank buffer
//! "differs from the cell before" is "is not blank", which [`OverBlank`] yields with a few field
//! tests per cell. Its property test holds it to `Buffer::diff` against a blank buffer, for any
//! buffer (wide characters, emoji, skipped and forced-width cells included).

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::style::Color;
use ratatui::{Frame, Terminal};

use super::links::{Linked, ScreenLink};

/// Draws a frame as `Terminal::draw` does, and hands the backend the links `render` found while
/// drawing, before the cells. With `blank` (nothing drawn since the terminal was opened or
/// cleared, so its previous buffer is blank), the cells are written by [`OverBlank`] rather than
/// by comparison with the blank buffer.
///
/// `render` must not ask for the terminal's cursor (no syskind screen does; the screen snapshot
/// tests check it): the cursor is hidden, as `Terminal::draw` hides it when a frame does not place
/// it. ratatui's frame count is not advanced by a frame drawn over blank (nothing reads it).
pub fn draw<B: Linked>(
    terminal: &mut Terminal<B>,
    blank: bool,
    render: impl FnOnce(&mut Frame) -> Vec<ScreenLink>,
) -> Result<(), B::Error> {
    terminal.autoresize()?;
    let links = render(&mut terminal.get_frame());
    terminal.backend_mut().set_links(links);
    if !blank {
        terminal.apply_buffer()?;
        return Ok(());
    }
    // Taken out for the moment the backend writes it (both are the terminal's); the buffer's memory moves, not its cells.
    let frame = std::mem::take(terminal.current_buffer_mut());
    let drawn = terminal.backend_mut().draw(OverBlank::new(&frame));
    *terminal.current_buffer_mut() = frame;
    drawn?;
    terminal.hide_cursor()?;
    terminal.swap_buffers();
    terminal.backend_mut().flush()
}

/// The cells of a buffer that differ from a blank buffer of the same area, in the order, and with
/// the wide-character rules, of `Buffer::diff` against `Buffer::empty(area)`.
#[derive(Debug)]
pub struct OverBlank<'a> {
    cells: &'a [Cell],
    x: u16,
    y: u16,
    width: usize,
    pos: usize,
    /// After an emoji with VS16: its trailing cells still to look at, and where they end.
    trailing: Option<(usize, usize)>,
}

impl<'a> OverBlank<'a> {
    /// The cells of `buffer` to write over a blank screen.
    pub fn new(buffer: &'a Buffer) -> Self {
        let a = buffer.area;
        OverBlank { cells: &buffer.content, x: a.x, y: a.y, width: usize::from(a.width).max(1), pos: 0, trailing: None }
    }

    fn at(&self, i: usize) -> (u16, u16, &'a Cell) {
        // Positions fit: a buffer's area is within u16 coordinates.
        ((i % self.width) as u16 + self.x, (i / self.width) as u16 + self.y, &self.cells[i])
    }
}

/// A cell's width as ratatui's diff counts it (a forced width, else its symbol's).
fn width(c: &Cell) -> usize {
    usize::from(c.cell_width())
}

/// Whether the diff passes over a cell (`Skip`, or the older `skip` flag).
#[allow(deprecated)]
fn skipped(c: &Cell) -> bool {
    matches!(c.diff_option, CellDiffOption::Skip) || (c.skip && matches!(c.diff_option, CellDiffOption::None))
}

/// `c == &Cell::EMPTY`, cheapest tests first (most cells of a frame fail on the style or the symbol).
#[allow(deprecated)]
fn blank(c: &Cell) -> bool {
    c.fg == Color::Reset
        && c.bg == Color::Reset
        && c.underline_color == Color::Reset
        && c.modifier.is_empty()
        && !c.skip
        && matches!(c.diff_option, CellDiffOption::None)
        && c.symbol() == " "
}

impl<'a> Iterator for OverBlank<'a> {
    type Item = (u16, u16, &'a Cell);

    fn next(&mut self) -> Option<Self::Item> {
        let len = self.cells.len();
        if let Some((mut next, mut end)) = self.trailing.take() {
            // The emoji covers these columns: only a cell with a symbol of its own is written.
            while next < end {
                let j = next;
                next += width(&self.cells[j]).max(1);
                end = end.max(next).min(len);
                if !skipped(&self.cells[j]) && self.cells[j].symbol() != " " {
                    self.trailing = Some((next, end));
                    return Some(self.at(j));
                }
            }
            self.pos = end;
        }
        while self.pos < len {
            let i = self.pos;
            self.pos += 1;
            let c = &self.cells[i];
            match c.diff_option {
                CellDiffOption::Skip => {}
                _ if skipped(c) => {}
                CellDiffOption::ForcedWidth(w) => {
                    // Never equal to a blank cell: the option itself differs.
                    self.pos = self.pos.saturating_add(usize::from(w.get()).saturating_sub(1));
                    return Some(self.at(i));
                }
                CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                    if blank(c) {
                        continue;
                    }
                    let w = width(c);
                    if w > 1 && c.symbol().contains('\u{FE0F}') {
                        self.trailing = Some((i + 1, (i + w).min(len)));
                    } else if w > 1 {
                        self.pos += w - 1;
                    }
                    return Some(self.at(i));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::Modifier;
    use std::num::NonZeroU16;

    const SYMBOLS: &[&str] = &[" ", "a", "─", "é", "漢", "❤\u{fe0f}", "👍", "", "\u{301}", "ﾞ", "x\u{200b}"];
    const COLORS: &[Color] = &[Color::Reset, Color::Red, Color::Indexed(8), Color::Rgb(1, 2, 3)];
    const MODIFIERS: &[Modifier] = &[Modifier::empty(), Modifier::BOLD, Modifier::REVERSED, Modifier::UNDERLINED];

    /// A cell with any symbol, colours, modifier, skip flag and diff option; mostly blank, as a frame is.
    fn cell() -> impl Strategy<Value = Cell> {
        let option = prop_oneof![
            6 => Just(CellDiffOption::None),
            1 => Just(CellDiffOption::Skip),
            1 => Just(CellDiffOption::AlwaysUpdate),
            1 => (1u16..4).prop_map(|w| CellDiffOption::ForcedWidth(NonZeroU16::new(w).unwrap())),
        ];
        let pick = |n: usize| prop_oneof![3 => Just(0), 1 => 0..n];
        (
            pick(SYMBOLS.len()),
            pick(COLORS.len()),
            pick(COLORS.len()),
            pick(COLORS.len()),
            pick(MODIFIERS.len()),
            option,
            prop::bool::weighted(0.05),
        )
            .prop_map(|(s, fg, bg, ul, m, option, skip)| {
                let mut c = Cell::EMPTY;
                if s > 0 {
                    c.set_symbol(SYMBOLS[s]);
                }
                c.fg = COLORS[fg];
                c.bg = COLORS[bg];
                c.underline_color = COLORS[ul];
                c.modifier = MODIFIERS[m];
                c.diff_option = option;
                #[allow(deprecated)]
                {
                    c.skip = skip;
                }
                c
            })
    }

    fn buffer() -> impl Strategy<Value = Buffer> {
        (0u16..5, 0u16..5, 1u16..12, 1u16..5).prop_flat_map(|(x, y, w, h)| {
            prop::collection::vec(cell(), usize::from(w) * usize::from(h)).prop_map(move |cells| {
                let mut b = Buffer::empty(Rect::new(x, y, w, h));
                b.content = cells;
                b
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// The cells and their order are exactly what ratatui's diff against a blank buffer gives.
        #[test]
        fn the_cells_are_the_diff_against_a_blank_buffer(next in buffer()) {
            let theirs = Buffer::empty(next.area).diff(&next);
            let ours: Vec<_> = OverBlank::new(&next).collect();
            prop_assert_eq!(ours, theirs);
        }

        /// `blank` is `Cell::EMPTY`'s equality.
        #[test]
        fn blank_is_equality_with_the_empty_cell(c in cell()) {
            prop_assert_eq!(blank(&c), c == Cell::EMPTY);
        }
    }

    /// A whole first frame through a terminal: the same screen, bytes and cursor as `Terminal::draw`.
    #[test]
    fn a_frame_drawn_over_blank_is_the_terminals_own() {
        use ratatui::backend::TestBackend;
        use ratatui::widgets::{Block, Paragraph};
        let render = |f: &mut Frame| {
            let text = "wide 漢字 and ❤\u{fe0f} and plain text that wraps over the edge of the box";
            f.render_widget(
                Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }).block(Block::bordered().title("t")),
                f.area(),
            );
        };
        let mut ours = Terminal::new(TestBackend::new(30, 6)).unwrap();
        let mut theirs = Terminal::new(TestBackend::new(30, 6)).unwrap();
        draw(&mut ours, true, |f| {
            render(f);
            Vec::new()
        })
        .unwrap();
        theirs.draw(render).unwrap();
        assert_eq!(ours.backend().buffer(), theirs.backend().buffer());
        assert!(!ours.backend().cursor_visible());
        // The next frame diffs against this one, as after `Terminal::draw`.
        let second = |f: &mut Frame| f.render_widget(Paragraph::new("changed"), f.area());
        draw(&mut ours, false, |f| {
            second(f);
            Vec::new()
        })
        .unwrap();
        theirs.draw(second).unwrap();
        assert_eq!(ours.backend().buffer(), theirs.backend().buffer());
    }

    /// The links the frame's drawing returns are around their cells in that same frame's bytes.
    #[test]
    fn the_links_found_while_drawing_are_in_that_frames_bytes() {
        use crate::tui::links::LinkBackend;
        use ratatui::backend::CrosstermBackend;
        use ratatui::layout::Rect;
        use ratatui::{TerminalOptions, Viewport};
        let open = "\x1b]8;;https://example.com/a\x1b\\";
        for blank in [true, false] {
            let backend = LinkBackend::new(CrosstermBackend::new(Vec::new()));
            let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 20, 2)) };
            let mut t = Terminal::with_options(backend, options).unwrap();
            draw(&mut t, blank, |f| {
                f.buffer_mut().set_string(2, 1, "link", ratatui::style::Style::new());
                vec![ScreenLink { x: 2, y: 1, width: 4, url: "https://example.com/a".into() }]
            })
            .unwrap();
            let bytes = String::from_utf8(t.backend().writer().clone()).unwrap();
            let at = bytes.find(open).unwrap_or_else(|| panic!("no link opened (blank: {blank}): {bytes:?}"));
            let inside = &bytes[at + open.len()..];
            let inside = &inside[..inside.find("\x1b]8;;\x1b\\").expect("the link is closed")];
            // What the link holds, cursor moves and colours aside: exactly the linked cells.
            let text: String = inside
                .split('\x1b')
                .map(|s| s.trim_start_matches(|c: char| c != 'H' && c != 'm'))
                .map(|s| s.get(1..).unwrap_or(""))
                .collect();
            assert_eq!(text, "link", "blank: {blank}: {bytes:?}");
        }
    }
}
