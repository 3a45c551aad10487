package io.jesync.simulator.economic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Journals (daybooks), their unbooked entries, the agreement's accounting years and the entries booked in them.
 * Held by {@link EconomicStore} and guarded by its lock like every other resource.
 */
final class EconomicJournals {
    /** A journal as {@code journals.journalNumber.get} shows it, without links. */
    record Journal(int journalNumber, String name, Integer customerPaymentContraAccount, int minimumVoucherNumber,
                   int maximumVoucherNumber) {
    }

    record AccountingYear(String year, LocalDate fromDate, LocalDate toDate, boolean closed) {
        boolean covers(LocalDate date) {
            return !date.isBefore(fromDate) && !date.isAfter(toDate);
        }
    }

    final NavigableMap<Integer, Journal> journals = new TreeMap<>();
    /** Unbooked entries per journal, each as {@code journals.journalNumber.entries.get} lists it. */
    final NavigableMap<Integer, List<ObjectNode>> pending = new TreeMap<>();
    final NavigableMap<String, AccountingYear> years = new TreeMap<>();
    /** Booked entries per accounting year, each as {@code accounting-years.accountingYear.entries.get} lists it. */
    final NavigableMap<String, List<ObjectNode>> booked = new TreeMap<>();
    /** The highest voucher number used per accounting year, booked or not. */
    final NavigableMap<String, Integer> lastVoucher = new TreeMap<>();
    int lastJournalEntryNumber;
    int lastEntryNumber;

    void addJournal(Journal journal) {
        journals.put(journal.journalNumber(), journal);
        pending.put(journal.journalNumber(), new ArrayList<>());
    }

    void addYear(AccountingYear year) {
        years.put(year.year(), year);
        booked.put(year.year(), new ArrayList<>());
    }

    void clear() {
        journals.clear();
        pending.clear();
        years.clear();
        booked.clear();
        lastVoucher.clear();
        lastJournalEntryNumber = 0;
        lastEntryNumber = 0;
    }
}
