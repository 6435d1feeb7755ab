//! The full-screen wizard (ratatui + crossterm), in the Elm shape: one [`App`] state, terminal events
//! become [`Msg`]s, [`update`] changes the state and returns [`Effect`]s, [`view`] only draws.
//! This module holds the loop: the only place that touches the terminal and runs effects.

mod ansi;
pub mod app;
mod bordered;
pub mod dialog_keys;
pub mod dialogs;
pub mod fields;
pub mod fresh;
pub mod keymap;
pub mod keys;
pub mod layout;
mod lines;
pub mod links;
pub mod list;
pub mod measure;
mod mouse;
pub mod navigate;
pub mod pair;
pub mod pair_view;
pub mod panel;
mod prefault;
pub mod question_keys;
pub mod question_view;
pub mod review;
mod review_keys;
pub mod review_state;
pub mod state;
pub mod system;
pub mod text_field;
/// Terminal-safe text (re-exported from the core, where every face finds it).
pub use crate::core::text;
pub mod theme;
pub mod update;
pub mod view;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;

pub use crate::effect::{AdrAsk, Effect};
pub use app::{App, Context, Msg, Setup};
pub use update::update;
pub use view::view;

use crate::store;

/// Restores the terminal when dropped, so every exit path (return, `?`, panic unwinding) restores it.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Leaves mouse capture, raw mode and the alternate screen. Safe to call twice; never panics.
pub fn restore_terminal() {
    let _ = execute!(io::stdout(), DisableMouseCapture, crossterm::event::DisableBracketedPaste);
    let _ = ratatui::try_restore();
    let _ = io::stdout().flush();
}

/// A full-screen program in the Elm shape: the wizard and the pair review both are one.
pub trait Model {
    /// Draws the state; returns where the frame has clickable links (OSC 8), found while drawing.
    fn view(&self, f: &mut ratatui::Frame) -> Vec<links::ScreenLink>;
    /// Applies a message; may ask for an effect.
    fn update(&mut self, msg: Msg) -> Option<Effect>;
    /// The questionnaire (for effects that need it).
    fn questionnaire(&self) -> &crate::core::questionnaire::Questionnaire;
    /// The session to autosave now, if this program keeps one (compared with the last save).
    fn session(&self) -> Option<store::session::SessionFile> {
        None
    }
    /// Where sessions are saved.
    fn sessions_dir(&self) -> Option<PathBuf> {
        None
    }
    /// A signal ended the program.
    fn interrupt(&mut self, _signal: i32) {}
    /// The last autosave worked, or why it did not.
    fn autosaved(&mut self, _result: Result<(), String>) {}
    /// Another process holds this session's lock (its pid, if known).
    fn session_busy(&mut self, _pid: Option<u32>) {}
    /// Whether work was put off until no input is waiting (the loop then sends [`Msg::Idle`]).
    fn busy(&self) -> bool {
        false
    }
}

/// The terminal the programs draw on: crossterm, with links.
/// Output goes through a buffer, flushed at the end of every draw: a frame is one write to the
/// terminal, not a write per kilobyte (stdout's own buffer flushes at 1 KiB; a first frame is ~8 KiB).
type Term = ratatui::Terminal<links::LinkBackend<io::BufWriter<io::Stdout>>>;

impl Model for App {
    fn view(&self, f: &mut ratatui::Frame) -> Vec<links::ScreenLink> {
        view::view_linked(self, f)
    }
    fn update(&mut self, msg: Msg) -> Option<Effect> {
        update(self, msg)
    }
    fn questionnaire(&self) -> &crate::core::questionnaire::Questionnaire {
        &self.q
    }
    fn session(&self) -> Option<store::session::SessionFile> {
        // Nothing worth keeping before the first answer or note, nor while a resume is being offered.
        let started = self.answers.count() > 0 || self.answers.notes.iter().any(|n| !n.is_empty());
        (started && self.offer.is_none() && !self.read_only).then(|| App::session(self))
    }
    fn sessions_dir(&self) -> Option<PathBuf> {
        self.ctx.sessions_dir.clone()
    }
    fn interrupt(&mut self, signal: i32) {
        self.interrupted = Some(signal);
    }
    fn autosaved(&mut self, result: Result<(), String>) {
        self.save_error = result.err();
    }
    fn busy(&self) -> bool {
        self.what_if_pending || self.systems_search.is_some()
    }
    fn session_busy(&mut self, pid: Option<u32>) {
        if self.overlay.is_none() && !self.read_only {
            self.overlay = Some(app::Overlay::SessionBusy(pid));
        }
    }
}

