//! The wizard's text fields as editors (tui-input): cursor movement, Home/End, Ctrl-A/E, Ctrl-U/W/K,
//! word moves, a visible cursor with horizontal scroll, and bracketed paste. One editor holds the field
//! that has the keys; its text is written back to the field after every change, so the rest of the
//! wizard keeps reading plain strings.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

use super::app::App;
use super::text_field::{Edit, TextField};

impl App {
    fn text_of(&mut self, f: TextField) -> &mut String {
        match f {
            TextField::Answer(_) => &mut self.input,
            TextField::Note(_) => &mut self.note_input,
            TextField::Title => &mut self.meta.title,
            TextField::Context => &mut self.meta.context,
            TextField::Deciders => &mut self.deciders_input,
            TextField::Reviser => &mut self.reviser_input,
            TextField::Path => &mut self.path_input,
        }
    }

    /// The editor for `f`, (re)started on the field's text with the cursor at its end when another
    /// field had it.
    fn editor(&mut self, f: TextField) -> &mut Input {
        if self.editing != Some(f) {
            let text = self.text_of(f).clone();
            self.editor = Input::new(text);
            self.editing = Some(f);
        }
        &mut self.editor
    }

    /// Applies an editing key to field `f`.
    pub fn edit_key(&mut self, f: TextField, k: KeyEvent) -> Edit {
        let ed = self.editor(f);
        let at_start = ed.cursor() == 0;
        let at_end = ed.cursor() == ed.value().chars().count();
        match (k.code, k.modifiers) {
            (KeyCode::Left, KeyModifiers::NONE) if at_start => return Edit::AtStart,
            (KeyCode::Right, KeyModifiers::NONE) if at_end => return Edit::AtEnd,
            _ => {}
        }
        let Some(req) = to_input_request(&Event::Key(k)) else { return Edit::Ignored };
        ed.handle(req);
        let value = ed.value().to_string();
        *self.text_of(f) = value;
        Edit::Done
    }

    /// The context's multi-line editor, (re)started on the context with the cursor at its end when
    /// another field had the keys.
    pub fn context_box(&mut self) -> &mut ratatui_textarea::TextArea<'static> {
        if self.editing != Some(TextField::Context) {
            let lines: Vec<String> = self.meta.context.split('\n').map(str::to_string).collect();
            let mut b = ratatui_textarea::TextArea::new(lines);
            b.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
            b.set_cursor_line_style(ratatui::style::Style::default());
            b.move_cursor(ratatui_textarea::CursorMove::Bottom);
            b.move_cursor(ratatui_textarea::CursorMove::End);
            self.context_box = b;
            self.editing = Some(TextField::Context);
        }
        &mut self.context_box
    }

    /// A key for the context box. Enter starts a new line; ↑ on the first line and ↓ on the last
    /// leave the field (the caller moves on); Ctrl-U deletes to the start of the line, as in every
    /// other field (the widget's own Ctrl-U is undo).
    pub fn context_key(&mut self, k: KeyEvent) -> Edit {
        let b = self.context_box();
        let ratatui_textarea::DataCursor(row, _) = b.cursor();
        let last = b.lines().len().saturating_sub(1);
        match (k.code, k.modifiers) {
            (KeyCode::Up, KeyModifiers::NONE) if row == 0 => return Edit::AtStart,
            (KeyCode::Down, KeyModifiers::NONE) if row >= last => return Edit::AtEnd,
            (KeyCode::Char('u'), KeyModifiers::CONTROL) => {
                b.delete_line_by_head();
            }
            _ => {
                b.input(k);
            }
        }
        self.meta.context = self.context_box.lines().join("\n");
        Edit::Done
    }

    /// Inserts pasted text at the cursor. A paste is text, never keys: line breaks become spaces in
    /// one-line fields (so a pasted newline can never act as Enter); the context and notes keep them.
    pub fn paste(&mut self, f: TextField, text: &str) {
        let multi = matches!(f, TextField::Context | TextField::Note(_));
        // Terminals send line breaks in pastes as CR (tmux, many others) or CRLF: all are line breaks.
        let clean = crate::core::text::safe(&text.replace("\r\n", "\n").replace('\r', "\n"));
        if f == TextField::Context {
            self.context_box().insert_str(&clean);
            self.meta.context = self.context_box.lines().join("\n");
            return;
        }
        let ed = self.editor(f);
        for c in clean.chars() {
            let c = if c == '\n' && !multi { ' ' } else { c };
            ed.handle(tui_input::InputRequest::InsertChar(c));
        }
        let value = ed.value().to_string();
        *self.text_of(f) = value;
    }

    /// Replaces a field's text (from `$EDITOR`, say), cursor at the end.
    pub fn set_field(&mut self, f: TextField, text: String) {
        *self.text_of(f) = text;
        self.editing = None;
    }

    /// The field's text with a bar at the cursor, scrolled to fit `width` columns (when the field has
    /// the keys; otherwise the text as it is, clipped).
    pub fn with_cursor(&self, f: TextField, text: &str, width: usize) -> String {
        let width = width.max(2);
        if self.editing != Some(f) {
            // A line break in a one-line box shows as ↵ (a note from $EDITOR keeps its breaks).
            let shown = crate::core::text::safe(text).replace('\n', "↵");
            return if crate::core::text::width(&shown) + 1 > width {
                let skip = shown.chars().count().saturating_sub(width - 2);
                format!("…{}▏", shown.chars().skip(skip).collect::<String>())
            } else {
                format!("{shown}▏")
            };
        }
        let value: Vec<char> = self.editor.value().chars().map(|c| if c == '\n' { '↵' } else { c }).collect();
        let scroll = self.editor.visual_scroll(width.saturating_sub(1));
        let cursor = self.editor.cursor();
        let mut out = String::new();
        let mut used = 0;
        for (k, c) in value.iter().enumerate().skip(scroll) {
            if k == cursor {
                out.push('▏');
                used += 1;
            }
            let cw = crate::core::text::width(&c.to_string());
            if used + cw > width {
                break;
            }
            out.push(*c);
            used += cw;
        }
        if cursor >= value.len() {
            out.push('▏');
        }
        crate::core::text::safe(&out)
    }
}
