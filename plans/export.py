"""The plan's and rituals' sections of "export my data". The calendar feed's secret is left
out: it is a key, not data about the person."""

from plans.models import Enrollment, Ritual, RitualInvitation


def _iso(value):
    return value.isoformat() if value else None


def plan_section(user):
    return "plans", [
        {
            "starts_on": e.starts_on.isoformat(),
            "reminder_time": e.reminder_time.strftime("%H:%M"),
            "status": e.status,
            "created_at": e.created_at.isoformat(),
            "ended_at": _iso(e.ended_at),
            "days": [
                {
                    "day": d.number,
                    "completed_at": _iso(d.completed_at),
                    "completed_on": _iso(d.completed_on),
                    "note": d.note,
                    "people": [p.pk for p in d.people.all()],
                    "messaged": d.messaged_id,
                    "felt_best": d.felt_best,
                    "to_repeat": d.to_repeat,
                    "ritual": d.ritual_id,
                }
                for d in e.entries.all()
            ],
        }
        for e in Enrollment.objects.filter(owner=user)
        .prefetch_related("entries__people")
        .order_by("pk")
    ]


def rituals_section(user):
    return "rituals", [
        {
            "id": r.pk,
            "title": r.title,
            "description": r.description,
            "cadence": r.cadence,
            "weekdays": r.weekdays,
            "times_per_week": r.times_per_week,
            "month_week": r.month_week,
            "local_time": r.local_time.strftime("%H:%M"),
            "duration_minutes": r.duration_minutes,
            "people": [p.pk for p in r.people.all()],
            "channel": r.channel,
            "is_active": r.is_active,
            "reminder_lead_minutes": r.reminder_lead_minutes,
            "created_at": r.created_at.isoformat(),
            "check_ins": [
                {
                    "occurrence_at": c.occurrence_at.isoformat(),
                    "status": c.status,
                    "feeling": c.feeling,
                    "note": c.note,
                }
                for c in sorted(r.check_ins.all(), key=lambda c: c.occurrence_at)
            ],
        }
        for r in Ritual.objects.filter(owner=user)
        .prefetch_related("people", "check_ins")
        .order_by("pk")
    ]


def _answers(invitation):
    return [
        {"occurrence_at": a.occurrence_at.isoformat(), "answer": a.status}
        for a in sorted(invitation.answers.all(), key=lambda a: a.occurrence_at)
    ]


def invitations_section(user):
    """Both sides: the invitations the user sent, and those they received at an address
    their account has verified. The received side holds none of the inviter's data beyond
    what the invitation showed."""
    sent = (
        RitualInvitation.objects.filter(owner=user)
        .prefetch_related("answers")
        .order_by("created_at", "pk")
    )
    received = (
        RitualInvitation.objects.filter(invitee_user=user)
        .select_related("ritual")
        .prefetch_related("answers")
        .order_by("created_at", "pk")
    )
    return "invitations", {
        "sent": [
            {
                "ritual": i.ritual_id,
                "person": i.person_id,
                "email": i.email,
                "status": i.status,
                "your_name": i.inviter_name,
                "personal_line": i.personal_line,
                "share_your_email": i.share_owner_email,
                "their_name": i.invitee_name,
                "their_time_zone": i.time_zone,
                "their_reminders": i.wants_reminders,
                "created_at": i.created_at.isoformat(),
                "answered_at": _iso(i.answered_at),
                "left_at": _iso(i.left_at),
                "answers": _answers(i),
            }
            for i in sent
        ],
        "received": [
            {
                "ritual_title": i.ritual.title,
                "from": i.inviter_name,
                "email": i.email,
                "status": i.status,
                "your_name": i.invitee_name,
                "time_zone": i.time_zone,
                "reminders": i.wants_reminders,
                "created_at": i.created_at.isoformat(),
                "answered_at": _iso(i.answered_at),
                "answers": _answers(i),
            }
            for i in received
        ],
    }
