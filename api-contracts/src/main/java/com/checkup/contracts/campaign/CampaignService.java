package com.checkup.contracts.campaign;

import java.util.List;

/**
 * Corporate group check-ups (团检) for HR, scoped to the caller's company (persona {@code HR}, tenant = company id):
 * another company's campaign answers NOT_FOUND, any other persona FORBIDDEN. HR sees attendance, never a medical
 * result: nothing here carries one.
 */
public interface CampaignService {
    /** Starts a campaign with a hospital; the company pays (no consumer payment). VALIDATION_FAILED names the field. */
    CampaignView create(CampaignRequest request);

    /**
     * Cancels a campaign: no employee can book with its codes any more, and the places it set aside go back to
     * everyone at once. Bookings already made stay. A repeat is a no-op.
     */
    CampaignView cancel(String campaignId);

    /**
     * The hospitals the company may run campaigns at (an active agreement), by hospital id, each with the agreement's
     * limits and the hospital's packages.
     */
    List<BookableHospitalView> hospitals();

    /** The company's campaigns, newest first. */
    List<CampaignView> campaigns();

    CampaignView campaign(String campaignId);

    /**
     * Uploads a roster as CSV (UTF-8; header {@code employee_no,name,gender,birth_date,id_number,phone,package}). The
     * rows are checked and kept in the background; the answer is the import, RUNNING, to follow with
     * {@link #rosterImport}. Employees are matched by employee number: uploading the same roster again changes
     * nothing, a changed row updates that employee. A missing or wrong header is VALIDATION_FAILED at once.
     */
    RosterImportView importRoster(String campaignId, byte[] csv);

    /** An import's progress, counts and rejected lines (with line numbers and reasons). */
    RosterImportView rosterImport(String campaignId, String importId);

    /** Per employee: not booked, booked, checked in, completed (or no-show), with counts. */
    CampaignProgress progress(String campaignId);

    /** The same progress as a CSV file. */
    CsvFile progressCsv(String campaignId);
}
