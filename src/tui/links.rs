//! Clickable links (OSC 8) in the full-screen wizard.
//!
//! ratatui has no hyperlinks, and an escape sequence inside a cell would be counted in the cell's
//! width and throw its diff off. So the links are added one level down: this backend wraps the
//! crossterm one and draws the cells itself (ansi.rs: the crossterm backend's bytes), opening a link
//! where a run of its cells starts and closing it where the run ends. The cells, their positions and
//! styles are exactly ratatui's; a terminal without OSC 8 ignores the sequences. The spans are data,
//! set before each frame from the state.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// A link on screen: `width` cells from (`x`, `y`) lead to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenLink {
    /// Column of the first cell.
    pub x: u16,
    /// Row.
    pub y: u16,
    /// How many cells.
    pub width: u16,
    /// Where it leads (already checked: printable ASCII only).
    pub url: String,
}

/// The address as it may go into an escape sequence: printable ASCII only, else no link at all (an
/// address from a questionnaire file is file-borne text, and a control character could end the
/// sequence early and inject another).
pub fn checked_url(url: &str) -> Option<String> {
    let ok = !url.is_empty() && url.len() <= 2048 && url.chars().all(|c| c.is_ascii_graphic());
    let web = url.starts_with("https://") || url.starts_with("http://");
    (ok && web).then(|| url.to_string())
}

/// Whether to emit links: on unless `SYSKIND_HYPERLINKS=0` (or `never`), or the terminal is one known
/// to print such sequences as text (`TERM=dumb` or the Linux console).
pub fn wanted() -> bool {
    match std::env::var("SYSKIND_HYPERLINKS").as_deref() {
        Ok("0" | "never" | "off") => false,
        Ok("1" | "always" | "on") => true,
        _ => !matches!(std::env::var("TERM").as_deref(), Ok("dumb" | "linux")),
    }
}

/// A backend that draws the crossterm backend's cells, with links around the cells inside a
/// [`ScreenLink`].
pub struct LinkBackend<W: Write> {
    inner: CrosstermBackend<W>,
    links: Vec<ScreenLink>,
    /// A frame's bytes, gathered here and handed to the writer at once (kept between frames).
    frame: Vec<u8>,
    /// The writer is standard output: its size is read from it (`term::stdout_size`).
    stdout: bool,
}

impl<W: Write> LinkBackend<W> {
    /// Wraps `inner`, with no links yet.
    pub fn new(inner: CrosstermBackend<W>) -> Self {
        LinkBackend { inner, links: Vec::new(), frame: Vec::with_capacity(1 << 14), stdout: false }
    }

    /// Wraps `inner`, which writes to standard output: the size is read from standard output with
    /// one system call rather than crossterm's three, before every frame.
    pub fn on_stdout(inner: CrosstermBackend<W>) -> Self {
        LinkBackend { stdout: true, ..Self::new(inner) }
    }

    /// The writer (a test reads what a frame wrote).
    #[cfg(test)]
    pub(crate) fn writer(&self) -> &W {
        self.inner.writer()
    }
}

/// A backend told, before it draws a frame, where that frame has clickable links.
pub trait Linked: Backend {
    /// The links of the frame about to be drawn.
    fn set_links(&mut self, links: Vec<ScreenLink>);
}

impl<W: Write> Linked for LinkBackend<W> {
    fn set_links(&mut self, links: Vec<ScreenLink>) {
        self.links = links;
    }
}

/// The screen tests' backend draws no links.
impl Linked for ratatui::backend::TestBackend {
    fn set_links(&mut self, _links: Vec<ScreenLink>) {}
}

/// Which of `links` covers the cell at (`x`, `y`).
fn link_at(links: &[ScreenLink], x: u16, y: u16) -> Option<usize> {
    links.iter().position(|l| l.y == y && x >= l.x && x < l.x.saturating_add(l.width))
}

/// Ends an open link (OSC 8 with no address).
const CLOSE: &[u8] = b"\x1b]8;;\x1b\\";

