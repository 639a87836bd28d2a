//! The guidance's rules over an analysed note. Each check adds findings; the
//! grade is the worst `effect` among them (the brief's Decisions).

use super::analysis::{Analysis, Cover, Evidence as Weight, ReasonSpan, Weigh};
use super::lexicon::{Cat, Hit};
use super::{Element, Evidence, Finding, Rule};
use crate::note::{Grade, Lang, Severity, Status};
use std::ops::Range;

/// Longest note (in non-space characters) that still reads as about two
/// sentences; past it the note is padded even if it has few full stops.
const MAX_CHARS_JA: usize = 160;
const MAX_CHARS_EN: usize = 320;

pub(super) fn check(
    a: &Analysis,
    given: Option<Status>,
    reads_as: Option<Status>,
    out: &mut Vec<Finding>,
    found: &mut Vec<Evidence>,
) {
    let whole = a.trimmed();
    if whole.is_empty() {
        out.push(Finding::new(Rule::Empty, Severity::Error, 0..a.text.len(), Some(Grade::Poor)));
        return;
    }
    // With no status, the note is graded as the status it reads as.
    let status = given.or(reads_as);
    // Weighing reasons is the costly part of a note: only the statuses that
    // need a why, and time words (whose grade depends on where they stand),
    // ask for it.
    let needs_reasons = matches!(status, Some(Status::Blocked | Status::NoIntent | Status::DuplicateInvalid))
        || a.all(Cat::Vague).next().is_some();
    let reasons = if needs_reasons { a.reasons() } else { Vec::new() };
    let evidence = reasons.iter().map(|r| r.evidence).max().unwrap_or(Weight::None);

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
                needs_reason(a, status, &reasons, evidence, whole.clone(), out);
            }
            if let Some(r) = reasons.iter().find(|r| r.evidence == Weight::Specific && !r.weak) {
                let span = r.range.clone();
                found.push(Evidence { element: Element::Reason, start: span.start, end: span.end });
            }
            if status == Some(Status::Blocked) {
                for h in a.all(Cat::NoIntent).filter(|h| !cover.contains(&(h.start..h.end))) {
                    out.push(Finding::new(Rule::StatusContradiction, Severity::Warning, h.start..h.end, None));
                }
            }
        }
        Some(Status::Unknown) => unknown(a, whole.clone(), out, found),
        Some(Status::InProgress) => {
            in_progress(a, whole.clone(), out, found);
            for h in a.all(Cat::Unreachable).filter(|h| about_the_customer(a, h)) {
                out.push(Finding::new(Rule::StatusContradiction, Severity::Warning, h.start..h.end, None));
            }
        }
        None => {}
    }
    if given.is_none() {
        // Nothing to grade it by: the engine cannot vouch for the note, so it
        // asks for the status rather than call it great.
        let (severity, effect) = match reads_as {
            Some(_) => (Severity::Hint, None),
            None => (Severity::Warning, Some(Grade::Marginal)),
        };
        out.push(Finding::new(Rule::NoStatus, severity, whole, effect));
    }
}

/// The status a note without one reads as, so it can be graded by it:
/// 「お客様の無反応。」 reads as Status unknown, "Customer declined
/// FastTrack assistance." as No intent. None when nothing points anywhere.
pub(super) fn reads_as(a: &Analysis) -> Option<Status> {
    let said = |cat: Cat, words: &[&str]| {
        a.all(cat).any(|h| {
            let t = a.text[h.start..h.end].to_lowercase();
            words.iter().any(|w| t.contains(w))
        })
    };
    let dup = ["duplicate", "invalid", "重複", "無効"];
    if said(Cat::Restatement, &dup) || said(Cat::Label, &dup) {
        return Some(Status::DuplicateInvalid);
    }
    if a.all(Cat::Unreachable).next().is_some()
        || a.all(Cat::NewItem).next().is_some()
        || said(Cat::Restatement, &["unknown", "不明"])
        || said(Cat::Label, &["unknown", "不明", "無反応", "unresponsive"])
    {
        return Some(Status::Unknown);
    }
    if a.all(Cat::NoIntent).next().is_some() || a.clauses.iter().any(|c| c.ft_declined) {
        return Some(Status::NoIntent);
    }
    if a.all(Cat::Inability).next().is_some() || said(Cat::Restatement, &["blocked", "ブロック"]) {
        return Some(Status::Blocked);
    }
    if a.hits.iter().any(|h| matches!(h.cat, Cat::Phase | Cat::Activity))
        || said(Cat::Restatement, &["progress", "進行"])
    {
        return Some(Status::InProgress);
    }
    None
}

