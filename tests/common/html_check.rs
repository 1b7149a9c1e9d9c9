//! A small well-formedness checker for the HTML we write: every tag closed in order, no script,
//! no stray `<` or `&` that would mean unescaped text.

const VOID: [&str; 5] = ["meta", "br", "hr", "img", "col"];

pub fn check_html(html: &str) -> Result<(), String> {
    if html.to_ascii_lowercase().contains("<script") {
        return Err("a <script> tag".into());
    }
    let mut stack: Vec<String> = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    // The style element holds CSS, which is text we wrote; skip it whole.
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let rest = &html[i..];
                let end = tag_end(rest).ok_or_else(|| format!("unclosed tag at {i}"))?;
                let tag = &rest[1..end];
                i += end + 1;
                if tag.starts_with("!DOCTYPE") {
                    continue;
                }
                if let Some(name) = tag.strip_prefix('/') {
                    match stack.pop() {
                        Some(open) if open == name => {}
                        other => return Err(format!("</{name}> closes {other:?} at {i}")),
                    }
                    continue;
                }
                let name: String = tag
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if name.is_empty() {
                    return Err(format!("a stray < at {i}: {}", &rest[..rest.len().min(40)]));
                }
                if name == "style" {
                    let close = html[i..].find("</style>").ok_or("unclosed style")?;
                    i += close + "</style>".len();
                    continue;
                }
                if !VOID.contains(&name.as_str()) {
                    stack.push(name);
                }
            }
            b'>' => return Err(format!("a stray > at {i}")),
            b'&' => {
                let rest = &html[i..];
                let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|e| rest.starts_with(e));
                if !ok {
                    return Err(format!("a bare & at {i}: {}", &rest[..rest.len().min(20)]));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed elements: {stack:?}"))
    }
}

/// Where a tag ends, skipping `>` inside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}
