"""The social landscape's sections of "export my data"."""

from landscape.models import Assessment, Interaction, Person


def people_section(user):
    return "people", [
        {
            "id": p.pk,
            "name": p.name,
            "kind": p.kind,
            "closeness": p.closeness,
            "energy": p.energy,
            "needs_met": p.needs_met,
            "reciprocity": p.reciprocity,
            "contact_now": p.contact_now,
            "contact_wished": p.contact_wished,
            "channels": p.channels,
            "status": p.status,
            "notes": p.notes,
            "email": p.email,
            "last_contact_on": p.last_contact_on.isoformat() if p.last_contact_on else None,
            "archived_at": p.archived_at.isoformat() if p.archived_at else None,
            "created_at": p.created_at.isoformat(),
            "important_dates": [
                {
                    "kind": d.kind,
                    "label": d.label,
                    "month": d.month,
                    "day": d.day,
                    "year": d.year,
                    "remind_days_before": d.remind_days_before,
                }
                for d in p.important_dates.all()
            ],
        }
        for p in Person.objects.filter(owner=user)
        .prefetch_related("important_dates")
        .order_by("pk")
    ]


def interactions_section(user):
    return "interactions", [
        {
            "occurred_on": i.occurred_on.isoformat(),
            "people": [p.pk for p in i.people.all()],
            "channel": i.channel,
            "feeling": i.feeling,
            "note": i.note,
            "is_micro": i.is_micro,
        }
        for i in Interaction.objects.filter(owner=user).prefetch_related("people").order_by("pk")
    ]


def assessments_section(user):
    return "assessments", [
        {
            "id": a.pk,
            "started_at": a.started_at.isoformat(),
            "completed_at": a.completed_at.isoformat() if a.completed_at else None,
            "step": a.step,
            "cravings": a.cravings,
            "missing_note": a.missing_note,
            "ucla_answers": a.ucla_answers,
            "ucla_score": a.ucla_score,
            "lsns_answers": a.lsns_answers,
            "lsns_score": a.lsns_score,
            "reflection": a.reflection,
            "people": a.people_snapshot,
            "context": a.context_snapshot,
        }
        for a in Assessment.objects.filter(owner=user).order_by("pk")
    ]