/// "Cannot be reached" contradicts In progress only when it is about the
/// customer: "the gateway cannot reach the SQL server" is a technical fact.
fn about_the_customer(a: &Analysis, h: &Hit) -> bool {
    let Some(c) = a.clause_of(h.start) else { return true };
    let r = &c.range;
    a.has(r, Cat::Person) || a.has(r, Cat::Contact) || a.has(r, Cat::Whom) || a.anchor(r).is_none()
}

/// A statement beside the chatter: content, or what the status needs (a
/// phase, contact attempts). Restating the status ("No intent.") is none.
fn has_substance(a: &Analysis) -> bool {
    a.clauses.iter().filter(|c| !c.chatter).any(|c| {
        a.content(&c.range, Weigh::Reason) > 0
            || a.hits_in(&c.range)
                .any(|h| matches!(h.cat, Cat::Phase | Cat::Activity | Cat::Contact | Cat::Managed | Cat::NewItem))
    })
}

/// Engagement logistics and usage figures: marginal beside a real statement,
/// poor alone. One finding a sentence: a kickoff sentence is one problem.
fn chatter(a: &Analysis, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    // Most notes have no chatter at all: nothing to group then.
    if !a.clauses.iter().any(|c| c.chatter) {
        return;
    }
    let mut i = 0;
    while i < a.clauses.len() {
        let len = a.rest_of_sentence(i).count();
        let run = &a.clauses[i..i + len];
        i += len;
        let mut pick = None;
        for c in run.iter().filter(|c| c.chatter) {
            if let Some(h) = a.hits_in(&c.range).find(|h| h.cat == Cat::Logistics) {
                pick = Some((Rule::Logistics, h.start..h.end));
                break;
            }
            if pick.is_none() {
                if let Some(f) = a.usage_figure(&c.range, a.hits_slice(&c.range)) {
                    let h = Hit { start: f.start, end: f.end, cat: Cat::Usage };
                    pick = Some((Rule::UsageData, usage_span(a.text, &h)));
                }
            }
        }
        found.extend(pick);
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
    // The full stop after "0.0%" ends the sentence; it is not the figure's.
    let r = crate::text::trim_range(text, start..end);
    let body = text[r.clone()].trim_end_matches(['.', '．']);
    r.start..r.start + body.len()
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
    if !text.contains(['/', '／']) {
        return;
    }
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
            // "Contacted 3 times so far" describes the attempts; "has not
            // responded yet" qualifies the customer's silence, which is the
            // status itself: that one lowers the grade, as on the intent.
            Some(Status::Unknown)
                if a.clause_of(h.start)
                    .is_some_and(|c| a.has(&c.range, Cat::Contact) && !a.has(&c.range, Cat::Unreachable)) =>
            {
                (Severity::Hint, None)
            }
            Some(_) if cover.contains(&span) => (Severity::Hint, None),
            // Blocked and No intent: only a time word on the statement of
            // the inability or the intent ("Blocked for now", 「現在展開
            // できません」) hides until when; one on a fact is a hint.
            Some(Status::Blocked | Status::NoIntent) if !on_the_statement(a, h) => (Severity::Hint, None),
            Some(_) => (Severity::Warning, Some(Grade::Marginal)),
            None if a.clause_of(h.start).is_some_and(|c| c.main) => (Severity::Warning, None),
            None => (Severity::Hint, None),
        };
        out.push(Finding::new(Rule::VagueTime, severity, span, effect));
    }
}

