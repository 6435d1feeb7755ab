//! Mouse input for the question screen: clicks on the list and the choices, the wheel in any pane.
//! Hit-testing uses the same `layout::areas` the view draws with.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{App, Effect, Focus, Screen};
use super::layout::too_small;
use super::list::{Row, list_offset, list_rows};
use super::question_keys::{choose, is_typing, questions_key};
use crate::core::questionnaire::Kind;

/// Applies one mouse event.
pub(super) fn mouse(app: &mut App, m: MouseEvent) -> Option<Effect> {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    if app.overlay.is_some() || app.screen != Screen::Questions || too_small(area) {
        return None;
    }
    let (a, content) = super::measure::sized(app, area);
    let at = Position::new(m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if a.list.contains(at) {
                let rows = list_rows(app);
                let offset = list_offset(app, a.list.height.saturating_sub(2) as usize);
                let row = (m.row.saturating_sub(a.list.y + 1)) as usize + offset;
                if let Some(Row::Question(i)) = rows.get(row)
                    && app.visible(*i)
                {
                    app.open(*i);
                    app.focus = Focus::Question;
                }
            } else if a.content.contains(at) && app.option_count(app.current) > 0 {
                // The same column the view draws, at the same scroll: the clicked line's choice.
                let c = super::measure::content_of(app, &a, content);
                let (rows, _, _) = super::question_view::shown(&c, a.content.height as usize, app.question_peek);
                let line = rows.get((m.row - a.content.y) as usize).copied();
                app.focus = Focus::Question;
                if let Some(Some(k)) = line.and_then(|l| c.choice_of.get(l).copied()) {
                    app.cursor = k;
                    let kind = app.q.questions[app.current].kind;
                    if kind == Kind::Multiple {
                        let v = app.pending_value();
                        app.set_answer(v);
                    } else {
                        choose(app, k);
                    }
                }
            } else if a.question.contains(at) {
                app.focus = Focus::Question;
            } else if a.panel.contains(at) {
                app.focus = Focus::Panel;
            }
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = m.kind == MouseEventKind::ScrollDown;
            let code = if down { KeyCode::Down } else { KeyCode::Up };
            let focus = if a.list.contains(at) {
                Focus::List
            } else if a.panel.contains(at) {
                Focus::Panel
            } else {
                Focus::Question
            };
            let saved = app.focus;
            app.focus = focus;
            let ev = KeyEvent::new(code, KeyModifiers::NONE);
            // The wheel is ↑/↓ to the pane under it, through the same key table as the keys.
            match focus {
                Focus::List | Focus::Panel => {
                    questions_key(app, ev);
                }
                Focus::Question if !is_typing(app) => {
                    questions_key(app, ev);
                }
                // Over a typed answer the wheel scrolls the pane, so "why we ask" can be read whole.
                Focus::Question => super::measure::peek(app, if down { -1 } else { 1 }),
            }
            app.focus = saved;
        }
        _ => {}
    }
    app.refresh_preview();
    None
}
