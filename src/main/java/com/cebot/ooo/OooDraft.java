package com.cebot.ooo;

import com.cebot.customer.CustomerChoice;
import java.time.LocalDate;
import java.util.List;

/**
 * A checked /ooo form as it waits in the inbox. {@code periodId} is null for new time off and
 * names the period when editing; {@code zone} is the person's Slack time zone read when the modal
 * opened; {@code plan} is null when left empty.
 */
record OooDraft(
        Long periodId,
        String zone,
        LocalDate firstDay,
        LocalDate lastDay,
        List<String> coverers,
        String plan,
        List<CustomerChoice> customers,
        List<String> steps) {}
