//! The order ECMA-376 (transitional WordprocessingML, Part 1 §17) gives
//! the children of the elements a factsheet uses. Word refuses a document
//! whose children are out of this order; docx-rs writes many of them in
//! its own order, so [`super::canonical`] sorts every part by these lists.
//!
//! `*` stands for any child not named (kept in its original order): the
//! content of a paragraph, a run or a cell, whose order is the text's.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Children of `parent` in schema order, or `None` where order is free
/// or already right.
pub fn order(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:styles" => &["w:docDefaults", "w:latentStyles", "w:style"],
        "w:docDefaults" => &["w:rPrDefault", "w:pPrDefault"],
        "w:style" => STYLE,
        "w:body" => &["*", "w:sectPr"],
        "w:p" => &["w:pPr", "*"],
        "w:r" => &["w:rPr", "*"],
        "w:tbl" => &["w:tblPr", "w:tblGrid", "*"],
        "w:tr" => &["w:tblPrEx", "w:trPr", "*"],
        "w:tc" => &["w:tcPr", "*"],
        "w:pPr" => PPR,
        "w:rPr" => RPR,
        "w:sectPr" => SECTPR,
        "w:tblPr" => TBLPR,
        "w:tcPr" => TCPR,
        "w:pBdr" => &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:between",
            "w:bar",
        ],
        "w:tblBorders" | "w:tcBorders" => &[
            "w:top",
            "w:left|w:start",
            "w:bottom",
            "w:right|w:end",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
        "w:tblCellMar" | "w:tcMar" => &["w:top", "w:left|w:start", "w:bottom", "w:right|w:end"],
        "wp:inline" => &[
            "wp:extent",
            "wp:effectExtent",
            "wp:docPr",
            "wp:cNvGraphicFramePr",
            "a:graphic",
        ],
        "wp:anchor" => &[
            "wp:simplePos",
            "wp:positionH",
            "wp:positionV",
            "wp:extent",
            "wp:effectExtent",
            "wp:wrapNone|wp:wrapSquare|wp:wrapTight|wp:wrapThrough|wp:wrapTopAndBottom",
            "wp:docPr",
            "wp:cNvGraphicFramePr",
            "a:graphic",
        ],
        "pic:pic" => &["pic:nvPicPr", "pic:blipFill", "pic:spPr"],
        _ => return None,
    })
}

const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];

/// CT_PPr: CT_PPrBase, then the paragraph mark's rPr, sectPr, pPrChange.
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// CT_ParaRPr and CT_RPr share EG_RPrBase; the revision marks lead.
const RPR: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

const SECTPR: &[&str] = &[
    "w:headerReference|w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

const TBLPR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
];

const TCPR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns|w:cellDel|w:cellMerge",
    "w:tcPrChange",
];

/// The ranks of the children of `parent`, as a map looked up once per
/// child (the canonical pass ranks every child of every property element).
pub struct Ranks {
    by_name: HashMap<&'static str, usize>,
    other: usize,
}

impl Ranks {
    pub fn of(&self, child: &str) -> usize {
        self.by_name.get(child).copied().unwrap_or(self.other)
    }
}

/// The ranks for `parent`, built once per process from [`order`].
pub fn ranks(parent: &str) -> Option<&'static Ranks> {
    static ALL: OnceLock<HashMap<&'static str, Ranks>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        PARENTS
            .iter()
            .filter_map(|p| {
                let order = order(p)?;
                let mut by_name = HashMap::new();
                for (i, entry) in order.iter().enumerate() {
                    for name in entry.split('|').filter(|n| *n != "*") {
                        by_name.insert(name, i);
                    }
                }
                let other = rank(order, "");
                Some((*p, Ranks { by_name, other }))
            })
            .collect()
    });
    all.get(parent)
}

/// Every parent [`order`] knows.
const PARENTS: &[&str] = &[
    "w:styles",
    "w:docDefaults",
    "w:style",
    "w:body",
    "w:p",
    "w:r",
    "w:tbl",
    "w:tr",
    "w:tc",
    "w:pPr",
    "w:rPr",
    "w:sectPr",
    "w:tblPr",
    "w:tcPr",
    "w:pBdr",
    "w:tblBorders",
    "w:tcBorders",
    "w:tblCellMar",
    "w:tcMar",
    "wp:inline",
    "wp:anchor",
    "pic:pic",
];

/// Where `child` goes among the children of an element ordered by
/// `order`: its index, else that of `*`, else after everything.
pub fn rank(order: &[&str], child: &str) -> usize {
    let mut star = order.len();
    for (i, entry) in order.iter().enumerate() {
        if *entry == "*" {
            star = i;
        } else if entry.split('|').any(|n| n == child) {
            return i;
        }
    }
    star
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_the_schema() {
        let ppr = order("w:pPr").unwrap();
        assert!(rank(ppr, "w:pStyle") < rank(ppr, "w:jc"));
        assert!(rank(ppr, "w:jc") < rank(ppr, "w:rPr"));
        let body = order("w:body").unwrap();
        assert!(rank(body, "w:p") < rank(body, "w:sectPr"));
        let tcb = order("w:tcBorders").unwrap();
        assert_eq!(rank(tcb, "w:start"), rank(tcb, "w:left"));
    }

    #[test]
    fn every_parent_has_its_ranks() {
        for p in PARENTS {
            let order = order(p).unwrap();
            let r = ranks(p).unwrap();
            for entry in order.iter().filter(|e| **e != "*") {
                let name = entry.split('|').next().unwrap();
                assert_eq!(r.of(name), rank(order, name), "{p} {name}");
            }
            assert_eq!(r.of("w:unknown"), rank(order, "w:unknown"));
        }
    }
}
