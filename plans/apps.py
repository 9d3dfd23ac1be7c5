from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Plans and rituals"

    def ready(self):
        from landscape.services import assessment_fact_register
        from plans.reminder_kinds import PlanDayKind, ReflectionKind, RitualKind
        from plans.selectors import has_weekly_ritual
        from reminders.kinds import kind_register

        for kind in (PlanDayKind(), RitualKind(), ReflectionKind()):
            kind_register(kind)
        assessment_fact_register("has_weekly_ritual", has_weekly_ritual)
