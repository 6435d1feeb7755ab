//! The full-screen wizard (ratatui + crossterm), in the Elm shape: one [`App`] state, terminal events
//! become [`Msg`]s, [`update`] changes the state and returns [`Effect`]s, [`view`] only draws.
//! This module holds the loop: the only place that touches the terminal and runs effects.

pub mod app;
pub mod fields;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod links;
pub mod list;
mod mouse;
pub mod pair;
pub mod pair_view;
pub mod panel;
pub mod question_view;
pub mod review;
mod review_keys;
pub mod system;
/// Terminal-safe text (re-exported from the core, where every face finds it).
pub use crate::core::text;
pub mod theme;
pub mod update;
pub mod view;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;

pub use app::{AdrAsk, App, Context, Effect, Msg};
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
    /// Draws the state.
    fn view(&self, f: &mut ratatui::Frame);
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
    /// Where the next frame has clickable links (OSC 8).
    fn links(&self) -> Vec<links::Link> {
        Vec::new()
    }
}

/// The terminal the programs draw on: crossterm, with links.
type Term = ratatui::Terminal<links::LinkBackend<ratatui::backend::CrosstermBackend<io::Stdout>>>;

impl Model for App {
    fn view(&self, f: &mut ratatui::Frame) {
        view(self, f)
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
        self.what_if_pending
    }
    fn links(&self) -> Vec<links::Link> {
        if self.hyperlinks && self.screen == app::Screen::Questions && self.overlay.is_none() {
            question_view::links(self)
        } else {
            Vec::new()
        }
    }
    fn session_busy(&mut self, pid: Option<u32>) {
        if self.overlay.is_none() && !self.read_only {
            self.overlay = Some(app::Overlay::SessionBusy(pid));
        }
    }
}

impl Model for pair::PairApp {
    fn view(&self, f: &mut ratatui::Frame) {
        pair_view::view(self, f)
    }
    fn update(&mut self, msg: Msg) -> Option<Effect> {
        pair::update(self, msg)
    }
    fn questionnaire(&self) -> &crate::core::questionnaire::Questionnaire {
        &self.q
    }
}

