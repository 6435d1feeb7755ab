//! The one effect runner: every face's file writes, ADRs and editor runs go through [`run`].

use std::path::{Path, PathBuf};

use super::{AdrAsk, Effect, Outcome};
use crate::core::adr::Format;
use crate::core::questionnaire::Questionnaire;
use crate::store;
use crate::store::adr_write::{AdrError, AdrRequest};

/// What the runner needs from the face that asks.
pub struct Env<'a> {
    /// The questionnaire the screen walks (ADRs render its prompts).
    pub q: &'a Questionnaire,
    /// Where sessions are saved, if the screen keeps one.
    pub sessions_dir: Option<&'a Path>,
    /// Runs the user's editor on a text (the full screen gives the terminal back meanwhile).
    pub edit: &'a mut dyn FnMut(&str) -> Result<String, String>,
}

/// Does `effect` and says how it went.
pub fn run(effect: Effect, env: &mut Env) -> Outcome {
    match effect {
        Effect::Quit => Outcome::Quit,
        Effect::Hand(h) => Outcome::Hand(h),
        Effect::DiscardSession(id) => {
            if let Some(d) = env.sessions_dir {
                let _ = store::session::discard(&store::session::path_of(d, &id));
            }
            Outcome::Done
        }
        Effect::EditExternal { target, text } => Outcome::Edited(target, (env.edit)(&text)),
        Effect::Export { path, text, overwrite } => export(path, &text, overwrite),
        Effect::AdrUpdate { record, adr } => Outcome::AdrWritten(adr_update(record, &adr, env.q)),
        Effect::Adr { record, format, force, init } => adr(record, format, force, init, env.q),
        Effect::FindSystems(root) => {
            let here = cwd();
            let found = store::find_systems(&root);
            Outcome::Systems(found.into_iter().map(|p| pathdiff::diff_paths(&p, &here).unwrap_or(p)).collect())
        }
    }
}

fn export(path: PathBuf, text: &str, overwrite: bool) -> Outcome {
    if !overwrite && path.exists() && !path.is_dir() {
        return Outcome::ExportExists(path);
    }
    match store::write_atomic(&path, text, overwrite) {
        Ok(()) => Outcome::Exported(Ok(path)),
        Err(e) => Outcome::Exported(Err(e.message)),
    }
}

fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// The number an ADR file name starts with.
fn number(file: &Path) -> Option<u32> {
    file.file_name()
        .map(|n| n.to_string_lossy().chars().take_while(char::is_ascii_digit).collect::<String>())
        .and_then(|d| d.parse::<u32>().ok())
}

fn adr_update(record: PathBuf, adr: &str, q: &Questionnaire) -> Result<PathBuf, String> {
    let file = store::adr_write::adr_of_record(&record, adr)?;
    let Some(n) = number(&file) else { return Err(format!("{adr}: not a numbered ADR file")) };
    let cwd = cwd();
    let req =
        AdrRequest { dir: file.parent().map(Path::to_path_buf), cwd: cwd.clone(), ..AdrRequest::for_record(record) };
    store::adr_write::update_adr(&req, n, q)
        .map(|p| PathBuf::from(store::adr_write::relative(&cwd, &p)))
        .map_err(|e| e.to_string())
}

fn adr(record: PathBuf, format: Option<Format>, force: bool, init: Option<PathBuf>, q: &Questionnaire) -> Outcome {
    let cwd = cwd();
    if let Some(dir) = &init {
        // As `adr init` would: the folder, and for adr-tools' layout its first record.
        let made = match format {
            Some(Format::Nygard) | None => {
                store::adr::init(&store::repo_root(&cwd), None, &crate::core::record::today()).map(|_| ())
            }
            Some(_) => store::adr::ensure_dir(dir),
        };
        if let Err(e) = made {
            return Outcome::AdrWritten(Err(e.to_string()));
        }
    }
    let req = AdrRequest { format, force, cwd: cwd.clone(), ..AdrRequest::for_record(record.clone()) };
    match store::adr_write::write_adr(&req, q) {
        Ok(p) => Outcome::AdrWritten(Ok(PathBuf::from(store::adr_write::relative(&cwd, &p)))),
        Err(e @ AdrError::Mixed { .. }) => Outcome::AdrAsk(AdrAsk::Mixed { record, format, text: e.to_string() }),
        Err(AdrError::NoFolder(dir)) => Outcome::AdrAsk(AdrAsk::NoFolder { record, format, dir }),
        Err(e) => Outcome::AdrWritten(Err(e.to_string())),
    }
}
