package com.careslot.notification.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mail counts by type and in total. */
record NotificationStats(List<TypeCounts> byType, Counts total) {

    record Counts(long sent, long failed, long pending, long deadLettered) {
    }

    record TypeCounts(String type, long sent, long failed, long pending, long deadLettered) {
    }

    static NotificationStats of(Map<MailType, long[]> counts) {
        List<TypeCounts> byType = new ArrayList<>();
        long[] total = new long[4];
        counts.forEach((type, c) -> {
            byType.add(new TypeCounts(type.name(), c[0], c[1], c[2], c[3]));
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
        });
        return new NotificationStats(byType, new Counts(total[0], total[1], total[2], total[3]));
    }
}
