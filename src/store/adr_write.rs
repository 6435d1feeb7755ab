//! Writing an ADR from a decision record: find the folder, check every link target, render, take the
//! next number, then edit the linked ADRs and point the record at its ADR. Everything is read and
//! checked before the first write, so a failure leaves nothing half-written. Shared by `syskind adr new`
//! and the wizard's export screen.

use std::fmt;
use std::path::{Path, PathBuf};

use super::files::{StoreError, read_text, write_atomic};
use crate::core::adr::layout::{self, Layout, Target};
use crate::core::adr::{self, Format, Placement, links};
use crate::core::diagnostics::Report;
use crate::core::questionnaire::Questionnaire;
use crate::core::record::{Record, check_against, parse_record, record_answers};
use crate::core::slug::slug;

/// What to write. Built with [`AdrRequest::for_record`] (then `..` for the rest), the one place
/// that says where "today" and "who" come from.
#[derive(Debug, Clone)]
pub struct AdrRequest {
    /// The decision record.
    pub record: PathBuf,
    /// Layout; `None`: the layout the folder's ADRs already use (Nygard for an empty folder).
    /// Ignored when `template` is given.
    pub format: Option<Format>,
    /// Write a layout other than the folder's (a mixed folder breaks the other layout's tools).
    pub force: bool,
    /// Write the ADR from the verdict the answers give now when the record's stored one is stale.
    pub rederive: bool,
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
    /// Today (the local date, as adr-tools writes it), `YYYY-MM-DD`.
    pub today: String,
    /// Who writes (for a revision entry when `rederive` rewrites the record).
    pub who: String,
}

impl AdrRequest {
    /// A request for `record` with every option at its default, the current folder, today's local
    /// date and who is at the keyboard ([`super::who::user`]: git's `user.name`, then `$USER`).
    pub fn for_record(record: PathBuf) -> AdrRequest {
        AdrRequest {
            record,
            format: None,
            force: false,
            rederive: false,
            dir: None,
            supersedes: Vec::new(),
            links: Vec::new(),
            template: None,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            today: crate::core::record::today(),
            who: super::who::user(),
        }
    }
}

/// A refused request, in words (whatever the reason's own type).
fn usage(e: impl fmt::Display) -> AdrError {
    AdrError::Usage(e.to_string())
}

/// Why no ADR was written.
#[derive(Debug)]
pub enum AdrError {
    /// A file could not be read or written.
    Store(StoreError),
    /// The record is broken.
    Record(Box<Report>),
    /// The request itself is wrong (no folder, a missing ADR number, a bad link, a file of no layout).
    Usage(String),
    /// The folder holds ADRs of another layout; writing this one needs `force` (or the user's yes).
    Mixed {
        /// The folder's layout.
        folder: Layout,
        /// The layout asked for.
        asked: Layout,
        /// The folder.
        dir: PathBuf,
    },
    /// No ADR folder was found; `adr init` (or the user's yes) would create this one.
    NoFolder(PathBuf),
    /// The record's stored verdict no longer matches its answers (exit 1): the ADR would be wrong.
    Stale(Vec<String>),
}

impl fmt::Display for AdrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdrError::Store(e) => write!(f, "{e}"),
            AdrError::Record(r) => f.write_str(r.short().trim_end()),
            AdrError::Usage(m) => f.write_str(m),
            AdrError::Mixed { folder, asked, dir } => write!(
                f,
                "{} holds {} ADRs; writing {} there breaks the tools that read the folder's layout (adr-tools' toc, graph and link read only `## Status` files; log4brains and pyadr only bullets). Use --format {}, or --force to mix layouts",
                dir.display(),
                folder.name(),
                asked.name(),
                Format::of_layout(*folder).name()
            ),
            AdrError::NoFolder(d) => write!(
                f,
                "no ADR folder found (no .adr-dir, doc/adr, docs/adr or docs/decisions here or above); create one with `syskind adr init` ({}) or name it with --dir DIR",
                d.display()
            ),
            AdrError::Stale(problems) => write!(
                f,
                "the record is stale: {}; its ADR would state a verdict its answers no longer give. Revise the record (syskind --resume RECORD), or write the ADR from the answers as they are now with --rederive",
                problems.join("; ")
            ),
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
    number: u32,
    forward: String,
    reverse: String,
    supersede: bool,
}

/// `to` relative to the folder `from_dir`, for Markdown links and messages.
pub fn relative(from_dir: &Path, to: &Path) -> String {
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    pathdiff::diff_paths(abs(to), abs(from_dir)).unwrap_or_else(|| to.to_path_buf()).display().to_string()
}

