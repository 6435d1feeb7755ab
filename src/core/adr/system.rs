//! The ADR for a system of parts: the parts table (part, kind, confidence, link to its record), the
//! system findings, and the map as a Mermaid block, in every layout syskind writes.

use serde::Serialize;

use super::Format;
use crate::core::engine::Finding;
use crate::core::system::{System, map};

/// The built-in Nygard template for systems.
pub const SYSTEM_NYGARD: &str = include_str!("../../../assets/templates/system-nygard.md");
/// The built-in MADR 4 template for systems.
pub const SYSTEM_MADR: &str = include_str!("../../../assets/templates/system-madr.md");
/// The built-in MADR 2 (bullets) template for systems.
pub const SYSTEM_MADR2: &str = include_str!("../../../assets/templates/system-madr2.md");

/// The built-in system template of a layout.
pub fn template(f: Format) -> &'static str {
    match f {
        Format::Nygard => SYSTEM_NYGARD,
        Format::Madr => SYSTEM_MADR,
        Format::Madr2 => SYSTEM_MADR2,
    }
}

/// What the caller knows about where the ADR goes.
#[derive(Debug, Clone, Default)]
pub struct SystemPlacement {
    /// ADR number.
    pub number: u32,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// The system file as shown, and relative to the ADR folder.
    pub system_path: String,
    /// The system file relative to the ADR's folder.
    pub system_link: String,
    /// Per part (in order): the Markdown link to its record from the ADR folder, or `None` (inline).
    pub record_links: Vec<Option<(String, String)>>,
    /// Questionnaire id and version.
    pub questionnaire: String,
}

#[derive(Serialize)]
struct PartRow {
    id: String,
    title: String,
    kind: String,
    confidence: String,
    record: String,
}

use super::{FindingRow, cell};

#[derive(Serialize)]
struct SystemCtx {
    number: u32,
    title: String,
    date: String,
    status: String,
    status_lower: String,
    description: String,
    system_title: String,
    system_path: String,
    system_link: String,
    questionnaire: String,
    parts: Vec<PartRow>,
    findings: Vec<FindingRow>,
    map: String,
}

/// The title of a system's ADR.
pub fn title(s: &System) -> String {
    format!("Kinds of the parts of {}", s.title.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Renders the system ADR.
pub fn render(
    s: &System,
    findings: &[Finding],
    place: &SystemPlacement,
    template: &str,
) -> Result<String, super::AdrTextError> {
    let ctx = SystemCtx {
        number: place.number,
        title: title(s),
        date: place.date.clone(),
        status: "Proposed".into(),
        status_lower: "proposed".into(),
        description: s.description.trim().to_string(),
        system_title: s.title.clone(),
        system_path: place.system_path.clone(),
        system_link: place.system_link.clone(),
        questionnaire: place.questionnaire.clone(),
        parts: s
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| PartRow {
                id: p.id.clone(),
                title: cell(&p.title),
                kind: p.verdict.full_label(),
                confidence: format!("{:.0}", p.verdict.confidence * 100.0),
                record: match place.record_links.get(i).cloned().flatten() {
                    Some((shown, link)) => format!("[{}]({link})", cell(&shown)),
                    None => "inline in the system file".into(),
                },
            })
            .collect(),
        findings: findings.iter().map(FindingRow::from).collect(),
        map: {
            // A map a default Mermaid will not draw says why, as Mermaid comments after the diagram.
            let m = map::mermaid(s, findings);
            let limits = map::mermaid_limits(s, &m);
            if limits.is_empty() { m } else { format!("{m}%% {}\n", limits.join("\n%% ")) }
        },
    };
    super::render_template(template, &ctx)
}
