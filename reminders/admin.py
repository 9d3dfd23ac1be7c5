from django.contrib import admin

from reminders.models import Delivery, ReminderPreferences, ReminderSchedule


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["pk", "owner_email", "kind", "due_at", "state", "attempts", "sent_at"]
    list_filter = ["state", "schedule__kind"]
    search_fields = ["schedule__owner__email", "message_id"]
    date_hierarchy = "due_at"
    list_select_related = ["schedule__owner"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    @admin.display(ordering="schedule__owner__email", description="owner")
    def owner_email(self, delivery):
        return delivery.schedule.owner.email

    @admin.display(ordering="schedule__kind")
    def kind(self, delivery):
        return delivery.schedule.get_kind_display()


@admin.register(ReminderSchedule)
class ReminderScheduleAdmin(admin.ModelAdmin):
    list_display = ["pk", "owner", "kind", "source_key", "due_at", "next_fire_at", "zone", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["owner__email", "source_key"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]


@admin.register(ReminderPreferences)
class ReminderPreferencesAdmin(admin.ModelAdmin):
    list_display = ["owner", "daily_cap", "paused_until", "quiet_start", "quiet_end"]
    search_fields = ["owner__email"]
    raw_id_fields = ["owner"]
