//! Starting the interactive faces: the wizard or the line mode (chosen by the terminal), and `syskind sessions`. Loads what they start from, offers unfinished sessions, and after
//! they end says where unexported answers are kept.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::args::{SessionsCommand, WizardArgs};
use crate::core::answers::Answers;
use crate::core::questionnaire::Questionnaire;
use crate::core::record::{Record, parse_record, record_answers, today};
use crate::failure::Failure;
use crate::store::catalogue::load_questionnaire;
use crate::store::who::user;
use crate::store::{self, session};
use crate::tui::{Msg, Setup};

/// `decisions/` at the repository root, relative to the current folder (it is shown to people).
fn decisions_dir() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let dir = crate::store::repo_root(&cwd).join("decisions");
    pathdiff::diff_paths(&dir, &cwd).unwrap_or(dir)
}

/// What a full-screen face starts with from outside: date, where records go, who, and the session.
pub(super) fn context(
    sessions_dir: Option<PathBuf>,
    session_id: String,
    session_started: String,
) -> crate::tui::Context {
    let decisions = decisions_dir();
    crate::tui::Context {
        today: today(),
        next_number: crate::store::adr::next_number(&decisions).unwrap_or(u32::MAX),
        decisions_dir: decisions,
        size: (80, 24),
        user: user(),
        sessions_dir,
        session_id,
        session_started,
    }
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

pub(super) fn theme(w: &WizardArgs) -> Result<crate::tui::theme::Theme, Failure> {
    if no_color() {
        Ok(crate::tui::theme::Theme::monochrome())
    } else {
        crate::tui::theme::Theme::load(w.theme.as_deref()).map_err(Failure::Usage)
    }
}

/// Whether this terminal can host the full-screen wizard.
pub(super) fn full_screen(w: &WizardArgs) -> bool {
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    !w.plain && !dumb && std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// What a session starts from.
pub(super) struct Start {
    pub(super) q: Questionnaire,
    pub(super) answers: Option<Answers>,
    pub(super) original: Option<Record>,
    pub(super) resume_path: Option<PathBuf>,
    /// A saved session being continued (its id, start time and metadata).
    pub(super) session: Option<session::SessionFile>,
    /// Title (and other metadata) to start a new record with.
    pub(super) meta: Option<crate::core::record::Meta>,
}

impl Start {
    /// A new session on `q` (not a resume), from these answers and metadata.
    pub(super) fn fresh(q: Questionnaire, answers: Option<Answers>, meta: crate::core::record::Meta) -> Start {
        Start { q, answers, original: None, resume_path: None, session: None, meta: Some(meta) }
    }
}

pub(super) fn start_from(w: &WizardArgs) -> Result<Start, Failure> {
    if let Some(path) = &w.resume {
        let name = path.display().to_string();
        let text = store::read_text(path)?;
        let record = parse_record(&name, &text)?;
        let q = crate::store::catalogue::questionnaire_for_record(w.questionnaire.as_deref(), &record)?;
        let answers = record_answers(&name, &text, &record, &q)?;
        return Ok(Start {
            q,
            answers: Some(answers),
            original: Some(record),
            resume_path: Some(path.clone()),
            session: None,
            meta: None,
        });
    }
    let q = load_questionnaire(w.questionnaire.as_deref())?;
    let answers = match &w.answers {
        Some(p) => Some(crate::cli::commands::gather_answers(&q, Some(p), &[])?),
        None => None,
    };
    Ok(Start { q, answers, original: None, resume_path: None, session: None, meta: None })
}

/// The interactive faces: the full-screen wizard, or the line mode where a full screen cannot work.
/// Returns a system file the user chose to open at the start (the composition root opens it).
pub fn interactive(w: &WizardArgs) -> Result<Option<PathBuf>, Failure> {
    let start = start_from(w)?;
    run(w, start, true).map(|ended| ended.open_system)
}

/// How a wizard or line-mode session ended.
pub(super) struct SessionEnd {
    /// The record written, if one was exported.
    pub(super) exported: Option<PathBuf>,
    /// A system file the user chose to open instead (offered at the start of a fresh wizard).
    pub(super) open_system: Option<PathBuf>,
}

/// The repository whose system files a fresh wizard offers (looked for after its first frame).
fn repository_here() -> Option<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let root = store::repo_root(&cwd);
    // Only inside a repository: elsewhere (a home folder, /tmp) there is nothing to offer and much to walk.
    root.join(".git").exists().then_some(root)
}

/// Runs the chosen face; `offer` lets it propose the newest unfinished session for this questionnaire.
/// Returns the record written, if the full-screen wizard exported one.
pub(super) fn run(w: &WizardArgs, start: Start, offer: bool) -> Result<SessionEnd, Failure> {
    let dir = session::dir();
    let fresh = start.answers.is_none() && start.session.is_none();
    let offered = if offer && fresh { session::latest_for(&dir, &start.q) } else { None };
    let (id, started) = match &start.session {
        Some(s) => (s.id.clone(), s.started.clone()),
        None => (session::new_id(&start.q), session::now()),
    };
    if !full_screen(w) {
        let opts = crate::plain::PlainOptions {
            title: w.title.clone(),
            output: w.output.clone().or(start.resume_path),
            color: !no_color() && std::io::stderr().is_terminal(),
            decisions_dir: decisions_dir(),
            meta: start
                .original
                .as_ref()
                .map(Record::meta)
                .or_else(|| start.session.as_ref().and_then(|s| s.restore(&start.q).ok()).map(|(_, m, _)| m)),
            original: start.original,
            user: user(),
            session: Some(crate::plain::SessionPlace { dir, id, started, offered }),
        };
        let answers = start.answers.unwrap_or_else(|| Answers::empty(&start.q));
        return crate::plain::run(&start.q, answers, &opts).map(|_| SessionEnd { exported: None, open_system: None });
    }
    let ctx = context(Some(dir.clone()), id, started);
    let meta = start.original.as_ref().map(Record::meta).or(start.meta);
    let mut app = crate::tui::App::new(start.q, start.answers, meta, ctx, theme(w)?);
    // The start is told to the wizard as messages: its state changes only in `update`.
    let mut setup = vec![Setup::Hyperlinks(crate::tui::links::wanted())];
    if let Some(spec) = w.questionnaire.as_ref().filter(|s| !crate::store::catalogue::is_built_in(s)) {
        setup.push(Setup::QuestionnaireFile(spec.clone()));
    }
    if let Some(r) = start.original {
        setup.push(Setup::Revise(Box::new(r)));
    }
    if let Some(p) = start.resume_path {
        setup.push(Setup::SaveTo(p));
    }
    if let Some(s) = start.session {
        setup.push(Setup::Continue(Box::new(s)));
    } else if let Some(s) = offered {
        let others = session::unfinished_here(&session::dir(), &app.q, &session::current_repo())
            .into_iter()
            .filter(|o| o.id != s.id)
            .map(|o| {
                format!(
                    "{} · {} answer(s) · {}",
                    crate::core::text::safe(&o.id),
                    o.answered(),
                    crate::core::text::safe(&o.about())
                )
            })
            .collect();
        setup.push(Setup::Offer(Box::new(s), others));
    } else if offer && fresh && w.resume.is_none() {
        // The start offers the systems of this repository (opening one shows its parts and calls).
        if let Some(root) = repository_here() {
            setup.push(Setup::LookForSystems(root));
        }
    }
    for s in setup {
        crate::tui::update(&mut app, Msg::Setup(s));
    }
    let (app, ended) = crate::tui::run(app).map_err(|e| Failure::Usage(format!("the terminal failed: {e}")))?;
    if let crate::tui::Ended::Hand(crate::effect::Handoff::OpenSystem(system)) = ended {
        return Ok(SessionEnd { exported: None, open_system: Some(system) });
    }
    after_wizard(&app, &dir)
}

/// After the wizard: says what was written, and where unexported answers are kept (or drops a
/// session that holds nothing new).
fn after_wizard(app: &crate::tui::App, dir: &std::path::Path) -> Result<SessionEnd, Failure> {
    if let Some(p) = &app.exported {
        println!("Wrote {}", p.display());
    }
    let path = session::path_of(dir, &app.ctx.session_id);
    if app.dirty {
        if path.exists() {
            eprintln!(
                "Your answers are not exported yet; they are kept in session {} ({}).\nResume: syskind sessions resume {} — or just run syskind again.",
                app.ctx.session_id,
                path.display(),
                app.ctx.session_id
            );
        }
    } else {
        let _ = session::discard(&path);
    }
    match app.interrupted {
        Some(sig) => Err(Failure::Interrupted(sig)),
        None => Ok(SessionEnd { exported: app.exported.clone(), open_system: None }),
    }
}

/// `syskind sessions list | resume ID | discard ID`.
pub fn sessions(w: &WizardArgs, c: &SessionsCommand) -> Result<(), Failure> {
    let dir = session::dir();
    match c {
        SessionsCommand::List => {
            let all = session::list(&dir);
            if all.is_empty() {
                println!("No unfinished sessions in {}.", dir.display());
            }
            if !all.is_empty() {
                println!("ID\tQUESTIONNAIRE\tLAST CHANGE\tANSWERS\tABOUT");
            }
            for (path, s) in all {
                match s {
                    Ok(s) => println!(
                        "{}\t{}\t{}\t{} answer(s)\t{}",
                        crate::core::text::safe(&s.id),
                        crate::core::text::safe(&s.questionnaire),
                        s.last_change(),
                        s.answered(),
                        crate::core::text::safe(&s.about())
                    ),
                    Err(why) => println!(
                        "{}\tunreadable: {}",
                        crate::core::text::safe(&path.display().to_string()),
                        crate::core::text::safe(&why)
                    ),
                }
            }
            Ok(())
        }
        SessionsCommand::Discard { id } => {
            let (path, s) = session::find(&dir, id).map_err(Failure::Usage)?;
            session::discard(&path)?;
            println!("Discarded session {} ({} answer(s)).", s.id, s.answered());
            Ok(())
        }
        SessionsCommand::Resume { id } => {
            let (_, s) = session::find(&dir, id).map_err(Failure::Usage)?;
            let spec = w.questionnaire.clone().unwrap_or_else(|| s.questionnaire.clone());
            let q = load_questionnaire(Some(&spec))?;
            if q.digest != s.digest {
                eprintln!(
                    "note: questionnaire `{}` changed since this session was saved; answers to questions it no longer has are refused.",
                    q.id
                );
            }
            let (answers, _, _) = s.restore(&q).map_err(Failure::Usage)?;
            let start =
                Start { q, answers: Some(answers), original: None, resume_path: None, session: Some(s), meta: None };
            run(w, start, false).map(|_| ())
        }
    }
}
