//! One store into another, for `newskg db copy --from news.db --to
//! postgres://…` (and back): a user who started on one machine keeps
//! everything when moving up to a server.
//!
//! Articles stream from the source in key order and are written in
//! batches, each batch one transaction, as ingestion would store them (same
//! keys, the same URLs with their feed times, the same facts), so a copy
//! exports exactly as the original. Then the entity labels, the feeds and
//! the queue (claims become `todo`). Copying into a store that already
//! holds articles merges: a copied article replaces one with the same key
//! only if its content differs. An interrupted copy can simply be run again.

use super::{Store, StoreError, StoredArticle};

/// Articles written per transaction.
const BATCH: usize = 200;

/// What a copy carried.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyReport {
    /// Articles.
    pub articles: u64,
    /// Entity rows.
    pub entities: u64,
    /// Feeds.
    pub feeds: u64,
    /// Queue entries.
    pub queue: u64,
}

/// Copies everything `from` holds into `to`; `progress` hears the number of
/// articles copied so far after every batch.
pub fn copy(
    from: &dyn Store,
    to: &mut dyn Store,
    mut progress: impl FnMut(u64),
) -> Result<CopyReport, StoreError> {
    let mut report = CopyReport::default();
    let mut batch: Vec<StoredArticle> = Vec::with_capacity(BATCH);
    from.each_stored(&mut |article| {
        batch.push(article);
        if batch.len() >= BATCH {
            to.put_stored(&batch)?;
            report.articles += batch.len() as u64;
            batch.clear();
            progress(report.articles);
        }
        Ok(())
    })?;
    if !batch.is_empty() {
        to.put_stored(&batch)?;
        report.articles += batch.len() as u64;
        progress(report.articles);
    }
    let entities = from.entity_rows()?;
    to.put_entity_rows(&entities)?;
    report.entities = entities.len() as u64;
    for feed in from.stats()?.feeds {
        to.put_feed(&feed)?;
        report.feeds += 1;
    }
    let queue = from.queue_rows()?;
    to.put_queue_rows(&queue)?;
    report.queue = queue.len() as u64;
    Ok(report)
}
