from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Plans and rituals"

    def ready(self):
        from allauth.account.signals import email_confirmed

        from accounts.signals import account_deleting
        from landscape.services import assessment_fact_register
        from plans.invitation_kinds import InviteeNewsKind, InviteeRitualKind
        from plans.invitation_services import on_account_deleting, on_email_confirmed
        from plans.reminder_kinds import PlanDayKind, ReflectionKind, RitualKind
        from plans.selectors import has_weekly_ritual
        from reminders.kinds import kind_register

        for kind in (
            PlanDayKind(),
            RitualKind(),
            ReflectionKind(),
            InviteeRitualKind(),
            InviteeNewsKind(),
        ):
            kind_register(kind)
        assessment_fact_register("has_weekly_ritual", has_weekly_ritual)
        # An owner's account going: each accepted invitee is told the ritual ended.
        account_deleting.connect(on_account_deleting, dispatch_uid="plans-invitations-end")
        # Someone invited confirms that address: the shared rituals appear in their account.
        email_confirmed.connect(on_email_confirmed, dispatch_uid="plans-invitations-link")
