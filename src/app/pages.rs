//! Screen lines laid out on demand, block by block, for one text width.
//!
//! A position is a block and a line within that block's lines (its separating blank
//! line included), so scrolling, jumping and resizing cost what is shown, not what the
//! document holds: a 100 MB briefing is laid out one screen at a time. Laid-out blocks
//! are cached until the width changes; the cache is bounded.

use std::collections::HashMap;

use crate::document::Document;
use crate::layout::{DisplayLine, RenderOptions, block_lines};

/// Blocks kept laid out before the cache starts afresh: far more than a screen needs.
const MAX_CACHED_BLOCKS: usize = 4096;

/// A screen line: the block and the line within its lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinePos {
    pub block: usize,
    pub line: usize,
}

/// The laid-out lines of a document, made as they are needed.
#[derive(Debug, Default)]
pub struct Pages {
    options: Option<RenderOptions>,
    cache: HashMap<usize, Vec<DisplayLine>>,
    /// The highest top line for a page of so many lines: asked at every move, and a
    /// page's worth of steps back from the end to find.
    max_top: Option<(usize, LinePos)>,
}

impl Pages {
    /// Uses new layout options; the cache is dropped when they differ.
    pub fn set_options(&mut self, options: RenderOptions) {
        if self.options != Some(options) {
            self.options = Some(options);
            self.cache.clear();
            self.max_top = None;
        }
    }

    /// The lines of one block.
    pub fn block(&mut self, doc: &Document, block: usize) -> &[DisplayLine] {
        if !self.cache.contains_key(&block) {
            if self.cache.len() >= MAX_CACHED_BLOCKS {
                self.cache.clear();
            }
            let options = self.options.unwrap_or_default();
            self.cache.insert(block, block_lines(doc, block, &options));
        }
        self.cache.get(&block).map_or(&[], Vec::as_slice)
    }

    pub fn get(&mut self, doc: &Document, pos: LinePos) -> Option<&DisplayLine> {
        self.block(doc, pos.block).get(pos.line)
    }

    /// The line after `pos`, if any.
    pub fn next(&mut self, doc: &Document, pos: LinePos) -> Option<LinePos> {
        if pos.line + 1 < self.block(doc, pos.block).len() {
            return Some(LinePos {
                line: pos.line + 1,
                ..pos
            });
        }
        let mut block = pos.block + 1;
        while block < doc.blocks.len() {
            if !self.block(doc, block).is_empty() {
                return Some(LinePos { block, line: 0 });
            }
            block += 1;
        }
        None
    }

    /// The line before `pos`, if any.
    pub fn previous(&mut self, doc: &Document, pos: LinePos) -> Option<LinePos> {
        if pos.line > 0 {
            return Some(LinePos {
                line: pos.line - 1,
                ..pos
            });
        }
        let mut block = pos.block;
        while block > 0 {
            block -= 1;
            let count = self.block(doc, block).len();
            if count > 0 {
                return Some(LinePos {
                    block,
                    line: count - 1,
                });
            }
        }
        None
    }

    /// `pos` moved by `delta` lines, stopping at either end.
    pub fn advance(&mut self, doc: &Document, mut pos: LinePos, delta: isize) -> LinePos {
        for _ in 0..delta.unsigned_abs() {
            let step = if delta > 0 {
                self.next(doc, pos)
            } else {
                self.previous(doc, pos)
            };
            match step {
                Some(next) => pos = next,
                None => break,
            }
        }
        pos
    }

    /// The last line of the document.
    pub fn last(&mut self, doc: &Document) -> LinePos {
        let start = LinePos {
            block: doc.blocks.len(),
            line: 0,
        };
        self.previous(doc, start).unwrap_or_default()
    }

