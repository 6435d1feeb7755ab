//! The pair review: two people's answers side by side, walked disagreement by disagreement
//! (verdict-changing ones first). For each the pair takes A, B or a new answer and may note why; the
//! panel shows the verdict of the merged answers; export writes one record with the discussion.
//! Same shape as the wizard: state, pure `update`, effects for the loop.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{Context, Effect, Msg};
use super::theme::Theme;
use crate::core::answers::{Answers, Value};
use crate::core::diff::{Disagreement, diff};
use crate::core::engine::whatif::alternatives;
use crate::core::engine::{Verdict, classify_with};
use crate::core::questionnaire::Questionnaire;
use crate::core::record::{Discussion, Link, Meta, Record};
use crate::core::slug::slug;

/// One side of the review.
#[derive(Debug, Clone)]
pub struct Party {
    /// Who (deciders of that record, or its file name).
    pub name: String,
    /// The record's file.
    pub path: PathBuf,
    /// The record.
    pub record: Record,
    /// Its answers.
    pub answers: Answers,
}

/// What was taken for a disagreement.
#[derive(Debug, Clone, PartialEq)]
pub enum Pick {
    /// Side A's answer.
    A,
    /// Side B's answer.
    B,
    /// Another answer.
    New(Value),
}

/// Screens of the pair review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairScreen {
    /// Walking the disagreements.
    Walk,
    /// Title and path, then export.
    Export,
    /// Written.
    Done(PathBuf),
}

/// Boxes over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairOverlay {
    /// Typing the note for the current disagreement.
    Note,
    /// Typing a new answer (durations, numbers, text, or any question).
    Typed,
    /// Quit with unsaved picks?
    ConfirmQuit,
    /// Overwrite this file?
    ConfirmOverwrite(PathBuf),
}

/// The pair review's state.
#[derive(Debug, Clone)]
pub struct PairApp {
    /// The questionnaire.
    pub q: Questionnaire,
    /// Side A.
    pub a: Party,
    /// Side B.
    pub b: Party,
    /// Disagreements, verdict-changing first.
    pub items: Vec<Disagreement>,
    /// What was taken for each disagreement.
    pub picks: Vec<Option<Pick>>,
    /// The note on each disagreement.
    pub notes: Vec<String>,
    /// Current disagreement.
    pub cursor: usize,
    /// Highlighted "new answer" among the alternatives of the current question.
    pub alt: usize,
    /// Verdict of the merged answers.
    pub verdict: Verdict,
    /// Screen.
    pub screen: PairScreen,
    /// Overlay.
    pub overlay: Option<PairOverlay>,
    /// Note (or typed answer) being typed.
    pub note_input: String,
    /// Title of the merged record.
    pub title: String,
    /// Export path.
    pub path: String,
    /// Editing the path (else the title) on the export screen.
    pub on_path: bool,
    /// A one-line message: (is error, text).
    pub message: Option<(bool, String)>,
    /// Facts from outside.
    pub ctx: Context,
    /// Colours.
    pub theme: Theme,
    /// Terminal size.
    pub size: (u16, u16),
}

impl PairApp {
    /// A review of `a` against `b`.
    pub fn new(q: Questionnaire, a: Party, b: Party, ctx: Context, theme: Theme) -> PairApp {
        let items = diff(&q, &a.answers, &b.answers).disagreements;
        let n = items.len();
        let title = format!("Reconciled: {}", a.record.title);
        let mut app = PairApp {
            verdict: classify_with(&q, &a.answers, false, 3),
            q,
            a,
            b,
            picks: vec![None; n],
            notes: vec![String::new(); n],
            items,
            cursor: 0,
            alt: 0,
            screen: PairScreen::Walk,
            overlay: None,
            note_input: String::new(),
            title,
            path: String::new(),
            on_path: false,
            message: None,
            size: ctx.size,
            ctx,
            theme,
        };
        app.derive_path();
        app.refresh();
        app
    }

    /// The merged answers: agreed answers, plus each pick (open disagreements stay unanswered).
    pub fn merged(&self) -> Answers {
        let mut m = self.a.answers.clone();
        for (k, d) in self.items.iter().enumerate() {
            let i = d.index;
            m.values[i] = match &self.picks[k] {
                Some(Pick::A) => self.a.answers.values[i].clone(),
                Some(Pick::B) => self.b.answers.values[i].clone(),
                Some(Pick::New(v)) => Some(v.clone()),
                None => None,
            };
        }
        for (i, note) in m.notes.iter_mut().enumerate() {
            let (na, nb) = (&self.a.answers.notes[i], &self.b.answers.notes[i]);
            *note = match (na.is_empty(), nb.is_empty(), na == nb) {
                (_, _, true) | (false, true, _) => na.clone(),
                (true, false, _) => nb.clone(),
                _ => format!("{}: {na} / {}: {nb}", self.a.name, self.b.name),
            };
        }
        m
    }

