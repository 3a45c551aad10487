package io.jesync.status;

/**
 * Where one planned shop action stands. PENDING and FAILED are still to do (FAILED once its back-off is over);
 * DONE, SKIPPED and PARKED are final until a person re-queues a parked one.
 */
public enum ActionState {
    PENDING, DONE, SKIPPED, FAILED, PARKED;

    /** Still to be carried out, now or after a back-off. */
    public boolean open() {
        return this == PENDING || this == FAILED;
    }
}
