//! The checked, ready-to-use questionnaire: ids resolved to indices so the engine never looks up strings.

use std::borrow::Cow;

/// A weight per class, indexed like [`Questionnaire::classes`].
pub type Weights = Vec<f64>;

/// A questionnaire that passed validation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Questionnaire {
    /// Stable id, stored in records (e.g. `system-kind`).
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    /// The questionnaire's own version (free text, e.g. `1.0.0`).
    #[serde(borrow)]
    pub version: Cow<'static, str>,
    /// File schema. Schema 2 turns on honest verdicts: safe overrides, conflicts and confidence caps
    /// (docs/classification.md); schema 1 files keep the verdicts they always gave.
    pub schema: i64,
    /// Title shown at the top of every face.
    #[serde(borrow)]
    pub title: Cow<'static, str>,
    /// What the questionnaire is for.
    #[serde(borrow)]
    pub description: Cow<'static, str>,
    /// `sha256:` digest of the source text, so a record knows exactly what it was answered against.
    #[serde(borrow)]
    pub digest: Cow<'static, str>,
    /// Classes, least stringent first.
    pub classes: Vec<Class>,
    /// Sections, in display order.
    pub sections: Vec<Section>,
    /// Questions, in asking order.
    pub questions: Vec<Question>,
    /// Rules, in file order.
    pub rules: Vec<Rule>,
    /// Answer combinations that cannot all hold for one interaction.
    pub conflicts: Vec<ConflictRule>,
    /// Risks the answers can raise.
    pub findings: Vec<FindingRule>,
    /// Who reads whom, precomputed at load so the engine can redo only what a change touches.
    pub index: Index,
}

/// Dependencies between questions and rules.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Index {
    /// `shown_by[i]`: some question's `show_if` reads question `i`.
    pub shown_by: Vec<bool>,
    /// `rules_reading[i]`: the rules whose condition reads question `i`, ascending.
    pub rules_reading: Vec<Vec<usize>>,
    /// `dependents[i]`: the questions whose visibility can change when question `i`'s answer does
    /// (their `show_if` reads `i`, directly or through another dependent), ascending.
    pub dependents: Vec<Vec<usize>>,
    /// `influence[i]`: how much question `i` can move the scores (the widest spread of any of its
    /// options' weights; at least 1 when a rule reads it). Completeness weighs answers by it.
    pub influence: Vec<f64>,
    /// `finding_rule[f]`: a rule whose condition is the same as finding `f`'s, so the finding holds
    /// exactly when that rule fired and is not evaluated twice (an imported lens says each risk rule
    /// as a finding and a floor). Empty in files baked before it existed: then evaluated.
    #[serde(default)]
    pub finding_rule: Vec<Option<usize>>,
}

impl Index {
    /// Builds the index for questions and rules.
    pub fn build(questions: &[Question], rules: &[Rule], findings: &[FindingRule]) -> Index {
        let mut shown_by = vec![false; questions.len()];
        let mut direct: Vec<Vec<usize>> = vec![Vec::new(); questions.len()];
        for (j, q) in questions.iter().enumerate() {
            if let Some(c) = &q.show_if {
                c.for_each_question(&mut |i| {
                    shown_by[i] = true;
                    if i < questions.len() && direct[i].last() != Some(&j) {
                        direct[i].push(j);
                    }
                });
            }
        }
        // `show_if` only looks back (checked at load), so a dependent always comes later: walking
        // backwards, every dependent's own closure is already known.
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); questions.len()];
        for i in (0..questions.len()).rev() {
            let mut all = Vec::new();
            for &j in &direct[i] {
                all.push(j);
                if j > i {
                    all.extend_from_slice(&dependents[j]);
                }
            }
            all.sort_unstable();
            all.dedup();
            dependents[i] = all;
        }
        let mut rules_reading = vec![Vec::new(); questions.len()];
        for (r, rule) in rules.iter().enumerate() {
            rule.when.for_each_question(&mut |i| {
                if rules_reading[i].last() != Some(&r) {
                    rules_reading[i].push(r)
                }
            });
        }
        let influence = questions.iter().enumerate().map(|(i, q)| influence(q, !rules_reading[i].is_empty())).collect();
        // Only rules reading the finding's first question can be the same condition.
        let finding_rule = findings
            .iter()
            .map(|f| {
                let mut first = None;
                f.when.for_each_question(&mut |i| {
                    first.get_or_insert(i);
                });
                let candidates = first.and_then(|i| rules_reading.get(i))?;
                candidates.iter().copied().find(|r| rules[*r].when == f.when)
            })
            .collect();
        Index { shown_by, rules_reading, dependents, influence, finding_rule }
    }
}

