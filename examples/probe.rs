use factsheet::theme::load_theme;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let theme = load_theme(std::path::Path::new("reports/theme.toml"))
        .0
        .unwrap();
    let (loaded, d) = factsheet::job::load_document(std::path::Path::new(&path), &theme, None);
    for x in d {
        eprintln!("{}", x.render_plain());
    }
    let doc = loaded.unwrap().1;
    let p = match factsheet::pipeline::prepare(&doc, &theme) {
        Ok(p) => p,
        Err(e) => {
            for d in e.diagnostics {
                eprintln!("{}", d.render_plain());
            }
            return;
        }
    };
    let l = &p.layout;
    dbg_lines(l);
    let body: Vec<_> = l.lines.iter().collect();
    let hy = body.iter().filter(|r| r.hyphenated).count();
    let just: Vec<_> = body
        .iter()
        .filter(|r| r.justified && r.has_spaces)
        .collect();
    let avg = just.iter().map(|r| r.space_factor).sum::<f64>() / just.len().max(1) as f64;
    let loose = just.iter().filter(|r| r.space_factor > 1.5).count();
    let minsf = just.iter().map(|r| r.space_factor).fold(9.0, f64::min);
    println!("min space factor {minsf:.3}");
    let maxls = body.iter().map(|r| r.letter_spacing).fold(0.0, f64::max);
    let over = body
        .iter()
        .filter(|r| r.width.0 > r.measure.0 + 0.01)
        .count();
    println!(
        "pages {} lines {} hyphenated {} ({:.1}%) avg space {:.2} loose(>1.5) {} max tracking {:.3}em overfull {}",
        l.pages.len(),
        body.len(),
        hy,
        100.0 * hy as f64 / body.len() as f64,
        avg,
        loose,
        maxls,
        over
    );
}
#[allow(dead_code)]
fn dbg_lines(l: &factsheet::layout::Layout) {
    for c in &l.columns {
        println!("page {} col {} items {}", c.page, c.column, c.items.len());
    }
}
