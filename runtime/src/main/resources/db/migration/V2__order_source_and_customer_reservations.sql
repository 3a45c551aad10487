-- The shop's own id of each order (to re-read it before a retry) and the shop order as it was read
-- (support timeline, and the input a retry maps again when the shop cannot be reached).
ALTER TABLE order_ledger ADD COLUMN platform_order_id BIGINT;
ALTER TABLE order_ledger ADD COLUMN shop_order TEXT;

-- A binding row is inserted before the e-conomic customer is created, so two workers that meet the same
-- new shop customer at once cannot both create one: the row's holder creates, the other waits.
ALTER TABLE customer_binding ALTER COLUMN economic_customer_number DROP NOT NULL;
ALTER TABLE customer_binding ADD COLUMN claimed_by VARCHAR(128);
ALTER TABLE customer_binding ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
