from django.urls import include, path

from plans import calendar_views, guide_views, invitation_views, plan_views, ritual_views

urlpatterns = [
    path("guide/", guide_views.guide_index, name="guide"),
    path("guide/<slug:slug>/", guide_views.guide_section, name="guide_section"),
    path("plan/", plan_views.plan, name="plan"),
    path("plan/stop/", plan_views.plan_stop, name="plan_stop"),
    path("plan/day/<int:number>/", plan_views.plan_day, name="plan_day"),
    path("plan/<int:pk>/", plan_views.plan_history, name="plan_history"),
    path("rituals/", ritual_views.ritual_list, name="rituals"),
    path("rituals/new/", ritual_views.ritual_new, name="ritual_new"),
    path("rituals/catalog/", ritual_views.ritual_catalog, name="ritual_catalog"),
    path("rituals/<int:pk>/", ritual_views.ritual_detail, name="ritual_detail"),
    path("rituals/<int:pk>/edit/", ritual_views.ritual_edit, name="ritual_edit"),
    path("rituals/<int:pk>/check-in/", ritual_views.ritual_check_in_view, name="ritual_check_in"),
    path("rituals/<int:pk>/active/", ritual_views.ritual_set_active, name="ritual_set_active"),
    path("rituals/<int:pk>/delete/", ritual_views.ritual_delete_view, name="ritual_delete"),
    path("rituals/<int:pk>/calendar.ics", ritual_views.ritual_ics, name="ritual_ics"),
    path(
        "rituals/<int:pk>/invite/<int:person_pk>/",
        invitation_views.ritual_invite,
        name="ritual_invite",
    ),
    path("invitation/<str:token>/", invitation_views.invitation_respond, name="invitation_respond"),
    path(
        "invitation/<str:token>/never/", invitation_views.invitation_never, name="invitation_never"
    ),
    path(
        "invitation/<str:token>/manage/",
        invitation_views.invitation_manage,
        name="invitation_manage",
    ),
    path(
        "invitation/<str:token>/unsubscribe/",
        invitation_views.invitation_unsubscribe,
        name="invitation_unsubscribe",
    ),
    path(
        "invitation/<str:token>/calendar.ics",
        invitation_views.invitation_calendar,
        name="invitation_calendar",
    ),
    path("calendar/", calendar_views.calendar_manage, name="calendar"),
    path("calendar/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path("", include("reminders.urls")),
]
