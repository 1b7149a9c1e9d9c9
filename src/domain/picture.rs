//! A picture a document carries, such as the council's letterhead image: PNG or JPEG, known by
//! its first bytes (never by its name), with its size in pixels read from its header, so a
//! document can size it without decoding it.

/// The largest picture a letter carries: a letterhead image is a logo, and every letter of a
/// pack carries it again.
pub const MAX_BYTES: usize = 500 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    /// The format `bytes` begin as, by their signature alone.
    pub fn of(bytes: &[u8]) -> Option<ImageFormat> {
        if bytes.starts_with(PNG_SIGNATURE) {
            Some(ImageFormat::Png)
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(ImageFormat::Jpeg)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// Why bytes are not a picture a letter can carry, said for a person choosing a file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PictureError {
    #[error("the picture is {kb} KB; a letterhead image may be at most {} KB", MAX_BYTES / 1024)]
    TooLarge { kb: usize },
    #[error("this is not a PNG or JPEG picture")]
    NotPngOrJpeg,
    #[error("this {} picture is damaged: its size cannot be read", .0.name())]
    Damaged(ImageFormat),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    pub format: ImageFormat,
    pub bytes: Vec<u8>,
    /// Its size in pixels, from its header.
    pub width: u32,
    pub height: u32,
}

const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

impl Picture {
    /// The picture in `bytes`, or why it cannot be one.
    pub fn read(bytes: Vec<u8>) -> Result<Picture, PictureError> {
        if bytes.len() > MAX_BYTES {
            return Err(PictureError::TooLarge {
                kb: bytes.len().div_ceil(1024),
            });
        }
        let (format, size) = match ImageFormat::of(&bytes) {
            Some(ImageFormat::Png) => (ImageFormat::Png, png_size(&bytes)),
            Some(ImageFormat::Jpeg) => (ImageFormat::Jpeg, jpeg_size(&bytes)),
            None => return Err(PictureError::NotPngOrJpeg),
        };
        match size {
            Some((width, height)) if width > 0 && height > 0 => Ok(Picture {
                format,
                bytes,
                width,
                height,
            }),
            _ => Err(PictureError::Damaged(format)),
        }
    }

    /// Its height when drawn `width` wide, keeping its proportions (in the same unit).
    /// A JPEG's colour components (1 grey, 3 colour, 4 CMYK); none for a PNG or another count.
    pub fn jpeg_components(&self) -> Option<u8> {
        if self.format != ImageFormat::Jpeg {
            return None;
        }
        let at = jpeg_frame(&self.bytes)?;
        self.bytes
            .get(at + 7)
            .copied()
            .filter(|n| matches!(n, 1 | 3 | 4))
    }

    pub fn height_at(&self, width: f64) -> f64 {
        width * f64::from(self.height) / f64::from(self.width)
    }

    /// The size it is drawn at in a box `width` by `height` (any one unit): as wide as the box,
    /// or as high where that would be too high, keeping its proportions.
    pub fn fit(&self, width: f64, height: f64) -> (f64, f64) {
        let h = self.height_at(width);
        if h <= height {
            (width, h)
        } else {
            (width * height / h, height)
        }
    }
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A PNG's first chunk is its header (`IHDR`): the width and height follow its type.
fn png_size(b: &[u8]) -> Option<(u32, u32)> {
    (b.get(12..16)? == b"IHDR").then_some(())?;
    Some((be32(b, 16)?, be32(b, 20)?))
}

/// A JPEG's frame header (a start-of-frame marker) gives its height, then its width.
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let at = jpeg_frame(b)?;
    Some((be16(b, at + 5)?, be16(b, at + 3)?))
}

/// Where a JPEG's frame header begins (its length, precision, height, width, then the number of
/// components); the segments before it are stepped over by their lengths.
fn jpeg_frame(b: &[u8]) -> Option<usize> {
    let mut at = 2;
    loop {
        // Fill bytes may stand before a marker.
        while *b.get(at)? == 0xff && *b.get(at + 1)? == 0xff {
            at += 1;
        }
        if *b.get(at)? != 0xff {
            return None;
        }
        let marker = *b.get(at + 1)?;
        at += 2;
        match marker {
            // Markers that stand alone, with no length.
            0x01 | 0xd0..=0xd7 => continue,
            // The end of the picture, or its data, before any frame header.
            0xd9 | 0xda => return None,
            // Start of frame (not DHT, JPG or DAC, which share the range).
            0xc0..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => return Some(at),
            _ => at += be16(b, at)? as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest PNG header of a `w`×`h` picture (what the size is read from).
    pub fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = PNG_SIGNATURE.to_vec();
        b.extend(13u32.to_be_bytes());
        b.extend(b"IHDR");
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    /// A JPEG's start, an application segment, then a baseline frame header of `w`×`h`.
    fn jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut b = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];
        b.extend(b"JFIF\0");
        b.extend([1, 1, 0, 0, 1, 0, 1, 0, 0]);
        b.extend([0xff, 0xc0, 0x00, 0x11, 0x08]);
        b.extend(h.to_be_bytes());
        b.extend(w.to_be_bytes());
        b.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
        b
    }

    #[test]
    fn png_and_jpeg_are_known_by_their_bytes_with_their_size() {
        let p = Picture::read(png(600, 150)).unwrap();
        assert_eq!((p.format, p.width, p.height), (ImageFormat::Png, 600, 150));
        assert_eq!(p.height_at(40.0), 10.0);
        assert_eq!(p.fit(40.0, 20.0), (40.0, 10.0));
        let square = Picture::read(png(300, 300)).unwrap();
        assert_eq!(square.fit(40.0, 20.0), (20.0, 20.0));
        let j = Picture::read(jpeg(320, 240)).unwrap();
        assert_eq!((j.format, j.width, j.height), (ImageFormat::Jpeg, 320, 240));
    }

    #[test]
    fn anything_else_is_refused_with_why() {
        let gif = b"GIF89a\x01\x00\x01\x00".to_vec();
        assert!(
            Picture::read(gif)
                .unwrap_err()
                .to_string()
                .contains("not a PNG or JPEG")
        );
        let mut cut = png(600, 150);
        cut.truncate(18);
        assert!(
            Picture::read(cut)
                .unwrap_err()
                .to_string()
                .contains("damaged")
        );
        let mut cut = jpeg(320, 240);
        cut.truncate(24);
        assert!(
            Picture::read(cut)
                .unwrap_err()
                .to_string()
                .contains("damaged")
        );
        assert!(
            Picture::read(png(0, 10))
                .unwrap_err()
                .to_string()
                .contains("damaged")
        );
        let mut big = png(600, 150);
        big.resize(MAX_BYTES + 1, 0);
        let e = Picture::read(big).unwrap_err().to_string();
        assert!(e.contains("501 KB") && e.contains("at most 500 KB"), "{e}");
    }
}
