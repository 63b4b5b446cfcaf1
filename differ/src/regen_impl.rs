//! Regenerating mocks: the body edits [`crate::diff`] plans beside its findings, spliced into
//! each mock's own text.
//!
//! Nothing is re-serialised: each file is parsed again with byte offsets, and only the spans
//! that change are replaced (a member removed with its comma, a member appended in the
//! object's own indentation and separators, a value replaced in place). Bodies kept inside a
//! JSON string (WireMock `body`, HAR `text`) or in base64 are decoded, edited the same way and
//! encoded again. Length fields (`Content-Length`, HAR `size`/`bodySize`) that stated the old
//! body's length are updated.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mockdrift_contracts::EndpointKey;
use mockdrift_contracts::json::{Event, LineIndex, Parser};
use serde_json::Value;

pub use crate::edit::Edit;
use crate::edit::EditOp;
use crate::finding::{Finding, Kind, Report, Severity};
use crate::mock::{BodyForm, BodySite, Item, Mock, MockFormat, PathToken};

/// Where new values come from (`--values`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Values {
    /// Built from the shape: its type, format, an enum value, a placeholder.
    #[default]
    Synthetic,
    /// Taken from the redacted recorded examples where they have a value there.
    Examples,
}

/// A file regen would rewrite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    /// The file.
    pub path: PathBuf,
    /// Its text now.
    pub before: String,
    /// Its text after the edits.
    pub after: String,
}

impl FileChange {
    /// A unified diff of the change, with `shown` as the file's name.
    pub fn unified_diff(&self, shown: &str) -> String {
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(3)
            .header(&prefixed("a/", shown), &prefixed("b/", shown))
            .to_string()
    }
}

/// `a/path` as git shows it; absolute paths as they are.
fn prefixed(prefix: &str, shown: &str) -> String {
    if shown.starts_with('/') { shown.to_owned() } else { format!("{prefix}{shown}") }
}

/// A mock regen edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    /// The mock file.
    pub file: PathBuf,
    /// The mock's name (for Pact, the interaction's description).
    pub name: String,
    /// Its format.
    pub format: MockFormat,
    /// How many fields are added, dropped and replaced.
    pub added: usize,
    /// Fields dropped.
    pub removed: usize,
    /// Values replaced.
    pub replaced: usize,
}

/// A finding regen does not fix, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Left {
    /// The finding.
    pub finding: Finding,
    /// Why regen leaves it.
    pub reason: String,
}

/// What regen would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Files to rewrite, in path order.
    pub changes: Vec<FileChange>,
    /// Mocks edited.
    pub fixed: Vec<Fixed>,
    /// Findings at warning or above that no edit fixes.
    pub left: Vec<Left>,
    /// Files regen would have edited but could not (each names the file and why).
    pub errors: Vec<String>,
}

