//! Where things live and what the user and their team changed: the data
//! directory, the config file (`--config`, `STATUSNOTE_CONFIG`, then the
//! platform config directory) and the layers of data laid over the built-in
//! preset (the user's files, then a team folder). This is the edge: it reads
//! files and hands their text to the pure parsers, which never see a path.

use crate::assets::DataError;
use crate::engine::{Engine, LayerSources, Level, Levels, Rule, Sources};
use crate::note::Lang;
use crate::template::TemplateSet;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DATA_DIR_ENV: &str = "STATUSNOTE_DATA_DIR";
pub const CONFIG_ENV: &str = "STATUSNOTE_CONFIG";

/// The data directory: `--data-dir`, then `STATUSNOTE_DATA_DIR`, then the
/// platform's data directory (`~/.local/share/statusnote` on Linux).
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, String> {
    data_dir_with(flag, None)
}

/// As `data_dir`, with the config file's `data_dir` between the
/// environment and the platform default.
pub fn data_dir_with(flag: Option<&Path>, config: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    if let Some(p) = config {
        return Ok(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "statusnote")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| format!("no home directory to keep drafts in; pass --data-dir DIR or set {DATA_DIR_ENV}"))
}

/// The wall clock, read at the program's edge and passed into pure code.
pub fn now() -> crate::draft::Timestamp {
    crate::draft::Timestamp(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64),
    )
}

pub fn now_ms() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis())
}

/// Random bits for draft ids, from the standard library's per-process
/// random hash keys (no extra crate for a few bits).
pub fn entropy() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(now_ms());
    h.write_u32(std::process::id());
    h.finish()
}

/// A language named in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LangName {
    Ja,
    En,
}

impl LangName {
    pub fn lang(self) -> Lang {
        match self {
            LangName::Ja => Lang::Ja,
            LangName::En => Lang::En,
        }
    }
}

/// The composer's colours: for a dark or a light terminal background.
/// NO_COLOR still wins over either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

/// The config file (`config.toml`). Every key is optional; unknown keys
/// are errors, so a typo is reported rather than silently ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Interface language of the composer.
    pub ui_lang: Option<LangName>,
    /// Language of new notes and templates, and `lint --lang` when not given.
    pub note_lang: Option<LangName>,
    pub data_dir: Option<PathBuf>,
    /// A team folder laid over the user's files.
    pub team_dir: Option<PathBuf>,
    pub theme: Option<ThemeName>,
    /// Extra files or folders, over the built-in data and the config
    /// directory's own folders.
    #[serde(default)]
    pub templates: Vec<PathBuf>,
    #[serde(default)]
    pub lexicon: Vec<PathBuf>,
    #[serde(default)]
    pub workloads: Vec<PathBuf>,
    #[serde(default)]
    pub reasons: Vec<PathBuf>,
    /// Rule id -> off | hint | marginal | poor.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
}

/// A team folder's `rules.toml`: the same `[rules]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamRules {
    #[serde(default)]
    rules: BTreeMap<String, Level>,
}

impl Config {
    /// Parses the config file's text; relative paths stay as written.
    pub fn from_toml(src: &str) -> Result<Config, DataError> {
        let config: Config = crate::assets::parse_toml(src)?;
        check_rule_ids(src, &config.rules)?;
        Ok(config)
    }
}

fn check_rule_ids(src: &str, rules: &BTreeMap<String, Level>) -> Result<(), DataError> {
    for id in rules.keys() {
        if Rule::from_id(id).is_none() {
            let section = src.find("[rules]").unwrap_or(0);
            let at = src[section..].find(id.as_str()).map_or(section, |i| i + section);
            return Err(DataError::at(
                src,
                at,
                format!("unknown rule `{id}` (`statusnote config show` lists the rules, e.g. `hedging`, `vague-time`)"),
            ));
        }
    }
    Ok(())
}

