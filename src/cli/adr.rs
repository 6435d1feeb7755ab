//! `syskind adr new | init`: ADR files from decision records, placed, numbered and linked the way
//! adr-tools does it. Everything is read and checked before the first write, so a failure leaves
//! nothing half-written.

use std::path::{Path, PathBuf};

use super::args::{AdrFormatArg, AdrNewArgs, WizardArgs};
use super::{CliError, load_questionnaire};
use crate::core::adr::{self, Format, Placement, links};
use crate::core::record::{parse_record, record_answers, today};
use crate::core::slug::slug;
use crate::store::{self, adr as adr_dir};

/// One link to add: (target ADR file, forward link text, reverse link text).
struct LinkPlan {
    target: PathBuf,
    forward: String,
    reverse: String,
    supersede: bool,
}

fn relative(from_dir: &Path, to: &Path) -> String {
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    pathdiff::diff_paths(abs(to), abs(from_dir)).unwrap_or_else(|| to.to_path_buf()).display().to_string()
}

fn usage(m: impl Into<String>) -> CliError {
    CliError::Usage(m.into())
}

/// `syskind adr new`; returns the ADR written.
pub fn new(w: &WizardArgs, a: &AdrNewArgs) -> Result<PathBuf, CliError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let name = a.from.display().to_string();
    let text = store::read_text(&a.from)?;
    let mut record = parse_record(&name, &text)?;
    let spec = w.questionnaire.clone().unwrap_or_else(|| record.questionnaire.id.clone());
    let q = load_questionnaire(Some(&spec))?;
    record_answers(&name, &text, &record, &q)?;

    let dir = match &a.dir {
        Some(d) => d.clone(),
        None => adr_dir::find_dir(&cwd).ok_or_else(|| {
            usage(
                "no ADR folder found (no .adr-dir, doc/adr, docs/adr or docs/decisions here or above); \
                 create one with `syskind adr init [DIR]` or name it with --dir DIR",
            )
        })?,
    };
    if dir.exists() && !dir.is_dir() {
        return Err(usage(format!(
            "{}: is a file, not a folder; point --dir (or .adr-dir) at a folder",
            dir.display()
        )));
    }
    let template = match &a.template {
        Some(t) => store::read_text(t)?,
        None => match a.format {
            AdrFormatArg::Nygard => Format::Nygard.template().to_string(),
            AdrFormatArg::Madr => Format::Madr.template().to_string(),
        },
    };

    let mut plans = Vec::new();
    for n in &a.supersedes {
        let target = adr_dir::by_number(&dir, *n)
            .ok_or_else(|| usage(format!("--supersedes {n}: there is no ADR number {n} in {}", dir.display())))?;
        plans.push(LinkPlan { target, forward: "Supersedes".into(), reverse: "Superseded by".into(), supersede: true });
    }
    for l in &a.links {
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
        olds.push(store::read_text(&p.target)?);
    }

    let record_link = relative(&dir, &a.from);
    let record_path = relative(&cwd, &a.from);
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
            adr::render(&record, &q, &place, &template)
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
        store::write_atomic(&p.target, &edited, true)?;
    }

    record.adr = relative(a.from.parent().unwrap_or(Path::new(".")), &path);
    store::write_atomic(&a.from, &record.to_toml(), true)?;
    println!("{}", path.display());
    Ok(path)
}

/// `syskind adr init [DIR]`.
pub fn init(dir: Option<&Path>) -> Result<(), CliError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let path = adr_dir::init(&cwd, dir, &today())?;
    println!("{}", path.display());
    Ok(())
}
