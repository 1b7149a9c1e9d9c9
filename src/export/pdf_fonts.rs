//! The PDF's fonts: Helvetica, Helvetica-Bold and Helvetica-Oblique, three of the 14 standard
//! fonts every PDF reader has, so nothing is embedded. They are set in WinAnsiEncoding (Windows
//! code page 1252), which holds English, Welsh's and most Western European letters but not, for
//! example, ŵ or ŷ: [`encode`] says which characters it cannot hold, and the document is then
//! not made as a PDF (see `pdf::render`), never printed with letters missing.
//!
//! The widths, in thousandths of the font size, for codes 32 to 255, are the `WX` values of
//! Adobe's Core 14 font metrics (AFM 4.1, 1997), looked up by each code's glyph name in
//! WinAnsiEncoding; 0 where the code has no character. Helvetica-Oblique's widths are
//! Helvetica's. From the metrics files: "Copyright (c) 1985, 1987, 1989, 1990, 1997 Adobe
//! Systems Incorporated. All Rights Reserved. Helvetica is a trademark of Linotype-Hell AG
//! and/or its subsidiaries." Adobe lets the metrics be used, copied and distributed for any
//! purpose and without charge, with or without modification, the copyright notices retained.

/// A font of the PDF, by the name its pages' resources give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
    Italic,
}

impl Font {
    pub const ALL: [Font; 3] = [Font::Regular, Font::Bold, Font::Italic];

    /// The name of the font in a page's resources.
    pub fn resource(self) -> &'static [u8] {
        match self {
            Font::Regular => b"F1",
            Font::Bold => b"F2",
            Font::Italic => b"F3",
        }
    }

    /// The standard font's own name.
    pub fn base_font(self) -> &'static [u8] {
        match self {
            Font::Regular => b"Helvetica",
            Font::Bold => b"Helvetica-Bold",
            Font::Italic => b"Helvetica-Oblique",
        }
    }

    /// The widths of codes [`FIRST`] to 255, in thousandths of the font size.
    pub fn widths(self) -> &'static [u16; 224] {
        match self {
            Font::Regular | Font::Italic => &REGULAR,
            Font::Bold => &BOLD,
        }
    }

    /// The width of an encoded character, in thousandths of the font size.
    pub fn width(self, code: u8) -> u16 {
        code.checked_sub(FIRST)
            .map_or(0, |i| self.widths()[usize::from(i)])
    }
}

/// The first code the width tables give.
pub const FIRST: u8 = 32;

/// The characters of codes 0x80 to 0x9F, where WinAnsiEncoding differs from Latin-1.
const HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('\u{2018}', 0x91),
    ('\u{2019}', 0x92),
    ('\u{201C}', 0x93),
    ('\u{201D}', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The WinAnsiEncoding code of `c`, when the fonts can show it.
pub fn encode(c: char) -> Option<u8> {
    match c {
        ' '..='~' | '\u{A0}'..='\u{FF}' => u8::try_from(u32::from(c)).ok(),
        _ => HIGH.iter().find(|(h, _)| *h == c).map(|&(_, code)| code),
    }
}

/// The character a WinAnsiEncoding code stands for: [`encode`] the other way round.
pub fn decode(code: u8) -> Option<char> {
    match code {
        0x20..=0x7E | 0xA0..=0xFF => Some(char::from(code)),
        _ => HIGH.iter().find(|(_, h)| *h == code).map(|&(c, _)| c),
    }
}

const REGULAR: [u16; 224] = [
    // 0x20
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    // 0x30
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    // 0x40
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    // 0x50
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    // 0x60
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    // 0x70
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0, // 0x80
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x90
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, // 0xA0
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    // 0xB0
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 0xC0
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    // 0xD0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 0xE0
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    // 0xF0
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];
const BOLD: [u16; 224] = [
    // 0x20
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    // 0x30
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    // 0x40
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    // 0x50
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    // 0x60
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    // 0x70
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0, // 0x80
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x90
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, // 0xA0
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    // 0xB0
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 0xC0
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    // 0xD0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 0xE0
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    // 0xF0
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_the_encoding_holds_has_a_width_and_comes_back() {
        for code in FIRST..=255 {
            match decode(code) {
                Some(c) => {
                    assert_eq!(encode(c), Some(code), "{c:?}");
                    for font in Font::ALL {
                        assert!(font.width(code) > 0, "{c:?} in {font:?}");
                    }
                }
                None => assert_eq!(Font::Regular.width(code), 0, "{code:#x}"),
            }
        }
        assert_eq!(encode('ŵ'), None);
        assert_eq!(encode('\u{2013}'), Some(0x96));
        // Adobe's figures: "a" is 556 in both, "i" 222 and 278.
        assert_eq!(
            (Font::Regular.width(b'a'), Font::Bold.width(b'a')),
            (556, 556)
        );
        assert_eq!(
            (Font::Regular.width(b'i'), Font::Bold.width(b'i')),
            (222, 278)
        );
    }
}
