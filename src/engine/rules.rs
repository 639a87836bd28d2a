//! The guidance's rules over an analysed note. Each check adds findings; the
//! grade is the worst `effect` among them (the brief's Decisions).

use super::analysis::{Analysis, Cover, Evidence, ReasonSpan, Weigh};
use super::lexicon::{Cat, Hit};
use super::{Finding, Rule};
use crate::note::{Grade, Lang, Severity, Status};
use std::ops::Range;

/// Longest note (in non-space characters) that still reads as about two
/// sentences; past it the note is padded even if it has few full stops.
const MAX_CHARS_JA: usize = 160;
const MAX_CHARS_EN: usize = 320;

pub(super) fn check(a: &Analysis, status: Option<Status>, out: &mut Vec<Finding>) {
    let whole = a.trimmed();
    if whole.is_empty() {
        out.push(Finding::new(Rule::Empty, Severity::Error, 0..a.text.len(), Some(Grade::Poor)));
        return;
    }
    let reasons = a.reasons();
    let evidence = reasons.iter().map(|r| r.evidence).max().unwrap_or(Evidence::None);

    chatter(a, out);
    for h in a.all(Cat::Hedge) {
        out.push(Finding::new(Rule::Hedging, Severity::Warning, h.start..h.end, Some(Grade::Marginal)));
    }
    too_long(a, status, out);
    slash_lists(a, out);
    let cover = Cover::of_reasons(&reasons);
    vague(a, status, &cover, out);
    let ft_poor = fasttrack(a, status, evidence, out);

    match status {
        Some(Status::Blocked | Status::NoIntent | Status::DuplicateInvalid) => {
            if !ft_poor {
                needs_reason(a, &reasons, evidence, whole.clone(), out);
            }
            if status == Some(Status::Blocked) {
                for h in a.all(Cat::NoIntent).filter(|h| !cover.contains(&(h.start..h.end))) {
                    out.push(Finding::new(Rule::StatusContradiction, Severity::Warning, h.start..h.end, None));
                }
            }
        }
        Some(Status::Unknown) => unknown(a, whole, out),
        Some(Status::InProgress) => {
            in_progress(a, whole, out);
            for h in a.all(Cat::Unreachable) {
                out.push(Finding::new(Rule::StatusContradiction, Severity::Warning, h.start..h.end, None));
            }
        }
        None => out.push(Finding::new(Rule::NoStatus, Severity::Hint, whole, None)),
    }
}

/// Anything but chatter: a content word or a word that states status,
/// intent, phase or contact. A note without it is only chatter.
fn has_substance(a: &Analysis) -> bool {
    a.clauses.iter().filter(|c| !c.chatter).any(|c| {
        a.content(&c.range, Weigh::Reason) > 0
            || a.hits_in(&c.range).any(|h| {
                matches!(
                    h.cat,
                    Cat::Inability
                        | Cat::NoIntent
                        | Cat::Restatement
                        | Cat::Label
                        | Cat::Phase
                        | Cat::Activity
                        | Cat::Contact
                        | Cat::Managed
                        | Cat::NewItem
                )
            })
    })
}

/// Engagement logistics and usage figures: marginal beside a real statement,
/// poor alone.
fn chatter(a: &Analysis, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for h in &a.hits {
        match h.cat {
            Cat::Logistics => found.push((Rule::Logistics, h.start..h.end)),
            Cat::Usage => found.push((Rule::UsageData, usage_span(a.text, h))),
            _ => {}
        }
    }
    if found.is_empty() {
        return;
    }
    let effect = if has_substance(a) { Grade::Marginal } else { Grade::Poor };
    for (rule, span) in found {
        out.push(Finding::new(rule, Severity::Warning, span, Some(effect)));
    }
}

/// Widens a usage word over the figure next to it: 「使用量 0.0%」, "12% active".
fn usage_span(text: &str, h: &Hit) -> Range<usize> {
    let figure = |c: char| c.is_ascii_digit() || matches!(c, '.' | '%' | '％' | ' ' | '０'..='９' | '．');
    let mut end = h.end;
    for c in text[h.end..].chars() {
        if figure(c) { end += c.len_utf8() } else { break }
    }
    let mut start = h.start;
    for c in text[..h.start].chars().rev() {
        if figure(c) { start -= c.len_utf8() } else { break }
    }
    crate::text::trim_range(text, start..end)
}

fn too_long(a: &Analysis, status: Option<Status>, out: &mut Vec<Finding>) {
    // A great Status unknown note may take three short sentences: count,
    // whom, managed or not.
    let limit = if status == Some(Status::Unknown) { 3 } else { 2 };
    if a.sentences.len() > limit {
        let span = a.sentences[limit].start..a.sentences[a.sentences.len() - 1].end;
        out.push(Finding::new(Rule::TooLong, Severity::Warning, span, Some(Grade::Marginal)));
        return;
    }
    let chars = a.text.chars().filter(|c| !c.is_whitespace()).count();
    let max = match a.lang {
        Lang::Ja => MAX_CHARS_JA,
        Lang::En => MAX_CHARS_EN,
    };
    if chars > max {
        out.push(Finding::new(Rule::TooLong, Severity::Warning, a.trimmed(), Some(Grade::Marginal)));
    }
}

