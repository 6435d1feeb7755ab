//! Risk-rule conditions: choice ids joined with `&&`, `||`, `!` and brackets (`&&` binds tighter
//! than `||`), or `default` (always holds). Parsed to a tree and written back with the fewest
//! brackets.

/// A condition over one question's choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// `default`: holds whatever is chosen.
    Default,
    /// This choice is selected.
    Choice(String),
    /// The part does not hold.
    Not(Box<Expr>),
    /// Every part holds.
    And(Vec<Expr>),
    /// At least one part holds.
    Or(Vec<Expr>),
}

/// Why a condition does not parse: what, and at which character.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} (at character {at})")]
pub struct ExprError {
    /// What is wrong.
    pub what: String,
    /// Character offset in the condition.
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Id(String),
    And,
    Or,
    Not,
    Open,
    Close,
}

fn tokens(text: &str) -> Result<Vec<(usize, Token)>, ExprError> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let two = |a: char| chars.get(i + 1) == Some(&a);
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '&' if two('&') => {
                out.push((i, Token::And));
                i += 2;
            }
            '|' if two('|') => {
                out.push((i, Token::Or));
                i += 2;
            }
            '!' => {
                out.push((i, Token::Not));
                i += 1;
            }
            '(' => {
                out.push((i, Token::Open));
                i += 1;
            }
            ')' => {
                out.push((i, Token::Close));
                i += 1;
            }
            c if c.is_alphanumeric() || c == '_' || c == '-' || c == '.' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '-' | '.')) {
                    i += 1;
                }
                out.push((start, Token::Id(chars[start..i].iter().collect())));
            }
            other => return Err(ExprError { what: format!("`{other}` is not part of a condition"), at: i }),
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn at(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |t| t.0)
    }
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|t| &t.1)
    }
    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Expr::Or(parts) })
    }
    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut parts = vec![self.unary()?];
        while self.peek() == Some(&Token::And) {
            self.pos += 1;
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Expr::And(parts) })
    }
    fn unary(&mut self) -> Result<Expr, ExprError> {
        let at = self.at();
        match self.tokens.get(self.pos).map(|t| t.1.clone()) {
            Some(Token::Not) => {
                self.pos += 1;
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Some(Token::Open) => {
                self.pos += 1;
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(ExprError { what: "a `(` is not closed".into(), at: self.at() });
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(Token::Id(id)) => {
                self.pos += 1;
                Ok(Expr::Choice(id))
            }
            Some(_) => Err(ExprError { what: "a choice id, `!` or `(` was expected here".into(), at }),
            None => Err(ExprError { what: "the condition ends where a choice id was expected".into(), at }),
        }
    }
}

/// Parses a condition.
pub fn parse(text: &str) -> Result<Expr, ExprError> {
    if text.trim() == "default" {
        return Ok(Expr::Default);
    }
    let tokens = tokens(text)?;
    let mut p = Parser { tokens, pos: 0, end: text.chars().count() };
    let e = p.or()?;
    if p.pos < p.tokens.len() {
        return Err(ExprError { what: "unexpected text after the condition".into(), at: p.at() });
    }
    Ok(e)
}

impl Expr {
    /// The choice ids it names, in order of first mention.
    pub fn choices(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }
    fn collect<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Default => {}
            Expr::Choice(c) => {
                if !out.contains(&c.as_str()) {
                    out.push(c);
                }
            }
            Expr::Not(e) => e.collect(out),
            Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| e.collect(out)),
        }
    }

    /// Whether it holds for these selected choices.
    pub fn holds(&self, selected: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expr::Default => true,
            Expr::Choice(c) => selected(c),
            Expr::Not(e) => !e.holds(selected),
            Expr::And(v) => v.iter().all(|e| e.holds(selected)),
            Expr::Or(v) => v.iter().any(|e| e.holds(selected)),
        }
    }

    /// The condition as the lens writes it (brackets only where `||` sits inside `&&` or `!`).
    pub fn text(&self) -> String {
        match self {
            Expr::Default => "default".into(),
            Expr::Choice(c) => c.clone(),
            Expr::Not(e) => match **e {
                Expr::Choice(_) | Expr::Not(_) => format!("!{}", e.text()),
                _ => format!("!({})", e.text()),
            },
            Expr::And(v) => v
                .iter()
                .map(|e| if matches!(e, Expr::Or(_)) { format!("({})", e.text()) } else { e.text() })
                .collect::<Vec<_>>()
                .join(" && "),
            Expr::Or(v) => v.iter().map(Expr::text).collect::<Vec<_>>().join(" || "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_brackets_and_round_trip() {
        let e = parse("a && !b || (c || d) && e").unwrap();
        let on = |set: &'static [&'static str]| move |c: &str| set.contains(&c);
        assert!(e.holds(&on(&["a"])));
        assert!(!e.holds(&on(&["a", "b"])));
        assert!(e.holds(&on(&["d", "e"])));
        assert!(!e.holds(&on(&["d"])));
        assert_eq!(parse(&e.text()).unwrap(), e);
        assert_eq!(e.choices(), ["a", "b", "c", "d", "e"]);
        assert_eq!(parse(" default ").unwrap(), Expr::Default);
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(parse("a && ").unwrap_err().at, 5);
        assert_eq!(parse("(a || b").unwrap_err().what, "a `(` is not closed");
        assert_eq!(parse("a & b").unwrap_err().at, 2);
        assert!(parse("a b").is_err());
    }
}