/// How much a question can move the scores: the widest spread of any of its options' weights.
fn influence(q: &Question, referenced: bool) -> f64 {
    let spread = |w: &Vec<f64>| {
        let max = w.iter().copied().fold(f64::MIN, f64::max);
        let min = w.iter().copied().fold(f64::MAX, f64::min);
        if w.is_empty() { 0.0 } else { max - min }
    };
    let widest = q.weight_vectors().map(spread).fold(0.0, f64::max);
    if referenced { widest.max(1.0) } else { widest }
}

/// One kind of system the questionnaire can conclude.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Class {
    /// Stable id (e.g. `hard_real_time`).
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    /// Short label (e.g. `Hard real-time`).
    #[serde(borrow)]
    pub label: Cow<'static, str>,
    /// Another name, shown in brackets in decisions (e.g. `request/reply`).
    #[serde(borrow)]
    pub aka: Option<Cow<'static, str>>,
    /// The current Well-Architected Framework's name for this kind (schema 3; e.g. `synchronous`),
    /// shown in brackets after the label wherever a kind is shown.
    #[serde(default)]
    #[serde(borrow)]
    pub wa_name: Option<Cow<'static, str>>,
    /// One paragraph saying what the class means.
    #[serde(borrow)]
    pub description: Cow<'static, str>,
    /// Practices a system of this class should commit to.
    pub practices: Vec<Practice>,
    /// Per practice: listed only when this holds (e.g. idempotency only for work that changes state).
    pub practice_when: Vec<Option<Condition>>,
}

/// A best practice a class demands.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Practice {
    /// Id such as `REL05-BP05`.
    pub id: Cow<'static, str>,
    /// Title of the practice.
    pub title: Cow<'static, str>,
    /// Why this class needs it.
    pub why: Cow<'static, str>,
    /// Where it is described.
    #[serde(default)]
    pub source: Option<Cow<'static, str>>,
    /// A second source, e.g. the Builders' Library article behind the best practice.
    #[serde(default)]
    pub see_also: Option<Cow<'static, str>>,
}

// By hand for one reason: text formats (records, `--format json`) leave out a missing source, as
// `skip_serializing_if` would, but the binary form of the built-in questionnaire (baked.rs) has no
// field names and must hold every field to be read back.
impl serde::Serialize for Practice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let all = !s.is_human_readable();
        let mut st = s.serialize_struct("Practice", 5)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("why", &self.why)?;
        for (name, v) in [("source", &self.source), ("see_also", &self.see_also)] {
            if all || v.is_some() {
                st.serialize_field(name, v)?;
            } else {
                st.skip_field(name)?;
            }
        }
        st.end()
    }
}

/// A group of questions.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Stable id.
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    /// Heading.
    #[serde(borrow)]
    pub title: Cow<'static, str>,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Exactly one of the choices.
    Single,
    /// Any number of the choices.
    Multiple,
    /// Yes or no.
    YesNo,
    /// A span of time such as `250ms` or `2 weeks`.
    Duration,
    /// A number.
    Number,
    /// Free text; never scored.
    Text,
}

impl Kind {
    /// The word used in the file format.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::YesNo => "yes_no",
            Kind::Duration => "duration",
            Kind::Number => "number",
            Kind::Text => "text",
        }
    }
}