/// Two or more category nouns joined by a slash standing in for a reason
/// ("cloud/data/legal issues"). A taxonomy label with a slash is not a list.
fn slash_lists(a: &Analysis, out: &mut Vec<Finding>) {
    let text = a.text;
    // Category words by start (as the hits come) and by end, and the
    // labels' cover, each looked up by binary search: a note of a thousand
    // slashes stays linear.
    let by_start: Vec<&Hit> = a.all(Cat::Category).collect();
    let mut by_end: Vec<(usize, usize)> = by_start.iter().map(|h| (h.end, h.start)).collect();
    by_end.sort_unstable();
    let labels = Cover::new(a.all(Cat::Label).map(|h| h.start..h.end));
    let mut chain: Option<Range<usize>> = None;
    let mut flush = |chain: &mut Option<Range<usize>>| {
        if let Some(r) = chain.take() {
            out.push(Finding::new(Rule::SlashList, Severity::Error, r, Some(Grade::Poor)));
        }
    };
    for (i, c) in text.char_indices().filter(|&(_, c)| c == '/' || c == '／') {
        let after = i + c.len_utf8();
        if labels.contains(&(i..after)) {
            continue;
        }
        let left_edge = text[..i].trim_end().len();
        let right_edge = after + (text[after..].len() - text[after..].trim_start().len());
        // The longest category word ending at the left edge, and the
        // longest starting at the right edge (hits by start are longest
        // first).
        let left = by_end.get(by_end.partition_point(|&(e, _)| e < left_edge)).filter(|&&(e, _)| e == left_edge);
        let right = by_start.get(by_start.partition_point(|h| h.start < right_edge)).filter(|h| h.start == right_edge);
        match (left, right) {
            (Some(&(_, l)), Some(r)) => match &mut chain {
                Some(ch) if ch.end >= l => ch.end = r.end,
                _ => {
                    flush(&mut chain);
                    chain = Some(l..r.end);
                }
            },
            _ => flush(&mut chain),
        }
    }
    flush(&mut chain);
}

/// Vague time words are always shown. They lower the grade only where they
/// qualify the intent or the inability, never inside the reason.
fn vague(a: &Analysis, status: Option<Status>, cover: &Cover, out: &mut Vec<Finding>) {
    // A newly added subscription explains an unknown intent by itself; "not
    // yet contacted" beside it describes that, not a hedge on intent.
    let new_item = status == Some(Status::Unknown) && a.all(Cat::NewItem).next().is_some();
    for h in a.all(Cat::Vague) {
        let span = h.start..h.end;
        let (severity, effect) = match status {
            Some(Status::InProgress | Status::DuplicateInvalid) => (Severity::Hint, None),
            Some(_) if new_item => (Severity::Hint, None),
            Some(_) if cover.contains(&span) => (Severity::Hint, None),
            Some(_) => (Severity::Warning, Some(Grade::Marginal)),
            None if a.clause_of(h.start).is_some_and(|c| c.main) => (Severity::Warning, None),
            None => (Severity::Hint, None),
        };
        out.push(Finding::new(Rule::VagueTime, severity, span, effect));
    }
}

/// Declining FastTrack's help is not a lack of intent for the service.
/// Returns true when that is a No intent note's only reason (poor).
fn fasttrack(a: &Analysis, status: Option<Status>, evidence: Evidence, out: &mut Vec<Finding>) -> bool {
    let mut poor = false;
    for c in a.clauses.iter().filter(|c| c.ft_declined) {
        let only_reason = status == Some(Status::NoIntent) && evidence == Evidence::None;
        poor |= only_reason;
        let (severity, effect) =
            if only_reason { (Severity::Error, Some(Grade::Poor)) } else { (Severity::Hint, None) };
        out.push(Finding::new(Rule::FasttrackDeclined, severity, c.range.clone(), effect));
    }
    poor
}

