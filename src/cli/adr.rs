//! `syskind adr new | init`: ADR files from decision records (the work is in `store::adr_write`).

use std::path::{Path, PathBuf};

use super::args::{AdrFormatArg, AdrNewArgs, WizardArgs};
use crate::core::adr::Format;
use crate::core::record::{parse_record, today};
use crate::failure::Failure;
use crate::store;
use crate::store::adr_write::{AdrError, AdrRequest, write_adr};

impl From<AdrError> for Failure {
    fn from(e: AdrError) -> Self {
        match e {
            AdrError::Store(s) => Failure::Store(s),
            AdrError::Record(r) => Failure::File(r),
            AdrError::Stale(_) => {
                eprintln!("error: {}", crate::core::text::safe(&e.to_string()));
                Failure::CheckFailed
            }
            other => Failure::Usage(other.to_string()),
        }
    }
}

/// `syskind adr new`; prints and returns the ADR written.
pub fn new(w: &WizardArgs, a: &AdrNewArgs) -> Result<PathBuf, Failure> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let format = a.format.map(|f| match f {
        AdrFormatArg::Nygard => Format::Nygard,
        AdrFormatArg::Madr => Format::Madr,
        AdrFormatArg::Madr2 => Format::Madr2,
    });
    let template = match &a.template {
        Some(t) => Some(store::read_text(t)?),
        None => None,
    };
    if let Some(sys) = &a.from_system {
        let l = crate::store::system::load(w.questionnaire.as_deref(), sys)?;
        let q = format!("{} {}", l.q.id, l.q.version);
        let path = crate::store::adr_write::write_system_adr(crate::store::adr_write::SystemAdrRequest {
            system_file: sys,
            system: &l.system,
            questionnaire: q,
            format: format.unwrap_or_default(),
            dir: a.dir.as_deref(),
            template,
            cwd: &cwd,
            date: crate::core::record::today(),
        })?;
        println!("{}", crate::store::adr_write::relative(&cwd, &path));
        return Ok(path);
    }
    let Some(from) = &a.from else {
        return Err(Failure::Usage("name the record to write up: --from RECORD (or --from-system FILE)".into()));
    };
    // The questionnaire named in the record (or --questionnaire) gives the prompts for the ADR.
    let text = store::read_text(from)?;
    let record = parse_record(&from.display().to_string(), &text)?;
    let q = crate::store::catalogue::questionnaire_for_record(w.questionnaire.as_deref(), &record)?;
    let req = AdrRequest {
        format,
        force: a.force,
        rederive: a.rederive,
        dir: a.dir.clone(),
        supersedes: a.supersedes.clone(),
        links: a.links.clone(),
        template,
        cwd,
        ..AdrRequest::for_record(from.clone())
    };
    let cwd = req.cwd.clone();
    let path = write_adr(&req, &q)?;
    println!("{}", crate::store::adr_write::relative(&cwd, &path));
    Ok(path)
}

/// `syskind adr update NUMBER --from RECORD`.
pub fn update(w: &WizardArgs, number: u32, from: &Path, dir: Option<PathBuf>, rederive: bool) -> Result<(), Failure> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let text = store::read_text(from)?;
    let record = parse_record(&from.display().to_string(), &text)?;
    let q = crate::store::catalogue::questionnaire_for_record(w.questionnaire.as_deref(), &record)?;
    let req = AdrRequest { rederive, dir, cwd: cwd.clone(), ..AdrRequest::for_record(from.to_path_buf()) };
    let path = crate::store::adr_write::update_adr(&req, number, &q)?;
    println!("{}", crate::store::adr_write::relative(&cwd, &path));
    Ok(())
}

/// `syskind adr init [DIR]`.
pub fn init(dir: Option<&Path>) -> Result<(), Failure> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let path = store::adr::init(&cwd, dir, &today())?;
    println!("{}", path.display());
    Ok(())
}