impl Model for pair::PairApp {
    fn view(&self, f: &mut ratatui::Frame) -> Vec<links::ScreenLink> {
        pair_view::view(self, f);
        Vec::new()
    }
    fn update(&mut self, msg: Msg) -> Option<Effect> {
        pair::update(self, msg)
    }
    fn questionnaire(&self) -> &crate::core::questionnaire::Questionnaire {
        &self.q
    }
}

impl Model for system::SystemApp {
    fn view(&self, f: &mut ratatui::Frame) -> Vec<links::ScreenLink> {
        system::view::view(self, f);
        Vec::new()
    }
    fn update(&mut self, msg: Msg) -> Option<Effect> {
        system::update::update(self, msg)
    }
    fn questionnaire(&self) -> &crate::core::questionnaire::Questionnaire {
        &self.q
    }
}

/// The panic message: the terminal is restored, the answers are safe, and how to report it.
fn panic_notice() {
    let saved = store::session::LAST_SAVED.lock().ok().and_then(|g| g.clone());
    match saved {
        Some((id, path)) => eprintln!(
            "\nsyskind hit a bug and stopped. Your answers are saved in {} — resume with `syskind sessions resume {id}`.",
            path.display()
        ),
        None => eprintln!("\nsyskind hit a bug and stopped before any answer was given."),
    }
    eprintln!(
        "Please report it with the message above and the command you ran (syskind --version: {}).",
        env!("CARGO_PKG_VERSION")
    );
}

/// Signals that end a session cleanly: the loop saves, restores the terminal and leaves.
const STOP_SIGNALS: [i32; 3] = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT];

/// The signals the loop polls between events: a stop signal's number, and whether SIGTSTP arrived.
struct Signals {
    stop: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    tstp: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Signals {
    fn register() -> Signals {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, AtomicUsize};
        let stop = Arc::new(AtomicUsize::new(0));
        for sig in STOP_SIGNALS {
            // Records which signal arrived; the loop polls it between events.
            let _ = signal_hook::flag::register_usize(sig, stop.clone(), sig as usize);
        }
        // Ctrl-Z arrives as a key in raw mode; `kill -TSTP` arrives as a signal: both suspend properly.
        let tstp = Arc::new(AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGTSTP, tstp.clone());
        Signals { stop, tstp }
    }
    fn stopped(&self) -> Option<i32> {
        let sig = self.stop.load(std::sync::atomic::Ordering::Relaxed);
        (sig != 0).then_some(sig as i32)
    }
    fn suspended(&self) -> bool {
        self.tstp.swap(false, std::sync::atomic::Ordering::Relaxed)
    }
}

/// The autosave's memory: where sessions go, the last state saved, and the session's lock (one
/// writer per session: taken at the first save and held until the program ends).
struct Saver {
    dir: Option<PathBuf>,
    last: Option<store::session::SessionFile>,
    lock: Option<(String, store::session::SessionLock)>,
}

impl Saver {
    fn save<M: Model>(&mut self, app: &mut M) {
        autosave(app, self.dir.as_deref(), &mut self.last, &mut self.lock);
    }
}

/// Takes the terminal: raw mode, the alternate screen, mouse and paste reporting (ratatui::try_init's
/// steps, with the crossterm backend wrapped so links can be drawn, links.rs). The caller holds a
/// [`Restore`] from before this is called, so every way out gives the terminal back.
/// The sequences are queued, not written: they reach the terminal with the first frame, in its one write.
fn take_terminal() -> io::Result<Term> {
    crossterm::terminal::enable_raw_mode()?;
    // The two screen buffers come from memory faulted in at once (prefault.rs); the writer's buffer,
    // of which a frame touches a few pages, is made before.
    let (w, h) = crate::term::stdout_size().unwrap_or((80, 24));
    let bytes = 2 * usize::from(w) * usize::from(h) * std::mem::size_of::<ratatui::buffer::Cell>() + (8 << 10);
    let backend = links::LinkBackend::on_stdout(ratatui::backend::CrosstermBackend::new(io::BufWriter::with_capacity(
        1 << 16,
        io::stdout(),
    )));
    let mut terminal: Term = prefault::with_heap_ready(bytes, || ratatui::Terminal::new(backend))?;
    // Bracketed paste: a paste arrives as text, never as keys (a pasted newline is not Enter).
    crossterm::queue!(
        terminal.backend_mut(),
        crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture,
        crossterm::event::EnableBracketedPaste
    )?;
    Ok(terminal)
}

