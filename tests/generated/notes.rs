//! Notes: every footnote's text is on the page of its first marker
//! (`Page::note_refs` holds the markers of a page, `Page::notes` the notes
//! whose text starts on it, in the order they are set), and the notes are
//! set in the order of their numbers, which is the order their markers
//! are read (a right-to-left line gave them in visual order once).

use factsheet::doc::Document;
use factsheet::layout::Layout;

pub fn check(doc: &Document, l: &Layout) -> Result<(), String> {
    let mut problems = Vec::new();
    for note in &doc.notes {
        let n = note.number;
        let marker = l.pages.iter().position(|p| p.note_refs.contains(&n));
        let text: Vec<usize> = l
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.notes.contains(&n))
            .map(|(i, _)| i + 1)
            .collect();
        match marker {
            None => problems.push(format!(
                "note {n}: its marker is on no page (text on pages {text:?})"
            )),
            Some(p) if !text.contains(&(p + 1)) => problems.push(format!(
                "note {n}: first marker on page {}, text on pages {text:?}",
                p + 1
            )),
            Some(_) => {}
        }
    }
    let set: Vec<u32> = l
        .pages
        .iter()
        .flat_map(|p| p.notes.iter().copied())
        .collect();
    if set.windows(2).any(|w| w[0] >= w[1]) {
        problems.push(format!("notes set in the order {set:?}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "notes: {} of {} notes misplaced: {}",
            problems.len(),
            doc.notes.len(),
            problems.join("; ")
        ))
    }
}