/// Plans the edits for the findings of `report` (at warning or above, not suppressed) on the
/// mocks in `items` (the slice `report` was made from). Findings at warning or above that no
/// edit fixes are listed in [`Plan::left`] with the reason.
pub fn plan(report: &Report, items: &[Item], values: Values) -> Plan {
    let active: BTreeSet<String> =
        report.findings.iter().filter(|f| !f.suppressed && f.severity >= Severity::Warning).map(finding_key).collect();
    let mut per_mock: BTreeMap<usize, Vec<&Edit>> = BTreeMap::new();
    for e in &report.edits {
        if active.contains(&e.fingerprint) {
            per_mock.entry(e.mock).or_default().push(e);
        }
    }
    let mut docs = Docs::default();
    let mut why_not: BTreeMap<String, String> = BTreeMap::new();
    let mut plans: Vec<MockPlan> = Vec::new();
    for (idx, edits) in per_mock {
        let Some(Item::Mock(m)) = items.get(idx) else { continue };
        match plan_mock(m, idx, &edits, values, &mut docs) {
            Ok(p) => {
                for (fp, reason) in &p.skipped {
                    why_not.insert(fp.clone(), reason.clone());
                }
                plans.push(p);
            }
            Err(reason) => {
                for e in edits {
                    why_not.insert(e.fingerprint.clone(), reason.clone());
                }
            }
        }
    }
    // A body file several mocks share is edited only when they all want the same edit.
    let mut refs: BTreeMap<&Path, usize> = BTreeMap::new();
    for item in items {
        if let Item::Mock(m) = item
            && let Some(site) = &m.body_site
            && site.file != m.file
        {
            *refs.entry(site.file.as_path()).or_default() += 1;
        }
    }
    let mut shared_ok: BTreeMap<PathBuf, bool> = BTreeMap::new();
    for (file, n) in &refs {
        if *n < 2 {
            continue;
        }
        let wanted: Vec<&Vec<Splice>> = plans.iter().filter_map(|p| p.splices.get(*file)).collect();
        let same = wanted.len() == *n && wanted.windows(2).all(|w| w[0] == w[1]);
        shared_ok.insert(file.to_path_buf(), same);
    }
    let mut by_file: BTreeMap<PathBuf, Vec<Splice>> = BTreeMap::new();
    let mut out = Plan::default();
    let mut fixed_fps: BTreeSet<String> = BTreeSet::new();
    let mut nulls: BTreeSet<(EndpointKey, String)> = BTreeSet::new();
    for p in plans {
        let Some(Item::Mock(m)) = items.get(p.mock) else { continue };
        if let Some((file, _)) = p.splices.iter().find(|(f, _)| shared_ok.get(*f) == Some(&false)) {
            let n = refs.get(file.as_path()).copied().unwrap_or(0);
            let reason = format!(
                "the body file {} is shared by {n} mocks that need different edits; left alone",
                file.display()
            );
            for fp in &p.fingerprints {
                why_not.insert(fp.clone(), reason.clone());
            }
            continue;
        }
        for (file, splices) in p.splices {
            let list = by_file.entry(file.clone()).or_default();
            if shared_ok.get(&file) == Some(&true) && !list.is_empty() {
                continue; // the same edits, already taken from another mock sharing the file
            }
            list.extend(splices);
        }
        fixed_fps.extend(p.fingerprints.iter().cloned());
        nulls.extend(p.nulls.iter().cloned());
        out.fixed.push(Fixed {
            file: m.file.clone(),
            name: m.name.clone(),
            format: m.format,
            added: p.added,
            removed: p.removed,
            replaced: p.replaced,
        });
    }
    for (path, mut splices) in by_file {
        let Some(doc) = docs.get(&path) else { continue };
        splices.sort_by_key(|s| (s.start, s.end));
        splices.dedup();
        if splices.windows(2).any(|w| w[0].end > w[1].start) {
            // Mocks' bodies do not overlap, so neither do their edits; if they ever did, the
            // file is left as it is rather than written broken.
            out.errors.push(format!("{}: edits of several mocks overlap; file left alone", path.display()));
            out.fixed.retain(|f| f.file != path);
            continue;
        }
        let after = apply(&doc.text, &splices);
        if after != doc.text {
            out.changes.push(FileChange { path, before: doc.text.clone(), after });
        }
    }
    for f in &report.findings {
        let key = finding_key(f);
        if f.suppressed || f.severity < Severity::Warning || fixed_fps.contains(&key) {
            continue;
        }
        let null_written = f.kind == Kind::UncoveredNull
            && nulls.iter().any(|(k, ptr)| {
                Some(&k.service) == f.service.as_ref()
                    && Some(&k.method) == f.method.as_ref()
                    && Some(&k.path) == f.path.as_ref()
                    && Some(k.status) == f.status
                    && *ptr == f.pointer
            });
        if null_written {
            continue; // a replaced value is now null: the null is covered
        }
        let reason = why_not.get(&key).cloned().unwrap_or_else(|| match f.kind {
            Kind::StatusNeverSeen | Kind::EndpointNeverSeen => {
                "the mock answers something production never did: delete it or change the request it matches".to_owned()
            }
            Kind::ContentTypeMismatch => "the media type differs: regen does not convert bodies".to_owned(),
            Kind::UncoveredNull => "add a mock that returns null here; regen does not add mocks to files".to_owned(),
            Kind::MockUnreadable => f.message.clone(),
            Kind::FormatMismatch => {
                "a Pact matcher expects something production does not send: change the consumer test".to_owned()
            }
            _ => "regen has no edit for this finding".to_owned(),
        });
        out.left.push(Left { finding: f.clone(), reason });
    }
    out
}

/// Which finding an edit fixes: its fingerprint and line (mocks of one endpoint in one file
/// share fingerprints, which leave lines out so that baselines survive edits).
pub(crate) fn finding_key(f: &Finding) -> String {
    format!("{}:{}", f.fingerprint, f.line)
}