/// The commented starter file `config init` writes.
pub const STARTER: &str = include_str!("../assets/config.toml");

/// Where each part is looked for, and what was found.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The config file and why it is that one (flag, environment, default).
    pub config: Option<(PathBuf, &'static str)>,
    /// The user layer's folder: the config file's directory.
    pub user_dir: Option<PathBuf>,
    pub team_dir: Option<(PathBuf, &'static str)>,
}

/// The config file's path: `--config`, then `STATUSNOTE_CONFIG`, then the
/// platform config directory (`~/.config/statusnote/config.toml`).
pub fn config_path(flag: Option<&Path>) -> Option<(PathBuf, &'static str)> {
    if let Some(p) = flag {
        return Some((p.to_path_buf(), "--config"));
    }
    if let Some(p) = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(p), CONFIG_ENV));
    }
    directories::ProjectDirs::from("", "", "statusnote").map(|d| (d.config_dir().join("config.toml"), "default"))
}

/// What one layer entry is and where it came from, for `config show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// template, workload, lexicon, reason, rule, setting.
    pub kind: &'static str,
    pub id: String,
    /// What it is now (a template's text, a rule's level, ...).
    pub value: String,
    /// The file it came from; "built-in" for the preset.
    pub file: String,
    /// It replaced an entry of an earlier layer.
    pub replaced: bool,
}

/// Everything the program runs with: the merged engine and templates, the
/// settings, what came from where, and the files that could not be used
/// (each named once; the rest still loaded).
pub struct Setup {
    pub paths: Paths,
    pub config: Config,
    /// The config file was found and read.
    pub config_loaded: bool,
    pub engine: &'static Engine,
    pub templates_ja: &'static TemplateSet,
    pub templates_en: &'static TemplateSet,
    pub origins: Vec<Origin>,
    pub errors: Vec<DataError>,
    /// Layer files that were read, in order.
    pub files: Vec<String>,
}

impl Setup {
    pub fn templates(&self, lang: Lang) -> &'static TemplateSet {
        if lang == Lang::Ja { self.templates_ja } else { self.templates_en }
    }

    /// The built-in data only: nothing read.
    pub fn builtin(paths: Paths) -> Setup {
        Setup {
            paths,
            config: Config::default(),
            config_loaded: false,
            engine: Engine::builtin(),
            templates_ja: TemplateSet::shared(Lang::Ja),
            templates_en: TemplateSet::shared(Lang::En),
            origins: Vec::new(),
            errors: Vec::new(),
            files: Vec::new(),
        }
    }

    /// One line per unusable file, for stderr or the composer's status line.
    pub fn warnings(&self) -> Vec<String> {
        self.errors.iter().map(|e| format!("{e} (file ignored)")).collect()
    }
}

/// One layer file read from disk.
struct LayerFile {
    name: String,
    text: String,
}

/// The files of one layer, by kind.
#[derive(Default)]
struct Layer {
    templates: Vec<LayerFile>,
    lexicon: Vec<(Lang, LayerFile)>,
    reasons: Vec<(Lang, LayerFile)>,
    workloads: Vec<LayerFile>,
    rules: Option<LayerFile>,
}

