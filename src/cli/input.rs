//! Reading notes for `lint`: one note per text file, rows of a CSV export
//! (RFC 4180) or JSON lines. A row that cannot be checked becomes a
//! `Failed` item with its place; the run goes on.

use crate::engine::Engine;
use crate::note::{Lang, Status};
use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// Where a record came from, for messages: `notes.csv:12` or `<stdin>:3`.
#[derive(Debug, Clone)]
pub struct Origin {
    pub source: std::rc::Rc<str>,
    pub line: Option<u64>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}", self.source),
            None => f.write_str(&self.source),
        }
    }
}

#[derive(Debug)]
pub struct Record {
    pub id: String,
    pub status: Option<Status>,
    pub lang: Lang,
    pub tenant: Option<String>,
    pub workload: Option<String>,
    pub note: String,
    pub origin: Origin,
    /// Findings the writer dismissed, with why (the `dismiss` column).
    pub dismissed: Vec<crate::engine::Dismissal>,
    /// True for a whole-file note: positions are `file:line:col` in the file.
    pub whole_file: bool,
}

#[derive(Debug)]
pub enum Item {
    Ok(Record),
    Failed { id: String, origin: Origin, message: String },
}

pub enum ReadError {
    Io(io::Error),
    /// The input as a whole cannot be used (no `note` column): exit 2.
    Fatal(String),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

pub struct Context<'a> {
    pub engine: &'a Engine,
    pub default_status: Option<Status>,
    pub default_lang: Option<Lang>,
}

/// A path as it may be printed: control characters and bidi marks in a
/// file name are pictured, never sent to the terminal.
pub fn display_path(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        crate::text::visible(&path.display().to_string()).into_owned()
    }
}

pub fn read_source(path: &Path, stdin: &mut dyn Read) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        stdin.read_to_end(&mut buf)?;
    } else {
        if path.is_dir() {
            return Err(io::Error::other("is a directory, not a file"));
        }
        buf = std::fs::read(path)?;
    }
    Ok(buf)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn utf8<'b>(bytes: &'b [u8], what: &str) -> Result<&'b str, String> {
    std::str::from_utf8(bytes)
        .map_err(|e| format!("{what} is not valid UTF-8 (bad byte at offset {}); save it as UTF-8", e.valid_up_to()))
}

/// Fields of a row that apply to a note, before they are checked.
struct Fields<'f> {
    id: String,
    status: Option<&'f str>,
    lang: Option<&'f str>,
    tenant: Option<&'f str>,
    workload: Option<&'f str>,
    dismiss: Option<&'f str>,
}

fn nonempty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// Resolves status and language for one note; an unknown value is the row's error.
fn build(ctx: &Context, f: Fields, note: String, origin: Origin, whole_file: bool) -> Item {
    let fail = |message: String| Item::Failed { id: f.id.clone(), origin: origin.clone(), message };
    let status = match nonempty(f.status) {
        Some(s) => match ctx.engine.taxonomy().parse_status(s) {
            Some(st) => Some(st),
            None => return fail(format!("unknown status `{}` in column `status`", crate::text::visible(s))),
        },
        None => ctx.default_status,
    };
    let lang = match nonempty(f.lang) {
        Some(l) if l.eq_ignore_ascii_case("auto") => Lang::detect(&note),
        Some(l) => match Lang::from_code(l) {
            Some(lang) => lang,
            None => {
                return fail(format!(
                    "unknown language `{}` in column `lang` (use ja, en or auto)",
                    crate::text::visible(l)
                ));
            }
        },
        None => ctx.default_lang.unwrap_or_else(|| Lang::detect(&note)),
    };
    let dismissed = match nonempty(f.dismiss).map(crate::engine::Dismissal::parse_list) {
        None => Vec::new(),
        Some(Ok(d)) => d,
        Some(Err(m)) => return fail(format!("column `dismiss`: {m}")),
    };
    Item::Ok(Record {
        id: f.id,
        status,
        lang,
        tenant: nonempty(f.tenant).map(str::to_string),
        workload: nonempty(f.workload).map(str::to_string),
        note,
        origin,
        dismissed,
        whole_file,
    })
}

/// The whole file is one note; its id is the path (`-` for stdin).
pub fn read_text(
    path: &Path,
    bytes: &[u8],
    ctx: &Context,
    sink: &mut dyn FnMut(Item) -> io::Result<()>,
) -> Result<(), ReadError> {
    let id = path.to_string_lossy().into_owned();
    let origin = Origin { source: display_path(path).into(), line: None };
    let fields = Fields { id: id.clone(), status: None, lang: None, tenant: None, workload: None, dismiss: None };
    let item = match utf8(strip_bom(bytes), "the file") {
        Ok(note) => build(ctx, fields, note.to_string(), origin, true),
        Err(message) => Item::Failed { id, origin, message },
    };
    sink(item)?;
    Ok(())
}

/// Column positions found in a CSV header.
#[derive(Default)]
struct Columns {
    note: usize,
    status: Option<usize>,
    lang: Option<usize>,
    id: Option<usize>,
    tenant: Option<usize>,
    workload: Option<usize>,
    dismiss: Option<usize>,
}