/// What one terminal event asks of the loop.
enum Input {
    Msg(Msg),
    Suspend,
    Ignore,
}

fn input(event: Event, crash_lever: bool) -> Input {
    match event {
        Event::Key(k) if crash_lever && k.code == event::KeyCode::F(12) => {
            panic!("crash test lever (SYSKIND_CRASH_TEST)")
        }
        Event::Key(k) if k.code == event::KeyCode::Char('z') && k.modifiers.contains(event::KeyModifiers::CONTROL) => {
            Input::Suspend
        }
        Event::Key(k) => Input::Msg(Msg::Key(k)),
        Event::Mouse(m) => Input::Msg(Msg::Mouse(m)),
        Event::Paste(text) => Input::Msg(Msg::Paste(text)),
        Event::Resize(w, h) => Input::Msg(Msg::Resize(w, h)),
        _ => Input::Ignore,
    }
}

/// The message an effect's outcome gives the screen (`None`: nothing to tell it).
fn outcome_msg(outcome: crate::effect::Outcome) -> Option<Msg> {
    use crate::effect::Outcome;
    match outcome {
        Outcome::Done | Outcome::Quit | Outcome::Hand(_) => None,
        Outcome::Exported(r) => Some(Msg::Exported(r)),
        Outcome::ExportExists(p) => Some(Msg::ExportExists(p)),
        Outcome::Edited(t, r) => Some(Msg::Edited(t, r)),
        Outcome::AdrWritten(r) => Some(Msg::AdrWritten(r)),
        Outcome::AdrAsk(a) => Some(Msg::AdrAsk(a)),
        Outcome::Systems(files) => Some(Msg::Setup(Setup::OfferSystems(files))),
    }
}

/// How a screen ended: by quitting, or by handing something over.
pub enum Ended {
    /// Quit (or a signal): nothing to hand over.
    Quit,
    /// Left to hand this to the composition root.
    Hand(crate::effect::Handoff),
}

/// Runs `effect` and every effect its outcome leads to; `Some` when the screen is to end.
fn run_effects<M: Model>(app: &mut M, first: Effect, terminal: &mut Term, saver: &mut Saver) -> Option<Ended> {
    let mut effect = Some(first);
    while let Some(e) = effect.take() {
        let outcome = {
            let mut edit = |text: &str| edit_external(terminal, text);
            let mut env =
                crate::effect::Env { q: app.questionnaire(), sessions_dir: saver.dir.as_deref(), edit: &mut edit };
            crate::effect::run(e, &mut env)
        };
        match outcome {
            crate::effect::Outcome::Quit => {
                saver.save(app);
                return Some(Ended::Quit);
            }
            crate::effect::Outcome::Hand(h) => {
                saver.save(app);
                return Some(Ended::Hand(h));
            }
            other => effect = outcome_msg(other).and_then(|m| app.update(m)),
        }
    }
    None
}

/// Runs a full-screen program until it quits; returns the final state (the caller saves what must be
/// kept) and how it ended.
pub fn run<M: Model>(mut app: M) -> io::Result<(M, Ended)> {
    // The hook restores the terminal before the message (ratatui's own init is not used: see take_terminal).
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
        panic_notice();
    }));
    let signals = Signals::register();
    // From here every way out, an error included, gives the terminal back.
    let _restore = Restore;
    let mut terminal = take_terminal()?;
    // The size the terminal was just opened at (asking the terminal again is one more open of /dev/tty).
    let size = terminal.get_frame().area();
    app.update(Msg::Resize(size.width, size.height));
    let mut saver = Saver { dir: app.sessions_dir(), last: None, lock: None };
    // A test lever: with SYSKIND_CRASH_TEST set, F12 panics, so the crash path can be checked for real.
    let crash_lever = std::env::var_os("SYSKIND_CRASH_TEST").is_some();
    // Save and redraw only after something happened; idle polling for signals costs nothing else.
    let mut changed = true;
    let mut watching = false;
    // Nothing drawn since the terminal was cleared: the frame is written without a diff (fresh.rs).
    let mut blank = true;
    loop {
        if changed {
            saver.save(&mut app);
            fresh::draw(&mut terminal, std::mem::take(&mut blank), |f| app.view(f))?;
            changed = false;
        }
        if !watching {
            // Started after the first frame: the frame comes first.
            crate::term::watch_terminal(|| {});
            watching = true;
        }
        if let Some(sig) = signals.stopped() {
            app.interrupt(sig);
            return Ok((app, Ended::Quit));
        }
        if signals.suspended() {
            saver.save(&mut app);
            suspend(&mut terminal)?;
            (changed, blank) = (true, true);
            continue;
        }
        // Put-off work runs only when no key is waiting, so typing ahead is never held up by it.
        if app.busy() && !event::poll(std::time::Duration::ZERO)? {
            changed = true;
            if let Some(effect) = app.update(Msg::Idle)
                && let Some(ended) = run_effects(&mut app, effect, &mut terminal, &mut saver)
            {
                return Ok((app, ended));
            }
            continue;
        }
        if !event::poll(std::time::Duration::from_millis(150))? {
            continue;
        }
        let msg = match input(event::read()?, crash_lever) {
            Input::Msg(m) => m,
            Input::Suspend => {
                saver.save(&mut app);
                suspend(&mut terminal)?;
                (changed, blank) = (true, true);
                continue;
            }
            Input::Ignore => continue,
        };
        changed = true;
        if let Some(effect) = app.update(msg)
            && let Some(ended) = run_effects(&mut app, effect, &mut terminal, &mut saver)
        {
            return Ok((app, ended));
        }
    }
}

