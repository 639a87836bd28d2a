//! statusnote: write entitlement status notes that are short, unambiguous and
//! say why. The engine (lint, grade, templates) is pure; the CLI is a thin
//! shell over it.

pub mod assets;
pub mod cli;
pub mod config;
pub mod draft;
pub mod engine;
pub mod note;
pub mod taxonomy;
pub mod template;
pub mod text;
pub mod tui;