/// One question.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Question {
    /// Stable id, stored in answers files and records.
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    /// Index into [`Questionnaire::sections`], if any.
    pub section: Option<usize>,
    /// Answer kind.
    pub kind: Kind,
    /// The question itself.
    #[serde(borrow)]
    pub prompt: Cow<'static, str>,
    /// "Why we ask".
    #[serde(borrow)]
    pub help: Cow<'static, str>,
    /// Where the reasoning comes from.
    #[serde(borrow)]
    pub source: Option<Cow<'static, str>>,
    /// Choices for single and multiple questions.
    pub choices: Vec<Choice>,
    /// Bands for duration and number questions, ascending; the last may be open-ended.
    pub bands: Vec<Band>,
    /// Weights for yes (yes/no questions).
    pub yes: Weights,
    /// Weights for no (yes/no questions).
    pub no: Weights,
    /// Unit shown after a number.
    #[serde(borrow)]
    pub unit: Option<Cow<'static, str>>,
    /// Number questions: the smallest answer accepted (e.g. 0 for counts and rates).
    pub min: Option<f64>,
    /// Number questions: only whole numbers (counts).
    pub whole: bool,
    /// Asked for the record and the ADR only; never scored.
    pub informational: bool,
    /// Describes how the system is built, not what it requires: never scored, never read by rules,
    /// only by findings. Keeps the required kind from being decided by today's design.
    pub design: bool,
    /// Shown only when this holds; refers only to earlier questions.
    pub show_if: Option<Condition>,
}

/// One choice of a single or multiple question.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    /// Stable id.
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    /// Text shown.
    #[serde(borrow)]
    pub label: Cow<'static, str>,
    /// Extra explanation.
    #[serde(borrow)]
    pub help: Cow<'static, str>,
    /// Weight toward each class.
    pub weights: Weights,
}

/// A range of a duration or number answer; durations are in milliseconds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Band {
    /// Inclusive upper bound, `None` for "anything larger".
    pub up_to: Option<f64>,
    /// Text shown for the band.
    #[serde(borrow)]
    pub label: Cow<'static, str>,
    /// Weight toward each class.
    pub weights: Weights,
}

/// A structured condition over answers (no expression language on purpose: it can be checked).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Condition {
    /// Every part holds.
    All(Vec<Condition>),
    /// At least one part holds.
    Any(Vec<Condition>),
    /// The part does not hold.
    Not(Box<Condition>),
    /// A test on one question's answer.
    Test {
        /// Question index.
        question: usize,
        /// What to check.
        test: Test,
    },
}

/// The check made on one answer. An unanswered or hidden question fails every test but `Answered(false)`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Test {
    /// One of these choices is selected (choice indices).
    AnyOf(Vec<usize>),
    /// All of these choices are selected.
    AllOf(Vec<usize>),
    /// The yes/no answer equals this.
    Is(bool),
    /// Duration (ms) or number at most this.
    AtMost(f64),
    /// Duration (ms) or number at least this.
    AtLeast(f64),
    /// The question is (or is not) answered.
    Answered(bool),
}

/// What a rule does to the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleEffect {
    /// The verdict is at least this stringent.
    Floor,
    /// The verdict is at most this stringent.
    Ceiling,
    /// The verdict is this class.
    Force,
}

/// A rule: when the condition holds, the effect applies.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    /// Stable id.
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    /// When it fires.
    pub when: Condition,
    /// Floor, ceiling or force.
    pub effect: RuleEffect,
    /// Class index the effect names.
    pub class: usize,
    /// Human reason shown when it fires.
    #[serde(borrow)]
    pub reason: Cow<'static, str>,
    /// Where the reasoning comes from.
    #[serde(borrow)]
    pub source: Option<Cow<'static, str>>,
    /// States the definition itself (schema 3): never overruled by weights, and a class it sets
    /// against the score leader is no conflict (docs/classification.md).
    #[serde(default)]
    pub definitional: bool,
    /// The definition's sentence, quoted from `source` (definitional rules only).
    #[serde(default)]
    #[serde(borrow)]
    pub definition: Option<Cow<'static, str>>,
}

