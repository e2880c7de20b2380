//! How many items of a report's lists to show (`puentes gaps --limit`, `/api/v1/gaps?limit=`).

use crate::i18n::Refusal;

/// Most items one list of a report shows at once (`--all` in the CLI shows every one).
pub const MAX_LIST_ITEMS: usize = 10_000;

/// Items a list shows when no limit is given.
pub const DEFAULT_LIST_ITEMS: usize = 50;

/// Items per list: a whole number from 1 to [`MAX_LIST_ITEMS`].
///
/// ```
/// use puentes::params::list_limit;
/// assert_eq!(list_limit("20"), Ok(20));
/// assert!(list_limit("0").is_err());
/// assert!(list_limit("10001").is_err());
/// ```
pub fn list_limit(text: &str) -> Result<usize, Refusal> {
    super::whole_in("limit", text, 1, MAX_LIST_ITEMS)
}