/// An RFC 6901 pointer.
fn pointer(at: &[PathToken]) -> String {
    let mut out = String::new();
    for t in at {
        out.push('/');
        match t {
            PathToken::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
            PathToken::Index(i) => out.push_str(&i.to_string()),
            PathToken::Any => out.push('*'),
        }
    }
    out
}

/// A replacement of `start..end` of a file by `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Splice {
    start: usize,
    end: usize,
    text: String,
}

struct MockPlan {
    mock: usize,
    splices: BTreeMap<PathBuf, Vec<Splice>>,
    fingerprints: Vec<String>,
    /// Edits not made, with why (fingerprint, reason).
    skipped: Vec<(String, String)>,
    /// Where a null is written: (endpoint, pointer), which covers that endpoint's null.
    nulls: Vec<(EndpointKey, String)>,
    added: usize,
    removed: usize,
    replaced: usize,
}

impl MockPlan {
    fn new(mock: usize) -> Self {
        Self {
            mock,
            splices: BTreeMap::new(),
            fingerprints: Vec::new(),
            skipped: Vec::new(),
            nulls: Vec::new(),
            added: 0,
            removed: 0,
            replaced: 0,
        }
    }
}

fn plan_mock(m: &Mock, idx: usize, edits: &[&Edit], values: Values, docs: &mut Docs) -> Result<MockPlan, String> {
    let endpoints: BTreeSet<&EndpointKey> = edits.iter().map(|e| &e.endpoint).collect();
    if endpoints.len() > 1 {
        return Err(format!(
            "the mock matches {} recorded endpoints that disagree; narrow its URL matcher first",
            endpoints.len()
        ));
    }
    let Some(site) = &m.body_site else {
        return Err(match m.format {
            MockFormat::Vcr => "the cassette's body is not a text or base64 scalar".to_owned(),
            MockFormat::Pact => "the body embeds Ruby Pact terms; regen does not edit those".to_owned(),
            _ => "regen cannot edit where this body is written".to_owned(),
        });
    };
    let mut p = MockPlan::new(idx);
    let mut wanted: Vec<(&[PathToken], Option<&Value>)> = Vec::new();
    for e in edits {
        let value = match &e.op {
            EditOp::Remove => None,
            EditOp::Set { synthetic, example } => {
                Some(if values == Values::Examples && !example.is_null() { example } else { synthetic })
            }
        };
        if let Some(reason) = value.and_then(|v| breaks_matcher(m, &e.at, v)) {
            p.skipped.push((e.fingerprint.clone(), reason));
            continue;
        }
        wanted.push((&e.at, value));
        p.fingerprints.push(e.fingerprint.clone());
        if value.is_some_and(Value::is_null) {
            p.nulls.push((e.endpoint.clone(), pointer(&e.at)));
        }
    }
    if wanted.is_empty() {
        return Ok(p);
    }
    let doc = docs.load(&site.file)?;
    let moved = || format!("{}: the body moved since it was read", site.file.display());
    let (old_len, new_len) = match site.form {
        BodyForm::Json => {
            let node = doc.json()?.find(&site.path).ok_or_else(moved)?;
            // Edited in place in the file, so that indentation is read from the file's lines.
            let splices = edit_json(&doc.text, &doc.lines, node, &wanted, &mut p)?;
            let old = node.end - node.start;
            let new = old + splices.iter().map(|s| s.text.len()).sum::<usize>()
                - splices.iter().map(|s| s.end - s.start).sum::<usize>();
            p.splices.entry(site.file.clone()).or_default().extend(splices);
            (old, new)
        }
        BodyForm::Text | BodyForm::Base64 | BodyForm::YamlText | BodyForm::YamlBase64 => {
            let yaml = matches!(site.form, BodyForm::YamlText | BodyForm::YamlBase64);
            let (start, end, written, base64, scalar) = if yaml {
                let y = crate::yaml::scalar_span(&doc.text, &site.path)?;
                let base64 = y.binary || site.form == BodyForm::YamlBase64;
                (y.start, y.end, y.value.clone(), base64, Some(y))
            } else {
                let node = doc.json()?.find(&site.path).ok_or_else(moved)?;
                let literal = &doc.text[node.start..node.end];
                let s: String = serde_json::from_str(literal)
                    .map_err(|e| format!("{}: the body is not a JSON string ({e})", site.file.display()))?;
                (node.start, node.end, s, site.form == BodyForm::Base64, None)
            };
            // The bytes as sent, then the body they carry.
            let wire = if base64 { crate::formats::base64_bytes(&written)? } else { written.clone().into_bytes() };
            let body = if site.encoding.is_empty() {
                wire.clone()
            } else {
                mockdrift_contracts::decode::decode(&wire, &site.encoding, 64 << 20)
                    .map_err(|e| format!("the {} body cannot be decoded: {e}", site.encoding))?
                    .bytes
            };
            let inner = String::from_utf8(body).map_err(|_| "the body is not UTF-8 text".to_owned())?;
            let root = SNode::parse(&inner).map_err(|e| format!("the body is not JSON ({e})"))?;
            let lines = LineIndex::new(inner.as_bytes());
            let edited = apply(&inner, &edit_json(&inner, &lines, &root, &wanted, &mut p)?);
            let new_wire = if site.encoding.is_empty() {
                edited.clone().into_bytes()
            } else {
                mockdrift_contracts::decode::encode(edited.as_bytes(), &site.encoding, &wire).map_err(|e| match e {
                    mockdrift_contracts::decode::DecodeError::Unsupported(c) => {
                        format!("the body is {c}-encoded and regen writes only gzip and deflate")
                    }
                    e => format!("the body cannot be encoded again: {e}"),
                })?
            };
            let value = if base64 {
                base64_like(&written, &new_wire)
            } else {
                String::from_utf8(new_wire.clone()).map_err(|_| "the encoded body is not text".to_owned())?
            };
            let text = match &scalar {
                Some(y) => y.write(&value)?,
                // A JSON string literal is also a YAML double-quoted scalar.
                None => serde_json::to_string(&value).expect("strings serialize"),
            };
            p.splices.entry(site.file.clone()).or_default().push(Splice { start, end, text });
            (wire.len(), new_wire.len())
        }
    };
    // A body file is the whole file: Content-Length there counts the file.
    let (old_len, new_len) = if site.path.is_empty() && site.form == BodyForm::Json {
        (doc.text.len(), doc.text.len() + new_len - old_len)
    } else {
        (old_len, new_len)
    };
    if old_len != new_len {
        length_splices(m, site, old_len, new_len, docs, &mut p)?;
    }
    Ok(p)
}
/// Keeps `Content-Length` and HAR sizes true: each that stated the old length states the new.
fn length_splices(
    m: &Mock,
    site: &BodySite,
    old: usize,
    new: usize,
    docs: &mut Docs,
    p: &mut MockPlan,
) -> Result<(), String> {
    if site.lengths.is_empty() {
        return Ok(());
    }
    let doc = docs.load(&m.file)?;
    for at in &site.lengths {
        let Some((start, end)) = doc.span(at) else { continue };
        let text = &doc.text[start..end];
        let replacement = if text == old.to_string() {
            new.to_string()
        } else if text == format!("\"{old}\"") {
            format!("\"{new}\"")
        } else if text == format!("'{old}'") {
            format!("'{new}'")
        } else {
            continue; // a length of something else (the compressed size): not ours to change
        };
        p.splices.entry(m.file.clone()).or_default().push(Splice { start, end, text: replacement });
    }
    Ok(())
}

