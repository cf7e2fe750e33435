package com.checkup.booking.app;

import com.checkup.booking.domain.Campaign;
import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.EntitlementCode;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Roster;
import com.checkup.booking.persistence.EntitlementRepository;
import com.checkup.booking.persistence.EntitlementRepository.EntitlementWrite;
import com.checkup.booking.persistence.RosterImportRepository;
import com.checkup.booking.domain.RosterImport;
import com.checkup.contracts.campaign.EntitlementEvent;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.events.EventPublisher;
import com.checkup.platform.events.Json;
import com.checkup.platform.privacy.FieldCipher;
import com.checkup.platform.retry.RetryPolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Roster uploads. The header is checked at once (a file that is no roster is refused with its reason); the rows
 * are then checked and kept in the background, {@link #BATCH} at a time, each batch in one transaction with the
 * import's progress, so HR can watch a large roster go in. Employees are matched by employee number: a row like
 * the stored one changes nothing, a changed one updates the employee (their code stays), a new one gets an
 * entitlement, a code and {@code entitlement.granted} (message-service sends the code).
 */
@Service
public class RosterImports {
    static final int BATCH = 500;
    static final int MAX_ERRORS_KEPT = 1000;
    private static final Logger log = LoggerFactory.getLogger(RosterImports.class);

    private final CampaignCommands commands;
    private final EntitlementRepository entitlements;
    private final RosterImportRepository imports;
    private final CatalogueQueries catalogue;
    private final EventPublisher events;
    private final FieldCipher cipher;
    private final TransactionTemplate tx;
    private final ExecutorService importThreads;
    private final Clock clock;

    public RosterImports(CampaignCommands commands, EntitlementRepository entitlements, RosterImportRepository imports, CatalogueQueries catalogue,
                         EventPublisher events, FieldCipher cipher, TransactionTemplate tx, ExecutorService importThreads,
                         Clock clock) {
        this.commands = commands;
        this.entitlements = entitlements;
        this.imports = imports;
        this.catalogue = catalogue;
        this.events = events;
        this.cipher = cipher;
        this.tx = tx;
        this.importThreads = importThreads;
        this.clock = clock;
    }

    public RosterImport start(String campaignId, byte[] csv) {
        Campaign c = commands.campaign(campaignId);
        if (c.cancelled()) {
            throw new BusinessException(ErrorCode.CONFLICT, "Campaign " + c.name() + " was cancelled");
        }
        if (catalogue.hospital(c.hospitalId()).today(clock.instant()).isAfter(c.endDate())) {
            throw new BusinessException(ErrorCode.CONFLICT, "Campaign " + c.name() + " closed on " + c.endDate());
        }
        Roster roster = Roster.parse(csv);
        String id = "RI" + UUID.randomUUID().toString().replace("-", "");
        boolean started = Boolean.TRUE.equals(tx.execute(s -> imports.insertImportIfNoneRunning(id, c.id(), roster.rows(),
                BookingAccess.actor(), clock.instant())));
        if (!started) {
            throw new BusinessException(ErrorCode.CONFLICT, "A roster import of campaign " + c.id()
                    + " is running; wait for it to finish (GET its progress) before uploading again");
        }
        CallContext caller = CallContextHolder.current().orElse(null);
        try {
            importThreads.execute(() -> {
                try (var ignored = caller == null ? null : CallContextHolder.bind(caller)) {
                    run(id, c, roster);
                }
            });
        } catch (RejectedExecutionException full) {
            // Every queued import holds its file in memory: the queue is bounded, and a full one says "later".
            imports.finishImport(id, "FAILED", "not started: too many roster imports are waiting; upload again in a minute",
                    clock.instant());
            throw new BusinessException(ErrorCode.TOO_MANY_REQUESTS, "Too many roster imports are waiting; upload again in a minute");
        }
        log.info("Roster import {} for campaign {}: {} rows", id, c.id(), roster.rows());
        return imports.findImport(id).orElseThrow();
    }

    public RosterImport find(String campaignId, String importId) {
        Campaign c = commands.campaign(campaignId);
        String id = CatalogueQueries.required("importId", importId);
        return imports.findImport(id).filter(i -> i.campaignId().equals(c.id()))
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No roster import " + id));
    }

    void run(String importId, Campaign c, Roster roster) {
        try {
            Hospital h = catalogue.hospital(c.hospitalId());
            Map<String, CheckupPackage> offered = new LinkedHashMap<>();
            c.packageIds().forEach(p -> offered.put(p, catalogue.packageOf(h, p)));
            Map<String, String> stored = entitlements.rowHashes(c.id());
            Map<String, Integer> seen = new HashMap<>();
            List<Map<String, Object>> errors = new ArrayList<>();
            int[] n = new int[4]; // created, updated, unchanged, rejected
            int rows = roster.rows();
            for (int from = 0; from < rows; from += BATCH) {
                List<EntitlementWrite> inserts = new ArrayList<>();
                List<EntitlementWrite> updates = new ArrayList<>();
                for (int i = from; i < Math.min(rows, from + BATCH); i++) {
                    Object checked = roster.check(i, offered, c.startDate(), h.today(clock.instant()));
                    if (checked instanceof Roster.Entry e) {
                        Integer earlier = seen.putIfAbsent(e.employeeNo(), e.line());
                        if (earlier != null) {
                            checked = new Roster.Rejection(e.line(), e.employeeNo(), "employee_no " + e.employeeNo()
                                    + " appears again (first on line " + earlier + "); the first is kept");
                        } else {
                            String hash = rowHash(c.id(), e);
                            String before = stored.get(e.employeeNo());
                            if (before == null) {
                                inserts.add(write(e, "E" + UUID.randomUUID().toString().replace("-", ""), EntitlementCode.next(), hash));
                                n[0]++;
                            } else if (!before.equals(hash)) {
                                updates.add(write(e, null, null, hash));
                                n[1]++;
                            } else {
                                n[2]++;
                            }
                            stored.put(e.employeeNo(), hash);
                        }
                    }
                    if (checked instanceof Roster.Rejection r) {
                        n[3]++;
                        if (errors.size() < MAX_ERRORS_KEPT) {
                            Map<String, Object> err = new LinkedHashMap<>();
                            err.put("line", r.line());
                            err.put("employeeNo", r.employeeNo());
                            err.put("reason", r.reason());
                            errors.add(err);
                        }
                    }
                }
                int processed = Math.min(rows, from + BATCH);
                String errorsJson = json(errors);
                tx.executeWithoutResult(s -> {
                    Instant now = clock.instant();
                    entitlements.insertEntitlements(c.id(), inserts, now);
                    entitlements.updateEntitlements(c.id(), updates, now);
                    events.publishAll(Topics.CAMPAIGN, EntitlementEvent.GRANTED,
                            inserts.stream().map(w -> new EventPublisher.Outgoing(w.id(), granted(c, w))).toList());
                    imports.progress(importId, processed, n[0], n[1], n[2], n[3], errorsJson);
                });
            }
            imports.finishImport(importId, "DONE", null, clock.instant());
            log.info("Roster import {} done: {} new, {} updated, {} unchanged, {} rejected", importId, n[0], n[1], n[2], n[3]);
        } catch (RuntimeException e) {
            log.error("Roster import {} failed", importId, e);
            imports.finishImport(importId, "FAILED", RetryPolicy.clip("the import stopped (" + RetryPolicy.describe(e)
                    + "); rows kept so far stay, upload the roster again to finish"), clock.instant());
        }
    }

    private EntitlementWrite write(Roster.Entry e, String id, String code, String hash) {
        return new EntitlementWrite(id, e.employeeNo(), code, e.examinee(), cipher.encrypt(e.examinee().idNumber()),
                cipher.encrypt(e.examinee().phone()), e.packageId(), hash);
    }

    /** A keyed hash of the row's data (not a plain hash: ID numbers are few enough to guess from one). */
    private String rowHash(String campaignId, Roster.Entry e) {
        return cipher.blindIndex(String.join("\u001f", campaignId, e.employeeNo(), e.examinee().name(),
                e.examinee().gender().name(), e.examinee().birthDate().toString(), e.examinee().idNumber(),
                e.examinee().phone(), e.packageId()));
    }

    private static EntitlementEvent granted(Campaign c, EntitlementWrite w) {
        EntitlementEvent ev = new EntitlementEvent();
        ev.setEntitlementId(w.id());
        ev.setCampaignId(c.id());
        ev.setCompanyId(c.companyId());
        ev.setHospitalId(c.hospitalId());
        ev.setEmployeeNo(w.employeeNo());
        ev.setEmployeeName(w.examinee().name());
        ev.setPackageId(w.packageId());
        ev.setCode(w.code());
        ev.setStartDate(c.startDate().toString());
        ev.setEndDate(c.endDate().toString());
        return ev;
    }

    private static String json(List<Map<String, Object>> errors) {
        try {
            return Json.MAPPER.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