/// The record an ADR is written from, and whether the stored one was stale. A stale record (class,
/// confidence or findings changed) is refused unless `rederive`, then re-derived with a revision
/// entry; otherwise the reasons are still derived afresh (keeping links, history and the ADR path), so
/// an answer edited by hand never leaves the ADR quoting the old one.
fn derive_for_adr(
    req: &AdrRequest,
    q: &Questionnaire,
    record: &Record,
    answers: &crate::core::answers::Answers,
) -> Result<(Record, bool), AdrError> {
    // One derivation serves both the staleness check and the ADR.
    let mut r = Record::new(q, answers, record.meta());
    let mut fresh = r.verdict.clone();
    fresh.findings = r.findings.clone();
    let drift = check_against(record, &fresh, q);
    if !drift.problems.is_empty() {
        if !req.rederive {
            return Err(AdrError::Stale(drift.problems));
        }
        return Ok((r.revising(record, &req.who, &req.today), true));
    }
    r.adr = record.adr.clone();
    r.revisions = record.revisions.clone();
    r.discussion = record.discussion.clone();
    Ok((r, false))
}

/// The layout the folder's ADRs use, from their text.
pub fn folder_layout(dir: &Path) -> Option<Layout> {
    let texts: Vec<String> = super::adr::list(dir).iter().filter_map(|(_, p)| read_text(p).ok()).collect();
    layout::of_folder(texts.iter().map(String::as_str))
}

/// The ADR folder for `req`: `--dir`, or found from `cwd`.
fn adr_folder(dir: Option<&Path>, cwd: &Path) -> Result<PathBuf, AdrError> {
    match dir {
        Some(d) => Ok(cwd.join(d)),
        None => super::adr::find_dir(cwd).ok_or_else(|| AdrError::NoFolder(super::repo_root(cwd).join("doc/adr"))),
    }
}

/// Writes the ADR; returns its path.
pub fn write_adr(req: &AdrRequest, q: &Questionnaire) -> Result<PathBuf, AdrError> {
    let record_file = req.cwd.join(&req.record);
    let name = req.record.display().to_string();
    let text = read_text(&record_file)?;
    let record = parse_record(&name, &text)?;
    let answers = record_answers(&name, &text, &record, q)?;
    let (mut record, stale) = derive_for_adr(req, q, &record, &answers)?;

    let dir = adr_folder(req.dir.as_deref(), &req.cwd)?;
    if dir.exists() && !dir.is_dir() {
        return Err(usage(format!(
            "{}: is a file, not a folder; point --dir (or .adr-dir) at a folder",
            dir.display()
        )));
    }
    let existing = folder_layout(&dir);
    let format = req.format.or(existing.map(Format::of_layout)).unwrap_or_default();
    let new_layout = format.layout();
    if let Some(folder) = existing
        && folder != new_layout
        && !req.force
        && req.template.is_none()
    {
        return Err(AdrError::Mixed { folder, asked: new_layout, dir });
    }
    let template = req.template.clone().unwrap_or_else(|| format.template().to_string());
    // Numbering the new ADR and editing the ones it links to happen under the folder's lock, read to
    // write: concurrent writers linking to the same ADR each keep their link.
    let lock = super::adr::FolderLock::take(&dir)?;
    let plans = link_plans(req, &dir)?;
    let olds = read_linked(&plans)?;
    let record_link = relative(&dir, &record_file);
    let record_path = relative(&req.cwd, &record_file);
    let status_links = status_links(&plans, &olds, new_layout);
    let title = record.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let file_slug = slug(&title);
    let (number, path) = super::adr::write_new_locked(
        &lock,
        &dir,
        |n| format!("{n:04}-{file_slug}.md"),
        |n| {
            let place = Placement {
                number: n,
                record_path: record_path.clone(),
                record_link: record_link.clone(),
                links: status_links.clone(),
            };
            adr::render(&record, q, &place, &template).map_err(|e| e.to_string())
        },
    )?;
    let new_file = path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
    let target = Target { number, title: title.clone(), file: new_file };
    // Point the record at its ADR, changing only that key (the user's comments and layout stay); a
    // record re-derived for the ADR is written whole.
    let adr_rel = relative(record_file.parent().unwrap_or(Path::new(".")), &path);
    let new_text = if stale {
        record.adr = adr_rel;
        record.to_toml()
    } else {
        match crate::core::record::set_adr(&text, &adr_rel) {
            Ok(t) => t,
            Err(e) => {
                roll_back(&[], &path);
                return Err(usage(e));
            }
        }
    };
    finish_links(req, &plans, &olds, &target, &path, &record_file, &new_text)?;
    drop(lock);
    Ok(path)
}

