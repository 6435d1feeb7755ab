//! Writing an ADR from a decision record: find the folder, check every link target, render, take the
//! next number, then edit the linked ADRs and point the record at its ADR. Everything is read and
//! checked before the first write, so a failure leaves nothing half-written. Shared by `syskind adr new`
//! and the wizard's export screen.

use std::fmt;
use std::path::{Path, PathBuf};

use super::adr as adr_dir;
use super::files::{StoreError, read_text, write_atomic};
use crate::core::adr::{self, Format, Placement, links};
use crate::core::diagnostics::Report;
use crate::core::questionnaire::Questionnaire;
use crate::core::record::{parse_record, record_answers};
use crate::core::slug::slug;

/// What to write.
#[derive(Debug, Clone, Default)]
pub struct AdrRequest {
    /// The decision record.
    pub record: PathBuf,
    /// Layout (ignored when `template` is given).
    pub format: Format,
    /// ADR folder; found from `cwd` when `None`.
    pub dir: Option<PathBuf>,
    /// Numbers of ADRs this one supersedes.
    pub supersedes: Vec<u32>,
    /// Links as `N:LINK:REVERSE`.
    pub links: Vec<String>,
    /// A template file's text, instead of the built-in one.
    pub template: Option<String>,
    /// Folder paths are resolved from.
    pub cwd: PathBuf,
}

/// Why no ADR was written.
#[derive(Debug)]
pub enum AdrError {
    /// A file could not be read or written.
    Store(StoreError),
    /// The record is broken.
    Record(Box<Report>),
    /// The request itself is wrong (no folder, a missing ADR number, a bad link).
    Usage(String),
}

impl fmt::Display for AdrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdrError::Store(e) => write!(f, "{e}"),
            AdrError::Record(r) => f.write_str(r.short().trim_end()),
            AdrError::Usage(m) => f.write_str(m),
        }
    }
}

impl From<StoreError> for AdrError {
    fn from(e: StoreError) -> Self {
        AdrError::Store(e)
    }
}

impl From<Report> for AdrError {
    fn from(r: Report) -> Self {
        AdrError::Record(Box::new(r))
    }
}

/// One link to add to an existing ADR.
struct LinkPlan {
    target: PathBuf,
    forward: String,
    reverse: String,
    supersede: bool,
}

/// `to` relative to the folder `from_dir`, for Markdown links and messages.
pub fn relative(from_dir: &Path, to: &Path) -> String {
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    pathdiff::diff_paths(abs(to), abs(from_dir)).unwrap_or_else(|| to.to_path_buf()).display().to_string()
}

