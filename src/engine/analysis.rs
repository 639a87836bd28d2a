//! A note read once into sentences and clauses, with every lexicon hit placed
//! in them: which clause states the intent, which gives a reason (and how
//! specific it is), which is only a condition or engagement chatter.

use super::lexicon::{Cat, Hit};
use crate::note::Lang;
use crate::text::{self, CharClass};
use std::ops::Range;

/// How strongly the note explains itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    None,
    /// A reason that names only generic nouns or categories ("some issues").
    Generic,
    Specific,
}

/// Which words count as content when weighing a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weigh {
    /// A reason: product names count (they may be the reason).
    Reason,
    /// The main clause: product names do not ("will not deploy Teams").
    Main,
    /// In progress: phase words are weighed separately, so not here.
    Progress,
}

#[derive(Debug, Clone)]
pub struct Clause {
    pub range: Range<usize>,
    /// Engagement logistics or usage figures: masked from every other check.
    pub chatter: bool,
    /// States the customer's inability or lack of intent.
    pub main: bool,
    /// Has a condition marker (まで, until) and no reason connector.
    pub condition: bool,
    /// FastTrack help declined.
    pub ft_declined: bool,
    /// The reason this clause gives through a connector (…のため, because …).
    pub portion: Option<Range<usize>>,
    /// The connector puts its reason after it (because …, 理由は …).
    pub reason_after: bool,
    /// English: the part of a main clause joined by "and"/"but" that states
    /// a fact rather than the intent ("has standardised on Box and has no
    /// plans to move").
    pub side: Option<Range<usize>>,
    /// Follows a statement of the status and a colon or dash: "This
    /// entitlement is invalid: the reseller created it for a demo". The
    /// writer offers it as the why, as after "because".
    pub explains: bool,
    /// Index of the sentence the clause is in.
    pub sentence: usize,
}

pub struct Analysis<'a> {
    pub text: &'a str,
    pub lang: Lang,
    pub hits: Vec<Hit>,
    pub sentences: Vec<Range<usize>>,
    pub clauses: Vec<Clause>,
}

/// Answers "is this span inside one of these spans?" in log time: some
/// span holds `r` exactly when the furthest end among the spans starting at
/// or before `r.start` reaches `r.end`. (Checking every reason for every
/// vague word was quadratic on a long pasted note.)
pub struct Cover {
    starts: Vec<usize>,
    /// `max_end[i]`: the furthest end of the first `i + 1` spans by start.
    max_end: Vec<usize>,
}

impl Cover {
    pub fn new(spans: impl Iterator<Item = Range<usize>>) -> Cover {
        let mut spans: Vec<(usize, usize)> = spans.map(|r| (r.start, r.end)).collect();
        spans.sort_unstable();
        let mut furthest = 0;
        let max_end = spans
            .iter()
            .map(|&(_, e)| {
                furthest = furthest.max(e);
                furthest
            })
            .collect();
        Cover { starts: spans.iter().map(|&(s, _)| s).collect(), max_end }
    }

    /// The spans the note gives as its reasons; weak ones (content only in
    /// the intent clause) cover nothing.
    pub fn of_reasons(reasons: &[ReasonSpan]) -> Cover {
        Cover::new(reasons.iter().filter(|s| !s.weak).map(|s| s.range.clone()))
    }

    pub fn contains(&self, r: &Range<usize>) -> bool {
        let n = self.starts.partition_point(|&s| s <= r.start);
        n > 0 && self.max_end[n - 1] >= r.end
    }
}

/// How a span was offered as the reason. After a connector ("because",
/// 「のため」) anything said is at least a generic reason; after a colon or
/// dash that follows the status ("Invalid: …") a broad thing may be the
/// evidence, but words alone are not a reason; a span only placed beside the
/// status needs a strong anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offered {
    Connector,
    Colon,
    Beside,
}

/// 【…】 at the very start of a note, when something follows it.
fn leading_tag(text: &str) -> Option<Range<usize>> {
    let start = text.len() - text.trim_start().len();
    let rest = text[start..].strip_prefix('【')?;
    let close = rest.find('】')?;
    let end = start + '【'.len_utf8() + close + '】'.len_utf8();
    (close <= 60 && !text[end..].trim().is_empty()).then_some(start..end)
}

/// A concrete thing found in a span; `strong` ones make a reason specific
/// on their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub span: Range<usize>,
    pub strong: bool,
}

/// A span offered as the note's reason, with its weight.
#[derive(Debug, Clone)]
pub struct ReasonSpan {
    pub range: Range<usize>,
    pub evidence: Evidence,
    /// True for content found only in the main clause ("cannot connect to X").
    pub weak: bool,
}

