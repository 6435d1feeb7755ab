//! The Well-Architected best practices syskind cites: id, the framework's title, the level of risk
//! the framework says is exposed when the practice is not established, and its page.
//!
//! One table, so a citation cannot drift: the test suite checks every practice id and URL in the
//! shipped questionnaires, and every finding's `wa_risk`, against it and against the same table in
//! `docs/wa-practices.md`.

use crate::core::questionnaire::Risk;

/// One best practice of the Well-Architected Framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaPractice {
    /// Id such as `REL05-BP04`.
    pub id: &'static str,
    /// The framework's title.
    pub title: &'static str,
    /// "Level of risk exposed if this best practice is not established".
    pub level: WaLevel,
}

/// The framework's levels. It has no "none" for a practice; `Low` exists (REL04-BP03).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaLevel {
    /// High.
    High,
    /// Medium.
    Medium,
    /// Low.
    Low,
}

impl WaLevel {
    /// As a finding's risk.
    pub fn risk(self) -> Risk {
        match self {
            WaLevel::High => Risk::High,
            WaLevel::Medium => Risk::Medium,
            WaLevel::Low => Risk::Low,
        }
    }

    /// The framework's word.
    pub fn name(self) -> &'static str {
        match self {
            WaLevel::High => "High",
            WaLevel::Medium => "Medium",
            WaLevel::Low => "Low",
        }
    }
}

/// The framework pages' common prefix.
pub const FRAMEWORK: &str = "https://docs.aws.amazon.com/wellarchitected/latest/framework/";

/// Every practice syskind cites, in id order.
pub const PRACTICES: &[WaPractice] = &[
    WaPractice {
        id: "REL04-BP01",
        title: "Identify the kind of distributed systems you depend on",
        level: WaLevel::High,
    },
    WaPractice { id: "REL04-BP02", title: "Implement loosely coupled dependencies", level: WaLevel::High },
    WaPractice { id: "REL04-BP03", title: "Do constant work", level: WaLevel::Low },
    WaPractice { id: "REL04-BP04", title: "Make mutating operations idempotent", level: WaLevel::Medium },
    WaPractice {
        id: "REL05-BP01",
        title: "Implement graceful degradation to transform applicable hard dependencies into soft dependencies",
        level: WaLevel::High,
    },
    WaPractice { id: "REL05-BP02", title: "Throttle requests", level: WaLevel::High },
    WaPractice { id: "REL05-BP03", title: "Control and limit retry calls", level: WaLevel::High },
    WaPractice { id: "REL05-BP04", title: "Fail fast and limit queues", level: WaLevel::High },
    WaPractice { id: "REL05-BP05", title: "Set client timeouts", level: WaLevel::High },
    WaPractice { id: "REL05-BP06", title: "Make systems stateless where possible", level: WaLevel::Medium },
    WaPractice { id: "REL05-BP07", title: "Implement emergency levers", level: WaLevel::Medium },
    WaPractice {
        id: "REL06-BP01",
        title: "Monitor all components for the workload (Generation)",
        level: WaLevel::High,
    },
    WaPractice {
        id: "REL06-BP03",
        title: "Send notifications (Real-time processing and alarming)",
        level: WaLevel::High,
    },
    WaPractice { id: "REL11-BP05", title: "Use static stability to prevent bimodal behavior", level: WaLevel::Medium },
];

/// The practice with this id.
pub fn practice(id: &str) -> Option<&'static WaPractice> {
    PRACTICES.iter().find(|p| p.id == id)
}

/// The practice's framework page: `…/framework/rel05-bp04.html`.
pub fn url(id: &str) -> String {
    format!("{FRAMEWORK}{}.html", id.to_lowercase())
}
