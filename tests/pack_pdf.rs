//! The combined PDF of a pack, read back: cover and contents, continuous
//! page numbers with the country as running head, bookmarks country then
//! section, contents entries that are links to the countries' first
//! pages, right-hand starts for print, and fonts embedded once.

mod common;

use std::fs;

use common::{have, run_tool, scratch};
use factsheet::doc::Document;
use factsheet::pdf::{ColorMode, PdfOptions, PdfStandard};
use factsheet::pipeline::{PackOptions, combined_pdf};
use lopdf::{Document as Pdf, Object};

fn country(name: &str, paragraphs: usize) -> Document {
    let sentence = "The programme trained young peers and municipal committees to detect and report exploitation.";
    let mut toml = format!(
        "language = \"en\"\n[country]\nname = \"{name}\"\ncode = \"BO\"\n[programme]\nname = \"Sample programme\"\nperiod = \"2021-2025\"\n[[indicator]]\nid = \"a\"\nlabel = \"Sample value\"\nvalue = 12\nsample = true\n[[section]]\nid = \"s\"\nheading = \"Focus\"\nparagraphs = [\n"
    );
    for _ in 0..paragraphs {
        toml += &format!("  \"{}\",\n", [sentence; 8].join(" "));
    }
    toml += "]\n[[section]]\nid = \"t\"\nheading = \"Results\"\nparagraphs = [\"Done.\"]\n";
    common::doc_from(&toml)
}

fn pack(right_hand: bool) -> (Vec<u8>, Vec<usize>) {
    let theme = factsheet::theme::Theme::default();
    let docs = vec![
        common::example_doc(),
        country("Sampleland", 3),
        country("Another Sample Republic", 14),
    ];
    let countries = common::pack::laid_out(docs, &theme);
    let counts = countries.iter().map(|c| c.layout.pages.len()).collect();
    let front = common::pack::front(None);
    let opts = PackOptions {
        pdf: PdfOptions {
            color: ColorMode::Screen,
            crop_marks: false,
            standard: PdfStandard::Ua1,
            epoch: None,
        },
        right_hand,
    };
    let bytes = combined_pdf(&front, &countries, &theme, &opts).expect("the pack renders");
    (bytes, counts)
}

/// Page index (from 0) of a destination object.
fn dest_page(pdf: &Pdf, dest: &Object, pages: &[lopdf::ObjectId]) -> Option<usize> {
    let arr = match dest {
        Object::Array(a) => a.clone(),
        Object::Reference(r) => pdf.get_object(*r).ok()?.as_array().ok()?.clone(),
        _ => return None,
    };
    let id = arr.first()?.as_reference().ok()?;
    pages.iter().position(|p| *p == id)
}

