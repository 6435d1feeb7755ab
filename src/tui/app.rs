//! The wizard's one state (`App`), its messages (`Msg`) and the effects `update` asks the loop to run.
//! Nothing here does I/O: the clock, the repository root and file writes come in and go out as data.

use std::path::PathBuf;

use crossterm::event::{KeyEvent, MouseEvent};

use super::text_field::TextField;
use super::theme::Theme;
use crate::core::answers::{Answers, Value};
use crate::core::engine::evaluate::visibility;
use crate::core::engine::whatif::what_would_change;
use crate::core::engine::{Verdict, classify_with, evaluate};
use crate::core::questionnaire::{Kind, Questionnaire};
use crate::core::record::{Meta, Record, Status};
use crate::core::slug::slug;
pub use crate::effect::{AdrAsk, Effect};

/// Reasons the wizard formats; the panel and review show fewer, and records recompute all of them.
pub const PANEL_REASONS: usize = 12;

/// Which screen is showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Walking the questions.
    Questions,
    /// Review answers and metadata, then export.
    Review,
    /// The record was written here.
    Exported(PathBuf),
}

/// A box drawn over the screen that takes the keys until closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The list of every key.
    Help,
    /// "Quit with unsaved answers?"
    ConfirmQuit,
    /// "Overwrite this file?"
    ConfirmOverwrite(PathBuf),
    /// Editing the note on the current question.
    Note,
    /// An unfinished session for this questionnaire exists: resume it?
    OfferResume,
    /// The ADR needs a yes first (a mixed folder, or no folder yet).
    ConfirmAdr(AdrAsk),
    /// Another syskind has this session open (its pid): continue as a copy, read-only, or quit.
    SessionBusy(Option<u32>),
    /// Fewer than half the applicable questions are answered: export anyway?
    ConfirmFewAnswers,
    /// The repository has system files: open one in the system screen instead?
    OfferSystems(Vec<PathBuf>),
}

/// Which pane of the question screen takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The question list.
    List,
    /// The current question.
    Question,
    /// The classification panel (scrolls).
    Panel,
}

impl Focus {
    /// Tab order.
    pub fn next(self) -> Focus {
        match self {
            Focus::List => Focus::Question,
            Focus::Question => Focus::Panel,
            Focus::Panel => Focus::List,
        }
    }
    /// Shift-Tab order.
    pub fn prev(self) -> Focus {
        match self {
            Focus::List => Focus::Panel,
            Focus::Question => Focus::List,
            Focus::Panel => Focus::Question,
        }
    }
}

/// The fields of the review screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewField {
    /// Decision title.
    Title,
    /// Context.
    Context,
    /// Deciders, comma-separated.
    Deciders,
    /// Who revises the record (shown only when revising one).
    Reviser,
    /// Status (cycles).
    Status,
    /// Where to write the record.
    Path,
    /// The export button.
    Export,
}

impl ReviewField {
    /// All fields in order.
    pub const ALL: [ReviewField; 7] = [
        ReviewField::Title,
        ReviewField::Context,
        ReviewField::Deciders,
        ReviewField::Reviser,
        ReviewField::Status,
        ReviewField::Path,
        ReviewField::Export,
    ];

    /// Label shown before the field.
    pub fn label(self) -> &'static str {
        match self {
            ReviewField::Title => "Title",
            ReviewField::Context => "Context",
            ReviewField::Deciders => "Deciders",
            ReviewField::Reviser => "Revised by",
            ReviewField::Status => "Status",
            ReviewField::Path => "Save to",
            ReviewField::Export => "Export",
        }
    }

    /// The text field behind a review field (Status and Export are not text).
    pub fn text(self) -> Option<TextField> {
        match self {
            ReviewField::Title => Some(TextField::Title),
            ReviewField::Context => Some(TextField::Context),
            ReviewField::Deciders => Some(TextField::Deciders),
            ReviewField::Reviser => Some(TextField::Reviser),
            ReviewField::Path => Some(TextField::Path),
            ReviewField::Status | ReviewField::Export => None,
        }
    }

    fn step(self, by: isize) -> ReviewField {
        let i = ReviewField::ALL.iter().position(|f| *f == self).unwrap_or(0) as isize;
        ReviewField::ALL[(i + by).rem_euclid(ReviewField::ALL.len() as isize) as usize]
    }
}

