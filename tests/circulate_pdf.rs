//! `coregroup circulate` under council settings that send the family PDFs: each family
//! member's `.eml`, parsed back, carries their copy and the plan as PDFs (each once, under names
//! holding no id), a professional's the Word files; a document the PDF's font cannot show goes in
//! Word, and the output of `circulate` and of `export` says so in the same words.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use mail_parser::{MessageParser, MimeHeaders};

const MEETING: &str = "2026-10-15";

fn run(config: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn example_with(council_name: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/council.yaml"),
    )
    .unwrap()
    .replace("family: word", "family: pdf")
    .replace(
        "name: Eastbrook Borough Council",
        &format!("name: {council_name}"),
    );
    assert!(example.contains("family: pdf"));
    std::fs::write(config.join("council.yaml"), example).unwrap();
    let case = dir.path().join("case");
    let c = case.to_str().unwrap();
    run(&config, &["new", c, "--example", "--today", "2026-11-24"]);
    let out = run(&config, &["circulate", c, "--date", "2026-11-24"]);
    (dir, case, out)
}

/// Each attachment of an email: its name, content type and bytes.
fn attachments(path: &Path) -> Vec<(String, String, Vec<u8>)> {
    let bytes = std::fs::read(path).unwrap();
    let m = MessageParser::default().parse(&bytes).unwrap();
    m.attachments()
        .map(|a| {
            let ct = a.content_type().unwrap();
            (
                a.attachment_name().unwrap().to_string(),
                format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default()),
                a.contents().to_vec(),
            )
        })
        .collect()
}