/// Blocked, No intent and Duplicate/Invalid must say why, specifically.
fn needs_reason(a: &Analysis, reasons: &[ReasonSpan], evidence: Evidence, whole: Range<usize>, out: &mut Vec<Finding>) {
    match evidence {
        Evidence::Specific => {}
        Evidence::Generic => {
            let r = reasons.iter().filter(|r| r.evidence == Evidence::Generic).min_by_key(|r| r.weak);
            // From the first generic word: 「お客様は特定の問題」 flags 「特定の問題」.
            let span = r.map_or(whole, |r| {
                let first =
                    a.hits_in(&r.range).find(|h| matches!(h.cat, Cat::Generic | Cat::Category | Cat::ReasonNoun));
                first.map_or(r.range.clone(), |h| h.start..r.range.end)
            });
            out.push(Finding::new(Rule::GenericReason, Severity::Warning, span, Some(Grade::Marginal)));
        }
        Evidence::None => {
            if let Some(c) = a.clauses.iter().find(|c| c.condition && !c.chatter) {
                // The condition itself: 「合併が完了するまで」, "until the merger completes".
                let span = match a.hits_in(&c.range).find(|h| h.cat == Cat::Condition) {
                    Some(h) if a.lang == Lang::Ja => c.range.start..h.end,
                    Some(h) => crate::text::trim_punct(a.text, h.start..c.range.end),
                    None => c.range.clone(),
                };
                out.push(Finding::new(Rule::ConditionNotReason, Severity::Warning, span, Some(Grade::Marginal)));
            } else {
                let span = a.clauses.iter().find(|c| c.main).map_or(whole, |c| c.range.clone());
                out.push(Finding::new(Rule::MissingReason, Severity::Error, span, Some(Grade::Poor)));
            }
        }
    }
}

/// Status unknown: contact attempts with a count, and managed or unmanaged;
/// or a newly added subscription or workload with when it was added.
fn unknown(a: &Analysis, whole: Range<usize>, out: &mut Vec<Finding>) {
    // 「連絡が取れません」 says the customer is unreachable, not what was tried.
    let unreachable: Vec<&Hit> = a.all(Cat::Unreachable).collect();
    let live = |h: &&Hit| {
        a.clause_of(h.start).is_none_or(|c| !c.chatter)
            && !unreachable.iter().any(|u| u.start <= h.start && h.end <= u.end)
    };
    if a.all(Cat::NewItem).any(|h| live(&h)) {
        if !a.all(Cat::When).any(|h| is_date_word(a.text, h)) {
            out.push(Finding::new(Rule::NewWithoutDate, Severity::Warning, whole, Some(Grade::Marginal)));
        }
        return;
    }
    if !a.all(Cat::Contact).any(|h| live(&h)) {
        out.push(Finding::new(Rule::NoContactAttempts, Severity::Error, whole, Some(Grade::Poor)));
        return;
    }
    if !has_count(a) {
        let first = a.all(Cat::Contact).find(|h| live(h)).map_or(whole.clone(), |h| h.start..h.end);
        out.push(Finding::new(Rule::NoAttemptCount, Severity::Warning, first, Some(Grade::Marginal)));
    }
    if a.all(Cat::Managed).next().is_none() {
        out.push(Finding::new(Rule::NoAccountType, Severity::Warning, whole.clone(), Some(Grade::Marginal)));
    }
    if a.all(Cat::Whom).next().is_none() {
        out.push(Finding::new(Rule::NoContactPerson, Severity::Hint, whole, None));
    }
}

/// A one-character date word (年, 月, 日) counts only after a number: 「11月」.
fn is_date_word(text: &str, h: &Hit) -> bool {
    if text[h.start..h.end].chars().count() > 1 {
        return true;
    }
    text[..h.start].trim_end().chars().next_back().is_some_and(is_numeral)
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, '０'..='９' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百')
}

/// A count of attempts: 「3 回」「三度」, "3 attempts", "three contact
/// attempts", "twice". 複数回 / several / repeatedly are not counts.
fn has_count(a: &Analysis) -> bool {
    let text = a.text;
    a.all(Cat::CountUnit).any(|h| match a.lang {
        Lang::Ja => text[..h.start].trim_end().chars().next_back().is_some_and(is_numeral),
        Lang::En => {
            let clause_start = a.clause_of(h.start).map_or(0, |c| c.range.start);
            text[clause_start..h.start].split_whitespace().rev().take(3).any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
                    || a.all(Cat::NumberWord).any(|n| {
                        let word = &text[n.start..n.end];
                        word.eq_ignore_ascii_case(w) && !word.eq_ignore_ascii_case("once")
                    })
            })
        }
    }) || a.all(Cat::NumberWord).any(|n| {
        let w = &text[n.start..n.end];
        w.eq_ignore_ascii_case("twice") || w.eq_ignore_ascii_case("thrice")
    })
}

/// In progress: great names the phase or the current focus in a clause that
/// says what is being done; a bare phase word or a restatement is marginal.
fn in_progress(a: &Analysis, whole: Range<usize>, out: &mut Vec<Finding>) {
    let t = a.threshold();
    let stated = a.clauses.iter().filter(|c| !c.chatter).any(|c| {
        let r = &c.range;
        let content = a.content(r, Weigh::Progress);
        let phase = a.has(r, Cat::Phase);
        (a.has(r, Cat::Activity) && (phase || content >= t)) || (phase && (a.has(r, Cat::PhaseMarker) || content >= t))
    });
    if !stated {
        let (severity, effect) =
            if has_substance(a) { (Severity::Warning, Grade::Marginal) } else { (Severity::Error, Grade::Poor) };
        out.push(Finding::new(Rule::NoPhase, severity, whole, Some(effect)));
    }
}
