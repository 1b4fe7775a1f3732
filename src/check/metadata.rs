//! Image metadata: remove EXIF, XMP and IPTC (GPS position, dates, camera and lens serial
//! numbers, names, captions) from every JPEG and PNG copied to the output.
//!
//! Input: a file's output path (for its extension) and its bytes. Output: the bytes to publish
//! and what was removed ([`Stripped`]). The image itself is never decoded or re-encoded: the
//! file's segments (JPEG) or chunks (PNG) are read with the `img-parts` crate, the ones that
//! carry metadata are left out, and every other byte is copied as it was, so the pixels are
//! exactly the same.
//!
//! - **JPEG**: keeps APP0 (JFIF/JFXX), APP2 ICC profiles (colour), APP14 Adobe (colour
//!   transform of CMYK files) and every table, frame and scan. Drops every other application
//!   segment: APP1 (EXIF and XMP), APP13 (Photoshop and IPTC), APP2 FlashPix, APP3-APP12 and
//!   APP15 (camera makers' notes, C2PA/JUMBF), and COM comments. Anything after the end of the
//!   main image is cut as well: phones store motion-photo videos, depth maps and further
//!   images with their own EXIF there, so the multi-picture index (APP2 MPF) goes with them.
//!   Segments between the scans of a progressive JPEG are filtered the same way.
//! - **PNG**: drops `eXIf`, `tEXt`, `zTXt`, `iTXt` (where XMP lives) and `tIME`, and anything
//!   after `IEND`; keeps every other chunk (colour profile, gamma, transparency...) with its CRC.
//!
//! A file that cannot be read as its kind (truncated, a bad CRC, a `.jpg` that is really
//! something else) is published unchanged with [`Stripped::problem`] set, so the caller can
//! warn: the build never fails and never panics on a bad image. Other photo formats (WebP,
//! HEIC, AVIF, TIFF) are copied unchanged with a problem saying their metadata was kept.

use img_parts::Bytes;
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::Png;

/// The result of stripping one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stripped {
    /// The bytes to publish: the original ones when nothing was removed or when the file
    /// could not be read.
    pub bytes: Vec<u8>,
    /// What was removed, in plain words ("EXIF", "XMP", "IPTC", "comment"...), in file order,
    /// each named once.
    pub removed: Vec<&'static str>,
    /// Why the file was published unchanged although it may carry metadata.
    pub problem: Option<String>,
}

impl Stripped {
    fn unchanged(bytes: Vec<u8>) -> Self {
        Stripped { bytes, removed: Vec::new(), problem: None }
    }

    fn problem(bytes: Vec<u8>, problem: String) -> Self {
        Stripped { bytes, removed: Vec::new(), problem: Some(problem) }
    }
}

/// What kind of image a file is, by its content (its extension when the content says
/// nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Jpeg,
    Png,
    /// A photo format whose metadata rounds does not remove.
    OtherPhoto(&'static str),
    NotAnImage,
}

fn kind(path: &str, bytes: &[u8]) -> (Kind, Kind) {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let by_ext = match ext.as_str() {
        "jpg" | "jpeg" | "jpe" | "jfif" => Kind::Jpeg,
        "png" => Kind::Png,
        "webp" => Kind::OtherPhoto("WebP"),
        "heic" | "heif" => Kind::OtherPhoto("HEIC"),
        "avif" => Kind::OtherPhoto("AVIF"),
        "tif" | "tiff" => Kind::OtherPhoto("TIFF"),
        _ => Kind::NotAnImage,
    };
    let by_content = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Kind::Jpeg
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Kind::Png
    } else {
        Kind::NotAnImage
    };
    (by_ext, by_content)
}

/// Removes EXIF, XMP and IPTC metadata from a JPEG or PNG (see the module docs); any other
/// file comes back unchanged. `path` is only used for its extension.
pub fn strip_metadata(path: &str, bytes: Vec<u8>) -> Stripped {
    let (by_ext, by_content) = kind(path, &bytes);
    match (by_ext, by_content) {
        (_, Kind::Jpeg) => strip_jpeg(bytes),
        (_, Kind::Png) => strip_png(bytes),
        (Kind::Jpeg, _) => Stripped::problem(
            bytes,
            "this file is named like a JPEG but is not one, so its metadata could not be removed"
                .into(),
        ),
        (Kind::Png, _) => Stripped::problem(
            bytes,
            "this file is named like a PNG but is not one, so its metadata could not be removed"
                .into(),
        ),
        (Kind::OtherPhoto(name), _) => Stripped::problem(
            bytes,
            format!(
                "rounds removes hidden metadata (GPS position, dates, camera serial numbers) from \
                 JPEG and PNG files only; this {name} file is published with whatever it carries"
            ),
        ),
        (Kind::NotAnImage, _) => Stripped::unchanged(bytes),
    }
}

