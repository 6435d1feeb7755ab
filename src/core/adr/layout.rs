//! ADR layouts and the edits other tools expect on each: which layout a file (or a folder) uses, how
//! to mark one superseded, and how to add a link line — text in, text out.
//!
//! - **Nygard** (adr-tools): `# N. Title`, `Date:`, a `## Status` section.
//! - **MADR 4**: YAML front matter with `status:` and `date:`.
//! - **Bullets** (MADR 2, read by log4brains and pyadr): `# Title`, then `* Status:`, `* Deciders:`,
//!   `* Date:` bullets before the first `##`.

use super::links;

/// A layout of ADR files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layout {
    /// adr-tools' layout.
    Nygard,
    /// MADR 4 (front matter).
    Madr4,
    /// MADR 2's bullet list (log4brains, pyadr, madr-tools).
    Bullets,
}

impl Layout {
    /// As people name it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Nygard => "Nygard (adr-tools)",
            Layout::Madr4 => "MADR 4 (front matter)",
            Layout::Bullets => "MADR 2 (bullets: log4brains, pyadr)",
        }
    }
}

/// The bullet line `key` (`Status`, `Date`, …) in the list before the first `##`, as (line index, value).
fn bullet(text: &str, key: &str) -> Option<(usize, String)> {
    for (i, l) in text.lines().enumerate() {
        if l.starts_with("##") {
            return None;
        }
        let t = l.trim_start();
        for mark in ["* ", "- "] {
            if let Some(rest) = t.strip_prefix(mark)
                && let Some(v) = rest.strip_prefix(key).and_then(|r| r.strip_prefix(':'))
            {
                return Some((i, v.trim().to_string()));
            }
        }
    }
    None
}

/// The layout of one ADR file, if it is one syskind can edit.
pub fn detect(text: &str) -> Option<Layout> {
    if links::is_madr(text) {
        Some(Layout::Madr4)
    } else if bullet(text, "Status").is_some() {
        Some(Layout::Bullets)
    } else if text.lines().any(|l| l.trim_end() == "## Status") {
        Some(Layout::Nygard)
    } else {
        None
    }
}

/// The layout most files of a folder use (ties: Nygard, then MADR 4), or `None` for a folder of none.
pub fn of_folder<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Layout> {
    let mut counts = std::collections::BTreeMap::new();
    for t in texts {
        if let Some(l) = detect(t) {
            *counts.entry(l).or_insert(0usize) += 1;
        }
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(l, _)| l)
}

/// Another ADR, as links name it.
#[derive(Debug, Clone)]
pub struct Target {
    /// Its number.
    pub number: u32,
    /// Its title, without the number.
    pub title: String,
    /// Its file name (`0003-use-x.md`).
    pub file: String,
}

impl Target {
    /// The link as written in a file of `layout`: `[3. Use X](0003-use-x.md)`, or for bullets the file's
    /// slug (log4brains takes the link text as the superseding ADR's slug).
    pub fn link(&self, layout: Layout) -> String {
        match layout {
            Layout::Bullets => format!("[{}]({})", self.file.trim_end_matches(".md"), self.file),
            _ => format!("[{}. {}]({})", self.number, self.title, self.file),
        }
    }
}

fn set_line(text: &str, index: usize, line: &str) -> String {
    let mut out = String::with_capacity(text.len() + line.len());
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i == index {
            out.push_str(line);
            out.push('\n');
        } else {
            out.push_str(l);
        }
    }
    out
}

/// Sets or adds the bullet `key` to `value`, keeping the list's marker.
fn set_bullet(text: &str, key: &str, value: &str) -> String {
    let mark = text.lines().find_map(|l| l.trim_start().get(..2).filter(|m| *m == "* " || *m == "- ")).unwrap_or("* ");
    match bullet(text, key) {
        Some((i, _)) => set_line(text, i, &format!("{mark}{key}: {value}")),
        None => match bullet(text, "Status") {
            Some((i, _)) => {
                let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
                let add = format!("{mark}{key}: {value}\n");
                lines.insert(i + 1, &add);
                lines.concat()
            }
            None => text.to_string(),
        },
    }
}

/// YAML's double-quoted scalar (JSON strings are valid YAML), so no title can break the front matter.
pub fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn set_front(text: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_front = false;
    let mut done = false;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        let bare = l.trim_end_matches(['\n', '\r']);
        if n == 0 && bare == "---" {
            in_front = true;
        } else if in_front && bare == "---" {
            if !done {
                out.push_str(&format!("{key}: {value}\n"));
                done = true;
            }
            in_front = false;
        } else if in_front && !done && bare.starts_with(&format!("{key}:")) {
            out.push_str(&format!("{key}: {value}\n"));
            done = true;
            continue;
        }
        out.push_str(l);
    }
    out
}

