"use server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import type { CalendarFeedState } from "@/components/account/calendar-feed-form";
import { formAction } from "@/lib/actions/form-action";
import { disableCalendarFeed, resetCalendarFeed } from "@/lib/calendar/feed";
import { absoluteUrl } from "@/lib/config/base-url";

const schema = z.object({ intent: z.enum(["on", "reset", "off"]) });

export const calendarFeedAction = formAction<typeof schema, "student", CalendarFeedState>(
  { schema, access: "student" },
  async (input, { user, requestId }) => {
    const t = await getTranslations("account.calendar");
    if (input.intent === "off") {
      await disableCalendarFeed(user, requestId);
      return { status: "success", message: t("turnedOff"), data: { enabled: false } };
    }
    const path = await resetCalendarFeed(user, requestId);
    return {
      status: "success",
      message: t(input.intent === "on" ? "turnedOn" : "wasReset"),
      data: { enabled: true, url: absoluteUrl(path) },
    };
  },
);
