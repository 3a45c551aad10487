package io.jesync.economic;

/** The two document types the order flow can create; each is created in its collection of drafts. */
public enum DocumentKind {
    DRAFT_INVOICE(DocumentCollection.INVOICE_DRAFTS),
    ORDER(DocumentCollection.ORDER_DRAFTS);

    private final DocumentCollection drafts;

    DocumentKind(DocumentCollection drafts) {
        this.drafts = drafts;
    }

    public DocumentCollection drafts() {
        return drafts;
    }
}
