//! The note as styled, soft-wrapped lines: each flagged span in the style of
//! its kind, rows cut by the editor's own `wrap`, so the drawn text and the
//! terminal cursor agree on every column.

use crate::engine::Finding;
use crate::text::visible_char;
use crate::tui::editor::wrap;
use crate::tui::theme::{Theme, is_inline};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

/// Lines for `text` at `width`, with inline findings styled. When two
/// findings overlap, the more severe one's style wins, then the narrower.
pub fn note_lines(text: &str, findings: &[Finding], theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let inline: Vec<&Finding> = findings.iter().filter(|f| is_inline(f.rule) && f.start < f.end).collect();
    let style_at = |i: usize| -> Style {
        inline
            .iter()
            .filter(|f| f.start <= i && i < f.end)
            .max_by_key(|f| (f.severity, std::cmp::Reverse(f.end - f.start)))
            .map_or(Style::new(), |f| theme.finding(f.rule))
    };
    wrap(text, width)
        .into_iter()
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut buf = String::new();
            let mut cur: Option<Style> = None;
            for (off, g) in text[row.clone()].grapheme_indices(true) {
                let st = style_at(row.start + off);
                if cur.is_some_and(|c| c != st) {
                    spans.push(Span::styled(std::mem::take(&mut buf), cur.unwrap_or_default()));
                }
                cur = Some(st);
                buf.extend(g.chars().map(visible_char));
            }
            if !buf.is_empty() {
                spans.push(Span::styled(buf, cur.unwrap_or_default()));
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::note::{Lang, Status};

    #[test]
    fn vague_word_gets_its_own_span() {
        let text = "お客様は現在展開できません。";
        let r = Engine::builtin().lint(text, Some(Status::Blocked), Lang::Ja);
        let theme = Theme::new(false);
        let lines = note_lines(text, &r.findings, &theme, 80);
        let spans: Vec<(String, Style)> = lines[0].spans.iter().map(|s| (s.content.to_string(), s.style)).collect();
        assert_eq!(spans[1].0, "現在");
        assert_eq!(spans[1].1, theme.finding(crate::engine::Rule::VagueTime));
        assert_eq!(spans[0].1, Style::new());
    }
}
