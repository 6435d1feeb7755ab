//! A Well-Architected custom lens, as the WA Tool reads and writes it (JSON, schema version
//! 2021-11-01): pillars of questions, each with choices and ordered risk rules. Unknown keys are
//! accepted and not kept.

use serde::{Deserialize, Serialize};

/// The schema version this module reads and writes.
pub const SCHEMA_VERSION: &str = "2021-11-01";

/// The documented limits of a custom lens (the WA Tool user guide, "Lens format specification", and
/// the API reference; where they differ, the stricter). An export keeps within them and says where
/// it had to cut. Sources and cross-check: docs/lenses.md.
pub mod limits {
    /// Characters of the lens name.
    pub const NAME: usize = 128;
    /// Characters of a description (lens, question).
    pub const DESCRIPTION: usize = 2048;
    /// Pillars per lens.
    pub const PILLARS: usize = 10;
    /// Questions per pillar.
    pub const QUESTIONS_PER_PILLAR: usize = 20;
    /// Choices per question (the WA Tool adds its own "None of these").
    pub const CHOICES_PER_QUESTION: usize = 15;
    /// Risk rules per question: one per level, a `default` among them.
    pub const RISK_RULES: usize = 3;
    /// Fewest characters of an id (letters, digits and `_`).
    pub const ID_MIN: usize = 3;
    /// Characters of a pillar id or a choice id (the API's PillarId and ChoiceId).
    pub const ID: usize = 64;
    /// Characters of a question id (the API's QuestionId).
    pub const QUESTION_ID: usize = 128;
    /// Characters of a title (pillar name, question title, choice title).
    pub const TITLE: usize = 128;
    /// Characters of a helpful resource's or improvement plan's display text.
    pub const DISPLAY_TEXT: usize = 1024;
    /// Characters of a URL.
    pub const URL: usize = 2048;
    /// Links per additional resource.
    pub const ADDITIONAL_CONTENT: usize = 5;
    /// Bytes of a whole lens file.
    pub const FILE_BYTES: usize = 500_000;
}

/// A custom lens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lens {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// Its name (≤ 128 characters).
    pub name: String,
    /// What it reviews (≤ 2048 characters).
    #[serde(default)]
    pub description: String,
    /// Its pillars, in order.
    pub pillars: Vec<Pillar>,
}

/// A group of questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pillar {
    /// Stable id.
    pub id: String,
    /// Heading.
    pub name: String,
    /// Its questions.
    pub questions: Vec<LensQuestion>,
}

/// A question: pick the choices (best practices) that hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LensQuestion {
    /// Stable id.
    pub id: String,
    /// The question.
    pub title: String,
    /// Why it is asked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// A page to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helpful_resource: Option<Resource>,
    /// The choices.
    pub choices: Vec<LensChoice>,
    /// In order: the first whose condition holds gives the question's risk.
    pub risk_rules: Vec<RiskRule>,
}

/// A choice (a best practice that holds, or not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LensChoice {
    /// Stable id (what conditions name).
    pub id: String,
    /// The choice.
    pub title: String,
    /// What it means, with a page to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helpful_resource: Option<Resource>,
    /// What to do when it does not hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub improvement_plan: Option<Resource>,
    /// More pages to read and more plans (at most one of each type, up to 5 links each).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_resources: Vec<AdditionalResources>,
}

/// A choice's further helpful resources or improvement plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdditionalResources {
    /// `HELPFUL_RESOURCE` or `IMPROVEMENT_PLAN`.
    #[serde(rename = "type")]
    pub kind: ResourceKind,
    /// The texts with their links.
    #[serde(default)]
    pub content: Vec<Resource>,
}

/// What additional resources are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResourceKind {
    /// Pages that help answer.
    HelpfulResource,
    /// What to do about a risk.
    ImprovementPlan,
}

/// A text with an optional link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    /// The text.
    pub display_text: String,
    /// The link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// When a question has which risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskRule {
    /// Choice ids joined with `&&`, `||`, `!` and brackets, or `default`.
    pub condition: String,
    /// The risk when it holds.
    pub risk: LensRisk,
}

/// A question's risk in the WA Tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LensRisk {
    /// No risk.
    #[serde(rename = "NO_RISK")]
    None,
    /// Medium risk.
    #[serde(rename = "MEDIUM_RISK")]
    Medium,
    /// High risk.
    #[serde(rename = "HIGH_RISK")]
    High,
}
