//! What the views measure that the rest of the wizard needs: the question screen's areas (the
//! question pane as tall as the question needs, the panel the rest), how far the question pane
//! scrolls, and where links are. Kept out of the state, which the views read and never the other way.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus, Screen};
use super::layout::{self, Areas};
use super::question_view::{Content, content, max_peek, shown};

/// The question screen's areas for the whole terminal (see [`areas_in`]).
pub fn areas(app: &App) -> Areas {
    areas_in(app, app.screen_rect())
}

/// The question screen's areas in `area`: the question pane as tall as the current question needs
/// when there is room, the panel taking the rest (a compact strip when little is left).
pub fn areas_in(app: &App, area: Rect) -> Areas {
    sized(app, area).0
}

/// [`areas_in`], with the question's content when it was built to size the pane: it is built for
/// the pane's own width, so a frame draws it as is rather than building it again (decision 58).
pub fn sized(app: &App, area: Rect) -> (Areas, Option<Content<'static>>) {
    let width = layout::question_inner_width(area);
    // With the keys, the panel is drawn whole: the question keeps a few rows above it.
    let c = (app.focus != Focus::Panel || app.screen != Screen::Questions).then(|| content(app, width as usize));
    let want = c.as_ref().map_or(3, |c| c.lines.len());
    let strip = super::panel::strip_rows(app, layout::panel_inner_width(area) as usize);
    let a = layout::areas_for(area, u16::try_from(want).unwrap_or(u16::MAX), strip);
    debug_assert_eq!(a.content.width, width, "the content is built for the pane's width");
    (a, c)
}

/// The content `sized` gave, or the content built now (when the panel had the keys).
pub fn content_of(app: &App, a: &Areas, c: Option<Content<'static>>) -> Content<'static> {
    c.unwrap_or_else(|| content(app, a.content.width as usize))
}

/// Scrolls the question pane up (`by` > 0) or back down, within what there is above.
pub fn peek(app: &mut App, by: isize) {
    let (a, c) = sized(app, app.screen_rect());
    let c = content_of(app, &a, c);
    let most = max_peek(&c, a.content.height as usize);
    app.question_peek = app.question_peek.saturating_add_signed(by).min(most);
}

/// Where the current question's source link is on screen, for the terminal's link support: its
/// content `c`, laid out in `a`, as the frame draws it.
pub fn links_in(app: &App, a: &Areas, c: &Content) -> Vec<super::links::ScreenLink> {
    let q = &app.q.questions[app.current];
    let Some(url) = q.source.as_deref().and_then(super::links::checked_url) else { return Vec::new() };
    let Some(range) = c.source.clone() else { return Vec::new() };
    let (rows, _, _) = shown(c, a.content.height as usize, app.question_peek);
    let label = "Source: ".len() as u16;
    rows.iter()
        .enumerate()
        .filter(|(_, k)| range.contains(k))
        .map(|(row, k)| {
            let text: String = c.lines[*k].spans.iter().map(|s| s.content.as_ref()).collect();
            let skip = if *k == range.start { label } else { 0 };
            super::links::ScreenLink {
                x: a.content.x + skip,
                y: a.content.y + row as u16,
                width: (text.width() as u16).saturating_sub(skip),
                url: url.clone(),
            }
        })
        .collect()
}
