//! L2 reason suggestion: weighted cue words plus TF-IDF similarity (word
//! uni- and bigrams in English, character 2-3-grams in Japanese) to the
//! centroid of each reason's examples. Data in `assets/reasons/*.toml`;
//! nothing here knows a reason by name. (Similarity to the nearest single
//! example was tried too: no better on the held-out set, and five times
//! slower, so it is gone.)

use super::lexicon::boundary_ok;
use crate::assets::DataError;
use crate::note::{Lang, Status};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonData {
    id: String,
    description: String,
    not: String,
    cues: Vec<(String, u8)>,
    examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonsFile {
    reason: Vec<ReasonData>,
}

/// What a reason means, in one language, for the picker.
#[derive(Debug, Clone)]
pub struct ReasonText {
    pub description: String,
    pub not: String,
}

/// One ranked reason: its L1 and L2 ids, a score in 0..=1 (the share of
/// the candidates' total), and the byte spans of the words that drove it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub l1: Status,
    pub l2: String,
    pub score: f32,
    pub cues: Vec<Range<usize>>,
}

/// Keys are already FNV hashes: hashing them again is wasted work.
#[derive(Default, Clone, Copy)]
struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Ids = std::hash::BuildHasherDefault<Identity>;
type Vector = HashMap<u64, f32, Ids>;

struct Model {
    cues: AhoCorasick,
    /// Pattern -> (reason index, weight).
    cue_meta: Vec<(usize, f32)>,
    idf: HashMap<u64, f32, Ids>,
    default_idf: f32,
    /// Gram -> its weight in every reason's centroid (one lookup per gram).
    centroid_rows: HashMap<u64, Box<[f32]>, Ids>,
    stop: std::collections::HashSet<String>,
    texts: Vec<ReasonText>,
}

pub struct Suggester {
    ids: Vec<String>,
    l1: Vec<Status>,
    ja: Model,
    en: Model,
}

use crate::text::{FNV_OFFSET, fnv1a};

fn fnv(s: &str) -> u64 {
    fnv1a(FNV_OFFSET, s.as_bytes())
}

fn fnv_continue(h: u64, s: &str) -> u64 {
    fnv1a(h, s.as_bytes())
}

/// A light English stem: enough that "migrating", "migrated" and
/// "migration" meet.
fn stem(w: &str) -> &str {
    for suf in ["ations", "ation", "ings", "ing", "ed", "es", "s"] {
        if w.len() > suf.len() + 3 {
            if let Some(s) = w.strip_suffix(suf) {
                return s;
            }
        }
    }
    w
}

/// Letters, digits, kana and kanji: what Japanese n-grams are made of.
/// Checked by range first; the general Unicode lookup is slow for CJK.
fn gram_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x3000..=0x303F | 0xFF01..=0xFF0F => false,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF10..=0xFF5A => true,
        _ => c.is_alphanumeric(),
    }
}

fn grams(text: &str, lang: Lang, stop: &std::collections::HashSet<String>) -> Vec<u64> {
    let mut out = Vec::new();
    match lang {
        Lang::En => {
            let lower = text.to_lowercase();
            let words: Vec<&str> = lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 1 && !stop.contains(*w))
                .map(stem)
                .collect();
            for (i, w) in words.iter().enumerate() {
                out.push(fnv(w));
                if let Some(n) = words.get(i + 1) {
                    // The bigram's hash without building the string.
                    out.push(fnv_continue(fnv_continue(fnv(w), " "), n));
                }
            }
        }
        Lang::Ja => {
            let chars: Vec<char> = text.chars().filter(|&c| gram_char(c)).map(|c| c.to_ascii_lowercase()).collect();
            let mut b = [0u8; 4];
            for n in 2..=3 {
                for w in chars.windows(n) {
                    let h = w.iter().fold(FNV_OFFSET, |h, c| fnv_continue(h, c.encode_utf8(&mut b)));
                    out.push(h);
                }
            }
        }
    }
    out
}

impl Model {
    fn build(file: &ReasonsFile, order: &[String], lang: Lang, stop: Vec<String>) -> Result<Model, DataError> {
        let stop: std::collections::HashSet<String> = stop.into_iter().collect();
        let mut patterns = Vec::new();
        let mut cue_meta = Vec::new();
        let mut texts = Vec::new();
        let mut docs: Vec<(usize, Vec<u64>)> = Vec::new();
        for (ri, id) in order.iter().enumerate() {
            let r = file
                .reason
                .iter()
                .find(|r| &r.id == id)
                .ok_or_else(|| DataError::invalid(format!("no entry for reason `{id}`")))?;
            for (term, w) in &r.cues {
                if *w == 0 || *w > 3 {
                    return Err(DataError::invalid(format!("reason `{id}`: cue `{term}` weight must be 1 to 3")));
                }
                patterns.push(if lang == Lang::En { term.to_lowercase() } else { term.clone() });
                cue_meta.push((ri, f32::from(*w)));
            }
            texts.push(ReasonText { description: r.description.clone(), not: r.not.clone() });
            for ex in &r.examples {
                docs.push((ri, grams(ex, lang, &stop)));
            }
        }
        if let Some(r) = file.reason.iter().find(|r| !order.contains(&r.id)) {
            return Err(DataError::invalid(format!("unknown reason `{}` (not in the taxonomy)", r.id)));
        }
        // Leftmost-longest: "contractor staff" wins over "contractor", and
        // a non-overlapping scan is the fast one.
        let cues = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| DataError::invalid(format!("cues do not compile: {e}")))?;
        let n = docs.len() as f32;
        let mut df: HashMap<u64, f32, Ids> = HashMap::default();
        for (_, g) in &docs {
            let mut seen: Vec<u64> = g.clone();
            seen.sort_unstable();
            seen.dedup();
            for x in seen {
                *df.entry(x).or_default() += 1.0;
            }
        }
        let idf: HashMap<u64, f32, Ids> = df.iter().map(|(k, d)| (*k, ((n + 1.0) / (d + 1.0)).ln() + 1.0)).collect();
        let default_idf = (n + 1.0).ln() + 1.0;
        let mut m = Model { cues, cue_meta, idf, default_idf, centroid_rows: HashMap::default(), stop, texts };
        let mut centroids = vec![Vector::default(); order.len()];
        for (ri, g) in &docs {
            for (k, w) in m.vector(g) {
                *centroids[*ri].entry(k).or_default() += w;
            }
        }
        for (ri, c) in centroids.iter_mut().enumerate() {
            normalize(c);
            for (k, w) in c.iter() {
                m.centroid_rows.entry(*k).or_insert_with(|| vec![0.0; order.len()].into_boxed_slice())[ri] = *w;
            }
        }
        Ok(m)
    }

    /// TF-IDF weights of a gram list, L2-normalised, as (gram, weight).
    fn vector(&self, grams: &[u64]) -> Vec<(u64, f32)> {
        let mut sorted = grams.to_vec();
        sorted.sort_unstable();
        let mut out: Vec<(u64, f32)> = Vec::with_capacity(sorted.len());
        for g in sorted {
            match out.last_mut() {
                Some((k, c)) if *k == g => *c += 1.0,
                _ => out.push((g, 1.0)),
            }
        }
        for (k, v) in out.iter_mut() {
            *v = (1.0 + v.ln()) * self.idf.get(k).copied().unwrap_or(self.default_idf);
        }
        let norm = out.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            out.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        out
    }
}

