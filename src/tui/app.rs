//! The wizard's one state (`App`), its messages (`Msg`) and the effects `update` asks the loop to run.
//! Nothing here does I/O: the clock, the repository root and file writes come in and go out as data.

use std::path::PathBuf;

use super::text_field::TextField;

pub use super::state::{Context, Focus, Msg, Overlay, ReviewField, Screen, Setup};
use super::theme::Theme;
use crate::core::answers::{Answers, Value};
use crate::core::engine::evaluate::visibility;
use crate::core::engine::whatif::what_would_change;
use crate::core::engine::{Verdict, classify_live, evaluate};
use crate::core::questionnaire::{Kind, Questionnaire};
use crate::core::record::{Meta, Record};
use crate::core::slug::slug;
pub use crate::effect::{AdrAsk, Effect};

/// Reasons the wizard formats; the panel and review show fewer, and records recompute all of them.
pub const PANEL_REASONS: usize = 12;

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
    /// The questionnaire file the session runs, when it is not built in (see [`Setup::QuestionnaireFile`]).
    pub questionnaire_file: Option<String>,
    /// Who revises the record (`--resume`): asked on the review screen, first filled from
    /// `git config user.name`, then `$USER`.
    pub reviser_input: String,
    /// The repository whose system files are still to be looked for ([`Setup::LookForSystems`]).
    pub systems_search: Option<std::path::PathBuf>,
    /// A key, click or paste has arrived: boxes that were to greet the start are no longer offered.
    pub touched: bool,
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
        let verdict = classify_live(&q, &answers, what_if_inline(&q), PANEL_REASONS);
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
            questionnaire_file: None,
            question_peek: 0,
            context_box: ratatui_textarea::TextArea::default(),
            hyperlinks: false,
            why_full: false,
            title_suggested: false,
            other_sessions: Vec::new(),
            help_scroll: 0,
            systems_search: None,
            touched: false,
        };
        app.reviser_input = app.ctx.user.clone();
        app.derive_path();
        app.open(app.first_visible().unwrap_or(0));
        app
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
        self.preview = Some(classify_live(&self.q, &trial, what_if, PANEL_REASONS));
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
        self.verdict = classify_live(&self.q, &self.answers, now, PANEL_REASONS);
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
}