impl<'a> Analysis<'a> {
    pub fn new(text: &'a str, lang: Lang, mut hits: Vec<Hit>) -> Analysis<'a> {
        // A 【tag】 heading the note (【定例報告】, 【ブロック】) files it; its
        // words are not part of what the note says.
        let tag = leading_tag(text);
        if let Some(tag) = &tag {
            hits.retain(|h| h.start >= tag.end);
        }
        let abbrev: Vec<usize> = hits.iter().filter(|h| h.cat == Cat::Abbreviation).map(|h| h.end).collect();
        let mut sentences = text::sentences(text, &abbrev);
        if let Some(tag) = tag {
            for s in sentences.iter_mut().filter(|s| s.start < tag.end) {
                *s = text::trim_range(text, tag.end.min(s.end)..s.end);
            }
            sentences.retain(|s| !s.is_empty());
        }
        let mut a = Analysis { text, lang, hits, sentences, clauses: Vec::new() };
        a.clauses = a.read_clauses();
        a
    }

    /// Minimum content units for a span to name something specific: two kanji
    /// or katakana (or one Latin word) in Japanese, one word in English.
    pub fn threshold(&self) -> u32 {
        match self.lang {
            Lang::Ja => 2,
            Lang::En => 1,
        }
    }

    /// Hits that lie entirely inside `r`.
    pub fn hits_in(&self, r: &Range<usize>) -> impl Iterator<Item = &Hit> + '_ {
        let first = self.hits.partition_point(|h| h.start < r.start);
        let end = r.end;
        self.hits[first..].iter().take_while(move |h| h.start < end).filter(move |h| h.end <= end)
    }

    pub fn has(&self, r: &Range<usize>, cat: Cat) -> bool {
        self.hits_in(r).any(|h| h.cat == cat)
    }

