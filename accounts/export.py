"""Sections of "export my data". Each app adds its own in settings.KINDRED_EXPORT_SECTIONS.

A section is a function taking the user and returning (key, JSON-serialisable data). Only
rows the user owns go in; secrets (password hash, TOTP seeds, recovery codes) never do.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession


def account_section(user):
    return "account", {
        "email": user.email,
        "display_name": user.display_name,
        "time_zone": user.time_zone,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_factor": [
            {"type": a.type, "created_at": a.created_at.isoformat()}
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
        "sessions": [
            {
                "ip": s.ip,
                "user_agent": s.user_agent,
                "created_at": s.created_at.isoformat(),
                "last_seen_at": s.last_seen_at.isoformat() if s.last_seen_at else None,
            }
            for s in UserSession.objects.filter(user=user).order_by("created_at")
        ],
    }