/// Loads the config file and every layer. Never fails: a file that cannot
/// be read or parsed is recorded in `errors` and left out.
pub fn load(config_flag: Option<&Path>, team_flag: Option<&Path>) -> Setup {
    let config_file = config_path(config_flag);
    let mut errors = Vec::new();
    let mut config = Config::default();
    let mut config_loaded = false;
    if let Some((path, why)) = &config_file {
        match std::fs::read_to_string(path) {
            Ok(text) => match Config::from_toml(&text) {
                Ok(c) => {
                    config = c;
                    config_loaded = true;
                }
                Err(e) => errors.push(e.in_file(&path.display().to_string())),
            },
            // The default file is optional; one named on purpose is not.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && *why == "default" => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => errors.push(
                DataError::invalid(format!("config file not found (from {why})")).in_file(&path.display().to_string()),
            ),
            Err(e) => {
                errors.push(DataError::invalid(format!("cannot read it: {e}")).in_file(&path.display().to_string()))
            }
        }
    }
    let base = config_file.as_ref().and_then(|(p, _)| p.parent()).map(Path::to_path_buf);
    let resolve = |p: &Path| -> PathBuf {
        let p = expand_home(p);
        match &base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p,
        }
    };
    // `~` and paths relative to the config file, as for the data paths.
    config.data_dir = config.data_dir.as_deref().map(&resolve);
    let team_dir = match team_flag {
        Some(t) => Some((t.to_path_buf(), "--team-dir")),
        None => config.team_dir.as_deref().map(|t| (resolve(t), "config team_dir")),
    };
    let paths = Paths { config: config_file.clone(), user_dir: base.clone(), team_dir: team_dir.clone() };

    let mut user = Layer::default();
    if let Some(dir) = &base {
        read_layer_dir(dir, &mut user, &mut errors, false);
    }
    for p in &config.templates {
        for f in files_in(&resolve(p), &mut errors) {
            push_read(&f, &mut errors, |lf| user.templates.push(lf));
        }
    }
    for p in &config.workloads {
        for f in files_in(&resolve(p), &mut errors) {
            push_read(&f, &mut errors, |lf| user.workloads.push(lf));
        }
    }
    for (list, lexicon) in [(&config.lexicon, true), (&config.reasons, false)] {
        for p in list {
            for f in files_in(&resolve(p), &mut errors) {
                add_by_lang(&f, &mut errors, if lexicon { &mut user.lexicon } else { &mut user.reasons });
            }
        }
    }
    let mut team = Layer::default();
    if let Some((dir, why)) = &team_dir {
        if dir.is_dir() {
            read_layer_dir(dir, &mut team, &mut errors, true);
        } else {
            errors.push(
                DataError::invalid(format!("team folder not found (from {why})")).in_file(&dir.display().to_string()),
            );
        }
    }

    let nothing = user.is_empty() && team.is_empty() && config.rules.is_empty();
    if nothing {
        let mut setup = Setup::builtin(paths);
        setup.config = config;
        setup.config_loaded = config_loaded;
        setup.errors = errors;
        return setup;
    }
    build(paths, config, config_loaded, [user, team], errors)
}

impl Layer {
    fn is_empty(&self) -> bool {
        self.templates.is_empty()
            && self.lexicon.is_empty()
            && self.reasons.is_empty()
            && self.workloads.is_empty()
            && self.rules.is_none()
    }
}