/// Ctrl-Z, as a shell user expects it: give the terminal back as it was (cooked mode, main screen, no
/// mouse reporting), stop the process; when `fg` continues it, take the terminal again and repaint.
fn suspend(terminal: &mut Term) -> io::Result<()> {
    restore_terminal();
    // SIGSTOP cannot be caught, so this stops us even though SIGTSTP has a handler; SIGCONT resumes here.
    // SAFETY: raise() with a valid signal number has no preconditions.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    reenter(terminal)
}

/// Takes the terminal again after it was given back (suspend, an editor): raw mode, the alternate
/// screen, mouse and paste reporting, and a full repaint.
fn reenter(terminal: &mut Term) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture,
        crossterm::event::EnableBracketedPaste
    )?;
    terminal.clear()
}

/// Opens `$VISUAL`, else `$EDITOR`, else `vi` on `text` in a temporary file, the way `git commit`
/// does (through `sh`, so an editor with arguments works), and returns the file's text afterwards.
fn edit_external(terminal: &mut Term, text: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".into());
    let file = tempfile::Builder::new().prefix("syskind-").suffix(".md").tempfile().map_err(|e| e.to_string())?;
    // A text file ends in a newline, as editors and `echo >>` expect: without it, a line appended
    // by the editor would run on from the last one. (Msg::Edited drops the final newline again.)
    let with_newline = if text.is_empty() || text.ends_with('\n') { text.to_string() } else { format!("{text}\n") };
    std::fs::write(file.path(), with_newline).map_err(|e| e.to_string())?;
    restore_terminal();
    let status =
        std::process::Command::new("sh").arg("-c").arg(format!("{editor} \"$1\"")).arg("sh").arg(file.path()).status();
    let back = reenter(terminal).map_err(|e| e.to_string());
    let status = status.map_err(|e| format!("{editor}: {e}"))?;
    back?;
    if !status.success() {
        return Err(format!("{editor} exited with {status}; the text is unchanged"));
    }
    crate::store::read_text(file.path()).map_err(|e| e.message)
}

/// Saves the session when it changed since the last save (timestamps aside), under its lock; tells
/// the program when saving fails (the footer says so) or when another process has the session.
fn autosave<M: Model>(
    app: &mut M,
    dir: Option<&Path>,
    last: &mut Option<store::session::SessionFile>,
    lock: &mut Option<(String, store::session::SessionLock)>,
) {
    let (Some(dir), Some(mut now)) = (dir, app.session()) else { return };
    if lock.as_ref().map(|(id, _)| id) != Some(&now.id) {
        match store::session::lock(dir, &now.id) {
            Ok(l) => *lock = Some((now.id.clone(), l)),
            Err(store::session::LockError::Busy(pid)) => {
                app.session_busy(pid);
                return;
            }
            Err(store::session::LockError::Io(e)) => {
                app.autosaved(Err(e));
                return;
            }
        }
    }
    if let Some(prev) = last.as_ref() {
        now.updated = prev.updated.clone();
        if *prev == now {
            return;
        }
        now.updated = store::session::now();
    }
    // A failed autosave must not stop the session; it is shown, and the next change tries again.
    match store::session::save(dir, &now) {
        Ok(_) => {
            *last = Some(now);
            app.autosaved(Ok(()));
        }
        Err(e) => app.autosaved(Err(e.message)),
    }
}

pub use crate::store::repo_root;