impl Model for system::SystemApp {
    fn view(&self, f: &mut ratatui::Frame) {
        system::view::view(self, f)
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

/// Runs a full-screen program until it quits; returns the final state (the caller saves what must be kept).
pub fn run<M: Model>(mut app: M) -> io::Result<M> {
    // The hook restores the terminal before the message (ratatui's own init is not used: see below).
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
        panic_notice();
    }));
    let caught = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for sig in STOP_SIGNALS {
        // Records which signal arrived; the loop polls it between events.
        let _ = signal_hook::flag::register_usize(sig, caught.clone(), sig as usize);
    }
    // Ctrl-Z arrives as a key in raw mode; `kill -TSTP` arrives as a signal: both suspend properly.
    let tstp = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGTSTP, tstp.clone());
    // ratatui::try_init's steps, with the crossterm backend wrapped so links can be drawn (links.rs).
    crossterm::terminal::enable_raw_mode()?;
    // From here every way out, an error included, gives the terminal back.
    let _restore = Restore;
    execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    let mut terminal: Term =
        ratatui::Terminal::new(links::LinkBackend::new(ratatui::backend::CrosstermBackend::new(io::stdout())))?;
    // Bracketed paste: a paste arrives as text, never as keys (a pasted newline is not Enter).
    execute!(io::stdout(), EnableMouseCapture, crossterm::event::EnableBracketedPaste)?;
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    let dir = app.sessions_dir();
    let mut last_saved: Option<store::session::SessionFile> = None;
    // One writer per session: the lock is taken at the first save and held until the program ends.
    let mut lock: Option<(String, store::session::SessionLock)> = None;
    // A test lever: with SYSKIND_CRASH_TEST set, F12 panics, so the crash path can be checked for real.
    let crash_lever = std::env::var_os("SYSKIND_CRASH_TEST").is_some();
    // Save and redraw only after something happened; idle polling for signals costs nothing else.
    let mut changed = true;
    let mut watching = false;
    loop {
        if changed {
            autosave(&mut app, dir.as_deref(), &mut last_saved, &mut lock);
            terminal.backend_mut().set_links(app.links());
            terminal.draw(|f| app.view(f))?;
            changed = false;
        }
        if !watching {
            // Started after the first frame: the frame comes first.
            crate::term::watch_terminal(|| {});
            watching = true;
        }
        let sig = caught.load(std::sync::atomic::Ordering::Relaxed);
        if sig != 0 {
            app.interrupt(sig as i32);
            return Ok(app);
        }
        if tstp.swap(false, std::sync::atomic::Ordering::Relaxed) {
            autosave(&mut app, dir.as_deref(), &mut last_saved, &mut lock);
            suspend(&mut terminal)?;
            changed = true;
            continue;
        }
        // Put-off work runs only when no key is waiting, so typing ahead is never held up by it.
        if app.busy() && !event::poll(std::time::Duration::ZERO)? {
            app.update(Msg::Idle);
            changed = true;
            continue;
        }
        if !event::poll(std::time::Duration::from_millis(150))? {
            continue;
        }
        let msg = match event::read()? {
            Event::Key(k) if crash_lever && k.code == event::KeyCode::F(12) => {
                panic!("crash test lever (SYSKIND_CRASH_TEST)")
            }
            Event::Key(k)
                if k.code == event::KeyCode::Char('z') && k.modifiers.contains(event::KeyModifiers::CONTROL) =>
            {
                autosave(&mut app, dir.as_deref(), &mut last_saved, &mut lock);
                suspend(&mut terminal)?;
                changed = true;
                continue;
            }
            Event::Key(k) => Msg::Key(k),
            Event::Mouse(m) => Msg::Mouse(m),
            Event::Paste(text) => Msg::Paste(text),
            Event::Resize(w, h) => Msg::Resize(w, h),
            _ => continue,
        };
        changed = true;
        let mut effect = app.update(msg);
        while let Some(e) = effect.take() {
            match e {
                Effect::Quit => {
                    autosave(&mut app, dir.as_deref(), &mut last_saved, &mut lock);
                    return Ok(app);
                }
                Effect::DiscardSession(id) => {
                    if let Some(d) = &dir {
                        let _ = store::session::discard(&store::session::path_of(d, &id));
                    }
                }
                Effect::EditExternal { field, text } => {
                    let edited = edit_external(&mut terminal, &text);
                    changed = true;
                    effect = app.update(Msg::Edited(field, edited));
                }
                Effect::AdrUpdate { record, adr } => {
                    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                    let file = store::adr_write::adr_of_record(&record, &adr);
                    let number = |file: &Path| {
                        file.file_name()
                            .map(|n| n.to_string_lossy().chars().take_while(char::is_ascii_digit).collect::<String>())
                            .and_then(|d| d.parse::<u32>().ok())
                    };
                    let result = match file {
                        Err(why) => Err(why),
                        Ok(file) if number(&file).is_none() => Err(format!("{adr}: not a numbered ADR file")),
                        Ok(file) => {
                            let n = number(&file).unwrap_or_default();
                            let req = store::adr_write::AdrRequest {
                                dir: file.parent().map(Path::to_path_buf),
                                cwd: cwd.clone(),
                                ..store::adr_write::AdrRequest::for_record(record)
                            };
                            store::adr_write::update_adr(&req, n, app.questionnaire())
                                .map(|p| PathBuf::from(store::adr_write::relative(&cwd, &p)))
                                .map_err(|e| e.to_string())
                        }
                    };
                    effect = app.update(Msg::AdrWritten(result));
                }
                Effect::Adr { record, format, force, init } => {
                    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                    if let Some(dir) = &init {
                        // As `adr init` would: the folder, and for adr-tools' layout its first record.
                        let made = match format {
                            Some(crate::core::adr::Format::Nygard) | None => {
                                store::adr::init(&repo_root(&cwd), None, &crate::core::record::today()).map(|_| ())
                            }
                            Some(_) => store::adr::ensure_dir(dir),
                        };
                        if let Err(e) = made {
                            effect = app.update(Msg::AdrWritten(Err(e.to_string())));
                            continue;
                        }
                    }
                    let req = store::adr_write::AdrRequest {
                        format,
                        force,
                        cwd,
                        ..store::adr_write::AdrRequest::for_record(record)
                    };
                    let cwd = req.cwd.clone();
                    let record = req.record.clone();
                    let msg = match store::adr_write::write_adr(&req, app.questionnaire()) {
                        Ok(p) => Msg::AdrWritten(Ok(PathBuf::from(store::adr_write::relative(&cwd, &p)))),
                        Err(e @ store::adr_write::AdrError::Mixed { .. }) => {
                            Msg::AdrAsk(AdrAsk::Mixed { record, format, text: e.to_string() })
                        }
                        Err(store::adr_write::AdrError::NoFolder(dir)) => {
                            Msg::AdrAsk(AdrAsk::NoFolder { record, format, dir })
                        }
                        Err(e) => Msg::AdrWritten(Err(e.to_string())),
                    };
                    effect = app.update(msg);
                }
                Effect::Export { path, text, overwrite } => {
                    let msg = if !overwrite && path.exists() && !path.is_dir() {
                        Msg::ExportExists(path)
                    } else {
                        match store::write_atomic(&path, &text, overwrite) {
                            Ok(()) => Msg::Exported(Ok(path)),
                            Err(e) => Msg::Exported(Err(e.message)),
                        }
                    };
                    effect = app.update(msg);
                }
            }
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