/// Why setting `v` at `at` would break a Pact regex matcher, if it would.
fn breaks_matcher(m: &Mock, at: &[PathToken], v: &Value) -> Option<String> {
    let rule = m.matchers.iter().rev().find(|r| {
        r.path.len() <= at.len() && r.path.iter().zip(at).all(|(a, b)| matches!(a, PathToken::Any) || a == b)
    })?;
    let (Some(pattern), Value::String(s)) = (&rule.pattern, v) else { return None };
    if rule.rule != "regex" {
        return None;
    }
    let re = regex::Regex::new(&format!("^(?:{pattern})$")).ok()?;
    (!re.is_match(s)).then(|| {
        format!("the new value {s:?} would not satisfy the interaction's regex matcher /{pattern}/: change the consumer test")
    })
}

/// Base64 of `bytes`, wrapped like `old` was (at the length of its first line).
fn base64_like(old: &str, bytes: &[u8]) -> String {
    use base64::Engine as _;
    let flat = base64::engine::general_purpose::STANDARD.encode(bytes);
    let Some(width) = old.find('\n').filter(|w| *w > 0 && old.len() > *w + 1) else {
        // One line: kept one line, with its line break if it had one.
        return flat
            + if old.ends_with("\r\n") {
                "\r\n"
            } else if old.ends_with('\n') {
                "\n"
            } else {
                ""
            };
    };
    let nl = if old[..width].ends_with('\r') { "\r\n" } else { "\n" };
    let width = old[..width].trim_end_matches('\r').len();
    let mut out = String::new();
    for (i, chunk) in flat.as_bytes().chunks(width).enumerate() {
        if i > 0 {
            out.push_str(nl);
        }
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
    }
    if old.ends_with('\n') {
        out.push_str(nl);
    }
    out
}