/// What happened outside, or what the user did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// A key.
    Key(KeyEvent),
    /// A mouse event.
    Mouse(MouseEvent),
    /// The terminal changed size.
    Resize(u16, u16),
    /// The export effect finished (path written, or why not).
    Exported(Result<PathBuf, String>),
    /// The export target exists; ask before overwriting.
    ExportExists(PathBuf),
    /// The ADR effect finished (path written, or why not).
    AdrWritten(Result<PathBuf, String>),
    /// The ADR needs the user's yes first.
    AdrAsk(AdrAsk),
    /// Text pasted into the terminal (bracketed paste): text, never keys.
    Paste(String),
    /// `$EDITOR` finished editing a text (its text, or why it failed).
    Edited(crate::effect::TextTarget, Result<String, String>),
    /// No input is waiting: time for work put off so that a keystroke's frame comes first.
    Idle,
}

/// Facts from outside that the wizard starts with.
#[derive(Debug, Clone)]
pub struct Context {
    /// Today, `YYYY-MM-DD`.
    pub today: String,
    /// Folder records go in by default (`<repo>/decisions`).
    pub decisions_dir: PathBuf,
    /// Number for the next record file there.
    pub next_number: u32,
    /// Terminal size at start.
    pub size: (u16, u16),
    /// Who is revising (for a record's revision history).
    pub user: String,
    /// Where sessions are autosaved (`None`: not saved, as in tests).
    pub sessions_dir: Option<PathBuf>,
    /// This session's id.
    pub session_id: String,
    /// When this session started.
    pub session_started: String,
}

/// The whole wizard state.
#[derive(Debug, Clone)]
pub struct App {
    /// The questionnaire.
    pub q: Questionnaire,
    /// Answers and notes so far.
    pub answers: Answers,
    /// Title, context, deciders, status.
    pub meta: Meta,
    /// Screen showing.
    pub screen: Screen,
    /// Overlay showing, if any.
    pub overlay: Option<Overlay>,
    /// Pane with the keys.
    pub focus: Focus,
    /// Current question index.
    pub current: usize,
    /// Highlighted choice in the current question.
    pub cursor: usize,
    /// Highlighted row in the question list.
    pub list_cursor: usize,
    /// Text being typed for a duration, number or text question.
    pub input: String,
    /// Note being typed.
    pub note_input: String,
    /// Focused review field.
    pub field: ReviewField,
    /// Scroll of the review summary.
    pub review_scroll: u16,
    /// Scroll of the classification panel.
    pub panel_scroll: u16,
    /// Deciders as typed.
    pub deciders_input: String,
    /// Export path as typed.
    pub path_input: String,
    /// The user typed a path (stop deriving it from the title).
    pub path_edited: bool,
    /// Answers changed since the last export.
    pub dirty: bool,
    /// Which questions apply now (cached: recomputed when an answer changes).
    pub applies: Vec<bool>,
    /// Verdict of the current answers.
    pub verdict: Verdict,
    /// Verdict if the highlighted (not yet chosen) answer were taken.
    pub preview: Option<Verdict>,
    /// A one-line message: (is error, text).
    pub message: Option<(bool, String)>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Facts from outside.
    pub ctx: Context,
    /// Colours.
    pub theme: Theme,
    /// The path the record was written to, once exported.
    pub exported: Option<PathBuf>,
    /// Why the last autosave failed (shown in the footer; quitting then asks).
    pub save_error: Option<String>,
    /// Another process owns this session and the user chose to look only: nothing is autosaved.
    pub read_only: bool,
    /// The user agreed to export with few answers.
    pub few_answers_ok: bool,
    /// The editor of the text field that has the keys (see `fields`).
    pub editor: tui_input::Input,
    /// Which field the editor holds.
    pub editing: Option<TextField>,
    /// The ADR written from it, if any.
    pub adr: Option<PathBuf>,
    /// The record being revised (`--resume`), whose history the export extends.
    pub original: Option<Record>,
    /// An unfinished session offered for resumption at start.
    pub offer: Option<crate::store::session::SessionFile>,
    /// Set when a signal (SIGTERM, SIGHUP, SIGINT) ended the session.
    pub interrupted: Option<i32>,
    /// The verdict's "what would change it" is still to be worked out (large questionnaires).
    pub what_if_pending: bool,
    /// Rows the question pane is scrolled up from where it follows the input (typed answers).
    pub question_peek: usize,
    /// Whether sources are drawn as clickable links (OSC 8; see `links.rs`).
    pub hyperlinks: bool,
    /// Whether "why we ask" is shown whole (`w`/F2); by default only its first sentence, so the
    /// choices fit beside it at 80x24.
    pub why_full: bool,
    /// The review's title was filled from the interaction and not yet touched: the first character
    /// typed replaces it.
    pub title_suggested: bool,
    /// Unfinished sessions of this repository besides the one offered, as the offer lists them
    /// (id, when, answers, what it is about).
    pub other_sessions: Vec<String>,
    /// Lines the help overlay is scrolled (it is taller than 80x24).
    pub help_scroll: u16,
    /// The context's multi-line editor while the context field has the keys (ratatui-textarea).
    pub context_box: ratatui_textarea::TextArea<'static>,
    /// Who revises the record (`--resume`): asked on the review screen, first filled from
    /// `git config user.name`, then `$USER`.
    pub reviser_input: String,
}