/// Merges the layers over the preset and builds the engine.
fn build(paths: Paths, config: Config, config_loaded: bool, layers: [Layer; 2], mut errors: Vec<DataError>) -> Setup {
    let mut origins = Vec::new();
    let mut files = Vec::new();
    let mut ja = TemplateSet::shared(Lang::Ja).clone();
    let mut en = TemplateSet::shared(Lang::En).clone();
    let mut sources = LayerSources::default();
    let mut levels = Levels::default();
    for (rule, level) in &config.rules {
        if let Some(r) = Rule::from_id(rule) {
            levels.set(r, *level);
            let file = paths.config.as_ref().map_or(String::new(), |(p, _)| p.display().to_string());
            origins.push(Origin {
                kind: "rule",
                id: rule.clone(),
                value: level.as_str().into(),
                file,
                replaced: false,
            });
        }
    }
    let builtin_workloads = crate::engine::parse_workloads(crate::assets::WORKLOADS.1).unwrap_or_default();
    for layer in layers {
        for f in layer.templates {
            files.push(f.name.clone());
            let lang = match TemplateSet::lang_of(&f.text) {
                Ok(l) => l,
                Err(e) => {
                    errors.push(e.in_file(&f.name));
                    continue;
                }
            };
            let set = if lang == Lang::Ja { &mut ja } else { &mut en };
            match TemplateSet::layer_from_toml(&f.text, lang, set) {
                Ok(layer) => {
                    for (id, replaced) in set.overlay(layer) {
                        let value = set
                            .status
                            .iter()
                            .flat_map(|s| &s.template)
                            .find(|t| t.id == id)
                            .map_or(String::new(), |t| t.text.clone());
                        origins.push(Origin { kind: "template", id, value, file: f.name.clone(), replaced });
                    }
                }
                Err(e) => errors.push(e.in_file(&f.name)),
            }
        }
        // The engine checks these once more when it merges them; checking
        // here first keeps a bad file out instead of failing the merge.
        for f in layer.workloads {
            files.push(f.name.clone());
            match crate::engine::parse_workloads(&f.text) {
                Ok(ws) => {
                    for w in ws {
                        let replaced = builtin_workloads.iter().any(|b| b.name.eq_ignore_ascii_case(&w.name))
                            || origins.iter().any(|o| o.kind == "workload" && o.id.eq_ignore_ascii_case(&w.name));
                        let value = w.spellings.join(", ");
                        origins.push(Origin { kind: "workload", id: w.name, value, file: f.name.clone(), replaced });
                    }
                    sources.workloads.push(leak(f));
                }
                Err(e) => errors.push(e.in_file(&f.name)),
            }
        }
        for (lang, f) in layer.lexicon {
            files.push(f.name.clone());
            match crate::engine::lexicon::LexiconData::from_toml(&f.text) {
                Ok(data) => {
                    for (cat, n) in data.counts() {
                        let id = format!("{lang}.{cat}");
                        let value = format!("+{n} terms");
                        origins.push(Origin { kind: "lexicon", id, value, file: f.name.clone(), replaced: false });
                    }
                    let list = if lang == Lang::Ja { &mut sources.lexicon_ja } else { &mut sources.lexicon_en };
                    list.push(leak(f));
                }
                Err(e) => errors.push(e.in_file(&f.name)),
            }
        }
        for (lang, f) in layer.reasons {
            files.push(f.name.clone());
            let list = if lang == Lang::Ja { &mut sources.reasons_ja } else { &mut sources.reasons_en };
            list.push(leak(f));
        }
        if let Some(f) = layer.rules {
            files.push(f.name.clone());
            let parsed = crate::assets::parse_toml::<TeamRules>(&f.text)
                .and_then(|t| check_rule_ids(&f.text, &t.rules).map(|()| t));
            match parsed {
                Ok(t) => {
                    for (rule, level) in t.rules {
                        if let Some(r) = Rule::from_id(&rule) {
                            levels.set(r, level);
                            let value = level.as_str().into();
                            origins.push(Origin {
                                kind: "rule",
                                id: rule,
                                value,
                                file: f.name.clone(),
                                replaced: true,
                            });
                        }
                    }
                }
                Err(e) => errors.push(e.in_file(&f.name)),
            }
        }
    }
    let mut slot_names: Vec<String> = ja.slot_names().chain(en.slot_names()).map(str::to_string).collect();
    slot_names.sort();
    slot_names.dedup();
    let embedded = match Sources::embedded() {
        Ok(s) => s,
        Err(e) => {
            errors.push(e);
            return Setup::builtin(paths);
        }
    };
    let mut sources = Sources { slot_names, layers: sources, ..embedded };
    // Reasons files are checked against the taxonomy; a bad one is dropped.
    let bad = Engine::check_layers(&sources);
    for e in &bad {
        let named = |(n, _): &(&str, &str)| Some(n.to_string()) != e.file;
        sources.layers.reasons_ja.retain(named);
        sources.layers.reasons_en.retain(named);
    }
    for (lang, list) in [("ja", &sources.layers.reasons_ja), ("en", &sources.layers.reasons_en)] {
        for (name, _) in list {
            origins.push(Origin {
                kind: "reason",
                id: format!("{lang} reasons"),
                value: "entries replaced by id".into(),
                file: name.to_string(),
                replaced: true,
            });
        }
    }
    errors.extend(bad);
    let engine = match Engine::layered(sources, levels) {
        Ok(e) => Box::leak(Box::new(e)),
        Err(e) => {
            errors.push(e);
            Engine::builtin()
        }
    };
    Setup {
        paths,
        config,
        config_loaded,
        engine,
        templates_ja: Box::leak(Box::new(ja)),
        templates_en: Box::leak(Box::new(en)),
        origins,
        errors,
        files,
    }
}

