//! Word-wrapping styled lines ourselves rather than through a wrapping `Paragraph`, so a pane
//! knows how many rows it has and can scroll through all of them.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `line` wrapped to `width` columns at spaces, each character keeping its span's style. Rows
/// after the first start with `indent` spaces (a hanging indent); a word longer than a row is
/// split. A line that fits comes back as it is, spacing and all.
pub fn wrap_line(line: &Line<'static>, width: u16, indent: usize) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let chars: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
        .collect();
    if chars.len() <= width {
        return vec![line.clone()];
    }
    // An indent that leaves no room for text is no help.
    let indent = if indent * 2 > width { 0 } else { indent };
    let mut rows = Vec::new();
    let mut start = 0;
    let mut first = true;
    while start < chars.len() {
        let room = if first { width } else { width - indent };
        let rest = &chars[start..];
        let (take, skip) = if rest.len() <= room {
            (rest.len(), 0)
        } else {
            match rest[..=room].iter().rposition(|(c, _)| *c == ' ') {
                Some(0) | None => (room, 0),
                Some(space) => (space, 1),
            }
        };
        let mut row: Vec<(char, Style)> = Vec::new();
        if !first {
            row.extend(std::iter::repeat_n((' ', Style::default()), indent));
        }
        row.extend_from_slice(&rest[..take]);
        rows.push(spans_of(&row, line.style));
        start += take + skip;
        // The next row starts at a word, not at the spaces between two.
        while start < chars.len() && chars[start].0 == ' ' {
            start += 1;
        }
        first = false;
    }
    rows
}

/// Every line wrapped to `width`, each hanging under its own first word.
pub fn wrap_lines(lines: &[Line<'static>], width: u16) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            let lead = text.chars().take_while(|c| *c == ' ').count();
            wrap_line(l, width, lead + 2)
        })
        .collect()
}

fn spans_of(row: &[(char, Style)], line_style: Style) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = row.first().map_or(Style::default(), |(_, s)| *s);
    for (c, s) in row {
        if *s != style && !text.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut text), style));
        }
        style = *s;
        text.push(*c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style));
    }
    Line::from(spans).style(line_style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Stylize};

    fn text(l: &Line<'static>) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_line_that_fits_is_untouched() {
        let l = Line::from(vec![Span::raw(" Fri 27 Nov  "), Span::raw("visit")]);
        assert_eq!(wrap_line(&l, 80, 4), vec![l]);
    }

    #[test]
    fn a_long_line_breaks_at_spaces_hangs_and_keeps_its_styles() {
        let l = Line::from(vec![
            Span::raw(" 27 Nov  ").fg(Color::Blue),
            Span::raw("home visit, Mia seen alone, bedroom seen"),
        ]);
        let rows = wrap_line(&l, 24, 9);
        let texts: Vec<String> = rows.iter().map(text).collect();
        assert_eq!(
            texts,
            [
                " 27 Nov  home visit, Mia",
                "         seen alone,",
                "         bedroom seen"
            ]
        );
        assert!(rows.iter().all(|r| text(r).chars().count() <= 24));
        assert_eq!(rows[0].spans[0].style.fg, Some(Color::Blue));
        assert_eq!(rows[0].spans[1].style.fg, None);
        // Nothing is lost but the spaces the rows broke at.
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(words(&texts.join(" ")), words(&text(&l)));
    }

    #[test]
    fn a_word_longer_than_a_row_is_split_and_nothing_is_lost() {
        let l = Line::from("abcdefghij klm");
        let texts: Vec<String> = wrap_line(&l, 4, 0).iter().map(text).collect();
        assert_eq!(texts, ["abcd", "efgh", "ij", "klm"]);
    }
}