/// What `--supersedes` and `--link` ask for, each ADR named found in the folder.
fn link_plans(req: &AdrRequest, dir: &Path) -> Result<Vec<LinkPlan>, AdrError> {
    let mut plans = Vec::new();
    for n in &req.supersedes {
        let target = super::adr::by_number(dir, *n)
            .ok_or_else(|| usage(format!("--supersedes {n}: there is no ADR number {n} in {}", dir.display())))?;
        plans.push(LinkPlan {
            target,
            number: *n,
            forward: "Supersedes".into(),
            reverse: "Superseded by".into(),
            supersede: true,
        });
    }
    for l in &req.links {
        let parts: Vec<&str> = l.splitn(3, ':').collect();
        let (Some(n), Some(fwd), Some(rev)) = (parts.first(), parts.get(1), parts.get(2)) else {
            return Err(usage(format!("--link {l:?}: write it as N:LINK:REVERSE, e.g. \"3:Amends:Amended by\"")));
        };
        let n: u32 = n.trim().parse().map_err(|_| usage(format!("--link {l:?}: `{n}` is not an ADR number")))?;
        let target = super::adr::by_number(dir, n)
            .ok_or_else(|| usage(format!("--link {l:?}: there is no ADR number {n} in {}", dir.display())))?;
        plans.push(LinkPlan {
            target,
            number: n,
            forward: fwd.trim().into(),
            reverse: rev.trim().into(),
            supersede: false,
        });
    }
    Ok(plans)
}

/// Reads every ADR to be edited now, and refuses one of no known layout, so nothing is half-written
/// and nothing is left unchanged while the command says it succeeded.
fn read_linked(plans: &[LinkPlan]) -> Result<Vec<String>, AdrError> {
    let mut olds = Vec::new();
    for p in plans {
        let old = read_text(&p.target)?;
        if layout::detect(&old).is_none() {
            return Err(usage(format!(
                "{}: is in no ADR layout syskind can edit (no `## Status` section, no `* Status:` bullet, no front matter); edit it by hand or leave out --supersedes/--link {}",
                p.target.display(),
                p.number
            )));
        }
        olds.push(old);
    }
    Ok(olds)
}

/// The new ADR's own link lines ("Supersedes [2. Use X](0002-use-x.md)").
fn status_links(plans: &[LinkPlan], olds: &[String], new_layout: Layout) -> Vec<String> {
    plans
        .iter()
        .zip(olds)
        .map(|(p, old)| {
            let file = p.target.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
            let title = links::title_of(old);
            // Nygard titles carry their number already ("1. Use X"); the link names it one way in both directions.
            let bare = title
                .split_once(". ")
                .filter(|(n, _)| n.parse::<u32>().is_ok())
                .map_or(title.clone(), |(_, t)| t.to_string());
            let target = Target { number: p.number, title: bare, file };
            format!("{} {}", p.forward, target.link(new_layout))
        })
        .collect()
}

/// Writes the back-links and the record's new text after the new ADR. All or nothing: when any of
/// them fails (a full disk, a read-only file) what was written is put back and the new ADR removed,
/// so a rerun does not leave one record with two ADRs.
fn finish_links(
    req: &AdrRequest,
    plans: &[LinkPlan],
    olds: &[String],
    target: &Target,
    new_adr: &Path,
    record_file: &Path,
    record_text: &str,
) -> Result<(), AdrError> {
    let mut done: Vec<(&Path, &str)> = Vec::new();
    let outcome = (|| -> Result<(), AdrError> {
        for (p, old) in plans.iter().zip(olds) {
            let edited = if p.supersede {
                layout::supersede(old, target, &req.today)
            } else {
                layout::link(old, &p.reverse, target)
            }
            .map_err(|why| usage(format!("{}: {why}", p.target.display())))?;
            write_atomic(&p.target, &edited, true)?;
            done.push((&p.target, old));
        }
        write_atomic(record_file, record_text, true)?;
        Ok(())
    })();
    if let Err(e) = outcome {
        roll_back(&done, new_adr);
        return Err(e);
    }
    Ok(())
}