/// Files read for regen, parsed with byte offsets.
#[derive(Default)]
struct Docs {
    docs: BTreeMap<PathBuf, Result<Doc, String>>,
}

struct Doc {
    text: String,
    /// Where its lines start, for indentation.
    lines: LineIndex,
    /// The parsed tree of a JSON file; YAML files are searched with their own parser.
    root: Option<SNode>,
    path: PathBuf,
}

impl Doc {
    fn json(&self) -> Result<&SNode, String> {
        self.root.as_ref().ok_or_else(|| format!("{}: not a JSON file", self.path.display()))
    }

    /// The span of the value at `path` (for YAML, of a one-line scalar).
    fn span(&self, path: &[PathToken]) -> Option<(usize, usize)> {
        match &self.root {
            Some(root) => root.find(path).map(|n| (n.start, n.end)),
            None => {
                crate::yaml::scalar_span(&self.text, path).ok().filter(|y| y.block.is_none()).map(|y| (y.start, y.end))
            }
        }
    }
}

impl Docs {
    fn load(&mut self, path: &Path) -> Result<&Doc, String> {
        self.docs
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let yaml =
                    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
                let root = match yaml {
                    true => None,
                    false => Some(SNode::parse(&text).map_err(|e| format!("{}: not valid JSON: {e}", path.display()))?),
                };
                Ok(Doc { lines: LineIndex::new(text.as_bytes()), text, root, path: path.to_path_buf() })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn get(&self, path: &Path) -> Option<&Doc> {
        self.docs.get(path).and_then(|d| d.as_ref().ok())
    }
}

/// A JSON value with the byte span it has in its text.
#[derive(Clone, Debug, PartialEq)]
struct SNode {
    start: usize,
    end: usize,
    kind: SKind,
}

#[derive(Clone, Debug, PartialEq)]
enum SKind {
    Scalar,
    Array(Vec<SNode>),
    /// Members: key, where the key's quote starts, where the value starts after the colon,
    /// and the value.
    Object(Vec<Member>),
}

#[derive(Clone, Debug, PartialEq)]
struct Member {
    key: String,
    key_start: usize,
    colon_end: usize,
    value: SNode,
}

impl SNode {
    fn parse(text: &str) -> Result<SNode, mockdrift_contracts::json::ParseError> {
        let mut p = Parser::new(text.as_bytes())?;
        // A pending key: the key, where its quote starts, where its colon ends.
        type Key = Option<(String, usize, usize)>;
        let mut stack: Vec<(SNode, Key)> = Vec::new();
        let mut key: Key = None;
        loop {
            let Some(ev) = p.next()? else { unreachable!("the parser ends only after a complete document") };
            let node = match ev {
                Event::Key(k) => {
                    key = Some((k.into_owned(), p.offset(), p.end()));
                    continue;
                }
                Event::StartObject => {
                    stack.push((SNode { start: p.offset(), end: 0, kind: SKind::Object(Vec::new()) }, key.take()));
                    continue;
                }
                Event::StartArray => {
                    stack.push((SNode { start: p.offset(), end: 0, kind: SKind::Array(Vec::new()) }, key.take()));
                    continue;
                }
                Event::EndObject | Event::EndArray => {
                    let (mut node, k) = stack.pop().expect("the parser balances containers");
                    node.end = p.end();
                    key = k;
                    node
                }
                _ => SNode { start: p.offset(), end: p.end(), kind: SKind::Scalar },
            };
            match stack.last_mut() {
                None => {
                    p.next()?;
                    return Ok(node);
                }
                Some((SNode { kind: SKind::Object(members), .. }, _)) => {
                    let (key, key_start, colon_end) = key.take().expect("objects have keys");
                    members.push(Member { key, key_start, colon_end, value: node });
                }
                Some((SNode { kind: SKind::Array(items), .. }, _)) => items.push(node),
                Some(_) => unreachable!("only containers are stacked"),
            }
        }
    }