impl<W: Write> Write for LinkBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for LinkBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // A link is opened where a run of its cells starts and closed where it ends (a link, like a
        // colour, holds across cursor moves), so a linked line costs one pair of sequences, not one
        // per cell (that was 3 KB of an 11 KB first frame).
        let w = &mut self.frame;
        w.clear();
        let mut pen = super::ansi::Pen::new();
        let mut open = None;
        for (x, y, cell) in content {
            let at = if self.links.is_empty() { None } else { link_at(&self.links, x, y) };
            if at != open {
                if open.is_some() {
                    w.write_all(CLOSE)?;
                }
                if let Some(i) = at {
                    write!(w, "\x1b]8;;{}\x1b\\", self.links[i].url)?;
                }
                open = at;
            }
            pen.cell(w, x, y, cell)?;
        }
        if open.is_some() {
            w.write_all(CLOSE)?;
        }
        super::ansi::Pen::finish(w)?;
        self.inner.writer_mut().write_all(&self.frame)
    }
    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        match crate::term::stdout_size().filter(|_| self.stdout) {
            Some((width, height)) => Ok(Size { width, height }),
            None => self.inner.size(),
        }
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;

    /// A writer the test can read back.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().write(buf)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn linked_cells_are_wrapped_in_osc_8_and_others_are_not() {
        let written = Shared::default();
        let mut b = LinkBackend::new(CrosstermBackend::new(written.clone()));
        b.set_links(vec![ScreenLink { x: 2, y: 0, width: 2, url: "https://example.com/a".into() }]);
        let cells: Vec<Cell> = ["A", "B", "C", "D", "E"].into_iter().map(Cell::new).collect();
        b.draw(cells.iter().enumerate().map(|(x, c)| (x as u16, 0, c))).unwrap();
        Backend::flush(&mut b).unwrap();
        let out = String::from_utf8(written.0.borrow().clone()).unwrap();
        let open = "\u{1b}]8;;https://example.com/a\u{1b}\\";
        let close = "\u{1b}]8;;\u{1b}\\";
        assert_eq!(out.matches(open).count(), 1, "one link for a run of linked cells: {out:?}");
        assert_eq!(out.matches(close).count(), 1, "{out:?}");
        // C and D sit between an opening and a closing; A, B and E outside every link.
        for (ch, inside) in [('A', false), ('B', false), ('C', true), ('D', true), ('E', false)] {
            let at = out.find(ch).unwrap();
            let opened = out[..at].matches(open).count();
            let closed = out[..at].matches(close).count();
            assert_eq!(opened > closed, inside, "{ch} in {out:?}");
        }
    }

    #[test]
    fn each_run_of_a_link_is_opened_once_and_always_closed() {
        let written = Shared::default();
        let mut b = LinkBackend::new(CrosstermBackend::new(written.clone()));
        // Two links side by side on one row, and a second row whose last cells are linked.
        b.set_links(vec![
            ScreenLink { x: 0, y: 0, width: 2, url: "https://example.com/a".into() },
            ScreenLink { x: 2, y: 0, width: 2, url: "https://example.com/b".into() },
            ScreenLink { x: 2, y: 1, width: 3, url: "https://example.com/c".into() },
        ]);
        let cells: Vec<Cell> = ["A", "B", "C", "D", "E"].into_iter().map(Cell::new).collect();
        let at = |y: u16| cells.iter().enumerate().map(move |(x, c)| (x as u16, y, c));
        b.draw(at(0).chain(at(1))).unwrap();
        Backend::flush(&mut b).unwrap();
        let out = String::from_utf8(written.0.borrow().clone()).unwrap();
        for l in ["a", "b", "c"] {
            assert_eq!(out.matches(&format!("\u{1b}]8;;https://example.com/{l}\u{1b}\\")).count(), 1, "{l}: {out:?}");
        }
        assert_eq!(out.matches("\u{1b}]8;;\u{1b}\\").count(), 3, "every link closed, the last at the end: {out:?}");
        // After the last link is closed only the closing style reset is written: no cell is left inside it.
        let after = &out[out.rfind("\u{1b}]8;;\u{1b}\\").unwrap()..];
        assert_eq!(after, "\u{1b}]8;;\u{1b}\\\u{1b}[39m\u{1b}[49m\u{1b}[59m\u{1b}[0m", "{out:?}");
    }

    /// Links add their sequences and nothing else: without them, the bytes are the crossterm backend's.
    #[test]
    fn without_its_links_a_frame_is_the_crossterm_backends() {
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 30, 3));
        buf.set_string(
            0,
            0,
            "Source: https://example.com/a",
            ratatui::style::Style::default().fg(ratatui::style::Color::Cyan),
        );
        buf.set_string(2, 2, "bold", ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::BOLD));
        let cells = || buf.content.iter().enumerate().map(|(i, c)| ((i % 30) as u16, (i / 30) as u16, c));
        let written = Shared::default();
        let mut b = LinkBackend::new(CrosstermBackend::new(written.clone()));
        b.set_links(vec![ScreenLink { x: 8, y: 0, width: 21, url: "https://example.com/a".into() }]);
        b.draw(cells()).unwrap();
        let ours = String::from_utf8(written.0.borrow().clone()).unwrap();
        let mut theirs = CrosstermBackend::new(Vec::new());
        theirs.draw(cells()).unwrap();
        let stripped = ours.replace("\u{1b}]8;;https://example.com/a\u{1b}\\", "").replace("\u{1b}]8;;\u{1b}\\", "");
        assert_ne!(stripped, ours, "the link is drawn");
        assert_eq!(stripped, String::from_utf8(theirs.writer().clone()).unwrap());
    }

    #[test]
    fn only_plain_web_addresses_become_links() {
        assert_eq!(
            checked_url("https://docs.aws.amazon.com/x.html").as_deref(),
            Some("https://docs.aws.amazon.com/x.html")
        );
        assert_eq!(checked_url("https://evil\u{1b}\\\u{1b}]8;;x"), None);
        assert_eq!(checked_url("https://a b"), None);
        assert_eq!(checked_url("file:///etc/passwd"), None);
        assert_eq!(checked_url("REL04-BP01"), None);
    }
}
