use factsheet::theme::load_theme;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let needle = std::env::args().nth(2).unwrap();
    let theme = load_theme(std::path::Path::new("reports/theme.toml"))
        .0
        .unwrap();
    let doc = factsheet::job::load_document(std::path::Path::new(&path), &theme, None)
        .0
        .unwrap()
        .1;
    let p = factsheet::pipeline::prepare(&doc, &theme).ok().unwrap();
    for page in &p.layout.pages {
        for it in &page.items {
            if let factsheet::layout::ItemKind::Text(r) = &it.kind {
                if r.text.contains(&needle) {
                    println!("{:?}", r.text);
                    for g in &r.glyphs {
                        print!(
                            "[{} {:?} {:.2}]",
                            g.id,
                            &r.text[g.text.clone()],
                            g.advance.0
                        );
                    }
                    println!();
                }
            }
        }
    }
}
