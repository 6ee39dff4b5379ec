"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@tracemed/consumer/format";
import { useI18n } from "@/lib/i18n/client";

/**
 * Tells the server the reader's time zone (a cookie for a year) the first time it differs from what the page was
 * drawn with, and redraws the page in it: dates say UTC only until the browser has been asked.
 */
export function TimeZoneSync() {
  const { timeZone } = useI18n();
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // IANA names are cookie-safe as they are ("Asia/Shanghai"); anything else is left alone.
    if (!zone || zone === timeZone || !/^[\w/+-]{1,64}$/.test(zone)) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [timeZone, router]);
  return null;
}