fn emails(case: &Path) -> Vec<PathBuf> {
    let outbox = case.join("meetings").join(MEETING).join("outbox");
    let mut out: Vec<PathBuf> = std::fs::read_dir(outbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    out.sort();
    out
}

#[test]
fn a_family_member_gets_their_copy_and_the_plan_as_pdfs_each_once() {
    let (_dir, case, out) = example_with("Eastbrook Borough Council");
    assert!(!out.contains("instead of a PDF"), "{out}");
    let mut family = 0;
    for eml in emails(&case) {
        let sent = attachments(&eml);
        let names: Vec<&str> = sent.iter().map(|(n, _, _)| n.as_str()).collect();
        if names.contains(&"minutes-family.pdf") {
            family += 1;
            assert_eq!(names, ["minutes-family.pdf", "plan.pdf"], "{eml:?}");
            for (name, ct, bytes) in &sent {
                assert_eq!(ct, "application/pdf", "{name}");
                assert!(bytes.starts_with(b"%PDF-"), "{name}");
                let end = bytes.trim_ascii_end();
                assert!(end.ends_with(b"%%EOF"), "{name}");
            }
        } else {
            // A professional's, in Word, as the settings leave them.
            assert!(names.contains(&"minutes.docx"), "{eml:?}: {names:?}");
            assert!(!names.iter().any(|n| n.ends_with(".pdf")), "{names:?}");
        }
    }
    assert!(family > 0, "no family member was emailed");
    // Ms Brennan has no email: her letter is a PDF too, to print with the PDFs it encloses.
    let outbox = case.join("meetings").join(MEETING).join("outbox");
    assert!(!outbox.join("mum-letter.html").exists());
    let letter = common::pdf_text::read(&std::fs::read(outbox.join("mum-letter.pdf")).unwrap());
    assert!(letter.all().contains("Dear Ms Brennan,"), "{letter:?}");
    assert!(
        out.contains("mum-letter.pdf\n    enclose minutes-family-mum.pdf, plan-mum.pdf"),
        "{out}"
    );
}

#[test]
fn a_document_the_pdf_font_cannot_show_goes_in_word_and_the_output_says_so() {
    let (_dir, case, out) = example_with("Cyngor Bwrdeistref Dŵr");
    let mut word = 0;
    for eml in emails(&case) {
        let names: Vec<String> = attachments(&eml).into_iter().map(|(n, _, _)| n).collect();
        if names.iter().any(|n| n.starts_with("minutes-family")) {
            word += 1;
            assert!(!names.iter().any(|n| n.ends_with(".pdf")), "{names:?}");
            assert!(
                names.contains(&"minutes-family.docx".to_string()),
                "{names:?}"
            );
        }
    }
    assert!(word > 0);
    assert!(
        out.contains("mum-letter.html goes instead of a PDF to Shauna Brennan"),
        "{out}"
    );
    assert!(
        out.contains("minutes-family.docx goes instead of a PDF to "),
        "{out}"
    );
    assert!(out.contains("'ŵ' (U+0175)"), "{out}");
}

/// `coregroup export` makes the PDFs the settings ask for, and names each document it could not
/// make as one, and why, as circulating does.
#[test]
fn export_says_which_documents_the_pdf_font_cannot_show_as_circulate_does() {
    let (_dir, case, circulated) = example_with("Cyngor Bwrdeistref Dŵr");
    let config = case.parent().unwrap().join("config");
    let out = run(&config, &["export", case.to_str().unwrap()]);
    let meeting = case.join("meetings").join(MEETING);
    assert!(!meeting.join("minutes-family.pdf").exists());
    assert!(meeting.join("minutes-family.docx").exists());
    // A warning's why and hint, after whom it names.
    let warning = |text: &str, to: &str| {
        let start = text
            .find(&format!(
                "minutes-family.docx goes instead of a PDF to {to}"
            ))
            .unwrap_or_else(|| panic!("{text}"));
        let rest = &text[start..];
        let end = rest
            .find("letter\n")
            .map_or(rest.len(), |i| i + "letter".len());
        let (_, why) = rest[..end].split_once(": ").unwrap();
        why.to_string()
    };
    // The same words, the same characters and the same hint.
    let said = warning(&out, "the family");
    assert!(said.contains("'ŵ' (U+0175)"), "{out}");
    assert!(said.contains("hint: the PDF's standard font"), "{out}");
    assert_eq!(
        said,
        warning(&circulated, "Shauna Brennan"),
        "{out}\n{circulated}"
    );
    // Where every document can be a PDF, nothing is said.
    let (_dir, case, _) = example_with("Eastbrook Borough Council");
    let config = case.parent().unwrap().join("config");
    let out = run(&config, &["export", case.to_str().unwrap()]);
    assert!(!out.contains("instead of a PDF"), "{out}");
    assert!(out.contains("minutes-family.pdf"), "{out}");
}

/// A PNG letterhead image with an alpha channel is drawn in the HTML and Word letters only: the
/// PDF letters to post go without it, and circulating says which, once, with what to do.
#[test]
fn a_png_letterhead_image_is_left_off_the_pdf_letters_and_the_output_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    // The header of an RGB picture with an alpha channel.
    let mut png = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
    png.extend(13u32.to_be_bytes());
    png.extend(b"IHDR");
    png.extend(360u32.to_be_bytes());
    png.extend(120u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    std::fs::write(config.join("letterhead.png"), png).unwrap();
    let settings = std::fs::read_to_string(examples.join("council.yaml"))
        .unwrap()
        .replace("family: word", "family: pdf")
        .replace(
            "# letterhead_image: letterhead.png",
            "letterhead_image: letterhead.png",
        );
    assert!(settings.contains("\nletterhead_image: letterhead.png"));
    std::fs::write(config.join("council.yaml"), settings).unwrap();
    let case = dir.path().join("case");
    let c = case.to_str().unwrap();
    run(&config, &["new", c, "--example", "--today", "2026-11-24"]);
    let out = run(&config, &["circulate", c, "--date", "2026-11-24"]);
    assert!(
        out.contains(
            "mum-letter.pdf, nan-letter.pdf go without the council's letterhead image: a PNG \
             that is transparent or interlaced is drawn in the HTML and Word letters only\n  \
             hint: save it without transparency, or as a JPEG"
        ),
        "{out}"
    );
    let outbox = case.join("meetings").join(MEETING).join("outbox");
    let letter = std::fs::read(outbox.join("mum-letter.pdf")).unwrap();
    assert!(!common::pdf_text::streams(&letter).iter().any(|s| s.image));
    assert!(
        common::pdf_text::read(&letter)
            .all()
            .contains("Dear Ms Brennan,")
    );
}