    pub fn all(&self, cat: Cat) -> impl Iterator<Item = &Hit> + '_ {
        self.hits.iter().filter(move |h| h.cat == cat)
    }

    /// Content units in `r`: characters and words not covered by a lexicon
    /// word that carries no reason. Kanji and katakana count one each; a run
    /// of Latin letters or digits counts one word (two in Japanese when it is
    /// longer than a letter, since a product or rule name is a whole noun).
    pub fn content(&self, r: &Range<usize>, weigh: Weigh) -> u32 {
        let skip = |c: Cat| {
            c.is_noncontent()
                || (weigh != Weigh::Reason && c == Cat::Workload)
                || (weigh == Weigh::Progress && matches!(c, Cat::Phase | Cat::PhaseMarker))
        };
        // A stop word inside a concrete term is part of it: 「旧テナント」.
        // Hits come by start, longest first, so the concrete term that
        // holds a word has been seen when the word comes (one pass, no
        // allocation: this runs for every clause of every note).
        let mut concrete = (0usize, 0usize);
        let mut cov = self
            .hits_in(r)
            .filter(move |h| {
                if matches!(h.cat, Cat::Concrete | Cat::Broad) && h.end > concrete.1 {
                    concrete = (h.start, h.end);
                }
                let (cs, ce) = concrete;
                let inside = cs <= h.start && h.end <= ce && ce - cs > h.end - h.start;
                skip(h.cat) && !inside
            })
            .map(|h| (h.start, h.end))
            .peekable();
        let mut cov_end = 0usize;
        let mut units = 0u32;
        let mut run = 0usize;
        let close_run = |run: &mut usize, units: &mut u32| {
            if *run > 0 {
                *units += if self.lang == Lang::Ja && *run > 1 { 2 } else { 1 };
                *run = 0;
            }
        };
        for (off, c) in self.text[r.clone()].char_indices() {
            let i = r.start + off;
            while let Some(&(s, e)) = cov.peek() {
                if s <= i {
                    cov_end = cov_end.max(e);
                    cov.next();
                } else {
                    break;
                }
            }
            if i < cov_end {
                close_run(&mut run, &mut units);
                continue;
            }
            match text::char_class(c) {
                CharClass::Kanji | CharClass::Katakana => {
                    close_run(&mut run, &mut units);
                    units += 1;
                }
                CharClass::Latin => run += 1,
                // A number is a count or a date, not a thing named: 「【7/1】
                // 移行フェーズ」 names no more than 「移行フェーズ」.
                CharClass::Digit => close_run(&mut run, &mut units),
                CharClass::Other => {
                    if !(c == '\'' || c == '-') || run == 0 {
                        close_run(&mut run, &mut units);
                    }
                }
            }
        }
        close_run(&mut run, &mut units);
        units
    }

    /// Specific needs both enough content and an anchor: a concrete thing
    /// the engine can point at. A broad anchor (devices, a partner, 端末)
    /// counts only when no generic noun stands beside it ("some problems
    /// with the devices" is generic). `explicit`: the span follows a reason
    /// connector ("because …", 「…のため」), so the writer offered it as the
    /// why; without one, only a strong anchor makes it a specific reason
    /// (a list of seats, SKUs and names is entitlement data, not a why), and
    /// content that names nothing ("please close this entitlement") is no
    /// reason unless a generic reason noun makes it a generic one.
    fn weigh(&self, r: &Range<usize>, weigh: Weigh, offered: Offered) -> Evidence {
        let content = self.content(r, weigh);
        let explicit = offered != Offered::Beside;
        // Cheapest tests first: most clauses fail on content or the anchor.
        let mut generic = None;
        let specific = content >= self.threshold()
            && (explicit || self.lang == Lang::Ja || self.words(r) >= 3)
            && match self.anchor_strength(r) {
                Some(true) => true,
                Some(false) => explicit && *generic.get_or_insert_with(|| self.generic_words(r)) == 0,
                None => false,
            }
            && !self.determined_generic(r)
            && !self.has(r, Cat::VagueCause)
            && !(explicit && self.generic_head(r));
        let generic = generic.unwrap_or_else(|| if specific { 0 } else { self.generic_words(r) });
        // "because they are busy" is a reason in form only: generic. "Customer
        // is busy." is none at all.
        let connector = offered == Offered::Connector;
        let vacuous_offered = connector && self.has(r, Cat::Vacuous);
        if specific {
            Evidence::Specific
        } else if (connector && self.content(r, Weigh::Main) > 0) || generic > 0 || vacuous_offered {
            Evidence::Generic
        } else {
            Evidence::None
        }
    }

    /// Japanese puts the head noun last: 「オンプレ側のネットワーク環境の問題」
    /// is a problem, and what kind is not said. (English puts it first and
    /// pins it down after: "restriction on data residency".)
    fn generic_head(&self, r: &Range<usize>) -> bool {
        if self.lang != Lang::Ja {
            return false;
        }
        // The noun itself ends the span: 「…の問題」, not 「…契約している」.
        let body = self.text[r.clone()].trim_end();
        let end = r.start + body.len();
        self.hits_in(r).any(|h| h.end == end && matches!(h.cat, Cat::Generic | Cat::ReasonNoun | Cat::Category))
            && !self.hits_in(r).any(|h| h.end == end && matches!(h.cat, Cat::Concrete | Cat::Broad))
    }

    /// Latin words in `r`: "CSP SHI", "Tenant ID 9a1c77e2" are labels and
    /// values, not a statement of why.
    fn words(&self, r: &Range<usize>) -> usize {
        self.text[r.clone()].split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).count()
    }

    /// "some problems with the devices", 「いくつか技術的な課題」: a generic
    /// determiner before a reason noun keeps the reason generic, whatever
    /// else the span names.
    fn determined_generic(&self, r: &Range<usize>) -> bool {
        for h in self.hits_in(r) {
            if h.cat != Cat::Determiner {
                continue;
            }
            let window = h.end..(h.end + 24).min(r.end);
            if self
                .hits_in(&window)
                .any(|n| matches!(n.cat, Cat::Generic | Cat::ReasonNoun | Cat::Category) && n.start >= h.end)
            {
                return true;
            }
        }
        false
    }

    /// Words that hide whatever they cover from the anchor search: a concrete
    /// word inside 「採用しません」 or a taxonomy label names nothing new.
    fn masks(cat: Cat, concrete: bool) -> bool {
        if cat == Cat::Workload {
            // A workload name is a broad anchor of its own, never a name
            // that makes a reason specific: "Teams、SPO" is no why.
            return !concrete;
        }
        if cat == Cat::Broad {
            return !concrete;
        }
        !matches!(
            cat,
            Cat::Concrete
                | Cat::ReasonBefore
                | Cat::ReasonAfter
                | Cat::Condition
                | Cat::When
                | Cat::CountUnit
                | Cat::NumberWord
                | Cat::Abbreviation
                | Cat::Person
                | Cat::Whom
                | Cat::Phase
                | Cat::PhaseMarker
                | Cat::Activity
        )
    }

    /// True when the masking hits cover all of `r`. A concrete word is
    /// hidden only by words that say what it means here (a label, the
    /// inability, a stop word), never by a category it also matches
    /// ("factory" is no "factor*").
    fn masked(&self, r: &Range<usize>, concrete: bool) -> bool {
        let mut at = r.start;
        // Hits come by start; a mask may start before `r`, so look back a
        // little (no lexicon word is longer than this).
        let from = self.hits.partition_point(|h| h.start + 96 < r.start);
        for h in &self.hits[from..] {
            if h.start > at {
                break;
            }
            let masks = Self::masks(h.cat, concrete) && !(concrete && matches!(h.cat, Cat::Generic | Cat::Category));
            if masks && h.end > at {
                at = h.end;
                if at >= r.end {
                    return true;
                }
            }
        }
        at >= r.end
    }

    /// The first concrete thing named in `r`, strong ones first: a word of
    /// the concrete lexicon, or a product or rule name (in Latin letters, or
    /// a katakana loanword no category list knows); else a broad one (the
    /// broad lexicon, a workload name). This is the evidence behind a
    /// specific reason. Numbers, ticket ids and people's names are not: they
    /// make a note look detailed without saying why.
    pub fn anchor(&self, r: &Range<usize>) -> Option<Anchor> {
        let lexicon = |cat: Cat| {
            self.hits_in(r).find(|h| h.cat == cat && !self.masked(&(h.start..h.end), true)).map(|h| h.start..h.end)
        };
        let strong = match (lexicon(Cat::Concrete), self.word_anchor(r)) {
            (Some(a), Some(b)) => Some(if b.start < a.start { b } else { a }),
            (a, b) => a.or(b),
        };
        if let Some(span) = strong {
            return Some(Anchor { span, strong: true });
        }
        // A workload name is never evidence: "blocked on Intune" says what,
        // not why.
        lexicon(Cat::Broad).map(|span| Anchor { span, strong: false })
    }

    /// What `anchor` would find, without looking for the earliest: Some(true)
    /// for a strong anchor, Some(false) for a broad one. Weighing needs no
    /// more, and stops at the first concrete word.
    fn anchor_strength(&self, r: &Range<usize>) -> Option<bool> {
        let lexicon = |cat: Cat| self.hits_in(r).any(|h| h.cat == cat && !self.masked(&(h.start..h.end), true));
        if lexicon(Cat::Concrete) || self.word_anchor(r).is_some() {
            Some(true)
        } else if lexicon(Cat::Broad) {
            Some(false)
        } else {
            None
        }
    }

    /// Latin words, numbers and katakana runs that look like names.
    fn word_anchor(&self, r: &Range<usize>) -> Option<Range<usize>> {
        let text = &self.text[r.clone()];
        let mut iter = text.char_indices().peekable();
        while let Some((off, c)) = iter.next() {
            let class = text::char_class(c);
            let katakana = class == CharClass::Katakana;
            if !(katakana || matches!(class, CharClass::Latin | CharClass::Digit)) {
                continue;
            }
            let mut end = off + c.len_utf8();
            while let Some(&(j, n)) = iter.peek() {
                let nc = text::char_class(n);
                let same = if katakana {
                    nc == CharClass::Katakana
                } else {
                    matches!(nc, CharClass::Latin | CharClass::Digit)
                        || (matches!(n, '.' | '-' | '_' | '\'')
                            && text[j + 1..].chars().next().is_some_and(|m| m.is_alphanumeric()))
                };
                if !same {
                    break;
                }
                end = j + n.len_utf8();
                iter.next();
            }
            let span = r.start + off..r.start + end;
            let word = &self.text[span.clone()];
            if self.masked(&span, false) || !self.looks_like_a_name(word, span.start, katakana) {
                continue;
            }
            return Some(span);
        }
        None
    }

    fn looks_like_a_name(&self, word: &str, start: usize, katakana: bool) -> bool {
        // Job titles name a person, not a cause: "(IT Director)".
        const TITLES: [&str; 12] = [
            "Director",
            "Manager",
            "Lead",
            "Head",
            "Officer",
            "Owner",
            "Admin",
            "Administrator",
            "Engineer",
            "Architect",
            "President",
            "VP",
        ];
        if TITLES.iter().any(|n| n.eq_ignore_ascii_case(word)) {
            return false;
        }
        const NOT_NAMES: [&str; 34] = [
            "IT", "OK", "FYI", "ASAP", "FM", "FE", "ATU", "PG", "MS", "FT", "FTC", "CX", "PM", "AM", "CSM", "SME",
            "CSAM", "CSA", "TAM", "SE", "AE", "NG", "QBR", "MTG", "Sev", "SR", "REQ", "INC", "CHG", "Ref", "No", "ID",
            "Ticket", "Case",
        ];
        if NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(word)) {
            return false;
        }
        let chars = word.chars().count();
        if katakana {
            return chars >= 3;
        }
        // A domain or an address (fabrikam-jp.onmicrosoft.com) says which
        // tenant, not why.
        if word.contains('.') || word.contains('@') {
            return false;
        }
        // Numbers, versions and ids (CR-5521, SR#240…, TPID 55123) make a
        // note look detailed; they name no cause.
        if word.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            return false;
        }
        let after = self.text[start + word.len()..].trim_start_matches([' ', ':', '：', '#', '＃']);
        if after.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            return false;
        }
        // "K. Weber", 「佐藤」 after a role: people are not reasons.
        let before = self.text[..start].trim_end();
        let mut back = before.chars().rev();
        if back.next() == Some('.')
            && back.next().is_some_and(char::is_uppercase)
            && back.next().is_none_or(|c| !c.is_alphanumeric())
        {
            return false;
        }
        match self.lang {
            // Any Latin word in a Japanese note is a name: 「VPN 経由」「Box を標準」.
            Lang::Ja => chars >= 2,
            Lang::En => {
                let upper_inside = word.chars().skip(1).any(|c| c.is_uppercase());
                let capital = word.chars().next().is_some_and(char::is_uppercase);
                upper_inside || (capital && chars >= 2 && !self.starts_sentence(start))
            }
        }
    }

    /// A capital at the start of a sentence or after a colon, dash or
    /// bracket says nothing about being a name.
    fn starts_sentence(&self, at: usize) -> bool {
        let before = self.text[..at].trim_end();
        before.is_empty()
            || before.ends_with(['.', '!', '?', ':', ';', '-', '(', '[', '"', '\'', '\n', '–', '—', '/', '>'])
            || self.sentences.iter().any(|s| s.start == at)
    }

    /// Generic and category nouns in `r` that stand on their own.
    fn generic_words(&self, r: &Range<usize>) -> usize {
        // A generic noun inside a longer word of another kind is part of that
        // word (点 in 現時点では), and inside a label it restates the label.
        // A vacuous word hides a category noun it equals: "priority" says
        // nothing even though it is also a category.
        let wrappers: Vec<&Hit> =
            self.hits_in(r).filter(|h| !matches!(h.cat, Cat::Generic | Cat::Category | Cat::ReasonNoun)).collect();
        // 「2,950ライセンス」, "5,000 licences": a category word counting
        // something is a unit, not a reason.
        let unit = |h: &Hit| {
            self.text[..h.start]
                .trim_end_matches([' ', '\u{3000}'])
                .ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        };
        // A vague cause (「社内的な理由」, "internal reasons") is a generic
        // reason in itself, whatever words it is made of.
        let vague_causes = self.hits_in(r).filter(|h| h.cat == Cat::VagueCause).count();
        vague_causes
            + self
                .hits_in(r)
                .filter(|h| matches!(h.cat, Cat::Generic | Cat::Category) && !unit(h))
                .filter(|h| {
                    !wrappers.iter().any(|w| {
                        w.start <= h.start
                            && h.end <= w.end
                            && (w.end - w.start > h.end - h.start || matches!(w.cat, Cat::Vacuous | Cat::Pending))
                    })
                })
                .count()
    }

    fn read_clauses(&self) -> Vec<Clause> {
        let mut out: Vec<Clause> = Vec::new();
        for (n, s) in self.sentences.iter().enumerate() {
            for r in text::clauses(self.text, s.clone()) {
                let mut c = self.read_clause(r);
                c.sentence = n;
                out.push(c);
            }
        }
        // A bare figure beside a usage figure is one too: 「アクティブ 0、割当 0」.
        for i in 0..out.len() {
            let near = |j: usize| out.get(j).is_some_and(|n: &Clause| n.chatter && n.sentence == out[i].sentence);
            if !out[i].chatter && self.is_figure(&out[i].range) && ((i > 0 && near(i - 1)) || near(i + 1)) {
                out[i].chatter = true;
            }
        }
        // Beside logistics or a usage figure, a clause that states nothing of
        // the status (a name, a date, "backup not named") is part of the same
        // chatter: "Kickoff w/ cust IT sched 6/18, FE assigned (T. Nguyen)."
        // Clauses come sentence by sentence: walk each run once.
        let mut first = 0;
        while first < out.len() {
            let n = out[first].sentence;
            let end = first + out[first..].iter().take_while(|c| c.sentence == n).count();
            let run = first..end;
            first = end;
            if !out[run.clone()].iter().any(|c| c.chatter) {
                continue;
            }
            for i in run {
                let states = self.hits_in(&out[i].range).any(|h| {
                    matches!(
                        h.cat,
                        Cat::Inability
                            | Cat::NoIntent
                            | Cat::Phase
                            | Cat::Activity
                            | Cat::Unreachable
                            | Cat::Managed
                            | Cat::NewItem
                            | Cat::Concrete
                            | Cat::Restatement
                    )
                });
                if !states {
                    out[i].chatter = true;
                }
            }
        }
        for i in 1..out.len() {
            let prev = &out[i - 1];
            let between = self.text[prev.range.end..out[i].range.start].trim();
            let states = prev.main || self.hits_in(&prev.range).any(|h| matches!(h.cat, Cat::Restatement | Cat::Label));
            if states && matches!(between, ":" | "：" | "-" | "–" | "—" | "→") {
                out[i].explains = true;
            }
        }
        // A connector with nothing on its reason side takes the neighbouring
        // clause as its reason: 「…転送しない。そのため、展開できません」.
        for i in 0..out.len() {
            let Some(p) = out[i].portion.clone() else { continue };
            if !p.is_empty() {
                continue;
            }
            let neighbour =
                if out[i].reason_after { out.get(i + 1) } else { i.checked_sub(1).and_then(|j| out.get(j)) };
            // Declining FastTrack is no reason for what follows it: "cust
            // declined fasttrack assistance, so no intent."
            out[i].portion = neighbour.filter(|n| !n.chatter && !n.ft_declined).map(|n| n.range.clone());
        }
        out
    }

    /// A usage figure in the clause: a usage word with a number beside it
    /// ("usage 0.0%", 「アクティブユーザー 1,105」), or a percentage in a
    /// clause that says nothing is being done ("Teams MAU 2.3%"). A usage
    /// word without a figure ("to expand the usage") is no figure.
    pub fn usage_figure(&self, r: &Range<usize>, hits: &[Hit]) -> Option<Range<usize>> {
        let t = &self.text[r.clone()];
        let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
        if !t.contains(digit) {
            return None;
        }
        // The figure is beside the usage word ("usage 0.0%", "0% usage"),
        // not anywhere in the clause ("4,000 workers … usage rules").
        let near = |h: &Hit| {
            let before = self.text[r.start..h.start].trim_end();
            let after = self.text[h.end..r.end].trim_start_matches([' ', ':', '：', '=', '　']);
            // "usage is 0.0%", "usage at 2%": one small word may stand between.
            let after = ["is ", "was ", "at ", "of ", "are ", "は", "が"]
                .iter()
                .find_map(|w| after.strip_prefix(w))
                .map_or(after, |a| a.trim_start());
            before.ends_with(|c: char| digit(c) || c == '%' || c == '％') || after.starts_with(digit)
        };
        if let Some(h) = hits.iter().find(|h| h.cat == Cat::Usage && h.end <= r.end && near(h)) {
            return Some(h.start..h.end);
        }
        let doing = hits.iter().any(|h| matches!(h.cat, Cat::Activity | Cat::Phase));
        let pct = t.char_indices().find(|&(i, c)| matches!(c, '%' | '％') && t[..i].ends_with(digit))?;
        if doing {
            return None;
        }
        let start = t[..pct.0]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| digit(c) || c == '.' || c == ',')
            .last()
            .map_or(pct.0, |(i, _)| i);
        Some(r.start + start..r.start + pct.0 + pct.1.len_utf8())
    }

    /// A label and a number, nothing else: "assigned 0", 「割当 0」.
    fn is_figure(&self, r: &Range<usize>) -> bool {
        let t = self.text[r.clone()].trim_end_matches(['%', '％', '。', '.', ' ']);
        let body =
            t.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '.' || c == ',');
        body.len() < t.len() && body.trim().chars().count() <= 12
    }

    /// The hits that start inside `r`, as a slice (no copy). Some may end
    /// past `r`; callers that care check `end`.
    pub fn hits_slice(&self, r: &Range<usize>) -> &[Hit] {
        let first = self.hits.partition_point(|h| h.start < r.start);
        let last = first + self.hits[first..].partition_point(|h| h.start < r.end);
        &self.hits[first..last]
    }

    fn read_clause(&self, range: Range<usize>) -> Clause {
        let all = self.hits_slice(&range);
        // Keep to hits that end inside the clause, as `hits_in` would; the
        // slice is taken without a copy since this runs for every clause.
        let end = range.end;
        let hits = all.iter().filter(move |h| h.end <= end);
        let chatter = hits.clone().any(|h| h.cat == Cat::Logistics) || self.usage_figure(&range, all).is_some();
        // Deploying on their own or through a reseller is FastTrack declined
        // in other words: the service is wanted.
        let ft_declined = (hits.clone().any(|h| h.cat == Cat::Fasttrack)
            && hits.clone().any(|h| h.cat == Cat::Decline))
            || hits.clone().any(|h| h.cat == Cat::SelfDeploy);
        let connector = hits.clone().find(|h| matches!(h.cat, Cat::ReasonBefore | Cat::ReasonAfter));
        let portion = connector.map(|h| {
            let raw = if h.cat == Cat::ReasonBefore { range.start..h.start } else { h.end..range.end };
            text::trim_punct(self.text, raw)
        });
        let in_portion = |h: &Hit| portion.as_ref().is_some_and(|p| h.start >= p.start && h.end <= p.end);
        let main = hits.clone().any(|h| matches!(h.cat, Cat::Inability | Cat::NoIntent) && !in_portion(h));
        let condition = connector.is_none() && hits.clone().any(|h| h.cat == Cat::Condition && !self.dated(h));
        let reason_after = connector.is_some_and(|h| h.cat == Cat::ReasonAfter);
        let side =
            if main && portion.is_none() && self.lang == Lang::En { self.coordinated_fact(&range, all) } else { None };
        Clause {
            range,
            chatter,
            main,
            condition,
            ft_declined,
            portion,
            reason_after,
            side,
            explains: false,
            sentence: 0,
        }
    }

    /// A condition marker on a date is a period, not a condition: 「(2027/3
    /// まで)」, "till FY26", "until March".
    fn dated(&self, h: &Hit) -> bool {
        let numeric = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '月' || c == '年' || c == '日';
        match self.lang {
            Lang::Ja => self.text[..h.start].trim_end().ends_with(numeric),
            Lang::En => {
                let after = self.text[h.end..].trim_start();
                after.starts_with(|c: char| c.is_ascii_digit())
                    || self.hits.iter().any(|w| w.cat == Cat::When && w.start >= h.end && w.start <= h.end + 2)
            }
        }
    }

    /// Splits an English main clause at " and " / " but " / " while ": when
    /// every predicate lies on one side, the other side is a stated fact.
    fn coordinated_fact(&self, range: &Range<usize>, hits: &[Hit]) -> Option<Range<usize>> {
        let s = &self.text[range.clone()];
        let lower = s.to_ascii_lowercase();
        let is_pred = |h: &&Hit| matches!(h.cat, Cat::Inability | Cat::NoIntent) && h.end <= range.end;
        for conj in [" and ", " but ", " while "] {
            let Some(at) = lower.find(conj) else { continue };
            let split = range.start + at;
            let left = range.start..split;
            let right = split + conj.len()..range.end;
            let pred_left = hits.iter().filter(is_pred).any(|h| h.end <= split);
            let pred_right = hits.iter().filter(is_pred).any(|h| h.start >= right.start);
            let fact = match (pred_left, pred_right) {
                (true, false) => right,
                (false, true) => left,
                _ => continue,
            };
            if self.content(&fact, Weigh::Main) >= self.threshold() {
                return Some(text::trim_range(self.text, fact));
            }
        }
        None
    }

    /// Drops the lead-in of a reason span: the topic and particles and any
    /// vague time word before the reason's first real word. In
    /// 「お客様は現時点では特定の問題により」 the reason is 「特定の問題」 and
    /// 「現時点では」 qualifies the inability, not the reason.
    fn trim_lead(&self, r: &Range<usize>, drop_vague: bool) -> Range<usize> {
        let mut at = r.start;
        'outer: while at < r.end {
            for h in self.hits_in(&(at..r.end)) {
                if h.start > at {
                    break;
                }
                if h.start == at && !drop_vague && self.hits_in(&(at..h.end)).any(|v| v.cat == Cat::Vague) {
                    break 'outer;
                }
                if h.start == at && matches!(h.cat, Cat::Stop | Cat::Vague) {
                    at = h.end;
                    continue 'outer;
                }
            }
            match self.text[at..r.end].chars().next() {
                Some(c) if c.is_whitespace() || ('\u{3040}'..='\u{309F}').contains(&c) || "、，,。".contains(c) => {
                    at += c.len_utf8()
                }
                _ => break,
            }
        }
        if at >= r.end { r.clone() } else { at..r.end }
    }

    /// Every span the note offers as its reason, weighed. FastTrack-declined
    /// clauses and chatter are not reasons for the service.
    pub fn reasons(&self) -> Vec<ReasonSpan> {
        let mut out = Vec::new();
        for c in &self.clauses {
            // A check still pending says what is not known yet.
            if c.chatter || c.ft_declined || self.has(&c.range, Cat::Pending) {
                continue;
            }
            if let Some(p) = &c.portion {
                let evidence = self.weigh(p, Weigh::Reason, Offered::Connector);
                if evidence > Evidence::None {
                    // After "because", a time word is inside the reason
                    // ("because they currently use Slack"); before 「により」
                    // it qualifies the inability.
                    let range = self.trim_lead(p, !c.reason_after);
                    out.push(ReasonSpan { range, evidence, weak: false });
                }
            } else if !c.main && !c.condition {
                let evidence =
                    self.weigh(&c.range, Weigh::Reason, if c.explains { Offered::Colon } else { Offered::Beside });
                if evidence > Evidence::None {
                    out.push(ReasonSpan { range: self.trim_lead(&c.range, false), evidence, weak: false });
                }
            } else if !c.main && c.condition {
                // "MSP budget frozen till FY26": the fact before the
                // condition is a reason; only the bare until-part is not.
                if let Some(m) = self.hits_in(&c.range).find(|h| h.cat == Cat::Condition) {
                    let part = match self.lang {
                        Lang::En => c.range.start..m.start,
                        Lang::Ja => m.end..c.range.end,
                    };
                    let part = text::trim_punct(self.text, part);
                    if !part.is_empty() && self.weigh(&part, Weigh::Reason, Offered::Beside) == Evidence::Specific {
                        out.push(ReasonSpan { range: part, evidence: Evidence::Specific, weak: false });
                    }
                }
            } else if let Some(side) = &c.side {
                let evidence = self.weigh(side, Weigh::Reason, Offered::Beside);
                if evidence > Evidence::None {
                    out.push(ReasonSpan { range: side.clone(), evidence, weak: false });
                }
            } else if let Some(cause) = self.subject_cause(c) {
                out.push(ReasonSpan { range: cause, evidence: Evidence::Specific, weak: false });
            } else if c.main && !c.condition && {
                // 「展開できない状況です」: a noun after the predicate says
                // nothing of why.
                let before = match self.lang {
                    Lang::Ja => self
                        .hits_in(&c.range)
                        .find(|h| matches!(h.cat, Cat::Inability | Cat::NoIntent))
                        .map_or(c.range.clone(), |p| c.range.start..p.start),
                    Lang::En => c.range.clone(),
                };
                self.has(&before, Cat::ReasonNoun) || self.generic_words(&before) > 0
            } {
                // Content or a bare "reasons" in the intent clause itself: a
                // reason of sorts, but not a specific one.
                out.push(ReasonSpan { range: c.range.clone(), evidence: Evidence::Generic, weak: true });
            }
        }
        out
    }

    /// Japanese: a concrete subject or means marked before the predicate of
    /// the inability is its cause: 「経営層が社内 SNS を不要と判断」,
    /// 「アンインストール不可端末 600 台でオンボード停止」. A bare object
    /// (「条件付きアクセス展開止まり」) is what is blocked, not why.
    fn subject_cause(&self, c: &Clause) -> Option<Range<usize>> {
        if self.lang != Lang::Ja || !c.main || c.condition || c.portion.is_some() {
            return None;
        }
        // The main predicate ends a Japanese clause: take the last one.
        let pred = self.hits_in(&c.range).filter(|h| matches!(h.cat, Cat::Inability | Cat::NoIntent)).last()?;
        let before = c.range.start..pred.start;
        if self.weigh(&before, Weigh::Reason, Offered::Beside) != Evidence::Specific || self.generic_words(&before) > 0
        {
            return None;
        }
        let anchor = self.anchor(&before).filter(|a| a.strong)?;
        let between = &self.text[anchor.span.end..pred.start];
        // 「Autopilot の展開が」: the anchor is what is deployed, not who decides.
        let marked = !between.starts_with('の')
            && ["が", "は", "で", "により", "による", "のため", "から"].iter().any(|m| between.contains(m));
        marked.then(|| text::trim_punct(self.text, before))
    }

    /// The clause that holds byte `byte`. Clauses are in order and do not
    /// overlap, so this is a binary search (a pasted 1 MB note has
    /// thousands).
    pub fn clause_of(&self, byte: usize) -> Option<&Clause> {
        self.clause_index(byte).map(|i| &self.clauses[i])
    }

    pub fn clause_index(&self, byte: usize) -> Option<usize> {
        let i = self.clauses.partition_point(|c| c.range.end <= byte);
        self.clauses.get(i).filter(|c| c.range.start <= byte).map(|_| i)
    }

    /// The clauses of the sentence clause `i` is in, from `i` on.
    pub fn rest_of_sentence(&self, i: usize) -> impl Iterator<Item = &Clause> + '_ {
        let n = self.clauses[i].sentence;
        self.clauses[i..].iter().take_while(move |c| c.sentence == n)
    }

    /// The whole note without surrounding whitespace.
    pub fn trimmed(&self) -> Range<usize> {
        text::trim_range(self.text, 0..self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::Cover;
    use proptest::prelude::*;

    proptest! {
        /// The binary-searched cover answers as checking every span would.
        #[test]
        fn cover_agrees_with_checking_every_span(
            spans in prop::collection::vec((0usize..60, 0usize..20), 0..12),
            probe in (0usize..70, 0usize..20),
        ) {
            let spans: Vec<std::ops::Range<usize>> = spans.into_iter().map(|(s, len)| s..s + len).collect();
            let r = probe.0..probe.0 + probe.1;
            let naive = spans.iter().any(|s| s.start <= r.start && r.end <= s.end);
            prop_assert_eq!(Cover::new(spans.iter().cloned()).contains(&r), naive);
        }
    }
}