/// Writes the ADR; returns its path.
pub fn write_adr(req: &AdrRequest, q: &Questionnaire) -> Result<PathBuf, AdrError> {
    let usage = |m: String| AdrError::Usage(m);
    let record_file = req.cwd.join(&req.record);
    let name = req.record.display().to_string();
    let text = read_text(&record_file)?;
    let mut record = parse_record(&name, &text)?;
    record_answers(&name, &text, &record, q)?;

    let dir = match &req.dir {
        Some(d) => req.cwd.join(d),
        None => adr_dir::find_dir(&req.cwd).ok_or_else(|| {
            usage(
                "no ADR folder found (no .adr-dir, doc/adr, docs/adr or docs/decisions here or above); \
                 create one with `syskind adr init [DIR]` or name it with --dir DIR"
                    .into(),
            )
        })?,
    };
    if dir.exists() && !dir.is_dir() {
        return Err(usage(format!(
            "{}: is a file, not a folder; point --dir (or .adr-dir) at a folder",
            dir.display()
        )));
    }
    let template = req.template.clone().unwrap_or_else(|| req.format.template().to_string());

    let mut plans = Vec::new();
    for n in &req.supersedes {
        let target = adr_dir::by_number(&dir, *n)
            .ok_or_else(|| usage(format!("--supersedes {n}: there is no ADR number {n} in {}", dir.display())))?;
        plans.push(LinkPlan { target, forward: "Supersedes".into(), reverse: "Superseded by".into(), supersede: true });
    }
    for l in &req.links {
        let parts: Vec<&str> = l.splitn(3, ':').collect();
        let (Some(n), Some(fwd), Some(rev)) = (parts.first(), parts.get(1), parts.get(2)) else {
            return Err(usage(format!("--link {l:?}: write it as N:LINK:REVERSE, e.g. \"3:Amends:Amended by\"")));
        };
        let n: u32 = n.trim().parse().map_err(|_| usage(format!("--link {l:?}: `{n}` is not an ADR number")))?;
        let target = adr_dir::by_number(&dir, n)
            .ok_or_else(|| usage(format!("--link {l:?}: there is no ADR number {n} in {}", dir.display())))?;
        plans.push(LinkPlan { target, forward: fwd.trim().into(), reverse: rev.trim().into(), supersede: false });
    }
    // Read every file to be edited now, so a missing or unreadable one stops us before any write.
    let mut olds = Vec::new();
    for p in &plans {
        olds.push(read_text(&p.target)?);
    }

    let record_link = relative(&dir, &record_file);
    let record_path = relative(&req.cwd, &record_file);
    let status_links: Vec<String> = plans
        .iter()
        .zip(&olds)
        .map(|(p, old)| {
            let file = p.target.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
            format!("{} [{}]({file})", p.forward, links::title_of(old))
        })
        .collect();
    let title = record.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let file_slug = slug(&title);
    let (number, path) = adr_dir::write_new(
        &dir,
        |n| format!("{n:04}-{file_slug}.md"),
        |n| {
            let place = Placement {
                number: n,
                record_path: record_path.clone(),
                record_link: record_link.clone(),
                links: status_links.clone(),
            };
            adr::render(&record, q, &place, &template)
        },
    )?;

    let new_file = path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
    let new_title = format!("{number}. {title}");
    for (p, old) in plans.iter().zip(olds) {
        let mut edited = links::add_link(&old, &p.reverse, &new_title, &new_file);
        if p.supersede {
            edited = if links::is_madr(&edited) {
                links::set_madr_status(&edited, &format!("superseded by [{new_title}]({new_file})"))
            } else {
                links::remove_status(&edited, "Accepted")
            };
        }
        write_atomic(&p.target, &edited, true)?;
    }

    record.adr = relative(record_file.parent().unwrap_or(Path::new(".")), &path);
    write_atomic(&record_file, &record.to_toml(), true)?;
    Ok(path)
}

/// What to write for a system of parts.
pub struct SystemAdrRequest<'a> {
    /// The system file (record parts link to their records, relative to it).
    pub system_file: &'a Path,
    /// The loaded system.
    pub system: &'a crate::core::system::System,
    /// Questionnaire id and version, as shown.
    pub questionnaire: String,
    /// Layout (ignored when `template` is given).
    pub format: Format,
    /// ADR folder; found from `cwd` when `None`.
    pub dir: Option<&'a Path>,
    /// A template file's text, instead of the built-in one.
    pub template: Option<String>,
    /// Folder paths are resolved from.
    pub cwd: &'a Path,
    /// Today, `YYYY-MM-DD`.
    pub date: String,
}

/// Writes the ADR for a system of parts into the ADR folder; returns its path.
pub fn write_system_adr(req: SystemAdrRequest) -> Result<PathBuf, AdrError> {
    let SystemAdrRequest { system_file, system: loaded, questionnaire, format, dir, template, cwd, date } = req;
    use crate::core::adr::system::{self as sys_adr, SystemPlacement};
    use crate::core::system::Source;
    let dir = match dir {
        Some(d) => cwd.join(d),
        None => adr_dir::find_dir(cwd).ok_or_else(|| {
            AdrError::Usage(
                "no ADR folder found (no .adr-dir, doc/adr, docs/adr or docs/decisions here or above); \
                 create one with `syskind adr init [DIR]` or name it with --dir DIR"
                    .into(),
            )
        })?,
    };
    let findings = crate::core::system::check(loaded);
    let base = system_file.parent().unwrap_or(Path::new("."));
    let record_links = loaded
        .parts
        .iter()
        .map(|p| match &p.source {
            Source::Record(r) => {
                let file = base.join(r);
                Some((relative(cwd, &file), relative(&dir, &file)))
            }
            Source::Inline => None,
        })
        .collect();
    let template = template.unwrap_or_else(|| sys_adr::template(format).to_string());
    let title = sys_adr::title(loaded);
    let file_slug = slug(&title);
    let (_, path) = adr_dir::write_new(
        &dir,
        |n| format!("{n:04}-{file_slug}.md"),
        |n| {
            let place = SystemPlacement {
                number: n,
                date: date.to_string(),
                system_path: relative(cwd, system_file),
                system_link: relative(&dir, system_file),
                record_links: Vec::clone(&record_links),
                questionnaire: questionnaire.to_string(),
            };
            sys_adr::render(loaded, &findings, &place, &template)
        },
    )?;
    Ok(path)
}