#[test]
fn cover_contents_bookmarks_and_page_numbers() {
    let (bytes, counts) = pack(false);
    let dir = scratch("pack-pdf");
    let path = dir.join("pack.pdf");
    fs::write(&path, &bytes).unwrap();
    let pdf = Pdf::load_mem(&bytes).unwrap();
    let pages: Vec<lopdf::ObjectId> = pdf.get_pages().into_values().collect();
    let total: usize = 2 + counts.iter().sum::<usize>();
    assert_eq!(
        pages.len(),
        total,
        "cover, contents and every country's pages"
    );
    let starts = common::pack::starts(&counts);

    // The contents page's links lead to each country's first page.
    let contents = pdf.get_dictionary(pages[1]).unwrap();
    let annots = contents.get(b"Annots").unwrap().as_array().unwrap();
    let mut targets = Vec::new();
    for a in annots {
        let a = pdf.get_dictionary(a.as_reference().unwrap()).unwrap();
        if let Ok(dest) = a.get(b"Dest") {
            targets.extend(dest_page(&pdf, dest, &pages));
        } else if let Ok(action) = a.get(b"A") {
            let action = match action {
                Object::Reference(r) => pdf.get_dictionary(*r).unwrap(),
                Object::Dictionary(d) => d,
                _ => panic!("an action"),
            };
            targets.extend(dest_page(&pdf, action.get(b"D").unwrap(), &pages));
        }
    }
    assert_eq!(targets, starts, "contents links");

    // Bookmarks: the cover, the contents, then each country with its
    // sections under it.
    let catalog = pdf.catalog().unwrap();
    let outlines = pdf
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut item = outlines.get(b"First").unwrap().as_reference().ok();
    let mut titles = Vec::new();
    let mut children = Vec::new();
    while let Some(id) = item {
        let d = pdf.get_dictionary(id).unwrap();
        let title = d.get(b"Title").unwrap().as_str().unwrap();
        titles.push(String::from_utf8_lossy(title).into_owned());
        children.push(d.get(b"First").is_ok());
        item = d.get(b"Next").ok().and_then(|n| n.as_reference().ok());
    }
    assert!(titles.iter().any(|t| t == "Bolivia"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "Sampleland"), "{titles:?}");
    let bolivia = titles.iter().position(|t| t == "Bolivia").unwrap();
    assert!(children[bolivia], "Bolivia's sections are under it");

    if !have("pdftotext") {
        return;
    }
    // Continuous page numbers, and the running head on continuation pages.
    let last = starts[2];
    let (_, text, _) = run_tool(
        "pdftotext",
        &[
            "-f",
            &(last + 2).to_string(),
            "-l",
            &(last + 2).to_string(),
            path.to_str().unwrap(),
            "-",
        ],
    );
    assert!(
        text.contains(&format!("Page {} of {total}", last + 2)),
        "{text}"
    );
    assert!(
        text.contains("Another Sample Republic"),
        "running head: {text}"
    );
    let (_, contents_text, _) = run_tool(
        "pdftotext",
        &["-f", "2", "-l", "2", path.to_str().unwrap(), "-"],
    );
    for (name, start) in [("Bolivia", starts[0]), ("Sampleland", starts[1])] {
        assert!(contents_text.contains(name), "{contents_text}");
        assert!(
            contents_text.contains(&(start + 1).to_string()),
            "{contents_text}"
        );
    }
    if have("qpdf") {
        let (ok, out, err) = run_tool("qpdf", &["--check", path.to_str().unwrap()]);
        assert!(ok, "{out}{err}");
    }
    if have("pdffonts") {
        // Each face is embedded once for the whole pack.
        let (_, fonts, _) = run_tool("pdffonts", &[path.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        let mut names: Vec<&str> = rows
            .iter()
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "a face embedded twice:\n{fonts}");
    }
}

#[test]
fn countries_start_on_right_hand_pages_for_print() {
    let (bytes, counts) = pack(true);
    let pdf = Pdf::load_mem(&bytes).unwrap();
    let pages: Vec<lopdf::ObjectId> = pdf.get_pages().into_values().collect();
    assert!(
        pages.len() > 2 + counts.iter().sum::<usize>(),
        "blank pages were added"
    );
    // Each country's bookmark leads to an odd-numbered page.
    let mut starts = Vec::new();
    for (title, d) in common::pack::bookmarks(&pdf) {
        let dest = d.get(b"Dest").ok().and_then(|x| dest_page(&pdf, x, &pages));
        if !["Country factsheets", "Contents"].contains(&title.as_str()) {
            starts.push((title, dest.unwrap()));
        }
    }
    assert_eq!(starts.len(), 3, "{starts:?}");
    for (title, page) in starts {
        assert_eq!((page + 1) % 2, 1, "{title} starts on page {}", page + 1);
    }
}

#[test]
fn the_same_pack_twice_gives_the_same_bytes() {
    assert!(pack(false).0 == pack(false).0);
}

#[test]
fn contents_entries_have_dot_leaders_to_their_numbers() {
    use factsheet::layout::front::{ContentsEntry, front};
    use factsheet::layout::{ItemKind, RegionKind};
    let theme = common::example_theme();
    let (fonts, design) =
        factsheet::pipeline::resolve(&factsheet::doc::Document::bare("en"), &theme)
            .ok()
            .unwrap();
    let entries: Vec<ContentsEntry> = ["Bolivia", "Peru", "Kenya"]
        .iter()
        .enumerate()
        .map(|(i, t)| ContentsEntry {
            title: (*t).into(),
            page: 2 + i,
        })
        .collect();
    let laid = front(&common::pack::front(None), &entries, &design, &fonts).unwrap();
    let contents = &laid.pages[1];
    let area = contents
        .regions
        .iter()
        .find(|r| r.kind == RegionKind::Front)
        .unwrap()
        .rect;
    let leaders: Vec<_> = contents
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Rule {
                from, to, dotted, ..
            } if *dotted => Some((from.x, to.x)),
            _ => None,
        })
        .collect();
    assert_eq!(leaders.len(), entries.len(), "{leaders:?}");
    for (from, to) in leaders {
        // From after the title to before the number, inside the text area.
        assert!(from > area.x + factsheet::units::Pt(20.0) && to < area.x + area.w);
        assert!(to - from > area.w * 0.5);
    }
}
