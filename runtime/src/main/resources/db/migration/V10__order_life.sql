-- Order life: an operator can skip a parked or failed reversal (the reason stays on it), and each running
-- instance announces itself, so a second process with the same instance id refuses to start instead of
-- taking over the first one's live claims.

ALTER TABLE order_reversal DROP CONSTRAINT ck_order_reversal_state;
ALTER TABLE order_reversal ADD CONSTRAINT ck_order_reversal_state CHECK (state IN
    ('NEW', 'SENDING', 'IN_DOUBT', 'CREATED', 'DONE', 'PARKED', 'FAILED', 'SKIPPED'));

-- One row per instance id: the process life that holds it, and a beat it counts up while it lives. Liveness is
-- seen as the beat moving, so the instances' clocks do not have to agree.
CREATE TABLE instance_presence (
    instance_id VARCHAR(128) NOT NULL PRIMARY KEY,
    owner VARCHAR(160) NOT NULL,
    beat BIGINT NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    beat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
