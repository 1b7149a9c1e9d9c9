//! Reading back the text of the PDFs the program writes, page by page, without a PDF library:
//! each page's contents are one stream written in page order, compressed with Flate (inflated
//! here with the same flate2 the program compresses with), and all text is shown with `Tj` in
//! WinAnsiEncoding (`export::pdf`). So a page's text is every string shown in its stream,
//! decoded, in the order drawn; each `BT … ET` is one line.

use coregroup::export::pdf_fonts::decode;

/// A PDF's pages, each as its lines of text.
#[derive(Debug)]
pub struct PdfText {
    pub pages: Vec<Vec<String>>,
}

impl PdfText {
    /// Every line of every page, joined with spaces: what a search of the document finds, a
    /// phrase broken over two lines found too.
    pub fn all(&self) -> String {
        self.pages
            .iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The text of a PDF the program wrote. Panics (a failed test) when it is not one.
pub fn read(bytes: &[u8]) -> PdfText {
    assert!(bytes.starts_with(b"%PDF-"), "no PDF header");
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    assert!(bytes[..end].ends_with(b"%%EOF"), "no %%EOF at the end");
    let page_objects = count(bytes, b"/Type /Page\n") + count(bytes, b"/Type /Page ");
    let mut pages = Vec::new();
    for content in streams(bytes).into_iter().filter(|s| !s.image) {
        assert!(content.compressed, "a page's contents are not compressed");
        pages.push(lines(&content.bytes));
    }
    assert_eq!(pages.len(), page_objects, "one content stream a page");
    PdfText { pages }
}

/// A PDF's text as it is written, each stream's contents inflated after it: where a test looks
/// for a page's entry (`/MediaBox`) or an operator drawn on it (`/F1 12 Tf`).
pub fn uncompressed(bytes: &[u8]) -> String {
    let mut out = String::from_utf8_lossy(bytes).into_owned();
    for s in streams(bytes) {
        out.push('\n');
        out.push_str(&String::from_utf8_lossy(&s.bytes));
    }
    out
}

/// One stream of a PDF: its bytes, inflated where it was compressed.
pub struct Stream {
    pub bytes: Vec<u8>,
    pub compressed: bool,
    /// An image's, not a page's contents.
    pub image: bool,
    /// Its length in the file.
    pub stored: usize,
}

/// Every stream of a PDF, in the file's order, by the `/Length` its dictionary gives (compressed
/// bytes may hold anything, "endstream" too).
pub fn streams(bytes: &[u8]) -> Vec<Stream> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = find(&bytes[at..], b">>\nstream\n") {
        let dict_end = at + start;
        let from = dict_end + b">>\nstream\n".len();
        // The object's whole dictionary (it may hold others, as /DecodeParms).
        let dict_start = bytes[..dict_end]
            .windows(4)
            .rposition(|w| w == b"obj\n")
            .expect("a stream in no object");
        let dict = std::str::from_utf8(&bytes[dict_start..dict_end]).expect("a text dictionary");
        let len: usize = dict
            .split("/Length ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a stream with no /Length: {dict}"));
        let raw = &bytes[from..from + len];
        assert!(
            bytes[from + len..].starts_with(b"\nendstream"),
            "a stream's /Length does not end it"
        );
        let compressed = dict.contains("/Filter /FlateDecode");
        let content = if compressed {
            use std::io::Read;
            let mut v = Vec::new();
            flate2::read::ZlibDecoder::new(raw)
                .read_to_end(&mut v)
                .expect("a stream that inflates");
            v
        } else {
            raw.to_vec()
        };
        out.push(Stream {
            bytes: content,
            compressed,
            image: dict.contains("/Subtype /Image"),
            stored: len,
        });
        at = from + len;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// The lines of one page's contents: the strings shown between each `BT` and `ET`.
fn lines(content: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut line: Option<String> = None;
    let mut i = 0;
    while i < content.len() {
        match content[i] {
            b'(' => {
                let (s, next) = literal(content, i);
                if let Some(l) = line.as_mut() {
                    l.push_str(&s);
                }
                i = next;
            }
            b'<' if content.get(i + 1) != Some(&b'<') => {
                let close = i + find(&content[i..], b">").expect("an unclosed hex string");
                let hex: Vec<u8> = content[i + 1..close]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                let bytes: Vec<u8> = hex
                    .chunks(2)
                    .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
                    .collect();
                if let Some(l) = line.as_mut() {
                    l.push_str(&decoded(&bytes));
                }
                i = close + 1;
            }
            _ if content[i..].starts_with(b"BT") && word_at(content, i, 2) => {
                line = Some(String::new());
                i += 2;
            }
            _ if content[i..].starts_with(b"ET") && word_at(content, i, 2) => {
                out.extend(line.take());
                i += 2;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether the operator of `len` bytes at `i` stands alone.
fn word_at(content: &[u8], i: usize, len: usize) -> bool {
    let before = i == 0 || content[i - 1].is_ascii_whitespace();
    let after = content.get(i + len).is_none_or(u8::is_ascii_whitespace);
    before && after
}

/// A literal string starting at `start` (its `(`), decoded, and where it ends.
fn literal(content: &[u8], start: usize) -> (String, usize) {
    let mut bytes = Vec::new();
    let mut depth = 0;
    let mut i = start;
    while i < content.len() {
        let b = content[i];
        match b {
            b'(' => {
                if depth > 0 {
                    bytes.push(b);
                }
                depth += 1;
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return (decoded(&bytes), i + 1);
                }
                bytes.push(b);
            }
            b'\\' => {
                i += 1;
                match content[i] {
                    b'n' => bytes.push(b'\n'),
                    b'r' => bytes.push(b'\r'),
                    b't' => bytes.push(b'\t'),
                    b'b' => bytes.push(8),
                    b'f' => bytes.push(12),
                    d @ b'0'..=b'7' => {
                        let mut v = u32::from(d - b'0');
                        for _ in 0..2 {
                            match content.get(i + 1) {
                                Some(&d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        bytes.push(u8::try_from(v & 0xFF).unwrap());
                    }
                    other => bytes.push(other),
                }
            }
            _ => bytes.push(b),
        }
        i += 1;
    }
    panic!("an unclosed string");
}

fn decoded(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| decode(b).unwrap_or_else(|| panic!("byte {b:#x} is not WinAnsiEncoding")))
        .collect()
}
