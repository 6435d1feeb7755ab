//! "What would change it": the smallest single-answer changes that move the verdict to another class.

use serde::{Deserialize, Serialize};

use super::evaluate::{Eval, Scratch, add_contribution, class_with_change_in};
use crate::core::answers::Value;
use crate::core::duration::Duration;
use crate::core::questionnaire::{Kind, Question, Questionnaire};

/// How many changes are kept per target class.
pub const PER_CLASS: usize = 3;

/// One single-answer change and the class it would lead to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Question id.
    pub question: String,
    /// The answer now, as people read it (`None`: unanswered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The answer that would change the verdict, as people read it.
    pub to: String,
    /// The same answer as `--set` takes it (`question=value`).
    pub set: String,
    /// Class id the verdict would become.
    pub class: String,
    /// Size of the change: how far the weights move (smaller is a smaller change).
    pub cost: f64,
}

/// The values worth trying for a question: every other choice, each toggle, each band.
pub fn alternatives(q: &Question, current: Option<&Value>) -> Vec<Value> {
    match q.kind {
        Kind::Single => (0..q.choices.len()).map(Value::Choice).filter(|v| Some(v) != current).collect(),
        Kind::Multiple => {
            let mask = match current {
                Some(Value::Choices(m)) => *m,
                _ => 0,
            };
            (0..q.choices.len()).map(|i| Value::Choices(mask ^ (1 << i))).collect()
        }
        Kind::YesNo => [true, false].into_iter().map(Value::Bool).filter(|v| Some(v) != current).collect(),
        Kind::Duration | Kind::Number => {
            let now_band = current.and_then(|v| match v {
                Value::Duration(d) => q.band_of(d.as_millis() as f64),
                Value::Number(n) => q.band_of(*n),
                _ => None,
            });
            let mut prev = None;
            let mut out = Vec::new();
            for (i, b) in q.bands.iter().enumerate() {
                // A bounded band is represented by its bound; the open band by twice the last bound.
                let rep = b.up_to.or(prev.map(|p: f64| if p > 0.0 { p * 2.0 } else { p + 1.0 }));
                prev = b.up_to.or(prev);
                if Some(i) == now_band {
                    continue;
                }
                if let Some(x) = rep {
                    out.push(if q.kind == Kind::Duration {
                        Value::Duration(Duration(x.max(0.0) as u64))
                    } else {
                        Value::Number(x)
                    });
                }
            }
            out
        }
        Kind::Text => Vec::new(),
    }
}

pub(super) fn set_text(q: &Question, v: &Value) -> String {
    // Choices are their ids: no TOML value is built for them (a lens's review names many).
    match v {
        Value::Choice(i) => return format!("{}={}", q.id, q.choices[*i].id),
        Value::Choices(m) => {
            let mut out = format!("{}=", q.id);
            for (n, i) in crate::core::answers::chosen(*m, q.choices.len()).enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&q.choices[i].id);
            }
            return out;
        }
        Value::Bool(b) => return format!("{}={}", q.id, if *b { "yes" } else { "no" }),
        _ => {}
    }
    let text = match v.to_toml(q) {
        toml::Value::String(s) => s,
        toml::Value::Array(items) => {
            items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect::<Vec<_>>().join(",")
        }
        toml::Value::Boolean(b) => if b { "yes" } else { "no" }.to_string(),
        other => other.to_string(),
    };
    format!("{}={text}", q.id)
}

/// Tries every alternative answer to every applicable question and keeps those that change the class:
/// the [`PER_CLASS`] cheapest per class, cheapest first.
pub fn what_would_change(q: &Questionnaire, values: &[Option<Value>], base: &Eval) -> Vec<Change> {
    let n = q.classes.len();
    let mut trial = values.to_vec();
    // The best few per class, kept sorted as they are found: with few answers nearly every
    // alternative changes the class, and collecting then sorting them all cost more than the search.
    let mut best: Vec<Vec<(f64, usize, usize, Value)>> = vec![Vec::new(); n];
    let mut seq = 0;
    let mut scratch = Scratch::default();
    let (mut old, mut new) = (vec![0.0; n], vec![0.0; n]);
    for (i, question) in q.questions.iter().enumerate() {
        // Design and informational answers never move the class (no weight, no rule reads them, and
        // no scored question's visibility depends on them), so trying them would only cost time.
        if !base.visible[i]
            || question.design
            || (question.informational && q.index.rules_reading[i].is_empty() && !q.index.shown_by[i])
        {
            continue;
        }
        let current = values[i].as_ref();
        old.iter_mut().for_each(|x| *x = 0.0);
        if let Some(v) = current {
            add_contribution(question, v, &mut old);
        }
        for alt in alternatives(question, current) {
            let class = class_with_change_in(&mut scratch, q, &mut trial, base, i, alt.clone());
            if class == base.class {
                continue;
            }
            new.iter_mut().for_each(|x| *x = 0.0);
            add_contribution(question, &alt, &mut new);
            // A change that only flips a rule moves no weight; count it as a small step, not zero.
            let cost = old.iter().zip(&new).map(|(a, b)| (a - b).abs()).sum::<f64>().max(0.5);
            let kept = &mut best[class];
            // Earlier questions win ties, as they come first: insert after every entry not costlier.
            let at = kept.partition_point(|(c, _, _, _)| *c <= cost);
            seq += 1;
            if at < PER_CLASS {
                kept.insert(at, (cost, i, seq, alt));
                kept.truncate(PER_CLASS);
            }
        }
    }
    let mut found: Vec<(usize, f64, usize, usize, Value)> = best
        .into_iter()
        .enumerate()
        .flat_map(|(class, kept)| kept.into_iter().map(move |(cost, i, seq, alt)| (class, cost, i, seq, alt)))
        .collect();
    // Cheapest first; ties in the order they were found.
    found.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.3.cmp(&b.3)));
    found
        .into_iter()
        .map(|(class, cost, i, _, alt)| {
            let question = &q.questions[i];
            Change {
                question: question.id.to_string(),
                from: values[i].as_ref().map(|v| v.display(question)),
                to: alt.display(question),
                set: set_text(question, &alt),
                class: q.classes[class].id.to_string(),
                cost,
            }
        })
        .collect()
}
