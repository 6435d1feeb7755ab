//! `syskind system …`: create, check and map system files, and open the system screen. Loading a
//! system reads its records relative to the system file and picks the questionnaire the records name.

use crate::core::text::clean_toml;

use super::args::{MapFormat, OutputFormat, RiskLevel, SystemArgs, SystemCommand, WizardArgs};
use crate::core::engine::Finding;
use crate::core::questionnaire::Risk;
use crate::core::system::{self, System, map};
use crate::core::text::{needs_cleaning, safe};
use crate::failure::Failure;
use crate::store;
use crate::store::system::load;

fn level(l: RiskLevel) -> Risk {
    match l {
        RiskLevel::High => Risk::High,
        RiskLevel::Medium => Risk::Medium,
        RiskLevel::Low => Risk::Low,
    }
}

/// Standard output for text made a piece at a time, each piece made safe as it passes (an escape
/// sequence split between two pieces loses its introducer, so neither half can act).
struct SafeOut<W: std::io::Write>(W);

impl<W: std::io::Write> std::fmt::Write for SafeOut<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let r = if needs_cleaning(s) { self.0.write_all(safe(s).as_bytes()) } else { self.0.write_all(s.as_bytes()) };
        r.map_err(|_| std::fmt::Error)
    }
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
pub fn system(w: &WizardArgs, a: &SystemArgs) -> Result<(), Failure> {
    match &a.command {
        Some(SystemCommand::New { file, title, force }) => {
            let text = template(title);
            store::write_atomic(file, &text, *force)?;
            eprintln!("wrote {} — add parts and calls, then `syskind system check {}`", file.display(), file.display());
            Ok(())
        }
        Some(SystemCommand::Check { file, format, fail_on }) => {
            let mut l = load(w.questionnaire.as_deref(), file)?;
            // A check edits nothing: the text (kept for edits) need not stay beside the report.
            l.text = String::new();
            let findings = system::check(&l.system);
            match format {
                OutputFormat::Text => {
                    // Each part written as made, and copied to be made safe only when it must be.
                    let mut out = SafeOut(std::io::BufWriter::new(std::io::stdout().lock()));
                    let _ = map::write_text(&mut out, &l.system, &findings)
                        .and_then(|()| std::fmt::Write::write_str(&mut out, "\nFindings:\n"))
                        .and_then(|()| crate::report::write_findings(&mut out, &findings));
                }
                OutputFormat::Json => super::commands::print_json(&report(&l.system, &findings)),
                OutputFormat::Toml => print!("{}", clean_toml(&report(&l.system, &findings))),
            }
            let failing = findings.iter().filter(|f| f.risk >= level(*fail_on)).count();
            if failing > 0 {
                eprintln!("{}: {failing} finding(s) at or above {}", file.display(), level(*fail_on).name());
                Err(Failure::CheckFailed)
            } else {
                Ok(())
            }
        }
        Some(SystemCommand::Map { file, format }) => {
            let l = load(w.questionnaire.as_deref(), file)?;
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
        // Opening a system file is interactive: the composition root (crate::app) starts it.
        None => Err(Failure::Usage(
            "`syskind system FILE` opens the system screen; run it through syskind::app::run".into(),
        )),
    }
}

#[derive(serde::Serialize)]
struct PartJson<'a> {
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

/// The parts as rows, made one at a time as they are written (a system of 20,000 parts would
/// otherwise hold a second list of them).
struct PartRows<'a>(&'a System);

impl serde::Serialize for PartRows<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_seq(self.0.parts.iter().map(|p| PartJson {
            id: &p.id,
            title: &p.title,
            class: &p.verdict.class,
            confidence: p.verdict.confidence,
            record: match &p.source {
                system::PartSource::Record(r) => Some(r),
                system::PartSource::Inline => None,
            },
        }))
    }
}

/// The calls as rows, made one at a time as they are written.
struct CallRows<'a>(&'a System);

impl serde::Serialize for CallRows<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let s = self.0;
        ser.collect_seq(s.calls.iter().map(|c| CallRow {
            from: &s.parts[c.from].id,
            to: &s.parts[c.to].id,
            mode: c.mode.name(),
            timeout: c.timeout.map(|t| t.to_string()),
        }))
    }
}

#[derive(serde::Serialize)]
struct SystemJson<'a> {
    id: &'a str,
    title: &'a str,
    parts: PartRows<'a>,
    calls: CallRows<'a>,
    findings: &'a [Finding],
}

fn report<'a>(s: &'a System, findings: &'a [Finding]) -> SystemJson<'a> {
    SystemJson { id: &s.id, title: &s.title, parts: PartRows(s), calls: CallRows(s), findings }
}
