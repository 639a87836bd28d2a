//! The key reference in Markdown, generated from the keymap so the README
//! can be checked against it (tests/readme.rs).

use super::action::{Ctx, bindings_for};
use super::strings::Strings;
use crate::note::Lang;

const SECTIONS: [(Ctx, &str); 14] = [
    (Ctx::Drafts, "Drafts browser"),
    (Ctx::Search, "Search field"),
    (Ctx::Confirm, "Move to trash?"),
    (Ctx::Draft, "A draft's workloads"),
    (Ctx::NewNote, "Tenant and workload"),
    (Ctx::Status, "Status"),
    (Ctx::Questionnaire, "Help me choose"),
    (Ctx::Template, "Template"),
    (Ctx::Slots, "Slot prompts"),
    (Ctx::Compose, "Note editor"),
    (Ctx::ReasonPicker, "Reason picker"),
    (Ctx::Problems, "Unreadable draft files"),
    (Ctx::DismissReason, "Dismiss a finding"),
    (Ctx::QuitPrompt, "After a failed save"),
];

pub fn markdown() -> String {
    let s = Strings::get(Lang::En);
    let mut out = String::new();
    for (ctx, title) in SECTIONS {
        out.push_str(&format!("**{title}**\n\n| keys | does |\n|---|---|\n"));
        for b in bindings_for(ctx).filter(|b| b.ctx.is_some()) {
            let keys = b.keys.iter().map(|k| format!("`{}`", k.label())).collect::<Vec<_>>().join(" ");
            out.push_str(&format!("| {} | {} |\n", keys.replace('|', "\\|"), s.action(b.action.id())));
        }
        out.push('\n');
    }
    out.push_str("**Everywhere**\n\n| keys | does |\n|---|---|\n");
    for b in bindings_for(Ctx::Drafts).filter(|b| b.ctx.is_none()) {
        let keys = b.keys.iter().map(|k| format!("`{}`", k.label())).collect::<Vec<_>>().join(" ");
        out.push_str(&format!("| {keys} | {} |\n", s.action(b.action.id())));
    }
    out
}