/// A time word on the statement of the inability or the intent: in its
/// clause, or before the predicate of its sentence (「お客様は現在、…展開
/// できません」), or on a status word ("Blocked for now").
fn on_the_statement(a: &Analysis, h: &Hit) -> bool {
    let Some(i) = a.clause_index(h.start) else { return false };
    let c = &a.clauses[i];
    if a.hits_in(&c.range).any(|x| matches!(x.cat, Cat::Restatement | Cat::Label)) {
        return true;
    }
    a.rest_of_sentence(i).any(|m| m.main)
}

/// Declining FastTrack's help is not a lack of intent for the service.
/// Returns true when that is a No intent note's only reason (poor).
fn fasttrack(a: &Analysis, status: Option<Status>, evidence: Weight, out: &mut Vec<Finding>) -> bool {
    let mut poor = false;
    for c in a.clauses.iter().filter(|c| c.ft_declined) {
        let only_reason = status == Some(Status::NoIntent) && evidence == Weight::None;
        poor |= only_reason;
        let (severity, effect) =
            if only_reason { (Severity::Error, Some(Grade::Poor)) } else { (Severity::Hint, None) };
        out.push(Finding::new(Rule::FasttrackDeclined, severity, c.range.clone(), effect));
    }
    poor
}

/// Blocked, No intent and Duplicate/Invalid must say why, specifically.
fn needs_reason(
    a: &Analysis,
    status: Option<Status>,
    reasons: &[ReasonSpan],
    evidence: Weight,
    whole: Range<usize>,
    out: &mut Vec<Finding>,
) {
    if evidence != Weight::Specific {
        // A pending check is no reason: "waiting on the account team to
        // confirm" says what is not known yet, not why.
        let pending = a.all(Cat::Pending).find(|h| a.clause_of(h.start).is_none_or(|c| !c.chatter));
        if let Some(h) = pending {
            let span = a.clause_of(h.start).map_or(h.start..h.end, |c| c.range.clone());
            let effect = if status == Some(Status::NoIntent) && evidence == Weight::Generic {
                Grade::Marginal
            } else {
                Grade::Poor
            };
            out.push(Finding::new(Rule::PendingCheck, Severity::Error, span, Some(effect)));
            return;
        }
    }
    match evidence {
        Weight::Specific => {}
        Weight::Generic => {
            let r = reasons.iter().filter(|r| r.evidence == Weight::Generic).min_by_key(|r| r.weak);
            // From the first generic word: 「お客様は特定の問題」 flags 「特定の問題」.
            let span = r.map_or(whole, |r| {
                let first =
                    a.hits_in(&r.range).find(|h| matches!(h.cat, Cat::Generic | Cat::Category | Cat::ReasonNoun));
                first.map_or(r.range.clone(), |h| h.start..r.range.end)
            });
            out.push(Finding::new(Rule::GenericReason, Severity::Warning, span, Some(Grade::Marginal)));
        }
        Weight::None => {
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
fn unknown(a: &Analysis, whole: Range<usize>, out: &mut Vec<Finding>, found: &mut Vec<Evidence>) {
    let mut mark = |element: Element, r: Range<usize>| found.push(Evidence { element, start: r.start, end: r.end });
    // 「連絡が取れません」 says the customer is unreachable, not what was tried.
    let unreachable: Vec<&Hit> = a.all(Cat::Unreachable).collect();
    let live = |h: &&Hit| {
        a.clause_of(h.start).is_none_or(|c| !c.chatter)
            && !unreachable.iter().any(|u| u.start <= h.start && h.end <= u.end)
    };
    // A new subscription with when it was added is complete by itself;
    // without the date it is the L2 label restated, and the attempts are
    // needed after all.
    let new = a.all(Cat::NewItem).find(|h| live(h));
    if let Some((new, date)) = new.and_then(|n| Some((n, date_span(a)?))) {
        mark(Element::NewItem, new.start..new.end);
        mark(Element::When, date);
        return;
    }
    let Some(contact) = a.all(Cat::Contact).find(|h| live(h)) else {
        let rule = if new.is_some() { Rule::NewWithoutDate } else { Rule::NoContactAttempts };
        out.push(Finding::new(rule, Severity::Error, whole, Some(Grade::Poor)));
        return;
    };
    if new.is_some() {
        out.push(Finding::new(Rule::NewWithoutDate, Severity::Hint, whole.clone(), None));
    }
    mark(Element::Attempts, contact.start..contact.end);
    match count_span(a) {
        Some(c) => mark(Element::Count, c),
        None => out.push(Finding::new(
            Rule::NoAttemptCount,
            Severity::Warning,
            contact.start..contact.end,
            Some(Grade::Marginal),
        )),
    }
    match a.all(Cat::Managed).next() {
        Some(m) => mark(Element::AccountType, m.start..m.end),
        None => out.push(Finding::new(Rule::NoAccountType, Severity::Warning, whole.clone(), Some(Grade::Marginal))),
    }
    match a.all(Cat::Whom).next() {
        Some(w) => mark(Element::Whom, w.start..w.end),
        None => out.push(Finding::new(Rule::NoContactPerson, Severity::Hint, whole, None)),
    }
}

/// When something happened: a date in any usual form (2026-11-28,
/// 11/28/2026, 6/3, 6月3日, Q3, FY27) or a relative one (last week, 先週).
fn date_span(a: &Analysis) -> Option<Range<usize>> {
    let word = a.all(Cat::When).find(|h| is_date_word(a.text, h)).map(|h| h.start..h.end);
    let numeric = numeric_date(a.text);
    match (word, numeric) {
        (Some(w), Some(n)) => Some(if n.start < w.start { n } else { w }),
        (w, n) => w.or(n),
    }
}

/// The first all-digit date: digit groups joined by - / . (two or three of
/// them, the first up to four digits), or Q1-Q4 / FY with digits.
fn numeric_date(text: &str) -> Option<Range<usize>> {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let sep = |c: char| matches!(c, '-' | '/' | '.' | '／' | '－');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let prev_word = i > 0 && chars[i - 1].1.is_alphanumeric() && !crate::note::is_japanese_char(chars[i - 1].1);
        if digit(c) && !prev_word {
            let mut j = i;
            let mut groups = 0;
            let mut end = start;
            loop {
                let g = j;
                while j < chars.len() && digit(chars[j].1) {
                    j += 1;
                }
                let len = j - g;
                if len == 0 || len > 4 {
                    break;
                }
                groups += 1;
                end = chars[j - 1].0 + chars[j - 1].1.len_utf8();
                if j + 1 < chars.len() && sep(chars[j].1) && digit(chars[j + 1].1) {
                    j += 1;
                } else {
                    break;
                }
            }
            // 0.0% and version 1.2 are not dates; 6/3 and 2026-11-28 are.
            let joined_by_dot = text[start..end].contains('.');
            let followed_by_percent = text[end..].starts_with(['%', '％']);
            if (2..=3).contains(&groups) && !followed_by_percent && !(joined_by_dot && groups == 2) {
                return Some(start..end);
            }
            i = j.max(i + 1);
            continue;
        }
        if matches!(c, 'Q' | 'q') && !prev_word && chars.get(i + 1).is_some_and(|&(_, n)| ('1'..='4').contains(&n)) {
            let after = chars.get(i + 2).map(|&(_, n)| n);
            if after.is_none_or(|n| !n.is_alphanumeric() || crate::note::is_japanese_char(n)) {
                return Some(start..start + 2);
            }
        }
        i += 1;
    }
    None
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
fn count_span(a: &Analysis) -> Option<Range<usize>> {
    let text = a.text;
    // Japanese: a numeral right before the counter (3 回, ３度, 三回).
    let counter = |h: &Hit| {
        let before = text[..h.start].trim_end();
        let num_start = before.char_indices().rev().take_while(|&(_, c)| is_numeral(c)).last().map(|(i, _)| i)?;
        Some(num_start..h.end)
    };
    // English: a number within three words before the unit ("3 attempts",
    // "three contact attempts"), in either language's note.
    let words = |h: &Hit| {
        let clause_start = a.clause_of(h.start).map_or(0, |c| c.range.start);
        let lead = &text[clause_start..h.start];
        let w = lead.split_whitespace().rev().take(3).find(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)))
                || a.all(Cat::NumberWord).any(|n| {
                    let word = &text[n.start..n.end];
                    word.eq_ignore_ascii_case(w) && !word.eq_ignore_ascii_case("once")
                })
        })?;
        lead.rfind(w).map(|at| clause_start + at..h.end)
    };
    let unit = a.all(Cat::CountUnit).find_map(|h| counter(h).or_else(|| words(h)));
    unit.or_else(|| times_sign(text)).or_else(|| {
        a.all(Cat::NumberWord)
            .find(|n| {
                let w = &text[n.start..n.end];
                w.eq_ignore_ascii_case("twice") || w.eq_ignore_ascii_case("thrice")
            })
            .map(|n| n.start..n.end)
    })
}

