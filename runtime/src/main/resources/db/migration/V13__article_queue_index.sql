-- The stock and price push reads its queue a round at a time: a shop's dirty rows, least-tried first
-- (ArticleSyncStore.dirty, ORDER BY attempts, kind, article_no). With only (shop_id, dirty, kind) to go by, both
-- databases sorted every dirty row of the shop for each round of imports: a million rows per round in the first push
-- of a 500,000-article catalogue. This index holds the rows in the read's own order, so a round reads its rows and
-- stops. It also serves everything the index it replaces served (the dirty count reads shop_id and dirty only).
CREATE INDEX ix_shop_article_value_queue ON shop_article_value (shop_id, dirty, attempts, kind, article_no);
DROP INDEX ix_shop_article_value_dirty;