    /// The alternatives offered as a "new answer" for the current disagreement.
    pub fn alternatives(&self) -> Vec<Value> {
        match self.items.get(self.cursor) {
            Some(d) => alternatives(&self.q.questions[d.index], None),
            None => Vec::new(),
        }
    }

    /// Open disagreements.
    pub fn open(&self) -> usize {
        self.picks.iter().filter(|p| p.is_none()).count()
    }

    fn refresh(&mut self) {
        self.verdict = classify_with(&self.q, &self.merged(), false, 3);
    }

    fn derive_path(&mut self) {
        let name = format!("{:04}-{}.toml", self.ctx.next_number, slug(&self.title));
        self.path = self.ctx.decisions_dir.join(name).display().to_string();
    }

    /// Both records' deciders, A's first, each once.
    pub fn deciders(&self) -> Vec<String> {
        let mut deciders = self.a.record.deciders.clone();
        for d in &self.b.record.deciders {
            if !deciders.contains(d) {
                deciders.push(d.clone());
            }
        }
        deciders
    }

    /// The merged record, with both participants and the discussion.
    pub fn record(&self) -> Record {
        let deciders = self.deciders();
        let links = [&self.a, &self.b]
            .iter()
            .map(|p| Link {
                kind: "relates_to".into(),
                target: p.path.display().to_string(),
                title: p.record.title.clone(),
            })
            .collect();
        let context = [&self.a.record.context, &self.b.record.context]
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let meta = Meta {
            title: self.title.trim().to_string(),
            date: self.ctx.today.clone(),
            deciders,
            context,
            links,
            ..Meta::default()
        };
        let mut r = Record::new(&self.q, &self.merged(), meta);
        r.discussion = self
            .items
            .iter()
            .zip(&self.picks)
            .zip(&self.notes)
            .map(|((d, p), note)| Discussion {
                question: d.question.clone(),
                a: d.a.clone().unwrap_or_default(),
                a_by: self.a.name.clone(),
                b: d.b.clone().unwrap_or_default(),
                b_by: self.b.name.clone(),
                chosen: match p {
                    Some(Pick::A) => "a",
                    Some(Pick::B) => "b",
                    Some(Pick::New(_)) => "new",
                    None => "open",
                }
                .into(),
                note: note.clone(),
            })
            .collect();
        r
    }

    fn take(&mut self, pick: Pick) {
        if let Some(slot) = self.picks.get_mut(self.cursor) {
            *slot = Some(pick);
            self.refresh();
            // On to the next open disagreement, if any.
            if let Some(next) = (0..self.items.len())
                .map(|k| (self.cursor + 1 + k) % self.items.len())
                .find(|k| self.picks[*k].is_none())
            {
                self.cursor = next;
                self.alt = 0;
            }
        }
    }
}

/// Applies one message to the pair review.
pub fn update(app: &mut PairApp, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Resize(w, h) => app.size = (w, h),
        Msg::Exported(Ok(p)) => app.screen = PairScreen::Done(p),
        Msg::Exported(Err(why)) => {
            app.message = Some((true, format!("Not saved: {why}. Edit the path and export again.")));
            app.on_path = true;
        }
        Msg::ExportExists(p) => app.overlay = Some(PairOverlay::ConfirmOverwrite(p)),
        Msg::Key(k) if k.kind != KeyEventKind::Release => return key(app, k),
        _ => {}
    }
    None
}

