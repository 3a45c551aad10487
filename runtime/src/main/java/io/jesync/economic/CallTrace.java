package io.jesync.economic;

/** Where a failed call went and how e-conomic identified it, for log lines and support requests. */
record CallTrace(String method, String path, int status, String requestId, String logId) {

    @Override
    public String toString() {
        return "(" + method + " " + path + ", HTTP " + (status == 0 ? "none" : Integer.toString(status))
                + ", X-RequestId " + (requestId == null ? "none" : requestId)
                + ", logId " + (logId == null ? "none" : logId) + ")";
    }
}
