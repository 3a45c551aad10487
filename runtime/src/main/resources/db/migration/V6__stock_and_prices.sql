-- Stock and prices from e-conomic to the shops (docs/flows/stock-and-prices.md).

-- The newest reading of each e-conomic product the flow has seen, shared by all shops: one poll feeds them all.
-- source_updated is the product's lastUpdated; a reading older than the stored one is ignored, so an
-- out-of-order answer can never bring back an old stock figure or price.
CREATE TABLE economic_article (
    article_no VARCHAR(64) NOT NULL,
    in_stock NUMERIC(19, 4) NOT NULL,
    available NUMERIC(19, 4) NOT NULL,
    incoming NUMERIC(19, 4) NOT NULL,
    sales_price NUMERIC(19, 4),
    product_group INTEGER,
    barred BOOLEAN NOT NULL,
    source_updated TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_economic_article PRIMARY KEY (article_no)
);

-- What each shop should show and what it was last sent, per article and kind ('ONHAND', or 'PRICE:' and a
-- price-list code). Values are absolute (never deltas) in a canonical text form; dirty rows are the ones whose
-- wanted value has not reached the shop yet. pending_qty is the quantity of shop orders not yet in e-conomic
-- that was subtracted from the stock figure.
CREATE TABLE shop_article_value (
    shop_id VARCHAR(64) NOT NULL,
    kind VARCHAR(80) NOT NULL,
    article_no VARCHAR(64) NOT NULL,
    source_updated TIMESTAMP WITH TIME ZONE NOT NULL,
    wanted VARCHAR(200) NOT NULL,
    pushed VARCHAR(200),
    pending_qty NUMERIC(19, 4) DEFAULT 0 NOT NULL,
    dirty BOOLEAN NOT NULL,
    attempts INTEGER DEFAULT 0 NOT NULL,
    reason VARCHAR(4000),
    pushed_at TIMESTAMP WITH TIME ZONE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- article_no first: look-ups are "these articles of one shop", and H2 only uses an index for IN (...) on its
    -- leading column.
    CONSTRAINT pk_shop_article_value PRIMARY KEY (article_no, shop_id, kind)
);

CREATE INDEX ix_shop_article_value_dirty ON shop_article_value (shop_id, dirty, kind);
-- Articles whose stock had shop orders subtracted, read every tick.
CREATE INDEX ix_shop_article_value_pending ON shop_article_value (shop_id, kind, pending_qty);

-- Products e-conomic's stock webhook named, waiting to be re-read (the webhook says only "something changed").
CREATE TABLE economic_article_reread (
    article_no VARCHAR(64) NOT NULL,
    marked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_economic_article_reread PRIMARY KEY (article_no)
);
