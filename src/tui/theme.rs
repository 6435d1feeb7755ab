//! Colour themes from `assets/themes/*.toml` (embedded) or a user file; `NO_COLOR` turns colour off,
//! and the wizard then relies on words, bold and reverse video alone.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// Built-in themes: (name, text).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("dark", include_str!("../../assets/themes/dark.toml")),
    ("light", include_str!("../../assets/themes/light.toml")),
    ("high-contrast", include_str!("../../assets/themes/high-contrast.toml")),
];

/// The colours the wizard draws with.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Theme name.
    pub name: String,
    /// Body text.
    pub text: Color,
    /// Secondary text.
    pub muted: Color,
    /// Headings and key hints.
    pub accent: Color,
    /// Pane borders.
    pub border: Color,
    /// Border of the focused pane.
    pub focus_border: Color,
    /// Highlighted row text.
    pub highlight_fg: Color,
    /// Highlighted row background.
    pub highlight_bg: Color,
    /// Errors.
    pub error: Color,
    /// Success.
    pub ok: Color,
    /// Preview marks.
    pub preview: Color,
    /// One colour per class, least stringent first (the last one repeats if there are more classes).
    pub classes: Vec<Color>,
    /// Colour off: styles use modifiers only.
    #[serde(skip)]
    pub mono: bool,
}

impl Theme {
    /// Loads a built-in theme by name, or a theme file by path.
    pub fn load(spec: Option<&str>) -> Result<Theme, String> {
        // The default theme is made, not parsed: the TOML parser's first run, paged in from the
        // binary, was a twentieth of the wizard's first frame. A test holds it equal to dark.toml.
        if spec.is_none() {
            return Ok(Theme::dark());
        }
        let name = spec.unwrap_or("dark");
        let text = match BUILT_IN.iter().find(|(n, _)| *n == name) {
            Some((_, t)) => t.to_string(),
            None => crate::store::read_text(std::path::Path::new(name)).map_err(|e| {
                let names: Vec<&str> = BUILT_IN.iter().map(|b| b.0).collect();
                format!("{e} (built-in themes: {})", names.join(", "))
            })?,
        };
        toml::from_str(&text).map_err(|e| {
            let pos = e.span().map(|s| crate::core::diagnostics::position(&text, s.start));
            // ratatui's own word for a bad colour ("Failed to parse Colors") names neither the value
            // nor what would do.
            let message = match e.span().and_then(|s| text.get(s)) {
                Some(v) if e.message().contains("Failed to parse Colors") => format!(
                    "{} is not a colour; use a name (red, lightblue, gray, …), an index (0-255) or \"#rrggbb\"",
                    crate::core::text::clip(&crate::core::text::safe(v.trim()), 60)
                ),
                _ => e.message().trim().to_string(),
            };
            match pos {
                Some(p) => format!("{name}:{}:{}: {message}", p.line, p.column),
                None => format!("{name}: {message}"),
            }
        })
    }

    /// The default theme, `assets/themes/dark.toml`, as values.
    pub fn dark() -> Theme {
        use Color::*;
        Theme {
            name: "dark".into(),
            text: White,
            muted: Gray,
            accent: LightCyan,
            border: DarkGray,
            focus_border: LightCyan,
            highlight_fg: Black,
            highlight_bg: LightCyan,
            error: LightRed,
            ok: LightGreen,
            preview: LightMagenta,
            classes: vec![LightBlue, Yellow, LightRed],
            mono: false,
        }
    }

    /// The theme without colour, for `NO_COLOR` and tests of colour-free reading.
    pub fn monochrome() -> Theme {
        Theme { mono: true, ..Theme::dark() }
    }

    fn fg(&self, c: Color) -> Style {
        if self.mono { Style::default() } else { Style::default().fg(c) }
    }

    /// Body text.
    pub fn text(&self) -> Style {
        self.fg(self.text)
    }
    /// Secondary text.
    pub fn muted(&self) -> Style {
        self.fg(self.muted)
    }
    /// Headings.
    pub fn accent(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }
    /// Error text.
    pub fn error(&self) -> Style {
        self.fg(self.error).add_modifier(Modifier::BOLD)
    }
    /// Success text.
    pub fn ok(&self) -> Style {
        self.fg(self.ok)
    }
    /// Preview marks.
    pub fn preview(&self) -> Style {
        self.fg(self.preview).add_modifier(Modifier::ITALIC)
    }
    /// A pane border, brighter when focused.
    pub fn border(&self, focused: bool) -> Style {
        match (self.mono, focused) {
            (true, true) => Style::default().add_modifier(Modifier::BOLD),
            (true, false) => Style::default(),
            (false, true) => Style::default().fg(self.focus_border),
            (false, false) => Style::default().fg(self.border),
        }
    }
    /// The highlighted row.
    pub fn highlight(&self) -> Style {
        if self.mono {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().fg(self.highlight_fg).bg(self.highlight_bg)
        }
    }
    /// A class's colour (bold, so the word stands out without colour too).
    pub fn class(&self, index: usize) -> Style {
        let c = self.classes.get(index).or(self.classes.last()).copied().unwrap_or(Color::Reset);
        self.fg(c).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_theme_loads() {
        for (name, _) in BUILT_IN {
            let t = Theme::load(Some(name)).unwrap();
            assert_eq!(&t.name, name);
            assert!(t.classes.len() >= 3);
        }
    }

    #[test]
    fn the_default_theme_is_dark_toml() {
        assert_eq!(
            Theme::load(Some("dark")).unwrap(),
            Theme::dark(),
            "assets/themes/dark.toml and Theme::dark() differ"
        );
        assert_eq!(Theme::load(None).unwrap(), Theme::dark());
    }

    #[test]
    fn a_bad_theme_names_the_problem() {
        assert!(
            Theme::load(Some("no-such-theme")).unwrap_err().contains("built-in themes: dark, light, high-contrast")
        );
    }
}
