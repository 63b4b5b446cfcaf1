//! A small iterative JSON pull parser with byte offsets.
//!
//! Why not a serde visitor over `serde_json`: serde_json recurses per nesting level and stops
//! at depth 128 with an error, so a deep document would lose its whole shape instead of being
//! cut at the configured depth; and the differ needs source positions, which serde_json does
//! not expose. This parser keeps its nesting on a heap stack (one byte per level), never
//! recurses, borrows strings without escapes, and reports errors with line and column.

use std::borrow::Cow;
use std::fmt;

/// One token of a JSON document.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a> {
    /// `{`
    StartObject,
    /// `}`
    EndObject,
    /// `[`
    StartArray,
    /// `]`
    EndArray,
    /// An object key, unescaped.
    Key(Cow<'a, str>),
    /// A string value, unescaped.
    Str(Cow<'a, str>),
    /// A number; `integer` when it has neither fraction nor exponent.
    Number {
        /// The number as written.
        text: &'a str,
        /// No fraction, no exponent.
        integer: bool,
    },
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

/// A syntax error, with its position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason} at line {line} column {column}")]
pub struct ParseError {
    /// Byte offset of the error.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in bytes).
    pub column: usize,
    /// What was wrong.
    pub reason: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Value,
    ObjectFirst,
    ArrayFirst,
    Key,
    AfterValue,
    Done,
}

const OBJ: u8 = 0;
const ARR: u8 = 1;

/// A pull parser over a complete document in memory.
pub struct Parser<'a> {
    src: &'a str,
    pos: usize,
    start: usize,
    stack: Vec<u8>,
    state: State,
}

impl fmt::Debug for Parser<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parser").field("pos", &self.pos).field("depth", &self.stack.len()).finish()
    }
}

/// Checks that `bytes` are one complete JSON document, without building anything.
pub fn validate(bytes: &[u8]) -> Result<(), ParseError> {
    validate_str(bytes).map(|_| ())
}

/// [`validate`], giving the document as text (its byte order mark kept) to parse again
/// with [`Parser::new_validated`].
///
/// Most documents are checked by serde_json's skipping reader, which builds nothing and
/// reads strings a word at a time. It is only trusted to accept: it knows no byte order
/// mark, and its errors carry no position of ours, so whatever it rejects is read again by
/// this parser, whose answer (and error position) stands. It accepts nothing this parser rejects (a
/// proptest, `the_skipping_reader_accepts_only_what_this_parser_accepts`).
pub fn validate_str(bytes: &[u8]) -> Result<&str, ParseError> {
    if let Ok(text) = std::str::from_utf8(bytes)
        && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
    {
        return Ok(text);
    }
    let mut p = Parser::new(bytes)?;
    if p.next()?.is_none() {
        return Err(ParseError { offset: 0, line: 1, column: 1, reason: "empty document" });
    }
    while p.next()?.is_some() {}
    Ok(p.src)
}

/// Line and column (1-based) of one byte offset in `src`, by a scan from the start: for a
/// single position (an error ending a parse). Where many positions of one text are wanted,
/// build a [`LineIndex`] once.
pub fn line_col(src: &[u8], offset: usize) -> (usize, usize) {
    LineIndex::new(&src[..offset.min(src.len())]).line_col(offset)
}

/// The offsets where the lines of a text start, built once (one pass over the text); line
/// and column of any offset are then a binary search.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Offset of the first byte of each line after the first.
    starts: Vec<usize>,
    /// Whether a line ends with `\r\n`.
    crlf: bool,
}

impl LineIndex {
    /// Indexes the line breaks of `src`.
    pub fn new(src: &[u8]) -> Self {
        let starts: Vec<usize> = memchr::memchr_iter(b'\n', src).map(|i| i + 1).collect();
        let crlf = starts.iter().any(|&s| s >= 2 && src[s - 2] == b'\r');
        Self { starts, crlf }
    }

    /// Offset of the first byte of a 1-based line (past the end: the text's length is not
    /// known here, so the last line's start).
    pub fn line_start(&self, line: usize) -> usize {
        match line {
            0 | 1 => 0,
            n => self.starts.get(n - 2).or(self.starts.last()).copied().unwrap_or(0),
        }
    }

