//! The questionnaire file exactly as written, with spans kept for diagnostics.
//!
//! Every struct denies unknown keys so a typo (`promt = …`) is an error, not a silently ignored line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::model::{Kind, RuleEffect};

/// Class id → weight, as written in a `weights = { … }` table.
pub type RawWeights = Spanned<BTreeMap<String, f64>>;

/// The top level of a questionnaire file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    pub schema: Spanned<i64>,
    pub id: Spanned<String>,
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub classes: Spanned<Vec<RawClass>>,
    #[serde(default)]
    pub sections: Vec<RawSection>,
    pub questions: Spanned<Vec<RawQuestion>>,
    #[serde(default)]
    pub rules: Vec<RawRule>,
    #[serde(default)]
    pub conflicts: Vec<RawConflict>,
    #[serde(default)]
    pub findings: Vec<RawFinding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClass {
    pub id: Spanned<String>,
    pub label: String,
    pub aka: Option<String>,
    /// Schema 3: the current framework's name for the kind.
    pub wa_name: Option<String>,
    pub description: String,
    #[serde(default)]
    pub practices: Vec<RawPractice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPractice {
    pub id: Spanned<String>,
    pub title: String,
    pub why: String,
    pub source: Option<String>,
    pub see_also: Option<String>,
    pub when: Option<Spanned<RawCondition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Spanned<String>,
    pub title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub section: Option<Spanned<String>>,
    pub kind: Spanned<Kind>,
    pub prompt: String,
    #[serde(default)]
    pub help: String,
    pub source: Option<String>,
    pub choices: Option<Spanned<Vec<RawChoice>>>,
    pub bands: Option<Spanned<Vec<RawBand>>>,
    pub yes: Option<RawWeights>,
    pub no: Option<RawWeights>,
    pub unit: Option<String>,
    pub min: Option<f64>,
    #[serde(default)]
    pub whole: bool,
    #[serde(default)]
    pub informational: bool,
    pub design: Option<Spanned<bool>>,
    pub show_if: Option<Spanned<RawCondition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub help: String,
    pub weights: Option<RawWeights>,
}

/// A band bound: a duration string (`"10s"`) or a number.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum RawBound {
    Number(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub up_to: Option<Spanned<RawBound>>,
    pub label: Option<String>,
    pub weights: Option<RawWeights>,
}

/// A condition table: either one test on `question`, or `all` / `any` / `not` over other conditions.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    pub question: Option<Spanned<String>>,
    pub any_of: Option<Spanned<Vec<Spanned<String>>>>,
    pub all_of: Option<Spanned<Vec<Spanned<String>>>>,
    pub is: Option<Spanned<bool>>,
    pub at_most: Option<Spanned<RawBound>>,
    pub at_least: Option<Spanned<RawBound>>,
    pub answered: Option<Spanned<bool>>,
    pub all: Option<Spanned<Vec<Spanned<RawCondition>>>>,
    pub any: Option<Spanned<Vec<Spanned<RawCondition>>>>,
    pub not: Option<Box<Spanned<RawCondition>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Spanned<String>,
    pub when: Spanned<RawCondition>,
    pub effect: RuleEffect,
    pub class: Spanned<String>,
    pub reason: String,
    pub source: Option<String>,
    /// Schema 3: the sentence of the definition this rule states (quoted from its source). A rule
    /// with one is definitional: never overruled by weights.
    pub definition: Option<Spanned<String>>,
}

/// Two or more answers that cannot all hold for one interaction.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConflict {
    pub id: Spanned<String>,
    pub when: Spanned<RawCondition>,
    pub text: String,
    #[serde(default)]
    pub recheck: Vec<Spanned<String>>,
}

/// A risk raised by the answers, the Well-Architected Tool's way.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    pub id: Spanned<String>,
    pub risk: super::model::Risk,
    /// Schema 3: the Well-Architected Framework's level for the practice.
    pub wa_risk: Option<super::model::Risk>,
    pub practice: String,
    pub text: String,
    pub source: Option<String>,
    pub see_also: Option<String>,
    pub when: Spanned<RawCondition>,
    /// Only when the verdict is one of these classes (any class when left out).
    #[serde(default)]
    pub classes: Vec<Spanned<String>>,
}
