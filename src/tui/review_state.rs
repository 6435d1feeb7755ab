//! The review screen's state: the status, the field with the keys, and which fields show.

use super::app::App;
use super::state::ReviewField;
use super::text_field::TextField;
use crate::core::record::Status;

impl App {
    /// Cycles the status forward or back.
    pub fn cycle_status(&mut self, by: isize) {
        let i = Status::ALL.iter().position(|s| *s == self.meta.status).unwrap_or(0) as isize;
        self.meta.status = Status::ALL[(i + by).rem_euclid(Status::ALL.len() as isize) as usize];
    }

    /// Moves the review focus.
    pub fn step_field(&mut self, by: isize) {
        self.field = self.field.step(by);
        if !self.shows(self.field) {
            self.field = self.field.step(by);
        }
        if self.field == ReviewField::Context {
            // The box is drawn from the first frame the field has the keys, cursor at the end.
            self.editing = None;
            self.context_box();
        }
    }

    /// Whether the context's box holds the context now (it is the field being edited).
    pub fn editing_context(&self) -> bool {
        self.editing == Some(TextField::Context)
    }

    /// The whole screen, at the size last reported.
    pub fn screen_rect(&self) -> ratatui::layout::Rect {
        ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// Whether the review screen shows `f` ("Revised by" only when a record is being revised).
    pub fn shows(&self, f: ReviewField) -> bool {
        f != ReviewField::Reviser || self.original.is_some()
    }
}