/// Strips a file about to be copied to the output (`src` on disk, `out` its output path);
/// returns the bytes to publish and a warning when an image kept its metadata.
pub fn strip_asset(
    src: &std::path::Path,
    out: &str,
    bytes: Vec<u8>,
) -> (Vec<u8>, Option<crate::diag::Diagnostic>) {
    let stripped = strip_metadata(out, bytes);
    let warning = stripped.problem.map(|problem| {
        crate::diag::Diagnostic::warning("images.metadata_kept", problem).in_path(src).with_help(
            "photos can carry the place and time they were taken and the camera's serial \
             number: save the image again as a JPEG or PNG (or remove its metadata with your \
             photo editor) before publishing it",
        )
    });
    (stripped.bytes, warning)
}

/// What an application segment or comment holds, if it is metadata to drop.
fn jpeg_metadata(marker: u8, payload: &[u8]) -> Option<&'static str> {
    match marker {
        markers::APP0 if payload.starts_with(b"JFIF\0") || payload.starts_with(b"JFXX\0") => None,
        markers::APP2 if payload.starts_with(b"ICC_PROFILE\0") || payload.starts_with(b"MPF\0") => {
            None
        }
        markers::APP14 if payload.starts_with(b"Adobe") => None,
        markers::APP1 if payload.starts_with(b"Exif\0") => Some("EXIF"),
        markers::APP1 if payload.starts_with(b"http://ns.adobe.com/") => Some("XMP"),
        markers::APP13 => Some("IPTC"),
        markers::COM => Some("comment"),
        markers::APP0..=markers::APP15 => Some("other camera data"),
        _ => None,
    }
}

fn note(removed: &mut Vec<&'static str>, what: &'static str) {
    if !removed.contains(&what) {
        removed.push(what);
    }
}

fn strip_jpeg(bytes: Vec<u8>) -> Stripped {
    let original = Bytes::from(bytes);
    let mut jpeg = match Jpeg::from_bytes(original.clone()) {
        Ok(j) => j,
        Err(e) => {
            return Stripped::problem(
                original.to_vec(),
                format!("this JPEG could not be read ({e}), so its metadata could not be removed"),
            );
        }
    };
    let mut removed = Vec::new();
    jpeg.segments_mut().retain(|s| match jpeg_metadata(s.marker(), s.contents()) {
        Some(what) => {
            note(&mut removed, what);
            false
        }
        None => true,
    });

    // The first scan's data runs to the end of the file (img-parts keeps it whole): walk it
    // to the end of the main image, dropping metadata segments between progressive scans and
    // whatever follows the image.
    let scan = jpeg.segments().iter().position(JpegSegment::has_entropy);
    if let Some(i) = scan {
        let segment = &jpeg.segments()[i];
        let tail_len = segment.len_with_entropy() - segment.len();
        let tail = original.slice(original.len().saturating_sub(tail_len)..);
        if let Some(walk) = walk_scans(&tail) {
            let trailer = walk.end < tail.len();
            if trailer {
                note(&mut removed, "data after the image");
            }
            for what in &walk.dropped_kinds {
                note(&mut removed, what);
            }
            if trailer || !walk.dropped.is_empty() {
                let mut kept = Vec::with_capacity(walk.end);
                let mut pos = 0;
                for r in &walk.dropped {
                    kept.extend_from_slice(&tail[pos..r.start]);
                    pos = r.end;
                }
                kept.extend_from_slice(&tail[pos..walk.end]);
                let contents = segment.contents().clone();
                jpeg.segments_mut()[i] =
                    JpegSegment::new_with_entropy(markers::SOS, contents, Bytes::from(kept));
                if trailer {
                    // The multi-picture index points at the images that were cut.
                    jpeg.segments_mut().retain(|s| {
                        !(s.marker() == markers::APP2 && s.contents().starts_with(b"MPF\0"))
                    });
                }
            }
        }
    }
    if removed.is_empty() {
        return Stripped::unchanged(original.to_vec());
    }
    Stripped { bytes: jpeg.encoder().bytes().to_vec(), removed, problem: None }
}

/// The end of the main image in the data that follows the first scan header, and the
/// metadata segments found between scans.
struct ScanWalk {
    /// One past the EOI marker.
    end: usize,
    /// Byte ranges of metadata segments to drop.
    dropped: Vec<std::ops::Range<usize>>,
    dropped_kinds: Vec<&'static str>,
}