    /// The highest top line that still fills a page of `page` lines.
    pub fn max_top(&mut self, doc: &Document, page: usize) -> LinePos {
        if let Some((made_for, top)) = self.max_top
            && made_for == page
        {
            return top;
        }
        let last = self.last(doc);
        let top = self.advance(
            doc,
            last,
            -isize::try_from(page.saturating_sub(1)).unwrap_or(isize::MAX),
        );
        self.max_top = Some((page, top));
        top
    }

    /// The line that shows byte `offset` of the text: the last line starting at or
    /// before it (a blank line carries its block's start, so ties go to the text).
    pub fn line_at(&mut self, doc: &Document, offset: usize) -> LinePos {
        let block = doc
            .blocks
            .partition_point(|block| block.span.start <= offset)
            .saturating_sub(1);
        let lines = self.block(doc, block);
        let line = lines
            .partition_point(|line| line.source().start <= offset)
            .saturating_sub(1);
        LinePos { block, line }
    }

    /// Up to `count` lines from `pos` on, and where the last of them is (`pos` when
    /// there are none).
    pub fn window(
        &mut self,
        doc: &Document,
        pos: LinePos,
        count: usize,
    ) -> (Vec<DisplayLine>, LinePos) {
        let mut lines = Vec::with_capacity(count.min(256));
        let mut last = pos;
        let mut current = Some(pos);
        while let Some(at) = current {
            if lines.len() >= count {
                break;
            }
            match self.get(doc, at) {
                Some(line) => lines.push(line.clone()),
                None => break,
            }
            last = at;
            current = self.next(doc, at);
        }
        (lines, last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::render;
    use crate::parse::parse_text;

    fn pages(width: usize) -> Pages {
        let mut pages = Pages::default();
        pages.set_options(RenderOptions {
            width,
            ..RenderOptions::default()
        });
        pages
    }

    #[test]
    fn walking_line_by_line_gives_the_whole_rendering() {
        let doc = parse_text(include_str!("../../data/briefing.txt"));
        let mut pages = pages(37);
        let all = render(
            &doc,
            &RenderOptions {
                width: 37,
                ..RenderOptions::default()
            },
        );
        let (walked, _) = pages.window(&doc, LinePos::default(), usize::MAX);
        assert_eq!(walked, all);
        let last = pages.last(&doc);
        assert_eq!(pages.get(&doc, last), all.last());
        let back = pages.advance(&doc, last, -isize::try_from(all.len()).unwrap_or(0));
        assert_eq!(back, LinePos::default());
    }

    #[test]
    fn line_at_finds_the_line_of_an_offset() {
        let doc = parse_text(include_str!("../../data/briefing.txt"));
        let mut pages = pages(40);
        let offset = doc.text.find("二是创建难度").expect("present");
        let pos = pages.line_at(&doc, offset);
        let line = pages.get(&doc, pos).expect("a line").clone();
        assert!(
            line.source().start <= offset && offset < line.source().end,
            "{line:?}"
        );
    }

    #[test]
    fn the_highest_top_line_follows_the_page_and_the_width() {
        let doc = parse_text(include_str!("../../data/briefing.txt"));
        let mut reused = pages(37);
        let fresh = |width: usize, page: usize| {
            let mut fresh = pages(width);
            let last = fresh.last(&doc);
            fresh.advance(&doc, last, 1 - isize::try_from(page).unwrap_or(0))
        };
        for (width, page) in [(37, 10), (37, 10), (37, 25), (60, 25), (20, 25), (20, 3)] {
            reused.set_options(RenderOptions {
                width,
                ..RenderOptions::default()
            });
            assert_eq!(
                reused.max_top(&doc, page),
                fresh(width, page),
                "{width}×{page}"
            );
        }
    }

    #[test]
    fn an_empty_document_has_no_lines() {
        let doc = parse_text("");
        let mut pages = pages(40);
        assert!(pages.window(&doc, LinePos::default(), 10).0.is_empty());
        assert_eq!(pages.last(&doc), LinePos::default());
        assert_eq!(pages.line_at(&doc, 0), LinePos::default());
    }
}
