//! `syskind system …`: create, check and map system files, and open the system screen. Loading a
//! system reads its records relative to the system file and picks the questionnaire the records name.

use crate::core::text::{clean_json, clean_toml};
use std::path::{Path, PathBuf};

use super::args::{Format, MapFormat, RiskLevel, SystemArgs, SystemCommand, WizardArgs};
use super::{CliError, built_in, load_questionnaire};
use crate::core::engine::Finding;
use crate::core::questionnaire::{Questionnaire, Risk};
use crate::core::system::{self, System, map};
use crate::core::text::safe;
use crate::store;

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
pub fn load(w: &WizardArgs, path: &Path) -> Result<Loaded, CliError> {
    let name = path.display().to_string();
    let text = store::read_text(path)?;
    let raw = system::parse_system(&name, &text)?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let read = |rel: &str| store::read_text(&base.join(rel)).map_err(|e| e.message);
    let chosen = std::cell::RefCell::new(None);
    let choose = |spec: Option<&str>, first: Option<&crate::core::record::QuestionnaireRef>| {
        let q = match (w.questionnaire.as_deref().or(spec), first) {
            (Some(s), _) => load_questionnaire(Some(s)).map_err(|e| describe(&e))?,
            (None, Some(r)) => match built_in(&r.id, &r.version) {
                Some(q) => q,
                None => {
                    return Err(format!(
                        "the records answer questionnaire `{}` {}, which is not built in; name it in [system] questionnaire",
                        r.id, r.version
                    ));
                }
            },
            (None, None) => load_questionnaire(None).map_err(|e| describe(&e))?,
        };
        *chosen.borrow_mut() = Some(q.clone());
        Ok(q)
    };
    let system = system::resolve(&name, &text, raw, &read, &choose)?;
    let q = chosen.into_inner().unwrap_or_else(crate::core::questionnaire::default_questionnaire);
    Ok(Loaded { path: path.to_path_buf(), text, q, system })
}

fn describe(e: &CliError) -> String {
    match e {
        CliError::Usage(m) => m.clone(),
        CliError::Store(s) => s.to_string(),
        CliError::File(r) => r.short().trim_end().to_string(),
        _ => "cannot load the questionnaire".into(),
    }
}

fn level(l: RiskLevel) -> Risk {
    match l {
        RiskLevel::High => Risk::High,
        RiskLevel::Medium => Risk::Medium,
        RiskLevel::Low => Risk::Low,
    }
}

/// The findings as text, highest risk first.
pub fn findings_text(findings: &[Finding]) -> String {
    let mut out = String::new();
    if findings.is_empty() {
        out.push_str("No findings: no part waits synchronously on a less stringent one, and no other risky shape.\n");
    }
    for f in findings {
        out.push_str(&format!("{:<6} {} [{}] {}\n", f.risk.name().to_uppercase(), f.practice, f.id, f.text));
        if !f.calls.is_empty() {
            out.push_str(&format!("       call: {}\n", f.calls.join(", ")));
        }
        if let Some(src) = &f.source {
            out.push_str(&format!("       {src}\n"));
        }
    }
    out
}

/// A template for `system new`.
fn template(title: &str) -> String {
    let id = crate::core::slug::slug(title);
    format!(
        r#"# A syskind system file: the parts of a system and the calls between them (docs/system-format.md).
# Check it with `syskind system check FILE`; open it with `syskind system FILE`.

[system]
id = "{id}"
title = {title:?}
description = ""

# Each part is a decision record (path relative to this file) or inline answers.
[[part]]
id = "front"
title = "Front end"

[part.answers]
caller = "person_sync"
response_window = "1s"

# [[call]]
# from = "front"
# to = "worker"
# mode = "async"        # sync | async | schedule
# timeout = "2s"
"#
    )
}

/// `syskind system …`.
pub fn system(w: &WizardArgs, a: &SystemArgs) -> Result<(), CliError> {
    match &a.command {
        Some(SystemCommand::New { file, title, force }) => {
            let text = template(title);
            store::write_atomic(file, &text, *force)?;
            eprintln!("wrote {} — add parts and calls, then `syskind system check {}`", file.display(), file.display());
            Ok(())
        }
        Some(SystemCommand::Check { file, format, fail_on }) => {
            let l = load(w, file)?;
            let findings = system::check(&l.system);
            match format {
                Format::Text => {
                    print!("{}", safe(&map::text(&l.system, &findings)));
                    println!("\nFindings:");
                    print!("{}", safe(&findings_text(&findings)));
                }
                Format::Json => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&clean_json(&report(&l.system, &findings))).unwrap_or_default()
                    )
                }
                Format::Toml => print!("{}", clean_toml(&report(&l.system, &findings))),
            }
            let failing = findings.iter().filter(|f| f.risk >= level(*fail_on)).count();
            if failing > 0 {
                eprintln!("{}: {failing} finding(s) at or above {}", file.display(), level(*fail_on).name());
                Err(CliError::CheckFailed)
            } else {
                Ok(())
            }
        }
        Some(SystemCommand::Map { file, format }) => {
            let l = load(w, file)?;
            let findings = system::check(&l.system);
            let out = match format {
                MapFormat::Mermaid => map::mermaid(&l.system, &findings),
                MapFormat::Dot => map::dot(&l.system, &findings),
                MapFormat::Text => map::text(&l.system, &findings),
            };
            if *format == MapFormat::Mermaid {
                for limit in map::mermaid_limits(&l.system, &out) {
                    eprintln!("warning: {limit}");
                }
            }
            print!("{}", safe(&out));
            Ok(())
        }
        None => {
            let Some(file) = &a.file else {
                return Err(CliError::Usage(
                    "name a system file: `syskind system FILE`, or create one with `syskind system new FILE`".into(),
                ));
            };
            super::system_screen::open(w, file, a.plain)
        }
    }
}

#[derive(serde::Serialize)]
struct PartRow<'a> {
    id: &'a str,
    title: &'a str,
    class: &'a str,
    confidence: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct CallRow<'a> {
    from: &'a str,
    to: &'a str,
    mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    timeout: Option<String>,
}

#[derive(serde::Serialize)]
struct Report<'a> {
    id: &'a str,
    title: &'a str,
    parts: Vec<PartRow<'a>>,
    calls: Vec<CallRow<'a>>,
    findings: &'a [Finding],
}

fn report<'a>(s: &'a System, findings: &'a [Finding]) -> Report<'a> {
    Report {
        id: &s.id,
        title: &s.title,
        parts: s
            .parts
            .iter()
            .map(|p| PartRow {
                id: &p.id,
                title: &p.title,
                class: &p.verdict.class,
                confidence: p.verdict.confidence,
                record: match &p.source {
                    system::Source::Record(r) => Some(r),
                    system::Source::Inline => None,
                },
            })
            .collect(),
        calls: s
            .calls
            .iter()
            .map(|c| CallRow {
                from: &s.parts[c.from].id,
                to: &s.parts[c.to].id,
                mode: c.mode.name(),
                timeout: c.timeout.map(|t| t.to_string()),
            })
            .collect(),
        findings,
    }
}
