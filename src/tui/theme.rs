//! Named styles. Plain ANSI colours (the terminal's palette decides the
//! shade, so they read on dark and light themes) plus a modifier on every
//! problem style, so NO_COLOR and colour-blind users still see each kind.

use crate::engine::Rule;
use crate::note::{Grade, Severity};
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone)]
pub struct Theme {
    pub color: bool,
    /// For a light background: yellow and cyan, which wash out on white,
    /// become darker shades.
    pub light: bool,
    pub title: Style,
    pub selected: Style,
    pub dim: Style,
    pub key: Style,
    pub focus: Style,
    pub slot: Style,
    pub current_slot: Style,
    pub prompt: Style,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme::for_background(color, false)
    }

    pub fn for_background(color: bool, light: bool) -> Theme {
        let c = |style: Style, fg: Color| if color { style.fg(shade(fg, light)) } else { style };
        Theme {
            color,
            light,
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            dim: if color { Style::new().add_modifier(Modifier::DIM) } else { Style::new() },
            key: c(Style::new().add_modifier(Modifier::BOLD), Color::Cyan),
            focus: c(Style::new().add_modifier(Modifier::BOLD), Color::Blue),
            slot: c(Style::new().add_modifier(Modifier::UNDERLINED), Color::Blue),
            current_slot: Style::new().add_modifier(Modifier::REVERSED),
            prompt: c(Style::new().add_modifier(Modifier::BOLD), Color::Red),
        }
    }

    /// NO_COLOR (no-color.org): set and not empty.
    pub fn from_env() -> Theme {
        Theme::from_env_with(false)
    }

    /// NO_COLOR wins over the configured background.
    pub fn from_env_with(light: bool) -> Theme {
        Theme::for_background(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()), light)
    }

    pub fn grade(&self, g: Grade) -> Style {
        let base = Style::new().add_modifier(Modifier::BOLD);
        if !self.color {
            return base;
        }
        base.fg(shade(
            match g {
                Grade::Great => Color::Green,
                Grade::Marginal => Color::Yellow,
                Grade::Poor => Color::Red,
            },
            self.light,
        ))
    }

    pub fn severity(&self, s: Severity) -> Style {
        if !self.color {
            return if s == Severity::Error { Style::new().add_modifier(Modifier::BOLD) } else { Style::new() };
        }
        Style::new().fg(shade(
            match s {
                Severity::Error => Color::Red,
                Severity::Warning => Color::Yellow,
                Severity::Hint => Color::Cyan,
            },
            self.light,
        ))
    }

    /// The in-text style of a finding: a distinct colour and modifier per kind.
    pub fn finding(&self, rule: Rule) -> Style {
        let (fg, m) = match rule {
            Rule::VagueTime => (Color::Yellow, Modifier::UNDERLINED),
            Rule::GenericReason | Rule::ConditionNotReason => (Color::Magenta, Modifier::UNDERLINED),
            Rule::SlashList => (Color::Red, Modifier::UNDERLINED | Modifier::BOLD),
            Rule::Hedging => (Color::Cyan, Modifier::UNDERLINED | Modifier::ITALIC),
            Rule::UnfilledSlot => (Color::Red, Modifier::REVERSED),
            Rule::Logistics | Rule::UsageData => (Color::Blue, Modifier::CROSSED_OUT),
            // Past two sentences: dimmed, so the words flagged inside still show.
            Rule::TooLong => (Color::Reset, Modifier::DIM),
            Rule::StatusContradiction | Rule::FasttrackDeclined => (Color::Red, Modifier::UNDERLINED),
            _ => (Color::Reset, Modifier::UNDERLINED),
        };
        let s = Style::new().add_modifier(m);
        if self.color { s.fg(shade(fg, self.light)) } else { s }
    }

    /// The one-cell mark in the findings panel, readable without colour.
    pub fn mark(s: Severity) -> &'static str {
        match s {
            Severity::Error => "✖",
            Severity::Warning => "▲",
            Severity::Hint => "·",
        }
    }
}

/// The colour to use on the theme's background: on a light one, yellow
/// becomes dark orange and cyan dark teal (256-colour palette).
fn shade(c: Color, light: bool) -> Color {
    match (c, light) {
        (Color::Yellow, true) => Color::Indexed(130),
        (Color::Cyan, true) => Color::Indexed(30),
        _ => c,
    }
}

/// Findings drawn inside the text. The others are about the whole note
/// (a missing reason, no phase) and appear as a prompt and in the panel.
pub fn is_inline(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::VagueTime
            | Rule::GenericReason
            | Rule::ConditionNotReason
            | Rule::SlashList
            | Rule::Hedging
            | Rule::UnfilledSlot
            | Rule::Logistics
            | Rule::UsageData
            | Rule::TooLong
            | Rule::StatusContradiction
            | Rule::FasttrackDeclined
    )
}
