//! The one paginator: every list the API and the CLI page (organizations, ties, metrics rows,
//! each gap list) goes through [`Window`], so limits are checked and totals counted the same
//! way everywhere.

use crate::i18n::{Expected, Refusal};

/// A window on a list: skip `offset` items, keep at most `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Items skipped.
    pub offset: usize,
    /// Largest number of items kept.
    pub limit: usize,
}

impl Window {
    /// Everything: no item skipped, none cut.
    pub const ALL: Window = Window {
        offset: 0,
        limit: usize::MAX,
    };

    /// The window a request asks for: a given `limit` must lie in `1..=max` (the error says
    /// what is allowed); without one, `default` (which may be [`usize::MAX`]: everything).
    /// `offset` defaults to 0.
    pub fn new(
        limit: Option<usize>,
        offset: Option<usize>,
        default: usize,
        max: usize,
    ) -> Result<Window, Refusal> {
        if let Some(limit) = limit.filter(|l| !(1..=max).contains(l)) {
            return Err(Refusal::BadValue {
                name: "limit".into(),
                value: limit.to_string(),
                expected: Expected::Whole {
                    min: Some(1.0),
                    above: None,
                    max: Some(max as f64),
                },
            });
        }
        Ok(Window {
            offset: offset.unwrap_or(0),
            limit: limit.unwrap_or(default),
        })
    }

    /// The items inside the window, and how many there are in all. O(total) time, O(limit)
    /// memory: items outside the window are counted and dropped.
    pub fn apply<T>(self, items: impl IntoIterator<Item = T>) -> (usize, Vec<T>) {
        let mut total = 0;
        let mut page = Vec::new();
        for item in items {
            if total >= self.offset && page.len() < self.limit {
                page.push(item);
            }
            total += 1;
        }
        (total, page)
    }

    /// [`Window::apply`] for a list whose length is known: nothing after the window is
    /// produced (a mapping that words each item runs for the skipped items and the page, not
    /// for the rest of the list), O(offset + limit) time.
    pub fn apply_exact<I>(self, items: I) -> (usize, Vec<I::Item>)
    where
        I: IntoIterator,
        I::IntoIter: ExactSizeIterator,
    {
        let items = items.into_iter();
        let total = items.len();
        (total, items.skip(self.offset).take(self.limit).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn windows_count_everything_and_keep_the_page() {
        let w = Window::new(Some(2), Some(3), 50, 10).expect("valid");
        assert_eq!(w.apply(0..10), (10, vec![3, 4]));
        assert_eq!(w.apply(0..4), (4, vec![3]));
        assert_eq!(w.apply(0..2), (2, vec![]));
        assert_eq!(Window::ALL.apply(0..3), (3, vec![0, 1, 2]));
        for items in [0..10, 0..4, 0..2, 0..0] {
            assert_eq!(w.apply_exact(items.clone()), w.apply(items));
        }
        // Nothing after the window is produced (the 3 skipped items are, and dropped).
        let mut produced = 0;
        let (total, page) = w.apply_exact((0..1000).inspect(|_| produced += 1));
        assert_eq!((total, page, produced), (1000, vec![3, 4], 5));
        assert_eq!(Window::new(None, None, 50, 100).map(|w| w.limit), Ok(50));
        let refused = Window::new(Some(0), None, 50, 100).map_err(|r| r.render(Lang::En));
        assert_eq!(
            refused,
            Err("limit = \"0\": expected a whole number from 1 to 100".to_owned())
        );
        assert!(Window::new(Some(101), None, 50, 100).is_err());
    }
}