/// Puts back the ADRs edited so far and removes the new one (best effort: the error that made this
/// necessary is the one reported).
fn roll_back(edited: &[(&Path, &str)], new_adr: &Path) {
    for (file, old) in edited.iter().rev() {
        let _ = write_atomic(file, old, true);
    }
    let _ = std::fs::remove_file(new_adr);
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
    use crate::core::adr::system::SystemPlacement;
    use crate::core::system::PartSource;
    let dir = adr_folder(dir, cwd)?;
    let findings = crate::core::system::check(loaded);
    let base = system_file.parent().unwrap_or(Path::new("."));
    let record_links = loaded
        .parts
        .iter()
        .map(|p| match &p.source {
            PartSource::Record(r) => {
                let file = base.join(r);
                Some((relative(cwd, &file), relative(&dir, &file)))
            }
            PartSource::Inline => None,
        })
        .collect();
    let template = template.unwrap_or_else(|| adr::system::template(format).to_string());
    let title = adr::system::title(loaded);
    let file_slug = slug(&title);
    let (_, path) = super::adr::write_new(
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
            adr::system::render(loaded, &findings, &place, &template).map_err(|e| e.to_string())
        },
    )?;
    Ok(path)
}

/// The markers around the parts of an ADR that syskind generates (its templates write them).
const BEGIN: &str = "<!-- syskind:generated begin";
const END: &str = "<!-- syskind:generated end -->";

/// The byte range of the generated part, markers included.
fn generated(text: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find(BEGIN)?;
    let end = text[start..].find(END)? + start + END.len();
    Some(start..end)
}

/// Rewrites the generated part of ADR `number` from a (revised) record, keeping its number, title,
/// status and its history, links, and any text written by hand outside the generated part.
pub fn update_adr(req: &AdrRequest, number: u32, q: &Questionnaire) -> Result<PathBuf, AdrError> {
    let record_file = req.cwd.join(&req.record);
    let name = req.record.display().to_string();
    let text = read_text(&record_file)?;
    let mut record = parse_record(&name, &text)?;
    let answers = record_answers(&name, &text, &record, q)?;
    let (fresh, stale) = derive_for_adr(req, q, &record, &answers)?;
    record = fresh;
    let dir = adr_folder(req.dir.as_deref(), &req.cwd)?;
    let _lock = super::adr::FolderLock::take(&dir)?;
    let path = super::adr::by_number(&dir, number)
        .ok_or_else(|| usage(format!("there is no ADR number {number} in {}", dir.display())))?;
    let old = read_text(&path)?;
    let Some(layout) = layout::detect(&old) else {
        return Err(usage(format!("{}: is in no ADR layout syskind can edit", path.display())));
    };
    let Some(old_part) = generated(&old) else {
        return Err(usage(format!(
            "{}: has no generated-part markers (`{BEGIN} …` / `{END}`), so syskind cannot tell its text from yours; \
             write a new ADR that supersedes it instead: syskind adr new --from {} --supersedes {number}",
            path.display(),
            req.record.display()
        )));
    };
    let template = req.template.clone().unwrap_or_else(|| Format::of_layout(layout).template().to_string());
    let place = Placement {
        number,
        record_path: relative(&req.cwd, &record_file),
        record_link: relative(&dir, &record_file),
        links: Vec::new(),
    };
    let fresh = adr::render(&record, q, &place, &template).map_err(usage)?;
    let Some(new_part) = generated(&fresh) else {
        return Err(usage("the template has no generated-part markers; add them around what syskind writes"));
    };
    let updated = format!("{}{}{}", &old[..old_part.start], &fresh[new_part], &old[old_part.end..]);
    write_atomic(&path, &updated, true)?;
    let adr_rel = relative(record_file.parent().unwrap_or(Path::new(".")), &path);
    let new_text = if stale {
        record.adr = adr_rel;
        record.to_toml()
    } else {
        crate::core::record::set_adr(&text, &adr_rel).map_err(usage)?
    };
    if new_text != text
        && let Err(e) = write_atomic(&record_file, &new_text, true)
    {
        // The ADR and its record move together: put the ADR back.
        let _ = write_atomic(&path, &old, true);
        return Err(e.into());
    }
    Ok(path)
}

/// The ADR a record's `adr` key names, resolved from the record's folder and confined to the
/// record's repository: a record is data, and must not steer a write into another project.
pub fn adr_of_record(record_file: &Path, adr: &str) -> Result<PathBuf, String> {
    let base = record_file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let base = std::fs::canonicalize(base).map_err(|e| format!("{}: {e}", base.display()))?;
    let root = super::repo_root(&base);
    let file = base.join(adr);
    let resolved = std::fs::canonicalize(&file).map_err(|e| format!("{adr}: the record's ADR cannot be read ({e})"))?;
    if !resolved.starts_with(&root) {
        return Err(format!(
            "{}: the record's `adr` key points outside its repository ({}); refusing to write there — fix the key",
            crate::core::text::clip(&crate::core::text::safe(adr), 80),
            root.display()
        ));
    }
    Ok(resolved)
}