    /// Whether the text breaks lines with `\r\n` (any of them).
    pub fn crlf(&self) -> bool {
        self.crlf
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) + 1
    }

    /// 1-based line of a byte offset on line `from` or later: a walk forward from `from`,
    /// for callers whose offsets only grow (linear over a whole text, no search).
    pub fn line_from(&self, from: usize, offset: usize) -> usize {
        let mut line = from.max(1);
        while self.starts.get(line - 1).is_some_and(|&s| s <= offset) {
            line += 1;
        }
        line
    }

    /// 1-based line and column (in bytes) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = if line == 1 { 0 } else { self.starts[line - 2] };
        (line, offset - start + 1)
    }

    /// How many lines the text has (a final line break starts an empty last line).
    pub fn lines(&self) -> usize {
        self.starts.len() + 1
    }
}

impl<'a> Parser<'a> {
    /// Starts parsing `bytes`, which must be UTF-8 (a leading byte order mark is skipped).
    pub fn new(bytes: &'a [u8]) -> Result<Self, ParseError> {
        let src = match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let offset = e.valid_up_to();
                let (line, column) = line_col(bytes, offset);
                return Err(ParseError { offset, line, column, reason: "invalid UTF-8" });
            }
        };
        let pos = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Ok(Self { src, pos, start: pos, stack: Vec::new(), state: State::Value })
    }

    /// Starts parsing a document [`validate_str`] accepted.
    pub fn new_validated(text: &'a str) -> Self {
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Self { src: text, pos, start: pos, stack: Vec::new(), state: State::Value }
    }

    /// Skips what is left of the innermost open container, its closing bracket included, as
    /// if every event up to its end had been read; the next event is what follows it. Cheap
    /// (strings are jumped over, nothing is unescaped) because nothing inside is checked: for
    /// a document [`validate_str`] accepted. On any other input it stops with an error at
    /// the end of the text or reads garbage as values, never more.
    pub fn skip_rest(&mut self) -> Result<(), ParseError> {
        let b = self.src.as_bytes();
        let mut depth = 0usize;
        let mut i = self.pos;
        while let Some(&c) = b.get(i) {
            match c {
                b'"' => {
                    i += 1;
                    loop {
                        let Some(j) = b.get(i..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest)) else {
                            return Err(self.err(self.start, "unterminated string"));
                        };
                        i += j;
                        if b[i] == b'"' {
                            i += 1;
                            break;
                        }
                        // An escape: the backslash and the byte it escapes.
                        i += 2;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => {
                    self.pos = i + 1;
                    self.stack.pop();
                    self.state = State::AfterValue;
                    return Ok(());
                }
                b'}' | b']' => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        Err(self.err(i, "unexpected end of input"))
    }

    /// Byte offset where the most recent event began.
    pub fn offset(&self) -> usize {
        self.start
    }

    /// Byte offset just past the most recent event (for a key, past its colon).
    pub fn end(&self) -> usize {
        self.pos
    }

    /// Current nesting depth (1 inside the top-level container).
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The whole input.
    pub fn source(&self) -> &'a str {
        self.src
    }

    fn err(&self, at: usize, reason: &'static str) -> ParseError {
        let (line, column) = line_col(self.src.as_bytes(), at);
        ParseError { offset: at, line, column, reason }
    }

    fn skip_ws(&mut self) {
        let b = self.src.as_bytes();
        while self.pos < b.len() && matches!(b[self.pos], b' ' | b'\n' | b'\r' | b'\t') {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    /// The next event, `None` at the end of a complete document.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Event<'a>>, ParseError> {
        loop {
            self.skip_ws();
            self.start = self.pos;
            match self.state {
                State::Done => {
                    return if self.pos < self.src.len() {
                        Err(self.err(self.pos, "trailing characters after the document"))
                    } else {
                        Ok(None)
                    };
                }
                State::AfterValue => {
                    let Some(&top) = self.stack.last() else {
                        self.state = State::Done;
                        continue;
                    };
                    match (top, self.peek()) {
                        (OBJ, Some(b',')) => {
                            self.pos += 1;
                            self.state = State::Key;
                        }
                        (ARR, Some(b',')) => {
                            self.pos += 1;
                            self.state = State::Value;
                        }
                        (OBJ, Some(b'}')) => return Ok(Some(self.close())),
                        (ARR, Some(b']')) => return Ok(Some(self.close())),
                        (_, None) => return Err(self.err(self.pos, "unexpected end of input")),
                        (OBJ, _) => return Err(self.err(self.pos, "expected ',' or '}'")),
                        _ => return Err(self.err(self.pos, "expected ',' or ']'")),
                    }
                }
                State::ObjectFirst => {
                    if self.peek() == Some(b'}') {
                        return Ok(Some(self.close()));
                    }
                    self.state = State::Key;
                }
                State::ArrayFirst => {
                    if self.peek() == Some(b']') {
                        return Ok(Some(self.close()));
                    }
                    self.state = State::Value;
                }
                State::Key => {
                    if self.peek() != Some(b'"') {
                        return Err(self.err(self.pos, "expected a string key"));
                    }
                    let key = self.string()?;
                    self.skip_ws();
                    if self.peek() != Some(b':') {
                        return Err(self.err(self.pos, "expected ':' after key"));
                    }
                    self.pos += 1;
                    self.state = State::Value;
                    return Ok(Some(Event::Key(key)));
                }
                State::Value => return self.value().map(Some),
            }
        }
    }

    fn close(&mut self) -> Event<'a> {
        self.pos += 1;
        self.state = State::AfterValue;
        match self.stack.pop() {
            Some(OBJ) => Event::EndObject,
            _ => Event::EndArray,
        }
    }

    fn value(&mut self) -> Result<Event<'a>, ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.err(self.pos, "unexpected end of input"));
        };
        let ev = match b {
            b'{' => {
                self.pos += 1;
                self.stack.push(OBJ);
                self.state = State::ObjectFirst;
                return Ok(Event::StartObject);
            }
            b'[' => {
                self.pos += 1;
                self.stack.push(ARR);
                self.state = State::ArrayFirst;
                return Ok(Event::StartArray);
            }
            b'"' => Event::Str(self.string()?),
            b't' => self.literal("true", Event::Bool(true))?,
            b'f' => self.literal("false", Event::Bool(false))?,
            b'n' => self.literal("null", Event::Null)?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return Err(self.err(self.pos, "expected a value")),
        };
        self.state = State::AfterValue;
        Ok(ev)
    }

    fn literal(&mut self, word: &'static str, ev: Event<'a>) -> Result<Event<'a>, ParseError> {
        if self.src[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(ev)
        } else {
            Err(self.err(self.pos, "invalid literal"))
        }
    }

    fn number(&mut self) -> Result<Event<'a>, ParseError> {
        let b = self.src.as_bytes();
        let start = self.pos;
        let mut i = self.pos;
        let digits = |i: &mut usize| {
            let s = *i;
            while *i < b.len() && b[*i].is_ascii_digit() {
                *i += 1;
            }
            *i - s
        };
        if b[i] == b'-' {
            i += 1;
        }
        let int_start = i;
        let n = digits(&mut i);
        if n == 0 {
            return Err(self.err(i, "invalid number"));
        }
        if n > 1 && b[int_start] == b'0' {
            return Err(self.err(int_start, "leading zero in number"));
        }
        let mut integer = true;
        if i < b.len() && b[i] == b'.' {
            i += 1;
            integer = false;
            if digits(&mut i) == 0 {
                return Err(self.err(i, "invalid number"));
            }
        }
        if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            i += 1;
            integer = false;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return Err(self.err(i, "invalid number"));
            }
        }
        self.pos = i;
        Ok(Event::Number { text: &self.src[start..i], integer })
    }

    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        let b = self.src.as_bytes();
        let start = self.pos + 1;
        let mut i = start;
        while i < b.len() {
            match b[i] {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(Cow::Borrowed(&self.src[start..i]));
                }
                b'\\' => break,
                c if c < 0x20 => return Err(self.err(i, "control character in string")),
                _ => i += 1,
            }
        }
        if i >= b.len() {
            return Err(self.err(self.pos, "unterminated string"));
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(&self.src[start..i]);
        loop {
            let Some(&c) = b.get(i) else {
                return Err(self.err(self.pos, "unterminated string"));
            };
            match c {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    let Some(&e) = b.get(i + 1) else {
                        return Err(self.err(i, "unterminated string"));
                    };
                    i += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4(i)?;
                            i += 4;
                            let ch = if (0xD800..0xDC00).contains(&hi) {
                                if b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u') {
                                    let lo = self.hex4(i + 2)?;
                                    if (0xDC00..0xE000).contains(&lo) {
                                        i += 6;
                                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                    } else {
                                        None
                                    }
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            // Lone surrogates are replaced, as serde_json's lossy readers do.
                            out.push(ch.unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(self.err(i - 1, "invalid escape")),
                    }
                }
                c if c < 0x20 => return Err(self.err(i, "control character in string")),
                _ => {
                    let run = i;
                    while i < b.len() && b[i] != b'"' && b[i] != b'\\' && b[i] >= 0x20 {
                        i += 1;
                    }
                    out.push_str(&self.src[run..i]);
                }
            }
        }
    }

    fn hex4(&self, at: usize) -> Result<u32, ParseError> {
        // Four hex digits, no sign (`from_str_radix` would take `+041`).
        let s = self
            .src
            .get(at..at + 4)
            .filter(|s| s.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.err(at, "invalid unicode escape"))?;
        u32::from_str_radix(s, 16).map_err(|_| self.err(at, "invalid unicode escape"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(s: &str) -> Result<Vec<Event<'_>>, ParseError> {
        let mut p = Parser::new(s.as_bytes())?;
        let mut out = Vec::new();
        while let Some(e) = p.next()? {
            out.push(e);
        }
        Ok(out)
    }

    #[test]
    fn agrees_with_serde_json_on_validity() {
        let cases = [
            "{}",
            "[]",
            "1",
            "-0.5e+3",
            "\"a\\u00e9\\ud83d\\ude00\"",
            "{\"a\":[1,2,{\"b\":null}]}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "[1 2]",
            "{\"a\" 1}",
            "\"\\x\"",
            "tru",
            "[",
            "{} {}",
            " \t\n[true,false,null] ",
            "\"a\tb\"",
            "-",
            "1e",
            "[-01]",
            "\"\\u+041\"",
            "\"\\u00e\"",
        ];
        for c in cases {
            let ours = events(c).is_ok();
            let theirs = serde_json::from_str::<serde_json::Value>(c).is_ok();
            assert_eq!(ours, theirs, "validity differs on {c:?}");
        }
    }

    proptest::proptest! {
        /// What `validate_str`'s fast path relies on: serde_json's skipping reader accepts
        /// no document this parser rejects (it may reject more: those are read again).
        #[test]
        fn the_skipping_reader_accepts_only_what_this_parser_accepts(
            tokens in proptest::collection::vec(proptest::sample::select(vec![
                "{", "}", "[", "]", ",", ":", "\"", "\"k\":", "\\", "\\u", "\\ud800", "d83d", "\\n",
                "0", "12", "-", ".", "e", "+", "true", "nul", "null", " ", "\n", "\t", "é", "\u{1}",
                "\u{feff}",
            ]), 0..16)
        ) {
            let doc = tokens.concat();
            let skipped = serde_json::from_str::<serde::de::IgnoredAny>(&doc).is_ok();
            let ours = events(&doc).is_ok_and(|ev| !ev.is_empty());
            proptest::prop_assert!(!skipped || ours, "the skipping reader accepts {doc:?}");
            proptest::prop_assert_eq!(validate_str(doc.as_bytes()).is_ok(), ours, "on {:?}", doc);
        }
    }

    fn arb_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            (-5i64..100).prop_map(serde_json::Value::from),
            prop::sample::select(vec!["", "a", "q\"uote", "back\\slash", "]}", "\\\"", "é\n"])
                .prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 40, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
                prop::collection::btree_map(prop::sample::select(vec!["k", "\"", "{", "\\"]), inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
            ]
        })
    }

    proptest::proptest! {
        /// Skipping a container's rest, anywhere inside it, leaves the parser where reading
        /// its events would: the events after it are the same.
        #[test]
        fn skipping_the_rest_of_a_container_is_reading_it(
            v in arb_value(),
            pretty in proptest::bool::ANY,
            at in 0usize..64,
        ) {
            let doc = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }
                .expect("serializes");
            let all = events(&doc).expect("valid");
            // Skip after event `at` (if inside a container), from the depth it leaves.
            let mut p = Parser::new(doc.as_bytes()).expect("UTF-8");
            let mut depths = Vec::new();
            let mut seen = Vec::new();
            while let Some(e) = p.next().expect("valid") {
                seen.push(e);
                depths.push(p.depth());
                if seen.len() == at + 1 && p.depth() > 0 {
                    let depth = p.depth();
                    p.skip_rest().expect("valid");
                    proptest::prop_assert_eq!(p.depth(), depth - 1);
                    // In the full reading: the event that closes this container.
                    let close = (at + 1..all.len()).find(|&i| {
                        let mut q = Parser::new(doc.as_bytes()).expect("UTF-8");
                        (0..=i).for_each(|_| { q.next().expect("valid"); });
                        q.depth() == depth - 1
                    }).expect("closes");
                    let mut rest = Vec::new();
                    while let Some(e) = p.next().expect("valid") {
                        rest.push(e);
                    }
                    proptest::prop_assert_eq!(&rest[..], &all[close + 1..]);
                    return Ok(());
                }
            }
        }
    }

    #[test]
    fn skipping_stops_at_the_end_of_a_cut_document() {
        for doc in [r#"{"a": [1, {"b": "x"#, r#"{"a": [1, "\\"#, r#"[[["#] {
            let mut p = Parser::new(doc.as_bytes()).expect("UTF-8");
            p.next().expect("starts");
            assert!(p.skip_rest().is_err(), "{doc}");
        }
    }

    #[test]
    fn documents_the_skipping_reader_rejects_are_read_again_by_this_parser() {
        // (Deep documents: either reader, the same answer.)
        let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        assert_eq!(validate_str(deep.as_bytes()), Ok(deep.as_str()));
        assert!(validate_str(format!("{}1{}", "[".repeat(1000), "]".repeat(999)).as_bytes()).is_err());
        let bom = "\u{feff}{\"a\": 1}";
        let mut p = Parser::new_validated(validate_str(bom.as_bytes()).expect("valid"));
        assert_eq!(p.next(), Ok(Some(Event::StartObject)));
        let err = validate_str(b"{\"a\": \xff}").expect_err("not UTF-8");
        assert_eq!((err.reason, err.column), ("invalid UTF-8", 7));
    }

    #[test]
    fn unescapes_and_reports_positions() {
        let ev = events(r#"{"k\n":"\ud83d\ude00"}"#).expect("valid");
        assert_eq!(ev[1], Event::Key(Cow::Owned("k\n".into())));
        assert_eq!(ev[2], Event::Str(Cow::Owned("😀".into())));
        let err = events("{\n  \"a\": 1,\n  \"b\" 2\n}").expect_err("invalid");
        assert_eq!((err.line, err.column), (3, 7));
        assert_eq!(err.reason, "expected ':' after key");
    }

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let text = b"a\nbc\n\nd\r\nef\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            let upto = &text[..offset];
            let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = upto.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            assert_eq!(index.line_col(offset), (line, col), "offset {offset}");
            assert_eq!(line_col(text, offset), (line, col), "offset {offset}");
            assert_eq!(index.line_from(1, offset), line, "offset {offset}");
            assert_eq!(index.line_from(line, offset), line, "offset {offset}");
        }
        assert_eq!(index.lines(), 6);
        assert!(index.crlf() && !LineIndex::new(b"a\nb\n").crlf());
        assert_eq!((index.line_start(1), index.line_start(3), index.line_start(5)), (0, 5, 9));
        assert_eq!(LineIndex::new(b"").line_col(0), (1, 1));
        assert_eq!(LineIndex::new(b"one line").line_start(3), 0);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let depth = 200_000;
        let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let n = events(&doc).expect("valid").len();
        assert_eq!(n, depth * 2);
    }
}
