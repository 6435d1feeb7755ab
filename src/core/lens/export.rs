//! A questionnaire as a Well-Architected custom lens. Sections become pillars; choice and yes/no
//! questions keep their choices; durations and numbers, which a lens cannot ask, become one choice
//! per band; free text cannot be asked at all. A finding that reads one question becomes a risk rule
//! on that question's choices (high first, then medium, then `default` → no risk); its text and
//! framework link become the improvement plan of the choices it reads. What cannot be carried, or
//! is carried only approximately, is listed beside the lens.

use super::expr::Expr;
use super::model::Lens;
use super::model::{
    AdditionalResources, LensChoice, LensQuestion, LensRisk, Pillar, Resource, ResourceKind, RiskRule, SCHEMA_VERSION,
    limits,
};
use crate::core::questionnaire::{Condition, Kind, Question, Questionnaire, Risk, Test};

/// A lens made from a questionnaire, and what it could not carry.
#[derive(Debug, Clone)]
pub struct Export {
    /// The lens.
    pub lens: Lens,
    /// What was left out or approximated, one sentence each.
    pub not_carried: Vec<String>,
    /// The findings carried as risk rules: (finding id, question id).
    pub carried: Vec<(String, String)>,
}

/// Cuts `text` to `max` characters (with `…` when cut).
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `raw` as a lens id: letters, digits and `_` only, 3 to `max` characters, and not ending in `_no`
/// (the WA Tool gives that suffix to the "None of these" choice it adds).
pub fn lens_id(raw: &str, max: usize) -> String {
    let mut id: String =
        raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).take(max).collect();
    if id.len() < limits::ID_MIN {
        id = format!("id_{id}");
    }
    if id.ends_with("_no") {
        if id.len() >= max {
            id.pop();
        }
        id.push('_');
    }
    id
}