/// Largest questionnaire whose previews include "what would change it", and whose chosen answers
/// get it before the frame is drawn. On larger ones the search runs when no key is waiting
/// ([`Msg::Idle`]), so a keystroke's frame never waits for it.
pub const PREVIEW_WHAT_IF_MAX: usize = 100;

/// Whether `q` is small enough for "what would change it" on every keystroke (see [`PREVIEW_WHAT_IF_MAX`]).
pub fn what_if_inline(q: &Questionnaire) -> bool {
    q.questions.len() <= PREVIEW_WHAT_IF_MAX
}

impl App {
    /// A new session on `q`, optionally starting from earlier answers and metadata.
    pub fn new(q: Questionnaire, answers: Option<Answers>, meta: Option<Meta>, ctx: Context, theme: Theme) -> App {
        let answers = answers.unwrap_or_else(|| Answers::empty(&q));
        let verdict = classify_with(&q, &answers, what_if_inline(&q), PANEL_REASONS);
        let what_if_pending = !what_if_inline(&q);
        let applies = visibility(&q, &answers.values);
        let meta = meta.unwrap_or_default();
        let deciders_input = meta.deciders.join(", ");
        let mut app = App {
            q,
            answers,
            meta,
            screen: Screen::Questions,
            overlay: None,
            focus: Focus::Question,
            current: 0,
            cursor: 0,
            list_cursor: 0,
            input: String::new(),
            note_input: String::new(),
            field: ReviewField::Title,
            review_scroll: 0,
            panel_scroll: 0,
            deciders_input,
            path_input: String::new(),
            path_edited: false,
            dirty: false,
            applies,
            verdict,
            preview: None,
            message: None,
            size: ctx.size,
            ctx,
            theme,
            exported: None,
            save_error: None,
            read_only: false,
            few_answers_ok: false,
            editor: tui_input::Input::default(),
            editing: None,
            adr: None,
            original: None,
            offer: None,
            interrupted: None,
            what_if_pending,
            reviser_input: String::new(),
            question_peek: 0,
            context_box: ratatui_textarea::TextArea::default(),
            hyperlinks: false,
            why_full: false,
            title_suggested: false,
            other_sessions: Vec::new(),
            help_scroll: 0,
        };
        app.reviser_input = app.ctx.user.clone();
        app.derive_path();
        app.open(app.first_visible().unwrap_or(0));
        app
    }

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

    /// The value the highlighted choice or typed text stands for, if it parses.
    pub fn pending_value(&self) -> Option<Value> {
        let q = &self.q.questions[self.current];
        match q.kind {
            Kind::Single => Some(Value::Choice(self.cursor)),
            Kind::YesNo => Some(Value::Bool(self.cursor == 0)),
            Kind::Multiple => {
                let mask = match &self.answers.values[self.current] {
                    Some(Value::Choices(m)) => *m,
                    _ => 0,
                };
                Some(Value::Choices(mask ^ (1 << self.cursor)))
            }
            Kind::Duration | Kind::Number if !self.input.trim().is_empty() => Value::parse(q, &self.input).ok(),
            _ => None,
        }
    }