/// How serious a finding is, as the Well-Architected Tool rates a missing best practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    /// Worth fixing.
    Low,
    /// Fix it before relying on the system.
    Medium,
    /// Fix it first.
    High,
}

impl Risk {
    /// The word, lower case.
    pub fn name(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
        }
    }
}

/// Answers that cannot all hold for one interaction.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ConflictRule {
    /// Stable id.
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    /// When the answers contradict each other.
    pub when: Condition,
    /// What is contradictory and what to re-check.
    #[serde(borrow)]
    pub text: Cow<'static, str>,
    /// Question indices to re-check.
    pub recheck: Vec<usize>,
}

/// A risk the answers raise.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FindingRule {
    /// Stable id.
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    /// How serious.
    pub risk: Risk,
    /// The Well-Architected Framework's own level for the practice (schema 3), kept beside
    /// syskind's `risk` so a reader can tell which is which.
    #[serde(default)]
    pub wa_risk: Option<Risk>,
    /// Best practice id, e.g. `REL04-BP04`.
    #[serde(borrow)]
    pub practice: Cow<'static, str>,
    /// What is wrong and what to do.
    #[serde(borrow)]
    pub text: Cow<'static, str>,
    /// The best practice's page.
    #[serde(borrow)]
    pub source: Option<Cow<'static, str>>,
    /// A second link.
    #[serde(borrow)]
    pub see_also: Option<Cow<'static, str>>,
    /// When it is raised.
    pub when: Condition,
    /// Only for verdicts of these classes (empty: any).
    pub classes: Vec<usize>,
}

/// Whether a question's answer adds weights.
pub fn is_scored(q: &Question) -> bool {
    q.kind != Kind::Text && !q.informational && !q.design
}

impl Class {
    /// The label with the framework's current name in brackets, e.g. `Hard real-time (synchronous)`.
    pub fn full_label(&self) -> String {
        match &self.wa_name {
            Some(n) => format!("{} ({n})", self.label),
            None => self.label.to_string(),
        }
    }
}

impl Questionnaire {
    /// Whether the classes are the Well-Architected risk levels (a lens imported by syskind): the
    /// verdict is then a risk review, decided by the lens's risk rules, and the answers' weights only
    /// keep the levels apart, so they are no reason to show.
    pub fn is_risk_review(&self) -> bool {
        self.classes.iter().map(|c| c.id.as_ref()).eq(["no_risk", "medium_risk", "high_risk"])
    }

    /// Whether rule `r` states the definition (and the questionnaire's schema honours that).
    pub fn rule_is_definitional(&self, r: usize) -> bool {
        self.schema >= 3 && self.rules[r].definitional
    }

    /// Index of the question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// Index of the class with this id.
    pub fn class_index(&self, id: &str) -> Option<usize> {
        self.classes.iter().position(|c| c.id == id)
    }
}

impl Question {
    /// Every weight vector an answer to this question can add: choices, bands, yes and no.
    pub fn weight_vectors(&self) -> impl Iterator<Item = &Vec<f64>> {
        self.choices
            .iter()
            .map(|c| &c.weights)
            .chain(self.bands.iter().map(|b| &b.weights))
            .chain([&self.yes, &self.no])
    }

    /// Index of the choice with this id.
    pub fn choice_index(&self, id: &str) -> Option<usize> {
        self.choices.iter().position(|c| c.id == id)
    }

    /// The band a duration (ms) or number falls in.
    pub fn band_of(&self, value: f64) -> Option<usize> {
        self.bands.iter().position(|b| b.up_to.is_none_or(|u| value <= u))
    }
}

impl Condition {
    /// Calls `f` with every question index the condition reads.
    pub fn for_each_question(&self, f: &mut impl FnMut(usize)) {
        match self {
            Condition::All(parts) | Condition::Any(parts) => parts.iter().for_each(|p| p.for_each_question(f)),
            Condition::Not(inner) => inner.for_each_question(f),
            Condition::Test { question, .. } => f(*question),
        }
    }
}
