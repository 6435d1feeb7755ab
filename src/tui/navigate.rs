//! Moving through the questionnaire: which questions apply, the next and previous of them, and
//! opening one (cursor on its answer, its text in the editor).

use super::app::App;
use crate::core::answers::Value;
use crate::core::questionnaire::Kind;

impl App {
    /// Whether question `i` currently applies.
    pub fn visible(&self, i: usize) -> bool {
        self.applies.get(i).copied().unwrap_or(false)
    }

    fn visible_all(&self) -> &[bool] {
        &self.applies
    }

    /// First applicable question.
    pub fn first_visible(&self) -> Option<usize> {
        self.visible_all().iter().position(|v| *v)
    }

    /// Next applicable question after `i`.
    pub fn next_visible(&self, i: usize) -> Option<usize> {
        let v = self.visible_all();
        (i + 1..self.q.questions.len()).find(|j| v[*j])
    }

    /// Previous applicable question before `i`.
    pub fn prev_visible(&self, i: usize) -> Option<usize> {
        let v = self.visible_all();
        (0..i).rev().find(|j| v[*j])
    }

    /// Number of rows a choice-like question shows (yes/no shows two).
    pub fn option_count(&self, i: usize) -> usize {
        let q = &self.q.questions[i];
        match q.kind {
            Kind::Single | Kind::Multiple => q.choices.len(),
            Kind::YesNo => 2,
            _ => 0,
        }
    }

    /// Makes question `i` current: cursor on its answer, its text in the input.
    pub fn open(&mut self, i: usize) {
        self.current = i.min(self.q.questions.len().saturating_sub(1));
        self.list_cursor = self.current;
        let q = &self.q.questions[self.current];
        let value = self.answers.values[self.current].as_ref();
        self.cursor = match (q.kind, value) {
            (_, Some(Value::Choice(c))) => *c,
            (_, Some(Value::Bool(b))) => usize::from(!b),
            (Kind::Multiple, Some(Value::Choices(m))) => m.trailing_zeros().min(63) as usize % q.choices.len().max(1),
            _ => 0,
        };
        self.input = match (q.kind, value) {
            (Kind::Duration | Kind::Number | Kind::Text, Some(v)) => {
                v.to_toml(q).as_str().map(str::to_string).unwrap_or_else(|| v.display(q))
            }
            _ => String::new(),
        };
        self.editing = None;
        self.question_peek = 0;
        self.refresh_preview();
    }

    /// Section title of question `i`.
    pub fn section_title(&self, i: usize) -> &str {
        self.q.questions[i].section.map(|s| self.q.sections[s].title.as_ref()).unwrap_or("")
    }
}