    /// Recomputes the preview: the verdict as if the pending value were taken (none when it changes nothing).
    pub fn refresh_preview(&mut self) {
        self.preview = None;
        if self.screen != Screen::Questions {
            return;
        }
        let Some(v) = self.pending_value() else {
            return;
        };
        if self.answers.values[self.current].as_ref() == Some(&v) {
            return;
        }
        let mut trial = self.answers.clone();
        trial.values[self.current] = Some(v);
        // The preview's own "what would change it" (not the chosen answer's); skipped on very large
        // questionnaires, where the search would slow every highlight move, and the panel says so.
        let what_if = what_if_inline(&self.q);
        self.preview = Some(classify_with(&self.q, &trial, what_if, PANEL_REASONS));
    }

    /// Sets (or clears) the current question's answer and recomputes the verdict.
    pub fn set_answer(&mut self, value: Option<Value>) {
        self.answers.values[self.current] = value;
        self.dirty = true;
        self.applies = visibility(&self.q, &self.answers.values);
        self.reclassify();
        self.refresh_preview();
    }

    /// Recomputes the verdict; on large questionnaires its what-if search waits for [`Msg::Idle`].
    fn reclassify(&mut self) {
        let now = what_if_inline(&self.q);
        self.verdict = classify_with(&self.q, &self.answers, now, PANEL_REASONS);
        self.what_if_pending = !now;
    }

    /// Works out the put-off "what would change it"; whether there was any to do.
    pub fn finish_what_if(&mut self) -> bool {
        if !self.what_if_pending {
            return false;
        }
        let eval = evaluate(&self.q, &self.answers.values);
        self.verdict.changes = what_would_change(&self.q, &self.answers.values, &eval);
        self.what_if_pending = false;
        true
    }

    /// The default export path: `decisions/NNNN-<slug>.toml`.
    pub fn derive_path(&mut self) {
        if self.path_edited {
            return;
        }
        let name = format!("{:04}-{}.toml", self.ctx.next_number, slug(&self.meta.title));
        self.path_input = self.ctx.decisions_dir.join(name).display().to_string();
    }

    /// The record the current state would export.
    pub fn record(&self) -> Record {
        let mut meta = self.meta.clone();
        meta.deciders =
            self.deciders_input.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        if meta.date.is_empty() {
            meta.date = self.ctx.today.clone();
        }
        let record = Record::new(&self.q, &self.answers, meta);
        match &self.original {
            Some(old) => {
                let who = Some(self.reviser_input.trim()).filter(|w| !w.is_empty()).unwrap_or(&self.ctx.user);
                record.revising(old, who, &self.ctx.today)
            }
            None => record,
        }
    }

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

    /// The session as it would be saved now.
    pub fn session(&self) -> crate::store::session::SessionFile {
        let mut meta = self.meta.clone();
        meta.deciders =
            self.deciders_input.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        crate::store::session::SessionFile::new(
            &self.ctx.session_id,
            &self.ctx.session_started,
            &self.q,
            &self.answers,
            &meta,
            self.current,
        )
    }

    /// Offers an unfinished session for resumption (shown as an overlay at start).
    pub fn offer_session(&mut self, s: crate::store::session::SessionFile) {
        self.offer = Some(s);
        self.overlay = Some(Overlay::OfferResume);
    }

    /// Takes the offered session: its answers, metadata and position, and its id (saves continue there).
    pub fn accept_offer(&mut self) -> Result<(), String> {
        let Some(s) = self.offer.take() else { return Ok(()) };
        let (answers, meta, position) = s.restore(&self.q)?;
        self.answers = answers;
        self.deciders_input = meta.deciders.join(", ");
        self.meta = meta;
        self.ctx.session_id = s.id.clone();
        self.ctx.session_started = s.started.clone();
        self.applies = visibility(&self.q, &self.answers.values);
        self.reclassify();
        self.dirty = true;
        self.derive_path();
        self.open(position);
        Ok(())
    }

    /// Section title of question `i`.
    pub fn section_title(&self, i: usize) -> &str {
        self.q.questions[i].section.map(|s| self.q.sections[s].title.as_str()).unwrap_or("")
    }
}