pub fn read_csv(
    path: &Path,
    bytes: &[u8],
    ctx: &Context,
    sink: &mut dyn FnMut(Item) -> io::Result<()>,
) -> Result<(), ReadError> {
    // Shared by every row's origin: one allocation per file, not per row.
    let source: std::rc::Rc<str> = display_path(path).into();
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(strip_bom(bytes));
    let headers = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(ReadError::Fatal(format!("{source}:1: cannot read the CSV header: {e}"))),
    };
    let names: Vec<String> =
        headers.iter().map(|h| String::from_utf8_lossy(h).trim().trim_matches('\u{feff}').to_lowercase()).collect();
    let col = |name: &str| names.iter().position(|n| n == name);
    let Some(note) = col("note") else {
        // The header is echoed to help, so never raw and never all of it.
        let found = if names.iter().all(|n| n.is_empty()) {
            "nothing".to_string()
        } else {
            crate::text::visible_capped(&names.join(", "), 200)
        };
        return Err(ReadError::Fatal(format!("{source}:1: the CSV header has no `note` column (found: {found})")));
    };
    let cols = Columns {
        note,
        status: col("status"),
        lang: col("lang"),
        id: col("id"),
        tenant: col("tenant"),
        workload: col("workload"),
        dismiss: col("dismiss"),
    };
    let mut rec = csv::ByteRecord::new();
    let mut row = 0u64;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line());
                return Err(ReadError::Fatal(format!("{}: {e}", Origin { source, line })));
            }
        }
        row += 1;
        let origin = Origin { source: source.clone(), line: rec.position().map(|p| p.line()) };
        let item = csv_row(ctx, &rec, &cols, row, origin);
        sink(item)?;
    }
    Ok(())
}

fn csv_row(ctx: &Context, rec: &csv::ByteRecord, cols: &Columns, row: u64, origin: Origin) -> Item {
    let field = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(|b| std::str::from_utf8(b));
    let id = match field(cols.id) {
        Some(Ok(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => row.to_string(),
    };
    let text = |i: Option<usize>, name: &str| -> Result<Option<&str>, String> {
        match field(i) {
            None => Ok(None),
            Some(Ok(s)) => Ok(Some(s)),
            Some(Err(e)) => Err(format!(
                "column `{name}` (column {}) is not valid UTF-8 (bad byte at offset {})",
                i.map_or(0, |i| i + 1),
                e.valid_up_to()
            )),
        }
    };
    let parsed = (|| -> Result<(String, Fields), String> {
        let note = text(Some(cols.note), "note")?
            .ok_or_else(|| format!("row has {} fields; the `note` column is field {}", rec.len(), cols.note + 1))?;
        let fields = Fields {
            id: id.clone(),
            status: text(cols.status, "status")?,
            lang: text(cols.lang, "lang")?,
            tenant: text(cols.tenant, "tenant")?,
            workload: text(cols.workload, "workload")?,
            dismiss: text(cols.dismiss, "dismiss")?,
        };
        Ok((note.to_string(), fields))
    })();
    match parsed {
        Ok((note, f)) => build(ctx, f, note, origin, false),
        Err(message) => Item::Failed { id, origin, message },
    }
}

#[derive(serde::Deserialize)]
struct JsonRow {
    note: Option<serde_json::Value>,
    status: Option<String>,
    lang: Option<String>,
    id: Option<serde_json::Value>,
    tenant: Option<String>,
    workload: Option<String>,
    dismiss: Option<String>,
}

pub fn read_jsonl(
    path: &Path,
    bytes: &[u8],
    ctx: &Context,
    sink: &mut dyn FnMut(Item) -> io::Result<()>,
) -> Result<(), ReadError> {
    // Shared by every row's origin: one allocation per file, not per row.
    let source: std::rc::Rc<str> = display_path(path).into();
    for (i, line) in strip_bom(bytes).split(|&b| b == b'\n').enumerate() {
        let line_no = i as u64 + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let origin = Origin { source: source.clone(), line: Some(line_no) };
        let fail = |message: String| Item::Failed { id: line_no.to_string(), origin: origin.clone(), message };
        let item = match utf8(line, "the line") {
            Err(m) => fail(m),
            Ok(text) => match serde_json::from_str::<JsonRow>(text) {
                Err(e) => fail(format!("column {}: not a JSON object: {e}", e.column())),
                Ok(row) => {
                    let id = match &row.id {
                        Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
                        Some(v @ serde_json::Value::Number(_)) => v.to_string(),
                        _ => line_no.to_string(),
                    };
                    match row.note {
                        Some(serde_json::Value::String(note)) => {
                            let f = Fields {
                                id,
                                status: row.status.as_deref(),
                                lang: row.lang.as_deref(),
                                tenant: row.tenant.as_deref(),
                                workload: row.workload.as_deref(),
                                dismiss: row.dismiss.as_deref(),
                            };
                            build(ctx, f, note, origin, false)
                        }
                        Some(_) => {
                            Item::Failed { id, origin: origin.clone(), message: "`note` is not a string".into() }
                        }
                        None => Item::Failed {
                            id,
                            origin: origin.clone(),
                            message: "the object has no `note` field".into(),
                        },
                    }
                }
            },
        };
        sink(item)?;
    }
    Ok(())
}