    fn find(&self, path: &[PathToken]) -> Option<&SNode> {
        let mut n = self;
        for t in path {
            n = match (&n.kind, t) {
                (SKind::Object(ms), PathToken::Key(k)) => &ms.iter().rev().find(|m| &m.key == k)?.value,
                (SKind::Array(items), PathToken::Index(i)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(n)
    }
}

/// How a document is laid out: kept for everything regen writes into it.
struct Style {
    newline: &'static str,
    unit: String,
    /// After a key's colon (`" "` or `""`).
    colon: String,
    /// Between members on one line (`", "` or `","`).
    comma: String,
}

impl Style {
    fn of(src: &str, lines: &LineIndex, root: &SNode) -> Style {
        let newline = if lines.crlf() { "\r\n" } else { "\n" };
        let mut colon = None;
        let mut comma = None;
        let mut unit = None;
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            match &n.kind {
                SKind::Object(ms) => {
                    if let Some(m) = ms.first() {
                        colon.get_or_insert_with(|| src[m.colon_end..m.value.start].to_owned());
                        if unit.is_none() && src[n.start..m.key_start].contains('\n') {
                            let own = line_indent(src, lines, n.start);
                            let inner = line_indent(src, lines, m.key_start);
                            if let Some(u) = inner.strip_prefix(own.as_str()).filter(|u| !u.is_empty()) {
                                unit = Some(u.to_owned());
                            }
                        }
                    }
                    if let [a, b, ..] = ms.as_slice() {
                        let between = &src[a.value.end..b.key_start];
                        if !between.contains('\n') {
                            comma.get_or_insert_with(|| between.to_owned());
                        }
                    }
                    stack.extend(ms.iter().map(|m| &m.value));
                }
                SKind::Array(items) => stack.extend(items.iter()),
                SKind::Scalar => {}
            }
        }
        let colon = colon.unwrap_or_else(|| " ".to_owned());
        let comma = comma.unwrap_or_else(|| if colon.is_empty() { ",".to_owned() } else { ", ".to_owned() });
        Style { newline, unit: unit.unwrap_or_else(|| "  ".to_owned()), colon, comma }
    }

    /// `v` written at a place whose line is indented by `indent`: over several lines when
    /// `multiline`, else on one.
    fn value(&self, v: &Value, indent: &str, multiline: bool) -> String {
        let mut out = String::new();
        self.write(v, indent, multiline, &mut out);
        out
    }

    fn write(&self, v: &Value, indent: &str, multiline: bool, out: &mut String) {
        let inner = format!("{indent}{}", self.unit);
        let (open, close, empty) = match v {
            Value::Object(m) if !m.is_empty() => ("{", "}", false),
            Value::Array(a) if !a.is_empty() => ("[", "]", false),
            _ => ("", "", true),
        };
        if empty {
            out.push_str(&serde_json::to_string(v).expect("values serialize"));
            return;
        }
        out.push_str(open);
        let items: Vec<(Option<&String>, &Value)> = match v {
            Value::Object(m) => m.iter().map(|(k, v)| (Some(k), v)).collect(),
            Value::Array(a) => a.iter().map(|v| (None, v)).collect(),
            _ => unreachable!("containers only"),
        };
        for (i, (k, item)) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(if multiline { "," } else { &self.comma });
            }
            if multiline {
                out.push_str(self.newline);
                out.push_str(&inner);
            }
            if let Some(k) = k {
                out.push_str(&serde_json::to_string(k).expect("strings serialize"));
                out.push(':');
                out.push_str(&self.colon);
            }
            self.write(item, &inner, multiline, out);
        }
        if multiline {
            out.push_str(self.newline);
            out.push_str(indent);
        }
        out.push_str(close);
    }
}

/// The whitespace that starts the line holding `pos`.
fn line_indent(src: &str, lines: &LineIndex, pos: usize) -> String {
    let line_start = lines.line_start(lines.line(pos));
    src[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect()
}

/// The splices of `src` that apply edits (`None`: remove) to the JSON value `root` (a value
/// within `src`, paths relative to it); counts what it did into `p`.
fn edit_json(
    src: &str,
    lines: &LineIndex,
    root: &SNode,
    edits: &[(&[PathToken], Option<&Value>)],
    p: &mut MockPlan,
) -> Result<Vec<Splice>, String> {
    let style = Style::of(src, lines, root);
    let mut splices: Vec<Splice> = Vec::new();
    // Object edits are grouped per object: removals and additions interact.
    // Per object: the keys removed, the members added.
    type ObjectEdits<'v> = (Vec<String>, Vec<(String, &'v Value)>);
    let mut per_object: BTreeMap<Vec<PathToken>, ObjectEdits> = BTreeMap::new();
    for (at, value) in edits {
        match (root.find(at), value) {
            (Some(n), Some(v)) => {
                let multiline = src[n.start..n.end].contains('\n') || context_multiline(src, root, at);
                let text = style.value(v, &line_indent(src, lines, n.start), multiline);
                splices.push(Splice { start: n.start, end: n.end, text });
                p.replaced += 1;
            }
            (found, _) => {
                let Some((PathToken::Key(k), parent)) = at.split_last() else {
                    return Err(format!("no member at {at:?} to edit"));
                };
                let entry = per_object.entry(parent.to_vec()).or_default();
                match value {
                    None if found.is_some() => entry.0.push(k.clone()),
                    Some(v) => entry.1.push((k.clone(), v)),
                    None => {}
                }
            }
        }
    }
    for (parent, (removed, added)) in per_object {
        let Some(obj) = root.find(&parent) else { return Err("the object to edit is gone".to_owned()) };
        let SKind::Object(ms) = &obj.kind else { return Err("the value to edit is not an object".to_owned()) };
        p.removed += removed.len();
        p.added += added.len();
        splices.extend(object_splices(src, lines, obj, ms, &removed, &added, &style));
    }
    splices.sort_by_key(|s| (s.start, s.end));
    if splices.windows(2).any(|w| w[0].end > w[1].start) {
        return Err("edits overlap; regen leaves this body alone".to_owned());
    }
    Ok(splices)
}