/// Walks entropy-coded data and the segments between scans up to the EOI marker. Returns
/// `None` for a truncated or malformed file (the caller then keeps the data as it is).
fn walk_scans(data: &[u8]) -> Option<ScanWalk> {
    let mut walk = ScanWalk { end: 0, dropped: Vec::new(), dropped_kinds: Vec::new() };
    let mut i = 0;
    while i + 1 < data.len() {
        if data[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = data[i + 1];
        match marker {
            // Stuffed 0xFF, restart markers and fill bytes belong to the scan.
            0x00 | markers::RST0..=markers::RST7 | 0xFF => i += if marker == 0xFF { 1 } else { 2 },
            markers::EOI => {
                walk.end = i + 2;
                return Some(walk);
            }
            0x01 => i += 2, // TEM, no length
            _ => {
                let len = usize::from(u16::from_be_bytes([*data.get(i + 2)?, *data.get(i + 3)?]));
                if len < 2 || i + 2 + len > data.len() {
                    return None;
                }
                let payload = &data[i + 4..i + 2 + len];
                if let Some(what) = jpeg_metadata(marker, payload) {
                    walk.dropped.push(i..i + 2 + len);
                    if !walk.dropped_kinds.contains(&what) {
                        walk.dropped_kinds.push(what);
                    }
                }
                i += 2 + len;
            }
        }
    }
    None
}

/// PNG chunks that carry metadata, with what they hold.
const PNG_METADATA: &[([u8; 4], &str)] = &[
    (*b"eXIf", "EXIF"),
    (*b"tEXt", "text"),
    (*b"zTXt", "text"),
    (*b"iTXt", "text or XMP"),
    (*b"tIME", "date"),
];

fn strip_png(bytes: Vec<u8>) -> Stripped {
    let original = Bytes::from(bytes);
    let mut png = match Png::from_bytes(original.clone()) {
        Ok(p) => p,
        Err(e) => {
            return Stripped::problem(
                original.to_vec(),
                format!("this PNG could not be read ({e}), so its metadata could not be removed"),
            );
        }
    };
    let mut removed = Vec::new();
    let trailer = png.len() < original.len();
    png.chunks_mut().retain(|c| match PNG_METADATA.iter().find(|(k, _)| *k == c.kind()) {
        Some((_, what)) => {
            note(&mut removed, what);
            false
        }
        None => true,
    });
    if trailer {
        note(&mut removed, "data after the image");
    }
    if removed.is_empty() {
        return Stripped::unchanged(original.to_vec());
    }
    Stripped { bytes: png.encoder().bytes().to_vec(), removed, problem: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal JPEG: SOI, the given segments, a tiny SOS with data, EOI, then `trailer`.
    fn jpeg(segments: &[(u8, &[u8])], trailer: &[u8]) -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8];
        for (marker, payload) in segments {
            v.extend([0xFF, *marker]);
            v.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
            v.extend(*payload);
        }
        v.extend([0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 63, 0]);
        v.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        v.extend([0xFF, 0xD9]);
        v.extend(trailer);
        v
    }

    #[test]
    fn jpeg_drops_metadata_keeps_colour_and_image() {
        let input = jpeg(
            &[
                (0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"),
                (0xE1, b"Exif\0\0MM\0*GPS"),
                (0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"),
                (0xE2, b"ICC_PROFILE\0\x01\x01abc"),
                (0xED, b"Photoshop 3.0\08BIM"),
                (0xFE, b"Mrs. Example"),
                (0xDB, &[0u8; 65]),
            ],
            b"",
        );
        let out = strip_metadata("a.JPG", input.clone());
        assert_eq!(out.problem, None);
        assert_eq!(out.removed, ["EXIF", "XMP", "IPTC", "comment"]);
        let expected = jpeg(
            &[
                (0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"),
                (0xE2, b"ICC_PROFILE\0\x01\x01abc"),
                (0xDB, &[0u8; 65]),
            ],
            b"",
        );
        assert_eq!(out.bytes, expected);
    }

    #[test]
    fn jpeg_trailer_and_mpf_are_cut() {
        let input =
            jpeg(&[(0xE2, b"MPF\0index")], b"\xFF\xD8\xFF\xE1\x00\x08Exif\0\0\xFF\xD9motion-photo");
        let out = strip_metadata("a.jpg", input);
        assert_eq!(out.removed, ["data after the image"]);
        assert_eq!(out.bytes, jpeg(&[], b""));
    }

    #[test]
    fn clean_files_are_returned_byte_for_byte() {
        let input = jpeg(&[(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0")], b"");
        assert_eq!(strip_metadata("a.jpg", input.clone()).bytes, input);
        let css = b"body { color: red }".to_vec();
        assert_eq!(strip_metadata("style.css", css.clone()), Stripped::unchanged(css));
    }

    #[test]
    fn malformed_files_are_kept_with_a_problem() {
        for (name, bytes) in [
            ("a.jpg", vec![0xFF, 0xD8, 0xFF, 0xE1, 0xFF]),
            ("a.jpg", b"GIF89a".to_vec()),
            ("b.png", b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec()),
            ("c.png", b"not a png".to_vec()),
            ("d.webp", b"RIFF....WEBP".to_vec()),
        ] {
            let out = strip_metadata(name, bytes.clone());
            assert_eq!(out.bytes, bytes, "{name}");
            assert!(out.problem.is_some(), "{name}");
        }
        // Never panics on any prefix of a real-looking file.
        let full = jpeg(&[(0xE1, b"Exif\0\0MM")], b"tail");
        for n in 0..full.len() {
            let _ = strip_metadata("x.jpg", full[..n].to_vec());
        }
    }
}
