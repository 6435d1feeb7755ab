//! The line mode's walk through the questionnaire, independent of how prompts are shown: skip what
//! does not apply or is already answered, go back on request, stop on request, and say the live
//! verdict after every answer. The question logic is the core's; only the asking is here.

use std::io;

use crate::core::answers::{Answers, Value};
use crate::core::engine::classify_quick;
use crate::core::engine::evaluate::visibility;
use crate::core::questionnaire::is_scored;
use crate::core::questionnaire::{Kind, Questionnaire};
use crate::report::verdict_line;

/// What the person did at a prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<T> {
    /// Answered.
    Value(T),
    /// Wants the previous question.
    Back,
    /// Wants to stop and keep the answers so far.
    Stop,
}

/// How prompts are shown (dialoguer in the binary, a script in tests).
pub trait Prompter {
    /// One of `items`.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> io::Result<Reply<usize>>;
    /// Any of `items`.
    fn multi(&mut self, prompt: &str, items: &[String], checked: &[bool]) -> io::Result<Reply<Vec<usize>>>;
    /// Yes or no.
    fn yes_no(&mut self, prompt: &str, default: Option<bool>) -> io::Result<Reply<bool>>;
    /// A line of text; `check` returns the message to show when the text is not acceptable.
    fn text(
        &mut self,
        prompt: &str,
        initial: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<Reply<String>>;
    /// A line of output.
    fn say(&mut self, line: &str);
}

/// How the walk ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Walked {
    /// Every applicable question was visited.
    Done(Answers),
    /// The person stopped early.
    Stopped(Answers),
}

/// The applicable, unanswered questions a script must still supply (free-text questions are optional).
pub fn missing(q: &Questionnaire, a: &Answers) -> Vec<String> {
    let visible = visibility(q, &a.values);
    q.questions
        .iter()
        .enumerate()
        // Only answers that decide the kind are required; free text, informational and design answers
        // (which only feed the risk review) may be left out, as `record new` allows.
        .filter(|(i, question)| visible[*i] && a.values[*i].is_none() && is_scored(question))
        .map(|(_, question)| question.id.to_string())
        .collect()
}

/// Asks every applicable question that has no answer yet, in order. `changed` hears every change
/// (answers and notes, with the question index) so the caller can autosave.
pub fn ask_all(
    q: &Questionnaire,
    mut answers: Answers,
    p: &mut dyn Prompter,
    changed: &mut dyn FnMut(&Answers, usize),
) -> io::Result<Walked> {
    let prefilled: Vec<bool> = answers.values.iter().map(Option::is_some).collect();
    let mut asked: Vec<usize> = Vec::new();
    let mut cursor = 0;
    let mut revisit: Option<usize> = None;
    loop {
        let visible = visibility(q, &answers.values);
        let next = match revisit.take() {
            Some(i) => Some(i),
            None => (cursor..q.questions.len()).find(|i| visible[*i] && !prefilled[*i]),
        };
        let Some(i) = next else { return Ok(Walked::Done(answers)) };
        let total = visible.iter().filter(|v| **v).count();
        let pos = visible[..=i].iter().filter(|v| **v).count();
        let question = &q.questions[i];
        p.say("");
        p.say(&format!("Question {pos} of {total} [{}]: {}", question.id, question.prompt));
        if !question.help.is_empty() {
            p.say(&format!("Why we ask: {}", question.help));
        }
        match ask_one(q, i, &answers, p)? {
            Reply::Value(v) => {
                answers.values[i] = v;
                changed(&answers, i);
                p.say(&verdict_line(&classify_quick(q, &answers)));
                // Notes are asked for only on request, at the end (see `plain::export`).
                asked.push(i);
                cursor = i + 1;
            }
            Reply::Back => match asked.pop() {
                Some(prev) => revisit = Some(prev),
                None => {
                    p.say("This is the first question; there is nothing to go back to.");
                    revisit = Some(i);
                }
            },
            Reply::Stop => return Ok(Walked::Stopped(answers)),
        }
    }
}

/// Asks question `i`; `Value(None)` means it was left unanswered.
fn ask_one(q: &Questionnaire, i: usize, a: &Answers, p: &mut dyn Prompter) -> io::Result<Reply<Option<Value>>> {
    let question = &q.questions[i];
    let current = a.values[i].as_ref();
    let labels: Vec<String> = question.choices.iter().map(|c| c.label.to_string()).collect();
    Ok(match question.kind {
        Kind::Single => {
            let default = match current {
                Some(Value::Choice(c)) => *c,
                _ => 0,
            };
            map(p.select("Choose one", &labels, default)?, |c| Some(Value::Choice(c)))
        }
        Kind::Multiple => {
            let mask = match current {
                Some(Value::Choices(m)) => *m,
                _ => 0,
            };
            let checked: Vec<bool> = (0..labels.len()).map(|k| mask & (1 << k) != 0).collect();
            map(p.multi("Choose any (Space ticks, Enter confirms)", &labels, &checked)?, |picked| {
                Some(Value::Choices(picked.into_iter().fold(0u64, |m, k| m | (1 << k))))
            })
        }
        Kind::YesNo => {
            let default = match current {
                Some(Value::Bool(b)) => Some(*b),
                _ => None,
            };
            map(p.yes_no("Yes or no", default)?, |b| Some(Value::Bool(b)))
        }
        Kind::Duration | Kind::Number | Kind::Text => {
            // As in the wizard, an empty answer skips the question (it stays unanswered).
            let hint = match question.kind {
                Kind::Duration => "A duration, e.g. 250ms, 2s, 5m, 1h, 1d (empty: Enter skips)",
                Kind::Number => "A number (empty: Enter skips)",
                _ => "Your answer (empty: Enter skips)",
            };
            let initial = current.map(|v| v.display(question)).unwrap_or_default();
            let check = |s: &str| {
                if s.trim().is_empty() {
                    return Ok(());
                }
                Value::parse(question, s).map(|_| ()).map_err(|e| e.to_string())
            };
            map(p.text(hint, &initial, &check)?, |s| {
                if s.trim().is_empty() { None } else { Value::parse(question, &s).ok() }
            })
        }
    })
}

