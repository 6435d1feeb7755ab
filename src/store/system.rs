//! Loading a system file: its parts' records are read relative to the system file, and the
//! questionnaire is the one the command line names, else the one the records name.

use std::path::{Path, PathBuf};

use super::catalogue;
use crate::core::questionnaire::Questionnaire;
use crate::core::system::load::Unavailable;
use crate::core::system::{self, System};
use crate::failure::Failure;

/// A loaded system: the file, its text, the questionnaire its parts answer, the checked system.
pub struct Loaded {
    /// The system file.
    pub path: PathBuf,
    /// Its text (kept for edits that preserve comments).
    pub text: String,
    /// The questionnaire of its parts.
    pub q: Questionnaire,
    /// The parts, classified, and the calls.
    pub system: System,
}

/// Reads, resolves and classifies a system file.
/// `questionnaire` is the one named on the command line, if any (it wins over the file's own).
pub fn load(questionnaire: Option<&str>, path: &Path) -> Result<Loaded, Failure> {
    let name = path.display().to_string();
    let text = super::files::read_text_up_to(path, system::load::MAX_SYSTEM_BYTES)?;
    let raw = system::parse_system(&name, &text)?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let read = |rel: &str| super::read_text(&base.join(rel)).map_err(|e| Unavailable(e.message));
    let chosen = std::cell::RefCell::new(None);
    let choose = |spec: Option<&str>, first: Option<&crate::core::record::QuestionnaireRef>| {
        let q = match (questionnaire.or(spec), first) {
            (Some(s), _) => catalogue::load_questionnaire(Some(s)).map_err(|e| Unavailable(describe(&e)))?,
            (None, Some(r)) => match catalogue::built_in(&r.id, &r.version) {
                Some(q) => q,
                None => {
                    return Err(Unavailable(format!(
                        "the records answer questionnaire `{}` {}, which is not built in; name it in [system] questionnaire",
                        r.id, r.version
                    )));
                }
            },
            (None, None) => catalogue::load_questionnaire(None).map_err(|e| Unavailable(describe(&e)))?,
        };
        *chosen.borrow_mut() = Some(q.clone());
        Ok(q)
    };
    let system = system::resolve(&name, &text, raw, &read, &choose)?;
    let q = chosen.into_inner().unwrap_or_else(crate::core::questionnaire::default_questionnaire);
    Ok(Loaded { path: path.to_path_buf(), text, q, system })
}

fn describe(e: &Failure) -> String {
    match e {
        Failure::Usage(m) => m.clone(),
        Failure::Store(s) => s.to_string(),
        Failure::File(r) => r.short().trim_end().to_string(),
        _ => "cannot load the questionnaire".into(),
    }
}
