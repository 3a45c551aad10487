-- A product import is followed by the shop's own reference for it: on Norce one job id, or several joined by '+'
-- when the rows of a batch carried different fields and so went as separate jobs.
ALTER TABLE product_sync_item ALTER COLUMN job_id SET DATA TYPE VARCHAR(200);
