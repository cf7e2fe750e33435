package com.checkup.booking.rpc;

import com.checkup.booking.domain.CheckInCode;
import com.checkup.booking.app.BookingChanges;
import com.checkup.booking.app.BookingQueries;
import com.checkup.booking.app.Holds;
import com.checkup.booking.app.CatalogueQueries;
import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.persistence.CatalogueRepository.ExamItem;
import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.ExamItemView;
import com.checkup.contracts.booking.HoldRequest;
import com.checkup.contracts.booking.CityView;
import com.checkup.contracts.booking.HospitalPage;
import com.checkup.contracts.booking.HospitalView;
import com.checkup.platform.paging.Keyset;
import com.checkup.contracts.booking.PackageView;
import com.checkup.contracts.booking.SlotAvailability;
import com.checkup.platform.privacy.Masking;
import java.util.List;
import java.util.Map;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter: maps and delegates, nothing else. Personal numbers leave this service masked. */
@DubboService
public class BookingRpcService implements BookingService {
    private final CatalogueQueries catalogue;
    private final Holds holds;
    private final BookingQueries bookings;
    private final BookingChanges changes;

    public BookingRpcService(CatalogueQueries catalogue, Holds holds, BookingQueries bookings, BookingChanges changes) {
        this.catalogue = catalogue;
        this.holds = holds;
        this.bookings = bookings;
        this.changes = changes;
    }

    @Override
    public List<HospitalView> hospitals() {
        return catalogue.hospitals().stream().map(BookingRpcService::view).toList();
    }

    @Override
    public HospitalPage hospitalPage(String city, String cursor, Integer limit) {
        Keyset.Page<Hospital> page = catalogue.hospitals(city, cursor, limit);
        HospitalPage out = new HospitalPage();
        out.setItems(page.rows().stream().map(BookingRpcService::view).toList());
        out.setNextCursor(page.nextCursor());
        return out;
    }

    @Override
    public HospitalView hospital(String hospitalId) {
        return view(catalogue.hospital(hospitalId));
    }

    @Override
    public List<CityView> cities() {
        return catalogue.cities().entrySet().stream().map(e -> {
            CityView v = new CityView();
            v.setCity(e.getKey());
            v.setHospitals(e.getValue());
            return v;
        }).toList();
    }

    static HospitalView view(Hospital h) {
        HospitalView v = new HospitalView();
        v.setHospitalId(h.id());
        v.setName(h.name());
        v.setCity(h.city());
        v.setTimezone(h.zone().getId());
        return v;
    }

    @Override
    public List<PackageView> packages(String hospitalId) {
        List<CheckupPackage> packages = catalogue.packages(hospitalId);
        return packageViews(packages, catalogue.items(packages));
    }

    /** Packages as the catalogue shows them (HR's bookable hospitals show them the same way). */
    static List<PackageView> packageViews(List<CheckupPackage> packages, Map<String, List<ExamItem>> items) {
        return packages.stream().map(p -> {
            PackageView v = new PackageView();
            v.setPackageId(p.id());
            v.setHospitalId(p.hospitalId());
            v.setName(p.name());
            v.setPriceCents(p.priceCents());
            v.setGender(p.gender());
            v.setMinAge(p.minAge());
            v.setMaxAge(p.maxAge());
            v.setItems(items.getOrDefault(p.id(), List.of()).stream().map(i -> {
                ExamItemView iv = new ExamItemView();
                iv.setItemId(i.id());
                iv.setName(i.name());
                iv.setResource(i.resource());
                return iv;
            }).toList());
            return v;
        }).toList();
    }

    @Override
    public List<SlotAvailability> availability(String hospitalId, String packageId, String from, String to) {
        return catalogue.availability(hospitalId, packageId, from, to).stream().map(a -> {
            SlotAvailability v = new SlotAvailability();
            v.setDate(a.date().toString());
            v.setPeriod(a.period().name());
            v.setRemaining(a.remaining());
            v.setOpen(a.open());
            return v;
        }).toList();
    }

    @Override
    public BookingView hold(HoldRequest request) {
        return view(holds.hold(request));
    }

    @Override
    public BookingView get(String bookingId) {
        return view(bookings.get(bookingId));
    }

    @Override
    public List<BookingView> mine() {
        return bookings.mine().stream().map(BookingRpcService::view).toList();
    }

    @Override
    public BookingView cancel(String bookingId, String reason) {
        return view(changes.cancel(bookingId, reason));
    }

    @Override
    public BookingView reschedule(String bookingId, String date, String period) {
        return view(changes.reschedule(bookingId, date, period));
    }

    static BookingView view(Booking b) {
        BookingView v = new BookingView();
        v.setBookingId(b.id());
        v.setOrderId(b.orderId());
        v.setStatus(b.status());
        v.setHospitalId(b.hospitalId());
        v.setPackageId(b.packageId());
        v.setDate(b.slot().date().toString());
        v.setPeriod(b.slot().period().name());
        v.setAmountCents(b.amountCents());
        v.setHoldExpiresAt(b.holdExpiresAt() == null ? null : b.holdExpiresAt().toString());
        v.setExamineeName(b.examinee().name());
        v.setIdNumberMasked(Masking.idNumber(b.examinee().idNumber()));
        v.setPhoneMasked(Masking.phone(b.examinee().phone()));
        v.setCancelReason(b.cancelReason());
        v.setCheckInCode(CheckInCode.of(b.id()));
        v.setConsumerId(b.consumerId());
        v.setCreatedAt(b.createdAt().toString());
        v.setUpdatedAt(b.updatedAt().toString());
        return v;
    }
}
