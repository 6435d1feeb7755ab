//! Placeholders in rule reasons and conflict texts: `{response_window}` becomes the answer given, so
//! a reason says what the numbers are ("within 2m") instead of a fixed phrase that may not fit them.

use crate::core::answers::Value;
use crate::core::questionnaire::Questionnaire;

/// Fills each placeholder with its question's answer as people read it (`not given` when it has
/// none, or the question does not apply).
pub fn fill(text: &str, q: &Questionnaire, values: &[Option<Value>], visible: &[bool]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        match name.and_then(|n| q.question_index(n).map(|i| (n, i))) {
            Some((n, i)) => {
                let shown = values
                    .get(i)
                    .and_then(Option::as_ref)
                    .filter(|_| visible.get(i).copied().unwrap_or(false))
                    .map(|v| v.display(&q.questions[i]))
                    .unwrap_or_else(|| "not given".to_string());
                out.push_str(&shown);
                rest = &after[n.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_and_other_braces_left_alone() {
        let names: Vec<&str> =
            crate::core::text::placeholder_names("within {response_window} or {a b} {} {caller}").collect();
        assert_eq!(names, ["response_window", "caller"]);
    }

    #[test]
    fn placeholders_become_the_answers_given() {
        let q = crate::core::questionnaire::default_questionnaire();
        let mut values = vec![None; q.questions.len()];
        let w = q.question_index("response_window").unwrap();
        values[w] = Some(Value::Duration(crate::core::duration::Duration::parse("2m").unwrap()));
        let visible = vec![true; q.questions.len()];
        assert_eq!(
            fill("within {response_window}; {freshness}; {nope} {", &q, &values, &visible),
            "within 2m; not given; {nope} {"
        );
    }
}