fn normalize(v: &mut Vector) {
    let norm = v.values().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.values_mut().for_each(|x| *x /= norm);
    }
}

const W_CUE: f32 = 0.55;
const W_CENTROID: f32 = 0.6;

impl Suggester {
    /// Builds both languages' models. `order` is the taxonomy's reasons
    /// (id, L1); `stop_*` are the lexicons' stop words.
    pub fn build(
        order: &[(String, Status)],
        ja_src: &str,
        en_src: &str,
        stop_ja: Vec<String>,
        stop_en: Vec<String>,
    ) -> Result<Suggester, (Lang, DataError)> {
        let ids: Vec<String> = order.iter().map(|(i, _)| i.clone()).collect();
        let parse = |lang: Lang, src: &str, stop: Vec<String>| -> Result<Model, (Lang, DataError)> {
            let file: ReasonsFile = crate::assets::parse_toml(src).map_err(|e| (lang, e))?;
            Model::build(&file, &ids, lang, stop).map_err(|e| (lang, e))
        };
        Ok(Suggester {
            ja: parse(Lang::Ja, ja_src, stop_ja)?,
            en: parse(Lang::En, en_src, stop_en)?,
            l1: order.iter().map(|(_, s)| *s).collect(),
            ids,
        })
    }

    fn model(&self, lang: Lang) -> &Model {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    pub fn text(&self, l2: &str, lang: Lang) -> Option<&ReasonText> {
        let i = self.ids.iter().position(|x| x == l2)?;
        self.model(lang).texts.get(i)
    }

    /// Ranks the reasons of `status` (every L1/L2 pair when None) for the
    /// note and returns the best `limit`, best first. Duplicate/Invalid has no L2: nothing is suggested.
    pub fn suggest(&self, text: &str, status: Option<Status>, lang: Lang, limit: usize) -> Vec<Suggestion> {
        let cands: Vec<usize> = (0..self.ids.len()).filter(|&i| status.is_none_or(|s| self.l1[i] == s)).collect();
        if cands.is_empty() || text.trim().is_empty() {
            return Vec::new();
        }
        let m = self.model(lang);
        let mut cue_sum = vec![0f32; self.ids.len()];
        let mut cue_spans: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.ids.len()];
        for hit in m.cues.find_iter(text) {
            let (s, e) = (hit.start(), hit.end());
            if !boundary_ok(text, s, true) || !boundary_ok(text, e, false) {
                continue;
            }
            let (ri, w) = m.cue_meta[hit.pattern().as_usize()];
            // Each cue word counts once per reason.
            if !cue_spans[ri].iter().any(|r| r.start == s) {
                cue_sum[ri] += w;
                cue_spans[ri].push(s..e);
            }
        }
        let v = m.vector(&grams(text, lang, &m.stop));
        let mut centroid = vec![0f32; self.ids.len()];
        for (k, w) in &v {
            if let Some(row) = m.centroid_rows.get(k) {
                centroid.iter_mut().zip(row.iter()).for_each(|(c, r)| *c += w * r);
            }
        }
        let raw: Vec<(usize, f32)> =
            cands.iter().map(|&i| (i, W_CUE * cue_sum[i] / (cue_sum[i] + 3.0) + W_CENTROID * centroid[i])).collect();
        // Scores as shares: a softmax over the raw scores, so the top one
        // reads as how clearly it beats its neighbours.
        let max = raw.iter().map(|r| r.1).fold(f32::MIN, f32::max);
        let total: f32 = raw.iter().map(|r| ((r.1 - max) * 12.0).exp()).sum();
        let mut ranked: Vec<(usize, f32)> = raw.iter().map(|&(i, x)| (i, ((x - max) * 12.0).exp() / total)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| self.ids[a.0].cmp(&self.ids[b.0])));
        // Only the best few are ever shown; building the rest is waste.
        ranked
            .into_iter()
            .take(limit)
            .map(|(i, score)| Suggestion {
                l1: self.l1[i],
                l2: self.ids[i].clone(),
                score,
                cues: std::mem::take(&mut cue_spans[i]),
            })
            .collect()
    }
}