/// The merged data lives as long as the process (the built-in data is
/// `'static` too); a handful of small files, leaked once at start-up.
fn leak(f: LayerFile) -> (&'static str, &'static str) {
    (Box::leak(f.name.into_boxed_str()), Box::leak(f.text.into_boxed_str()))
}

fn expand_home(p: &Path) -> PathBuf {
    if let Ok(rest) = p.strip_prefix("~") {
        if let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()) {
            return home.join(rest);
        }
    }
    p.to_path_buf()
}

/// A layer folder: `templates/`, `lexicon/`, `reasons/`, `workloads.toml`
/// (or `workloads/`), and for a team folder `rules.toml`. Missing parts
/// are fine.
fn read_layer_dir(dir: &Path, layer: &mut Layer, errors: &mut Vec<DataError>, team: bool) {
    let sub = |name: &str| dir.join(name);
    if sub("templates").is_dir() {
        for f in files_in(&sub("templates"), errors) {
            push_read(&f, errors, |lf| layer.templates.push(lf));
        }
    }
    for w in [sub("workloads.toml"), sub("workloads")] {
        if w.exists() {
            for f in files_in(&w, errors) {
                push_read(&f, errors, |lf| layer.workloads.push(lf));
            }
        }
    }
    for (name, lexicon) in [("lexicon", true), ("reasons", false)] {
        if sub(name).is_dir() {
            for f in files_in(&sub(name), errors) {
                add_by_lang(&f, errors, if lexicon { &mut layer.lexicon } else { &mut layer.reasons });
            }
        }
    }
    if team && sub("rules.toml").is_file() {
        push_read(&sub("rules.toml"), errors, |lf| layer.rules = Some(lf));
    }
}

/// A file, or the `*.toml` files of a folder in name order.
fn files_in(path: &Path, errors: &mut Vec<DataError>) -> Vec<PathBuf> {
    if !path.is_dir() {
        if !path.exists() {
            errors.push(DataError::invalid("file not found").in_file(&path.display().to_string()));
            return Vec::new();
        }
        return vec![path.to_path_buf()];
    }
    match std::fs::read_dir(path) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                .collect();
            v.sort();
            v
        }
        Err(e) => {
            errors
                .push(DataError::invalid(format!("cannot read the folder: {e}")).in_file(&path.display().to_string()));
            Vec::new()
        }
    }
}

fn push_read(path: &Path, errors: &mut Vec<DataError>, mut push: impl FnMut(LayerFile)) {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => push(LayerFile { name, text }),
        Err(e) => errors.push(DataError::invalid(format!("cannot read it: {e}")).in_file(&name)),
    }
}

/// Lexicon and reasons files say their language in their name: `ja.toml`,
/// `en.toml`, or `anything.ja.toml`.
fn add_by_lang(path: &Path, errors: &mut Vec<DataError>, list: &mut Vec<(Lang, LayerFile)>) {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let code = stem.rsplit('.').next().unwrap_or(stem);
    match Lang::from_code(code) {
        Some(lang) => push_read(path, errors, |lf| list.push((lang, lf))),
        None => errors.push(
            DataError::invalid(
                "cannot tell the language: name the file ja.toml, en.toml or NAME.ja.toml / NAME.en.toml",
            )
            .in_file(&path.display().to_string()),
        ),
    }
}