/// `ids` made unique by a numbered suffix where two are the same after [`lens_id`].
fn unique(ids: Vec<String>, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        let mut candidate = id.clone();
        let mut n = 2;
        while out.contains(&candidate) {
            let tail = format!("_{n}");
            let keep: String = id.chars().take(max - tail.len()).collect();
            candidate = format!("{keep}{tail}");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// The lens choice ids of question `q`, by answer: choice index, yes/no (0 yes, 1 no), band index.
/// A lens id is at least 3 characters, so "no" is `nay`.
pub fn choice_ids(q: &Question) -> Vec<String> {
    match q.kind {
        Kind::Single | Kind::Multiple => {
            unique(q.choices.iter().map(|c| lens_id(&c.id, limits::ID)).collect(), limits::ID)
        }
        Kind::YesNo => vec!["yes".into(), "nay".into()],
        Kind::Duration | Kind::Number => (1..=q.bands.len()).map(|i| format!("band_{i}")).collect(),
        Kind::Text => Vec::new(),
    }
}

/// The condition as a lens condition on question `qi`'s choices; `None` when it reads another
/// question or cannot be said with choices. Sets `approx` when a bound falls inside a band.
fn to_expr(c: &Condition, q: &Questionnaire, qi: usize, approx: &mut bool) -> Option<Expr> {
    let ids = choice_ids(&q.questions[qi]);
    let one = |v: Vec<Expr>, and: bool| match v.len() {
        0 => None,
        1 => v.into_iter().next(),
        _ if and => Some(Expr::And(v)),
        _ => Some(Expr::Or(v)),
    };
    match c {
        Condition::Test { question, test } if *question == qi => {
            let pick =
                |idx: &[usize]| idx.iter().filter_map(|i| ids.get(*i)).map(|id| Expr::Choice(id.clone())).collect();
            match test {
                Test::AnyOf(idx) => one(pick(idx), false),
                Test::AllOf(idx) => one(pick(idx), true),
                Test::Is(b) => ids.get(usize::from(!*b)).map(|id| Expr::Choice(id.clone())),
                Test::Answered(true) => Some(Expr::Default),
                Test::Answered(false) => None,
                Test::AtMost(v) | Test::AtLeast(v) => {
                    let at_most = matches!(test, Test::AtMost(_));
                    let bands = &q.questions[qi].bands;
                    let mut lower = f64::NEG_INFINITY;
                    let mut out = Vec::new();
                    for (k, b) in bands.iter().enumerate() {
                        let upper = b.up_to.unwrap_or(f64::INFINITY);
                        let (all, some) = if at_most { (upper <= *v, lower < *v) } else { (lower >= *v, upper >= *v) };
                        if all {
                            out.push(Expr::Choice(ids[k].clone()));
                        } else if some {
                            *approx = true;
                        }
                        lower = upper;
                    }
                    one(out, false)
                }
            }
        }
        Condition::Test { .. } => None,
        Condition::Not(inner) => Some(Expr::Not(Box::new(to_expr(inner, q, qi, approx)?))),
        Condition::All(parts) | Condition::Any(parts) => {
            let and = matches!(c, Condition::All(_));
            let mut v = Vec::new();
            for p in parts {
                match to_expr(p, q, qi, approx)? {
                    Expr::Default if and => {}
                    e => v.push(e),
                }
            }
            if v.is_empty() { Some(Expr::Default) } else { one(v, and) }
        }
    }
}

/// The questions a condition reads.
pub fn questions_read(c: &Condition, out: &mut Vec<usize>) {
    match c {
        Condition::Test { question, .. } => {
            if !out.contains(question) {
                out.push(*question);
            }
        }
        Condition::Not(inner) => questions_read(inner, out),
        Condition::All(v) | Condition::Any(v) => v.iter().for_each(|p| questions_read(p, out)),
    }
}

/// A finding carried onto one question: its risk, its condition, and what it says.
struct Carried {
    id: String,
    risk: LensRisk,
    expr: Expr,
    text: String,
    source: Option<String>,
    see_also: Option<String>,
}

/// The findings that read only this question and can be said with its choices; the rest are noted.
fn carried_findings(q: &Questionnaire, not_carried: &mut Vec<String>) -> Vec<Vec<Carried>> {
    let mut per_question: Vec<Vec<Carried>> = (0..q.questions.len()).map(|_| Vec::new()).collect();
    for f in &q.findings {
        let mut read = Vec::new();
        questions_read(&f.when, &mut read);
        let ids: Vec<&str> = read.iter().map(|i| q.questions[*i].id.as_ref()).collect();
        if read.len() != 1 {
            not_carried.push(format!(
                "finding `{}` reads {} questions ({}); a lens risk rule reads one question's choices",
                f.id,
                read.len(),
                ids.join(", ")
            ));
            continue;
        }
        if !f.classes.is_empty() {
            not_carried.push(format!("finding `{}` holds only for some kinds; a lens has no kinds", f.id));
            continue;
        }
        let qi = read[0];
        let mut approx = false;
        let Some(expr) = to_expr(&f.when, q, qi, &mut approx).filter(|e| *e != Expr::Default) else {
            not_carried.push(format!("finding `{}` cannot be said with the choices of `{}`", f.id, ids[0]));
            continue;
        };
        if approx {
            not_carried.push(format!(
                "finding `{}`: its bound on `{}` falls inside a band; the lens rule uses the whole bands below it (an approximation)",
                f.id, ids[0]
            ));
        }
        let risk = match f.risk {
            Risk::High => LensRisk::High,
            Risk::Medium => LensRisk::Medium,
            Risk::Low => {
                not_carried.push(format!("finding `{}` is low risk; a lens has no low risk, so it is medium", f.id));
                LensRisk::Medium
            }
        };
        // The improvement plan names the framework's best practice, as the WA Tool's own lenses do.
        let title = q.classes.iter().flat_map(|c| &c.practices).find(|p| p.id == f.practice).map(|p| &p.title);
        let text = match title {
            Some(t) => format!("{} {t}: {}", f.practice, f.text),
            None if !f.practice.is_empty() => format!("{}: {}", f.practice, f.text),
            None => f.text.to_string(),
        };
        let (source, see_also) = (f.source.clone(), f.see_also.clone());
        per_question[qi].push(Carried {
            id: f.id.to_string(),
            risk,
            expr,
            text,
            source: source.map(|s| s.to_string()),
            see_also: see_also.map(|s| s.to_string()),
        });
    }
    per_question
}

/// The question's risk rules: one per level (a lens takes at most three: high, medium, and the
/// default), same-level findings joined with `||`.
fn risk_rules(carried: &[Carried]) -> Vec<RiskRule> {
    let mut rules: Vec<RiskRule> = Vec::new();
    for level in [LensRisk::High, LensRisk::Medium] {
        let mut at: Vec<Expr> = carried.iter().filter(|c| c.risk == level).map(|c| c.expr.clone()).collect();
        let expr = match at.len() {
            0 => continue,
            1 => at.remove(0),
            _ => Expr::Or(at),
        };
        rules.push(RiskRule { condition: expr.text(), risk: level });
    }
    rules.push(RiskRule { condition: "default".into(), risk: LensRisk::None });
    debug_assert!(rules.len() <= limits::RISK_RULES);
    rules
}

/// One choice: its help (else its title) with the question's source, and as improvement plan the
/// first carried finding that names it, else the question's first.
fn choice(id: &str, title: &str, help: &str, source: Option<&str>, carried: &[Carried]) -> LensChoice {
    let plan = carried.iter().find(|c| c.expr.choices().contains(&id)).or(carried.first());
    let shown = if help.is_empty() { title } else { help };
    LensChoice {
        id: id.to_string(),
        title: clip(title, limits::TITLE),
        helpful_resource: Some(Resource {
            display_text: clip(shown, limits::DISPLAY_TEXT),
            url: source.map(str::to_string),
        }),
        improvement_plan: Some(match plan {
            Some(p) => Resource { display_text: clip(&p.text, limits::DISPLAY_TEXT), url: p.source.clone() },
            None => Resource { display_text: "No risk is tied to this answer.".into(), url: None },
        }),
        // The finding's second link (a Builders' Library article) as a further plan.
        additional_resources: plan
            .and_then(|p| p.see_also.clone())
            .map(|url| AdditionalResources {
                kind: ResourceKind::ImprovementPlan,
                content: vec![Resource { display_text: "Further reading".into(), url: Some(url) }],
            })
            .into_iter()
            .collect(),
    }
}

/// One lens question from questionnaire question `qi` (`None` for free text, noted).
fn question(q: &Questionnaire, qi: usize, carried: &[Carried], not_carried: &mut Vec<String>) -> Option<LensQuestion> {
    let question = &q.questions[qi];
    let ids = choice_ids(question);
    if ids.is_empty() {
        not_carried
            .push(format!("question `{}` takes free text (or has no bands); a lens asks only choices", question.id));
        return None;
    }
    let titles: Vec<String> = match question.kind {
        Kind::Single | Kind::Multiple => question.choices.iter().map(|c| c.label.to_string()).collect(),
        Kind::YesNo => vec!["Yes".into(), "No".into()],
        _ => question.bands.iter().map(|b| b.label.to_string()).collect(),
    };
    match question.kind {
        Kind::Single => not_carried
            .push(format!("question `{}` takes one choice; a lens question takes any number (pick one)", question.id)),
        Kind::Duration | Kind::Number => not_carried.push(format!(
            "question `{}` takes a {}; the lens asks for its band instead (an approximation): {}",
            question.id,
            question.kind.name(),
            titles.join(" | ")
        )),
        _ => {}
    }
    if ids.len() > limits::CHOICES_PER_QUESTION {
        not_carried.push(format!(
            "question `{}` has {} choices; a lens takes {}: the rest are left out",
            question.id,
            ids.len(),
            limits::CHOICES_PER_QUESTION
        ));
    }
    let help = |k: usize| match question.kind {
        Kind::Single | Kind::Multiple => question.choices[k].help.as_ref(),
        _ => "",
    };
    let choices = ids
        .iter()
        .zip(&titles)
        .enumerate()
        .take(limits::CHOICES_PER_QUESTION)
        .map(|(k, (id, title))| choice(id, title, help(k), question.source.as_deref(), carried))
        .collect();
    let risk_rules = risk_rules(carried);
    Some(LensQuestion {
        id: lens_id(&question.id, limits::QUESTION_ID),
        title: clip(&question.prompt, limits::TITLE),
        description: clip(&question.help, limits::DESCRIPTION),
        helpful_resource: question.source.as_deref().map(|url| Resource {
            display_text: clip(&question.prompt, limits::DISPLAY_TEXT),
            url: Some(url.to_string()),
        }),
        choices,
        risk_rules,
    })
}

/// The questionnaire as a custom lens.
pub fn export(q: &Questionnaire) -> Export {
    let mut not_carried = Vec::new();
    let carried = carried_findings(q, &mut not_carried);
    // Sections in order, then the questions of none.
    let mut groups: Vec<(String, String, Vec<usize>)> =
        q.sections.iter().map(|s| (lens_id(&s.id, limits::ID), clip(&s.title, limits::TITLE), Vec::new())).collect();
    groups.push(("general".into(), "General".into(), Vec::new()));
    for (i, question) in q.questions.iter().enumerate() {
        let g = question.section.unwrap_or(q.sections.len());
        groups[g].2.push(i);
    }
    let mut pillars = Vec::new();
    for (id, name, members) in groups {
        let questions: Vec<LensQuestion> =
            members.iter().filter_map(|i| question(q, *i, &carried[*i], &mut not_carried)).collect();
        // A pillar over the limit continues in another ("… (2)").
        for (k, chunk) in questions.chunks(limits::QUESTIONS_PER_PILLAR).enumerate() {
            let (id, name) = if k == 0 {
                (id.clone(), name.clone())
            } else {
                (format!("{id}_{}", k + 1), format!("{name} ({})", k + 1))
            };
            pillars.push(Pillar { id, name, questions: chunk.to_vec() });
        }
    }
    if pillars.len() > limits::PILLARS {
        not_carried.push(format!(
            "{} pillars; a lens takes {}: the last {} are left out",
            pillars.len(),
            limits::PILLARS,
            pillars.len() - limits::PILLARS
        ));
        pillars.truncate(limits::PILLARS);
    }
    let carried_ids = carried
        .iter()
        .enumerate()
        .flat_map(|(qi, v)| v.iter().map(move |c| (c.id.clone(), q.questions[qi].id.to_string())))
        .collect();
    let lens = Lens {
        schema_version: SCHEMA_VERSION.into(),
        name: clip(&q.title, limits::NAME),
        description: clip(
            &format!(
                "{} (syskind questionnaire {} {}, exported as a custom lens.)",
                q.description.trim(),
                q.id,
                q.version
            ),
            limits::DESCRIPTION,
        ),
        pillars,
    };
    Export { lens, not_carried, carried: carried_ids }
}

#[cfg(test)]
mod tests {
    use super::{lens_id, unique};

    #[test]
    fn lens_ids_keep_to_the_wa_tools_alphabet_and_length() {
        assert_eq!(lens_id("sub-second", 64), "sub_second");
        assert_eq!(lens_id("a", 64), "id_a");
        assert_eq!(lens_id("say_no", 64), "say_no_", "the `_no` suffix is the WA Tool's");
        assert_eq!(lens_id("x_no", 4), "x_n_");
        assert_eq!(lens_id(&"é".repeat(80), 64).len(), 64);
        assert_eq!(unique(vec!["a_b".into(), "a_b".into(), "a_b".into()], 64), ["a_b", "a_b_2", "a_b_3"]);
    }
}