/// "2x mail", "x3", 「3×」: a count written with a times sign.
fn times_sign(text: &str) -> Option<Range<usize>> {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let times = |c: char| matches!(c, 'x' | 'X' | '×' | 'ｘ');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !digit(c) || (k > 0 && chars[k - 1].1.is_alphanumeric()) {
            continue;
        }
        let mut j = k;
        while j < chars.len() && digit(chars[j].1) {
            j += 1;
        }
        let after_ok = |m: usize| chars.get(m).is_none_or(|&(_, n)| !n.is_ascii_alphanumeric());
        if j < chars.len() && times(chars[j].1) && after_ok(j + 1) && j - k <= 2 {
            let (e, ec) = chars[j];
            return Some(i..e + ec.len_utf8());
        }
        if k > 0 && times(chars[k - 1].1) && (k < 2 || !chars[k - 2].1.is_alphanumeric()) && after_ok(j) && j - k <= 2 {
            let (e, ec) = chars[j - 1];
            return Some(chars[k - 1].0..e + ec.len_utf8());
        }
    }
    None
}

/// In progress: great names the phase or the current focus in a clause that
/// says what is being done; a bare phase word or a restatement is marginal.
fn in_progress(a: &Analysis, whole: Range<usize>, out: &mut Vec<Finding>, found: &mut Vec<Evidence>) {
    let t = a.threshold();
    // Great: a clause that says what is being done, naming the phase or the
    // focus. A bare phase word ("Pilot stage.", 「移行フェーズ」) is not one.
    let stated = a.clauses.iter().filter(|c| !c.chatter).find(|c| {
        let r = &c.range;
        let content = a.content(r, Weigh::Progress);
        let phase = a.has(r, Cat::Phase);
        (a.has(r, Cat::Activity) && (phase || content >= t)) || (phase && content >= t)
    });
    if let Some(c) = stated {
        found.push(Evidence { element: Element::Phase, start: c.range.start, end: c.range.end });
        return;
    }
    // Marginal: something of the status is said (a phase word, "on track").
    // Seats, names, tickets and meetings say nothing of progress: poor.
    let said = a.clauses.iter().filter(|c| !c.chatter).any(|c| {
        a.hits_in(&c.range).any(|h| matches!(h.cat, Cat::Phase | Cat::PhaseMarker | Cat::Activity | Cat::Restatement))
    });
    let (severity, effect) = if said { (Severity::Warning, Grade::Marginal) } else { (Severity::Error, Grade::Poor) };
    out.push(Finding::new(Rule::NoPhase, severity, whole, Some(effect)));
}
