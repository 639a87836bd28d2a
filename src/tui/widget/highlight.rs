//! The note as styled, soft-wrapped lines: each flagged span in the style of
//! its kind, rows cut by the editor's own `wrap`, so the drawn text and the
//! terminal cursor agree on every column.

use crate::engine::Finding;
use crate::text::visible_char;
use crate::tui::editor::wrap;
use crate::tui::theme::{Theme, is_inline};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Lines for `text` at `width`, with inline findings styled. When two
/// findings overlap, the more severe one's style wins, then the narrower.
pub fn note_lines(text: &str, findings: &[Finding], theme: &Theme, width: u16) -> Vec<Line<'static>> {
    note_lines_counted(text, findings, theme, width).0
}

/// `note_lines`, and how many steps it took: graphemes drawn plus findings
/// pushed, popped and passed. A test holds this linear in the note (a
/// redraw per key once scanned every finding for every character: 52 s a
/// key for a 365 KB note) without timing anything.
pub fn note_lines_counted(text: &str, findings: &[Finding], theme: &Theme, width: u16) -> (Vec<Line<'static>>, usize) {
    let mut work = 0;
    let runs = style_runs(text, findings, theme, &mut work);
    let mut run = 0;
    let lines = wrap(text, width)
        .into_iter()
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut buf = String::new();
            let mut cur: Option<Style> = None;
            for (off, g) in text[row.clone()].grapheme_indices(true) {
                work += 1;
                let i = row.start + off;
                while runs.get(run).is_some_and(|r| r.0.end <= i) {
                    run += 1;
                    work += 1;
                }
                let st = runs.get(run).filter(|r| r.0.start <= i).map_or(Style::new(), |r| r.1);
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
        .collect();
    (lines, work)
}

/// The styled byte ranges of the note, in order and not overlapping, in one
/// sweep over the findings sorted by start: a heap holds the findings that
/// cover the current point, the winner on top (most severe, then narrowest,
/// then the later finding, as the old per-character scan chose).
fn style_runs(text: &str, findings: &[Finding], theme: &Theme, work: &mut usize) -> Vec<(Range<usize>, Style)> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut inline: Vec<(usize, &Finding)> =
        findings.iter().enumerate().filter(|(_, f)| is_inline(f.rule) && f.start < f.end).collect();
    inline.sort_by_key(|(i, f)| (f.start, *i));
    let key = |i: usize, f: &Finding| (f.severity, Reverse(f.end - f.start), i);
    // Every point where the winner may change: starts and ends.
    let mut points: Vec<usize> = inline.iter().flat_map(|(_, f)| [f.start, f.end.min(text.len())]).collect();
    points.sort_unstable();
    points.dedup();
    let mut heap = BinaryHeap::new();
    let mut next = 0;
    let mut runs: Vec<(Range<usize>, Style)> = Vec::new();
    for w in points.windows(2) {
        let (at, to) = (w[0], w[1]);
        while let Some(&(i, f)) = inline.get(next).filter(|(_, f)| f.start <= at) {
            heap.push((key(i, f), f.end, f.rule));
            next += 1;
            *work += 1;
        }
        while heap.peek().is_some_and(|top| top.1 <= at) {
            heap.pop();
            *work += 1;
        }
        if let Some(top) = heap.peek() {
            let style = theme.finding(top.2);
            match runs.last_mut() {
                Some(last) if last.0.end == at && last.1 == style => last.0.end = to,
                _ => runs.push((at..to, style)),
            }
        }
        *work += 1;
    }
    runs
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

    /// The per-character scan the sweep replaced, kept as the reference.
    fn style_at_reference(findings: &[Finding], theme: &Theme, i: usize) -> Style {
        findings
            .iter()
            .filter(|f| is_inline(f.rule) && f.start < f.end)
            .filter(|f| f.start <= i && i < f.end)
            .max_by_key(|f| (f.severity, std::cmp::Reverse(f.end - f.start)))
            .map_or(Style::new(), |f| theme.finding(f.rule))
    }

    fn cell_styles(lines: &[Line]) -> Vec<(char, Style)> {
        lines.iter().flat_map(|l| l.spans.iter().flat_map(|s| s.content.chars().map(move |c| (c, s.style)))).collect()
    }

    use crate::engine::Rule;
    use crate::note::Severity;
    use proptest::prelude::*;

    const RULES: [Rule; 5] = [Rule::VagueTime, Rule::Hedging, Rule::SlashList, Rule::MissingReason, Rule::TooLong];
    const SEVERITIES: [Severity; 3] = [Severity::Hint, Severity::Warning, Severity::Error];

    proptest! {
        /// Overlapping, nested, equal and empty spans style every character
        /// as the per-character scan did.
        #[test]
        fn the_sweep_styles_as_the_scan_did(
            text in "[a-z 現在\\n]{0,60}",
            raw in prop::collection::vec((0usize..70, 0usize..20, 0usize..5, 0usize..3), 0..12),
        ) {
            let theme = Theme::new(false);
            let findings: Vec<Finding> = raw
                .iter()
                .map(|&(s, len, r, sev)| {
                    let start = crate::text::floor_char_boundary(&text, s);
                    let end = crate::text::floor_char_boundary(&text, s + len);
                    Finding::new(RULES[r], SEVERITIES[sev], start..end.max(start), None)
                })
                .collect();
            let got = cell_styles(&note_lines(&text, &findings, &theme, 20));
            // The reference, grapheme by grapheme, over the same rows.
            let mut want = Vec::new();
            for row in wrap(&text, 20) {
                for (off, g) in text[row.clone()].grapheme_indices(true) {
                    let st = style_at_reference(&findings, &theme, row.start + off);
                    want.extend(g.chars().map(|c| (visible_char(c), st)));
                }
            }
            prop_assert_eq!(got, want);
        }
    }
}