fn key(app: &mut PairApp, k: KeyEvent) -> Option<Effect> {
    if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
        return Some(Effect::Quit);
    }
    if let Some(o) = app.overlay.clone() {
        app.overlay = None;
        match (o, k.code) {
            (PairOverlay::Note, KeyCode::Enter) => app.notes[app.cursor] = app.note_input.trim().to_string(),
            (PairOverlay::Note, KeyCode::Esc) => {}
            (PairOverlay::Note, KeyCode::Backspace) => {
                app.note_input.pop();
                app.overlay = Some(PairOverlay::Note);
            }
            // Ctrl- and Alt-keys are commands, never text in the note.
            (PairOverlay::Note, KeyCode::Char(c))
                if !k.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                app.note_input.push(c);
                app.overlay = Some(PairOverlay::Note);
            }
            (PairOverlay::Note, _) => app.overlay = Some(PairOverlay::Note),
            (PairOverlay::Typed, KeyCode::Enter) => {
                let question = &app.q.questions[app.items[app.cursor].index];
                match Value::parse(question, &app.note_input) {
                    Ok(v) => app.take(Pick::New(v)),
                    Err(e) => {
                        app.message = Some((true, e.to_string()));
                        app.overlay = Some(PairOverlay::Typed);
                    }
                }
            }
            (PairOverlay::Typed, KeyCode::Esc) => {}
            (PairOverlay::Typed, KeyCode::Backspace) => {
                app.note_input.pop();
                app.overlay = Some(PairOverlay::Typed);
            }
            (PairOverlay::Typed, KeyCode::Char(c))
                if !k.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                app.note_input.push(c);
                app.overlay = Some(PairOverlay::Typed);
            }
            (PairOverlay::Typed, _) => app.overlay = Some(PairOverlay::Typed),
            // The yes/no boxes answer through the key table: its yes acts, any other key says no.
            (o @ (PairOverlay::ConfirmQuit | PairOverlay::ConfirmOverwrite(_)), code)
                if super::keymap::action(super::keymap::Pane::YesNoDialog, code)
                    == Some(super::keymap::Act::Accept) =>
            {
                return Some(match o {
                    PairOverlay::ConfirmOverwrite(path) => {
                        Effect::Export { path, text: app.record().to_toml(), overwrite: true }
                    }
                    _ => Effect::Quit,
                });
            }
            _ => {}
        }
        return None;
    }
    app.message = None;
    match app.screen.clone() {
        PairScreen::Done(_) => (super::keymap::action(super::keymap::Pane::PairDone, k.code)
            == Some(super::keymap::Act::Quit))
        .then_some(Effect::Quit),
        PairScreen::Export => export_key(app, k),
        PairScreen::Walk => walk_key(app, k),
    }
}

fn walk_key(app: &mut PairApp, k: KeyEvent) -> Option<Effect> {
    use super::keymap::{Act, Pane, action};
    let n = app.items.len();
    let alts = app.alternatives().len();
    match action(Pane::PairWalk, k.code)? {
        Act::Quit => {
            if app.picks.iter().any(Option::is_some) {
                app.overlay = Some(PairOverlay::ConfirmQuit);
            } else {
                return Some(Effect::Quit);
            }
        }
        Act::Up => {
            app.cursor = app.cursor.saturating_sub(1);
            app.alt = 0;
        }
        Act::Down => {
            app.cursor = (app.cursor + 1).min(n.saturating_sub(1));
            app.alt = 0;
        }
        Act::TakeA if n > 0 => app.take(Pick::A),
        Act::TakeB if n > 0 => app.take(Pick::B),
        Act::NewPrev if alts > 0 => app.alt = (app.alt + alts - 1) % alts,
        Act::NewNext if alts > 0 => app.alt = (app.alt + 1) % alts,
        Act::TakeNew if alts > 0 => {
            let v = app.alternatives()[app.alt].clone();
            app.take(Pick::New(v));
        }
        Act::Note if n > 0 => {
            app.note_input = app.notes[app.cursor].clone();
            app.overlay = Some(PairOverlay::Note);
        }
        Act::TypeNew if n > 0 => {
            app.note_input.clear();
            app.overlay = Some(PairOverlay::Typed);
        }
        Act::Export => {
            if app.open() > 0 {
                app.message = Some((
                    true,
                    format!(
                        "{} disagreement(s) still open: take A (a), B (b) or a new answer (←/→, Enter).",
                        app.open()
                    ),
                ));
            } else {
                app.screen = PairScreen::Export;
            }
        }
        _ => {}
    }
    None
}

fn export_key(app: &mut PairApp, k: KeyEvent) -> Option<Effect> {
    match k.code {
        KeyCode::Esc => app.screen = PairScreen::Walk,
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => app.on_path = !app.on_path,
        KeyCode::Enter => {
            if app.title.trim().is_empty() {
                app.message = Some((true, "Give the merged record a title.".into()));
                app.on_path = false;
            } else {
                return Some(Effect::Export {
                    path: app.path.trim().into(),
                    text: app.record().to_toml(),
                    overwrite: false,
                });
            }
        }
        KeyCode::Backspace => {
            if app.on_path {
                app.path.pop();
            } else {
                app.title.pop();
                app.derive_path();
            }
        }
        KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
            if app.on_path {
                app.path.push(c);
            } else {
                app.title.push(c);
                app.derive_path();
            }
        }
        _ => {}
    }
    None
}