/// `src` with sorted, disjoint `splices` applied.
fn apply(src: &str, splices: &[Splice]) -> String {
    let mut out = src.to_owned();
    for s in splices.iter().rev() {
        out.replace_range(s.start..s.end, &s.text);
    }
    out
}

/// Whether the container holding the value at `at` is written over several lines.
fn context_multiline(src: &str, root: &SNode, at: &[PathToken]) -> bool {
    at.split_last().and_then(|(_, parent)| root.find(parent)).is_some_and(|n| src[n.start..n.end].contains('\n'))
}

/// Splices that drop `removed` members of an object and append `added` ones, in its layout.
fn object_splices(
    src: &str,
    lines: &LineIndex,
    obj: &SNode,
    ms: &[Member],
    removed: &[String],
    added: &[(String, &Value)],
    style: &Style,
) -> Vec<Splice> {
    let multiline = src[obj.start..obj.end].contains('\n');
    let gone: Vec<bool> = ms.iter().map(|m| removed.contains(&m.key)).collect();
    let kept = gone.iter().filter(|g| !**g).count();
    let obj_indent = line_indent(src, lines, obj.start);
    let member_indent = match ms.first() {
        Some(m) if multiline => line_indent(src, lines, m.key_start),
        _ => format!("{obj_indent}{}", style.unit),
    };
    let member = |k: &str, v: &Value| {
        format!(
            "{}:{}{}",
            serde_json::to_string(k).expect("strings serialize"),
            style.colon,
            style.value(v, &member_indent, multiline)
        )
    };
    if kept == 0 {
        // Nothing of the old object stays: write it anew in its layout.
        let fresh: serde_json::Map<String, Value> = added.iter().map(|(k, v)| (k.clone(), (*v).clone())).collect();
        let text = style.value(&Value::Object(fresh), &obj_indent, multiline);
        return vec![Splice { start: obj.start, end: obj.end, text }];
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < ms.len() {
        if !gone[i] {
            i += 1;
            continue;
        }
        let a = i;
        while i < ms.len() && gone[i] {
            i += 1;
        }
        let b = i - 1;
        if a > 0 {
            out.push(Splice { start: ms[a - 1].value.end, end: ms[b].value.end, text: String::new() });
        } else {
            // A leading run: drop up to the next member's key (it exists: something is kept).
            out.push(Splice { start: ms[0].key_start, end: ms[b + 1].key_start, text: String::new() });
        }
    }
    if !added.is_empty() {
        let last = &ms[ms.len() - 1];
        let mut text = String::new();
        for (k, v) in added {
            text.push_str(if multiline { "," } else { &style.comma });
            if multiline {
                text.push_str(style.newline);
                text.push_str(&member_indent);
            }
            text.push_str(&member(k, v));
        }
        out.push(Splice { start: last.value.end, end: last.value.end, text });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn edit(src: &str, edits: &[(&[PathToken], Option<&Value>)]) -> String {
        let root = SNode::parse(src).expect("valid");
        let mut p = MockPlan::new(0);
        apply(src, &edit_json(src, &LineIndex::new(src.as_bytes()), &root, edits, &mut p).expect("edits apply"))
    }

    fn k(s: &str) -> PathToken {
        PathToken::Key(s.to_owned())
    }

    #[test]
    fn edits_keep_layout_order_and_everything_else() {
        let src = "{\n    \"id\": 1,\n    \"amount_cents\": 100,\n    \"status\": \"paid\"\n}\n";
        let cur = json!("EUR");
        let amount = json!(100);
        let out =
            edit(src, &[(&[k("amount_cents")], None), (&[k("amount")], Some(&amount)), (&[k("currency")], Some(&cur))]);
        assert_eq!(
            out,
            "{\n    \"id\": 1,\n    \"status\": \"paid\",\n    \"amount\": 100,\n    \"currency\": \"EUR\"\n}\n"
        );
        // A leading member, a trailing one, CRLF, tabs.
        let src = "{\r\n\t\"a\": 1,\r\n\t\"b\": {\"x\": 1},\r\n\t\"c\": 3\r\n}";
        let nested = json!({"y": [1, 2]});
        let out = edit(src, &[(&[k("a")], None), (&[k("c")], None), (&[k("d")], Some(&nested))]);
        assert_eq!(
            out,
            "{\r\n\t\"b\": {\"x\": 1},\r\n\t\"d\": {\r\n\t\t\"y\": [\r\n\t\t\t1,\r\n\t\t\t2\r\n\t\t]\r\n\t}\r\n}"
        );
    }

    #[test]
    fn compact_bodies_stay_compact() {
        let src = r#"{"id":1,"kind":"card","extra":true}"#;
        let v = json!("bank");
        let out = edit(src, &[(&[k("extra")], None), (&[k("kind")], Some(&v)), (&[k("new")], Some(&json!({"a": 1})))]);
        assert_eq!(out, r#"{"id":1,"kind":"bank","new":{"a":1}}"#);
        let src = r#"{"a": 1, "b": 2}"#;
        assert_eq!(edit(src, &[(&[k("a")], None), (&[k("b")], None)]), "{}");
        assert_eq!(edit(src, &[(&[k("a")], None), (&[k("b")], None), (&[k("c")], Some(&json!(3)))]), r#"{"c": 3}"#);
        assert_eq!(edit("{}", &[(&[k("c")], Some(&json!(3)))]), r#"{"c": 3}"#);
    }

    #[test]
    fn edits_inside_arrays_and_whole_bodies() {
        let src = "[\n  {\"id\": \"1\"},\n  {\"id\": \"2\"}\n]";
        let one = json!(1);
        let two = json!(2);
        let out =
            edit(src, &[(&[PathToken::Index(0), k("id")], Some(&one)), (&[PathToken::Index(1), k("id")], Some(&two))]);
        assert_eq!(out, "[\n  {\"id\": 1},\n  {\"id\": 2}\n]");
        let whole = json!({"a": 1});
        assert_eq!(edit("[1, 2]", &[(&[], Some(&whole))]), r#"{"a": 1}"#);
    }

    #[test]
    fn base64_keeps_its_wrapping() {
        let wrapped = "eyJh\nIjox\nfQ==\n";
        let out = base64_like(wrapped, br#"{"a":2}"#);
        assert!(out.lines().all(|l| l.len() <= 4), "{out}");
        assert!(out.ends_with('\n'));
        assert_eq!(crate::formats::base64_bytes(&out).expect("valid"), br#"{"a":2}"#);
        assert_eq!(base64_like("eyJhIjoxfQ==", b"{}"), "e30=");
    }
}
