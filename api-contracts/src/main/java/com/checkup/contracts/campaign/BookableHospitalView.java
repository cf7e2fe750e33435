package com.checkup.contracts.campaign;

import com.checkup.contracts.booking.PackageView;
import java.io.Serializable;
import java.util.List;

/**
 * A hospital HR's company may run campaigns at (it has an active agreement there): the hospital, the agreement's
 * limits on a campaign's daily share, and the packages the hospital sells.
 */
public class BookableHospitalView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String hospitalId;
    private String name;
    private String city;
    /** IANA zone of the hospital; a campaign's dates are in this zone */
    private String timezone;
    /** the most places of a slot the company's campaigns there may set aside together */
    private int maxDailyShare;
    /** the largest part of one slot (percent) the company's campaigns there may set aside together */
    private int maxSlotSharePercent;
    /** the hospital's packages, as the consumer catalogue shows them */
    private List<PackageView> packages;

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }

    public int getMaxDailyShare() {
        return maxDailyShare;
    }

    public void setMaxDailyShare(int maxDailyShare) {
        this.maxDailyShare = maxDailyShare;
    }

    public int getMaxSlotSharePercent() {
        return maxSlotSharePercent;
    }

    public void setMaxSlotSharePercent(int maxSlotSharePercent) {
        this.maxSlotSharePercent = maxSlotSharePercent;
    }

    public List<PackageView> getPackages() {
        return packages;
    }

    public void setPackages(List<PackageView> packages) {
        this.packages = packages;
    }
}
