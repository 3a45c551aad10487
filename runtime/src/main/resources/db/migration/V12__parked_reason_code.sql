-- Why an order is parked, as a code beside the sentence (MISSING_EMAIL, ARTICLE_NOT_IN_ECONOMIC, ...): the console
-- groups parked orders by it. NULL where the reason has no code (an operator's park, a failure being retried).
ALTER TABLE order_ledger ADD COLUMN reason_code VARCHAR(64);