fn map<T, U>(r: Reply<T>, f: impl FnOnce(T) -> U) -> Reply<U> {
    match r {
        Reply::Value(v) => Reply::Value(f(v)),
        Reply::Back => Reply::Back,
        Reply::Stop => Reply::Stop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::questionnaire::default_questionnaire;
    use std::collections::VecDeque;

    /// Replies from a script; records what was said.
    struct Script {
        replies: VecDeque<Reply<String>>,
        said: Vec<String>,
    }

    impl Script {
        fn next(&mut self) -> Reply<String> {
            self.replies.pop_front().unwrap_or(Reply::Stop)
        }
    }

    impl Prompter for Script {
        // Every prompt is kept in `said` (as `? prompt`), so a test can tell what was asked.
        fn select(&mut self, prompt: &str, _: &[String], _: usize) -> io::Result<Reply<usize>> {
            self.said.push(format!("? {prompt}"));
            Ok(map(self.next(), |s| s.parse().unwrap()))
        }
        fn multi(&mut self, prompt: &str, _: &[String], _: &[bool]) -> io::Result<Reply<Vec<usize>>> {
            self.said.push(format!("? {prompt}"));
            Ok(map(self.next(), |s| s.split(',').filter(|x| !x.is_empty()).map(|x| x.parse().unwrap()).collect()))
        }
        fn yes_no(&mut self, prompt: &str, _: Option<bool>) -> io::Result<Reply<bool>> {
            self.said.push(format!("? {prompt}"));
            Ok(map(self.next(), |s| s == "y"))
        }
        fn text(
            &mut self,
            prompt: &str,
            _: &str,
            check: &dyn Fn(&str) -> Result<(), String>,
        ) -> io::Result<Reply<String>> {
            self.said.push(format!("? {prompt}"));
            loop {
                match self.next() {
                    Reply::Value(s) => match check(&s) {
                        Ok(()) => return Ok(Reply::Value(s)),
                        Err(e) => self.said.push(format!("invalid: {e}")),
                    },
                    other => return Ok(other),
                }
            }
        }
        fn say(&mut self, line: &str) {
            self.said.push(line.to_string());
        }
    }

    fn v(s: &str) -> Reply<String> {
        Reply::Value(s.to_string())
    }

    #[test]
    fn walks_back_retries_invalid_input_and_skips_hidden_questions() {
        let q = default_questionnaire();
        // No note prompt after each answer: notes are asked for on request, at the end.
        let replies = vec![
            v("Checkout"), // interaction
            v("0"),        // caller = person_sync
            v("soon"),     // an invalid duration: said, and asked again
            Reply::Back,   // then back to caller
            v("1"),        // caller = service_sync
            v("3s"),       // caller_timeout
            v("n"),        // can_continue
            v("2s"),       // response_window
            v("0"),        // arrival
            v("n"),        // can_defer = no, so defer_limit is hidden
            Reply::Stop,
        ];
        let mut s = Script { replies: replies.into(), said: Vec::new() };
        let mut saves = 0;
        let out = ask_all(&q, Answers::empty(&q), &mut s, &mut |_, _| saves += 1).unwrap();
        assert!(saves >= 8, "every answer is autosaved: {saves}");
        let Walked::Stopped(a) = out else { panic!("stopped") };
        let get = |id: &str| a.values[q.question_index(id).unwrap()].clone();
        assert_eq!(get("caller"), Some(Value::Choice(1)));
        assert_eq!(get("can_defer"), Some(Value::Bool(false)));
        let prompts: Vec<&String> = s.said.iter().filter(|l| l.starts_with("? ")).collect();
        assert!(prompts.len() >= 9, "the prompts are seen: {prompts:?}");
        assert!(
            !prompts.iter().any(|l| l.to_lowercase().contains("note")),
            "no note prompt after each answer: {prompts:?}"
        );
        assert!(
            s.said.iter().any(|l| l.starts_with("invalid: `caller_timeout`: `soon` is not a duration")),
            "{:?}",
            s.said
        );
        assert!(s.said.iter().any(|l| l.starts_with("Verdict: Hard real-time")), "{:?}", s.said);
        assert!(!s.said.iter().any(|l| l.contains("[defer_limit]")), "hidden question not asked");
        assert!(s.said.iter().any(|l| l.contains("[late_cost]")), "{:?}", s.said);
    }

    #[test]
    fn prefilled_answers_are_not_asked_and_missing_lists_the_rest() {
        let q = default_questionnaire();
        let mut a = Answers::empty(&q);
        a.values[q.question_index("caller").unwrap()] = Some(Value::Choice(3));
        let m = missing(&q, &a);
        assert!(!m.contains(&"caller".to_string()) && m.contains(&"response_window".to_string()));
        assert!(!m.contains(&"interaction".to_string()), "free text is optional");
        assert!(!m.contains(&"defer_limit".to_string()), "hidden until can_defer = yes");
        let mut s = Script { replies: vec![v("x"), v("")].into(), said: Vec::new() };
        let _ = ask_all(&q, a, &mut s, &mut |_, _| {}).unwrap();
        assert!(!s.said.iter().any(|l| l.contains("[caller]")));
    }
}
