//! Enumerated points inside paragraphs: 一是…二是…, 第一，…第二，…, 首先…其次…最后…, （1）（2）.
//!
//! A point exists only as part of a run of at least two markers of one family numbered
//! 1, 2, 3… in order within one owner's text; 一是优点，一是缺点 is a contrast, not a run.

use std::collections::HashMap;
use std::ops::Range;

use super::markers::{LAST, PointFamily, PointMarker, is_clause_boundary, point_marker};

/// A point marker found in the text, with the paragraph it sits in.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub at: usize,
    pub marker: PointMarker,
    /// The paragraph holding the marker.
    pub paragraph: Range<usize>,
}

/// Finds point markers in `range` of `text`: at clause boundaries and outside quotes.
pub fn candidates(text: &str, range: Range<usize>, out: &mut Vec<Candidate>) {
    let Some(paragraph) = text.get(range.clone()) else {
        return;
    };
    let mut quote_depth: u32 = 0;
    let mut previous: Option<char> = None;
    for (offset, c) in paragraph.char_indices() {
        match c {
            '“' | '《' | '「' | '『' => quote_depth += 1,
            // Real documents have stray closing quotes (a 》 opened nowhere): never below zero.
            '”' | '》' | '」' | '』' => quote_depth = quote_depth.saturating_sub(1),
            _ => {}
        }
        let may_start = quote_depth == 0
            && matches!(
                c,
                '一' | '二'
                    | '三'
                    | '四'
                    | '五'
                    | '六'
                    | '七'
                    | '八'
                    | '九'
                    | '十'
                    | '（'
                    | '('
                    | '首'
                    | '其'
                    | '再'
                    | '最'
                    | '第'
                    | '①'..='⑳'
            )
            && (is_clause_boundary(previous) || matches!(c, '（' | '('));
        previous = Some(c);
        if !may_start {
            continue;
        }
        let Some(rest) = paragraph.get(offset..) else {
            continue;
        };
        if let Some(marker) = point_marker(rest) {
            out.push(Candidate {
                at: range.start + offset,
                marker,
                paragraph: range.clone(),
            });
        }
    }
}

/// Keeps the candidates that form runs of two or more, in document order.
pub fn runs(candidates: &[Candidate]) -> Vec<Vec<Candidate>> {
    let mut open: HashMap<PointFamily, Vec<Candidate>> = HashMap::new();
    let mut finished = Vec::new();
    for candidate in candidates {
        let run = open.entry(candidate.marker.family).or_default();
        let expected = run
            .last()
            .map_or(1, |last| last.marker.number.saturating_add(1));
        let number = candidate.marker.number;
        if number == LAST {
            // 最后 closes a run of two or more (首先…其次…最后); after 首先 alone it is the
            // courtesy frame of a speech (首先，我代表… / 最后，祝…), not a list.
            if run.len() >= 2 {
                run.push(candidate.clone());
                finished.push(std::mem::take(run));
            }
        } else if number == expected {
            run.push(candidate.clone());
        } else if number == 1 {
            finished.push(std::mem::replace(run, vec![candidate.clone()]));
        }
    }
    finished.extend(open.into_values());
    let mut kept: Vec<Vec<Candidate>> = finished.into_iter().filter(|run| run.len() >= 2).collect();
    kept.sort_by_key(|run| run.first().map_or(0, |first| first.at));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(text: &str) -> Vec<Vec<String>> {
        let mut found = Vec::new();
        candidates(text, 0..text.len(), &mut found);
        runs(&found)
            .iter()
            .map(|run| {
                run.iter()
                    .map(|c| {
                        text.get(c.at..c.at + c.marker.len)
                            .unwrap_or_default()
                            .to_owned()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_run_of_shi_points_inside_a_paragraph() {
        assert_eq!(
            markers("存在困难。一是要求高。二是难度大。三是竞争激烈。"),
            vec![vec!["一是", "二是", "三是"]]
        );
    }

    #[test]
    fn yao_ordinal_sequence_and_parenthesised_runs() {
        assert_eq!(markers("一要学习，二要落实。"), vec![vec!["一要", "二要"]]);
        assert_eq!(
            markers("第一，提高认识。第二，加强领导。"),
            vec![vec!["第一", "第二"]]
        );
        assert_eq!(
            markers("第一是学习。第二是落实。"),
            vec![vec!["第一是", "第二是"]]
        );
        assert_eq!(
            markers("首先，统一思想。其次，明确任务。再次，强化落实。最后，加强督查。"),
            vec![vec!["首先", "其次", "再次", "最后"]]
        );
        assert_eq!(
            markers("包括（1）甲；（2）乙。"),
            vec![vec!["（1）", "（2）"]]
        );
    }

    #[test]
    fn a_single_marker_is_not_a_point() {
        assert!(markers("问题很多。一是要求高。").is_empty());
        assert!(markers("最后，我讲一点。").is_empty());
    }

    #[test]
    fn yi_shi_inside_a_word_is_not_a_point() {
        assert!(markers("这是有机统一是关键，二是次要。").is_empty());
    }

    #[test]
    fn ordinal_mid_sentence_is_not_a_point() {
        assert!(markers("经济总量稳居世界第二，第三产业占比提高。").is_empty());
    }

    #[test]
    fn a_contrast_is_not_a_run() {
        assert!(markers("一是优点，一是缺点。").is_empty());
    }

    #[test]
    fn markers_inside_quotes_are_not_points() {
        assert!(markers("提出“一是学习，二是落实”的要求。").is_empty());
    }

    #[test]
    fn ordinal_nouns_do_not_make_runs() {
        assert!(markers("第一个问题是学习。第二个问题是落实。第一步，第二步。").is_empty());
    }

    #[test]
    fn a_new_run_starts_at_one() {
        assert_eq!(
            markers("一是甲。二是乙。另外，一是丙。二是丁。"),
            vec![vec!["一是", "二是"], vec!["一是", "二是"]]
        );
    }
}