/// Marks an ADR superseded by `by` on `date`, as each layout's tools read it. `Err` when the file is
/// of no known layout (nothing is changed then).
pub fn supersede(text: &str, by: &Target, date: &str) -> Result<String, super::AdrTextError> {
    match detect(text) {
        Some(Layout::Nygard) => {
            // Remove whichever single status word stands in the section (Proposed, Accepted, …).
            let word = status_word(text);
            let t = match word {
                Some(w) => links::remove_status(text, &w),
                None => text.to_string(),
            };
            Ok(links::add_link(&t, "Superseded by", &format!("{}. {}", by.number, by.title), &by.file))
        }
        Some(Layout::Madr4) => {
            let t = set_front(text, "status", &yaml_string(&format!("superseded by ADR-{:04}", by.number)));
            let t = set_front(&t, "date", date);
            Ok(links::add_link(&t, "Superseded by", &format!("{}. {}", by.number, by.title), &by.file))
        }
        Some(Layout::Bullets) => {
            let t = set_bullet(text, "Status", &format!("superseded by {}", by.link(Layout::Bullets)));
            Ok(set_bullet(&t, "Date", date))
        }
        None => Err(super::AdrTextError::NoLayout),
    }
}

/// The single status word in a Nygard `## Status` section, if there is one.
fn status_word(text: &str) -> Option<String> {
    let mut in_status = false;
    for l in text.lines() {
        if l.starts_with("##") {
            if in_status {
                break;
            }
            in_status = l.trim_end() == "## Status";
            continue;
        }
        let w = l.trim();
        if in_status && ["Proposed", "Accepted", "Rejected", "Deprecated", "Superseded"].contains(&w) {
            return Some(w.to_string());
        }
    }
    None
}

/// Adds a link line (`Amended by`, `Relates to`, …) where each layout keeps links: the Nygard status
/// section, MADR 4's "More Information", the bullets' "## Links" section. `Err` for no known layout.
pub fn link(text: &str, verb: &str, to: &Target) -> Result<String, super::AdrTextError> {
    match detect(text) {
        Some(Layout::Nygard) | Some(Layout::Madr4) => {
            Ok(links::add_link(text, verb, &format!("{}. {}", to.number, to.title), &to.file))
        }
        Some(Layout::Bullets) => {
            let line = format!("* {verb} {}\n", to.link(Layout::Bullets));
            Ok(match text.find("\n## Links\n") {
                Some(at) => {
                    let after = at + "\n## Links\n".len();
                    let rest = &text[after..];
                    let skip = if rest.starts_with('\n') { 1 } else { 0 };
                    format!("{}{line}{}", &text[..after + skip], &text[after + skip..])
                }
                None => format!("{}\n\n## Links\n\n{line}", text.trim_end_matches('\n')),
            })
        }
        None => Err(super::AdrTextError::NoLayout),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NYGARD: &str = "# 1. Use X\n\nDate: 2026-11-01\n\n## Status\n\nProposed\n\n## Context\n\nWhy.\n";
    const BULLETS: &str = "# Use X\n\n- Status: accepted\n- Deciders: Ana\n- Date: 2026-11-01\n\n## Context and Problem Statement\n\nWhy.\n";
    const MADR: &str =
        "---\nstatus: \"accepted\"\ndate: 2026-11-01\n---\n\n# Use X\n\n## More Information\n\n* Record: r.toml\n";

    fn by() -> Target {
        Target { number: 3, title: "Use Y".into(), file: "0003-use-y.md".into() }
    }

    #[test]
    fn layouts_are_detected_from_the_text() {
        assert_eq!(detect(NYGARD), Some(Layout::Nygard));
        assert_eq!(detect(BULLETS), Some(Layout::Bullets));
        assert_eq!(detect(MADR), Some(Layout::Madr4));
        assert_eq!(detect("# Notes\n\nJust text.\n"), None);
        assert_eq!(of_folder([NYGARD, BULLETS, BULLETS]), Some(Layout::Bullets));
        assert_eq!(of_folder([NYGARD, BULLETS]), Some(Layout::Nygard));
        assert_eq!(of_folder(Vec::<&str>::new()), None);
    }

    #[test]
    fn superseding_on_every_layout() {
        let t = supersede(NYGARD, &by(), "2026-11-27").unwrap();
        assert!(
            t.contains("## Status\n\nSuperseded by [3. Use Y](0003-use-y.md)\n\n## Context"),
            "Proposed goes too: {t}"
        );
        let t = supersede(BULLETS, &by(), "2026-11-27").unwrap();
        assert!(
            t.contains("- Status: superseded by [0003-use-y](0003-use-y.md)\n- Deciders: Ana\n- Date: 2026-11-27\n"),
            "{t}"
        );
        let t = supersede(MADR, &by(), "2026-11-27").unwrap();
        assert!(t.starts_with("---\nstatus: \"superseded by ADR-0003\"\ndate: 2026-11-27\n---\n"), "{t}");
        assert!(supersede("# Notes\n", &by(), "2026-11-27").is_err());
    }

    #[test]
    fn links_on_every_layout() {
        let t = link(BULLETS, "Amended by", &by()).unwrap();
        assert!(t.ends_with("## Links\n\n* Amended by [0003-use-y](0003-use-y.md)\n"), "{t}");
        let t = link(&t, "Relates to", &by()).unwrap();
        assert!(
            t.ends_with(
                "## Links\n\n* Relates to [0003-use-y](0003-use-y.md)\n* Amended by [0003-use-y](0003-use-y.md)\n"
            ),
            "{t}"
        );
        assert!(
            link(NYGARD, "Amended by", &by()).unwrap().contains("Proposed\n\nAmended by [3. Use Y](0003-use-y.md)\n")
        );
        assert!(link("plain\n", "Amended by", &by()).is_err());
        assert_eq!(yaml_string("C:\\new \"x\""), "\"C:\\\\new \\\"x\\\"\"");
    }
}
